/*
** article.c — the article page.
**
** What a reader gets, top to bottom (the seed page): the article itself
** (headline, byline, date, section, body), the "Check Also" box with the
** most related other story, the "Related articles" list of the next ones,
** the approved comments, and the "Leave a Reply" form.  The handler reads
** the article, its related stories (stored lists: never computed here)
** and its comments from the store, builds one view, and renders "article".
*/
#include "article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "meta.h"
#include "render.h"
#include "site.h"
#include "date.h"

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
    date_format(art->updated, iso, DATE_RFC3339);
    view_set_strdup(a, v, "updated_iso", iso);
    view_set_str(a, v, "body_html", art->body_html);
    view_set(a, v, "tags", tags_view(a, art));
    view_set_bool(a, v, "has_tags", art->ntags > 0);
    view_set_str(a, v, "url",
                 arena_printf(a, "%s%s", req->site->config.base_url, art->path));
    view_set_str(a, v, "jsonld", meta_article_jsonld(req, art));
    return v;
}

/* The ?replytocom=ID of the request, 0 when none. */
static long long reply_to_param(request_t *req) {
    form_t q;
    if (form_parse(req->arena, req->query, strlen(req->query), &q, NULL)) return 0;
    const char *v = form_get(&q, "replytocom");
    return v ? strtoll(v, NULL, 10) : 0;
}

/* Into page: the comments this reader sees ("comments", threaded), and
** the form: under the comment replied to when there is one, else at the
** foot of the thread ("form"). */
static int comments_view(request_t *req, const store_article *art,
                         const comment_form *state, view_t *page, err_t *err) {
    long long held[COMMENT_HELD_MAX];
    size_t nheld = comment_held_ids(req, held, COMMENT_HELD_MAX);
    store_comment **comments;
    size_t n;
    int open = comment_article_open(req, art, err);
    if (open < 0 || store_comments_for_article(req->store, req->arena, art->id, held,
                                               nheld, &comments, &n, err))
        return -1;
    long long reply_to = state ? state->parent_id : reply_to_param(req);
    arena_t *a = req->arena;
    if (open != 1) reply_to = 0;
    /* the form goes under the comment replied to when it is shown and
    ** takes replies (approved); else at the foot, replying to nothing */
    bool placed = false;
    for (size_t i = 0; i < n; i++) {
        if (comments[i]->id == reply_to && comments[i]->status == STORE_COMMENT_APPROVED)
            placed = true;
        if (comments[i]->status != STORE_COMMENT_APPROVED) req->cache_private = true;
        if (comments[i]->created > req->last_modified) req->last_modified = comments[i]->created;
    }
    if (!placed) reply_to = 0;
    view_t *form = comment_form_view(req, art, state, reply_to, open == 1);
    view_t *token = view_get(form, "token", 5);   /* new each second: kept */
    req->etag_ignore = token ? token->u.string.s : NULL;   /* out of the ETag */
    view_t *thread = comment_thread_view(req, comments, n, reply_to, form);
    view_set(a, page, "comments", thread);
    view_set_bool(a, page, "has_comments", n > 0);
    if (!placed) view_set(a, page, "form", form);
    else view_set_bool(a, page, "form", false);
    view_set_bool(a, page, "comments_open", open == 1);
    return 0;
}

/* Into page: "related", the "Related articles" list (the site's
** related_count of them, at most STORE_RELATED_MAX - 1), read from the
** stored list and without the Check Also story (check, may be NULL), so
** that no headline appears twice; "has_related" when there is any. */
static int related_view(request_t *req, const store_article *art,
                        const store_article *check, view_t *page, err_t *err) {
    int want = req->site->config.related_count;
    if (want > STORE_RELATED_MAX - 1) want = STORE_RELATED_MAX - 1;
    store_article **rows;
    size_t n, shown = 0;
    arena_t *a = req->arena;
    if (want <= 0) return 0;
    if (store_articles_related(req->store, a, art, (size_t)want + 1, &rows, &n, err))
        return -1;
    view_t *list = view_list(a);
    for (size_t i = 0; i < n && shown < (size_t)want; i++) {
        if (check && rows[i]->id == check->id) continue;
        if (render_article_changed(rows[i]) > req->last_modified)
            req->last_modified = render_article_changed(rows[i]);
        view_push(a, list, render_article_summary(req, rows[i]));
        shown++;
    }
    view_set(a, page, "related", list);
    view_set_bool(a, page, "has_related", shown > 0);
    return 0;
}

/* The permalink the route's captures name, decoded: /YYYY/MM/DD/slug/. */
static const char *requested_path(request_t *req) {
    return arena_printf(req->arena, "/%s/%s/%s/%s/", req->param[0],
                        req->param[1], req->param[2], req->param[3]);
}

void article_render(request_t *req, const store_article *art,
                    const comment_form *state, int status) {
    err_t err;
    store_article *related;
    arena_t *a = req->arena;
    view_t *page = view_map(a);
    req->cache_kind = REQUEST_CACHE_ARTICLE;
    req->last_modified = render_article_changed(art);   /* raised below */
    if (store_article_related(req->store, a, art, &related, &err) ||
        related_view(req, art, related, page, &err) ||
        comments_view(req, art, state, page, &err)) {
        render_store_error(req, &err);
        return;
    }
    if (related && render_article_changed(related) > req->last_modified)
        req->last_modified = render_article_changed(related);
    view_set_str(a, page, "page_title", art->title);
    view_set(a, page, "article", article_view(req, art));
    if (related) view_set(a, page, "check_also", render_article_summary(req, related));
    render_page(req, status, "article", page);
}

/* GET /YYYY/MM/DD/slug/[?replytocom=ID]
**
** The published article at that permalink, with its Check Also story,
** its comments and the comment form.  With replytocom, the form sits
** under that comment (replying without JavaScript).  A permalink an
** article has left (a new date or slug; store_redirect_find) answers 301
** to where the article is now, with the query string kept; a live
** article at the path wins over a redirect.  404 when there is neither.
*/
void article_page(request_t *req) {
    err_t err;
    store_article *art;
    const char *path = requested_path(req), *to = NULL;
    if (store_article_by_path(req->store, req->arena, path, &art, &err) ||
        (art == NULL && store_redirect_find(req->store, req->arena, path, &to, &err))) {
        render_store_error(req, &err);
        return;
    }
    if (to) {
        req->location = req->query[0] ? arena_printf(req->arena, "%s?%s", to, req->query)
                                      : to;
        render_error(req, 301, "Moved permanently", "This article has moved.");
        return;
    }
    if (art == NULL) {
        render_error(req, 404, "Page not found",
                     "Sorry, there is no article at this address.");
        return;
    }
    article_render(req, art, NULL, 200);
}
