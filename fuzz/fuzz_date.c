/*
** fuzz_date.c — libFuzzer target for dates as text (date.h): date_parse,
** which reads the date: of an imported file's front matter, against a
** reference matcher written out here, and date_format / date_permalink
** on any instant.
**
** The input is the date text, up to its first NUL (front matter values
** are C strings), in a heap block of exactly that size plus its NUL, so
** ASan reports any read past it; its first eight bytes are also read as
** an instant (any long long) for the formatters.  Seeds in
** fuzz/corpus/date/ are dates as people write them in front matter.
**
** Besides crashes and sanitizer reports, the target aborts when a promise
** breaks:
**   date_parse      accepts exactly what the reference accepts: the
**                   syntax YYYY-MM-DD, then optionally [Tt ]hh:mm, then
**                   optionally :ss with an optional [.,]fraction, then
**                   optionally Z, z or ±hh:mm (zone hours 00-23, minutes
**                   00-59), nothing before or after; a real day of that
**                   month (leap years by the Gregorian rule), hour 00-23,
**                   minute and second 00-59.  Its instant is the
**                   reference's, which glibc's timegm computes; a refusal
**                   says "invalid date '…'", in UTF-8 when the input was.
**   date_format     on an accepted instant in years 0000-9999, RFC 3339
**                   text that date_parse reads back to the same instant;
**                   on any instant, text of the documented shape and
**                   length (clamped to years 0000-9999), never
**                   overflowing its 32 bytes.
**   date_permalink  "/YYYY/MM/DD/slug/" with the RFC 3339 date's fields.
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "date.h"
#include "err.h"
#include "utf8.h"

static void check(int ok) {
    if (!ok) abort();
}

/* ---- the reference ------------------------------------------------------ */

/* n digits at *p as a number, advancing; -1 when they are not there. */
static int digits(const char **p, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        unsigned char c = (unsigned char)(*p)[i];
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    *p += n;
    return v;
}

static bool eat(const char **p, const char *set) {
    if (**p == '\0' || strchr(set, **p) == NULL) return false;
    (*p)++;
    return true;
}

/* The instant s names, into *t; false when s is not a date. */
static bool ref_parse(const char *s, long long *t) {
    const char *p = s;
    int y = digits(&p, 4), mo = -1, d = -1, h = 0, mi = 0, sec = 0, off = 0;
    if (y < 0 || !eat(&p, "-") || (mo = digits(&p, 2)) < 0 || !eat(&p, "-") ||
        (d = digits(&p, 2)) < 0)
        return false;
    if (eat(&p, "Tt ")) {
        if ((h = digits(&p, 2)) < 0 || !eat(&p, ":") || (mi = digits(&p, 2)) < 0)
            return false;
        if (eat(&p, ":")) {
            if ((sec = digits(&p, 2)) < 0) return false;
            if (eat(&p, ".,")) {
                if (!eat(&p, "0123456789")) return false;
                while (eat(&p, "0123456789")) {}
            }
        }
        if (!eat(&p, "Zz") && (*p == '+' || *p == '-')) {
            int sign = *p++ == '-' ? -1 : 1, oh, om;
            if ((oh = digits(&p, 2)) < 0 || !eat(&p, ":") || (om = digits(&p, 2)) < 0 ||
                oh > 23 || om > 59)
                return false;
            off = sign * (oh * 3600 + om * 60);
        }
    }
    if (*p != '\0') return false;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap) || h > 23 ||
        mi > 59 || sec > 59)
        return false;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
                    .tm_hour = h, .tm_min = mi, .tm_sec = sec};
    *t = (long long)timegm(&tm) - off;
    return true;
}

/* ---- the target ----------------------------------------------------------- */

static const long long YEAR_0 = -62167219200LL, YEAR_10000 = 253402300800LL;

/* RFC 3339 text of the documented shape: "YYYY-MM-DDTHH:MM:SSZ". */
static bool rfc3339_shape(const char *s) {
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (strlen(s) != sizeof shape - 1) return false;
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i]) return false;
    return true;
}

/* Each style into its own heap block of 32 bytes, so ASan reports a write
** past it. */
static void check_format(arena_t *a, long long t) {
    char *out[3];
    for (int i = 0; i < 3; i++) check((out[i] = malloc(32)) != NULL);
    date_format(t, out[0], DATE_RFC3339);
    check(rfc3339_shape(out[0]));
    date_format(t, out[1], DATE_HUMAN);
    check(strlen(out[1]) >= 8);                 /* "May 1, 0" */
    date_format(t, out[2], DATE_RFC822);
    check(strlen(out[2]) == 31 && !strcmp(out[2] + 25, " +0000"));
    const char *path = date_permalink(a, t, "slug");
    check(strlen(path) == 17 && path[0] == '/' && !memcmp(path + 1, out[0], 4) &&
          !memcmp(path + 6, out[0] + 5, 2) && !memcmp(path + 9, out[0] + 8, 2) &&
          !strcmp(path + 11, "/slug/"));
    for (int i = 0; i < 3; i++) free(out[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const uint8_t *nul = memchr(data, 0, size);
    size_t len = nul ? (size_t)(nul - data) : size;
    char *s = malloc(len + 1);
    check(s != NULL);
    memcpy(s, data, len);
    s[len] = '\0';
    arena_t a = ARENA_INIT;

    long long got = 0, want = 0;
    err_t err = {""};
    int rc = date_parse(s, &got, &err);
    bool ok = ref_parse(s, &want);
    check((rc == 0) == ok);
    if (ok) {
        check(got == want);
        check_format(&a, got);
        if (got >= YEAR_0 && got < YEAR_10000) {
            char text[32];
            long long back = 0;
            date_format(got, text, DATE_RFC3339);
            check(date_parse(text, &back, NULL) == 0 && back == got);
        }
    } else {
        check(rc == -1 && !strncmp(err.msg, "invalid date '", 14));
        if (utf8_valid(s, len)) check(utf8_valid(err.msg, strlen(err.msg)));
    }

    unsigned long long u = 0;
    for (size_t i = 0; i < 8 && i < size; i++) u = u << 8 | data[i];
    check_format(&a, (long long)u);

    arena_free(&a);
    free(s);
    return 0;
}
