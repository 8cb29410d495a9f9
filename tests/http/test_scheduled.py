"""Scheduled articles: an article dated in the future is published at that
time, not before.  One dated 9999-12-31 used to become the lead story for
good; now no page, feed, sitemap, search, archive or related list shows
it, and its own URL answers 404.  One dated a few seconds ahead appears
by itself when its time comes, with no restart."""
import datetime
import email.utils
import os
import re
import sqlite3
import time
import urllib.parse

from comments import form_fields
from harness import Server, Site, fixture, gazette, stop_all

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ALEPPO = "/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/"
FOREVER = "/9999/12/31/embargoed-gaza-ceasefire-forever/"
SOON_AHEAD = 6   # seconds between the import and the time the second one is out
site = server = None
soon_at = soon_path = None


def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def setup_module():
    global site, server, soon_at, soon_path
    site = Site()
    gazette("import", "--site", site.dir, fixture("blinken.md"), fixture("aleppo.md"))
    # the Blinken story's own words and tags: without the rule it would be
    # Blinken's Check Also, and as the newest, the front page's lead
    blinken = open(fixture("blinken.md"), encoding="utf-8").read().split("---\n", 2)[2]
    forever = site.write("forever.md", (
        "---\ntitle: \"Embargoed Gaza ceasefire forever\"\ndate: 9999-12-31\n"
        "section: Far Future\ntags: [Gaza, Israel, Hamas, Ceasefire, Eternity]\n"
        "author: Cassandra\n---\n\nQuixotrance is the embargoed word. " + blinken))
    # (Blinken's page is among those checked below: its Check Also and
    # related list would name this story)
    soon_at = int(time.time()) + SOON_AHEAD
    soon = site.write("soon.md", (
        f"---\ntitle: \"Imminent harbour news\"\ndate: {iso(soon_at)}\nsection: Soon\n"
        "tags: [Harbour]\n---\n\nThe imminentword story, out in a few seconds.\n"))
    p = gazette("import", "--site", site.dir, forever, soon)
    soon_path = time.strftime("/%Y/%m/%d/imminent-harbour-news/", time.gmtime(soon_at))
    # the command line keeps them, and says when they come out
    assert p.stdout.splitlines() == [FOREVER, soon_path], p.stdout
    assert f"forever.md: scheduled: {FOREVER} appears on the site at 9999-12-31T00:00:00Z" \
        in p.stderr, p.stderr
    assert f"soon.md: scheduled: {soon_path} appears on the site at {iso(soon_at)}" \
        in p.stderr, p.stderr
    server = Server(site)


def teardown_module():
    stop_all(server, site)


def get(path):
    status, h, body = server.get(path)
    return status, body.decode("utf-8", "replace")


def lead(text):
    """The path of the front page's lead story."""
    m = re.search(r'<h2 class="lead-title"><a href="([^"]+)"', text)
    assert m, "no lead story"
    return m.group(1)


def test_a_few_seconds_ahead_appears_by_itself():
    # before its time (these two requests come first: they must run well
    # before soon_at, which the assertion at the end checks)
    status, _ = get(soon_path)
    front = get("/")[1]
    asked = time.time()
    assert status == 404, status
    assert soon_path not in front
    assert asked < soon_at, f"the machine took {asked - soon_at + SOON_AHEAD:.1f} s: inconclusive"
    time.sleep(max(0.0, soon_at + 1.2 - time.time()))
    status, text = get(soon_path)
    assert status == 200 and "imminentword" in text
    status, h, body = server.get("/")
    front = body.decode()
    assert lead(front) == soon_path, "the newest story out is the lead"
    # the front page changed when the story came out, not when it was saved
    # (a few seconds before): a cache that revalidates by date alone must
    # not be told "not modified"
    assert h["last-modified"] == email.utils.formatdate(soon_at, usegmt=True), h
    since = email.utils.formatdate(soon_at - 1, usegmt=True)
    assert server.get("/", headers={"If-Modified-Since": since})[0] == 200
    assert soon_path in get("/feed/")[1]
    assert soon_path in get("/section/soon/")[1]
    assert soon_path in get("/search?q=imminentword")[1]
    sitemap = get("/sitemap.xml")[1]
    child = re.findall(r"<loc>[^<]*(/sitemap-\d+\.xml)</loc>", sitemap)
    assert any(soon_path in get(c)[1] for c in child), "in a child sitemap"
    assert soon_path in get("/news-sitemap.xml")[1]


def test_9999_is_never_the_lead_nor_anywhere():
    front = get("/")[1]
    assert lead(front) != FOREVER
    assert FOREVER not in front and "Embargoed" not in front
    assert get(FOREVER)[0] == 404
    for path in ("/feed/", "/feed/atom/", "/feed/json/", "/section/middle-east/feed/",
                 "/tag/gaza/feed/", "/comments/feed/", "/news-sitemap.xml", "/sitemap.xml",
                 BLINKEN, ALEPPO, "/2024/"):
        status, text = get(path)
        assert status == 200, path
        assert FOREVER not in text and "Embargoed Gaza" not in text, path
    sitemap = get("/sitemap.xml")[1]
    for c in re.findall(r"<loc>[^<]*(/sitemap-\d+\.xml)</loc>", sitemap):
        text = get(c)[1]
        assert "9999" not in text and "far-future" not in text and "cassandra" not in text \
            and "eternity" not in text, c
    # its archives do not exist yet
    for path in ("/9999/", "/9999/12/", "/section/far-future/", "/tag/eternity/",
                 "/author/cassandra/", "/section/far-future/feed/"):
        assert get(path)[0] == 404, path
    # nor does search find it, by its own word or by the words it shares
    status, text = get("/search?q=quixotrance")
    assert status == 200 and FOREVER not in text
    status, text = get("/search?q=" + urllib.parse.quote("ceasefire Rafah"))
    assert status == 200 and BLINKEN in text and FOREVER not in text


def test_no_comment_on_a_scheduled_article():
    db = sqlite3.connect(os.path.join(site.dir, "gazette.db"))
    try:
        forever_id = db.execute("SELECT id FROM articles WHERE path = ?", (FOREVER,)).fetchone()[0]
    finally:
        db.close()
    fields = form_fields(server.get(BLINKEN)[2])
    fields.update({"article": str(forever_id), "comment": "Too early", "author": "A",
                   "email": "a@example.org"})
    status, _, _ = server.request("POST", "/comments", body=urllib.parse.urlencode(fields),
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 404


def test_import_keeps_it_and_it_stays_an_import():
    # imported again: the same article (its source), still scheduled
    p = gazette("import", "--site", site.dir, os.path.join(site.tmp, "forever.md"))
    assert p.stdout == FOREVER + "\n"
    assert f"scheduled: {FOREVER} appears on the site at 9999-12-31T00:00:00Z" in p.stderr, \
        p.stderr
    assert get(FOREVER)[0] == 404
