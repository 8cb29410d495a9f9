/*
** test_netaddr.c — unit tests for netaddr.c (the key under which a
** client's address is counted) and for limit.c, which counts connections
** under that key: IPv4 by address, IPv6 by /64, IPv4-mapped IPv6 as its
** IPv4 address.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "limit.h"
#include "netaddr.h"

/* The key text of an address given as text; "" when it does not parse. */
static const char *key_text(const char *addr, char out[NETADDR_KEY_TEXT]) {
    netaddr_key k;
    if (!netaddr_key_parse(addr, &k)) {
        out[0] = '\0';
        return out;
    }
    netaddr_key_format(&k, out);
    return out;
}

static void key_is(const char *addr, const char *want) {
    char got[NETADDR_KEY_TEXT];
    key_text(addr, got);
    if (strcmp(got, want) != 0)
        fail_msg("key of \"%s\" = \"%s\", want \"%s\"", addr, got, want);
}

/* A socket address for text (IPv4 or IPv6) and port. */
static struct sockaddr_storage sockaddr_of(const char *text, unsigned short port) {
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, text, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
    } else if (inet_pton(AF_INET6, text, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
    } else {
        fail_msg("not an address: %s", text);
    }
    return ss;
}

static void ipv4_is_its_own_key(void **state) {
    (void)state;
    key_is("192.0.2.7", "192.0.2.7");
    key_is("127.0.0.1", "127.0.0.1");
    key_is("0.0.0.0", "0.0.0.0");
    key_is("255.255.255.255", "255.255.255.255");
}

static void ipv6_counts_by_its_64(void **state) {
    (void)state;
    key_is("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64");
    key_is("2001:db8:1:2::1", "2001:db8:1:2::/64");
    key_is("2001:0DB8:0001:0002:0:0:0:FFFF", "2001:db8:1:2::/64");
    key_is("2001:db8:1:3::1", "2001:db8:1:3::/64");
    key_is("::1", "::/64");
    key_is("fe80::1", "fe80::/64");
    key_is("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff::/64");
}

static void ipv4_mapped_is_the_ipv4_address(void **state) {
    (void)state;
    key_is("::ffff:192.0.2.7", "192.0.2.7");
    key_is("::FFFF:c000:0207", "192.0.2.7");
    key_is("::ffff:127.0.0.1", "127.0.0.1");
    /* mapped addresses stay whole: two IPv4 clients are two keys */
    key_is("::ffff:192.0.2.8", "192.0.2.8");
}

static void not_an_address(void **state) {
    (void)state;
    netaddr_key k;
    const char *bad[] = {"", "-", "localhost", "192.0.2", "192.0.2.7:80",
                         "[2001:db8::1]", "2001:db8::1%eth0", "2001:db8::/64",
                         "1.2.3.4.5", "::1::2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&k, 0xAA, sizeof k);
        if (netaddr_key_parse(bad[i], &k)) fail_msg("\"%s\" parsed", bad[i]);
        netaddr_key zero = {{0}};
        assert_true(netaddr_key_equal(&k, &zero));
    }
    assert_false(netaddr_key_parse(NULL, &k));
}

static void socket_addresses_key_as_their_text(void **state) {
    (void)state;
    const char *addrs[] = {"192.0.2.7", "2001:db8:1:2:3:4:5:6", "::ffff:10.1.2.3", "::1"};
    for (size_t i = 0; i < sizeof addrs / sizeof addrs[0]; i++) {
        struct sockaddr_storage ss = sockaddr_of(addrs[i], (unsigned short)(1000 + i));
        netaddr_key from_socket, from_text;
        assert_true(netaddr_key_of((struct sockaddr *)&ss, &from_socket));
        assert_true(netaddr_key_parse(addrs[i], &from_text));
        assert_true(netaddr_key_equal(&from_socket, &from_text));
    }
    /* an IPv4 socket and an IPv4-mapped IPv6 socket: one client */
    struct sockaddr_storage v4 = sockaddr_of("198.51.100.9", 1);
    struct sockaddr_storage mapped = sockaddr_of("::ffff:198.51.100.9", 2);
    netaddr_key a, b;
    assert_true(netaddr_key_of((struct sockaddr *)&v4, &a));
    assert_true(netaddr_key_of((struct sockaddr *)&mapped, &b));
    assert_true(netaddr_key_equal(&a, &b));
    /* a family without an address */
    struct sockaddr unix_sa = {.sa_family = AF_UNIX};
    assert_false(netaddr_key_of(&unix_sa, &a));
    assert_false(netaddr_key_of(NULL, &a));
}

static void keys_never_collide_across_families(void **state) {
    (void)state;
    /* ::/64 (all zero) against 0.0.0.0; a prefix ending in ffff against
    ** a mapped address */
    netaddr_key a, b;
    assert_true(netaddr_key_parse("::1", &a));
    assert_true(netaddr_key_parse("0.0.0.0", &b));
    assert_false(netaddr_key_equal(&a, &b));
    assert_true(netaddr_key_parse("0:0:0:ffff::1", &a));
    assert_true(netaddr_key_parse("0.0.0.1", &b));
    assert_false(netaddr_key_equal(&a, &b));
    char text[NETADDR_KEY_TEXT];
    netaddr_key_format(&a, text);
    assert_string_equal(text, "0:0:0:ffff::/64");
}

/* ---- limit.c: connections per key ------------------------------------ */

static bool acquire(limit_table *t, const char *addr, unsigned short port) {
    struct sockaddr_storage ss = sockaddr_of(addr, port);
    return limit_acquire(t, (struct sockaddr *)&ss);
}

static void release(limit_table *t, const char *addr, unsigned short port) {
    struct sockaddr_storage ss = sockaddr_of(addr, port);
    limit_release(t, (struct sockaddr *)&ss);
}

static void limit_shares_one_64(void **state) {
    (void)state;
    limit_table *t = limit_new(2);
    assert_true(acquire(t, "2001:db8:1:2::1", 1));
    assert_true(acquire(t, "2001:db8:1:2:ffff::99", 2));
    /* a third address of the same /64: over the limit */
    assert_false(acquire(t, "2001:db8:1:2:1234:5678:9abc:def0", 3));
    /* the next /64 is another client */
    assert_true(acquire(t, "2001:db8:1:3::1", 4));
    /* one of the /64's connections closes (from another of its addresses
    ** than the one that comes next): room for one more */
    release(t, "2001:db8:1:2::1", 1);
    assert_true(acquire(t, "2001:db8:1:2::abcd", 5));
    assert_false(acquire(t, "2001:db8:1:2::abce", 6));
    limit_free(t);
}

static void limit_counts_ipv4_by_address(void **state) {
    (void)state;
    limit_table *t = limit_new(1);
    assert_true(acquire(t, "192.0.2.1", 1));
    assert_false(acquire(t, "192.0.2.1", 2));
    /* the neighbour is another client */
    assert_true(acquire(t, "192.0.2.2", 3));
    /* the same IPv4 client through a dual-stack socket */
    assert_false(acquire(t, "::ffff:192.0.2.1", 4));
    release(t, "::ffff:192.0.2.1", 1);
    assert_true(acquire(t, "192.0.2.1", 5));
    limit_free(t);
}

static void limit_zero_is_no_limit(void **state) {
    (void)state;
    limit_table *t = limit_new(0);
    for (unsigned short i = 0; i < 100; i++) assert_true(acquire(t, "2001:db8::1", i));
    limit_free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ipv4_is_its_own_key),
        cmocka_unit_test(ipv6_counts_by_its_64),
        cmocka_unit_test(ipv4_mapped_is_the_ipv4_address),
        cmocka_unit_test(not_an_address),
        cmocka_unit_test(socket_addresses_key_as_their_text),
        cmocka_unit_test(keys_never_collide_across_families),
        cmocka_unit_test(limit_shares_one_64),
        cmocka_unit_test(limit_counts_ipv4_by_address),
        cmocka_unit_test(limit_zero_is_no_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
