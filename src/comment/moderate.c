/*
** moderate.c — moderators' decisions on comments; see moderate.h.
**
** The output of moderate_list is for staff: it is the one place besides
** the store where a commenter's email and address appear.
*/
#include "moderate.h"

#include <stdint.h>
#include <string.h>

#include "bayes.h"
#include "date.h"
#include "excerpt.h"

int moderate_set(store_t *store, long long id, store_comment_status status,
                 err_t *err) {
    arena_t a = ARENA_INIT;
    store_comment *c;
    int rc = store_comment_get(store, &a, id, &c, err);
    if (rc == 0 && c == NULL) rc = err_set(err, "there is no comment %lld", id);
    if (rc == 0) {
        const char **tokens;
        size_t n = bayes_tokens(&a, c->body, c->author, c->url, &tokens);
        rc = store_comment_set_status(store, id, status, tokens, n, err);
    }
    arena_free(&a);
    return rc;
}

/* A one-line version of s: control characters as spaces, cut after 12 words. */
static const char *one_line(arena_t *a, const char *s) {
    bool cut;
    char *t = excerpt_words(a, s, 12, &cut);
    for (char *p = t; *p; p++)
        if ((unsigned char)*p < ' ') *p = ' ';
    return t;
}

/* n with a comma between each group of three digits, into out. */
static const char *grouped(size_t n, char out[32]) {
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n), o = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return out;
}

/* One comment, one line. */
static void print_row(arena_t *a, const store_comment *c, FILE *out) {
    char when[32];
    date_format(c->created, when, DATE_RFC3339);
    fprintf(out, "%lld\t%s\t%s\t%s\t%s <%s>\t%s\t%s\t%s\n", c->id,
            store_comment_status_name(c->status), when, c->article_path,
            one_line(a, c->author), c->email, c->ip,
            c->held_reason[0] ? c->held_reason : "-", one_line(a, c->body));
}

/* Rows are read LIST_CHUNK at a time, each chunk in an arena of its own,
** so that a page of a million costs the memory of a chunk. */
enum { LIST_CHUNK = 500 };

int moderate_list(store_t *store, int status, size_t page, size_t per_page,
                  FILE *out, FILE *note, err_t *err) {
    if (page < 1 || per_page < 1 || per_page > MODERATE_PER_PAGE_MAX ||
        page > SIZE_MAX / per_page)
        return err_set(err, "no such page: %zu comments a page, page %zu", per_page, page);
    const char *kind = status >= 0 ? store_comment_status_name(status) : NULL;
    size_t first = (page - 1) * per_page, shown = 0, total = 0;
    for (;;) {
        arena_t a = ARENA_INIT;
        store_comment **list;
        size_t n, want = per_page - shown < LIST_CHUNK ? per_page - shown : LIST_CHUNK;
        if (store_comments_list(store, &a, status, first + shown, want, &list, &n,
                                &total, err)) {
            arena_free(&a);
            return -1;
        }
        for (size_t i = 0; i < n; i++) print_row(&a, list[i], out);
        arena_free(&a);
        shown += n;
        if (n < want || shown == per_page) break;
    }
    char from[32], to[32], all[32], each[32];
    const char *space = kind ? " " : "";
    if (kind == NULL) kind = "";
    if (total == 0) {
        fprintf(note, "gazette: no %s%scomments\n", kind, space);
        return 0;
    }
    if (shown == 0) {
        size_t pages = (total + per_page - 1) / per_page;
        return err_set(err, "page %zu is past the last: %s %s%scomments make %zu "
                       "page%s of %s", page, grouped(total, all), kind, space, pages,
                       pages == 1 ? "" : "s", grouped(per_page, each));
    }
    fprintf(note, "gazette: showing %s–%s of %s %s%scomment%s", grouped(first + 1, from),
            grouped(first + shown, to), grouped(total, all), kind, space,
            total == 1 ? "" : "s");
    if (first + shown < total) fprintf(note, "; next: --page %zu", page + 1);
    fputc('\n', note);
    return 0;
}
