/*
** request.c — the few helpers every handler shares; see request.h.
*/
#include "request.h"

void request_set_cookie(request_t *req, const char *value) {
    if (value == NULL || req->nset_cookie == REQUEST_MAX_COOKIES) return;
    req->set_cookie[req->nset_cookie++] = value;
}
