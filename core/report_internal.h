/* report_internal.h — what the report files share (report.c: cells and rows; report_build.c, report_more.c,
 * report_menu.c: the builders): cells, the title block's parts, the row loop, the queries totals and rows agree on. */
#ifndef FX_REPORT_INTERNAL_H
#define FX_REPORT_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"
#include "register.h"
#include "report.h"
#include "stats.h"
#include "rollaudit.h"

/* Set cell i of r (i < REPORT_MAX_COLS): text (NULL or "" makes it empty; cut at REPORT_CELL_LEN),
 * a whole number, a number shown with precision decimals, or the rate num/den (shown as "—" when den ≤ 0). */
void report_put_text(struct report_row *r, int i, const char *s);
void report_put_textf(struct report_row *r, int i, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void report_put_int(struct report_row *r, int i, int64_t v);
/* An amount of whole 分, printed as an account book prints it ("1,234.50"), a number in XLSX. */
void report_put_money(struct report_row *r, int i, int64_t fen);
void report_put_num(struct report_row *r, int i, double v, int precision);
void report_put_rate(struct report_row *r, int i, double num, double den);
/* Cells 1 to 8 of a summary row (期数, 人次, 人数, 学时, 应到, 实到, 参训率, 受训率) from s: the same
 * for a month's row and for the 合计 of the period. */
void report_put_period_stats(struct report_row *r, const struct period_stats *s);
/* Empty the report's ncols cells of r and set r->ncells. */
void report_row_clear(const struct report *rep, struct report_row *r);

/* ---- the title block (report_build.c) ---- */

/* Append a column; past REPORT_MAX_COLS it is dropped. title is cut to fit. */
void report_add_col(struct report *rep, const char *title, char align, int width);
/* The last column added is summed in the 合计 row / is the rate of columns num ÷ den there (report_column.total). */
void report_col_sum(struct report *rep);
void report_col_rate(struct report *rep, int num, int den);
/* Append a headline figure ("期数 30 期"; suffix NULL: none) and return its value cell, empty, for the caller
 * to fill; NULL once REPORT_MAX_FIGURES are taken. The three after it fill it as report_put_int/_num/_rate do. */
struct report_cell *report_add_figure(struct report *rep, const char *label, const char *suffix);
void report_add_figure_int(struct report *rep, const char *label, int64_t v, const char *suffix);
void report_add_figure_num(struct report *rep, const char *label, double v, int precision, const char *suffix);
void report_add_figure_rate(struct report *rep, const char *label, double num, double den);
/* Append a footnote (注), cut at REPORT_NOTE_LEN; past REPORT_MAX_NOTES it is dropped. */
void report_add_note(struct report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- rows (report.c) ---- */

/* Column i of st's current row as text; "" for NULL. Valid until st steps. */
const char *report_col_text(sqlite3_stmt *st, int i);

/* Fill the cleared row r from st's current row; seq is its number in the whole table, from 1. */
typedef void (*report_fill_fn)(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq);
/* The row loop of a query-backed report: step st (prepared and bound, its rows starting at row offset of the
 * table), fill one reused row per result and hand it to fn. Takes st and finalizes it. Returns 0, fn's nonzero
 * value, or an fx status with err filled (what names the reading in the message: "读取报表"). */
int report_stream(const struct report *rep, sqlite3_stmt *st, int64_t offset, report_fill_fn fill, report_row_fn fn,
                  void *ctx, const char *what, struct fx_error *err);

/* Prepare sql on rep->db with the period bound: ?1 ?2 its first and last day, ?4 its year.
 * The caller steps and finalizes *st. FX_EINTERNAL (err filled) if it does not prepare. */
int report_prepare(const struct report *rep, const char *sql, sqlite3_stmt **st, struct fx_error *err);
/* Bind a kind's own parameters after report_prepare: hours ?5 count_candidates, ?6 min_leader,
 * ?7 min_member, ?8 below_only, ?9 prorate (register.h); orders ?3 all (no period). */
void report_bind_hours(const struct report *rep, sqlite3_stmt *st);
void report_bind_orders(const struct report *rep, sqlite3_stmt *st);

/* The kinds' rows (report_kinds.c puts them in the table), with report_kind.rows's contract. */
int report_month_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                      struct fx_error *err);
int report_periodic_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                         struct fx_error *err);
int report_hours_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                      struct fx_error *err);
int report_branch_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                       struct fx_error *err);
int report_category_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                         struct fx_error *err);
int report_teacher_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                        struct fx_error *err);
int report_order_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                      struct fx_error *err);
int report_directory_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                          struct fx_error *err);
int report_checklist_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                          struct fx_error *err);
int report_county_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                       struct fx_error *err);
int report_menu_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                     struct fx_error *err);

/* The config to build with: cfg, or the defaults written into *defaults when cfg is NULL. */
const struct fx_config *report_config(const struct fx_config *cfg, struct fx_config *defaults);

/* The month summary's footnote: the completion of the standard cfg names ([report] standard),
 * found as `fenxiao check` finds it beside cfg->path. Nothing when cfg is NULL or names none,
 * or when the standard does not load (`fenxiao check` says why): the note is not worth the report. */
void report_note_summary_standard(struct report *rep, const struct fx_config *cfg);
int report_meeting_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                        struct fx_error *err);
/* The meetings of p: rows of the 三会一课记录, distinct sessions, their 应到 and 实到 summed. */
int report_meeting_count(sqlite3 *db, const struct fx_period *p, int64_t *rows, int64_t *sessions, int64_t *expected,
                         int64_t *present, struct fx_error *err);
/* The footnote saying which kinds the training figures counted and where the meetings are. */
void report_note_training_kinds(struct report *rep);

/* ---- queries shared by the rows (report.c) and the totals (report_build.c) ---- */

/* Leaders are those whose role is in the config's comma list; instr on ",list," is exact. */
#define SQL_NEED       REGISTER_NEED
#define SQL_HOURS_FROM REGISTER_HOURS_FROM

#define SQL_BRANCH_SELECT                                                                                              \
    "WITH att AS (SELECT m.branch_id AS bid, a.member_id AS mid, s.hours AS h FROM session s "                         \
    "  JOIN attendance a ON a.session_id = s.id JOIN member m ON m.id = a.member_id "                                  \
    "  WHERE s.voided = 0 AND s.date BETWEEN ?1 AND ?2 AND a.status = " ROLL_SQL_PRESENT " AND " STATS_SQL_TRAINING("s") "), "                                    \
    /* Per person first, so the register is asked once a person: 受训 counts the 党员 on the register on the     \
     * period's last day (REGISTER_ON, as stats_period's 受训率), not 入党积极分子 or 发展对象 who came. */          \
    "one AS (SELECT bid, mid, count(*) AS times, sum(h) AS hours FROM att GROUP BY bid, mid), "                         \
    "per AS (SELECT bid, count(*) AS people, sum(" REGISTER_ON("mid", "?2") ") AS trained, sum(times) AS times, "       \
    "  sum(hours) AS hours FROM one GROUP BY bid), "                                                                   \
    /* 面向期数 in one walk of the period's sessions, not one per branch (county: 1,200 branches × 15,000 sessions). */ \
    "tgt AS (SELECT sb.branch_id AS bid, count(*) AS n FROM session s JOIN session_branch sb ON sb.session_id = s.id "   \
    "  WHERE s.voided = 0 AND s.date BETWEEN ?1 AND ?2 AND " STATS_SQL_TRAINING("s") " GROUP BY sb.branch_id) "         \
    "SELECT b.name AS name, b.kind AS kind, b.id AS id, "                                                              \
    "  (SELECT count(*) FROM member m WHERE m.branch_id = b.id AND " REGISTER_ON("m.id", "?2") ") AS members, "                         \
    "  ifnull(p.people, 0) AS people, ifnull(p.times, 0) AS times, ifnull(p.hours, 0) AS hours, "                      \
    "  ifnull(g.n, 0) AS targeted, ifnull(p.trained, 0) AS trained "                                                   \
    "FROM branch b LEFT JOIN per p ON p.bid = b.id LEFT JOIN tgt g ON g.bid = b.id WHERE b.active = 1"

#define SQL_CATEGORY_SELECT                                                                                            \
    "SELECT v.kind, v.name, count(s.id), ifnull(sum(s.present), 0), ifnull(sum(s.hours), 0), v.ord "                   \
    "FROM vocab v LEFT JOIN session s ON s.voided = 0 AND s.date BETWEEN ?1 AND ?2 "                                   \
    "  AND " STATS_SQL_TRAINING("s") " "                                                                               \
    "  AND ((v.kind = 'category' AND s.category = v.name) OR (v.kind = 'format' AND s.format = v.name)) "              \
    "WHERE v.kind IN ('category', 'format') GROUP BY v.kind, v.name"

#define SQL_ORDER_FROM                                                                                                 \
    "FROM course_order o JOIN course c ON c.id = o.course_id JOIN branch b ON b.id = o.branch_id "                     \
    "LEFT JOIN teacher t ON t.id = o.teacher_id LEFT JOIN session s ON s.id = o.session_id AND s.voided = 0 "          \
    "WHERE ?3 = 1 OR coalesce(nullif(o.sched_date, ''), nullif(o.wanted_date, ''), substr(o.updated_at, 1, 10)) "      \
    "  BETWEEN ?1 AND ?2 "

#endif
