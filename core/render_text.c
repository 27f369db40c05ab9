/* render_text.c — a report as lines of text aligned by display width, for the
 * terminal and for the 报表 screen's scrolling preview (any window of lines). */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "text.h"

#define GAP        2    /* spaces between columns: CJK columns need air to read */
#define LINE_MAX   4096 /* bytes of one rendered line */
#define FOOT_MAX   96   /* lines after the table: rules, totals, figures, notes, signatures */
#define HEAD_LINES 5    /* title, unit/period/date, rule, column titles, rule */

/* Column i's display columns as text. */
static int col_width(const struct report *rep, int i)
{
    return rep->col[i].text_width > 0 ? rep->col[i].text_width : rep->col[i].width;
}

int render_text_width(const struct report *rep)
{
    int w = 0;
    for (int i = 0; i < rep->ncols; i++)
        w += col_width(rep, i) + (i ? GAP : 0);
    return w < 40 ? 40 : w;
}

static void rule(char *out, int width, char ch)
{
    int n = width < LINE_MAX - 1 ? width : LINE_MAX - 1;
    memset(out, ch, (size_t)n);
    out[n] = '\0';
}

/* Append s to out (sanitised), fitted and padded to cols columns. */
static void put_cell(char *out, size_t outsz, const char *s, int cols, char align)
{
    char clean[REPORT_CELL_LEN * 2], cell[REPORT_CELL_LEN * 2];
    text_sanitize(clean, sizeof clean, s);
    text_fit_pad(cell, sizeof cell, clean, cols, align);
    size_t len = strlen(out);
    snprintf(out + len, outsz - len, "%s", cell);
}

/* whole: a text cell wider than its column pushes the rest of the line on instead of being cut
 * (the text written to a file or a pipe is a record and keeps every character; the preview cuts). */
static void format_row(const struct report *rep, const struct report_row *r, bool whole, char *out, size_t outsz)
{
    out[0] = '\0';
    for (int i = 0; i < rep->ncols; i++) {
        char v[REPORT_CELL_LEN];
        report_cell_format(&r->cell[i], v, sizeof v);
        if (i) {
            size_t len = strlen(out);
            snprintf(out + len, outsz - len, "%*s", GAP, "");
        }
        int cols = col_width(rep, i);
        /* A number is never cut: a wrong figure is worse than a ragged column. */
        /* A column narrowed for an 80-column page (text_width) is cut there even so: that page is the point. */
        bool grow = whole && rep->col[i].text_width <= 0;
        if ((grow || r->cell[i].type != CELL_TEXT) && text_width(v) > cols)
            cols = text_width(v);
        put_cell(out, outsz, v, cols, rep->col[i].align);
    }
    /* Trailing blanks of a left-aligned last column are noise in a terminal. */
    size_t len = strlen(out);
    while (len && out[len - 1] == ' ')
        out[--len] = '\0';
}

static void header_line(const struct report *rep, int i, char *out, size_t outsz)
{
    int w = render_text_width(rep);
    char clean[512];
    out[0] = '\0';
    switch (i) {
    case 0:
        text_sanitize(clean, sizeof clean, rep->title);
        text_fit_pad(out, outsz, clean, w, 'c');
        break;
    case 1: {
        char unit[256], period[128];
        text_sanitize(unit, sizeof unit, rep->unit);
        text_sanitize(period, sizeof period, rep->period_label);
        snprintf(clean, sizeof clean, "单位：%s    期间：%s    制表日期：%s", unit, period, rep->made);
        text_fit(out, outsz, clean, w > 60 ? w : 60);
        break;
    }
    case 2: rule(out, w, '='); break;
    case 3:
        for (int c = 0; c < rep->ncols; c++) {
            if (c) {
                size_t len = strlen(out);
                snprintf(out + len, outsz - len, "%*s", GAP, "");
            }
            /* Titles follow the column's alignment so numbers sit under their heads. */
            put_cell(out, outsz, rep->col[c].title, col_width(rep, c), rep->col[c].align == 'r' ? 'r' : 'l');
        }
        break;
    default: rule(out, w, '-'); break;
    }
    size_t len = strlen(out);
    while (len && out[len - 1] == ' ')
        out[--len] = '\0';
}

struct foot {
    int n;
    char line[FOOT_MAX][LINE_MAX];
};

static void foot_add(struct foot *f, const char *s)
{
    if (f->n < FOOT_MAX)
        snprintf(f->line[f->n++], LINE_MAX, "%s", s);
}

/* Break text into lines of at most width columns; later lines are indented. */
static void foot_wrap(struct foot *f, const char *s, int width, int indent)
{
    char clean[2048];
    text_sanitize(clean, sizeof clean, s);
    const char *p = clean;
    bool first = true;
    while (*p && f->n < FOOT_MAX) {
        int avail = width - (first ? 0 : indent);
        if (avail < 10)
            avail = 10;
        size_t n = text_fit_columns(p, avail, NULL);
        if (n == 0)
            n = strlen(p); /* a character wider than the line: give it its own */
        char *out = f->line[f->n++];
        snprintf(out, LINE_MAX, "%*s%.*s", first ? 0 : indent, "", (int)n, p);
        p += n;
        first = false;
    }
}

static void build_foot(const struct report *rep, struct foot *f)
{
    int w = render_text_width(rep);
    f->n = 0;
    char line[LINE_MAX];
    if (rep->has_totals) {
        rule(line, w, '-');
        foot_add(f, line);
        format_row(rep, &rep->totals, true, line, sizeof line);
        foot_add(f, line);
    }
    rule(line, w, '=');
    foot_add(f, line);
    if (rep->nfigures) {
        /* Figures are packed whole, "期数 30 期；人次 120 人次；…", never split across lines. */
        char para[LINE_MAX] = "";
        for (int i = 0; i < rep->nfigures; i++) {
            char v[REPORT_CELL_LEN], item[512], clean[512];
            report_cell_format(&rep->fig[i].value, v, sizeof v);
            snprintf(item, sizeof item, "%s %s%s%s", rep->fig[i].label, v, rep->fig[i].suffix[0] ? " " : "",
                     rep->fig[i].suffix);
            text_sanitize(clean, sizeof clean, item);
            if (para[0] && text_width(para) + 2 + text_width(clean) > w) {
                foot_add(f, para);
                para[0] = '\0';
            }
            size_t len = strlen(para);
            snprintf(para + len, sizeof para - len, "%s%s", para[0] ? "；" : "", clean);
        }
        if (para[0])
            foot_add(f, para);
    }
    if (rep->nnotes) {
        foot_add(f, "注：");
        for (int i = 0; i < rep->nnotes; i++) {
            char note[REPORT_NOTE_LEN + 16];
            snprintf(note, sizeof note, "%d. %s", i + 1, rep->notes[i]);
            foot_wrap(f, note, w, 3);
        }
    }
    foot_add(f, "");
    char signs[3][128];
    for (int i = 0; i < 3; i++)
        text_sanitize(signs[i], sizeof signs[i], rep->sign[i]);
    snprintf(line, sizeof line, "%s：____________    %s：____________    %s：____________", signs[0], signs[1],
             signs[2]);
    foot_add(f, line);
}

int64_t render_text_count(const struct report *rep)
{
    struct foot *f = malloc(sizeof *f);
    if (!f)
        return HEAD_LINES + rep->nrows;
    build_foot(rep, f);
    int64_t n = HEAD_LINES + rep->nrows + f->n;
    free(f);
    return n;
}

struct emit_rows {
    const struct report *rep;
    render_line_fn emit;
    void *ctx;
    bool whole;
    char line[LINE_MAX];
};

static int emit_row(const struct report_row *r, void *ctx)
{
    struct emit_rows *e = ctx;
    format_row(e->rep, r, e->whole, e->line, sizeof e->line);
    return e->emit(e->line, e->ctx);
}

static int text_lines(const struct report *rep, int64_t first, int64_t count, bool whole, render_line_fn emit,
                      void *ctx, struct fx_error *err)
{
    if (first < 0)
        first = 0;
    int64_t end = count < 0 ? INT64_MAX : first + count;
    int rc = 0;
    char line[LINE_MAX];
    for (int64_t i = first; i < HEAD_LINES && i < end; i++) {
        header_line(rep, (int)i, line, sizeof line);
        if ((rc = emit(line, ctx)) != 0)
            return rc;
    }
    int64_t row_first = first > HEAD_LINES ? first - HEAD_LINES : 0;
    int64_t row_end = end - HEAD_LINES < rep->nrows ? end - HEAD_LINES : rep->nrows;
    if (row_end > row_first) {
        struct emit_rows *e = malloc(sizeof *e);
        if (!e)
            return fx_fail(err, FX_EINTERNAL, "内存不足");
        e->rep = rep;
        e->emit = emit;
        e->ctx = ctx;
        e->whole = whole;
        rc = report_rows(rep, row_first, row_end - row_first, emit_row, e, err);
        free(e);
        if (rc)
            return rc;
    }
    int64_t foot_start = HEAD_LINES + rep->nrows;
    if (end <= foot_start)
        return 0;
    struct foot *f = malloc(sizeof *f);
    if (!f)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    build_foot(rep, f);
    for (int64_t i = first > foot_start ? first - foot_start : 0; i < f->n && foot_start + i < end; i++)
        if ((rc = emit(f->line[i], ctx)) != 0)
            break;
    free(f);
    return rc;
}

int render_text_lines(const struct report *rep, int64_t first, int64_t count, render_line_fn emit, void *ctx,
                      struct fx_error *err)
{
    return text_lines(rep, first, count, false, emit, ctx, err);
}

static int to_file(const char *line, void *ctx)
{
    FILE *out = ctx;
    return fputs(line, out) == EOF || fputc('\n', out) == EOF ? FX_EFS : 0;
}

int render_text(const struct report *rep, FILE *out, struct fx_error *err)
{
    int rc = text_lines(rep, 0, -1, true, to_file, out, err);
    if (rc == FX_EFS || (!rc && (fflush(out) != 0 || ferror(out))))
        return fx_fail(err, FX_EFS, "写出报表失败（磁盘已满或管道已关闭）");
    return rc;
}
