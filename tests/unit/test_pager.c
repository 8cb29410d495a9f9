/*
** test_pager.c — unit tests for pager.c: the items of page N, the page
** past the end, the page after, and page paths.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "pager.h"
#include "unit.h"

static void pages_cover_the_list_in_order(void **state) {
    (void)state;
    pager_t p = pager_at(1, 10);
    assert_int_equal(p.page, 1);
    assert_int_equal(p.per, 10);
    assert_int_equal(p.offset, 0);
    assert_int_equal(p.limit, 11);
    p = pager_at(3, 10);
    assert_int_equal(p.offset, 20);
    assert_int_equal(p.limit, 11);
    p = pager_at(100000, 50000);
    assert_int_equal(p.offset, 4999950000ULL);
}

static void past_end_is_an_empty_later_page(void **state) {
    (void)state;
    pager_t first = pager_at(1, 10), later = pager_at(2, 10);
    assert_false(pager_past_end(&first, 0));    /* an empty list has page 1 */
    assert_false(pager_past_end(&first, 3));
    assert_true(pager_past_end(&later, 0));
    assert_false(pager_past_end(&later, 1));
}

static void next_page_when_the_extra_item_came(void **state) {
    (void)state;
    pager_t p = pager_at(2, 10);
    assert_false(pager_has_next(&p, 0));
    assert_false(pager_has_next(&p, 10));        /* exactly a page */
    assert_true(pager_has_next(&p, 11));         /* the one more */
    /* a count of what remains works the same */
    assert_true(pager_has_next(&p, 35 - p.offset));
    assert_false(pager_has_next(&p, 20 - p.offset));
}

static void paths_of_pages(void **state) {
    arena_t *a = *state;
    assert_string_equal(pager_path(a, "/", 1), "/");
    assert_string_equal(pager_path(a, "/", 0), "/");
    assert_string_equal(pager_path(a, "/", 2), "/page/2/");
    assert_string_equal(pager_path(a, "/section/middle-east/", 12),
                        "/section/middle-east/page/12/");
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(pages_cover_the_list_in_order),
        T(past_end_is_an_empty_later_page),
        T(next_page_when_the_extra_item_came),
        T(paths_of_pages),
    };
    return cmocka_run_group_tests_name("pager", tests, NULL, NULL);
}
