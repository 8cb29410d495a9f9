/*
** file.h — reading a whole file: a theme's templates and assets, an
** imported article.
*/
#ifndef GAZETTE_FILE_H
#define GAZETTE_FILE_H

#include "buf.h"
#include "err.h"

/* Append all of the file at path to out.  Returns 0, or -1 with "cannot
** open PATH: reason" or "cannot read PATH: reason" in err and out back at
** its length at entry. */
int file_read_all(const char *path, buf_t *out, err_t *err);

#endif
