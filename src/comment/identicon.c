/*
** identicon.c — local avatars; see identicon.h.
**
** Key.  subkey = BLAKE2b-256(key = site key, message = "gazette identicon
** v1" 0x00), then key = the first 16 bytes of HMAC-SHA-512-256 (crypto_auth)
** under subkey of the normalised email, in hex.  The label keeps the subkey
** apart from the per-purpose token keys (token.c, "gazette token v1").
** Normalising (trim ASCII whitespace, lower-case ASCII letters) is done
** while feeding the MAC, in small chunks, so there is no copy of the email
** to allocate or wipe.  Non-ASCII letters are left alone: case folding
** them would need a locale, and addresses that differ only there are rare.
**
** Picture.  Like GitHub's identicons: the key's 16 bytes are decoded, 15
** bits of bytes 0-1 decide the cells of the left three columns of a 5x5
** grid (the right two mirror them), and bytes 2-5 choose a hue, saturation
** and lightness kept in a band that reads well on the light background.
** The SVG uses a 12x12 viewBox (a one-unit margin, 2x2 cells), one <rect>
** for the background and one <path> for all the cells, and carries no text
** from outside: only numbers computed here.  It has no role or title,
** because pages show it through <img alt="">.
*/
#include "identicon.h"

#include <math.h>
#include <stdio.h>
#include <sodium.h>
#include <string.h>

enum { KEY_BYTES = IDENTICON_KEY_HEX / 2 };

static const char KEY_LABEL[] = "gazette identicon v1";

/* The MAC key for avatars, derived from the site key; see the top. */
static void derive_subkey(const unsigned char site_key[32],
                          unsigned char sub[crypto_auth_KEYBYTES]) {
    crypto_generichash(sub, crypto_auth_KEYBYTES,
                       (const unsigned char *)KEY_LABEL, sizeof KEY_LABEL,
                       site_key, 32);
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Feed s[0..len) lower-cased (ASCII) into the MAC, a chunk at a time. */
static void update_lower(crypto_auth_hmacsha512256_state *st, const char *s,
                         size_t len) {
    unsigned char chunk[64];
    while (len > 0) {
        size_t n = len < sizeof chunk ? len : sizeof chunk;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            chunk[i] = (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
        }
        crypto_auth_hmacsha512256_update(st, chunk, n);
        s += n;
        len -= n;
    }
}

void identicon_key(const unsigned char site_key[32], const char *email,
                   char out_hex[IDENTICON_KEY_HEX + 1]) {
    unsigned char sub[crypto_auth_KEYBYTES], mac[crypto_auth_BYTES];
    crypto_auth_hmacsha512256_state st;
    const char *from = email ? email : "";
    const char *to = from + strlen(from);
    while (from < to && is_space(*from)) from++;
    while (to > from && is_space(to[-1])) to--;
    derive_subkey(site_key, sub);
    crypto_auth_hmacsha512256_init(&st, sub, sizeof sub);
    update_lower(&st, from, (size_t)(to - from));
    crypto_auth_hmacsha512256_final(&st, mac);
    sodium_bin2hex(out_hex, IDENTICON_KEY_HEX + 1, mac, KEY_BYTES);
    sodium_memzero(sub, sizeof sub);
    sodium_memzero(&st, sizeof st);
}

bool identicon_key_valid(const char *s) {
    if (s == NULL) return false;
    size_t n = strspn(s, "0123456789abcdef");
    return n == IDENTICON_KEY_HEX && s[n] == '\0';
}

/* The value of a lower-case hex digit (the key is already validated). */
static unsigned hex_digit(char c) {
    return c <= '9' ? (unsigned)(c - '0') : (unsigned)(c - 'a' + 10);
}

/* The 16 bytes a valid hex key spells. */
static void key_bytes(const char *hex, unsigned char out[KEY_BYTES]) {
    for (int i = 0; i < KEY_BYTES; i++)
        out[i] = (unsigned char)(hex_digit(hex[2 * i]) << 4 |
                                 hex_digit(hex[2 * i + 1]));
}

/* "#rrggbb" for hue h (degrees), saturation s and lightness l (0..1). */
static void hsl_to_hex(double h, double s, double l, char out[8]) {
    double c = (1 - fabs(2 * l - 1)) * s;
    double x = c * (1 - fabs(fmod(h / 60, 2) - 1));
    double m = l - c / 2, r = 0, g = 0, b = 0;
    int sector = (int)(h / 60);
    switch (sector) {
    case 0: r = c; g = x; break;
    case 1: r = x; g = c; break;
    case 2: g = c; b = x; break;
    case 3: g = x; b = c; break;
    case 4: r = x; b = c; break;
    default: r = c; b = x; break;
    }
    snprintf(out, 8, "#%02x%02x%02x", (unsigned)lround((r + m) * 255),
             (unsigned)lround((g + m) * 255), (unsigned)lround((b + m) * 255));
}

/* The foreground colour the key's bytes 2-5 choose. */
static void key_colour(const unsigned char k[KEY_BYTES], char out[8]) {
    double hue = (double)((k[2] << 8 | k[3]) % 360);
    double sat = (45 + k[4] % 20) / 100.0;
    double light = (42 + k[5] % 14) / 100.0;
    hsl_to_hex(hue, sat, light, out);
}

/* Append the path commands for the cells that bits 0-14 of mask fill. */
static void append_cells(buf_t *out, unsigned mask) {
    for (int row = 0; row < 5; row++) {
        for (int col = 0; col < 3; col++) {
            if (!(mask >> (row * 3 + col) & 1)) continue;
            buf_printf(out, "M%d %dh2v2h-2z", 1 + 2 * col, 1 + 2 * row);
            if (col != 2)
                buf_printf(out, "M%d %dh2v2h-2z", 1 + 2 * (4 - col),
                           1 + 2 * row);
        }
    }
}

void identicon_svg(buf_t *out, const char *hex_key, int size_px) {
    if (size_px < 16) size_px = 16;
    if (size_px > 512) size_px = 512;
    buf_printf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
               "height=\"%d\" viewBox=\"0 0 12 12\" "
               "shape-rendering=\"crispEdges\">"
               "<rect width=\"12\" height=\"12\" fill=\"#f0f0f0\"/>",
               size_px, size_px);
    if (identicon_key_valid(hex_key)) {
        unsigned char k[KEY_BYTES];
        char colour[8];
        key_bytes(hex_key, k);
        key_colour(k, colour);
        unsigned mask = (unsigned)(k[0] | k[1] << 8) & 0x7fff;
        if (mask == 0) mask = 0x4924;   /* never blank: the middle column */
        buf_printf(out, "<path fill=\"%s\" d=\"", colour);
        append_cells(out, mask);
        buf_puts(out, "\"/>");
    }
    buf_puts(out, "</svg>");
}
