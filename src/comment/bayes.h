/*
** bayes.h — the comment spam classifier: the tokens of a comment
** (bayes_tokens.c), and the probability that it is spam given what the
** site's moderators taught (bayes_score.c).
**
** Learning is per site and needs no outside service.  Each time a
** moderator approves a comment (ham) or marks it spam, the store adds one
** to the ham or spam count of every distinct token of that comment and to
** the document total of that class (store_comment_set_status).  Scoring
** reads those counts back through a lookup callback, so this module does
** no SQL and keeps no state: the store (store_bayes_token) and the
** in-memory table of bayes_memory.h implement the same bayes_lookup_fn.
**
** Both sides must tokenize with bayes_tokens: a comment is trained and
** scored on exactly the same tokens.  Changing the tokenizer in a way that
** renames tokens makes the counts of a trained site stale; add tokens
** rather than rename them.
*/
#ifndef GAZETTE_BAYES_H
#define GAZETTE_BAYES_H

#include <stddef.h>

#include "arena.h"
#include "err.h"

/* A comment scoring at or above this is marked spam without a moderator.
** High on purpose: a false positive silently hides a reader's comment,
** while a spam that scores just below it is only held (see below). */
#define BAYES_SPAM_THRESHOLD 0.9

/* A comment scoring at or above this (and below BAYES_SPAM_THRESHOLD) is
** held for moderation instead of appearing at once.  Scores between 0.5
** and here are "unsure but leaning spam" and are published; Fisher's
** method puts most comments near 0 or 1 once a site has some training,
** and 0.5 exactly when it has none. */
#define BAYES_HOLD_THRESHOLD 0.6

/* The longest word, in bytes, that becomes a token (the shortest is 2);
** longer runs of letters become the one token "long-word".  A token
** (with its prefix, "author:" or "url:" and a host) is at most
** BAYES_TOKEN_MAX bytes. */
#define BAYES_WORD_MAX 40
#define BAYES_TOKEN_MAX 80

/* At most this many tokens, the furthest from 0.5, decide a score. */
#define BAYES_CLUES 20

/* Documents trained so far, per class. */
typedef struct bayes_counts {
    long long ham_docs, spam_docs;
} bayes_counts;

/* Look up how many ham and spam documents contained token; 0/0 when
** unseen.  Return 0, or -1 with err. */
typedef int (*bayes_lookup_fn)(void *ctx, const char *token, long long *ham,
                               long long *spam, err_t *err);

/*
** The distinct tokens of a comment, for training and for scoring: its
** text, the author's name and the host of the author's website (url).
** Any of the three may be NULL (taken as "") and may hold any bytes:
** invalid UTF-8 separates words and is never copied, so every token is
** valid UTF-8, NUL-free, 1..BAYES_TOKEN_MAX bytes, and lower-case.  There
** is always at least one token (the length and link-count tokens).  The
** kinds of token are described atop bayes_tokens.c.  Stores the array, in
** no promised order but without duplicates, in *out and returns its
** length; the array and the strings live in the arena.
*/
size_t bayes_tokens(arena_t *a, const char *text, const char *author,
                    const char *url, const char ***out);

/*
** The probability in [0,1] that a comment with these n tokens (distinct,
** as bayes_tokens makes them) is spam, given the document totals and the
** per-token counts that lookup(ctx, ...) returns.  Robinson's per-token
** probability with a strength-1 prior at 0.5, the BAYES_CLUES tokens
** furthest from 0.5 (and at least 0.1 from it), combined by Fisher's
** chi-square method (Robinson; as in SpamBayes).  With no training at all,
** or no token that says anything, the answer is 0.5 and lookup is not
** called (no training) or its answers do not matter.  Returns 0 with
** *p_spam set; or -1 with err (a failed lookup, or negative counts), and
** then *p_spam is 0.5.
*/
int bayes_score(const bayes_counts *totals, const char **tokens, size_t n,
                bayes_lookup_fn lookup, void *ctx, double *p_spam,
                err_t *err);

#endif
