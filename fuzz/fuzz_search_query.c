/*
** fuzz_search_query.c — libFuzzer target for the search query parser: a
** reader's text through search_query_parse into the store's search
** language (search.h), which an independent parser here reads back.
**
** The input is the reader's text, passed twice: all of it, NUL bytes
** included, as len bytes in a heap block of exactly that size (so ASan
** reports any read past len); and up to its first NUL, as the search page
** passes it (form_parse never yields a NUL).  Seeds in
** fuzz/corpus/search_query/ are reader's texts.
**
** Besides crashes and sanitizer reports, the target aborts when a promise
** breaks.  On every input: at most SEARCH_TERMS_MAX terms; fts is "" when
** there are none, else well formed per search.h — terms separated by one
** space, each a double-quoted string with any '"' inside doubled, '*'
** after a prefix — and reads back as exactly the terms, in order, with
** their prefix flags; no term is "" or holds a '"'; every term is bytes
** of the text read (the first SEARCH_TEXT_MAX bytes at most); the same
** text parses the same twice.  On the text as the page passes it, also:
** terms are trimmed and hold a word byte, a prefix ends in at least
** SEARCH_PREFIX_MIN characters of word, valid UTF-8 in gives valid UTF-8
** out, and the reader's form (search_query_text) parses back to the same
** fts.  (Not on the whole input: a NUL inside a phrase ends the term's
** text there, while trimming and the prefix rule saw the bytes after it.)
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "search.h"
#include "utf8.h"

static void check(int ok) {
    if (!ok) abort();
}

static bool word_byte(unsigned char c) {
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

static bool space_byte(unsigned char c) {
    return c <= ' ' || c == 0x7F;
}

/* The characters in the last run of word bytes of s. */
static size_t last_word_chars(const char *s) {
    size_t len = strlen(s), n = 0;
    while (len > 0 && word_byte((unsigned char)s[len - 1])) {
        if (((unsigned char)s[len - 1] & 0xC0) != 0x80) n++;
        len--;
    }
    return n;
}

/* Read fts as search.h defines it and compare each term with q's.  The
** grammar: fts = "" | term *(" " term); term = '"' *(char | '""') '"'
** ["*"], char being any byte but '"'. */
static void check_fts(const search_query *q) {
    const char *p = q->fts;
    check(p != NULL);
    if (q->nterms == 0) {
        check(*p == '\0');
        return;
    }
    size_t room = strlen(p) + 1;
    char *text = malloc(room);
    check(text != NULL);
    for (size_t i = 0; i < q->nterms; i++) {
        if (i > 0) check(*p++ == ' ');
        check(*p++ == '"');
        size_t n = 0;
        for (;;) {
            check(*p != '\0');                  /* the quote is closed */
            if (*p == '"') {
                if (p[1] != '"') break;
                p++;                            /* a doubled '"' */
            }
            text[n++] = *p++;
        }
        p++;                                    /* the closing quote */
        bool prefix = *p == '*';
        if (prefix) p++;
        text[n] = '\0';
        check(strcmp(text, q->terms[i].text) == 0);
        check(prefix == q->terms[i].prefix);
    }
    check(*p == '\0');                          /* nothing after the last */
    free(text);
}

/* What holds for any text, s[0..len) being a heap block of len bytes. */
static void check_any(arena_t *a, const char *s, size_t len, search_query *q) {
    search_query_parse(a, s, len, q);
    check(q->nterms <= SEARCH_TERMS_MAX);
    check_fts(q);
    size_t read = len < SEARCH_TEXT_MAX ? len : SEARCH_TEXT_MAX;
    for (size_t i = 0; i < q->nterms; i++) {
        const search_term *t = &q->terms[i];
        size_t n = strlen(t->text);
        check(n > 0 && strchr(t->text, '"') == NULL);
        check(memmem(s, read, t->text, n) != NULL);
    }
    search_query again;
    search_query_parse(a, s, len, &again);
    check(strcmp(again.fts, q->fts) == 0);
}

/* What also holds for a reader's text: a C string, s[0..len). */
static void check_text(arena_t *a, const char *s, size_t len) {
    search_query q;
    check_any(a, s, len, &q);
    bool utf8 = utf8_valid(s, len);
    for (size_t i = 0; i < q.nterms; i++) {
        const char *t = q.terms[i].text;
        size_t n = strlen(t);
        bool has_word = false;
        for (size_t k = 0; k < n; k++) has_word |= word_byte((unsigned char)t[k]);
        check(has_word);
        check(!space_byte((unsigned char)t[0]) && !space_byte((unsigned char)t[n - 1]));
        if (utf8) check(utf8_valid(t, n));
        if (q.terms[i].prefix) check(last_word_chars(t) >= SEARCH_PREFIX_MIN);
    }
    const char *back = search_query_text(a, q.terms, q.nterms);
    if (strlen(back) <= SEARCH_TEXT_MAX) {
        search_query r;
        search_query_parse(a, back, strlen(back), &r);
        check(strcmp(r.fts, q.fts) == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    arena_t a = ARENA_INIT;
    char *exact = malloc(size ? size : 1);
    check(exact != NULL);
    memcpy(exact, data, size);
    search_query q;
    check_any(&a, exact, size, &q);
    const char *nul = memchr(exact, '\0', size);
    size_t len = nul ? (size_t)(nul - exact) : size;
    char *text = malloc(len + 1);
    check(text != NULL);
    memcpy(text, exact, len);
    text[len] = '\0';
    check_text(&a, text, len);
    free(text);
    free(exact);
    arena_free(&a);
    return 0;
}
