/*
** view.c — the data a template is rendered with; see view.h.
*/
#include "view.h"

#include <string.h>

static view_t *view_new(arena_t *a, view_kind kind) {
    view_t *v = arena_calloc(a, sizeof *v);
    v->kind = kind;
    return v;
}

view_t *view_null(arena_t *a) { return view_new(a, VIEW_NULL); }

view_t *view_bool(arena_t *a, bool b) {
    view_t *v = view_new(a, VIEW_BOOL);
    v->u.boolean = b;
    return v;
}

view_t *view_number(arena_t *a, double d) {
    view_t *v = view_new(a, VIEW_NUMBER);
    v->u.number = d;
    return v;
}

view_t *view_string(arena_t *a, const char *s, size_t len) {
    view_t *v = view_new(a, VIEW_STRING);
    v->u.string.s = s ? s : "";
    v->u.string.len = s ? len : 0;
    return v;
}

view_t *view_list(arena_t *a) { return view_new(a, VIEW_LIST); }
view_t *view_map(arena_t *a) { return view_new(a, VIEW_MAP); }

static void items_add(arena_t *a, view_t *v, const char *key, view_t *value) {
    view_entry *e = arena_alloc(a, sizeof *e);
    e->key = key;
    e->value = value;
    e->next = NULL;
    if (v->u.items.last) v->u.items.last->next = e;
    else v->u.items.first = e;
    v->u.items.last = e;
    v->u.items.count++;
}

void view_push(arena_t *a, view_t *list, view_t *value) {
    items_add(a, list, NULL, value);
}

void view_set(arena_t *a, view_t *map, const char *key, view_t *value) {
    items_add(a, map, key, value);
}

void view_set_str(arena_t *a, view_t *map, const char *key, const char *s) {
    view_set(a, map, key, view_string(a, s, s ? strlen(s) : 0));
}

void view_set_strdup(arena_t *a, view_t *map, const char *key, const char *s) {
    view_set_str(a, map, key, s ? arena_strdup(a, s) : NULL);
}

void view_set_bool(arena_t *a, view_t *map, const char *key, bool b) {
    view_set(a, map, key, view_bool(a, b));
}

void view_set_int(arena_t *a, view_t *map, const char *key, long long n) {
    view_set(a, map, key, view_number(a, (double)n));
}

view_t *view_get(const view_t *map, const char *key, size_t keylen) {
    if (map == NULL || map->kind != VIEW_MAP) return NULL;
    for (view_entry *e = map->u.items.first; e; e = e->next) {
        if (strncmp(e->key, key, keylen) == 0 && e->key[keylen] == '\0')
            return e->value;
    }
    return NULL;
}

bool view_truthy(const view_t *v) {
    if (v == NULL) return false;
    switch (v->kind) {
    case VIEW_NULL: return false;
    case VIEW_BOOL: return v->u.boolean;
    case VIEW_NUMBER: return true;
    case VIEW_STRING: return v->u.string.len > 0;
    case VIEW_LIST: return v->u.items.count > 0;
    case VIEW_MAP: return true;
    }
    return false;
}
