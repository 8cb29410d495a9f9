/*
** conditional.c — ETag, Last-Modified, Cache-Control and 304; see
** conditional.h for the rules and why.
**
** The ETag hash is BLAKE2b (libsodium's crypto_generichash) cut to 64
** bits: not a security boundary, but collisions between two versions of
** one URL must not happen in practice, and it runs at about a gigabyte a
** second: 10 µs for the 10 KB Blinken page.  HTTP dates are parsed here by
** hand, not with strptime: no locale may change what a header means.
*/
#include "conditional.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "date.h"

/* ---- ETags ------------------------------------------------------------- */

/* The first occurrence of needle (nlen > 0) in hay[0..len), or NULL. */
static const char *find(const char *hay, size_t len, const char *needle,
                        size_t nlen) {
    return len >= nlen ? memmem(hay, len, needle, nlen) : NULL;
}

void conditional_etag(const char *body, size_t len, const char *ignore,
                      char out[CONDITIONAL_ETAG_MAX]) {
    static const char hex[] = "0123456789abcdef";
    crypto_generichash_state st;
    unsigned char h[crypto_generichash_BYTES_MIN];
    size_t nlen = ignore ? strlen(ignore) : 0;
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    const char *p = body ? body : "", *end = p + (body ? len : 0);
    for (const char *hit; nlen && (hit = find(p, (size_t)(end - p), ignore, nlen));
         p = hit + nlen)
        crypto_generichash_update(&st, (const unsigned char *)p, (size_t)(hit - p));
    crypto_generichash_update(&st, (const unsigned char *)p, (size_t)(end - p));
    crypto_generichash_final(&st, h, sizeof h);
    char *o = out;
    if (nlen) o += sprintf(o, "W/");
    *o++ = '"';
    for (int i = 0; i < 8; i++) {
        *o++ = hex[h[i] >> 4];
        *o++ = hex[h[i] & 15];
    }
    *o++ = '"';
    *o = '\0';
}

void conditional_etag_variant(const char *etag, const char *suffix,
                              char out[CONDITIONAL_ETAG_MAX]) {
    size_t len = strlen(etag), slen = suffix ? strlen(suffix) : 0;
    bool quoted = len >= 2 && etag[len - 1] == '"';
    if (slen == 0 || !quoted || len + slen + 2 > CONDITIONAL_ETAG_MAX) {
        snprintf(out, CONDITIONAL_ETAG_MAX, "%s", etag);
        return;
    }
    /* etag without its closing quote, '-', suffix, '"', NUL: fits, above */
    memcpy(out, etag, len - 1);
    out[len - 1] = '-';
    memcpy(out + len, suffix, slen);
    out[len + slen] = '"';
    out[len + slen + 1] = '\0';
}

/* The opaque part of an entity-tag starting at s (after OWS): points
** *tag at its first quote and returns its length with both quotes, W/
** skipped; 0 when s holds no well-formed entity-tag. */
static size_t entity_tag(const char *s, const char **tag) {
    if (s[0] == 'W' && s[1] == '/') s += 2;
    if (*s != '"') return 0;
    size_t n = 1;
    /* etagc: %x21 / %x23-7E / obs-text */
    while (s[n] && s[n] != '"' && (unsigned char)s[n] >= 0x21 &&
           (unsigned char)s[n] != 0x7f)
        n++;
    if (s[n] != '"') return 0;
    *tag = s;
    return n + 1;
}

bool conditional_none_match(const char *if_none_match, const char *etag) {
    if (if_none_match == NULL || etag == NULL) return false;
    const char *want;
    size_t wlen = entity_tag(etag, &want);
    const char *p = if_none_match;
    while (*p == ' ' || *p == '\t') p++;
    if (*p == '*') return true;
    if (wlen == 0) return false;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == ',') p++;
        if (*p == '\0') return false;
        const char *tag;
        size_t n = entity_tag(p, &tag);
        if (n == 0) return false;
        const char *next = tag + n;
        while (*next == ' ' || *next == '\t') next++;
        if (*next != ',' && *next != '\0') return false;   /* "abc"x */
        if (n == wlen && memcmp(tag, want, n) == 0) return true;
        p = next;
    }
}

/* ---- HTTP dates --------------------------------------------------------- */

void conditional_format_date(long long t, char out[CONDITIONAL_DATE_MAX]) {
    char rfc822[32];
    /* "Wed, 01 May 2024 09:00:00 +0000": the same, but HTTP says GMT */
    date_format(t, rfc822, DATE_RFC822);
    snprintf(out, CONDITIONAL_DATE_MAX, "%.25s GMT", rfc822);
}

/* n decimal digits at *s into *v, advancing *s; false if not all digits.
** A leading space stands for a zero (asctime pads the day with one). */
static bool digits(const char **s, int n, unsigned *v) {
    *v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*s)[i];
        if (c == ' ' && i == 0 && n == 2) continue;
        if (c < '0' || c > '9') return false;
        *v = *v * 10 + (unsigned)(c - '0');
    }
    *s += n;
    return true;
}

static bool literal(const char **s, const char *lit) {
    size_t n = strlen(lit);
    if (strncmp(*s, lit, n)) return false;
    *s += n;
    return true;
}

/* "Nov" at *s as 1..12, advancing; 0 when not a month. */
static unsigned month(const char **s) {
    static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    for (unsigned i = 0; i < 12; i++)
        if (!strncmp(*s, names + 3 * i, 3)) {
            *s += 3;
            return i + 1;
        }
    return 0;
}

/* "08:49:37" at *s into seconds of the day, advancing; -1 if not one. */
static long long time_of_day(const char **s) {
    unsigned h, m, sec;
    if (!digits(s, 2, &h) || !literal(s, ":") || !digits(s, 2, &m) ||
        !literal(s, ":") || !digits(s, 2, &sec) || h > 23 || m > 59 || sec > 60)
        return -1;
    return (long long)h * 3600 + m * 60 + sec;
}

long long conditional_parse_date(const char *s) {
    if (s == NULL) return -1;
    const char *comma = strchr(s, ',');
    unsigned y, mon, d;
    long long tod;
    if (comma && comma - s == 3) {                 /* IMF-fixdate */
        s = comma + 1;
        if (!literal(&s, " ") || !digits(&s, 2, &d) || !literal(&s, " ") ||
            !(mon = month(&s)) || !literal(&s, " ") || !digits(&s, 4, &y) ||
            !literal(&s, " ") || (tod = time_of_day(&s)) < 0 || !literal(&s, " GMT"))
            return -1;
    } else if (comma) {                            /* RFC 850 */
        s = comma + 1;
        if (!literal(&s, " ") || !digits(&s, 2, &d) || !literal(&s, "-") ||
            !(mon = month(&s)) || !literal(&s, "-") || !digits(&s, 2, &y) ||
            !literal(&s, " ") || (tod = time_of_day(&s)) < 0 || !literal(&s, " GMT"))
            return -1;
        y += y < 70 ? 2000 : 1900;
    } else {                                       /* asctime */
        if (strlen(s) < 4 || s[3] != ' ') return -1;
        s += 4;
        if (!(mon = month(&s)) || !literal(&s, " ") || !digits(&s, 2, &d) ||
            !literal(&s, " ") || (tod = time_of_day(&s)) < 0 || !literal(&s, " ") ||
            !digits(&s, 4, &y))
            return -1;
    }
    while (*s == ' ' || *s == '\t') s++;
    if (*s != '\0' || d < 1 || d > 31) return -1;
    long long t = date_days(y, mon, d) * 86400 + tod;
    return t >= 0 ? t : -1;
}

/* ---- the decision ------------------------------------------------------- */

bool conditional_not_modified(const char *if_none_match,
                              const char *if_modified_since, const char *etag,
                              long long last_modified, long long now) {
    if (if_none_match) return conditional_none_match(if_none_match, etag);
    if (if_modified_since == NULL || last_modified <= 0 || last_modified >= now)
        return false;
    long long since = conditional_parse_date(if_modified_since);
    /* a date in the future is not a valid validator: ignored */
    return since >= 0 && since <= now && last_modified <= since;
}

static bool get_or_head(const char *method) {
    return method && (!strcmp(method, "GET") || !strcmp(method, "HEAD"));
}

const char *conditional_cache_control(const request_t *r, const config_t *c) {
    if (!get_or_head(r->method) || r->status >= 500 || r->status < 200)
        return "no-store";
    if (r->nset_cookie > 0 || r->cache_private) return "private, no-store";
    if (r->status == 404) return c->cache_not_found;
    if (r->status != 200 && r->status != 304) return c->cache_error;
    if (r->cache_control) return r->cache_control;
    switch (r->cache_kind) {
    case REQUEST_CACHE_ARTICLE: return c->cache_article;
    case REQUEST_CACHE_LIST: return c->cache_list;
    case REQUEST_CACHE_FEED: return c->cache_feed;
    case REQUEST_CACHE_ASSET: return c->cache_asset;
    case REQUEST_CACHE_OTHER: break;
    }
    return c->cache_other;
}

void conditional_answer(request_t *r, const config_t *c, long long started,
                        const char *coding_suffix) {
    const char *cc = conditional_cache_control(r, c);
    r->cache_control = cc && *cc ? cc : NULL;
    if (!get_or_head(r->method) || (r->status != 200 && r->status != 304)) {
        r->etag = NULL;
        r->last_modified = 0;
        return;
    }
    char base[CONDITIONAL_ETAG_MAX], tag[CONDITIONAL_ETAG_MAX];
    if (r->etag) snprintf(base, sizeof base, "%s", r->etag);
    else conditional_etag(r->out.data, r->out.len, r->etag_ignore, base);
    conditional_etag_variant(base, coding_suffix, tag);
    r->etag = arena_strdup(r->arena, tag);
    long long lm = r->last_modified;
    bool fixed = r->cache_kind == REQUEST_CACHE_ASSET || r->cache_kind == REQUEST_CACHE_FEED;
    if (lm > 0 || fixed) lm = lm > started ? lm : started;
    if (lm > r->now) lm = r->now;
    r->last_modified = lm > 0 ? lm : 0;
    if (r->status == 200 && conditional_not_modified(r->if_none_match, r->if_modified_since,
                                                     r->etag, r->last_modified, r->now)) {
        r->status = 304;
        buf_reset(&r->out);
    }
}
