/*
** main.c — the command line, and nothing else.
**
**   gazette init   --site DIR
**   gazette serve  --site DIR [--listen ADDR:PORT]
**   gazette import --site DIR [--section S] [--date D] [--author A] FILE...
**   gazette comments --site DIR list [--status S] [--page N] [--per-page N]
**                                | approve ID | spam ID | trash ID
**
** Every command takes --site DIR (else $GAZETTE_SITE, else ./site).
** Exit status: 0 done, 1 failed, 2 usage.  Errors go to standard error as
** "gazette: what went wrong".
*/
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http.h"
#include "import.h"
#include "log.h"
#include "moderate.h"
#include "site.h"

#define GAZETTE_VERSION "0.1.0"

enum { EXIT_USAGE = 2, MAX_FILES = 4096 };

typedef struct args {
    const char *command;
    const char *site;
    const char *listen;
    const char *status;
    const char *page, *per_page;       /* comments list */
    import_options import;
    const char *files[MAX_FILES];
    int nfiles;
} args;

static void usage(FILE *f) {
    fputs("usage: gazette COMMAND [--site DIR] [options]\n"
          "\n"
          "  init    --site DIR                   create a new site\n"
          "  serve   --site DIR [--listen A:P]    serve it (default 127.0.0.1:8080)\n"
          "  import  --site DIR [--section S] [--date D] [--author A] FILE...\n"
          "                                       import text or Markdown articles\n"
          "  comments --site DIR list [--status pending|approved|spam|trash]\n"
          "                          [--page N] [--per-page N]   (default: page 1, 1000 a page)\n"
          "  comments --site DIR approve|spam|trash ID   moderate a comment\n"
          "\n"
          "--site defaults to $GAZETTE_SITE, else ./site.  See gazette(1).\n", f);
}

/* The value after an option, or NULL (usage error) when it is missing. */
static const char *option_value(int argc, char **argv, int *i) {
    if (*i + 1 >= argc) {
        log_error("%s needs a value", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

static int parse_args(int argc, char **argv, args *a) {
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        const char **slot = NULL;
        if (!strcmp(s, "--site")) slot = &a->site;
        else if (!strcmp(s, "--listen")) slot = &a->listen;
        else if (!strcmp(s, "--section")) slot = &a->import.section;
        else if (!strcmp(s, "--date")) slot = &a->import.date;
        else if (!strcmp(s, "--author")) slot = &a->import.author;
        else if (!strcmp(s, "--status")) slot = &a->status;
        else if (!strcmp(s, "--page")) slot = &a->page;
        else if (!strcmp(s, "--per-page")) slot = &a->per_page;
        if (slot) {
            if ((*slot = option_value(argc, argv, &i)) == NULL) return -1;
        } else if (s[0] == '-' && s[1] != '\0') {
            log_error("unknown option %s", s);
            return -1;
        } else if (a->command == NULL) {
            a->command = s;
        } else if (a->nfiles < MAX_FILES) {
            a->files[a->nfiles++] = s;
        } else {
            log_error("too many files (at most %d a run)", MAX_FILES);
            return -1;
        }
    }
    if (a->site == NULL) a->site = getenv("GAZETTE_SITE");
    if (a->site == NULL || a->site[0] == '\0') a->site = "site";
    return a->command ? 0 : -1;
}

/* Open the site's store for a command that works on it directly. */
static int open_store(const args *a, site_t *site, store_t **store) {
    err_t err;
    if (site_open(site, a->site, false, &err)) {
        log_error("%s", err.msg);
        return -1;
    }
    if (site_store_open(site, store, &err)) {
        log_error("%s", err.msg);
        site_close(site);
        return -1;
    }
    return 0;
}

static int cmd_init(const args *a) {
    err_t err;
    if (a->nfiles) return EXIT_USAGE;
    if (site_init(a->site, &err)) {
        log_error("%s", err.msg);
        return 1;
    }
    fprintf(stderr, "gazette: created a site in %s\n"
                    "gazette: its store, %s/" SITE_STORE_FILE ", holds the site's secret "
                    "key and commenters' emails: only its owner can read or write it "
                    "(mode 0600), and gazette serve refuses to start when others can\n",
            a->site, a->site);
    return 0;
}

static int cmd_serve(const args *a) {
    site_t site;
    err_t err;
    if (a->nfiles) return EXIT_USAGE;
    if (geteuid() == 0)
        log_error("warning: running as root: a flaw in gazette or a library it uses would "
                  "give the attacker the whole machine; run it as an unprivileged user "
                  "(a port below 1024 needs only CAP_NET_BIND_SERVICE)");
    if (site_private_check(a->site, &err) || site_open(&site, a->site, true, &err)) {
        log_error("%s", err.msg);
        return 1;
    }
    int rc = log_open(site.config.access_log, &err) ||
             http_serve(&site, a->listen ? a->listen : site.config.listen, &err);
    if (rc) log_error("%s", err.msg);
    site_close(&site);
    return rc ? 1 : 0;
}

/* Import every file; a bad file is reported and skipped, the others are
** still imported, and the exit status says whether all went in. */
static int cmd_import(const args *a) {
    site_t site;
    store_t *store;
    err_t err;
    if (a->nfiles == 0) return EXIT_USAGE;
    if (open_store(a, &site, &store)) return 1;
    import_options opt = a->import;
    opt.max_bytes = site.config.article_max_bytes;
    int failed = 0;
    for (int i = 0; i < a->nfiles; i++) {
        if (import_file(store, a->files[i], &opt, stdout, &err)) {
            log_error("%s", err.msg);
            failed = 1;
        }
    }
    store_close(store);
    site_close(&site);
    return failed;
}

/* text as a whole number from 1 to max into *out; fallback when text is
** NULL.  false for anything else. */
static bool count_option(const char *text, size_t fallback, size_t max, size_t *out) {
    if (text == NULL) {
        *out = fallback;
        return true;
    }
    char *end;
    if (text[0] < '0' || text[0] > '9') return false;
    unsigned long long n = strtoull(text, &end, 10);
    if (*end != '\0' || n < 1 || n > max) return false;
    *out = (size_t)n;
    return true;
}

/* gazette comments list [--status S] [--page N] [--per-page N]
**                 | approve ID | spam ID | trash ID */
static int cmd_comments(const args *a) {
    static const char *const verbs[] = {"approve", "spam", "trash"};
    static const store_comment_status to[] = {STORE_COMMENT_APPROVED, STORE_COMMENT_SPAM,
                                              STORE_COMMENT_TRASH};
    const char *verb = a->nfiles ? a->files[0] : "";
    int status = a->status ? store_comment_status_parse(a->status) : -1;
    int which = -1;
    for (int i = 0; i < 3; i++)
        if (!strcmp(verb, verbs[i])) which = i;
    size_t page, per_page;
    bool list = !strcmp(verb, "list") && a->nfiles == 1 && (a->status == NULL || status >= 0) &&
                count_option(a->page, 1, 1000000000, &page) &&
                count_option(a->per_page, MODERATE_PER_PAGE, MODERATE_PER_PAGE_MAX, &per_page);
    char *end = NULL;
    long long id = which >= 0 && a->nfiles == 2 ? strtoll(a->files[1], &end, 10) : 0;
    if (!list && (which < 0 || end == NULL || *end != '\0' || id <= 0 || a->page ||
                  a->per_page))
        return EXIT_USAGE;
    site_t site;
    store_t *store;
    err_t err;
    if (open_store(a, &site, &store)) return 1;
    int rc = list ? moderate_list(store, status, page, per_page, stdout, stderr, &err)
                  : moderate_set(store, id, to[which], &err);
    if (rc) log_error("%s", err.msg);
    else if (!list) printf("comment %lld: %s\n", id, store_comment_status_name(to[which]));
    store_close(store);
    site_close(&site);
    return rc ? 1 : 0;
}

int main(int argc, char **argv) {
    args a;
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        usage(stdout);
        return 0;
    }
    if (argc == 2 && !strcmp(argv[1], "--version")) {
        puts("gazette " GAZETTE_VERSION);
        return 0;
    }
    int rc = EXIT_USAGE;
    if (parse_args(argc, argv, &a) == 0) {
        if (!strcmp(a.command, "init")) rc = cmd_init(&a);
        else if (!strcmp(a.command, "serve")) rc = cmd_serve(&a);
        else if (!strcmp(a.command, "import")) rc = cmd_import(&a);
        else if (!strcmp(a.command, "comments")) rc = cmd_comments(&a);
        else log_error("unknown command '%s'", a.command);
    }
    if (rc == EXIT_USAGE) usage(stderr);
    return rc;
}
