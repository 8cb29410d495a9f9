/*
** theme.h — a theme: its compiled templates and its static files.
**
** A theme directory holds NAME.mustache templates (the page kinds:
** layout, article, front, error) and a static/ directory of assets served
** at /theme/FILE.  Everything is read and compiled once, at start; the
** loaded theme is read-only afterwards and shared by every thread.
*/
#ifndef GAZETTE_THEME_H
#define GAZETTE_THEME_H

#include <stddef.h>

#include "err.h"
#include "mustache.h"
#include "request.h"

typedef struct theme_asset {
    char *name;                /* file name, e.g. "style.css" */
    const char *content_type;
    char *data;
    size_t len;
    char etag[24];             /* quoted hash of data */
} theme_asset;

typedef struct theme {
    char dir[1024];
    mustache_set *templates;
    theme_asset *assets;
    size_t nassets, assets_cap;
} theme_t;

/* Load the theme at dir: every template compiled, every asset read. */
int theme_load(theme_t *t, const char *dir, err_t *err);
void theme_free(theme_t *t);

/* The directory of the default theme: next to the executable
** (themes/default), else the installed copy. */
int theme_default_dir(char *out, size_t size, err_t *err);

/* GET /theme/FILE — a static file of the theme (CSS, icons). */
void theme_asset_page(request_t *req);

#endif
