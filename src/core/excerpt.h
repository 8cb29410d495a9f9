/*
** excerpt.h — the first words of a plain text, as lists, feeds and the
** moderation queue show an article or a comment.
*/
#ifndef GAZETTE_EXCERPT_H
#define GAZETTE_EXCERPT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* The first max_words words of plain text, " …" added when cut. */
char *excerpt_words(arena_t *a, const char *plain, size_t max_words,
                    bool *was_cut);

#endif
