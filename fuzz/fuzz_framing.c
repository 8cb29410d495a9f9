/*
** fuzz_framing.c — libFuzzer target for the HTTP/1 request-head checks
** (framing_check) and the request target's forms (target_split), the two
** readings of outside bytes http.c makes before routing.
**
** Input layout: one flags byte (bit 0: the request is HTTP/1.1; bit 1:
** the absolute form is allowed), then the bytes, which are both the head
** given to framing_check and the target given to target_split.  They are
** copied into a heap block of exactly their size, so ASan reports any read
** past them.  Seeds in fuzz/corpus/framing/ follow that layout.
**
** Besides crashes and sanitizer reports, the target aborts when a promise
** breaks:
**   framing_check  agrees with a reference written out here another way
**                  (the input cut into all its LF-ended lines first, then
**                  the rules of framing.h applied line by line): the same
**                  fault and the same head length; the head length is
**                  never past len, and a head that passes has every line
**                  end CRLF, no other CR and no folded line.
**   target_split   a path starts with '/' or is "*"; it holds no '?'; an
**                  authority is not empty and holds no '@', '/', '?' or
**                  '#'; without the absolute form there is no authority;
**                  an origin form is its path, then '?' and its query
**                  when it has one, byte for byte; every part points
**                  into the input (but the "/" of an empty path).
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "framing.h"
#include "target.h"

static void check(int ok) {
    if (!ok) abort();
}

/* ---- the reference ---------------------------------------------------- */

typedef struct line {
    size_t start, end;     /* [start, end): the line without its LF */
} line;

static bool named(const unsigned char *s, const line *l, const char *name) {
    size_t n = strlen(name), len = l->end - l->start;
    if (len > 0 && s[l->end - 1] == '\r') len--;
    return len > n && s[l->start + n] == ':' &&
           strncasecmp((const char *)s + l->start, name, n) == 0;
}

static framing_verdict reference(const unsigned char *s, size_t len, bool http11) {
    framing_verdict v = {FRAMING_NO_END, 0};
    size_t from = len >= 2 && s[0] == '\r' && s[1] == '\n' ? 2 : 0;
    line *lines = malloc((len + 1) * sizeof *lines);
    if (lines == NULL) abort();
    size_t n = 0, start = from;
    for (size_t i = from; i < len; i++)
        if (s[i] == '\n') {
            lines[n++] = (line){start, i};
            start = i + 1;
        }
    size_t last = 0;                       /* the empty line ending the head */
    for (size_t k = 1; k < n && last == 0; k++) {
        size_t w = lines[k].end - lines[k].start;
        if (w == 0 || (w == 1 && s[lines[k].start] == '\r')) last = k;
    }
    if (last == 0) {
        free(lines);
        return v;
    }
    v.head_len = lines[last].end + 1;
    framing_fault first = FRAMING_OK;
    int cl = 0, te = 0, host = 0;
    for (size_t k = 0; k <= last && first == FRAMING_OK; k++) {
        const line *l = &lines[k];
        size_t w = l->end - l->start;
        if (w == 0 || s[l->end - 1] != '\r') first = FRAMING_BARE_LF;
        else if (memchr(s + l->start, '\r', w - 1)) first = FRAMING_BARE_CR;
        else if (k > 0 && w > 1 && (s[l->start] == ' ' || s[l->start] == '\t'))
            first = FRAMING_OBS_FOLD;
    }
    for (size_t k = 1; k < last; k++) {
        cl += named(s, &lines[k], "content-length");
        te += named(s, &lines[k], "transfer-encoding");
        host += named(s, &lines[k], "host");
    }
    free(lines);
    if (first != FRAMING_OK) v.fault = first;
    else if (cl && te) v.fault = FRAMING_LENGTH_AND_CODING;
    else if (cl > 1) v.fault = FRAMING_LENGTH_TWICE;
    else if (te) v.fault = FRAMING_CODING;
    else if (host > 1) v.fault = FRAMING_HOST_TWICE;
    else if (host == 0 && http11) v.fault = FRAMING_HOST_MISSING;
    else v.fault = FRAMING_OK;
    return v;
}

/* ---- the checks ------------------------------------------------------- */

static void exercise_framing(const unsigned char *s, size_t len, bool http11) {
    framing_verdict got = framing_check((const char *)s, len, http11);
    framing_verdict want = reference(s, len, http11);
    check(got.fault == want.fault);
    check(got.head_len == want.head_len);
    check(got.head_len <= len);
    check((got.fault == FRAMING_NO_END) == (got.head_len == 0));
    int status = framing_status(got.fault);
    check(got.fault == FRAMING_OK ? status == 0
                                  : status == (got.fault == FRAMING_CODING ? 411 : 400));
    if (got.fault != FRAMING_OK) return;
    size_t i = len >= 2 && s[0] == '\r' && s[1] == '\n' ? 2 : 0;
    for (; i < got.head_len; i++) {
        if (s[i] == '\n') check(i > 0 && s[i - 1] == '\r');
        if (s[i] == '\r') check(i + 1 < got.head_len && s[i + 1] == '\n');
        if (s[i] == '\n' && i + 1 < got.head_len) check(s[i + 1] != ' ' && s[i + 1] != '\t');
    }
}

static bool inside(const unsigned char *s, size_t len, const char *p, size_t n) {
    return p >= (const char *)s && p + n <= (const char *)s + len;
}

static void exercise_target(const unsigned char *s, size_t len, bool absolute) {
    target t;
    if (target_split((const char *)s, len, absolute, &t) != 0) return;
    check(t.path != NULL && t.path_len >= 1);
    check(t.path[0] == '/' || (t.path_len == 1 && t.path[0] == '*'));
    check(memchr(t.path, '?', t.path_len) == NULL);
    check(t.path_len == 1 || inside(s, len, t.path, t.path_len));
    if (t.query) check(inside(s, len, t.query, t.query_len));
    if (!absolute) check(t.authority == NULL);
    if (t.authority) {
        check(t.authority_len > 0 && inside(s, len, t.authority, t.authority_len));
        for (size_t i = 0; i < t.authority_len; i++)
            check(strchr("@/?#", t.authority[i]) == NULL || t.authority[i] == '\0');
    }
    if (len > 0 && (s[0] == '/' || s[0] == '*')) {
        check(t.authority == NULL && t.path == (const char *)s);
        size_t whole = t.path_len + (t.query ? 1 + t.query_len : 0);
        check(whole == len);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    unsigned flags = data[0];
    size_t len = size - 1;
    unsigned char *s = malloc(len ? len : 1);
    if (s == NULL) abort();
    memcpy(s, data + 1, len);
    exercise_framing(s, len, flags & 1);
    exercise_target(s, len, (flags & 2) != 0);
    free(s);
    return 0;
}
