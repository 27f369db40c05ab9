/* screen_plan.c — 计划: the year's training plan (年度培训计划) against the ledger as of today, item by item with
 * its state, the year's tally, whether the year was opened (建账); adding, correcting and importing items, and 建账. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "pickers/course_pick.h"
#include "dialog.h"
#include "pickers/file_pick.h"
#include "entity.h"
#include "form.h"
#include "import.h"
#include "maint.h"
#include "outfile.h"
#include "package.h"
#include "plan.h"
#include "problem.h"
#include "report_more.h"
#include "screen.h"
#include "standard.h"
#include "store.h"
#include "table.h"
#include "text.h"
#include "vocab.h"

static const struct keymap plan_keys; /* the screen's keys, at the end */

static struct {
    bool ready;
    int year;
    struct plan_progress pp; /* the year's items and tally, from core */
    bool have_pp;
    struct fx_error err;
    bool failed;
    bool opened, closed; /* 建账 done; 交账 done (the year is read-only) */
    char opened_at[32], opened_by[160];
    struct table t;
    sqlite3 *db; /* the table's cells read course titles */
} P;

/* The table's rows are plan_progress's, held whole (a year's plan is tens of items). */
static int list_fetch(void *vctx, const void *after, void *rows, int max)
{
    (void)vctx;
    if (!P.have_pp)
        return P.failed ? -1 : 0;
    const struct plan_row *a = after;
    int i = 0, n = 0;
    if (a) {
        while (i < P.pp.nrows && P.pp.rows[i].item.id != a->item.id)
            i++;
        i++;
    }
    for (; i < P.pp.nrows && n < max; i++)
        ((struct plan_row *)rows)[n++] = P.pp.rows[i];
    return n;
}

static void list_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct plan_row *r = row;
    switch (col) {
    case 0: plan_format_months(r->item.month_first, r->item.month_last, out, outsz); break;
    case 1: text_copy(out, outsz, r->item.title); break;
    case 2: text_copy(out, outsz, r->item.category); break;
    case 3: text_copy(out, outsz, r->item.kind); break;
    case 4: text_copy(out, outsz, r->item.target); break;
    case 5: text_format(out, outsz, "%g", r->item.hours); break;
    case 6: text_copy(out, outsz, r->item.responsible); break;
    case 7: {
        struct course co;
        struct fx_error e;
        out[0] = '\0';
        if (r->item.course_id && !course_get(P.db, r->item.course_id, &co, &e))
            text_copy(out, outsz, co.title);
        break;
    }
    default: text_copy(out, outsz, plan_state_label(r->state)); break;
    }
}

static int list_role(void *vctx, const void *row)
{
    (void)vctx;
    return ((const struct plan_row *)row)->state == PLAN_OVERDUE ? ROLE_ERROR : ROLE_NORMAL;
}

static const struct table_col list_cols[] = {
    {"月份", 6, 'l'}, {"计划项目", 0, 'l'}, {"内容类别", 10, 'l'}, {"类型", 8, 'l'}, {"参训对象", 8, 'l'},
    {"学时", 4, 'r'}, {"负责人", 6, 'l'},   {"课程", 8, 'l'},      {"状态", 6, 'l'},
};

static void load(struct app *app)
{
    P.db = app->db;
    if (P.have_pp)
        plan_progress_free(&P.pp);
    P.have_pp = false;
    fx_clear(&P.err);
    P.failed = plan_progress(app->db, P.year, NULL, &P.pp, &P.err) != 0;
    P.have_pp = !P.failed;
    P.opened = false;
    P.opened_at[0] = P.opened_by[0] = '\0';
    struct fx_error err;
    plan_year_opened(app->db, P.year, &P.opened, P.opened_at, P.opened_by, &err);
    fx_clear(&err);
    P.closed = entity_refuse_closed(app->db, P.year, "", &err) == FX_ECLOSED;
}

static int plan_enter(struct app *app)
{
    if (!P.ready) {
        struct table_source src = {
            .row_size = sizeof(struct plan_row), .fetch = list_fetch, .cell = list_cell, .role = list_role};
        if (table_init(&P.t, list_cols, (int)(sizeof list_cols / sizeof list_cols[0]), &src))
            return SCR_REDRAW;
        P.year = app->period.year;
        P.ready = true;
    }
    load(app);
    table_refresh(&P.t);
    return SCR_REDRAW;
}

static void plan_leave(struct app *app)
{
    (void)app;
    if (P.have_pp)
        plan_progress_free(&P.pp);
    P.have_pp = false;
}

static void plan_draw(struct app *app, struct rect b)
{
    (void)app;
    char line[512];
    text_format(line, sizeof line, "◀ %d年 ▶", P.year);
    int w = draw_text(b.y, b.x + 1, 14, line, ROLE_HEADER);
    if (P.opened)
        text_format(line, sizeof line, "已建账（%.10s，%s）%s", P.opened_at, P.opened_by, P.closed ? " · 已交账" : "");
    else
        text_copy(line, sizeof line, P.closed ? "未建账 · 已交账" : "未建账");
    w += 2 + draw_text(b.y, b.x + 3 + w, b.w - 4 - w, line, P.opened ? ROLE_FIGURE : ROLE_DIM);
    char hint[256];
    keys_hint(&plan_keys, 0, hint, sizeof hint);
    if (text_width(hint) < b.w - 4 - w)
        draw_text(b.y, b.x + b.w - 1 - text_width(hint), text_width(hint), hint, ROLE_DIM);
    struct rect tr = {b.y + 1, b.x, b.h - 2, b.w};
    table_draw(&P.t, tr);
    int y = b.y + b.h - 1;
    if (P.failed) {
        draw_text(y, b.x + 1, b.w - 2, P.err.msg, ROLE_ERROR);
        return;
    }
    const struct plan_tally *t = &P.pp.month[0];
    if (!t->planned) {
        text_format(line, sizeof line, "%d 年还没有培训计划：按 i 导入计划文件，或按 a 逐项新增", P.year);
        draw_text(y, b.x + 1, b.w - 2, line, ROLE_DIM);
        return;
    }
    text_format(line, sizeof line, "全年：计划 %d · 已完成 %d · 逾期 %d · 未到期 %d · 完成率 %.1f%%（截至 %s）",
                t->planned, t->done, t->overdue, t->pending, plan_rate(t) * 100.0, P.pp.as_of);
    draw_text(y, b.x + 1, b.w - 2, line, t->overdue ? ROLE_ERROR : ROLE_FIGURE);
}

/* ---- the item form ---- */

struct item_ctx {
    struct app *app;
    struct plan_item item; /* id 0: a new one */
    struct vocab_list cats, kinds;
    const char *catp[VOCAB_MAX], *kindp[VOCAB_MAX];
};

static int item_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct item_ctx *c = vctx;
    struct plan_item *p = &c->item;
    p->year = P.year;
    int rc = plan_parse_months(form_field(form, "month")->text, P.year, &p->month_first, &p->month_last, err);
    if (rc) {
        text_copy(err->field, sizeof err->field, "month");
        return rc;
    }
    text_copy(p->title, sizeof p->title, form_field(form, "title")->text);
    text_copy(p->category, sizeof p->category, c->cats.n ? c->catp[form_field(form, "category")->choice] : "");
    text_copy(p->kind, sizeof p->kind, c->kinds.n ? c->kindp[form_field(form, "kind")->choice] : "");
    text_copy(p->target, sizeof p->target, form_field(form, "target")->text);
    const char *h = form_field(form, "hours")->text;
    char *end;
    p->hours = *h ? strtod(h, &end) : 0;
    if (*h && *end)
        return fx_fail_field(err, FX_EINPUT, "hours", "学时应为数字");
    text_copy(p->responsible, sizeof p->responsible, form_field(form, "responsible")->text);
    text_copy(p->note, sizeof p->note, form_field(form, "note")->text);
    if (!p->id)
        text_copy(p->recorder, sizeof p->recorder, c->app->cfg ? c->app->cfg->recorder : "");
    rc = p->id ? plan_update(c->app->db, p, err) : plan_add(c->app->db, p, err);
    if (!rc)
        app_mark_saved(c->app);
    return rc;
}

static bool item_pick(void *vctx, struct form *form, struct form_field *f, int is_key, wint_t ch)
{
    struct item_ctx *c = vctx;
    (void)form;
    if (is_key && (ch == KEY_BACKSPACE || ch == KEY_DC)) {
        c->item.course_id = 0;
        f->text[0] = '\0';
        return true;
    }
    if (!is_key && ch == 127) {
        c->item.course_id = 0;
        f->text[0] = '\0';
        return true;
    }
    if (is_key || ch < ' ')
        return false;
    static const struct table_col cols[] = {{"课程", 0, 'l'}, {"内容类别", 12, 'l'}, {"学时", 4, 'r'}};
    static const enum course_pick_field fields[] = {COURSE_PICK_TITLE, COURSE_PICK_CATEGORY, COURSE_PICK_HOURS};
    char q[8] = "";
    if (ch != ' ')
        text_format(q, sizeof q, "%lc", (wint_t)ch);
    struct course_pick cp = {.title = "从培训菜单选课（可不选）",
                             .hint = "输入课程、模块或教师，可用拼音首字母",
                             .cols = cols,
                             .fields = fields,
                             .ncols = 3,
                             .initial_query = q};
    struct course co;
    if (!course_pick_run(c->app, &cp, &co))
        return false;
    c->item.course_id = co.id;
    text_format(f->text, sizeof f->text, "《%s》", co.title);
    return true;
}

static int vocab_index(const struct vocab_list *v, const char *name)
{
    for (int i = 0; i < v->n; i++)
        if (!strcmp(v->name[i], name))
            return i;
    return 0;
}

static int item_form(struct app *app, const struct plan_item *from)
{
    struct item_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return SCR_HANDLED;
    c->app = app;
    struct fx_error err;
    fx_clear(&err);
    if (vocab_get(app->db, "category", &c->cats, &err) || vocab_get(app->db, "kind", &c->kinds, &err)) {
        app_error(app, &err);
        free(c);
        return SCR_HANDLED | SCR_REDRAW;
    }
    for (int i = 0; i < VOCAB_MAX; i++) {
        c->catp[i] = c->cats.name[i];
        c->kindp[i] = c->kinds.name[i];
    }
    if (from)
        c->item = *from;
    struct form_field f[9];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "month", .label = "月份", .type = FIELD_TEXT, .required = true, .max = 16};
    f[1] = (struct form_field){
        .id = "title", .label = "标题", .type = FIELD_TEXT, .required = true, .max = FX_TITLE_CHARS};
    f[2] = (struct form_field){
        .id = "category", .label = "内容类别", .type = FIELD_CHOICE, .choices = c->catp, .nchoices = c->cats.n};
    f[3] = (struct form_field){
        .id = "kind", .label = "类型", .type = FIELD_CHOICE, .choices = c->kindp, .nchoices = c->kinds.n};
    f[4] = (struct form_field){.id = "target", .label = "参训对象", .type = FIELD_TEXT, .max = FX_LINE_CHARS};
    f[5] = (struct form_field){.id = "hours", .label = "计划学时", .type = FIELD_NUMBER, .max = 6};
    f[6] = (struct form_field){.id = "responsible", .label = "负责人", .type = FIELD_TEXT, .max = FX_PERSON_CHARS};
    f[7] = (struct form_field){.id = "course", .label = "菜单课程", .type = FIELD_PICK};
    f[8] = (struct form_field){.id = "note", .label = "备注", .type = FIELD_TEXT, .max = FX_LINE_CHARS};
    if (from) {
        plan_format_months(from->month_first, from->month_last, f[0].text, sizeof f[0].text);
        text_copy(f[1].text, sizeof f[1].text, from->title);
        f[2].choice = vocab_index(&c->cats, from->category);
        f[3].choice = vocab_index(&c->kinds, from->kind);
        text_copy(f[4].text, sizeof f[4].text, from->target);
        text_format(f[5].text, sizeof f[5].text, "%g", from->hours);
        text_copy(f[6].text, sizeof f[6].text, from->responsible);
        struct course co;
        if (from->course_id && !course_get(app->db, from->course_id, &co, &err))
            text_format(f[7].text, sizeof f[7].text, "《%s》", co.title);
        text_copy(f[8].text, sizeof f[8].text, from->note);
    }
    char title[160];
    if (from)
        text_format(title, sizeof title, "修改 %d 年计划项目 %lld", P.year, (long long)from->id);
    else
        text_format(title, sizeof title, "新增 %d 年计划项目（月份如 3月、1—2月、第二季度、下半年）", P.year);
    struct form form = {.title = title, .fields = f, .nfields = 9, .save = item_save, .ctx = c, .pick = item_pick};
    int flags = SCR_HANDLED | SCR_REDRAW;
    if (form_run(app, &form)) {
        app_status(app, "已保存：%d 年计划项目 %lld %s", P.year, (long long)c->item.id, c->item.title);
        flags |= SCR_RELOAD;
    }
    free(c);
    return flags;
}

/* ---- the sessions of an item ---- */

#define SHOWN_SESSIONS 30

static int show_item(struct app *app, const struct plan_row *r)
{
    struct plan_session *s = calloc(SHOWN_SESSIONS, sizeof *s);
    char *msg = malloc(8192);
    if (!s || !msg) {
        free(s);
        free(msg);
        return SCR_HANDLED;
    }
    int n = 0;
    struct fx_error err;
    fx_clear(&err);
    if (plan_item_sessions(app->db, r->item.id, s, SHOWN_SESSIONS, &n, &err)) {
        app_error(app, &err);
        free(s);
        free(msg);
        return SCR_HANDLED | SCR_REDRAW;
    }
    char months[32];
    plan_format_months(r->item.month_first, r->item.month_last, months, sizeof months);
    size_t used = 0;
    text_format(msg, 8192, "%s  %s（%s，%s，%g 学时）\n参训对象：%s   负责人：%s\n状态：%s\n\n", months, r->item.title,
                r->item.kind, r->item.category, r->item.hours, r->item.target[0] ? r->item.target : "—",
                r->item.responsible[0] ? r->item.responsible : "—", plan_state_label(r->state));
    used = strlen(msg);
    if (n == 0)
        text_format(msg + used, 8192 - used,
                    "还没有关联的培训记录（同月、同类型、同内容类别的记录保存时自动关联；"
                    "也可在台账的记录表单里选这个计划项目）");
    for (int i = 0; i < n && used + 1 < 8192; i++) {
        text_format(msg + used, 8192 - used, "%s%lld  %s  %s（%s，%s关联）%s", i ? "\n" : "关联的培训记录：\n",
                    (long long)s[i].session_id, s[i].date, s[i].title, s[i].kind, s[i].how,
                    s[i].voided ? " 【作废】" : "");
        used = strlen(msg);
    }
    char title[64];
    text_format(title, sizeof title, "计划项目 %lld", (long long)r->item.id);
    dialog_message(app, title, msg);
    free(s);
    free(msg);
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- import ---- */

static int import_plan(struct app *app)
{
    char path[4096];
    if (!file_pick_run(app, NULL, path, sizeof path))
        return SCR_HANDLED | SCR_REDRAW;
    struct import_options opt;
    memset(&opt, 0, sizeof opt);
    opt.table = IMPORT_PLAN;
    opt.year = P.year;
    opt.cfg = app->cfg;
    struct import_result res;
    struct fx_error err;
    fx_clear(&err);
    int rc = import_run(app->db, path, &opt, &res, &err);
    char *msg = malloc(8192);
    if (msg) {
        import_summary_line(&opt, &res, msg, 8192);
        size_t used = strlen(msg);
        if (rc)
            text_format(msg + used, 8192 - used, "\n%s%s", err.msg, res.written ? "" : "\n什么也没有写入。");
        else if (res.written)
            text_format(msg + used, 8192 - used,
                        "\n已有的培训记录中 %d 条按“同月、同类型、同内容类别”自动关联到新的计划项目", res.plan_linked);
        used = strlen(msg);
        for (int i = 0, shown = 0; i < res.nlines && shown < 20 && used + 1 < 8192; i++) {
            const struct import_line *l = &res.lines[i];
            if (l->outcome != IMPORT_REFUSED)
                continue;
            text_format(msg + used, 8192 - used, "\n第%d行  %s：%s", l->line, l->what, l->message);
            used = strlen(msg);
            shown++;
        }
        dialog_message(app, rc ? "导入计划：没有导入" : "导入计划", msg);
        free(msg);
    }
    if (res.written)
        app_mark_saved(app);
    import_result_free(&res);
    table_reset(&P.t);
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- 建账 ---- */

static int open_year(struct app *app)
{
    char msg[4096];
    if (P.opened) {
        text_format(msg, sizeof msg, "%d 年已于 %.10s 由 %s 建账。", P.year, P.opened_at, P.opened_by);
        dialog_message(app, "建账", msg);
        return SCR_HANDLED | SCR_REDRAW;
    }
    text_format(
        msg, sizeof msg,
        "为 %d 年建账？\n记下建账人和时间，并按培训计划标准检查本年度计划（%d 项）。\n建账不是录入培训记录的前提。",
        P.year, P.have_pp ? P.pp.month[0].planned : 0);
    if (!dialog_confirm(app, "建账", msg))
        return SCR_HANDLED | SCR_REDRAW;
    struct std_list l;
    memset(&l, 0, sizeof l);
    struct fx_error err;
    fx_clear(&err);
    if (report_load_standards(app->cli->config_path, &l, &err)) {
        app_error(app, &err);
        standard_list_free(&l);
        return SCR_HANDLED | SCR_REDRAW;
    }
    const struct standard *std = standard_find(&l, PLAN_STANDARD_ID);
    struct plan_check *c = malloc(sizeof *c);
    if (!c) {
        standard_list_free(&l);
        return SCR_HANDLED;
    }
    int flags = SCR_HANDLED | SCR_REDRAW;
    if (plan_open_year(app->db, P.year, std, c, &err)) {
        app_error(app, &err);
    } else {
        app_mark_saved(app);
        size_t used;
        text_format(msg, sizeof msg, "已建账：%d 年（%s）\n年度计划：%d 项\n", P.year, store_actor(), c->items);
        used = strlen(msg);
        if (c->budgets_copied)
            text_format(msg + used, sizeof msg - used, "沿用上一年的经费预算：%d 个经费来源\n", c->budgets_copied);
        used = strlen(msg);
        if (std)
            text_format(msg + used, sizeof msg - used, "对照《%s》：", std->title);
        else
            text_format(msg + used, sizeof msg - used, "没有找到培训计划标准（%s），只建账，不检查计划",
                        PLAN_STANDARD_ID);
        used = strlen(msg);
        for (int i = 0; i < c->nrules && used + 1 < sizeof msg; i++) {
            char line[700];
            plan_rule_describe(&c->rule[i], line, sizeof line);
            text_format(msg + used, sizeof msg - used, "\n%s", line);
            used = strlen(msg);
        }
        if (std && !c->ok)
            text_format(msg + used, sizeof msg - used, "\n\n计划达不到培训计划标准，请补充计划项目（a 新增，i 导入）");
        dialog_message(app, c->ok || !std ? "建账" : "建账：计划不符合标准", msg);
        app_status(app, "已建账：%d 年", P.year);
        flags |= SCR_RELOAD;
    }
    free(c);
    standard_list_free(&l);
    return flags;
}

/* ---- 交账 ---- */

struct close_ctx {
    struct app *app;
    int flags;
    char pdf[4096], xlsx[4096];
};

/* close-year as the command line does it: the package first, then the lock, in core (package_close_year). */
static int close_run(struct close_ctx *c, const char *reason, struct fx_error *err)
{
    char pdf[4096]; /* the path asked for; core writes the paths used into c->pdf and c->xlsx */
    text_copy(pdf, sizeof pdf, c->pdf);
    struct package_request req = {
        .year = P.year, .reason = reason, .pdf_path = pdf, .flags = c->flags, .config_path = c->app->cli->config_path};
    int rc = package_close_year(c->app->db, c->app->cfg, &req, c->pdf, c->xlsx, err);
    if (!rc)
        app_mark_saved(c->app);
    return rc;
}

static int close_form_save(void *vctx, struct form *form, struct fx_error *err)
{
    int rc = close_run(vctx, form_field(form, "reason")->text, err);
    if (rc == FX_EINPUT && !err->field[0] && strstr(err->msg, "原因"))
        text_copy(err->field, sizeof err->field, "reason");
    return rc;
}

/* 交账: with open problems the reason is asked for (it is recorded); the package goes to the documents folder. */
static int close_year(struct app *app)
{
    struct fx_error err;
    fx_clear(&err);
    int64_t open = 0;
    int rc = maint_close_year_check(app->db, P.year, NULL, &err);
    bool need_reason = rc == FX_EINPUT && !strcmp(err.field, "reason");
    if (need_reason) { /* the reason is asked below: first what else closing would refuse (a closed year) */
        fx_clear(&err);
        rc = maint_close_year_check(app->db, P.year, "-", &err);
        if (!rc)
            rc = problem_open_count(app->db, P.year, &open, &err);
    }
    if (rc) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_REDRAW;
    }
    struct close_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return SCR_HANDLED;
    c->app = app;
    char msg[5000];
    struct fx_error perr;
    fx_clear(&perr);
    if (package_default_path(app->db, P.year, c->pdf, sizeof c->pdf, &perr)) {
        app_error(app, &perr);
        free(c);
        return SCR_HANDLED | SCR_REDRAW;
    }
    text_format(msg, sizeof msg,
                "为 %d 年交账？\n先写出交账材料（年度汇总、各标准清单及佐证、计划执行、三张清单、党员学时）：\n%s\n"
                "及同名 XLSX；然后本年度锁定为只读，不能撤销。",
                P.year, c->pdf);
    if (need_reason) {
        size_t used = strlen(msg);
        text_format(msg + used, sizeof msg - used, "\n\n还有 %lld 个问题未整改完成：交账须写明原因，原因记入审计记录。",
                    (long long)open);
    }
    if (!dialog_confirm(app, "交账", msg) || !app_may_write(app, c->pdf, &c->flags)) {
        free(c);
        return SCR_HANDLED | SCR_REDRAW;
    }
    bool done = false;
    if (need_reason) {
        struct form_field f[1];
        memset(f, 0, sizeof f);
        f[0] = (struct form_field){
            .id = "reason", .label = "带着未整改问题交账的原因", .type = FIELD_TEXT, .required = true};
        struct form form = {
            .title = "交账：说明原因（记入审计日志）", .fields = f, .nfields = 1, .save = close_form_save, .ctx = c};
        done = form_run(app, &form);
    } else {
        fx_clear(&err);
        if (close_run(c, NULL, &err))
            app_error(app, &err);
        else
            done = true;
    }
    if (done) {
        text_format(msg, sizeof msg, "已交账：%d 年（%s）\n交账材料：\n%s\n%s\n本年度已锁定为只读。", P.year,
                    store_actor(), c->pdf, c->xlsx);
        dialog_message(app, "交账", msg);
        app_status(app, "已交账：%d 年", P.year);
    }
    free(c);
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- keys ---- */

static int change_year(struct app *app, int delta)
{
    (void)app;
    P.year += delta;
    table_reset(&P.t);
    return SCR_HANDLED | SCR_RELOAD;
}

enum { PLAN_PREV_YEAR = ACT_LOCAL, PLAN_NEXT_YEAR, PLAN_DETAIL, PLAN_IMPORT, PLAN_OPEN, PLAN_CLOSE };

static int plan_key(struct app *app, int action, int is_key, wint_t ch)
{
    const struct plan_row *cur = table_current(&P.t);
    switch (action) {
    case ACT_NEW: return item_form(app, NULL);
    case ACT_EDIT:
    case PLAN_DETAIL: {
        if (!cur) {
            app_status(app, "没有选中的计划项目");
            return SCR_HANDLED;
        }
        struct plan_row *r = malloc(sizeof *r);
        if (!r)
            return SCR_HANDLED;
        *r = *cur;
        int rc = action == ACT_EDIT ? item_form(app, &r->item) : show_item(app, r);
        free(r);
        return rc;
    }
    case PLAN_IMPORT: return import_plan(app);
    case PLAN_OPEN: return open_year(app);
    case PLAN_CLOSE: return close_year(app);
    case PLAN_PREV_YEAR: return change_year(app, -1);
    case PLAN_NEXT_YEAR: return change_year(app, 1);
    case ACT_REFRESH:
        table_refresh(&P.t);
        app_status(app, "已刷新");
        return SCR_HANDLED | SCR_RELOAD;
    case ACT_MOVE: table_key(&P.t, is_key, ch); return SCR_HANDLED;
    default: return SCR_UNHANDLED;
    }
}

static int plan_click(struct app *app, struct rect body, int y, int x)
{
    (void)app;
    (void)x;
    struct rect tr = {body.y + 1, body.x, body.h - 2, body.w};
    table_click(&P.t, tr, y);
    return SCR_HANDLED;
}

/* The 计划 screen's keys: X(key, twin, action, hint, help), the 经费 screen's conventions. */
#define PLAN_KEYS(X)                                                                                                   \
    X(FXK_F(2), 'a', ACT_NEW, "新增", "新增一个计划项目")                                                              \
    X(FXK_F(4), 'e', ACT_EDIT, "编辑", "修改光标所在的计划项目")                                                       \
    X('i', 'I', PLAN_IMPORT, "导入",                                                                                   \
      "从 CSV 或 Excel 文件导入本年度计划（月份 标题 内容类别 类型 学时 参训对象 负责人）")                            \
    X('o', 'O', PLAN_OPEN, "建账", "为本年度建账：记下建账人和时间，按培训计划标准检查计划")                           \
    X('j', 'J', PLAN_CLOSE, "交账",                                                                                    \
      "为本年度交账：写出交账材料（PDF 和 XLSX），然后锁定本年度（有未整改问题须说明原因）")                           \
    X('[', '<', PLAN_PREV_YEAR, "换年", "上一年")                                                                      \
    X(']', '>', PLAN_NEXT_YEAR, "换年", "下一年")                                                                      \
    X(FXK_ENTER, 0, PLAN_DETAIL, "详情", "光标所在计划项目的详情和关联的培训记录")                                     \
    X('r', 'R', ACT_REFRESH, NULL, "重新读取本年度计划")
FX_KEYMAP(static, plan_keys, "计划", PLAN_KEYS, screen_keys_also);

const struct screen_ops screen_plan_ops = {
    .name = "计划",
    .keys = &plan_keys,
    .enter = plan_enter,
    .leave = plan_leave,
    .draw = plan_draw,
    .key = plan_key,
    .click = plan_click,
};
