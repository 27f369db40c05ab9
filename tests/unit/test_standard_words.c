/* test_standard_words.c — a checklist in words (core/standard_words.c): stars, lacking sub-periods, the totals line,
 * the rates sentence the screen, `check` and the export share, and when a standard goes branch by branch. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "ledger.h"
#include "standard.h"

static char tmpdir[256];

static const char *write_file(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void add_meeting(struct fixture *f, const char *date, int64_t branch)
{
    struct session s;
    memset(&s, 0, sizeof s);
    snprintf(s.date, sizeof s.date, "%s", date);
    snprintf(s.title, sizeof s.title, "党员大会 %s", date);
    snprintf(s.category, sizeof s.category, "%s", "政治理论教育");
    snprintf(s.format, sizeof s.format, "%s", "集中培训");
    snprintf(s.kind, sizeof s.kind, "%s", "党员大会");
    s.hours = 1;
    s.branches = &branch;
    s.nbranches = 1;
    struct fx_error err;
    fx_clear(&err);
    if (ledger_save_session(f->db, &s, &err))
        fail_msg("save session: %s", err.msg);
}

static void test_stars(void **state)
{
    (void)state;
    char t[64];
    standard_stars_text(3, t, sizeof t);
    assert_string_equal(t, "★★★☆☆");
    standard_stars_text(0, t, sizeof t);
    assert_string_equal(t, "☆☆☆☆☆");
    standard_stars_text(5, t, sizeof t);
    assert_string_equal(t, "★★★★★");

    struct standard s;
    memset(&s, 0, sizeof s);
    for (int k = 0; k <= 5; k++)
        s.star_min[k] = -1;
    assert_false(standard_has_stars(&s));
    s.star_min[4] = 80;
    assert_true(standard_has_stars(&s));
}

/* Figures laid out by hand: the words are the summary's, one decimal. */
static void test_rates_of_a_summary(void **state)
{
    (void)state;
    struct standard s;
    memset(&s, 0, sizeof s);
    for (int k = 0; k <= 5; k++)
        s.star_min[k] = -1;
    struct std_branch_summary sum;
    memset(&sum, 0, sizeof sum);
    sum.n = 8;
    sum.all_done = 7;
    sum.normal_rate = 0.875;
    struct std_rates_text r;
    standard_rates_text(&s, &sum, &r);
    assert_false(r.has_stars);
    assert_string_equal(r.normal, "规范化率 87.5%（7/8 个党组织全部完成）");
    assert_string_equal(r.good, "");
    assert_string_equal(r.stars, "");
    assert_string_equal(r.sentence, "规范化率 87.5%（7/8 个党组织全部完成）");

    s.star_min[1] = 10;
    s.star_min[5] = 90;
    int at[6] = {1, 2, 0, 1, 3, 1};
    memcpy(sum.at_stars, at, sizeof at);
    sum.good_rate = 0.5;
    standard_rates_text(&s, &sum, &r);
    assert_true(r.has_stars);
    assert_string_equal(r.good, "优良率 50.0%");
    assert_string_equal(r.stars, "5 星 1 个、4 星 3 个、3 星 1 个、2 星 0 个、1 星 2 个、0 星 1 个");
    assert_string_equal(r.sentence, "规范化率 87.5%（7/8 个党组织全部完成）；优良率 50.0%；"
                                    "5 星 1 个、4 星 3 个、3 星 1 个、2 星 0 个、1 星 2 个、0 星 1 个");
}

/* Two branches, one holding its meeting every quarter: the sub-periods the other lacks, and the rates line. */
static void test_words_from_a_ledger(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t east = fixture_branch(f, "东村党支部");
    int64_t west = fixture_branch(f, "西村党支部");
    struct standard s;
    struct fx_error err;
    fx_clear(&err);
    const char *p = write_file("meetings.ini", "[standard]\ntitle = 会议\nscope = branch\n"
                                               "[item.1]\ntitle = 党员大会\nevidence = ledger\nkind = 党员大会\n"
                                               "every = quarter\n");
    assert_int_equal(standard_load(p, &s, &err), 0);
    const char *dates[] = {"2024-02-01", "2024-05-01", "2024-08-01", "2024-11-01"};
    for (int i = 0; i < 4; i++)
        add_meeting(f, dates[i], east);
    add_meeting(f, "2024-02-02", west);
    struct fx_period per;
    assert_int_equal(period_parse("2024", &per, &err), 0);

    /* Seen on 15 August: Q2 is over and short; Q3 and Q4 are short but not yet over. */
    struct std_result r;
    assert_int_equal(standard_evaluate_at(f->db, &s, &per, west, "2024-08-15", &r, &err), 0);
    char t[512];
    assert_int_equal(standard_lacking_subs(&r.items[0], false, 0, t, sizeof t), 1);
    assert_string_equal(t, "2024-Q2");
    assert_int_equal(standard_lacking_subs(&r.items[0], true, 0, t, sizeof t), 3);
    assert_string_equal(t, "2024-Q2、2024-Q3（未到期）、2024-Q4（未到期）");
    /* Compact, under a header that names 2024: the year goes, and so do the marks. */
    assert_int_equal(standard_lacking_subs(&r.items[0], true, 2024, t, sizeof t), 3);
    assert_string_equal(t, "Q2、Q3、Q4");
    assert_int_equal(standard_lacking_subs(&r.items[0], false, 2025, t, sizeof t), 1);
    assert_string_equal(t, "2024-Q2");
    standard_totals_text(&s, &r, t, sizeof t);
    assert_string_equal(t, "完成 0/1 项");
    standard_result_free(&r);

    struct std_branch_summary sum;
    assert_int_equal(standard_evaluate_branches(f->db, &s, &per, "2025-01-01", &sum, &err), 0);
    struct std_rates_text rates;
    standard_rates_text(&s, &sum, &rates);
    assert_string_equal(rates.sentence, "规范化率 50.0%（1/2 个党组织全部完成）");
    standard_branch_summary_free(&sum);
    standard_free(&s);

    /* Scored with stars: the branch that met four times earns every point and five stars; the other,
     * one meeting of four, a quarter of the points (25) and one star, which for a star standard is 规范. */
    p = write_file("scored.ini",
                   "[standard]\ntitle = 计分\nscope = branch\n"
                   "[item.1]\ntitle = 党员大会\nevidence = ledger\nkind = 党员大会\nmin = 4\npoints = 100\n"
                   "[stars]\n1 = 10\n4 = 80\n5 = 100\n");
    assert_int_equal(standard_load(p, &s, &err), 0);
    assert_int_equal(standard_evaluate_at(f->db, &s, &per, east, "2025-01-01", &r, &err), 0);
    standard_totals_text(&s, &r, t, sizeof t);
    assert_string_equal(t, "完成 1/1 项；得分 100/100；★★★★★ 5 星");
    standard_result_free(&r);
    assert_int_equal(standard_evaluate_branches(f->db, &s, &per, "2025-01-01", &sum, &err), 0);
    standard_rates_text(&s, &sum, &rates);
    assert_string_equal(rates.sentence, "规范化率 100.0%（1/2 个党组织全部完成）；优良率 50.0%；"
                                        "5 星 1 个、4 星 0 个、3 星 0 个、2 星 0 个、1 星 1 个、0 星 0 个");
    standard_branch_summary_free(&sum);
    standard_free(&s);
    fixture_free(f);
}

/* A branch standard for the whole unit is a table of branches once there are branches; a unit standard never. */
static void test_checked_by_branches(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct standard branch_std, unit_std;
    memset(&branch_std, 0, sizeof branch_std);
    memset(&unit_std, 0, sizeof unit_std);
    branch_std.scope = STD_SCOPE_BRANCH;
    unit_std.scope = STD_SCOPE_UNIT;
    assert_false(standard_by_branches(f->db, &branch_std, 0)); /* no branch on the roster yet */
    int64_t east = fixture_branch(f, "东村党支部");
    assert_true(standard_by_branches(f->db, &branch_std, 0));
    assert_false(standard_by_branches(f->db, &branch_std, east)); /* one branch asked: its own result */
    assert_false(standard_by_branches(f->db, &unit_std, 0));
    fixture_free(f);
}

static struct fixture *scratch;

static int setup_all(void **state)
{
    (void)state;
    scratch = fixture_new_dir();
    snprintf(tmpdir, sizeof tmpdir, "%s", scratch->dir);
    return 0;
}

static int teardown_all(void **state)
{
    (void)state;
    fixture_free(scratch);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stars),
        cmocka_unit_test(test_rates_of_a_summary),
        cmocka_unit_test(test_words_from_a_ledger),
        cmocka_unit_test(test_checked_by_branches),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
