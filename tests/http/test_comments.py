"""POST /comments: posting, errors that keep the text, threads, moderation
rules, CSRF (the Origin against base_url, the token's window), replies to
comments that are not there, consent cookies (Secure on an https site),
feeds, and no email ever published."""
import base64
import hashlib
import hmac
import os
import re
import sqlite3
import struct
import time
import urllib.parse

from comments import EMAIL, comment_id, email_forms, form_fields, post
from harness import Server, Site, fixture, free_port, gazette, stop_all

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ALEPPO = "/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/"
site = server = None


def make_site(**settings):
    s = Site()
    gazette("import", "--site", s.dir, fixture("blinken.md"), fixture("aleppo.md"))
    base = {"min_submit_seconds": "0", "flood_seconds": "0", "hold_unknown_authors": "false"}
    base.update(settings)
    for k, v in base.items():
        s.ini_set("comments", k, v)
    return s


TOKEN_MINUTES = 30


def setup_module():
    global site, server
    site = make_site(moderation_words="holdme, 10.99.", disallowed_words="viagra",
                     form_token_minutes=str(TOKEN_MINUTES))
    port = free_port()
    site.ini_set("site", "base_url", f"http://127.0.0.1:{port}")
    server = Server(site, port=port)


def teardown_module():
    stop_all(server, site)


def cli(*args, s=None):
    return gazette("comments", "--site", (s or site).dir, *args).stdout


def good(**kw):
    v = {"comment": "A fair summary.\n\nBut see https://example.org/report, it differs.",
         "author": "Ann Reader", "email": EMAIL, "url": "https://ann.example.net/"}
    v.update(kw)
    return v


def test_post_shows_at_once_with_its_anchor():
    status, h, _ = post(server, BLINKEN, **good(comment="Shows at once, thanks."))
    assert status == 303, status
    assert h["location"].startswith(BLINKEN + "#comment-")
    cid = comment_id(h["location"])
    _, _, body = server.get(BLINKEN)
    text = body.decode()
    li = text[text.index(f'id="comment-{cid}"'):]
    li = li[:li.index("</li>")]
    assert "Shows at once, thanks." in li
    assert '<a href="https://ann.example.net/" rel="nofollow ugc">Ann Reader</a>' in li
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT', li)


def test_text_is_plain_paragraphs_and_links():
    status, h, _ = post(server, BLINKEN, **good(
        comment="First <b>para</b> & more\nsame para\n\nSecond: https://example.org/a?b=1&c=2."))
    assert status == 303
    cid = comment_id(h["location"])
    text = server.get(BLINKEN)[2].decode()
    li = text[text.index(f'id="comment-{cid}"'):]
    assert "<p>First &lt;b&gt;para&lt;/b&gt; &amp; more<br>\nsame para</p>" in li
    assert ('<p>Second: <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc">'
            'https://example.org/a?b=1&amp;c=2</a>.</p>') in li


def test_invalid_fields_422_keep_every_word():
    typed = "Mon commentaire: <script>x</script> — “quotes” ’ & 100%"
    status, _, body = post(server, BLINKEN, comment=typed, author="Zoë <Q>",
                           email="not-an-email", url="javascript:alert(1)")
    assert status == 422
    text = body.decode()
    f = form_fields(body)
    assert f["author"] == "Zoë &lt;Q&gt;" and f["email"] == "not-an-email"
    assert f["comment"] == "Mon commentaire: &lt;script&gt;x&lt;/script&gt; — “quotes” ’ &amp; 100%"
    assert 'id="email-error"' in text and 'id="url-error"' in text
    assert 'id="comment-error"' not in text and 'id="author-error"' not in text
    # focus on the first field in error (email comes before url)
    assert re.search(r'<input id="email"[^>]*autofocus', text)
    assert not re.search(r'<input id="url"[^>]*autofocus', text)
    assert "<script>x" not in text


def test_required_fields_and_limits():
    status, _, body = post(server, BLINKEN, comment="", author="", email="")
    assert status == 422
    t = body.decode()
    for fid in ("comment", "author", "email"):
        assert f'id="{fid}-error"' in t, fid
    assert re.search(r'<textarea id="comment"[^>]*autofocus', t)
    for field, n in (("comment", 65526), ("author", 246), ("email", 101), ("url", 201)):
        v = good()
        v[field] = ("x" * n) if field in ("comment", "author") else (
            "a" * (n - 12) + "@example.org" if field == "email" else "https://" + "a" * (n - 8))
        status, _, body = post(server, BLINKEN, **v)
        assert status == 422, (field, status)
        assert f'id="{field}-error"' in body.decode(), field
    v = good(comment="ok")
    v["comment"] = "x" * 65525 + "y"[:0]
    status, _, _ = post(server, BLINKEN, **v)
    assert status == 303, "65,525 bytes is allowed"


def test_invalid_utf8_422():
    _, _, body = server.get(BLINKEN)
    f = form_fields(body)
    f.pop("comment")
    data = urllib.parse.urlencode({**f, "author": "A", "email": EMAIL, "url": ""})
    data += "&comment=bad%FF%FEbytes"
    status, _, body = server.request("POST", "/comments", body=data,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 422 and b"UTF-8" in body
    # the text comes back, and the page stays UTF-8: the bad bytes show as
    # U+FFFD, as a browser would show them (found by fuzz/fuzz_request.c)
    assert "bad\ufffd\ufffdbytes</textarea>" in body.decode("utf-8")


def test_csrf_token_and_origin():
    status, _, body = post(server, BLINKEN, token=None, **good(comment="No token here"))
    assert status == 403 and "No token here" in form_fields(body)["comment"]
    # a token for another article
    other = form_fields(server.get(ALEPPO)[2])["token"]
    status, _, _ = post(server, BLINKEN, token=other, **good(comment="Wrong article token"))
    assert status == 403
    status, _, body = post(server, BLINKEN, headers={"Origin": "http://evil.example"},
                           **good(comment="From elsewhere"))
    assert status == 403 and form_fields(body)["comment"] == "From elsewhere"
    status, _, _ = post(server, BLINKEN, headers={"Origin": f"http://127.0.0.1:{server.port}"},
                        **good(comment="From here"))
    assert status == 303


def test_origin_must_be_base_url_exactly():
    """Scheme, host and port of the Origin header must be base_url's: the
    check used to compare the host with the Host header and ignore the
    scheme, so an http:// page could post to an https:// site."""
    port = server.port
    host_header = {"Host": f"127.0.0.1:{port}"}
    for i, origin in enumerate([f"https://127.0.0.1:{port}",      # the scheme
                                f"http://127.0.0.1:{port + 1}",   # the port
                                f"http://localhost:{port}",       # the host
                                "http://127.0.0.1",               # the default port
                                f"http://127.0.0.1:{port}/x",     # not an origin
                                "null"]):
        typed = f"Origin case {i}: {origin}"
        status, _, body = post(server, BLINKEN, headers={**host_header, "Origin": origin},
                               **good(comment=typed))
        assert status == 403, (origin, status)
        f = form_fields(body)
        assert f["comment"] == typed, "the text comes back"
        assert f["token"], "with a token to post it again"
        assert "did not come from this site" in body.decode()
    # case and an explicit default port are the same origin as base_url's
    status, _, _ = post(server, BLINKEN, headers={"Origin": f"HTTP://127.0.0.1:{port}"},
                        **good(comment="Upper-case scheme, same origin"))
    assert status == 303
    # no Origin at all (older browsers, stripping proxies): the token decides
    status, _, _ = post(server, BLINKEN, **good(comment="No Origin header at all"))
    assert status == 303


def forged_token(article_id, issued):
    """A comment-form token as the server makes it (token.c), with this
    site's key: so a test can hold a form of any age without waiting."""
    db = sqlite3.connect(os.path.join(site.dir, "gazette.db"))
    try:
        key = bytes.fromhex(db.execute(
            "SELECT value FROM settings WHERE key = 'secret_key'").fetchone()[0])
    finally:
        db.close()
    purpose, subject = b"comment-form", f"article:{article_id}".encode()
    sub = hashlib.blake2b(b"gazette token v1\0" + purpose, key=key, digest_size=32).digest()

    def field(b):
        return struct.pack(">q", len(b)) + b
    msg = b"S" + field(purpose) + field(subject) + struct.pack(">q", issued)
    mac = hmac.new(sub, msg, hashlib.sha512).digest()[:32]
    return base64.urlsafe_b64encode(struct.pack(">q", issued) + mac).rstrip(b"=").decode()


def test_form_token_lives_form_token_minutes():
    """A token was good for two days; now for [comments]
    form_token_minutes, and a post refused for an old token keeps its
    text and comes back with a fresh token that posts at once."""
    article = form_fields(server.get(BLINKEN)[2])["article"]
    now = int(time.time())
    window = TOKEN_MINUTES * 60
    # the forger is right: a token made now is taken
    status, _, _ = post(server, BLINKEN, token=forged_token(article, now),
                        **good(comment="A token made in the test, now"))
    assert status == 303, status
    status, _, _ = post(server, BLINKEN, token=forged_token(article, now - window + 60),
                        **good(comment="Written in a little under the window"))
    assert status == 303, status
    typed = "A long comment, written over an afternoon ’ & <kept>"
    status, _, body = post(server, BLINKEN, token=forged_token(article, now - window - 60),
                           **good(comment=typed))
    assert status == 403, status
    assert "open for a long time" in body.decode()
    f = form_fields(body)
    assert f["comment"] == "A long comment, written over an afternoon ’ &amp; &lt;kept&gt;"
    # the form that came back posts as it is
    fresh = f["token"]
    status, h, _ = post(server, BLINKEN, token=fresh, **good(comment=typed))
    assert status == 303, status
    # two days old, as the old rule allowed
    status, _, _ = post(server, BLINKEN, token=forged_token(article, now - 2 * 86400 + 60),
                        **good(comment="Two days later"))
    assert status == 403


def test_reply_to_a_comment_that_is_not_there_422_keeps_text():
    """A reply to a comment id that does not exist (or is on another
    article, or is not approved) used to be shown as a top-level comment;
    now it is refused with the text kept and the form replying to nothing."""
    _, h, _ = post(server, ALEPPO, **good(comment="A comment on the other article"))
    other_article = comment_id(h["location"])
    _, h, _ = post(server, BLINKEN, **good(comment="Hold this one: holdme"))
    held = comment_id(h["location"])
    listed = lambda: len(cli("list").splitlines())
    for parent in ("999999", str(other_article), str(held)):
        typed = f"My reply to {parent}, which must not be lost"
        before = listed()
        status, _, body = post(server, BLINKEN, parent=parent, **good(comment=typed))
        assert status == 422, (parent, status)
        text = body.decode()
        assert "The comment you were replying to is no longer shown here" in text
        f = form_fields(body)
        assert f["comment"] == typed and f["author"] == "Ann Reader"
        assert f["parent"] == "0", "posting it again makes it a comment of its own"
        assert listed() == before, "nothing saved"
    # posted again from that form: a top-level comment
    status, h, _ = post(server, BLINKEN, parent="0", **good(comment="Now on its own"))
    assert status == 303
    # a reply to an approved comment of the article is taken
    _, h, _ = post(server, BLINKEN, **good(comment="Reply to me"))
    top = comment_id(h["location"])
    status, h, _ = post(server, BLINKEN, parent=str(top), **good(comment="A real reply"))
    assert status == 303
    # ?replytocom= of a comment that is not shown gives a form replying to nothing
    f = form_fields(server.get(f"{BLINKEN}?replytocom=999999")[2])
    assert f["parent"] == "0"
    f = form_fields(server.get(f"{BLINKEN}?replytocom={top}")[2])
    assert f["parent"] == str(top)


def test_cookies_are_secure_on_an_https_site():
    """base_url https://: every cookie the comment form sets says Secure
    (the test talks plain HTTP on loopback, as a TLS proxy in front
    would); an http:// origin is foreign to an https:// site."""
    s = make_site(moderation_words="holdme")
    srv = None
    try:
        port = free_port()
        s.ini_set("site", "base_url", f"https://127.0.0.1:{port}")
        srv = Server(s, port=port)
        status, _, body = post(srv, BLINKEN, headers={"Origin": f"http://127.0.0.1:{port}"},
                               **good(comment="From the http page"))
        assert status == 403 and form_fields(body)["comment"] == "From the http page"
        status, h, _ = post(srv, BLINKEN, headers={"Origin": f"https://127.0.0.1:{port}"},
                            consent="yes", **good(comment="Please holdme, securely"))
        assert status == 303, status
        cookies = re.split(r",\s*(?=comment_)", h["set-cookie"])
        names = sorted(c.split("=")[0] for c in cookies)
        assert names == ["comment_author", "comment_email", "comment_held", "comment_url"], names
        for c in cookies:
            assert "; Secure" in c and "; HttpOnly" in c, c
        # withdrawing consent deletes the cookies, Secure as well
        jar = "; ".join(c.split(";")[0] for c in cookies)
        status, h, _ = post(srv, ALEPPO, headers={"Cookie": jar}, **good(comment="No consent now"))
        assert status == 303
        for c in re.split(r",\s*(?=comment_)", h["set-cookie"]):
            assert "; Secure" in c, c
    finally:
        stop_all(srv, s)
    # and on the http site, none says Secure (a browser would drop them)
    status, h, _ = post(server, BLINKEN, consent="yes", **good(comment="Plain http consent"))
    assert status == 303 and "comment_author=" in h["set-cookie"]
    assert "Secure" not in h["set-cookie"]


def test_threads_and_reply_without_javascript():
    _, h, _ = post(server, ALEPPO, **good(comment="Top of a thread"))
    top = comment_id(h["location"])
    status, _, body = server.get(f"{ALEPPO}?replytocom={top}")
    text = body.decode()
    li = text[text.index(f'id="comment-{top}"'):]
    assert li.index('id="respond"') < li.index("</li>"), "the form sits under the comment"
    assert form_fields(body)["parent"] == str(top)
    assert "Cancel reply" in text
    parent = top
    ids = []
    for i in range(6):
        _, h, _ = post(server, ALEPPO, parent=str(parent), **good(comment=f"Reply level {i + 2}"))
        parent = comment_id(h["location"])
        ids.append(parent)
    text = server.get(ALEPPO)[2].decode()
    assert re.search(rf'<li class="comment depth-2" id="comment-{ids[0]}"', text)
    assert re.search(rf'<li class="comment depth-5" id="comment-{ids[3]}"', text)
    assert re.search(rf'<li class="comment depth-5" id="comment-{ids[5]}"', text), \
        "replies past the depth show at the deepest level"
    li5 = text[text.index(f'id="comment-{ids[3]}"'):]
    li5 = li5[:li5.index("</article>")]
    assert "replytocom" not in li5, "no Reply link at the deepest level"
    li1 = text[text.index(f'id="comment-{top}"'):]
    assert li1.index(f'id="comment-{ids[0]}"') < li1.index('class="children"') + 200


def test_held_comment_shows_only_to_its_writer_then_on_approval():
    status, h, _ = post(server, BLINKEN, **good(comment="Please holdme for a while"))
    assert status == 303
    cid = comment_id(h["location"])
    jar = "; ".join(c.split(";")[0] for c in re.split(r",\s*(?=comment_)", h["set-cookie"]))
    assert "comment_held=" in jar
    public = server.get(BLINKEN)[2].decode()
    assert f'id="comment-{cid}"' not in public
    mine = server.get(BLINKEN, headers={"Cookie": jar})[2].decode()
    assert f'id="comment-{cid}"' in mine
    assert "Your comment is awaiting moderation." in mine
    assert "\tpending\t" in cli("list", "--status", "pending")
    count = lambda: int(re.search(re.escape(BLINKEN) + r'#comments">(\d+) comments?<',
                                  server.get("/")[2].decode()).group(1))
    before = count()
    cli("approve", str(cid))
    assert count() == before + 1, "the front page counts it at once"
    public = server.get(BLINKEN)[2].decode()
    assert f'id="comment-{cid}"' in public
    assert "awaiting moderation" not in public.split(f'id="comment-{cid}"')[1].split("</li>")[0]


def test_moderation_words_links_disallowed_honeypot():
    status, h, _ = post(server, BLINKEN, **good(comment="three links http://a.example http://b.example http://c.example"))
    assert status == 303
    assert "too many links" in [l for l in cli("list").splitlines() if l.startswith(f"{comment_id(h['location'])}\t")][0]
    status, h, _ = post(server, BLINKEN, **good(comment="cheap VIAGRA here"))
    assert status == 303
    line = [l for l in cli("list").splitlines() if l.startswith(f"{comment_id(h['location'])}\t")][0]
    assert "\tspam\t" in line and "disallowed" in line
    status, h, _ = post(server, BLINKEN, **good(comment="bot text", website="http://bot.example"))
    line = [l for l in cli("list").splitlines() if l.startswith(f"{comment_id(h['location'])}\t")][0]
    assert "\tspam\t" in line and "hidden field" in line
    # moderation words also match the author, email and url
    status, h, _ = post(server, BLINKEN, **good(comment="innocent words", author="HoldMe Smith"))
    line = [l for l in cli("list").splitlines() if l.startswith(f"{comment_id(h['location'])}\t")][0]
    assert "\tpending\t" in line and "moderation word" in line


def test_duplicate_409_keeps_text():
    v = good(comment="Exactly the same words twice.")
    assert post(server, BLINKEN, **v)[0] == 303
    status, _, body = post(server, BLINKEN, **v)
    assert status == 409
    text = body.decode()
    assert "Duplicate comment detected; it looks as though you’ve already said that!" in text
    assert form_fields(body)["comment"] == "Exactly the same words twice."


def test_consent_cookie_remembers_only_when_ticked():
    status, h, _ = post(server, BLINKEN, **good(comment="No consent given", email="nc@example.org"))
    assert "comment_author" not in h.get("set-cookie", "")
    status, h, _ = post(server, BLINKEN, consent="yes",
                        **good(comment="Consent given", author="Zoë Ärger", email="c@example.org"))
    assert status == 303, status
    sc = h["set-cookie"]
    assert "comment_author=" in sc and "comment_email=" in sc and "HttpOnly" in sc
    jar = "; ".join(c.split(";")[0] for c in re.split(r",\s*(?=comment_)", sc))
    f = form_fields(server.get(ALEPPO, headers={"Cookie": jar})[2])
    assert f["author"] == "Zoë Ärger" and f["email"] == "c@example.org"


def test_comment_feeds():
    post(server, ALEPPO, **good(comment="Feed me, Seymour & <co>"))
    status, h, body = server.get(ALEPPO + "feed/")
    assert status == 200 and h["content-type"].startswith("application/rss+xml")
    text = body.decode()
    # the description is HTML (as RSS readers read it), escaped as XML
    assert "&lt;p&gt;Feed me, Seymour &amp;amp; &amp;lt;co&amp;gt;&lt;/p&gt;" in text
    assert "<dc:creator>Ann Reader</dc:creator>" in text
    status, _, body = server.get("/comments/feed/")
    assert status == 200 and b"Feed me, Seymour" in body
    assert server.get("/2024/05/01/nope/feed/")[0] == 404


def test_email_never_published():
    post(server, BLINKEN, consent="yes", **good(comment="Email secrecy check"))
    pages = ["/", BLINKEN, ALEPPO, BLINKEN + "feed/", ALEPPO + "feed/", "/comments/feed/",
             f"{ALEPPO}?replytocom=1"]
    text = server.get(BLINKEN)[2].decode()
    pages += re.findall(r'src="(/avatar/[0-9a-f]+\.svg)"', text)[:3]
    assert any(p.startswith("/avatar/") for p in pages)
    for p in pages:
        status, h, body = server.get(p)
        assert status == 200, p
        blob = body.decode() + repr(h)
        for form in email_forms(EMAIL):
            assert form not in blob, (p, form)
    log = server.access_log()
    for form in email_forms(EMAIL):
        assert form not in log
    assert "gravatar" not in text.lower()
