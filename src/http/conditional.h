/*
** conditional.h — HTTP validators and caching headers of an answer:
** ETag, Last-Modified, Cache-Control, and the 304 of a conditional GET.
**
** Design.  Every 200 answer to GET or HEAD gets a strong ETag, the hash of
** its uncompressed body, unless its handler set one (theme assets hash
** theirs once, at load).  A compressed answer carries that ETag with the
** coding inside the quotes ("…-gz", "…-br"): each representation has its
** own strong validator, as h2o and Apache do, so a cache can never mix up
** the bytes of two codings, and a client that revalidates its gzip copy
** is compared against the gzip ETag, not the identity one.
**
** One exception makes an ETag weak: a page that carries text differing on
** every render without changing what it says (the comment form's token,
** issued at the second of the render) names that text in etag_ignore.  The
** hash skips it, and the ETag is W/"…": the same page a second later is
** semantically the same (RFC 9110 §8.8.1) but not byte for byte, so a
** strong ETag would lie.  Without this an article's ETag would change
** every second and never validate.
**
** Last-Modified is what the handler knows (an article's update, its newest
** comment), raised to the server's start: the theme, settings and program
** are read at start, so a restart may change any page.  It is never later
** than now, and an If-Modified-Since is honoured only for a Last-Modified
** before the current second (a change later in the same second would go
** unseen: RFC 9110 §8.8.2.2's weak Last-Modified).
**
** 304 follows RFC 9110 §13.2.2: If-None-Match decides when present (weak
** comparison, "*", a list); If-Modified-Since only when it is absent.
** Only GET and HEAD answers that would be 200 become 304.
**
** Cache-Control comes from the page kind and the [cache] settings, with
** fixed overrides that configuration cannot loosen: answers to other
** methods and 5xx are no-store; answers that set cookies or depend on the
** reader's cookies are "private, no-store".
**
** Everything here is pure: no I/O, no clock (now is a parameter).
*/
#ifndef GAZETTE_CONDITIONAL_H
#define GAZETTE_CONDITIONAL_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "request.h"

/* Room for any ETag made here, with W/, quotes, suffix and NUL. */
enum { CONDITIONAL_ETAG_MAX = 64, CONDITIONAL_DATE_MAX = 32 };

/* The ETag of body[0..len): '"' + 16 hex digits of BLAKE2b + '"'.  When
** ignore is neither NULL nor "", every occurrence of it in body is left
** out of the hash and the ETag is weak: W/"…". */
void conditional_etag(const char *body, size_t len, const char *ignore,
                      char out[CONDITIONAL_ETAG_MAX]);

/* etag (quoted, weak or strong) with "-suffix" added inside its quotes:
** "abc" + "gz" -> "abc-gz".  A NULL or empty suffix, or an etag that is
** not quoted or too long, is copied as it is. */
void conditional_etag_variant(const char *etag, const char *suffix,
                              char out[CONDITIONAL_ETAG_MAX]);

/* Does the If-None-Match field value if_none_match name etag?  "*" names
** every ETag; otherwise it is a comma-separated list of entity-tags
** compared weakly (W/ ignored on both sides).  Parsing stops at the first
** malformed member; what came before it still counts.  NULL: false. */
bool conditional_none_match(const char *if_none_match, const char *etag);

/* t (Unix seconds) as an IMF-fixdate: "Wed, 01 May 2024 09:00:00 GMT". */
void conditional_format_date(long long t, char out[CONDITIONAL_DATE_MAX]);

/* An HTTP-date in any of its three forms (IMF-fixdate, RFC 850,
** asctime) as Unix seconds; -1 when s is NULL, not one of them, or
** before 1970.  Trailing spaces are allowed; the weekday is not checked. */
long long conditional_parse_date(const char *s);

/* Whether a GET or HEAD that would be answered 200 with etag (NULL:
** none) and last_modified (0: unknown) is answered 304 instead, given the
** request's If-None-Match and If-Modified-Since (NULL: absent) at now. */
bool conditional_not_modified(const char *if_none_match,
                              const char *if_modified_since, const char *etag,
                              long long last_modified, long long now);

/* The Cache-Control of r's answer as it stands (status, method, cookies,
** cache_kind, a handler's own cache_control) under the settings c. */
const char *conditional_cache_control(const request_t *r, const config_t *c);

/* Make r's answer ready for caches, after its handler ran and once the
** content coding it will be sent in is known (coding_suffix "gz", "br",
** or NULL for identity): sets cache_control; for a 200 to GET or HEAD
** sets etag (the handler's, or the hash of out; with the coding suffix)
** and last_modified (raised to started, not later than r->now; an asset,
** or a feed with no item, that gave none gets started: nothing in it can
** change before a restart), and turns the answer into a bodiless 304
** when the request's conditions say the client's copy is current.  Other
** answers lose etag and last_modified.  Strings come from r->arena. */
void conditional_answer(request_t *r, const config_t *c, long long started,
                        const char *coding_suffix);

#endif
