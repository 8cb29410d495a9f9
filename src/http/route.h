/*
** route.h — from a method and path to the handler of a page.
**
** The URL contract (docs/architecture.md) is the table in route.c, one line a URL.
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

/* The handler of the first route whose pattern matches req->path and
** whose methods take req->method, with req->param and req->nparams filled
** from the path (each capture percent-decoded, within its own segment);
** NULL when there is none, and then *allow (when allow is not NULL) is
** the methods of the first route the path matches ("GET HEAD"), or NULL
** when none does. */
request_handler route_match(request_t *req, const char **allow);

#endif
