"""POST /comments: posting, errors that keep the text, threads, moderation
rules, CSRF, consent cookies, feeds, and no email ever published."""
import re
import urllib.parse

from comments import EMAIL, comment_id, email_forms, form_fields, post
from harness import Server, Site, fixture, gazette, stop_all

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


def setup_module():
    global site, server
    site = make_site(moderation_words="holdme, 10.99.", disallowed_words="viagra")
    server = Server(site)


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
