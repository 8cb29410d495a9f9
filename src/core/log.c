/*
** log.c — the access log and the error log; see log.h.
**
** The access log's file descriptor is set once by log_open before any
** worker thread starts and only read afterwards.
*/
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "file.h"

static int access_fd = STDOUT_FILENO;   /* -1: off */

int log_open(const char *where, err_t *err) {
    if (!strcmp(where, "-")) access_fd = STDOUT_FILENO;
    else if (!strcmp(where, "off")) access_fd = -1;
    else {
        /* readers' addresses are personal data: a new log is the
        ** server's user's only (an existing one keeps its mode) */
        access_fd = open(where, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (access_fd < 0)
            return err_set(err, "cannot open access log %s: %s", where, strerror(errno));
    }
    return 0;
}

/* Control characters and quotes in a logged field would let a request
** forge log lines: write them as \xHH. */
static void append_log_field(buf_t *b, const char *s) {
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') buf_printf(b, "\\x%02x", c);
        else buf_putc(b, (char)c);
    }
}

void log_access(const char *addr, const char *method, const char *path,
                int version, int status, size_t bytes, double ms) {
    if (access_fd < 0) return;
    char when[64];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S +0000", &tm);
    buf_t b = BUF_INIT;
    buf_printf(&b, "%s - - [%s] \"", addr, when);
    append_log_field(&b, method);
    buf_putc(&b, ' ');
    append_log_field(&b, path);
    buf_printf(&b, " HTTP/%d.%d\" %d %zu %.3fms\n", version >> 8, version & 0xff,
               status, bytes, ms);
    (void)file_write_all(access_fd, b.data, b.len);   /* a lost line: nothing to do */
    buf_free(&b);
}

void log_error(const char *fmt, ...) {
    buf_t b = BUF_INIT;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    buf_printf(&b, "gazette: %s\n", msg);
    (void)file_write_all(STDERR_FILENO, b.data, b.len);
    buf_free(&b);
}
