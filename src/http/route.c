/*
** route.c — the URL table and its matcher; see route.h.
**
** A pattern is a path whose segments are literal text or a capture:
**   {year} four digits, {month}/{day} two digits, {n} a positive number,
**   {name} any non-empty segment (decoded), {file} the same, for assets.
** A capture may have literal text around it inside its segment
** (/sitemap-{n}.xml); a segment holds at most one capture.
** The table is small and read top to bottom: the first pattern that
** matches the path and accepts the method wins.  Paths are matched before
** decoding, segment by segment, so an encoded '/' (%2F) inside a slug
** cannot change which segment it belongs to.
*/
#include "route.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "archive.h"
#include "article.h"
#include "avatar.h"
#include "comment.h"
#include "feed.h"
#include "front.h"
#include "percent.h"
#include "render.h"
#include "search.h"
#include "sitemap.h"
#include "theme.h"

/* GET /favicon.ico
**
** The theme's static/favicon.ico, as /theme/favicon.ico serves it (its
** type, ETag and asset caching): browsers ask for this address whatever
** the page links.  A theme without one: 404. */
static void favicon_page(request_t *req) {
    req->param[0] = "favicon.ico";
    req->nparams = 1;
    theme_asset_page(req);
}

typedef struct route {
    const char *methods;        /* space-separated, e.g. "GET HEAD" */
    const char *pattern;
    request_handler handler;
} route;

static const route routes[] = {
    {"GET HEAD", "/", front_page},
    {"GET HEAD", "/page/{n}/", front_page},
    {"GET HEAD", "/search", search_page},
    {"GET HEAD", "/section/{name}/", archive_section_page},
    {"GET HEAD", "/section/{name}/page/{n}/", archive_section_page},
    {"GET HEAD", "/tag/{name}/", archive_tag_page},
    {"GET HEAD", "/tag/{name}/page/{n}/", archive_tag_page},
    {"GET HEAD", "/author/{name}/", archive_author_page},
    {"GET HEAD", "/author/{name}/page/{n}/", archive_author_page},
    {"GET HEAD", "/{year}/", archive_year_page},
    {"GET HEAD", "/{year}/page/{n}/", archive_year_page},
    {"GET HEAD", "/{year}/{month}/", archive_month_page},
    {"GET HEAD", "/{year}/{month}/page/{n}/", archive_month_page},
    {"GET HEAD", "/{year}/{month}/{day}/{name}/", article_page},
    {"GET HEAD", "/{year}/{month}/{day}/{name}/feed/", feed_comments_article},
    {"GET HEAD", "/comments/feed/", feed_comments_site},
    {"GET HEAD", "/feed/", feed_site_page},
    {"GET HEAD", "/feed/atom/", feed_site_page},
    {"GET HEAD", "/feed/json/", feed_site_page},
    {"GET HEAD", "/section/{name}/feed/", feed_section_page},
    {"GET HEAD", "/section/{name}/feed/atom/", feed_section_page},
    {"GET HEAD", "/section/{name}/feed/json/", feed_section_page},
    {"GET HEAD", "/tag/{name}/feed/", feed_tag_page},
    {"GET HEAD", "/tag/{name}/feed/atom/", feed_tag_page},
    {"GET HEAD", "/tag/{name}/feed/json/", feed_tag_page},
    {"GET HEAD", "/author/{name}/feed/", feed_author_page},
    {"GET HEAD", "/author/{name}/feed/atom/", feed_author_page},
    {"GET HEAD", "/author/{name}/feed/json/", feed_author_page},
    {"GET HEAD", "/{year}/feed/", feed_year_page},
    {"GET HEAD", "/{year}/feed/atom/", feed_year_page},
    {"GET HEAD", "/{year}/feed/json/", feed_year_page},
    {"GET HEAD", "/{year}/{month}/feed/", feed_month_page},
    {"GET HEAD", "/{year}/{month}/feed/atom/", feed_month_page},
    {"GET HEAD", "/{year}/{month}/feed/json/", feed_month_page},
    {"GET HEAD", "/sitemap.xml", sitemap_index_page},
    {"GET HEAD", "/sitemap-{n}.xml", sitemap_child_page},
    {"GET HEAD", "/news-sitemap.xml", sitemap_news_page},
    {"GET HEAD", "/robots.txt", sitemap_robots_page},
    {"GET HEAD", "/favicon.ico", favicon_page},
    {"POST", "/comments", comment_post},
    {"GET HEAD", "/theme/{file}", theme_asset_page},
    {"GET HEAD", "/avatar/{file}", avatar_page},
};

enum { NROUTES = sizeof routes / sizeof routes[0] };

static bool all_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return false;
    return n > 0;
}

/* Whether a pattern segment holds a capture; if so the lengths of the
** literal text before (*pre) and after (*post) it. */
static bool capture_span(const char *pat, size_t plen, size_t *pre, size_t *post) {
    const char *open = memchr(pat, '{', plen);
    const char *close = open ? memchr(open, '}', plen - (size_t)(open - pat)) : NULL;
    if (close == NULL) return false;
    *pre = (size_t)(open - pat);
    *post = plen - (size_t)(close + 1 - pat);
    return true;
}

/* Does one path segment satisfy one pattern segment? */
static bool segment_matches(const char *pat, size_t plen, const char *seg,
                            size_t slen) {
    size_t pre, post;
    if (!capture_span(pat, plen, &pre, &post))
        return plen == slen && memcmp(pat, seg, slen) == 0;
    if (slen < pre + post || memcmp(pat, seg, pre) ||
        memcmp(pat + plen - post, seg + slen - post, post))
        return false;
    pat += pre, seg += pre;
    plen -= pre + post, slen -= pre + post;
    if (!strncmp(pat, "{year}", plen)) return slen == 4 && all_digits(seg, 4);
    if (!strncmp(pat, "{month}", plen) || !strncmp(pat, "{day}", plen))
        return slen == 2 && all_digits(seg, 2);
    if (!strncmp(pat, "{n}", plen))
        return slen <= 9 && all_digits(seg, slen) && seg[0] != '0';
    return slen > 0;   /* {name}, {file} */
}

/* Match path against pattern; on success fill req->param. */
static bool pattern_matches(const char *pattern, const char *path,
                            request_t *req) {
    const char *p = pattern, *s = path;
    int n = 0;
    while (*p && *s) {
        if (*p != '/' || *s != '/') return false;
        p++, s++;
        size_t plen = strcspn(p, "/"), slen = strcspn(s, "/");
        if (!segment_matches(p, plen, s, slen)) return false;
        size_t pre, post;
        if (capture_span(p, plen, &pre, &post)) {
            if (n == REQUEST_MAX_PARAMS) return false;
            const char *v = percent_decode(req->arena, s + pre, slen - pre - post, 0,
                                           NULL, NULL);
            if (v == NULL) return false;
            req->param[n++] = v;
        }
        p += plen, s += slen;
    }
    if (*p || *s) return false;
    req->nparams = n;
    return true;
}

static bool method_allowed(const char *methods, const char *method) {
    size_t n = strlen(method);
    for (const char *m = methods; *m;) {
        size_t len = strcspn(m, " ");
        if (len == n && !memcmp(m, method, n)) return true;
        m += len;
        while (*m == ' ') m++;
    }
    return false;
}

/* The Allow header for a path some routes match but not with req->method. */
static const char *allowed_methods(request_t *req) {
    for (int i = 0; i < NROUTES; i++)
        if (pattern_matches(routes[i].pattern, req->path, req))
            return routes[i].methods;
    return NULL;
}

/* Whether a GET or HEAD of req->path would find a page with a '/' added;
** if so req->location is that path, and the query as the client sent it
** (byte for byte) after a '?'.  Never a Location that starts "//" or
** "/\\", which a browser reads as another host's address. */
static bool slash_redirect(request_t *req) {
    const char *path = req->path;
    size_t len = strlen(path);
    if (len < 2 || path[0] != '/' || path[1] == '/' || path[1] == '\\' ||
        path[len - 1] == '/' || (strcmp(req->method, "GET") && strcmp(req->method, "HEAD")))
        return false;
    char *slashed = arena_printf(req->arena, "%s/", path);
    req->path = slashed;
    bool found = allowed_methods(req) != NULL;
    req->path = path;
    if (!found) return false;
    req->location = req->query && req->query[0]
                        ? arena_printf(req->arena, "%s?%s", slashed, req->query)
                        : slashed;
    return true;
}

request_handler route_match(request_t *req, const char **allow) {
    for (int i = 0; i < NROUTES; i++) {
        if (!method_allowed(routes[i].methods, req->method)) continue;
        if (!pattern_matches(routes[i].pattern, req->path, req)) continue;
        if (allow) *allow = NULL;
        return routes[i].handler;
    }
    if (allow) *allow = allowed_methods(req);
    return NULL;
}

void route_dispatch(request_t *req) {
    const char *allow;
    request_handler handler = route_match(req, &allow);
    if (handler) {
        handler(req);
        return;
    }
    if (allow) {
        req->allow = allow;
        render_error(req, 405, "Method not allowed",
                     "This address does not take that kind of request.");
        return;
    }
    if (slash_redirect(req)) {
        render_error(req, 301, "Moved permanently", "This page has moved.");
        return;
    }
    render_error(req, 404, "Page not found",
                 "Sorry, there is nothing at this address.");
}
