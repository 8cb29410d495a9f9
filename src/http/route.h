/*
** route.h — from a method and path to the handler of a page.
**
** The URL contract of DESIGN.md is the table in route.c, one line a URL.
*/
#ifndef GAZETTE_ROUTE_H
#define GAZETTE_ROUTE_H

#include "request.h"

/* Find the handler for req->method and req->path and run it, filling
** req->param first.  No match: the themed 404.  A path that matches
** only with a trailing slash: 301 to it, the query kept as sent (but
** never to a path that starts "//").  A known path with a method it
** does not take: 405 with Allow. */
void route_dispatch(request_t *req);

/* Percent-decode len bytes of s into the arena (NUL-terminated).  NULL
** when the encoding is malformed or decodes to a NUL byte. */
char *route_decode(arena_t *a, const char *s, size_t len);

#endif
