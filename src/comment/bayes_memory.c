/*
** bayes_memory.c — the spam filter's counts in memory; see bayes_memory.h.
**
** Open addressing with linear probing over a power-of-two array of slots,
** grown (doubled and re-inserted) before it is 3/4 full so that a probe
** always ends at an empty slot.  A slot keeps the token's FNV-1a hash so
** growing never re-hashes and most mismatches cost no strcmp.  The token
** strings live in an arena owned by the table: they are never removed, so
** one arena_free releases them all.
*/
#include "bayes_memory.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

typedef struct slot {
    const char *token;      /* NULL: empty */
    uint64_t hash;
    long long ham, spam;
} slot;

struct bayes_memory {
    slot *slots;
    size_t cap;             /* a power of two */
    size_t used;
    bayes_counts totals;
    arena_t strings;
};

enum { FIRST_CAP = 64 };

static uint64_t hash_token(const char *s) {
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 1099511628211u;
    }
    return h;
}

static slot *slots_new(size_t cap) {
    slot *s = calloc(cap, sizeof *s);
    if (s == NULL) abort();
    return s;
}

/* The slot holding token, or the empty slot where it would go. */
static slot *find(const bayes_memory *m, const char *token, uint64_t hash) {
    size_t mask = m->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        slot *s = &m->slots[i];
        if (s->token == NULL) return s;
        if (s->hash == hash && strcmp(s->token, token) == 0) return s;
    }
}

/* Double the table, moving every slot. */
static void grow(bayes_memory *m) {
    slot *old = m->slots;
    size_t old_cap = m->cap;
    m->cap *= 2;
    m->slots = slots_new(m->cap);
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i].token) *find(m, old[i].token, old[i].hash) = old[i];
    }
    free(old);
}

/* Return a new, empty table. */
bayes_memory *bayes_memory_new(void) {
    bayes_memory *m = calloc(1, sizeof *m);
    if (m == NULL) abort();
    m->cap = FIRST_CAP;
    m->slots = slots_new(m->cap);
    return m;
}

/* The slot of token, added with 0/0 counts if it was not there. */
static slot *find_or_add(bayes_memory *m, const char *token) {
    uint64_t hash = hash_token(token);
    slot *s = find(m, token, hash);
    if (s->token) return s;
    if ((m->used + 1) * 4 > m->cap * 3) {
        grow(m);
        s = find(m, token, hash);
    }
    s->token = arena_strdup(&m->strings, token);
    s->hash = hash;
    m->used++;
    return s;
}

/* Count one more ham or spam document and each of its n tokens. */
void bayes_memory_train(bayes_memory *m, const char **tokens, size_t n,
                        bool spam) {
    if (spam) m->totals.spam_docs++;
    else m->totals.ham_docs++;
    for (size_t i = 0; i < n; i++) {
        slot *s = find_or_add(m, tokens[i]);
        if (spam) s->spam++;
        else s->ham++;
    }
}

/* The counts of token in the table ctx; 0/0 when unseen.  Returns 0. */
int bayes_memory_lookup(void *ctx, const char *token, long long *ham,
                        long long *spam, err_t *err) {
    const bayes_memory *m = ctx;
    const slot *s = find(m, token, hash_token(token));
    (void)err;
    *ham = s->token ? s->ham : 0;
    *spam = s->token ? s->spam : 0;
    return 0;
}

/* The table's document totals. */
const bayes_counts *bayes_memory_totals(const bayes_memory *m) {
    return &m->totals;
}

/* Free the table, its slots and its strings. */
void bayes_memory_free(bayes_memory *m) {
    if (m == NULL) return;
    free(m->slots);
    arena_free(&m->strings);
    free(m);
}
