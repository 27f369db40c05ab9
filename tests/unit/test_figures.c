/* test_figures.c — figures core hands the front ends ready to show: hours, a shortfall, a session's attendance and
 * 参训率, live and voided counts, the menu's totals, "all done"; expected values by hand or by SQL. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "course.h"
#include "feedback.h"
#include "fixture.h"
#include "ledger.h"
#include "record.h"
#include "standard.h"
#include "stats.h"
#include "store.h"

static void test_hours_without_trailing_zeros(void **state)
{
    (void)state;
    static const struct {
        double hours;
        const char *text;
    } cases[] = {{2, "2"}, {1.5, "1.5"}, {0.25, "0.25"}, {0, "0"}, {24, "24"}, {3.0, "3"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char h[32];
        ledger_format_hours(h, sizeof h, cases[i].hours);
        assert_string_equal(h, cases[i].text);
    }
}

static void test_hours_cut_to_the_buffer(void **state)
{
    (void)state;
    char h[3];
    memset(h, 'x', sizeof h);
    ledger_format_hours(h, sizeof h, 12.75);
    assert_string_equal(h, "12");
}

/* A sum of hours: two decimals at most, never an exponent. */
static void test_hours_summed(void **state)
{
    (void)state;
    static const struct {
        double hours;
        const char *text;
    } cases[] = {{14.5, "14.5"}, {32, "32"}, {1.0 / 3.0, "0.33"}, {0.1 + 0.2, "0.3"}, {1234567, "1234567"}, {0, "0"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char h[32];
        ledger_format_hours_sum(h, sizeof h, cases[i].hours);
        assert_string_equal(h, cases[i].text);
    }
}

/* What a member still lacks: 32 required, 14.5 earned → 17.5; over the minimum → 0 (达标). */
static void test_shortfall(void **state)
{
    (void)state;
    assert_true(record_shortfall(14.5, 32) == 17.5);
    assert_true(record_shortfall(32, 32) == 0);
    assert_true(record_shortfall(40, 32) == 0);
    assert_true(record_shortfall(0, 24) == 24);
}

static void test_attendance_rate(void **state)
{
    (void)state;
    assert_true(stats_attendance_rate(3, 4) == 0.75);
    assert_true(stats_attendance_rate(0, 5) == 0);
    assert_true(stats_attendance_rate(5, 0) == 0); /* nobody expected: no rate, never a division */
    char t[16];
    stats_percent_text(0.875, t, sizeof t);
    assert_string_equal(t, "87.5%");
    stats_percent_text(2.0 / 3.0, t, sizeof t);
    assert_string_equal(t, "66.7%");
    stats_percent_text(0, t, sizeof t);
    assert_string_equal(t, "0.0%");
    stats_percent_text(1, t, sizeof t);
    assert_string_equal(t, "100.0%");
}

static void test_counts_of_a_roll_call(void **state)
{
    (void)state;
    struct attendee att[5] = {
        {.member_id = 1, .status = ATT_PRESENT}, {.member_id = 2, .status = ATT_LEAVE},
        {.member_id = 3, .status = ATT_PRESENT}, {.member_id = 4, .status = ATT_ABSENT},
        {.member_id = 5, .status = ATT_PRESENT},
    };
    struct att_counts c;
    ledger_count_attendance(att, 5, &c);
    assert_int_equal(c.present, 3);
    assert_int_equal(c.leave, 1);
    assert_int_equal(c.absent, 1);
    ledger_count_attendance(NULL, 0, &c);
    assert_int_equal(c.present + c.leave + c.absent, 0);
}

/* 应到 and 实到 are the session's as saved; 请假 and 缺席 come from its roll call. */
static void test_session_attendance_in_memory(void **state)
{
    (void)state;
    struct attendee att[4] = {
        {.member_id = 1, .status = ATT_PRESENT},
        {.member_id = 2, .status = ATT_PRESENT},
        {.member_id = 3, .status = ATT_LEAVE},
        {.member_id = 4, .status = ATT_ABSENT},
    };
    struct session s;
    memset(&s, 0, sizeof s);
    s.expected = 4;
    s.present = 2;
    s.att = att;
    s.natt = 4;
    struct session_attendance a;
    stats_session_attendance(&s, &a);
    assert_int_equal(a.expected, 4);
    assert_int_equal(a.present, 2);
    assert_int_equal(a.leave, 1);
    assert_int_equal(a.absent, 1);
    assert_string_equal(a.rate_text, "50.0%");

    /* A head count without a roll call: 30 of 40. */
    memset(&s, 0, sizeof s);
    s.expected = 40;
    s.present = 30;
    stats_session_attendance(&s, &a);
    assert_int_equal(a.leave + a.absent, 0);
    assert_string_equal(a.rate_text, "75.0%");
    assert_true(a.rate == 0.75);

    /* Nobody expected: a dash, not 0%. */
    memset(&s, 0, sizeof s);
    stats_session_attendance(&s, &a);
    assert_string_equal(a.rate_text, "—");
    assert_true(a.rate == 0);
}

/* A saved session read back: the figures agree with SQL over the ledger's own rows. */
static void test_session_attendance_saved(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t b = fixture_branch(f, "东风村党支部");
    int64_t m[3] = {fixture_member(f, b, "张三", NULL), fixture_member(f, b, "李四", NULL),
                    fixture_member(f, b, "王五", NULL)};
    struct attendee att[3] = {
        {.member_id = m[0], .status = ATT_PRESENT},
        {.member_id = m[1], .status = ATT_PRESENT},
        {.member_id = m[2], .status = ATT_LEAVE},
    };
    snprintf(att[2].reason, sizeof att[2].reason, "%s", "外出务工");
    struct session s;
    memset(&s, 0, sizeof s);
    snprintf(s.date, sizeof s.date, "%s", "2024-03-05");
    snprintf(s.title, sizeof s.title, "%s", "春季轮训");
    snprintf(s.category, sizeof s.category, "%s", "政治理论教育");
    snprintf(s.format, sizeof s.format, "%s", "集中培训");
    snprintf(s.kind, sizeof s.kind, "%s", "培训班");
    s.hours = 2;
    s.att = att;
    s.natt = 3;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(ledger_save_session(f->db, &s, &err), 0);
    struct session got;
    assert_int_equal(ledger_get_session(f->db, s.id, &got, &err), 0);
    struct session_attendance a;
    stats_session_attendance(&got, &a);
    assert_int_equal(a.expected, store_int(f->db, "SELECT count(*) FROM attendance", NULL));
    assert_int_equal(a.present, store_int(f->db, "SELECT count(*) FROM attendance WHERE status = 1", NULL));
    assert_int_equal(a.leave, store_int(f->db, "SELECT count(*) FROM attendance WHERE status = 2", NULL));
    assert_int_equal(a.absent, 0);
    assert_string_equal(a.rate_text, "66.7%");
    ledger_session_free(&got);
    fixture_free(f);
}

static int64_t save_session(struct fixture *f, const char *date)
{
    struct session s;
    memset(&s, 0, sizeof s);
    snprintf(s.date, sizeof s.date, "%s", date);
    snprintf(s.title, sizeof s.title, "培训 %s", date);
    snprintf(s.category, sizeof s.category, "%s", "政治理论教育");
    snprintf(s.format, sizeof s.format, "%s", "集中培训");
    snprintf(s.kind, sizeof s.kind, "%s", "培训班");
    s.hours = 1;
    struct fx_error err;
    fx_clear(&err);
    if (ledger_save_session(f->db, &s, &err))
        fail_msg("save session: %s", err.msg);
    return s.id;
}

/* The 台账 list's "共 N 期（另有作废 M 条）" for one month. */
static void test_live_and_voided(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    save_session(f, "2024-03-01");
    int64_t gone = save_session(f, "2024-03-02");
    save_session(f, "2024-03-03");
    save_session(f, "2024-04-01");
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(ledger_void_session(f->db, gone, "重复录入", &err), 0);
    struct ledger_filter march = {.from = "2024-03-01", .to = "2024-03-31", .include_voided = 1};
    int64_t live, voided;
    ledger_count_apart(f->db, &march, &live, &voided);
    assert_int_equal(live, 2);
    assert_int_equal(voided, 1);
    march.include_voided = 0; /* the filter's own setting does not matter */
    ledger_count_apart(f->db, &march, &live, &voided);
    assert_int_equal(live, 2);
    assert_int_equal(voided, 1);
    fixture_free(f);
}

/* The 菜单 screen's 合计, 精品 and 停用 under the categories. */
static void test_menu_totals(void **state)
{
    (void)state;
    struct course_count rows[3] = {
        {.category = "政治理论教育", .courses = 5, .featured = 2, .retired = 1},
        {.category = "革命传统教育", .courses = 3, .featured = 0, .retired = 0},
        {.category = "知识技能教育", .courses = 0, .featured = 0, .retired = 4},
    };
    struct course_count all;
    course_count_sum(rows, 3, &all);
    assert_string_equal(all.category, "合计");
    assert_int_equal(all.courses, 8);
    assert_int_equal(all.featured, 2);
    assert_int_equal(all.retired, 5);
    course_count_sum(rows, 0, &all);
    assert_int_equal(all.courses + all.featured + all.retired, 0);
}

static void test_all_done(void **state)
{
    (void)state;
    struct std_result r = {.nitems = 8, .done = 7};
    assert_false(standard_result_all_done(&r));
    r.done = 8;
    assert_true(standard_result_all_done(&r));
    struct std_branch_summary s = {.n = 3, .all_done = 3};
    assert_true(standard_summary_all_done(&s));
    s.all_done = 2;
    assert_false(standard_summary_all_done(&s));
}

/* 满意度 divides satisfied forms by forms returned, and shows — when none came back. */
static void test_feedback_rate(void **state)
{
    (void)state;
    char t[32];
    assert_float_equal(feedback_rate(27.0, 30), 0.9, 1e-12);
    feedback_rate_text(feedback_rate(27.0, 30), t, sizeof t);
    assert_string_equal(t, "90.0%");
    assert_true(feedback_rate(0.0, 0) < 0);
    feedback_rate_text(feedback_rate(0.0, 0), t, sizeof t);
    assert_string_equal(t, "—");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hours_without_trailing_zeros),
        cmocka_unit_test(test_hours_cut_to_the_buffer),
        cmocka_unit_test(test_hours_summed),
        cmocka_unit_test(test_shortfall),
        cmocka_unit_test(test_attendance_rate),
        cmocka_unit_test(test_counts_of_a_roll_call),
        cmocka_unit_test(test_session_attendance_in_memory),
        cmocka_unit_test(test_session_attendance_saved),
        cmocka_unit_test(test_live_and_voided),
        cmocka_unit_test(test_menu_totals),
        cmocka_unit_test(test_all_done),
        cmocka_unit_test(test_feedback_rate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
