"""What an article's head tells crawlers and social sites: canonical,
description, Open Graph, Twitter card, JSON-LD NewsArticle."""
import html
import json
import re

from harness import Server, Site, fixture, gazette

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"


def meta(text, attr, name):
    return [html.unescape(m) for m in re.findall(
        rf'<meta {attr}="{re.escape(name)}" content="([^"]*)">', text)]


def test_article_head_metadata():
    site = Site()
    try:
        site.ini_set("site", "base_url", "https://news.example.org/")
        site.ini_set("site", "title", "The Example Times")
        gazette("import", "--site", site.dir, fixture("blinken.md"))
        hostile = site.write("h.md", '---\ntitle: "</script><script>alert(1)</script> & “Q”"\n'
                             'date: 2024-01-01\n---\n\nText.\n')
        gazette("import", "--site", site.dir, hostile)
        server = Server(site)
        try:
            text = server.get(BLINKEN)[2].decode()
            url = "https://news.example.org" + BLINKEN
            assert f'<link rel="canonical" href="{url}">' in text
            assert meta(text, "property", "og:type") == ["article"]
            assert meta(text, "property", "og:url") == [url]
            assert meta(text, "property", "og:title") == ["Blinken presses Hamas for Gaza truce amid Israel talks"]
            assert meta(text, "property", "og:description")[0].startswith("U.S. Secretary of State")
            assert meta(text, "property", "article:published_time") == ["2024-05-01T09:00:00Z"]
            assert meta(text, "property", "article:section") == ["Middle East"]
            assert meta(text, "property", "article:tag") == ["Gaza", "Israel", "Hamas", "Ceasefire", "United States"]
            assert meta(text, "name", "twitter:card") == ["summary"]
            ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))
            assert ld["@type"] == "NewsArticle" and ld["headline"].startswith("Blinken presses")
            assert ld["datePublished"] == "2024-05-01T09:00:00Z" and ld["dateModified"]
            assert ld["author"][0]["name"] == "Staff"
            assert ld["publisher"]["name"] == "The Example Times"
            assert ld["publisher"]["logo"]["url"] == "https://news.example.org/theme/logo.svg"
            assert ld["mainEntityOfPage"]["@id"] == url
            assert server.get("/theme/logo.svg")[0] == 200
            # the hostile headline cannot close the JSON-LD script
            path = re.search(r'href="(/2024/01/01/[^"]+)"', server.get("/")[2].decode()).group(1)
            text = server.get(path)[2].decode()
            block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
            assert json.loads(block)["headline"] == "</script><script>alert(1)</script> & “Q”"
            assert "<script>alert(1)" not in text
        finally:
            server.stop()
    finally:
        site.close()
