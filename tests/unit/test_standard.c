/* test_standard.c — unit tests for core/standard.c: the file format, its error messages,
 * and evaluation against a scratch ledger (sub-periods, voided sessions, marks, stars, branches). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "ledger.h"
#include "paths.h"
#include "standard.h"
#include "store.h"

/* The hand-written standard files of every test, in one scratch directory. */
static struct fixture *files;

static const char *write_file(const char *name, const char *text)
{
    return fixture_write(files, name, text, -1);
}

static int64_t add_session(struct fixture *f, const char *date, const char *kind, int64_t branch)
{
    char title[64];
    snprintf(title, sizeof title, "%s %s", kind, date);
    return fixture_session(f, &(struct fixture_session){.date = date, .title = title, .kind = kind, .branch = branch});
}

static const char monthly[] = "; a hand-written standard\n"
                              "[standard]\nid = test-monthly\ntitle = 测试标准\nperiod = year\n\n"
                              "[item.a]\ntitle = 每月一次党课\nevidence = ledger\nkind = 党课\nevery = month\n\n"
                              "[item.b]\ntitle = 工作群\nevidence = manual\n";

static void test_shipped_standards_load(void **state)
{
    (void)state;
    char dir[4096];
    paths_join(dir, sizeof dir, paths_data_dir(), "standards");
    const char *dirs[] = {dir, NULL};
    struct std_list l;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(standard_load_all(dirs, &l, &err), 0);
    for (int i = 0; i < l.nerrors; i++)
        print_error("%s\n", l.errors[i].msg);
    assert_int_equal(l.nerrors, 0);
    assert_true(l.n >= 6);
    const struct standard *b = standard_find(&l, "八个一");
    assert_non_null(b);
    assert_string_equal(b->id, "bageyi");
    assert_int_equal(b->nitems, 8);
    assert_ptr_equal(standard_find(&l, "bageyi"), b);
    assert_null(standard_find(&l, "八个")); /* 八个一 and 八个有: ambiguous */
    assert_non_null(standard_find(&l, "三会一课"));
    const struct standard *star = standard_find(&l, "xingji-example");
    assert_non_null(star);
    assert_true(star->scored);
    assert_true(star->star_min[5] > star->star_min[1]);
    standard_list_free(&l);
}

static void test_malformed_files_name_file_and_line(void **state)
{
    (void)state;
    struct standard s;
    struct fx_error err;
    fx_clear(&err);
    const char *p =
        write_file("bad-evidence.ini", "[standard]\ntitle = 坏\n\n[item.1]\ntitle = 某项\nevidence = photo\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, p));
    assert_non_null(strstr(err.msg, "第6行"));
    assert_non_null(strstr(err.msg, "evidence"));

    p = write_file("bad-period.ini",
                   "[standard]\ntitle = 坏\nperiod = weekly\n[item.1]\ntitle = x\nevidence = manual\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第3行"));
    assert_non_null(strstr(err.msg, "period"));

    p = write_file("no-title.ini", "[standard]\nid = notitle\n[item.1]\ntitle = x\nevidence = manual\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第1行"));
    assert_non_null(strstr(err.msg, "标题"));

    p = write_file("item-no-title.ini", "[standard]\ntitle = t\n\n[item.1]\nevidence = manual\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第4行"));

    p = write_file("bad-min.ini", "[standard]\ntitle = t\n[item.1]\ntitle = x\nevidence = ledger\nmin = 三\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第6行"));

    p = write_file("typo.ini", "[standard]\ntitle = t\n[item.1]\ntitle = x\nevidense = ledger\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "evidense"));

    p = write_file("uneven.ini", "[standard]\ntitle = t\nperiod = quarter\n[item.1]\ntitle = x\nevidence = ledger\n"
                                 "every = two-months\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第7行"));

    /* Notepad's BOM and CRLF, and Chinese words for the keywords, load fine. */
    p = write_file("bom.ini", "\xEF\xBB\xBF[standard]\r\ntitle = 有BOM的标准\r\nperiod = 季度\r\n\r\n[item.1]\r\n"
                              "title = 一项\r\nevidence = 台账\r\nkind = 党课、专题党课\r\nmin = 2\r\n");
    assert_int_equal(standard_load(p, &s, &err), 0);
    assert_string_equal(s.title, "有BOM的标准");
    assert_string_equal(s.id, "bom");
    assert_int_equal(s.period, PERIOD_QUARTER);
    assert_int_equal(s.items[0].kinds.n, 2);
    assert_string_equal(s.items[0].kinds.word[1], "专题党课");
    assert_int_equal(s.items[0].min, 2);
    standard_free(&s);
}

static void test_load_all_keeps_going(void **state)
{
    (void)state;
    char dir[600];
    snprintf(dir, sizeof dir, "%s", fixture_path(files, "all"));
    mkdir(dir, 0700);
    write_file("all/a.ini", monthly);
    write_file("all/b.ini", "[standard]\ntitle = 坏\n[item.1]\ntitle = x\nevidence = video\n");
    write_file("all/c.ini",
               "\xEF\xBB\xBF[standard]\r\nid = c\r\ntitle = 丙\r\n[item.1]\r\ntitle = x\r\nevidence = manual\r\n");
    write_file("all/d.txt", "not a standard");
    const char *dirs[] = {dir, "/nonexistent/standards", NULL};
    struct std_list l;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(standard_load_all(dirs, &l, &err), 0);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.nerrors, 1);
    assert_non_null(strstr(l.errors[0].msg, "b.ini"));
    assert_non_null(strstr(l.errors[0].msg, "第5行"));
    assert_non_null(standard_find(&l, "test-monthly"));
    assert_non_null(standard_find(&l, "丙"));
    standard_list_free(&l);
}

static void test_monthly_rule_reports_missing_month(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct standard s;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(standard_load(write_file("monthly.ini", monthly), &s, &err), 0);
    for (int m = 1; m <= 12; m++) {
        if (m == 3)
            continue;
        char date[11];
        snprintf(date, sizeof date, "2023-%02d-15", m);
        add_session(f, date, "党课", 0);
    }
    /* A voided March session proves nothing. */
    int64_t v = add_session(f, "2023-03-10", "党课", 0);
    assert_int_equal(ledger_void_session(f->db, v, "录错了", &err), 0);
    /* Other kinds and other years do not count. */
    add_session(f, "2023-03-11", "培训班", 0);
    add_session(f, "2024-03-11", "党课", 0);

    struct fx_period p;
    period_parse("2023", &p, &err);
    struct std_result r;
    assert_int_equal(standard_evaluate_at(f->db, &s, &p, 0, "2024-06-01", &r, &err), 0);
    const struct std_item_result *a = &r.items[0];
    assert_int_equal(a->state, STD_OVERDUE);
    assert_int_equal(a->found, 11);
    assert_int_equal(a->required, 12);
    assert_int_equal(a->nsubs, 12);
    assert_int_equal(a->nshort, 1);
    assert_string_equal(a->subs[2].label, "2023-03");
    assert_int_equal(a->subs[2].found, 0);
    assert_true(a->subs[2].ended);
    assert_int_equal(a->nproofs, 11);
    for (int i = 0; i < a->nproofs; i++)
        assert_int_not_equal(a->proofs[i].id, v);
    assert_int_equal(r.items[1].state, STD_NEEDS_MARK);
    assert_int_equal(r.done, 0);
    standard_result_free(&r);

    /* Seen from inside March 2023, March is not over yet: partly done, not overdue. */
    assert_int_equal(standard_evaluate_at(f->db, &s, &p, 0, "2023-03-20", &r, &err), 0);
    assert_int_equal(r.items[0].state, STD_PARTLY);
    assert_false(r.items[0].subs[2].ended);
    standard_result_free(&r);

    /* Filling March completes the item: evaluated live, nothing cached. */
    add_session(f, "2023-03-31", "党课", 0);
    assert_int_equal(standard_evaluate_at(f->db, &s, &p, 0, "2024-06-01", &r, &err), 0);
    assert_int_equal(r.items[0].state, STD_DONE);
    assert_int_equal(r.items[0].nshort, 0);
    standard_result_free(&r);

    /* A month is not the period of a yearly standard. */
    period_parse("2023-03", &p, &err);
    assert_int_equal(standard_evaluate_at(f->db, &s, &p, 0, "2024-06-01", &r, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "2024"));
    standard_free(&s);
    fixture_free(f);
}

/* The screens' brief evaluation: the same states, counts and proofs as the full one, the first proof titled and
 * the others not until asked for, no attachment names; a voided session proves nothing here either. */
static void test_brief_evaluation(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct standard s;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(standard_load(write_file("monthly-brief.ini", monthly), &s, &err), 0);
    add_session(f, "2023-02-15", "党课", 0);
    add_session(f, "2023-01-15", "党课", 0);
    int64_t v = add_session(f, "2023-03-10", "党课", 0);
    assert_int_equal(ledger_void_session(f->db, v, "录错了", &err), 0);
    add_session(f, "2023-03-11", "培训班", 0);
    struct fx_period p;
    period_parse("2023", &p, &err);
    struct std_result r;
    assert_int_equal(standard_evaluate_brief(f->db, &s, &p, 0, "2024-06-01", &r, &err), 0);
    struct std_item_result *a = &r.items[0];
    assert_int_equal(a->state, STD_OVERDUE);
    assert_int_equal(a->found, 2);
    assert_int_equal(a->nshort, 10);
    assert_int_equal(a->subs[0].found, 1);
    assert_int_equal(a->subs[1].found, 1);
    assert_int_equal(a->subs[2].found, 0);
    assert_int_equal(a->nproofs, 2);
    assert_string_equal(a->proofs[0].date, "2023-01-15");
    assert_string_equal(a->proofs[0].title, "党课 2023-01-15");
    assert_string_equal(a->proofs[0].kind, "党课");
    assert_string_equal(a->proofs[1].date, "2023-02-15");
    assert_string_equal(a->proofs[1].title, "");
    assert_string_equal(a->proofs[1].files, "");
    assert_int_equal(r.items[1].state, STD_NEEDS_MARK);
    assert_int_equal(r.done, 0);
    assert_int_equal(standard_proof_titles(f->db, a, &err), 0);
    assert_string_equal(a->proofs[0].title, "党课 2023-01-15");
    assert_string_equal(a->proofs[1].title, "党课 2023-02-15");
    standard_result_free(&r);
    standard_free(&s);
    fixture_free(f);
}

static void test_marks(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct standard s;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(standard_load(write_file("monthly.ini", monthly), &s, &err), 0);
    struct fx_period p;
    period_parse("2024", &p, &err);
    assert_int_equal(standard_mark(f->db, &s, "b", &p, 0, "群名：分校工作群", false, &err), 0);
    struct std_result r;
    assert_int_equal(standard_evaluate_at(f->db, &s, &p, 0, "2025-01-01", &r, &err), 0);
    assert_int_equal(r.items[1].state, STD_DONE);
    assert_true(r.items[1].marked);
    assert_string_equal(r.items[1].mark_note, "群名：分校工作群");
    standard_result_free(&r);

    /* A mark counts for its own period only. */
    struct fx_period other;
    period_parse("2023", &other, &err);
    assert_int_equal(standard_evaluate_at(f->db, &s, &other, 0, "2025-01-01", &r, &err), 0);
    assert_int_equal(r.items[1].state, STD_NEEDS_MARK);
    standard_result_free(&r);

    /* Marking by title, again, updates the live mark rather than adding one. */
    assert_int_equal(standard_mark(f->db, &s, "工作群", &p, 0, "改过的说明", false, &err), 0);
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM mark", NULL), 1);

    assert_int_equal(standard_mark(f->db, &s, "b", &p, 0, "撤销：群已解散", true, &err), 0);
    assert_int_equal(standard_evaluate_at(f->db, &s, &p, 0, "2025-01-01", &r, &err), 0);
    assert_int_equal(r.items[1].state, STD_NEEDS_MARK);
    standard_result_free(&r);
    /* Nothing is deleted: the row stays, flagged undone, and every step is audited. */
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM mark WHERE undone = 1", NULL), 1);
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM audit WHERE entity = 'mark'", NULL), 3);
    assert_int_equal(standard_mark(f->db, &s, "b", &p, 0, NULL, true, &err), FX_ENOTFOUND);

    assert_int_equal(standard_mark(f->db, &s, "a", &p, 0, NULL, false, &err), FX_EINPUT);
    assert_int_equal(standard_mark(f->db, &s, "zz", &p, 0, NULL, false, &err), FX_ENOTFOUND);
    standard_free(&s);
    fixture_free(f);
}

static void test_unknown_vocab_word(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct standard s;
    struct fx_error err;
    fx_clear(&err);
    const char *p = write_file("vocab.ini", "[standard]\ntitle = t\n[item.1]\ntitle = x\nevidence = ledger\n"
                                            "kind = 培训斑\n");
    assert_int_equal(standard_load(p, &s, &err), 0);
    struct fx_period per;
    period_parse("2024", &per, &err);
    struct std_result r;
    assert_int_equal(standard_evaluate(f->db, &s, &per, 0, &r, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "培训斑"));
    assert_non_null(strstr(err.msg, "第6行"));
    standard_free(&s);
    fixture_free(f);
}

static void test_scored_standard_and_stars(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct standard s;
    struct fx_error err;
    fx_clear(&err);
    const char *p =
        write_file("scored.ini", "[standard]\ntitle = 计分\n"
                                 "[item.1]\ntitle = 办班\nevidence = ledger\nkind = 培训班\nmin = 4\npoints = 40\n"
                                 "[item.2]\ntitle = 机构\nevidence = manual\npoints = 60\n"
                                 "[stars]\n1 = 10\n3 = 50\n5 = 100\n");
    assert_int_equal(standard_load(p, &s, &err), 0);
    assert_true(s.scored);
    assert_near(s.max_points, 100, 0);
    add_session(f, "2024-01-10", "培训班", 0);
    struct fx_period per;
    period_parse("2024", &per, &err);
    struct std_result r;
    assert_int_equal(standard_evaluate_at(f->db, &s, &per, 0, "2025-01-01", &r, &err), 0);
    /* One of four classes: a quarter of 40 points. */
    assert_int_equal(r.items[0].state, STD_PARTLY);
    assert_near(r.items[0].points, 10, 0);
    assert_near(r.score, 10, 0);
    assert_int_equal(r.stars, 1);
    standard_result_free(&r);
    assert_int_equal(standard_mark(f->db, &s, "2", &per, 0, "", false, &err), 0);
    for (int i = 0; i < 3; i++)
        add_session(f, "2024-02-10", "培训班", 0);
    assert_int_equal(standard_evaluate_at(f->db, &s, &per, 0, "2025-01-01", &r, &err), 0);
    assert_near(r.score, 100, 0);
    assert_int_equal(r.stars, 5);
    assert_int_equal(r.done, 2);
    standard_result_free(&r);
    standard_free(&s);

    p = write_file("stars-down.ini", "[standard]\ntitle = t\n[item.1]\ntitle = x\nevidence = manual\npoints = 1\n"
                                     "[stars]\n1 = 50\n2 = 40\n");
    assert_int_equal(standard_load(p, &s, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第9行"));
    fixture_free(f);
}

static void test_branch_scope(void **state)
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
    assert_int_equal(s.scope, STD_SCOPE_BRANCH);
    const char *dates[] = {"2024-02-01", "2024-05-01", "2024-08-01", "2024-11-01"};
    for (int i = 0; i < 4; i++)
        add_session(f, dates[i], "党员大会", east);
    add_session(f, "2024-02-02", "党员大会", west);
    struct fx_period per;
    period_parse("2024", &per, &err);
    struct std_result r;
    assert_int_equal(standard_evaluate_at(f->db, &s, &per, west, "2025-01-01", &r, &err), 0);
    assert_int_equal(r.items[0].state, STD_OVERDUE);
    assert_int_equal(r.items[0].found, 1);
    assert_int_equal(r.items[0].nshort, 3);
    standard_result_free(&r);

    struct std_branch_summary sum;
    assert_int_equal(standard_evaluate_branches(f->db, &s, &per, "2025-01-01", &sum, &err), 0);
    assert_int_equal(sum.n, 2);
    assert_int_equal(sum.all_done, 1);
    assert_near(sum.normal_rate, 0.5, 0);
    for (int i = 0; i < sum.n; i++)
        assert_int_equal(sum.results[i].done, sum.branch_id[i] == east ? 1 : 0);
    standard_branch_summary_free(&sum);
    standard_free(&s);
    fixture_free(f);
}

static int setup_all(void **state)
{
    (void)state;
    files = fixture_new_dir();
    return 0;
}

static int teardown_all(void **state)
{
    (void)state;
    fixture_free(files);
    return 0;
}

/* A merged ledger holds several townships: each unit's evaluation counts only
 * its own sessions, roster and marks; unit 0 counts them all. */
static const char per_unit[] = "[standard]\nid = test-unit\ntitle = 分校测试\nperiod = year\n\n"
                               "[item.a]\ntitle = 培训班\nevidence = ledger\nkind = 培训班\nmin = 2\n\n"
                               "[item.t]\ntitle = 教师\nevidence = roster\ncount = teachers\nmin = 2\n\n"
                               "[item.m]\ntitle = 党员\nevidence = roster\ncount = members\nmin = 3\n\n"
                               "[item.b]\ntitle = 党组织\nevidence = roster\ncount = branches\nmin = 2\n\n"
                               "[item.g]\ntitle = 工作群\nevidence = manual\n";

static void test_unit_filter(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct standard s;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(standard_load(write_file("unit.ini", per_unit), &s, &err), 0);
    struct fx_period p;
    period_parse("2024", &p, &err);
    int64_t local = store_unit_id(f->db);
    int64_t b1 = fixture_branch(f, "东村党支部");
    fixture_member(f, b1, "张三", NULL);
    fixture_member(f, b1, "李四", NULL);
    int64_t s1 = add_session(f, "2024-03-05", "培训班", 0);
    assert_int_equal(standard_mark(f->db, &s, "g", &p, 0, "东湖群", false, &err), 0);
    /* The second township, as merge_ledger leaves it: its own unit row and rows carrying it. */
    fixture_exec(f, "INSERT INTO unit (id, uuid, name, is_local) VALUES (77, 'u-west', '西塘镇党校分校', 0);"
                    "INSERT INTO branch (id, uuid, unit_id, name) VALUES (700, 'b-west', 77, '西村党支部');"
                    "INSERT INTO member (uuid, branch_id, name) VALUES ('m-w1', 700, '王五');"
                    "INSERT INTO teacher (uuid, unit_id, name) VALUES ('t-w1', 77, '刘老师'),"
                    " ('t-w2', 77, '陈老师');"
                    "INSERT INTO session (uuid, unit_id, date, title, category, format, kind, hours)"
                    " VALUES ('s-w1', 77, '2024-04-01', '西塘培训班一', '政治理论教育', '集中培训', '培训班', 2),"
                    " ('s-w2', 77, '2024-05-01', '西塘培训班二', '政治理论教育', '集中培训', '培训班', 2);");
    struct std_result r;

    assert_int_equal(standard_evaluate_unit_at(f->db, &s, &p, 0, local, "2025-01-01", &r, &err), 0);
    assert_int_equal(r.unit_id, local);
    assert_int_equal(r.items[0].found, 1); /* its one session, not the west's two */
    assert_int_equal(r.items[0].nproofs, 1);
    assert_int_equal(r.items[0].proofs[0].id, s1);
    assert_int_equal(r.items[0].state, STD_PARTLY);
    assert_int_equal(r.items[1].found, 0); /* teachers: the west's two are not its own */
    assert_int_equal(r.items[2].found, 2); /* members through their branch's unit */
    assert_int_equal(r.items[3].found, 1);
    assert_int_equal(r.items[4].state, STD_DONE);
    assert_int_equal(r.done, 1);
    standard_result_free(&r);

    assert_int_equal(standard_evaluate_unit_at(f->db, &s, &p, 0, 77, "2025-01-01", &r, &err), 0);
    assert_int_equal(r.items[0].found, 2);
    assert_int_equal(r.items[0].state, STD_DONE);
    for (int i = 0; i < r.items[0].nproofs; i++)
        assert_int_not_equal(r.items[0].proofs[i].id, s1);
    assert_int_equal(r.items[1].found, 2);
    assert_int_equal(r.items[2].found, 1);
    assert_int_equal(r.items[3].found, 1);
    assert_int_equal(r.items[4].state, STD_NEEDS_MARK); /* the east's mark is not the west's */
    assert_int_equal(r.done, 2);
    standard_result_free(&r);

    /* Unit 0, and the old entry point, count every township together. */
    assert_int_equal(standard_evaluate_unit_at(f->db, &s, &p, 0, 0, "2025-01-01", &r, &err), 0);
    assert_int_equal(r.items[0].found, 3);
    assert_int_equal(r.items[1].found, 2);
    assert_int_equal(r.items[2].found, 3);
    assert_int_equal(r.items[3].found, 2);
    assert_int_equal(r.items[4].state, STD_DONE);
    assert_int_equal(r.done, 5);
    standard_result_free(&r);
    assert_int_equal(standard_evaluate_at(f->db, &s, &p, 0, "2025-01-01", &r, &err), 0);
    assert_int_equal(r.unit_id, 0);
    assert_int_equal(r.done, 5);
    standard_result_free(&r);

    /* A branch and a unit together: the west's branch in its own unit, and in another unit nothing. */
    assert_int_equal(standard_evaluate_unit_at(f->db, &s, &p, 700, 77, "2025-01-01", &r, &err), 0);
    assert_int_equal(r.items[2].found, 1);
    standard_result_free(&r);
    assert_int_equal(standard_evaluate_unit_at(f->db, &s, &p, 700, local, "2025-01-01", &r, &err), 0);
    assert_int_equal(r.items[2].found, 0);
    assert_int_equal(r.items[3].found, 0);
    standard_result_free(&r);
    standard_free(&s);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_standards_load),
        cmocka_unit_test(test_malformed_files_name_file_and_line),
        cmocka_unit_test(test_load_all_keeps_going),
        cmocka_unit_test(test_monthly_rule_reports_missing_month),
        cmocka_unit_test(test_brief_evaluation),
        cmocka_unit_test(test_marks),
        cmocka_unit_test(test_unknown_vocab_word),
        cmocka_unit_test(test_scored_standard_and_stars),
        cmocka_unit_test(test_branch_scope),
        cmocka_unit_test(test_unit_filter),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
