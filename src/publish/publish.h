/*
** publish.h — the one way an article is saved.
**
** Whoever writes an article (gazette import today; the admin, the JSON
** API, the WXR importer and the scheduler next) hands it to
** publish_article as it was written, and publish_article does the rest,
** in this order:
**
**   1. render the body once, at write time: Markdown through markdown.h
**      (CommonMark, raw HTML off), plain text as escaped paragraphs;
**   2. save it through store_article_put, one transaction: a new article
**      gets its slug or, when that is taken, the next free one (slug-2,
**      slug-3, as WordPress does); an update that moves the permalink
**      leaves the old one behind as a redirect, in the same transaction;
**      [revisions: the text the update replaces will be kept as a
**      revision by that same transaction — a field of store_article_put's
**      input, filled here, never a second write];
**   3. bring related stories up to date (store_related_update, a
**      transaction of its own): a failure there is a warning in the
**      result, not an error; the article stays saved and its lists stay
**      as they were until its next save;
**      [cache purges: after step 3, once everything is committed, the
**      addresses that show the article go here — its permalink and the
**      one it left, the front page, its section, tag, author and date
**      archives, the feeds and the sitemaps.  Nothing is cached across
**      requests today; answers are revalidated with ETags.]
**
** The caller decides WHICH article it writes (new, or the one with id
** N): import.c's rules for files (import.h) are not publish's business.
**
** Memory: what the result points to lives in the arena passed in.
** Errors follow err.h; on error nothing of the article was written.
*/
#ifndef GAZETTE_PUBLISH_H
#define GAZETTE_PUBLISH_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "err.h"
#include "store.h"

typedef enum publish_format {
    PUBLISH_MARKDOWN,          /* CommonMark */
    PUBLISH_TEXT,              /* paragraphs separated by blank lines */
} publish_format;

/* publish_input.published: now for a new article, unchanged for an
** update.  (No real date is this far back.) */
#define PUBLISH_DATE_KEEP LLONG_MIN

/* The article as its writer gave it.  Strings are only read; NULL and ""
** mean "none" for section, author, source and source_hash. */
typedef struct publish_input {
    long long id;              /* the article to update; 0: a new one */
    const char *title;         /* not empty */
    const char *text;          /* the body as written, in format */
    publish_format format;
    const char *slug;          /* the slug wished for (slugified here);
                                  NULL or "": a new article's comes from
                                  its title, an update keeps its own */
    const char *section;       /* display names */
    const char *author;
    const char **tags;         /* display names; the article's whole set */
    size_t ntags;
    store_status status;
    long long published;       /* Unix seconds, or PUBLISH_DATE_KEEP */
    bool comments_closed;
    const char *source;        /* where the text came from (for a file:
                                  its absolute, resolved path) */
    const char *source_hash;   /* publish_hash of the source's bytes */
} publish_input;

typedef struct publish_result {
    long long id;
    const char *slug;          /* the final slug, maybe not the one wished */
    const char *path;          /* the permalink: /YYYY/MM/DD/slug/ */
    const char *moved_from;    /* an update that moved the permalink: where
                                  it was (now a redirect); else NULL */
    bool created;              /* a new article, not an update */
    long long published;       /* its date; a published article dated
                                  after the time of the save is scheduled
                                  (store.h), out of sight until then */
    long long saved_at;        /* the time of the save (its "updated") */
    const char *warning;       /* NULL, or what went wrong after the save
                                  (the related stories), for the writer */
} publish_result;

/* Render in's body, save the article (new when in->id is 0, else the
** article in->id, which must exist, whatever its status), then update
** its related stories; fill *out.  The time of the save is its
** "updated" date.  Returns 0 once the article is committed (a failure
** after that is out->warning); -1 with a message when nothing was
** written: no title, an id that names no article, a slug that another
** article holds (an update never takes one), a render or store error. */
int publish_article(store_t *s, arena_t *a, const publish_input *in,
                    publish_result *out, err_t *err);

/* The hex BLAKE2b-256 (libsodium's crypto_generichash, 32 bytes) of
** bytes[0..len): 64 lower-case hex digits in the arena.  What
** publish_input.source_hash holds, and what tells two byte-identical
** sources apart from the rest.  Needs no sodium_init of its caller. */
char *publish_hash(arena_t *a, const void *bytes, size_t len);

#endif
