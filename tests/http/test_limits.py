"""[server] max_connections_per_address: one client cannot hold more
connections open at once; the rest are closed before a byte is read.  A
client is an IPv4 address or an IPv6 /64 (netaddr.h), and so it is for the
comment flood rule.

What loopback lets us replay end to end: an IPv6 client on [::1] is
limited and its comments are keyed by its /64; on a dual-stack socket,
IPv4 clients arrive as IPv4-mapped IPv6 addresses (::ffff:127.0.0.x), all
in one /64, and must still count one by one.  Two addresses of one /64
sharing a limit cannot be replayed here (loopback has ::1 only): that is
tests/unit/test_netaddr.c's (the key and limit.c) and test_store.c's
(the flood rule's question)."""
import os
import socket
import sqlite3
import time

from comments import EMAIL, post
from harness import Server, Site, fixture, gazette, stop_all

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"


def open_conn(port, host="127.0.0.1", source=None):
    s = socket.create_connection((host, port), timeout=5,
                                 source_address=(source, 0) if source else None)
    return s


def answers(s):
    """Does the server answer a request on this connection?"""
    try:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        data = s.recv(100)
        return data.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def test_connections_per_address():
    site = Site()
    try:
        site.ini_set("server", "max_connections_per_address", "3")
        server = Server(site)
        try:
            time.sleep(0.3)   # the harness's probe connection is closed by now
            held = [open_conn(server.port) for _ in range(3)]
            ok = [answers(s) for s in held]
            assert ok == [True, True, True], f"three connections are allowed: {ok}"
            extra = open_conn(server.port)
            assert not answers(extra), "a fourth from the same address is closed"
            extra.close()
            held.pop().close()
            time.sleep(0.2)   # the server sees the close
            again = open_conn(server.port)
            assert answers(again), "after one closes, a new one is accepted"
            for s in held + [again]:
                s.close()
        finally:
            server.stop()
    finally:
        site.close()


def limited_site(limit):
    site = Site()
    gazette("import", "--site", site.dir, fixture("blinken.md"))
    site.ini_set("server", "max_connections_per_address", str(limit))
    site.ini_set("comments", "min_submit_seconds", "0")
    site.ini_set("comments", "hold_unknown_authors", "false")
    site.ini_set("comments", "flood_seconds", "60")
    return site


def comment_keys(site):
    db = sqlite3.connect(os.path.join(site.dir, "gazette.db"))
    try:
        return db.execute("SELECT ip, ip_key FROM comments ORDER BY id").fetchall()
    finally:
        db.close()


def flood_checked(server, site, ip, key):
    """A first comment is taken and stored under key; a second from the
    same client within flood_seconds is refused."""
    v = {"comment": "First from here", "author": "A", "email": EMAIL, "url": ""}
    status, _, _ = post(server, BLINKEN, **v)
    assert status == 303, status
    assert comment_keys(site)[-1] == (ip, key), comment_keys(site)
    v["comment"] = "Second, too soon"
    status, _, body = post(server, BLINKEN, **v)
    assert status == 429 and b"Second, too soon" in body, status


def test_ipv6_client_on_loopback():
    site = limited_site(3)
    server = None
    try:
        server = Server(site, host="::1")
        time.sleep(0.3)   # the harness's probe connection is closed by now
        held = [open_conn(server.port, "::1") for _ in range(3)]
        assert [answers(s) for s in held] == [True] * 3
        extra = open_conn(server.port, "::1")
        assert not answers(extra), "a fourth from the same /64 is closed"
        extra.close()
        for s in held:
            s.close()
        time.sleep(0.2)
        flood_checked(server, site, "::1", "::/64")
    finally:
        stop_all(server, site)


def test_dual_stack_ipv4_clients_count_one_by_one():
    site = limited_site(2)
    server = None
    try:
        # an IPv6 socket on the IPv4-mapped loopback address: IPv4 clients
        # arrive as ::ffff:127.0.0.x, which all share one /64
        server = Server(site, host="::ffff:127.0.0.1")
        time.sleep(0.3)
        held = [open_conn(server.port, "127.0.0.1", "127.0.0.1") for _ in range(2)]
        assert [answers(s) for s in held] == [True, True]
        extra = open_conn(server.port, "127.0.0.1", "127.0.0.1")
        assert not answers(extra), "a third from 127.0.0.1 is closed"
        extra.close()
        other = open_conn(server.port, "127.0.0.1", "127.0.0.2")
        assert answers(other), "127.0.0.2 is another client, not the same /64"
        for s in held + [other]:
            s.close()
        time.sleep(0.2)
        flood_checked(server, site, "::ffff:127.0.0.1", "127.0.0.1")
    finally:
        stop_all(server, site)
