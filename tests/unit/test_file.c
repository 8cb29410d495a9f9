/*
** test_file.c — unit tests for file.c: a whole file read into a buf_t,
** what is appended to, and the messages and state after a failure; a
** block written whole to a file and through a pipe, and a failed write.
**
** Files are written into a fresh directory under /tmp, removed at the end.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
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

static void writes_every_byte(void **state) {
    dir_fixture *f = *state;
    size_t len = 300000;           /* more than a pipe holds: short writes */
    char *data = malloc(len);
    assert_non_null(data);
    for (size_t i = 0; i < len; i++) data[i] = (char)(i % 253);
    int fd = open(f->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(file_write_all(fd, data, len), 0);
    assert_int_equal(file_write_all(fd, "", 0), 0);
    assert_int_equal(close(fd), 0);
    buf_t b = BUF_INIT;
    assert_int_equal(file_read_all(f->path, &b, NULL), 0);
    assert_int_equal(b.len, len);
    assert_memory_equal(b.data, data, len);
    buf_free(&b);
    /* through a pipe, read by a child as it goes */
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(p[1]);
        size_t got = 0;
        char chunk[4096];
        ssize_t n;
        while ((n = read(p[0], chunk, sizeof chunk)) > 0) {
            for (ssize_t i = 0; i < n; i++)
                if (chunk[i] != data[got + (size_t)i]) _exit(2);
            got += (size_t)n;
        }
        _exit(got == len ? 0 : 1);
    }
    close(p[0]);
    assert_int_equal(file_write_all(p[1], data, len), 0);
    close(p[1]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    free(data);
}

static void write_failure_sets_errno(void **state) {
    (void)state;
    errno = 0;
    assert_int_equal(file_write_all(-1, "x", 1), -1);
    assert_int_equal(errno, EBADF);
}

#define T(f) cmocka_unit_test_setup_teardown(f, dir_setup, dir_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(reads_every_byte_appending),
        T(empty_file_is_empty),
        T(missing_file_names_path_and_reason),
        T(unreadable_leaves_buffer_as_it_was),
        T(writes_every_byte),
        T(write_failure_sets_errno),
    };
    return cmocka_run_group_tests_name("file", tests, NULL, NULL);
}
