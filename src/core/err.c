/*
** err.c — the one error convention; see err.h.
*/
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set(err_t *err, const char *fmt, ...) {
    if (err == NULL) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

/* The longest message err_at keeps after "FILE:LINE: ", in bytes. */
enum { AT_MESSAGE_MAX = 399 };

int err_vat(err_t *err, const char *file, int line, const char *fmt, va_list ap) {
    if (err == NULL) return -1;
    char what[AT_MESSAGE_MAX + 1];
    vsnprintf(what, sizeof what, fmt, ap);
    return err_set(err, "%s:%d: %s", file, line, what);
}

int err_at(err_t *err, const char *file, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err_vat(err, file, line, fmt, ap);
    va_end(ap);
    return -1;
}

int err_prefix(err_t *err, const char *fmt, ...) {
    if (err == NULL) return -1;
    char prefix[256], old[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof old);
    /* Truncation is fine: a long message loses its tail, not its start. */
    size_t n = strlen(prefix);
    if (n > sizeof err->msg - 3) n = sizeof err->msg - 3;
    memcpy(err->msg, prefix, n);
    memcpy(err->msg + n, ": ", 2);
    size_t room = sizeof err->msg - n - 3;
    size_t m = strnlen(old, room);
    memcpy(err->msg + n + 2, old, m);
    err->msg[n + 2 + m] = '\0';
    return -1;
}
