/*
** limit.c — connections per address; see limit.h.
**
** A chained hash table of (address, count) under one mutex.  The lock is
** taken twice per connection (open, close), never per request, so one
** lock for all workers costs nothing measurable.  An entry is removed
** when its count drops to zero, so the table holds only the addresses
** connected now.
*/
#include "limit.h"

#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { LIMIT_BUCKETS = 1024 };

typedef struct entry {
    unsigned char addr[16];    /* IPv4 as v4-mapped IPv6 */
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

/* The 16-byte key of an address; false for families without one. */
static bool address_key(const struct sockaddr *sa, unsigned char key[16]) {
    memset(key, 0, 16);
    if (sa->sa_family == AF_INET6) {
        memcpy(key, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
        return true;
    }
    if (sa->sa_family == AF_INET) {
        key[10] = key[11] = 0xff;
        memcpy(key + 12, &((const struct sockaddr_in *)sa)->sin_addr, 4);
        return true;
    }
    return false;
}

static unsigned bucket_of(const unsigned char key[16]) {
    uint32_t h = 2166136261u;
    for (int i = 0; i < 16; i++) h = (h ^ key[i]) * 16777619u;
    return h % LIMIT_BUCKETS;
}

/* The entry of key in its bucket list, or NULL; *link is where it hangs. */
static entry *find(limit_table *t, const unsigned char key[16], entry ***link) {
    *link = &t->bucket[bucket_of(key)];
    while (**link && memcmp((**link)->addr, key, 16)) *link = &(**link)->next;
    return **link;
}

bool limit_acquire(limit_table *t, const struct sockaddr *sa) {
    unsigned char key[16];
    if (t->max <= 0 || !address_key(sa, key)) return true;
    pthread_mutex_lock(&t->lock);
    entry **link, *e = find(t, key, &link);
    bool ok = e == NULL || e->count < t->max;
    if (ok && e == NULL) {
        e = calloc(1, sizeof *e);
        if (e == NULL) abort();
        memcpy(e->addr, key, 16);
        *link = e;
    }
    if (ok) e->count++;
    pthread_mutex_unlock(&t->lock);
    return ok;
}

void limit_release(limit_table *t, const struct sockaddr *sa) {
    unsigned char key[16];
    if (t->max <= 0 || !address_key(sa, key)) return;
    pthread_mutex_lock(&t->lock);
    entry **link, *e = find(t, key, &link);
    if (e && --e->count == 0) {
        *link = e->next;
        free(e);
    }
    pthread_mutex_unlock(&t->lock);
}
