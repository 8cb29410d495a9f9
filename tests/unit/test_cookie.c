/*
** test_cookie.c — unit tests for cookie.c: reading a Cookie header,
** building Set-Cookie, and the cookie-safe text codec.
**
** Every test gets a fresh arena from unit_arena_setup() and loses it in
** unit_arena_teardown() (unit.h),
** which cmocka runs even when an assertion fails.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cookie.h"
#include "unit.h"

/* RFC 6265 cookie-octet, written out independently of cookie.c. */
static bool cookie_octet(unsigned char c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) ||
           (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
}

static void get_is(arena_t *a, const char *header, const char *name,
                   const char *want) {
    const char *got = cookie_get(a, header, name);
    const char *shown = header ? header : "(null)";
    if (want == NULL && got != NULL)
        fail_msg("cookie_get(\"%s\", \"%s\") = \"%s\", want NULL", shown,
                 name, got);
    if (want != NULL && got == NULL)
        fail_msg("cookie_get(\"%s\", \"%s\") = NULL, want \"%s\"", shown,
                 name, want);
    if (want != NULL && strcmp(got, want) != 0)
        fail_msg("cookie_get(\"%s\", \"%s\") = \"%s\", want \"%s\"", shown,
                 name, got, want);
}

/* ------------------------------------------------------------ cookie_get */

static void get_finds_each_cookie(void **state) {
    const char *h = "a=1; sid=abc; b=2";
    get_is(*state, h, "a", "1");
    get_is(*state, h, "sid", "abc");
    get_is(*state, h, "b", "2");
    get_is(*state, h, "c", NULL);
    get_is(*state, "only=x", "only", "x");
}

static void get_missing_and_null(void **state) {
    get_is(*state, NULL, "sid", NULL);
    get_is(*state, "", "sid", NULL);
    get_is(*state, ";;;", "sid", NULL);
    get_is(*state, "sid=1", "", NULL);
    get_is(*state, "=1", "", NULL);
    assert_null(cookie_get(*state, "sid=1", NULL));
}

static void get_matches_whole_names_only(void **state) {
    const char *h = "xsid=1; sid2=2; SID=3; sid=4";
    get_is(*state, h, "sid", "4");
    get_is(*state, h, "si", NULL);
    get_is(*state, h, "sid2", "2");
    get_is(*state, h, "Sid", NULL);
    get_is(*state, "a=sid=5", "sid", NULL);
}

static void get_trims_whitespace(void **state) {
    get_is(*state, "  sid  =  v w  ;x=1", "sid", "v w");
    get_is(*state, "a=1;\tsid=\tv\t", "sid", "v");
    get_is(*state, "a=1;sid=v", "sid", "v");
    get_is(*state, "sid=", "sid", "");
    get_is(*state, "sid=   ; a=1", "sid", "");
}

static void get_unquotes_once(void **state) {
    get_is(*state, "sid=\"abc\"", "sid", "abc");
    get_is(*state, "sid=\"\"", "sid", "");
    get_is(*state, "sid=\"\"x\"\"", "sid", "\"x\"");
    get_is(*state, "sid=\"", "sid", "\"");
    get_is(*state, "sid=\"abc", "sid", "\"abc");
}

static void get_first_wins_and_skips_junk(void **state) {
    get_is(*state, "sid=first; sid=second", "sid", "first");
    get_is(*state, "junk; sid=v", "sid", "v");
    get_is(*state, "sid; sid=v", "sid", "v");
    get_is(*state, "t=a=b", "t", "a=b");
}

static void get_copies_into_arena(void **state) {
    char h[] = "sid=abc";
    const char *v = cookie_get(*state, h, "sid");
    h[4] = 'X';
    assert_string_equal(v, "abc");
}

/* ---------------------------------------------------- cookie_set_header */

static void set_header_forms(void **state) {
    arena_t *a = *state;
    assert_string_equal(cookie_set_header(a, "sid", "abc", 3600, true, true),
                        "sid=abc; Path=/; Max-Age=3600; SameSite=Lax; "
                        "HttpOnly; Secure");
    assert_string_equal(cookie_set_header(a, "sid", "abc", 3600, true, false),
                        "sid=abc; Path=/; Max-Age=3600; SameSite=Lax; "
                        "HttpOnly");
    assert_string_equal(cookie_set_header(a, "n", "v", 60, false, true),
                        "n=v; Path=/; Max-Age=60; SameSite=Lax; Secure");
    assert_string_equal(cookie_set_header(a, "n", "v", 60, false, false),
                        "n=v; Path=/; Max-Age=60; SameSite=Lax");
}

static void set_header_session_and_delete(void **state) {
    arena_t *a = *state;
    assert_string_equal(cookie_set_header(a, "s", "1", -1, true, false),
                        "s=1; Path=/; SameSite=Lax; HttpOnly");
    assert_string_equal(cookie_set_header(a, "s", "1", -86400, false, false),
                        "s=1; Path=/; SameSite=Lax");
    assert_string_equal(cookie_set_header(a, "s", "", 0, true, true),
                        "s=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly; "
                        "Secure");
    assert_string_equal(cookie_set_header(a, "s", "1", 400L * 86400, false,
                                          false),
                        "s=1; Path=/; Max-Age=34560000; SameSite=Lax");
}

static void set_header_refuses_unsafe_names(void **state) {
    static const char *const bad[] = {
        "", "a b", "a;b", "a=b", "a,b", "a\r\nSet-Cookie: x", "a\"", "(a)",
        "a/b", "a:b", "caf\xC3\xA9", "a\tb", "@",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (cookie_set_header(*state, bad[i], "v", 1, true, true) != NULL)
            fail_msg("accepted name #%zu", i);
    assert_null(cookie_set_header(*state, NULL, "v", 1, true, true));
    assert_non_null(cookie_set_header(*state, "__Host-a.b_c~!#$%&'*+^`|",
                                      "v", 1, true, true));
}

static void set_header_refuses_unsafe_values(void **state) {
    static const char *const bad[] = {
        "a;b", "a b", "a,b", "a\"b", "a\\b", "a\r\nX-Evil: 1", "\n",
        "caf\xC3\xA9", "\x7f", "1; Domain=evil.example",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (cookie_set_header(*state, "n", bad[i], 1, true, true) != NULL)
            fail_msg("accepted value #%zu", i);
    assert_null(cookie_set_header(*state, "n", NULL, 1, true, true));
    assert_non_null(cookie_set_header(*state, "n", "%41=b/c:d", 1, true, true));
}

/* ----------------------------------------------- cookie_encode / decode */

static void encode_escapes_outside_cookie_octet(void **state) {
    arena_t *a = *state;
    assert_string_equal(cookie_encode(a, ""), "");
    assert_string_equal(cookie_encode(a, "plain-text_1.2"), "plain-text_1.2");
    assert_string_equal(cookie_encode(a, "Ana L\xC3\xB3pez; 100%, \"ok\"\\"),
                        "Ana%20L%C3%B3pez%3B%20100%25%2C%20%22ok%22%5C");
    assert_string_equal(cookie_encode(a, "https://x.example/?a=b&c=d#f"),
                        "https://x.example/?a=b&c=d#f");
    assert_string_equal(cookie_encode(a, "\r\n\t\x7f"), "%0D%0A%09%7F");
}

static void encode_output_is_always_cookie_safe(void **state) {
    arena_t *a = *state;
    char all[256];
    for (int i = 1; i < 256; i++) all[i - 1] = (char)i;
    all[255] = '\0';
    const char *e = cookie_encode(a, all);
    for (const char *p = e; *p; p++)
        if (!cookie_octet((unsigned char)*p))
            fail_msg("byte 0x%02x in encoded output", (unsigned char)*p);
    assert_non_null(cookie_set_header(a, "n", e, -1, false, false));
}

static void round_trips_text(void **state) {
    arena_t *a = *state;
    static const char *const texts[] = {
        "", "a", "%", "%%41", "Ana L\xC3\xB3pez",
        "\xE2\x80\x99 quotes \xE2\x80\x9D",
        "\xF0\x9F\x98\x80 emoji", "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",
        "line\r\nbreak", "semi;colon, comma \"dq\" back\\slash",
        "https://ana.example/path?q=1&r=%20",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char *d = cookie_decode(a, cookie_encode(a, texts[i]));
        if (d == NULL || strcmp(d, texts[i]) != 0)
            fail_msg("round trip of #%zu gave %s", i, d ? d : "NULL");
    }
    char ascii[128];
    for (int i = 1; i < 128; i++) ascii[i - 1] = (char)i;
    ascii[127] = '\0';
    assert_string_equal(cookie_decode(a, cookie_encode(a, ascii)), ascii);
}

static void decode_accepts_lower_case_and_raw_octets(void **state) {
    arena_t *a = *state;
    assert_string_equal(cookie_decode(a, "J%c3%bcrgen"), "J\xC3\xBCrgen");
    assert_string_equal(cookie_decode(a, "%41b%2fc"), "Ab/c");
    assert_string_equal(cookie_decode(a, "a=b&c"), "a=b&c");
    assert_string_equal(cookie_decode(a, ""), "");
}

static void decode_rejects_malformed(void **state) {
    static const char *const bad[] = {
        "%", "%4", "a%", "%zz", "%G0", "%0G", "%%", "%-1",
        "a b", "a;b", "a,b", "a\"b", "a\\b", "a\tb", "\x7f", "caf\xC3\xA9",
        "%00", "a%00b",                     /* NUL */
        "%FF", "%C3", "%C3%28", "%ED%A0%80", "%C0%80",   /* bad UTF-8 */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *d = cookie_decode(*state, bad[i]);
        if (d != NULL) fail_msg("decoded bad #%zu (\"%s\")", i, bad[i]);
    }
}

static void get_then_decode(void **state) {
    arena_t *a = *state;
    const char *h = "gazette_author=Ana%20L%C3%B3pez; other=1";
    assert_string_equal(cookie_decode(a, cookie_get(a, h, "gazette_author")),
                        "Ana L\xC3\xB3pez");
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(get_finds_each_cookie),
        T(get_missing_and_null),
        T(get_matches_whole_names_only),
        T(get_trims_whitespace),
        T(get_unquotes_once),
        T(get_first_wins_and_skips_junk),
        T(get_copies_into_arena),
        T(set_header_forms),
        T(set_header_session_and_delete),
        T(set_header_refuses_unsafe_names),
        T(set_header_refuses_unsafe_values),
        T(encode_escapes_outside_cookie_octet),
        T(encode_output_is_always_cookie_safe),
        T(round_trips_text),
        T(decode_accepts_lower_case_and_raw_octets),
        T(decode_rejects_malformed),
        T(get_then_decode),
    };
    return cmocka_run_group_tests_name("cookie", tests, NULL, NULL);
}
