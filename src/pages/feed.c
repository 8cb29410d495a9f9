/*
** feed.c — syndication: the article feeds of the site, of each section,
** tag, author, year and month in RSS 2.0, Atom 1.0 and JSON Feed 1.1;
** and the comment feeds, RSS 2.0.
**
** A feed is written straight into the answer with the XML escapers of
** buf.h and the JSON writer of json.h: it is a fixed structure with no
** theme to apply.  An item carries the names of people, never their email
** (RSS's <author> is an email field, so the name goes in <dc:creator>).
**
** RSS 2.0 readers treat <description> as HTML, and Atom's
** <content type="html"> and JSON Feed's content_html are HTML: what goes
** there is HTML (the article's body_html, rendered safe at write time; a
** comment's text through paragraph_html_comment; a plain excerpt
** HTML-escaped first), then XML- or JSON-escaped.  Plain text put there
** directly would be markup to the reader.
**
** Article feeds: the three formats are three writers over one struct
** feed (title, links, items), filled once by feed_answer from a
** store_filter — the same filter the archive of the same URL uses, so a
** feed lists what its page lists and 404s where its page does.  Every
** item is identified by its permalink in all three formats (RSS guid,
** Atom id, JSON id); dates are the publication date and the last change
** (never before publication).
*/
#include "feed.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "archive.h"
#include "date.h"
#include "excerpt.h"
#include "json.h"
#include "paragraph.h"
#include "render.h"
#include "site.h"

/* Items in a comment feed; an article feed's default ([feeds] items). */
enum { FEED_ITEMS = 20 };

/* <name>text</name> and a newline, the text XML-escaped. */
static void xml_element(buf_t *b, const char *name, const char *text) {
    buf_printf(b, "<%s>", name);
    buf_append_xml(b, text, strlen(text));
    buf_printf(b, "</%s>\n", name);
}

/* The head of an RSS 2.0 document up to its first <item>: the channel's
** title, link, self link (atom:link), description and language, and
** lastBuildDate from req->last_modified when it is known.  The caller set
** req->last_modified first. */
static void rss_open(request_t *req, const char *title, const char *link,
                     const char *self, const char *description) {
    buf_t *b = &req->out;
    char built[32];   /* the newest item's time, not now: the ETag holds */
    date_format(req->last_modified, built, DATE_RFC822);
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\""
                " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n");
    xml_element(b, "title", title);
    xml_element(b, "link", link);
    buf_puts(b, "<atom:link href=\"");
    buf_append_xml(b, self, strlen(self));
    buf_puts(b, "\" rel=\"self\" type=\"application/rss+xml\"/>\n");
    xml_element(b, "description", description);
    xml_element(b, "language", req->site->config.language);
    if (req->last_modified) xml_element(b, "lastBuildDate", built);
}

/* One comment as an RSS <item>, titled "Comment on HEADLINE by NAME": its
** anchor on the article page is link and guid; the commenter's name (never
** their email) is dc:creator. */
static void rss_item(request_t *req, const store_comment *c) {
    buf_t *b = &req->out;
    arena_t *a = req->arena;
    const char *base = req->site->config.base_url;
    const char *link = arena_printf(a, "%s%s#comment-%lld", base, c->article_path, c->id);
    char date[32];
    date_format(c->created, date, DATE_RFC822);
    buf_puts(b, "<item>\n");
    xml_element(b, "title", arena_printf(a, "Comment on %s by %s", c->article_title, c->author));
    xml_element(b, "link", link);
    xml_element(b, "dc:creator", c->author);
    xml_element(b, "pubDate", date);
    buf_puts(b, "<guid isPermaLink=\"true\">");
    buf_append_xml(b, link, strlen(link));
    buf_puts(b, "</guid>\n");
    xml_element(b, "description", paragraph_html_comment(a, c->body));
    buf_puts(b, "</item>\n");
}

/* Close an RSS document and answer it: 200, application/rss+xml. */
static void rss_close(request_t *req) {
    buf_puts(&req->out, "</channel>\n</rss>\n");
    req->status = 200;
    req->cache_kind = REQUEST_CACHE_FEED;
    req->content_type = "application/rss+xml; charset=utf-8";
}

/* GET /comments/feed/
**
** The 20 newest approved comments of the whole site.
*/
void feed_comments_site(request_t *req) {
    store_comment **list;
    size_t n;
    err_t err;
    if (store_comments_recent(req->store, req->arena, 0, FEED_ITEMS, &list, &n, &err)) {
        render_store_error(req, &err);
        return;
    }
    const config_t *c = &req->site->config;
    req->last_modified = n ? list[0]->created : 0;   /* newest first */
    rss_open(req, arena_printf(req->arena, "Comments for %s", c->title),
             arena_printf(req->arena, "%s/", c->base_url),
             arena_printf(req->arena, "%s/comments/feed/", c->base_url),
             arena_printf(req->arena, "The newest comments on %s", c->title));
    for (size_t i = 0; i < n; i++) rss_item(req, list[i]);
    rss_close(req);
}

/* GET /YYYY/MM/DD/slug/feed/
**
** The 20 newest approved comments on one article; 404 when there is no
** such published article.
*/
void feed_comments_article(request_t *req) {
    arena_t *a = req->arena;
    const char *path = arena_printf(a, "/%s/%s/%s/%s/", req->param[0], req->param[1],
                                    req->param[2], req->param[3]);
    store_article *art;
    store_comment **list;
    size_t n;
    err_t err;
    if (store_article_by_path(req->store, a, path, &art, &err) ||
        (art && store_comments_recent(req->store, a, art->id, FEED_ITEMS, &list, &n, &err))) {
        render_store_error(req, &err);
        return;
    }
    if (art == NULL) {
        render_error(req, 404, "Page not found", "There is no article at this address.");
        return;
    }
    const char *base = req->site->config.base_url;
    req->last_modified = n && list[0]->created > art->updated ? list[0]->created : art->updated;
    rss_open(req, arena_printf(a, "Comments on: %s", art->title),
             arena_printf(a, "%s%s", base, art->path),
             arena_printf(a, "%s%sfeed/", base, art->path),
             arena_printf(a, "Comments on “%s”", art->title));
    for (size_t i = 0; i < n; i++) rss_item(req, list[i]);
    rss_close(req);
}

/* ---- article feeds: RSS 2.0, Atom 1.0, JSON Feed 1.1 ------------------ */

/* Words in an item's excerpt (the summary of every item, and the whole
** item when [feeds] full_text is off). */
enum { FEED_EXCERPT_WORDS = 55 };

typedef enum feed_format { FEED_RSS, FEED_ATOM, FEED_JSON } feed_format;

/* One article feed: what it is about, where it lives, and its items. */
typedef struct feed {
    feed_format format;
    const char *title;         /* "Tagged: Gaza – gazette demo" */
    const char *description;   /* one sentence */
    const char *home;          /* absolute URL of the page it follows */
    const char *self;          /* absolute URL of this feed, this format */
    store_article **items;     /* newest first */
    size_t n;
    long long updated;         /* newest change among the items */
    bool full_text;
} feed;

/* When an article last changed: never before it was published. */
static long long article_changed(const store_article *art) {
    return art->updated > art->published ? art->updated : art->published;
}

/* Does path end with suffix? */
static bool ends_with(const char *path, const char *suffix) {
    size_t n = strlen(path), m = strlen(suffix);
    return n >= m && !memcmp(path + n - m, suffix, m);
}

/* The format a path asks for: .../feed/atom/, .../feed/json/, else RSS
** (the routes admit nothing else). */
static feed_format format_of(const char *path) {
    if (ends_with(path, "/feed/atom/")) return FEED_ATOM;
    if (ends_with(path, "/feed/json/")) return FEED_JSON;
    return FEED_RSS;
}

/* The absolute URL of the archive of a section, tag or author: base_url
** and its archive_path. */
static const char *archive_url(request_t *req, const char *kind, const char *slug) {
    return arena_printf(req->arena, "%s%s", req->site->config.base_url,
                        archive_path(req->arena, kind, slug));
}

/* <name>text</name> where text is plain: HTML-escaped (feed readers read
** RSS descriptions as HTML), then XML-escaped. */
static void xml_element_plain_as_html(buf_t *b, const char *name, const char *text) {
    buf_t html = BUF_INIT;
    buf_append_html(&html, text, strlen(text));
    buf_printf(b, "<%s>", name);
    if (html.len) buf_append_xml(b, html.data, html.len);
    buf_printf(b, "</%s>\n", name);
    buf_free(&html);
}

/* name="value" (with a leading space), the value XML-escaped. */
static void xml_attribute(buf_t *b, const char *name, const char *value) {
    buf_printf(b, " %s=\"", name);
    buf_append_xml(b, value, strlen(value));
    buf_putc(b, '"');
}

/* The excerpt of an item: plain text, " …" when cut. */
static const char *item_excerpt(request_t *req, const store_article *art) {
    bool cut;
    return excerpt_words(req->arena, art->body_text, FEED_EXCERPT_WORDS, &cut);
}

/* One RSS <item>.  The permalink is both <link> and the guid; the author's
** name goes in <dc:creator> (<author> holds an email, which we never
** publish); the excerpt is the <description>, the full text (when the
** feed carries it) <content:encoded>. */
static void rss_article(request_t *req, const feed *f, const store_article *art) {
    buf_t *b = &req->out;
    const char *link = arena_printf(req->arena, "%s%s", req->site->config.base_url, art->path);
    char date[32];
    date_format(art->published, date, DATE_RFC822);
    buf_puts(b, "<item>\n");
    xml_element(b, "title", art->title);
    xml_element(b, "link", link);
    buf_puts(b, "<guid isPermaLink=\"true\">");
    buf_append_xml(b, link, strlen(link));
    buf_puts(b, "</guid>\n");
    xml_element(b, "pubDate", date);
    if (art->author[0]) xml_element(b, "dc:creator", art->author);
    if (art->section[0]) xml_element(b, "category", art->section);
    for (size_t i = 0; i < art->ntags; i++) xml_element(b, "category", art->tags[i]);
    xml_element(b, "comments", arena_printf(req->arena, "%s#comments", link));
    xml_element_plain_as_html(b, "description", item_excerpt(req, art));
    if (f->full_text && art->body_html) xml_element(b, "content:encoded", art->body_html);
    buf_puts(b, "</item>\n");
}

/* The RSS 2.0 document of f. */
static void rss_feed(request_t *req, const feed *f) {
    rss_open(req, f->title, f->home, f->self, f->description);
    xml_element(&req->out, "generator", "gazette");
    for (size_t i = 0; i < f->n; i++) rss_article(req, f, f->items[i]);
    rss_close(req);
}

/* An Atom <category>: the name as term, the kind's archive root as scheme. */
static void atom_category(request_t *req, const char *kind, const char *name) {
    buf_t *b = &req->out;
    buf_puts(b, "<category");
    xml_attribute(b, "term", name);
    const char *scheme = arena_printf(req->arena, "%s/%s/", req->site->config.base_url, kind);
    xml_attribute(b, "scheme", scheme);
    buf_puts(b, "/>\n");
}

/* One Atom <entry>.  Its id is the permalink, as in the other formats, so
** a reader that changes format sees the same items. */
static void atom_entry(request_t *req, const feed *f, const store_article *art) {
    buf_t *b = &req->out;
    const char *link = arena_printf(req->arena, "%s%s", req->site->config.base_url, art->path);
    char published[32], updated[32];
    date_format(art->published, published, DATE_RFC3339);
    date_format(article_changed(art), updated, DATE_RFC3339);
    buf_puts(b, "<entry>\n");
    xml_element(b, "id", link);
    buf_puts(b, "<title type=\"text\">");
    buf_append_xml(b, art->title, strlen(art->title));
    buf_puts(b, "</title>\n<link rel=\"alternate\" type=\"text/html\"");
    xml_attribute(b, "href", link);
    buf_puts(b, "/>\n");
    xml_element(b, "published", published);
    xml_element(b, "updated", updated);
    if (art->author[0]) {
        buf_puts(b, "<author>");
        xml_element(b, "name", art->author);
        xml_element(b, "uri", archive_url(req, "author", art->author_slug));
        buf_puts(b, "</author>\n");
    }
    if (art->section[0]) atom_category(req, "section", art->section);
    for (size_t i = 0; i < art->ntags; i++) atom_category(req, "tag", art->tags[i]);
    const char *excerpt = item_excerpt(req, art);
    buf_puts(b, "<summary type=\"text\">");
    buf_append_xml(b, excerpt, strlen(excerpt));
    buf_puts(b, "</summary>\n");
    if (f->full_text && art->body_html) {
        buf_puts(b, "<content type=\"html\">");
        buf_append_xml(b, art->body_html, strlen(art->body_html));
        buf_puts(b, "</content>\n");
    }
    buf_puts(b, "</entry>\n");
}

/* The Atom 1.0 document of f.  The feed's id is its own URL; the site is
** the feed-level author, which covers entries without a byline. */
static void atom_feed(request_t *req, const feed *f) {
    buf_t *b = &req->out;
    const config_t *c = &req->site->config;
    char updated[32];
    date_format(f->updated, updated, DATE_RFC3339);
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    xml_attribute(b, "xml:lang", c->language);
    buf_puts(b, ">\n");
    xml_element(b, "id", f->self);
    buf_puts(b, "<title type=\"text\">");
    buf_append_xml(b, f->title, strlen(f->title));
    buf_puts(b, "</title>\n<subtitle type=\"text\">");
    buf_append_xml(b, f->description, strlen(f->description));
    buf_puts(b, "</subtitle>\n<link rel=\"alternate\" type=\"text/html\"");
    xml_attribute(b, "href", f->home);
    buf_puts(b, "/>\n<link rel=\"self\" type=\"application/atom+xml\"");
    xml_attribute(b, "href", f->self);
    buf_puts(b, "/>\n");
    xml_element(b, "updated", updated);
    buf_puts(b, "<author>");
    xml_element(b, "name", c->title);
    xml_element(b, "uri", arena_printf(req->arena, "%s/", c->base_url));
    buf_puts(b, "</author>\n");
    xml_element(b, "generator", "gazette");
    for (size_t i = 0; i < f->n; i++) atom_entry(req, f, f->items[i]);
    buf_puts(b, "</feed>\n");
    req->status = 200;
    req->cache_kind = REQUEST_CACHE_FEED;
    req->content_type = "application/atom+xml; charset=utf-8";
}

/* A member of a JSON object on a line of its own, indented:
** "name": "value", a comma before it unless it is the first. */
static void json_line(buf_t *b, bool first, const char *indent, const char *name,
                      const char *value) {
    buf_printf(b, "%s\n%s", first ? "" : ",", indent);
    json_write_member(b, name, value);
}

/* The indents of the members of the feed's object and of an item's. */
#define TOP_IN "  "
#define ITEM_IN "      "

/* One JSON Feed item: content_html when the feed carries full text, else
** the excerpt as content_text; the excerpt is the summary either way;
** tags are the section then the article's tags. */
static void json_item(request_t *req, const feed *f, const store_article *art) {
    buf_t *b = &req->out;
    const char *link = arena_printf(req->arena, "%s%s", req->site->config.base_url, art->path);
    const char *excerpt = item_excerpt(req, art);
    char published[32], modified[32];
    date_format(art->published, published, DATE_RFC3339);
    date_format(article_changed(art), modified, DATE_RFC3339);
    buf_puts(b, "    {");
    json_line(b, true, ITEM_IN, "id", link);
    json_line(b, false, ITEM_IN, "url", link);
    json_line(b, false, ITEM_IN, "title", art->title);
    if (f->full_text && art->body_html)
        json_line(b, false, ITEM_IN, "content_html", art->body_html);
    else
        json_line(b, false, ITEM_IN, "content_text", excerpt);
    json_line(b, false, ITEM_IN, "summary", excerpt);
    json_line(b, false, ITEM_IN, "date_published", published);
    json_line(b, false, ITEM_IN, "date_modified", modified);
    if (art->author[0]) {
        buf_printf(b, ",\n%s\"authors\": [{\"name\": ", ITEM_IN);
        json_write_string(b, art->author);
        buf_puts(b, ", \"url\": ");
        json_write_string(b, archive_url(req, "author", art->author_slug));
        buf_puts(b, "}]");
    }
    if (art->section[0] || art->ntags) {
        buf_printf(b, ",\n%s\"tags\": [", ITEM_IN);
        bool first = true;
        if (art->section[0]) json_write_string(b, art->section), first = false;
        for (size_t i = 0; i < art->ntags; i++) {
            if (!first) buf_puts(b, ", ");
            json_write_string(b, art->tags[i]);
            first = false;
        }
        buf_putc(b, ']');
    }
    buf_puts(b, "\n    }");
}

/* The JSON Feed 1.1 document of f. */
static void json_feed(request_t *req, const feed *f) {
    buf_t *b = &req->out;
    const config_t *c = &req->site->config;
    buf_puts(b, "{");
    json_line(b, true, TOP_IN, "version", "https://jsonfeed.org/version/1.1");
    json_line(b, false, TOP_IN, "title", f->title);
    json_line(b, false, TOP_IN, "home_page_url", f->home);
    json_line(b, false, TOP_IN, "feed_url", f->self);
    json_line(b, false, TOP_IN, "description", f->description);
    json_line(b, false, TOP_IN, "language", c->language);
    buf_printf(b, ",\n%s\"authors\": [{\"name\": ", TOP_IN);
    json_write_string(b, c->title);
    buf_puts(b, ", \"url\": ");
    json_write_string(b, arena_printf(req->arena, "%s/", c->base_url));
    buf_printf(b, "}],\n%s\"items\": [", TOP_IN);
    for (size_t i = 0; i < f->n; i++) {
        buf_puts(b, i ? ",\n" : "\n");
        json_item(req, f, f->items[i]);
    }
    buf_puts(b, f->n ? "\n  ]\n}\n" : "]\n}\n");
    req->status = 200;
    req->cache_kind = REQUEST_CACHE_FEED;
    req->content_type = "application/feed+json; charset=utf-8";
}

/* Answer with the feed of the articles filter selects, in the format the
** path asks for.  home_path is the site path of the page the feed follows
** ("/section/x/", already %-encoded); its feeds live under home_path
** "feed/".  title names what the feed follows ("" for the whole site).
** With nothing to list: 404 when must_have, else an empty feed. */
static void feed_answer(request_t *req, const store_filter *filter,
                        const char *home_path, const char *title, bool must_have) {
    const config_t *c = &req->site->config;
    arena_t *a = req->arena;
    feed f = {.format = format_of(req->path), .full_text = c->feed_full_text};
    int items = c->feed_items > 0 ? c->feed_items : FEED_ITEMS;
    err_t err;
    if (store_articles_feed(req->store, a, filter, (size_t)items, f.full_text,
                            &f.items, &f.n, &err)) {
        render_store_error(req, &err);
        return;
    }
    if (f.n == 0 && must_have) {
        render_error(req, 404, "Page not found", "Nothing has been published here.");
        return;
    }
    static const char *const suffix[] = {"", "atom/", "json/"};
    f.home = arena_printf(a, "%s%s", c->base_url, home_path);
    f.self = arena_printf(a, "%s%sfeed/%s", c->base_url, home_path, suffix[f.format]);
    f.title = title[0] ? arena_printf(a, "%s – %s", title, c->title) : c->title;
    f.description = title[0] ? arena_printf(a, "%s, newest first, from %s", title, c->title)
                             : (c->tagline[0] ? c->tagline : c->title);
    for (size_t i = 0; i < f.n; i++)
        if (article_changed(f.items[i]) > f.updated) f.updated = article_changed(f.items[i]);
    /* a site with nothing published yet: Atom still needs a date */
    req->last_modified = f.updated;
    if (f.updated == 0) f.updated = req->now;
    buf_reset(&req->out);
    if (f.format == FEED_ATOM) atom_feed(req, &f);
    else if (f.format == FEED_JSON) json_feed(req, &f);
    else rss_feed(req, &f);
}

/* GET /feed/
** GET /feed/atom/
** GET /feed/json/
**
** The site's newest published articles ([feeds] items, 20 by default),
** in RSS 2.0, Atom 1.0 or JSON Feed 1.1; the whole text or the excerpt as
** [feeds] full_text says.  A site with nothing published has an empty
** feed.
*/
void feed_site_page(request_t *req) {
    store_filter f = {0};
    feed_answer(req, &f, "/", "", false);
}

/* The feed of a section, tag or author: 404 unless it has published
** articles, like its archive. */
static void feed_named(request_t *req, const char *kind) {
    archive_scope scope;
    if (archive_scope_named(req, kind, &scope))
        feed_answer(req, &scope.filter, scope.base, scope.heading, true);
}

/* GET /section/NAME/feed/
** GET /section/NAME/feed/atom/
** GET /section/NAME/feed/json/
**
** The newest articles of a section; 404 when it has none published.
*/
void feed_section_page(request_t *req) { feed_named(req, "section"); }

/* GET /tag/NAME/feed/
** GET /tag/NAME/feed/atom/
** GET /tag/NAME/feed/json/
*/
void feed_tag_page(request_t *req) { feed_named(req, "tag"); }

/* GET /author/NAME/feed/
** GET /author/NAME/feed/atom/
** GET /author/NAME/feed/json/
*/
void feed_author_page(request_t *req) { feed_named(req, "author"); }

/* The feed of a year (month 0) or a month: 404 for a month outside 1–12
** or a period with nothing published, like its archive. */
static void feed_period(request_t *req, int year, int month) {
    archive_scope scope;
    if (archive_scope_period(req, year, month, &scope))
        feed_answer(req, &scope.filter, scope.base, scope.heading, true);
}

/* GET /YYYY/feed/
** GET /YYYY/feed/atom/
** GET /YYYY/feed/json/
**
** The newest articles published in a year; 404 when there are none.
*/
void feed_year_page(request_t *req) { feed_period(req, atoi(req->param[0]), 0); }

/* GET /YYYY/MM/feed/
** GET /YYYY/MM/feed/atom/
** GET /YYYY/MM/feed/json/
**
** The newest articles published in a month; 404 when there are none.
*/
void feed_month_page(request_t *req) {
    int month = atoi(req->param[1]);
    feed_period(req, atoi(req->param[0]), month ? month : -1);
}
