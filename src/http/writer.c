/*
** writer.c — the writer thread and its bounded queue; see writer.h.
**
** A singly linked FIFO of intrusive jobs and a count of outstanding jobs,
** both under one mutex; a condition variable wakes the thread.  The lock
** is held only to link, unlink and count, never while a job runs, so a
** loop that submits or releases waits at most for another such step.
** The count is not the queue's length: a job leaves the queue when the
** thread takes it, but keeps its place until its owner releases it,
** because until then its memory (a copy of the request's body) is still
** held.  That makes max_jobs a bound on memory, not only on waiting.
*/
#include "writer.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>

struct writer {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    writer_job *head, *tail;       /* under lock */
    size_t outstanding;            /* under lock: submitted, not released */
    size_t max_jobs;
    bool stopping;                 /* under lock */
    writer_run_fn run;
    writer_back_fn back;
    store_t *store;                /* the thread's own */
    pthread_t thread;
};

/* The next job, or NULL when stopping and the queue is empty. */
static writer_job *writer_pop(writer_t *wr) {
    pthread_mutex_lock(&wr->lock);
    while (wr->head == NULL && !wr->stopping) pthread_cond_wait(&wr->wake, &wr->lock);
    writer_job *job = wr->head;
    if (job) {
        wr->head = job->next;
        if (wr->head == NULL) wr->tail = NULL;
        job->next = NULL;
    }
    pthread_mutex_unlock(&wr->lock);
    return job;
}

/* The thread: each job in turn, run unless cancelled, then handed back. */
static void *writer_main(void *arg) {
    writer_t *wr = arg;
    writer_job *job;
    while ((job = writer_pop(wr)) != NULL) {
        job->ran = !writer_cancelled(job);
        if (job->ran) wr->run(job, wr->store);
        wr->back(job);
    }
    return NULL;
}

writer_t *writer_start(store_t *store, size_t max_jobs, writer_run_fn run,
                       writer_back_fn back, err_t *err) {
    writer_t *wr = calloc(1, sizeof *wr);
    if (wr == NULL) abort();
    pthread_mutex_init(&wr->lock, NULL);
    pthread_cond_init(&wr->wake, NULL);
    wr->max_jobs = max_jobs > 0 ? max_jobs : 1;
    wr->run = run;
    wr->back = back;
    wr->store = store;
    if (pthread_create(&wr->thread, NULL, writer_main, wr) != 0) {
        store_close(store);
        pthread_cond_destroy(&wr->wake);
        pthread_mutex_destroy(&wr->lock);
        free(wr);
        err_set(err, "cannot start the writer thread");
        return NULL;
    }
    return wr;
}

bool writer_submit(writer_t *wr, writer_job *job) {
    pthread_mutex_lock(&wr->lock);
    bool taken = wr->outstanding < wr->max_jobs;
    if (taken) {
        wr->outstanding++;
        job->next = NULL;
        job->ran = false;
        if (wr->tail) wr->tail->next = job;
        else wr->head = job;
        wr->tail = job;
        pthread_cond_signal(&wr->wake);
    }
    pthread_mutex_unlock(&wr->lock);
    return taken;
}

void writer_cancel(writer_job *job) {
    atomic_store_explicit(&job->cancelled, true, memory_order_release);
}

bool writer_cancelled(writer_job *job) {
    return atomic_load_explicit(&job->cancelled, memory_order_acquire);
}

void writer_release(writer_t *wr, writer_job *job) {
    (void)job;   /* a place is counted, not which job holds it */
    pthread_mutex_lock(&wr->lock);
    assert(wr->outstanding > 0);
    wr->outstanding--;
    pthread_mutex_unlock(&wr->lock);
}

size_t writer_outstanding(writer_t *wr) {
    pthread_mutex_lock(&wr->lock);
    size_t n = wr->outstanding;
    pthread_mutex_unlock(&wr->lock);
    return n;
}

void writer_stop(writer_t *wr) {
    pthread_mutex_lock(&wr->lock);
    wr->stopping = true;
    pthread_cond_signal(&wr->wake);
    pthread_mutex_unlock(&wr->lock);
    pthread_join(wr->thread, NULL);
    store_close(wr->store);
    pthread_cond_destroy(&wr->wake);
    pthread_mutex_destroy(&wr->lock);
    free(wr);
}
