/*
** text.c — text utilities; see text.h.
**
** UTF-8.  One strict decoder (utf8_decode) is the only place that reads
** multi-byte sequences; everything else walks strings code point by code
** point through it, so no function here can split a sequence.  Strict means
** what RFC 3629 means: no overlong forms, no surrogates, nothing above
** U+10FFFF, no stray continuation bytes.
**
** Slugs.  A slug is built in a fixed buffer of TEXT_SLUG_MAX bytes from
** "units": the lowercase ASCII for a letter or digit, the transliteration
** of a Latin letter with a diacritic (a 192-entry table for U+00C0-U+017F,
** "ss" for ß, "ae" for æ), or the UTF-8 of any other letter.  Everything
** else is a separator; apostrophes and combining marks are nothing at all,
** so "Netanyahu’s" stays one word.  A run of separators only sets a flag,
** and the '-' is written just before the next unit, which is why a slug
** can neither start nor end with '-'.  When the next unit does not fit the
** cut goes back to the last '-' if it falls inside a word, so a long
** headline loses whole words.
**
** Dates.  Civil dates and day numbers are converted with Howard Hinnant's
** days_from_civil / civil_from_days, which are exact for the proleptic
** Gregorian calendar and need neither timegm nor the TZ variable.
*/
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"

/* ---------------------------------------------------------------- UTF-8 */

/* Decode the code point at s[0..len), len >= 1.  Returns its length in
** bytes (1-4) and stores it in *cp, or returns 0 when the bytes there are
** not a complete, shortest-form, non-surrogate sequence <= U+10FFFF. */
size_t text_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp) {
    unsigned c = s[0];
    size_t n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len < n) return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return n;
}

/* Write the UTF-8 of cp (a valid scalar value) into out; return its length. */
size_t text_utf8_encode(uint32_t cp, char out[4]) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/*
** Return the length of the longest prefix of s[0..len) that is valid
** UTF-8; equal to len when all of it is.  The prefix ends on a sequence
** boundary, so s[result] (when result < len) is the first bad byte.
*/
size_t text_utf8_valid_prefix(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        if (p[i] < 0x80) {          /* the common case, without a call */
            i++;
            continue;
        }
        size_t n = text_utf8_decode(p + i, len - i, &cp);
        if (n == 0) break;
        i += n;
    }
    return i;
}

/*
** Return true if s[0..len) is strict UTF-8 (RFC 3629): no overlong forms,
** no surrogates (U+D800-U+DFFF), nothing above U+10FFFF, no truncated or
** stray sequences.  NUL bytes are valid (U+0000).  len 0 is valid.
*/
bool text_utf8_valid(const char *s, size_t len) {
    return text_utf8_valid_prefix(s, len) == len;
}

/* Back n off so that s[0..n) does not end inside a UTF-8 sequence. */
static size_t utf8_boundary(const char *s, size_t n) {
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return n;
}

/* ----------------------------------------------------------------- slugs */

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

typedef struct slug {
    char out[TEXT_SLUG_MAX + 1];
    size_t len;
    bool separate;      /* a separator was seen since the last unit */
    bool full;          /* a unit did not fit; ignore the rest */
} slug;

/* Append one unit (n bytes), preceded by '-' if a separator is pending.
** Invariant: out never starts or ends with '-'. */
static void slug_put(slug *g, const char *unit, size_t n) {
    if (g->full) return;
    size_t dash = g->separate && g->len > 0;
    if (g->len + dash + n > TEXT_SLUG_MAX) {
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
static void slug_code_point(slug *g, uint32_t cp) {
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
    slug_put(g, u, text_utf8_encode(slug_lower_other(cp), u));
}

/*
** Return a URL-safe slug for s (a headline, a section or author name), in
** the arena.  Lowercase ASCII letters and digits; Latin letters with
** diacritics transliterated (é→e, ß→ss, æ→ae); other letters kept as
** UTF-8; apostrophes (' ’) dropped; every other run of characters becomes
** one '-'.  Never starts or ends with '-'; at most TEXT_SLUG_MAX bytes,
** cut at a word boundary when there is one.  Invalid UTF-8 bytes count as
** separators.  Never returns "" : an empty result is "untitled".
*/
char *text_slugify(arena_t *a, const char *s) {
    slug g = {.len = 0};
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0;
    while (i < len && !g.full) {
        uint32_t cp;
        size_t n = text_utf8_decode(p + i, len - i, &cp);
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

/* -------------------------------------------------------------- excerpts */

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
char *text_excerpt(arena_t *a, const char *plain, size_t max_words,
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

/* ----------------------------------------------------------------- dates */

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d. */
static long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* The inverse of days_from_civil. */
static void civil_from_days(long long z, long long *y, unsigned *m,
                            unsigned *d) {
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long long)yoe + era * 400 + (*m <= 2);
}

static unsigned days_in_month(int y, int m) {
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30,
                                           31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

/* Read exactly n digits at *p into *out and advance; false if not there. */
static bool read_digits(const char **p, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return true;
}

/* Advance past c if *p is c. */
static bool read_char(const char **p, char c) {
    if (**p != c) return false;
    (*p)++;
    return true;
}

typedef struct date_fields {
    int year, month, day, hour, minute, second, offset;   /* offset: s */
} date_fields;

/* Parse "±hh:mm", "Z" or nothing at *p into f->offset.  False on junk. */
static bool read_zone(const char **p, date_fields *f) {
    int sign = **p == '-' ? -1 : 1, oh, om;
    if (read_char(p, 'Z') || read_char(p, 'z') || **p == '\0') return true;
    if (!read_char(p, '+') && !read_char(p, '-')) return false;
    if (!read_digits(p, 2, &oh) || !read_char(p, ':') ||
        !read_digits(p, 2, &om) || oh > 23 || om > 59)
        return false;
    f->offset = sign * (oh * 3600 + om * 60);
    return true;
}

/* Parse "hh:mm[:ss[.fff]]" and the zone.  False when malformed. */
static bool read_time(const char **p, date_fields *f) {
    int frac;
    if (!read_digits(p, 2, &f->hour) || !read_char(p, ':') ||
        !read_digits(p, 2, &f->minute))
        return false;
    if (read_char(p, ':')) {
        if (!read_digits(p, 2, &f->second)) return false;
        if (read_char(p, '.') || read_char(p, ',')) {
            if (!read_digits(p, 1, &frac)) return false;
            while (**p >= '0' && **p <= '9') (*p)++;
        }
    }
    return read_zone(p, f);
}

/* Parse the syntax of s into f.  False when malformed. */
static bool read_date(const char *s, date_fields *f) {
    const char *p = s;
    if (!read_digits(&p, 4, &f->year) || !read_char(&p, '-') ||
        !read_digits(&p, 2, &f->month) || !read_char(&p, '-') ||
        !read_digits(&p, 2, &f->day))
        return false;
    if (*p != '\0') {
        if (!read_char(&p, 'T') && !read_char(&p, 't') && !read_char(&p, ' '))
            return false;
        if (!read_time(&p, f)) return false;
    }
    return *p == '\0';
}

/* The reason f is out of range, or NULL when it is a real instant. */
static const char *date_range_error(const date_fields *f) {
    if (f->month < 1 || f->month > 12) return "month must be 01-12";
    if (f->day < 1 || (unsigned)f->day > days_in_month(f->year, f->month))
        return "no such day in that month";
    if (f->hour > 23) return "hour must be 00-23";
    if (f->minute > 59) return "minute must be 00-59";
    if (f->second > 59) return "second must be 00-59";
    return NULL;
}

/*
** Parse an ISO 8601 / RFC 3339 date into Unix seconds (UTC) in *epoch.
** Accepted: YYYY-MM-DD, then optionally 'T' (or 't' or ' ') hh:mm[:ss]
** with optional fraction (.fff, dropped), then optionally 'Z' or ±hh:mm;
** no zone means UTC.  Nothing else may precede or follow.  Fields are
** range-checked (leap years included; no leap second).  Returns 0, or -1
** with "invalid date 'S' (reason)" in err.
*/
int text_parse_date(const char *s, long long *epoch, err_t *err) {
    date_fields f = {0};
    size_t shown = utf8_boundary(s, strnlen(s, 40));
    if (!read_date(s, &f))
        return err_set(err, "invalid date '%.*s' (expected YYYY-MM-DD or "
                       "YYYY-MM-DDTHH:MM:SSZ)", (int)shown, s);
    const char *why = date_range_error(&f);
    if (why) return err_set(err, "invalid date '%.*s' (%s)", (int)shown, s, why);
    *epoch = days_from_civil(f.year, (unsigned)f.month, (unsigned)f.day) * 86400
             + f.hour * 3600 + f.minute * 60 + f.second - f.offset;
    return 0;
}

/* The UTC calendar fields of an instant, clamped to years 0000-9999. */
typedef struct civil {
    unsigned year, month, day, hour, minute, second, weekday; /* 0: Sunday */
} civil;

static civil civil_from_epoch(long long epoch) {
    const long long lo = -62167219200LL, hi = 253402300799LL;
    civil c;
    long long y;
    unsigned m, d;
    if (epoch < lo) epoch = lo;
    if (epoch > hi) epoch = hi;
    long long days = epoch / 86400, secs = epoch % 86400;
    if (secs < 0) secs += 86400, days--;
    civil_from_days(days, &y, &m, &d);
    c.year = (unsigned)y, c.month = m, c.day = d;
    c.hour = (unsigned)(secs / 3600), c.minute = (unsigned)(secs / 60 % 60);
    c.second = (unsigned)(secs % 60);
    c.weekday = (unsigned)((days % 7 + 11) % 7);  /* 1970-01-01: Thursday */
    return c;
}

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

/*
** Write the UTC date of epoch into out in the given text_date_style:
** TEXT_DATE_RFC3339 "2024-05-01T09:00:00Z", TEXT_DATE_HUMAN "May 1, 2024",
** TEXT_DATE_RFC822 "Wed, 01 May 2024 09:00:00 +0000".  Instants outside
** years 0000-9999 are clamped into them.  An unknown style means RFC 3339.
*/
void text_format_date(long long epoch, char out[32], int style) {
    static const char wd[7][4] = {"Sun", "Mon", "Tue", "Wed",
                                  "Thu", "Fri", "Sat"};
    civil c = civil_from_epoch(epoch);
    const char *mon = month_names[c.month - 1];
    if (style == TEXT_DATE_HUMAN) {
        snprintf(out, 32, "%s %u, %u", mon, c.day % 100, c.year % 10000);
    } else if (style == TEXT_DATE_RFC822) {
        snprintf(out, 32, "%s, %02u %.3s %04u %02u:%02u:%02u +0000",
                 wd[c.weekday % 7], c.day % 100, mon, c.year % 10000,
                 c.hour % 100, c.minute % 100, c.second % 100);
    } else {
        snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02uZ", c.year % 10000,
                 c.month % 100, c.day % 100, c.hour % 100, c.minute % 100,
                 c.second % 100);
    }
}

/*
** Return the permalink path of an article, "/YYYY/MM/DD/slug/", in the
** arena; the date is epoch's UTC date.  slug is used as given (make it
** with text_slugify).
*/
char *text_permalink(arena_t *a, long long epoch, const char *slug) {
    civil c = civil_from_epoch(epoch);
    return arena_printf(a, "/%04u/%02u/%02u/%s/", c.year, c.month, c.day,
                        slug);
}

/* ------------------------------------------------------------ paragraphs */

static bool is_line_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/*
** Return the HTML of a plain-text body, in the arena: one "<p>…</p>\n" per
** paragraph.  Paragraphs are separated by one or more blank (or
** whitespace-only) lines; the lines of a paragraph are trimmed and joined
** with one space.  Text is escaped with buf_append_html; other bytes
** (’, “ ”) pass through unchanged.  "" when there is no text.
*/
char *text_paragraphs_html(arena_t *a, const char *plain) {
    buf_t b = BUF_INIT;
    bool open = false;
    const char *p = plain;
    while (*p) {
        const char *nl = strchr(p, '\n');
        const char *end = nl ? nl : p + strlen(p);
        const char *next = nl ? nl + 1 : end;
        while (p < end && is_line_space(*p)) p++;
        while (end > p && is_line_space(end[-1])) end--;
        if (p == end) {
            if (open) buf_puts(&b, "</p>\n");
            open = false;
        } else {
            buf_puts(&b, open ? " " : "<p>");
            buf_append_html(&b, p, (size_t)(end - p));
            open = true;
        }
        p = next;
    }
    if (open) buf_puts(&b, "</p>\n");
    char *html = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return html;
}
