/*
** test_excerpt.c — unit tests for excerpt.c: the first words of a text.
**
** Every test gets a fresh arena from unit_arena_setup() and loses it in
** unit_arena_teardown() (unit.h), which cmocka runs even when an assertion
** fails, so a failing test does not also leak.  Fixture files are read from
** tests/fixtures/ (tests run from the repository root) and a missing
** fixture is a failure.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "excerpt.h"
#include "unit.h"
#include "utf8.h"

/* The first paragraph of the body of aleppo.md. */
static const char *aleppo_lead(arena_t *a) {
    char *s = unit_fixture(a, "aleppo.md", NULL);
    char *body = strstr(s + 3, "\n---\n");
    assert_non_null(body);
    body += 5;
    while (*body == '\n') body++;
    char *end = strstr(body, "\n\n");
    if (end) *end = '\0';
    return body;
}

static void excerpt_aleppo_sixteen_words(void **state) {
    bool cut = false;
    char *e = excerpt_words(*state, aleppo_lead(*state), 16, &cut);
    assert_string_equal(e, "On Saturday, thousands of Syrian insurgents "
                           "captured most of Aleppo, the country\xE2\x80\x99s "
                           "largest city, in a \xE2\x80\xA6");
    assert_true(cut);
}

static void excerpt_not_cut_when_short(void **state) {
    bool cut = true;
    assert_string_equal(excerpt_words(*state, "one two three", 3, &cut),
                        "one two three");
    assert_false(cut);
    cut = true;
    assert_string_equal(excerpt_words(*state, "one two three", 10, &cut),
                        "one two three");
    assert_false(cut);
    assert_string_equal(excerpt_words(*state, "one two three four", 3, &cut),
                        "one two three \xE2\x80\xA6");
    assert_true(cut);
}

static void excerpt_collapses_whitespace(void **state) {
    bool cut = true;
    assert_string_equal(excerpt_words(*state, "  a\t\tb\n\n c \r\n", 10, &cut),
                        "a b c");
    assert_false(cut);
    /* U+00A0 separates words too */
    assert_string_equal(excerpt_words(*state, "a\xC2\xA0" "b c", 2, &cut),
                        "a b \xE2\x80\xA6");
    assert_true(cut);
}

static void excerpt_edges(void **state) {
    bool cut = true;
    assert_string_equal(excerpt_words(*state, "", 5, &cut), "");
    assert_false(cut);
    assert_string_equal(excerpt_words(*state, " \n\t ", 5, &cut), "");
    assert_false(cut);
    assert_string_equal(excerpt_words(*state, "word", 0, &cut), "\xE2\x80\xA6");
    assert_true(cut);
    assert_string_equal(excerpt_words(*state, "", 0, &cut), "");
    assert_false(cut);
    /* was_cut may be NULL */
    assert_string_equal(excerpt_words(*state, "a b", 1, NULL), "a \xE2\x80\xA6");
}

static void excerpt_keeps_multibyte_words_whole(void **state) {
    const char *in = "na\xC3\xAFve caf\xC3\xA9 au lait";
    char *e = excerpt_words(*state, in, 2, NULL);
    assert_string_equal(e, "na\xC3\xAFve caf\xC3\xA9 \xE2\x80\xA6");
    assert_true(utf8_valid(e, strlen(e)));
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(excerpt_aleppo_sixteen_words),
        T(excerpt_not_cut_when_short),
        T(excerpt_collapses_whitespace),
        T(excerpt_edges),
        T(excerpt_keeps_multibyte_words_whole),
    };
    return cmocka_run_group_tests_name("excerpt", tests, NULL, NULL);
}
