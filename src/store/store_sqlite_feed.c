/*
** store_sqlite_feed.c — the sitemap readers of store.h over SQLite.
**
** (The feeds' article lists are store_articles_feed, in
** store_sqlite_archive.c: the archive filter with tags and bodies.)
**
** Sitemaps: every public address in one fixed order, cut into files of
** N entries.  The order is four groups (sections, authors, tags, then
** articles), and a file is a window [offset, offset + limit) over their
** concatenation.  store_sitemap_entries finds which groups a window
** touches from the groups' sizes (one count each) and reads only those,
** each with LIMIT/OFFSET.  Articles go oldest first by id, so publishing
** appends to the last file instead of shifting every file.  The index
** needs each file's newest lastmod: the same group queries wrapped in
** max(), so no row leaves SQLite.
**
** Cost: an article row is long (its bodies come before the columns a
** sitemap wants), so reading an article's path and dates is an
** overflow-page walk.  Only the articles of the window asked for are read
** so; the archive groups walk indexes (see NEWEST below).
*/
#include "store_sqlite.h"

#include <string.h>

enum {
    SLOT_GROUP_ROWS = STORE_SLOTS_FEED,                        /* four slots: one a group */
    SLOT_GROUP_COUNT = SLOT_GROUP_ROWS + 4, /* four more */
    SLOT_GROUP_MAX = SLOT_GROUP_COUNT + 4,  /* and four */
    SLOT_FEED_END = SLOT_GROUP_MAX + 4,
};

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
    "(SELECT a.published FROM articles a WHERE a.status = 1 AND " match     \
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
    " WHERE status = 1 ORDER BY id LIMIT ?1 OFFSET ?2)"
#define ARTICLE_CHANGED "max(a.updated, a.published)"

/* The three statements of a named group. */
#define NAMED_ROWS(g) "SELECT k, m FROM (" g ") WHERE m IS NOT NULL ORDER BY k"
#define ROWS(g) g " LIMIT ?1 OFFSET ?2"
#define COUNT(g) "SELECT count(*) FROM (" g ")"
#define MAX(g) "SELECT max(m) FROM (" g " LIMIT ?1 OFFSET ?2)"

enum { NGROUPS = 4 };

static const struct {
    const char *kind, *rows, *count, *max;
} groups[NGROUPS] = {
    {"section", ROWS(NAMED_ROWS(GROUP_SECTIONS)), COUNT(NAMED_ROWS(GROUP_SECTIONS)),
     MAX(NAMED_ROWS(GROUP_SECTIONS))},
    {"author", ROWS(NAMED_ROWS(GROUP_AUTHORS)), COUNT(NAMED_ROWS(GROUP_AUTHORS)),
     MAX(NAMED_ROWS(GROUP_AUTHORS))},
    {"tag", ROWS(NAMED_ROWS(GROUP_TAGS)), COUNT(NAMED_ROWS(GROUP_TAGS)),
     MAX(NAMED_ROWS(GROUP_TAGS))},
    {"article", "SELECT a.path, " ARTICLE_CHANGED ARTICLE_WINDOW " ORDER BY a.id",
     "SELECT count(*) FROM articles WHERE status = 1",
     "SELECT max(" ARTICLE_CHANGED ")" ARTICLE_WINDOW},
};

/* The sizes of the four sitemap groups, in their order. */
static int group_counts(store_t *s, long long count[NGROUPS], err_t *err) {
    for (int g = 0; g < NGROUPS; g++) {
        sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_GROUP_COUNT + g, groups[g].count, err);
        if (st == NULL) return -1;
        int rc = sqlite3_step(st);
        count[g] = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW) return store_sqlite_error(s, err, "counting sitemap entries");
    }
    return 0;
}

/* See store.h: the four group counts added up. */
int store_sitemap_count(store_t *s, long long *n, err_t *err) {
    long long count[NGROUPS];
    if (group_counts(s, count, err)) return -1;
    *n = 0;
    for (int g = 0; g < NGROUPS; g++) *n += count[g];
    return 0;
}

/* A window of the concatenated groups of sizes count[], as the part of
** each group it covers: skip[g] rows of group g skipped, take[g] taken
** (0: untouched). */
static void window(const long long count[NGROUPS], long long offset, long long limit,
                   long long skip[NGROUPS], long long take[NGROUPS]) {
    for (int g = 0; g < NGROUPS; g++) {
        skip[g] = offset < count[g] ? offset : count[g];
        take[g] = count[g] - skip[g] < limit ? count[g] - skip[g] : limit;
        offset -= skip[g];
        limit -= take[g];
    }
}

/* See store.h: the window placed over the groups by their counts, then
** only the groups it touches read. */
int store_sitemap_entries(store_t *s, arena_t *arena, size_t offset,
                          size_t limit, store_sitemap_entry **out, size_t *n,
                          err_t *err) {
    long long count[NGROUPS], skip[NGROUPS], take[NGROUPS];
    if (group_counts(s, count, err)) return -1;
    window(count, (long long)offset, (long long)limit, skip, take);
    long long total = 0;
    for (int g = 0; g < NGROUPS; g++) total += take[g];
    *out = arena_alloc(arena, (size_t)(total ? total : 1) * sizeof **out);
    *n = 0;
    for (int g = 0; g < NGROUPS; g++) {
        if (take[g] == 0) continue;
        sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_GROUP_ROWS + g, groups[g].rows, err);
        if (st == NULL) return -1;
        sqlite3_bind_int64(st, 1, take[g]);
        sqlite3_bind_int64(st, 2, skip[g]);
        int rc = SQLITE_DONE;
        /* a write between the count and this read may add rows: never
        ** more than counted, so the array holds */
        while ((long long)*n < total && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            store_sitemap_entry *e = &(*out)[(*n)++];
            e->kind = groups[g].kind;
            e->key = store_sqlite_text(arena, st, 0);
            e->lastmod = sqlite3_column_int64(st, 1);
        }
        if (rc == SQLITE_ROW) rc = SQLITE_DONE;   /* stopped at total */
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) return store_sqlite_error(s, err, "listing sitemap entries");
    }
    return 0;
}

/* The newest m of window skip/take of the groups into *lastmod. */
static int window_lastmod(store_t *s, const long long skip[NGROUPS],
                          const long long take[NGROUPS], long long *lastmod, err_t *err) {
    *lastmod = 0;
    for (int g = 0; g < NGROUPS; g++) {
        if (take[g] == 0) continue;
        sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_GROUP_MAX + g, groups[g].max, err);
        if (st == NULL) return -1;
        sqlite3_bind_int64(st, 1, take[g]);
        sqlite3_bind_int64(st, 2, skip[g]);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW && sqlite3_column_int64(st, 0) > *lastmod)
            *lastmod = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW) return store_sqlite_error(s, err, "dating a sitemap");
    }
    return 0;
}

/* See store.h: the counts once, then one max() per group a window
** touches. */
int store_sitemap_lastmods(store_t *s, size_t lead, size_t per,
                           long long *lastmods, size_t nfiles, err_t *err) {
    long long count[NGROUPS], skip[NGROUPS], take[NGROUPS];
    if (group_counts(s, count, err)) return -1;
    for (size_t k = 0; k < nfiles; k++) {
        long long from = (long long)(k * per) - (long long)lead;
        long long to = (long long)((k + 1) * per) - (long long)lead;
        if (from < 0) from = 0;
        window(count, from, to > from ? to - from : 0, skip, take);
        if (window_lastmod(s, skip, take, &lastmods[k], err)) return -1;
    }
    return 0;
}
