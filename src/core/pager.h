/*
** pager.h — paging a list: which items page N shows, whether it lies past
** the end, whether a later page exists, and the path of a page.
**
** A page asks for one item more than it shows (limit = per + 1): when
** that one comes back, a later page exists, and nothing has to count the
** whole list.  Pages are numbered from 1; page 1 of an empty list exists
** (it says there is nothing yet), any later empty page does not.
*/
#ifndef GAZETTE_PAGER_H
#define GAZETTE_PAGER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct pager {
    long page;          /* this page, from 1 */
    size_t per;         /* items a page shows */
    size_t offset;      /* items on the pages before this one: skip them */
    size_t limit;       /* per + 1: how many to ask for */
} pager_t;

/* Page page (>= 1) of a list that shows per (>= 1) items a page. */
pager_t pager_at(long page, size_t per);

/* Does the page lie past the end of the list?  got: how many items a
** fetch of p->limit from p->offset returned. */
bool pager_past_end(const pager_t *p, size_t got);

/* Does a page follow this one?  got: the items the list holds from this
** page's first on, or at least as many as a fetch of p->limit returned. */
bool pager_has_next(const pager_t *p, size_t got);

/* The path of page of a list whose first page is at base ("/",
** "/section/x/"), in the arena: base itself for page 1 (or less), else
** base "page/N/". */
const char *pager_path(arena_t *a, const char *base, long page);

#endif
