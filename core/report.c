/* report.c — the report model: its cells as people read them, and the table rows streamed from
 * the ledger a page at a time, so memory never follows the ledger's size. The builders are in report_build.c. */
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedback.h"
#include "teacher.h"
#include "report_internal.h"
#include "stats.h"
#include "store.h"

/* ---- cells ---------------------------------------------------------------- */

void report_put_text(struct report_row *r, int i, const char *s)
{
    struct report_cell *c = &r->cell[i];
    c->type = s && *s ? CELL_TEXT : CELL_EMPTY;
    snprintf(c->text, sizeof c->text, "%s", s ? s : "");
}

void report_put_textf(struct report_row *r, int i, const char *fmt, ...)
{
    struct report_cell *c = &r->cell[i];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->text, sizeof c->text, fmt, ap);
    va_end(ap);
    c->type = CELL_TEXT;
}

void report_put_int(struct report_row *r, int i, int64_t v)
{
    r->cell[i].type = CELL_INT;
    r->cell[i].value = (double)v;
}

void report_put_money(struct report_row *r, int i, int64_t fen)
{
    r->cell[i].type = CELL_MONEY;
    r->cell[i].precision = 2;
    r->cell[i].value = (double)fen;
}

void report_put_num(struct report_row *r, int i, double v, int precision)
{
    r->cell[i].type = CELL_NUMBER;
    r->cell[i].value = v;
    r->cell[i].precision = precision;
}

/* A rate with nothing to divide by is shown as a dash, never as 0%. */
void report_put_rate(struct report_row *r, int i, double num, double den)
{
    if (den <= 0) {
        report_put_text(r, i, "—");
        return;
    }
    r->cell[i].type = CELL_PERCENT;
    r->cell[i].value = num / den;
    r->cell[i].precision = 1;
}

void report_row_clear(const struct report *rep, struct report_row *r)
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
    case CELL_MONEY: funds_format((int64_t)c->value, out, outsz); break;
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
    if (c->type == CELL_MONEY)
        return c->value / 100.0; /* yuan, for a spreadsheet's number */
    int decimals = c->type == CELL_PERCENT ? c->precision + 2 : c->type == CELL_NUMBER ? c->precision : 0;
    double scale = pow(10.0, decimals);
    double v = round(c->value * scale) / scale;
    return v == 0 ? 0 : v; /* no "-0" in a spreadsheet */
}

/* Prepare a query over the report's period (?1 ?2 its first and last day, ?4 its year); the caller
 * binds what its kind adds, steps and finalizes. */
int report_prepare(const struct report *rep, const char *sql, sqlite3_stmt **st, struct fx_error *err)
{
    if (store_prepare(rep->db, sql, st, err))
        return FX_EINTERNAL;
    sqlite3_bind_text(*st, 1, rep->period.from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(*st, 2, rep->period.to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(*st, 4, rep->period.year);
    return 0;
}

void report_bind_hours(const struct report *rep, sqlite3_stmt *st)
{
    const struct report_hours_params *h = &rep->params.hours;
    sqlite3_bind_int(st, 5, h->count_candidates ? 1 : 0);
    sqlite3_bind_double(st, 6, h->min_leader);
    sqlite3_bind_double(st, 7, h->min_member);
    sqlite3_bind_int(st, 8, h->below_only ? 1 : 0);
    sqlite3_bind_int(st, 9, h->prorate ? 1 : 0);
}

void report_bind_orders(const struct report *rep, sqlite3_stmt *st)
{
    sqlite3_bind_int(st, 3, rep->params.orders.all ? 1 : 0);
}

/* ---- the queries behind the rows ------------------------------------------ */
/* Every row query takes the period as report_prepare binds it, its kind's own
 * parameters, and ?10 = limit and ?11 = offset, so query_rows pages through any of
 * them alike; the SELECTs they share with the builders' totals are in report_internal.h. */

#define SQL_MONTH_ROWS                                                                                                 \
    "SELECT s.date, s.title, s.category, s.format, ifnull(t.name, ''), s.expected, s.present, s.hours, "              \
    "ifnull(" FEEDBACK_SQL_SATISFIED("f") ", 0), ifnull(" FEEDBACK_SQL_FORMS("f") ", 0) "                              \
    "FROM session s LEFT JOIN teacher t ON t.id = s.teacher_id LEFT JOIN session_feedback f ON f.session_id = s.id "   \
    "WHERE s.voided = 0 AND s.date BETWEEN ?1 AND ?2 AND " STATS_SQL_TRAINING("s") " "                               \
    "ORDER BY s.date, s.start_time, s.id LIMIT ?10 OFFSET ?11"

#define SQL_HOURS_ROWS                                                                                                 \
    "SELECT b.name, m.name, " REGISTER_SHOWN ", ifnull(y.sessions, 0), ifnull(y.hours, 0), " SQL_NEED " "              \
    "FROM (SELECT m.* " SQL_HOURS_FROM ") m JOIN branch b ON b.id = m.branch_id "                                      \
    "LEFT JOIN member_year y ON y.member_id = m.id AND y.year = ?4 "                                                   \
    "ORDER BY m.branch_id, m.name, m.id LIMIT ?10 OFFSET ?11"

#define SQL_MEETING_FROM                                                                                               \
    "FROM session s LEFT JOIN session_branch sb ON sb.session_id = s.id LEFT JOIN branch b ON b.id = sb.branch_id "    \
    "WHERE s.voided = 0 AND s.date BETWEEN ?1 AND ?2 AND " STATS_SQL_CLASS("s") " = '组织生活' "
#define SQL_MEETING_ROWS                                                                                               \
    "SELECT ifnull(b.name, '（未指定党组织）'), s.kind, s.date, s.title, s.expected, s.present, s.hours "          \
    SQL_MEETING_FROM "ORDER BY b.id IS NULL, b.name, b.id, "                                                           \
    "(SELECT ord FROM vocab WHERE kind = 'kind' AND name = s.kind), s.kind, s.date, s.id LIMIT ?10 OFFSET ?11"

#define SQL_BRANCH_ROWS SQL_BRANCH_SELECT " ORDER BY b.name, b.id LIMIT ?10 OFFSET ?11"

#define SQL_CATEGORY_ROWS SQL_CATEGORY_SELECT " ORDER BY v.kind <> 'category', v.ord, v.name LIMIT ?10 OFFSET ?11"

#define SQL_TEACHER_SELECT                                                                                             \
    "SELECT t.name, t.employment, t.type, t.is_adviser, count(s.id) AS n, " TEACHER_SQL_FIGURES ", "                 \
    "  ifnull(max(s.date), ''), t.id "                                                                                 \
    "FROM teacher t " TEACHER_SQL_PERIOD_JOIN("?1", "?2") "GROUP BY t.id HAVING t.active = 1 OR count(s.id) > 0"
#define SQL_TEACHER_ROWS SQL_TEACHER_SELECT " ORDER BY n DESC, t.name, t.id LIMIT ?10 OFFSET ?11"

#define SQL_ORDER_ROWS                                                                                                 \
    "SELECT b.name, c.title, o.wanted_date, o.state, o.sched_date, ifnull(t.name, ''), ifnull(s.date, "                \
    "'') " SQL_ORDER_FROM                                                                                              \
    "ORDER BY CASE o.state WHEN '已点单' THEN 0 WHEN '已排课' THEN 1 WHEN '已完成' THEN 2 ELSE 3 END, "       \
    "  o.wanted_date, o.id LIMIT ?10 OFFSET ?11"

const char *report_col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static void fill_month(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    int expected = sqlite3_column_int(st, 5), present = sqlite3_column_int(st, 6);
    report_put_int(r, 0, seq);
    report_put_text(r, 1, report_col_text(st, 0));
    report_put_text(r, 2, report_col_text(st, 1));
    report_put_text(r, 3, report_col_text(st, 2));
    report_put_text(r, 4, report_col_text(st, 3));
    report_put_text(r, 5, report_col_text(st, 4));
    report_put_int(r, 6, expected);
    report_put_int(r, 7, present);
    report_put_rate(r, 8, present, expected);
    report_put_num(r, 9, sqlite3_column_double(st, 7), 1);
    report_put_rate(r, 10, sqlite3_column_double(st, 8), sqlite3_column_double(st, 9));
}

static void fill_meeting(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    int expected = sqlite3_column_int(st, 4), present = sqlite3_column_int(st, 5);
    report_put_int(r, 0, seq);
    for (int i = 0; i < 4; i++)
        report_put_text(r, i + 1, report_col_text(st, i));
    report_put_int(r, 5, expected);
    report_put_int(r, 6, present);
    report_put_rate(r, 7, present, expected);
    report_put_num(r, 8, sqlite3_column_double(st, 6), 1);
}

static void fill_hours(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    double hours = sqlite3_column_double(st, 4), need = sqlite3_column_double(st, 5);
    (void)rep;
    report_put_int(r, 0, seq);
    report_put_text(r, 1, report_col_text(st, 0));
    report_put_text(r, 2, report_col_text(st, 1));
    report_put_text(r, 3, report_col_text(st, 2));
    report_put_int(r, 4, sqlite3_column_int64(st, 3));
    report_put_num(r, 5, hours, 1);
    report_put_num(r, 6, need, 1);
    if (hours < need) {
        report_put_num(r, 7, need - hours, 1);
        report_put_text(r, 8, "否");
    } else {
        report_put_text(r, 8, "是");
    }
}

static void fill_branch(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    (void)seq;
    int64_t members = sqlite3_column_int64(st, 3), people = sqlite3_column_int64(st, 4);
    double hours = sqlite3_column_double(st, 6);
    report_put_text(r, 0, report_col_text(st, 0));
    report_put_text(r, 1, report_col_text(st, 1));
    report_put_int(r, 2, members);
    report_put_int(r, 3, people);
    report_put_rate(r, 4, (double)sqlite3_column_int64(st, 8), (double)members); /* 受训率: the 党员 of them */
    report_put_int(r, 5, sqlite3_column_int64(st, 5));
    report_put_num(r, 6, hours, 1);
    if (people > 0)
        report_put_num(r, 7, hours / (double)people, 1);
    else
        report_put_text(r, 7, "—");
    report_put_int(r, 8, sqlite3_column_int64(st, 7));
}

static void fill_category(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)seq;
    int64_t n = sqlite3_column_int64(st, 2);
    report_put_text(r, 0, !strcmp(report_col_text(st, 0), "category") ? "内容类别" : "培训形式");
    report_put_text(r, 1, report_col_text(st, 1));
    report_put_int(r, 2, n);
    report_put_int(r, 3, sqlite3_column_int64(st, 3));
    report_put_num(r, 4, sqlite3_column_double(st, 4), 1);
    report_put_rate(r, 5, (double)n, rep->params.categories.denom);
}

static void fill_teacher(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    report_put_int(r, 0, seq);
    report_put_text(r, 1, report_col_text(st, 0));
    report_put_text(r, 2, report_col_text(st, 1));
    report_put_text(r, 3, report_col_text(st, 2));
    report_put_text(r, 4, sqlite3_column_int(st, 3) ? "是" : "");
    /* columns 4 n, then TEACHER_SQL_FIGURES 5–9 (sessions again, hours, present, satisfied, forms), 10 last date */
    report_put_int(r, 5, sqlite3_column_int64(st, 4));
    report_put_num(r, 6, sqlite3_column_double(st, 6), 1);
    report_put_int(r, 7, sqlite3_column_int64(st, 7));
    report_put_rate(r, 8, sqlite3_column_double(st, 8), sqlite3_column_double(st, 9));
    report_put_text(r, 9, report_col_text(st, 10));
}

static void fill_order(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    report_put_int(r, 0, seq);
    for (int i = 0; i < 7; i++)
        report_put_text(r, i + 1, report_col_text(st, i));
}

void report_put_period_stats(struct report_row *r, const struct period_stats *s)
{
    report_put_int(r, 1, s->sessions);
    report_put_int(r, 2, s->person_times);
    report_put_int(r, 3, s->people);
    report_put_num(r, 4, s->hours, 1);
    report_put_int(r, 5, s->expected);
    report_put_int(r, 6, s->present);
    report_put_rate(r, 7, (double)s->present, (double)s->expected);
    report_put_rate(r, 8, (double)s->trained_members, (double)s->members);
}

/* One row per month of a quarter/half/year, each through stats_period so the
 * month rows read exactly like the month reports and the home screen. */
int report_periodic_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
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
        report_row_clear(rep, r);
        report_put_textf(r, 0, "%d月", first + (int)i);
        report_put_period_stats(r, &s);
        if ((rc = fn(r, ctx)) != 0)
            break;
    }
    free(r);
    return rc;
}

int report_stream(const struct report *rep, sqlite3_stmt *st, int64_t offset, report_fill_fn fill, report_row_fn fn,
                  void *ctx, const char *what, struct fx_error *err)
{
    /* One row buffer, reused: a row is ~3 KB whatever the size of the report. */
    struct report_row *r = malloc(sizeof *r);
    if (!r) {
        sqlite3_finalize(st);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    int rc = 0, s;
    int64_t seq = offset;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        report_row_clear(rep, r);
        fill(rep, st, r, ++seq);
        if ((rc = fn(r, ctx)) != 0)
            break;
    }
    if (!rc && s != SQLITE_DONE)
        rc = store_fail(rep->db, s, err, what);
    sqlite3_finalize(st);
    free(r);
    return rc;
}

/* Page through a row query prepared by report_prepare (with the kind's parameters bound). */
static int query_rows(const struct report *rep, sqlite3_stmt *st, int64_t offset, int64_t limit, report_fill_fn fill,
                      report_row_fn fn, void *ctx, struct fx_error *err)
{
    sqlite3_bind_int64(st, 10, limit < 0 ? -1 : limit);
    sqlite3_bind_int64(st, 11, offset);
    return report_stream(rep, st, offset, fill, fn, ctx, "读取报表", err);
}

int report_month_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                      struct fx_error *err)
{
    sqlite3_stmt *st;
    if (report_prepare(rep, SQL_MONTH_ROWS, &st, err))
        return FX_EINTERNAL;
    return query_rows(rep, st, offset, limit, fill_month, fn, ctx, err);
}

int report_hours_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                      struct fx_error *err)
{
    sqlite3_stmt *st;
    if (report_prepare(rep, SQL_HOURS_ROWS, &st, err))
        return FX_EINTERNAL;
    report_bind_hours(rep, st);
    return query_rows(rep, st, offset, limit, fill_hours, fn, ctx, err);
}

int report_branch_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                       struct fx_error *err)
{
    sqlite3_stmt *st;
    if (report_prepare(rep, SQL_BRANCH_ROWS, &st, err))
        return FX_EINTERNAL;
    return query_rows(rep, st, offset, limit, fill_branch, fn, ctx, err);
}

int report_category_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                         struct fx_error *err)
{
    sqlite3_stmt *st;
    if (report_prepare(rep, SQL_CATEGORY_ROWS, &st, err))
        return FX_EINTERNAL;
    return query_rows(rep, st, offset, limit, fill_category, fn, ctx, err);
}

int report_meeting_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                        struct fx_error *err)
{
    sqlite3_stmt *st;
    if (report_prepare(rep, SQL_MEETING_ROWS, &st, err))
        return FX_EINTERNAL;
    return query_rows(rep, st, offset, limit, fill_meeting, fn, ctx, err);
}

int report_meeting_count(sqlite3 *db, const struct fx_period *p, int64_t *rows, int64_t *sessions, int64_t *expected,
                         int64_t *present, struct fx_error *err)
{
    *rows = *sessions = *expected = *present = 0;
    int rc = store_get_int(db, "SELECT count(*) " SQL_MEETING_FROM, STORE_ARGS(STORE_TEXT(p->from), STORE_TEXT(p->to)),
                           rows, err);
    /* Totals per session, not per row: a meeting of two branches is one. */
    if (!rc)
        rc = store_get_int(db, "SELECT count(*) FROM session s WHERE s.voided = 0 AND s.date BETWEEN ?1 AND ?2 AND "
                           STATS_SQL_CLASS("s") " = '组织生活'",
                           STORE_ARGS(STORE_TEXT(p->from), STORE_TEXT(p->to)), sessions, err);
    if (!rc)
        rc = store_get_int(db, "SELECT ifnull(sum(expected), 0) FROM session s WHERE s.voided = 0 AND s.date BETWEEN ?1 "
                           "AND ?2 AND " STATS_SQL_CLASS("s") " = '组织生活'",
                           STORE_ARGS(STORE_TEXT(p->from), STORE_TEXT(p->to)), expected, err);
    if (!rc)
        rc = store_get_int(db, "SELECT ifnull(sum(present), 0) FROM session s WHERE s.voided = 0 AND s.date BETWEEN ?1 "
                           "AND ?2 AND " STATS_SQL_CLASS("s") " = '组织生活'",
                           STORE_ARGS(STORE_TEXT(p->from), STORE_TEXT(p->to)), present, err);
    return rc;
}

int report_teacher_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                        struct fx_error *err)
{
    sqlite3_stmt *st;
    if (report_prepare(rep, SQL_TEACHER_ROWS, &st, err))
        return FX_EINTERNAL;
    return query_rows(rep, st, offset, limit, fill_teacher, fn, ctx, err);
}

int report_order_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                      struct fx_error *err)
{
    sqlite3_stmt *st;
    if (report_prepare(rep, SQL_ORDER_ROWS, &st, err))
        return FX_EINTERNAL;
    report_bind_orders(rep, st);
    return query_rows(rep, st, offset, limit, fill_order, fn, ctx, err);
}

int report_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                struct fx_error *err)
{
    if (!rep->kind || !rep->kind->rows)
        return fx_fail(err, FX_EINTERNAL, "未知的报表类型");
    return rep->kind->rows(rep, offset < 0 ? 0 : offset, limit, fn, ctx, err);
}
