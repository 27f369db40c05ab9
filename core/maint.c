/* maint.c — backups, restore, verify and year close.
 * Everything here writes through temp files and renames, never in place. */
#define _GNU_SOURCE
#include "maint.h"
#include "rollaudit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "paths.h"
#include "problem.h"
#include "sha256.h"
#include "stats.h"
#include "store.h"
#include "text.h"

int maint_backup(sqlite3 *db, const char *dest, struct fx_error *err)
{
    return store_backup(db, dest, false, err);
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
        if (store_backup(db, path, false, err))
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
        rc = store_backup(db, keep, false, err);
    }
    if (!rc && kept)
        snprintf(kept, keptsz, "%s", keep);
    return rc;
}

int maint_restore(const char *ledger_path, const char *src, char *kept, size_t keptsz, struct fx_error *err)
{
    /* The backup is checked as a foreign file: its header before anything,
     * then its whole schema against this version's (an extra trigger would
     * reopen a closed year on the next save), then its pages. */
    sqlite3 *in = NULL;
    if (store_open(src, STORE_READONLY | STORE_EXACT | STORE_OLDER, &in, err)) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        fx_fail(err,
                err->code == FX_ELOCKED ? FX_ELOCKED
                : err->code == FX_EFS   ? FX_EFS
                                        : FX_EINPUT,
                "%s。未恢复", why);
        return err->code;
    }
    char check[8] = "";
    int rc = 0;
    if (store_get_text(in, "PRAGMA quick_check", STORE_NO_ARGS, check, sizeof check, NULL) || strcmp(check, "ok"))
        rc = fx_fail(err, FX_EINPUT, "%s 已损坏（quick_check 未通过），未恢复", src);
    if (rc) {
        store_close(in);
        return rc;
    }
    /* Keep the current ledger, then copy the backup into a temp file and rename it over. */
    struct stat st;
    if (lstat(ledger_path, &st) == 0) {
        sqlite3 *cur = NULL;
        if (store_open(ledger_path, STORE_WRITER, &cur, err)) {
            store_close(in);
            return err->code;
        }
        rc = maint_keep_copy(cur, ledger_path, kept, keptsz, err);
        if (!rc)
            rc = store_backup(in, ledger_path, true, err);
        store_close(cur);
    } else {
        rc = store_backup(in, ledger_path, true, err);
    }
    store_close(in);
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

struct schema_report {
    void (*report)(void *ctx, const char *line);
    void *ctx;
};

static void report_schema(void *ctx, enum store_schema_diff kind, const char *type, const char *name)
{
    const struct schema_report *r = ctx;
    const char *label = !strcmp(type, "table")     ? "表"
                        : !strcmp(type, "index")   ? "索引"
                        : !strcmp(type, "view")    ? "视图"
                        : !strcmp(type, "trigger") ? "触发器"
                                                   : type;
    char line[512];
    snprintf(line, sizeof line, "账本结构：%s%s %s%s",
             kind == STORE_SCHEMA_EXTRA     ? "多出的"
             : kind == STORE_SCHEMA_MISSING ? "缺少"
                                            : "被改动的",
             label, name,
             !strcmp(type, "trigger") && kind != STORE_SCHEMA_EXTRA ? "（年底交账、审计或学时汇总的保护可能已被绕过）"
                                                                    : "");
    r->report(r->ctx, line);
}

/* Each closed year's rows hashed again and compared with the digest stored at closing. */
static int verify_closed_years(sqlite3 *db, void (*report)(void *, const char *), void *ctx, struct fx_error *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(db, "SELECT year, digest FROM closed_year ORDER BY year", &st, err);
    if (rc)
        return -1;
    int problems = 0, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        int year = sqlite3_column_int(st, 0);
        char stored[80], now[80], line[512];
        store_copy_column(stored, sizeof stored, st, 1);
        if (!stored[0]) {
            snprintf(line, sizeof line, "%d 年交账时没有记录摘要（closed_year 被直接改动过？）", year);
        } else if (maint_year_digest_version(db, year, stored[0] == 'v' ? atoi(stored + 1) : 0, now, err)) {
            text_format(line, sizeof line, "%d 年的摘要无法计算：%s", year, err->msg);
        } else if (strcmp(stored, now) != 0) {
            snprintf(line, sizeof line, "已交账的 %d 年的记录与交账时不一致（摘要不符），可能被人改动过", year);
        } else {
            continue;
        }
        report(ctx, line);
        problems++;
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE) {
        store_fail(db, s, err, "检查年底交账");
        return -1;
    }
    return problems;
}


/* member_year against a recount, in SQL: the counting sessions once, their roll calls by key, summed by member and
 * year, and FULL JOINed with member_year, so a row missing on either side shows (issue 22: a NOT EXISTS per
 * member-year walked that member's roll calls, 50 s at county scale). */
#define HOURS_RECOUNT                                                                                                  \
    "WITH ls AS MATERIALIZED (SELECT s.id, s.hours, CAST(substr(s.date, 1, 4) AS INTEGER) AS y FROM session s "       \
    "WHERE s.voided = 0 AND " STATS_SQL_COUNTS_HOURS("s") "), "                                                        \
    "x AS (SELECT a.member_id AS m, ls.y AS y, sum(ls.hours) AS h FROM ls JOIN attendance a ON a.session_id = "      \
    "ls.id WHERE a.status = " ROLL_SQL_PRESENT " GROUP BY 1, 2) "                                                      \
    "SELECT '党员 ' || coalesce(x.m, my.member_id) || ' 在 ' || coalesce(x.y, my.year) || ' 年的学时合计应为 ' || "  \
    "ifnull(x.h, 0) || '，记为 ' || ifnull(my.hours, 0) FROM x FULL JOIN member_year my ON my.member_id = x.m "       \
    "AND my.year = x.y WHERE abs(ifnull(my.hours, 0) - ifnull(x.h, 0)) > 1e-6"

/* The recount kept in memory when it is small (a county: 75,000 member ids × 10 years, 6 MB), so that it needs no
 * sort of every roll-call row: one array of hours per year indexed by member id, filled from the counting
 * sessions and their present roll calls, both read in key order; then member_year is read in key order against
 * it. A ledger with more ids or years than that gets the same check in SQL (HOURS_RECOUNT). */
#define HOURS_CELLS_MAX (4 * 1024 * 1024)

static void hours_line(char *line, size_t size, int64_t m, int64_t y, double want, bool have_row, double have)
{
    char w[64], h[64];
    sqlite3_snprintf(sizeof w, w, want == 0 ? "0" : "%!.15g", want);
    sqlite3_snprintf(sizeof h, h, have_row ? "%!.15g" : "0", have);
    text_format(line, size, "学时汇总：党员 %lld 在 %lld 年的学时合计应为 %s，记为 %s", (long long)m, (long long)y, w, h);
}

static int verify_hours(sqlite3 *db, void (*report)(void *, const char *), void *ctx)
{
    int64_t lo_m = 0, hi_m = 0, lo_y = 0, hi_y = 0;
    struct fx_error ignore = {0};
    if (store_get_int(db,
                      "SELECT min(ifnull((SELECT min(member_id) FROM attendance), 1), ifnull((SELECT min(member_id) "
                      "FROM member_year), 1))",
                      STORE_NO_ARGS, &lo_m, &ignore) ||
        store_get_int(db,
                      "SELECT max(ifnull((SELECT max(member_id) FROM attendance), 0), ifnull((SELECT max(member_id) "
                      "FROM member_year), 0))",
                      STORE_NO_ARGS, &hi_m, &ignore) ||
        store_get_int(db,
                      "SELECT min(ifnull((SELECT min(CAST(substr(date, 1, 4) AS INTEGER)) FROM session), 3000), "
                      "ifnull((SELECT min(year) FROM member_year), 3000))",
                      STORE_NO_ARGS, &lo_y, &ignore) ||
        store_get_int(db,
                      "SELECT max(ifnull((SELECT max(CAST(substr(date, 1, 4) AS INTEGER)) FROM session), 0), "
                      "ifnull((SELECT max(year) FROM member_year), 0))",
                      STORE_NO_ARGS, &hi_y, &ignore) ||
        lo_m < 0 || hi_m > HOURS_CELLS_MAX || lo_y < 0 || hi_y > 9999 ||
        (hi_y >= lo_y && (hi_y - lo_y + 1) * (hi_m + 1) > HOURS_CELLS_MAX))
        return verify_query(db, HOURS_RECOUNT, "学时汇总", report, ctx);
    if (hi_y < lo_y) /* no session and no member_year row: nothing to count */
        return 0;
    size_t width = (size_t)hi_m + 1, cells = (size_t)(hi_y - lo_y + 1) * width;
    double *acc = calloc(cells, sizeof *acc);
    if (!acc)
        return verify_query(db, HOURS_RECOUNT, "学时汇总", report, ctx);
    sqlite3_stmt *ls = NULL, *att = NULL, *my = NULL;
    int problems = 0, rc = 0;
    char line[512];
    if (store_prepare(db,
                      "SELECT s.id, s.hours, CAST(substr(s.date, 1, 4) AS INTEGER) FROM session s WHERE s.voided = 0 "
                      "AND " STATS_SQL_COUNTS_HOURS("s") " ORDER BY s.id",
                      &ls, NULL) ||
        store_prepare(db,
                      "SELECT session_id, member_id FROM attendance WHERE status = " ROLL_SQL_PRESENT
                      " ORDER BY session_id, member_id",
                      &att, NULL) ||
        store_prepare(db, "SELECT member_id, year, hours FROM member_year ORDER BY year, member_id", &my, NULL)) {
        rc = -1;
    } else {
        int a = sqlite3_step(att), l = sqlite3_step(ls);
        while (a == SQLITE_ROW && l == SQLITE_ROW) {
            int64_t sid = sqlite3_column_int64(att, 0), lid = sqlite3_column_int64(ls, 0);
            if (lid < sid) {
                l = sqlite3_step(ls);
            } else if (sid < lid) {
                a = sqlite3_step(att);
            } else {
                acc[(size_t)(sqlite3_column_int64(ls, 2) - lo_y) * width + (size_t)sqlite3_column_int64(att, 1)] +=
                    sqlite3_column_double(ls, 1);
                a = sqlite3_step(att);
            }
        }
        if ((a != SQLITE_ROW && a != SQLITE_DONE) || (l != SQLITE_ROW && l != SQLITE_DONE))
            rc = -1;
        int r;
        while (!rc && (r = sqlite3_step(my)) == SQLITE_ROW) {
            int64_t m = sqlite3_column_int64(my, 0), y = sqlite3_column_int64(my, 1);
            double h = sqlite3_column_double(my, 2);
            double *cell = &acc[(size_t)(y - lo_y) * width + (size_t)m];
            if (fabs(h - *cell) > 1e-6) {
                hours_line(line, sizeof line, m, y, *cell, true, h);
                if (problems++ < 20)
                    report(ctx, line);
            }
            *cell = 0;
        }
        if (!rc && r != SQLITE_DONE)
            rc = -1;
        for (size_t i = 0; !rc && i < cells; i++)
            if (fabs(acc[i]) > 1e-6) {
                hours_line(line, sizeof line, (int64_t)(i % width), lo_y + (int64_t)(i / width), acc[i], false, 0);
                if (problems++ < 20)
                    report(ctx, line);
            }
    }
    sqlite3_finalize(ls);
    sqlite3_finalize(att);
    sqlite3_finalize(my);
    free(acc);
    if (rc) {
        text_format(line, sizeof line, "学时汇总：无法检查（%s）", sqlite3_errmsg(db));
        report(ctx, line);
        return 1;
    }
    return problems;
}

int maint_verify(sqlite3 *db, void (*report)(void *ctx, const char *line), void *ctx, struct fx_error *err)
{
    int problems = 0;
    /* The opening refused extra and altered objects; what is missing is listed here. */
    struct schema_report sr = {report, ctx};
    int n = store_schema_diff(db, "main", report_schema, &sr, err);
    if (n < 0)
        return err->code;
    problems += n;
    problems += verify_query(db, "PRAGMA quick_check", "完整性", report, ctx);
    problems += verify_query(db,
                             "SELECT 'table ' || \"table\" || ' row ' || rowid || ' → ' || parent FROM "
                             "pragma_foreign_key_check",
                             "外键", report, ctx);
    problems +=
        verify_query(db,
                     "SELECT '培训记录 ' || id || ' 没有新增审计记录' FROM session s WHERE NOT EXISTS "
                     "(SELECT 1 FROM audit a WHERE a.entity = 'session' AND a.uuid = s.uuid AND a.action = 'insert')",
                     "审计记录", report, ctx);
    problems +=
        verify_query(db,
                     "SELECT '作废的培训记录 ' || id || ' 没有作废审计记录' FROM session s WHERE voided = 1 AND NOT "
                     "EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'session' AND a.uuid = s.uuid AND "
                     "a.action = 'void')",
                     "审计记录", report, ctx);
    problems += verify_query(db,
                             "SELECT '经费记录 ' || id || ' 没有新增审计记录' FROM funds_entry f WHERE NOT EXISTS "
                             "(SELECT 1 FROM audit a WHERE a.entity = 'funds' AND a.uuid = f.uuid AND a.action = 'insert') "
                             "UNION ALL SELECT '作废的经费记录 ' || id || ' 没有作废审计记录' FROM funds_entry f WHERE "
                             "voided = 1 AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'funds' AND "
                             "a.uuid = f.uuid AND a.action = 'void')",
                             "审计记录", report, ctx);
    problems += verify_query(db,
                             "SELECT '积分加减 ' || id || ' 没有新增审计记录' FROM points_adjust p WHERE NOT EXISTS "
                             "(SELECT 1 FROM audit a WHERE a.entity = 'points' AND a.uuid = p.uuid AND a.action = 'insert') "
                             "UNION ALL SELECT '作废的积分加减 ' || id || ' 没有作废审计记录' FROM points_adjust p WHERE "
                             "voided = 1 AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'points' AND "
                             "a.uuid = p.uuid AND a.action = 'void')",
                             "审计记录", report, ctx);
    problems += verify_query(db,
                             "SELECT '问题 ' || id || ' 没有新增审计记录' FROM problem p WHERE NOT EXISTS "
                             "(SELECT 1 FROM audit a WHERE a.entity = 'problem' AND a.uuid = p.uuid AND a.action = 'insert') "
                             "UNION ALL SELECT '整改任务 ' || id || ' 没有新增审计记录' FROM problem_task t WHERE NOT EXISTS "
                             "(SELECT 1 FROM audit a WHERE a.entity = 'problem_task' AND a.uuid = t.uuid AND "
                             "a.action = 'insert')",
                             "审计记录", report, ctx);
    problems += verify_query(db,
                             "SELECT '附件 ' || id || '《' || name || '》没有添加时的审计记录' FROM attachment t "
                             "WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'attachment' AND "
                             "a.uuid = t.uuid AND a.action = 'insert')",
                             "审计记录", report, ctx);
    problems += verify_query(
        db,
        "SELECT '审计记录有缺号（被删除过）：共 ' || count(*) || ' 条，编号 ' || min(id) || '–' || max(id) FROM audit "
        "HAVING count(*) > 0 AND count(*) <> max(id) - min(id) + 1",
        "审计记录", report, ctx);
    problems += verify_hours(db, report, ctx);
    /* Every roll call replayed from its compact audit records (rollaudit.h), in one pass over each. */
    n = roll_verify(db, 0, report, ctx, err);
    if (n < 0)
        return err->code;
    problems += n;
    n = verify_closed_years(db, report, ctx, err);
    if (n < 0)
        return err->code;
    problems += n;
    return problems ? FX_NO : 0;
}

/* The rows of a closed year, in digest version 1: each table in a fixed
 * order, fixed columns (a later migration adding a column does not change
 * the digest of a year closed before), rows by key. */
static const char *const year_rows_v1[] = {
    "SELECT id, uuid, unit_id, date, start_time, end_time, title, category, format, kind, course_id, teacher_id, "
    "venue_id, hours, expected, present, note, recorder, voided, void_reason, created_at, updated_at FROM session "
    "WHERE CAST(substr(date, 1, 4) AS INTEGER) = ?1 ORDER BY id",
    "SELECT sb.session_id, sb.branch_id FROM session_branch sb JOIN session s ON s.id = sb.session_id "
    "WHERE CAST(substr(s.date, 1, 4) AS INTEGER) = ?1 ORDER BY sb.session_id, sb.branch_id",
    /* the status as the word it was stored as before schema 13, so a year closed then keeps its digest */
    "SELECT a.session_id, a.member_id, " ROLL_SQL_WORD("a.status") ", a.reason FROM attendance a "
    "JOIN session s ON s.id = a.session_id "
    "WHERE CAST(substr(s.date, 1, 4) AS INTEGER) = ?1 ORDER BY a.session_id, a.member_id",
    "SELECT o.id, o.uuid, o.course_id, o.branch_id, o.wanted_date, o.state, o.sched_date, o.teacher_id, o.venue_id, "
    "o.session_id, o.note, o.updated_at FROM course_order o JOIN session s ON s.id = o.session_id "
    "WHERE CAST(substr(s.date, 1, 4) AS INTEGER) = ?1 ORDER BY o.id",
    "SELECT id, uuid, unit_id, standard, item, period, branch_id, date, note, undone, updated_at FROM mark "
    "WHERE CAST(substr(period, 1, 4) AS INTEGER) = ?1 ORDER BY id",
};

/* Digest version 2 (schema 5): version 1's tables, then the funds ledger's entries and budgets. */
static const char *const year_rows_v2_funds[] = {
    "SELECT id, uuid, unit_id, date, direction, source, category, amount, counterpart, voucher, session_id, note, "
    "rule_reason, recorder, voided, void_reason, created_at, updated_at FROM funds_entry "
    "WHERE CAST(substr(date, 1, 4) AS INTEGER) = ?1 ORDER BY id",
    "SELECT year, source, amount, updated_at FROM funds_budget WHERE year = ?1 ORDER BY source",
};

/* Digest version 3 (schemas 7–12): version 2's tables, then the year's plan items, the links of its sessions and
 * its opening (建账); the problems found in the year and their tasks (the three lists); the feedback of its sessions;
 * its attachments (立卷归档); its 考评表 scores; its manual points adjustments (积分加减, schema 12). */
static const char *const year_rows_v3[] = {
    "SELECT id, uuid, unit_id, year, month_first, month_last, title, category, kind, target, hours, responsible, "
    "course_id, note, recorder, voided, void_reason, created_at, updated_at FROM plan_item WHERE year = ?1 ORDER BY id",
    "SELECT l.session_id, l.plan_id, l.how, l.linked_at FROM plan_link l JOIN session s ON s.id = l.session_id "
    "WHERE CAST(substr(s.date, 1, 4) AS INTEGER) = ?1 ORDER BY l.session_id",
    "SELECT year, opened_at, opened_by, result FROM year_open WHERE year = ?1",
    "SELECT id, uuid, unit_id, date, source, description, item, plan_item_id, resp_unit, resp_person, recorder, "
    "created_at, updated_at FROM problem WHERE CAST(substr(date, 1, 4) AS INTEGER) = ?1 ORDER BY id",
    "SELECT t.id, t.uuid, t.problem_id, t.measure, t.deadline, t.status, t.done_date, t.evidence, t.resp_unit, "
    "t.resp_person, t.created_at, t.updated_at FROM problem_task t JOIN problem p ON p.id = t.problem_id "
    "WHERE CAST(substr(p.date, 1, 4) AS INTEGER) = ?1 ORDER BY t.id",
    "SELECT f.id, f.uuid, f.session_id, f.returned, f.satisfied, f.basic, f.unsatisfied, f.score, f.scale, f.comment, "
    "f.recorder, f.created_at, f.updated_at FROM session_feedback f JOIN session s ON s.id = f.session_id "
    "WHERE CAST(substr(s.date, 1, 4) AS INTEGER) = ?1 ORDER BY f.id",    "SELECT id, uuid, entity, entity_uuid, sha256, name, size, volume, recorder, created_at FROM attachment "
    "WHERE year = ?1 ORDER BY id",
    "SELECT id, uuid, unit_id, standard, period, item, role, score, note, evidence, recorder, created_at, updated_at "
    "FROM sheet_score WHERE CAST(substr(period, 1, 4) AS INTEGER) = ?1 ORDER BY id",
    "SELECT id, uuid, member_id, date, points, reason, recorder, voided, void_reason, created_at, updated_at "
    "FROM points_adjust WHERE CAST(substr(date, 1, 4) AS INTEGER) = ?1 ORDER BY id",
};

/* The tables of year_rows_v3 from this one on (points_adjust, schema 12) came after ledgers had closed years with
 * digest version 3: each is tagged only when the year has rows in it, so the digest of a year closed before the
 * table existed (it has none) stays what it was. */
#define YEAR_ROWS_V3_LAZY 8

static void feed_u64(struct sha256 *h, uint64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (56 - 8 * i));
    sha256_update(h, b, 8);
}

/* One value, typed and length-prefixed, so no two rows hash alike by accident;
 * a REAL by its IEEE bits, not its text (which SQLite versions print differently). */
static void feed_value(struct sha256 *h, sqlite3_stmt *st, int col)
{
    unsigned char type = (unsigned char)sqlite3_column_type(st, col);
    sha256_update(h, &type, 1);
    switch (type) {
    case SQLITE_INTEGER: feed_u64(h, (uint64_t)sqlite3_column_int64(st, col)); break;
    case SQLITE_FLOAT: {
        double d = sqlite3_column_double(st, col);
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        feed_u64(h, bits);
        break;
    }
    case SQLITE_NULL: break;
    default: {
        const void *p = type == SQLITE_BLOB ? sqlite3_column_blob(st, col) : (const void *)sqlite3_column_text(st, col);
        int n = sqlite3_column_bytes(st, col);
        feed_u64(h, (uint64_t)n);
        sha256_update(h, p, (size_t)n);
    }
    }
}

/* Hash the rows of year that the queries rows[0..n) select, each table tagged by its letter from first. */
static int digest_tables(sqlite3 *db, int year, const char *const *rows, size_t n, size_t lazy_from,
                         unsigned char first, struct sha256 *h, struct fx_error *err)
{
    for (size_t t = 0; t < n; t++) {
        sqlite3_stmt *st;
        int rc = store_prepare(db, rows[t], &st, err);
        if (rc)
            return rc;
        sqlite3_bind_int(st, 1, year);
        unsigned char table = (unsigned char)(first + t);
        bool tagged = t < lazy_from;
        if (tagged)
            sha256_update(h, &table, 1);
        int s;
        while ((s = sqlite3_step(st)) == SQLITE_ROW) {
            if (!tagged) {
                sha256_update(h, &table, 1);
                tagged = true;
            }
            unsigned char row = 'R';
            sha256_update(h, &row, 1);
            for (int c = 0; c < sqlite3_column_count(st); c++)
                feed_value(h, st, c);
        }
        sqlite3_finalize(st);
        if (s != SQLITE_DONE)
            return store_fail(db, s, err, "计算交账摘要");
    }
    return 0;
}

int maint_year_digest_version(sqlite3 *db, int year, int version, char out[80], struct fx_error *err)
{
    if (version < 1 || version > MAINT_DIGEST_VERSION)
        return fx_fail(err, FX_EINPUT, "无法识别的交账摘要版本 v%d", version);
    struct sha256 h;
    sha256_init(&h);
    size_t n1 = sizeof year_rows_v1 / sizeof year_rows_v1[0];
    size_t n2 = sizeof year_rows_v2_funds / sizeof year_rows_v2_funds[0];
    int rc = digest_tables(db, year, year_rows_v1, n1, n1, 'A', &h, err);
    if (!rc && version >= 2)
        rc = digest_tables(db, year, year_rows_v2_funds, n2, n2, (unsigned char)('A' + n1), &h, err);
    if (!rc && version >= 3)
        rc = digest_tables(db, year, year_rows_v3, sizeof year_rows_v3 / sizeof year_rows_v3[0], YEAR_ROWS_V3_LAZY,
                           (unsigned char)('A' + n1 + n2), &h, err);
    if (rc)
        return rc;
    char hex[65];
    sha256_hex(&h, hex);
    snprintf(out, 80, "v%d:%s", version, hex);
    return 0;
}

int maint_year_digest(sqlite3 *db, int year, char out[80], struct fx_error *err)
{
    return maint_year_digest_version(db, year, MAINT_DIGEST_VERSION, out, err);
}

int maint_fill_digests(sqlite3 *db, struct fx_error *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(db, "SELECT year FROM closed_year WHERE digest = '' ORDER BY year", &st, err);
    if (rc)
        return rc;
    int years[1100], n = 0, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW && n < 1100)
        years[n++] = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (s != SQLITE_DONE && s != SQLITE_ROW)
        return store_fail(db, s, err, "计算交账摘要");
    for (int i = 0; i < n; i++) {
        char digest[80];
        /* Schema 2's step: the funds tables (schema 5) are not there yet, so digest version 1. */
        if ((rc = maint_year_digest_version(db, years[i], 1, digest, err)) != 0)
            return rc;
        sqlite3_stmt *up;
        if ((rc = store_prepare(db, "UPDATE closed_year SET digest = ?1 WHERE year = ?2", &up, err)) != 0)
            return rc;
        sqlite3_bind_text(up, 1, digest, -1, SQLITE_STATIC);
        sqlite3_bind_int(up, 2, years[i]);
        s = sqlite3_step(up);
        sqlite3_finalize(up);
        if (s != SQLITE_DONE)
            return store_fail(db, s, err, "记录交账摘要");
    }
    return 0;
}

/* Refuse (FX_EINPUT) a year with open problems and no reason; *open gets how many are open. */
static int open_problems_refusal(sqlite3 *db, int year, const char *why, int64_t *open, struct fx_error *err)
{
    int rc = problem_open_count(db, year, open, err);
    if (!rc && *open > 0 && !why[0])
        rc = fx_fail_field(err, FX_EINPUT, "reason",
                           "%d 年还有 %lld 个问题未整改完成，交账必须写明原因（--reason 原因），原因会记入审计记录",
                           year, (long long)*open);
    return rc;
}

/* The reason as the audit keeps it: trimmed, checked (FX_EINPUT). */
static int close_reason(const char *reason, char why[401], struct fx_error *err)
{
    if (!text_copy(why, 401, reason ? reason : ""))
        return fx_fail_field(err, FX_EINPUT, "reason", "交账原因太长");
    text_trim(why);
    if (why[0] && text_check_field(err, "reason", "交账原因", why, 100, 0))
        return FX_EINPUT;
    return 0;
}

int maint_close_year_check(sqlite3 *db, int year, const char *reason, struct fx_error *err)
{
    if (year < 1900 || year > 2999)
        return fx_fail(err, FX_EINPUT, "年份超出范围：%d", year);
    char why[401];
    int rc = close_reason(reason, why, err);
    int64_t open = 0, closed = 0;
    if (!rc)
        rc = open_problems_refusal(db, year, why, &open, err);
    if (!rc)
        rc = store_get_int(db, "SELECT count(*) FROM closed_year WHERE year = ?1", STORE_ARGS(STORE_INT(year)),
                           &closed, err);
    if (!rc && closed)
        rc = fx_fail(err, FX_ECLOSED, "%d 年已经交账", year);
    return rc;
}

int maint_close_year(sqlite3 *db, int year, struct fx_error *err)
{
    return maint_close_year_reason(db, year, NULL, err);
}

int maint_close_year_reason(sqlite3 *db, int year, const char *reason, struct fx_error *err)
{
    if (year < 1900 || year > 2999)
        return fx_fail(err, FX_EINPUT, "年份超出范围：%d", year);
    char why[401];
    if (close_reason(reason, why, err))
        return FX_EINPUT;
    if (store_begin(db, err))
        return err->code;
    /* The open problems are counted, and the year hashed, inside the transaction that closes it: nothing can
     * change in between. */
    int64_t open = 0;
    int rc = open_problems_refusal(db, year, why, &open, err);
    char digest[80];
    if (!rc)
        rc = maint_year_digest(db, year, digest, err);
    sqlite3_stmt *st;
    if (!rc)
        rc = store_prepare(db, "INSERT INTO closed_year (year, digest) VALUES (?1, ?2)", &st, err);
    if (!rc) {
        sqlite3_bind_int(st, 1, year);
        sqlite3_bind_text(st, 2, digest, -1, SQLITE_STATIC);
        int s = sqlite3_step(st);
        sqlite3_finalize(st);
        if ((s & 0xff) == SQLITE_CONSTRAINT)
            rc = fx_fail(err, FX_ECLOSED, "%d 年已经交账", year);
        else if (s != SQLITE_DONE)
            rc = store_fail(db, s, err, "年底交账");
    }
    if (!rc) {
        char after[1024] = "";
        /* JSON made by SQLite: the reason is the user's text. */
        rc = store_get_text(db,
                            "SELECT CASE WHEN ?3 = '' THEN json_object('year', ?1, 'digest', ?2) ELSE "
                            "json_object('year', ?1, 'digest', ?2, 'open_problems', ?4, 'reason', ?3) END",
                            STORE_ARGS(STORE_INT(year), STORE_TEXT(digest), STORE_TEXT(why), STORE_INT(open)), after,
                            sizeof after, err);
        char id[16];
        snprintf(id, sizeof id, "%d", year);
        if (!rc)
            rc = store_audit(db, "close", "year", id, NULL, after, err);
    }
    if (rc) {
        store_rollback(db);
        return rc;
    }
    rc = store_commit(db, err);
    if (!rc) /* once a year: the file given back its room, as the upgrade does (store.h) */
        store_compact(db);
    return rc;
}

const char *maint_dir_warning(const char *path)
{
    char dir[4096];
    paths_dirname(dir, sizeof dir, path);
    struct stat st;
    if (stat(dir, &st) != 0 || !(st.st_mode & S_IWOTH))
        return NULL;
    return "警告：账本所在的文件夹任何人都可以写入；别人可以在账本旁放置文件（日志、锁、符号链接）。"
           "请把账本放在只有您能写入的文件夹里（例如 ~/.local/share/fenxiao，权限 0700）";
}

const char *maint_network_warning(const char *path)
{
    char dir[4096];
    paths_dirname(dir, sizeof dir, path);
    struct statfs fs;
    if (statfs(dir, &fs) != 0)
        return NULL;
    switch ((unsigned long)fs.f_type) {
    case 0x6969UL:     /* NFS */
    case 0xFF534D42UL: /* CIFS */
    case 0xFE534D42UL: /* SMB2 */
    case 0x517BUL:     /* SMB */
    case 0x65735546UL: /* FUSE (sshfs and the like) */
        return "警告：账本位于网络共享目录，WAL 模式在网络文件系统上不安全，请把账本放在本机磁盘上";
    default: return NULL;
    }
}
