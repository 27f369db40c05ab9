/* test_rollcall.c — the roll-call model (core/rollcall.c) on a scratch ledger: who is called, marks, counts, reasons,
 * pinyin search among namesakes, what is saved; expected values by hand or by SQL, never from the code tested. */
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
#include "member.h"
#include "rollcall.h"
#include "store.h"

struct town {
    struct fixture *f;
    int64_t east, west, north;
};

/* 东村: 张三 李四 王小明 褚红 郑和; 西村: another 张三 and 赵六; 北村: 孙七 (never targeted). */
static int setup(void **state)
{
    struct town *t = calloc(1, sizeof *t);
    t->f = fixture_new();
    t->east = fixture_branch(t->f, "东村党支部");
    t->west = fixture_branch(t->f, "西村党支部");
    t->north = fixture_branch(t->f, "北村党支部");
    const char *east[] = {"张三", "李四", "王小明", "褚红", "郑和"};
    for (int i = 0; i < 5; i++)
        fixture_member(t->f, t->east, east[i], NULL);
    fixture_member(t->f, t->west, "张三", NULL);
    fixture_member(t->f, t->west, "赵六", NULL);
    fixture_member(t->f, t->north, "孙七", NULL);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    struct town *t = *state;
    fixture_free(t->f);
    free(t);
    return 0;
}

/* Members of the branches named a and b (b NULL: a alone), counted straight from the tables. */
static int64_t members_of(struct town *t, const char *a, const char *b)
{
    int64_t n = 0;
    if (store_get_int(t->f->db,
                      "SELECT count(*) FROM member m JOIN branch br ON br.id = m.branch_id WHERE br.name IN (?1, ?2)",
                      STORE_ARGS(STORE_TEXT(a), STORE_TEXT(b ? b : a)), &n, NULL))
        fail_msg("count the members of %s", a);
    return n;
}

/* The entry named name in branch (a namesake is told apart by its branch); fails the test when absent. */
static int entry(const struct rollcall *rc, const char *name, const char *branch)
{
    for (int i = 0; i < rc->n; i++)
        if (!strcmp(rc->e[i].name, name) && !strcmp(rc->e[i].branch, branch))
            return i;
    fail_msg("%s（%s）is not on the roll call", name, branch);
    return -1;
}

static void sync_to(struct town *t, struct rollcall *rc, const int64_t *branches, int n)
{
    struct fx_error err;
    fx_clear(&err);
    if (rollcall_sync(rc, t->f->db, branches, n, &err))
        fail_msg("rollcall_sync: %s", err.msg);
}

/* A fresh roll call of the given branches. */
static void call_roll(struct town *t, struct rollcall *rc, const int64_t *branches, int n)
{
    rollcall_init(rc);
    sync_to(t, rc, branches, n);
}

/* 应到, 实到, 请假, 缺席 as the roll call counts them; -1 leaves one unchecked. */
static void assert_counts(const struct rollcall *rc, int expected, int present, int leave, int absent)
{
    int got[4];
    rollcall_counts(rc, &got[0], &got[1], &got[2], &got[3]);
    const int want[4] = {expected, present, leave, absent};
    for (int k = 0; k < 4; k++)
        if (want[k] >= 0)
            assert_int_equal(got[k], want[k]);
}

static void test_called_from_the_target_branches(void **state)
{
    struct town *t = *state;
    struct rollcall rc;
    int64_t both[2] = {t->east, t->west};
    call_roll(t, &rc, both, 1);
    assert_int_equal(rc.n, members_of(t, "东村党支部", NULL));
    for (int i = 0; i < rc.n; i++) {
        assert_int_equal(rc.e[i].status, RC_NONE);
        assert_false(rc.e[i].pinned);
    }
    assert_counts(&rc, 5, 0, 0, 5); /* an unticked name counts as absent */

    sync_to(t, &rc, both, 2);
    assert_int_equal(rc.n, members_of(t, "东村党支部", "西村党支部"));
    /* 西村 dropped again: its unmarked 张三 goes, its marked 赵六 stays. */
    rollcall_mark(&rc, entry(&rc, "赵六", "西村党支部"), ATT_PRESENT, NULL);
    sync_to(t, &rc, both, 1);
    assert_int_equal(rc.n, 6);
    entry(&rc, "赵六", "西村党支部");
    for (int i = 0; i < rc.n; i++)
        assert_false(!strcmp(rc.e[i].name, "张三") && !strcmp(rc.e[i].branch, "西村党支部"));
    rollcall_free(&rc);
}

/* Two 张伟 in one branch (issue 18): each is shown with the 身份 and the phone's last four digits; a name the
 * list holds once is not. 张三 of 东村 and 张三 of 西村 become namesakes only when both branches are called. */
static void test_namesakes_told_apart(void **state)
{
    struct town *t = *state;
    int64_t a = fixture_member(t->f, t->north, "张伟", NULL);
    int64_t b = fixture_member(t->f, t->north, "张伟", NULL);
    if (store_run(t->f->db, "UPDATE member SET category = '预备党员', phone = '138 1234 5678' WHERE id = ?1",
                   STORE_ARGS(STORE_INT(a)), NULL) ||
        store_run(t->f->db, "UPDATE member SET category = '正式党员', phone = '139-0000-0042' WHERE id = ?1",
                   STORE_ARGS(STORE_INT(b)), NULL))
        fail_msg("set the two 张伟 apart");
    struct rollcall rc;
    call_roll(t, &rc, &t->north, 1);
    int ia = rollcall_find(&rc, a), ib = rollcall_find(&rc, b), ic = entry(&rc, "孙七", "北村党支部");
    assert_true(rc.e[ia].namesake);
    assert_true(rc.e[ib].namesake);
    assert_string_equal(rc.e[ia].tell, "预备党员，尾号5678");
    assert_string_equal(rc.e[ib].tell, "正式党员，尾号0042");
    assert_false(rc.e[ic].namesake);
    rollcall_free(&rc);

    int64_t both[2] = {t->east, t->west};
    call_roll(t, &rc, both, 1);
    assert_false(rc.e[entry(&rc, "张三", "东村党支部")].namesake);
    sync_to(t, &rc, both, 2);
    assert_true(rc.e[entry(&rc, "张三", "东村党支部")].namesake);
    assert_true(rc.e[entry(&rc, "张三", "西村党支部")].namesake);
    rollcall_free(&rc);

    char out[64];
    member_tell_apart("", "", out, sizeof out);
    assert_string_equal(out, "正式党员"); /* no phone: the 身份 alone; "" reads as 正式党员 */
    member_tell_apart("入党积极分子", "123", out, sizeof out);
    assert_string_equal(out, "入党积极分子"); /* fewer than four digits: no tail */
}

static void test_marks_counts_and_reasons(void **state)
{
    struct town *t = *state;
    struct rollcall rc;
    call_roll(t, &rc, &t->east, 1);
    assert_false(rc.changed);
    int zs = entry(&rc, "张三", "东村党支部"), ls = entry(&rc, "李四", "东村党支部");
    int wxm = entry(&rc, "王小明", "东村党支部");

    rollcall_toggle(&rc, zs);
    assert_int_equal(rc.e[zs].status, ATT_PRESENT);
    assert_true(rc.changed);
    rollcall_toggle(&rc, zs);
    assert_int_equal(rc.e[zs].status, RC_NONE);
    rollcall_toggle(&rc, zs);

    rollcall_mark(&rc, ls, ATT_LEAVE, "生病住院");
    assert_string_equal(rc.e[ls].reason, "生病住院");
    rollcall_mark(&rc, wxm, ATT_ABSENT, "外出务工");
    assert_string_equal(rc.e[wxm].reason, "外出务工");
    assert_counts(&rc, 5, 1, 1, 3); /* absent: 王小明 and the two unmarked */

    /* A reason belongs to a leave or an absence only. */
    rollcall_toggle(&rc, ls); /* leave → present */
    assert_int_equal(rc.e[ls].status, ATT_PRESENT);
    assert_string_equal(rc.e[ls].reason, "");
    rollcall_mark(&rc, ls, ATT_PRESENT, "不该留下");
    assert_string_equal(rc.e[ls].reason, "");
    rollcall_mark(&rc, wxm, RC_NONE, "不该留下");
    assert_string_equal(rc.e[wxm].reason, "");
    rollcall_mark(&rc, wxm, ATT_LEAVE, NULL);
    assert_int_equal(rc.e[wxm].status, ATT_LEAVE);
    assert_string_equal(rc.e[wxm].reason, "");
    rollcall_free(&rc);
}

/* What a save asks about: absences without a reason, the unmarked counted among them; a leave is not one. */
static void test_unexplained_absences(void **state)
{
    struct town *t = *state;
    struct rollcall rc;
    call_roll(t, &rc, &t->east, 1);
    assert_int_equal(rollcall_unexplained(&rc), 5);
    int zs = entry(&rc, "张三", "东村党支部"), ls = entry(&rc, "李四", "东村党支部");
    int wxm = entry(&rc, "王小明", "东村党支部");
    rollcall_mark(&rc, zs, ATT_PRESENT, NULL);
    assert_int_equal(rollcall_unexplained(&rc), 4);
    rollcall_mark(&rc, wxm, ATT_ABSENT, "外出务工");
    assert_int_equal(rollcall_unexplained(&rc), 3);
    rollcall_mark(&rc, ls, ATT_LEAVE, NULL);
    assert_int_equal(rollcall_unexplained(&rc), 2);
    rollcall_mark(&rc, wxm, ATT_ABSENT, NULL);
    assert_int_equal(rollcall_unexplained(&rc), 3);
    rollcall_mark_all(&rc);
    assert_int_equal(rollcall_unexplained(&rc), 1); /* 王小明, absent without a reason, is not marked present */
    rollcall_free(&rc);
}

static void test_all_present(void **state)
{
    struct town *t = *state;
    struct rollcall rc;
    call_roll(t, &rc, &t->east, 1);
    int ls = entry(&rc, "李四", "东村党支部");
    rollcall_mark(&rc, ls, ATT_LEAVE, "生病");
    rollcall_mark_all(&rc);
    assert_counts(&rc, 5, 4, 1, 0);
    assert_string_equal(rc.e[ls].reason, "生病"); /* a leave is not overwritten */
    /* Not everyone is present (one is on leave): pressed again, nothing changes. */
    rollcall_mark_all(&rc);
    assert_counts(&rc, 5, 4, 1, 0);

    rollcall_toggle(&rc, ls);
    assert_counts(&rc, 5, 5, 0, 0);
    /* Everyone present: pressed again, all unmarked (a wrong "*" is undone by another). */
    rollcall_mark_all(&rc);
    assert_counts(&rc, 5, 0, 0, 5);
    for (int i = 0; i < rc.n; i++)
        assert_int_equal(rc.e[i].status, RC_NONE);
    rollcall_free(&rc);

    /* An empty list: nothing to mark, nothing changed. */
    rollcall_init(&rc);
    rollcall_mark_all(&rc);
    assert_int_equal(rc.n, 0);
    assert_false(rc.changed);
    rollcall_free(&rc);
}

static void test_search_by_initials(void **state)
{
    struct town *t = *state;
    struct rollcall rc;
    int64_t both[2] = {t->east, t->west};
    call_roll(t, &rc, both, 2);
    int zs_east = entry(&rc, "张三", "东村党支部"), zs_west = entry(&rc, "张三", "西村党支部");

    /* Two namesakes: the one higher on the list from the start, the other from just after it, then round again. */
    int upper = zs_east < zs_west ? zs_east : zs_west, lower = zs_east < zs_west ? zs_west : zs_east;
    assert_int_equal(rollcall_search(&rc, "zs", 0), upper);
    assert_int_equal(rollcall_search(&rc, "zs", upper + 1), lower);
    assert_int_equal(rollcall_search(&rc, "zs", lower + 1), upper);
    /* From the west namesake itself, it is the one found. */
    assert_int_equal(rollcall_search(&rc, "zs", zs_west), zs_west);

    assert_int_equal(rollcall_search(&rc, "wxm", 0), entry(&rc, "王小明", "东村党支部"));
    /* zh is 郑和 by the usual reading, ahead of 褚红 (zhǔ only by a rare reading), wherever the search starts. */
    int zh = entry(&rc, "郑和", "东村党支部");
    assert_int_equal(rollcall_search(&rc, "zh", 0), zh);
    assert_int_equal(rollcall_search(&rc, "zh", entry(&rc, "褚红", "东村党支部")), zh);
    /* Part of a name finds it too. */
    assert_int_equal(rollcall_search(&rc, "小明", 0), entry(&rc, "王小明", "东村党支部"));
    assert_int_equal(rollcall_search(&rc, "qq", 0), -1);
    assert_int_equal(rollcall_search(&rc, "", 0), -1);
    rollcall_free(&rc);

    rollcall_init(&rc);
    assert_int_equal(rollcall_search(&rc, "zs", 0), -1);
    rollcall_free(&rc);
}

static void test_added_by_hand(void **state)
{
    struct town *t = *state;
    struct rollcall rc;
    call_roll(t, &rc, &t->east, 1);
    struct member m;
    struct fx_error err;
    int64_t sun = store_int(t->f->db, "SELECT id FROM member WHERE name = '孙七'", NULL);
    assert_int_equal(member_get(t->f->db, sun, &m, &err), 0);
    assert_int_equal(rollcall_find(&rc, sun), -1);
    int i = rollcall_add(&rc, &m, &err);
    assert_int_equal(i, rc.n - 1);
    assert_int_equal(rollcall_find(&rc, sun), i);
    assert_int_equal(rc.e[i].status, ATT_PRESENT);
    assert_true(rc.e[i].pinned);
    assert_true(rc.changed);
    /* Dropping every branch keeps a name added by hand. */
    sync_to(t, &rc, NULL, 0);
    assert_int_equal(rc.n, 1);
    assert_int_equal(rc.e[0].member_id, sun);
    rollcall_free(&rc);
}

static void fill_session(struct session *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->date, sizeof s->date, "%s", "2024-03-05");
    snprintf(s->title, sizeof s->title, "%s", "春季党员轮训");
    snprintf(s->category, sizeof s->category, "%s", "政治理论教育");
    snprintf(s->format, sizeof s->format, "%s", "集中培训");
    snprintf(s->kind, sizeof s->kind, "%s", "培训班");
    s->hours = 2;
}

static int64_t q(struct town *t, const char *sql)
{
    return store_int(t->f->db, sql, NULL);
}

static void test_what_is_saved(void **state)
{
    struct town *t = *state;
    struct rollcall rc;
    int64_t both[2] = {t->east, t->west};
    call_roll(t, &rc, both, 2);
    rollcall_mark_all(&rc);
    rollcall_mark(&rc, entry(&rc, "李四", "东村党支部"), ATT_LEAVE, "生病住院");
    rollcall_mark(&rc, entry(&rc, "张三", "西村党支部"), ATT_ABSENT, "外出务工");
    rollcall_mark(&rc, entry(&rc, "王小明", "东村党支部"), RC_NONE, NULL);
    int zl = entry(&rc, "赵六", "西村党支部");
    rollcall_mark(&rc, zl, ATT_LEAVE, "打错了");
    rollcall_toggle(&rc, zl); /* back to present: the reason typed for the leave is not saved */

    struct session s;
    fill_session(&s);
    s.branches = both;
    s.nbranches = 2;
    s.natt = rollcall_attendance(&rc, &s.att);
    assert_int_equal(s.natt, 7);
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(ledger_save_session(t->f->db, &s, &err), 0);
    free(s.att);
    rollcall_free(&rc);

    assert_int_equal(q(t, "SELECT count(*) FROM attendance"), 7);
    assert_int_equal(q(t, "SELECT count(*) FROM attendance WHERE status = 1"), 4);
    assert_int_equal(q(t, "SELECT expected FROM session"), 7);
    assert_int_equal(q(t, "SELECT present FROM session"), 4);
    assert_int_equal(q(t, "SELECT count(*) FROM attendance a JOIN member m ON m.id = a.member_id "
                          "WHERE m.name = '李四' AND a.status = 2 AND a.reason = '生病住院'"),
                     1);
    assert_int_equal(
        q(t, "SELECT count(*) FROM attendance a JOIN member m ON m.id = a.member_id "
             "JOIN branch b ON b.id = m.branch_id "
             "WHERE m.name = '张三' AND b.name = '西村党支部' AND a.status = 0 AND a.reason = '外出务工'"),
        1);
    /* Unmarked is saved as absent without a reason. */
    assert_int_equal(q(t, "SELECT count(*) FROM attendance a JOIN member m ON m.id = a.member_id "
                          "WHERE m.name = '王小明' AND a.status = 0 AND a.reason = ''"),
                     1);
    assert_int_equal(q(t, "SELECT count(*) FROM attendance WHERE status = 1 AND reason <> ''"), 0);

    /* Read back for correction: the unmarked name is unmarked again, the rest as saved, all pinned,
     * and a member who joined 东村 since is not called into a session already held. */
    fixture_member(t->f, t->east, "新来的", NULL);
    struct session got;
    assert_int_equal(ledger_get_session(t->f->db, s.id, &got, &err), 0);
    rollcall_init(&rc);
    assert_int_equal(rollcall_load(&rc, t->f->db, &got, &err), 0);
    assert_false(rc.changed);
    assert_int_equal(rc.n, 7);
    assert_int_equal(rc.e[entry(&rc, "王小明", "东村党支部")].status, RC_NONE);
    assert_int_equal(rc.e[entry(&rc, "李四", "东村党支部")].status, ATT_LEAVE);
    assert_string_equal(rc.e[entry(&rc, "张三", "西村党支部")].reason, "外出务工");
    for (int i = 0; i < rc.n; i++)
        assert_true(rc.e[i].pinned);
    sync_to(t, &rc, both, 2);
    assert_counts(&rc, 7, (int)q(t, "SELECT present FROM session"), 1, 2);
    rollcall_free(&rc);
    ledger_session_free(&got);
}

/* 应到 on the screen is what the save stores (issue 22's walk-through found 59 on the screen, 57 in the list):
 * the register of the target branches that day, 正式 and 预备 党员 only; a number typed; else the roll call. */
static void test_expected_as_saved(void **state)
{
    struct town *t = *state;
    fixture_sql(t->f,
                "INSERT INTO member (uuid, branch_id, name, role, category) "
                "VALUES (lower(hex(randomblob(16))), ?1, '钱八', '普通党员', '入党积极分子')",
                "i", t->east);
    struct rollcall rc;
    int64_t east[1] = {t->east};
    call_roll(t, &rc, east, 1);
    assert_int_equal(rc.n, 6); /* 东村's five members and its 入党积极分子 are called */
    rollcall_mark_all(&rc);
    assert_counts(&rc, 6, 6, 0, 0); /* not yet reckoned: the roll call's size */

    struct session s;
    fill_session(&s);
    s.branches = east;
    s.nbranches = 1;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(rollcall_expected(&rc, t->f->db, &s, &err), 0);
    assert_counts(&rc, 5, 6, 0, 0); /* the register: 钱八 is called and present, but not a 党员 */

    s.expected_given = 1;
    s.expected = 9;
    assert_int_equal(rollcall_expected(&rc, t->f->db, &s, &err), 0);
    assert_counts(&rc, 9, 6, 0, 0);

    s.expected_given = 0;
    s.expected = 0;
    s.nbranches = 0;
    assert_int_equal(rollcall_expected(&rc, t->f->db, &s, &err), 0);
    assert_counts(&rc, 6, 6, 0, 0); /* no target branch: everyone called */

    /* What the screen shows for 东村 is what the save stores and the 台账 list reads. */
    s.nbranches = 1;
    assert_int_equal(rollcall_expected(&rc, t->f->db, &s, &err), 0);
    s.natt = rollcall_attendance(&rc, &s.att);
    assert_int_equal(ledger_save_session(t->f->db, &s, &err), 0);
    free(s.att);
    assert_int_equal(q(t, "SELECT expected FROM session"), 5);
    assert_int_equal(q(t, "SELECT present FROM session"), 6);
    rollcall_free(&rc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_called_from_the_target_branches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_namesakes_told_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_marks_counts_and_reasons, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unexplained_absences, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_present, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_by_initials, setup, teardown),
        cmocka_unit_test_setup_teardown(test_added_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_what_is_saved, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expected_as_saved, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
