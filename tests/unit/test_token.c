/*
** test_token.c — unit tests for token.c: signed, expiring tokens.
**
** The known-answer tests pin the exact wire format and key derivation
** against values computed outside libsodium (Python's hashlib and hmac,
** following the recipe in token.c's header comment), so a change that
** silently invalidates every token in the field fails here.  The rest
** try to break tokens: every single-character edit, re-signed times,
** other keys, purposes and subjects, and garbage of every shape.
**
** Every test gets a fresh arena from unit_arena_setup() and loses it in
** unit_arena_teardown() (unit.h).
** main() calls sodium_init() as the program does at start.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "token.h"
#include "unit.h"

#define NOW 1700000000LL
#define DAY 86400LL
#define B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING
#define B64_ALPHABET \
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/* Known answers, computed with Python's hashlib and hmac for the key
** 00..1f at NOW: ("csrf", "session:abc") and ("held", payload "12,15"). */
#define CSRF_TOKEN "AAAAAGVT8QBvFs1mWzsomsL5ryieM_1_RDB4Qe3UukADIKQZkCAk7Q"
#define HELD_TOKEN \
    "AAAAAGVT8QDXTqDPSMpINn5z_e91hod70Wpk3TsUZQGgJBTSeUMTGzEyLDE1"

/* The site key 00 01 02 ... 1f, and another. */
static unsigned char key[TOKEN_KEY_BYTES], other_key[TOKEN_KEY_BYTES];

static int check(const char *purpose, const char *subject, const char *t,
                 long long now, long long max_age) {
    return token_check(key, purpose, subject, t, now, max_age, NULL);
}

static int open_p(arena_t *a, const char *purpose, const char *t,
                  long long now, long long max_age, const char **payload) {
    return token_open_payload(a, key, purpose, t, now, max_age, payload);
}

/* ------------------------------------------------------- subject tokens */

static void known_answer(void **state) {
    const char *t = token_make(*state, key, "csrf", "session:abc", NOW);
    assert_string_equal(t, CSRF_TOKEN);
}

static void round_trip(void **state) {
    const char *t = token_make(*state, key, "csrf", "session:abc", NOW);
    long long issued = 0;
    assert_int_equal(strlen(t), 54);
    assert_int_equal(strspn(t, B64_ALPHABET), 54);
    assert_int_equal(token_check(key, "csrf", "session:abc", t, NOW + 10, DAY,
                                 &issued), 0);
    assert_int_equal(issued, NOW);
    /* deterministic: same inputs, same token */
    assert_string_equal(t, token_make(*state, key, "csrf", "session:abc", NOW));
    /* an empty subject is a subject */
    t = token_make(*state, key, "form", "", NOW);
    assert_int_equal(check("form", "", t, NOW, DAY), 0);
    assert_int_equal(check("form", " ", t, NOW, DAY), -1);
}

static void other_purpose_subject_or_key_fail(void **state) {
    const char *t = token_make(*state, key, "csrf", "article:42", NOW);
    assert_int_equal(check("csrf", "article:42", t, NOW, DAY), 0);
    assert_int_equal(check("csrF", "article:42", t, NOW, DAY), -1);
    assert_int_equal(check("csrf2", "article:42", t, NOW, DAY), -1);
    assert_int_equal(check("comment-form", "article:42", t, NOW, DAY), -1);
    assert_int_equal(check("csrf", "article:43", t, NOW, DAY), -1);
    assert_int_equal(check("csrf", "article:4", t, NOW, DAY), -1);
    assert_int_equal(check("csrf", "article:42 ", t, NOW, DAY), -1);
    assert_int_equal(check("csrf", "", t, NOW, DAY), -1);
    assert_int_equal(token_check(other_key, "csrf", "article:42", t, NOW, DAY,
                                 NULL), -1);
}

static void fields_do_not_run_together(void **state) {
    /* ("a", "bc") and ("ab", "c") must not share a MAC */
    const char *t = token_make(*state, key, "a", "bc", NOW);
    assert_int_equal(check("ab", "c", t, NOW, DAY), -1);
    assert_string_not_equal(t, token_make(*state, key, "ab", "c", NOW));
}

static void every_single_character_edit_fails(void **state) {
    const char *t = token_make(*state, key, "csrf", "s", NOW);
    char edited[64];
    /* every other byte, high ones included, at every position */
    for (size_t i = 0; i < strlen(t); i++) {
        for (int c = 1; c < 256; c++) {
            if (c == (unsigned char)t[i]) continue;
            strcpy(edited, t);
            edited[i] = (char)c;
            if (check("csrf", "s", edited, NOW, DAY) == 0)
                fail_msg("edit at %zu to 0x%02x accepted", i, c);
        }
    }
    /* dropped, doubled or appended characters */
    strcpy(edited, t);
    edited[53] = '\0';
    assert_int_equal(check("csrf", "s", edited, NOW, DAY), -1);
    snprintf(edited, sizeof edited, "%sA", t);
    assert_int_equal(check("csrf", "s", edited, NOW, DAY), -1);
    snprintf(edited, sizeof edited, "%s=", t);
    assert_int_equal(check("csrf", "s", edited, NOW, DAY), -1);
    snprintf(edited, sizeof edited, "%s\n", t);
    assert_int_equal(check("csrf", "s", edited, NOW, DAY), -1);
    snprintf(edited, sizeof edited, " %s", t);
    assert_int_equal(check("csrf", "s", edited, NOW, DAY), -1);
}

/* t with its issue time replaced by issued_at, the MAC kept. */
static char *retime(arena_t *a, const char *t, long long issued_at) {
    unsigned char bin[64];
    size_t len;
    assert_int_equal(sodium_base642bin(bin, sizeof bin, t, strlen(t), NULL,
                                       &len, NULL, B64), 0);
    for (int i = 7; i >= 0; i--, issued_at >>= 8)
        bin[i] = (unsigned char)(issued_at & 0xff);
    size_t n = sodium_base64_ENCODED_LEN(len, B64);
    char *out = arena_alloc(a, n);
    sodium_bin2base64(out, n, bin, len, B64);
    return out;
}

static void high_bytes_do_not_alias_base64(void **state) {
    /* libsodium 1.0.18 decodes 0xDF as '_' and 0xAD as '-' */
    char t[64];
    assert_int_equal(check("csrf", "session:abc", CSRF_TOKEN, NOW, DAY), 0);
    strcpy(t, CSRF_TOKEN);
    t[31] = '\xDF';                          /* was '_' */
    assert_int_equal(check("csrf", "session:abc", t, NOW, DAY), -1);
    strcpy(t, CSRF_TOKEN);
    t[29] = '\xDF';                          /* was '_' */
    assert_int_equal(check("csrf", "session:abc", t, NOW, DAY), -1);
    const char *p = token_make_payload(*state, key, "held", "1", NOW), *got;
    char edited[128];
    strcpy(edited, p);
    for (char *c = edited; *c; c++) {
        if (*c == '_') *c = '\xDF';
        if (*c == '-') *c = '\xAD';
    }
    if (strcmp(edited, p) != 0)
        assert_int_equal(open_p(*state, "held", edited, NOW, DAY, &got), -1);
}

static void tampered_time_fails(void **state) {
    arena_t *a = *state;
    const char *t = token_make(a, key, "csrf", "s", NOW - 2 * DAY);
    assert_int_equal(check("csrf", "s", t, NOW, DAY), -1);       /* expired */
    /* pushing the time forward to make it fresh breaks the MAC */
    assert_int_equal(check("csrf", "s", retime(a, t, NOW), NOW, DAY), -1);
    assert_int_equal(check("csrf", "s", retime(a, t, NOW - 2 * DAY + 1), NOW,
                           3 * DAY), -1);
    /* and retime with the same time is the same token */
    assert_string_equal(retime(a, t, NOW - 2 * DAY), t);
}

static void expiry_boundaries(void **state) {
    const char *t = token_make(*state, key, "csrf", "s", NOW);
    assert_int_equal(check("csrf", "s", t, NOW + DAY, DAY), 0);
    assert_int_equal(check("csrf", "s", t, NOW + DAY + 1, DAY), -1);
    assert_int_equal(check("csrf", "s", t, NOW, 0), 0);
    assert_int_equal(check("csrf", "s", t, NOW + 1, 0), -1);
    assert_int_equal(check("csrf", "s", t, NOW, -1), -1);
    assert_int_equal(check("csrf", "s", t, LLONG_MAX, LLONG_MAX), 0);
    assert_int_equal(check("csrf", "s", t, LLONG_MAX, DAY), -1);
}

static void future_boundaries(void **state) {
    const char *t = token_make(*state, key, "csrf", "s", NOW + 60);
    assert_int_equal(check("csrf", "s", t, NOW, DAY), 0);
    t = token_make(*state, key, "csrf", "s", NOW + 61);
    assert_int_equal(check("csrf", "s", t, NOW, DAY), -1);
    assert_int_equal(check("csrf", "s", t, NOW + 1, DAY), 0);
    t = token_make(*state, key, "csrf", "s", NOW + 10 * DAY);
    assert_int_equal(check("csrf", "s", t, NOW, 100 * DAY), -1);
    assert_int_equal(check("csrf", "s", t, LLONG_MIN, LLONG_MAX), -1);
}

static void extreme_times_do_not_overflow(void **state) {
    static const long long times[] = {LLONG_MIN, LLONG_MIN + 1, -1, 0, 1,
                                      LLONG_MAX - 1, LLONG_MAX};
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        const char *t = token_make(*state, key, "p", "s", times[i]);
        long long got = 0;
        assert_int_equal(token_check(key, "p", "s", t, times[i], 0, &got), 0);
        assert_true(got == times[i]);
        for (size_t j = 0; j < sizeof times / sizeof times[0]; j++)
            (void)check("p", "s", t, times[j], LLONG_MAX);
    }
    const char *t = token_make(*state, key, "p", "s", LLONG_MIN);
    assert_int_equal(check("p", "s", t, LLONG_MAX, LLONG_MAX), -1);
    t = token_make(*state, key, "p", "s", LLONG_MAX);
    assert_int_equal(check("p", "s", t, LLONG_MIN, LLONG_MAX), -1);
}

static void garbage_fails(void **state) {
    static const char *const bad[] = {
        "", "A", "=", "====", "!!!!", "not a token at all",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "AAAAAGVT8QBvFs1mWzsomsL5ryieM/1/RDB4Qe3UukADIKQZkCAk7Q",
        (CSRF_TOKEN "=="), (CSRF_TOKEN " "), (" " CSRF_TOKEN),
        "AAAAAGVT8QBvFs1mWzsomsL5ryieM_1_RDB4Qe3UukADIKQZkCAk7\xC3\xA9",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (check("csrf", "session:abc", bad[i], NOW, DAY) != -1)
            fail_msg("garbage #%zu accepted", i);
    assert_int_equal(check("csrf", "session:abc", NULL, NOW, DAY), -1);
    /* a megabyte of valid base64 characters */
    size_t n = 1 << 20;
    char *huge = arena_alloc(*state, n + 1);
    memset(huge, 'A', n);
    huge[n] = '\0';
    assert_int_equal(check("csrf", "session:abc", huge, NOW, DAY), -1);
}

static void bad_arguments(void **state) {
    assert_null(token_make(*state, key, NULL, "s", NOW));
    assert_null(token_make(*state, key, "", "s", NOW));
    assert_null(token_make(*state, key, "p", NULL, NOW));
    const char *t = token_make(*state, key, "p", "s", NOW);
    assert_int_equal(check(NULL, "s", t, NOW, DAY), -1);
    assert_int_equal(check("", "s", t, NOW, DAY), -1);
    assert_int_equal(check("p", NULL, t, NOW, DAY), -1);
    long long issued = 7;
    assert_int_equal(token_check(key, "p", "x", t, NOW, DAY, &issued), -1);
    assert_int_equal(issued, 7);        /* untouched on failure */
}

/* ------------------------------------------------------- payload tokens */

static void payload_known_answer(void **state) {
    assert_string_equal(token_make_payload(*state, key, "held", "12,15", NOW),
                        HELD_TOKEN);
}

static void payload_round_trip(void **state) {
    arena_t *a = *state;
    static const char *const payloads[] = {"", "7", "12,15", ",,", "0,1,2,3"};
    for (size_t i = 0; i < sizeof payloads / sizeof payloads[0]; i++) {
        const char *t = token_make_payload(a, key, "held", payloads[i], NOW);
        const char *got = NULL;
        assert_non_null(t);
        assert_int_equal(strspn(t, B64_ALPHABET), strlen(t));
        assert_int_equal(open_p(a, "held", t, NOW + 5, DAY, &got), 0);
        assert_string_equal(got, payloads[i]);
    }
}

static void payload_limits(void **state) {
    arena_t *a = *state;
    char big[TOKEN_PAYLOAD_MAX + 2];
    memset(big, '9', sizeof big - 1);
    big[TOKEN_PAYLOAD_MAX] = '\0';
    const char *t = token_make_payload(a, key, "held", big, NOW), *got;
    assert_non_null(t);
    assert_int_equal(open_p(a, "held", t, NOW, DAY, &got), 0);
    assert_string_equal(got, big);
    big[TOKEN_PAYLOAD_MAX] = '9';
    big[TOKEN_PAYLOAD_MAX + 1] = '\0';
    assert_null(token_make_payload(a, key, "held", big, NOW));
}

static void payload_rejects_other_characters(void **state) {
    static const char *const bad[] = {
        "1;2", "a", " 1", "1 ", "1\n", "-1", "1.5", "12,15;Domain=x",
        "\xC3\xA9",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (token_make_payload(*state, key, "held", bad[i], NOW) != NULL)
            fail_msg("payload #%zu accepted", i);
    assert_null(token_make_payload(*state, key, "held", NULL, NOW));
    assert_null(token_make_payload(*state, key, "", "1", NOW));
    assert_null(token_make_payload(*state, key, NULL, "1", NOW));
}

static void payload_tampering_fails(void **state) {
    arena_t *a = *state;
    const char *t = token_make_payload(a, key, "held", "12,15", NOW), *got;
    char edited[128];
    for (size_t i = 0; i < strlen(t); i++) {
        strcpy(edited, t);
        for (int c = 1; c < 256; c++) {
            if (c == (unsigned char)t[i]) continue;
            edited[i] = (char)c;
            got = "x";
            if (open_p(a, "held", edited, NOW, DAY, &got) == 0)
                fail_msg("edit at %zu to 0x%02x accepted", i, c);
            assert_null(got);
        }
    }
    /* a longer payload under the old MAC */
    snprintf(edited, sizeof edited, "%sMQ", t);
    assert_int_equal(open_p(a, "held", edited, NOW, DAY, &got), -1);
    assert_int_equal(open_p(a, "held", retime(a, t, NOW + 1), NOW, DAY, &got),
                     -1);
}

static void payload_other_purpose_key_or_time_fails(void **state) {
    arena_t *a = *state;
    const char *t = token_make_payload(a, key, "held", "3", NOW), *got;
    assert_int_equal(open_p(a, "held", t, NOW + DAY, DAY, &got), 0);
    assert_int_equal(open_p(a, "held", t, NOW + DAY + 1, DAY, &got), -1);
    assert_null(got);
    assert_int_equal(open_p(a, "held", t, NOW - 61, DAY, &got), -1);
    assert_int_equal(open_p(a, "held", t, NOW, -1, &got), -1);
    assert_int_equal(open_p(a, "Held", t, NOW, DAY, &got), -1);
    assert_int_equal(open_p(a, "", t, NOW, DAY, &got), -1);
    assert_int_equal(open_p(a, NULL, t, NOW, DAY, &got), -1);
    assert_int_equal(token_open_payload(a, other_key, "held", t, NOW, DAY,
                                        &got), -1);
}

static void payload_and_subject_tokens_do_not_mix(void **state) {
    arena_t *a = *state;
    const char *got;
    /* with an empty payload and subject the two have the same length */
    const char *p = token_make_payload(a, key, "x", "", NOW);
    const char *s = token_make(a, key, "x", "", NOW);
    assert_int_equal(strlen(p), strlen(s));
    assert_int_equal(check("x", "", p, NOW, DAY), -1);
    assert_int_equal(open_p(a, "x", s, NOW, DAY, &got), -1);
    p = token_make_payload(a, key, "x", "12", NOW);
    s = token_make(a, key, "x", "12", NOW);
    assert_int_equal(check("x", "12", p, NOW, DAY), -1);
    assert_int_equal(open_p(a, "x", s, NOW, DAY, &got), -1);
}

static void payload_garbage_fails(void **state) {
    arena_t *a = *state;
    static const char *const bad[] = {
        "", "A", "AAAA", "!!", (HELD_TOKEN "="), (HELD_TOKEN "A"),
    };
    const char *got;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (open_p(a, "held", bad[i], NOW, DAY, &got) != -1)
            fail_msg("garbage #%zu accepted", i);
    assert_int_equal(open_p(a, "held", NULL, NOW, DAY, &got), -1);
    size_t n = 1 << 20;
    char *huge = arena_alloc(a, n + 1);
    memset(huge, 'A', n);
    huge[n] = '\0';
    assert_int_equal(open_p(a, "held", huge, NOW, DAY, &got), -1);
    /* just over the longest possible token */
    huge[1420] = '\0';
    assert_int_equal(open_p(a, "held", huge, NOW, DAY, &got), -1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    if (sodium_init() < 0) return 1;
    for (int i = 0; i < TOKEN_KEY_BYTES; i++) {
        key[i] = (unsigned char)i;
        other_key[i] = (unsigned char)(i + 1);
    }
    const struct CMUnitTest tests[] = {
        T(known_answer),
        T(round_trip),
        T(other_purpose_subject_or_key_fail),
        T(fields_do_not_run_together),
        T(every_single_character_edit_fails),
        T(high_bytes_do_not_alias_base64),
        T(tampered_time_fails),
        T(expiry_boundaries),
        T(future_boundaries),
        T(extreme_times_do_not_overflow),
        T(garbage_fails),
        T(bad_arguments),
        T(payload_known_answer),
        T(payload_round_trip),
        T(payload_limits),
        T(payload_rejects_other_characters),
        T(payload_tampering_fails),
        T(payload_other_purpose_key_or_time_fails),
        T(payload_and_subject_tokens_do_not_mix),
        T(payload_garbage_fails),
    };
    return cmocka_run_group_tests_name("token", tests, NULL, NULL);
}
