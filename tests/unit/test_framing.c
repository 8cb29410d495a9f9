/*
** test_framing.c — unit tests for framing.c: each fault framing.h names,
** found in the raw head and only there (never in a body or a pipelined
** request after it), the order in which faults are reported, the head's
** length, and that nothing past len is read.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "framing.h"
#include "unit.h"

/* framing_check over exactly the bytes of s (a heap copy of strlen(s)
** bytes, no terminator, so that ASan sees any read past len). */
static framing_verdict check_n(const char *s, size_t len, bool http11) {
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, s, len);
    framing_verdict v = framing_check(copy, len, http11);
    free(copy);
    return v;
}

static framing_fault check(const char *s) {
    return check_n(s, strlen(s), true).fault;
}

#define GOOD "GET / HTTP/1.1\r\nHost: example.com\r\n"

static void a_plain_head_passes_and_its_length_is_found(void **state) {
    (void)state;
    const char *head = GOOD "Content-Length: 5\r\nAccept: */*\r\n\r\n";
    framing_verdict v = check_n(head, strlen(head), true);
    assert_int_equal(v.fault, FRAMING_OK);
    assert_int_equal(v.head_len, strlen(head));
    assert_int_equal(framing_status(v.fault), 0);
    assert_string_equal(framing_reason(v.fault), "");
}

static void the_body_and_a_pipelined_request_are_not_read(void **state) {
    (void)state;
    /* what follows the blank line would be faults in a head */
    const char *head = GOOD "Content-Length: 40\r\n\r\n";
    char buf[256];
    snprintf(buf, sizeof buf, "%s%s", head,
             "x\ny\r\n folded\rHost: a\r\nContent-Length: 9\r\n\r\n");
    framing_verdict v = check_n(buf, strlen(buf), true);
    assert_int_equal(v.fault, FRAMING_OK);
    assert_int_equal(v.head_len, strlen(head));
    snprintf(buf, sizeof buf, "%s%s", GOOD "\r\n",
             "GET /2 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
    v = check_n(buf, strlen(buf), true);
    assert_int_equal(v.fault, FRAMING_OK);
    assert_int_equal(v.head_len, strlen(GOOD "\r\n"));
}

static void one_empty_line_before_the_request_line_is_skipped(void **state) {
    (void)state;
    const char *head = "\r\n" GOOD "\r\n";
    framing_verdict v = check_n(head, strlen(head), true);
    assert_int_equal(v.fault, FRAMING_OK);
    assert_int_equal(v.head_len, strlen(head));
    assert_int_equal(check("\n" GOOD "\r\n"), FRAMING_BARE_LF);
}

static void a_head_without_its_end_is_refused(void **state) {
    (void)state;
    static const char *const cut[] = {"", "GET / HTTP/1.1", "GET / HTTP/1.1\r\n",
                                      GOOD, GOOD "\r", "\r\n", "\r\n\r\n"};
    for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
        framing_verdict v = check_n(cut[i], strlen(cut[i]), true);
        if (v.fault != FRAMING_NO_END) fail_msg("\"%s\": fault %d", cut[i], v.fault);
        assert_int_equal(v.head_len, 0);
    }
    assert_int_equal(framing_status(FRAMING_NO_END), 400);
}

static void bare_lf_anywhere_in_the_head_is_refused(void **state) {
    (void)state;
    assert_int_equal(check("GET / HTTP/1.1\nHost: a\r\n\r\n"), FRAMING_BARE_LF);
    assert_int_equal(check(GOOD "X: 1\nY: 2\r\n\r\n"), FRAMING_BARE_LF);
    /* the hidden request of issue 8: LF-only lines end the head early */
    const char *head = "GET / HTTP/1.1\nHost: a\n\n";
    framing_verdict v = check_n(head, strlen(head), true);
    assert_int_equal(v.fault, FRAMING_BARE_LF);
    assert_int_equal(v.head_len, strlen(head));
    v = check_n(GOOD "\n", strlen(GOOD "\n"), true);
    assert_int_equal(v.fault, FRAMING_BARE_LF);
    assert_int_equal(v.head_len, strlen(GOOD "\n"));
    assert_int_equal(framing_status(FRAMING_BARE_LF), 400);
}

static void bare_cr_is_refused(void **state) {
    (void)state;
    assert_int_equal(check(GOOD "Foo: 1\rBar: 2\r\n\r\n"), FRAMING_BARE_CR);
    assert_int_equal(check(GOOD "Foo: 1\r\r\n\r\n"), FRAMING_BARE_CR);
    assert_int_equal(check("GET /\r HTTP/1.1\r\nHost: a\r\n\r\n"), FRAMING_BARE_CR);
    assert_int_equal(framing_status(FRAMING_BARE_CR), 400);
}

static void folded_lines_are_refused(void **state) {
    (void)state;
    assert_int_equal(check(GOOD "X: a\r\n  continued\r\n\r\n"), FRAMING_OBS_FOLD);
    assert_int_equal(check(GOOD "X: a\r\n\tcontinued\r\n\r\n"), FRAMING_OBS_FOLD);
    assert_int_equal(check("GET / HTTP/1.1\r\n Host: a\r\n\r\n"), FRAMING_OBS_FOLD);
    /* a space inside a value is no fold */
    assert_int_equal(check(GOOD "X: a  b\r\n\r\n"), FRAMING_OK);
    assert_int_equal(framing_status(FRAMING_OBS_FOLD), 400);
}

static void two_lengths_are_refused_equal_or_not(void **state) {
    (void)state;
    assert_int_equal(check(GOOD "Content-Length: 5\r\nContent-Length: 10\r\n\r\n"),
                     FRAMING_LENGTH_TWICE);
    assert_int_equal(check(GOOD "Content-Length: 5\r\ncontent-length: 5\r\n\r\n"),
                     FRAMING_LENGTH_TWICE);
    assert_int_equal(check(GOOD "CONTENT-LENGTH: 0\r\nX: 1\r\nContent-length:0\r\n\r\n"),
                     FRAMING_LENGTH_TWICE);
    /* names that only start alike are other headers */
    assert_int_equal(check(GOOD "Content-Length: 5\r\nContent-Lengths: 5\r\n"
                                "X-Content-Length: 5\r\n\r\n"),
                     FRAMING_OK);
    assert_int_equal(framing_status(FRAMING_LENGTH_TWICE), 400);
}

static void length_with_coding_is_refused_in_either_order(void **state) {
    (void)state;
    assert_int_equal(check(GOOD "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"),
                     FRAMING_LENGTH_AND_CODING);
    assert_int_equal(check(GOOD "transfer-encoding: chunked\r\nContent-Length: 5\r\n\r\n"),
                     FRAMING_LENGTH_AND_CODING);
    /* it wins over two lengths and over a Host fault */
    assert_int_equal(check("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n"),
                     FRAMING_LENGTH_AND_CODING);
    assert_int_equal(framing_status(FRAMING_LENGTH_AND_CODING), 400);
}

static void a_coding_alone_wants_a_length(void **state) {
    (void)state;
    assert_int_equal(check(GOOD "Transfer-Encoding: chunked\r\n\r\n"), FRAMING_CODING);
    assert_int_equal(check(GOOD "TRANSFER-ENCODING:chunked\r\n\r\n"), FRAMING_CODING);
    const char *old = "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n";
    assert_int_equal(check_n(old, strlen(old), false).fault, FRAMING_CODING);
    assert_int_equal(framing_status(FRAMING_CODING), 411);
}

static void host_is_required_once_in_http11(void **state) {
    (void)state;
    assert_int_equal(check("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"), FRAMING_HOST_MISSING);
    assert_int_equal(check("GET / HTTP/1.1\r\n\r\n"), FRAMING_HOST_MISSING);
    assert_int_equal(check(GOOD "HOST: b\r\n\r\n"), FRAMING_HOST_TWICE);
    assert_int_equal(check(GOOD "X-Forwarded-Host: b\r\nHostname: c\r\n\r\n"), FRAMING_OK);
    /* HTTP/1.0 may leave Host out, but not give it twice */
    const char *none = "GET / HTTP/1.0\r\n\r\n";
    assert_int_equal(check_n(none, strlen(none), false).fault, FRAMING_OK);
    const char *two = "GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n";
    assert_int_equal(check_n(two, strlen(two), false).fault, FRAMING_HOST_TWICE);
    assert_int_equal(framing_status(FRAMING_HOST_MISSING), 400);
    assert_int_equal(framing_status(FRAMING_HOST_TWICE), 400);
}

static void the_first_line_fault_wins_over_counts(void **state) {
    (void)state;
    /* the fold comes first, then the bare LF; both before the lengths */
    assert_int_equal(check("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n"
                           " x\r\nY: 1\n\r\n"),
                     FRAMING_OBS_FOLD);
    assert_int_equal(check("GET / HTTP/1.1\r\nY: 1\nContent-Length: 1\r\n x\r\n\r\n"),
                     FRAMING_BARE_LF);
}

static void every_fault_has_a_reason(void **state) {
    (void)state;
    for (int f = FRAMING_BARE_LF; f <= FRAMING_NO_END; f++) {
        const char *why = framing_reason((framing_fault)f);
        assert_non_null(why);
        assert_true(strlen(why) > 10);
        assert_true(why[strlen(why) - 1] == '.');
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_plain_head_passes_and_its_length_is_found),
        cmocka_unit_test(the_body_and_a_pipelined_request_are_not_read),
        cmocka_unit_test(one_empty_line_before_the_request_line_is_skipped),
        cmocka_unit_test(a_head_without_its_end_is_refused),
        cmocka_unit_test(bare_lf_anywhere_in_the_head_is_refused),
        cmocka_unit_test(bare_cr_is_refused),
        cmocka_unit_test(folded_lines_are_refused),
        cmocka_unit_test(two_lengths_are_refused_equal_or_not),
        cmocka_unit_test(length_with_coding_is_refused_in_either_order),
        cmocka_unit_test(a_coding_alone_wants_a_length),
        cmocka_unit_test(host_is_required_once_in_http11),
        cmocka_unit_test(the_first_line_fault_wins_over_counts),
        cmocka_unit_test(every_fault_has_a_reason),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
