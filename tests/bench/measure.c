/* measure.c — runs one command N times and prints its median wall time and peak memory.
 * Used by run.sh for both fenxiao and the sqlite3 reference, so both are timed the same way. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Output, one line: "median_ms min_ms max_rss_kib status". The peak resident
 * memory comes from wait4's rusage of the child itself (not of a shell around
 * it), the same number /usr/bin/time -f %M prints. status is the first
 * non-zero exit status seen, or 0. */

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Before every run, a fresh copy of a ledger: dst (and its -wal, -shm) replaced
 * by src. A copy in C rather than a shell command: nothing here needs a shell. */
static int fresh_copy(const char *spec)
{
    char src[4096], dst[4096];
    const char *colon = strchr(spec, ':');
    if (!colon || (size_t)(colon - spec) >= sizeof src)
        return -1;
    snprintf(src, sizeof src, "%.*s", (int)(colon - spec), spec);
    snprintf(dst, sizeof dst, "%s", colon + 1);
    static const char *const sides[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%s%s", dst, sides[i]);
        unlink(p);
    }
    int in = open(src, O_RDONLY), out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int rc = in >= 0 && out >= 0 ? 0 : -1;
    char buf[1 << 16];
    ssize_t n;
    while (!rc && (n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n)
            rc = -1;
    if (in >= 0)
        close(in);
    /* On disk before the clock starts: a copy still being written back would
     * slow the fsyncs of the run that follows, a cost of the copy, not of it. */
    if (out >= 0 && !rc && fsync(out) != 0)
        rc = -1;
    if (out >= 0 && close(out) != 0)
        rc = -1;
    return rc;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Run argv with stdin from in (or /dev/null), stdout to /dev/null, stderr to errlog;
 * returns the wait status and fills *ru. */
static int run(char **argv, const char *in, const char *errlog, struct rusage *ru)
{
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        exit(2);
    }
    if (pid == 0) {
        int fd = open(in ? in : "/dev/null", O_RDONLY);
        if (fd < 0) {
            perror(in);
            _exit(127);
        }
        dup2(fd, 0);
        int out = open("/dev/null", O_WRONLY);
        dup2(out, 1);
        int err = open(errlog ? errlog : "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0600);
        dup2(err, 2);
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    int status;
    while (wait4(pid, &status, 0, ru) < 0)
        if (errno != EINTR) {
            perror("measure: wait4");
            exit(2);
        }
    return status;
}

int main(int argc, char **argv)
{
    int runs = 5, warmup = 1, opt;
    const char *prep = NULL, *in = NULL, *errlog = NULL;
    while ((opt = getopt(argc, argv, "+n:w:p:i:e:")) != -1) {
        switch (opt) {
        case 'n': runs = atoi(optarg); break;
        case 'w': warmup = atoi(optarg); break;
        case 'p': prep = optarg; break;  /* SRC:DST — copy a ledger, untimed, before every run */
        case 'i': in = optarg; break;    /* stdin of the command */
        case 'e': errlog = optarg; break;
        default:
            fprintf(stderr, "usage: measure [-n runs] [-w warmup] [-p SRC:DST] [-i stdin] [-e stderr-log] -- cmd args…\n");
            return 2;
        }
    }
    if (optind >= argc || runs < 1 || runs > 1000) {
        fprintf(stderr, "measure: no command\n");
        return 2;
    }
    double *t = calloc((size_t)runs, sizeof *t);
    long maxrss = 0;
    int bad = 0;
    for (int i = -warmup; i < runs; i++) {
        if (prep && fresh_copy(prep) != 0) {
            fprintf(stderr, "measure: preparation failed: %s\n", prep);
            return 2;
        }
        struct rusage ru;
        double t0 = now_ms();
        int st = run(argv + optind, in, errlog, &ru);
        double t1 = now_ms();
        int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        if (code && !bad)
            bad = code;
        if (ru.ru_maxrss > maxrss)
            maxrss = ru.ru_maxrss;
        if (i >= 0)
            t[i] = t1 - t0;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    double med = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    printf("%.3f %.3f %ld %d\n", med, t[0], maxrss, bad);
    free(t);
    return 0;
}
