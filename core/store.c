/* store.c — the one way to SQLite: preparing statements, one-row helpers, nested
 * transactions, audit. Opening the file and its schema are in store_open.c. */
#define _GNU_SOURCE
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store_internal.h"

static char actor[256];
static char recorder[128];

void store_set_actor(const char *who)
{
    snprintf(recorder, sizeof recorder, "%s", who ? who : "");
    actor[0] = '\0';
}

/* The account running the program, from the password database; $USER only when
 * the account has no entry there (a container's bare uid), else the uid itself. */
static void account_name(char *out, size_t n)
{
    struct passwd *pw = getpwuid(geteuid());
    if (pw && pw->pw_name && pw->pw_name[0]) {
        snprintf(out, n, "%s", pw->pw_name);
        return;
    }
    const char *u = getenv("USER");
    if (u && u[0])
        snprintf(out, n, "%s", u);
    else
        snprintf(out, n, "uid %ld", (long)geteuid());
}

const char *store_actor(void)
{
    if (!actor[0]) {
        char account[96];
        account_name(account, sizeof account);
        /* The configured recorder (fenxiao.ini [ledger] recorder) is a name anyone can
         * write; the account beside it is what the system says. */
        if (recorder[0] && strcmp(recorder, account))
            snprintf(actor, sizeof actor, "%s（%s）", account, recorder);
        else
            snprintf(actor, sizeof actor, "%s", account);
    }
    return actor;
}

void store_uuid(char out[37])
{
    unsigned char b[16];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    ssize_t got = fd >= 0 ? read(fd, b, sizeof b) : -1;
    if (fd >= 0)
        close(fd);
    if (got != (ssize_t)sizeof b) {
        /* No /dev/urandom (a chroot): fall back to time and address entropy. */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long long x =
            (unsigned long long)ts.tv_nsec ^ ((unsigned long long)ts.tv_sec << 20) ^ (unsigned long long)getpid();
        for (int i = 0; i < 16; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            b[i] = (unsigned char)x;
        }
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3],
             b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

int store_fail(sqlite3 *db, int rc, struct fx_error *err, const char *what)
{
    const char *text = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    int code;
    /* A write refused for want of space is a full disk, whichever file SQLite was growing: the ledger gives
     * SQLITE_FULL, but the WAL index (-shm) an I/O error with errno ENOSPC. */
    if ((rc & 0xff) == SQLITE_IOERR && db && sqlite3_system_errno(db) == ENOSPC)
        rc = SQLITE_FULL;
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: code = fx_fail(err, FX_ELOCKED, "%s失败：账本正被另一个程序使用，请稍后再试", what); break;
    case SQLITE_FULL:
        code = fx_fail(err, FX_EFS, "%s失败：磁盘已满。已保存的内容不受影响，腾出空间后可以继续", what);
        break;
    case SQLITE_READONLY: code = fx_fail(err, FX_EFS, "%s失败：账本文件或其目录只读，不能写入", what); break;
    case SQLITE_CANTOPEN: code = fx_fail(err, FX_EFS, "%s失败：无法打开账本文件（目录不存在或没有权限）", what); break;
    case SQLITE_IOERR:
        /* The WAL index (-shm) could not grow: SQLite's documented sign of a full disk (schema 9's larger new
         * ledger meets a full disk there first). */
        if (rc == SQLITE_IOERR_SHMSIZE) {
            code = fx_fail(err, FX_EFS, "%s失败：磁盘已满。已保存的内容不受影响，腾出空间后可以继续", what);
            break;
        }
        /* fall through */
    case SQLITE_PERM: code = fx_fail(err, FX_EFS, "%s失败：读写账本文件出错（磁盘或权限问题）", what); break;
    case SQLITE_INTERRUPT:
        /* Only the progress budget interrupts (store.h): a query that never ends. */
        code = fx_fail(err, FX_EINPUT, "%s失败：账本中的查询运行超过时限被中止，文件可能被人为改动过", what);
        break;
    case SQLITE_TOOBIG:
        code = fx_fail(err, FX_EINPUT, "%s失败：账本中有超出长度限制的内容，文件可能被人为改动过", what);
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        /* A malformed file, as DESIGN.md's exit status 3 says, not a bug of ours. */
        code = fx_fail(err, FX_EINPUT, "%s失败：账本文件已损坏或不是账本文件，请用 fenxiao restore 恢复备份", what);
        break;
    case SQLITE_CONSTRAINT:
        if (strstr(text, "year closed"))
            code = fx_fail(err, FX_ECLOSED, "%s失败：该年度已交账（年底交账），记录只读", what);
        else
            code = fx_fail(err, FX_EINPUT, "%s失败：数据不符合账本的要求", what);
        break;
    default: code = fx_fail(err, FX_EINTERNAL, "%s失败：内部错误", what); break;
    }
    fx_detail(err, "sqlite %d: %s", rc, text);
    return code;
}

/* store_fail, naming the statement in the log detail: a failed prepare or step
 * is a bug or a damaged ledger, and the SQL is what finds it. */
static int fail_sql(sqlite3 *db, int rc, struct fx_error *err, const char *what, const char *sql)
{
    int code = store_fail(db, rc, err, what);
    if (err) {
        char sqlite_text[sizeof err->detail];
        snprintf(sqlite_text, sizeof sqlite_text, "%s", err->detail);
        fx_detail(err, "%s; sql: %s", sqlite_text, sql);
    }
    return code;
}

static int prepare_flags(sqlite3 *db, const char *sql, unsigned flags, sqlite3_stmt **st, struct fx_error *err)
{
    int rc = sqlite3_prepare_v3(db, sql, -1, flags, st, NULL);
    if (rc != SQLITE_OK)
        return fail_sql(db, rc, err, "读取账本", sql);
    return 0;
}

int store_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct fx_error *err)
{
    return prepare_flags(db, sql, 0, st, err);
}

int store_prepare_persistent(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct fx_error *err)
{
    return prepare_flags(db, sql, SQLITE_PREPARE_PERSISTENT, st, err);
}

void store_copy_column(char *dst, size_t size, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(dst, size, "%s", t ? (const char *)t : "");
}

/* Prepare sql with args bound and step it once: SQLITE_ROW or SQLITE_DONE
 * with *st to finalize, or an fx status with err filled and *st NULL. */
static int query_first_row(sqlite3 *db, const char *sql, const struct store_arg *args, int nargs, sqlite3_stmt **st,
                           bool *row, struct fx_error *err)
{
    *row = false;
    int rc = store_prepare(db, sql, st, err);
    if (rc)
        return rc;
    for (int i = 0; i < nargs; i++) {
        if (args[i].kind == STORE_ARG_TEXT)
            rc = sqlite3_bind_text(*st, i + 1, args[i].t, -1, SQLITE_STATIC);
        else
            rc = sqlite3_bind_int64(*st, i + 1, args[i].i);
        if (rc != SQLITE_OK)
            break;
    }
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(*st);
        if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
            *row = rc == SQLITE_ROW;
            return 0;
        }
    }
    int code = fail_sql(db, rc, err, "读取账本", sql);
    sqlite3_finalize(*st);
    *st = NULL;
    return code;
}

int store_exists(sqlite3 *db, const char *sql, const struct store_arg *args, int nargs, bool *found,
                 struct fx_error *err)
{
    sqlite3_stmt *st;
    int rc = query_first_row(db, sql, args, nargs, &st, found, err);
    sqlite3_finalize(st);
    return rc;
}

int store_run(sqlite3 *db, const char *sql, const struct store_arg *args, int nargs, struct fx_error *err)
{
    sqlite3_stmt *st;
    bool row;
    int rc = query_first_row(db, sql, args, nargs, &st, &row, err);
    while (!rc && row) {
        int s = sqlite3_step(st);
        row = s == SQLITE_ROW;
        if (s != SQLITE_ROW && s != SQLITE_DONE)
            rc = fail_sql(db, s, err, "写入账本", sql);
    }
    sqlite3_finalize(st);
    return rc;
}

int store_get_int(sqlite3 *db, const char *sql, const struct store_arg *args, int nargs, int64_t *out,
                  struct fx_error *err)
{
    sqlite3_stmt *st;
    bool row;
    int rc = query_first_row(db, sql, args, nargs, &st, &row, err);
    if (row)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

int store_get_text(sqlite3 *db, const char *sql, const struct store_arg *args, int nargs, char *out, size_t size,
                   struct fx_error *err)
{
    sqlite3_stmt *st;
    bool row;
    int rc = query_first_row(db, sql, args, nargs, &st, &row, err);
    if (row)
        store_copy_column(out, size, st, 0);
    sqlite3_finalize(st);
    return rc;
}

/* Transactions nest, as fossil's db_begin_transaction does with its counter,
 * but every level below the first is a savepoint, so that one level can be
 * undone alone: an import goes on after a refused line, the demo's saves each
 * leave nothing half-written. The first level is BEGIN IMMEDIATE, so the
 * write lock is taken before anything is read and a second copy is told at
 * once, never half-way through a save. One record per connection that has a
 * level open; a ledger is used from one thread. */
struct store_tx {
    sqlite3 *db;
    int depth; /* store_begin levels open */
    bool own;  /* level 1 is our BEGIN IMMEDIATE, not a savepoint in a transaction begun elsewhere */
    int lost;  /* SQLite code: the transaction ended under an inner level, so every level fails */
};

static struct store_tx txs[8];

/* The record of db; tx_find(NULL) is a free one. */
static struct store_tx *tx_find(sqlite3 *db)
{
    for (size_t i = 0; i < sizeof txs / sizeof txs[0]; i++)
        if (txs[i].db == db)
            return &txs[i];
    return NULL;
}

static void tx_free(struct store_tx *t)
{
    memset(t, 0, sizeof *t);
}

void store_tx_forget(sqlite3 *db)
{
    struct store_tx *t = db ? tx_find(db) : NULL;
    if (t)
        tx_free(t);
}

/* The code to report for a transaction SQLite ended on its own (after a full
 * disk or an I/O error it rolls the whole transaction back). */
static int tx_lost_code(sqlite3 *db)
{
    int rc = sqlite3_extended_errcode(db);
    return rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_ABORT : rc;
}

/* Give member.sort_key (006-member-sort-key.sql) to the rows another tool wrote without one, inside the
 * transaction store_begin has just opened: it commits with the user's action, or rolls back with a refused
 * one, so a refused command still writes nothing. A ledger before schema 6 is left alone. */
static void fill_sort_keys(sqlite3 *db)
{
    sqlite3_stmt *st;
    /* Fails to prepare before schema 6 (during an upgrade): nothing to fill then. */
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM main.member WHERE sort_key = '' LIMIT 1", -1, &st, NULL) != SQLITE_OK)
        return;
    bool missing = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    /* A failure here (a full disk) fails the action's own writes too, which report it. */
    if (missing)
        sqlite3_exec(db, "UPDATE main.member SET sort_key = fx_sort_key(name) WHERE sort_key = ''", NULL, NULL, NULL);
}

int store_begin(sqlite3 *db, struct fx_error *err)
{
    struct store_tx *t = tx_find(db);
    bool open = !sqlite3_get_autocommit(db);
    /* The level below lost its transaction: a fresh BEGIN here would let this
     * level commit alone while the level below thinks it still holds it. */
    if (t && !open && !t->lost)
        t->lost = tx_lost_code(db);
    if (t && t->lost)
        return store_fail(db, t->lost, err, "开始写入");
    if (!t) {
        t = tx_find(NULL);
        if (!t)
            return fx_fail(err, FX_EINTERNAL, "开始写入失败：同时打开的账本太多");
        t->db = db;
        t->own = !open;
    }
    int rc = sqlite3_exec(db, t->depth == 0 && t->own ? "BEGIN IMMEDIATE" : "SAVEPOINT fx_tx", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        if (t->depth == 0)
            tx_free(t);
        return store_fail(db, rc, err, "开始写入");
    }
    t->depth++;
    if (t->depth == 1 && t->own)
        fill_sort_keys(db);
    return 0;
}

int store_commit(sqlite3 *db, struct fx_error *err)
{
    struct store_tx *t = tx_find(db);
    int rc;
    if (t && (t->depth > 1 || !t->own)) {
        /* An inner level: its work joins the level below, which commits or not. */
        rc = t->lost;
        if (!rc && (rc = sqlite3_exec(db, "RELEASE fx_tx", NULL, NULL, NULL)) != SQLITE_OK)
            t->lost = rc = tx_lost_code(db);
        if (--t->depth == 0)
            tx_free(t);
        return rc ? store_fail(db, rc, err, "保存") : 0;
    }
    if (t) {
        int lost = t->lost;
        tx_free(t);
        if (lost) {
            store_rollback(db);
            return store_fail(db, lost, err, "保存");
        }
    }
    /* The outermost level (or a transaction begun without store_begin): the one write to disk. */
    rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        int code = store_fail(db, rc, err, "保存");
        store_rollback(db);
        return code;
    }
    return 0;
}

void store_rollback(sqlite3 *db)
{
    struct store_tx *t = tx_find(db);
    if (t && (t->depth > 1 || !t->own)) {
        /* Undo this level only; the level below decides whether to go on. */
        if (!t->lost && (sqlite3_exec(db, "ROLLBACK TO fx_tx", NULL, NULL, NULL) != SQLITE_OK ||
                         sqlite3_exec(db, "RELEASE fx_tx", NULL, NULL, NULL) != SQLITE_OK))
            t->lost = tx_lost_code(db);
        if (--t->depth == 0)
            tx_free(t);
        return;
    }
    if (t)
        tx_free(t);
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int store_end(sqlite3 *db, int rc, struct fx_error *err)
{
    if (rc) {
        store_rollback(db);
        return rc;
    }
    return store_commit(db, err);
}

int64_t store_int(sqlite3 *db, const char *sql, const char *param)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (store_prepare(db, sql, &st, NULL))
        return -1;
    if (param)
        sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

int64_t store_unit_id(sqlite3 *db)
{
    return store_int(db, "SELECT id FROM unit WHERE is_local = 1 ORDER BY id LIMIT 1", NULL);
}

int store_audit(sqlite3 *db, const char *action, const char *entity, const char *uuid, const char *before,
                const char *after, struct fx_error *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(db, "INSERT INTO audit (who, action, entity, uuid, before, after) VALUES (?,?,?,?,?,?)", &st,
                           err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, store_actor(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, entity, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, uuid ? uuid : "", -1, SQLITE_STATIC);
    if (before)
        sqlite3_bind_text(st, 5, before, -1, SQLITE_STATIC);
    if (after)
        sqlite3_bind_text(st, 6, after, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail(db, rc, err, "写审计记录");
    return 0;
}

char *store_step_json(sqlite3 *db, sqlite3_stmt *st)
{
    if (sqlite3_step(st) != SQLITE_ROW)
        return NULL;
    sqlite3_str *s = sqlite3_str_new(db);
    sqlite3_str_appendchar(s, 1, '{');
    int n = sqlite3_column_count(st);
    for (int i = 0; i < n; i++) {
        if (i)
            sqlite3_str_appendchar(s, 1, ',');
        sqlite3_str_appendf(s, "\"%w\":", sqlite3_column_name(st, i));
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER: sqlite3_str_appendf(s, "%lld", sqlite3_column_int64(st, i)); break;
        case SQLITE_FLOAT: sqlite3_str_appendf(s, "%!.15g", sqlite3_column_double(st, i)); break;
        case SQLITE_NULL: sqlite3_str_appendall(s, "null"); break;
        default: {
            /* JSON string escaping: quotes, backslashes and controls; the runs between them appended at once. */
            const unsigned char *t = sqlite3_column_text(st, i);
            sqlite3_str_appendchar(s, 1, '"');
            while (t && *t) {
                size_t run = 0;
                while (t[run] >= 0x20 && t[run] != '"' && t[run] != '\\')
                    run++;
                sqlite3_str_append(s, (const char *)t, (int)run);
                t += run;
                if (!*t)
                    break;
                if (*t == '"' || *t == '\\')
                    sqlite3_str_appendf(s, "\\%c", *t);
                else
                    sqlite3_str_appendf(s, "\\u%04x", *t);
                t++;
            }
            sqlite3_str_appendchar(s, 1, '"');
        }
        }
    }
    sqlite3_str_appendchar(s, 1, '}');
    return sqlite3_str_finish(s);
}

char *store_row_json(sqlite3 *db, const char *sql, int64_t id)
{
    sqlite3_stmt *st;
    if (store_prepare(db, sql, &st, NULL))
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    char *out = store_step_json(db, st);
    sqlite3_finalize(st);
    return out;
}

int store_init_unit(sqlite3 *db, const char *name, struct fx_error *err)
{
    char uuid[37];
    store_uuid(uuid);
    if (store_begin(db, err))
        return err->code;
    sqlite3_stmt *st;
    int rc = store_prepare(db, "INSERT INTO unit (uuid, name, is_local) VALUES (?, ?, 1)", &st, err);
    if (!rc) {
        sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
        int s = sqlite3_step(st);
        sqlite3_finalize(st);
        if (s != SQLITE_DONE)
            rc = store_fail(db, s, err, "新建账本");
    }
    if (!rc) {
        char *after = store_row_json(db, "SELECT * FROM unit WHERE id = ?", sqlite3_last_insert_rowid(db));
        rc = store_audit(db, "insert", "unit", uuid, NULL, after, err);
        sqlite3_free(after);
    }
    if (rc) {
        store_rollback(db);
        return rc;
    }
    return store_commit(db, err);
}
