/*
** compress.h — gzip and brotli content codings of an answer, chosen by
** the request's Accept-Encoding.
**
** Design.  Until the page cache lands, every answer is compressed when
** it is sent, so the settings are the cheap end of each format: gzip
** level 6 (zlib's default), brotli quality 5 (about gzip's speed, a
** tenth smaller); both with a window no larger than the body, which
** spares them clearing memory they would never use.  The cache will keep
** encoded copies and may then spend more.
**
** What is compressed: a 200 to GET or HEAD (HEAD: to announce the encoded
** Content-Length; the body is not sent) of a textual type, at least
** [cache] min_compress_bytes long, not depending on the reader's cookies.
** That last rule is BREACH: a compressed TLS answer that holds a secret
** (a session's CSRF token, a reader's email) and text the attacker chose
** leaks the secret through its length; public pages hold no secret.
** Every answer of a compressible type says "Vary: Accept-Encoding",
** compressed or not, so no cache hands a gzip body to a client that did
** not ask for one, nor the identity body to one that did.
**
** Allocation failure aborts, as everywhere (buf.h): zlib and brotli fail
** on nothing else when given a buffer of their bound.
*/
#ifndef GAZETTE_COMPRESS_H
#define GAZETTE_COMPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "request.h"

enum { COMPRESS_GZIP_LEVEL = 6, COMPRESS_BROTLI_QUALITY = 5 };

typedef enum compress_coding {
    COMPRESS_IDENTITY = 0,
    COMPRESS_GZIP,
    COMPRESS_BROTLI,
} compress_coding;

/* Is a body of content_type (parameters allowed, any case) worth
** compressing?  Text, HTML, CSS, JavaScript, JSON and XML kinds, SVG;
** not images, fonts, or NULL. */
bool compress_type_ok(const char *content_type);

/* The coding to answer in for an Accept-Encoding field value (NULL:
** absent): of gzip (or x-gzip) and br, the one with the higher q-value,
** br on a tie; q=0 refuses a coding, "*" stands for those not named.
** Identity when neither is acceptable, when identity is named with a
** higher q-value than both, or when the field is absent. */
compress_coding compress_choose(const char *accept_encoding);

/* "gzip", "br", or NULL for identity: the Content-Encoding value. */
const char *compress_coding_name(compress_coding c);

/* "gz", "br", or NULL for identity: the ETag suffix (conditional.h). */
const char *compress_coding_suffix(compress_coding c);

/* Append in[0..len) encoded in c to out (identity: copied as it is). */
void compress_encode(compress_coding c, const void *in, size_t len, buf_t *out);

/* The coding r's answer will be sent in, under the rules above, with
** min_bytes the smallest body worth it; sets r->vary on an answer of a
** compressible type. */
compress_coding compress_plan(request_t *r, size_t min_bytes);

/* Replace r->out by its encoding in c and set r->content_encoding; the
** identity coding leaves r as it is. */
void compress_answer(request_t *r, compress_coding c);

#endif
