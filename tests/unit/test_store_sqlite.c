/*
** test_store_sqlite.c — what only the SQLite backend can be asked: its
** locations (a path, "sqlite:PATH"), its schema on an older file, and SQL
** on its file behind the store's back (a deleted article's cascade, and
** every disagreement store_check is there to find, made by hand).  The
** store's contract is tested for every backend in test_store.c.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "unit.h"

/* A store at a plain path in a temporary directory (unit.h). */
typedef unit_store fixture;

enum { T0 = 1714554000 };   /* 2024-05-01T09:00:00Z */

/* Save a published article (a new one); its id. */
static long long put(fixture *f, const char *slug, const char *title,
                     const char *body, const char *tag) {
    const char *tags[] = {tag};
    store_article a = {
        .slug = slug, .title = title, .body = body, .body_html = "",
        .body_text = body, .section = "City", .author = "Staff",
        .tags = tags, .ntags = tag ? 1 : 0, .published = T0,
        .status = STORE_PUBLISH,
    };
    store_article_saved saved;
    err_t err;
    if (store_article_put(f->store, &f->arena, &a, &saved, &err)) fail_msg("%s", err.msg);
    if (store_related_update(f->store, saved.id, &err)) fail_msg("%s", err.msg);
    return saved.id;
}

/* Run sql on the store's file through a connection of its own. */
static void raw(fixture *f, const char *sql) {
    sqlite3 *db;
    char *msg = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        sqlite3_close(db);
        fail_msg("%s: %s", sql, msg ? msg : "?");
    }
    sqlite3_close(db);
}

/* An integer that sql returns on the store's file. */
static long long raw_int(fixture *f, const char *sql) {
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

#define BRIDGE "Repairs to the harbour bridge begin on Monday, closing two lanes for the works, which the council expects to finish before the storm season."
#define BRIDGE2 "The storm delayed the harbour bridge works again, and the council now expects the repairs to run into next month, with lanes closed."

static void test_open_missing_without_create_fails(void **state) {
    (void)state;
    store_t *s;
    err_t err;
    assert_int_equal(store_open(&s, "/tmp/no-such-dir-gazette/x.db", false, &err), -1);
    assert_non_null(strstr(err.msg, "cannot open"));
    assert_int_equal(store_open(&s, "sqlite:/tmp/no-such-dir-gazette/x.db", false, &err), -1);
    assert_non_null(strstr(err.msg, "cannot open /tmp/no-such-dir-gazette/x.db"));
}

/* "sqlite:PATH" and PATH are the same file. */
static void test_prefixed_and_plain_path_agree(void **state) {
    fixture *f = *state;
    long long id = put(f, "one", "One", "words", NULL);
    char location[sizeof f->path + 8];
    snprintf(location, sizeof location, "sqlite:%s", f->path);
    store_t *again;
    err_t err;
    assert_int_equal(store_open(&again, location, false, &err), 0);
    store_article *r;
    assert_int_equal(store_article_get(again, &f->arena, id, &r, &err), 0);
    assert_non_null(r);
    assert_string_equal(r->slug, "one");
    store_close(again);
    assert_int_equal(raw_int(f, "PRAGMA user_version"), store_schema_version(f->store));
}

/* Back to schema 7: what migrations 8 and 9 made, unmade. */
#define UNDO_TO_SCHEMA_7                                                    \
    "DROP INDEX comments_by_ip_key; ALTER TABLE comments DROP COLUMN ip_key;" \
    " CREATE INDEX comments_by_ip ON comments(ip, created);"                \
    " DROP INDEX articles_by_id_updated;"                                   \
    " CREATE INDEX articles_by_id_updated ON articles(status, id, updated);" \
    " PRAGMA user_version = 7;"

/* A file of schema 7 takes migrations 8 and 9 with its comments: each one's
** address becomes its key, so an IPv4 sender is still known to the flood
** rule, and the address index makes way for the key's. */
static void test_migration_8_on_an_older_file(void **state) {
    fixture *f = *state;
    long long art = put(f, "old", "Old", "words", NULL);
    int newest = store_schema_version(f->store);
    store_comment c = {.article_id = art, .author = "A", .email = "a@example.org",
                       .body = "hello", .ip = "192.0.2.7",
                       .status = STORE_COMMENT_APPROVED, .created = T0};
    long long cid;
    err_t err;
    assert_int_equal(store_comment_add(f->store, &c, &cid, &err), 0);
    store_close(f->store);
    f->store = NULL;
    raw(f, UNDO_TO_SCHEMA_7);
    assert_int_equal(raw_int(f, "SELECT count(*) FROM sqlite_master WHERE name = 'comments_by_ip'"), 1);
    assert_int_equal(store_open(&f->store, f->path, false, &err), 0);
    assert_int_equal(store_schema_version(f->store), newest);
    assert_int_equal(raw_int(f, "SELECT count(*) FROM sqlite_master WHERE name = 'comments_by_ip'"), 0);
    assert_int_equal(raw_int(f, "SELECT count(*) FROM comments WHERE ip_key = '192.0.2.7'"), 1);
    long long last;
    assert_int_equal(store_comment_last_from_ip(f->store, "::ffff:192.0.2.7", &last, &err), 0);
    assert_int_equal(last, T0);
    /* a new comment from an IPv6 address is stored under its /64 */
    c.ip = "2001:db8:5:6:7:8:9:a";
    assert_int_equal(store_comment_add(f->store, &c, &cid, &err), 0);
    assert_int_equal(raw_int(f, "SELECT count(*) FROM comments WHERE ip_key = '2001:db8:5:6::/64'"
                                " AND ip = '2001:db8:5:6:7:8:9:a'"), 1);
    assert_int_equal(store_check(f->store, &err), 0);
}

/* A file of schema 6 (before sources and redirects) takes migration 7
** with its articles: no source, no redirect, and the new rules at once. */
static void test_migration_7_on_an_older_file(void **state) {
    fixture *f = *state;
    long long id = put(f, "old", "Old", "words", NULL);
    int newest = store_schema_version(f->store);
    store_close(f->store);
    f->store = NULL;
    raw(f, UNDO_TO_SCHEMA_7
           "DROP TABLE redirects; DROP INDEX articles_by_source;"
           " DROP INDEX articles_by_source_hash;"
           " ALTER TABLE articles DROP COLUMN source;"
           " ALTER TABLE articles DROP COLUMN source_hash;"
           " PRAGMA user_version = 6;");
    err_t err;
    assert_int_equal(store_open(&f->store, f->path, false, &err), 0);
    assert_int_equal(store_schema_version(f->store), newest);
    store_article *r;
    assert_int_equal(store_article_get(f->store, &f->arena, id, &r, &err), 0);
    assert_string_equal(r->source, "");
    assert_string_equal(r->source_hash, "");
    store_article a = *r;
    a.slug = "renamed";
    store_article_saved saved;
    assert_int_equal(store_article_put(f->store, &f->arena, &a, &saved, &err), 0);
    const char *to;
    assert_int_equal(store_redirect_find(f->store, &f->arena, "/2024/05/01/old/", &to, &err), 0);
    assert_string_equal(to, "/2024/05/01/renamed/");
    assert_int_equal(store_check(f->store, &err), 0);
}

/* A deleted article (by SQL: the cascade) leaves df, lists and redirects
** exact. */
static void test_delete_cascades(void **state) {
    fixture *f = *state;
    long long a = put(f, "a", "Harbour bridge repairs begin", BRIDGE, NULL);
    long long b = put(f, "b", "Storm delays harbour works", BRIDGE2, NULL);
    store_article key = {.id = a}, **rows;
    size_t n;
    err_t err;
    assert_int_equal(store_articles_related(f->store, &f->arena, &key, 16, &rows, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0]->id, b);
    store_article *r;
    assert_int_equal(store_article_get(f->store, &f->arena, b, &r, &err), 0);
    r->slug = "b-moved";
    store_article_saved saved;
    assert_int_equal(store_article_put(f->store, &f->arena, r, &saved, &err), 0);
    assert_int_equal(raw_int(f, "SELECT count(*) FROM redirects"), 1);
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA foreign_keys = ON; DELETE FROM articles WHERE id = %lld", b);
    raw(f, sql);
    assert_int_equal(store_articles_related(f->store, &f->arena, &key, 16, &rows, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(raw_int(f, "SELECT count(*) FROM redirects"), 0);
    assert_int_equal(store_check(f->store, &err), 0);
}

/* Each disagreement store_check looks for, made by hand in a store that
** agreed with itself, is found and named. */
static void test_check_finds_each_disagreement(void **state) {
    fixture *f = *state;
    static const struct { const char *sql, *named; } cases[] = {
        {"UPDATE articles SET comment_count = comment_count + 1 WHERE slug = 'a'",
         "approved comments"},
        {"INSERT INTO redirects(path, article_id) SELECT a.path, b.id"
         " FROM articles a, articles b WHERE a.slug = 'a' AND b.slug = 'b'",
         "redirect"},
        {"UPDATE articles SET path = '/2024/05/02/a/' WHERE slug = 'a'",
         "date and slug"},
        {"UPDATE term_stats SET df = df + 1 WHERE id = (SELECT min(id) FROM term_stats)",
         "document frequency"},
        {"UPDATE related_totals SET docs = docs + 1", "indexed articles"},
        {"UPDATE articles SET status = 0 WHERE slug = 'b'", "draft"},
        {"INSERT INTO related(article_id, related_id, score)"
         " SELECT id, id, 1 FROM articles WHERE slug = 'a'", "its own"},
        {"INSERT INTO article_terms(article_id, term_id, tf, weight)"
         " VALUES(99999, (SELECT min(id) FROM term_stats), 1, 1)", "out of the index"},
        {"WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 17)"
         " INSERT INTO articles(slug, path, title, format, body, body_html,"
         " body_text, published, updated, status)"
         " SELECT 'x' || i, '/1970/01/01/x' || i || '/', 'x', 'text', '', '', '',"
         " 0, 0, 1 FROM k;"
         " INSERT INTO related(article_id, related_id, score)"
         " SELECT (SELECT id FROM articles WHERE slug = 'a'), id, 0.1"
         " FROM articles WHERE slug LIKE 'x%'", "longer than"},
    };
    err_t err;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* a fresh file for each case */
        store_close(f->store);
        f->store = NULL;
        snprintf(f->path, sizeof f->path, "%s/check-%zu.db", f->dir, i);
        assert_int_equal(store_open(&f->store, f->path, true, &err), 0);
        long long a = put(f, "a", "Harbour bridge repairs begin", BRIDGE, "City");
        put(f, "b", "Storm delays harbour works", BRIDGE2, "City");
        store_comment c = {.article_id = a, .author = "A", .email = "a@example.org",
                           .body = "hello", .status = STORE_COMMENT_APPROVED,
                           .created = T0};
        long long cid;
        assert_int_equal(store_comment_add(f->store, &c, &cid, &err), 0);
        if (store_check(f->store, &err)) fail_msg("case %zu before: %s", i, err.msg);
        raw(f, cases[i].sql);
        assert_int_equal(store_check(f->store, &err), -1);
        if (strstr(err.msg, cases[i].named) == NULL)
            fail_msg("case %zu: '%s' does not name '%s'", i, err.msg, cases[i].named);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_missing_without_create_fails),
        cmocka_unit_test_setup_teardown(test_prefixed_and_plain_path_agree, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_migration_7_on_an_older_file, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_migration_8_on_an_older_file, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_delete_cascades, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_check_finds_each_disagreement, unit_store_setup, unit_store_teardown),
    };
    return cmocka_run_group_tests_name("store (sqlite only)", tests, NULL, NULL);
}
