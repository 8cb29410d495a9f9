#!/usr/bin/env python3
"""bench/search_huge.py — search over one huge article (issue 8, point 5).

    make gazette && bench/search_huge.py [GAZETTE] [MB ...]

For each size (default 1, 3 and 50 MB): a fresh site (gazette init) into
whose store one article of that many bytes is inserted directly, as an
import would refuse it ([articles] max_bytes); its text is words of a
3,000-word vocabulary with "gazelle" for about one word in seven (fixed
seed).  Then gazette serve ([search] budget_ms = 0: no budget, to time the
search itself) on a free loopback port, one timed GET /search?q=gazelle
(the word with some 1.2 million matches at 50 MB) and one for a rare word,
and the time SIGTERM takes to stop the server.  A request that takes
longer than BENCH_TIMEOUT seconds (120) is given up; a server that does
not stop 30 s after SIGTERM is killed, by its PID.  Temp directories are
removed.  Release build: numbers depend on the machine; note its CPU.
"""
import http.client
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "gazette"))
sizes = [float(x) for x in sys.argv[2:]] or [1, 3, 50]
timeout = float(os.environ.get("BENCH_TIMEOUT", "120"))


def text_of(nbytes):
    rnd = random.Random(1)
    words = [f"w{i}" for i in range(3000)]
    out, n = [], 0
    while n < nbytes:
        s = " ".join("gazelle" if rnd.random() < 0.15 else rnd.choice(words)
                     for _ in range(rnd.randint(8, 20))).capitalize() + ". "
        out.append(s)
        n += len(s)
    return "".join(out)[:nbytes]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def timed_get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    t0 = time.time()
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        r.read()
        return f"{r.status} in {time.time() - t0:.3f} s"
    except OSError:
        return f"no answer in {time.time() - t0:.0f} s"
    finally:
        conn.close()


for mb in sizes:
    tmp = tempfile.mkdtemp(prefix="gazette-huge-")
    site = os.path.join(tmp, "site")
    server = None
    try:
        subprocess.run([binary, "init", "--site", site], check=True, capture_output=True)
        ini = os.path.join(site, "gazette.ini")
        with open(ini, encoding="utf-8") as f:
            settings = f.read()
        with open(ini, "w", encoding="utf-8") as f:
            f.write(settings.replace("budget_ms = 1000", "budget_ms = 0")
                    .replace("access_log = -", "access_log = off"))
        text = text_of(int(mb * 1024 * 1024))
        db = sqlite3.connect(os.path.join(site, "gazette.db"))
        db.execute("INSERT INTO articles(slug, path, title, format, body, body_html, body_text,"
                   " published, updated, status) VALUES ('huge', '/2024/01/01/huge/',"
                   " 'A huge story', 'text', ?, ?, ?, 1704067200, 1704067200, 1)",
                   (text, "<p>" + text + "</p>", text))
        db.commit()
        db.close()
        port = free_port()
        server = subprocess.Popen([binary, "serve", "--site", site, "--listen",
                                   f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        common = timed_get(port, "/search?q=gazelle")
        rare = timed_get(port, "/search?q=w7")
        t0 = time.time()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
            stop = f"exit {server.returncode} in {time.time() - t0:.2f} s"
        except subprocess.TimeoutExpired:
            stop = "still running 30 s after SIGTERM (killed)"
        print(f"{mb:g} MB: gazelle {common}; w7 {rare}; SIGTERM: {stop}", flush=True)
    finally:
        if server is not None and server.poll() is None:
            server.kill()
            server.wait()
        shutil.rmtree(tmp, ignore_errors=True)
