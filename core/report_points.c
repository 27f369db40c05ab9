/* report_points.c — 党员积分排名: POINTS_SQL's rows as a report, with the rules it used as notes. */
#include "report_points.h"

#include <stdlib.h>
#include <string.h>

#include "points.h"
#include "report_internal.h"
#include "store.h"
#include "text.h"

static int prepare(const struct report *rep, const char *sql, sqlite3_stmt **st, struct fx_error *err)
{
    const struct report_points_params *pp = &rep->params.points;
    if (report_prepare(rep, sql, st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int(*st, 5, pp->count_candidates ? 1 : 0);
    points_bind(*st, &pp->rules, pp->branch_id);
    return 0;
}

static void fill(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    (void)seq;
    char name[REPORT_CELL_LEN];
    points_name(report_col_text(st, 3), report_col_text(st, 4), sqlite3_column_int64(st, 5), name, sizeof name);
    report_put_int(r, 0, sqlite3_column_int64(st, 0));
    report_put_int(r, 1, sqlite3_column_int64(st, 1));
    report_put_text(r, 2, report_col_text(st, 2));
    report_put_text(r, 3, name);
    report_put_num(r, 4, sqlite3_column_double(st, 6), 1);
    report_put_int(r, 5, sqlite3_column_int64(st, 7));
    report_put_int(r, 6, sqlite3_column_int64(st, 8));
    report_put_num(r, 7, sqlite3_column_double(st, 9), 1);
    report_put_num(r, 8, sqlite3_column_double(st, 12), 1);
}

int report_points_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                       struct fx_error *err)
{
    sqlite3_stmt *st;
    if (prepare(rep, "SELECT * FROM (" POINTS_SQL ") LIMIT ?10 OFFSET ?11", &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 10, limit < 0 ? -1 : limit);
    sqlite3_bind_int64(st, 11, offset);
    return report_stream(rep, st, offset, fill, fn, ctx, "读取积分", err);
}

/* A rule's value as the notes print it: 1, 0.5, -2. */
static void rule_text(double v, char *out, size_t outsz)
{
    text_format(out, outsz, "%g", v);
}

int report_points_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                        struct report *rep, struct fx_error *err)
{
    report_begin(db, cfg, REPORT_POINTS, rep);
    struct report_points_params *pp = &rep->params.points;
    int rc = points_rules_load(NULL, cfg, &pp->rules, err);
    if (rc)
        return rc;
    struct fx_config defaults;
    pp->count_candidates = report_config(cfg, &defaults)->count_candidates;
    pp->branch_id = req->branch_id;
    report_set_period(rep, &req->period, "党员积分排名", "points");
    report_add_col(rep, "名次", 'r', 5);
    report_add_col(rep, "支部名次", 'r', 8);
    report_add_col(rep, "党组织", 'l', 26);
    report_add_col(rep, "姓名", 'l', 18);
    report_add_col(rep, "学时", 'r', 7);
    report_add_col(rep, "全勤月", 'r', 6);
    report_add_col(rep, "无故缺席", 'r', 8);
    report_add_col(rep, "积分", 'r', 8);
    report_add_col(rep, "其中手工", 'r', 8);

    sqlite3_stmt *st;
    if (prepare(rep, "SELECT count(*), ifnull(max(pts), 0), ifnull(avg(pts), 0) FROM (" POINTS_SQL ")", &st, err))
        return FX_EINTERNAL;
    int s = sqlite3_step(st);
    int64_t n = 0;
    double top = 0, mean = 0;
    if (s == SQLITE_ROW) {
        n = sqlite3_column_int64(st, 0);
        top = sqlite3_column_double(st, 1);
        mean = sqlite3_column_double(st, 2);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_ROW)
        return store_fail(db, s, err, "统计积分");
    rep->nrows = n;
    report_add_figure_int(rep, "排名人数", n, "人");
    report_add_figure_num(rep, "最高积分", top, 1, "分");
    report_add_figure_num(rep, "平均积分", mean, 1, "分");

    char h[32], f[32], a[32];
    rule_text(pp->rules.per_hour, h, sizeof h);
    rule_text(pp->rules.full_month, f, sizeof f);
    rule_text(pp->rules.absence, a, sizeof a);
    const char *file = strrchr(pp->rules.path, '/');
    report_add_note(rep, "积分 = 学时 × %s + 全勤月 × %s + 无故缺席次数 × %s + 手工加减（本地设定，见 %s）。", h, f, a,
                    file ? file + 1 : pp->rules.path);
    report_add_note(rep, "其中手工：积分中手工加减的部分，即当年未作废的手工加减之和；每笔都写明原因，记入审计日志。");
    report_add_note(rep, "只计未作废、学时计入党员学时的培训；全勤月：当月至少应到一次且每次都到；请假不算缺席。");
    report_add_note(rep, "排名对象：当年在册党员%s；积分相同者名次相同。同名者以电话尾号区分。",
                    pp->count_candidates ? "及入党积极分子、发展对象" : "");
    if (pp->branch_id)
        report_add_note(rep, "只列一个党组织；“名次”仍为全镇名次，“支部名次”为本支部内名次。");
    return 0;
}
