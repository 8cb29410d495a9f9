/*
** test_identicon.c — unit tests for identicon.c: avatar keys that do not
** reveal the email, and the SVG drawn from a key.
**
** The known-answer test pins the key derivation against a value computed
** outside libsodium (Python's hashlib and hmac, following identicon.c's
** header comment): changing it would change every commenter's avatar.
** main() calls sodium_init() as the program does at start.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "identicon.h"

static unsigned char key[32], other_key[32];

#define EMAIL "reader@example.com"
/* MD5 of EMAIL, as Gravatar would put it in a URL (md5sum). */
#define EMAIL_MD5 "baa0f4114eafbdd39ce828d01b849ae6"

static void key_of(const unsigned char *k, const char *email,
                   char out[IDENTICON_KEY_HEX + 1]) {
    memset(out, 'X', IDENTICON_KEY_HEX + 1);
    identicon_key(k, email, out);
    assert_true(identicon_key_valid(out));
}

/* The SVG for hex as a heap string (free it). */
static char *svg_of(const char *hex, int size) {
    buf_t b = BUF_INIT;
    identicon_svg(&b, hex, size);
    return buf_detach(&b);
}

static bool has_prefix(const char *s, const char *p) {
    return strncmp(s, p, strlen(p)) == 0;
}

static bool has_suffix(const char *s, const char *p) {
    size_t n = strlen(s), m = strlen(p);
    return n >= m && strcmp(s + n - m, p) == 0;
}

/* ------------------------------------------------------------------ keys */

static void known_answer(void **state) {
    (void)state;
    char k[IDENTICON_KEY_HEX + 1];
    key_of(key, EMAIL, k);
    assert_string_equal(k, "b68d981fbced8202f75185b5b0b15a0d");
}

static void case_and_whitespace_do_not_matter(void **state) {
    (void)state;
    static const char *const same[] = {
        EMAIL, "Reader@Example.COM", "  reader@example.com",
        "reader@example.com\n",
        "\t READER@EXAMPLE.COM \r\n", "\vreader@example.com\f",
    };
    char want[IDENTICON_KEY_HEX + 1], got[IDENTICON_KEY_HEX + 1];
    key_of(key, EMAIL, want);
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        key_of(key, same[i], got);
        if (strcmp(got, want) != 0) fail_msg("spelling #%zu differs", i);
    }
}

static void different_emails_differ(void **state) {
    (void)state;
    static const char *const emails[] = {
        EMAIL, "reader@example.org", "reader2@example.com",
        "re ader@example.com",
        "", "r\xC3\xA9" "ader@example.com", "R\xC3\x89" "ADER@example.com",
    };
    char keys[7][IDENTICON_KEY_HEX + 1];
    for (size_t i = 0; i < 7; i++) key_of(key, emails[i], keys[i]);
    for (size_t i = 0; i < 7; i++)
        for (size_t j = i + 1; j < 7; j++)
            if (strcmp(keys[i], keys[j]) == 0)
                fail_msg("emails #%zu and #%zu share a key", i, j);
}

static void long_email_uses_every_byte(void **state) {
    (void)state;
    char a[300], b[300], ka[33], kb[33];
    memset(a, 'x', sizeof a - 1);
    a[sizeof a - 1] = '\0';
    memcpy(b, a, sizeof a);
    b[200] = 'y';                       /* past the first 64-byte chunk */
    key_of(key, a, ka);
    key_of(key, b, kb);
    assert_string_not_equal(ka, kb);
    b[200] = 'X';                       /* upper case folds, even there */
    key_of(key, b, kb);
    assert_string_equal(ka, kb);
}

static void null_email_is_empty(void **state) {
    (void)state;
    char a[33], b[33];
    key_of(key, NULL, a);
    key_of(key, "  ", b);
    assert_string_equal(a, b);
}

static void site_key_matters(void **state) {
    (void)state;
    char a[33], b[33];
    key_of(key, EMAIL, a);
    key_of(other_key, EMAIL, b);
    assert_string_not_equal(a, b);
}

/* The hex of the first 16 bytes of a digest. */
static void hex16(const unsigned char *digest, char out[33]) {
    sodium_bin2hex(out, 33, digest, 16);
}

static void key_is_no_plain_hash_of_the_email(void **state) {
    (void)state;
    static const char *const spellings[] = {EMAIL, "Reader@Example.COM",
                                            " reader@example.com "};
    char k[33], h[33];
    unsigned char d[crypto_hash_sha512_BYTES];
    key_of(key, EMAIL, k);
    assert_string_not_equal(k, EMAIL_MD5);
    for (size_t i = 0; i < 3; i++) {
        const unsigned char *e = (const unsigned char *)spellings[i];
        size_t n = strlen(spellings[i]);
        crypto_hash_sha256(d, e, n);
        hex16(d, h);
        assert_string_not_equal(k, h);
        crypto_hash_sha512(d, e, n);
        hex16(d, h);
        assert_string_not_equal(k, h);
        crypto_generichash(d, 32, e, n, NULL, 0);
        hex16(d, h);
        assert_string_not_equal(k, h);
        crypto_generichash(d, 16, e, n, NULL, 0);
        hex16(d, h);
        assert_string_not_equal(k, h);
    }
    /* nor the site key's hash, nor a MAC under the bare site key */
    crypto_auth(d, (const unsigned char *)EMAIL, strlen(EMAIL), key);
    hex16(d, h);
    assert_string_not_equal(k, h);
    crypto_generichash(d, 32, (const unsigned char *)EMAIL, strlen(EMAIL), key,
                       32);
    hex16(d, h);
    assert_string_not_equal(k, h);
}

static void key_validation(void **state) {
    (void)state;
    assert_true(identicon_key_valid("0123456789abcdef0123456789abcdef"));
    assert_false(identicon_key_valid(NULL));
    assert_false(identicon_key_valid(""));
    assert_false(identicon_key_valid("0123456789abcdef0123456789abcde"));
    assert_false(identicon_key_valid("0123456789abcdef0123456789abcdef0"));
    assert_false(identicon_key_valid("0123456789ABCDEF0123456789abcdef"));
    assert_false(identicon_key_valid("0123456789abcdeg0123456789abcdef"));
    assert_false(identicon_key_valid("0123456789abcdef0123456789abcde "));
    assert_false(identicon_key_valid("../../etc/passwd0123456789abcdef"));
    assert_false(identicon_key_valid(EMAIL_MD5 "\n"));
}

/* ------------------------------------------------------------------- SVG */

static void svg_is_well_formed_ish(void **state) {
    (void)state;
    char k[33];
    key_of(key, EMAIL, k);
    char *s = svg_of(k, 48);
    assert_true(has_prefix(s, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_true(has_suffix(s, "</svg>"));
    assert_non_null(strstr(s, "width=\"48\" height=\"48\""));
    assert_non_null(strstr(s, "<rect "));
    assert_non_null(strstr(s, "<path fill=\"#"));
    assert_null(strstr(s, "role="));
    assert_null(strstr(s, "example"));
    assert_null(strstr(s, k));
    /* tags balance: every '<' has its '>' and nothing else is markup */
    size_t lt = 0, gt = 0;
    for (const char *p = s; *p; p++) {
        lt += *p == '<';
        gt += *p == '>';
    }
    assert_int_equal(lt, gt);
    assert_int_equal(lt, 4);
    free(s);
}

static void svg_is_deterministic_and_differs_by_key(void **state) {
    (void)state;
    char a[33], b[33];
    key_of(key, EMAIL, a);
    key_of(key, "someone.else@example.net", b);
    char *s1 = svg_of(a, 64), *s2 = svg_of(a, 64), *s3 = svg_of(b, 64);
    assert_string_equal(s1, s2);
    assert_string_not_equal(s1, s3);
    free(s1);
    free(s2);
    free(s3);
}

static void svg_pattern_is_mirrored(void **state) {
    (void)state;
    /* bytes 0-1 = 0x0001: only cell (col 0, row 0), mirrored to col 4 */
    char *s = svg_of("0100000000000000000000000000000f", 32);
    assert_non_null(strstr(s, "d=\"M1 1h2v2h-2zM9 1h2v2h-2z\""));
    free(s);
    /* 0x0004: the middle column is not doubled */
    s = svg_of("0400000000000000000000000000000f", 32);
    assert_non_null(strstr(s, "d=\"M5 1h2v2h-2z\""));
    free(s);
    /* no bits at all still draws something */
    s = svg_of("00000000000000000000000000000000", 32);
    assert_non_null(strstr(s, "d=\"M5 1h2v2h-2zM5 3h2v2h-2zM5 5h2v2h-2z"
                              "M5 7h2v2h-2zM5 9h2v2h-2z\""));
    free(s);
}

/* The "#rrggbb" of the cells' <path> in an SVG. */
static void path_colour(const char *svg, char out[8]) {
    const char *p = strstr(svg, "<path fill=\"");
    assert_non_null(p);
    memcpy(out, p + strlen("<path fill=\""), 7);
    out[7] = '\0';
}

static void svg_colour_varies(void **state) {
    (void)state;
    char c1[8], c2[8];
    char *s1 = svg_of("ffff000000000000000000000000000f", 32);
    char *s2 = svg_of("ffff00b400000000000000000000000f", 32);
    path_colour(s1, c1);
    path_colour(s2, c2);
    assert_int_equal(c1[0], '#');
    assert_int_equal(strspn(c1 + 1, "0123456789abcdef"), 6);
    assert_string_not_equal(c1, c2);
    assert_string_not_equal(c1, "#f0f0f0");
    assert_non_null(strstr(s1, "fill=\"#f0f0f0\""));
    free(s1);
    free(s2);
}

static void svg_clamps_size_and_refuses_bad_keys(void **state) {
    (void)state;
    char *s = svg_of("0123456789abcdef0123456789abcdef", 0);
    assert_non_null(strstr(s, "width=\"16\""));
    free(s);
    s = svg_of("0123456789abcdef0123456789abcdef", 1 << 30);
    assert_non_null(strstr(s, "width=\"512\""));
    free(s);
    s = svg_of("\"><script>alert(1)</script>", 64);
    assert_null(strstr(s, "script"));
    assert_null(strstr(s, "<path"));
    assert_true(has_suffix(s, "</svg>"));
    free(s);
    s = svg_of(NULL, 64);
    assert_null(strstr(s, "<path"));
    free(s);
}

static void svg_appends(void **state) {
    (void)state;
    buf_t b = BUF_INIT;
    buf_puts(&b, "<!-- x -->");
    identicon_svg(&b, "0123456789abcdef0123456789abcdef", 20);
    assert_true(has_prefix(b.data, "<!-- x --><svg "));
    assert_int_equal(strlen(b.data), b.len);
    buf_free(&b);
}

int main(void) {
    if (sodium_init() < 0) return 1;
    for (int i = 0; i < 32; i++) {
        key[i] = (unsigned char)i;
        other_key[i] = (unsigned char)(255 - i);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_answer),
        cmocka_unit_test(case_and_whitespace_do_not_matter),
        cmocka_unit_test(different_emails_differ),
        cmocka_unit_test(long_email_uses_every_byte),
        cmocka_unit_test(null_email_is_empty),
        cmocka_unit_test(site_key_matters),
        cmocka_unit_test(key_is_no_plain_hash_of_the_email),
        cmocka_unit_test(key_validation),
        cmocka_unit_test(svg_is_well_formed_ish),
        cmocka_unit_test(svg_is_deterministic_and_differs_by_key),
        cmocka_unit_test(svg_pattern_is_mirrored),
        cmocka_unit_test(svg_colour_varies),
        cmocka_unit_test(svg_clamps_size_and_refuses_bad_keys),
        cmocka_unit_test(svg_appends),
    };
    return cmocka_run_group_tests_name("identicon", tests, NULL, NULL);
}
