/* plan_pick.c — the plan-item picker: picker.c's list over the rows of plan_progress (a year's plan is tens of
 * items, held whole), matched by title, month, kind and category with pinyin_match. */
#include "plan_pick.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "dialog.h"
#include "picker.h"
#include "pinyin.h"
#include "plan.h"
#include "text.h"

struct plan_src {
    const struct plan_progress *pp;
    char query[129];
};

static bool row_matches(const struct plan_row *r, const char *q)
{
    if (!*q)
        return true;
    char months[32];
    plan_format_months(r->item.month_first, r->item.month_last, months, sizeof months);
    return pinyin_match(r->item.title, q) || pinyin_match(months, q) || pinyin_match(r->item.kind, q) ||
           pinyin_match(r->item.category, q);
}

static int plan_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct plan_src *c = vctx;
    const struct plan_row *a = after;
    int i = 0, n = 0;
    if (a) {
        while (i < c->pp->nrows && c->pp->rows[i].item.id != a->item.id)
            i++;
        i++;
    }
    for (; i < c->pp->nrows && n < max; i++)
        if (row_matches(&c->pp->rows[i], c->query))
            ((struct plan_row *)rows)[n++] = c->pp->rows[i];
    return n;
}

static void plan_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct plan_row *r = row;
    switch (col) {
    case 0: plan_format_months(r->item.month_first, r->item.month_last, out, outsz); break;
    case 1: text_copy(out, outsz, r->item.title); break;
    case 2: text_copy(out, outsz, r->item.kind); break;
    case 3: text_copy(out, outsz, r->item.category); break;
    default: text_copy(out, outsz, plan_state_label(r->state)); break;
    }
}

static void plan_query(void *vctx, const char *q)
{
    struct plan_src *c = vctx;
    text_copy(c->query, sizeof c->query, q);
}

void plan_pick_label(int month_first, int month_last, const char *title, char *out, size_t outsz)
{
    char months[32];
    plan_format_months(month_first, month_last, months, sizeof months);
    text_format(out, outsz, "%s %s", months, title);
}

bool plan_pick_run(struct app *app, int year, const char *initial_query, int64_t *id, char *label, size_t labelsz)
{
    struct plan_progress pp;
    struct fx_error err;
    fx_clear(&err);
    if (plan_progress(app->db, year, NULL, &pp, &err)) {
        dialog_error(app, &err);
        return false;
    }
    if (pp.nrows == 0) {
        char msg[200];
        text_format(msg, sizeof msg, "%d 年还没有培训计划：在“计划”页导入或新增计划项目。\n不选时按规则自动关联。",
                    year);
        dialog_message(app, "选择计划项目", msg);
        plan_progress_free(&pp);
        return false;
    }
    static const struct table_col cols[] = {
        {"月份", 6, 'l'}, {"计划项目", 0, 'l'}, {"类型", 8, 'l'}, {"内容类别", 12, 'l'}, {"状态", 6, 'l'}};
    struct plan_src ctx = {.pp = &pp};
    char title[64];
    text_format(title, sizeof title, "选择 %d 年的计划项目", year);
    struct picker p = {
        .title = title,
        .hint = "输入标题、月份、类型或类别，可用拼音首字母；不选（退格清空）则按规则自动关联",
        .cols = cols,
        .ncols = 5,
        .src = {.row_size = sizeof(struct plan_row), .fetch = plan_fetch, .cell = plan_cell, .ctx = &ctx},
        .set_query = plan_query,
        .initial_query = initial_query,
    };
    struct plan_row *chosen = malloc(sizeof *chosen);
    bool ok = chosen && picker_run(app, &p, chosen);
    if (ok) {
        *id = chosen->item.id;
        plan_pick_label(chosen->item.month_first, chosen->item.month_last, chosen->item.title, label, labelsz);
    }
    free(chosen);
    plan_progress_free(&pp);
    return ok;
}
