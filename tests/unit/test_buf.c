/*
** test_buf.c — unit tests for buf.c's growth: a new buffer's first block,
** doubling, contents and the NUL kept, and an abort rather than a wrap
** around on a size too big.  (The escaping appenders are tested where
** pages use them.)
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"

static void first_block_then_doubling(void **state) {
    (void)state;
    buf_t b = BUF_INIT;
    buf_putc(&b, 'x');
    assert_int_equal(b.cap, 64);
    assert_string_equal(b.data, "x");
    char chunk[100];
    memset(chunk, 'y', sizeof chunk);
    for (int i = 0; i < 10; i++) buf_append(&b, chunk, sizeof chunk);
    assert_int_equal(b.len, 1001);
    assert_int_equal(b.cap, 1024);               /* 64 doubled four times */
    assert_int_equal(b.data[0], 'x');
    for (size_t i = 1; i < b.len; i++) assert_int_equal(b.data[i], 'y');
    assert_int_equal(b.data[b.len], '\0');
    buf_reserve(&b, 22);                         /* 1001 + 22 + NUL fits */
    assert_int_equal(b.cap, 1024);
    buf_reserve(&b, 23);
    assert_int_equal(b.cap, 2048);
    buf_free(&b);
    /* a first reserve bigger than the first block: the power of two */
    buf_reserve(&b, 100);
    assert_int_equal(b.cap, 128);
    buf_free(&b);
}

/* Whether fn aborts (SIGABRT) in a child process. */
static bool aborts(void (*fn)(void)) {
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        fn();
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void reserve_everything(void) {
    buf_t b = BUF_INIT;
    buf_putc(&b, 'x');
    buf_reserve(&b, SIZE_MAX);
}

static void reserve_past_size_max(void) {
    buf_t b = BUF_INIT;
    buf_putc(&b, 'x');
    buf_reserve(&b, SIZE_MAX - 1);
}

static void sizes_that_wrap_abort(void **state) {
    (void)state;
    assert_true(aborts(reserve_everything));
    assert_true(aborts(reserve_past_size_max));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(first_block_then_doubling),
        cmocka_unit_test(sizes_that_wrap_abort),
    };
    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
