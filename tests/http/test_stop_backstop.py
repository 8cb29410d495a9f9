"""SIGTERM stops the server whatever is running (issue 8, point 5): a
worker stuck in a handler never gets back to its loop, and a writer stuck
in a write never finishes its queue, so neither can be waited for.  An
LD_PRELOAD library (slow_sqlite_step.c) makes sqlite3_step sleep a minute
on the search's statement, then on the comment insert; after SIGTERM the
process must end within the grace period (3 s) and the backstop's margin
(2 s), exit 1 and say why, instead of waiting the minute out."""
import os
import signal
import subprocess
import threading
import time

import harness
from comments import post
from harness import Server, Site, fixture, gazette

HERE = os.path.dirname(os.path.abspath(__file__))
BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
GRACE, MARGIN = 3.0, 2.0
site = shim = None


def setup_module():
    global site, shim
    site = Site()
    gazette("import", "--site", site.dir, fixture("blinken.md"))
    site.ini_set("comments", "min_submit_seconds", "0")
    site.ini_set("comments", "hold_unknown_authors", "false")
    shim = os.path.join(site.tmp, "slow_sqlite_step.so")
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-o", shim,
                    os.path.join(HERE, "slow_sqlite_step.c"), "-ldl", "-lsqlite3"],
                   check=True)


def teardown_module():
    site.close()


def stuck_then_stopped(slow_sql, request):
    """Serve with steps on slow_sql sleeping 60 s; run request(server) in a
    thread until it is stuck, SIGTERM, and return (exit code, seconds from
    the signal to the exit, stderr)."""
    saved = dict(harness.ENV)
    harness.ENV.update(LD_PRELOAD=shim, SLOW_STEP_SQL=slow_sql, SLOW_STEP_SECONDS="60")
    harness.ENV["ASAN_OPTIONS"] += ":verify_asan_link_order=0"
    try:
        server = Server(site)
    finally:
        harness.ENV.clear()
        harness.ENV.update(saved)
    client = threading.Thread(target=request, args=(server,), daemon=True)
    client.start()
    time.sleep(1.0)                         # the request is in its slow step
    assert client.is_alive(), "the request was not held"
    t0 = time.time()
    server.proc.send_signal(signal.SIGTERM)
    try:
        server.proc.wait(timeout=GRACE + MARGIN + 10)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()
        raise AssertionError("SIGTERM did not stop a server with a stuck request "
                             f"within {GRACE + MARGIN + 10:.0f} s")
    took = time.time() - t0
    err = server.stderr()
    server.log_out.close()
    server.log_err.close()
    assert "AddressSanitizer" not in err and "runtime error" not in err, err
    return server.proc.returncode, took, err


def quietly(fn):
    """fn(server), its connection's end (the server exits) ignored."""
    def run(server):
        try:
            fn(server)
        except OSError:
            pass
    return run


def test_a_handler_stuck_past_the_grace_period_cannot_hold_sigterm():
    code, took, err = stuck_then_stopped(
        "highlight(articles_fts", quietly(lambda s: s.get("/search?q=truce")))
    assert code == 1, (code, err)
    assert GRACE + MARGIN - 0.5 < took < GRACE + MARGIN + 1.5, took
    assert "still busy 5000 ms after the stop" in err, err
    assert "every answered write was committed" in err, err


def test_a_write_stuck_past_the_grace_period_cannot_hold_sigterm():
    code, took, err = stuck_then_stopped(
        "INSERT INTO comments", quietly(lambda s: post(
            s, BLINKEN, comment="Held up.", author="Ann", email="ann@example.org")))
    assert code == 1, (code, err)
    assert GRACE + MARGIN - 0.5 < took < GRACE + MARGIN + 1.5, took
    assert "still busy 5000 ms after the stop" in err, err
    # nothing of the write that was never answered is in the store
    assert gazette("comments", "--site", site.dir, "list").stdout.count("Held up.") == 0


def test_without_a_stuck_request_the_stop_is_clean():
    # the library and the backstop change nothing else: exit 0, at once
    code, took, err = stuck_then_stopped(
        "no statement holds this", quietly(lambda s: time.sleep(3)))
    assert code == 0, (code, err)
    assert took < 1.5, took
    assert "still busy" not in err and "stopped" in err, err
