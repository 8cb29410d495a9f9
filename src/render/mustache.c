/*
** mustache.c — the Mustache template engine; see mustache.h.
**
** Compiling.  A template is parsed once, in three passes over its source:
**
**   1. tokenize()    splits the source into tokens: text (never longer than
**                    one line; a newline ends its token) and tags.  The
**                    set-delimiter tag {{=<% %>=}} is applied here, so
**                    later passes never see delimiters.
**   2. match_sections(), split_lines(), dedent_blocks()  pair every open
**                    tag with its close, group the tokens into source
**                    lines, and decide which lines are "standalone" (hold
**                    only whitespace and non-output tags: such a line
**                    disappears from the output, whitespace and newline
**                    included).  Standalone blocks {{$x}} also get their
**                    indentation measured here (see below).
**   3. build()       turns the lines into a tree of nodes allocated in the
**                    template's own arena: text, interpolations, sections,
**                    partials, parents and blocks.  Freeing a template is
**                    one arena_free().
**
** Indentation.  The spec says a standalone partial is indented by
** prepending its tag's leading whitespace to every line of the partial's
** source.  We cannot edit the source at render time, so instead the
** compiler puts an INDENT node at the start of every non-empty source
** line that is not standalone, and rendering carries the indentation in
** effect as a chain of strings on the C stack (struct indent): an INDENT
** node prints the chain, nothing else does.  Outside any indented partial
** the chain is empty and INDENT nodes print nothing.
**
** Inheritance.  A parent {{<p}}...{{/p}} renders template p with the
** blocks {{$x}}...{{/x}} found directly inside the tag as arguments.
** Arguments accumulate on a chain (struct arguments) as parents nest,
** and when a block looks its name up the outermost argument wins: the
** template at the top of an inheritance chain has the last word.  Block
** indentation follows the spec's ~inheritance rules: the body of a block
** whose open tag is standalone is dedented at compile time (its common
** leading whitespace is stripped, line by line) and re-indented at the
** place where it is expanded, by the indentation of that block's own
** default body (or of its tag when the body is empty).
**
** Rendering.  render_node() walks the tree against a view, keeping the
** context stack as a chain of struct context on the C stack; it reads the
** set and the view and writes only to the caller's buf_t, which is why
** many threads can render the same set at once.  Three limits keep a bad
** template from hurting the server: nesting depth (which also bounds
** recursive partials), nodes visited, and bytes written (mustache.h).
*/
#include "mustache.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "file.h"
#include "vec.h"

/* ------------------------------------------------------------------ */
/* The compiled form                                                   */
/* ------------------------------------------------------------------ */

typedef enum node_kind {
    NODE_TEXT,      /* literal bytes */
    NODE_INDENT,    /* a source line starts: print the indentation in effect */
    NODE_ESCAPED,   /* {{name}} */
    NODE_RAW,       /* {{{name}}} or {{&name}} */
    NODE_SECTION,   /* {{#name}}children{{/name}} */
    NODE_INVERTED,  /* {{^name}}children{{/name}} */
    NODE_PARTIAL,   /* {{>name}} */
    NODE_PARENT,    /* {{<name}}children{{/name}}: the BLOCK children are
                    ** its arguments, other children are ignored */
    NODE_BLOCK,     /* {{$name}}children{{/name}}: children are the default */
} node_kind;

typedef struct segment {        /* one part of a dotted name */
    const char *s;
    size_t len;
} segment;

typedef struct node node;
struct node {
    node_kind kind;
    bool standalone;            /* PARTIAL, PARENT, BLOCK: tag's line is
                                ** standalone, so indent applies */
    int line;                   /* source line of the tag, for messages */
    const char *text;           /* TEXT: the bytes; tags: the name */
    size_t len;
    const segment *path;        /* ESCAPED..INVERTED: name split at dots, */
    size_t path_len;            /*   0 segments for the implicit "." */
    const char *indent;         /* PARTIAL, PARENT, BLOCK when standalone: */
    size_t indent_len;          /*   added to the indentation in effect */
    node *children;
    node *next;
};

typedef struct template_t {
    const char *name;
    size_t name_len;
    arena_t arena;              /* the name, a copy of the source, nodes */
    node *root;
    struct template_t *next;    /* hash chain in the set */
} template_t;

/* A chained hash table of templates by name.  Written only while the set
** is built, read-only while rendering. */
struct mustache_set {
    template_t **buckets;
    size_t nbuckets;            /* a power of two */
    size_t count;
};

/* ------------------------------------------------------------------ */
/* Pass 1: tokens                                                      */
/* ------------------------------------------------------------------ */

#define NONE SIZE_MAX

enum { TEXT = 0 };   /* token type of text; tags use their sigil, with
                     ** 'v' for {{name}} and '&' for {{&name}} {{{name}}} */

typedef struct token {
    char type;
    int line;                   /* source line where the token starts */
    size_t at;                  /* source offset of its first byte */
    size_t start, len;          /* text: its bytes; tag: its trimmed name */
    size_t group;               /* index of its line in parser.lines */
    size_t partner;             /* open and close tags: each other */
    size_t indent, indent_len;  /* standalone {{$x}}: its own indentation */
} token;

typedef struct line_t {
    size_t first, end;          /* its tokens: [first, end) */
    size_t ws;                  /* leading blanks (' ', '\t') */
    size_t strip;               /* leading blanks a standalone block
                                ** around it removes (dedent) */
    bool standalone;
    bool keep_eol;              /* standalone "{{$x}}{{/x}}" line: its
                                ** newline stays (spec ~inheritance) */
} line_t;

typedef struct delims {
    const char *open, *close;
    size_t open_len, close_len;
} delims;

typedef struct parser {
    const char *name;           /* template name, for messages */
    const char *src;
    size_t len;
    token *tokens;
    size_t ntokens, tokens_cap;
    line_t *lines;
    size_t nlines, lines_cap;
    arena_t *arena;
    err_t *err;
    int lineno;                 /* tokenizer's current source line */
} parser;

static int name_width(size_t len) { return len > 80 ? 80 : (int)len; }

/* Write "NAME:LINE: message" into the parser's err.  Returns -1. */
static int parse_error(const parser *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int parse_error(const parser *p, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err_vat(p->err, p->name, line, fmt, ap);
    va_end(ap);
    return -1;
}

static token *token_new(parser *p, char type, size_t at) {
    p->tokens = vec_grow(p->tokens, &p->tokens_cap, p->ntokens + 1,
                     sizeof *p->tokens);
    token *t = &p->tokens[p->ntokens++];
    memset(t, 0, sizeof *t);
    t->type = type;
    t->line = p->lineno;
    t->at = at;
    t->partner = NONE;
    return t;
}

/* Add source bytes [from, to) as text tokens, one per line piece. */
static void lex_text(parser *p, size_t from, size_t to) {
    while (from < to) {
        const char *nl = memchr(p->src + from, '\n', to - from);
        size_t end = nl ? (size_t)(nl - p->src) + 1 : to;
        token *t = token_new(p, TEXT, from);
        t->start = from;
        t->len = end - from;
        if (nl) p->lineno++;
        from = end;
    }
}

/* Offset of the close delimiter that ends a tag whose content starts at
** from, or NONE.  With a suffix ('}' or '='), the content must end with
** it: "{{{x}}}" ends at the "}}" preceded by '}'. */
static size_t find_close(const parser *p, const delims *d, size_t from,
                         char suffix) {
    size_t at = from;
    while (at < p->len) {
        const char *c = memmem(p->src + at, p->len - at, d->close,
                               d->close_len);
        if (c == NULL) return NONE;
        size_t i = (size_t)(c - p->src);
        if (suffix == 0 || (i > from && p->src[i - 1] == suffix)) return i;
        at = i + 1;
    }
    return NONE;
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* Narrow [*from, *to) to exclude surrounding whitespace. */
static void trim(const char *s, size_t *from, size_t *to) {
    while (*from < *to && is_space(s[*from])) (*from)++;
    while (*to > *from && is_space(s[*to - 1])) (*to)--;
}

/* Apply the set-delimiter tag whose trimmed content is [from, to). */
static int set_delims(parser *p, delims *d, size_t from, size_t to,
                      int line) {
    size_t mid = from;
    while (mid < to && !is_space(p->src[mid])) mid++;
    size_t next = mid;
    while (next < to && is_space(p->src[next])) next++;
    bool ok = mid > from && next < to;
    for (size_t i = next; ok && i < to; i++)
        if (is_space(p->src[i])) ok = false;
    for (size_t i = from; ok && i < to; i++)
        if (p->src[i] == '=') ok = false;
    if (!ok) return parse_error(p, line, "bad set-delimiter tag");
    d->open = p->src + from;
    d->open_len = mid - from;
    d->close = p->src + next;
    d->close_len = to - next;
    return 0;
}

/* Check a tag name [from, to): not empty, no whitespace inside. */
static int check_name(const parser *p, size_t from, size_t to, int line) {
    if (from == to) return parse_error(p, line, "empty tag");
    for (size_t i = from; i < to; i++) {
        if (is_space(p->src[i]))
            return parse_error(p, line, "bad tag name '%.*s'",
                               name_width(to - from), p->src + from);
    }
    return 0;
}

/* Lex the tag whose open delimiter is at offset at; set *next to the
** offset just past it. */
static int lex_tag(parser *p, delims *d, size_t at, size_t *next) {
    int line = p->lineno;
    size_t from = at + d->open_len;
    char type = 'v', suffix = 0;
    if (from < p->len && p->src[from] &&
        strchr("#^/!=><$&{", p->src[from]))
        type = p->src[from++];
    if (type == '{') suffix = '}', type = '&';
    if (type == '=') suffix = '=';
    size_t close = find_close(p, d, from, suffix);
    if (close == NONE)
        return parse_error(p, line, "unclosed tag (no '%.*s' after '%.*s')",
                           (int)d->close_len, d->close,
                           (int)d->open_len, d->open);
    *next = close + d->close_len;
    for (size_t i = at; i < *next; i++)
        if (p->src[i] == '\n') p->lineno++;
    size_t to = close - (suffix ? 1 : 0);
    trim(p->src, &from, &to);
    if (type == '=' && set_delims(p, d, from, to, line)) return -1;
    if (type != '!' && type != '=' && check_name(p, from, to, line))
        return -1;
    token *t = token_new(p, type, at);
    t->line = line;
    t->start = from;
    t->len = to - from;
    return 0;
}

static int tokenize(parser *p) {
    delims d = {"{{", "}}", 2, 2};
    size_t pos = 0;
    while (pos < p->len) {
        const char *o = memmem(p->src + pos, p->len - pos, d.open,
                               d.open_len);
        size_t at = o ? (size_t)(o - p->src) : p->len;
        lex_text(p, pos, at);
        if (o == NULL) break;
        if (lex_tag(p, &d, at, &pos)) return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Pass 2: sections, lines, standalone, dedent                         */
/* ------------------------------------------------------------------ */

static bool opens_section(char type) {
    return type == '#' || type == '^' || type == '<' || type == '$';
}

static bool same_name(const parser *p, const token *a, const token *b) {
    return a->len == b->len &&
           memcmp(p->src + a->start, p->src + b->start, a->len) == 0;
}

/* Pair close tag i with the innermost open tag, *top, and pop it. */
static int close_section(parser *p, size_t i, size_t *top) {
    token *t = &p->tokens[i];
    const char *name = p->src + t->start;
    if (*top == NONE)
        return parse_error(p, t->line, "close tag '%.*s' without open "
                           "section", name_width(t->len), name);
    token *open = &p->tokens[*top];
    if (!same_name(p, open, t))
        return parse_error(p, t->line, "mismatched close tag '%.*s' (open "
                           "section '%.*s' from line %d)",
                           name_width(t->len), name, name_width(open->len),
                           p->src + open->start, open->line);
    t->partner = *top;
    *top = open->partner;
    open->partner = i;
    return 0;
}

/* Pair each close tag with its open tag (partner, both ways).  While
** open, a tag's partner links to the enclosing open tag: the stack. */
static int match_sections(parser *p) {
    size_t top = NONE;
    int depth = 0;
    for (size_t i = 0; i < p->ntokens; i++) {
        token *t = &p->tokens[i];
        if (opens_section(t->type)) {
            if (++depth > MUSTACHE_MAX_DEPTH)
                return parse_error(p, t->line, "sections nested deeper "
                                   "than %d", MUSTACHE_MAX_DEPTH);
            t->partner = top;
            top = i;
        } else if (t->type == '/') {
            if (close_section(p, i, &top)) return -1;
            depth--;
        }
    }
    if (top == NONE) return 0;
    const token *open = &p->tokens[top];
    return parse_error(p, open->line, "unclosed section '%.*s'",
                       name_width(open->len), p->src + open->start);
}

/* Text made only of blanks, optionally ending in "\n" or "\r\n". */
static bool text_is_blank(const parser *p, const token *t) {
    const char *s = p->src + t->start;
    size_t n = t->len;
    if (n && s[n - 1] == '\n') n--;
    if (n && s[n - 1] == '\r' && t->len > n) n--;
    for (size_t i = 0; i < n; i++)
        if (!is_blank(s[i])) return false;
    return true;
}

/* Tags that may share a standalone line: those of inheritance, so that
** "{{<parent}}{{$block}}" and "{{/block}}{{/parent}}" vanish as a pair. */
static bool is_inheritance_tag(const parser *p, const token *t) {
    if (t->type == '/') t = &p->tokens[t->partner];
    return t->type == '<' || t->type == '$';
}

/* Decide whether line l is standalone: only blanks and non-output tags,
** exactly one tag unless all are inheritance tags. */
static void mark_standalone(const parser *p, line_t *l) {
    size_t tags = 0, first_tag = NONE;
    bool inheritance_only = true;
    for (size_t k = l->first; k < l->end; k++) {
        const token *t = &p->tokens[k];
        if (t->type == TEXT) {
            if (!text_is_blank(p, t)) return;
            continue;
        }
        if (t->type == 'v' || t->type == '&') return;
        if (tags++ == 0) first_tag = k;
        if (!is_inheritance_tag(p, t)) inheritance_only = false;
    }
    if (tags == 0 || (tags > 1 && !inheritance_only)) return;
    l->standalone = true;
    const token *t = &p->tokens[first_tag];
    l->keep_eol = tags == 2 && t->type == '$' && t->partner < l->end;
}

static size_t leading_blanks(const parser *p, const line_t *l) {
    const token *t = &p->tokens[l->first];
    size_t n = 0;
    if (t->type == TEXT)
        while (n < t->len && is_blank(p->src[t->start + n])) n++;
    return n;
}

/* Group the tokens into source lines; a text token ending in '\n' ends
** its line. */
static void split_lines(parser *p) {
    size_t i = 0;
    while (i < p->ntokens) {
        p->lines = vec_grow(p->lines, &p->lines_cap, p->nlines + 1,
                        sizeof *p->lines);
        line_t *l = &p->lines[p->nlines];
        memset(l, 0, sizeof *l);
        l->first = i;
        while (i < p->ntokens) {
            token *t = &p->tokens[i++];
            t->group = p->nlines;
            if (t->type == TEXT && p->src[t->start + t->len - 1] == '\n')
                break;
        }
        l->end = i;
        p->nlines++;
        l->ws = leading_blanks(p, l);
        mark_standalone(p, l);
    }
}

/* True when tokens [first of line g, stop) hold only blanks. */
static bool line_is_blank(const parser *p, size_t g, size_t stop) {
    for (size_t k = p->lines[g].first; k < stop; k++) {
        const token *t = &p->tokens[k];
        if (t->type != TEXT || !text_is_blank(p, t)) return false;
    }
    return true;
}

static size_t common_prefix(const char *a, size_t alen, const char *b,
                            size_t blen) {
    size_t n = 0;
    while (n < alen && n < blen && a[n] == b[n]) n++;
    return n;
}

/* For the standalone block opened by token open: find the common leading
** blanks of its body's non-blank lines, have those lines strip them, and
** record the block's own indentation (relative to any enclosing block's
** dedent): the body's indentation, or its tag's when the body is blank. */
static void dedent_block(parser *p, size_t open) {
    token *t = &p->tokens[open];
    const token *close = &p->tokens[t->partner];
    const line_t *own = &p->lines[t->group];
    size_t first = t->group + 1;
    size_t last = close->group + (p->lines[close->group].standalone ? 0 : 1);
    const char *prefix = NULL;
    size_t plen = 0;
    for (size_t g = first; g < last; g++) {
        size_t stop = g == close->group ? t->partner : p->lines[g].end;
        if (line_is_blank(p, g, stop)) continue;
        const char *ws = p->src + p->tokens[p->lines[g].first].at;
        if (prefix == NULL) prefix = ws, plen = p->lines[g].ws;
        else plen = common_prefix(prefix, plen, ws, p->lines[g].ws);
    }
    if (prefix == NULL) {
        prefix = p->src + p->tokens[own->first].at;
        plen = own->ws;
    } else {
        for (size_t g = first; g < last; g++) p->lines[g].strip = plen;
    }
    size_t cut = own->strip < plen ? own->strip : plen;
    t->indent = (size_t)(prefix - p->src) + cut;
    t->indent_len = plen - cut;
}

/* Dedent every standalone block, outer blocks first so that an inner
** block's strip overrides its enclosing block's on the lines it owns. */
static void dedent_blocks(parser *p) {
    for (size_t i = 0; i < p->ntokens; i++) {
        const token *t = &p->tokens[i];
        if (t->type == '$' && p->lines[t->group].standalone)
            dedent_block(p, i);
    }
}

/* ------------------------------------------------------------------ */
/* Pass 3: the node tree                                               */
/* ------------------------------------------------------------------ */

typedef struct builder {
    parser *p;
    node **tails[MUSTACHE_MAX_DEPTH + 2];   /* per open section (and the
                                            ** root): where its next child
                                            ** goes; match_sections()
                                            ** bounds the depth */
    size_t top;
} builder;

static node *append(builder *b, node_kind kind, int line) {
    node *n = arena_calloc(b->p->arena, sizeof *n);
    n->kind = kind;
    n->line = line;
    *b->tails[b->top] = n;
    b->tails[b->top] = &n->next;
    return n;
}

static void append_text(builder *b, const char *s, size_t len, int line) {
    node *n = append(b, NODE_TEXT, line);
    n->text = s;
    n->len = len;
}

/* Split n's name at dots into n->path; "." has no segments. */
static void split_path(builder *b, node *n) {
    if (n->len == 1 && n->text[0] == '.') return;
    size_t count = 1;
    for (size_t i = 0; i < n->len; i++) count += n->text[i] == '.';
    segment *seg = arena_alloc(b->p->arena, count * sizeof *seg);
    const char *s = n->text, *end = n->text + n->len;
    for (size_t k = 0; k < count; k++) {
        const char *dot = memchr(s, '.', (size_t)(end - s));
        if (dot == NULL) dot = end;
        seg[k].s = s;
        seg[k].len = (size_t)(dot - s);
        s = dot + 1;
    }
    n->path = seg;
    n->path_len = count;
}

static node *append_tag(builder *b, node_kind kind, const token *t) {
    node *n = append(b, kind, t->line);
    n->text = b->p->src + t->start;
    n->len = t->len;
    return n;
}

static void push(builder *b, node *n) {
    b->tails[++b->top] = &n->children;
}

/* Add the node for tag t.  indent is the whitespace before it when its
** line is standalone. */
static void build_tag(builder *b, const token *t, bool standalone,
                      const char *indent, size_t indent_len) {
    static const node_kind kinds[128] = {
        ['v'] = NODE_ESCAPED, ['&'] = NODE_RAW, ['#'] = NODE_SECTION,
        ['^'] = NODE_INVERTED, ['>'] = NODE_PARTIAL, ['<'] = NODE_PARENT,
        ['$'] = NODE_BLOCK,
    };
    if (t->type == '/') {
        b->top--;
        return;
    }
    if (t->type == '!' || t->type == '=') return;
    node *n = append_tag(b, kinds[(unsigned char)t->type], t);
    bool includes = n->kind == NODE_PARTIAL || n->kind == NODE_PARENT;
    if (!includes && n->kind != NODE_BLOCK) split_path(b, n);
    n->standalone = standalone;
    if (includes && standalone) {
        n->indent = indent;
        n->indent_len = indent_len;
    }
    if (n->kind == NODE_BLOCK) {
        n->indent = b->p->src + t->indent;
        n->indent_len = t->indent_len;
    }
    if (opens_section(t->type)) push(b, n);
}

/* A standalone line: its tags only, minus its whitespace and newline
** (except the newline of a "{{$x}}{{/x}}" line). */
static void build_standalone(builder *b, const line_t *l) {
    const parser *p = b->p;
    size_t cut = l->strip < l->ws ? l->strip : l->ws;
    const char *indent = p->src + p->tokens[l->first].at + cut;
    for (size_t k = l->first; k < l->end; k++) {
        const token *t = &p->tokens[k];
        if (t->type != TEXT) build_tag(b, t, true, indent, l->ws - cut);
    }
    const token *last = &p->tokens[l->end - 1];
    const char *s = p->src + last->start;
    if (!l->keep_eol || last->type != TEXT || s[last->len - 1] != '\n')
        return;
    size_t eol = last->len >= 2 && s[last->len - 2] == '\r' ? 2 : 1;
    append_text(b, s + last->len - eol, eol, last->line);
}

static bool is_eol(const char *s, size_t n) {
    return n == 0 || (n == 1 && s[0] == '\n') ||
           (n == 2 && s[0] == '\r' && s[1] == '\n');
}

/* An ordinary line: an INDENT node unless the line is empty, then its
** text (less any dedent) and tags. */
static void build_line(builder *b, const line_t *l) {
    const parser *p = b->p;
    for (size_t k = l->first; k < l->end; k++) {
        const token *t = &p->tokens[k];
        if (t->type != TEXT) {
            if (k == l->first) append(b, NODE_INDENT, t->line);
            build_tag(b, t, false, NULL, 0);
            continue;
        }
        const char *s = p->src + t->start;
        size_t n = t->len;
        if (k == l->first) {
            size_t cut = l->strip < l->ws ? l->strip : l->ws;
            s += cut, n -= cut;
            if (!(l->end == k + 1 && is_eol(s, n)))
                append(b, NODE_INDENT, t->line);
        }
        if (n) append_text(b, s, n, t->line);
    }
}

static void build(parser *p, node **root) {
    builder b = {.p = p, .top = 0};
    b.tails[0] = root;
    for (size_t g = 0; g < p->nlines; g++) {
        const line_t *l = &p->lines[g];
        if (l->standalone) build_standalone(&b, l);
        else build_line(&b, l);
    }
}

/* Compile src into a new template called name, or return NULL with a
** message in err. */
static template_t *template_compile(const char *name, const char *src,
                                    size_t len, err_t *err) {
    template_t *t = calloc(1, sizeof *t);
    if (t == NULL) abort();
    t->name_len = strlen(name);
    t->name = arena_strndup(&t->arena, name, t->name_len);
    parser p = {
        .name = t->name, .src = arena_strndup(&t->arena, src, len),
        .len = len, .arena = &t->arena, .err = err, .lineno = 1,
    };
    int rc = tokenize(&p);
    if (rc == 0) rc = match_sections(&p);
    if (rc == 0) {
        split_lines(&p);
        dedent_blocks(&p);
        build(&p, &t->root);
    }
    free(p.tokens);
    free(p.lines);
    if (rc == 0) return t;
    arena_free(&t->arena);
    free(t);
    return NULL;
}

static void template_free(template_t *t) {
    arena_free(&t->arena);
    free(t);
}

/* ------------------------------------------------------------------ */
/* The set                                                             */
/* ------------------------------------------------------------------ */

static size_t hash_name(const char *s, size_t len) {
    uint64_t h = 14695981039346656037ULL;           /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

static template_t **set_slot(const mustache_set *set, const char *name,
                             size_t len) {
    template_t **slot = &set->buckets[hash_name(name, len) &
                                      (set->nbuckets - 1)];
    while (*slot && !((*slot)->name_len == len &&
                      memcmp((*slot)->name, name, len) == 0))
        slot = &(*slot)->next;
    return slot;
}

static const template_t *set_find(const mustache_set *set, const char *name,
                                  size_t len) {
    return *set_slot(set, name, len);
}

static void set_rehash(mustache_set *set) {
    size_t old_n = set->nbuckets;
    template_t **old = set->buckets;
    set->nbuckets = old_n * 2;
    set->buckets = calloc(set->nbuckets, sizeof *set->buckets);
    if (set->buckets == NULL) abort();
    for (size_t i = 0; i < old_n; i++) {
        for (template_t *t = old[i], *next; t; t = next) {
            next = t->next;
            template_t **slot = set_slot(set, t->name, t->name_len);
            t->next = NULL;
            *slot = t;
        }
    }
    free(old);
}

/* Put t in set, freeing a template of the same name. */
static void set_insert(mustache_set *set, template_t *t) {
    template_t **slot = set_slot(set, t->name, t->name_len);
    if (*slot) {
        t->next = (*slot)->next;
        template_free(*slot);
        *slot = t;
        return;
    }
    *slot = t;
    if (++set->count > set->nbuckets) set_rehash(set);
}

mustache_set *mustache_set_new(void) {
    mustache_set *set = calloc(1, sizeof *set);
    if (set == NULL) abort();
    set->nbuckets = 16;
    set->buckets = calloc(set->nbuckets, sizeof *set->buckets);
    if (set->buckets == NULL) abort();
    return set;
}

int mustache_set_add(mustache_set *set, const char *name, const char *src,
                     size_t len, err_t *err) {
    template_t *t = template_compile(name, src, len, err);
    if (t == NULL) return -1;
    set_insert(set, t);
    return 0;
}

bool mustache_set_has(const mustache_set *set, const char *name) {
    return set_find(set, name, strlen(name)) != NULL;
}

void mustache_set_free(mustache_set *set) {
    if (set == NULL) return;
    for (size_t i = 0; i < set->nbuckets; i++) {
        for (template_t *t = set->buckets[i], *next; t; t = next) {
            next = t->next;
            template_free(t);
        }
    }
    free(set->buckets);
    free(set);
}

/* ------------------------------------------------------------------ */
/* Loading a directory                                                 */
/* ------------------------------------------------------------------ */

static const char EXTENSION[] = ".mustache";
enum { EXTENSION_LEN = sizeof EXTENSION - 1 };

static int is_template_file_name(const struct dirent *e) {
    size_t n = strlen(e->d_name);
    return n > EXTENSION_LEN && e->d_name[0] != '.' &&
           strcmp(e->d_name + n - EXTENSION_LEN, EXTENSION) == 0;
}

/* Add dir/file_name as a template named file_name less ".mustache";
** skip anything that is not a regular file. */
static int load_file(mustache_set *set, const char *dir,
                     const char *file_name, err_t *err) {
    buf_t path = BUF_INIT, src = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, file_name);
    struct stat st;
    int rc = 0;
    if (stat(path.data, &st) != 0) {
        rc = err_set(err, "%s: %s", path.data, strerror(errno));
    } else if (S_ISREG(st.st_mode)) {
        rc = file_read_all(path.data, &src, err);
        size_t name_len = strlen(file_name) - EXTENSION_LEN;
        char *name = strndup(file_name, name_len);
        if (name == NULL) abort();
        if (rc == 0 && mustache_set_add(set, name, src.data, src.len, err))
            rc = err_prefix(err, "%s", dir);
        free(name);
    }
    buf_free(&path);
    buf_free(&src);
    return rc;
}

int mustache_set_load_dir(mustache_set *set, const char *dir, err_t *err) {
    struct dirent **entries;
    int n = scandir(dir, &entries, is_template_file_name, alphasort);
    if (n < 0) return err_set(err, "%s: %s", dir, strerror(errno));
    int rc = 0;
    for (int i = 0; i < n; i++) {
        if (rc == 0) rc = load_file(set, dir, entries[i]->d_name, err);
        free(entries[i]);
    }
    free(entries);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Rendering                                                           */
/* ------------------------------------------------------------------ */

typedef struct context {        /* the context stack, innermost first */
    const view_t *value;
    const struct context *up;
} context;

typedef struct indent {         /* indentation in effect, innermost first */
    const char *s;
    size_t len;
    const struct indent *outer;
} indent;

typedef struct arguments {      /* enclosing parent tags, innermost first */
    const node *parent;
    const template_t *owner;    /* the template the parent tag is in */
    const struct arguments *outer;
} arguments;

typedef struct scope {          /* what a node is rendered against */
    const context *ctx;
    const indent *indent;
    const arguments *args;
} scope;

typedef struct renderer {
    const mustache_set *set;
    buf_t *out;
    err_t *err;
    const template_t *template; /* whose nodes are being walked */
    size_t start;               /* out->len on entry */
    unsigned long steps;
    int depth;
} renderer;

static int render_list(renderer *r, const node *n, const scope *sc);

/* Write "NAME:LINE: message" for node n, in the template being walked.
** Returns -1. */
static int render_error(const renderer *r, const node *n, const char *fmt,
                        ...) __attribute__((format(printf, 3, 4)));
static int render_error(const renderer *r, const node *n, const char *fmt,
                        ...) {
    va_list ap;
    va_start(ap, fmt);
    err_vat(r->err, r->template->name, n->line, fmt, ap);
    va_end(ap);
    return -1;
}

/* Count one more level of nesting for n; fail past the limit. */
static int enter(renderer *r, const node *n) {
    if (++r->depth <= MUSTACHE_MAX_DEPTH) return 0;
    return render_error(r, n, "nesting deeper than %d (recursive partial?)",
                        MUSTACHE_MAX_DEPTH);
}

/* The value n's name resolves to in ctx, or NULL.  The first segment is
** searched for down the context stack; the rest only inside it. */
static const view_t *lookup(const context *ctx, const node *n) {
    if (n->path_len == 0) return ctx ? ctx->value : NULL;
    const view_t *v = NULL;
    for (const context *c = ctx; c && v == NULL; c = c->up)
        v = view_get(c->value, n->path[0].s, n->path[0].len);
    for (size_t i = 1; v && i < n->path_len; i++)
        v = view_get(v, n->path[i].s, n->path[i].len);
    return v;
}

/* Integers without a decimal point; others in the shortest form that
** reads back as the same double. */
static void append_number(buf_t *out, double d) {
    char s[40];
    if (d == 0) {
        buf_putc(out, '0');
        return;
    }
    if (d > -1e15 && d < 1e15 && d == (double)(long long)d) {
        buf_printf(out, "%lld", (long long)d);
        return;
    }
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(s, sizeof s, "%.*g", precision, d);
        if (strtod(s, NULL) == d) break;
    }
    buf_puts(out, s);
}

static void interpolate(renderer *r, const node *n, const scope *sc) {
    const view_t *v = lookup(sc->ctx, n);
    if (v == NULL) return;
    switch (v->kind) {
    case VIEW_STRING:
        if (n->kind == NODE_ESCAPED)
            buf_append_html(r->out, v->u.string.s, v->u.string.len);
        else
            buf_append(r->out, v->u.string.s, v->u.string.len);
        break;
    case VIEW_NUMBER: append_number(r->out, v->u.number); break;
    case VIEW_BOOL: buf_puts(r->out, v->u.boolean ? "true" : "false"); break;
    default: break;   /* null, lists and maps print nothing */
    }
}

static void append_indent(buf_t *out, const indent *in) {
    if (in == NULL) return;
    append_indent(out, in->outer);
    buf_append(out, in->s, in->len);
}

/* Render list with value pushed on the context stack. */
static int render_in(renderer *r, const node *list, const scope *sc,
                     const view_t *value) {
    context c = {value, sc->ctx};
    scope inner = *sc;
    inner.ctx = &c;
    return render_list(r, list, &inner);
}

static int render_section(renderer *r, const node *n, const scope *sc) {
    const view_t *v = lookup(sc->ctx, n);
    if (!view_truthy(v)) return 0;
    if (enter(r, n)) return -1;
    int rc = 0;
    if (v->kind == VIEW_LIST) {
        for (const view_entry *e = v->u.items.first; e && rc == 0; e = e->next)
            rc = render_in(r, n->children, sc, e->value);
    } else {
        rc = render_in(r, n->children, sc, v);
    }
    r->depth--;
    return rc;
}

static int render_inverted(renderer *r, const node *n, const scope *sc) {
    if (view_truthy(lookup(sc->ctx, n))) return 0;
    if (enter(r, n)) return -1;
    int rc = render_list(r, n->children, sc);
    r->depth--;
    return rc;
}

/* Render template t for the partial or parent tag n. */
static int render_template(renderer *r, const template_t *t, const node *n,
                           const scope *sc) {
    if (enter(r, n)) return -1;
    const template_t *caller = r->template;
    r->template = t;
    int rc = render_list(r, t->root, sc);
    r->template = caller;
    r->depth--;
    return rc;
}

/* A partial or parent: standalone, it indents the template by its own
** indentation; inline, the template starts unindented. */
static int render_include(renderer *r, const node *n, const scope *sc,
                          const arguments *args) {
    const template_t *t = set_find(r->set, n->text, n->len);
    if (t == NULL) return 0;
    indent in = {n->indent, n->indent_len, sc->indent};
    scope inner = {sc->ctx, n->standalone ? &in : NULL, args};
    return render_template(r, t, n, &inner);
}

static int render_parent(renderer *r, const node *n, const scope *sc) {
    arguments args = {n, r->template, sc->args};
    return render_include(r, n, sc, &args);
}

/* The outermost argument for block n, or NULL; *from is its parent. */
static const node *find_argument(const arguments *args, const node *n,
                                 const arguments **from) {
    const node *found = NULL;
    for (const arguments *a = args; a; a = a->outer) {
        for (const node *c = a->parent->children; c; c = c->next) {
            if (c->kind == NODE_BLOCK && c->len == n->len &&
                memcmp(c->text, n->text, n->len) == 0) {
                found = c;
                *from = a;
                break;
            }
        }
    }
    return found;
}

static int render_block(renderer *r, const node *n, const scope *sc) {
    const arguments *from = NULL;
    const node *arg = find_argument(sc->args, n, &from);
    indent in = {n->indent, n->indent_len, sc->indent};
    scope inner = *sc;
    if (n->standalone) inner.indent = &in;
    if (enter(r, n)) return -1;
    const template_t *caller = r->template;
    if (arg) r->template = from->owner;
    int rc = render_list(r, arg ? arg->children : n->children, &inner);
    r->template = caller;
    r->depth--;
    return rc;
}

static int check_output(const renderer *r, const node *n) {
    if (r->out->len - r->start <= MUSTACHE_MAX_OUTPUT) return 0;
    return render_error(r, n, "output larger than %lu bytes",
                        MUSTACHE_MAX_OUTPUT);
}

static int render_node(renderer *r, const node *n, const scope *sc) {
    if (++r->steps > MUSTACHE_MAX_STEPS)
        return render_error(r, n, "more than %lu steps", MUSTACHE_MAX_STEPS);
    switch (n->kind) {
    case NODE_TEXT: buf_append(r->out, n->text, n->len); break;
    case NODE_INDENT: append_indent(r->out, sc->indent); break;
    case NODE_ESCAPED:
    case NODE_RAW: interpolate(r, n, sc); break;
    case NODE_SECTION: return render_section(r, n, sc);
    case NODE_INVERTED: return render_inverted(r, n, sc);
    case NODE_PARTIAL: return render_include(r, n, sc, sc->args);
    case NODE_PARENT: return render_parent(r, n, sc);
    case NODE_BLOCK: return render_block(r, n, sc);
    }
    return check_output(r, n);
}

static int render_list(renderer *r, const node *n, const scope *sc) {
    for (; n; n = n->next)
        if (render_node(r, n, sc)) return -1;
    return 0;
}

int mustache_render(const mustache_set *set, const char *name,
                    const view_t *data, buf_t *out, err_t *err) {
    const template_t *t = set_find(set, name, strlen(name));
    if (t == NULL) return err_set(err, "no template named '%s'", name);
    renderer r = {.set = set, .out = out, .err = err, .template = t,
                  .start = out->len};
    context root = {data, NULL};
    scope sc = {data ? &root : NULL, NULL, NULL};
    if (render_list(&r, t->root, &sc) == 0) return 0;
    out->len = r.start;
    if (out->data) out->data[out->len] = '\0';
    return -1;
}
