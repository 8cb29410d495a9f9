/*
** render.h — from a page's view data to HTML through the theme.
**
** Every page template extends the theme's "layout" (Mustache
** inheritance); render_page adds what every page's layout needs (the
** site's name, tagline, base URL, language) under the key "site".
*/
#ifndef GAZETTE_RENDER_H
#define GAZETTE_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "pager.h"
#include "request.h"
#include "store.h"
#include "view.h"

/* Render template name with page (a map; "site" is added) into req->out
** with status.  A template failure answers 500 instead. */
void render_page(request_t *req, int status, const char *name, view_t *page);

/* The themed error page (template "error") with status, a title and a
** sentence for the reader; plain text when even that fails. */
void render_error(request_t *req, int status, const char *title,
                  const char *message);

/* A store failure while answering: logged, and a 500 page. */
void render_store_error(request_t *req, const err_t *err);

/* The view of an article as lists and boxes show it: title, path,
** excerpt (cut at the site's excerpt length), dates, section, author,
** comment count.  No body. */
view_t *render_article_summary(request_t *req, const store_article *a);

/* When what readers see of article a last changed, for Last-Modified: its
** last save, or its publication when that is later (a scheduled article
** comes out after it was saved, and the lists that show it change then). */
long long render_article_changed(const store_article *a);

/* After the store read page pg of a list (rc its result, n the items it
** returned): true when the page can be shown; else false with req
** answered: 500 for a store failure (err), 404 for a page past the end. */
bool render_list_read(request_t *req, int rc, const err_t *err,
                      const pager_t *pg, size_t n);

/* Page pg of an article list into v, from arts[0..n) (what a fetch of
** pg->limit returned): "articles" (summaries of arts[skip] to the page's
** end; the first skip are shown elsewhere, as the front page's lead),
** "has_articles", "page", and "newer_path"/"older_path" (pager_path on
** base).  The answer is a list (REQUEST_CACHE_LIST) last modified when
** the newest of arts changed. */
void render_article_list(request_t *req, view_t *v, store_article **arts,
                         size_t n, const pager_t *pg, size_t skip,
                         const char *base);

/* Articles a list page shows: [articles] front_page_size, 10 when unset. */
int render_list_size(const request_t *req);

/* The page number of a route whose last capture is {n} (1 when the route
** has no page capture: nparams == without_page). */
long render_page_number(const request_t *req, int without_page);

#endif
