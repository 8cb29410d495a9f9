/*
** file.h — whole files: reading one (a theme's templates and assets, an
** imported article), writing all of a block (a new site's settings, the
** access log's lines).
*/
#ifndef GAZETTE_FILE_H
#define GAZETTE_FILE_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

/* Append all of the file at path to out.  Returns 0, or -1 with "cannot
** open PATH: reason" or "cannot read PATH: reason" in err and out back at
** its length at entry. */
int file_read_all(const char *path, buf_t *out, err_t *err);

/* Write all len bytes of data to fd, again after an interrupted or short
** write(2).  Returns 0, or -1 with errno set (EIO when a write wrote
** nothing). */
int file_write_all(int fd, const void *data, size_t len);

#endif
