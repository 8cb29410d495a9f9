/*
** word.c — the word-character rule; see word.h.
**
** Non-ASCII code points are word characters unless they fall in one of
** the ranges below: Unicode's punctuation, symbol and space blocks as a
** news site meets them, not the full General_Category table, which this
** program has no other use for.  The table is small and searched in order;
** most text is ASCII and never reaches it.
*/
#include "word.h"

#include <stddef.h>

static const struct { uint32_t lo, hi; } separators[] = {
    {0x0080, 0x00A9},   /* C1 controls, NBSP, ¡ ¢ £ ¤ ¥ ¦ § ¨ © */
    {0x00AB, 0x00B4},   /* « ¬ SHY ® ¯ ° ± ² ³ ´ (ª µ º are letters) */
    {0x00B6, 0x00B9},   /* ¶ · ¸ ¹ */
    {0x00BB, 0x00BF},   /* » ¼ ½ ¾ ¿ */
    {0x00D7, 0x00D7}, {0x00F7, 0x00F7},             /* × ÷ */
    {0x02B9, 0x02BB},   /* modifier primes and turned comma, used as quotes */
    {0x037E, 0x037E}, {0x0387, 0x0387},             /* Greek ; · */
    {0x055A, 0x055F}, {0x0589, 0x058A},             /* Armenian */
    {0x05BE, 0x05BE}, {0x05C0, 0x05C0}, {0x05C3, 0x05C3},
    {0x05C6, 0x05C6}, {0x05F3, 0x05F4},             /* Hebrew */
    {0x060C, 0x060D}, {0x061B, 0x061F},             /* Arabic ، ؍ ؛ ؟ */
    {0x066A, 0x066D}, {0x06D4, 0x06D4},             /* Arabic ٪ ٫ ٬ ٭ ۔ */
    {0x0964, 0x0965},                               /* Devanagari danda */
    {0x2000, 0x2BFF},   /* spaces, dashes, quotes, ’, currency, arrows, math */
    {0x2E00, 0x2E7F},   /* supplemental punctuation */
    {0x3000, 0x3003}, {0x3008, 0x3020}, {0x30FB, 0x30FB},   /* CJK */
    {0xD800, 0xF8FF},   /* (surrogates never decode) private use */
    {0xFE10, 0xFE6F},   /* vertical, compatibility and small forms */
    {0xFEFF, 0xFEFF},   /* BOM / zero-width no-break space */
    {0xFF01, 0xFF0F}, {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40},   /* fullwidth */
    {0xFF5B, 0xFF65},   /* fullwidth and halfwidth punctuation */
    {0xFFF0, 0xFFFF},   /* specials */
    {0x1F000, 0x1FAFF}, /* emoji, mahjong, playing cards, symbols */
    {0xE0000, 0x10FFFF},/* tags, variation selectors supplement, private */
};

bool word_char(uint32_t cp) {
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    for (size_t i = 0; i < sizeof separators / sizeof separators[0]; i++)
        if (cp >= separators[i].lo && cp <= separators[i].hi) return false;
    return cp <= 0x10FFFF;
}

bool word_apostrophe(uint32_t cp) {
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}
