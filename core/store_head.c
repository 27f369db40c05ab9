/* store_head.c — a ledger file looked at before anything is written: its first 100 bytes read through SQLite's
 * VFS and classified (ours, empty, not SQLite, another program's, newer), and the private copy through which a
 * ledger on a read-only medium is read with its committed WAL. Used by store_open.c. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "paths.h"
#include "store_internal.h"
#include "text.h"

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The first 100 bytes of path, read through SQLite's own VFS: its unix VFS
 * keeps one record per file, so this read never closes a descriptor under a
 * connection of this process and so never drops the POSIX locks SQLite holds
 * on the ledger (a plain open and close would). */
int store_head_read(const char *path, unsigned char buf[100], int64_t *size)
{
    sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
    if (!vfs)
        return SQLITE_ERROR;
    int n = vfs->mxPathname + 1;
    char *full = sqlite3_malloc(n);
    sqlite3_file *f = sqlite3_malloc(vfs->szOsFile);
    sqlite3_filename name = NULL;
    int rc = full && f ? vfs->xFullPathname(vfs, path, n, full) : SQLITE_NOMEM;
    if ((rc & 0xff) == SQLITE_OK) {
        char *j = sqlite3_mprintf("%s-journal", full), *w = sqlite3_mprintf("%s-wal", full);
        name = j && w ? sqlite3_create_filename(full, j, w, 0, NULL) : NULL;
        sqlite3_free(j);
        sqlite3_free(w);
        rc = name ? SQLITE_OK : SQLITE_NOMEM;
    }
    if (rc == SQLITE_OK) {
        memset(f, 0, (size_t)vfs->szOsFile);
        int got = 0;
        rc = vfs->xOpen(vfs, name, f, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READONLY, &got);
        if (rc == SQLITE_OK) {
            sqlite3_int64 sz = 0;
            memset(buf, 0, 100);
            rc = f->pMethods->xFileSize(f, &sz);
            *size = sz;
            if (rc == SQLITE_OK && sz > 0)
                rc = f->pMethods->xRead(f, buf, sz < 100 ? (int)sz : 100, 0);
            if (rc == SQLITE_IOERR_SHORT_READ)
                rc = SQLITE_OK;
            f->pMethods->xClose(f);
        }
    }
    sqlite3_free_filename(name);
    sqlite3_free(f);
    sqlite3_free(full);
    return rc;
}

void store_head_classify(const unsigned char *b, int64_t size, int current, struct head *h)
{
    h->size = size;
    h->appid = h->version = 0;
    h->wal = false;
    if (size == 0) {
        h->kind = HEAD_EMPTY;
        return;
    }
    if (size < 100 || memcmp(b, "SQLite format 3", 16) != 0) {
        h->kind = HEAD_NOT_SQLITE;
        return;
    }
    h->appid = be32(b + 68);
    h->version = be32(b + 60);
    h->wal = b[18] == 2 || b[19] == 2;
    if (h->appid != FX_APPLICATION_ID)
        h->kind = HEAD_FOREIGN;
    else if (h->version == 0)
        h->kind = HEAD_NO_VERSION;
    else if (h->version > (uint32_t)current)
        h->kind = HEAD_NEWER;
    else
        h->kind = HEAD_LEDGER;
}

int store_head_refuse(const struct head *h, const char *path, struct fx_error *err)
{
    switch (h->kind) {
    case HEAD_EMPTY: return fx_fail(err, FX_EINPUT, "%s 是空文件（0 字节），不是 fenxiao 账本。什么也没有写入", path);
    case HEAD_NOT_SQLITE:
        return fx_fail(err, FX_EINPUT, "%s 不是 fenxiao 账本文件（不是 SQLite 数据库）。什么也没有写入", path);
    case HEAD_FOREIGN:
        return fx_fail(err, FX_EINPUT, "%s 不是 fenxiao 账本文件（是其他程序的数据库）。什么也没有写入", path);
    case HEAD_NO_VERSION:
        return fx_fail(err, FX_EINPUT, "%s 不是 fenxiao 账本文件（没有结构版本号）。什么也没有写入", path);
    case HEAD_NEWER:
        return fx_fail(err, FX_EINPUT, "账本 %s 由较新版本的 fenxiao 创建（版本 %u），请升级程序", path,
                       (unsigned)h->version);
    case HEAD_LEDGER: break;
    }
    return 0;
}

/* ---- private copies, for a read-only medium ----------------------------- */

void store_copy_remove(const char *dir)
{
    static const char *const names[] = {"ledger.db", "ledger.db-wal", "ledger.db-shm", "ledger.db-journal"};
    char p[4200];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* Copy one regular file; errno is kept for the caller on failure. */
static int copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (in < 0)
        return -1;
    struct stat st;
    if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(in);
        errno = EINVAL;
        return -1;
    }
    int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (out < 0) {
        int e = errno;
        close(in);
        errno = e;
        return -1;
    }
    char buf[1 << 16];
    ssize_t n;
    int rc = 0;
    while ((n = read(in, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = -1;
            break;
        }
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(out, buf + done, (size_t)(n - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                rc = -1;
                break;
            }
            done += w;
        }
        if (rc)
            break;
    }
    int e = errno;
    close(in);
    if (close(out) != 0 && !rc) {
        rc = -1;
        e = errno;
    }
    errno = e;
    return rc;
}

/* The ledger at path and its WAL, copied into a new private folder (0700)
 * under $TMPDIR, so SQLite can replay the WAL there when the ledger's own
 * folder cannot take a -shm file. A plain read: this is only done for files
 * no connection of this process writes (a read-only medium, a merge input). */
int store_copy_make(const char *path, char *dir, size_t dirsz, char *file, size_t filesz, struct fx_error *err)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, dirsz, "%s/fenxiao-copy-XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        int e = errno;
        fx_fail(err, FX_EFS, "读取只读介质上的账本需要一个临时副本，但无法建立临时文件夹：%s", outfile_errno_text(e));
        fx_detail(err, "mkdtemp %s: %s", dir, strerror(e));
        dir[0] = '\0';
        return FX_EFS;
    }
    snprintf(file, filesz, "%s/ledger.db", dir);
    char from[4200], to[4200];
    snprintf(from, sizeof from, "%s-wal", path);
    snprintf(to, sizeof to, "%s-wal", file);
    struct stat st;
    bool wal = lstat(from, &st) == 0;
    if (copy_file(path, file) != 0 || (wal && copy_file(from, to) != 0)) {
        int e = errno;
        store_copy_remove(dir);
        dir[0] = '\0';
        fx_fail(err, FX_EFS, "无法读取账本 %s 或它的日志文件（-wal）：%s。为免显示旧数据，没有打开它", path,
                outfile_errno_text(e));
        fx_detail(err, "copy %s: %s", path, strerror(e));
        return FX_EFS;
    }
    return 0;
}

/* A main file that does not (yet) say "ledger" while a WAL beside it holds
 * data: a ledger whose creator stopped before its first checkpoint (release
 * 0.1.0 created ledgers in WAL mode). Its header is read from a private copy
 * with the WAL replayed; the original is not touched. */
void store_head_probe_wal(const char *path, int current, struct head *h)
{
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", path);
    struct stat st;
    if (lstat(wal, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 32)
        return;
    struct fx_error e;
    char dir[4096], file[4200];
    if (store_copy_make(path, dir, sizeof dir, file, sizeof file, &e))
        return;
    sqlite3 *db;
    if (store_connect(file, SQLITE_OPEN_READWRITE, &db, &e) == 0) {
        int64_t appid = 0, version = 0;
        if (!store_get_int(db, "PRAGMA application_id", STORE_NO_ARGS, &appid, &e) &&
            !store_get_int(db, "PRAGMA user_version", STORE_NO_ARGS, &version, &e) && appid == FX_APPLICATION_ID &&
            version >= 1 && version <= current) {
            h->kind = HEAD_LEDGER;
            h->appid = (uint32_t)appid;
            h->version = (uint32_t)version;
        }
        sqlite3_close(db);
    }
    store_copy_remove(dir);
}
