/*
** archive.h — the archive pages: by section, tag, author, year, month.
*/
#ifndef GAZETTE_ARCHIVE_H
#define GAZETTE_ARCHIVE_H

#include "request.h"

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
