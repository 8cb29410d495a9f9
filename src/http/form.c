/*
** form.c — application/x-www-form-urlencoded parsing; see form.h.
**
** The input is split on '&' into pairs and each pair on its first '=' into
** name and value; both halves are decoded the same way ('+' to space, %XX
** to a byte).  Empty pairs ("a=1&&b=2", a trailing '&') are skipped, as
** browsers never send them and servers commonly ignore them; a pair with no
** '=' is a field with an empty value.
**
** The policy is strict where leniency would be ambiguous and lenient where
** it is not: a '%' that is not followed by two hex digits fails the whole
** body rather than being passed through, since two layers reading it
** differently is how filters get bypassed; raw bytes that a browser would
** have encoded (a space, a non-ASCII byte) are taken as they are.
**
** Both halves are decoded by percent.c, with '+' as a space.  The field
** array is sized by counting '&' first, so a body is parsed in one pass
** with no regrowing.
*/
#include "form.h"

#include <string.h>

#include "percent.h"

/* Decode s[0..len) into a fresh arena string; its length in *out_len.
** Returns NULL (with err set) on a bad escape or a NUL byte. */
static char *decode(arena_t *a, const char *s, size_t len, size_t *out_len,
                    err_t *err) {
    percent_error why;
    char *d = percent_decode(a, s, len, PERCENT_PLUS_SPACE, out_len, &why);
    if (d == NULL)
        err_set(err, why == PERCENT_NUL ? "form field contains a NUL byte"
                                        : "malformed form encoding");
    return d;
}

/* The number of '&'-separated pieces in s[0..len), empty ones included:
** an upper bound on the number of fields. */
static size_t count_pieces(const char *s, size_t len) {
    size_t n = 1;
    for (size_t i = 0; i < len; i++) n += s[i] == '&';
    return n;
}

/* Decode one non-empty pair s[0..len) into *f.  Returns 0 or -1. */
static int parse_pair(arena_t *a, const char *s, size_t len, form_field *f,
                      err_t *err) {
    const char *eq = memchr(s, '=', len);
    size_t name_len = eq ? (size_t)(eq - s) : len;
    size_t ignored;
    f->name = decode(a, s, name_len, &ignored, err);
    if (f->name == NULL) return -1;
    if (eq == NULL) {
        f->value = "";
        f->value_len = 0;
        return 0;
    }
    f->value = decode(a, eq + 1, len - name_len - 1, &f->value_len, err);
    return f->value ? 0 : -1;
}

int form_parse(arena_t *a, const char *body, size_t len, form_t *out,
               err_t *err) {
    out->fields = NULL;
    out->n = 0;
    if (len == 0) return 0;
    size_t cap = count_pieces(body, len);
    if (cap > FORM_MAX_FIELDS) cap = FORM_MAX_FIELDS;
    form_field *fields = arena_alloc(a, cap * sizeof *fields);
    size_t n = 0;
    for (size_t start = 0; start <= len;) {
        const char *amp = memchr(body + start, '&', len - start);
        size_t end = amp ? (size_t)(amp - body) : len;
        if (end > start) {
            if (n == FORM_MAX_FIELDS)
                return err_set(err, "too many form fields (the limit is %d)",
                               FORM_MAX_FIELDS);
            if (parse_pair(a, body + start, end - start, &fields[n], err) < 0)
                return -1;
            n++;
        }
        start = end + 1;
    }
    out->fields = fields;
    out->n = n;
    return 0;
}

const char *form_get(const form_t *f, const char *name) {
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->fields[i].name, name) == 0) return f->fields[i].value;
    return NULL;
}
