/*
** store_sqlite_search.c — store_search and store_search_suggest over
** SQLite FTS5; see store.h.
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
** draws the marks, so no HTML is made here.  The rare article whose own
** text holds a marker character gets its marks removed rather than
** misplaced.
**
** Suggestions.  A TEMP fts5vocab table (one per connection, made on first
** use, no migration) lists the indexed terms with their document counts.
** The reader's word is first tokenized exactly as the index tokenizes
** (FTS5's own unicode61, through the fts5_api), then looked up; when it
** is absent, the terms that share its first character are scanned in
** index order (a range on term, which fts5vocab serves without reading
** other terms), at most SUGGEST_SCAN_MAX of them, and the closest by
** Damerau-Levenshtein distance (optimal string alignment, over code
** points) wins.  fts5vocab reads each term's postings to count its
** documents, so a scan costs what those postings weigh: 30-90 ms a word
** at 100,000 articles.
**
** Statements live in extra[STORE_SLOTS_SEARCH + SLOT_*], prepared on
** first use (store_sqlite.h).
*/
#include "store_sqlite.h"

#include <stdint.h>
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

/* How many indexed terms one suggestion compares at most, and the
** longest word (in characters) it tries to correct. */
enum { SUGGEST_SCAN_MAX = 20000, SUGGEST_WORD_MAX = 40 };

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

/* Whether s holds either marker character of its own. */
static bool holds_marker(const char *s) {
    return strstr(s, STORE_SEARCH_MARK_OPEN) || strstr(s, STORE_SEARCH_MARK_CLOSE);
}

/* Remove every marker from s, in place: for an article that holds marker
** characters of its own, real marks and its own cannot be told apart, so
** its hit comes without marks (store.h). */
static void unmark(char *s) {
    size_t ml = sizeof STORE_SEARCH_MARK_OPEN - 1;
    char *o = s;
    for (const char *p = s; *p;) {
        if (!strncmp(p, STORE_SEARCH_MARK_OPEN, ml) || !strncmp(p, STORE_SEARCH_MARK_CLOSE, ml))
            p += ml;
        else
            *o++ = *p++;
    }
    *o = '\0';
}

/* Count the published matches of query into *total. */
static int search_count(store_t *s, const char *query, size_t *total,
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

int store_search(store_t *s, arena_t *arena, const char *query,
                 size_t offset, size_t limit, store_search_hit ***out,
                 size_t *n, size_t *total, err_t *err) {
    *out = NULL;
    *n = 0;
    *total = 0;
    if (query == NULL || query[strspn(query, " ")] == '\0')
        return 0;                       /* FTS5 would say "syntax error" */
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
        if (holds_marker(h->article->title) || holds_marker(h->article->body_text)) {
            unmark((char *)h->title);
            unmark((char *)h->snippet);
        }
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
static int tokenize(store_t *s, const char *word, tokens *t, err_t *err) {
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
static sqlite3_stmt *vocab_prepare(store_t *s, int slot, const char *sql,
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

/* Decode up to max code points of UTF-8 s into cp; returns how many, or
** max + 1 when s is longer.  Invalid bytes decode as themselves: terms
** come from the tokenizer, which copies its input. */
static size_t decode(const char *s, uint32_t *cp, size_t max) {
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;
    while (*u) {
        if (n == max) return max + 1;
        uint32_t c = *u++;
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (more) c &= 0x3Fu >> more;
        for (; more > 0 && (*u & 0xC0) == 0x80; more--) c = (c << 6) | (*u++ & 0x3F);
        cp[n++] = c;
    }
    return n;
}

/* Optimal-string-alignment distance between a[0..na) and b[0..nb), or
** limit + 1 as soon as it must exceed limit.  na, nb <= SUGGEST_WORD_MAX. */
static size_t distance(const uint32_t *a, size_t na, const uint32_t *b,
                       size_t nb, size_t limit) {
    size_t rows[3][SUGGEST_WORD_MAX + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++) prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t d = prev[j - 1] + cost;
            if (prev[j] + 1 < d) d = prev[j] + 1;
            if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < d)
                d = prev2[j - 2] + 1;
            cur[j] = d;
            if (d < best) best = d;
        }
        if (best > limit) return limit + 1;
        size_t *t = prev2;
        prev2 = prev, prev = cur, cur = t;
    }
    return prev[nb];
}

/* The byte length of the UTF-8 character at s (1 for an invalid byte). */
static size_t char_len(const char *s) {
    unsigned char c = (unsigned char)s[0];
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) return i;
    return n;
}

/* The closest term to term (decoded: w[0..nw)) among the indexed terms
** that start with its first character, or NULL. */
static int nearest(store_t *s, arena_t *arena, const char *term,
                   const uint32_t *w, size_t nw, const char **out,
                   err_t *err) {
    sqlite3_stmt *st = vocab_prepare(
        s, SLOT_VOCAB_RANGE,
        "SELECT term, doc FROM temp.articles_vocab"
        " WHERE term >= ?1 AND term < ?2 LIMIT ?3", err);
    if (st == NULL) return -1;
    /* [first character, first character with its last byte + 1): every
    ** term starting with that character, in byte order */
    size_t fl = char_len(term);
    char lo[8], hi[8];
    memcpy(lo, term, fl);
    memcpy(hi, term, fl);
    hi[fl - 1] = (char)((unsigned char)hi[fl - 1] + 1);
    /* text, not blobs: SQLite also checks the bounds itself, and text
    ** never compares >= a blob; hi may be invalid UTF-8, which the
    ** byte-wise BINARY comparison does not mind */
    sqlite3_bind_text(st, 1, lo, (int)fl, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, hi, (int)fl, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, SUGGEST_SCAN_MAX);
    size_t limit = nw <= 4 ? 1 : 2, best = limit + 1;
    long long best_docs = 0;
    uint32_t c[SUGGEST_WORD_MAX];
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        size_t nc = t ? decode(t, c, SUGGEST_WORD_MAX) : SUGGEST_WORD_MAX + 1;
        if (nc > SUGGEST_WORD_MAX || nc + limit < nw || nw + limit < nc) continue;
        size_t d = distance(w, nw, c, nc, best < limit ? best : limit);
        long long docs = sqlite3_column_int64(st, 1);
        if (d < best || (d == best && d <= limit && docs > best_docs)) {
            best = d;
            best_docs = docs;
            *out = store_sqlite_text(arena, st, 0);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return store_sqlite_error(s, err, "reading the search vocabulary");
    return 0;
}

int store_search_suggest(store_t *s, arena_t *arena, const char *word,
                         const char **out, err_t *err) {
    *out = NULL;
    tokens t = {arena, NULL, 0};
    if (word == NULL || tokenize(s, word, &t, err)) return word ? -1 : 0;
    if (t.count != 1) return 0;
    uint32_t w[SUGGEST_WORD_MAX];
    size_t nw = decode(t.first, w, SUGGEST_WORD_MAX);
    if (nw < 3 || nw > SUGGEST_WORD_MAX) return 0;
    sqlite3_stmt *st = vocab_prepare(
        s, SLOT_VOCAB_TERM, "SELECT doc FROM temp.articles_vocab WHERE term = ?1", err);
    if (st == NULL) return -1;
    store_sqlite_bind_text(st, 1, t.first);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) return 0;             /* indexed: nothing to correct */
    if (rc != SQLITE_DONE) return store_sqlite_error(s, err, "reading the search vocabulary");
    return nearest(s, arena, t.first, w, nw, out, err);
}
