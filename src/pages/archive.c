/*
** archive.c — the archive pages.
**
** Every archive is the same page: a heading and a paginated list of the
** published articles that one store_filter selects.  The handlers only
** differ in how they build the filter, the heading and the description
** from the URL, and in how they tell that a name does not exist (404).
**
** The description (<meta name="description">) is one sentence naming
** what the archive holds and the site: "Latest news from Middle East at
** The Daily.", "Articles by Ann Reader at The Daily, page 2."
*/
#include "archive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "render.h"
#include "site.h"

/* The description of an archive of what (a sentence's words, no full
** stop), page page. */
static const char *describe(request_t *req, const char *what, long page) {
    const char *site = req->site->config.title;
    return page > 1 ? arena_printf(req->arena, "%s at %s, page %ld.", what, site, page)
                    : arena_printf(req->arena, "%s at %s.", what, site);
}

/* Render the list of f's articles with heading, and the description
** of what (see describe); 404 past the last page (an empty first page
** is shown as such). */
static void archive_render(request_t *req, const store_filter *f,
                           const char *kind, const char *heading,
                           const char *what, const char *base, long page) {
    if (page < 1) {
        render_error(req, 404, "Page not found", "There is no such page.");
        return;
    }
    pager_t pg = pager_at(page, (size_t)render_list_size(req));
    store_article **arts = NULL;
    size_t n = 0;
    err_t err;
    int rc = store_articles_filtered(req->store, req->arena, f, pg.offset, pg.limit, &arts,
                                     &n, &err);
    if (!render_list_read(req, rc, &err, &pg, n)) return;
    arena_t *a = req->arena;
    view_t *v = view_map(a);
    view_set_str(a, v, "kind", kind);
    view_set_str(a, v, "heading", heading);
    view_set_str(a, v, "page_title", page > 1 ? arena_printf(a, "%s, page %ld", heading, page)
                                               : heading);
    view_set_str(a, v, "description", describe(req, what, page));
    view_set_str(a, v, "canonical", arena_printf(a, "%s%s", req->site->config.base_url,
                                                 pager_path(a, base, page)));
    render_article_list(req, v, arts, n, &pg, 0, base);
    render_page(req, 200, "archive", v);
}

const char *archive_path(arena_t *a, const char *kind, const char *slug) {
    buf_t b = BUF_INIT;
    buf_printf(&b, "/%s/", kind);
    buf_append_url(&b, slug, strlen(slug));
    buf_putc(&b, '/');
    const char *path = arena_strndup(a, b.data, b.len);
    buf_free(&b);
    return path;
}

static const char *const kind_labels[][3] = {
    /* kind, heading's label, description's words before the name */
    {"section", "", "Latest news from "},
    {"tag", "Tagged: ", "Articles tagged "},
    {"author", "Articles by ", "Articles by "},
};

/* archive_scope_named, and in *what the words of the description. */
static bool scope_named(request_t *req, const char *kind, archive_scope *out,
                        const char **what) {
    const char *slug = req->param[0], *name, *label = "", *words = "";
    err_t err;
    if (store_name_by_slug(req->store, req->arena, kind, slug, &name, &err)) {
        render_store_error(req, &err);
        return false;
    }
    if (name == NULL) {
        render_error(req, 404, "Page not found", "There is nothing published under that name.");
        return false;
    }
    memset(out, 0, sizeof *out);
    if (!strcmp(kind, "section")) out->filter.section_slug = slug;
    else if (!strcmp(kind, "tag")) out->filter.tag_slug = slug;
    else out->filter.author_slug = slug;
    for (size_t i = 0; i < sizeof kind_labels / sizeof kind_labels[0]; i++)
        if (!strcmp(kind, kind_labels[i][0]))
            label = kind_labels[i][1], words = kind_labels[i][2];
    out->base = archive_path(req->arena, kind, slug);
    out->heading = arena_printf(req->arena, "%s%s", label, name);
    *what = arena_printf(req->arena, "%s%s", words, name);
    return true;
}

bool archive_scope_named(request_t *req, const char *kind, archive_scope *out) {
    const char *what;
    return scope_named(req, kind, out, &what);
}

/* The archive page of a named thing. */
static void archive_named(request_t *req, const char *kind) {
    archive_scope scope;
    const char *what;
    if (scope_named(req, kind, &scope, &what))
        archive_render(req, &scope.filter, kind, scope.heading, what, scope.base,
                       render_page_number(req, 1));
}

/* GET /section/NAME/
** GET /section/NAME/page/N/
**
** The published articles of a section, newest first.
*/
void archive_section_page(request_t *req) { archive_named(req, "section"); }

/* GET /tag/NAME/
** GET /tag/NAME/page/N/
*/
void archive_tag_page(request_t *req) { archive_named(req, "tag"); }

/* GET /author/NAME/
** GET /author/NAME/page/N/
*/
void archive_author_page(request_t *req) { archive_named(req, "author"); }

/* Unix seconds of 00:00 UTC on the first of month (1..12) of year. */
static long long month_start(int year, int month) {
    return date_days(year, (unsigned)month, 1) * 86400;
}

bool archive_scope_period(request_t *req, int year, int month, archive_scope *out) {
    if (month < 0 || month > 12) {
        render_error(req, 404, "Page not found", "There is no such month.");
        return false;
    }
    memset(out, 0, sizeof *out);
    out->filter.from = month_start(year, month ? month : 1);
    out->filter.to = month == 0 || month == 12 ? month_start(year + 1, 1)
                                               : month_start(year, month + 1);
    arena_t *a = req->arena;
    out->base = month ? arena_printf(a, "/%04d/%02d/", year, month) : arena_printf(a, "/%04d/", year);
    out->heading = month ? arena_printf(a, "Archive: %s %d", date_month_name(month), year)
                         : arena_printf(a, "Archive: %d", year);
    store_article **probe;
    size_t n;
    err_t err;
    if (store_articles_filtered(req->store, a, &out->filter, 0, 1, &probe, &n, &err)) {
        render_store_error(req, &err);
        return false;
    }
    if (n == 0) {
        render_error(req, 404, "Page not found", "Nothing was published then.");
        return false;
    }
    return true;
}

/* The archive page of a year (month 0) or of a month. */
static void archive_period(request_t *req, int year, int month, long page) {
    archive_scope scope;
    if (!archive_scope_period(req, year, month, &scope)) return;
    const char *what = month ? arena_printf(req->arena, "Articles published in %s %d",
                                            date_month_name(month), year)
                             : arena_printf(req->arena, "Articles published in %d", year);
    archive_render(req, &scope.filter, "period", scope.heading, what, scope.base, page);
}

/* GET /YYYY/
** GET /YYYY/page/N/
**
** The published articles of a year, newest first.
*/
void archive_year_page(request_t *req) {
    archive_period(req, atoi(req->param[0]), 0, render_page_number(req, 1));
}

/* GET /YYYY/MM/
** GET /YYYY/MM/page/N/
**
** The published articles of a month, newest first.
*/
void archive_month_page(request_t *req) {
    int month = atoi(req->param[1]);
    archive_period(req, atoi(req->param[0]), month ? month : -1, render_page_number(req, 2));
}
