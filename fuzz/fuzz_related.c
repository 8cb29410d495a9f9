/*
** fuzz_related.c — libFuzzer target for the reader of an article's words
** that related stories are computed from: related_terms (related.h) on
** the headline and body of an imported article, which publish_article
** calls for every save.
**
** Input layout: "title\0body".  Without a NUL the whole input is the
** body and the title is empty.  Each part is copied into a heap block of
** exactly its size plus its NUL, so ASan reports any read past it.  Seeds
** in fuzz/corpus/related/ follow that layout.
**
** Besides crashes and sanitizer reports, the target aborts when a promise
** of related.h breaks:
**   - the terms are sorted in byte order, each once, each valid UTF-8
**     of at least two bytes, without an ASCII capital (case-folded), not
**     made of digits only, each with a count above zero;
**   - title and body are read the same way and apart: the count of every
**     term of (title, body) is RELATED_TITLE_WEIGHT times its count in
**     the title read as a body, plus its count in the body, and there is
**     no other term;
**   - the same text gives the same terms twice.
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "related.h"
#include "utf8.h"

static void check(int ok) {
    if (!ok) abort();
}

static void terms_of(arena_t *a, const char *title, const char *body,
                     related_term **t, size_t *n) {
    err_t err;
    check(related_terms(a, title, body, t, n, &err) == 0);
    check(*n == 0 || *t != NULL);
}

static void check_terms(const related_term *t, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const char *s = t[i].term;
        size_t len = strlen(s);
        check(len >= 2 && utf8_valid(s, len) && t[i].count > 0);
        check(strspn(s, "0123456789") < len);
        for (size_t k = 0; k < len; k++) check(!(s[k] >= 'A' && s[k] <= 'Z'));
        if (i > 0) check(strcmp(t[i - 1].term, s) < 0);
    }
}

/* The count of term in t[0..n) (sorted), 0 when absent. */
static double count_of(const related_term *t, size_t n, const char *term) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t[mid].term, term);
        if (c == 0) return t[mid].count;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

static char *part(const uint8_t *s, size_t len) {
    char *p = malloc(len + 1);
    check(p != NULL);
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const uint8_t *nul = memchr(data, 0, size);
    char *title = nul ? part(data, (size_t)(nul - data)) : part(data, 0);
    const uint8_t *b = nul ? nul + 1 : data;
    char *body = part(b, size - (size_t)(b - data));
    arena_t a = ARENA_INIT;

    related_term *both, *again, *t_only, *b_only;
    size_t n, n_again, nt, nb;
    terms_of(&a, title, body, &both, &n);
    check_terms(both, n);
    terms_of(&a, title, body, &again, &n_again);
    check(n_again == n);
    for (size_t i = 0; i < n; i++)
        check(!strcmp(both[i].term, again[i].term) && both[i].count == again[i].count);

    terms_of(&a, "", title, &t_only, &nt);
    terms_of(&a, NULL, body, &b_only, &nb);
    check_terms(t_only, nt);
    check_terms(b_only, nb);
    for (size_t i = 0; i < n; i++)
        check(both[i].count == RELATED_TITLE_WEIGHT * count_of(t_only, nt, both[i].term) +
                                   count_of(b_only, nb, both[i].term));
    for (size_t i = 0; i < nt; i++) check(count_of(both, n, t_only[i].term) > 0);
    for (size_t i = 0; i < nb; i++) check(count_of(both, n, b_only[i].term) > 0);

    arena_free(&a);
    free(title);
    free(body);
    return 0;
}
