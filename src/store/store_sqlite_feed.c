/*
** store_sqlite_feed.c — the sitemap groups of the SQLite backend
** (store_backend.h).
**
** (The feeds' article lists are the archive filter with tags and bodies:
** store_articles_feed in store.c over store_sqlite_archive.c.)
**
** Sitemaps: every public address in one fixed order, cut into files of
** N entries (a scheduled article, dated after the store's clock, is not
** public yet, nor is an archive whose only articles are scheduled).  The order is four groups (sections, authors, tags, then
** articles), and a file is a window [offset, offset + limit) over their
** concatenation; store.c places the window over the groups' sizes (one
** count each) and asks only the groups it touches for their part, which
** each reads with LIMIT/OFFSET.  Articles go oldest first by id, so
** publishing appends to the last file instead of shifting every file.
** The index needs each file's newest lastmod: the same group queries
** wrapped in max(), so no row leaves SQLite.
**
** Cost: an article row is long (its bodies come before the columns a
** sitemap wants), so reading an article's path and dates is an
** overflow-page walk.  Only the articles of the window asked for are read
** so; the archive groups walk indexes (see NEWEST below).
*/
#include "store_sqlite.h"

#include <string.h>

enum {
    SLOT_GROUP_ROWS = STORE_SLOTS_FEED,     /* four slots: one a group */
    SLOT_GROUP_COUNT = SLOT_GROUP_ROWS + 4, /* four more */
    SLOT_GROUP_MAX = SLOT_GROUP_COUNT + 4,  /* and four */
    SLOT_FEED_END = SLOT_GROUP_MAX + 4,
};

_Static_assert(STORE_SITEMAP_NGROUPS == 4, "a slot for each group");

_Static_assert((int)SLOT_FEED_END <= (int)STORE_SLOTS_FEED + 16, "past the feed slots");
_Static_assert((int)SLOT_FEED_END <= (int)STORE_SQLITE_EXTRA, "past extra[]");

/* The sitemap groups, in their order: for each its rows (k, m) in order
** (?1 LIMIT, ?2 OFFSET), their count, and the newest m of a window.  k is
** the slug or the path, m the lastmod (NULL: a name with nothing
** published, which is left out).
**
** An article's lastmod is its last change (never before publication).
** An archive's is the publication of its newest article, which is what
** changes its list; it is found by walking articles_by_date newest first
** to the first match, so the cost is the index walk, not a read of every
** article row (those are long: the bodies come before the other columns).
** The tag test probes article_tags' primary key and never leaves the
** indexes. */
#define NEWEST(match)                                                       \
    "(SELECT a.published FROM articles a WHERE a.status = 1"                \
    " AND a.published <= " STORE_SQLITE_NOW " AND " match                   \
    " ORDER BY a.published DESC LIMIT 1)"
#define GROUP_SECTIONS                                                      \
    "SELECT x.slug AS k, " NEWEST("a.section_id = x.id") " AS m FROM sections x"
#define GROUP_AUTHORS                                                       \
    "SELECT x.slug AS k, " NEWEST("a.author_id = x.id") " AS m FROM authors x"
#define GROUP_TAGS                                                          \
    "SELECT x.slug AS k, " NEWEST("EXISTS (SELECT 1 FROM article_tags y"   \
    " WHERE y.article_id = a.id AND y.tag_id = x.id)") " AS m FROM tags x"

/* The articles of a window: their ids from the index alone (sorting ids,
** not rows), then only those rows read. */
#define ARTICLE_WINDOW                                                      \
    " FROM articles a WHERE a.id IN (SELECT id FROM articles"               \
    " WHERE status = 1 AND published <= " STORE_SQLITE_NOW                  \
    " ORDER BY id LIMIT ?1 OFFSET ?2)"
#define ARTICLE_CHANGED "max(a.updated, a.published)"

/* The three statements of a named group. */
#define NAMED_ROWS(g) "SELECT k, m FROM (" g ") WHERE m IS NOT NULL ORDER BY k"
#define ROWS(g) g " LIMIT ?1 OFFSET ?2"
#define COUNT(g) "SELECT count(*) FROM (" g ")"
#define MAX(g) "SELECT max(m) FROM (" g " LIMIT ?1 OFFSET ?2)"

enum { NGROUPS = STORE_SITEMAP_NGROUPS };

static const struct {
    const char *rows, *count, *max;
} groups[NGROUPS] = {
    [STORE_SITEMAP_SECTIONS] = {ROWS(NAMED_ROWS(GROUP_SECTIONS)),
        COUNT(NAMED_ROWS(GROUP_SECTIONS)), MAX(NAMED_ROWS(GROUP_SECTIONS))},
    [STORE_SITEMAP_AUTHORS] = {ROWS(NAMED_ROWS(GROUP_AUTHORS)),
        COUNT(NAMED_ROWS(GROUP_AUTHORS)), MAX(NAMED_ROWS(GROUP_AUTHORS))},
    [STORE_SITEMAP_TAGS] = {ROWS(NAMED_ROWS(GROUP_TAGS)),
        COUNT(NAMED_ROWS(GROUP_TAGS)), MAX(NAMED_ROWS(GROUP_TAGS))},
    [STORE_SITEMAP_ARTICLES] = {
        "SELECT a.path, " ARTICLE_CHANGED ARTICLE_WINDOW " ORDER BY a.id",
        "SELECT count(*) FROM articles WHERE status = 1 AND published <= " STORE_SQLITE_NOW,
        "SELECT max(" ARTICLE_CHANGED ")" ARTICLE_WINDOW},
};

/* The three statements of a group. */
enum group_query { QUERY_ROWS, QUERY_COUNT, QUERY_MAX };

/* Statement q of group g, prepared on first use into its slot; NULL with
** err set. */
static sqlite3_stmt *group_stmt(store_sqlite *s, store_sitemap_group g,
                                enum group_query q, err_t *err) {
    if ((unsigned)g >= NGROUPS) {
        err_set(err, "store: no sitemap group %d", (int)g);
        return NULL;
    }
    switch (q) {
    case QUERY_ROWS: return store_sqlite_prepare(s, SLOT_GROUP_ROWS + (int)g, groups[g].rows, err);
    case QUERY_COUNT: return store_sqlite_prepare(s, SLOT_GROUP_COUNT + (int)g, groups[g].count, err);
    case QUERY_MAX: return store_sqlite_prepare(s, SLOT_GROUP_MAX + (int)g, groups[g].max, err);
    }
    return NULL;
}

int store_sqlite_sitemap_group_count(store_t *base, store_sitemap_group g,
                                     long long *n, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    *n = 0;
    sqlite3_stmt *st = group_stmt(s, g, QUERY_COUNT, err);
    if (st == NULL) return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : store_sqlite_error(s, err, "counting sitemap entries");
}

int store_sqlite_sitemap_group_rows(store_t *base, arena_t *arena, store_sitemap_group g,
                                    long long skip, long long take,
                                    store_sitemap_entry *out, size_t *n, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    *n = 0;
    sqlite3_stmt *st = group_stmt(s, g, QUERY_ROWS, err);
    if (st == NULL) return -1;
    sqlite3_bind_int64(st, 1, take);
    sqlite3_bind_int64(st, 2, skip);
    int rc = SQLITE_DONE;
    /* never more rows than out holds, whatever LIMIT does */
    while ((long long)*n < take && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_sitemap_entry *e = &out[(*n)++];
        e->key = store_sqlite_text(arena, st, 0);
        e->lastmod = sqlite3_column_int64(st, 1);
    }
    if (rc == SQLITE_ROW) rc = SQLITE_DONE;     /* stopped at take */
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_sqlite_error(s, err, "listing sitemap entries");
}

int store_sqlite_sitemap_group_lastmod(store_t *base, store_sitemap_group g,
                                       long long skip, long long take,
                                       long long *lastmod, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    *lastmod = 0;
    sqlite3_stmt *st = group_stmt(s, g, QUERY_MAX, err);
    if (st == NULL) return -1;
    sqlite3_bind_int64(st, 1, take);
    sqlite3_bind_int64(st, 2, skip);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *lastmod = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : store_sqlite_error(s, err, "dating a sitemap");
}
