/*
** origin.h — the origin of a URL (RFC 6454): its scheme, host and port.
**
** Two uses.  The comment form is refused when the browser's Origin header
** names another origin than the site's [site] base_url: scheme, host and
** port must all agree, so an http:// page cannot post to an https://
** site (a network attacker can write into any http:// page) nor the
** other way round.  And cookies get Secure when base_url is https://.
**
** Only http and https are origins here: a base_url of another scheme is
** refused when gazette.ini is read.  Scheme and host compare without
** case; a port left out is the scheme's default (80, 443), so
** "https://Example.org:443" and "https://example.org" are one origin.
*/
#ifndef GAZETTE_ORIGIN_H
#define GAZETTE_ORIGIN_H

#include <stdbool.h>

/* The longest host origin_parse takes (DNS: 253, and brackets). */
enum { ORIGIN_HOST_MAX = 255 };

typedef struct origin {
    bool https;                        /* else http */
    char host[ORIGIN_HOST_MAX + 1];    /* lower case; an IPv6 literal keeps
                                       ** its brackets */
    unsigned port;                     /* 1..65535, the default filled in */
} origin_t;

/* The origin of text into *out: "http://" or "https://" (any case), a
** host (letters, digits, '-', '.', or an IPv6 literal in brackets), an
** optional ":PORT" (1 to 65535), then, only when with_path, a path
** beginning with '/' (which is not part of the origin); nothing else: no
** user name, no query, no fragment without a path.  An Origin header has
** no path; a base URL may.  false (and *out zeroed) for anything else,
** NULL and "null" included. */
bool origin_parse(const char *text, bool with_path, origin_t *out);

/* Whether a and b are the same origin. */
bool origin_same(const origin_t *a, const origin_t *b);

/* Whether the Origin header value names the origin of base_url (a URL
** with or without a path).  A header that does not parse, and a base_url
** that does not, never match. */
bool origin_matches(const char *header, const char *base_url);

/* Whether url's scheme is https (case aside) and the rest parses. */
bool origin_is_https(const char *url);

#endif
