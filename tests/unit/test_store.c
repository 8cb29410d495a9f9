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
        cmocka_unit_test_setup_teardown(test_new_article_with_taken_slug_gets_suffix, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_update_by_id, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_update_of_missing_id_fails, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_update_moving_permalink_records_redirect, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_redirect_chain_and_return, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_new_article_takes_a_left_path, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_slug_collision_on_update_fails, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_get_any_status, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_by_source, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_by_source_hash_newest, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_comments_closed_round_trip, unit_store_setup, unit_store_teardown),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
