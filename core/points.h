/* points.h — 党员积分 (seed 001: 「积分计算排名」): each member's points for a year, derived from the ledger every
 * time by the rules of data/points.ini (a local setting: the seeds name the ranking, not its rules), and their
 * rank in the township and in their branch. Nothing here is stored. */
#ifndef FX_POINTS_H
#define FX_POINTS_H

#include <sqlite3.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "register.h"
#include "stats.h"

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
 * 积分 = 学时 × per_hour + 全勤月 × full_month + 无故缺席 × absence, rounded to 2 decimals before ranking.
 * Ranks: 1 + the number ranked above (equal points share a rank: 1, 1, 3).
 * Columns: 0 town rank, 1 branch rank, 2 branch name, 3 name, 4 phone, 5 namesakes ranked (count of the
 * same name, ≥ 1), 6 学时, 7 全勤月, 8 无故缺席, 9 积分, 10 member id, 11 branch id. Ordered by town rank,
 * then branch, then name as it sorts (pinyin). */
#define POINTS_SQL                                                                                                     \
    "WITH att AS (SELECT a.member_id, substr(s.date, 6, 2) AS mo, a.status FROM attendance a "                         \
    "  JOIN session s ON s.id = a.session_id WHERE s.date BETWEEN ?1 AND ?2 AND s.voided = 0 AND "                   \
    STATS_SQL_COUNTS_HOURS("s") "), "                                                                                  \
    "mon AS (SELECT member_id, sum(full) AS full_months, sum(absent) AS absences FROM (SELECT member_id, mo, "        \
    "  min(status = 'present') AS full, sum(status = 'absent') AS absent FROM att GROUP BY member_id, mo) "           \
    "  GROUP BY member_id), "                                                                                          \
    "held AS (SELECT m.id, m.branch_id, m.name, m.phone, m.sort_key, ifnull(y.hours, 0) AS hours "                    \
    REGISTER_HOURS_FROM "), "                                                                                          \
    "p AS (SELECT h.*, ifnull(mon.full_months, 0) AS fm, ifnull(mon.absences, 0) AS ab, "                             \
    "  round(h.hours * ?12 + ifnull(mon.full_months, 0) * ?13 + ifnull(mon.absences, 0) * ?14, 2) AS pts "           \
    "  FROM held h LEFT JOIN mon ON mon.member_id = h.id), "                                                           \
    "r AS (SELECT p.*, rank() OVER (ORDER BY pts DESC) AS town_rank, "                                                 \
    "  rank() OVER (PARTITION BY branch_id ORDER BY pts DESC) AS branch_rank, "                                       \
    "  count(*) OVER (PARTITION BY name) AS same_name FROM p) "                                                        \
    "SELECT r.town_rank, r.branch_rank, b.name, r.name, r.phone, r.same_name, r.hours, r.fm, r.ab, r.pts AS pts, r.id, "     \
    "  r.branch_id FROM r JOIN branch b ON b.id = r.branch_id WHERE ?15 = 0 OR r.branch_id = ?15 "                    \
    "ORDER BY r.town_rank, b.name, b.id, r.sort_key, r.id"

/* Bind the rules and the branch (?12–?15) and ?8 = 0 to a statement of POINTS_SQL; ?1 ?2 ?4 ?5 are the
 * caller's. */
void points_bind(sqlite3_stmt *st, const struct points_rules *rules, int64_t branch_id);

/* The name as a ranking shows it: with the phone's last four digits when another person ranked has the same
 * name (the branch is in its own column): 张伟（尾号5678）. */
void points_name(const char *name, const char *phone, int64_t same_name, char *out, size_t outsz);

#endif
