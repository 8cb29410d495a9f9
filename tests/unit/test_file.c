/*
** test_file.c — unit tests for file.c: a whole file read into a buf_t,
** what is appended to, and the messages and state after a failure.
**
** Files are written into a fresh directory under /tmp, removed at the end.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "file.h"
#include "unit.h"

typedef struct dir_fixture {
    char dir[64];
    char path[96];
} dir_fixture;

static int dir_setup(void **state) {
    dir_fixture *f = calloc(1, sizeof *f);
    if (f == NULL) return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/gazette-file-XXXXXX");
    if (mkdtemp(f->dir) == NULL) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/data", f->dir);
    *state = f;
    return 0;
}

static int dir_teardown(void **state) {
    dir_fixture *f = *state;
    unlink(f->path);
    int rc = rmdir(f->dir);
    free(f);
    return rc;
}

static void write_file(const char *path, const char *data, size_t len) {
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

static void reads_every_byte_appending(void **state) {
    dir_fixture *f = *state;
    /* 40,000 bytes with NULs: several chunks, binary-safe */
    size_t len = 40000;
    char *data = malloc(len);
    assert_non_null(data);
    for (size_t i = 0; i < len; i++) data[i] = (char)(i * 7 % 251);
    write_file(f->path, data, len);
    buf_t b = BUF_INIT;
    buf_puts(&b, "head:");
    err_t err;
    assert_int_equal(file_read_all(f->path, &b, &err), 0);
    assert_int_equal(b.len, 5 + len);
    assert_memory_equal(b.data, "head:", 5);
    assert_memory_equal(b.data + 5, data, len);
    assert_int_equal(b.data[b.len], '\0');
    buf_free(&b);
    free(data);
}

static void empty_file_is_empty(void **state) {
    dir_fixture *f = *state;
    write_file(f->path, "", 0);
    buf_t b = BUF_INIT;
    assert_int_equal(file_read_all(f->path, &b, NULL), 0);
    assert_int_equal(b.len, 0);
    buf_free(&b);
}

static void missing_file_names_path_and_reason(void **state) {
    dir_fixture *f = *state;
    buf_t b = BUF_INIT;
    buf_puts(&b, "kept");
    err_t err = {{0}};
    assert_int_equal(file_read_all(f->path, &b, &err), -1);
    char want[160];
    snprintf(want, sizeof want, "cannot open %s: No such file or directory", f->path);
    assert_string_equal(err.msg, want);
    assert_int_equal(b.len, 4);
    assert_string_equal(b.data, "kept");
    buf_free(&b);
}

static void unreadable_leaves_buffer_as_it_was(void **state) {
    dir_fixture *f = *state;
    /* a directory opens, then fails to read (EISDIR) */
    buf_t b = BUF_INIT;
    buf_puts(&b, "kept");
    err_t err = {{0}};
    assert_int_equal(file_read_all(f->dir, &b, &err), -1);
    char want[160];
    snprintf(want, sizeof want, "cannot read %s: Is a directory", f->dir);
    assert_string_equal(err.msg, want);
    assert_int_equal(b.len, 4);
    assert_string_equal(b.data, "kept");
    buf_free(&b);
}

#define T(f) cmocka_unit_test_setup_teardown(f, dir_setup, dir_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(reads_every_byte_appending),
        T(empty_file_is_empty),
        T(missing_file_names_path_and_reason),
        T(unreadable_leaves_buffer_as_it_was),
    };
    return cmocka_run_group_tests_name("file", tests, NULL, NULL);
}
