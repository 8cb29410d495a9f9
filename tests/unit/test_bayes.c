/*
** test_bayes.c — unit tests for bayes_tokens.c, bayes_score.c and
** bayes_memory.c (the in-memory counts), and the evaluation of the
** classifier: 5-fold cross-validation over tests/data/comments-labelled.tsv
** (read relative to the repository root, where tests run; a missing file
** is a failure, not a skip), printing precision, recall, F1 and the
** confusion matrix at both thresholds and asserting the targets at the
** hold threshold.
**
** Every test gets a fresh arena from unit_arena_setup() and loses it in
** unit_arena_teardown() (unit.h),
** which cmocka runs even when an assertion fails.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "bayes.h"
#include "bayes_memory.h"
#include "buf.h"
#include "err.h"
#include "unit.h"
#include "utf8.h"

#define LABELLED "tests/data/comments-labelled.tsv"
#define FOLDS 5

/* ---------------------------------------------------------------- helpers */

static bool has(const char **tok, size_t n, const char *want) {
    for (size_t i = 0; i < n; i++) {
        if (strcmp(tok[i], want) == 0) return true;
    }
    return false;
}

/* Fail with the whole token list when want is (not) among the tokens. */
static void expect(const char **tok, size_t n, const char *want, bool present) {
    if (has(tok, n, want) == present) return;
    for (size_t i = 0; i < n; i++) fprintf(stderr, "[%s] ", tok[i]);
    fail_msg("token \"%s\" should%s be there", want, present ? "" : " not");
}

/* The promises of bayes.h about every token list. */
static void check_tokens(const char **tok, size_t n) {
    assert_true(n >= 1);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(tok[i]);
        assert_true(len >= 1 && len <= BAYES_TOKEN_MAX);
        assert_true(utf8_valid(tok[i], len));
        for (size_t j = 0; j < len; j++)
            assert_false(tok[i][j] >= 'A' && tok[i][j] <= 'Z');
        for (size_t j = i + 1; j < n; j++) assert_string_not_equal(tok[i], tok[j]);
    }
}

/* Tokens of text alone (no author, no website), checked. */
static size_t tokens_of(arena_t *a, const char *text, const char ***tok) {
    size_t n = bayes_tokens(a, text, NULL, NULL, tok);
    check_tokens(*tok, n);
    return n;
}

static int never_called(void *ctx, const char *token, long long *ham,
                        long long *spam, err_t *err) {
    (void)ctx, (void)token, (void)ham, (void)spam, (void)err;
    fail_msg("lookup called without training");
    return -1;
}

static int failing_lookup(void *ctx, const char *token, long long *ham,
                          long long *spam, err_t *err) {
    (void)ctx, (void)ham, (void)spam;
    return err_set(err, "database is locked at %s", token);
}

static int negative_lookup(void *ctx, const char *token, long long *ham,
                           long long *spam, err_t *err) {
    (void)ctx, (void)token, (void)err;
    *ham = -1;
    *spam = 3;
    return 0;
}

/* Score text (author, url NULL) against the table m. */
static double score_of(arena_t *a, bayes_memory *m, const char *text) {
    const char **tok;
    size_t n = bayes_tokens(a, text, NULL, NULL, &tok);
    double p = -1;
    err_t err;
    assert_int_equal(bayes_score(bayes_memory_totals(m), tok, n,
                                 bayes_memory_lookup, m, &p, &err), 0);
    assert_true(p >= 0 && p <= 1);
    return p;
}

static void train(arena_t *a, bayes_memory *m, const char *text, bool spam) {
    const char **tok;
    size_t n = bayes_tokens(a, text, NULL, NULL, &tok);
    bayes_memory_train(m, tok, n, spam);
}

/* -------------------------------------------------------------- tokenizer */

static void tokens_fold_case(void **state) {
    const char **t;
    size_t n = tokens_of(*state, "HELLO World hello ÉCOLE Ÿes ŁÓDŹ "
                                 "ΣΟΦΟΣ Άθηνα ПРИВЕТ Ёлка ǅ", &t);
    expect(t, n, "hello", true);
    expect(t, n, "world", true);
    expect(t, n, "école", true);
    expect(t, n, "ÿes", true);
    expect(t, n, "łódź", true);
    expect(t, n, "σοφοσ", true);        /* final sigma folds to sigma */
    expect(t, n, "άθηνα", true);
    expect(t, n, "привет", true);
    expect(t, n, "ёлка", true);
    expect(t, n, "HELLO", false);
}

static void tokens_dedup(void **state) {
    const char **t;
    size_t n = tokens_of(*state, "spam Spam SPAM spam, spam!", &t);
    size_t seen = 0;
    for (size_t i = 0; i < n; i++) seen += strcmp(t[i], "spam") == 0;
    assert_int_equal(seen, 1);
    /* the same word in the text and the name stays apart */
    n = bayes_tokens(*state, "casino", "Casino", NULL, &t);
    check_tokens(t, n);
    expect(t, n, "casino", true);
    expect(t, n, "author:casino", true);
}

static void tokens_split_and_length(void **state) {
    const char **t;
    size_t n = tokens_of(*state, "don't stop-me now_ok a I "
        "abcdefghijabcdefghijabcdefghijabcdefghij "         /* 40: kept */
        "abcdefghijabcdefghijabcdefghijabcdefghijk", &t);   /* 41: not */
    expect(t, n, "dont", true);             /* apostrophes join */
    expect(t, n, "stop", true);
    expect(t, n, "me", true);
    expect(t, n, "now", true);
    expect(t, n, "ok", true);
    expect(t, n, "a", false);               /* shorter than 2 bytes */
    expect(t, n, "i", false);
    expect(t, n, "abcdefghijabcdefghijabcdefghijabcdefghij", true);
    expect(t, n, "long-word", true);
}

static void tokens_numbers_collapse(void **state) {
    const char **t;
    size_t n = tokens_of(*state, "7 42 999 2024 555-0199 1234567 $500 3g", &t);
    expect(t, n, "num:1", true);
    expect(t, n, "num:2", true);
    expect(t, n, "num:3", true);
    expect(t, n, "num:4", true);
    expect(t, n, "num:5+", true);
    expect(t, n, "money", true);
    expect(t, n, "3g", true);               /* letters and digits: a word */
    expect(t, n, "2024", false);
    expect(t, n, "0199", false);
}

static void tokens_urls_to_hosts(void **state) {
    const char **t;
    size_t n = tokens_of(*state, "See HTTPS://WWW.News.Example.co.uk/path/to?x=Secret "
                                 "and <a href=\"http://spam.test/buy-pills\">x</a>", &t);
    expect(t, n, "url:news.example.co.uk", true);
    expect(t, n, "url:example.co.uk", true);
    expect(t, n, "url:spam.test", true);
    expect(t, n, "has-url", true);
    expect(t, n, "links:2+", true);
    expect(t, n, "secret", false);          /* the rest of a URL is dropped */
    expect(t, n, "path", false);
    expect(t, n, "pills", false);
    expect(t, n, "see", true);
    n = tokens_of(*state, "Go to cheap-pills.com/buy now, or www.casino.info.", &t);
    expect(t, n, "url:cheap-pills.com", true);
    expect(t, n, "url:casino.info", true);
    expect(t, n, "buy", false);
    n = tokens_of(*state, "e.g. the U.S. ended.The end, node.js is fine", &t);
    expect(t, n, "has-url", false);
    expect(t, n, "links:0", true);
    expect(t, n, "spaced-out", false);
    n = tokens_of(*state, "one link http://a.example/x", &t);
    expect(t, n, "links:1", true);
    expect(t, n, "url:a.example", true);
}

static void tokens_email_author_site(void **state) {
    const char **t;
    size_t n = bayes_tokens(*state, "write to loans@Lender.com today",
                            "Best LOANS 24", " https://bob:pw@www.Cheap.Loans.net/x",
                            &t);
    check_tokens(t, n);
    expect(t, n, "email:lender.com", true);
    expect(t, n, "has-email", true);
    expect(t, n, "has-url", false);
    expect(t, n, "loans", true);
    expect(t, n, "author:best", true);
    expect(t, n, "author:loans", true);
    expect(t, n, "author:num:2", true);
    expect(t, n, "site:cheap.loans.net", true);
    expect(t, n, "site:loans.net", true);
    expect(t, n, "has-site", true);
    expect(t, n, "author-none", false);
    n = bayes_tokens(*state, NULL, NULL, NULL, &t);
    check_tokens(t, n);
    expect(t, n, "author-none", true);
    expect(t, n, "len:short", true);
    expect(t, n, "links:0", true);
    n = bayes_tokens(*state, "", "", "not a url at all ::", &t);
    check_tokens(t, n);
    expect(t, n, "has-site", false);
}

static void tokens_meta(void **state) {
    const char **t;
    size_t n = tokens_of(*state, "BUY NOW AND SAVE BIG TODAY!!! 😀", &t);
    expect(t, n, "caps-heavy", true);
    expect(t, n, "bangs", true);
    expect(t, n, "emoji", true);
    expect(t, n, "len:med", true);
    n = tokens_of(*state, "The NHS and the BBC agree.", &t);
    expect(t, n, "caps-heavy", false);
    expect(t, n, "bangs", false);
    n = tokens_of(*state, "Thanks!", &t);
    expect(t, n, "len:short", true);
    expect(t, n, "thanks", true);
}

static void tokens_obfuscation(void **state) {
    const char **t;
    size_t n = tokens_of(*state, "V1AGRA c@sino ca$h v i a g r a сasino "
                                 "vi\u200Bagra \uFF36\uFF29\uFF30", &t);
    expect(t, n, "v1agra", true);
    expect(t, n, "viagra", true);
    expect(t, n, "leet", true);
    expect(t, n, "casino", true);
    expect(t, n, "cash", true);
    expect(t, n, "spaced-out", true);
    expect(t, n, "mixed-script", true);
    expect(t, n, "invisible", true);
    expect(t, n, "vip", true);              /* fullwidth read as ASCII */
    n = tokens_of(*state, "covid19 mp3 Москва", &t);
    expect(t, n, "leet", false);
    expect(t, n, "mixed-script", false);
    expect(t, n, "москва", true);
}

/* Arabic, emoji and CJK: whole words, nothing cut inside a code point. */
static void tokens_utf8_scripts(void **state) {
    const char **t;
    size_t n = tokens_of(*state, "مرحبا بالعالم، كيف حالك؟ 👍🏽fine👨‍👩‍👧ok "
                                 "你好世界这是一个很长的句子没有空格", &t);
    expect(t, n, "مرحبا", true);
    expect(t, n, "بالعالم", true);         /* the Arabic comma separates */
    expect(t, n, "حالك", true);
    expect(t, n, "fine", true);
    expect(t, n, "ok", true);
    expect(t, n, "emoji", true);
    expect(t, n, "long-word", true);        /* 48 bytes of Chinese */
    /* 20 two-byte letters fit in 40 bytes; 21 do not */
    n = tokens_of(*state, "éééééééééééééééééééé ŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁ", &t);
    expect(t, n, "éééééééééééééééééééé", true);
    expect(t, n, "long-word", true);
}

/* Words are cut by word.h's rule: ª and µ are letters, ʻ and ¡ are not,
** and apostrophes join. */
static void tokens_follow_the_word_rule(void **state) {
    const char **t;
    size_t n = tokens_of(*state, "1\xC2\xAA divisi\xC3\xB3n 5\xC2\xB5m "
                                 "hawai\xCA\xBBian \xC2\xA1hola! don\xE2\x80\x99t", &t);
    expect(t, n, "1\xC2\xAA", true);
    expect(t, n, "5\xCE\xBCm", true);          /* µ folded to μ */
    expect(t, n, "hawai", true);
    expect(t, n, "ian", true);
    expect(t, n, "hola", true);
    expect(t, n, "dont", true);
}

static void tokens_invalid_bytes(void **state) {
    const char **t;
    size_t n = tokens_of(*state, "ab\xFF" "cd \xC3\xA9t\xC3 \xE2\x82 x\xED\xA0\x80y "
                                 "\xC0\xAFzz \xF4\x90\x80\x80qq", &t);
    expect(t, n, "ab", true);
    expect(t, n, "cd", true);
    expect(t, n, "ét", true);
    expect(t, n, "zz", true);
    expect(t, n, "qq", true);
}

/* Every prefix of a mixed string, cut at every byte: never a bad token. */
static void tokens_every_cut(void **state) {
    static const char s[] = "Ωμέγα café 😀 بالعالم 你好 V1agra http://x.test/é "
                            "a@b.com ΣΟΦΟΣ ﬁne \xF0\x9F\x98";
    for (size_t cut = 0; cut <= sizeof s - 1; cut++) {
        char *p = arena_strndup(*state, s, cut);
        const char **t;
        tokens_of(*state, p, &t);
        size_t n = bayes_tokens(*state, p, p, p, &t);
        check_tokens(t, n);
    }
}

/* ------------------------------------------------------------------ score */

static void score_untrained_is_half(void **state) {
    const char **t;
    size_t n = tokens_of(*state, "Buy cheap viagra now http://pills.test", &t);
    bayes_counts none = {0, 0};
    double p = -1;
    assert_int_equal(bayes_score(&none, t, n, never_called, NULL, &p, NULL), 0);
    assert_true(p == 0.5);
    bayes_memory *m = bayes_memory_new();
    assert_true(score_of(*state, m, "anything at all") == 0.5);
    bayes_memory_free(m);
}

static void score_one_spam_is_high(void **state) {
    static const char *spam = "Buy cheap viagra online without prescription "
                              "http://cheap-pills.test/buy";
    bayes_memory *m = bayes_memory_new();
    train(*state, m, spam, true);
    double p = score_of(*state, m, spam);
    assert_true(p >= BAYES_SPAM_THRESHOLD);
    bayes_memory_free(m);
}

static void score_separates_ham_and_spam(void **state) {
    bayes_memory *m = bayes_memory_new();
    for (int i = 0; i < 3; i++) {
        train(*state, m, "Buy cheap viagra and cialis, no prescription, "
                         "http://pills.test", true);
        train(*state, m, "Best online casino, free spins bonus http://slots.test",
              true);
        train(*state, m, "The council budget vote was close, the library "
                         "cuts are a shame.", false);
        train(*state, m, "Thanks for the report on the bus lanes, my commute "
                         "is shorter now.", false);
    }
    assert_true(score_of(*state, m, "Cheap cialis without prescription "
                                    "http://pills.test") >= BAYES_SPAM_THRESHOLD);
    assert_true(score_of(*state, m, "The library cuts and the bus lanes, "
                                    "thanks for the report.") < 0.1);
    /* tokens never seen, or none at all: exactly unsure */
    const char *unseen[] = {"zzyzx", "qwerty", "plover"};
    double p = -1;
    assert_int_equal(bayes_score(bayes_memory_totals(m), unseen, 3,
                                 bayes_memory_lookup, m, &p, NULL), 0);
    assert_true(p == 0.5);
    assert_int_equal(bayes_score(bayes_memory_totals(m), unseen, 0,
                                 bayes_memory_lookup, m, &p, NULL), 0);
    assert_true(p == 0.5);
    bayes_memory_free(m);
}

/* Robinson's f(w), checked through a single clue, whose Fisher score is
** f itself: a token in the same share of ham and spam says nothing (and
** is dropped), one seen once is a hint, one in every spam is strong. */
static void score_robinson_probabilities(void **state) {
    (void)state;
    bayes_memory *m = bayes_memory_new();
    const char *ham[] = {"both"}, *spam[] = {"both", "often", "once"};
    for (int i = 0; i < 10; i++) {
        bayes_memory_train(m, ham, 1, false);
        bayes_memory_train(m, spam, i == 0 ? 3 : 2, true);
    }
    const bayes_counts *c = bayes_memory_totals(m);
    assert_int_equal(c->ham_docs, 10);
    assert_int_equal(c->spam_docs, 10);
    double p = -1;
    assert_int_equal(bayes_score(c, spam, 1, bayes_memory_lookup, m, &p, NULL), 0);
    assert_true(p == 0.5);                          /* b = g: f = 0.5 */
    assert_int_equal(bayes_score(c, spam + 2, 1, bayes_memory_lookup, m, &p, NULL), 0);
    assert_true(fabs(p - 0.75) < 1e-12);            /* (0.5 + 1) / 2 */
    assert_int_equal(bayes_score(c, spam + 1, 1, bayes_memory_lookup, m, &p, NULL), 0);
    assert_true(fabs(p - 10.5 / 11) < 1e-12);       /* (0.5 + 10) / 11 */
    bayes_memory_free(m);
}

static void score_lookup_error(void **state) {
    const char **t;
    size_t n = tokens_of(*state, "hello there", &t);
    bayes_counts some = {3, 4};
    err_t err;
    double p = -1;
    assert_int_equal(bayes_score(&some, t, n, failing_lookup, NULL, &p, &err), -1);
    assert_true(p == 0.5);
    assert_non_null(strstr(err.msg, "spam filter: database is locked at "));
    assert_int_equal(bayes_score(&some, t, n, failing_lookup, NULL, &p, NULL), -1);
    assert_int_equal(bayes_score(&some, t, n, negative_lookup, NULL, &p, &err), -1);
    assert_non_null(strstr(err.msg, "negative counts"));
    bayes_counts bad = {-1, 4};
    assert_int_equal(bayes_score(&bad, t, n, never_called, NULL, &p, &err), -1);
    assert_true(p == 0.5);
}

/* Counts bigger than the totals (read while training went on) and
** enormous counts keep the score a number in [0,1]. */
static int huge_lookup(void *ctx, const char *token, long long *ham,
                       long long *spam, err_t *err) {
    (void)ctx, (void)err;
    *ham = token[0] == 'h' ? 1LL << 62 : 0;
    *spam = token[0] == 's' ? 1LL << 62 : 0;
    return 0;
}

static void score_extreme_counts(void **state) {
    (void)state;
    const char *spammy[] = {"s1", "s2", "s3"}, *mixed[] = {"s1", "h1"};
    bayes_counts totals = {5, 5};
    double p = -1;
    assert_int_equal(bayes_score(&totals, spammy, 3, huge_lookup, NULL, &p, NULL), 0);
    assert_true(isfinite(p) && p > 0.99 && p <= 1);
    assert_int_equal(bayes_score(&totals, mixed, 2, huge_lookup, NULL, &p, NULL), 0);
    assert_true(isfinite(p) && fabs(p - 0.5) < 1e-9);
}

/* --------------------------------------------------------------- memory */

static void memory_counts_and_grows(void **state) {
    bayes_memory *m = bayes_memory_new();
    enum { N = 5000 };
    const char **tok = arena_alloc(*state, N * sizeof *tok);
    for (int i = 0; i < N; i++) tok[i] = arena_printf(*state, "token%d", i);
    bayes_memory_train(m, tok, N, true);
    bayes_memory_train(m, tok, N / 2, false);
    bayes_memory_train(m, tok + 1, 1, true);
    long long ham = -1, spam = -1;
    for (int i = 0; i < N; i++) {
        assert_int_equal(bayes_memory_lookup(m, tok[i], &ham, &spam, NULL), 0);
        assert_int_equal(ham, i < N / 2 ? 1 : 0);
        assert_int_equal(spam, i == 1 ? 2 : 1);
    }
    assert_int_equal(bayes_memory_lookup(m, "token5000", &ham, &spam, NULL), 0);
    assert_int_equal(ham, 0);
    assert_int_equal(spam, 0);
    assert_int_equal(bayes_memory_totals(m)->ham_docs, 1);
    assert_int_equal(bayes_memory_totals(m)->spam_docs, 2);
    bayes_memory_free(m);
    bayes_memory_free(NULL);
}

/* --------------------------------------------------- the labelled comments */

typedef struct comment {
    bool spam;
    const char *author, *url, *text;
    const char **tokens;
    size_t ntokens;
} comment;

/* Undo the file's escapes (\\, \n, \t) in place; return s. */
static char *unescape(char *s) {
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (*r == '\\' && r[1] != '\0') {
            r++;
            *w++ = *r == 'n' ? '\n' : *r == 't' ? '\t' : *r;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return s;
}

/* Split line at tabs into exactly four fields; false if it has not four. */
static bool split4(char *line, char *field[4]) {
    for (int i = 0; i < 4; i++) {
        field[i] = line;
        char *tab = strchr(line, '\t');
        if (i < 3) {
            if (tab == NULL) return false;
            *tab = '\0';
            line = tab + 1;
        } else if (tab != NULL) {
            return false;
        }
    }
    return true;
}

static void parse_comment(arena_t *a, char *line, size_t lineno, comment *c) {
    char *f[4];
    if (!split4(line, f)) fail_msg("%s:%zu: not four fields", LABELLED, lineno);
    if (strcmp(f[0], "ham") != 0 && strcmp(f[0], "spam") != 0)
        fail_msg("%s:%zu: label \"%s\"", LABELLED, lineno, f[0]);
    c->spam = f[0][1] == 'p';
    c->author = unescape(f[1]);
    c->url = unescape(f[2]);
    c->text = unescape(f[3]);
    c->ntokens = bayes_tokens(a, c->text, c->author, c->url, &c->tokens);
}

/* Read and tokenize every labelled comment; returns how many. */
static size_t load_comments(arena_t *a, comment **out) {
    char *s = unit_slurp(a, LABELLED, NULL), *save = NULL;
    size_t cap = 1024, n = 0, lineno = 1;
    comment *v = arena_alloc(a, cap * sizeof *v);
    char *line = strtok_r(s, "\n", &save);
    if (line == NULL || strcmp(line, "label\tauthor\turl\ttext") != 0)
        fail_msg("%s: no header line", LABELLED);
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        lineno++;
        if (n == cap) fail_msg("%s: more than %zu comments", LABELLED, cap);
        parse_comment(a, line, lineno, &v[n++]);
    }
    *out = v;
    return n;
}

typedef struct confusion {
    size_t tp, fp, fn, tn;
} confusion;

static void tally(confusion *c, bool spam, bool flagged) {
    if (spam) flagged ? c->tp++ : c->fn++;
    else flagged ? c->fp++ : c->tn++;
}

static double precision(const confusion *c) {
    return c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 1;
}

static double recall(const confusion *c) {
    return c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 1;
}

static void report(const char *name, double threshold, const confusion *c) {
    double p = precision(c), r = recall(c);
    printf("  %-26s score >= %.2f: precision %.3f  recall %.3f  F1 %.3f\n",
           name, threshold, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
    printf("  %-26s                  actual spam   actual ham\n", "");
    printf("  %-26s   flagged         %9zu  %11zu\n", "", c->tp, c->fp);
    printf("  %-26s   not flagged     %9zu  %11zu\n", "", c->fn, c->tn);
}

/* Train a table on every comment outside fold k, score those inside it. */
static void run_fold(const comment *v, size_t n, size_t k, confusion *hold,
                     confusion *mark, size_t *shown) {
    bayes_memory *m = bayes_memory_new();
    for (size_t i = 0; i < n; i++) {
        if (i % FOLDS != k)
            bayes_memory_train(m, v[i].tokens, v[i].ntokens, v[i].spam);
    }
    for (size_t i = k; i < n; i += FOLDS) {
        double p = -1;
        err_t err;
        assert_int_equal(bayes_score(bayes_memory_totals(m), v[i].tokens,
                                     v[i].ntokens, bayes_memory_lookup, m,
                                     &p, &err), 0);
        tally(hold, v[i].spam, p >= BAYES_HOLD_THRESHOLD);
        tally(mark, v[i].spam, p >= BAYES_SPAM_THRESHOLD);
        if (v[i].spam != (p >= BAYES_HOLD_THRESHOLD) && (*shown)++ < 12)
            printf("  missed (%s, %.3f): %.70s\n", v[i].spam ? "spam" : "ham",
                   p, v[i].text);
    }
    bayes_memory_free(m);
}

static void cross_validation(void **state) {
    comment *v;
    size_t n = load_comments(*state, &v), nspam = 0, shown = 0;
    for (size_t i = 0; i < n; i++) nspam += v[i].spam;
    assert_true(nspam >= 300 && n - nspam >= 300);
    confusion hold = {0}, mark = {0};
    printf("bayes: %d-fold cross-validation, %zu comments (%zu ham, %zu spam)\n",
           FOLDS, n, n - nspam, nspam);
    for (size_t k = 0; k < FOLDS; k++) run_fold(v, n, k, &hold, &mark, &shown);
    report("flagged (hold or spam)", BAYES_HOLD_THRESHOLD, &hold);
    report("marked spam", BAYES_SPAM_THRESHOLD, &mark);
    fflush(stdout);
    assert_true(precision(&hold) >= 0.95);
    assert_true(recall(&hold) >= 0.85);
    assert_true(precision(&mark) >= precision(&hold));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(tokens_fold_case, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(tokens_dedup, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(tokens_split_and_length, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(tokens_numbers_collapse, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(tokens_urls_to_hosts, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(tokens_email_author_site, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(tokens_meta, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(tokens_obfuscation, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(tokens_utf8_scripts, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(tokens_follow_the_word_rule, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(tokens_invalid_bytes, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(tokens_every_cut, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(score_untrained_is_half, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(score_one_spam_is_high, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(score_separates_ham_and_spam, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(score_robinson_probabilities, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(score_lookup_error, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(score_extreme_counts, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(memory_counts_and_grows, unit_arena_setup, unit_arena_teardown),
        cmocka_unit_test_setup_teardown(cross_validation, unit_arena_setup, unit_arena_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
