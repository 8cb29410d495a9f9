/*
** related.h — what makes two stories related: terms, weights, the score.
**
** This is the pure half of related stories (no store, no SQL, no global
** state): it turns a headline and a body into stemmed terms, weighs them
** (TF-IDF), and scores a pair of stories (cosine of their term vectors,
** boosted by shared tags, a shared section and nearness in time).  The
** store half, store_sqlite_related.c, keeps the vectors, an inverted index
** over them and the finished lists; see related.c for the formula.
**
** Memory: what these functions return lives in the caller's arena.
** Threads: every function may run on any thread; the stemmer they use is
** made and freed inside each call (libstemmer's is not thread-safe).
*/
#ifndef GAZETTE_RELATED_H
#define GAZETTE_RELATED_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "err.h"

/* A title word counts as this many body words. */
#define RELATED_TITLE_WEIGHT 3.0
/* Terms kept in an article's stored vector: its highest TF-IDF weights. */
#define RELATED_TERMS_KEPT 64
/* Below this score a story is not related enough to be listed. */
#define RELATED_MIN_SCORE 0.02

/* Boost weights: see the formula in related.c. */
#define RELATED_TAG_BOOST 0.30
#define RELATED_TAG_CAP 3
#define RELATED_SECTION_BOOST 0.15
#define RELATED_TIME_BOOST 0.15
#define RELATED_TIME_HALF_LIFE (30 * 86400LL)   /* seconds */

/* One distinct term of a story: its stem and its weighted count (each
** title occurrence counts RELATED_TITLE_WEIGHT, a body one 1). */
typedef struct related_term {
    const char *term;          /* stemmed, case-folded, NUL-terminated */
    double count;
} related_term;

/* One component of a story's vector: a term (by id in the store), its
** TF-IDF weight, and how many stories hold the term (for the store's
** candidate search; the score does not read it). */
typedef struct related_component {
    long long term_id;
    double weight;
    long long df;
} related_component;

/* A story as the score sees it. */
typedef struct related_doc {
    long long id;
    related_component *terms;  /* sorted by term_id, ids distinct */
    size_t nterms;
    double norm;               /* Euclidean length of the weights */
    long long section_id;      /* 0: no section */
    long long *tags;           /* tag ids, sorted ascending, distinct */
    size_t ntags;
    long long published;       /* Unix seconds */
} related_doc;

/* Whether word (case-folded, not stemmed, NUL-terminated) is one of the
** English stop-words that carry no topic ("the", "said", "would"...). */
bool related_is_stopword(const char *word);

/* The stop-word list itself, sorted in byte order, *n words (for tests
** and documentation). */
const char *const *related_stopwords(size_t *n);

/* The distinct terms of a story: title and body split into words (letters
** and digits of any script; apostrophes and "'s" handled as English
** writes them), case-folded, stop-words and words of digits only dropped,
** stemmed with Snowball's English stemmer.  *out is sorted by term (byte
** order), each term once.  -1 with err set only when the stemmer cannot
** be made.  NULL title or body is read as "". */
int related_terms(arena_t *a, const char *title, const char *body,
                  related_term **out, size_t *n, err_t *err);

/* The sub-linear term frequency: 1 + ln(count) for count > 0, else 0. */
double related_tf(double count);

/* The inverse document frequency of a term found in df of docs stories:
** ln(1 + docs / df); df < 1 is taken as 1, docs < df as df. */
double related_idf(long long docs, long long df);

/* The cosine of the angle between a's and b's vectors, in [0, 1]; 0 when
** either is empty. */
double related_cosine(const related_doc *a, const related_doc *b);

/* The boost factor of the pair (>= 1): shared tags, same section, time
** apart.  Symmetric in a and b. */
double related_boost(const related_doc *a, const related_doc *b);

/* The related-story score: related_cosine × related_boost.  Symmetric in
** a and b, so one computation serves both stories' lists. */
double related_score(const related_doc *a, const related_doc *b);

/* Set d->norm from d->terms. */
void related_doc_norm(related_doc *d);

/* ---- candidate pool: ids with accumulated partial scores ---- */

typedef struct related_candidate {
    long long id;
    double score;
} related_candidate;

/* An open-addressing hash of candidates, in an arena.  Zero it to start
** (RELATED_POOL_INIT); ids must be > 0. */
typedef struct related_pool {
    related_candidate *slots;
    size_t cap, count;
} related_pool;

#define RELATED_POOL_INIT {NULL, 0, 0}

/* Add score to id's total (a new id starts at 0). */
void related_pool_add(arena_t *a, related_pool *p, long long id, double score);

/* The at most k candidates with the highest totals, highest first (ties:
** higher id first), into an arena array. */
size_t related_pool_top(arena_t *a, const related_pool *p, size_t k,
                        related_candidate **out);

/* Sort candidates by score, highest first (ties: higher id first). */
void related_candidates_sort(related_candidate *c, size_t n);

#endif
