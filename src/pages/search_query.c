/*
** search_query.c — a reader's search text into the store's search
** language; see search.h for both languages.
**
** Design: the reader's text is never handed to the full-text engine as
** it is.  It is cut into terms here, and every term is written back out
** as a double-quoted string, which the engine reads as plain text to
** tokenize (FTS5: a "string"; a '"' inside is doubled), followed by '*'
** for a prefix.  Quoted strings side by side mean AND.  That output has
** no operator, no column filter and no parenthesis, whatever came in, so
** it always parses, and a term that tokenizes to nothing ("😀", "—") is a
** no-op to FTS5 rather than an error.
**
** Scanning works on bytes.  ASCII letters and digits, and every byte of a
** non-ASCII character, are word bytes.  The joiners - ' . _ / @ may sit
** inside a word ("al-Assad", "U.S", "24/7"): the engine's tokenizer then
** makes a phrase of its parts.  Any other ASCII byte (space, control,
** operator characters such as : ^ ( ) + , ...) separates words and is
** dropped, and so are joiners at the ends of a word.  Non-ASCII
** punctuation is left to the tokenizer: which characters are letters is
** its business (unicode61 knows; this file need not).  Nothing here can read past len, and the output is built
** only from whole terms, so a cut never splits a UTF-8 character.
*/
#include "search.h"

#include <string.h>

#include "buf.h"
#include "utf8.h"

/* The length of the quote character at s[0..len) ("  “ ” „ « »), or 0. */
static size_t quote_len(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 1 && u[0] == '"') return 1;
    if (len >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x9C && u[2] <= 0x9E)
        return 3;                                   /* U+201C..U+201E */
    if (len >= 2 && u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB))
        return 2;                                   /* U+00AB, U+00BB */
    return 0;
}

/* A byte that belongs to a word: ASCII letter or digit, or any byte of a
** non-ASCII character. */
static bool word_byte(unsigned char c) {
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

/* ASCII space or control. */
static bool space_byte(unsigned char c) {
    return c <= ' ' || c == 0x7F;
}

/* Punctuation that may join the parts of one word. */
static bool joiner(unsigned char c) {
    return c == '-' || c == '\'' || c == '.' || c == '_' || c == '/' || c == '@';
}

/* Whether s[0..len) holds a word byte at all. */
static bool has_word(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (word_byte((unsigned char)s[i])) return true;
    return false;
}

/* The characters (not bytes) in the last run of word bytes of s[0..len):
** the part of a prefix term that the engine expands. */
static size_t last_word_chars(const char *s, size_t len) {
    size_t n = 0;
    while (len > 0 && word_byte((unsigned char)s[len - 1])) {
        if (((unsigned char)s[len - 1] & 0xC0) != 0x80) n++;
        len--;
    }
    return n;
}

/* Append the term s[0..len) to q unless it is full or the term holds no
** word.  A prefix too short to expand cheaply is kept as a word. */
static void add_term(arena_t *a, search_query *q, const char *s, size_t len,
                     bool phrase, bool prefix) {
    while (len > 0 && space_byte((unsigned char)s[0])) s++, len--;
    while (len > 0 && space_byte((unsigned char)s[len - 1])) len--;
    if (q->nterms == SEARCH_TERMS_MAX || !has_word(s, len)) return;
    search_term *t = &q->terms[q->nterms++];
    t->text = arena_strndup(a, s, len);
    t->phrase = phrase;
    t->prefix = prefix && last_word_chars(s, len) >= SEARCH_PREFIX_MIN;
}

void search_query_parse(arena_t *a, const char *text, size_t len,
                        search_query *q) {
    memset(q, 0, sizeof *q);
    /* at most SEARCH_TEXT_MAX bytes, no character split; when cut,
    ** text[SEARCH_TEXT_MAX] is a byte of text, as utf8_boundary needs */
    if (text == NULL) len = 0;
    else if (len > SEARCH_TEXT_MAX) len = utf8_boundary(text, SEARCH_TEXT_MAX);
    size_t i = 0;
    while (i < len && q->nterms < SEARCH_TERMS_MAX) {
        size_t ql = quote_len(text + i, len - i);
        if (ql) {                                   /* "a phrase" */
            size_t start = i += ql, close = 0;
            while (i < len && (close = quote_len(text + i, len - i)) == 0) i++;
            size_t end = i;
            i += close;                             /* 0 when unbalanced */
            bool prefix = close && i < len && text[i] == '*';
            add_term(a, q, text + start, end - start, true, prefix);
            continue;
        }
        if (!word_byte((unsigned char)text[i])) {   /* a separator */
            i++;
            continue;
        }
        size_t start = i;                           /* a word */
        while (i < len && (word_byte((unsigned char)text[i]) ||
                           joiner((unsigned char)text[i])) &&
               quote_len(text + i, len - i) == 0)
            i++;
        size_t end = i;
        while (joiner((unsigned char)text[end - 1])) end--;
        bool prefix = end < len && text[end] == '*';
        add_term(a, q, text + start, end - start, false, prefix);
    }
    q->fts = search_query_fts(a, q->terms, q->nterms);
}

const char *search_query_fts(arena_t *a, const search_term *terms,
                             size_t n) {
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i) buf_putc(&b, ' ');
        buf_putc(&b, '"');
        for (const char *p = terms[i].text; *p; p++) {
            if (*p == '"') buf_putc(&b, '"');
            buf_putc(&b, *p);
        }
        buf_putc(&b, '"');
        if (terms[i].prefix) buf_putc(&b, '*');
    }
    const char *out = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return out;
}

const char *search_query_text(arena_t *a, const search_term *terms,
                              size_t n) {
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i) buf_putc(&b, ' ');
        if (terms[i].phrase) buf_putc(&b, '"');
        for (const char *p = terms[i].text; *p; p++)
            if (*p != '"') buf_putc(&b, *p);
        if (terms[i].phrase) buf_putc(&b, '"');
        if (terms[i].prefix) buf_putc(&b, '*');
    }
    const char *out = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return out;
}
