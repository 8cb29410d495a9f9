/*
** store_sqlite_archive.c — the archive readers of the SQLite backend
** (store_backend.h): articles by section, tag, author and period, and the
** names behind the slugs in archive URLs.
**
** One statement serves every combination of filters: a NULL (or 0)
** parameter switches its condition off.  Scheduled articles (dated after
** the store's clock, store.h) are in no list and give no name.  It walks articles newest first
** (the articles_by_date index) and stops at the page's end, so the cost of
** a page grows with how far back it is and how rare its filter is, not
** with the size of the site, for the common archives.
*/
#include "store_sqlite.h"

#include <string.h>

#include "vec.h"

enum {
    SLOT_FILTERED = STORE_SLOTS_ARCHIVE,
    SLOT_SECTION_NAME,
    SLOT_TAG_NAME,
    SLOT_AUTHOR_NAME,
    SLOT_SECTIONS,
};

static const char sql_filtered[] =
    "SELECT " ARTICLE_COLS ARTICLE_FROM
    " WHERE a.status = 1 AND a.published <= " STORE_SQLITE_NOW
    " AND (?1 IS NULL OR s.slug = ?1)"
    " AND (?2 IS NULL OR a.id IN (SELECT x.article_id FROM article_tags x"
    "      JOIN tags t ON t.id = x.tag_id WHERE t.slug = ?2))"
    " AND (?3 IS NULL OR u.slug = ?3)"
    " AND (?4 = 0 OR a.published >= ?4) AND (?5 = 0 OR a.published < ?5)"
    " ORDER BY a.published DESC, a.id DESC LIMIT ?6 OFFSET ?7";

static void bind_optional(sqlite3_stmt *st, int i, const char *s) {
    if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* See store_backend.h: the filtered list, with bodies when asked. */
int store_sqlite_articles_filtered(store_t *base, arena_t *arena, const store_filter *f,
                                   size_t offset, size_t limit, bool bodies,
                                   store_article ***out, size_t *n, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_FILTERED, sql_filtered, err);
    if (st == NULL) return -1;
    bind_optional(st, 1, f->section_slug);
    bind_optional(st, 2, f->tag_slug);
    bind_optional(st, 3, f->author_slug);
    sqlite3_bind_int64(st, 4, f->from);
    sqlite3_bind_int64(st, 5, f->to);
    sqlite3_bind_int64(st, 6, (long long)limit);
    sqlite3_bind_int64(st, 7, (long long)offset);
    return store_sqlite_article_rows(s, arena, st, bodies, out, n, err);
}

int store_sqlite_name_by_slug(store_t *base, arena_t *arena, store_name_kind kind,
                              const char *slug, const char **name, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    static const struct { store_name_kind kind; const char *sql; int slot; } q[] = {
        {STORE_NAME_SECTION, "SELECT name FROM sections x WHERE slug = ?1 AND EXISTS"
                    " (SELECT 1 FROM articles WHERE section_id = x.id AND status = 1"
                    "  AND published <= " STORE_SQLITE_NOW ")",
         SLOT_SECTION_NAME},
        {STORE_NAME_TAG, "SELECT name FROM tags x WHERE slug = ?1 AND EXISTS"
                " (SELECT 1 FROM article_tags y JOIN articles a ON a.id = y.article_id"
                "  WHERE y.tag_id = x.id AND a.status = 1"
                "  AND a.published <= " STORE_SQLITE_NOW ")", SLOT_TAG_NAME},
        {STORE_NAME_AUTHOR, "SELECT name FROM authors x WHERE slug = ?1 AND EXISTS"
                   " (SELECT 1 FROM articles WHERE author_id = x.id AND status = 1"
                   "  AND published <= " STORE_SQLITE_NOW ")",
         SLOT_AUTHOR_NAME},
    };
    *name = NULL;
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        if (kind != q[i].kind) continue;
        sqlite3_stmt *st = store_sqlite_prepare(s, q[i].slot, q[i].sql, err);
        if (st == NULL) return -1;
        store_sqlite_bind_text(st, 1, slug);
        return store_sqlite_one_text(s, arena, st, name, err, "looking up a name");
    }
    return err_set(err, "store: no such kind of name (%d)", (int)kind);
}

int store_sqlite_sections(store_t *base, arena_t *arena, const char ***names,
                          const char ***slugs, size_t *n, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_SECTIONS,
        "SELECT name, slug FROM sections x WHERE EXISTS (SELECT 1 FROM articles"
        " WHERE section_id = x.id AND status = 1 AND published <= " STORE_SQLITE_NOW ")"
        " ORDER BY name", err);
    if (st == NULL) return -1;
    size_t names_cap = 0, slugs_cap = 0;
    *names = NULL;
    *slugs = NULL;
    *n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *names = vec_grow_arena(arena, *names, *n, &names_cap, *n + 1, sizeof **names);
        *slugs = vec_grow_arena(arena, *slugs, *n, &slugs_cap, *n + 1, sizeof **slugs);
        (*names)[*n] = store_sqlite_text(arena, st, 0);
        (*slugs)[*n] = store_sqlite_text(arena, st, 1);
        (*n)++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
           : store_sqlite_error(s, err, "listing sections");
}
