/*
** fuzz_conditional.c — libFuzzer target for the conditional-request
** readers of conditional.h: If-None-Match (conditional_none_match),
** If-Modified-Since (conditional_parse_date) and the 304 decision that
** uses both (conditional_not_modified), with the ETags the server makes
** (conditional_etag, conditional_etag_variant).
**
** Input layout: "VALUE\0BODY".  VALUE (up to the first NUL, as http.c
** hands handlers a C string) is read as an If-None-Match and as an
** If-Modified-Since field; BODY is an answer's body, hashed into the
** ETag the server would send for it, strong, weak (VALUE as the text to
** ignore, when it occurs in BODY) and with each coding's suffix.  Both
** are copied into heap blocks of their exact size, so ASan reports any
** read past them.  Seeds in fuzz/corpus/conditional/ follow that layout.
**
** Besides crashes and sanitizer reports, the target aborts when a promise
** breaks.  If-None-Match, against a reference reader written here from
** RFC 9110 §13.1.2 (a list of entity-tags, weak comparison, "*"):
**   - conditional_none_match agrees with the reference on every value
**     and ETag: a match in the members before the first malformed one;
**   - a value whose first member is the ETag itself (strong or W/)
**     matches, whatever follows; one that holds neither the ETag's quoted text
**     nor a leading "*" never does.
** If-Modified-Since:
**   - a date that parses is from 1970 to 9999 (or the leap second at
**     its very end), and formatting it
**     (conditional_format_date) and parsing that gives it back;
**   - every instant from 1970 to 9999 (taken from the input's first
**     eight bytes) formats to a date that parses back to it.
** The decision: with If-None-Match present, conditional_not_modified is
** conditional_none_match; without it, 304 only when Last-Modified is
** known, before now, and not after a valid If-Modified-Since that is not
** in the future.
** The ETag: "…" of 16 hex digits; weak (W/) exactly when text is
** ignored, and then the hash of BODY with every occurrence of the text
** cut out; a variant adds "-gz" or "-br" inside the quotes.
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conditional.h"

static void check(int ok) {
    if (!ok) abort();
}

/* ---- If-None-Match: the reference --------------------------------------- */

static bool etagc(unsigned char c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x7e) || c >= 0x80;
}

/* The entity-tag at s: its opaque-tag (quotes included) in *tag and *n, and
** the byte after it; NULL when s does not start with one. */
static const char *ref_entity_tag(const char *s, const char **tag, size_t *n) {
    if (s[0] == 'W' && s[1] == '/') s += 2;
    if (*s != '"') return NULL;
    const char *e = s + 1;
    while (etagc((unsigned char)*e)) e++;
    if (*e != '"') return NULL;
    *tag = s;
    *n = (size_t)(e + 1 - s);
    return e + 1;
}

/* RFC 9110: If-None-Match = "*" / #entity-tag, compared weakly; the
** members before the first one that is not an entity-tag count. */
static bool ref_none_match(const char *v, const char *etag) {
    const char *want, *p = v;
    size_t wn;
    while (*p == ' ' || *p == '\t') p++;
    if (*p == '*') return true;
    if (ref_entity_tag(etag, &want, &wn) == NULL) return false;
    for (;;) {
        /* empty list members and the separators around them */
        while (*p == ' ' || *p == '\t' || *p == ',') p++;
        const char *tag;
        size_t n;
        const char *after = *p ? ref_entity_tag(p, &tag, &n) : NULL;
        if (after == NULL) return false;
        while (*after == ' ' || *after == '\t') after++;
        if (*after != ',' && *after != '\0') return false;   /* "abc"x */
        if (n == wn && memcmp(tag, want, n) == 0) return true;
        p = after;
    }
}

static char *concat(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 1);
    check(s != NULL);
    memcpy(s, a, na);
    memcpy(s + na, b, nb + 1);
    return s;
}

static void check_none_match(const char *v, const char *etag) {
    bool got = conditional_none_match(v, etag);
    check(got == ref_none_match(v, etag));
    /* the ETag first: a match whatever follows */
    const char *strong = etag[0] == 'W' ? etag + 2 : etag;
    char *head = concat(strong, ","), *first = concat(head, v);
    char *weak = concat("W/", first);
    check(conditional_none_match(first, etag));
    check(conditional_none_match(weak, etag));
    free(head);
    free(first);
    free(weak);
    /* neither the quoted text nor "*": no match */
    const char *p = v + strspn(v, " \t");
    if (*p != '*' && strstr(v, strong) == NULL) check(!got);
}

/* ---- If-Modified-Since ---------------------------------------------------- */

static const long long YEAR_1970 = 0, YEAR_10000 = 253402300800LL;

static void check_date(const char *v, const uint8_t *data, size_t size) {
    char out[CONDITIONAL_DATE_MAX];
    long long t = conditional_parse_date(v);
    /* "23:59:60" (a leap second) on 31 Dec 9999 is the first second of
    ** 10000, which date_format clamps: no round trip there */
    check(t >= -1 && t <= YEAR_10000);
    if (t >= 0 && t < YEAR_10000) {
        conditional_format_date(t, out);
        check(conditional_parse_date(out) == t);
    }
    unsigned long long u = 0;
    for (size_t i = 0; i < 8 && i < size; i++) u = u << 8 | data[i];
    long long any = YEAR_1970 + (long long)(u % (unsigned long long)YEAR_10000);
    conditional_format_date(any, out);
    check(strlen(out) == 29);
    check(conditional_parse_date(out) == any);
}

/* ---- the 304 decision ---------------------------------------------------- */

static void check_decision(const char *v, const char *etag, const uint8_t *data,
                           size_t size) {
    const long long now = 1700000000;
    long long lm = size > 0 ? now - 86400 + data[size - 1] * 1000LL : 0;
    check(conditional_not_modified(v, NULL, etag, lm, now) ==
          conditional_none_match(v, etag));
    check(conditional_not_modified(v, v, etag, lm, now) ==
          conditional_none_match(v, etag));
    bool nm = conditional_not_modified(NULL, v, etag, lm, now);
    long long since = conditional_parse_date(v);
    check(nm == (lm > 0 && lm < now && since >= 0 && since <= now && lm <= since));
    check(!conditional_not_modified(NULL, NULL, etag, lm, now));
}

/* ---- the ETag ------------------------------------------------------------ */

static bool etag_shape(const char *e, bool weak) {
    if (weak != (strncmp(e, "W/", 2) == 0)) return false;
    if (weak) e += 2;
    if (strlen(e) != 18 || e[0] != '"' || e[17] != '"') return false;
    for (int i = 1; i <= 16; i++)
        if (!strchr("0123456789abcdef", e[i])) return false;
    return true;
}

/* body with every occurrence of cut (left to right, not overlapping)
** removed, into b. */
static void cut_out(buf_t *b, const char *body, size_t len, const char *cut) {
    size_t n = strlen(cut), i = 0;
    while (i < len) {
        if (n > 0 && len - i >= n && memcmp(body + i, cut, n) == 0) {
            i += n;
            continue;
        }
        buf_putc(b, body[i++]);
    }
}

static void check_etags(const char *v, const char *body, size_t len) {
    char strong[CONDITIONAL_ETAG_MAX], weak[CONDITIONAL_ETAG_MAX],
         plain[CONDITIONAL_ETAG_MAX], variant[CONDITIONAL_ETAG_MAX];
    conditional_etag(body, len, NULL, strong);
    check(etag_shape(strong, false));
    conditional_etag(body, len, v, weak);
    check(etag_shape(weak, v[0] != '\0'));
    buf_t b = BUF_INIT;
    cut_out(&b, body, len, v);
    conditional_etag(b.data ? b.data : "", b.len, NULL, plain);
    buf_free(&b);
    check(strcmp(weak + (v[0] ? 2 : 0), plain) == 0);
    static const char *const suffixes[] = {"gz", "br"};
    for (int i = 0; i < 2; i++) {
        conditional_etag_variant(weak, suffixes[i], variant);
        size_t n = strlen(weak);
        check(strlen(variant) == n + 3 && memcmp(variant, weak, n - 1) == 0 &&
              variant[n - 1] == '-' && !strncmp(variant + n, suffixes[i], 2) &&
              variant[n + 2] == '"');
        check_none_match(v, variant);
    }
    check_none_match(v, strong);
    check_none_match(v, weak);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const uint8_t *nul = memchr(data, 0, size);
    size_t vlen = nul ? (size_t)(nul - data) : size;
    size_t blen = nul ? size - vlen - 1 : 0;
    char *v = malloc(vlen + 1), *body = malloc(blen ? blen : 1);
    check(v != NULL && body != NULL);
    memcpy(v, data, vlen);
    v[vlen] = '\0';
    if (blen) memcpy(body, nul + 1, blen);
    check_etags(v, body, blen);
    char etag[CONDITIONAL_ETAG_MAX];
    conditional_etag(body, blen, NULL, etag);
    check_decision(v, etag, data, size);
    check_date(v, data, size);
    free(v);
    free(body);
    return 0;
}
