/*
** avatar.h — commenters' avatars, made here, never fetched elsewhere.
*/
#ifndef GAZETTE_AVATAR_H
#define GAZETTE_AVATAR_H

#include "request.h"

/* GET /avatar/KEY.svg — see avatar.c. */
void avatar_page(request_t *req);

#endif
