"""A server that cannot start all its threads says so and exits non-zero,
without hanging: pthread_create is made to fail (an LD_PRELOAD library,
fail_pthread_create.c) at the writer thread, at the first worker, and
half way through the workers, whose started threads must be stopped and
joined."""
import os
import subprocess
import time

import harness
from harness import Server, Site, free_port

HERE = os.path.dirname(os.path.abspath(__file__))
site = shim = None


def setup_module():
    global site, shim
    site = Site()
    site.ini_set("server", "threads", "4")
    shim = os.path.join(site.tmp, "fail_pthread_create.so")
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-o", shim,
                    os.path.join(HERE, "fail_pthread_create.c"), "-ldl"], check=True)


def teardown_module():
    site.close()


def serve(fail_at):
    """Run gazette serve with pthread_create failing from call fail_at on
    (1 is the writer, 2..5 the four workers); (exit code, stderr, seconds)."""
    env = dict(harness.ENV, LD_PRELOAD=shim, FAIL_PTHREAD_CREATE_AT=str(fail_at))
    # the library comes before ASan's runtime so that it sees the calls first
    env["ASAN_OPTIONS"] += ":verify_asan_link_order=0"
    t0 = time.time()
    p = subprocess.Popen([harness.BINARY, "serve", "--site", site.dir,
                          "--listen", f"127.0.0.1:{free_port()}"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    harness.RUNNING.append(p)
    try:
        _, err = p.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        raise AssertionError(f"gazette serve hung after pthread_create call {fail_at} failed")
    assert "AddressSanitizer" not in err and "runtime error" not in err, err
    assert "LeakSanitizer" not in err, err
    return p.returncode, err, time.time() - t0


def test_writer_thread_fails():
    code, err, _ = serve(1)
    assert code == 1, (code, err)
    assert "cannot start the writer thread" in err and "serving" not in err, err


def test_first_worker_fails():
    code, err, _ = serve(2)
    assert code == 1, (code, err)
    assert "cannot start worker thread 1 of 4: Resource temporarily unavailable" in err, err
    assert "serving" not in err, err


def test_worker_fails_half_way_and_the_started_ones_are_joined():
    for fail_at in (3, 5):
        code, err, took = serve(fail_at)
        assert code == 1, (fail_at, code, err)
        assert f"cannot start worker thread {fail_at - 1} of 4" in err, err
        assert "serving" not in err, err
        assert took < 15, took


def test_with_the_library_and_no_failure_the_server_runs():
    # the library itself changes nothing: all 5 threads start
    env_before = dict(harness.ENV)
    harness.ENV["LD_PRELOAD"] = shim
    harness.ENV["ASAN_OPTIONS"] += ":verify_asan_link_order=0"
    try:
        server = Server(site)
    finally:
        harness.ENV.clear()
        harness.ENV.update(env_before)
    try:
        assert server.get("/")[0] == 200
    finally:
        server.stop()
    with open(os.path.join(site.tmp, "server.err")) as f:
        err = f.read()
    assert "with 4 threads" in err and "cannot start" not in err, err
