/*
** test_date.c — unit tests for date.c: parsing, formatting, permalinks.
**
** Every test gets a fresh arena from unit_arena_setup() and loses it in
** unit_arena_teardown() (unit.h), which cmocka runs even when an assertion
** fails, so a failing test does not also leak.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "err.h"
#include "unit.h"

static long long parsed(const char *s) {
    long long t = 0;
    err_t err = {{0}};
    if (date_parse(s, &t, &err) != 0)
        fail_msg("parse_date(\"%s\") failed: %s", s, err.msg);
    return t;
}

static void parse_date_forms(void **state) {
    (void)state;
    const long long may1 = 1714521600LL, nine = may1 + 9 * 3600;
    assert_int_equal(parsed("2024-05-01"), may1);
    assert_int_equal(parsed("2024-05-01T09:00:00Z"), nine);
    assert_int_equal(parsed("2024-05-01T09:00Z"), nine);
    assert_int_equal(parsed("2024-05-01 09:00:00"), nine);
    assert_int_equal(parsed("2024-05-01T09:00:00"), nine);
    assert_int_equal(parsed("2024-05-01t09:00:00z"), nine);
    assert_int_equal(parsed("2024-05-01T11:00:00+02:00"), nine);
    assert_int_equal(parsed("2024-05-01T04:00:00-05:00"), nine);
    assert_int_equal(parsed("2024-05-01T09:00:00.123456Z"), nine);
    assert_int_equal(parsed("2024-05-01T09:00:00,5+00:00"), nine);
    assert_int_equal(parsed("2024-05-01T09:00+00:00"), nine);
    assert_int_equal(parsed("2024-05-01T09:00:59Z"), nine + 59);
}

static void parse_date_edges_of_calendar(void **state) {
    (void)state;
    assert_int_equal(parsed("1970-01-01T00:00:00Z"), 0);
    assert_int_equal(parsed("1969-12-31T23:59:59Z"), -1);
    assert_int_equal(parsed("2000-02-29"), 951782400LL);
    assert_int_equal(parsed("2024-02-29"), 1709164800LL);
    assert_int_equal(parsed("2038-01-19T03:14:08Z"), 2147483648LL);
    assert_int_equal(parsed("2024-01-01T00:30:00+01:00"), 1704065400LL);
}

static void parse_date_agrees_with_timegm(void **state) {
    (void)state;
    /* every day from 1901 to 2099 */
    for (int y = 1901; y < 2100; y++) {
        for (int m = 1; m <= 12; m++) {
            for (int d = 1; d <= 31; d++) {
                char s[16];
                snprintf(s, sizeof s, "%04d-%02d-%02d", y % 10000, m % 100,
                         d % 100);
                struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1,
                                .tm_mday = d};
                long long want = (long long)timegm(&tm);
                long long got = 0;
                bool real = tm.tm_mday == d;     /* timegm normalised it? */
                int rc = date_parse(s, &got, NULL);
                if (real != (rc == 0)) fail_msg("%s: rc %d", s, rc);
                if (real && got != want) fail_msg("%s: %lld != %lld", s, got, want);
            }
        }
    }
}

static void date_rejected(const char *s, const char *why) {
    long long t = 42;
    err_t err = {{0}};
    if (date_parse(s, &t, &err) == 0) fail_msg("accepted \"%s\"", s);
    assert_int_equal(t, 42);
    if (strstr(err.msg, "invalid date") == NULL || strstr(err.msg, why) == NULL)
        fail_msg("\"%s\": message \"%s\" lacks \"%s\"", s, err.msg, why);
}

static void parse_date_rejects_out_of_range(void **state) {
    (void)state;
    date_rejected("2024-13-01", "month");
    date_rejected("2024-00-10", "month");
    date_rejected("2024-05-00", "day");
    date_rejected("2024-04-31", "day");
    date_rejected("2023-02-29", "day");
    date_rejected("1900-02-29", "day");
    date_rejected("2024-05-01T24:00:00Z", "hour");
    date_rejected("2024-05-01T09:60:00Z", "minute");
    date_rejected("2024-05-01T09:00:60Z", "second");
    date_rejected("2024-13-01", "'2024-13-01'");
}

static void parse_date_rejects_bad_syntax(void **state) {
    (void)state;
    static const char *const bad[] = {
        "", "2024", "2024-5-1", "2024/05/01", "24-05-01", "2024-05-01T",
        "2024-05-01T09", "2024-05-01T9:00", "2024-05-01T09:00:00+0200",
        "2024-05-01T09:00:00+02", "2024-05-01Z", " 2024-05-01",
        "2024-05-01 ", "2024-05-01T09:00:00.Z", "2024-05-01T09:00:00Zjunk",
        "2024-05-01T09:00:00+25:00", "2024-05-01T09:00:00+02:60",
        "May 1, 2024", "2024-05-01X09:00", "2024-05-01T09:00:00 Z",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        date_rejected(bad[i], "invalid date");
}

static void parse_date_long_input_message_is_bounded(void **state) {
    (void)state;
    char in[300];
    memset(in, '9', sizeof in - 1);
    in[sizeof in - 1] = '\0';
    err_t err;
    assert_int_equal(date_parse(in, &(long long){0}, &err), -1);
    assert_true(strlen(err.msg) < 120);
}

static void format_is(long long t, int style, const char *want) {
    char out[32];
    date_format(t, out, style);
    if (strcmp(out, want) != 0)
        fail_msg("format(%lld, %d) = \"%s\", want \"%s\"", t, style, out, want);
}

static void format_date_styles(void **state) {
    (void)state;
    const long long t = 1714554000LL;              /* 2024-05-01T09:00:00Z */
    format_is(t, DATE_RFC3339, "2024-05-01T09:00:00Z");
    format_is(t, DATE_HUMAN, "May 1, 2024");
    format_is(t, DATE_RFC822, "Wed, 01 May 2024 09:00:00 +0000");
    format_is(0, DATE_RFC822, "Thu, 01 Jan 1970 00:00:00 +0000");
    format_is(-1, DATE_RFC3339, "1969-12-31T23:59:59Z");
    format_is(-1, DATE_RFC822, "Wed, 31 Dec 1969 23:59:59 +0000");
    format_is(1733000400LL, DATE_HUMAN, "November 30, 2024");
    format_is(951782400LL, DATE_HUMAN, "February 29, 2000");
}

static void format_date_clamps(void **state) {
    (void)state;
    format_is(LLONG_MAX, DATE_RFC3339, "9999-12-31T23:59:59Z");
    format_is(LLONG_MIN, DATE_RFC3339, "0000-01-01T00:00:00Z");
    format_is(LLONG_MAX, DATE_RFC822, "Fri, 31 Dec 9999 23:59:59 +0000");
    format_is(LLONG_MIN, DATE_HUMAN, "January 1, 0");
}

static void format_parse_round_trip(void **state) {
    (void)state;
    for (long long t = -2000000000LL; t < 4000000000LL; t += 7777777) {
        char out[32];
        date_format(t, out, DATE_RFC3339);
        assert_int_equal(parsed(out), t);
    }
}

static void days_of_civil_dates(void **state) {
    (void)state;
    assert_int_equal(date_days(1970, 1, 1), 0);
    assert_int_equal(date_days(1969, 12, 31), -1);
    assert_int_equal(date_days(2000, 3, 1), 11017);
    assert_int_equal(date_days(2024, 5, 1) * 86400, 1714521600LL);
    assert_int_equal(date_days(0, 1, 1) * 86400, -62167219200LL);
    /* every first of a month from 1601 to 2400 agrees with timegm */
    for (int y = 1601; y <= 2400; y++)
        for (int m = 1; m <= 12; m++) {
            struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = 1};
            if (date_days(y, (unsigned)m, 1) * 86400 != (long long)timegm(&tm))
                fail_msg("%04d-%02d-01", y, m);
        }
}

static void month_names(void **state) {
    (void)state;
    assert_string_equal(date_month_name(1), "January");
    assert_string_equal(date_month_name(5), "May");
    assert_string_equal(date_month_name(12), "December");
    assert_null(date_month_name(0));
    assert_null(date_month_name(13));
    assert_null(date_month_name(-1));
}

static void permalink_uses_utc_date(void **state) {
    arena_t *a = *state;
    assert_string_equal(date_permalink(a, 1714554000LL, "blinken-presses"),
                        "/2024/05/01/blinken-presses/");
    /* 23:30 in New York is the next day in UTC */
    assert_string_equal(date_permalink(a, parsed("2024-05-01T23:30:00-05:00"),
                                       "late"), "/2024/05/02/late/");
    assert_string_equal(date_permalink(a, 0, "x"), "/1970/01/01/x/");
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(parse_date_forms),
        T(parse_date_edges_of_calendar),
        T(parse_date_agrees_with_timegm),
        T(parse_date_rejects_out_of_range),
        T(parse_date_rejects_bad_syntax),
        T(parse_date_long_input_message_is_bounded),
        T(format_date_styles),
        T(format_date_clamps),
        T(format_parse_round_trip),
        T(days_of_civil_dates),
        T(month_names),
        T(permalink_uses_utc_date),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
