/*
** writer.h — the writer thread: the one thread that runs the server's
** writes, one after another, on its own store connection, from a bounded
** queue.
**
** Why one thread: a write (a comment's commit) must not hold an event
** loop while SQLite waits for the disk or for another writer's lock, and
** writes run in turn never contend for SQLite's lock among themselves.
** Why bounded: every job holds a copy of its request's body until it is
** done, so an unbounded queue lets one client grow the server without
** limit (issue 8: one HTTP/2 connection queued 60,000 posts in a second).
**
** The contract.
**   - A job is the caller's own struct with a writer_job in it; the
**     writer links it into its queue and never frees it.
**   - At most max_jobs jobs are outstanding at once: a job counts from the
**     writer_submit that took it until the writer_release that gives its
**     place back, so a job that ran, or was dropped, and is on its way
**     back to its owner still counts.  writer_submit refuses a job beyond
**     that (the caller answers "busy").
**   - The writer takes jobs in the order they were submitted.  Before it
**     runs a job it looks at the job's cancelled flag: a cancelled job is
**     not run (job->ran stays false).  writer_cancel may be called from
**     any thread, any time between writer_submit and writer_release.
**   - Every job taken is handed back exactly once, run or not, through
**     the back function, on the writer thread; from then on the writer
**     does not touch it.  Its owner calls writer_release, from any
**     thread, when it is done with it.
**   - writer_stop hands back what is still queued the same way (running
**     the jobs not cancelled), then ends the thread, closes the store and
**     frees the writer; jobs not yet released must not be released after
**     it.
** Locks: the queue and the count of outstanding jobs are under the
** writer's mutex; the cancelled flag is atomic (set by one thread, read
** by the writer); the store and the thread are the writer's own.
*/
#ifndef GAZETTE_WRITER_H
#define GAZETTE_WRITER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "store.h"

typedef struct writer_job {
    struct writer_job *next;       /* the writer's queue */
    atomic_bool cancelled;         /* see writer_cancel */
    bool ran;                      /* set before back: run was called */
} writer_job;

/* Run job against the writer's store (on the writer thread). */
typedef void (*writer_run_fn)(writer_job *job, store_t *store);
/* Give job back to its owner (on the writer thread); the owner's own
** thread must take it from there (a message to its loop). */
typedef void (*writer_back_fn)(writer_job *job);

typedef struct writer writer_t;

/* Start the writer thread over store (the writer's from now on: closed by
** writer_stop, or here when the thread cannot start; NULL is allowed, and
** is what run then gets), taking at most max_jobs outstanding jobs
** (at least 1).  NULL with a message in err when the thread cannot start. */
writer_t *writer_start(store_t *store, size_t max_jobs, writer_run_fn run,
                       writer_back_fn back, err_t *err);

/* Queue job (its writer_job zeroed or fresh: not cancelled) if fewer than
** max_jobs are outstanding; true when taken, false (job untouched) when
** the writer is full. */
bool writer_submit(writer_t *wr, writer_job *job);

/* The job's request is gone: if the writer has not run it yet, it never
** will.  Any thread. */
void writer_cancel(writer_job *job);

/* Whether job was cancelled.  Any thread. */
bool writer_cancelled(writer_job *job);

/* Its owner is done with a job handed back: its place in the queue is free. */
void writer_release(writer_t *wr, writer_job *job);

/* Jobs outstanding now (submitted and not released). */
size_t writer_outstanding(writer_t *wr);

/* Hand back what is queued (running what is not cancelled), end the
** thread, close the store and free wr. */
void writer_stop(writer_t *wr);

#endif
