"""Settings from gazette.ini change what is served: excerpt length,
front page size; a bad setting stops the start with its line."""
from harness import Server, Site, fixture, gazette

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ALEPPO = "/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/"


def test_excerpt_words_and_front_page_size():
    site = Site()
    try:
        gazette("import", "--site", site.dir, fixture("blinken.md"), fixture("aleppo.md"))
        site.ini_set("articles", "excerpt_words", "5")
        site.ini_set("articles", "front_page_size", "1")
        site.ini_set("site", "title", "The <Harbor> Times")
        server = Server(site)
        try:
            _, _, body = server.get(BLINKEN)
            text = body.decode()
            assert ">On Saturday, thousands of Syrian …</p>" in text
            assert "The &lt;Harbor&gt; Times" in text
            _, _, body = server.get("/")
            text = body.decode().split('class="section-blocks"')[0]   # lead + latest
            assert ALEPPO in text and BLINKEN not in text
            assert 'rel="next" href="/page/2/"' in text and 'rel="prev"' not in text
            status, _, body = server.get("/page/2/")
            text = body.decode()
            assert status == 200 and BLINKEN in text and ALEPPO not in text
            assert 'rel="prev" href="/"' in text and 'rel="next"' not in text
            assert server.get("/page/3/")[0] == 404
            assert server.get("/page/0/")[0] == 404
        finally:
            server.stop()
    finally:
        site.close()


def test_bad_setting_stops_start_with_line():
    site = Site()
    try:
        with open(site.dir + "/gazette.ini", "a") as f:
            f.write("\n[articles]\nexcerpt_wrods = 3\n")
        p = gazette("serve", "--site", site.dir, "--listen", "127.0.0.1:1", check=False)
        assert p.returncode == 1
        lines = open(site.dir + "/gazette.ini").read().count("\n")
        assert f"gazette.ini:{lines}: unknown key 'excerpt_wrods' in [articles]" in p.stderr, p.stderr
    finally:
        site.close()


def test_busy_port_is_an_error():
    site = Site()
    try:
        server = Server(site)
        try:
            p = gazette("serve", "--site", site.dir, "--listen", f"127.0.0.1:{server.port}",
                        check=False)
            assert p.returncode == 1, "a second server on a busy port must not start"
            assert f"cannot listen on 127.0.0.1:{server.port}" in p.stderr, p.stderr
            p = gazette("serve", "--site", site.dir, "--listen", "127.0.0.1:bad", check=False)
            assert p.returncode == 1 and "bad port" in p.stderr, p.stderr
            assert server.get("/")[0] == 200
        finally:
            server.stop()
    finally:
        site.close()


def test_base_url_and_form_token_minutes_are_checked():
    """The Origin check and cookies' Secure rest on base_url, so a base_url
    that is not an http(s) URL stops the start; so does a form token that
    would expire at once."""
    site = Site()
    try:
        gazette("import", "--site", site.dir, fixture("blinken.md"))
        for value in ("news.example.org", "ftp://news.example.org", "https://user@news.example.org",
                      "https://news.example.org:99999", "https://news.example.org?x"):
            site.ini_set("site", "base_url", value)
            for command in (("serve", "--listen", "127.0.0.1:1"), ("comments", "list")):
                p = gazette(command[0], "--site", site.dir, *command[1:], check=False)
                assert p.returncode == 1, (value, command)
                assert f"[site] base_url must be an http:// or https:// URL" in p.stderr, p.stderr
                assert value in p.stderr
        site.ini_set("site", "base_url", "https://news.example.org/news/")
        site.ini_set("comments", "form_token_minutes", "0")
        p = gazette("serve", "--site", site.dir, "--listen", "127.0.0.1:1", check=False)
        assert p.returncode == 1 and "form_token_minutes must be at least 1" in p.stderr, p.stderr
        site.ini_set("comments", "form_token_minutes", "1")
        assert gazette("comments", "--site", site.dir, "list").returncode == 0
    finally:
        site.close()
