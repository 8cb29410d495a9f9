/*
** percent.h — percent-decoding (RFC 3986 section 2.1), the one decoder of
** URL path segments, form bodies and query strings, and cookie values.
**
** %XX (hex digits in either case) is the byte 0xXX; with
** PERCENT_PLUS_SPACE, as in application/x-www-form-urlencoded, '+' is a
** space; every other byte is itself.  Strict where two readers could
** differ: a '%' without two hex digits after it fails the whole input
** rather than passing through, and so does a NUL byte, raw or as %00, so
** that every decoded string is a whole C string.
*/
#ifndef GAZETTE_PERCENT_H
#define GAZETTE_PERCENT_H

#include <stddef.h>

#include "arena.h"

/* '+' decodes to a space (forms, query strings). */
#define PERCENT_PLUS_SPACE 1u

/* Why percent_decode refused its input. */
typedef enum percent_error {
    PERCENT_BAD_ESCAPE = 1,    /* a '%' not followed by two hex digits */
    PERCENT_NUL,               /* a NUL byte, raw or %00 */
} percent_error;

/* s[0..len) decoded (flags: 0 or PERCENT_PLUS_SPACE) into a fresh,
** NUL-terminated arena string, never longer than len; its length in
** *out_len when out_len is not NULL.  NULL when the input holds a bad
** escape or a NUL, with the first such fault in *why (when not NULL). */
char *percent_decode(arena_t *a, const char *s, size_t len, unsigned flags,
                     size_t *out_len, percent_error *why);

#endif
