/* export_sheet.h — the column layout of an export, shared by export.c (CSV) and the
 * XLSX writer in the output module (export_xlsx.c); not for other callers. */
#ifndef FX_EXPORT_SHEET_H
#define FX_EXPORT_SHEET_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"

struct export_col {
    const char *head;
    char type; /* 't' text, 'i' integer, 'r' real */
    int width; /* XLSX column width in characters */
};

struct export_def {
    const char *name, *label;
    const char *sql;
    struct export_col cols[20];
};

/* Columns in use (up to the first without a head). */
int export_ncols(const struct export_def *d);

/* Text safe for a spreadsheet cell: returns t itself when it is clean UTF-8
 * without controls (line breaks kept), else a sanitised copy in buf. */
const char *export_clean(const unsigned char *t, char *buf, size_t sz);

/* Write the rows of st (already prepared; finalized here) as an XLSX sheet at
 * path. Lives in the output module, loaded on first use (core/plugin.h). */
int export_xlsx_sheet(sqlite3 *db, sqlite3_stmt *st, const struct export_def *d, const char *path, int64_t *rows,
                      struct fx_error *err);

#endif
