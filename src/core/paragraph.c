/*
** paragraph.c — plain text as HTML paragraphs; see paragraph.h.
**
** One converter reads the text a line at a time: a line that is blank
** once trimmed closes the paragraph in progress, any other line opens one
** or continues it, after a separator that depends on the kind of text.
** Everything goes through buf_append_html, so no byte of the text can
** become markup; a comment's URLs are found inside a line (a URL never
** holds white space, so it never spans two).
*/
#include "paragraph.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "buf.h"

static bool is_line_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Length of the URL starting at s[0..len) (http:// or https://), without
** the trailing punctuation that usually ends a sentence; 0 when s does
** not start one. */
static size_t url_length(const char *s, size_t len) {
    size_t skip = len >= 7 && !memcmp(s, "http://", 7) ? 7
                  : len >= 8 && !memcmp(s, "https://", 8) ? 8 : 0;
    if (skip == 0) return 0;
    size_t n = skip;
    while (n < len && (unsigned char)s[n] > ' ' && !strchr("<>\"'`", s[n])) n++;
    while (n > skip && strchr(".,;:!?)]}", s[n - 1])) n--;
    return n > skip ? n : 0;
}

/* One line of a comment, escaped, its URLs as links. */
static void line_with_links(buf_t *b, const char *s, size_t len) {
    size_t run = 0;
    for (size_t i = 0; i < len;) {
        size_t u = i == 0 || !isalnum((unsigned char)s[i - 1])
                       ? url_length(s + i, len - i) : 0;
        if (u == 0) {
            i++;
            continue;
        }
        buf_append_html(b, s + run, i - run);
        buf_puts(b, "<a href=\"");
        buf_append_html(b, s + i, u);
        buf_puts(b, "\" rel=\"nofollow ugc\">");
        buf_append_html(b, s + i, u);
        buf_puts(b, "</a>");
        i += u;
        run = i;
    }
    buf_append_html(b, s + run, len - run);
}

/* The converter: comment selects the line separator and the links. */
static char *paragraphs(arena_t *a, const char *plain, bool comment) {
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
            buf_puts(&b, !open ? "<p>" : comment ? "<br>\n" : " ");
            if (comment) line_with_links(&b, p, (size_t)(end - p));
            else buf_append_html(&b, p, (size_t)(end - p));
            open = true;
        }
        p = next;
    }
    if (open) buf_puts(&b, "</p>\n");
    char *html = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return html;
}

char *paragraph_html(arena_t *a, const char *plain) {
    return paragraphs(a, plain, false);
}

char *paragraph_html_comment(arena_t *a, const char *plain) {
    return paragraphs(a, plain, true);
}
