/*
** test_origin.c — unit tests for origin.c: the origin of a URL, the
** Origin header against the site's base URL (scheme, host and port all
** agree), and whether the site is https.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "origin.h"

static void parse_is(const char *text, bool with_path, bool https, const char *host,
                     unsigned port) {
    origin_t o;
    if (!origin_parse(text, with_path, &o)) fail_msg("\"%s\" did not parse", text);
    if (o.https != https || strcmp(o.host, host) != 0 || o.port != port)
        fail_msg("\"%s\" = %s://%s:%u", text, o.https ? "https" : "http", o.host, o.port);
}

static void not_an_origin(const char *text, bool with_path) {
    origin_t o;
    if (origin_parse(text, with_path, &o)) fail_msg("\"%s\" parsed", text);
    assert_int_equal(o.port, 0);
    assert_string_equal(o.host, "");
}

static void parses_the_three_parts(void **state) {
    (void)state;
    parse_is("http://127.0.0.1:8080", false, false, "127.0.0.1", 8080);
    parse_is("https://news.example.org", false, true, "news.example.org", 443);
    parse_is("http://news.example.org", false, false, "news.example.org", 80);
    parse_is("HTTPS://News.Example.ORG:8443", false, true, "news.example.org", 8443);
    parse_is("http://[::1]:9000", false, false, "[::1]", 9000);
    parse_is("https://[2001:DB8::1]", false, true, "[2001:db8::1]", 443);
    parse_is("https://xn--bcher-kva.example", false, true, "xn--bcher-kva.example", 443);
    /* a base URL may have a path, which is not part of the origin */
    parse_is("https://example.org/news", true, true, "example.org", 443);
    parse_is("http://example.org:81/", true, false, "example.org", 81);
}

static void refuses_what_is_not_one(void **state) {
    (void)state;
    const char *bad[] = {
        NULL, "", "null", "example.org", "ftp://example.org", "file:///etc/passwd",
        "http://", "http://:80", "http://example.org:", "http://example.org:0",
        "http://example.org:65536", "http://example.org:123456", "http://example.org:8x",
        "http://user@example.org", "http://user:pw@example.org", "http://exa mple.org",
        "http://example.org?x=1", "http://example.org#top", "http://[::1",
        "http://[]", "http://[zz::1]", "http://example.org\r\nX: y", "https//example.org",
        "http:/example.org", "javascript://example.org",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) not_an_origin(bad[i], true);
    /* an Origin header has no path */
    not_an_origin("https://example.org/", false);
    not_an_origin("https://example.org/news", false);
}

static void matches_only_the_same_origin(void **state) {
    (void)state;
    const char *base = "https://news.example.org";
    assert_true(origin_matches("https://news.example.org", base));
    assert_true(origin_matches("https://NEWS.example.org:443", base));
    assert_true(origin_matches("https://news.example.org", "https://news.example.org/site"));
    /* the scheme counts, both ways */
    assert_false(origin_matches("http://news.example.org", base));
    assert_false(origin_matches("https://127.0.0.1:8080", "http://127.0.0.1:8080"));
    /* the port counts */
    assert_false(origin_matches("https://news.example.org:8443", base));
    assert_false(origin_matches("http://127.0.0.1:8081", "http://127.0.0.1:8080"));
    /* the host counts: no suffix or prefix games */
    assert_false(origin_matches("https://evil.example", base));
    assert_false(origin_matches("https://news.example.org.evil.example", base));
    assert_false(origin_matches("https://xnews.example.org", base));
    assert_false(origin_matches("https://example.org", base));
    /* what does not parse never matches */
    assert_false(origin_matches("null", base));
    assert_false(origin_matches(NULL, base));
    assert_false(origin_matches("https://news.example.org/", base));
    assert_false(origin_matches("https://news.example.org", "news.example.org"));
}

static void https_sites(void **state) {
    (void)state;
    assert_true(origin_is_https("https://news.example.org"));
    assert_true(origin_is_https("HTTPS://news.example.org:8443/x"));
    assert_false(origin_is_https("http://news.example.org"));
    assert_false(origin_is_https("https://"));
    assert_false(origin_is_https(NULL));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_the_three_parts),
        cmocka_unit_test(refuses_what_is_not_one),
        cmocka_unit_test(matches_only_the_same_origin),
        cmocka_unit_test(https_sites),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
