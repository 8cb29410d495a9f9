/*
** markdown.c — Markdown to safe HTML and to plain text; see markdown.h.
**
** libcmark (Debian's cmark 0.30) does the parsing and the HTML.  The
** options are the whole security story, so they live in one constant:
**
**   CMARK_OPT_DEFAULT        raw HTML is *not* passed through: cmark writes
**                            "<!-- raw HTML omitted -->" instead, and link
**                            and image URLs with javascript:, vbscript:,
**                            file: or (non-image) data: become "".  Never
**                            add CMARK_OPT_UNSAFE.
**   CMARK_OPT_VALIDATE_UTF8  invalid UTF-8 becomes U+FFFD, so the output
**                            is always valid UTF-8.
**   no CMARK_OPT_SMART       the text keeps the typography its author
**                            typed: ’ stays ’ and a straight quote stays
**                            straight.
**
** The plain text is made by walking the same tree: the literal text of
** text and code spans, a space for a soft break, a newline for a hard
** break.  Each paragraph, heading and code block becomes one paragraph of
** the plain text, and paragraphs are joined by "\n\n"; block quotes and
** list items contribute the paragraphs inside them.  Raw HTML, which the
** HTML leaves out, is left out here too.  Separators (a space, a line
** end, a blank line) are written lazily: the strongest one met since the
** last text is written before the next text, and none before the first.
** So empty blocks, and breaks next to raw HTML that was left out, leave
** no stray blank lines, and the text has none at either end (a hard
** break that opened the text did, until fuzz_markdown found it).
**
** Both results are copied into the caller's arena; every byte cmark
** allocated is freed before returning.
*/
#include "markdown.h"

#include <cmark.h>
#include <stdbool.h>
#include <string.h>

#include "buf.h"

static const int markdown_options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;

/* What separates the next text from the text before it, weakest first:
** a stronger one met since the last text wins. */
typedef enum plain_separator {
    SEPARATOR_NONE,
    SEPARATOR_SPACE,    /* a soft line break */
    SEPARATOR_LINE,     /* a hard line break, a line of a code block */
    SEPARATOR_PARAGRAPH,/* a block ended */
} plain_separator;

typedef struct plain_writer {
    buf_t out;
    plain_separator pending;    /* written before the next text, if any */
} plain_writer;

static void plain_separate(plain_writer *w, plain_separator s) {
    if (s > w->pending) w->pending = s;
}

/* Append n bytes of text, after the separator pending since the last
** text; none before the first text, so that the plain text starts and
** ends with text. */
static void plain_put(plain_writer *w, const char *s, size_t n) {
    static const char *const separators[] = {"", " ", "\n", "\n\n"};
    if (n == 0) return;
    if (w->out.len > 0) buf_puts(&w->out, separators[w->pending]);
    w->pending = SEPARATOR_NONE;
    buf_append(&w->out, s, n);
}

/* Append a code block's literal: its non-blank lines separated by a
** line end, so that a blank line inside code does not read as a
** paragraph break. */
static void plain_put_code(plain_writer *w, const char *code) {
    plain_separate(w, SEPARATOR_PARAGRAPH);
    while (*code) {
        size_t n = strcspn(code, "\n");
        if (strspn(code, " \t\r") < n) {
            plain_put(w, code, n);
            plain_separate(w, SEPARATOR_LINE);
        }
        code += n + (code[n] == '\n');
    }
    plain_separate(w, SEPARATOR_PARAGRAPH);
}

static void plain_put_literal(plain_writer *w, cmark_node *node) {
    const char *s = cmark_node_get_literal(node);
    if (s) plain_put(w, s, strlen(s));
}

/* Feed one iterator event to the writer. */
static void plain_event(plain_writer *w, cmark_event_type ev,
                        cmark_node *node) {
    cmark_node_type type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_EXIT) {
        if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING)
            plain_separate(w, SEPARATOR_PARAGRAPH);
        return;
    }
    switch (type) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
        plain_put_literal(w, node);
        break;
    case CMARK_NODE_SOFTBREAK:
        plain_separate(w, SEPARATOR_SPACE);
        break;
    case CMARK_NODE_LINEBREAK:
        plain_separate(w, SEPARATOR_LINE);
        break;
    case CMARK_NODE_CODE_BLOCK: {
        const char *code = cmark_node_get_literal(node);
        plain_put_code(w, code ? code : "");
        break;
    }
    case CMARK_NODE_THEMATIC_BREAK:
        plain_separate(w, SEPARATOR_PARAGRAPH);
        break;
    default:            /* containers, raw HTML, custom nodes */
        break;
    }
}

/* The plain text of a parsed document, in the arena. */
static char *plain_text(arena_t *a, cmark_node *doc) {
    plain_writer w = {BUF_INIT, SEPARATOR_NONE};
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        plain_event(&w, ev, cmark_iter_get_node(it));
    cmark_iter_free(it);
    char *s = arena_strndup(a, w.out.data ? w.out.data : "", w.out.len);
    buf_free(&w.out);
    return s;
}

/*
** Render the CommonMark text md[0..len) (need not be NUL-terminated) into
** *html, safe to emit raw (no raw HTML, no javascript:-style URLs), and
** *plain, its text with paragraphs separated by "\n\n" (for excerpts and
** search).  Both are NUL-terminated, valid UTF-8 (invalid input bytes
** become U+FFFD), and in the arena.  Typography is kept byte for byte.
** Either output pointer may be NULL when that result is not wanted.
** Returns 0, or -1 with a message in err if cmark fails (which it does
** only when out of memory).
*/
int markdown_render(arena_t *a, const char *md, size_t len, char **html,
                    char **plain, err_t *err) {
    cmark_node *doc = cmark_parse_document(md, len, markdown_options);
    if (doc == NULL) return err_set(err, "markdown: cmark could not parse");
    if (html) {
        char *h = cmark_render_html(doc, markdown_options);
        if (h == NULL) {
            cmark_node_free(doc);
            return err_set(err, "markdown: cmark could not render");
        }
        *html = arena_strdup(a, h);
        cmark_get_default_mem_allocator()->free(h);
    }
    if (plain) *plain = plain_text(a, doc);
    cmark_node_free(doc);
    return 0;
}
