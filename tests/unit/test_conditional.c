/*
** test_conditional.c — unit tests for conditional.c: ETags and their
** coding variants, If-None-Match lists, HTTP dates in their three forms,
** the 304 decision, Cache-Control by page kind, and conditional_answer
** on whole request_t answers.
**
** Every test gets a fresh request_t (arena, GET, 200, a body) and the
** default settings from setup() (over unit_request_setup, unit.h);
** unit_request_teardown() frees them even when an assertion fails.
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

#include <sodium.h>

#include "conditional.h"
#include "config.h"
#include "request.h"
#include "unit.h"

/* 2024-05-01 09:00:00 UTC, and a "now" a day later */
enum { T0 = 1714554000, NOW = 1714554000 + 86400 };

/* A request and the default settings: unit_request_setup/teardown (unit.h). */
typedef unit_request fixture;

static int setup(void **state) {
    if (unit_request_setup(state) != 0) return -1;
    fixture *f = *state;
    f->req.path = "/";
    f->req.query = "";
    f->req.now = NOW;
    buf_puts(&f->req.out, "<p>hello</p>");
    return 0;
}

/* ---------------------------------------------------------------- ETags */

static bool strong_shape(const char *etag) {
    if (strlen(etag) != 18 || etag[0] != '"' || etag[17] != '"') return false;
    for (int i = 1; i < 17; i++)
        if (!strchr("0123456789abcdef", etag[i])) return false;
    return true;
}

static void etag_is_quoted_hex_and_deterministic(void **state) {
    (void)state;
    char a[CONDITIONAL_ETAG_MAX], b[CONDITIONAL_ETAG_MAX];
    conditional_etag("hello", 5, NULL, a);
    conditional_etag("hello", 5, "", b);
    assert_true(strong_shape(a));
    assert_string_equal(a, b);
    conditional_etag("hellO", 5, NULL, b);
    assert_true(strong_shape(b));
    assert_string_not_equal(a, b);
    /* only len counts: bytes after it and NUL bytes inside it */
    conditional_etag("hello world", 5, NULL, b);
    assert_string_equal(a, b);
    conditional_etag("a\0b", 3, NULL, a);
    conditional_etag("a\0c", 3, NULL, b);
    assert_string_not_equal(a, b);
}

static void etag_of_empty_body(void **state) {
    (void)state;
    char a[CONDITIONAL_ETAG_MAX], b[CONDITIONAL_ETAG_MAX];
    conditional_etag(NULL, 0, NULL, a);
    conditional_etag("", 0, NULL, b);
    assert_true(strong_shape(a));
    assert_string_equal(a, b);
}

static void etag_skips_ignored_text_and_turns_weak(void **state) {
    (void)state;
    char a[CONDITIONAL_ETAG_MAX], b[CONDITIONAL_ETAG_MAX], c[CONDITIONAL_ETAG_MAX];
    const char *one = "<form><input value=\"TOKEN_one\"></form><p>TOKEN_one</p>";
    const char *two = "<form><input value=\"TOKEN_two\"></form><p>TOKEN_two</p>";
    conditional_etag(one, strlen(one), "TOKEN_one", a);
    conditional_etag(two, strlen(two), "TOKEN_two", b);
    assert_string_equal(a, b);
    assert_memory_equal(a, "W/\"", 3);
    assert_true(strong_shape(a + 2));
    /* what is not the ignored text still counts */
    const char *three = "<form><input value=\"TOKEN_two\"></form><p>TOKEN_two!</p>";
    conditional_etag(three, strlen(three), "TOKEN_two", c);
    assert_string_not_equal(b, c);
    /* ignoring text that is absent: weak, same hash as the body */
    conditional_etag("abc", 3, "zzz", a);
    conditional_etag("abc", 3, NULL, b);
    assert_string_equal(a + 2, b);
}

static void etag_variant_adds_suffix_inside_quotes(void **state) {
    (void)state;
    char out[CONDITIONAL_ETAG_MAX];
    conditional_etag_variant("\"abc\"", "gz", out);
    assert_string_equal(out, "\"abc-gz\"");
    conditional_etag_variant("W/\"abc\"", "br", out);
    assert_string_equal(out, "W/\"abc-br\"");
    conditional_etag_variant("\"abc\"", NULL, out);
    assert_string_equal(out, "\"abc\"");
    conditional_etag_variant("\"abc\"", "", out);
    assert_string_equal(out, "\"abc\"");
    conditional_etag_variant("abc", "gz", out);          /* not quoted */
    assert_string_equal(out, "abc");
    char long_tag[CONDITIONAL_ETAG_MAX];
    memset(long_tag, 'x', sizeof long_tag - 1);
    long_tag[0] = '"';
    long_tag[sizeof long_tag - 2] = '"';
    long_tag[sizeof long_tag - 1] = '\0';
    conditional_etag_variant(long_tag, "gz", out);       /* no room: as it is */
    assert_string_equal(out, long_tag);
}

/* -------------------------------------------------------- If-None-Match */

static void none_match_single_and_lists(void **state) {
    (void)state;
    const char *e = "\"abc-gz\"";
    assert_true(conditional_none_match("\"abc-gz\"", e));
    assert_true(conditional_none_match("\"x\", \"abc-gz\"", e));
    assert_true(conditional_none_match("\"x\",\"abc-gz\" , \"y\"", e));
    assert_true(conditional_none_match("  \"abc-gz\"  ", e));
    assert_true(conditional_none_match(",,\"abc-gz\"", e));
    assert_false(conditional_none_match("\"abc\"", e));
    assert_false(conditional_none_match("\"abc-gzz\"", e));
    assert_false(conditional_none_match("\"abc-g\"", e));
    assert_false(conditional_none_match("\"ABC-GZ\"", e));   /* case counts */
    assert_false(conditional_none_match("", e));
    assert_false(conditional_none_match(NULL, e));
    assert_false(conditional_none_match("\"abc-gz\"", NULL));
}

static void none_match_is_weak_comparison(void **state) {
    (void)state;
    assert_true(conditional_none_match("W/\"abc\"", "\"abc\""));
    assert_true(conditional_none_match("\"abc\"", "W/\"abc\""));
    assert_true(conditional_none_match("W/\"abc\"", "W/\"abc\""));
    assert_false(conditional_none_match("w/\"abc\"", "\"abc\""));  /* W is upper case */
}

static void none_match_star(void **state) {
    (void)state;
    assert_true(conditional_none_match("*", "\"abc\""));
    assert_true(conditional_none_match(" *", "W/\"abc\""));
    assert_false(conditional_none_match("*", NULL));
}

static void none_match_stops_at_malformed_member(void **state) {
    (void)state;
    const char *e = "\"abc\"";
    assert_false(conditional_none_match("abc", e));             /* unquoted */
    assert_false(conditional_none_match("\"abc", e));           /* unclosed */
    assert_false(conditional_none_match("junk, \"abc\"", e));
    assert_true(conditional_none_match("\"abc\", junk", e));    /* before it counts */
    assert_false(conditional_none_match("\"ab c\"", "\"ab c\""));  /* no space in etagc */
    assert_false(conditional_none_match("\"abc\"x", e));
}

/* ---------------------------------------------------------------- dates */

static void format_date_is_imf_fixdate(void **state) {
    (void)state;
    char out[CONDITIONAL_DATE_MAX];
    conditional_format_date(T0, out);
    assert_string_equal(out, "Wed, 01 May 2024 09:00:00 GMT");
    conditional_format_date(784111777, out);
    assert_string_equal(out, "Sun, 06 Nov 1994 08:49:37 GMT");
    conditional_format_date(0, out);
    assert_string_equal(out, "Thu, 01 Jan 1970 00:00:00 GMT");
}

static void parse_date_three_forms(void **state) {
    (void)state;
    /* RFC 9110 §5.6.7's own example, in each form */
    assert_int_equal(conditional_parse_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
    assert_int_equal(conditional_parse_date("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777);
    assert_int_equal(conditional_parse_date("Sun Nov  6 08:49:37 1994"), 784111777);
    assert_int_equal(conditional_parse_date("Sun Nov 16 08:49:37 1994"), 784111777 + 10 * 86400);
    assert_int_equal(conditional_parse_date("Thursday, 01-Jan-15 00:00:00 GMT"), 1420070400);
    assert_int_equal(conditional_parse_date("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
    assert_int_equal(conditional_parse_date("Thu, 29 Feb 2024 23:59:59 GMT"), 1709251199);
    assert_int_equal(conditional_parse_date("Wed, 01 May 2024 09:00:00 GMT  "), T0);
}

static void parse_date_round_trips(void **state) {
    (void)state;
    char out[CONDITIONAL_DATE_MAX];
    for (long long t = 0; t < 4102444800LL; t += 86400LL * 37 + 3671) {
        conditional_format_date(t, out);
        if (conditional_parse_date(out) != t) fail_msg("round trip of %lld: %s", t, out);
    }
}

static void parse_date_rejects(void **state) {
    (void)state;
    static const char *const bad[] = {
        "", "yesterday", "Wed, 01 May 2024 09:00:00",       /* no GMT */
        "Wed, 01 May 2024 09:00:00 UTC", "Wed, 1 May 2024 09:00:00 GMT",
        "Wed, 01 Foo 2024 09:00:00 GMT", "Wed, 01 May 24 09:00:00 GMT",
        "Wed, 01 May 2024 24:00:00 GMT", "Wed, 01 May 2024 09:60:00 GMT",
        "Wed, 32 May 2024 09:00:00 GMT", "Wed, 00 May 2024 09:00:00 GMT",
        "Wed, 01 May 2024 09:00:00 GMT; length=12",
        "Wed, 01 May 1969 09:00:00 GMT",                     /* before 1970 */
        "Sunday, 06-Nov-1994 08:49:37 GMT", "Sun Nov 6 08:49:37 1994",
        "Sun Nov  6 08:49:37", "2024-05-01T09:00:00Z", "Wed, 01 May 2024 09:00:00 +0000",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (conditional_parse_date(bad[i]) != -1) fail_msg("accepted \"%s\"", bad[i]);
    assert_int_equal(conditional_parse_date(NULL), -1);
}

/* -------------------------------------------------------- the decision */

static void not_modified_by_etag(void **state) {
    (void)state;
    assert_true(conditional_not_modified("\"a\"", NULL, "\"a\"", T0, NOW));
    assert_false(conditional_not_modified("\"b\"", NULL, "\"a\"", T0, NOW));
    assert_true(conditional_not_modified("*", NULL, "\"a\"", 0, NOW));
}

static void none_match_takes_precedence_over_modified_since(void **state) {
    (void)state;
    char later[CONDITIONAL_DATE_MAX];
    conditional_format_date(NOW - 10, later);
    /* the date alone would say 304; the ETag says changed */
    assert_true(conditional_not_modified(NULL, later, "\"a\"", T0, NOW));
    assert_false(conditional_not_modified("\"b\"", later, "\"a\"", T0, NOW));
    /* an empty If-None-Match is still present */
    assert_false(conditional_not_modified("", later, "\"a\"", T0, NOW));
}

static void not_modified_by_date(void **state) {
    (void)state;
    char at[CONDITIONAL_DATE_MAX], before[CONDITIONAL_DATE_MAX], future[CONDITIONAL_DATE_MAX];
    conditional_format_date(T0, at);
    conditional_format_date(T0 - 1, before);
    conditional_format_date(NOW + 3600, future);
    assert_true(conditional_not_modified(NULL, at, "\"a\"", T0, NOW));       /* equal */
    assert_false(conditional_not_modified(NULL, before, "\"a\"", T0, NOW));  /* older copy */
    assert_false(conditional_not_modified(NULL, at, "\"a\"", 0, NOW));       /* unknown */
    assert_false(conditional_not_modified(NULL, future, "\"a\"", T0, NOW));  /* invalid */
    assert_false(conditional_not_modified(NULL, "garbage", "\"a\"", T0, NOW));
    assert_false(conditional_not_modified(NULL, NULL, "\"a\"", T0, NOW));
    /* a Last-Modified in the current second may still change within it */
    char now[CONDITIONAL_DATE_MAX];
    conditional_format_date(NOW, now);
    assert_false(conditional_not_modified(NULL, now, "\"a\"", NOW, NOW));
    assert_true(conditional_not_modified(NULL, now, "\"a\"", NOW - 1, NOW));
}

/* -------------------------------------------------------- Cache-Control */

static void cache_control_by_kind(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    const config_t *c = &f->config;
    assert_string_equal(conditional_cache_control(r, c), "no-cache");
    r->cache_kind = REQUEST_CACHE_ARTICLE;
    assert_string_equal(conditional_cache_control(r, c), "public, max-age=0, s-maxage=60");
    r->cache_kind = REQUEST_CACHE_LIST;
    assert_string_equal(conditional_cache_control(r, c), "public, max-age=60");
    r->cache_kind = REQUEST_CACHE_FEED;
    assert_string_equal(conditional_cache_control(r, c), "public, max-age=300");
    r->cache_kind = REQUEST_CACHE_ASSET;
    assert_string_equal(conditional_cache_control(r, c), "public, max-age=86400");
    r->method = "HEAD";
    assert_string_equal(conditional_cache_control(r, c), "public, max-age=86400");
    /* the settings decide */
    strcpy(f->config.cache_asset, "public, max-age=5");
    assert_string_equal(conditional_cache_control(r, c), "public, max-age=5");
    /* a handler's own value wins on a 200 */
    r->cache_control = "public, max-age=31536000, immutable";
    assert_string_equal(conditional_cache_control(r, c), "public, max-age=31536000, immutable");
}

static void cache_control_of_errors(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    const config_t *c = &f->config;
    r->cache_kind = REQUEST_CACHE_ARTICLE;
    r->cache_control = "public, max-age=999";     /* ignored on errors */
    r->status = 404;
    assert_string_equal(conditional_cache_control(r, c), "public, max-age=30");
    for (int s = 500; s < 600; s += 3) {
        r->status = s;
        assert_string_equal(conditional_cache_control(r, c), "no-store");
    }
    static const int others[] = {301, 303, 400, 403, 405, 413, 422, 429, 431};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        r->status = others[i];
        assert_string_equal(conditional_cache_control(r, c), "no-store");
    }
    /* 5xx stays no-store whatever the settings say */
    strcpy(f->config.cache_error, "public, max-age=60");
    r->status = 503;
    assert_string_equal(conditional_cache_control(r, c), "no-store");
    r->status = 0;                                /* no handler answered */
    assert_string_equal(conditional_cache_control(r, c), "no-store");
}

static void cache_control_private_and_post(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    const config_t *c = &f->config;
    r->cache_kind = REQUEST_CACHE_ARTICLE;
    r->cache_control = "public, max-age=999";
    r->cache_private = true;
    assert_string_equal(conditional_cache_control(r, c), "private, no-store");
    r->cache_private = false;
    request_set_cookie(r, "a=1; Path=/");
    assert_string_equal(conditional_cache_control(r, c), "private, no-store");
    r->status = 404;
    assert_string_equal(conditional_cache_control(r, c), "private, no-store");
    r->nset_cookie = 0;
    r->status = 200;
    r->method = "POST";
    assert_string_equal(conditional_cache_control(r, c), "no-store");
    r->status = 303;
    assert_string_equal(conditional_cache_control(r, c), "no-store");
}

/* ------------------------------------------------- conditional_answer */

static void answer_sets_validators(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    r->cache_kind = REQUEST_CACHE_ARTICLE;
    r->last_modified = T0;
    conditional_answer(r, &f->config, T0 - 100, NULL);
    char want[CONDITIONAL_ETAG_MAX];
    conditional_etag("<p>hello</p>", 12, NULL, want);
    assert_string_equal(r->etag, want);
    assert_int_equal(r->last_modified, T0);
    assert_string_equal(r->cache_control, "public, max-age=0, s-maxage=60");
    assert_int_equal(r->status, 200);
    assert_int_equal(r->out.len, 12);
}

static void answer_etag_carries_coding(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    conditional_answer(r, &f->config, T0, "br");
    char base[CONDITIONAL_ETAG_MAX], want[CONDITIONAL_ETAG_MAX];
    conditional_etag("<p>hello</p>", 12, NULL, base);
    conditional_etag_variant(base, "br", want);
    assert_string_equal(r->etag, want);
    assert_non_null(strstr(r->etag, "-br\""));
}

static void answer_keeps_handler_etag(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    r->etag = "\"0123456789abcdef\"";
    r->cache_kind = REQUEST_CACHE_ASSET;
    conditional_answer(r, &f->config, T0, "gz");
    assert_string_equal(r->etag, "\"0123456789abcdef-gz\"");
    /* an asset that names no time is as old as the server */
    assert_int_equal(r->last_modified, T0);
}

static void answer_last_modified_floor_and_clamp(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    r->last_modified = T0 - 5000;
    conditional_answer(r, &f->config, T0, NULL);
    assert_int_equal(r->last_modified, T0);           /* raised to the start */
    r->etag = NULL;
    r->last_modified = NOW + 3600;                    /* a future date */
    conditional_answer(r, &f->config, T0, NULL);
    assert_int_equal(r->last_modified, NOW);
    r->etag = NULL;
    r->last_modified = 0;                             /* unknown stays unknown */
    conditional_answer(r, &f->config, T0, NULL);
    assert_int_equal(r->last_modified, 0);
    r->etag = NULL;
    r->last_modified = 0;                             /* an empty feed */
    r->cache_kind = REQUEST_CACHE_FEED;
    conditional_answer(r, &f->config, T0, NULL);
    assert_int_equal(r->last_modified, T0);
}

static void answer_304_on_match(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    char base[CONDITIONAL_ETAG_MAX], gz[CONDITIONAL_ETAG_MAX];
    conditional_etag("<p>hello</p>", 12, NULL, base);
    conditional_etag_variant(base, "gz", gz);
    r->if_none_match = arena_printf(r->arena, "\"nope\", %s", gz);
    r->cache_kind = REQUEST_CACHE_LIST;
    r->last_modified = T0;
    conditional_answer(r, &f->config, T0, "gz");
    assert_int_equal(r->status, 304);
    assert_int_equal(r->out.len, 0);
    assert_string_equal(r->etag, gz);
    assert_int_equal(r->last_modified, T0);
    assert_string_equal(r->cache_control, "public, max-age=60");
}

static void answer_identity_etag_does_not_match_gzip(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    char base[CONDITIONAL_ETAG_MAX];
    conditional_etag("<p>hello</p>", 12, NULL, base);
    r->if_none_match = arena_strdup(r->arena, base);
    conditional_answer(r, &f->config, T0, "gz");
    assert_int_equal(r->status, 200);
    assert_int_equal(r->out.len, 12);
}

static void answer_304_by_date_for_head(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    char date[CONDITIONAL_DATE_MAX];
    conditional_format_date(T0 + 60, date);
    r->method = "HEAD";
    r->if_modified_since = date;
    r->last_modified = T0;
    conditional_answer(r, &f->config, T0, NULL);
    assert_int_equal(r->status, 304);
}

static void answer_no_validators_off_200(void **state) {
    fixture *f = *state;
    request_t *r = &f->req;
    static const int statuses[] = {301, 303, 404, 422, 500};
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++) {
        r->status = statuses[i];
        r->etag = "\"x\"";
        r->last_modified = T0;
        r->if_none_match = "*";
        conditional_answer(r, &f->config, T0, NULL);
        assert_null(r->etag);
        assert_int_equal(r->last_modified, 0);
        assert_int_equal(r->status, statuses[i]);      /* never a 304 */
    }
    r->status = 200;
    r->method = "POST";
    conditional_answer(r, &f->config, T0, NULL);
    assert_null(r->etag);
    assert_int_equal(r->status, 200);
    assert_string_equal(r->cache_control, "no-store");
}

static void answer_empty_setting_means_no_header(void **state) {
    fixture *f = *state;
    f->config.cache_other[0] = '\0';
    conditional_answer(&f->req, &f->config, T0, NULL);
    assert_null(f->req.cache_control);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_request_teardown)

int main(void) {
    if (sodium_init() < 0) return 1;
    const struct CMUnitTest tests[] = {
        T(etag_is_quoted_hex_and_deterministic),
        T(etag_of_empty_body),
        T(etag_skips_ignored_text_and_turns_weak),
        T(etag_variant_adds_suffix_inside_quotes),
        T(none_match_single_and_lists),
        T(none_match_is_weak_comparison),
        T(none_match_star),
        T(none_match_stops_at_malformed_member),
        T(format_date_is_imf_fixdate),
        T(parse_date_three_forms),
        T(parse_date_round_trips),
        T(parse_date_rejects),
        T(not_modified_by_etag),
        T(none_match_takes_precedence_over_modified_since),
        T(not_modified_by_date),
        T(cache_control_by_kind),
        T(cache_control_of_errors),
        T(cache_control_private_and_post),
        T(answer_sets_validators),
        T(answer_etag_carries_coding),
        T(answer_keeps_handler_etag),
        T(answer_last_modified_floor_and_clamp),
        T(answer_304_on_match),
        T(answer_identity_etag_does_not_match_gzip),
        T(answer_304_by_date_for_head),
        T(answer_no_validators_off_200),
        T(answer_empty_setting_means_no_header),
    };
    return cmocka_run_group_tests_name("conditional", tests, NULL, NULL);
}
