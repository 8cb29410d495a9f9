/*
** arena.c — the per-request arena; see arena.h.
**
** Blocks are 16 KB, or bigger when one allocation asks for more; a big
** allocation gets a block of its own pushed *behind* the head so that the
** head's free space is not wasted.
*/
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t size;
    max_align_t data[];
};

enum { ARENA_BLOCK = 16384 };

static arena_block *block_new(size_t size) {
    arena_block *b = malloc(sizeof *b + size);
    if (b == NULL) abort();
    b->next = NULL;
    b->size = size;
    return b;
}

void *arena_alloc(arena_t *a, size_t n) {
    const size_t align = sizeof(max_align_t);
    n = (n + align - 1) & ~(align - 1);
    if (n == 0) n = align;
    if (n > ARENA_BLOCK / 4) {
        arena_block *b = block_new(n);
        if (a->head) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = NULL;
            a->head = b;
            a->used = n;
        }
        return b->data;
    }
    if (a->head == NULL || a->used + n > a->head->size) {
        arena_block *b = block_new(ARENA_BLOCK);
        b->next = a->head;
        a->head = b;
        a->used = 0;
    }
    void *p = (char *)a->head->data + a->used;
    a->used += n;
    return p;
}

void *arena_calloc(arena_t *a, size_t n) {
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena_t *a, const char *s, size_t len) {
    char *p = arena_alloc(a, len + 1);
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(arena_t *a, const char *s) {
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena_t *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void arena_free(arena_t *a) {
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used = 0;
}
