/* report.c — builds the report models: title block, 合计 row, figures, footnotes,
 * and streams the table rows from the ledger so memory never follows its size. */
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "store.h"

/* The definitions footnoted on every summary; stats.c computes exactly these. */
#define NOTE_SESSIONS "期数：统计期间内未作废的培训场次数；已作废的记录不计入任何数字。"
#define NOTE_TIMES    "人次：各场次实到人数之和（未逐人点名的场次按记录的实到人数计）。"
#define NOTE_PEOPLE   "人数：统计期间内至少参训一次的不同人员数（按点名记录），与人次分开统计。"
#define NOTE_HOURS    "学时：各场次学时之和；人均学时 = 参训人员所得学时之和 ÷ 人数。"
#define NOTE_RATES    "参训率 = 实到 ÷ 应到；受训率（覆盖率）= 人数 ÷ 在册党员数；全年的受训率即轮训率。"

/* ---- cells ---------------------------------------------------------------- */

static void cell_text(struct report_row *r, int i, const char *s)
{
    struct report_cell *c = &r->cell[i];
    c->type = s && *s ? CELL_TEXT : CELL_EMPTY;
    snprintf(c->text, sizeof c->text, "%s", s ? s : "");
}

static void cell_textf(struct report_row *r, int i, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void cell_textf(struct report_row *r, int i, const char *fmt, ...)
{
    struct report_cell *c = &r->cell[i];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->text, sizeof c->text, fmt, ap);
    va_end(ap);
    c->type = CELL_TEXT;
}

static void cell_int(struct report_row *r, int i, int64_t v)
{
    r->cell[i].type = CELL_INT;
    r->cell[i].value = (double)v;
}

static void cell_num(struct report_row *r, int i, double v, int precision)
{
    r->cell[i].type = CELL_NUMBER;
    r->cell[i].value = v;
    r->cell[i].precision = precision;
}

/* A rate with nothing to divide by is shown as a dash, never as 0%. */
static void cell_rate(struct report_row *r, int i, double num, double den)
{
    if (den <= 0) {
        cell_text(r, i, "—");
        return;
    }
    r->cell[i].type = CELL_PERCENT;
    r->cell[i].value = num / den;
    r->cell[i].precision = 1;
}

static void row_clear(const struct report *rep, struct report_row *r)
{
    for (int i = 0; i < rep->ncols; i++) {
        r->cell[i].type = CELL_EMPTY;
        r->cell[i].text[0] = '\0';
        r->cell[i].value = 0;
        r->cell[i].precision = 0;
    }
    r->ncells = rep->ncols;
}

void report_cell_format(const struct report_cell *c, char *out, size_t outsz)
{
    if (!outsz)
        return;
    switch (c->type) {
    case CELL_TEXT: snprintf(out, outsz, "%s", c->text); break;
    case CELL_INT: snprintf(out, outsz, "%.0f", c->value); break;
    case CELL_PERCENT: snprintf(out, outsz, "%.*f%%", c->precision, c->value * 100.0); break;
    case CELL_NUMBER: {
        snprintf(out, outsz, "%.*f", c->precision, c->value);
        /* 2.50 reads as 2.5 and 3.00 as 3: hours are written the way people write them. */
        if (c->precision > 0 && strchr(out, '.')) {
            char *e = out + strlen(out) - 1;
            while (*e == '0')
                *e-- = '\0';
            if (*e == '.')
                *e = '\0';
        }
        if (!strcmp(out, "-0"))
            snprintf(out, outsz, "0");
        break;
    }
    default: out[0] = '\0'; break;
    }
}

double report_cell_rounded(const struct report_cell *c)
{
    int decimals = c->type == CELL_PERCENT ? c->precision + 2 : c->type == CELL_NUMBER ? c->precision : 0;
    double scale = pow(10.0, decimals);
    double v = round(c->value * scale) / scale;
    return v == 0 ? 0 : v; /* no "-0" in a spreadsheet */
}

/* ---- building the title block --------------------------------------------- */

static void add_col(struct report *rep, const char *title, char align, int width)
{
    if (rep->ncols >= REPORT_MAX_COLS)
        return;
    struct report_column *c = &rep->col[rep->ncols++];
    snprintf(c->title, sizeof c->title, "%s", title);
    c->align = align;
    c->width = width;
}

static struct report_cell *add_fig(struct report *rep, const char *label, const char *suffix)
{
    if (rep->nfigures >= REPORT_MAX_FIGURES)
        return NULL;
    struct report_figure *f = &rep->fig[rep->nfigures++];
    memset(f, 0, sizeof *f);
    snprintf(f->label, sizeof f->label, "%s", label);
    snprintf(f->suffix, sizeof f->suffix, "%s", suffix ? suffix : "");
    return &f->value;
}

static void fig_int(struct report *rep, const char *label, int64_t v, const char *suffix)
{
    struct report_cell *c = add_fig(rep, label, suffix);
    if (c) {
        c->type = CELL_INT;
        c->value = (double)v;
    }
}

static void fig_num(struct report *rep, const char *label, double v, int precision, const char *suffix)
{
    struct report_cell *c = add_fig(rep, label, suffix);
    if (c) {
        c->type = CELL_NUMBER;
        c->value = v;
        c->precision = precision;
    }
}

static void fig_rate(struct report *rep, const char *label, double num, double den)
{
    struct report_cell *c = add_fig(rep, label, NULL);
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

static void add_note(struct report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_note(struct report *rep, const char *fmt, ...)
{
    if (rep->nnotes >= REPORT_MAX_NOTES)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rep->notes[rep->nnotes++], REPORT_NOTE_LEN, fmt, ap);
    va_end(ap);
}

static void begin(sqlite3 *db, const struct fx_config *cfg, int kind, struct report *rep)
{
    struct fx_config defaults;
    if (!cfg) {
        config_defaults(&defaults);
        cfg = &defaults;
    }
    memset(rep, 0, sizeof *rep);
    rep->kind = kind;
    rep->db = db;
    rep->min_member = cfg->min_member;
    rep->min_leader = cfg->min_leader;
    snprintf(rep->leader_roles, sizeof rep->leader_roles, "%s", cfg->leader_roles);
    snprintf(rep->sign[0], sizeof rep->sign[0], "%s", cfg->maker_label[0] ? cfg->maker_label : "制表人");
    snprintf(rep->sign[1], sizeof rep->sign[1], "%s", cfg->reviewer_label[0] ? cfg->reviewer_label : "审核人");
    snprintf(rep->sign[2], sizeof rep->sign[2], "%s", "日期");
    /* The report is about this ledger, so its own unit name wins over the config's. */
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT name FROM unit WHERE is_local = 1 ORDER BY id LIMIT 1", -1, &st, NULL) ==
        SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            snprintf(rep->unit, sizeof rep->unit, "%s", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    if (!rep->unit[0])
        snprintf(rep->unit, sizeof rep->unit, "%s", cfg->unit);
    struct fx_date today;
    date_today(&today);
    date_format(&today, rep->made);
}

static void set_period(struct report *rep, const struct fx_period *p, const char *what, const char *slug)
{
    rep->period = *p;
    period_label(p, rep->period_label, sizeof rep->period_label);
    snprintf(rep->title, sizeof rep->title, "%s%s", rep->period_label, what);
    char canon[16];
    period_format(p, canon, sizeof canon);
    snprintf(rep->slug, sizeof rep->slug, "%s-%s", slug, canon);
    /* Sheet names: ≤ 31 characters and none of []:*?/\ — a period label is safe. */
    snprintf(rep->sheet, sizeof rep->sheet, "%s", rep->period_label);
}

void report_begin(sqlite3 *db, const struct fx_config *cfg, int kind, struct report *rep)
{
    begin(db, cfg, kind, rep);
}

void report_set_period(struct report *rep, const struct fx_period *p, const char *what, const char *slug)
{
    set_period(rep, p, what, slug);
}

/* Run a one-row aggregate with the period bound as ?1 ?2 (and more doubles/text
 * as the caller binds); the statement is left on its row for the caller to read. */
static int one_row(struct report *rep, const char *sql, sqlite3_stmt **st, struct fx_error *err)
{
    if (store_prepare(rep->db, sql, st, err))
        return FX_EINTERNAL;
    sqlite3_bind_text(*st, 1, rep->period.from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(*st, 2, rep->period.to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(*st, 3, rep->period_all ? 1 : 0);
    sqlite3_bind_int(*st, 4, rep->period.year);
    sqlite3_bind_text(*st, 5, rep->leader_roles, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(*st, 6, rep->min_leader);
    sqlite3_bind_double(*st, 7, rep->min_member);
    sqlite3_bind_int(*st, 8, rep->below_only ? 1 : 0);
    return 0;
}

static int count_rows(struct report *rep, const char *sql, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (one_row(rep, sql, &st, err))
        return FX_EINTERNAL;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        rep->nrows = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(rep->db, rc, err, "统计报表");
}

/* ---- the queries behind the rows ------------------------------------------ */
/* Every row query takes the same parameters (bound by one_row), with ?10 = limit
 * and ?11 = offset, so report_rows can page through any of them alike. */

#define SQL_MONTH_ROWS                                                                                                 \
    "SELECT s.date, s.title, s.category, s.format, ifnull(t.name, ''), s.expected, s.present, s.hours "                \
    "FROM session s LEFT JOIN teacher t ON t.id = s.teacher_id "                                                       \
    "WHERE s.voided = 0 AND s.date BETWEEN ?1 AND ?2 ORDER BY s.date, s.start_time, s.id LIMIT ?10 OFFSET ?11"

/* Leaders are those whose role is in the config's comma list; instr on ",list," is exact. */
#define SQL_NEED "CASE WHEN instr(',' || ?5 || ',', ',' || m.role || ',') > 0 THEN ?6 ELSE ?7 END"
#define SQL_HOURS_FROM                                                                                                 \
    "FROM member m LEFT JOIN member_year y ON y.member_id = m.id AND y.year = ?4 "                                     \
    "WHERE m.active = 1 AND (?8 = 0 OR ifnull(y.hours, 0) < " SQL_NEED ") "
#define SQL_HOURS_ROWS                                                                                                 \
    "SELECT b.name, m.name, m.role, ifnull(y.sessions, 0), ifnull(y.hours, 0), " SQL_NEED " "                          \
    "FROM member m JOIN branch b ON b.id = m.branch_id "                                                               \
    "LEFT JOIN member_year y ON y.member_id = m.id AND y.year = ?4 "                                                   \
    "WHERE m.active = 1 AND (?8 = 0 OR ifnull(y.hours, 0) < " SQL_NEED ") "                                            \
    "ORDER BY m.branch_id, m.name, m.id LIMIT ?10 OFFSET ?11"

#define SQL_BRANCH_SELECT                                                                                              \
    "WITH att AS (SELECT m.branch_id AS bid, a.member_id AS mid, s.hours AS h FROM session s "                         \
    "  JOIN attendance a ON a.session_id = s.id JOIN member m ON m.id = a.member_id "                                  \
    "  WHERE s.voided = 0 AND s.date BETWEEN ?1 AND ?2 AND a.status = 'present'), "                                    \
    "per AS (SELECT bid, count(DISTINCT mid) AS people, count(*) AS times, sum(h) AS hours FROM att GROUP BY bid) "    \
    "SELECT b.name AS name, b.kind AS kind, b.id AS id, "                                                              \
    "  (SELECT count(*) FROM member m WHERE m.branch_id = b.id AND m.active = 1) AS members, "                         \
    "  ifnull(p.people, 0) AS people, ifnull(p.times, 0) AS times, ifnull(p.hours, 0) AS hours, "                      \
    "  (SELECT count(*) FROM session_branch sb JOIN session s ON s.id = sb.session_id "                                \
    "   WHERE sb.branch_id = b.id AND s.voided = 0 AND s.date BETWEEN ?1 AND ?2) AS targeted "                         \
    "FROM branch b LEFT JOIN per p ON p.bid = b.id WHERE b.active = 1"
#define SQL_BRANCH_ROWS SQL_BRANCH_SELECT " ORDER BY b.name, b.id LIMIT ?10 OFFSET ?11"

#define SQL_CATEGORY_SELECT                                                                                            \
    "SELECT v.kind, v.name, count(s.id), ifnull(sum(s.present), 0), ifnull(sum(s.hours), 0), v.ord "                   \
    "FROM vocab v LEFT JOIN session s ON s.voided = 0 AND s.date BETWEEN ?1 AND ?2 "                                   \
    "  AND ((v.kind = 'category' AND s.category = v.name) OR (v.kind = 'format' AND s.format = v.name)) "              \
    "WHERE v.kind IN ('category', 'format') GROUP BY v.kind, v.name"
#define SQL_CATEGORY_ROWS SQL_CATEGORY_SELECT " ORDER BY v.kind <> 'category', v.ord, v.name LIMIT ?10 OFFSET ?11"

#define SQL_TEACHER_SELECT                                                                                             \
    "SELECT t.name, t.employment, t.type, t.is_adviser, count(s.id) AS n, ifnull(sum(s.hours), 0), "                   \
    "  ifnull(sum(s.present), 0), ifnull(max(s.date), ''), t.id "                                                      \
    "FROM teacher t LEFT JOIN session s ON s.teacher_id = t.id AND s.voided = 0 AND s.date BETWEEN ?1 AND ?2 "         \
    "GROUP BY t.id HAVING t.active = 1 OR count(s.id) > 0"
#define SQL_TEACHER_ROWS SQL_TEACHER_SELECT " ORDER BY n DESC, t.name, t.id LIMIT ?10 OFFSET ?11"

#define SQL_ORDER_FROM                                                                                                 \
    "FROM course_order o JOIN course c ON c.id = o.course_id JOIN branch b ON b.id = o.branch_id "                     \
    "LEFT JOIN teacher t ON t.id = o.teacher_id LEFT JOIN session s ON s.id = o.session_id AND s.voided = 0 "          \
    "WHERE ?3 = 1 OR coalesce(nullif(o.sched_date, ''), nullif(o.wanted_date, ''), substr(o.updated_at, 1, 10)) "      \
    "  BETWEEN ?1 AND ?2 "
#define SQL_ORDER_ROWS                                                                                                 \
    "SELECT b.name, c.title, o.wanted_date, o.state, o.sched_date, ifnull(t.name, ''), ifnull(s.date, "                \
    "'') " SQL_ORDER_FROM                                                                                              \
    "ORDER BY CASE o.state WHEN '已点单' THEN 0 WHEN '已排课' THEN 1 WHEN '已完成' THEN 2 ELSE 3 END, "       \
    "  o.wanted_date, o.id LIMIT ?10 OFFSET ?11"

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static void fill_month(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    int expected = sqlite3_column_int(st, 5), present = sqlite3_column_int(st, 6);
    cell_int(r, 0, seq);
    cell_text(r, 1, col_text(st, 0));
    cell_text(r, 2, col_text(st, 1));
    cell_text(r, 3, col_text(st, 2));
    cell_text(r, 4, col_text(st, 3));
    cell_text(r, 5, col_text(st, 4));
    cell_int(r, 6, expected);
    cell_int(r, 7, present);
    cell_rate(r, 8, present, expected);
    cell_num(r, 9, sqlite3_column_double(st, 7), 1);
}

static void fill_hours(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    double hours = sqlite3_column_double(st, 4), need = sqlite3_column_double(st, 5);
    (void)rep;
    cell_int(r, 0, seq);
    cell_text(r, 1, col_text(st, 0));
    cell_text(r, 2, col_text(st, 1));
    cell_text(r, 3, col_text(st, 2));
    cell_int(r, 4, sqlite3_column_int64(st, 3));
    cell_num(r, 5, hours, 1);
    cell_num(r, 6, need, 1);
    if (hours < need) {
        cell_num(r, 7, need - hours, 1);
        cell_text(r, 8, "否");
    } else {
        cell_text(r, 8, "是");
    }
}

static void fill_branch(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    (void)seq;
    int64_t members = sqlite3_column_int64(st, 3), people = sqlite3_column_int64(st, 4);
    double hours = sqlite3_column_double(st, 6);
    cell_text(r, 0, col_text(st, 0));
    cell_text(r, 1, col_text(st, 1));
    cell_int(r, 2, members);
    cell_int(r, 3, people);
    cell_rate(r, 4, (double)people, (double)members);
    cell_int(r, 5, sqlite3_column_int64(st, 5));
    cell_num(r, 6, hours, 1);
    if (people > 0)
        cell_num(r, 7, hours / (double)people, 1);
    else
        cell_text(r, 7, "—");
    cell_int(r, 8, sqlite3_column_int64(st, 7));
}

static void fill_category(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)seq;
    int64_t n = sqlite3_column_int64(st, 2);
    cell_text(r, 0, !strcmp(col_text(st, 0), "category") ? "内容类别" : "培训形式");
    cell_text(r, 1, col_text(st, 1));
    cell_int(r, 2, n);
    cell_int(r, 3, sqlite3_column_int64(st, 3));
    cell_num(r, 4, sqlite3_column_double(st, 4), 1);
    cell_rate(r, 5, (double)n, rep->denom);
}

static void fill_teacher(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    cell_int(r, 0, seq);
    cell_text(r, 1, col_text(st, 0));
    cell_text(r, 2, col_text(st, 1));
    cell_text(r, 3, col_text(st, 2));
    cell_text(r, 4, sqlite3_column_int(st, 3) ? "是" : "");
    cell_int(r, 5, sqlite3_column_int64(st, 4));
    cell_num(r, 6, sqlite3_column_double(st, 5), 1);
    cell_int(r, 7, sqlite3_column_int64(st, 6));
    cell_text(r, 8, col_text(st, 7));
}

static void fill_order(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    cell_int(r, 0, seq);
    for (int i = 0; i < 7; i++)
        cell_text(r, i + 1, col_text(st, i));
}

/* One row per month of a quarter/half/year, each through stats_period so the
 * month rows read exactly like the month reports and the home screen. */
static int periodic_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                         struct fx_error *err)
{
    int first = atoi(rep->period.from + 5), last = atoi(rep->period.to + 5);
    struct report_row *r = malloc(sizeof *r);
    if (!r)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    int rc = 0;
    for (int64_t i = offset; first + i <= last && (limit < 0 || i < offset + limit); i++) {
        struct fx_period p;
        struct period_stats s;
        period_make(PERIOD_MONTH, rep->period.year, first + (int)i, &p);
        if ((rc = stats_period(rep->db, &p, &s, err)) != 0)
            break;
        row_clear(rep, r);
        cell_textf(r, 0, "%d月", first + (int)i);
        cell_int(r, 1, s.sessions);
        cell_int(r, 2, s.person_times);
        cell_int(r, 3, s.people);
        cell_num(r, 4, s.hours, 1);
        cell_int(r, 5, s.expected);
        cell_int(r, 6, s.present);
        cell_rate(r, 7, (double)s.present, (double)s.expected);
        cell_rate(r, 8, (double)s.people, (double)s.members);
        if ((rc = fn(r, ctx)) != 0)
            break;
    }
    free(r);
    return rc;
}

int report_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                struct fx_error *err)
{
    const char *sql = NULL;
    void (*fill)(const struct report *, sqlite3_stmt *, struct report_row *, int64_t) = NULL;
    if (offset < 0)
        offset = 0;
    if (rep->rows_fn)
        return rep->rows_fn(rep, offset, limit, fn, ctx, err);
    switch (rep->kind) {
    case REPORT_MONTH: sql = SQL_MONTH_ROWS, fill = fill_month; break;
    case REPORT_PERIODIC: return periodic_rows(rep, offset, limit, fn, ctx, err);
    case REPORT_HOURS: sql = SQL_HOURS_ROWS, fill = fill_hours; break;
    case REPORT_BRANCHES: sql = SQL_BRANCH_ROWS, fill = fill_branch; break;
    case REPORT_CATEGORIES: sql = SQL_CATEGORY_ROWS, fill = fill_category; break;
    case REPORT_TEACHERS: sql = SQL_TEACHER_ROWS, fill = fill_teacher; break;
    case REPORT_ORDERS: sql = SQL_ORDER_ROWS, fill = fill_order; break;
    default: return fx_fail(err, FX_EINTERNAL, "未知的报表类型");
    }
    sqlite3_stmt *st;
    if (one_row((struct report *)rep, sql, &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 10, limit < 0 ? -1 : limit);
    sqlite3_bind_int64(st, 11, offset);
    /* One row buffer, reused: a row is ~3 KB whatever the size of the report. */
    struct report_row *r = malloc(sizeof *r);
    if (!r) {
        sqlite3_finalize(st);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    int rc = 0, s;
    int64_t seq = offset;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        row_clear(rep, r);
        fill(rep, st, r, ++seq);
        if ((rc = fn(r, ctx)) != 0)
            break;
    }
    if (!rc && s != SQLITE_DONE)
        rc = store_fail(rep->db, s, err, "读取报表");
    sqlite3_finalize(st);
    free(r);
    return rc;
}

/* ---- builders ------------------------------------------------------------- */

static void summary_figures(struct report *rep, const struct period_stats *s, bool year)
{
    fig_int(rep, "期数", s->sessions, "期");
    fig_int(rep, "人次", s->person_times, "人次");
    fig_int(rep, "人数", s->people, "人");
    fig_num(rep, "总学时", s->hours, 1, "学时");
    if (s->people > 0)
        fig_num(rep, "人均学时", s->person_hours / (double)s->people, 1, "学时");
    else
        fig_rate(rep, "人均学时", 0, 0);
    fig_rate(rep, "参训率", (double)s->present, (double)s->expected);
    fig_rate(rep, year ? "轮训率" : "受训率", (double)s->people, (double)s->members);
    fig_int(rep, "在册党员", s->members, "人");
}

static int build_month(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                       struct fx_error *err)
{
    begin(db, cfg, REPORT_MONTH, rep);
    set_period(rep, p, "培训情况汇总表", "month");
    add_col(rep, "序号", 'r', 4);
    add_col(rep, "日期", 'l', 10);
    add_col(rep, "培训主题", 'l', 20);
    add_col(rep, "内容类别", 'l', 14);
    add_col(rep, "形式", 'l', 8);
    add_col(rep, "授课人", 'l', 6);
    add_col(rep, "应到", 'r', 5);
    add_col(rep, "实到", 'r', 5);
    add_col(rep, "参训率", 'r', 6);
    add_col(rep, "学时", 'r', 4);
    struct period_stats s;
    if (stats_period(db, p, &s, err))
        return err ? err->code : FX_EINTERNAL;
    rep->nrows = s.sessions;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    row_clear(rep, t);
    cell_text(t, 0, "合计");
    cell_textf(t, 1, "%lld期", (long long)s.sessions);
    cell_textf(t, 2, "人次 %lld，人数 %lld", (long long)s.person_times, (long long)s.people);
    cell_int(t, 6, s.expected);
    cell_int(t, 7, s.present);
    cell_rate(t, 8, (double)s.present, (double)s.expected);
    cell_num(t, 9, s.hours, 1);
    summary_figures(rep, &s, false);
    add_note(rep, "%s", NOTE_SESSIONS);
    add_note(rep, "%s合计行的“实到”即人次。", NOTE_TIMES);
    add_note(rep, "%s", NOTE_PEOPLE);
    add_note(rep, "%s", NOTE_HOURS);
    add_note(rep, "%s", NOTE_RATES);
    return 0;
}

static int build_periodic(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                          struct fx_error *err)
{
    begin(db, cfg, REPORT_PERIODIC, rep);
    set_period(rep, p, "培训情况汇总表",
               p->kind == PERIOD_YEAR      ? "year"
               : p->kind == PERIOD_QUARTER ? "quarter"
                                           : "half");
    add_col(rep, "月份", 'l', 6);
    add_col(rep, "期数", 'r', 6);
    add_col(rep, "人次", 'r', 6);
    add_col(rep, "人数", 'r', 6);
    add_col(rep, "学时", 'r', 6);
    add_col(rep, "应到", 'r', 6);
    add_col(rep, "实到", 'r', 6);
    add_col(rep, "参训率", 'r', 7);
    add_col(rep, "受训率", 'r', 7);
    struct period_stats s;
    if (stats_period(db, p, &s, err))
        return err ? err->code : FX_EINTERNAL;
    rep->nrows = atoi(p->to + 5) - atoi(p->from + 5) + 1;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    row_clear(rep, t);
    cell_text(t, 0, "合计");
    cell_int(t, 1, s.sessions);
    cell_int(t, 2, s.person_times);
    cell_int(t, 3, s.people);
    cell_num(t, 4, s.hours, 1);
    cell_int(t, 5, s.expected);
    cell_int(t, 6, s.present);
    cell_rate(t, 7, (double)s.present, (double)s.expected);
    cell_rate(t, 8, (double)s.people, (double)s.members);
    bool year = p->kind == PERIOD_YEAR;
    summary_figures(rep, &s, year);
    if (year) {
        int64_t behind = 0;
        struct fx_config c;
        config_defaults(&c);
        c.min_member = rep->min_member;
        c.min_leader = rep->min_leader;
        snprintf(c.leader_roles, sizeof c.leader_roles, "%s", rep->leader_roles);
        if (stats_members_behind(db, &c, p->year, &behind, err))
            return err ? err->code : FX_EINTERNAL;
        fig_int(rep, "学时未达标", behind, "人");
        fig_rate(rep, "学时达标率", (double)(s.members - behind), (double)s.members);
    }
    add_note(rep, "%s", NOTE_SESSIONS);
    add_note(rep, "%s", NOTE_TIMES);
    add_note(rep, "%s合计行的人数按整个期间去重，不等于各月人数之和。", NOTE_PEOPLE);
    add_note(rep, "%s", NOTE_HOURS);
    add_note(rep, "%s", NOTE_RATES);
    if (year)
        add_note(
            rep,
            "学时达标率 = 全年学时不少于本人应达学时的党员数 ÷ 在册党员数（应达学时：书记和班子成员 %g，其他 %g）。",
            rep->min_leader, rep->min_member);
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
    begin(db, cfg, REPORT_HOURS, rep);
    rep->below_only = below_only;
    struct fx_period p;
    period_make(PERIOD_YEAR, year, 0, &p);
    set_period(rep, &p, below_only ? "学时未达标党员名单" : "党员学时统计表", below_only ? "hours-below" : "hours");
    add_col(rep, "序号", 'r', 6);
    add_col(rep, "党组织", 'l', 20);
    add_col(rep, "姓名", 'l', 10);
    add_col(rep, "身份", 'l', 10);
    add_col(rep, "参训次数", 'r', 8);
    add_col(rep, "学时", 'r', 8);
    add_col(rep, "应达学时", 'r', 8);
    add_col(rep, "尚差", 'r', 6);
    add_col(rep, "达标", 'c', 8);
    /* Totals and figures from member_year (kept by triggers), never from attendance:
     * the year's attendance is far bigger than the roster. One pass over the
     * roster gives both the whole-roster figures and the totals of a --below list. */
    sqlite3_stmt *st;
    bool saved = rep->below_only;
    rep->below_only = false;
    int rc =
        one_row(rep,
                "SELECT leader, count(*), sum(h >= need), sum(h), sum(sess), sum(h < need), "
                "  ifnull(sum(CASE WHEN h < need THEN h END), 0), ifnull(sum(CASE WHEN h < need THEN sess END), 0) "
                "FROM (SELECT instr(',' || ?5 || ',', ',' || m.role || ',') > 0 AS leader, " SQL_NEED " AS need, "
                "  ifnull(y.hours, 0) AS h, ifnull(y.sessions, 0) AS sess " SQL_HOURS_FROM ") GROUP BY leader",
                &st, err);
    rep->below_only = saved;
    if (rc)
        return FX_EINTERNAL;
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
    row_clear(rep, t);
    cell_text(t, 0, "合计");
    cell_textf(t, 2, "%lld人", (long long)rep->nrows);
    cell_int(t, 4, below_only ? below_sessions : sessions);
    cell_num(t, 5, below_only ? below_hours : hours, 1);
    cell_textf(t, 8, "%lld人", (long long)(below_only ? 0 : ok[0] + ok[1]));

    int64_t all = n[0] + n[1], good = ok[0] + ok[1];
    fig_int(rep, "在册党员", all, "人");
    fig_int(rep, "达标", good, "人");
    fig_int(rep, "未达标", all - good, "人");
    fig_rate(rep, "学时达标率", (double)good, (double)all);
    fig_rate(rep, "书记和班子成员达标率", (double)ok[1], (double)n[1]);
    fig_rate(rep, "其他党员达标率", (double)ok[0], (double)n[0]);
    if (all > 0)
        fig_num(rep, "人均学时", hours / (double)all, 1, "学时");
    add_note(rep, "学时：%d年内参加的未作废培训场次的学时之和（按点名记录中的“到”计）。", year);
    add_note(rep, "应达学时：%s 每年不少于 %g 学时，其他党员不少于 %g 学时（见配置文件 [hours]）。", rep->leader_roles,
             rep->min_leader, rep->min_member);
    add_note(rep, "学时达标率 = 学时不少于本人应达学时的党员数 ÷ 该组在册党员数。");
    if (below_only)
        add_note(rep, "本表只列出学时未达标的党员。");
    return 0;
}

int report_branches(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                    struct fx_error *err)
{
    begin(db, cfg, REPORT_BRANCHES, rep);
    set_period(rep, p, "各党组织参训情况统计表", "branches");
    add_col(rep, "党组织", 'l', 20);
    add_col(rep, "类型", 'l', 4);
    add_col(rep, "党员数", 'r', 6);
    add_col(rep, "参训人数", 'r', 8);
    add_col(rep, "受训率", 'r', 7);
    add_col(rep, "人次", 'r', 6);
    add_col(rep, "学时", 'r', 7);
    add_col(rep, "人均学时", 'r', 8);
    add_col(rep, "面向期数", 'r', 8);
    sqlite3_stmt *st;
    if (one_row(rep,
                "SELECT count(*), ifnull(sum(members), 0), ifnull(sum(people), 0), ifnull(sum(times), 0), "
                "ifnull(sum(hours), 0) FROM (" SQL_BRANCH_SELECT ")",
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
    sqlite3_finalize(st);
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    row_clear(rep, t);
    cell_text(t, 0, "合计");
    cell_int(t, 2, members);
    cell_int(t, 3, people);
    cell_rate(t, 4, (double)people, (double)members);
    cell_int(t, 5, times);
    cell_num(t, 6, hours, 1);
    if (people > 0)
        cell_num(t, 7, hours / (double)people, 1);
    struct period_stats ps;
    if (stats_period(db, p, &ps, err))
        return err ? err->code : FX_EINTERNAL;
    fig_int(rep, "党组织", rep->nrows, "个");
    summary_figures(rep, &ps, p->kind == PERIOD_YEAR);
    add_note(rep, "本表按点名记录统计：参训人数、人次、学时只计逐人点名的“到”，未逐人点名的场次不计入。");
    add_note(rep, "学时为本组织党员所得学时之和；人均学时 = 学时 ÷ 参训人数；受训率 = 参训人数 ÷ 党员数。");
    add_note(rep, "面向期数：把本组织列为培训对象的场次数；一场可面向多个组织，故不合计。");
    add_note(rep, "%s", NOTE_SESSIONS);
    return 0;
}

int report_categories(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                      struct fx_error *err)
{
    begin(db, cfg, REPORT_CATEGORIES, rep);
    set_period(rep, p, "培训内容与形式统计表", "categories");
    add_col(rep, "分类", 'l', 8);
    add_col(rep, "名称", 'l', 20);
    add_col(rep, "期数", 'r', 6);
    add_col(rep, "人次", 'r', 6);
    add_col(rep, "学时", 'r', 6);
    add_col(rep, "占比", 'r', 7);
    struct period_stats s;
    if (stats_period(db, p, &s, err))
        return err ? err->code : FX_EINTERNAL;
    rep->denom = (double)s.sessions;
    if (count_rows(rep, "SELECT count(*) FROM (" SQL_CATEGORY_SELECT ")", err))
        return err ? err->code : FX_EINTERNAL;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    row_clear(rep, t);
    cell_text(t, 0, "合计");
    cell_text(t, 1, "（类别、形式各自合计）");
    cell_int(t, 2, s.sessions);
    cell_int(t, 3, s.person_times);
    cell_num(t, 4, s.hours, 1);
    cell_rate(t, 5, (double)s.sessions, (double)s.sessions);
    summary_figures(rep, &s, p->kind == PERIOD_YEAR);
    add_note(rep, "内容类别按《中国共产党党员教育管理工作条例》第九至十五条；每场计入一个类别和一种形式。");
    add_note(rep, "占比 = 该类（该形式）期数 ÷ 总期数。");
    add_note(rep, "%s", NOTE_SESSIONS);
    add_note(rep, "%s", NOTE_TIMES);
    return 0;
}

int report_teachers(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                    struct fx_error *err)
{
    begin(db, cfg, REPORT_TEACHERS, rep);
    set_period(rep, p, "师资授课情况统计表", "teachers");
    add_col(rep, "序号", 'r', 4);
    add_col(rep, "姓名", 'l', 10);
    add_col(rep, "专兼职", 'l', 6);
    add_col(rep, "类型", 'l', 6);
    add_col(rep, "指导员", 'c', 6);
    add_col(rep, "期数", 'r', 6);
    add_col(rep, "学时", 'r', 6);
    add_col(rep, "人次", 'r', 6);
    add_col(rep, "最近授课", 'l', 10);
    sqlite3_stmt *st;
    if (one_row(rep,
                "SELECT count(*), ifnull(sum(n > 0), 0), ifnull(sum(n), 0), ifnull(sum(h), 0), ifnull(sum(pr), 0) "
                "FROM (SELECT count(s.id) AS n, ifnull(sum(s.hours), 0) AS h, ifnull(sum(s.present), 0) AS pr "
                "FROM teacher t LEFT JOIN session s ON s.teacher_id = t.id AND s.voided = 0 "
                "AND s.date BETWEEN ?1 AND ?2 GROUP BY t.id HAVING t.active = 1 OR count(s.id) > 0)",
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
    sqlite3_finalize(st);
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    row_clear(rep, t);
    cell_text(t, 0, "合计");
    cell_textf(t, 1, "%lld人授课", (long long)teaching);
    cell_int(t, 5, n);
    cell_num(t, 6, hours, 1);
    cell_int(t, 7, present);
    struct period_stats ps;
    if (stats_period(db, p, &ps, err))
        return err ? err->code : FX_EINTERNAL;
    fig_int(rep, "授课教师", teaching, "人");
    fig_int(rep, "期数", ps.sessions, "期");
    fig_int(rep, "未记授课人的期数", ps.sessions - n, "期");
    add_note(rep, "期数、学时、人次按授课人统计未作废的场次；一场只记一位授课人。");
    add_note(rep, "表中列出在库的教师和本期有授课记录的教师。");
    return 0;
}

int report_orders(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                  struct fx_error *err)
{
    begin(db, cfg, REPORT_ORDERS, rep);
    if (p) {
        set_period(rep, p, "点单课程办理情况表", "orders");
    } else {
        rep->period_all = true;
        snprintf(rep->period_label, sizeof rep->period_label, "全部");
        snprintf(rep->title, sizeof rep->title, "点单课程办理情况表");
        snprintf(rep->slug, sizeof rep->slug, "orders");
        snprintf(rep->sheet, sizeof rep->sheet, "点单");
    }
    add_col(rep, "序号", 'r', 4);
    add_col(rep, "党组织", 'l', 16);
    add_col(rep, "课程", 'l', 22);
    add_col(rep, "希望日期", 'l', 10);
    add_col(rep, "状态", 'l', 6);
    add_col(rep, "排课日期", 'l', 10);
    add_col(rep, "授课人", 'l', 6);
    add_col(rep, "开课日期", 'l', 10);
    sqlite3_stmt *st;
    if (one_row(rep,
                "SELECT count(*), ifnull(sum(o.state = '已点单'), 0), ifnull(sum(o.state = '已排课'), 0), "
                "ifnull(sum(o.state = '已完成'), 0), ifnull(sum(o.state = '已取消'), 0) " SQL_ORDER_FROM,
                &st, err))
        return FX_EINTERNAL;
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
    row_clear(rep, t);
    cell_text(t, 0, "合计");
    cell_textf(t, 1, "%lld单", (long long)rep->nrows);
    fig_int(rep, "点单", rep->nrows, "单");
    fig_int(rep, "待排课", by[0], "单");
    fig_int(rep, "已排课", by[1], "单");
    fig_int(rep, "已完成", by[2], "单");
    fig_int(rep, "已取消", by[3], "单");
    fig_rate(rep, "完成率", (double)by[2], (double)(rep->nrows - by[3]));
    add_note(rep, "完成率 = 已完成 ÷（点单数 − 已取消）。");
    if (p)
        add_note(rep, "按排课日期（未排课的按希望日期）归入统计期间。");
    return 0;
}
