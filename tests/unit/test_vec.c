/*
** test_vec.c — unit tests for vec.c: growing arrays on the heap and in an
** arena keep their elements, double from VEC_FIRST, leave an array with
** room alone, and abort rather than wrap around on a size too big.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"
#include "vec.h"

static void heap_array_keeps_elements_and_doubles(void **state) {
    (void)state;
    long *items = NULL;
    size_t n = 0, cap = 0;
    for (long i = 0; i < 1000; i++) {
        size_t before = cap;
        items = vec_grow(items, &cap, n + 1, sizeof *items);
        assert_true(cap >= n + 1);
        if (before) assert_true(cap == before || cap == 2 * before);
        else assert_int_equal(cap, VEC_FIRST);
        items[n++] = i * i;
    }
    assert_int_equal(cap, 1024);
    for (long i = 0; i < 1000; i++) assert_int_equal(items[i], i * i);
    free(items);
}

static void room_enough_is_left_alone(void **state) {
    arena_t *a = *state;
    size_t cap = 0;
    int *h = vec_grow(NULL, &cap, 3, sizeof *h);
    assert_int_equal(cap, VEC_FIRST);
    assert_ptr_equal(vec_grow(h, &cap, VEC_FIRST, sizeof *h), h);
    assert_int_equal(cap, VEC_FIRST);
    free(h);
    size_t acap = 0;
    int *v = vec_grow_arena(a, NULL, 0, &acap, 1, sizeof *v);
    assert_ptr_equal(vec_grow_arena(a, v, 1, &acap, VEC_FIRST, sizeof *v), v);
    /* a jump past double goes straight to a power of two that holds it */
    v = vec_grow_arena(a, v, 1, &acap, 100, sizeof *v);
    assert_int_equal(acap, 128);
}

static void arena_array_copies_what_is_in_use(void **state) {
    arena_t *a = *state;
    const char **names = NULL;
    size_t n = 0, cap = 0;
    char word[16];
    for (int i = 0; i < 100; i++) {
        names = vec_grow_arena(a, names, n, &cap, n + 1, sizeof *names);
        snprintf(word, sizeof word, "w%d", i);
        names[n++] = arena_strdup(a, word);
    }
    assert_int_equal(cap, 128);
    for (int i = 0; i < 100; i++) {
        snprintf(word, sizeof word, "w%d", i);
        assert_string_equal(names[i], word);
    }
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

static void grow_too_many_elements(void) {
    size_t cap = 0;
    (void)vec_grow(NULL, &cap, SIZE_MAX / 2 + 2, 1);
}

static void grow_too_many_bytes(void) {
    size_t cap = 0;
    (void)vec_grow(NULL, &cap, SIZE_MAX / 16 + 1, 32);
}

static void sizes_that_wrap_abort(void **state) {
    (void)state;
    assert_true(aborts(grow_too_many_elements));
    assert_true(aborts(grow_too_many_bytes));
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(heap_array_keeps_elements_and_doubles),
        T(room_enough_is_left_alone),
        T(arena_array_copies_what_is_in_use),
        T(sizes_that_wrap_abort),
    };
    return cmocka_run_group_tests_name("vec", tests, NULL, NULL);
}
