"""HTTP caching: ETag and Last-Modified, 304 on conditional requests,
Cache-Control by page kind (and from [cache]), gzip and brotli by
Accept-Encoding with Vary, and HEAD answering as GET does, on every kind
of page; checked with real clients (http.client, curl over HTTP/1.1 and
HTTP/2) and real decoders (zlib; brotli through curl, and through the
brotli module when this Python has it)."""
import email.utils
import re
import subprocess
import sys
import time
import urllib.parse
import zlib

from harness import Server, Site, fixture, gazette, stop_all

try:
    import brotli
except ImportError:
    # Debian's python3-brotli lives in the system Python's dist-packages,
    # which a Python of another installation (pyenv) does not search
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import brotli
    except ImportError:
        brotli = None  # then curl alone checks the br bodies
    finally:
        sys.path.remove("/usr/lib/python3/dist-packages")

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ALEPPO = "/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/"
AVATAR = "/avatar/" + "0123456789abcdef" * 2 + ".svg"
ARTICLE_CC = "public, max-age=0, s-maxage=60"
site = server = None


def setup_module():
    global site, server
    site = Site()
    gazette("import", "--site", site.dir, fixture("blinken.md"), fixture("aleppo.md"))
    for k, v in {"min_submit_seconds": "0", "flood_seconds": "0",
                 "hold_unknown_authors": "false", "moderation_words": "holdme"}.items():
        site.ini_set("comments", k, v)
    server = Server(site)
    # a visible comment, so the comment feeds have an item
    assert post(server, ALEPPO, comment="A first comment for the feeds.", author="Ann",
                email="ann@example.org")[0] == 303
    # every Last-Modified below is earlier than the current second
    time.sleep(1.1)


def teardown_module():
    stop_all(server, site)


def post(server, path, **values):
    """GET path, fill its comment form with values, POST it."""
    page = server.get(path)[2].decode()
    form = page[page.index('<form action="/comments"'):]
    form = form[:form.index("</form>")]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)"[^>]* value="([^"]*)"', form))
    fields.update(values)
    return server.request("POST", "/comments", body=urllib.parse.urlencode(fields).encode(),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})


def comment_id(location):
    return int(re.search(r"#comment-(\d+)$", location).group(1))


def token(body):
    m = re.search(rb'name="token" value="([^"]*)"', body)
    return m.group(1) if m else None


def same_render(fetch):
    """fetch() -> list of (status, headers, body); repeated until every
    article body in it carries the same form token (they were rendered in
    one second, so their bytes may be compared).  A compressed body is
    read decoded: its token is not visible in the packed bytes."""
    for _ in range(10):
        answers = fetch()
        bodies = [decoded(h, b) if b else b for _, h, b in answers]   # HEAD: no body
        tokens = {token(b) for b in bodies if token(b)}
        if len(tokens) <= 1:
            return answers
    raise AssertionError("could not get two renders within one second")


def pages():
    """(path, kind) of every page kind this server answers 200."""
    kinds = [(BLINKEN, "article"), ("/", "list"), ("/comments/feed/", "feed"),
             (ALEPPO + "feed/", "feed"), ("/theme/style.css", "asset"),
             (AVATAR, "avatar")]
    # pages of other parts, checked once they exist; "other": pages whose
    # kind and Last-Modified are their owners' to set
    for path, kind in (("/feed/", "feed"), ("/feed/atom/", "feed"), ("/feed/json/", "feed"),
                       ("/section/middle-east/", "list"), ("/2024/", "list"),
                       ("/2024/05/", "list"), ("/search?q=gaza", "other"),
                       ("/sitemap.xml", "other"), ("/news-sitemap.xml", "other"),
                       ("/robots.txt", "other")):
        if server.get(path)[0] == 200:
            kinds.append((path, kind))
    return kinds


def with_last_modified():
    return [(p, k) for p, k in pages() if k != "other"]


def decoded(h, body):
    enc = h.get("content-encoding")
    if enc is None:
        return body
    if enc == "gzip":
        return zlib.decompress(body, 16 + zlib.MAX_WBITS)
    assert enc == "br", enc
    assert brotli is not None, "a br body, and no brotli module to read it"
    return brotli.decompress(body)


def curl(*args):
    p = subprocess.run(["curl", "-s", *args], capture_output=True, timeout=20)
    assert p.returncode == 0, p.stderr
    return p.stdout


def curl_head(out):
    """Status and lower-cased headers of curl -D - output (last answer)."""
    text = out.decode("latin-1").replace("\r\n", "\n")
    head = text.strip().split("\n\n")[-1].split("\n")
    status = int(head[0].split()[1])
    return status, {k.strip().lower(): v.strip()
                    for k, v in (line.split(":", 1) for line in head[1:] if ":" in line)}


# ---- validators on every page ---------------------------------------------

def test_every_page_kind_has_etag_last_modified_and_cache_control():
    want_cc = {"article": ARTICLE_CC, "list": "public, max-age=60",
               "feed": "public, max-age=300", "asset": "public, max-age=86400",
               "avatar": "public, max-age=31536000, immutable"}
    for path, kind in pages():
        status, h, _ = server.get(path)
        assert status == 200, path
        assert re.fullmatch(r'(W/)?"[0-9a-f]{16}"', h["etag"]), (path, h["etag"])
        assert "cache-control" in h, path
        if kind == "other":
            continue
        lm = email.utils.parsedate_to_datetime(h["last-modified"]).timestamp()
        assert lm <= time.time(), path
        assert h["last-modified"].endswith(" GMT"), path
        assert h["cache-control"] == want_cc[kind], (path, h["cache-control"])


def test_article_last_modified_follows_its_newest_comment():
    _, h, _ = server.get(BLINKEN)
    before = email.utils.parsedate_to_datetime(h["last-modified"]).timestamp()
    etag = h["etag"]
    time.sleep(1.1)
    status, _, _ = post(server, BLINKEN, comment="Moves the page's date.", author="Bo",
                        email="bo@example.org")
    assert status == 303
    time.sleep(1.1)
    _, h, _ = server.get(BLINKEN)
    after = email.utils.parsedate_to_datetime(h["last-modified"]).timestamp()
    assert after > before and h["etag"] != etag
    # the client's copies, by either validator, are now stale
    assert server.get(BLINKEN, headers={"If-None-Match": etag})[0] == 200
    since = email.utils.formatdate(before, usegmt=True)
    assert server.get(BLINKEN, headers={"If-Modified-Since": since})[0] == 200


def test_article_etag_is_weak_and_survives_the_form_token():
    """The comment form's token changes every second; the page's ETag,
    which leaves it out, does not, so revalidation still works."""
    _, h1, b1 = server.get(BLINKEN)
    time.sleep(1.1)
    _, h2, b2 = server.get(BLINKEN)
    assert token(b1) != token(b2), "the token is issued per second"
    assert h1["etag"] == h2["etag"] and h1["etag"].startswith('W/"')
    assert server.get(BLINKEN, headers={"If-None-Match": h1["etag"]})[0] == 304
    # pages without a token have strong ETags
    assert server.get("/")[1]["etag"].startswith('"')


# ---- 304 --------------------------------------------------------------------

def test_304_on_matching_etag_for_every_page_kind():
    for path, _ in pages():
        for ae in (None, "gzip", "br"):
            hdrs = {"Accept-Encoding": ae} if ae else {}
            _, h, _ = server.get(path, headers=hdrs)
            status, h304, body = server.get(path, headers=dict(hdrs, **{"If-None-Match": h["etag"]}))
            assert status == 304 and body == b"", (path, ae, status)
            for k in ("etag", "cache-control", "last-modified"):
                assert h304.get(k) == h.get(k), (path, ae, k)
            assert h304.get("vary") == h.get("vary"), (path, ae)
            assert "content-encoding" not in h304 and "content-type" not in h304
            status, _, _ = server.request("HEAD", path, headers=dict(hdrs, **{"If-None-Match": h["etag"]}))
            assert status == 304, (path, ae)


def test_if_none_match_lists_weak_and_star():
    _, h, _ = server.get("/")
    etag = h["etag"]
    for inm in (f'"nope", {etag}', f'{etag},"nope"', f"W/{etag}", "*", f'  {etag}  '):
        assert server.get("/", headers={"If-None-Match": inm})[0] == 304, inm
    for inm in ('"nope"', etag[:-2] + '"', etag.replace('"', ""), ""):
        assert server.get("/", headers={"If-None-Match": inm})[0] == 200, inm


def test_etag_of_one_coding_does_not_validate_another():
    _, h, _ = server.get("/", headers={"Accept-Encoding": "gzip"})
    gz = h["etag"]
    assert gz.endswith('-gz"')
    _, h, _ = server.get("/", headers={"Accept-Encoding": "br"})
    assert h["etag"].endswith('-br"')
    _, h, _ = server.get("/")
    assert h["etag"] == gz.replace("-gz", "")
    assert server.get("/", headers={"If-None-Match": gz})[0] == 200
    assert server.get("/", headers={"If-None-Match": gz, "Accept-Encoding": "br"})[0] == 200
    assert server.get("/", headers={"If-None-Match": gz, "Accept-Encoding": "gzip"})[0] == 304


def test_if_modified_since():
    for path, _ in with_last_modified():
        _, h, _ = server.get(path)
        lm = h["last-modified"]
        t = email.utils.parsedate_to_datetime(lm).timestamp()
        assert server.get(path, headers={"If-Modified-Since": lm})[0] == 304, path
        later = email.utils.formatdate(t + 1, usegmt=True)
        assert server.get(path, headers={"If-Modified-Since": later})[0] == 304, path
        earlier = email.utils.formatdate(t - 1, usegmt=True)
        assert server.get(path, headers={"If-Modified-Since": earlier})[0] == 200, path
        # the RFC 850 and asctime forms HTTP/1.0 clients may send
        rfc850 = time.strftime("%A, %d-%b-%y %H:%M:%S GMT", time.gmtime(t))
        asctime = time.strftime("%a %b %e %H:%M:%S %Y", time.gmtime(t))
        for form in (rfc850, asctime):
            assert server.get(path, headers={"If-Modified-Since": form})[0] == 304, (path, form)
        # If-None-Match decides when both are sent
        assert server.get(path, headers={"If-Modified-Since": lm,
                                         "If-None-Match": '"other"'})[0] == 200, path
        # nonsense and dates in the future are ignored
        assert server.get(path, headers={"If-Modified-Since": "yesterday"})[0] == 200, path
        future = email.utils.formatdate(time.time() + 86400, usegmt=True)
        assert server.get(path, headers={"If-Modified-Since": future})[0] == 200, path


def test_no_304_and_no_validators_off_200_and_get():
    status, h, body = server.get("/nothing-here/", headers={"If-None-Match": "*"})
    assert status == 404 and body
    assert "etag" not in h and "last-modified" not in h
    status, h, _ = server.request("POST", "/comments", body=b"",
                                  headers={"If-None-Match": "*",
                                           "Content-Type": "application/x-www-form-urlencoded"})
    assert status in (400, 403, 404, 422), status
    assert "etag" not in h and h["cache-control"] == "no-store"


# ---- Cache-Control on the rest ---------------------------------------------

def test_errors_redirects_and_posts_are_not_cached_publicly():
    status, h, _ = server.get("/nothing-here/")
    assert status == 404 and h["cache-control"] == "public, max-age=30"
    status, h, _ = server.request("DELETE", BLINKEN)
    assert status == 405 and h["cache-control"] == "no-store"
    status, h, _ = server.get(BLINKEN.rstrip("/"))
    assert status == 301 and h["cache-control"] == "no-store" and "etag" not in h
    status, h, _ = post(server, BLINKEN, comment="A 303 has no ETag.", author="Cy",
                        email="cy@example.org", consent="yes")
    assert status == 303 and "etag" not in h and "last-modified" not in h
    assert h["cache-control"] == "no-store" and "set-cookie" in h
    status, h, _ = post(server, BLINKEN, comment="", author="Cy", email="cy@example.org")
    assert status == 422 and "etag" not in h and h["cache-control"] == "no-store"


def jar_of(set_cookie):
    return "; ".join(c.split(";")[0] for c in re.split(r",\s*(?=comment_)", set_cookie))


def test_pages_that_show_the_readers_cookies_are_private():
    # a held comment, shown only to its writer
    status, h, _ = post(server, ALEPPO, comment="Please holdme, moderator.", author="Di",
                        email="di@example.org")
    assert status == 303
    cid = comment_id(h["location"])
    jar = jar_of(h["set-cookie"])
    status, h, body = server.get(ALEPPO, headers={"Cookie": jar, "Accept-Encoding": "gzip, br"})
    assert f'id="comment-{cid}"'.encode() in body
    assert h["cache-control"] == "private, no-store"
    assert "content-encoding" not in h, "private pages are not compressed (BREACH)"
    # the same reader on another article: nothing of theirs there, public
    status, h, body = server.get(BLINKEN, headers={"Cookie": jar})
    assert h["cache-control"] == ARTICLE_CC
    # remembered name and email prefill the form: private
    status, h, _ = post(server, BLINKEN, comment="Remember me, please.", author="Eve",
                        email="eve@example.org", consent="yes")
    jar = jar_of(h["set-cookie"])
    status, h, body = server.get(ALEPPO, headers={"Cookie": jar})
    assert b'value="eve@example.org"' in body and h["cache-control"] == "private, no-store"
    # cookies the page does not read change nothing
    status, h, _ = server.get(BLINKEN, headers={"Cookie": "analytics=1"})
    assert h["cache-control"] == ARTICLE_CC


def test_cache_settings_and_threshold_from_gazette_ini():
    s = Site()
    try:
        gazette("import", "--site", s.dir, fixture("blinken.md"))
        s.ini_set("cache", "article", "public, max-age=7")
        s.ini_set("cache", "asset", "public, max-age=9")
        s.ini_set("cache", "not_found", "no-store")
        s.ini_set("cache", "min_compress_bytes", "1000000")
        srv = Server(s)
        try:
            _, h, _ = srv.get(BLINKEN, headers={"Accept-Encoding": "gzip, br"})
            assert h["cache-control"] == "public, max-age=7"
            assert "content-encoding" not in h and h["vary"] == "Accept-Encoding"
            assert srv.get("/theme/style.css")[1]["cache-control"] == "public, max-age=9"
            assert srv.get("/nope/")[1]["cache-control"] == "no-store"
        finally:
            srv.stop()
        s.ini_set("cache", "article", "public\x01")
        p = gazette("serve", "--site", s.dir, check=False)
        assert p.returncode == 1 and "printable" in p.stderr
    finally:
        s.close()


# ---- compression ------------------------------------------------------------

def compressed_pages():
    """Pages whose bodies are worth compressing: at least 512 bytes."""
    return [(p, k) for p, k in pages() if len(server.get(p)[2]) >= 512]


def test_gzip_and_brotli_decode_to_the_identity_bytes():
    for path, _ in compressed_pages():
        for ae, enc in (("gzip", "gzip"), ("br", "br"), ("gzip, deflate, br", "br"),
                        ("br;q=0, gzip", "gzip"), ("gzip;q=1.0, br;q=0.5", "gzip")):
            plain, packed = same_render(lambda: [server.get(path),
                                                 server.get(path, headers={"Accept-Encoding": ae})])
            h = packed[1]
            assert h["vary"] == "Accept-Encoding" and plain[1]["vary"] == "Accept-Encoding"
            assert h.get("content-encoding") == enc, (path, ae, h.get("content-encoding"))
            assert int(h["content-length"]) == len(packed[2]) < len(plain[2])
            assert int(plain[1]["content-length"]) == len(plain[2])
            if enc == "gzip" or brotli:
                assert decoded(h, packed[2]) == plain[2], (path, ae)


def test_python_can_read_brotli():
    assert brotli is not None, "python3-brotli (scripts/deps.sh test) is missing"


def test_curl_compressed_decodes_brotli_and_gzip():
    assert "brotli" in curl("-V").decode().lower()
    url = f"http://127.0.0.1:{server.port}"
    for path, _ in compressed_pages():
        for ae in ("br", "gzip"):
            out = same_render(lambda: [(0, {}, curl(url + path)),
                                       (0, {}, curl("-H", f"Accept-Encoding: {ae}", "--compressed",
                                                    url + path))])
            assert out[0][2] == out[1][2] and len(out[0][2]) > 0, (path, ae)
            head = curl("-D", "-", "-o", "/dev/null", "-H", f"Accept-Encoding: {ae}", url + path)
            assert curl_head(head)[1]["content-encoding"] == ("br" if ae == "br" else "gzip")


def test_refused_and_absent_codings_give_identity():
    for ae in (None, "", "identity", "gzip;q=0", "gzip;q=0, br;q=0", "deflate", "*;q=0",
               "gzip;q=0.5, identity"):
        hdrs = {} if ae is None else {"Accept-Encoding": ae}
        status, h, body = server.get("/", headers=hdrs)
        assert status == 200 and "content-encoding" not in h, ae
        assert h["vary"] == "Accept-Encoding" and body.startswith(b"<!DOCTYPE html>"), ae


def test_errors_and_small_bodies_are_not_compressed():
    status, h, body = server.get("/nothing-here/", headers={"Accept-Encoding": "gzip, br"})
    assert status == 404 and "content-encoding" not in h and b"<html" in body
    status, h, _ = server.request("DELETE", BLINKEN, headers={"Accept-Encoding": "gzip"})
    assert status == 405 and "content-encoding" not in h
    # the avatar: an SVG (compressible) under min_compress_bytes (512)
    status, h, body = server.get(AVATAR, headers={"Accept-Encoding": "gzip, br"})
    assert status == 200 and len(body) < 512, len(body)
    assert "content-encoding" not in h and h["vary"] == "Accept-Encoding"


# ---- HEAD --------------------------------------------------------------------

SAME = ("content-type", "content-length", "content-encoding", "etag", "last-modified",
        "cache-control", "vary")


def test_head_answers_as_get_on_every_page_kind():
    paths = [p for p, _ in pages()] + ["/nothing-here/", "/avatar/nope.svg"]
    for path in paths:
        for ae in (None, "gzip", "br"):
            hdrs = {"Accept-Encoding": ae} if ae else {}
            g1, hd, g2 = same_render(lambda: [server.get(path, headers=hdrs),
                                              server.request("HEAD", path, headers=hdrs),
                                              server.get(path, headers=hdrs)])
            assert hd[2] == b"", (path, ae)
            assert hd[0] == g1[0], (path, ae)
            for k in SAME:
                assert hd[1].get(k) == g1[1].get(k), (path, ae, k, hd[1].get(k), g1[1].get(k))
            assert int(hd[1]["content-length"]) == len(g1[2]), (path, ae)


def test_http2_conditional_and_brotli():
    url = f"http://127.0.0.1:{server.port}{BLINKEN}"
    out = curl("--http2-prior-knowledge", "-D", "-", "-o", "/dev/null",
               "-H", "Accept-Encoding: br", url)
    status, h = curl_head(out)
    assert status == 200 and h["content-encoding"] == "br" and h["vary"] == "Accept-Encoding"
    out = curl("--http2-prior-knowledge", "-D", "-", "-o", "/dev/null",
               "-H", "Accept-Encoding: br", "-H", f"If-None-Match: {h['etag']}", url)
    status, h304 = curl_head(out)
    assert status == 304 and h304["etag"] == h["etag"]
    out = curl("--http2-prior-knowledge", "-I", "-H", "Accept-Encoding: gzip", url)
    status, hh = curl_head(out)
    assert status == 200 and hh["content-encoding"] == "gzip" and int(hh["content-length"]) > 0
