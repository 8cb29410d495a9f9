/*
** paragraph.h — plain text as HTML paragraphs: an article written as
** plain text, and a reader's comment.
**
** Both read the text the same way: paragraphs are separated by one or
** more blank (or whitespace-only) lines, and each line of a paragraph is
** trimmed of the white space around it.  They differ in what a line end
** inside a paragraph means: in an article it is where the writer's editor
** wrapped (a space); in a comment it is where the reader pressed Enter (a
** <br>).  Every byte of the text is HTML-escaped: plain text never
** becomes markup, except the links paragraph_html_comment makes.
*/
#ifndef GAZETTE_PARAGRAPH_H
#define GAZETTE_PARAGRAPH_H

#include "arena.h"

/* An article's plain-text body as HTML, in the arena: "<p>…</p>\n" a
** paragraph, its lines joined with one space; "" when there is no text. */
char *paragraph_html(arena_t *a, const char *plain);

/* A comment's text as HTML, in the arena: "<p>…</p>\n" a paragraph, its
** lines joined with "<br>\n", and every http:// or https:// URL (not
** preceded by a letter or digit, without the punctuation that ends a
** sentence) made a link with rel="nofollow ugc"; "" when there is no
** text. */
char *paragraph_html_comment(arena_t *a, const char *plain);

#endif
