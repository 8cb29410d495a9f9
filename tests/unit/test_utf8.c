/*
** test_utf8.c — unit tests for utf8.c: strict validation, the longest
** valid prefix, decoding and encoding, cutting at a character boundary.
**
** Every test gets a fresh arena from unit_arena_setup() and loses it in
** unit_arena_teardown() (unit.h), which cmocka runs even when an assertion
** fails, so a failing test does not also leak.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "unit.h"
#include "utf8.h"

static void utf8_accepts_valid(void **state) {
    (void)state;
    static const char *const ok[] = {
        "", "plain ASCII", "caf\xC3\xA9", "Netanyahu\xE2\x80\x99s",
        "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF", "\xEF\xBF\xBF",
        "\xED\x9F\xBF", "\xEE\x80\x80", "\xC2\x80", "\xE0\xA0\x80",
        "\xF0\x90\x80\x80",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_true(utf8_valid(ok[i], strlen(ok[i])));
    assert_true(utf8_valid("a\0b", 3));       /* NUL is U+0000 */
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
        if (utf8_valid(bad[i], strlen(bad[i])))
            fail_msg("accepted invalid sequence #%zu", i);
    }
}

static void utf8_valid_prefix_stops_at_first_bad_byte(void **state) {
    (void)state;
    assert_int_equal(utf8_valid_prefix("ab\xE2\x80", 4), 2);
    assert_int_equal(utf8_valid_prefix("\xC3\xA9\x80x", 4), 2);
    assert_int_equal(utf8_valid_prefix("abc", 3), 3);
    assert_int_equal(utf8_valid_prefix("\xFF", 1), 0);
    /* len is respected: a sequence cut by len is not valid */
    assert_int_equal(utf8_valid_prefix("\xC3\xA9", 1), 0);
}

static void utf8_decode_encode_round_trip(void **state) {
    (void)state;
    static const uint32_t cps[] = {0, 0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800,
                                   0x2019, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
                                   0x10000, 0x1F600, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char u[4];
        uint32_t back = 0xFFFFFFFF;
        size_t n = utf8_encode(cps[i], u);
        assert_int_equal(n, cps[i] < 0x80 ? 1 : cps[i] < 0x800 ? 2
                            : cps[i] < 0x10000 ? 3 : 4);
        assert_int_equal(utf8_decode((const unsigned char *)u, n, &back), n);
        assert_int_equal(back, cps[i]);
        /* one byte short is not a code point */
        if (n > 1) assert_int_equal(utf8_decode((const unsigned char *)u, n - 1, &back), 0);
    }
    uint32_t cp;
    assert_int_equal(utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp), 0);
    assert_int_equal(utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp), 0);
}

static void utf8_boundary_never_splits_a_character(void **state) {
    (void)state;
    const char *s = "a\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80z";  /* a é ’ 😀 z */
    static const size_t want[] = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 11};
    for (size_t n = 0; n < sizeof want / sizeof want[0]; n++)
        if (utf8_boundary(s, n) != want[n])
            fail_msg("utf8_boundary(s, %zu) = %zu, want %zu", n,
                     utf8_boundary(s, n), want[n]);
}

/* What a page echoes of a reader's text (comment_view.c): found by
** fuzz_request, whose comment form showed bytes that were not UTF-8 in a
** page that says charset=utf-8. */
static void utf8_repair_replaces_each_bad_byte(void **state) {
    arena_t *a = *state;
    assert_string_equal(utf8_repair(a, "bad\xFF\xFE bytes", 11), "bad\uFFFD\uFFFD bytes");
    assert_string_equal(utf8_repair(a, "caf\xC3\xA9 \xE2\x80", 8), "caf\u00E9 \uFFFD\uFFFD");
    assert_string_equal(utf8_repair(a, "\xED\xA0\x80", 3), "\uFFFD\uFFFD\uFFFD");
    assert_string_equal(utf8_repair(a, "", 0), "");
    const char valid[] = "Мы тоже ждём автобус. مرحبا ’ 📰";
    char *same = utf8_repair(a, valid, sizeof valid - 1);
    assert_string_equal(same, valid);
    assert_true(utf8_valid(utf8_repair(a, "\xC0\xAF\xF5\x80", 4), 12));
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(utf8_accepts_valid),
        T(utf8_rejects_invalid),
        T(utf8_valid_prefix_stops_at_first_bad_byte),
        T(utf8_decode_encode_round_trip),
        T(utf8_boundary_never_splits_a_character),
        T(utf8_repair_replaces_each_bad_byte),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
