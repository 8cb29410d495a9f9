/*
** store_test.h — the store's tests, run once for every backend.
**
** The tests of test_store*.c that hold for any backend speak store.h
** only (no SQL, no backend header) and run once for each line of
** STORE_TEST_BACKENDS: a backend added to the store is put through the
** very same tests by adding its line there.  Tests of one backend's own
** storage (SQL on its file) live in test_store_NAME.c.
**
**   store_fixture, store_fixture_setup, store_fixture_teardown
**       cmocka fixtures: *state is a store_fixture, a new, empty store of
**       the backend under test, opened (create) at the location its line
**       makes in a fresh directory /tmp/gazette-store-NAME-XXXXXX, and an
**       arena; the teardown, which cmocka runs even when an assertion
**       fails, closes the store, frees the arena, drops what the location
**       made elsewhere and removes the directory.
**
**   store_test_run(group, tests)
**       run the cmocka array tests once per backend, as groups named
**       "GROUP (NAME)"; returns the number of failures.
*/
#ifndef GAZETTE_TESTS_STORE_TEST_H
#define GAZETTE_TESTS_STORE_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "store.h"

/* A backend as the tests reach it. */
typedef struct store_test_backend {
    const char *name;
    /* The location of a new, empty store into buf (size bytes): dir is a
    ** fresh directory for this test.  -1 when it cannot be made. */
    int (*location)(const char *dir, char *buf, size_t size);
    /* Remove what location made outside dir, after the store is closed
    ** (a server database); NULL when there is nothing. */
    void (*drop)(const char *location);
} store_test_backend;

/* SQLite: a file in the test's directory, which the teardown removes. */
static inline int store_test_sqlite_location(const char *dir, char *buf, size_t size) {
    int n = snprintf(buf, size, "sqlite:%s/gazette.db", dir);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Every backend the store's tests run against. */
static const store_test_backend STORE_TEST_BACKENDS[] = {
    {"sqlite", store_test_sqlite_location, NULL},
};

enum { STORE_TEST_NBACKENDS = sizeof STORE_TEST_BACKENDS / sizeof STORE_TEST_BACKENDS[0] };

/* The backend of the group running now. */
static const store_test_backend *store_test_current;

typedef struct store_fixture {
    const store_test_backend *backend;
    char dir[128];
    char location[512];
    store_t *store;
    arena_t arena;
} store_fixture;

/* Remove directory dir and what is in it (one level: the tests make no
** subdirectories). */
static inline int store_test_rmdir(const char *dir) {
    char cmd[160];
    int n = snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (n < 0 || (size_t)n >= sizeof cmd) return -1;
    return system(cmd) == 0 ? 0 : -1;
}

static inline int store_fixture_setup(void **state) {
    const store_test_backend *b = store_test_current;
    store_fixture *f = calloc(1, sizeof *f);
    if (f == NULL || b == NULL) {
        free(f);
        return -1;
    }
    f->backend = b;
    int n = snprintf(f->dir, sizeof f->dir, "/tmp/gazette-store-%s-XXXXXX", b->name);
    if (n < 0 || (size_t)n >= sizeof f->dir || mkdtemp(f->dir) == NULL) {
        free(f);
        return -1;
    }
    err_t err = {"cannot make a location"};
    if (b->location(f->dir, f->location, sizeof f->location) ||
        store_open(&f->store, f->location, true, &err)) {
        fprintf(stderr, "%s: %s\n", b->name, err.msg);
        store_test_rmdir(f->dir);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static inline int store_fixture_teardown(void **state) {
    store_fixture *f = *state;
    store_close(f->store);
    arena_free(&f->arena);
    if (f->backend->drop) f->backend->drop(f->location);
    int rc = store_test_rmdir(f->dir);
    free(f);
    return rc;
}

#define store_test_run(group, tests) \
    store_test_run_groups((group), (tests), sizeof(tests) / sizeof((tests)[0]))

static inline int store_test_run_groups(const char *group, const struct CMUnitTest *tests,
                                        size_t n) {
    int failed = 0;
    for (size_t i = 0; i < STORE_TEST_NBACKENDS; i++) {
        char name[128];
        store_test_current = &STORE_TEST_BACKENDS[i];
        snprintf(name, sizeof name, "%s (%s)", group, store_test_current->name);
        failed += _cmocka_run_group_tests(name, tests, n, NULL, NULL);
    }
    store_test_current = NULL;
    return failed;
}

#endif
