/*
** store_sqlite_feed.c — the feed and sitemap readers of store.h over
** SQLite.
**
** Feeds: the archive filter of store_sqlite_archive.c, but every row
** comes with its tags (a feed's categories) and, for a full-text feed,
** with its HTML.  Twenty rows, each with one indexed tag query: cheap.
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
    SLOT_FEED = STORE_SLOTS_FEED,
    SLOT_TAGS,
    SLOT_GROUP_ROWS,                        /* four slots: one a group */
    SLOT_GROUP_COUNT = SLOT_GROUP_ROWS + 4, /* four more */
    SLOT_GROUP_MAX = SLOT_GROUP_COUNT + 4,  /* and four */
    SLOT_FEED_END = SLOT_GROUP_MAX + 4,
};

_Static_assert((int)SLOT_FEED_END <= (int)STORE_SLOTS_FEED + 16, "past the feed slots");
_Static_assert((int)SLOT_FEED_END <= (int)STORE_SQLITE_EXTRA, "past extra[]");

static const char sql_feed[] =
    "SELECT " ARTICLE_COLS ARTICLE_FROM
    " WHERE a.status = 1"
    " AND (?1 IS NULL OR s.slug = ?1)"
    " AND (?2 IS NULL OR a.id IN (SELECT x.article_id FROM article_tags x"
    "      JOIN tags t ON t.id = x.tag_id WHERE t.slug = ?2))"
    " AND (?3 IS NULL OR u.slug = ?3)"
    " AND (?4 = 0 OR a.published >= ?4) AND (?5 = 0 OR a.published < ?5)"
    " ORDER BY a.published DESC, a.id DESC LIMIT ?6";

static const char sql_tags[] =
    "SELECT t.name, t.slug FROM article_tags x JOIN tags t ON t.id = x.tag_id"
    " WHERE x.article_id = ?1 ORDER BY x.position";

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

/* Bind s to parameter i, or leave it NULL (the condition off) when s is. */
static void bind_optional(sqlite3_stmt *st, int i, const char *s) {
    if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Fill r->tags and r->tag_slugs from article_tags (in their order). */
static int feed_tags(store_t *s, arena_t *a, store_article *r, err_t *err) {
    sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_TAGS, sql_tags, err);
    if (st == NULL) return -1;
    sqlite3_bind_int64(st, 1, r->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (r->ntags == cap) {
            cap = cap ? cap * 2 : 8;
            const char **names = arena_alloc(a, cap * sizeof *names);
            const char **slugs = arena_alloc(a, cap * sizeof *slugs);
            if (r->ntags) {
                memcpy(names, r->tags, r->ntags * sizeof *names);
                memcpy(slugs, r->tag_slugs, r->ntags * sizeof *slugs);
            }
            r->tags = names;
            r->tag_slugs = slugs;
        }
        r->tags[r->ntags] = store_sqlite_text(a, st, 0);
        r->tag_slugs[r->ntags] = store_sqlite_text(a, st, 1);
        r->ntags++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_sqlite_error(s, err, "reading tags");
}

/* See store.h.  The rows first, then each one's tags: a statement steps
** one query at a time. */
int store_articles_feed(store_t *s, arena_t *arena, const store_filter *f,
                        size_t limit, bool bodies, store_article ***out,
                        size_t *n, err_t *err) {
    sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_FEED, sql_feed, err);
    if (st == NULL) return -1;
    bind_optional(st, 1, f->section_slug);
    bind_optional(st, 2, f->tag_slug);
    bind_optional(st, 3, f->author_slug);
    sqlite3_bind_int64(st, 4, f->from);
    sqlite3_bind_int64(st, 5, f->to);
    sqlite3_bind_int64(st, 6, (long long)limit);
    *out = arena_alloc(arena, (limit ? limit : 1) * sizeof **out);
    *n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < limit)
        (*out)[(*n)++] = store_sqlite_row_article(arena, st, bodies);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_sqlite_error(s, err, "listing a feed's articles");
    for (size_t i = 0; i < *n; i++)
        if (feed_tags(s, arena, (*out)[i], err)) return -1;
    return 0;
}

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
