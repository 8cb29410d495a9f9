/*
** http.h — serving a site over HTTP/1.1 and HTTP/2 (libh2o).
*/
#ifndef GAZETTE_HTTP_H
#define GAZETTE_HTTP_H

#include "err.h"
#include "site.h"

/* Serve site on listen ("ADDR:PORT", "[v6]:PORT") until SIGTERM or
** SIGINT: then stop accepting, let what is in flight finish, and return 0.
** Runs config.threads event loops (0: one per core), each with its own
** store connection.  Returns -1 with a message when it cannot start. */
int http_serve(const site_t *site, const char *listen, err_t *err);

#endif
