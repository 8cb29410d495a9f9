/*
** form.h — application/x-www-form-urlencoded bodies and query strings.
**
** form_parse turns "a=1&b=x+y%21" into an array of decoded name/value
** pairs in the caller's arena.  The same encoding is used by a URL's query
** string, so form_parse is also the query-string parser: hand it the part
** after '?' (without the '?' and without any '#fragment').
**
** Values are bytes, not text: they are NOT checked for UTF-8 here, because
** only the handler knows which fields are text; it validates each field it
** uses (utf8_valid).  What form_parse does promise is that no name or
** value holds a NUL byte, so C string functions see all of it.
*/
#ifndef GAZETTE_FORM_H
#define GAZETTE_FORM_H

#include <stddef.h>

#include "arena.h"
#include "err.h"

/* The most fields one body or query string may hold. */
#define FORM_MAX_FIELDS 64

typedef struct form_field {
    const char *name;     /* decoded, NUL-terminated, no NUL inside */
    const char *value;    /* decoded, NUL-terminated, no NUL inside */
    size_t value_len;     /* strlen(value) */
} form_field;

typedef struct form {
    form_field *fields;   /* in input order; arena memory */
    size_t n;
} form_t;

/* Parse len bytes of an urlencoded body or query string into *out, every
** string in arena a.  '+' is a space, %XX a byte.  Returns 0, or -1 with
** the reason in err: "malformed form encoding", "form field contains a NUL
** byte", "too many form fields".  On failure *out is empty. */
int form_parse(arena_t *a, const char *body, size_t len, form_t *out,
               err_t *err);

/* The value of the first field called name, or NULL if there is none. */
const char *form_get(const form_t *f, const char *name);

#endif
