/*
** comment_view.c — comments and the comment form on the article page;
** see comment_view.h.
**
** Threading.  The store gives the visible comments oldest first.  Each is
** placed under its parent's "replies", found through a small hash from
** id to node; a comment whose parent is not visible (held, trashed) is
** shown at the top level, and one that would nest deeper than
** thread_depth is placed beside its parent instead of under it.  Every
** key a comment template reads is set on every comment (false or "" when
** absent), because Mustache looks a missing key up in the enclosing
** contexts: a reply without "form" would otherwise show its parent's.
*/
#include "comment_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cookie.h"
#include "date.h"
#include "identicon.h"
#include "paragraph.h"
#include "site.h"
#include "token.h"
#include "utf8.h"

/* ---- the form ------------------------------------------------------- */

/* The consent cookies' value for a field, decoded; "" when absent. */
static const char *remembered(request_t *req, const char *name) {
    const char *raw = cookie_get(req->arena, req->cookie, name);
    const char *v = raw ? cookie_decode(req->arena, raw) : NULL;
    if (v && *v) req->cache_private = true;   /* the page shows the cookie */
    return v ? v : "";
}

/* A field of the form, its value as the reader typed it (sent back on a
** refusal) made valid UTF-8: a field refused for bytes that are not UTF-8
** shows U+FFFD for them, so the page stays UTF-8 (found by fuzz_request). */
static void set_field(arena_t *a, view_t *form, view_t *errors, const char *name,
                      const char *value, const char *error, bool *focus_taken) {
    view_set_str(a, form, name, value ? utf8_repair(a, value, strlen(value)) : "");
    view_set_str(a, errors, name, error ? error : "");
    /* autofocus goes on the first field in error, in form order */
    char key[32];
    snprintf(key, sizeof key, "focus_%s", name);
    view_set_bool(a, form, arena_strdup(a, key), error && !*focus_taken);
    if (error) *focus_taken = true;
}

view_t *comment_form_view(request_t *req, const store_article *art,
                          const comment_form *state, long long reply_to,
                          bool open) {
    arena_t *a = req->arena;
    view_t *form = view_map(a), *errors = view_map(a);
    comment_input in = {0};
    comment_errors none = {0};
    const comment_errors *e = state ? &state->errors : &none;
    if (state) {
        in = state->input;
    } else {
        in.author = remembered(req, "comment_author");
        in.email = remembered(req, "comment_email");
        in.url = remembered(req, "comment_url");
        in.consent = in.author[0] != '\0';
    }
    bool focus_taken = false;
    set_field(a, form, errors, "comment", in.comment, e->comment, &focus_taken);
    set_field(a, form, errors, "author", in.author, e->author, &focus_taken);
    set_field(a, form, errors, "email", in.email, e->email, &focus_taken);
    set_field(a, form, errors, "url", in.url, e->url, &focus_taken);
    view_set(a, form, "errors", errors);
    view_set_bool(a, form, "has_errors", focus_taken);
    view_set_str(a, form, "message", state && state->message ? state->message : "");
    view_set_bool(a, form, "consent", in.consent);
    view_set_int(a, form, "article_id", art->id);
    view_set_int(a, form, "parent_id", reply_to);
    view_set_bool(a, form, "replying", reply_to > 0);
    view_set_str(a, form, "cancel_path", arena_printf(a, "%s#respond", art->path));
    view_set_str(a, form, "token",
                 token_make(a, req->site->secret, "comment-form",
                            arena_printf(a, "article:%lld", art->id), req->now));
    view_set_bool(a, form, "open", open);
    return form;
}

/* ---- the thread ------------------------------------------------------ */

typedef struct node {
    long long id;
    view_t *view;
    view_t *replies;
    view_t *container;         /* the list this comment sits in */
    int depth;                 /* 1 = top level */
} node;

/* Open addressing over n*2 slots: the node of id, or NULL. */
static node *node_find(node **slots, size_t nslots, long long id) {
    for (size_t i = (size_t)id % nslots;; i = (i + 1) % nslots) {
        if (slots[i] == NULL) return NULL;
        if (slots[i]->id == id) return slots[i];
    }
}

static void node_insert(node **slots, size_t nslots, node *n) {
    size_t i = (size_t)n->id % nslots;
    while (slots[i]) i = (i + 1) % nslots;
    slots[i] = n;
}

static view_t *comment_view(request_t *req, const store_comment *c, int depth,
                            long long reply_to, view_t *form) {
    arena_t *a = req->arena;
    int max = req->site->config.thread_depth > 0 ? req->site->config.thread_depth : 1;
    view_t *v = view_map(a);
    char iso[32], human[32], avatar[IDENTICON_KEY_HEX + 1];
    date_format(c->created, iso, DATE_RFC3339);
    date_format(c->created, human, DATE_HUMAN);
    identicon_key(req->site->secret, c->email, avatar);
    view_set_int(a, v, "id", c->id);
    view_set_int(a, v, "depth", depth);
    view_set_str(a, v, "author", c->author);
    view_set_str(a, v, "url", c->url);
    view_set_str(a, v, "avatar_url", arena_printf(a, "/avatar/%s.svg", avatar));
    view_set_strdup(a, v, "date_iso", iso);
    view_set_strdup(a, v, "date_human", human);
    view_set_str(a, v, "body_html", paragraph_html_comment(a, c->body));
    view_set_bool(a, v, "pending", c->status == STORE_COMMENT_PENDING);
    view_set_bool(a, v, "can_reply", depth < max && c->status == STORE_COMMENT_APPROVED);
    view_set_str(a, v, "reply_path",
                 arena_printf(a, "?replytocom=%lld#respond", c->id));
    if (form && reply_to == c->id) view_set(a, v, "form", form);
    else view_set_bool(a, v, "form", false);
    return v;
}

view_t *comment_thread_view(request_t *req, store_comment **comments,
                            size_t n, long long reply_to, view_t *form) {
    arena_t *a = req->arena;
    int max = req->site->config.thread_depth > 0 ? req->site->config.thread_depth : 1;
    view_t *top = view_list(a);
    size_t nslots = 2 * n + 1;
    node **slots = arena_calloc(a, nslots * sizeof *slots);
    for (size_t i = 0; i < n; i++) {
        node *parent = comments[i]->parent_id ? node_find(slots, nslots, comments[i]->parent_id) : NULL;
        node *me = arena_calloc(a, sizeof *me);
        me->id = comments[i]->id;
        if (parent == NULL) {
            me->depth = 1;
            me->container = top;
        } else if (parent->depth >= max) {
            me->depth = parent->depth;
            me->container = parent->container;
        } else {
            me->depth = parent->depth + 1;
            me->container = parent->replies;
        }
        me->view = comment_view(req, comments[i], me->depth, reply_to, form);
        me->replies = view_list(a);
        view_set(a, me->view, "replies", me->replies);
        view_push(a, me->container, me->view);
        node_insert(slots, nslots, me);
    }
    /* has_replies, now that every reply is in place */
    for (size_t i = 0; i < nslots; i++)
        if (slots[i])
            view_set_bool(a, slots[i]->view, "has_replies", slots[i]->replies->u.items.count > 0);
    return top;
}

int comment_article_open(request_t *req, const store_article *art, err_t *err) {
    int open = store_article_comments_open(req->store, art->id, err);
    int days = req->site->config.close_after_days;
    if (open == 1 && days > 0 && req->now - art->published > (long long)days * 86400)
        open = 0;
    return open;
}

size_t comment_held_ids(request_t *req, long long *ids, size_t max) {
    const char *raw = cookie_get(req->arena, req->cookie, "comment_held");
    const char *payload;
    if (raw == NULL || token_open_payload(req->arena, req->site->secret, "held", raw,
                                          req->now, COMMENT_HELD_MAX_AGE, &payload))
        return 0;
    size_t n = 0;
    for (const char *p = payload; *p && n < max;) {
        char *end;
        long long id = strtoll(p, &end, 10);
        if (end == p) break;
        if (id > 0) ids[n++] = id;
        p = *end == ',' ? end + 1 : end;
    }
    return n;
}
