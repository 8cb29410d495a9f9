/*
** netaddr.c — the key of a client's address; see netaddr.h.
**
** Everything goes through one normal form, 16 bytes: an IPv4 address in
** its IPv4-mapped IPv6 form (::ffff:a.b.c.d), an IPv6 address as it is.
** normalise() then zeroes the interface half of every IPv6 address that
** is not IPv4-mapped.  Text goes in and out through inet_pton and
** inet_ntop, which write RFC 5952's canonical form.
*/
#include "netaddr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

/* The IPv4-mapped prefix, ::ffff:0:0/96. */
static const unsigned char MAPPED[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static bool is_mapped(const unsigned char b[16]) {
    return memcmp(b, MAPPED, sizeof MAPPED) == 0;
}

/* The key of the 16-byte normal form b: mapped IPv4 kept whole, any
** other IPv6 address cut to its /64. */
static void normalise(const unsigned char b[16], netaddr_key *key) {
    memcpy(key->bytes, b, 16);
    if (!is_mapped(b)) memset(key->bytes + 8, 0, 8);
}

/* The normal form of a 4-byte IPv4 address. */
static void from_ipv4(const void *in_addr, netaddr_key *key) {
    memcpy(key->bytes, MAPPED, sizeof MAPPED);
    memcpy(key->bytes + 12, in_addr, 4);
}

bool netaddr_key_of(const struct sockaddr *sa, netaddr_key *key) {
    memset(key, 0, sizeof *key);
    if (sa == NULL) return false;
    if (sa->sa_family == AF_INET) {
        struct sockaddr_in v4;
        memcpy(&v4, sa, sizeof v4);    /* sa may be a sockaddr_storage's start */
        from_ipv4(&v4.sin_addr, key);
        return true;
    }
    if (sa->sa_family == AF_INET6) {
        struct sockaddr_in6 v6;
        memcpy(&v6, sa, sizeof v6);
        normalise(v6.sin6_addr.s6_addr, key);
        return true;
    }
    return false;
}

bool netaddr_key_parse(const char *text, netaddr_key *key) {
    struct in_addr v4;
    struct in6_addr v6;
    memset(key, 0, sizeof *key);
    if (text == NULL) return false;
    if (inet_pton(AF_INET, text, &v4) == 1) {
        from_ipv4(&v4, key);
        return true;
    }
    if (inet_pton(AF_INET6, text, &v6) == 1) {
        normalise(v6.s6_addr, key);
        return true;
    }
    return false;
}

void netaddr_key_format(const netaddr_key *key, char out[NETADDR_KEY_TEXT]) {
    out[0] = '\0';
    if (is_mapped(key->bytes)) {
        inet_ntop(AF_INET, key->bytes + 12, out, NETADDR_KEY_TEXT);
        return;
    }
    char prefix[INET6_ADDRSTRLEN];
    if (inet_ntop(AF_INET6, key->bytes, prefix, sizeof prefix) != NULL)
        snprintf(out, NETADDR_KEY_TEXT, "%s/64", prefix);
}

bool netaddr_key_equal(const netaddr_key *a, const netaddr_key *b) {
    return memcmp(a->bytes, b->bytes, sizeof a->bytes) == 0;
}
