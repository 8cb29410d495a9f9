/*
** store_sqlite.c — the SQLite backend: the table of store_backend.h over
** one SQLite file (store_sqlite_backend, at the end of this file, is all
** it exports; the search, related, archive and feed entries are in the
** store_sqlite_*.c files).  The rules above the table are store.c's.
**
** Design: the schema lives in the migrations[] array below and nowhere
** else; PRAGMA user_version records how many of them a file has applied,
** and open applies the rest, each in its own transaction.  Every
** statement is prepared once per connection (SQLITE_PREPARE_PERSISTENT)
** into the stmt[] table, indexed by the STMT_* names, and reset after use:
** no SQL text is built at run time and every value is a bound parameter.
** The published rule (store.h) is written "a.published <= "
** STORE_SQLITE_NOW in every statement that reads articles for the public;
** that parameter is bound whenever a statement is fetched (stmt_get,
** store_sqlite_prepare), so no reader can forget it.
**
** The file runs in WAL mode with synchronous=FULL: readers never block the
** writer, and a COMMIT has reached the disk when sqlite3_step returns,
** which is what store.h promises ("0 only after its transaction committed").
*/
#include "store_sqlite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "slug.h"
#include "vec.h"

/* ---- schema ------------------------------------------------------------ */

static const char *const migrations[] = {
    /* 1: articles, their sections, authors and tags; comments; settings */
    "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE sections(id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL);"
    "CREATE TABLE authors(id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL);"
    "CREATE TABLE tags(id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL);"
    "CREATE TABLE articles(id INTEGER PRIMARY KEY,"
    "  slug TEXT NOT NULL UNIQUE, path TEXT NOT NULL UNIQUE,"
    "  title TEXT NOT NULL, format TEXT NOT NULL, body TEXT NOT NULL,"
    "  body_html TEXT NOT NULL, body_text TEXT NOT NULL,"
    "  section_id INTEGER REFERENCES sections(id),"
    "  author_id INTEGER REFERENCES authors(id),"
    "  published INTEGER NOT NULL, updated INTEGER NOT NULL,"
    "  status INTEGER NOT NULL);"
    "CREATE INDEX articles_by_date ON articles(status, published DESC);"
    "CREATE TABLE article_tags("
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  tag_id INTEGER NOT NULL REFERENCES tags(id),"
    "  position INTEGER NOT NULL, PRIMARY KEY(article_id, tag_id));"
    "CREATE INDEX article_tags_by_tag ON article_tags(tag_id);"
    "CREATE TABLE comments(id INTEGER PRIMARY KEY,"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  parent_id INTEGER NOT NULL DEFAULT 0,"
    "  author TEXT NOT NULL, email TEXT NOT NULL, url TEXT NOT NULL DEFAULT '',"
    "  body TEXT NOT NULL, ip TEXT NOT NULL DEFAULT '',"
    "  status TEXT NOT NULL"
    "    CHECK (status IN ('pending','approved','spam','trash')),"
    "  created INTEGER NOT NULL);"
    "CREATE INDEX comments_by_article ON comments(article_id, status, created);",

    /* 2: comment moderation and the spam filter */
    "ALTER TABLE articles ADD COLUMN comments_open INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE comments ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE comments ADD COLUMN held_reason TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE comments ADD COLUMN spam_score REAL NOT NULL DEFAULT 0.5;"
    "ALTER TABLE comments ADD COLUMN trained TEXT"
    "  CHECK (trained IN ('ham','spam'));"
    "CREATE INDEX comments_by_ip ON comments(ip, created);"
    "CREATE INDEX comments_by_email ON comments(email, status);"
    "CREATE INDEX comments_by_status ON comments(status, created);"
    "CREATE TABLE bayes_tokens(token TEXT PRIMARY KEY,"
    "  ham INTEGER NOT NULL DEFAULT 0, spam INTEGER NOT NULL DEFAULT 0)"
    "  WITHOUT ROWID;"
    "CREATE TABLE bayes_totals(id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  ham INTEGER NOT NULL, spam INTEGER NOT NULL);"
    "INSERT INTO bayes_totals VALUES (1, 0, 0);",

    /* 3: full-text search over articles, kept in step by triggers (so in
    ** the same transaction as every write); diacritics folded so that
    ** "cafe" finds "café" */
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body_text,"
    "  content='articles', content_rowid='id',"
    "  tokenize = 'unicode61 remove_diacritics 2');"
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    "  INSERT INTO articles_fts(rowid, title, body_text)"
    "  VALUES (new.id, new.title, new.body_text); END;"
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    "  INSERT INTO articles_fts(articles_fts, rowid, title, body_text)"
    "  VALUES ('delete', old.id, old.title, old.body_text); END;"
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body_text"
    "  ON articles BEGIN"
    "  INSERT INTO articles_fts(articles_fts, rowid, title, body_text)"
    "  VALUES ('delete', old.id, old.title, old.body_text);"
    "  INSERT INTO articles_fts(rowid, title, body_text)"
    "  VALUES (new.id, new.title, new.body_text); END;"
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');",

    /* 4: related stories (store_sqlite_related.c): the terms of every
    ** published article with their document frequencies, kept exact by
    ** triggers on related_docs; each article's heaviest terms, indexed by
    ** term (the inverted index candidates come from); the stored lists,
    ** ranked by score when read (a rank column would make every insertion
    ** rewrite the rows below it).
    ** Articles saved before this migration get theirs at their next save
    ** (until then store_article_related uses the tag rule). */
    "CREATE TABLE term_stats(id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE,"
    "  df INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE related_totals(id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  docs INTEGER NOT NULL);"
    "INSERT INTO related_totals VALUES (1, 0);"
    "CREATE TABLE related_docs(article_id INTEGER PRIMARY KEY"
    "  REFERENCES articles(id) ON DELETE CASCADE,"
    "  section_id INTEGER NOT NULL, published INTEGER NOT NULL,"
    "  tags TEXT NOT NULL, terms TEXT NOT NULL);"
    "CREATE TABLE article_terms(article_id INTEGER NOT NULL,"
    "  term_id INTEGER NOT NULL, tf REAL NOT NULL, weight REAL NOT NULL,"
    "  PRIMARY KEY(article_id, term_id)) WITHOUT ROWID;"
    "CREATE INDEX article_terms_by_term"
    "  ON article_terms(term_id, weight DESC, article_id DESC);"
    "CREATE TABLE related("
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  related_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  score REAL NOT NULL, PRIMARY KEY(article_id, related_id)) WITHOUT ROWID;"
    "CREATE INDEX related_by_related ON related(related_id);"
    "CREATE TRIGGER related_docs_insert AFTER INSERT ON related_docs BEGIN"
    "  UPDATE term_stats SET df = df + 1"
    "    WHERE id IN (SELECT value FROM json_each(new.terms));"
    "  UPDATE related_totals SET docs = docs + 1 WHERE id = 1; END;"
    "CREATE TRIGGER related_docs_delete AFTER DELETE ON related_docs BEGIN"
    "  UPDATE term_stats SET df = df - 1"
    "    WHERE id IN (SELECT value FROM json_each(old.terms));"
    "  UPDATE related_totals SET docs = docs - 1 WHERE id = 1;"
    "  DELETE FROM article_terms WHERE article_id = old.article_id; END;",

    /* 5: archives, sitemaps and the front page's section blocks at scale:
    ** a section's, an author's newest articles, and articles by id */
    "CREATE INDEX articles_by_section ON articles(section_id, status, published);"
    "CREATE INDEX articles_by_author ON articles(author_id, status, published);"
    "CREATE INDEX articles_by_id_updated ON articles(status, id, updated);",

    /* 6: each article's count of approved comments, kept by triggers in
    ** the same transaction as the comment's change: every list that shows
    ** "N comments" read it with a count(*) over the comments before, which
    ** grows with a popular story's thread */
    "ALTER TABLE articles ADD COLUMN comment_count INTEGER NOT NULL DEFAULT 0;"
    "UPDATE articles SET comment_count = (SELECT count(*) FROM comments c"
    "  WHERE c.article_id = articles.id AND c.status = 'approved');"
    "CREATE TRIGGER comments_count_insert AFTER INSERT ON comments"
    "  WHEN new.status = 'approved' BEGIN"
    "  UPDATE articles SET comment_count = comment_count + 1"
    "  WHERE id = new.article_id; END;"
    "CREATE TRIGGER comments_count_delete AFTER DELETE ON comments"
    "  WHEN old.status = 'approved' BEGIN"
    "  UPDATE articles SET comment_count = comment_count - 1"
    "  WHERE id = old.article_id; END;"
    "CREATE TRIGGER comments_count_update AFTER UPDATE OF status, article_id"
    "  ON comments BEGIN"
    "  UPDATE articles SET comment_count = comment_count - 1"
    "  WHERE id = old.article_id AND old.status = 'approved';"
    "  UPDATE articles SET comment_count = comment_count + 1"
    "  WHERE id = new.article_id AND new.status = 'approved'; END;",

    /* 7: an import never overwrites another story: where each article
    ** came from (the file and the hash of its bytes, both looked up), and
    ** the permalinks articles have left, each a redirect to the article
    ** (not to a path, so a chain of moves resolves in one step) */
    "ALTER TABLE articles ADD COLUMN source TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE articles ADD COLUMN source_hash TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX articles_by_source ON articles(source);"
    "CREATE INDEX articles_by_source_hash ON articles(source_hash);"
    "CREATE TABLE redirects(path TEXT PRIMARY KEY,"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE)"
    "  WITHOUT ROWID;"
    "CREATE INDEX redirects_by_article ON redirects(article_id);",

    /* 8: the flood rule counts a comment's address by its key (netaddr.h:
    ** the IPv4 address, the IPv6 /64), kept beside the address as it was
    ** (which staff see).  Earlier comments take their address as their
    ** key: the rule looks back only [comments] flood_seconds, so those
    ** rows stop mattering within seconds of the upgrade. */
    "ALTER TABLE comments ADD COLUMN ip_key TEXT NOT NULL DEFAULT '';"
    "UPDATE comments SET ip_key = ip;"
    "DROP INDEX comments_by_ip;"
    "CREATE INDEX comments_by_ip_key ON comments(ip_key, created);",

    /* 9: scheduled articles (the published rule, store.h): the sitemaps'
    ** window of articles walks ids in order and must now skip those dated
    ** after now, which the index answers without reading the long rows */
    "DROP INDEX articles_by_id_updated;"
    "CREATE INDEX articles_by_id_updated"
    "  ON articles(status, id, updated, published);",
};

enum { SCHEMA_VERSION = sizeof migrations / sizeof migrations[0] };

/* ---- statements ------------------------------------------------------- */

/* The columns every comment reader selects, in row_comment()'s order. */
#define COMMENT_COLS                                                        \
    "c.id, c.article_id, c.parent_id, c.author, c.email, c.url, c.body,"    \
    " c.ip, c.user_agent, c.held_reason, c.spam_score, c.status,"           \
    " c.created, a.path, a.title"
#define COMMENT_FROM " FROM comments c JOIN articles a ON a.id = c.article_id"

enum {
    STMT_BEGIN, STMT_READ_BEGIN, STMT_COMMIT, STMT_ROLLBACK,
    STMT_SECTION_UPSERT, STMT_AUTHOR_UPSERT, STMT_TAG_UPSERT,
    STMT_ARTICLE_ID_BY_SLUG, STMT_ARTICLE_PATH_BY_ID,
    STMT_ARTICLE_INSERT, STMT_ARTICLE_UPDATE,
    STMT_ARTICLE_TAGS_CLEAR, STMT_ARTICLE_TAG_ADD,
    STMT_ARTICLE_BY_PATH, STMT_ARTICLE_BY_SLUG, STMT_ARTICLE_TAGS,
    STMT_ARTICLES_LATEST, STMT_ARTICLE_RELATED,
    STMT_ARTICLE_BY_ID, STMT_ARTICLE_GET, STMT_ARTICLE_BY_SOURCE,
    STMT_ARTICLE_BY_SOURCE_HASH,
    STMT_REDIRECT_ADD, STMT_REDIRECT_DROP, STMT_REDIRECT_FIND,
    STMT_ARTICLE_OPEN_SET, STMT_ARTICLE_OPEN_GET,
    STMT_COMMENTS_FOR_ARTICLE, STMT_COMMENTS_RECENT, STMT_COMMENTS_LIST,
    STMT_COMMENTS_COUNT,
    STMT_COMMENT_GET, STMT_COMMENT_INSERT, STMT_COMMENT_AUTHOR_KNOWN,
    STMT_COMMENT_LAST_FROM_IP, STMT_COMMENT_DUPLICATE,
    STMT_COMMENT_TRAINED, STMT_COMMENT_STATUS_SET,
    STMT_BAYES_TOTALS, STMT_BAYES_TOTALS_ADD, STMT_BAYES_TOKEN,
    STMT_BAYES_TOKEN_ADD,
    STMT_SETTING_GET, STMT_SETTING_SET,
    STMT_COUNT
};

_Static_assert((int)STMT_COUNT <= (int)STORE_SQLITE_CORE, "more statements than slots");

static const char *const stmt_sql[STMT_COUNT] = {
    [STMT_BEGIN] = "BEGIN IMMEDIATE",
    [STMT_READ_BEGIN] = "BEGIN DEFERRED",
    [STMT_COMMIT] = "COMMIT",
    [STMT_ROLLBACK] = "ROLLBACK",
    [STMT_SECTION_UPSERT] =
        "INSERT INTO sections(slug, name) VALUES(?1, ?2)"
        " ON CONFLICT(slug) DO UPDATE SET name = name RETURNING id",
    [STMT_AUTHOR_UPSERT] =
        "INSERT INTO authors(slug, name) VALUES(?1, ?2)"
        " ON CONFLICT(slug) DO UPDATE SET name = name RETURNING id",
    [STMT_TAG_UPSERT] =
        "INSERT INTO tags(slug, name) VALUES(?1, ?2)"
        " ON CONFLICT(slug) DO UPDATE SET name = name RETURNING id",
    [STMT_ARTICLE_ID_BY_SLUG] = "SELECT id FROM articles WHERE slug = ?1",
    [STMT_ARTICLE_PATH_BY_ID] = "SELECT path FROM articles WHERE id = ?1",
    [STMT_ARTICLE_INSERT] =
        "INSERT INTO articles(slug, path, title, format, body, body_html,"
        " body_text, section_id, author_id, published, updated, status,"
        " comments_open, source, source_hash)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
        " ?14, ?15)",
    [STMT_ARTICLE_UPDATE] =
        "UPDATE articles SET slug = ?1, path = ?2, title = ?3, format = ?4,"
        " body = ?5, body_html = ?6, body_text = ?7, section_id = ?8,"
        " author_id = ?9, published = ?10, updated = ?11, status = ?12,"
        " comments_open = ?13, source = ?14, source_hash = ?15"
        " WHERE id = ?16",
    [STMT_ARTICLE_TAGS_CLEAR] = "DELETE FROM article_tags WHERE article_id = ?1",
    [STMT_ARTICLE_TAG_ADD] =
        "INSERT OR IGNORE INTO article_tags(article_id, tag_id, position)"
        " VALUES(?1, ?2, ?3)",
    [STMT_ARTICLE_BY_PATH] =
        "SELECT " ARTICLE_COLS ARTICLE_FROM
        " WHERE a.path = ?1 AND a.status = 1 AND a.published <= " STORE_SQLITE_NOW,
    [STMT_ARTICLE_BY_SLUG] =
        "SELECT " ARTICLE_COLS ARTICLE_FROM " WHERE a.slug = ?1",
    [STMT_ARTICLE_TAGS] =
        "SELECT t.name, t.slug FROM article_tags x JOIN tags t"
        " ON t.id = x.tag_id WHERE x.article_id = ?1 ORDER BY x.position",
    [STMT_ARTICLES_LATEST] =
        "SELECT " ARTICLE_COLS ARTICLE_FROM
        " WHERE a.status = 1 AND a.published <= " STORE_SQLITE_NOW
        " ORDER BY a.published DESC, a.id DESC LIMIT ?1 OFFSET ?2",
    [STMT_ARTICLE_RELATED] =
        "SELECT " ARTICLE_COLS ARTICLE_FROM
        " WHERE a.status = 1 AND a.published <= " STORE_SQLITE_NOW " AND a.id <> ?1"
        " ORDER BY (SELECT count(*) FROM article_tags x JOIN article_tags y"
        "   ON y.tag_id = x.tag_id AND y.article_id = ?1"
        "   WHERE x.article_id = a.id) DESC,"
        " (a.section_id IS (SELECT section_id FROM articles WHERE id = ?1)"
        "   AND a.section_id IS NOT NULL) DESC,"
        " a.published DESC, a.id DESC LIMIT 1",
    [STMT_ARTICLE_BY_ID] =
        "SELECT " ARTICLE_COLS ARTICLE_FROM
        " WHERE a.id = ?1 AND a.status = 1 AND a.published <= " STORE_SQLITE_NOW,
    [STMT_ARTICLE_GET] = "SELECT " ARTICLE_COLS ARTICLE_FROM " WHERE a.id = ?1",
    [STMT_ARTICLE_BY_SOURCE] =
        "SELECT " ARTICLE_COLS ARTICLE_FROM
        " WHERE a.source = ?1 ORDER BY a.id DESC LIMIT 1",
    [STMT_ARTICLE_BY_SOURCE_HASH] =
        "SELECT " ARTICLE_COLS ARTICLE_FROM
        " WHERE a.source_hash = ?1 ORDER BY a.id DESC LIMIT 1",
    [STMT_REDIRECT_ADD] =
        "INSERT INTO redirects(path, article_id) VALUES(?1, ?2)"
        " ON CONFLICT(path) DO UPDATE SET article_id = excluded.article_id",
    [STMT_REDIRECT_DROP] = "DELETE FROM redirects WHERE path = ?1",
    [STMT_REDIRECT_FIND] =
        "SELECT a.path FROM redirects r JOIN articles a ON a.id = r.article_id"
        " WHERE r.path = ?1 AND a.status = 1 AND a.published <= " STORE_SQLITE_NOW
        " AND NOT EXISTS (SELECT 1 FROM articles WHERE path = ?1)",
    [STMT_ARTICLE_OPEN_SET] =
        "UPDATE articles SET comments_open = ?2 WHERE id = ?1",
    [STMT_ARTICLE_OPEN_GET] = "SELECT comments_open FROM articles WHERE id = ?1",
    [STMT_COMMENTS_FOR_ARTICLE] =
        "SELECT " COMMENT_COLS COMMENT_FROM " WHERE c.article_id = ?1"
        " AND (c.status = 'approved' OR (c.status = 'pending' AND c.id IN"
        "   (SELECT value FROM json_each(?2))))"
        " ORDER BY c.created, c.id",
    [STMT_COMMENTS_RECENT] =
        "SELECT " COMMENT_COLS COMMENT_FROM " WHERE c.status = 'approved'"
        " AND (?1 = 0 OR c.article_id = ?1) AND a.status = 1"
        " AND a.published <= " STORE_SQLITE_NOW
        " ORDER BY c.created DESC, c.id DESC LIMIT ?2",
    [STMT_COMMENTS_LIST] =
        "SELECT " COMMENT_COLS COMMENT_FROM " WHERE (?1 IS NULL OR c.status = ?1)"
        " ORDER BY c.created DESC, c.id DESC LIMIT ?2 OFFSET ?3",
    [STMT_COMMENTS_COUNT] =
        "SELECT count(*) FROM comments WHERE (?1 IS NULL OR status = ?1)",
    [STMT_COMMENT_GET] = "SELECT " COMMENT_COLS COMMENT_FROM " WHERE c.id = ?1",
    [STMT_COMMENT_INSERT] =
        "INSERT INTO comments(article_id, parent_id, author, email, url, body,"
        " ip, user_agent, held_reason, spam_score, status, created, ip_key)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    [STMT_COMMENT_AUTHOR_KNOWN] =
        "SELECT EXISTS(SELECT 1 FROM comments WHERE email = ?1 COLLATE NOCASE"
        " AND status = 'approved')",
    [STMT_COMMENT_LAST_FROM_IP] =
        "SELECT max(created) FROM comments WHERE ip_key = ?1",
    [STMT_COMMENT_DUPLICATE] =
        "SELECT EXISTS(SELECT 1 FROM comments WHERE article_id = ?1"
        " AND email = ?2 COLLATE NOCASE AND body = ?3 AND status <> 'trash')",
    [STMT_COMMENT_TRAINED] = "SELECT trained FROM comments WHERE id = ?1",
    [STMT_COMMENT_STATUS_SET] =
        "UPDATE comments SET status = ?2, trained = ?3 WHERE id = ?1",
    [STMT_BAYES_TOTALS] = "SELECT ham, spam FROM bayes_totals WHERE id = 1",
    [STMT_BAYES_TOTALS_ADD] =
        "UPDATE bayes_totals SET ham = max(0, ham + ?1), spam = max(0, spam + ?2)"
        " WHERE id = 1",
    [STMT_BAYES_TOKEN] = "SELECT ham, spam FROM bayes_tokens WHERE token = ?1",
    [STMT_BAYES_TOKEN_ADD] =
        "INSERT INTO bayes_tokens(token, ham, spam) VALUES(?1, max(0, ?2), max(0, ?3))"
        " ON CONFLICT(token) DO UPDATE SET ham = max(0, ham + ?2),"
        " spam = max(0, spam + ?3)",
    [STMT_SETTING_GET] = "SELECT value FROM settings WHERE key = ?1",
    [STMT_SETTING_SET] =
        "INSERT INTO settings(key, value) VALUES(?1, ?2)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
};


/* ---- helpers ---------------------------------------------------------- */

/* Record the connection's last error in err, prefixed with what we did. */
int store_sqlite_error(store_sqlite *s, err_t *err, const char *doing) {
    return err_set(err, "store: %s: %s", doing, sqlite3_errmsg(s->db));
}

sqlite3_stmt *store_sqlite_prepare(store_sqlite *s, int slot, const char *sql,
                                   err_t *err) {
    if (slot < 0 || slot >= STORE_SQLITE_EXTRA) {
        err_set(err, "store: statement slot %d out of range", slot);
        return NULL;
    }
    if (s->extra[slot] == NULL &&
        sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->extra[slot], NULL)) {
        store_sqlite_error(s, err, "preparing a statement");
        return NULL;
    }
    sqlite3_reset(s->extra[slot]);
    sqlite3_clear_bindings(s->extra[slot]);
    store_sqlite_bind_now(s, s->extra[slot]);
    return s->extra[slot];
}

void store_sqlite_bind_now(store_sqlite *s, sqlite3_stmt *st) {
    const char *name = sqlite3_bind_parameter_name(st, STORE_SQLITE_NOW_INDEX);
    if (name && strcmp(name, STORE_SQLITE_NOW) == 0)
        sqlite3_bind_int64(st, STORE_SQLITE_NOW_INDEX, store_now(&s->base));
}

/* The prepared statement id, reset, its bindings cleared, and the clock
** bound when it has it. */
static sqlite3_stmt *stmt_get(store_sqlite *s, int id) {
    sqlite3_stmt *st = s->stmt[id];
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    store_sqlite_bind_now(s, st);
    return st;
}

/* Run a statement that returns no rows.  0 or -1 with err set. */
int store_sqlite_run(store_sqlite *s, sqlite3_stmt *st, err_t *err,
                     const char *doing) {
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        store_sqlite_error(s, err, doing);
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    return 0;
}

int store_sqlite_one_int(store_sqlite *s, sqlite3_stmt *st, long long *out,
                         err_t *err, const char *doing) {
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_sqlite_error(s, err, doing);
    return 0;
}

int store_sqlite_one_text(store_sqlite *s, arena_t *a, sqlite3_stmt *st,
                          const char **out, err_t *err, const char *doing) {
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? store_sqlite_text(a, st, 0) : NULL;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_sqlite_error(s, err, doing);
    return 0;
}

const char *store_sqlite_text(arena_t *a, sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return arena_strndup(a, t ? (const char *)t : "",
                         (size_t)sqlite3_column_bytes(st, i));
}

void store_sqlite_bind_text(sqlite3_stmt *st, int i, const char *s) {
    sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC);
}

/* An article from the current row of a statement selecting ARTICLE_COLS. */
store_article *store_sqlite_row_article(arena_t *a, sqlite3_stmt *st, bool bodies) {
    store_article *r = arena_calloc(a, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->slug = store_sqlite_text(a, st, 1);
    r->path = store_sqlite_text(a, st, 2);
    r->title = store_sqlite_text(a, st, 3);
    r->format = store_sqlite_text(a, st, 4);
    if (bodies) {
        r->body = store_sqlite_text(a, st, 5);
        r->body_html = store_sqlite_text(a, st, 6);
    }
    r->body_text = store_sqlite_text(a, st, 7);
    r->section = store_sqlite_text(a, st, 8);
    r->section_slug = store_sqlite_text(a, st, 9);
    r->author = store_sqlite_text(a, st, 10);
    r->author_slug = store_sqlite_text(a, st, 11);
    r->published = sqlite3_column_int64(st, 12);
    r->updated = sqlite3_column_int64(st, 13);
    r->status = sqlite3_column_int(st, 14) ? STORE_PUBLISH : STORE_DRAFT;
    r->comment_count = sqlite3_column_int64(st, 15);
    r->comments_closed = sqlite3_column_int(st, 16) == 0;
    r->source = store_sqlite_text(a, st, 17);
    r->source_hash = store_sqlite_text(a, st, 18);
    return r;
}

/* Fill r->tags and r->tag_slugs (in their order) from article_tags. */
static int load_tags(store_sqlite *s, arena_t *a, store_article *r, err_t *err) {
    sqlite3_stmt *st = stmt_get(s, STMT_ARTICLE_TAGS);
    sqlite3_bind_int64(st, 1, r->id);
    size_t tags_cap = 0, slugs_cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r->tags = vec_grow_arena(a, r->tags, r->ntags, &tags_cap, r->ntags + 1,
                                 sizeof *r->tags);
        r->tag_slugs = vec_grow_arena(a, r->tag_slugs, r->ntags, &slugs_cap,
                                      r->ntags + 1, sizeof *r->tag_slugs);
        r->tags[r->ntags] = store_sqlite_text(a, st, 0);
        r->tag_slugs[r->ntags] = store_sqlite_text(a, st, 1);
        r->ntags++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_sqlite_error(s, err, "reading tags");
}

/* Step a bound ARTICLE_COLS statement once: its first row, with its tags,
** into *out (NULL when there is none). */
static int article_one(store_sqlite *s, arena_t *a, sqlite3_stmt *st,
                       store_article **out, err_t *err) {
    *out = NULL;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *out = store_sqlite_row_article(a, st, true);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_sqlite_error(s, err, "reading an article");
    return *out ? load_tags(s, a, *out, err) : 0;
}

int store_sqlite_article_rows(store_sqlite *s, arena_t *arena, sqlite3_stmt *st,
                              bool bodies, store_article ***out, size_t *n,
                              err_t *err) {
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = vec_grow_arena(arena, *out, *n, &cap, *n + 1, sizeof **out);
        (*out)[(*n)++] = store_sqlite_row_article(arena, st, bodies);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_sqlite_error(s, err, "listing articles");
}

/* ---- open and close --------------------------------------------------- */

static int exec_sql(store_sqlite *s, const char *sql, err_t *err) {
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        err_set(err, "store: %s", msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int schema_version(store_t *base) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL))
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Apply every migration the file lacks, each in its own transaction. */
static int migrate(store_sqlite *s, err_t *err) {
    int v = schema_version(&s->base);
    if (v < 0) return store_sqlite_error(s, err, "reading the schema version");
    if (v > SCHEMA_VERSION)
        return err_set(err, "store: schema version %d is newer than this "
                       "gazette (%d)", v, SCHEMA_VERSION);
    for (; v < SCHEMA_VERSION; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (exec_sql(s, "BEGIN IMMEDIATE", err)) return -1;
        if (exec_sql(s, migrations[v], err) || exec_sql(s, pragma, err)) {
            exec_sql(s, "ROLLBACK", NULL);
            return err_prefix(err, "migration %d", v + 1);
        }
        if (exec_sql(s, "COMMIT", err)) return -1;
    }
    return 0;
}

static int prepare_all(store_sqlite *s, err_t *err) {
    for (int i = 0; i < STMT_COUNT; i++) {
        if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1,
                               SQLITE_PREPARE_PERSISTENT, &s->stmt[i], NULL))
            return store_sqlite_error(s, err, "preparing a statement");
    }
    return 0;
}

static void close_store(store_t *base) {
    store_sqlite *s = store_sqlite_of(base);
    for (int i = 0; i < STMT_COUNT; i++) sqlite3_finalize(s->stmt[i]);
    for (int i = 0; i < STORE_SQLITE_EXTRA; i++) sqlite3_finalize(s->extra[i]);
    sqlite3_close(s->db);
    free(s);
}

/* location is the file's path. */
static int open_store(store_t **out, const char *path, bool create, err_t *err) {
    *out = NULL;
    store_sqlite *s = calloc(1, sizeof *s);
    if (s == NULL) return err_set(err, "store: out of memory");
    s->base.backend = &store_sqlite_backend;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        err_set(err, "cannot open %s: %s", path,
                s->db ? sqlite3_errmsg(s->db) : "out of memory");
        close_store(&s->base);
        return -1;
    }
    sqlite3_busy_timeout(s->db, 10000);
    if (exec_sql(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;", err) ||
        migrate(s, err) || prepare_all(s, err)) {
        close_store(&s->base);
        return -1;
    }
    *out = &s->base;
    return 0;
}

static int read_begin(store_t *base, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    return store_sqlite_run(s, stmt_get(s, STMT_READ_BEGIN), err, "beginning a read");
}

static void read_end(store_t *base) {
    store_sqlite *s = store_sqlite_of(base);
    if (!sqlite3_get_autocommit(s->db))
        store_sqlite_run(s, stmt_get(s, STMT_COMMIT), NULL, "ending a read");
}

/* BEGIN IMMEDIATE: the write lock is taken now, so that no statement of
** the transaction meets SQLITE_BUSY half-way. */
static int write_begin(store_t *base, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    return store_sqlite_run(s, stmt_get(s, STMT_BEGIN), err, "beginning");
}

static int write_commit(store_t *base, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    return store_sqlite_run(s, stmt_get(s, STMT_COMMIT), err, "committing");
}

/* Nothing to roll back when the transaction is over (a failed COMMIT may
** have ended it). */
static void write_rollback(store_t *base) {
    store_sqlite *s = store_sqlite_of(base);
    if (!sqlite3_get_autocommit(s->db))
        store_sqlite_run(s, stmt_get(s, STMT_ROLLBACK), NULL, "rolling back");
}

/* store_check's questions of this file's tables: each counts the rows
** that disagree. */
static const store_sqlite_check checks[] = {
    {"an article's count of approved comments is wrong",
     "SELECT count(*) FROM articles a WHERE comment_count <> (SELECT count(*)"
     " FROM comments c WHERE c.article_id = a.id AND c.status = 'approved')"},
    {"a redirect leaves from a path an article holds",
     "SELECT count(*) FROM redirects r JOIN articles a ON a.path = r.path"},
    {"an article's path is not made of its date and slug",
     "SELECT count(*) FROM articles"
     " WHERE path <> strftime('/%Y/%m/%d/', published, 'unixepoch') || slug || '/'"},
};

int store_sqlite_checks(store_sqlite *s, const store_sqlite_check *checks, size_t n,
                        long long param, const char *doing, err_t *err) {
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(s->db, checks[i].sql, -1, &st, NULL))
            return store_sqlite_error(s, err, doing);
        if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_int64(st, 1, param);
        int rc = sqlite3_step(st);
        long long bad = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW) return store_sqlite_error(s, err, doing);
        if (bad) return err_set(err, "store: check: %s (%lld)", checks[i].what, bad);
    }
    return 0;
}

static int check(store_t *base, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    if (store_sqlite_checks(s, checks, sizeof checks / sizeof checks[0], 0, "checking",
                            err))
        return -1;
    return store_sqlite_related_check(s, err);
}

/* ---- articles: writing ------------------------------------------------ */

/* The id of the row named by slug in a names table (sections, authors,
** tags), inserting it with its display name when new.  *id = 0 when name
** is empty: "no section". */
static int name_id(store_sqlite *s, int stmt, const char *name, long long *id,
                   err_t *err) {
    *id = 0;
    if (name == NULL || name[0] == '\0') return 0;
    arena_t a = ARENA_INIT;
    sqlite3_stmt *st = stmt_get(s, stmt);
    sqlite3_bind_text(st, 1, slug_make(&a, name), -1, SQLITE_TRANSIENT);
    store_sqlite_bind_text(st, 2, name);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    arena_free(&a);
    return rc == SQLITE_ROW ? 0 : store_sqlite_error(s, err, "saving a name");
}

static int article_write_tags(store_sqlite *s, long long id,
                              const store_article *a, err_t *err) {
    sqlite3_stmt *st = stmt_get(s, STMT_ARTICLE_TAGS_CLEAR);
    sqlite3_bind_int64(st, 1, id);
    if (store_sqlite_run(s, st, err, "clearing tags")) return -1;
    for (size_t i = 0; i < a->ntags; i++) {
        long long tag_id;
        if (name_id(s, STMT_TAG_UPSERT, a->tags[i], &tag_id, err)) return -1;
        if (tag_id == 0) continue;
        st = stmt_get(s, STMT_ARTICLE_TAG_ADD);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, tag_id);
        sqlite3_bind_int64(st, 3, (long long)i);
        if (store_sqlite_run(s, st, err, "saving a tag")) return -1;
    }
    return 0;
}

/* Insert (id == 0) or update article id: the row, then its tags. */
static int article_write(store_t *base, const store_article *a, long long id,
                         const char *slug, const char *path, long long *id_out,
                         err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    long long section_id, author_id;
    if (name_id(s, STMT_SECTION_UPSERT, a->section, &section_id, err) ||
        name_id(s, STMT_AUTHOR_UPSERT, a->author, &author_id, err))
        return -1;
    sqlite3_stmt *st = stmt_get(s, id ? STMT_ARTICLE_UPDATE : STMT_ARTICLE_INSERT);
    store_sqlite_bind_text(st, 1, slug);
    store_sqlite_bind_text(st, 2, path);
    store_sqlite_bind_text(st, 3, a->title);
    store_sqlite_bind_text(st, 4, a->format);
    store_sqlite_bind_text(st, 5, a->body);
    store_sqlite_bind_text(st, 6, a->body_html);
    store_sqlite_bind_text(st, 7, a->body_text);
    if (section_id) sqlite3_bind_int64(st, 8, section_id);
    if (author_id) sqlite3_bind_int64(st, 9, author_id);
    sqlite3_bind_int64(st, 10, a->published);
    sqlite3_bind_int64(st, 11, a->updated);
    sqlite3_bind_int(st, 12, a->status == STORE_PUBLISH);
    sqlite3_bind_int(st, 13, !a->comments_closed);
    store_sqlite_bind_text(st, 14, a->source);
    store_sqlite_bind_text(st, 15, a->source_hash);
    if (id) sqlite3_bind_int64(st, 16, id);
    if (store_sqlite_run(s, st, err, "saving an article")) return -1;
    *id_out = id ? id : sqlite3_last_insert_rowid(s->db);
    return article_write_tags(s, *id_out, a, err);
}

static int slug_owner(store_t *base, const char *slug, long long *id, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_ARTICLE_ID_BY_SLUG);
    store_sqlite_bind_text(st, 1, slug);
    return store_sqlite_one_int(s, st, id, err, "looking up a slug");
}

static int article_path(store_t *base, arena_t *arena, long long id,
                        const char **path, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_ARTICLE_PATH_BY_ID);
    sqlite3_bind_int64(st, 1, id);
    return store_sqlite_one_text(s, arena, st, path, err, "looking up an article");
}

static int redirect_add(store_t *base, const char *path, long long id, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_REDIRECT_ADD);
    store_sqlite_bind_text(st, 1, path);
    sqlite3_bind_int64(st, 2, id);
    return store_sqlite_run(s, st, err, "saving a redirect");
}

static int redirect_drop(store_t *base, const char *path, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_REDIRECT_DROP);
    store_sqlite_bind_text(st, 1, path);
    return store_sqlite_run(s, st, err, "dropping a redirect");
}

/* ---- articles: reading ------------------------------------------------ */

/* One article by the statement stmt bound to a text key. */
static int article_by_text(store_t *base, arena_t *arena, int stmt, const char *key,
                           store_article **out, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, stmt);
    store_sqlite_bind_text(st, 1, key);
    return article_one(s, arena, st, out, err);
}

/* One article by the statement stmt bound to an id. */
static int article_by_number(store_t *base, arena_t *arena, int stmt, long long id,
                             store_article **out, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, stmt);
    sqlite3_bind_int64(st, 1, id);
    return article_one(s, arena, st, out, err);
}

static int article_by_path(store_t *s, arena_t *arena, const char *path,
                           store_article **out, err_t *err) {
    return article_by_text(s, arena, STMT_ARTICLE_BY_PATH, path, out, err);
}

static int article_by_slug(store_t *s, arena_t *arena, const char *slug,
                           store_article **out, err_t *err) {
    return article_by_text(s, arena, STMT_ARTICLE_BY_SLUG, slug, out, err);
}

static int article_by_source(store_t *s, arena_t *arena, const char *source,
                             store_article **out, err_t *err) {
    return article_by_text(s, arena, STMT_ARTICLE_BY_SOURCE, source, out, err);
}

static int article_by_source_hash(store_t *s, arena_t *arena, const char *hash,
                                  store_article **out, err_t *err) {
    return article_by_text(s, arena, STMT_ARTICLE_BY_SOURCE_HASH, hash, out, err);
}

static int article_by_id(store_t *s, arena_t *arena, long long id,
                         store_article **out, err_t *err) {
    return article_by_number(s, arena, STMT_ARTICLE_BY_ID, id, out, err);
}

static int article_get(store_t *s, arena_t *arena, long long id,
                       store_article **out, err_t *err) {
    return article_by_number(s, arena, STMT_ARTICLE_GET, id, out, err);
}

/* The tag rule: most shared tags, then same section, then newest. */
static int article_related_by_tags(store_t *s, arena_t *arena,
                                   const store_article *a, store_article **out,
                                   err_t *err) {
    return article_by_number(s, arena, STMT_ARTICLE_RELATED, a->id, out, err);
}

static int redirect_find(store_t *base, arena_t *arena, const char *path,
                         const char **to, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_REDIRECT_FIND);
    store_sqlite_bind_text(st, 1, path);
    return store_sqlite_one_text(s, arena, st, to, err, "looking up a redirect");
}

static int articles_latest(store_t *base, arena_t *arena, size_t offset,
                           size_t limit, store_article ***out, size_t *n,
                           err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_ARTICLES_LATEST);
    sqlite3_bind_int64(st, 1, (long long)limit);
    sqlite3_bind_int64(st, 2, (long long)offset);
    return store_sqlite_article_rows(s, arena, st, false, out, n, err);
}

static int article_tags(store_t *base, arena_t *arena, store_article *a, err_t *err) {
    return load_tags(store_sqlite_of(base), arena, a, err);
}

static int article_set_comments_open(store_t *base, long long id, bool open,
                                     err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_ARTICLE_OPEN_SET);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, open);
    return store_sqlite_run(s, st, err, "opening or closing comments");
}

static int article_comments_open(store_t *base, long long id, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_ARTICLE_OPEN_GET);
    sqlite3_bind_int64(st, 1, id);
    long long open;
    if (store_sqlite_one_int(s, st, &open, err, "reading whether comments are open"))
        return -1;
    return open != 0;
}

/* ---- comments ----------------------------------------------------------- */

/* A comment from the current row of a statement selecting COMMENT_COLS. */
static store_comment *row_comment(arena_t *a, sqlite3_stmt *st) {
    store_comment *c = arena_calloc(a, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    c->article_id = sqlite3_column_int64(st, 1);
    c->parent_id = sqlite3_column_int64(st, 2);
    c->author = store_sqlite_text(a, st, 3);
    c->email = store_sqlite_text(a, st, 4);
    c->url = store_sqlite_text(a, st, 5);
    c->body = store_sqlite_text(a, st, 6);
    c->ip = store_sqlite_text(a, st, 7);
    c->user_agent = store_sqlite_text(a, st, 8);
    c->held_reason = store_sqlite_text(a, st, 9);
    c->spam_score = sqlite3_column_double(st, 10);
    int status = store_comment_status_parse((const char *)sqlite3_column_text(st, 11));
    c->status = status < 0 ? STORE_COMMENT_PENDING : (store_comment_status)status;
    c->created = sqlite3_column_int64(st, 12);
    c->article_path = store_sqlite_text(a, st, 13);
    c->article_title = store_sqlite_text(a, st, 14);
    return c;
}

/* Every row of a bound comment statement into an arena array (NULL when
** there is no row). */
static int comment_rows(store_sqlite *s, arena_t *arena, sqlite3_stmt *st,
                        store_comment ***out, size_t *n, err_t *err) {
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = vec_grow_arena(arena, *out, *n, &cap, *n + 1, sizeof **out);
        (*out)[(*n)++] = row_comment(arena, st);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_sqlite_error(s, err, "reading comments");
}

/* The pending ids go in as one JSON array, which the statement opens with
** json_each: one bound parameter whatever their number. */
static int comments_for_article(store_t *base, arena_t *arena, long long article_id,
                                const long long *also_pending, size_t npending,
                                store_comment ***out, size_t *n, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    buf_t ids = BUF_INIT;
    buf_putc(&ids, '[');
    for (size_t i = 0; i < npending; i++)
        buf_printf(&ids, "%s%lld", i ? "," : "", also_pending[i]);
    buf_putc(&ids, ']');
    sqlite3_stmt *st = stmt_get(s, STMT_COMMENTS_FOR_ARTICLE);
    sqlite3_bind_int64(st, 1, article_id);
    sqlite3_bind_text(st, 2, ids.data, (int)ids.len, SQLITE_TRANSIENT);
    buf_free(&ids);
    return comment_rows(s, arena, st, out, n, err);
}

static int comments_recent(store_t *base, arena_t *arena, long long article_id,
                           size_t limit, store_comment ***out, size_t *n,
                           err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_COMMENTS_RECENT);
    sqlite3_bind_int64(st, 1, article_id);
    sqlite3_bind_int64(st, 2, (long long)limit);
    return comment_rows(s, arena, st, out, n, err);
}

/* The count and the page: two statements, which a moderator's shell
** command runs without a snapshot (a comment arriving between them moves
** the page by one; the next listing shows it). */
static int comments_list(store_t *base, arena_t *arena, int status, size_t offset,
                         size_t limit, store_comment ***out, size_t *n,
                         size_t *total, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    const char *name = status >= 0 ? store_comment_status_name(status) : NULL;
    long long count;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = stmt_get(s, STMT_COMMENTS_COUNT);
    if (name) store_sqlite_bind_text(st, 1, name);
    if (store_sqlite_one_int(s, st, &count, err, "counting comments")) return -1;
    *total = (size_t)count;
    if (limit == 0 || offset >= *total) return 0;
    st = stmt_get(s, STMT_COMMENTS_LIST);
    if (name) store_sqlite_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, (long long)limit);
    sqlite3_bind_int64(st, 3, (long long)offset);
    return comment_rows(s, arena, st, out, n, err);
}

static int comment_get(store_t *base, arena_t *arena, long long id,
                       store_comment **out, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    store_comment **rows;
    size_t n;
    sqlite3_stmt *st = stmt_get(s, STMT_COMMENT_GET);
    sqlite3_bind_int64(st, 1, id);
    if (comment_rows(s, arena, st, &rows, &n, err)) return -1;
    *out = n ? rows[0] : NULL;
    return 0;
}

static int comment_add(store_t *base, const store_comment *c, const char *ip_key,
                       long long *id_out, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_COMMENT_INSERT);
    sqlite3_bind_int64(st, 1, c->article_id);
    sqlite3_bind_int64(st, 2, c->parent_id);
    store_sqlite_bind_text(st, 3, c->author);
    store_sqlite_bind_text(st, 4, c->email);
    store_sqlite_bind_text(st, 5, c->url);
    store_sqlite_bind_text(st, 6, c->body);
    store_sqlite_bind_text(st, 7, c->ip);
    store_sqlite_bind_text(st, 8, c->user_agent);
    store_sqlite_bind_text(st, 9, c->held_reason);
    sqlite3_bind_double(st, 10, c->spam_score);
    store_sqlite_bind_text(st, 11, store_comment_status_name(c->status));
    sqlite3_bind_int64(st, 12, c->created);
    store_sqlite_bind_text(st, 13, ip_key);
    /* autocommit: the INSERT is its own transaction, durable on return */
    if (store_sqlite_run(s, st, err, "saving a comment")) return -1;
    *id_out = sqlite3_last_insert_rowid(s->db);
    return 0;
}

static int comment_author_known(store_t *base, const char *email, bool *known,
                                err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_COMMENT_AUTHOR_KNOWN);
    store_sqlite_bind_text(st, 1, email);
    long long v;
    int rc = store_sqlite_one_int(s, st, &v, err, "looking up a commenter");
    *known = v != 0;
    return rc;
}

static int comment_last_from_ip(store_t *base, const char *ip_key, long long *created,
                                err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_COMMENT_LAST_FROM_IP);
    store_sqlite_bind_text(st, 1, ip_key);
    return store_sqlite_one_int(s, st, created, err, "looking up an address");
}

static int comment_is_duplicate(store_t *base, long long article_id,
                                const char *email, const char *body,
                                bool *duplicate, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_COMMENT_DUPLICATE);
    sqlite3_bind_int64(st, 1, article_id);
    store_sqlite_bind_text(st, 2, email);
    store_sqlite_bind_text(st, 3, body);
    long long v;
    int rc = store_sqlite_one_int(s, st, &v, err, "looking for a duplicate");
    *duplicate = v != 0;
    return rc;
}

/* comments.trained holds the lesson: 'ham', 'spam' or NULL. */
static const char *lesson_name(store_lesson lesson) {
    return lesson == STORE_LESSON_HAM ? "ham" : lesson == STORE_LESSON_SPAM ? "spam" : NULL;
}

static int comment_lesson(store_t *base, long long id, bool *found,
                          store_lesson *lesson, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_COMMENT_TRAINED);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    const char *t = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    *found = rc == SQLITE_ROW;
    *lesson = t == NULL ? STORE_LESSON_NONE
              : !strcmp(t, "spam") ? STORE_LESSON_SPAM : STORE_LESSON_HAM;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_sqlite_error(s, err, "reading a comment");
    return 0;
}

static int bayes_learn(store_t *base, store_lesson lesson, int sign,
                       const char *const *tokens, size_t n, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    bool spam = lesson == STORE_LESSON_SPAM;
    sqlite3_stmt *st = stmt_get(s, STMT_BAYES_TOTALS_ADD);
    sqlite3_bind_int(st, 1, spam ? 0 : sign);
    sqlite3_bind_int(st, 2, spam ? sign : 0);
    if (store_sqlite_run(s, st, err, "training the spam filter")) return -1;
    for (size_t i = 0; i < n; i++) {
        st = stmt_get(s, STMT_BAYES_TOKEN_ADD);
        store_sqlite_bind_text(st, 1, tokens[i]);
        sqlite3_bind_int(st, 2, spam ? 0 : sign);
        sqlite3_bind_int(st, 3, spam ? sign : 0);
        if (store_sqlite_run(s, st, err, "training the spam filter")) return -1;
    }
    return 0;
}

static int comment_status_write(store_t *base, long long id,
                                store_comment_status status, store_lesson lesson,
                                err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_COMMENT_STATUS_SET);
    sqlite3_bind_int64(st, 1, id);
    store_sqlite_bind_text(st, 2, store_comment_status_name(status));
    if (lesson_name(lesson)) store_sqlite_bind_text(st, 3, lesson_name(lesson));
    else sqlite3_bind_null(st, 3);
    return store_sqlite_run(s, st, err, "moderating a comment");
}

/* The row of st's two integer columns (0 and 0 when there is none). */
static int two_ints(store_sqlite *s, sqlite3_stmt *st, long long *x, long long *y,
                    err_t *err, const char *doing) {
    int rc = sqlite3_step(st);
    *x = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    *y = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlite_error(s, err, doing);
}

static int bayes_totals(store_t *base, long long *ham, long long *spam, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    return two_ints(s, stmt_get(s, STMT_BAYES_TOTALS), ham, spam, err,
                    "reading the spam filter");
}

static int bayes_token(store_t *base, const char *token, long long *ham,
                       long long *spam, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_BAYES_TOKEN);
    store_sqlite_bind_text(st, 1, token);
    return two_ints(s, st, ham, spam, err, "reading the spam filter");
}

/* ---- settings ----------------------------------------------------------- */

static int setting_get(store_t *base, arena_t *arena, const char *key,
                       const char **out, err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_SETTING_GET);
    store_sqlite_bind_text(st, 1, key);
    return store_sqlite_one_text(s, arena, st, out, err, "reading a setting");
}

static int setting_set(store_t *base, const char *key, const char *value,
                       err_t *err) {
    store_sqlite *s = store_sqlite_of(base);
    sqlite3_stmt *st = stmt_get(s, STMT_SETTING_SET);
    store_sqlite_bind_text(st, 1, key);
    store_sqlite_bind_text(st, 2, value);
    return store_sqlite_run(s, st, err, "saving a setting");
}

/* ---- the table ------------------------------------------------------------ */

const store_backend store_sqlite_backend = {
    .name = "sqlite",
    .open = open_store,
    .close = close_store,
    .schema_version = schema_version,
    .read_begin = read_begin,
    .read_end = read_end,
    .write_begin = write_begin,
    .write_commit = write_commit,
    .write_rollback = write_rollback,
    .check = check,

    .slug_owner = slug_owner,
    .article_path = article_path,
    .article_write = article_write,
    .redirect_add = redirect_add,
    .redirect_drop = redirect_drop,

    .article_by_path = article_by_path,
    .article_by_slug = article_by_slug,
    .article_by_id = article_by_id,
    .article_get = article_get,
    .article_by_source = article_by_source,
    .article_by_source_hash = article_by_source_hash,
    .redirect_find = redirect_find,
    .articles_latest = articles_latest,
    .article_related_by_tags = article_related_by_tags,
    .article_set_comments_open = article_set_comments_open,
    .article_comments_open = article_comments_open,

    .comments_for_article = comments_for_article,
    .comments_recent = comments_recent,
    .comments_list = comments_list,
    .comment_get = comment_get,
    .comment_add = comment_add,
    .comment_author_known = comment_author_known,
    .comment_last_from_ip = comment_last_from_ip,
    .comment_is_duplicate = comment_is_duplicate,
    .comment_lesson = comment_lesson,
    .bayes_learn = bayes_learn,
    .comment_status_write = comment_status_write,
    .bayes_totals = bayes_totals,
    .bayes_token = bayes_token,

    .articles_filtered = store_sqlite_articles_filtered,
    .article_tags = article_tags,
    .name_by_slug = store_sqlite_name_by_slug,
    .sections = store_sqlite_sections,

    .search = store_sqlite_search,
    .search_partial = store_sqlite_search_partial,
    .search_token = store_sqlite_search_token,
    .search_term_docs = store_sqlite_search_term_docs,
    .search_terms_scan = store_sqlite_search_terms_scan,

    .related_update = store_sqlite_related_update,
    .articles_related = store_sqlite_articles_related,

    .sitemap_group_count = store_sqlite_sitemap_group_count,
    .sitemap_group_rows = store_sqlite_sitemap_group_rows,
    .sitemap_group_lastmod = store_sqlite_sitemap_group_lastmod,

    .setting_get = setting_get,
    .setting_set = setting_set,
};
