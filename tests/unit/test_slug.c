/*
** test_slug.c — unit tests for slug.c: headlines and names into slugs,
** transliteration, other scripts, the length cap.
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

#include "buf.h"
#include "slug.h"
#include "unit.h"
#include "utf8.h"

static void slug_is(arena_t *a, const char *in, const char *want) {
    char *got = slug_make(a, in);
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

static void slugify_latin1_signs_separate(void **state) {
    /* ª µ º are letters to word.h, but a slug spells Latin-1 in ASCII or
    ** not at all: they separate, as they always have */
    slug_is(*state, "1\xC2\xAA Divisi\xC3\xB3n", "1-division");
    slug_is(*state, "5\xC2\xB5m", "5-m");
    slug_is(*state, "n\xC2\xBA" "7", "n-7");
    /* the modifier primes separate; ʼ joins like ' */
    slug_is(*state, "Hawai\xCA\xBBi", "hawai-i");
    slug_is(*state, "Hawai\xCA\xBCi", "hawaii");
}

static void slugify_empty_and_invalid(void **state) {
    slug_is(*state, "", "untitled");
    slug_is(*state, "!!! ??? ...", "untitled");
    slug_is(*state, "ab\xFF" "cd", "ab-cd");
    slug_is(*state, "ab\xE2\x80" "cd", "ab-cd");
}

static void assert_good_slug(const char *s) {
    size_t n = strlen(s);
    assert_true(n > 0 && n <= SLUG_MAX);
    assert_true(s[0] != '-' && s[n - 1] != '-');
    assert_null(strstr(s, "--"));
    assert_true(utf8_valid(s, n));
}

static void slugify_caps_at_word_boundary(void **state) {
    arena_t *a = *state;
    /* nine 8-letter words and their dashes make exactly 80 bytes */
    buf_t in = BUF_INIT;
    for (int i = 0; i < 30; i++) buf_puts(&in, "abcdefgh ");
    char *s = slug_make(a, in.data);
    buf_free(&in);
    assert_good_slug(s);
    assert_int_equal(strlen(s), 80);
    assert_int_equal(unit_count(s, "abcdefgh"), 9);

    /* a word that would straddle the cap is dropped whole */
    char long_in[128];
    memset(long_in, 'a', 70);
    long_in[70] = ' ';
    memset(long_in + 71, 'b', 20);
    long_in[91] = '\0';
    s = slug_make(a, long_in);
    assert_good_slug(s);
    assert_int_equal(strlen(s), 70);
    assert_null(strchr(s, 'b'));
}

static void slugify_caps_one_long_word(void **state) {
    arena_t *a = *state;
    char in[101];
    memset(in, 'X', 100);
    in[100] = '\0';
    char *s = slug_make(a, in);
    assert_good_slug(s);
    assert_int_equal(strlen(s), 80);
    assert_int_equal(s[0], 'x');

    /* 30 three-byte ideographs: 26 fit (78 bytes), none is split */
    buf_t b = BUF_INIT;
    for (int i = 0; i < 30; i++) buf_puts(&b, "\xE6\x9D\xB1");
    s = slug_make(a, b.data);
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
        assert_good_slug(slug_make(a, b.data));
        buf_free(&b);
    }
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(slugify_headline),
        T(slugify_drops_apostrophes),
        T(slugify_punctuation_and_space),
        T(slugify_transliterates_latin),
        T(slugify_keeps_other_scripts),
        T(slugify_latin1_signs_separate),
        T(slugify_empty_and_invalid),
        T(slugify_caps_at_word_boundary),
        T(slugify_caps_one_long_word),
        T(slugify_cap_never_leaves_trailing_dash),
    };
    return cmocka_run_group_tests_name("slug", tests, NULL, NULL);
}
