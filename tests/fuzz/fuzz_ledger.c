/* fuzz_ledger.c — libFuzzer target for the ledger opener (core/store_open.c): whatever the bytes of a file
 * given as a ledger, store_open opens it or refuses it with a message, within its budget, and a refused file
 * keeps its bytes with nothing made beside it. */
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (!(cond))                                                                                                   \
            abort();                                                                                                   \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[128], path[192];

/* Files in dir: the ledger alone before each run; opening may add its -wal, -shm and a
 * migration's copy, which are removed again. The ledger itself is rewritten in place, so
 * it keeps its inode (and the writer lock's descriptor, which lives as long as the process). */
static int clear_dir(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "l.db"))
            continue;
        char p[400];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
        n++;
    }
    if (d)
        closedir(d);
    return n;
}

static int count_dir(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

/* At exit (the replayer's end, or libFuzzer's after -max_total_time or -runs): the scratch folder goes. */
static void remove_dir(void)
{
    clear_dir();
    unlink(path);
    rmdir(dir);
}

static bool same_bytes(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    bool same = true;
    for (size_t i = 0; i < size && same; i++)
        same = fgetc(f) == data[i];
    same = same && fgetc(f) == EOF;
    fclose(f);
    return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        /* tmpfs where there is one: a run writes the file a million times. */
        const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(dir, sizeof dir, "%s/fx-fuzz-ledger-XXXXXX", base);
        if (!mkdtemp(dir))
            abort();
        snprintf(path, sizeof path, "%s/l.db", dir);
        atexit(remove_dir);
    }
    clear_dir();
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return 0;
    CHECK(write(fd, data, size) == (ssize_t)size);
    close(fd);

    /* The last byte picks the way it is opened: for reading (a report, merge's input, restore's
     * backup) or for writing (a save), where an older schema is upgraded. */
    uint8_t last = size ? data[size - 1] : 0;
    int flags = last & 1 ? STORE_READONLY : last & 2 ? STORE_WRITER : 0;
    if (flags == STORE_READONLY && last & 4)
        flags |= STORE_EXACT | STORE_OLDER;
    sqlite3 *db = NULL;
    struct fx_error err;
    fx_clear(&err);
    int rc = store_open(path, flags, &db, &err);
    if (rc) {
        CHECK(db == NULL);
        CHECK(err.code == rc && err.msg[0]);
        CHECK(rc == FX_EINPUT || rc == FX_EFS || rc == FX_ELOCKED || rc == FX_EINTERNAL);
        if (rc == FX_EINPUT) {
            /* Refused as a file: untouched, and alone, but for the copy a failed upgrade keeps
             * (made before it began, and named in the message: store_open.c, upgrade). */
            CHECK(same_bytes(data, size));
            CHECK(count_dir() == 1 + (strstr(err.msg, ".before-v") != NULL));
        }
        return 0;
    }
    /* Opened: its schema is this version's, so what runs is ours; the data may still be damaged. */
    int64_t n = -1;
    store_get_int(db, "SELECT count(*) FROM session", STORE_NO_ARGS, &n, &err);
    store_get_int(db, "SELECT count(*) FROM attendance a JOIN member m ON m.id = a.member_id", STORE_NO_ARGS, &n, &err);
    char check[64];
    store_get_text(db, "PRAGMA quick_check", STORE_NO_ARGS, check, sizeof check, &err);
    store_close(db);
    return 0;
}
