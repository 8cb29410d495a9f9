/*
** file.c — whole files; see file.h.
**
** Reading is stdio in 16 KB chunks straight into the buf_t, which grows
** by doubling: the files read whole are small (templates, stylesheets,
** articles), and a regular file, a pipe or /dev/stdin all read the same
** way.  Writing is write(2) in a loop, so that one call of the caller is
** one write when the kernel takes it all (an access-log line never
** interleaves with another thread's).
*/
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int file_read_all(const char *path, buf_t *out, err_t *err) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return err_set(err, "cannot open %s: %s", path, strerror(errno));
    size_t start = out->len, n;
    char chunk[16384];
    errno = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(out, chunk, n);
    int failed = ferror(f), why = errno;
    fclose(f);
    if (!failed) return 0;
    out->len = start;
    if (out->data) out->data[start] = '\0';
    return err_set(err, "cannot read %s: %s", path, strerror(why ? why : EIO));
}

int file_write_all(int fd, const void *data, size_t len) {
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) errno = EIO;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}
