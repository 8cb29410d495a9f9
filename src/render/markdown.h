/*
** markdown.h — Markdown to safe HTML and to plain text, through libcmark.
**
** The HTML is CommonMark with raw HTML disabled and dangerous link schemes
** (javascript:, vbscript:, file:, non-image data:) removed, so templates
** may emit it raw ({{{body}}}).  Typography is left exactly as written.
*/
#ifndef GAZETTE_MARKDOWN_H
#define GAZETTE_MARKDOWN_H

#include <stddef.h>

#include "arena.h"
#include "err.h"

/* Render md[0..len) to HTML and to plain text, both in the arena. */
int markdown_render(arena_t *a, const char *md, size_t len, char **html,
                    char **plain, err_t *err);

#endif
