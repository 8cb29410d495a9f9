/*
** guard.h — what one connection may cost the server: its writes waiting
** for the writer thread, and how fast it may waste them.
**
** HTTP/2 lets one connection start many requests and cancel them at once
** (RST_STREAM): CVE-2023-44487, "rapid reset", which Debian's libh2o
** 2.2.5 does not limit.  A cancelled stream no longer counts against
** h2o's own caps, but the work it started (a write job) goes on, so the
** count that matters is the server's own: the connection's writes not yet
** back from the writer, cancelled ones included, until they come back.
** Counting the client's RST_STREAM frames would not be enough: a client
** can make the server reset the streams itself (a WINDOW_UPDATE of 0,
** MadeYouReset, CVE-2025-8671), so a guard counts requests that ended
** unanswered, whoever ended them.
**
** A guard belongs to one connection and is used on its event loop's
** thread only.  It outlives the connection while writes of the
** connection are still out: the connection's close (guard_close) and the
** return of its last write (guard_write_end), whichever comes last, free
** it.  Its descriptor is used only before guard_close: after that it may
** already be another connection's.
*/
#ifndef GAZETTE_GUARD_H
#define GAZETTE_GUARD_H

#include <stdbool.h>
#include <stdint.h>

typedef struct guard guard_t;

/* A guard for the connection on descriptor fd. */
guard_t *guard_new(int fd);

/* A write of this connection is about to go to the writer: true, and
** counted, when fewer than max (at least 1) of its writes are out; false,
** and nothing counted, when max are. */
bool guard_write_begin(guard_t *g, unsigned max);

/* A write counted by guard_write_begin came back (answered or dropped).
** May free g (see guard_close). */
void guard_write_end(guard_t *g);

/* Writes of this connection out now. */
unsigned guard_writes(const guard_t *g);

/* Count one strike against the connection: a request of its that ended
** with its work unanswered (reset by the client or by the server), or a
** write refused because the connection had its share out already.  now_ms is a monotonic clock
** in milliseconds; strikes are counted per second of it (now_ms / 1000),
** so a burst across the turn of a second may reach twice the rate before
** it is caught.  True when this strike makes more than max_per_second in
** the current second (max_per_second 0: never). */
bool guard_strike(guard_t *g, uint64_t now_ms, unsigned max_per_second);

/* Shut the connection down in both directions (shutdown(2), not close:
** the descriptor stays h2o's, which sees end of file, closes the
** connection and so disposes its requests).  Once; nothing after
** guard_close.  Returns whether this call shut it. */
bool guard_shutdown(guard_t *g);

/* Whether guard_shutdown shut the connection. */
bool guard_is_shut(const guard_t *g);

/* The connection has closed.  g is freed now when none of its writes is
** out, else when the last comes back; either way the caller forgets it. */
void guard_close(guard_t *g);

#endif
