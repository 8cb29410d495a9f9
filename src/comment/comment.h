/*
** comment.h — readers' comments.
*/
#ifndef GAZETTE_COMMENT_H
#define GAZETTE_COMMENT_H

#include "request.h"

/* POST /comments — see comment.c. */
void comment_post(request_t *req);

#endif
