"""gazette import: which article a file is (import.h's rules).

An import updates an article only when told it is the same one: id: >
slug: > the same file again > a byte-identical file; otherwise it is a new
article, on the next free slug when its own is taken.  A permalink an
update moves away from answers 301 to the new one, for good.
"""
import glob
import os
import sqlite3
import time

from harness import ROOT, Server, Site, gazette

SLUG = "council-approves-harbour-budget"


def db(site, sql, *args):
    con = sqlite3.connect(os.path.join(site.dir, "gazette.db"))
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def count(site):
    return db(site, "SELECT count(*) FROM articles")[0][0]


def story(title="Council approves harbour budget", body="First text.", **keys):
    """A Markdown file's text: front matter from keys (in order), then body."""
    head = [f'title: "{title}"'] + [f"{k}: {v}" for k, v in keys.items()]
    return "---\n" + "\n".join(head) + "\n---\n\n" + body + "\n"


def imp(site, *args, check=True):
    return gazette("import", "--site", site.dir, *args, check=check)


def page(server, path):
    """The article's own text at path (its headline and body)."""
    status, _, body = server.get(path)
    assert status == 200, (path, status)
    text = body.decode("utf-8")
    start = text.index('<h1 class="article-title">')
    return text[start:text.index("</div>", text.index('<div class="article-body">'))]


def test_same_slug_updates():
    s = Site()
    try:
        a = s.write("a.md", story(date="2024-05-01T09:00:00Z", slug="budget-vote"))
        b = s.write("b.md", story(title="Council passes harbour budget",
                                  body="Second text.", slug="budget-vote"))
        assert imp(s, a).stdout == "/2024/05/01/budget-vote/\n"
        p = imp(s, b)
        assert p.stdout == "/2024/05/01/budget-vote/\n", p.stdout
        assert count(s) == 1
        assert db(s, "SELECT title, body FROM articles") == [
            ("Council passes harbour budget", "Second text.")]
    finally:
        s.close()


def test_same_id_updates_and_unknown_id_is_an_error():
    s = Site()
    try:
        imp(s, s.write("a.md", story(date="2024-05-01T09:00:00Z")))
        imp(s, s.write("other.md", story(title="Something else", date="2024-05-02")))
        (n,), = db(s, "SELECT id FROM articles WHERE slug = ?", SLUG)
        # another file, another headline, no slug: the id says which article
        b = s.write("b.md", story(title="Budget: the council's vote", body="Corrected.",
                                  id=n))
        p = imp(s, b)
        assert p.stdout == f"/2024/05/01/{SLUG}/\n", p.stdout
        assert count(s) == 2
        assert db(s, "SELECT title, body FROM articles WHERE id = ?", n) == [
            ("Budget: the council's vote", "Corrected.")]
        # an id that names no article: FILE:LINE, nothing written
        before = db(s, "SELECT * FROM articles ORDER BY id")
        bad = s.write("bad.md", story(title="Lost", date="2024-06-01", id=999))
        p = imp(s, bad, check=False)
        assert p.returncode == 1 and p.stdout == ""
        assert p.stderr == f"gazette: {bad}:4: no article with id 999\n", p.stderr
        assert db(s, "SELECT * FROM articles ORDER BY id") == before
    finally:
        s.close()


def test_id_comes_before_slug():
    s = Site()
    try:
        imp(s, s.write("a.md", story(title="Story A", date="2024-05-01")))
        imp(s, s.write("b.md", story(title="Story B", date="2024-05-02")))
        (a,), = db(s, "SELECT id FROM articles WHERE slug = 'story-a'")
        before = db(s, "SELECT * FROM articles ORDER BY id")
        # id: names A, slug: names B: the id decides, and A may not take B's slug
        f = s.write("c.md", story(title="Story C", id=a, slug="story-b"))
        p = imp(s, f, check=False)
        assert p.returncode == 1 and p.stdout == "", p
        assert p.stderr.startswith(f"gazette: {f}: "), p.stderr
        assert db(s, "SELECT * FROM articles ORDER BY id") == before
    finally:
        s.close()


def test_same_file_again_updates_even_when_edited():
    s = Site()
    try:
        f = s.write("budget.md", story(date="2024-05-01T09:00:00Z"))
        assert imp(s, f).stdout == f"/2024/05/01/{SLUG}/\n"
        # the same file, new text and a corrected headline: the same article,
        # at the same permalink (its slug stays)
        s.write("budget.md", story(title="Council approves harbor budget",
                                   body="Second text.", date="2024-05-01T09:00:00Z"))
        p = imp(s, f)
        assert p.stdout == f"/2024/05/01/{SLUG}/\n", p.stdout
        assert count(s) == 1
        assert db(s, "SELECT title, body FROM articles") == [
            ("Council approves harbor budget", "Second text.")]
        # named through another path, the file is still the same file
        p = imp(s, os.path.join(os.path.dirname(f), ".", "budget.md"))
        assert p.stdout == f"/2024/05/01/{SLUG}/\n" and count(s) == 1, p.stdout
    finally:
        s.close()


def test_byte_identical_file_changes_nothing():
    s = Site()
    try:
        text = story(date="2024-05-01T09:00:00Z")
        a = s.write("a.md", text)
        imp(s, a)
        before = db(s, "SELECT * FROM articles")
        time.sleep(1.1)                     # an update would change "updated"
        b = s.write("copy-of-a.md", text)
        p = imp(s, b)
        assert p.stdout == f"/2024/05/01/{SLUG}/\n", p.stdout
        assert "nothing changed" in p.stderr and b in p.stderr, p.stderr
        assert db(s, "SELECT * FROM articles") == before
    finally:
        s.close()


def test_same_headline_different_files_are_different_stories():
    s = Site()
    try:
        # the reported corpus: one `gazette import --date` call per file
        first = s.write("first.txt", "Council approves harbour budget\n\nThe May story.\n")
        second = s.write("second.txt", "Council approves harbour budget\n\nThe June story.\n")
        third = s.write("third.md", story(body="The July story.", date="2024-07-03"))
        assert imp(s, "--date", "2024-05-01T09:00:00Z", first).stdout == \
            f"/2024/05/01/{SLUG}/\n"
        p = imp(s, "--date", "2024-06-02T09:00:00Z", second)
        assert p.stdout == f"/2024/06/02/{SLUG}-2/\n", p.stdout
        assert f"'{SLUG}-2'" in p.stderr, "the journalist is told"
        p = imp(s, third)
        assert p.stdout == f"/2024/07/03/{SLUG}-3/\n", p.stdout
        assert count(s) == 3
        server = Server(s)
        try:
            for path, text in ((f"/2024/05/01/{SLUG}/", "The May story."),
                               (f"/2024/06/02/{SLUG}-2/", "The June story."),
                               (f"/2024/07/03/{SLUG}-3/", "The July story.")):
                own = page(server, path)
                assert text in own and own.count(" story.") == 1, (path, own)
        finally:
            server.stop()
        # each file again updates its own story, not the first
        s.write("second.txt", "Council approves harbour budget\n\nThe June story, fixed.\n")
        assert imp(s, second).stdout == f"/2024/06/02/{SLUG}-2/\n"
        assert db(s, "SELECT body FROM articles ORDER BY id") == [
            ("The May story.",), ("The June story, fixed.",), ("The July story.",)]
    finally:
        s.close()


def test_moved_permalink_redirects_for_good():
    s = Site()
    try:
        f = s.write("budget.md", story(date="2024-05-01T09:00:00Z"))
        p1 = f"/2024/05/01/{SLUG}/"
        assert imp(s, f).stdout == p1 + "\n"
        # a new date moves it
        s.write("budget.md", story(date="2024-05-03T09:00:00Z"))
        p2 = f"/2024/05/03/{SLUG}/"
        p = imp(s, f)
        assert p.stdout == p2 + "\n", p.stdout
        assert f"moved from {p1}" in p.stderr, p.stderr
        # a new slug moves it again: both old permalinks lead to the newest
        s.write("budget.md", story(date="2024-05-03T09:00:00Z", slug="harbour-budget"))
        p3 = "/2024/05/03/harbour-budget/"
        assert imp(s, f).stdout == p3 + "\n"
        assert count(s) == 1
        server = Server(s)
        try:
            for old in (p1, p2):
                status, h, _ = server.get(old)
                assert status == 301 and h["location"] == p3, (old, status, h)
            status, h, _ = server.get(p1 + "?replytocom=7&x=%20y")
            assert status == 301 and h["location"] == p3 + "?replytocom=7&x=%20y", h
            status, h, _ = server.request("HEAD", p2)
            assert status == 301 and h["location"] == p3
            assert "First text." in page(server, p3)
            status, _, _ = server.get(f"/2024/05/02/{SLUG}/")
            assert status == 404, "only permalinks it had redirect"
        finally:
            server.stop()
    finally:
        s.close()


def test_date_rules():
    """A new article: the file's date, else --date, else now.  An update:
    the file's date, else an explicit --date, else the article's own."""
    s = Site()
    try:
        f = s.write("brief.txt", "Ferry timetable changes\n\nFrom Monday.\n")
        slug = "ferry-timetable-changes"
        assert imp(s, "--date", "2024-05-01T09:00:00Z", f).stdout == \
            f"/2024/05/01/{slug}/\n"
        # again without --date: it keeps its date (and permalink)
        assert imp(s, f).stdout == f"/2024/05/01/{slug}/\n"
        # again with an explicit --date: the journalist asked, it moves
        assert imp(s, "--date", "2024-05-02T09:00:00Z", f).stdout == \
            f"/2024/05/02/{slug}/\n"
        # a date in the file wins over --date
        g = s.write("dated.md", story(title="Dated", date="2024-03-01"))
        assert imp(s, "--date", "2024-05-02T09:00:00Z", g).stdout == \
            "/2024/03/01/dated/\n"
        # neither: a new article is dated now
        h = s.write("undated.md", story(title="Undated"))
        before = time.strftime("/%Y/%m/%d/undated/\n", time.gmtime())
        out = imp(s, h).stdout
        after = time.strftime("/%Y/%m/%d/undated/\n", time.gmtime())
        assert out in (before, after), out
        assert count(s) == 3
    finally:
        s.close()


def test_samples_reimport_in_place():
    """make run imports sample/ on every start: the same twelve articles,
    also in a demo site whose articles have no recorded source (made
    before sources were recorded): each sample names its slug."""
    s = Site()
    try:
        samples = sorted(glob.glob(os.path.join(ROOT, "sample", "[0-9]*.md")))
        assert len(samples) == 12
        first = imp(s, *samples).stdout
        assert len(first.splitlines()) == 11 and count(s) == 12
        assert imp(s, *samples).stdout == first and count(s) == 12
        # the samples copied elsewhere and edited: no source, no identical
        # bytes; only their slug: says they are the same articles
        moved = os.path.join(s.tmp, "sample")
        os.mkdir(moved)
        for f in samples:
            text = open(f, encoding="utf-8").read()
            assert "\nslug: " in text.split("\n---\n", 1)[0], f
            with open(os.path.join(moved, os.path.basename(f)), "w", encoding="utf-8") as out:
                out.write(text + "\nEdited.\n")
        p = imp(s, *sorted(glob.glob(os.path.join(moved, "*.md"))))
        assert p.stdout == first, p.stdout
        assert count(s) == 12
    finally:
        s.close()
