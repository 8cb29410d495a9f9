/*
** compress.c — gzip (zlib) and brotli (libbrotlienc) codings; see
** compress.h for what is compressed and why.
**
** Both encoders run one-shot into a buffer reserved at their bound, so
** neither ever runs out of room.  Accept-Encoding q-values are read in
** thousandths, as integers: "q=0.5" is 500, a missing q is 1000.
*/
#include "compress.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <brotli/encode.h>
#include <zlib.h>

/* ---- what is worth compressing ---------------------------------------- */

bool compress_type_ok(const char *content_type) {
    static const char *const exact[] = {
        "text/html", "text/css", "text/javascript", "text/plain",
        "application/javascript", "application/json", "application/xml",
        "image/svg+xml",
    };
    if (content_type == NULL) return false;
    size_t n = strcspn(content_type, ";");
    while (n > 0 && (content_type[n - 1] == ' ' || content_type[n - 1] == '\t')) n--;
    for (size_t i = 0; i < sizeof exact / sizeof *exact; i++)
        if (strlen(exact[i]) == n && !strncasecmp(content_type, exact[i], n)) return true;
    /* application/rss+xml, atom+xml, feed+json, ... */
    if (n < 12 || strncasecmp(content_type, "application/", 12)) return false;
    /* a subtype of at least one letter before the suffix */
    return (n > 16 && !strncasecmp(content_type + n - 4, "+xml", 4)) ||
           (n > 17 && !strncasecmp(content_type + n - 5, "+json", 5));
}

/* ---- Accept-Encoding --------------------------------------------------- */

/* The q-value in thousandths after "q=" at s; -1 when malformed. */
static int qvalue(const char *s, size_t len) {
    if (len == 0 || (s[0] != '0' && s[0] != '1')) return -1;
    int q = (s[0] - '0') * 1000, scale = 100;
    size_t i = 1;
    if (i < len && s[i] == '.') {
        for (i++; i < len && scale > 0; i++, scale /= 10) {
            if (s[i] < '0' || s[i] > '9') return -1;
            q += (s[i] - '0') * scale;
        }
    }
    return i == len && q <= 1000 ? q : -1;
}

/* The q of one member "coding;q=0.5" (s[0..len), OWS trimmed by the
** caller's split): 1000 without q, -1 when a parameter is malformed. */
static int member_q(const char *s, size_t len) {
    const char *semi = memchr(s, ';', len);
    if (semi == NULL) return 1000;
    const char *p = semi + 1, *end = s + len;
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    if (end - p < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=') return -1;
    p += 2;
    while (end > p && (end[-1] == ' ' || end[-1] == '\t')) end--;
    return qvalue(p, (size_t)(end - p));
}

static bool coding_is(const char *s, size_t len, const char *name) {
    return strlen(name) == len && !strncasecmp(s, name, len);
}

compress_coding compress_choose(const char *accept_encoding) {
    if (accept_encoding == NULL) return COMPRESS_IDENTITY;
    int br = -1, gzip = -1, identity = -1, star = -1;
    for (const char *p = accept_encoding; *p;) {
        size_t len = strcspn(p, ",");
        const char *s = p, *e = p + len;
        p = *e ? e + 1 : e;
        while (s < e && (*s == ' ' || *s == '\t')) s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
        size_t name = strcspn(s, ";");
        if (name > (size_t)(e - s)) name = (size_t)(e - s);
        while (name > 0 && (s[name - 1] == ' ' || s[name - 1] == '\t')) name--;
        int q = member_q(s, (size_t)(e - s));
        if (q < 0 || name == 0) continue;
        if (coding_is(s, name, "br")) br = q;
        else if (coding_is(s, name, "gzip") || coding_is(s, name, "x-gzip")) gzip = q;
        else if (coding_is(s, name, "identity")) identity = q;
        else if (coding_is(s, name, "*")) star = q;
    }
    if (br < 0) br = star > 0 ? star : 0;
    if (gzip < 0) gzip = star > 0 ? star : 0;
    int best = br >= gzip ? br : gzip;
    if (best == 0 || (identity >= 0 && identity > best)) return COMPRESS_IDENTITY;
    return br >= gzip ? COMPRESS_BROTLI : COMPRESS_GZIP;
}

const char *compress_coding_name(compress_coding c) {
    return c == COMPRESS_GZIP ? "gzip" : c == COMPRESS_BROTLI ? "br" : NULL;
}

const char *compress_coding_suffix(compress_coding c) {
    return c == COMPRESS_GZIP ? "gz" : c == COMPRESS_BROTLI ? "br" : NULL;
}

/* ---- the encoders ------------------------------------------------------ */

/* The smallest window of 2^bits bytes, within [lo, hi], holding len. */
static int window_bits(size_t len, int lo, int hi) {
    int bits = lo;
    while (bits < hi && ((size_t)1 << bits) < len) bits++;
    return bits;
}

static void gzip_encode(const void *in, size_t len, buf_t *out) {
    if (len > UINT_MAX) abort();               /* zlib counts in uInt */
    z_stream z;
    memset(&z, 0, sizeof z);
    /* windowBits + 16: a gzip header and trailer, not zlib's */
    if (deflateInit2(&z, COMPRESS_GZIP_LEVEL, Z_DEFLATED,
                     window_bits(len, 9, MAX_WBITS) + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        abort();
    uLong bound = deflateBound(&z, (uLong)len);
    buf_reserve(out, bound);
    z.next_in = (Bytef *)(uintptr_t)in;        /* zlib does not write it */
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out->data + out->len;
    z.avail_out = (uInt)bound;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) abort();
    out->len += z.total_out;
    out->data[out->len] = '\0';
    deflateEnd(&z);
}

static void brotli_encode(const void *in, size_t len, buf_t *out) {
    size_t bound = BrotliEncoderMaxCompressedSize(len);
    if (bound == 0) abort();                   /* only past gigabytes */
    buf_reserve(out, bound);
    size_t n = bound;
    if (!BrotliEncoderCompress(COMPRESS_BROTLI_QUALITY,
                               window_bits(len, BROTLI_MIN_WINDOW_BITS,
                                           BROTLI_MAX_WINDOW_BITS),
                               BROTLI_MODE_TEXT, len, in, &n,
                               (uint8_t *)out->data + out->len))
        abort();
    out->len += n;
    out->data[out->len] = '\0';
}

void compress_encode(compress_coding c, const void *in, size_t len, buf_t *out) {
    if (c == COMPRESS_GZIP) gzip_encode(in, len, out);
    else if (c == COMPRESS_BROTLI) brotli_encode(in, len, out);
    else buf_append(out, in, len);
}

/* ---- answers ----------------------------------------------------------- */

compress_coding compress_plan(request_t *r, size_t min_bytes) {
    bool get = r->method && (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD"));
    if (!get || (r->status != 200 && r->status != 304) ||
        !compress_type_ok(r->content_type))
        return COMPRESS_IDENTITY;
    r->vary = "Accept-Encoding";
    if (r->status != 200 || r->out.len < min_bytes || r->cache_private ||
        r->nset_cookie > 0)
        return COMPRESS_IDENTITY;
    return compress_choose(r->accept_encoding);
}

void compress_answer(request_t *r, compress_coding c) {
    if (c == COMPRESS_IDENTITY) return;
    buf_t encoded = BUF_INIT;
    compress_encode(c, r->out.data ? r->out.data : "", r->out.len, &encoded);
    buf_free(&r->out);
    r->out = encoded;
    r->content_encoding = compress_coding_name(c);
}
