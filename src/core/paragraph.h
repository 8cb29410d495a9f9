/*
** paragraph.h — plain text as HTML paragraphs: how an article written as
** plain text is published.
*/
#ifndef GAZETTE_PARAGRAPH_H
#define GAZETTE_PARAGRAPH_H

#include "arena.h"

/* A plain-text body as HTML paragraphs, "<p>…</p>\n" each, escaped. */
char *paragraph_html(arena_t *a, const char *plain);

#endif
