/* maint.c — backups, restore, verify and year close.
 * Everything here writes through temp files and renames, never in place. */
#define _GNU_SOURCE
#include "maint.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "paths.h"
#include "store.h"

static int fs_fail(struct fx_error *err, const char *what, const char *path, int e)
{
    fx_fail(err, FX_EFS, "%s失败：%s（%s）", what, path,
            e == ENOSPC ? "磁盘已满" : e == EACCES || e == EPERM ? "没有权限" : e == EROFS ? "只读文件系统" :
            e == ENOENT ? "目录不存在" : "文件系统拒绝");
    fx_detail(err, "%s: %s", path, strerror(e));
    return FX_EFS;
}

/* Copy from one open database into dest via a temp name: a new file (never
 * replacing one) unless replace, which only restore asks for. */
static int backup_to(sqlite3 *src, const char *dest, bool replace, struct fx_error *err)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", dest, (long)getpid());
    unlink(tmp);
    int fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return fs_fail(err, "备份", tmp, errno);
    close(fd);
    sqlite3 *out = NULL;
    int rc = sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
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
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    int code = rc == SQLITE_OK ? 0 : store_fail(out, rc, err, "备份");
    sqlite3_close(out);
    if (!code) {
        int dfd = open(tmp, O_RDONLY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        /* link() never replaces a file that exists: a backup is always a new name. */
        if (replace) {
            if (rename(tmp, dest) != 0)
                code = fs_fail(err, "恢复", dest, errno);
        } else if (link(tmp, dest) != 0) {
            int e = errno;
            struct stat st;
            if (e == EEXIST)
                code = fx_fail(err, FX_EINPUT, "备份文件已存在：%s（不会覆盖）", dest);
            else if ((e == EPERM || e == ENOTSUP || e == EOPNOTSUPP) && lstat(dest, &st) != 0 && rename(tmp, dest) == 0)
                code = 0; /* a file system without hard links */
            else
                code = fs_fail(err, "备份", dest, e);
        }
    }
    unlink(tmp);
    return code;
}

int maint_backup(sqlite3 *db, const char *dest, struct fx_error *err)
{
    return backup_to(db, dest, false, err);
}

void maint_backup_dir(const char *ledger_path, char *out, size_t outsz)
{
    char dir[4096];
    paths_dirname(dir, sizeof dir, ledger_path);
    paths_join(out, outsz, dir, "backups");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int maint_auto_backup(sqlite3 *db, const char *dir, int keep, int *made, struct fx_error *err)
{
    if (made)
        *made = 0;
    if (keep <= 0)
        return 0;
    if (paths_mkdir_p(dir, 0700, err))
        return err->code;
    struct tm tm;
    date_now(&tm);
    char name[64], path[4200];
    snprintf(name, sizeof name, "ledger-%04d%02d%02d.db", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    paths_join(path, sizeof path, dir, name);
    struct stat st;
    if (stat(path, &st) != 0) {
        if (backup_to(db, path, false, err))
            return err->code;
        if (made)
            *made = 1;
    }
    /* Keep the newest `keep`; names sort by date. */
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char *names[1024];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 1024) {
        if (!strncmp(e->d_name, "ledger-", 7) && strlen(e->d_name) == 18 && !strcmp(e->d_name + 15, ".db"))
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    for (int i = 0; i < n; i++) {
        if (names[i] && i < n - keep) {
            paths_join(path, sizeof path, dir, names[i]);
            unlink(path);
        }
        free(names[i]);
    }
    return 0;
}

int maint_keep_copy(sqlite3 *db, const char *ledger_path, char *kept, size_t keptsz, struct fx_error *err)
{
    struct tm tm;
    date_now(&tm);
    char keep[4200];
    int rc = FX_EINPUT;
    /* Two replacements in one second (demo --force, then restore) get two names. */
    for (int n = 1; n <= 99 && rc == FX_EINPUT; n++) {
        int len = snprintf(keep, sizeof keep, "%s.replaced-%04d%02d%02d-%02d%02d%02d", ledger_path, tm.tm_year + 1900,
                           tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        if (n > 1 && len > 0 && (size_t)len < sizeof keep)
            snprintf(keep + len, sizeof keep - (size_t)len, "-%d", n);
        struct stat st;
        if (lstat(keep, &st) == 0)
            continue;
        rc = backup_to(db, keep, false, err);
    }
    if (!rc && kept)
        snprintf(kept, keptsz, "%s", keep);
    return rc;
}

int maint_restore(const char *ledger_path, const char *src, char *kept, size_t keptsz, struct fx_error *err)
{
    sqlite3 *in = NULL;
    struct stat st;
    if (stat(src, &st) != 0)
        return fs_fail(err, "恢复", src, errno);
    if (sqlite3_open_v2(src, &in, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(in);
        return fx_fail(err, FX_EINPUT, "%s 不是账本文件", src);
    }
    int64_t appid = store_int(in, "PRAGMA application_id", NULL);
    int64_t ver = store_int(in, "PRAGMA user_version", NULL);
    int known = store_schema_version(NULL);
    int rc = 0;
    if (appid != FX_APPLICATION_ID) {
        rc = fx_fail(err, FX_EINPUT, "%s 不是 fenxiao 账本文件，未恢复", src);
    } else if (ver < 1 || ver > known) {
        rc = fx_fail(err, FX_EINPUT, "%s 的版本（%lld）本程序不认识，未恢复", src, (long long)ver);
    } else {
        char check[8] = "";
        if (store_get_text(in, "PRAGMA quick_check", STORE_NO_ARGS, check, sizeof check, NULL) || strcmp(check, "ok"))
            rc = fx_fail(err, FX_EINPUT, "%s 已损坏（quick_check 未通过），未恢复", src);
    }
    if (rc) {
        sqlite3_close(in);
        return rc;
    }
    /* Keep the current ledger, then copy the backup into a temp file and rename it over. */
    if (stat(ledger_path, &st) == 0) {
        sqlite3 *cur = NULL;
        if (store_open(ledger_path, STORE_WRITER, &cur, err)) {
            sqlite3_close(in);
            return err->code;
        }
        rc = maint_keep_copy(cur, ledger_path, kept, keptsz, err);
        if (!rc)
            rc = backup_to(in, ledger_path, true, err);
        store_close(cur);
    } else {
        rc = backup_to(in, ledger_path, true, err);
    }
    sqlite3_close(in);
    if (!rc) {
        /* The old WAL belongs to the replaced file; a stale one must not be replayed. */
        char side[4200];
        snprintf(side, sizeof side, "%s-wal", ledger_path);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", ledger_path);
        unlink(side);
        sqlite3 *db;
        if (store_open(ledger_path, 0, &db, err) == 0)
            store_close(db);
        else
            rc = err->code;
    }
    return rc;
}

static int verify_query(sqlite3 *db, const char *sql, const char *label, void (*report)(void *, const char *),
                        void *ctx)
{
    sqlite3_stmt *st;
    int problems = 0;
    if (store_prepare(db, sql, &st, NULL)) {
        char line[512];
        snprintf(line, sizeof line, "%s：无法检查（%s）", label, sqlite3_errmsg(db));
        report(ctx, line);
        return 1;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        if (t && !strcmp((const char *)t, "ok"))
            continue;
        char line[512];
        snprintf(line, sizeof line, "%s：%s", label, t ? (const char *)t : "?");
        report(ctx, line);
        if (++problems >= 20)
            break;
    }
    sqlite3_finalize(st);
    return problems;
}

int maint_verify(sqlite3 *db, void (*report)(void *ctx, const char *line), void *ctx, struct fx_error *err)
{
    (void)err;
    int problems = 0;
    problems += verify_query(db, "PRAGMA quick_check", "完整性", report, ctx);
    problems += verify_query(db,
                             "SELECT 'table ' || \"table\" || ' row ' || rowid || ' → ' || parent FROM "
                             "pragma_foreign_key_check",
                             "外键", report, ctx);
    problems += verify_query(db,
                             "SELECT '培训记录 ' || id || ' 没有新增审计记录' FROM session s WHERE NOT EXISTS "
                             "(SELECT 1 FROM audit a WHERE a.entity = 'session' AND a.uuid = s.uuid AND a.action = 'insert')",
                             "审计记录", report, ctx);
    problems += verify_query(db,
                             "SELECT '作废的培训记录 ' || id || ' 没有作废审计记录' FROM session s WHERE voided = 1 AND NOT "
                             "EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'session' AND a.uuid = s.uuid AND "
                             "a.action = 'void')",
                             "审计记录", report, ctx);
    problems += verify_query(db,
                             "SELECT '审计表缺少只读保护触发器 ' || t FROM (SELECT 'audit_no_update' AS t UNION ALL SELECT "
                             "'audit_no_delete') WHERE t NOT IN (SELECT name FROM sqlite_schema WHERE type = 'trigger')",
                             "审计记录", report, ctx);
    problems += verify_query(db,
                             "SELECT '审计记录有缺号（被删除过）：共 ' || count(*) || ' 条，编号 ' || min(id) || '–' || max(id) FROM audit "
                             "HAVING count(*) > 0 AND count(*) <> max(id) - min(id) + 1",
                             "审计记录", report, ctx);
    problems += verify_query(db,
                             "SELECT '党员 ' || x.m || ' 在 ' || x.y || ' 年的学时合计应为 ' || x.h || '，记为 ' || "
                             "ifnull(my.hours, 0) FROM (SELECT a.member_id AS m, CAST(substr(s.date,1,4) AS INTEGER) AS y, "
                             "sum(s.hours) AS h FROM attendance a JOIN session s ON s.id = a.session_id WHERE a.status = "
                             "'present' AND s.voided = 0 GROUP BY 1, 2) x LEFT JOIN member_year my ON my.member_id = x.m "
                             "AND my.year = x.y WHERE abs(ifnull(my.hours, 0) - x.h) > 1e-6 "
                             "UNION ALL SELECT '党员 ' || member_id || ' 在 ' || year || ' 年的学时合计应为 0，记为 ' || hours "
                             "FROM member_year my WHERE abs(hours) > 1e-6 AND NOT EXISTS (SELECT 1 FROM attendance a JOIN "
                             "session s ON s.id = a.session_id WHERE a.member_id = my.member_id AND a.status = 'present' "
                             "AND s.voided = 0 AND CAST(substr(s.date,1,4) AS INTEGER) = my.year)",
                             "学时汇总", report, ctx);
    return problems ? FX_NO : 0;
}

int maint_close_year(sqlite3 *db, int year, struct fx_error *err)
{
    if (year < 1900 || year > 2999)
        return fx_fail(err, FX_EINPUT, "年份超出范围：%d", year);
    if (store_begin(db, err))
        return err->code;
    sqlite3_stmt *st;
    int rc = store_prepare(db, "INSERT INTO closed_year (year) VALUES (?)", &st, err);
    if (!rc) {
        sqlite3_bind_int(st, 1, year);
        int s = sqlite3_step(st);
        sqlite3_finalize(st);
        if ((s & 0xff) == SQLITE_CONSTRAINT)
            rc = fx_fail(err, FX_ECLOSED, "%d 年已经交账", year);
        else if (s != SQLITE_DONE)
            rc = store_fail(db, s, err, "年底交账");
    }
    if (!rc) {
        char after[64];
        snprintf(after, sizeof after, "{\"year\":%d}", year);
        char id[16];
        snprintf(id, sizeof id, "%d", year);
        rc = store_audit(db, "close", "year", id, NULL, after, err);
    }
    if (rc) {
        store_rollback(db);
        return rc;
    }
    return store_commit(db, err);
}

const char *maint_network_warning(const char *path)
{
    char dir[4096];
    paths_dirname(dir, sizeof dir, path);
    struct statfs fs;
    if (statfs(dir, &fs) != 0)
        return NULL;
    switch ((unsigned long)fs.f_type) {
    case 0x6969UL:      /* NFS */
    case 0xFF534D42UL:  /* CIFS */
    case 0xFE534D42UL:  /* SMB2 */
    case 0x517BUL:      /* SMB */
    case 0x65735546UL:  /* FUSE (sshfs and the like) */
        return "警告：账本位于网络共享目录，WAL 模式在网络文件系统上不安全，请把账本放在本机磁盘上";
    default:
        return NULL;
    }
}
