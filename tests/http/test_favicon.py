"""The site's icon: /favicon.ico (the address browsers ask for on every
page view) is a real ICO from the theme, cached like the theme's other
files, and every page links it and the SVG icon."""
import os
import re
import struct

from harness import ROOT, Server, Site, fixture, gazette, stop_all

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
STATIC = os.path.join(ROOT, "themes", "default", "static")
site = server = None


def setup_module():
    global site, server
    site = Site()
    gazette("import", "--site", site.dir, fixture("blinken.md"))
    server = Server(site)


def teardown_module():
    stop_all(server, site)


def test_favicon_ico_is_the_themes_icon():
    status, h, body = server.get("/favicon.ico")
    assert status == 200
    assert h["content-type"] == "image/x-icon"
    with open(os.path.join(STATIC, "favicon.ico"), "rb") as f:
        assert body == f.read()
    # an ICO directory (reserved 0, type 1) of square icons, 16 to 48 px
    reserved, kind, count = struct.unpack_from("<HHH", body)
    assert (reserved, kind) == (0, 1) and count >= 2
    sizes = set()
    for i in range(count):
        w, hgt, _, _, _, _, size, offset = struct.unpack_from("<BBBBHHII", body, 6 + 16 * i)
        assert w == hgt and offset + size <= len(body)
        sizes.add(w)
    assert {16, 32} <= sizes


def test_cached_like_the_other_theme_files():
    _, css, _ = server.get("/theme/style.css")
    status, h, _ = server.get("/favicon.ico")
    assert h["cache-control"] == css["cache-control"] == "public, max-age=86400"
    assert h["etag"]
    status, _, body = server.get("/favicon.ico", headers={"If-None-Match": h["etag"]})
    assert status == 304 and body == b""
    status, h2, body = server.request("HEAD", "/favicon.ico")
    assert status == 200 and body == b"" and h2["content-length"] == h["content-length"]


def test_svg_icon():
    status, h, body = server.get("/theme/icon.svg")
    assert status == 200 and h["content-type"] == "image/svg+xml"
    assert body.startswith(b"<svg ") and b'viewBox="0 0 64 64"' in body


def test_every_page_links_both_icons_once():
    for path in ("/", "/page/1/", BLINKEN, "/section/middle-east/", "/2024/", "/search",
                 "/search?q=truce", "/no/such/page/"):
        _, _, body = server.get(path)
        text = body.decode("utf-8")
        icons = re.findall(r'<link rel="icon"[^>]*>', text)
        assert icons == ['<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48">',
                         '<link rel="icon" href="/theme/icon.svg" type="image/svg+xml">'], \
            (path, icons)
        for link in icons:
            href = re.search(r'href="([^"]+)"', link).group(1)
            assert server.get(href)[0] == 200, href
