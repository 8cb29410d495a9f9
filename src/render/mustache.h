/*
** mustache.h — the Mustache template engine.
**
** Templates are compiled once, when they are added to a set (at server
** start-up), and rendered many times against a view_t.  A set holds
** named templates; partials ({{>name}}) and parents ({{<name}}) are
** looked up in the same set by name at render time, so templates may be
** added in any order.  A missing partial or parent renders as "".
**
** Thread safety: building a set (mustache_set_add, mustache_set_load_dir)
** must finish before rendering starts.  After that the set is read-only
** and any number of threads may call mustache_render on it at once.
**
** Conformance: the official spec's interpolation, sections, inverted,
** comments, partials, delimiters and ~inheritance files.  Lambdas and
** dynamic names are not supported.  Gazette's one deviation from the
** spec: view_truthy() treats "" as false (see view.h).
*/
#ifndef GAZETTE_MUSTACHE_H
#define GAZETTE_MUSTACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "view.h"

/* Limits that keep a hostile or mistaken template from exhausting the
** stack, the CPU or memory.  Depth counts nested sections, inverted
** sections, blocks, partials and parents together: it bounds recursive
** partials.  Steps count template nodes visited in one render. */
#define MUSTACHE_MAX_DEPTH 100
#define MUSTACHE_MAX_STEPS 10000000UL
#define MUSTACHE_MAX_OUTPUT (64UL * 1024 * 1024)

typedef struct mustache_set mustache_set;

/* A new, empty set.  Never NULL (allocation failure aborts). */
mustache_set *mustache_set_new(void);

/* Compile len bytes of src as the template called name and add it to
** set, replacing any template of that name.  On a syntax error, return
** -1 with "NAME:LINE: what" in err and leave set unchanged.  src need not
** outlive the call. */
int mustache_set_add(mustache_set *set, const char *name, const char *src,
                     size_t len, err_t *err);

/* Add every regular file "X.mustache" of directory dir as template "X",
** in name order; hidden files (".X.mustache") are skipped.  Return 0, or
** -1 at the first unreadable directory or file, or template with a syntax
** error ("DIR: X:LINE: what"); templates added before it stay in set. */
int mustache_set_load_dir(mustache_set *set, const char *dir, err_t *err);

/* True when set holds a template called name. */
bool mustache_set_has(const mustache_set *set, const char *name);

/* Render template name against data, appending to out.  data may be
** NULL (every name is then missing).  Return 0, or -1 with a message in
** err when there is no such template or a MUSTACHE_MAX_* limit is hit;
** on failure out is restored to its length at entry.  Reads set and data
** only: safe to call from many threads at once. */
int mustache_render(const mustache_set *set, const char *name,
                    const view_t *data, buf_t *out, err_t *err);

/* Free set and every template in it.  NULL is allowed. */
void mustache_set_free(mustache_set *set);

#endif
