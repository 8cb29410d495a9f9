/*
** test_word.c — unit tests for word.c: which code points make words, and
** which are apostrophes.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "unit.h"
#include "word.h"

static void letters_and_digits_of_every_script(void **state) {
    (void)state;
    static const uint32_t yes[] = {
        'a', 'z', 'A', 'Z', '0', '9',
        0xAA, 0xB5, 0xBA,           /* ª µ º: letters */
        0xC0, 0xE9, 0xFF, 0x17F,    /* À é ÿ ſ */
        0x0301,                     /* combining acute: stays with its word */
        0x03B1, 0x0416,             /* α Ж */
        0x05D0, 0x0627, 0x0660,     /* א ا ٠ (Arabic-Indic zero) */
        0x0600, 0x060B,             /* Arabic number sign, Afghani sign */
        0x0915, 0x0E01,             /* क ก */
        0x3004, 0x3042, 0x4E2D, 0xAC00,   /* 〄 あ 中 가 */
        0x02BC,                     /* ʼ modifier letter apostrophe */
        0xFF21,                     /* Ａ fullwidth letter */
        0x10400, 0x20000,           /* Deseret, CJK extension B */
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!word_char(yes[i])) fail_msg("U+%04X is not a word character", yes[i]);
}

static void punctuation_symbols_spaces_and_the_rest(void **state) {
    (void)state;
    static const uint32_t no[] = {
        ' ', '\t', '\n', '-', '\'', '.', '@', '_', 0x7F, 0,
        0x80, 0xA0, 0xA9, 0xAB, 0xAD, 0xB7, 0xBF,   /* C1, NBSP, ©, «, SHY, ·, ¿ */
        0xD7, 0xF7,                 /* × ÷ */
        0x02B9, 0x02BB,             /* ʹ ʻ */
        0x037E, 0x05BE, 0x060C, 0x061F, 0x06D4, 0x0964,
        0x2003, 0x2014, 0x2018, 0x2019, 0x201C, 0x2026, 0x20AC, 0x2192,
        0x3000, 0x3001, 0x3002, 0x300C, 0x30FB,
        0xE000, 0xF8FF,             /* private use */
        0xFE50, 0xFEFF, 0xFF01, 0xFF0C, 0xFF1F, 0xFF3B, 0xFF5B, 0xFF61, 0xFFFD,
        0x1F600, 0x1F389,           /* 😀 🎉 */
        0xE0001, 0x10FFFF, 0x110000, 0xFFFFFFFF,
    };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (word_char(no[i])) fail_msg("U+%04X is a word character", no[i]);
}

static void apostrophes(void **state) {
    (void)state;
    assert_true(word_apostrophe('\''));
    assert_true(word_apostrophe(0x2019));
    assert_true(word_apostrophe(0x02BC));
    assert_false(word_apostrophe(0x2018));
    assert_false(word_apostrophe('`'));
    assert_false(word_apostrophe(0x02BB));
    assert_false(word_apostrophe('s'));
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(letters_and_digits_of_every_script),
        T(punctuation_symbols_spaces_and_the_rest),
        T(apostrophes),
    };
    return cmocka_run_group_tests_name("word", tests, NULL, NULL);
}
