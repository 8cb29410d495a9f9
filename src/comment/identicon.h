/*
** identicon.h — local avatars that never reveal a commenter's email.
**
** A commenter's avatar is drawn here, not fetched from Gravatar, and is
** named by a key that is a keyed MAC of the email under a secret derived
** from the site key: without the site key nobody can test a guessed email
** against it, which a plain hash of the email (Gravatar's MD5) allows.
** The same email, whatever its case or surrounding whitespace, always gets
** the same key and so the same picture on one site; other sites (other
** keys) give the same person other pictures.
*/
#ifndef GAZETTE_IDENTICON_H
#define GAZETTE_IDENTICON_H

#include <stdbool.h>

#include "buf.h"

/* The length of a key in hex digits. */
#define IDENTICON_KEY_HEX 32

/* The avatar key of email under the 32-byte site key, as 32 lower-case hex
** digits and a NUL in out_hex.  The email is trimmed of ASCII whitespace
** and its ASCII letters lower-cased first; NULL counts as "".  Requires
** sodium_init(). */
void identicon_key(const unsigned char site_key[32], const char *email,
                   char out_hex[IDENTICON_KEY_HEX + 1]);

/* Is s a key as identicon_key writes it: exactly 32 lower-case hex digits?
** (Upper case is refused so that one avatar has one URL.) */
bool identicon_key_valid(const char *s);

/* Append to out an SVG image of size_px by size_px pixels (clamped to
** 16..512) for hex_key: a 5x5 grid, mirrored left to right, in one colour
** on a light background.  The same key always gives the same bytes.  A key
** that fails identicon_key_valid gives the blank background only. */
void identicon_svg(buf_t *out, const char *hex_key, int size_px);

#endif
