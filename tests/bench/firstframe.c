/* firstframe.c — time from starting the screens to the first complete home frame, on a pty.
 * The frame is complete when the key bar (drawn last, on the bottom line) has been written.
 * With -k KEY (given once or more): after that first frame and once the screen has gone quiet, the keys are
 * typed one by one, each after the output of the one before has gone quiet; what is timed is then the last key,
 * from writing it to the last byte of the frame it draws (the output quiet for QUIET_MS after it). */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Output, one line: "median_ms min_ms max_rss_kib status", as measure.c.
 * status is 0 when every run showed the marker, 1 if one timed out or exited
 * before it (the screens are missing or broke). The child is stopped with
 * SIGTERM once the marker is seen; ncurses then leaves a mess on a pty nobody
 * reads, which is harmless. */

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#define QUIET_MS 250   /* no output for this long after a key: its frame is done */
#define SETTLE_MS 1500 /* no output for this long: the screen has finished what it does on its own */
#define MAX_KEYS 8

static const char *keys[MAX_KEYS];
static int nkeys;

/* Wait up to timeout_ms for output, then read until it has been quiet for quiet_ms; returns the time of the last
 * byte read, or -1 when nothing came. */
static double read_until_quiet(int master, double timeout_ms, int quiet_ms)
{
    double start = now_ms(), last = -1;
    char sink[4096];
    for (;;) {
        double left = timeout_ms - (now_ms() - start);
        if (left <= 0)
            break;
        int wait = last < 0 ? (int)left + 1 : (quiet_ms < left ? quiet_ms : (int)left + 1);
        struct pollfd p = {.fd = master, .events = POLLIN};
        int r = poll(&p, 1, wait);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break; /* quiet (or an error): the frame is done */
        ssize_t n = read(master, sink, sizeof sink);
        if (n <= 0)
            break;
        last = now_ms();
    }
    return last;
}

/* The keys after the first frame: returns ms from the last key to the last byte it drew, or -1. */
static double type_keys(int master, double timeout_ms)
{
    /* What the screen does by itself after its first frame (the 总览's figures) is not timed. */
    char sink[4096];
    for (;;) {
        struct pollfd p = {.fd = master, .events = POLLIN};
        if (poll(&p, 1, SETTLE_MS) <= 0 || read(master, sink, sizeof sink) <= 0)
            break;
    }
    double t = -1;
    for (int i = 0; i < nkeys; i++) {
        size_t len = strlen(keys[i]);
        double t0 = now_ms();
        if (write(master, keys[i], len) != (ssize_t)len)
            return -1;
        double last = read_until_quiet(master, timeout_ms, i + 1 < nkeys ? SETTLE_MS : QUIET_MS);
        t = last < 0 ? -1 : last - t0;
    }
    return t;
}

/* One run: returns ms to the marker (with -k: from the last key to its frame), or -1. */
static double one(char **argv, const char *marker, double timeout_ms, long *rss)
{
    struct winsize ws = {.ws_row = 30, .ws_col = 100};
    int master;
    pid_t pid = forkpty(&master, NULL, NULL, &ws);
    if (pid < 0) {
        perror("firstframe: forkpty");
        exit(2);
    }
    if (pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        execvp(argv[0], argv);
        _exit(127);
    }
    double t0 = now_ms(), found = -1;
    bool answered = false;
    /* Keep a tail of the output so a marker split across reads is still found. */
    static char buf[1 << 16];
    size_t have = 0, mlen = strlen(marker);
    for (;;) {
        double left = timeout_ms - (now_ms() - t0);
        if (left <= 0)
            break;
        struct pollfd p = {.fd = master, .events = POLLIN};
        int r = poll(&p, 1, (int)left + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        ssize_t n = read(master, buf + have, sizeof buf - have - 1);
        if (n <= 0)
            break; /* EIO: the child exited */
        have += (size_t)n;
        buf[have] = '\0';
        /* Answer the screens' cursor-position request (ESC [ 6 n, after one East Asian Ambiguous character: the
         * width probe of tui/screens/app.c) as a terminal drawing it narrow does, at once; without an answer the
         * screens wait 300 ms for one, which no real terminal makes them do. */
        if (!answered && memmem(buf, have, "\033[6n", 4)) {
            answered = true;
            if (write(master, "\033[30;2R", 8) != 8)
                break;
        }
        if (memmem(buf, have, marker, mlen)) {
            found = nkeys ? type_keys(master, timeout_ms) : now_ms() - t0;
            break;
        }
        if (have > sizeof buf / 2) { /* keep a tail as long as the longer of the marker and ESC [ 6 n */
            size_t keep = mlen > 4 ? mlen : 4;
            memmove(buf, buf + have - keep, keep);
            have = keep;
        }
    }
    kill(pid, SIGTERM);
    struct rusage ru;
    int status;
    for (int i = 0; i < 200; i++) {
        pid_t w = wait4(pid, &status, WNOHANG, &ru);
        if (w == pid)
            goto reaped;
        /* Drain so the child never blocks writing to a full pty. */
        char sink[4096];
        struct pollfd p = {.fd = master, .events = POLLIN};
        if (poll(&p, 1, 5) > 0 && read(master, sink, sizeof sink) < 0)
            (void)0;
    }
    kill(pid, SIGKILL);
    wait4(pid, &status, 0, &ru);
reaped:
    close(master);
    if (ru.ru_maxrss > *rss)
        *rss = ru.ru_maxrss;
    return found;
}

int main(int argc, char **argv)
{
    int runs = 5, opt;
    const char *marker = "退出";
    double timeout = 10000;
    while ((opt = getopt(argc, argv, "+n:m:t:k:")) != -1) {
        switch (opt) {
        case 'k':
            if (nkeys == MAX_KEYS)
                return 2;
            keys[nkeys++] = optarg;
            break;
        case 'n': runs = atoi(optarg); break;
        case 'm': marker = optarg; break;
        case 't': timeout = atof(optarg); break;
        default:
            fprintf(stderr, "usage: firstframe [-n runs] [-m marker] [-t timeout_ms] [-k key]… -- cmd args…\n");
            return 2;
        }
    }
    if (optind >= argc || runs < 1 || runs > 1000)
        return 2;
    double *t = calloc((size_t)runs, sizeof *t);
    long rss = 0;
    int bad = 0;
    (void)one(argv + optind, marker, timeout, &rss); /* warm the page cache */
    for (int i = 0; i < runs; i++) {
        t[i] = one(argv + optind, marker, timeout, &rss);
        if (t[i] < 0)
            bad = 1;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    printf("%.3f %.3f %ld %d\n", runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2, t[0], rss, bad);
    free(t);
    return 0;
}
