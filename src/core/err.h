/*
** err.h — the one error convention.
**
** A function that can fail returns 0 on success and -1 on failure; on
** failure it writes a one-line, human-readable message into the caller's
** err_t.  Messages read as "what went wrong" without a "gazette:" prefix;
** main.c adds that when it prints.  A NULL err_t is allowed and means the
** caller does not want the message.
*/
#ifndef GAZETTE_ERR_H
#define GAZETTE_ERR_H

#include <stddef.h>

typedef struct err {
    char msg[512];
} err_t;

/* Write a printf-style message into err (if not NULL).  Returns -1 so that
** a caller can write `return err_set(err, "...")`. */
int err_set(err_t *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prefix the message already in err with "prefix: ".  Returns -1. */
int err_prefix(err_t *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
