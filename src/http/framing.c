/*
** framing.c — the raw-head checks of framing.h.
**
** One pass over the head, a line at a time (each line found with memchr
** for its LF): the line end is checked, then, for a header line, its first
** byte (obs-fold) and its name.  The counts decide the rest once the empty
** line is reached.  Nothing is copied or allocated.
*/
#include "framing.h"

#include <string.h>
#include <strings.h>

/* Does the header line line[0..len) have the name name (lower case)? */
static bool header_is(const char *line, size_t len, const char *name) {
    size_t n = strlen(name);
    return len > n && line[n] == ':' && strncasecmp(line, name, n) == 0;
}

framing_verdict framing_check(const char *bytes, size_t len, bool http11) {
    framing_verdict v = {FRAMING_NO_END, 0};
    framing_fault line_fault = FRAMING_OK;   /* the first line's fault */
    int lengths = 0, codings = 0, hosts = 0;
    size_t i = 0;
    if (len >= 2 && bytes[0] == '\r' && bytes[1] == '\n') i = 2;
    for (bool first = true; i < len; first = false) {
        const char *lf = memchr(bytes + i, '\n', len - i);
        if (lf == NULL) return v;
        size_t end = (size_t)(lf - bytes);             /* the LF */
        bool crlf = end > i && bytes[end - 1] == '\r';
        size_t stop = crlf ? end - 1 : end;            /* the line's text ends */
        const char *line = bytes + i;
        size_t n = stop - i;
        framing_fault f = FRAMING_OK;
        if (!crlf) f = FRAMING_BARE_LF;
        else if (memchr(line, '\r', n) != NULL) f = FRAMING_BARE_CR;
        else if (!first && n > 0 && (line[0] == ' ' || line[0] == '\t'))
            f = FRAMING_OBS_FOLD;
        if (line_fault == FRAMING_OK) line_fault = f;
        i = end + 1;
        if (!first && n == 0) {
            v.head_len = i;
            break;
        }
        if (first) continue;
        if (header_is(line, n, "content-length")) lengths++;
        else if (header_is(line, n, "transfer-encoding")) codings++;
        else if (header_is(line, n, "host")) hosts++;
    }
    if (v.head_len == 0) return v;
    if (line_fault != FRAMING_OK) v.fault = line_fault;
    else if (lengths > 0 && codings > 0) v.fault = FRAMING_LENGTH_AND_CODING;
    else if (lengths > 1) v.fault = FRAMING_LENGTH_TWICE;
    else if (codings > 0) v.fault = FRAMING_CODING;
    else if (hosts > 1) v.fault = FRAMING_HOST_TWICE;
    else if (hosts == 0 && http11) v.fault = FRAMING_HOST_MISSING;
    else v.fault = FRAMING_OK;
    return v;
}

int framing_status(framing_fault fault) {
    switch (fault) {
    case FRAMING_OK: return 0;
    case FRAMING_CODING: return 411;
    default: return 400;
    }
}

const char *framing_reason(framing_fault fault) {
    switch (fault) {
    case FRAMING_OK: return "";
    case FRAMING_BARE_LF: return "A line of the request ends without a carriage return.";
    case FRAMING_BARE_CR: return "The request holds a carriage return that ends no line.";
    case FRAMING_OBS_FOLD: return "The request continues a header on a folded line.";
    case FRAMING_LENGTH_TWICE: return "The request gives its Content-Length more than once.";
    case FRAMING_LENGTH_AND_CODING:
        return "The request gives both a Content-Length and a Transfer-Encoding.";
    case FRAMING_CODING:
        return "This site takes a request body only with a Content-Length.";
    case FRAMING_HOST_MISSING: return "The request names no Host.";
    case FRAMING_HOST_TWICE: return "The request names its Host more than once.";
    case FRAMING_NO_END: return "The request's headers do not end.";
    }
    return "The request is malformed.";
}
