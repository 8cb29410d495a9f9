/*
** test_err.c — unit tests for err.c: messages, prefixes, "FILE:LINE: "
** messages, and a NULL err_t, which takes none of them.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "err.h"

static void set_and_prefix(void **state) {
    (void)state;
    err_t err;
    assert_int_equal(err_set(&err, "no such %s (%d)", "thing", 7), -1);
    assert_string_equal(err.msg, "no such thing (7)");
    assert_int_equal(err_prefix(&err, "%s", "reading"), -1);
    assert_string_equal(err.msg, "reading: no such thing (7)");
}

/* The variadic wrapper a file writes for its own context. */
static int fail_in(err_t *err, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int rc = err_vat(err, "theme/page.mustache", line, fmt, ap);
    va_end(ap);
    return rc;
}

static void at_names_file_and_line(void **state) {
    (void)state;
    err_t err;
    assert_int_equal(err_at(&err, "story.md", 12, "unknown key '%s'", "titel"), -1);
    assert_string_equal(err.msg, "story.md:12: unknown key 'titel'");
    assert_int_equal(fail_in(&err, 3, "unclosed section '%.*s'", 4, "itemsXYZ"), -1);
    assert_string_equal(err.msg, "theme/page.mustache:3: unclosed section 'item'");
}

/* A long message keeps its first 399 bytes after "FILE:LINE: ". */
static void at_cuts_a_long_message(void **state) {
    (void)state;
    char long_text[1000];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    err_t err;
    err_at(&err, "f", 1, "%s", long_text);
    assert_int_equal(strlen(err.msg), strlen("f:1: ") + 399);
    assert_memory_equal(err.msg, "f:1: xxx", 8);
}

static void null_err_takes_nothing(void **state) {
    (void)state;
    assert_int_equal(err_set(NULL, "x"), -1);
    assert_int_equal(err_prefix(NULL, "x"), -1);
    assert_int_equal(err_at(NULL, "f", 1, "x"), -1);
    assert_int_equal(fail_in(NULL, 1, "x"), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(set_and_prefix),
        cmocka_unit_test(at_names_file_and_line),
        cmocka_unit_test(at_cuts_a_long_message),
        cmocka_unit_test(null_err_takes_nothing),
    };
    return cmocka_run_group_tests_name("err", tests, NULL, NULL);
}
