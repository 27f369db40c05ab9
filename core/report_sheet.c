/* report_sheet.c — 量化考评表: per item 项目, 分值, 系统核验, 自评, 考评, 差 and the notes; the totals of both
 * columns and the stars each earns. The scores are sheet.h's, the automatic figure standard_evaluate's. */
#include "report_sheet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "sheet.h"
#include "standard.h"
#include "store.h"
#include "text.h"

#define GAP_MARK "※"

/* What the sheet reads: the standard again, its evaluation (系统核验) and the scores. */
struct sheet_data {
    struct standard std;
    struct std_result res;
    struct sheet_item_scores *scores;
};

static void data_free(struct sheet_data *d)
{
    free(d->scores);
    standard_result_free(&d->res);
    standard_free(&d->std);
}

static int data_read(const struct report *rep, struct sheet_data *d, struct fx_error *err)
{
    memset(d, 0, sizeof *d);
    const struct report_sheet_params *sp = &rep->params.sheet;
    int rc = standard_load(sp->source, &d->std, err);
    if (rc)
        return rc;
    if ((rc = standard_evaluate_unit_at(rep->db, &d->std, &rep->period, 0, sp->eval_unit, rep->made, &d->res, err))) {
        standard_free(&d->std);
        return rc;
    }
    d->scores = calloc((size_t)(d->std.nitems > 0 ? d->std.nitems : 1), sizeof *d->scores);
    if (!d->scores)
        rc = fx_fail(err, FX_EINTERNAL, "内存不足");
    else
        rc = sheet_scores_read(rep->db, &d->std, &rep->period, sp->unit_id, d->scores, err);
    if (rc)
        data_free(d);
    return rc;
}

static void put_score(struct report_row *r, int col, const struct sheet_item_scores *s, int role)
{
    if (s->has[role])
        report_put_num(r, col, s->score[role], 2);
}

static void put_gap(const struct report *rep, struct report_row *r, int col, const struct sheet_item_scores *s)
{
    if (!s->has[SHEET_SELF] || !s->has[SHEET_REVIEW])
        return;
    char num[32];
    text_format(num, sizeof num, "%g", s->score[SHEET_SELF] - s->score[SHEET_REVIEW]);
    report_put_textf(r, col, "%s%s", sheet_far_apart(s, rep->params.sheet.gap) ? GAP_MARK : "", num);
}

static void fill_item(const struct report *rep, const struct sheet_data *d, int i, struct report_row *r)
{
    const struct std_item_result *ir = &d->res.items[i];
    const struct std_item *it = ir->item;
    const struct sheet_item_scores *s = &d->scores[i];
    report_put_int(r, 0, i + 1);
    report_put_text(r, 1, it->title);
    report_put_num(r, 2, it->points, 2);
    if (sheet_item_automatic(it))
        report_put_num(r, 3, ir->points, 2);
    else
        report_put_text(r, 3, "—");
    put_score(r, 4, s, SHEET_SELF);
    put_score(r, 5, s, SHEET_REVIEW);
    put_gap(rep, r, 6, s);
    const char *self = s->note[SHEET_SELF], *review = s->note[SHEET_REVIEW];
    if (*self && *review)
        report_put_textf(r, 7, "自评：%s；考评：%s", self, review);
    else if (*self)
        report_put_textf(r, 7, "自评：%s", self);
    else if (*review)
        report_put_textf(r, 7, "考评：%s", review);
}

int report_sheet_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                      struct fx_error *err)
{
    struct sheet_data d;
    int rc = data_read(rep, &d, err);
    if (rc)
        return rc;
    struct report_row *row = malloc(sizeof *row);
    if (!row) {
        data_free(&d);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    int64_t end = limit < 0 ? INT64_MAX : offset + limit;
    for (int64_t i = offset; i < d.res.nitems && i < end && !rc; i++) {
        report_row_clear(rep, row);
        fill_item(rep, &d, (int)i, row);
        rc = fn(row, ctx);
    }
    free(row);
    data_free(&d);
    return rc;
}

/* "★★★★☆ 4 星" for a total by the standard's [stars] table; "" without one. */
static void stars_words(const struct standard *std, double total, char *out, size_t n)
{
    *out = '\0';
    if (!standard_has_stars(std))
        return;
    int stars = standard_stars_for(std, total);
    char marks[64];
    standard_stars_text(stars, marks, sizeof marks);
    text_format(out, n, "%s %d 星", marks, stars);
}

/* "85（★★★★☆ 4 星）", or "—" when the role scored nothing. */
static void total_figure(struct report *rep, const struct standard *std, const char *label, int scored, double total)
{
    struct report_cell *c = report_add_figure(rep, label, NULL);
    if (!c)
        return;
    c->type = CELL_TEXT;
    if (!scored) {
        text_copy(c->text, sizeof c->text, "—");
        return;
    }
    char stars[96];
    stars_words(std, total, stars, sizeof stars);
    if (*stars)
        text_format(c->text, sizeof c->text, "%g 分（%s）", total, stars);
    else
        text_format(c->text, sizeof c->text, "%g 分", total);
}

/* The note "星级：1 星 ≥ 60 分，…" of a standard with a [stars] table. */
static void note_stars(struct report *rep, const struct standard *std)
{
    if (!standard_has_stars(std))
        return;
    char stars[256] = "";
    size_t len = 0;
    for (int s = 1; s <= 5 && len < sizeof stars; s++)
        if (std->star_min[s] >= 0)
            len += (size_t)snprintf(stars + len, sizeof stars - len, "%s%d 星 ≥ %g 分", len ? "，" : "", s,
                                    std->star_min[s]);
    report_add_note(rep, "星级：%s。", stars);
}

/* The period a sheet of req's standard is for (its current one when none is asked), checked: the standard's
 * period kind, a scored standard with a file to read again. */
static int sheet_period(const struct report_request *req, struct fx_period *p, struct fx_error *err)
{
    const struct standard *std = req->std;
    *p = req->period;
    if (!req->has_period)
        standard_current_period(std, p);
    if (p->kind != std->period) {
        struct fx_period eg;
        standard_current_period(std, &eg);
        char canon[16];
        period_format(&eg, canon, sizeof canon);
        return fx_fail_field(err, FX_EINPUT, "period", "“%s”按%s评分，期间应形如 %s", std->name,
                             standard_period_name(std->period), canon);
    }
    if (!std->scored)
        return fx_fail_field(err, FX_EINPUT, "standard", "“%s”不是评分标准（条目没有分值），没有考评表", std->name);
    if (!std->path[0])
        return fx_fail(err, FX_EINTERNAL, "标准“%s”没有文件路径，无法生成报表", std->name);
    return 0;
}

/* The common head of both kinds: the period checked (sheet_period), the title "<prefix>“<standard>”量化考评表<suffix>"
 * and slug "<slug>-<id>", the standard's file and the [sheet] gap in the parameters. */
static int sheet_begin(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, int kind,
                       const char *prefix, const char *suffix, const char *slug, struct report *rep,
                       struct fx_error *err)
{
    const struct standard *std = req->std;
    struct fx_period p;
    int rc = sheet_period(req, &p, err);
    if (rc)
        return rc;
    struct fx_config defaults;
    const struct fx_config *c = report_config(cfg, &defaults);
    report_begin(db, cfg, kind, rep);
    struct report_sheet_params *sp = &rep->params.sheet;
    text_copy(sp->source, sizeof sp->source, std->path);
    sp->gap = c->sheet_gap;
    char what[160], name[64];
    text_format(what, sizeof what, "%s“%s”量化考评%s", prefix, std->name, suffix);
    text_format(name, sizeof name, "%s-%s", slug, std->id);
    report_set_period(rep, &p, what, name);
    return 0;
}

int report_sheet_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                       struct fx_error *err)
{
    int rc = sheet_begin(db, cfg, req, REPORT_SHEET, "", "表", "sheet", rep, err);
    if (rc)
        return rc;
    int64_t unit_id = 0;
    if (req->unit && *req->unit && (rc = sheet_find_unit(db, req->unit, &unit_id, err)) != 0)
        return rc;
    struct report_sheet_params *sp = &rep->params.sheet;
    sp->unit_id = unit_id ? unit_id : store_unit_id(db);
    /* A township of a merged ledger: its own sessions and roster; the ledger's own unit: everything in it. */
    sp->eval_unit = sheet_eval_unit(db, unit_id);
    if (sp->eval_unit)
        text_copy(rep->unit, sizeof rep->unit, req->unit);
    report_add_col(rep, "序号", 'r', 5);
    report_add_col(rep, "项目", 'l', 22);
    report_add_col(rep, "分值", 'r', 5);
    report_add_col(rep, "系统核验", 'r', 8);
    report_add_col(rep, "自评", 'r', 5);
    report_add_col(rep, "考评", 'r', 5);
    report_add_col(rep, "差", 'r', 6);
    report_add_col(rep, "说明", 'l', 24);

    struct sheet_data d;
    if ((rc = data_read(rep, &d, err)) != 0)
        return rc;
    struct sheet_totals tot;
    sheet_totals_of(&d.res, d.scores, sp->gap, &tot);
    const int *scored = tot.scored;
    const double *total = tot.total;
    rep->nrows = d.res.nitems;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计");
    report_put_textf(t, 1, "%d 项", d.res.nitems);
    report_put_num(t, 2, d.std.max_points, 2);
    report_put_num(t, 3, tot.auto_total, 2);
    if (scored[SHEET_SELF])
        report_put_num(t, 4, total[SHEET_SELF], 2);
    if (scored[SHEET_REVIEW])
        report_put_num(t, 5, total[SHEET_REVIEW], 2);
    if (scored[SHEET_SELF] && scored[SHEET_REVIEW]) {
        char num[32];
        text_format(num, sizeof num, "%g", total[SHEET_SELF] - total[SHEET_REVIEW]);
        report_put_text(t, 6, num);
    }
    report_add_figure_num(rep, "满分", d.std.max_points, 2, "分");
    total_figure(rep, &d.std, "自评", scored[SHEET_SELF], total[SHEET_SELF]);
    total_figure(rep, &d.std, "考评", scored[SHEET_REVIEW], total[SHEET_REVIEW]);
    report_add_figure_int(rep, "自评已评", scored[SHEET_SELF], "项");
    report_add_figure_int(rep, "考评已评", scored[SHEET_REVIEW], "项");
    char label[64];
    text_format(label, sizeof label, "相差超过%g分", sp->gap);
    report_add_figure_int(rep, label, tot.apart, "项");
    if (d.std.source[0])
        report_add_note(rep, "依据：%s", d.std.source);
    report_add_note(rep, "自评由镇街党校（分校）填写，考评由县级评委会逐项评分；差 = 自评 − 考评。");
    report_add_note(rep, GAP_MARK " 自评与考评相差超过 %g 分（本地设置 [sheet] gap），须复核。", sp->gap);
    report_add_note(rep, "系统核验：台账、名册、经费自动核验的条目按 %s 的台账所得分值（%d 项）；— 为须人工评定的条目。",
                    rep->made, tot.automatics);
    note_stars(rep, &d.std);
    data_free(&d);
    return 0;
}

/* ---- 各分校量化考评对比表 (report sheet-county) ------------------------------------------------------------- */

/* The townships of a merged ledger in the order they were merged; a ledger that merged none, its own unit. */
#define SHEET_COUNTY_UNITS                                                                                             \
    "SELECT id, name FROM unit WHERE is_local = 0 OR NOT EXISTS (SELECT 1 FROM unit WHERE is_local = 0) ORDER BY id"

/* Called for each township with its sheet totals; nonzero stops the walk. */
typedef int (*county_fn)(void *ctx, const char *name, const struct sheet_totals *t, struct fx_error *err);

/* Each township's sheet_unit_totals of std for the report's period, rows [offset, end). */
static int county_walk(const struct report *rep, const struct standard *std, int64_t offset, int64_t end, county_fn fn,
                       void *ctx, struct fx_error *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(rep->db, SHEET_COUNTY_UNITS, &st, err);
    if (rc)
        return rc;
    int s = SQLITE_DONE;
    int64_t i = 0;
    while (!rc && i < end && (s = sqlite3_step(st)) == SQLITE_ROW) {
        if (i++ < offset)
            continue;
        struct sheet_totals t;
        char name[201];
        store_copy_column(name, sizeof name, st, 1);
        rc = sheet_unit_totals(rep->db, std, &rep->period, sqlite3_column_int64(st, 0), rep->made,
                               rep->params.sheet.gap, &t, err);
        if (!rc)
            rc = fn(ctx, name, &t, err);
    }
    if (!rc && i < end && s != SQLITE_DONE)
        rc = store_fail(rep->db, s, err, "读取分校");
    sqlite3_finalize(st);
    return rc;
}

/* "12/19": items scored of the standard's items. */
static void put_scored(struct report_row *r, int col, const struct sheet_totals *t, int role)
{
    report_put_textf(r, col, "%d/%d", t->scored[role], t->nitems);
}

/* 差 = 自评总分 − 考评总分, marked ※ when more than the gap apart, once both scored. */
static void put_total_gap(struct report_row *r, int col, double diff, double gap)
{
    char num[32];
    text_format(num, sizeof num, "%g", diff);
    report_put_textf(r, col, "%s%s", fabs(diff) > gap + 1e-9 ? GAP_MARK : "", num);
}

struct county_rows {
    const struct report *rep;
    const struct standard *std;
    struct report_row *row;
    report_row_fn fn;
    void *ctx;
};

static int county_row(void *ctx, const char *name, const struct sheet_totals *t, struct fx_error *err)
{
    (void)err;
    struct county_rows *w = ctx;
    struct report_row *r = w->row;
    report_row_clear(w->rep, r);
    report_put_text(r, 0, name);
    for (int role = 0; role < 2; role++) {
        if (!t->scored[role])
            continue;
        char stars[96];
        stars_words(w->std, t->total[role], stars, sizeof stars);
        report_put_num(r, 1 + 2 * role, t->total[role], 2);
        report_put_text(r, 2 + 2 * role, *stars ? stars : "—");
    }
    if (t->scored[SHEET_SELF] && t->scored[SHEET_REVIEW])
        put_total_gap(r, 5, t->total[SHEET_SELF] - t->total[SHEET_REVIEW], w->rep->params.sheet.gap);
    if (t->automatics)
        report_put_num(r, 6, t->auto_total, 2);
    else
        report_put_text(r, 6, "—");
    put_scored(r, 7, t, SHEET_SELF);
    put_scored(r, 8, t, SHEET_REVIEW);
    report_put_int(r, 9, t->apart);
    return w->fn(r, w->ctx);
}

static int county_load(const struct report *rep, struct standard *std, struct fx_error *err)
{
    return standard_load(rep->params.sheet.source, std, err);
}

int report_sheet_county_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                             struct fx_error *err)
{
    struct standard std;
    int rc = county_load(rep, &std, err);
    if (rc)
        return rc;
    struct county_rows w = {.rep = rep, .std = &std, .fn = fn, .ctx = ctx};
    if (!(w.row = malloc(sizeof *w.row)))
        rc = fx_fail(err, FX_EINTERNAL, "内存不足");
    else
        rc = county_walk(rep, &std, offset, limit < 0 ? INT64_MAX : offset + limit, county_row, &w, err);
    free(w.row);
    standard_free(&std);
    return rc;
}

/* What the 合计/平均 line and the figures add up over the townships. */
struct county_sum {
    const struct standard *std;
    double gap;
    int units;
    int with[2];     /* townships with any score, per role */
    double total[2]; /* the sum of their totals, per role */
    int both;        /* townships scored in both roles */
    double diff;     /* the sum of their 差 */
    int far;         /* of those, 差 more than the gap */
    int automatics;  /* townships with an automatic figure */
    double auto_total;
    int scored[2], items; /* items scored per role, of items in all */
    int apart;
    int stars[6]; /* townships by their 考评's stars */
};

static int county_add(void *ctx, const char *name, const struct sheet_totals *t, struct fx_error *err)
{
    (void)name, (void)err;
    struct county_sum *c = ctx;
    c->units++;
    for (int role = 0; role < 2; role++) {
        c->scored[role] += t->scored[role];
        if (t->scored[role]) {
            c->with[role]++;
            c->total[role] += t->total[role];
        }
    }
    if (t->scored[SHEET_SELF] && t->scored[SHEET_REVIEW]) {
        double diff = t->total[SHEET_SELF] - t->total[SHEET_REVIEW];
        c->both++;
        c->diff += diff;
        c->far += fabs(diff) > c->gap + 1e-9;
    }
    if (t->scored[SHEET_REVIEW])
        c->stars[standard_stars_for(c->std, t->total[SHEET_REVIEW])]++;
    if (t->automatics) {
        c->automatics++;
        c->auto_total += t->auto_total;
    }
    c->items += t->nitems;
    c->apart += t->apart;
    return 0;
}

int report_sheet_county_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                              struct report *rep, struct fx_error *err)
{
    const struct standard *std = req->std;
    int rc = sheet_begin(db, cfg, req, REPORT_SHEET_COUNTY, "各分校", "对比表", "sheet-county", rep, err);
    if (rc)
        return rc;
    const struct report_sheet_params *sp = &rep->params.sheet;
    report_add_col(rep, "分校", 'l', 14);
    report_add_col(rep, "自评总分", 'r', 8);
    report_add_col(rep, "自评星级", 'l', 14);
    report_add_col(rep, "考评总分", 'r', 8);
    report_add_col(rep, "考评星级", 'l', 14);
    report_add_col(rep, "差", 'r', 6);
    report_add_col(rep, "系统核验", 'r', 8);
    report_add_col(rep, "自评已评", 'r', 8);
    report_add_col(rep, "考评已评", 'r', 8);
    report_add_col(rep, "超差项", 'r', 6);

    struct county_sum sum = {.std = std, .gap = sp->gap};
    if ((rc = county_walk(rep, std, 0, INT64_MAX, county_add, &sum, err)) != 0)
        return rc;
    rep->nrows = sum.units;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计/平均");
    for (int role = 0; role < 2; role++)
        if (sum.with[role])
            report_put_num(t, 1 + 2 * role, sum.total[role] / sum.with[role], 2);
    if (sum.both)
        report_put_num(t, 5, sum.diff / sum.both, 2);
    if (sum.automatics)
        report_put_num(t, 6, sum.auto_total / sum.automatics, 2);
    report_put_textf(t, 7, "%d/%d", sum.scored[SHEET_SELF], sum.items);
    report_put_textf(t, 8, "%d/%d", sum.scored[SHEET_REVIEW], sum.items);
    report_put_int(t, 9, sum.apart);

    report_add_figure_int(rep, "分校", sum.units, "个");
    report_add_figure_num(rep, "满分", std->max_points, 2, "分");
    report_add_figure_int(rep, "已自评", sum.with[SHEET_SELF], "个分校");
    report_add_figure_int(rep, "已考评", sum.with[SHEET_REVIEW], "个分校");
    char label[64];
    text_format(label, sizeof label, "总分相差超过%g分", sp->gap);
    report_add_figure_int(rep, label, sum.far, "个分校");
    if (standard_has_stars(std) && sum.with[SHEET_REVIEW]) {
        struct report_cell *cell = report_add_figure(rep, "考评星级", NULL);
        if (cell) {
            cell->type = CELL_TEXT;
            size_t len = 0;
            for (int s = 5; s >= 0 && len < sizeof cell->text; s--)
                if (sum.stars[s])
                    len += (size_t)snprintf(cell->text + len, sizeof cell->text - len, "%s%d 星 %d 个", len ? "，" : "",
                                            s, sum.stars[s]);
        }
    }
    if (std->source[0])
        report_add_note(rep, "依据：%s", std->source);
    report_add_note(rep,
                    "每个分校一行：自评总分为该分校（镇街党校）自评得分之和，随合并带入；考评总分为县级评委会在本账本"
                    "对该分校逐项评分之和；星级按标准的星级表由总分得出；差 = 自评总分 − 考评总分。");
    report_add_note(rep,
                    GAP_MARK " 自评与考评总分相差超过 %g 分（本地设置 [sheet] gap），须复核；超差项 = 逐项相差超过 %g "
                             "分的条目数，与各分校考评表的 " GAP_MARK " 相同。",
                    sp->gap, sp->gap);
    report_add_note(
        rep, "系统核验 = 台账、名册、经费自动核验的条目按该分校自己的台账截至 %s 所得分值之和；— 为没有这类条目。",
        rep->made);
    report_add_note(
        rep, "已评 = 已评分条目数/条目数；合计/平均行：总分、差、系统核验为有该项的分校的平均，已评与超差项为合计。");
    note_stars(rep, std);
    return 0;
}
