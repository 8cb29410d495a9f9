/*
** test_related.c — related stories: the terms and the score (related.h),
** and the stored lists over a real SQLite file (store.h): content beats
** section, boosts break ties, drafts never appear, an update moves an
** article into and out of other lists, and the index stays exact
** (store_check; a delete behind the store's back: test_store_sqlite.c).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "related.h"
#include "store.h"
#include "unit.h"

enum { DAY = 86400 };
static const long long T0 = 1714554000;   /* 2024-05-01T09:00:00Z */

/* ---- terms ------------------------------------------------------------- */

static void test_stopwords_sorted_and_found(void **state) {
    (void)state;
    size_t n;
    const char *const *w = related_stopwords(&n);
    assert_true(n >= 30);
    for (size_t i = 1; i < n; i++) assert_true(strcmp(w[i - 1], w[i]) < 0);
    for (size_t i = 0; i < n; i++) assert_true(related_is_stopword(w[i]));
    assert_true(related_is_stopword("the"));
    assert_true(related_is_stopword("said"));
    assert_false(related_is_stopword("gaza"));
    assert_false(related_is_stopword("The"));     /* callers fold first */
}

/* The count of term in terms, or -1 when it is not there. */
static double count_of(const related_term *terms, size_t n, const char *term) {
    for (size_t i = 0; i < n; i++)
        if (!strcmp(terms[i].term, term)) return terms[i].count;
    return -1;
}

static void test_terms_fold_stem_and_drop(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    related_term *t;
    size_t n;
    err_t err;
    assert_int_equal(related_terms(&a, "Talks",
        "The talks: talking, TALKED! Netanyahu\xE2\x80\x99s 2024 plans; caf\xC3\xA9 "
        "CAF\xC3\x89 truce\xE2\x80\x94hostages U.S. \xCE\x91\xCE\x98\xCE\x97\xCE\x9D\xCE\x91",
        &t, &n, &err), 0);
    for (size_t i = 1; i < n; i++) assert_true(strcmp(t[i - 1].term, t[i].term) < 0);
    assert_true(fabs(count_of(t, n, "talk") - (RELATED_TITLE_WEIGHT + 3)) < 1e-9);
    assert_true(count_of(t, n, "netanyahu") == 1);          /* ’s is possessive */
    assert_true(count_of(t, n, "plan") == 1);
    assert_true(count_of(t, n, "caf\xC3\xA9") == 2);        /* É folded */
    assert_true(count_of(t, n, "truce") == 1);              /* — separates */
    assert_true(count_of(t, n, "hostag") == 1);
    assert_true(count_of(t, n, "\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1") == 1);  /* αθηνα */
    assert_true(count_of(t, n, "the") < 0);
    assert_true(count_of(t, n, "2024") < 0);
    assert_true(count_of(t, n, "u") < 0 && count_of(t, n, "s") < 0);
    assert_true(count_of(t, n, "netanyahu\xE2\x80\x99") < 0);
    arena_free(&a);
}

/* Words are cut by word.h's rule and read through utf8.h: ʼ (U+02BC) is an
** apostrophe, not a letter; an emoji separates; so does a byte that starts
** no valid UTF-8 sequence (an overlong "A", an encoded surrogate), which
** never joins the letters around it into one word. */
static void test_terms_follow_the_word_rule(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    related_term *t;
    size_t n;
    err_t err;
    assert_int_equal(related_terms(&a, NULL,
        "Obama\xCA\xBCs storm\xF0\x9F\x8C\x80surge harbour\xC1\x81quay "
        "ferry\xED\xA0\x80" "dock \xC2\xBAmundo",
        &t, &n, &err), 0);
    assert_true(count_of(t, n, "obama") == 1);              /* ʼs is possessive */
    assert_true(count_of(t, n, "storm") == 1);
    assert_true(count_of(t, n, "surg") == 1);
    assert_true(count_of(t, n, "harbour") == 1);
    assert_true(count_of(t, n, "quay") == 1);
    assert_true(count_of(t, n, "ferri") == 1);
    assert_true(count_of(t, n, "dock") == 1);
    assert_true(count_of(t, n, "\xC2\xBAmundo") == 1);      /* º is a letter */
    assert_int_equal(n, 8);
    arena_free(&a);
}

static void test_terms_of_nothing(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    related_term *t;
    size_t n = 99;
    err_t err;
    assert_int_equal(related_terms(&a, NULL, "the of and 12 \xFF\xFE -- !", &t, &n, &err), 0);
    assert_int_equal(n, 0);
    arena_free(&a);
}

static void test_tf_idf(void **state) {
    (void)state;
    assert_true(related_tf(0) == 0);
    assert_true(fabs(related_tf(1) - 1) < 1e-12);
    assert_true(fabs(related_tf(M_E) - 2) < 1e-12);
    assert_true(fabs(related_idf(100, 1) - log(101)) < 1e-12);
    assert_true(related_idf(100, 1) > related_idf(100, 50));
    assert_true(related_idf(1, 0) > 0);          /* df < 1 read as 1 */
}

/* ---- the score ------------------------------------------------------------ */

static related_doc doc(related_component *c, size_t n, long long section,
                       long long *tags, size_t ntags, long long published) {
    related_doc d = {1, c, n, 0, section, tags, ntags, published};
    related_doc_norm(&d);
    return d;
}

static void test_cosine_and_symmetry(void **state) {
    (void)state;
    related_component x[] = {{1, 1, 2}, {2, 2, 2}, {5, 3, 2}};
    related_component y[] = {{2, 2, 2}, {3, 1, 2}, {5, 3, 2}};
    related_component z[] = {{7, 1, 2}};
    long long ta[] = {1, 4, 9}, tb[] = {4, 9, 12};
    related_doc a = doc(x, 3, 3, ta, 3, T0), b = doc(y, 3, 3, tb, 2, T0 + 40 * DAY);
    related_doc c = doc(z, 1, 0, NULL, 0, T0);
    assert_true(fabs(related_cosine(&a, &a) - 1) < 1e-12);
    assert_true(fabs(related_cosine(&a, &b) - 13.0 / 14.0) < 1e-12);
    assert_true(related_cosine(&a, &c) == 0);
    assert_true(related_score(&a, &c) == 0);      /* boosts never lift 0 */
    assert_true(related_score(&a, &b) == related_score(&b, &a));
    /* 2 shared tags, same section, 40 days apart */
    double boost = 1 + RELATED_TAG_BOOST * 2 / 3 + RELATED_SECTION_BOOST +
                   RELATED_TIME_BOOST * exp2(-40.0 / 30.0);
    assert_true(fabs(related_boost(&a, &b) - boost) < 1e-12);
    related_doc empty = doc(NULL, 0, 0, NULL, 0, T0);
    assert_true(related_cosine(&a, &empty) == 0);
}

static void test_boosts_each_count(void **state) {
    (void)state;
    related_component x[] = {{1, 1, 2}};
    long long t1[] = {1, 2, 3, 4, 5}, t2[] = {1, 2, 3, 4, 5};
    related_doc a = doc(x, 1, 0, NULL, 0, T0), b = doc(x, 1, 0, NULL, 0, T0 + 3650LL * DAY);
    double base = related_boost(&a, &b);
    assert_true(base >= 1 && base < 1.0001);
    b.section_id = a.section_id = 7;
    assert_true(fabs(related_boost(&a, &b) - base - RELATED_SECTION_BOOST) < 1e-12);
    a.section_id = 0, b.section_id = 0;          /* "no section" is not shared */
    assert_true(fabs(related_boost(&a, &b) - base) < 1e-12);
    a.tags = t1, a.ntags = 5, b.tags = t2, b.ntags = 5;  /* capped at 3 */
    assert_true(fabs(related_boost(&a, &b) - base - RELATED_TAG_BOOST) < 1e-12);
    a.ntags = b.ntags = 0;
    b.published = T0 + 30 * DAY;                 /* one half-life */
    assert_true(fabs(related_boost(&a, &b) - 1 - RELATED_TIME_BOOST / 2) < 1e-12);
    b.published = T0 - 30 * DAY;                 /* either way */
    assert_true(fabs(related_boost(&a, &b) - 1 - RELATED_TIME_BOOST / 2) < 1e-12);
}

static void test_pool(void **state) {
    (void)state;
    arena_t a = ARENA_INIT;
    related_pool p = RELATED_POOL_INIT;
    for (long long id = 1; id <= 1000; id++) related_pool_add(&a, &p, id, (double)(id % 10));
    related_pool_add(&a, &p, 500, 100);
    related_pool_add(&a, &p, 0, 1000);           /* ignored */
    assert_int_equal(p.count, 1000);
    related_candidate *top;
    size_t n = related_pool_top(&a, &p, 3, &top);
    assert_int_equal(n, 3);
    assert_int_equal(top[0].id, 500);
    assert_true(top[0].score == 100);
    assert_int_equal(top[1].id, 999);            /* 9 points; higher id first */
    assert_int_equal(top[2].id, 989);
    related_pool empty = RELATED_POOL_INIT;
    assert_int_equal(related_pool_top(&a, &empty, 5, &top), 0);
    arena_free(&a);
}

/* ---- the store ------------------------------------------------------------ */

/* A store in a temporary directory: unit_store_setup/teardown (unit.h). */
typedef unit_store fixture;

typedef struct story {
    const char *slug, *title, *body, *section;
    const char *tags[4];
    long long published;
    store_status status;
} story;

/* Save st (updating the article with its slug, if any) and update the
** related index, as an import does; its id. */
static long long put(fixture *f, story st) {
    size_t ntags = 0;
    while (ntags < 4 && st.tags[ntags]) ntags++;
    store_article a = {
        .slug = st.slug, .title = st.title, .body = st.body, .body_html = "",
        .body_text = st.body, .section = st.section, .author = "Staff",
        .tags = st.tags, .ntags = ntags,
        .published = st.published ? st.published : T0, .status = st.status,
    };
    store_article_saved saved;
    store_article *old;
    err_t err;
    assert_int_equal(store_article_by_slug(f->store, &f->arena, st.slug, &old, &err), 0);
    a.id = old ? old->id : 0;
    assert_int_equal(store_article_put(f->store, &f->arena, &a, &saved, &err), 0);
    if (store_related_update(f->store, saved.id, &err)) fail_msg("%s", err.msg);
    return saved.id;
}

/* The stored list of id (up to 16), as ids; *n of them. */
static long long *list_of(fixture *f, long long id, size_t *n) {
    static long long ids[STORE_RELATED_MAX];
    store_article key = {.id = id}, **rows;
    err_t err;
    assert_int_equal(store_articles_related(f->store, &f->arena, &key,
                                            STORE_RELATED_MAX, &rows, n, &err), 0);
    for (size_t i = 0; i < *n; i++) ids[i] = rows[i]->id;
    return ids;
}

/* The rank (1-based) of other in id's list, 0 when absent. */
static size_t rank_of(fixture *f, long long id, long long other) {
    size_t n;
    long long *ids = list_of(f, id, &n);
    for (size_t i = 0; i < n; i++)
        if (ids[i] == other) return i + 1;
    return 0;
}

/* Check that the related index agrees with the articles: document
** frequencies and the count of indexed articles exact, no list naming a
** draft or itself (store_check). */
static void assert_index_consistent(fixture *f) {
    err_t err;
    if (store_check(f->store, &err)) fail_msg("inconsistent: %s", err.msg);
}

#define SPORT1 "The striker scored twice in the second half as the league leaders won away from home, extending their lead at the top of the table. The coach praised the defence and the goalkeeper."
#define SPORT2 "The coach praised his defence after the league leaders kept another clean sheet. The goalkeeper made three saves and the striker hit the post before the winning goal."
#define SPORT3 "A late goal from the striker kept the league title race alive. The leaders dropped points at home, and the coach said the defence and the goalkeeper had let the team down."
#define POLITICS1 "Lawmakers in parliament voted on the budget after a long debate over taxes and spending. The opposition party accused the finance minister of hiding the deficit from voters."
#define POLITICS2 "The finance minister defended the tax plan in parliament as the opposition party demanded a vote on the budget deficit and public spending before the election."
#define POLITICS3 "The prime minister faces a confidence vote in parliament after the opposition party attacked the budget and the finance minister's spending cuts ahead of the election."

/* Sport relates to sport: every sports story outranks every political
** one, even one in the same section (politics filed under "Sport"). */
static void test_content_beats_section(void **state) {
    fixture *f = *state;
    long long s1 = put(f, (story){"s1", "League leaders win away", SPORT1, "Sport", {0}, T0, STORE_PUBLISH});
    long long s2 = put(f, (story){"s2", "Clean sheet for the leaders", SPORT2, "Sport", {0}, T0, STORE_PUBLISH});
    long long p1 = put(f, (story){"p1", "Budget passes parliament", POLITICS1, "Sport", {0}, T0, STORE_PUBLISH});
    long long p2 = put(f, (story){"p2", "Minister defends tax plan", POLITICS2, "Politics", {0}, T0, STORE_PUBLISH});
    long long s3 = put(f, (story){"s3", "Late goal keeps title race alive", SPORT3, "Sport", {0}, T0, STORE_PUBLISH});
    long long p3 = put(f, (story){"p3", "Prime minister faces confidence vote", POLITICS3, "Politics", {0}, T0, STORE_PUBLISH});
    size_t r1 = rank_of(f, s3, s1), r2 = rank_of(f, s3, s2);
    assert_true(r1 > 0 && r2 > 0);
    size_t rp = rank_of(f, s3, p1);
    assert_true(rp == 0 || rp > r1);
    assert_true(rp == 0 || rp > r2);
    assert_true(rank_of(f, p3, p1) > 0 && rank_of(f, p3, p2) > 0);
    assert_int_equal(rank_of(f, p3, s1) == 0 || rank_of(f, p3, s1) > rank_of(f, p3, p2), 1);
    /* the Check Also story is the stored first one */
    store_article key = {.id = s3}, *check;
    err_t err;
    assert_int_equal(store_article_related(f->store, &f->arena, &key, &check, &err), 0);
    assert_non_null(check);
    size_t n;
    long long *ids = list_of(f, s3, &n);
    assert_int_equal(check->id, ids[0]);
    assert_true(check->id == s1 || check->id == s2);
    assert_non_null(check->body_html);       /* a whole article, with tags */
    (void)p2;
    assert_index_consistent(f);
}

#define BRIDGE "Engineers began repairs on the old harbour bridge, closing two lanes to traffic for the summer while divers inspect the piers."
#define BRIDGE2 "Repairs on the old harbour bridge were delayed by storms; engineers said divers found cracks in two piers and traffic will stay in one lane."

/* Two candidates saying the same thing: the shared tag wins (the winner
** is saved first, so a tie-break by newer id cannot explain it). */
static void test_tag_boost_breaks_tie(void **state) {
    fixture *f = *state;
    long long tagged = put(f, (story){"c1", "Harbour bridge repairs delayed", BRIDGE2, "City", {"Bridges"}, T0, STORE_PUBLISH});
    long long plain = put(f, (story){"c2", "Harbour bridge repairs delayed", BRIDGE2, "City", {"Storms"}, T0, STORE_PUBLISH});
    long long a = put(f, (story){"a", "Harbour bridge repairs begin", BRIDGE, "City", {"Bridges"}, T0, STORE_PUBLISH});
    assert_int_equal(rank_of(f, a, tagged), 1);
    assert_int_equal(rank_of(f, a, plain), 2);
    assert_index_consistent(f);
}

static void test_section_boost_breaks_tie(void **state) {
    fixture *f = *state;
    long long same = put(f, (story){"c1", "Harbour bridge repairs delayed", BRIDGE2, "City", {0}, T0, STORE_PUBLISH});
    long long other = put(f, (story){"c2", "Harbour bridge repairs delayed", BRIDGE2, "Travel", {0}, T0, STORE_PUBLISH});
    long long a = put(f, (story){"a", "Harbour bridge repairs begin", BRIDGE, "City", {0}, T0, STORE_PUBLISH});
    assert_int_equal(rank_of(f, a, same), 1);
    assert_int_equal(rank_of(f, a, other), 2);
}

/* Nearness in time: the story of the same week beats one of last year. */
static void test_recency_boost_breaks_tie(void **state) {
    fixture *f = *state;
    long long near = put(f, (story){"c1", "Harbour bridge repairs delayed", BRIDGE2, "City", {0}, T0 + 2 * DAY, STORE_PUBLISH});
    long long far = put(f, (story){"c2", "Harbour bridge repairs delayed", BRIDGE2, "City", {0}, T0 - 300 * DAY, STORE_PUBLISH});
    long long a = put(f, (story){"a", "Harbour bridge repairs begin", BRIDGE, "City", {0}, T0, STORE_PUBLISH});
    assert_int_equal(rank_of(f, a, near), 1);
    assert_int_equal(rank_of(f, a, far), 2);
    /* and a entered the candidates' lists, after their identical twin */
    assert_int_equal(rank_of(f, near, far), 1);
    assert_int_equal(rank_of(f, near, a), 2);
    assert_int_equal(rank_of(f, far, a), 2);
}

/* A draft never appears, and leaves the lists when unpublished. */
static void test_drafts_never_appear(void **state) {
    fixture *f = *state;
    long long a = put(f, (story){"a", "Harbour bridge repairs begin", BRIDGE, "City", {0}, T0, STORE_PUBLISH});
    long long other = put(f, (story){"o", "Storm delays harbour works", BRIDGE2, "City", {0}, T0, STORE_PUBLISH});
    long long draft = put(f, (story){"d", "Harbour bridge repairs begin", BRIDGE, "City", {0}, T0, STORE_DRAFT});
    assert_int_equal(rank_of(f, a, draft), 0);
    assert_int_equal(rank_of(f, other, draft), 0);
    size_t n;
    list_of(f, draft, &n);
    assert_int_equal(n, 0);
    /* published, it is the best match of a (the same words) */
    put(f, (story){"d", "Harbour bridge repairs begin", BRIDGE, "City", {0}, T0, STORE_PUBLISH});
    assert_int_equal(rank_of(f, a, draft), 1);
    assert_int_equal(rank_of(f, other, draft) > 0, 1);
    /* back to a draft: gone from every list, and a's list refilled */
    put(f, (story){"d", "Harbour bridge repairs begin", BRIDGE, "City", {0}, T0, STORE_DRAFT});
    assert_int_equal(rank_of(f, a, draft), 0);
    assert_int_equal(rank_of(f, other, draft), 0);
    assert_int_equal(rank_of(f, a, other), 1);
    store_article key = {.id = a}, *check;
    err_t err;
    assert_int_equal(store_article_related(f->store, &f->arena, &key, &check, &err), 0);
    assert_int_equal(check->id, other);
    assert_index_consistent(f);
}

/* Rewriting a story moves it out of the lists of its old topic and into
** those of its new one. */
static void test_update_moves_between_lists(void **state) {
    fixture *f = *state;
    long long s1 = put(f, (story){"s1", "League leaders win away", SPORT1, "News", {0}, T0, STORE_PUBLISH});
    long long s2 = put(f, (story){"s2", "Clean sheet for the leaders", SPORT2, "News", {0}, T0, STORE_PUBLISH});
    long long p1 = put(f, (story){"p1", "Budget passes parliament", POLITICS1, "News", {0}, T0, STORE_PUBLISH});
    long long p2 = put(f, (story){"p2", "Minister defends tax plan", POLITICS2, "News", {0}, T0, STORE_PUBLISH});
    long long x = put(f, (story){"x", "Late goal keeps title race alive", SPORT3, "News", {0}, T0, STORE_PUBLISH});
    size_t rx = rank_of(f, s1, x), rp = rank_of(f, s1, p1);
    assert_true(rx > 0 && (rp == 0 || rx < rp));
    assert_true(rank_of(f, s2, x) > 0);
    size_t before = rank_of(f, p1, x);
    /* the same slug, now about the budget */
    put(f, (story){"x", "Prime minister faces confidence vote", POLITICS3, "News", {0}, T0, STORE_PUBLISH});
    assert_int_equal(rank_of(f, s1, x), 0);
    assert_int_equal(rank_of(f, s2, x), 0);
    assert_true(rank_of(f, p1, x) > 0);
    assert_true(rank_of(f, p2, x) > 0);
    assert_true(before == 0 || rank_of(f, p1, x) < before);
    size_t n;
    long long *ids = list_of(f, x, &n);
    assert_true(n > 0);
    assert_true(ids[0] == p1 || ids[0] == p2);
    assert_index_consistent(f);
}

/* Nothing stored: the Check Also story comes from the tag rule, and the
** list is empty. */
static void test_fallback_when_nothing_stored(void **state) {
    fixture *f = *state;
    const char *tags[] = {"Gaza"};
    store_article a = {.slug = "a", .title = "Alpha", .body_text = "alpha words",
                       .body = "", .body_html = "", .tags = tags, .ntags = 1,
                       .published = T0, .status = STORE_PUBLISH};
    store_article b = a;
    b.slug = "b", b.title = "Beta", b.body_text = "unrelated prose";
    store_article_saved saved;
    err_t err;
    assert_int_equal(store_article_put(f->store, &f->arena, &a, &saved, &err), 0);
    long long ida = saved.id;
    assert_int_equal(store_article_put(f->store, &f->arena, &b, &saved, &err), 0);
    long long idb = saved.id;
    store_article key = {.id = ida}, *check;
    assert_int_equal(store_article_related(f->store, &f->arena, &key, &check, &err), 0);
    assert_non_null(check);
    assert_int_equal(check->id, idb);
    size_t n;
    list_of(f, ida, &n);
    assert_int_equal(n, 0);
}

/* Many articles: every list bounded, consistent, and self-free. */
static void test_many_articles_bounded(void **state) {
    fixture *f = *state;
    static const char *const words[] = {"river", "flood", "bridge", "harbour", "storm",
                                        "budget", "tax", "minister", "league", "goal"};
    char slug[32], title[64], body[512];
    long long last = 0;
    for (int i = 0; i < 60; i++) {
        snprintf(slug, sizeof slug, "n%d", i);
        snprintf(title, sizeof title, "%s %s report", words[i % 10], words[(i * 3) % 10]);
        snprintf(body, sizeof body, "The %s and the %s were in the news again, with the %s "
                 "close behind, number %d.", words[i % 10], words[(i + 1) % 10],
                 words[(i * 7) % 10], i);
        last = put(f, (story){slug, title, body, i % 2 ? "Odd" : "Even", {0}, T0 + i * DAY, STORE_PUBLISH});
    }
    size_t n;
    long long *ids = list_of(f, last, &n);
    assert_true(n > 0 && n <= STORE_RELATED_MAX);
    for (size_t i = 0; i < n; i++) assert_true(ids[i] != last);
    assert_index_consistent(f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stopwords_sorted_and_found),
        cmocka_unit_test(test_terms_fold_stem_and_drop),
        cmocka_unit_test(test_terms_of_nothing),
        cmocka_unit_test(test_terms_follow_the_word_rule),
        cmocka_unit_test(test_tf_idf),
        cmocka_unit_test(test_cosine_and_symmetry),
        cmocka_unit_test(test_boosts_each_count),
        cmocka_unit_test(test_pool),
        cmocka_unit_test_setup_teardown(test_content_beats_section, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_tag_boost_breaks_tie, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_section_boost_breaks_tie, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_recency_boost_breaks_tie, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_drafts_never_appear, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_update_moves_between_lists, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_fallback_when_nothing_stored, unit_store_setup, unit_store_teardown),
        cmocka_unit_test_setup_teardown(test_many_articles_bounded, unit_store_setup, unit_store_teardown),
    };
    return cmocka_run_group_tests_name("related", tests, NULL, NULL);
}
