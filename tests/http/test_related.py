"""Related stories on the served site: the Blinken fixture's Check Also box
names the story about the same truce talks (not Aleppo, not an unrelated
Middle East story, not any of a generated corpus on other topics); the
"Related articles" list below it; stored scores match the formula of
src/publish/related.c recomputed here from the stored vectors; drafts never show;
an update moves a story into another's list; related_count is obeyed."""
import math
import os
import random
import re
import sqlite3

from harness import Server, Site, fixture, gazette

BLINKEN = "/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/"
ALEPPO = "/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/"
TRUCE = "/2024/05/03/ceasefire-talks-resume-in-cairo-as-hamas-weighs-truce-proposal/"
DELEGATION = "/2024/04/29/israel-sends-delegation-to-cairo-for-hostage-deal-talks/"
AIRPORT = "/2024/05/01/riyadh-opens-new-airport-terminal-for-summer-travel/"

OWN = {
    "truce.md": """---
title: "Ceasefire talks resume in Cairo as Hamas weighs truce proposal"
date: 2024-05-03T08:00:00Z
section: Middle East
tags: [Gaza, Hamas, Ceasefire, Egypt]
author: Staff
---

Negotiators from Egypt, Qatar and the United States met Hamas officials in Cairo on Friday as the group weighed a proposal for a 40-day truce in Gaza and the release of hostages held since October.

Israeli officials said a delegation would travel to Cairo once Hamas answers. The ceasefire plan would exchange hostages for Palestinian prisoners and allow more humanitarian aid into Gaza.

Secretary of State Antony Blinken urged Hamas to accept the truce, calling the proposal generous, while Netanyahu repeated that troops would enter Rafah with or without a deal.
""",
    "delegation.md": """---
title: "Israel sends delegation to Cairo for hostage deal talks"
date: 2024-04-29T12:00:00Z
section: Middle East
tags: [Israel, Hostages, Egypt]
author: Staff
---

An Israeli delegation travelled to Cairo for talks with Egyptian mediators on a hostage release deal, officials said, as pressure grew for a pause in the fighting in Gaza.

The mediators have proposed a truce of several weeks in exchange for the release of hostages, and Hamas said it would study the plan.
""",
    "airport.md": """---
title: "Riyadh opens new airport terminal for summer travel"
date: 2024-05-01T10:00:00Z
section: Middle East
tags: [Saudi Arabia, Travel]
author: Staff
---

A new terminal opened at Riyadh airport on Wednesday, adding gates and shops ahead of the summer travel season. Airlines expect record passenger numbers.
""",
}

# Other topics for the generated corpus: each a vocabulary of its own,
# over a shared stock of newsroom words so that every story overlaps a
# little with every other, as real news does.
TOPICS = {
    "Sport": "striker goal league coach defence goalkeeper match season title "
             "stadium fans cup final penalty midfielder transfer squad injury",
    "Business": "shares market investors profit revenue quarter bank interest "
                "inflation prices earnings shareholders merger stocks bonds",
    "Technology": "software startup smartphone chip data cloud users privacy app "
                  "engineers processor network security update developers",
    "Weather": "storm rain flooding forecast temperatures wind snow heatwave "
               "drought meteorologists warning coast rivers showers",
    "Culture": "film festival director actress album concert museum exhibition "
               "novel author theatre audience premiere gallery",
    "Health": "hospital patients doctors vaccine virus nurses treatment clinic "
              "disease trial surgery medicine symptoms",
}
COMMON = ("officials week people city country government report year time "
          "public new plan local national spokesman statement").split()


def corpus(rng, n_per_topic):
    """(filename, text) of generated stories on TOPICS, deterministic."""
    out = []
    for topic, words in TOPICS.items():
        words = words.split()
        for i in range(n_per_topic):
            def sentence():
                w = rng.sample(words, 5) + rng.sample(COMMON, 3)
                rng.shuffle(w)
                return " ".join(w).capitalize() + "."
            title = " ".join(rng.sample(words, 3) + rng.sample(COMMON, 1)).capitalize()
            body = "\n\n".join(" ".join(sentence() for _ in range(3)) for _ in range(3))
            day = 1 + (i * 7) % 28
            month = 1 + (i * 5) % 12
            slug = f"{topic.lower()}-{i}"
            out.append((f"{slug}.md",
                        f"---\ntitle: \"{title}\"\ndate: 2024-{month:02d}-{day:02d}T09:00:00Z\n"
                        f"section: {topic}\nslug: {slug}\nauthor: Staff\n---\n\n{body}\n"))
    return out


site = server = None


def setup_module():
    global site, server
    site = Site()
    paths = [fixture("blinken.md"), fixture("aleppo.md")]
    for name, text in OWN.items():
        paths.append(site.write(name, text))
    for name, text in corpus(random.Random(4), 12):
        paths.append(site.write(name, text))
    gazette("import", "--site", site.dir, *paths)
    server = Server(site)


def teardown_module():
    try:
        if server:
            server.stop()
    finally:
        site.close()


def page(path, srv=None):
    status, _, body = (srv or server).get(path)
    assert status == 200, (path, status)
    return body.decode("utf-8")


def check_also(text):
    if 'class="check-also"' not in text:
        return None
    box = text[text.index('class="check-also"'):]
    box = box[:box.index("</aside>")]
    return re.search(r'<h3 class="check-also-headline"><a href="([^"]+)">', box).group(1)


def related_list(text):
    if 'class="related"' not in text:
        return []
    sec = text[text.index('class="related"'):]
    sec = sec[:sec.index("</section>")]
    return re.findall(r'<li class="related-story"><a href="([^"]+)">', sec)


# ---- the formula of src/publish/related.c, recomputed from the stored vectors ----

def db():
    return sqlite3.connect(os.path.join(site.dir, "gazette.db"))


def article_id(con, path):
    return con.execute("SELECT id FROM articles WHERE path = ?", (path,)).fetchone()[0]


def doc(con, aid):
    docs = con.execute("SELECT docs FROM related_totals").fetchone()[0]
    row = con.execute("SELECT section_id, published, tags FROM related_docs"
                      " WHERE article_id = ?", (aid,)).fetchone()
    vec = {t: tf * math.log(1 + docs / max(df, 1)) for t, tf, df in con.execute(
        "SELECT t.term_id, t.tf, s.df FROM article_terms t JOIN term_stats s"
        " ON s.id = t.term_id WHERE t.article_id = ?", (aid,))}
    tags = {int(x) for x in row[2].split(",") if x}
    return vec, row[0], row[1], tags


def score(con, a, b):
    (va, sa, pa, ta), (vb, sb, pb, tb) = doc(con, a), doc(con, b)
    dot = sum(w * vb[t] for t, w in va.items() if t in vb)
    na = math.sqrt(sum(w * w for w in va.values()))
    nb = math.sqrt(sum(w * w for w in vb.values()))
    cos = dot / (na * nb) if na and nb else 0
    boost = (1 + 0.30 * min(len(ta & tb), 3) / 3 + (0.15 if sa and sa == sb else 0)
             + 0.15 * 2 ** (-abs(pa - pb) / (30 * 86400)))
    return cos * boost if cos > 0 else 0.0


# ---- the tests -------------------------------------------------------------

def test_blinken_check_also_names_the_truce_talks():
    text = page(BLINKEN)
    assert check_also(text) == TRUCE, check_also(text)


def test_blinken_related_list_below_the_article():
    text = page(BLINKEN)
    items = related_list(text)
    assert ">Related articles</h2>" in text
    assert 1 <= len(items) <= 4, items
    assert TRUCE not in items, "the Check Also story is not repeated"
    assert BLINKEN not in items
    assert items[0] == DELEGATION, items
    for unrelated in (ALEPPO, AIRPORT):
        assert unrelated not in items[:1]
    # the list sits between the article and the comments
    assert text.index('class="related"') > text.index('class="check-also"')
    assert text.index('class="related"') < text.index('id="comments"')


def test_stored_scores_follow_the_formula():
    # idf moves as the site grows, so a list is exact as of its last
    # computation: saving Blinken again (unchanged) recomputes its list
    gazette("import", "--site", site.dir, fixture("blinken.md"))
    assert check_also(page(BLINKEN)) == TRUCE
    con = db()
    b = article_id(con, BLINKEN)
    rows = con.execute("SELECT related_id, score FROM related WHERE article_id = ?"
                       " ORDER BY score DESC, related_id DESC", (b,)).fetchall()
    assert rows, "Blinken has a stored list"
    scores = [s for _, s in rows]
    assert scores == sorted(scores, reverse=True)
    for rid, stored in rows:
        assert abs(score(con, b, rid) - stored) < 1e-9 * max(1, stored), (rid, stored)
    truce = score(con, b, article_id(con, TRUCE))
    aleppo = score(con, b, article_id(con, ALEPPO))
    airport = score(con, b, article_id(con, AIRPORT))
    print(f"     Blinken -> truce talks {truce:.4f}, -> Aleppo {aleppo:.4f},"
          f" -> airport {airport:.4f}")
    assert truce > 2 * max(aleppo, airport)
    assert rows[0][0] == article_id(con, TRUCE)
    con.close()


def test_every_article_page_has_a_box_and_no_self():
    con = db()
    paths = [p for (p,) in con.execute("SELECT path FROM articles WHERE status = 1")]
    con.close()
    for p in paths[::7] + [ALEPPO, TRUCE]:
        text = page(p)
        c = check_also(text)
        assert c is not None and c != p, p
        items = related_list(text)
        assert p not in items and c not in items and len(set(items)) == len(items)


def test_generated_stories_relate_within_their_topic():
    for topic in ("sport", "weather", "health"):
        con = db()
        path = con.execute("SELECT path FROM articles WHERE slug = ?", (f"{topic}-3",)).fetchone()[0]
        con.close()
        text = page(path)
        c = check_also(text)
        items = related_list(text)
        assert f"/{topic}-" in c, (topic, c)
        assert all(f"/{topic}-" in i for i in items), (topic, items)


def test_draft_never_appears_and_update_moves_into_list():
    # a draft saying what Blinken says: in no list, on no page
    draft = site.write("draft.md", open(fixture("blinken.md"), encoding="utf-8").read()
                       .replace("title: \"Blinken", "slug: blinken-draft\nstatus: draft\ntitle: \"Blinken"))
    gazette("import", "--site", site.dir, draft)
    text = page(BLINKEN)
    assert "blinken-draft" not in text
    assert server.get(TRUCE)[2].decode().count("blinken-draft") == 0
    # a sports story rewritten about the truce talks enters Blinken's list
    # and leaves the sports stories' lists
    con = db()
    sport = con.execute("SELECT path FROM articles WHERE slug = 'sport-5'").fetchone()[0]
    others = [p for (p,) in con.execute(
        "SELECT a.path FROM related r JOIN articles a ON a.id = r.article_id"
        " WHERE r.related_id = (SELECT id FROM articles WHERE slug = 'sport-5')")]
    con.close()
    assert others, "sport-5 was in some lists"
    assert any("/sport-" in o for o in others)
    rewritten = site.write("sport-5.md", f"""---
title: "Hamas answers Cairo truce proposal as hostage talks go on"
date: {sport[1:11].replace('/', '-')}T09:00:00Z
section: Middle East
slug: sport-5
tags: [Gaza, Hamas, Ceasefire]
---

Hamas gave mediators in Cairo its answer to the truce proposal, officials said, as talks on a ceasefire in Gaza and the release of hostages went on. Blinken urged Hamas to accept the deal.
""")
    gazette("import", "--site", site.dir, rewritten)
    assert sport in related_list(page(BLINKEN)) + [check_also(page(BLINKEN))]
    con = db()
    still = [p for (p,) in con.execute(
        "SELECT a.path FROM related r JOIN articles a ON a.id = r.article_id"
        " WHERE r.related_id = (SELECT id FROM articles WHERE slug = 'sport-5')")]
    con.close()
    assert not any("/sport-" in o for o in still), still


def test_related_count_setting():
    global server
    server.stop()
    server = None
    try:
        site.ini_set("articles", "related_count", "2")
        srv = Server(site)
        try:
            assert len(related_list(page(BLINKEN, srv))) == 2
        finally:
            srv.stop()
        site.ini_set("articles", "related_count", "0")
        srv = Server(site)
        try:
            text = page(BLINKEN, srv)
            assert 'class="related"' not in text and check_also(text) is not None
        finally:
            srv.stop()
    finally:
        site.ini_set("articles", "related_count", "4")
        server = Server(site)
