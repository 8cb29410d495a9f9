/*
** test_publish.c — publish.h over a real store: rendering, new articles
** and their slugs, updates (what they keep, what moves), related stories,
** refusals that write nothing, and publish_hash.
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

#include "publish.h"
#include "store.h"
#include "unit.h"

/* A store in a temporary directory: unit_store_setup/teardown (unit.h). */
typedef unit_store fixture;

/* 2024-05-01T09:00:00Z and two days later. */
enum { MAY1 = 1714554000, MAY3 = MAY1 + 2 * 86400 };

static publish_input story(const char *title, const char *text) {
    static const char *tags[] = {"Harbour", "Council"};
    return (publish_input){
        .title = title, .text = text, .format = PUBLISH_MARKDOWN,
        .section = "Local", .author = "Staff", .tags = tags, .ntags = 2,
        .status = STORE_PUBLISH, .published = MAY1,
        .source = "/news/budget.md", .source_hash = "ab12",
    };
}

/* Publish in; fail the test on an error or a warning. */
static publish_result publish_ok(fixture *f, const publish_input *in) {
    publish_result r;
    err_t err = {{0}};
    if (publish_article(f->store, &f->arena, in, &r, &err))
        fail_msg("publish_article: %s", err.msg);
    if (r.warning) fail_msg("warning: %s", r.warning);
    return r;
}

static store_article *get(fixture *f, long long id) {
    store_article *a;
    err_t err;
    assert_int_equal(store_article_get(f->store, &f->arena, id, &a, &err), 0);
    assert_non_null(a);
    return a;
}

static void new_markdown_article(void **state) {
    fixture *f = *state;
    publish_input in = story("Council approves harbour budget", "The *vote* was 9–3.");
    publish_result r = publish_ok(f, &in);
    assert_true(r.created);
    assert_true(r.id > 0);
    assert_string_equal(r.slug, "council-approves-harbour-budget");
    assert_string_equal(r.path, "/2024/05/01/council-approves-harbour-budget/");
    assert_null(r.moved_from);
    store_article *a = get(f, r.id);
    assert_string_equal(a->format, "markdown");
    assert_string_equal(a->body, "The *vote* was 9–3.");
    assert_non_null(strstr(a->body_html, "<em>vote</em>"));
    assert_null(strstr(a->body_text, "*"));
    assert_string_equal(a->section, "Local");
    assert_int_equal(a->ntags, 2);
    assert_string_equal(a->source, "/news/budget.md");
    assert_string_equal(a->source_hash, "ab12");
    assert_true(a->published == MAY1);
}

static void new_text_article_and_wished_slug(void **state) {
    fixture *f = *state;
    publish_input in = story("Ferry <times>", "One & two\nstill one.\n\nThree.");
    in.format = PUBLISH_TEXT;
    in.slug = "Ferry Times, Changed";
    publish_result r = publish_ok(f, &in);
    assert_string_equal(r.slug, "ferry-times-changed");
    store_article *a = get(f, r.id);
    assert_string_equal(a->format, "text");
    assert_string_equal(a->body_html, "<p>One &amp; two still one.</p>\n<p>Three.</p>\n");
    assert_string_equal(a->body_text, "One & two\nstill one.\n\nThree.");
}

/* Same headline, different stories: never one over the other. */
static void taken_slug_gets_next_free(void **state) {
    fixture *f = *state;
    publish_input in = story("Budget vote", "May.");
    publish_result r1 = publish_ok(f, &in);
    in.text = "June.";
    in.published = MAY3;
    publish_result r2 = publish_ok(f, &in);
    in.text = "July.";
    publish_result r3 = publish_ok(f, &in);
    assert_true(r2.created && r3.created);
    assert_string_equal(r2.slug, "budget-vote-2");
    assert_string_equal(r3.path, "/2024/05/03/budget-vote-3/");
    assert_string_equal(get(f, r1.id)->body, "May.");
    assert_string_equal(get(f, r2.id)->body, "June.");
}

/* An update without a slug (NULL or "") or date keeps the article's; the
** rest is the input's. */
static void update_keeps_slug_and_date(void **state) {
    fixture *f = *state;
    publish_input in = story("Budget vote", "First.");
    publish_result r1 = publish_ok(f, &in);
    publish_input up = story("Budget vote: the result", "Second.");
    up.id = r1.id;
    up.slug = "";                                   /* as NULL: keep */
    up.published = PUBLISH_DATE_KEEP;
    up.ntags = 0;
    publish_result r2 = publish_ok(f, &up);
    assert_false(r2.created);
    assert_true(r2.id == r1.id);
    assert_string_equal(r2.path, r1.path);
    assert_null(r2.moved_from);
    store_article *a = get(f, r1.id);
    assert_string_equal(a->title, "Budget vote: the result");
    assert_string_equal(a->body, "Second.");
    assert_int_equal(a->ntags, 0);
    assert_true(a->published == MAY1);
}

/* A new article without a date is dated now. */
static void new_article_date_keep_is_now(void **state) {
    fixture *f = *state;
    publish_input in = story("Undated", "x");
    in.published = PUBLISH_DATE_KEEP;
    long long before = (long long)time(NULL);
    publish_result r = publish_ok(f, &in);
    long long published = get(f, r.id)->published;
    assert_true(published >= before && published <= (long long)time(NULL));
}

/* A new date, then a new slug: each old permalink redirects to the newest. */
static void update_that_moves_leaves_redirects(void **state) {
    fixture *f = *state;
    publish_input in = story("Budget vote", "x");
    publish_result r1 = publish_ok(f, &in);
    in.id = r1.id;
    in.published = MAY3;
    publish_result r2 = publish_ok(f, &in);
    assert_string_equal(r2.moved_from, r1.path);
    in.slug = "harbour-budget";
    publish_result r3 = publish_ok(f, &in);
    assert_string_equal(r3.moved_from, "/2024/05/03/budget-vote/");
    assert_string_equal(r3.path, "/2024/05/03/harbour-budget/");
    err_t err;
    const char *to;
    assert_int_equal(store_redirect_find(f->store, &f->arena, r1.path, &to, &err), 0);
    assert_non_null(to);
    assert_string_equal(to, r3.path);
    assert_int_equal(store_redirect_find(f->store, &f->arena, r2.path, &to, &err), 0);
    assert_non_null(to);
    assert_string_equal(to, r3.path);
}

/* Refusals write nothing: no title, an unknown id, another's slug. */
static void refusals_write_nothing(void **state) {
    fixture *f = *state;
    publish_input a = story("Story A", "a"), b = story("Story B", "b");
    publish_result ra = publish_ok(f, &a);
    publish_ok(f, &b);
    publish_result r;
    err_t err;

    publish_input bad = story("", "x");
    assert_int_equal(publish_article(f->store, &f->arena, &bad, &r, &err), -1);
    assert_non_null(strstr(err.msg, "title"));

    bad = story("Lost", "x");
    bad.id = 999;
    assert_int_equal(publish_article(f->store, &f->arena, &bad, &r, &err), -1);
    assert_string_equal(err.msg, "no article with id 999");

    bad = story("Story A, renamed", "changed");
    bad.id = ra.id;
    bad.slug = "story-b";
    assert_int_equal(publish_article(f->store, &f->arena, &bad, &r, &err), -1);
    store_article *now = get(f, ra.id);
    assert_string_equal(now->title, "Story A");
    assert_string_equal(now->body, "a");
    assert_string_equal(now->slug, "story-a");

    store_article **latest;
    size_t n;
    assert_int_equal(store_articles_latest(f->store, &f->arena, 0, 10, &latest, &n, &err), 0);
    assert_int_equal(n, 2);
}

/* Step 3: publishing a story enters it into the related lists of the
** stories like it (stored lists, which only store_related_update fills). */
static void related_stories_are_updated(void **state) {
    fixture *f = *state;
    publish_input a = story("Harbour budget approved by council",
                            "The council approved the harbour budget for the new "
                            "ferry terminal and the harbour walls.");
    publish_result ra = publish_ok(f, &a);
    publish_input b = story("Harbour budget: what the council bought",
                            "The harbour budget the council approved pays for the "
                            "ferry terminal, the harbour walls and dredging.");
    b.source = "/news/budget-explained.md";
    publish_result rb = publish_ok(f, &b);
    store_article **rows;
    size_t n;
    err_t err;
    assert_int_equal(store_articles_related(f->store, &f->arena, get(f, ra.id), 5,
                                            &rows, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_true(rows[0]->id == rb.id);
}

static void hash_is_blake2b_256_hex(void **state) {
    fixture *f = *state;
    assert_string_equal(publish_hash(&f->arena, "", 0),
                        "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    assert_string_equal(publish_hash(&f->arena, "abc", 3),
                        "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_store_setup, unit_store_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(new_markdown_article),
        T(new_text_article_and_wished_slug),
        T(taken_slug_gets_next_free),
        T(update_keeps_slug_and_date),
        T(new_article_date_keep_is_now),
        T(update_that_moves_leaves_redirects),
        T(refusals_write_nothing),
        T(related_stories_are_updated),
        T(hash_is_blake2b_256_hex),
    };
    return cmocka_run_group_tests_name("publish", tests, NULL, NULL);
}
