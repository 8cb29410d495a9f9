/*
** test_json.c — unit tests for json.c: JSON strings and members, every
** escape, bytes passed through, and that the output parses back (jansson)
** to the text that went in.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "unit.h"

static void string_is(const char *in, const char *want) {
    buf_t b = BUF_INIT;
    json_write_string(&b, in);
    if (strcmp(b.data, want) != 0)
        fail_msg("json_write_string(\"%s\") = %s, want %s", in, b.data, want);
    buf_free(&b);
}

static void escapes_quotes_backslashes_and_controls(void **state) {
    (void)state;
    string_is("", "\"\"");
    string_is("plain", "\"plain\"");
    string_is("say \"hi\"", "\"say \\\"hi\\\"\"");
    string_is("a\\b", "\"a\\\\b\"");
    string_is("l1\nl2\r\tx", "\"l1\\nl2\\r\\tx\"");
    string_is("\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"");
    string_is("\b\f", "\"\\u0008\\u000c\"");
    /* every other control character as \u00xx, lower-case hex */
    for (int c = 1; c < 0x20; c++) {
        if (c == '\t' || c == '\n' || c == '\r') continue;
        char in[2] = {(char)c, '\0'}, want[16];
        snprintf(want, sizeof want, "\"\\u%04x\"", c);
        string_is(in, want);
    }
}

static void escapes_what_would_close_a_script(void **state) {
    (void)state;
    string_is("</script><!--&", "\"\\u003c/script\\u003e\\u003c!--\\u0026\"");
}

static void passes_utf8_through(void **state) {
    (void)state;
    string_is("caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80",
              "\"caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80\"");
    string_is("/slash/", "\"/slash/\"");
}

static void member_escapes_name_and_value(void **state) {
    (void)state;
    buf_t b = BUF_INIT;
    buf_putc(&b, '{');
    json_write_member(&b, "head\"line", "a<b>");
    buf_putc(&b, '}');
    assert_string_equal(b.data, "{\"head\\\"line\": \"a\\u003cb\\u003e\"}");
    buf_free(&b);
}

static void every_byte_parses_back(void **state) {
    (void)state;
    char in[128];
    for (int i = 1; i < 128; i++) in[i - 1] = (char)i;
    in[127] = '\0';
    buf_t b = BUF_INIT;
    buf_puts(&b, "{");
    json_write_member(&b, "k", in);
    buf_puts(&b, "}");
    json_error_t error;
    json_t *doc = json_loads(b.data, 0, &error);
    if (doc == NULL) fail_msg("not JSON: %s", error.text);
    assert_string_equal(json_string_value(json_object_get(doc, "k")), in);
    json_decref(doc);
    buf_free(&b);
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_arena_setup, unit_arena_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(escapes_quotes_backslashes_and_controls),
        T(escapes_what_would_close_a_script),
        T(passes_utf8_through),
        T(member_escapes_name_and_value),
        T(every_byte_parses_back),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
