/*
** related.c — terms, weights and the related-story score; see related.h.
**
** Design.  Two stories are related when they use the same uncommon words,
** so a story becomes a vector of term weights and a pair is scored by the
** cosine of the angle between their vectors (TF-IDF cosine):
**
**   term       a word of the headline or body, case-folded, not one of the
**              stop-words below, stemmed by Snowball's English stemmer
**              ("talks", "talking" -> "talk"; "hostages" -> "hostag")
**   count(t)   RELATED_TITLE_WEIGHT (3) × title occurrences + body
**              occurrences: the headline says what the story is about
**   tf(t)      1 + ln count(t)          (the tenth "Gaza" adds little)
**   idf(t)     ln(1 + N / df(t))        N published stories, df(t) of them
**                                       containing t: rare words weigh more
**   w(t)       tf(t) × idf(t); a story keeps its RELATED_TERMS_KEPT (64)
**              heaviest terms, which hold nearly all of a news story's
**              weight and bound the work of every comparison
**   cos(a, b)  Σ w_a(t) w_b(t) / (|a| |b|)     over the terms both keep
**
** Why cosine rather than BM25: BM25 ranks documents for a short query and
** is not symmetric; here both sides are whole stories, and the score must
** be symmetric (score(a, b) = score(b, a)) so that one computation serves
** both stories' lists when either is published.  Cosine is also bounded
** in [0, 1], which lets the boosts below be plain factors whose size means
** the same for every pair.
**
** The boosts multiply, so they reorder stories that say similar things
** and break ties, but never lift a story that shares no words (cos = 0):
**
**   score(a, b) = cos(a, b) × (1 + 0.30 × min(shared tags, 3) / 3
**                                + 0.15 × [same section]
**                                + 0.15 × 2^(-|published_a - published_b| / 30 days))
**
** The recency boost is nearness in time between the two stories, halving
** every 30 days apart, not age relative to today: lists are computed when
** a story is published and stored, so a boost that depended on the day of
** reading would be stale the moment it was stored; nearness is stable,
** symmetric, and says what recency means for news (the same news cycle).
**
** The tokenizer reads UTF-8 (utf8.h; a byte that starts no valid sequence
** separates words): words are runs of word characters as word.h has them,
** the one rule of the site; ASCII, Latin-1, Latin Extended-A, Greek and
** Cyrillic capitals are folded to small letters.  An apostrophe (' ’ ʼ,
** word_apostrophe) followed by a final "s" ends the word there
** ("Netanyahu’s" -> "netanyahu"), any other apostrophe separates.  Words of digits only and words shorter than two
** bytes carry no topic and are dropped, as are words over 64 bytes.
*/
#include "related.h"

#include <libstemmer.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "vec.h"
#include "word.h"

/* ---- stop-words --------------------------------------------------------- */

/* Frequent English words that say nothing about a story's topic, sorted
** (byte order) for bsearch; test_related.c checks the order. */
static const char *const stopwords[] = {
    "a", "about", "above", "according", "across", "after", "again", "against",
    "all", "almost", "also", "although", "am", "among", "an", "and",
    "another", "any", "are", "around", "as", "at", "be", "because", "been",
    "before", "being", "below", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "down", "during", "each", "either",
    "else", "even", "ever", "every", "few", "for", "from", "further", "had",
    "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it",
    "its", "itself", "just", "least", "less", "like", "many", "may", "me",
    "might", "more", "most", "mr", "mrs", "ms", "much", "must", "my",
    "myself", "neither", "no", "nor", "not", "now", "of", "off", "often",
    "on", "once", "only", "or", "other", "others", "our", "ours", "ourselves",
    "out", "over", "own", "per", "quite", "rather", "really", "said", "same",
    "say", "says", "shall", "she", "should", "since", "so", "some", "still",
    "such", "than", "that", "the", "their", "theirs", "them", "themselves",
    "then", "there", "these", "they", "this", "those", "though", "through",
    "thus", "to", "told", "too", "under", "until", "up", "upon", "us", "very",
    "via", "was", "we", "were", "what", "whatever", "when", "where",
    "whether", "which", "while", "who", "whom", "whose", "why", "will",
    "with", "within", "without", "would", "yet", "you", "your", "yours",
    "yourself", "yourselves",
};

/* bsearch order of the stop-words: byte order of the key against one. */
static int compare_word(const void *key, const void *elem) {
    return strcmp((const char *)key, *(const char *const *)elem);
}

const char *const *related_stopwords(size_t *n) {
    *n = sizeof stopwords / sizeof stopwords[0];
    return stopwords;
}

bool related_is_stopword(const char *word) {
    return bsearch(word, stopwords, sizeof stopwords / sizeof stopwords[0],
                   sizeof stopwords[0], compare_word) != NULL;
}

/* ---- UTF-8 words ------------------------------------------------------------ */

enum { WORD_MAX = 64 };        /* bytes; longer "words" are dropped */

/* The code point at s[*i] (s[0..len), *i < len), advancing *i past it.
** Lenient where utf8_decode is strict: a byte that starts no valid
** sequence reads as U+FFFD, one byte long, which separates words. */
static uint32_t next_cp(const unsigned char *s, size_t len, size_t *i) {
    uint32_t c;
    size_t n = utf8_decode(s + *i, len - *i, &c);
    *i += n ? n : 1;
    return n ? c : 0xFFFD;
}

/* The small letter of c where it has one (see the file comment). */
static uint32_t fold(uint32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c < 0xC0) return c;
    if (c <= 0xDE) return c == 0xD7 ? c : c + 32;            /* À..Þ */
    if (c == 0x130) return 'i';                               /* İ */
    if (c == 0x178) return 0xFF;                              /* Ÿ */
    if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) ||
        (c >= 0x14A && c <= 0x177))
        return c | 1;                                         /* even: capital */
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return (c & 1) ? c + 1 : c;                           /* odd: capital */
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;   /* Greek */
    if (c >= 0x410 && c <= 0x42F) return c + 32;                 /* Cyrillic */
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

/* Append c (a valid scalar value) as UTF-8 to w[*len], unless that would
** pass WORD_MAX (then *len becomes WORD_MAX + 1: the word is too long). */
static void put_cp(char w[WORD_MAX + 4], size_t *len, uint32_t c) {
    if (*len > WORD_MAX) return;
    size_t n = utf8_encode(c, w + *len);
    *len = *len + n > WORD_MAX ? WORD_MAX + 1 : *len + n;
}

/* ---- terms ------------------------------------------------------------------ */

/* The growing list of (stem, weight) occurrences of one related_terms call. */
typedef struct occurrences {
    arena_t *arena;
    struct sb_stemmer *stemmer;
    related_term *items;
    size_t n, cap;
} occurrences;

/* One finished word w[0..len): filter, stem, record with weight. */
static void add_word(occurrences *o, const char *w, size_t len, double weight) {
    if (len < 2 || len > WORD_MAX) return;
    bool digits = true;
    for (size_t i = 0; i < len && digits; i++)
        digits = w[i] >= '0' && w[i] <= '9';
    if (digits || related_is_stopword(w)) return;
    const sb_symbol *stem = sb_stemmer_stem(o->stemmer, (const sb_symbol *)w, (int)len);
    int slen = stem ? sb_stemmer_length(o->stemmer) : 0;
    if (slen < 2) return;
    o->items = vec_grow_arena(o->arena, o->items, o->n, &o->cap, o->n + 1,
                              sizeof *o->items);
    o->items[o->n].term = arena_strndup(o->arena, (const char *)stem, (size_t)slen);
    o->items[o->n].count = weight;
    o->n++;
}

/* Every word of text into o, each occurrence weighing weight. */
static void add_text(occurrences *o, const char *text, double weight) {
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t end = strlen((const char *)s);
    char w[WORD_MAX + 4];
    size_t len = 0, i = 0;
    while (i < end) {
        uint32_t c = next_cp(s, end, &i);
        /* apostrophes first: word_char counts U+02BC (ʼ) a letter */
        bool apostrophe = word_apostrophe(c);
        if (!apostrophe && word_char(c)) {
            put_cp(w, &len, fold(c));
            continue;
        }
        /* "’s" ending a word: the possessive, not a word of its own */
        if (len > 0 && apostrophe && (s[i] == 's' || s[i] == 'S')) {
            size_t j = i + 1;
            if (j == end || !word_char(next_cp(s, end, &j))) i++;
        }
        if (len > 0) {
            w[len <= WORD_MAX ? len : 0] = '\0';
            add_word(o, w, len, weight);
        }
        len = 0;
    }
    if (len > 0) {
        w[len <= WORD_MAX ? len : 0] = '\0';
        add_word(o, w, len, weight);
    }
}

/* qsort order of terms: byte order of their text. */
static int compare_term(const void *x, const void *y) {
    return strcmp(((const related_term *)x)->term, ((const related_term *)y)->term);
}

int related_terms(arena_t *a, const char *title, const char *body,
                  related_term **out, size_t *n, err_t *err) {
    *out = NULL;
    *n = 0;
    occurrences o = {a, sb_stemmer_new("english", NULL), NULL, 0, 0};
    if (o.stemmer == NULL) return err_set(err, "related: no English stemmer");
    add_text(&o, title, RELATED_TITLE_WEIGHT);
    add_text(&o, body, 1.0);
    sb_stemmer_delete(o.stemmer);
    if (o.n == 0) return 0;
    qsort(o.items, o.n, sizeof *o.items, compare_term);
    size_t k = 0;
    for (size_t i = 0; i < o.n; i++) {
        if (k > 0 && !strcmp(o.items[k - 1].term, o.items[i].term))
            o.items[k - 1].count += o.items[i].count;
        else
            o.items[k++] = o.items[i];
    }
    *out = o.items;
    *n = k;
    return 0;
}

/* ---- weights and score -------------------------------------------------------- */

double related_tf(double count) {
    return count > 0 ? 1.0 + log(count) : 0.0;
}

double related_idf(long long docs, long long df) {
    if (df < 1) df = 1;
    if (docs < df) docs = df;
    return log(1.0 + (double)docs / (double)df);
}

void related_doc_norm(related_doc *d) {
    double sum = 0;
    for (size_t i = 0; i < d->nterms; i++) sum += d->terms[i].weight * d->terms[i].weight;
    d->norm = sqrt(sum);
}

double related_cosine(const related_doc *a, const related_doc *b) {
    if (a->norm <= 0 || b->norm <= 0) return 0;
    double dot = 0;
    size_t i = 0, j = 0;
    while (i < a->nterms && j < b->nterms) {
        long long x = a->terms[i].term_id, y = b->terms[j].term_id;
        if (x == y) dot += a->terms[i++].weight * b->terms[j++].weight;
        else if (x < y) i++;
        else j++;
    }
    double c = dot / (a->norm * b->norm);
    return c > 1 ? 1 : c < 0 ? 0 : c;
}

double related_boost(const related_doc *a, const related_doc *b) {
    size_t shared = 0, i = 0, j = 0;
    while (i < a->ntags && j < b->ntags) {
        if (a->tags[i] == b->tags[j]) shared++, i++, j++;
        else if (a->tags[i] < b->tags[j]) i++;
        else j++;
    }
    if (shared > RELATED_TAG_CAP) shared = RELATED_TAG_CAP;
    long long apart = a->published - b->published;
    if (apart < 0) apart = -apart;
    double boost = 1.0 + RELATED_TAG_BOOST * (double)shared / RELATED_TAG_CAP;
    if (a->section_id != 0 && a->section_id == b->section_id)
        boost += RELATED_SECTION_BOOST;
    boost += RELATED_TIME_BOOST * exp2(-(double)apart / (double)RELATED_TIME_HALF_LIFE);
    return boost;
}

double related_score(const related_doc *a, const related_doc *b) {
    double c = related_cosine(a, b);
    return c > 0 ? c * related_boost(a, b) : 0;
}

/* ---- candidate pool -------------------------------------------------------------- */

/* The slot of id in p (its own, or the empty one where it would go). */
static size_t pool_slot(const related_pool *p, long long id) {
    size_t mask = p->cap - 1;
    size_t h = (size_t)((unsigned long long)id * 0x9E3779B97F4A7C15ULL >> 17) & mask;
    while (p->slots[h].id != 0 && p->slots[h].id != id) h = (h + 1) & mask;
    return h;
}

void related_pool_add(arena_t *a, related_pool *p, long long id, double score) {
    if (id <= 0) return;
    if (2 * (p->count + 1) > p->cap) {    /* keep the load at most one half */
        related_pool bigger = {NULL, p->cap ? p->cap * 2 : 64, 0};
        bigger.slots = arena_calloc(a, bigger.cap * sizeof *bigger.slots);
        for (size_t i = 0; i < p->cap; i++)
            if (p->slots[i].id != 0) {
                bigger.slots[pool_slot(&bigger, p->slots[i].id)] = p->slots[i];
                bigger.count++;
            }
        *p = bigger;
    }
    size_t h = pool_slot(p, id);
    if (p->slots[h].id == 0) {
        p->slots[h].id = id;
        p->count++;
    }
    p->slots[h].score += score;
}

/* qsort order of candidates: best score first, then the higher id. */
static int compare_candidate(const void *x, const void *y) {
    const related_candidate *a = x, *b = y;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    return a->id > b->id ? -1 : a->id < b->id;
}

void related_candidates_sort(related_candidate *c, size_t n) {
    if (n > 1) qsort(c, n, sizeof *c, compare_candidate);
}

size_t related_pool_top(arena_t *a, const related_pool *p, size_t k,
                        related_candidate **out) {
    related_candidate *all = arena_alloc(a, (p->count ? p->count : 1) * sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < p->cap; i++)
        if (p->slots[i].id != 0) all[n++] = p->slots[i];
    related_candidates_sort(all, n);
    *out = all;
    return n < k ? n : k;
}
