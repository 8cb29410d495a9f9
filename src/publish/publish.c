/*
** publish.c — the one way an article is saved; see publish.h.
**
** Design: three steps, each one call, in the order publish.h gives.  The
** save (store_article_put) is the only step that can refuse the article,
** and everything it needs is computed before it: the HTML and plain text
** of the body, the slug, the date.  After it the article is committed,
** so what follows (related stories) can no longer take it back: its
** failure is returned as a warning beside the result, for the writer to
** show, and the call still succeeds.
**
** An update starts from the article as stored (store_article_get, any
** status): that is where a slug or date the writer leaves unsaid comes
** from, and how "no article with id N" is told from other failures.
*/
#include "publish.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "markdown.h"
#include "paragraph.h"
#include "slug.h"

/* Render in's body into art (format, body, body_html, body_text). */
static int render_body(arena_t *a, const publish_input *in, store_article *art,
                       err_t *err) {
    const char *text = in->text ? in->text : "";
    art->body = text;
    if (in->format == PUBLISH_MARKDOWN) {
        char *html, *plain;
        if (markdown_render(a, text, strlen(text), &html, &plain, err)) return -1;
        art->format = "markdown";
        art->body_html = html;
        art->body_text = plain;
    } else {
        art->format = "text";
        art->body_html = paragraph_html(a, text);
        art->body_text = text;
    }
    return 0;
}

int publish_article(store_t *s, arena_t *a, const publish_input *in,
                    publish_result *out, err_t *err) {
    memset(out, 0, sizeof *out);
    if (in->title == NULL || in->title[0] == '\0')
        return err_set(err, "an article needs a title");
    store_article *old = NULL;
    if (in->id != 0) {
        if (store_article_get(s, a, in->id, &old, err)) return -1;
        if (old == NULL) return err_set(err, "no article with id %lld", in->id);
    }
    store_article art = {0};
    art.id = in->id;
    art.title = in->title;
    art.slug = in->slug && in->slug[0] ? slug_make(a, in->slug)
               : old                   ? old->slug
                                       : slug_make(a, in->title);
    art.section = in->section;
    art.author = in->author;
    art.tags = in->tags;
    art.ntags = in->ntags;
    art.status = in->status;
    art.comments_closed = in->comments_closed;
    art.updated = (long long)time(NULL);
    art.published = in->published != PUBLISH_DATE_KEEP ? in->published
                    : old                             ? old->published
                                                      : art.updated;
    art.source = in->source;
    art.source_hash = in->source_hash;
    if (render_body(a, in, &art, err)) return -1;

    store_article_saved saved;
    if (store_article_put(s, a, &art, &saved, err)) return -1;
    out->id = saved.id;
    out->slug = saved.slug;
    out->path = saved.path;
    out->created = saved.created;
    out->moved_from = saved.moved_from;
    out->published = art.published;
    out->saved_at = art.updated;

    /* Committed.  From here on a failure is a warning, not an error. */
    err_t related;
    if (store_related_update(s, saved.id, &related))
        out->warning = arena_printf(a, "saved, but its related stories were "
                                       "not updated: %s", related.msg);
    return 0;
}

char *publish_hash(arena_t *a, const void *bytes, size_t len) {
    unsigned char h[crypto_generichash_BYTES];          /* 32 */
    if (sodium_init() < 0) abort();         /* as arena.c on no memory */
    crypto_generichash(h, sizeof h, bytes, len, NULL, 0);
    char *hex = arena_alloc(a, 2 * sizeof h + 1);
    sodium_bin2hex(hex, 2 * sizeof h + 1, h, sizeof h);
    return hex;
}
