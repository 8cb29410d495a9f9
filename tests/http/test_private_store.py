"""The store is its owner's only (issue 8, point 4): gazette.db holds the
site's secret key and every commenter's email, so it and the -wal and -shm
files SQLite makes beside it are created 0600 whatever the umask (000, the
worst, and the usual 022); `gazette init` says so; `gazette serve` refuses a
store that other users can read or write (a site made by an older gazette:
0644) and says how to fix it; a new access log file is the owner's only."""
import os
import stat
import subprocess
import time

import harness
from comments import post
from harness import Server, Site, fixture, free_port, gazette, stop_all

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
STORE_FILES = ("gazette.db", "gazette.db-wal", "gazette.db-shm")


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


class umask:
    """Run the block (and every process it starts) under this umask."""

    def __init__(self, mask):
        self.mask = mask

    def __enter__(self):
        self.old = os.umask(self.mask)

    def __exit__(self, *exc):
        os.umask(self.old)


def serve_refused(s):
    """gazette serve on s, which must refuse to start: (exit code, stderr
    without the warning a server run as root prints first: the tests may
    run as root, and test_connections checks that warning)."""
    p = subprocess.Popen([harness.BINARY, "serve", "--site", s.dir,
                          "--listen", f"127.0.0.1:{free_port()}"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         env=harness.ENV)
    harness.RUNNING.append(p)
    try:
        _, err = p.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        raise AssertionError("gazette serve started on a store open to other users")
    assert "AddressSanitizer" not in err and "runtime error" not in err, err
    err = "".join(line for line in err.splitlines(True)
                  if not line.startswith("gazette: warning: running as root"))
    return p.returncode, err


def test_store_and_its_wal_and_shm_are_private_under_any_umask():
    for mask in (0o000, 0o022):
        s = server = None
        try:
            with umask(mask):
                s = Site()
                gazette("import", "--site", s.dir, fixture("blinken.md"))
                log = os.path.join(s.tmp, "access.log.file")
                s.ini_set("server", "access_log", log)
                s.ini_set("comments", "min_submit_seconds", "0")
                s.ini_set("comments", "hold_unknown_authors", "false")
                server = Server(s)
                # a committed write: the WAL has frames, the -shm its index
                status, _, _ = post(server, BLINKEN, comment="Private, please.",
                                    author="Ann Reader", email="ann@example.org")
                assert status == 303, status
                assert server.get(BLINKEN)[0] == 200
                for name in STORE_FILES:
                    path = os.path.join(s.dir, name)
                    assert os.path.exists(path), f"umask {mask:03o}: no {name}"
                    assert mode(path) == 0o600, \
                        f"umask {mask:03o}: {name} is {mode(path):04o}, not 0600"
                assert mode(log) == 0o600, f"umask {mask:03o}: access log {mode(log):04o}"
                # settings hold no secret: the umask decides
                assert mode(os.path.join(s.dir, "gazette.ini")) == 0o644 & ~mask
        finally:
            stop_all(server, s)


def test_init_says_the_store_is_its_owners_only():
    s = Site()
    try:
        p = gazette("init", "--site", os.path.join(s.tmp, "other"))
        db = os.path.join(s.tmp, "other", "gazette.db")
        assert f"its store, {db}, holds the site's secret key" in p.stderr, p.stderr
        assert "only its owner can read or write it (mode 0600)" in p.stderr, p.stderr
        assert mode(db) == 0o600
    finally:
        s.close()


def test_serve_refuses_a_store_others_can_read_and_says_how_to_fix_it():
    s = Site()
    try:
        db = os.path.join(s.dir, "gazette.db")
        os.chmod(db, 0o644)                    # as older gazettes made it
        t0 = time.time()
        code, err = serve_refused(s)
        assert code == 1, (code, err)
        assert time.time() - t0 < 15
        assert err.startswith("gazette: other users can read or write the store"), err
        assert f"{db} mode 0644" in err, err
        assert err.rstrip().endswith(f"fix with: chmod 600 {db}"), err
        assert "serving" not in err, err
        # group-writable only, and a -wal left by a crash, are refused too
        os.chmod(db, 0o620)
        wal = db + "-wal"
        open(wal, "w").close()
        os.chmod(wal, 0o640)
        code, err = serve_refused(s)
        assert code == 1, (code, err)
        assert f"{db} mode 0620, {wal} mode 0640" in err, err
        assert err.rstrip().endswith(f"chmod 600 {db} {wal}"), err
        # the fix it names is the fix
        os.chmod(db, 0o600)
        os.chmod(wal, 0o600)
        server = Server(s)
        try:
            assert server.get("/")[0] == 200
        finally:
            server.stop()
    finally:
        s.close()
