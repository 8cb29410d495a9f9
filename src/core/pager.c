/*
** pager.c — paging a list; see pager.h.
*/
#include "pager.h"

pager_t pager_at(long page, size_t per) {
    pager_t p = {.page = page, .per = per};
    p.offset = (size_t)(page - 1) * per;
    p.limit = per + 1;
    return p;
}

bool pager_past_end(const pager_t *p, size_t got) {
    return got == 0 && p->page > 1;
}

bool pager_has_next(const pager_t *p, size_t got) {
    return got > p->per;
}

const char *pager_path(arena_t *a, const char *base, long page) {
    return page <= 1 ? base : arena_printf(a, "%spage/%ld/", base, page);
}
