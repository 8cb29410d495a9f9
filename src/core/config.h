/*
** config.h — a site's gazette.ini.
**
** The file is read once, at start; the config_t it fills is then shared,
** read-only, by every thread (the one piece of global state the house
** rules allow besides the caches; docs/architecture.md).  Unknown sections and keys are errors, so a
** misspelt setting is not silently ignored.
*/
#ifndef GAZETTE_CONFIG_H
#define GAZETTE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

typedef struct config {
    /* [site] */
    char title[256];
    char tagline[256];
    char base_url[512];        /* no trailing slash, e.g. http://127.0.0.1:8080 */
    char language[32];
    /* [server] */
    char listen[128];          /* ADDR:PORT */
    int threads;               /* event loops; 0 = one per core */
    char access_log[512];      /* "-" stdout, "off", or a file path */
    size_t max_header_bytes;   /* request line + headers, else 431 */
    size_t max_body_bytes;     /* request body, else 413 */
    int max_connections_per_address;   /* open at once; 0 = no limit */
    int max_connections;       /* open at once in all; 0 = as many as the
                               ** descriptor limit allows (always below it) */
    int header_timeout;        /* seconds for a request's head, else 408 */
    int body_timeout;          /* seconds for its body after the head, else 408 */
    int idle_timeout;          /* seconds a connection waits for its next request */
    int send_timeout;          /* seconds an answer may wait for its client
                               ** to read any of it */
    /* the write queue and HTTP/2 abuse (rapid reset): see config.c */
    int max_queued_writes;     /* writes out with the writer, in all */
    int max_writes_per_connection;     /* ... from one connection */
    int max_streams_per_connection;    /* HTTP/2 requests handled at once */
    int max_resets_per_second; /* a connection's writes a second ending
                               ** unanswered or over its share; past it
                               ** the connection is closed; 0 = no limit */
    /* [theme] */
    char theme_dir[1024];      /* "" = the default theme */
    /* [articles] */
    int excerpt_words;         /* Check Also and lists cut here */
    int front_page_size;       /* articles a page on / */
    int related_count;         /* "Related articles" under an article; 0 none */
    size_t article_max_bytes;  /* an imported article file's largest size;
                               ** 0 any (key: max_bytes) */
    /* [comments]: the moderation rules; see comment_rules.h */
    bool hold_unknown_authors; /* hold the first comment of a new author */
    int max_links;             /* hold a comment with more links */
    char moderation_words[4096];   /* comma-separated: hold on a match */
    char disallowed_words[4096];   /* comma-separated: spam on a match */
    int flood_seconds;         /* one comment per address per N s; 0 off */
    int min_submit_seconds;    /* hold a post sent sooner after the form */
    int close_after_days;      /* close comments on older articles; 0 never */
    int thread_depth;          /* replies nest this deep */
    int form_token_minutes;    /* a comment form's token is good this long
                               ** (at least 1) */
    /* [search] */
    int search_budget_ms;      /* a search answers with what it found by
                               ** then; 0 no limit (key: budget_ms) */
    /* [feeds] */
    int feed_items;            /* items a feed carries (key: items) */
    bool feed_full_text;       /* the whole article, not only its excerpt
                               ** (key: full_text) */
    /* [sitemaps] */
    int sitemap_urls_per_file; /* a child sitemap's size, at most 50,000
                               ** (key: urls_per_file) */
    /* [cache]: the Cache-Control of each kind of answer; see conditional.h */
    char cache_article[128];   /* an article page */
    char cache_list[128];      /* front page, archives, search */
    char cache_feed[128];      /* RSS, Atom, JSON Feed */
    char cache_asset[128];     /* theme files */
    char cache_other[128];     /* a 200 page that names no kind */
    char cache_not_found[128]; /* 404 */
    char cache_error[128];     /* every other error and redirect; 5xx
                               ** are always no-store */
    size_t min_compress_bytes; /* smaller bodies go uncompressed */
} config_t;

/* Set every field to its default. */
void config_defaults(config_t *c);

/* Read path into c (over the defaults already in c).  Errors name the
** file and line: "gazette.ini:7: unknown key 'x' in [site]".  After the
** file is read, a base_url that is not an http:// or https:// URL
** (origin.h) and a form_token_minutes of 0 are errors that name the file
** and the key. */
int config_load(config_t *c, const char *path, err_t *err);

/* Append the text of a new site's gazette.ini, every key at its default. */
void config_template(buf_t *out);

#endif
