/*
** search.h — site search: the reader's query language and the page.
**
** A reader types words; search_query.c turns them into the store's search
** language (see store_search in store.h) and search.c serves the page.
**
** The reader's language:
**   word        an article contains it; case and diacritics do not
**               matter ("CAFE" finds "café")
**   "a b c"     a phrase: these words, next to each other, in this order
**   word*       a prefix: any word starting with "word" (of at least
**               SEARCH_PREFIX_MIN letters; a shorter one is the word)
**   "a b"*      a phrase whose last word is a prefix
** Nothing else is an operator: AND, OR, NOT and NEAR are plain words, and
** punctuation (: ^ ( ) + , ...) only separates words, but for - ' . _ / @
** inside a word, which keep its parts together as a phrase ("al-Assad",
** "U.S.").  Curly quotes (“ ” „ « ») count as straight ones.  Whatever
** the reader types becomes a query that cannot fail to parse.
**
** Which articles a query finds: first those that match every term (AND),
** best first; then, when they are fewer than SEARCH_PAGE_SIZE, those that
** match at least half of the terms, rounded up (for "a b c", two of
** them), most terms first, then best first.  A phrase counts as one term
** and matches only as a phrase.  Both lists make one list for the count
** and the pages (search.c).
*/
#ifndef GAZETTE_SEARCH_H
#define GAZETTE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "request.h"

/* The most terms a query keeps (later ones are ignored), and the most
** bytes of the reader's text that are read (cut at a character). */
#define SEARCH_TERMS_MAX 16
#define SEARCH_TEXT_MAX 1024
/* The shortest prefix, in characters, that is searched as a prefix:
** a shorter one ("ba*") is searched as the word itself, because it
** expands to a large part of the vocabulary (at 100,000 articles, 0.3 s
** of CPU for a two-letter prefix against 30 ms for a three-letter one). */
#define SEARCH_PREFIX_MIN 3

/* Results a page. */
#define SEARCH_PAGE_SIZE 10

typedef struct search_term {
    const char *text;     /* as typed, trimmed; no '"'; never "" */
    bool phrase;          /* it was typed in double quotes */
    bool prefix;          /* a '*' followed it */
} search_term;

typedef struct search_query {
    search_term terms[SEARCH_TERMS_MAX];
    size_t nterms;        /* 0: nothing to search for */
    const char *fts;      /* the store's search language: "t1" "t2"* ...;
                          ** "" when nterms is 0 */
} search_query;

/* Parse len bytes of a reader's query (UTF-8; an invalid byte counts as a
** letter) into *q, strings in arena a.  Never fails: input that holds no
** word gives nterms == 0. */
void search_query_parse(arena_t *a, const char *text, size_t len,
                        search_query *q);

/* The store's form of terms, in arena a: each term a double-quoted string
** (a '"' inside doubled), '*' after a prefix, separated by spaces. */
const char *search_query_fts(arena_t *a, const search_term *terms,
                             size_t n);

/* The reader's form of terms, in arena a, as search_query_parse reads it
** back: words and prefixes as typed, phrases in quotes, one space apart. */
const char *search_query_text(arena_t *a, const search_term *terms,
                              size_t n);

/* GET /search?q=…&page=N — see search.c. */
void search_page(request_t *req);

#endif
