"""harness.py — what the HTTP tests share: a site made with the real
binary, the real server on a free loopback port, and a tiny runner.

A test module defines test_* functions taking the Server; run.py runs
them all and prints "http: N passed, M failed".
"""
import atexit
import http.client
import os
import resource
import shutil
import signal
import socket
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
BINARY = None  # set by run.py

# ASan: fail on any report, including leaks at exit.
ENV = dict(os.environ,
           ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86",
           LSAN_OPTIONS="suppressions=" + os.path.join(ROOT, "tests", "lsan.supp"),
           UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=87")


def gazette(*args, stdin=None, check=True):
    """Run the binary; return CompletedProcess (text)."""
    p = subprocess.run([BINARY, *args], input=stdin, capture_output=True,
                       text=True, env=ENV, timeout=60)
    assert p.returncode not in (86, 87), f"sanitizer report:\n{p.stderr}"
    if check:
        assert p.returncode == 0, f"gazette {' '.join(args)} -> {p.returncode}\n{p.stderr}"
    return p


def fixture(name):
    path = os.path.join(FIXTURES, name)
    assert os.path.exists(path), f"missing fixture {path}"
    return path


def free_port(host="127.0.0.1"):
    s = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    s.bind((host, 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Site:
    """A fresh site directory, removed by close()."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="gazette-test-")
        self.dir = os.path.join(self.tmp, "site")
        gazette("init", "--site", self.dir)

    def ini_set(self, section, key, value):
        path = os.path.join(self.dir, "gazette.ini")
        lines, cur, out = open(path, encoding="utf-8").read().splitlines(), None, []
        for line in lines:
            s = line.strip()
            if s.startswith("["):
                cur = s[1:-1]
            if cur == section and s.split("=")[0].strip() == key:
                line = f"{key} = {value}"
            out.append(line)
        open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


RUNNING = []  # every server started, so none outlives the test run


@atexit.register
def _kill_leftovers():
    for proc in RUNNING:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


class Server:
    """gazette serve on host (127.0.0.1, or "::1") at port (a free one
    unless given: pass free_port() when the site's settings must name the
    port, as base_url does), stopped by PID.  nofile: the server's (soft,
    hard) descriptor limit, RLIMIT_NOFILE, when given."""

    def __init__(self, site, threads=None, host="127.0.0.1", port=None,
                 nofile=None):
        self.site = site
        self.host = host
        self.port = port or free_port(host)
        listen = f"[{host}]:{self.port}" if ":" in host else f"{host}:{self.port}"
        self.log_out = open(os.path.join(site.tmp, "access.log"), "w+")
        self.log_err = open(os.path.join(site.tmp, "server.err"), "w+")
        self.proc = subprocess.Popen(
            [BINARY, "serve", "--site", site.dir, "--listen", listen],
            stdout=self.log_out, stderr=self.log_err, env=ENV,
            preexec_fn=(lambda: resource.setrlimit(resource.RLIMIT_NOFILE, nofile))
            if nofile else None)
        RUNNING.append(self.proc)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                socket.create_connection((host, self.port), timeout=0.2).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        raise AssertionError("server did not start:\n" + self.stderr())

    def stderr(self):
        self.log_err.flush()
        self.log_err.seek(0)
        return self.log_err.read()

    def access_log(self):
        self.log_out.flush()
        self.log_out.seek(0)
        return self.log_out.read()

    def request(self, method, path, body=None, headers=None, conn=None):
        """(status, headers dict lower-cased, body bytes)."""
        own = conn is None
        conn = conn or http.client.HTTPConnection(self.host, self.port, timeout=10)
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        hdrs = {}
        for k, v in r.getheaders():  # repeated headers (Set-Cookie) joined by ", "
            k = k.lower()
            hdrs[k] = hdrs[k] + ", " + v if k in hdrs else v
        if own:
            conn.close()
        return r.status, hdrs, data

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def stop(self):
        """SIGTERM; the server must exit 0 with no sanitizer report."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError("server did not stop within 20 s of SIGTERM")
        code = self.proc.returncode
        err = self.stderr()
        self.log_out.close()
        self.log_err.close()
        assert code == 0, f"server exited {code}:\n{err}"
        assert "ERROR: AddressSanitizer" not in err and "runtime error" not in err, err


def stop_all(server, site):
    """A module's teardown: stop its server (asserting a clean exit), then
    remove its site, even when the stop fails; either may be None when
    setup failed before making it."""
    try:
        if server is not None:
            server.stop()
    finally:
        if site is not None:
            site.close()
