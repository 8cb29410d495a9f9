/*
** test_compress.c — unit tests for compress.c: which types are
** compressed, Accept-Encoding with q-values, gzip and brotli that decode
** (zlib's inflate, libbrotlidec) to the very bytes put in, and the rules
** of compress_plan on whole answers.
**
** Every test gets a fresh request_t (GET, 200, HTML, a 4 KB body) from
** setup() (over unit_request_setup, unit.h); unit_request_teardown()
** frees it even when an assertion fails.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <brotli/decode.h>
#include <zlib.h>

#include "compress.h"
#include "request.h"
#include "unit.h"

/* A request: unit_request_setup/teardown (unit.h). */
typedef unit_request fixture;

/* Text that compresses like a page: words, markup, some repetition. */
static void page_text(buf_t *b, size_t len) {
    static const char *const words[] = {
        "<p>", "Blinken", "presses", "Hamas", "for", "a", "truce", "’", "talks",
        "</p>\n", "the", "<a href=\"/2024/05/01/x/\">", "</a>", "Gaza", "Israel",
    };
    unsigned x = 12345;
    while (b->len < len) {
        x = x * 1103515245u + 12345u;
        buf_puts(b, words[(x >> 16) % (sizeof words / sizeof *words)]);
        buf_putc(b, ' ');
    }
    b->len = len;
    b->data[len] = '\0';
}

static int setup(void **state) {
    if (unit_request_setup(state) != 0) return -1;
    fixture *f = *state;
    f->req.accept_encoding = "gzip, deflate, br";
    page_text(&f->req.out, 4096);
    return 0;
}

/* ------------------------------------------------------------- decoders */

static void gunzip(const buf_t *in, buf_t *out) {
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);   /* gzip only */
    z.next_in = (Bytef *)in->data;
    z.avail_in = (uInt)in->len;
    int rc;
    do {
        buf_reserve(out, 65536);
        z.next_out = (Bytef *)out->data + out->len;
        z.avail_out = 65536;
        rc = inflate(&z, Z_NO_FLUSH);
        out->len = z.total_out;
    } while (rc == Z_OK);
    assert_int_equal(rc, Z_STREAM_END);
    assert_int_equal(z.avail_in, 0);       /* nothing after the trailer */
    inflateEnd(&z);
}

static void unbrotli(const buf_t *in, buf_t *out, size_t expect) {
    buf_reserve(out, expect + 1);
    size_t n = expect + 1;
    assert_int_equal(BrotliDecoderDecompress(in->len, (const uint8_t *)in->data, &n,
                                             (uint8_t *)out->data),
                     BROTLI_DECODER_RESULT_SUCCESS);
    out->len = n;
}

/* Encode in[0..len) in c, decode, and compare byte for byte. */
static void round_trip(compress_coding c, const char *in, size_t len) {
    buf_t enc = BUF_INIT, dec = BUF_INIT;
    compress_encode(c, in, len, &enc);
    if (c == COMPRESS_GZIP) {
        assert_true(enc.len >= 18);
        assert_int_equal((unsigned char)enc.data[0], 0x1f);   /* gzip magic */
        assert_int_equal((unsigned char)enc.data[1], 0x8b);
        gunzip(&enc, &dec);
    } else {
        unbrotli(&enc, &dec, len);
    }
    assert_int_equal(dec.len, len);
    if (len) assert_memory_equal(dec.data, in, len);
    buf_free(&enc);
    buf_free(&dec);
}

/* ---------------------------------------------------------------- types */

static void types_that_compress(void **state) {
    (void)state;
    static const char *const yes[] = {
        "text/html; charset=utf-8", "text/html", "TEXT/HTML;charset=UTF-8",
        "text/css; charset=utf-8", "text/javascript; charset=utf-8", "text/plain",
        "application/rss+xml; charset=utf-8", "application/atom+xml",
        "application/xml", "application/json", "application/feed+json",
        "image/svg+xml", "application/xhtml+xml", "text/html ; charset=utf-8",
    };
    static const char *const no[] = {
        "image/png", "image/x-icon", "font/woff2", "application/octet-stream",
        "application/zip", "text/htmlx", "application/+xml", "image/svg",
        "application/xml-dtd", "video/mp4", "", "+xml",
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (!compress_type_ok(yes[i])) fail_msg("should compress %s", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (compress_type_ok(no[i])) fail_msg("should not compress %s", no[i]);
    assert_false(compress_type_ok(NULL));
}

/* ------------------------------------------------------ Accept-Encoding */

static void choose_by_accept_encoding(void **state) {
    (void)state;
    static const struct { const char *ae; compress_coding want; } cases[] = {
        {"", COMPRESS_IDENTITY},
        {"identity", COMPRESS_IDENTITY},
        {"deflate", COMPRESS_IDENTITY},
        {"gzip", COMPRESS_GZIP},
        {"x-gzip", COMPRESS_GZIP},
        {"GZip", COMPRESS_GZIP},
        {"br", COMPRESS_BROTLI},
        {"gzip, deflate, br", COMPRESS_BROTLI},        /* a tie: br */
        {"br, gzip", COMPRESS_BROTLI},
        {"gzip, deflate, br, zstd", COMPRESS_BROTLI},
        {"br;q=0, gzip", COMPRESS_GZIP},               /* q=0 refuses */
        {"gzip;q=0, br;q=0", COMPRESS_IDENTITY},
        {"gzip;q=0", COMPRESS_IDENTITY},
        {"gzip;q=1.0, br;q=0.9", COMPRESS_GZIP},       /* the client prefers gzip */
        {"gzip;q=0.5, br;q=0.8", COMPRESS_BROTLI},
        {"gzip ; q=0.5 , br ; Q=0.500", COMPRESS_BROTLI},
        {"br;q=0.001", COMPRESS_BROTLI},
        {"br;q=0.000", COMPRESS_IDENTITY},
        {"br;q=1.5, gzip", COMPRESS_GZIP},             /* malformed q: ignored */
        {"br;q=abc", COMPRESS_IDENTITY},
        {"br;level=3", COMPRESS_IDENTITY},
        {"*", COMPRESS_BROTLI},
        {"*;q=0", COMPRESS_IDENTITY},
        {"*;q=0.5, br;q=0", COMPRESS_GZIP},
        {"gzip;q=0.5, identity", COMPRESS_IDENTITY},   /* identity preferred */
        {"gzip, identity;q=0.5", COMPRESS_GZIP},
        {"gzip;q=0.5, identity;q=0.5", COMPRESS_GZIP},
        {" , ,gzip,", COMPRESS_GZIP},
        {"brotli, gzipx", COMPRESS_IDENTITY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        compress_coding got = compress_choose(cases[i].ae);
        if (got != cases[i].want)
            fail_msg("Accept-Encoding \"%s\": got %d, want %d", cases[i].ae, got,
                     cases[i].want);
    }
    assert_int_equal(compress_choose(NULL), COMPRESS_IDENTITY);
}

static void coding_names(void **state) {
    (void)state;
    assert_string_equal(compress_coding_name(COMPRESS_GZIP), "gzip");
    assert_string_equal(compress_coding_name(COMPRESS_BROTLI), "br");
    assert_null(compress_coding_name(COMPRESS_IDENTITY));
    assert_string_equal(compress_coding_suffix(COMPRESS_GZIP), "gz");
    assert_string_equal(compress_coding_suffix(COMPRESS_BROTLI), "br");
    assert_null(compress_coding_suffix(COMPRESS_IDENTITY));
}

/* ------------------------------------------------------------- encoders */

static void gzip_and_brotli_round_trip(void **state) {
    (void)state;
    static const size_t sizes[] = {0, 1, 100, 512, 4096, 25000, 300000};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        buf_t text = BUF_INIT;
        page_text(&text, sizes[i] ? sizes[i] : 1);
        text.len = sizes[i];
        round_trip(COMPRESS_GZIP, text.data, text.len);
        round_trip(COMPRESS_BROTLI, text.data, text.len);
        buf_free(&text);
    }
}

static void binary_and_utf8_round_trip(void **state) {
    (void)state;
    enum { N = 70000 };
    char *bytes = malloc(N);
    assert_non_null(bytes);
    unsigned x = 7;
    for (size_t i = 0; i < N; i++) {
        x = x * 1664525u + 1013904223u;
        bytes[i] = (char)(x >> 24);                /* incompressible, NULs too */
    }
    round_trip(COMPRESS_GZIP, bytes, N);
    round_trip(COMPRESS_BROTLI, bytes, N);
    free(bytes);
    const char *utf8 = "Netanyahu’s “talks” — القدس — ירושלים — café ";
    round_trip(COMPRESS_GZIP, utf8, strlen(utf8));
    round_trip(COMPRESS_BROTLI, utf8, strlen(utf8));
}

static void text_gets_smaller(void **state) {
    fixture *f = *state;
    buf_t gz = BUF_INIT, br = BUF_INIT;
    compress_encode(COMPRESS_GZIP, f->req.out.data, f->req.out.len, &gz);
    compress_encode(COMPRESS_BROTLI, f->req.out.data, f->req.out.len, &br);
    assert_true(gz.len < f->req.out.len / 2);
    assert_true(br.len < gz.len);
    buf_free(&gz);
    buf_free(&br);
}

static void encode_appends(void **state) {
    (void)state;
    buf_t out = BUF_INIT;
    buf_puts(&out, "prefix");
    compress_encode(COMPRESS_IDENTITY, "abc", 3, &out);
    assert_string_equal(out.data, "prefixabc");
    compress_encode(COMPRESS_GZIP, "abc", 3, &out);
    assert_memory_equal(out.data, "prefixabc\x1f\x8b", 11);
    buf_free(&out);
}

/* --------------------------------------------------------------- answers */

static void plan_compresses_pages(void **state) {
    fixture *f = *state;
    assert_int_equal(compress_plan(&f->req, 512), COMPRESS_BROTLI);
    assert_string_equal(f->req.vary, "Accept-Encoding");
    f->req.method = "HEAD";
    f->req.accept_encoding = "gzip";
    assert_int_equal(compress_plan(&f->req, 512), COMPRESS_GZIP);
}

static void plan_varies_even_when_not_compressing(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    r->accept_encoding = NULL;
    assert_int_equal(compress_plan(r, 512), COMPRESS_IDENTITY);
    assert_string_equal(r->vary, "Accept-Encoding");
    r->vary = NULL;
    r->accept_encoding = "gzip";
    assert_int_equal(compress_plan(r, 5000), COMPRESS_IDENTITY);   /* too small */
    assert_string_equal(r->vary, "Accept-Encoding");
    r->vary = NULL;
    r->cache_private = true;                                        /* BREACH */
    assert_int_equal(compress_plan(r, 512), COMPRESS_IDENTITY);
    assert_string_equal(r->vary, "Accept-Encoding");
    r->vary = NULL;
    r->cache_private = false;
    request_set_cookie(r, "a=1; Path=/");
    assert_int_equal(compress_plan(r, 512), COMPRESS_IDENTITY);
    assert_string_equal(r->vary, "Accept-Encoding");
    r->vary = NULL;
    r->nset_cookie = 0;
    r->status = 304;                                                /* a handler's 304 */
    assert_int_equal(compress_plan(r, 512), COMPRESS_IDENTITY);
    assert_string_equal(r->vary, "Accept-Encoding");
}

static void plan_leaves_others_alone(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    static const int statuses[] = {301, 303, 404, 422, 500};
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++) {
        r->status = statuses[i];
        assert_int_equal(compress_plan(r, 0), COMPRESS_IDENTITY);
        assert_null(r->vary);
    }
    r->status = 200;
    r->method = "POST";
    assert_int_equal(compress_plan(r, 0), COMPRESS_IDENTITY);
    assert_null(r->vary);
    r->method = "GET";
    r->content_type = "image/png";
    assert_int_equal(compress_plan(r, 0), COMPRESS_IDENTITY);
    assert_null(r->vary);
}

static void answer_replaces_body(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    buf_t original = BUF_INIT, dec = BUF_INIT;
    buf_append(&original, r->out.data, r->out.len);
    compress_answer(r, COMPRESS_IDENTITY);
    assert_null(r->content_encoding);
    assert_int_equal(r->out.len, original.len);
    compress_answer(r, COMPRESS_GZIP);
    assert_string_equal(r->content_encoding, "gzip");
    assert_true(r->out.len < original.len);
    gunzip(&r->out, &dec);
    assert_int_equal(dec.len, original.len);
    assert_memory_equal(dec.data, original.data, original.len);
    buf_free(&original);
    buf_free(&dec);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_request_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(types_that_compress),
        T(choose_by_accept_encoding),
        T(coding_names),
        T(gzip_and_brotli_round_trip),
        T(binary_and_utf8_round_trip),
        T(text_gets_smaller),
        T(encode_appends),
        T(plan_compresses_pages),
        T(plan_varies_even_when_not_compressing),
        T(plan_leaves_others_alone),
        T(answer_replaces_body),
    };
    return cmocka_run_group_tests_name("compress", tests, NULL, NULL);
}
