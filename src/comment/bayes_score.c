/*
** bayes_score.c — the spam probability of a comment's tokens; see bayes.h.
**
** SCORE.  Gary Robinson's method, as SpamBayes uses it.  For a token seen
** in h of H ham and s of S spam documents, with b = s/S and g = h/H:
**     p = b / (b + g)                          (class sizes normalised)
**     f = (STRENGTH * PRIOR + n * p) / (STRENGTH + n),   n = h + s
** with STRENGTH 1 and PRIOR 0.5, so a token seen once is only a hint and
** an unseen one is exactly 0.5.  Tokens with |f - 0.5| < MIN_DISTANCE are
** noise and are dropped; of the rest the BAYES_CLUES furthest from 0.5
** are kept and combined with Fisher's method:
**     S = 1 - chi2Q(-2 Σ ln(1 - f), 2k)   (how spammy)
**     H = 1 - chi2Q(-2 Σ ln f, 2k)       (how hammy)
**     score = (1 + S - H) / 2
** which is near 1 or 0 when the evidence agrees and near 0.5 when it is
** weak or conflicting (Graham's product formula is more confident and
** less honest about "unsure").  f is kept in [F_MIN, 1 - F_MIN] so the
** logarithms stay finite whatever counts the store returns; chi2Q is the
** exact series for even degrees of freedom.
*/
#include "bayes.h"

#include <math.h>

#define STRENGTH 1.0        /* Robinson's s: how much the prior weighs */
#define PRIOR 0.5           /* Robinson's x: a token never seen */
#define MIN_DISTANCE 0.1    /* closer to 0.5 than this is noise */
#define F_MIN 1e-6          /* f stays in [F_MIN, 1 - F_MIN] */

/* The strongest clues so far: at most BAYES_CLUES token probabilities. */
typedef struct clues {
    double f[BAYES_CLUES];
    size_t n;
} clues;

static double distance(double f) {
    return fabs(f - 0.5);
}

/* Keep f if it is among the BAYES_CLUES furthest from 0.5; on a tie the
** one kept first stays, so the result does not depend on luck. */
static void clues_add(clues *c, double f) {
    if (distance(f) < MIN_DISTANCE) return;
    if (c->n < BAYES_CLUES) {
        c->f[c->n++] = f;
        return;
    }
    size_t weakest = 0;
    for (size_t i = 1; i < c->n; i++) {
        if (distance(c->f[i]) < distance(c->f[weakest])) weakest = i;
    }
    if (distance(f) > distance(c->f[weakest])) c->f[weakest] = f;
}

static double ratio(long long part, long long whole) {
    if (whole <= 0) return 0;
    double r = (double)part / (double)whole;
    return r < 1 ? r : 1;       /* counts read while training went on */
}

/* Robinson's f(w) for a token in ham of the ham and spam of the spam
** documents; 0.5 for a token never seen. */
static double token_probability(const bayes_counts *totals, long long ham,
                                long long spam) {
    double g = ratio(ham, totals->ham_docs);
    double b = ratio(spam, totals->spam_docs);
    if (b + g == 0) return PRIOR;
    double n = (double)ham + (double)spam;
    double f = (STRENGTH * PRIOR + n * (b / (b + g))) / (STRENGTH + n);
    if (f < F_MIN) return F_MIN;
    return f > 1 - F_MIN ? 1 - F_MIN : f;
}

/* P(chi-square with v degrees of freedom >= x2), v even: the exact series.
** x2 <= 2 * BAYES_CLUES * -ln(F_MIN), so exp(-m) does not underflow. */
static double chi2_q(double x2, size_t v) {
    double m = x2 / 2, term = exp(-m), sum = term;
    for (size_t i = 1; i < v / 2; i++) {
        term *= m / (double)i;
        sum += term;
    }
    return sum < 1 ? sum : 1;
}

/* Fisher's combination of the clues (Robinson): in [0,1], 0.5 for none. */
static double fisher(const clues *c) {
    if (c->n == 0) return 0.5;
    double ln_f = 0, ln_not_f = 0;
    for (size_t i = 0; i < c->n; i++) {
        ln_f += log(c->f[i]);
        ln_not_f += log(1 - c->f[i]);
    }
    double spam = 1 - chi2_q(-2 * ln_not_f, 2 * c->n);
    double ham = 1 - chi2_q(-2 * ln_f, 2 * c->n);
    double p = (1 + spam - ham) / 2;
    return p < 0 ? 0 : p > 1 ? 1 : p;
}

/*
** Set *p_spam to the spam probability of a comment's tokens given the
** trained totals and lookup's per-token counts (method atop this file);
** 0.5 without training.  Returns 0, or -1 with err when lookup fails or
** gives negative counts.
*/
int bayes_score(const bayes_counts *totals, const char **tokens, size_t n,
                bayes_lookup_fn lookup, void *ctx, double *p_spam,
                err_t *err) {
    clues c = {.n = 0};
    *p_spam = 0.5;
    if (totals->ham_docs < 0 || totals->spam_docs < 0)
        return err_set(err, "spam filter: negative document totals");
    if (totals->ham_docs == 0 && totals->spam_docs == 0) return 0;
    for (size_t i = 0; i < n; i++) {
        long long ham = 0, spam = 0;
        if (lookup(ctx, tokens[i], &ham, &spam, err) != 0)
            return err_prefix(err, "spam filter");
        if (ham < 0 || spam < 0)
            return err_set(err, "spam filter: negative counts for \"%s\"",
                           tokens[i]);
        clues_add(&c, token_probability(totals, ham, spam));
    }
    *p_spam = fisher(&c);
    return 0;
}
