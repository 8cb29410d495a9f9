"""A success answer means committed: every comment that got its 303 is in
the store after the server is killed (SIGKILL) in the middle of a stream
of posts, with its exact text, and the store is not corrupt.

Several client threads post distinct comments as fast as they can, some
over one keep-alive connection, some on a fresh connection per post.
While they are posting the server gets SIGKILL.  Then the SQLite file is
read directly (read-only) and through a restarted server.
"""
import html
import http.client
import os
import re
import sqlite3
import threading
import time
import urllib.parse

from comments import EMAIL, comment_id, form_fields
from harness import Server, Site, fixture, gazette

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ALEPPO = "/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/"

WRITERS = 8
MAX_POSTS = 2000        # all threads together
MAX_SECONDS = 3.0       # a thread posts no longer than this
KILL_AFTER = 1.0        # at the earliest (and once MIN_ACKED are in)
KILL_BY = 2.0           # at the latest
KILL_AT_POSTS = 1500    # or once this many were sent, so some are still in flight
MIN_ACKED = 50

# What a client sees when the server dies under it.
CONNECTION_ERRORS = (ConnectionError, http.client.HTTPException, OSError)


def make_site():
    s = Site()
    gazette("import", "--site", s.dir, fixture("blinken.md"), fixture("aleppo.md"))
    for k, v in {"min_submit_seconds": "0", "flood_seconds": "0",
                 "hold_unknown_authors": "false"}.items():
        s.ini_set("comments", k, v)
    s.ini_set("server", "threads", "4")
    return s


class Writer(threading.Thread):
    """Posts distinct comments until told to stop, records what it learnt.

    acked: {id: (path, text)} for every 303; other: [(status, text)] for
    every other complete answer; failed: texts whose request broke (no
    answer: the server died under it, or refused the connection)."""

    def __init__(self, n, port, forms, keep_alive, shared):
        super().__init__(daemon=True)
        self.n, self.port, self.forms, self.keep_alive = n, port, forms, keep_alive
        self.shared = shared
        self.acked, self.other, self.failed, self.errors_before_kill = {}, [], [], []

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)

    def run(self):
        conn = self.connection() if self.keep_alive else None
        start = time.time()
        i = 0
        while time.time() - start < MAX_SECONDS and not self.shared["stop"].is_set():
            with self.shared["lock"]:
                if self.shared["sent"] >= MAX_POSTS:
                    break
                self.shared["sent"] += 1
            path = (BLINKEN, ALEPPO)[i % 2]
            text = f"Durability w{self.n} n{i}: “committed” before it’s answered — ok {i * 7919 % 1000}"
            i += 1
            fields = dict(self.forms[path], comment=text, author=f"Writer {self.n}",
                          email=EMAIL, url="https://example.org/")
            body = urllib.parse.urlencode(fields).encode()
            c = conn or self.connection()
            try:
                c.request("POST", "/comments", body=body,
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
                r = c.getresponse()
                r.read()
                status, location = r.status, r.getheader("Location", "")
            except CONNECTION_ERRORS as e:
                c.close()
                self.failed.append(text)
                if not self.shared["killed"].is_set():
                    self.errors_before_kill.append(repr(e))
                break   # the server is gone (or going): nothing more to learn
            finally:
                if conn is None:
                    c.close()
            if status == 303:
                assert location.startswith(path + "#comment-"), location
                cid = comment_id(location)
                self.acked[cid] = (path, text)
                with self.shared["lock"]:
                    self.shared["acked"] += 1
            else:
                self.other.append((status, text))
        if conn is not None:
            conn.close()


def comments_on_page(body):
    """{id: text of its .comment-content} from an article page."""
    text = body.decode("utf-8")
    out = {}
    for m in re.finditer(r'<li class="comment[^"]*" id="comment-(\d+)">(.*?)</article>',
                         text, re.S):
        content = re.search(r'<div class="comment-content">(.*?)</div>', m.group(2), re.S)
        inner = re.sub(r"<[^>]+>", "", content.group(1)).strip()
        out[int(m.group(1))] = html.unescape(inner)
    return out


def test_every_acknowledged_comment_survives_sigkill():
    site = make_site()
    server = Server(site)
    writers = []
    try:
        forms = {p: form_fields(server.get(p)[2]) for p in (BLINKEN, ALEPPO)}
        for f in forms.values():
            f.pop("comment", None)
            f.pop("website", None)  # the honeypot stays empty: not sent at all
        shared = {"lock": threading.Lock(), "stop": threading.Event(),
                  "killed": threading.Event(), "sent": 0, "acked": 0}
        writers = [Writer(n, server.port, forms, keep_alive=n % 2 == 0, shared=shared)
                   for n in range(WRITERS)]
        t0 = time.time()
        for w in writers:
            w.start()
        while True:
            elapsed = time.time() - t0
            with shared["lock"]:
                sent, acked = shared["sent"], shared["acked"]
            if elapsed >= KILL_BY or sent >= KILL_AT_POSTS or (
                    elapsed >= KILL_AFTER and acked >= MIN_ACKED):
                break
            time.sleep(0.005)
        shared["killed"].set()
        server.proc.kill()               # SIGKILL, in the middle of the posts
        server.proc.wait(timeout=10)
        killed_at = time.time() - t0
        shared["stop"].set()
        for w in writers:
            w.join(timeout=30)
            assert not w.is_alive(), f"writer {w.n} is stuck"
    finally:
        if server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait(timeout=10)
        err = server.stderr()
        server.log_out.close()
        server.log_err.close()
    try:
        assert server.proc.returncode == -9, f"server exited {server.proc.returncode}:\n{err}"
        assert "ERROR: AddressSanitizer" not in err and "runtime error" not in err, err

        acked = {}
        for w in writers:
            for cid, v in w.acked.items():
                assert cid not in acked, f"comment {cid} acknowledged twice: {acked[cid]} and {v}"
                acked[cid] = v
        other = [o for w in writers for o in w.other]
        errors = [e for w in writers for e in w.errors_before_kill]
        broken = sum(len(w.failed) for w in writers)
        print(f"     sent {shared['sent']}, acknowledged {len(acked)}, "
              f"broken by the kill {broken}, killed at {killed_at:.2f}s")
        assert not errors, f"connections failed before the kill: {errors[:5]}"
        assert not other, f"answers other than 303 while posting: {other[:5]}"
        assert len(acked) >= MIN_ACKED, f"only {len(acked)} posts were acknowledged"

        # 1. the file itself, read-only, before anything else touches it
        db = os.path.join(site.dir, "gazette.db")
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            articles = dict(con.execute("SELECT path, id FROM articles"))
            rows = {r[0]: r[1:] for r in con.execute(
                "SELECT id, article_id, body, author, status FROM comments")}
        finally:
            con.close()
        missing = [cid for cid in acked if cid not in rows]
        assert not missing, (f"{len(missing)} of {len(acked)} acknowledged comments are not "
                             f"in the store: {sorted(missing)[:20]}")
        for cid, (path, text) in acked.items():
            article_id, body, _, status = rows[cid]
            assert body == text, (cid, body, text)
            assert article_id == articles[path], (cid, article_id, path)
            assert status == "approved", (cid, status)
        # a writer's author name goes with its own text
        for cid, (_, text) in acked.items():
            assert rows[cid][2] == "Writer " + re.match(r"Durability w(\d+)", text).group(1)

        # 2. a restarted server on the same site shows every one of them
        again = Server(site)
        try:
            shown = {}
            for path in (BLINKEN, ALEPPO):
                status, _, body = again.get(path)
                assert status == 200, status
                shown.update(comments_on_page(body))
            not_shown = [cid for cid in acked if cid not in shown]
            assert not not_shown, f"not on the pages after restart: {sorted(not_shown)[:20]}"
            for cid, (_, text) in acked.items():
                assert shown[cid] == text, (cid, shown[cid], text)
            # and the server still takes new comments on the recovered store
            status, h, body = again.request(
                "POST", "/comments",
                body=urllib.parse.urlencode(dict(forms[BLINKEN], comment="After the crash",
                                                 author="Late Reader", email=EMAIL)).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert status == 303, (status, body[:300])
            late = comment_id(h["location"])
            assert late > max(rows), "ids are not reused"
        finally:
            again.stop()

        # the shell's list (the newest 1,000) agrees with the file
        listed = gazette("comments", "--site", site.dir, "list").stdout
        listed_ids = {int(l.split("\t")[0]) for l in listed.splitlines()}
        every = set(rows) | {late}
        assert listed_ids <= every, sorted(listed_ids - every)[:20]
        assert len(listed_ids) == min(1000, len(every)), (len(listed_ids), len(every))
    finally:
        site.close()
