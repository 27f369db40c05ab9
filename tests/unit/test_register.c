/* test_register.c — the register over time (core/register.c, member.c's history): 在册党员 on a day, the
 * period's register on its last day, 转正 as a change of category, leaving with the history kept, the
 * pro-rated target, and a closed year's register that cannot move. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "date.h"
#include "fixture.h"
#include "maint.h"
#include "member.h"
#include "record.h"
#include "register.h"
#include "stats.h"
#include "store.h"

static int64_t add(struct fixture *f, int64_t branch, const char *name, const char *category, const char *post,
                   const char *since)
{
    struct member m;
    memset(&m, 0, sizeof m);
    m.branch_id = branch;
    snprintf(m.name, sizeof m.name, "%s", name);
    snprintf(m.category, sizeof m.category, "%s", category);
    snprintf(m.post, sizeof m.post, "%s", post);
    snprintf(m.since, sizeof m.since, "%s", since);
    struct fx_error err;
    fx_clear(&err);
    if (member_save(f->db, &m, &err))
        fail_msg("member_save %s: %s", name, err.msg);
    return m.id;
}

static int64_t count_on(struct fixture *f, int64_t branch, const char *date)
{
    int64_t n = -1;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(register_count(f->db, 0, branch, date, &n, &err), 0);
    return n;
}

static void test_register_on_a_day(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t east = fixture_branch(f, "东村党支部"), west = fixture_branch(f, "西村党支部");
    add(f, east, "张三", "正式党员", "书记", "");
    int64_t ls = add(f, east, "李四", "正式党员", "", "");
    add(f, east, "王五", "预备党员", "", "2026-06-01");
    add(f, west, "孙八", "入党积极分子", "", "");
    add(f, west, "周九", "发展对象", "", "");
    add(f, west, "吴十", "正式党员", "", "2026-10-01");
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(member_leave(f->db, ls, "2026-11-20", "转出", &err), 0);

    assert_int_equal(count_on(f, 0, "2026-03-31"), 2); /* 张三 李四: 王五 from June, 吴十 from October */
    assert_int_equal(count_on(f, 0, "2026-06-01"), 3); /* the first day counts */
    assert_int_equal(count_on(f, 0, "2026-11-19"), 4);
    assert_int_equal(count_on(f, 0, "2026-11-20"), 3); /* the day of leaving does not */
    assert_int_equal(count_on(f, west, "2026-12-31"), 1); /* activists and 发展对象 never */
    int64_t c = -1;
    assert_int_equal(register_count_candidates(f->db, 0, "2026-03-31", &c, &err), 0);
    assert_int_equal(c, 2);
    int64_t both[] = {east, west, east};
    assert_int_equal(member_registered_in_branches(f->db, both, 3, "2026-11-19", &c, &err), 0);
    assert_int_equal(c, 4); /* a branch named twice counts once */

    /* A period's 在册党员 is the register on its last day; its 受训率 counts registered members trained. */
    struct fx_period p;
    period_make(PERIOD_MONTH, 2026, 3, &p);
    struct period_stats s;
    assert_int_equal(stats_period(f->db, &p, &s, &err), 0);
    assert_int_equal(s.members, 2);
    assert_int_equal(s.candidates, 2);

    /* The history: 李四's one term ended (转出), nothing deleted; the member is off today's roster. */
    struct member_term t[4];
    assert_int_equal(member_terms(f->db, ls, t, 4, &err), 1);
    assert_string_equal(t[0].until, "2026-11-20");
    assert_string_equal(t[0].until_reason, "转出");
    struct member m;
    assert_int_equal(member_get(f->db, ls, &m, &err), 0);
    assert_int_equal(m.active, 0);
    assert_int_equal(member_leave(f->db, ls, "2026-12-01", "转出", &err), FX_EINPUT); /* not on the roster */
    fixture_free(f);
}

static void test_change_of_category(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t b = fixture_branch(f, "东村党支部");
    int64_t id = add(f, b, "王五", "预备党员", "", "2025-06-01");
    struct member m;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(member_get(f->db, id, &m, &err), 0);
    assert_string_equal(m.since, "2025-06-01");
    assert_string_equal(m.role, "普通党员"); /* version 1's word kept in step */
    snprintf(m.category, sizeof m.category, "%s", "正式党员");
    snprintf(m.since, sizeof m.since, "%s", "2026-06-01");
    assert_int_equal(member_save(f->db, &m, &err), 0);
    struct member_term t[4];
    assert_int_equal(member_terms(f->db, id, t, 4, &err), 2);
    assert_string_equal(t[0].category, "预备党员");
    assert_string_equal(t[0].until, "2026-06-01");
    assert_string_equal(t[0].until_reason, "转正");
    assert_string_equal(t[1].category, "正式党员");
    assert_string_equal(t[1].since, "2026-06-01");
    assert_int_equal(count_on(f, 0, "2026-05-31"), 1); /* on the register throughout */
    assert_int_equal(count_on(f, 0, "2026-06-01"), 1);
    /* A change dated before the current term began is refused. */
    snprintf(m.category, sizeof m.category, "%s", "预备党员");
    snprintf(m.since, sizeof m.since, "%s", "2026-01-01");
    assert_int_equal(member_save(f->db, &m, &err), FX_EINPUT);
    /* A secretary's role word follows the 职务; an unknown 类别 is refused. */
    int64_t sj = add(f, b, "张书记", "正式党员", "书记", "");
    assert_int_equal(fixture_int(f, "SELECT count(*) FROM member WHERE id = ?1 AND role = '党组织书记'", "i", sj), 1);
    memset(&m, 0, sizeof m);
    m.branch_id = b;
    snprintf(m.name, sizeof m.name, "%s", "某人");
    snprintf(m.category, sizeof m.category, "%s", "群众");
    assert_int_equal(member_save(f->db, &m, &err), FX_EINPUT);
    assert_string_equal(err.field, "category");
    fixture_free(f);
}

static void test_prorated_target(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t b = fixture_branch(f, "东村党支部");
    int64_t all = add(f, b, "张三", "正式党员", "", "");
    int64_t lead = add(f, b, "赵六", "正式党员", "班子成员", "");
    int64_t in = add(f, b, "吴十", "正式党员", "", "2026-10-01");
    int64_t mid = add(f, b, "钱七", "正式党员", "", "2026-10-02"); /* October not whole */
    int64_t out = add(f, b, "李四", "正式党员", "", "");
    int64_t act = add(f, b, "孙八", "入党积极分子", "", "");
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(member_leave(f->db, out, "2026-11-20", "转出", &err), 0);
    struct fx_config cfg;
    config_defaults(&cfg);
    assert_true(cfg.prorate);
    assert_false(cfg.count_candidates);
    double need = -1;
    assert_int_equal(record_need(f->db, &cfg, all, 2026, &need, &err), 0);
    assert_near(need, 32, 1e-9);
    assert_int_equal(record_need(f->db, &cfg, lead, 2026, &need, &err), 0);
    assert_near(need, 56, 1e-9); /* by 职务 */
    assert_int_equal(record_need(f->db, &cfg, in, 2026, &need, &err), 0);
    assert_near(need, 8, 1e-9); /* 32 × 3/12 */
    assert_int_equal(record_need(f->db, &cfg, mid, 2026, &need, &err), 0);
    assert_near(need, 5.3, 1e-9); /* 32 × 2/12, one decimal */
    assert_int_equal(record_need(f->db, &cfg, out, 2026, &need, &err), 0);
    assert_near(need, 26.7, 1e-9); /* January to October */
    assert_int_equal(record_need(f->db, &cfg, act, 2026, &need, &err), 0);
    assert_near(need, 0, 1e-9); /* not held */
    int64_t held = 0, behind = 0;
    assert_int_equal(stats_hours_standing(f->db, &cfg, 2026, &held, &behind, &err), 0);
    assert_int_equal(held, 5);
    assert_int_equal(behind, 5); /* nobody has hours; the activist is not among them */
    /* The same six for a page of a list, by one call (record_year_figures); nobody has hours yet. */
    const int64_t ids[6] = {all, lead, in, mid, out, act};
    const double want[6] = {32, 56, 8, 5.3, 26.7, 0};
    double hours[6], needs[6];
    assert_int_equal(record_year_figures(f->db, &cfg, 2026, ids, 6, hours, needs, &err), 0);
    for (int i = 0; i < 6; i++) {
        assert_near(hours[i], 0, 1e-9);
        assert_near(needs[i], want[i], 1e-9);
    }
    cfg.prorate = false;
    cfg.count_candidates = true;
    assert_int_equal(record_need(f->db, &cfg, in, 2026, &need, &err), 0);
    assert_near(need, 32, 1e-9);
    assert_int_equal(record_need(f->db, &cfg, act, 2026, &need, &err), 0);
    assert_near(need, 32, 1e-9);
    assert_int_equal(stats_hours_standing(f->db, &cfg, 2026, &held, &behind, &err), 0);
    assert_int_equal(held, 6);
    /* A year the member was not on the register at all: no target. */
    assert_int_equal(record_need(f->db, &cfg, out, 2027, &need, &err), 0);
    assert_near(need, 0, 1e-9);
    /* 预备党员 then 正式党员 from 2026-07-01: two terms, neither over the whole year, every month whole together. */
    cfg.prorate = true;
    int64_t turn = add(f, b, "周九", "预备党员", "", "2025-03-01");
    struct member m;
    assert_int_equal(member_get(f->db, turn, &m, &err), 0);
    snprintf(m.category, sizeof m.category, "%s", "正式党员");
    snprintf(m.since, sizeof m.since, "%s", "2026-07-01");
    assert_int_equal(member_save(f->db, &m, &err), 0);
    assert_int_equal(record_need(f->db, &cfg, turn, 2026, &need, &err), 0);
    assert_near(need, 32, 1e-9);

    /* Hours for some: 张三 32 (his whole year's 32), 吴十 and 钱七 8 (their pro-rated 8 and 5.3), 周九 32 (two terms,
     * every month whole: 32); 赵六 (56) and 李四 (26.7) none. stats_hours_standing counts those at their target
     * in two parts (a whole year's target by member_year's index; a pro-rated one member by member). */
    cfg.count_candidates = false;
    int64_t s1 = fixture_session(f, &(struct fixture_session){.date = "2026-11-02", .hours = 8});
    int64_t s2 = fixture_session(f, &(struct fixture_session){.date = "2026-11-03", .hours = 24});
    const int64_t eight[] = {all, in, mid, turn}, more[] = {all, turn};
    for (int i = 0; i < 4; i++)
        fixture_attend(f, s1, eight[i], "present", NULL);
    for (int i = 0; i < 2; i++)
        fixture_attend(f, s2, more[i], "present", NULL);
    assert_int_equal(stats_hours_standing(f->db, &cfg, 2026, &held, &behind, &err), 0);
    assert_int_equal(held, 6);
    assert_int_equal(behind, 2); /* 赵六 and 李四 */
    cfg.prorate = false; /* everyone's whole target: 吴十 and 钱七 fall short too */
    assert_int_equal(stats_hours_standing(f->db, &cfg, 2026, &held, &behind, &err), 0);
    assert_int_equal(held, 6);
    assert_int_equal(behind, 4);
    cfg.prorate = true;
    cfg.min_member = 0; /* a target of 0 for members (the count falls back to one pass): only 赵六, 56, short */
    assert_int_equal(stats_hours_standing(f->db, &cfg, 2026, &held, &behind, &err), 0);
    assert_int_equal(held, 6);
    assert_int_equal(behind, 1);
    fixture_free(f);
}

static void test_closed_year_register(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t b = fixture_branch(f, "东村党支部");
    int64_t id = add(f, b, "张三", "正式党员", "", "");
    fixture_exec(f, "INSERT INTO closed_year (year) VALUES (2025)");
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(member_leave(f->db, id, "2025-12-01", "转出", &err), FX_ECLOSED);
    assert_int_equal(count_on(f, 0, "2025-12-31"), 1);
    assert_int_equal(member_leave(f->db, id, "2026-01-10", "转出", &err), 0); /* the open year moves */
    assert_int_equal(count_on(f, 0, "2025-12-31"), 1);
    assert_int_equal(count_on(f, 0, "2026-01-10"), 0);
    assert_int_not_equal(sqlite3_exec(f->db, "DELETE FROM member_term", NULL, NULL, NULL), SQLITE_OK);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_register_on_a_day),
        cmocka_unit_test(test_change_of_category),
        cmocka_unit_test(test_prorated_target),
        cmocka_unit_test(test_closed_year_register),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
