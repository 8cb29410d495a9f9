/*
** fuzz_mustache.c — libFuzzer target for the Mustache engine: compile
** arbitrary templates and render them against a small fixed view.
**
** Input layout: up to three parts separated by NUL bytes — the template
** "main", the partial "p" and the parent "parent" — so that partials,
** parents, blocks and their recursion are reached.  Seeds are in
** fuzz/corpus/mustache/.
**
** Besides crashes, sanitizer reports and hangs, the target aborts when a
** promise of mustache.h is broken: a failure always comes with a message
** that names the template ("NAME:LINE: ..." for syntax errors), a failed
** render leaves the output buffer as it was, and rendering is repeatable
** (the same set and view give the same bytes twice: nothing in the
** compiled template changes while rendering).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "mustache.h"
#include "view.h"

static void check(int ok) {
    if (!ok) abort();
}

/* { s, n, d, t, f, e, nil, list: [{name, k: [1, 2]}, {name}], m: {x, m} } */
static view_t *fixed_view(arena_t *a) {
    view_t *root = view_map(a), *list = view_list(a), *item = view_map(a);
    view_t *numbers = view_list(a), *m = view_map(a), *inner = view_map(a);
    view_set_str(a, root, "s", "<b>&\"'");
    view_set(a, root, "n", view_number(a, 85));
    view_set(a, root, "d", view_number(a, 1.5));
    view_set_bool(a, root, "t", true);
    view_set_bool(a, root, "f", false);
    view_set_str(a, root, "e", "");
    view_set(a, root, "nil", view_null(a));
    view_push(a, numbers, view_number(a, 1));
    view_push(a, numbers, view_number(a, 2));
    view_set_str(a, item, "name", "a");
    view_set(a, item, "k", numbers);
    view_push(a, list, item);
    item = view_map(a);
    view_set_str(a, item, "name", "b");
    view_push(a, list, item);
    view_set(a, root, "list", list);
    view_set_str(a, inner, "z", "deep");
    view_set_str(a, m, "x", "y");
    view_set(a, m, "m", inner);
    view_set(a, root, "m", m);
    return root;
}

/* Add part [s, s+len) as template name; on failure check the message. */
static void add(mustache_set *set, const char *name, const uint8_t *s,
                size_t len) {
    err_t err = {""};
    if (mustache_set_add(set, name, (const char *)s, len, &err) == 0) return;
    size_t n = strlen(name);
    check(strncmp(err.msg, name, n) == 0 && err.msg[n] == ':');
    check(!mustache_set_has(set, name));
}

/* Render name twice after a prefix; both runs must agree. */
static void render_twice(const mustache_set *set, const char *name,
                         const view_t *view) {
    buf_t first = BUF_INIT, second = BUF_INIT;
    err_t err = {""};
    buf_puts(&first, "prefix");
    int rc = mustache_render(set, name, view, &first, &err);
    if (rc != 0) {
        check(err.msg[0] != '\0');
        check(first.len == 6 && memcmp(first.data, "prefix", 6) == 0);
    }
    buf_puts(&second, "prefix");
    check(mustache_render(set, name, view, &second, &err) == rc);
    check(first.len == second.len &&
          memcmp(first.data, second.data, first.len) == 0);
    buf_free(&first);
    buf_free(&second);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const names[] = {"main", "p", "parent"};
    mustache_set *set = mustache_set_new();
    const uint8_t *s = data, *end = data + size;
    for (int i = 0; i < 3 && s <= end; i++) {
        const uint8_t *nul = memchr(s, 0, (size_t)(end - s));
        const uint8_t *stop = nul ? nul : end;
        add(set, names[i], s, (size_t)(stop - s));
        s = stop + 1;
    }
    arena_t arena = ARENA_INIT;
    view_t *view = fixed_view(&arena);
    for (int i = 0; i < 3; i++)
        if (mustache_set_has(set, names[i])) render_twice(set, names[i], view);
    arena_free(&arena);
    mustache_set_free(set);
    return 0;
}
