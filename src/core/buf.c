/*
** buf.c — the one length-counted string buffer; see buf.h.
*/
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

/* The capacity of a buffer's first block, in bytes. */
enum { BUF_FIRST = 64 };

void buf_reserve(buf_t *b, size_t extra) {
    if (extra > SIZE_MAX - 1 - b->len) abort();
    size_t need = b->len + extra + 1;           /* and the NUL */
    if (need <= b->cap) return;
    /* a new buffer starts with BUF_FIRST bytes at least */
    if (b->cap == 0 && need < BUF_FIRST) need = BUF_FIRST;
    b->data = vec_grow(b->data, &b->cap, need, 1);
}

void buf_append(buf_t *b, const void *data, size_t len) {
    buf_reserve(b, len);
    if (len) memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void buf_puts(buf_t *b, const char *s) { buf_append(b, s, strlen(s)); }

void buf_putc(buf_t *b, char c) { buf_append(b, &c, 1); }

void buf_printf(buf_t *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_reset(buf_t *b) {
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void buf_free(buf_t *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *buf_detach(buf_t *b) {
    buf_reserve(b, 0);
    char *p = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

/* The unescaped runs between replacements go in with one memcpy each. */
void buf_append_escaped(buf_t *b, const char *s, size_t len,
                        const char *const repl[256]) {
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *r = repl[(unsigned char)s[i]];
        if (r == NULL) continue;
        buf_append(b, s + run, i - run);
        buf_puts(b, r);
        run = i + 1;
    }
    buf_append(b, s + run, len - run);
}

static const char *const html_repl[256] = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
    ['"'] = "&quot;", ['\''] = "&#39;",
};

void buf_append_html(buf_t *b, const char *s, size_t len) {
    buf_append_escaped(b, s, len, html_repl);
}

static const char *const xml_repl[256] = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
    ['"'] = "&quot;", ['\''] = "&apos;",
    [0x00] = "", [0x01] = "", [0x02] = "", [0x03] = "", [0x04] = "",
    [0x05] = "", [0x06] = "", [0x07] = "", [0x08] = "", [0x0b] = "",
    [0x0c] = "", [0x0e] = "", [0x0f] = "", [0x10] = "", [0x11] = "",
    [0x12] = "", [0x13] = "", [0x14] = "", [0x15] = "", [0x16] = "",
    [0x17] = "", [0x18] = "", [0x19] = "", [0x1a] = "", [0x1b] = "",
    [0x1c] = "", [0x1d] = "", [0x1e] = "", [0x1f] = "",
};

void buf_append_xml(buf_t *b, const char *s, size_t len) {
    buf_append_escaped(b, s, len, xml_repl);
}

void buf_append_url(buf_t *b, const char *s, size_t len) {
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
            c == '~') {
            buf_putc(b, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_append(b, e, 3);
        }
    }
}
