"""Search, /search?q=…&page=N: ranking, phrases, prefixes, case and
diacritics, Arabic and Hebrew, drafts, escaped highlights, pagination,
"did you mean", hostile queries, the index in step with re-import, and
the articles that match only some of the words, listed below those that
match them all."""
import html
import random
import re
import urllib.parse

from harness import Server, Site, fixture, gazette, stop_all

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ALEPPO = "/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/"
PAGED = 23          # articles sharing one word, for pagination
SURVEYS = 3         # articles with all of "wombat numbat bilby"
BURROWS = 14        # articles with two of them
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
    # partial matches: "marmoset lantern quarry"
    files += [
        article("full-title.md", "Marmoset lantern quarry fair", "A small fair."),
        article("full-body.md", "Regional round-up",
                "Councils met on Monday. " * 20 + "A marmoset, a lantern and a quarry "
                "were among the items discussed. " + "Rain is expected later. " * 20),
        article("partial-headline.md", "Marmoset steals a lantern", "Keepers were surprised."),
        article("partial-body.md", "Town notes", "A marmoset was seen near the quarry."),
        article("one-word.md", "Lantern parade", "Lights everywhere."),
        article("numbers.md", "Visitor figures", "The number of visitors grew."),
    ]
    for i in range(SURVEYS):
        files.append(article(f"survey-{i}.md", f"Marsupial survey {i}",
                             "The wombat, the numbat and the bilby were counted.",
                             date=f"2022-01-{i + 1:02d}T10:00:00Z"))
    for i in range(BURROWS):
        files.append(article(f"burrow-{i:02d}.md", f"Burrow report {i}",
                             "A wombat and a numbat shared a burrow." if i % 2 else
                             "A numbat and a bilby shared a burrow.",
                             date=f"2022-02-{i + 1:02d}T10:00:00Z"))
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
    stop_all(server, site)


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


def partial_paths(text):
    """The article paths of the partial matches, in order."""
    ol = re.search(r'<ol class="article-list search-results search-partial"[^>]*>(.*?)</ol>',
                   text, re.S)
    if not ol:
        return []
    return re.findall(r'<h2 class="summary-title"><a href="([^"]+)"', ol.group(1))


def slugs(paths):
    return [slug_of(p) for p in paths]


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


def test_full_matches_have_every_word():
    _, text = search("blinken aleppo")
    assert result_paths(text) == []
    # ... each has one of the two: listed as such, under their own heading
    assert sorted(partial_paths(text)) == sorted([BLINKEN, ALEPPO])
    assert ('<h2 class="search-partial-title">No article has all of your words; '
            'these have some</h2>') in text
    assert '<p class="search-count">2 results</p>' in text
    _, text = search("syrian insurgents")
    assert result_paths(text) == [ALEPPO]


# ---- some of the words ------------------------------------------------------

def test_two_of_three_words_found_below_the_full_matches():
    status, text = search("marmoset lantern quarry")
    assert status == 200
    assert slugs(result_paths(text)) == ["marmoset-lantern-quarry-fair", "regional-round-up"]
    # two of the three words: the one with them in its headline first;
    # one of three is not enough
    assert slugs(partial_paths(text)) == ["marmoset-steals-a-lantern", "town-notes"]
    assert text.index('class="article-list search-results"') < text.index("search-partial")
    assert '<h2 class="search-partial-title">Articles with some of your words</h2>' in text
    assert '<ol class="article-list search-results search-partial" start="3">' in text
    assert '<p class="search-count">4 results</p>' in text
    # every word found is marked, in the headline and the snippet
    assert "<mark>Marmoset</mark> steals a <mark>lantern</mark>" in text
    item = text.split('<a href="/2024/06/01/town-notes/">', 1)[1].split("</li>", 1)[0]
    assert "A <mark>marmoset</mark> was seen near the <mark>quarry</mark>." in item


def test_full_matches_always_first():
    # the full match that says each word once in a long body scores far
    # below the partial match with two of them in its short headline
    _, text = search("quarry lantern marmoset")
    full, partial = result_paths(text), partial_paths(text)
    assert slugs(full)[-1] == "regional-round-up"
    assert slugs(partial)[0] == "marmoset-steals-a-lantern"
    assert text.index(full[-1]) < text.index(partial[0])


def test_partial_matches_ranked_by_how_many_words():
    # nothing has "kestrel": three of four words before two of four, even
    # when the two are in a headline and the three in a long body
    _, text = search("marmoset lantern quarry kestrel")
    assert result_paths(text) == []
    assert slugs(partial_paths(text)) == [
        "marmoset-lantern-quarry-fair", "regional-round-up",   # 3 of 4
        "marmoset-steals-a-lantern", "town-notes"]             # 2 of 4
    assert "Did you mean" not in text


def test_paging_across_the_boundary():
    q = "wombat numbat bilby"
    status, text1 = search(q)
    assert status == 200
    full1, part1 = result_paths(text1), partial_paths(text1)
    assert len(full1) == SURVEYS and len(part1) == 10 - SURVEYS
    total = SURVEYS + BURROWS
    assert f"Results 1–10 of {total}" in text1
    assert '<ol class="article-list search-results" start="1">' in text1
    assert f'<ol class="article-list search-results search-partial" start="{SURVEYS + 1}">' \
        in text1
    assert '<a rel="next" href="/search?q=wombat%20numbat%20bilby&amp;page=2">' in text1
    status, text2 = search(q, 2)
    assert status == 200
    assert result_paths(text2) == []
    part2 = partial_paths(text2)
    assert len(part2) == total - 10
    assert f"Results 11–{total} of {total}" in text2
    assert '<ol class="article-list search-results search-partial" start="11">' in text2
    assert 'rel="next"' not in text2
    seen = full1 + part1 + part2
    assert len(seen) == len(set(seen)) == total        # no duplicate, no gap
    assert {slug_of(p) for p in full1} == {f"marsupial-survey-{i}" for i in range(SURVEYS)}
    assert {slug_of(p) for p in part1 + part2} == {f"burrow-report-{i}" for i in range(BURROWS)}
    # the same query gives the same order every time
    assert partial_paths(search(q, 2)[1]) == part2 and partial_paths(search(q)[1]) == part1
    assert search(q, 3)[0] == 404


def test_a_page_of_full_matches_lists_no_partial_ones():
    # every quokka story says "number"; "Visitor figures" has only
    # "number", which would make it a partial match
    for page in (1, 2, 3):
        _, text = search("quokkas number", page)
        assert partial_paths(text) == [] and "search-partial" not in text
    _, text = search("quokkas number")
    assert f"Results 1–10 of {PAGED}" in text
    _, text = search("number visitors")
    assert slugs(result_paths(text)) == ["visitor-figures"]


def test_partial_phrases_stay_phrases():
    # "quarry marmoset" is next to each other nowhere; Town notes has both
    # words apart, and no "lantern": not a match at all
    _, text = search('"quarry marmoset" lantern')
    assert result_paths(text) == []
    assert sorted(slugs(partial_paths(text))) == sorted([
        "marmoset-lantern-quarry-fair", "regional-round-up", "marmoset-steals-a-lantern",
        "lantern-parade"])


def test_partial_matches_never_drafts():
    _, text = search("glimmerword zanzibar")
    assert result_paths(text) == []
    assert slugs(partial_paths(text)) == ["zanzibar-ferry-resumes", "harbour-news"]
    assert "secret" not in text.lower()


def test_words_found_nowhere_find_nothing():
    for q in ("xqzvw blorptz", "xqzvw blorptz fnargle", '"xqzvw blorptz" fnargle*'):
        _, text = search(q)
        assert result_paths(text) == [] and partial_paths(text) == [], q
        assert "No articles match" in text and "search-partial" not in text, q


def test_did_you_mean_beside_partial_matches():
    # "blinkn" is in no article, "gaza" is: the gaza articles are listed as
    # partial matches, and the corrected query, which matches in full, offered
    _, text = search("blinkn gaza")
    assert result_paths(text) == [] and BLINKEN in partial_paths(text)
    assert 'Did you mean: <a href="/search?q=blinken%20gaza">blinken gaza</a>' in text
    assert "No articles match" not in text


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
