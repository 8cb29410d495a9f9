/*
** front.h — the front page and its older pages.
*/
#ifndef GAZETTE_FRONT_H
#define GAZETTE_FRONT_H

#include "request.h"

/* GET / and /page/N/ — see front.c. */
void front_page(request_t *req);

#endif
