"""The article feeds: RSS 2.0 (/feed/), Atom 1.0 (/feed/atom/) and JSON
Feed 1.1 (/feed/json/) of the site, of sections, tags, authors, years and
months; parsed by Debian's python3-feedparser (no bozo), the Atom feeds
validated against the RELAX NG schema in tests/spec/atom/, the JSON
checked against the JSON Feed 1.1 fields.  Also: the <link rel="alternate">
tags of every page, escaping of hostile text in all three formats, no
email anywhere, the comment feeds still parsing."""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET

from comments import EMAIL, post
from harness import ROOT, Server, Site, fixture, gazette

BASE = "https://news.example.org"
BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ALEPPO = "/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/"
ATOM_RNG = os.path.join(ROOT, "tests", "spec", "atom", "atom.rng")
NS = {"atom": "http://www.w3.org/2005/Atom",
      "dc": "http://purl.org/dc/elements/1.1/",
      "content": "http://purl.org/rss/1.0/modules/content/"}
EMAIL_RE = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")

HOSTILE_TITLE = "<script>alert(\"t\")</script> Tom & Jerry's \"big\" <b>day</b>"
HOSTILE = ('---\ntitle: "<script>alert(\\"t\\")</script> Tom & Jerry\'s \\"big\\" <b>day</b>"\n'
           'date: 2025-06-01T12:00:00Z\nsection: "R&D <Lab>"\ntags: ["AT&T", "<i>x</i>"]\n'
           'author: "O\'Brien & \\"Sons\\""\nslug: hostile\n---\n\n'
           'Body with <script>alert("b")</script> and AT&T\'s "quotes" & <img src=x onerror=alert(1)>.\n\n'
           '[click](javascript:alert(1)) and **bold** text, code `<script>alert(\'c\')</script>`.\n')
HOSTILE_PATH = "/2025/06/01/hostile/"

feedparser = None
site = server = full_site = full_server = None


def story(i, section, tags, author, date, words=80):
    body = " ".join(f"word{i}x{k}" for k in range(words))
    return (f'---\ntitle: "Story number {i}"\ndate: {date}\nsection: {section}\n'
            f'tags: [{", ".join(tags)}]\nauthor: {author}\n---\n\n{body}.\n\nSecond paragraph {i}.\n')


def import_feedparser():
    """Debian's python3-feedparser; reached from another python3 (pyenv)
    through Debian's dist-packages.  Missing: the module fails, not skips."""
    global feedparser
    try:
        import feedparser as fp
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
        try:
            import feedparser as fp
        except ImportError:
            raise AssertionError("python3-feedparser is missing: scripts/deps.sh test")
    feedparser = fp


def setup_module():
    global site, server, full_site, full_server
    import_feedparser()
    assert os.path.exists(ATOM_RNG), f"missing the Atom schema {ATOM_RNG}"
    site = Site()
    site.ini_set("site", "base_url", BASE + "/")
    for k, v in {"min_submit_seconds": "0", "flood_seconds": "0",
                 "hold_unknown_authors": "false"}.items():
        site.ini_set("comments", k, v)
    files = [fixture("blinken.md"), fixture("aleppo.md"), site.write("hostile.md", HOSTILE)]
    for i in range(22):   # 25 published in all: more than the 20 a feed carries
        files.append(site.write(f"s{i}.md", story(
            i, "Économie" if i % 2 else "Sport", ["Café"] if i % 3 else ["Fútbol", "Local News"],
            "Zoë Müller" if i < 5 else "José Álvarez", f"2025-01-{1 + i:02d}T08:30:00Z")))
    files.append(site.write("draft.md", story(99, "Hidden Section", ["Secret"], "Ghost",
                                              "2025-03-01T00:00:00Z").replace(
        "---\n\n", "status: draft\n---\n\n", 1)))
    gazette("import", "--site", site.dir, *files)
    server = Server(site)
    # a comment with an email, which no feed may show
    status, _, _ = post_comment(BLINKEN, comment="Thanks for this.", author="Ann Reader",
                                email=EMAIL, url="")
    assert status == 303, status

    full_site = Site()
    full_site.ini_set("site", "base_url", BASE)
    full_site.ini_set("feeds", "full_text", "true")
    full_site.ini_set("feeds", "items", "3")
    gazette("import", "--site", full_site.dir, fixture("blinken.md"), fixture("aleppo.md"),
            full_site.write("hostile.md", HOSTILE),
            *[full_site.write(f"f{i}.md", story(i, "Sport", ["Café"], "Zoë Müller",
                                                f"2025-02-0{1 + i}T08:00:00Z")) for i in range(3)])
    full_server = Server(full_site)


def teardown_module():
    for s, d in ((server, site), (full_server, full_site)):
        try:
            if s:
                s.stop()
        finally:
            if d:
                d.close()


# ---- helpers ---------------------------------------------------------------

def post_comment(path, **values):
    """Post the comment form of the article at path with values."""
    return post(server, path, **values)


def fetch(path, kind, srv=None):
    """GET a feed: 200 with the content type of its kind; the body."""
    status, h, body = (srv or server).get(path)
    assert status == 200, (path, status)
    want = {"rss": "application/rss+xml", "atom": "application/atom+xml",
            "json": "application/feed+json"}[kind]
    assert h["content-type"].split(";")[0].strip() == want, (path, h["content-type"])
    return body


def parsed(path, kind, srv=None):
    """A feed fetched and parsed by feedparser, which must find it clean."""
    body = fetch(path, kind, srv)
    d = feedparser.parse(body)
    assert d.bozo == 0, (path, d.get("bozo_exception"))
    assert d.version == {"rss": "rss20", "atom": "atom10", "json": "json11"}[kind], d.version
    return d, body


def relaxng_atom(body, what):
    """xmllint against tests/spec/atom/atom.rng; fail when invalid."""
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(body)
    try:
        p = subprocess.run(["xmllint", "--noout", "--relaxng", ATOM_RNG, f.name],
                           capture_output=True, text=True, timeout=60)
    finally:
        os.unlink(f.name)
    assert p.returncode == 0, f"{what} is not valid Atom:\n{p.stderr}"


def json_feed(path, srv=None):
    """A JSON Feed 1.1 fetched, parsed, its required fields checked."""
    body = fetch(path, "json", srv)
    doc = json.loads(body)
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(doc["title"], str) and doc["title"]
    assert isinstance(doc["items"], list)
    for item in doc["items"]:
        for key in ("id", "url", "title", "date_published", "date_modified"):
            assert isinstance(item[key], str) and item[key], (key, item)
        assert "content_html" in item or "content_text" in item, item
        assert "summary" in item, item
        for key in ("date_published", "date_modified"):
            datetime.datetime.strptime(item[key], "%Y-%m-%dT%H:%M:%SZ")
        assert item["date_modified"] >= item["date_published"]
    return doc, body


def entry(d, link):
    """The feedparser entry whose link is link."""
    for e in d.entries:
        if e.link == link:
            return e
    raise AssertionError(f"no entry for {link} in {[e.link for e in d.entries]}")


def rss_items(body):
    return ET.fromstring(body).findall("./channel/item")


# ---- the site's feeds ----------------------------------------------------------

def test_site_rss_latest_20_with_dates_ids_authors_categories():
    d, body = parsed("/feed/", "rss")
    assert d.feed.title == "gazette demo"
    assert d.feed.link == BASE + "/"
    assert len(d.entries) == 20, len(d.entries)
    dates = [e.published_parsed for e in d.entries]
    assert dates == sorted(dates, reverse=True), "newest first"
    assert BASE + ALEPPO not in [e.link for e in d.entries], "older than the 20 newest"
    e = entry(d, BASE + "/2025/01/21/story-number-20/")
    assert e.title == "Story number 20"
    assert e.id == e.link
    assert e.author == "José Álvarez"
    assert [t.term for t in e.tags] == ["Sport", "Café"]
    assert tuple(e.published_parsed[:6]) == (2025, 1, 21, 8, 30, 0)
    assert e.comments == e.link + "#comments"
    # the raw document: RFC 822 dates, a permalink guid, dc:creator and no <author>
    items = rss_items(body)
    assert len(items) == 20
    for it in items:
        assert re.fullmatch(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug"
                            r"|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000", it.findtext("pubDate"))
        guid = it.find("guid")
        assert guid.get("isPermaLink") == "true" and guid.text == it.findtext("link")
        assert guid.text.startswith(BASE + "/20")
        assert it.find("author") is None, "RSS <author> is an email field"
    root = ET.fromstring(body)
    self_link = root.find("./channel/atom:link", NS)
    assert self_link.get("rel") == "self" and self_link.get("href") == BASE + "/feed/"
    assert root.findtext("./channel/language") == "en"


def test_blinken_dates_and_categories_in_all_three_formats():
    # Blinken is older than the site feed's 20 newest: its section's feed
    _, rss = parsed("/section/middle-east/feed/", "rss")
    item = [i for i in rss_items(rss) if i.findtext("link") == BASE + BLINKEN][0]
    assert item.findtext("pubDate") == "Wed, 01 May 2024 09:00:00 +0000"
    assert item.findtext("dc:creator", namespaces=NS) == "Staff"
    assert [c.text for c in item.findall("category")] == [
        "Middle East", "Gaza", "Israel", "Hamas", "Ceasefire", "United States"]

    d, atom = parsed("/section/middle-east/feed/atom/", "atom")
    e = entry(d, BASE + BLINKEN)
    assert e.id == BASE + BLINKEN
    assert e.published == "2024-05-01T09:00:00Z"
    assert e.updated >= e.published
    assert e.author == "Staff"
    assert [t.term for t in e.tags] == ["Middle East", "Gaza", "Israel", "Hamas", "Ceasefire",
                                        "United States"]
    assert e.tags[0].scheme == BASE + "/section/" and e.tags[1].scheme == BASE + "/tag/"
    raw = ET.fromstring(atom)
    ent = [x for x in raw.findall("atom:entry", NS) if x.findtext("atom:id", namespaces=NS) == BASE + BLINKEN][0]
    assert ent.findtext("atom:published", namespaces=NS) == "2024-05-01T09:00:00Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", ent.findtext("atom:updated", namespaces=NS))
    assert ent.findtext("atom:author/atom:uri", namespaces=NS) == BASE + "/author/staff/"

    doc, _ = json_feed("/section/middle-east/feed/json/")
    item = [i for i in doc["items"] if i["url"] == BASE + BLINKEN][0]
    assert item["id"] == BASE + BLINKEN
    assert item["date_published"] == "2024-05-01T09:00:00Z"
    assert item["authors"] == [{"name": "Staff", "url": BASE + "/author/staff/"}]
    assert item["tags"] == ["Middle East", "Gaza", "Israel", "Hamas", "Ceasefire", "United States"]


def test_site_atom_valid_and_complete():
    d, body = parsed("/feed/atom/", "atom")
    relaxng_atom(body, "/feed/atom/")
    assert len(d.entries) == 20
    assert d.feed.id == BASE + "/feed/atom/"
    links = {l.rel: l.href for l in d.feed.links}
    assert links == {"alternate": BASE + "/", "self": BASE + "/feed/atom/"}
    newest = max(e.updated for e in d.entries)
    assert d.feed.updated == newest, "the feed's updated is its newest entry's"
    for e in d.entries:
        assert e.id == e.link and e.link.startswith(BASE + "/20")
        assert e.summary and "content" not in e, "excerpts only by default"
    root = ET.fromstring(body)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_site_json_feed():
    doc, _ = json_feed("/feed/json/")
    assert doc["title"] == "gazette demo"
    assert doc["home_page_url"] == BASE + "/"
    assert doc["feed_url"] == BASE + "/feed/json/"
    assert doc["language"] == "en"
    assert len(doc["items"]) == 20
    for item in doc["items"]:
        assert item["id"] == item["url"] and item["url"].startswith(BASE + "/20")
        assert "content_html" not in item and item["content_text"] == item["summary"]
    published = [i["date_published"] for i in doc["items"]]
    assert published == sorted(published, reverse=True)


def test_excerpts_are_cut_and_html_safe_by_default():
    d, body = parsed("/section/sport/feed/", "rss")
    e = d.entries[0]
    assert e.summary.endswith(" …"), e.summary
    assert len(e.summary.split()) <= 56
    assert b"content:encoded" not in body


def test_same_ids_in_every_format():
    rss, _ = parsed("/tag/cafe/feed/", "rss")
    atom, _ = parsed("/tag/cafe/feed/atom/", "atom")
    doc, _ = json_feed("/tag/cafe/feed/json/")
    ids = [e.id for e in rss.entries]
    assert ids == [e.id for e in atom.entries] == [i["id"] for i in doc["items"]]
    assert ids and all(i.startswith(BASE + "/") for i in ids)


# ---- per section, tag, author, period ------------------------------------

def test_named_feeds_list_what_their_archive_lists():
    for kind, slug, title in (("section", "economie", "Économie – gazette demo"),
                              ("tag", "futbol", "Tagged: Fútbol – gazette demo"),
                              ("author", "zoe-muller", "Articles by Zoë Müller – gazette demo")):
        page = server.get(f"/{kind}/{slug}/")[2].decode()
        d, body = parsed(f"/{kind}/{slug}/feed/", "rss")
        assert d.feed.title == title
        assert d.feed.link == f"{BASE}/{kind}/{slug}/"
        self_href = ET.fromstring(body).find("./channel/atom:link", NS).get("href")
        assert self_href == f"{BASE}/{kind}/{slug}/feed/"
        listed = re.findall(r'<h3 class="summary-title"><a href="([^"]+)"', page)
        assert [e.link for e in d.entries][:len(listed)] == [BASE + p for p in listed]
        a, atom = parsed(f"/{kind}/{slug}/feed/atom/", "atom")
        relaxng_atom(atom, f"/{kind}/{slug}/feed/atom/")
        assert [e.id for e in a.entries] == [e.id for e in d.entries]
        assert {l.rel: l.href for l in a.feed.links}["self"] == f"{BASE}/{kind}/{slug}/feed/atom/"
        doc, _ = json_feed(f"/{kind}/{slug}/feed/json/")
        assert doc["feed_url"] == f"{BASE}/{kind}/{slug}/feed/json/"
        assert doc["home_page_url"] == f"{BASE}/{kind}/{slug}/"
        assert [i["id"] for i in doc["items"]] == [e.id for e in d.entries]
    d, _ = parsed("/author/zoe-muller/feed/", "rss")
    assert len(d.entries) == 5 and all(e.author == "Zoë Müller" for e in d.entries)


def test_period_feeds():
    d, _ = parsed("/2024/feed/", "rss")
    assert [e.link for e in d.entries] == [BASE + ALEPPO, BASE + BLINKEN]
    d, body = parsed("/2024/05/feed/atom/", "atom")
    relaxng_atom(body, "/2024/05/feed/atom/")
    assert [e.link for e in d.entries] == [BASE + BLINKEN]
    doc, _ = json_feed("/2025/01/feed/json/")
    assert len(doc["items"]) == 20 and doc["title"] == "Archive: January 2025 – gazette demo"


def test_unknown_or_empty_names_404():
    for path in ("/section/nope/feed/", "/section/nope/feed/atom/", "/section/nope/feed/json/",
                 "/tag/nope/feed/", "/tag/secret/feed/atom/", "/author/nobody/feed/json/",
                 "/author/ghost/feed/", "/section/hidden-section/feed/",
                 "/section/hidden-section/feed/json/", "/2023/feed/", "/2024/13/feed/",
                 "/2024/06/feed/atom/", "/feed/rss/", "/feed/atom/x/"):
        assert server.get(path)[0] == 404, path


def test_head_and_no_trailing_slash():
    status, h, body = server.request("HEAD", "/feed/atom/")
    assert status == 200 and body == b"" and h["content-type"].startswith("application/atom+xml")
    status, h, _ = server.get("/feed/json")
    assert status == 301 and h["location"].endswith("/feed/json/")


# ---- full text ---------------------------------------------------------------

def test_full_text_setting_and_item_count():
    d, body = parsed("/feed/", "rss", full_server)
    assert len(d.entries) == 3, "[feeds] items = 3"
    e = entry(d, BASE + "/2025/02/03/story-number-2/")
    assert e.content[0].value.startswith("<p>word2x0 ") and "Second paragraph 2" in e.content[0].value
    assert e.summary.endswith(" …")
    a, atom = parsed("/feed/atom/", "atom", full_server)
    relaxng_atom(atom, "the full-text Atom feed")
    assert len(a.entries) == 3
    ent = [x for x in ET.fromstring(atom).findall("atom:entry", NS)
           if x.findtext("atom:id", namespaces=NS) == e.link][0]
    content = ent.find("atom:content", NS)
    assert content.get("type") == "html" and content.text.startswith("<p>word2x0 ")
    doc, _ = json_feed("/feed/json/", full_server)
    assert len(doc["items"]) == 3
    item = [i for i in doc["items"] if i["id"] == e.link][0]
    assert item["content_html"].startswith("<p>word2x0 ")
    assert item["summary"].endswith(" …")


def test_full_text_body_as_escaped_html():
    d, body = parsed("/section/middle-east/feed/", "rss", full_server)
    e = entry(d, BASE + BLINKEN)
    html = e.content[0].value
    assert "Netanyahu’s administration has set a deadline" in html
    assert html.count("<p>") == 7
    # in the document itself the HTML is escaped text, not elements
    assert b"&lt;p&gt;U.S. Secretary of State" in body
    item = [i for i in rss_items(body) if i.findtext("link") == BASE + BLINKEN][0]
    assert item.findtext("content:encoded", namespaces=NS).startswith("<p>U.S. Secretary")


# ---- hostile text and email -------------------------------------------------

def test_hostile_text_escaped_in_all_formats():
    for srv in (server, full_server):
        for path in ("/tag/at-t/feed/", "/section/r-d-lab/feed/", "/author/obrien-sons/feed/",
                     "/feed/"):
            rss = fetch(path, "rss", srv)
            atom = fetch(path + "atom/", "atom", srv)
            js = fetch(path + "json/", "json", srv)
            for body in (rss, atom, js):
                assert b"<script" not in body.lower() and b"<img" not in body.lower()
                assert b"<b>" not in body and b"<i>" not in body
            relaxng_atom(atom, f"{path}atom/ with a hostile article")
            item = [i for i in rss_items(rss) if i.findtext("link") == BASE + HOSTILE_PATH][0]
            assert item.findtext("title") == HOSTILE_TITLE
            assert item.findtext("dc:creator", namespaces=NS) == "O'Brien & \"Sons\""
            assert [c.text for c in item.findall("category")] == ["R&D <Lab>", "AT&T", "<i>x</i>"]
            # the description is HTML: the excerpt's text (the raw HTML of
            # the Markdown is gone, the code span's is text) escaped as HTML
            desc = item.findtext("description")
            assert "<" not in desc and "AT&amp;T" in desc and "alert(&quot;b&quot;)" in desc
            assert "code &lt;script&gt;alert(&#39;c&#39;)&lt;/script&gt;" in desc, desc
            ent = [x for x in ET.fromstring(atom).findall("atom:entry", NS)
                   if x.findtext("atom:id", namespaces=NS) == BASE + HOSTILE_PATH][0]
            assert ent.findtext("atom:title", namespaces=NS) == HOSTILE_TITLE
            assert ent.findtext("atom:author/atom:name", namespaces=NS) == "O'Brien & \"Sons\""
            summary = ent.findtext("atom:summary", namespaces=NS)
            assert summary.startswith('Body with alert("b") and AT&T\'s "quotes" &'), summary
            assert "code <script>alert('c')</script>" in summary
            doc = json.loads(js)
            item = [i for i in doc["items"] if i["id"] == BASE + HOSTILE_PATH][0]
            assert item["title"] == HOSTILE_TITLE
            assert item["tags"] == ["R&D <Lab>", "AT&T", "<i>x</i>"]
            assert item["summary"] == summary
            d = feedparser.parse(rss)
            assert d.bozo == 0
            e = entry(d, BASE + HOSTILE_PATH)
            assert e.title == HOSTILE_TITLE
            assert "<script" not in e.summary and "alert('c')" in e.summary
            if srv is full_server:
                for html in (item["content_html"],
                             ent.findtext("atom:content", namespaces=NS),
                             e.content[0].value):
                    assert "<script" not in html and "<img" not in html
                    assert "javascript:" not in html
                    assert "<strong>bold</strong>" in html
                    assert "<code>&lt;script&gt;alert(" in html


def test_no_email_in_any_feed():
    paths = ["/feed/", "/feed/atom/", "/feed/json/", "/section/middle-east/feed/",
             "/section/middle-east/feed/atom/", "/section/middle-east/feed/json/",
             "/author/staff/feed/", "/author/staff/feed/atom/", "/author/staff/feed/json/",
             "/tag/gaza/feed/json/", "/2024/feed/atom/", "/comments/feed/", BLINKEN + "feed/"]
    for path in paths:
        status, _, body = server.get(path)
        assert status == 200, path
        assert EMAIL.encode() not in body and not EMAIL_RE.search(body), path


def test_comment_feeds_still_parse():
    d, body = parsed("/comments/feed/", "rss")
    assert len(d.entries) == 1 and d.entries[0].author == "Ann Reader"
    assert "Thanks for this." in d.entries[0].summary
    d, _ = parsed(BLINKEN + "feed/", "rss")
    assert len(d.entries) == 1 and d.entries[0].link.startswith(BASE + BLINKEN + "#comment-")


# ---- discovery ---------------------------------------------------------------

def alternates(path, srv=None):
    text = (srv or server).get(path)[2].decode()
    head = text[:text.index("</head>")]
    return re.findall(r'<link rel="alternate" type="([^"]+)" title="([^"]*)" href="([^"]+)">', head)


def test_site_feeds_in_every_page_head():
    for path in ("/", "/page/2/", BLINKEN, "/section/sport/", "/tag/cafe/page/2/", "/2024/",
                 "/no/such/page/"):
        found = [(t, h) for t, _, h in alternates(path)]
        for want in (("application/rss+xml", "/feed/"), ("application/atom+xml", "/feed/atom/"),
                     ("application/feed+json", "/feed/json/")):
            assert want in found, (path, found)
    for t, _, h in alternates("/"):
        status, hdrs, _ = server.get(h)
        assert status == 200 and hdrs["content-type"].startswith(t), h


def test_archive_pages_link_their_own_feeds():
    for path, title in (("/section/economie/", "Économie"), ("/tag/local-news/", "Tagged: Local News"),
                        ("/author/jose-alvarez/", "Articles by José Álvarez"),
                        ("/2024/05/", "Archive: May 2024")):
        found = alternates(path)
        own = [(t, ti, h) for t, ti, h in found if h.startswith(BASE)]
        assert [(t, h) for t, _, h in own] == [
            ("application/rss+xml", f"{BASE}{path}feed/"),
            ("application/atom+xml", f"{BASE}{path}feed/atom/"),
            ("application/feed+json", f"{BASE}{path}feed/json/")], (path, found)
        assert all(ti.startswith(title.replace("&", "&amp;")) for _, ti, _ in own), own
        for t, _, h in own:
            status, hdrs, _ = server.get(h[len(BASE):])
            assert status == 200 and hdrs["content-type"].startswith(t), h
    # later pages of an archive keep the site's feeds only
    assert not [h for _, _, h in alternates("/section/economie/page/2/") if h.startswith(BASE)]
    # an article names its comment feed
    assert ("application/rss+xml", BLINKEN + "feed/") in [(t, h) for t, _, h in alternates(BLINKEN)]
