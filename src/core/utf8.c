/*
** utf8.c — strict UTF-8; see utf8.h.
**
** One decoder (utf8_decode) is the only place that reads multi-byte
** sequences; the validators walk a string code point by code point through
** it, with a fast path for ASCII.
*/
#include "utf8.h"

#include <string.h>

/* Decode the code point at s[0..len), len >= 1.  Returns its length in
** bytes (1-4) and stores it in *cp, or returns 0 when the bytes there are
** not a complete, shortest-form, non-surrogate sequence <= U+10FFFF. */
size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp) {
    unsigned c = s[0];
    size_t n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len < n) return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return n;
}

/* Write the UTF-8 of cp (a valid scalar value) into out; return its length. */
size_t utf8_encode(uint32_t cp, char out[4]) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/*
** Return the length of the longest prefix of s[0..len) that is valid
** UTF-8; equal to len when all of it is.  The prefix ends on a sequence
** boundary, so s[result] (when result < len) is the first bad byte.
*/
size_t utf8_valid_prefix(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        if (p[i] < 0x80) {          /* the common case, without a call */
            i++;
            continue;
        }
        size_t n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) break;
        i += n;
    }
    return i;
}

/*
** Return true if s[0..len) is strict UTF-8 (RFC 3629): no overlong forms,
** no surrogates (U+D800-U+DFFF), nothing above U+10FFFF, no truncated or
** stray sequences.  NUL bytes are valid (U+0000).  len 0 is valid.
*/
bool utf8_valid(const char *s, size_t len) {
    return utf8_valid_prefix(s, len) == len;
}

/* Back n off while s[n] is a continuation byte, so that s[0..n) does not
** end inside a sequence.  s[n] must be readable. */
size_t utf8_boundary(const char *s, size_t n) {
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return n;
}

/* Each valid run is copied whole (utf8_valid_prefix), each bad byte after
** it becomes the three bytes of U+FFFD: at most three bytes out for one
** in. */
char *utf8_repair(arena_t *a, const char *s, size_t len) {
    char *out = arena_alloc(a, 3 * len + 1), *o = out;
    while (len > 0) {
        size_t ok = utf8_valid_prefix(s, len);
        memcpy(o, s, ok);
        o += ok, s += ok, len -= ok;
        if (len > 0) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3, s++, len--;
        }
    }
    *o = '\0';
    return out;
}
