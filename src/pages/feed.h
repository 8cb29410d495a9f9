/*
** feed.h — syndication feeds: the article feeds (RSS 2.0, Atom 1.0,
** JSON Feed 1.1) of the site and of each section, tag, author, year and
** month, and the comment feeds (RSS 2.0).
**
** Each article-feed handler serves three URLs, one a format: .../feed/
** (RSS), .../feed/atom/ and .../feed/json/; it tells them apart by the
** path's ending.
*/
#ifndef GAZETTE_FEED_H
#define GAZETTE_FEED_H

#include "request.h"

/* GET /feed/, /feed/atom/, /feed/json/ — see feed.c. */
void feed_site_page(request_t *req);
/* GET /section/NAME/feed/[atom/|json/] */
void feed_section_page(request_t *req);
/* GET /tag/NAME/feed/[atom/|json/] */
void feed_tag_page(request_t *req);
/* GET /author/NAME/feed/[atom/|json/] */
void feed_author_page(request_t *req);
/* GET /YYYY/feed/[atom/|json/] */
void feed_year_page(request_t *req);
/* GET /YYYY/MM/feed/[atom/|json/] */
void feed_month_page(request_t *req);

/* GET /comments/feed/ — see feed.c. */
void feed_comments_site(request_t *req);
/* GET /YYYY/MM/DD/slug/feed/ — see feed.c. */
void feed_comments_article(request_t *req);

#endif
