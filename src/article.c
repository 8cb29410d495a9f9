/*
** article.c — the article page.
**
** What a reader gets, top to bottom (the seed page): the article itself
** (headline, byline, date, section, body), the "Check Also" box with the
** most related other story, the approved comments, and the "Leave a
** Reply" form.  The handler reads the article, its related story and its
** comments from the store, builds one view, and renders "article".
*/
#include "article.h"

#include <stdio.h>
#include <string.h>

#include "render.h"
#include "site.h"
#include "text.h"

static view_t *tags_view(arena_t *a, const store_article *art) {
    view_t *list = view_list(a);
    for (size_t i = 0; i < art->ntags; i++) {
        view_t *t = view_map(a);
        view_set_str(a, t, "name", art->tags[i]);
        view_set_str(a, t, "slug", art->tag_slugs[i]);
        view_push(a, list, t);
    }
    return list;
}

/* The article in full: the summary's fields plus body, tags, updated. */
static view_t *article_view(request_t *req, const store_article *art) {
    arena_t *a = req->arena;
    view_t *v = render_article_summary(req, art);
    char iso[32];
    text_format_date(art->updated, iso, TEXT_DATE_RFC3339);
    view_set_strdup(a, v, "updated_iso", iso);
    view_set_str(a, v, "body_html", art->body_html);
    view_set(a, v, "tags", tags_view(a, art));
    view_set_bool(a, v, "has_tags", art->ntags > 0);
    view_set_str(a, v, "url",
                 arena_printf(a, "%s%s", req->site->config.base_url, art->path));
    return v;
}

static view_t *comment_view(arena_t *a, const store_comment *c) {
    view_t *v = view_map(a);
    char iso[32], human[32];
    text_format_date(c->created, iso, TEXT_DATE_RFC3339);
    text_format_date(c->created, human, TEXT_DATE_HUMAN);
    view_set_int(a, v, "id", c->id);
    view_set_str(a, v, "author", c->author);
    view_set_str(a, v, "url", c->url);
    view_set_strdup(a, v, "date_iso", iso);
    view_set_strdup(a, v, "date_human", human);
    view_set_str(a, v, "body_html", text_paragraphs_html(a, c->body));
    return v;
}

static int comments_view(request_t *req, const store_article *art,
                         view_t **out, err_t *err) {
    store_comment **comments;
    size_t n;
    if (store_comments_approved(req->store, req->arena, art->id, &comments, &n, err))
        return -1;
    *out = view_list(req->arena);
    for (size_t i = 0; i < n; i++)
        view_push(req->arena, *out, comment_view(req->arena, comments[i]));
    return 0;
}

/* The permalink the route's captures name, decoded: /YYYY/MM/DD/slug/. */
static const char *requested_path(request_t *req) {
    return arena_printf(req->arena, "/%s/%s/%s/%s/", req->param[0],
                        req->param[1], req->param[2], req->param[3]);
}

/* GET /YYYY/MM/DD/slug/
**
** The published article at that permalink, with its Check Also story,
** its approved comments and the comment form; 404 when there is none.
*/
void article_page(request_t *req) {
    err_t err;
    store_article *art, *related;
    view_t *comments;
    if (store_article_by_path(req->store, req->arena, requested_path(req), &art, &err)) {
        render_store_error(req, &err);
        return;
    }
    if (art == NULL) {
        render_error(req, 404, "Page not found",
                            "Sorry, there is no article at this address.");
        return;
    }
    if (store_article_related(req->store, req->arena, art, &related, &err) ||
        comments_view(req, art, &comments, &err)) {
        render_store_error(req, &err);
        return;
    }
    arena_t *a = req->arena;
    view_t *page = view_map(a);
    view_set_str(a, page, "page_title", art->title);
    view_set(a, page, "article", article_view(req, art));
    if (related) view_set(a, page, "check_also", render_article_summary(req, related));
    view_set(a, page, "comments", comments);
    view_set_bool(a, page, "has_comments", comments->u.items.count > 0);
    render_page(req, 200, "article", page);
}
