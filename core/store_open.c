/* store_open.c — opening a ledger file without trusting it: hardened connections, the writer lock, the
 * upgrade with its copy, creating, closing, backups and merge inputs. The header check and private copies are
 * store_head.c; the migration files are store_migrate.c. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "member.h"
#include "outfile.h"
#include "paths.h"
#include "pinyin.h"
#include "store_internal.h"

/* ---- hardened connections ----------------------------------------------- */

/* What store knows of one of its connections. It lives as long as the
 * connection: freed by the destructor of the fx_match function registered on
 * it, which SQLite calls when the connection closes, however it is closed. */
struct conn {
    sqlite3 *db;
    int64_t deadline_ms; /* CLOCK_MONOTONIC; a statement still running then is interrupted */
    bool trusted;        /* the schema is proven this version's (store.h, the budget) */
    bool immutable;      /* a read-only medium without a WAL: opened ?immutable=1 */
    int lock;            /* the writer lock taken for it (index in locks[]), or -1 */
    dev_t dev;           /* the file SQLite opened, as it was when opened: a writer lock's */
    ino_t ino;           /* descriptor on it is never closed while this is open (lock_free_slot) */
    char file[4096];     /* the file SQLite reads: the ledger, or its private copy */
    char copy_dir[4096]; /* the private copy's folder, removed with the connection; "" if none */
};

static struct conn *conns[32];

static struct conn *conn_find(sqlite3 *db)
{
    for (size_t i = 0; db && i < sizeof conns / sizeof conns[0]; i++)
        if (conns[i] && conns[i]->db == db)
            return conns[i];
    return NULL;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int on_progress(void *p)
{
    const struct conn *c = p;
    return now_ms() > c->deadline_ms;
}

static int on_trace(unsigned type, void *p, void *stmt, void *x)
{
    (void)stmt;
    struct conn *c = p;
    const char *sql = x;
    /* A trigger program announces itself as "-- TRIGGER name": it is part of
     * the statement that fired it and shares that statement's deadline. */
    if (type == SQLITE_TRACE_STMT && c->trusted && !(sql && sql[0] == '-' && sql[1] == '-'))
        c->deadline_ms = now_ms() + STORE_TRUSTED_MS;
    return 0;
}

static void lock_orphan(int lock);

static void conn_destroy(void *p)
{
    struct conn *c = p;
    for (size_t i = 0; i < sizeof conns / sizeof conns[0]; i++)
        if (conns[i] == c)
            conns[i] = NULL;
    if (c->copy_dir[0])
        store_copy_remove(c->copy_dir); /* SQLite has closed its files by now */
    if (c->lock >= 0)
        lock_orphan(c->lock);
    free(c);
}

/* SQL function fx_match(text, query): pinyin-initial or substring search.
 * SQLITE_DIRECTONLY: no view or trigger in a file can call it. */
static void sql_match(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    const char *query = (const char *)sqlite3_value_text(argv[1]);
    sqlite3_result_int(ctx, pinyin_match(text ? text : "", query ? query : ""));
}

/* SQL function fx_phone(phone, query): 4 or more digits of a phone number, ignoring the
 * spaces and dashes either side writes (pinyin_match_phone): 1381234 finds 138-1234-5678. */
static void sql_phone(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *phone = (const char *)sqlite3_value_text(argv[0]);
    const char *query = (const char *)sqlite3_value_text(argv[1]);
    sqlite3_result_int(ctx, pinyin_match_phone(phone ? phone : "", query ? query : ""));
}

/* SQL function fx_namesake(category, phone): what tells namesakes apart (member_tell_apart). */
static void sql_namesake(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    char out[96];
    member_tell_apart((const char *)sqlite3_value_text(argv[0]), (const char *)sqlite3_value_text(argv[1]), out,
                      sizeof out);
    sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* SQL function fx_sort_key(name): member.sort_key (data/schema/006-member-sort-key.sql) —
 * pinyin_sort_key, "!", then the name, so that equal readings order by the name's bytes ("!" sorts
 * below every letter, and unlike a tab needs no escape in the audit log's JSON). */
static void sql_sort_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *name = (const char *)sqlite3_value_text(argv[0]);
    if (!name || !name[0]) {
        sqlite3_result_text(ctx, "", 0, SQLITE_STATIC); /* before every name: a list's first page starts after it */
        return;
    }
    char key[300];
    pinyin_sort_key(name, key, sizeof key);
    char *out = sqlite3_mprintf("%s!%s", key, name);
    if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_result_text(ctx, out, -1, sqlite3_free);
}

/* Collation PINYIN: names by pinyin, surnames read as surnames (pinyin_collate),
 * for ORDER BY m.name COLLATE PINYIN, m.id. */
static int sql_collate_pinyin(void *arg, int alen, const void *a, int blen, const void *b)
{
    (void)arg;
    return pinyin_collate(a, (size_t)alen, b, (size_t)blen);
}

/* Everything a connection gets before its first statement (store.h). */
static int harden(sqlite3 *db, struct conn *c, struct fx_error *err)
{
    sqlite3_extended_result_codes(db, 1);
    int on = -1, off = -1;
    if (sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on) != SQLITE_OK || on != 1 ||
        sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &off) != SQLITE_OK || off != 0) {
        fx_fail(err, FX_EINTERNAL, "打开账本失败：SQLite 不支持防护模式（需要 3.31 或更新的版本）");
        free(c);
        return FX_EINTERNAL;
    }
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, STORE_MAX_LENGTH);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, STORE_MAX_SQL);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, STORE_MAX_ATTACHED);
    sqlite3_busy_timeout(db, FX_BUSY_TIMEOUT_MS);
    c->db = db;
    c->lock = -1;
    c->deadline_ms = now_ms() + STORE_UNTRUSTED_MS;
    size_t slot = 0;
    while (slot < sizeof conns / sizeof conns[0] && conns[slot])
        slot++;
    if (slot == sizeof conns / sizeof conns[0]) {
        free(c);
        return fx_fail(err, FX_EINTERNAL, "打开账本失败：同时打开的账本太多");
    }
    /* From here c belongs to the connection: the function's destructor frees it. */
    if (sqlite3_create_function_v2(db, "fx_match", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, c,
                                   sql_match, NULL, NULL, conn_destroy) != SQLITE_OK)
        return store_fail(db, sqlite3_errcode(db), err, "打开账本");
    if (sqlite3_create_function_v2(db, "fx_phone", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
                                   sql_phone, NULL, NULL, NULL) != SQLITE_OK ||
        /* Innocuous and not direct-only: the TEMP triggers that keep member.sort_key call it. */
        sqlite3_create_function_v2(db, "fx_sort_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                   sql_sort_key, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function_v2(db, "fx_namesake", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
                                   sql_namesake, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_collation_v2(db, "PINYIN", SQLITE_UTF8, NULL, sql_collate_pinyin, NULL) != SQLITE_OK)
        return store_fail(db, sqlite3_errcode(db), err, "打开账本");
    conns[slot] = c;
    sqlite3_progress_handler(db, 1000, on_progress, c);
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT, on_trace, c);
    return 0;
}

void store_startup(void)
{
    sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Open filename (a URI, or a plain name) and harden the connection. */
static int connect_as(const char *filename, int sqlite_flags, const char *file, sqlite3 **out, struct fx_error *err)
{
    *out = NULL;
    struct conn *c = calloc(1, sizeof *c);
    if (!c)
        return fx_fail(err, FX_EINTERNAL, "打开账本失败：内存不足");
    snprintf(c->file, sizeof c->file, "%s", file);
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(filename, &db, sqlite_flags | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc != SQLITE_OK) {
        free(c);
        int code = store_fail(db, rc, err, "打开账本");
        sqlite3_close(db);
        return code;
    }
    struct stat st;
    if (stat(file, &st) == 0) {
        c->dev = st.st_dev;
        c->ino = st.st_ino;
    }
    if (harden(db, c, err)) {
        sqlite3_close(db);
        return err->code;
    }
    *out = db;
    return 0;
}

int store_connect(const char *filename, int sqlite_flags, sqlite3 **db, struct fx_error *err)
{
    return connect_as(filename, sqlite_flags, filename, db, err);
}

void store_trust(sqlite3 *db)
{
    struct conn *c = conn_find(db);
    if (c) {
        c->trusted = true;
        c->deadline_ms = now_ms() + STORE_TRUSTED_MS;
    }
}

bool store_reads_copy(sqlite3 *db)
{
    const struct conn *c = conn_find(db);
    return c && c->copy_dir[0];
}

/* path as a file: URI, so that '?' and '#' in a name stay part of it and the
 * read-only medium's parameters can follow. */
static char *uri_of(const char *path, const char *params)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendall(s, path[0] == '/' ? "file://" : "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20)
            sqlite3_str_appendf(s, "%%%02X", *p);
        else
            sqlite3_str_appendchar(s, 1, (char)*p);
    }
    if (params)
        sqlite3_str_appendall(s, params);
    return sqlite3_str_finish(s);
}

/* ---- the writer lock (store.h, store_lock_holder) ----------------------- */

struct lock {
    dev_t dev;
    ino_t ino;
    int fd;     /* open until the process ends; -1: a free slot */
    bool held;  /* flock(LOCK_EX) taken */
    bool owned; /* its connection is open (else store_close(NULL) releases it) */
};

static struct lock locks[32];
static bool locks_ready;

static struct lock *lock_slot(dev_t dev, ino_t ino)
{
    if (!locks_ready) {
        for (size_t i = 0; i < sizeof locks / sizeof locks[0]; i++)
            locks[i].fd = -1;
        locks_ready = true;
    }
    for (size_t i = 0; i < sizeof locks / sizeof locks[0]; i++)
        if (locks[i].fd >= 0 && locks[i].dev == dev && locks[i].ino == ino)
            return &locks[i];
    return NULL;
}

static struct lock *lock_free_slot(void)
{
    lock_slot(0, 0);
    for (size_t i = 0; i < sizeof locks / sizeof locks[0]; i++)
        if (locks[i].fd < 0)
            return &locks[i];
    /* All taken (a long session that restored many times): reuse one that is not
     * held and whose file no connection of this process has open, so closing its
     * descriptor drops nobody's locks. */
    for (size_t i = 0; i < sizeof locks / sizeof locks[0]; i++) {
        bool used = locks[i].held;
        for (size_t k = 0; !used && k < sizeof conns / sizeof conns[0]; k++)
            used = conns[k] && conns[k]->dev == locks[i].dev && conns[k]->ino == locks[i].ino;
        if (!used) {
            close(locks[i].fd);
            locks[i].fd = -1;
            return &locks[i];
        }
    }
    return NULL;
}

static void lock_orphan(int lock)
{
    locks[lock].owned = false;
}

static void lock_release(int lock)
{
    if (lock >= 0 && locks[lock].held) {
        flock(locks[lock].fd, LOCK_UN);
        locks[lock].held = false;
        locks[lock].owned = false;
    }
}

long store_lock_holder(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    FILE *f = fopen("/proc/locks", "re");
    if (!f)
        return 0;
    char want[64], line[256];
    snprintf(want, sizeof want, "%02x:%02x:%lu", major(st.st_dev), minor(st.st_dev), (unsigned long)st.st_ino);
    long pid = 0;
    while (!pid && fgets(line, sizeof line, f)) {
        /* "3: FLOCK  ADVISORY  WRITE 9684 fe:00:10985708 0 EOF"; a waiter's line has "->". */
        char kind[16], mode[16], dev[64];
        long p;
        if (strstr(line, "->") || sscanf(line, "%*s %15s %*s %15s %ld %63s", kind, mode, &p, dev) != 4)
            continue;
        if (!strcmp(kind, "FLOCK") && !strcmp(mode, "WRITE") && !strcmp(dev, want))
            pid = p;
    }
    fclose(f);
    return pid;
}

static int lock_busy(const char *path, struct fx_error *err)
{
    long pid = store_lock_holder(path);
    if (pid > 0)
        return fx_fail(err, FX_ELOCKED, "账本正被另一个 fenxiao 使用（进程 %ld），请先关闭它再试", pid);
    return fx_fail(err, FX_ELOCKED, "账本正被另一个 fenxiao 使用，请先关闭它再试");
}

/* Take the writer lock on the file path names; *out is its slot. */
static int lock_take(const char *path, int *out, struct fx_error *err)
{
    for (int tries = 0; tries < 5; tries++) {
        struct stat st;
        if (lstat(path, &st) != 0)
            return fx_fail(err, FX_EFS, "无法打开账本文件 %s：%s", path, outfile_errno_text(errno));
        struct lock *l = lock_slot(st.st_dev, st.st_ino);
        if (l && l->held)
            return fx_fail(err, FX_ELOCKED, "账本 %s 正被另一个连接写入（本程序已打开它写入），不能再打开一次", path);
        if (!l) {
            int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
            if (fd < 0) {
                int e = errno;
                if (e == ELOOP)
                    return fx_fail(err, FX_EFS, "%s 是符号链接，不能作为账本写入；请直接指定它指向的文件", path);
                fx_fail(err, FX_EFS, "无法打开账本文件 %s：%s", path, outfile_errno_text(e));
                fx_detail(err, "open %s: %s", path, strerror(e));
                return FX_EFS;
            }
            struct stat fst;
            if (fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
                close(fd);
                return fx_fail(err, FX_EFS, "%s 不是普通文件，不能作为账本写入", path);
            }
            if (fst.st_uid != geteuid()) {
                /* Another user's -wal and -shm files would be left in their folder, owned by us. */
                close(fd);
                return fx_fail(err, FX_EFS, "账本 %s 属于另一个用户（uid %ld），请以该用户身份写入", path,
                               (long)fst.st_uid);
            }
            l = lock_slot(fst.st_dev, fst.st_ino); /* the path changed between lstat and open */
            if (l) {
                /* Not closed: that could drop SQLite's locks on the file; one descriptor, once. */
                if (l->held)
                    return fx_fail(err, FX_ELOCKED, "账本 %s 正被另一个连接写入（本程序已打开它写入），不能再打开一次",
                                   path);
            } else {
                l = lock_free_slot();
                if (!l)
                    return fx_fail(err, FX_EINTERNAL, "打开账本失败：同时打开的账本太多");
                l->fd = fd;
                l->dev = fst.st_dev;
                l->ino = fst.st_ino;
            }
        }
        /* Wait briefly, as SQLite's busy timeout would, then name the holder. */
        for (int waited = 0; flock(l->fd, LOCK_EX | LOCK_NB) != 0; waited += 100) {
            if (errno != EWOULDBLOCK || waited >= FX_BUSY_TIMEOUT_MS)
                return lock_busy(path, err);
            struct timespec ts = {0, 100 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
        /* Locked: the path must still name this file. A restore renames a new
         * file over the ledger; a lock on the old one protects nothing. */
        struct stat now;
        if (lstat(path, &now) == 0 && now.st_dev == l->dev && now.st_ino == l->ino) {
            l->held = true;
            l->owned = true;
            *out = (int)(l - locks);
            return 0;
        }
        flock(l->fd, LOCK_UN);
    }
    return lock_busy(path, err);
}

/* ---- opening ------------------------------------------------------------ */

static void remove_ledger_files(const char *path)
{
    static const char *const suffix[] = {"", "-journal", "-wal", "-shm"};
    char p[4200];
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

/* "<what><path>：磁盘已满" and the like. */
static int fs_refusal(struct fx_error *err, const char *what, const char *path, int e)
{
    fx_fail(err, FX_EFS, "%s%s：%s", what, path, outfile_errno_text(e));
    fx_detail(err, "%s: %s", path, strerror(e));
    return FX_EFS;
}

/* A new ledger file, 0600 whatever the umask (SQLite gives its -wal and -shm
 * the same mode), its folder 0700. */
static int create_file(const char *path, struct fx_error *err)
{
    char dir[4096];
    paths_dirname(dir, sizeof dir, path);
    if (paths_mkdir_p(dir, 0700, err))
        return err->code;
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return fx_fail(err, FX_EINPUT, "账本文件已存在：%s（不会覆盖）", path);
        return fs_refusal(err, "无法创建账本文件 ", path, errno);
    }
    close(fd);
    return 0;
}

/* Open path as SQLite, read-only or not; on a read-only medium where SQLite
 * cannot make the -shm file it needs, read it as immutable when there is no
 * WAL beside it, else through a private copy with the WAL replayed: never
 * without the WAL, which would show older data. *appid and *version come from
 * SQL, so a committed WAL counts. */
static int open_ledger(const char *path, bool ro, sqlite3 **out, int64_t *appid, int64_t *version, struct fx_error *err)
{
    char *uri = uri_of(path, NULL);
    int rc = uri ? connect_as(uri, ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, path, out, err)
                 : fx_fail(err, FX_EINTERNAL, "打开账本失败：内存不足");
    sqlite3_free(uri);
    if (rc)
        return rc;
    rc = store_get_int(*out, "PRAGMA application_id", STORE_NO_ARGS, appid, err);
    int code = rc ? sqlite3_extended_errcode(*out) : SQLITE_OK;
    if (!rc || !ro ||
        ((code & 0xff) != SQLITE_CANTOPEN && (code & 0xff) != SQLITE_READONLY && (code & 0xff) != SQLITE_BUSY))
        return rc ? rc : store_get_int(*out, "PRAGMA user_version", STORE_NO_ARGS, version, err);
    sqlite3_close(*out);
    *out = NULL;
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", path);
    struct stat st;
    if (lstat(wal, &st) == 0) {
        char dir[4096], file[4200];
        if ((rc = store_copy_make(path, dir, sizeof dir, file, sizeof file, err)) != 0)
            return rc;
        if ((rc = connect_as(file, SQLITE_OPEN_READWRITE, file, out, err)) != 0) {
            store_copy_remove(dir);
            return rc;
        }
        struct conn *c = conn_find(*out);
        snprintf(c->copy_dir, sizeof c->copy_dir, "%s", dir);
        sqlite3_exec(*out, "PRAGMA query_only = ON", NULL, NULL, NULL);
    } else {
        char *imm = uri_of(path, "?mode=ro&immutable=1");
        rc = imm ? connect_as(imm, SQLITE_OPEN_READONLY, path, out, err)
                 : fx_fail(err, FX_EINTERNAL, "打开账本失败：内存不足");
        sqlite3_free(imm);
        if (rc)
            return rc;
        conn_find(*out)->immutable = true;
    }
    if ((rc = store_get_int(*out, "PRAGMA application_id", STORE_NO_ARGS, appid, err)) != 0 ||
        (rc = store_get_int(*out, "PRAGMA user_version", STORE_NO_ARGS, version, err)) != 0)
        return rc;
    return 0;
}

/* The checks every existing ledger passes once open: application_id and
 * user_version as SQL reads them (a committed WAL included), then the schema
 * against this version's (store.h, Expected schema). */
static int vet(sqlite3 *db, const char *path, int current, int flags, const struct store_hooks *hooks, int64_t *have,
               struct fx_error *err)
{
    int64_t appid = -1;
    int rc = store_get_int(db, "PRAGMA application_id", STORE_NO_ARGS, &appid, err);
    if (!rc)
        rc = store_get_int(db, "PRAGMA user_version", STORE_NO_ARGS, have, err);
    if (rc)
        return rc;
    if (appid != FX_APPLICATION_ID || *have < 1)
        return fx_fail(err, FX_EINPUT, "%s 不是 fenxiao 账本文件。什么也没有写入", path);
    if (*have > current)
        return fx_fail(err, FX_EINPUT, "账本 %s 由较新版本的 fenxiao 创建（版本 %lld），请升级程序", path,
                       (long long)*have);
    if ((rc = store_schema_reference((int)*have, hooks, err)) != 0)
        return rc;
    return store_schema_check(db, "main", (int)*have, !(flags & STORE_READONLY), flags & STORE_EXACT, path, err);
}

/* <ledger>.before-vNNN-YYYYMMDD-HHMMSS, a new name (-2, -3 … within one second). */
static int migration_backup(sqlite3 *db, const char *path, int to, char *out, size_t outsz, struct fx_error *err)
{
    struct tm tm;
    date_now(&tm);
    int rc = FX_EINPUT;
    for (int n = 1; n <= 99 && rc == FX_EINPUT; n++) {
        int len = snprintf(out, outsz, "%s.before-v%d-%04d%02d%02d-%02d%02d%02d", path, to, tm.tm_year + 1900,
                           tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        if (n > 1 && len > 0 && (size_t)len < outsz)
            snprintf(out + len, outsz - (size_t)len, "-%d", n);
        struct stat st;
        if (lstat(out, &st) == 0)
            continue;
        fx_clear(err);
        rc = store_backup(db, out, false, err);
        /* Only a name taken meanwhile is cured by the next name; a copy that failed for any other reason
         * (a damaged ledger) would fail 98 more times (found by fuzz_ledger: seconds on a crafted file). */
        if (rc != FX_EINPUT || lstat(out, &st) != 0)
            break;
    }
    return rc;
}

/* An upgrade through a step that shrinks many rows in place (schema 13 made the roll-call audit records
 * compact) leaves that space inside the file's pages; give it back once. VACUUM is one transaction of its own:
 * if it cannot finish (a full disk, another reader), the ledger stays as the upgrade committed it, only larger. */
static void compact_after_upgrade(sqlite3 *db, int64_t have, int current, const struct store_hooks *hooks)
{
    bool compact = false;
    for (int k = 0; hooks && k < hooks->nsteps; k++)
        if (hooks->steps[k].compact && hooks->steps[k].version > have && hooks->steps[k].version <= current)
            compact = true;
    if (compact)
        store_compact(db);
}

int store_compact(sqlite3 *db)
{
    if (!sqlite3_get_autocommit(db)) /* inside a caller's transaction: VACUUM cannot run there */
        return SQLITE_BUSY;
    int rc = sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    return rc;
}

/* Bring an existing ledger from version have to current (store.h, Migrations). */
static int upgrade(sqlite3 *db, const char *path, int64_t have, int current, const struct store_hooks *hooks,
                   struct fx_error *err)
{
    char backup[4200];
    if (migration_backup(db, path, current, backup, sizeof backup, err)) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        fx_fail(err, err->code, "升级账本结构前备份失败，账本没有升级，也没有改动：%s", why);
        return err->code;
    }
    int rc = store_begin(db, err);
    int64_t now = have;
    /* Another copy may have upgraded it while this one made its backup. */
    if (!rc)
        rc = store_get_int(db, "PRAGMA user_version", STORE_NO_ARGS, &now, err);
    if (!rc && now >= current) {
        store_rollback(db);
        unlink(backup);
        return 0;
    }
    if (!rc)
        rc = store_run_migrations(db, (int)now, current, hooks, err);
    if (!rc && hooks && hooks->seed)
        rc = hooks->seed(db, err);
    rc = store_end(db, rc, err);
    if (rc) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        fx_fail(err, rc, "升级账本结构（版本 %lld → %d）失败：%s。账本没有改动；升级前的副本在 %s", (long long)have,
                current, why, backup);
    } else {
        compact_after_upgrade(db, now, current, hooks);
    }
    return rc;
}

/* A new ledger: the whole schema, its identity and its seed data in one
 * transaction, written in rollback-journal mode so the file's own header
 * says "fenxiao ledger" from the first commit (a reader's header check never
 * depends on a WAL). WAL is switched on afterwards. */
static int create_schema(sqlite3 *db, int current, const struct store_hooks *hooks, struct fx_error *err)
{
    int rc = store_exec_sql(db, "PRAGMA synchronous = FULL", "新建账本", err);
    if (!rc)
        rc = store_begin(db, err);
    if (rc)
        return rc;
    rc = store_run_migrations(db, 0, current, hooks, err);
    if (!rc) {
        char pragma[64]; /* a pragma takes no parameters */
        snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d", FX_APPLICATION_ID);
        rc = store_exec_sql(db, pragma, "新建账本", err);
    }
    if (!rc && hooks && hooks->seed)
        rc = hooks->seed(db, err);
    return store_end(db, rc, err);
}

/* A writer keeps member.sort_key (006-member-sort-key.sql) for every row it inserts or renames, whoever
 * writes it (member_save, import, merge, demo); store.c (at store_begin) gives one to rows other tools wrote. */
static int keep_sort_keys(sqlite3 *db, struct fx_error *err)
{
    /* A ledger whose schema stops before 6 (a data folder of an older schema, as the migration tests make
     * their old ledgers) has no column to keep. */
    bool have = false;
    int rc = store_exists(db, "SELECT 1 FROM pragma_table_info('member', 'main') WHERE name = 'sort_key'",
                          STORE_NO_ARGS, &have, err);
    if (rc || !have)
        return rc;
    return store_exec_sql(db,
                    "CREATE TEMP TRIGGER IF NOT EXISTS member_sort_key_insert AFTER INSERT ON main.member "
                    "BEGIN UPDATE member SET sort_key = fx_sort_key(NEW.name) WHERE id = NEW.id; END; "
                    "CREATE TEMP TRIGGER IF NOT EXISTS member_sort_key_rename AFTER UPDATE OF name ON main.member "
                    "BEGIN UPDATE member SET sort_key = fx_sort_key(NEW.name) WHERE id = NEW.id; END;",
                    "打开账本", err);
}

int store_open_with(const char *path, int flags, const struct store_hooks *hooks, sqlite3 **out, struct fx_error *err)
{
    *out = NULL;
    int current = store_schema_version(err);
    if (current < 0)
        return err->code;
    bool ro = flags & STORE_READONLY;
    bool created = false;
    struct head h = {.kind = HEAD_EMPTY};
    struct stat st;
    if (lstat(path, &st) == 0) {
        if (flags & STORE_NEW)
            return fx_fail(err, FX_EINPUT, "账本文件已存在：%s（不会覆盖）", path);
        if (S_ISLNK(st.st_mode))
            return fx_fail(err, FX_EFS, "%s 是符号链接；账本不通过符号链接打开，请直接指定它指向的文件", path);
        if (S_ISDIR(st.st_mode))
            return fx_fail(err, FX_EFS, "%s 是目录，不是账本文件", path);
        if (!S_ISREG(st.st_mode))
            return fx_fail(err, FX_EINPUT, "%s 不是普通文件（设备、管道或套接字），不是 fenxiao 账本", path);
        unsigned char b[100];
        int64_t size = 0;
        int rc = store_head_read(path, b, &size);
        if (rc != SQLITE_OK)
            return fs_refusal(err, "无法读取账本文件 ", path, errno ? errno : EIO);
        store_head_classify(b, size, current, &h);
        if (h.kind == HEAD_EMPTY || (h.appid == 0 && h.version == 0 && h.kind != HEAD_NOT_SQLITE))
            store_head_probe_wal(path, current, &h);
        if (store_head_refuse(&h, path, err))
            return err->code;
    } else if (errno != ENOENT) {
        return fs_refusal(err, "无法打开账本文件 ", path, errno);
    } else if (!(flags & STORE_CREATE) || ro) {
        return fx_fail(err, FX_EFS, "账本文件不存在：%s。请先运行 fenxiao init 或 fenxiao demo", path);
    } else {
        if (create_file(path, err))
            return err->code;
        created = true;
    }

    int lock = -1;
    if (flags & STORE_WRITER && !ro && lock_take(path, &lock, err)) {
        if (created)
            remove_ledger_files(path);
        return err->code;
    }
    sqlite3 *db = NULL;
    int64_t appid = -1, have = -1;
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", path);
    struct stat wst;
    int rc = 0;
    if (!created && ro && h.wal && lstat(wal, &wst) != 0) {
        /* A WAL-mode file with no WAL beside it gets -wal and -shm files at its
         * first read. A writing connection that refuses it takes them away again
         * as it closes (SQLite deletes both once its close gets the file's
         * exclusive lock); a read-only one cannot, so it checks the file first as
         * immutable, and what passes is checked again once really open. Writers
         * read the schema once: a save at county scale pays for one parse. */
        char *imm = uri_of(path, "?mode=ro&immutable=1");
        rc = imm ? connect_as(imm, SQLITE_OPEN_READONLY, path, &db, err)
                 : fx_fail(err, FX_EINTERNAL, "打开账本失败：内存不足");
        sqlite3_free(imm);
        if (!rc)
            rc = vet(db, path, current, flags, hooks, &have, err);
        sqlite3_close(db);
        db = NULL;
    }
    if (!rc)
        rc = open_ledger(path, ro, &db, &appid, &have, err);
    if (!rc && !created)
        rc = vet(db, path, current, flags, hooks, &have, err);
    if (!rc) {
        store_trust(db);
        if (lock >= 0) {
            conn_find(db)->lock = lock;
            lock = -1;
        }
    }
    if (!rc && created)
        rc = create_schema(db, current, hooks, err);
    else if (!rc && !ro && have < current)
        rc = upgrade(db, path, have, current, hooks, err);
    else if (!rc && ro && have != current && !(flags & STORE_OLDER))
        rc = fx_fail(err, FX_EINPUT, "账本 %s 的版本（%lld）与程序不符，请以读写方式打开一次以升级", path,
                     (long long)have);
    if (!rc && !ro)
        rc = store_exec_sql(db, "PRAGMA journal_mode = WAL", "打开账本", err);
    if (!rc && !ro)
        rc = store_exec_sql(db, "PRAGMA synchronous = FULL", "打开账本", err);
    if (!rc)
        rc = store_exec_sql(db, "PRAGMA foreign_keys = ON", "打开账本", err);
    if (!rc && !ro)
        rc = keep_sort_keys(db, err);
    if (rc) {
        /* The lock is the connection's once trusted; before that (a file refused by vet) still lock. */
        int taken = db && conn_find(db) && conn_find(db)->lock >= 0 ? conn_find(db)->lock : lock;
        store_tx_forget(db);
        sqlite3_close(db);
        lock_release(taken);
        if (created)
            remove_ledger_files(path);
        return err->code ? err->code : rc;
    }
    outfile_protect_ledger(path); /* no report or export may be written over it */
    *out = db;
    return 0;
}

void store_close(sqlite3 *db)
{
    if (!db) {
        for (size_t i = 0; i < sizeof locks / sizeof locks[0]; i++)
            if (locks[i].fd >= 0 && locks[i].held && !locks[i].owned)
                lock_release((int)i);
        return;
    }
    struct conn *c = conn_find(db);
    int lock = c ? c->lock : -1;
    struct stat st;
    if (lock >= 0 && fstat(locks[lock].fd, &st) == 0 && st.st_nlink > 1) {
        /* Another name of this file has its own -wal: leave nothing in ours
         * for the next writer, who may come through that name. */
        sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    }
    store_tx_forget(db); /* closing inside a transaction rolls it back */
    sqlite3_close(db);
    lock_release(lock);
}

/* ---- backups ------------------------------------------------------------ */

int store_backup(sqlite3 *src, const char *dest, bool replace, struct fx_error *err)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", dest, (long)getpid());
    remove_ledger_files(tmp);
    int fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return fs_refusal(err, "备份失败：无法写入 ", tmp, errno);
    close(fd);
    sqlite3 *out = NULL;
    int code = store_connect(tmp, SQLITE_OPEN_READWRITE, &out, err);
    if (!code) {
        store_trust(out); /* our own new file */
        int rc;
        sqlite3_backup *b = sqlite3_backup_init(out, "main", src, "main");
        if (!b) {
            rc = sqlite3_errcode(out);
        } else {
            do {
                rc = sqlite3_backup_step(b, 256);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                    sqlite3_sleep(50);
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            sqlite3_backup_finish(b);
            if (rc == SQLITE_DONE)
                rc = sqlite3_errcode(out);
        }
        /* A copy is one file, whatever the journal mode of what it copies. */
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            code = store_fail(out, rc, err, "备份");
    }
    sqlite3_close(out);
    if (!code) {
        int dfd = open(tmp, O_RDONLY | O_CLOEXEC);
        if (dfd >= 0) {
            if (fsync(dfd) != 0)
                code = fs_refusal(err, "备份失败：无法写入 ", dest, errno);
            close(dfd);
        }
    }
    if (!code) {
        if (replace) {
            if (rename(tmp, dest) != 0)
                code = fs_refusal(err, "恢复失败：无法替换 ", dest, errno);
        } else if (link(tmp, dest) != 0) {
            /* link() never replaces a file that exists: a backup is always a new name. */
            int e = errno;
            struct stat st;
            if (e == EEXIST)
                code = fx_fail(err, FX_EINPUT, "备份文件已存在：%s（不会覆盖）", dest);
            else if ((e == EPERM || e == ENOTSUP || e == EOPNOTSUPP) && lstat(dest, &st) != 0 && rename(tmp, dest) == 0)
                code = 0; /* a file system without hard links */
            else
                code = fs_refusal(err, "备份失败：无法写入 ", dest, e);
        }
    }
    remove_ledger_files(tmp);
    return code;
}

/* ---- a merge input, attached ------------------------------------------- */

int store_attach_source(sqlite3 *db, sqlite3 *src, struct fx_error *err)
{
    const struct conn *s = conn_find(src);
    if (!s)
        return fx_fail(err, FX_EINTERNAL, "打开要合并的账本失败：内部错误（未经 store_open 打开）");
    char *uri = uri_of(s->file, s->immutable ? "?mode=ro&immutable=1" : "?mode=ro");
    if (!uri)
        return fx_fail(err, FX_EINTERNAL, "打开要合并的账本失败：内存不足");
    sqlite3_stmt *st;
    int rc = store_prepare(db, "ATTACH ?1 AS src", &st, err);
    if (!rc) {
        sqlite3_bind_text(st, 1, uri, -1, SQLITE_TRANSIENT);
        int s2 = sqlite3_step(st);
        sqlite3_finalize(st);
        if (s2 != SQLITE_DONE)
            rc = store_fail(db, s2, err, "打开要合并的账本");
    }
    sqlite3_free(uri);
    if (rc)
        return rc;
    /* The file could have changed since src was checked: check what is attached. */
    int64_t version = -1;
    rc = store_get_int(db, "PRAGMA src.user_version", STORE_NO_ARGS, &version, err);
    if (!rc && version != store_schema_version(NULL))
        rc = fx_fail(err, FX_EINPUT, "%s 的版本（%lld）与程序不符，不能合并", s->file, (long long)version);
    if (!rc)
        rc = store_schema_check(db, "src", (int)version, false, false, s->file, err);
    if (rc)
        store_detach_source(db);
    return rc;
}

void store_detach_source(sqlite3 *db)
{
    sqlite3_exec(db, "DETACH src", NULL, NULL, NULL);
}
