/* test_member.c — a member's yearly record and hours (core/record.c) against the plain SQL sum over attendance.
 * Covers a voided session, 12-31 and 01-01 of adjacent years, paging, the behind list, branch pages (core/branch.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "branch.h"
#include "config.h"
#include "fixture.h"
#include "ledger.h"
#include "record.h"
#include "store.h"

struct world {
    struct fixture *f;
    int64_t branch, other, zs, ls, sj; /* 张三, 李四, 王书记 (a 党组织书记) */
    int64_t voided;
};

static int64_t add_session(struct world *w, const char *date, const char *title, double hours, int64_t absent)
{
    struct session s;
    memset(&s, 0, sizeof s);
    snprintf(s.date, sizeof s.date, "%s", date);
    snprintf(s.title, sizeof s.title, "%s", title);
    snprintf(s.category, sizeof s.category, "%s", "政治理论教育");
    snprintf(s.format, sizeof s.format, "%s", "集中培训");
    snprintf(s.kind, sizeof s.kind, "%s", "培训班");
    s.hours = hours;
    struct attendee att[3] = {{w->zs, ATT_PRESENT, "", 0}, {w->ls, ATT_PRESENT, "", 0}, {w->sj, ATT_PRESENT, "", 0}};
    for (int i = 0; i < 3; i++)
        if (att[i].member_id == absent) {
            att[i].status = ATT_ABSENT;
            snprintf(att[i].reason, sizeof att[i].reason, "%s", "外出务工");
        }
    s.att = att;
    s.natt = 3;
    s.branches = &w->branch;
    s.nbranches = 1;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(ledger_save_session(w->f->db, &s, &err), 0);
    return s.id;
}

/* The ledger of every test: sessions across New Year 2023/2024/2025, one voided, one 张三 missed. */
static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    w->f = fixture_new();
    w->branch = fixture_branch(w->f, "东风村党支部");
    w->other = fixture_branch(w->f, "新华社区党支部");
    w->zs = fixture_member(w->f, w->branch, "张三", NULL);
    w->ls = fixture_member(w->f, w->branch, "李四", NULL);
    w->sj = fixture_member(w->f, w->branch, "王书记", "党组织书记");
    add_session(w, "2023-12-31", "年终学习（去年）", 4, 0);
    add_session(w, "2024-01-01", "新年第一课", 2.5, 0);
    add_session(w, "2024-03-15", "学习贯彻党的二十大精神", 8, 0);
    add_session(w, "2024-06-01", "张三缺席的一课", 3, w->zs);
    w->voided = add_session(w, "2024-07-01", "作废的一课", 6, 0);
    add_session(w, "2024-12-31", "年终学习", 4, 0);
    add_session(w, "2025-01-01", "明年第一课", 2, 0);
    struct fx_error err;
    assert_int_equal(ledger_void_session(w->f->db, w->voided, "录错了", &err), 0);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    fixture_free(w->f);
    free(w);
    return 0;
}

static double sql_sum(sqlite3 *db, int64_t member, const char *year)
{
    sqlite3_stmt *st;
    double h = -1;
    store_prepare(db,
                       "SELECT ifnull(sum(s.hours), 0) FROM attendance a JOIN session s ON s.id = a.session_id "
                       "WHERE a.member_id = ? AND a.status = 1 AND s.voided = 0 AND substr(s.date, 1, 4) = ?", &st, NULL);
    sqlite3_bind_int64(st, 1, member);
    sqlite3_bind_text(st, 2, year, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        h = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return h;
}

static void test_hours_equal_sql_sum(void **state)
{
    struct world *w = *state;
    struct fx_config cfg;
    config_defaults(&cfg);
    struct fx_error err;
    const int64_t who[] = {w->zs, w->ls, w->sj};
    const char *years[] = {"2023", "2024", "2025", "2026"};
    for (int i = 0; i < 3; i++)
        for (int y = 0; y < 4; y++) {
            struct record_total t;
            assert_int_equal(record_hours(w->f->db, &cfg, who[i], atoi(years[y]), &t, &err), 0);
            assert_near(t.hours, sql_sum(w->f->db, who[i], years[y]), 1e-9);
            /* and the aggregate the lists read agrees with the record */
            double agg;
            int64_t n;
            assert_int_equal(record_year_aggregate(w->f->db, who[i], atoi(years[y]), &agg, &n, &err), 0);
            assert_near(agg, t.hours, 1e-9);
            assert_int_equal(n, t.present);
        }
    struct record_total t;
    /* 2024 for 张三: 01-01 2.5 + 03-15 8 + 12-31 4; not the missed 3, not the voided 6, not 2023-12-31 or 2025-01-01.
     */
    assert_int_equal(record_hours(w->f->db, &cfg, w->zs, 2024, &t, &err), 0);
    assert_near(t.hours, 14.5, 1e-9);
    assert_int_equal(t.present, 3);
    assert_int_equal(t.absent, 1);
    assert_int_equal(t.leave, 0);
    assert_near(t.minimum, 32, 0);
    assert_near(t.behind, 17.5, 1e-9);
    assert_int_equal(record_hours(w->f->db, &cfg, w->sj, 2024, &t, &err), 0);
    assert_near(t.hours, 17.5, 1e-9);
    assert_near(t.minimum, 56, 0);
    assert_near(t.behind, 38.5, 1e-9);
    assert_int_equal(record_hours(w->f->db, &cfg, w->zs, 2023, &t, &err), 0);
    assert_near(t.hours, 4, 1e-9);
    assert_int_equal(record_hours(w->f->db, &cfg, 9999, 2024, &t, &err), FX_ENOTFOUND);
}

static void test_year_page(void **state)
{
    struct world *w = *state;
    struct fx_error err;
    struct record_session rows[8];
    int n = record_year_page(w->f->db, w->zs, 2024, NULL, rows, 8, &err);
    /* four live sessions in 2024 (the voided one is gone), in date order */
    assert_int_equal(n, 4);
    assert_string_equal(rows[0].date, "2024-01-01");
    assert_string_equal(rows[1].date, "2024-03-15");
    assert_string_equal(rows[2].date, "2024-06-01");
    assert_string_equal(rows[2].status, "absent");
    assert_string_equal(rows[2].reason, "外出务工");
    assert_string_equal(rows[3].date, "2024-12-31");
    for (int i = 0; i < n; i++)
        assert_true(rows[i].session_id != w->voided);
    /* keyset: one row at a time walks the same list */
    struct record_session one, prev;
    int k = 0;
    const struct record_session *after = NULL;
    while (record_year_page(w->f->db, w->zs, 2024, after, &one, 1, &err) == 1) {
        assert_int_equal(one.session_id, rows[k].session_id);
        prev = one;
        after = &prev;
        k++;
    }
    assert_int_equal(k, 4);
    assert_int_equal(record_year_page(w->f->db, w->zs, 2025, NULL, rows, 8, &err), 1);
    assert_string_equal(rows[0].date, "2025-01-01");
    assert_int_equal(record_year_page(w->f->db, w->zs, 2022, NULL, rows, 8, &err), 0);
}

static void test_behind_page(void **state)
{
    struct world *w = *state;
    struct fx_config cfg;
    config_defaults(&cfg);
    struct fx_error err;
    /* someone in the other branch with nothing at all */
    int64_t zero = fixture_member(w->f, w->other, "赵零", NULL);
    struct record_behind rows[8];
    int n = record_behind_page(w->f->db, &cfg, 2024, 0, NULL, rows, 8, &err);
    assert_int_equal(n, 4);
    /* largest shortfall first: 王书记 56-17.5, 赵零 32, 张三 32-14.5 = 17.5, 李四 32-17.5 = 14.5 */
    assert_int_equal(rows[0].id, w->sj);
    assert_near(rows[0].shortfall, 38.5, 1e-9);
    assert_int_equal(rows[1].id, zero);
    assert_near(rows[1].shortfall, 32, 1e-9);
    assert_int_equal(rows[2].id, w->zs);
    assert_int_equal(rows[3].id, w->ls);
    assert_string_equal(rows[1].branch, "新华社区党支部");
    /* the same list a row at a time */
    struct record_behind one, prev;
    const struct record_behind *after = NULL;
    int k = 0;
    while (record_behind_page(w->f->db, &cfg, 2024, 0, after, &one, 1, &err) == 1) {
        assert_int_equal(one.id, rows[k].id);
        prev = one;
        after = &prev;
        k++;
    }
    assert_int_equal(k, 4);
    int64_t count;
    assert_int_equal(record_behind_count(w->f->db, &cfg, 2024, 0, &count, &err), 0);
    assert_int_equal(count, 4);
    assert_int_equal(record_behind_count(w->f->db, &cfg, 2024, w->other, &count, &err), 0);
    assert_int_equal(count, 1);
    /* by branch */
    assert_int_equal(record_behind_page(w->f->db, &cfg, 2024, w->other, NULL, rows, 8, &err), 1);
    /* a lower minimum: nobody with 14.5 or more is behind */
    cfg.min_member = 14.5;
    cfg.min_leader = 10;
    n = record_behind_page(w->f->db, &cfg, 2024, 0, NULL, rows, 8, &err);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].id, zero);
}

static void test_branch_page(void **state)
{
    struct world *w = *state;
    struct fx_error err;
    struct branch_row rows[4];
    assert_int_equal(branch_page(w->f->db, "", "", 0, rows, 4, &err), 2);
    assert_string_equal(rows[0].b.name, "东风村党支部");
    assert_int_equal(rows[0].members, 3);
    assert_int_equal(branch_page(w->f->db, "", rows[0].b.name, rows[0].b.id, rows, 4, &err), 1);
    assert_string_equal(rows[0].b.name, "新华社区党支部");
    assert_int_equal(branch_page(w->f->db, "xhsq", "", 0, rows, 4, &err), 1);
    assert_int_equal(rows[0].b.id, w->other);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_hours_equal_sql_sum, setup, teardown),
        cmocka_unit_test_setup_teardown(test_year_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_behind_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_branch_page, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
