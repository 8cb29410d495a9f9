"""[server] max_connections_per_address: one address cannot hold more
connections open at once; the rest are closed before a byte is read."""
import socket
import time

from harness import Server, Site


def open_conn(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    return s


def answers(s):
    """Does the server answer a request on this connection?"""
    try:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        data = s.recv(100)
        return data.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def test_connections_per_address():
    site = Site()
    try:
        site.ini_set("server", "max_connections_per_address", "3")
        server = Server(site)
        try:
            time.sleep(0.3)   # the harness's probe connection is closed by now
            held = [open_conn(server.port) for _ in range(3)]
            ok = [answers(s) for s in held]
            assert ok == [True, True, True], f"three connections are allowed: {ok}"
            extra = open_conn(server.port)
            assert not answers(extra), "a fourth from the same address is closed"
            extra.close()
            held.pop().close()
            time.sleep(0.2)   # the server sees the close
            again = open_conn(server.port)
            assert answers(again), "after one closes, a new one is accepted"
            for s in held + [again]:
                s.close()
        finally:
            server.stop()
    finally:
        site.close()
