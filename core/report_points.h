/* report_points.h — 党员积分排名 (report points): the year's points of each member by the rules of
 * data/points.ini, ranked in the township and in the branch (points.h). In report_kinds' shape (report.h). */
#ifndef FX_REPORT_POINTS_H
#define FX_REPORT_POINTS_H

#include "report.h"

/* The year req->period names; req->branch_id (0: all) keeps one branch's rows, its ranks still those of the
 * township and of the branch. */
int report_points_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                        struct report *rep, struct fx_error *err);
int report_points_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                       struct fx_error *err);

#endif
