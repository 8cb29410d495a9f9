/*
** test_archive.c — unit tests for archive.c's archive_path: the one place
** an archive's URL is spelt (archive pages, feeds, sitemaps).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "archive.h"
#include "unit.h"

static void paths_of_archives(void **state) {
    arena_t *a = *state;
    assert_string_equal(archive_path(a, "section", "middle-east"), "/section/middle-east/");
    assert_string_equal(archive_path(a, "author", "matthew-lee"), "/author/matthew-lee/");
    /* a slug is one segment whatever it holds */
    assert_string_equal(archive_path(a, "tag", "caf\xC3\xA9 a/b?c"),
                        "/tag/caf%C3%A9%20a%2Fb%3Fc/");
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(paths_of_archives),
    };
    return cmocka_run_group_tests_name("archive", tests, NULL, NULL);
}
