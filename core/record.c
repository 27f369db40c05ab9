/* record.c — a member's training record for a year and the members behind on hours.
 * The record sums the roll call itself; the lists read the member_year aggregate so they never scan attendance. */
#include "record.h"

#include <string.h>

#include "date.h"
#include "entity.h"
#include "member.h"
#include "register.h"
#include "store.h"
#include "rollaudit.h"

/* A year is bound as the date range period_make gives it: comparing s.date with text bounds uses the same "year of
 * the session date" rule as the triggers, and a session on 12-31 and one on 01-01 fall on their own sides of New Year.
 */
static void bind_year(sqlite3_stmt *st, int first, int year)
{
    struct fx_period y;
    period_make(PERIOD_YEAR, year, 0, &y);
    entity_bind_text(st, first, y.from);
    entity_bind_text(st, first + 1, y.to);
}

static const struct entity_col session_cols[] = {
    ENTITY_COL(struct record_session, session_id), ENTITY_COL(struct record_session, date),
    ENTITY_COL(struct record_session, title),      ENTITY_COL(struct record_session, kind),
    ENTITY_COL(struct record_session, hours),      ENTITY_COL(struct record_session, status),
    ENTITY_COL(struct record_session, reason),
};

static void read_session(sqlite3_stmt *st, void *row)
{
    entity_read_cols(st, 0, session_cols, ENTITY_NCOLS(session_cols), row);
}

int record_year_page(sqlite3 *db, int64_t member_id, int year, const struct record_session *after,
                     struct record_session *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT s.id, s.date, s.title, s.kind, s.hours, " ROLL_SQL_WORD("a.status") ", a.reason "
                      "FROM attendance a JOIN session s ON s.id = a.session_id "
                      "WHERE a.member_id = ?1 AND s.voided = 0 AND s.date BETWEEN ?2 AND ?3 "
                      "AND (?5 = 0 OR (s.date, s.id) > (?4, ?5)) ORDER BY s.date, s.id LIMIT ?6",
                      &st, err))
        return -1;
    sqlite3_bind_int64(st, 1, member_id);
    bind_year(st, 2, year);
    entity_bind_text(st, 4, after ? after->date : "");
    sqlite3_bind_int64(st, 5, after ? after->session_id : 0);
    sqlite3_bind_int(st, 6, max);
    return entity_read_rows(db, st, read_session, rows, sizeof *rows, max, "读取培训档案", err);
}

double record_shortfall(double hours, double minimum)
{
    return hours < minimum ? minimum - hours : 0;
}

int record_hours(sqlite3 *db, const struct fx_config *cfg, int64_t member_id, int year, struct record_total *out,
                 struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    struct member m;
    int rc = member_get(db, member_id, &m, err);
    if (rc)
        return rc;
    sqlite3_stmt *st;
    if (store_prepare(
            db,
            "SELECT ifnull(sum(CASE WHEN a.status = " ROLL_SQL_PRESENT " THEN s.hours END), 0), "
            "count(CASE WHEN a.status = " ROLL_SQL_PRESENT " THEN 1 END), count(CASE WHEN a.status = " ROLL_SQL_LEAVE
            " THEN 1 END), "
            "count(CASE WHEN a.status = " ROLL_SQL_ABSENT " THEN 1 END) "
            "FROM attendance a JOIN session s ON s.id = a.session_id "
            "WHERE a.member_id = ?1 AND s.voided = 0 AND s.date BETWEEN ?2 AND ?3",
            &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, member_id);
    bind_year(st, 2, year);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->hours = sqlite3_column_double(st, 0);
        out->present = sqlite3_column_int64(st, 1);
        out->leave = sqlite3_column_int64(st, 2);
        out->absent = sqlite3_column_int64(st, 3);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return store_fail(db, rc, err, "统计学时");
    if ((rc = record_need(db, cfg, member_id, year, &out->minimum, err)) != 0)
        return rc;
    out->behind = record_shortfall(out->hours, out->minimum);
    return 0;
}

int record_year_aggregate(sqlite3 *db, int64_t member_id, int year, double *hours, int64_t *sessions,
                          struct fx_error *err)
{
    *hours = 0;
    *sessions = 0;
    sqlite3_stmt *st;
    if (store_prepare(db, "SELECT hours, sessions FROM member_year WHERE member_id = ?1 AND year = ?2", &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, member_id);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *hours = sqlite3_column_double(st, 0);
        *sessions = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(db, rc, err, "读取学时");
    return 0;
}

/* The population and targets of register.h (as stats.c and report.c, so the count on the home screen,
 * the hours report and this list agree): ?4 the year, ?5 count_candidates, ?6 and ?7 the minimums,
 * ?8 = 1 (only those below), ?9 prorate; ?10 the branch (0 = all). */
static void bind_need(sqlite3_stmt *st, const struct fx_config *cfg, int year, int64_t branch_id)
{
    sqlite3_bind_int(st, 4, year);
    sqlite3_bind_int(st, 5, cfg->count_candidates ? 1 : 0);
    sqlite3_bind_double(st, 6, cfg->min_leader);
    sqlite3_bind_double(st, 7, cfg->min_member);
    sqlite3_bind_int(st, 8, 1);
    sqlite3_bind_int(st, 9, cfg->prorate ? 1 : 0);
    sqlite3_bind_int64(st, 10, branch_id);
}

int record_need(sqlite3 *db, const struct fx_config *cfg, int64_t member_id, int year, double *need,
                struct fx_error *err)
{
    *need = 0;
    sqlite3_stmt *st;
    /* No row: not held to a target that year (not on the register, or an activist): 0. */
    if (store_prepare(db, "SELECT " REGISTER_NEED " " REGISTER_HOURS_FROM " AND m.id = ?1", &st, err))
        return FX_EINTERNAL;
    bind_need(st, cfg, year, 0);
    sqlite3_bind_int(st, 8, 0);
    sqlite3_bind_int64(st, 1, member_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *need = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(db, rc, err, "计算应达学时");
}

int record_year_figures(sqlite3 *db, const struct fx_config *cfg, int year, const int64_t *ids, int n, double *hours,
                        double *need, struct fx_error *err)
{
    sqlite3_stmt *h = NULL, *t = NULL;
    if (store_prepare(db, "SELECT hours FROM member_year WHERE member_id = ?1 AND year = ?2", &h, err) ||
        store_prepare(db, "SELECT " REGISTER_NEED " " REGISTER_HOURS_FROM " AND m.id = ?1", &t, err)) {
        sqlite3_finalize(h);
        return FX_EINTERNAL;
    }
    sqlite3_bind_int(h, 2, year);
    bind_need(t, cfg, year, 0);
    sqlite3_bind_int(t, 8, 0);
    int rc = SQLITE_DONE;
    for (int i = 0; i < n; i++) {
        hours[i] = need[i] = 0;
        sqlite3_bind_int64(h, 1, ids[i]);
        if ((rc = sqlite3_step(h)) == SQLITE_ROW)
            hours[i] = sqlite3_column_double(h, 0);
        sqlite3_reset(h);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            break;
        sqlite3_bind_int64(t, 1, ids[i]); /* no row: not held to a target that year (0), as record_need */
        if ((rc = sqlite3_step(t)) == SQLITE_ROW)
            need[i] = sqlite3_column_double(t, 0);
        sqlite3_reset(t);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            break;
    }
    sqlite3_finalize(h);
    sqlite3_finalize(t);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(db, rc, err, "读取学时和应达学时");
}

static const struct entity_col behind_cols[] = {
    ENTITY_COL(struct record_behind, id),     ENTITY_COL(struct record_behind, name),
    ENTITY_COL(struct record_behind, branch), ENTITY_COL(struct record_behind, role),
    ENTITY_COL(struct record_behind, hours),  ENTITY_COL(struct record_behind, minimum),
};

static void read_behind(sqlite3_stmt *st, void *row)
{
    struct record_behind *r = row;
    entity_read_cols(st, 0, behind_cols, ENTITY_NCOLS(behind_cols), r);
    /* The key of the next page must be the very value SQLite sorted by. */
    r->shortfall = record_shortfall(r->hours, r->minimum);
}

int record_behind_page(sqlite3 *db, const struct fx_config *cfg, int year, int64_t branch_id,
                       const struct record_behind *after, struct record_behind *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT id, name, bname, role, h, need FROM ("
                      "  SELECT m.id AS id, m.name AS name, (SELECT name FROM branch WHERE id = m.branch_id) AS bname, "
                      "  " REGISTER_SHOWN " AS role, ifnull(y.hours, 0) AS h, " REGISTER_NEED " AS need, "
                      "  " REGISTER_NEED " - ifnull(y.hours, 0) AS short " REGISTER_HOURS_FROM
                      "  AND (?10 = 0 OR m.branch_id = ?10)) "
                      "WHERE ?11 = 0 OR short < ?12 OR (short = ?12 AND (name, id) > (?13, ?11)) "
                      "ORDER BY short DESC, name, id LIMIT ?14",
                      &st, err))
        return -1;
    bind_need(st, cfg, year, branch_id);
    sqlite3_bind_int64(st, 11, after ? after->id : 0);
    sqlite3_bind_double(st, 12, after ? after->shortfall : 0);
    entity_bind_text(st, 13, after ? after->name : "");
    sqlite3_bind_int(st, 14, max);
    return entity_read_rows(db, st, read_behind, rows, sizeof *rows, max, "读取未达标名单", err);
}

int record_behind_count(sqlite3 *db, const struct fx_config *cfg, int year, int64_t branch_id, int64_t *count,
                        struct fx_error *err)
{
    *count = 0;
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT count(*) " REGISTER_HOURS_FROM " AND (?10 = 0 OR m.branch_id = ?10)",
                      &st, err))
        return FX_EINTERNAL;
    bind_need(st, cfg, year, branch_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *count = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(db, rc, err, "统计未达标人数");
}
