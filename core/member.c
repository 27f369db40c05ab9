/* member.c — a member's training record for a year, the members behind on hours, and branch pages for pickers.
 * The record sums the roll call itself; the lists read the member_year aggregate so they never scan attendance. */
#include "member.h"

#include <stdio.h>
#include <string.h>

#include "store.h"

/* The year as the date range it covers: comparing s.date with text bounds uses
 * the same "year of the session date" rule as the triggers, and a session on
 * 12-31 and one on 01-01 fall on their own sides of New Year. */
static void year_bounds(int year, char from[11], char to[11])
{
    snprintf(from, 11, "%04d-01-01", year);
    snprintf(to, 11, "%04d-12-31", year);
}

int member_year_page(sqlite3 *db, int64_t member_id, int year, const struct member_session *after,
                     struct member_session *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT s.id, s.date, s.title, s.kind, s.hours, a.status, a.reason "
                      "FROM attendance a JOIN session s ON s.id = a.session_id "
                      "WHERE a.member_id = ?1 AND s.voided = 0 AND s.date BETWEEN ?2 AND ?3 "
                      "AND (?5 = 0 OR (s.date, s.id) > (?4, ?5)) ORDER BY s.date, s.id LIMIT ?6",
                      &st, err))
        return -1;
    char from[11], to[11];
    year_bounds(year, from, to);
    sqlite3_bind_int64(st, 1, member_id);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, after ? after->date : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, after ? after->session_id : 0);
    sqlite3_bind_int(st, 6, max);
    int n = 0, rc = SQLITE_DONE;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct member_session *r = &rows[n++];
        r->session_id = sqlite3_column_int64(st, 0);
        store_copy_column(r->date, sizeof r->date, st, 1);
        store_copy_column(r->title, sizeof r->title, st, 2);
        store_copy_column(r->kind, sizeof r->kind, st, 3);
        r->hours = sqlite3_column_double(st, 4);
        store_copy_column(r->status, sizeof r->status, st, 5);
        store_copy_column(r->reason, sizeof r->reason, st, 6);
    }
    if (n < max && rc != SQLITE_DONE) {
        store_fail(db, rc, err, "读取培训档案");
        n = -1;
    }
    sqlite3_finalize(st);
    return n;
}

double member_shortfall(double hours, double minimum)
{
    return hours < minimum ? minimum - hours : 0;
}

int member_hours(sqlite3 *db, const struct fx_config *cfg, int64_t member_id, int year, struct member_total *out,
                 struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if (store_prepare(db, "SELECT role FROM member WHERE id = ?", &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, member_id);
    char role[64] = "";
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        store_copy_column(role, sizeof role, st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return fx_fail(err, FX_ENOTFOUND, "找不到编号为 %lld 的党员", (long long)member_id);
    if (store_prepare(
            db,
            "SELECT ifnull(sum(CASE WHEN a.status = 'present' THEN s.hours END), 0), "
            "count(CASE WHEN a.status = 'present' THEN 1 END), count(CASE WHEN a.status = 'leave' THEN 1 END), "
            "count(CASE WHEN a.status = 'absent' THEN 1 END) "
            "FROM attendance a JOIN session s ON s.id = a.session_id "
            "WHERE a.member_id = ?1 AND s.voided = 0 AND s.date BETWEEN ?2 AND ?3",
            &st, err))
        return FX_EINTERNAL;
    char from[11], to[11];
    year_bounds(year, from, to);
    sqlite3_bind_int64(st, 1, member_id);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
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
    out->minimum = config_min_hours(cfg, role);
    out->behind = member_shortfall(out->hours, out->minimum);
    return 0;
}

int member_year_aggregate(sqlite3 *db, int64_t member_id, int year, double *hours, int64_t *sessions,
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

/* Leaders are those whose role is in the config's comma list (as in stats.c and
 * report.c, so the count on the home screen and this list agree). */
#define SQL_NEED "(CASE WHEN instr(',' || ?2 || ',', ',' || m.role || ',') > 0 THEN ?3 ELSE ?4 END)"

int member_behind_page(sqlite3 *db, const struct fx_config *cfg, int year, int64_t branch_id,
                       const struct member_behind *after, struct member_behind *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT id, name, bname, role, h, need FROM ("
                      "  SELECT m.id AS id, m.name AS name, b.name AS bname, m.role AS role, "
                      "  ifnull(y.hours, 0) AS h, " SQL_NEED " AS need, " SQL_NEED " - ifnull(y.hours, 0) AS short "
                      "  FROM member m JOIN branch b ON b.id = m.branch_id "
                      "  LEFT JOIN member_year y ON y.member_id = m.id AND y.year = ?1 "
                      "  WHERE m.active = 1 AND (?5 = 0 OR m.branch_id = ?5) AND ifnull(y.hours, 0) < " SQL_NEED ") "
                      "WHERE ?6 = 0 OR short < ?7 OR (short = ?7 AND (name, id) > (?8, ?6)) "
                      "ORDER BY short DESC, name, id LIMIT ?9",
                      &st, err))
        return -1;
    sqlite3_bind_int(st, 1, year);
    sqlite3_bind_text(st, 2, cfg->leader_roles, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(st, 3, cfg->min_leader);
    sqlite3_bind_double(st, 4, cfg->min_member);
    sqlite3_bind_int64(st, 5, branch_id);
    sqlite3_bind_int64(st, 6, after ? after->id : 0);
    sqlite3_bind_double(st, 7, after ? after->shortfall : 0);
    sqlite3_bind_text(st, 8, after ? after->name : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 9, max);
    int n = 0, rc = SQLITE_DONE;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct member_behind *r = &rows[n++];
        r->id = sqlite3_column_int64(st, 0);
        store_copy_column(r->name, sizeof r->name, st, 1);
        store_copy_column(r->branch, sizeof r->branch, st, 2);
        store_copy_column(r->role, sizeof r->role, st, 3);
        r->hours = sqlite3_column_double(st, 4);
        r->minimum = sqlite3_column_double(st, 5);
        /* The key of the next page must be the very value SQLite sorted by. */
        r->shortfall = member_shortfall(r->hours, r->minimum);
    }
    if (n < max && rc != SQLITE_DONE) {
        store_fail(db, rc, err, "读取未达标名单");
        n = -1;
    }
    sqlite3_finalize(st);
    return n;
}

int member_behind_count(sqlite3 *db, const struct fx_config *cfg, int year, int64_t branch_id, int64_t *count,
                        struct fx_error *err)
{
    *count = 0;
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT count(*) FROM member m LEFT JOIN member_year y ON y.member_id = m.id AND y.year = ?1 "
                      "WHERE m.active = 1 AND (?5 = 0 OR m.branch_id = ?5) AND ifnull(y.hours, 0) < " SQL_NEED,
                      &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int(st, 1, year);
    sqlite3_bind_text(st, 2, cfg->leader_roles, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(st, 3, cfg->min_leader);
    sqlite3_bind_double(st, 4, cfg->min_member);
    sqlite3_bind_int64(st, 5, branch_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *count = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(db, rc, err, "统计未达标人数");
}

int member_branch_page(sqlite3 *db, const char *query, const char *after_name, int64_t after_id,
                       struct member_branch *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT b.id, b.name, b.kind, b.secretary, b.phone, b.uuid, "
                      "(SELECT count(*) FROM member m WHERE m.branch_id = b.id AND m.active = 1) "
                      "FROM branch b WHERE b.active = 1 AND (?1 = '' OR fx_match(b.name, ?1)) "
                      "AND (?3 = 0 OR (b.name, b.id) > (?2, ?3)) ORDER BY b.name, b.id LIMIT ?4",
                      &st, err))
        return -1;
    sqlite3_bind_text(st, 1, query ? query : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, after_name ? after_name : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, after_id);
    sqlite3_bind_int(st, 4, max);
    int n = 0, rc = SQLITE_DONE;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct member_branch *r = &rows[n++];
        r->id = sqlite3_column_int64(st, 0);
        store_copy_column(r->name, sizeof r->name, st, 1);
        store_copy_column(r->kind, sizeof r->kind, st, 2);
        store_copy_column(r->secretary, sizeof r->secretary, st, 3);
        store_copy_column(r->phone, sizeof r->phone, st, 4);
        store_copy_column(r->uuid, sizeof r->uuid, st, 5);
        r->members = sqlite3_column_int64(st, 6);
    }
    if (n < max && rc != SQLITE_DONE) {
        store_fail(db, rc, err, "读取党组织");
        n = -1;
    }
    sqlite3_finalize(st);
    return n;
}
