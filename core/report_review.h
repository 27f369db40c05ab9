/* report_review.h — 查账 (report review YYYY [--as-of DATE]): the five parts of review.h as one report, rows
 * grouped by part (计划对照 / 检查清单 / 学时 / 未点名的培训 / 问题) with a headline figure per part. In
 * report_kinds' shape (report.h). */
#ifndef FX_REPORT_REVIEW_H
#define FX_REPORT_REVIEW_H

#include "report.h"

/* The year req->period names as of req->as_of (NULL: today), every standard of req->stds checked. */
int report_review_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                        struct fx_error *err);
int report_review_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                       struct fx_error *err);

#endif
