/*
** store.c — store.h above the backend table.
**
** Design: every function of store.h is here.  Most are one call through
** s->backend (store_backend.h); the others hold the rules that do not
** depend on what keeps the data, so that each backend implements them by
** construction rather than by copy:
**
**   store_open               the backend chosen from the location
**   store_now, store_set_now the clock of the published rule: fixed,
**                            else read once a snapshot, else per read
**   store_article_put        the article checked, format and updated
**                            filled, the slug of a new article chosen
**                            among slug, slug-2, slug-3 ..., the permalink
**                            made from date and slug, the collision and
**                            missing-id refusals, the redirect a move
**                            leaves and the one the final path takes
**                            back, all in one write transaction
**   store_article_related    the stored list first, else the tag rule
**   store_article_by_source[_hash]  "" finds nothing
**   store_comment_set_status the lesson of each status, and taking a
**                            previous lesson back, in one transaction
**   store_comment_status_*   the status names
**   store_comment_add, store_comment_last_from_ip
**                            the key a comment's address is counted
**                            under by the flood rule (netaddr.h)
**   store_articles_feed      the filtered list with each article's tags
**   store_name_by_slug       the kinds of names
**   store_search(_partial)   an empty query finds nothing; an article
**                            holding a marker character gets no marks;
**                            a search with no time left finds nothing
**   store_search_budget      the deadline the backend's searches keep
**   store_search_suggest     the spelling rule (edit distance, bounds)
**   store_sitemap_*          the groups' order and the files' windows
**
** Below the table a backend does the storing (store_backend.h says what
** each entry does); nothing here knows SQL.
*/
#include "store_backend.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "netaddr.h"

/* ---- the backends ------------------------------------------------------- */

/* The backends gazette is built with, by the name a location starts with
** ("sqlite:PATH").  The first is the default for a plain path. */
static const store_backend *const backends[] = {
    &store_sqlite_backend,
};

/* Whether location starts with "NAME:" for name; *rest gets what follows. */
static bool scheme_is(const char *location, const char *name, const char **rest) {
    size_t n = strlen(name);
    if (strncmp(location, name, n) != 0 || location[n] != ':') return false;
    *rest = location + n + 1;
    return true;
}

/* Whether location has the shape of a URL: letters (and + - .) then
** "://".  A path does not, so such a location names a backend. */
static bool looks_like_url(const char *location) {
    size_t i = 0;
    for (char c; (c = location[i]) != '\0'; i++) {
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        bool more = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
        if (!letter && !(i > 0 && more)) break;
    }
    return i > 0 && strncmp(location + i, "://", 3) == 0;
}

int store_open(store_t **out, const char *location, bool create, err_t *err) {
    *out = NULL;
    if (location == NULL || location[0] == '\0')
        return err_set(err, "store: no location given");
    const char *rest;
    /* not echoed: a database URL may carry a password */
    if (scheme_is(location, "postgresql", &rest) || scheme_is(location, "postgres", &rest))
        return err_set(err, "store: PostgreSQL backend not built yet");
    const store_backend *b = NULL;
    for (size_t i = 0; i < sizeof backends / sizeof backends[0] && b == NULL; i++)
        if (scheme_is(location, backends[i]->name, &rest)) b = backends[i];
    if (b == NULL) {
        if (looks_like_url(location))
            return err_set(err, "store: no backend for '%.*s' (sqlite:PATH or a "
                           "path)", (int)strcspn(location, ":"), location);
        b = backends[0];
        rest = location;
    }
    if (rest[0] == '\0') return err_set(err, "store: nothing after '%s:'", b->name);
    return b->open(out, rest, create, err);
}

void store_close(store_t *s) {
    if (s) s->backend->close(s);
}

/* The snapshot's clock is read once, so that every list of one page
** agrees on which articles are out yet. */
int store_read_begin(store_t *s, err_t *err) {
    s->snapshot_now = (long long)time(NULL);
    return s->backend->read_begin(s, err);
}

void store_read_end(store_t *s) {
    s->snapshot_now = 0;
    s->backend->read_end(s);
}

void store_set_now(store_t *s, long long now) {
    s->fixed_now = now;
}

long long store_now(const store_t *s) {
    if (s->fixed_now) return s->fixed_now;
    if (s->snapshot_now) return s->snapshot_now;
    return (long long)time(NULL);
}

int store_schema_version(store_t *s) {
    return s->backend->schema_version(s);
}

int store_check(store_t *s, err_t *err) {
    return s->backend->check(s, err);
}

/* ---- articles: writing ------------------------------------------------ */

/* The k-th slug a new article tries (k from 1): slug, slug-2, slug-3 ... */
static const char *slug_candidate(arena_t *arena, const char *slug, long long k) {
    return k == 1 ? slug : arena_printf(arena, "%s-%lld", slug, k);
}

/* store_article_put inside the write: a is checked and complete; *out's
** strings in arena. */
static int article_put_in_write(store_t *s, arena_t *arena, const store_article *a,
                                store_article_saved *out, err_t *err) {
    const store_backend *b = s->backend;
    long long owner;
    const char *slug = a->slug, *old_path = NULL;
    if (a->id == 0) {
        /* the first free candidate: there are fewer articles than tries */
        for (long long k = 1;; k++) {
            slug = slug_candidate(arena, a->slug, k);
            if (b->slug_owner(s, slug, &owner, err)) return -1;
            if (owner == 0) break;
        }
    } else {
        if (a->id > 0 && b->article_path(s, arena, a->id, &old_path, err)) return -1;
        if (old_path == NULL) return err_set(err, "store: no article with id %lld", a->id);
        if (b->slug_owner(s, slug, &owner, err)) return -1;
        if (owner && owner != a->id)
            return err_set(err, "store: the slug '%s' belongs to another article "
                           "(id %lld)", slug, owner);
    }
    const char *path = date_permalink(arena, a->published, slug);
    long long id;
    if (b->article_write(s, a, a->id, slug, path, &id, err) ||
        b->redirect_drop(s, path, err))
        return -1;
    bool moved = old_path && strcmp(old_path, path) != 0;
    if (moved && b->redirect_add(s, old_path, id, err)) return -1;
    *out = (store_article_saved){.id = id, .slug = slug, .path = path,
                                 .created = a->id == 0,
                                 .moved_from = moved ? old_path : NULL};
    return 0;
}

int store_article_put(store_t *s, arena_t *arena, const store_article *a,
                      store_article_saved *saved, err_t *err) {
    if (a->slug == NULL || a->slug[0] == '\0' || a->title == NULL)
        return err_set(err, "store: an article needs a slug and a title");
    store_article full = *a;
    if (full.format == NULL) full.format = "markdown";
    if (full.updated == 0) full.updated = (long long)time(NULL);
    arena_t scratch = ARENA_INIT;
    store_article_saved done;
    int rc = s->backend->write_begin(s, err);
    if (rc == 0) {
        rc = article_put_in_write(s, &scratch, &full, &done, err);
        if (rc == 0) rc = s->backend->write_commit(s, err);
        if (rc) s->backend->write_rollback(s);
    }
    if (rc == 0 && saved) {
        *saved = done;
        saved->slug = arena_strdup(arena, done.slug);
        saved->path = arena_strdup(arena, done.path);
        if (done.moved_from) saved->moved_from = arena_strdup(arena, done.moved_from);
    }
    arena_free(&scratch);
    return rc;
}

/* ---- articles: reading ------------------------------------------------ */

int store_article_by_path(store_t *s, arena_t *arena, const char *path,
                          store_article **out, err_t *err) {
    return s->backend->article_by_path(s, arena, path, out, err);
}

int store_article_by_slug(store_t *s, arena_t *arena, const char *slug,
                          store_article **out, err_t *err) {
    return s->backend->article_by_slug(s, arena, slug, out, err);
}

int store_article_by_id(store_t *s, arena_t *arena, long long id,
                        store_article **out, err_t *err) {
    return s->backend->article_by_id(s, arena, id, out, err);
}

int store_article_get(store_t *s, arena_t *arena, long long id,
                      store_article **out, err_t *err) {
    return s->backend->article_get(s, arena, id, out, err);
}

int store_article_by_source(store_t *s, arena_t *arena, const char *source,
                            store_article **out, err_t *err) {
    *out = NULL;
    if (source == NULL || source[0] == '\0') return 0;
    return s->backend->article_by_source(s, arena, source, out, err);
}

int store_article_by_source_hash(store_t *s, arena_t *arena, const char *hash,
                                 store_article **out, err_t *err) {
    *out = NULL;
    if (hash == NULL || hash[0] == '\0') return 0;
    return s->backend->article_by_source_hash(s, arena, hash, out, err);
}

int store_redirect_find(store_t *s, arena_t *arena, const char *path,
                        const char **to, err_t *err) {
    *to = NULL;
    if (path == NULL || path[0] == '\0') return 0;
    return s->backend->redirect_find(s, arena, path, to, err);
}

int store_articles_latest(store_t *s, arena_t *arena, size_t offset,
                          size_t limit, store_article ***out, size_t *n,
                          err_t *err) {
    return s->backend->articles_latest(s, arena, offset, limit, out, n, err);
}

int store_article_related(store_t *s, arena_t *arena, const store_article *a,
                          store_article **out, err_t *err) {
    /* the first of the list store_related_update stored, when there is one */
    store_article **stored;
    size_t n;
    if (s->backend->articles_related(s, arena, a, 1, &stored, &n, err)) return -1;
    if (n > 0) return s->backend->article_by_id(s, arena, stored[0]->id, out, err);
    /* else, nothing stored yet: the tag rule */
    return s->backend->article_related_by_tags(s, arena, a, out, err);
}

int store_article_set_comments_open(store_t *s, long long id, bool open,
                                    err_t *err) {
    return s->backend->article_set_comments_open(s, id, open, err);
}

int store_article_comments_open(store_t *s, long long id, err_t *err) {
    return s->backend->article_comments_open(s, id, err);
}

/* ---- comments ----------------------------------------------------------- */

static const char *const status_names[] = {
    [STORE_COMMENT_PENDING] = "pending",
    [STORE_COMMENT_APPROVED] = "approved",
    [STORE_COMMENT_SPAM] = "spam",
    [STORE_COMMENT_TRASH] = "trash",
};

enum { NSTATUS = sizeof status_names / sizeof status_names[0] };

const char *store_comment_status_name(store_comment_status st) {
    return (unsigned)st < NSTATUS ? status_names[st] : "unknown";
}

int store_comment_status_parse(const char *name) {
    for (int i = 0; i < NSTATUS; i++)
        if (name && !strcmp(name, status_names[i])) return i;
    return -1;
}

int store_comments_for_article(store_t *s, arena_t *arena, long long article_id,
                               const long long *also_pending, size_t npending,
                               store_comment ***out, size_t *n, err_t *err) {
    return s->backend->comments_for_article(s, arena, article_id, also_pending,
                                            npending, out, n, err);
}

int store_comments_recent(store_t *s, arena_t *arena, long long article_id,
                          size_t limit, store_comment ***out, size_t *n,
                          err_t *err) {
    return s->backend->comments_recent(s, arena, article_id, limit, out, n, err);
}

int store_comments_list(store_t *s, arena_t *arena, int status, size_t offset,
                        size_t limit, store_comment ***out, size_t *n,
                        size_t *total, err_t *err) {
    return s->backend->comments_list(s, arena, status, offset, limit, out, n,
                                     total, err);
}

int store_comment_get(store_t *s, arena_t *arena, long long id,
                      store_comment **out, err_t *err) {
    return s->backend->comment_get(s, arena, id, out, err);
}

/* The key the flood rule counts ip under (netaddr.h), in out; text that
** is no address is its own key. */
static const char *ip_key(const char *ip, char out[NETADDR_KEY_TEXT]) {
    netaddr_key key;
    if (ip == NULL) return "";
    if (!netaddr_key_parse(ip, &key)) return ip;
    netaddr_key_format(&key, out);
    return out;
}

int store_comment_add(store_t *s, const store_comment *c, long long *id_out,
                      err_t *err) {
    char key[NETADDR_KEY_TEXT];
    return s->backend->comment_add(s, c, ip_key(c->ip, key), id_out, err);
}

int store_comment_author_known(store_t *s, const char *email, bool *known,
                               err_t *err) {
    return s->backend->comment_author_known(s, email, known, err);
}

int store_comment_last_from_ip(store_t *s, const char *ip, long long *created,
                               err_t *err) {
    char key[NETADDR_KEY_TEXT];
    return s->backend->comment_last_from_ip(s, ip_key(ip, key), created, err);
}

int store_comment_is_duplicate(store_t *s, long long article_id,
                               const char *email, const char *body,
                               bool *duplicate, err_t *err) {
    return s->backend->comment_is_duplicate(s, article_id, email, body,
                                            duplicate, err);
}

/* What the filter learns from a comment moved to status: an approved one
** is ham, one marked spam is spam, any other teaches nothing. */
static store_lesson lesson_of(store_comment_status status) {
    return status == STORE_COMMENT_APPROVED ? STORE_LESSON_HAM
           : status == STORE_COMMENT_SPAM   ? STORE_LESSON_SPAM
                                            : STORE_LESSON_NONE;
}

/* store_comment_set_status inside the write. */
static int set_status_in_write(store_t *s, long long id, store_comment_status status,
                               const char *const *tokens, size_t n, err_t *err) {
    const store_backend *b = s->backend;
    bool found;
    store_lesson old, lesson = lesson_of(status);
    if (b->comment_lesson(s, id, &found, &old, err)) return -1;
    if (!found) return err_set(err, "there is no comment %lld", id);
    if (old != lesson) {
        if (old != STORE_LESSON_NONE && b->bayes_learn(s, old, -1, tokens, n, err))
            return -1;
        if (lesson != STORE_LESSON_NONE && b->bayes_learn(s, lesson, +1, tokens, n, err))
            return -1;
    }
    return b->comment_status_write(s, id, status, lesson, err);
}

int store_comment_set_status(store_t *s, long long id,
                             store_comment_status status,
                             const char *const *tokens, size_t ntokens,
                             err_t *err) {
    if (s->backend->write_begin(s, err)) return -1;
    if (set_status_in_write(s, id, status, tokens, ntokens, err) ||
        s->backend->write_commit(s, err)) {
        s->backend->write_rollback(s);
        return -1;
    }
    return 0;
}

int store_bayes_totals(store_t *s, long long *ham, long long *spam, err_t *err) {
    return s->backend->bayes_totals(s, ham, spam, err);
}

int store_bayes_token(store_t *s, const char *token, long long *ham,
                      long long *spam, err_t *err) {
    return s->backend->bayes_token(s, token, ham, spam, err);
}

/* ---- archives and feeds ------------------------------------------------ */

int store_articles_filtered(store_t *s, arena_t *arena, const store_filter *f,
                            size_t offset, size_t limit, store_article ***out,
                            size_t *n, err_t *err) {
    return s->backend->articles_filtered(s, arena, f, offset, limit, false, out,
                                         n, err);
}

/* The rows first, then each one's tags. */
int store_articles_feed(store_t *s, arena_t *arena, const store_filter *f,
                        size_t limit, bool bodies, store_article ***out,
                        size_t *n, err_t *err) {
    if (s->backend->articles_filtered(s, arena, f, 0, limit, bodies, out, n, err))
        return -1;
    for (size_t i = 0; i < *n; i++)
        if (s->backend->article_tags(s, arena, (*out)[i], err)) return -1;
    return 0;
}

int store_name_by_slug(store_t *s, arena_t *arena, const char *kind,
                       const char *slug, const char **name, err_t *err) {
    static const struct { const char *name; store_name_kind kind; } kinds[] = {
        {"section", STORE_NAME_SECTION},
        {"tag", STORE_NAME_TAG},
        {"author", STORE_NAME_AUTHOR},
    };
    *name = NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kind, kinds[i].name))
            return s->backend->name_by_slug(s, arena, kinds[i].kind, slug, name, err);
    return err_set(err, "store: no such kind of name '%s'", kind);
}

int store_sections(store_t *s, arena_t *arena, const char ***names,
                   const char ***slugs, size_t *n, err_t *err) {
    return s->backend->sections(s, arena, names, slugs, n, err);
}

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

/* An article holding a marker character of its own gets no marks
** (store.h): its own and real ones cannot be told apart. */
static void unmark_hits(store_search_hit **hits, size_t n) {
    for (size_t i = 0; i < n; i++) {
        store_search_hit *h = hits[i];
        if (holds_marker(h->article->title) ||
            (h->article->body_text && holds_marker(h->article->body_text))) {
            unmark((char *)h->title);
            unmark((char *)h->snippet);
        }
    }
}

/* Now, on CLOCK_MONOTONIC, in nanoseconds. */
static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

void store_search_budget(store_t *s, long ms) {
    s->search_deadline = ms > 0 ? now_ns() + (long long)ms * 1000000LL : 0;
    s->out_of_time = false;
}

bool store_search_out_of_time(const store_t *s) {
    return s->out_of_time;
}

bool store_deadline_passed(const store_t *s) {
    return s->search_deadline != 0 && now_ns() >= s->search_deadline;
}

/* Whether a search about to start has no time left: it then returns
** nothing, and says so. */
static bool no_time_left(store_t *s) {
    if (!store_deadline_passed(s)) return false;
    s->out_of_time = true;
    return true;
}

/* A backend's search entry: search or search_partial. */
typedef int search_fn(store_t *s, arena_t *arena, const char *query, size_t offset,
                      size_t limit, store_search_hit ***out, size_t *n,
                      size_t *total, err_t *err);

/* store_search and store_search_partial through their entry fn: nothing
** for an empty query, else fn's hits, unmarked where needed. */
static int search_through(search_fn *fn, store_t *s, arena_t *arena,
                          const char *query, size_t offset, size_t limit,
                          store_search_hit ***out, size_t *n, size_t *total,
                          err_t *err) {
    *out = NULL;
    *n = 0;
    *total = 0;
    if (query == NULL || query[strspn(query, " ")] == '\0' || no_time_left(s)) return 0;
    if (fn(s, arena, query, offset, limit, out, n, total, err)) return -1;
    unmark_hits(*out, *n);
    return 0;
}

int store_search(store_t *s, arena_t *arena, const char *query,
                 size_t offset, size_t limit, store_search_hit ***out,
                 size_t *n, size_t *total, err_t *err) {
    return search_through(s->backend->search, s, arena, query, offset, limit,
                          out, n, total, err);
}

int store_search_partial(store_t *s, arena_t *arena, const char *query,
                         size_t offset, size_t limit, store_search_hit ***out,
                         size_t *n, size_t *total, err_t *err) {
    return search_through(s->backend->search_partial, s, arena, query, offset,
                          limit, out, n, total, err);
}

/* How many indexed terms one suggestion compares at most, and the
** longest word (in characters) it tries to correct. */
enum { SUGGEST_SCAN_MAX = 20000, SUGGEST_WORD_MAX = 40 };

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

/* The search for the term closest to a word, fed by search_terms_scan. */
typedef struct nearest {
    arena_t *arena;
    const uint32_t *w;         /* the word, decoded */
    size_t nw;
    size_t limit;              /* the largest distance accepted */
    size_t best;               /* the best distance so far, limit + 1: none */
    long long best_docs;
    const char *found;         /* in arena */
} nearest;

/* search_terms_scan's visit: keep term when it is closer, or as close and
** commoner. */
static void nearest_visit(void *ctx, const char *term, long long docs) {
    nearest *q = ctx;
    uint32_t c[SUGGEST_WORD_MAX];
    size_t nc = decode(term, c, SUGGEST_WORD_MAX);
    if (nc > SUGGEST_WORD_MAX || nc + q->limit < q->nw || q->nw + q->limit < nc)
        return;
    size_t d = distance(q->w, q->nw, c, nc, q->best < q->limit ? q->best : q->limit);
    if (d < q->best || (d == q->best && d <= q->limit && docs > q->best_docs)) {
        q->best = d;
        q->best_docs = docs;
        q->found = arena_strdup(q->arena, term);
    }
}

/* See store.h: the word as the index spells it; when the index lacks it,
** the closest of the terms that share its first character. */
int store_search_suggest(store_t *s, arena_t *arena, const char *word,
                         const char **out, err_t *err) {
    *out = NULL;
    if (word == NULL || no_time_left(s)) return 0;
    const char *term;
    size_t count;
    if (s->backend->search_token(s, arena, word, &term, &count, err)) return -1;
    if (count != 1) return 0;
    uint32_t w[SUGGEST_WORD_MAX];
    size_t nw = decode(term, w, SUGGEST_WORD_MAX);
    if (nw < 3 || nw > SUGGEST_WORD_MAX) return 0;
    long long docs;
    if (s->backend->search_term_docs(s, term, &docs, err)) return -1;
    if (docs > 0) return 0;                     /* indexed: nothing to correct */
    size_t limit = nw <= 4 ? 1 : 2;
    nearest q = {arena, w, nw, limit, limit + 1, 0, NULL};
    const char *first = arena_strndup(arena, term, char_len(term));
    if (s->backend->search_terms_scan(s, first, SUGGEST_SCAN_MAX, nearest_visit,
                                      &q, err))
        return -1;
    /* a scan stopped half way may have missed the closest term */
    *out = s->out_of_time ? NULL : q.found;
    return 0;
}

/* ---- related stories ------------------------------------------------------ */

int store_related_update(store_t *s, long long id, err_t *err) {
    return s->backend->related_update(s, id, err);
}

int store_articles_related(store_t *s, arena_t *arena, const store_article *a,
                           size_t limit, store_article ***out, size_t *n,
                           err_t *err) {
    *out = NULL;
    *n = 0;
    if (limit == 0) return 0;
    return s->backend->articles_related(s, arena, a, limit, out, n, err);
}

/* ---- sitemaps ------------------------------------------------------------ */

/* The kind of each group's entries, in the sitemaps' order. */
static const char *const group_kinds[STORE_SITEMAP_NGROUPS] = {
    [STORE_SITEMAP_SECTIONS] = "section",
    [STORE_SITEMAP_AUTHORS] = "author",
    [STORE_SITEMAP_TAGS] = "tag",
    [STORE_SITEMAP_ARTICLES] = "article",
};

/* The sizes of the sitemap groups, in their order. */
static int group_counts(store_t *s, long long count[STORE_SITEMAP_NGROUPS],
                        err_t *err) {
    for (int g = 0; g < STORE_SITEMAP_NGROUPS; g++)
        if (s->backend->sitemap_group_count(s, (store_sitemap_group)g, &count[g], err))
            return -1;
    return 0;
}

int store_sitemap_count(store_t *s, long long *n, err_t *err) {
    long long count[STORE_SITEMAP_NGROUPS];
    if (group_counts(s, count, err)) return -1;
    *n = 0;
    for (int g = 0; g < STORE_SITEMAP_NGROUPS; g++) *n += count[g];
    return 0;
}

/* A window [offset, offset + limit) of the concatenated groups of sizes
** count[], as the part of each group it covers: skip[g] rows of group g
** skipped, take[g] taken (0: untouched). */
static void window(const long long count[STORE_SITEMAP_NGROUPS], long long offset,
                   long long limit, long long skip[STORE_SITEMAP_NGROUPS],
                   long long take[STORE_SITEMAP_NGROUPS]) {
    for (int g = 0; g < STORE_SITEMAP_NGROUPS; g++) {
        skip[g] = offset < count[g] ? offset : count[g];
        take[g] = count[g] - skip[g] < limit ? count[g] - skip[g] : limit;
        offset -= skip[g];
        limit -= take[g];
    }
}

/* The window placed over the groups by their counts, then only the groups
** it touches read.  A write between the count and the read may change a
** group: never more than counted rows are taken, so the array holds. */
int store_sitemap_entries(store_t *s, arena_t *arena, size_t offset,
                          size_t limit, store_sitemap_entry **out, size_t *n,
                          err_t *err) {
    long long count[STORE_SITEMAP_NGROUPS], skip[STORE_SITEMAP_NGROUPS],
        take[STORE_SITEMAP_NGROUPS];
    if (group_counts(s, count, err)) return -1;
    window(count, (long long)offset, (long long)limit, skip, take);
    long long total = 0;
    for (int g = 0; g < STORE_SITEMAP_NGROUPS; g++) total += take[g];
    *out = arena_alloc(arena, (size_t)(total ? total : 1) * sizeof **out);
    *n = 0;
    for (int g = 0; g < STORE_SITEMAP_NGROUPS; g++) {
        if (take[g] == 0) continue;
        size_t got;
        if (s->backend->sitemap_group_rows(s, arena, (store_sitemap_group)g, skip[g],
                                           take[g], *out + *n, &got, err))
            return -1;
        for (size_t i = 0; i < got; i++) (*out)[*n + i].kind = group_kinds[g];
        *n += got;
    }
    return 0;
}

/* The counts once, then the newest lastmod of each group a window
** touches. */
int store_sitemap_lastmods(store_t *s, size_t lead, size_t per,
                           long long *lastmods, size_t nfiles, err_t *err) {
    long long count[STORE_SITEMAP_NGROUPS], skip[STORE_SITEMAP_NGROUPS],
        take[STORE_SITEMAP_NGROUPS];
    if (group_counts(s, count, err)) return -1;
    for (size_t k = 0; k < nfiles; k++) {
        long long from = (long long)(k * per) - (long long)lead;
        long long to = (long long)((k + 1) * per) - (long long)lead;
        if (from < 0) from = 0;
        window(count, from, to > from ? to - from : 0, skip, take);
        lastmods[k] = 0;
        for (int g = 0; g < STORE_SITEMAP_NGROUPS; g++) {
            long long m;
            if (take[g] == 0) continue;
            if (s->backend->sitemap_group_lastmod(s, (store_sitemap_group)g, skip[g],
                                                  take[g], &m, err))
                return -1;
            if (m > lastmods[k]) lastmods[k] = m;
        }
    }
    return 0;
}

/* ---- settings ----------------------------------------------------------- */

int store_setting_get(store_t *s, arena_t *arena, const char *key,
                      const char **out, err_t *err) {
    return s->backend->setting_get(s, arena, key, out, err);
}

int store_setting_set(store_t *s, const char *key, const char *value,
                      err_t *err) {
    return s->backend->setting_set(s, key, value, err);
}
