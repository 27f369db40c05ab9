/* report_funds.c — the funds ledger's reports: 年度经费使用情况 (each source against its budget, each spending
 * category, the warnings, the cost of the training paid for) and the 收支明细账 with its running balance. */
#include "report_funds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funds.h"
#include "report_internal.h"
#include "store.h"
#include "text.h"

/* Amounts are money cells: whole 分, printed as an account book prints them ("1,234.50"), a number in XLSX. */
static void money_cell(struct report_cell *c, int64_t fen)
{
    c->type = CELL_MONEY;
    c->precision = 2;
    c->value = (double)fen;
}

static void put_money(struct report_row *r, int i, int64_t fen)
{
    report_put_money(r, i, fen);
}

static void add_money_figure(struct report *rep, const char *label, int64_t fen)
{
    struct report_cell *c = report_add_figure(rep, label, "元");
    if (c)
        money_cell(c, fen);
}

/* ---- 年度经费使用情况 ---- */

static void fill_line(const struct report *rep, struct report_row *r, const char *group, const struct funds_line *l,
                      bool source)
{
    report_row_clear(rep, r);
    report_put_text(r, 0, group);
    report_put_text(r, 1, l->name);
    if (l->has_budget) {
        put_money(r, 2, l->budget);
        put_money(r, 5, l->budget - l->expense);
        report_put_rate(r, 6, (double)l->expense, (double)l->budget);
    }
    if (source)
        put_money(r, 3, l->income);
    put_money(r, 4, l->expense);
    report_put_int(r, 7, l->entries);
    char note[REPORT_CELL_LEN] = "";
    if (funds_line_over(l))
        text_copy(note, sizeof note, source ? "超出预算" : "超出限额");
    if (l->exceptions) {
        size_t n = strlen(note);
        text_format(note + n, sizeof note - n, "%s例外 %lld 笔", n ? "；" : "", (long long)l->exceptions);
    }
    if (source && l->has_budget && !l->budget_set) {
        size_t n = strlen(note);
        text_format(note + n, sizeof note - n, "%s默认预算", n ? "；" : "");
    }
    report_put_text(r, 8, note);
}

int report_funds_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                      struct fx_error *err)
{
    (void)err;
    const struct funds_year *y = &rep->params.funds.year;
    struct report_row *r = malloc(sizeof *r);
    if (!r)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    int rc = 0;
    int64_t total = y->nsources + y->ncategories;
    for (int64_t i = offset; i < total && (limit < 0 || i < offset + limit) && !rc; i++) {
        if (i < y->nsources)
            fill_line(rep, r, "来源", &y->source[i], true);
        else
            fill_line(rep, r, "支出", &y->category[i - y->nsources], false);
        rc = fn(r, ctx);
    }
    free(r);
    return rc;
}

int report_funds_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                       struct fx_error *err)
{
    report_begin(db, cfg, REPORT_FUNDS, rep);
    report_set_period(rep, &req->period, "经费使用情况", "funds");
    struct funds_rules *rules = malloc(sizeof *rules);
    if (!rules)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    int rc = funds_rules_load(NULL, cfg, rules, err);
    struct funds_year *y = &rep->params.funds.year;
    if (!rc)
        rc = funds_year_summary(db, rules, req->period.year, y, err);
    char default_budget[128] = "";
    if (!rc && rules->budget_source[0]) {
        char a[32];
        funds_format(rules->budget_fen, a, sizeof a);
        text_format(default_budget, sizeof default_budget, "%s %s 元", rules->budget_source, a);
    }
    free(rules);
    if (rc)
        return rc;
    report_add_col(rep, "项目", 'l', 6);
    report_add_col(rep, "名称", 'l', 12);
    report_add_col(rep, "预算（元）", 'r', 11);
    report_add_col(rep, "收入（元）", 'r', 11);
    report_add_col(rep, "支出（元）", 'r', 11);
    report_add_col(rep, "预算余额（元）", 'r', 14);
    report_add_col(rep, "使用率", 'r', 7);
    report_add_col(rep, "笔数", 'r', 6);
    report_add_col(rep, "说明", 'l', 22);
    rep->nrows = y->nsources + y->ncategories;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计");
    put_money(t, 2, y->budget);
    put_money(t, 3, y->income);
    put_money(t, 4, y->expense);
    put_money(t, 5, y->budget - y->budgeted_expense);
    report_put_rate(t, 6, (double)y->budgeted_expense, (double)y->budget);
    report_put_int(t, 7, y->entries);
    if (funds_year_over(y))
        report_put_text(t, 8, "超出预算");
    char wan[32];
    funds_format_wan(y->budget, wan, sizeof wan);
    struct report_cell *c = report_add_figure(rep, "全年预算", "万元");
    if (c) {
        c->type = CELL_TEXT;
        text_copy(c->text, sizeof c->text, wan);
    }
    add_money_figure(rep, "收入合计", y->income);
    add_money_figure(rep, "支出合计", y->expense);
    add_money_figure(rep, "预算余额", y->budget - y->budgeted_expense);
    report_add_figure_rate(rep, "预算使用率", (double)y->budgeted_expense, (double)y->budget);
    /* Cost of the training paid for: only the expense linked to a live session counts, over those sessions. */
    report_add_figure_int(rep, "关联培训", y->linked_sessions, "期");
    if (y->linked_sessions > 0)
        add_money_figure(rep, "每期成本", y->linked_expense / y->linked_sessions);
    if (y->linked_person_times > 0)
        add_money_figure(rep, "每人次成本", y->linked_expense / y->linked_person_times);
    char warn[8][256];
    int nw = funds_year_warnings(y, warn, 8);
    for (int i = 0; i < nw; i++)
        report_add_note(rep, "%s", warn[i]);
    report_add_note(rep,
                    "预算：各经费来源在“经费”页设定的全年预算；未设定时按默认预算（%s）。"
                    "使用率 = 支出 ÷ 预算，预算余额 = 预算 − 支出，合计行只计有预算的来源的支出。",
                    default_budget[0] ? default_budget : "无");
    report_add_note(rep, "只计未作废的记录（作废 %lld 笔不计）；支出类别的“例外”指不符合经费规则、经写明原因入账的支出。",
                    (long long)y->voided);
    char linked[32];
    funds_format(y->linked_expense, linked, sizeof linked);
    report_add_note(rep, "每期成本、每人次成本：关联到培训记录的支出 %s 元，除以这些培训的期数和实到人次（舍去不足一分）。",
                    linked);
    return 0;
}

/* ---- 收支明细账 ---- */

#define SQL_LEDGER_PAGE "SELECT * FROM (" FUNDS_SQL_LEDGER ") LIMIT ?10 OFFSET ?11"

static void fill_entry(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    (void)seq;
    report_put_text(r, 0, report_col_text(st, 1));
    report_put_text(r, 1, report_col_text(st, 2));
    report_put_text(r, 2, report_col_text(st, 4));
    report_put_text(r, 3, report_col_text(st, 5));
    const char *who = report_col_text(st, 6);
    char summary[REPORT_CELL_LEN];
    text_format(summary, sizeof summary, "%s%s%s", who, *who && *report_col_text(st, 7) ? "；" : "",
                report_col_text(st, 7));
    report_put_text(r, 4, summary);
    int64_t in = sqlite3_column_int64(st, 8), out = sqlite3_column_int64(st, 9);
    if (in)
        put_money(r, 5, in);
    if (out)
        put_money(r, 6, out);
    put_money(r, 7, sqlite3_column_int64(st, 10));
    const char *reason = report_col_text(st, 11);
    char note[REPORT_CELL_LEN] = "";
    if (*reason)
        text_format(note, sizeof note, "例外：%s", reason);
    int64_t session = sqlite3_column_int64(st, 12);
    if (session) {
        size_t n = strlen(note);
        text_format(note + n, sizeof note - n, "%s培训 %lld", n ? "；" : "", (long long)session);
    }
    report_put_text(r, 8, note);
}

int report_funds_ledger_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                             struct fx_error *err)
{
    sqlite3_stmt *st;
    if (report_prepare(rep, SQL_LEDGER_PAGE, &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 3, rep->params.funds.opening);
    sqlite3_bind_int64(st, 10, limit < 0 ? -1 : limit);
    sqlite3_bind_int64(st, 11, offset);
    return report_stream(rep, st, offset, fill_entry, fn, ctx, "读取收支明细账", err);
}

int report_funds_ledger_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                              struct report *rep, struct fx_error *err)
{
    report_begin(db, cfg, REPORT_FUNDS_LEDGER, rep);
    report_set_period(rep, &req->period, "经费收支明细账", "funds-ledger");
    int64_t opening = 0;
    int rc = funds_balance_before(db, req->period.from, &opening, err);
    if (rc)
        return rc;
    rep->params.funds.opening = opening;
    report_add_col(rep, "日期", 'l', 10);
    report_add_col(rep, "凭证号", 'l', 7);
    report_add_col(rep, "来源", 'l', 12);
    report_add_col(rep, "类别", 'l', 7);
    report_add_col(rep, "摘要", 'l', 12);
    report_add_col(rep, "收入（元）", 'r', 11);
    report_add_col(rep, "支出（元）", 'r', 11);
    report_add_col(rep, "余额（元）", 'r', 11);
    report_add_col(rep, "说明", 'l', 19);
    /* The totals from the same rows the table lists: the last running balance is the closing one. */
    sqlite3_stmt *st;
    if (report_prepare(rep,
                       "SELECT count(*), ifnull(sum(CASE direction WHEN '收入' THEN amount END), 0), "
                       "ifnull(sum(CASE direction WHEN '支出' THEN amount END), 0), sum(voided = 0 AND rule_reason <> '' "
                       "AND direction = '支出') FROM funds_entry WHERE voided = 0 AND date BETWEEN ?1 AND ?2",
                       &st, err))
        return FX_EINTERNAL;
    int s = sqlite3_step(st);
    int64_t n = 0, in = 0, out = 0, reasons = 0;
    if (s == SQLITE_ROW) {
        n = sqlite3_column_int64(st, 0);
        in = sqlite3_column_int64(st, 1);
        out = sqlite3_column_int64(st, 2);
        reasons = sqlite3_column_int64(st, 3);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_ROW)
        return store_fail(db, s, err, "统计收支明细账");
    rep->nrows = n;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计");
    report_put_textf(t, 4, "%lld 笔", (long long)n);
    put_money(t, 5, in);
    put_money(t, 6, out);
    put_money(t, 7, opening + in - out);
    add_money_figure(rep, "期初余额", opening);
    add_money_figure(rep, "收入合计", in);
    add_money_figure(rep, "支出合计", out);
    add_money_figure(rep, "期末余额", opening + in - out);
    report_add_note(rep, "余额 = 期初余额 + 收入 − 支出，按日期和录入顺序逐笔累计；只列未作废的记录。");
    if (reasons)
        report_add_note(rep, "本期有 %lld 笔支出不符合经费规则（data/funds.ini [allowed]），经写明原因入账，原因见“说明”栏。",
                        (long long)reasons);
    return 0;
}

void report_note_month_funds(struct report *rep)
{
    int64_t fen = 0;
    struct fx_error err;
    if (rep->period.kind != PERIOD_MONTH ||
        funds_month_expense(rep->db, rep->period.year, rep->period.index, &fen, &err) || fen <= 0)
        return;
    char a[32];
    funds_format(fen, a, sizeof a);
    report_add_note(rep, "本月经费支出 %s 元（经费台账，未作废的支出；明细见本月的收支明细账）。", a);
}
