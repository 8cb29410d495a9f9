"""<meta name="description">: exactly one on every kind of page, a
sentence about that page (the site's tagline on the front page, or one
naming the site), escaped."""
import html
import re

from harness import Server, Site, fixture, gazette

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
TITLE = 'Tom & Jerry\'s "Daily" <News>'
TAGLINE = "Cats, mice & <everything> in between"
site = server = plain_site = plain_server = None


def setup_module():
    global site, server, plain_site, plain_server
    site = Site()
    files = [fixture("blinken.md"), fixture("aleppo.md")]
    for i in range(3):    # a second page of the front page, the section and the year
        files.append(site.write(f"more-{i}.md", f'---\ntitle: "More news {i}"\n'
                                f"date: 2024-05-0{i + 2}T10:00:00Z\nsection: Middle East\n"
                                f"author: Staff\ntags: [Gaza]\n---\n\nMore text {i}.\n"))
    gazette("import", "--site", site.dir, *files)
    site.ini_set("site", "title", TITLE)
    site.ini_set("site", "tagline", TAGLINE)
    site.ini_set("articles", "front_page_size", "2")
    server = Server(site)
    plain_site = Site()
    gazette("import", "--site", plain_site.dir, fixture("blinken.md"))
    plain_site.ini_set("site", "title", "The Plain Post")
    plain_site.ini_set("site", "tagline", "")
    plain_server = Server(plain_site)


def teardown_module():
    try:
        server.stop()
        plain_server.stop()
    finally:
        site.close()
        plain_site.close()


def description(srv, path, status=200):
    """The one description of path, unescaped; asserts there is one and
    that its markup is escaped."""
    got, _, body = srv.get(path)
    assert got == status, (path, got)
    text = body.decode("utf-8")
    metas = re.findall(r'<meta name="description"[^>]*>', text)
    assert len(metas) == 1, (path, metas)
    m = re.fullmatch(r'<meta name="description" content="([^"<>]*)">', metas[0])
    assert m, (path, metas[0])
    value = html.unescape(m.group(1))
    assert value.strip(), path
    return value


def test_front_page_is_the_tagline():
    assert description(server, "/") == TAGLINE
    assert description(server, "/page/2/") == f"Older articles from {TITLE}, page 2."


def test_front_page_without_a_tagline_names_the_site():
    assert description(plain_server, "/") == "The latest news from The Plain Post."


def test_archives():
    cases = {
        "/section/middle-east/": f"Latest news from Middle East at {TITLE}.",
        "/section/middle-east/page/2/": f"Latest news from Middle East at {TITLE}, page 2.",
        "/tag/gaza/": f"Articles tagged Gaza at {TITLE}.",
        "/author/staff/": f"Articles by Staff at {TITLE}.",
        "/2024/": f"Articles published in 2024 at {TITLE}.",
        "/2024/page/2/": f"Articles published in 2024 at {TITLE}, page 2.",
        "/2024/05/": f"Articles published in May 2024 at {TITLE}.",
        "/2024/11/": f"Articles published in November 2024 at {TITLE}.",
    }
    for path, want in cases.items():
        assert description(server, path) == want, path


def test_search():
    assert description(server, "/search") == f"Search the articles of {TITLE}."
    assert description(server, "/search?q=truce+%3Cb%3E") == \
        f"Search results for “truce <b>” at {TITLE}."
    assert description(server, "/search?q=xyzzyplugh") == \
        f"Search results for “xyzzyplugh” at {TITLE}."
    assert description(server, "/search?q=news&page=9", 404) == \
        f"Search results for “news” at {TITLE}, page 9."


def test_article_keeps_its_excerpt():
    value = description(server, BLINKEN)
    assert value.startswith("U.S. Secretary of State Antony Blinken has been vocal"), value


def test_error_pages():
    assert description(server, "/no/such/page/", 404) == \
        "Page not found: Sorry, there is nothing at this address."
    assert description(server, "/section/no-such-section/", 404).startswith("Page not found: ")
