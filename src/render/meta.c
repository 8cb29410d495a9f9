/*
** meta.c — the JSON-LD of an article; see meta.h.
**
** schema.org's NewsArticle with what Google's article guidelines read:
** headline, dates, author, publisher with logo, mainEntityOfPage, the
** section and keywords.  The article has no image field yet, so "image"
** is the site logo until articles carry pictures.
*/
#include "meta.h"

#include <string.h>

#include "buf.h"
#include "date.h"
#include "json.h"
#include "site.h"

/* ", "key": "value" — a member after the first, on the one line. */
static void json_pair(buf_t *b, const char *key, const char *value) {
    buf_puts(b, ", ");
    json_write_member(b, key, value);
}

char *meta_article_jsonld(request_t *req, const store_article *art) {
    const config_t *c = &req->site->config;
    arena_t *a = req->arena;
    const char *url = arena_printf(a, "%s%s", c->base_url, art->path);
    const char *logo = arena_printf(a, "%s/theme/logo.svg", c->base_url);
    char published[32], modified[32];
    date_format(art->published, published, DATE_RFC3339);
    date_format(art->updated > art->published ? art->updated : art->published,
                     modified, DATE_RFC3339);
    buf_t b = BUF_INIT;
    buf_puts(&b, "{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\"");
    json_pair(&b, "headline", art->title);
    json_pair(&b, "datePublished", published);
    json_pair(&b, "dateModified", modified);
    buf_puts(&b, ", \"mainEntityOfPage\": {\"@type\": \"WebPage\"");
    json_pair(&b, "@id", url);
    buf_puts(&b, "}");
    json_pair(&b, "url", url);
    json_pair(&b, "image", logo);
    if (art->author[0]) {
        buf_puts(&b, ", \"author\": [{\"@type\": \"Person\"");
        json_pair(&b, "name", art->author);
        json_pair(&b, "url", arena_printf(a, "%s/author/%s/", c->base_url, art->author_slug));
        buf_puts(&b, "}]");
    }
    buf_puts(&b, ", \"publisher\": {\"@type\": \"Organization\"");
    json_pair(&b, "name", c->title);
    buf_puts(&b, ", \"logo\": {\"@type\": \"ImageObject\"");
    json_pair(&b, "url", logo);
    buf_puts(&b, "}}");
    if (art->section[0]) json_pair(&b, "articleSection", art->section);
    if (art->ntags) {
        buf_puts(&b, ", \"keywords\": [");
        for (size_t i = 0; i < art->ntags; i++) {
            if (i) buf_puts(&b, ", ");
            json_write_string(&b, art->tags[i]);
        }
        buf_putc(&b, ']');
    }
    buf_puts(&b, "}");
    char *out = arena_strndup(a, b.data, b.len);
    buf_free(&b);
    return out;
}
