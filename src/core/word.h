/*
** word.h — which characters make up words: the one rule that slugs and
** the spam filter's tokens (and related stories' terms) cut text by.
**
** A word character is an ASCII letter or digit, or any non-ASCII code
** point that is not punctuation, a symbol, a space, a control, an emoji,
** private use or a special (the table in word.c).  The reading is
** deliberately generous: every script's letters and digits count, and so
** do combining marks, which stay with their word.  Each user adds its own
** policy on top: what it folds, transliterates or drops.  Apostrophes are
** not word characters; word_apostrophe tells them apart, for users that
** join "don't" into one word.
*/
#ifndef GAZETTE_WORD_H
#define GAZETTE_WORD_H

#include <stdbool.h>
#include <stdint.h>

/* Is the code point cp part of a word (see above)? */
bool word_char(uint32_t cp);

/* Is cp an apostrophe as English writes one: ' ’ (U+2019) ʼ (U+02BC)? */
bool word_apostrophe(uint32_t cp);

#endif
