/*
** token.c — signed, expiring tokens; see token.h.
**
** Keys.  Each purpose gets its own MAC key, derived from the site key as
**
**     subkey = BLAKE2b-256(key = site key,
**                          message = "gazette token v1" 0x00 purpose)
**
** (crypto_generichash, keyed).  crypto_kdf would need the purpose squeezed
** into an 8-byte context and a number; keyed BLAKE2b takes the purpose as
** it is and is what crypto_kdf is built on anyway.  The label keeps these
** keys apart from the other keys derived from the site key (identicon.c
** uses "gazette identicon v1"), and the NUL after it keeps one label's
** purposes apart from another label.
**
** MAC.  crypto_auth (HMAC-SHA-512-256) under the subkey, over
**
**     kind || be64(len purpose) || purpose || be64(len text) || text
**          || be64(issued_at)
**
** where kind is 'S' for a subject token (text = the subject) and 'P' for a
** payload token (text = the payload).  Every variable part is length
** prefixed, so no two different inputs give the same message, and kind
** keeps a payload token from passing as a subject token.
**
** Wire format, base64url without padding (sodium_bin2base64):
**
**     subject token:  be64(issued_at) || mac[32]              (54 chars)
**     payload token:  be64(issued_at) || mac[32] || payload
**
** Every token has exactly one spelling, so a checked token can serve as a
** cache or replay key: libsodium's decoder rejects non-canonical trailing
** bits, and the text is held to the base64url alphabet before decoding,
** because libsodium 1.0.18 (Debian 12) decodes some bytes >= 0x80 as
** ASCII characters (0xDF as '_', 0xAD as '-'; found by fuzz_form).
** The subject never travels in the token.
**
** Checking decodes into a stack buffer after bounding the text's length
** (so a megabyte of garbage costs a strnlen, not an allocation), verifies
** the MAC in constant time (sodium_memcmp), and only then looks at the time.
** Subkeys are wiped from the stack after use.
*/
#include "token.h"

#include <limits.h>
#include <sodium.h>
#include <stdbool.h>
#include <string.h>

enum {
    TIME_BYTES = 8,
    MAC_BYTES = crypto_auth_BYTES,
    HEAD_BYTES = TIME_BYTES + MAC_BYTES,
    B64 = sodium_base64_VARIANT_URLSAFE_NO_PADDING,
    /* the longest token text, without its NUL */
    TOKEN_TEXT_MAX = sodium_base64_ENCODED_LEN(HEAD_BYTES + TOKEN_PAYLOAD_MAX,
                                               B64) - 1,
};

static const char KEY_LABEL[] = "gazette token v1";
static const char B64_ALPHABET[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* The MAC key for purpose, derived from the site key; see the top. */
static void derive_subkey(const unsigned char key[TOKEN_KEY_BYTES],
                          const char *purpose,
                          unsigned char sub[crypto_auth_KEYBYTES]) {
    crypto_generichash_state st;
    crypto_generichash_init(&st, key, TOKEN_KEY_BYTES, crypto_auth_KEYBYTES);
    crypto_generichash_update(&st, (const unsigned char *)KEY_LABEL,
                              sizeof KEY_LABEL);   /* with its NUL */
    crypto_generichash_update(&st, (const unsigned char *)purpose,
                              strlen(purpose));
    crypto_generichash_final(&st, sub, crypto_auth_KEYBYTES);
    sodium_memzero(&st, sizeof st);
}

/* v as 8 bytes, big-endian two's complement. */
static void put_be64(unsigned char out[TIME_BYTES], long long v) {
    unsigned long long u = (unsigned long long)v;
    for (int i = TIME_BYTES - 1; i >= 0; i--, u >>= 8)
        out[i] = (unsigned char)(u & 0xff);
}

/* The inverse of put_be64, without implementation-defined conversions. */
static long long get_be64(const unsigned char in[TIME_BYTES]) {
    unsigned long long u = 0;
    for (int i = 0; i < TIME_BYTES; i++) u = (u << 8) | in[i];
    if (u <= (unsigned long long)LLONG_MAX) return (long long)u;
    return -(long long)(~u) - 1;
}

/* Feed be64(len) || s[0..len) into the MAC. */
static void mac_field(crypto_auth_hmacsha512256_state *st, const char *s,
                      size_t len) {
    unsigned char n[TIME_BYTES];
    put_be64(n, (long long)len);
    crypto_auth_hmacsha512256_update(st, n, sizeof n);
    crypto_auth_hmacsha512256_update(st, (const unsigned char *)s, len);
}

/* The MAC of (kind, purpose, text, issued_at); see the top. */
static void compute_mac(const unsigned char key[TOKEN_KEY_BYTES], char kind,
                        const char *purpose, const char *text,
                        size_t text_len, long long issued_at,
                        unsigned char mac[MAC_BYTES]) {
    unsigned char sub[crypto_auth_KEYBYTES], t[TIME_BYTES];
    crypto_auth_hmacsha512256_state st;
    derive_subkey(key, purpose, sub);
    crypto_auth_hmacsha512256_init(&st, sub, sizeof sub);
    crypto_auth_hmacsha512256_update(&st, (const unsigned char *)&kind, 1);
    mac_field(&st, purpose, strlen(purpose));
    mac_field(&st, text, text_len);
    put_be64(t, issued_at);
    crypto_auth_hmacsha512256_update(&st, t, sizeof t);
    crypto_auth_hmacsha512256_final(&st, mac);
    sodium_memzero(sub, sizeof sub);
    sodium_memzero(&st, sizeof st);
}

/* Is payload only digits and commas, and not too long? */
static bool payload_ok(const char *payload) {
    size_t n = strspn(payload, "0123456789,");
    return payload[n] == '\0' && n <= TOKEN_PAYLOAD_MAX;
}

/* be64(issued_at) || MAC || payload as base64url text in the arena. */
static char *seal(arena_t *a, const unsigned char key[TOKEN_KEY_BYTES],
                  char kind, const char *purpose, const char *text,
                  const char *payload, long long issued_at) {
    unsigned char bin[HEAD_BYTES + TOKEN_PAYLOAD_MAX];
    size_t payload_len = strlen(payload);
    put_be64(bin, issued_at);
    compute_mac(key, kind, purpose, text, strlen(text), issued_at,
                bin + TIME_BYTES);
    memcpy(bin + HEAD_BYTES, payload, payload_len);
    size_t bin_len = HEAD_BYTES + payload_len;
    size_t out_len = sodium_base64_ENCODED_LEN(bin_len, B64);
    char *out = arena_alloc(a, out_len);
    sodium_bin2base64(out, out_len, bin, bin_len, B64);
    return out;
}

char *token_make(arena_t *a, const unsigned char key[TOKEN_KEY_BYTES],
                 const char *purpose, const char *subject,
                 long long issued_at) {
    if (purpose == NULL || purpose[0] == '\0' || subject == NULL) return NULL;
    return seal(a, key, 'S', purpose, subject, "", issued_at);
}

char *token_make_payload(arena_t *a, const unsigned char key[TOKEN_KEY_BYTES],
                         const char *purpose, const char *payload,
                         long long issued_at) {
    if (purpose == NULL || purpose[0] == '\0' || payload == NULL ||
        !payload_ok(payload))
        return NULL;
    return seal(a, key, 'P', purpose, payload, payload, issued_at);
}

/* Decode token text into bin (room for max bytes); its length in *len.
** Returns 0, or -1 for anything that is not canonical base64url of
** HEAD_BYTES to max bytes. */
static int unwrap(const char *token, unsigned char *bin, size_t max,
                  size_t *len) {
    if (token == NULL) return -1;
    size_t n = strnlen(token, TOKEN_TEXT_MAX + 1);
    if (n > TOKEN_TEXT_MAX || strspn(token, B64_ALPHABET) != n) return -1;
    if (sodium_base642bin(bin, max, token, n, NULL, len, NULL, B64) != 0)
        return -1;
    return *len >= HEAD_BYTES ? 0 : -1;
}

/* Is a token issued at issued_at still good at now: no more than max_age
** seconds old and no more than TOKEN_FUTURE_SLACK seconds ahead?  Written
** as comparisons against sums that are checked before they are formed, so
** that no pair of long longs overflows. */
static bool fresh(long long issued_at, long long now, long long max_age) {
    if (max_age < 0) return false;
    bool expired =
        issued_at <= LLONG_MAX - max_age && now > issued_at + max_age;
    bool future = now <= LLONG_MAX - TOKEN_FUTURE_SLACK &&
                  issued_at > now + TOKEN_FUTURE_SLACK;
    return !expired && !future;
}

/* Verify the MAC at bin + TIME_BYTES for (kind, purpose, text) and the
** time at bin.  Returns 0 or -1. */
static int verify(const unsigned char key[TOKEN_KEY_BYTES], char kind,
                  const char *purpose, const char *text, size_t text_len,
                  const unsigned char *bin, long long now, long long max_age) {
    unsigned char mac[MAC_BYTES];
    long long issued_at = get_be64(bin);
    compute_mac(key, kind, purpose, text, text_len, issued_at, mac);
    if (sodium_memcmp(mac, bin + TIME_BYTES, MAC_BYTES) != 0) return -1;
    return fresh(issued_at, now, max_age) ? 0 : -1;
}

int token_check(const unsigned char key[TOKEN_KEY_BYTES], const char *purpose,
                const char *subject, const char *token, long long now,
                long long max_age_seconds, long long *issued_at_out) {
    unsigned char bin[HEAD_BYTES];
    size_t len;
    if (purpose == NULL || purpose[0] == '\0' || subject == NULL) return -1;
    if (unwrap(token, bin, sizeof bin, &len) < 0 || len != HEAD_BYTES)
        return -1;
    if (verify(key, 'S', purpose, subject, strlen(subject), bin, now,
               max_age_seconds) < 0)
        return -1;
    if (issued_at_out) *issued_at_out = get_be64(bin);
    return 0;
}

int token_open_payload(arena_t *a, const unsigned char key[TOKEN_KEY_BYTES],
                       const char *purpose, const char *token, long long now,
                       long long max_age_seconds, const char **payload_out) {
    unsigned char bin[HEAD_BYTES + TOKEN_PAYLOAD_MAX];
    size_t len;
    *payload_out = NULL;
    if (purpose == NULL || purpose[0] == '\0') return -1;
    if (unwrap(token, bin, sizeof bin, &len) < 0) return -1;
    const char *payload = (const char *)bin + HEAD_BYTES;
    size_t payload_len = len - HEAD_BYTES;
    if (verify(key, 'P', purpose, payload, payload_len, bin, now,
               max_age_seconds) < 0)
        return -1;
    char *copy = arena_strndup(a, payload, payload_len);
    if (!payload_ok(copy) || strlen(copy) != payload_len) return -1;
    *payload_out = copy;
    return 0;
}
