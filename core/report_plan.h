/* report_plan.h — 年度培训计划执行情况: a year's plan against what was done (plan.c's plan_progress), in
 * report_kinds' shape (report.h): `fenxiao report plan YYYY`. */
#ifndef FX_REPORT_PLAN_H
#define FX_REPORT_PLAN_H

#include "report.h"

/* The live plan items of req->period's year by month, each with its state as of the day the report is made
 * (已完成: a live session linked; 逾期; 未到期) and the first session linked. The figures are plan_progress's
 * tally of the whole year (计划 = 已完成 + 逾期 + 未到期, 完成率 = 已完成 ÷ 计划). */
int report_plan_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                      struct fx_error *err);
int report_plan_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                     struct fx_error *err);

#endif
