/*
** buf.h — the one length-counted string buffer.
**
** A buf_t owns a heap block that grows by doubling (vec_grow).  data is
** always NUL-terminated (when data != NULL) so it can be handed to C APIs,
** but len is the truth: the content may hold NUL bytes.  Allocation
** failure, or a size that does not fit size_t, aborts the process: a news
** server that cannot allocate 4 KB has no useful way to go on, and
** checking every append would bury the logic.
**
** The escaping appenders are the only sanctioned way to put outside text
** into HTML, attributes, URLs and XML: each names its context.  JSON
** strings are written by json.h.
*/
#ifndef GAZETTE_BUF_H
#define GAZETTE_BUF_H

#include <stddef.h>

typedef struct buf {
    char *data;
    size_t len;
    size_t cap;
} buf_t;

#define BUF_INIT {NULL, 0, 0}

/* Room for extra more bytes and the NUL after them: a new buffer gets 64
** bytes at least, a full one doubles. */
void buf_reserve(buf_t *b, size_t extra);
void buf_append(buf_t *b, const void *data, size_t len);
void buf_puts(buf_t *b, const char *s);
void buf_putc(buf_t *b, char c);
void buf_printf(buf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_reset(buf_t *b);          /* len = 0, keep the memory */
void buf_free(buf_t *b);           /* release the memory, back to BUF_INIT */
char *buf_detach(buf_t *b);        /* hand the block to the caller (free()) */

/* s[0..len) with each byte c for which repl[c] is not NULL replaced by
** the string repl[c] (which may be ""), the other bytes as they are. */
void buf_append_escaped(buf_t *b, const char *s, size_t len,
                        const char *const repl[256]);
/* HTML text and attribute values: & < > " ' escaped. */
void buf_append_html(buf_t *b, const char *s, size_t len);
/* A URL path segment or query value: everything but unreserved %-encoded. */
void buf_append_url(buf_t *b, const char *s, size_t len);
/* XML text and attributes: & < > " ' escaped, control characters dropped. */
void buf_append_xml(buf_t *b, const char *s, size_t len);

#endif
