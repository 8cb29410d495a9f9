/*
** render.c — pages through the theme; see render.h.
*/
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "excerpt.h"
#include "log.h"
#include "site.h"

static view_t *site_view(request_t *req) {
    const config_t *c = &req->site->config;
    arena_t *a = req->arena;
    view_t *v = view_map(a);
    view_set_str(a, v, "title", c->title);
    view_set_str(a, v, "tagline", c->tagline);
    view_set_str(a, v, "base_url", c->base_url);
    view_set_str(a, v, "language", c->language);
    return v;
}

void render_page(request_t *req, int status, const char *name, view_t *page) {
    view_set(req->arena, page, "site", site_view(req));
    buf_reset(&req->out);
    err_t err;
    if (!req->site->theme_loaded ||
        mustache_render(req->site->theme.templates, name, page, &req->out, &err)) {
        log_error("rendering %s: %s", name,
                  req->site->theme_loaded ? err.msg : "no theme loaded");
        buf_reset(&req->out);
        buf_puts(&req->out, "Internal error: this page could not be rendered.\n");
        req->status = 500;
        req->content_type = "text/plain; charset=utf-8";
        return;
    }
    req->status = status;
    req->content_type = "text/html; charset=utf-8";
}

void render_error(request_t *req, int status, const char *title,
                  const char *message) {
    view_t *page = view_map(req->arena);
    view_set_int(req->arena, page, "status", status);
    view_set_str(req->arena, page, "title", title);
    view_set_str(req->arena, page, "page_title", title);
    view_set_str(req->arena, page, "message", message);
    render_page(req, status, "error", page);
    if (req->status == 500 && status != 500) req->status = status;
}

void render_store_error(request_t *req, const err_t *err) {
    log_error("%s %s: %s", req->method, req->path, err->msg);
    render_error(req, 500, "Something went wrong",
                 "The page could not be read. Please try again in a moment.");
}

/* Dates of an article under key_iso and key_human. */
static void set_dates(arena_t *a, view_t *v, long long t) {
    char iso[32], human[32];
    date_format(t, iso, DATE_RFC3339);
    date_format(t, human, DATE_HUMAN);
    view_set_strdup(a, v, "date_iso", iso);
    view_set_strdup(a, v, "date_human", human);
}

view_t *render_article_summary(request_t *req, const store_article *art) {
    arena_t *a = req->arena;
    view_t *v = view_map(a);
    bool cut;
    int words = req->site->config.excerpt_words;
    view_set_int(a, v, "id", art->id);
    view_set_str(a, v, "title", art->title);
    view_set_str(a, v, "path", art->path);
    view_set_str(a, v, "excerpt",
                 excerpt_words(a, art->body_text, words > 0 ? (size_t)words : 16, &cut));
    set_dates(a, v, art->published);
    view_set_str(a, v, "section", art->section);
    view_set_str(a, v, "section_slug", art->section_slug);
    view_set_str(a, v, "author", art->author);
    view_set_str(a, v, "author_slug", art->author_slug);
    view_set_int(a, v, "comment_count", art->comment_count);
    view_set_str(a, v, "comment_label",
                 art->comment_count == 1 ? "1 comment"
                 : arena_printf(a, "%lld comments", art->comment_count));
    return v;
}

bool render_list_read(request_t *req, int rc, const err_t *err,
                      const pager_t *pg, size_t n) {
    if (rc != 0) {
        render_store_error(req, err);
        return false;
    }
    if (pager_past_end(pg, n)) {
        render_error(req, 404, "Page not found", "There are no articles this far back.");
        return false;
    }
    return true;
}

void render_article_list(request_t *req, view_t *v, store_article **arts,
                         size_t n, const pager_t *pg, size_t skip,
                         const char *base) {
    arena_t *a = req->arena;
    view_t *list = view_list(a);
    for (size_t i = skip; i < n && i < pg->per; i++)
        view_push(a, list, render_article_summary(req, arts[i]));
    view_set(a, v, "articles", list);
    view_set_bool(a, v, "has_articles", n > skip);
    view_set_int(a, v, "page", pg->page);
    if (pg->page > 1) view_set_str(a, v, "newer_path", pager_path(a, base, pg->page - 1));
    if (pager_has_next(pg, n))
        view_set_str(a, v, "older_path", pager_path(a, base, pg->page + 1));
    req->cache_kind = REQUEST_CACHE_LIST;
    for (size_t i = 0; i < n; i++)   /* Last-Modified: its newest change */
        if (render_article_changed(arts[i]) > req->last_modified)
            req->last_modified = render_article_changed(arts[i]);
}

long long render_article_changed(const store_article *a) {
    return a->updated > a->published ? a->updated : a->published;
}

long render_page_number(const request_t *req, int without_page) {
    return req->nparams > without_page ? strtol(req->param[req->nparams - 1], NULL, 10) : 1;
}

int render_list_size(const request_t *req) {
    int per = req->site->config.front_page_size;
    return per > 0 ? per : 10;
}
