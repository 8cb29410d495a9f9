/*
** store.h — the site's store, spoken of in articles and comments.
**
** Every read and write of persistent data goes through these functions;
** no caller sees SQL.  store.c implements them: the rules that are the
** site's whatever keeps its data, and a call through the table of the
** backend the store was opened with (store_backend.h) for the rest.  The
** backend today is SQLite (store_sqlite*.c, one file in WAL mode); a
** PostgreSQL backend will fill the same table.
**
** Threads: a store_t is one connection and is used by one thread at a
** time.  The server opens one per event-loop thread.
**
** Memory: records returned by the readers live in the arena the caller
** passes; they die with it.  Inputs are only read.
**
** Errors follow err.h: 0 on success, -1 with a message.  A lookup that
** finds nothing is a success with *out set to NULL.
**
** Durability: a write returns 0 only after its transaction committed.
**
** The published rule.  An article is public when its status is
** STORE_PUBLISH and its date (published) is not after now.  One dated
** later is *scheduled*: every reader below that speaks of "published"
** articles leaves it out until its date comes, and then shows it by
** itself, with nothing run at that time, because each read compares the
** date with now.  That is the article's own page (store_article_by_path
** and store_article_by_id find nothing, so its URL answers 404), the
** redirects to it, every list (front page, archives and the names of
** their sections, tags and authors), feeds, sitemaps, search, related
** stories and the recent comments.  The lookups "whatever its status"
** (store_article_get, _by_slug, _by_source, _by_source_hash) see it, so
** imports and the command line do; the related-story index holds it, so
** that it enters other stories' lists when its day comes.
**
** now is the store's clock (store_now in store_backend.h): the system
** clock, read once for a whole snapshot (store_read_begin) so that a
** page agrees with itself, else when each read runs; or the time that
** store_set_now fixed.  Backends bind it as a parameter and never ask
** the database for the time.
*/
#ifndef GAZETTE_STORE_H
#define GAZETTE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "err.h"

typedef struct store store_t;

typedef enum store_status {
    STORE_DRAFT = 0,
    STORE_PUBLISH = 1,
} store_status;

typedef struct store_article {
    long long id;
    const char *slug;          /* unique in the site */
    const char *path;          /* permalink: /YYYY/MM/DD/slug/ */
    const char *title;
    const char *format;        /* "markdown" or "text": how body was written */
    const char *body;          /* the source as written */
    const char *body_html;     /* rendered once at write time, safe HTML */
    const char *body_text;     /* plain text, for excerpts and search */
    const char *section;       /* display name, "" when none */
    const char *section_slug;
    const char *author;        /* display name, "" when none */
    const char *author_slug;
    const char **tags;         /* display names */
    const char **tag_slugs;
    size_t ntags;
    long long published;       /* Unix seconds, UTC */
    long long updated;
    store_status status;
    bool comments_closed;      /* the editor closed its comments */
    long long comment_count;   /* approved comments */
    const char *source;        /* where it came from: an imported file's
                                  absolute path; "" when none */
    const char *source_hash;   /* hex BLAKE2b-256 of the source's bytes as
                                  imported (the caller computes it); "" when
                                  none */
} store_article;

/* What store_article_put did: the article's id, its final slug and
** permalink (in the caller's arena), whether it is new, and, when an
** update moved its permalink, the path it left (now a redirect), else
** NULL. */
typedef struct store_article_saved {
    long long id;
    const char *slug;
    const char *path;
    bool created;
    const char *moved_from;
} store_article_saved;

typedef enum store_comment_status {
    STORE_COMMENT_PENDING,     /* held for moderation */
    STORE_COMMENT_APPROVED,
    STORE_COMMENT_SPAM,
    STORE_COMMENT_TRASH,
} store_comment_status;

typedef struct store_comment {
    long long id;
    long long article_id;
    long long parent_id;       /* 0: top level */
    const char *author;
    const char *email;         /* staff only: never into a public answer */
    const char *url;           /* "" when none */
    const char *body;          /* plain text as typed */
    const char *ip;            /* staff only */
    const char *user_agent;    /* staff only */
    const char *held_reason;   /* why it was held or marked spam, "" if not */
    double spam_score;         /* the Bayesian score when it was posted */
    store_comment_status status;
    long long created;         /* Unix seconds */
    const char *article_path;  /* the article's permalink and headline */
    const char *article_title;
} store_comment;

/* Open (creating if asked) the store at location and bring its schema to
** the newest version.  location is "sqlite:PATH" or a plain PATH (a
** SQLite file); "postgresql://..." is refused ("PostgreSQL backend not
** built yet"), as is any other "SCHEME://".  *out is set on success;
** close it with store_close (NULL is allowed). */
int store_open(store_t **out, const char *location, bool create, err_t *err);
void store_close(store_t *s);

/* Read everything one answer needs from one snapshot: between begin and
** end every read sees the same state of the store, and the file's locks
** are taken once rather than once a statement.  No writes in between.
** end is safe to call when begin failed. */
int store_read_begin(store_t *s, err_t *err);
void store_read_end(store_t *s);

/* Fix the clock of the published rule at now (Unix seconds), for tests
** and for work that must see the site as of one moment; 0 returns to the
** system clock. */
void store_set_now(store_t *s, long long now);

/* The schema version the store is at (after store_open: the newest). */
int store_schema_version(store_t *s);

/* Whether what the store keeps about its articles and comments agrees
** with them: the counts kept alongside (approved comments, the related
** index's document frequencies and size), each permalink made of its
** article's date and slug, the related index and lists (no draft, no
** article in its own list, none longer than STORE_RELATED_MAX), and the
** redirects (none from a path an article holds).  0 when it does; -1
** naming the first disagreement.  Reads only; the cost grows with the
** site: for maintenance and tests, not for pages. */
int store_check(store_t *s, err_t *err);

/* Save an article in one transaction: every field of a replaces the
** stored one (tags too; NULL strings count as ""), and the path is
** recomputed from the published date and the slug (a->path is ignored).
** a->slug must not be empty, a->title not NULL.
**
**   a->id == 0   inserts a NEW article.  Its slug is a->slug when no
**                article holds it, else the first free of a->slug + "-2",
**                "-3", ... (as WordPress does).  An article is never
**                overwritten because its slug matches.
**   a->id > 0    updates THAT article ("no article with id N" when there
**                is none).  When another article holds a->slug the put
**                fails and changes nothing.  When the update moves the
**                permalink (a new date or slug), the old path becomes, in
**                the same transaction and for good, a redirect to the
**                article (store_redirect_find); an article that comes back
**                to one of its old paths takes it back from the redirects.
**
** Any redirect from the final path is dropped: a path that is an
** article's permalink is that article's.  saved (if not NULL) gets the
** outcome, its strings in arena.
**
** Callers: after a committed put, the publish path brings related stories
** up to date with store_related_update(saved->id); the put does not. */
int store_article_put(store_t *s, arena_t *arena, const store_article *a,
                      store_article_saved *saved, err_t *err);

/* The published article whose permalink is path, or NULL. */
int store_article_by_path(store_t *s, arena_t *arena, const char *path,
                          store_article **out, err_t *err);

/* The article with this slug whatever its status, or NULL. */
int store_article_by_slug(store_t *s, arena_t *arena, const char *slug,
                          store_article **out, err_t *err);

/* Up to limit published articles, newest first, skipping offset.  Body
** fields other than body_text are left NULL: lists need no HTML. */
int store_articles_latest(store_t *s, arena_t *arena, size_t offset,
                          size_t limit, store_article ***out, size_t *n,
                          err_t *err);

/* The published article most related to a (not a itself): the first of
** its stored related list (store_related_update), else, when nothing is
** stored yet, the one with most shared tags, then same section, then
** newest.  NULL when there is no other. */
int store_article_related(store_t *s, arena_t *arena, const store_article *a,
                          store_article **out, err_t *err);

/* The published article with this id, or NULL. */
int store_article_by_id(store_t *s, arena_t *arena, long long id,
                        store_article **out, err_t *err);

/* The article with this id whatever its status, or NULL. */
int store_article_get(store_t *s, arena_t *arena, long long id,
                      store_article **out, err_t *err);

/* The article imported from source (its absolute path) whatever its
** status, or NULL; the newest (greatest id) when several are.  "" finds
** nothing. */
int store_article_by_source(store_t *s, arena_t *arena, const char *source,
                            store_article **out, err_t *err);

/* The article whose source had this hash when imported, whatever its
** status, or NULL; the newest (greatest id) when several did.  "" finds
** nothing. */
int store_article_by_source_hash(store_t *s, arena_t *arena, const char *hash,
                                 store_article **out, err_t *err);

/* Where an old permalink went: *to is the current permalink (in arena) of
** the published article that once lived at path (store_article_put), else
** NULL (no such path, or its article is now a draft).  A path that is an
** article's own permalink is never redirected; the page lookup
** (store_article_by_path) comes first anyway. */
int store_redirect_find(store_t *s, arena_t *arena, const char *path,
                        const char **to, err_t *err);

/* Open or close an article for comments. */
int store_article_set_comments_open(store_t *s, long long id, bool open,
                                    err_t *err);
/* Whether an article takes comments (1), does not (0); -1 on error. */
int store_article_comments_open(store_t *s, long long id, err_t *err);

/* The comments a reader of an article sees, oldest first: the approved
** ones, and the held ones whose ids are in also_pending (the reader's own,
** known from a signed cookie). */
int store_comments_for_article(store_t *s, arena_t *arena, long long article_id,
                               const long long *also_pending, size_t npending,
                               store_comment ***out, size_t *n, err_t *err);

/* The newest approved comments, of one article (article_id > 0) or of the
** whole site (0), newest first, with article_path filled. */
int store_comments_recent(store_t *s, arena_t *arena, long long article_id,
                          size_t limit, store_comment ***out, size_t *n,
                          err_t *err);

/* Comments for moderators, newest first: those with status (or all when
** status < 0), with article_path filled; limit of them after skipping
** offset, and in *total how many there are in all (limit 0: only
** count). */
int store_comments_list(store_t *s, arena_t *arena, int status, size_t offset,
                        size_t limit, store_comment ***out, size_t *n,
                        size_t *total, err_t *err);

/* The comment with this id (any status), or NULL. */
int store_comment_get(store_t *s, arena_t *arena, long long id,
                      store_comment **out, err_t *err);

/* Save a new comment in one transaction; *id_out gets its id.  Returns
** only after the commit reached the disk.  Beside c->ip the store keeps
** its key (netaddr.h: the IPv4 address, the IPv6 /64), which
** store_comment_last_from_ip compares. */
int store_comment_add(store_t *s, const store_comment *c, long long *id_out,
                      err_t *err);

/* Facts the moderation rules ask about, each one indexed query. */
int store_comment_author_known(store_t *s, const char *email, bool *known,
                               err_t *err);
/* *created: the newest creation time (0: none) of the comments sent from
** ip's network, that is from every address netaddr.h gives ip's key: the
** same IPv4 address (written plain or IPv4-mapped), any address of the
** same IPv6 /64.  An ip that is no address ("-") is its own key. */
int store_comment_last_from_ip(store_t *s, const char *ip, long long *created,
                               err_t *err);
int store_comment_is_duplicate(store_t *s, long long article_id,
                               const char *email, const char *body,
                               bool *duplicate, err_t *err);

/* Move a comment to status, and in the same transaction teach the spam
** filter: its tokens count as ham when approved, as spam when marked spam,
** and a previous lesson from the same comment is taken back first. */
int store_comment_set_status(store_t *s, long long id,
                             store_comment_status status,
                             const char *const *tokens, size_t ntokens,
                             err_t *err);

/* The spam filter's counts: documents trained, and per token. */
int store_bayes_totals(store_t *s, long long *ham, long long *spam, err_t *err);
int store_bayes_token(store_t *s, const char *token, long long *ham,
                      long long *spam, err_t *err);

/* Status names for the command line and logs: "pending", "approved"... */
const char *store_comment_status_name(store_comment_status st);
/* The status with that name, or -1. */
int store_comment_status_parse(const char *name);

/* ---- archives ---- */

/* Which published articles a list shows: any combination; NULL or 0 is
** "any".  Times are Unix seconds, the range is [from, to). */
typedef struct store_filter {
    const char *section_slug;
    const char *tag_slug;
    const char *author_slug;
    long long from, to;
} store_filter;

/* Up to limit published articles matching f, newest first, skipping
** offset (no bodies, no tags). */
int store_articles_filtered(store_t *s, arena_t *arena, const store_filter *f,
                            size_t offset, size_t limit, store_article ***out,
                            size_t *n, err_t *err);

/* The display name of the section, tag or author ("section", "tag",
** "author") with this slug, or NULL when there is none with published
** articles. */
int store_name_by_slug(store_t *s, arena_t *arena, const char *kind,
                       const char *slug, const char **name, err_t *err);

/* The sections that have published articles, by name. */
int store_sections(store_t *s, arena_t *arena, const char ***names,
                   const char ***slugs, size_t *n, err_t *err);

/* ---- search ---- */

/* The markers around each match in a hit's title and snippet: U+E000 and
** U+E001, private-use characters.  The text between them is the
** article's own text, NOT escaped: the page escapes it and draws the
** marks.  A hit whose article itself holds one of these characters comes
** without marks. */
#define STORE_SEARCH_MARK_OPEN "\xEE\x80\x80"
#define STORE_SEARCH_MARK_CLOSE "\xEE\x80\x81"

/* One search result: the article as the list readers give it (no
** body_html, no tags), its headline with the matches marked, and a
** passage of its body around them (about 30 words, "…" where cut). */
typedef struct store_search_hit {
    store_article *article;
    const char *title;
    const char *snippet;
} store_search_hit;

/* The published articles matching query, best first (BM25; a match in
** the headline weighs ten times one in the body), limit of them after
** skipping offset, and in *total how many there are in all (limit 0:
** only count).  Case and diacritics are folded; Arabic, Hebrew and other
** scripts are matched word by word.
**
** query is in the store's search language, which search_query_fts
** (search.h) writes: terms separated by spaces; a term is a double-quoted
** string (a '"' inside doubled), the words of which must appear together
** and in order, optionally followed by '*', which makes its last word a
** prefix.  Here every term must match (the articles that match only some
** of them: store_search_partial).  An empty query finds nothing.
** Anything else is unsupported. */
int store_search(store_t *s, arena_t *arena, const char *query,
                 size_t offset, size_t limit, store_search_hit ***out,
                 size_t *n, size_t *total, err_t *err);

/* For a reader's word that is in no article, the indexed word closest to
** it (edit distance at most 1 for a word of up to 4 letters, 2 beyond;
** the commoner on a tie), as the index spells it (lower case, no
** diacritics); NULL when the word is indexed, is several words or
** shorter than 3 letters, or has no close neighbour.  Bounded work: only
** indexed words with the same first letter are read, 20,000 at most, and
** only those of a similar length compared.  Drafts count as indexed. */
int store_search_suggest(store_t *s, arena_t *arena, const char *word,
                         const char **out, err_t *err);

/* A time budget for the searches that follow on s (store_search,
** store_search_partial, store_search_suggest): ms milliseconds from now;
** 0 lifts it.  A search still at work when it runs out stops there and
** returns 0 with what it had made by then: the hits it had read, perhaps
** none (its *total as counted, or 0 when the count itself was stopped),
** or no suggestion; and from then until the next store_search_budget,
** store_search_out_of_time(s) is true.  Other reads do not look at it. */
void store_search_budget(store_t *s, long ms);
bool store_search_out_of_time(const store_t *s);

/* The most partial matches store_search_partial counts and returns, and
** the most rows holding any of the terms that it ranks (the newest). */
enum { STORE_SEARCH_PARTIAL_MAX = 500, STORE_SEARCH_PARTIAL_SCAN = 20000 };

/* The published articles that match some of the
** terms of query (store_search's language) but not all of them: at least
** half of the terms, rounded up (a term the tokenizer finds no word in,
** such as "😀", does not count), so never any for a query of one term.
** Ranked by how many terms each matches, then BM25 over the terms taken
** as alternatives (the same weights as store_search), then newest first;
** at most STORE_SEARCH_PARTIAL_MAX of them.  Bounded work: only the
** newest STORE_SEARCH_PARTIAL_SCAN articles that hold any of the terms
** (drafts and full matches included) are ranked.  limit of them after skipping
** offset, and in *total how many there are (limit 0: only count); hits as
** store_search's, every matched term marked.  No article is both here and
** in store_search's results for the same query, and within one snapshot
** the same query always gives the same order, so pages cut one list. */
int store_search_partial(store_t *s, arena_t *arena, const char *query,
                         size_t offset, size_t limit, store_search_hit ***out,
                         size_t *n, size_t *total, err_t *err);

/* ---- related stories (the score: related.h) ---- */

/* How long a stored related list is: the Check Also story
** (store_article_related reads the list's first published story, and
** falls back to the tag rule only when nothing is stored) and the
** "Related articles" list come from it. */
enum { STORE_RELATED_MAX = 16 };

/* Bring the related-story index up to date for article id after a
** committed store_article_put (published, changed, or made a draft): its
** terms, its own list, and the lists it now enters or leaves (a bounded
** number of them; see store_sqlite_related.c), in one transaction of its
** own.  A draft or missing article leaves the index and every list.  On
** failure nothing of the update is kept; the article itself stays saved. */
int store_related_update(store_t *s, long long id, err_t *err);

/* Up to limit published articles related to a, best first, as stored by
** store_related_update: read, never computed here.  *n = 0 when nothing
** is stored.  Body fields other than body_text are left NULL, no tags. */
int store_articles_related(store_t *s, arena_t *arena, const store_article *a,
                           size_t limit, store_article ***out, size_t *n,
                           err_t *err);

/* ---- feeds and sitemaps ---- */

/* Up to limit published articles matching f, newest first, each with its
** tags, and with body and body_html too when bodies (full-text feeds). */
int store_articles_feed(store_t *s, arena_t *arena, const store_filter *f,
                        size_t limit, bool bodies, store_article ***out,
                        size_t *n, err_t *err);

/* One address the sitemaps list: the archive of a section, author or tag
** (key is its slug) or an article (key is its permalink path); lastmod is
** when it last changed (an archive: its newest published article). */
typedef struct store_sitemap_entry {
    const char *kind;          /* "section", "author", "tag", "article" */
    const char *key;
    long long lastmod;         /* Unix seconds */
} store_sitemap_entry;

/* How many entries the sitemaps list: the sections, authors and tags
** that have published articles, and the published articles. */
int store_sitemap_count(store_t *s, long long *n, err_t *err);

/* Entries [offset, offset + limit) in the sitemaps' fixed order:
** sections, authors, tags (each by slug), then articles oldest first (by
** id, so a new article lands in the last file and earlier files keep
** their lists).  *out is an arena array of *n. */
int store_sitemap_entries(store_t *s, arena_t *arena, size_t offset,
                          size_t limit, store_sitemap_entry **out, size_t *n,
                          err_t *err);

/* For the index: the newest lastmod (0 when empty) of each of nfiles
** windows of per entries, computed without reading the entries out.
** Window k (from 0) holds entries [k * per - lead, (k + 1) * per - lead),
** clipped at 0: lead is how many addresses of the first file come from
** elsewhere (the front page). */
int store_sitemap_lastmods(store_t *s, size_t lead, size_t per,
                           long long *lastmods, size_t nfiles, err_t *err);

/* Key/value settings kept in the store (the site secret lives here). */
int store_setting_get(store_t *s, arena_t *arena, const char *key,
                      const char **out, err_t *err);
int store_setting_set(store_t *s, const char *key, const char *value,
                      err_t *err);

#endif
