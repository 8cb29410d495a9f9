/*
** test_guard.c — unit tests for guard.c: a connection's writes out are
** capped, strikes are counted per second and trip past the rate, the
** shutdown reaches the peer once and never after the close, and a guard
** closed with writes out lives until the last comes back (AddressSanitizer
** sees a use after free or a leak otherwise).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/socket.h>
#include <unistd.h>

#include "guard.h"
#include "unit.h"

static void writes_are_capped(void **state) {
    (void)state;
    guard_t *g = guard_new(-1);
    for (int i = 0; i < 3; i++) assert_true(guard_write_begin(g, 3));
    assert_false(guard_write_begin(g, 3));
    assert_int_equal(guard_writes(g), 3);
    guard_write_end(g);
    assert_true(guard_write_begin(g, 3));
    assert_false(guard_write_begin(g, 3));
    /* a cap of 0 is a cap of 1: a connection can always write once */
    for (int i = 0; i < 3; i++) guard_write_end(g);
    assert_true(guard_write_begin(g, 0));
    assert_false(guard_write_begin(g, 0));
    guard_write_end(g);
    guard_close(g);
}

static void strikes_trip_past_the_rate(void **state) {
    (void)state;
    guard_t *g = guard_new(-1);
    uint64_t t = 5000000;   /* a second starts here */
    for (int i = 0; i < 20; i++) assert_false(guard_strike(g, t + (uint64_t)i * 40, 20));
    assert_true(guard_strike(g, t + 900, 20));           /* the 21st in a second */
    assert_true(guard_strike(g, t + 950, 20));
    /* the next second starts afresh */
    assert_false(guard_strike(g, t + 1000, 20));
    for (int i = 0; i < 19; i++) assert_false(guard_strike(g, t + 1500, 20));
    assert_true(guard_strike(g, t + 1999, 20));
    /* a slow, steady trickle never trips */
    for (int i = 0; i < 100; i++) assert_false(guard_strike(g, t + 3000 + (uint64_t)i * 100, 20));
    /* 0: no limit */
    for (int i = 0; i < 1000; i++) assert_false(guard_strike(g, t + 20000, 0));
    guard_close(g);
}

static void shutdown_reaches_the_peer_once(void **state) {
    (void)state;
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    guard_t *g = guard_new(sv[0]);
    assert_false(guard_is_shut(g));
    assert_true(guard_shutdown(g));
    assert_true(guard_is_shut(g));
    assert_false(guard_shutdown(g));
    char c;
    assert_int_equal(read(sv[1], &c, 1), 0);            /* end of file */
    assert_true(send(sv[0], "x", 1, MSG_NOSIGNAL) < 0);  /* and no more writes */
    guard_close(g);
    close(sv[0]);
    close(sv[1]);
}

static void no_shutdown_after_close(void **state) {
    (void)state;
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    guard_t *g = guard_new(sv[0]);
    assert_true(guard_write_begin(g, 4));
    guard_close(g);          /* closed with a write out: g lives on */
    /* the descriptor may be another connection's by now: left alone */
    assert_false(guard_shutdown(g));
    assert_int_equal(write(sv[1], "y", 1), 1);
    char c;
    assert_int_equal(read(sv[0], &c, 1), 1);
    assert_int_equal(guard_writes(g), 1);
    guard_write_end(g);      /* the last write back: g is freed here */
    close(sv[0]);
    close(sv[1]);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_are_capped),
        cmocka_unit_test(strikes_trip_past_the_rate),
        cmocka_unit_test(shutdown_reaches_the_peer_once),
        cmocka_unit_test(no_shutdown_after_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
