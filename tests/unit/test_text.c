/*
** test_text.c — unit tests for text.c: UTF-8, slugs, excerpts, dates,
** permalinks, plain-text paragraphs.
**
** Every test gets a fresh arena from unit_arena_setup() and loses it in
** unit_arena_teardown() (unit.h),
** which cmocka runs even when an assertion fails, so a failing test does
** not also leak.  Fixture files are read from tests/fixtures/ (tests run
** from the repository root) and a missing fixture is a failure.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "text.h"
#include "unit.h"

static size_t count(const char *hay, const char *needle) {
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++) n++;
    return n;
}

/* ----------------------------------------------------------------- UTF-8 */

static void utf8_accepts_valid(void **state) {
    (void)state;
    static const char *const ok[] = {
        "", "plain ASCII", "caf\xC3\xA9", "Netanyahu\xE2\x80\x99s",
        "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF", "\xEF\xBF\xBF",
        "\xED\x9F\xBF", "\xEE\x80\x80", "\xC2\x80", "\xE0\xA0\x80",
        "\xF0\x90\x80\x80",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_true(text_utf8_valid(ok[i], strlen(ok[i])));
    assert_true(text_utf8_valid("a\0b", 3));       /* NUL is U+0000 */
}

static void utf8_rejects_invalid(void **state) {
    (void)state;
    static const char *const bad[] = {
        "\xC0\x80",             /* overlong NUL */
        "\xC1\xBF",             /* overlong */
        "\xE0\x80\x80",         /* overlong */
        "\xE0\x9F\xBF",         /* overlong U+07FF */
        "\xF0\x80\x80\x80",     /* overlong */
        "\xF0\x8F\xBF\xBF",     /* overlong U+FFFF */
        "\xED\xA0\x80",         /* surrogate U+D800 */
        "\xED\xBF\xBF",         /* surrogate U+DFFF */
        "\xF4\x90\x80\x80",     /* U+110000 */
        "\xF5\x80\x80\x80",     /* lead byte beyond U+10FFFF */
        "\xFF", "\xFE", "\x80", "\xBF",
        "\xE2\x80",             /* truncated */
        "\xC3",                 /* truncated */
        "\xE2\x28\xA1",         /* bad continuation */
        "ok\xC3\x28",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (text_utf8_valid(bad[i], strlen(bad[i])))
            fail_msg("accepted invalid sequence #%zu", i);
    }
}

static void utf8_valid_prefix_stops_at_first_bad_byte(void **state) {
    (void)state;
    assert_int_equal(text_utf8_valid_prefix("ab\xE2\x80", 4), 2);
    assert_int_equal(text_utf8_valid_prefix("\xC3\xA9\x80x", 4), 2);
    assert_int_equal(text_utf8_valid_prefix("abc", 3), 3);
    assert_int_equal(text_utf8_valid_prefix("\xFF", 1), 0);
    /* len is respected: a sequence cut by len is not valid */
    assert_int_equal(text_utf8_valid_prefix("\xC3\xA9", 1), 0);
}

/* ----------------------------------------------------------------- slugs */

static void slug_is(arena_t *a, const char *in, const char *want) {
    char *got = text_slugify(a, in);
    if (strcmp(got, want) != 0)
        fail_msg("slugify(\"%s\") = \"%s\", want \"%s\"", in, got, want);
}

static void slugify_headline(void **state) {
    slug_is(*state, "Blinken presses Hamas for Gaza truce amid Israel talks",
            "blinken-presses-hamas-for-gaza-truce-amid-israel-talks");
    slug_is(*state, "Insurgents Advance from Aleppo, Assad Vows Defeat",
            "insurgents-advance-from-aleppo-assad-vows-defeat");
    slug_is(*state, "Middle East", "middle-east");
}

static void slugify_drops_apostrophes(void **state) {
    slug_is(*state, "Netanyahu\xE2\x80\x99s assertion", "netanyahus-assertion");
    slug_is(*state, "Netanyahu's assertion", "netanyahus-assertion");
    slug_is(*state, "Rock 'n' Roll", "rock-n-roll");
    slug_is(*state, "\xE2\x80\x99\xE2\x80\x99", "untitled");
}

static void slugify_punctuation_and_space(void **state) {
    slug_is(*state, "  --Hello,   World!!  ", "hello-world");
    slug_is(*state, "U.S. Secretary of State", "u-s-secretary-of-state");
    slug_is(*state, "\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x94 dash"
                    "\xE2\x80\xA6", "quoted-dash");
    slug_is(*state, "40-day truce", "40-day-truce");
    slug_is(*state, "a\xC2\xA0" "b", "a-b");                   /* NBSP */
    slug_is(*state, "\xC2\xABGuillemets\xC2\xBB", "guillemets");
    slug_is(*state, "3\xC3\x97" "4", "3-4");                   /* × */
}

static void slugify_transliterates_latin(void **state) {
    slug_is(*state, "Cr\xC3\xA8me Br\xC3\xBBl\xC3\xA9" "e \xC3\xA0 S\xC3\xA3o "
                    "Paulo", "creme-brulee-a-sao-paulo");
    slug_is(*state, "Stra\xC3\x9F" "e", "strasse");                 /* ß */
    slug_is(*state, "\xC3\x98rsted \xC3\x86" "ble", "orsted-aeble"); /* Ø Æ */
    slug_is(*state, "M\xC3\xBCnchen \xC3\x9C" "ber", "munchen-uber");
    slug_is(*state, "\xC5\x81\xC3\xB3" "d\xC5\xBA \xC5\xBB\xC3\xB3\xC5\x82\xC4\x87",
            "lodz-zolc");                                       /* Łódź Żółć */
    slug_is(*state, "\xC3\x91" "and\xC3\xBA", "nandu");           /* Ñandú */
    slug_is(*state, "\xC3\x87" "a va", "ca-va");                  /* Ça */
    slug_is(*state, "\xC5\x9E" "i\xC5\x9F" "li \xC4\x9E \xC4\xB0" "stanbul",
            "sisli-g-istanbul");                                /* Şişli Ğ İ */
    slug_is(*state, "\xC5\x92uvre \xC5\x93il", "oeuvre-oeil");   /* Œ œ */
    slug_is(*state, "Bucure\xC8\x99ti", "bucuresti");            /* ș */
    slug_is(*state, "e\xCC\x81t\xC3\xA9", "ete");           /* NFD é, NFC é */
}

static void slugify_keeps_other_scripts(void **state) {
    /* Cyrillic capitals are lowered; Arabic, Hebrew, CJK kept as is */
    slug_is(*state, "\xD0\x92\xD0\xBE\xD0\xB9\xD0\xBD\xD0\xB0 \xD0\xB8 "
                    "\xD0\xBC\xD0\xB8\xD1\x80",
            "\xD0\xB2\xD0\xBE\xD0\xB9\xD0\xBD\xD0\xB0-\xD0\xB8-"
            "\xD0\xBC\xD0\xB8\xD1\x80");                  /* Война и мир */
    slug_is(*state, "\xD8\xAD\xD9\x84\xD8\xA8\xD8\x8C Syria",
            "\xD8\xAD\xD9\x84\xD8\xA8-syria");            /* حلب، */
    slug_is(*state, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D, \xD7\xA2\xD7\x95\xD7\x9C"
                    "\xD7\x9D",
            "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D-\xD7\xA2\xD7\x95\xD7\x9C"
            "\xD7\x9D");                                  /* שלום, עולם */
    slug_is(*state, "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x80\x81" "2024",
            "\xE6\x9D\xB1\xE4\xBA\xAC-2024");             /* 東京、2024 */
    slug_is(*state, "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1",
            "\xCE\xB1\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1");  /* Αθήνα */
    slug_is(*state, "Party \xF0\x9F\x8E\x89 time", "party-time");
}

static void slugify_empty_and_invalid(void **state) {
    slug_is(*state, "", "untitled");
    slug_is(*state, "!!! ??? ...", "untitled");
    slug_is(*state, "ab\xFF" "cd", "ab-cd");
    slug_is(*state, "ab\xE2\x80" "cd", "ab-cd");
}

static void assert_good_slug(const char *s) {
    size_t n = strlen(s);
    assert_true(n > 0 && n <= TEXT_SLUG_MAX);
    assert_true(s[0] != '-' && s[n - 1] != '-');
    assert_null(strstr(s, "--"));
    assert_true(text_utf8_valid(s, n));
}

static void slugify_caps_at_word_boundary(void **state) {
    arena_t *a = *state;
    /* nine 8-letter words and their dashes make exactly 80 bytes */
    buf_t in = BUF_INIT;
    for (int i = 0; i < 30; i++) buf_puts(&in, "abcdefgh ");
    char *s = text_slugify(a, in.data);
    buf_free(&in);
    assert_good_slug(s);
    assert_int_equal(strlen(s), 80);
    assert_int_equal(count(s, "abcdefgh"), 9);

    /* a word that would straddle the cap is dropped whole */
    char long_in[128];
    memset(long_in, 'a', 70);
    long_in[70] = ' ';
    memset(long_in + 71, 'b', 20);
    long_in[91] = '\0';
    s = text_slugify(a, long_in);
    assert_good_slug(s);
    assert_int_equal(strlen(s), 70);
    assert_null(strchr(s, 'b'));
}

static void slugify_caps_one_long_word(void **state) {
    arena_t *a = *state;
    char in[101];
    memset(in, 'X', 100);
    in[100] = '\0';
    char *s = text_slugify(a, in);
    assert_good_slug(s);
    assert_int_equal(strlen(s), 80);
    assert_int_equal(s[0], 'x');

    /* 30 three-byte ideographs: 26 fit (78 bytes), none is split */
    buf_t b = BUF_INIT;
    for (int i = 0; i < 30; i++) buf_puts(&b, "\xE6\x9D\xB1");
    s = text_slugify(a, b.data);
    buf_free(&b);
    assert_good_slug(s);
    assert_int_equal(strlen(s), 78);
}

static void slugify_cap_never_leaves_trailing_dash(void **state) {
    arena_t *a = *state;
    /* words of every length near the cap */
    for (int w = 1; w < 20; w++) {
        buf_t b = BUF_INIT;
        for (int i = 0; i < 200 / w; i++) {
            for (int k = 0; k < w; k++) buf_putc(&b, 'q');
            buf_puts(&b, " - ");
        }
        assert_good_slug(text_slugify(a, b.data));
        buf_free(&b);
    }
}

/* -------------------------------------------------------------- excerpts */

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
    char *e = text_excerpt(*state, aleppo_lead(*state), 16, &cut);
    assert_string_equal(e, "On Saturday, thousands of Syrian insurgents "
                           "captured most of Aleppo, the country\xE2\x80\x99s "
                           "largest city, in a \xE2\x80\xA6");
    assert_true(cut);
}

static void excerpt_not_cut_when_short(void **state) {
    bool cut = true;
    assert_string_equal(text_excerpt(*state, "one two three", 3, &cut),
                        "one two three");
    assert_false(cut);
    cut = true;
    assert_string_equal(text_excerpt(*state, "one two three", 10, &cut),
                        "one two three");
    assert_false(cut);
    assert_string_equal(text_excerpt(*state, "one two three four", 3, &cut),
                        "one two three \xE2\x80\xA6");
    assert_true(cut);
}

static void excerpt_collapses_whitespace(void **state) {
    bool cut = true;
    assert_string_equal(text_excerpt(*state, "  a\t\tb\n\n c \r\n", 10, &cut),
                        "a b c");
    assert_false(cut);
    /* U+00A0 separates words too */
    assert_string_equal(text_excerpt(*state, "a\xC2\xA0" "b c", 2, &cut),
                        "a b \xE2\x80\xA6");
    assert_true(cut);
}

static void excerpt_edges(void **state) {
    bool cut = true;
    assert_string_equal(text_excerpt(*state, "", 5, &cut), "");
    assert_false(cut);
    assert_string_equal(text_excerpt(*state, " \n\t ", 5, &cut), "");
    assert_false(cut);
    assert_string_equal(text_excerpt(*state, "word", 0, &cut), "\xE2\x80\xA6");
    assert_true(cut);
    assert_string_equal(text_excerpt(*state, "", 0, &cut), "");
    assert_false(cut);
    /* was_cut may be NULL */
    assert_string_equal(text_excerpt(*state, "a b", 1, NULL), "a \xE2\x80\xA6");
}

static void excerpt_keeps_multibyte_words_whole(void **state) {
    const char *in = "na\xC3\xAFve caf\xC3\xA9 au lait";
    char *e = text_excerpt(*state, in, 2, NULL);
    assert_string_equal(e, "na\xC3\xAFve caf\xC3\xA9 \xE2\x80\xA6");
    assert_true(text_utf8_valid(e, strlen(e)));
}

/* ----------------------------------------------------------------- dates */

static long long parsed(const char *s) {
    long long t = 0;
    err_t err = {{0}};
    if (text_parse_date(s, &t, &err) != 0)
        fail_msg("parse_date(\"%s\") failed: %s", s, err.msg);
    return t;
}

static void parse_date_forms(void **state) {
    (void)state;
    const long long may1 = 1714521600LL, nine = may1 + 9 * 3600;
    assert_int_equal(parsed("2024-05-01"), may1);
    assert_int_equal(parsed("2024-05-01T09:00:00Z"), nine);
    assert_int_equal(parsed("2024-05-01T09:00Z"), nine);
    assert_int_equal(parsed("2024-05-01 09:00:00"), nine);
    assert_int_equal(parsed("2024-05-01T09:00:00"), nine);
    assert_int_equal(parsed("2024-05-01t09:00:00z"), nine);
    assert_int_equal(parsed("2024-05-01T11:00:00+02:00"), nine);
    assert_int_equal(parsed("2024-05-01T04:00:00-05:00"), nine);
    assert_int_equal(parsed("2024-05-01T09:00:00.123456Z"), nine);
    assert_int_equal(parsed("2024-05-01T09:00:00,5+00:00"), nine);
    assert_int_equal(parsed("2024-05-01T09:00+00:00"), nine);
    assert_int_equal(parsed("2024-05-01T09:00:59Z"), nine + 59);
}

static void parse_date_edges_of_calendar(void **state) {
    (void)state;
    assert_int_equal(parsed("1970-01-01T00:00:00Z"), 0);
    assert_int_equal(parsed("1969-12-31T23:59:59Z"), -1);
    assert_int_equal(parsed("2000-02-29"), 951782400LL);
    assert_int_equal(parsed("2024-02-29"), 1709164800LL);
    assert_int_equal(parsed("2038-01-19T03:14:08Z"), 2147483648LL);
    assert_int_equal(parsed("2024-01-01T00:30:00+01:00"), 1704065400LL);
}

static void parse_date_agrees_with_timegm(void **state) {
    (void)state;
    /* every day from 1901 to 2099 */
    for (int y = 1901; y < 2100; y++) {
        for (int m = 1; m <= 12; m++) {
            for (int d = 1; d <= 31; d++) {
                char s[16];
                snprintf(s, sizeof s, "%04d-%02d-%02d", y % 10000, m % 100,
                         d % 100);
                struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1,
                                .tm_mday = d};
                long long want = (long long)timegm(&tm);
                long long got = 0;
                bool real = tm.tm_mday == d;     /* timegm normalised it? */
                int rc = text_parse_date(s, &got, NULL);
                if (real != (rc == 0)) fail_msg("%s: rc %d", s, rc);
                if (real && got != want) fail_msg("%s: %lld != %lld", s, got, want);
            }
        }
    }
}

static void date_rejected(const char *s, const char *why) {
    long long t = 42;
    err_t err = {{0}};
    if (text_parse_date(s, &t, &err) == 0) fail_msg("accepted \"%s\"", s);
    assert_int_equal(t, 42);
    if (strstr(err.msg, "invalid date") == NULL || strstr(err.msg, why) == NULL)
        fail_msg("\"%s\": message \"%s\" lacks \"%s\"", s, err.msg, why);
}

static void parse_date_rejects_out_of_range(void **state) {
    (void)state;
    date_rejected("2024-13-01", "month");
    date_rejected("2024-00-10", "month");
    date_rejected("2024-05-00", "day");
    date_rejected("2024-04-31", "day");
    date_rejected("2023-02-29", "day");
    date_rejected("1900-02-29", "day");
    date_rejected("2024-05-01T24:00:00Z", "hour");
    date_rejected("2024-05-01T09:60:00Z", "minute");
    date_rejected("2024-05-01T09:00:60Z", "second");
    date_rejected("2024-13-01", "'2024-13-01'");
}

static void parse_date_rejects_bad_syntax(void **state) {
    (void)state;
    static const char *const bad[] = {
        "", "2024", "2024-5-1", "2024/05/01", "24-05-01", "2024-05-01T",
        "2024-05-01T09", "2024-05-01T9:00", "2024-05-01T09:00:00+0200",
        "2024-05-01T09:00:00+02", "2024-05-01Z", " 2024-05-01",
        "2024-05-01 ", "2024-05-01T09:00:00.Z", "2024-05-01T09:00:00Zjunk",
        "2024-05-01T09:00:00+25:00", "2024-05-01T09:00:00+02:60",
        "May 1, 2024", "2024-05-01X09:00", "2024-05-01T09:00:00 Z",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        date_rejected(bad[i], "invalid date");
}

static void parse_date_long_input_message_is_bounded(void **state) {
    (void)state;
    char in[300];
    memset(in, '9', sizeof in - 1);
    in[sizeof in - 1] = '\0';
    err_t err;
    assert_int_equal(text_parse_date(in, &(long long){0}, &err), -1);
    assert_true(strlen(err.msg) < 120);
}

static void format_is(long long t, int style, const char *want) {
    char out[32];
    text_format_date(t, out, style);
    if (strcmp(out, want) != 0)
        fail_msg("format(%lld, %d) = \"%s\", want \"%s\"", t, style, out, want);
}

static void format_date_styles(void **state) {
    (void)state;
    const long long t = 1714554000LL;              /* 2024-05-01T09:00:00Z */
    format_is(t, TEXT_DATE_RFC3339, "2024-05-01T09:00:00Z");
    format_is(t, TEXT_DATE_HUMAN, "May 1, 2024");
    format_is(t, TEXT_DATE_RFC822, "Wed, 01 May 2024 09:00:00 +0000");
    format_is(0, TEXT_DATE_RFC822, "Thu, 01 Jan 1970 00:00:00 +0000");
    format_is(-1, TEXT_DATE_RFC3339, "1969-12-31T23:59:59Z");
    format_is(-1, TEXT_DATE_RFC822, "Wed, 31 Dec 1969 23:59:59 +0000");
    format_is(1733000400LL, TEXT_DATE_HUMAN, "November 30, 2024");
    format_is(951782400LL, TEXT_DATE_HUMAN, "February 29, 2000");
}

static void format_date_clamps(void **state) {
    (void)state;
    format_is(LLONG_MAX, TEXT_DATE_RFC3339, "9999-12-31T23:59:59Z");
    format_is(LLONG_MIN, TEXT_DATE_RFC3339, "0000-01-01T00:00:00Z");
    format_is(LLONG_MAX, TEXT_DATE_RFC822, "Fri, 31 Dec 9999 23:59:59 +0000");
    format_is(LLONG_MIN, TEXT_DATE_HUMAN, "January 1, 0");
}

static void format_parse_round_trip(void **state) {
    (void)state;
    for (long long t = -2000000000LL; t < 4000000000LL; t += 7777777) {
        char out[32];
        text_format_date(t, out, TEXT_DATE_RFC3339);
        assert_int_equal(parsed(out), t);
    }
}

static void permalink_uses_utc_date(void **state) {
    arena_t *a = *state;
    assert_string_equal(text_permalink(a, 1714554000LL, "blinken-presses"),
                        "/2024/05/01/blinken-presses/");
    /* 23:30 in New York is the next day in UTC */
    assert_string_equal(text_permalink(a, parsed("2024-05-01T23:30:00-05:00"),
                                       "late"), "/2024/05/02/late/");
    assert_string_equal(text_permalink(a, 0, "x"), "/1970/01/01/x/");
}

/* ------------------------------------------------------------ paragraphs */

static void paragraphs_split_on_blank_lines(void **state) {
    arena_t *a = *state;
    assert_string_equal(text_paragraphs_html(a, "a\nb\n\nc"),
                        "<p>a b</p>\n<p>c</p>\n");
    assert_string_equal(text_paragraphs_html(a, "\n\n  one  \n \t \n\n\ntwo\n"),
                        "<p>one</p>\n<p>two</p>\n");
    assert_string_equal(text_paragraphs_html(a, "x\r\ny\r\n\r\nz\r\n"),
                        "<p>x y</p>\n<p>z</p>\n");
    assert_string_equal(text_paragraphs_html(a, ""), "");
    assert_string_equal(text_paragraphs_html(a, "  \n\n \n"), "");
}

static void paragraphs_escape_html(void **state) {
    assert_string_equal(
        text_paragraphs_html(*state, "Tom & Jerry <b>\"q\" 'x'"),
        "<p>Tom &amp; Jerry &lt;b&gt;&quot;q&quot; &#39;x&#39;</p>\n");
    assert_string_equal(
        text_paragraphs_html(*state, "Netanyahu\xE2\x80\x99s \xE2\x80\x9Cplan"
                                     "\xE2\x80\x9D"),
        "<p>Netanyahu\xE2\x80\x99s \xE2\x80\x9Cplan\xE2\x80\x9D</p>\n");
}

static void paragraphs_of_blinken_txt(void **state) {
    arena_t *a = *state;
    char *s = unit_fixture(a, "blinken.txt", NULL);
    char *body = strchr(s, '\n');
    assert_non_null(body);
    char *html = text_paragraphs_html(a, body);
    assert_int_equal(count(html, "<p>"), 7);
    assert_int_equal(count(html, "</p>\n"), 7);
    assert_int_equal(strncmp(html, "<p>U.S. Secretary of State", 26), 0);
    assert_non_null(strstr(html, "Netanyahu\xE2\x80\x99s assertion"));
    assert_null(strstr(html, "\n<p>\n"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(utf8_accepts_valid),
        T(utf8_rejects_invalid),
        T(utf8_valid_prefix_stops_at_first_bad_byte),
        T(slugify_headline),
        T(slugify_drops_apostrophes),
        T(slugify_punctuation_and_space),
        T(slugify_transliterates_latin),
        T(slugify_keeps_other_scripts),
        T(slugify_empty_and_invalid),
        T(slugify_caps_at_word_boundary),
        T(slugify_caps_one_long_word),
        T(slugify_cap_never_leaves_trailing_dash),
        T(excerpt_aleppo_sixteen_words),
        T(excerpt_not_cut_when_short),
        T(excerpt_collapses_whitespace),
        T(excerpt_edges),
        T(excerpt_keeps_multibyte_words_whole),
        T(parse_date_forms),
        T(parse_date_edges_of_calendar),
        T(parse_date_agrees_with_timegm),
        T(parse_date_rejects_out_of_range),
        T(parse_date_rejects_bad_syntax),
        T(parse_date_long_input_message_is_bounded),
        T(format_date_styles),
        T(format_date_clamps),
        T(format_parse_round_trip),
        T(permalink_uses_utc_date),
        T(paragraphs_split_on_blank_lines),
        T(paragraphs_escape_html),
        T(paragraphs_of_blinken_txt),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
