/*
** fuzz_bayes.c — libFuzzer target for the spam classifier: bayes_tokens on
** arbitrary bytes in all three fields, then bayes_score of those tokens
** against a tiny table trained once at start-up, against a table trained
** on the input itself as spam, and against one trained on it as both.
**
** Input layout: "author\0url\0text".  The first NUL ends the author, the
** second the url, and the rest (up to any further NUL) is the text; a
** missing separator leaves the later fields empty.  Seeds in
** fuzz/corpus/bayes/ follow that layout.
**
** Besides crashes and sanitizer reports, the target aborts when a promise
** of bayes.h is broken: at least one token; every token valid UTF-8, NUL
** free, 1..BAYES_TOKEN_MAX bytes, without ASCII capitals; no two alike;
** the same input gives the same tokens; a score is a number in [0,1];
** a comment trained once as spam scores above 0.5 against that lesson
** alone, and exactly 0.5 after it was also trained once as ham.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "bayes.h"
#include "bayes_memory.h"
#include "utf8.h"

static void check(int ok) {
    if (!ok) abort();
}

static bayes_memory *trained;       /* the tiny table, built once */

static void teach(arena_t *a, const char *text, const char *author,
                  const char *url, bool spam) {
    const char **tok;
    size_t n = bayes_tokens(a, text, author, url, &tok);
    bayes_memory_train(trained, tok, n, spam);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    arena_t a = ARENA_INIT;
    trained = bayes_memory_new();
    teach(&a, "The council budget vote was close. Thanks!", "Maria K.", "", false);
    teach(&a, "Small correction: the river peaked at 4.2 metres.", "", NULL, false);
    teach(&a, "Мы тоже ждём автобус. مرحبا", "Olga", "https://olga.example", false);
    teach(&a, "Buy ch3ap v i a g r a http://pills.test/buy", "Cheap Meds",
          "http://pills.test", true);
    teach(&a, "BEST CASINO!!! 200 free spins www.slots.test", "casino", "", true);
    arena_free(&a);
    return 0;
}

static int compare(const void *x, const void *y) {
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The promises of bayes.h about a token list. */
static void check_tokens(arena_t *a, const char **tok, size_t n) {
    check(n >= 1);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(tok[i]);
        check(len >= 1 && len <= BAYES_TOKEN_MAX);
        check(utf8_valid(tok[i], len));
        for (size_t j = 0; j < len; j++) check(!(tok[i][j] >= 'A' && tok[i][j] <= 'Z'));
    }
    const char **sorted = arena_alloc(a, n * sizeof *sorted);
    memcpy(sorted, tok, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, compare);
    for (size_t i = 1; i < n; i++) check(strcmp(sorted[i - 1], sorted[i]) != 0);
}

static double score(bayes_memory *m, const char **tok, size_t n) {
    double p = -1;
    check(bayes_score(bayes_memory_totals(m), tok, n, bayes_memory_lookup, m,
                      &p, NULL) == 0);
    check(isfinite(p) && p >= 0 && p <= 1);
    return p;
}

/* Train a fresh table on the comment as spam (and then as ham). */
static void check_lessons(const char **tok, size_t n) {
    bayes_memory *m = bayes_memory_new();
    bayes_memory_train(m, tok, n, true);
    check(score(m, tok, n) > 0.5);
    bayes_memory_train(m, tok, n, false);
    check(score(m, tok, n) == 0.5);
    bayes_memory_free(m);
}

/* The next field of data[*at..size): up to a NUL or the end, copied. */
static char *field(arena_t *a, const uint8_t *data, size_t size, size_t *at) {
    const uint8_t *start = data + *at;
    const uint8_t *nul = memchr(start, '\0', size - *at);
    size_t len = nul ? (size_t)(nul - start) : size - *at;
    *at += len + (nul != NULL);
    return arena_strndup(a, (const char *)start, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    arena_t a = ARENA_INIT;
    size_t at = 0;
    const char *author = field(&a, data, size, &at);
    const char *url = field(&a, data, size, &at);
    const char *text = field(&a, data, size, &at);
    const char **tok, **again;
    size_t n = bayes_tokens(&a, text, author, url, &tok);
    check_tokens(&a, tok, n);
    check(bayes_tokens(&a, text, author, url, &again) == n);
    for (size_t i = 0; i < n; i++) check(strcmp(tok[i], again[i]) == 0);
    score(trained, tok, n);
    check_lessons(tok, n);
    arena_free(&a);
    return 0;
}
