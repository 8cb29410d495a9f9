/*
** archive.h — the archive pages: by section, tag, author, year, month.
*/
#ifndef GAZETTE_ARCHIVE_H
#define GAZETTE_ARCHIVE_H

#include <stdbool.h>

#include "request.h"
#include "store.h"

/* What an archive URL selects: the filter over published articles, the
** heading readers see, and the archive's own path ("/section/x/"). */
typedef struct archive_scope {
    store_filter filter;
    const char *heading;
    const char *base;
} archive_scope;

/* The path of the archive of a section, tag or author (kind "section",
** "tag" or "author"), in the arena: "/KIND/SLUG/", the slug %-encoded. */
const char *archive_path(arena_t *a, const char *kind, const char *slug);

/* The scope of /KIND/NAME/ (kind "section", "tag" or "author"; NAME is
** req->param[0]).  false when there is no such name with published
** articles, or the store failed: req is then answered (404, 500). */
bool archive_scope_named(request_t *req, const char *kind, archive_scope *out);

/* The scope of /YYYY/ (month 0) or /YYYY/MM/.  false, with req answered
** 404, for a month outside 1–12 or a period with nothing published. */
bool archive_scope_period(request_t *req, int year, int month, archive_scope *out);

/* GET /section/NAME/[page/N/] — see archive.c. */
void archive_section_page(request_t *req);
/* GET /tag/NAME/[page/N/] */
void archive_tag_page(request_t *req);
/* GET /author/NAME/[page/N/] */
void archive_author_page(request_t *req);
/* GET /YYYY/[page/N/] */
void archive_year_page(request_t *req);
/* GET /YYYY/MM/[page/N/] */
void archive_month_page(request_t *req);

#endif
