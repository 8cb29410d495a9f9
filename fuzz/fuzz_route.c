/*
** fuzz_route.c — libFuzzer target for the router's reading of a request
** line: route_match on arbitrary method and path bytes, and the
** percent-decoder it decodes captures with (percent_decode), against a
** reference decoder written out here independently.
**
** Input layout: "METHOD\0PATH".  Without a NUL the whole input is the
** path and the method is GET; a path ends at its first NUL (a request's
** path is a C string).  Method and path are copied into heap blocks of
** exactly their size, so ASan reports any read past them.  Seeds in
** fuzz/corpus/route/ follow that layout.
**
** Besides crashes and sanitizer reports, the target aborts when a promise
** breaks:
**   percent_decode  agrees with the reference on every input slice: the
**                   same bytes, or the same refusal (a bad escape, or a
**                   NUL raw or as %00) for the same first reason; never
**                   longer than its input; never reads past len.
**   route_match     takes at most REQUEST_MAX_PARAMS captures; each is
**                   the decoding of part of ONE segment of the path, the
**                   segments used in order, so no capture can take a '/'
**                   that was not written %2F, nor span two segments; the
**                   same request gives the same answer twice; when a
**                   route takes the method, asking with a method no route
**                   takes ("BREW") gives no handler and an Allow that
**                   lists the first; when no route takes the method, the
**                   Allow it gives does not list it.
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "percent.h"
#include "request.h"
#include "route.h"

static void check(int ok) {
    if (!ok) abort();
}

/* ---- the reference decoder ------------------------------------------- */

static int hex(unsigned char c) {
    static const char digits[] = "0123456789abcdef";
    if (c >= 'A' && c <= 'F') c = (unsigned char)(c - 'A' + 'a');
    const char *p = c ? strchr(digits, c) : NULL;
    return p ? (int)(p - digits) : -1;
}

/* s[0..len) decoded into out (room for len bytes): its length, or -1 for
** a bad escape, -2 for a NUL byte, whichever comes first. */
static long ref_decode(const unsigned char *s, size_t len, bool plus,
                       unsigned char *out) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = s[i];
        if (c == '%') {
            if (len - i < 3 || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) return -1;
            c = (unsigned)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (c == 0) return -2;
        out[n++] = (unsigned char)c;
    }
    return (long)n;
}

/* percent_decode against the reference, on s[0..len) (a heap block). */
static void check_decode(arena_t *a, const unsigned char *s, size_t len,
                         unsigned flags) {
    unsigned char *want = malloc(len + 1);
    check(want != NULL);
    long n = ref_decode(s, len, flags & PERCENT_PLUS_SPACE, want);
    size_t got_len = 12345;
    percent_error why = 0;
    const char *got = percent_decode(a, (const char *)s, len, flags, &got_len, &why);
    if (n < 0) {
        check(got == NULL);
        check(why == (n == -1 ? PERCENT_BAD_ESCAPE : PERCENT_NUL));
        check(got_len == 12345);
    } else {
        check(got != NULL && got_len == (size_t)n && got_len <= len);
        check(memcmp(got, want, got_len) == 0 && got[got_len] == '\0');
        check(strlen(got) == got_len);
    }
    free(want);
}

/* ---- the router -------------------------------------------------------- */

static request_t *request_new(arena_t *a, const char *method, const char *path) {
    request_t *r = calloc(1, sizeof *r);
    check(r != NULL);
    r->method = method;
    r->path = path;
    r->query = "";
    r->arena = a;
    return r;
}

/* Is m one of the space-separated methods in list? */
static bool lists(const char *list, const char *m) {
    size_t n = strlen(m);
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, " ");
        if (k == n && memcmp(p, m, n) == 0) return true;
        p += k;
        p += strspn(p, " ");
    }
    return false;
}

/* Every capture is part of the decoding of one segment of path, segments
** taken in order. */
static void check_captures(const request_t *r, const char *path) {
    size_t len = strlen(path);
    unsigned char *dec = malloc(len + 1);
    check(dec != NULL);
    check(r->nparams >= 0 && r->nparams <= REQUEST_MAX_PARAMS);
    const char *seg = path;
    for (int i = 0; i < r->nparams; i++) {
        const char *p = r->param[i];
        check(p != NULL);
        size_t plen = strlen(p);
        bool found = false;
        while (!found && *seg) {
            if (*seg == '/') seg++;
            size_t slen = strcspn(seg, "/");
            long n = ref_decode((const unsigned char *)seg, slen, false, dec);
            found = n >= (long)plen && plen > 0 &&
                    memmem(dec, (size_t)n, p, plen) != NULL;
            seg += slen;
        }
        check(found);
    }
    free(dec);
}

static void check_route(arena_t *a, const char *method, const char *path) {
    request_t *r = request_new(a, method, path);
    const char *allow = "unset";
    request_handler h = route_match(r, &allow);
    if (h) {
        check(allow == NULL);
        check(path[0] == '/');
        check_captures(r, path);
        /* the same answer twice */
        request_t *again = request_new(a, method, path);
        check(route_match(again, NULL) == h && again->nparams == r->nparams);
        for (int i = 0; i < r->nparams; i++)
            check(strcmp(again->param[i], r->param[i]) == 0);
        free(again);
        /* a method no route takes: 405, and Allow names the one that matched */
        request_t *brew = request_new(a, "BREW", path);
        const char *brew_allow = NULL;
        check(route_match(brew, &brew_allow) == NULL);
        check(brew_allow != NULL && lists(brew_allow, method));
        free(brew);
    } else if (allow != NULL) {
        check(path[0] == '/');
        check(!lists(allow, method));
        check(!strcmp(allow, "GET HEAD") || !strcmp(allow, "POST"));
    }
    free(r);
}

/* A heap copy of s[0..len) with a NUL after it. */
static char *copy(const uint8_t *s, size_t len) {
    char *c = malloc(len + 1);
    check(c != NULL);
    memcpy(c, s, len);
    c[len] = '\0';
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    arena_t a = ARENA_INIT;
    /* the decoder, on the whole input and on each '/'-separated piece */
    unsigned char *exact = malloc(size ? size : 1);
    check(exact != NULL);
    memcpy(exact, data, size);
    check_decode(&a, exact, size, 0);
    check_decode(&a, exact, size, PERCENT_PLUS_SPACE);
    for (size_t i = 0; i < size;) {
        size_t j = i;
        while (j < size && exact[j] != '/') j++;
        unsigned char *piece = malloc(j - i ? j - i : 1);
        check(piece != NULL);
        memcpy(piece, exact + i, j - i);
        check_decode(&a, piece, j - i, 0);
        free(piece);
        i = j + 1;
    }
    free(exact);
    /* the router */
    const uint8_t *nul = memchr(data, 0, size);
    char *method = nul ? copy(data, (size_t)(nul - data)) : copy((const uint8_t *)"GET", 3);
    const uint8_t *p = nul ? nul + 1 : data;
    size_t plen = size - (size_t)(p - data);
    const uint8_t *end = memchr(p, 0, plen);
    char *path = copy(p, end ? (size_t)(end - p) : plen);
    check_route(&a, method, path);
    free(method);
    free(path);
    arena_free(&a);
    return 0;
}
