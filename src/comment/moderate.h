/*
** moderate.h — moderators' decisions on comments, shared by the command
** line (`gazette comments`) and, later, the web admin.
*/
#ifndef GAZETTE_MODERATE_H
#define GAZETTE_MODERATE_H

#include <stdio.h>

#include "err.h"
#include "store.h"

/* Move comment id to status and teach the spam filter the decision
** (approved: ham, spam: spam; a previous lesson is taken back). */
int moderate_set(store_t *store, long long id, store_comment_status status,
                 err_t *err);

/* Print comments (all when status < 0), newest first, one a line:
** id, status, date, article path, author <email>, address, reason, text. */
int moderate_list(store_t *store, int status, FILE *out, err_t *err);

#endif
