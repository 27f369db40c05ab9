/* render_csv.c — a report as CSV for Excel/WPS: title block, table, 合计, figures, notes.
 * Numbers are written as shown on paper (rounded), so the CSV and the PDF agree. */
#include "csvout.h"
#include "render.h"

static void csv_cell(struct csv_out *c, const struct report_cell *cell)
{
    char v[REPORT_CELL_LEN];
    switch (cell->type) {
    case CELL_INT:
    case CELL_NUMBER: csv_number(c, report_cell_rounded(cell)); break;
    case CELL_MONEY: /* "1,234.50", as on paper; Excel takes it for a number */
    case CELL_PERCENT:
        /* "83.3%" is what people read, and Excel takes it for a percentage. */
        report_cell_format(cell, v, sizeof v);
        csv_text(c, v);
        break;
    case CELL_TEXT: csv_text(c, cell->text); break;
    default: csv_text(c, ""); break;
    }
}

static int csv_row(const struct report_row *r, void *ctx)
{
    struct csv_out *c = ctx;
    for (int i = 0; i < r->ncells; i++)
        csv_cell(c, &r->cell[i]);
    csv_end_row(c);
    return c->ok ? 0 : FX_EFS;
}

int render_csv(const struct report *rep, FILE *out, bool bom, struct fx_error *err)
{
    struct csv_out c;
    csv_begin(&c, out, bom);
    csv_text(&c, rep->title);
    csv_end_row(&c);
    csv_text(&c, "单位");
    csv_text(&c, rep->unit);
    csv_text(&c, "期间");
    csv_text(&c, rep->period_label);
    csv_text(&c, "制表日期");
    csv_text(&c, rep->made);
    csv_end_row(&c);
    for (int i = 0; i < rep->ncols; i++)
        csv_text(&c, rep->col[i].title);
    csv_end_row(&c);
    int rc = report_rows(rep, 0, -1, csv_row, &c, err);
    if (rc && rc != FX_EFS)
        return rc;
    if (rep->has_totals)
        csv_row(&rep->totals, &c);
    if (rep->nfigures) {
        csv_end_row(&c);
        csv_text(&c, "指标");
        csv_text(&c, "数值");
        csv_text(&c, "单位");
        csv_end_row(&c);
        for (int i = 0; i < rep->nfigures; i++) {
            csv_text(&c, rep->fig[i].label);
            csv_cell(&c, &rep->fig[i].value);
            csv_text(&c, rep->fig[i].suffix);
            csv_end_row(&c);
        }
    }
    if (rep->nnotes) {
        csv_end_row(&c);
        csv_text(&c, "注");
        csv_end_row(&c);
        for (int i = 0; i < rep->nnotes; i++) {
            char note[REPORT_NOTE_LEN + 16];
            snprintf(note, sizeof note, "%d. %s", i + 1, rep->notes[i]);
            csv_text(&c, note);
            csv_end_row(&c);
        }
    }
    csv_end_row(&c);
    for (int i = 0; i < 3; i++) {
        csv_text(&c, rep->sign[i]);
        csv_text(&c, "");
    }
    csv_end_row(&c);
    if (!csv_finish(&c))
        return fx_fail(err, FX_EFS, "写出报表失败（磁盘已满或管道已关闭）");
    return 0;
}
