/*
** import.h — `gazette import`: articles from files into the store.
*/
#ifndef GAZETTE_IMPORT_H
#define GAZETTE_IMPORT_H

#include <stdio.h>

#include "err.h"
#include "store.h"

typedef struct import_options {
    const char *section;       /* --section: for files that name none */
    const char *date;          /* --date */
    const char *author;        /* --author */
} import_options;

/* Import one file (plain text or Markdown with front matter; see
** frontmatter.h) as one article, in one transaction: either all of it is
** saved or none.  An article with the same slug is updated, not
** duplicated.  When it is published, its permalink path and a newline are
** written to out.  Errors read "FILE:LINE: what is wrong". */
int import_file(store_t *store, const char *path, const import_options *opt,
                FILE *out, err_t *err);

#endif
