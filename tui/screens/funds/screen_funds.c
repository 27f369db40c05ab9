/* screen_funds.c — 经费: the funds ledger's entries of a month (voided ones marked 作废), the entry form, voiding
 * with a reason, and the year's budget view with its warnings (core/funds.h computes every figure shown). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "date.h"
#include "dialog.h"
#include "form.h"
#include "funds.h"
#include "screen.h"
#include "table.h"
#include "text.h"

static const struct keymap funds_keys; /* the screen's keys, at the end */

struct list_src {
    sqlite3 *db;
    char from[11], to[11];
    struct fx_error err;
};

static struct {
    bool ready;
    struct fx_period month;
    struct list_src src;
    struct table t;
    struct funds_rules rules;
    bool rules_ok;
    char rules_msg[512];
    struct funds_year year; /* the month's year against its budget */
    bool year_ok;
    int64_t month_in, month_out; /* the month's live income and expense */
} F;

static int list_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct list_src *ctx = vctx;
    const struct funds_entry *a = after;
    return funds_page(ctx->db, ctx->from, ctx->to, a ? a->date : NULL, a ? a->id : 0, rows, max, &ctx->err);
}

static void list_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct funds_entry *e = row;
    switch (col) {
    case 0: text_copy(out, outsz, e->date + 5); break;
    case 1: text_copy(out, outsz, e->direction); break;
    case 2: text_copy(out, outsz, e->source); break;
    case 3: text_copy(out, outsz, e->category); break;
    case 4: funds_format(e->amount, out, outsz); break;
    case 5: text_copy(out, outsz, e->counterpart); break;
    case 6: text_copy(out, outsz, e->voucher); break;
    default:
        if (e->voided)
            text_format(out, outsz, "作废：%s", e->void_reason);
        else if (e->rule_reason[0])
            text_format(out, outsz, "例外：%s", e->rule_reason);
        else
            out[0] = '\0';
        break;
    }
}

static int list_role(void *vctx, const void *row)
{
    (void)vctx;
    return ((const struct funds_entry *)row)->voided ? ROLE_DIM : ROLE_NORMAL;
}

static const struct table_col list_cols[] = {
    {"日期", 5, 'l'}, {"收支", 4, 'l'},   {"来源", 12, 'l'}, {"类别", 8, 'l'},
    {"金额（元）", 12, 'r'}, {"对方", 0, 'l'}, {"凭证号", 8, 'l'}, {"说明", 14, 'l'},
};

/* The month's totals and the year against its budget, from core. */
static void load_figures(struct app *app)
{
    struct fx_error err;
    F.year_ok = F.rules_ok && !funds_year_summary(app->db, &F.rules, F.month.year, &F.year, &err);
    F.month_in = F.month_out = 0;
    funds_balance_before(app->db, F.month.from, &F.month_in, &err); /* reused below as the opening balance */
    int64_t opening = F.month_in, closing = 0;
    char next[11];
    struct fx_period p = F.month;
    period_step(&p, 1);
    text_copy(next, sizeof next, p.from);
    funds_balance_before(app->db, next, &closing, &err);
    funds_month_expense(app->db, F.month.year, F.month.index, &F.month_out, &err);
    F.month_in = closing - opening + F.month_out; /* income = change of balance + expense */
}

static void set_month(const struct fx_period *p)
{
    F.month = *p;
    text_copy(F.src.from, sizeof F.src.from, p->from);
    text_copy(F.src.to, sizeof F.src.to, p->to);
}

static int funds_enter(struct app *app)
{
    if (!F.ready) {
        struct table_source src = {.row_size = sizeof(struct funds_entry),
                                   .fetch = list_fetch,
                                   .cell = list_cell,
                                   .ctx = &F.src,
                                   .role = list_role};
        if (table_init(&F.t, list_cols, (int)(sizeof list_cols / sizeof list_cols[0]), &src))
            return SCR_REDRAW;
        set_month(&app->period);
        struct fx_error err;
        fx_clear(&err);
        F.rules_ok = !funds_rules_load(NULL, app->cfg, &F.rules, &err);
        text_copy(F.rules_msg, sizeof F.rules_msg, err.msg);
        F.ready = true;
    }
    F.src.db = app->db;
    table_refresh(&F.t);
    load_figures(app);
    return SCR_REDRAW;
}

/* The budget view: the year's budget, spent, remaining and share, and each warning on its own line. */
static int draw_budget(struct rect b, int y)
{
    char line[512], a[32], s[32], r[32];
    if (!F.rules_ok) {
        draw_text(y, b.x + 1, b.w - 2, F.rules_msg, ROLE_ERROR);
        return 1;
    }
    if (!F.year_ok)
        return 0;
    const struct funds_year *yr = &F.year;
    funds_format(yr->budget, a, sizeof a);
    funds_format(yr->budgeted_expense, s, sizeof s);
    funds_format(yr->budget - yr->budgeted_expense, r, sizeof r);
    char share[16] = "—";
    if (funds_year_used(yr) >= 0)
        text_format(share, sizeof share, "%.1f%%", 100.0 * funds_year_used(yr));
    text_format(line, sizeof line, "%d年预算%s %s · 已用 %s（%s）· 余额 %s 元", yr->year,
                yr->budget_listed ? "" : "（默认）", a, s, share, r);
    draw_text(y, b.x + 1, b.w - 2, line, funds_year_over(yr) ? ROLE_ERROR : ROLE_FIGURE);
    char warn[4][256];
    int n = funds_year_warnings(yr, warn, 4), shown = 1;
    for (int i = 0; i < n && shown < 3; i++, shown++)
        draw_text(y + shown, b.x + 1, b.w - 2, warn[i], ROLE_ERROR);
    return shown;
}

static void funds_draw(struct app *app, struct rect b)
{
    (void)app;
    char label[32], line[512], in[32], out[32];
    period_label(&F.month, label, sizeof label);
    text_format(line, sizeof line, "◀ %s ▶", label);
    int w = draw_text(b.y, b.x + 1, 20, line, ROLE_HEADER);
    funds_format(F.month_in, in, sizeof in);
    funds_format(F.month_out, out, sizeof out);
    text_format(line, sizeof line, "收入 %s 元 · 支出 %s 元", in, out);
    w += 2 + draw_text(b.y, b.x + 3 + w, b.w - 4 - w, line, ROLE_FIGURE);
    char hint[256];
    keys_hint(&funds_keys, 0, hint, sizeof hint);
    if (text_width(hint) < b.w - 4 - w)
        draw_text(b.y, b.x + b.w - 1 - text_width(hint), text_width(hint), hint, ROLE_DIM);
    int warnings = F.year_ok ? funds_year_warnings(&F.year, (char(*)[256])line, 1) : 0;
    int foot = 1 + (F.year_ok && warnings ? 2 : 0);
    if (foot > b.h - 3)
        foot = 0;
    struct rect tr = {b.y + 1, b.x, b.h - 1 - foot, b.w};
    table_draw(&F.t, tr);
    if (foot)
        draw_budget(b, b.y + b.h - foot);
}

/* ---- the entry form ---- */

struct entry_ctx {
    struct app *app;
    const char *sources[FUNDS_MAX_WORDS];
    const char *categories[FUNDS_MAX_WORDS * 2 + 1];
    int ncat;
    int64_t id;
    char date[11];
};

static const char *const directions[] = {FUNDS_EXPENSE, FUNDS_INCOME};

static int entry_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct entry_ctx *c = vctx;
    struct funds_entry *e = calloc(1, sizeof *e);
    if (!e)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    text_copy(e->date, sizeof e->date, form_field(form, "date")->text);
    text_copy(e->direction, sizeof e->direction, directions[form_field(form, "direction")->choice]);
    text_copy(e->source, sizeof e->source, c->sources[form_field(form, "source")->choice]);
    text_copy(e->category, sizeof e->category, c->categories[form_field(form, "category")->choice]);
    int rc = funds_parse_amount(form_field(form, "amount")->text, "金额", &e->amount, err);
    text_copy(e->counterpart, sizeof e->counterpart, form_field(form, "counterpart")->text);
    text_copy(e->voucher, sizeof e->voucher, form_field(form, "voucher")->text);
    text_copy(e->rule_reason, sizeof e->rule_reason, form_field(form, "reason")->text);
    text_copy(e->note, sizeof e->note, form_field(form, "note")->text);
    text_copy(e->recorder, sizeof e->recorder, c->app->cfg ? c->app->cfg->recorder : "");
    const char *session = form_field(form, "session")->text;
    if (!rc && *session) {
        char *end;
        long long id = strtoll(session, &end, 10);
        if (*end || id <= 0)
            rc = fx_fail_field(err, FX_EINPUT, "session", "培训记录编号应为正整数");
        e->session_id = id;
    }
    if (!rc)
        rc = funds_add(c->app->db, &F.rules, e, err);
    if (!rc) {
        c->id = e->id;
        text_copy(c->date, sizeof c->date, e->date);
        app_mark_saved(c->app);
    }
    free(e);
    return rc;
}

static int new_entry(struct app *app)
{
    if (!F.rules_ok) {
        app_status(app, "%s", F.rules_msg);
        return SCR_HANDLED;
    }
    struct entry_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return SCR_HANDLED;
    c->app = app;
    for (int i = 0; i < F.rules.nsources; i++)
        c->sources[i] = F.rules.source[i];
    for (int i = 0; i < F.rules.nexpense; i++)
        c->categories[c->ncat++] = F.rules.expense[i];
    for (int i = 0; i < F.rules.nincome; i++)
        c->categories[c->ncat++] = F.rules.income[i];
    struct form_field f[10];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "date", .label = "日期", .type = FIELD_DATE, .required = true};
    f[1] = (struct form_field){.id = "direction", .label = "收支", .type = FIELD_CHOICE, .choices = directions,
                               .nchoices = 2};
    f[2] = (struct form_field){.id = "source", .label = "经费来源", .type = FIELD_CHOICE, .choices = c->sources,
                               .nchoices = F.rules.nsources};
    f[3] = (struct form_field){.id = "category", .label = "类别", .type = FIELD_CHOICE, .choices = c->categories,
                               .nchoices = c->ncat};
    f[4] = (struct form_field){.id = "amount", .label = "金额（元）", .type = FIELD_TEXT, .required = true, .max = 30};
    f[5] = (struct form_field){.id = "counterpart", .label = "对方", .type = FIELD_TEXT, .max = FX_PLACE_CHARS};
    f[6] = (struct form_field){.id = "voucher", .label = "凭证号", .type = FIELD_TEXT, .max = 30};
    f[7] = (struct form_field){.id = "session", .label = "培训记录编号", .type = FIELD_TEXT, .max = 18};
    f[8] = (struct form_field){.id = "reason", .label = "例外原因", .type = FIELD_TEXT, .max = FX_WHY_CHARS};
    f[9] = (struct form_field){.id = "note", .label = "备注", .type = FIELD_TEXT, .max = FX_NOTE_CHARS};
    /* A new entry is dated today when the list shows this month, else the month's first day. */
    struct fx_date today;
    date_today(&today);
    char t[11];
    date_format(&today, t);
    text_copy(f[0].text, sizeof f[0].text, period_contains(&F.month, t) ? t : F.month.from);
    struct form form = {.title = "记一笔经费收支（不符合经费规则的支出须写明例外原因）",
                        .fields = f,
                        .nfields = 10,
                        .save = entry_save,
                        .ctx = c};
    bool saved = form_run(app, &form);
    int flags = SCR_HANDLED | SCR_REDRAW;
    if (saved) {
        app_status(app, "已保存：经费记录 %lld", (long long)c->id);
        if (!period_contains(&F.month, c->date)) {
            struct fx_period p;
            struct fx_error perr;
            char ym[8];
            text_format(ym, sizeof ym, "%.7s", c->date);
            if (!period_parse(ym, &p, &perr)) {
                set_month(&p);
                table_reset(&F.t);
            }
        }
        flags |= SCR_RELOAD;
    }
    free(c);
    return flags;
}

/* ---- void ---- */

struct void_ctx {
    struct app *app;
    int64_t id;
};

static int void_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct void_ctx *c = vctx;
    int rc = funds_void(c->app->db, c->id, form->fields[0].text, err);
    if (!rc)
        app_mark_saved(c->app);
    else if (!err->field[0])
        text_copy(err->field, sizeof err->field, "reason");
    return rc;
}

static int void_entry(struct app *app, const struct funds_entry *e)
{
    if (e->voided) {
        app_status(app, "这笔记录已经作废了");
        return SCR_HANDLED;
    }
    char msg[600], a[32];
    funds_format(e->amount, a, sizeof a);
    text_format(msg, sizeof msg, "作废 %s %s %s %s 元？\n作废的记录仍然保留、标明“作废”，但不再计入任何合计和余额。",
                e->date, e->direction, e->category, a);
    if (!dialog_confirm(app, "作废经费记录", msg))
        return SCR_HANDLED | SCR_REDRAW;
    struct form_field f[1];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "reason", .label = "作废原因", .type = FIELD_TEXT, .required = true, .max = FX_WHY_CHARS};
    char title[300];
    text_format(title, sizeof title, "作废：%s %s %s 元", e->date, e->category, a);
    struct void_ctx c = {.app = app, .id = e->id};
    struct form form = {.title = title, .fields = f, .nfields = 1, .save = void_save, .ctx = &c};
    if (!form_run(app, &form))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "已作废：经费记录 %lld（原因：%s）", (long long)e->id, f[0].text);
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- the budget ---- */

struct budget_ctx {
    struct app *app;
    const char *sources[FUNDS_MAX_WORDS];
};

static int budget_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct budget_ctx *c = vctx;
    int64_t fen;
    int rc = funds_parse_amount(form_field(form, "amount")->text, "预算金额", &fen, err);
    if (!rc)
        rc = funds_budget_set(c->app->db, &F.rules, F.month.year, c->sources[form_field(form, "source")->choice], fen,
                              err);
    if (!rc)
        app_mark_saved(c->app);
    return rc;
}

static int set_budget(struct app *app)
{
    if (!F.rules_ok) {
        app_status(app, "%s", F.rules_msg);
        return SCR_HANDLED;
    }
    struct budget_ctx c = {.app = app};
    int def = 0;
    for (int i = 0; i < F.rules.nsources; i++) {
        c.sources[i] = F.rules.source[i];
        if (!strcmp(F.rules.source[i], F.rules.budget_source))
            def = i;
    }
    struct form_field f[2];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "source", .label = "经费来源", .type = FIELD_CHOICE, .choices = c.sources,
                               .nchoices = F.rules.nsources, .choice = def};
    f[1] = (struct form_field){.id = "amount", .label = "全年预算（元）", .type = FIELD_TEXT, .required = true, .max = 30};
    char title[128];
    text_format(title, sizeof title, "设定 %d 年预算", F.month.year);
    struct form form = {.title = title, .fields = f, .nfields = 2, .save = budget_save, .ctx = &c, .focus = 1};
    if (!form_run(app, &form))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "已设定 %d 年%s预算：%s 元", F.month.year, c.sources[f[0].choice], f[1].text);
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- the detail ---- */

static int show_entry(struct app *app, const struct funds_entry *e)
{
    char msg[3000], a[32], session[32] = "—";
    funds_format(e->amount, a, sizeof a);
    if (e->session_id)
        text_format(session, sizeof session, "编号 %lld", (long long)e->session_id);
    text_format(msg, sizeof msg,
                "编号：%lld\n日期：%s   %s %s 元\n来源：%s   类别：%s\n对方：%s   凭证号：%s\n培训记录：%s\n"
                "例外原因：%s\n备注：%s\n记录人：%s%s%s",
                (long long)e->id, e->date, e->direction, a, e->source, e->category[0] ? e->category : "—",
                e->counterpart[0] ? e->counterpart : "—", e->voucher[0] ? e->voucher : "—", session,
                e->rule_reason[0] ? e->rule_reason : "—", e->note[0] ? e->note : "—",
                e->recorder[0] ? e->recorder : "—", e->voided ? "\n【作废】原因：" : "", e->voided ? e->void_reason : "");
    dialog_message(app, "经费记录", msg);
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- keys ---- */

static int change_month(struct app *app, int delta)
{
    (void)app;
    struct fx_period p = F.month;
    period_step(&p, delta);
    set_month(&p);
    table_reset(&F.t);
    return SCR_HANDLED | SCR_RELOAD;
}

enum { FUNDS_PREV_MONTH = ACT_LOCAL, FUNDS_NEXT_MONTH, FUNDS_DETAIL, FUNDS_BUDGET };

static int funds_key(struct app *app, int action, int is_key, wint_t ch)
{
    const struct funds_entry *cur = table_current(&F.t);
    switch (action) {
    case ACT_NEW: return new_entry(app);
    case FUNDS_BUDGET: return set_budget(app);
    case ACT_VOID:
    case FUNDS_DETAIL: {
        if (!cur) {
            app_status(app, "没有选中的记录");
            return SCR_HANDLED;
        }
        struct funds_entry *e = malloc(sizeof *e);
        if (!e)
            return SCR_HANDLED;
        *e = *cur;
        int rc = action == ACT_VOID ? void_entry(app, e) : show_entry(app, e);
        free(e);
        return rc;
    }
    case FUNDS_PREV_MONTH: return change_month(app, -1);
    case FUNDS_NEXT_MONTH: return change_month(app, 1);
    case ACT_REFRESH:
        table_refresh(&F.t);
        app_status(app, "已刷新");
        return SCR_HANDLED | SCR_RELOAD;
    case ACT_MOVE: table_key(&F.t, is_key, ch); return SCR_HANDLED;
    default: return SCR_UNHANDLED;
    }
}

static int funds_click(struct app *app, struct rect body, int y, int x)
{
    (void)app;
    (void)x;
    struct rect tr = {body.y + 1, body.x, body.h - 1, body.w};
    table_click(&F.t, tr, y);
    return SCR_HANDLED;
}

/* The 经费 screen's keys: X(key, twin, action, hint, help), the 台账 screen's conventions. */
#define FUNDS_KEYS(X)                                                                                                  \
    X(FXK_F(2), 'n', ACT_NEW, "新建", "记一笔收入或支出")                                                              \
    X(FXK_F(8), 'd', ACT_VOID, "作废", "作废光标所在的记录（写明原因，不删除）")                                       \
    X('b', 'B', FUNDS_BUDGET, "预算", "设定本年度一个经费来源的预算")                                                  \
    X('[', FXK_PGUP, FUNDS_PREV_MONTH, "换月", "上个月")                                                               \
    X(']', FXK_PGDN, FUNDS_NEXT_MONTH, "换月", "下个月")                                                               \
    X(FXK_ENTER, 0, FUNDS_DETAIL, "详情", "光标所在记录的详情")                                                        \
    X('r', 'R', ACT_REFRESH, NULL, "重新读取本月的记录")
FX_KEYMAP(static, funds_keys, "经费", FUNDS_KEYS, screen_keys_rows_also);

const struct screen_ops screen_funds_ops = {
    .name = "经费",
    .keys = &funds_keys,
    .enter = funds_enter,
    .draw = funds_draw,
    .key = funds_key,
    .click = funds_click,
};
