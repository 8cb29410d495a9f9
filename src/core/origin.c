/*
** origin.c — the origin of a URL; see origin.h.
**
** A strict reader of the one shape browsers serialise (RFC 6454 section
** 6.2: scheme "://" host [":" port]) and base URLs have, not a general
** URL parser: anything it does not recognise is not an origin, so a
** refusal is the outcome of every doubt.
*/
#include "origin.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Does text start with prefix, case aside?  Advance *text past it. */
static bool take_prefix(const char **text, const char *prefix) {
    size_t n = strlen(prefix);
    if (strncasecmp(*text, prefix, n) != 0) return false;
    *text += n;
    return true;
}

static bool host_char(unsigned char c) {
    return isalnum(c) || c == '-' || c == '.';
}

/* The host at *p into out (lower case), *p moved past it. */
static bool take_host(const char **p, origin_t *out) {
    const char *s = *p;
    size_t n = 0;
    if (*s == '[') {
        /* an IPv6 literal: hex digits, colons, dots (a trailing IPv4) */
        n = 1 + strspn(s + 1, ":.0123456789abcdefABCDEF");
        if (s[n] != ']' || n < 3) return false;
        n++;
    } else {
        while (host_char((unsigned char)s[n])) n++;
    }
    if (n == 0 || n > ORIGIN_HOST_MAX) return false;
    for (size_t i = 0; i < n; i++) out->host[i] = (char)tolower((unsigned char)s[i]);
    out->host[n] = '\0';
    *p = s + n;
    return true;
}

/* ":PORT" at *p, if there is one, into out->port, *p moved past it. */
static bool take_port(const char **p, origin_t *out) {
    out->port = out->https ? 443 : 80;
    if (**p != ':') return true;
    const char *s = *p + 1;
    unsigned long port = 0;
    size_t digits = 0;
    while (isdigit((unsigned char)s[digits]) && digits < 6)
        port = port * 10 + (unsigned long)(s[digits++] - '0');
    if (digits == 0 || isdigit((unsigned char)s[digits]) || port < 1 || port > 65535)
        return false;
    out->port = (unsigned)port;
    *p = s + digits;
    return true;
}

bool origin_parse(const char *text, bool with_path, origin_t *out) {
    memset(out, 0, sizeof *out);
    if (text == NULL) return false;
    const char *p = text;
    if (take_prefix(&p, "https://")) out->https = true;
    else if (!take_prefix(&p, "http://")) return false;
    bool ok = take_host(&p, out) && take_port(&p, out) &&
              (*p == '\0' || (with_path && *p == '/'));
    if (!ok) memset(out, 0, sizeof *out);
    return ok;
}

bool origin_same(const origin_t *a, const origin_t *b) {
    return a->https == b->https && a->port == b->port && strcmp(a->host, b->host) == 0;
}

bool origin_matches(const char *header, const char *base_url) {
    origin_t h, base;
    return origin_parse(header, false, &h) && origin_parse(base_url, true, &base) &&
           origin_same(&h, &base);
}

bool origin_is_https(const char *url) {
    origin_t o;
    return origin_parse(url, true, &o) && o.https;
}
