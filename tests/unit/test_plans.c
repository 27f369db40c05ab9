/* test_plans.c — the query plans of the hot queries, pinned: each must use its index.
 * A schema or query change that makes a page or a report scan ten years fails here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "course.h"
#include "date.h"
#include "fixture.h"
#include "ledger.h"
#include "member.h"
#include "merge.h"
#include "report.h"
#include "stats.h"
#include "standard.h"
#include "store.h"
#include "text.h"

/* The statements are caught as core runs them (sqlite3_trace_v2), not copied
 * here, so the test follows the code: if ledger.c changes its SQL, the new SQL
 * is what gets checked. Plans are taken without ANALYZE data, as a ledger in
 * the field has none. */
#define MAX_STMTS 64

struct caught {
    char *sql[MAX_STMTS];
    int n;
    int runs; /* statements started, repeats included */
};

static int on_stmt(unsigned type, void *ctx, void *p, void *x)
{
    (void)x;
    struct caught *c = ctx;
    const char *sql = type == SQLITE_TRACE_STMT ? sqlite3_sql((sqlite3_stmt *)p) : NULL;
    if (!sql || !strncmp(sql, "--", 2) || c->n >= MAX_STMTS) /* "-- TRIGGER …": not ours */
        return 0;
    c->runs++;
    for (int i = 0; i < c->n; i++)
        if (!strcmp(c->sql[i], sql))
            return 0;
    c->sql[c->n++] = strdup(sql);
    return 0;
}

static void catch_start(sqlite3 *db, struct caught *c)
{
    memset(c, 0, sizeof *c);
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT, on_stmt, c);
}

static void catch_stop(sqlite3 *db, struct caught *c)
{
    sqlite3_trace_v2(db, 0, NULL, NULL);
    for (int i = 0; i < c->n; i++)
        free(c->sql[i]);
    c->n = 0;
}

/* The plan as "detail" lines joined with '\n'. EXPLAIN QUERY PLAN takes no
 * parameter for the statement, so core's own fixed SQL text is prefixed here;
 * its parameters stay unbound (NULL), which does not change the plan. */
static void plan_of(sqlite3 *db, const char *sql, char *out, size_t outsz)
{
    size_t n = strlen(sql) + 32;
    char *q = malloc(n);
    snprintf(q, n, "EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st;
    out[0] = '\0';
    if (store_prepare(db, q, &st, NULL) != SQLITE_OK) {
        snprintf(out, outsz, "(cannot explain: %s)", sqlite3_errmsg(db));
        free(q);
        return;
    }
    size_t len = 0;
    while (sqlite3_step(st) == SQLITE_ROW && len + 2 < outsz)
        len += (size_t)snprintf(out + len, outsz - len, "%s\n", (const char *)sqlite3_column_text(st, 3));
    sqlite3_finalize(st);
    free(q);
}

/* The one caught statement containing every needle (NULL-terminated list). */
static const char *find_stmt(const struct caught *c, const char *needle, const char *needle2)
{
    for (int i = 0; i < c->n; i++)
        if (strstr(c->sql[i], needle) && (!needle2 || strstr(c->sql[i], needle2)))
            return c->sql[i];
    return NULL;
}

/* A line "SCAN x" without "USING" reads the whole table x in rowid order. */
static int full_scan_of(const char *plan, const char *alias)
{
    char pat[64];
    snprintf(pat, sizeof pat, "SCAN %s", alias);
    for (const char *p = plan; (p = strstr(p, pat)) != NULL; p += strlen(pat)) {
        char after = p[strlen(pat)], line[512];
        size_t len = strcspn(p, "\n");
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        if ((after == '\n' || after == ' ' || after == '\0') && !strstr(line, "USING"))
            return 1;
    }
    return 0;
}

static void expect_plan(sqlite3 *db, const char *what, const char *sql, const char *must_use, const char **no_scan,
                        int no_sort)
{
    if (!sql)
        fail_msg("%s: the statement was not run (has the code changed?)", what);
    char plan[4096];
    plan_of(db, sql, plan, sizeof plan);
    int ok = strstr(plan, must_use) != NULL;
    for (int i = 0; no_scan && no_scan[i]; i++)
        ok = ok && !full_scan_of(plan, no_scan[i]);
    if (no_sort)
        ok = ok && !strstr(plan, "TEMP B-TREE FOR ORDER BY");
    if (!ok)
        fail_msg("%s: expected %s, no full scan%s; the plan of\n  %s\nis\n%s", what, must_use,
                 no_sort ? " and no sort" : "", sql, plan);
}

/* A small ledger is enough: without ANALYZE the planner does not look at sizes. */
static struct fixture *ledger_with_rows(void)
{
    struct fixture *f = fixture_new();
    int64_t b = fixture_branch(f, "东村党支部");
    int64_t m[3] = {fixture_member(f, b, "张三", NULL), fixture_member(f, b, "李四", "党组织书记"),
                    fixture_member(f, b, "王五", NULL)};
    for (int i = 0; i < 3; i++) {
        struct session s;
        memset(&s, 0, sizeof s);
        text_format(s.date, sizeof s.date, "2024-03-%02d", 4 + i);
        snprintf(s.title, sizeof s.title, "专题党课%d", i);
        snprintf(s.category, sizeof s.category, "%s", "政治理论教育");
        snprintf(s.format, sizeof s.format, "%s", "集中培训");
        snprintf(s.kind, sizeof s.kind, "%s", "培训班");
        s.hours = 2;
        struct attendee att[3];
        memset(att, 0, sizeof att);
        for (int j = 0; j < 3; j++)
            att[j].member_id = m[j], att[j].status = ATT_PRESENT;
        s.att = att;
        s.natt = 3;
        struct fx_error err;
        fx_clear(&err);
        if (ledger_save_session(f->db, &s, &err))
            fail_msg("save: %s", err.msg);
    }
    return f;
}

static void test_ledger_page_uses_session_date(void **state)
{
    (void)state;
    struct fixture *f = ledger_with_rows();
    struct caught c;
    struct session_row rows[2];
    struct ledger_filter flt;
    memset(&flt, 0, sizeof flt);
    struct fx_error err;
    fx_clear(&err);
    catch_start(f->db, &c);
    assert_int_equal(ledger_page(f->db, &flt, NULL, 0, 0, rows, 2, &err), 2);
    assert_int_equal(ledger_page(f->db, &flt, rows[1].date, rows[1].id, 0, rows, 2, &err), 1);
    assert_int_equal(ledger_page(f->db, &flt, rows[0].date, rows[0].id, 1, rows, 2, &err), 2);
    static const char *tables[] = {"s", "session", "t", "teacher", "attendance", NULL};
    expect_plan(f->db, "ledger_page (down)", find_stmt(&c, "FROM session s", "ORDER BY s.date DESC"),
                "INDEX session_date", tables, 1);
    expect_plan(f->db, "ledger_page (up)", find_stmt(&c, "FROM session s", "ORDER BY s.date ASC"), "INDEX session_date",
                tables, 1);
    catch_stop(f->db, &c);
    fixture_free(f);
}

static void test_member_page_uses_member_sort(void **state)
{
    (void)state;
    struct fixture *f = ledger_with_rows();
    struct caught c;
    struct member rows[2];
    struct fx_error err;
    fx_clear(&err);
    catch_start(f->db, &c);
    assert_int_equal(member_page(f->db, 0, "", NULL, 0, rows, 2, &err), 2);
    assert_int_equal(member_page(f->db, 0, "", rows[1].name, rows[1].id, rows, 2, &err), 1);
    static const char *tables[] = {"m", "member", "b", "branch", NULL};
    /* The whole roster: its pinyin order comes from (sort_key, id), 006-member-sort-key.sql. */
    const char *sql = find_stmt(&c, "WHERE ?1 = 0", "ORDER BY m.sort_key");
    char plan[4096];
    plan_of(f->db, sql ? sql : "SELECT 1", plan, sizeof plan);
    if (!strstr(plan, "INDEX member_sort"))
        fail_msg("member_page: expected member_sort; the plan is\n%s", plan);
    expect_plan(f->db, "member_page", sql, "INDEX member_sort", tables, 1);
    /* One branch: (branch_id, sort_key, id). */
    assert_true(member_page(f->db, rows[0].branch_id, "", NULL, 0, rows, 2, &err) >= 1);
    sql = find_stmt(&c, "WHERE m.branch_id = ?1", "ORDER BY m.sort_key");
    plan_of(f->db, sql ? sql : "SELECT 1", plan, sizeof plan);
    if (!strstr(plan, "INDEX member_branch_sort"))
        fail_msg("member_page of a branch: expected member_branch_sort; the plan is\n%s", plan);
    expect_plan(f->db, "member_page (branch)", sql, "INDEX member_branch_sort", tables, 1);
    catch_stop(f->db, &c);
    fixture_free(f);
}

struct county_seen {
    int rows;
    struct merge_unit_row last;
};

static int county_seen_row(void *ctx, const struct merge_unit_row *r)
{
    struct county_seen *c = ctx;
    c->rows++;
    c->last = *r;
    return 0;
}

/* The county summary (report county, merge --summary): every unit in one pass, the period's sessions by
 * date and their roll calls by key (issue 22: it walked every unit's roll calls apart, 167 s at county scale). */
static void test_county_summary_one_pass(void **state)
{
    (void)state;
    struct fixture *f = ledger_with_rows();
    struct caught c;
    struct fx_period p;
    memset(&p, 0, sizeof p);
    snprintf(p.from, sizeof p.from, "%s", "2024-03-01");
    snprintf(p.to, sizeof p.to, "%s", "2024-03-31");
    struct county_seen seen;
    memset(&seen, 0, sizeof seen);
    struct fx_error err;
    fx_clear(&err);
    catch_start(f->db, &c);
    assert_int_equal(merge_unit_summary(f->db, &p, county_seen_row, &seen, &err), 0);
    assert_int_equal(seen.rows, 1);
    assert_int_equal(seen.last.sessions, 3);
    assert_int_equal(seen.last.people, 3);
    assert_int_equal(seen.last.person_times, 9); /* three sessions, three present at each */
    assert_true(seen.last.hours > 5.99 && seen.last.hours < 6.01);
    /* member_term is walked once for the register (rt): the others are searched. */
    static const char *tables[] = {"a", "attendance", "m", "member", NULL};
    const char *sql = find_stmt(&c, "WITH ps AS MATERIALIZED", "attendance a");
    expect_plan(f->db, "merge_unit_summary (sessions)", sql, "SEARCH s USING INDEX session_date", tables, 0);
    expect_plan(f->db, "merge_unit_summary (roll calls)", sql, "SEARCH a USING PRIMARY KEY (session_id=?)", tables, 0);
    /* The register: member_term walked once, each member found by its key (not an EXISTS per member). */
    expect_plan(f->db, "merge_unit_summary (register)", sql, "SEARCH m USING INTEGER PRIMARY KEY", tables, 0);
    catch_stop(f->db, &c);
    fixture_free(f);
}

static int count_row(const struct report_row *r, void *ctx)
{
    (void)r;
    (*(int *)ctx)++;
    return 0;
}

/* The 党组织 table: 面向期数 of every branch from one walk of the period's sessions (MATERIALIZE tgt), not a walk of
 * them per branch (a county: 1,200 branches, 17 s). */
static void test_branch_report_one_walk(void **state)
{
    (void)state;
    struct fixture *f = ledger_with_rows();
    struct fx_period p;
    period_make(PERIOD_MONTH, 2024, 3, &p);
    struct report *rep = malloc(sizeof *rep);
    assert_non_null(rep);
    struct fx_error err;
    fx_clear(&err);
    struct caught c;
    catch_start(f->db, &c);
    assert_int_equal(report_branches(f->db, NULL, &p, rep, &err), 0);
    int rows = 0;
    assert_int_equal(report_rows(rep, 0, -1, count_row, &rows, &err), 0);
    assert_int_equal(rows, 1);
    static const char *tables[] = {"s", "session", "sb", "session_branch", NULL};
    const char *sql = find_stmt(&c, "tgt AS", "LIMIT ?10");
    expect_plan(f->db, "report_branches (面向期数)", sql, "MATERIALIZE tgt", tables, 0);
    expect_plan(f->db, "report_branches (sessions)", sql, "SEARCH s USING INDEX session_date", tables, 0);
    catch_stop(f->db, &c);
    free(rep);
    fixture_free(f);
}

static void test_month_stats_use_session_date(void **state)
{
    (void)state;
    struct fixture *f = ledger_with_rows();
    struct caught c;
    struct fx_period p;
    memset(&p, 0, sizeof p);
    snprintf(p.from, sizeof p.from, "%s", "2024-03-01");
    snprintf(p.to, sizeof p.to, "%s", "2024-03-31");
    struct period_stats ps;
    struct fx_error err;
    fx_clear(&err);
    catch_start(f->db, &c);
    assert_int_equal(stats_period(f->db, &p, &ps, &err), 0);
    assert_int_equal(ps.sessions, 3);
    assert_int_equal(ps.people, 3);
    static const char *tables[] = {"s", "session", "a", "attendance", NULL};
    expect_plan(f->db, "stats_period (sessions)", find_stmt(&c, "FROM session s WHERE", "BETWEEN"),
                "INDEX session_date", tables, 0);
    /* Distinct people: the month's sessions by date, then each roll call by its key. */
    const char *people = find_stmt(&c, "FROM attendance", "BETWEEN");
    char plan[4096];
    plan_of(f->db, people ? people : "SELECT 1", plan, sizeof plan);
    expect_plan(f->db, "stats_period (people)", people, "INDEX session_date", tables, 0);
    if (!strstr(plan, "SEARCH a USING PRIMARY KEY") && !strstr(plan, "SEARCH attendance USING PRIMARY KEY"))
        fail_msg("stats_period (people): attendance must be read by session; the plan is\n%s", plan);
    catch_stop(f->db, &c);
    fixture_free(f);
}

static void test_members_behind_uses_member_year(void **state)
{
    (void)state;
    struct fixture *f = ledger_with_rows();
    struct fx_config cfg;
    struct fx_error err;
    fx_clear(&err);
    config_defaults(&cfg);
    struct caught c;
    int64_t behind = -1;
    catch_start(f->db, &c);
    assert_int_equal(stats_members_behind(f->db, &cfg, 2024, &behind, &err), 0);
    assert_int_equal(behind, 3);
    const char *sql = find_stmt(&c, "member_year", NULL);
    /* Every active member is counted (0 hours counts), so member is read whole;
     * but the hours come from the aggregate by its key, never from attendance. */
    static const char *tables[] = {"y", "member_year", "attendance", "a", "session", "s", NULL};
    expect_plan(f->db, "stats_members_behind", sql, "SEARCH y", tables, 0);
    char plan[4096];
    plan_of(f->db, sql, plan, sizeof plan);
    if (!strstr(plan, "SEARCH y USING PRIMARY KEY") && !strstr(plan, "SEARCH y USING INDEX member_year_year") &&
        !strstr(plan, "SEARCH y USING COVERING INDEX member_year_year"))
        fail_msg("stats_members_behind: member_year must be searched by key; the plan is\n%s", plan);
    if (strstr(plan, "attendance"))
        fail_msg("stats_members_behind: must not read attendance; the plan is\n%s", plan);
    catch_stop(f->db, &c);
    fixture_free(f);
}

/* A yearly standard of one ledger item (培训班, at least 1) written to the fixture's folder as NAME.ini and loaded;
 * *p is the year 2024. */
static void load_one_item_standard(struct fixture *f, const char *name, char *path, size_t pathsz, struct standard *std,
                                   struct fx_period *p, struct fx_error *err)
{
    snprintf(path, pathsz, "%s/%s.ini", f->dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fprintf(fp,
            "[standard]\nid = plan-%s\ntitle = 计划测试\nperiod = year\n\n"
            "[item.a]\ntitle = 培训班\nevidence = ledger\nkind = 培训班\nmin = 1\n",
            name);
    fclose(fp);
    fx_clear(err);
    assert_int_equal(standard_load(path, std, err), 0);
    period_parse("2024", p, err);
}

/* The checklist's ledger items read one period's sessions, per township on a
 * merged ledger: by date through an index, the unit a test on those rows. */
static void test_unit_checklist_uses_session_index(void **state)
{
    (void)state;
    struct fixture *f = ledger_with_rows();
    char path[300];
    struct standard std;
    struct fx_error err;
    struct fx_period p;
    load_one_item_standard(f, "unit", path, sizeof path, &std, &p, &err);
    struct std_result r;
    struct caught c;
    catch_start(f->db, &c);
    assert_int_equal(standard_evaluate_unit_at(f->db, &std, &p, 0, store_unit_id(f->db), "2025-01-01", &r, &err), 0);
    assert_int_equal(r.items[0].found, 3);
    standard_result_free(&r);
    static const char *tables[] = {"s", "session", "b", "session_branch", NULL};
    const char *sql = find_stmt(&c, "FROM session s", "s.unit_id");
    char plan[4096];
    plan_of(f->db, sql ? sql : "SELECT 1", plan, sizeof plan);
    if (!strstr(plan, "INDEX session_date") && !strstr(plan, "INDEX session_kind"))
        fail_msg("standard_evaluate_unit: sessions must be found by an index; the plan is\n%s", plan);
    expect_plan(f->db, "standard_evaluate_unit (sessions)", sql, "INDEX session_", tables, 0);
    catch_stop(f->db, &c);
    remove(path);
    standard_free(&std);
    fixture_free(f);
}

/* The county report's checklist column: one read of each kind's sessions of the period for every township,
 * by session_kind, then split by unit in memory (issue 22: it read them again for each of 30 townships). */
static void test_units_checklist_one_read(void **state)
{
    (void)state;
    struct fixture *f = ledger_with_rows();
    char path[300];
    struct standard std;
    struct fx_error err;
    struct fx_period p;
    load_one_item_standard(f, "units", path, sizeof path, &std, &p, &err);
    int64_t units[2] = {store_unit_id(f->db), 999}; /* the fixture's township, and one with no sessions */
    struct std_result r[2];
    struct caught c;
    catch_start(f->db, &c);
    assert_int_equal(standard_evaluate_units_at(f->db, &std, &p, units, 2, "2025-01-01", r, &err), 0);
    assert_int_equal(r[0].items[0].found, 3);
    assert_int_equal(r[0].done, 1);
    assert_int_equal(r[1].items[0].found, 0);
    assert_int_equal(r[1].done, 0);
    standard_result_free(&r[0]);
    standard_result_free(&r[1]);
    static const char *tables[] = {"s", "session", "b", "session_branch", NULL};
    const char *sql = find_stmt(&c, "FROM session s", "s.kind = ?5");
    expect_plan(f->db, "standard_evaluate_units_at (sessions)", sql, "INDEX session_kind", tables, 0);
    int two = c.runs;
    catch_stop(f->db, &c);
    /* The sessions are read once whatever the number of townships: one township costs what two do but for its
     * own roster and marks (none in this standard). */
    catch_start(f->db, &c);
    assert_int_equal(standard_evaluate_units_at(f->db, &std, &p, units, 1, "2025-01-01", r, &err), 0);
    standard_result_free(&r[0]);
    assert_int_equal(c.runs, two);
    catch_stop(f->db, &c);
    remove(path);
    standard_free(&std);
    fixture_free(f);
}

/* The 菜单 page: each category read through course_category from the key on, in the menu's order, never every
 * course sorted by its category's place in vocab (issue 22: 1,200 courses read and sorted for a page of 24). */
static void test_course_page_uses_course_category(void **state)
{
    (void)state;
    struct fixture *f = ledger_with_rows();
    static const char *const categories[] = {"政治理论教育", "党章党规党纪教育", "知识技能教育"};
    struct fx_error err;
    fx_clear(&err);
    for (int i = 0; i < 3; i++) {
        struct course c = {.hours = 2};
        text_format(c.title, sizeof c.title, "课程%d", i);
        text_copy(c.category, sizeof c.category, categories[i]);
        text_copy(c.format, sizeof c.format, "专题党课");
        assert_int_equal(course_save(f->db, &c, &err), 0);
    }
    struct caught c;
    struct course rows[2];
    catch_start(f->db, &c);
    assert_int_equal(course_page(f->db, NULL, NULL, 0, rows, 2, &err), 2);
    assert_int_equal(course_page(f->db, NULL, &rows[1], 0, rows, 2, &err), 1);
    assert_int_equal(course_page(f->db, NULL, &rows[0], 1, rows, 2, &err), 2);
    assert_int_equal(course_page(f->db, NULL, NULL, 1, rows, 2, &err), 2);
    static const char *tables[] = {"c", "course", "t", "teacher", "v", "venue", NULL};
    expect_plan(f->db, "course_page (from a category's start)",
                find_stmt(&c, "WHERE c.category = ?1", "c.retired = 0) ORDER BY c.module, c.title"),
                "SEARCH c USING INDEX course_category (category=?)", tables, 1);
    expect_plan(f->db, "course_page (from the key)", find_stmt(&c, "(c.module, c.title, c.id) > (?4, ?5, ?6)", NULL),
                "SEARCH c USING INDEX course_category (category=? AND (module,title", tables, 1);
    expect_plan(f->db, "course_page (back from the key)",
                find_stmt(&c, "(c.module, c.title, c.id) < (?4, ?5, ?6)", NULL),
                "SEARCH c USING INDEX course_category (category=? AND (module,title", tables, 1);
    expect_plan(f->db, "course_page (back from a category's end)",
                find_stmt(&c, "WHERE c.category = ?1", "c.retired = 0) ORDER BY c.module DESC"),
                "SEARCH c USING INDEX course_category (category=?)", tables, 1);
    /* The categories: one seek of the index each, hopping from one to the next; the few found are sorted. */
    expect_plan(f->db, "course_page (categories)", find_stmt(&c, "WITH RECURSIVE cat", NULL),
                "COVERING INDEX course_category (category>?)", tables, 0);
    catch_stop(f->db, &c);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ledger_page_uses_session_date),
        cmocka_unit_test(test_member_page_uses_member_sort),
        cmocka_unit_test(test_course_page_uses_course_category),
        cmocka_unit_test(test_month_stats_use_session_date),
        cmocka_unit_test(test_county_summary_one_pass),
        cmocka_unit_test(test_branch_report_one_walk),
        cmocka_unit_test(test_members_behind_uses_member_year),
        cmocka_unit_test(test_unit_checklist_uses_session_index),
        cmocka_unit_test(test_units_checklist_one_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
