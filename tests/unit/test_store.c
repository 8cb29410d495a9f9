/*
** test_store.c — store.h over a real SQLite file in a temporary directory.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "unit.h"

/* A store in a temporary directory: unit_store_setup/teardown (unit.h). */
typedef unit_store fixture;

/* Save an article with these fields; returns its id. */
static long long put(fixture *f, const char *slug, const char *section,
                     long long published, const char **tags, size_t ntags,
                     store_status status) {
    store_article a = {
        .slug = slug, .title = slug, .body = "b", .body_html = "<p>b</p>",
        .body_text = "b", .section = section, .author = "Staff",
        .tags = tags, .ntags = ntags, .published = published, .status = status,
    };
    long long id = 0;
    err_t err;
    assert_int_equal(store_article_put(f->store, &a, &id, NULL, &err), 0);
    return id;
}

static void test_migrations_idempotent(void **state) {
    fixture *f = *state;
    int v = store_schema_version(f->store);
    assert_true(v >= 1);
    store_t *again;
    err_t err;
    assert_int_equal(store_open(&again, f->path, false, &err), 0);
    assert_int_equal(store_schema_version(again), v);
    store_close(again);
}

static void test_open_missing_without_create_fails(void **state) {
    (void)state;
    store_t *s;
    err_t err;
    assert_int_equal(store_open(&s, "/tmp/no-such-dir-gazette/x.db", false, &err), -1);
    assert_non_null(strstr(err.msg, "cannot open"));
}

static void test_put_then_read_by_path(void **state) {
    fixture *f = *state;
    const char *tags[] = {"Gaza", "United States"};
    bool created = false;
    store_article a = {
        .slug = "truce", .title = "Truce talks ’", .body = "x",
        .body_html = "<p>x</p>", .body_text = "x", .section = "Middle East",
        .author = "Zoë", .tags = tags, .ntags = 2, .published = 1714554000,
        .status = STORE_PUBLISH,
    };
    err_t err;
    long long id;
    assert_int_equal(store_article_put(f->store, &a, &id, &created, &err), 0);
    assert_true(created);
    store_article *r;
    assert_int_equal(store_article_by_path(f->store, &f->arena,
                                           "/2024/05/01/truce/", &r, &err), 0);
    assert_non_null(r);
    assert_int_equal(r->id, id);
    assert_string_equal(r->title, "Truce talks ’");
    assert_string_equal(r->section, "Middle East");
    assert_string_equal(r->section_slug, "middle-east");
    assert_string_equal(r->author_slug, "zoe");
    assert_int_equal(r->ntags, 2);
    assert_string_equal(r->tags[1], "United States");
    assert_string_equal(r->tag_slugs[1], "united-states");
    /* same slug: an update, not a second article */
    a.title = "Truce talks resume";
    assert_int_equal(store_article_put(f->store, &a, &id, &created, &err), 0);
    assert_false(created);
    store_article **list;
    size_t n;
    assert_int_equal(store_articles_latest(f->store, &f->arena, 0, 10, &list, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(list[0]->title, "Truce talks resume");
}

static void test_drafts_are_not_public(void **state) {
    fixture *f = *state;
    put(f, "secret", "News", 1000, NULL, 0, STORE_DRAFT);
    store_article *r;
    err_t err;
    assert_int_equal(store_article_by_path(f->store, &f->arena,
                                           "/1970/01/01/secret/", &r, &err), 0);
    assert_null(r);
    store_article **list;
    size_t n;
    assert_int_equal(store_articles_latest(f->store, &f->arena, 0, 10, &list, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_article_by_slug(f->store, &f->arena, "secret", &r, &err), 0);
    assert_non_null(r);
    assert_int_equal(r->status, STORE_DRAFT);
}

static void test_latest_order_and_paging(void **state) {
    fixture *f = *state;
    put(f, "old", "", 100, NULL, 0, STORE_PUBLISH);
    put(f, "new", "", 300, NULL, 0, STORE_PUBLISH);
    put(f, "mid", "", 200, NULL, 0, STORE_PUBLISH);
    store_article **list;
    size_t n;
    err_t err;
    assert_int_equal(store_articles_latest(f->store, &f->arena, 1, 5, &list, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(list[0]->slug, "mid");
    assert_string_equal(list[1]->slug, "old");
}

static void test_related_by_tags_then_section_then_newest(void **state) {
    fixture *f = *state;
    const char *gaza[] = {"Gaza", "Israel", "Hamas"};
    const char *two[] = {"Gaza", "Israel"};
    const char *one[] = {"Gaza"};
    const char *other[] = {"Football"};
    long long me = put(f, "me", "World", 500, gaza, 3, STORE_PUBLISH);
    put(f, "one-tag-newer", "World", 900, one, 1, STORE_PUBLISH);
    put(f, "two-tags", "Sport", 100, two, 2, STORE_PUBLISH);
    put(f, "unrelated-newest", "Sport", 1000, other, 1, STORE_PUBLISH);
    put(f, "draft-three-tags", "World", 800, gaza, 3, STORE_DRAFT);
    store_article self = {.id = me}, *r;
    err_t err;
    assert_int_equal(store_article_related(f->store, &f->arena, &self, &r, &err), 0);
    assert_non_null(r);
    assert_string_equal(r->slug, "two-tags");
}

static void test_related_falls_back_to_section(void **state) {
    fixture *f = *state;
    long long me = put(f, "me", "World", 500, NULL, 0, STORE_PUBLISH);
    put(f, "same-section-old", "World", 100, NULL, 0, STORE_PUBLISH);
    put(f, "other-newest", "Sport", 1000, NULL, 0, STORE_PUBLISH);
    store_article self = {.id = me}, *r;
    err_t err;
    assert_int_equal(store_article_related(f->store, &f->arena, &self, &r, &err), 0);
    assert_string_equal(r->slug, "same-section-old");
}

static void test_related_none_when_alone(void **state) {
    fixture *f = *state;
    long long me = put(f, "alone", "World", 500, NULL, 0, STORE_PUBLISH);
    store_article self = {.id = me}, *r = (store_article *)1;
    err_t err;
    assert_int_equal(store_article_related(f->store, &f->arena, &self, &r, &err), 0);
    assert_null(r);
}

static void test_settings_roundtrip(void **state) {
    fixture *f = *state;
    err_t err;
    const char *v;
    assert_int_equal(store_setting_get(f->store, &f->arena, "k", &v, &err), 0);
    assert_null(v);
    assert_int_equal(store_setting_set(f->store, "k", "one", &err), 0);
    assert_int_equal(store_setting_set(f->store, "k", "two", &err), 0);
    assert_int_equal(store_setting_get(f->store, &f->arena, "k", &v, &err), 0);
    assert_string_equal(v, "two");
}

/* The count of approved comments follows every change of status. */
static void test_comment_count_follows_moderation(void **state) {
    fixture *f = *state;
    long long art = put(f, "talked-about", "News", 100, NULL, 0, STORE_PUBLISH);
    err_t err;
    long long ids[3];
    for (int i = 0; i < 3; i++) {
        store_comment c = {.article_id = art, .author = "A", .email = "a@example.org",
                           .body = i == 0 ? "one" : i == 1 ? "two" : "three",
                           .status = i < 2 ? STORE_COMMENT_APPROVED : STORE_COMMENT_PENDING,
                           .created = 200 + i};
        assert_int_equal(store_comment_add(f->store, &c, &ids[i], &err), 0);
    }
    store_article *r;
    assert_int_equal(store_article_by_slug(f->store, &f->arena, "talked-about", &r, &err), 0);
    assert_int_equal(r->comment_count, 2);
    assert_int_equal(store_comment_set_status(f->store, ids[2], STORE_COMMENT_APPROVED, NULL, 0, &err), 0);
    assert_int_equal(store_comment_set_status(f->store, ids[0], STORE_COMMENT_SPAM, NULL, 0, &err), 0);
    assert_int_equal(store_comment_set_status(f->store, ids[1], STORE_COMMENT_TRASH, NULL, 0, &err), 0);
    assert_int_equal(store_article_by_slug(f->store, &f->arena, "talked-about", &r, &err), 0);
    assert_int_equal(r->comment_count, 1);
}

static void test_put_requires_slug(void **state) {
    fixture *f = *state;
    store_article a = {.title = "t", .slug = ""};
    err_t err;
    assert_int_equal(store_article_put(f->store, &a, NULL, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "slug"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrations_idempotent, unit_store_setup, unit_store_teardown),
        cmocka_unit_test(test_open_missing_without_create_fails),
        cmocka_unit_test_setup_teardown(test_put_then_read_by_path, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_drafts_are_not_public, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_latest_order_and_paging, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_related_by_tags_then_section_then_newest, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_related_falls_back_to_section, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_related_none_when_alone, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_settings_roundtrip, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_put_requires_slug, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_comment_count_follows_moderation, unit_store_setup, unit_store_teardown),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
