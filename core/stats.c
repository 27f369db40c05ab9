/* stats.c — 期数, 人次, 人数, 学时, 参训率 and 受训率 for a period.
 * The definitions are printed as footnotes on reports; keep them in step. */
#include "stats.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "register.h"
#include "store.h"
#include "text.h"
#include "rollaudit.h"

int stats_period(sqlite3 *db, const struct fx_period *p, struct period_stats *out, struct fx_error *err)
{
    return stats_period_unit(db, p, 0, out, err);
}

int stats_period_unit(sqlite3 *db, const struct fx_period *p, int64_t unit_id, struct period_stats *out,
                      struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT count(*), ifnull(sum(hours),0), ifnull(sum(expected),0), ifnull(sum(present),0), "
                      "ifnull(sum(present * hours),0) FROM session s WHERE voided = 0 AND date BETWEEN ?1 AND ?2 "
                      "AND (?3 = 0 OR unit_id = ?3) AND " STATS_SQL_TRAINING("s"),
                      &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_text(st, 1, p->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->to, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, unit_id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        out->sessions = sqlite3_column_int64(st, 0);
        out->hours = sqlite3_column_double(st, 1);
        out->expected = sqlite3_column_int64(st, 2);
        out->present = sqlite3_column_int64(st, 3);
        out->person_times = out->present;
        out->person_hours = sqlite3_column_double(st, 4);
    }
    sqlite3_finalize(st);
    /* 人数 and 受训 in one walk: the period's sessions by date, then each roll call by its key (written as a join,
     * the planner walks all of attendance in member order for the DISTINCT — seconds on a county ledger); the
     * register is asked once per person, not per roll call. */
    if (store_prepare(db,
                      "SELECT count(*), ifnull(sum(" REGISTER_ON("x.member_id", "?2") "), 0) FROM "
                      "(SELECT DISTINCT member_id FROM attendance WHERE status = " ROLL_SQL_PRESENT " AND session_id IN "
                      "(SELECT id FROM session s WHERE voided = 0 AND date BETWEEN ?1 AND ?2 AND (?3 = 0 OR unit_id = ?3) "
                      "AND " STATS_SQL_TRAINING("s") ")) x",
                      &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_text(st, 1, p->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->to, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, unit_id);
    int64_t trained = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        out->people = sqlite3_column_int64(st, 0);
        trained = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    /* 在册党员 of a period: the register on its last day (register.h), so a past period reads the same later. */
    int64_t members = 0, candidates = 0;
    if (register_count(db, unit_id, 0, p->to, &members, err) ||
        register_count_candidates(db, unit_id, p->to, &candidates, err))
        return err ? err->code : FX_EINTERNAL;
    out->candidates = candidates;
    out->trained_members = trained;
    out->members = members;
    out->attendance_rate = stats_attendance_rate(out->present, out->expected);
    out->coverage = out->members > 0 ? (double)out->trained_members / (double)out->members : 0;
    return 0;
}

/* One query per word: a column name cannot be bound. */
#define SQL_GROUPS(col, vkind)                                                                                         \
    "SELECT ifnull(nullif(s." col ", ''), '（未填）'), count(*), ifnull(sum(s.present), 0), ifnull(sum(s.hours), 0), "   \
    "ifnull(sum(s.expected), 0), ifnull(sum(s.present), 0) FROM session s "                                            \
    "WHERE s.voided = 0 AND s.date BETWEEN ?1 AND ?2 AND " STATS_SQL_TRAINING("s") " GROUP BY 1 "                     \
    "ORDER BY ifnull((SELECT v.ord FROM vocab v WHERE v.kind = '" vkind "' AND v.name = s." col "), 1e9), 1"

int stats_groups(sqlite3 *db, const struct fx_period *p, enum stats_by by, stats_group_fn fn, void *ctx,
                 struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db, by == STATS_BY_KIND ? SQL_GROUPS("kind", "kind") : SQL_GROUPS("category", "category"), &st,
                      err))
        return FX_EINTERNAL;
    sqlite3_bind_text(st, 1, p->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->to, -1, SQLITE_STATIC);
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct stats_group g;
        memset(&g, 0, sizeof g);
        const unsigned char *name = sqlite3_column_text(st, 0);
        text_copy(g.name, sizeof g.name, name ? (const char *)name : "");
        g.sessions = sqlite3_column_int64(st, 1);
        g.person_times = sqlite3_column_int64(st, 2);
        g.hours = sqlite3_column_double(st, 3);
        g.expected = sqlite3_column_int64(st, 4);
        g.present = sqlite3_column_int64(st, 5);
        stop = fn(&g, ctx);
    }
    sqlite3_finalize(st);
    if (stop)
        return stop;
    return rc == SQLITE_DONE ? 0 : store_fail(db, rc, err, "分类统计");
}

double stats_attendance_rate(int64_t present, int64_t expected)
{
    return expected > 0 ? (double)present / (double)expected : 0;
}

void stats_percent_text(double share, char *out, size_t outsz)
{
    snprintf(out, outsz, "%.1f%%", share * 100.0);
}

void stats_session_attendance(const struct session *s, struct session_attendance *out)
{
    memset(out, 0, sizeof *out);
    struct att_counts c;
    ledger_count_attendance(s->att, s->natt, &c);
    out->expected = s->expected;
    out->present = s->present;
    out->leave = c.leave;
    out->absent = c.absent;
    out->rate = stats_attendance_rate(out->present, out->expected);
    if (out->expected > 0)
        stats_percent_text(out->rate, out->rate_text, sizeof out->rate_text);
    else
        snprintf(out->rate_text, sizeof out->rate_text, "%s", "—");
}

/* The register's member m held on some day of year ?4 (REGISTER_HOURS_FROM's condition). */
#define STANDING_HELD                                                                                                  \
    "EXISTS (SELECT 1 FROM member_term ty WHERE ty.member_id = m.id AND " REGISTER_HELD("ty")                         \
    " AND ty.since <= printf('%04d-12-31', ?4) AND (ty.until = '' OR ty.until > printf('%04d-01-01', ?4)))"

/* held (the members of the year's held terms, one walk of member_term), and held less those at or above their
 * target (REGISTER_NEED), counted in two parts that need no target
 * worked out for the many below it (issue 22: the 总览 read 1.1 G instructions at county doing that per member):
 *   - a: the target is the whole year's (no pro-rating, or one term over the whole year): the members of the
 *     year's member_year rows at or above the lower of the two targets, by the key's range of the year, then each
 *     against its own;
 *   - b: pro-rated and without a term over the whole year: only the members with a term that starts or ends
 *     inside the year, each against REGISTER_NEED as the hours report computes it.
 * A target of 0 or less (everyone at it, with or without a member_year row) is counted by STANDING_WHOLE. */
#define STANDING_PARTS                                                                                                 \
    "SELECT (SELECT count(DISTINCT ty.member_id) FROM member_term ty WHERE " REGISTER_HELD("ty")                      \
    " AND ty.since <= printf('%04d-12-31', ?4) AND (ty.until = '' OR ty.until > printf('%04d-01-01', ?4)) "           \
    "AND EXISTS (SELECT 1 FROM member mh WHERE mh.id = ty.member_id)), "                                              \
    "(SELECT count(*) FROM member_year y JOIN member m ON m.id = y.member_id WHERE y.year = ?4 "                       \
    "AND y.hours >= min(round(?6, 1), round(?7, 1)) AND " STANDING_HELD " AND (NOT ?9 OR " REGISTER_WHOLE_YEAR ") " \
    "AND y.hours >= round(CASE WHEN m.post <> '' THEN ?6 ELSE ?7 END, 1)), "                                        \
    "(SELECT count(*) FROM member m LEFT JOIN member_year y ON y.member_id = m.id AND y.year = ?4 WHERE ?9 "          \
    "AND m.id IN (SELECT tp.member_id FROM member_term tp WHERE " REGISTER_HELD("tp")                                \
    " AND tp.since <= printf('%04d-12-31', ?4) AND (tp.until = '' OR tp.until > printf('%04d-01-01', ?4)) "          \
    "AND (tp.since > printf('%04d-01-01', ?4) OR (tp.until <> '' AND tp.until <= printf('%04d-12-31', ?4)))) "      \
    "AND NOT " REGISTER_WHOLE_YEAR " AND ifnull(y.hours, 0) >= " REGISTER_NEED ")"
#define STANDING_WHOLE "SELECT count(*), ifnull(sum(ifnull(y.hours, 0) < " REGISTER_NEED "), 0), 0 " REGISTER_HOURS_FROM

int stats_hours_standing(sqlite3 *db, const struct fx_config *cfg, int year, int64_t *held, int64_t *behind,
                         struct fx_error *err)
{
    sqlite3_stmt *st;
    *held = *behind = 0;
    /* The same population and targets as the hours report (register.h), ?8 = 0: everyone held. */
    bool parts = cfg->min_leader > 0.05 && cfg->min_member > 0.05; /* both round to more than 0.0 */
    if (store_prepare(db, parts ? STANDING_PARTS : STANDING_WHOLE, &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int(st, 4, year);
    sqlite3_bind_int(st, 5, cfg->count_candidates ? 1 : 0);
    sqlite3_bind_double(st, 6, cfg->min_leader);
    sqlite3_bind_double(st, 7, cfg->min_member);
    sqlite3_bind_int(st, 8, 0);
    sqlite3_bind_int(st, 9, cfg->prorate ? 1 : 0);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        *held = sqlite3_column_int64(st, 0);
        *behind = parts ? *held - sqlite3_column_int64(st, 1) - sqlite3_column_int64(st, 2)
                        : sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return s == SQLITE_ROW ? 0 : store_fail(db, s, err, "统计学时");
}

int stats_members_behind(sqlite3 *db, const struct fx_config *cfg, int year, int64_t *count, struct fx_error *err)
{
    int64_t held = 0;
    return stats_hours_standing(db, cfg, year, &held, count, err);
}
