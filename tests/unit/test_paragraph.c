/*
** test_paragraph.c — unit tests for paragraph.c: plain text into HTML
** paragraphs.
**
** Every test gets a fresh arena from unit_arena_setup() and loses it in
** unit_arena_teardown() (unit.h), which cmocka runs even when an assertion
** fails, so a failing test does not also leak.  Fixture files are read from
** ../shared/fixtures/ (tests run from the repository root) and a missing
** fixture is a failure.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "paragraph.h"
#include "unit.h"

static void paragraphs_split_on_blank_lines(void **state) {
    arena_t *a = *state;
    assert_string_equal(paragraph_html(a, "a\nb\n\nc"),
                        "<p>a b</p>\n<p>c</p>\n");
    assert_string_equal(paragraph_html(a, "\n\n  one  \n \t \n\n\ntwo\n"),
                        "<p>one</p>\n<p>two</p>\n");
    assert_string_equal(paragraph_html(a, "x\r\ny\r\n\r\nz\r\n"),
                        "<p>x y</p>\n<p>z</p>\n");
    assert_string_equal(paragraph_html(a, ""), "");
    assert_string_equal(paragraph_html(a, "  \n\n \n"), "");
}

static void paragraphs_escape_html(void **state) {
    assert_string_equal(
        paragraph_html(*state, "Tom & Jerry <b>\"q\" 'x'"),
        "<p>Tom &amp; Jerry &lt;b&gt;&quot;q&quot; &#39;x&#39;</p>\n");
    assert_string_equal(
        paragraph_html(*state, "Netanyahu\xE2\x80\x99s \xE2\x80\x9Cplan"
                                     "\xE2\x80\x9D"),
        "<p>Netanyahu\xE2\x80\x99s \xE2\x80\x9Cplan\xE2\x80\x9D</p>\n");
}

static void paragraphs_of_blinken_txt(void **state) {
    arena_t *a = *state;
    char *s = unit_fixture(a, "blinken.txt", NULL);
    char *body = strchr(s, '\n');
    assert_non_null(body);
    char *html = paragraph_html(a, body);
    assert_int_equal(unit_count(html, "<p>"), 7);
    assert_int_equal(unit_count(html, "</p>\n"), 7);
    assert_int_equal(strncmp(html, "<p>U.S. Secretary of State", 26), 0);
    assert_non_null(strstr(html, "Netanyahu\xE2\x80\x99s assertion"));
    assert_null(strstr(html, "\n<p>\n"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(paragraphs_split_on_blank_lines),
        T(paragraphs_escape_html),
        T(paragraphs_of_blinken_txt),
    };
    return cmocka_run_group_tests_name("paragraph", tests, NULL, NULL);
}
