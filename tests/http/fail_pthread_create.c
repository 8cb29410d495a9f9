/*
** fail_pthread_create.c — an LD_PRELOAD library for test_start_failure.py:
** pthread_create fails with EAGAIN from its Nth call on, N the number in
** FAIL_PTHREAD_CREATE_AT (unset: it never fails).  The earlier calls go
** to the next pthread_create in the search order (ASan's, then libc's).
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

typedef int create_fn(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
                   void *(*start)(void *), void *arg) {
    static int calls;
    const char *at = getenv("FAIL_PTHREAD_CREATE_AT");
    int n = __atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST);
    if (at && n >= atoi(at)) return EAGAIN;
    create_fn *next;
    *(void **)&next = dlsym(RTLD_NEXT, "pthread_create");   /* POSIX's idiom */
    return next ? next(thread, attr, start, arg) : ENOSYS;
}
