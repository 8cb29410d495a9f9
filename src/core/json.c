/*
** json.c — JSON strings into a buf_t; see json.h.
**
** A string's inside is s with the bytes of json_repl replaced
** (buf_append_escaped): " and \ and the control characters, as JSON
** needs them (\t \n \r, the others as \u00XX), and < > & so that the
** text is safe inside <script>.
*/
#include "json.h"

#include <string.h>

/* The replacement of each byte that a JSON string cannot hold as it is. */
static const char *const json_repl[256] = {
    ['"'] = "\\\"", ['\\'] = "\\\\",
    ['<'] = "\\u003c", ['>'] = "\\u003e", ['&'] = "\\u0026",
    [0x00] = "\\u0000", [0x01] = "\\u0001", [0x02] = "\\u0002", [0x03] = "\\u0003",
    [0x04] = "\\u0004", [0x05] = "\\u0005", [0x06] = "\\u0006", [0x07] = "\\u0007",
    [0x08] = "\\u0008", [0x09] = "\\t",     [0x0a] = "\\n",     [0x0b] = "\\u000b",
    [0x0c] = "\\u000c", [0x0d] = "\\r",     [0x0e] = "\\u000e", [0x0f] = "\\u000f",
    [0x10] = "\\u0010", [0x11] = "\\u0011", [0x12] = "\\u0012", [0x13] = "\\u0013",
    [0x14] = "\\u0014", [0x15] = "\\u0015", [0x16] = "\\u0016", [0x17] = "\\u0017",
    [0x18] = "\\u0018", [0x19] = "\\u0019", [0x1a] = "\\u001a", [0x1b] = "\\u001b",
    [0x1c] = "\\u001c", [0x1d] = "\\u001d", [0x1e] = "\\u001e", [0x1f] = "\\u001f",
};

void json_write_string(buf_t *b, const char *s) {
    buf_putc(b, '"');
    buf_append_escaped(b, s, strlen(s), json_repl);
    buf_putc(b, '"');
}

void json_write_member(buf_t *b, const char *name, const char *value) {
    json_write_string(b, name);
    buf_puts(b, ": ");
    json_write_string(b, value);
}
