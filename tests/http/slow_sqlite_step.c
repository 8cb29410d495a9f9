/*
** slow_sqlite_step.c — an LD_PRELOAD library for test_stop_backstop.py:
** sqlite3_step sleeps SLOW_STEP_SECONDS (default 60) before it runs a
** statement whose SQL holds the text in SLOW_STEP_SQL (unset: never), as
** a handler or a write stuck in long work would.  Every step then goes to
** the next sqlite3_step in the search order (libsqlite3's).
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int step_fn(sqlite3_stmt *);

static step_fn *next_step;
static const char *slow_sql;
static unsigned slow_seconds = 60;

/* Read the settings once, before any thread runs. */
__attribute__((constructor)) static void slow_init(void) {
    *(void **)&next_step = dlsym(RTLD_NEXT, "sqlite3_step");   /* POSIX's idiom */
    slow_sql = getenv("SLOW_STEP_SQL");
    const char *s = getenv("SLOW_STEP_SECONDS");
    if (s) slow_seconds = (unsigned)atoi(s);
}

int sqlite3_step(sqlite3_stmt *st) {
    const char *sql = sqlite3_sql(st);
    if (slow_sql && sql && strstr(sql, slow_sql)) {
        unsigned left = slow_seconds;
        while (left > 0) left = sleep(left);
    }
    return next_step ? next_step(st) : SQLITE_MISUSE;
}
