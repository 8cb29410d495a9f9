/*
** test_paragraph.c — unit tests for paragraph.c: an article's plain text
** and a reader's comment into HTML paragraphs.
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

/* ------------------------------------------------------------- comments */

static void comment_lines_break_and_paragraphs_split(void **state) {
    arena_t *a = *state;
    assert_string_equal(paragraph_html_comment(a, "a\nb\n\nc"),
                        "<p>a<br>\nb</p>\n<p>c</p>\n");
    /* the same reading of blank lines and trimming as an article's */
    assert_string_equal(paragraph_html_comment(a, "\n\n  one  \n \t \n\n\ntwo\n"),
                        "<p>one</p>\n<p>two</p>\n");
    assert_string_equal(paragraph_html_comment(a, "  indented\n\tand  \nmore"),
                        "<p>indented<br>\nand<br>\nmore</p>\n");
    assert_string_equal(paragraph_html_comment(a, ""), "");
    assert_string_equal(paragraph_html_comment(a, " \n\t\n"), "");
}

static void comment_text_is_escaped(void **state) {
    assert_string_equal(
        paragraph_html_comment(*state, "First <b>para</b> & more\nsame para"),
        "<p>First &lt;b&gt;para&lt;/b&gt; &amp; more<br>\nsame para</p>\n");
}

static void comment_urls_become_links(void **state) {
    arena_t *a = *state;
    assert_string_equal(
        paragraph_html_comment(a, "Second: https://example.org/a?b=1&c=2."),
        "<p>Second: <a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow ugc\">"
        "https://example.org/a?b=1&amp;c=2</a>.</p>\n");
    assert_string_equal(
        paragraph_html_comment(a, "(see http://x.example/p), or"),
        "<p>(see <a href=\"http://x.example/p\" rel=\"nofollow ugc\">"
        "http://x.example/p</a>), or</p>\n");
    /* a URL ends at a quote or an angle bracket, and at the line's end */
    assert_string_equal(
        paragraph_html_comment(a, "http://a.example\"x<y>\nhttps://b.example"),
        "<p><a href=\"http://a.example\" rel=\"nofollow ugc\">http://a.example</a>"
        "&quot;x&lt;y&gt;<br>\n<a href=\"https://b.example\" rel=\"nofollow ugc\">"
        "https://b.example</a></p>\n");
}

static void comment_non_urls_stay_text(void **state) {
    arena_t *a = *state;
    /* glued to a word, a bare scheme, another scheme */
    assert_string_equal(paragraph_html_comment(a, "xhttp://a.example"),
                        "<p>xhttp://a.example</p>\n");
    assert_string_equal(paragraph_html_comment(a, "http:// and https://."),
                        "<p>http:// and https://.</p>\n");
    assert_string_equal(paragraph_html_comment(a, "javascript:alert(1) ftp://x"),
                        "<p>javascript:alert(1) ftp://x</p>\n");
    /* an article's text never gets links */
    assert_string_equal(paragraph_html(a, "see https://example.org"),
                        "<p>see https://example.org</p>\n");
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(paragraphs_split_on_blank_lines),
        T(paragraphs_escape_html),
        T(paragraphs_of_blinken_txt),
        T(comment_lines_break_and_paragraphs_split),
        T(comment_text_is_escaped),
        T(comment_urls_become_links),
        T(comment_non_urls_stay_text),
    };
    return cmocka_run_group_tests_name("paragraph", tests, NULL, NULL);
}
