/*
** test_conn.c — conn.c: the connection limit, the choice of the idle
** connection that makes room, pausing and resuming accepts, and the
** timeouts, on a real h2o event loop with real loopback sockets (the
** server side is conn.c's; the tests play the clients).
*/
#include "unit.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <h2o.h>

#include "conn.h"

/* ---- pure parts ---------------------------------------------------------- */

static void max_for_keeps_the_servers_own_descriptors(void **state) {
    (void)state;
    assert_int_equal(conn_max_for(200, 2), 200 - 48 - 2 * 10);
    assert_int_equal(conn_max_for(1024, 1), 1024 - 58);
    assert_int_equal(conn_max_for(60, 2), 0);          /* no room at all */
    assert_int_equal(conn_max_for(50, 8), 0);
    assert_int_equal(conn_max_for(1LL << 40, 2), 1000000);
}

static void timeouts_are_seconds_of_at_least_one(void **state) {
    (void)state;
    conn_timeouts t;
    err_t err;
    assert_int_equal(conn_timeouts_set(&t, 10, 30, 75, 30, &err), 0);
    assert_true(t.header_ms == 10000 && t.body_ms == 30000 && t.idle_ms == 75000 &&
                t.send_ms == 30000);
    assert_int_equal(conn_timeouts_set(&t, 0, 30, 75, 30, &err), -1);
    assert_non_null(strstr(err.msg, "header_timeout"));
    assert_int_equal(conn_timeouts_set(&t, 1, 30, 0, 30, &err), -1);
    assert_non_null(strstr(err.msg, "idle_timeout"));
    assert_int_equal(conn_timeouts_set(&t, 1, 30, 75, 0, &err), -1);
    assert_non_null(strstr(err.msg, "send_timeout"));
}

static void head_length_finds_the_blank_line(void **state) {
    (void)state;
    const char *crlf = "GET / HTTP/1.1\r\nHost: x\r\n\r\nbody";
    assert_int_equal(conn_head_length(crlf, strlen(crlf), 0), strlen(crlf) - 4);
    const char *lf = "GET / HTTP/1.1\nHost: x\n\nrest";
    assert_int_equal(conn_head_length(lf, strlen(lf), 0), strlen(lf) - 4);
    const char *partial = "GET / HTTP/1.1\r\nHost: x\r\n";
    assert_int_equal(conn_head_length(partial, strlen(partial), 0), 0);
    /* a leading empty line (skipped by the parser) is not a head's end */
    const char *lead = "\r\nGET / HTTP/1.1\r\n";
    assert_int_equal(conn_head_length(lead, strlen(lead), 0), 0);
    /* searched in pieces, a blank line cut in two is still found */
    const char *whole = "GET / HTTP/1.1\r\nA: b\r\n\r\n";
    size_t n = strlen(whole);
    assert_int_equal(conn_head_length(whole, n - 2, 0), 0);
    assert_int_equal(conn_head_length(whole, n - 1, n - 2), 0);
    assert_int_equal(conn_head_length(whole, n, n - 1), n);
    /* an offset past the end (the input was replaced) searches it all */
    assert_int_equal(conn_head_length(whole, n, n + 10), n);
}

/* ---- a loop, a listener, clients ----------------------------------------- */

enum { MAX_CLIENTS = 8 };

typedef struct rig {
    h2o_evloop_t *loop;
    h2o_socket_t *listener;
    struct sockaddr_in addr;
    conn_budget budget;
    conn_list list;
    conn_t conns[MAX_CLIENTS];
    int clients[MAX_CLIENTS];
    int nclients;
} rig;

static void on_accept_unused(h2o_socket_t *listener, const char *err) {
    (void)listener;
    (void)err;
}

/* The server side's reads: bytes land in sock->input, as h2o's would. */
static void on_read_keep(h2o_socket_t *sock, const char *err) {
    (void)sock;
    (void)err;
}

static int rig_setup(void **state) {
    rig *r = calloc(1, sizeof *r);
    if (r == NULL) return -1;
    r->loop = h2o_evloop_create();
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    r->addr.sin_family = AF_INET;
    r->addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof r->addr;
    if (fd < 0 || bind(fd, (struct sockaddr *)&r->addr, len) != 0 || listen(fd, 16) != 0 ||
        getsockname(fd, (struct sockaddr *)&r->addr, &len) != 0)
        return -1;
    r->listener = h2o_evloop_socket_create(r->loop, fd, H2O_SOCKET_FLAG_DONT_READ);
    h2o_socket_read_start(r->listener, on_accept_unused);
    r->budget.max = 2;
    atomic_init(&r->budget.open, 0);
    atomic_init(&r->budget.at_limit, false);
    atomic_init(&r->budget.evicted, 0);
    atomic_init(&r->budget.pauses, 0);
    conn_timeouts t = {1000, 1000, 2000, 2000};
    conn_list_init(&r->list, r->loop, &r->budget, &t, r->listener, on_accept_unused);
    for (int i = 0; i < MAX_CLIENTS; i++) r->clients[i] = -1;
    *state = r;
    return 0;
}

static int rig_teardown(void **state) {
    rig *r = *state;
    for (int i = 0; i < MAX_CLIENTS; i++) {
        if (r->conns[i].sock) {
            h2o_socket_t *s = r->conns[i].sock;
            conn_remove(&r->list, &r->conns[i]);
            h2o_socket_close(s);
        }
        if (r->clients[i] >= 0) close(r->clients[i]);
    }
    conn_list_stop(&r->list);
    h2o_timeout_unlink(&r->list.reap_entry);
    h2o_socket_close(r->listener);
    h2o_evloop_run(r->loop, 0);              /* closed sockets are freed here */
    h2o_timeout_dispose(r->loop, &r->list.reap_timeout);
    h2o_timeout_dispose(r->loop, &r->list.resume_timeout);
    h2o_evloop_destroy(r->loop);
    free(r);
    return 0;
}

/* A client connects (the kernel completes it from the listen queue). */
static int client(rig *r) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(fd >= 0);
    assert_int_equal(connect(fd, (struct sockaddr *)&r->addr, sizeof r->addr), 0);
    r->clients[r->nclients] = fd;
    return r->nclients++;
}

/* The server accepts client i's connection, as on_accept would. */
static conn_t *accept_one(rig *r, int i) {
    conn_ticket t;
    h2o_socket_t *s = NULL;
    for (int tries = 0; s == NULL && tries < 50; tries++) {
        s = conn_accept(&r->list, &t);
        if (s == NULL && !r->list.paused) usleep(2000);
        if (r->list.paused) break;
    }
    if (s == NULL) return NULL;
    conn_admit(&r->list, &t, &r->conns[i], s);
    return &r->conns[i];
}

/* Has the server closed client i's connection?  (EOF, or reset.) */
static bool client_sees_close(rig *r, int i, char *got, size_t cap) {
    struct pollfd p = {r->clients[i], POLLIN, 0};
    size_t n = 0;
    while (poll(&p, 1, 200) == 1) {
        ssize_t k = recv(r->clients[i], got + n, cap - 1 - n, 0);
        if (k <= 0) {
            got[n] = '\0';
            return true;
        }
        n += (size_t)k;
        if (n + 1 >= cap) break;
    }
    got[n] = '\0';
    return false;
}

static uint64_t now_ms(rig *r) {
    return h2o_now(r->loop);
}

/* ---- the limit and the choice --------------------------------------------- */

static void at_the_limit_the_oldest_idle_makes_room(void **state) {
    rig *r = *state;
    client(r), client(r), client(r);
    conn_t *a = accept_one(r, 0), *b = accept_one(r, 1);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(atomic_load(&r->budget.open), 2);
    assert_ptr_equal(conn_oldest_idle(&r->list), a);
    /* a's request ends after b's accept: b is now the least recently active */
    conn_request_begin(a, 0x101);
    conn_request_end(&r->list, a);
    assert_ptr_equal(conn_oldest_idle(&r->list), b);
    conn_t *c = accept_one(r, 2);
    assert_non_null(c);
    assert_true(b->closing);
    assert_false(a->closing);
    assert_int_equal(atomic_load(&r->budget.open), 2);  /* b's slot went to c */
    char got[64];
    assert_true(client_sees_close(r, 1, got, sizeof got));
    assert_string_equal(got, "");                        /* quietly */
    assert_false(client_sees_close(r, 0, got, sizeof got));
    assert_true(atomic_load(&r->budget.at_limit));
}

static void none_idle_pauses_until_a_close_or_the_timer(void **state) {
    rig *r = *state;
    client(r), client(r), client(r);
    conn_t *a = accept_one(r, 0), *b = accept_one(r, 1);
    conn_request_begin(a, 0x101);
    conn_request_begin(b, 0x200);
    assert_null(conn_oldest_idle(&r->list));
    assert_null(accept_one(r, 2));
    assert_true(r->list.paused);
    assert_false(h2o_socket_is_reading(r->listener));
    /* the timer polls again after 100 ms; still no room: paused again */
    h2o_evloop_run(r->loop, 150);
    assert_true(h2o_socket_is_reading(r->listener));
    assert_null(accept_one(r, 2));
    assert_true(r->list.paused);
    /* a connection closes: its slot is free and accepting resumes at once */
    conn_request_end(&r->list, b);
    h2o_socket_t *s = b->sock;
    conn_remove(&r->list, b);
    h2o_socket_close(s);
    assert_false(r->list.paused);
    assert_true(h2o_socket_is_reading(r->listener));
    assert_non_null(accept_one(r, 2));
    conn_request_end(&r->list, a);
}

static void out_of_descriptors_pauses_and_frees_an_idle_one(void **state) {
    rig *r = *state;
    r->budget.max = 100;
    client(r), client(r);
    conn_t *a = accept_one(r, 0);
    assert_non_null(a);
    /* the process may open nothing more: the soft limit is the lowest
    ** free descriptor, so accept(2) fails with EMFILE */
    struct rlimit old, low;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
    int lowest = dup(0);
    assert_true(lowest >= 0);
    close(lowest);
    low = (struct rlimit){(rlim_t)lowest, old.rlim_max};
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
    conn_ticket t;
    h2o_socket_t *s = conn_accept(&r->list, &t);
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
    assert_null(s);
    assert_true(r->list.paused);                 /* no spin: the listener rests */
    assert_false(h2o_socket_is_reading(r->listener));
    assert_true(a->closing);                     /* a descriptor is freed */
    assert_int_equal(atomic_load(&r->budget.open), 0);
    /* after 100 ms it polls again and takes the waiting connection */
    h2o_evloop_run(r->loop, 150);
    assert_true(h2o_socket_is_reading(r->listener));
    assert_non_null(accept_one(r, 1));
}

/* ---- timeouts --------------------------------------------------------------- */

static void dribbled_head_gets_408_then_close(void **state) {
    rig *r = *state;
    client(r);
    conn_t *a = accept_one(r, 0);
    h2o_socket_read_start(a->sock, on_read_keep);
    const char part[] = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaa";
    assert_int_equal(send(r->clients[0], part, sizeof part - 1, 0), sizeof part - 1);
    for (int i = 0; i < 20 && a->sock->input->size < sizeof part - 1; i++)
        h2o_evloop_run(r->loop, 10);
    assert_int_equal(a->sock->input->size, sizeof part - 1);
    conn_reap(&r->list, a->active_at + 999);
    assert_false(a->closing);                    /* not yet */
    conn_reap(&r->list, a->active_at + 1000);
    assert_true(a->closing);
    char got[512];
    assert_true(client_sees_close(r, 0, got, sizeof got));
    assert_non_null(strstr(got, "HTTP/1.1 408 Request Timeout\r\n"));
    assert_non_null(strstr(got, "\r\nConnection: close\r\n"));
}

static void slow_body_gets_408_after_the_body_timeout(void **state) {
    rig *r = *state;
    client(r);
    conn_t *a = accept_one(r, 0);
    h2o_socket_read_start(a->sock, on_read_keep);
    const char head[] = "POST /comments HTTP/1.1\r\nContent-Length: 9\r\n\r\nabc";
    assert_int_equal(send(r->clients[0], head, sizeof head - 1, 0), sizeof head - 1);
    for (int i = 0; i < 20 && a->sock->input->size < sizeof head - 1; i++)
        h2o_evloop_run(r->loop, 10);
    uint64_t seen = a->active_at + 500;
    conn_reap(&r->list, seen);                   /* the head's end is seen now */
    assert_true(a->body_at == seen);
    conn_reap(&r->list, seen + 999);
    assert_false(a->closing);
    conn_reap(&r->list, seen + 1000);
    assert_true(a->closing);
    char got[512];
    assert_true(client_sees_close(r, 0, got, sizeof got));
    assert_non_null(strstr(got, "HTTP/1.1 408 "));
}

static void idle_and_silent_connections_close_quietly(void **state) {
    rig *r = *state;
    client(r), client(r);
    conn_t *fresh = accept_one(r, 0), *kept = accept_one(r, 1);
    conn_request_begin(kept, 0x101);
    conn_request_end(&r->list, kept);
    /* a new connection that sent nothing: header_timeout */
    conn_reap(&r->list, fresh->active_at + 1000);
    assert_true(fresh->closing);
    /* a kept-alive one: idle_timeout from its last answer */
    conn_reap(&r->list, kept->active_at + 1999);
    assert_false(kept->closing);
    conn_reap(&r->list, kept->active_at + 2000);
    assert_true(kept->closing);
    char got[64];
    assert_true(client_sees_close(r, 0, got, sizeof got));
    assert_string_equal(got, "");
    assert_true(client_sees_close(r, 1, got, sizeof got));
    assert_string_equal(got, "");
}

static void requests_in_progress_are_never_cut(void **state) {
    rig *r = *state;
    client(r), client(r);
    conn_t *h1 = accept_one(r, 0), *h2 = accept_one(r, 1);
    conn_request_begin(h1, 0x101);
    conn_request_begin(h2, 0x200);
    conn_reap(&r->list, now_ms(r) + 3600 * 1000);
    assert_false(h1->closing);
    assert_false(h2->closing);
    /* HTTP/2 with nothing in progress: closed after idle_timeout, however
    ** busy its frames keep it */
    conn_request_end(&r->list, h2);
    conn_reap(&r->list, h2->active_at + 2000);
    assert_true(h2->closing);
    conn_request_end(&r->list, h1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, rig_setup, rig_teardown)

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(max_for_keeps_the_servers_own_descriptors),
        cmocka_unit_test(timeouts_are_seconds_of_at_least_one),
        cmocka_unit_test(head_length_finds_the_blank_line),
        T(at_the_limit_the_oldest_idle_makes_room),
        T(none_idle_pauses_until_a_close_or_the_timer),
        T(out_of_descriptors_pauses_and_frees_an_idle_one),
        T(dribbled_head_gets_408_then_close),
        T(slow_body_gets_408_after_the_body_timeout),
        T(idle_and_silent_connections_close_quietly),
        T(requests_in_progress_are_never_cut),
    };
    return cmocka_run_group_tests_name("conn", tests, NULL, NULL);
}
