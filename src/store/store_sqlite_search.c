/*
** store_sqlite_search.c — search for the SQLite backend, over FTS5: the
** search entries of store_backend.h, under store_search and
** store_search_suggest (store.c, which keeps the rules: the empty query,
** marks in an article that holds marker characters, the spelling
** distance).
**
** The index.  Migration 3 made articles_fts, an external-content FTS5
** table over articles(title, body_text) with the unicode61 tokenizer
** (remove_diacritics 2: "café" is indexed as "cafe"), kept in step by
** triggers, so by the same transaction as every write.  Drafts are in it
** too, and scheduled articles; every reader here keeps only the public
** ones: status = 1 and a date not after the store's clock (store.h).
**
** Ranking.  "rank MATCH 'bm25(10.0, 1.0)'" sets the rank function for
** the one query (title ten times the body) and ORDER BY rank lets FTS5
** sort the matches itself: it scores every match but the join with
** articles, the snippets and the highlights are only computed for the
** rows of the page asked for; CROSS JOIN pins the full-text table as the
** outer loop (left to itself the planner may scan articles by status and
** run the MATCH once per row: 9.5 s instead of 5 ms for a prefix at 3,000
** articles).  The total is a separate count(*) that never reads an
** article row: it takes away the matches that are among the drafts and
** the scheduled articles, whose ids the index on (status, published)
** gives (few, and read from the index alone),
** instead of looking up the status of every match (at 100,000 articles,
** for a word in all of them: 20 ms instead of 150).
**
** Marks.  highlight() and gazette_snippet() (store_sqlite_snippet.c:
** FTS5's snippet() made from a bounded part of the text, since snippet()
** is quadratic in a row's matches) put STORE_SEARCH_MARK_OPEN/CLOSE
** (bound parameters) around each match; the page escapes the text and
** draws the marks, so no HTML is made here.
**
** The budget.  While a search's statements run on a connection with a
** search budget (store_search_budget), SQLite calls over_budget every
** BUDGET_OPS virtual-machine instructions, FTS5's own nested statements
** (its sorter for ORDER BY rank) included, and stops the statement with
** SQLITE_INTERRUPT once the deadline has passed; gazette_snippet looks at
** the deadline as it tokenizes.  A statement stopped so is not an error:
** the entry returns what it had read (budget_stopped), and the store says
** it ran out of time.  A stopped SELECT leaves the read transaction as it
** was (SQLite rolls back only a writing statement it interrupts).
**
** Suggestions.  A TEMP fts5vocab table (one per connection, made on first
** use, no migration) lists the indexed terms with their document counts.
** The reader's word is tokenized exactly as the index tokenizes (FTS5's
** own unicode61, through the fts5_api), then looked up; when it is
** absent, store.c has the terms that share its first character scanned
** in index order (a range on term, which fts5vocab serves without reading
** other terms), at most a bounded number of them.  fts5vocab reads each
** term's postings to count its documents, so a scan costs what those
** postings weigh: 30-90 ms a word at 100,000 articles.
**
** Statements live in extra[STORE_SLOTS_SEARCH + SLOT_*], prepared on
** first use (store_sqlite.h).
*/
#include "store_sqlite.h"

#include "buf.h"
#include "vec.h"

#include <string.h>

enum {
    SLOT_SEARCH = STORE_SLOTS_SEARCH,
    SLOT_COUNT,
    SLOT_VOCAB_CREATE,
    SLOT_VOCAB_TERM,
    SLOT_VOCAB_RANGE,
    SLOT_FTS5_API,
    SLOT_PARTIAL,
    SLOT_PARTIAL_ROW,
    SLOT_PARTIAL_WINDOW,
    SLOT_END
};

_Static_assert(SLOT_END <= STORE_SLOTS_SEARCH + 16, "search uses 16 slots");

/* The tokenizer of articles_fts, as migration 3 declares it. */
#define INDEX_TOKENIZER "unicode61"
#define INDEX_TOKENIZER_ARGS {"remove_diacritics", "2"}

/* The ids of the articles that are not public: drafts, and the scheduled
** (status 1, dated after the clock), both ranges of articles_by_date read
** from the index alone; few on a news site. */
#define NOT_PUBLIC                                                          \
    "SELECT id FROM articles WHERE status < 1 OR status > 1"               \
    " OR (status = 1 AND published > " STORE_SQLITE_NOW ")"

static const char search_sql[] =
    "SELECT " ARTICLE_COLS ","
    " highlight(articles_fts, 0, ?4, ?5),"
    " gazette_snippet(articles_fts, 1, ?4, ?5, '…', 30)"
    " FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid"
    " LEFT JOIN sections s ON s.id = a.section_id"
    " LEFT JOIN authors u ON u.id = a.author_id"
    " WHERE articles_fts MATCH ?1 AND articles_fts.rank MATCH 'bm25(10.0, 1.0)'"
    " AND a.status = 1 AND a.published <= " STORE_SQLITE_NOW
    " ORDER BY articles_fts.rank LIMIT ?2 OFFSET ?3";

static const char count_sql[] =
    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1"
    " AND +rowid NOT IN (" NOT_PUBLIC ")";

/* ---- the budget -------------------------------------------------------- */

/* Virtual-machine instructions between two looks at the clock (a
** clock_gettime: its cost vanishes beside a thousand instructions). */
enum { BUDGET_OPS = 1000 };

/* SQLite's progress handler: non-zero stops the statement. */
static int over_budget(void *arg) {
    return store_deadline_passed(&((store_sqlite *)arg)->base);
}

/* Watch the budget's deadline (when there is one) while this connection's
** search statements run, until budget_unwatch. */
static void budget_watch(store_sqlite *s) {
    if (s->base.search_deadline)
        sqlite3_progress_handler(s->db, BUDGET_OPS, over_budget, s);
}

static void budget_unwatch(store_sqlite *s) {
    sqlite3_progress_handler(s->db, 0, NULL, NULL);
}

/* Whether rc, what a search statement's step gave, is the budget's stop
** (an interrupt with the deadline past); if so the store is told. */
static bool budget_stopped(store_sqlite *s, int rc) {
    if (rc != SQLITE_INTERRUPT || !store_deadline_passed(&s->base)) return false;
    s->base.out_of_time = true;
    return true;
}

/* store_sqlite_one_int for a search statement: a stop by the budget is
** no error (*out is then 0). */
static int search_one_int(store_sqlite *s, sqlite3_stmt *st, long long *out, err_t *err,
                          const char *doing) {
    if (store_sqlite_one_int(s, st, out, err, doing) == 0) return 0;
    return budget_stopped(s, sqlite3_errcode(s->db)) ? 0 : -1;
}

/* The statement in slot, prepared from sql (which may call this file's
** FTS5 functions) on first use; defined with the functions, below. */
static sqlite3_stmt *search_prepare(store_sqlite *s, int slot, const char *sql,
                                    err_t *err);

/* ---- search ------------------------------------------------------------ */

/* The hit in the current row of a statement selecting ARTICLE_COLS, then
** the marked headline and snippet. */
static store_search_hit *hit_from_row(arena_t *arena, sqlite3_stmt *st) {
    store_search_hit *h = arena_calloc(arena, sizeof *h);
    h->article = store_sqlite_row_article(arena, st, false);
    h->title = store_sqlite_text(arena, st, ARTICLE_NCOLS);
    h->snippet = store_sqlite_text(arena, st, ARTICLE_NCOLS + 1);
    return h;
}

/* Count the published matches of query into *total (0 when the budget
** stopped the count). */
static int search_count(store_sqlite *s, const char *query, size_t *total,
                        err_t *err) {
    sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_COUNT, count_sql, err);
    if (st == NULL) return -1;
    store_sqlite_bind_text(st, 1, query);
    int rc = sqlite3_step(st);
    *total = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && !budget_stopped(s, rc))
        return store_sqlite_error(s, err, "counting search results");
    return 0;
}

/* The hits of query's page: see store_sqlite_search. */
static int search_rows(store_sqlite *s, arena_t *arena, const char *query,
                       size_t offset, size_t limit, store_search_hit ***out,
                       size_t *n, size_t *total, err_t *err) {
    if (search_count(s, query, total, err)) return -1;
    if (limit == 0 || offset >= *total) return 0;
    sqlite3_stmt *st = search_prepare(s, SLOT_SEARCH, search_sql, err);
    if (st == NULL) return -1;
    store_sqlite_bind_text(st, 1, query);
    sqlite3_bind_int64(st, 2, (long long)limit);
    sqlite3_bind_int64(st, 3, (long long)offset);
    store_sqlite_bind_text(st, 4, STORE_SEARCH_MARK_OPEN);
    store_sqlite_bind_text(st, 5, STORE_SEARCH_MARK_CLOSE);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = vec_grow_arena(arena, *out, *n, &cap, *n + 1, sizeof **out);
        (*out)[(*n)++] = hit_from_row(arena, st);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && !budget_stopped(s, rc))
        return store_sqlite_error(s, err, "searching");
    return 0;
}

/* See store_backend.h; store.c never passes an empty query, of which
** FTS5 would say "syntax error".  Under a budget: the hits read before
** the deadline. */
int store_sqlite_search(store_t *base, arena_t *arena, const char *query,
                        size_t offset, size_t limit, store_search_hit ***out,
                        size_t *n, size_t *total, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    *out = NULL;
    *n = 0;
    *total = 0;
    budget_watch(s);
    int rc = search_rows(s, arena, query, offset, limit, out, n, total, err);
    budget_unwatch(s);
    return rc;
}

/* ---- tokenizing as the index does --------------------------------------- */

/* The tokens of a word, in an arena. */
typedef struct tokens {
    arena_t *arena;
    const char *first;
    size_t count;
} tokens;

/* xTokenize callback: keep the first token, count them all.  Colocated
** synonyms (FTS5_TOKEN_COLOCATED) are not counted: unicode61 has none. */
static int token_seen(void *ctx, int flags, const char *token, int len,
                      int start, int end) {
    (void)start, (void)end;
    tokens *t = ctx;
    if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
    if (t->count++ == 0) t->first = arena_strndup(t->arena, token, (size_t)len);
    return SQLITE_OK;
}

/* The connection's fts5_api, fetched through "SELECT fts5(?1)", as the
** FTS5 documentation shows. */
static int fts5_api_of(store_sqlite *s, fts5_api **api, err_t *err) {
    sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_FTS5_API, "SELECT fts5(?1)", err);
    if (st == NULL) return -1;
    *api = NULL;
    sqlite3_bind_pointer(st, 1, (void *)api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return *api ? 0 : err_set(err, "store: FTS5 is not available");
}

/* Tokenize word with the index's tokenizer into *t. */
static int tokenize(store_sqlite *s, const char *word, tokens *t, err_t *err) {
    fts5_api *api;
    if (fts5_api_of(s, &api, err)) return -1;
    const char *args[] = INDEX_TOKENIZER_ARGS;   /* xCreate wants const char ** */
    void *user = NULL;
    fts5_tokenizer tk;
    Fts5Tokenizer *tok = NULL;
    if (api->xFindTokenizer(api, INDEX_TOKENIZER, &user, &tk) != SQLITE_OK ||
        tk.xCreate(user, args, (int)(sizeof args / sizeof *args), &tok) != SQLITE_OK)
        return err_set(err, "store: cannot make the %s tokenizer", INDEX_TOKENIZER);
    int rc = tk.xTokenize(tok, t, FTS5_TOKENIZE_QUERY, word, (int)strlen(word),
                          token_seen);
    tk.xDelete(tok);
    return rc == SQLITE_OK ? 0 : err_set(err, "store: cannot tokenize a word");
}

/* ---- suggestions ------------------------------------------------------- */

/* The vocabulary statement in slot, creating this connection's TEMP
** fts5vocab table before the slot's first use. */
static sqlite3_stmt *vocab_prepare(store_sqlite *s, int slot, const char *sql,
                                   err_t *err) {
    if (s->extra[slot] == NULL) {
        sqlite3_stmt *st = store_sqlite_prepare(
            s, SLOT_VOCAB_CREATE,
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_vocab"
            " USING fts5vocab(main, articles_fts, 'row')", err);
        if (st == NULL || store_sqlite_run(s, st, err, "making the search vocabulary"))
            return NULL;
    }
    return store_sqlite_prepare(s, slot, sql, err);
}

/* See store_backend.h. */
int store_sqlite_search_token(store_t *base, arena_t *arena, const char *word,
                              const char **first, size_t *count, err_t *err) {
    tokens t = {arena, NULL, 0};
    if (tokenize(store_sqlite_of(base), word, &t, err)) return -1;
    *first = t.first;
    *count = t.count;
    return 0;
}

/* See store_backend.h: the term's row of the vocabulary (0 documents when
** the budget stopped the read). */
int store_sqlite_search_term_docs(store_t *base, const char *term, long long *docs,
                                  err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    *docs = 0;
    sqlite3_stmt *st = vocab_prepare(
        s, SLOT_VOCAB_TERM, "SELECT doc FROM temp.articles_vocab WHERE term = ?1", err);
    if (st == NULL) return -1;
    store_sqlite_bind_text(st, 1, term);
    budget_watch(s);
    int rc = search_one_int(s, st, docs, err, "reading the search vocabulary");
    budget_unwatch(s);
    return rc;
}

/* See store_backend.h: the range [prefix, prefix with its last byte + 1)
** holds every term that starts with prefix, in byte order.  The budget
** may stop the scan part way. */
int store_sqlite_search_terms_scan(store_t *base, const char *prefix, size_t max,
                                   void (*visit)(void *ctx, const char *term,
                                                 long long docs),
                                   void *ctx, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    size_t len = strlen(prefix);
    if (len == 0 || len > 8) return err_set(err, "store: a term prefix of %zu bytes", len);
    sqlite3_stmt *st = vocab_prepare(
        s, SLOT_VOCAB_RANGE,
        "SELECT term, doc FROM temp.articles_vocab"
        " WHERE term >= ?1 AND term < ?2 LIMIT ?3", err);
    if (st == NULL) return -1;
    char hi[8];
    memcpy(hi, prefix, len);
    /* a last byte of 0xFF (never in UTF-8) wraps: an empty range */
    hi[len - 1] = (char)((unsigned char)hi[len - 1] + 1);
    /* text, not blobs: SQLite also checks the bounds itself, and text
    ** never compares >= a blob; hi may be invalid UTF-8, which the
    ** byte-wise BINARY comparison does not mind */
    sqlite3_bind_text(st, 1, prefix, (int)len, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, hi, (int)len, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, (long long)max);
    budget_watch(s);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *term = (const char *)sqlite3_column_text(st, 0);
        if (term) visit(ctx, term, sqlite3_column_int64(st, 1));
    }
    sqlite3_reset(st);
    budget_unwatch(s);
    if (rc != SQLITE_DONE && !budget_stopped(s, rc))
        return store_sqlite_error(s, err, "reading the search vocabulary");
    return 0;
}

/* ---- partial matches ---------------------------------------------------- */

/* The articles that match some of the reader's terms, for the search page
** to list below those that match all of them (store.h).  One statement
** runs the OR of the terms ("t1" OR "t2"* OR "a b"), ranks with the same
** BM25 weights, keeps the rows that match at least half of the terms and
** are neither full matches (the AND query, a NOT IN subquery: the two
** lists are disjoint by construction) nor drafts, and orders them by how
** many terms they match, then BM25, then newest id, so that the order is
** total and every page cuts the same list.  Only the ids of the first
** STORE_SEARCH_PARTIAL_MAX are read; the page's rows are then read one by
** one through the OR query restricted to that rowid, which is what gives
** highlight() and gazette_snippet() their marks on every matched term.
**
** How many terms a row matches comes from an FTS5 auxiliary function,
** gazette_terms_matched(articles_fts), registered on the connection
** before its first use: the number of the query's phrases (one a term)
** with an instance in the row, in either column.  A term that the
** tokenizer makes nothing of ("😀") matches nothing and is not counted
** among the terms.
**
** Bounded work.  Scoring is the cost: BM25 and the term count for every
** row that holds any of the terms, which for a query with a word found in
** every article is every article (at 20,000 articles, 50 ms).  So only
** the newest STORE_SEARCH_PARTIAL_SCAN rows that hold any term are
** scored: a first statement finds the rowid where that window starts,
** walking the OR query's rowids newest first without scoring anything
** (2 ms at 20,000), and the ranking statement takes it as a rowid bound,
** which FTS5 applies while it reads the index.  On a site where fewer
** rows hold the terms, every one of them is ranked.  The sorter keeps the
** best STORE_SEARCH_PARTIAL_MAX; the page reads at most limit rows. */

static const char partial_window_sql[] =
    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1"
    " ORDER BY rowid DESC LIMIT 1 OFFSET ?2";

static const char partial_sql[] =
    "SELECT rowid, gazette_terms_matched(articles_fts) AS hits FROM articles_fts"
    " WHERE articles_fts MATCH ?1 AND articles_fts.rank MATCH 'bm25(10.0, 1.0)'"
    " AND hits >= ?2 AND articles_fts.rowid >= ?5"
    " AND +rowid NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?3)"
    " AND +rowid NOT IN (" NOT_PUBLIC ")"
    " ORDER BY hits DESC, articles_fts.rank, rowid DESC LIMIT ?4";

static const char partial_row_sql[] =
    "SELECT " ARTICLE_COLS ","
    " highlight(articles_fts, 0, ?3, ?4),"
    " gazette_snippet(articles_fts, 1, ?3, ?4, '…', 30)"
    " FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid"
    " LEFT JOIN sections s ON s.id = a.section_id"
    " LEFT JOIN authors u ON u.id = a.author_id"
    " WHERE articles_fts MATCH ?1 AND articles_fts.rowid = ?2";

/* gazette_terms_matched(articles_fts): see above. */
static void terms_matched(const Fts5ExtensionApi *api, Fts5Context *fts,
                          sqlite3_context *ctx, int nval, sqlite3_value **val) {
    (void)nval, (void)val;
    int phrases = api->xPhraseCount(fts), matched = 0;
    for (int i = 0; i < phrases; i++) {
        Fts5PhraseIter iter;
        int col = -1;
        if (api->xPhraseFirstColumn(fts, i, &iter, &col) != SQLITE_OK) {
            sqlite3_result_error(ctx, "gazette_terms_matched: cannot read a phrase", -1);
            return;
        }
        if (col >= 0) matched++;
    }
    sqlite3_result_int(ctx, matched);
}

/* Register this file's FTS5 functions on the connection, once:
** gazette_terms_matched, and gazette_snippet with the store_sqlite as its
** user data (it reads the budget's deadline there). */
static int functions_register(store_sqlite *s, err_t *err) {
    if (s->search_functions) return 0;
    fts5_api *api;
    if (fts5_api_of(s, &api, err)) return -1;
    if (api->xCreateFunction(api, "gazette_terms_matched", NULL, terms_matched,
                             NULL) != SQLITE_OK ||
        api->xCreateFunction(api, "gazette_snippet", s, store_sqlite_snippet,
                             NULL) != SQLITE_OK)
        return err_set(err, "store: cannot register the search functions");
    s->search_functions = true;
    return 0;
}

static sqlite3_stmt *search_prepare(store_sqlite *s, int slot, const char *sql,
                                    err_t *err) {
    return functions_register(s, err) ? NULL : store_sqlite_prepare(s, slot, sql, err);
}

/* Into *from, the lowest rowid of the newest STORE_SEARCH_PARTIAL_SCAN
** rows that match any (the OR query), or 0 when fewer rows match. */
static int partial_window(store_sqlite *s, const char *any, long long *from, err_t *err) {
    sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_PARTIAL_WINDOW, partial_window_sql, err);
    if (st == NULL) return -1;
    store_sqlite_bind_text(st, 1, any);
    sqlite3_bind_int64(st, 2, STORE_SEARCH_PARTIAL_SCAN - 1);
    return search_one_int(s, st, from, err, "bounding the partial matches");
}

/* query (the store's search language) as the OR of its terms, in the
** arena, into *any, and in *words how many of its terms hold a word for
** the index's tokenizer.  -1 when query is not in that language. */
static int terms_any(store_sqlite *s, arena_t *arena, const char *query,
                     const char **any, size_t *words, err_t *err) {
    buf_t or_query = BUF_INIT, text = BUF_INIT;
    size_t nterms = 0;
    int rc = 0;
    *words = 0;
    for (const char *p = query + strspn(query, " "); *p && rc == 0;
         p += strspn(p, " ")) {
        const char *start = p;
        buf_reset(&text);
        if (*p++ != '"') rc = -1;
        while (rc == 0 && !(p[0] == '"' && p[1] != '"')) {
            if (*p == '\0') rc = -1;
            else if (*p == '"') buf_putc(&text, '"'), p += 2;   /* "" is one '"' */
            else buf_putc(&text, *p++);
        }
        if (rc) break;
        p += 1 + (p[1] == '*');
        if (*p && *p != ' ') {
            rc = -1;
            break;
        }
        if (nterms++) buf_puts(&or_query, " OR ");
        buf_append(&or_query, start, (size_t)(p - start));
        tokens t = {arena, NULL, 0};
        if (tokenize(s, text.data ? text.data : "", &t, err)) {
            buf_free(&or_query);
            buf_free(&text);
            return -1;
        }
        if (t.count > 0) (*words)++;
    }
    if (rc == 0) *any = arena_strndup(arena, or_query.data ? or_query.data : "", or_query.len);
    buf_free(&or_query);
    buf_free(&text);
    return rc ? err_set(err, "store: not a search query") : 0;
}

/* The partial matches of query's page: see store_sqlite_search_partial. */
static int partial_rows(store_sqlite *s, arena_t *arena, const char *query,
                        size_t offset, size_t limit, store_search_hit ***out,
                        size_t *n, size_t *total, err_t *err) {
    const char *any = NULL;
    size_t words;
    if (terms_any(s, arena, query, &any, &words, err)) return -1;
    if (words < 2) return 0;            /* one word: a match is a full one */
    long long from;
    if (partial_window(s, any, &from, err)) return -1;
    if (s->base.out_of_time) return 0;
    sqlite3_stmt *st = search_prepare(s, SLOT_PARTIAL, partial_sql, err);
    if (st == NULL) return -1;
    store_sqlite_bind_text(st, 1, any);
    sqlite3_bind_int64(st, 2, (long long)(words + 1) / 2);
    store_sqlite_bind_text(st, 3, query);
    sqlite3_bind_int64(st, 4, STORE_SEARCH_PARTIAL_MAX);
    sqlite3_bind_int64(st, 5, from);
    long long *ids = arena_alloc(arena, STORE_SEARCH_PARTIAL_MAX * sizeof *ids);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *total < STORE_SEARCH_PARTIAL_MAX)
        ids[(*total)++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW && !budget_stopped(s, rc))
        return store_sqlite_error(s, err, "searching for partial matches");
    if (limit == 0 || offset >= *total) return 0;
    size_t count = *total - offset < limit ? *total - offset : limit;
    st = search_prepare(s, SLOT_PARTIAL_ROW, partial_row_sql, err);
    if (st == NULL) return -1;
    *out = arena_alloc(arena, count * sizeof **out);
    for (size_t i = 0; i < count; i++) {
        store_sqlite_bind_text(st, 1, any);
        sqlite3_bind_int64(st, 2, ids[offset + i]);
        store_sqlite_bind_text(st, 3, STORE_SEARCH_MARK_OPEN);
        store_sqlite_bind_text(st, 4, STORE_SEARCH_MARK_CLOSE);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) (*out)[(*n)++] = hit_from_row(arena, st);
        sqlite3_reset(st);
        if (budget_stopped(s, rc)) break;
        /* SQLITE_DONE: gone since, when the caller holds no read snapshot */
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return store_sqlite_error(s, err, "reading a partial match");
    }
    return 0;
}

/* See store_backend.h.  Under a budget: what was read before the
** deadline (the ranking is one sort, so a stop inside it finds none). */
int store_sqlite_search_partial(store_t *base, arena_t *arena, const char *query,
                                size_t offset, size_t limit, store_search_hit ***out,
                                size_t *n, size_t *total, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    *out = NULL;
    *n = 0;
    *total = 0;
    budget_watch(s);
    int rc = partial_rows(s, arena, query, offset, limit, out, n, total, err);
    budget_unwatch(s);
    return rc;
}
