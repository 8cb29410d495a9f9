"""The served site: article page, Check Also, comment form, front page,
errors, limits, HTTP/2, logging, stopping."""
import html
import re
import socket
import subprocess
from html.parser import HTMLParser

from harness import Server, Site, fixture, gazette, stop_all

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ALEPPO = "/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/"
site = server = None


def setup_module():
    global site, server
    site = Site()
    gazette("import", "--site", site.dir, fixture("blinken.md"), fixture("aleppo.md"))
    hostile = site.write("hostile.md", '---\ntitle: "<script>alert(1)</script> & \\"Q\\" ’"\n'
                         'date: 2023-01-01T00:00:00Z\nsection: Tests & <Trials>\n---\n\n'
                         'Hello <script>alert(2)</script> [x](javascript:alert(3)) &amp; done\n')
    gazette("import", "--site", site.dir, hostile)
    server = Server(site)


def teardown_module():
    stop_all(server, site)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text under some."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.stack, self.text = [], [], {}

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        pass


def tags(body, name):
    p = Elements()
    p.feed(body.decode("utf-8"))
    return [a for t, a in p.tags if t == name]


def paragraphs(path):
    text = open(path, encoding="utf-8").read().split("---", 2)[2]
    return [p.strip() for p in text.strip().split("\n\n")]


def test_article_headline_in_h1_and_title():
    status, h, body = server.get(BLINKEN)
    assert status == 200 and h["content-type"] == "text/html; charset=utf-8"
    text = body.decode("utf-8")
    head = "Blinken presses Hamas for Gaza truce amid Israel talks"
    assert re.search(r"<h1[^>]*>" + re.escape(head) + "</h1>", text)
    assert re.search(r"<title>" + re.escape(head) + r" – [^<]*</title>", text)


def test_article_paragraphs_in_order_and_intact():
    _, _, body = server.get(BLINKEN)
    text = body.decode("utf-8")
    pos = 0
    for p in paragraphs(fixture("blinken.md")):
        i = text.find("<p>" + p + "</p>", pos)
        assert i >= 0, f"paragraph missing or out of order: {p[:60]}"
        pos = i
    assert "Netanyahu’s" in text and "&amp;" not in text.split("<main")[1].split("Check Also")[0]
    assert "â€" not in text, "mojibake"


def test_article_date_byline_section():
    _, _, body = server.get(BLINKEN)
    text = body.decode()
    assert '<time class="published" datetime="2024-05-01T09:00:00Z">May 1, 2024</time>' in text
    assert re.search(r'class="author">Staff<', text)
    assert '<a href="/section/middle-east/">Middle East</a>' in text


def test_check_also_names_related_story_with_cut_excerpt():
    _, _, body = server.get(BLINKEN)
    text = body.decode()
    box = text[text.index('class="check-also"'):]
    box = box[:box.index("</aside>")]
    assert ">Check Also</h2>" in box
    assert f'<a href="{ALEPPO}">Insurgents Advance from Aleppo, Assad Vows Defeat</a>' in box
    assert ("<p class=\"check-also-excerpt\">On Saturday, thousands of Syrian insurgents "
            "captured most of Aleppo, the country’s largest city, in a …</p>") in box


def test_check_also_prefers_shared_tags_and_skips_self():
    _, _, body = server.get(ALEPPO)
    text = body.decode()
    box = text[text.index('class="check-also"'):text.index("</aside>")]
    assert BLINKEN in box, "same section beats an unrelated older story"
    assert ALEPPO not in box


def test_comment_section_form():
    _, _, body = server.get(BLINKEN)
    text = body.decode()
    for s in ("Leave a Reply", "Your email address will not be published.",
              "Required fields are marked", "Post Comment",
              "Save my name, email, and website in this browser for the next time I comment."):
        assert s in text, s
    forms = tags(body, "form")
    assert any(f.get("action") == "/comments" and f.get("method") == "post" for f in forms)
    assert "token" in {a.get("name") for a in tags(body, "input")}
    inputs = {a.get("name"): a for a in tags(body, "input") + tags(body, "textarea")}
    for name in ("comment", "author", "email"):
        assert "required" in inputs[name], name
    assert "required" not in inputs["url"]
    assert inputs["consent"]["type"] == "checkbox"
    aid = inputs["article"]
    assert aid["type"] == "hidden" and aid["value"].isdigit()
    ids = {a.get("id") for a in tags(body, "input") + tags(body, "textarea")}
    fors = [a["for"] for a in tags(body, "label")]
    for f in ("comment", "author", "email", "url", "consent"):
        assert f in fors and f in ids, f
    assert text.count('<span class="required"') >= 4


def test_front_page_lists_latest():
    status, _, body = server.get("/")
    assert status == 200
    text = body.decode()
    a, b = text.index(f'href="{ALEPPO}"'), text.index(f'href="{BLINKEN}"')
    assert a < b, "newest first"
    assert '<time datetime="2024-11-30T15:00:00Z">November 30, 2024</time>' in text
    assert "On Saturday, thousands of Syrian insurgents" in text


def test_escaping_of_hostile_article():
    _, _, body = server.get("/")
    text = body.decode()
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Q&quot; ’" in text
    path = re.search(r'href="(/2023/01/01/[^"]+)"', text).group(1)
    status, _, body = server.get(path)
    assert status == 200
    page = body.decode()
    # the theme's own scripts (JSON-LD data, /theme/ files) aside, no script
    live = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.S)
    live = re.sub(r'<script src="/theme/[a-z-]+\.js" defer></script>', "", live)
    assert "<script" not in live and "javascript:" not in page
    assert "&amp;amp;" not in page, "double escaping"
    assert "Tests &amp; &lt;Trials&gt;" in page


def test_unknown_path_404_themed():
    status, h, body = server.get("/no/such/page/")
    assert status == 404 and b"Page not found" in body and b"/theme/style.css" in body
    status, _, _ = server.get("/2024/05/01/no-such-story/")
    assert status == 404


def test_missing_trailing_slash_redirects():
    status, h, _ = server.get(BLINKEN.rstrip("/"))
    assert status == 301 and h["location"] == BLINKEN


def test_wrong_method_405():
    status, h, _ = server.request("POST", "/")
    assert status == 405 and "GET" in h["allow"]
    status, h, _ = server.request("GET", "/comments")
    assert status == 405 and h["allow"] == "POST"
    status, _, _ = server.request("DELETE", BLINKEN)
    assert status == 405


def test_head():
    status, h, body = server.request("HEAD", BLINKEN)
    assert status == 200 and body == b""
    assert int(h["content-length"]) == len(server.get(BLINKEN)[2]) > 5000


def test_header_limit_431_and_body_limit_413():
    status, _, _ = server.get("/", headers={"X-Big": "a" * 20000})
    assert status == 431
    # the head announces 2 MB: the answer must come before the body is sent
    s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    s.sendall(b"POST /comments HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n"
              b"Content-Type: application/x-www-form-urlencoded\r\n\r\ncomment=")
    reply = s.recv(65536)
    s.close()
    assert reply.startswith(b"HTTP/1.1 413 "), reply[:80]


def test_keep_alive_and_stylesheet():
    import http.client
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    for path in ("/", BLINKEN, "/theme/style.css"):
        status, h, _ = server.get(path, conn=conn)
        assert status == 200
    assert h["content-type"].startswith("text/css")
    etag = h["etag"]
    status, _, body = server.get("/theme/style.css", conn=conn, headers={"If-None-Match": etag})
    assert status == 304 and body == b""
    conn.close()


def test_http2_prior_knowledge():
    out = subprocess.run(["curl", "-s", "--http2-prior-knowledge", "-o", "/dev/null",
                          "-w", "%{http_version} %{response_code}",
                          f"http://127.0.0.1:{server.port}{BLINKEN}"],
                         capture_output=True, text=True, timeout=20).stdout
    assert out == "2 200", out


def test_access_log_line_per_request_without_query():
    server.get("/?email=reader%40example.org")
    server.get("/nothing-here/")
    log = server.access_log()
    assert re.search(r'^127\.0\.0\.1 - - \[[^\]]+\] "GET / HTTP/1\.1" 200 \d+ ', log, re.M), log
    assert '"GET /nothing-here/ HTTP/1.1" 404' in log
    assert "example.org" not in log and "email" not in log


def test_bad_requests_do_not_crash():
    for raw in (b"GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET /2024/05/01/%00/ HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GARBAGE\r\n\r\n",
                b"GET " + b"/a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"):
        s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        s.sendall(raw)
        try:
            s.recv(65536)
        except OSError:
            pass
        s.close()
    status, _, _ = server.get("/")
    assert status == 200
