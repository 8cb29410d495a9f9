/*
** fuzz_comment_text.c — libFuzzer target for the comment text formatter:
** a reader's comment through paragraph_html_comment (lines joined with
** <br>, URLs made links), and the same text through paragraph_html (an
** article written as plain text), as the article page shows them.
**
** The input is the comment's text, up to its first NUL (a form value
** never holds one: form.h), in a heap block of exactly that size plus its
** NUL, so ASan reports any read past it.  Seeds in
** fuzz/corpus/comment_text/ are comments.
**
** Besides crashes and sanitizer reports, the target aborts when a promise
** of paragraph.h breaks.  The HTML is read back by a scanner written here
** that knows only the markup the formatter makes — <p>, </p>, <br>, and
** <a href="URL" rel="nofollow ugc">URL</a> — and the five escapes of
** buf_append_html.  So:
**   - no raw '<' outside those tags, and no raw '>', '"' or '\'' in text,
**     no '&' that is not one of the five escapes: nothing the reader
**     typed becomes markup;
**   - a link's href is its own text, starts http:// or https://, holds
**     no white space, control byte or quote, and does not end in the
**     punctuation that ends a sentence;
**   - the text read back, with links as their text, paragraphs as blank
**     lines and <br> as a line end, is exactly the input's lines trimmed
**     of white space, blank lines between paragraphs collapsed: no byte
**     is lost, added or reordered;
**   - no URL is left unlinked: outside the links, "http://" or
**     "https://" not preceded by a letter or digit is never followed by
**     a URL character other than the sentence-ending punctuation;
**   - the article form (paragraph_html) reads back the same way, with a
**     space between a paragraph's lines and no links at all.
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "paragraph.h"

static void check(int ok) {
    if (!ok) abort();
}

static bool starts(const char *s, const char *prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- what the text should read back as --------------------------------- */

static bool line_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The model of paragraph.h: paragraphs (lines trimmed, joined with sep)
** separated by "\n\n" (a marker that cannot occur inside, since lines
** never hold '\n'). */
static void model(buf_t *out, const char *text, const char *sep) {
    bool open = false, pending = false;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        const char *s = p, *e = p + n;
        p = *e ? e + 1 : e;
        while (s < e && line_space(*s)) s++;
        while (e > s && line_space(e[-1])) e--;
        if (s == e) {
            if (open) pending = true;
            open = false;
            continue;
        }
        if (pending) buf_puts(out, "\n\n");
        else if (open) buf_puts(out, sep);
        pending = false;
        open = true;
        buf_append(out, s, (size_t)(e - s));
    }
}

/* ---- reading the HTML back --------------------------------------------- */

/* The text read back, and beside each of its bytes whether it came from
** a link ('1') or not ('0'). */
typedef struct readout {
    buf_t text, linked;
} readout;

static void put(readout *r, char c, bool link) {
    buf_putc(&r->text, c);
    buf_putc(&r->linked, link ? '1' : '0');
}

/* One escaped character at *p (text or attribute) appended to out,
** advancing *p; false at a tag, at stop, or at the end. */
static bool text_char(const char **p, buf_t *out, char stop) {
    static const struct { const char *esc; char c; } escapes[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''},
    };
    char c = **p;
    if (c == '\0' || c == '<' || c == stop) return false;
    check(c != '>' && c != '"' && c != '\'');
    if (c != '&') {
        buf_putc(out, c);
        (*p)++;
        return true;
    }
    for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++) {
        if (starts(*p, escapes[i].esc)) {
            buf_putc(out, escapes[i].c);
            *p += strlen(escapes[i].esc);
            return true;
        }
    }
    check(false);                  /* an '&' the formatter did not write */
    return false;
}

static bool url_char(unsigned char c) {
    return c > ' ' && !strchr("<>\"'`", c);
}

/* A link at *p (after "<a href=\""): its URL appended to r as linked,
** *p moved past "</a>". */
static void read_link(const char **p, readout *r) {
    buf_t href = BUF_INIT, shown = BUF_INIT;
    while (text_char(p, &href, '"')) {}
    check(starts(*p, "\" rel=\"nofollow ugc\">"));
    *p += strlen("\" rel=\"nofollow ugc\">");
    while (text_char(p, &shown, 0)) {}
    check(starts(*p, "</a>"));
    *p += 4;
    check(href.len == shown.len && href.len > 0 &&
          memcmp(href.data, shown.data, href.len) == 0);
    const char *u = href.data;
    size_t skip = starts(u, "http://") ? 7 : starts(u, "https://") ? 8 : 0;
    check(skip > 0 && href.len > skip);
    for (size_t i = 0; i < href.len; i++) check(url_char((unsigned char)u[i]));
    check(strchr(".,;:!?)]}", u[href.len - 1]) == NULL);
    for (size_t i = 0; i < href.len; i++) put(r, u[i], true);
    buf_free(&href);
    buf_free(&shown);
}

/* Read html back into r, in the model's form.  comment: whether <br> and
** links may occur. */
static void read_back(const char *html, bool comment, readout *r) {
    const char *p = html;
    bool first = true;
    buf_t run = BUF_INIT;
    while (*p) {
        check(starts(p, "<p>"));
        p += 3;
        if (!first) put(r, '\n', false), put(r, '\n', false);
        first = false;
        for (;;) {
            buf_reset(&run);
            while (text_char(&p, &run, 0)) {}
            for (size_t i = 0; i < run.len; i++) put(r, run.data[i], false);
            if (starts(p, "</p>\n")) {
                p += 5;
                break;
            }
            check(comment);
            if (starts(p, "<br>\n")) {
                p += 5;
                put(r, '\n', false);
            } else {
                check(starts(p, "<a href=\""));
                p += 9;
                read_link(&p, r);
            }
        }
    }
    buf_free(&run);
}

/* ---- URLs left unlinked ------------------------------------------------- */

/* Would the formatter make a link of s[0..len), the rest of a line? */
static bool linkable(const char *s, size_t len) {
    size_t skip = len >= 7 && !memcmp(s, "http://", 7) ? 7
                  : len >= 8 && !memcmp(s, "https://", 8) ? 8 : 0;
    if (skip == 0) return false;
    for (size_t i = skip; i < len && url_char((unsigned char)s[i]); i++)
        if (!strchr(".,;:!?)]}", s[i])) return true;
    return false;
}

static bool ascii_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* No URL outside the links of r would have been one: at every byte that
** is not a link's, after a line start or a byte that is not a letter or
** digit, what follows up to the line's end or the next link is no URL. */
static void check_unlinked(const readout *r) {
    const char *s = r->text.data, *linked = r->linked.data;
    size_t len = r->text.len;
    for (size_t i = 0; i < len; i++) {
        if (linked[i] == '1') continue;
        if (i > 0 && s[i - 1] != '\n' && ascii_alnum(s[i - 1])) continue;
        size_t end = i;
        while (end < len && s[end] != '\n' && linked[end] == '0') end++;
        check(!linkable(s + i, end - i));
    }
}

static void exercise(arena_t *a, const char *s, bool comment) {
    const char *html = comment ? paragraph_html_comment(a, s) : paragraph_html(a, s);
    buf_t want = BUF_INIT;
    readout got = {BUF_INIT, BUF_INIT};
    model(&want, s, comment ? "\n" : " ");
    read_back(html, comment, &got);
    check(want.len == got.text.len &&
          (want.len == 0 || memcmp(want.data, got.text.data, want.len) == 0));
    if (comment) check_unlinked(&got);
    buf_free(&want);
    buf_free(&got.text);
    buf_free(&got.linked);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const uint8_t *nul = memchr(data, 0, size);
    size_t len = nul ? (size_t)(nul - data) : size;
    char *s = malloc(len + 1);
    check(s != NULL);
    memcpy(s, data, len);
    s[len] = '\0';
    arena_t a = ARENA_INIT;
    exercise(&a, s, true);
    exercise(&a, s, false);
    arena_free(&a);
    free(s);
    return 0;
}
