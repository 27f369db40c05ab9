/* report_plan.c — 年度培训计划执行情况: every live plan item of a year with its state, and the year's tally.
 * Every figure is plan_progress's (plan.c), counted as of the day the report is made. */
#include "report_plan.h"

#include <stdlib.h>

#include "plan.h"
#include "report_internal.h"
#include "text.h"

int report_plan_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                     struct fx_error *err)
{
    struct plan_progress pp;
    int rc = plan_progress(rep->db, rep->period.year, rep->made, &pp, err);
    if (rc)
        return rc;
    struct report_row *r = malloc(sizeof *r);
    if (!r) {
        plan_progress_free(&pp);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    for (int64_t i = offset; i < pp.nrows && (limit < 0 || i < offset + limit) && !rc; i++) {
        const struct plan_row *pr = &pp.rows[i];
        char months[32];
        plan_format_months(pr->item.month_first, pr->item.month_last, months, sizeof months);
        report_row_clear(rep, r);
        report_put_int(r, 0, i + 1);
        report_put_text(r, 1, months);
        report_put_text(r, 2, pr->item.title);
        report_put_text(r, 3, pr->item.category);
        report_put_num(r, 4, pr->item.hours, 1);
        report_put_text(r, 5, pr->item.responsible);
        report_put_text(r, 6, plan_state_label(pr->state));
        if (pr->session_id)
            report_put_textf(r, 7, "%s（%d 次）", pr->session_date, pr->sessions);
        rc = fn(r, ctx);
    }
    free(r);
    plan_progress_free(&pp);
    return rc;
}

int report_plan_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                      struct fx_error *err)
{
    report_begin(db, cfg, REPORT_PLAN, rep);
    report_set_period(rep, &req->period, "培训计划执行情况", "plan");
    if (req->cover)
        text_format(rep->title, sizeof rep->title, "%d年度培训台账 · 年度培训计划", req->period.year);
    bool opened = false;
    char at[32] = "", by[160] = "";
    int rc = plan_year_opened(db, req->period.year, &opened, at, by, err);
    if (rc)
        return rc;
    struct plan_progress pp;
    rc = plan_progress(db, req->period.year, rep->made, &pp, err);
    if (rc)
        return rc;
    report_add_col(rep, "序号", 'r', 4);
    report_add_col(rep, "月份", 'l', 8);
    report_add_col(rep, "培训项目", 'l', 28);
    report_add_col(rep, "内容类别", 'l', 14);
    report_add_col(rep, "计划学时", 'r', 8);
    report_add_col(rep, "负责人", 'l', 8);
    report_add_col(rep, "完成情况", 'c', 8);
    report_add_col(rep, "培训日期（次数）", 'l', 16);
    rep->nrows = pp.nrows;
    const struct plan_tally *t = &pp.month[0];
    report_add_figure_int(rep, "计划", t->planned, "项");
    report_add_figure_int(rep, "已完成", t->done, "项");
    report_add_figure_int(rep, "逾期", t->overdue, "项");
    report_add_figure_int(rep, "未到期", t->pending, "项");
    report_add_figure_rate(rep, "完成率", t->done, t->planned);
    report_add_note(rep, "已完成：计划项目已关联至少一条未作废的培训记录；培训日期为最早的一次。");
    report_add_note(rep, "逾期：截至制表日（%s）未完成且计划月份已过；未到期：计划月份未过。", rep->made);
    if (opened)
        report_add_note(rep, "建账：%.10s，建账人 %s。", at, by);
    else
        report_add_note(rep, "%d 年尚未建账。", req->period.year);
    if (pp.voided)
        report_add_note(rep, "另有 %d 个已作废的计划项目，不计入以上各数。", pp.voided);
    plan_progress_free(&pp);
    return 0;
}
