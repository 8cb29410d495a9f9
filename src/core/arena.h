/*
** arena.h — the one per-request (per-job) arena.
**
** A bump allocator over a chain of blocks.  Everything a request needs
** that dies with the request (view data, rows read from the store, temp
** strings) comes from its arena and is released in one arena_free().
** Nothing allocated here may be freed individually.  Allocation failure
** aborts, as in buf.c.
*/
#ifndef GAZETTE_ARENA_H
#define GAZETTE_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head;
    size_t used;     /* bytes used in head */
} arena_t;

#define ARENA_INIT {NULL, 0}

/* n bytes aligned for any type; never NULL. */
void *arena_alloc(arena_t *a, size_t n);
/* zeroed allocation */
void *arena_calloc(arena_t *a, size_t n);
/* a NUL-terminated copy of len bytes of s */
char *arena_strndup(arena_t *a, const char *s, size_t len);
char *arena_strdup(arena_t *a, const char *s);
char *arena_printf(arena_t *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* release every block */
void arena_free(arena_t *a);

#endif
