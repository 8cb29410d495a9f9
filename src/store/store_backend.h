/*
** store_backend.h — the table of functions below store.h.
**
** Above the table: store.c implements every function of store.h.  It
** chooses the backend from the store's location when the store opens,
** and keeps the rules that are the site's whatever holds its data:
** checking an article before it is saved, the slugs a new article tries
** (slug, slug-2, slug-3 ...), the permalink made from date and slug, the
** redirect a moved permalink leaves and the one a new permalink takes
** back, the Check Also choice (the stored related list first, else the tag
** rule), what the spam filter learns from a moderation and its taking
** back, the comment status names, the sitemaps' order and windows, the
** search language's empty query, marks and spelling suggestions, and
** which lookups find nothing without asking ("" as a source).
**
** Below the table: a backend (store_sqlite*.c) holds the data and
** answers in its own terms: schema and its migrations, statements,
** transactions, indexes.  Each entry does one thing the rules above ask
** for; none decides what the site does.  The upkeep of the related-story
** lists (related_update) is below the table as a whole: its bounds are
** those of the index it walks (the score itself is above, in related.c).
**
** A backend's connection begins with a store_t (its first member), which
** its open sets to point at its table; every entry takes that store_t and
** converts it back.  An entry's contract is that of the store.h function
** of the same name unless it says otherwise (the published rule
** included: an entry that reads published articles for the public leaves
** out those dated after store_now); one that says "inside a
** write" runs between write_begin and write_commit or write_rollback,
** which store.c calls.
**
** A second backend adds its table (e.g. store_pg.c exporting
** store_pg_backend) and one line in backends[] of store.c.
*/
#ifndef GAZETTE_STORE_BACKEND_H
#define GAZETTE_STORE_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

typedef struct store_backend store_backend;

/* The generic head of every backend's connection.  store.c keeps the
** clock of the published rule here (store.h); the backend reads it only
** through store_now.  The search budget (store_search_budget) is kept
** here too, above the table, and honoured below it: a backend's search
** entries look at store_deadline_passed while they work, stop when it is
** true, and then set out_of_time. */
struct store {
    const store_backend *backend;
    long long fixed_now;           /* store_set_now; 0: the system clock */
    long long snapshot_now;        /* the clock at store_read_begin; 0 outside */
    long long search_deadline;     /* CLOCK_MONOTONIC ns; 0: no budget */
    bool out_of_time;              /* a search stopped at the deadline */
};

/* The time the published rule compares an article's date with (store.h):
** the time store_set_now fixed, else the one read when the current
** snapshot began, else the system clock now.  Every statement that reads
** published articles for the public binds it as a parameter: no
** statement reads the database's own clock, so tests can be exact. */
long long store_now(const store_t *s);

/* Whether s has a search budget and its deadline has passed. */
bool store_deadline_passed(const store_t *s);

/* What the spam filter learned from a comment (store_comment_set_status). */
typedef enum store_lesson {
    STORE_LESSON_NONE,
    STORE_LESSON_HAM,
    STORE_LESSON_SPAM,
} store_lesson;

/* The kinds of names store_name_by_slug looks up. */
typedef enum store_name_kind {
    STORE_NAME_SECTION,
    STORE_NAME_TAG,
    STORE_NAME_AUTHOR,
} store_name_kind;

/* The sitemap groups, in the sitemaps' order (store_sitemap_entries). */
typedef enum store_sitemap_group {
    STORE_SITEMAP_SECTIONS,     /* key: slug, those with published articles */
    STORE_SITEMAP_AUTHORS,      /* the same */
    STORE_SITEMAP_TAGS,         /* the same */
    STORE_SITEMAP_ARTICLES,     /* key: permalink; published, oldest id first */
    STORE_SITEMAP_NGROUPS
} store_sitemap_group;

struct store_backend {
    const char *name;           /* as in a location: "sqlite" for sqlite:PATH */

    /* ---- the connection ---- */

    /* Open the store at location (what follows "NAME:", never empty) as
    ** store_open does; *out's backend is this table. */
    int (*open)(store_t **out, const char *location, bool create, err_t *err);
    void (*close)(store_t *s);
    int (*schema_version)(store_t *s);
    int (*read_begin)(store_t *s, err_t *err);
    void (*read_end)(store_t *s);
    /* A write transaction: nothing of it is seen by others or kept before
    ** write_commit returns 0; write_rollback undoes it (safe after a
    ** failed write_commit). */
    int (*write_begin)(store_t *s, err_t *err);
    int (*write_commit)(store_t *s, err_t *err);
    void (*write_rollback)(store_t *s);
    int (*check)(store_t *s, err_t *err);

    /* ---- articles: the steps of store_article_put, inside a write ---- */

    /* The id of the article holding slug, 0 when none. */
    int (*slug_owner)(store_t *s, const char *slug, long long *id, err_t *err);
    /* The permalink of article id (any status) in arena, NULL when none. */
    int (*article_path)(store_t *s, arena_t *arena, long long id,
                        const char **path, err_t *err);
    /* Write a's fields and tags, under slug and path, into article id, or
    ** into a new article when id is 0; *id_out gets its id.  a->format
    ** and a->updated are set; NULL strings are "". */
    int (*article_write)(store_t *s, const store_article *a, long long id,
                         const char *slug, const char *path,
                         long long *id_out, err_t *err);
    /* path now leads to article id (replacing where it led before). */
    int (*redirect_add)(store_t *s, const char *path, long long id, err_t *err);
    /* path leads nowhere any more. */
    int (*redirect_drop)(store_t *s, const char *path, err_t *err);

    /* ---- articles: reading ---- */

    int (*article_by_path)(store_t *s, arena_t *arena, const char *path,
                           store_article **out, err_t *err);
    int (*article_by_slug)(store_t *s, arena_t *arena, const char *slug,
                           store_article **out, err_t *err);
    int (*article_by_id)(store_t *s, arena_t *arena, long long id,
                         store_article **out, err_t *err);
    int (*article_get)(store_t *s, arena_t *arena, long long id,
                       store_article **out, err_t *err);
    /* source and hash are never "". */
    int (*article_by_source)(store_t *s, arena_t *arena, const char *source,
                             store_article **out, err_t *err);
    int (*article_by_source_hash)(store_t *s, arena_t *arena, const char *hash,
                                  store_article **out, err_t *err);
    int (*redirect_find)(store_t *s, arena_t *arena, const char *path,
                         const char **to, err_t *err);
    int (*articles_latest)(store_t *s, arena_t *arena, size_t offset,
                           size_t limit, store_article ***out, size_t *n,
                           err_t *err);
    /* The tag rule of store_article_related alone: the published article
    ** (not a) with most shared tags, then the same section, then newest;
    ** NULL when there is no other. */
    int (*article_related_by_tags)(store_t *s, arena_t *arena,
                                   const store_article *a, store_article **out,
                                   err_t *err);
    int (*article_set_comments_open)(store_t *s, long long id, bool open,
                                     err_t *err);
    int (*article_comments_open)(store_t *s, long long id, err_t *err);

    /* ---- comments ---- */

    int (*comments_for_article)(store_t *s, arena_t *arena, long long article_id,
                                const long long *also_pending, size_t npending,
                                store_comment ***out, size_t *n, err_t *err);
    int (*comments_recent)(store_t *s, arena_t *arena, long long article_id,
                           size_t limit, store_comment ***out, size_t *n,
                           err_t *err);
    int (*comments_list)(store_t *s, arena_t *arena, int status, size_t offset,
                         size_t limit, store_comment ***out, size_t *n,
                         size_t *total, err_t *err);
    int (*comment_get)(store_t *s, arena_t *arena, long long id,
                       store_comment **out, err_t *err);
    /* ip_key: the key of c->ip (store.c makes it), stored beside it. */
    int (*comment_add)(store_t *s, const store_comment *c, const char *ip_key,
                       long long *id_out, err_t *err);
    int (*comment_author_known)(store_t *s, const char *email, bool *known,
                                err_t *err);
    /* The newest created of the comments stored with this ip_key. */
    int (*comment_last_from_ip)(store_t *s, const char *ip_key, long long *created,
                                err_t *err);
    int (*comment_is_duplicate)(store_t *s, long long article_id,
                                const char *email, const char *body,
                                bool *duplicate, err_t *err);
    /* The steps of store_comment_set_status, inside a write: what the
    ** filter last learned from comment id (*found false when there is no
    ** such comment); count the tokens as one more (sign +1) or one less
    ** (-1) document of lesson (HAM or SPAM); the comment's new status and
    ** lesson. */
    int (*comment_lesson)(store_t *s, long long id, bool *found,
                          store_lesson *lesson, err_t *err);
    int (*bayes_learn)(store_t *s, store_lesson lesson, int sign,
                       const char *const *tokens, size_t ntokens, err_t *err);
    int (*comment_status_write)(store_t *s, long long id,
                                store_comment_status status,
                                store_lesson lesson, err_t *err);
    int (*bayes_totals)(store_t *s, long long *ham, long long *spam, err_t *err);
    int (*bayes_token)(store_t *s, const char *token, long long *ham,
                       long long *spam, err_t *err);

    /* ---- archives and feeds ---- */

    /* store_articles_filtered, with body and body_html too when bodies. */
    int (*articles_filtered)(store_t *s, arena_t *arena, const store_filter *f,
                             size_t offset, size_t limit, bool bodies,
                             store_article ***out, size_t *n, err_t *err);
    /* Fill a->tags and a->tag_slugs (in their order) for article a->id. */
    int (*article_tags)(store_t *s, arena_t *arena, store_article *a, err_t *err);
    int (*name_by_slug)(store_t *s, arena_t *arena, store_name_kind kind,
                        const char *slug, const char **name, err_t *err);
    int (*sections)(store_t *s, arena_t *arena, const char ***names,
                    const char ***slugs, size_t *n, err_t *err);

    /* ---- search ---- */

    /* store_search for a query that is not empty; every hit marked. */
    int (*search)(store_t *s, arena_t *arena, const char *query, size_t offset,
                  size_t limit, store_search_hit ***out, size_t *n,
                  size_t *total, err_t *err);
    /* store_search_partial for a query that is not empty; every hit
    ** marked. */
    int (*search_partial)(store_t *s, arena_t *arena, const char *query,
                          size_t offset, size_t limit, store_search_hit ***out,
                          size_t *n, size_t *total, err_t *err);
    /* word cut into the index's terms as the index cuts text: *count of
    ** them, the first (NULL when none) in arena. */
    int (*search_token)(store_t *s, arena_t *arena, const char *word,
                        const char **first, size_t *count, err_t *err);
    /* How many articles (drafts too) hold the indexed term; 0: none. */
    int (*search_term_docs)(store_t *s, const char *term, long long *docs,
                            err_t *err);
    /* Call visit for the indexed terms that begin with the bytes of
    ** prefix, in byte order, at most max of them; term lives only during
    ** the call, and visit must not use the store. */
    int (*search_terms_scan)(store_t *s, const char *prefix, size_t max,
                             void (*visit)(void *ctx, const char *term,
                                           long long docs),
                             void *ctx, err_t *err);

    /* ---- related stories ---- */

    int (*related_update)(store_t *s, long long id, err_t *err);
    int (*articles_related)(store_t *s, arena_t *arena, const store_article *a,
                            size_t limit, store_article ***out, size_t *n,
                            err_t *err);

    /* ---- sitemaps: each group's size, rows [skip, skip + take) into out
    ** (key and lastmod; *n <= take of them), and the newest lastmod of
    ** those rows (0 when none) ---- */

    int (*sitemap_group_count)(store_t *s, store_sitemap_group g, long long *n,
                               err_t *err);
    int (*sitemap_group_rows)(store_t *s, arena_t *arena, store_sitemap_group g,
                              long long skip, long long take,
                              store_sitemap_entry *out, size_t *n, err_t *err);
    int (*sitemap_group_lastmod)(store_t *s, store_sitemap_group g,
                                 long long skip, long long take,
                                 long long *lastmod, err_t *err);

    /* ---- settings ---- */

    int (*setting_get)(store_t *s, arena_t *arena, const char *key,
                       const char **out, err_t *err);
    int (*setting_set)(store_t *s, const char *key, const char *value,
                       err_t *err);
};

/* The backends built into gazette. */
extern const store_backend store_sqlite_backend;

#endif
