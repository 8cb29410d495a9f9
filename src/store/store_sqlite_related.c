/*
** store_sqlite_related.c — related stories in the SQLite store: the term
** index, the stored lists, and their upkeep when an article is saved.
**
** Design.  The score is related.c's (TF-IDF cosine with tag, section and
** time boosts); this file keeps what it needs so that a page only reads a
** finished list and a publish never scans every article.  The tables
** (migration 4 of store_sqlite.c):
**
**   term_stats(id, term, df)        every stem ever seen; df = how many
**                                   indexed (published) articles hold it
**   related_totals(docs)            how many articles are indexed: the N
**                                   of the idf
**   related_docs(article_id, section_id, published, tags, terms)
**                                   an indexed article: what the boosts
**                                   need, and the JSON array of the ids of
**                                   ALL its terms, so that triggers can
**                                   keep df and docs exact when the row is
**                                   inserted or deleted (also by cascade,
**                                   when the article is deleted)
**   article_terms(article_id, term_id, tf, weight)
**                                   its RELATED_TERMS_KEPT heaviest terms:
**                                   tf for exact scores (idf is applied
**                                   when scoring, from today's df), weight
**                                   = tf·idf/|v| at indexing, which orders
**                                   the inverted index article_terms_by_term
**   related(article_id, related_id, score)
**                                   the finished lists, STORE_RELATED_MAX
**                                   long, ranked by score (ties: the newer
**                                   id) when read; no rank column, so that
**                                   a story entering a list is one row
**                                   written (and one evicted), not the
**                                   list renumbered; related_by_related
**                                   finds the lists an article is in
**
** store_related_update(A), in one transaction:
**   1. A leaves every list (holders H = the lists it was in) and the
**      index; its own list is cleared.
**   2. If A is published and has terms: index it, then gather candidates
**      from the inverted index — its RELATED_QUERY_TERMS heaviest terms
**      held by another article, for each the RELATED_POSTINGS articles
**      where that term weighs most, summing weight products (a partial
**      dot product) — and score the best RELATED_CANDIDATES exactly.
**      That is at most 16 × 64 index entries and 40 vectors of 64 terms
**      read, whatever the size of the site.
**   3. A's list is the best STORE_RELATED_MAX scored candidates.
**   4. A enters the list of every scored candidate it now beats (the
**      score is symmetric, so no new computation): one row inserted, and
**      the list's last one deleted when it was full.
**   5. Every holder that was not a candidate: A is scored against it and
**      merged back when related enough; otherwise (or when A is now a
**      draft) the holder's list is recomputed from the index, at most
**      RELATED_REFILLS of them a publish (the others keep a list one
**      shorter until their next update).
** Lists of articles that A should enter but that share none of A's query
** terms' top postings are not touched: the bound is what keeps a publish
** at 100,000 articles fast, and such articles are the least related.
**
** Statements live in extra[STORE_SLOTS_RELATED ...+15], prepared on
** first use; every value is a bound parameter.
*/
#include "store_sqlite.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "related.h"
#include "vec.h"

/* Candidate generation bounds; see the file comment. */
enum {
    RELATED_QUERY_TERMS = 16,
    RELATED_POSTINGS = 64,
    RELATED_CANDIDATES = 40,
    RELATED_REFILLS = 32,
    RELATED_HOLDERS_MAX = 256,
};

enum {
    SLOT_BEGIN = STORE_SLOTS_RELATED,
    SLOT_COMMIT,
    SLOT_ROLLBACK,
    SLOT_ARTICLE,
    SLOT_UNLINK,
    SLOT_LIST_DELETE,
    SLOT_DOC_DELETE,
    SLOT_TERM_UPSERT,
    SLOT_DOC_PUT,
    SLOT_TERM_PUT,
    SLOT_VECTOR,
    SLOT_POSTINGS,
    SLOT_LIST_GET,
    SLOT_LIST_PUT,
    SLOT_LIST_ARTICLES,
    SLOT_END,
};

_Static_assert(SLOT_END <= STORE_SLOTS_RELATED + 16, "related: more statements than slots");

static const char *const slot_sql[SLOT_END - STORE_SLOTS_RELATED] = {
    [SLOT_BEGIN - STORE_SLOTS_RELATED] = "BEGIN IMMEDIATE",
    [SLOT_COMMIT - STORE_SLOTS_RELATED] = "COMMIT",
    [SLOT_ROLLBACK - STORE_SLOTS_RELATED] = "ROLLBACK",
    [SLOT_ARTICLE - STORE_SLOTS_RELATED] =
        "SELECT a.title, a.body_text, a.status, coalesce(a.section_id, 0),"
        " a.published, (SELECT group_concat(tag_id) FROM article_tags"
        "   WHERE article_id = a.id)"
        " FROM articles a WHERE a.id = ?1",
    [SLOT_UNLINK - STORE_SLOTS_RELATED] =
        "DELETE FROM related WHERE related_id = ?1 RETURNING article_id",
    [SLOT_LIST_DELETE - STORE_SLOTS_RELATED] =
        "DELETE FROM related WHERE article_id = ?1"
        " AND (?2 IS NULL OR related_id = ?2)",
    [SLOT_DOC_DELETE - STORE_SLOTS_RELATED] =
        "DELETE FROM related_docs WHERE article_id = ?1",
    [SLOT_TERM_UPSERT - STORE_SLOTS_RELATED] =
        "INSERT INTO term_stats(term, df) VALUES(?1, 0)"
        " ON CONFLICT(term) DO UPDATE SET df = df"
        " RETURNING id, df, (SELECT docs FROM related_totals WHERE id = 1)",
    [SLOT_DOC_PUT - STORE_SLOTS_RELATED] =
        "INSERT INTO related_docs(article_id, section_id, published, tags, terms)"
        " VALUES(?1, ?2, ?3, ?4, ?5)",
    [SLOT_TERM_PUT - STORE_SLOTS_RELATED] =
        "INSERT INTO article_terms(article_id, term_id, tf, weight)"
        " VALUES(?1, ?2, ?3, ?4)",
    [SLOT_VECTOR - STORE_SLOTS_RELATED] =
        "SELECT d.section_id, d.published, d.tags,"
        " (SELECT docs FROM related_totals WHERE id = 1), t.term_id, t.tf, s.df"
        " FROM related_docs d JOIN article_terms t ON t.article_id = d.article_id"
        " JOIN term_stats s ON s.id = t.term_id"
        " WHERE d.article_id = ?1 ORDER BY t.term_id",
    [SLOT_POSTINGS - STORE_SLOTS_RELATED] =
        "SELECT article_id, weight FROM article_terms WHERE term_id = ?1"
        " ORDER BY weight DESC, article_id DESC LIMIT ?2",
    [SLOT_LIST_GET - STORE_SLOTS_RELATED] =
        "SELECT related_id, score FROM related WHERE article_id = ?1"
        " ORDER BY score DESC, related_id DESC",
    [SLOT_LIST_PUT - STORE_SLOTS_RELATED] =
        "INSERT INTO related(article_id, related_id, score) VALUES(?1, ?2, ?3)"
        " ON CONFLICT(article_id, related_id) DO UPDATE SET score = excluded.score",
    [SLOT_LIST_ARTICLES - STORE_SLOTS_RELATED] =
        "SELECT " ARTICLE_COLS ARTICLE_FROM
        " JOIN related r ON r.related_id = a.id"
        " WHERE r.article_id = ?1 AND a.status = 1 AND a.published <= " STORE_SQLITE_NOW
        " ORDER BY r.score DESC, r.related_id DESC LIMIT ?2",
};

/* The statement of slot, prepared on first use, reset and unbound. */
static sqlite3_stmt *stmt(store_sqlite *s, int slot, err_t *err) {
    return store_sqlite_prepare(s, slot, slot_sql[slot - STORE_SLOTS_RELATED], err);
}

/* Run the statement of slot with id as its only parameter. */
static int run_with_id(store_sqlite *s, int slot, long long id, err_t *err,
                       const char *doing) {
    sqlite3_stmt *st = stmt(s, slot, err);
    if (st == NULL) return -1;
    sqlite3_bind_int64(st, 1, id);
    return store_sqlite_run(s, st, err, doing);
}

/* ---- reading vectors and lists ---------------------------------------- */

/* Parse "3,12,7" (NULL or "" for none) into a sorted, distinct id array. */
static void parse_ids(arena_t *a, const char *text, long long **out, size_t *n) {
    *out = NULL;
    *n = 0;
    if (text == NULL || *text == '\0') return;
    size_t cap = 1;
    for (const char *p = text; *p; p++) cap += *p == ',';
    long long *ids = arena_alloc(a, cap * sizeof *ids);
    size_t k = 0;
    for (const char *p = text; *p;) {
        char *end;
        long long v = strtoll(p, &end, 10);
        if (end == p) break;
        if (k < cap) ids[k++] = v;
        p = *end == ',' ? end + 1 : end;
    }
    for (size_t i = 1; i < k; i++)          /* insertion sort: a few tags */
        for (size_t j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
            long long t = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = t;
        }
    size_t m = 0;
    for (size_t i = 0; i < k; i++)
        if (m == 0 || ids[m - 1] != ids[i]) ids[m++] = ids[i];
    *out = ids;
    *n = m;
}

/* The indexed article id as the score sees it, weights from today's df
** and docs; *out = NULL when it is not indexed (a draft, no terms). */
static int doc_load(store_sqlite *s, arena_t *a, long long id, related_doc **out,
                    err_t *err) {
    *out = NULL;
    sqlite3_stmt *st = stmt(s, SLOT_VECTOR, err);
    if (st == NULL) return -1;
    sqlite3_bind_int64(st, 1, id);
    related_doc *d = NULL;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (d == NULL) {
            d = arena_calloc(a, sizeof *d);
            d->id = id;
            d->section_id = sqlite3_column_int64(st, 0);
            d->published = sqlite3_column_int64(st, 1);
            parse_ids(a, (const char *)sqlite3_column_text(st, 2), &d->tags, &d->ntags);
            /* room for a whole stored vector at once */
            d->terms = vec_grow_arena(a, NULL, 0, &cap, RELATED_TERMS_KEPT,
                                      sizeof *d->terms);
        }
        d->terms = vec_grow_arena(a, d->terms, d->nterms, &cap, d->nterms + 1,
                                  sizeof *d->terms);
        long long docs = sqlite3_column_int64(st, 3);
        related_component *c = &d->terms[d->nterms++];
        c->term_id = sqlite3_column_int64(st, 4);
        c->df = sqlite3_column_int64(st, 6);
        c->weight = sqlite3_column_double(st, 5) * related_idf(docs, c->df);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return store_sqlite_error(s, err, "reading a term vector");
    if (d) related_doc_norm(d);
    *out = d;
    return 0;
}

/* A stored list: related ids and their scores, best first. */
typedef struct stored_list {
    related_candidate items[STORE_RELATED_MAX];
    size_t n;
} stored_list;

/* id's stored list into *l, best first (l->n = 0 when there is none). */
static int list_get(store_sqlite *s, long long id, stored_list *l, err_t *err) {
    l->n = 0;
    sqlite3_stmt *st = stmt(s, SLOT_LIST_GET, err);
    if (st == NULL) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (l->n == STORE_RELATED_MAX) continue;   /* never more are written */
        l->items[l->n].id = sqlite3_column_int64(st, 0);
        l->items[l->n].score = sqlite3_column_double(st, 1);
        l->n++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_sqlite_error(s, err, "reading a related list");
}

/* Delete related_id from id's list, or the whole list when related_id is 0. */
static int list_delete(store_sqlite *s, long long id, long long related_id, err_t *err) {
    sqlite3_stmt *st = stmt(s, SLOT_LIST_DELETE, err);
    if (st == NULL) return -1;
    sqlite3_bind_int64(st, 1, id);
    if (related_id) sqlite3_bind_int64(st, 2, related_id);
    return store_sqlite_run(s, st, err, "deleting from a related list");
}

/* Add related_id with score to id's list (or set its score there). */
static int list_insert(store_sqlite *s, long long id, long long related_id,
                       double score, err_t *err) {
    sqlite3_stmt *st = stmt(s, SLOT_LIST_PUT, err);
    if (st == NULL) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, related_id);
    sqlite3_bind_double(st, 3, score);
    return store_sqlite_run(s, st, err, "saving a related list");
}

/* Replace id's list with the first n (at most STORE_RELATED_MAX) of c. */
static int list_put(store_sqlite *s, long long id, const related_candidate *c,
                    size_t n, err_t *err) {
    if (list_delete(s, id, 0, err)) return -1;
    if (n > STORE_RELATED_MAX) n = STORE_RELATED_MAX;
    for (size_t i = 0; i < n; i++)
        if (list_insert(s, id, c[i].id, c[i].score, err)) return -1;
    return 0;
}

/* ---- candidates and scores --------------------------------------------- */

/* qsort order of vector components: heaviest first, then by term id. */
static int compare_weight(const void *x, const void *y) {
    const related_component *a = x, *b = y;
    if (a->weight != b->weight) return a->weight > b->weight ? -1 : 1;
    return a->term_id < b->term_id ? -1 : a->term_id > b->term_id;
}

/* The articles most likely related to d, from the inverted index (see the
** file comment), at most RELATED_CANDIDATES, with partial scores. */
static int candidates(store_sqlite *s, arena_t *a, const related_doc *d,
                      related_candidate **out, size_t *n, err_t *err) {
    *n = 0;
    related_component *q = arena_alloc(a, (d->nterms ? d->nterms : 1) * sizeof *q);
    if (d->nterms) memcpy(q, d->terms, d->nterms * sizeof *q);
    qsort(q, d->nterms, sizeof *q, compare_weight);
    related_pool pool = RELATED_POOL_INIT;
    size_t used = 0;
    for (size_t i = 0; i < d->nterms && used < RELATED_QUERY_TERMS; i++) {
        if (q[i].df < 2) continue;        /* only d holds it: no postings */
        used++;
        sqlite3_stmt *st = stmt(s, SLOT_POSTINGS, err);
        if (st == NULL) return -1;
        sqlite3_bind_int64(st, 1, q[i].term_id);
        sqlite3_bind_int(st, 2, RELATED_POSTINGS);
        double qw = q[i].weight / d->norm;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            long long other = sqlite3_column_int64(st, 0);
            if (other != d->id)
                related_pool_add(a, &pool, other, qw * sqlite3_column_double(st, 1));
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) return store_sqlite_error(s, err, "reading the term index");
    }
    *n = related_pool_top(a, &pool, RELATED_CANDIDATES, out);
    return 0;
}

/* d's candidates scored exactly, those at RELATED_MIN_SCORE or more, best
** first, into *out. */
static int scored_candidates(store_sqlite *s, arena_t *a, const related_doc *d,
                             related_candidate **out, size_t *n, err_t *err) {
    related_candidate *c;
    size_t nc;
    *n = 0;
    if (candidates(s, a, d, &c, &nc, err)) return -1;
    *out = arena_alloc(a, (nc ? nc : 1) * sizeof **out);
    for (size_t i = 0; i < nc; i++) {
        related_doc *other;
        if (doc_load(s, a, c[i].id, &other, err)) return -1;
        double score = other ? related_score(d, other) : 0;
        if (score >= RELATED_MIN_SCORE) (*out)[(*n)++] = (related_candidate){c[i].id, score};
    }
    related_candidates_sort(*out, *n);
    return 0;
}

/* Recompute the list of article id from the index (cleared when id is
** not indexed). */
static int list_recompute(store_sqlite *s, arena_t *a, long long id, err_t *err) {
    related_doc *d;
    related_candidate *list = NULL;
    size_t n = 0;
    if (doc_load(s, a, id, &d, err)) return -1;
    if (d && scored_candidates(s, a, d, &list, &n, err)) return -1;
    return list_put(s, id, list, n, err);
}

/* Put newcomer (in no list: just unlinked) with score into holder's
** list when it ranks among the best STORE_RELATED_MAX, evicting the last
** one of a full list; leave the list alone otherwise. */
static int list_merge(store_sqlite *s, long long holder, long long newcomer,
                      double score, err_t *err) {
    stored_list l;
    if (list_get(s, holder, &l, err)) return -1;
    if (l.n >= STORE_RELATED_MAX) {
        related_candidate last = l.items[STORE_RELATED_MAX - 1];
        related_candidate mine = {newcomer, score};
        related_candidate pair[2] = {last, mine};
        related_candidates_sort(pair, 2);
        if (pair[0].id != newcomer) return 0;     /* not good enough */
        if (list_delete(s, holder, last.id, err)) return -1;
    }
    return list_insert(s, holder, newcomer, score, err);
}

/* ---- indexing ----------------------------------------------------------- */

/* One term of the article being indexed. */
typedef struct indexed_term {
    long long term_id;
    double tf, weight;
} indexed_term;

/* qsort order of an article's terms: heaviest first, then by term id. */
static int compare_indexed(const void *x, const void *y) {
    const indexed_term *a = x, *b = y;
    if (a->weight != b->weight) return a->weight > b->weight ? -1 : 1;
    return a->term_id < b->term_id ? -1 : a->term_id > b->term_id;
}

/* Index article id (already out of the index): its terms counted into
** term_stats, its related_docs row, its kept terms.  *indexed is false
** when it is missing, a draft, or has no terms. */
static int index_article(store_sqlite *s, arena_t *a, long long id, bool *indexed,
                         err_t *err) {
    *indexed = false;
    sqlite3_stmt *st = stmt(s, SLOT_ARTICLE, err);
    if (st == NULL) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? 0 : store_sqlite_error(s, err, "reading an article");
    }
    const char *title = store_sqlite_text(a, st, 0);
    const char *body = store_sqlite_text(a, st, 1);
    bool published = sqlite3_column_int(st, 2) == 1;
    long long section_id = sqlite3_column_int64(st, 3);
    long long date = sqlite3_column_int64(st, 4);
    const char *tags = store_sqlite_text(a, st, 5);
    sqlite3_reset(st);
    related_term *terms;
    size_t n;
    if (!published) return 0;
    if (related_terms(a, title, body, &terms, &n, err)) return -1;
    if (n == 0) return 0;

    indexed_term *it = arena_alloc(a, n * sizeof *it);
    buf_t ids = BUF_INIT;
    buf_putc(&ids, '[');
    for (size_t i = 0; i < n; i++) {
        st = stmt(s, SLOT_TERM_UPSERT, err);
        if (st == NULL) goto fail;
        store_sqlite_bind_text(st, 1, terms[i].term);
        if (sqlite3_step(st) != SQLITE_ROW) {
            store_sqlite_error(s, err, "counting a term");
            sqlite3_reset(st);
            goto fail;
        }
        /* df and docs as they will be once this article's row is in */
        it[i].term_id = sqlite3_column_int64(st, 0);
        long long df = sqlite3_column_int64(st, 1) + 1;
        long long docs = sqlite3_column_int64(st, 2) + 1;
        sqlite3_reset(st);
        it[i].tf = related_tf(terms[i].count);
        it[i].weight = it[i].tf * related_idf(docs, df);
        buf_printf(&ids, "%s%lld", i ? "," : "", it[i].term_id);
    }
    buf_putc(&ids, ']');

    st = stmt(s, SLOT_DOC_PUT, err);
    if (st == NULL) goto fail;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, section_id);
    sqlite3_bind_int64(st, 3, date);
    store_sqlite_bind_text(st, 4, tags);
    sqlite3_bind_text(st, 5, ids.data, (int)ids.len, SQLITE_STATIC);
    rc = store_sqlite_run(s, st, err, "indexing an article");
    buf_free(&ids);
    if (rc) return -1;

    qsort(it, n, sizeof *it, compare_indexed);
    size_t kept = n < RELATED_TERMS_KEPT ? n : RELATED_TERMS_KEPT;
    double norm = 0;
    for (size_t i = 0; i < kept; i++) norm += it[i].weight * it[i].weight;
    norm = norm > 0 ? sqrt(norm) : 1;
    for (size_t i = 0; i < kept; i++) {
        st = stmt(s, SLOT_TERM_PUT, err);
        if (st == NULL) return -1;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, it[i].term_id);
        sqlite3_bind_double(st, 3, it[i].tf);
        sqlite3_bind_double(st, 4, it[i].weight / norm);
        if (store_sqlite_run(s, st, err, "indexing a term")) return -1;
    }
    *indexed = true;
    return 0;
fail:
    buf_free(&ids);
    return -1;
}

/* ---- the update ------------------------------------------------------------ */

/* Whether id is among the first n of c. */
static bool listed(const related_candidate *c, size_t n, long long id) {
    for (size_t i = 0; i < n; i++)
        if (c[i].id == id) return true;
    return false;
}

/* The lists id was in (at most RELATED_HOLDERS_MAX of them are returned;
** id leaves all of them). */
static int unlink_article(store_sqlite *s, arena_t *a, long long id,
                          long long **holders, size_t *n, err_t *err) {
    *n = 0;
    *holders = arena_alloc(a, RELATED_HOLDERS_MAX * sizeof **holders);
    sqlite3_stmt *st = stmt(s, SLOT_UNLINK, err);
    if (st == NULL) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (*n < RELATED_HOLDERS_MAX) (*holders)[(*n)++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_sqlite_error(s, err, "unlinking an article");
}

/* The whole update of the file comment, inside the caller's transaction. */
static int update_in_txn(store_sqlite *s, arena_t *a, long long id, err_t *err) {
    long long *holders;
    size_t nholders;
    bool indexed;
    if (unlink_article(s, a, id, &holders, &nholders, err) ||
        list_delete(s, id, 0, err) ||
        run_with_id(s, SLOT_DOC_DELETE, id, err, "unindexing an article") ||
        index_article(s, a, id, &indexed, err))
        return -1;

    related_doc *d = NULL;
    related_candidate *list = NULL;
    size_t n = 0;
    if (indexed) {
        if (doc_load(s, a, id, &d, err)) return -1;
        if (d && (scored_candidates(s, a, d, &list, &n, err) ||
            list_put(s, id, list, n, err)))
            return -1;
        for (size_t i = 0; i < n; i++)
            if (list_merge(s, list[i].id, id, list[i].score, err)) return -1;
    }
    int refills = 0;
    for (size_t i = 0; i < nholders; i++) {
        long long x = holders[i];
        if (d && listed(list, n, x)) continue;       /* merged above */
        if (d) {
            related_doc *other;
            if (doc_load(s, a, x, &other, err)) return -1;
            double score = other ? related_score(d, other) : 0;
            if (score >= RELATED_MIN_SCORE) {
                if (list_merge(s, x, id, score, err)) return -1;
                continue;
            }
        }
        if (refills++ < RELATED_REFILLS && list_recompute(s, a, x, err)) return -1;
    }
    return 0;
}

/* See store.h: update_in_txn between BEGIN IMMEDIATE and COMMIT; on any
** failure ROLLBACK, so the index is as it was before the call. */
int store_sqlite_related_update(store_t *base, long long id, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt(s, SLOT_BEGIN, err);
    if (st == NULL || store_sqlite_run(s, st, err, "beginning")) return -1;
    arena_t a = ARENA_INIT;
    int rc = update_in_txn(s, &a, id, err);
    arena_free(&a);
    if (rc == 0) {
        st = stmt(s, SLOT_COMMIT, err);
        rc = st ? store_sqlite_run(s, st, err, "committing related stories") : -1;
    }
    if (rc) {
        err_t ignored;
        st = stmt(s, SLOT_ROLLBACK, &ignored);
        if (st) store_sqlite_run(s, st, &ignored, "rolling back");
        return err_prefix(err, "updating related stories");
    }
    return 0;
}

/* See store.h: the stored list joined to the articles, published only
** (limit > 0: store.c answers 0 itself). */
int store_sqlite_articles_related(store_t *base, arena_t *arena, const store_article *a,
                                  size_t limit, store_article ***out, size_t *n,
                                  err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = stmt(s, SLOT_LIST_ARTICLES, err);
    if (st == NULL) return -1;
    sqlite3_bind_int64(st, 1, a->id);
    sqlite3_bind_int64(st, 2, (long long)limit);
    return store_sqlite_article_rows(s, arena, st, false, out, n, err);
}

/* ---- checking ------------------------------------------------------------ */

/* store_check's questions of the related tables: each counts the rows
** that disagree with the articles. */
static const store_sqlite_check checks[] = {
    {"a term's document frequency is wrong",
     "SELECT count(*) FROM term_stats t WHERE df <> (SELECT count(*)"
     " FROM related_docs d, json_each(d.terms) j WHERE j.value = t.id)"},
    {"the count of indexed articles is wrong",
     "SELECT (SELECT docs FROM related_totals) <> (SELECT count(*) FROM related_docs)"},
    {"a draft is in the related index",
     "SELECT count(*) FROM related_docs d JOIN articles a ON a.id = d.article_id"
     " WHERE a.status <> 1"},
    {"a related list names a draft or its own article",
     "SELECT count(*) FROM related r JOIN articles a ON a.id = r.related_id"
     " WHERE a.status <> 1 OR r.related_id = r.article_id"},
    {"terms are kept for an article out of the index",
     "SELECT count(*) FROM article_terms WHERE article_id NOT IN"
     " (SELECT article_id FROM related_docs)"},
    {"a related list is longer than STORE_RELATED_MAX",
     "SELECT count(*) FROM (SELECT 1 FROM related GROUP BY article_id"
     " HAVING count(*) > ?1)"},
};

int store_sqlite_related_check(store_sqlite *s, err_t *err) {
    return store_sqlite_checks(s, checks, sizeof checks / sizeof checks[0],
                               STORE_RELATED_MAX, "checking related stories", err);
}
