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
    sum.normal = 7;
    sum.normal_rate = 0.875;
    struct std_rates_text r;
    standard_rates_text(&s, &sum, &r);
    assert_false(r.has_stars);
    assert_string_equal(r.normal, "规范化率 87.5%（7/8 个党组织全部完成）");
    assert_string_equal(r.good, "");
    assert_string_equal(r.stars, "");
    assert_string_equal(r.sentence, "规范化率 87.5%（7/8 个党组织全部完成）");

    /* With stars the counts in brackets are the ones the rates divide: 7 of 8 at one star
     * or more (规范), 5 of 8 at three or more (优良, seed 004's 三星级及以上). */
    s.star_min[1] = 10;
    s.star_min[5] = 90;
    s.normal_stars = 1;
    s.good_stars = 3;
    int at[6] = {1, 2, 0, 1, 3, 1};
    memcpy(sum.at_stars, at, sizeof at);
    sum.good = 5;
    sum.good_rate = 0.625;
    standard_rates_text(&s, &sum, &r);
    assert_true(r.has_stars);
    assert_string_equal(r.good, "优良率 62.5%（5/8 个党组织三星级及以上）");
    assert_string_equal(r.stars, "5 星 1 个、4 星 3 个、3 星 1 个、2 星 0 个、1 星 2 个、0 星 1 个");
    assert_string_equal(r.sentence, "规范化率 87.5%（7/8 个党组织一星级及以上）；优良率 62.5%（5/8 个党组织三星级及以上）；"
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
     * one meeting of four, a quarter of the points (25) and one star, which for a star standard is 规范
     * (一星级及以上) but not 优良 (三星级及以上, the default). The bracket counts what the rate divides:
     * 2/2 规范, not the 1/2 that have every item done. */
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
    assert_string_equal(rates.sentence, "规范化率 100.0%（2/2 个党组织一星级及以上）；优良率 50.0%（1/2 个党组织三星级及以上）；"
                                        "5 星 1 个、4 星 0 个、3 星 0 个、2 星 0 个、1 星 1 个、0 星 0 个");
    standard_branch_summary_free(&sum);
    standard_free(&s);

    /* The county may set the levels: 优良 at four stars, 规范 at two — the one-star branch is neither. */
    p = write_file("scored4.ini",
                   "[standard]\ntitle = 计分\nscope = branch\n"
                   "[item.1]\ntitle = 党员大会\nevidence = ledger\nkind = 党员大会\nmin = 4\npoints = 100\n"
                   "[stars]\n1 = 10\n4 = 80\n5 = 100\nnormal = 2\ngood = 4\n");
    assert_int_equal(standard_load(p, &s, &err), 0);
    assert_int_equal(standard_evaluate_branches(f->db, &s, &per, "2025-01-01", &sum, &err), 0);
    standard_rates_text(&s, &sum, &rates);
    assert_string_equal(rates.normal, "规范化率 50.0%（1/2 个党组织二星级及以上）");
    assert_string_equal(rates.good, "优良率 50.0%（1/2 个党组织四星级及以上）");
    standard_branch_summary_free(&sum);
    standard_free(&s);
    p = write_file("scored-bad.ini", "[standard]\ntitle = 计分\n[item.1]\ntitle = x\nevidence = manual\npoints = 1\n"
                                     "[stars]\n1 = 1\nnormal = 3\ngood = 2\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "good = 2"));
    fixture_free(f);
}

/* A rate item (seed 004: 党员轮训率年内达到60%以上) is evaluated from the year's figures: five members,
 * two of whom came to a training — 40.0%, 部分; with a third, 60.0%, done. A local reading is kept apart. */
static void test_rate_items(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t b = fixture_branch(f, "东村党支部");
    int64_t m[5];
    const char *names[5] = {"张三", "李四", "王五", "赵六", "钱七"};
    for (int i = 0; i < 5; i++)
        m[i] = fixture_member(f, b, names[i], NULL);
    int64_t s1 = fixture_session(f, &(struct fixture_session){.date = "2024-03-01", .expected = 5, .present = 2});
    fixture_attend(f, s1, m[0], "present", NULL);
    fixture_attend(f, s1, m[1], "present", NULL);
    fixture_attend(f, s1, m[2], "absent", "外出");
    const char *p = write_file("rate.ini", "[standard]\ntitle = 轮训\nsource = 文件\n"
                                           "[item.1]\ntitle = 党员轮训率达到60%以上\nevidence = rate\nrate = rotation\n"
                                           "min = 60%\n"
                                           "[item.2]\ntitle = 参训率不低于50%\nevidence = rate\nrate = 参训率\nmin = 50\n"
                                           "[item.3]\ntitle = 送一批党课\nevidence = ledger\nkind = 培训班\nmin = 3\n"
                                           "local = “一批”按至少 3 次计（本县理解，可改）\n");
    struct standard s;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(standard_load(p, &s, &err), 0);
    assert_int_equal(s.items[0].evidence, STD_RATE);
    assert_int_equal(s.items[1].rate, STD_RATE_ATTENDANCE);
    struct fx_period per;
    assert_int_equal(period_parse("2024", &per, &err), 0);
    struct std_result r;
    char t[512];
    assert_int_equal(standard_evaluate_at(f->db, &s, &per, 0, "2025-01-01", &r, &err), 0);
    assert_int_equal(r.items[0].state, STD_PARTLY);
    standard_requirement_text(&r.items[0], t, sizeof t);
    assert_string_equal(t, "轮训率 40.0%（2/5 人），要求不低于 60.0%");
    assert_int_equal(r.items[1].state, STD_PARTLY); /* 2 of 5 expected is 40%: below 50% */
    standard_result_free(&r);

    /* The second session brings the third member: 3/5 = 60.0%, exactly the least share. */
    int64_t s2 = fixture_session(f, &(struct fixture_session){.date = "2024-06-01", .expected = 5, .present = 5});
    fixture_attend(f, s2, m[2], "present", NULL);
    assert_int_equal(standard_evaluate_at(f->db, &s, &per, 0, "2025-01-01", &r, &err), 0);
    assert_int_equal(r.items[0].state, STD_DONE);
    standard_requirement_text(&r.items[0], t, sizeof t);
    assert_string_equal(t, "轮训率 60.0%（3/5 人），要求不低于 60.0%");
    assert_int_equal(r.items[1].state, STD_DONE);
    standard_requirement_text(&r.items[1], t, sizeof t);
    assert_string_equal(t, "参训率 70.0%（7/10 人次），要求不低于 50.0%");
    /* The local reading is its own line; the requirement line says only the number. */
    standard_requirement_text(&r.items[2], t, sizeof t);
    assert_string_equal(t, "台账 2 次，要求至少 3 次");
    standard_local_text(r.items[2].item, t, sizeof t);
    assert_string_equal(t, "本县口径：“一批”按至少 3 次计（本县理解，可改）");
    standard_local_text(r.items[0].item, t, sizeof t);
    assert_string_equal(t, "");
    standard_result_free(&r);
    standard_free(&s);

    /* Refused: a rate item in a branch standard, a share over 100, a rate with a filter, a local
     * reading of a mark. */
    p = write_file("rate-bad1.ini", "[standard]\ntitle = x\nscope = branch\n"
                                    "[item.1]\ntitle = y\nevidence = rate\nrate = rotation\nmin = 60%\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "scope = unit"));
    p = write_file("rate-bad2.ini", "[standard]\ntitle = x\n[item.1]\ntitle = y\nevidence = rate\nrate = rotation\n"
                                    "min = 160%\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "160%"));
    p = write_file("rate-bad3.ini", "[standard]\ntitle = x\n[item.1]\ntitle = y\nevidence = rate\nrate = rotation\n"
                                    "min = 60%\nkind = 培训班\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "没有 kind"));
    p = write_file("local-bad.ini", "[standard]\ntitle = x\n[item.1]\ntitle = y\nevidence = manual\nlocal = z\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
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
        cmocka_unit_test(test_rate_items),
        cmocka_unit_test(test_checked_by_branches),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
