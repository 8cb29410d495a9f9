"""The HTTP/1.1 status line: every status the server sends carries its
own reason phrase (RFC 9110), read byte for byte off the socket: a 409
once went out as "409 OK"."""
import os
import shutil
import socket
import urllib.parse

from comments import EMAIL, form_fields
from harness import ROOT, Server, Site, fixture, gazette

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
site = server = flood_site = flood_server = None


def setup_module():
    global site, server, flood_site, flood_server
    site = Site()
    gazette("import", "--site", site.dir, fixture("blinken.md"))
    for k, v in {"min_submit_seconds": "0", "flood_seconds": "0",
                 "hold_unknown_authors": "false"}.items():
        site.ini_set("comments", k, v)
    server = Server(site)
    # a second site: posting twice is too fast (429), and its front page
    # cannot be rendered (a partial that includes itself: 500)
    flood_site = Site()
    gazette("import", "--site", flood_site.dir, fixture("blinken.md"))
    for k, v in {"min_submit_seconds": "0", "flood_seconds": "3600",
                 "hold_unknown_authors": "false"}.items():
        flood_site.ini_set("comments", k, v)
    theme = os.path.join(flood_site.tmp, "theme")
    shutil.copytree(os.path.join(ROOT, "themes", "default"), theme)
    with open(os.path.join(theme, "front.mustache"), "w") as f:
        f.write("{{<layout}}{{$content}}{{>endless}}{{/content}}{{/layout}}\n")
    with open(os.path.join(theme, "endless.mustache"), "w") as f:
        f.write("{{>endless}}\n")
    flood_site.ini_set("theme", "theme_dir", theme)
    flood_server = Server(flood_site)


def teardown_module():
    try:
        server.stop()
        flood_server.stop()
    finally:
        site.close()
        flood_site.close()


def status_line(srv, method, path, headers=None, body=b""):
    """The first line of the answer, as sent, without its CRLF."""
    head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    head += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if body:
        head.append(f"Content-Length: {len(body)}")
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    s.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)
    reply = b""
    while b"\r\n" not in reply:
        chunk = s.recv(4096)
        if not chunk:
            break
        reply += chunk
    s.close()
    return reply.split(b"\r\n", 1)[0].decode("latin-1")


def comment_body(srv, **values):
    """A comment form for BLINKEN as its page gives it, values applied."""
    fields = form_fields(srv.get(BLINKEN)[2])
    fields.update({"comment": "Status lines matter.", "author": "Ann Reader",
                   "email": EMAIL, "url": ""})
    fields.update(values)
    return urllib.parse.urlencode({k: v for k, v in fields.items() if v is not None}).encode()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_reads():
    assert status_line(server, "GET", "/") == "HTTP/1.1 200 OK"
    assert status_line(server, "HEAD", BLINKEN) == "HTTP/1.1 200 OK"
    assert status_line(server, "GET", BLINKEN.rstrip("/")) == "HTTP/1.1 301 Moved Permanently"
    etag = server.get("/theme/style.css")[1]["etag"]
    assert status_line(server, "GET", "/theme/style.css",
                       {"If-None-Match": etag}) == "HTTP/1.1 304 Not Modified"
    assert status_line(server, "GET", "/search?q=%00") == "HTTP/1.1 400 Bad Request"
    assert status_line(server, "GET", "/nothing-here/") == "HTTP/1.1 404 Not Found"
    assert status_line(server, "POST", "/", FORM, b"a=b") == "HTTP/1.1 405 Method Not Allowed"
    assert (status_line(server, "GET", "/", {"X-Big": "a" * 20000}) ==
            "HTTP/1.1 431 Request Header Fields Too Large")


def test_comment_answers():
    assert status_line(server, "POST", "/comments", FORM,
                       comment_body(server, comment="Said once, said twice.")) == \
        "HTTP/1.1 303 See Other"
    assert status_line(server, "POST", "/comments", FORM,
                       comment_body(server, comment="Said once, said twice.")) == \
        "HTTP/1.1 409 Conflict"
    assert status_line(server, "POST", "/comments", FORM,
                       comment_body(server, token=None)) == "HTTP/1.1 403 Forbidden"
    assert status_line(server, "POST", "/comments", FORM,
                       comment_body(server, email="not-an-email")) == \
        "HTTP/1.1 422 Unprocessable Content"
    assert status_line(server, "POST", "/comments", FORM, b"%zz") == "HTTP/1.1 400 Bad Request"
    assert status_line(server, "POST", "/comments", FORM,
                       comment_body(server, article="999")) == "HTTP/1.1 404 Not Found"


def test_too_many_requests_and_server_error():
    assert status_line(flood_server, "POST", "/comments", FORM,
                       comment_body(flood_server, comment="First.")) == "HTTP/1.1 303 See Other"
    assert status_line(flood_server, "POST", "/comments", FORM,
                       comment_body(flood_server, comment="Second, at once.")) == \
        "HTTP/1.1 429 Too Many Requests"
    assert status_line(flood_server, "GET", "/") == "HTTP/1.1 500 Internal Server Error"


def test_body_too_large_is_answered_by_h2o_with_its_own_phrase():
    # libh2o refuses the body before gazette sees the request; its phrase
    # is RFC 7231's name for 413
    head = {"Content-Length": "2097152", **FORM}
    line = status_line(server, "POST", "/comments", head)
    assert line in ("HTTP/1.1 413 Request Entity Too Large",
                    "HTTP/1.1 413 Content Too Large"), line
