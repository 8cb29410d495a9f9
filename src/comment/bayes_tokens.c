/*
** bayes_tokens.c — the tokens of a comment, for the spam classifier; see
** bayes.h.
**
** bayes_tokens walks each field code point by code point through the one
** strict UTF-8 decoder (utf8.h).  A byte that does not start a valid
** sequence is a separator and is never copied, and words are built from
** whole code points, so no token can hold invalid UTF-8 or a split
** sequence.  What becomes a token:
**
**   words      Runs of word characters (word.h: ASCII alphanumerics and
**              every non-ASCII code point that is not punctuation, a
**              symbol, a space, an emoji or private use), simple-case-
**              folded: ASCII, Latin-1, Latin Extended-A, Greek (final
**              sigma to sigma) and Cyrillic; fullwidth ASCII (Ｖｉａｇｒａ)
**              is read as ASCII.
**              Apostrophes (' ’ ʼ), soft hyphens, zero-width characters and
**              variation selectors join the letters around them, so
**              "don't" is "dont" and "vi<ZWSP>agra" is "viagra".  A word
**              is kept when it is 2..BAYES_WORD_MAX bytes; a longer one
**              gives "long-word" (also how unsegmented CJK text shows up).
**              No stemming and no accent stripping: "café" is not "cafe".
**   numbers    An all-digit word is collapsed to "num:N" by its digit
**              count (num:1 .. num:4, num:5+), so prices, years and phone
**              numbers share a few tokens instead of thousands.
**   links      In the text, "http://", "https://" (and the defanged
**              "hxxp://"), "www." and bare domains with a common TLD
**              ("cheap-pills.com", not "e.g." or "U.S.") become
**              "url:HOST" and, when the host has a subdomain,
**              "url:DOMAIN" too (the last two labels, three under a
**              two-letter country code such as co.uk); the rest of the URL
**              is dropped.  Any link adds "has-url"; every text adds one
**              of "links:0", "links:1", "links:2+".  A domain right after
**              '@' is an address: "email:DOMAIN" and "has-email", not a
**              link.  The author's website field gives "site:HOST",
**              "site:DOMAIN" and "has-site".
**   author     The author's name is tokenized like the text but every
**              token is prefixed "author:" (a spammer's name is keywords,
**              a reader's is a name; they should not mix with the text's
**              words).  An empty name gives "author-none".
**   obfuscation  A word that mixes Latin with Greek or Cyrillic letters
**              (homoglyphs: "саsino" with a Cyrillic с and а) gives
**              "mixed-script" and its Latin look-alike ("casino"); a digit
**              between two letters (v1agra, sp4ces) gives "leet" and the
**              word read as letters ("viagra"); '@' and '$' between two
**              letters (c@sino, ca$h) are read as 'a' and 's' at once.
**              Four or more one-letter words in a row ("v i a g r a",
**              "V.I.A.G.R.A") give "spaced-out" and the joined word.
**              Invisible characters inside the text give "invisible".
**              A website field without a dotted host gives nothing.
**   meta       "len:short" (<= 5 words), "len:med" (<= 60), "len:long";
**              "caps-heavy" (10 or more capitals and at least as many
**              capitals as small letters); "bangs" (3 or more '!');
**              "money" (a currency sign before a digit); "emoji".
**
** Words never hold ':' or '-', so the meta tokens and the prefixed ones
** cannot collide with a word; the look-alike and joined words collide on
** purpose with the plain word they hide.  Tokens are gathered with
** duplicates into a buf_t of pointers, then sorted and made distinct: a
** comment counts once per token however often it repeats a word, which is
** what per-document counts (bayes_counts) mean.
*/
#include "bayes.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "utf8.h"
#include "word.h"

/* ------------------------------------------------------ character classes */

static bool is_ascii_letter(uint32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_ascii_digit(uint32_t c) {
    return c >= '0' && c <= '9';
}

static bool is_ascii_alnum(uint32_t c) {
    return is_ascii_letter(c) || is_ascii_digit(c);
}

/* Characters that are nothing at all: they join the letters around them.
** Apostrophes keep "don't" one word; the invisible ones are what a
** spammer slips into "vi­agra" to hide it from a word filter. */
static bool is_silent(uint32_t cp) {
    return word_apostrophe(cp) || cp == 0x00AD ||
           (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
           cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F);
}

/* The silent characters that have no business inside ordinary prose. */
static bool is_invisible(uint32_t cp) {
    return cp == 0x00AD || cp == 0x200B || cp == 0x200C || cp == 0x2060 ||
           cp == 0xFEFF;
}

static bool is_emoji(uint32_t cp) {
    return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF);
}

static bool is_currency(uint32_t cp) {
    return cp == '$' || cp == 0xA3 || cp == 0xA5 || cp == 0x20AC ||
           cp == 0x20BD || cp == 0x20BF;
}

/* Simple case folding of U+0100-U+017F (Latin Extended-A): upper and
** lower alternate, with the exceptions the table has. */
static uint32_t fold_latin_extended(uint32_t cp) {
    if (cp == 0x130) return 'i';            /* İ: what a reader means */
    if (cp == 0x178) return 0xFF;           /* Ÿ */
    if (cp == 0x17F) return 's';            /* long s */
    if (cp == 0x131 || cp == 0x138 || cp == 0x149) return cp;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return (cp & 1) ? cp + 1 : cp;
    return (cp & 1) ? cp : cp + 1;
}

/* Simple case folding of Greek; final sigma folds to sigma. */
static uint32_t fold_greek(uint32_t cp) {
    if (cp == 0x386) return 0x3AC;
    if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
    if (cp == 0x38C) return 0x3CC;
    if (cp == 0x38E || cp == 0x38F) return cp + 63;
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;
    if (cp == 0x3C2) return 0x3C3;
    return cp;
}

/* Simple case folding of Cyrillic (U+0400-U+052F). */
static uint32_t fold_cyrillic(uint32_t cp) {
    if (cp <= 0x40F) return cp + 80;
    if (cp <= 0x42F) return cp + 32;
    if (cp < 0x460) return cp;
    if (cp <= 0x481 || (cp >= 0x48A && cp <= 0x4BF) ||
        (cp >= 0x4D0 && cp <= 0x52F))
        return (cp & 1) ? cp : cp + 1;
    if (cp == 0x4C0) return 0x4CF;
    if (cp >= 0x4C1 && cp <= 0x4CE) return (cp & 1) ? cp + 1 : cp;
    return cp;
}

/* The simple case folding of cp for the scripts above; others unchanged. */
static uint32_t fold(uint32_t cp) {
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp < 0x100) {
        if (cp == 0xB5) return 0x3BC;       /* micro sign to mu */
        if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
        return cp;
    }
    if (cp < 0x180) return fold_latin_extended(cp);
    if (cp >= 0x370 && cp < 0x400) return fold_greek(cp);
    if (cp >= 0x400 && cp < 0x530) return fold_cyrillic(cp);
    return cp;
}

enum { SCRIPT_LATIN = 1, SCRIPT_GREEK = 2, SCRIPT_CYRILLIC = 4 };

static unsigned script_of(uint32_t cp) {
    if (cp < 0x80) return is_ascii_letter(cp) ? SCRIPT_LATIN : 0;
    if (cp >= 0xC0 && cp < 0x250) return SCRIPT_LATIN;
    if (cp >= 0x370 && cp < 0x400) return SCRIPT_GREEK;
    if (cp >= 0x400 && cp < 0x530) return SCRIPT_CYRILLIC;
    return 0;
}

/* The Latin letter a folded Greek or Cyrillic letter passes for, or cp. */
static uint32_t latin_lookalike(uint32_t cp) {
    switch (cp) {
    case 0x3B1: case 0x430: return 'a';
    case 0x441: return 'c';
    case 0x3B5: case 0x435: return 'e';
    case 0x4BB: return 'h';
    case 0x3B9: case 0x456: return 'i';
    case 0x458: return 'j';
    case 0x3BA: case 0x43A: return 'k';
    case 0x3BF: case 0x43E: return 'o';
    case 0x3C1: case 0x440: return 'p';
    case 0x455: return 's';
    case 0x3C4: return 't';
    case 0x3C5: return 'u';
    case 0x3BD: return 'v';
    case 0x3C7: case 0x445: return 'x';
    case 0x443: return 'y';
    default: return cp;
    }
}

/* The letter a digit stands for in leetspeak, or 0. */
static char leet_letter(char c) {
    switch (c) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '7': return 't';
    case '8': return 'b';
    default: return 0;
    }
}

/* -------------------------------------------------------------- tokenizer */

/*
** The tokenizer's state.  Invariant: word[0..wlen) is valid UTF-8 made of
** whole folded code points, and wlen <= BAYES_WORD_MAX; a word that would
** grow past that sets overflow and stops growing.
*/
typedef struct tokenizer {
    arena_t *arena;
    buf_t list;             /* const char * per token, duplicates and all */
    const char *prefix;     /* "" in the text, "author:" in the name */
    bool in_text;           /* the meta counts below are about the text */
    char word[BAYES_WORD_MAX];
    size_t wlen, wchars;
    bool overflow;
    unsigned scripts;       /* SCRIPT_* seen in the word */
    size_t offset;          /* of the code point being read */
    size_t word_start;      /* offset of the word's first code point */
    char spaced[BAYES_WORD_MAX];    /* one-letter words in a row */
    size_t nspaced;
    size_t spaced_end;      /* offset just past the last of them */
    uint32_t previous;      /* the code point before this one */
    size_t plain_until;     /* no bare domain starts before this offset */
    size_t words, links, upper, lower, bangs;
} tokenizer;

/* Add prefix + s[0..n) as a token. */
static void emit(tokenizer *t, const char *s, size_t n) {
    size_t p = strlen(t->prefix);
    char *tok = arena_alloc(t->arena, p + n + 1);
    memcpy(tok, t->prefix, p);
    memcpy(tok + p, s, n);
    tok[p + n] = '\0';
    buf_append(&t->list, &tok, sizeof tok);
}

/* Add prefix + the string s as a token. */
static void emit_str(tokenizer *t, const char *s) {
    emit(t, s, strlen(s));
}

/* "num:N" for a word of n digits. */
static void emit_number(tokenizer *t, size_t n) {
    static const char *const names[] = {"num:1", "num:2", "num:3", "num:4"};
    emit_str(t, n <= 4 ? names[n - 1] : "num:5+");
}

/* End a run of one-letter words: four or more are a word spelt out. */
static void spaced_flush(tokenizer *t) {
    if (t->nspaced >= 4) {
        emit(t, t->spaced, t->nspaced);
        emit_str(t, "spaced-out");
    }
    t->nspaced = 0;
}

/* Remember a one-letter word.  It continues a run ("v i a g r a",
** "V.I.A.G.R.A") only if one character separates it from the last: the
** ". " in "e.g. U.S." breaks the run. */
static void spaced_push(tokenizer *t, char c) {
    if (t->nspaced == sizeof t->spaced || t->word_start > t->spaced_end + 1)
        spaced_flush(t);
    t->spaced[t->nspaced++] = c;
    t->spaced_end = t->word_start + 1;
}

/* Write into out (at least BAYES_WORD_MAX bytes) the word with Greek and
** Cyrillic look-alikes read as Latin letters; return its length, which is
** at most the word's (a look-alike is 2 bytes, its Latin letter 1). */
static size_t word_lookalike(const tokenizer *t, char *out) {
    const unsigned char *w = (const unsigned char *)t->word;
    size_t i = 0, n = 0;
    while (i < t->wlen) {
        uint32_t cp;
        size_t k = utf8_decode(w + i, t->wlen - i, &cp);
        if ((t->scripts & SCRIPT_LATIN) && t->scripts != SCRIPT_LATIN)
            cp = latin_lookalike(cp);
        n += utf8_encode(cp, out + n);
        i += k;
    }
    return n;
}

/* Read as letters the digits in w[0..n) that sit between two letters;
** return whether any did. */
static bool word_unleet(char *w, size_t n) {
    bool changed = false;
    for (size_t i = 1; i + 1 < n; i++) {
        char c = leet_letter(w[i]);
        if (c && is_ascii_letter((unsigned char)w[i - 1]) &&
            is_ascii_letter((unsigned char)w[i + 1])) {
            w[i] = c;
            changed = true;
        }
    }
    return changed;
}

/* The word's disguises: homoglyphs and leetspeak, each read as letters. */
static void word_disguises(tokenizer *t) {
    char plain[BAYES_WORD_MAX];
    size_t n = word_lookalike(t, plain);
    bool mixed = (t->scripts & SCRIPT_LATIN) && t->scripts != SCRIPT_LATIN;
    if (mixed) emit_str(t, "mixed-script");
    if (word_unleet(plain, n)) emit_str(t, "leet");
    if (n != t->wlen || memcmp(plain, t->word, n) != 0) emit(t, plain, n);
}

/* Is the word all ASCII digits? */
static bool word_is_number(const tokenizer *t) {
    for (size_t i = 0; i < t->wlen; i++) {
        if (!is_ascii_digit((unsigned char)t->word[i])) return false;
    }
    return true;
}

/* The word in progress is complete: turn it into its tokens. */
static void word_end(tokenizer *t) {
    if (t->wchars == 0) return;
    if (t->overflow) {
        emit_str(t, "long-word");
    } else if (word_is_number(t)) {
        emit_number(t, t->wlen);
    } else if (t->wlen >= 2) {
        emit(t, t->word, t->wlen);
        word_disguises(t);
    }
    if (!t->overflow && t->wlen == 1 && is_ascii_letter((unsigned char)t->word[0]))
        spaced_push(t, t->word[0]);
    else
        spaced_flush(t);
    if (t->in_text) t->words++;
    t->wlen = t->wchars = 0;
    t->overflow = false;
    t->scripts = 0;
}

/* Add the folded code point cp to the word in progress. */
static void word_put(tokenizer *t, uint32_t cp) {
    char u[4];
    size_t n = utf8_encode(cp, u);
    if (t->wchars++ == 0) t->word_start = t->offset;
    t->scripts |= script_of(cp);
    if (t->overflow || t->wlen + n > BAYES_WORD_MAX) {
        t->overflow = true;
        return;
    }
    memcpy(t->word + t->wlen, u, n);
    t->wlen += n;
}

/* ------------------------------------------------------------------ links */

static bool is_host_char(unsigned char c) {
    return is_ascii_alnum(c) || c == '.' || c == '-' || c == '_';
}

/* A byte that can be inside a URL written in running text. */
static bool is_url_char(unsigned char c) {
    return c > ' ' && c < 0x7F && c != '"' && c != '\'' && c != '<' &&
           c != '>' && c != '`';
}

/* How many host-name characters (ASCII letters, digits, . - _) s[i..)
** starts with. */
static size_t host_run(const char *s, size_t len, size_t i) {
    size_t j = i;
    while (j < len && is_host_char((unsigned char)s[j])) j++;
    return j - i;
}

/* Where the URL that covers s[i] ends: at a space, a control or non-ASCII
** byte, a quote or an angle bracket, or the end. */
static size_t url_end(const char *s, size_t len, size_t i) {
    while (i < len && is_url_char((unsigned char)s[i])) i++;
    return i;
}

/* Length of a case-insensitive match of word at s[0..len), else 0. */
static size_t starts_with(const char *s, size_t len, const char *word) {
    size_t n = strlen(word);
    return len >= n && strncasecmp(s, word, n) == 0 ? n : 0;
}

/* Length of the "http://"-like scheme s starts with, else 0. */
static size_t scheme_length(const char *s, size_t len) {
    static const char *const schemes[] = {"http://", "https://", "hxxp://",
                                          "hxxps://"};
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        size_t n = starts_with(s, len, schemes[i]);
        if (n) return n;
    }
    return 0;
}

/* Top-level domains that make "word.tld" a link without "http://".  Only
** ones that are not also common words, so "it was in.It" is no link. */
static bool is_link_tld(const char *s, size_t n) {
    static const char *const tlds[] = {
        "com", "net", "org", "info", "biz", "io", "ru", "su", "ua", "cn",
        "uk", "de", "fr", "nl", "eu", "pl", "gr", "br", "au", "ca", "xyz",
        "top", "online", "site", "club", "shop", "store", "live", "pro",
        "vip", "win", "bid", "loan", "link", "click", "icu", "tk", "ml",
        "ga", "cf", "gq", "pw", "ws", "tv", "cc",
    };
    for (size_t i = 0; i < sizeof tlds / sizeof tlds[0]; i++) {
        if (strlen(tlds[i]) == n && strncasecmp(s, tlds[i], n) == 0)
            return true;
    }
    return false;
}

/* If s[i..) starts a bare domain ("name.example.com"), return the length
** of its host, else 0. */
static size_t bare_domain(const char *s, size_t len, size_t i) {
    size_t n = host_run(s, len, i);
    if (i + n < len && (unsigned char)s[i + n] >= 0x80) return 0;
    while (n > 0 && (s[i + n - 1] == '.' || s[i + n - 1] == '-')) n--;
    const char *dot = memrchr(s + i, '.', n);
    if (n == 0 || !is_ascii_alnum((unsigned char)s[i]) || dot == NULL ||
        dot == s + i)
        return 0;
    size_t tld = (size_t)(s + i + n - dot - 1);
    return is_link_tld(dot + 1, tld) ? n : 0;
}

/* Where the registrable domain of host[0..n) starts: its last two labels,
** or three under a two-letter country code with a short second level
** (bbc.co.uk, abc.net.au).  0 when that is the whole host. */
static size_t domain_start(const char *host, size_t n) {
    const char *last = memrchr(host, '.', n);
    if (last == NULL || last == host || is_ascii_digit((unsigned char)host[n - 1]))
        return 0;                           /* no dot, or an IP address */
    const char *second = memrchr(host, '.', (size_t)(last - host));
    if (second == NULL) return 0;
    size_t tld = (size_t)(host + n - last - 1);
    size_t sld = (size_t)(last - second - 1);
    if (tld == 2 && sld <= 3) {
        const char *third = memrchr(host, '.', (size_t)(second - host));
        return third == NULL ? 0 : (size_t)(third - host + 1);
    }
    return (size_t)(second - host + 1);
}

/* "KIND:NAME" for the host name s[0..n), lower-cased, if it fits. */
static void emit_kind(tokenizer *t, const char *kind, const char *s,
                      size_t n) {
    enum { HOST_MAX = 64 };
    char tok[8 + HOST_MAX];
    size_t k = strlen(kind);
    if (n > HOST_MAX) return;
    memcpy(tok, kind, k);
    for (size_t i = 0; i < n; i++) tok[k + i] = (char)fold((unsigned char)s[i]);
    emit(t, tok, k + n);
}

/* "KIND:HOST" and, when it differs, "KIND:DOMAIN" for host[0..n) without
** a "www." or trailing dots; returns whether the host was not empty. */
static bool emit_host(tokenizer *t, const char *kind, const char *host,
                      size_t n) {
    while (n > 0 && host[n - 1] == '.') n--;
    if (starts_with(host, n, "www.")) host += 4, n -= 4;
    if (n == 0) return false;
    emit_kind(t, kind, host, n);
    size_t d = domain_start(host, n);
    if (d > 0) emit_kind(t, kind, host + d, n - d);
    return true;
}

/* A link was found: count it. */
static void note_link(tokenizer *t) {
    t->links++;
    emit_str(t, "has-url");
    spaced_flush(t);
}

/*
** At s[i], an ASCII letter or digit where a word could start: is this a
** link or the domain of an address?  If so emit its tokens and return how
** many bytes it covers, else 0.  A failed bare-domain test also fails for
** every later start inside the same run of host characters (same last
** label, fewer dots), so plain_until remembers the run and keeps a long
** "a-a-a-…" from costing quadratic time.
*/
static size_t scan_link(tokenizer *t, const char *s, size_t len, size_t i) {
    size_t n = scheme_length(s + i, len - i), host;
    if (n > 0 || starts_with(s + i, len - i, "www.")) {
        host = host_run(s, len, i + n);
        emit_host(t, "url:", s + i + n, host);
        note_link(t);
        return url_end(s, len, i + n + host) - i;
    }
    if (i < t->plain_until) return 0;
    host = bare_domain(s, len, i);
    if (host == 0) {
        t->plain_until = i + host_run(s, len, i);
        return 0;
    }
    if (i > 0 && s[i - 1] == '@') {
        emit_host(t, "email:", s + i, host);
        emit_str(t, "has-email");
        return host;
    }
    emit_host(t, "url:", s + i, host);
    note_link(t);
    if (i + host < len && s[i + host] == '/') return url_end(s, len, i + host) - i;
    return host;
}

/* ----------------------------------------------------------------- fields */

/* '@' or '$' between two ASCII letters inside a word is a disguised 'a'
** or 's' (c@sino, ca$h), unless the '@' starts an address's domain. */
static bool is_leet_symbol(const tokenizer *t, uint32_t cp, const char *s,
                           size_t len, size_t i) {
    if ((cp != '@' && cp != '$') || t->wlen == 0 || t->overflow) return false;
    if (!is_ascii_letter((unsigned char)t->word[t->wlen - 1])) return false;
    if (i + 1 >= len || !is_ascii_letter((unsigned char)s[i + 1])) return false;
    return cp == '$' || bare_domain(s, len, i + 1) == 0;
}

/* A letter or digit: count its case, then add it to the word. */
static void scan_letter(tokenizer *t, uint32_t cp) {
    uint32_t f = fold(cp);
    if (t->in_text && script_of(cp)) {
        if (f != cp) t->upper++;
        else t->lower++;
    }
    if (t->wchars == 0 && is_ascii_digit(cp) && is_currency(t->previous))
        emit_str(t, "money");
    word_put(t, f);
}

/* Anything else ends the word; some of it says something on the way. */
static void scan_symbol(tokenizer *t, uint32_t cp) {
    if (t->in_text && cp == '!') t->bangs++;
    if (is_emoji(cp)) emit_str(t, "emoji");
    word_end(t);
}

/* Read the code point at s[i] (i < len); return its length, 1 for a byte
** that does not start a valid sequence (a separator, never copied). */
static size_t scan_one(tokenizer *t, const char *s, size_t len, size_t i) {
    uint32_t cp;
    size_t n = utf8_decode((const unsigned char *)s + i, len - i, &cp);
    t->offset = i;
    if (n == 0) {
        word_end(t);
        t->previous = 0xFFFD;
        return 1;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;     /* fullwidth ASCII */
    if (is_silent(cp)) {
        if (t->in_text && i > 0 && is_invisible(cp)) emit_str(t, "invisible");
    } else if (is_leet_symbol(t, cp, s, len, i)) {
        emit_str(t, "leet");
        word_put(t, cp == '@' ? 'a' : 's');
    } else if (word_char(cp)) {
        scan_letter(t, cp);
    } else {
        scan_symbol(t, cp);
    }
    t->previous = cp;
    return n;
}

/* Tokenize one field, the text (with links) or the author's name. */
static void scan_field(tokenizer *t, const char *s, bool links) {
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s), i = 0;
    t->plain_until = 0;
    t->previous = 0;
    while (i < len) {
        size_t n = 0;
        if (links && t->wchars == 0 && is_ascii_alnum(u[i]))
            n = scan_link(t, s, len, i);
        if (n == 0) n = scan_one(t, s, len, i);
        i += n;
    }
    word_end(t);
    spaced_flush(t);
}

/* The tokens about the text as a whole. */
static void text_meta(tokenizer *t) {
    emit_str(t, t->words <= 5 ? "len:short" : t->words <= 60 ? "len:med"
                                                             : "len:long");
    emit_str(t, t->links == 0 ? "links:0" : t->links == 1 ? "links:1"
                                                          : "links:2+");
    if (t->upper >= 10 && t->upper >= t->lower) emit_str(t, "caps-heavy");
    if (t->bangs >= 3) emit_str(t, "bangs");
}

/* The author's website: "site:HOST", "site:DOMAIN", "has-site".  Takes
** what follows "scheme://" (a short scheme) or "//", after any "user@";
** a host without a dot, or followed by anything but a port, a path, a
** query or a space, is not a web address and gives nothing. */
static void scan_site(tokenizer *t, const char *url) {
    size_t len = strlen(url), i = 0;
    while (i < len && (url[i] == ' ' || url[i] == '\t')) i++;
    const char *sep = strstr(url + i, "://");
    if (sep != NULL && sep - (url + i) <= 10) i = (size_t)(sep - url) + 3;
    else if (starts_with(url + i, len - i, "//")) i += 2;
    const char *at = memrchr(url + i, '@', strcspn(url + i, "/?#"));
    if (at != NULL) i = (size_t)(at - url) + 1;     /* user:password@ */
    size_t n = host_run(url, len, i);
    char end = url[i + n];
    if (memchr(url + i, '.', n) == NULL || (end && !strchr("/?#: \t", end)))
        return;                             /* not a web address */
    if (emit_host(t, "site:", url + i, n)) emit_str(t, "has-site");
}

static int compare_tokens(const void *x, const void *y) {
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Sort the gathered tokens into the arena, keep one of each; return how
** many.  Releases the gathering buffer. */
static size_t distinct_tokens(tokenizer *t, const char ***out) {
    size_t n = t->list.len / sizeof(const char *), k = 0;
    const char **v = arena_alloc(t->arena, (n ? n : 1) * sizeof *v);
    if (n) memcpy(v, t->list.data, n * sizeof *v);
    buf_free(&t->list);
    qsort(v, n, sizeof *v, compare_tokens);
    for (size_t i = 0; i < n; i++) {
        if (k == 0 || strcmp(v[k - 1], v[i]) != 0) v[k++] = v[i];
    }
    *out = v;
    return k;
}

/*
** Return the distinct tokens of a comment (see bayes.h and the top of
** this file), in the arena, through *out; their number is the result.
*/
size_t bayes_tokens(arena_t *a, const char *text, const char *author,
                    const char *url, const char ***out) {
    tokenizer t = {.arena = a, .list = BUF_INIT, .prefix = "", .in_text = true};
    scan_field(&t, text ? text : "", true);
    text_meta(&t);
    t.in_text = false;
    scan_site(&t, url ? url : "");
    if (author == NULL || author[0] == '\0') {
        emit_str(&t, "author-none");
    } else {
        t.prefix = "author:";
        scan_field(&t, author, false);
    }
    return distinct_tokens(&t, out);
}
