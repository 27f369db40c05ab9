/* report_archive.h — 归档目录 (report archive): a year's records with attachments, one line each with its 卷号, for
 * the cabinet (archive.h). In report_kinds' shape (report.h). */
#ifndef FX_REPORT_ARCHIVE_H
#define FX_REPORT_ARCHIVE_H

#include "report.h"

int report_archive_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                         struct report *rep, struct fx_error *err);
int report_archive_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                        struct fx_error *err);

#endif
