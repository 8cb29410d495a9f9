/*
** slug.c — permalink slugs; see slug.h.
**
** A slug is built in a fixed buffer of SLUG_MAX bytes from "units": the
** lowercase ASCII for a letter or digit, the transliteration of a Latin
** letter with a diacritic (a 192-entry table for U+00C0-U+017F, "ss" for
** ß, "ae" for æ), or the UTF-8 of any other letter.  Everything else is a
** separator; apostrophes and combining marks are nothing at all, so
** "Netanyahu’s" stays one word.  A run of separators only sets a flag,
** and the '-' is written just before the next unit, which is why a slug
** can neither start nor end with '-'.  When the next unit does not fit the
** cut goes back to the last '-' if it falls inside a word, so a long
** headline loses whole words.  The input is read code point by code point
** through utf8_decode; an invalid byte separates.
*/
#include "slug.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* Lowercase ASCII transliterations of U+00C0-U+017F; NULL marks the two
** symbols in the range (× and ÷), which separate words. */
static const char *const latin_translit[192] = {
    /* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
                 "e", "e", "e", "e", "i", "i", "i", "i",
    /* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", NULL,
                 "o", "u", "u", "u", "u", "y", "th", "ss",
    /* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
                 "e", "e", "e", "e", "i", "i", "i", "i",
    /* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", NULL,
                 "o", "u", "u", "u", "u", "y", "th", "y",
    /* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c",
                 "c", "c", "c", "c", "c", "c", "d", "d",
    /* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e",
                 "e", "e", "e", "e", "g", "g", "g", "g",
    /* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h",
                 "i", "i", "i", "i", "i", "i", "i", "i",
    /* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k",
                 "k", "l", "l", "l", "l", "l", "l", "l",
    /* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n",
                 "n", "n", "n", "n", "o", "o", "o", "o",
    /* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r",
                 "r", "r", "s", "s", "s", "s", "s", "s",
    /* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t",
                 "u", "u", "u", "u", "u", "u", "u", "u",
    /* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y",
                 "y", "z", "z", "z", "z", "z", "z", "s",
};

/* Non-ASCII code points that separate words in a slug: punctuation,
** symbols, spaces, emoji, private use.  Anything not listed (and not an
** apostrophe, a combining mark or a Latin letter above) is kept. */
static const struct { uint32_t lo, hi; } slug_separators[] = {
    {0x0080, 0x00BF},   /* C1 controls, Latin-1 punctuation, NBSP, « » © */
    {0x02B9, 0x02BB},   /* modifier primes */
    {0x037E, 0x037E},   /* Greek question mark */
    {0x0387, 0x0387},   /* Greek ano teleia */
    {0x055A, 0x055F},   /* Armenian punctuation */
    {0x0589, 0x058A},
    {0x05BE, 0x05BE},   /* Hebrew maqaf */
    {0x05C0, 0x05C0}, {0x05C3, 0x05C3}, {0x05C6, 0x05C6},
    {0x05F3, 0x05F4},   /* Hebrew geresh, gershayim */
    {0x060C, 0x060D},   /* Arabic comma */
    {0x061B, 0x061F},   /* Arabic semicolon .. question mark */
    {0x066A, 0x066D},   /* Arabic percent .. five-pointed star */
    {0x06D4, 0x06D4},   /* Arabic full stop */
    {0x0964, 0x0965},   /* Devanagari danda */
    {0x2000, 0x2018},   /* spaces, dashes, ‘ (’ U+2019 is an apostrophe) */
    {0x201A, 0x2BFF},   /* quotes, bullets, …, currency, arrows, math, … */
    {0x2E00, 0x2E7F},   /* supplemental punctuation */
    {0x3000, 0x3003},   /* ideographic space, 、 。 */
    {0x3008, 0x3020},   /* CJK brackets */
    {0x30FB, 0x30FB},   /* katakana middle dot */
    {0xD800, 0xF8FF},   /* (surrogates never decode) private use */
    {0xFE10, 0xFE6F},   /* vertical, compatibility and small forms */
    {0xFEFF, 0xFEFF},   /* BOM / zero-width no-break space */
    {0xFF01, 0xFF0F}, {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65},
    {0xFFF0, 0xFFFF},   /* specials */
    {0x1F000, 0x1FAFF}, /* emoji, mahjong, playing cards, symbols */
    {0xE0000, 0x10FFFF},/* tags, variation selectors supplement, private */
};

static bool slug_is_separator(uint32_t cp) {
    size_t n = sizeof slug_separators / sizeof slug_separators[0];
    for (size_t i = 0; i < n; i++) {
        if (cp >= slug_separators[i].lo && cp <= slug_separators[i].hi)
            return true;
    }
    return false;
}

/* ' and ’ (and the modifier letter apostrophe ʼ) join the letters around
** them; combining marks (NFD accents, variation selectors, zero-width
** joiners) belong to the letter before them. */
static bool slug_is_silent(uint32_t cp) {
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC ||
           (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0x200B && cp <= 0x200D);
}

/* The trivially computable lowercase of Greek and Cyrillic capitals;
** other code points are returned unchanged. */
static uint32_t slug_lower_other(uint32_t cp) {
    if (cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2) return cp + 0x20;
    if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;
    if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;
    return cp;
}

typedef struct slug_builder {
    char out[SLUG_MAX + 1];
    size_t len;
    bool separate;      /* a separator was seen since the last unit */
    bool full;          /* a unit did not fit; ignore the rest */
} slug_builder;

/* Append one unit (n bytes), preceded by '-' if a separator is pending.
** Invariant: out never starts or ends with '-'. */
static void slug_put(slug_builder *g, const char *unit, size_t n) {
    if (g->full) return;
    size_t dash = g->separate && g->len > 0;
    if (g->len + dash + n > SLUG_MAX) {
        g->full = true;
        if (g->separate) return;            /* cut between words already */
        char *last = memrchr(g->out, '-', g->len);
        if (last != NULL) g->len = (size_t)(last - g->out);
        return;
    }
    if (dash) g->out[g->len++] = '-';
    memcpy(g->out + g->len, unit, n);
    g->len += n;
    g->separate = false;
}

/* Feed one code point to the slug. */
static void slug_code_point(slug_builder *g, uint32_t cp) {
    char u[4];
    if (slug_is_silent(cp)) return;
    if (cp < 0x80) {
        if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z')) {
            u[0] = (char)cp;
            slug_put(g, u, 1);
        } else if (cp >= 'A' && cp <= 'Z') {
            u[0] = (char)(cp - 'A' + 'a');
            slug_put(g, u, 1);
        } else {
            g->separate = true;
        }
        return;
    }
    if (cp >= 0xC0 && cp <= 0x17F) {
        const char *t = latin_translit[cp - 0xC0];
        if (t) slug_put(g, t, strlen(t));
        else g->separate = true;
        return;
    }
    if (cp == 0x218 || cp == 0x219) { slug_put(g, "s", 1); return; } /* Ș */
    if (cp == 0x21A || cp == 0x21B) { slug_put(g, "t", 1); return; } /* Ț */
    if (slug_is_separator(cp)) {
        g->separate = true;
        return;
    }
    slug_put(g, u, utf8_encode(slug_lower_other(cp), u));
}

/*
** Return a URL-safe slug for s (a headline, a section or author name), in
** the arena.  Lowercase ASCII letters and digits; Latin letters with
** diacritics transliterated (é→e, ß→ss, æ→ae); other letters kept as
** UTF-8; apostrophes (' ’) dropped; every other run of characters becomes
** one '-'.  Never starts or ends with '-'; at most SLUG_MAX bytes,
** cut at a word boundary when there is one.  Invalid UTF-8 bytes count as
** separators.  Never returns "" : an empty result is "untitled".
*/
char *slug_make(arena_t *a, const char *s) {
    slug_builder g = {.len = 0};
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0;
    while (i < len && !g.full) {
        uint32_t cp;
        size_t n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            g.separate = true;
            i++;
            continue;
        }
        slug_code_point(&g, cp);
        i += n;
    }
    if (g.len == 0) return arena_strdup(a, "untitled");
    return arena_strndup(a, g.out, g.len);
}
