"""The front page's lead and section blocks; archives by section, tag,
author, year and month, paginated, with slugs for any name."""
import re

from harness import Server, Site, fixture, gazette, stop_all

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ALEPPO = "/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/"
site = server = None


def article(i, section, tags, author, date):
    return (f'---\ntitle: "Story number {i}"\ndate: {date}\nsection: {section}\n'
            f'tags: [{", ".join(tags)}]\nauthor: {author}\n---\n\nBody of story {i}.\n')


def setup_module():
    global site, server
    site = Site()
    site.ini_set("articles", "front_page_size", "3")
    files = [fixture("blinken.md"), fixture("aleppo.md")]
    for i in range(7):
        files.append(site.write(f"s{i}.md", article(
            i, "Sport & Leisure" if i % 2 else "Économie", ["Fútbol", "Local News"] if i % 2 else ["Café"],
            "José Álvarez" if i < 4 else "Zoë Müller", f"2025-0{1 + i % 3}-1{i}T10:00:00Z")))
    files.append(site.write("draft.md", article(99, "Hidden Section", ["Secret"], "Ghost",
                                                "2025-03-01T00:00:00Z").replace("---\n\nBody", "status: draft\n---\n\nBody")))
    gazette("import", "--site", site.dir, *files)
    server = Server(site)


def teardown_module():
    stop_all(server, site)


def links(text):
    return re.findall(r'<h3 class="summary-title"><a href="([^"]+)"', text)


def test_front_page_lead_latest_and_sections():
    text = server.get("/")[2].decode()
    lead = text[text.index('class="lead-story"'):text.index("</article>", text.index('class="lead-story"'))]
    assert "Story number 5" in lead, "the newest (2025-03-15) is the lead"
    assert 'class="section-blocks"' in text
    for name, slug in (("Middle East", "middle-east"), ("Économie", "economie"),
                       ("Sport &amp; Leisure", "sport-leisure")):
        assert f'<a href="/section/{slug}/">{name}</a></h2>' in text, name
    assert "Hidden Section" not in text


def test_section_archive_paginated_with_rel_links():
    status, _, body = server.get("/section/economie/")
    text = body.decode()
    assert status == 200 and "<h1 class=\"archive-title\">Économie</h1>" in text
    first = links(text)
    assert len(first) == 3
    assert '<link rel="next" href="/section/economie/page/2/">' in text
    status, _, body = server.get("/section/economie/page/2/")
    text = body.decode()
    assert status == 200 and len(links(text)) == 1 and not set(links(text)) & set(first)
    assert '<link rel="prev" href="/section/economie/">' in text and 'rel="next"' not in text
    assert server.get("/section/economie/page/3/")[0] == 404


def test_tag_author_archives_and_non_ascii_slugs():
    status, _, body = server.get("/tag/futbol/")
    assert status == 200 and "Tagged: Fútbol" in body.decode() and len(links(body.decode())) == 3
    status, _, body = server.get("/tag/gaza/")
    assert status == 200 and BLINKEN in body.decode() and ALEPPO not in body.decode()
    status, _, body = server.get("/author/zoe-muller/")
    assert status == 200 and "Articles by Zoë Müller" in body.decode()
    status, _, body = server.get("/author/staff/")
    assert BLINKEN in body.decode() and ALEPPO in body.decode()
    assert server.get("/tag/local-news/")[0] == 200


def test_period_archives():
    status, _, body = server.get("/2024/")
    text = body.decode()
    assert status == 200 and "Archive: 2024" in text and BLINKEN in text and ALEPPO in text
    status, _, body = server.get("/2024/05/")
    text = body.decode()
    assert status == 200 and "Archive: May 2024" in text and BLINKEN in text and ALEPPO not in text
    assert server.get("/2024/13/")[0] == 404
    assert server.get("/1999/")[0] == 404
    assert server.get("/2025/")[0] == 200 and server.get("/2025/page/3/")[0] == 200 and server.get("/2025/page/4/")[0] == 404


def test_unknown_names_and_drafts_404():
    for path in ("/section/nope/", "/tag/nope/", "/author/nobody/", "/tag/secret/",
                 "/section/hidden-section/", "/author/ghost/"):
        assert server.get(path)[0] == 404, path
