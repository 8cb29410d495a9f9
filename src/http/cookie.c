/*
** cookie.c — Cookie header parsing and Set-Cookie building; see cookie.h.
**
** Parsing follows the user agent's side of RFC 6265 section 5.2 loosely,
** as servers must: the header is split on ';', each piece on its first
** '=', and whitespace around names and values is dropped.  Pieces without
** '=' are skipped.  Names compare byte for byte (cookie names are case
** sensitive).  When a name repeats, the first wins: browsers send cookies
** with longer paths first, and ours all have Path=/, so a repeat comes
** from some other path and is the less trustworthy one.
**
** Building is strict instead: a Set-Cookie value is assembled only from a
** token name and a cookie-octet value, which between them exclude CR, LF
** and ';', so the result cannot smuggle an attribute or a header line.
**
** The text codec is percent-encoding over the cookie-octet alphabet, with
** '%' itself always escaped so that decoding is unambiguous.
*/
#include "cookie.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "percent.h"
#include "utf8.h"

/* RFC 6265: cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E */
static bool is_cookie_octet(unsigned char c) {
    return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' &&
           c != '\\';
}

/* RFC 7230 tchar: the characters of a token such as a cookie name. */
static bool is_tchar(unsigned char c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
        (c >= 'A' && c <= 'Z'))
        return true;
    return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static bool is_ows(char c) { return c == ' ' || c == '\t'; }

/* Narrow [*from, *to) past leading and trailing spaces and tabs. */
static void trim(const char **from, const char **to) {
    while (*from < *to && is_ows(**from)) (*from)++;
    while (*to > *from && is_ows((*to)[-1])) (*to)--;
}

/* If the piece [from, to) is "name=value" with the wanted name, return
** its value (trimmed, unquoted) in the arena; else NULL. */
static const char *match_piece(arena_t *a, const char *from, const char *to,
                               const char *name, size_t name_len) {
    const char *eq = memchr(from, '=', (size_t)(to - from));
    if (eq == NULL) return NULL;
    const char *name_end = eq;
    trim(&from, &name_end);
    if ((size_t)(name_end - from) != name_len ||
        memcmp(from, name, name_len) != 0)
        return NULL;
    const char *v = eq + 1;
    trim(&v, &to);
    if (to - v >= 2 && v[0] == '"' && to[-1] == '"') {
        v++;
        to--;
    }
    return arena_strndup(a, v, (size_t)(to - v));
}

const char *cookie_get(arena_t *a, const char *cookie_header,
                       const char *name) {
    if (cookie_header == NULL || name == NULL || name[0] == '\0') return NULL;
    size_t name_len = strlen(name);
    const char *p = cookie_header;
    for (;;) {
        const char *end = strchr(p, ';');
        if (end == NULL) end = p + strlen(p);
        const char *v = match_piece(a, p, end, name, name_len);
        if (v != NULL) return v;
        if (*end == '\0') return NULL;
        p = end + 1;
    }
}

/* Is every byte of s allowed by pred?  An empty s passes unless nonempty. */
static bool all_of(const char *s, bool (*pred)(unsigned char), bool nonempty) {
    if (nonempty && s[0] == '\0') return false;
    for (; *s; s++)
        if (!pred((unsigned char)*s)) return false;
    return true;
}

char *cookie_set_header(arena_t *a, const char *name, const char *value,
                        long max_age_seconds, bool http_only, bool secure) {
    if (name == NULL || value == NULL || !all_of(name, is_tchar, true) ||
        !all_of(value, is_cookie_octet, false))
        return NULL;
    char max_age[40] = "";
    if (max_age_seconds >= 0)
        snprintf(max_age, sizeof max_age, "; Max-Age=%ld", max_age_seconds);
    return arena_printf(a, "%s=%s; Path=/%s; SameSite=Lax%s%s", name, value,
                        max_age, http_only ? "; HttpOnly" : "",
                        secure ? "; Secure" : "");
}

char *cookie_encode(arena_t *a, const char *s) {
    static const char hex[] = "0123456789ABCDEF";
    size_t len = strlen(s);
    char *out = arena_alloc(a, 3 * len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_cookie_octet(c) && c != '%') {
            out[n++] = (char)c;
        } else {
            out[n++] = '%';
            out[n++] = hex[c >> 4];
            out[n++] = hex[c & 15];
        }
    }
    out[n] = '\0';
    return out;
}

char *cookie_decode(arena_t *a, const char *s) {
    size_t len = strlen(s), n;
    for (size_t i = 0; i < len; i++)
        if (!is_cookie_octet((unsigned char)s[i])) return NULL;
    char *out = percent_decode(a, s, len, 0, &n, NULL);
    return out && utf8_valid(out, n) ? out : NULL;
}
