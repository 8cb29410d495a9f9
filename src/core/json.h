/*
** json.h — JSON text into a buf_t: the one JSON string writer, for the
** JSON Feed and an article's JSON-LD.
**
** A string is written with ", \ and every control character escaped, and
** also < > & (as \u003c \u003e \u0026), so that the text is safe inside an
** HTML <script> element as well.  Other bytes, UTF-8 included, are copied
** as they are.  The names say json_write_: the tests link jansson, whose
** json_string and friends these must not meet.
*/
#ifndef GAZETTE_JSON_H
#define GAZETTE_JSON_H

#include "buf.h"

/* s as a JSON string: quoted and escaped. */
void json_write_string(buf_t *b, const char *s);

/* "name": "value", both escaped; the caller writes the separators. */
void json_write_member(buf_t *b, const char *name, const char *value);

#endif
