/*
** fuzz_accept_encoding.c — libFuzzer target for the Accept-Encoding
** reader: compress_choose (compress.h) on arbitrary field values, against
** a reference reader written out here from RFC 9110's grammar.
**
** The input is the field value, up to its first NUL (http.c hands
** handlers a C string), in a heap block of exactly that size plus its NUL,
** so ASan reports any read past it.  Seeds in fuzz/corpus/accept_encoding/
** are field values browsers, curl and crawlers send, and odd ones.
**
** The reference reads the value as RFC 9110 §12.5.3 writes it:
**   Accept-Encoding = #( codings [ weight ] )
**   weight = OWS ";" OWS "q=" qvalue   ("q" in either case)
**   qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
** list members separated by OWS "," OWS, empty members allowed, and a
** member that does not fit the grammar ignored.  Then compress.h's rule:
** of gzip (or x-gzip) and br, the higher q wins, br on a tie; q=0
** refuses; "*" stands for a coding not named; identity when neither is
** acceptable or identity is named with a higher q than both.
**
** Besides crashes and sanitizer reports, the target aborts when:
**   - compress_choose and the reference disagree, on every value in
**     which no coding is named twice (RFC 9110 does not say which of two
**     q-values for one coding counts, so there only the next two hold);
**   - the answer changes when the value is upper-cased (coding names and
**     the "q" are case-insensitive);
**   - the answer is not identity, gzip or br, or names a coding the value
**     does not accept: br only when "br" or "*" occurs in it, gzip only
**     when "gzip" or "*" does.
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compress.h"

static void check(int ok) {
    if (!ok) abort();
}

/* ---- the reference ------------------------------------------------------ */

static bool tchar(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static void ows(const char **p) {
    while (**p == ' ' || **p == '\t') (*p)++;
}

/* qvalue at *p, in thousandths, advancing; -1 when there is none. */
static int ref_qvalue(const char **p) {
    const char *s = *p;
    if (*s != '0' && *s != '1') return -1;
    bool one = *s == '1';
    int q = one ? 1000 : 0, scale = 100;
    s++;
    if (*s == '.') {
        s++;
        for (int i = 0; i < 3 && *s >= '0' && *s <= '9'; i++, s++, scale /= 10) {
            if (one && *s != '0') return -1;
            q += (*s - '0') * scale;
        }
    }
    *p = s;
    return q;
}

enum { REF_BR, REF_GZIP, REF_IDENTITY, REF_STAR, REF_N };

typedef struct ref_result {
    int q[REF_N];            /* -1: not named */
    bool twice;              /* some coding named twice */
} ref_result;

static int coding_index(const char *s, size_t n) {
    static const struct { const char *name; int index; } known[] = {
        {"br", REF_BR}, {"gzip", REF_GZIP}, {"x-gzip", REF_GZIP},
        {"identity", REF_IDENTITY}, {"*", REF_STAR},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strlen(known[i].name) == n && !strncasecmp(s, known[i].name, n))
            return known[i].index;
    return -1;
}

/* One list member at *p, advancing to its ',' or the end; into r when it
** fits the grammar. */
static void ref_member(const char **p, ref_result *r) {
    const char *s = *p;
    ows(&s);
    const char *name = s;
    while (tchar((unsigned char)*s)) s++;
    size_t n = (size_t)(s - name);
    int q = 1000;
    ows(&s);
    if (*s == ';') {
        s++;
        ows(&s);
        if ((*s == 'q' || *s == 'Q') && s[1] == '=') {
            s += 2;
            q = ref_qvalue(&s);
        } else {
            q = -1;
        }
        ows(&s);
    }
    bool fits = n > 0 && q >= 0 && (*s == ',' || *s == '\0');
    while (*s && *s != ',') s++;
    *p = s;
    int i = fits ? coding_index(name, n) : -1;
    if (i < 0) return;
    if (r->q[i] >= 0) r->twice = true;
    r->q[i] = q;
}

static compress_coding ref_choose(const char *v, ref_result *r) {
    for (int i = 0; i < REF_N; i++) r->q[i] = -1;
    r->twice = false;
    for (const char *p = v;;) {
        ref_member(&p, r);
        if (*p == '\0') break;
        p++;                                    /* the ',' */
    }
    int star = r->q[REF_STAR] > 0 ? r->q[REF_STAR] : 0;
    int br = r->q[REF_BR] >= 0 ? r->q[REF_BR] : star;
    int gzip = r->q[REF_GZIP] >= 0 ? r->q[REF_GZIP] : star;
    int best = br > gzip ? br : gzip;
    if (best == 0 || r->q[REF_IDENTITY] > best) return COMPRESS_IDENTITY;
    return br >= gzip ? COMPRESS_BROTLI : COMPRESS_GZIP;
}

/* ---- the target --------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const uint8_t *nul = memchr(data, 0, size);
    size_t len = nul ? (size_t)(nul - data) : size;
    char *v = malloc(len + 1), *upper = malloc(len + 1);
    check(v != NULL && upper != NULL);
    memcpy(v, data, len);
    v[len] = '\0';
    for (size_t i = 0; i <= len; i++)
        upper[i] = v[i] >= 'a' && v[i] <= 'z' ? (char)(v[i] - 'a' + 'A') : v[i];

    compress_coding got = compress_choose(v);
    check(got == COMPRESS_IDENTITY || got == COMPRESS_GZIP || got == COMPRESS_BROTLI);
    ref_result r;
    compress_coding want = ref_choose(v, &r);
    if (!r.twice) check(got == want);
    check(compress_choose(upper) == got);
    bool star = strchr(v, '*') != NULL;
    if (got == COMPRESS_BROTLI) check(star || strcasestr(v, "br") != NULL);
    if (got == COMPRESS_GZIP) check(star || strcasestr(v, "gzip") != NULL);
    free(v);
    free(upper);
    return 0;
}
