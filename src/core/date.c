/*
** date.c — dates and permalinks; see date.h.
**
** Civil dates and day numbers are converted with Howard Hinnant's
** days_from_civil (here date_days, which HTTP dates and month archives use
** too) and civil_from_days, which are exact for the proleptic Gregorian
** calendar and need neither timegm nor the TZ variable.  The
** parser reads fixed-width fields by hand (no strptime, no locale) and
** range-checks them after the syntax, so that its message says which.
*/
#include "date.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d. */
long long date_days(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* The inverse of date_days. */
static void civil_from_days(long long z, long long *y, unsigned *m,
                            unsigned *d) {
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long long)yoe + era * 400 + (*m <= 2);
}

static unsigned days_in_month(int y, int m) {
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30,
                                           31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

/* Read exactly n digits at *p into *out and advance; false if not there. */
static bool read_digits(const char **p, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return true;
}

/* Advance past c if *p is c. */
static bool read_char(const char **p, char c) {
    if (**p != c) return false;
    (*p)++;
    return true;
}

typedef struct date_fields {
    int year, month, day, hour, minute, second, offset;   /* offset: s */
} date_fields;

/* Parse "±hh:mm", "Z" or nothing at *p into f->offset.  False on junk. */
static bool read_zone(const char **p, date_fields *f) {
    int sign = **p == '-' ? -1 : 1, oh, om;
    if (read_char(p, 'Z') || read_char(p, 'z') || **p == '\0') return true;
    if (!read_char(p, '+') && !read_char(p, '-')) return false;
    if (!read_digits(p, 2, &oh) || !read_char(p, ':') ||
        !read_digits(p, 2, &om) || oh > 23 || om > 59)
        return false;
    f->offset = sign * (oh * 3600 + om * 60);
    return true;
}

/* Parse "hh:mm[:ss[.fff]]" and the zone.  False when malformed. */
static bool read_time(const char **p, date_fields *f) {
    int frac;
    if (!read_digits(p, 2, &f->hour) || !read_char(p, ':') ||
        !read_digits(p, 2, &f->minute))
        return false;
    if (read_char(p, ':')) {
        if (!read_digits(p, 2, &f->second)) return false;
        if (read_char(p, '.') || read_char(p, ',')) {
            if (!read_digits(p, 1, &frac)) return false;
            while (**p >= '0' && **p <= '9') (*p)++;
        }
    }
    return read_zone(p, f);
}

/* Parse the syntax of s into f.  False when malformed. */
static bool read_date(const char *s, date_fields *f) {
    const char *p = s;
    if (!read_digits(&p, 4, &f->year) || !read_char(&p, '-') ||
        !read_digits(&p, 2, &f->month) || !read_char(&p, '-') ||
        !read_digits(&p, 2, &f->day))
        return false;
    if (*p != '\0') {
        if (!read_char(&p, 'T') && !read_char(&p, 't') && !read_char(&p, ' '))
            return false;
        if (!read_time(&p, f)) return false;
    }
    return *p == '\0';
}

/* The reason f is out of range, or NULL when it is a real instant. */
static const char *date_range_error(const date_fields *f) {
    if (f->month < 1 || f->month > 12) return "month must be 01-12";
    if (f->day < 1 || (unsigned)f->day > days_in_month(f->year, f->month))
        return "no such day in that month";
    if (f->hour > 23) return "hour must be 00-23";
    if (f->minute > 59) return "minute must be 00-59";
    if (f->second > 59) return "second must be 00-59";
    return NULL;
}

/*
** Parse an ISO 8601 / RFC 3339 date into Unix seconds (UTC) in *epoch.
** Accepted: YYYY-MM-DD, then optionally 'T' (or 't' or ' ') hh:mm[:ss]
** with optional fraction (.fff, dropped), then optionally 'Z' or ±hh:mm;
** no zone means UTC.  Nothing else may precede or follow.  Fields are
** range-checked (leap years included; no leap second).  Returns 0, or -1
** with "invalid date 'S' (reason)" in err.
*/
int date_parse(const char *s, long long *epoch, err_t *err) {
    date_fields f = {0};
    size_t shown = utf8_boundary(s, strnlen(s, 40));
    if (!read_date(s, &f))
        return err_set(err, "invalid date '%.*s' (expected YYYY-MM-DD or "
                       "YYYY-MM-DDTHH:MM:SSZ)", (int)shown, s);
    const char *why = date_range_error(&f);
    if (why) return err_set(err, "invalid date '%.*s' (%s)", (int)shown, s, why);
    *epoch = date_days(f.year, (unsigned)f.month, (unsigned)f.day) * 86400
             + f.hour * 3600 + f.minute * 60 + f.second - f.offset;
    return 0;
}

/* The UTC calendar fields of an instant, clamped to years 0000-9999. */
typedef struct civil {
    unsigned year, month, day, hour, minute, second, weekday; /* 0: Sunday */
} civil;

static civil civil_from_epoch(long long epoch) {
    const long long lo = -62167219200LL, hi = 253402300799LL;
    civil c;
    long long y;
    unsigned m, d;
    if (epoch < lo) epoch = lo;
    if (epoch > hi) epoch = hi;
    long long days = epoch / 86400, secs = epoch % 86400;
    if (secs < 0) secs += 86400, days--;
    civil_from_days(days, &y, &m, &d);
    c.year = (unsigned)y, c.month = m, c.day = d;
    c.hour = (unsigned)(secs / 3600), c.minute = (unsigned)(secs / 60 % 60);
    c.second = (unsigned)(secs % 60);
    c.weekday = (unsigned)((days % 7 + 11) % 7);  /* 1970-01-01: Thursday */
    return c;
}

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

const char *date_month_name(int month) {
    return month >= 1 && month <= 12 ? month_names[month - 1] : NULL;
}

/*
** Write the UTC date of epoch into out in the given date_style:
** DATE_RFC3339 "2024-05-01T09:00:00Z", DATE_HUMAN "May 1, 2024",
** DATE_RFC822 "Wed, 01 May 2024 09:00:00 +0000".  Instants outside
** years 0000-9999 are clamped into them.  An unknown style means RFC 3339.
*/
void date_format(long long epoch, char out[32], int style) {
    static const char wd[7][4] = {"Sun", "Mon", "Tue", "Wed",
                                  "Thu", "Fri", "Sat"};
    civil c = civil_from_epoch(epoch);
    const char *mon = month_names[c.month - 1];
    if (style == DATE_HUMAN) {
        snprintf(out, 32, "%s %u, %u", mon, c.day % 100, c.year % 10000);
    } else if (style == DATE_RFC822) {
        snprintf(out, 32, "%s, %02u %.3s %04u %02u:%02u:%02u +0000",
                 wd[c.weekday % 7], c.day % 100, mon, c.year % 10000,
                 c.hour % 100, c.minute % 100, c.second % 100);
    } else {
        snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02uZ", c.year % 10000,
                 c.month % 100, c.day % 100, c.hour % 100, c.minute % 100,
                 c.second % 100);
    }
}

/*
** Return the permalink path of an article, "/YYYY/MM/DD/slug/", in the
** arena; the date is epoch's UTC date.  slug is used as given (make it
** with slug_make).
*/
char *date_permalink(arena_t *a, long long epoch, const char *slug) {
    civil c = civil_from_epoch(epoch);
    return arena_printf(a, "/%04u/%02u/%02u/%s/", c.year, c.month, c.day,
                        slug);
}
