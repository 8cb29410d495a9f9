/*
** comment_rules.h — what a new comment must satisfy, and what becomes of it.
**
** Two steps, both pure (no store, no clock): comment_validate checks the
** fields a reader typed and says what is wrong with each; comment_decide
** applies the site's moderation rules ([comments] in gazette.ini) to a
** valid comment and the facts the handler looked up, and says whether it
** is approved, held, or spam, and why.
*/
#ifndef GAZETTE_COMMENT_RULES_H
#define GAZETTE_COMMENT_RULES_H

#include <stdbool.h>

#include "config.h"
#include "store.h"

/* Limits, as WordPress has them (its database columns). */
enum {
    COMMENT_MAX_TEXT = 65525,
    COMMENT_MAX_AUTHOR = 245,
    COMMENT_MAX_EMAIL = 100,
    COMMENT_MAX_URL = 200,
};

/* What a reader sent, fields trimmed of surrounding white space. */
typedef struct comment_input {
    const char *comment, *author, *email, *url;
    bool consent;
} comment_input;

/* One message per field, NULL when the field is fine. */
typedef struct comment_errors {
    const char *comment, *author, *email, *url;
} comment_errors;

/* Check every field; fill errs; return how many are wrong.  Rules:
** comment, author and email required; lengths within the limits above;
** valid UTF-8; email of the form local@domain.tld; url empty or an
** http/https URL with a host. */
int comment_validate(const comment_input *in, comment_errors *errs);

/* What the handler found out about the post. */
typedef struct comment_facts {
    bool author_known;         /* the email has an approved comment */
    bool honeypot_filled;      /* the hidden field bots fill */
    long long form_age;        /* seconds since the form was served */
    double spam_score;         /* Bayesian, 0..1 */
    const char *ip;
} comment_facts;

/* The fate of a valid comment: STORE_COMMENT_SPAM, _PENDING or _APPROVED,
** with *reason ("" when approved) saying which rule decided. */
store_comment_status comment_decide(const config_t *cfg, const comment_input *in,
                                    const comment_facts *facts,
                                    const char **reason);

#endif
