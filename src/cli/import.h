/*
** import.h — `gazette import`: articles from files into the store.
**
** Which article a file is.  An import updates an existing article only
** when it is told that it is the same one; the first of these rules that
** applies decides (id: > slug: > same source > byte-identical):
**
**   1. "id: N" in the front matter: article N (any status).  An id that
**      names no article is an error, "FILE:LINE: no article with id N".
**   2. "slug: S" in the front matter, and an article has the slug S
**      (after slug_make): that article.
**   3. The same file imported before: the article whose source is this
**      file's absolute, resolved path (realpath), whatever its text now.
**   4. A file whose bytes are those of an article's source (hex
**      BLAKE2b-256 of the whole file, publish_hash): nothing is written;
**      that article's permalink is printed as if it had been imported.
**   Else a new article.  Its slug is the file's slug:, else its headline's;
**   when another article holds it, the next free one (slug-2, slug-3...).
**
** An update keeps the article's slug unless the file gives slug:, and its
** date unless the file gives date: or the command line --date: a changed
** date or slug moves the permalink, and the old one then answers 301 to
** the new one for good.  A new article's date is the file's, else
** --date, else the time of import; any date is taken, and a published
** article dated in the future is scheduled (store.h): out of sight until
** then, with a note saying when it comes out.  The file's text, headline, tags,
** status and comments replace the article's; section and author are the
** file's, else --section/--author, else none.
**
** Every import records the file as the article's source, so that the
** same file imported again (rule 3) updates it.
*/
#ifndef GAZETTE_IMPORT_H
#define GAZETTE_IMPORT_H

#include <stdio.h>

#include "err.h"
#include "store.h"

typedef struct import_options {
    const char *section;       /* --section: for files that name none */
    const char *date;          /* --date: for files that give none */
    const char *author;        /* --author: for files that name none */
    size_t max_bytes;          /* [articles] max_bytes: a larger file is
                               ** refused; 0 takes any size */
} import_options;

/* Import one file (plain text or Markdown with front matter; see
** frontmatter.h) as one article, new or updated by the rules above,
** through publish_article (publish.h): either all of it is saved or none.
** When the article is published, its permalink path and a newline are
** written to out.  Notes a journalist should see (a slug that was taken,
** a permalink that moved, a file identical to another article, related
** stories not updated, an article scheduled for later) go to standard error as "gazette: FILE: ..." and
** do not make the import fail.  Errors read "FILE:LINE: what is wrong",
** or "FILE: what is wrong" when no line is at fault.  A file of more than
** opt->max_bytes is refused before anything is written ("FILE: article
** is N bytes; [articles] max_bytes is M"); a regular file is refused by
** its size, before it is read. */
int import_file(store_t *store, const char *path, const import_options *opt,
                FILE *out, err_t *err);

#endif
