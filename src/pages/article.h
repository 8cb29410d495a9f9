/*
** article.h — the article page, the page that defines gazette.
*/
#ifndef GAZETTE_ARTICLE_H
#define GAZETTE_ARTICLE_H

#include "request.h"

#include "comment_view.h"
#include "store.h"

/* GET /YYYY/MM/DD/slug/ — see article.c. */
void article_page(request_t *req);

/* Answer with the page of art and status: the article, Check Also, the
** comments this reader may see, and the form, in state (NULL: fresh).
** The comment handler sends a rejected post back through this. */
void article_render(request_t *req, const store_article *art,
                    const comment_form *state, int status);

#endif
