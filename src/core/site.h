/*
** site.h — a site directory: its settings, its store, its theme, its key.
**
** A site is a directory holding gazette.ini and gazette.db.  site_init
** creates one; site_open reads one for a command to work on.  The store
** (gazette.db, and the -wal, -shm and -journal files SQLite makes beside
** it) holds the secret key and commenters' emails: it is created readable
** and writable by its owner only, and site_private_check says whether it
** still is.  The opened
** site_t is read-only once open, and shared by every server thread; each
** thread opens its own store connection with site_store_open.
*/
#ifndef GAZETTE_SITE_H
#define GAZETTE_SITE_H

#include <limits.h>
#include <stdbool.h>

#include "config.h"
#include "err.h"
#include "store.h"
#include "theme.h"

enum { SITE_SECRET_BYTES = 32 };

/* The store's file in the site directory. */
#define SITE_STORE_FILE "gazette.db"

struct site {
    char dir[PATH_MAX];
    char db_path[PATH_MAX + 16];
    char ini_path[PATH_MAX + 16];
    config_t config;
    theme_t theme;             /* loaded only when asked (serve, export) */
    bool theme_loaded;
    unsigned char secret[SITE_SECRET_BYTES];
};

/* Create a new site in dir (made if missing, must hold no gazette.ini or
** gazette.db): the settings file, the store at the newest schema (mode
** 0600 whatever the umask, so the files SQLite makes beside it are too),
** and a fresh random secret key kept in the store. */
int site_init(const char *dir, err_t *err);

/* Whether the store's files in dir (gazette.db, and its -wal, -shm and
** -journal files when they exist) are closed to every user but their
** owner: 0, or -1 with a message naming each file open to group or others,
** its mode, and the chmod that closes them.  A file that does not exist
** passes. */
int site_private_check(const char *dir, err_t *err);

/* Open the site in dir: read its settings, bring its store's schema up to
** date, read its secret, and load its theme when with_theme. */
int site_open(site_t *site, const char *dir, bool with_theme, err_t *err);
void site_close(site_t *site);

/* A new connection to the site's store (one per thread). */
int site_store_open(const site_t *site, store_t **out, err_t *err);

#endif
