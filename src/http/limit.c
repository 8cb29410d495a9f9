/*
** limit.c — connections per address; see limit.h.
**
** A chained hash table of (address key, count) under one mutex.  The key
** is netaddr.h's: an IPv4 address, or an IPv6 address's /64, so that one
** IPv6 client cannot walk around the limit through the 2^64 addresses of
** its prefix.  The lock is taken twice per connection (open, close),
** never per request, so one lock for all workers costs nothing
** measurable.  An entry is removed when its count drops to zero, so the
** table holds only the keys connected now.
*/
#include "limit.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "netaddr.h"

enum { LIMIT_BUCKETS = 1024 };

typedef struct entry {
    netaddr_key key;
    int count;
    struct entry *next;
} entry;

struct limit_table {
    int max;
    pthread_mutex_t lock;
    entry *bucket[LIMIT_BUCKETS];
};

limit_table *limit_new(int max) {
    limit_table *t = calloc(1, sizeof *t);
    if (t == NULL) abort();
    t->max = max;
    pthread_mutex_init(&t->lock, NULL);
    return t;
}

void limit_free(limit_table *t) {
    if (t == NULL) return;
    for (int i = 0; i < LIMIT_BUCKETS; i++) {
        for (entry *e = t->bucket[i], *next; e; e = next) {
            next = e->next;
            free(e);
        }
    }
    pthread_mutex_destroy(&t->lock);
    free(t);
}

/* FNV-1a over the key's bytes. */
static unsigned bucket_of(const netaddr_key *key) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < sizeof key->bytes; i++) h = (h ^ key->bytes[i]) * 16777619u;
    return h % LIMIT_BUCKETS;
}

/* The entry of key in its bucket list, or NULL; *link is where it hangs. */
static entry *find(limit_table *t, const netaddr_key *key, entry ***link) {
    *link = &t->bucket[bucket_of(key)];
    while (**link && !netaddr_key_equal(&(**link)->key, key)) *link = &(**link)->next;
    return **link;
}

bool limit_acquire(limit_table *t, const struct sockaddr *sa) {
    netaddr_key key;
    if (t->max <= 0 || !netaddr_key_of(sa, &key)) return true;
    pthread_mutex_lock(&t->lock);
    entry **link, *e = find(t, &key, &link);
    bool ok = e == NULL || e->count < t->max;
    if (ok && e == NULL) {
        e = calloc(1, sizeof *e);
        if (e == NULL) abort();
        e->key = key;
        *link = e;
    }
    if (ok) e->count++;
    pthread_mutex_unlock(&t->lock);
    return ok;
}

void limit_release(limit_table *t, const struct sockaddr *sa) {
    netaddr_key key;
    if (t->max <= 0 || !netaddr_key_of(sa, &key)) return;
    pthread_mutex_lock(&t->lock);
    entry **link, *e = find(t, &key, &link);
    if (e && --e->count == 0) {
        *link = e->next;
        free(e);
    }
    pthread_mutex_unlock(&t->lock);
}
