/*
** config.c — reading gazette.ini; see config.h.
**
** The format is the plain INI most operators know: [section] headers,
** `key = value` lines, `#` or `;` comments on their own lines.  Each key
** is described once in the keys[] table (section, name, kind, where in
** config_t); the reader and the defaults both come from that table.
*/
#include "config.h"

#include <stdbool.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "origin.h"

/* KEY_HEADER: a string that goes into a response header as it is, so
** only printable ASCII and spaces. */
typedef enum { KEY_STRING, KEY_INT, KEY_SIZE, KEY_BOOL, KEY_HEADER } key_kind;

typedef struct key {
    const char *section, *name;
    key_kind kind;
    size_t offset, size;       /* where in config_t; size for strings */
    const char *fallback;      /* the default, as it would be written */
} key;

#define STR(sec, field, def)                                               \
    {sec, #field, KEY_STRING, offsetof(config_t, field),                   \
     sizeof(((config_t *)0)->field), def}
#define INT(sec, field, def)                                               \
    {sec, #field, KEY_INT, offsetof(config_t, field), 0, def}
#define BOOL(sec, field, def)                                              \
    {sec, #field, KEY_BOOL, offsetof(config_t, field), 0, def}
#define SIZE(sec, field, def)                                              \
    {sec, #field, KEY_SIZE, offsetof(config_t, field), 0, def}
/* [cache] keys are named by page kind; their fields carry a cache_ prefix */
#define HEADER(sec, name, field, def)                                      \
    {sec, name, KEY_HEADER, offsetof(config_t, field),                     \
     sizeof(((config_t *)0)->field), def}

/* a number or yes/no whose key is not its field's name: [feeds] items */
#define NAMED(sec, name, kind, field, def)                                 \
    {sec, name, kind, offsetof(config_t, field), 0, def}

static const key keys[] = {
    STR("site", title, "gazette demo"),
    STR("site", tagline, "News, served straight from C"),
    STR("site", base_url, "http://127.0.0.1:8080"),
    STR("site", language, "en"),
    STR("server", listen, "127.0.0.1:8080"),
    INT("server", threads, "0"),
    STR("server", access_log, "-"),
    SIZE("server", max_header_bytes, "16384"),
    SIZE("server", max_body_bytes, "1048576"),
    INT("server", max_connections_per_address, "256"),
    /* connections and their timeouts (conn.h).  header: a head comes in
    ** one packet, 10 s allows a very slow link and was h2o's one timeout;
    ** body: 30 s from the head's end carries max_body_bytes at 35 KB/s;
    ** idle: nginx's keepalive_timeout, above a proxy's own (nginx upstream:
    ** 60 s), so that a proxy in front drops an idle connection first and
    ** never sends a request into one gazette is closing */
    INT("server", max_connections, "4096"),
    INT("server", header_timeout, "10"),
    INT("server", body_timeout, "30"),
    INT("server", idle_timeout, "75"),
    /* nginx's send_timeout is 60 s; an answer of a news page is small, and
    ** a client that reads nothing of it for 30 s is not reading */
    INT("server", send_timeout, "30"),
    /* Writes wait for the one writer thread, each holding its request's
    ** body.  64 in all is a burst of comments (each commits in a few ms,
    ** so the last waits well under a second) and bounds the queue's
    ** memory; past it a post gets 503 with its text kept.  A browser
    ** posts one form at a time: 8 a connection leaves room for an HTTP/2
    ** client's few, and a connection that sends more at once is refused
    ** the rest and struck (below): an eighth of the queue at most. */
    INT("server", max_queued_writes, "64"),
    INT("server", max_writes_per_connection, "8"),
    /* Requests h2o hands gazette at once on one HTTP/2 connection (h2o's
    ** own default is 100): a page's assets come in a few dozen, and each
    ** answer in flight holds its body. */
    INT("server", max_streams_per_connection, "32"),
    /* A connection whose writes end unanswered (reset by the client, or
    ** by the server on the client's cue: CVE-2023-44487, CVE-2025-8671)
    ** or overrun its max_writes_per_connection more often than this a
    ** second is closed.  A reader who leaves a page mid-post counts 1. */
    INT("server", max_resets_per_second, "20"),
    STR("theme", theme_dir, ""),
    INT("articles", excerpt_words, "16"),
    INT("articles", front_page_size, "10"),
    INT("articles", related_count, "4"),
    /* a search's snippets are linear in an article's size, and so is what
    ** a page of results reads: 2 MB is some 300,000 words, a book */
    NAMED("articles", "max_bytes", KEY_SIZE, article_max_bytes, "2097152"),
    BOOL("comments", hold_unknown_authors, "true"),
    INT("comments", max_links, "2"),
    STR("comments", moderation_words, ""),
    STR("comments", disallowed_words, ""),
    INT("comments", flood_seconds, "15"),
    INT("comments", min_submit_seconds, "3"),
    INT("comments", close_after_days, "0"),
    INT("comments", thread_depth, "5"),
    /* four hours: a long comment is written in one sitting, and a page
    ** kept by a cache (with the token in it) stays postable for a while */
    INT("comments", form_token_minutes, "240"),
    /* a search holds its event loop: the readers on that loop wait */
    NAMED("search", "budget_ms", KEY_INT, search_budget_ms, "1000"),
    NAMED("feeds", "items", KEY_INT, feed_items, "20"),
    NAMED("feeds", "full_text", KEY_BOOL, feed_full_text, "false"),
    NAMED("sitemaps", "urls_per_file", KEY_INT, sitemap_urls_per_file, "50000"),
    /* article pages revalidate in browsers (max-age=0), so a reader who
    ** just commented sees the comment; shared caches keep them 60 s */
    HEADER("cache", "article", cache_article, "public, max-age=0, s-maxage=60"),
    HEADER("cache", "list", cache_list, "public, max-age=60"),
    HEADER("cache", "feed", cache_feed, "public, max-age=300"),
    HEADER("cache", "asset", cache_asset, "public, max-age=86400"),
    HEADER("cache", "other", cache_other, "no-cache"),
    HEADER("cache", "not_found", cache_not_found, "public, max-age=30"),
    HEADER("cache", "error", cache_error, "no-store"),
    SIZE("cache", min_compress_bytes, "512"),
};

enum { NKEYS = sizeof keys / sizeof keys[0] };

/* Store text as the value of k in c.  0, or -1 with a message. */
static int key_assign(config_t *c, const key *k, const char *text,
                      err_t *err) {
    char *field = (char *)c + k->offset;
    if (k->kind == KEY_BOOL) {
        bool yes = !strcmp(text, "true") || !strcmp(text, "yes") || !strcmp(text, "1");
        bool no = !strcmp(text, "false") || !strcmp(text, "no") || !strcmp(text, "0");
        if (!yes && !no)
            return err_set(err, "'%s' must be true or false, not '%s'", k->name, text);
        *(bool *)field = yes;
        return 0;
    }
    if (k->kind == KEY_HEADER) {
        for (const char *p = text; *p; p++)
            if (*p < ' ' || *p > '~')
                return err_set(err, "'%s' must be printable ASCII", k->name);
    }
    if (k->kind == KEY_STRING || k->kind == KEY_HEADER) {
        if (strlen(text) >= k->size)
            return err_set(err, "value of '%s' is too long", k->name);
        strcpy(field, text);
        return 0;
    }
    char *end;
    errno = 0;
    long long n = strtoll(text, &end, 10);
    if (errno || end == text || *end != '\0' || n < 0 ||
        (k->kind == KEY_INT && n > 1000000))
        return err_set(err, "'%s' must be a whole number, not '%s'",
                       k->name, text);
    if (k->kind == KEY_INT) *(int *)field = (int)n;
    else *(size_t *)field = (size_t)n;
    return 0;
}

void config_defaults(config_t *c) {
    memset(c, 0, sizeof *c);
    for (int i = 0; i < NKEYS; i++) key_assign(c, &keys[i], keys[i].fallback, NULL);
}

static char *trim(char *s) {
    while (isspace((unsigned char)*s)) s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) *--e = '\0';
    return s;
}

static const key *key_find(const char *section, const char *name) {
    for (int i = 0; i < NKEYS; i++)
        if (!strcmp(keys[i].section, section) && !strcmp(keys[i].name, name))
            return &keys[i];
    return NULL;
}

static bool section_known(const char *section) {
    for (int i = 0; i < NKEYS; i++)
        if (!strcmp(keys[i].section, section)) return true;
    return false;
}

/* One line of the file; section is the current [section], updated here. */
static int config_line(config_t *c, char *line, char section[64],
                       err_t *err) {
    char *s = trim(line);
    if (*s == '\0' || *s == '#' || *s == ';') return 0;
    if (*s == '[') {
        char *close = strchr(s, ']');
        if (close == NULL || close[1] != '\0')
            return err_set(err, "expected '[section]'");
        *close = '\0';
        if (!section_known(trim(s + 1)) || strlen(trim(s + 1)) >= 64)
            return err_set(err, "unknown section [%s]", trim(s + 1));
        strcpy(section, trim(s + 1));
        return 0;
    }
    char *eq = strchr(s, '=');
    if (eq == NULL) return err_set(err, "expected 'key = value'");
    *eq = '\0';
    const char *name = trim(s);
    const key *k = key_find(section, name);
    if (k == NULL)
        return err_set(err, "unknown key '%s' in [%s]", name, section);
    return key_assign(c, k, trim(eq + 1), err);
}

/* The rules between a key's value and the program that one line cannot
** say: base_url is what the Origin check and cookies' Secure rest on. */
static int config_check(const config_t *c, const char *path, err_t *err) {
    origin_t o;
    if (!origin_parse(c->base_url, true, &o))
        return err_set(err, "%s: [site] base_url must be an http:// or https:// URL "
                       "(scheme://host[:port][/path]), not '%s'", path, c->base_url);
    if (c->form_token_minutes < 1)
        return err_set(err, "%s: [comments] form_token_minutes must be at least 1", path);
    return 0;
}

int config_load(config_t *c, const char *path, err_t *err) {
    FILE *f = fopen(path, "r");
    if (f == NULL) return err_set(err, "cannot open %s: %s", path, strerror(errno));
    char line[2048], section[64] = "";
    int lineno = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        if (strchr(line, '\n') == NULL && !feof(f))
            rc = err_set(err, "line too long");
        else
            rc = config_line(c, line, section, err);
    }
    fclose(f);
    if (rc) return err_prefix(err, "%s:%d", path, lineno);
    size_t n = strlen(c->base_url);
    while (n > 0 && c->base_url[n - 1] == '/') c->base_url[--n] = '\0';
    return config_check(c, path, err);
}

void config_template(buf_t *out) {
    const char *section = "";
    buf_puts(out, "# gazette site settings; see gazette(1).\n");
    for (int i = 0; i < NKEYS; i++) {
        if (strcmp(section, keys[i].section)) {
            section = keys[i].section;
            buf_printf(out, "\n[%s]\n", section);
        }
        buf_printf(out, "%s =%s%s\n", keys[i].name, keys[i].fallback[0] ? " " : "",
                   keys[i].fallback);
    }
}
