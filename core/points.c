/* points.c — the rules of 党员积分 (data/points.ini) and what a ranking binds and shows; the points themselves
 * are POINTS_SQL, computed from the ledger each time. */
#include "points.h"

#include <string.h>

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
        n++;
    }
    if (n < max && s != SQLITE_DONE) {
        store_fail(db, s, err, "读取积分");
        n = -1;
    }
    sqlite3_finalize(st);
    return n;
}
