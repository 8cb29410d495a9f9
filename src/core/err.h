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

#include <stdarg.h>
#include <stddef.h>

typedef struct err {
    char msg[512];
} err_t;

/* Write a printf-style message into err (if not NULL).  Returns -1 so that
** a caller can write `return err_set(err, "...")`. */
int err_set(err_t *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Write "FILE:LINE: message" into err (if not NULL), the message
** printf-style (its first 399 bytes): the form of every error that points
** into a file a person wrote, as compilers report.  Returns -1. */
int err_at(err_t *err, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same with the message's arguments in ap, for a file's own
** variadic error function. */
int err_vat(err_t *err, const char *file, int line, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* Prefix the message already in err with "prefix: ".  Returns -1. */
int err_prefix(err_t *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
