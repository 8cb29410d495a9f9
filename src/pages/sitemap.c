/*
** sitemap.c — the crawlers' view of the site.
**
** Every public address the crawlers should know is one entry of a single
** list in a fixed order: the front page first, then what
** store_sitemap_entries gives (the archives of sections, authors and
** tags, then the articles oldest first).  /sitemap-K.xml is the K-th
** slice of [sitemaps] urls_per_file entries (50,000 at most, the
** protocol's limit), and /sitemap.xml is the index naming every slice
** with its newest lastmod.  Nothing is stored: a slice is read from the
** store with LIMIT/OFFSET when it is asked for, and the store keeps
** articles in publication order so a new one only changes the last slice.
**
** /news-sitemap.xml is Google News' format: the articles of the last two
** days, at most 1,000, each with the publication's name and language, its
** date and its headline.  /robots.txt lets every crawler in, except into
** the newsroom and search results, and names both sitemaps.
**
** Every URL is absolute, on [site] base_url; slugs are %-encoded and every
** text is XML-escaped.
*/
#include "sitemap.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "date.h"
#include "render.h"
#include "site.h"

/* Google News lists articles of the last two days, at most 1,000. */
enum { SITEMAP_NEWS_SECONDS = 2 * 24 * 3600, SITEMAP_NEWS_MAX = 1000 };

static const char xml_head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
static const char ns_sitemap[] = "http://www.sitemaps.org/schemas/sitemap/0.9";
static const char ns_news[] = "http://www.google.com/schemas/sitemap-news/0.9";

/* The size of a child sitemap: the setting, within 1..50,000. */
static size_t per_file(const request_t *req) {
    int n = req->site->config.sitemap_urls_per_file;
    return n < 1 ? 1 : n > SITEMAP_MAX_URLS ? SITEMAP_MAX_URLS : (size_t)n;
}

/* <name>text</name>, the text XML-escaped. */
static void xml_element(buf_t *b, const char *name, const char *text) {
    buf_printf(b, "<%s>", name);
    buf_append_xml(b, text, strlen(text));
    buf_printf(b, "</%s>", name);
}

/* <lastmod> for t (Unix seconds), nothing when t is 0 (unknown). */
static void xml_lastmod(buf_t *b, long long t) {
    if (t <= 0) return;
    char date[32];
    date_format(t, date, DATE_RFC3339);
    xml_element(b, "lastmod", date);
}

/* The absolute URL of an entry: the permalink of an article, the archive
** of a section, author or tag (slug %-encoded). */
static const char *entry_url(request_t *req, const store_sitemap_entry *e) {
    const char *base = req->site->config.base_url;
    const char *path = !strcmp(e->kind, "article") ? e->key
                                                   : archive_path(req->arena, e->kind, e->key);
    return arena_printf(req->arena, "%s%s", base, path);
}

/* How many entries the list has, the front page included. */
static int list_size(request_t *req, long long *total, err_t *err) {
    long long n;
    if (store_sitemap_count(req->store, &n, err)) return -1;
    *total = n + 1;
    return 0;
}

/* The front page's lastmod: the last change among the articles it lists
** (the newest [articles] front_page_size), 0 when there are none. */
static int front_lastmod(request_t *req, long long *lastmod, err_t *err) {
    int per = render_list_size(req);
    store_article **arts;
    size_t n;
    if (store_articles_latest(req->store, req->arena, 0, (size_t)per, &arts, &n, err)) return -1;
    *lastmod = 0;
    for (size_t i = 0; i < n; i++) {
        long long t = arts[i]->updated > arts[i]->published ? arts[i]->updated : arts[i]->published;
        if (t > *lastmod) *lastmod = t;
    }
    return 0;
}

/* Answer with the XML document in req->out, status 200.  No
** Last-Modified: a list also changes when an entry leaves it (an article
** unpublished, or aged out of the news sitemap) without any date in it
** moving, so only the ETag (the body's hash) can tell. */
static void xml_answer(request_t *req) {
    req->status = 200;
    req->content_type = "application/xml; charset=utf-8";
}

/* GET /sitemap.xml
**
** The sitemap index: one <sitemap> for every child /sitemap-K.xml, with
** the newest lastmod of its entries.  There is always at least one child
** (the front page).
*/
void sitemap_index_page(request_t *req) {
    long long total, front;
    err_t err;
    if (list_size(req, &total, &err) || front_lastmod(req, &front, &err)) {
        render_store_error(req, &err);
        return;
    }
    long long per = (long long)per_file(req);
    long long files = (total + per - 1) / per;
    if (files > SITEMAP_MAX_FILES) files = SITEMAP_MAX_FILES;
    long long *lastmods = arena_alloc(req->arena, (size_t)files * sizeof *lastmods);
    if (store_sitemap_lastmods(req->store, 1, (size_t)per, lastmods, (size_t)files, &err)) {
        render_store_error(req, &err);
        return;
    }
    if (front > lastmods[0]) lastmods[0] = front;
    buf_t *b = &req->out;
    buf_reset(b);
    buf_puts(b, xml_head);
    buf_printf(b, "<sitemapindex xmlns=\"%s\">\n", ns_sitemap);
    for (long long k = 1; k <= files; k++) {
        buf_puts(b, "<sitemap>");
        xml_element(b, "loc", arena_printf(req->arena, "%s/sitemap-%lld.xml",
                                           req->site->config.base_url, k));
        xml_lastmod(b, lastmods[k - 1]);
        buf_puts(b, "</sitemap>\n");
    }
    buf_puts(b, "</sitemapindex>\n");
    xml_answer(req);
}

/* GET /sitemap-N.xml
**
** The N-th slice of the list: [sitemaps] urls_per_file URLs (the last
** slice fewer), each with its lastmod.  404 past the last slice.
*/
void sitemap_child_page(request_t *req) {
    long long k = strtoll(req->param[0], NULL, 10), total, front = 0;
    err_t err;
    if (list_size(req, &total, &err)) {
        render_store_error(req, &err);
        return;
    }
    long long per = (long long)per_file(req);
    long long first = (k - 1) * per;
    if (k < 1 || k > SITEMAP_MAX_FILES || first >= total) {
        render_error(req, 404, "Page not found", "There is no sitemap of that number.");
        return;
    }
    long long end = first + per < total ? first + per : total;
    long long from = first > 0 ? first - 1 : 0;
    store_sitemap_entry *entries;
    size_t n;
    if ((first == 0 && front_lastmod(req, &front, &err)) ||
        store_sitemap_entries(req->store, req->arena, (size_t)from,
                              (size_t)(end - 1 - from), &entries, &n, &err)) {
        render_store_error(req, &err);
        return;
    }
    buf_t *b = &req->out;
    buf_reset(b);
    buf_puts(b, xml_head);
    buf_printf(b, "<urlset xmlns=\"%s\">\n", ns_sitemap);
    if (first == 0) {
        buf_puts(b, "<url>");
        xml_element(b, "loc", arena_printf(req->arena, "%s/", req->site->config.base_url));
        xml_lastmod(b, front);
        buf_puts(b, "</url>\n");
    }
    for (size_t i = 0; i < n; i++) {
        buf_puts(b, "<url>");
        xml_element(b, "loc", entry_url(req, &entries[i]));
        xml_lastmod(b, entries[i].lastmod);
        buf_puts(b, "</url>\n");
    }
    buf_puts(b, "</urlset>\n");
    xml_answer(req);
}

/* The language as Google News wants it: ISO 639 ("en" for "en-GB"),
** except Chinese, which keeps its script ("zh-cn", "zh-tw"). */
static const char *news_language(arena_t *a, const char *language) {
    char *out = arena_strdup(a, language[0] ? language : "en");
    for (char *p = out; *p; p++) *p = (char)tolower((unsigned char)*p);
    if (strncmp(out, "zh", 2)) out[strcspn(out, "-_")] = '\0';
    else for (char *p = out; *p; p++) if (*p == '_') *p = '-';
    return out;
}

/* GET /news-sitemap.xml
**
** Google News: the articles published in the last two days (none dated
** in the future), newest first, at most 1,000; each with news:publication
** (name: the site's title; language: the site's), news:publication_date
** and news:title.
*/
void sitemap_news_page(request_t *req) {
    const config_t *c = &req->site->config;
    arena_t *a = req->arena;
    store_filter f = {.from = req->now - SITEMAP_NEWS_SECONDS, .to = req->now + 1};
    store_article **arts;
    size_t n;
    err_t err;
    if (store_articles_filtered(req->store, a, &f, 0, SITEMAP_NEWS_MAX, &arts, &n, &err)) {
        render_store_error(req, &err);
        return;
    }
    const char *language = news_language(a, c->language);
    buf_t *b = &req->out;
    buf_reset(b);
    buf_puts(b, xml_head);
    buf_printf(b, "<urlset xmlns=\"%s\" xmlns:news=\"%s\">\n", ns_sitemap, ns_news);
    for (size_t i = 0; i < n; i++) {
        const store_article *art = arts[i];
        char date[32];
        date_format(art->published, date, DATE_RFC3339);
        buf_puts(b, "<url>");
        xml_element(b, "loc", arena_printf(a, "%s%s", c->base_url, art->path));
        buf_puts(b, "<news:news><news:publication>");
        xml_element(b, "news:name", c->title);
        xml_element(b, "news:language", language);
        buf_puts(b, "</news:publication>");
        xml_element(b, "news:publication_date", date);
        xml_element(b, "news:title", art->title);
        buf_puts(b, "</news:news></url>\n");
    }
    buf_puts(b, "</urlset>\n");
    xml_answer(req);
}

/* GET /robots.txt
**
** Every crawler may go everywhere but the newsroom (/admin/) and search
** results (/search); both sitemaps are named, absolute.
*/
void sitemap_robots_page(request_t *req) {
    const char *base = req->site->config.base_url;
    buf_t *b = &req->out;
    buf_reset(b);
    buf_printf(b, "User-agent: *\n"
                  "Disallow: /admin/\n"
                  "Disallow: /search\n"
                  "Allow: /\n"
                  "\n"
                  "Sitemap: %s/sitemap.xml\n"
                  "Sitemap: %s/news-sitemap.xml\n", base, base);
    req->status = 200;
    req->content_type = "text/plain; charset=utf-8";
}
