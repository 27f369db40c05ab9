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
#define REGISTER_ON(mid, d)                                                                                            \
    "EXISTS (SELECT 1 FROM member_term rt WHERE rt.member_id = " mid " AND rt.category IN ("                          \
    REGISTER_MEMBER_CATEGORIES ") AND rt.since <= " d " AND (rt.until = '' OR rt.until > " d "))"
/* The same for 入党积极分子 and 发展对象 (on the roster, not members). */
#define REGISTER_CANDIDATE_ON(mid, d)                                                                                  \
    "EXISTS (SELECT 1 FROM member_term rt WHERE rt.member_id = " mid " AND rt.category IN ("                          \
    REGISTER_CANDIDATE_CATEGORIES ") AND rt.since <= " d " AND (rt.until = '' OR rt.until > " d "))"

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
