/*
** guard.c — one connection's writes out and its strikes; see guard.h.
**
** A few counters, no lock: a guard lives on its connection's loop thread,
** and its writes come back to that same loop (the writer answers a job
** by a message to the loop that sent it).
*/
#include "guard.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/socket.h>

struct guard {
    int fd;                    /* the connection's, until closed */
    unsigned writes;           /* out with the writer */
    uint64_t second;           /* the second (now_ms / 1000) counted */
    unsigned strikes;          /* strikes in that second */
    bool shut;                 /* guard_shutdown ran */
    bool closed;               /* guard_close ran */
};

guard_t *guard_new(int fd) {
    guard_t *g = calloc(1, sizeof *g);
    if (g == NULL) abort();
    g->fd = fd;
    return g;
}

bool guard_write_begin(guard_t *g, unsigned max) {
    if (g->writes >= (max > 0 ? max : 1)) return false;
    g->writes++;
    return true;
}

void guard_write_end(guard_t *g) {
    assert(g->writes > 0);
    g->writes--;
    if (g->writes == 0 && g->closed) free(g);
}

unsigned guard_writes(const guard_t *g) {
    return g->writes;
}

bool guard_strike(guard_t *g, uint64_t now_ms, unsigned max_per_second) {
    uint64_t second = now_ms / 1000;
    if (second != g->second) {
        g->second = second;
        g->strikes = 0;
    }
    if (g->strikes < UINT_MAX) g->strikes++;
    return max_per_second > 0 && g->strikes > max_per_second;
}

bool guard_shutdown(guard_t *g) {
    if (g->shut || g->closed) return false;
    g->shut = true;
    shutdown(g->fd, SHUT_RDWR);
    return true;
}

bool guard_is_shut(const guard_t *g) {
    return g->shut;
}

void guard_close(guard_t *g) {
    g->closed = true;
    g->fd = -1;
    if (g->writes == 0) free(g);
}
