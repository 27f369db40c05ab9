/* report_funds.h — the funds ledger's reports: 年度经费使用情况 (budget, 分类汇总, cost per session) and the
 * 收支明细账 of a period with its running balance. Both in report_kinds' shape (report.h). */
#ifndef FX_REPORT_FUNDS_H
#define FX_REPORT_FUNDS_H

#include "report.h"

/* The year req->period names against its budget: one row per source, then per spending category; the
 * warnings of funds_year_warnings as notes; the figures of the training it paid for. */
int report_funds_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                       struct fx_error *err);
int report_funds_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                      struct fx_error *err);
/* The live entries of req->period by date, with the running balance from the 期初余额 and the reasons of
 * entries outside the rule. */
int report_funds_ledger_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                              struct report *rep, struct fx_error *err);
int report_funds_ledger_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                             struct fx_error *err);

/* The month summary's line on spending: "本月经费支出 X 元" from funds_month_expense, when the month has any
 * (nothing for a ledger that keeps no funds, or when the figure cannot be read: the line is not worth the report). */
void report_note_month_funds(struct report *rep);

#endif
