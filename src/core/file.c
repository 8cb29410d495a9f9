/*
** file.c — reading a whole file; see file.h.
**
** stdio in 16 KB chunks straight into the buf_t, which grows by doubling:
** the files read whole are small (templates, stylesheets, articles), and
** a regular file, a pipe or /dev/stdin all read the same way.
*/
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

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
