/*
** vec.c — the one growing array; see vec.h.
*/
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The capacity to grow cap to for need elements of size bytes: cap doubled
** (VEC_FIRST from 0) until it holds need.  Aborts when the block's size in
** bytes would not fit size_t. */
static size_t next_cap(size_t cap, size_t need, size_t size) {
    size_t c = cap ? cap : VEC_FIRST;
    while (c < need) {
        if (c > SIZE_MAX / 2) abort();
        c *= 2;
    }
    if (size != 0 && c > SIZE_MAX / size) abort();
    return c;
}

void *vec_grow(void *items, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return items;
    size_t c = next_cap(*cap, need, size);
    void *p = realloc(items, c * size);
    if (p == NULL) abort();
    *cap = c;
    return p;
}

void *vec_grow_arena(arena_t *a, void *items, size_t n, size_t *cap,
                     size_t need, size_t size) {
    if (need <= *cap) return items;
    size_t c = next_cap(*cap, need, size);
    void *p = arena_alloc(a, c * size);
    if (n) memcpy(p, items, n * size);
    *cap = c;
    return p;
}
