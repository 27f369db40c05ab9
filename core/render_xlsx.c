/* render_xlsx.c — a report as an Excel workbook through libxlsxwriter, streamed row by row
 * (constant_memory), numbers as numbers, text as inert strings, printable on A4. */
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

#include "csvout.h"
#include "plugin.h"
#include "render.h"
#include "text.h"

#define XLSX_MAX_ROWS 1048576

struct xlsx {
    lxw_worksheet *ws;
    lxw_format *text, *integer, *number, *percent, *money, *bold;
    lxw_row_t row;
    lxw_error first; /* the first failure; later writes are skipped */
};

static void note_error(struct xlsx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->first == LXW_NO_ERROR)
        x->first = e;
}

/* Every string goes in as valid UTF-8 without control characters, and with the
 * same neutralising as the CSV so `=HYPERLINK(…)` stays text in any program that
 * later re-reads the cell. worksheet_write_string never writes a formula. */
static void put_text(struct xlsx *x, lxw_col_t col, const char *s, lxw_format *fmt)
{
    char clean[1024], safe[1100];
    if (!s || !*s)
        return;
    text_sanitize(clean, sizeof clean, s); /* controls dropped, bad bytes become U+FFFD */
    csv_neutralise(safe, sizeof safe, clean);
    if (!text_valid_utf8(safe, strlen(safe)))
        return; /* cannot happen after text_sanitize; never hand bad UTF-8 to the writer */
    note_error(x, worksheet_write_string(x->ws, x->row, col, safe, fmt));
}

static void put_cell(struct xlsx *x, lxw_col_t col, const struct report_cell *c)
{
    switch (c->type) {
    case CELL_INT: note_error(x, worksheet_write_number(x->ws, x->row, col, report_cell_rounded(c), x->integer)); break;
    case CELL_NUMBER:
        note_error(x, worksheet_write_number(x->ws, x->row, col, report_cell_rounded(c), x->number));
        break;
    case CELL_PERCENT:
        note_error(x, worksheet_write_number(x->ws, x->row, col, report_cell_rounded(c), x->percent));
        break;
    case CELL_MONEY: note_error(x, worksheet_write_number(x->ws, x->row, col, report_cell_rounded(c), x->money)); break;
    case CELL_TEXT: put_text(x, col, c->text, x->text); break;
    default: note_error(x, worksheet_write_blank(x->ws, x->row, col, x->text)); break;
    }
}

/* The 合计 row: a column that sums or divides is a formula over the rows above, with the model's value
 * cached so every reader shows it (the model's 合计 counts the same sessions as the rows). */
static void put_totals(struct xlsx *x, const struct report *rep, lxw_row_t first)
{
    const struct report_row *t = &rep->totals;
    for (int i = 0; i < t->ncells; i++) {
        const struct report_column *c = &rep->col[i];
        const struct report_cell *v = &t->cell[i];
        bool number = v->type == CELL_INT || v->type == CELL_NUMBER || v->type == CELL_PERCENT;
        char f[128], a[16], b[16];
        if (number && c->total == 's' && x->row > first) {
            lxw_rowcol_to_range(a, first, (lxw_col_t)i, x->row - 1, (lxw_col_t)i);
            text_format(f, sizeof f, "=SUM(%s)", a);
            note_error(x, worksheet_write_formula_num(x->ws, x->row, (lxw_col_t)i, f,
                                                      v->type == CELL_INT ? x->integer : x->number,
                                                      report_cell_rounded(v)));
        } else if (v->type == CELL_PERCENT && c->total == 'r') {
            lxw_rowcol_to_cell(a, x->row, (lxw_col_t)c->rate_num);
            lxw_rowcol_to_cell(b, x->row, (lxw_col_t)c->rate_den);
            text_format(f, sizeof f, "=%s/%s", a, b);
            note_error(x, worksheet_write_formula_num(x->ws, x->row, (lxw_col_t)i, f, x->percent, v->value));
        } else {
            put_cell(x, (lxw_col_t)i, v);
        }
    }
    x->row++;
}

static int put_row(const struct report_row *r, void *ctx)
{
    struct xlsx *x = ctx;
    if (x->row >= XLSX_MAX_ROWS - 1)
        return FX_EINPUT;
    for (int i = 0; i < r->ncells; i++)
        put_cell(x, (lxw_col_t)i, &r->cell[i]);
    x->row++;
    return 0;
}

static lxw_format *bordered(lxw_workbook *wb, const char *num_format)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 10);
    if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

/* One sheet of the workbook: rep, named name (NULL: rep->sheet). Returns 0 or an fx status from the rows;
 * *first gets the first failure of the writer. */
static int add_sheet(lxw_workbook *wb, const struct report *rep, const char *name, lxw_error *failed,
                     struct fx_error *err)
{
    char sheet[128];
    text_sanitize(sheet, sizeof sheet, name ? name : rep->sheet[0] ? rep->sheet : "报表");
    sheet[text_fit_columns(sheet, 31, NULL)] = '\0'; /* ASCII-safe bound; labels are short anyway */
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    if (!ws)
        ws = workbook_add_worksheet(wb, NULL);
    struct xlsx x = {.ws = ws, .row = 0, .first = LXW_NO_ERROR};
    x.text = bordered(wb, NULL);
    x.integer = bordered(wb, "0");
    x.number = bordered(wb, "General");
    x.money = bordered(wb, "#,##0.00");
    x.percent = bordered(wb, "0.0%");
    lxw_format *title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 16);
    format_set_font_name(title, "宋体");
    lxw_format *head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_bg_color(head, 0xE8E8E8);
    format_set_font_name(head, "宋体");
    format_set_font_size(head, 10);
    lxw_format *plain = workbook_add_format(wb);
    format_set_font_name(plain, "宋体");
    format_set_font_size(plain, 10);

    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 2, 2);
    for (int i = 0; i < rep->ncols; i++)
        worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, rep->col[i].width + 2, NULL);

    /* The title across the table, centred, as a form's heading is. */
    format_set_align(title, LXW_ALIGN_CENTER);
    format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
    if (rep->ncols > 1) {
        char clean[1024], safe[1100];
        text_sanitize(clean, sizeof clean, rep->title);
        csv_neutralise(safe, sizeof safe, clean);
        note_error(&x, worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(rep->ncols - 1), safe, title));
    } else {
        put_text(&x, 0, rep->title, title);
    }
    worksheet_set_row(ws, 0, 26, NULL);
    x.row++;
    char info[1024];
    snprintf(info, sizeof info, "单位：%s    期间：%s    制表日期：%s", rep->unit, rep->period_label, rep->made);
    put_text(&x, 0, info, plain);
    x.row++;
    for (int i = 0; i < rep->ncols; i++)
        put_text(&x, (lxw_col_t)i, rep->col[i].title, head);
    x.row++;
    lxw_row_t first = x.row;
    int rc = report_rows(rep, 0, -1, put_row, &x, err);
    if (rc == FX_EINPUT)
        fx_fail(err, rc, "报表行数超过 Excel 的上限，请改用 CSV");
    if (!rc && rep->has_totals)
        put_totals(&x, rep, first);
    if (!rc && rep->nfigures) {
        x.row++;
        for (int i = 0; i < rep->nfigures; i++) {
            put_text(&x, 0, rep->fig[i].label, x.text);
            put_cell(&x, 1, &rep->fig[i].value);
            put_text(&x, 2, rep->fig[i].suffix, plain);
            x.row++;
        }
    }
    if (!rc && rep->nnotes) {
        x.row++;
        put_text(&x, 0, "注：", plain);
        x.row++;
        for (int i = 0; i < rep->nnotes; i++) {
            char note[REPORT_NOTE_LEN + 16];
            snprintf(note, sizeof note, "%d. %s", i + 1, rep->notes[i]);
            put_text(&x, 0, note, plain);
            x.row++;
        }
    }
    if (!rc) {
        x.row++;
        char sign[256];
        snprintf(sign, sizeof sign, "%s：____________    %s：____________    %s：____________", rep->sign[0],
                 rep->sign[1], rep->sign[2]);
        put_text(&x, 0, sign, plain);
    }
    if (*failed == LXW_NO_ERROR)
        *failed = x.first;
    return rc;
}

static lxw_workbook *open_workbook(const char *path, struct fx_error *err)
{
    /* Create the file 0600 first; libxlsxwriter then rewrites it in place. */
    FILE *f = render_open_file(path, err);
    if (!f)
        return NULL;
    fclose(f);
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    if (!wb)
        fx_fail(err, FX_EFS, "无法创建 Excel 文件：%s", path);
    return wb;
}

static int close_workbook(lxw_workbook *wb, const char *path, int rc, lxw_error first, struct fx_error *err)
{
    lxw_error closed = workbook_close(wb);
    chmod(path, 0600);
    if (rc)
        return rc;
    if (first != LXW_NO_ERROR)
        return fx_fail(err, FX_EINTERNAL, "写入 Excel 单元格失败：%s", lxw_strerror(first));
    if (closed != LXW_NO_ERROR)
        return fx_fail(err, FX_EFS, "无法写完 Excel 文件 %s：%s", path, lxw_strerror(closed));
    return 0;
}

int fxp_render_xlsx(const struct report *rep, const char *path, struct fx_error *err)
{
    if (rep->nrows + 64 >= XLSX_MAX_ROWS)
        return fx_fail(err, FX_EINPUT, "报表有 %lld 行，超过 Excel 的上限，请改用 CSV", (long long)rep->nrows);
    lxw_workbook *wb = open_workbook(path, err);
    if (!wb)
        return FX_EFS;
    lxw_error first = LXW_NO_ERROR;
    int rc = add_sheet(wb, rep, NULL, &first, err);
    return close_workbook(wb, path, rc, first, err);
}

int fxp_render_xlsx_package(const struct report *const *parts, const char *const *sheets, int n, const char *path,
                            struct fx_error *err)
{
    for (int i = 0; i < n; i++)
        if (parts[i]->nrows + 64 >= XLSX_MAX_ROWS)
            return fx_fail(err, FX_EINPUT, "%s有 %lld 行，超过 Excel 的上限", parts[i]->title,
                           (long long)parts[i]->nrows);
    lxw_workbook *wb = open_workbook(path, err);
    if (!wb)
        return FX_EFS;
    lxw_error first = LXW_NO_ERROR;
    int rc = 0;
    for (int i = 0; i < n && !rc; i++)
        rc = add_sheet(wb, parts[i], sheets[i], &first, err);
    return close_workbook(wb, path, rc, first, err);
}
