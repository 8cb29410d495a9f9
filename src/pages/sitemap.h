/*
** sitemap.h — what the site tells crawlers: the sitemap index and its
** child sitemaps, the Google News sitemap, robots.txt.
*/
#ifndef GAZETTE_SITEMAP_H
#define GAZETTE_SITEMAP_H

#include "request.h"

/* The most URLs the sitemap protocol allows in one file, and the most
** files in one index. */
enum { SITEMAP_MAX_URLS = 50000, SITEMAP_MAX_FILES = 50000 };

/* GET /sitemap.xml — see sitemap.c. */
void sitemap_index_page(request_t *req);
/* GET /sitemap-N.xml */
void sitemap_child_page(request_t *req);
/* GET /news-sitemap.xml */
void sitemap_news_page(request_t *req);
/* GET /robots.txt */
void sitemap_robots_page(request_t *req);

#endif
