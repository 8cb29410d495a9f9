/*
** utf8.h — strict UTF-8: validating, decoding and encoding code points.
**
** Strict means what RFC 3629 means: no overlong forms, no surrogates,
** nothing above U+10FFFF, no stray continuation bytes.  NUL is U+0000 and
** valid.  Every other file that reads multi-byte sequences goes through
** utf8_decode, so none of them can split a sequence.  Pure functions: no
** locale, no global state.
*/
#ifndef GAZETTE_UTF8_H
#define GAZETTE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Strict UTF-8 (no overlongs, surrogates, or code points > U+10FFFF)? */
bool utf8_valid(const char *s, size_t len);
/* Decode the code point at s[0..len), len >= 1: its length in bytes (1-4)
** with the code point in *cp, or 0 when the bytes there are not a
** complete, shortest-form, non-surrogate sequence <= U+10FFFF. */
size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Write the UTF-8 of cp (a valid scalar value) into out; its length. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* The length of the longest valid UTF-8 prefix of s[0..len). */
size_t utf8_valid_prefix(const char *s, size_t len);
/* n backed off so that s[0..n) does not end inside a UTF-8 sequence:
** the most bytes of s, up to n, that a cut may keep.  s[n] must be
** readable (a byte of s, or its NUL). */
size_t utf8_boundary(const char *s, size_t n);
/* s[0..len) as valid UTF-8, NUL-terminated, in the arena: every byte that
** does not begin a valid sequence (utf8_decode) becomes U+FFFD, as a
** browser shows it; valid text comes back byte for byte.  For echoing
** what a reader typed into a page that says charset=utf-8. */
char *utf8_repair(arena_t *a, const char *s, size_t len);

#endif
