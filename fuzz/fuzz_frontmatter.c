/*
** fuzz_frontmatter.c — libFuzzer target for the import path of one file:
** frontmatter_parse, then the body through markdown_render (Markdown) or
** paragraph_html (plain text), then excerpt_words, slug_make,
** date_parse / date_format / date_permalink on what came out.
**
** Input layout: the first byte chooses the file name (odd: "f.md", even:
** "f.txt", so both the "# heading" and the plain-text shapes are reached;
** front matter is recognised under either name); the rest is the file.
** Seeds in fuzz/corpus/frontmatter/ start with 'm' (odd) or 't' (even).
**
** Besides crashes and sanitizer reports, the target aborts when a promise
** of the interfaces is broken: every string handed on is valid UTF-8, a
** title is never empty, a stored date parses, slugs are short and have no
** stray '-', and rendered HTML holds no <script> tag and no javascript:
** link.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "excerpt.h"
#include "frontmatter.h"
#include "markdown.h"
#include "paragraph.h"
#include "slug.h"
#include "utf8.h"

static void check(int ok) {
    if (!ok) abort();
}

static void check_utf8(const char *s) {
    check(s != NULL && utf8_valid(s, strlen(s)));
}

static void check_slug(arena_t *a, const char *name) {
    if (name == NULL) return;
    const char *s = slug_make(a, name);
    size_t n = strlen(s);
    check(n > 0 && n <= SLUG_MAX);
    check(s[0] != '-' && s[n - 1] != '-' && strstr(s, "--") == NULL);
    check_utf8(s);
}

static void check_html(const char *html) {
    check_utf8(html);
    check(strstr(html, "<script") == NULL);
    check(strcasestr(html, "href=\"javascript:") == NULL);
    check(strcasestr(html, "src=\"javascript:") == NULL);
}

static void check_excerpt(arena_t *a, const char *plain) {
    bool cut = false;
    const char *e = excerpt_words(a, plain, 16, &cut);
    check_utf8(e);
    size_t words = *e != '\0';
    for (const char *p = e; *p; p++) words += *p == ' ';
    check(words <= 16 + cut);               /* "…" counts as one more */
}

static void check_date(arena_t *a, const frontmatter_doc *d, const char *slug) {
    long long t = 0;
    char out[32];
    if (d->date == NULL) return;
    check(d->date_line > 0);
    check(date_parse(d->date, &t, NULL) == 0);
    date_format(t, out, DATE_RFC3339);
    date_format(t, out, DATE_HUMAN);
    date_format(t, out, DATE_RFC822);
    check_utf8(date_permalink(a, t, slug));
}

static void exercise(arena_t *a, const frontmatter_doc *d) {
    char *html = NULL, *plain = NULL;
    check_utf8(d->title);
    check(d->title[0] != '\0');
    check_utf8(d->body);
    check(d->body_line >= 1);
    if (d->status) check(!strcmp(d->status, "publish") || !strcmp(d->status, "draft"));
    if (d->markdown) {
        check(markdown_render(a, d->body, strlen(d->body), &html, &plain,
                              NULL) == 0);
        check_utf8(plain);
    } else {
        html = paragraph_html(a, d->body);
        plain = (char *)d->body;
    }
    check_html(html);
    check_excerpt(a, plain);
    check_slug(a, d->title);
    check_slug(a, d->section);
    check_slug(a, d->author);
    check_slug(a, d->slug);
    for (size_t i = 0; i < d->ntags; i++) check_slug(a, d->tags[i]);
    check_date(a, d, slug_make(a, d->title));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    const char *name = (data[0] & 1) ? "f.md" : "f.txt";
    arena_t a = ARENA_INIT;
    frontmatter_doc d;
    err_t err;
    if (frontmatter_parse(&a, (const char *)data + 1, size - 1, name, &d,
                          &err) == 0)
        exercise(&a, &d);
    else
        check(strncmp(err.msg, name, strlen(name)) == 0);
    arena_free(&a);
    return 0;
}
