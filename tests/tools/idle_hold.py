#!/usr/bin/env python3
"""idle_hold.py — hold many idle TCP connections to a server open.

The idle-connection part of a hostile load (issue 8): it opens --count
connections to HOST:PORT, spread over --sources loopback addresses
(127.0.0.FIRST, the next ones...; the whole of 127.0.0.0/8 is loopback
on Linux), sends nothing on them, and holds them until --seconds have
passed.  A connection the server closes is opened again at once, as an
attacker's would be, so the server is kept at whatever it allows.

Command line (prints one JSON object when done):

    idle_hold.py --host 127.0.0.1 --port 8080 [--count 10000]
                 [--seconds 10] [--sources 100] [--first 10]

The JSON result: opened (connections opened in all), held_min and
held_max (connections open at the same time, over the run, sampled once a
second after the first second), closed_by_server, connect_errors.

It raises its own descriptor soft limit to the hard one; --count must fit
under that.
"""
import argparse
import json
import resource
import selectors
import socket
import sys
import time


def raise_nofile(need):
    """Raise RLIMIT_NOFILE's soft limit to the hard one; fail if short."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard != resource.RLIM_INFINITY and need + 64 > hard:
        sys.exit(f"idle_hold: {need} connections need more than the "
                 f"descriptor limit {hard} allows")


def connect(host, port, source):
    """A connected socket from source, or None when it cannot be opened."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind((source, 0))
        s.settimeout(2)
        s.connect((host, port))
        s.setblocking(False)
        return s
    except OSError:
        s.close()
        return None


def hold(host, port, count, seconds, sources=100, first=10):
    """Hold count idle connections for seconds; the result as a dict."""
    raise_nofile(count)
    addrs = [f"127.0.0.{first + i}" for i in range(sources)]
    sel = selectors.DefaultSelector()
    result = {"opened": 0, "closed_by_server": 0, "connect_errors": 0,
              "held_min": None, "held_max": 0}
    end = time.monotonic() + seconds
    next_sample = time.monotonic() + 1
    held = 0
    slot = 0
    while time.monotonic() < end:
        while held < count and time.monotonic() < end:
            s = connect(host, port, addrs[slot % len(addrs)])
            slot += 1
            if s is None:
                result["connect_errors"] += 1
                if result["connect_errors"] % 100 == 0:
                    time.sleep(0.05)
                break
            sel.register(s, selectors.EVENT_READ)
            held += 1
            result["opened"] += 1
        for key, _ in sel.select(timeout=0.1):
            s = key.fileobj
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:   # the server closed it (or answered and closed)
                sel.unregister(s)
                s.close()
                held -= 1
                result["closed_by_server"] += 1
        now = time.monotonic()
        if now >= next_sample:
            next_sample = now + 1
            lo = result["held_min"]
            result["held_min"] = held if lo is None else min(lo, held)
            result["held_max"] = max(result["held_max"], held)
    for key in list(sel.get_map().values()):
        key.fileobj.close()
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, default=10000)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--sources", type=int, default=100)
    p.add_argument("--first", type=int, default=10)
    a = p.parse_args()
    print(json.dumps(hold(a.host, a.port, a.count, a.seconds, a.sources, a.first)))


if __name__ == "__main__":
    main()
