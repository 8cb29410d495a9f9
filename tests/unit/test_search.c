/*
** test_search.c — unit tests for search: the reader's query language
** (search_query.c) and the store's search and suggestions
** (store_sqlite_search.c) over a real SQLite file.
**
** The translation tests pin the exact FTS5 text made from each input, so
** that a change to the language shows here first; the hostile-input test
** runs every output through the real FTS5 of a store to prove that none
** fails to parse.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "search.h"
#include "store.h"
#include "unit.h"
#include "utf8.h"

/* ---- the query language ------------------------------------------------ */

/* The FTS5 text made from reader's text s. */
static const char *fts(arena_t *a, const char *s) {
    search_query q;
    search_query_parse(a, s, strlen(s), &q);
    return q.fts;
}

static void test_words_are_quoted_and_anded(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    assert_string_equal(fts(&a, "gaza truce"), "\"gaza\" \"truce\"");
    assert_string_equal(fts(&a, "  Gaza\t\ntruce  "), "\"Gaza\" \"truce\"");
    assert_string_equal(fts(&a, "café"), "\"café\"");
    assert_string_equal(fts(&a, "بالعالم שלום"), "\"بالعالم\" \"שלום\"");
    arena_free(&a);
}

static void test_phrases(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    assert_string_equal(fts(&a, "\"gaza truce\" blinken"), "\"gaza truce\" \"blinken\"");
    assert_string_equal(fts(&a, "“gaza truce”"), "\"gaza truce\"");
    assert_string_equal(fts(&a, "„gaza truce“"), "\"gaza truce\"");
    assert_string_equal(fts(&a, "«gaza truce»"), "\"gaza truce\"");
    /* unbalanced: the phrase runs to the end */
    assert_string_equal(fts(&a, "blinken \"gaza truce"), "\"blinken\" \"gaza truce\"");
    /* empty and wordless phrases vanish */
    assert_string_equal(fts(&a, "\"\" \"  \" \"!!\" x"), "\"x\"");
    search_query q;
    search_query_parse(&a, "a \"b c\"", 7, &q);
    assert_int_equal(q.nterms, 2);
    assert_false(q.terms[0].phrase);
    assert_true(q.terms[1].phrase);
    assert_string_equal(q.terms[1].text, "b c");
    arena_free(&a);
}

static void test_prefixes(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    assert_string_equal(fts(&a, "insurg*"), "\"insurg\"*");
    assert_string_equal(fts(&a, "insurg* aleppo"), "\"insurg\"* \"aleppo\"");
    assert_string_equal(fts(&a, "\"new yor\"*"), "\"new yor\"*");
    /* too short to expand: searched as the word */
    assert_string_equal(fts(&a, "a*"), "\"a\"");
    assert_string_equal(fts(&a, "é*"), "\"é\"");
    assert_string_equal(fts(&a, "ca*"), "\"ca\"");
    assert_string_equal(fts(&a, "caf*"), "\"caf\"*");
    assert_string_equal(fts(&a, "ça*"), "\"ça\"");
    assert_string_equal(fts(&a, "çaf*"), "\"çaf\"*");
    assert_string_equal(fts(&a, "al-as*"), "\"al-as\"");
    assert_string_equal(fts(&a, "al-ass*"), "\"al-ass\"*");
    /* a lone star, or stars in front, are nothing */
    assert_string_equal(fts(&a, "*"), "");
    assert_string_equal(fts(&a, "** *x"), "\"x\"");
    arena_free(&a);
}

static void test_operators_are_plain_words(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    assert_string_equal(fts(&a, "gaza OR truce"), "\"gaza\" \"OR\" \"truce\"");
    assert_string_equal(fts(&a, "NOT gaza AND x"), "\"NOT\" \"gaza\" \"AND\" \"x\"");
    assert_string_equal(fts(&a, "NEAR(gaza truce, 5)"), "\"NEAR\" \"gaza\" \"truce\" \"5\"");
    assert_string_equal(fts(&a, "title:gaza ^truce -x +y"),
                        "\"title\" \"gaza\" \"truce\" \"x\" \"y\"");
    assert_string_equal(fts(&a, "(a OR b) {title body}: c"),
                        "\"a\" \"OR\" \"b\" \"title\" \"body\" \"c\"");
    /* joiners keep a word together; at its ends they go */
    assert_string_equal(fts(&a, "al-Assad U.S. 24/7 'quoted'"),
                        "\"al-Assad\" \"U.S\" \"24/7\" \"quoted\"");
    arena_free(&a);
}

static void test_quotes_inside_terms_are_doubled(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    search_term t[2] = {{"say \"hi\"", true, false}, {"x\"", false, true}};
    assert_string_equal(search_query_fts(&a, t, 2), "\"say \"\"hi\"\"\" \"x\"\"\"*");
    assert_string_equal(search_query_text(&a, t, 2), "\"say hi\" x*");
    arena_free(&a);
}

static void test_nothing_to_search(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    const char *empty[] = {"", " ", "\"", "\"\"", "*", "!?:^()", "- . / @", "\t\r\n"};
    for (size_t i = 0; i < sizeof empty / sizeof *empty; i++) {
        search_query q;
        search_query_parse(&a, empty[i], strlen(empty[i]), &q);
        assert_int_equal(q.nterms, 0);
        assert_string_equal(q.fts, "");
    }
    search_query q;
    search_query_parse(&a, NULL, 0, &q);
    assert_int_equal(q.nterms, 0);
    arena_free(&a);
}

static void test_text_round_trips(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    search_query q, r;
    const char *s = "blinkn \"gaza truce\" insurg* \"new yor\"*";
    search_query_parse(&a, s, strlen(s), &q);
    const char *text = search_query_text(&a, q.terms, q.nterms);
    assert_string_equal(text, s);
    search_query_parse(&a, text, strlen(text), &r);
    assert_string_equal(r.fts, q.fts);
    arena_free(&a);
}

static void test_limits(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    /* more terms than SEARCH_TERMS_MAX: the first ones are kept */
    char many[4096] = "";
    for (int i = 0; i < 40; i++) sprintf(many + strlen(many), "w%d ", i);
    search_query q;
    search_query_parse(&a, many, strlen(many), &q);
    assert_int_equal(q.nterms, SEARCH_TERMS_MAX);
    assert_string_equal(q.terms[0].text, "w0");
    /* a long text is cut at SEARCH_TEXT_MAX, never inside a character */
    char *big = malloc(6000);
    for (int i = 0; i < 3000; i++) memcpy(big + 2 * i, "é", 2);
    search_query_parse(&a, big, 6000, &q);
    assert_int_equal(q.nterms, 1);
    assert_true(strlen(q.terms[0].text) <= SEARCH_TEXT_MAX);
    assert_int_equal(strlen(q.terms[0].text) % 2, 0);
    /* shifted by one byte, the cut falls inside an "é" and backs off */
    big[0] = 'x';
    for (int i = 0; i < 2999; i++) memcpy(big + 1 + 2 * i, "é", 2);
    big[5999] = 'y';
    search_query_parse(&a, big, 6000, &q);
    assert_int_equal(q.nterms, 1);
    assert_int_equal(strlen(q.terms[0].text), SEARCH_TEXT_MAX - 1);
    assert_true(utf8_valid(q.terms[0].text, SEARCH_TEXT_MAX - 1));
    free(big);
    arena_free(&a);
}

/* ---- the store ---------------------------------------------------------- */

/* A store in a temporary directory: unit_store_setup/teardown (unit.h). */
typedef unit_store fixture;

static void put(fixture *f, const char *slug, const char *title, const char *body,
                store_status status, long long published) {
    store_article a = {.slug = slug, .title = title, .body = body, .body_html = body,
                       .body_text = body, .format = "text", .status = status,
                       .published = published};
    err_t err;
    if (store_article_put(f->store, NULL, &a, NULL, &err)) fail_msg("%s", err.msg);
}

/* The slugs of the hits of reader's text s, "slug1 slug2", and the total. */
static const char *found(fixture *f, const char *s, size_t *total) {
    search_query q;
    search_query_parse(&f->arena, s, strlen(s), &q);
    store_search_hit **hits;
    size_t n;
    err_t err;
    if (store_search(f->store, &f->arena, q.fts, 0, 10, &hits, &n, total, &err))
        fail_msg("%s: %s", s, err.msg);
    char *out = arena_strdup(&f->arena, "");
    for (size_t i = 0; i < n; i++)
        out = arena_printf(&f->arena, "%s%s%s", out, i ? " " : "", hits[i]->article->slug);
    return out;
}

/* The slugs of the partial matches of reader's text s, limit of them
** after offset, and their total. */
static const char *partial(fixture *f, const char *s, size_t offset, size_t limit,
                           size_t *total) {
    search_query q;
    search_query_parse(&f->arena, s, strlen(s), &q);
    store_search_hit **hits;
    size_t n;
    err_t err;
    if (store_search_partial(f->store, &f->arena, q.fts, offset, limit, &hits, &n, total, &err))
        fail_msg("%s: %s", s, err.msg);
    char *out = arena_strdup(&f->arena, "");
    for (size_t i = 0; i < n; i++)
        out = arena_printf(&f->arena, "%s%s%s", out, i ? " " : "", hits[i]->article->slug);
    return out;
}

static void test_store_ranks_title_first(void **state) {
    fixture *f = *state;
    size_t total;
    put(f, "body", "Weather", "The truce held in the rain, a truce indeed.", STORE_PUBLISH, 200);
    put(f, "title", "Truce agreed", "Talks ended with an agreement.", STORE_PUBLISH, 100);
    put(f, "draft", "Truce draft", "A truce that is not published.", STORE_DRAFT, 300);
    assert_string_equal(found(f, "TRUCE", &total), "title body");
    assert_int_equal(total, 2);
    assert_string_equal(found(f, "\"held in the rain\"", &total), "body");
    assert_string_equal(found(f, "\"rain held\"", &total), "");
    assert_string_equal(found(f, "agree*", &total), "title");
    assert_string_equal(found(f, "draft", &total), "");
}

static void test_store_marks_and_pages(void **state) {
    fixture *f = *state;
    for (int i = 0; i < 25; i++) {
        char slug[16], title[32];
        snprintf(slug, sizeof slug, "a%02d", i);
        snprintf(title, sizeof title, "Article %d", i);
        put(f, slug, title, "Café <b>society</b> and more café.", STORE_PUBLISH, 1000 + i);
    }
    search_query q;
    search_query_parse(&f->arena, "cafe", 4, &q);
    store_search_hit **hits;
    size_t n, total;
    err_t err;
    assert_int_equal(store_search(f->store, &f->arena, q.fts, 20, 10, &hits, &n, &total, &err), 0);
    assert_int_equal(total, 25);
    assert_int_equal(n, 5);
    assert_string_equal(hits[0]->snippet,
                        STORE_SEARCH_MARK_OPEN "Café" STORE_SEARCH_MARK_CLOSE
                        " <b>society</b> and more "
                        STORE_SEARCH_MARK_OPEN "café" STORE_SEARCH_MARK_CLOSE ".");
    assert_null(strstr(hits[0]->title, STORE_SEARCH_MARK_OPEN));
    /* past the end: nothing, but the total */
    assert_int_equal(store_search(f->store, &f->arena, q.fts, 30, 10, &hits, &n, &total, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(total, 25);
    /* an article holding a marker character of its own comes unmarked */
    put(f, "odd", "Odd", "cafe \xEE\x80\x80 here", STORE_PUBLISH, 5000);
    search_query_parse(&f->arena, "here", 4, &q);
    assert_int_equal(store_search(f->store, &f->arena, q.fts, 0, 10, &hits, &n, &total, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(hits[0]->snippet, "cafe  here");
}

static void test_store_suggests(void **state) {
    fixture *f = *state;
    put(f, "b", "Blinken in Cairo", "Blinken met the envoy; ceasefire talks.", STORE_PUBLISH, 1);
    put(f, "c", "Ceasefire", "Ceasefire ceasefire.", STORE_PUBLISH, 2);
    const char *s;
    err_t err;
    assert_int_equal(store_search_suggest(f->store, &f->arena, "blinkn", &s, &err), 0);
    assert_string_equal(s, "blinken");
    assert_int_equal(store_search_suggest(f->store, &f->arena, "BLNIKEN", &s, &err), 0);
    assert_string_equal(s, "blinken");
    assert_int_equal(store_search_suggest(f->store, &f->arena, "cesefire", &s, &err), 0);
    assert_string_equal(s, "ceasefire");
    /* indexed, too far, several words, a first letter nothing starts with */
    assert_int_equal(store_search_suggest(f->store, &f->arena, "Blinken", &s, &err), 0);
    assert_null(s);
    assert_int_equal(store_search_suggest(f->store, &f->arena, "blxxxxx", &s, &err), 0);
    assert_null(s);
    assert_int_equal(store_search_suggest(f->store, &f->arena, "blinkn cairo", &s, &err), 0);
    assert_null(s);
    assert_int_equal(store_search_suggest(f->store, &f->arena, "zzzz", &s, &err), 0);
    assert_null(s);
    assert_int_equal(store_search_suggest(f->store, &f->arena, "", &s, &err), 0);
    assert_null(s);
}

static void test_store_partial_matches(void **state) {
    fixture *f = *state;
    size_t total;
    put(f, "all", "Gaza truce talks", "Envoys met.", STORE_PUBLISH, 100);
    put(f, "two-title", "Gaza truce", "Nothing else here.", STORE_PUBLISH, 200);
    put(f, "two-body", "Notes", "Some talks about gaza went on.", STORE_PUBLISH, 300);
    put(f, "one", "Truce", "Quiet.", STORE_PUBLISH, 400);
    put(f, "draft", "Gaza talks draft", "A draft about gaza talks.", STORE_DRAFT, 500);
    /* at least two of three; not the full match, not the draft, not "one" */
    assert_string_equal(found(f, "gaza truce talks", &total), "all");
    assert_string_equal(partial(f, "gaza truce talks", 0, 10, &total), "two-title two-body");
    assert_int_equal(total, 2);
    /* ranked by how many terms, then BM25 (the headline first) */
    assert_string_equal(partial(f, "gaza truce talks ceasefire", 0, 10, &total),
                        "all two-title two-body");
    assert_string_equal(partial(f, "talks truce", 0, 10, &total), "one two-title two-body");
    /* pages of the one list */
    assert_string_equal(partial(f, "gaza truce talks ceasefire", 1, 1, &total), "two-title");
    assert_int_equal(total, 3);
    assert_string_equal(partial(f, "gaza truce talks ceasefire", 2, 5, &total), "two-body");
    assert_string_equal(partial(f, "gaza truce talks ceasefire", 3, 5, &total), "");
    assert_int_equal(total, 3);
    assert_string_equal(partial(f, "gaza truce talks ceasefire", 0, 0, &total), "");
    assert_int_equal(total, 3);
    /* one term: nothing is partial; a term with no word does not count */
    assert_string_equal(partial(f, "gaza", 0, 10, &total), "");
    assert_int_equal(total, 0);
    assert_string_equal(partial(f, "\xF0\x9F\x98\x80 gaza truce", 0, 10, &total),
                        "one two-body");
    /* a phrase stays a phrase ("Gaza truce" is not "truce gaza"); prefixes */
    assert_string_equal(partial(f, "\"truce gaza\" talks", 0, 10, &total), "all two-body");
    assert_string_equal(partial(f, "gaz* truc* xyzzy", 0, 10, &total), "two-title all");
    /* every matched term is marked */
    search_query q;
    search_query_parse(&f->arena, "gaza truce talks", 16, &q);
    store_search_hit **hits;
    size_t n;
    err_t err;
    assert_int_equal(store_search_partial(f->store, &f->arena, q.fts, 1, 1, &hits, &n, &total,
                                          &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(hits[0]->snippet,
                        "Some " STORE_SEARCH_MARK_OPEN "talks" STORE_SEARCH_MARK_CLOSE " about "
                        STORE_SEARCH_MARK_OPEN "gaza" STORE_SEARCH_MARK_CLOSE " went on.");
    /* nothing to search; not the store's language */
    assert_int_equal(store_search_partial(f->store, &f->arena, "", 0, 10, &hits, &n, &total,
                                          &err), 0);
    assert_int_equal(total, 0);
    assert_int_equal(store_search_partial(f->store, &f->arena, "gaza truce", 0, 10, &hits, &n,
                                          &total, &err), -1);
    assert_int_equal(store_search_partial(f->store, &f->arena, "\"gaza\" \"tru", 0, 10, &hits,
                                          &n, &total, &err), -1);
    assert_int_equal(store_search_partial(f->store, &f->arena, "\"gaza\"x", 0, 10, &hits,
                                          &n, &total, &err), -1);
}

/* Whatever the reader types, the store's FTS5 accepts the translation. */
static void test_store_takes_any_input(void **state) {
    fixture *f = *state;
    put(f, "x", "Anything", "Anything at all, \"quoted\" NEAR(this) and ^that.", STORE_PUBLISH, 1);
    const char *inputs[] = {
        "\"", "\"\"\"", "*", "**", "\"*", "*\"", "a\"b\"c", "NEAR(", "NEAR(a b)",
        "AND", "OR", "NOT", "a AND", "OR b", "col:x", "^x", "x:", "{a b}: c", "(",
        ")", "a OR (b", "+", "-x", "\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\"*",
        "\xC3", "\xFF\xFE", "\x01\x02", "'", "''", "\\\"", "\"a\" \"", "é*",
        "—", "“", "”x“", "x*y*", "a-*", "-*",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        size_t total;
        (void)found(f, inputs[i], &total);
        (void)partial(f, inputs[i], 0, 10, &total);
    }
    /* random bytes, no NUL */
    unsigned seed = 7;
    for (int round = 0; round < 300; round++) {
        char s[64];
        size_t len = (size_t)(round % 63);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            s[i] = (char)(1 + (seed >> 16) % 255);
        }
        s[len] = '\0';
        size_t total;
        (void)found(f, s, &total);
        (void)partial(f, s, 0, 10, &total);
    }
}

/* ---- snippets and the time budget ---------------------------------------- */

/* Now, on CLOCK_MONOTONIC, in milliseconds. */
static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The snippet of the first hit of reader's text s, marks drawn as [ ]. */
static const char *snippet_of(fixture *f, const char *s) {
    search_query q;
    search_query_parse(&f->arena, s, strlen(s), &q);
    store_search_hit **hits;
    size_t n, total;
    err_t err;
    if (store_search(f->store, &f->arena, q.fts, 0, 1, &hits, &n, &total, &err))
        fail_msg("%s: %s", s, err.msg);
    if (n != 1) fail_msg("%s: %zu hits", s, n);
    buf_t b = BUF_INIT;
    for (const char *p = hits[0]->snippet; *p;) {
        if (!strncmp(p, STORE_SEARCH_MARK_OPEN, 3)) buf_putc(&b, '['), p += 3;
        else if (!strncmp(p, STORE_SEARCH_MARK_CLOSE, 3)) buf_putc(&b, ']'), p += 3;
        else buf_putc(&b, *p++);
    }
    const char *out = arena_strndup(&f->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
    return out;
}

/* n words "word1 word2 ..." from word first, each followed by a space, in
** the arena. */
static char *words(arena_t *a, int first, int n) {
    buf_t b = BUF_INIT;
    for (int i = first; i < first + n; i++) buf_printf(&b, "w%d ", i);
    char *out = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return out;
}

/* A search's snippet is FTS5's snippet() for an ordinary article (the
** expected texts are what SQLite 3.40's snippet(articles_fts, 1, ..., 30)
** gives for these bodies): 30 tokens centred on the matches, "…" where
** the text is cut, a sentence start preferred, punctuation at the text's
** ends kept. */
static void test_store_snippets_as_fts5_makes_them(void **state) {
    fixture *f = *state;
    arena_t *a = &f->arena;
    put(f, "a", "A", arena_printf(a, "%starget %s.", words(a, 1, 39), words(a, 41, 20)),
        STORE_PUBLISH, 1);
    assert_string_equal(snippet_of(f, "target"),
                        "…w26 w27 w28 w29 w30 w31 w32 w33 w34 w35 w36 w37 w38 w39 [target] "
                        "w41 w42 w43 w44 w45 w46 w47 w48 w49 w50 w51 w52 w53 w54 w55…");
    put(f, "b", "B", "Nothing here at all but words and more words before it all begins. "
        "The bullseye sentence starts here and goes on for a while, with words after "
        "words until the end of it all comes.", STORE_PUBLISH, 2);
    assert_string_equal(snippet_of(f, "bullseye"),
                        "…The [bullseye] sentence starts here and goes on for a while, with "
                        "words after words until the end of it all comes.");
    put(f, "c", "C", "“Quarry said it,” the report began, and then it went on.",
        STORE_PUBLISH, 3);
    assert_string_equal(snippet_of(f, "quarry"),
                        "“[Quarry] said it,” the report began, and then it went on.");
    put(f, "d", "D", "One lantern here. " "filler filler filler filler filler filler "
        "filler filler filler filler filler filler filler filler filler filler filler "
        "filler filler filler filler filler filler filler filler filler filler filler "
        "filler filler filler filler. Two lantern there, lantern again.", STORE_PUBLISH, 4);
    assert_string_equal(snippet_of(f, "lantern"),
                        "One [lantern] here. filler filler filler filler filler filler "
                        "filler filler filler filler filler filler filler filler filler "
                        "filler filler filler filler filler filler filler filler filler "
                        "filler filler filler…");
    /* a phrase is one marked run; overlapping matches make one run */
    put(f, "e", "E", "The old harbour master met the harbour master's crew.", STORE_PUBLISH, 5);
    assert_string_equal(snippet_of(f, "\"harbour master\" harbour"),
                        "The old [harbour master] met the [harbour master]'s crew.");
}

/* The snippet is made from a bounded part of the text: an article of some
** 1 MB whose every tenth word matches (30,000 matches: FTS5's snippet()
** compares each with each), and one whose only match lies 1.5 MB in,
** both get the right passage at once. */
static void test_store_snippets_of_huge_articles(void **state) {
    fixture *f = *state;
    buf_t b = BUF_INIT;
    for (int i = 0; i < 30000; i++) buf_puts(&b, "numbat w1 w2 w3 w4 w5 w6 w7 w8 w9 ");
    put(f, "dense", "Dense", b.data, STORE_PUBLISH, 1);
    buf_reset(&b);
    for (int i = 0; i < 150000; i++) buf_puts(&b, "filler is ");
    buf_puts(&b, "the wombat is here. ");
    for (int i = 0; i < 1000; i++) buf_puts(&b, "filler is ");
    put(f, "far", "Far", b.data, STORE_PUBLISH, 2);
    buf_free(&b);
    long long t0 = now_ms();
    assert_string_equal(snippet_of(f, "numbat"),
                        "[numbat] w1 w2 w3 w4 w5 w6 w7 w8 w9 [numbat] w1 w2 w3 w4 w5 w6 w7 "
                        "w8 w9 [numbat] w1 w2 w3 w4 w5 w6 w7 w8 w9…");
    assert_string_equal(snippet_of(f, "wombat"),
                        "…is filler is filler is filler is filler is filler is filler is "
                        "the [wombat] is here. filler is filler is filler is filler is "
                        "filler is filler is filler…");
    /* FTS5's snippet() takes some 10 s over the first */
    assert_true(now_ms() - t0 < 5000);
}

/* A search that runs out of its budget stops there and answers with what
** it has (here nothing: the one article is too big to read in 1 ms), the
** store says so, and the page's read snapshot goes on; a suggestion's
** scan of 20,000 words is stopped too; without a budget the same searches
** find what they look for; a budget that ran out before a search starts
** finds nothing, partial matches and suggestions included. */
static void test_store_search_budget(void **state) {
    fixture *f = *state;
    buf_t b = BUF_INIT;
    for (int i = 0; i < 100000; i++) buf_puts(&b, "bilby quokka w1 w2 w3 w4 w5 w6 w7 w8 ");
    put(f, "big", "Big", b.data, STORE_PUBLISH, 1);
    buf_free(&b);
    put(f, "small", "Small quokka", "A small story.", STORE_PUBLISH, 2);
    /* 20,000 indexed words that start with "v": a suggestion for a "v"
    ** word reads them all (SQL, stopped by the budget's progress handler) */
    b = (buf_t)BUF_INIT;
    for (int i = 0; i < 20000; i++) buf_printf(&b, "v%d ", 100000 + i);
    put(f, "vocabulary", "Vocabulary", b.data, STORE_PUBLISH, 3);
    buf_free(&b);
    err_t err;
    size_t total;
    assert_int_equal(store_read_begin(f->store, &err), 0);
    store_search_budget(f->store, 1);
    long long t0 = now_ms();
    assert_string_equal(found(f, "bilby", &total), "");
    assert_true(store_search_out_of_time(f->store));
    assert_true(now_ms() - t0 < 3000);
    /* the snapshot is still there for the rest of the page */
    store_article **latest;
    size_t n;
    assert_int_equal(store_articles_latest(f->store, &f->arena, 0, 10, &latest, &n, &err), 0);
    assert_int_equal(n, 3);
    store_read_end(f->store);
    /* stopped inside SQL: the suggestion's scan of the vocabulary */
    const char *better = "unset";
    store_search_budget(f->store, 1);
    assert_int_equal(store_search_suggest(f->store, &f->arena, "v11111x", &better, &err), 0);
    assert_null(better);
    assert_true(store_search_out_of_time(f->store));
    /* out of time before they start: nothing, and no suggestion */
    better = "unset";
    assert_string_equal(found(f, "small", &total), "");
    assert_string_equal(partial(f, "small story", 0, 10, &total), "");
    assert_int_equal(store_search_suggest(f->store, &f->arena, "smal", &better, &err), 0);
    assert_null(better);
    assert_true(store_search_out_of_time(f->store));
    /* no budget: everything */
    store_search_budget(f->store, 0);
    assert_false(store_search_out_of_time(f->store));
    assert_string_equal(found(f, "bilby", &total), "big");
    (void)found(f, "quokka", &total);
    assert_int_equal(total, 2);
    assert_int_equal(store_search_suggest(f->store, &f->arena, "smal", &better, &err), 0);
    assert_string_equal(better, "small");
    assert_false(store_search_out_of_time(f->store));
    assert_int_equal(store_search_suggest(f->store, &f->arena, "v11111x", &better, &err), 0);
    assert_non_null(better);
    assert_memory_equal(better, "v11111", 6);   /* one of v111110...v111119 */
    /* a budget the search fits in changes nothing */
    store_search_budget(f->store, 60000);
    assert_string_equal(found(f, "small", &total), "small");
    assert_false(store_search_out_of_time(f->store));
    store_search_budget(f->store, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_are_quoted_and_anded),
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_operators_are_plain_words),
        cmocka_unit_test(test_quotes_inside_terms_are_doubled),
        cmocka_unit_test(test_nothing_to_search),
        cmocka_unit_test(test_text_round_trips),
        cmocka_unit_test(test_limits),
        cmocka_unit_test_setup_teardown(test_store_ranks_title_first, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_store_marks_and_pages, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_store_suggests, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_store_partial_matches, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_store_takes_any_input, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_store_snippets_as_fts5_makes_them, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_store_snippets_of_huge_articles, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_store_search_budget, unit_store_setup, unit_store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
