/* report_sheet.h — 量化考评表 (report sheet): a scored standard's items with their 分值, the automatic figure
 * (系统核验), the 自评 and 考评 scores (sheet.h), their difference — marked ※ beyond [sheet] gap — the totals and the
 * stars each total earns. In report_kinds' shape (report.h). */
#ifndef FX_REPORT_SHEET_H
#define FX_REPORT_SHEET_H

#include "report.h"

int report_sheet_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                       struct fx_error *err);
int report_sheet_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                      struct fx_error *err);

/* 各分校量化考评对比表 (report sheet-county): one row per township of a merged ledger (the ledger's own unit when it
 * merged none) with its 自评 and 考评 totals and stars, their 差 (※ beyond [sheet] gap), the 系统核验 total and the
 * items scored, each from sheet_unit_totals; a 合计/平均 line. */
int report_sheet_county_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                              struct report *rep, struct fx_error *err);
int report_sheet_county_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                             struct fx_error *err);

#endif
