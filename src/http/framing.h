/*
** framing.h — what gazette refuses in the raw head of an HTTP/1 request
** before it answers it: the request-smuggling and framing rules of
** RFC 9112 that libh2o 2.2.5 leaves unchecked.
**
** A proxy in front of gazette and gazette itself must agree on where each
** request ends.  libh2o takes the first of two Content-Length lines, lets
** Transfer-Encoding win over Content-Length, accepts a bare LF as a line
** end, folded header lines (obs-fold) and chunk-size lines with junk after
** the digits ("2 erf", "2;"), and does not require Host.  A proxy that
** reads any of those differently sees another request boundary, and the
** bytes it forwards as part of one request become a second, hidden one.
** framing_check finds those heads; http.c answers them with an error and
** closes the connection, so nothing after them is read as a request.
**
** This is not an HTTP parser: libh2o (picohttpparser) has parsed the head
** already.  framing_check only looks at line ends and counts three header
** names, case-insensitively.
**
** What is refused, and why (the status http.c sends, then it closes):
**   bare LF      400  a line ends in LF without CR (RFC 9112 §2.2 lets a
**                     server accept it; a proxy that does not reads
**                     another line, and "hidden" headers or a second
**                     request follow).
**   bare CR      400  a CR not followed by LF (RFC 9112 §2.2: MUST be
**                     refused or replaced by SP).
**   obs-fold     400  a header line that starts with SP or HT (RFC 9112
**                     §5.2: a server MUST refuse it or unfold it).
**   two lengths  400  more than one Content-Length line, equal or not.
**                     RFC 9110 §8.6 lets a recipient accept identical
**                     duplicates; no browser or HTTP library sends two, a
**                     proxy that merged or split them is already broken,
**                     and "5" and "005" agree as numbers but not as text
**                     for every parser.  Refusing all costs nothing real.
**   length and   400  Content-Length and Transfer-Encoding together
**   coding            (RFC 9112 §6.1: the server MUST close the connection
**                     after it; the request is refused here too).
**   coding       411  Transfer-Encoding alone (a chunked body).  libh2o
**                     decodes the chunks in place, in the socket buffer,
**                     before gazette's handler runs, so the chunk-size
**                     lines cannot be checked afterwards, and its decoder
**                     skips anything after the hex digits ("2 erf",
**                     "2;").  RFC 9112 §6.3 lets a server that wants a
**                     length refuse a body without one with 411 (Length
**                     Required).  Browsers send Content-Length with every
**                     form, and so do curl and the common HTTP libraries
**                     for a body of known size; gazette's bodies (comment
**                     and admin forms, the JSON API) are all small and
**                     known in advance.
**   no Host      400  an HTTP/1.1 request without Host (RFC 9112 §3.2).
**   two Hosts    400  more than one Host line, any version (RFC 9112 §3.2;
**                     libh2o keeps the last, a proxy may route by the
**                     first).
**   no end       400  no empty line within the bytes given: the head is
**                     not all there (never the case after libh2o parsed
**                     it; refused rather than guessed at).
**
** More than 100 header lines never reach gazette: picohttpparser, built
** into libh2o with H2O_MAX_HEADERS 100, refuses the 101st line itself and
** libh2o answers a fixed plain-text 400 and closes, before any handler
** runs (see docs/operators-guide.md, "Request framing").
*/
#ifndef GAZETTE_FRAMING_H
#define GAZETTE_FRAMING_H

#include <stdbool.h>
#include <stddef.h>

typedef enum framing_fault {
    FRAMING_OK = 0,
    FRAMING_BARE_LF,
    FRAMING_BARE_CR,
    FRAMING_OBS_FOLD,
    FRAMING_LENGTH_TWICE,
    FRAMING_LENGTH_AND_CODING,
    FRAMING_CODING,
    FRAMING_HOST_MISSING,
    FRAMING_HOST_TWICE,
    FRAMING_NO_END,
} framing_fault;

typedef struct framing_verdict {
    framing_fault fault;     /* FRAMING_OK: nothing to refuse */
    size_t head_len;         /* bytes up to and including the empty line
                             ** that ends the head; 0 with FRAMING_NO_END */
} framing_verdict;

/* Check the request head at the start of bytes[0..len): the request line,
** the header lines and the empty line that ends them (one empty line
** before the request line is skipped, as picohttpparser does).  Bytes
** after that empty line (a body, a pipelined request) are never read, and
** nothing past len is.  http11: the request is HTTP/1.1 (Host required).
**
** The fault is the first of these that applies: the first line that ends
** in a bare LF, holds a bare CR or is a folded header line (in the order
** of the lines); else a Content-Length and a Transfer-Encoding line
** (length and coding), two Content-Length lines, a Transfer-Encoding
** line, two Host lines, no Host line (HTTP/1.1 only).  An empty line that
** ends in a bare LF ends the head (and is a bare-LF fault).  A header's
** name is the bytes before its line's first ':', compared without regard
** to case; libh2o has refused names with other bytes (spaces before the
** colon) already. */
framing_verdict framing_check(const char *bytes, size_t len, bool http11);

/* The status a fault is answered with: 0 for FRAMING_OK, 411 for
** FRAMING_CODING, 400 for every other. */
int framing_status(framing_fault fault);

/* One sentence for the error page that names the fault, for readers and
** operators; "" for FRAMING_OK. */
const char *framing_reason(framing_fault fault);

#endif
