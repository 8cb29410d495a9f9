"""The command line: init, import (plain text, Markdown), errors."""
import os
import sqlite3

from harness import Site, fixture, gazette

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ALEPPO = "/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/"


def count(site, sql="SELECT count(*) FROM articles"):
    db = sqlite3.connect(os.path.join(site.dir, "gazette.db"))
    try:
        return db.execute(sql).fetchone()[0]
    finally:
        db.close()


def test_init_creates_site_and_refuses_existing():
    s = Site()
    try:
        for f in ("gazette.ini", "gazette.db"):
            assert os.path.exists(os.path.join(s.dir, f)), f
        assert count(s, "PRAGMA user_version") >= 1
        assert count(s, "PRAGMA journal_mode") == "wal"
        assert len(count(s, "SELECT value FROM settings WHERE key='secret_key'")) == 64
        p = gazette("init", "--site", s.dir, check=False)
        assert p.returncode == 1, p
        assert p.stderr.startswith("gazette: "), p.stderr
    finally:
        s.close()


def test_init_makes_missing_parents():
    import tempfile, shutil
    tmp = tempfile.mkdtemp(prefix="gazette-test-")
    try:
        deep = os.path.join(tmp, "srv", "news", "site")
        gazette("init", "--site", deep)
        assert os.path.exists(os.path.join(deep, "gazette.ini"))
        blocked = os.path.join(tmp, "file")
        open(blocked, "w").close()
        p = gazette("init", "--site", os.path.join(blocked, "site"), check=False)
        assert p.returncode == 1 and p.stderr.startswith("gazette: cannot create"), p.stderr
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_site_from_environment():
    s = Site()
    try:
        os.environ["GAZETTE_SITE"] = s.dir
        from harness import ENV
        ENV["GAZETTE_SITE"] = s.dir
        p = gazette("import", fixture("aleppo.md"))
        assert p.stdout == ALEPPO + "\n"
    finally:
        from harness import ENV
        ENV.pop("GAZETTE_SITE", None)
        os.environ.pop("GAZETTE_SITE", None)
        s.close()


def test_import_fixtures_prints_permalinks():
    s = Site()
    try:
        p = gazette("import", "--site", s.dir, fixture("blinken.md"), fixture("aleppo.md"))
        assert p.stdout == BLINKEN + "\n" + ALEPPO + "\n", p.stdout
        assert count(s) == 2
        assert count(s, "SELECT count(*) FROM article_tags") == 7
    finally:
        s.close()


def test_import_twice_updates_not_duplicates():
    s = Site()
    try:
        gazette("import", "--site", s.dir, fixture("blinken.md"))
        p = gazette("import", "--site", s.dir, fixture("blinken.md"))
        assert p.stdout == BLINKEN + "\n"
        assert count(s) == 1
        assert count(s, "SELECT count(*) FROM article_tags") == 5
        # an edited copy is another file: it updates the article because its
        # slug: says which one (import.h), not because its headline matches
        edited = open(fixture("blinken.md"), encoding="utf-8").read().replace(
            "tags: [Gaza, Israel, Hamas, Ceasefire, United States]",
            "tags: [Gaza]\nslug: " + BLINKEN.split("/")[4])
        gazette("import", "--site", s.dir, s.write("blinken.md", edited))
        assert count(s) == 1
        assert count(s, "SELECT count(*) FROM article_tags") == 1
    finally:
        s.close()


def test_import_plain_text_with_options():
    s = Site()
    try:
        p = gazette("import", "--site", s.dir, "--section", "Middle East", "--date",
                    "2024-05-01T09:00:00Z", "--author", "Staff", fixture("blinken.txt"))
        assert p.stdout == BLINKEN + "\n", p.stdout
        assert count(s, "SELECT format FROM articles") == "text"
        assert count(s, "SELECT name FROM sections") == "Middle East"
        # importing again without --date keeps the permalink
        p = gazette("import", "--site", s.dir, fixture("blinken.txt"))
        assert p.stdout == BLINKEN + "\n", p.stdout
        assert count(s) == 1
    finally:
        s.close()


def test_malformed_file_reports_file_and_line_and_writes_nothing():
    s = Site()
    try:
        bad = s.write("bad.md", '---\ntitle: "Fine"\ndate: 2024-13-45\nsection: X\n---\n\nBody.\n')
        p = gazette("import", "--site", s.dir, bad, check=False)
        assert p.returncode == 1
        assert p.stderr.startswith(f"gazette: {bad}:3: "), p.stderr
        assert count(s) == 0 and count(s, "SELECT count(*) FROM sections") == 0
        unclosed = s.write("open.md", "---\ntitle: x\n\nbody\n")
        p = gazette("import", "--site", s.dir, unclosed, fixture("aleppo.md"), check=False)
        assert p.returncode == 1
        assert f"gazette: {unclosed}:1: " in p.stderr, p.stderr
        assert p.stdout == ALEPPO + "\n", "the good file is still imported"
        assert count(s) == 1
    finally:
        s.close()


def test_bad_comments_value_reported_with_line():
    s = Site()
    try:
        bad = s.write("c.md", '---\ntitle: "T"\ncomments: maybe\n---\n\nBody.\n')
        p = gazette("import", "--site", s.dir, bad, check=False)
        assert p.returncode == 1
        assert f"gazette: {bad}:3: comments must be 'open' or 'closed'" in p.stderr, p.stderr
    finally:
        s.close()


def test_draft_is_not_printed_nor_published():
    s = Site()
    try:
        d = s.write("d.md", '---\ntitle: "Embargoed"\ndate: 2024-01-02\nstatus: draft\n---\n\nSecret.\n')
        p = gazette("import", "--site", s.dir, d)
        assert p.stdout == ""
        assert count(s, "SELECT status FROM articles") == 0
    finally:
        s.close()


def test_usage_errors_exit_2():
    p = gazette("frobnicate", check=False)
    assert p.returncode == 2 and "gazette: unknown command" in p.stderr
    p = gazette("import", "--site", check=False)
    assert p.returncode == 2
    p = gazette(check=False)
    assert p.returncode == 2 and "usage:" in p.stderr


def test_missing_site_is_an_error():
    p = gazette("import", "--site", "/nonexistent/site", fixture("aleppo.md"), check=False)
    assert p.returncode == 1 and "not a gazette site" in p.stderr, p.stderr


def test_comments_list_pages_and_says_how_many():
    """`comments list` used to stop at 1,000 rows without a word: now it
    prints a page and says which rows these are of how many."""
    s = Site()
    try:
        gazette("import", "--site", s.dir, fixture("blinken.md"))
        db = sqlite3.connect(os.path.join(s.dir, "gazette.db"))
        try:
            art = db.execute("SELECT id FROM articles").fetchone()[0]
            db.executemany(
                "INSERT INTO comments(article_id, author, email, body, ip, ip_key, status, created)"
                " VALUES (?, 'A', 'a@example.org', ?, '192.0.2.1', '192.0.2.1', ?, ?)",
                [(art, f"comment number {i}", "pending" if i % 10 == 0 else "approved",
                  1714554000 + i) for i in range(2345)])
            db.commit()
        finally:
            db.close()

        def listing(*args, rc=0):
            p = gazette("comments", "--site", s.dir, "list", *args, check=False)
            assert p.returncode == rc, (args, p.returncode, p.stderr)
            return [int(line.split("\t")[0]) for line in p.stdout.splitlines()], p.stderr

        first, note = listing()
        assert len(first) == 1000
        assert note == "gazette: showing 1–1,000 of 2,345 comments; next: --page 2\n", note
        second, note = listing("--page", "2")
        assert note == "gazette: showing 1,001–2,000 of 2,345 comments; next: --page 3\n", note
        last, note = listing("--page", "3")
        assert len(last) == 345
        assert note == "gazette: showing 2,001–2,345 of 2,345 comments\n", note
        every = first + second + last
        assert len(set(every)) == 2345 and every == sorted(every, reverse=True), \
            "the pages cut one list, newest first"
        _, note = listing("--page", "4", rc=1)
        assert note == ("gazette: page 4 is past the last: 2,345 comments make 3 pages"
                        " of 1,000\n"), note
        pending, note = listing("--status", "pending", "--per-page", "100", "--page", "3")
        assert len(pending) == 35
        assert note == "gazette: showing 201–235 of 235 pending comments\n", note
        for bad in (("--page", "0"), ("--page", "x"), ("--per-page", "0"),
                    ("--per-page", "1000001"), ("--page", "-1"), ("--page",)):
            p = gazette("comments", "--site", s.dir, "list", *bad, check=False)
            assert p.returncode == 2, bad
        p = gazette("comments", "--site", s.dir, "approve", "1", "--page", "2", check=False)
        assert p.returncode == 2, "--page belongs to list"
    finally:
        s.close()


def test_import_refuses_an_article_over_max_bytes_and_writes_nothing():
    s = Site()
    try:
        # the default, 2 MB: one byte more is refused before it is read
        big = s.write("big.txt", "A headline\n\n" + "x" * (2097152 - 12) + "y")
        assert os.path.getsize(big) == 2097153
        p = gazette("import", "--site", s.dir, big, fixture("aleppo.md"), check=False)
        assert p.returncode == 1, p
        assert (f"gazette: {big}: article is 2097153 bytes; [articles] max_bytes is 2097152"
                in p.stderr), p.stderr
        assert p.stdout == ALEPPO + "\n", "the other file is still imported"
        assert count(s) == 1
        # the setting: a file of max_bytes goes in, one byte more does not
        s.ini_set("articles", "max_bytes", "300")
        text = '---\ntitle: "Exactly three hundred"\ndate: 2024-01-02\n---\n\n'
        text += "w" * (300 - len(text) - 1) + "\n"
        at = s.write("at.md", text)
        over = s.write("over.md", text + "\n")
        assert os.path.getsize(at) == 300
        p = gazette("import", "--site", s.dir, at)
        assert p.stdout.startswith("/2024/01/02/exactly-three-hundred/"), p.stdout
        p = gazette("import", "--site", s.dir, over, check=False)
        assert p.returncode == 1
        assert f"gazette: {over}: article is 301 bytes; [articles] max_bytes is 300" in p.stderr
        assert count(s) == 2
        # what is not a regular file (a pipe) is refused by what it gave
        p = gazette("import", "--site", s.dir, "/dev/stdin", stdin="Piped\n\n" + "z" * 400,
                    check=False)
        assert p.returncode == 1
        assert "gazette: /dev/stdin: article is 407 bytes; [articles] max_bytes is 300" \
            in p.stderr, p.stderr
        assert count(s) == 2
        # 0: any size
        s.ini_set("articles", "max_bytes", "0")
        p = gazette("import", "--site", s.dir, over)
        assert count(s) == 3
    finally:
        s.close()
