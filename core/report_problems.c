/* report_problems.c — 问题清单、责任清单、任务清单 as one document: each problem with its responsible unit and
 * person and each of its measures with the deadline and state, overdue ones marked. Figures from problem.c. */
#include "report_problems.h"

#include <stdlib.h>
#include <string.h>

#include "problem.h"
#include "report_internal.h"
#include "text.h"

/* A 责任 cell: "unit · person", either alone. */
static void resp_cell(struct report_row *r, const char *unit, const char *person)
{
    report_put_textf(r, 2, "%s%s%s", unit, unit[0] && person[0] ? " · " : "", person);
}

int report_problems_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                         struct fx_error *err)
{
    struct problem_year y;
    int rc = problem_year_load(rep->db, rep->period.year, rep->made, &y, err);
    if (rc)
        return rc;
    struct report_row *r = malloc(sizeof *r);
    if (!r) {
        problem_year_free(&y);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    int64_t n = 0;
    int k = 0;
    for (int i = 0; i < y.nproblems && !rc; i++) {
        const struct problem_row *pr = &y.problems[i];
        bool first = true;
        do {
            const struct problem_task_row *t =
                k < y.ntasks && y.tasks[k].t.problem_id == pr->p.id ? &y.tasks[k++] : NULL;
            if (!t && !first)
                break;
            if (n >= offset && (limit < 0 || n < offset + limit)) {
                report_row_clear(rep, r);
                /* The problem and its 责任 on its first row; a task that names its own 责任 shows it. */
                if (first) {
                    const struct problem *p = &pr->p;
                    report_put_int(r, 0, i + 1);
                    report_put_textf(r, 1, "%s（%s，%s%s%s）", p->description, p->source, p->date,
                                     p->item[0] ? "，清单条目 " : "", p->item);
                }
                if (t && (t->t.resp_unit[0] || t->t.resp_person[0]))
                    resp_cell(r, t->t.resp_unit, t->t.resp_person);
                else if (first)
                    resp_cell(r, pr->p.resp_unit, pr->p.resp_person);
                if (t) {
                    report_put_textf(r, 3, "%s（%s 前）", t->t.measure, t->t.deadline);
                    if (!strcmp(t->t.status, PROBLEM_DONE))
                        report_put_textf(r, 4, "已完成 %s：%s", t->t.done_date, t->t.evidence);
                    else
                        report_put_textf(r, 4, "%s%s", t->t.status, t->overdue ? "，逾期" : "");
                } else {
                    report_put_text(r, 3, "（尚未制定整改措施）");
                    report_put_text(r, 4, "未整改");
                }
                rc = fn(r, ctx);
            }
            n++;
            first = false;
            if (!t)
                break;
        } while (!rc && k < y.ntasks && y.tasks[k].t.problem_id == pr->p.id);
    }
    free(r);
    problem_year_free(&y);
    return rc;
}

int report_problems_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                          struct report *rep, struct fx_error *err)
{
    report_begin(db, cfg, REPORT_PROBLEMS, rep);
    report_set_period(rep, &req->period, "问题清单、责任清单、任务清单", "problems");
    struct problem_year y;
    int rc = problem_year_load(db, req->period.year, rep->made, &y, err);
    if (rc)
        return rc;
    report_add_col(rep, "序号", 'r', 4);
    report_add_col(rep, "问题（来源，发现日期）", 'l', 30);
    report_add_col(rep, "责任单位 · 责任人", 'l', 18);
    report_add_col(rep, "整改措施（完成时限）", 'l', 30);
    report_add_col(rep, "完成情况", 'l', 18);
    int64_t rows = 0;
    for (int i = 0; i < y.nproblems; i++)
        rows += y.problems[i].ntasks ? y.problems[i].ntasks : 1;
    rep->nrows = rows;
    report_add_figure_int(rep, "问题", y.nproblems, "个");
    report_add_figure_int(rep, "未整改完成", y.open, "个");
    report_add_figure_int(rep, "整改任务", y.ntasks, "项");
    report_add_figure_int(rep, "已完成", y.done_tasks, "项");
    report_add_figure_int(rep, "逾期", y.overdue, "项");
    report_add_note(rep, "问题按发现日期归入年度；一个问题至少有一项整改任务且全部“已完成”，才算整改完成。");
    report_add_note(rep, "逾期：截至制表日（%s）未完成且已过完成时限的整改任务。", rep->made);
    report_add_note(rep, "责任单位、责任人未另写的整改任务，由问题的责任单位、责任人负责。");
    problem_year_free(&y);
    return 0;
}
