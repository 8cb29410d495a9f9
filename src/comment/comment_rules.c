/*
** comment_rules.c — validating a comment and deciding its fate; see
** comment_rules.h.
**
** The order of comment_decide is the order of certainty: what proves
** spam (the honeypot, a disallowed word, a near-certain Bayesian score)
** comes first; then what only raises doubt (moderation words, many links,
** a form sent too fast, a doubtful score, an unknown author) holds the
** comment for a moderator; what passes everything is approved.
*/
#include "comment_rules.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "bayes.h"
#include "utf8.h"

static bool blank(const char *s) { return s == NULL || s[0] == '\0'; }

/* local@domain.tld, no spaces, no control characters, one '@'. */
static bool email_valid(const char *s) {
    const char *at = strchr(s, '@');
    if (at == NULL || at == s || strchr(at + 1, '@')) return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"' ||
            *p == ',' || *p == ';')
            return false;
    const char *dot = strrchr(at + 1, '.');
    return dot && dot > at + 1 && dot[1] != '\0';
}

/* http:// or https:// then a host, no spaces or quotes. */
static bool url_valid(const char *s) {
    size_t skip = !strncasecmp(s, "http://", 7) ? 7 : !strncasecmp(s, "https://", 8) ? 8 : 0;
    if (skip == 0 || s[skip] == '\0' || s[skip] == '/') return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
            return false;
    return true;
}

static const char *check_text(const char *value, size_t max, bool required,
                              const char *missing, const char *too_long) {
    if (blank(value)) return required ? missing : NULL;
    if (!utf8_valid(value, strlen(value))) return "This contains bytes that are not valid text (UTF-8).";
    if (strlen(value) > max) return too_long;
    return NULL;
}

int comment_validate(const comment_input *in, comment_errors *e) {
    memset(e, 0, sizeof *e);
    e->comment = check_text(in->comment, COMMENT_MAX_TEXT, true,
                            "Please type your comment.",
                            "Your comment is too long (at most 65,525 bytes).");
    e->author = check_text(in->author, COMMENT_MAX_AUTHOR, true,
                           "Please give your name.",
                           "Your name is too long (at most 245 bytes).");
    e->email = check_text(in->email, COMMENT_MAX_EMAIL, true,
                          "Please give your email address; it will not be published.",
                          "Your email address is too long (at most 100 bytes).");
    if (e->email == NULL && !email_valid(in->email))
        e->email = "Please give a valid email address, like name@example.org.";
    e->url = check_text(in->url, COMMENT_MAX_URL, false, NULL,
                        "Your website address is too long (at most 200 bytes).");
    if (e->url == NULL && !blank(in->url) && !url_valid(in->url))
        e->url = "A website address must start with http:// or https://.";
    return (e->comment != NULL) + (e->author != NULL) + (e->email != NULL) +
           (e->url != NULL);
}

/* How many http(s) links the text holds. */
static int count_links(const char *text) {
    int n = 0;
    for (const char *p = text; (p = strcasestr(p, "http")) != NULL; p += 4)
        if (!strncasecmp(p, "http://", 7) || !strncasecmp(p, "https://", 8)) n++;
    return n;
}

static bool contains(const char *hay, const char *word) {
    return hay && strcasestr(hay, word) != NULL;
}

/* Does any word of the comma-separated list occur (case-insensitively)
** in the comment, author, email, url or ip?  The first match in *word. */
static bool words_match(const char *list, const comment_input *in,
                        const char *ip, char *word, size_t word_size) {
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",\n");
        const char *start = p;
        p += len;
        if (*p) p++;
        while (len && isspace((unsigned char)*start)) start++, len--;
        while (len && isspace((unsigned char)start[len - 1])) len--;
        if (len == 0 || len >= word_size) continue;
        memcpy(word, start, len);
        word[len] = '\0';
        if (contains(in->comment, word) || contains(in->author, word) ||
            contains(in->email, word) || contains(in->url, word) || contains(ip, word))
            return true;
    }
    return false;
}

static store_comment_status verdict(const char **reason, const char *why,
                                    store_comment_status status) {
    *reason = why;
    return status;
}

store_comment_status comment_decide(const config_t *cfg, const comment_input *in,
                                    const comment_facts *f, const char **reason) {
    char word[256];
    *reason = "";
    if (f->honeypot_filled) return verdict(reason, "the hidden field was filled", STORE_COMMENT_SPAM);
    if (words_match(cfg->disallowed_words, in, f->ip, word, sizeof word))
        return verdict(reason, "a disallowed word", STORE_COMMENT_SPAM);
    if (f->spam_score >= BAYES_SPAM_THRESHOLD)
        return verdict(reason, "the spam filter is nearly sure", STORE_COMMENT_SPAM);
    if (words_match(cfg->moderation_words, in, f->ip, word, sizeof word))
        return verdict(reason, "a moderation word", STORE_COMMENT_PENDING);
    if (count_links(in->comment) > cfg->max_links)
        return verdict(reason, "too many links", STORE_COMMENT_PENDING);
    if (cfg->min_submit_seconds > 0 && f->form_age < cfg->min_submit_seconds)
        return verdict(reason, "sent too soon after the form was served", STORE_COMMENT_PENDING);
    if (f->spam_score >= BAYES_HOLD_THRESHOLD)
        return verdict(reason, "the spam filter has doubts", STORE_COMMENT_PENDING);
    if (cfg->hold_unknown_authors && !f->author_known)
        return verdict(reason, "first comment of a new author", STORE_COMMENT_PENDING);
    return STORE_COMMENT_APPROVED;
}
