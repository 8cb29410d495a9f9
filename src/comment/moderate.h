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

/* The most comments moderate_list prints a page, and its default. */
enum { MODERATE_PER_PAGE_MAX = 1000000, MODERATE_PER_PAGE = 1000 };

/* Print page (from 1) of the comments with status (all when status < 0),
** per_page (1 to MODERATE_PER_PAGE_MAX) a page, newest first, one a line
** to out: id, status, date, article path, author <email>, address,
** reason, text.  Then one line to note saying which these are of how many
** in all, and how to ask for the next page when there is one:
** "showing 1–1,000 of 15,000 comments; next: --page 2".  A page past the
** last is an error that says how many pages there are. */
int moderate_list(store_t *store, int status, size_t page, size_t per_page,
                  FILE *out, FILE *note, err_t *err);

#endif
