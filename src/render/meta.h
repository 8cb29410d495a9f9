/*
** meta.h — what an article's <head> tells search engines and social
** sites: the JSON-LD NewsArticle (Open Graph and Twitter tags are plain
** template work, see article.mustache).
*/
#ifndef GAZETTE_META_H
#define GAZETTE_META_H

#include "request.h"
#include "store.h"

/* The JSON-LD NewsArticle of art, as the text of a
** <script type="application/ld+json"> element: every string JSON-escaped
** with <, > and & as \u escapes, so it cannot close the script. */
char *meta_article_jsonld(request_t *req, const store_article *art);

#endif
