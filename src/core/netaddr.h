/*
** netaddr.h — the key under which a client's address is counted.
**
** The limits that count "per address" (connections open at once,
** limit.c; one comment per flood_seconds, comment.c) must count what one
** client controls.  For IPv4 that is one address.  For IPv6 it is not:
** the smallest block a provider hands a subscriber is a /64 (RFC 6177,
** RIPE-690), and a host picks any of its 2^64 addresses at will (privacy
** addresses, RFC 8981), so counting IPv6 by address lets one client walk
** around every limit.  So the key of an address is:
**
**   IPv4 a.b.c.d                 the address itself
**   IPv4-mapped ::ffff:a.b.c.d   the IPv4 address a.b.c.d (what a
**                                dual-stack socket reports for an IPv4
**                                client: the same client either way)
**   any other IPv6 address       its /64 prefix, the last 64 bits zero
**
** A key is 16 bytes (IPv4 in its mapped form), cheap to hash and compare,
** and has a canonical text ("192.0.2.7", "2001:db8:1:2::/64") for what
** is stored.  The two forms never collide: a /64 key's bytes 8..15 are
** zero, a mapped IPv4 key's bytes 10 and 11 are 0xff.
*/
#ifndef GAZETTE_NETADDR_H
#define GAZETTE_NETADDR_H

#include <stdbool.h>
#include <sys/socket.h>

/* Room for the longest key text and its NUL: an IPv6 prefix
** ("ffff:ffff:ffff:ffff::/64") or an IPv4 address. */
enum { NETADDR_KEY_TEXT = 64 };

typedef struct netaddr_key {
    unsigned char bytes[16];
} netaddr_key;

/* The key of the socket address sa (AF_INET or AF_INET6; the port is
** ignored) into *key.  false, with *key zeroed, for any other family. */
bool netaddr_key_of(const struct sockaddr *sa, netaddr_key *key);

/* The key of an address written as text, as inet_ntop writes it
** ("192.0.2.7", "2001:db8::1", "::ffff:192.0.2.7"; no brackets, no
** port, no zone) into *key.  false, with *key zeroed, when text is not
** such an address (NULL included). */
bool netaddr_key_parse(const char *text, netaddr_key *key);

/* The canonical text of key into out: the IPv4 address for an IPv4 key,
** else the prefix in RFC 5952 form followed by "/64". */
void netaddr_key_format(const netaddr_key *key, char out[NETADDR_KEY_TEXT]);

/* Whether two keys are the same. */
bool netaddr_key_equal(const netaddr_key *a, const netaddr_key *b);

#endif
