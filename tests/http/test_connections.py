"""Connections: descriptor exhaustion and timeouts (issue 8, points 2 and 7).

Replays, on loopback, what a client can do to the server's connections:
  - more connections than the server's descriptors allow, from nine
    addresses (127.0.0.2-10), held idle: the server must not spin on
    EMFILE (its CPU time is read from /proc), must close its oldest idle
    connection so that a new reader is served at once, and must log the
    limit once;
  - the same with every connection busy (HTTP/2 streams whose answers
    cannot be sent: the client's flow-control window is 0): the server
    stays idle, and a reader waiting to be accepted is served, a stalled
    connection closed for it, without any client letting go;
  - a head or body dribbled byte by byte (408), an idle keep-alive and a
    silent new connection (closed quietly), an HTTP/2 connection kept
    awake by PINGs (closed), an answer its client never reads (closed
    after send_timeout), while ordinary requests are unaffected;
  - the soft descriptor limit is raised to the hard one at start, a
    max_connections above what descriptors allow is lowered, and serving
    as root is warned about.
Every wait is bounded; the figures each test measured are printed.
"""
import os
import re
import socket
import subprocess
import time

import harness
from harness import Server, Site, stop_all

# A reader and the flood come from different loopback addresses, as real
# clients would; the whole of 127/8 is loopback on Linux.
FLOOD_ADDRESSES = [f"127.0.0.{i}" for i in range(2, 11)]
READER_ADDRESS = "127.0.0.11"


# ---- helpers -------------------------------------------------------------

def cpu_seconds(pid):
    """User plus system CPU time of process pid so far, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_share(pid, seconds):
    """The share of one core process pid used over the next seconds."""
    before, t0 = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    return (cpu_seconds(pid) - before) / (time.monotonic() - t0)


def connect(port, source, timeout=5):
    return socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                    source_address=(source, 0))


def is_closed(s):
    """Has the server closed s?  (EOF or a reset now; open if no data yet.)"""
    s.setblocking(False)
    try:
        return s.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        s.setblocking(True)


def read_until_closed(s, limit):
    """(bytes, seconds) until the server closes s, or until limit seconds
    pass (then seconds is None)."""
    t0 = time.monotonic()
    data = b""
    s.settimeout(0.05)
    while time.monotonic() - t0 < limit:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            continue
        except ConnectionResetError:
            return data, time.monotonic() - t0
        if not chunk:
            return data, time.monotonic() - t0
        data += chunk
    return data, None


def get(s, path="/"):
    """One keep-alive GET on s; the status code."""
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(65536)
        assert chunk, "closed before the answer"
        head += chunk
    status = int(head.split(b" ", 2)[1])
    top, rest = head.split(b"\r\n\r\n", 1)
    m = re.search(rb"(?i)\r\ncontent-length: *(\d+)", top)
    need = int(m.group(1)) if m else 0
    while len(rest) < need:
        chunk = s.recv(65536)
        assert chunk, "closed in the body"
        rest += chunk
    return status


def limit_from_log(server):
    """The connection limit the server logged at start, or None."""
    m = re.search(r"at most (\d+) connections at once", server.stderr())
    return int(m.group(1)) if m else None


def wait_for(cond, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


# HTTP/2 with prior knowledge, the few frames these tests need.
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


def frame(kind, flags, stream, payload=b""):
    return (len(payload).to_bytes(3, "big") + bytes([kind, flags]) +
            stream.to_bytes(4, "big") + payload)


SETTINGS_NO_WINDOW = frame(4, 0, 0, (4).to_bytes(2, "big") + (0).to_bytes(4, "big"))
SETTINGS_ACK = frame(4, 1, 0)
# GET / on stream 1: :method GET, :scheme http, :path / (static table
# entries 2, 6, 4), :authority "x" (literal, indexed name 1); END_STREAM
# and END_HEADERS.
GET_ROOT = frame(1, 0x5, 1, bytes([0x82, 0x86, 0x84, 0x41, 1]) + b"x")


def recv_exact(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        assert chunk, "closed"
        data += chunk
    return data


def h2_wait_for_headers(s):
    """Read frames until the answer's HEADERS on stream 1 arrives."""
    while True:
        head = recv_exact(s, 9)
        length, kind = int.from_bytes(head[:3], "big"), head[3]
        recv_exact(s, length)
        if kind == 1 and int.from_bytes(head[5:9], "big") & 0x7fffffff == 1:
            return


def busy_h2(port, source):
    """An HTTP/2 connection whose GET / is in progress for good: its
    flow-control window is 0, so the answer's body can never be sent."""
    s = connect(port, source)
    s.sendall(PREFACE + SETTINGS_NO_WINDOW + SETTINGS_ACK + GET_ROOT)
    return s


def flood_site(**server_settings):
    site = Site()
    site.ini_set("server", "max_connections_per_address", "0")
    for key, value in server_settings.items():
        site.ini_set("server", key, value)
    return site


# ---- descriptor exhaustion -------------------------------------------------

def test_idle_flood_over_the_descriptor_limit():
    """300 idle connections from nine addresses against a server with 200
    descriptors: no EMFILE spin, the oldest idle connection makes room for
    a new reader, and the limit is logged once."""
    site = flood_site()
    server = None
    held = []
    try:
        server = Server(site, nofile=(200, 200))
        assert wait_for(lambda: " at http://" in server.stderr(), 10), server.stderr()
        for i in range(300):
            held.append(connect(server.port, FLOOD_ADDRESSES[i % len(FLOOD_ADDRESSES)]))
        time.sleep(0.5)                       # the server takes in the flood
        share = cpu_share(server.proc.pid, 2.0)
        print(f"    idle flood: 300 connections, "
              f"server CPU {share * 100:.1f} % of a core over 2 s")
        t0 = time.monotonic()
        try:
            reader = connect(server.port, READER_ADDRESS, timeout=1)
            status = get(reader)
            reader.close()
        except OSError as e:
            status = e
        waited = time.monotonic() - t0
        print(f"    a new reader's GET /: {status} in {waited * 1000:.0f} ms")
        assert share < 0.10, f"the server spins at the limit: {share * 100:.0f} % of a core"
        assert status == 200 and waited < 1.0, (status, waited)
        err = server.stderr()
        limit = limit_from_log(server)
        assert "descriptor limit: 200" in err, err
        assert "max_connections 4096 is more than 200 descriptors allow" in err, err
        assert limit is not None and limit < 200, err
        # each worker closes its own oldest idle connections (which
        # worker holds which is the kernel's choice): at least all those
        # over the limit were closed, and the newest is still open
        closed = sum(is_closed(s) for s in held)
        print(f"    closed to make room: {closed} of 300 (limit {limit})")
        assert closed >= 300 - limit, closed
        assert not is_closed(held[-1]), "the newest connection is still open"
        assert err.count("at the connection limit") == 1, err
    finally:
        for s in held:
            s.close()
        if server is not None:
            server.stop()
        site.close()


def test_busy_flood_stalled_connections_make_room():
    """Every connection busy (HTTP/2 answers stuck behind a zero window),
    held by clients that never let go: the server does not spin, and a
    reader waiting to be accepted is served, a stalled connection closed
    for it (before, the server stopped accepting for good: a stalled
    answer counted as a request in progress, never idle, never timed
    out)."""
    site = flood_site(send_timeout="60")   # the limit, not the timeout, acts
    server = None
    busy = []
    try:
        server = Server(site, nofile=(200, 200))
        assert wait_for(lambda: " at http://" in server.stderr(), 10), server.stderr()
        # a server that logs no limit (the one before the fix) gets 200
        # busy connections, more than its 200 descriptors hold beside its
        # own; it fails below, at the CPU or the log
        limit = limit_from_log(server) or 200
        for i in range(limit):
            busy.append(busy_h2(server.port, FLOOD_ADDRESSES[i % len(FLOOD_ADDRESSES)]))
        for s in busy:
            try:
                h2_wait_for_headers(s)        # its request is in progress
            except OSError:
                break                         # not accepted: out of descriptors
        # more busy clients than the limit: they wait in the listen queue
        for i in range(20):
            busy.append(busy_h2(server.port, FLOOD_ADDRESSES[i % len(FLOOD_ADDRESSES)]))
        time.sleep(0.5)
        share = cpu_share(server.proc.pid, 2.0)
        print(f"    busy flood: {limit} busy + 20 waiting, "
              f"server CPU {share * 100:.1f} % of a core over 2 s")
        assert share < 0.10, f"the server spins at the limit: {share * 100:.0f} % of a core"
        assert limit_from_log(server) is not None, server.stderr()
        assert server.stderr().count("at the connection limit") == 1, server.stderr()
        t0 = time.monotonic()
        reader = connect(server.port, READER_ADDRESS, timeout=5)
        reader.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        reader.settimeout(3)
        head = reader.recv(100)
        waited = time.monotonic() - t0
        print(f"    a new reader's answer after {waited * 1000:.0f} ms, every slot stalled")
        assert head.startswith(b"HTTP/1.1 200"), head
        assert waited < 1.5, waited
        reader.close()
        closed = sum(is_closed(s) for s in busy[:limit])
        print(f"    stalled connections closed to make room: {closed}")
        assert 1 <= closed < limit, closed
    finally:
        for s in busy:
            s.close()
        if server is not None:
            server.stop()
        site.close()


def test_soft_descriptor_limit_raised():
    """Soft 200, hard 1024: the server raises its soft limit to 1024 and
    says so, and keeps max_connections below it."""
    site = Site()
    server = None
    try:
        server = Server(site, nofile=(200, 1024))
        err = server.stderr()
        assert "descriptor limit raised from 200 to 1024" in err, err
        limit = limit_from_log(server)
        assert 200 < limit < 1024, limit
        with open(f"/proc/{server.proc.pid}/limits") as f:
            line = next(l for l in f if l.startswith("Max open files"))
        assert line.split()[3:5] == ["1024", "1024"], line
    finally:
        if server is not None:
            server.stop()
        site.close()


def test_oldest_idle_by_last_activity_makes_room():
    """At max_connections, the idle connection closed is the one whose last
    request (or accept) is oldest; busy ones are never chosen."""
    site = flood_site(max_connections="4", threads="1")
    server = None
    held = []
    try:
        server = Server(site)
        time.sleep(0.2)                       # the harness's probe has closed
        held = [connect(server.port, FLOOD_ADDRESSES[i]) for i in range(4)]
        time.sleep(0.1)
        assert get(held[0]) == 200            # held[0] is now the most recent
        newcomer = connect(server.port, READER_ADDRESS)
        assert get(newcomer) == 200, "the fifth connection is served"
        assert wait_for(lambda: is_closed(held[1]), 1.0), \
            "the least recently active idle connection (held[1]) was closed"
        assert not is_closed(held[0]) and not is_closed(held[2]) and not is_closed(held[3])
        assert get(held[0]) == 200
        newcomer.close()
    finally:
        for s in held:
            s.close()
        if server is not None:
            server.stop()
        site.close()


# ---- timeouts --------------------------------------------------------------

def timeout_site():
    site = Site()
    site.ini_set("server", "header_timeout", "1")
    site.ini_set("server", "body_timeout", "1")
    site.ini_set("server", "idle_timeout", "2")
    site.ini_set("server", "send_timeout", "2")
    return site


SITE = SERVER = None


def setup_module():
    global SITE, SERVER
    SITE = timeout_site()
    SERVER = Server(SITE)


def teardown_module():
    stop_all(SERVER, SITE)


def dribble(s, data, every, limit):
    """Send data a byte at a time, every seconds, until the server answers
    or closes, or limit seconds pass; (what it sent back, seconds)."""
    t0 = time.monotonic()
    s.settimeout(every)
    got = b""
    for i in range(len(data)):
        if time.monotonic() - t0 > limit:
            break
        try:
            s.send(data[i:i + 1])
        except OSError:
            break
        try:
            chunk = s.recv(65536)
            got += chunk
            if not chunk or got:
                break
        except socket.timeout:
            pass
        except ConnectionResetError:
            break
    rest, _ = read_until_closed(s, 1.0)
    return got + rest, time.monotonic() - t0


def test_dribbled_head_gets_408():
    s = connect(SERVER.port, "127.0.0.1")
    head = b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100 + b"\r\n\r\n"
    got, took = dribble(s, head, 0.1, 4)
    print(f"    dribbled head: {got[:30]!r} after {took:.2f} s")
    assert got.startswith(b"HTTP/1.1 408 Request Timeout\r\n"), got
    assert b"\r\nConnection: close\r\n" in got, got
    assert 0.9 < took < 2.0, took
    s.close()


def test_dribbled_head_on_kept_alive_connection_gets_408():
    s = connect(SERVER.port, "127.0.0.1")
    assert get(s) == 200
    got, took = dribble(s, b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n" + b"X: y\r\n" * 30,
                        0.1, 4)
    print(f"    dribbled second head: {got[:30]!r} after {took:.2f} s")
    assert got.startswith(b"HTTP/1.1 408 "), got
    assert 0.9 < took < 2.2, took
    s.close()


def test_slow_body_gets_408():
    s = connect(SERVER.port, "127.0.0.1")
    s.sendall(b"POST /comments HTTP/1.1\r\nHost: x\r\n"
              b"Content-Type: application/x-www-form-urlencoded\r\n"
              b"Content-Length: 200\r\n\r\n")
    got, took = dribble(s, b"comment=" + b"a" * 192, 0.1, 4)
    print(f"    slow body: {got[:30]!r} after {took:.2f} s")
    assert got.startswith(b"HTTP/1.1 408 "), got
    assert 0.9 < took < 2.2, took
    s.close()


def test_idle_keep_alive_closed_quietly():
    s = connect(SERVER.port, "127.0.0.1")
    assert get(s) == 200
    got, took = read_until_closed(s, 4)
    print(f"    idle keep-alive closed after {took} s, sent {got!r}")
    assert took is not None and 1.9 < took < 3.2, took
    assert got == b"", "closed quietly, with no 408"
    s.close()


def test_silent_new_connection_closed_quietly():
    s = connect(SERVER.port, "127.0.0.1")
    got, took = read_until_closed(s, 4)
    print(f"    silent connection closed after {took} s")
    assert took is not None and 0.9 < took < 2.2, took
    assert got == b""
    s.close()


def test_http2_kept_awake_by_pings_is_closed():
    """PINGs re-arm h2o's own idle timer; idle_timeout still holds."""
    s = connect(SERVER.port, "127.0.0.1")
    s.sendall(PREFACE + frame(4, 0, 0) + SETTINGS_ACK)
    t0 = time.monotonic()
    closed = None
    s.settimeout(0.05)
    while time.monotonic() - t0 < 5:
        try:
            s.sendall(frame(6, 0, 0, b"12345678"))
        except OSError:
            closed = time.monotonic() - t0
            break
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:
            try:
                if s.recv(65536) == b"":
                    closed = time.monotonic() - t0
                    break
            except socket.timeout:
                pass
            except OSError:
                closed = time.monotonic() - t0
                break
        if closed is not None:
            break
    print(f"    HTTP/2 with a PING every 0.3 s closed after {closed} s")
    assert closed is not None and 1.9 < closed < 3.5, closed
    s.close()


def test_answer_never_read_is_closed_after_send_timeout():
    """An HTTP/2 client that holds its window at 0: its GET's answer can
    never be sent, and the connection is closed after send_timeout (2 s)
    instead of being held for good."""
    s = busy_h2(SERVER.port, READER_ADDRESS)
    try:
        h2_wait_for_headers(s)             # the request is in progress
        t0 = time.monotonic()
        s.settimeout(6)
        try:
            while s.recv(4096):
                pass
        except OSError:
            pass
        waited = time.monotonic() - t0
        print(f"    an answer never read: closed after {waited:.2f} s")
        assert 1.9 <= waited < 4.0, waited
    finally:
        s.close()


def test_ordinary_requests_unaffected():
    """Requests spaced below the idle timeout keep one connection for
    longer than every timeout together; a POST sent at once is routed."""
    s = connect(SERVER.port, "127.0.0.1")
    t0 = time.monotonic()
    statuses = []
    while time.monotonic() - t0 < 3.5:
        statuses.append(get(s, "/robots.txt"))
        time.sleep(1.2)
    assert statuses and all(code == 200 for code in statuses), statuses
    body = b"comment=hello"
    s.sendall(b"POST /comments HTTP/1.1\r\nHost: x\r\n"
              b"Content-Type: application/x-www-form-urlencoded\r\n"
              b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    s.settimeout(5)
    answer = s.recv(100)
    assert answer.startswith(b"HTTP/1.1 ") and b" 408 " not in answer[:13], answer
    s.close()


def test_timeouts_must_be_positive():
    site = Site()
    try:
        with open(os.path.join(site.dir, "gazette.ini")) as f:
            assert "\nbody_timeout = 30\n" in f.read(), "the template has the setting"
        site.ini_set("server", "body_timeout", "0")
        p = subprocess.run([harness.BINARY, "serve", "--site", site.dir, "--listen",
                            f"127.0.0.1:{harness.free_port()}"],
                           capture_output=True, text=True, env=harness.ENV, timeout=10)
        assert p.returncode == 1, p
        assert "body_timeout must be at least 1" in p.stderr, p.stderr
    finally:
        site.close()


# ---- running as root -------------------------------------------------------

def test_root_warning():
    err = SERVER.stderr()
    warned = "warning: running as root" in err
    assert warned == (os.geteuid() == 0), err
