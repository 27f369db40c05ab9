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

/* An item proved by the ledger, the roster or the funds: its earned points are the automatic figure. */
static bool automatic(const struct std_item *it)
{
    return it->evidence == STD_LEDGER || it->evidence == STD_RATE || it->evidence == STD_FUNDS ||
           (it->evidence == STD_ROSTER && it->count != STD_COUNT_DIRECTORY);
}

/* Whether a 自评 and a 考评 disagree by more than the sheet's gap. */
static bool far_apart(const struct report *rep, const struct sheet_item_scores *s)
{
    return s->has[SHEET_SELF] && s->has[SHEET_REVIEW] &&
           fabs(s->score[SHEET_SELF] - s->score[SHEET_REVIEW]) > rep->params.sheet.gap + 1e-9;
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
    report_put_textf(r, col, "%s%s", far_apart(rep, s) ? GAP_MARK : "", num);
}

static void fill_item(const struct report *rep, const struct sheet_data *d, int i, struct report_row *r)
{
    const struct std_item_result *ir = &d->res.items[i];
    const struct std_item *it = ir->item;
    const struct sheet_item_scores *s = &d->scores[i];
    report_put_int(r, 0, i + 1);
    report_put_text(r, 1, it->title);
    report_put_num(r, 2, it->points, 2);
    if (automatic(it))
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
    int stars = standard_stars_for(std, total);
    char marks[64];
    standard_stars_text(stars, marks, sizeof marks);
    if (standard_has_stars(std))
        text_format(c->text, sizeof c->text, "%g 分（%s %d 星）", total, marks, stars);
    else
        text_format(c->text, sizeof c->text, "%g 分", total);
}

int report_sheet_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                       struct fx_error *err)
{
    const struct standard *std = req->std;
    struct fx_period p = req->period;
    if (!req->has_period)
        standard_current_period(std, &p);
    if (p.kind != std->period) {
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
    struct fx_config defaults;
    const struct fx_config *c = report_config(cfg, &defaults);
    int64_t unit_id = 0;
    char unit_name[201] = "";
    if (req->unit && *req->unit) {
        int rc = sheet_find_unit(db, req->unit, &unit_id, err);
        if (rc)
            return rc;
        text_copy(unit_name, sizeof unit_name, req->unit);
    }
    report_begin(db, cfg, REPORT_SHEET, rep);
    struct report_sheet_params *sp = &rep->params.sheet;
    text_copy(sp->source, sizeof sp->source, std->path);
    sp->unit_id = unit_id ? unit_id : store_unit_id(db);
    sp->gap = c->sheet_gap;
    /* A township of a merged ledger: its own sessions and roster; the ledger's own unit: everything in it. */
    bool local = true;
    if (unit_id) {
        int64_t is_local = 1;
        store_get_int(db, "SELECT is_local FROM unit WHERE id = ?1", STORE_ARGS(STORE_INT(unit_id)), &is_local, NULL);
        local = is_local != 0;
        if (!local)
            text_copy(rep->unit, sizeof rep->unit, unit_name);
    }
    sp->eval_unit = local ? 0 : unit_id;
    char what[128], slug[64];
    text_format(what, sizeof what, "“%s”量化考评表", std->name);
    text_format(slug, sizeof slug, "sheet-%s", std->id);
    report_set_period(rep, &p, what, slug);
    report_add_col(rep, "序号", 'r', 5);
    report_add_col(rep, "项目", 'l', 22);
    report_add_col(rep, "分值", 'r', 5);
    report_add_col(rep, "系统核验", 'r', 8);
    report_add_col(rep, "自评", 'r', 5);
    report_add_col(rep, "考评", 'r', 5);
    report_add_col(rep, "差", 'r', 6);
    report_add_col(rep, "说明", 'l', 24);

    struct sheet_data d;
    int rc = data_read(rep, &d, err);
    if (rc)
        return rc;
    double total[2] = {0, 0}, auto_total = 0;
    int scored[2] = {0, 0}, apart = 0, automatics = 0;
    for (int i = 0; i < d.res.nitems; i++) {
        const struct sheet_item_scores *s = &d.scores[i];
        for (int role = 0; role < 2; role++)
            if (s->has[role]) {
                total[role] += s->score[role];
                scored[role]++;
            }
        if (automatic(d.res.items[i].item)) {
            auto_total += d.res.items[i].points;
            automatics++;
        }
        apart += far_apart(rep, s);
    }
    rep->nrows = d.res.nitems;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计");
    report_put_textf(t, 1, "%d 项", d.res.nitems);
    report_put_num(t, 2, d.std.max_points, 2);
    report_put_num(t, 3, auto_total, 2);
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
    report_add_figure_int(rep, label, apart, "项");
    if (d.std.source[0])
        report_add_note(rep, "依据：%s", d.std.source);
    report_add_note(rep, "自评由镇街党校（分校）填写，考评由县级评委会逐项评分；差 = 自评 − 考评。");
    report_add_note(rep, GAP_MARK " 自评与考评相差超过 %g 分（本地设置 [sheet] gap），须复核。", sp->gap);
    report_add_note(rep, "系统核验：台账、名册、经费自动核验的条目按 %s 的台账所得分值（%d 项）；— 为须人工评定的条目。",
                    rep->made, automatics);
    if (standard_has_stars(&d.std)) {
        char stars[256] = "";
        size_t len = 0;
        for (int s = 1; s <= 5 && len < sizeof stars; s++)
            if (d.std.star_min[s] >= 0)
                len += (size_t)snprintf(stars + len, sizeof stars - len, "%s%d 星 ≥ %g 分", len ? "，" : "", s,
                                        d.std.star_min[s]);
        report_add_note(rep, "星级：%s。", stars);
    }
    data_free(&d);
    return 0;
}
