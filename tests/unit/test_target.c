/*
** test_target.c — unit tests for target.c: the origin, asterisk and
** absolute forms of a request target, userinfo never kept, and the
** targets that are no form at all.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "target.h"
#include "unit.h"

/* Split s (a heap copy without a terminator: ASan sees reads past len);
** the parts are copied into a as C strings ("(none)" for a NULL part). */
typedef struct parts {
    int rc;
    const char *path, *query, *authority;
} parts;

static parts split(arena_t *a, const char *s, bool absolute) {
    size_t len = strlen(s);
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, s, len);
    target t;
    parts p = {target_split(copy, len, absolute, &t), NULL, NULL, NULL};
    if (p.rc == 0) {
        p.path = arena_strndup(a, t.path, t.path_len);
        p.query = t.query ? arena_strndup(a, t.query, t.query_len) : "(none)";
        p.authority = t.authority ? arena_strndup(a, t.authority, t.authority_len) : "(none)";
    }
    free(copy);
    return p;
}

static void origin_form_splits_at_the_first_question_mark(void **state) {
    arena_t *a = *state;
    parts p = split(a, "/search?q=a?b&x=1", false);
    assert_int_equal(p.rc, 0);
    assert_string_equal(p.path, "/search");
    assert_string_equal(p.query, "q=a?b&x=1");
    assert_string_equal(p.authority, "(none)");
    p = split(a, "/", true);
    assert_string_equal(p.path, "/");
    assert_string_equal(p.query, "(none)");
    /* "//x" is an origin-form path (empty first segment), not an authority */
    p = split(a, "//host/path", true);
    assert_string_equal(p.path, "//host/path");
    assert_string_equal(p.authority, "(none)");
    p = split(a, "/feed/?", true);
    assert_string_equal(p.path, "/feed/");
    assert_string_equal(p.query, "");
}

static void absolute_form_is_routed_by_its_path(void **state) {
    arena_t *a = *state;
    parts p = split(a, "http://example.com/2024/05/01/slug/?utm=x", true);
    assert_int_equal(p.rc, 0);
    assert_string_equal(p.path, "/2024/05/01/slug/");
    assert_string_equal(p.query, "utm=x");
    assert_string_equal(p.authority, "example.com");
    p = split(a, "HTTPS://Example.com:8443/feed/", true);
    assert_int_equal(p.rc, 0);
    assert_string_equal(p.path, "/feed/");
    assert_string_equal(p.authority, "Example.com:8443");
    /* an empty path is "/" */
    p = split(a, "http://example.com", true);
    assert_string_equal(p.path, "/");
    assert_string_equal(p.query, "(none)");
    p = split(a, "http://example.com?q=1", true);
    assert_string_equal(p.path, "/");
    assert_string_equal(p.query, "q=1");
}

static void userinfo_is_dropped(void **state) {
    arena_t *a = *state;
    parts p = split(a, "http://user:secret@example.com/a?b", true);
    assert_int_equal(p.rc, 0);
    assert_string_equal(p.authority, "example.com");
    assert_string_equal(p.path, "/a");
    /* the last '@' of the authority ends the userinfo */
    p = split(a, "http://u@v:p@w@host:80/x@y", true);
    assert_int_equal(p.rc, 0);
    assert_string_equal(p.authority, "host:80");
    assert_string_equal(p.path, "/x@y");
    p = split(a, "http://secret@example.com", true);
    assert_string_equal(p.authority, "example.com");
    assert_string_equal(p.path, "/");
}

static void asterisk_form_is_the_path_star(void **state) {
    arena_t *a = *state;
    parts p = split(a, "*", false);
    assert_int_equal(p.rc, 0);
    assert_string_equal(p.path, "*");
    assert_string_equal(p.authority, "(none)");
}

static void other_targets_are_no_form(void **state) {
    arena_t *a = *state;
    static const char *const bad[] = {
        "", "**", "*/", "x", "search?q=1", "http:/x", "http//x/", "ftp://host/",
        "http://", "http:///path", "http://user:pw@/path", "http://@", "mailto:a@b",
        "httpx://host/", "http://host#frag"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        parts p = split(a, bad[i], true);
        if (p.rc != -1) fail_msg("accepted \"%s\"", bad[i]);
    }
    /* the absolute form only where the caller takes it (HTTP/1) */
    assert_int_equal(split(a, "http://example.com/", false).rc, -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(origin_form_splits_at_the_first_question_mark,
                                        unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(absolute_form_is_routed_by_its_path,
                                        unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(userinfo_is_dropped, unit_arena_setup,
                                        unit_arena_teardown),
        cmocka_unit_test_setup_teardown(asterisk_form_is_the_path_star,
                                        unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(other_targets_are_no_form, unit_arena_setup,
                                        unit_arena_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
