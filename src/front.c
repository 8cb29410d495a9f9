/*
** front.c — the front page: the latest published articles, newest first,
** [articles] front_page_size a page, with links to older and newer pages.
*/
#include "front.h"

#include <stdlib.h>

#include "render.h"
#include "site.h"

static const char *page_path(arena_t *a, long page) {
    return page <= 1 ? "/" : arena_printf(a, "/page/%ld/", page);
}

/* GET /
** GET /page/N/
**
** Page N (from 1) of the latest articles: headline, excerpt, date,
** section, comment count.  A page past the last is a 404.
*/
void front_page(request_t *req) {
    long page = req->nparams ? strtol(req->param[0], NULL, 10) : 1;
    int per = req->site->config.front_page_size > 0 ? req->site->config.front_page_size : 10;
    store_article **arts;
    size_t n;
    err_t err;
    /* one more than a page: tells whether an older page exists */
    if (store_articles_latest(req->store, req->arena, (size_t)(page - 1) * (size_t)per,
                              (size_t)per + 1, &arts, &n, &err)) {
        render_store_error(req, &err);
        return;
    }
    if (n == 0 && page > 1) {
        render_error(req, 404, "Page not found",
                            "There are no articles this far back.");
        return;
    }
    arena_t *a = req->arena;
    view_t *list = view_list(a);
    for (size_t i = 0; i < n && i < (size_t)per; i++)
        view_push(a, list, render_article_summary(req, arts[i]));
    view_t *v = view_map(a);
    view_set(a, v, "articles", list);
    view_set_bool(a, v, "has_articles", n > 0);
    view_set_int(a, v, "page", page);
    if (page > 1) view_set_str(a, v, "newer_path", page_path(a, page - 1));
    if (n > (size_t)per) view_set_str(a, v, "older_path", page_path(a, page + 1));
    if (page > 1) view_set_str(a, v, "page_title", arena_printf(a, "Page %ld", page));
    render_page(req, 200, "front", v);
}
