/*
** store_sqlite_snippet.c — gazette_snippet(), the passage of an article's
** body that a search result shows, made from a bounded part of the text.
**
** Why not FTS5's snippet().  snippet() scores a window at every match of
** the row against every other match of the row, and against every
** sentence start, so its time grows with the square of the matches: with
** one article of 1 MB a search took 1.6 s, 3 MB 16 s, and 50 MB did not
** finish in 10 minutes, on a worker's event loop (issue 8).
** gazette_snippet chooses and marks its passage by the same rules, so an
** ordinary article gets the same text, but it looks only at the first
** SNIPPET_MATCHES_MAX matches in the column that lie within
** SNIPPET_SPAN_TOKENS tokens of the first one, and it tokenizes the text
** only as far as it needs: up to the last of those matches, then up to
** the passage's end.  So its work is linear in how far into the text the
** first match is, and bounded after it.  It watches the search budget
** (store_search_budget) while it tokenizes, and fails with
** SQLITE_INTERRUPT when the deadline has passed, as a statement stopped
** by the budget does.
**
** The rules (those of FTS5's snippet(); positions count tokens):
**   - A window of W tokens starting at a match scores 1000 for each query
**     phrase with a match in it and 1 for every further match; its
**     passage is then centred on the window's matches (moved back to fit
**     in the text).  The window starting at the sentence start before a
**     match scores the same plus 120 at the text's start, 100 elsewhere,
**     and its passage starts there.  A token starts a sentence when the
**     text before it, past at least one space, tab or line end, is '.' or
**     ':'.  The best score wins; the first one on a tie; with no match in
**     the column, the passage is the first W tokens.
**   - Matches that overlap make one marked run; a run is marked only if
**     it starts inside the passage.  "…" (the ellipsis argument) stands
**     where the passage cuts the text.
**   - What lies before the first token or after the last (punctuation,
**     quotes) is kept when the passage touches that end of the text, up
**     to SNIPPET_EDGE_BYTES of it.
**
** xInst numbers a row's matches by column, then position; FTS5's own
** snippet() and highlight() rely on that order, and so does this file.
*/
#include "store_sqlite.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

enum {
    SNIPPET_MATCHES_MAX = 256,    /* matches of the column looked at */
    SNIPPET_SPAN_TOKENS = 8192,   /* ... within this many tokens of the first */
    SNIPPET_EDGE_BYTES = 64,      /* text kept before the first token, after the last */
    CLOCK_EVERY_TOKENS = 4096,    /* tokens between two looks at the deadline */
};

/* A return of a tokenizer callback: enough has been read. */
#define TOKENS_ENOUGH SQLITE_DONE

/* One match in the column: its phrase, first token, length in tokens,
** index for xInst, and the sentence start at or before it (-1: unknown). */
typedef struct match {
    int phrase, offset, size, inst, sentence;
} match;

/* The matches looked at, in order of position. */
typedef struct matches {
    match m[SNIPPET_MATCHES_MAX];
    int n;
    int nphrase;
} matches;

/* The column's matches that gazette_snippet looks at, into *ms. */
static int matches_read(const Fts5ExtensionApi *api, Fts5Context *fts, int col,
                        matches *ms) {
    int count = 0;
    ms->n = 0;
    ms->nphrase = api->xPhraseCount(fts);
    int rc = api->xInstCount(fts, &count);
    for (int i = 0; rc == SQLITE_OK && i < count && ms->n < SNIPPET_MATCHES_MAX; i++) {
        int phrase, c, offset;
        rc = api->xInst(fts, i, &phrase, &c, &offset);
        if (rc != SQLITE_OK || c < col) continue;
        if (c > col || (ms->n > 0 && offset - ms->m[0].offset >= SNIPPET_SPAN_TOKENS))
            break;
        ms->m[ms->n++] = (match){phrase, offset, api->xPhraseSize(fts, phrase), i, -1};
    }
    return rc;
}

/* Whether the token that starts at byte start of text begins a sentence
** (see the rules above); the text's first token is handled by the caller. */
static bool sentence_begins(const char *text, int start) {
    int i = start - 1;
    while (i >= 0 && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
                      text[i] == '\r'))
        i--;
    return i >= 0 && i != start - 1 && (text[i] == '.' || text[i] == ':');
}

/* The first pass over the tokens: the sentence start before each match. */
typedef struct sentences {
    store_sqlite *s;
    const char *text;
    matches *ms;
    int pos;                   /* the next token's position */
    int last_start;            /* the latest sentence start */
    int next;                  /* the next match to reach */
} sentences;

/* xTokenize callback of the first pass: stops once every match is reached. */
static int sentence_token(void *ctx, int flags, const char *token, int len,
                          int start, int end) {
    (void)token, (void)len, (void)end;
    sentences *p = ctx;
    if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
    int pos = p->pos++;
    if (pos == 0 || sentence_begins(p->text, start)) p->last_start = pos;
    while (p->next < p->ms->n && p->ms->m[p->next].offset <= pos)
        p->ms->m[p->next++].sentence = p->last_start;
    if (p->next == p->ms->n) return TOKENS_ENOUGH;
    if (pos % CLOCK_EVERY_TOKENS == 0 && store_deadline_passed(&p->s->base))
        return SQLITE_INTERRUPT;
    return SQLITE_OK;
}

/* The index of the first match at position from or after it (ms->n: none). */
static int first_at(const matches *ms, int from) {
    int lo = 0, hi = ms->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (ms->m[mid].offset < from) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The score of the window of width tokens at from, and in *first and
** *last the position of its first match and the end of its last one. */
static int window_score(const matches *ms, int from, int width, unsigned char *seen,
                        int *first, int *last) {
    memset(seen, 0, (size_t)ms->nphrase);
    int score = 0;
    *first = -1;
    *last = 0;
    for (int i = first_at(ms, from); i < ms->n && ms->m[i].offset - from < width; i++) {
        const match *m = &ms->m[i];
        score += seen[m->phrase] ? 1 : 1000;
        seen[m->phrase] = 1;
        if (*first < 0) *first = m->offset;
        *last = m->offset + m->size;
    }
    return score;
}

/* The position of the best passage of width tokens in a column of
** docsize tokens (see the rules above). */
static int passage_choose(const matches *ms, int width, int docsize,
                          unsigned char *seen) {
    int best = 0, start = 0;
    for (int i = 0; i < ms->n; i++) {
        const match *m = &ms->m[i];
        int first, last;
        int score = window_score(ms, m->offset, width, seen, &first, &last);
        long long at = first - (width - (last - first)) / 2;
        if (at + width > docsize) at = docsize - width;
        if (at < 0) at = 0;
        if (score > best) best = score, start = (int)at;
        if (m->sentence < 0 || m->sentence >= m->offset || docsize <= width) continue;
        score = window_score(ms, m->sentence, width, seen, &first, &last) +
                (m->sentence == 0 ? 120 : 100);
        if (score > best) best = score, start = m->sentence;
    }
    return start;
}

/* The column's marked runs, in order: overlapping matches make one run
** [start, end] (-1, -1: no more).  Matches up to skip_end belong to a
** run that began before the passage, which is not marked. */
typedef struct runs {
    const Fts5ExtensionApi *api;
    Fts5Context *fts;
    int col, next, count;
    int skip_end;
    int start, end;
} runs;

/* Advance to the next run. */
static int run_next(runs *r) {
    r->start = r->end = -1;
    while (r->next < r->count) {
        int phrase, c, offset;
        int rc = r->api->xInst(r->fts, r->next, &phrase, &c, &offset);
        if (rc != SQLITE_OK) return rc;
        if (c > r->col) break;
        if (c == r->col) {
            int end = offset + r->api->xPhraseSize(r->fts, phrase) - 1;
            if (offset <= r->skip_end) r->skip_end = end > r->skip_end ? end : r->skip_end;
            else if (r->start < 0) r->start = offset, r->end = end;
            else if (offset <= r->end) r->end = end > r->end ? end : r->end;
            else break;
        }
        r->next++;
    }
    return SQLITE_OK;
}

/* The second pass over the tokens: the passage written out, marked. */
typedef struct passage {
    store_sqlite *s;
    const char *text, *open, *close, *ellipsis;
    int from, to;              /* its first and last token */
    int pos;                   /* the next token's position */
    int last_end;              /* the end of the passage's last token so far */
    int copied;                /* text copied up to this byte */
    bool marking;              /* inside a run */
    runs run;
    buf_t out;
} passage;

/* Copy the text from where copying stopped to byte upto. */
static void copy_to(passage *p, int upto) {
    if (upto > p->copied) buf_append(&p->out, p->text + p->copied, (size_t)(upto - p->copied));
    p->copied = upto;
}

/* xTokenize callback of the second pass: stops after the passage's last
** token. */
static int passage_token(void *ctx, int flags, const char *token, int len,
                         int start, int end) {
    (void)token, (void)len;
    passage *p = ctx;
    if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
    int pos = p->pos++;
    if (pos < p->from) {
        if (pos % CLOCK_EVERY_TOKENS == 0 && store_deadline_passed(&p->s->base))
            return SQLITE_INTERRUPT;
        return SQLITE_OK;
    }
    p->last_end = end;
    if (pos == p->from && (p->from > 0 || start > SNIPPET_EDGE_BYTES)) {
        buf_puts(&p->out, p->ellipsis);
        p->copied = start;
    }
    if (pos == p->run.start) {
        copy_to(p, start);
        buf_puts(&p->out, p->open);
        p->marking = true;
    }
    if (pos == p->run.end) {
        copy_to(p, end);
        buf_puts(&p->out, p->close);
        p->marking = false;
        int rc = run_next(&p->run);
        if (rc != SQLITE_OK) return rc;
    }
    if (pos < p->to) return SQLITE_OK;
    copy_to(p, end);
    if (p->marking) buf_puts(&p->out, p->close);
    p->marking = false;
    return TOKENS_ENOUGH;
}

/* Append to p->out at most SNIPPET_EDGE_BYTES of the text after the last
** token (len bytes in all), cut at a character, "…" when cut. */
static void tail_copy(passage *p, int len) {
    int upto = len;
    if (upto - p->copied > SNIPPET_EDGE_BYTES) {
        upto = p->copied + SNIPPET_EDGE_BYTES;
        while (upto > p->copied && ((unsigned char)p->text[upto] & 0xC0) == 0x80) upto--;
    }
    copy_to(p, upto);
    if (upto < len) buf_puts(&p->out, p->ellipsis);
}

/* The text of an argument, "" for a NULL. */
static const char *text_of(sqlite3_value *v) {
    const char *t = (const char *)sqlite3_value_text(v);
    return t ? t : "";
}

/* Write the passage of width tokens from token p->from of column col's
** text (len bytes, docsize tokens) into p->out. */
static int passage_write(const Fts5ExtensionApi *api, Fts5Context *fts, int col,
                         const matches *ms, const char *text, int len, int docsize,
                         int width, passage *p) {
    p->run = (runs){api, fts, col, 0, 0, -1, -1, -1};
    /* The runs are read through xInst from the first match at or after
    ** the passage's start, which is one of those looked at: the passage
    ** starts at or before one of them.  Later ones follow in order.  The
    ** matches before it are all among those looked at: a run that began
    ** with them and reaches into the passage is skipped. */
    int first = first_at(ms, p->from);
    for (int i = 0; i < first; i++) {
        int end = ms->m[i].offset + ms->m[i].size - 1;
        if (end > p->run.skip_end) p->run.skip_end = end;
    }
    if (p->run.skip_end < p->from) p->run.skip_end = -1;
    if (first < ms->n) {
        p->run.next = ms->m[first].inst;
        int rc = api->xInstCount(fts, &p->run.count);
        if (rc == SQLITE_OK) rc = run_next(&p->run);
        if (rc != SQLITE_OK) return rc;
    }
    int rc = api->xTokenize(fts, text, len, p, passage_token);
    if (rc != SQLITE_OK && rc != TOKENS_ENOUGH) return rc;
    /* the text ended before the passage's last token: the tokens since
    ** the last copy, then what follows them */
    copy_to(p, p->last_end);
    if (p->marking) buf_puts(&p->out, p->close);
    if (p->from + width - 1 >= docsize - 1) tail_copy(p, len);
    else buf_puts(&p->out, p->ellipsis);
    return SQLITE_OK;
}

/* The passage of width tokens of column col (text, len bytes, docsize
** tokens) into p, marked; ms and seen (one byte a phrase) are room. */
static int snippet_make(const Fts5ExtensionApi *api, Fts5Context *fts, int col,
                        int width, const char *text, int len, int docsize,
                        matches *ms, unsigned char *seen, passage *p) {
    int rc = matches_read(api, fts, col, ms);
    if (rc == SQLITE_OK && ms->n > 0) {
        sentences sp = {p->s, text, ms, 0, 0, 0};
        rc = api->xTokenize(fts, text, len, &sp, sentence_token);
        if (rc == TOKENS_ENOUGH) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) return rc;
    p->from = passage_choose(ms, width, docsize, seen);
    p->to = p->from + width - 1;
    return passage_write(api, fts, col, ms, text, len, docsize, width, p);
}

/* gazette_snippet(articles_fts, COLUMN, OPEN, CLOSE, ELLIPSIS, TOKENS):
** the arguments of FTS5's snippet(); the store_sqlite is the function's
** user data (store_sqlite.h). */
void store_sqlite_snippet(const Fts5ExtensionApi *api, Fts5Context *fts,
                          sqlite3_context *ctx, int nval, sqlite3_value **val) {
    store_sqlite *s = api->xUserData(fts);
    if (nval != 5) {
        sqlite3_result_error(ctx, "gazette_snippet: five arguments, as snippet's", -1);
        return;
    }
    if (store_deadline_passed(&s->base)) {
        sqlite3_result_error_code(ctx, SQLITE_INTERRUPT);
        return;
    }
    int col = sqlite3_value_int(val[0]), width = sqlite3_value_int(val[4]);
    if (width < 1) width = 1;
    const char *text = NULL;
    int len = 0, docsize = 0;
    int rc = api->xColumnText(fts, col, &text, &len);
    if (rc == SQLITE_OK && text == NULL) {
        sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
        return;
    }
    if (rc == SQLITE_OK) rc = api->xColumnSize(fts, col, &docsize);
    passage p = {.s = s, .text = text, .open = text_of(val[1]), .close = text_of(val[2]),
                 .ellipsis = text_of(val[3]), .out = BUF_INIT};
    matches *ms = malloc(sizeof *ms);
    unsigned char *seen = malloc((size_t)api->xPhraseCount(fts) + 1);
    if (rc == SQLITE_OK && (ms == NULL || seen == NULL)) rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK) rc = snippet_make(api, fts, col, width, text, len, docsize, ms, seen, &p);
    if (rc == SQLITE_OK)
        sqlite3_result_text(ctx, p.out.data ? p.out.data : "", (int)p.out.len,
                            SQLITE_TRANSIENT);
    else
        sqlite3_result_error_code(ctx, rc);
    buf_free(&p.out);
    free(seen);
    free(ms);
}
