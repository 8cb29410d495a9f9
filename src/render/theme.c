/*
** theme.c — loading a theme and serving its static files; see theme.h.
**
** Assets are few and small (a stylesheet, an icon), so they are kept in
** memory with a strong ETag computed at load; a page references them by
** a fixed name and browsers revalidate.
*/
#include "theme.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "render.h"
#include "site.h"
#include "vec.h"

static const struct { const char *ext, *type; } asset_types[] = {
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
};

static const char *asset_type(const char *name) {
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof asset_types / sizeof *asset_types; i++)
        if (!strcmp(dot, asset_types[i].ext)) return asset_types[i].type;
    return NULL;
}

/* FNV-1a: a content hash for the ETag, not a security boundary. */
static unsigned long long fnv1a(const char *s, size_t n) {
    unsigned long long h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static int asset_add(theme_t *t, const char *dir, const char *name, err_t *err) {
    const char *type = asset_type(name);
    if (type == NULL || name[0] == '.') return 0;
    char path[PATH_MAX + 256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    theme_asset a = {.content_type = type};
    buf_t data = BUF_INIT;
    if (file_read_all(path, &data, err)) return -1;
    a.len = data.len;
    a.data = buf_detach(&data);
    a.name = strdup(name);
    if (a.name == NULL) abort();
    snprintf(a.etag, sizeof a.etag, "\"%016llx\"", fnv1a(a.data, a.len));
    t->assets = vec_grow(t->assets, &t->assets_cap, t->nassets + 1, sizeof *t->assets);
    t->assets[t->nassets++] = a;
    return 0;
}

static int assets_load(theme_t *t, err_t *err) {
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/static", t->dir);
    DIR *d = opendir(dir);
    if (d == NULL) return errno == ENOENT ? 0 : err_set(err, "cannot read %s", dir);
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) rc = asset_add(t, dir, e->d_name, err);
    closedir(d);
    return rc;
}

int theme_load(theme_t *t, const char *dir, err_t *err) {
    memset(t, 0, sizeof *t);
    if (strlen(dir) >= sizeof t->dir) return err_set(err, "theme path too long");
    strcpy(t->dir, dir);
    t->templates = mustache_set_new();
    if (mustache_set_load_dir(t->templates, dir, err) || assets_load(t, err)) {
        theme_free(t);
        return err_prefix(err, "theme %s", dir);
    }
    static const char *const required[] = {"layout", "article", "front", "error"};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
        if (!mustache_set_has(t->templates, required[i])) {
            theme_free(t);
            return err_set(err, "theme %s: no %s.mustache", dir, required[i]);
        }
    }
    return 0;
}

void theme_free(theme_t *t) {
    mustache_set_free(t->templates);
    for (size_t i = 0; i < t->nassets; i++) {
        free(t->assets[i].name);
        free(t->assets[i].data);
    }
    free(t->assets);
    memset(t, 0, sizeof *t);
}

static bool is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int theme_default_dir(char *out, size_t size, err_t *err) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        /* ./gazette, and build/VARIANT/gazette during tests */
        static const char *const rel[] = {"themes/default", "../../themes/default"};
        for (size_t i = 0; i < 2; i++) {
            snprintf(out, size, "%s/%s", exe, rel[i]);
            if (is_dir(out)) return 0;
        }
    }
    snprintf(out, size, "/usr/share/gazette/themes/default");
    if (is_dir(out)) return 0;
    return err_set(err, "cannot find the default theme (themes/default next "
                        "to the gazette binary); set [theme] theme_dir");
}

/* GET /theme/FILE
**
** A static asset of the site's theme, with its ETag (http.c answers 304
** when the browser's copy is current). */
void theme_asset_page(request_t *req) {
    const theme_t *t = &req->site->theme;
    for (size_t i = 0; i < t->nassets; i++) {
        const theme_asset *a = &t->assets[i];
        if (strcmp(a->name, req->param[0])) continue;
        req->etag = a->etag;
        req->cache_kind = REQUEST_CACHE_ASSET;
        req->content_type = a->content_type;
        req->status = 200;
        buf_append(&req->out, a->data, a->len);
        return;
    }
    render_error(req, 404, "Page not found",
                 "Sorry, there is nothing at this address.");
}
