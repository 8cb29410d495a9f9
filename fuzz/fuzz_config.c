/*
** fuzz_config.c — libFuzzer target for a site's gazette.ini: config_load
** (config.h) over the defaults, on arbitrary file contents.
**
** The input is the whole file.  config_load reads a path, so the bytes
** are written to an in-memory file (memfd_create) and read back through
** its /proc/self/fd path: no directory is touched.  Seeds in
** fuzz/corpus/config/ are settings files, whole or in part.
**
** Besides crashes and sanitizer reports, the target aborts when a promise
** breaks.  Checked against a reader of the file's shape written here,
** which knows the sections and keys only from config_template (so keys
** added later are known too):
**   - a file accepted is made only of blank lines, '#' or ';' comments,
**     "[section]" lines naming a known section and "key = value" lines
**     naming a known key of the current section, no line longer than
**     the 2,046 bytes config_load reads;
**   - a file that is not so shaped is refused, with "PATH:LINE: …"
**     naming the line of the first fault (or a later one: a value can be
**     refused before the shape is);
**   - a refusal that names no line ("PATH: …") is a check of the
**     settings as a whole (config_check: base_url, form_token_minutes),
**     made only once every line was read: the file's shape was sound;
** Checked on the settings a file gave, for every field config.h defines:
**   - every string ends inside its field, [cache] values are printable
**     ASCII, numbers are 0..1,000,000 (sizes: not negative), base_url has
**     no trailing '/';
**   - loading the same file again gives the same settings.
** Once, at start: the template of a new site loads to the defaults.
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "err.h"

static void check(int ok) {
    if (!ok) abort();
}

static int fd = -1;
static char path[64];
static buf_t known;          /* "\nsection key\n" for every key, "\n[section]\n" */

static void write_file(const void *data, size_t size) {
    check(ftruncate(fd, 0) == 0);
    check(pwrite(fd, data, size, 0) == (ssize_t)size);
}

/* known[] from the template: a "[section]" line opens a section, and
** every "key =" line after it is a key of that section. */
static void learn_keys(const char *template) {
    char section[64] = "";
    for (const char *p = template; *p;) {
        size_t n = strcspn(p, "\n");
        if (p[0] == '[') {
            snprintf(section, sizeof section, "%.*s", (int)(n - 2), p + 1);
            buf_printf(&known, "\n[%s]\n", section);
        } else if (n > 0 && p[0] != '#') {
            size_t k = strcspn(p, " =");
            buf_printf(&known, "\n%s %.*s\n", section, (int)k, p);
        }
        p += n + (p[n] == '\n');
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    fd = memfd_create("gazette.ini", 0);
    check(fd >= 0);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    buf_t t = BUF_INIT;
    config_template(&t);
    learn_keys(t.data);
    config_t defaults, loaded;
    err_t err;
    config_defaults(&defaults);
    config_defaults(&loaded);
    write_file(t.data, t.len);
    check(config_load(&loaded, path, &err) == 0);
    check(memcmp(&defaults, &loaded, sizeof defaults) == 0);
    buf_free(&t);
    return 0;
}

/* ---- the shape of the file ----------------------------------------------- */

static bool space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool is_known(const char *entry) {
    return known.data && strstr(known.data, entry) != NULL;
}

/* The first line (1-based) of s[0..len) that is not of the shape, or 0
** when every line is. */
static int shape_fault(const char *s, size_t len) {
    char section[64] = "";
    int line = 0;
    for (size_t at = 0; at < len;) {
        line++;
        const char *nl = memchr(s + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (s + at)) : len - at;
        const char *b = s + at, *e = b + n;
        at += n + (nl != NULL);
        if (n > 2046) return line;
        /* a NUL cuts the line for fgets's reader: a fault, but on the last
        ** line (no '\n' after it) what came before the NUL is read */
        const char *nul = memchr(b, '\0', n);
        if (nul && nl) return line;
        if (nul) e = nul;
        while (b < e && space(*b)) b++;
        while (e > b && space(e[-1])) e--;
        if (b == e || *b == '#' || *b == ';') continue;
        buf_t entry = BUF_INIT;
        bool ok;
        if (*b == '[') {
            const char *close = memchr(b, ']', (size_t)(e - b));
            const char *nb = b + 1, *ne = close;
            ok = close != NULL && close == e - 1;
            if (ok) {
                while (nb < ne && space(*nb)) nb++;
                while (ne > nb && space(ne[-1])) ne--;
                buf_printf(&entry, "\n[%.*s]\n", (int)(ne - nb), nb);
                ok = (size_t)(ne - nb) < sizeof section && is_known(entry.data);
                if (ok) snprintf(section, sizeof section, "%.*s", (int)(ne - nb), nb);
            }
        } else {
            const char *eq = memchr(b, '=', (size_t)(e - b)), *ke = eq;
            ok = eq != NULL;
            if (ok) {
                while (ke > b && space(ke[-1])) ke--;
                buf_printf(&entry, "\n%s %.*s\n", section, (int)(ke - b), b);
                ok = ke > b && section[0] && is_known(entry.data);
            }
        }
        buf_free(&entry);
        if (!ok) return line;
    }
    return 0;
}

/* ---- the settings -------------------------------------------------------- */

static bool ends_inside(const char *field, size_t size) {
    return strnlen(field, size) < size;
}

static bool printable(const char *s) {
    for (; *s; s++)
        if (*s < ' ' || *s > '~') return false;
    return true;
}

static bool number(int n) {
    return n >= 0 && n <= 1000000;
}

static void check_settings(const config_t *c) {
#define STRING(f) check(ends_inside(c->f, sizeof c->f))
#define HEADER(f) check(ends_inside(c->f, sizeof c->f) && printable(c->f))
    STRING(title); STRING(tagline); STRING(base_url); STRING(language);
    STRING(listen); STRING(access_log); STRING(theme_dir);
    STRING(moderation_words); STRING(disallowed_words);
    HEADER(cache_article); HEADER(cache_list); HEADER(cache_feed);
    HEADER(cache_asset); HEADER(cache_other); HEADER(cache_not_found);
    HEADER(cache_error);
#undef STRING
#undef HEADER
    check(number(c->threads) && number(c->max_connections_per_address) &&
          number(c->excerpt_words) && number(c->front_page_size) &&
          number(c->related_count) && number(c->max_links) &&
          number(c->flood_seconds) && number(c->min_submit_seconds) &&
          number(c->close_after_days) && number(c->thread_depth) &&
          number(c->feed_items) && number(c->sitemap_urls_per_file));
    size_t n = strlen(c->base_url);
    check(n == 0 || c->base_url[n - 1] != '/');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    write_file(data, size);
    config_t c, again;
    err_t err = {""};
    config_defaults(&c);
    int rc = config_load(&c, path, &err);
    int fault = shape_fault((const char *)data, size);
    if (rc == 0) {
        check(fault == 0);
        check_settings(&c);
        config_defaults(&again);
        check(config_load(&again, path, &err) == 0);
        check(memcmp(&c, &again, sizeof c) == 0);
        return 0;
    }
    size_t plen = strlen(path);
    check(!strncmp(err.msg, path, plen) && err.msg[plen] == ':');
    if (err.msg[plen + 1] == ' ') {   /* the settings as a whole */
        check(fault == 0);
        return 0;
    }
    int line = atoi(err.msg + plen + 1);
    check(line >= 1);
    if (fault) check(line <= fault);
    return 0;
}
