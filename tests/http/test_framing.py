"""Request framing and smuggling (issue 8, point 3): each attack is sent
as exact bytes over a raw socket, and what comes back is read until the
server closes (or a short silence).  A request that must be refused gets
a 4xx or a closed connection, and never a second answer: the number of
"HTTP/1.x NNN" status lines is counted.  Good requests (one
Content-Length, pipelined GETs, the absolute form) are still answered.

The second half replays request cases of llhttp's test corpus
(tests/spec/llhttp/, see tests/spec/README.md): the cases llhttp refuses
must be refused here as above; the cases it accepts are answered, with
the status gazette's own documented rules predict (411 for a chunked
body, 400 for HTTP/1.1 without Host), never another refusal."""
import json
import os
import re
import socket
import time

from harness import ROOT, Server, Site, stop_all

SPEC = os.path.join(ROOT, "tests", "spec", "llhttp")
STATUS = re.compile(rb"HTTP/1\.[01] (\d{3}) ")
site = server = None


def setup_module():
    global site, server
    site = Site()
    server = Server(site)


def teardown_module():
    stop_all(server, site)


def exchange(data, quiet=1.0, limit=8.0, eof=False):
    """Send data at once; read until the server closes, nothing came for
    quiet seconds, or limit seconds passed.  With eof, a silence is
    followed by closing our sending side, and reading on: a request llhttp
    refuses half way (its head or body cut short) is one the server waits
    for, and must then close without an answer.  (bytes read, closed?)"""
    s = socket.create_connection(("127.0.0.1", server.port), timeout=quiet)
    out, closed, t0 = b"", False, time.time()
    try:
        s.sendall(data)
        while time.time() - t0 < limit:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                if not eof:
                    break
                s.shutdown(socket.SHUT_WR)
                eof = False
                continue
            except ConnectionResetError:
                closed = True
                break
            if not chunk:
                closed = True
                break
            out += chunk
    finally:
        s.close()
    return out, closed


def statuses(reply):
    """The status of each answer in reply, in order: answers are read one
    after another (status line, headers, Content-Length bytes of body), so
    a body that holds "HTTP/1.1 200" is not taken for an answer."""
    found = []
    while reply:
        m = STATUS.match(reply)
        assert m, f"not an answer: {reply[:200]!r}"
        found.append(int(m.group(1)))
        head, _, rest = reply.partition(b"\r\n\r\n")
        length = re.search(rb"\r\ncontent-length: *(\d+)", head, re.I)
        reply = rest[int(length.group(1)):] if length else b""
    return found


def assert_refused(data, status=None, what=""):
    """One 4xx answer (status, when given) and the connection closed, or no
    answer and closed: never a second answer."""
    reply, closed = exchange(data, eof=status is None)
    got = statuses(reply)
    assert len(got) <= 1, f"{what}: {len(got)} answers {got}:\n{reply[:600]!r}"
    assert closed, f"{what}: connection left open after {got}:\n{reply[:300]!r}"
    if got:
        assert 400 <= got[0] < 500, f"{what}: answered {got[0]}"
        if status is not None:
            assert got[0] == status, f"{what}: answered {got[0]}, not {status}"
    return reply


GOOD = b"GET / HTTP/1.1\r\nHost: x\r\n"
SMUGGLED = b"GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"


# ---- gazette's own cases: the attacks of issue 8 ---------------------------

def test_differing_content_lengths_are_refused_and_closed():
    for first, second in ((b"5", b"10"), (b"10", b"5")):
        body = b"helloworld"[: int(first)]
        assert_refused(b"POST /comments HTTP/1.1\r\nHost: x\r\nContent-Length: " + first +
                       b"\r\nContent-Length: " + second + b"\r\n\r\n" + body + SMUGGLED,
                       400, f"CL {first} then {second}")


def test_identical_content_lengths_are_refused_too():
    assert_refused(b"POST /comments HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                   b"content-length: 5\r\n\r\nhello" + SMUGGLED, 400, "CL 5 twice")


def test_length_with_chunked_is_refused_in_either_order():
    chunked = b"5\r\nhello\r\n0\r\n\r\n"
    for head in (b"Content-Length: 15\r\nTransfer-Encoding: chunked\r\n",
                 b"Transfer-Encoding: chunked\r\nContent-Length: 15\r\n"):
        assert_refused(b"POST /comments HTTP/1.1\r\nHost: x\r\n" + head + b"\r\n" +
                       chunked + SMUGGLED, 400, head.decode())
    # on a GET as well: the answer is not a page
    assert_refused(GOOD + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
               b"0\r\n\r\n" + SMUGGLED, 400, "GET with CL and TE")


def test_loose_chunk_sizes_are_never_read_as_a_body():
    """libh2o's decoder takes "2 erf" and "2;" as 2: every chunked body is
    refused (411), the connection closed, the bytes after it unread."""
    for size in (b"2 erf", b"2;", b"2"):
        assert_refused(b"POST /comments HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked"
                       b"\r\n\r\n" + size + b"\r\naa\r\n0\r\n\r\n" + SMUGGLED, 411,
                       size.decode())


def test_host_is_required_once_in_http11():
    assert_refused(b"GET / HTTP/1.1\r\nAccept: */*\r\n\r\n" + SMUGGLED, 400, "no Host")
    assert_refused(GOOD + b"Host: y\r\n\r\n" + SMUGGLED, 400, "two Hosts")
    assert_refused(b"GET / HTTP/1.0\r\nHost: x\r\nHost: y\r\n\r\n", 400, "two Hosts, 1.0")
    reply, _ = exchange(b"GET / HTTP/1.0\r\n\r\n")
    assert statuses(reply) == [200], reply[:200]


def test_bare_lf_hides_no_second_request():
    # picohttpparser ends this head at "\n\n": the rest was a second request
    assert_refused(b"GET / HTTP/1.1\nHost: x\n\nGET /hidden HTTP/1.1\r\nHost: x\r\n\r\n",
                   400, "LF-only head")
    assert_refused(GOOD + b"X-A: 1\nContent-Length: 0\r\n\r\n" + SMUGGLED, 400, "one bare LF")


def test_folded_header_lines_are_refused():
    assert_refused(GOOD + b"X-A: 1\r\n  continued\r\n\r\n" + SMUGGLED, 400, "SP fold")
    assert_refused(GOOD + b"X-A: 1\r\n\tContent-Length: 40\r\n\r\n" + SMUGGLED, 400, "HT fold")


def test_good_requests_still_work_and_keep_alive():
    reply, closed = exchange(GOOD + b"\r\n" + GOOD + b"\r\n" +
                             b"GET /feed/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert statuses(reply) == [200, 200, 200], reply[:300]
    assert closed
    # one Content-Length: the POST reaches its handler (a form refusal, not a parse one)
    body = b"article=1&comment=hi"
    reply, _ = exchange(b"POST /comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/"
                        b"x-www-form-urlencoded\r\nContent-Length: " + str(len(body)).encode() +
                        b"\r\n\r\n" + body + b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close"
                        b"\r\n\r\n")
    got = statuses(reply)
    assert len(got) == 2 and got[0] not in (400, 411) and got[1] == 200, got


def test_absolute_form_is_served_by_its_path_and_logs_no_userinfo():
    reply, _ = exchange(b"GET http://reader:hunter2@example.com/feed/?utm=x HTTP/1.1\r\n"
                        b"Host: x\r\nConnection: close\r\n\r\n")
    assert statuses(reply) == [200], reply[:300]
    assert b"<rss" in reply, "routed by its path: the feed"
    reply, _ = exchange(b"GET HTTP://example.com HTTP/1.1\r\nHost: x\r\nConnection: close"
                        b"\r\n\r\n")
    assert statuses(reply) == [200] and b"gazette demo" in reply, reply[:300]
    time.sleep(0.2)
    log = server.access_log()
    assert '"GET /feed/ HTTP/1.1" 200' in log, log[-500:]
    assert "hunter2" not in log and "reader" not in log and "utm" not in log, log[-500:]
    # still refused: other schemes, "*" and an empty authority
    for target in (b"ftp://example.com/", b"*", b"http:///feed/", b"http://u:p@/feed/"):
        reply, _ = exchange(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        assert statuses(reply) == [400], (target, reply[:200])
    assert "u:p" not in server.access_log()


def test_more_than_100_header_lines_get_libh2os_400():
    """The truth docs/operators-guide.md tells: libh2o refuses the 101st
    header line itself (a plain 400, connection closed); 100 pass."""
    lines = b"".join(b"X-%d: a\r\n" % i for i in range(98))   # with Host and
    reply, _ = exchange(GOOD + lines + b"Connection: close\r\n\r\n")  # Connection: 100
    assert statuses(reply) == [200], reply[:200]
    reply = assert_refused(GOOD + lines + b"X-98: a\r\nConnection: close\r\n\r\n", 400,
                           "101 lines")
    assert reply.endswith(b"\r\n\r\nBad Request"), reply[-200:]


# ---- llhttp's request corpus -----------------------------------------------

CASE = re.compile(r"<!-- meta=(\{.*?\}) -->\s*```http\n(.*?)```\s*```log\n(.*?)```", re.S)


def llhttp_input(text):
    """The bytes llhttp's test runner (test/md-test.ts) makes of an http
    block: one trailing newline dropped, escaped newlines removed, every
    newline CRLF, then the escapes \\r \\n \\t \\f \\xHH and octal."""
    text = text[:-1] if text.endswith("\n") else text
    text = re.sub(r"\\(\r\n|\r|\n)", "", text)
    text = re.sub(r"\r\n|\r|\n", "\r\n", text)
    text = text.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t")
    text = text.replace("\\f", "\f")
    text = re.sub(r"\\x([0-9a-fA-F]+)", lambda m: chr(int(m.group(1), 16)), text)
    text = re.sub(r"\\([0-7]{1,3})", lambda m: chr(int(m.group(1), 8)), text)
    return text.encode("latin-1")


def llhttp_cases():
    """(file, title, bytes, refused by llhttp?) for each request case."""
    cases = []
    for name in sorted(os.listdir(SPEC)):
        if not name.endswith(".md"):
            continue
        text = open(os.path.join(SPEC, name), encoding="utf-8").read()
        for m in CASE.finditer(text):
            meta = json.loads(m.group(1))
            assert meta["type"] == "request", (name, meta)
            title = re.findall(r"^#+ (.*)$", text[: m.start()], re.M)[-1]
            log = m.group(3).strip().splitlines()
            cases.append((name, title, llhttp_input(m.group(2)), " error " in log[-1]))
    return cases


def predicted(data):
    """The status gazette's documented rules give a request llhttp accepts."""
    head = data.split(b"\r\n\r\n", 1)[0].lower()
    if b"\r\ntransfer-encoding:" in head:
        return 411
    if head.split(b"\r\n", 1)[0].endswith(b"http/1.1") and b"\r\nhost:" not in head:
        return 400
    return None


def test_llhttp_corpus_is_all_there():
    cases = llhttp_cases()
    refused = sum(1 for c in cases if c[3])
    assert (len(cases), refused) == (34, 29), (len(cases), refused)


def test_llhttp_refused_cases_get_4xx_or_close_never_a_second_answer():
    failures = []
    for name, title, data, refused in llhttp_cases():
        if not refused:
            continue
        try:
            assert_refused(data, what=f"{name}: {title}")
        except AssertionError as e:
            failures.append(str(e))
    assert not failures, "\n".join(failures)


def test_llhttp_accepted_cases_are_answered():
    failures = []
    for name, title, data, refused in llhttp_cases():
        if refused:
            continue
        reply, _ = exchange(data)
        got = statuses(reply)
        want = predicted(data)
        ok = len(got) == 1 and (got[0] == want if want else got[0] not in (400, 411, 431))
        if not ok:
            failures.append(f"{name}: {title}: {got}, predicted {want or 'not a refusal'}")
    assert not failures, "\n".join(failures)
