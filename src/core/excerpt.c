/*
** excerpt.c — the first words of a plain text; see excerpt.h.
**
** Words are split on ASCII whitespace and U+00A0 NO-BREAK SPACE and copied
** whole, joined by single spaces, so an excerpt of valid UTF-8 is valid
** UTF-8.  One pass; the result is allocated once, at the input's length
** plus the ellipsis.
*/
#include "excerpt.h"

#include <string.h>

/* The length of the word-separating space at p (ASCII whitespace or
** U+00A0 NO-BREAK SPACE), or 0 if p[0] is not one.  rem >= 1. */
static size_t space_at(const char *p, size_t rem) {
    switch (p[0]) {
    case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
        return 1;
    }
    if ((unsigned char)p[0] == 0xC2 && rem >= 2 && (unsigned char)p[1] == 0xA0)
        return 2;
    return 0;
}

static size_t skip_spaces(const char *s, size_t len, size_t i) {
    size_t n;
    while (i < len && (n = space_at(s + i, len - i)) > 0) i += n;
    return i;
}

/*
** Return the first max_words words of the plain text, in the arena, joined
** by single spaces (leading and trailing space removed).  Words are split
** on ASCII whitespace and U+00A0.  If the text has more words, the result
** ends with " …" (or is "…" when max_words is 0) and *was_cut is set to
** true, else to false; was_cut may be NULL.  Only whole words are copied,
** so the result is valid UTF-8 when plain is.  Not HTML-escaped.
*/
char *excerpt_words(arena_t *a, const char *plain, size_t max_words,
                    bool *was_cut) {
    static const char ellipsis[] = " \xE2\x80\xA6";   /* " …" */
    size_t len = strlen(plain), words = 0, o = 0;
    char *out = arena_alloc(a, len + sizeof ellipsis);
    bool cut = false;
    size_t i = skip_spaces(plain, len, 0);
    while (i < len) {
        if (words == max_words) {
            cut = true;
            break;
        }
        size_t start = i;
        while (i < len && space_at(plain + i, len - i) == 0) i++;
        if (words++ > 0) out[o++] = ' ';
        memcpy(out + o, plain + start, i - start);
        o += i - start;
        i = skip_spaces(plain, len, i);
    }
    if (cut) {
        size_t skip = o == 0;               /* no space before a lone "…" */
        memcpy(out + o, ellipsis + skip, sizeof ellipsis - 1 - skip);
        o += sizeof ellipsis - 1 - skip;
    }
    out[o] = '\0';
    if (was_cut) *was_cut = cut;
    return out;
}
