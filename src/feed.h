/*
** feed.h — syndication feeds.  For now the comment feeds (RSS 2.0); the
** article feeds (RSS, Atom, JSON Feed) join them with issue #4.
*/
#ifndef GAZETTE_FEED_H
#define GAZETTE_FEED_H

#include "request.h"

/* GET /comments/feed/ — see feed.c. */
void feed_comments_site(request_t *req);
/* GET /YYYY/MM/DD/slug/feed/ — see feed.c. */
void feed_comments_article(request_t *req);

#endif
