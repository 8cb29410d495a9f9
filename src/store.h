/*
** store.h — the site's store, spoken of in articles and comments.
**
** Every read and write of persistent data goes through these functions;
** no caller sees SQL.  store_sqlite.c implements them over one SQLite file
** (WAL mode); a PostgreSQL backend will implement the same header.
**
** Threads: a store_t is one connection and is used by one thread at a
** time.  The server opens one per event-loop thread.
**
** Memory: records returned by the readers live in the arena the caller
** passes; they die with it.  Inputs are only read.
**
** Errors follow err.h: 0 on success, -1 with a message.  A lookup that
** finds nothing is a success with *out set to NULL.
**
** Durability: a write returns 0 only after its transaction committed.
*/
#ifndef GAZETTE_STORE_H
#define GAZETTE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "err.h"

typedef struct store store_t;

typedef enum store_status {
    STORE_DRAFT = 0,
    STORE_PUBLISH = 1,
} store_status;

typedef struct store_article {
    long long id;
    const char *slug;          /* unique in the site */
    const char *path;          /* permalink: /YYYY/MM/DD/slug/ */
    const char *title;
    const char *format;        /* "markdown" or "text": how body was written */
    const char *body;          /* the source as written */
    const char *body_html;     /* rendered once at write time, safe HTML */
    const char *body_text;     /* plain text, for excerpts and search */
    const char *section;       /* display name, "" when none */
    const char *section_slug;
    const char *author;        /* display name, "" when none */
    const char *author_slug;
    const char **tags;         /* display names */
    const char **tag_slugs;
    size_t ntags;
    long long published;       /* Unix seconds, UTC */
    long long updated;
    store_status status;
    long long comment_count;   /* approved comments */
} store_article;

typedef struct store_comment {
    long long id;
    long long article_id;
    long long parent_id;       /* 0: top level */
    const char *author;
    const char *url;           /* "" when none */
    const char *body;          /* plain text as typed */
    long long created;
} store_comment;

/* Open (creating if asked) the store at path and bring its schema to the
** newest version.  *out is set on success; close it with store_close. */
int store_open(store_t **out, const char *path, bool create, err_t *err);
void store_close(store_t *s);

/* The schema version the store is at (after store_open: the newest). */
int store_schema_version(store_t *s);

/* Insert the article, or update the one with the same slug: one
** transaction, tags replaced, path recomputed from published date and slug.
** a->id and a->path are ignored on input.  *id_out (if not NULL) gets the
** row id; *created (if not NULL) is true when the article is new. */
int store_article_put(store_t *s, const store_article *a, long long *id_out,
                      bool *created, err_t *err);

/* The published article whose permalink is path, or NULL. */
int store_article_by_path(store_t *s, arena_t *arena, const char *path,
                          store_article **out, err_t *err);

/* The article with this slug whatever its status, or NULL. */
int store_article_by_slug(store_t *s, arena_t *arena, const char *slug,
                          store_article **out, err_t *err);

/* Up to limit published articles, newest first, skipping offset.  Body
** fields other than body_text are left NULL: lists need no HTML. */
int store_articles_latest(store_t *s, arena_t *arena, size_t offset,
                          size_t limit, store_article ***out, size_t *n,
                          err_t *err);

/* The published article most related to a (not a itself): most shared
** tags, then same section, then newest.  NULL when there is no other. */
int store_article_related(store_t *s, arena_t *arena, const store_article *a,
                          store_article **out, err_t *err);

/* The approved comments of an article, oldest first. */
int store_comments_approved(store_t *s, arena_t *arena, long long article_id,
                            store_comment ***out, size_t *n, err_t *err);

/* Key/value settings kept in the store (the site secret lives here). */
int store_setting_get(store_t *s, arena_t *arena, const char *key,
                      const char **out, err_t *err);
int store_setting_set(store_t *s, const char *key, const char *value,
                      err_t *err);

#endif
