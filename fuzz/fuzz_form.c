/*
** fuzz_form.c — libFuzzer target for the request inputs a browser controls
** outside the URL path: an urlencoded body or query string (form_parse,
** form_get), a Cookie header (cookie_get, cookie_decode), and the signed
** tokens that arrive in either (token_check, token_open_payload).
**
** The whole input is used for each of them: as a form body; as a Cookie
** header and as a cookie value (up to its first NUL); and as a token.
** Then the values the form and the header yield are fed on the way the
** program does: a form's "csrf" field to token_check, a "held" cookie to
** token_open_payload, a cookie's value to cookie_decode, and names and
** values to cookie_set_header.
**
** The key is fixed (bytes 00..1f, as in tests/unit/test_token.c) and so is
** the clock, so seeds in fuzz/corpus/form/ carry real tokens and the
** mutator starts next to the accepting paths.  Besides crashes and
** sanitizer reports, the target aborts when an interface promise breaks:
** form values hold no NUL and agree with their lengths, there are at most
** FORM_MAX_FIELDS fields, a cookie value holds no ';', decoded cookies are
** UTF-8 and re-encode to cookie-safe text that decodes back the same, a
** Set-Cookie line never holds CR or LF, an accepted token is the one
** token_make would make, and an opened payload is digits and commas.
*/
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cookie.h"
#include "form.h"
#include "token.h"
#include "utf8.h"

#define NOW (1700000000LL + 100)
#define MAX_AGE 86400LL

static unsigned char key[TOKEN_KEY_BYTES];

static void check(int ok) {
    if (!ok) abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    if (sodium_init() < 0) abort();
    for (int i = 0; i < TOKEN_KEY_BYTES; i++) key[i] = (unsigned char)i;
    return 0;
}

/* RFC 6265 cookie-octet, written out independently of cookie.c. */
static int cookie_octet(unsigned char c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) ||
           (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
}

/* A Set-Cookie line, if one is made, cannot break out of its header. */
static void exercise_set_header(arena_t *a, const char *name, const char *v) {
    const char *h = cookie_set_header(a, name, v, 60, 1, 1);
    if (h == NULL) return;
    check(strpbrk(h, "\r\n") == NULL);
    check(strncmp(h + strlen(name), "=", 1) == 0);
}

/* cookie_decode's promises, for any text s. */
static void exercise_decode(arena_t *a, const char *s) {
    const char *d = cookie_decode(a, s);
    if (d == NULL) return;
    check(utf8_valid(d, strlen(d)));
    const char *e = cookie_encode(a, d);
    for (const char *p = e; *p; p++) check(cookie_octet((unsigned char)*p));
    const char *again = cookie_decode(a, e);
    check(again != NULL && strcmp(again, d) == 0);
    exercise_set_header(a, "n", e);
}

/* token_check's promise: what it accepts is exactly what token_make makes. */
static void exercise_token(arena_t *a, const char *t) {
    long long issued = 0;
    if (token_check(key, "csrf", "session:abc", t, NOW, MAX_AGE, &issued) != 0)
        return;
    check(issued <= NOW + TOKEN_FUTURE_SLACK && issued >= NOW - MAX_AGE);
    check(strcmp(token_make(a, key, "csrf", "session:abc", issued), t) == 0);
}

static void exercise_payload(arena_t *a, const char *t) {
    const char *p = NULL;
    if (token_open_payload(a, key, "held", t, NOW, MAX_AGE, &p) != 0) {
        check(p == NULL);
        return;
    }
    check(p != NULL && strspn(p, "0123456789,") == strlen(p));
    check(strlen(p) <= TOKEN_PAYLOAD_MAX);
}

static void exercise_form(arena_t *a, const uint8_t *data, size_t size,
                          const char *header) {
    form_t f;
    err_t err;
    if (form_parse(a, (const char *)data, size, &f, &err) != 0) {
        check(f.n == 0 && f.fields == NULL && err.msg[0] != '\0');
        return;
    }
    check(f.n <= FORM_MAX_FIELDS);
    for (size_t i = 0; i < f.n; i++) {
        const form_field *ff = &f.fields[i];
        check(strlen(ff->value) == ff->value_len);
        check(form_get(&f, ff->name) != NULL);
        const char *v = cookie_get(a, header, ff->name);
        if (v) check(strchr(v, ';') == NULL);
        exercise_set_header(a, ff->name, ff->value);
    }
    const char *csrf = form_get(&f, "csrf");
    if (csrf) exercise_token(a, csrf);
}

static void exercise_cookies(arena_t *a, const char *header) {
    static const char *const names[] = {"sid", "held", "gazette_author"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = cookie_get(a, header, names[i]);
        if (v == NULL) continue;
        check(strchr(v, ';') == NULL);
        exercise_decode(a, v);
        if (i == 1) exercise_payload(a, v);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    arena_t a = ARENA_INIT;
    const char *s = arena_strndup(&a, (const char *)data, size);
    exercise_form(&a, data, size, s);
    exercise_cookies(&a, s);
    exercise_decode(&a, s);
    exercise_token(&a, s);
    exercise_payload(&a, s);
    arena_free(&a);
    return 0;
}
