/*
** percent.c — percent-decoding; see percent.h.
**
** Decoding never makes a string longer, so the output is one arena
** allocation of the input's length plus one, filled in one pass.
*/
#include "percent.h"

/* The value of a hex digit, or -1. */
static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *percent_decode(arena_t *a, const char *s, size_t len, unsigned flags,
                     size_t *out_len, percent_error *why) {
    char *d = arena_alloc(a, len + 1);
    size_t n = 0;
    percent_error fault = 0;
    for (size_t i = 0; i < len && !fault; i++) {
        char c = s[i];
        if (c == '+' && (flags & PERCENT_PLUS_SPACE)) {
            c = ' ';
        } else if (c == '%') {
            int hi = i + 2 < len ? hex_value(s[i + 1]) : -1;
            int lo = hi >= 0 ? hex_value(s[i + 2]) : -1;
            if (lo < 0) {
                fault = PERCENT_BAD_ESCAPE;
                break;
            }
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        if (c == '\0') fault = PERCENT_NUL;
        d[n++] = c;
    }
    if (fault) {
        if (why) *why = fault;
        return NULL;
    }
    d[n] = '\0';
    if (out_len) *out_len = n;
    return d;
}
