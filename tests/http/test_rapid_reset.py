"""HTTP/2 rapid reset (CVE-2023-44487) and the write queue (issue 8, point 1).

The attack, replayed with tests/tools/h2flood.py from 127.0.0.2: one h2c
connection after another opens POST /comments streams, each with a form
body, and resets every one at once (or, MadeYouReset, makes the server
reset it with a WINDOW_UPDATE of 0), as fast as Python can write them.
Before the fix every such post was queued whole for the writer thread and
run even after its stream was gone: in 3 s the server grew from 8 MB to
2.6 GB and a reader's comment waited 12 s.  While the attack runs:
  - a reader at 127.0.0.3 posts comments over HTTP/1.1; each must be
    answered 303 within READER_MAX_SECONDS;
  - the server must close the attacking connections itself, and still
    serve when the attack is over.
Resident size (VmRSS) is checked on the release build (./gazette, built
by `make http`; GAZETTE_RELEASE names another), against the issue's
bound: under ASan the quarantine of freed memory (256 MB by default)
alone passes it, whatever the server keeps.  Measured here: the fixed
server peaks at about 10 MB released, about 400 MB under ASan (27 MB with
ASan's quarantine off).

The busy path: with the writer held (a transaction on the store from
this test holds SQLite's write lock, so the writer waits in its commit)
and a queue of one, a second post is answered 503 with Retry-After and
the reader's text in the form; over HTTP/2, one connection's posts past
max_writes_per_connection are refused the same way.  With the writer
held, a post whose stream is reset while it waits is never written.

With http.c as it was before the fix (one unbounded queue), the reader's
comment took 12 s (the test fails at its 1 s, or at the client's
10 s timeout), no attacking connection was closed, the release server
passed 100 MB within the first second, and no post got 503.
"""
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import http.client

import harness
from comments import form_fields
from harness import Server, Site, fixture, gazette, stop_all

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))
import h2flood  # noqa: E402

FLOOD = os.path.join(os.path.dirname(HERE), "tools", "h2flood.py")
RELEASE = os.environ.get("GAZETTE_RELEASE", os.path.join(harness.ROOT, "gazette"))
BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ATTACKER, READER = "127.0.0.2", "127.0.0.3"
ATTACK_SECONDS = 6.0
READER_MAX_SECONDS = 1.0   # the bound for a reader's comment
RSS_MAX_MB = 100           # the bound, on the release build
FIRST_CLOSE_SECONDS = 1.0  # the first attacking connection is closed by then
RUNAWAY_MB = 1500          # past this the attack is stopped: failed already
QUEUE_SECONDS = 1.0        # for a post sent to be read and queued by the server

site = server = None


def make_site(**server_settings):
    s = Site()
    gazette("import", "--site", s.dir, fixture("blinken.md"), fixture("aleppo.md"))
    for k, v in {"min_submit_seconds": "0", "flood_seconds": "0",
                 "hold_unknown_authors": "false"}.items():
        s.ini_set("comments", k, v)
    for k, v in server_settings.items():
        s.ini_set("server", k, v)
    return s


def setup_module():
    global site, server
    site = make_site()
    server = Server(site)


def teardown_module():
    stop_all(server, site)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


class Attack:
    """h2flood.py in its own process (so that its writing does not slow
    this one's reader), with the server's resident size sampled every
    20 ms meanwhile."""

    def __init__(self, srv, seconds, variant="rst"):
        self.pid = srv.proc.pid
        self.baseline = self.peak = rss_mb(self.pid)
        self.runaway = False
        self.proc = subprocess.Popen(
            [sys.executable, FLOOD, "--port", str(srv.port), "--source", ATTACKER,
             "--seconds", str(seconds), "--variant", variant,
             "--body", "article=1&comment=flood&author=x&email=x%40example.org"],
            stdout=subprocess.PIPE, text=True)
        self.sampler = threading.Thread(target=self._sample, daemon=True)
        self.sampler.start()

    def _sample(self):
        while self.proc.poll() is None:
            try:
                self.peak = max(self.peak, rss_mb(self.pid))
            except (OSError, AssertionError):
                return
            if self.peak > RUNAWAY_MB:
                self.runaway = True
                self.proc.kill()
                return
            time.sleep(0.02)

    def result(self):
        out, _ = self.proc.communicate(timeout=60)
        self.sampler.join(timeout=5)
        assert not self.runaway, f"resident size passed {RUNAWAY_MB} MB: attack stopped"
        assert self.proc.returncode == 0, "h2flood.py failed"
        return json.loads(out)


def reader_comment(srv, n):
    """A reader at READER: the article's form, then a comment posted with
    it over HTTP/1.1; (status, seconds the POST took), the status the
    error's name when there was no answer within 10 s."""
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10,
                                   source_address=(READER, 0))
    t0 = time.monotonic()
    try:
        c.request("GET", BLINKEN)
        fields = form_fields(c.getresponse().read())
        fields.update(comment=f"Reader's comment {n} at {time.time():.6f}",
                      author="Ann Reader", email="ann@example.org", url="")
        t0 = time.monotonic()
        c.request("POST", "/comments", body=urllib.parse.urlencode(fields).encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
        r = c.getresponse()
        r.read()
        return r.status, time.monotonic() - t0
    except OSError as e:
        return type(e).__name__, time.monotonic() - t0
    finally:
        c.close()


def readers_during(srv, attack, first_after=1.0, gap=0.25):
    """Readers' comments one after another while the attack runs (the
    first once it is under way); [(status, seconds)]."""
    time.sleep(first_after)
    answers, n = [], 0
    while attack.proc.poll() is None:
        answers.append(reader_comment(srv, n))
        n += 1
        time.sleep(gap)
    return answers


def check_survived(srv, result, answers):
    assert result["streams"] > 10000, f"the attack hardly ran: {result}"
    assert len(answers) >= 3, f"too few readers' comments during the attack: {answers}"
    slow = [(s, round(t, 3)) for s, t in answers if s != 303 or t > READER_MAX_SECONDS]
    assert not slow, (f"readers' comments not answered 303 within {READER_MAX_SECONDS} s: "
                      f"{slow} of {len(answers)}")
    first_close = result["first_close_s"]
    assert first_close is not None and first_close < FIRST_CLOSE_SECONDS, \
        f"the server did not close the attacking connection within {FIRST_CLOSE_SECONDS} s: {result}"
    assert srv.proc.poll() is None, f"the server died:\n{srv.stderr()[-3000:]}"
    assert srv.get("/")[0] == 200
    assert reader_comment(srv, "after")[0] == 303
    assert "max_resets_per_second" in srv.stderr(), "the closes are not logged"


def test_rapid_reset_reader_is_served():
    attack = Attack(server, ATTACK_SECONDS)
    answers = readers_during(server, attack)
    result = attack.result()
    print(f"     asan: {result['streams_per_s']:.0f} streams/s sent, "
          f"{result['connections']} connections, {result['closed_by_server']} closed by "
          f"the server (the first after {result['first_close_s']} s); rss {attack.baseline:.0f} -> peak "
          f"{attack.peak:.0f} MB; reader's POST max "
          f"{max(t for _, t in answers) * 1000:.0f} ms over {len(answers)}")
    check_survived(server, result, answers)


def test_made_you_reset_reader_is_served():
    """The server resets the streams itself (WINDOW_UPDATE of 0): the
    same limits hold, since what is counted is the server's unanswered
    work, not the client's RST_STREAM frames."""
    attack = Attack(server, ATTACK_SECONDS / 2, variant="window0")
    answers = readers_during(server, attack, first_after=0.5)
    result = attack.result()
    print(f"     asan, MadeYouReset: {result['streams_per_s']:.0f} streams/s, "
          f"closed {result['closed_by_server']}, rst from the server "
          f"{result['rst_received']}; reader's POST max "
          f"{max(t for _, t in answers) * 1000:.0f} ms over {len(answers)}")
    check_survived(server, result, answers)


def release_server(s):
    """gazette serve on the release build (harness.Server runs BINARY)."""
    sources = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(harness.ROOT, "src"))
               for f in fs]
    assert os.path.exists(RELEASE), f"{RELEASE} is missing: make gazette (make http does)"
    newest = max(os.path.getmtime(p) for p in sources)
    assert os.path.getmtime(RELEASE) >= newest or "GAZETTE_RELEASE" in os.environ, \
        f"{RELEASE} is older than src/: make gazette"
    saved = harness.BINARY
    harness.BINARY = RELEASE
    try:
        return Server(s)
    finally:
        harness.BINARY = saved


def test_rapid_reset_resident_size_release_build():
    s = make_site()
    srv = None
    try:
        srv = release_server(s)
        reader_comment(srv, "warm")        # every page and statement used once
        attack = Attack(srv, ATTACK_SECONDS)
        answers = readers_during(srv, attack)
        result = attack.result()
        print(f"     release: {result['streams_per_s']:.0f} streams/s sent; rss "
              f"{attack.baseline:.0f} -> peak {attack.peak:.0f} MB; reader's POST max "
              f"{max(t for _, t in answers) * 1000:.0f} ms over {len(answers)}")
        assert attack.peak < RSS_MAX_MB, \
            f"resident size {attack.peak:.0f} MB under attack (bound {RSS_MAX_MB} MB)"
        check_survived(srv, result, answers)
    finally:
        stop_all(srv, s)


class HeldWriter:
    """SQLite's write lock on the site's store, taken by this process: the
    server's writer thread then waits in its next commit (its busy timeout
    is 10 s), so the jobs behind it stay queued."""

    def __init__(self, s):
        self.db = sqlite3.connect(os.path.join(s.dir, "gazette.db"), timeout=5,
                                  isolation_level=None)
        self.db.execute("BEGIN IMMEDIATE")

    def release(self):
        if self.db is not None:
            self.db.execute("ROLLBACK")
            self.db.close()
            self.db = None


def filled_form(srv, text):
    fields = form_fields(srv.get(BLINKEN)[2])
    fields.update(comment=text, author="Zoë Reader", email="zoe@example.org",
                  url="https://zoe.example.net/")
    return urllib.parse.urlencode(fields)


def wait_for(predicate, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_full_queue_503_keeps_the_text():
    s = make_site(max_queued_writes="1")
    srv = held = None
    try:
        srv = Server(s)
        first = filled_form(srv, "The first comment, which the writer holds.")
        typed = "Zoë’s second comment: <kept> & “quoted”, every word."
        second = filled_form(srv, typed)
        held = HeldWriter(s)
        out = {}

        def post_first():
            out["first"] = srv.request("POST", "/comments", body=first.encode(), headers={
                "Content-Type": "application/x-www-form-urlencoded"})
        t = threading.Thread(target=post_first)
        t.start()
        # the writer has the first job (and waits for the lock) once the
        # loop has read it: nothing shows that, so give it QUEUE_SECONDS
        time.sleep(QUEUE_SECONDS)
        status, h, body = srv.request("POST", "/comments", body=second.encode(), headers={
            "Content-Type": "application/x-www-form-urlencoded"})
        assert status == 503, status
        assert h.get("retry-after") == "5", h
        assert "no-store" in h.get("cache-control", ""), h
        f = form_fields(body)
        assert f["comment"] == "Zoë’s second comment: &lt;kept&gt; &amp; “quoted”, every word."
        assert f["author"] == "Zoë Reader" and f["email"] == "zoe@example.org"
        assert f["url"] == "https://zoe.example.net/"
        assert "too busy" in body.decode()
        assert "first" not in out, "the first post was answered while the writer was held"
        held.release()
        t.join(timeout=15)
        assert out["first"][0] == 303, out["first"][:2]
        page = srv.get(BLINKEN)[2].decode()
        assert "The first comment, which the writer holds." in page
        assert "second comment" not in page.split('<form action="/comments"')[0], \
            "the refused comment was saved"
    finally:
        if held:
            held.release()
        stop_all(srv, s)


def test_one_connection_over_its_share_503():
    """Over HTTP/2, three posts at once on one connection with
    max_writes_per_connection = 2 and the writer held: two are queued, the
    third is refused 503 at once (the access log shows it before any
    other), and the two are answered when the writer is let go."""
    s = make_site(max_writes_per_connection="2", max_queued_writes="16")
    srv = held = conn = None
    try:
        srv = Server(s)
        bodies = [filled_form(srv, f"Posted on one connection, number {i}.").encode()
                  for i in range(3)]
        since = len(srv.access_log())
        held = HeldWriter(s)
        conn = h2flood.Connection("127.0.0.1", srv.port, READER, timeout=1.0)
        frames = b""
        for i, body in enumerate(bodies):
            block = h2flood.request_block(f"127.0.0.1:{srv.port}", "/comments", len(body))
            frames += h2flood.stream_frames(1 + 2 * i, block, body, "none")
        conn.send(frames)
        line = re.compile(r'"POST /comments HTTP/2\.0" (\d{3}) ')

        def statuses():
            return line.findall(srv.access_log()[since:])
        assert wait_for(lambda: len(statuses()) >= 1), "no answer to the third post"
        time.sleep(0.3)
        assert statuses() == ["503"], statuses()
        held.release()
        assert wait_for(lambda: len(statuses()) == 3), statuses()
        assert statuses() == ["503", "303", "303"], statuses()
        assert not conn.closed.is_set(), "one refusal must not close the connection"
    finally:
        if conn:
            conn.close()
        if held:
            held.release()
        stop_all(srv, s)


def test_reset_post_is_dropped_before_it_runs():
    """A post whose stream is reset while it waits for the writer is never
    run: with the writer held by a first post, a second (over HTTP/2) is
    reset at once and a third follows it; once the writer is let go, the
    first and the third are saved and the reset one is not."""
    s = make_site()
    srv = held = conn = None
    try:
        srv = Server(s)
        texts = ["Held first, saved when let go.", "Reset while waiting: never saved.",
                 "Posted after the reset one, saved."]
        bodies = [filled_form(srv, t) for t in texts]
        held = HeldWriter(s)
        out = {}

        def post_first():
            out["first"] = srv.request("POST", "/comments", body=bodies[0].encode(), headers={
                "Content-Type": "application/x-www-form-urlencoded"})
        t = threading.Thread(target=post_first)
        t.start()
        time.sleep(QUEUE_SECONDS)   # the writer has the first, and waits for the lock
        conn = h2flood.Connection("127.0.0.1", srv.port, READER, timeout=1.0)
        authority = f"127.0.0.1:{srv.port}"
        frames = b""
        for stream, body, variant in ((1, bodies[1], "rst"), (3, bodies[2], "none")):
            body = body.encode()
            block = h2flood.request_block(authority, "/comments", len(body))
            frames += h2flood.stream_frames(stream, block, body, variant)
        conn.send(frames)
        time.sleep(QUEUE_SECONDS)   # both queued behind the first, the reset one cancelled
        held.release()
        t.join(timeout=15)
        assert out["first"][0] == 303, out["first"][:2]
        line = re.compile(r'"POST /comments HTTP/2\.0" (\d{3}) ')
        assert wait_for(lambda: line.findall(srv.access_log()) == ["303"]), \
            line.findall(srv.access_log())
        page = srv.get(BLINKEN)[2].decode()
        assert texts[0] in page and texts[2] in page
        assert texts[1] not in page, "a post whose stream was reset was written"
    finally:
        if conn:
            conn.close()
        if held:
            held.release()
        stop_all(srv, s)
