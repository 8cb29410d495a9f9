/*
** conn.c — a worker's open connections, the total they share, and their
** timeouts; see conn.h for the design.
*/
#include "conn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

#include "conditional.h"
#include "log.h"

enum {
    RESUME_MS = 100,           /* a paused listener is polled again after */
    REAP_MIN_MS = 100,
    REAP_MAX_MS = 1000,
    SHORT_REPORT_S = 60,       /* running out of descriptors: said at most
                               ** once in this many seconds */
    /* What the server keeps for itself out of its descriptors, beside its
    ** connections: standard streams, the access log, the listening socket,
    ** the writer's store (SQLite's file, -wal, -shm and temporary files);
    ** and slack for sockets shut down but not yet closed by their loop (at
    ** most a turn of each loop), a connection refused by its address's
    ** limit, and what libraries open for a moment. */
    RESERVE_BASE = 48,
    /* Per worker: its epoll descriptor, its message queue's pipe (2), its
    ** own descriptor of the listening socket, its store (as the writer's). */
    RESERVE_PER_WORKER = 10,
    MAX_CONNECTIONS_CAP = 1000000,   /* a setting's largest value */
    STALLED_MS = 1000,         /* at the limit, a connection whose answer
                               ** has not moved for this long may make room */
};

/* ---- the budget: every worker's connections together ------------------ */

int conn_max_for(long long fd_limit, int nworkers) {
    long long room = fd_limit - RESERVE_BASE - (long long)RESERVE_PER_WORKER * nworkers;
    if (room > MAX_CONNECTIONS_CAP) room = MAX_CONNECTIONS_CAP;
    return room < 1 ? 0 : (int)room;
}

/* Raise the soft descriptor limit to the hard one; the limit in force. */
static long long raise_descriptor_limit(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        log_error("getrlimit(RLIMIT_NOFILE): %s", strerror(errno));
        return 1024;
    }
    rlim_t before = rl.rlim_cur;
    if (rl.rlim_cur < rl.rlim_max) {
        struct rlimit want = {rl.rlim_max, rl.rlim_max};
        if (setrlimit(RLIMIT_NOFILE, &want) == 0)
            rl.rlim_cur = rl.rlim_max;
        else
            log_error("cannot raise the descriptor limit from %llu to %llu: %s",
                      (unsigned long long)before, (unsigned long long)rl.rlim_max,
                      strerror(errno));
    }
    long long limit = rl.rlim_cur == RLIM_INFINITY ? LLONG_MAX : (long long)rl.rlim_cur;
    if (rl.rlim_cur != before)
        log_error("descriptor limit raised from %llu to %lld (the hard limit)",
                  (unsigned long long)before, limit);
    else
        log_error("descriptor limit: %lld", limit);
    return limit;
}

int conn_budget_init(conn_budget *b, int requested, int nworkers, err_t *err) {
    long long limit = raise_descriptor_limit();
    int most = conn_max_for(limit, nworkers);
    int keep = RESERVE_BASE + RESERVE_PER_WORKER * nworkers;
    if (most < 1)
        return err_set(err, "the descriptor limit (%lld) leaves no room for connections "
                       "beside the %d the server keeps for itself: raise it (ulimit -n, "
                       "or LimitNOFILE= in a systemd unit)", limit, keep);
    int max = requested > 0 ? requested : most;
    if (max > most) {
        log_error("max_connections %d is more than %lld descriptors allow (the server "
                  "keeps %d for itself): at most %d", max, limit, keep, most);
        max = most;
    }
    log_error("at most %d connections at once", max);
    b->max = max;
    atomic_init(&b->open, 0);
    atomic_init(&b->at_limit, false);
    atomic_init(&b->evicted, 0);
    atomic_init(&b->pauses, 0);
    atomic_init(&b->short_count, 0);
    atomic_init(&b->short_reported, 0);
    return 0;
}

/* One more connection, if the total is below the maximum. */
static bool budget_take(conn_budget *b) {
    int n = atomic_load(&b->open);
    while (n < b->max)
        if (atomic_compare_exchange_weak(&b->open, &n, n + 1)) return true;
    return false;
}

/* The episode at the limit starts: said once, whichever worker and
** however many accepts it lasts. */
static void budget_at_limit(conn_budget *b) {
    if (atomic_exchange(&b->at_limit, true)) return;
    atomic_store(&b->evicted, 0);
    atomic_store(&b->pauses, 0);
    log_error("at the connection limit (%d): closing idle connections, oldest first, "
              "and accepting none while none is idle", b->max);
}

/* accept(2) failed for want of descriptors (error e) although the total
** is below the limit: something else holds them.  That state has no
** clear end (an accept may succeed between two failures), so it is said
** at most once a minute, with how often it happened. */
static void budget_short(conn_budget *b, int e) {
    long n = atomic_fetch_add(&b->short_count, 1) + 1;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long long last = atomic_load(&b->short_reported);
    if (last != 0 && ts.tv_sec - last < SHORT_REPORT_S) return;
    if (!atomic_compare_exchange_strong(&b->short_reported, &last, (long long)ts.tv_sec))
        return;
    atomic_fetch_sub(&b->short_count, n);
    log_error("accept: %s (%ld times since the last report): closing idle connections, "
              "oldest first, and accepting none for 100 ms at a time", strerror(e), n);
}

/* The episode ends when the total is well below the maximum (a tenth),
** so that a total that hovers at it is not logged at every accept. */
static void budget_check_below(conn_budget *b) {
    int low = b->max - (b->max / 10 > 1 ? b->max / 10 : 1);
    if (atomic_load(&b->open) > low || !atomic_load(&b->at_limit)) return;
    if (!atomic_exchange(&b->at_limit, false)) return;
    log_error("below the connection limit again (%d open): idle connections closed to "
              "make room: %ld; accepting paused: %ld times", atomic_load(&b->open),
              atomic_load(&b->evicted), atomic_load(&b->pauses));
}

static void budget_give(conn_budget *b) {
    atomic_fetch_sub(&b->open, 1);
    budget_check_below(b);
}

/* ---- the list, least recently active first ---------------------------- */

static void list_unlink(conn_list *l, conn_t *c) {
    if (c->prev) c->prev->next = c->next;
    else l->head = c->next;
    if (c->next) c->next->prev = c->prev;
    else l->tail = c->prev;
    c->prev = c->next = NULL;
    l->count--;
}

static void list_append(conn_list *l, conn_t *c) {
    c->prev = l->tail;
    c->next = NULL;
    if (l->tail) l->tail->next = c;
    else l->head = c;
    l->tail = c;
    l->count++;
}

/* Not idle either: a connection h2o is still writing to.  Over HTTP/2 a
** request ends (and is disposed of) once its last frame is in h2o's
** buffer, before the bytes reach the client; closing then would cut the
** answer short. */
conn_t *conn_oldest_idle(const conn_list *l) {
    for (conn_t *c = l->head; c; c = c->next)
        if (c->requests == 0 && !c->closing && !h2o_socket_is_writing(c->sock)) return c;
    return NULL;
}

/* Is c's answer waiting for its client: a request in progress that is
** not out at another thread, or a write of h2o's in flight? */
static bool sending(const conn_list *l, const conn_t *c) {
    unsigned away = l->elsewhere ? l->elsewhere(c) : 0;
    return (c->requests > 0 && (unsigned)c->requests > away) ||
           h2o_socket_is_writing(c->sock);
}

/* Note what c has written by loop time now: written_at is when that last
** changed (or when it was first seen after a request began). */
static void watch_writes(conn_t *c, uint64_t now) {
    if (c->written_at == 0 || c->sock->bytes_written != c->written) {
        c->written = c->sock->bytes_written;
        c->written_at = now;
    }
}

conn_t *conn_oldest_stalled(const conn_list *l, uint64_t now) {
    for (conn_t *c = l->head; c; c = c->next)
        if (!c->closing && sending(l, c) && c->written_at != 0 &&
            c->sock->bytes_written == c->written && now - c->written_at >= STALLED_MS)
            return c;
    return NULL;
}

/* Shut c's descriptor down both ways; h2o closes the connection at its
** next read (see the design: the socket is h2o's). */
static void shut_down(conn_t *c) {
    c->closing = true;
    shutdown(h2o_socket_get_fd(c->sock), SHUT_RDWR);
}

/* Close idle c to make room: its slot is given back (or, with keep_slot,
** passed on to the connection it makes room for). */
static void evict(conn_list *l, conn_t *c, bool keep_slot) {
    shut_down(c);
    atomic_fetch_add(&l->budget->evicted, 1);
    if (c->counted && !keep_slot) budget_give(l->budget);
    c->counted = false;
}

/* ---- accepting --------------------------------------------------------- */

static void on_resume(h2o_timeout_entry_t *entry);

static void pause_accepting(conn_list *l) {
    if (l->paused || l->listener == NULL) return;
    l->paused = true;
    h2o_socket_read_stop(l->listener);
    h2o_timeout_link(l->loop, &l->resume_timeout, &l->resume_entry);
    atomic_fetch_add(&l->budget->pauses, 1);
}

static void resume_accepting(conn_list *l) {
    if (!l->paused) return;
    l->paused = false;
    if (h2o_timeout_is_linked(&l->resume_entry)) h2o_timeout_unlink(&l->resume_entry);
    if (l->listener) h2o_socket_read_start(l->listener, l->on_accept);
}

static void on_resume(h2o_timeout_entry_t *entry) {
    conn_list *l = (conn_list *)((char *)entry - offsetof(conn_list, resume_entry));
    resume_accepting(l);
}

h2o_socket_t *conn_accept(conn_list *l, conn_ticket *t) {
    *t = (conn_ticket){false, NULL};
    if (l->listener == NULL || l->paused) return NULL;
    t->slot = budget_take(l->budget);
    if (!t->slot) {
        budget_at_limit(l->budget);
        t->victim = conn_oldest_idle(l);
        if (t->victim == NULL) t->victim = conn_oldest_stalled(l, h2o_now(l->loop));
        if (t->victim == NULL) {
            pause_accepting(l);
            return NULL;
        }
    }
    h2o_socket_t *sock = h2o_evloop_socket_accept(l->listener);
    if (sock != NULL) return sock;
    int e = errno;
    if (t->slot) budget_give(l->budget);
    *t = (conn_ticket){false, NULL};
    if (e == EMFILE || e == ENFILE) {
        /* out of descriptors all the same (another file took them, or
        ** the system's table is full): free one if we can, and wait */
        budget_short(l->budget, e);
        conn_t *v = conn_oldest_idle(l);
        if (v) evict(l, v, false);
        pause_accepting(l);
    }
    /* EAGAIN: another worker took the connection; ECONNABORTED and the
    ** like: the client left before it was accepted.  Nothing to do. */
    return NULL;
}

void conn_admit(conn_list *l, conn_ticket *t, conn_t *c, h2o_socket_t *sock) {
    if (t->victim) evict(l, t->victim, true);
    c->sock = sock;
    c->counted = true;
    c->active_at = h2o_now(l->loop);
    list_append(l, c);
    *t = (conn_ticket){false, NULL};
}

void conn_refuse(conn_list *l, conn_ticket *t) {
    if (t->slot) budget_give(l->budget);
    *t = (conn_ticket){false, NULL};
}

void conn_remove(conn_list *l, conn_t *c) {
    if (c->sock == NULL) return;
    list_unlink(l, c);
    c->sock = NULL;
    if (c->counted) budget_give(l->budget);
    c->counted = false;
    resume_accepting(l);
}

/* ---- requests ---------------------------------------------------------- */

void conn_request_begin(conn_t *c, int version) {
    c->requests++;
    c->version = version;
    c->head_at = c->body_at = 0;
    c->scanned = 0;
    c->written_at = 0;   /* its answer's time starts at the next look */
}

void conn_request_end(conn_list *l, conn_t *c) {
    c->requests--;
    if (c->sock == NULL) return;
    c->head_at = c->body_at = 0;
    c->scanned = 0;
    c->active_at = h2o_now(l->loop);
    list_unlink(l, c);
    list_append(l, c);
}

/* ---- timeouts ---------------------------------------------------------- */

size_t conn_head_length(const char *p, size_t len, size_t from) {
    if (from > len) from = 0;                 /* not the same bytes any more */
    size_t i = from > 2 ? from - 2 : 0;
    while (i < len) {
        const char *nl = memchr(p + i, '\n', len - i);
        if (nl == NULL) return 0;
        i = (size_t)(nl - p) + 1;
        if (i < len && p[i] == '\n') return i + 1;
        if (i + 1 < len && p[i] == '\r' && p[i + 1] == '\n') return i + 2;
    }
    return 0;
}

/* Is c HTTP/2?  Known from its last request; before one, from what h2o
** did with its bytes: HTTP/1 keeps every byte of a request in the
** socket's input until the answer is sent, starting with the request
** line, while HTTP/2 consumes the preface and each whole frame at once,
** and a partial frame starts with a zero (the top byte of a length h2o's
** 16,384-byte frame limit keeps below 65,536). */
static bool is_http2(const conn_t *c) {
    if (c->version) return c->version >= 0x200;
    const h2o_buffer_t *in = c->sock->input;
    if (c->sock->bytes_read == 0) return false;
    if (in->size == 0) return true;
    return in->bytes[0] == '\0';
}

/* The access-log line of a 408 gazette sent itself. */
static void log_408(conn_t *c, size_t bytes, uint64_t waited_ms) {
    struct sockaddr_storage ss;
    char addr[INET6_ADDRSTRLEN] = "-";
    socklen_t len = h2o_socket_getpeername(c->sock, (struct sockaddr *)&ss);
    if (len > 0 && ss.ss_family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, addr, sizeof addr);
    else if (len > 0 && ss.ss_family == AF_INET6)
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, addr, sizeof addr);
    log_access(addr, "-", "-", 0x101, 408, bytes, (double)waited_ms);
}

/* c's head or body did not arrive in time: 408 when it is safe to write
** one (see the design), then shut down. */
static void time_out(conn_t *c, uint64_t waited_ms) {
    static const char body[] = "The request did not arrive in time.\n";
    if (c->sock->ssl == NULL && !h2o_socket_is_writing(c->sock)) {
        char date[CONDITIONAL_DATE_MAX];
        conditional_format_date((long long)time(NULL), date);
        char msg[320];
        int n = snprintf(msg, sizeof msg,
                         "HTTP/1.1 408 Request Timeout\r\nDate: %s\r\nServer: gazette\r\n"
                         "Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n"
                         "Content-Length: %zu\r\n\r\n%s", date, sizeof body - 1, body);
        if (n > 0 && (size_t)n < sizeof msg) {
            ssize_t sent = send(h2o_socket_get_fd(c->sock), msg, (size_t)n,
                                MSG_DONTWAIT | MSG_NOSIGNAL);
            if (sent == n) log_408(c, sizeof body - 1, waited_ms);
        }
    }
    shut_down(c);
}

static void reap_one(conn_list *l, conn_t *c, uint64_t now) {
    const conn_timeouts *t = &l->timeouts;
    if (c->closing) return;
    watch_writes(c, now);
    if (sending(l, c)) {
        /* the client does not read its answer */
        if (now - c->written_at >= t->send_ms) shut_down(c);
        return;
    }
    if (c->requests > 0) return;   /* out at the writer thread */
    if (is_http2(c)) {
        if (now - c->active_at >= t->idle_ms) shut_down(c);
        return;
    }
    const h2o_buffer_t *in = c->sock->input;
    if (in->size == 0) {
        /* nothing of a request: idle after an answer, or a new
        ** connection that has sent nothing yet */
        if (now - c->active_at >= (c->version ? t->idle_ms : t->header_ms)) shut_down(c);
        return;
    }
    if (c->body_at == 0) {
        if (conn_head_length(in->bytes, in->size, c->scanned) == 0) {
            c->scanned = in->size;
            if (c->head_at == 0) c->head_at = c->version ? now : c->active_at;
            if (now - c->head_at >= t->header_ms) time_out(c, now - c->head_at);
            return;
        }
        c->body_at = now;
    }
    if (now - c->body_at >= t->body_ms) time_out(c, now - c->body_at);
}

void conn_reap(conn_list *l, uint64_t now) {
    for (conn_t *c = l->head; c; c = c->next) reap_one(l, c, now);
}

static void on_reap(h2o_timeout_entry_t *entry) {
    conn_list *l = (conn_list *)((char *)entry - offsetof(conn_list, reap_entry));
    conn_reap(l, h2o_now(l->loop));
    h2o_timeout_link(l->loop, &l->reap_timeout, &l->reap_entry);
}

int conn_timeouts_set(conn_timeouts *t, int header_s, int body_s, int idle_s,
                      int send_s, err_t *err) {
    const char *name = header_s < 1 ? "header_timeout"
                       : body_s < 1 ? "body_timeout"
                       : idle_s < 1 ? "idle_timeout"
                       : send_s < 1 ? "send_timeout" : NULL;
    if (name) return err_set(err, "[server] %s must be at least 1 (seconds)", name);
    t->header_ms = (uint64_t)header_s * 1000;
    t->body_ms = (uint64_t)body_s * 1000;
    t->idle_ms = (uint64_t)idle_s * 1000;
    t->send_ms = (uint64_t)send_s * 1000;
    return 0;
}

/* ---- a worker's list --------------------------------------------------- */

void conn_list_init(conn_list *l, h2o_loop_t *loop, conn_budget *b,
                    const conn_timeouts *t, h2o_socket_t *listener,
                    h2o_socket_cb on_accept) {
    memset(l, 0, sizeof *l);
    l->loop = loop;
    l->budget = b;
    l->timeouts = *t;
    l->listener = listener;
    l->on_accept = on_accept;
    uint64_t shortest = t->header_ms;
    if (t->body_ms < shortest) shortest = t->body_ms;
    if (t->idle_ms < shortest) shortest = t->idle_ms;
    if (t->send_ms < shortest) shortest = t->send_ms;
    uint64_t period = shortest / 4;
    if (period < REAP_MIN_MS) period = REAP_MIN_MS;
    if (period > REAP_MAX_MS) period = REAP_MAX_MS;
    h2o_timeout_init(loop, &l->resume_timeout, RESUME_MS);
    l->resume_entry.cb = on_resume;
    h2o_timeout_init(loop, &l->reap_timeout, period);
    l->reap_entry.cb = on_reap;
    h2o_timeout_link(loop, &l->reap_timeout, &l->reap_entry);
}

void conn_list_stop(conn_list *l) {
    if (h2o_timeout_is_linked(&l->resume_entry)) h2o_timeout_unlink(&l->resume_entry);
    l->listener = NULL;
    l->paused = false;
}
