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
** too; every reader here keeps only articles with status = 1.
**
** Ranking.  "rank MATCH 'bm25(10.0, 1.0)'" sets the rank function for
** the one query (title ten times the body) and ORDER BY rank lets FTS5
** sort the matches itself: it scores every match but the join with
** articles, the snippets and the highlights are only computed for the
** rows of the page asked for; CROSS JOIN pins the full-text table as the
** outer loop (left to itself the planner may scan articles by status and
** run the MATCH once per row: 9.5 s instead of 5 ms for a prefix at 3,000
** articles).  The total is a separate count(*) that never reads an
** article row: it takes away the matches that are among the drafts,
** whose ids the status index gives (few, and read from the index alone),
** instead of looking up the status of every match (at 100,000 articles,
** for a word in all of them: 20 ms instead of 150).
**
** Marks.  highlight() and snippet() put STORE_SEARCH_MARK_OPEN/CLOSE
** (bound parameters) around each match; the page escapes the text and
** draws the marks, so no HTML is made here.
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

#include <string.h>

enum {
    SLOT_SEARCH = STORE_SLOTS_SEARCH,
    SLOT_COUNT,
    SLOT_VOCAB_CREATE,
    SLOT_VOCAB_TERM,
    SLOT_VOCAB_RANGE,
    SLOT_FTS5_API,
    SLOT_END
};

_Static_assert(SLOT_END <= STORE_SLOTS_SEARCH + 16, "search uses 16 slots");

/* The tokenizer of articles_fts, as migration 3 declares it. */
#define INDEX_TOKENIZER "unicode61"
#define INDEX_TOKENIZER_ARGS {"remove_diacritics", "2"}

static const char search_sql[] =
    "SELECT " ARTICLE_COLS ","
    " highlight(articles_fts, 0, ?4, ?5),"
    " snippet(articles_fts, 1, ?4, ?5, '…', 30)"
    " FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid"
    " LEFT JOIN sections s ON s.id = a.section_id"
    " LEFT JOIN authors u ON u.id = a.author_id"
    " WHERE articles_fts MATCH ?1 AND articles_fts.rank MATCH 'bm25(10.0, 1.0)'"
    " AND a.status = 1"
    " ORDER BY articles_fts.rank LIMIT ?2 OFFSET ?3";

static const char count_sql[] =
    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1"
    " AND +rowid NOT IN (SELECT id FROM articles WHERE status < 1 OR status > 1)";

/* ---- search ------------------------------------------------------------ */

/* Count the published matches of query into *total. */
static int search_count(store_sqlite *s, const char *query, size_t *total,
                        err_t *err) {
    sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_COUNT, count_sql, err);
    if (st == NULL) return -1;
    store_sqlite_bind_text(st, 1, query);
    int rc = sqlite3_step(st);
    *total = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) return store_sqlite_error(s, err, "counting search results");
    return 0;
}

/* See store_backend.h; store.c never passes an empty query, of which
** FTS5 would say "syntax error". */
int store_sqlite_search(store_t *base, arena_t *arena, const char *query,
                        size_t offset, size_t limit, store_search_hit ***out,
                        size_t *n, size_t *total, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    *out = NULL;
    *n = 0;
    *total = 0;
    if (search_count(s, query, total, err)) return -1;
    if (limit == 0 || offset >= *total) return 0;
    sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_SEARCH, search_sql, err);
    if (st == NULL) return -1;
    store_sqlite_bind_text(st, 1, query);
    sqlite3_bind_int64(st, 2, (long long)limit);
    sqlite3_bind_int64(st, 3, (long long)offset);
    store_sqlite_bind_text(st, 4, STORE_SEARCH_MARK_OPEN);
    store_sqlite_bind_text(st, 5, STORE_SEARCH_MARK_CLOSE);
    size_t cap = limit < 64 ? limit : 64;
    *out = arena_alloc(arena, cap * sizeof **out);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            store_search_hit **bigger = arena_alloc(arena, 2 * cap * sizeof *bigger);
            memcpy(bigger, *out, cap * sizeof *bigger);
            *out = bigger;
            cap *= 2;
        }
        store_search_hit *h = arena_calloc(arena, sizeof *h);
        h->article = store_sqlite_row_article(arena, st, false);
        h->title = store_sqlite_text(arena, st, ARTICLE_NCOLS);
        h->snippet = store_sqlite_text(arena, st, ARTICLE_NCOLS + 1);
        (*out)[(*n)++] = h;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return store_sqlite_error(s, err, "searching");
    return 0;
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

/* Tokenize word with the index's tokenizer into *t.  The fts5_api is
** fetched through "SELECT fts5(?1)", as the FTS5 documentation shows. */
static int tokenize(store_sqlite *s, const char *word, tokens *t, err_t *err) {
    sqlite3_stmt *st = store_sqlite_prepare(s, SLOT_FTS5_API, "SELECT fts5(?1)", err);
    if (st == NULL) return -1;
    fts5_api *api = NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (api == NULL) return err_set(err, "store: FTS5 is not available");
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

/* See store_backend.h: the term's row of the vocabulary. */
int store_sqlite_search_term_docs(store_t *base, const char *term, long long *docs,
                                  err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    *docs = 0;
    sqlite3_stmt *st = vocab_prepare(
        s, SLOT_VOCAB_TERM, "SELECT doc FROM temp.articles_vocab WHERE term = ?1", err);
    if (st == NULL) return -1;
    store_sqlite_bind_text(st, 1, term);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *docs = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_sqlite_error(s, err, "reading the search vocabulary");
    return 0;
}

/* See store_backend.h: the range [prefix, prefix with its last byte + 1)
** holds every term that starts with prefix, in byte order. */
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
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *term = (const char *)sqlite3_column_text(st, 0);
        if (term) visit(ctx, term, sqlite3_column_int64(st, 1));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return store_sqlite_error(s, err, "reading the search vocabulary");
    return 0;
}
