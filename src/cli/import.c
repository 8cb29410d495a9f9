/*
** import.c — `gazette import`; see import.h.
**
** A file goes through three steps, each of which can refuse it before
** anything is written: frontmatter.c reads it into fields (reporting the
** line of a problem), this file fills what the command line supplies and
** renders the body (Markdown through cmark, plain text as escaped
** paragraphs), and store_article_put saves it in one transaction.
** Then store_related_update brings the related stories up to date in a
** transaction of its own (store_article_put commits by itself, so the two
** cannot share one): when that fails the article stays saved, the error
** is printed, and the file still counts as imported; its related lists
** stay as they were (for a new article: the tag rule) until its next save.
**
** A file without a date keeps the date of the article it updates, so
** that importing it again does not move its permalink; a new one gets
** --date, else the time of import.
*/
#include "import.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "frontmatter.h"
#include "log.h"
#include "markdown.h"
#include "date.h"
#include "paragraph.h"
#include "slug.h"

static int read_whole_file(arena_t *a, const char *path, char **data,
                           size_t *len, err_t *err) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return err_set(err, "%s: %s", path, strerror(errno));
    buf_t b = BUF_INIT;
    char chunk[16384];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&b, chunk, n);
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        buf_free(&b);
        return err_set(err, "%s: read error", path);
    }
    *data = arena_strndup(a, b.data ? b.data : "", b.len);
    *len = b.len;
    buf_free(&b);
    return 0;
}

/* The publication date: the file's, else the existing article's, else
** --date, else now. */
static int article_date(store_t *store, arena_t *a, const frontmatter_doc *doc,
                        const char *slug, const char *path,
                        const import_options *opt, long long *out, err_t *err) {
    if (doc->date) return date_parse(doc->date, out, err);
    store_article *old;
    if (store_article_by_slug(store, a, slug, &old, err)) return -1;
    if (old) {
        *out = old->published;
        return 0;
    }
    if (opt->date && date_parse(opt->date, out, err))
        return err_prefix(err, "%s: --date", path);
    if (opt->date == NULL) *out = (long long)time(NULL);
    return 0;
}

static int article_body(arena_t *a, const frontmatter_doc *doc,
                        store_article *art, const char *path, err_t *err) {
    art->body = doc->body;
    if (doc->markdown) {
        char *html, *plain;
        art->format = "markdown";
        if (markdown_render(a, doc->body, strlen(doc->body), &html, &plain, err))
            return err_prefix(err, "%s:%d", path, doc->body_line);
        art->body_html = html;
        art->body_text = plain;
    } else {
        art->format = "text";
        art->body_html = paragraph_html(a, doc->body);
        art->body_text = doc->body;
    }
    return 0;
}

static int import_doc(store_t *store, arena_t *a, const frontmatter_doc *doc,
                      const char *path, const import_options *opt,
                      FILE *out, err_t *err) {
    store_article art = {0};
    art.title = doc->title;
    art.slug = doc->slug ? slug_make(a, doc->slug) : slug_make(a, doc->title);
    art.section = doc->section ? doc->section : opt->section;
    art.author = doc->author ? doc->author : opt->author;
    art.tags = doc->tags;
    art.ntags = doc->ntags;
    art.status = doc->status && !strcmp(doc->status, "draft") ? STORE_DRAFT
                                                              : STORE_PUBLISH;
    art.comments_closed = doc->comments && !strcmp(doc->comments, "closed");
    art.updated = (long long)time(NULL);
    if (article_date(store, a, doc, art.slug, path, opt, &art.published, err))
        return -1;
    if (article_body(a, doc, &art, path, err)) return -1;
    long long id;
    if (store_article_put(store, &art, &id, NULL, err))
        return err_prefix(err, "%s", path);
    /* The article is committed; its related stories are a second
    ** transaction, which cannot take it back: a failure there is reported
    ** and the import of the file still counts as done. */
    err_t related_err;
    if (store_related_update(store, id, &related_err))
        log_error("%s: saved, but its related stories were not updated: %s",
                  path, related_err.msg);
    if (art.status == STORE_PUBLISH)
        fprintf(out, "%s\n", date_permalink(a, art.published, art.slug));
    return 0;
}

int import_file(store_t *store, const char *path, const import_options *opt,
                FILE *out, err_t *err) {
    arena_t a = ARENA_INIT;
    char *src;
    size_t len;
    frontmatter_doc doc;
    int rc = read_whole_file(&a, path, &src, &len, err);
    if (rc == 0) rc = frontmatter_parse(&a, src, len, path, &doc, err);
    if (rc == 0) rc = import_doc(store, &a, &doc, path, opt, out, err);
    arena_free(&a);
    return rc;
}
