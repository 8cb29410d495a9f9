/*
** feed.c — the comment feeds, RSS 2.0.
**
** A feed is written straight into the answer with the XML escaper of
** buf.h: it is a fixed structure with no theme to apply.  An item carries
** the commenter's name and text, never their email (RSS's <author> is an
** email field, so the name goes in <dc:creator>).
**
** RSS 2.0 readers treat <description> as HTML: the comment goes in as the
** same safe HTML the page shows (comment_text_html), then XML-escaped.
** Plain text put there directly would be markup to the reader.
*/
#include "feed.h"

#include <string.h>

#include "comment_view.h"
#include "render.h"
#include "site.h"
#include "text.h"

enum { FEED_ITEMS = 20 };

static void xml_element(buf_t *b, const char *name, const char *text) {
    buf_printf(b, "<%s>", name);
    buf_append_xml(b, text, strlen(text));
    buf_printf(b, "</%s>\n", name);
}

static void rss_open(request_t *req, const char *title, const char *link,
                     const char *self, const char *description) {
    buf_t *b = &req->out;
    char now[32];
    text_format_date(req->now, now, TEXT_DATE_RFC822);
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\""
                " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
    xml_element(b, "title", title);
    xml_element(b, "link", link);
    buf_puts(b, "<atom:link href=\"");
    buf_append_xml(b, self, strlen(self));
    buf_puts(b, "\" rel=\"self\" type=\"application/rss+xml\"/>\n");
    xml_element(b, "description", description);
    xml_element(b, "language", req->site->config.language);
    xml_element(b, "lastBuildDate", now);
}

static void rss_item(request_t *req, const store_comment *c, const char *title) {
    buf_t *b = &req->out;
    arena_t *a = req->arena;
    const char *base = req->site->config.base_url;
    const char *link = arena_printf(a, "%s%s#comment-%lld", base, c->article_path, c->id);
    char date[32];
    text_format_date(c->created, date, TEXT_DATE_RFC822);
    buf_puts(b, "<item>\n");
    xml_element(b, "title", arena_printf(a, "%s by %s", title, c->author));
    xml_element(b, "link", link);
    xml_element(b, "dc:creator", c->author);
    xml_element(b, "pubDate", date);
    buf_puts(b, "<guid isPermaLink=\"true\">");
    buf_append_xml(b, link, strlen(link));
    buf_puts(b, "</guid>\n");
    xml_element(b, "description", comment_text_html(a, c->body));
    buf_puts(b, "</item>\n");
}

static void rss_close(request_t *req) {
    buf_puts(&req->out, "</channel>\n</rss>\n");
    req->status = 200;
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
    rss_open(req, arena_printf(req->arena, "Comments for %s", c->title),
             arena_printf(req->arena, "%s/", c->base_url),
             arena_printf(req->arena, "%s/comments/feed/", c->base_url),
             arena_printf(req->arena, "The newest comments on %s", c->title));
    for (size_t i = 0; i < n; i++) rss_item(req, list[i], "Comment");
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
    rss_open(req, arena_printf(a, "Comments on: %s", art->title),
             arena_printf(a, "%s%s", base, art->path),
             arena_printf(a, "%s%sfeed/", base, art->path),
             arena_printf(a, "Comments on “%s”", art->title));
    const char *title = arena_printf(a, "Comment on %s", art->title);
    for (size_t i = 0; i < n; i++) rss_item(req, list[i], title);
    rss_close(req);
}
