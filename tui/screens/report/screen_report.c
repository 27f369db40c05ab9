/* screen_report.c — 报表: choose a report and its period, read it in a scrolling preview,
 * export it (CSV/XLSX/PDF) or print it. The preview is render_text's lines, a window at a time. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "dialog.h"
#include "form.h"
#include "paths.h"
#include "render.h"
#include "report.h"
#include "report_more.h"
#include "screen.h"
#include "text.h"

/* The reports offered, in the order of the strip at the top: a kind of
 * report_kinds, and for the hours the members behind only. */
static const struct strip_entry {
    const char *label;
    int kind; /* enum report_kind_id */
    bool below;
} strip[] = {
    {"月报", REPORT_MONTH, false},          {"季报", REPORT_QUARTER, false},
    {"年报", REPORT_YEAR, false},           {"学时", REPORT_HOURS, false},
    {"未达标", REPORT_HOURS, true},         {"党组织", REPORT_BRANCHES, false},
    {"类别", REPORT_CATEGORIES, false},     {"教师", REPORT_TEACHERS, false},
    {"点单", REPORT_ORDERS, false},         {"通讯录", REPORT_DIRECTORY, false},
    {"清单", REPORT_CHECKLIST, false},      {"三会一课", REPORT_MEETINGS, false},
    {"积分", REPORT_POINTS, false},         {"经费", REPORT_FUNDS, false},
    {"收支账", REPORT_FUNDS_LEDGER, false}, {"计划执行", REPORT_PLAN, false},
    {"查账", REPORT_REVIEW, false},         {"问题清单", REPORT_PROBLEMS, false},
    {"考评表", REPORT_SHEET, false},        {"考评对比", REPORT_SHEET_COUNTY, false},
    {"归档目录", REPORT_ARCHIVE, false},    {"培训菜单", REPORT_MENU, false},
    {"县级汇总", REPORT_COUNTY, false},
};
#define R_COUNT ((int)(sizeof strip / sizeof strip[0]))

static const struct keymap *report_keys_now(struct app *app);

#define MAX_VIS  128  /* preview lines kept (a terminal taller than this shows blank) */
#define LINE_LEN 4096 /* bytes of one rendered line, as render_text makes them */
#define HSTEP    8    /* columns per Left/Right */
#define HEAD     2    /* body rows above the preview: the strip and the period line */

static struct {
    struct report *rep;
    bool built;
    bool asked; /* the report shown was asked for (Enter, or a key that chooses it): opening the tab builds nothing */
    struct fx_error err; /* why the report could not be built */
    int which;           /* index into strip */
    int year, month;     /* the period cursor: the reports' periods are the ones containing it */
    int span;            /* a kind of any period: PERIOD_MONTH, PERIOD_QUARTER or PERIOD_YEAR */
    int std_index;       /* checklist: the standard shown, index into stds */
    struct std_list stds;
    bool stds_loaded;
    int64_t top, nlines;
    int left, width;
    /* The lines on screen, so a redraw without a move reads nothing. */
    char (*vis)[LINE_LEN];
    int nvis, vis_h;
    int64_t vis_top;
    bool vis_valid;
    struct fx_error vis_err;
    /* Columns of the strip's entries as last drawn (-1: not shown), for clicks. */
    int strip_x[R_COUNT], strip_end[R_COUNT];
    int strip_y;
    int strip_first; /* the first entry shown: the strip scrolls so the current one is on screen */
} rs = {.month = 0, .span = PERIOD_MONTH};

static const struct standard *current_standard(struct app *app)
{
    if (!rs.stds_loaded) {
        struct fx_error err;
        fx_clear(&err);
        if (report_load_standards(app->cli->config_path, &rs.stds, &err))
            memset(&rs.stds, 0, sizeof rs.stds);
        rs.stds_loaded = true;
        const struct standard *b = standard_find(&rs.stds, "bageyi");
        rs.std_index = b ? (int)(b - rs.stds.std) : 0;
    }
    return rs.std_index < rs.stds.n ? &rs.stds.std[rs.std_index] : NULL;
}

/* The period of kind containing the cursor month. */
static void period_at(int kind, struct fx_period *p)
{
    int index = kind == PERIOD_HALF      ? (rs.month - 1) / 6 + 1
                : kind == PERIOD_QUARTER ? (rs.month - 1) / 3 + 1
                : kind == PERIOD_MONTH   ? rs.month
                                         : 0;
    period_make(kind, rs.year, index, p);
}

static const struct report_kind *current_kind(void)
{
    return &report_kinds[strip[rs.which].kind];
}

/* The 量化考评 kinds score a standard: only a scored one is offered for them. */
static bool wants_scored(void)
{
    return strip[rs.which].kind == REPORT_SHEET || strip[rs.which].kind == REPORT_SHEET_COUNTY;
}

/* Step the standard by delta (0: stay, unless the current kind does not take it) to one the kind takes. */
static void standard_step(struct app *app, int delta)
{
    if (!current_standard(app))
        return;
    int n = rs.stds.n, i = rs.std_index;
    for (int tries = 0; tries < n; tries++) {
        if (delta)
            i = (i + delta + n) % n;
        if (!wants_scored() || rs.stds.std[i].scored) {
            rs.std_index = i;
            return;
        }
        if (!delta)
            delta = 1;
    }
}

/* A kind whose period may be a month, quarter or year: t changes which. */
static bool any_period(const struct report_kind *k)
{
    return k->period_rule == REPORT_PERIOD_ANY || k->period_rule == REPORT_PERIOD_OPTIONAL;
}

/* The period kind the current report is read over; -1 for none (the directory). */
static int period_kind(struct app *app)
{
    const struct report_kind *k = current_kind();
    switch (k->period_rule) {
    case REPORT_PERIOD_FIXED: return k->period_kind;
    case REPORT_PERIOD_NONE: return -1;
    case REPORT_PERIOD_STANDARD: {
        const struct standard *std = current_standard(app);
        return std ? std->period : PERIOD_YEAR;
    }
    default: return rs.span;
    }
}

static int build(struct app *app)
{
    const struct report_kind *k = current_kind();
    struct report_request req = {.below = strip[rs.which].below};
    int kind = period_kind(app);
    if (kind >= 0) {
        period_at(kind, &req.period);
        req.has_period = true;
    }
    if (k->options & REPORT_OPT_STANDARD)
        req.std = current_standard(app);
    /* 查账 is as of today (date_today) over every standard installed. */
    if (k->options & REPORT_OPT_AS_OF) {
        current_standard(app);
        req.stds = &rs.stds;
    }
    fx_clear(&rs.err);
    rs.asked = true;
    int rc = report_build(app->db, app->cfg, k, &req, rs.rep, &rs.err);
    rs.built = rc == 0;
    rs.vis_valid = false;
    if (!rs.built)
        return rc;
    rs.nlines = render_text_count(rs.rep);
    /* The title block and the signature line can be wider than the table. */
    rs.width = render_text_width(rs.rep);
    if (rs.width < 66)
        rs.width = 66;
    return 0;
}

static int report_enter(struct app *app)
{
    if (!rs.rep && !(rs.rep = malloc(sizeof *rs.rep)))
        return SCR_REDRAW;
    if (!rs.vis && !(rs.vis = malloc(sizeof *rs.vis * MAX_VIS)))
        return SCR_REDRAW;
    if (!rs.month) {
        rs.year = app->period.year;
        rs.month = app->period.kind == PERIOD_MONTH ? app->period.index : 1;
    }
    /* Opening the tab shows the strip and the period; a report is built when asked for (Enter, or a key
     * that chooses one): the month report of a county ledger takes longer than a frame should (issue 22). */
    rs.built = rs.asked = false;
    rs.vis_valid = false;
    fx_clear(&rs.err);
    return SCR_REDRAW;
}

static void report_leave(struct app *app)
{
    (void)app;
    free(rs.rep);
    free(rs.vis);
    rs.rep = NULL;
    rs.vis = NULL;
    rs.vis_valid = false;
    if (rs.stds_loaded)
        standard_list_free(&rs.stds);
    rs.stds_loaded = false;
}

/* ---- drawing -------------------------------------------------------------- */

struct collect {
    int n;
};

static int collect_line(const char *line, void *ctx)
{
    struct collect *c = ctx;
    if (c->n < MAX_VIS)
        snprintf(rs.vis[c->n++], LINE_LEN, "%s", line);
    return 0;
}

/* Read the lines on screen from the report, unless they are already here. */
static void fetch_visible(int h)
{
    if (h > MAX_VIS)
        h = MAX_VIS;
    if (rs.vis_valid && rs.vis_top == rs.top && rs.vis_h == h)
        return;
    struct collect c = {0};
    fx_clear(&rs.vis_err);
    render_text_lines(rs.rep, rs.top, h, collect_line, &c, &rs.vis_err);
    rs.nvis = c.n;
    rs.vis_top = rs.top;
    rs.vis_h = h;
    rs.vis_valid = !rs.vis_err.msg[0];
}

/* Draw line from display column left on, in w columns; a wide character cut
 * by the left edge shows as a space, never as half a glyph. */
static void draw_shifted(int y, int x, int w, const char *line, int role)
{
    int used = 0;
    size_t skip = text_fit_columns(line, rs.left, &used);
    const char *rest = line + skip;
    int pad = 0;
    if (used < rs.left && *rest) {
        uint32_t cp;
        rest += text_decode(rest, strlen(rest), &cp);
        pad = used + text_cp_width(cp) - rs.left;
        draw_fill(y, x, pad, role);
    }
    draw_text(y, x + pad, w - pad, rest, role);
}

static int strip_item(int i, char *item, size_t size)
{
    snprintf(item, size, " %s ", strip[i].label);
    return text_width(item);
}

/* The strip, from strip_first on: it scrolls so that the current report is shown, < > saying more lie beyond. */
static void draw_strip(struct rect b)
{
    char item[32];
    int room = b.w - 3; /* one column each side for < >, one spare */
    if (rs.which < rs.strip_first)
        rs.strip_first = rs.which;
    for (;;) {
        int w = 0;
        for (int i = rs.strip_first; i <= rs.which; i++)
            w += strip_item(i, item, sizeof item);
        if (w <= room || rs.strip_first == rs.which)
            break;
        rs.strip_first++;
    }
    rs.strip_y = b.y;
    draw_fill(b.y, b.x, b.w, ROLE_NORMAL);
    if (rs.strip_first > 0)
        draw_text(b.y, b.x, 1, "<", ROLE_DIM);
    int x = b.x + 1, end = b.x + 1 + room;
    for (int i = 0; i < R_COUNT; i++)
        rs.strip_x[i] = rs.strip_end[i] = -1;
    int i = rs.strip_first;
    for (; i < R_COUNT; i++) {
        int w = strip_item(i, item, sizeof item);
        if (x + w > end)
            break;
        rs.strip_x[i] = x;
        x += draw_text(b.y, x, w, item, i == rs.which ? ROLE_TAB_CUR : ROLE_TAB);
        rs.strip_end[i] = x;
    }
    if (i < R_COUNT)
        draw_text(b.y, end, 1, ">", ROLE_DIM);
}

static void report_draw(struct app *app, struct rect b)
{
    if (b.h < HEAD + 1)
        return;
    draw_strip(b);
    char line[512], label[64] = "";
    int kind = period_kind(app);
    if (kind < 0) {
        snprintf(label, sizeof label, "不分期间（%s现状）", strip[rs.which].kind == REPORT_MENU ? "菜单" : "名册");
    } else {
        struct fx_period p;
        period_at(kind, &p);
        period_label(&p, label, sizeof label);
    }
    const struct standard *std = current_kind()->options & REPORT_OPT_STANDARD ? current_standard(app) : NULL;
    char as_of[11] = "";
    if (current_kind()->options & REPORT_OPT_AS_OF) {
        struct fx_date today;
        date_today(&today);
        date_format(&today, as_of);
    }
    snprintf(line, sizeof line, "期间：%s%s%s%s%s", label, std ? "  标准：" : "", std ? std->name : "",
             as_of[0] ? "  截至：" : "", as_of);
    int y = b.y + 1;
    draw_fill(y, b.x, b.w, ROLE_NORMAL);
    int w = draw_text(y, b.x + 1, b.w - 2, line, ROLE_NORMAL);
    /* The keys of this page (from its table), then where the preview is; the keys first if only one fits. */
    char keys_hint_text[256];
    keys_hint(report_keys_now(app), 0, keys_hint_text, sizeof keys_hint_text);
    int kw = text_width(keys_hint_text), room = b.w - 1 - (1 + w + 2);
    if (rs.built) {
        int h = b.h - HEAD;
        int64_t last = rs.top + h < rs.nlines ? rs.top + h : rs.nlines;
        snprintf(line, sizeof line, "%lld–%lld/%lld行", (long long)(rs.nlines ? rs.top + 1 : 0), (long long)last,
                 (long long)rs.nlines);
        int lw = text_width(line);
        bool both = kw + 2 + lw <= room;
        if (lw <= room && (both || kw > room)) {
            draw_text(y, b.x + b.w - 1 - lw, lw, line, ROLE_DIM);
            room -= lw + 2;
        }
    }
    if (kw <= room)
        draw_text(y, b.x + 1 + w + 2 + room - kw, kw, keys_hint_text, ROLE_DIM);
    int top = b.y + HEAD, h = b.h - HEAD;
    for (int i = 0; i < h; i++)
        draw_fill(top + i, b.x, b.w, ROLE_NORMAL);
    if (!rs.rep || !rs.vis) {
        draw_text(top, b.x + 1, b.w - 2, "内存不足，无法显示报表", ROLE_ERROR);
        return;
    }
    if (!rs.asked) {
        if (kind < 0)
            text_format(line, sizeof line, "按 Enter 生成%s", strip[rs.which].label);
        else
            text_format(line, sizeof line, "按 Enter 生成%s（%s）", strip[rs.which].label, label);
        draw_text(top + 1, b.x + 2, b.w - 3, line, ROLE_NORMAL);
        draw_text(top + 3, b.x + 2, b.w - 3,
                  kind < 0 ? "按 < > 换一种报表，换了就生成" : "按 < > 换一种报表，按 [ ] 换期间，换了就生成",
                  ROLE_DIM);
        return;
    }
    if (!rs.built) {
        draw_text(top, b.x + 1, b.w - 2, rs.err.msg[0] ? rs.err.msg : "报表未能生成", ROLE_ERROR);
        return;
    }
    fetch_visible(h);
    if (rs.vis_err.msg[0]) {
        draw_text(top, b.x + 1, b.w - 2, rs.vis_err.msg, ROLE_ERROR);
        return;
    }
    for (int i = 0; i < h && i < rs.nvis; i++) {
        int64_t n = rs.top + i;
        if (n >= rs.nlines)
            break;
        const char *s = rs.vis[i];
        int role = n == 0 || n == 3 ? ROLE_HEADER : !strncmp(s, "合计", strlen("合计")) ? ROLE_FIGURE : ROLE_NORMAL;
        draw_shifted(top + i, b.x, b.w, s, role);
    }
}

/* ---- export and print ----------------------------------------------------- */

static const char *const formats[] = {"CSV", "XLSX", "PDF"};

struct export_ctx {
    struct app *app;
    char path[4096];
};

static int export_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct export_ctx *ctx = vctx;
    int format = form->fields[0].choice;
    const char *dir = form->fields[1].text;
    static const enum render_format as[] = {RENDER_CSV, RENDER_XLSX, RENDER_PDF};
    char name[300];
    render_default_name(rs.rep, as[format], name, sizeof name);
    if (paths_join(ctx->path, sizeof ctx->path, dir, name))
        return fx_fail_field(err, FX_EINPUT, "dir", "文件夹路径太长");
    if (paths_mkdir_p(dir, 0700, err))
        return FX_EFS;
    int flags;
    if (!app_may_write(ctx->app, ctx->path, &flags))
        return fx_fail_field(err, FX_EINPUT, "dir", "文件已存在，没有覆盖；可以换一个文件夹");
    return render_file(rs.rep, as[format], ctx->path, flags, true, err);
}

static int export_report(struct app *app)
{
    if (!rs.built) {
        app_status(app, "没有可导出的报表");
        return SCR_HANDLED;
    }
    static int last_format = 2;
    struct form_field f[2];
    memset(f, 0, sizeof f);
    f[0].id = "format";
    f[0].label = "格式";
    f[0].type = FIELD_CHOICE;
    f[0].choices = formats;
    f[0].nchoices = 3;
    f[0].choice = last_format;
    f[1].id = "dir";
    f[1].label = "存到文件夹";
    f[1].type = FIELD_TEXT;
    f[1].required = true;
    /* The documents folder's 分校台账 (paths_output_dir), as the command line uses; else home. */
    char dir[4096];
    struct fx_error quiet;
    fx_clear(&quiet);
    const char *home = getenv("HOME");
    if (paths_output_dir(dir, sizeof dir, &quiet))
        text_copy(dir, sizeof dir, home && *home ? home : ".");
    text_copy(f[1].text, sizeof f[1].text, dir);
    struct export_ctx ctx = {.app = app};
    struct form form = {.title = "导出报表", .fields = f, .nfields = 2, .save = export_save, .ctx = &ctx};
    if (form_run(app, &form)) {
        last_format = f[0].choice;
        /* The name on a line of its own, so a long folder never splits it. */
        char msg[4400], folder[4096];
        paths_dirname(folder, sizeof folder, ctx.path);
        const char *slash = strrchr(ctx.path, '/');
        text_format(msg, sizeof msg, "已导出（只有本人可读写）：\n%s\n文件夹：%s", slash ? slash + 1 : ctx.path, folder);
        dialog_message(app, "导出", msg);
        app_status(app, "已导出：%s", ctx.path);
    }
    return SCR_HANDLED | SCR_REDRAW;
}

static int print_report(struct app *app)
{
    if (!rs.built) {
        app_status(app, "没有可打印的报表");
        return SCR_HANDLED;
    }
    char path[4096];
    struct fx_error err;
    fx_clear(&err);
    if (render_print_path(rs.rep, path, sizeof path, &err) || render_file(rs.rep, RENDER_PDF, path, 0, false, &err)) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_REDRAW;
    }
    const char *printer = app->cfg->printer[0] ? app->cfg->printer : NULL;
    if (render_print(path, printer, &err)) {
        /* err->msg says why, then where the PDF was kept: the path gets lines of
         * its own so it is read whole, and stays on the status line after. */
        char msg[4800], why[sizeof err.msg];
        snprintf(why, sizeof why, "%s", err.msg);
        char *kept = strstr(why, "PDF 已保留");
        if (kept)
            *kept = '\0';
        snprintf(msg, sizeof msg, "%s\n\nPDF 已保留在：\n%s", why, path);
        dialog_message(app, "未能打印", msg);
        app_status(app, "PDF 已保留：%s", path);
        return SCR_HANDLED | SCR_REDRAW;
    }
    app_status(app, "已送打印机%s%s%s", printer ? "（" : "", printer ? printer : "", printer ? "）" : "");
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- keys ----------------------------------------------------------------- */

static int choose(struct app *app, int which)
{
    rs.which = (which + R_COUNT) % R_COUNT;
    if (current_kind()->options & REPORT_OPT_STANDARD)
        standard_step(app, 0);
    rs.top = 0;
    rs.left = 0;
    build(app);
    return SCR_HANDLED | SCR_REDRAW;
}

static int step_period(struct app *app, int delta)
{
    int kind = period_kind(app);
    if (kind < 0) {
        app_status(app, "%s不分期间", current_kind()->label);
        return SCR_HANDLED;
    }
    /* Move the month cursor by the period's length, so going from a year back
     * to the month report lands on the same month of the other year. */
    int months = kind == PERIOD_YEAR ? 12 : kind == PERIOD_HALF ? 6 : kind == PERIOD_QUARTER ? 3 : 1;
    int m = rs.year * 12 + (rs.month - 1) + delta * months;
    if (m / 12 < 1900 || m / 12 > 2999)
        return SCR_HANDLED;
    rs.year = m / 12;
    rs.month = m % 12 + 1;
    rs.top = 0;
    build(app);
    return SCR_HANDLED | SCR_REDRAW;
}

static void scroll_to(int64_t top, int h)
{
    int64_t max = rs.nlines - h > 0 ? rs.nlines - h : 0;
    rs.top = top < 0 ? 0 : top > max ? max : top;
}

enum {
    REPORT_PREV = ACT_LOCAL,
    REPORT_NEXT,
    REPORT_PREV_PERIOD,
    REPORT_NEXT_PERIOD,
    REPORT_SPAN,
    REPORT_STANDARD,
    REPORT_EXPORT
};

static int report_key(struct app *app, int action, int is_key, wint_t ch)
{
    int key = keys_join(is_key, ch);
    int h = app_body().h - HEAD;
    if (h < 1)
        h = 1;
    switch (action) {
    case ACT_PRINT: return print_report(app);
    case REPORT_PREV: return choose(app, rs.which - 1);
    case REPORT_NEXT: return choose(app, rs.which + 1);
    case REPORT_PREV_PERIOD: return step_period(app, -1);
    case REPORT_NEXT_PERIOD: return step_period(app, 1);
    case REPORT_EXPORT: return export_report(app);
    case REPORT_SPAN:
        rs.span = rs.span == PERIOD_MONTH ? PERIOD_QUARTER : rs.span == PERIOD_QUARTER ? PERIOD_YEAR : PERIOD_MONTH;
        rs.top = 0;
        build(app);
        return SCR_HANDLED | SCR_REDRAW;
    case REPORT_STANDARD:
        if (!current_standard(app))
            return SCR_HANDLED;
        standard_step(app, 1);
        rs.top = 0;
        build(app);
        return SCR_HANDLED | SCR_REDRAW;
    case ACT_REFRESH:
        if (rs.asked || key != FXK_ENTER)
            app_status(app, "已重新生成");
        build(app);
        return SCR_HANDLED | SCR_REDRAW;
    case ACT_MOVE:
        switch (key) {
        case FXK_UP: scroll_to(rs.top - 1, h); break;
        case FXK_DOWN: scroll_to(rs.top + 1, h); break;
        case FXK_PGUP: scroll_to(rs.top - h, h); break;
        case FXK_PGDN: scroll_to(rs.top + h, h); break;
        case FXK_HOME: scroll_to(0, h); break;
        case FXK_END: scroll_to(rs.nlines, h); break;
        case FXK_LEFT: rs.left = rs.left > HSTEP ? rs.left - HSTEP : 0; break;
        default: {
            int max = rs.width - app_body().w + 1;
            rs.left = rs.left + HSTEP < max ? rs.left + HSTEP : max > 0 ? max : 0;
            break;
        }
        }
        return SCR_HANDLED;
    default: return SCR_UNHANDLED;
    }
}

static int report_click(struct app *app, struct rect body, int y, int x)
{
    (void)body;
    if (y != rs.strip_y)
        return SCR_HANDLED;
    for (int i = 0; i < R_COUNT; i++)
        if (rs.strip_x[i] >= 0 && x >= rs.strip_x[i] && x < rs.strip_end[i])
            return choose(app, i);
    return SCR_HANDLED;
}

/* The 报表 screen's keys: X(key, twin, action, hint, help); a report with a period adds [ ], one of
 * any period t, the checklist s. */
#define REPORT_KEYS(X)                                                                                                 \
    X('<', ',', REPORT_PREV, "换报表", "上一种报表")                                                                   \
    X('>', '.', REPORT_NEXT, "换报表", "下一种报表")                                                                   \
    X(FXK_ENTER, 0, ACT_REFRESH, "生成", "生成这张报表（打开本页时不生成，按了才生成）")                               \
    X('x', 'X', REPORT_EXPORT, "导出", "导出 CSV、XLSX 或 PDF 到文件夹")                                               \
    X(FXK_F(5), 'p', ACT_PRINT, "打印", "打印（生成 PDF 送打印机；打不了就保留 PDF）")                                 \
    X(FXK_DOWN, FXK_UP, ACT_MOVE, NULL, "上下滚动一行")                                                                \
    X(FXK_PGDN, FXK_PGUP, ACT_MOVE, NULL, "上下滚动一页")                                                              \
    X(FXK_END, FXK_HOME, ACT_MOVE, NULL, "到末尾、到开头")                                                             \
    X('r', 'R', ACT_REFRESH, NULL, "重新生成这张报表（读入最新的台账）")
FX_KEYMAP(static, report_keys, "报表", REPORT_KEYS, screen_keys_frame_also);

#define REPORT_PERIOD_KEYS(X)                                                                                          \
    X('[', 0, REPORT_PREV_PERIOD, "换期间", "上一期")                                                                  \
    X(']', 0, REPORT_NEXT_PERIOD, "换期间", "下一期")
static const struct keymap *const report_period_also[] = {&report_keys, NULL};
FX_KEYMAP(static, report_period_keys, "报表：有期间的", REPORT_PERIOD_KEYS, report_period_also);
static const struct keymap *const report_more_also[] = {&report_period_keys, NULL};

#define REPORT_SPAN_KEYS(X) X('t', 'T', REPORT_SPAN, "换月/季/年", "按月、季还是年统计（党组织、类别、教师、点单）")
FX_KEYMAP(static, report_span_keys, "报表：可换期间类型", REPORT_SPAN_KEYS, report_more_also);

#define REPORT_STD_KEYS(X) X('s', 'S', REPORT_STANDARD, "换标准", "换一个标准（清单；考评表只换评分标准）")
FX_KEYMAP(static, report_std_keys, "报表：清单", REPORT_STD_KEYS, report_more_also);

/* A report wider than the window also scrolls across: one table for each of the above. */
#define REPORT_WIDE_KEYS(X) X(FXK_RIGHT, FXK_LEFT, ACT_MOVE, NULL, "左右滚动（表比窗口宽时）")
static const struct keymap *const report_wide_also[] = {&report_keys, NULL};
FX_KEYMAP(static, report_wide_keys, "报表：表比窗口宽时", REPORT_WIDE_KEYS, report_wide_also);
static const struct keymap *const report_wide_period_also[] = {&report_period_keys, NULL};
FX_KEYMAP(static, report_wide_period_keys, "报表：有期间的，表比窗口宽时", REPORT_WIDE_KEYS, report_wide_period_also);
static const struct keymap *const report_wide_span_also[] = {&report_span_keys, NULL};
FX_KEYMAP(static, report_wide_span_keys, "报表：可换期间类型，表比窗口宽时", REPORT_WIDE_KEYS, report_wide_span_also);
static const struct keymap *const report_wide_std_also[] = {&report_std_keys, NULL};
FX_KEYMAP(static, report_wide_std_keys, "报表：清单，表比窗口宽时", REPORT_WIDE_KEYS, report_wide_std_also);
static const struct keymap *const report_more_keys[] = {
    &report_period_keys,      &report_span_keys,      &report_std_keys,      &report_wide_keys,
    &report_wide_period_keys, &report_wide_span_keys, &report_wide_std_keys, NULL};

static const struct keymap *report_keys_now(struct app *app)
{
    const struct report_kind *k = current_kind();
    bool wide = rs.built && rs.width >= app_body().w; /* → moves it (see ACT_MOVE) */
    if (any_period(k))
        return wide ? &report_wide_span_keys : &report_span_keys;
    if ((k->options & REPORT_OPT_STANDARD) && current_standard(app))
        return wide ? &report_wide_std_keys : &report_std_keys;
    if (k->period_rule == REPORT_PERIOD_NONE)
        return wide ? &report_wide_keys : &report_keys;
    return wide ? &report_wide_period_keys : &report_period_keys;
}

const struct screen_ops screen_report_ops = {
    .name = "报表",
    .keys = &report_keys,
    .keys_now = report_keys_now,
    .more_keys = report_more_keys,
    .enter = report_enter,
    .leave = report_leave,
    .draw = report_draw,
    .key = report_key,
    .click = report_click,
};
