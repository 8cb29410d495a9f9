/*
** search.c — the search page, /search?q=…&page=N.
**
** The reader's text is cleaned (invalid UTF-8 repaired, control
** characters made spaces, noncharacters U+FFFD), parsed by search_query.c into the store's
** search language and handed to store_search; nothing the reader typed
** reaches the engine any other way, so no input can make the query fail.
**
** Highlights.  The store marks the matches in a hit's headline and
** snippet with two private-use characters (store.h).  Here the marked
** text is cut at the marks into parts, {text, mark}, which the template
** prints escaped, wrapping the marked ones in <mark>: the page has no raw
** output at all, so an article that says "<script>" shows "&lt;script&gt;"
** and a stray marker character can never unbalance the markup.
**
** Outcomes, all through the theme's "search" template:
**   no q, or q without a word   200, the form alone
**   results                     200, SEARCH_PAGE_SIZE a page, rel=prev/next:
**                               the full matches, then (when they are
**                               fewer than a page) the partial ones,
**                               "Did you mean" when none is full
**   no results                  200, "Did you mean", sections, latest
**   out of time (the budget)    200, what was found in time and a note
**   page past the last, or a    404, the form and a link to the first page
**   page that is not a number
**   a malformed query string    400 (the error page)
*/
#include "search.h"

#include <stdio.h>
#include <string.h>

#include "archive.h"
#include "form.h"
#include "pager.h"
#include "render.h"
#include "site.h"
#include "utf8.h"

/* The highest page number served (a bigger one is a 404). */
enum { SEARCH_PAGE_MAX = 100000 };
/* How many words of one failed query get a "did you mean" look-up, how
** many latest articles a page without results offers, and how many
** characters of the query the heading repeats. */
enum { SUGGEST_WORDS_MAX = 4, LATEST_MAX = 5, HEADING_CHARS_MAX = 80 };

/* The replacement for the valid UTF-8 character at s (len bytes long) in
** an HTML page: " " for a control character (C0, DEL, C1), U+FFFD for a
** noncharacter (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF), which HTML forbids;
** NULL to keep it. */
static const char *html_replacement(const unsigned char *s, size_t len) {
    if (len == 1) return s[0] < 0x20 || s[0] == 0x7F ? " " : NULL;
    if (len == 2) return s[0] == 0xC2 && s[1] < 0xA0 ? " " : NULL;
    if (len == 3 && s[0] == 0xEF && ((s[1] == 0xB7 && s[2] >= 0x90 && s[2] <= 0xAF) ||
                                     (s[1] == 0xBF && s[2] >= 0xBE)))
        return "\xEF\xBF\xBD";
    if (len == 4 && (s[1] & 0x0F) == 0x0F && s[2] == 0xBF && s[3] >= 0xBE)
        return "\xEF\xBF\xBD";
    return NULL;
}

/* s[0..len) as valid UTF-8 that HTML allows, in the arena: an invalid
** byte becomes U+FFFD, other characters as html_replacement says. */
static const char *clean_text(arena_t *a, const char *s, size_t len) {
    buf_t b = BUF_INIT;
    while (len > 0) {
        size_t ok = utf8_valid_prefix(s, len);
        for (size_t i = 0; i < ok;) {
            const unsigned char *c = (const unsigned char *)s + i;
            size_t n = c[0] < 0x80 ? 1 : c[0] < 0xE0 ? 2 : c[0] < 0xF0 ? 3 : 4;
            const char *r = html_replacement(c, n);
            if (r) buf_puts(&b, r);
            else buf_append(&b, c, n);
            i += n;
        }
        s += ok, len -= ok;
        if (len > 0) {                  /* an invalid byte */
            buf_puts(&b, "\xEF\xBF\xBD");
            s++, len--;
        }
    }
    const char *out = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return out;
}

/* At most max characters of UTF-8 s, "…" added when cut. */
static const char *shorten(arena_t *a, const char *s, size_t max) {
    size_t i = 0, chars = 0;
    for (; s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == max)
            return arena_printf(a, "%.*s…", (int)i, s);
    return s;
}

/* The page parameter: 1 when absent, 0 when it is not a number from 1 to
** SEARCH_PAGE_MAX. */
static long page_param(const char *v) {
    if (v == NULL || v[0] == '\0') return v ? 0 : 1;
    long n = 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9' || n > SEARCH_PAGE_MAX) return 0;
        n = n * 10 + (*p - '0');
    }
    return n >= 1 && n <= SEARCH_PAGE_MAX ? n : 0;
}

/* "/search?q=Q" and "&page=N" when page > 1. */
static const char *search_path(arena_t *a, const char *q, long page) {
    buf_t b = BUF_INIT;
    buf_puts(&b, "/search?q=");
    buf_append_url(&b, q, strlen(q));
    if (page > 1) buf_printf(&b, "&page=%ld", page);
    const char *out = arena_strndup(a, b.data, b.len);
    buf_free(&b);
    return out;
}

/* n with a comma every three digits: "12,345". */
static const char *thousands(arena_t *a, size_t n) {
    char digits[32], out[48];
    int len = snprintf(digits, sizeof digits, "%zu", n), o = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    return arena_strndup(a, out, (size_t)o);
}

/* The marked text s (STORE_SEARCH_MARK_*) as a list of {text, mark}
** parts; a mark only switches the state, so any sequence of markers,
** even a stray one from an article's own text, gives flat parts. */
static view_t *marked_parts(arena_t *a, const char *s) {
    static const size_t ml = sizeof STORE_SEARCH_MARK_OPEN - 1;
    _Static_assert(sizeof STORE_SEARCH_MARK_OPEN == sizeof STORE_SEARCH_MARK_CLOSE,
                   "markers of one length");
    view_t *list = view_list(a);
    bool marked = false;
    const char *run = s;
    for (const char *p = s;; ) {
        bool open = !strncmp(p, STORE_SEARCH_MARK_OPEN, ml);
        bool close = !strncmp(p, STORE_SEARCH_MARK_CLOSE, ml);
        if (*p && !open && !close) {
            p++;
            continue;
        }
        if (p > run) {
            view_t *part = view_map(a);
            view_set(a, part, "text", view_string(a, run, (size_t)(p - run)));
            view_set_bool(a, part, "mark", marked);
            view_push(a, list, part);
        }
        if (*p == '\0') return list;
        marked = open;
        p += ml;
        run = p;
    }
}

/* Into v, for a query that no article matches in full: a corrected
** query that some article does ("suggestion": {text, path}), if any. */
static int suggestion_view(request_t *req, const search_query *q, view_t *v,
                           err_t *err) {
    arena_t *a = req->arena;
    search_term fixed[SEARCH_TERMS_MAX];
    size_t tries = 0;
    bool changed = false;
    for (size_t i = 0; i < q->nterms; i++) {
        fixed[i] = q->terms[i];
        if (q->terms[i].phrase || q->terms[i].prefix || tries == SUGGEST_WORDS_MAX)
            continue;
        tries++;
        const char *better;
        if (store_search_suggest(req->store, a, q->terms[i].text, &better, err))
            return -1;
        if (better) fixed[i].text = better, changed = true;
    }
    store_search_hit **hits;
    size_t n, total = 0;
    if (changed && store_search(req->store, a, search_query_fts(a, fixed, q->nterms),
                                0, 0, &hits, &n, &total, err))
        return -1;
    if (total > 0) {
        const char *text = search_query_text(a, fixed, q->nterms);
        view_t *s = view_map(a);
        view_set_str(a, s, "text", text);
        view_set_str(a, s, "path", search_path(a, text, 1));
        view_set(a, v, "suggestion", s);
    }
    return 0;
}

/* Into v, for a query without results: the sections and the latest
** articles, ways on for the reader. */
static int browse_view(request_t *req, view_t *v, err_t *err) {
    arena_t *a = req->arena;
    size_t n;
    const char **names, **slugs;
    if (store_sections(req->store, a, &names, &slugs, &n, err)) return -1;
    view_t *sections = view_list(a);
    for (size_t i = 0; i < n; i++) {
        view_t *s = view_map(a);
        view_set_str(a, s, "name", names[i]);
        view_set_str(a, s, "path", archive_path(a, "section", slugs[i]));
        view_push(a, sections, s);
    }
    view_set(a, v, "sections", sections);
    view_set_bool(a, v, "has_sections", n > 0);

    store_article **latest;
    if (store_articles_latest(req->store, a, 0, LATEST_MAX, &latest, &n, err)) return -1;
    view_t *list = view_list(a);
    for (size_t i = 0; i < n; i++) view_push(a, list, render_article_summary(req, latest[i]));
    view_set(a, v, "latest", list);
    view_set_bool(a, v, "has_latest", n > 0);
    return 0;
}

/* The hits as a list for the template. */
static view_t *hits_view(request_t *req, store_search_hit **hits, size_t n) {
    arena_t *a = req->arena;
    view_t *list = view_list(a);
    for (size_t i = 0; i < n; i++) {
        view_t *r = render_article_summary(req, hits[i]->article);
        view_set(a, r, "title_parts", marked_parts(a, hits[i]->title));
        view_set(a, r, "snippet_parts", marked_parts(a, hits[i]->snippet));
        view_push(a, list, r);
    }
    return list;
}

/* One page of results: the full matches on it (the articles with every
** term) and the partial ones after them; full_total of the first kind in
** all, total of both. */
typedef struct results_page {
    store_search_hit **full, **partial;
    size_t nfull, npartial, full_total, total;
} results_page;

/* Into v: the hits of page p, in two lists (the full matches, then the
** partial ones under a heading), and the links around them. */
static void results_view(request_t *req, const char *text, const pager_t *p,
                         const results_page *r, view_t *v) {
    arena_t *a = req->arena;
    size_t n = r->nfull + r->npartial, total = r->total;
    size_t first = p->offset + 1, last = first + n - 1;
    /* the items of the one list from this page's first on */
    bool next = pager_has_next(p, total > p->offset ? total - p->offset : 0);
    view_set_bool(a, v, "has_results", true);
    if (r->nfull > 0) {
        view_set(a, v, "results", hits_view(req, r->full, r->nfull));
        view_set_bool(a, v, "has_full", true);
        view_set_int(a, v, "first", (long long)first);
    }
    if (r->npartial > 0) {
        view_set(a, v, "partial_results", hits_view(req, r->partial, r->npartial));
        view_set_bool(a, v, "has_partial", true);
        view_set_int(a, v, "partial_first", (long long)(first + r->nfull));
        view_set_str(a, v, "partial_heading",
                     r->full_total == 0 ? "No article has all of your words; these have some"
                                        : "Articles with some of your words");
    }
    view_set_str(a, v, "count_label",
                 total == 1 ? "1 result"
                 : total <= p->per ? arena_printf(a, "%zu results", total)
                 : arena_printf(a, "Results %s–%s of %s", thousands(a, first),
                                thousands(a, last), thousands(a, total)));
    if (p->page > 1) view_set_str(a, v, "prev_path", search_path(a, text, p->page - 1));
    if (next) view_set_str(a, v, "next_path", search_path(a, text, p->page + 1));
    view_set_bool(a, v, "has_pages", p->page > 1 || next);
}

/* Page p of q's results into *r: see "Full matches, then partial ones"
** below.  The totals are counted, so a page asks for p->per hits, not
** the pager's one more.  A search that ran out of time looks no further. */
static int results_fetch(request_t *req, const search_query *q, const pager_t *p,
                         results_page *r, err_t *err) {
    if (store_search(req->store, req->arena, q->fts, p->offset, p->per, &r->full,
                     &r->nfull, &r->full_total, err))
        return -1;
    r->total = r->full_total;
    if (r->full_total >= p->per || store_search_out_of_time(req->store)) return 0;
    size_t more = 0;
    if (store_search_partial(req->store, req->arena, q->fts,
                             p->offset > r->full_total ? p->offset - r->full_total : 0,
                             p->per - r->nfull, &r->partial, &r->npartial, &more,
                             err))
        return -1;
    r->total += more;
    return 0;
}

/* The results of page p into *r, and "Did you mean" into v when nothing
** matches in full, all within the site's search budget ([search]
** budget_ms, from now); *late says whether the budget ran out, and then
** *r holds what was found in time. */
static int results_within_budget(request_t *req, const search_query *q,
                                 const pager_t *p, results_page *r, view_t *v,
                                 bool *late, err_t *err) {
    store_search_budget(req->store, req->site->config.search_budget_ms);
    int rc = results_fetch(req, q, p, r, err);
    if (rc == 0 && r->full_total == 0 && p->page == 1 &&
        !store_search_out_of_time(req->store))
        rc = suggestion_view(req, q, v, err);
    *late = store_search_out_of_time(req->store);
    store_search_budget(req->store, 0);
    return rc;
}

/* GET /search?q=TEXT[&page=N]
**
** The published articles matching TEXT (search.h: words, "phrases",
** prefix*), best first, SEARCH_PAGE_SIZE a page: headline and snippet
** with the matching words marked, date, section.  q is refilled in the
** form.  N defaults to 1; a page past the last, or an N that is not a
** number from 1 to SEARCH_PAGE_MAX, is a 404 that still shows the form.
** Without results: "Did you mean" a corrected query (when it has
** results), the sections and the latest articles.
**
** Full matches, then partial ones.  The articles with every term come
** first, best first (store_search).  When they are fewer than a page,
** the articles with at least half of the terms follow them
** (store_search_partial: by how many terms, then BM25), under their own
** heading, and the count and the pages cover both lists: page N is
** always rows (N-1)*SEARCH_PAGE_SIZE+1.. of the one list that the full
** matches and then the partial ones make, so no article is on two pages
** and none is skipped.  A page of full matches or more is all a reader
** asked for; then the partial matches are not looked for (nor paid for).
** "Did you mean" is offered whenever nothing matches in full.
**
** The budget.  All of the searching (the full matches, the partial ones,
** "Did you mean") must end within [search] budget_ms: it holds the
** worker's event loop, and every reader on that loop waits.  When the
** store stops a search there (store_search_budget), the page shows what
** was found in time with a note ("incomplete") that it is not all, and
** neither the 404 of a page past the last nor "No articles match" is
** said, since neither is known.
*/
void search_page(request_t *req) {
    arena_t *a = req->arena;
    form_t f;
    err_t err;
    if (form_parse(a, req->query, strlen(req->query), &f, &err)) {
        render_error(req, 400, "Bad request", "This search address could not be read.");
        return;
    }
    const char *raw = form_get(&f, "q");
    const char *text = clean_text(a, raw ? raw : "", raw ? strlen(raw) : 0);
    long page = page_param(form_get(&f, "page"));
    search_query q;
    search_query_parse(a, text, strlen(text), &q);

    view_t *v = view_map(a);
    view_set_str(a, v, "query", text);
    if (q.nterms == 0) {
        view_set_str(a, v, "heading", "Search");
        view_set_str(a, v, "page_title", "Search");
        view_set_str(a, v, "description", arena_printf(a, "Search the articles of %s.",
                                                       req->site->config.title));
        render_page(req, 200, "search", v);
        return;
    }
    const char *title = arena_printf(a, "Search results for “%s”",
                                     shorten(a, text, HEADING_CHARS_MAX));
    view_set_str(a, v, "heading", title);
    view_set_str(a, v, "page_title", page > 1 ? arena_printf(a, "%s, page %ld", title, page)
                                               : title);
    view_set_str(a, v, "description",
                 page > 1 ? arena_printf(a, "%s at %s, page %ld.", title,
                                         req->site->config.title, page)
                          : arena_printf(a, "%s at %s.", title, req->site->config.title));
    results_page r = {0};
    pager_t p = pager_at(page > 0 ? page : 1, SEARCH_PAGE_SIZE);
    bool late = false;
    if (page > 0 && results_within_budget(req, &q, &p, &r, v, &late, &err)) {
        render_store_error(req, &err);
        return;
    }
    size_t n = r.nfull + r.npartial;
    if (page == 0 || (!late && pager_past_end(&p, n))) {
        view_set_str(a, v, "message", page == 0 ? "There is no such page of results."
                                                : "There are no results this far.");
        view_set_str(a, v, "first_path", search_path(a, text, 1));
        render_page(req, 404, "search", v);
        return;
    }
    if (n == 0 && !late && browse_view(req, v, &err)) {
        render_store_error(req, &err);
        return;
    }
    if (late)
        view_set_str(a, v, "incomplete",
                     n > 0 ? "This search took too long to finish: these are the "
                             "results found in time."
                           : "This search took too long to finish. Try fewer "
                             "words, or more precise ones.");
    if (n == 0 && !late) view_set_bool(a, v, "no_results", true);
    else if (n > 0) results_view(req, text, &p, &r, v);
    render_page(req, 200, "search", v);
    /* a page cut short by the budget is not the answer: no cache keeps it */
    if (late) req->cache_control = "no-store";
}
