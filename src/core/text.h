/*
** text.h — text utilities: UTF-8 validation, slugs, excerpts, dates,
** permalinks and plain-text paragraphs.
**
** Every function here is pure: no locale, no time zone, no global state.
** Strings that outlive the call come from the caller's arena.  Dates are
** Unix seconds (long long) in UTC throughout the program; only the
** functions below turn them into text.
*/
#ifndef GAZETTE_TEXT_H
#define GAZETTE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "err.h"

/* The longest slug text_slugify makes, in bytes. */
#define TEXT_SLUG_MAX 80

/* Styles for text_format_date. */
enum text_date_style {
    TEXT_DATE_RFC3339,   /* 2024-05-01T09:00:00Z   for <time datetime>, Atom */
    TEXT_DATE_HUMAN,     /* May 1, 2024            for readers */
    TEXT_DATE_RFC822,    /* Wed, 01 May 2024 09:00:00 +0000   for RSS 2.0 */
};

/* Strict UTF-8 (no overlongs, surrogates, or code points > U+10FFFF)? */
bool text_utf8_valid(const char *s, size_t len);
/* Decode the code point at s[0..len), len >= 1: its length in bytes (1-4)
** with the code point in *cp, or 0 when the bytes there are not a
** complete, shortest-form, non-surrogate sequence <= U+10FFFF. */
size_t text_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Write the UTF-8 of cp (a valid scalar value) into out; its length. */
size_t text_utf8_encode(uint32_t cp, char out[4]);
/* The length of the longest valid UTF-8 prefix of s[0..len). */
size_t text_utf8_valid_prefix(const char *s, size_t len);
/* A permalink slug for a headline or a name, in the arena; never "". */
char *text_slugify(arena_t *a, const char *s);
/* The first max_words words of plain text, " …" added when cut. */
char *text_excerpt(arena_t *a, const char *plain, size_t max_words,
                   bool *was_cut);
/* An RFC 3339 / ISO 8601 date or date-time into Unix seconds (UTC). */
int text_parse_date(const char *s, long long *epoch, err_t *err);
/* The UTC date of epoch as text in a text_date_style. */
void text_format_date(long long epoch, char out[32], int style);
/* "/YYYY/MM/DD/slug/" for an article published at epoch (UTC). */
char *text_permalink(arena_t *a, long long epoch, const char *slug);
/* A plain-text body as HTML paragraphs, "<p>…</p>\n" each, escaped. */
char *text_paragraphs_html(arena_t *a, const char *plain);

#endif
