/* report_build.c — the builders of each report kind: title block, columns, the 合计 row, headline
 * figures and footnotes, computed with aggregates so that none of them reads the rows themselves. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_funds.h"
#include "feedback.h"
#include "report_internal.h"
#include "stats.h"
#include "store.h"
#include "teacher.h"
#include "text.h"

/* The definitions footnoted on every summary; stats.c computes exactly these. */
#define NOTE_SESSIONS                                                                                                  \
    "期数：未作废的培训场次数，多日的培训班计一期、归入开班日期所在期间；作废的记录不计入任何数字。"
#define NOTE_TIMES    "人次：各场次实到人数之和（未逐人点名的场次按记录的实到人数计）。"
#define NOTE_PEOPLE   "人数：统计期间内至少参训一次的不同人员数（按点名记录），与人次分开统计。"
#define NOTE_HOURS    "学时：各场次学时之和；人均学时 = 参训人员所得学时之和 ÷ 人数。"
#define NOTE_RATES                                                                                                     \
    "参训率 = 实到 ÷ 应到；受训率（覆盖率）= 参训的在册党员数 ÷ 在册党员数；全年的受训率即轮训率。"                   \
    "在册党员：期间最后一天名册上的正式党员和预备党员（入党积极分子、发展对象另列）。"

/* ---- building the title block (shared with report_more.c, report_menu.c) ------- */

void report_add_col(struct report *rep, const char *title, char align, int width)
{
    if (rep->ncols >= REPORT_MAX_COLS)
        return;
    struct report_column *c = &rep->col[rep->ncols++];
    snprintf(c->title, sizeof c->title, "%s", title);
    c->align = align;
    c->width = width;
    c->text_width = 0;
    c->total = 0;
}

void report_col_sum(struct report *rep)
{
    if (rep->ncols)
        rep->col[rep->ncols - 1].total = 's';
}

void report_col_rate(struct report *rep, int num, int den)
{
    if (!rep->ncols)
        return;
    struct report_column *c = &rep->col[rep->ncols - 1];
    c->total = 'r';
    c->rate_num = num;
    c->rate_den = den;
}

struct report_cell *report_add_figure(struct report *rep, const char *label, const char *suffix)
{
    if (rep->nfigures >= REPORT_MAX_FIGURES)
        return NULL;
    struct report_figure *f = &rep->fig[rep->nfigures++];
    memset(f, 0, sizeof *f);
    snprintf(f->label, sizeof f->label, "%s", label);
    snprintf(f->suffix, sizeof f->suffix, "%s", suffix ? suffix : "");
    return &f->value;
}

void report_add_figure_int(struct report *rep, const char *label, int64_t v, const char *suffix)
{
    struct report_cell *c = report_add_figure(rep, label, suffix);
    if (c) {
        c->type = CELL_INT;
        c->value = (double)v;
    }
}

void report_add_figure_num(struct report *rep, const char *label, double v, int precision, const char *suffix)
{
    struct report_cell *c = report_add_figure(rep, label, suffix);
    if (c) {
        c->type = CELL_NUMBER;
        c->value = v;
        c->precision = precision;
    }
}

void report_add_figure_rate(struct report *rep, const char *label, double num, double den)
{
    struct report_cell *c = report_add_figure(rep, label, NULL);
    if (!c)
        return;
    if (den <= 0) {
        c->type = CELL_TEXT;
        snprintf(c->text, sizeof c->text, "—");
    } else {
        c->type = CELL_PERCENT;
        c->value = num / den;
        c->precision = 1;
    }
}

void report_add_note(struct report *rep, const char *fmt, ...)
{
    if (rep->nnotes >= REPORT_MAX_NOTES)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rep->notes[rep->nnotes++], REPORT_NOTE_LEN, fmt, ap);
    va_end(ap);
}

const struct fx_config *report_config(const struct fx_config *cfg, struct fx_config *defaults)
{
    if (cfg)
        return cfg;
    config_defaults(defaults);
    return defaults;
}

void report_begin(sqlite3 *db, const struct fx_config *cfg, int kind, struct report *rep)
{
    struct fx_config defaults;
    cfg = report_config(cfg, &defaults);
    memset(rep, 0, sizeof *rep);
    rep->kind = &report_kinds[kind];
    rep->db = db;
    rep->county_classes = cfg->nkind_class > 0;
    rep->count_meetings = cfg->count_meetings;
    snprintf(rep->sign[0], sizeof rep->sign[0], "%s", cfg->maker_label[0] ? cfg->maker_label : "制表人");
    snprintf(rep->sign[1], sizeof rep->sign[1], "%s", cfg->reviewer_label[0] ? cfg->reviewer_label : "审核人");
    snprintf(rep->sign[2], sizeof rep->sign[2], "%s", "日期");
    /* The report is about this ledger, so its own unit name wins over the config's. */
    store_get_text(db, "SELECT name FROM unit WHERE is_local = 1 ORDER BY id LIMIT 1", STORE_NO_ARGS, rep->unit,
                   sizeof rep->unit, NULL);
    if (!rep->unit[0])
        snprintf(rep->unit, sizeof rep->unit, "%s", cfg->unit);
    struct fx_date today;
    date_today(&today);
    date_format(&today, rep->made);
}

void report_set_period(struct report *rep, const struct fx_period *p, const char *what, const char *slug)
{
    rep->period = *p;
    period_label(p, rep->period_label, sizeof rep->period_label);
    snprintf(rep->title, sizeof rep->title, "%s%s", rep->period_label, what);
    char canon[16];
    period_format(p, canon, sizeof canon);
    snprintf(rep->slug, sizeof rep->slug, "%s-%s", slug, canon);
    /* Sheet names: ≤ 31 characters and none of []:*?/\ — a period label is safe. */
    text_copy(rep->sheet, sizeof rep->sheet, rep->period_label);
}

static int count_rows(struct report *rep, const char *sql, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (report_prepare(rep, sql, &st, err))
        return FX_EINTERNAL;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        rep->nrows = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(rep->db, rc, err, "统计报表");
}

/* ---- builders ------------------------------------------------------------- */

void report_note_training_kinds(struct report *rep)
{
    /* Which kinds the figures counted, as this ledger's word list (and so the county's config) says. */
    char kinds[REPORT_NOTE_LEN] = "";
    store_get_text(rep->db,
                   "SELECT group_concat(name, '、') FROM (SELECT name FROM vocab WHERE kind = 'kind' AND class = '培训' "
                   "ORDER BY ord, name)",
                   STORE_NO_ARGS, kinds, sizeof kinds, NULL);
    report_add_note(rep, "只计培训类：%s；会议另见三会一课记录%s。", kinds[0] ? kinds : "无",
                    rep->county_classes ? "（类型的归类按本县设置）" : "");
}

static void summary_figures(struct report *rep, const struct period_stats *s, bool year)
{
    report_add_figure_int(rep, "期数", s->sessions, "期");
    report_add_figure_int(rep, "人次", s->person_times, "人次");
    report_add_figure_int(rep, "人数", s->people, "人");
    report_add_figure_num(rep, "总学时", s->hours, 1, "学时");
    if (s->people > 0)
        report_add_figure_num(rep, "人均学时", s->person_hours / (double)s->people, 1, "学时");
    else
        report_add_figure_rate(rep, "人均学时", 0, 0);
    report_add_figure_rate(rep, "参训率", (double)s->present, (double)s->expected);
    report_add_figure_rate(rep, year ? "轮训率" : "受训率", (double)s->trained_members, (double)s->members);
    report_add_figure_int(rep, "在册党员", s->members, "人");
    report_add_figure_int(rep, "入党积极分子、发展对象", s->candidates, "人");
}

static int add_group(const struct stats_group *g, void *ctx)
{
    struct report *rep = ctx;
    if (rep->ngroups >= REPORT_MAX_GROUPS)
        return 0;
    struct report_group *r = &rep->group[rep->ngroups++];
    text_copy(r->name, sizeof r->name, g->name);
    r->sessions = g->sessions;
    r->person_times = g->person_times;
    r->hours = g->hours;
    if (g->expected > 0)
        stats_percent_text(stats_attendance_rate(g->present, g->expected), r->rate, sizeof r->rate);
    else
        text_copy(r->rate, sizeof r->rate, "—");
    return 0;
}

/* The 分类汇总 of a summary: its training by content category, then by kind. */
static int summary_groups(struct report *rep, const struct fx_period *p, struct fx_error *err)
{
    static const struct {
        enum stats_by by;
        const char *label;
    } splits[] = {{STATS_BY_CATEGORY, "内容类别"}, {STATS_BY_KIND, "类型"}};
    rep->ngroups = 0;
    for (size_t i = 0; i < sizeof splits / sizeof splits[0]; i++) {
        int from = rep->ngroups;
        int rc = stats_groups(rep->db, p, splits[i].by, add_group, rep, err);
        if (rc)
            return rc;
        for (int k = from; k < rep->ngroups; k++)
            text_copy(rep->group[k].by, sizeof rep->group[k].by, splits[i].label);
    }
    return 0;
}

static int build_month(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                       struct fx_error *err)
{
    report_begin(db, cfg, REPORT_MONTH, rep);
    report_set_period(rep, p, "培训情况汇总表", "month");
    report_add_col(rep, "序号", 'r', 4);
    report_add_col(rep, "日期", 'l', 10);
    report_add_col(rep, "培训主题", 'l', 18);
    report_add_col(rep, "内容类别", 'l', 12);
    report_add_col(rep, "形式", 'l', 8);
    report_add_col(rep, "授课人", 'l', 6);
    report_add_col(rep, "应到", 'r', 5);
    report_col_sum(rep);
    report_add_col(rep, "实到", 'r', 5);
    report_col_sum(rep);
    report_add_col(rep, "参训率", 'r', 6);
    report_col_rate(rep, 7, 6);
    report_add_col(rep, "学时", 'r', 4);
    report_col_sum(rep);
    report_add_col(rep, "满意度", 'r', 6);
    struct period_stats s;
    if (stats_period(db, p, &s, err))
        return err ? err->code : FX_EINTERNAL;
    double satisfied;
    int64_t forms, rated;
    if (feedback_period(db, p->from, p->to, &satisfied, &forms, &rated, err))
        return err ? err->code : FX_EINTERNAL;
    rep->nrows = s.sessions;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    /* Only numbers, each under its own head, so a spreadsheet sums townships; 期数, 人次 and 人数 are figures. */
    report_put_text(t, 0, "合计");
    report_put_int(t, 6, s.expected);
    report_put_int(t, 7, s.present);
    report_put_rate(t, 8, (double)s.present, (double)s.expected);
    report_put_num(t, 9, s.hours, 1);
    report_put_rate(t, 10, satisfied, (double)forms);
    summary_figures(rep, &s, false);
    if (rated > 0)
        report_add_figure_rate(rep, "满意度", satisfied, (double)forms);
    if (summary_groups(rep, p, err))
        return err ? err->code : FX_EINTERNAL;
    report_add_note(rep, "%s", NOTE_SESSIONS);
    report_note_training_kinds(rep);
    report_add_note(rep, "%s合计行的“实到”即人次。", NOTE_TIMES);
    report_add_note(rep, "%s", NOTE_PEOPLE);
    report_add_note(rep, "%s", NOTE_HOURS);
    report_add_note(rep, "%s", NOTE_RATES);
    report_note_summary_standard(rep, cfg);
    report_note_month_funds(rep);
    /* Only in a month with feedback, and one line: a month of 28 sessions without it prints on one A4 page as before. */
    if (rated > 0)
        report_add_note(rep, "满意度 =（满意+基本满意）÷ 回收份数，平均分按 分÷满分；合计按回收份数加权，计登记评价的 %lld 场。",
                    (long long)rated);
    return 0;
}

static int build_periodic(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                          struct fx_error *err)
{
    report_begin(db, cfg, p->kind == PERIOD_QUARTER ? REPORT_QUARTER : REPORT_YEAR, rep);
    report_set_period(rep, p, "培训情况汇总表",
                      p->kind == PERIOD_YEAR      ? "year"
                      : p->kind == PERIOD_QUARTER ? "quarter"
                                                  : "half");
    report_add_col(rep, "月份", 'l', 6);
    report_add_col(rep, "期数", 'r', 6);
    report_col_sum(rep);
    report_add_col(rep, "人次", 'r', 6);
    report_col_sum(rep);
    report_add_col(rep, "人数", 'r', 6);
    report_add_col(rep, "学时", 'r', 6);
    report_col_sum(rep);
    report_add_col(rep, "应到", 'r', 6);
    report_col_sum(rep);
    report_add_col(rep, "实到", 'r', 6);
    report_col_sum(rep);
    report_add_col(rep, "参训率", 'r', 7);
    report_col_rate(rep, 6, 5);
    report_add_col(rep, "受训率", 'r', 7);
    struct period_stats s;
    if (stats_period(db, p, &s, err))
        return err ? err->code : FX_EINTERNAL;
    rep->nrows = atoi(p->to + 5) - atoi(p->from + 5) + 1;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计");
    report_put_period_stats(t, &s);
    bool year = p->kind == PERIOD_YEAR;
    summary_figures(rep, &s, year);
    if (summary_groups(rep, p, err))
        return err ? err->code : FX_EINTERNAL;
    struct fx_config defaults;
    const struct fx_config *c = report_config(cfg, &defaults);
    if (year) {
        int64_t held = 0, behind = 0;
        if (stats_hours_standing(db, c, p->year, &held, &behind, err))
            return err ? err->code : FX_EINTERNAL;
        report_add_figure_int(rep, "学时未达标", behind, "人");
        report_add_figure_rate(rep, "学时达标率", (double)(held - behind), (double)held);
    }
    report_add_note(rep, "%s", NOTE_SESSIONS);
    report_note_training_kinds(rep);
    report_add_note(rep, "%s", NOTE_TIMES);
    report_add_note(rep, "%s合计行的人数按整个期间去重，不等于各月人数之和。", NOTE_PEOPLE);
    report_add_note(rep, "%s", NOTE_HOURS);
    report_add_note(rep, "%s", NOTE_RATES);
    if (year)
        report_add_note(
            rep,
            "学时达标率 = 全年学时不少于本人应达学时的党员数 ÷ 当年在册过的党员数（应达学时：书记和班子成员 %g，其他 %g，"
            "年中进出的按在册整月折算）。",
            c->min_leader, c->min_member);
    return 0;
}

int report_meetings(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                    struct fx_error *err)
{
    report_begin(db, cfg, REPORT_MEETINGS, rep);
    report_set_period(rep, p, "三会一课记录", "meetings");
    report_add_col(rep, "序号", 'r', 4);
    report_add_col(rep, "党组织", 'l', 16);
    report_add_col(rep, "类型", 'l', 8);
    report_add_col(rep, "日期", 'l', 10);
    report_add_col(rep, "主题", 'l', 22);
    report_add_col(rep, "应到", 'r', 5);
    report_col_sum(rep);
    report_add_col(rep, "实到", 'r', 5);
    report_col_sum(rep);
    report_add_col(rep, "到会率", 'r', 6);
    report_col_rate(rep, 6, 5);
    report_add_col(rep, "时长", 'r', 4);
    int64_t rows, sessions, expected, present;
    if (report_meeting_count(db, p, &rows, &sessions, &expected, &present, err))
        return err ? err->code : FX_EINTERNAL;
    rep->nrows = rows;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计"); /* the count of meetings is the figure 组织生活 */
    report_put_int(t, 5, expected);
    report_put_int(t, 6, present);
    report_put_rate(t, 7, (double)present, (double)expected);
    report_add_figure_int(rep, "组织生活", sessions, "次");
    report_add_figure_rate(rep, "到会率", (double)present, (double)expected);
    char meetings[REPORT_NOTE_LEN] = "";
    store_get_text(db,
                   "SELECT group_concat(name, '、') FROM (SELECT name FROM vocab WHERE kind = 'kind' AND class = '组织生活' "
                   "ORDER BY ord, name)",
                   STORE_NO_ARGS, meetings, sizeof meetings, NULL);
    report_add_note(rep, "本表列出组织生活（%s）的记录，按党组织、类型、日期排列；这些记录不计入培训统计。",
                    meetings[0] ? meetings : "无");
    report_add_note(rep, "一次会议面向多个党组织时，每个党组织各列一行，合计按次计。到会率 = 实到 ÷ 应到。");
    report_add_note(rep, "多日的活动归入开始日期所在的期间；已作废的记录不列出。");
    return 0;
}

int report_summary(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                   struct fx_error *err)
{
    return p->kind == PERIOD_MONTH ? build_month(db, cfg, p, rep, err) : build_periodic(db, cfg, p, rep, err);
}

int report_month(sqlite3 *db, const struct fx_config *cfg, int year, int month, struct report *rep,
                 struct fx_error *err)
{
    if (year < 1900 || year > 2999 || month < 1 || month > 12)
        return fx_fail(err, FX_EINPUT, "月份无效：%d-%d", year, month);
    struct fx_period p;
    period_make(PERIOD_MONTH, year, month, &p);
    return build_month(db, cfg, &p, rep, err);
}

int report_quarter(sqlite3 *db, const struct fx_config *cfg, int year, int quarter, struct report *rep,
                   struct fx_error *err)
{
    if (year < 1900 || year > 2999 || quarter < 1 || quarter > 4)
        return fx_fail(err, FX_EINPUT, "季度无效：%d-Q%d", year, quarter);
    struct fx_period p;
    period_make(PERIOD_QUARTER, year, quarter, &p);
    return build_periodic(db, cfg, &p, rep, err);
}

int report_year(sqlite3 *db, const struct fx_config *cfg, int year, struct report *rep, struct fx_error *err)
{
    if (year < 1900 || year > 2999)
        return fx_fail(err, FX_EINPUT, "年份无效：%d", year);
    struct fx_period p;
    period_make(PERIOD_YEAR, year, 0, &p);
    return build_periodic(db, cfg, &p, rep, err);
}

int report_hours(sqlite3 *db, const struct fx_config *cfg, int year, bool below_only, struct report *rep,
                 struct fx_error *err)
{
    if (year < 1900 || year > 2999)
        return fx_fail(err, FX_EINPUT, "年份无效：%d", year);
    report_begin(db, cfg, REPORT_HOURS, rep);
    struct fx_config defaults;
    const struct fx_config *c = report_config(cfg, &defaults);
    struct report_hours_params *hp = &rep->params.hours;
    hp->min_member = c->min_member;
    hp->min_leader = c->min_leader;
    snprintf(hp->leader_roles, sizeof hp->leader_roles, "%s", c->leader_roles);
    hp->prorate = c->prorate;
    hp->count_candidates = c->count_candidates;
    struct fx_period p;
    period_make(PERIOD_YEAR, year, 0, &p);
    report_set_period(rep, &p, below_only ? "学时未达标党员名单" : "党员学时统计表",
                      below_only ? "hours-below" : "hours");
    report_add_col(rep, "序号", 'r', 6);
    report_add_col(rep, "党组织", 'l', 20);
    report_add_col(rep, "姓名", 'l', 10);
    report_add_col(rep, "身份", 'l', 10);
    report_add_col(rep, "参训次数", 'r', 8);
    report_add_col(rep, "学时", 'r', 8);
    report_add_col(rep, "应达学时", 'r', 8);
    report_add_col(rep, "尚差", 'r', 6);
    report_add_col(rep, "达标", 'c', 8);
    /* Totals and figures from member_year (kept by triggers), never from attendance:
     * the year's attendance is far bigger than the roster. One pass over the
     * roster gives both the whole-roster figures and the totals of a --below list. */
    sqlite3_stmt *st;
    int rc = report_prepare(
        rep,
        "SELECT leader, count(*), sum(h >= need), sum(h), sum(sess), sum(h < need), "
        "  ifnull(sum(CASE WHEN h < need THEN h END), 0), ifnull(sum(CASE WHEN h < need THEN sess END), 0) "
        "FROM (SELECT m.post <> '' AS leader, " SQL_NEED " AS need, "
        "  ifnull(y.hours, 0) AS h, ifnull(y.sessions, 0) AS sess " SQL_HOURS_FROM ") GROUP BY leader",
        &st, err);
    if (rc)
        return FX_EINTERNAL;
    report_bind_hours(rep, st); /* below_only still false: the whole roster */
    hp->below_only = below_only;
    int64_t n[2] = {0, 0}, ok[2] = {0, 0}, sessions = 0, below = 0, below_sessions = 0;
    double hours = 0, below_hours = 0;
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        int g = sqlite3_column_int(st, 0) ? 1 : 0;
        n[g] = sqlite3_column_int64(st, 1);
        ok[g] = sqlite3_column_int64(st, 2);
        hours += sqlite3_column_double(st, 3);
        sessions += sqlite3_column_int64(st, 4);
        below += sqlite3_column_int64(st, 5);
        below_hours += sqlite3_column_double(st, 6);
        below_sessions += sqlite3_column_int64(st, 7);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE)
        return store_fail(db, s, err, "统计学时");
    rep->nrows = below_only ? below : n[0] + n[1];
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计");
    report_put_textf(t, 2, "%lld人", (long long)rep->nrows);
    report_put_int(t, 4, below_only ? below_sessions : sessions);
    report_put_num(t, 5, below_only ? below_hours : hours, 1);
    report_put_textf(t, 8, "%lld人", (long long)(below_only ? 0 : ok[0] + ok[1]));

    int64_t all = n[0] + n[1], good = ok[0] + ok[1];
    report_add_figure_int(rep, "当年在册党员", all, "人");
    report_add_figure_int(rep, "达标", good, "人");
    report_add_figure_int(rep, "未达标", all - good, "人");
    report_add_figure_rate(rep, "学时达标率", (double)good, (double)all);
    report_add_figure_rate(rep, "书记和班子成员达标率", (double)ok[1], (double)n[1]);
    report_add_figure_rate(rep, "其他党员达标率", (double)ok[0], (double)n[0]);
    if (all > 0)
        report_add_figure_num(rep, "人均学时", hours / (double)all, 1, "学时");
    report_add_note(rep, "学时：%d年内参加的未作废培训场次的学时之和（按点名记录中的“到”计）；%s。", year,
                    rep->count_meetings ? "按本县设置，组织生活（主题党日、党课等）的学时也计入"
                                        : "只计培训类，组织生活（会议）的学时不计入");
    report_add_note(rep, "应达学时：书记和班子成员每年不少于 %g 学时，其他党员不少于 %g 学时（见配置文件 [hours]）。",
                    hp->min_leader, hp->min_member);
    if (hp->prorate)
        report_add_note(rep, "年内转入、转出或入党的，应达学时按当年在册的整月数折算（某月每天都在册才算一个月）。");
    if (hp->count_candidates)
        report_add_note(rep, "按本县设置，入党积极分子和发展对象也按其他党员的应达学时统计。");
    else
        report_add_note(rep, "本表只列党员（正式党员、预备党员）；入党积极分子和发展对象不计入在册党员和未达标人数。");
    report_add_note(rep, "学时达标率 = 学时不少于本人应达学时的党员数 ÷ 该组在册党员数。");
    if (below_only)
        report_add_note(rep, "本表只列出学时未达标的党员。");
    return 0;
}

int report_branches(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                    struct fx_error *err)
{
    report_begin(db, cfg, REPORT_BRANCHES, rep);
    report_set_period(rep, p, "各党组织参训情况统计表", "branches");
    report_add_col(rep, "党组织", 'l', 20);
    report_add_col(rep, "类型", 'l', 4);
    report_add_col(rep, "党员数", 'r', 6);
    report_add_col(rep, "参训人数", 'r', 8);
    report_add_col(rep, "受训率", 'r', 7);
    report_add_col(rep, "人次", 'r', 6);
    report_add_col(rep, "学时", 'r', 7);
    report_add_col(rep, "人均学时", 'r', 8);
    report_add_col(rep, "面向期数", 'r', 8);
    sqlite3_stmt *st;
    if (report_prepare(rep,
                       "SELECT count(*), ifnull(sum(members), 0), ifnull(sum(people), 0), ifnull(sum(times), 0), "
                       "ifnull(sum(hours), 0), ifnull(sum(trained), 0) FROM (" SQL_BRANCH_SELECT ")",
                       &st, err))
        return FX_EINTERNAL;
    int s = sqlite3_step(st);
    if (s != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_fail(db, s, err, "统计党组织");
    }
    rep->nrows = sqlite3_column_int64(st, 0);
    int64_t members = sqlite3_column_int64(st, 1), people = sqlite3_column_int64(st, 2);
    int64_t times = sqlite3_column_int64(st, 3);
    double hours = sqlite3_column_double(st, 4);
    int64_t trained = sqlite3_column_int64(st, 5);
    sqlite3_finalize(st);
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计");
    report_put_int(t, 2, members);
    report_put_int(t, 3, people);
    report_put_rate(t, 4, (double)trained, (double)members);
    report_put_int(t, 5, times);
    report_put_num(t, 6, hours, 1);
    if (people > 0)
        report_put_num(t, 7, hours / (double)people, 1);
    struct period_stats ps;
    if (stats_period(db, p, &ps, err))
        return err ? err->code : FX_EINTERNAL;
    report_add_figure_int(rep, "党组织", rep->nrows, "个");
    summary_figures(rep, &ps, p->kind == PERIOD_YEAR);
    report_add_note(rep, "本表按点名记录统计：参训人数、人次、学时只计逐人点名的“到”，未逐人点名的场次不计入。");
    report_add_note(rep, "参训人数、人次、学时计本组织名册上所有点到的人（含入党积极分子、发展对象）；人均学时 = 学时 ÷ "
                         "参训人数；受训率 = 参训的在册党员数 ÷ 党员数（党员数：期间最后一天的在册党员）。");
    report_add_note(rep, "面向期数：把本组织列为培训对象的场次数；一场可面向多个组织，故不合计。");
    report_add_note(rep, "%s", NOTE_SESSIONS);
    report_note_training_kinds(rep);
    return 0;
}

int report_categories(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                      struct fx_error *err)
{
    report_begin(db, cfg, REPORT_CATEGORIES, rep);
    report_set_period(rep, p, "培训内容与形式统计表", "categories");
    report_add_col(rep, "分类", 'l', 8);
    report_add_col(rep, "名称", 'l', 20);
    report_add_col(rep, "期数", 'r', 6);
    report_add_col(rep, "人次", 'r', 6);
    report_add_col(rep, "学时", 'r', 6);
    report_add_col(rep, "占比", 'r', 7);
    struct period_stats s;
    if (stats_period(db, p, &s, err))
        return err ? err->code : FX_EINTERNAL;
    rep->params.categories.denom = (double)s.sessions;
    if (count_rows(rep, "SELECT count(*) FROM (" SQL_CATEGORY_SELECT ")", err))
        return err ? err->code : FX_EINTERNAL;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计");
    report_put_text(t, 1, "（类别、形式各自合计）");
    report_put_int(t, 2, s.sessions);
    report_put_int(t, 3, s.person_times);
    report_put_num(t, 4, s.hours, 1);
    report_put_rate(t, 5, (double)s.sessions, (double)s.sessions);
    summary_figures(rep, &s, p->kind == PERIOD_YEAR);
    report_add_note(rep, "内容类别按《中国共产党党员教育管理工作条例》第九至十五条；每场计入一个类别和一种形式。");
    report_add_note(rep, "占比 = 该类（该形式）期数 ÷ 总期数。");
    report_add_note(rep, "%s", NOTE_SESSIONS);
    report_note_training_kinds(rep);
    report_add_note(rep, "%s", NOTE_TIMES);
    return 0;
}

int report_teachers(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                    struct fx_error *err)
{
    report_begin(db, cfg, REPORT_TEACHERS, rep);
    report_set_period(rep, p, "师资授课情况统计表", "teachers");
    report_add_col(rep, "序号", 'r', 4);
    report_add_col(rep, "姓名", 'l', 10);
    report_add_col(rep, "专兼职", 'l', 6);
    report_add_col(rep, "类型", 'l', 6);
    report_add_col(rep, "指导员", 'c', 6);
    report_add_col(rep, "期数", 'r', 6);
    report_add_col(rep, "学时", 'r', 6);
    report_add_col(rep, "人次", 'r', 6);
    report_add_col(rep, "满意度", 'r', 6);
    report_add_col(rep, "最近授课", 'l', 10);
    sqlite3_stmt *st;
    if (report_prepare(
            rep,
            "SELECT count(*), ifnull(sum(n > 0), 0), ifnull(sum(n), 0), ifnull(sum(h), 0), ifnull(sum(pr), 0), "
            "ifnull(sum(sat), 0), ifnull(sum(forms), 0) "
            "FROM (SELECT " TEACHER_SQL_FIGURES_AS("n", "h", "pr", "sat", "forms") " FROM teacher t "
            TEACHER_SQL_PERIOD_JOIN("?1", "?2") "GROUP BY t.id HAVING t.active = 1 OR count(s.id) > 0)",
            &st, err))
        return FX_EINTERNAL;
    int s = sqlite3_step(st);
    if (s != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_fail(db, s, err, "统计师资");
    }
    rep->nrows = sqlite3_column_int64(st, 0);
    int64_t teaching = sqlite3_column_int64(st, 1), n = sqlite3_column_int64(st, 2);
    double hours = sqlite3_column_double(st, 3);
    int64_t present = sqlite3_column_int64(st, 4);
    double satisfied = sqlite3_column_double(st, 5);
    int64_t forms = sqlite3_column_int64(st, 6);
    sqlite3_finalize(st);
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计");
    report_put_textf(t, 1, "%lld人授课", (long long)teaching);
    report_put_int(t, 5, n);
    report_put_num(t, 6, hours, 1);
    report_put_int(t, 7, present);
    report_put_rate(t, 8, satisfied, (double)forms);
    struct period_stats ps;
    if (stats_period(db, p, &ps, err))
        return err ? err->code : FX_EINTERNAL;
    report_add_figure_int(rep, "授课教师", teaching, "人");
    report_add_figure_int(rep, "期数", ps.sessions, "期");
    report_add_figure_int(rep, "未记授课人的期数", ps.sessions - n, "期");
    report_add_note(rep, "期数、学时、人次按授课人统计未作废的场次；一场只记一位授课人。");
    report_add_note(rep, "表中列出在库的教师和本期有授课记录的教师。");
    report_add_note(rep,
                    "满意度 = 该教师登记了评价的场次中（满意 + 基本满意）份数之和 ÷ 回收份数之和（以平均分登记的按 "
                    "平均分 ÷ 满分 折算），按回收份数加权；没有评价的显示“—”；合计同样加权，只计表中教师的场次。");
    return 0;
}

int report_orders(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                  struct fx_error *err)
{
    report_begin(db, cfg, REPORT_ORDERS, rep);
    if (p) {
        report_set_period(rep, p, "点单课程办理情况表", "orders");
    } else {
        rep->params.orders.all = true;
        snprintf(rep->period_label, sizeof rep->period_label, "全部");
        snprintf(rep->title, sizeof rep->title, "点单课程办理情况表");
        snprintf(rep->slug, sizeof rep->slug, "orders");
        snprintf(rep->sheet, sizeof rep->sheet, "点单");
    }
    report_add_col(rep, "序号", 'r', 4);
    report_add_col(rep, "党组织", 'l', 16);
    report_add_col(rep, "课程", 'l', 22);
    report_add_col(rep, "希望日期", 'l', 10);
    report_add_col(rep, "状态", 'l', 6);
    report_add_col(rep, "排课日期", 'l', 10);
    report_add_col(rep, "授课人", 'l', 6);
    report_add_col(rep, "开课日期", 'l', 10);
    sqlite3_stmt *st;
    if (report_prepare(rep,
                       "SELECT count(*), ifnull(sum(o.state = '已点单'), 0), ifnull(sum(o.state = '已排课'), 0), "
                       "ifnull(sum(o.state = '已完成'), 0), ifnull(sum(o.state = '已取消'), 0) " SQL_ORDER_FROM,
                       &st, err))
        return FX_EINTERNAL;
    report_bind_orders(rep, st);
    int s = sqlite3_step(st);
    if (s != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_fail(db, s, err, "统计点单");
    }
    rep->nrows = sqlite3_column_int64(st, 0);
    int64_t by[4];
    for (int i = 0; i < 4; i++)
        by[i] = sqlite3_column_int64(st, i + 1);
    sqlite3_finalize(st);
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计");
    report_put_textf(t, 1, "%lld单", (long long)rep->nrows);
    report_add_figure_int(rep, "点单", rep->nrows, "单");
    report_add_figure_int(rep, "待排课", by[0], "单");
    report_add_figure_int(rep, "已排课", by[1], "单");
    report_add_figure_int(rep, "已完成", by[2], "单");
    report_add_figure_int(rep, "已取消", by[3], "单");
    report_add_figure_rate(rep, "完成率", (double)by[2], (double)(rep->nrows - by[3]));
    report_add_note(rep, "完成率 = 已完成 ÷（点单数 − 已取消）。");
    if (p)
        report_add_note(rep, "按排课日期（未排课的按希望日期）归入统计期间。");
    return 0;
}
