/*
** log.h — the access log and the error log.
**
** The access log has one line per request, in the Common Log Format's
** spirit: address, time, request line, status, bytes, milliseconds.  The
** query string is never written: it may carry what a reader typed (a
** search, an email address in a mistaken GET), and logs must not.
** Each line goes out in one write(2), so lines from several threads never
** interleave.
*/
#ifndef GAZETTE_LOG_H
#define GAZETTE_LOG_H

#include <stddef.h>

#include "err.h"

/* Where access lines go: "-" standard output, "off", or a file appended
** to.  Call once before serving; without it, lines go to standard output. */
int log_open(const char *where, err_t *err);

/* One access-log line.  version is h2o's: 0x101 for HTTP/1.1, 0x200 for 2. */
void log_access(const char *addr, const char *method, const char *path,
                int version, int status, size_t bytes, double ms);

/* "gazette: message" on standard error, one write. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
