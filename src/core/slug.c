/*
** slug.c — permalink slugs; see slug.h.
**
** A slug is built in a fixed buffer of SLUG_MAX bytes from "units": the
** lowercase ASCII for a letter or digit, the transliteration of a Latin
** letter with a diacritic (a 192-entry table for U+00C0-U+017F, "ss" for
** ß, "ae" for æ), or the UTF-8 of any other word character (word.h).
** Everything else is a separator, in the Latin blocks whatever the table
** does not spell (so ª º µ separate, as they always have: a slug must not
** change); apostrophes and combining marks are nothing at all, so
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
#include "word.h"

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

/* ' and ’ (and the modifier letter apostrophe ʼ) join the letters around
** them; combining marks (NFD accents, variation selectors, zero-width
** joiners) belong to the letter before them. */
static bool slug_is_silent(uint32_t cp) {
    return word_apostrophe(cp) || (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
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
    if (cp <= 0x17F) {          /* Latin-1 and Latin Extended-A */
        const char *t = cp >= 0xC0 ? latin_translit[cp - 0xC0] : NULL;
        if (t) slug_put(g, t, strlen(t));
        else g->separate = true;
        return;
    }
    if (cp == 0x218 || cp == 0x219) { slug_put(g, "s", 1); return; } /* Ș */
    if (cp == 0x21A || cp == 0x21B) { slug_put(g, "t", 1); return; } /* Ț */
    if (!word_char(cp)) {
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
