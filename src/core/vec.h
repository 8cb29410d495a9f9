/*
** vec.h — the one growing array.
**
** An array is three things its owner keeps: the pointer, the count of
** elements in use, and the capacity.  Before adding, the owner asks for
** room and keeps what comes back:
**
**     p->items = vec_grow(p->items, &p->cap, p->n + 1, sizeof *p->items);
**     p->items[p->n++] = x;
**
** The capacity doubles from VEC_FIRST, so n additions cost O(n) copying.
** vec_grow keeps the array on the heap (realloc; the owner free()s it);
** vec_grow_arena keeps it in an arena, where the outgrown block stays
** until the arena is freed.  Allocation failure and a size that does not
** fit size_t abort, as in buf.c.
*/
#ifndef GAZETTE_VEC_H
#define GAZETTE_VEC_H

#include <stddef.h>

#include "arena.h"

/* The capacity of an array's first block, in elements. */
#define VEC_FIRST 8

/* items (heap, or NULL with *cap 0) with room for at least need elements
** of size bytes: items itself when it has room, else a bigger block
** holding the same elements, *cap updated. */
void *vec_grow(void *items, size_t *cap, size_t need, size_t size);

/* The same in arena a: when items (n elements in use, or NULL with *cap
** 0) lacks room, a bigger block from a with the n elements copied. */
void *vec_grow_arena(arena_t *a, void *items, size_t n, size_t *cap,
                     size_t need, size_t size);

#endif
