/*
** test_mustache.c — the Mustache engine against the official spec, plus
** gazette's own cases (error messages, limits, escaping, loading).
**
** The spec files the engine claims are kept in the repository, in
** tests/spec/mustache (tests run from the repository root; see
** tests/spec/README.md for their source and licence); $GAZETTE_SPEC_DIR
** points elsewhere, to try another release.  A missing spec is a failure,
** not a skip: a green run must mean the engine was checked.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "mustache.h"
#include "view.h"

/* ------------------------------------------------------------------ */
/* The spec                                                            */
/* ------------------------------------------------------------------ */

static const char *spec_dir(void) {
    const char *dir = getenv("GAZETTE_SPEC_DIR");
    return dir && *dir ? dir : "tests/spec/mustache";
}

static view_t *json_to_view(arena_t *a, json_t *j);

static view_t *json_object_to_view(arena_t *a, json_t *j) {
    view_t *map = view_map(a);
    const char *key;
    json_t *value;
    json_object_foreach(j, key, value)
        view_set(a, map, arena_strdup(a, key), json_to_view(a, value));
    return map;
}

static view_t *json_array_to_view(arena_t *a, json_t *j) {
    view_t *list = view_list(a);
    size_t i;
    json_t *value;
    json_array_foreach(j, i, value) view_push(a, list, json_to_view(a, value));
    return list;
}

/* A copy of JSON value j as a view allocated in a. */
static view_t *json_to_view(arena_t *a, json_t *j) {
    switch (json_typeof(j)) {
    case JSON_OBJECT: return json_object_to_view(a, j);
    case JSON_ARRAY: return json_array_to_view(a, j);
    case JSON_STRING: {
        size_t len = json_string_length(j);
        return view_string(a, arena_strndup(a, json_string_value(j), len),
                           len);
    }
    case JSON_INTEGER: return view_number(a, (double)json_integer_value(j));
    case JSON_REAL: return view_number(a, json_real_value(j));
    case JSON_TRUE: return view_bool(a, true);
    case JSON_FALSE: return view_bool(a, false);
    case JSON_NULL: return view_null(a);
    }
    return view_null(a);
}

static const char MAIN[] = "(spec test)";   /* no spec partial has this name */

/* Add the test's template and partials to set; 0 or -1 with err. */
static int add_spec_templates(mustache_set *set, json_t *test, err_t *err) {
    json_t *tpl = json_object_get(test, "template");
    if (mustache_set_add(set, MAIN, json_string_value(tpl),
                         json_string_length(tpl), err))
        return -1;
    const char *name;
    json_t *src;
    json_object_foreach(json_object_get(test, "partials"), name, src) {
        if (mustache_set_add(set, name, json_string_value(src),
                             json_string_length(src), err))
            return -1;
    }
    return 0;
}

/* Run one spec test; true when the output is the expected one.  Prints
** the case on failure. */
static bool run_spec_case(const char *file, json_t *test) {
    const char *name = json_string_value(json_object_get(test, "name"));
    json_t *expected = json_object_get(test, "expected");
    arena_t arena = ARENA_INIT;
    buf_t out = BUF_INIT;
    err_t err = {""};
    mustache_set *set = mustache_set_new();
    view_t *data = json_to_view(&arena, json_object_get(test, "data"));
    int rc = add_spec_templates(set, test, &err);
    if (rc == 0) rc = mustache_render(set, MAIN, data, &out, &err);
    bool ok = rc == 0 && out.len == json_string_length(expected) &&
              memcmp(out.data ? out.data : "", json_string_value(expected),
                     out.len) == 0;
    if (!ok) {
        json_t *got = json_stringn(out.data ? out.data : "", out.len);
        char *want_s = json_dumps(expected, JSON_ENCODE_ANY);
        char *got_s = json_dumps(got, JSON_ENCODE_ANY);
        fprintf(stderr, "FAIL %s: %s\n  expected: %s\n  got:      %s%s\n",
                file, name, want_s, rc ? "error: " : "",
                rc ? err.msg : got_s);
        free(want_s);
        free(got_s);
        json_decref(got);
    }
    buf_free(&out);
    mustache_set_free(set);
    arena_free(&arena);
    return ok;
}

/* prestate: the spec file name, e.g. "sections.json". */
static void test_spec_file(void **state) {
    const char *file = *state;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", spec_dir(), file);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (root == NULL)
        fail_msg("cannot read spec %s: %s (set GAZETTE_SPEC_DIR)", path,
                 jerr.text);
    json_t *tests = json_object_get(root, "tests");
    size_t i, passed = 0;
    json_t *test;
    json_array_foreach(tests, i, test) passed += run_spec_case(file, test);
    size_t total = json_array_size(tests);
    fprintf(stderr, "spec %s: %zu/%zu passed\n", file, passed, total);
    json_decref(root);
    assert_true(total > 0);
    assert_int_equal(passed, total);
}

/* ------------------------------------------------------------------ */
/* Gazette's own cases                                                 */
/* ------------------------------------------------------------------ */

/* Render src (as template "t") against data; returns a malloc'd string
** with the output, or with "ERROR: message". */
static char *render_src(const char *src, const view_t *data) {
    mustache_set *set = mustache_set_new();
    err_t err = {""};
    buf_t out = BUF_INIT;
    if (mustache_set_add(set, "t", src, strlen(src), &err) ||
        mustache_render(set, "t", data, &out, &err)) {
        buf_reset(&out);
        buf_printf(&out, "ERROR: %s", err.msg);
    }
    mustache_set_free(set);
    buf_putc(&out, '\0');
    return buf_detach(&out);
}

/* The error message mustache_set_add gives for src named "t". */
static void assert_parse_error(const char *src, const char *message) {
    mustache_set *set = mustache_set_new();
    err_t err = {""};
    assert_int_equal(mustache_set_add(set, "t", src, strlen(src), &err), -1);
    assert_string_equal(err.msg, message);
    assert_false(mustache_set_has(set, "t"));
    mustache_set_free(set);
}

static void test_parse_errors(void **state) {
    (void)state;
    assert_parse_error("a\n\n{{#x}}\nb\n", "t:3: unclosed section 'x'");
    assert_parse_error("{{#x}}\n{{#y}}{{/x}}{{/y}}",
                       "t:2: mismatched close tag 'x' "
                       "(open section 'y' from line 2)");
    assert_parse_error("ok\n{{/x}}", "t:2: close tag 'x' without open "
                       "section");
    assert_parse_error("a\nb {{name\n", "t:2: unclosed tag (no '}}' "
                       "after '{{')");
    assert_parse_error("{{=<% %>=}}\n<%x", "t:2: unclosed tag (no '%>' "
                       "after '<%')");
    assert_parse_error("{{{x}}", "t:1: unclosed tag (no '}}' after '{{')");
    assert_parse_error("{{= a =}}", "t:1: bad set-delimiter tag");
    assert_parse_error("x {{ }}", "t:1: empty tag");
    assert_parse_error("{{a b}}", "t:1: bad tag name 'a b'");
    /* a multi-line tag counts its lines */
    assert_parse_error("{{!\n\n}}\n{{#s}}", "t:4: unclosed section 's'");
}

static void test_deep_nesting_is_a_parse_error(void **state) {
    (void)state;
    buf_t src = BUF_INIT;
    for (int i = 0; i <= MUSTACHE_MAX_DEPTH; i++) buf_puts(&src, "{{#a}}");
    mustache_set *set = mustache_set_new();
    err_t err = {""};
    assert_int_equal(mustache_set_add(set, "t", src.data, src.len, &err), -1);
    assert_non_null(strstr(err.msg, "t:1: sections nested deeper than"));
    mustache_set_free(set);
    buf_free(&src);
}

static void test_failed_add_keeps_old_template(void **state) {
    (void)state;
    mustache_set *set = mustache_set_new();
    err_t err = {""};
    buf_t out = BUF_INIT;
    assert_int_equal(mustache_set_add(set, "t", "old", 3, &err), 0);
    assert_int_equal(mustache_set_add(set, "t", "{{#", 3, &err), -1);
    assert_int_equal(mustache_render(set, "t", NULL, &out, &err), 0);
    assert_string_equal(out.data, "old");
    assert_int_equal(mustache_set_add(set, "t", "new", 3, &err), 0);
    buf_reset(&out);
    assert_int_equal(mustache_render(set, "t", NULL, &out, &err), 0);
    assert_string_equal(out.data, "new");
    buf_free(&out);
    mustache_set_free(set);
}

static void test_recursive_partial_terminates(void **state) {
    (void)state;
    mustache_set *set = mustache_set_new();
    err_t err = {""};
    buf_t out = BUF_INIT;
    buf_puts(&out, "keep");
    assert_int_equal(mustache_set_add(set, "p", "x\n{{>p}}", 8, &err), 0);
    assert_int_equal(mustache_set_add(set, "q", "{{<q}}{{/q}}", 12, &err), 0);
    assert_int_equal(mustache_render(set, "p", NULL, &out, &err), -1);
    assert_non_null(strstr(err.msg, "p:2: nesting deeper than 100"));
    assert_string_equal(out.data, "keep");        /* restored on failure */
    assert_int_equal(out.len, 4);
    assert_int_equal(mustache_render(set, "q", NULL, &out, &err), -1);
    assert_non_null(strstr(err.msg, "q:1: nesting deeper than 100"));
    buf_free(&out);
    mustache_set_free(set);
}

/* Nested loops multiply: 10^8 iterations must hit the step limit. */
static void test_exponential_render_is_cut_off(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    view_t *data = view_map(&a), *list = view_list(&a);
    for (int i = 0; i < 10; i++) view_push(&a, list, view_bool(&a, true));
    view_set(&a, data, "l", list);
    buf_t src = BUF_INIT;
    for (int i = 0; i < 8; i++) buf_puts(&src, "{{#l}}");
    for (int i = 0; i < 8; i++) buf_puts(&src, "{{/l}}\n");
    char *s = render_src(src.data, data);
    assert_string_equal(s, "ERROR: t:1: more than 10000000 steps");
    free(s);
    buf_free(&src);
    arena_free(&a);
}

static void test_escaping(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    view_t *data = view_map(&a);
    view_set_str(&a, data, "x", "<a href=\"u\" title='t'>&</a>");
    char *s = render_src("{{x}}|{{{x}}}|{{&x}}", data);
    assert_string_equal(s, "&lt;a href=&quot;u&quot; title=&#39;t&#39;&gt;"
                           "&amp;&lt;/a&gt;|<a href=\"u\" title='t'>&</a>|"
                           "<a href=\"u\" title='t'>&</a>");
    free(s);
    arena_free(&a);
}

static void test_render_appends(void **state) {
    (void)state;
    mustache_set *set = mustache_set_new();
    arena_t a = ARENA_INIT;
    view_t *data = view_map(&a);
    view_set_str(&a, data, "who", "world");
    err_t err = {""};
    buf_t out = BUF_INIT;
    buf_puts(&out, "<!-- head -->");
    assert_int_equal(mustache_set_add(set, "t", "hello {{who}}", 13, &err), 0);
    assert_int_equal(mustache_render(set, "t", data, &out, &err), 0);
    assert_int_equal(mustache_render(set, "t", data, &out, &err), 0);
    assert_string_equal(out.data, "<!-- head -->hello worldhello world");
    assert_int_equal(mustache_render(set, "nope", data, &out, &err), -1);
    assert_string_equal(err.msg, "no template named 'nope'");
    assert_int_equal(out.len, strlen("<!-- head -->hello worldhello world"));
    buf_free(&out);
    arena_free(&a);
    mustache_set_free(set);
}

static void test_values(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    view_t *data = view_map(&a);
    view_set(&a, data, "i", view_number(&a, 85));
    view_set(&a, data, "neg", view_number(&a, -3));
    view_set(&a, data, "d", view_number(&a, 1.210));
    view_set(&a, data, "third", view_number(&a, 1.0 / 3));
    view_set(&a, data, "big", view_number(&a, 1e20));
    view_set_bool(&a, data, "yes", true);
    view_set_str(&a, data, "empty", "");
    char *s = render_src("{{i}} {{neg}} {{d}} {{third}} {{big}} {{yes}} "
                         "[{{#empty}}E{{/empty}}{{^empty}}not{{/empty}}]",
                         data);
    assert_string_equal(s, "85 -3 1.21 0.3333333333333333 1e+20 true [not]");
    free(s);
    s = render_src("[{{x}}{{#x}}no{{/x}}]", NULL);
    assert_string_equal(s, "[]");
    free(s);
    arena_free(&a);
}

/* Partials and parents name templates of the set, added in any order. */
static void test_partials_and_parents(void **state) {
    (void)state;
    mustache_set *set = mustache_set_new();
    arena_t a = ARENA_INIT;
    view_t *data = view_map(&a);
    view_set_str(&a, data, "title", "News");
    err_t err = {""};
    buf_t out = BUF_INIT;
    const char *page = "{{<layout}}\n{{$body}}\n  <p>{{title}}</p>\n"
                       "{{/body}}\n{{/layout}}\n";
    const char *layout = "<main>\n  {{$body}}{{/body}}\n</main>\n"
                         "  {{>footer}}\n";
    const char *footer = "<footer>\n{{title}}\n</footer>\n";
    assert_int_equal(mustache_set_add(set, "page", page, strlen(page), &err),
                     0);
    assert_int_equal(mustache_set_add(set, "layout", layout, strlen(layout),
                                      &err), 0);
    assert_int_equal(mustache_set_add(set, "footer", footer, strlen(footer),
                                      &err), 0);
    assert_int_equal(mustache_render(set, "page", data, &out, &err), 0);
    assert_string_equal(out.data, "<main>\n  <p>News</p>\n\n</main>\n"
                                  "  <footer>\n  News\n  </footer>\n");
    buf_free(&out);
    arena_free(&a);
    mustache_set_free(set);
}

typedef struct render_job {
    const mustache_set *set;
    const view_t *view;
    const char *want;
    int failures;
} render_job;

static void *render_many(void *arg) {
    render_job *job = arg;
    for (int i = 0; i < 200; i++) {
        buf_t out = BUF_INIT;
        err_t err = {""};
        if (mustache_render(job->set, "list", job->view, &out, &err) != 0 ||
            strcmp(out.data, job->want) != 0)
            job->failures++;
        buf_free(&out);
    }
    return NULL;
}

/* Many threads render one set and one view at once (mustache.h). */
static void test_concurrent_renders(void **state) {
    (void)state;
    mustache_set *set = mustache_set_new();
    arena_t a = ARENA_INIT;
    view_t *data = view_map(&a), *items = view_list(&a);
    for (int i = 0; i < 3; i++) view_push(&a, items, view_number(&a, i));
    view_set(&a, data, "items", items);
    err_t err = {""};
    const char *list = "<ul>\n  {{>item}}\n</ul>\n";
    const char *item = "{{#items}}\n<li>{{.}}</li>\n{{/items}}\n";
    assert_int_equal(mustache_set_add(set, "list", list, strlen(list), &err),
                     0);
    assert_int_equal(mustache_set_add(set, "item", item, strlen(item), &err),
                     0);
    render_job jobs[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (render_job){set, data, "<ul>\n  <li>0</li>\n  <li>1</li>\n"
                               "  <li>2</li>\n</ul>\n", 0};
        assert_int_equal(pthread_create(&threads[i], NULL, render_many,
                                        &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(jobs[i].failures, 0);
    }
    arena_free(&a);
    mustache_set_free(set);
}

static void write_file(const char *dir, const char *name, const char *text) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void remove_file(const char *dir, const char *name) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    remove(path);
}

static void test_load_dir(void **state) {
    (void)state;
    char dir[] = "/tmp/test_mustache.XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_file(dir, "article.mustache", "<h1>{{>title}}</h1>");
    write_file(dir, "title.mustache", "{{t}}");
    write_file(dir, "notes.txt", "{{#broken");
    mustache_set *set = mustache_set_new();
    err_t err = {""};
    assert_int_equal(mustache_set_load_dir(set, dir, &err), 0);
    assert_true(mustache_set_has(set, "article"));
    assert_true(mustache_set_has(set, "title"));
    assert_false(mustache_set_has(set, "notes"));
    arena_t a = ARENA_INIT;
    view_t *data = view_map(&a);
    view_set_str(&a, data, "t", "Hi");
    buf_t out = BUF_INIT;
    assert_int_equal(mustache_render(set, "article", data, &out, &err), 0);
    assert_string_equal(out.data, "<h1>Hi</h1>");
    write_file(dir, "bad.mustache", "x\n{{#open}}");
    assert_int_equal(mustache_set_load_dir(set, dir, &err), -1);
    char want[128];
    snprintf(want, sizeof want, "%s: bad:2: unclosed section 'open'", dir);
    assert_string_equal(err.msg, want);
    assert_int_equal(mustache_set_load_dir(set, "/nonexistent/dir", &err), -1);
    assert_non_null(strstr(err.msg, "/nonexistent/dir: "));
    remove_file(dir, "article.mustache");
    remove_file(dir, "title.mustache");
    remove_file(dir, "notes.txt");
    remove_file(dir, "bad.mustache");
    rmdir(dir);
    buf_free(&out);
    arena_free(&a);
    mustache_set_free(set);
}

/* Many templates: the set's table grows and still finds them all. */
static void test_many_templates(void **state) {
    (void)state;
    mustache_set *set = mustache_set_new();
    err_t err = {""};
    char name[32], src[32];
    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "t%d", i);
        snprintf(src, sizeof src, "%d{{>t%d}}", i, i + 1);
        assert_int_equal(mustache_set_add(set, name, src, strlen(src), &err),
                         0);
    }
    buf_t out = BUF_INIT;
    assert_int_equal(mustache_render(set, "t450", NULL, &out, &err), 0);
    assert_string_equal(out.data, "450451452453454455456457458459460461462"
                        "463464465466467468469470471472473474475476477478479"
                        "480481482483484485486487488489490491492493494495496"
                        "497498499");
    buf_free(&out);
    mustache_set_free(set);
}

/* One cmocka test per spec file, named after it. */
#define SPEC(file) {"spec " file, test_spec_file, NULL, NULL, file}

int main(void) {
    const struct CMUnitTest tests[] = {
        SPEC("interpolation.json"),
        SPEC("sections.json"),
        SPEC("inverted.json"),
        SPEC("comments.json"),
        SPEC("partials.json"),
        SPEC("delimiters.json"),
        SPEC("~inheritance.json"),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_deep_nesting_is_a_parse_error),
        cmocka_unit_test(test_failed_add_keeps_old_template),
        cmocka_unit_test(test_recursive_partial_terminates),
        cmocka_unit_test(test_exponential_render_is_cut_off),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_render_appends),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_partials_and_parents),
        cmocka_unit_test(test_concurrent_renders),
        cmocka_unit_test(test_load_dir),
        cmocka_unit_test(test_many_templates),
    };
    return cmocka_run_group_tests_name("mustache", tests, NULL, NULL);
}
