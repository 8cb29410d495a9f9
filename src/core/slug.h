/*
** slug.h — the slug of a headline or a name: the URL-safe words that end
** an article's permalink and name a section, tag or author archive.
**
** Slugs are part of the URL contract: the same text gives the same slug in
** every version, so that importing a file again finds its article.
*/
#ifndef GAZETTE_SLUG_H
#define GAZETTE_SLUG_H

#include "arena.h"

/* The longest slug slug_make makes, in bytes. */
#define SLUG_MAX 80

/* A permalink slug for a headline or a name, in the arena; never "". */
char *slug_make(arena_t *a, const char *s);

#endif
