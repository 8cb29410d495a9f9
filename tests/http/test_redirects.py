"""The 301 that adds a trailing slash: the query goes along, byte for
byte, and the Location is never another host's (//host, /\\host)."""
import socket

from harness import Server, Site, fixture, gazette, stop_all

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
site = server = None


def setup_module():
    global site, server
    site = Site()
    gazette("import", "--site", site.dir, fixture("blinken.md"))
    server = Server(site)


def teardown_module():
    stop_all(server, site)


def raw_answer(target, method="GET"):
    """(status, Location or None) for a request line sent as it is, so
    that nothing on the client side rewrites the target."""
    s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    s.sendall(f"{method} {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
              .encode("latin-1"))
    reply = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        reply += chunk
    s.close()
    head = reply.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split(" ")[1])
    location = None
    for line in head[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "location":
            location = value.strip()
    return status, location


def test_query_string_is_kept():
    assert raw_answer(BLINKEN.rstrip("/") + "?x=1") == (301, BLINKEN + "?x=1")
    assert raw_answer("/section/middle-east?page=2&sort=new") == \
        (301, "/section/middle-east/?page=2&sort=new")
    # HEAD as GET
    assert raw_answer("/2024?utm_source=feed", "HEAD") == (301, "/2024/?utm_source=feed")


def test_encoded_query_kept_byte_for_byte():
    for query in ("q=%C3%A9t%C3%A9+%26+x%2Fy&utm_source=a%20b",
                  "q=%c3%a9%3d%3F%23",            # lower-case hex stays lower case
                  "a=%25&b=%2B+plus&c=%00",       # not decoded, not checked
                  "only-a-word", "a=1&a=2&&b=", "q=\xc3\xa9t\xc3\xa9"):  # raw UTF-8 too
        status, location = raw_answer(BLINKEN.rstrip("/") + "?" + query)
        assert status == 301 and location == BLINKEN + "?" + query, (query, location)
    # an encoded path keeps its encoding as well
    assert raw_answer("/tag/caf%C3%A9?x=%41") == (301, "/tag/caf%C3%A9/?x=%41")


def test_no_query_no_question_mark():
    assert raw_answer(BLINKEN.rstrip("/")) == (301, BLINKEN)
    assert raw_answer(BLINKEN.rstrip("/") + "?") == (301, BLINKEN)


def test_never_a_protocol_relative_location():
    for target in ("//evil.example", "//evil.example?x=1", "///evil.example",
                   "/\\evil.example", "//2024", "//section/middle-east",
                   "//evil.example/section/x", "/%2F%2Fevil.example"):
        status, location = raw_answer(target)
        assert location is None, (target, location)
        assert status in (400, 404), (target, status)


def test_only_reads_are_redirected():
    status, location = raw_answer(BLINKEN.rstrip("/") + "?x=1", "POST")
    assert status in (404, 405) and location is None
