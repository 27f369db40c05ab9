/* render_pdf.c — a report as an A4 PDF through pango + cairo: CJK fonts found by fontconfig
 * and embedded as subsets, rows streamed page by page, signature lines on the last page.
 * Part of the output module (fenxiao-render.so), loaded on first use: see plugin.h. */
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "plugin.h"
#include "render.h"
#include "text.h"

/* A TrueType CJK face keeps the embedded subsets small; fontconfig falls back
 * through the list (and then to any face with the glyphs) on other machines. */
#define FONT_FAMILIES                                                                                                  \
    "WenQuanYi Micro Hei,Noto Sans CJK SC,Noto Sans SC,Source Han Sans SC,Droid Sans Fallback,sans-serif"

#define PAGE_W        595.276 /* A4 in points */
#define PAGE_H        841.89
#define MARGIN_X      42.0
#define MARGIN_TOP    40.0
#define MARGIN_BOTTOM 34.0
#define FOOTER_H      18.0 /* the page number line */
#define ROW_H         15.5
#define HEAD_H        18.0
#define CELL_PAD      2.5
#define GAP           6.0

struct pdf {
    const struct report *rep;
    cairo_t *cr;
    PangoLayout *lay;
    PangoFontDescription *title, *body, *bold, *small;
    double colx[REPORT_MAX_COLS + 1];
    double top_h, tail_h, fig_h, notes_h, sign_h;
    int rows_first, rows_page;
    int page, pages;
    int rows_on_page, cap;
    double y;
};

static double content_w(void)
{
    return PAGE_W - 2 * MARGIN_X;
}

static double bottom(void)
{
    return PAGE_H - MARGIN_BOTTOM - FOOTER_H;
}

/* Put sanitised text into the shared layout, wrapped at width (≤ 0: one line). */
static void set_text(struct pdf *p, const char *s, PangoFontDescription *font, double width, bool ellipsize)
{
    char clean[2048];
    text_sanitize(clean, sizeof clean, s ? s : "");
    pango_layout_set_font_description(p->lay, font);
    pango_layout_set_text(p->lay, clean, -1);
    pango_layout_set_alignment(p->lay, PANGO_ALIGN_LEFT);
    pango_layout_set_indent(p->lay, 0);
    if (width > 0) {
        pango_layout_set_width(p->lay, pango_units_from_double(width));
        pango_layout_set_wrap(p->lay, PANGO_WRAP_WORD_CHAR);
    } else {
        pango_layout_set_width(p->lay, -1);
    }
    pango_layout_set_ellipsize(p->lay, ellipsize ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
}

static double text_h(struct pdf *p)
{
    int w, h;
    pango_layout_get_size(p->lay, &w, &h);
    return (double)h / PANGO_SCALE;
}

static double text_w(struct pdf *p)
{
    int w, h;
    pango_layout_get_size(p->lay, &w, &h);
    return (double)w / PANGO_SCALE;
}

static void show_at(struct pdf *p, double x, double y)
{
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, p->lay);
}

/* Lay the figures out in lines, each figure whole ("人均学时 4 学时" never breaks),
 * calling line() for each line's text; returns the number of lines. */
static int figure_lines(struct pdf *p, void (*line)(struct pdf *, const char *))
{
    const struct report *rep = p->rep;
    char para[2048] = "";
    int n = 0;
    for (int i = 0; i < rep->nfigures; i++) {
        char v[REPORT_CELL_LEN], item[512], trial[2048];
        report_cell_format(&rep->fig[i].value, v, sizeof v);
        snprintf(item, sizeof item, "%s %s%s%s", rep->fig[i].label, v, rep->fig[i].suffix[0] ? " " : "",
                 rep->fig[i].suffix);
        text_format(trial, sizeof trial, "%s%s%s", para, para[0] ? "；  " : "", item);
        set_text(p, trial, p->body, -1, false);
        if (para[0] && text_w(p) > content_w()) {
            if (line)
                line(p, para);
            n++;
            snprintf(para, sizeof para, "%s", item);
        } else {
            snprintf(para, sizeof para, "%s", trial);
        }
    }
    if (para[0]) {
        if (line)
            line(p, para);
        n++;
    }
    return n;
}

static void draw_figure_line(struct pdf *p, const char *s)
{
    set_text(p, s, p->body, -1, false);
    show_at(p, MARGIN_X, p->y);
    p->y += text_h(p);
}

/* Heights of the blocks, then how many rows fit on the first and later pages.
 * render_pdf_pages and the drawing use exactly this plan. */
static void measure(struct pdf *p)
{
    const struct report *rep = p->rep;
    double sum = 0;
    for (int i = 0; i < rep->ncols; i++)
        sum += rep->col[i].width;
    p->colx[0] = MARGIN_X;
    for (int i = 0; i < rep->ncols; i++)
        p->colx[i + 1] = p->colx[i] + content_w() * rep->col[i].width / (sum > 0 ? sum : 1);

    set_text(p, rep->title, p->title, content_w(), false);
    double title_h = text_h(p);
    set_text(p, "单位", p->body, -1, false);
    double info_h = text_h(p);
    p->top_h = title_h + 6 + info_h + GAP;

    int nfig = figure_lines(p, NULL);
    set_text(p, "期数", p->body, -1, false);
    p->fig_h = nfig ? nfig * text_h(p) + GAP : 0;
    p->notes_h = 0;
    if (rep->nnotes) {
        set_text(p, "注：", p->small, -1, false);
        p->notes_h = text_h(p);
        for (int i = 0; i < rep->nnotes; i++) {
            char note[REPORT_NOTE_LEN + 16];
            snprintf(note, sizeof note, "%d. %s", i + 1, rep->notes[i]);
            set_text(p, note, p->small, content_w() - 12, false);
            p->notes_h += text_h(p);
        }
        p->notes_h += GAP;
    }
    set_text(p, "制表人", p->body, -1, false);
    p->sign_h = 18 + text_h(p);
    p->tail_h = (rep->has_totals ? ROW_H : 0) + GAP + p->fig_h + p->notes_h + p->sign_h;

    double avail = bottom() - MARGIN_TOP;
    p->rows_first = (int)floor((avail - p->top_h - HEAD_H) / ROW_H);
    p->rows_page = (int)floor((avail - HEAD_H) / ROW_H);
    if (p->rows_first < 0)
        p->rows_first = 0;
    if (p->rows_page < 1)
        p->rows_page = 1;

    int64_t left = rep->nrows;
    int64_t cap = p->rows_first;
    double used = p->top_h + HEAD_H;
    int pages = 1;
    while (left > cap) {
        left -= cap;
        pages++;
        cap = p->rows_page;
        used = HEAD_H;
    }
    used += (double)left * ROW_H;
    if (MARGIN_TOP + used + p->tail_h > bottom())
        pages++; /* the totals, figures, notes and signatures go on a page of their own */
    p->pages = pages;
}

static void page_number(struct pdf *p)
{
    char s[64];
    snprintf(s, sizeof s, "第 %d 页 共 %d 页", p->page, p->pages);
    set_text(p, s, p->small, -1, false);
    show_at(p, (PAGE_W - text_w(p)) / 2, PAGE_H - MARGIN_BOTTOM - text_h(p));
}

static void draw_row(struct pdf *p, const struct report_row *r, bool head)
{
    const struct report *rep = p->rep;
    cairo_t *cr = p->cr;
    double h = head ? HEAD_H : ROW_H;
    if (head) {
        cairo_set_source_rgb(cr, 0.91, 0.91, 0.91);
        cairo_rectangle(cr, p->colx[0], p->y, p->colx[rep->ncols] - p->colx[0], h);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
    }
    cairo_set_line_width(cr, 0.5);
    for (int i = 0; i < rep->ncols; i++) {
        double x0 = p->colx[i], w = p->colx[i + 1] - x0;
        cairo_rectangle(cr, x0, p->y, w, h);
        cairo_stroke(cr);
        char v[REPORT_CELL_LEN];
        char align = rep->col[i].align;
        if (head) {
            snprintf(v, sizeof v, "%s", rep->col[i].title);
            align = 'c';
        } else {
            report_cell_format(&r->cell[i], v, sizeof v);
        }
        if (!v[0])
            continue;
        bool number = !head && r->cell[i].type != CELL_TEXT;
        double avail = w - 2 * CELL_PAD;
        set_text(p, v, head ? p->bold : p->body, number ? -1 : avail, !number);
        if (number && text_w(p) > avail) {
            /* A number is never cut with "…": squeeze it into the cell instead. */
            double f = avail / text_w(p);
            cairo_save(cr);
            cairo_translate(cr, x0 + CELL_PAD, p->y + (h - text_h(p)) / 2);
            cairo_scale(cr, f, 1);
            cairo_move_to(cr, 0, 0);
            pango_cairo_show_layout(cr, p->lay);
            cairo_restore(cr);
            continue;
        }
        if (number)
            pango_layout_set_width(p->lay, pango_units_from_double(avail));
        pango_layout_set_alignment(p->lay, align == 'r'   ? PANGO_ALIGN_RIGHT
                                           : align == 'c' ? PANGO_ALIGN_CENTER
                                                          : PANGO_ALIGN_LEFT);
        show_at(p, x0 + CELL_PAD, p->y + (h - text_h(p)) / 2);
    }
    p->y += h;
}

static void new_page(struct pdf *p)
{
    page_number(p);
    cairo_show_page(p->cr);
    p->page++;
    p->y = MARGIN_TOP;
    draw_row(p, NULL, true);
    p->rows_on_page = 0;
    p->cap = p->rows_page;
}

static int row_cb(const struct report_row *r, void *ctx)
{
    struct pdf *p = ctx;
    if (p->rows_on_page >= p->cap)
        new_page(p);
    draw_row(p, r, false);
    p->rows_on_page++;
    return cairo_status(p->cr) == CAIRO_STATUS_SUCCESS ? 0 : FX_EFS;
}

static void draw_top(struct pdf *p)
{
    const struct report *rep = p->rep;
    p->y = MARGIN_TOP;
    set_text(p, rep->title, p->title, content_w(), false);
    pango_layout_set_alignment(p->lay, PANGO_ALIGN_CENTER);
    show_at(p, MARGIN_X, p->y);
    p->y += text_h(p) + 6;
    char s[512];
    snprintf(s, sizeof s, "单位：%s", rep->unit);
    set_text(p, s, p->body, content_w() * 0.5, true);
    show_at(p, MARGIN_X, p->y);
    snprintf(s, sizeof s, "期间：%s", rep->period_label);
    set_text(p, s, p->body, -1, false);
    show_at(p, MARGIN_X + content_w() * 0.52, p->y);
    snprintf(s, sizeof s, "制表日期：%s", rep->made);
    set_text(p, s, p->body, -1, false);
    show_at(p, PAGE_W - MARGIN_X - text_w(p), p->y);
    p->y += text_h(p) + GAP;
}

static void draw_tail(struct pdf *p)
{
    const struct report *rep = p->rep;
    if (p->y + p->tail_h > bottom()) {
        new_page(p);
    }
    if (rep->has_totals) {
        cairo_save(p->cr);
        draw_row(p, &rep->totals, false);
        cairo_restore(p->cr);
    }
    p->y += GAP;
    if (rep->nfigures) {
        figure_lines(p, draw_figure_line);
        p->y += GAP;
    }
    if (rep->nnotes) {
        set_text(p, "注：", p->small, -1, false);
        show_at(p, MARGIN_X, p->y);
        p->y += text_h(p);
        for (int i = 0; i < rep->nnotes; i++) {
            char note[REPORT_NOTE_LEN + 16];
            snprintf(note, sizeof note, "%d. %s", i + 1, rep->notes[i]);
            set_text(p, note, p->small, content_w() - 12, false);
            show_at(p, MARGIN_X + 12, p->y);
            p->y += text_h(p);
        }
        p->y += GAP;
    }
    /* Signature lines: label, then a rule to sign on, three across the page. */
    p->y += 18;
    double third = content_w() / 3;
    cairo_set_line_width(p->cr, 0.6);
    for (int i = 0; i < 3; i++) {
        char s[96];
        snprintf(s, sizeof s, "%s：", rep->sign[i]);
        set_text(p, s, p->body, -1, false);
        double x = MARGIN_X + third * i;
        show_at(p, x, p->y);
        double lx = x + text_w(p) + 2, ly = p->y + text_h(p) - 1;
        cairo_move_to(p->cr, lx, ly);
        cairo_line_to(p->cr, x + third - 14, ly);
        cairo_stroke(p->cr);
    }
}

static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t write_nowhere(void *closure, const unsigned char *data, unsigned int length)
{
    (void)closure;
    (void)data;
    (void)length;
    return CAIRO_STATUS_SUCCESS;
}

static void pdf_setup(struct pdf *p, const struct report *rep, cairo_surface_t *surface)
{
    memset(p, 0, sizeof *p);
    p->rep = rep;
    p->cr = cairo_create(surface);
    p->lay = pango_cairo_create_layout(p->cr);
    /* Pango assumes a 96 dpi screen; on paper a point is a point. */
    pango_cairo_context_set_resolution(pango_layout_get_context(p->lay), 72);
    pango_layout_context_changed(p->lay);
    p->title = pango_font_description_from_string(FONT_FAMILIES " Bold 16");
    p->body = pango_font_description_from_string(FONT_FAMILIES " 9");
    p->bold = pango_font_description_from_string(FONT_FAMILIES " Bold 9");
    p->small = pango_font_description_from_string(FONT_FAMILIES " 7.5");
    measure(p);
}

static void pdf_teardown(struct pdf *p)
{
    pango_font_description_free(p->title);
    pango_font_description_free(p->body);
    pango_font_description_free(p->bold);
    pango_font_description_free(p->small);
    g_object_unref(p->lay);
    cairo_destroy(p->cr);
}

int fxp_render_pdf_pages(const struct report *rep)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_nowhere, NULL, PAGE_W, PAGE_H);
    struct pdf p;
    pdf_setup(&p, rep, s);
    int pages = p.pages;
    pdf_teardown(&p);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    return pages;
}

int fxp_render_pdf(const struct report *rep, const char *path, struct fx_error *err)
{
    FILE *f = render_open_file(path, err);
    if (!f)
        return FX_EFS;
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_file, f, PAGE_W, PAGE_H);
    char meta[512];
    text_sanitize(meta, sizeof meta, rep->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, meta);
    text_sanitize(meta, sizeof meta, rep->unit);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, meta);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "fenxiao 分校台账");
    struct pdf p;
    pdf_setup(&p, rep, s);
    p.page = 1;
    p.cap = p.rows_first;
    cairo_set_source_rgb(p.cr, 0, 0, 0);
    draw_top(&p);
    draw_row(&p, NULL, true);
    int rc = report_rows(rep, 0, -1, row_cb, &p, err);
    if (!rc) {
        draw_tail(&p);
        page_number(&p);
        cairo_show_page(p.cr);
    }
    cairo_status_t cst = cairo_status(p.cr);
    pdf_teardown(&p);
    cairo_surface_finish(s);
    if (cst == CAIRO_STATUS_SUCCESS)
        cst = cairo_surface_status(s);
    cairo_surface_destroy(s);
    bool write_failed = fflush(f) != 0 || ferror(f);
    if (fclose(f) != 0)
        write_failed = true;
    if (rc == FX_EFS && cst == CAIRO_STATUS_SUCCESS)
        cst = CAIRO_STATUS_WRITE_ERROR;
    if (rc && rc != FX_EFS)
        return rc;
    if (write_failed || cst == CAIRO_STATUS_WRITE_ERROR)
        return fx_fail(err, FX_EFS, "写入 PDF 失败（磁盘已满？）：%s", path);
    if (cst != CAIRO_STATUS_SUCCESS)
        return fx_fail(err, FX_EINTERNAL, "生成 PDF 失败：%s", cairo_status_to_string(cst));
    return 0;
}
