/* report_review.c — 查账 as a report: review_compute's lines, part by part; a part with nothing to list has one
 * row saying so. Every figure is review.c's. */
#include "report_review.h"

#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "review.h"
#include "text.h"

static int compute(const struct report *rep, struct review *r, struct fx_error *err)
{
    const struct report_review_params *pp = &rep->params.review;
    struct fx_config *cfg = malloc(sizeof *cfg);
    if (!cfg)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    config_defaults(cfg);
    cfg->min_member = pp->min_member;
    cfg->min_leader = pp->min_leader;
    cfg->count_candidates = pp->count_candidates;
    int rc = review_compute(rep->db, cfg, pp->stds, rep->period.year, pp->as_of, r, err);
    free(cfg);
    return rc;
}

/* The parts with no line of their own: each shows one row. */
static int64_t count_rows(const struct review *r)
{
    int64_t n = r->nlines;
    for (int p = 0; p < REVIEW_NPARTS; p++) {
        bool any = false;
        for (int i = 0; i < r->nlines && !any; i++)
            any = r->lines[i].part == p;
        n += !any;
    }
    return n;
}

int report_review_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                       struct fx_error *err)
{
    struct review r;
    int rc = compute(rep, &r, err);
    if (rc)
        return rc;
    struct report_row *row = malloc(sizeof *row);
    if (!row) {
        review_free(&r);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    static const char *const none[REVIEW_NPARTS] = {"（无逾期的计划项目）", "（未检查任何标准）",
                                                    "（无学时进度落后的人员）", "（无未点名的培训）",
                                                    "（无未整改完成的问题）"};
    int64_t n = 0;
    int i = 0;
    for (int p = 0; p < REVIEW_NPARTS && !rc; p++) {
        bool first = true;
        do {
            const struct review_line *l = i < r.nlines && r.lines[i].part == p ? &r.lines[i++] : NULL;
            if (!l && !first)
                break;
            if (n >= offset && (limit < 0 || n < offset + limit)) {
                report_row_clear(rep, row);
                if (first)
                    report_put_text(row, 0, review_part_name(p));
                if (l) {
                    report_put_text(row, 1, l->what);
                    report_put_text(row, 2, l->state);
                    report_put_text(row, 3, l->detail);
                    report_put_text(row, 4, l->behind ? "是" : "");
                } else {
                    report_put_text(row, 1, none[p]);
                }
                rc = fn(row, ctx);
            }
            n++;
            first = false;
            if (!l)
                break;
        } while (!rc && i < r.nlines && r.lines[i].part == p);
    }
    free(row);
    review_free(&r);
    return rc;
}

int report_review_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                        struct fx_error *err)
{
    report_begin(db, cfg, REPORT_REVIEW, rep);
    struct fx_config defaults;
    const struct fx_config *c = report_config(cfg, &defaults);
    struct report_review_params *pp = &rep->params.review;
    pp->stds = req->stds;
    pp->min_member = c->min_member;
    pp->min_leader = c->min_leader;
    pp->count_candidates = c->count_candidates;
    int rc = date_normalize(req->as_of ? req->as_of : rep->made, pp->as_of, err);
    if (rc)
        return rc;
    report_set_period(rep, &req->period, "查账", "review");
    text_format(rep->title, sizeof rep->title, "%d年查账（截至%s）", req->period.year, pp->as_of);
    text_format(rep->sheet, sizeof rep->sheet, "%d年查账", req->period.year);
    struct review r;
    if ((rc = compute(rep, &r, err)) != 0)
        return rc;
    report_add_col(rep, "部分", 'l', 12);
    report_add_col(rep, "项目", 'l', 34);
    report_add_col(rep, "状态", 'l', 14);
    report_add_col(rep, "说明", 'l', 30);
    report_add_col(rep, "落后项", 'c', 6);
    rep->nrows = count_rows(&r);
    report_add_figure_int(rep, "计划项目", r.plan.planned, "项");
    report_add_figure_int(rep, "计划已完成", r.plan.done, "项");
    report_add_figure_int(rep, "计划逾期", r.plan.overdue, "项");
    report_add_figure_int(rep, "计划未到期", r.plan.pending, "项");
    report_add_figure(rep, "检查清单完成", NULL);
    struct report_cell *fc = &rep->fig[rep->nfigures - 1].value;
    fc->type = CELL_TEXT;
    text_format(fc->text, sizeof fc->text, "%d/%d 项", r.std_done, r.std_items);
    report_add_figure_int(rep, "清单逾期", r.std_overdue, "项");
    report_add_figure_int(rep, "学时进度落后", r.hours_behind, "人");
    report_add_figure_int(rep, "未点名的培训", r.no_rollcall, "期");
    report_add_figure_int(rep, "未整改完成的问题", r.open_problems, "个");
    report_add_figure_int(rep, "落后项", r.behind, "项");
    report_add_note(rep, "计划对照：截至%s，计划项目到期月份已过而没有未作废的培训与之关联，为“逾期”；只列逾期的项目。",
                    pp->as_of);
    report_add_note(rep, "检查清单：每个标准按截至日所在的本期（整个单位）检查，列出未完成的条目及其状态。");
    report_add_note(rep,
                    "学时：应达学时 = 全年学时要求（书记、班子成员 %g，其他 %g）× 截至%s已过完的整月数 %d ÷ 12；"
                    "实得学时只计截至该日的未作废培训。",
                    c->min_leader, c->min_member, pp->as_of, r.months);
    report_add_note(rep, "未点名的培训：截至该日本年未作废、没有任何点名记录（签到行）的培训。");
    report_add_note(rep, "落后项：逾期的计划项目，及状态为“逾期”（已过的分期不足）的检查清单条目；"
                         "可一次把它们记为问题清单的草稿（来源 查账）。");
    review_free(&r);
    return 0;
}
