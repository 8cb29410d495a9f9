/*
** test_render.c — unit tests for render.c's list pages: render_list_read
** (a store failure is a 500, a page past the end a 404) and
** render_article_list (the page's articles, its links to the pages around
** it, and the answer's cache kind and Last-Modified).
**
** The request is unit.h's, on a site with the default settings and no
** theme: an error page then falls back to plain text, with its status.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "pager.h"
#include "render.h"
#include "site.h"
#include "unit.h"

typedef struct fixture {
    unit_request *u;
    site_t site;
} fixture;

static int setup(void **state) {
    void *u;
    if (unit_request_setup(&u) != 0) return -1;
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL) return -1;
    f->u = u;
    config_defaults(&f->site.config);
    f->u->req.site = &f->site;
    f->u->req.path = "/page/9/";
    f->u->req.status = 0;
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    void *u = f->u;
    free(f);
    return unit_request_teardown(&u);
}

static void read_failure_is_500(void **state) {
    fixture *f = *state;
    pager_t pg = pager_at(1, 10);
    err_t err = {"disk on fire"};
    assert_false(render_list_read(&f->u->req, -1, &err, &pg, 0));
    assert_int_equal(f->u->req.status, 500);
}

static void past_end_is_404_and_first_page_is_not(void **state) {
    fixture *f = *state;
    pager_t first = pager_at(1, 10), ninth = pager_at(9, 10);
    assert_true(render_list_read(&f->u->req, 0, NULL, &first, 0));
    assert_int_equal(f->u->req.status, 0);
    assert_true(render_list_read(&f->u->req, 0, NULL, &ninth, 1));
    assert_int_equal(f->u->req.status, 0);
    assert_false(render_list_read(&f->u->req, 0, NULL, &ninth, 0));
    assert_int_equal(f->u->req.status, 404);
}

/* n articles, updated at 100, 200, ... */
static store_article **articles(arena_t *a, size_t n) {
    store_article **arts = arena_calloc(a, n * sizeof *arts);
    for (size_t i = 0; i < n; i++) {
        store_article *art = arena_calloc(a, sizeof *art);
        art->id = (long long)i + 1;
        art->title = arena_printf(a, "Story %zu", i + 1);
        art->path = arena_printf(a, "/2024/05/01/story-%zu/", i + 1);
        art->body_text = "Some words.";
        art->section = art->section_slug = art->author = art->author_slug = "";
        art->updated = art->published = 100 * ((long long)i + 1);
        arts[i] = art;
    }
    return arts;
}

static const char *str(const view_t *v, const char *key) {
    const view_t *s = view_get(v, key, strlen(key));
    return s && s->kind == VIEW_STRING ? s->u.string.s : NULL;
}

static size_t count(const view_t *v, const char *key) {
    const view_t *l = view_get(v, key, strlen(key));
    assert_non_null(l);
    return l->u.items.count;
}

static void list_page_links_and_caching(void **state) {
    fixture *f = *state;
    request_t *req = &f->u->req;
    arena_t *a = req->arena;
    /* page 2 of 3 a page, and the extra one that says page 3 exists */
    pager_t pg = pager_at(2, 3);
    view_t *v = view_map(a);
    render_article_list(req, v, articles(a, 4), 4, &pg, 0, "/tag/x/");
    assert_int_equal(count(v, "articles"), 3);
    assert_true(view_truthy(view_get(v, "has_articles", 12)));
    assert_string_equal(str(v, "newer_path"), "/tag/x/");
    assert_string_equal(str(v, "older_path"), "/tag/x/page/3/");
    assert_int_equal(req->cache_kind, REQUEST_CACHE_LIST);
    assert_int_equal(req->last_modified, 400);

    /* the last page: no older one */
    v = view_map(a);
    render_article_list(req, v, articles(a, 2), 2, &pg, 0, "/tag/x/");
    assert_int_equal(count(v, "articles"), 2);
    assert_null(str(v, "older_path"));
}

static void first_page_with_a_lead(void **state) {
    fixture *f = *state;
    request_t *req = &f->u->req;
    arena_t *a = req->arena;
    pager_t pg = pager_at(1, 3);
    view_t *v = view_map(a);
    store_article **arts = articles(a, 4);
    render_article_list(req, v, arts, 4, &pg, 1, "/");
    /* the lead is shown elsewhere: stories 2 and 3 here */
    assert_int_equal(count(v, "articles"), 2);
    const view_t *first = view_get(v, "articles", 8)->u.items.first->value;
    assert_string_equal(str(first, "title"), "Story 2");
    assert_null(str(v, "newer_path"));
    assert_string_equal(str(v, "older_path"), "/page/2/");
    /* a lead alone: no list */
    v = view_map(a);
    render_article_list(req, v, arts, 1, &pg, 1, "/");
    assert_false(view_truthy(view_get(v, "has_articles", 12)));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(read_failure_is_500),
        T(past_end_is_404_and_first_page_is_not),
        T(list_page_links_and_caching),
        T(first_page_with_a_lead),
    };
    return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
