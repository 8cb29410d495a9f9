/*
** article.h — the article page, the page that defines gazette.
*/
#ifndef GAZETTE_ARTICLE_H
#define GAZETTE_ARTICLE_H

#include "request.h"

/* GET /YYYY/MM/DD/slug/ — see article.c. */
void article_page(request_t *req);

#endif
