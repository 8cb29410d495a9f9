/*
** fuzz_markdown.c — libFuzzer target for Markdown bodies: markdown_render
** (our glue around libcmark) on arbitrary bytes, as an imported or
** written article's body reaches it.  fuzz_frontmatter gets there only
** past a front matter block and a ".md" name; this target feeds cmark
** the body straight, NUL bytes and invalid UTF-8 included, as len bytes
** in a heap block of exactly that size (markdown.h: it need not be
** NUL-terminated), so ASan reports any read past it.  Seeds in
** fuzz/corpus/markdown/ are Markdown, with raw HTML and hostile links.
**
** Besides crashes and sanitizer reports, the target aborts when a promise
** of markdown.h breaks — the HTML is emitted raw ({{{body}}}), so these
** are the site's defences against a hostile body:
**   - both results are valid UTF-8;
**   - the HTML is read back by a scanner written here that knows only
**     the tags cmark writes for CommonMark (p, h1-h6, blockquote, ul,
**     ol, li, pre, code, em, strong, a, img, hr, br) with only their
**     attributes (href, title, src, alt, start, class), double-quoted,
**     and "<!-- raw HTML omitted -->": no other '<' anywhere, no '>' or
**     '"' outside markup, every '&' one of the escapes cmark writes;
**   - no link or image URL has a scheme a browser would run or read
**     from disk, as a browser reads the scheme (leading spaces and
**     control bytes skipped, tabs and line ends ignored, any case):
**     javascript:, vbscript:, file:, and data: other than an image;
**   - the plain text starts and ends with no blank line;
**   - the same body renders to the same bytes twice.
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "markdown.h"
#include "utf8.h"

static void check(int ok) {
    if (!ok) abort();
}

static bool starts(const char *s, const char *prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- URLs ---------------------------------------------------------------- */

/* Undo the two escapes cmark writes inside an attribute for what a URL
** may hold: "&amp;" and "&#x27;". */
static void unescape_attr(buf_t *out, const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        if (n - i >= 5 && !memcmp(s + i, "&amp;", 5)) {
            buf_putc(out, '&');
            i += 5;
        } else if (n - i >= 6 && !memcmp(s + i, "&#x27;", 6)) {
            buf_putc(out, '\'');
            i += 6;
        } else {
            buf_putc(out, s[i++]);
        }
    }
}

/* Is the URL s[0..n) (unescaped) safe to put in href or src?  Read as
** the WHATWG URL parser reads a scheme: leading C0 controls and spaces
** skipped, tab, LF and CR removed anywhere, ASCII letters in any case. */
static bool url_safe(const char *s, size_t n) {
    char scheme[16];
    size_t k = 0, i = 0;
    while (i < n && (unsigned char)s[i] <= ' ') i++;
    for (; i < n && k < sizeof scheme - 1; i++) {
        char c = s[i];
        if (c == '\t' || c == '\n' || c == '\r') continue;
        if (c == ':') break;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (k > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))))
            return true;                        /* no scheme: a relative URL */
        scheme[k++] = (char)(c | 0x20);
    }
    if (i >= n || s[i] != ':') return true;
    scheme[k] = '\0';
    if (!strcmp(scheme, "javascript") || !strcmp(scheme, "vbscript") ||
        !strcmp(scheme, "file"))
        return false;
    if (strcmp(scheme, "data")) return true;
    static const char *const images[] = {"image/png", "image/gif", "image/jpeg",
                                         "image/webp"};
    const char *rest = s + i + 1;
    size_t left = n - i - 1;
    for (size_t j = 0; j < 4; j++) {
        size_t m = strlen(images[j]);
        if (left >= m && !strncasecmp(rest, images[j], m)) return true;
    }
    return false;
}

/* ---- reading the HTML back ----------------------------------------------- */

/* The attributes a tag may carry; src and href hold URLs. */
static bool attribute_allowed(const char *tag, const char *name, size_t n) {
    static const struct { const char *tag, *attrs; } allowed[] = {
        {"a", " href title "}, {"img", " src alt title "}, {"ol", " start "},
        {"code", " class "},
    };
    char key[16];
    if (n + 2 >= sizeof key) return false;
    key[0] = ' ';
    memcpy(key + 1, name, n);
    key[n + 1] = ' ';
    key[n + 2] = '\0';
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (!strcmp(allowed[i].tag, tag)) return strstr(allowed[i].attrs, key) != NULL;
    return false;
}

/* One tag at p (at '<'); returns the byte after its '>'. */
static const char *read_tag(const char *p) {
    static const char *const names[] = {
        "blockquote", "strong", "code", "pre", "img", "em", "ol", "ul", "li", "hr",
        "br", "h1", "h2", "h3", "h4", "h5", "h6", "p", "a",
    };
    static const char comment[] = "<!-- raw HTML omitted -->";
    if (starts(p, comment)) return p + sizeof comment - 1;
    p++;
    bool closing = *p == '/';
    if (closing) p++;
    const char *tag = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && tag == NULL; i++) {
        size_t n = strlen(names[i]);
        if (!strncmp(p, names[i], n) && (p[n] == '>' || p[n] == ' ')) tag = names[i];
    }
    check(tag != NULL);
    p += strlen(tag);
    while (*p == ' ') {
        p++;
        if (*p == '/' && p[1] == '>') return p + 2;      /* <br />, <img … /> */
        size_t n = strcspn(p, "=");
        check(!closing && attribute_allowed(tag, p, n) && p[n] == '=' && p[n + 1] == '"');
        bool url = (n == 4 && !memcmp(p, "href", 4)) || (n == 3 && !memcmp(p, "src", 3));
        p += n + 2;
        size_t vlen = strcspn(p, "\"<>");
        check(p[vlen] == '"');
        if (url) {
            buf_t u = BUF_INIT;
            unescape_attr(&u, p, vlen);
            check(url_safe(u.data ? u.data : "", u.len));
            buf_free(&u);
        }
        p += vlen + 1;
    }
    check(*p == '>');
    return p + 1;
}

/* Check html as the module's comment says. */
static void check_html(const char *html) {
    static const char *const escapes[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#x27;"};
    for (const char *p = html; *p;) {
        if (*p == '<') {
            p = read_tag(p);
            continue;
        }
        check(*p != '>' && *p != '"');
        if (*p == '&') {
            bool known = false;
            for (size_t i = 0; i < sizeof escapes / sizeof escapes[0] && !known; i++)
                known = starts(p, escapes[i]);
            check(known);
        }
        p++;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *md = malloc(size ? size : 1);
    check(md != NULL);
    if (size) memcpy(md, data, size);
    arena_t a = ARENA_INIT;
    char *html = NULL, *plain = NULL, *html2 = NULL, *plain2 = NULL;
    err_t err;
    check(markdown_render(&a, md, size, &html, &plain, &err) == 0);
    check(html != NULL && plain != NULL);
    check(utf8_valid(html, strlen(html)) && utf8_valid(plain, strlen(plain)));
    check_html(html);
    size_t n = strlen(plain);
    check(!starts(plain, "\n\n") && !(n >= 2 && !strcmp(plain + n - 2, "\n\n")));
    check(markdown_render(&a, md, size, &html2, &plain2, &err) == 0);
    check(!strcmp(html, html2) && !strcmp(plain, plain2));
    arena_free(&a);
    free(md);
    return 0;
}
