/*
** target.c — the request target's forms; see target.h.
*/
#include "target.h"

#include <string.h>
#include <strings.h>

/* Does s[0..len) start with the scheme name and "://"?  Its length, or 0. */
static size_t scheme_prefix(const char *s, size_t len, const char *name) {
    size_t n = strlen(name);
    if (len < n + 3 || strncasecmp(s, name, n) != 0 || memcmp(s + n, "://", 3) != 0)
        return 0;
    return n + 3;
}

/* The path and query of rest[0..len), which starts with '/' or '?' or is
** empty; an empty path is "/". */
static void split_path(const char *rest, size_t len, target *t) {
    const char *q = memchr(rest, '?', len);
    size_t plen = q ? (size_t)(q - rest) : len;
    t->query = q ? q + 1 : NULL;
    t->query_len = q ? len - plen - 1 : 0;
    if (plen == 0) {
        t->path = "/";
        t->path_len = 1;
    } else {
        t->path = rest;
        t->path_len = plen;
    }
}

int target_split(const char *s, size_t len, bool absolute, target *t) {
    memset(t, 0, sizeof *t);
    if (len == 1 && s[0] == '*') {
        t->path = s;
        t->path_len = 1;
        return 0;
    }
    if (len > 0 && s[0] == '/') {
        split_path(s, len, t);
        return 0;
    }
    if (!absolute) return -1;
    size_t start = scheme_prefix(s, len, "http");
    if (start == 0) start = scheme_prefix(s, len, "https");
    if (start == 0) return -1;
    size_t end = start;
    while (end < len && s[end] != '/' && s[end] != '?' && s[end] != '#') end++;
    if (end < len && s[end] == '#') return -1;
    size_t host = start;
    for (size_t i = start; i < end; i++)
        if (s[i] == '@') host = i + 1;
    if (host == end) return -1;
    t->authority = s + host;
    t->authority_len = end - host;
    split_path(s + end, len - end, t);
    return 0;
}
