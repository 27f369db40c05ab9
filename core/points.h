/* points.h — 党员积分 (seed 001: 「积分计算排名」): each member's points for a year, derived from the ledger every
 * time by the rules of data/points.ini (a local setting: the seeds name the ranking, not its rules), and their
 * rank in the township and in their branch. Nothing here is stored but the manual additions and deductions
 * (积分加减, points_adjust), which are audited. */
#ifndef FX_POINTS_H
#define FX_POINTS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "register.h"
#include "stats.h"
#include "text_limits.h"
#include "rollaudit.h"

/* The rules: points per 学时 attended, per full-attendance month, per absence without leave (negative: a
 * deduction). Each may be 0 (the rule is off). */
struct points_rules {
    double per_hour;   /* [points] per_hour */
    double full_month; /* [points] full_month */
    double absence;    /* [points] absence */
    char path[1024];
};

/* Load path (NULL: the file fenxiao.ini's [points] rules names, else data/points.ini). A malformed number is
 * FX_EINPUT naming the file and line; a missing file FX_ENOTFOUND. Each value lies in −100…100. */
int points_rules_load(const char *path, const struct fx_config *cfg, struct points_rules *rules,
                      struct fx_error *err);

/* The one definition of a year's points. Parameters: ?1 ?2 the year's first and last day, ?4 the year,
 * ?5 count_candidates ([hours]: 入党积极分子 and 发展对象 are ranked too), ?8 = 0, ?12 per_hour,
 * ?13 full_month, ?14 absence, ?15 a branch id (0: every branch; the ranks are still of the township and of
 * the branch).
 * Who is ranked: the people held to the 学时 target that year (REGISTER_HOURS_FROM: on the register on at
 * least one day of it).
 * The sessions that count: live, starting in the year, of a kind whose hours count toward a member's 学时
 * (STATS_SQL_COUNTS_HOURS, as member_year).
 * 学时: member_year's hours (present at such sessions). 全勤月: a month in which the member was on the roll
 * call of at least one such session and present at every one. 无故缺席: roll-call entries marked absent (an
 * unticked name saves as absent; 请假 is not an absence).
 * 手工加减: the sum of the member's live manual adjustments (points_adjust, not voided) dated in the year.
 * 积分 = 学时 × per_hour + 全勤月 × full_month + 无故缺席 × absence + 手工加减, rounded to 2 decimals before ranking.
 * Ranks: 1 + the number ranked above (equal points share a rank: 1, 1, 3).
 * Columns: 0 town rank, 1 branch rank, 2 branch name, 3 name, 4 phone, 5 namesakes ranked (count of the
 * same name, ≥ 1), 6 学时, 7 全勤月, 8 无故缺席, 9 积分, 10 member id, 11 branch id, 12 手工加减. Ordered by town rank,
 * then branch, then name as it sorts (pinyin). */
#define POINTS_SQL                                                                                                     \
    "WITH att AS (SELECT a.member_id, substr(s.date, 6, 2) AS mo, a.status FROM attendance a "                         \
    "  JOIN session s ON s.id = a.session_id WHERE s.date BETWEEN ?1 AND ?2 AND s.voided = 0 AND "                   \
    STATS_SQL_COUNTS_HOURS("s") "), "                                                                                  \
    "mon AS (SELECT member_id, sum(full) AS full_months, sum(absent) AS absences FROM (SELECT member_id, mo, "        \
    "  min(status = " ROLL_SQL_PRESENT ") AS full, sum(status = " ROLL_SQL_ABSENT ") AS absent FROM att GROUP BY member_id, mo) "           \
    "  GROUP BY member_id), "                                                                                          \
    "held AS (SELECT m.id, m.branch_id, m.name, m.phone, m.sort_key, ifnull(y.hours, 0) AS hours "                    \
    REGISTER_HOURS_FROM "), "                                                                                          \
    "adj AS (SELECT member_id, sum(points) AS manual FROM points_adjust WHERE voided = 0 AND date BETWEEN ?1 AND ?2 " \
    "  GROUP BY member_id), "                                                                                          \
    "p AS (SELECT h.*, ifnull(mon.full_months, 0) AS fm, ifnull(mon.absences, 0) AS ab, "                             \
    "  round(ifnull(adj.manual, 0), 2) AS manual, "                                                                    \
    "  round(h.hours * ?12 + ifnull(mon.full_months, 0) * ?13 + ifnull(mon.absences, 0) * ?14 "                      \
    "    + ifnull(adj.manual, 0), 2) AS pts "                                                                          \
    "  FROM held h LEFT JOIN mon ON mon.member_id = h.id LEFT JOIN adj ON adj.member_id = h.id), "                    \
    "r AS (SELECT p.*, rank() OVER (ORDER BY pts DESC) AS town_rank, "                                                 \
    "  rank() OVER (PARTITION BY branch_id ORDER BY pts DESC) AS branch_rank, "                                       \
    "  count(*) OVER (PARTITION BY name) AS same_name FROM p) "                                                        \
    "SELECT r.town_rank, r.branch_rank, b.name, r.name, r.phone, r.same_name, r.hours, r.fm, r.ab, r.pts AS pts, r.id, "     \
    "  r.branch_id, r.manual FROM r JOIN branch b ON b.id = r.branch_id WHERE ?15 = 0 OR r.branch_id = ?15 "                    \
    "ORDER BY r.town_rank, b.name, b.id, r.sort_key, r.id"

/* Bind the rules and the branch (?12–?15) and ?8 = 0 to a statement of POINTS_SQL; ?1 ?2 ?4 ?5 are the
 * caller's. */
void points_bind(sqlite3_stmt *st, const struct points_rules *rules, int64_t branch_id);

/* The name as a ranking shows it: with the phone's last four digits when another person ranked has the same
 * name (the branch is in its own column): 张伟（尾号5678）. */
void points_name(const char *name, const char *phone, int64_t same_name, char *out, size_t outsz);

/* How many year's ranking has (branch_id 0: everyone): the count of POINTS_SQL's rows. */
int points_count(sqlite3 *db, const struct points_rules *rules, bool count_candidates, int year, int64_t branch_id,
                 int64_t *n, struct fx_error *err);

/* One row of a ranking, as the 名册 screen pages it. */
struct points_row {
    int64_t seq; /* its place in the whole ranking, from 1 (the next page starts after it) */
    int64_t member_id, branch_id;
    int64_t town_rank, branch_rank;
    char shown[160]; /* points_name's text */
    char branch[201];
    double hours;
    int64_t full_months, absences;
    double manual; /* 手工加减: counted in points */
    double points;
};

/* The rows of year's ranking (branch_id 0: everyone) after the first offset, at most max: the same figures as
 * POINTS_SQL (count_candidates as [hours] says). Returns the rows filled, or -1 with err filled. */
int points_page(sqlite3 *db, const struct points_rules *rules, bool count_candidates, int year, int64_t branch_id,
                int64_t offset, struct points_row *rows, int max, struct fx_error *err);

/* 积分加减 (schema 12, points_adjust): a manual addition (points > 0) or deduction (points < 0) to a member's
 * points, the one part of them typed by hand. Each is audited (entity 'points'), never deleted, voided with a
 * reason; a live one counts in the points of its date's year (POINTS_SQL's 手工加减). */
struct points_adjust {
    int64_t id, member_id;
    char uuid[37];
    char date[11];
    double points;                           /* −100…100, not 0 */
    char reason[FX_TEXT_BYTES(FX_WHY_CHARS)]; /* required */
    char recorder[FX_TEXT_BYTES(FX_PERSON_CHARS)];
    bool voided;
    char void_reason[FX_TEXT_BYTES(FX_WHY_CHARS)];
    char member[FX_TEXT_BYTES(FX_PERSON_CHARS)], branch[201]; /* read by points_adjust_each */
};

/* Record a (id 0; member_id, date YYYY-MM-DD, points, reason, recorder filled): one transaction with its
 * audit record; a->id and a->uuid are set. Bad input (unknown member, points 0 or out of range, no reason, a
 * date after today): FX_EINPUT; the date's year closed: FX_ECLOSED. */
int points_adjust_add(sqlite3 *db, struct points_adjust *a, struct fx_error *err);
/* Void adjustment id with reason (required): one transaction with its audit record. Unknown or already voided:
 * FX_EINPUT (unknown FX_ENOTFOUND); its year closed: FX_ECLOSED. */
int points_adjust_void(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err);
/* Each adjustment dated in year (0: every year), voided ones too, by date then id; fn's non-zero stops and is
 * returned. */
typedef int (*points_adjust_fn)(const struct points_adjust *a, void *ctx);
int points_adjust_each(sqlite3 *db, int year, points_adjust_fn fn, void *ctx, struct fx_error *err);

#endif
