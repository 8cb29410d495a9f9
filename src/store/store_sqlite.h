/*
** store_sqlite.h — what the files of the SQLite backend share.
**
** The SQLite backend lives below the table of store_backend.h: it exports
** store_sqlite_backend and nothing else to the rest of gazette.  Only
** store_sqlite*.c include this: everyone else speaks store.h.  The
** backend is split by feature (store_sqlite.c: schema, articles,
** comments, the table; later files: search, related stories...), and
** every file reads rows the same way through the helpers below.  The
** schema stays in one place, the migrations[] of store_sqlite.c.
**
** A store_sqlite is the connection; it begins with the generic store_t,
** so the store_t * an entry of the table gets converts to it
** (store_sqlite_of).
**
** Statements: store_sqlite.c prepares its own at open; a feature file
** prepares its statements on first use into a slot of extra[] that it
** owns (the ranges are listed here so two files never share a slot).
*/
#ifndef GAZETTE_STORE_SQLITE_H
#define GAZETTE_STORE_SQLITE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store_backend.h"

enum {
    STORE_SQLITE_CORE = 64,     /* statements of store_sqlite.c */
    STORE_SQLITE_EXTRA = 64,    /* lazily prepared, by feature file: */
    STORE_SLOTS_ARCHIVE = 0,    /*   0..15  store_sqlite_archive.c */
    STORE_SLOTS_SEARCH = 16,    /*  16..31  store_sqlite_search.c */
    STORE_SLOTS_RELATED = 32,   /*  32..47  store_sqlite_related.c */
    STORE_SLOTS_FEED = 48,      /*  48..63  store_sqlite_feed.c */
};

typedef struct store_sqlite {
    store_t base;               /* first: base.backend is store_sqlite_backend */
    sqlite3 *db;
    sqlite3_stmt *stmt[STORE_SQLITE_CORE];
    sqlite3_stmt *extra[STORE_SQLITE_EXTRA];
    bool search_functions;      /* gazette_* FTS5 functions registered */
} store_sqlite;

/* The SQLite connection behind a store this backend opened. */
static inline store_sqlite *store_sqlite_of(store_t *s) {
    return (store_sqlite *)s;
}

/* The columns every article reader selects, in store_sqlite_row_article's
** order (ARTICLE_NCOLS of them: a reader's own columns come after), and
** the joins they need. */
#define ARTICLE_COLS                                                        \
    "a.id, a.slug, a.path, a.title, a.format, a.body, a.body_html,"         \
    " a.body_text, coalesce(s.name,''), coalesce(s.slug,''),"               \
    " coalesce(u.name,''), coalesce(u.slug,''), a.published, a.updated,"    \
    " a.status, a.comment_count, a.comments_open, a.source, a.source_hash"
enum { ARTICLE_NCOLS = 19 };
#define ARTICLE_FROM                                                        \
    " FROM articles a LEFT JOIN sections s ON s.id = a.section_id"          \
    " LEFT JOIN authors u ON u.id = a.author_id"

/* The statement in extra[slot], prepared from sql on first use, reset and
** unbound but for the clock (store_sqlite_bind_now); NULL with err set
** when sql does not prepare. */
sqlite3_stmt *store_sqlite_prepare(store_sqlite *s, int slot, const char *sql,
                                   err_t *err);

/* The clock of the published rule (store.h) in SQL: every statement that
** reads articles for the public writes the rule as
** "a.published <= " STORE_SQLITE_NOW.  A numbered parameter above any
** statement's own (?1 .. ?16), not a named one: SQLite numbers a named
** parameter where it first appears, and a later ?1 would then be the
** same parameter. */
#define STORE_SQLITE_NOW "?64"
enum { STORE_SQLITE_NOW_INDEX = 64 };

/* Bind store_now to STORE_SQLITE_NOW in st, when st has it.  Fetching a
** statement does this (stmt_get in store_sqlite.c, store_sqlite_prepare),
** so a reader binds only its own parameters. */
void store_sqlite_bind_now(store_sqlite *s, sqlite3_stmt *st);

/* Run a statement that returns no rows (or ignores them); reset it. */
int store_sqlite_run(store_sqlite *s, sqlite3_stmt *st, err_t *err, const char *doing);

/* The connection's last error into err, prefixed with what was being done.
** Returns -1. */
int store_sqlite_error(store_sqlite *s, err_t *err, const char *doing);

/* Step a bound statement once and reset it: column 0 of its row into *out
** (0 when there is no row, or a NULL).  doing names the work in an error. */
int store_sqlite_one_int(store_sqlite *s, sqlite3_stmt *st, long long *out,
                         err_t *err, const char *doing);

/* The same for text: column 0 of the row in the arena ("" for a NULL), or
** NULL when there is no row. */
int store_sqlite_one_text(store_sqlite *s, arena_t *a, sqlite3_stmt *st,
                          const char **out, err_t *err, const char *doing);

/* A question store_check asks of the tables: a query counting the rows
** that disagree, and what such rows show. */
typedef struct store_sqlite_check {
    const char *what, *sql;
} store_sqlite_check;

/* Ask checks[0..n) in order, ?1 bound to param in a query that has it:
** -1 with "store: check: WHAT (COUNT)" for the first that counts a row,
** or with the connection's error, prefixed with doing, for one that
** fails to run. */
int store_sqlite_checks(store_sqlite *s, const store_sqlite_check *checks, size_t n,
                        long long param, const char *doing, err_t *err);

/* Column i of the current row as text in the arena ("" for a NULL). */
const char *store_sqlite_text(arena_t *a, sqlite3_stmt *st, int i);

/* Bind s (NULL as "") to parameter i, not copied: s outlives the step. */
void store_sqlite_bind_text(sqlite3_stmt *st, int i, const char *s);

/* The article in the current row of a statement selecting ARTICLE_COLS;
** body and body_html only when bodies. */
store_article *store_sqlite_row_article(arena_t *a, sqlite3_stmt *st, bool bodies);

/* Every row of a bound ARTICLE_COLS statement (no tags; body and body_html
** only when bodies) into an arena array (NULL when there is no row). */
int store_sqlite_article_rows(store_sqlite *s, arena_t *a, sqlite3_stmt *st,
                              bool bodies, store_article ***out, size_t *n,
                              err_t *err);

/* ---- entries of the table defined in the feature files (contracts:
** store_backend.h) ---- */

/* store_sqlite_archive.c */
int store_sqlite_articles_filtered(store_t *s, arena_t *arena, const store_filter *f,
                                   size_t offset, size_t limit, bool bodies,
                                   store_article ***out, size_t *n, err_t *err);
int store_sqlite_name_by_slug(store_t *s, arena_t *arena, store_name_kind kind,
                              const char *slug, const char **name, err_t *err);
int store_sqlite_sections(store_t *s, arena_t *arena, const char ***names,
                          const char ***slugs, size_t *n, err_t *err);

/* store_sqlite_search.c */
int store_sqlite_search(store_t *s, arena_t *arena, const char *query,
                        size_t offset, size_t limit, store_search_hit ***out,
                        size_t *n, size_t *total, err_t *err);
int store_sqlite_search_partial(store_t *s, arena_t *arena, const char *query,
                                size_t offset, size_t limit, store_search_hit ***out,
                                size_t *n, size_t *total, err_t *err);
int store_sqlite_search_token(store_t *s, arena_t *arena, const char *word,
                              const char **first, size_t *count, err_t *err);
int store_sqlite_search_term_docs(store_t *s, const char *term, long long *docs,
                                  err_t *err);
int store_sqlite_search_terms_scan(store_t *s, const char *prefix, size_t max,
                                   void (*visit)(void *ctx, const char *term,
                                                 long long docs),
                                   void *ctx, err_t *err);

/* store_sqlite_snippet.c: gazette_snippet(articles_fts, COLUMN, OPEN,
** CLOSE, ELLIPSIS, TOKENS), FTS5's snippet() made from a bounded part of
** the text; an FTS5 auxiliary function, registered by
** store_sqlite_search.c with the connection's store_sqlite as its user
** data.  Fails with SQLITE_INTERRUPT past the search budget's deadline. */
void store_sqlite_snippet(const Fts5ExtensionApi *api, Fts5Context *fts,
                          sqlite3_context *ctx, int nval, sqlite3_value **val);

/* store_sqlite_related.c */
int store_sqlite_related_update(store_t *s, long long id, err_t *err);
int store_sqlite_articles_related(store_t *s, arena_t *arena, const store_article *a,
                                  size_t limit, store_article ***out, size_t *n,
                                  err_t *err);
/* The related index's own checks for store_check: -1 naming the first
** that fails. */
int store_sqlite_related_check(store_sqlite *s, err_t *err);

/* store_sqlite_feed.c */
int store_sqlite_sitemap_group_count(store_t *s, store_sitemap_group g,
                                     long long *n, err_t *err);
int store_sqlite_sitemap_group_rows(store_t *s, arena_t *arena, store_sitemap_group g,
                                    long long skip, long long take,
                                    store_sitemap_entry *out, size_t *n, err_t *err);
int store_sqlite_sitemap_group_lastmod(store_t *s, store_sitemap_group g,
                                       long long skip, long long take,
                                       long long *lastmod, err_t *err);

#endif
