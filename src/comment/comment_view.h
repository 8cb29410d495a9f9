/*
** comment_view.h — comments and the comment form, as the article page
** shows them.
*/
#ifndef GAZETTE_COMMENT_VIEW_H
#define GAZETTE_COMMENT_VIEW_H

#include <stdbool.h>

#include "comment_rules.h"
#include "request.h"
#include "store.h"
#include "view.h"

/* The signed cookie "comment_held" lists the held comments a browser
** wrote (at most COMMENT_HELD_MAX, newest kept) for this long. */
enum { COMMENT_HELD_MAX = 20, COMMENT_HELD_MAX_AGE = 30 * 24 * 3600 };

/* How old a form's token may be when it is posted. */
enum { COMMENT_FORM_MAX_AGE = 2 * 24 * 3600 };

/* The state of the form when a post is sent back to its writer (422,
** 403, 409, 429, 503): what they typed, what is wrong, one message for the
** whole form.  NULL state: a fresh form, prefilled from the consent
** cookies when present. */
typedef struct comment_form {
    comment_input input;
    comment_errors errors;
    const char *message;       /* e.g. the flood or duplicate notice */
    long long parent_id;
} comment_form;

/* The form's view for article art: fields, per-field errors, the CSRF
** token, the parent, and whether comments are open.  reply_to (0: none)
** is the comment the reader chose to reply to. */
view_t *comment_form_view(request_t *req, const store_article *art,
                          const comment_form *state, long long reply_to,
                          bool open);

/* The comments as a thread: a list of top-level comments, each with its
** "replies", nested at most [comments] thread_depth deep; deeper replies
** are shown at the deepest level.  The form goes under the comment
** replied to (key "form"), else nowhere in the thread. */
view_t *comment_thread_view(request_t *req, store_comment **comments,
                            size_t n, long long reply_to, view_t *form);

/* Whether art takes comments now: 1 yes, 0 no (closed on the article,
** or older than [comments] close_after_days), -1 on a store error. */
int comment_article_open(request_t *req, const store_article *art, err_t *err);

/* The ids of held comments this browser wrote, from the signed cookie. */
size_t comment_held_ids(request_t *req, long long *ids, size_t max);

#endif
