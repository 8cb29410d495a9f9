"""A search over a huge article (issue 8, point 5): with one article of
1 MB a search took 1.6 s, 3 MB 16 s, and 50 MB did not end in 10 minutes,
on an event loop that then could not stop on SIGTERM (the snippet over the
whole body).  Here one article of 50 MB, a word in every seventh place, is
put straight into the store (an import refuses it: [articles] max_bytes),
and: a search with a budget answers within it, saying the results are
incomplete when they are; the default budget answers in bounded time; and
SIGTERM stops the server within its grace period with a search of it in
flight and no budget at all."""
import os
import signal
import sqlite3
import subprocess
import threading
import time

from harness import Server, Site, fixture, gazette

HUGE = 50 * 1024 * 1024
GRACE, MARGIN = 3.0, 2.0
INCOMPLETE = "This search took too long to finish"
site = None


def huge_text():
    """50 MB of words, "gazelle" one word in seven: some 1.2 million matches."""
    words = " ".join(f"w{i}" if i % 7 else "gazelle" for i in range(1, 7001)) + ". "
    return (words * (HUGE // len(words) + 1))[:HUGE]


def setup_module():
    global site
    site = Site()
    gazette("import", "--site", site.dir, fixture("blinken.md"))
    text = huge_text()
    db = sqlite3.connect(os.path.join(site.dir, "gazette.db"))
    try:
        db.execute("INSERT INTO articles(slug, path, title, format, body, body_html,"
                   " body_text, published, updated, status) VALUES ('huge',"
                   " '/2024/01/01/huge/', 'A huge story', 'text', ?, ?, ?,"
                   " 1704067200, 1704067200, 1)", (text, "<p>" + text + "</p>", text))
        db.commit()
    finally:
        db.close()


def teardown_module():
    site.close()


def serving(budget_ms):
    """A server for the site with [search] budget_ms set."""
    site.ini_set("search", "budget_ms", str(budget_ms))
    return Server(site)


def timed_search(server, q, headers_out=None):
    t0 = time.time()
    status, headers, body = server.get("/search?q=" + q)
    if headers_out is not None:
        headers_out.update({k.lower(): v for k, v in dict(headers).items()})
    return status, body.decode("utf-8"), time.time() - t0


def test_a_search_stops_at_its_budget_and_says_so():
    server = serving(200)
    try:
        headers = {}
        status, text, took = timed_search(server, "gazelle", headers)
        assert status == 200
        assert took < 2.5, took
        assert INCOMPLETE in text, text[:2000]
        assert "No articles match" not in text
        assert headers.get("cache-control") == "no-store", \
            "a page cut short is not kept by caches"
        # the budget is per search: a small one still finds what it finds
        headers = {}
        status, text, took = timed_search(server, "blinken", headers)
        assert status == 200 and INCOMPLETE not in text
        assert headers.get("cache-control") != "no-store", headers
        assert "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/" in text
    finally:
        server.stop()


def test_the_default_budget_answers_in_bounded_time():
    site.ini_set("search", "budget_ms", "1000")
    server = Server(site)
    try:
        for q in ("gazelle", "w7", "gazelle+w3"):
            status, text, took = timed_search(server, q)
            assert status == 200, (q, status)
            assert took < 4.0, (q, took)
            # in time the huge article is found with its snippet, else it says so
            assert "/2024/01/01/huge/" in text or INCOMPLETE in text, (q, text[:2000])
    finally:
        server.stop()


def test_sigterm_stops_the_server_with_a_huge_search_in_flight():
    server = serving(0)                  # no budget: the search runs to its end
    answers = []

    def search():
        try:
            answers.append(server.get("/search?q=gazelle")[0])
        except OSError as e:
            answers.append(e)

    client = threading.Thread(target=search, daemon=True)
    client.start()
    time.sleep(0.5)
    t0 = time.time()
    server.proc.send_signal(signal.SIGTERM)
    try:
        server.proc.wait(timeout=GRACE + MARGIN + 10)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()
        raise AssertionError("SIGTERM did not stop the server during a huge search")
    took = time.time() - t0
    err = server.stderr()
    server.log_out.close()
    server.log_err.close()
    assert took < GRACE + MARGIN + 1, took
    assert server.proc.returncode in (0, 1), (server.proc.returncode, err)
    assert "AddressSanitizer" not in err and "runtime error" not in err, err
    client.join(5)
    # finished in the grace period: answered; else cut by the backstop
    assert answers and (answers[0] == 200 or server.proc.returncode == 1), (answers, err)
