/* sheetin_xls.c — one sheet of an .xls (Excel 97–2003) workbook, row by row, read with freexl.
 * Part of the PDF/XLSX module. OLE2 files also carry .xlsx workbooks with an open password: told apart here. */
#define _GNU_SOURCE /* memfd_create, memmem */
#include <freexl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sheetin.h"
#include "sheetin_internal.h"

#define FORMAT "Excel 97-2003 工作簿（.xls）"

enum { MAX_SHEETS = 1024 };

struct xls {
    char name[1024];
    const void *h;
    int memfd; /* bytes from memory are given to freexl as a file */
    char fd_path[64];
    unsigned rows, next_row;
    unsigned short cols;
};

/* An .xlsx saved with an open password is an OLE2 file whose streams are
 * EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO); freexl finds no
 * workbook in it. The stream's name, in UTF-16 in the file's directory, says so. */
static const char enc_name[] = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0";

static bool encrypted_ooxml(const struct sheet_source *src, const char *path)
{
    if (src->data)
        return memmem(src->data, src->len, enc_name, sizeof enc_name - 1) != NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    enum { CH = 65536, OVER = sizeof enc_name - 1 };
    static char buf[CH + OVER];
    size_t keep = 0, n;
    bool found = false;
    while (!found && (n = fread(buf + keep, 1, CH, f)) > 0) {
        found = memmem(buf, keep + n, enc_name, OVER) != NULL;
        size_t total = keep + n;
        keep = total < OVER ? total : OVER;
        memmove(buf, buf + total - keep, keep);
    }
    fclose(f);
    return found;
}

/* freexl's verdict on a file it would not open, in the words of sheetin_fail_*. */
static int open_failed(struct xls *x, const struct sheet_source *src, const char *path, int rc, struct fx_error *err)
{
    if (rc == FREEXL_INSUFFICIENT_MEMORY)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    if (encrypted_ooxml(src, path))
        return sheetin_fail_password(err, x->name);
    char detail[64];
    snprintf(detail, sizeof detail, "freexl error %d", rc);
    return sheetin_fail_corrupt(err, x->name, FORMAT, detail);
}

/* Open with freexl (info only, or the cells too) and check what freexl does not refuse itself. */
static int open_handle(struct xls *x, const struct sheet_source *src, const char *path, bool cells,
                       struct fx_error *err)
{
    const void *h = NULL;
    int rc = cells ? freexl_open(path, &h) : freexl_open_info(path, &h);
    if (rc != FREEXL_OK) {
        if (h)
            freexl_close(h);
        return open_failed(x, src, path, rc, err);
    }
    /* freexl stops at a FILEPASS record (the workbook is encrypted) and gives no handle. */
    if (!h)
        return sheetin_fail_password(err, x->name);
    x->h = h;
    unsigned info = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED)
        return sheetin_fail_password(err, x->name);
    return 0;
}

static void close_handle(struct xls *x)
{
    if (x->h)
        freexl_close(x->h);
    x->h = NULL;
}

/* Which sheet, and whether every sheet is small enough for freexl to load:
 * it holds a sheet's cells in memory, as many as its dimensions claim. */
static int choose(struct xls *x, const struct sheet_source *src, struct sheet_reader *out, int *chosen,
                  struct fx_error *err)
{
    unsigned n = 0;
    if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &n) != FREEXL_OK || n == 0)
        return sheetin_fail_corrupt(err, x->name, FORMAT, "no worksheet");
    if (n > MAX_SHEETS)
        n = MAX_SHEETS;
    char **names = calloc(n, sizeof *names);
    if (!names)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    int rc = 0;
    for (unsigned i = 0; i < n && !rc; i++) {
        const char *name = NULL;
        unsigned rows = 0;
        unsigned short cols = 0;
        if (freexl_get_worksheet_name(x->h, (unsigned short)i, &name) != FREEXL_OK ||
            freexl_select_active_worksheet(x->h, (unsigned short)i) != FREEXL_OK ||
            freexl_worksheet_dimensions(x->h, &rows, &cols) != FREEXL_OK) {
            rc = sheetin_fail_corrupt(err, x->name, FORMAT, "a worksheet cannot be read");
            break;
        }
        if ((uint64_t)rows * cols > SHEETIN_MAX_CELLS)
            rc = sheetin_fail_too_big(err, x->name, "其中一个工作表超过 400 万个单元格");
        names[i] = strdup(name ? name : "");
        if (!names[i] && !rc)
            rc = fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    if (!rc) {
        *chosen = sheetin_choose(src->sheet, (const char *const *)names, NULL, (int)n);
        if (*chosen < 0) {
            char list[400] = "";
            for (unsigned k = 0; k < n; k++) {
                size_t used = strlen(list);
                snprintf(list + used, sizeof list - used, "%s%s", k ? "、" : "", names[k]);
            }
            rc = sheetin_fail_no_sheet(err, x->name, src->sheet, list);
        } else {
            snprintf(out->sheet, sizeof out->sheet, "%s", names[*chosen]);
        }
    }
    for (unsigned i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

static int xls_next(void *impl, struct sheet_row *row, struct fx_error *err)
{
    struct xls *x = impl;
    if (x->next_row >= x->rows)
        return 0;
    unsigned r = x->next_row++;
    sheetin_row_begin(row, (int)r + 1);
    for (unsigned short c = 0; c < x->cols; c++) {
        FreeXL_CellValue v;
        if (freexl_get_cell_value(x->h, r, c, &v) != FREEXL_OK)
            return sheetin_fail_corrupt(err, x->name, FORMAT, "a cell cannot be read");
        const char *t = v.value.text_value;
        switch (v.type) {
        case FREEXL_CELL_INT: sheetin_row_put_number(row, c, v.value.int_value, SHEETIN_NUMBER, false); break;
        case FREEXL_CELL_DOUBLE: sheetin_row_put_number(row, c, v.value.double_value, SHEETIN_NUMBER, false); break;
        case FREEXL_CELL_TEXT:
        case FREEXL_CELL_SST_TEXT:
        case FREEXL_CELL_DATE:
        case FREEXL_CELL_TIME:
            if (t)
                sheetin_row_put(row, c, t, strlen(t));
            break;
        case FREEXL_CELL_DATETIME: /* "YYYY-MM-DD HH:MM:SS"; midnight is a date */
            if (t)
                sheetin_row_put(row, c, t, strlen(t) == 19 && !strcmp(t + 10, " 00:00:00") ? 10 : strlen(t));
            break;
        default: break;
        }
    }
    return 1;
}

static void xls_close(void *impl)
{
    struct xls *x = impl;
    if (!x)
        return;
    close_handle(x);
    if (x->memfd >= 0)
        close(x->memfd);
    free(x);
}

static int xls_open(struct xls *x, const struct sheet_source *src, struct sheet_reader *out, struct fx_error *err)
{
    const char *path = src->path;
    if (!path) {
        x->memfd = memfd_create("fenxiao-sheet", MFD_CLOEXEC);
        if (x->memfd < 0 || write(x->memfd, src->data, src->len) != (ssize_t)src->len)
            return fx_fail(err, FX_EINTERNAL, "无法准备临时文件");
        snprintf(x->fd_path, sizeof x->fd_path, "/proc/self/fd/%d", x->memfd);
        path = x->fd_path;
    }
    int chosen = 0;
    int rc = open_handle(x, src, path, false, err);
    if (!rc)
        rc = choose(x, src, out, &chosen, err);
    close_handle(x);
    if (rc)
        return rc;
    if ((rc = open_handle(x, src, path, true, err)) != 0)
        return rc;
    if (freexl_select_active_worksheet(x->h, (unsigned short)chosen) != FREEXL_OK ||
        freexl_worksheet_dimensions(x->h, &x->rows, &x->cols) != FREEXL_OK)
        return sheetin_fail_corrupt(err, x->name, FORMAT, "the worksheet cannot be read");
    return 0;
}

int fxp_sheet_open_xls(const struct sheet_source *src, struct sheet_reader *out, struct fx_error *err)
{
    struct xls *x = calloc(1, sizeof *x);
    if (!x)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    x->memfd = -1;
    snprintf(x->name, sizeof x->name, "%s", src->name ? src->name : "");
    int rc = xls_open(x, src, out, err);
    if (rc) {
        xls_close(x);
        return rc;
    }
    out->impl = x;
    out->next = xls_next;
    out->close = xls_close;
    snprintf(out->format, sizeof out->format, "%s", FORMAT);
    return 0;
}
