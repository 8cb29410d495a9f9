/*
** paragraph.c — plain text as HTML paragraphs; see paragraph.h.
**
** The text is read a line at a time; a line that is blank once trimmed
** closes the paragraph in progress, any other line opens one or continues
** it.  Everything goes through buf_append_html, so no byte of the text can
** become markup.
*/
#include "paragraph.h"

#include <stdbool.h>
#include <string.h>

#include "buf.h"

static bool is_line_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/*
** Return the HTML of a plain-text body, in the arena: one "<p>…</p>\n" per
** paragraph.  Paragraphs are separated by one or more blank (or
** whitespace-only) lines; the lines of a paragraph are trimmed and joined
** with one space.  Text is escaped with buf_append_html; other bytes
** (’, “ ”) pass through unchanged.  "" when there is no text.
*/
char *paragraph_html(arena_t *a, const char *plain) {
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
            buf_puts(&b, open ? " " : "<p>");
            buf_append_html(&b, p, (size_t)(end - p));
            open = true;
        }
        p = next;
    }
    if (open) buf_puts(&b, "</p>\n");
    char *html = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return html;
}
