/*
** test_percent.c — unit tests for percent.c: %XX and '+' decoding, the
** faults that refuse an input (bad escapes, NUL bytes) and which one is
** reported first, and that nothing past len is read.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "percent.h"
#include "unit.h"

/* Decode exactly the bytes of s (a heap copy without a terminator, so
** that ASan sees any read past len). */
static char *decode(arena_t *a, const char *s, size_t len, unsigned flags,
                    size_t *n, percent_error *why) {
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, s, len);
    char *d = percent_decode(a, copy, len, flags, n, why);
    free(copy);
    return d;
}

static void decodes_escapes_in_either_case(void **state) {
    arena_t *a = *state;
    size_t n = 99;
    char *d = decode(a, "caf%C3%a9%2Fx%2f%25", 19, 0, &n, NULL);
    assert_string_equal(d, "caf\xC3\xA9/x/%");
    assert_int_equal(n, 9);
    assert_string_equal(decode(a, "plain-text_1.2~", 15, 0, NULL, NULL),
                        "plain-text_1.2~");
    assert_string_equal(decode(a, "", 0, 0, &n, NULL), "");
    assert_int_equal(n, 0);
    /* raw bytes a browser would have encoded are taken as they are */
    assert_string_equal(decode(a, "a b\xC3\xA9", 5, 0, NULL, NULL), "a b\xC3\xA9");
}

static void plus_is_space_only_when_asked(void **state) {
    arena_t *a = *state;
    assert_string_equal(decode(a, "x+y%2B", 6, 0, NULL, NULL), "x+y+");
    assert_string_equal(decode(a, "x+y%2B", 6, PERCENT_PLUS_SPACE, NULL, NULL),
                        "x y+");
}

static void bad_escapes_refuse_the_input(void **state) {
    arena_t *a = *state;
    static const char *const bad[] = {"%", "%4", "a%4", "%4g", "%g4", "%%41",
                                      "ok%", "%+1", "% 1", "%\xC3\xA9"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        percent_error why = 0;
        if (decode(a, bad[i], strlen(bad[i]), PERCENT_PLUS_SPACE, NULL, &why) != NULL)
            fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(why, PERCENT_BAD_ESCAPE);
    }
    /* "%41" cut by len to "%4" is bad too */
    percent_error why = 0;
    assert_null(decode(a, "%41", 2, 0, NULL, &why));
    assert_int_equal(why, PERCENT_BAD_ESCAPE);
}

static void nul_bytes_refuse_the_input(void **state) {
    arena_t *a = *state;
    percent_error why = 0;
    assert_null(decode(a, "a%00b", 5, 0, NULL, &why));
    assert_int_equal(why, PERCENT_NUL);
    why = 0;
    assert_null(decode(a, "a\0b", 3, 0, NULL, &why));
    assert_int_equal(why, PERCENT_NUL);
    /* why may be NULL */
    assert_null(decode(a, "%00", 3, 0, NULL, NULL));
}

static void first_fault_is_reported(void **state) {
    arena_t *a = *state;
    percent_error why = 0;
    assert_null(decode(a, "%00%zz", 6, 0, NULL, &why));
    assert_int_equal(why, PERCENT_NUL);
    assert_null(decode(a, "%zz%00", 6, 0, NULL, &why));
    assert_int_equal(why, PERCENT_BAD_ESCAPE);
}

static void every_byte_round_trips(void **state) {
    arena_t *a = *state;
    static const char hex[] = "0123456789ABCDEF";
    for (int c = 1; c < 256; c++) {
        char in[3] = {'%', hex[c >> 4], hex[c & 15]};
        size_t n = 0;
        char *d = decode(a, in, 3, PERCENT_PLUS_SPACE, &n, NULL);
        assert_non_null(d);
        assert_int_equal(n, 1);
        assert_int_equal((unsigned char)d[0], c);
    }
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(decodes_escapes_in_either_case),
        T(plus_is_space_only_when_asked),
        T(bad_escapes_refuse_the_input),
        T(nul_bytes_refuse_the_input),
        T(first_fault_is_reported),
        T(every_byte_round_trips),
    };
    return cmocka_run_group_tests_name("percent", tests, NULL, NULL);
}
