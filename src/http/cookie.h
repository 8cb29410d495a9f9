/*
** cookie.h — reading the Cookie request header, writing Set-Cookie.
**
** Cookie values are restricted by RFC 6265 to "cookie-octets": printable
** ASCII except space, '"', ',', ';' and '\'.  Anything else a cookie must
** carry (a commenter's name in any script, a URL) goes through
** cookie_encode on the way out and cookie_decode on the way back.  Tokens
** made by token.h are cookie-safe as they are.
**
** Every cookie this program sets has Path=/ and SameSite=Lax; HttpOnly and
** Secure are the caller's choice (sessions: both, behind TLS).
*/
#ifndef GAZETTE_COOKIE_H
#define GAZETTE_COOKIE_H

#include <stdbool.h>

#include "arena.h"

/* The value of the first cookie called name in a Cookie header, copied into
** the arena with surrounding whitespace and one pair of double quotes
** removed; NULL if cookie_header is NULL or holds no such cookie.  The
** value is raw: not decoded, not validated (see cookie_decode). */
const char *cookie_get(arena_t *a, const char *cookie_header,
                       const char *name);

/* A Set-Cookie header value, in the arena:
**   "name=value; Path=/; Max-Age=N; SameSite=Lax[; HttpOnly][; Secure]"
** max_age_seconds < 0 leaves out Max-Age (a session cookie); 0 writes
** Max-Age=0 (delete the cookie).  name must be an RFC 7230 token and value
** all cookie-octets (cookie_encode makes any text so); otherwise NULL, so
** that no caller can inject attributes or a header line. */
char *cookie_set_header(arena_t *a, const char *name, const char *value,
                        long max_age_seconds, bool http_only, bool secure);

/* s with every byte outside cookie-octet, and '%' itself, written as %XX
** (upper-case hex), in the arena.  The result is a valid cookie value. */
char *cookie_encode(arena_t *a, const char *s);

/* The inverse of cookie_encode, in the arena.  NULL if s holds a byte that
** is not a cookie-octet, a '%' without two hex digits after it, or decodes
** to a NUL byte or to invalid UTF-8.  For every valid UTF-8 string t,
** cookie_decode(cookie_encode(t)) equals t. */
char *cookie_decode(arena_t *a, const char *s);

#endif
