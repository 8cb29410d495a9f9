/*
** comment.c — POST /comments: a reader's new comment.
**
** The handler's steps, each of which can send the reader back to the
** article page with every field as typed (nothing a reader wrote is ever
** lost): parse the form; find the article; refuse a foreign Origin or a
** missing or bad CSRF token (403); refuse when comments are closed (403);
** validate the fields (422, each error beside its field); refuse a
** flood from one address (429) and a duplicate (409).  A post the
** server's writer could not take (request_t.busy) is sent back at once,
** 503, before anything is checked or written.  Then the
** moderation rules (comment_rules.c) with the facts looked up here decide
** approved, held or spam; the comment is committed; and the answer is a
** 303 to the comment's anchor, with the cookies that remember the writer
** (when they ticked the box) and their held comments (always).
*/
#include "comment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "bayes.h"
#include "comment_rules.h"
#include "comment_view.h"
#include "cookie.h"
#include "form.h"
#include "log.h"
#include "render.h"
#include "site.h"
#include "token.h"

enum { REMEMBER_SECONDS = 365 * 24 * 3600 };

/* A field's value with surrounding white space trimmed and CRLF made LF;
** "" when absent. */
static const char *field(arena_t *a, const form_t *f, const char *name) {
    const char *v = form_get(f, name);
    if (v == NULL) return "";
    while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n') v++;
    size_t len = strlen(v);
    while (len && strchr(" \t\r\n", v[len - 1])) len--;
    char *out = arena_alloc(a, len + 1), *o = out;
    for (size_t i = 0; i < len; i++)
        if (!(v[i] == '\r' && i + 1 < len && v[i + 1] == '\n')) *o++ = v[i];
    *o = '\0';
    return out;
}

/* Does the Origin header (when the browser sent one) name this site? */
static bool origin_allowed(request_t *req) {
    if (req->origin == NULL || !strcmp(req->origin, "null")) return req->origin == NULL;
    if (!strcmp(req->origin, req->site->config.base_url)) return true;
    const char *host = strstr(req->origin, "://");
    return host && req->host && !strcmp(host + 3, req->host);
}

/* Send the reader back to the article with what they typed. */
static void send_back(request_t *req, const store_article *art, comment_form *state,
                      int status, const char *message) {
    state->message = message;
    article_render(req, art, state, status);
}

/* The Bayesian score of the comment under the site's training. */
static int lookup(void *ctx, const char *token, long long *ham, long long *spam,
                  err_t *err) {
    return store_bayes_token(ctx, token, ham, spam, err);
}

static int spam_score(request_t *req, const comment_input *in, double *score,
                      err_t *err) {
    const char **tokens;
    size_t n = bayes_tokens(req->arena, in->comment, in->author, in->url, &tokens);
    bayes_counts totals;
    if (store_bayes_totals(req->store, &totals.ham_docs, &totals.spam_docs, err)) return -1;
    return bayes_score(&totals, tokens, n, lookup, req->store, score, err);
}

/* Remember the writer (consent given) or forget them (not given). */
static void consent_cookies(request_t *req, const comment_input *in) {
    static const char *const names[] = {"comment_author", "comment_email", "comment_url"};
    const char *values[] = {in->author, in->email, in->url};
    for (int i = 0; i < 3; i++) {
        if (in->consent)
            request_set_cookie(req, cookie_set_header(req->arena, names[i],
                                                      cookie_encode(req->arena, values[i]),
                                                      REMEMBER_SECONDS, true, false));
        else if (cookie_get(req->arena, req->cookie, names[i]))
            request_set_cookie(req, cookie_set_header(req->arena, names[i], "", 0, true, false));
    }
}

/* Add id to the signed list of this browser's held comments. */
static void held_cookie(request_t *req, long long id) {
    long long ids[COMMENT_HELD_MAX];
    size_t n = comment_held_ids(req, ids, COMMENT_HELD_MAX);
    size_t first = n + 1 > COMMENT_HELD_MAX ? n + 1 - COMMENT_HELD_MAX : 0;
    buf_t list = BUF_INIT;
    for (size_t i = first; i < n; i++) buf_printf(&list, "%lld,", ids[i]);
    buf_printf(&list, "%lld", id);
    const char *token = token_make_payload(req->arena, req->site->secret, "held",
                                           list.data, req->now);
    buf_free(&list);
    request_set_cookie(req, cookie_set_header(req->arena, "comment_held", token,
                                              COMMENT_HELD_MAX_AGE, true, false));
}

/* The reader's fields, trimmed. */
static void read_input(arena_t *a, const form_t *f, comment_form *state) {
    state->input.comment = field(a, f, "comment");
    state->input.author = field(a, f, "author");
    state->input.email = field(a, f, "email");
    state->input.url = field(a, f, "url");
    state->input.consent = form_get(f, "consent") != NULL;
    state->parent_id = strtoll(field(a, f, "parent"), NULL, 10);
    if (state->parent_id < 0) state->parent_id = 0;
}

/* Why a post is sent back: an HTTP status and a sentence for the reader.
** status 0: not refused. */
typedef struct refusal {
    int status;
    const char *message;
} refusal;

static void refuse(refusal *r, int status, const char *message) {
    if (r->status == 0) *r = (refusal){status, message};
}

/* The form must come from this site (Origin) and carry a valid token
** for this article, issued less than COMMENT_FORM_MAX_AGE ago. */
static void check_form(request_t *req, const store_article *art, const form_t *f,
                       long long *form_age, refusal *r) {
    long long issued = req->now;
    const char *subject = arena_printf(req->arena, "article:%lld", art->id);
    if (!origin_allowed(req) ||
        token_check(req->site->secret, "comment-form", subject,
                    field(req->arena, f, "token"), req->now, COMMENT_FORM_MAX_AGE, &issued))
        refuse(r, 403, "This form has expired or did not come from this site, so your "
                       "comment was not sent. It is still below: please post it again.");
    *form_age = req->now - issued;
}

static int check_open(request_t *req, const store_article *art, refusal *r, err_t *err) {
    int open = comment_article_open(req, art, err);
    if (open < 0) return -1;
    if (open == 0) refuse(r, 403, "Comments are closed on this article.");
    return 0;
}

/* One comment per address per flood_seconds. */
static int check_flood(request_t *req, refusal *r, err_t *err) {
    int flood = req->site->config.flood_seconds;
    long long last = 0;
    if (r->status || flood <= 0) return 0;
    if (store_comment_last_from_ip(req->store, req->remote_addr, &last, err)) return -1;
    if (last && req->now - last < flood)
        refuse(r, 429, "You are posting comments too quickly. Please wait a moment "
                       "and post again.");
    return 0;
}

static int check_duplicate(request_t *req, const store_article *art,
                           const comment_input *in, refusal *r, err_t *err) {
    bool duplicate = false;
    if (r->status) return 0;
    if (store_comment_is_duplicate(req->store, art->id, in->email, in->comment,
                                   &duplicate, err))
        return -1;
    if (duplicate)
        refuse(r, 409, "Duplicate comment detected; it looks as though you’ve "
                       "already said that!");
    return 0;
}

/* The refusals that come before the moderation rules, in order: forged or
** stale form (403), closed (403), bad fields (422), flood (429),
** duplicate (409).  -1 only when the store fails. */
static int check_post(request_t *req, const store_article *art, const form_t *f,
                      comment_form *state, long long *form_age, refusal *r,
                      err_t *err) {
    check_form(req, art, f, form_age, r);
    if (r->status == 0 && check_open(req, art, r, err)) return -1;
    if (r->status == 0 && comment_validate(&state->input, &state->errors))
        refuse(r, 422, "Your comment was not posted: please correct the fields "
                       "marked below.");
    if (check_flood(req, r, err) || check_duplicate(req, art, &state->input, r, err))
        return -1;
    return 0;
}

/* Decide, save, and answer 303 to the new comment. */
static int accept_comment(request_t *req, const store_article *art, const form_t *f,
                          const comment_form *state, long long form_age, err_t *err) {
    comment_facts facts = {
        .honeypot_filled = field(req->arena, f, "website")[0] != '\0',
        .form_age = form_age,
        .ip = req->remote_addr,
    };
    const comment_input *in = &state->input;
    if (store_comment_author_known(req->store, in->email, &facts.author_known, err) ||
        spam_score(req, in, &facts.spam_score, err))
        return -1;
    store_comment c = {
        .article_id = art->id, .parent_id = state->parent_id,
        .author = in->author, .email = in->email, .url = in->url, .body = in->comment,
        .ip = req->remote_addr, .user_agent = req->user_agent ? req->user_agent : "",
        .spam_score = facts.spam_score, .created = req->now,
    };
    c.status = comment_decide(&req->site->config, in, &facts, &c.held_reason);
    long long id;
    if (store_comment_add(req->store, &c, &id, err)) return -1;
    consent_cookies(req, in);
    if (c.status != STORE_COMMENT_APPROVED) held_cookie(req, id);
    req->status = 303;
    req->location = arena_printf(req->arena, "%s#comment-%lld", art->path, id);
    req->content_type = "text/plain; charset=utf-8";
    buf_printf(&req->out, "Your comment was saved: %s\n", req->location);
    return 0;
}

/* POST /comments
**
** Form fields: article (id), parent (0 or the comment replied to),
** comment, author, email, url, consent (the remember-me box), token (the
** form's signed token), website (the honeypot; people leave it empty).
** 303 to the comment on success; on refusal the article page again with
** the fields as typed: 403 (foreign or stale form, comments closed), 422
** (invalid fields), 429 (too fast), 409 (duplicate), 503 (the server
** was too busy to take the write: req->busy, nothing checked or written).
*/
void comment_post(request_t *req) {
    err_t err;
    form_t f;
    comment_form state = {0};
    store_article *art = NULL;
    if (form_parse(req->arena, req->body, req->body_len, &f, &err)) {
        render_error(req, 400, "Bad request", "The comment form could not be read.");
        return;
    }
    read_input(req->arena, &f, &state);
    if (store_article_by_id(req->store, req->arena,
                            strtoll(field(req->arena, &f, "article"), NULL, 10), &art, &err)) {
        render_store_error(req, &err);
        return;
    }
    if (art == NULL) {
        render_error(req, 404, "Article not found",
                     "The article you were replying to does not exist (any more).");
        return;
    }
    if (req->busy) {
        send_back(req, art, &state, 503,
                  "The site is too busy to take your comment just now, so it was not "
                  "sent. It is still below: please post it again in a few seconds.");
        return;
    }
    long long form_age = 0;
    refusal r = {0};
    if (check_post(req, art, &f, &state, &form_age, &r, &err) == 0 && r.status) {
        send_back(req, art, &state, r.status, r.message);
        return;
    }
    if (r.status == 0 && accept_comment(req, art, &f, &state, form_age, &err) == 0) return;
    log_error("saving a comment: %s", err.msg);
    send_back(req, art, &state, 500,
              "Your comment could not be saved. It is still below: please try again.");
}
