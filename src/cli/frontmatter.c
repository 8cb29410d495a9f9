/*
** frontmatter.c — reading a file given to `gazette import`; see
** frontmatter.h.
**
** The file is checked as a whole before any of it is read: a UTF-8 BOM is
** skipped, then it must be valid UTF-8 without NUL bytes, so that every
** string handed on is valid UTF-8 and C-string safe.  Then it is read line
** by line through one reader that strips "\n" and a "\r" before it (CRLF
** files read like LF files) and counts lines from 1; every error names the
** line it was found on, "FILE:LINE: what is wrong", as compilers do.
**
** Front matter is the small YAML subset that news sites' Markdown files
** actually use, not YAML: one "key: value" per line, keys from a fixed
** list (a misspelt key is an error, not silently ignored), values bare,
** "double-quoted" (escapes \" \\ \/ \t \n) or 'single-quoted' ('' is a
** quote).  Tags come as a flow list [a, "b, c"], as a block list ("tags:"
** then "  - a" lines), or as a bare comma-separated value.  Blank lines
** and lines starting with '#' are ignored.  The closing "---" is found
** before any key is read, so an unclosed block is reported as such and
** not as a bad key on whatever line of the body comes first.
**
** Values are checked here where they can be (date through
** date_parse, status, id, a non-empty title) so that the line number
** of the offending key can be reported; the caller needs no line numbers
** of its own except body_line, date_line and id_line.
**
** The body is copied into the arena with CRLF turned into LF, leading
** blank lines and trailing whitespace removed; body_line is the line its
** first character came from.
*/
#include "frontmatter.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "utf8.h"
#include "vec.h"

/* ----------------------------------------------------------------- lines */

typedef struct line {
    const char *s;
    size_t len;         /* without "\n" and a "\r" before it */
    int no;             /* 1-based */
} line;

typedef struct reader {
    const char *src;
    size_t len, pos;
    int no;             /* number of the last line read */
} reader;

/* Read the next line into *l; false at the end of the input. */
static bool next_line(reader *r, line *l) {
    if (r->pos >= r->len) return false;
    const char *s = r->src + r->pos;
    const char *nl = memchr(s, '\n', r->len - r->pos);
    size_t n = nl ? (size_t)(nl - s) : r->len - r->pos;
    r->pos += n + (nl != NULL);
    l->s = s;
    l->len = n > 0 && s[n - 1] == '\r' ? n - 1 : n;
    l->no = ++r->no;
    return true;
}

/* Space within a line: what trim() removes, what a blank line holds. */
static bool is_blank_char(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Trim blank characters from both ends of s[0..*n); return the new start. */
static const char *trim(const char *s, size_t *n) {
    while (*n > 0 && is_blank_char(s[0])) s++, (*n)--;
    while (*n > 0 && is_blank_char(s[*n - 1])) (*n)--;
    return s;
}

static bool line_is_blank(const line *l) {
    size_t n = l->len;
    trim(l->s, &n);
    return n == 0;
}

/* Is the line "---" (trailing spaces allowed)? */
static bool line_is_fence(const line *l) {
    size_t n = l->len;
    while (n > 0 && is_blank_char(l->s[n - 1])) n--;
    return n == 3 && memcmp(l->s, "---", 3) == 0;
}

/* Skip blank lines; read the first other line into *l.  False at end. */
static bool next_nonblank(reader *r, line *l) {
    while (next_line(r, l)) {
        if (!line_is_blank(l)) return true;
    }
    return false;
}

/* ---------------------------------------------------------------- parser */

enum key {KEY_TITLE, KEY_DATE, KEY_SECTION, KEY_TAGS, KEY_AUTHOR, KEY_SLUG,
          KEY_STATUS, KEY_COMMENTS, KEY_ID, KEY_COUNT};

static const char *const key_names[KEY_COUNT] = {
    "title", "date", "section", "tags", "author", "slug", "status", "comments",
    "id",
};

typedef struct parser {
    arena_t *a;
    const char *file;
    err_t *err;
    frontmatter_doc *doc;
    reader r;
    int key_line[KEY_COUNT];    /* where each key was seen; 0 = not yet */
    size_t tags_cap;
    bool in_tag_list;           /* after "tags:" with no value */
} parser;

/* Write "FILE:LINE: message" into the error.  Returns -1. */
__attribute__((format(printf, 3, 4)))
static int fail(parser *p, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err_vat(p->err, p->file, line, fmt, ap);
    va_end(ap);
    return -1;
}

/* Trim the arena string v where it lies; return its new start. */
static char *trim_in_place(char *v) {
    size_t n = strlen(v);
    char *t = v + (trim(v, &n) - v);
    t[n] = '\0';
    return t;
}

/* Add a tag (trimmed; an empty one is dropped). */
static void add_tag(parser *p, char *tag) {
    frontmatter_doc *d = p->doc;
    tag = trim_in_place(tag);
    if (*tag == '\0') return;
    d->tags = vec_grow_arena(p->a, d->tags, d->ntags, &p->tags_cap,
                             d->ntags + 1, sizeof *d->tags);
    d->tags[d->ntags++] = tag;
}

/* --------------------------------------------------------------- scalars */

/* Parse the double-quoted string starting at s[*i] == '"' and ending
** before s[n]; store its value in *out and leave *i after the closing
** quote. */
static int read_double_quoted(parser *p, int no, const char *s, size_t n,
                              size_t *i, char **out) {
    char *v = arena_alloc(p->a, n + 1);
    size_t o = 0;
    for (size_t k = *i + 1; k < n; k++) {
        char c = s[k];
        if (c == '"') {
            v[o] = '\0';
            *out = v;
            *i = k + 1;
            return 0;
        }
        if (c == '\\') {
            if (++k == n) break;
            switch (s[k]) {
            case '"': case '\\': case '/': c = s[k]; break;
            case 't': c = '\t'; break;
            case 'n': c = '\n'; break;
            default:
                return fail(p, no, "unknown escape '\\%c' in quoted string",
                            s[k] >= ' ' && s[k] < 127 ? s[k] : '?');
            }
        }
        v[o++] = c;
    }
    return fail(p, no, "unterminated quoted string");
}

/* As read_double_quoted, for a single-quoted string ('' is one '). */
static int read_single_quoted(parser *p, int no, const char *s, size_t n,
                              size_t *i, char **out) {
    char *v = arena_alloc(p->a, n + 1);
    size_t o = 0;
    for (size_t k = *i + 1; k < n; k++) {
        if (s[k] == '\'') {
            if (k + 1 < n && s[k + 1] == '\'') {
                v[o++] = s[++k];
                continue;
            }
            v[o] = '\0';
            *out = v;
            *i = k + 1;
            return 0;
        }
        v[o++] = s[k];
    }
    return fail(p, no, "unterminated quoted string");
}

static int read_quoted(parser *p, int no, const char *s, size_t n, size_t *i,
                       char **out) {
    if (s[*i] == '"') return read_double_quoted(p, no, s, n, i, out);
    return read_single_quoted(p, no, s, n, i, out);
}

/* Parse a whole value s[0..n) (already trimmed): quoted or bare.  A
** quoted value must be all there is. */
static int read_scalar(parser *p, int no, const char *s, size_t n,
                       char **out) {
    if (n == 0 || (s[0] != '"' && s[0] != '\'')) {
        *out = arena_strndup(p->a, s, n);
        return 0;
    }
    size_t i = 0;
    if (read_quoted(p, no, s, n, &i, out) != 0) return -1;
    if (i != n) return fail(p, no, "unexpected text after quoted string");
    return 0;
}

/* ------------------------------------------------------------------ tags */

/* Read one item of a flow list at s[*i]: quoted, or bare up to ',' or ']'. */
static int read_flow_item(parser *p, int no, const char *s, size_t n,
                          size_t *i) {
    char *tag;
    if (s[*i] == '"' || s[*i] == '\'') {
        if (read_quoted(p, no, s, n, i, &tag) != 0) return -1;
    } else {
        size_t start = *i;
        while (*i < n && s[*i] != ',' && s[*i] != ']') (*i)++;
        size_t len = *i - start;
        const char *t = trim(s + start, &len);
        tag = arena_strndup(p->a, t, len);
    }
    add_tag(p, tag);
    return 0;
}

/* Parse "[a, b, ...]" (s[0] == '[', trimmed) into the tags. */
static int read_flow_list(parser *p, int no, const char *s, size_t n) {
    size_t i = 1;
    for (;;) {
        while (i < n && is_blank_char(s[i])) i++;
        if (i == n) return fail(p, no, "unterminated '[' list");
        if (s[i] == ']') break;
        if (s[i] != ',' && read_flow_item(p, no, s, n, &i) != 0) return -1;
        while (i < n && is_blank_char(s[i])) i++;
        if (i == n) return fail(p, no, "unterminated '[' list");
        if (s[i] == ']') break;
        if (s[i] != ',') return fail(p, no, "expected ',' or ']' in list");
        i++;
    }
    if (i + 1 != n) return fail(p, no, "unexpected text after ']'");
    return 0;
}

/* Parse the value of "tags:": a flow list, a quoted tag, a bare
** comma-separated list, or nothing (a block list may follow). */
static int read_tags(parser *p, int no, const char *s, size_t n) {
    char *tag;
    if (n == 0) {
        p->in_tag_list = true;
        return 0;
    }
    if (s[0] == '[') return read_flow_list(p, no, s, n);
    if (s[0] == '"' || s[0] == '\'') {
        if (read_scalar(p, no, s, n, &tag) != 0) return -1;
        add_tag(p, tag);
        return 0;
    }
    const char *end = s + n;
    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        size_t len = (size_t)((comma ? comma : end) - s);
        const char *t = trim(s, &len);
        add_tag(p, arena_strndup(p->a, t, len));
        s = comma ? comma + 1 : end;
    }
    return 0;
}

/* If the line is a block-list item ("  - value"), add it to the tags and
** return 1; return 0 if it is not one, -1 on a bad value. */
static int read_list_item(parser *p, const line *l) {
    size_t n = l->len;
    const char *s = trim(l->s, &n);
    if (n == 0 || s[0] != '-' || (n > 1 && !is_blank_char(s[1]))) return 0;
    n--, s++;
    s = trim(s, &n);
    char *tag;
    if (read_scalar(p, l->no, s, n, &tag) != 0) return -1;
    add_tag(p, tag);
    return 1;
}

/* ------------------------------------------------------------------ keys */

/* The value of "id:": a whole number from 1 to LLONG_MAX, digits only. */
static int read_id(parser *p, int no, const char *v) {
    long long id = 0;
    for (const char *c = v; *c; c++) {
        if (*c < '0' || *c > '9' || id > (LLONG_MAX - (*c - '0')) / 10)
            return fail(p, no, "id must be a whole number from 1 up");
        id = id * 10 + (*c - '0');
    }
    if (id == 0) return fail(p, no, "id must be a whole number from 1 up");
    p->doc->id = id;
    p->doc->id_line = no;
    return 0;
}

/* Check and store the value of a scalar key. */
static int set_key(parser *p, enum key k, int no, char *v) {
    frontmatter_doc *d = p->doc;
    v = trim_in_place(v);                  /* quoted values too */
    if (*v == '\0' && k != KEY_TITLE) return 0;      /* empty = absent */
    switch (k) {
    case KEY_TITLE: d->title = v; break;
    case KEY_SECTION: d->section = v; break;
    case KEY_AUTHOR: d->author = v; break;
    case KEY_SLUG: d->slug = v; break;
    case KEY_STATUS:
        if (strcmp(v, "publish") != 0 && strcmp(v, "draft") != 0)
            return fail(p, no, "status must be 'publish' or 'draft'");
        d->status = v;
        break;
    case KEY_COMMENTS:
        if (strcmp(v, "open") != 0 && strcmp(v, "closed") != 0)
            return fail(p, no, "comments must be 'open' or 'closed'");
        d->comments = v;
        break;
    case KEY_ID:
        return read_id(p, no, v);
    case KEY_DATE: {
        long long epoch;
        err_t why;
        if (date_parse(v, &epoch, &why) != 0)
            return fail(p, no, "%s", why.msg);
        d->date = v;
        d->date_line = no;
        break;
    }
    default:
        break;
    }
    return 0;
}

/* The length of the key at the start of s[0..n): [A-Za-z_][A-Za-z0-9_-]*. */
static size_t key_length(const char *s, size_t n) {
    size_t i = 0;
    while (i < n && (s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') ||
                     (s[i] >= 'A' && s[i] <= 'Z') ||
                     (i > 0 && ((s[i] >= '0' && s[i] <= '9') || s[i] == '-'))))
        i++;
    return i;
}

static int lookup_key(const char *s, size_t n) {
    for (int k = 0; k < KEY_COUNT; k++) {
        if (strlen(key_names[k]) == n && memcmp(key_names[k], s, n) == 0)
            return k;
    }
    return -1;
}

/* Parse one "key: value" line. */
static int read_key_line(parser *p, const line *l) {
    size_t klen = key_length(l->s, l->len), i = klen;
    while (i < l->len && is_blank_char(l->s[i])) i++;
    if (klen == 0 || i == l->len || l->s[i] != ':')
        return fail(p, l->no, "expected 'key: value'");
    int k = lookup_key(l->s, klen);
    if (k < 0)
        return fail(p, l->no, "unknown key '%.*s'", klen > 40 ? 40 : (int)klen,
                    l->s);
    if (p->key_line[k])
        return fail(p, l->no, "duplicate key '%s' (first on line %d)",
                    key_names[k], p->key_line[k]);
    p->key_line[k] = l->no;
    size_t n = l->len - i - 1;
    const char *v = trim(l->s + i + 1, &n);
    if (k == KEY_TAGS) return read_tags(p, l->no, v, n);
    char *value;
    if (read_scalar(p, l->no, v, n, &value) != 0) return -1;
    return set_key(p, (enum key)k, l->no, value);
}

/* Parse one line between the fences. */
static int read_front_line(parser *p, const line *l) {
    if (line_is_blank(l) || l->s[0] == '#') return 0;
    if (p->in_tag_list) {
        int rc = read_list_item(p, l);
        if (rc != 0) return rc < 0 ? -1 : 0;
        p->in_tag_list = false;
    }
    return read_key_line(p, l);
}

/* The line number of the closing fence, or 0 if there is none.  The
** reader is positioned after the opening fence and is not moved. */
static int find_closing_fence(const parser *p) {
    reader r = p->r;
    line l;
    while (next_line(&r, &l)) {
        if (line_is_fence(&l)) return l.no;
    }
    return 0;
}

/* Read the front matter block; the opening fence has been read. */
static int read_front_matter(parser *p) {
    int close = find_closing_fence(p);
    if (close == 0) return fail(p, 1, "front matter is not closed with '---'");
    line l;
    while (next_line(&p->r, &l) && l.no < close) {
        if (read_front_line(p, &l) != 0) return -1;
    }
    p->doc->markdown = true;
    if (p->doc->title == NULL || *p->doc->title == '\0')
        return fail(p, p->key_line[KEY_TITLE] ? p->key_line[KEY_TITLE] : close,
                    "missing title");
    return 0;
}

/* ------------------------------------------------------------ the others */

/* If l is an ATX heading of level 1 ("# Title #"), store its text and
** return true. */
static bool atx_title(parser *p, const line *l) {
    size_t n = l->len, i = 0;
    while (i < 3 && i < n && l->s[i] == ' ') i++;
    if (i == n || l->s[i] != '#') return false;
    i++;
    if (i < n && !is_blank_char(l->s[i])) return false;
    n -= i;
    const char *s = trim(l->s + i, &n);
    size_t hashes = 0;                      /* an optional closing "###" */
    while (hashes < n && s[n - 1 - hashes] == '#') hashes++;
    if (hashes == n || is_blank_char(s[n - 1 - hashes])) n -= hashes;
    s = trim(s, &n);
    p->doc->title = arena_strndup(p->a, s, n);
    return true;
}

/* A Markdown file without front matter: its first line is "# Title". */
static int read_heading_file(parser *p) {
    line l;
    if (!next_nonblank(&p->r, &l)) return fail(p, 1, "empty file");
    p->doc->markdown = true;
    if (!atx_title(p, &l) || *p->doc->title == '\0')
        return fail(p, l.no, "missing title (a Markdown file starts with "
                    "front matter or a '# ' heading)");
    return 0;
}

/* A plain-text file: its first line is the headline. */
static int read_plain_file(parser *p) {
    line l;
    if (!next_nonblank(&p->r, &l)) return fail(p, 1, "empty file");
    size_t n = l.len;
    const char *s = trim(l.s, &n);
    p->doc->title = arena_strndup(p->a, s, n);
    return 0;
}

/* Copy the rest of the input into doc->body: leading blank lines and
** trailing whitespace dropped, CRLF made LF. */
static void read_body(parser *p) {
    reader *r = &p->r;
    line l;
    size_t start = r->pos;
    int no = r->no + 1;
    while (next_line(r, &l) && line_is_blank(&l)) start = r->pos, no = r->no + 1;
    const char *s = r->src + start;
    size_t n = r->len - start;
    while (n > 0 && (is_blank_char(s[n - 1]) || s[n - 1] == '\n' ||
                     s[n - 1] == '\r'))
        n--;
    char *body = arena_alloc(p->a, n + 1), *o = body;
    for (size_t i = 0; i < n; i++) {
        if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')) *o++ = s[i];
    }
    *o = '\0';
    p->doc->body = body;
    p->doc->body_line = no;
}

/* ---------------------------------------------------------- whole file */

static bool has_markdown_name(const char *name) {
    size_t n = strlen(name);
    return (n >= 3 && strcasecmp(name + n - 3, ".md") == 0) ||
           (n >= 9 && strcasecmp(name + n - 9, ".markdown") == 0);
}

static int line_of_offset(const char *s, size_t off) {
    int no = 1;
    for (const char *q = s; (q = memchr(q, '\n', off - (size_t)(q - s))); q++)
        no++;
    return no;
}

/* Check the bytes: valid UTF-8, no NUL, not blank. */
static int check_bytes(parser *p) {
    const char *s = p->r.src;
    size_t len = p->r.len;
    if (len >= INT_MAX) return fail(p, 1, "file too large");
    size_t good = utf8_valid_prefix(s, len);
    const char *nul = memchr(s, '\0', good);
    if (nul) return fail(p, line_of_offset(s, (size_t)(nul - s)), "NUL byte");
    if (good < len) return fail(p, line_of_offset(s, good), "invalid UTF-8");
    for (size_t i = 0; i < len; i++) {
        if (!is_blank_char(s[i]) && s[i] != '\n' && s[i] != '\r') return 0;
    }
    return fail(p, 1, "empty file");
}

static int parse(parser *p) {
    if (check_bytes(p) != 0) return -1;
    line first;
    reader start = p->r;
    int rc;
    if (next_line(&p->r, &first) && line_is_fence(&first)) {
        rc = read_front_matter(p);
    } else {
        p->r = start;
        rc = has_markdown_name(p->file) ? read_heading_file(p)
                                        : read_plain_file(p);
    }
    if (rc != 0) return -1;
    read_body(p);
    return 0;
}

/*
** Read an import file src[0..len) (need not be NUL-terminated) into *out.
** filename (NULL means "-") picks the format when there is no front
** matter (.md / .markdown: Markdown, else plain text) and starts every
** error message.  The first line "---" means front matter, whatever the
** name.  All strings in *out are NUL-terminated, valid UTF-8, and in the
** arena; title is never empty; date, when set, is accepted by
** date_parse; status, when set, is "publish" or "draft"; id, when
** set, is from 1 up.  Returns 0,
** or -1 with "FILE:LINE: what is wrong" in err and *out zeroed.
*/
int frontmatter_parse(arena_t *a, const char *src, size_t len, const char *filename, frontmatter_doc *out, err_t *err) {
    parser p = {.a = a, .file = filename ? filename : "-", .err = err,
                .doc = out};
    memset(out, 0, sizeof *out);
    if (src == NULL) src = "", len = 0;
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) src += 3, len -= 3;
    p.r = (reader){.src = src, .len = len};
    if (parse(&p) == 0) return 0;
    memset(out, 0, sizeof *out);
    return -1;
}
