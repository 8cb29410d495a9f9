/*
** target.h — the request target's forms (RFC 9112 §3.2): where its path,
** query and, in the absolute form, its authority are.
**
** A browser sends the origin form ("/path?query"); a client that thinks
** it talks to a proxy sends the absolute form ("http://host/path?query"),
** which a server MUST accept (RFC 9112 §3.2.2), taking its authority
** instead of Host.  libh2o 2.2.5 does not parse the absolute form (its
** req->path is the whole URI), so http.c splits it here.  An absolute
** form may carry userinfo ("http://user:password@host/"); it is cut off
** the authority here, so that no log line or page can show it.
*/
#ifndef GAZETTE_TARGET_H
#define GAZETTE_TARGET_H

#include <stdbool.h>
#include <stddef.h>

typedef struct target {
    const char *path;        /* starts with '/', or is "*"; never NULL */
    size_t path_len;         /* 1 at least */
    const char *query;       /* after the first '?'; NULL when none */
    size_t query_len;
    const char *authority;   /* absolute form: host[:port], no userinfo;
                             ** NULL in the origin and asterisk forms */
    size_t authority_len;
} target;

/* Split the request target s[0..len) into t, pointing into s.  Accepted:
**   origin form    "/" path [ "?" query ];
**   asterisk form  "*" alone (path "*"; the caller decides who takes it);
**   absolute form  scheme "://" authority [ path ] [ "?" query ], only
**                  when absolute is true, the scheme http or https in any
**                  case; the userinfo (up to the authority's last '@') is
**                  dropped, the host after it must not be empty, and an
**                  empty path is "/" (a static string).
** Returns 0, or -1 for any other target (t is then unspecified). */
int target_split(const char *s, size_t len, bool absolute, target *t);

#endif
