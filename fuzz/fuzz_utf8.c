/*
** fuzz_utf8.c — libFuzzer target for the one UTF-8 decoder (utf8.h), which
** every reader of outside text goes through: form fields and comments
** (comment_rules.c), the search text (search.c), cookies (cookie.c),
** front matter and slugs, the spam filter's tokens.  utf8_decode,
** utf8_valid_prefix, utf8_valid, utf8_boundary, utf8_encode and
** utf8_repair (what a page echoes of a reader's text), against a
** reference written out here from RFC 3629's table.
**
** The input is any bytes, NUL included, in a heap block of exactly that
** size plus a NUL (utf8_boundary may read s[n], the byte at a cut), so
** ASan reports any read past it.  Seeds in fuzz/corpus/utf8/ are text in
** several scripts and the classic malformed sequences.
**
** The reference is RFC 3629 §4's grammar, byte ranges and all:
**   UTF8-1 = %x00-7F
**   UTF8-2 = %xC2-DF UTF8-tail
**   UTF8-3 = %xE0 %xA0-BF UTF8-tail / %xE1-EC 2UTF8-tail /
**            %xED %x80-9F UTF8-tail / %xEE-EF 2UTF8-tail
**   UTF8-4 = %xF0 %x90-BF 2UTF8-tail / %xF1-F3 3UTF8-tail /
**            %xF4 %x80-8F 2UTF8-tail
** Besides crashes and sanitizer reports, the target aborts when:
**   - utf8_decode at any offset takes a different length than the grammar
**     (0 where no sequence starts), or its code point, encoded again by
**     utf8_encode, is not the same bytes;
**   - utf8_valid_prefix is not the longest prefix made of whole
**     sequences, or utf8_valid does not say whether that is all of it;
**   - utf8_boundary(s, n) is not the largest cut at or before n that does
**     not land on a continuation byte (0 when there is none);
**   - utf8_repair is not the input with each byte that begins no
**     sequence of the grammar replaced by U+FFFD (EF BF BD), the
**     sequences that are there kept byte for byte.
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "utf8.h"

static void check(int ok) {
    if (!ok) abort();
}

static bool in(unsigned char c, unsigned lo, unsigned hi) {
    return c >= lo && c <= hi;
}

/* The length of the sequence the grammar reads at s[0..len), or 0. */
static size_t ref_length(const unsigned char *s, size_t len) {
    static const struct { unsigned lo, hi, second_lo, second_hi; size_t n; } rows[] = {
        {0x00, 0x7F, 0, 0, 1},
        {0xC2, 0xDF, 0x80, 0xBF, 2},
        {0xE0, 0xE0, 0xA0, 0xBF, 3},
        {0xE1, 0xEC, 0x80, 0xBF, 3},
        {0xED, 0xED, 0x80, 0x9F, 3},
        {0xEE, 0xEF, 0x80, 0xBF, 3},
        {0xF0, 0xF0, 0x90, 0xBF, 4},
        {0xF1, 0xF3, 0x80, 0xBF, 4},
        {0xF4, 0xF4, 0x80, 0x8F, 4},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        if (!in(s[0], rows[r].lo, rows[r].hi)) continue;
        size_t n = rows[r].n;
        if (n == 1) return 1;
        if (len < n || !in(s[1], rows[r].second_lo, rows[r].second_hi)) return 0;
        for (size_t i = 2; i < n; i++)
            if (!in(s[i], 0x80, 0xBF)) return 0;
        return n;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    unsigned char *s = malloc(size + 1);
    check(s != NULL);
    memcpy(s, data, size);
    s[size] = '\0';

    /* decode at every offset */
    for (size_t i = 0; i < size; i++) {
        uint32_t cp = 0xFFFFFFFF;
        size_t n = utf8_decode(s + i, size - i, &cp);
        check(n == ref_length(s + i, size - i));
        if (n) {
            char again[4];
            check(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
            check(utf8_encode(cp, again) == n && memcmp(again, s + i, n) == 0);
        }
    }

    /* the valid prefix, sequence by sequence */
    size_t prefix = 0;
    while (prefix < size) {
        size_t n = ref_length(s + prefix, size - prefix);
        if (n == 0) break;
        prefix += n;
    }
    check(utf8_valid_prefix((const char *)s, size) == prefix);
    check(utf8_valid((const char *)s, size) == (prefix == size));

    /* every cut */
    for (size_t n = 0; n <= size; n++) {
        size_t r = utf8_boundary((const char *)s, n);
        check(r <= n);
        for (size_t k = r + 1; k <= n; k++) check((s[k] & 0xC0) == 0x80);
        check(r == 0 || (s[r] & 0xC0) != 0x80);
    }
    /* the repair */
    buf_t want = BUF_INIT;
    for (size_t i = 0; i < size;) {
        size_t n = ref_length(s + i, size - i);
        if (n) buf_append(&want, s + i, n);
        else buf_append(&want, "\xEF\xBF\xBD", 3);
        i += n ? n : 1;
    }
    arena_t a = ARENA_INIT;
    const char *fixed = utf8_repair(&a, (const char *)s, size);
    check(memcmp(fixed, want.data ? want.data : "", want.len) == 0 && fixed[want.len] == '\0');
    arena_free(&a);
    buf_free(&want);
    free(s);
    return 0;
}
