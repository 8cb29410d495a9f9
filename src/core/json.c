/*
** json.c — JSON strings into a buf_t; see json.h.
**
** The unescaped runs between replacements go in with one buf_append each.
*/
#include "json.h"

#include <string.h>

/* The inside of a JSON string for s[0..len) (no quotes). */
static void json_escape(buf_t *b, const char *s, size_t len) {
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *r = NULL;
        char u[7];
        switch (c) {
        case '"': r = "\\\""; break;
        case '\\': r = "\\\\"; break;
        case '\n': r = "\\n"; break;
        case '\r': r = "\\r"; break;
        case '\t': r = "\\t"; break;
        case '<': r = "\\u003c"; break;   /* safe inside <script> */
        case '>': r = "\\u003e"; break;
        case '&': r = "\\u0026"; break;
        default:
            if (c < 0x20) {
                u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
                u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = '\0';
                r = u;
            }
        }
        if (r == NULL) continue;
        buf_append(b, s + run, i - run);
        buf_puts(b, r);
        run = i + 1;
    }
    buf_append(b, s + run, len - run);
}

void json_write_string(buf_t *b, const char *s) {
    buf_putc(b, '"');
    json_escape(b, s, strlen(s));
    buf_putc(b, '"');
}

void json_write_member(buf_t *b, const char *name, const char *value) {
    json_write_string(b, name);
    buf_puts(b, ": ");
    json_write_string(b, value);
}
