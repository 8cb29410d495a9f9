/*
** test_store.c — the store's contract (store.h), through store.h only,
** once for every backend of STORE_TEST_BACKENDS (store_test.h): each
** test gets a new, empty store of the backend under test.  What only one
** backend can be asked (SQL on its file) is in test_store_NAME.c.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "store_test.h"

typedef store_fixture fixture;

/* The store must agree with itself (store_check). */
static void assert_consistent(fixture *f) {
    err_t err;
    if (store_check(f->store, &err)) fail_msg("%s", err.msg);
}

/* Save an article with these fields; returns its id. */
static long long put(fixture *f, const char *slug, const char *section,
                     long long published, const char **tags, size_t ntags,
                     store_status status) {
    store_article a = {
        .slug = slug, .title = slug, .body = "b", .body_html = "<p>b</p>",
        .body_text = "b", .section = section, .author = "Staff",
        .tags = tags, .ntags = ntags, .published = published, .status = status,
    };
    store_article_saved saved;
    err_t err;
    if (store_article_put(f->store, &f->arena, &a, &saved, &err)) fail_msg("%s", err.msg);
    return saved.id;
}

/* A published article with this slug, title and date, not yet saved. */
static store_article story(const char *slug, const char *title, long long published) {
    return (store_article){
        .slug = slug, .title = title, .body = "b", .body_html = "<p>b</p>",
        .body_text = "b", .section = "News", .author = "Staff",
        .published = published, .status = STORE_PUBLISH,
    };
}

/* Put a, which must succeed; what the put did. */
static store_article_saved put_ok(fixture *f, const store_article *a) {
    store_article_saved saved;
    err_t err;
    if (store_article_put(f->store, &f->arena, a, &saved, &err)) fail_msg("%s", err.msg);
    return saved;
}

/* Where path redirects to, NULL when it does not. */
static const char *redirect_of(fixture *f, const char *path) {
    const char *to = (const char *)1;
    err_t err;
    if (store_redirect_find(f->store, &f->arena, path, &to, &err)) fail_msg("%s", err.msg);
    return to;
}

/* The article with id, any status (must exist). */
static store_article *get(fixture *f, long long id) {
    store_article *r;
    err_t err;
    if (store_article_get(f->store, &f->arena, id, &r, &err)) fail_msg("%s", err.msg);
    if (r == NULL) fail_msg("no article %lld", id);
    return r;
}

/* How many published articles there are (up to 100). */
static size_t published_count(fixture *f) {
    store_article **list;
    size_t n;
    err_t err;
    if (store_articles_latest(f->store, &f->arena, 0, 100, &list, &n, &err))
        fail_msg("%s", err.msg);
    return n;
}

static void test_migrations_idempotent(void **state) {
    fixture *f = *state;
    int v = store_schema_version(f->store);
    assert_true(v >= 1);
    store_t *again;
    err_t err;
    assert_int_equal(store_open(&again, f->location, false, &err), 0);
    assert_int_equal(store_schema_version(again), v);
    store_close(again);
}

static void test_put_then_read_by_path(void **state) {
    fixture *f = *state;
    const char *tags[] = {"Gaza", "United States"};
    store_article a = {
        .slug = "truce", .title = "Truce talks ’", .body = "x",
        .body_html = "<p>x</p>", .body_text = "x", .section = "Middle East",
        .author = "Zoë", .tags = tags, .ntags = 2, .published = 1714554000,
        .status = STORE_PUBLISH,
    };
    err_t err;
    store_article_saved saved;
    assert_int_equal(store_article_put(f->store, &f->arena, &a, &saved, &err), 0);
    assert_true(saved.created);
    long long id = saved.id;
    assert_string_equal(saved.slug, "truce");
    assert_string_equal(saved.path, "/2024/05/01/truce/");
    assert_null(saved.moved_from);
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
    /* the same id: an update, not a second article */
    a.title = "Truce talks resume";
    a.id = id;
    assert_int_equal(store_article_put(f->store, &f->arena, &a, &saved, &err), 0);
    assert_false(saved.created);
    assert_int_equal(saved.id, id);
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
    assert_int_equal(store_article_put(f->store, NULL, &a, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "slug"));
}

/* ---- an import never overwrites another story --------------------------- */

/* A new article whose slug is taken gets slug-2, then slug-3; the first
** is left as it was. */
static void test_new_article_with_taken_slug_gets_suffix(void **state) {
    fixture *f = *state;
    store_article a = story("truce", "Truce talks", 1714554000);
    store_article_saved one = put_ok(f, &a);
    a.title = "Another truce";
    store_article_saved two = put_ok(f, &a);
    a.title = "A third truce";
    a.published = 1714640400;   /* the next day: the slug decides, not the path */
    store_article_saved three = put_ok(f, &a);
    assert_true(one.created && two.created && three.created);
    assert_string_equal(one.slug, "truce");
    assert_string_equal(two.slug, "truce-2");
    assert_string_equal(three.slug, "truce-3");
    assert_string_equal(two.path, "/2024/05/01/truce-2/");
    assert_string_equal(three.path, "/2024/05/02/truce-3/");
    assert_true(one.id != two.id && two.id != three.id && one.id != three.id);
    assert_string_equal(get(f, one.id)->title, "Truce talks");
    assert_string_equal(get(f, two.id)->title, "Another truce");
    assert_string_equal(get(f, two.id)->slug, "truce-2");
    assert_int_equal(published_count(f), 3);
    /* a slug that already ends in a number is no different */
    a.slug = "truce-2";
    assert_string_equal(put_ok(f, &a).slug, "truce-2-2");
}

/* An update names its article by id; another article's id or slug is
** never touched. */
static void test_update_by_id(void **state) {
    fixture *f = *state;
    store_article a = story("budget", "Budget", 1714554000);
    store_article_saved first = put_ok(f, &a);
    store_article b = story("other", "Other", 1714554000);
    store_article_saved other = put_ok(f, &b);
    a.id = first.id;
    a.title = "Budget passes";
    a.status = STORE_DRAFT;
    store_article_saved again = put_ok(f, &a);
    assert_false(again.created);
    assert_int_equal(again.id, first.id);
    assert_string_equal(again.slug, "budget");
    assert_null(again.moved_from);
    store_article *r = get(f, first.id);
    assert_string_equal(r->title, "Budget passes");
    assert_int_equal(r->status, STORE_DRAFT);
    assert_string_equal(get(f, other.id)->title, "Other");
    assert_int_equal(published_count(f), 1);
}

static void test_update_of_missing_id_fails(void **state) {
    fixture *f = *state;
    store_article a = story("ghost", "Ghost", 1714554000);
    a.id = 999;
    err_t err;
    assert_int_equal(store_article_put(f->store, &f->arena, &a, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "no article with id 999"));
    a.id = -1;
    assert_int_equal(store_article_put(f->store, &f->arena, &a, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "no article with id -1"));
    store_article *r = (store_article *)1;
    assert_int_equal(store_article_by_slug(f->store, &f->arena, "ghost", &r, &err), 0);
    assert_null(r);
}

/* A new slug, then a new date: each old permalink redirects to the new
** one, and a permalink is never itself redirected. */
static void test_update_moving_permalink_records_redirect(void **state) {
    fixture *f = *state;
    store_article a = story("old-name", "Story", 1714554000);
    a.id = put_ok(f, &a).id;
    a.slug = "new-name";
    store_article_saved moved = put_ok(f, &a);
    assert_string_equal(moved.path, "/2024/05/01/new-name/");
    assert_string_equal(moved.moved_from, "/2024/05/01/old-name/");
    assert_string_equal(redirect_of(f, "/2024/05/01/old-name/"), "/2024/05/01/new-name/");
    assert_null(redirect_of(f, "/2024/05/01/new-name/"));
    assert_null(redirect_of(f, "/2024/05/01/elsewhere/"));
    store_article *r = (store_article *)1;
    err_t err;
    assert_int_equal(store_article_by_path(f->store, &f->arena, "/2024/05/01/old-name/", &r, &err), 0);
    assert_null(r);
    a.published = 1717232400;   /* 2024-06-01 */
    moved = put_ok(f, &a);
    assert_string_equal(moved.path, "/2024/06/01/new-name/");
    assert_string_equal(redirect_of(f, "/2024/05/01/new-name/"), "/2024/06/01/new-name/");
    assert_string_equal(redirect_of(f, "/2024/05/01/old-name/"), "/2024/06/01/new-name/");
    /* an update that keeps the permalink records nothing */
    a.title = "Story, corrected";
    assert_null(put_ok(f, &a).moved_from);
    assert_null(redirect_of(f, "/2024/06/01/new-name/"));
    /* a draft is no redirect target */
    a.status = STORE_DRAFT;
    put_ok(f, &a);
    assert_null(redirect_of(f, "/2024/05/01/old-name/"));
    a.status = STORE_PUBLISH;
    put_ok(f, &a);
    assert_string_equal(redirect_of(f, "/2024/05/01/old-name/"), "/2024/06/01/new-name/");
    assert_consistent(f);
}

/* A -> B -> C: A and B both lead to C; back to A: A is live again (its
** redirect dropped) and B and C lead to A. */
static void test_redirect_chain_and_return(void **state) {
    fixture *f = *state;
    store_article a = story("a", "Story", 1714554000);
    a.id = put_ok(f, &a).id;
    a.slug = "b";
    put_ok(f, &a);
    a.slug = "c";
    put_ok(f, &a);
    assert_string_equal(redirect_of(f, "/2024/05/01/a/"), "/2024/05/01/c/");
    assert_string_equal(redirect_of(f, "/2024/05/01/b/"), "/2024/05/01/c/");
    assert_null(redirect_of(f, "/2024/05/01/c/"));
    a.slug = "a";
    store_article_saved back = put_ok(f, &a);
    assert_string_equal(back.path, "/2024/05/01/a/");
    assert_string_equal(back.moved_from, "/2024/05/01/c/");
    assert_null(redirect_of(f, "/2024/05/01/a/"));
    assert_string_equal(redirect_of(f, "/2024/05/01/b/"), "/2024/05/01/a/");
    assert_string_equal(redirect_of(f, "/2024/05/01/c/"), "/2024/05/01/a/");
    store_article *r;
    err_t err;
    assert_int_equal(store_article_by_path(f->store, &f->arena, "/2024/05/01/a/", &r, &err), 0);
    assert_non_null(r);
    assert_int_equal(r->id, a.id);
    assert_consistent(f);   /* the row from A is gone, not only hidden */
}

/* A new article that takes a path another one left owns it: the redirect
** is gone. */
static void test_new_article_takes_a_left_path(void **state) {
    fixture *f = *state;
    store_article a = story("first", "Story", 1714554000);
    a.id = put_ok(f, &a).id;
    a.slug = "renamed";
    put_ok(f, &a);
    assert_string_equal(redirect_of(f, "/2024/05/01/first/"), "/2024/05/01/renamed/");
    store_article b = story("first", "Another story", 1714554000);
    store_article_saved nb = put_ok(f, &b);
    assert_string_equal(nb.slug, "first");
    assert_null(redirect_of(f, "/2024/05/01/first/"));
    store_article *r;
    err_t err;
    assert_int_equal(store_article_by_path(f->store, &f->arena, "/2024/05/01/first/", &r, &err), 0);
    assert_non_null(r);
    assert_int_equal(r->id, nb.id);
    assert_consistent(f);
}

/* An update to a slug another article holds fails and changes nothing. */
static void test_slug_collision_on_update_fails(void **state) {
    fixture *f = *state;
    store_article x = story("x", "X", 1714554000);
    long long xid = put_ok(f, &x).id;
    store_article y = story("y", "Y", 1714554000);
    y.id = put_ok(f, &y).id;
    y.slug = "x";
    y.title = "Y renamed";
    err_t err;
    store_article_saved saved = {.id = -7};
    assert_int_equal(store_article_put(f->store, &f->arena, &y, &saved, &err), -1);
    assert_non_null(strstr(err.msg, "slug 'x'"));
    assert_int_equal(saved.id, -7);
    store_article *r = get(f, y.id);
    assert_string_equal(r->slug, "y");
    assert_string_equal(r->title, "Y");
    assert_string_equal(r->path, "/2024/05/01/y/");
    r = get(f, xid);
    assert_string_equal(r->title, "X");
    assert_null(redirect_of(f, "/2024/05/01/y/"));
    /* and the store still works: the transaction is over */
    y.slug = "z";
    assert_string_equal(put_ok(f, &y).path, "/2024/05/01/z/");
    assert_consistent(f);
}

/* store_article_get sees drafts; store_article_by_id does not. */
static void test_get_any_status(void **state) {
    fixture *f = *state;
    store_article a = story("hidden", "Hidden", 1714554000);
    a.status = STORE_DRAFT;
    long long id = put_ok(f, &a).id;
    store_article *r = (store_article *)1;
    err_t err;
    assert_int_equal(store_article_by_id(f->store, &f->arena, id, &r, &err), 0);
    assert_null(r);
    assert_string_equal(get(f, id)->slug, "hidden");
    assert_int_equal(store_article_get(f->store, &f->arena, id + 1, &r, &err), 0);
    assert_null(r);
}

static void test_by_source(void **state) {
    fixture *f = *state;
    store_article a = story("from-file", "From a file", 1714554000);
    a.source = "/srv/news/from-file.md";
    a.source_hash = "aa11";
    a.status = STORE_DRAFT;
    long long id = put_ok(f, &a).id;
    store_article b = story("plain", "No file", 1714554000);
    put_ok(f, &b);
    store_article *r;
    err_t err;
    assert_int_equal(store_article_by_source(f->store, &f->arena, "/srv/news/from-file.md", &r, &err), 0);
    assert_non_null(r);
    assert_int_equal(r->id, id);
    assert_string_equal(r->source, "/srv/news/from-file.md");
    assert_string_equal(r->source_hash, "aa11");
    assert_int_equal(store_article_by_source(f->store, &f->arena, "/srv/news/other.md", &r, &err), 0);
    assert_null(r);
    r = (store_article *)1;
    assert_int_equal(store_article_by_source(f->store, &f->arena, "", &r, &err), 0);
    assert_null(r);
    /* every full reader brings the source back; none is "" */
    assert_int_equal(store_article_by_slug(f->store, &f->arena, "plain", &r, &err), 0);
    assert_string_equal(r->source, "");
    assert_string_equal(r->source_hash, "");
    a.status = STORE_PUBLISH;
    a.id = id;
    put_ok(f, &a);
    assert_int_equal(store_article_by_path(f->store, &f->arena, "/2024/05/01/from-file/", &r, &err), 0);
    assert_string_equal(r->source, "/srv/news/from-file.md");
    assert_int_equal(store_article_by_id(f->store, &f->arena, id, &r, &err), 0);
    assert_string_equal(r->source_hash, "aa11");
    /* an update replaces it */
    a.source = "/srv/news/moved.md";
    put_ok(f, &a);
    assert_int_equal(store_article_by_source(f->store, &f->arena, "/srv/news/from-file.md", &r, &err), 0);
    assert_null(r);
    assert_int_equal(store_article_by_source(f->store, &f->arena, "/srv/news/moved.md", &r, &err), 0);
    assert_non_null(r);
    assert_int_equal(r->id, id);
}

static void test_by_source_hash_newest(void **state) {
    fixture *f = *state;
    const char *hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    store_article a = story("copy", "Copy", 1714554000);
    a.source = "/srv/a.md";
    a.source_hash = hash;
    long long first = put_ok(f, &a).id;
    a.source = "/srv/b.md";
    a.status = STORE_DRAFT;
    long long second = put_ok(f, &a).id;
    a.source = "/srv/c.md";
    a.source_hash = "ffff";
    put_ok(f, &a);
    store_article *r;
    err_t err;
    assert_int_equal(store_article_by_source_hash(f->store, &f->arena, hash, &r, &err), 0);
    assert_non_null(r);
    assert_int_equal(r->id, second);
    assert_true(second > first);
    assert_string_equal(r->source, "/srv/b.md");
    assert_int_equal(store_article_by_source_hash(f->store, &f->arena, "abcd", &r, &err), 0);
    assert_null(r);
    r = (store_article *)1;
    assert_int_equal(store_article_by_source_hash(f->store, &f->arena, "", &r, &err), 0);
    assert_null(r);
}

/* comments_closed comes back from every reader of full articles. */
static void test_comments_closed_round_trip(void **state) {
    fixture *f = *state;
    store_article a = story("closed", "Closed", 1714554000);
    a.comments_closed = true;
    long long id = put_ok(f, &a).id;
    store_article b = story("open", "Open", 1714554000);
    long long open_id = put_ok(f, &b).id;
    store_article *r;
    err_t err;
    assert_int_equal(store_article_by_path(f->store, &f->arena, "/2024/05/01/closed/", &r, &err), 0);
    assert_true(r->comments_closed);
    assert_int_equal(store_article_by_slug(f->store, &f->arena, "closed", &r, &err), 0);
    assert_true(r->comments_closed);
    assert_int_equal(store_article_by_id(f->store, &f->arena, id, &r, &err), 0);
    assert_true(r->comments_closed);
    assert_true(get(f, id)->comments_closed);
    assert_false(get(f, open_id)->comments_closed);
    assert_int_equal(store_article_comments_open(f->store, id, &err), 0);
    assert_int_equal(store_article_set_comments_open(f->store, id, true, &err), 0);
    assert_false(get(f, id)->comments_closed);
    assert_int_equal(store_article_set_comments_open(f->store, open_id, false, &err), 0);
    assert_int_equal(store_article_by_path(f->store, &f->arena, "/2024/05/01/open/", &r, &err), 0);
    assert_true(r->comments_closed);
}

/* ---- rules above the backend ------------------------------------------- */

/* The spam filter's totals and one token's counts. */
static void bayes(fixture *f, long long *ham, long long *spam, long long *tok_ham,
                  long long *tok_spam) {
    err_t err;
    if (store_bayes_totals(f->store, ham, spam, &err) ||
        store_bayes_token(f->store, "cheap", tok_ham, tok_spam, &err))
        fail_msg("%s", err.msg);
}

/* Moderation teaches the filter once per verdict, and takes a verdict
** back when it changes. */
static void test_moderation_teaches_the_filter(void **state) {
    fixture *f = *state;
    long long art = put(f, "talk", "News", 100, NULL, 0, STORE_PUBLISH);
    store_comment c = {.article_id = art, .author = "A", .email = "a@example.org",
                       .body = "cheap pills", .status = STORE_COMMENT_PENDING,
                       .created = 200};
    long long id;
    err_t err;
    assert_int_equal(store_comment_add(f->store, &c, &id, &err), 0);
    const char *tokens[] = {"cheap", "pills"};
    long long ham, spam, th, ts;
    assert_int_equal(store_comment_set_status(f->store, id, STORE_COMMENT_APPROVED, tokens, 2, &err), 0);
    bayes(f, &ham, &spam, &th, &ts);
    assert_true(ham == 1 && spam == 0 && th == 1 && ts == 0);
    /* the same verdict again: not learned twice */
    assert_int_equal(store_comment_set_status(f->store, id, STORE_COMMENT_APPROVED, tokens, 2, &err), 0);
    bayes(f, &ham, &spam, &th, &ts);
    assert_true(ham == 1 && spam == 0 && th == 1 && ts == 0);
    /* changed to spam: the ham lesson taken back, the spam one learned */
    assert_int_equal(store_comment_set_status(f->store, id, STORE_COMMENT_SPAM, tokens, 2, &err), 0);
    bayes(f, &ham, &spam, &th, &ts);
    assert_true(ham == 0 && spam == 1 && th == 0 && ts == 1);
    /* trash teaches nothing, and takes the spam lesson back */
    assert_int_equal(store_comment_set_status(f->store, id, STORE_COMMENT_TRASH, tokens, 2, &err), 0);
    bayes(f, &ham, &spam, &th, &ts);
    assert_true(ham == 0 && spam == 0 && th == 0 && ts == 0);
    store_comment *got;
    assert_int_equal(store_comment_get(f->store, &f->arena, id, &got, &err), 0);
    assert_int_equal(got->status, STORE_COMMENT_TRASH);
    /* no such comment: an error, and nothing learned */
    assert_int_equal(store_comment_set_status(f->store, id + 1, STORE_COMMENT_SPAM, tokens, 2, &err), -1);
    assert_non_null(strstr(err.msg, "no comment"));
    bayes(f, &ham, &spam, &th, &ts);
    assert_true(ham == 0 && spam == 0 && th == 0 && ts == 0);
    assert_consistent(f);
}

/* A comment from ip at created on article art, saved; its id. */
static long long comment_from(fixture *f, long long art, const char *ip, long long created,
                              store_comment_status status) {
    store_comment c = {.article_id = art, .author = "A", .email = "a@example.org",
                       .body = "words", .ip = ip, .status = status, .created = created};
    long long id;
    err_t err;
    if (store_comment_add(f->store, &c, &id, &err)) fail_msg("%s", err.msg);
    return id;
}

/* The newest comment time from ip's network. */
static long long last_from(fixture *f, const char *ip) {
    long long last = -1;
    err_t err;
    if (store_comment_last_from_ip(f->store, ip, &last, &err)) fail_msg("%s", err.msg);
    return last;
}

/* The flood rule's question: IPv4 by address, IPv6 by /64, IPv4-mapped
** as its IPv4 address; the address itself is kept as it was. */
static void test_last_from_ip_counts_by_network(void **state) {
    fixture *f = *state;
    long long art = put(f, "talk", "News", 100, NULL, 0, STORE_PUBLISH);
    long long id = comment_from(f, art, "2001:db8:1:2::10", 1000, STORE_COMMENT_APPROVED);
    comment_from(f, art, "192.0.2.7", 2000, STORE_COMMENT_PENDING);
    comment_from(f, art, "-", 3000, STORE_COMMENT_SPAM);
    /* every address of the /64, however written */
    assert_int_equal(last_from(f, "2001:db8:1:2::10"), 1000);
    assert_int_equal(last_from(f, "2001:db8:1:2:ffff:eeee:dddd:cccc"), 1000);
    assert_int_equal(last_from(f, "2001:0db8:0001:0002::1"), 1000);
    /* the next /64 is someone else */
    assert_int_equal(last_from(f, "2001:db8:1:3::10"), 0);
    /* IPv4: the address, plain or mapped; not its neighbour */
    assert_int_equal(last_from(f, "192.0.2.7"), 2000);
    assert_int_equal(last_from(f, "::ffff:192.0.2.7"), 2000);
    assert_int_equal(last_from(f, "192.0.2.8"), 0);
    /* text that is no address is its own key */
    assert_int_equal(last_from(f, "-"), 3000);
    assert_int_equal(last_from(f, ""), 0);
    /* staff see the address as it came */
    store_comment *c;
    err_t err;
    assert_int_equal(store_comment_get(f->store, &f->arena, id, &c, &err), 0);
    assert_string_equal(c->ip, "2001:db8:1:2::10");
}

/* Moderators' list: pages of it, and how many in all, by status. */
static void test_comments_list_pages_and_total(void **state) {
    fixture *f = *state;
    long long art = put(f, "talk", "News", 100, NULL, 0, STORE_PUBLISH);
    long long ids[25];
    for (int i = 0; i < 25; i++)
        ids[i] = comment_from(f, art, "192.0.2.1", 1000 + i,
                              i % 5 == 0 ? STORE_COMMENT_PENDING : STORE_COMMENT_APPROVED);
    store_comment **list;
    size_t n, total;
    err_t err;
    /* newest first, 10 a page */
    for (size_t page = 0; page < 3; page++) {
        assert_int_equal(store_comments_list(f->store, &f->arena, -1, page * 10, 10, &list, &n,
                                             &total, &err), 0);
        assert_int_equal(total, 25);
        assert_int_equal(n, page < 2 ? 10 : 5);
        for (size_t i = 0; i < n; i++) assert_int_equal(list[i]->id, ids[24 - page * 10 - i]);
    }
    /* past the end: none, but the total */
    total = 0;
    assert_int_equal(store_comments_list(f->store, &f->arena, -1, 25, 10, &list, &n, &total,
                                         &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(total, 25);
    /* limit 0: only the count, of one status */
    assert_int_equal(store_comments_list(f->store, &f->arena, STORE_COMMENT_PENDING, 0, 0,
                                         &list, &n, &total, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(total, 5);
    assert_int_equal(store_comments_list(f->store, &f->arena, STORE_COMMENT_PENDING, 2, 10,
                                         &list, &n, &total, &err), 0);
    assert_int_equal(total, 5);
    assert_int_equal(n, 3);
    assert_int_equal(list[0]->id, ids[10]);
    assert_int_equal(list[2]->id, ids[0]);
    assert_int_equal(store_comments_list(f->store, &f->arena, STORE_COMMENT_SPAM, 0, 10,
                                         &list, &n, &total, &err), 0);
    assert_true(n == 0 && total == 0);
}

/* ---- the published rule: scheduled articles ------------------------- */

/* Two stories on one subject: "out", published at 1000, and "soon",
** dated 5000, alone in its section, tag and author, with an approved
** comment; both in the related index.  *out_id and *soon_id get ids. */
static void scheduled_site(fixture *f, long long *out_id, long long *soon_id) {
    const char *out_tags[] = {"Harbour"};
    const char *soon_tags[] = {"Harbour", "Embargo"};
    store_article out = story("out", "Harbour bridge repairs begin", 1000);
    out.body_text = "Repairs to the harbour bridge begin on Monday, closing two lanes"
                    " while the council works before the storm season.";
    out.tags = out_tags;
    out.ntags = 1;
    store_article soon = story("soon", "Zanzibar harbour bridge storm", 5000);
    soon.body_text = "The storm delays the harbour bridge repairs, and the council"
                     " closes two lanes again; zanzibar is the embargoed word.";
    soon.section = "Secrets";
    soon.author = "Insider";
    soon.tags = soon_tags;
    soon.ntags = 2;
    err_t err;
    /* soon first: the lower id, so the sitemaps' window (by id) meets it first */
    *soon_id = put_ok(f, &soon).id;
    *out_id = put_ok(f, &out).id;
    if (store_related_update(f->store, *out_id, &err) ||
        store_related_update(f->store, *soon_id, &err))
        fail_msg("%s", err.msg);
    store_comment c = {.article_id = *soon_id, .author = "A", .email = "a@example.org",
                       .body = "first!", .status = STORE_COMMENT_APPROVED, .created = 900};
    long long cid;
    if (store_comment_add(f->store, &c, &cid, &err)) fail_msg("%s", err.msg);
}

/* Whether each public reader shows "soon" (true) or leaves it out
** (false); the test fails when they disagree. */
static bool soon_is_public(fixture *f, long long out_id, long long soon_id) {
    err_t err;
    arena_t *a = &f->arena;
    bool seen[24];
    int k = 0;
    store_article *r;
    /* its page, by path and by id */
    if (store_article_by_path(f->store, a, "/1970/01/01/soon/", &r, &err)) fail_msg("%s", err.msg);
    seen[k++] = r != NULL;
    if (store_article_by_id(f->store, a, soon_id, &r, &err)) fail_msg("%s", err.msg);
    seen[k++] = r != NULL;
    /* the front page's lead */
    store_article **list;
    size_t n;
    if (store_articles_latest(f->store, a, 0, 10, &list, &n, &err)) fail_msg("%s", err.msg);
    seen[k++] = n > 0 && list[0]->id == soon_id;
    /* archives: its section, its tag, its author, its year; their names */
    store_filter by_tag = {.tag_slug = "embargo"}, by_year = {.from = 0, .to = 86400};
    if (store_articles_filtered(f->store, a, &by_tag, 0, 10, &list, &n, &err)) fail_msg("%s", err.msg);
    seen[k++] = n == 1;
    if (store_articles_filtered(f->store, a, &by_year, 0, 10, &list, &n, &err)) fail_msg("%s", err.msg);
    seen[k++] = n == 2;
    const char *name;
    if (store_name_by_slug(f->store, a, "section", "secrets", &name, &err)) fail_msg("%s", err.msg);
    seen[k++] = name != NULL;
    if (store_name_by_slug(f->store, a, "tag", "embargo", &name, &err)) fail_msg("%s", err.msg);
    seen[k++] = name != NULL;
    if (store_name_by_slug(f->store, a, "author", "insider", &name, &err)) fail_msg("%s", err.msg);
    seen[k++] = name != NULL;
    const char **names, **slugs;
    if (store_sections(f->store, a, &names, &slugs, &n, &err)) fail_msg("%s", err.msg);
    seen[k++] = n == 2;
    /* feeds */
    store_filter all = {0};
    if (store_articles_feed(f->store, a, &all, 10, false, &list, &n, &err)) fail_msg("%s", err.msg);
    seen[k++] = n == 2;
    /* search, full and partial */
    store_search_hit **hits;
    size_t total;
    if (store_search(f->store, a, "\"harbour\"", 0, 10, &hits, &n, &total, &err))
        fail_msg("%s", err.msg);
    seen[k++] = total == 2 && n == 2;
    if (total != 2 && (total != 1 || n != 1 || hits[0]->article->id != out_id))
        fail_msg("search: %zu of %zu without soon", n, total);
    if (store_search_partial(f->store, a, "\"zanzibar\" \"nothing\"", 0, 10, &hits, &n,
                             &total, &err))
        fail_msg("%s", err.msg);
    seen[k++] = total == 1 && n == 1;
    /* related stories of the other story: the stored list and Check Also */
    store_article key = {.id = out_id};
    if (store_articles_related(f->store, a, &key, 10, &list, &n, &err)) fail_msg("%s", err.msg);
    seen[k++] = n == 1 && list[0]->id == soon_id;
    if (store_article_related(f->store, a, &key, &r, &err)) fail_msg("%s", err.msg);
    seen[k++] = r != NULL && r->id == soon_id;
    /* sitemaps: its address, and the archives only it fills */
    long long count;
    store_sitemap_entry *e;
    if (store_sitemap_count(f->store, &count, &err)) fail_msg("%s", err.msg);
    if (store_sitemap_entries(f->store, a, 0, 100, &e, &n, &err)) fail_msg("%s", err.msg);
    bool listed = false;
    for (size_t i = 0; i < n; i++) listed |= !strcmp(e[i].key, "/1970/01/01/soon/");
    /* out: News, Staff, Harbour, itself; soon adds Secrets, Insider, Embargo, itself */
    seen[k++] = listed;
    if (count != (listed ? 8 : 4) || n != (size_t)count)
        fail_msg("the sitemaps list %lld (%zu) entries, soon %s", count, n,
                 listed ? "among them" : "not");
    /* the index's date of that file is its entries' newest */
    long long last[1], newest = 0;
    if (store_sitemap_lastmods(f->store, 0, 100, last, 1, &err)) fail_msg("%s", err.msg);
    for (size_t i = 0; i < n; i++)
        if (e[i].lastmod > newest) newest = e[i].lastmod;
    assert_int_equal(last[0], newest);
    /* the recent comments */
    store_comment **comments;
    if (store_comments_recent(f->store, a, 0, 10, &comments, &n, &err)) fail_msg("%s", err.msg);
    seen[k++] = n == 1;
    for (int i = 1; i < k; i++)
        if (seen[i] != seen[0]) fail_msg("reader %d says %d, reader 0 says %d", i, seen[i], seen[0]);
    return seen[0];
}

/* An article dated in the future is scheduled: every public reader
** leaves it out until the store's clock reaches its date, then shows it,
** with nothing run in between; readers "whatever its status" see it all
** along. */
static void test_scheduled_article_appears_at_its_time(void **state) {
    fixture *f = *state;
    long long out_id, soon_id;
    scheduled_site(f, &out_id, &soon_id);
    err_t err;
    store_set_now(f->store, 4999);
    assert_false(soon_is_public(f, out_id, soon_id));
    store_article *r;
    assert_int_equal(store_article_get(f->store, &f->arena, soon_id, &r, &err), 0);
    assert_non_null(r);
    assert_int_equal(store_article_by_slug(f->store, &f->arena, "soon", &r, &err), 0);
    assert_non_null(r);
    /* the other story's page still stands */
    assert_int_equal(store_article_by_id(f->store, &f->arena, out_id, &r, &err), 0);
    assert_non_null(r);
    /* its date is the moment: public at 5000, not a second before */
    store_set_now(f->store, 5000);
    assert_true(soon_is_public(f, out_id, soon_id));
    store_set_now(f->store, 4999);
    assert_false(soon_is_public(f, out_id, soon_id));
    /* a snapshot reads the clock once: a page agrees with itself */
    store_set_now(f->store, 0);
    assert_int_equal(store_read_begin(f->store, &err), 0);
    assert_true(soon_is_public(f, out_id, soon_id));    /* the real clock: long past 5000 */
    store_read_end(f->store);
    assert_consistent(f);
}

/* A scheduled article's old address does not lead to it either. */
static void test_scheduled_article_redirects_only_when_out(void **state) {
    fixture *f = *state;
    store_article a = story("moving", "Moving", 5000);
    store_article_saved saved = put_ok(f, &a);
    a.id = saved.id;
    a.slug = "moved";
    put_ok(f, &a);
    store_set_now(f->store, 4999);
    assert_null(redirect_of(f, "/1970/01/01/moving/"));
    store_set_now(f->store, 5000);
    assert_string_equal(redirect_of(f, "/1970/01/01/moving/"), "/1970/01/01/moved/");
}

static void test_status_names(void **state) {
    (void)state;
    for (int st = STORE_COMMENT_PENDING; st <= STORE_COMMENT_TRASH; st++)
        assert_int_equal(store_comment_status_parse(store_comment_status_name(st)), st);
    assert_string_equal(store_comment_status_name(STORE_COMMENT_APPROVED), "approved");
    assert_string_equal(store_comment_status_name((store_comment_status)9), "unknown");
    assert_int_equal(store_comment_status_parse("Approved"), -1);
    assert_int_equal(store_comment_status_parse(NULL), -1);
}

/* A feed's articles come with their tags, and with bodies when asked. */
static void test_feed_has_tags_and_bodies(void **state) {
    fixture *f = *state;
    const char *tags[] = {"Gaza", "Talks"};
    put(f, "one", "World", 100, tags, 2, STORE_PUBLISH);
    put(f, "two", "Sport", 200, NULL, 0, STORE_PUBLISH);
    store_filter all = {0}, world = {.section_slug = "world"};
    store_article **list;
    size_t n;
    err_t err;
    assert_int_equal(store_articles_feed(f->store, &f->arena, &all, 10, true, &list, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(list[0]->slug, "two");
    assert_int_equal(list[0]->ntags, 0);
    assert_int_equal(list[1]->ntags, 2);
    assert_string_equal(list[1]->tag_slugs[1], "talks");
    assert_string_equal(list[1]->body_html, "<p>b</p>");
    assert_int_equal(store_articles_feed(f->store, &f->arena, &world, 10, false, &list, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_null(list[0]->body_html);
    assert_int_equal(list[0]->ntags, 2);
}

static void test_name_by_slug_kinds(void **state) {
    fixture *f = *state;
    const char *tags[] = {"United States"};
    put(f, "one", "Middle East", 100, tags, 1, STORE_PUBLISH);
    put(f, "draft", "Hidden Section", 100, NULL, 0, STORE_DRAFT);
    const char *name;
    err_t err;
    assert_int_equal(store_name_by_slug(f->store, &f->arena, "section", "middle-east", &name, &err), 0);
    assert_string_equal(name, "Middle East");
    assert_int_equal(store_name_by_slug(f->store, &f->arena, "tag", "united-states", &name, &err), 0);
    assert_string_equal(name, "United States");
    assert_int_equal(store_name_by_slug(f->store, &f->arena, "author", "staff", &name, &err), 0);
    assert_string_equal(name, "Staff");
    assert_int_equal(store_name_by_slug(f->store, &f->arena, "section", "hidden-section", &name, &err), 0);
    assert_null(name);
    assert_int_equal(store_name_by_slug(f->store, &f->arena, "colour", "red", &name, &err), -1);
    assert_non_null(strstr(err.msg, "colour"));
}

/* The sitemaps' order (sections, authors, tags, articles oldest first)
** and windows that cross from one group to the next. */
static void test_sitemap_order_and_windows(void **state) {
    fixture *f = *state;
    const char *tags[] = {"Gaza"};
    put(f, "b", "World", 300, tags, 1, STORE_PUBLISH);
    put(f, "a", "Sport", 100, NULL, 0, STORE_PUBLISH);
    put(f, "hidden", "Secret", 900, NULL, 0, STORE_DRAFT);
    long long total;
    err_t err;
    assert_int_equal(store_sitemap_count(f->store, &total, &err), 0);
    /* sections sport, world; author staff; tag gaza; articles b, a */
    assert_int_equal(total, 6);
    store_sitemap_entry *e;
    size_t n;
    assert_int_equal(store_sitemap_entries(f->store, &f->arena, 0, 100, &e, &n, &err), 0);
    assert_int_equal(n, 6);
    static const char *const want[][2] = {
        {"section", "sport"}, {"section", "world"}, {"author", "staff"},
        {"tag", "gaza"}, {"article", "/1970/01/01/b/"}, {"article", "/1970/01/01/a/"},
    };
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(e[i].kind, want[i][0]);
        assert_string_equal(e[i].key, want[i][1]);
    }
    assert_int_equal(e[1].lastmod, 300);        /* the newest of World */
    assert_int_equal(store_sitemap_entries(f->store, &f->arena, 2, 3, &e, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_string_equal(e[0].key, "staff");
    assert_string_equal(e[2].key, "/1970/01/01/b/");
    assert_int_equal(store_sitemap_entries(f->store, &f->arena, 6, 3, &e, &n, &err), 0);
    assert_int_equal(n, 0);
    /* files of 4 after a lead of 1: [0,3) and [3,7) */
    long long last[3];
    assert_int_equal(store_sitemap_lastmods(f->store, 1, 4, last, 3, &err), 0);
    assert_int_equal(last[0], 300);     /* sport 100, world 300, staff 300 */
    assert_true(last[1] >= 300);        /* gaza 300, articles: their updates */
    assert_int_equal(last[2], 0);
}

/* An empty query finds nothing (the backend is not asked). */
static void test_search_empty_query(void **state) {
    fixture *f = *state;
    put(f, "one", "World", 100, NULL, 0, STORE_PUBLISH);
    store_search_hit **hits = (store_search_hit **)1;
    size_t n = 9, total = 9;
    err_t err;
    assert_int_equal(store_search(f->store, &f->arena, "   ", 0, 10, &hits, &n, &total, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(total, 0);
    assert_null(hits);
    assert_int_equal(store_search(f->store, &f->arena, NULL, 0, 10, &hits, &n, &total, &err), 0);
    assert_int_equal(n, 0);
}

/* A hit whose article holds a marker character of its own (in its title
** here) comes without marks; the others keep theirs. */
static void test_search_marks_dropped_for_marked_articles(void **state) {
    fixture *f = *state;
    store_article odd = story("odd", "Odd " STORE_SEARCH_MARK_CLOSE " headline", 200);
    odd.body_text = "plain headline words";
    put_ok(f, &odd);
    store_article plain = story("plain", "Plain headline", 100);
    plain.body_text = "other words";
    put_ok(f, &plain);
    store_search_hit **hits;
    size_t n, total;
    err_t err;
    assert_int_equal(store_search(f->store, &f->arena, "\"headline\"", 0, 10, &hits, &n,
                                  &total, &err), 0);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        const char *t = hits[i]->title;
        if (!strcmp(hits[i]->article->slug, "odd")) {
            assert_string_equal(t, "Odd  headline");
            assert_null(strstr(hits[i]->snippet, STORE_SEARCH_MARK_OPEN));
        } else {
            assert_string_equal(t, "Plain " STORE_SEARCH_MARK_OPEN "headline"
                                   STORE_SEARCH_MARK_CLOSE);
        }
    }
    /* the same for partial matches */
    assert_int_equal(store_search_partial(f->store, &f->arena, "\"headline\" \"zebra\"", 0,
                                          10, &hits, &n, &total, &err), 0);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        const char *t = hits[i]->title;
        if (!strcmp(hits[i]->article->slug, "odd"))
            assert_string_equal(t, "Odd  headline");
        else
            assert_string_equal(t, "Plain " STORE_SEARCH_MARK_OPEN "headline"
                                   STORE_SEARCH_MARK_CLOSE);
    }
}

/* The suggestion for word, NULL when there is none. */
static const char *suggest(fixture *f, const char *word) {
    const char *out = (const char *)1;
    err_t err;
    if (store_search_suggest(f->store, &f->arena, word, &out, &err)) fail_msg("%s", err.msg);
    return out;
}

/* Spelling: distance 1 for a word of up to 4 letters, 2 beyond; the
** commoner on a tie; nothing for an indexed word, several words, or
** fewer than 3 letters; drafts count as indexed. */
static void test_suggest_rules(void **state) {
    fixture *f = *state;
    store_article a = story("a", "Truce", 100);
    a.body_text = "truce talks in cairo; gaza truce; the envoy spoke";
    put_ok(f, &a);
    store_article b = story("b", "Trace", 200);
    b.body_text = "trace elements";
    put_ok(f, &b);
    store_article d = story("d", "Zebra", 300);
    d.body_text = "zebra crossing";
    d.status = STORE_DRAFT;
    put_ok(f, &d);
    assert_string_equal(suggest(f, "tals"), "talks");       /* 4 letters, 1 away */
    assert_null(suggest(f, "tiks"));                        /* 4 letters, 2 away */
    assert_string_equal(suggest(f, "envyy"), "envoy");      /* 5 letters, 1 away */
    assert_string_equal(suggest(f, "cayro"), "cairo");
    assert_string_equal(suggest(f, "enovyy"), "envoy");     /* 6 letters, 2 away */
    assert_string_equal(suggest(f, "trube"), "truce");      /* truce in 1 article, */
    assert_string_equal(suggest(f, "tratce"), "trace");     /* trace in 1: nearest */
    assert_string_equal(suggest(f, "truxe"), "truce");
    assert_null(suggest(f, "truce"));                       /* indexed */
    assert_null(suggest(f, "zebra"));                       /* a draft's: indexed */
    assert_string_equal(suggest(f, "zebr"), "zebra");
    assert_null(suggest(f, "is"));                          /* too short ("in" is 1 away) */
    assert_null(suggest(f, "truxe talsk"));                 /* two words */
    assert_null(suggest(f, "qqqqq"));                       /* nothing starts so */
    assert_null(suggest(f, NULL));
}

/* On a tie, the term in more articles wins. */
static void test_suggest_prefers_the_commoner(void **state) {
    fixture *f = *state;
    store_article a = story("a", "Bank", 100);
    a.body_text = "bank";
    put_ok(f, &a);
    a.title = "Bank again";
    put_ok(f, &a);
    store_article b = story("b", "Bunk", 100);
    b.body_text = "bunk";
    put_ok(f, &b);
    assert_string_equal(suggest(f, "bink"), "bank");
    b.title = "Bunk again";
    put_ok(f, &b);
    b.title = "Bunk a third time";
    put_ok(f, &b);
    assert_string_equal(suggest(f, "bink"), "bunk");
}

/* A put without format or updated gets "markdown" and the time of the
** put; given ones are kept. */
static void test_put_fills_format_and_updated(void **state) {
    fixture *f = *state;
    store_article a = story("plain", "Plain", 100);
    long long before = (long long)time(NULL);
    long long id = put_ok(f, &a).id;
    long long after = (long long)time(NULL);
    store_article *r = get(f, id);
    assert_string_equal(r->format, "markdown");
    assert_true(r->updated >= before && r->updated <= after);
    a.id = id;
    a.format = "text";
    a.updated = 12345;
    put_ok(f, &a);
    r = get(f, id);
    assert_string_equal(r->format, "text");
    assert_int_equal(r->updated, 12345);
}

static void test_check_passes_on_a_busy_store(void **state) {
    fixture *f = *state;
    const char *tags[] = {"Gaza"};
    long long a = put(f, "a", "World", 100, tags, 1, STORE_PUBLISH);
    long long b = put(f, "b", "World", 200, tags, 1, STORE_PUBLISH);
    err_t err;
    assert_int_equal(store_related_update(f->store, a, &err), 0);
    assert_int_equal(store_related_update(f->store, b, &err), 0);
    store_comment c = {.article_id = a, .author = "A", .email = "a@example.org",
                       .body = "hello", .status = STORE_COMMENT_APPROVED, .created = 300};
    long long id;
    assert_int_equal(store_comment_add(f->store, &c, &id, &err), 0);
    assert_consistent(f);
}

/* ---- choosing the backend (no store needed) ----------------------------- */

static void test_open_refuses_other_locations(void **state) {
    (void)state;
    store_t *s = (store_t *)1;
    err_t err;
    assert_int_equal(store_open(&s, "postgresql://gazette:secret@db.example/news", true, &err), -1);
    assert_null(s);
    assert_non_null(strstr(err.msg, "PostgreSQL backend not built yet"));
    assert_null(strstr(err.msg, "secret"));
    assert_int_equal(store_open(&s, "postgres://db.example/news", true, &err), -1);
    assert_non_null(strstr(err.msg, "PostgreSQL backend not built yet"));
    assert_int_equal(store_open(&s, "mysql://db.example/news", true, &err), -1);
    assert_non_null(strstr(err.msg, "no backend for 'mysql'"));
    assert_int_equal(store_open(&s, "", true, &err), -1);
    assert_non_null(strstr(err.msg, "no location"));
    assert_int_equal(store_open(&s, "sqlite:", true, &err), -1);
    assert_non_null(strstr(err.msg, "nothing after 'sqlite:'"));
    store_close(NULL);
}

/* Lists longer than a growing array's first block (vec.h) keep every row,
** in order: an article's tags with their slugs, the sections, the latest
** articles, an article's comments, search hits. */
static void test_long_lists_keep_every_row(void **state) {
    fixture *f = *state;
    enum { MANY = 40 };
    static char names[MANY][24], slugs[MANY][24], sections[MANY][24];
    const char *tags[MANY];
    for (int i = 0; i < MANY; i++) {
        snprintf(names[i], sizeof names[i], "Tag %02d", MANY - i);   /* not sorted */
        tags[i] = names[i];
    }
    for (int i = 0; i < MANY; i++) {
        snprintf(slugs[i], sizeof slugs[i], "story-%02d", i);
        snprintf(sections[i], sizeof sections[i], "Section %02d", i);
        store_article a = story(slugs[i], "Harbour news", 1000 + i);
        a.section = sections[i];
        if (i == 0) a.tags = tags, a.ntags = MANY;
        put_ok(f, &a);
    }
    err_t err;
    store_article *r;
    assert_int_equal(store_article_by_slug(f->store, &f->arena, "story-00", &r, &err), 0);
    assert_non_null(r);
    assert_int_equal(r->ntags, MANY);
    for (int i = 0; i < MANY; i++) {
        char slug[24];
        snprintf(slug, sizeof slug, "tag-%02d", MANY - i);
        assert_string_equal(r->tags[i], names[i]);
        assert_string_equal(r->tag_slugs[i], slug);
    }
    const char **snames, **sslugs;
    size_t n;
    assert_int_equal(store_sections(f->store, &f->arena, &snames, &sslugs, &n, &err), 0);
    assert_int_equal(n, MANY);
    for (int i = 0; i < MANY; i++) {
        char slug[24];
        snprintf(slug, sizeof slug, "section-%02d", i);
        assert_string_equal(snames[i], sections[i]);
        assert_string_equal(sslugs[i], slug);
    }
    store_article **list;
    assert_int_equal(store_articles_latest(f->store, &f->arena, 0, 100, &list, &n, &err), 0);
    assert_int_equal(n, MANY);
    for (int i = 0; i < MANY; i++) assert_string_equal(list[i]->slug, slugs[MANY - 1 - i]);
    for (int i = 0; i < MANY; i++) {
        store_comment c = {.article_id = r->id, .author = "A", .email = "a@example.org",
                           .body = slugs[i], .status = STORE_COMMENT_APPROVED,
                           .created = 5000 + i};
        long long id;
        assert_int_equal(store_comment_add(f->store, &c, &id, &err), 0);
    }
    store_comment **comments;
    assert_int_equal(store_comments_for_article(f->store, &f->arena, r->id, NULL, 0,
                                                &comments, &n, &err), 0);
    assert_int_equal(n, MANY);
    for (int i = 0; i < MANY; i++) assert_string_equal(comments[i]->body, slugs[i]);
    store_search_hit **hits;
    size_t total;
    assert_int_equal(store_search(f->store, &f->arena, "\"harbour\"", 0, 100, &hits, &n,
                                  &total, &err), 0);
    assert_int_equal(total, MANY);
    assert_int_equal(n, MANY);
    bool seen[MANY] = {false};
    for (int i = 0; i < MANY; i++) {
        int k = atoi(hits[i]->article->slug + strlen("story-"));
        assert_true(k >= 0 && k < MANY);
        assert_false(seen[k]);
        seen[k] = true;
    }
}

int main(void) {
#define T(name) cmocka_unit_test_setup_teardown(name, store_fixture_setup, store_fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_migrations_idempotent),
        T(test_put_then_read_by_path),
        T(test_drafts_are_not_public),
        T(test_latest_order_and_paging),
        T(test_related_by_tags_then_section_then_newest),
        T(test_related_falls_back_to_section),
        T(test_related_none_when_alone),
        T(test_settings_roundtrip),
        T(test_put_requires_slug),
        T(test_comment_count_follows_moderation),
        T(test_new_article_with_taken_slug_gets_suffix),
        T(test_update_by_id),
        T(test_update_of_missing_id_fails),
        T(test_update_moving_permalink_records_redirect),
        T(test_redirect_chain_and_return),
        T(test_new_article_takes_a_left_path),
        T(test_slug_collision_on_update_fails),
        T(test_get_any_status),
        T(test_by_source),
        T(test_by_source_hash_newest),
        T(test_comments_closed_round_trip),
        T(test_moderation_teaches_the_filter),
        T(test_last_from_ip_counts_by_network),
        T(test_comments_list_pages_and_total),
        T(test_scheduled_article_appears_at_its_time),
        T(test_scheduled_article_redirects_only_when_out),
        T(test_feed_has_tags_and_bodies),
        T(test_name_by_slug_kinds),
        T(test_sitemap_order_and_windows),
        T(test_search_empty_query),
        T(test_search_marks_dropped_for_marked_articles),
        T(test_put_fills_format_and_updated),
        T(test_suggest_rules),
        T(test_suggest_prefers_the_commoner),
        T(test_check_passes_on_a_busy_store),
        T(test_long_lists_keep_every_row),
    };
#undef T
    const struct CMUnitTest plain[] = {
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_open_refuses_other_locations),
    };
    int failed = cmocka_run_group_tests_name("store: no backend", plain, NULL, NULL);
    return failed + store_test_run("store", tests);
}
