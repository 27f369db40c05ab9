/* points.c — the rules of 党员积分 (data/points.ini) and what a ranking binds and shows; the points themselves
 * are POINTS_SQL, computed from the ledger each time. */
#include "points.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "entity.h"
#include "ini.h"
#include "paths.h"
#include "store.h"
#include "text.h"

int points_rules_load(const char *path, const struct fx_config *cfg, struct points_rules *rules,
                      struct fx_error *err)
{
    memset(rules, 0, sizeof *rules);
    if (path)
        text_copy(rules->path, sizeof rules->path, path);
    else if (cfg && cfg->points_rules[0])
        text_copy(rules->path, sizeof rules->path, cfg->points_rules);
    else
        paths_join(rules->path, sizeof rules->path, paths_data_dir(), "points.ini");
    struct ini ini;
    int rc = ini_load(rules->path, &ini, err);
    if (rc) {
        if (rc == FX_ENOTFOUND)
            fx_fail(err, FX_ENOTFOUND, "找不到积分规则文件 %s", rules->path);
        return rc;
    }
    if (!(rc = ini_double(&ini, "points:per_hour", 0, -100, 100, &rules->per_hour, err)) &&
        !(rc = ini_double(&ini, "points:full_month", 0, -100, 100, &rules->full_month, err)))
        rc = ini_double(&ini, "points:absence", 0, -100, 100, &rules->absence, err);
    ini_free(&ini);
    return rc;
}

void points_bind(sqlite3_stmt *st, const struct points_rules *rules, int64_t branch_id)
{
    sqlite3_bind_int(st, 8, 0);
    sqlite3_bind_double(st, 12, rules->per_hour);
    sqlite3_bind_double(st, 13, rules->full_month);
    sqlite3_bind_double(st, 14, rules->absence);
    sqlite3_bind_int64(st, 15, branch_id);
}

void points_name(const char *name, const char *phone, int64_t same_name, char *out, size_t outsz)
{
    size_t n = strlen(phone);
    if (same_name > 1 && n >= 4)
        text_format(out, outsz, "%s（尾号%s）", name, phone + n - 4);
    else if (same_name > 1 && n > 0)
        text_format(out, outsz, "%s（电话%s）", name, phone);
    else
        text_copy(out, outsz, name);
}

/* Prepare sql (over POINTS_SQL) with every parameter of POINTS_SQL bound for year. */
static int prepare_year(sqlite3 *db, const char *sql, const struct points_rules *rules, bool count_candidates, int year,
                        int64_t branch_id, sqlite3_stmt **st, struct fx_error *err)
{
    int rc = store_prepare(db, sql, st, err);
    if (rc)
        return rc;
    char from[11], to[11];
    text_format(from, sizeof from, "%04d-01-01", year);
    text_format(to, sizeof to, "%04d-12-31", year);
    sqlite3_bind_text(*st, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(*st, 2, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(*st, 4, year);
    sqlite3_bind_int(*st, 5, count_candidates ? 1 : 0);
    points_bind(*st, rules, branch_id);
    return 0;
}

int points_count(sqlite3 *db, const struct points_rules *rules, bool count_candidates, int year, int64_t branch_id,
                 int64_t *n, struct fx_error *err)
{
    sqlite3_stmt *st;
    *n = 0;
    int rc = prepare_year(db, "SELECT count(*) FROM (" POINTS_SQL ")", rules, count_candidates, year, branch_id, &st, err);
    if (rc)
        return rc;
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return s == SQLITE_ROW ? 0 : store_fail(db, s, err, "统计积分");
}

int points_page(sqlite3 *db, const struct points_rules *rules, bool count_candidates, int year, int64_t branch_id,
                int64_t offset, struct points_row *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (prepare_year(db, "SELECT * FROM (" POINTS_SQL ") LIMIT ?10 OFFSET ?11", rules, count_candidates, year,
                     branch_id, &st, err))
        return -1;
    sqlite3_bind_int(st, 10, max);
    sqlite3_bind_int64(st, 11, offset);
    int n = 0, s = SQLITE_DONE;
    while (n < max && (s = sqlite3_step(st)) == SQLITE_ROW) {
        struct points_row *r = &rows[n];
        memset(r, 0, sizeof *r);
        r->seq = offset + n + 1;
        r->town_rank = sqlite3_column_int64(st, 0);
        r->branch_rank = sqlite3_column_int64(st, 1);
        text_copy(r->branch, sizeof r->branch, (const char *)sqlite3_column_text(st, 2));
        const char *name = (const char *)sqlite3_column_text(st, 3), *phone = (const char *)sqlite3_column_text(st, 4);
        points_name(name ? name : "", phone ? phone : "", sqlite3_column_int64(st, 5), r->shown, sizeof r->shown);
        r->hours = sqlite3_column_double(st, 6);
        r->full_months = sqlite3_column_int64(st, 7);
        r->absences = sqlite3_column_int64(st, 8);
        r->points = sqlite3_column_double(st, 9);
        r->member_id = sqlite3_column_int64(st, 10);
        r->branch_id = sqlite3_column_int64(st, 11);
        r->manual = sqlite3_column_double(st, 12);
        n++;
    }
    if (n < max && s != SQLITE_DONE) {
        store_fail(db, s, err, "读取积分");
        n = -1;
    }
    sqlite3_finalize(st);
    return n;
}

#define ADJ_GET "SELECT * FROM points_adjust WHERE id = ?"

int points_adjust_add(sqlite3 *db, struct points_adjust *a, struct fx_error *err)
{
    if (a->id)
        return fx_fail(err, FX_EINTERNAL, "积分加减只能新增（改动请作废后重记）");
    char date[11];
    if (date_normalize(a->date, date, err))
        return FX_EINPUT;
    text_copy(a->date, sizeof a->date, date);
    if (date_check_not_future(a->date, "积分加减日期", err))
        return FX_EINPUT;
    if (!(a->points >= -100 && a->points <= 100) || a->points == 0)
        return fx_fail_field(err, FX_EINPUT, "points", "加减的积分应在 -100 到 100 之间，且不为 0");
    text_trim(a->reason);
    text_trim(a->recorder);
    if (!a->reason[0])
        return fx_fail_field(err, FX_EINPUT, "reason", "积分加减必须写明原因");
    if (text_check_field(err, "reason", "原因", a->reason, FX_WHY_CHARS, 0) ||
        text_check_field(err, "recorder", "记录人", a->recorder, FX_PERSON_CHARS, 0))
        return FX_EINPUT;
    a->voided = false;
    a->void_reason[0] = '\0';
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    bool found = false;
    rc = store_exists(db, "SELECT 1 FROM member WHERE id = ?1", STORE_ARGS(STORE_INT(a->member_id)), &found, err);
    if (!rc && !found)
        rc = fx_fail_field(err, FX_EINPUT, "member", "没有编号为 %lld 的党员", (long long)a->member_id);
    if (!rc)
        rc = entity_refuse_closed(db, atoi(a->date), "新增积分加减", err);
    sqlite3_stmt *st = NULL;
    if (!rc)
        rc = store_prepare(db,
                           "INSERT INTO points_adjust (uuid, member_id, date, points, reason, recorder) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           &st, err);
    if (!rc) {
        store_uuid(a->uuid);
        sqlite3_bind_text(st, 1, a->uuid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, a->member_id);
        sqlite3_bind_text(st, 3, a->date, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 4, a->points);
        sqlite3_bind_text(st, 5, a->reason, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, a->recorder, -1, SQLITE_STATIC);
        int s = sqlite3_step(st);
        if (s != SQLITE_DONE)
            rc = store_fail(db, s, err, "记录积分加减");
        else
            a->id = sqlite3_last_insert_rowid(db);
    }
    sqlite3_finalize(st);
    if (!rc)
        rc = entity_audit(db, "points", "insert", ADJ_GET, a->id, a->uuid, NULL, err);
    return store_end(db, rc, err);
}

int points_adjust_void(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err)
{
    char why[FX_TEXT_BYTES(FX_WHY_CHARS)];
    text_copy(why, sizeof why, reason ? reason : "");
    if (!*text_trim(why))
        return fx_fail_field(err, FX_EINPUT, "reason", "作废必须写明原因");
    if (text_check_field(err, "reason", "作废原因", why, FX_WHY_CHARS, 0))
        return FX_EINPUT;
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    char uuid[37] = "", date[11] = "";
    int voided = 0;
    if (!(rc = store_prepare(db, "SELECT uuid, date, voided FROM points_adjust WHERE id = ?1", &st, err))) {
        sqlite3_bind_int64(st, 1, id);
        int s = sqlite3_step(st);
        if (s == SQLITE_ROW) {
            store_copy_column(uuid, sizeof uuid, st, 0);
            store_copy_column(date, sizeof date, st, 1);
            voided = sqlite3_column_int(st, 2);
        } else if (s == SQLITE_DONE) {
            rc = fx_fail(err, FX_ENOTFOUND, "没有编号为 %lld 的积分加减", (long long)id);
        } else {
            rc = store_fail(db, s, err, "读取积分加减");
        }
    }
    sqlite3_finalize(st);
    if (!rc)
        rc = entity_refuse_closed(db, atoi(date), "作废其中的积分加减", err);
    if (!rc && voided)
        rc = fx_fail(err, FX_EINPUT, "积分加减 %lld 已经作废", (long long)id);
    char *before = rc ? NULL : store_row_json(db, ADJ_GET, id);
    if (!rc)
        rc = store_run(db,
                       "UPDATE points_adjust SET voided = 1, void_reason = ?2, "
                       "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                       STORE_ARGS(STORE_INT(id), STORE_TEXT(why)), err);
    if (!rc)
        rc = entity_audit(db, "points", "void", ADJ_GET, id, uuid, before, err);
    sqlite3_free(before);
    return store_end(db, rc, err);
}

int points_adjust_each(sqlite3 *db, int year, points_adjust_fn fn, void *ctx, struct fx_error *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "SELECT p.id, p.uuid, p.member_id, p.date, p.points, p.reason, p.recorder, p.voided, "
                           "p.void_reason, m.name, b.name FROM points_adjust p JOIN member m ON m.id = p.member_id "
                           "JOIN branch b ON b.id = m.branch_id "
                           "WHERE ?1 = 0 OR CAST(substr(p.date, 1, 4) AS INTEGER) = ?1 ORDER BY p.date, p.id",
                           &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int(st, 1, year);
    struct points_adjust a;
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&a, 0, sizeof a);
        a.id = sqlite3_column_int64(st, 0);
        store_copy_column(a.uuid, sizeof a.uuid, st, 1);
        a.member_id = sqlite3_column_int64(st, 2);
        store_copy_column(a.date, sizeof a.date, st, 3);
        a.points = sqlite3_column_double(st, 4);
        store_copy_column(a.reason, sizeof a.reason, st, 5);
        store_copy_column(a.recorder, sizeof a.recorder, st, 6);
        a.voided = sqlite3_column_int(st, 7) != 0;
        store_copy_column(a.void_reason, sizeof a.void_reason, st, 8);
        store_copy_column(a.member, sizeof a.member, st, 9);
        store_copy_column(a.branch, sizeof a.branch, st, 10);
        if ((rc = fn(&a, ctx)) != 0)
            break;
    }
    sqlite3_finalize(st);
    if (!rc && s != SQLITE_DONE)
        rc = store_fail(db, s, err, "读取积分加减");
    return rc;
}
