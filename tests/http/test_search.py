"""Search, /search?q=…&page=N: ranking, phrases, prefixes, case and
diacritics, Arabic and Hebrew, drafts, escaped highlights, pagination,
"did you mean", hostile queries, and the index in step with re-import."""
import html
import random
import re
import urllib.parse

from harness import Server, Site, fixture, gazette

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ALEPPO = "/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/"
PAGED = 23          # articles sharing one word, for pagination
site = server = None


def article(name, title, body, date="2024-06-01T12:00:00Z", section="World", extra=""):
    """A Markdown file with front matter, written in the site's temp dir."""
    return site.write(name, f'---\ntitle: "{title}"\ndate: {date}\nsection: {section}\n'
                            f'author: Desk\n{extra}---\n\n{body}\n')


def setup_module():
    global site, server
    site = Site()
    files = [
        fixture("blinken.md"), fixture("aleppo.md"),
        # ranking: the word in the title of one, only in the body of the other
        article("title-match.md", "Zanzibar ferry resumes", "Boats sail again at dawn.",
                date="2024-01-10T08:00:00Z"),
        article("body-match.md", "Harbour news", "The Zanzibar route reopened and Zanzibar "
                "travellers cheered the Zanzibar crew.", date="2024-06-10T08:00:00Z"),
        article("cafe.md", "Café culture returns", "The café on the corner opened again.",
                section="Culture"),
        article("scripts.md", "Talks in two capitals",
                "Envoys met in القاهرة and then in ירושלים before the vote."),
        article("draft.md", "Secret Zanzibar draft", "A glimmerword nobody may read.",
                extra="status: draft\n"),
        article("reimport.md", "Zoo report", "The walrus appeared at noon."),
    ]
    for i in range(PAGED):
        files.append(article(f"paged-{i:02d}.md", f"Pagination story {i}",
                             f"Every one of these mentions quokkas, number {i}.",
                             date=f"2023-03-{i + 1:02d}T10:00:00Z"))
    gazette("import", "--site", site.dir, *files)
    # plain text keeps "<script>" as text in the body: the highlight must escape it
    hostile = site.write("hostile.txt", "Hostile body\n\nThe <script>alert(1)</script> "
                                        "truce holds & “quotes” stay.\n")
    gazette("import", "--site", site.dir, "--date", "2024-02-02", "--section", "Tests", hostile)
    server = Server(site)


def teardown_module():
    try:
        server.stop()
    finally:
        site.close()


def search(q=None, page=None, raw=None):
    """(status, text) of /search with q (URL-encoded here) and page, or
    with a raw query string."""
    if raw is None:
        params = []
        if q is not None:
            params.append("q=" + urllib.parse.quote(q, safe=""))
        if page is not None:
            params.append(f"page={page}")
        raw = "&".join(params)
    status, headers, body = server.get("/search" + ("?" + raw if raw else ""))
    assert status != 500, f"500 for {raw!r}"
    if status < 400 or status == 404:
        assert headers["content-type"] == "text/html; charset=utf-8"
    return status, body.decode("utf-8")


def result_paths(text):
    """The article paths of the results, in order."""
    ol = re.search(r'<ol class="article-list search-results"[^>]*>(.*?)</ol>', text, re.S)
    if not ol:
        return []
    return re.findall(r'<h2 class="summary-title"><a href="([^"]+)"', ol.group(1))


def slug_of(path):
    return path.rstrip("/").rsplit("/", 1)[-1]


# ---- the page ---------------------------------------------------------------

def test_form_in_every_page_header():
    status, _, body = server.get("/")
    text = body.decode("utf-8")
    assert status == 200
    form = re.search(r'<form[^>]*role="search"[^>]*>(.*?)</form>', text, re.S)
    assert form and 'action="/search"' in form.group(0) and 'method="get"' in form.group(0)
    field = re.search(r'<input id="([^"]+)" type="search" name="q"', form.group(1))
    assert field and f'<label for="{field.group(1)}">' in form.group(1)


def test_results_page_title_count_refill_and_fields():
    status, text = search("truce")
    assert status == 200
    assert re.search(r"<title>Search results for “truce” – [^<]*</title>", text)
    assert 'name="q" value="truce"' in text
    assert '<p class="search-count">2 results</p>' in text
    paths = result_paths(text)
    assert BLINKEN in paths and len(paths) == 2
    item = text.split(f'<a href="{BLINKEN}">', 1)[1].split("</li>", 1)[0]
    assert '<time datetime="2024-05-01T09:00:00Z">May 1, 2024</time>' in item
    assert '<mark>truce</mark>' in item
    sect = text.split("<li class=\"article-summary\">")[paths.index(BLINKEN) + 1]
    assert '<a href="/section/middle-east/">Middle East</a>' in sect
    assert '<meta name="robots" content="noindex, follow">' in text


def test_head_works():
    status, _, body = server.request("HEAD", "/search?q=truce")
    assert status == 200 and body == b""


def test_title_match_ranks_above_body_only_match():
    # the body-only article says it three times, and is newer
    _, text = search("zanzibar")
    assert [slug_of(p) for p in result_paths(text)] == [
        "zanzibar-ferry-resumes", "harbour-news"]


def test_phrase():
    _, text = search('"gaza truce"')
    assert result_paths(text) == [BLINKEN]
    assert "<mark>Gaza truce</mark>" in text
    _, text = search('"truce gaza"')
    assert result_paths(text) == [] and "No articles match" in text
    # curly quotes work as straight ones
    _, text = search("“gaza truce”")
    assert result_paths(text) == [BLINKEN]


def test_all_words_must_match():
    _, text = search("blinken aleppo")
    assert result_paths(text) == []
    _, text = search("syrian insurgents")
    assert result_paths(text) == [ALEPPO]


def test_prefix():
    _, text = search("insurg*")
    assert result_paths(text) == [ALEPPO]
    assert "<mark>Insurgents</mark>" in text and "<mark>insurgents</mark>" in text
    _, text = search("insurg")
    assert result_paths(text) == []


def test_diacritics_and_case():
    for q in ("cafe", "CAFE", "café", "CAFÉ", "Cafè"):
        _, text = search(q)
        assert [slug_of(p) for p in result_paths(text)] == ["cafe-culture-returns"], q
    _, text = search("BLINKEN")
    assert result_paths(text) == [BLINKEN]
    assert "<mark>Blinken</mark>" in text


def test_arabic_and_hebrew():
    for word in ("القاهرة", "ירושלים"):
        status, text = search(word)
        assert status == 200
        assert [slug_of(p) for p in result_paths(text)] == ["talks-in-two-capitals"], word
        assert f"<mark>{word}</mark>" in text
        assert f'value="{word}"' in text


def test_drafts_are_not_found():
    _, text = search("glimmerword")
    assert result_paths(text) == [] and "No articles match" in text
    _, text = search("zanzibar")
    assert "secret" not in text.lower()


def test_highlight_is_escaped():
    _, text = search("truce")
    item = text.split("Hostile body</a></h2>", 1)[1].split("</li>", 1)[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>truce</mark>" in item
    assert "<script>" not in text
    assert "&amp; “quotes” stay." in item


def test_pagination():
    q = "quokkas"
    status, text = search(q)
    assert status == 200 and len(result_paths(text)) == 10
    assert f"Results 1–10 of {PAGED}" in text
    assert '<a rel="next" href="/search?q=quokkas&amp;page=2">' in text
    assert '<link rel="next" href="/search?q=quokkas&amp;page=2">' in text
    assert 'rel="prev"' not in text
    _, text2 = search(q, 2)
    assert '<a rel="prev" href="/search?q=quokkas">' in text2
    assert '<a rel="next" href="/search?q=quokkas&amp;page=3">' in text2
    assert 'start="11"' in text2
    _, text3 = search(q, 3)
    assert len(result_paths(text3)) == PAGED - 20 and 'rel="next"' not in text3
    seen = result_paths(text) + result_paths(text2) + result_paths(text3)
    assert len(set(seen)) == PAGED
    # past the end, or not a page number: a 404 that keeps the form
    for page in ("4", "99999", "0", "-1", "abc", "", "1e3", "99999999999999999999"):
        status, t = search(q, page)
        assert status == 404, page
        assert 'name="q" value="quokkas"' in t and 'href="/search?q=quokkas"' in t


def test_paging_links_encode_the_query():
    _, text = search('"every one" quokkas & of')
    link = re.search(r'<a rel="next" href="([^"]+)"', text).group(1)
    assert html.unescape(link) == "/search?q=%22every%20one%22%20quokkas%20%26%20of&page=2"
    status, _, body = server.get(html.unescape(link))
    assert status == 200 and len(result_paths(body.decode("utf-8"))) == 10


def test_no_results_suggests_and_offers_ways_on():
    _, text = search("blinkn")
    assert "No articles match" in text
    m = re.search(r'Did you mean: <a href="([^"]+)">([^<]+)</a>', text)
    assert m and m.group(2) == "blinken" and m.group(1) == "/search?q=blinken"
    assert result_paths(search("blinken")[1]) == [BLINKEN]
    assert '<a href="/section/middle-east/">Middle East</a>' in text
    assert f'<a href="{ALEPPO}">' in text      # the latest article
    # each word is corrected; the corrected query must find something
    _, text = search("blinkn gaza")
    assert 'Did you mean: <a href="/search?q=blinken%20gaza">blinken gaza</a>' in text
    _, text = search("xqzvw")
    assert "Did you mean" not in text and "No articles match" in text


def test_empty_queries_show_the_form_only():
    for raw in ("", "q=", "q=+++", "q=%22", "q=*", "q=%21%3F%3A%5E%28%29", "other=1"):
        status, text = search(raw=raw)
        assert status == 200, raw
        assert "<title>Search – " in text
        assert 'name="q"' in text
        assert "search-count" not in text and "No articles match" not in text


def test_hostile_queries_never_fail_and_are_echoed_escaped():
    rng = random.Random(4)
    queries = [
        "<script>alert(1)</script>", '"', '"unbalanced phrase', '""', "*", "**", '"*',
        "NEAR(", "NEAR(a b, 3)", "a:b", "title:truce", "^truce", "truce OR gaza",
        "NOT truce", "AND", "(truce", "truce)", "{title}: x", "-truce", "+truce",
        "'", "\\", "\\\"", "%00", "%", "&", "&amp;", "a\tb", "😀", '"😀"*', "😀 truce",
        "x" * 5000, ("truce " * 1000).strip(), "ا" * 1000, "حلب", "שלום",
        "".join(chr(rng.randrange(1, 0x2FFF)) for _ in range(300)),
    ]
    for q in queries:
        status, text = search(q)
        assert status == 200, q
        assert 'name="q"' in text
        if "<" in q:
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
            assert "<script>alert(1)" not in text
    # the truce query still finds it after the noise around it
    _, text = search("😀 truce")
    assert BLINKEN in result_paths(text)
    # raw bytes, not UTF-8, never NUL: repaired, never a 500
    for _ in range(40):
        raw = bytes(rng.randrange(1, 256) for _ in range(rng.randrange(1, 200)))
        status, text = search(raw="q=" + urllib.parse.quote_from_bytes(raw, safe=""))
        assert status == 200
    status, text = search(raw="q=" + urllib.parse.quote_from_bytes(b"\xff\xfe\xc3(", safe=""))
    assert status == 200 and "\ufffd" in text
    # controls (C0, DEL, C1) and noncharacters never reach the page
    status, text = search("a\x01b\x7fc\x85d\ufdd0e\uffff\U0001fffe truce")
    assert status == 200
    assert 'value="a b c d\ufffde\ufffd\ufffd truce"' in text


def test_malformed_query_string_is_a_400():
    for raw in ("q=%00", "q=%zz", "q=%4"):
        status, _ = search(raw=raw)
        assert status == 400, raw


def test_index_follows_reimport():
    _, text = search("walrus")
    assert [slug_of(p) for p in result_paths(text)] == ["zoo-report"]
    path = article("reimport.md", "Zoo report", "The seal appeared at noon.")
    gazette("import", "--site", site.dir, path)
    _, text = search("walrus")
    assert result_paths(text) == []
    _, text = search("seal")
    assert [slug_of(p) for p in result_paths(text)] == ["zoo-report"]
    assert "<mark>seal</mark>" in text
