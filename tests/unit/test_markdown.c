/*
** test_markdown.c — unit tests for markdown.c: safety of the HTML (no raw
** HTML, no javascript: URLs), typography kept byte for byte, the usual
** CommonMark constructs, and the plain text made from the tree.
**
** Each test gets a fresh arena (unit_arena_setup/unit_arena_teardown from
** unit.h, so failures do not leak).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "markdown.h"
#include "unit.h"
#include "utf8.h"

static char *html_of(arena_t *a, const char *md) {
    char *html = NULL;
    err_t err = {{0}};
    if (markdown_render(a, md, strlen(md), &html, NULL, &err) != 0)
        fail_msg("markdown_render failed: %s", err.msg);
    assert_non_null(html);
    return html;
}

static char *plain_of(arena_t *a, const char *md) {
    char *plain = NULL;
    if (markdown_render(a, md, strlen(md), NULL, &plain, NULL) != 0)
        fail_msg("markdown_render failed");
    assert_non_null(plain);
    return plain;
}

/* ---------------------------------------------------------------- safety */

static void raw_html_is_omitted(void **state) {
    arena_t *a = *state;
    char *h = html_of(a, "<script>alert(1)</script>\n\npara");
    assert_null(strstr(h, "<script"));
    assert_null(strstr(h, "alert(1)"));
    assert_non_null(strstr(h, "<p>para</p>"));

    h = html_of(a, "inline <script>alert(2)</script> and "
                   "<img src=x onerror=alert(3)> here");
    assert_null(strstr(h, "<script"));
    assert_null(strstr(h, "<img"));
    assert_null(strstr(h, "onerror"));

    h = html_of(a, "<div onclick=\"x()\">\nblock\n</div>\n");
    assert_null(strstr(h, "<div"));
    assert_null(strstr(h, "onclick"));

    /* escaped, not interpreted, inside code */
    h = html_of(a, "`<script>`");
    assert_string_equal(h, "<p><code>&lt;script&gt;</code></p>\n");
}

static void dangerous_urls_are_removed(void **state) {
    arena_t *a = *state;
    char *h = html_of(a, "[x](javascript:alert(1))");
    assert_null(strstr(h, "javascript:"));
    assert_string_equal(h, "<p><a href=\"\">x</a></p>\n");

    static const char *const bad[] = {
        "[x](JavaScript:alert(1))", "[x](vbscript:msgbox)",
        "[x](file:///etc/passwd)", "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![i](javascript:alert(1))", "[x]\n\n[x]: javascript:alert(1)",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        h = html_of(a, bad[i]);
        if (strcasestr(h, "javascript:") || strcasestr(h, "vbscript:") ||
            strstr(h, "file:") || strstr(h, "data:text"))
            fail_msg("unsafe URL kept: %s -> %s", bad[i], h);
    }
    /* an autolink keeps its text but loses its href */
    h = html_of(a, "<javascript:alert(1)>");
    assert_null(strcasestr(h, "href=\"javascript"));
    /* images may be data: URLs */
    h = html_of(a, "![p](data:image/png;base64,iVBORw0KGgo=)");
    assert_non_null(strstr(h, "src=\"data:image/png;base64,iVBORw0KGgo=\""));
}

static void invalid_utf8_is_replaced(void **state) {
    arena_t *a = *state;
    char *plain = NULL;
    char *h = NULL;
    const char md[] = "bad \xFF\xC3 byte";
    assert_int_equal(markdown_render(a, md, sizeof md - 1, &h, &plain, NULL), 0);
    assert_true(utf8_valid(h, strlen(h)));
    assert_true(utf8_valid(plain, strlen(plain)));
    assert_non_null(strstr(h, "\xEF\xBF\xBD"));                 /* U+FFFD */
}

/* ------------------------------------------------------------ typography */

static void typography_survives_byte_exact(void **state) {
    const char *md = "Netanyahu\xE2\x80\x99s \xE2\x80\x9Cplan\xE2\x80\x9D, "
                     "a \"straight\" 'one' -- and... \xE2\x80\x94 done";
    char *h = html_of(*state, md);
    assert_string_equal(h, "<p>Netanyahu\xE2\x80\x99s \xE2\x80\x9Cplan"
                           "\xE2\x80\x9D, a &quot;straight&quot; 'one' -- "
                           "and... \xE2\x80\x94 done</p>\n");
    char *p = plain_of(*state, md);
    assert_string_equal(p, md);
}

/* ---------------------------------------------------------- constructs */

static void emphasis_links_headings(void **state) {
    arena_t *a = *state;
    assert_string_equal(html_of(a, "*em* and **strong**"),
                        "<p><em>em</em> and <strong>strong</strong></p>\n");
    assert_string_equal(html_of(a, "[Gaza](https://example.com/gaza \"t\")"),
                        "<p><a href=\"https://example.com/gaza\" title=\"t\">"
                        "Gaza</a></p>\n");
    assert_string_equal(html_of(a, "# Title\n\n## Sub *it*\n"),
                        "<h1>Title</h1>\n<h2>Sub <em>it</em></h2>\n");
    assert_string_equal(html_of(a, "- a\n- b\n"),
                        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
    assert_string_equal(html_of(a, "> quoted\n"),
                        "<blockquote>\n<p>quoted</p>\n</blockquote>\n");
    assert_string_equal(html_of(a, "Tom & Jerry < 3"),
                        "<p>Tom &amp; Jerry &lt; 3</p>\n");
    assert_string_equal(html_of(a, ""), "");
}

static void blinken_body_renders(void **state) {
    arena_t *a = *state;
    char *src = unit_fixture(a, "blinken.md", NULL);
    char *body = strstr(src + 3, "\n---\n");
    assert_non_null(body);
    body += 5;

    char *html = NULL, *plain = NULL;
    assert_int_equal(markdown_render(a, body, strlen(body), &html, &plain,
                                     NULL), 0);
    assert_int_equal(unit_count(html, "<p>"), 7);
    assert_int_equal(strncmp(html, "<p>U.S. Secretary of State", 26), 0);
    assert_non_null(strstr(html, "Netanyahu\xE2\x80\x99s assertion"));
    assert_int_equal(unit_count(plain, "\n\n"), 6);
    assert_int_equal(strncmp(plain, "U.S. Secretary of State", 23), 0);
    assert_int_not_equal(plain[strlen(plain) - 1], '\n');
}

/* ------------------------------------------------------------ plain text */

static void plain_two_paragraphs(void **state) {
    assert_string_equal(
        plain_of(*state, "First *para*\nline [two](http://x/).\n\n"
                         "Second `code` para.\n"),
        "First para line two.\n\nSecond code para.");
}

static void plain_blocks_become_paragraphs(void **state) {
    const char *md = "# Head\n\n"
                     "- one\n- two\n\n"
                     "> quote\n\n"
                     "    code a\n\n    code b\n\n"
                     "***\n\n"
                     "<div>raw</div>\n\n"
                     "hard  \nbreak <b>x</b>\n";
    assert_string_equal(plain_of(*state, md),
                        "Head\n\none\n\ntwo\n\nquote\n\ncode a\ncode b\n\n"
                        "hard\nbreak x");
}

static void plain_of_empty_and_html_only(void **state) {
    assert_string_equal(plain_of(*state, ""), "");
    assert_string_equal(plain_of(*state, "<p>only html</p>\n"), "");
    assert_string_equal(plain_of(*state, "<!-- c -->\n\ntext\n\n<br>\n"),
                        "text");
}

/* Found by fuzz_markdown: a hard break that opened a paragraph, or came
** before raw HTML that is left out, wrote its line end anyway, so the
** plain text started with blank lines (and held three line ends in a
** row).  Breaks are separators between texts, never at either end. */
static void plain_breaks_only_between_text(void **state) {
    assert_string_equal(plain_of(*state, "\\\n<b>x</b>\n\nnext\n"), "x\n\nnext");
    assert_string_equal(plain_of(*state, "\\\nfirst\n"), "first");
    assert_string_equal(plain_of(*state, "end\\\n<br>\n\nnext\n"), "end\n\nnext");
    assert_string_equal(plain_of(*state, "a\n\n```\n\n```\n\nb\n"), "a\n\nb");
}

static void length_is_respected(void **state) {
    char *html = NULL, *plain = NULL;
    const char md[] = "*kept* dropped";
    assert_int_equal(markdown_render(*state, md, 6, &html, &plain, NULL), 0);
    assert_string_equal(html, "<p><em>kept</em></p>\n");
    assert_string_equal(plain, "kept");
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(raw_html_is_omitted),
        T(dangerous_urls_are_removed),
        T(invalid_utf8_is_replaced),
        T(typography_survives_byte_exact),
        T(emphasis_links_headings),
        T(blinken_body_renders),
        T(plain_two_paragraphs),
        T(plain_blocks_become_paragraphs),
        T(plain_of_empty_and_html_only),
        T(plain_breaks_only_between_text),
        T(length_is_respected),
    };
    return cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
}
