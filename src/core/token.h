/*
** token.h — signed, expiring tokens: CSRF tokens, signed form timestamps,
** and the cookie that says "this browser wrote held comments 12,15".
**
** A token proves that this site issued it, at a given time, for a given
** purpose and subject.  It is text safe for URLs, form fields and cookie
** values (base64url without padding).  Two shapes:
**
**   token_make / token_check — the token carries only its issue time and a
**   MAC; the subject (a session id, "article:42") is not in it, so the
**   checker must know the subject and supply it.
**
**   token_make_payload / token_open_payload — the token also carries a
**   short payload (digits and commas, e.g. comment ids) that the opener
**   gets back.  The payload is signed, NOT encrypted: anyone holding the
**   token can read it.
**
** Tokens are bound to their purpose ("csrf", "comment-form", "held"): one
** made for a purpose never checks for another, nor a subject token as a
** payload token or the other way round.  All keys are the site's 32-byte
** secret key; see token.c for how it is used.
*/
#ifndef GAZETTE_TOKEN_H
#define GAZETTE_TOKEN_H

#include "arena.h"

/* The size of the site key, in bytes. */
#define TOKEN_KEY_BYTES 32
/* How far in the future (clock skew between nodes) an issue time may be. */
#define TOKEN_FUTURE_SLACK 60
/* The longest payload token_make_payload accepts, in bytes. */
#define TOKEN_PAYLOAD_MAX 1024

/* A token for (purpose, subject) issued at issued_at (Unix seconds), in the
** arena: 54 characters of [A-Za-z0-9_-].  NULL if purpose is NULL or empty
** or subject is NULL.  Requires sodium_init(). */
char *token_make(arena_t *a, const unsigned char key[TOKEN_KEY_BYTES],
                 const char *purpose, const char *subject,
                 long long issued_at);

/* Is token one that token_make made under key for exactly this purpose and
** subject, issued no more than max_age_seconds before now and no more than
** TOKEN_FUTURE_SLACK seconds after it?  Returns 0 and stores the issue time
** in *issued_at_out (if not NULL) when it is; -1 for anything else: a NULL,
** malformed or tampered token, another key, purpose or subject, expired,
** from the future, or max_age_seconds < 0.  The MAC is compared in constant
** time.  Requires sodium_init(). */
int token_check(const unsigned char key[TOKEN_KEY_BYTES], const char *purpose,
                const char *subject, const char *token, long long now,
                long long max_age_seconds, long long *issued_at_out);

/* A token for purpose that carries payload, issued at issued_at, in the
** arena; [A-Za-z0-9_-] only.  payload may hold only digits and commas, at
** most TOKEN_PAYLOAD_MAX of them (it may be empty); otherwise, or if purpose
** is NULL or empty, NULL.  Requires sodium_init(). */
char *token_make_payload(arena_t *a, const unsigned char key[TOKEN_KEY_BYTES],
                         const char *purpose, const char *payload,
                         long long issued_at);

/* Open a token made by token_make_payload under key for purpose, with the
** same time rules as token_check.  Returns 0 and points *payload_out at a
** copy of the payload in the arena; or -1, with *payload_out NULL.
** Requires sodium_init(). */
int token_open_payload(arena_t *a, const unsigned char key[TOKEN_KEY_BYTES],
                       const char *purpose, const char *token, long long now,
                       long long max_age_seconds, const char **payload_out);

#endif
