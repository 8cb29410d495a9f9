/*
** request.h — a request as the feature files see it, and their answer.
**
** http.c turns libh2o's request into a request_t, the router picks the
** handler, the handler fills the answer fields, and http.c sends them.
** Feature files never see libh2o: the same handlers serve `gazette
** export --static` and the tests.
**
** Everything a handler allocates for one request comes from req->arena.
*/
#ifndef GAZETTE_REQUEST_H
#define GAZETTE_REQUEST_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "store.h"

typedef struct site site_t;

enum { REQUEST_MAX_PARAMS = 6, REQUEST_MAX_COOKIES = 6 };

typedef struct request {
    /* what was asked */
    const char *method;            /* "GET", "HEAD", "POST", ... */
    const char *path;              /* the path, not decoded, no query */
    const char *query;             /* after '?', "" when none */
    const char *body;              /* request body (POST) */
    const char *if_none_match;     /* the If-None-Match header, or NULL */
    const char *remote_addr;       /* the peer's address, as text */
    const char *cookie;            /* the Cookie header, or NULL */
    const char *origin;            /* the Origin header, or NULL */
    const char *host;              /* the authority (Host / :authority) */
    const char *user_agent;        /* the User-Agent header, or NULL */
    long long now;                 /* Unix seconds when the request came */
    size_t body_len;
    const char *param[REQUEST_MAX_PARAMS];  /* the route's captures, decoded */
    int nparams;

    /* what it runs against */
    const site_t *site;
    store_t *store;                /* this thread's connection */
    arena_t *arena;

    /* the answer */
    int status;                    /* 0 until a handler answers */
    const char *content_type;
    const char *location;          /* Location header, for redirects */
    const char *allow;             /* Allow header, for 405 */
    const char *cache_control;
    const char *etag;              /* ETag header, quoted */
    const char *set_cookie[REQUEST_MAX_COOKIES];  /* Set-Cookie values */
    int nset_cookie;
    buf_t out;                     /* the body */
} request_t;

/* A handler answers req; on failure it answers with an error page itself
** (see render_error), so handlers return nothing. */
typedef void (*request_handler)(request_t *req);

/* Add a Set-Cookie header to the answer (ignored when value is NULL or
** the answer has REQUEST_MAX_COOKIES already). */
void request_set_cookie(request_t *req, const char *value);

#endif
