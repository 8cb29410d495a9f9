/*
** import.c — `gazette import`; see import.h.
**
** A file goes through four steps, each of which can refuse it before
** anything is written: it is read whole (its bytes hashed, its path
** resolved), frontmatter.c reads it into fields (reporting the line of a
** problem), which_article applies import.h's rules to decide which
** article it is, and publish_article (publish.h) renders, saves and
** brings the related stories up to date.  This file only turns a file
** and the command line into a publish_input; saving is publish's.
*/
#include "import.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "date.h"
#include "file.h"
#include "frontmatter.h"
#include "log.h"
#include "publish.h"
#include "slug.h"

/* One file as read: its bytes, where it is, what they hash to. */
typedef struct import_source {
    const char *name;          /* as given on the command line, for messages */
    const char *path;          /* absolute, resolved: the article's source */
    char *bytes;
    size_t len;
    const char *hash;          /* publish_hash of the bytes */
} import_source;

/* The refusal of a file of size bytes when more than max (0: any size). */
static int size_check(const char *name, unsigned long long size, size_t max,
                      err_t *err) {
    if (max == 0 || size <= max) return 0;
    return err_set(err, "%s: article is %llu bytes; [articles] max_bytes is %zu",
                   name, size, max);
}

/* Read the file whole, unless it is over max bytes: a regular file is
** refused by its size before a byte is read, anything else (a pipe) by
** what it gave. */
static int read_source(arena_t *a, const char *name, size_t max,
                       import_source *src, err_t *err) {
    struct stat st;
    if (stat(name, &st) == 0 && S_ISREG(st.st_mode) &&
        size_check(name, (unsigned long long)st.st_size, max, err))
        return -1;
    buf_t b = BUF_INIT;
    if (file_read_all(name, &b, err)) return -1;
    if (size_check(name, b.len, max, err)) {
        buf_free(&b);
        return -1;
    }
    src->name = name;
    src->bytes = arena_strndup(a, b.data ? b.data : "", b.len);
    src->len = b.len;
    buf_free(&b);
    src->hash = publish_hash(a, src->bytes, src->len);
    char *real = realpath(name, NULL);
    if (real == NULL) return err_set(err, "%s: %s", name, strerror(errno));
    src->path = arena_strdup(a, real);
    free(real);
    return 0;
}

/* How which_article found the article. */
typedef enum import_match {
    MATCH_NONE,                /* a new article */
    MATCH_ID,                  /* id: */
    MATCH_SLUG,                /* slug: */
    MATCH_SOURCE,              /* the same file again */
    MATCH_IDENTICAL,           /* the same bytes as another article's source */
} import_match;

/* Apply import.h's rules: *found is the article the file is (NULL: a new
** one) and *how the rule that said so. */
static int which_article(store_t *store, arena_t *a, const frontmatter_doc *doc,
                         const import_source *src, store_article **found,
                         import_match *how, err_t *err) {
    *found = NULL;
    *how = MATCH_NONE;
    if (doc->id) {
        if (store_article_get(store, a, doc->id, found, err)) return -1;
        if (*found == NULL)
            return err_at(err, src->name, doc->id_line, "no article with id %lld",
                          doc->id);
        *how = MATCH_ID;
        return 0;
    }
    if (doc->slug) {
        if (store_article_by_slug(store, a, slug_make(a, doc->slug), found, err))
            return -1;
        if (*found) {
            *how = MATCH_SLUG;
            return 0;
        }
    }
    if (store_article_by_source(store, a, src->path, found, err)) return -1;
    if (*found) {
        *how = MATCH_SOURCE;
        return 0;
    }
    if (store_article_by_source_hash(store, a, src->hash, found, err)) return -1;
    if (*found) *how = MATCH_IDENTICAL;
    return 0;
}

/* The publication date: the file's, else --date, else PUBLISH_DATE_KEEP
** (an update keeps its date, a new article gets the time of import). */
static int article_date(const frontmatter_doc *doc, const import_source *src,
                        const import_options *opt, long long *out, err_t *err) {
    *out = PUBLISH_DATE_KEEP;
    if (doc->date && date_parse(doc->date, out, err))
        return err_prefix(err, "%s:%d", src->name, doc->date_line);
    if (doc->date == NULL && opt->date && date_parse(opt->date, out, err))
        return err_prefix(err, "%s: --date", src->name);
    return 0;
}

/* Tell the journalist what the import did that they may not expect. */
static void report(const import_source *src, const frontmatter_doc *doc,
                   const publish_input *in, const publish_result *res,
                   arena_t *a) {
    const char *wished = doc->slug ? slug_make(a, doc->slug)
                                   : slug_make(a, in->title);
    if (res->created && strcmp(wished, res->slug) != 0)
        log_error("%s: another article has the slug '%s'; this one is new, "
                  "as '%s'", src->name, wished, res->slug);
    if (res->moved_from)
        log_error("%s: moved from %s, which now redirects to %s", src->name,
                  res->moved_from, res->path);
    if (res->warning) log_error("%s: %s", src->name, res->warning);
    if (in->status == STORE_PUBLISH && res->published > res->saved_at) {
        char when[32];
        date_format(res->published, when, DATE_RFC3339);
        log_error("%s: scheduled: %s appears on the site at %s, not before", src->name,
                  res->path, when);
    }
}

static int import_doc(store_t *store, arena_t *a, const frontmatter_doc *doc,
                      const import_source *src, const import_options *opt,
                      FILE *out, err_t *err) {
    store_article *found;
    import_match how;
    if (which_article(store, a, doc, src, &found, &how, err)) return -1;
    if (how == MATCH_IDENTICAL) {
        log_error("%s: the same text as article %lld, from %s: nothing changed",
                  src->name, found->id, found->source ? found->source : "?");
        if (found->status == STORE_PUBLISH) fprintf(out, "%s\n", found->path);
        return 0;
    }
    publish_input in = {
        .id = found ? found->id : 0,
        .title = doc->title,
        .text = doc->body,
        .format = doc->markdown ? PUBLISH_MARKDOWN : PUBLISH_TEXT,
        .slug = doc->slug,
        .section = doc->section ? doc->section : opt->section,
        .author = doc->author ? doc->author : opt->author,
        .tags = doc->tags,
        .ntags = doc->ntags,
        .status = doc->status && !strcmp(doc->status, "draft") ? STORE_DRAFT
                                                               : STORE_PUBLISH,
        .comments_closed = doc->comments && !strcmp(doc->comments, "closed"),
        .source = src->path,
        .source_hash = src->hash,
    };
    if (article_date(doc, src, opt, &in.published, err)) return -1;
    publish_result res;
    if (publish_article(store, a, &in, &res, err))
        return err_prefix(err, "%s", src->name);
    report(src, doc, &in, &res, a);
    if (in.status == STORE_PUBLISH) fprintf(out, "%s\n", res.path);
    return 0;
}

int import_file(store_t *store, const char *path, const import_options *opt,
                FILE *out, err_t *err) {
    arena_t a = ARENA_INIT;
    import_source src = {0};
    frontmatter_doc doc;
    int rc = read_source(&a, path, opt->max_bytes, &src, err);
    if (rc == 0) rc = frontmatter_parse(&a, src.bytes, src.len, path, &doc, err);
    if (rc == 0) rc = import_doc(store, &a, &doc, &src, opt, out, err);
    arena_free(&a);
    return rc;
}
