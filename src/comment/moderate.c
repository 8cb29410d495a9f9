/*
** moderate.c — moderators' decisions on comments; see moderate.h.
**
** The output of moderate_list is for staff: it is the one place besides
** the store where a commenter's email and address appear.
*/
#include "moderate.h"

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

int moderate_list(store_t *store, int status, FILE *out, err_t *err) {
    arena_t a = ARENA_INIT;
    store_comment **list;
    size_t n;
    if (store_comments_list(store, &a, status, 1000, &list, &n, err)) {
        arena_free(&a);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const store_comment *c = list[i];
        char when[32];
        date_format(c->created, when, DATE_RFC3339);
        fprintf(out, "%lld\t%s\t%s\t%s\t%s <%s>\t%s\t%s\t%s\n", c->id,
                store_comment_status_name(c->status), when, c->article_path,
                one_line(&a, c->author), c->email, c->ip,
                c->held_reason[0] ? c->held_reason : "-", one_line(&a, c->body));
    }
    arena_free(&a);
    return 0;
}
