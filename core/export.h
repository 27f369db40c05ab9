/* export.h — every table of the ledger out to CSV or XLSX for spreadsheets.
 * Rows are streamed from one query; cells are formula-safe, numbers stay numbers. */
#ifndef FX_EXPORT_H
#define FX_EXPORT_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

enum export_table {
    EXPORT_BRANCHES,
    EXPORT_MEMBERS,
    EXPORT_TEACHERS,
    EXPORT_VENUES,
    EXPORT_COURSES,
    EXPORT_SESSIONS,
    EXPORT_ATTENDANCE,
    EXPORT_FUNDS, /* 经费台账: every funds entry, voided ones marked */
    EXPORT_PLAN,  /* 年度培训计划: every plan item with its linked sessions, voided ones marked */
    EXPORT_PROBLEMS, /* 问题清单: one row per task (a problem without a task on its own row) */
    EXPORT_FEEDBACK, /* 培训评价: every session's feedback, with 满意度 as feedback.h defines it */
    EXPORT_NTABLES
};

/* "members" (or 党员 …) → enum export_table; -1 if unknown. */
int export_table_parse(const char *name);
/* "党员名册", "培训台账" …: the sheet name and a title for people. */
const char *export_table_label(int table);

/* Write the table as CSV (UTF-8 with BOM, CRLF, csvout's formula rule) to out.
 * The headers are the Chinese names import.ini knows, so an export imports
 * back unchanged. *rows (may be NULL) gets the data rows written. FX_EFS when
 * a write fails (disk full, closed pipe). */
int export_csv(sqlite3 *db, int table, FILE *out, int64_t *rows, struct fx_error *err);

/* Write the table to path as CSV or XLSX (format "csv" or "xlsx") through
 * outfile.h: mode 0600, put in place only when complete, an existing file
 * replaced only with OUTFILE_REPLACE in flags, never the ledger or a backup. XLSX cells
 * hold text (neutralised like CSV, never a formula) or numbers. */
int export_file(sqlite3 *db, int table, const char *format, const char *path, int flags, int64_t *rows,
                struct fx_error *err);

#endif
