/*
** fuzz_request.c — libFuzzer target for a whole request as a handler sees
** it: method, path and query, the headers handlers read, and a body,
** through route_dispatch on a real site (a store with articles and
** comments, the default theme), then the answer made ready as http.c
** makes it (compress_plan, conditional_answer, compress_answer).
**
** This is where the parsers that live inside handlers are reached: the
** query string of the search page (q, page) and of an article
** (replytocom); the route's captures as handlers read them (page
** numbers, years and months, sitemap numbers, avatar keys, theme file
** names); the slash redirect; the Cookie header as the article page
** reads it (the remembered name, email and website, the signed list of
** held comments); the POST /comments form with its Origin and token; and
** If-None-Match, If-Modified-Since and Accept-Encoding on a real answer.
**
** Input layout, as an HTTP/1.1 head reads:
**     METHOD SP PATH[?QUERY] LF
**     Name: value LF             (any number; CR before LF is dropped)
**     LF
**     body                       (the rest, any bytes)
** Of the headers, Cookie, If-None-Match, If-Modified-Since,
** Accept-Encoding, Origin, Host and User-Agent are used (any case), the
** last one of a name wins; others are ignored.  An input h2o's HTTP/1
** parser would refuse — a method that is not a token, a control byte or
** space in the target, a control byte other than tab in a value, no
** LF after the request line — is skipped: handlers never see it.  The
** site's key is fixed (bytes 00..1f) and so is the clock (NOW), so seeds
** in fuzz/corpus/request/ carry a valid comment form token and a valid
** held-comments cookie, and the mutator starts next to the accepting
** paths.  At most one comment is ever saved in a run: the flood rule
** refuses a second from the one address within the same second.
**
** The site lives in a new directory under $TMPDIR (or /tmp), removed at
** exit; a run that crashes leaves it behind.  With FUZZ_REQUEST_SHOW set
** in the environment, each answer is written to standard error before
** it is checked (to read what a crash input gets).
**
** Besides crashes, sanitizer reports and hangs, the target aborts when:
**   - the status is not one a handler documents (200, 301, 303, 304,
**     400, 403, 404, 405, 409, 422, 429): a 500 means some reader input
**     made a store read or a render fail;
**   - a header value holds a control byte, or a Location does not start
**     with a single '/' (a browser reads "//host" and "/\host" as another
**     site);
**   - an answer but a 304 has no Content-Type, or a 304 has a body;
**   - a body of a text type is not UTF-8 (each page says charset=utf-8);
**   - the body holds "<fz" or "</fz" (tags no page has: the seeds carry
**     them in every place a reader writes, so raw reflection shows), or
**     a "</script" that closes no "<script";
**   - HEAD of a GET's path answers another status or other headers, or
**     another body length (a HEAD announces the GET's Content-Length).
*/
#include <ftw.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "compress.h"
#include "conditional.h"
#include "publish.h"
#include "request.h"
#include "route.h"
#include "site.h"
#include "store.h"
#include "utf8.h"

/* The clock: 2024-05-10 12:00:00 UTC; the server started an hour before. */
#define NOW 1715342400LL
#define STARTED (NOW - 3600)

static void check(int ok) {
    if (!ok) abort();
}

static char dir[256];
static site_t site;
static store_t *store;

/* ---- the site ------------------------------------------------------------ */

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw) {
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_site(void) {
    if (store) store_close(store);
    site_close(&site);
    if (dir[0]) nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static void die(const char *what, const err_t *err) {
    fprintf(stderr, "fuzz_request: %s: %s\n", what, err->msg);
    abort();
}

static long long publish(const char *title, const char *text, publish_format format,
                         const char *section, const char *author, const char **tags,
                         size_t ntags, long long published) {
    arena_t a = ARENA_INIT;
    publish_input in = {
        .title = title, .text = text, .format = format, .section = section,
        .author = author, .tags = tags, .ntags = ntags, .status = STORE_PUBLISH,
        .published = published,
    };
    publish_result r;
    err_t err;
    if (publish_article(store, &a, &in, &r, &err)) die("publish", &err);
    long long id = r.id;
    arena_free(&a);
    return id;
}

static void comment(long long article, long long parent, const char *author,
                    const char *body, store_comment_status status, long long at) {
    store_comment c = {
        .article_id = article, .parent_id = parent, .author = author,
        .email = "reader@example.org", .url = "https://reader.example.org/",
        .body = body, .ip = "192.0.2.1", .user_agent = "seed", .held_reason = "",
        .status = status, .created = at,
    };
    long long id;
    err_t err;
    if (store_comment_add(store, &c, &id, &err)) die("comment", &err);
}

/* Three articles (Markdown and plain text, sections, tags, authors), two
** approved comments in a thread and one held (id 3) on the first. */
static void fill_site(void) {
    const char *council[] = {"Council", "Budget 2024"}, *river[] = {"Weather"};
    long long first = publish(
        "Council passes the budget",
        "The council passed the **budget** on Tuesday, after a [long "
        "debate](https://example.org/debate).\n\nIt’s the first since 2019.\n",
        PUBLISH_MARKDOWN, "Local News", "Maria K.", council, 2, NOW - 3 * 86400);
    publish("River peaks at 4.2 metres",
            "The river peaked at 4.2 metres overnight.\n\nNo homes were flooded.\n",
            PUBLISH_TEXT, "Local News", "Olga", river, 1, NOW - 2 * 86400);
    publish("Budget vote: what it means", "The budget vote, explained.\n",
            PUBLISH_MARKDOWN, "Opinion", "Maria K.", council, 1, NOW - 86400);
    comment(first, 0, "Sam", "Thanks for the clear report.\nhttps://example.org/x",
            STORE_COMMENT_APPROVED, NOW - 7200);
    comment(first, 1, "Ana", "Agreed.", STORE_COMMENT_APPROVED, NOW - 3600);
    comment(first, 0, "New reader", "Held for moderation.", STORE_COMMENT_PENDING,
            NOW - 600);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    err_t err;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/gazette-fuzz-request-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    check(mkdtemp(dir) != NULL);
    atexit(remove_site);
    char sitedir[300];
    snprintf(sitedir, sizeof sitedir, "%s/site", dir);
    if (site_init(sitedir, &err) || site_open(&site, sitedir, true, &err))
        die("site", &err);
    for (int i = 0; i < SITE_SECRET_BYTES; i++) site.secret[i] = (unsigned char)i;
    if (site_store_open(&site, &store, &err)) die("store", &err);
    fill_site();
    return 0;
}

/* ---- the input as a request ---------------------------------------------- */

static bool tchar(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* The next line of data[*at..size), without its LF (and a CR before it);
** NULL when no LF is left. */
static const char *next_line(const uint8_t *data, size_t size, size_t *at, size_t *len) {
    const uint8_t *start = data + *at;
    const uint8_t *lf = memchr(start, '\n', size - *at);
    if (lf == NULL) return NULL;
    *len = (size_t)(lf - start);
    *at += *len + 1;
    if (*len > 0 && start[*len - 1] == '\r') (*len)--;
    return (const char *)start;
}

/* Read the input into r (strings in r->arena); false when h2o would
** refuse it. */
static bool read_request(request_t *r, const uint8_t *data, size_t size) {
    arena_t *a = r->arena;
    size_t at = 0, len;
    const char *line = next_line(data, size, &at, &len);
    if (line == NULL) return false;
    size_t m = 0;
    while (m < len && tchar((unsigned char)line[m])) m++;
    if (m == 0 || m + 1 >= len || line[m] != ' ') return false;
    const char *target = line + m + 1;
    size_t tlen = len - m - 1;
    for (size_t i = 0; i < tlen; i++)
        if ((unsigned char)target[i] <= ' ' || target[i] == 0x7f) return false;
    r->method = arena_strndup(a, line, m);
    const char *q = memchr(target, '?', tlen);
    size_t plen = q ? (size_t)(q - target) : tlen;
    r->path = arena_strndup(a, target, plen);
    r->query = q ? arena_strndup(a, q + 1, tlen - plen - 1) : "";
    static const char *const names[] = {"cookie", "if-none-match", "if-modified-since",
                                        "accept-encoding", "origin", "host", "user-agent"};
    const char **slots[] = {&r->cookie, &r->if_none_match, &r->if_modified_since,
                            &r->accept_encoding, &r->origin, &r->host, &r->user_agent};
    while ((line = next_line(data, size, &at, &len)) != NULL && len > 0) {
        const char *colon = memchr(line, ':', len);
        if (colon == NULL || colon == line) return false;
        for (const char *p = line; p < colon; p++)
            if (!tchar((unsigned char)*p)) return false;
        const char *v = colon + 1, *e = line + len;
        for (const char *p = v; p < e; p++)
            if (((unsigned char)*p < ' ' && *p != '\t') || *p == 0x7f) return false;
        while (v < e && (*v == ' ' || *v == '\t')) v++;
        while (e > v && (e[-1] == ' ' || e[-1] == '\t')) e--;
        size_t nlen = (size_t)(colon - line);
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strlen(names[i]) == nlen && !strncasecmp(line, names[i], nlen))
                *slots[i] = arena_strndup(a, v, (size_t)(e - v));
    }
    if (line == NULL) at = size;              /* no blank line: no body */
    r->body = arena_strndup(a, (const char *)data + at, size - at);
    r->body_len = size - at;
    return true;
}

/* ---- one request, answered ------------------------------------------------- */

static void answer(request_t *r) {
    bool reading = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD");
    err_t err;
    if (reading && store_read_begin(store, &err)) die("read", &err);
    route_dispatch(r);
    if (reading) store_read_end(store);
    compress_coding coding = compress_plan(r, site.config.min_compress_bytes);
    conditional_answer(r, &site.config, STARTED, compress_coding_suffix(coding));
    if (r->status == 200) compress_answer(r, coding);
}

static void request_init(request_t *r, arena_t *a) {
    memset(r, 0, sizeof *r);
    r->site = &site;
    r->store = store;
    r->arena = a;
    r->host = "127.0.0.1:8080";
    r->remote_addr = "127.0.0.1";
    r->now = NOW;
}

/* ---- what every answer must be -------------------------------------------- */

static void check_header(const char *v) {
    if (v == NULL) return;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        check(*p >= ' ' && *p != 0x7f);
}

static size_t count(const char *hay, size_t len, const char *needle) {
    size_t n = 0, k = strlen(needle);
    for (const char *p = hay; (p = memmem(p, len - (size_t)(p - hay), needle, k)) != NULL;
         p += k)
        n++;
    return n;
}

/* The answer on standard error, for a person reading a crash. */
static void show(const request_t *r) {
    fprintf(stderr, "%s %s?%s -> %d\n", r->method, r->path, r->query, r->status);
    const char *names[] = {"Content-Type", "Location", "Allow", "Cache-Control", "ETag",
                           "Vary", "Content-Encoding"};
    const char *values[] = {r->content_type, r->location, r->allow, r->cache_control,
                            r->etag, r->vary, r->content_encoding};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (values[i]) fprintf(stderr, "%s: %s\n", names[i], values[i]);
    for (int i = 0; i < r->nset_cookie; i++) fprintf(stderr, "Set-Cookie: %s\n", r->set_cookie[i]);
    fprintf(stderr, "\n");
    fwrite(r->out.data ? r->out.data : "", 1, r->out.len, stderr);
    fprintf(stderr, "\n");
}

static void check_answer(const request_t *r) {
    if (getenv("FUZZ_REQUEST_SHOW")) show(r);
    static const int statuses[] = {200, 301, 303, 304, 400, 403, 404, 405, 409, 422, 429};
    bool known = false;
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        known |= r->status == statuses[i];
    if (!known) {
        fprintf(stderr, "fuzz_request: status %d for %s %s\n", r->status, r->method, r->path);
        abort();
    }
    check_header(r->content_type);
    check_header(r->location);
    check_header(r->allow);
    check_header(r->cache_control);
    check_header(r->etag);
    check_header(r->vary);
    check_header(r->content_encoding);
    for (int i = 0; i < r->nset_cookie; i++) check_header(r->set_cookie[i]);
    if (r->location)
        check(r->location[0] == '/' && r->location[1] != '/' && r->location[1] != '\\');
    if (r->status == 304) {
        check(r->out.len == 0);
        return;
    }
    check(r->content_type != NULL);
    if (r->content_encoding) return;            /* compressed bytes */
    const char *body = r->out.data ? r->out.data : "";
    if (!strncmp(r->content_type, "text/", 5)) check(utf8_valid(body, r->out.len));
    check(count(body, r->out.len, "<fz") == 0 && count(body, r->out.len, "</fz") == 0);
    check(count(body, r->out.len, "</script") <= count(body, r->out.len, "<script"));
}

static bool same(const char *x, const char *y) {
    return x == y || (x && y && !strcmp(x, y));
}

/* HEAD answers as GET does, without the body. */
static void check_head(const request_t *get, const uint8_t *data, size_t size) {
    arena_t a = ARENA_INIT;
    request_t r;
    request_init(&r, &a);
    check(read_request(&r, data, size));
    r.method = "HEAD";
    answer(&r);
    check(r.status == get->status && same(r.content_type, get->content_type) &&
          same(r.location, get->location) && same(r.etag, get->etag) &&
          same(r.cache_control, get->cache_control) && same(r.vary, get->vary) &&
          same(r.content_encoding, get->content_encoding) &&
          r.last_modified == get->last_modified && r.nset_cookie == get->nset_cookie &&
          r.out.len == get->out.len);
    buf_free(&r.out);
    arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    arena_t a = ARENA_INIT;
    request_t r;
    request_init(&r, &a);
    if (read_request(&r, data, size)) {
        answer(&r);
        check_answer(&r);
        if (!strcmp(r.method, "GET")) check_head(&r, data, size);
    }
    buf_free(&r.out);
    arena_free(&a);
    return 0;
}
