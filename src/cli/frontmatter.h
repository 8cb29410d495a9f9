/*
** frontmatter.h — reading a file given to `gazette import`.
**
** Three shapes (docs/architecture.md, "The command line"):
**   - Markdown with front matter: a first line "---", "key: value" lines
**     (title, date, section, tags, author, slug, status, comments, id), a
**     closing "---",
**     then the Markdown body;
**   - Markdown without front matter (a name ending in .md or .markdown):
**     the first line is a "# heading", which is the title;
**   - plain text (anything else): the first line is the headline, then
**     paragraphs separated by blank lines.
** frontmatter_parse only reads and checks the file; turning it into an
** article (slug, permalink, HTML) is import.c's work.
*/
#ifndef GAZETTE_FRONTMATTER_H
#define GAZETTE_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "err.h"

typedef struct frontmatter_doc {
    bool markdown;            /* body is Markdown (else plain text) */
    const char *title, *date, *section, *author, *slug, *status; /* NULL when absent; date raw text */
    const char *comments;     /* "open" or "closed"; NULL when absent */
    const char **tags; size_t ntags;
    const char *body;         /* the body text (after front matter / after the headline line) */
    int body_line;            /* 1-based line of the body's start */
    int date_line;            /* line of the date key, for error messages (0 if absent) */
    long long id;             /* "id:", the article this file updates; 0 when absent */
    int id_line;              /* line of the id key (0 if absent) */
} frontmatter_doc;

/* Read src[0..len), named filename in messages, into *out (arena strings).
** Returns 0, or -1 with "FILE:LINE: what is wrong" in err. */
int frontmatter_parse(arena_t *a, const char *src, size_t len, const char *filename, frontmatter_doc *out, err_t *err);

#endif
