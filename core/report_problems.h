/* report_problems.h — the three lists of seed 002 as one 清单 document (问题 / 责任单位·责任人 / 整改措施·时限),
 * in report_kinds' shape (report.h): `fenxiao report problems YYYY`. */
#ifndef FX_REPORT_PROBLEMS_H
#define FX_REPORT_PROBLEMS_H

#include "report.h"

/* The problems found in req->period's year, by date, one row per task (a problem without a task on a row of its
 * own), as of the day the report is made: a task not done whose deadline is before that day is marked 逾期.
 * The figures are problem_year_load's (problem.h: open, overdue). */
int report_problems_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                          struct report *rep, struct fx_error *err);
int report_problems_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                         struct fx_error *err);

#endif
