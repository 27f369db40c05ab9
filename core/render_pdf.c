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
#define BODY_PT       9.0  /* the body font's size: cells, figures, signature labels */
#define SEAL          62.0 /* the side of the box the unit's seal goes in */

struct pdf {
    const struct report *rep;
    cairo_t *cr;
    PangoLayout *lay;
    PangoFontDescription *title, *body, *bold, *small;
    double colx[REPORT_MAX_COLS + 1];
    double nat[REPORT_MAX_COLS];    /* each column's widest cell on one line, padding included */
    double head_w[REPORT_MAX_COLS]; /* each column's title on one line */
    bool numeric[REPORT_MAX_COLS];  /* numbers and short words ("—", "1月"): the column never wraps */
    double head_h, top_h, tail_h, fig_h, notes_h, sign_h;
    double groups_h; /* the 分类汇总 block of a summary (0: none) */
    double dtitle_h; /* the heading of the first 明细 page */
    double aside_h;  /* the line on page 1 saying the list is on the 明细 pages */
    double totals_h; /* the 合计 row */
    bool detached;   /* the list does not fit page 1: it goes on 明细 pages after the summary */
    int page, pages;
    double y;
    bool measuring; /* the pagination pass: rows are measured, nothing is drawn */
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

/* A cell's text as printed: the header's title, or the cell as people read it. */
static void cell_text(const struct report *rep, const struct report_row *r, int i, char *v, size_t vsz)
{
    if (!r)
        text_copy(v, vsz, rep->col[i].title);
    else
        report_cell_format(&r->cell[i], v, vsz);
}

static bool cell_is_number(const struct report_row *r, int i)
{
    return r && r->cell[i].type != CELL_TEXT && r->cell[i].type != CELL_EMPTY;
}

/* Points a line of s takes in the body font, guessed from its display columns (a CJK character
 * is two columns and one em): exact enough to share the width out, and cheap for 75,000 rows. */
static double guess_w(const char *s)
{
    return text_width(s) * BODY_PT * 0.52;
}

/* Put cell i of r (NULL: the header) into the layout wrapped to its column; returns its height. */
static double cell_layout(struct pdf *p, const struct report_row *r, int i)
{
    char v[REPORT_CELL_LEN];
    cell_text(p->rep, r, i, v, sizeof v);
    double avail = p->colx[i + 1] - p->colx[i] - 2 * CELL_PAD;
    bool number = cell_is_number(r, i);
    set_text(p, v, r ? p->body : p->bold, number ? -1 : avail, false);
    return text_h(p);
}

/* A row grows to its tallest cell; a cell that surely fits one line is not laid out at all. */
static double row_height(struct pdf *p, const struct report_row *r)
{
    double base = r ? ROW_H : HEAD_H;
    double h = base;
    for (int i = 0; i < p->rep->ncols; i++) {
        if (cell_is_number(r, i))
            continue;
        char v[REPORT_CELL_LEN];
        cell_text(p->rep, r, i, v, sizeof v);
        if (!v[0] || guess_w(v) * 1.15 < p->colx[i + 1] - p->colx[i] - 2 * CELL_PAD)
            continue;
        double ch = cell_layout(p, r, i) + 2 * CELL_PAD + 1;
        if (ch > h)
            h = ch;
    }
    return h;
}

static int widen_cb(const struct report_row *r, void *ctx)
{
    struct pdf *p = ctx;
    for (int i = 0; i < p->rep->ncols; i++) {
        char v[REPORT_CELL_LEN];
        report_cell_format(&r->cell[i], v, sizeof v);
        double w = guess_w(v) + 2 * CELL_PAD + 2;
        if (r->cell[i].type == CELL_TEXT && w > p->head_w[i])
            p->numeric[i] = false;
        if (w > p->nat[i])
            p->nat[i] = w;
    }
    return 0;
}

/* Column widths follow the content: a column that needs little gets what it needs, and
 * the wide ones (the topic, the evidence) share the rest, each wrapping within its own. */
static void share_width(struct pdf *p)
{
    const struct report *rep = p->rep;
    int n = rep->ncols;
    for (int i = 0; i < n; i++) {
        set_text(p, rep->col[i].title, p->bold, -1, false);
        p->nat[i] = p->head_w[i] = text_w(p) + 2 * CELL_PAD + 2;
        p->numeric[i] = true;
    }
    struct fx_error err;
    fx_clear(&err);
    report_rows(rep, 0, -1, widen_cb, p, &err);
    if (rep->has_totals)
        widen_cb(&rep->totals, p);
    double width[REPORT_MAX_COLS], fixed = 0, total = 0;
    bool flex[REPORT_MAX_COLS];
    int nflex = 0;
    for (int i = 0; i < n; i++) {
        total += p->nat[i];
        flex[i] = !p->numeric[i];
        width[i] = p->nat[i];
        if (flex[i])
            nflex++;
        else
            fixed += p->nat[i];
    }
    double room = content_w();
    if (total <= room) {
        /* Room to spare: the text columns take it, the widest the most. */
        double textw = total - fixed;
        for (int i = 0; i < n; i++)
            if (flex[i] || !nflex)
                width[i] += (room - total) * (nflex ? p->nat[i] / (textw > 0 ? textw : 1) : 1.0 / n);
    } else if (fixed < room * 0.8 && nflex) {
        /* Too wide: the number columns keep theirs; the text columns share the rest, narrow ones whole. */
        double left = room - fixed;
        int nleft = nflex;
        bool done[REPORT_MAX_COLS] = {false};
        for (bool changed = true; changed;) {
            changed = false;
            for (int i = 0; i < n; i++)
                if (flex[i] && !done[i] && p->nat[i] <= left / nleft) {
                    done[i] = true;
                    left -= p->nat[i];
                    nleft--;
                    changed = true;
                }
            if (!nleft)
                break;
        }
        for (int i = 0; i < n; i++)
            if (flex[i] && !done[i])
                width[i] = left / nleft;
    } else {
        for (int i = 0; i < n; i++)
            width[i] = p->nat[i] * room / total;
    }
    p->colx[0] = MARGIN_X;
    for (int i = 0; i < n; i++)
        p->colx[i + 1] = p->colx[i] + width[i];
    p->colx[n] = MARGIN_X + room;
}

static void page_number(struct pdf *p)
{
    char s[64];
    snprintf(s, sizeof s, "第 %d 页 共 %d 页", p->page, p->pages);
    set_text(p, s, p->small, -1, false);
    show_at(p, (PAGE_W - text_w(p)) / 2, PAGE_H - MARGIN_BOTTOM - text_h(p));
}

static void draw_row(struct pdf *p, const struct report_row *r, double h)
{
    const struct report *rep = p->rep;
    cairo_t *cr = p->cr;
    bool head = !r;
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
        cell_text(rep, r, i, v, sizeof v);
        if (!v[0])
            continue;
        char align = head ? 'c' : rep->col[i].align;
        bool number = cell_is_number(r, i);
        double avail = w - 2 * CELL_PAD;
        cell_layout(p, r, i);
        if (number && text_w(p) > avail) {
            /* A number is never cut or wrapped: squeeze it into the cell instead. */
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
}

/* The next page, with the table's header again. */
static void new_page(struct pdf *p)
{
    if (!p->measuring) {
        page_number(p);
        cairo_show_page(p->cr);
    }
    p->page++;
    p->y = MARGIN_TOP;
    if (!p->measuring)
        draw_row(p, NULL, p->head_h);
    p->y += p->head_h;
}

static int row_cb(const struct report_row *r, void *ctx)
{
    struct pdf *p = ctx;
    double h = row_height(p, r);
    if (p->y + h > bottom())
        new_page(p);
    if (!p->measuring)
        draw_row(p, r, h);
    p->y += h;
    return cairo_status(p->cr) == CAIRO_STATUS_SUCCESS ? 0 : FX_EFS;
}

/* Heights of the blocks and the column widths; then, when pages is wanted, the rows are
 * walked once without drawing, with the very arithmetic the drawing uses. */
static void measure(struct pdf *p, bool pages)
{
    const struct report *rep = p->rep;
    share_width(p);
    p->head_h = row_height(p, NULL);

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
    if (p->sign_h < SEAL + 4)
        p->sign_h = SEAL + 4;
    p->totals_h = rep->has_totals ? row_height(p, &rep->totals) : 0;
    p->tail_h = p->totals_h + GAP + p->fig_h + p->notes_h + p->sign_h;
    p->groups_h = 0;
    if (rep->ngroups) {
        int left = 0, right = 0;
        for (int i = 0; i < rep->ngroups; i++)
            if (strcmp(rep->group[i].by, rep->group[0].by))
                right++;
            else
                left++;
        int most = left > right ? left : right;
        set_text(p, "分类汇总", p->bold, -1, false);
        p->groups_h = text_h(p) + 3 + HEAD_H + most * ROW_H + GAP;
    }
    set_text(p, "明细", p->body, content_w(), false);
    p->aside_h = text_h(p) + GAP;
    set_text(p, rep->title, p->bold, content_w(), false);
    p->dtitle_h = text_h(p) + GAP;
    if (!pages)
        return;
    p->measuring = true;
    p->page = 1;
    p->y = MARGIN_TOP + p->top_h + p->groups_h + p->head_h;
    struct fx_error err;
    fx_clear(&err);
    report_rows(rep, 0, -1, row_cb, p, &err);
    if (p->y + p->tail_h > bottom())
        p->page++; /* the totals, figures, notes and signatures go on a page of their own */
    if (rep->ngroups && p->page > 1) {
        /* A summary stays one page: its list goes on 明细 pages behind it, the 合计 row closing it. */
        p->detached = true;
        p->page = 2;
        p->y = MARGIN_TOP + p->dtitle_h + p->head_h;
        report_rows(rep, 0, -1, row_cb, p, &err);
        if (p->y + p->totals_h > bottom())
            p->page++;
    }
    p->pages = p->page;
    p->measuring = false;
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

static void draw_totals(struct pdf *p)
{
    if (!p->rep->has_totals)
        return;
    cairo_save(p->cr);
    draw_row(p, &p->rep->totals, p->totals_h);
    cairo_restore(p->cr);
    p->y += p->totals_h;
}

/* Figures, notes, then the signature lines with the unit's seal at the right. */
static void draw_closing(struct pdf *p)
{
    const struct report *rep = p->rep;
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
    double top = p->y;
    double sx = PAGE_W - MARGIN_X - SEAL;
    cairo_set_line_width(p->cr, 0.6);
    cairo_rectangle(p->cr, sx, top + 2, SEAL, SEAL);
    cairo_stroke(p->cr);
    set_text(p, "（盖章）", p->small, -1, false);
    cairo_save(p->cr);
    cairo_set_source_rgb(p->cr, 0.45, 0.45, 0.45);
    show_at(p, sx + (SEAL - text_w(p)) / 2, top + 2 + (SEAL - text_h(p)) / 2);
    cairo_restore(p->cr);
    set_text(p, "制表人", p->body, -1, false);
    p->y = top + 2 + SEAL - text_h(p) - 2;
    double third = (sx - 10 - MARGIN_X) / 3;
    for (int i = 0; i < 3; i++) {
        char s[96];
        snprintf(s, sizeof s, "%s：", rep->sign[i]);
        set_text(p, s, p->body, -1, false);
        double x = MARGIN_X + third * i;
        show_at(p, x, p->y);
        double lx = x + text_w(p) + 2, ly = p->y + text_h(p) - 1;
        cairo_move_to(p->cr, lx, ly);
        cairo_line_to(p->cr, x + third - 12, ly);
        cairo_stroke(p->cr);
    }
    p->y = top + p->sign_h;
}

static void draw_tail(struct pdf *p)
{
    if (p->y + p->tail_h > bottom())
        new_page(p);
    draw_totals(p);
    draw_closing(p);
}

/* One cell of the 分类汇总: text left, figures right. */
static void group_cell(struct pdf *p, const char *s, double x0, double w, bool head, char align)
{
    cairo_rectangle(p->cr, x0, p->y, w, head ? HEAD_H : ROW_H);
    cairo_stroke(p->cr);
    set_text(p, s, head ? p->bold : p->body, w - 2 * CELL_PAD, false);
    pango_layout_set_alignment(p->lay, align == 'r'   ? PANGO_ALIGN_RIGHT
                                       : align == 'c' ? PANGO_ALIGN_CENTER
                                                      : PANGO_ALIGN_LEFT);
    show_at(p, x0 + CELL_PAD, p->y + ((head ? HEAD_H : ROW_H) - text_h(p)) / 2);
}

/* The 分类汇总: the training by content category at the left, by kind at the right. */
static void draw_groups(struct pdf *p)
{
    const struct report *rep = p->rep;
    if (!rep->ngroups)
        return;
    double y0 = p->y;
    set_text(p, "分类汇总", p->bold, -1, false);
    show_at(p, MARGIN_X, p->y);
    p->y += text_h(p) + 3;
    double half = (content_w() - 12) / 2, num = 40, namew = half - 4 * num;
    double top = p->y;
    cairo_set_line_width(p->cr, 0.5);
    for (int side = 0; side < 2; side++) {
        double x = MARGIN_X + side * (half + 12);
        p->y = top;
        const char *by = NULL;
        for (int i = 0; i < rep->ngroups && !by; i++)
            if (!strcmp(rep->group[i].by, rep->group[0].by) == !side)
                by = rep->group[i].by;
        if (!by)
            continue;
        cairo_set_source_rgb(p->cr, 0.91, 0.91, 0.91);
        cairo_rectangle(p->cr, x, p->y, half, HEAD_H);
        cairo_fill(p->cr);
        cairo_set_source_rgb(p->cr, 0, 0, 0);
        static const char *const heads[] = {"期数", "人次", "学时", "参训率"};
        group_cell(p, by, x, namew, true, 'c');
        for (int k = 0; k < 4; k++)
            group_cell(p, heads[k], x + namew + k * num, num, true, 'c');
        p->y += HEAD_H;
        for (int i = 0; i < rep->ngroups; i++) {
            const struct report_group *g = &rep->group[i];
            if (strcmp(g->by, by))
                continue;
            char v[4][REPORT_CELL_LEN];
            struct report_cell c = {.type = CELL_INT, .value = (double)g->sessions};
            report_cell_format(&c, v[0], sizeof v[0]);
            c.value = (double)g->person_times;
            report_cell_format(&c, v[1], sizeof v[1]);
            c = (struct report_cell){.type = CELL_NUMBER, .precision = 1, .value = g->hours};
            report_cell_format(&c, v[2], sizeof v[2]);
            text_copy(v[3], sizeof v[3], g->rate);
            group_cell(p, g->name, x, namew, false, 'l');
            for (int k = 0; k < 4; k++)
                group_cell(p, v[k], x + namew + k * num, num, false, 'r');
            p->y += ROW_H;
        }
    }
    p->y = y0 + p->groups_h;
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

static void pdf_setup(struct pdf *p, const struct report *rep, cairo_surface_t *surface, bool pages)
{
    memset(p, 0, sizeof *p);
    p->rep = rep;
    p->cr = cairo_create(surface);
    p->lay = pango_cairo_create_layout(p->cr);
    /* Pango assumes a 96 dpi screen; on paper a point is a point. */
    pango_cairo_context_set_resolution(pango_layout_get_context(p->lay), 72);
    pango_layout_context_changed(p->lay);
    p->title = pango_font_description_from_string(FONT_FAMILIES " Bold 16");
    p->body = pango_font_description_from_string(FONT_FAMILIES " 9"); /* BODY_PT */
    p->bold = pango_font_description_from_string(FONT_FAMILIES " Bold 9");
    p->small = pango_font_description_from_string(FONT_FAMILIES " 7.5");
    measure(p, pages);
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
    pdf_setup(&p, rep, s, true);
    int pages = p.pages;
    pdf_teardown(&p);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    return pages;
}

/* Draw rep onto s, its first page numbered first of total (0: its own count). Returns 0, an fx status from
 * reading the rows, or FX_EFS when cairo failed (*cst says how). */
static int draw_report(cairo_surface_t *s, const struct report *rep, int first, int total, cairo_status_t *cst,
                       struct fx_error *err)
{
    struct pdf p;
    pdf_setup(&p, rep, s, true);
    p.page = first;
    if (total > 0)
        p.pages = total;
    cairo_set_source_rgb(p.cr, 0, 0, 0);
    draw_top(&p);
    draw_groups(&p);
    int rc = 0;
    if (p.detached) {
        /* Page 1 is the summary and says where the list is; the 明细 pages follow with the 合计 row. */
        char aside[256];
        text_format(aside, sizeof aside, "培训明细共 %lld 条，篇幅较长，见所附明细页（第 2 页起）。",
                    (long long)rep->nrows);
        set_text(&p, aside, p.body, content_w(), false);
        show_at(&p, MARGIN_X, p.y);
        p.y += p.aside_h;
        draw_closing(&p);
        page_number(&p);
        cairo_show_page(p.cr);
        p.page++;
        p.y = MARGIN_TOP;
        char title[300];
        text_format(title, sizeof title, "%s · 明细", rep->title);
        set_text(&p, title, p.bold, content_w(), false);
        pango_layout_set_alignment(p.lay, PANGO_ALIGN_CENTER);
        show_at(&p, MARGIN_X, p.y);
        p.y += p.dtitle_h;
        draw_row(&p, NULL, p.head_h);
        p.y += p.head_h;
        rc = report_rows(rep, 0, -1, row_cb, &p, err);
        if (!rc) {
            if (p.y + p.totals_h > bottom())
                new_page(&p);
            draw_totals(&p);
            page_number(&p);
            cairo_show_page(p.cr);
        }
    } else {
        draw_row(&p, NULL, p.head_h);
        p.y += p.head_h;
        rc = report_rows(rep, 0, -1, row_cb, &p, err);
        if (!rc) {
            draw_tail(&p);
            page_number(&p);
            cairo_show_page(p.cr);
        }
    }
    *cst = cairo_status(p.cr);
    pdf_teardown(&p);
    return rc;
}

static cairo_surface_t *open_surface(FILE *f, const char *title, const char *unit)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_file, f, PAGE_W, PAGE_H);
    char meta[512];
    text_sanitize(meta, sizeof meta, title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, meta);
    text_sanitize(meta, sizeof meta, unit);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, meta);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "fenxiao 分校台账");
    return s;
}

/* Finish the surface and close f; rc and cst as draw_report left them. */
static int close_surface(cairo_surface_t *s, FILE *f, int rc, cairo_status_t cst, const char *path,
                         struct fx_error *err)
{
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

int fxp_render_pdf(const struct report *rep, const char *path, struct fx_error *err)
{
    FILE *f = render_open_file(path, err);
    if (!f)
        return FX_EFS;
    cairo_surface_t *s = open_surface(f, rep->title, rep->unit);
    cairo_status_t cst = CAIRO_STATUS_SUCCESS;
    int rc = draw_report(s, rep, 1, 0, &cst, err);
    return close_surface(s, f, rc, cst, path, err);
}

/* The package's first page: its title, unit and date, then 目录: each part's title and the page it starts on. */
static cairo_status_t draw_contents(cairo_surface_t *s, const struct report *const *parts, const int *start, int n,
                                    const char *title, int total)
{
    struct pdf p;
    pdf_setup(&p, parts[0], s, false);
    p.page = 1;
    p.pages = total;
    cairo_set_source_rgb(p.cr, 0, 0, 0);
    p.y = MARGIN_TOP + 40;
    set_text(&p, title, p.title, content_w(), false);
    pango_layout_set_alignment(p.lay, PANGO_ALIGN_CENTER);
    show_at(&p, MARGIN_X, p.y);
    p.y += text_h(&p) + 2 * GAP;
    char line[600];
    text_format(line, sizeof line, "单位：%s    制表日期：%s", parts[0]->unit, parts[0]->made);
    set_text(&p, line, p.body, content_w(), false);
    pango_layout_set_alignment(p.lay, PANGO_ALIGN_CENTER);
    show_at(&p, MARGIN_X, p.y);
    p.y += text_h(&p) + 5 * GAP;
    set_text(&p, "目  录", p.title, content_w(), false);
    pango_layout_set_alignment(p.lay, PANGO_ALIGN_CENTER);
    show_at(&p, MARGIN_X, p.y);
    p.y += text_h(&p) + 3 * GAP;
    /* Up to RENDER_PACKAGE_MAX parts fit on the page: the lines close up when there are many. */
    double step = (bottom() - p.y) / n;
    if (step > ROW_H * 1.6)
        step = ROW_H * 1.6;
    for (int i = 0; i < n; i++) {
        char name[300], num[32];
        text_sanitize(name, sizeof name, parts[i]->title);
        text_format(line, sizeof line, "%d. %s", i + 1, name);
        set_text(&p, line, p.body, content_w() - 140, true);
        show_at(&p, MARGIN_X + 40, p.y);
        double lead = MARGIN_X + 40 + text_w(&p) + 6;
        text_format(num, sizeof num, "第 %d 页", start[i]);
        set_text(&p, num, p.body, -1, false);
        double w = text_w(&p);
        show_at(&p, PAGE_W - MARGIN_X - 40 - w, p.y);
        /* A dotted leader between the title and its page. */
        cairo_set_line_width(p.cr, 0.5);
        double dash[] = {1.0, 2.5};
        cairo_set_dash(p.cr, dash, 2, 0);
        cairo_move_to(p.cr, lead, p.y + text_h(&p) - 2);
        cairo_line_to(p.cr, PAGE_W - MARGIN_X - 46 - w, p.y + text_h(&p) - 2);
        cairo_stroke(p.cr);
        cairo_set_dash(p.cr, NULL, 0, 0);
        p.y += step;
    }
    page_number(&p);
    cairo_show_page(p.cr);
    cairo_status_t cst = cairo_status(p.cr);
    pdf_teardown(&p);
    return cst;
}

int fxp_render_pdf_package(const struct report *const *parts, int n, const char *title, const char *path,
                           struct fx_error *err)
{
    if (n <= 0 || n > RENDER_PACKAGE_MAX)
        return fx_fail(err, FX_EINTERNAL, "交账材料的部分数不对：%d", n);
    int start[RENDER_PACKAGE_MAX], total = 1;
    for (int i = 0; i < n; i++) {
        start[i] = total + 1;
        int pages = fxp_render_pdf_pages(parts[i]);
        total += pages > 0 ? pages : 1;
    }
    FILE *f = render_open_file(path, err);
    if (!f)
        return FX_EFS;
    cairo_surface_t *s = open_surface(f, title, parts[0]->unit);
    cairo_status_t cst = draw_contents(s, parts, start, n, title, total);
    int rc = cst == CAIRO_STATUS_SUCCESS ? 0 : FX_EFS;
    for (int i = 0; i < n && !rc; i++)
        rc = draw_report(s, parts[i], start[i], total, &cst, err);
    return close_surface(s, f, rc, cst, path, err);
}
