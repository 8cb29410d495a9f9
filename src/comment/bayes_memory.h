/*
** bayes_memory.h — the spam filter's counts in memory: a hash table from
** token to (ham documents, spam documents) plus the two totals.
**
** It is what the store keeps in SQLite, without the SQLite: for the unit
** tests, the cross-validation of the labelled comments, and the fuzz
** target.  bayes_memory_lookup is a bayes_lookup_fn with the table as its
** ctx, so bayes_score cannot tell it from the store.  Not thread-safe: one
** table, one thread.
*/
#ifndef GAZETTE_BAYES_MEMORY_H
#define GAZETTE_BAYES_MEMORY_H

#include <stdbool.h>
#include <stddef.h>

#include "bayes.h"
#include "err.h"

typedef struct bayes_memory bayes_memory;

/* A new, untrained table (totals 0/0).  Never NULL: out of memory aborts,
** as everywhere (buf.h). */
bayes_memory *bayes_memory_new(void);

/* Learn one document: add 1 to the ham (spam false) or spam (spam true)
** total, and to that count of each of the n tokens.  The tokens should be
** distinct, as bayes_tokens makes them; each is copied. */
void bayes_memory_train(bayes_memory *m, const char **tokens, size_t n,
                        bool spam);

/* The bayes_lookup_fn over a table (ctx is the bayes_memory *): stores
** the token's counts, 0/0 when unseen, and returns 0; it cannot fail. */
int bayes_memory_lookup(void *ctx, const char *token, long long *ham,
                        long long *spam, err_t *err);

/* The documents trained so far.  Points into the table: it follows later
** training and is valid until bayes_memory_free. */
const bayes_counts *bayes_memory_totals(const bayes_memory *m);

/* Release the table and its tokens; NULL is allowed. */
void bayes_memory_free(bayes_memory *m);

#endif
