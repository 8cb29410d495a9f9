/*
** test_frontmatter.c — unit tests for frontmatter.c: the three fixtures,
** the three file shapes, every error with its exact "FILE:LINE: message",
** CRLF, BOM, and the three ways of writing tags.
**
** Each test gets a fresh arena (unit_arena_setup/unit_arena_teardown from
** unit.h, so failures do not leak).
** Fixtures are read from tests/fixtures/ (tests run from the repository
** root); a missing fixture is a failure.
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
#include "frontmatter.h"
#include "unit.h"

/* Parse the fixture NAME (as file name NAME); fail if it is absent or
** does not parse. */
static frontmatter_doc fixture(arena_t *a, const char *name) {
    size_t len;
    char *src = unit_fixture(a, name, &len);
    frontmatter_doc d;
    err_t err = {{0}};
    if (frontmatter_parse(a, src, len, name, &d, &err) != 0)
        fail_msg("%s does not parse: %s", name, err.msg);
    return d;
}

/* Parse src as file name; fail unless it parses. */
static frontmatter_doc parse_ok(arena_t *a, const char *name, const char *src) {
    frontmatter_doc d;
    err_t err = {{0}};
    if (frontmatter_parse(a, src, strlen(src), name, &d, &err) != 0)
        fail_msg("%s: unexpected error: %s", name, err.msg);
    return d;
}

/* Parse src as file name; fail unless the error is exactly want. */
static void parse_fails(arena_t *a, const char *name, const char *src,
                        const char *want) {
    frontmatter_doc d;
    err_t err = {{0}};
    if (frontmatter_parse(a, src, strlen(src), name, &d, &err) == 0)
        fail_msg("%s: parsed, expected \"%s\"", name, want);
    if (strcmp(err.msg, want) != 0)
        fail_msg("%s: error \"%s\", expected \"%s\"", name, err.msg, want);
    assert_null(d.title);                   /* *out is zeroed on failure */
    assert_null(d.body);
    assert_int_equal(d.ntags, 0);
}

static bool starts_with(const char *s, const char *prefix) {
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* -------------------------------------------------------------- fixtures */

static void fixture_blinken_md(void **state) {
    frontmatter_doc d = fixture(*state, "blinken.md");
    assert_true(d.markdown);
    assert_string_equal(d.title,
                        "Blinken presses Hamas for Gaza truce amid Israel talks");
    assert_string_equal(d.date, "2024-05-01T09:00:00Z");
    assert_int_equal(d.date_line, 3);
    assert_string_equal(d.section, "Middle East");
    assert_string_equal(d.author, "Staff");
    assert_null(d.slug);
    assert_null(d.status);
    assert_int_equal(d.ntags, 5);
    static const char *const tags[] = {"Gaza", "Israel", "Hamas", "Ceasefire",
                                       "United States"};
    for (size_t i = 0; i < 5; i++) assert_string_equal(d.tags[i], tags[i]);
    assert_true(starts_with(d.body, "U.S. Secretary of State"));
    assert_int_equal(d.body_line, 9);
    assert_non_null(strstr(d.body, "Netanyahu\xE2\x80\x99s assertion"));
    assert_int_not_equal(d.body[strlen(d.body) - 1], '\n');
}

static void fixture_aleppo_md(void **state) {
    frontmatter_doc d = fixture(*state, "aleppo.md");
    assert_true(d.markdown);
    assert_string_equal(d.title,
                        "Insurgents Advance from Aleppo, Assad Vows Defeat");
    assert_string_equal(d.date, "2024-11-30T15:00:00Z");
    assert_string_equal(d.section, "Middle East");
    assert_string_equal(d.author, "Staff");
    assert_int_equal(d.ntags, 2);
    assert_string_equal(d.tags[0], "Syria");
    assert_string_equal(d.tags[1], "Aleppo");
    assert_true(starts_with(d.body, "On Saturday, thousands of Syrian"));
}

static void fixture_blinken_txt(void **state) {
    frontmatter_doc d = fixture(*state, "blinken.txt");
    assert_false(d.markdown);
    assert_string_equal(d.title,
                        "Blinken presses Hamas for Gaza truce amid Israel talks");
    assert_true(starts_with(d.body, "U.S. Secretary of State"));
    assert_int_equal(d.body_line, 3);
    assert_null(d.date);
    assert_int_equal(d.date_line, 0);
    assert_null(d.section);
    assert_null(d.author);
    assert_int_equal(d.ntags, 0);
}

/* ---------------------------------------------------------------- errors */

static void error_unknown_key(void **state) {
    parse_fails(*state, "blinken.md",
                "---\ndate: 2024-05-01\ntitel: Blinken\n---\nbody\n",
                "blinken.md:3: unknown key 'titel'");
    parse_fails(*state, "x.md", "---\ntitle: T\nTitle: T\n---\n",
                "x.md:3: unknown key 'Title'");
}

static void error_not_closed(void **state) {
    parse_fails(*state, "x.md", "---\ntitle: T\n\nbody text\nmore: text\n",
                "x.md:1: front matter is not closed with '---'");
    parse_fails(*state, "x.md", "---\n",
                "x.md:1: front matter is not closed with '---'");
    parse_fails(*state, "x.md", "---\ntitle: T\n-- \n",
                "x.md:1: front matter is not closed with '---'");
}

static void error_empty_file(void **state) {
    parse_fails(*state, "x.txt", "", "x.txt:1: empty file");
    parse_fails(*state, "x.txt", " \n\t\r\n\n", "x.txt:1: empty file");
    parse_fails(*state, "x.md", "\xEF\xBB\xBF", "x.md:1: empty file");
}

static void error_missing_title(void **state) {
    parse_fails(*state, "x.md",
                "---\ndate: 2024-05-01\nsection: World\n---\nbody\n",
                "x.md:4: missing title");
    parse_fails(*state, "x.md", "---\ntitle: \"  \"\n---\nbody\n",
                "x.md:2: missing title");
    parse_fails(*state, "x.md", "---\nauthor: A\ntitle:\n---\n",
                "x.md:3: missing title");
}

static void error_invalid_utf8(void **state) {
    parse_fails(*state, "x.txt", "Headline\n\nOne.\nTwo.\n\nThree.\nBad \xC3( "
                "byte\nafter\n", "x.txt:7: invalid UTF-8");
    parse_fails(*state, "x.md", "---\ntitle: T\nauthor: \xC0\xAF\n---\n",
                "x.md:3: invalid UTF-8");
    parse_fails(*state, "x.txt", "\xED\xA0\x80 surrogate", "x.txt:1: invalid UTF-8");
    parse_fails(*state, "x.txt", "title\nbody \xE2\x80", "x.txt:2: invalid UTF-8");
}

static void error_nul_byte(void **state) {
    frontmatter_doc d;
    err_t err;
    const char src[] = "Headline\nbo\0dy\n";
    assert_int_equal(frontmatter_parse(*state, src, sizeof src - 1, "x.txt",
                                       &d, &err), -1);
    assert_string_equal(err.msg, "x.txt:2: NUL byte");
}

static void error_not_key_value(void **state) {
    parse_fails(*state, "x.md", "---\njust some text\n---\n",
                "x.md:2: expected 'key: value'");
    parse_fails(*state, "x.md", "---\ntitle: T\n  indented: x\n---\n",
                "x.md:3: expected 'key: value'");
    parse_fails(*state, "x.md", "---\ntitle: T\n- item\n---\n",
                "x.md:3: expected 'key: value'");
    parse_fails(*state, "x.md", "---\ntitle: T\n: value\n---\n",
                "x.md:3: expected 'key: value'");
}

static void error_status(void **state) {
    parse_fails(*state, "x.md",
                "---\ntitle: T\ndate: 2024-05-01\nsection: S\nstatus: published\n"
                "---\n",
                "x.md:5: status must be 'publish' or 'draft'");
}

static void error_unterminated_quote(void **state) {
    parse_fails(*state, "x.md", "---\ndate: 2024-05-01\ntitle: \"Half a title\n"
                "---\n", "x.md:3: unterminated quoted string");
    parse_fails(*state, "x.md", "---\ntitle: 'Half\n---\n",
                "x.md:2: unterminated quoted string");
    parse_fails(*state, "x.md", "---\ntitle: \"ends in \\\"\n---\n",
                "x.md:2: unterminated quoted string");
    parse_fails(*state, "x.md", "---\ntitle: T\ntags: [a, \"b]\n---\n",
                "x.md:3: unterminated quoted string");
}

static void error_duplicate_key(void **state) {
    parse_fails(*state, "x.md", "---\ntitle: A\ndate: 2024-05-01\ntitle: B\n---\n",
                "x.md:4: duplicate key 'title' (first on line 2)");
    parse_fails(*state, "x.md", "---\ntitle: A\ntags: a\ntags: [b]\n---\n",
                "x.md:4: duplicate key 'tags' (first on line 3)");
}

static void error_bad_date(void **state) {
    parse_fails(*state, "x.md", "---\ntitle: T\n\ndate: 2024-02-30\n---\n",
                "x.md:4: invalid date '2024-02-30' (no such day in that month)");
    parse_fails(*state, "x.md", "---\ndate: \"May 1, 2024\"\ntitle: T\n---\n",
                "x.md:2: invalid date 'May 1, 2024' (expected YYYY-MM-DD or "
                "YYYY-MM-DDTHH:MM:SSZ)");
}

static void error_bad_quoting_and_lists(void **state) {
    parse_fails(*state, "x.md", "---\ntitle: \"a\" b\n---\n",
                "x.md:2: unexpected text after quoted string");
    parse_fails(*state, "x.md", "---\ntitle: \"a\\qb\"\n---\n",
                "x.md:2: unknown escape '\\q' in quoted string");
    parse_fails(*state, "x.md", "---\ntitle: T\ntags: [a, b\n---\n",
                "x.md:3: unterminated '[' list");
    parse_fails(*state, "x.md", "---\ntitle: T\ntags: [a, b] c\n---\n",
                "x.md:3: unexpected text after ']'");
    parse_fails(*state, "x.md", "---\ntitle: T\ntags: [\"a\" b]\n---\n",
                "x.md:3: expected ',' or ']' in list");
    parse_fails(*state, "x.md", "---\ntitle: T\ntags:\n  - \"open\n---\n",
                "x.md:4: unterminated quoted string");
}

static void error_markdown_without_heading(void **state) {
    frontmatter_doc d;
    err_t err;
    const char *src = "Just a paragraph.\n\n# Late heading\n";
    assert_int_equal(frontmatter_parse(*state, src, strlen(src), "x.md", &d,
                                       &err), -1);
    assert_true(starts_with(err.msg, "x.md:1: missing title"));
    src = "\n\n#NoSpace\n";
    assert_int_equal(frontmatter_parse(*state, src, strlen(src), "x.markdown",
                                       &d, &err), -1);
    assert_true(starts_with(err.msg, "x.markdown:3: missing title"));
    src = "# #\nbody\n";
    assert_int_equal(frontmatter_parse(*state, src, strlen(src), "x.md", &d,
                                       &err), -1);
    assert_true(starts_with(err.msg, "x.md:1: missing title"));
}

static void error_without_err_or_name(void **state) {
    frontmatter_doc d;
    assert_int_equal(frontmatter_parse(*state, "", 0, "x.txt", &d, NULL), -1);
    err_t err;
    assert_int_equal(frontmatter_parse(*state, NULL, 0, NULL, &d, &err), -1);
    assert_string_equal(err.msg, "-:1: empty file");
}

/* -------------------------------------------------------------- features */

static void crlf_line_endings(void **state) {
    frontmatter_doc d = parse_ok(*state, "x.md",
        "---\r\ntitle: \"Crlf\"\r\ndate: 2024-05-01T09:00:00Z\r\n"
        "tags: [a, b]\r\nauthor: Staff\r\n---\r\n\r\nLine one\r\nline two."
        "\r\n\r\nSecond.\r\n");
    assert_string_equal(d.title, "Crlf");
    assert_string_equal(d.date, "2024-05-01T09:00:00Z");
    assert_string_equal(d.tags[1], "b");
    assert_string_equal(d.author, "Staff");
    assert_string_equal(d.body, "Line one\nline two.\n\nSecond.");
    assert_int_equal(d.body_line, 8);

    d = parse_ok(*state, "x.txt", "Head line\r\n\r\nBody.\r\n");
    assert_string_equal(d.title, "Head line");
    assert_string_equal(d.body, "Body.");
    assert_int_equal(d.body_line, 3);
}

static void bom_is_skipped(void **state) {
    frontmatter_doc d = parse_ok(*state, "x.md",
                                 "\xEF\xBB\xBF---\ntitle: T\n---\nBody\n");
    assert_true(d.markdown);
    assert_string_equal(d.title, "T");
    assert_int_equal(d.body_line, 4);
    d = parse_ok(*state, "x.txt", "\xEF\xBB\xBFHeadline\n\nBody\n");
    assert_string_equal(d.title, "Headline");
}

static void tags_block_list(void **state) {
    frontmatter_doc d = parse_ok(*state, "x.md",
        "---\ntitle: T\ntags:\n  - Gaza\n  - \"Israel, West Bank\"\n\n"
        "- Hamas\n  -\n  - 'Rafah'\nauthor: A\n---\nbody\n");
    assert_int_equal(d.ntags, 4);
    assert_string_equal(d.tags[0], "Gaza");
    assert_string_equal(d.tags[1], "Israel, West Bank");
    assert_string_equal(d.tags[2], "Hamas");
    assert_string_equal(d.tags[3], "Rafah");
    assert_string_equal(d.author, "A");

    d = parse_ok(*state, "x.md", "---\ntitle: T\ntags:\n---\n");
    assert_int_equal(d.ntags, 0);
}

static void tags_flow_and_comma_lists(void **state) {
    frontmatter_doc d = parse_ok(*state, "x.md",
        "---\ntitle: T\ntags: [\"a, b\", 'c''d' , e f,,]\n---\n");
    assert_int_equal(d.ntags, 3);
    assert_string_equal(d.tags[0], "a, b");
    assert_string_equal(d.tags[1], "c'd");
    assert_string_equal(d.tags[2], "e f");

    d = parse_ok(*state, "x.md", "---\ntitle: T\ntags: Gaza, Israel ,, Hamas\n---\n");
    assert_int_equal(d.ntags, 3);
    assert_string_equal(d.tags[1], "Israel");
    assert_string_equal(d.tags[2], "Hamas");

    d = parse_ok(*state, "x.md", "---\ntitle: T\ntags: \"One, tag\"\n---\n");
    assert_int_equal(d.ntags, 1);
    assert_string_equal(d.tags[0], "One, tag");

    d = parse_ok(*state, "x.md", "---\ntitle: T\ntags: []\n---\n");
    assert_int_equal(d.ntags, 0);

    /* more tags than the first allocation holds */
    d = parse_ok(*state, "x.md", "---\ntitle: T\ntags: [a,b,c,d,e,f,g,h,i,j,k,"
                                 "l,m,n,o,p,q,r,s,t]\n---\n");
    assert_int_equal(d.ntags, 20);
    assert_string_equal(d.tags[0], "a");
    assert_string_equal(d.tags[19], "t");
}

static void quoted_values(void **state) {
    frontmatter_doc d = parse_ok(*state, "x.md",
        "---\ntitle: \"He said \\\"hi\\\" \\\\ ok\"\nauthor: 'It''s me'\n"
        "section: \"  World  \"\nslug: plain-slug\nstatus: draft\n---\n");
    assert_string_equal(d.title, "He said \"hi\" \\ ok");
    assert_string_equal(d.author, "It's me");
    assert_string_equal(d.section, "World");
    assert_string_equal(d.slug, "plain-slug");
    assert_string_equal(d.status, "draft");
}

/* "id:" names the article a file updates: digits only, from 1 up, its
** line kept for "no article with id N". */
static void id_key(void **state) {
    frontmatter_doc d = parse_ok(*state, "x.md", "---\ntitle: T\n\nid: 42\n---\n");
    assert_int_equal(d.id, 42);
    assert_int_equal(d.id_line, 4);
    d = parse_ok(*state, "x.md", "---\ntitle: T\nid: \"9223372036854775807\"\n---\n");
    assert_true(d.id == 9223372036854775807LL);
    d = parse_ok(*state, "x.md", "---\ntitle: T\nid:\n---\n");
    assert_int_equal(d.id, 0);                 /* empty = absent */
    assert_int_equal(d.id_line, 0);
    static const char *const bad[] = {"0", "-3", "+3", "12a", "1.5", "0x10",
                                      "9223372036854775808"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char src[128];
        snprintf(src, sizeof src, "---\ntitle: T\nid: %s\n---\n", bad[i]);
        parse_fails(*state, "x.md", src, "x.md:3: id must be a whole number from 1 up");
    }
}

static void lenient_key_lines(void **state) {
    frontmatter_doc d = parse_ok(*state, "x.md",
        "---   \n# a comment\n\ntitle : Netanyahu\xE2\x80\x99s plan  \n"
        "date:2024-05-01 09:00:00+02:00\nstatus: publish\nsection:\n---  \n"
        "body");
    assert_string_equal(d.title, "Netanyahu\xE2\x80\x99s plan");
    assert_string_equal(d.date, "2024-05-01 09:00:00+02:00");
    assert_int_equal(d.date_line, 5);
    assert_string_equal(d.status, "publish");
    assert_null(d.section);                 /* empty value = absent */
    assert_string_equal(d.body, "body");
    assert_int_equal(d.body_line, 9);
}

static void markdown_heading_title(void **state) {
    frontmatter_doc d = parse_ok(*state, "story.md",
                                 "\n# The Title ##\n\nBody *md*\n\nMore.\n");
    assert_true(d.markdown);
    assert_string_equal(d.title, "The Title");
    assert_string_equal(d.body, "Body *md*\n\nMore.");
    assert_int_equal(d.body_line, 4);

    d = parse_ok(*state, "STORY.MARKDOWN", "   # C#\nx\n");
    assert_string_equal(d.title, "C#");
    assert_int_equal(d.body_line, 2);

    /* the same text as .txt is plain: the heading line is the headline */
    d = parse_ok(*state, "story.txt", "# The Title\n\nBody\n");
    assert_false(d.markdown);
    assert_string_equal(d.title, "# The Title");
}

static void front_matter_decides_over_name(void **state) {
    frontmatter_doc d = parse_ok(*state, "story.txt", "---\ntitle: T\n---\n\n\n");
    assert_true(d.markdown);
    assert_string_equal(d.body, "");
    assert_int_equal(d.body_line, 6);
}

static void plain_text_shapes(void **state) {
    frontmatter_doc d = parse_ok(*state, "x.txt",
                                 "\n\n  Headline  \n\n\nPara one\nstill one.\n\nTwo.\n\n");
    assert_false(d.markdown);
    assert_string_equal(d.title, "Headline");
    assert_string_equal(d.body, "Para one\nstill one.\n\nTwo.");
    assert_int_equal(d.body_line, 6);

    d = parse_ok(*state, "x.txt", "Only a headline");
    assert_string_equal(d.title, "Only a headline");
    assert_string_equal(d.body, "");
}

static void length_is_respected(void **state) {
    frontmatter_doc d;
    const char src[] = "Headline\n\nBody.GARBAGE \xFF";
    assert_int_equal(frontmatter_parse(*state, src, 15, "x.txt", &d, NULL), 0);
    assert_string_equal(d.body, "Body.");
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(fixture_blinken_md),
        T(fixture_aleppo_md),
        T(fixture_blinken_txt),
        T(error_unknown_key),
        T(error_not_closed),
        T(error_empty_file),
        T(error_missing_title),
        T(error_invalid_utf8),
        T(error_nul_byte),
        T(error_not_key_value),
        T(error_status),
        T(error_unterminated_quote),
        T(error_duplicate_key),
        T(error_bad_date),
        T(error_bad_quoting_and_lists),
        T(error_markdown_without_heading),
        T(error_without_err_or_name),
        T(crlf_line_endings),
        T(bom_is_skipped),
        T(tags_block_list),
        T(id_key),
        T(tags_flow_and_comma_lists),
        T(quoted_values),
        T(lenient_key_lines),
        T(markdown_heading_title),
        T(front_matter_decides_over_name),
        T(plain_text_shapes),
        T(length_is_respected),
    };
    return cmocka_run_group_tests_name("frontmatter", tests, NULL, NULL);
}
