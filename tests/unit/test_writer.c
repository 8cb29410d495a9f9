/*
** test_writer.c — unit tests for writer.c: the writer thread's queue is
** bounded (a job counts from submit to release, so a job handed back but
** not yet released still holds its place), a cancelled job is handed back
** without running, every job is handed back exactly once and in order,
** and a stop runs what is still queued.
**
** The run function can be held: a test holds the writer inside a job,
** fills the queue behind it, and lets it go.  No store: the writer takes
** NULL (the jobs here touch none).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "writer.h"

enum { MAX_JOBS = 4, MANY = 32 };

typedef struct test_job {
    writer_job wj;                 /* first: the writer's part */
    int id;
    int runs, backs;               /* under probe.lock */
} test_job;

/* What the writer did, seen from the test thread.  lock guards all. */
static struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    bool hold;                     /* run waits while true */
    bool running;                  /* a run is waiting on hold */
    int order[MANY * 2];           /* ids in the order handed back */
    int nback;
} probe = {.lock = PTHREAD_MUTEX_INITIALIZER, .changed = PTHREAD_COND_INITIALIZER};

/* On the writer thread (so no cmocka assertion here: they longjmp). */
static void job_run(writer_job *wj, store_t *store) {
    (void)store;
    test_job *job = (test_job *)wj;
    pthread_mutex_lock(&probe.lock);
    job->runs++;
    probe.running = true;
    pthread_cond_broadcast(&probe.changed);
    while (probe.hold) pthread_cond_wait(&probe.changed, &probe.lock);
    probe.running = false;
    pthread_mutex_unlock(&probe.lock);
}

static void job_back(writer_job *wj) {
    test_job *job = (test_job *)wj;
    pthread_mutex_lock(&probe.lock);
    job->backs++;
    probe.order[probe.nback++] = job->id;
    pthread_cond_broadcast(&probe.changed);
    pthread_mutex_unlock(&probe.lock);
}

static void probe_reset(bool hold) {
    pthread_mutex_lock(&probe.lock);
    probe.hold = hold;
    probe.running = false;
    probe.nback = 0;
    pthread_mutex_unlock(&probe.lock);
}

static void probe_release_hold(void) {
    pthread_mutex_lock(&probe.lock);
    probe.hold = false;
    pthread_cond_broadcast(&probe.changed);
    pthread_mutex_unlock(&probe.lock);
}

/* Wait until the writer is held inside a run. */
static void wait_running(void) {
    pthread_mutex_lock(&probe.lock);
    while (!probe.running) pthread_cond_wait(&probe.changed, &probe.lock);
    pthread_mutex_unlock(&probe.lock);
}

/* Wait until n jobs in all were handed back. */
static void wait_backs(int n) {
    pthread_mutex_lock(&probe.lock);
    while (probe.nback < n) pthread_cond_wait(&probe.changed, &probe.lock);
    pthread_mutex_unlock(&probe.lock);
}

static writer_t *start(size_t max_jobs) {
    err_t err;
    writer_t *wr = writer_start(NULL, max_jobs, job_run, job_back, &err);
    assert_non_null(wr);
    return wr;
}

static void queue_is_bounded_until_release(void **state) {
    (void)state;
    test_job jobs[MAX_JOBS + 2];
    memset(jobs, 0, sizeof jobs);
    probe_reset(true);
    writer_t *wr = start(MAX_JOBS);
    for (int i = 0; i < MAX_JOBS + 2; i++) jobs[i].id = i;
    assert_true(writer_submit(wr, &jobs[0].wj));
    wait_running();                               /* the writer holds job 0 */
    for (int i = 1; i < MAX_JOBS; i++) assert_true(writer_submit(wr, &jobs[i].wj));
    assert_int_equal(writer_outstanding(wr), MAX_JOBS);
    assert_false(writer_submit(wr, &jobs[MAX_JOBS].wj));   /* full */
    assert_int_equal(writer_outstanding(wr), MAX_JOBS);
    probe_release_hold();
    wait_backs(MAX_JOBS);
    /* every job handed back, none released: still full */
    assert_false(writer_submit(wr, &jobs[MAX_JOBS].wj));
    writer_release(wr, &jobs[0].wj);
    assert_int_equal(writer_outstanding(wr), MAX_JOBS - 1);
    assert_true(writer_submit(wr, &jobs[MAX_JOBS].wj));
    assert_false(writer_submit(wr, &jobs[MAX_JOBS + 1].wj));
    wait_backs(MAX_JOBS + 1);
    for (int i = 1; i <= MAX_JOBS; i++) writer_release(wr, &jobs[i].wj);
    assert_int_equal(writer_outstanding(wr), 0);
    writer_stop(wr);
    for (int i = 0; i <= MAX_JOBS; i++) {
        assert_int_equal(jobs[i].runs, 1);
        assert_int_equal(jobs[i].backs, 1);
        assert_true(jobs[i].wj.ran);
    }
    assert_int_equal(jobs[MAX_JOBS + 1].runs + jobs[MAX_JOBS + 1].backs, 0);
}

static void cancelled_job_is_dropped_before_it_runs(void **state) {
    (void)state;
    test_job jobs[3];
    memset(jobs, 0, sizeof jobs);
    probe_reset(true);
    writer_t *wr = start(MAX_JOBS);
    for (int i = 0; i < 3; i++) jobs[i].id = i;
    assert_true(writer_submit(wr, &jobs[0].wj));
    wait_running();
    assert_true(writer_submit(wr, &jobs[1].wj));
    assert_true(writer_submit(wr, &jobs[2].wj));
    writer_cancel(&jobs[1].wj);                   /* reset while queued */
    writer_cancel(&jobs[0].wj);                   /* reset while running */
    assert_true(writer_cancelled(&jobs[1].wj));
    assert_false(writer_cancelled(&jobs[2].wj));
    probe_release_hold();
    wait_backs(3);
    assert_int_equal(jobs[0].runs, 1);            /* too late: it ran */
    assert_true(jobs[0].wj.ran);
    assert_int_equal(jobs[1].runs, 0);            /* dropped */
    assert_false(jobs[1].wj.ran);
    assert_int_equal(jobs[1].backs, 1);           /* but handed back */
    assert_int_equal(jobs[2].runs, 1);
    assert_true(jobs[2].wj.ran);
    assert_int_equal(probe.order[0], 0);
    assert_int_equal(probe.order[1], 1);
    assert_int_equal(probe.order[2], 2);
    /* a dropped job holds its place until released, like any other */
    assert_int_equal(writer_outstanding(wr), 3);
    for (int i = 0; i < 3; i++) writer_release(wr, &jobs[i].wj);
    writer_stop(wr);
}

static void stop_runs_what_is_queued(void **state) {
    (void)state;
    test_job jobs[MANY];
    memset(jobs, 0, sizeof jobs);
    probe_reset(true);
    writer_t *wr = start(MANY);   /* room for all: the stop, not the bound */
    for (int i = 0; i < MANY; i++) {
        jobs[i].id = i;
        assert_true(writer_submit(wr, &jobs[i].wj));
        if (i == 0) wait_running();
        if (i % 3 == 2) writer_cancel(&jobs[i].wj);
    }
    probe_release_hold();
    writer_stop(wr);                              /* joins: all are back */
    assert_int_equal(probe.nback, MANY);
    for (int i = 0; i < MANY; i++) {
        assert_int_equal(probe.order[i], i);
        assert_int_equal(jobs[i].backs, 1);
        /* cancelled while job 0 held the writer: never run */
        assert_int_equal(jobs[i].runs, i % 3 == 2 ? 0 : 1);
    }
}

static void at_least_one_place(void **state) {
    (void)state;
    test_job jobs[2];
    memset(jobs, 0, sizeof jobs);
    probe_reset(false);
    writer_t *wr = start(0);
    assert_true(writer_submit(wr, &jobs[0].wj));
    assert_false(writer_submit(wr, &jobs[1].wj));
    wait_backs(1);
    writer_release(wr, &jobs[0].wj);
    assert_true(writer_submit(wr, &jobs[1].wj));
    wait_backs(2);
    writer_release(wr, &jobs[1].wj);
    writer_stop(wr);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(queue_is_bounded_until_release),
        cmocka_unit_test(cancelled_job_is_dropped_before_it_runs),
        cmocka_unit_test(stop_runs_what_is_queued),
        cmocka_unit_test(at_least_one_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
