/*
** front.c — the front page: a lead story, the latest articles, and the
** latest of each section; older pages list the rest, [articles]
** front_page_size a page.
*/
#include "front.h"

#include <stdlib.h>

#include "excerpt.h"
#include "render.h"
#include "site.h"

enum { SECTION_LATEST = 3, LEAD_EXCERPT_WORDS = 45 };

/* The latest of each section, for the front page's section blocks. */
static int sections_view(request_t *req, view_t *v, err_t *err) {
    arena_t *a = req->arena;
    const char **names, **slugs;
    size_t n;
    if (store_sections(req->store, a, &names, &slugs, &n, err)) return -1;
    view_t *list = view_list(a);
    for (size_t i = 0; i < n; i++) {
        store_filter f = {.section_slug = slugs[i]};
        store_article **arts;
        size_t m;
        if (store_articles_filtered(req->store, a, &f, 0, SECTION_LATEST, &arts, &m, err))
            return -1;
        view_t *section = view_map(a), *items = view_list(a);
        for (size_t j = 0; j < m; j++) view_push(a, items, render_article_summary(req, arts[j]));
        view_set_str(a, section, "name", names[i]);
        view_set_str(a, section, "slug", slugs[i]);
        view_set(a, section, "articles", items);
        view_push(a, list, section);
    }
    view_set(a, v, "sections", list);
    view_set_bool(a, v, "has_sections", n > 0);
    return 0;
}

/* The lead story: the newest, with a longer excerpt. */
static view_t *lead_view(request_t *req, const store_article *art) {
    view_t *v = render_article_summary(req, art);
    bool cut;
    view_set_str(req->arena, v, "lead_excerpt",
                 excerpt_words(req->arena, art->body_text, LEAD_EXCERPT_WORDS, &cut));
    return v;
}

/* The front page's description: the site's tagline, or when it has none
** a sentence naming the site; older pages say which page they are. */
static const char *front_description(request_t *req, long page) {
    const config_t *c = &req->site->config;
    if (page > 1)
        return arena_printf(req->arena, "Older articles from %s, page %ld.", c->title, page);
    if (c->tagline[0]) return c->tagline;
    return arena_printf(req->arena, "The latest news from %s.", c->title);
}

/* GET /
** GET /page/N/
**
** Page 1: the lead story, the next latest articles, and each section's
** latest.  Page N > 1: the articles after those, newest first.  A page
** past the last is a 404.
*/
void front_page(request_t *req) {
    pager_t pg = pager_at(render_page_number(req, 0), (size_t)render_list_size(req));
    store_article **arts = NULL;
    size_t n = 0;
    err_t err;
    int rc = store_articles_latest(req->store, req->arena, pg.offset, pg.limit, &arts, &n, &err);
    if (!render_list_read(req, rc, &err, &pg, n)) return;
    arena_t *a = req->arena;
    view_t *v = view_map(a);
    bool lead = pg.page == 1 && n > 0;
    if (lead) view_set(a, v, "lead", lead_view(req, arts[0]));
    render_article_list(req, v, arts, n, &pg, lead, "/");
    if (pg.page == 1 && sections_view(req, v, &err)) {
        render_store_error(req, &err);
        return;
    }
    if (pg.page > 1) view_set_str(a, v, "page_title", arena_printf(a, "Page %ld", pg.page));
    view_set_str(a, v, "description", front_description(req, pg.page));
    render_page(req, 200, "front", v);
}
