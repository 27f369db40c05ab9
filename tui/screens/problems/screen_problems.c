/* screen_problems.c — 问题: a year's three lists of seed 002 on one screen: the problems (问题清单 with their 责任清单)
 * above, the selected problem's measures (任务清单) below; add, start, finish, and 查账's items behind as drafts.
 * Every state and the overdue flag are core's (problem_year_load as of today); each action is one core transaction. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "date.h"
#include "dialog.h"
#include "form.h"
#include "problem.h"
#include "review.h"
#include "screen.h"
#include "table.h"
#include "text.h"

static const struct keymap *problems_keys_now(struct app *app); /* the screen's keys, at the end */

static struct {
    bool ready;
    int year;
    struct problem_year y; /* the year as of today (core) */
    bool loaded;
    struct fx_error err;   /* why the year could not be read */
    struct table pt, tt;   /* problems; the current problem's tasks */
    int64_t shown_problem; /* the problem whose tasks tt shows */
    bool on_tasks;         /* the cursor is in the task list */
} P;

/* ---- the two lists read the year core loaded (a year's problems are few: dozens) ---- */

static int problems_fetch(void *ctx, const void *after, void *rows, int max)
{
    (void)ctx;
    int i = 0;
    if (after) {
        int64_t id = ((const struct problem_row *)after)->p.id;
        while (i < P.y.nproblems && P.y.problems[i].p.id != id)
            i++;
        i++;
    }
    int n = 0;
    for (; i < P.y.nproblems && n < max; i++)
        memcpy((struct problem_row *)rows + n++, &P.y.problems[i], sizeof P.y.problems[i]);
    return n;
}

static const char *problem_state(const struct problem_row *r)
{
    return !r->open ? "已整改" : r->ntasks == 0 ? "未定措施" : "整改中";
}

static void problems_cell(void *ctx, const void *row, int col, char *out, size_t outsz)
{
    (void)ctx;
    const struct problem_row *r = row;
    switch (col) {
    case 0: text_format(out, outsz, "%lld", (long long)r->p.id); break;
    case 1: text_copy(out, outsz, r->p.date + 5); break;
    case 2: text_copy(out, outsz, r->p.source); break;
    case 3: text_copy(out, outsz, r->p.description); break;
    case 4:
        if (r->p.item[0])
            text_format(out, outsz, "清单 %s", r->p.item);
        else if (r->p.plan_item_id)
            text_format(out, outsz, "计划第%lld项", (long long)r->p.plan_item_id);
        else
            text_copy(out, outsz, "—");
        break;
    case 5: text_copy(out, outsz, r->p.resp_unit[0] ? r->p.resp_unit : "—"); break;
    case 6: text_copy(out, outsz, r->p.resp_person[0] ? r->p.resp_person : "—"); break;
    default:
        if (r->noverdue)
            text_format(out, outsz, "%s·逾期%d", problem_state(r), r->noverdue);
        else if (r->ntasks)
            text_format(out, outsz, "%s %d/%d", problem_state(r), r->ndone, r->ntasks);
        else
            text_copy(out, outsz, problem_state(r));
        break;
    }
}

static int problems_role(void *ctx, const void *row)
{
    (void)ctx;
    const struct problem_row *r = row;
    return r->noverdue ? ROLE_ERROR : r->open ? ROLE_NORMAL : ROLE_DIM;
}

static const struct table_col problem_cols[] = {
    {"编号", 4, 'r'},  {"发现", 5, 'l'},      {"来源", 8, 'l'},   {"问题描述", 0, 'l'},
    {"关联", 10, 'l'}, {"责任单位", 10, 'l'}, {"责任人", 6, 'l'}, {"状态", 12, 'l'},
};

static int tasks_fetch(void *ctx, const void *after, void *rows, int max)
{
    (void)ctx;
    int i = 0;
    if (after) {
        int64_t id = ((const struct problem_task_row *)after)->t.id;
        while (i < P.y.ntasks && P.y.tasks[i].t.id != id)
            i++;
        i++;
    }
    int n = 0;
    for (; i < P.y.ntasks && n < max; i++)
        if (P.y.tasks[i].t.problem_id == P.shown_problem)
            memcpy((struct problem_task_row *)rows + n++, &P.y.tasks[i], sizeof P.y.tasks[i]);
    return n;
}

static void tasks_cell(void *ctx, const void *row, int col, char *out, size_t outsz)
{
    (void)ctx;
    const struct problem_task_row *r = row;
    switch (col) {
    case 0: text_format(out, outsz, "%lld", (long long)r->t.id); break;
    case 1: text_copy(out, outsz, r->t.measure); break;
    case 2: text_copy(out, outsz, r->t.deadline); break;
    case 3: text_format(out, outsz, "%s%s", r->t.status, r->overdue ? " 逾期" : ""); break;
    case 4: text_copy(out, outsz, r->t.done_date[0] ? r->t.done_date : "—"); break;
    case 5: text_copy(out, outsz, r->t.evidence[0] ? r->t.evidence : "—"); break;
    default: text_copy(out, outsz, r->t.resp_person[0] ? r->t.resp_person : "同上"); break;
    }
}

static int tasks_role(void *ctx, const void *row)
{
    (void)ctx;
    const struct problem_task_row *r = row;
    return r->overdue ? ROLE_ERROR : !strcmp(r->t.status, PROBLEM_DONE) ? ROLE_DIM : ROLE_NORMAL;
}

static const struct table_col task_cols[] = {
    {"编号", 4, 'r'},      {"整改措施", 0, 'l'}, {"完成时限", 10, 'l'}, {"状态", 11, 'l'},
    {"完成日期", 10, 'l'}, {"佐证", 12, 'l'},    {"责任人", 6, 'l'},
};

static void today_text(char out[11])
{
    struct fx_date today;
    date_today(&today);
    date_format(&today, out);
}

/* The tasks list follows the problem under the cursor. */
static void follow_problem(void)
{
    const struct problem_row *r = table_current(&P.pt);
    int64_t id = r ? r->p.id : 0;
    if (id != P.shown_problem) {
        P.shown_problem = id;
        table_reset(&P.tt);
    }
}

static int problems_enter(struct app *app)
{
    if (!P.ready) {
        struct table_source ps = {.row_size = sizeof(struct problem_row),
                                  .fetch = problems_fetch,
                                  .cell = problems_cell,
                                  .role = problems_role};
        struct table_source ts = {
            .row_size = sizeof(struct problem_task_row), .fetch = tasks_fetch, .cell = tasks_cell, .role = tasks_role};
        if (table_init(&P.pt, problem_cols, (int)(sizeof problem_cols / sizeof problem_cols[0]), &ps))
            return SCR_REDRAW;
        if (table_init(&P.tt, task_cols, (int)(sizeof task_cols / sizeof task_cols[0]), &ts)) {
            table_free(&P.pt);
            return SCR_REDRAW;
        }
        P.year = app->period.year;
        P.ready = true;
    }
    if (P.loaded)
        problem_year_free(&P.y);
    memset(&P.y, 0, sizeof P.y);
    char today[11];
    today_text(today);
    fx_clear(&P.err);
    P.loaded = !problem_year_load(app->db, P.year, today, &P.y, &P.err);
    if (!P.loaded)
        memset(&P.y, 0, sizeof P.y);
    table_refresh(&P.pt);
    P.shown_problem = -1;
    follow_problem();
    table_refresh(&P.tt);
    if (!P.y.ntasks || !P.shown_problem)
        P.on_tasks = false;
    return SCR_REDRAW;
}

static void problems_leave(struct app *app)
{
    (void)app;
    if (P.loaded)
        problem_year_free(&P.y);
    memset(&P.y, 0, sizeof P.y);
    P.loaded = false;
}

static void problems_draw(struct app *app, struct rect b)
{
    char line[512], hint[256];
    text_format(line, sizeof line, "◀ %d年 ▶", P.year);
    int w = draw_text(b.y, b.x + 1, 16, line, ROLE_HEADER);
    if (P.loaded)
        text_format(line, sizeof line, "问题 %d 个 · 未整改完成 %lld · 任务 %d 项，逾期 %lld", P.y.nproblems,
                    (long long)P.y.open, P.y.ntasks, (long long)P.y.overdue);
    else
        text_copy(line, sizeof line, P.err.msg[0] ? P.err.msg : "问题清单未能读取");
    w += 2 + draw_text(b.y, b.x + 3 + w, b.w - 4 - w, line,
                       !P.loaded     ? ROLE_ERROR
                       : P.y.overdue ? ROLE_ERROR
                                     : ROLE_FIGURE);
    keys_hint(problems_keys_now(app), 0, hint, sizeof hint);
    if (text_width(hint) < b.w - 4 - w)
        draw_text(b.y, b.x + b.w - 1 - text_width(hint), text_width(hint), hint, ROLE_DIM);
    int rest = b.h - 2;
    if (rest < 4)
        return;
    int top = rest / 2, bottom = rest - top;
    P.pt.unfocused = P.on_tasks;
    P.tt.unfocused = !P.on_tasks;
    table_draw(&P.pt, (struct rect){b.y + 1, b.x, top, b.w});
    const struct problem_row *r = table_current(&P.pt);
    draw_fill(b.y + 1 + top, b.x, b.w, ROLE_NORMAL);
    if (r)
        text_format(line, sizeof line, "%s任务清单：问题 %lld（%s）", P.on_tasks ? "▶ " : "", (long long)r->p.id,
                    r->p.description);
    else
        text_copy(line, sizeof line, P.loaded ? "本年度还没有问题：a 记一个问题，c 把查账的落后项记为问题" : "");
    draw_text(b.y + 1 + top, b.x + 1, b.w - 2, line, ROLE_HEADER);
    table_draw(&P.tt, (struct rect){b.y + 2 + top, b.x, bottom, b.w});
}

/* ---- add a problem ---- */

static const char *const sources[] = {"自查", "查账", "县级检查"};

struct add_ctx {
    struct app *app;
    int64_t id;
};

static int add_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct add_ctx *c = vctx;
    struct problem *p = calloc(1, sizeof *p);
    if (!p)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    text_copy(p->date, sizeof p->date, form_field(form, "date")->text);
    text_copy(p->source, sizeof p->source, sources[form_field(form, "source")->choice]);
    text_copy(p->description, sizeof p->description, form_field(form, "text")->text);
    text_copy(p->resp_unit, sizeof p->resp_unit, form_field(form, "unit")->text);
    text_copy(p->resp_person, sizeof p->resp_person, form_field(form, "person")->text);
    text_copy(p->recorder, sizeof p->recorder, c->app->cfg ? c->app->cfg->recorder : "");
    int rc = problem_add(c->app->db, p, err);
    if (!rc) {
        c->id = p->id;
        app_mark_saved(c->app);
    }
    free(p);
    return rc;
}

static int add_problem(struct app *app)
{
    struct form_field f[5];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "date", .label = "发现日期", .type = FIELD_DATE, .required = true};
    f[1] =
        (struct form_field){.id = "source", .label = "来源", .type = FIELD_CHOICE, .choices = sources, .nchoices = 3};
    f[2] = (struct form_field){.id = "text", .label = "问题描述", .type = FIELD_TEXT, .required = true, .max = 500};
    f[3] = (struct form_field){.id = "unit", .label = "责任单位", .type = FIELD_TEXT, .max = FX_PLACE_CHARS};
    f[4] = (struct form_field){.id = "person", .label = "责任人", .type = FIELD_TEXT, .max = FX_PERSON_CHARS};
    today_text(f[0].text);
    struct add_ctx c = {.app = app};
    struct form form = {
        .title = "记一个问题（问题清单、责任清单）", .fields = f, .nfields = 5, .save = add_save, .ctx = &c};
    if (!form_run(app, &form))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "已保存：问题 %lld", (long long)c.id);
    P.year = atoi(f[0].text); /* show the year the problem went to */
    table_reset(&P.pt);
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- add a task ---- */

struct task_ctx {
    struct app *app;
    int64_t problem_id, id;
};

static int task_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct task_ctx *c = vctx;
    struct problem_task *t = calloc(1, sizeof *t);
    if (!t)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    t->problem_id = c->problem_id;
    text_copy(t->measure, sizeof t->measure, form_field(form, "measure")->text);
    text_copy(t->deadline, sizeof t->deadline, form_field(form, "date")->text);
    text_copy(t->resp_unit, sizeof t->resp_unit, form_field(form, "unit")->text);
    text_copy(t->resp_person, sizeof t->resp_person, form_field(form, "person")->text);
    int rc = problem_task_add(c->app->db, t, err);
    if (!rc) {
        c->id = t->id;
        app_mark_saved(c->app);
    }
    free(t);
    return rc;
}

static int add_task(struct app *app, const struct problem_row *r)
{
    struct form_field f[4];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "measure", .label = "整改措施", .type = FIELD_TEXT, .required = true, .max = 500};
    f[1] = (struct form_field){.id = "date", .label = "完成时限", .type = FIELD_DATE, .required = true};
    f[2] =
        (struct form_field){.id = "unit", .label = "责任单位（空：同问题）", .type = FIELD_TEXT, .max = FX_PLACE_CHARS};
    f[3] = (struct form_field){
        .id = "person", .label = "责任人（空：同问题）", .type = FIELD_TEXT, .max = FX_PERSON_CHARS};
    char title[300];
    text_format(title, sizeof title, "问题 %lld 的整改措施（任务清单）", (long long)r->p.id);
    struct task_ctx c = {.app = app, .problem_id = r->p.id};
    struct form form = {.title = title, .fields = f, .nfields = 4, .save = task_save, .ctx = &c};
    if (!form_run(app, &form))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "已保存：整改任务 %lld（问题 %lld）", (long long)c.id, (long long)r->p.id);
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- start and finish a task ---- */

static int start_task(struct app *app, const struct problem_task_row *r)
{
    struct fx_error err;
    fx_clear(&err);
    if (problem_task_start(app->db, r->t.id, &err)) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_REDRAW;
    }
    app_mark_saved(app);
    app_status(app, "整改任务 %lld：%s", (long long)r->t.id, PROBLEM_DOING);
    return SCR_HANDLED | SCR_RELOAD;
}

struct done_ctx {
    struct app *app;
    int64_t id;
};

static int done_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct done_ctx *c = vctx;
    int rc =
        problem_task_done(c->app->db, c->id, form_field(form, "date")->text, form_field(form, "evidence")->text, err);
    if (!rc)
        app_mark_saved(c->app);
    return rc;
}

static int finish_task(struct app *app, const struct problem_task_row *r)
{
    struct form_field f[2];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "date", .label = "完成日期", .type = FIELD_DATE, .required = true};
    f[1] = (struct form_field){.id = "evidence", .label = "佐证", .type = FIELD_TEXT, .required = true, .max = 500};
    today_text(f[0].text);
    char title[300];
    text_format(title, sizeof title, "完成整改任务 %lld（写明佐证）", (long long)r->t.id);
    struct done_ctx c = {.app = app, .id = r->t.id};
    struct form form = {.title = title, .fields = f, .nfields = 2, .save = done_save, .ctx = &c, .focus = 1};
    if (!form_run(app, &form))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "整改任务 %lld：%s（%s）", (long long)r->t.id, PROBLEM_DONE, f[0].text);
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- 查账: the items behind as draft problems ---- */

static int draft_from_review(struct app *app)
{
    char today[11], as_of[11];
    today_text(today);
    int this_year = atoi(today);
    if (P.year > this_year) {
        app_status(app, "%d年还没有到，不能查账", P.year);
        return SCR_HANDLED;
    }
    /* A past year is checked as of its last day, so the drafts belong to it. */
    if (P.year < this_year)
        text_format(as_of, sizeof as_of, "%04d-12-31", P.year);
    else
        text_copy(as_of, sizeof as_of, today);
    char msg[300];
    text_format(msg, sizeof msg,
                "查账（%d年，截至%s）：把每个落后项记为一个问题（来源：查账）？\n已有未整改完成的同一项不再重复记。",
                P.year, as_of);
    if (!dialog_confirm(app, "查账记问题", msg))
        return SCR_HANDLED | SCR_REDRAW;
    struct fx_error err;
    fx_clear(&err);
    int behind = 0, added = 0, skipped = 0, flags = SCR_HANDLED | SCR_REDRAW;
    if (review_draft_year(app->db, app->cfg, app->cli->config_path, P.year, as_of, &behind, &added, &skipped, &err)) {
        app_error(app, &err);
    } else {
        if (added)
            app_mark_saved(app);
        app_status(app, "查账（%d年，截至%s）落后项 %d 项：新记问题 %d 个，跳过 %d 个", P.year, as_of, behind, added,
                   skipped);
        flags |= SCR_RELOAD;
    }
    return flags;
}

/* ---- details ---- */

static int show_task(struct app *app, const struct problem_task_row *r)
{
    char msg[5000];
    text_format(msg, sizeof msg,
                "编号：%lld（问题 %lld）\n整改措施：%s\n完成时限：%s   状态：%s%s\n完成日期：%s\n佐证：%s\n"
                "责任单位：%s   责任人：%s",
                (long long)r->t.id, (long long)r->t.problem_id, r->t.measure, r->t.deadline, r->t.status,
                r->overdue ? "（逾期）" : "", r->t.done_date[0] ? r->t.done_date : "—",
                r->t.evidence[0] ? r->t.evidence : "—", r->t.resp_unit[0] ? r->t.resp_unit : "同问题",
                r->t.resp_person[0] ? r->t.resp_person : "同问题");
    dialog_message(app, "整改任务", msg);
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- keys ---- */

enum {
    PROB_PREV_YEAR = ACT_LOCAL,
    PROB_NEXT_YEAR,
    PROB_TASK,
    PROB_START,
    PROB_DONE,
    PROB_REVIEW,
    PROB_TASKS,
    PROB_BACK
};

static int change_year(int delta)
{
    if (P.year + delta < 1900 || P.year + delta > 2999)
        return SCR_HANDLED;
    P.year += delta;
    P.on_tasks = false;
    table_reset(&P.pt);
    return SCR_HANDLED | SCR_RELOAD;
}

static int problems_key(struct app *app, int action, int is_key, wint_t ch)
{
    const struct problem_row *pr = table_current(&P.pt);
    const struct problem_task_row *tr = table_current(&P.tt);
    switch (action) {
    case ACT_NEW: return add_problem(app);
    case PROB_REVIEW: return draft_from_review(app);
    case PROB_PREV_YEAR: return change_year(-1);
    case PROB_NEXT_YEAR: return change_year(1);
    case PROB_TASK: {
        if (!pr) {
            app_status(app, "没有选中的问题：先按 a 记一个问题");
            return SCR_HANDLED;
        }
        struct problem_row *copy = malloc(sizeof *copy);
        if (!copy)
            return SCR_HANDLED;
        *copy = *pr;
        int rc = add_task(app, copy);
        free(copy);
        return rc;
    }
    case PROB_START:
    case PROB_DONE:
    case ACT_OK: {
        if (!tr) {
            app_status(app, "这个问题还没有整改措施：按 t 添加");
            return SCR_HANDLED;
        }
        /* From the problem list only a problem's one task is meant without doubt. */
        if (!P.on_tasks && pr && pr->ntasks > 1) {
            app_status(app, "这个问题有 %d 项整改措施：按 Enter 到任务清单，选中一项", pr->ntasks);
            return SCR_HANDLED;
        }
        struct problem_task_row *copy = malloc(sizeof *copy);
        if (!copy)
            return SCR_HANDLED;
        *copy = *tr;
        int rc = action == PROB_START  ? start_task(app, copy)
                 : action == PROB_DONE ? finish_task(app, copy)
                                       : show_task(app, copy);
        free(copy);
        return rc;
    }
    case PROB_TASKS:
        if (!tr) {
            app_status(app, "这个问题还没有整改措施：按 t 添加");
            return SCR_HANDLED;
        }
        P.on_tasks = true;
        return SCR_HANDLED | SCR_REDRAW;
    case PROB_BACK: P.on_tasks = false; return SCR_HANDLED | SCR_REDRAW;
    case ACT_REFRESH: app_status(app, "已刷新"); return SCR_HANDLED | SCR_RELOAD;
    case ACT_MOVE:
        if (P.on_tasks) {
            table_key(&P.tt, is_key, ch);
        } else {
            table_key(&P.pt, is_key, ch);
            follow_problem();
        }
        return SCR_HANDLED | SCR_REDRAW;
    default: return SCR_UNHANDLED;
    }
}

static int problems_click(struct app *app, struct rect body, int y, int x)
{
    (void)app;
    (void)x;
    int rest = body.h - 2, top = rest / 2;
    struct rect pr = {body.y + 1, body.x, top, body.w}, trr = {body.y + 2 + top, body.x, rest - top, body.w};
    if (y < pr.y + pr.h) {
        table_click(&P.pt, pr, y);
        follow_problem();
        P.on_tasks = false;
    } else if (table_click(&P.tt, trr, y)) {
        P.on_tasks = true;
    }
    return SCR_HANDLED | SCR_REDRAW;
}

/* The 问题 screen's keys: X(key, twin, action, hint, help). s and d act on the task under the task list's cursor
 * (from the problem list: on the problem's task when it has only one). */
#define PROBLEMS_COMMON_KEYS(X)                                                                                        \
    X(FXK_F(2), 'a', ACT_NEW, "记问题", "记一个问题：发现日期、来源、描述、责任单位和责任人")                          \
    X('t', 'T', PROB_TASK, "加措施", "给光标所在的问题添加整改措施（任务）：措施、完成时限、责任人")                   \
    X('s', 'S', PROB_START, "开始", "任务清单光标所在的任务（问题只有一项任务时在问题清单也可）：进行中")              \
    X('d', 'D', PROB_DONE, "完成", "任务清单光标所在的任务：已完成（写明完成日期和佐证）")                             \
    X('c', 'C', PROB_REVIEW, "查账", "查账：把本年度截至今天的落后项记为问题（来源：查账），说明记了几个")             \
    X('[', '<', PROB_PREV_YEAR, "换年", "上一年")                                                                      \
    X(']', '>', PROB_NEXT_YEAR, "换年", "下一年")                                                                      \
    X('r', 'R', ACT_REFRESH, NULL, "重新读取本年度的问题")
#define PROBLEMS_KEYS(X)                                                                                               \
    X(FXK_ENTER, 0, PROB_TASKS, NULL, "到下方的任务清单（光标所在问题的整改措施）")                                    \
    PROBLEMS_COMMON_KEYS(X)
FX_KEYMAP(static, problems_keys, "问题", PROBLEMS_KEYS, screen_keys_also);

/* In the task list Enter and Esc mean otherwise; the rest as above. */
#define PROBLEMS_TASK_KEYS(X)                                                                                          \
    X(FXK_ENTER, 0, ACT_OK, NULL, "任务详情（措施、佐证全文）")                                                        \
    X(FXK_ESC, FXK_BACKSPACE, PROB_BACK, "回问题", "回到上方的问题清单")
static const struct keymap *const problems_task_also[] = {&problems_keys, NULL};
FX_KEYMAP(static, problems_task_keys, "问题：任务清单", PROBLEMS_TASK_KEYS, problems_task_also);
static const struct keymap *const problems_more_keys[] = {&problems_task_keys, NULL};

static const struct keymap *problems_keys_now(struct app *app)
{
    (void)app;
    return P.on_tasks ? &problems_task_keys : &problems_keys;
}

const struct screen_ops screen_problems_ops = {
    .name = "问题",
    .keys = &problems_keys,
    .keys_now = problems_keys_now,
    .more_keys = problems_more_keys,
    .enter = problems_enter,
    .leave = problems_leave,
    .draw = problems_draw,
    .key = problems_key,
    .click = problems_click,
};
