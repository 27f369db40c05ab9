/* export_xlsx.c — a table export as an XLSX sheet through libxlsxwriter: text never a formula,
 * numbers as numbers, rows streamed. Part of the output module (fenxiao-render.so). */
#include <stdbool.h>
#include <string.h>
#include <xlsxwriter.h>

#include "csvout.h"
#include "export_sheet.h"
#include "plugin.h"
#include "store.h"

int fxp_export_xlsx_sheet(sqlite3 *db, sqlite3_stmt *st, const struct export_def *d, const char *path, int64_t *rows,
                          struct fx_error *err)
{
    int rc;
    int n = export_ncols(d);
    /* constant_memory: rows go to a temporary file as they come, not into RAM. */
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    if (!wb) {
        sqlite3_finalize(st);
        return fx_fail(err, FX_EFS, "无法创建文件 %s", path);
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, d->label);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *textfmt = workbook_add_format(wb);
    format_set_num_format(textfmt, "@");
    for (int i = 0; i < n; i++) {
        worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, d->cols[i].width, d->cols[i].type == 't' ? textfmt : NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)i, d->cols[i].head, bold);
    }
    worksheet_freeze_panes(ws, 1, 0);
    int64_t count = 0;
    char buf[8192], safe[8200];
    bool ok = true;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (count + 1 >= LXW_ROW_MAX) {
            ok = false;
            break;
        }
        lxw_row_t r = (lxw_row_t)(count + 1);
        for (int i = 0; i < n; i++) {
            lxw_error e;
            if (d->cols[i].type == 't') {
                /* Text is written as text and never starts like a formula. */
                csv_neutralise(safe, sizeof safe, export_clean(sqlite3_column_text(st, i), buf, sizeof buf));
                e = worksheet_write_string(ws, r, (lxw_col_t)i, safe, NULL);
            } else if (sqlite3_column_type(st, i) == SQLITE_NULL) {
                e = LXW_NO_ERROR; /* a number that is not there (feedback's counts beside a score) stays empty */
            } else {
                e = worksheet_write_number(ws, r, (lxw_col_t)i, sqlite3_column_double(st, i), NULL);
            }
            if (e != LXW_NO_ERROR && e != LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
                ok = false;
        }
        count++;
    }
    int step = rc;
    sqlite3_finalize(st);
    lxw_error closed = workbook_close(wb);
    if (rows)
        *rows = count;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return store_fail(db, step, err, "读取账本");
    if (!ok && step == SQLITE_ROW)
        return fx_fail(err, FX_EINPUT, "%s超过 XLSX 的行数上限（%d 行），请改用 CSV 导出", d->label, LXW_ROW_MAX);
    if (!ok || closed != LXW_NO_ERROR) {
        fx_fail(err, FX_EFS, "写出 %s 失败（磁盘已满或没有写入权限）", path);
        fx_detail(err, "libxlsxwriter: %s", lxw_strerror(closed));
        return FX_EFS;
    }
    return 0;
}

