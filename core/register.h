/* register.h — 在册党员 as of a day: the one definition behind every rate (受训率, 轮训率, 学时达标率),
 * the home screen, the reports and the checklist, read from the dated history member_term (schema 004). */
#ifndef FX_REGISTER_H
#define FX_REGISTER_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"

/* The categories of people on a roster; the first two are party members (在册党员). */
#define REGISTER_MEMBER_CATEGORIES "'正式党员', '预备党员'"
#define REGISTER_CANDIDATE_CATEGORIES "'入党积极分子', '发展对象'"

/* SQL: the member whose id is the expression mid is a party member on the register on day d (an
 * expression giving YYYY-MM-DD): a term of 正式党员 or 预备党员 with since <= d < until. Both are
 * pasted into the statement, so pass column names or parameter names, never data. */
#define REGISTER_ON(mid, d) "EXISTS (SELECT 1 FROM member_term rt WHERE rt.member_id = " mid " AND " REGISTER_TERM_ON(d) ")"
/* SQL: the row rt of member_term is a term of a party member on the register on day d (REGISTER_ON's test): for
 * the statements that walk member_term itself, once, rather than asking it once per member. */
#define REGISTER_TERM_ON(d)                                                                                            \
    "rt.category IN (" REGISTER_MEMBER_CATEGORIES ") AND rt.since <= " d " AND (rt.until = '' OR rt.until > " d ")"
/* The same for 入党积极分子 and 发展对象 (on the roster, not members). */
#define REGISTER_CANDIDATE_ON(mid, d)                                                                                  \
    "EXISTS (SELECT 1 FROM member_term rt WHERE rt.member_id = " mid " AND rt.category IN ("                          \
    REGISTER_CANDIDATE_CATEGORIES ") AND rt.since <= " d " AND (rt.until = '' OR rt.until > " d "))"

/* ---- a year's hours against the target (report hours, 学时未达标, 学时达标率) ----
 * The statement's parameters: ?4 the year, ?5 count_candidates (1: 入党积极分子 and 发展对象 are held to the
 * target too), ?6 the leaders' minimum (职务 书记 or 班子成员), ?7 the others', ?8 1 = only those below,
 * ?9 prorate (1: the target × whole calendar months on the register ÷ 12, a month counting when the
 * person was on it every day). The people held are those on the register on at least one day of the year;
 * m is the member, y its member_year row. */
#define REGISTER_HELD(t)                                                                                               \
    "(" t ".category IN (" REGISTER_MEMBER_CATEGORIES ") OR (?5 AND " t ".category IN ("                              \
    REGISTER_CANDIDATE_CATEGORIES ")))"
#define REGISTER_HELD_ON(t, d)                                                                                         \
    "EXISTS (SELECT 1 FROM member_term " t " WHERE " t ".member_id = m.id AND " REGISTER_HELD(t) " AND " t            \
    ".since <= " d " AND (" t ".until = '' OR " t ".until > " d "))"
#define REGISTER_MONTH_FIRST "printf('%04d-%02d-01', ?4, mo.column1)"
#define REGISTER_MONTH_LAST  "date(printf('%04d-%02d-01', ?4, mo.column1), '+1 month', '-1 day')"
/* Whole months on the register in year ?4: on it on the first and the last day, and no term ending in
 * between without the next one starting that day (a change of category is no gap). */
#define REGISTER_MONTHS                                                                                                \
    "(SELECT count(*) FROM (VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12)) mo WHERE "                     \
    REGISTER_HELD_ON("t1", REGISTER_MONTH_FIRST) " AND " REGISTER_HELD_ON("t2", REGISTER_MONTH_LAST)                  \
    " AND NOT EXISTS (SELECT 1 FROM member_term t3 WHERE t3.member_id = m.id AND " REGISTER_HELD("t3")               \
    " AND t3.until > " REGISTER_MONTH_FIRST " AND t3.until <= " REGISTER_MONTH_LAST                                   \
    " AND NOT EXISTS (SELECT 1 FROM member_term t4 WHERE t4.member_id = m.id AND " REGISTER_HELD("t4")               \
    " AND t4.since = t3.until)))"
/* A term held over the whole year ?4 makes all twelve months whole: most people, each found by one look at their
 * terms instead of twelve months' (issue 22: the month-by-month test for 75,000 members took 20 s). */
#define REGISTER_WHOLE_YEAR                                                                                            \
    "EXISTS (SELECT 1 FROM member_term tw WHERE tw.member_id = m.id AND " REGISTER_HELD("tw")                         \
    " AND tw.since <= printf('%04d-01-01', ?4) AND (tw.until = '' OR tw.until > printf('%04d-12-31', ?4)))"
#define REGISTER_NEED                                                                                                  \
    "round(CASE WHEN m.post <> '' THEN ?6 ELSE ?7 END * CASE WHEN NOT ?9 THEN 1 WHEN " REGISTER_WHOLE_YEAR            \
    " THEN 1 ELSE " REGISTER_MONTHS " / 12.0 END, 1)"
#define REGISTER_HOURS_FROM                                                                                            \
    "FROM member m LEFT JOIN member_year y ON y.member_id = m.id AND y.year = ?4 "                                    \
    "WHERE EXISTS (SELECT 1 FROM member_term ty WHERE ty.member_id = m.id AND " REGISTER_HELD("ty")                  \
    " AND ty.since <= printf('%04d-12-31', ?4) AND (ty.until = '' OR ty.until > printf('%04d-01-01', ?4))) "          \
    "AND (?8 = 0 OR ifnull(y.hours, 0) < " REGISTER_NEED ") "
/* What a person held to the target was in the year: the 职务 if any, else the last category held. */
#define REGISTER_SHOWN                                                                                                 \
    "CASE WHEN m.post <> '' THEN m.post ELSE ifnull((SELECT tc.category FROM member_term tc WHERE tc.member_id = "    \
    "m.id AND " REGISTER_HELD("tc") " AND tc.since <= printf('%04d-12-31', ?4) ORDER BY tc.since DESC, tc.id DESC "  \
    "LIMIT 1), m.category) END"

/* 在册党员 on day date (YYYY-MM-DD) of unit_id's branches (0: every unit) and of branch_id (0: every
 * branch). A period's 在册党员 is this count on the period's last day. */
int register_count(sqlite3 *db, int64_t unit_id, int64_t branch_id, const char *date, int64_t *count,
                   struct fx_error *err);
/* 入党积极分子 and 发展对象 on the roster on day date (their own line on reports). */
int register_count_candidates(sqlite3 *db, int64_t unit_id, const char *date, int64_t *count, struct fx_error *err);
/* 在册党员 on day date of the n branches branch_ids (a session's target branches): its 应到 when none
 * is given. */
int member_registered_in_branches(sqlite3 *db, const int64_t *branch_ids, int n, const char *date, int64_t *count,
                                  struct fx_error *err);

#endif
