/*
** test_form.c — unit tests for form.c: urlencoded bodies and query strings.
**
** Every test gets a fresh arena from unit_arena_setup() and loses it in
** unit_arena_teardown() (unit.h),
** which cmocka runs even when an assertion fails.  parse_ok and
** parse_fails wrap form_parse so that each case reads as one line.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "form.h"
#include "unit.h"

/* form_parse of a C string that must succeed. */
static form_t parse_ok(arena_t *a, const char *body) {
    form_t f;
    err_t err = {""};
    if (form_parse(a, body, strlen(body), &f, &err) != 0)
        fail_msg("form_parse(\"%s\") failed: %s", body, err.msg);
    return f;
}

/* form_parse of len bytes that must fail with a message starting want. */
static void parse_fails(arena_t *a, const char *body, size_t len,
                        const char *want) {
    form_t f = {(form_field *)1, 99};
    err_t err = {""};
    if (form_parse(a, body, len, &f, &err) != -1)
        fail_msg("form_parse(\"%.*s\") succeeded", (int)len, body);
    if (strncmp(err.msg, want, strlen(want)) != 0)
        fail_msg("form_parse(\"%.*s\"): \"%s\", want \"%s\"", (int)len, body,
                 err.msg, want);
    assert_null(f.fields);
    assert_int_equal(f.n, 0);
}

static void assert_field(const form_t *f, size_t i, const char *name,
                         const char *value) {
    assert_true(i < f->n);
    assert_string_equal(f->fields[i].name, name);
    assert_string_equal(f->fields[i].value, value);
    assert_int_equal(f->fields[i].value_len, strlen(value));
}

/* ------------------------------------------------------------- decoding */

static void parses_pairs_in_order(void **state) {
    form_t f = parse_ok(*state, "a=1&b=x+y%21&c=");
    assert_int_equal(f.n, 3);
    assert_field(&f, 0, "a", "1");
    assert_field(&f, 1, "b", "x y!");
    assert_field(&f, 2, "c", "");
}

static void decodes_names_too(void **state) {
    form_t f = parse_ok(*state, "first+na%6De=J%C3%BCrgen&%61=b");
    assert_field(&f, 0, "first name", "J\xC3\xBCrgen");
    assert_field(&f, 1, "a", "b");
}

static void hex_is_case_insensitive(void **state) {
    form_t f = parse_ok(*state, "q=%e2%80%99%E2%80%99");
    assert_field(&f, 0, "q", "\xE2\x80\x99\xE2\x80\x99");
    assert_int_equal(f.fields[0].value_len, 6);
}

static void plus_and_encoded_plus(void **state) {
    form_t f = parse_ok(*state, "m=1%2B1+%3D+2&amp=%26&eq=%3D");
    assert_field(&f, 0, "m", "1+1 = 2");
    assert_field(&f, 1, "amp", "&");
    assert_field(&f, 2, "eq", "=");
}

static void value_keeps_later_equals(void **state) {
    form_t f = parse_ok(*state, "t=a=b==");
    assert_field(&f, 0, "t", "a=b==");
}

static void pair_without_equals_has_empty_value(void **state) {
    form_t f = parse_ok(*state, "flag&x=1");
    assert_int_equal(f.n, 2);
    assert_field(&f, 0, "flag", "");
    assert_field(&f, 1, "x", "1");
}

static void empty_pairs_are_skipped(void **state) {
    form_t f = parse_ok(*state, "&&a=1&&&b=2&");
    assert_int_equal(f.n, 2);
    assert_field(&f, 0, "a", "1");
    assert_field(&f, 1, "b", "2");
    f = parse_ok(*state, "&");
    assert_int_equal(f.n, 0);
}

static void empty_body(void **state) {
    form_t f = {(form_field *)1, 99};
    assert_int_equal(form_parse(*state, NULL, 0, &f, NULL), 0);
    assert_int_equal(f.n, 0);
    assert_null(form_get(&f, "a"));
    f = parse_ok(*state, "");
    assert_int_equal(f.n, 0);
}

static void respects_len(void **state) {
    /* body is not NUL-terminated where len ends */
    const char body[] = "a=1&b=2%4";
    form_t f;
    assert_int_equal(form_parse(*state, body, 3, &f, NULL), 0);
    assert_int_equal(f.n, 1);
    assert_field(&f, 0, "a", "1");
    /* an escape cut by len is malformed even though the bytes go on */
    parse_fails(*state, "a=%41", 4, "malformed form encoding");
}

static void values_are_not_utf8_checked(void **state) {
    form_t f = parse_ok(*state, "b=%FF%FE&c=\xC3");
    assert_int_equal(f.fields[0].value_len, 2);
    assert_memory_equal(f.fields[0].value, "\xFF\xFE", 2);
    assert_field(&f, 1, "c", "\xC3");
}

static void raw_bytes_pass_through(void **state) {
    form_t f = parse_ok(*state, "q=caf\xC3\xA9 au lait");
    assert_field(&f, 0, "q", "caf\xC3\xA9 au lait");
}

static void works_for_query_strings(void **state) {
    form_t f = parse_ok(*state, "q=caf%C3%A9+cr%C3%A8me&page=2");
    assert_string_equal(form_get(&f, "q"), "caf\xC3\xA9 cr\xC3\xA8me");
    assert_string_equal(form_get(&f, "page"), "2");
}

static void comment_form_body(void **state) {
    form_t f = parse_ok(*state,
                        "article=42&parent=0&comment=Great+piece%2C+"
                        "thanks%21%0D%0ASecond+line&author=Ana+L%C3%B3pez&"
                        "email=ana%40example.org&"
                        "url=https%3A%2F%2Fana.example%2F");
    assert_int_equal(f.n, 6);
    assert_string_equal(form_get(&f, "comment"),
                        "Great piece, thanks!\r\nSecond line");
    assert_string_equal(form_get(&f, "author"), "Ana L\xC3\xB3pez");
    assert_string_equal(form_get(&f, "email"), "ana@example.org");
    assert_string_equal(form_get(&f, "url"), "https://ana.example/");
}

/* ------------------------------------------------------------- form_get */

static void get_returns_first_of_repeats(void **state) {
    form_t f = parse_ok(*state, "tag=a&tag=b&x=&tag=c");
    assert_string_equal(form_get(&f, "tag"), "a");
    assert_string_equal(form_get(&f, "x"), "");
    assert_null(form_get(&f, "missing"));
    assert_null(form_get(&f, "ta"));
    assert_null(form_get(&f, "tags"));
    assert_null(form_get(&f, "TAG"));
}

/* ---------------------------------------------------------------- errors */

static void malformed_escapes_fail(void **state) {
    static const char *const bad[] = {
        "%", "a=%", "a=%4", "a=%zz", "a=%G1", "a=%1G", "a=1%", "%=1",
        "a=%%41", "a=% 41", "a=ok&b=%-1", "a=%+1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        parse_fails(*state, bad[i], strlen(bad[i]), "malformed form encoding");
}

static void nul_bytes_fail(void **state) {
    parse_fails(*state, "a=%00", 5, "form field contains a NUL byte");
    parse_fails(*state, "a=x%00y", 7, "form field contains a NUL byte");
    parse_fails(*state, "%00=1", 5, "form field contains a NUL byte");
    parse_fails(*state, "a=1&b=x\0y", 9, "form field contains a NUL byte");
    parse_fails(*state, "a\0b=1", 5, "form field contains a NUL byte");
}

/* "f0=0&f1=1&...": n fields, with `gap` extra '&' between each. */
static char *many_fields(arena_t *a, int n, int gap) {
    buf_t b = BUF_INIT;
    for (int i = 0; i < n; i++) {
        if (i) for (int g = 0; g <= gap; g++) buf_putc(&b, '&');
        buf_printf(&b, "f%d=%d", i, i);
    }
    char *s = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

static void sixty_four_fields_is_the_limit(void **state) {
    arena_t *a = *state;
    form_t f = parse_ok(a, many_fields(a, FORM_MAX_FIELDS, 0));
    assert_int_equal(f.n, 64);
    assert_string_equal(form_get(&f, "f63"), "63");
    /* empty pieces do not count */
    f = parse_ok(a, many_fields(a, FORM_MAX_FIELDS, 3));
    assert_int_equal(f.n, 64);
    char *s = many_fields(a, FORM_MAX_FIELDS + 1, 0);
    parse_fails(a, s, strlen(s), "too many form fields");
    s = many_fields(a, 1000, 0);
    parse_fails(a, s, strlen(s), "too many form fields");
}

static void null_err_is_allowed(void **state) {
    form_t f;
    assert_int_equal(form_parse(*state, "a=%", 3, &f, NULL), -1);
    assert_int_equal(f.n, 0);
}

static void every_byte_round_trips(void **state) {
    /* %XX for every byte but NUL decodes to that byte */
    for (int c = 1; c < 256; c++) {
        char body[8];
        snprintf(body, sizeof body, "v=%%%02X", c);
        form_t f = parse_ok(*state, body);
        assert_int_equal(f.fields[0].value_len, 1);
        assert_int_equal((unsigned char)f.fields[0].value[0], c);
    }
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(parses_pairs_in_order),
        T(decodes_names_too),
        T(hex_is_case_insensitive),
        T(plus_and_encoded_plus),
        T(value_keeps_later_equals),
        T(pair_without_equals_has_empty_value),
        T(empty_pairs_are_skipped),
        T(empty_body),
        T(respects_len),
        T(values_are_not_utf8_checked),
        T(raw_bytes_pass_through),
        T(works_for_query_strings),
        T(comment_form_body),
        T(get_returns_first_of_repeats),
        T(malformed_escapes_fail),
        T(nul_bytes_fail),
        T(sixty_four_fields_is_the_limit),
        T(null_err_is_allowed),
        T(every_byte_round_trips),
    };
    return cmocka_run_group_tests_name("form", tests, NULL, NULL);
}
