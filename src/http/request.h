/*
** request.h — a request as the feature files see it, and their answer.
**
** http.c turns libh2o's request into a request_t, the router picks the
** handler, the handler fills the answer fields, and http.c sends them.
** Feature files never see libh2o: the same handlers serve `gazette
** export --static` and the tests.
**
** Everything a handler allocates for one request comes from req->arena.
**
** Caching.  A handler says what kind of page it answered (cache_kind),
** when what it shows last changed (last_modified, when known), and
** whether the page depends on the reader's cookies (cache_private).
** http.c then turns those into headers through conditional.c (ETag,
** Last-Modified, Cache-Control from [cache], 304) and compress.c (gzip,
** brotli, Vary); handlers never write those headers themselves.
*/
#ifndef GAZETTE_REQUEST_H
#define GAZETTE_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "store.h"

typedef struct site site_t;

enum { REQUEST_MAX_PARAMS = 6, REQUEST_MAX_COOKIES = 6 };

/* Which [cache] policy a 200 answer gets (see conditional.h). */
typedef enum request_cache_kind {
    REQUEST_CACHE_OTHER = 0,       /* not said: [cache] other */
    REQUEST_CACHE_ARTICLE,         /* an article page */
    REQUEST_CACHE_LIST,            /* front page, archives, search */
    REQUEST_CACHE_FEED,            /* RSS, Atom, JSON Feed */
    REQUEST_CACHE_ASSET,           /* theme files, avatars: fixed per run */
} request_cache_kind;

typedef struct request {
    /* what was asked */
    const char *method;            /* "GET", "HEAD", "POST", ... */
    const char *path;              /* the path, not decoded, no query */
    const char *query;             /* after '?', "" when none */
    const char *body;              /* request body (POST) */
    const char *if_none_match;     /* the If-None-Match header, or NULL */
    const char *if_modified_since; /* the If-Modified-Since header, or NULL */
    const char *accept_encoding;   /* the Accept-Encoding header, or NULL */
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
    bool busy;                     /* a write the writer thread could not
                                   ** take (its queue, or this
                                   ** connection's share, is full): the
                                   ** handler runs on the event loop and
                                   ** must not write; a handler that
                                   ** would have written answers 503
                                   ** with what was sent kept, and
                                   ** http.c adds Retry-After */

    /* the answer */
    int status;                    /* 0 until a handler answers */
    const char *content_type;
    const char *location;          /* Location header, for redirects */
    const char *allow;             /* Allow header, for 405 */
    const char *cache_control;     /* set by a handler: wins on a 200 */
    const char *etag;              /* ETag header, quoted; a handler may
                                   ** set it (theme assets), else it is
                                   ** the hash of out */
    request_cache_kind cache_kind;
    long long last_modified;       /* Unix seconds; 0 = unknown */
    bool cache_private;            /* the page shows what the reader's
                                   ** cookies say (their held comment,
                                   ** their remembered name): private */
    const char *etag_ignore;       /* text in out that differs on every
                                   ** render without changing what the
                                   ** page says (the comment form's
                                   ** token): left out of the ETag,
                                   ** which is then weak */
    const char *content_encoding;  /* set by compress.c: "gzip", "br" */
    const char *vary;              /* set by compress.c */
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
