/*
** view.h — the data a template is rendered with.
**
** A view is a small tree, allocated in an arena, of the JSON-like kinds
** Mustache understands: null, booleans, numbers, strings, lists and maps.
** Handlers build one per page (the article, its Check Also story, the
** site's name...), mustache.c reads it.  Maps keep insertion order and are
** searched linearly: a page's view has tens of keys, not thousands.
**
** Strings are not copied by the view_*_str setters that take a length;
** the caller guarantees they outlive the view (usually: they live in the
** same arena).  view_set_strdup copies into the arena.
*/
#ifndef GAZETTE_VIEW_H
#define GAZETTE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef enum view_kind {
    VIEW_NULL,
    VIEW_BOOL,
    VIEW_NUMBER,
    VIEW_STRING,
    VIEW_LIST,
    VIEW_MAP,
} view_kind;

typedef struct view view_t;
typedef struct view_entry view_entry;

struct view_entry {           /* one key of a map, or one item of a list */
    const char *key;          /* NULL in a list */
    view_t *value;
    view_entry *next;
};

struct view {
    view_kind kind;
    union {
        bool boolean;
        double number;
        struct { const char *s; size_t len; } string;
        struct { view_entry *first, *last; size_t count; } items;
    } u;
};

view_t *view_null(arena_t *a);
view_t *view_bool(arena_t *a, bool b);
view_t *view_number(arena_t *a, double d);
view_t *view_string(arena_t *a, const char *s, size_t len);  /* no copy */
view_t *view_list(arena_t *a);
view_t *view_map(arena_t *a);

/* Append to a list. */
void view_push(arena_t *a, view_t *list, view_t *value);
/* Add key -> value to a map (key is not copied; a later duplicate key is
** shadowed by the first). */
void view_set(arena_t *a, view_t *map, const char *key, view_t *value);
/* Shorthands for the common kinds. */
void view_set_str(arena_t *a, view_t *map, const char *key, const char *s);
void view_set_strdup(arena_t *a, view_t *map, const char *key, const char *s);
void view_set_bool(arena_t *a, view_t *map, const char *key, bool b);
void view_set_int(arena_t *a, view_t *map, const char *key, long long n);

/* The value of key in map, or NULL when map is not a map or lacks key. */
view_t *view_get(const view_t *map, const char *key, size_t keylen);

/* Mustache truthiness: null, false, empty list and empty string are
** false (gazette treats "" as false so that optional fields can be
** tested with a section). */
bool view_truthy(const view_t *v);

#endif
