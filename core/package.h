/* package.h — 交账材料: a year's package written before the year is closed (`fenxiao close-year`): the year
 * summary, each installed standard's checklist with its evidence, plan against actual, the three lists and the
 * members' hours, as one PDF (目录, every page numbered) and one XLSX beside it (one sheet per part). */
#ifndef FX_PACKAGE_H
#define FX_PACKAGE_H

#include <sqlite3.h>
#include <stddef.h>

#include "config.h"
#include "error.h"

struct package_request {
    int year;
    const char *reason;      /* --reason: required when the year has open problems */
    const char *pdf_path;    /* -o; NULL: "<year>年交账材料.pdf" in the documents folder (paths_output_dir) */
    int flags;               /* outfile_flags: OUTFILE_REPLACE to overwrite existing files */
    const char *config_path; /* where the county's own standards are found (report_load_standards) */
};

/* The default file name: the 分校 then the year, "示例镇党校分校2026年交账材料.pdf". */
void package_default_name(const char *unit, int year, char *out, size_t outsz);
/* That name in the documents folder (paths_output_dir, made if missing): where close-year writes without -o. */
int package_default_path(sqlite3 *db, int year, char *out, size_t outsz, struct fx_error *err);

/* Close the year with its package: first what closing would refuse (maint_close_year_check: no reason with
 * open problems, FX_EINPUT; already closed, FX_ECLOSED) with nothing written; then the package's PDF and the
 * XLSX of the same name, both through outfile.h (an existing file only with OUTFILE_REPLACE, never the
 * ledger); only when both are on disk, the year is closed (maint_close_year_reason). A failure to write
 * (FX_EFS) leaves the year open. pdf_out and xlsx_out (4096 bytes each) get the files written. */
int package_close_year(sqlite3 *db, const struct fx_config *cfg, const struct package_request *req, char *pdf_out,
                       char *xlsx_out, struct fx_error *err);

#endif
