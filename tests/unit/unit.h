/*
** unit.h — what the unit tests share.  Header only: every function is
** static inline, so a test takes what it needs and links nothing more.
**
**   unit_arena_setup, unit_arena_teardown
**       cmocka fixtures: *state is a fresh, zeroed arena_t, freed by the
**       teardown, which cmocka runs even when an assertion fails.
**
**   unit_store, unit_store_setup, unit_store_teardown
**       cmocka fixtures over a real SQLite file: *state is a unit_store,
**       a store created (store_open, create) at DIR/gazette.db in a new
**       directory /tmp/gazette-NAME-XXXXXX (NAME: the test program's
**       name without "test_"), and an arena; the teardown closes the
**       store, frees the arena and removes the directory.
**
**   unit_slurp(a, path, &len), unit_fixture(a, name, &len)
**       the whole of a file, NUL-terminated, in arena a; len (when not
**       NULL) gets its size in bytes.  unit_fixture reads the file NAME
**       from UNIT_FIXTURES.  Paths are relative to the repository root,
**       where tests run; a file that cannot be opened fails the test.
**
**   unit_count(hay, needle)
**       how many times needle occurs in hay, overlaps included.
**
**   unit_request, unit_request_setup, unit_request_teardown
**       cmocka fixtures: *state is a unit_request, a request_t as a
**       handler gets it (on the fixture's arena, GET, 200, HTML, no body)
**       and the default settings (config_defaults); the teardown frees
**       the body, the arena and the fixture.
*/
#ifndef GAZETTE_TESTS_UNIT_H
#define GAZETTE_TESTS_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "err.h"
#include "file.h"
#include "request.h"
#include "store.h"

#define UNIT_FIXTURES "tests/fixtures/"

/* ------------------------------------------------------------- an arena */

static inline int unit_arena_setup(void **state) {
    arena_t *a = calloc(1, sizeof *a);
    if (a == NULL) return -1;
    *state = a;
    return 0;
}

static inline int unit_arena_teardown(void **state) {
    arena_free(*state);
    free(*state);
    return 0;
}

/* ------------------------------------------------------------- a store */

typedef struct unit_store {
    char dir[128];
    char path[160];
    store_t *store;
    arena_t arena;
} unit_store;

static inline int unit_store_setup(void **state) {
    const char *name = program_invocation_short_name;
    if (strncmp(name, "test_", 5) == 0) name += 5;
    unit_store *f = calloc(1, sizeof *f);
    if (f == NULL) return -1;
    int n = snprintf(f->dir, sizeof f->dir, "/tmp/gazette-%s-XXXXXX", name);
    if (n < 0 || (size_t)n >= sizeof f->dir || mkdtemp(f->dir) == NULL) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/gazette.db", f->dir);
    err_t err;
    if (store_open(&f->store, f->path, true, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static inline int unit_store_teardown(void **state) {
    unit_store *f = *state;
    char cmd[sizeof f->dir + 16];
    store_close(f->store);
    arena_free(&f->arena);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    int rc = system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

/* --------------------------------------------------------------- files */

/* The whole of the file at path, NUL-terminated, in a; the test fails
** (with hint after the reason) when it cannot be read. */
static inline char *unit_read_file(arena_t *a, const char *path, size_t *len,
                                   const char *hint) {
    buf_t b = BUF_INIT;
    err_t err;
    if (file_read_all(path, &b, &err)) fail_msg("%s%s", err.msg, hint);
    char *s = arena_strndup(a, b.data ? b.data : "", b.len);
    if (len != NULL) *len = b.len;
    buf_free(&b);
    return s;
}

static inline char *unit_slurp(arena_t *a, const char *path, size_t *len) {
    return unit_read_file(a, path, len, " (run from the repository root)");
}

static inline char *unit_fixture(arena_t *a, const char *name, size_t *len) {
    char path[256];
    snprintf(path, sizeof path, UNIT_FIXTURES "%s", name);
    return unit_read_file(a, path, len, " (a fixture)");
}

/* ------------------------------------------------------------- strings */

static inline size_t unit_count(const char *hay, const char *needle) {
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++) n++;
    return n;
}

/* ------------------------------------------------------------ a request */

typedef struct unit_request {
    arena_t arena;
    request_t req;
    config_t config;
} unit_request;

static inline int unit_request_setup(void **state) {
    unit_request *f = calloc(1, sizeof *f);
    if (f == NULL) return -1;
    config_defaults(&f->config);
    f->req.arena = &f->arena;
    f->req.method = "GET";
    f->req.status = 200;
    f->req.content_type = "text/html; charset=utf-8";
    *state = f;
    return 0;
}

static inline int unit_request_teardown(void **state) {
    unit_request *f = *state;
    buf_free(&f->req.out);
    arena_free(&f->arena);
    free(f);
    return 0;
}

#endif
