/*
** conn.h — the connections a worker holds open: how many the server may
** hold, which to close when it runs short, and when a slow or idle one
** is closed.
**
** Design.  Descriptors are finite (systemd's default soft limit is 1024)
** and every connection holds one.  A server that accepts until accept(2)
** fails with EMFILE spins: epoll is level-triggered, the listener stays
** readable, and every worker retries at once, at full CPU, while readers
** time out (issue 8).  So:
**   - at start the soft RLIMIT_NOFILE is raised to the hard one, and the
**     total of connections (every worker's, one atomic counter: a
**     conn_budget) is kept below it, leaving what the server itself
**     needs (conn_budget_init);
**   - at that total, the worker that is woken for a new connection closes
**     its own oldest idle connection (no request in progress) to make
**     room, as nginx does when it runs short; when none of its own is
**     idle, it stops polling the listener and looks again after 100 ms or
**     as soon as one of its connections closes; EMFILE and ENFILE from
**     accept(2) pause it the same way.  One line is logged when the limit
**     is reached, not one a connection (and one when the total is a tenth
**     below it again); descriptors running out below the limit are said
**     at most once a minute.
** A worker closes only its own connections: a socket belongs to the loop
** that made it, and is touched by that loop's thread only.
**
** Each worker keeps its connections in a conn_list, least recently
** active first: a connection moves to the end when it is accepted and
** when each of its requests ends.  A connection knows how many of its
** requests are in progress: from the handler's call (conn_request_begin)
** until h2o disposes of the request, which is after the last byte of its
** answer was written or when the client went away (conn_request_end,
** from a hook in the request's pool).  A POST waiting for the writer
** thread is in progress all that time.
**
** Closing.  gazette never h2o_socket_close()s a socket h2o has accepted:
** h2o owns it, with its buffers and timers.  It shuts the descriptor down
** (shutdown(2), both ways); h2o's next read on it finds the end of the
** stream and closes the connection through its own path.
**
** Timeouts ([server] header_timeout, body_timeout, idle_timeout).  h2o
** 2.2.5 has one HTTP/1 deadline (idle time, head and body together) that
** closes without an answer, and an HTTP/2 idle timer that every frame,
** a PING included, re-arms.  A reaper, a timer on each worker's loop,
** walks the list instead (conn_reap).  For a connection with no request
** in progress:
**   - HTTP/1, nothing of a request received: closed quietly after
**     idle_timeout since its last answer (a new connection: after
**     header_timeout since it was accepted);
**   - HTTP/1, part of a head received: the head must be complete within
**     header_timeout of its first byte (of the accept, on a new
**     connection); then the body within body_timeout of the head's end.
**     Otherwise the client gets "408 Request Timeout" with "Connection:
**     close" and the connection is shut down.
**   - HTTP/2: closed quietly after idle_timeout with no request in
**     progress, whatever frames keep it busy (h2o itself sends GOAWAY
**     after idle_timeout of silence).  A stream whose request has not
**     reached the handler is invisible to gazette, so HTTP/2 gets no 408.
** A request in progress is not cut while its handler or the writer owns
** it.  But an answer is not finished until the client has read it: a
** client that stops reading (an HTTP/1 answer larger than the socket's
** buffers, or an HTTP/2 flow-control window of 0, which h2o honours
** without a limit) would hold its connection, and its slot, for good,
** and enough of them would leave no slot for a reader.  So a connection
** whose answer is waiting for the client (a request in progress that is
** not out at the writer thread, or h2o's write in flight) is shut down
** when nothing of it has been written for send_timeout; and at the limit
** such a connection, stalled for a second, is closed for a new one when
** none is idle.  The deadlines are kept to the reaper's period (a quarter
** of the shortest timeout, between 0.1 and 1 s).
**
** Why writing the 408 ourselves is safe: only HTTP/1 without TLS, only
** when no request of the connection is in progress (its handler has not
** been called, so h2o has no answer to send) and h2o_socket_is_writing()
** is false (no bytes of h2o's own, a 100 Continue or an error, are
** pending on the socket).  h2o keeps no unsent bytes of a socket outside
** that state, so the 408 cannot interleave with an answer of h2o's; it
** is one non-blocking send(2) of ~150 bytes (if the kernel will not take
** it whole, the client gets no 408, only the close); shutdown(2) follows
** at once, so nothing h2o might write afterwards can reach the client.
** The connection is marked closing: a request whose last bytes were read
** in between is answered 408 by on_req without being routed (a comment
** must not be saved for a client that was told 408).
*/
#ifndef GAZETTE_CONN_H
#define GAZETTE_CONN_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <h2o.h>

#include "err.h"

/* The total of open connections over every worker.  The atomics are
** shared by every worker thread; max is set once, before the workers
** start, and only read afterwards. */
typedef struct conn_budget {
    atomic_int open;           /* connections holding a slot */
    int max;
    atomic_bool at_limit;      /* an episode at the limit is on (logged) */
    atomic_long evicted;       /* idle connections closed to make room */
    atomic_long pauses;        /* times a worker stopped accepting */
    atomic_long short_count;   /* EMFILE/ENFILE from accept(2), not yet said */
    atomic_llong short_reported;   /* when last said: monotonic s; 0 never */
} conn_budget;

/* The timeouts, in milliseconds. */
typedef struct conn_timeouts {
    uint64_t header_ms, body_ms, idle_ms, send_ms;
} conn_timeouts;

/* One open connection, in its worker's list.  Embedded in the state a
** socket's on_close.data points at (http.c's connection). */
typedef struct conn {
    h2o_socket_t *sock;        /* NULL once h2o closed it */
    struct conn *prev, *next;
    uint64_t active_at;        /* loop ms: accepted, or its last request ended */
    uint64_t head_at, body_at; /* loop ms: a head's first byte, its end, seen
                               ** by the reaper; 0 while not seen */
    size_t scanned;            /* bytes of the head searched for its end */
    size_t written;            /* sock->bytes_written, as the reaper last saw it */
    uint64_t written_at;       /* loop ms: when that last changed; 0: unknown */
    int requests;              /* in progress */
    int version;               /* h2o's, of its last request; 0 before one */
    bool counted;              /* holds a slot of the budget */
    bool closing;              /* shut down by gazette; h2o will close it */
} conn_t;

/* A worker's connections, least recently active first, with its side of
** accepting: the listener, the pause, the reaper.  Used by the worker's
** own thread only. */
typedef struct conn_list {
    conn_t *head, *tail;
    size_t count;
    h2o_loop_t *loop;
    conn_budget *budget;
    conn_timeouts timeouts;
    h2o_socket_t *listener;    /* NULL once stopped */
    h2o_socket_cb on_accept;
    bool paused;               /* the listener is not polled */
    h2o_timeout_t resume_timeout;
    h2o_timeout_entry_t resume_entry;
    h2o_timeout_t reap_timeout;
    h2o_timeout_entry_t reap_entry;
    /* How many of c's requests are out at another thread (the writer):
    ** those wait for the server, not for the client.  Set by the owner
    ** after conn_list_init; NULL: none ever are. */
    unsigned (*elsewhere)(const conn_t *c);
} conn_list;

/* What conn_accept decided for a socket it accepted: whether it took a
** free slot, or the slot of an idle connection to be closed for it. */
typedef struct conn_ticket {
    bool slot;
    conn_t *victim;
} conn_ticket;

/* Raise the soft descriptor limit to the hard one and set b->max from
** requested (0: as many as the descriptors allow), kept below the limit
** by what the server needs for itself with nworkers workers; both are
** logged, and a clamp says so.  -1 with a message when the limit leaves
** no room for connections. */
int conn_budget_init(conn_budget *b, int requested, int nworkers, err_t *err);

/* The timeouts of the [server] settings, given in seconds.  -1 with a
** message when one is below a second. */
int conn_timeouts_set(conn_timeouts *t, int header_s, int body_s, int idle_s,
                      int send_s, err_t *err);

/* The most connections fd_limit descriptors allow beside the server's
** own with nworkers workers (< 1: none). */
int conn_max_for(long long fd_limit, int nworkers);

/* Set up l on loop, polling listener with on_accept (already started),
** and start its reaper.  The timeouts are at least 1 ms each. */
void conn_list_init(conn_list *l, h2o_loop_t *loop, conn_budget *b,
                    const conn_timeouts *t, h2o_socket_t *listener,
                    h2o_socket_cb on_accept);

/* Before the listener is closed: forget it and stop the resume timer.
** The reaper goes on through the stop's grace period, closing what
** times out meanwhile. */
void conn_list_stop(conn_list *l);

/* From on_accept: accept a connection when there is room, or make room
** by choosing an idle connection to close (see the design), or pause.
** Returns the new socket, its slot decided in *t, or NULL (nothing to
** accept, or paused).  The caller then calls conn_admit or conn_refuse
** before anything else runs on the loop. */
h2o_socket_t *conn_accept(conn_list *l, conn_ticket *t);

/* The accepted sock joins l as c, taking t's slot (its victim is closed
** now).  c must be zeroed. */
void conn_admit(conn_list *l, conn_ticket *t, conn_t *c, h2o_socket_t *sock);

/* The accepted socket will not be kept: t's slot goes back, its victim
** stays.  The caller closes the socket (it is not h2o's yet). */
void conn_refuse(conn_list *l, conn_ticket *t);

/* h2o closed c's socket: c leaves l and gives back its slot; a paused
** listener is polled again.  c itself is the caller's to free, once
** c->requests is 0 too. */
void conn_remove(conn_list *l, conn_t *c);

/* A request of c reached the handler; version is h2o's (0x101, 0x200). */
void conn_request_begin(conn_t *c, int version);

/* A request of c ended (h2o disposed of it): c is active now and moves
** to the end of l, unless h2o already closed it. */
void conn_request_end(conn_list *l, conn_t *c);

/* The least recently active connection of l with no request in
** progress and no write of h2o's in flight, that gazette is not closing
** already, or NULL. */
conn_t *conn_oldest_idle(const conn_list *l);

/* The least recently active connection of l whose answer has waited for
** its client, with nothing written, for a second or more at loop time
** now (see the design), that gazette is not closing already, or NULL. */
conn_t *conn_oldest_stalled(const conn_list *l, uint64_t now);

/* Apply the timeouts to every connection of l at loop time now (see the
** design).  Run by the reaper's timer; exposed for tests. */
void conn_reap(conn_list *l, uint64_t now);

/* The length of a request head in bytes (through its blank line), or 0
** when the head in p[0..len) is not complete yet; from searches from
** there on (what an earlier call searched already, so a dribbled head
** costs its length once).  A bare LF ends a line, as h2o's parser has it. */
size_t conn_head_length(const char *p, size_t len, size_t from);

#endif
