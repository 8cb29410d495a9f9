/*
** site.c — creating and opening a site directory; see site.h.
**
** Private files.  The store holds the site's secret key (with it anyone
** can forge form and held-comment tokens) and every commenter's email, so
** it is its owner's only: mode 0600.  SQLite creates a new database file
** with mode 0644 less the umask, but it gives the files it makes beside
** one (the -wal, -shm and -journal files) the database file's own mode,
** made exact with fchmod whatever the umask (os_unix.c: findCreateFileMode
** and robust_open).  So site_init creates gazette.db itself, empty and
** 0600, before SQLite opens it, and everything SQLite later makes beside
** it follows.  An older site whose files are open to others is refused
** by site_private_check, which `gazette serve` calls, with the chmod that
** fixes it.
*/
#include "site.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

/* The suffixes of the store's files: its own, and those SQLite makes
** beside it, which hold its data too. */
static const char *const private_suffixes[] = {"", "-wal", "-shm", "-journal"};

static void site_paths(site_t *site, const char *dir) {
    snprintf(site->dir, sizeof site->dir, "%s", dir);
    snprintf(site->db_path, sizeof site->db_path, "%s/" SITE_STORE_FILE, dir);
    snprintf(site->ini_path, sizeof site->ini_path, "%s/gazette.ini", dir);
}

static bool exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

/* Write text to a new file (O_EXCL: never over an existing one). */
static int write_new_file(const char *path, const char *text, err_t *err) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) return err_set(err, "cannot create %s: %s", path, strerror(errno));
    bool ok = file_write_all(fd, text, strlen(text)) == 0 && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    return ok ? 0 : err_set(err, "cannot write %s: %s", path, strerror(errno));
}

/* Create path, which must not exist, as an empty file readable and
** writable by its owner only, whatever the umask (which could have taken
** the owner's own bits away). */
static int create_private_file(const char *path, err_t *err) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return err_set(err, "cannot create %s: %s", path, strerror(errno));
    bool ok = fchmod(fd, 0600) == 0;
    ok = close(fd) == 0 && ok;
    return ok ? 0 : err_set(err, "cannot make %s private: %s", path, strerror(errno));
}

/* mkdir -p: dir and every missing parent. */
static int make_dirs(const char *dir, err_t *err) {
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return err_set(err, "%s: path too long", dir);
    for (char *p = path + 1; ; p++) {
        bool end = *p == '\0';
        if (*p != '/' && !end) continue;
        *p = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST)
            return err_set(err, "cannot create %s: %s", path, strerror(errno));
        if (end) return 0;
        *p = '/';
    }
}

static int secret_create(store_t *store, err_t *err) {
    unsigned char key[SITE_SECRET_BYTES];
    char hex[SITE_SECRET_BYTES * 2 + 1];
    randombytes_buf(key, sizeof key);
    sodium_bin2hex(hex, sizeof hex, key, sizeof key);
    sodium_memzero(key, sizeof key);
    return store_setting_set(store, "secret_key", hex, err);
}

int site_init(const char *dir, err_t *err) {
    if (sodium_init() < 0) return err_set(err, "libsodium failed to start");
    site_t site;
    site_paths(&site, dir);
    if (exists(site.ini_path) || exists(site.db_path))
        return err_set(err, "%s already holds a site; not touching it", dir);
    if (make_dirs(dir, err)) return -1;
    buf_t ini = BUF_INIT;
    config_template(&ini);
    int rc = write_new_file(site.ini_path, ini.data, err);
    buf_free(&ini);
    if (rc) return -1;
    /* before SQLite: the files it makes beside the store copy its mode */
    if (create_private_file(site.db_path, err)) return -1;
    store_t *store;
    if (store_open(&store, site.db_path, true, err)) return -1;
    rc = secret_create(store, err);
    store_close(store);
    return rc;
}

int site_private_check(const char *dir, err_t *err) {
    buf_t open_ones = BUF_INIT, paths = BUF_INIT;
    for (size_t i = 0; i < sizeof private_suffixes / sizeof *private_suffixes; i++) {
        char path[PATH_MAX + 32];
        snprintf(path, sizeof path, "%s/" SITE_STORE_FILE "%s", dir, private_suffixes[i]);
        struct stat st;
        if (stat(path, &st) != 0) {
            if (errno == ENOENT) continue;
            buf_free(&open_ones);
            buf_free(&paths);
            return err_set(err, "cannot check %s: %s", path, strerror(errno));
        }
        if ((st.st_mode & 077) == 0) continue;
        buf_printf(&open_ones, "%s%s mode %04o", open_ones.len ? ", " : "", path,
                   (unsigned)(st.st_mode & 07777));
        buf_printf(&paths, " %s", path);
    }
    int rc = 0;
    if (open_ones.len)
        rc = err_set(err, "other users can read or write the store (%s), which "
                     "holds the site's secret key and commenters' emails; fix with: "
                     "chmod 600%s", open_ones.data, paths.data);
    buf_free(&open_ones);
    buf_free(&paths);
    return rc;
}

static int secret_read(site_t *site, store_t *store, err_t *err) {
    arena_t a = ARENA_INIT;
    const char *hex;
    int rc = store_setting_get(store, &a, "secret_key", &hex, err);
    if (rc == 0 && (hex == NULL ||
                    sodium_hex2bin(site->secret, sizeof site->secret, hex,
                                   strlen(hex), NULL, NULL, NULL) != 0))
        rc = err_set(err, "%s: the site's secret key is missing or damaged",
                     site->db_path);
    arena_free(&a);
    return rc;
}

int site_open(site_t *site, const char *dir, bool with_theme, err_t *err) {
    memset(site, 0, sizeof *site);
    if (sodium_init() < 0) return err_set(err, "libsodium failed to start");
    site_paths(site, dir);
    if (!exists(site->ini_path))
        return err_set(err, "%s is not a gazette site (no gazette.ini); "
                            "create one with 'gazette init --site %s'", dir, dir);
    config_defaults(&site->config);
    if (config_load(&site->config, site->ini_path, err)) return -1;
    store_t *store;
    if (store_open(&store, site->db_path, false, err)) return -1;
    int rc = secret_read(site, store, err);
    store_close(store);
    if (rc || !with_theme) return rc;
    char theme_dir[sizeof site->theme.dir + PATH_MAX];
    const char *t = site->config.theme_dir;
    if (t[0] == '\0') {
        if (theme_default_dir(theme_dir, sizeof theme_dir, err)) return -1;
    } else if (t[0] == '/') {
        snprintf(theme_dir, sizeof theme_dir, "%s", t);
    } else {
        snprintf(theme_dir, sizeof theme_dir, "%s/%s", dir, t);
    }
    if (theme_load(&site->theme, theme_dir, err)) return -1;
    site->theme_loaded = true;
    return 0;
}

void site_close(site_t *site) {
    if (site->theme_loaded) theme_free(&site->theme);
    sodium_memzero(site->secret, sizeof site->secret);
}

int site_store_open(const site_t *site, store_t **out, err_t *err) {
    return store_open(out, site->db_path, false, err);
}
