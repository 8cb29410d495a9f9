/*
** fuzz_comment_rules.c — libFuzzer target for what a reader's comment
** form is held to (comment_rules.h): comment_validate on the fields as
** typed, then comment_decide under moderation and disallowed word lists
** and the facts the handler would look up.
**
** Input layout: a flags byte, then six NUL-separated fields:
** "comment\0author\0email\0url\0moderation_words\0disallowed_words".  The
** flags byte sets the facts: bit 0 the honeypot filled, bit 1 the author
** known, bit 2 hold unknown authors, bits 3-4 the form's age (0, 2, 3 or
** 600 s against min_submit_seconds 3), bits 5-7 the spam score (0/7 ..
** 7/7) and, with them, max_links (0..7).  A missing field is "".  Each
** field is copied into a heap block of exactly its size plus its NUL, so
** ASan reports any read past it.  Seeds in fuzz/corpus/comment_rules/
** follow that layout.
**
** Besides crashes and sanitizer reports, the target aborts when a promise
** breaks.  comment_validate, against the rules comment_rules.h states:
**   - it returns how many fields it faulted, and faults exactly: a
**     missing comment, name or email; a field that is not UTF-8 or
**     longer than its limit; an email that is not local@domain.tld
**     (one '@', something before it, a '.' in the domain with something
**     on both sides, no space, control byte or <>",;); a website that is
**     not http:// or https:// (any case) and a host, without space,
**     control byte or "<>\;
** comment_decide, on a valid comment:
**   - spam, held or approved, with a reason exactly when not approved;
**   - spam when the honeypot is filled or a disallowed word (trimmed,
**     case-insensitive, shorter than 256 bytes) occurs in any field or
**     the address; held at least when a moderation word does, when there
**     are more links than max_links, when the form came too soon, or the
**     author is unknown and such authors are held; approved otherwise,
**     unless the spam score holds or refuses it.
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bayes.h"
#include "comment_rules.h"
#include "config.h"
#include "utf8.h"

static void check(int ok) {
    if (!ok) abort();
}

enum { FIELDS = 6 };

/* ---- validation, restated ------------------------------------------------ */

static bool blank(const char *s) {
    return s[0] == '\0';
}

/* What check_text of comment_rules.c should say: is it at fault? */
static bool text_fault(const char *s, size_t max, bool required) {
    if (blank(s)) return required;
    return !utf8_valid(s, strlen(s)) || strlen(s) > max;
}

static bool email_ok(const char *s) {
    const char *at = strchr(s, '@');
    if (at == NULL || at == s || strchr(at + 1, '@')) return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("<>\",;", *p)) return false;
    const char *dot = strrchr(at, '.');
    return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

static bool url_ok(const char *s) {
    size_t skip = !strncasecmp(s, "https://", 8) ? 8 : !strncasecmp(s, "http://", 7) ? 7 : 0;
    if (skip == 0 || s[skip] == '\0' || s[skip] == '/') return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("\"<>\\", *p)) return false;
    return true;
}

static void check_validate(const comment_input *in, const comment_errors *e, int n) {
    bool comment = text_fault(in->comment, COMMENT_MAX_TEXT, true);
    bool author = text_fault(in->author, COMMENT_MAX_AUTHOR, true);
    bool email = text_fault(in->email, COMMENT_MAX_EMAIL, true) || !email_ok(in->email);
    bool url = text_fault(in->url, COMMENT_MAX_URL, false) ||
               (!blank(in->url) && !url_ok(in->url));
    check((e->comment != NULL) == comment && (e->author != NULL) == author &&
          (e->email != NULL) == email && (e->url != NULL) == url);
    check(n == comment + author + email + url);
}

/* ---- the decision, bounded ----------------------------------------------- */

static bool ascii_space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Does the word w[0..n) occur in s, ASCII letters in any case? */
static bool occurs(const char *s, const char *w, size_t n) {
    for (; *s; s++)
        if (!strncasecmp(s, w, n)) return true;
    return false;
}

/* Does some word of the list (split on ',' and line ends, trimmed, 1 to
** 255 bytes) occur in a field of in or in ip? */
static bool listed(const char *list, const comment_input *in, const char *ip) {
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",\n");
        const char *w = p;
        p += n + (p[n] != '\0');
        while (n && ascii_space(*w)) w++, n--;
        while (n && ascii_space(w[n - 1])) n--;
        if (n == 0 || n >= 256) continue;
        if (occurs(in->comment, w, n) || occurs(in->author, w, n) ||
            occurs(in->email, w, n) || occurs(in->url, w, n) || occurs(ip, w, n))
            return true;
    }
    return false;
}

static int links(const char *s) {
    int n = 0;
    for (; *s; s++)
        n += !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
    return n;
}

static void check_decide(const config_t *cfg, const comment_input *in,
                         const comment_facts *f) {
    const char *reason = NULL;
    store_comment_status st = comment_decide(cfg, in, f, &reason);
    check(st == STORE_COMMENT_SPAM || st == STORE_COMMENT_PENDING ||
          st == STORE_COMMENT_APPROVED);
    check(reason != NULL && (reason[0] == '\0') == (st == STORE_COMMENT_APPROVED));
    bool spam = f->honeypot_filled || listed(cfg->disallowed_words, in, f->ip) ||
                f->spam_score >= BAYES_SPAM_THRESHOLD;
    bool hold = listed(cfg->moderation_words, in, f->ip) ||
                links(in->comment) > cfg->max_links ||
                (cfg->min_submit_seconds > 0 && f->form_age < cfg->min_submit_seconds) ||
                f->spam_score >= BAYES_HOLD_THRESHOLD ||
                (cfg->hold_unknown_authors && !f->author_known);
    if (spam) check(st == STORE_COMMENT_SPAM);
    else if (hold) check(st == STORE_COMMENT_PENDING);
    else check(st == STORE_COMMENT_APPROVED);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    unsigned flags = data[0];
    char *field[FIELDS];
    size_t at = 1;
    for (int i = 0; i < FIELDS; i++) {
        const uint8_t *start = data + at;
        const uint8_t *nul = at < size ? memchr(start, 0, size - at) : NULL;
        size_t n = at < size ? (nul ? (size_t)(nul - start) : size - at) : 0;
        field[i] = malloc(n + 1);
        check(field[i] != NULL);
        if (n) memcpy(field[i], start, n);
        field[i][n] = '\0';
        at += n + 1;
    }
    comment_input in = {field[0], field[1], field[2], field[3], (flags & 1) != 0};
    comment_errors e;
    int n = comment_validate(&in, &e);
    check_validate(&in, &e, n);
    if (n == 0) {
        static const long long ages[] = {0, 2, 3, 600};
        config_t cfg;
        config_defaults(&cfg);
        snprintf(cfg.moderation_words, sizeof cfg.moderation_words, "%s", field[4]);
        snprintf(cfg.disallowed_words, sizeof cfg.disallowed_words, "%s", field[5]);
        cfg.hold_unknown_authors = flags & 4;
        cfg.max_links = (int)(flags >> 5);
        cfg.min_submit_seconds = 3;
        comment_facts f = {
            .author_known = flags & 2,
            .honeypot_filled = flags & 1,
            .form_age = ages[(flags >> 3) & 3],
            .spam_score = (double)(flags >> 5) / 7.0,
            .ip = "192.0.2.7",
        };
        check_decide(&cfg, &in, &f);
    }
    for (int i = 0; i < FIELDS; i++) free(field[i]);
    return 0;
}
