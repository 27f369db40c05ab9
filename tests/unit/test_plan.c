/* test_plan.c — the year's training plan in core (issue 15): months and periods as people write them, the
 * automatic link's rule (one match links, none or two do not), plan against actual on the day a month ends,
 * the plan checked against the training-plan rules, and the closed year. Expected values are written by hand. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger.h"
#include "maint.h"
#include "paths.h"
#include "plan.h"
#include "standard.h"
#include "store.h"

static void test_parse_months(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int first, last;
    } good[] = {
        {"3", 3, 3},          {"3月", 3, 3},        {"03", 3, 3},         {"12月份", 12, 12},   {"2026-03", 3, 3},
        {"2026年3月", 3, 3},  {"2026/11", 11, 11},  {"1-2月", 1, 2},      {"1—2月", 1, 2},      {"1月至2月", 1, 2},
        {"11～12月", 11, 12}, {"第一季度", 1, 3},   {"四季度", 10, 12},   {"上半年", 1, 6},     {"下半年", 7, 12},
        {"全年", 1, 12},      {"２月", 2, 2},       {" 5 月 ", 5, 5},     {"2026年上半年", 1, 6},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int a = 0, b = 0;
        struct fx_error err;
        fx_clear(&err);
        if (plan_parse_months(good[i].text, 2026, &a, &b, &err))
            fail_msg("%s: %s", good[i].text, err.msg);
        if (a != good[i].first || b != good[i].last)
            fail_msg("%s: %d-%d, wanted %d-%d", good[i].text, a, b, good[i].first, good[i].last);
    }
    static const char *const bad[] = {"", "13", "0月", "2-1月", "2027-03", "三月", "3月5日", "1-", "2026", "abc",
                                      "2026年13月"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int a = 7, b = 7;
        struct fx_error err;
        fx_clear(&err);
        if (plan_parse_months(bad[i], 2026, &a, &b, &err) != FX_EINPUT)
            fail_msg("accepted [%s]", bad[i]);
        assert_non_null(strstr(err.msg, "月份"));
    }
    char out[32];
    plan_format_months(3, 3, out, sizeof out);
    assert_string_equal(out, "3月");
    plan_format_months(5, 6, out, sizeof out);
    assert_string_equal(out, "5—6月");
    plan_format_months(7, 12, out, sizeof out);
    assert_string_equal(out, "下半年");
}

static int64_t add_item(struct fixture *f, int first, int last, const char *title, const char *kind, const char *category)
{
    struct plan_item p;
    memset(&p, 0, sizeof p);
    p.year = 2026;
    p.month_first = first;
    p.month_last = last;
    snprintf(p.title, sizeof p.title, "%s", title);
    snprintf(p.kind, sizeof p.kind, "%s", kind);
    snprintf(p.category, sizeof p.category, "%s", category);
    struct fx_error err;
    fx_clear(&err);
    if (plan_add(f->db, &p, &err))
        fail_msg("plan_add %s: %s", title, err.msg);
    return p.id;
}

static int64_t autolink(struct fixture *f, int64_t session)
{
    int64_t plan = -1;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(plan_autolink_session(f->db, session, &plan, &err), 0);
    return plan;
}

static void test_autolink_and_progress(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t jan = add_item(f, 1, 1, "一月党课", "专题党课", "政治理论教育");
    int64_t q2a = add_item(f, 4, 6, "二季度培训班甲", "培训班", "知识技能教育");
    int64_t q2b = add_item(f, 4, 6, "二季度培训班乙", "培训班", "知识技能教育");
    int64_t jun = add_item(f, 6, 6, "六月现场教学", "现场教学", "革命传统教育");
    /* One match: linked. */
    int64_t s1 = fixture_session(f, &(struct fixture_session){.date = "2026-01-20", .kind = "专题党课",
                                                               .category = "政治理论教育"});
    assert_int_equal(autolink(f, s1), jan);
    /* Already linked: a second January lecture finds no unlinked item. */
    int64_t s2 = fixture_session(f, &(struct fixture_session){.date = "2026-01-27", .kind = "专题党课",
                                                               .category = "政治理论教育"});
    assert_int_equal(autolink(f, s2), 0);
    /* Two matches (both second-quarter classes): nothing linked, the secretary chooses. */
    int64_t s3 = fixture_session(f, &(struct fixture_session){.date = "2026-05-10", .kind = "培训班",
                                                               .category = "知识技能教育"});
    assert_int_equal(autolink(f, s3), 0);
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(plan_link_session(f->db, s3, q2b, &err), 0);
    /* Now one is left: the next class of the quarter takes it. */
    int64_t s4 = fixture_session(f, &(struct fixture_session){.date = "2026-06-02", .kind = "培训班",
                                                               .category = "知识技能教育"});
    assert_int_equal(autolink(f, s4), q2a);
    /* Another category: no link. */
    int64_t s5 = fixture_session(f, &(struct fixture_session){.date = "2026-06-09", .kind = "现场教学",
                                                               .category = "政治理论教育"});
    assert_int_equal(autolink(f, s5), 0);
    /* A link to another year's item is refused; a voided session cannot be linked. */
    int64_t s6 = fixture_session(f, &(struct fixture_session){.date = "2025-06-09", .kind = "现场教学",
                                                               .category = "革命传统教育"});
    assert_int_equal(plan_link_session(f->db, s6, jun, &err), FX_EINPUT);

    /* On 2026-06-30 June's item is not yet overdue; on 2026-07-01 it is. */
    struct plan_progress p;
    assert_int_equal(plan_progress(f->db, 2026, "2026-06-30", &p, &err), 0);
    assert_int_equal(p.nrows, 4);
    assert_int_equal(p.month[0].planned, 4);
    assert_int_equal(p.month[0].done, 3);
    assert_int_equal(p.month[0].overdue, 0);
    assert_int_equal(p.month[0].pending, 1);
    assert_int_equal(p.month[6].planned, 3); /* due in June: the two quarter classes and the June visit */
    plan_progress_free(&p);
    assert_int_equal(plan_progress(f->db, 2026, "2026-07-01", &p, &err), 0);
    assert_int_equal(p.month[0].overdue, 1);
    assert_int_equal(p.rows[3].item.id, jun);
    assert_int_equal(p.rows[3].state, PLAN_OVERDUE);
    assert_true(plan_rate(&p.month[0]) > 0.749 && plan_rate(&p.month[0]) < 0.751);
    plan_progress_free(&p);
    /* Voiding January's session undoes its item. */
    fixture_exec(f, "UPDATE session SET voided = 1, void_reason = '重复' WHERE id = 1");
    assert_int_equal(plan_progress(f->db, 2026, "2026-07-01", &p, &err), 0);
    assert_int_equal(p.rows[0].state, PLAN_OVERDUE);
    assert_int_equal(p.month[0].done, 2);
    plan_progress_free(&p);
    fixture_free(f);
}

static void test_check_and_close(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct standard std;
    struct fx_error err;
    fx_clear(&err);
    char path[1024];
    snprintf(path, sizeof path, "%s/standards/40-peixun-jihua.ini", paths_data_dir());
    if (standard_load(path, &std, &err))
        fail_msg("%s: %s", path, err.msg);
    /* 集中学习 in January, March, July and November only: May–June and September–October uncovered. */
    add_item(f, 1, 1, "一月", "培训班", "政治理论教育");
    add_item(f, 3, 3, "三月", "专题党课", "政治理论教育");
    add_item(f, 7, 7, "七月", "培训班", "政治理论教育");
    add_item(f, 11, 12, "岁末", "现场教学", "革命传统教育");
    struct plan_check c;
    assert_int_equal(plan_check_standard(f->db, 2026, &std, &c, &err), 0);
    assert_false(c.ok);
    assert_int_equal(c.nrules, 3);
    assert_false(c.rule[0].met);
    assert_string_equal(c.rule[0].gaps, "5—6月、9—10月");
    assert_true(c.rule[1].met); /* 培训班 in each half-year */
    assert_false(c.rule[2].met);
    assert_int_equal(c.rule[2].found, 2);
    assert_int_equal(c.rule[2].required, 10);
    /* 建账 once; twice is a polite no; a closed year refuses. */
    assert_int_equal(plan_open_year(f->db, 2026, &std, &c, &err), 0);
    assert_int_equal(plan_open_year(f->db, 2026, &std, &c, &err), FX_NO);
    assert_int_equal(maint_close_year(f->db, 2025, &err), 0);
    assert_int_equal(plan_open_year(f->db, 2025, &std, &c, &err), FX_ECLOSED);
    struct plan_item p;
    memset(&p, 0, sizeof p);
    p.year = 2025;
    p.month_first = p.month_last = 3;
    snprintf(p.title, sizeof p.title, "迟到的计划");
    snprintf(p.kind, sizeof p.kind, "培训班");
    snprintf(p.category, sizeof p.category, "政治理论教育");
    assert_int_equal(plan_add(f->db, &p, &err), FX_ECLOSED);
    /* The plan of a closed year is in its digest (version 3). */
    char before[80], after[80];
    assert_int_equal(maint_close_year(f->db, 2026, &err), 0);
    assert_int_equal(maint_year_digest(f->db, 2026, before, &err), 0);
    assert_int_equal(strncmp(before, "v3:", 3), 0);
    fixture_exec(f, "DROP TRIGGER plan_item_closed_update; UPDATE plan_item SET title = 'x' WHERE year = 2026");
    assert_int_equal(maint_year_digest(f->db, 2026, after, &err), 0);
    assert_string_not_equal(before, after);
    standard_free(&std);
    fixture_free(f);
}

/* plan_update: one audited change of a live item, the same checks as plan_add, refused in a closed year; a hand
 * link made through ledger_save_session's plan_id. */
static void test_update_and_hand_link(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct fx_error err;
    fx_clear(&err);
    int64_t id = add_item(f, 3, 3, "三月", "培训班", "政治理论教育");
    struct plan_item p;
    assert_int_equal(plan_get(f->db, id, &p, &err), 0);
    snprintf(p.title, sizeof p.title, "三四月培训班");
    p.month_last = 4;
    p.hours = 6;
    assert_int_equal(plan_update(f->db, &p, &err), 0);
    struct plan_item q;
    assert_int_equal(plan_get(f->db, id, &q, &err), 0);
    assert_string_equal(q.title, "三四月培训班");
    assert_int_equal(q.month_first, 3);
    assert_int_equal(q.month_last, 4);
    assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit WHERE entity = 'plan' AND action = 'update'", ""), 1);
    p.title[0] = '\0';
    assert_int_equal(plan_update(f->db, &p, &err), FX_EINPUT);
    assert_string_equal(err.field, "title");
    /* A session saved with plan_id is linked by hand, in the save's own transaction. */
    struct session s;
    memset(&s, 0, sizeof s);
    snprintf(s.date, sizeof s.date, "2026-06-10");
    snprintf(s.title, sizeof s.title, "六月课");
    snprintf(s.category, sizeof s.category, "党章党规党纪教育");
    snprintf(s.format, sizeof s.format, "集中培训");
    snprintf(s.kind, sizeof s.kind, "专题党课");
    s.hours = 2;
    s.plan_id = id;
    assert_int_equal(ledger_save_session(f->db, &s, &err), 0);
    int64_t linked = 0;
    char how[16];
    assert_int_equal(plan_session_link(f->db, s.id, &linked, how, &err), 0);
    assert_int_equal(linked, id);
    assert_string_equal(how, PLAN_HOW_HAND);
    struct plan_session ps[4];
    int n = 0;
    assert_int_equal(plan_item_sessions(f->db, id, ps, 4, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ps[0].title, "六月课");
    assert_int_equal(maint_close_year(f->db, 2026, &err), 0);
    assert_int_equal(plan_get(f->db, id, &p, &err), 0);
    snprintf(p.title, sizeof p.title, "改不了");
    assert_int_equal(plan_update(f->db, &p, &err), FX_ECLOSED);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_months),
        cmocka_unit_test(test_autolink_and_progress),
        cmocka_unit_test(test_check_and_close),
        cmocka_unit_test(test_update_and_hand_link),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
