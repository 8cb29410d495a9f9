/*
** date.h — dates as text, and the permalink an article's date gives it.
**
** Dates are Unix seconds (long long) in UTC throughout the program; only
** the functions below turn them into text or read them from text.  No
** locale, no time zone, no global state.
*/
#ifndef GAZETTE_DATE_H
#define GAZETTE_DATE_H

#include "arena.h"
#include "err.h"

/* Styles for date_format. */
enum date_style {
    DATE_RFC3339,   /* 2024-05-01T09:00:00Z   for <time datetime>, Atom */
    DATE_HUMAN,     /* May 1, 2024            for readers */
    DATE_RFC822,    /* Wed, 01 May 2024 09:00:00 +0000   for RSS 2.0 */
};

/* An RFC 3339 / ISO 8601 date or date-time into Unix seconds (UTC). */
int date_parse(const char *s, long long *epoch, err_t *err);
/* The UTC date of epoch as text in a date_style. */
void date_format(long long epoch, char out[32], int style);
/* Days from 1970-01-01 to the proleptic Gregorian date year-month-day
** (negative before it); month 1..12 and day 1..31 are not checked
** further. */
long long date_days(long long year, unsigned month, unsigned day);
/* "January" .. "December" for month 1 .. 12; NULL for any other. */
const char *date_month_name(int month);
/* "/YYYY/MM/DD/slug/" for an article published at epoch (UTC). */
char *date_permalink(arena_t *a, long long epoch, const char *slug);

#endif
