/*
** http.c — the HTTP server: libh2o's event loops around route_dispatch.
**
** Design.  One worker per core.  Each worker owns an h2o context, an
** event loop, its own descriptor (a dup) of the one listening socket, and
** its own store connection; workers share only the read-only site_t,
** h2o's global configuration, the connections-per-address table
** (limit.c, under its lock) and the writer thread's queue.  A worker's
** loop, context and listener are made by the worker's own thread, never
** by the main one: libh2o gives a socket the buffer free list of the
** thread that creates it, unlocked (see worker_loop_init).  A read (GET,
** HEAD) is answered synchronously inside its worker's loop: headers and
** body are turned into a request_t, routed, and the request_t's answer is
** handed to h2o without a copy (its memory is tied to the h2o request pool
** and released with it).  A write (POST) goes to the one writer thread
** (writer.c, a bounded queue) and its answer comes back to the loop; a
** connection's share of that queue, and how fast it may abandon what it
** asked for (HTTP/2 rapid reset), is kept in its guard (guard.c; see
** "writes" below).
**
** Caching.  Between the handler and h2o every answer passes through
** answer_finish: compress.c picks the content coding from Accept-Encoding,
** conditional.c sets Cache-Control, ETag and Last-Modified and may turn a
** 200 into a 304, and only then is the body compressed, so a 304 costs no
** compression.  HEAD runs the same path as GET, so its headers are the
** GET's (Content-Length that of the encoded body); respond sends no body.
**
** Connections.  on_accept takes each connection through conn.c: the
** total limit (an idle connection closed to make room, or accepting
** paused), then the limit per address.  A request is counted in progress
** on its connection from on_req until h2o disposes of it (a hook in its
** pool), which conn.c's choice of idle connections and its timeouts rely
** on.
**
** Stopping.  Signals are blocked in every thread; one thread sigwaits
** for SIGTERM/SIGINT (once every worker's loop is ready for messages)
** and posts a message to each worker's queue.  A worker that receives it
** closes its listener, asks h2o to shut down (HTTP/2 GOAWAY), and keeps
** its loop running until its connections are gone or STOP_GRACE_MS
** passed (an idle HTTP/1 keep-alive connection would otherwise hold it
** for its whole timeout).  Every response whose handler ran has been
** queued by then.  When every worker thread has been joined, the writer
** finishes its queue and stops (the order, and why it is safe: above
** http_serve).  A thread that never gets back (a handler stuck in long
** work) cannot hold the process: a backstop ends it STOP_MARGIN_MS after
** the grace period.  Contexts are not disposed: h2o's GOAWAY timer may still
** be armed, and the process is about to exit.  A start that fails half
** way (a store that will not open, a thread that cannot be created)
** undoes the same way what it had started, and http_serve returns -1.
*/
#include "http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <h2o.h>

#include "compress.h"
#include "conditional.h"
#include "conn.h"
#include "framing.h"
#include "guard.h"
#include "limit.h"
#include "log.h"
#include "render.h"
#include "route.h"
#include "target.h"
#include "writer.h"

enum { STOP_GRACE_MS = 3000, MAX_WORKERS = 64 };
/* How long after the grace period the backstop waits (see backstop_main). */
enum { STOP_MARGIN_MS = 2000 };

/* The Retry-After of a write refused busy (see "writes"): a full queue
** is a burst or an attack, and drains in well under this. */
enum { WRITE_RETRY_SECONDS = 5 };

typedef struct server server;

typedef struct worker {
    const site_t *site;
    server *srv;                   /* its globalconf, and "ready" for the start */
    h2o_context_t ctx;             /* made on the worker's own thread */
    h2o_accept_ctx_t accept_ctx;
    int listen_fd;
    h2o_socket_t *listener;
    h2o_multithread_receiver_t stop_receiver;
    h2o_multithread_message_t stop_message;
    h2o_multithread_receiver_t done_receiver;  /* answers from the writer */
    writer_t *writer;                          /* where writes go */
    limit_table *limits;                       /* shared: connections per address */
    store_t *store;
    size_t open_connections;
    conn_list conns;               /* its connections: limit, timeouts (conn.c) */
    bool stopping;
    long long started;             /* Unix seconds: the server's start */
    uint64_t shut_logged_at;       /* loop ms: the last "closed" line */
    unsigned shut_unlogged;        /* connections closed since that line */
    pthread_t thread;
} worker;

struct server {
    const site_t *site;
    h2o_globalconf_t globalconf;
    writer_t *writer;
    limit_table *limits;
    conn_budget budget;            /* every worker's connections together */
    conn_timeouts timeouts;
    worker workers[MAX_WORKERS];
    int nworkers;
    long long started;             /* Unix seconds; the Last-Modified floor */
    /* The start: a worker counts itself in nready once its loop can take
    ** messages (see worker_loop_init); ready_lock guards nready. */
    pthread_mutex_t ready_lock;
    pthread_cond_t ready_cond;
    int nready;
};

/* ---- answering one request -------------------------------------------- */

/* Memory for one request that must outlive on_req: h2o reads the body
** and header values after we return.  Released with the request pool. */
typedef struct request_memory {
    arena_t arena;
    buf_t out;
} request_memory;

static void request_memory_dispose(void *p) {
    request_memory *m = p;
    arena_free(&m->arena);
    buf_free(&m->out);
}

static worker *worker_of(h2o_req_t *req) {
    return (worker *)((char *)req->conn->ctx - offsetof(worker, ctx));
}

/* The reason phrase of status for the HTTP/1.1 status line: the name
** RFC 9110 (and RFC 6585 for 428, 429, 431; RFC 7725 for 451) gives it,
** for every status those define, whether or not a handler sends it today;
** "" for any other, which the status line allows ("HTTP/1.1 599 "), so
** no status is ever sent with another one's reason.  HTTP/2 has none. */
static const char *status_reason(int status) {
    switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 203: return "Non-Authoritative Information";
    case 204: return "No Content";
    case 205: return "Reset Content";
    case 206: return "Partial Content";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 305: return "Use Proxy";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Content";
    case 426: return "Upgrade Required";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 451: return "Unavailable For Legal Reasons";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "";
    }
}

/* Bytes of the request line and headers, as the client sent them. */
static size_t head_size(const h2o_req_t *req) {
    size_t n = req->input.method.len + req->input.path.len + 12;
    for (size_t i = 0; i < req->headers.size; i++)
        n += req->headers.entries[i].name->len + req->headers.entries[i].value.len + 4;
    return n;
}

static const char *header_value(h2o_req_t *req, arena_t *a,
                                const h2o_token_t *token) {
    ssize_t i = h2o_find_header(&req->headers, token, -1);
    if (i < 0) return NULL;
    h2o_iovec_t v = req->headers.entries[i].value;
    return arena_strndup(a, v.base, v.len);
}

/* For headers h2o has no token for; name in lower case. */
static const char *header_by_name(h2o_req_t *req, arena_t *a, const char *name) {
    ssize_t i = h2o_find_header_by_str(&req->headers, name, strlen(name), -1);
    if (i < 0) return NULL;
    h2o_iovec_t v = req->headers.entries[i].value;
    return arena_strndup(a, v.base, v.len);
}

static const char *peer_address(h2o_req_t *req, arena_t *a) {
    struct sockaddr_storage ss;
    socklen_t len = req->conn->callbacks->get_peername(req->conn, (void *)&ss);
    char text[INET6_ADDRSTRLEN] = "-";
    if (len > 0 && ss.ss_family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, text, sizeof text);
    else if (len > 0 && ss.ss_family == AF_INET6)
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, text, sizeof text);
    return arena_strdup(a, text);
}

/* The request_t for an h2o request: method, path split from its query,
** body, and the few headers handlers look at.  The target is split by
** target.c: on HTTP/1 the absolute form ("http://host/path") is taken too,
** its authority instead of Host, its userinfo dropped; a target of no
** form leaves the path "" (on_req refuses it). */
static void request_from_h2o(request_t *r, h2o_req_t *req, worker *w,
                             arena_t *a) {
    memset(r, 0, sizeof *r);
    r->site = w->site;
    r->store = w->store;
    r->arena = a;
    r->method = arena_strndup(a, req->method.base, req->method.len);
    target t;
    bool split = target_split(req->path.base, req->path.len, req->version < 0x200, &t) == 0;
    r->path = split ? arena_strndup(a, t.path, t.path_len) : "";
    r->query = split && t.query ? arena_strndup(a, t.query, t.query_len) : "";
    r->body = req->entity.base ? req->entity.base : "";
    r->body_len = req->entity.base ? req->entity.len : 0;
    r->if_none_match = header_value(req, a, H2O_TOKEN_IF_NONE_MATCH);
    r->if_modified_since = header_value(req, a, H2O_TOKEN_IF_MODIFIED_SINCE);
    r->accept_encoding = header_value(req, a, H2O_TOKEN_ACCEPT_ENCODING);
    r->cookie = header_value(req, a, H2O_TOKEN_COOKIE);
    r->origin = header_by_name(req, a, "origin");
    r->user_agent = header_value(req, a, H2O_TOKEN_USER_AGENT);
    r->host = split && t.authority ? arena_strndup(a, t.authority, t.authority_len)
                                   : arena_strndup(a, req->authority.base, req->authority.len);
    r->remote_addr = peer_address(req, a);
    r->now = (long long)time(NULL);
}

static void add_header(h2o_req_t *req, const h2o_token_t *token, const char *v) {
    if (v) h2o_add_header(&req->pool, &req->res.headers, token, NULL, v, strlen(v));
}

/* Make r's answer ready for caches and the client: coding, validators,
** Cache-Control, 304, and the compressed body (see the design note). */
static void answer_finish(request_t *r, const worker *w) {
    const config_t *c = &w->site->config;
    compress_coding coding = compress_plan(r, c->min_compress_bytes);
    conditional_answer(r, c, w->started, compress_coding_suffix(coding));
    if (r->status == 200) compress_answer(r, coding);
}

/* Hand r's answer to h2o; the body is sent from m without a copy.  A 304
** carries the validators and caching headers of the 200 it stands for,
** and no Content-Type (there is no content). */
static void respond(h2o_req_t *req, request_t *r, request_memory *m) {
    req->res.status = r->status;
    req->res.reason = status_reason(r->status);
    if (r->status != 304) add_header(req, H2O_TOKEN_CONTENT_TYPE, r->content_type);
    add_header(req, H2O_TOKEN_CONTENT_ENCODING, r->content_encoding);
    add_header(req, H2O_TOKEN_VARY, r->vary);
    add_header(req, H2O_TOKEN_LOCATION, r->location);
    add_header(req, H2O_TOKEN_ALLOW, r->allow);
    add_header(req, H2O_TOKEN_CACHE_CONTROL, r->cache_control);
    add_header(req, H2O_TOKEN_ETAG, r->etag);
    if (r->busy && r->status == 503)
        add_header(req, H2O_TOKEN_RETRY_AFTER,
                   arena_printf(r->arena, "%d", WRITE_RETRY_SECONDS));
    if (r->last_modified > 0) {
        char date[CONDITIONAL_DATE_MAX];
        conditional_format_date(r->last_modified, date);
        add_header(req, H2O_TOKEN_LAST_MODIFIED, arena_strdup(r->arena, date));
    }
    for (int i = 0; i < r->nset_cookie; i++)
        add_header(req, H2O_TOKEN_SET_COOKIE, r->set_cookie[i]);
    m->out = r->out;
    r->out = (buf_t)BUF_INIT;
    bool bodiless = r->status == 304 || r->status == 204;
    req->res.content_length = bodiless ? SIZE_MAX : m->out.len;
    /* HEAD: the GET's Content-Length, no body.  h2o drops the body of a
    ** HEAD on HTTP/1.1 itself, but sends it on HTTP/2, where the client
    ** then resets the stream (PROTOCOL_ERROR). */
    bool head = !strcmp(r->method, "HEAD");
    h2o_iovec_t body = h2o_iovec_init(m->out.data ? m->out.data : "",
                                      bodiless || head ? 0 : m->out.len);
    static h2o_generator_t generator = {NULL, NULL};
    h2o_start_response(req, &generator);
    h2o_send(req, &body, 1, H2O_SEND_STATE_FINAL);
}

static double ms_since(const struct timespec *t0) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
           (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Route r; a page (GET, HEAD), and a busy write's refusal (which only
** reads, to show the form again), read from one snapshot of the store. */
static void dispatch(request_t *r) {
    bool reading = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD") || r->busy;
    err_t err;
    if (reading && store_read_begin(r->store, &err)) {
        render_store_error(r, &err);
        return;
    }
    route_dispatch(r);
    if (reading) store_read_end(r->store);
}

/* ---- writes ------------------------------------------------------------
**
** A request that writes (every POST) must not hold an event loop while
** SQLite waits for the disk or for another writer's lock: every page on
** that loop would wait with it.  So a POST goes, whole, to the one writer
** thread (writer.c), which has its own store connection and runs the
** writes one after another (they never contend for SQLite's lock
** either); its answer comes back to the request's own loop as a message,
** and is sent there.
**
** A job owns all the writer touches (its arena holds the request's
** strings and a copy of the body).  If the client goes away meanwhile,
** h2o frees the request; a hook in the request's pool (run on the loop
** thread, like the answer) tells the job: the writer then drops it
** before it runs (an atomic flag, writer_cancel), or, when it ran
** already, its answer is dropped when it comes back.
**
** Bounds (issue 8: one HTTP/2 connection queued 60,000 posts a second,
** each reset at once, and the queue grew to a gigabyte):
**   - the writer holds at most [server] max_queued_writes jobs, and one
**     connection at most max_writes_per_connection (guard.c), each
**     counted until it is back on its loop, dropped ones included, so
**     resetting a stream does not free its place early;
**   - a POST past either bound is answered busy, on the loop: it is
**     routed with request_t.busy set, its handler writes nothing and
**     answers 503 with the reader's text kept, and Retry-After is added;
**   - every request of a connection that ends with its write unanswered,
**     and every write refused because the connection has its share out,
**     is a strike against the connection (guard_strike); past
**     max_resets_per_second strikes in a second it is shut down, and
**     requests h2o still parses from it get a bare 503 without a page.
**     A write refused because the writer is full is not the connection's
**     doing (other clients filled it) and is no strike.
*/

typedef struct write_job {
    writer_job wj;                       /* the writer's part */
    h2o_multithread_message_t message;   /* the way back */
    worker *w;
    guard_t *guard;                      /* its connection's */
    h2o_req_t *req;                      /* NULL once h2o disposed it */
    struct job_ref *ref;                 /* the hook in req's pool */
    request_t r;
    arena_t arena;
    struct timespec t0;
} write_job;

typedef struct job_ref {
    write_job *job;                      /* NULL once answered */
} job_ref;

static guard_t *guard_of(h2o_req_t *req);

/* Say on the error log that w shut a connection down for its strikes
** (from addr): at once for the first, then at most one line a second
** with how many there were since, so an attack cannot flood the log. */
static void note_shutdown(worker *w, const char *addr) {
    uint64_t now = h2o_now(w->ctx.loop);
    w->shut_unlogged++;
    if (w->shut_logged_at != 0 && now - w->shut_logged_at < 1000) return;
    log_error("closed %u connection%s (the last from %s): more than %d writes a "
              "second reset unanswered or over the connection's share "
              "([server] max_resets_per_second)",
              w->shut_unlogged, w->shut_unlogged == 1 ? "" : "s", addr,
              w->site->config.max_resets_per_second);
    w->shut_logged_at = now;
    w->shut_unlogged = 0;
}

/* Count a strike against g's connection (on w's loop); past the rate,
** shut the connection down. */
static void strike(worker *w, guard_t *g, const char *addr) {
    if (guard_strike(g, h2o_now(w->ctx.loop),
                     (unsigned)w->site->config.max_resets_per_second) &&
        guard_shutdown(g))
        note_shutdown(w, addr);
}

/* The pool hook: h2o is freeing the request (answered, reset, or its
** connection closed).  A job still unanswered is cancelled (the writer
** will not run it) and counts a strike. */
static void job_ref_dispose(void *p) {
    job_ref *ref = p;
    write_job *job = ref->job;
    if (job == NULL) return;
    job->req = NULL;
    writer_cancel(&job->wj);
    strike(job->w, job->guard, job->r.remote_addr);
}

/* On the writer thread: the write itself. */
static void job_run(writer_job *wj, store_t *store) {
    write_job *job = (write_job *)wj;
    job->r.store = store;
    route_dispatch(&job->r);
    answer_finish(&job->r, job->w);
}

/* On the writer thread: send the job back to its loop. */
static void job_back(writer_job *wj) {
    write_job *job = (write_job *)wj;
    h2o_multithread_send_message(&job->w->done_receiver, &job->message);
}

/* On the loop thread: send the writer's answers, drop the orphans, and
** give each job's places (the writer's, its connection's) back. */
static void on_write_done(h2o_multithread_receiver_t *receiver, h2o_linklist_t *messages) {
    worker *w = (worker *)((char *)receiver - offsetof(worker, done_receiver));
    while (!h2o_linklist_is_empty(messages)) {
        write_job *job = (write_job *)H2O_STRUCT_FROM_MEMBER(write_job, message.link,
                                                             messages->next);
        h2o_linklist_unlink(&job->message.link);
        if (job->req && job->wj.ran) {
            job->ref->job = NULL;
            request_memory *m = h2o_mem_alloc_shared(&job->req->pool, sizeof *m,
                                                     request_memory_dispose);
            *m = (request_memory){job->arena, BUF_INIT};
            job->r.arena = &m->arena;
            log_access(job->r.remote_addr, job->r.method, job->r.path, job->req->version,
                       job->r.status, job->r.out.len, ms_since(&job->t0));
            respond(job->req, &job->r, m);
        } else {
            buf_free(&job->r.out);
            arena_free(&job->arena);
        }
        guard_write_end(job->guard);
        writer_release(w->writer, &job->wj);
        free(job);
    }
}

/* What became of a write handed to write_later. */
typedef enum write_fate {
    WRITE_QUEUED,              /* the writer has it; answered later */
    WRITE_CONNECTION_FULL,     /* refused: its connection has its share out */
    WRITE_WRITER_FULL,         /* refused: the writer has max_queued_writes */
} write_fate;

/* Hand a writing request to the writer thread, to be answered later,
** unless its connection has max_writes_per_connection out already or the
** writer is full (then nothing is handed).  The job is whole before the
** writer can see it (writer_submit's lock orders the two threads); the
** pool hook is the loop's alone, so it may follow. */
static write_fate write_later(worker *w, h2o_req_t *req, guard_t *g,
                              const struct timespec *t0) {
    if (!guard_write_begin(g, (unsigned)w->site->config.max_writes_per_connection))
        return WRITE_CONNECTION_FULL;
    write_job *job = calloc(1, sizeof *job);
    if (job == NULL) abort();
    job->w = w;
    job->guard = g;
    job->req = req;
    job->t0 = *t0;
    job->arena = (arena_t)ARENA_INIT;
    request_from_h2o(&job->r, req, w, &job->arena);
    job->r.arena = &job->arena;
    job->r.store = NULL;   /* the writer's, when it runs */
    job->r.body = arena_strndup(&job->arena, job->r.body, job->r.body_len);
    if (!writer_submit(w->writer, &job->wj)) {
        arena_free(&job->arena);
        free(job);
        guard_write_end(g);
        return WRITE_WRITER_FULL;
    }
    job->ref = h2o_mem_alloc_shared(&req->pool, sizeof *job->ref, job_ref_dispose);
    job->ref->job = job;
    return WRITE_QUEUED;
}

/* A request on a connection shut down for its strikes: h2o goes on
** parsing what it had read from it, but no answer can reach the client
** any more, so none is rendered: h2o's bare 503, and the access-log line
** every request gets. */
static void answer_shut(h2o_req_t *req, const struct timespec *t0) {
    arena_t a = ARENA_INIT;
    target t;   /* the path as request_from_h2o takes it: never userinfo */
    bool split = target_split(req->path.base, req->path.len, req->version < 0x200, &t) == 0;
    log_access(peer_address(req, &a), arena_strndup(&a, req->method.base, req->method.len),
               split ? arena_strndup(&a, t.path, t.path_len) : "", req->version, 503, 0,
               ms_since(t0));
    arena_free(&a);
    h2o_send_error_503(req, "Service Unavailable", "", 0);
}

/* What framing.c refuses in an HTTP/1 request's raw head; FRAMING_OK for
** HTTP/2.  While on_req runs, libh2o keeps the head it parsed at the start
** of the socket's input buffer (it consumes it after the answer, and
** decodes a chunked body after it, in place): read here, synchronously,
** before anything can move that buffer. */
static framing_fault head_fault(h2o_req_t *req) {
    if (req->version >= 0x200) return FRAMING_OK;
    h2o_socket_t *sock = req->conn->callbacks->get_socket(req->conn);
    if (sock == NULL || sock->input == NULL) return FRAMING_NO_END;
    return framing_check(sock->input->bytes, sock->input->size, req->version >= 0x101).fault;
}

static bool connection_request_begin(h2o_req_t *req);

/* The h2o handler for every path: a read is answered here, on the loop; a
** write goes to the writer thread, or, when the writer cannot take it, is
** routed here as busy (see "writes" above).  A head framing.c refuses is
** answered here, POST or not, and its connection closed after the answer. */
static int on_req(h2o_handler_t *self, h2o_req_t *req) {
    (void)self;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    worker *w = worker_of(req);
    bool timed_out = connection_request_begin(req);
    guard_t *g = guard_of(req);
    if (guard_is_shut(g)) {
        answer_shut(req, &t0);
        return 0;
    }
    framing_fault fault = head_fault(req);
    bool too_big = head_size(req) > w->site->config.max_header_bytes;
    write_fate fate = WRITE_QUEUED;   /* or not a write */
    if (fault == FRAMING_OK && !too_big && !timed_out &&
        h2o_memis(req->method.base, req->method.len, H2O_STRLIT("POST"))) {
        fate = write_later(w, req, g, &t0);
        if (fate == WRITE_QUEUED) return 0;
    }
    request_memory *m = h2o_mem_alloc_shared(&req->pool, sizeof *m,
                                             request_memory_dispose);
    *m = (request_memory){ARENA_INIT, BUF_INIT};
    request_t r;
    request_from_h2o(&r, req, w, &m->arena);
    r.busy = fate != WRITE_QUEUED;
    if (fate == WRITE_CONNECTION_FULL) strike(w, g, r.remote_addr);
    if (guard_is_shut(g)) {
        answer_shut(req, &t0);
        return 0;
    }
    if (timed_out) {
        /* its last bytes came in after gazette sent 408 and shut the
        ** connection down (conn.h): not routed, nothing saved */
        req->http1_is_persistent = 0;
        render_error(&r, 408, "Request timeout", "The request did not arrive in time.");
    } else if (fault != FRAMING_OK) {
        int status = framing_status(fault);
        render_error(&r, status, status == 411 ? "Length required" : "Bad request",
                     framing_reason(fault));
        req->http1_is_persistent = 0;
    } else if (too_big)
        render_error(&r, 431, "Request headers too large",
                     "The request's headers are larger than this site accepts.");
    else if (r.path[0] != '/')
        render_error(&r, 400, "Bad request", "That is not a path.");
    else
        dispatch(&r);
    answer_finish(&r, w);
    /* logged before sending: a client that has its answer finds its line */
    log_access(r.remote_addr, r.method, r.path, req->version, r.status, r.out.len,
               ms_since(&t0));
    respond(req, &r, m);
    return 0;
}

/* ---- connections ------------------------------------------------------ */

/* What a connection's close must undo: its worker's count, its address's;
** and its place in its worker's list.  Freed when h2o has closed it and
** none of its requests is left (conn.h). */
typedef struct connection {
    worker *w;
    struct sockaddr_storage peer;
    guard_t *guard;            /* its writes out and its strikes (guard.h) */
    conn_t conn;               /* activity, requests in progress (conn.c) */
} connection;

/* The guard of req's connection (on_accept's, through the socket). */
static guard_t *guard_of(h2o_req_t *req) {
    connection *c = req->conn->callbacks->get_socket(req->conn)->on_close.data;
    return c->guard;
}

static void on_connection_close(void *data) {
    connection *c = data;
    c->w->open_connections--;
    limit_release(c->w->limits, (struct sockaddr *)&c->peer);
    guard_close(c->guard);
    c->guard = NULL;
    conn_remove(&c->w->conns, &c->conn);
    if (c->conn.requests == 0) free(c);
}

/* How many of c's requests are out at the writer thread (conn.h's
** elsewhere): c is in its worker's list, so its connection is open and
** its guard there. */
static unsigned connection_writes_out(const conn_t *c) {
    const connection *owner = (const connection *)((const char *)c - offsetof(connection, conn));
    return owner->guard ? guard_writes(owner->guard) : 0;
}

/* req's connection, or NULL for a socket gazette did not accept. */
static connection *connection_of(h2o_req_t *req) {
    h2o_socket_t *sock = req->conn->callbacks->get_socket(req->conn);
    if (sock == NULL || sock->on_close.cb != on_connection_close) return NULL;
    return sock->on_close.data;
}

/* Run by h2o from the request's pool when it disposes of the request:
** after its answer's last byte was written, or when its client left. */
static void connection_request_end(void *p) {
    connection *c = *(connection **)p;
    conn_request_end(&c->w->conns, &c->conn);
    if (c->conn.sock == NULL && c->conn.requests == 0) free(c);
}

/* Count req in progress on its connection until h2o disposes of it.
** True when gazette already timed the connection out (conn.h). */
static bool connection_request_begin(h2o_req_t *req) {
    connection *c = connection_of(req);
    if (c == NULL) return false;
    conn_request_begin(&c->conn, req->version);
    connection **ref = h2o_mem_alloc_shared(&req->pool, sizeof *ref, connection_request_end);
    *ref = c;
    return c->conn.closing;
}

/* Accept a connection when the total allows (conn.c makes room or pauses
** accepting), unless its address holds max_connections_per_address
** already: then it is closed before anything is read from it. */
static void on_accept(h2o_socket_t *listener, const char *error) {
    worker *w = listener->data;
    if (error != NULL) return;
    conn_ticket ticket;
    h2o_socket_t *sock = conn_accept(&w->conns, &ticket);
    if (sock == NULL) return;
    connection *c = calloc(1, sizeof *c);
    if (c == NULL) abort();
    c->w = w;
    if (h2o_socket_getpeername(sock, (struct sockaddr *)&c->peer) == 0 ||
        !limit_acquire(w->limits, (struct sockaddr *)&c->peer)) {
        conn_refuse(&w->conns, &ticket);
        free(c);
        h2o_socket_close(sock);
        return;
    }
    w->open_connections++;
    c->guard = guard_new(h2o_socket_get_fd(sock));
    conn_admit(&w->conns, &ticket, &c->conn, sock);
    sock->on_close.cb = on_connection_close;
    sock->on_close.data = c;
    h2o_accept(&w->accept_ctx, sock);
}

/* ---- listening -------------------------------------------------------- */

/* Parse "ADDR:PORT" or "[ADDR]:PORT" into ss. */
static int parse_listen(const char *listen, struct sockaddr_storage *ss,
                        socklen_t *len, err_t *err) {
    char host[128];
    const char *colon = strrchr(listen, ':');
    if (colon == NULL || colon == listen || strlen(listen) >= sizeof host)
        return err_set(err, "--listen wants ADDR:PORT, not '%s'", listen);
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end != '\0' || end == colon + 1 || port < 0 || port > 65535)
        return err_set(err, "bad port in '%s'", listen);
    size_t hlen = (size_t)(colon - listen);
    memcpy(host, listen, hlen);
    host[hlen] = '\0';
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
    if (host[0] == '[' && host[hlen - 1] == ']') {
        host[hlen - 1] = '\0';
        if (inet_pton(AF_INET6, host + 1, &v6->sin6_addr) != 1)
            return err_set(err, "bad IPv6 address in '%s'", listen);
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        *len = sizeof *v6;
        return 0;
    }
    if (inet_pton(AF_INET, host, &v4->sin_addr) != 1)
        return err_set(err, "bad IPv4 address in '%s'", listen);
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)port);
    *len = sizeof *v4;
    return 0;
}

static int listen_socket(const struct sockaddr_storage *ss, socklen_t len,
                         const char *where, err_t *err) {
    int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return err_set(err, "socket: %s", strerror(errno));
    int on = 1;
    /* SO_REUSEADDR, not SO_REUSEPORT: a second gazette on the same port
    ** must fail, not silently take half of the connections. */
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (bind(fd, (const struct sockaddr *)ss, len) != 0 || listen(fd, SOMAXCONN) != 0) {
        err_set(err, "cannot listen on %s: %s", where, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

/* ---- workers ---------------------------------------------------------- */

static void on_stop_message(h2o_multithread_receiver_t *receiver,
                            h2o_linklist_t *messages) {
    worker *w = (worker *)((char *)receiver - offsetof(worker, stop_receiver));
    while (!h2o_linklist_is_empty(messages))
        h2o_linklist_unlink(messages->next);
    if (w->stopping) return;
    w->stopping = true;
    conn_list_stop(&w->conns);
    h2o_socket_read_stop(w->listener);
    h2o_socket_close(w->listener);
    w->listener = NULL;
    h2o_context_request_shutdown(&w->ctx);
}

/* Make w's event loop, h2o context, message receivers and listener.  Run
** on w's own thread, never on another.  A socket takes its read buffers
** from the free list of the thread that created it (libh2o's
** h2o_socket_buffer_prototype is __thread, and h2o_mem_alloc_recycle
** takes no lock), and h2o_context_init creates the context's message
** queue: a pipe, and a socket that reads it at every message to the
** loop.  Made on the main thread, as they once were, all the workers'
** queues drew on the main thread's one list, unlocked, at every message:
** the writer's answers under POSTs, and the stop, sent to all loops at
** once.  Two loops then took the same 8,228-byte buffer (8,192 bytes and
** h2o's header) and one freed it under the other's read (issue 8).  Made
** here, each list is used by one thread only, as in h2o's own server. */
static void worker_loop_init(worker *w) {
    server *srv = w->srv;
    h2o_context_init(&w->ctx, h2o_evloop_create(), &srv->globalconf);
    w->accept_ctx.ctx = &w->ctx;
    w->accept_ctx.hosts = srv->globalconf.hosts;
    h2o_multithread_register_receiver(w->ctx.queue, &w->stop_receiver,
                                      on_stop_message);
    h2o_multithread_register_receiver(w->ctx.queue, &w->done_receiver, on_write_done);
    w->listener = h2o_evloop_socket_create(w->ctx.loop, w->listen_fd,
                                           H2O_SOCKET_FLAG_DONT_READ);
    w->listener->data = w;
    h2o_socket_read_start(w->listener, on_accept);
    conn_list_init(&w->conns, w->ctx.loop, &srv->budget, &srv->timeouts, w->listener,
                   on_accept);
    w->conns.elsewhere = connection_writes_out;
    /* from here on stop_workers may send w its stop */
    pthread_mutex_lock(&srv->ready_lock);
    srv->nready++;
    pthread_cond_broadcast(&srv->ready_cond);
    pthread_mutex_unlock(&srv->ready_lock);
}

static void *worker_main(void *arg) {
    worker *w = arg;
    worker_loop_init(w);
    struct timespec stop_at = {0};
    while (!w->stopping || w->open_connections > 0) {
        h2o_evloop_run(w->ctx.loop, 100);
        if (!w->stopping) continue;
        if (stop_at.tv_sec == 0) clock_gettime(CLOCK_MONOTONIC, &stop_at);
        if (ms_since(&stop_at) > STOP_GRACE_MS) break;
    }
    store_close(w->store);
    w->store = NULL;
    return NULL;
}

/* Prepare worker w for listening socket fd, with its own store connection
** (opened here, in the main thread, so a failure stops the start).  Its
** loop is made later, by its own thread (worker_loop_init). */
static int worker_setup(server *srv, worker *w, int fd, err_t *err) {
    w->site = srv->site;
    w->srv = srv;
    w->started = srv->started;
    if (site_store_open(w->site, &w->store, err)) return -1;
    w->listen_fd = fd;
    w->writer = srv->writer;
    w->limits = srv->limits;
    return 0;
}

static void globalconf_setup(server *srv) {
    h2o_globalconf_t *g = &srv->globalconf;
    h2o_config_init(g);
    g->max_request_entity_size = srv->site->config.max_body_bytes;
    g->server_name = h2o_iovec_init(H2O_STRLIT("gazette"));
    /* requests h2o hands us at once on one HTTP/2 connection; see guard.h
    ** for why this alone does not stop a rapid reset */
    g->http2.max_concurrent_requests_per_connection =
        (size_t)(srv->site->config.max_streams_per_connection > 0
                     ? srv->site->config.max_streams_per_connection : 1);
    /* conn.c's reaper applies the timeouts; h2o's HTTP/1 deadline (idle,
    ** head and body together, closed without an answer) only backs it up,
    ** a little after the latest the reaper can act; h2o's HTTP/2 idle
    ** timer sends GOAWAY to a connection silent for idle_timeout */
    const conn_timeouts *t = &srv->timeouts;
    g->http1.req_timeout = t->idle_ms + t->header_ms + t->body_ms + 5000;
    g->http2.idle_timeout = t->idle_ms;
    h2o_hostconf_t *host = h2o_config_register_host(
        g, h2o_iovec_init(H2O_STRLIT("default")), 65535);
    h2o_pathconf_t *path = h2o_config_register_path(host, "/", 0);
    h2o_handler_t *handler = h2o_create_handler(path, sizeof *handler);
    handler->on_req = on_req;
}

static int worker_count(const site_t *site) {
    int n = site->config.threads;
    if (n <= 0) n = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (n <= 0) n = 1;
    return n > MAX_WORKERS ? MAX_WORKERS : n;
}

/* Bind the listening socket before any thread starts, so that a busy
** port is reported as an error and not as a half-started server; every
** worker gets its own descriptor of it (epoll wakes one or more workers,
** the others' accept(2) finds nothing and goes back to waiting). */
static int bind_all(server *srv, int *fds, const char *listen, err_t *err) {
    struct sockaddr_storage ss;
    socklen_t len = 0;
    if (parse_listen(listen, &ss, &len, err)) return -1;
    fds[0] = listen_socket(&ss, len, listen, err);
    if (fds[0] < 0) return -1;
    for (int i = 1; i < srv->nworkers; i++) {
        fds[i] = fcntl(fds[0], F_DUPFD_CLOEXEC, 0);
        if (fds[i] < 0) {
            err_set(err, "dup: %s", strerror(errno));
            while (i-- > 0) close(fds[i]);
            return -1;
        }
    }
    return 0;
}

/* Tell the first n workers to stop; their loops see it on their next turn. */
static void stop_workers(server *srv, int n) {
    for (int i = 0; i < n; i++)
        h2o_multithread_send_message(&srv->workers[i].stop_receiver,
                                     &srv->workers[i].stop_message);
}

/* ---- the backstop of a stop --------------------------------------------
**
** A worker leaves its loop within STOP_GRACE_MS of the stop only if its
** loop gets to run: a handler stuck in long work (a search over a huge
** article, a store waiting on a lock) holds it, the join waits with it,
** and SIGTERM would never end the process.  So the stop arms a backstop:
** a thread that waits STOP_GRACE_MS + STOP_MARGIN_MS and, if the threads
** have not all been joined by then (http_serve ends it once they have),
** logs it and ends the process with _exit(1).  Nothing acknowledged is
** lost: an answer to a write goes out only after its transaction
** committed (WAL, synchronous=FULL), and what was not yet committed was
** never acknowledged; SQLite rolls it back at the next open.  _exit, not
** exit: the stuck threads still use what exit's handlers would free.
** lock guards done; the wait is on CLOCK_MONOTONIC. */
typedef struct backstop {
    pthread_mutex_t lock;
    pthread_cond_t done_cond;
    bool done;
    struct timespec deadline;
    pthread_t thread;
} backstop;

static void *backstop_main(void *arg) {
    backstop *b = arg;
    pthread_mutex_lock(&b->lock);
    int rc = 0;
    while (!b->done && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&b->done_cond, &b->lock, &b->deadline);
    bool done = b->done;
    pthread_mutex_unlock(&b->lock);
    if (!done) {
        log_error("still busy %d ms after the stop (a request or a write that "
                  "does not end); exiting now: every answered write was committed",
                  STOP_GRACE_MS + STOP_MARGIN_MS);
        _exit(1);
    }
    return NULL;
}

/* Arm the backstop: STOP_GRACE_MS + STOP_MARGIN_MS from now.  false when
** its thread cannot start (the stop then waits as it did before). */
static bool backstop_start(backstop *b) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_mutex_init(&b->lock, NULL);
    pthread_cond_init(&b->done_cond, &attr);
    pthread_condattr_destroy(&attr);
    b->done = false;
    clock_gettime(CLOCK_MONOTONIC, &b->deadline);
    long long ns = b->deadline.tv_nsec + (STOP_GRACE_MS + STOP_MARGIN_MS) * 1000000LL;
    b->deadline.tv_sec += (time_t)(ns / 1000000000LL);
    b->deadline.tv_nsec = (long)(ns % 1000000000LL);
    if (pthread_create(&b->thread, NULL, backstop_main, b) == 0) return true;
    log_error("cannot start the stop's backstop thread");
    return false;
}

/* Disarm it: every thread was joined in time. */
static void backstop_end(backstop *b) {
    pthread_mutex_lock(&b->lock);
    b->done = true;
    pthread_cond_signal(&b->done_cond);
    pthread_mutex_unlock(&b->lock);
    pthread_join(b->thread, NULL);
}

/* Wait for SIGTERM or SIGINT, then tell every worker to stop, and arm the
** backstop b; whether it is armed. */
static bool wait_for_stop(server *srv, const sigset_t *stop_signals, backstop *b) {
    int sig = 0;
    sigwait(stop_signals, &sig);
    log_error("received %s; finishing requests in flight", strsignal(sig));
    stop_workers(srv, srv->nworkers);
    return backstop_start(b);
}

/* Start a thread for each worker, and wait until the loop of every one
** started can take messages (stop_workers may follow at once).  The
** number started: all of them, or, when one cannot be started, the ones
** before it, with the reason in err. */
static int start_workers(server *srv, err_t *err) {
    int started = 0;
    while (started < srv->nworkers) {
        int rc = pthread_create(&srv->workers[started].thread, NULL, worker_main,
                                &srv->workers[started]);
        if (rc != 0) {
            err_set(err, "cannot start worker thread %d of %d: %s", started + 1,
                    srv->nworkers, strerror(rc));
            break;
        }
        started++;
    }
    pthread_mutex_lock(&srv->ready_lock);
    while (srv->nready < started) pthread_cond_wait(&srv->ready_cond, &srv->ready_lock);
    pthread_mutex_unlock(&srv->ready_lock);
    return started;
}

/* The order of a stop, and why it is safe:
**   1. the signal thread (this one) sends each loop its stop message;
**      each loop, on its own thread, closes its listener, asks h2o to
**      shut down, and runs until its connections are gone or the grace
**      period is over; meanwhile the writer goes on answering, by
**      message, and the loops go on sending those answers;
**   2. every worker thread is joined: no loop runs any more, and what a
**      loop owns (its sockets, their buffers, its requests' pools) is
**      left as it is, never freed by another thread;
**   3. the writer finishes its queue and is joined; an answer for a loop
**      that has stopped only waits in that loop's queue (the queue and
**      the context are never freed: h2o's GOAWAY timer may be armed);
**   (1-3 are watched by the backstop: if they have not all ended
**      STOP_GRACE_MS + STOP_MARGIN_MS after the signal, the process
**      exits 1 there, losing nothing acknowledged; see "the backstop");
**   4. the table of connections per address is freed: no thread is left
**      to use it.
** What belongs to a loop (its context, sockets, buffers, requests) is
** made and used by that loop's thread only; other threads reach it only
** through its message queue, which h2o locks (see worker_loop_init).
** The sockets a loop left open when its grace period ran out still point
** at its thread's free lists, which end with the thread: nothing touches
** them after the join. */
int http_serve(const site_t *site, const char *listen, err_t *err) {
    static server srv = {.ready_lock = PTHREAD_MUTEX_INITIALIZER,
                         .ready_cond = PTHREAD_COND_INITIALIZER};
    srv.site = site;   /* one server a process; it outlives its threads */
    srv.nworkers = worker_count(site);
    srv.started = (long long)time(NULL);
    const config_t *c = &site->config;
    if (conn_timeouts_set(&srv.timeouts, c->header_timeout, c->body_timeout,
                          c->idle_timeout, c->send_timeout, err) ||
        conn_budget_init(&srv.budget, c->max_connections, srv.nworkers, err))
        return -1;
    int fds[MAX_WORKERS];
    if (bind_all(&srv, fds, listen, err)) return -1;
    signal(SIGPIPE, SIG_IGN);
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    globalconf_setup(&srv);
    srv.limits = limit_new(site->config.max_connections_per_address);
    store_t *writer_store = NULL;
    if (site_store_open(site, &writer_store, err) == 0)
        srv.writer = writer_start(writer_store, (size_t)site->config.max_queued_writes,
                                  job_run, job_back, err);
    if (srv.writer == NULL) {
        limit_free(srv.limits);
        for (int i = 0; i < srv.nworkers; i++) close(fds[i]);
        return -1;
    }
    int ready = 0;       /* workers set up (each has its store open) */
    while (ready < srv.nworkers && worker_setup(&srv, &srv.workers[ready], fds[ready], err) == 0)
        ready++;
    /* A failure stops what did start, and only that: the running workers
    ** are told to stop and joined, the others' stores closed, the writer
    ** stopped; the caller reports err and exits non-zero. */
    int running = ready == srv.nworkers ? start_workers(&srv, err) : 0;
    static backstop stop_backstop;
    bool armed = false;
    if (running == srv.nworkers) {
        log_error("serving %s at http://%s/ with %d threads", site->dir, listen,
                  srv.nworkers);
        armed = wait_for_stop(&srv, &stop_signals, &stop_backstop);
    } else {
        stop_workers(&srv, running);
    }
    for (int i = 0; i < running; i++) pthread_join(srv.workers[i].thread, NULL);
    for (int i = running; i < ready; i++) store_close(srv.workers[i].store);
    writer_stop(srv.writer);
    if (armed) backstop_end(&stop_backstop);
    limit_free(srv.limits);
    if (running < srv.nworkers) {
        /* the descriptors of the workers that did not run; a running
        ** one's is its h2o listener's, closed by its stop */
        for (int i = running; i < srv.nworkers; i++) close(fds[i]);
        return -1;
    }
    log_error("stopped");
    return 0;
}
