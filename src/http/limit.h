/*
** limit.h — how many connections one address may hold open at once.
**
** One table for the whole server (every worker accepts into it), keyed by
** the peer's address as netaddr.h keys it: an IPv4 address, an IPv6 /64
** (one subscriber's block), an IPv4-mapped IPv6 address as its IPv4.  A connection over the limit is closed at once,
** before it can cost a request's worth of work: one client (or one
** scraper) cannot take every connection of a busy news site.
*/
#ifndef GAZETTE_LIMIT_H
#define GAZETTE_LIMIT_H

#include <stdbool.h>
#include <sys/socket.h>

typedef struct limit_table limit_table;

/* A table allowing at most max connections an address (0: no limit). */
limit_table *limit_new(int max);
void limit_free(limit_table *t);

/* Count one more connection from sa; false (and nothing counted) when
** the key of that address is at the limit.  An address of another family
** than IPv4 and IPv6 is not counted (true).  Thread-safe. */
bool limit_acquire(limit_table *t, const struct sockaddr *sa);

/* The connection from sa that limit_acquire counted has closed. */
void limit_release(limit_table *t, const struct sockaddr *sa);

#endif
