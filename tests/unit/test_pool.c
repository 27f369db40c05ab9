/* test_pool.c — the teacher and venue pages of core/pool.c: order, keyset paging one row at a time, the query by
 * text or pinyin initials, inactive rows left out, a teacher's sessions in one year, and reads of one row by id. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "pool.h"
#include "store.h"

struct world {
    struct fixture *f;
    int64_t wang, li, chen, gone;   /* teachers: 王海燕, 李明, 陈刚, and one inactive */
    int64_t hall, farm, yard, shut; /* venues: two 主阵地, one 教学点, one inactive */
};

static int64_t add_teacher(struct world *w, const char *name, const char *org, const char *topics)
{
    struct teacher t;
    memset(&t, 0, sizeof t);
    snprintf(t.name, sizeof t.name, "%s", name);
    snprintf(t.employment, sizeof t.employment, "%s", "兼职");
    snprintf(t.type, sizeof t.type, "%s", "专家型");
    snprintf(t.org, sizeof t.org, "%s", org);
    snprintf(t.topics, sizeof t.topics, "%s", topics);
    struct fx_error err;
    assert_int_equal(roster_save_teacher(w->f->db, &t, &err), 0);
    return t.id;
}

static int64_t add_venue(struct world *w, const char *name, const char *kind, const char *theme, const char *address)
{
    struct venue v;
    memset(&v, 0, sizeof v);
    snprintf(v.name, sizeof v.name, "%s", name);
    snprintf(v.kind, sizeof v.kind, "%s", kind);
    snprintf(v.theme, sizeof v.theme, "%s", theme);
    snprintf(v.address, sizeof v.address, "%s", address);
    struct fx_error err;
    assert_int_equal(roster_save_venue(w->f->db, &v, &err), 0);
    return v.id;
}

/* Sessions go in by SQL: this tests what the pages read, not how the ledger saves. */
static void add_session(struct world *w, const char *date, int64_t teacher, double hours, int voided)
{
    fixture_session(w->f, &(struct fixture_session){.date = date,
                                                    .title = "一课",
                                                    .teacher = teacher,
                                                    .hours = hours,
                                                    .void_reason = voided ? "录错了" : NULL});
}

/* 王海燕 teaches twice in 2024 (and once voided, once in 2023 and 2025); 李明 once. */
static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    w->f = fixture_new();
    w->wang = add_teacher(w, "王海燕", "县委党校", "基层治理");
    w->li = add_teacher(w, "李明", "农业农村局", "乡村振兴");
    w->chen = add_teacher(w, "陈刚", "县委党校", "党史");
    w->gone = add_teacher(w, "王已调走", "县委党校", "党史");
    w->hall = add_venue(w, "镇党群服务中心", "主阵地", "综合", "镇府路1号");
    w->farm = add_venue(w, "东风村农家书屋", "教学点", "乡村振兴", "东风村");
    w->yard = add_venue(w, "新时代文明实践站", "主阵地", "文明实践", "人民路8号");
    w->shut = add_venue(w, "旧礼堂", "主阵地", "", "");
    fixture_sql(w->f, "UPDATE teacher SET active = 0 WHERE id = ?1", "i", w->gone);
    fixture_sql(w->f, "UPDATE venue SET active = 0 WHERE id = ?1", "i", w->shut);
    add_session(w, "2023-12-31", w->wang, 4, 0);
    add_session(w, "2024-01-01", w->wang, 2.5, 0);
    add_session(w, "2024-12-31", w->wang, 3, 0);
    add_session(w, "2025-01-01", w->wang, 2, 0);
    add_session(w, "2024-05-01", w->li, 1.5, 0);
    add_session(w, "2024-06-01", w->wang, 6, 1);
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

static void test_teacher_page(void **state)
{
    struct world *w = *state;
    struct fx_error err;
    struct pool_teacher rows[8];
    /* Ordered by name (UTF-8 bytes: 李 < 王 < 陈), the inactive one left out. */
    assert_int_equal(pool_teacher_page(w->f->db, 2024, "", "", 0, rows, 8, &err), 3);
    assert_int_equal(rows[0].t.id, w->li);
    assert_int_equal(rows[1].t.id, w->wang);
    assert_int_equal(rows[2].t.id, w->chen);
    assert_string_equal(rows[1].t.org, "县委党校");
    assert_string_equal(rows[1].t.topics, "基层治理");
    /* 2024 only, the voided one not counted */
    assert_int_equal(rows[1].sessions, 2);
    assert_near(rows[1].hours, 5.5, 1e-9);
    assert_int_equal(rows[0].sessions, 1);
    assert_int_equal(rows[2].sessions, 0);
    assert_near(rows[2].hours, 0, 1e-9);
    /* One row a page, each strictly after the last, to the end. */
    int64_t seen[3];
    int n = 0;
    char after[101] = "";
    int64_t after_id = 0;
    for (;;) {
        struct pool_teacher one;
        int got = pool_teacher_page(w->f->db, 2024, "", after, after_id, &one, 1, &err);
        assert_true(got == 0 || got == 1);
        if (!got)
            break;
        assert_true(n < 3);
        seen[n++] = one.t.id;
        snprintf(after, sizeof after, "%s", one.t.name);
        after_id = one.t.id;
    }
    assert_int_equal(n, 3);
    assert_int_equal(seen[0], w->li);
    assert_int_equal(seen[2], w->chen);
    /* The query: initials of the name, the unit, the topics. */
    assert_int_equal(pool_teacher_page(w->f->db, 2024, "why", "", 0, rows, 8, &err), 1);
    assert_int_equal(rows[0].t.id, w->wang);
    assert_int_equal(pool_teacher_page(w->f->db, 2024, "县委党校", "", 0, rows, 8, &err), 2);
    assert_int_equal(pool_teacher_page(w->f->db, 2024, "xczx", "", 0, rows, 8, &err), 1);
    assert_int_equal(rows[0].t.id, w->li);
    assert_int_equal(pool_teacher_page(w->f->db, 2024, "没有这个人", "", 0, rows, 8, &err), 0);
    /* Another year counts its own sessions. */
    assert_int_equal(pool_teacher_page(w->f->db, 2025, "why", "", 0, rows, 8, &err), 1);
    assert_int_equal(rows[0].sessions, 1);
    assert_near(rows[0].hours, 2, 1e-9);
}

static void test_venue_page(void **state)
{
    struct world *w = *state;
    struct fx_error err;
    struct venue rows[8];
    /* 主阵地 first (by name), then 教学点; the inactive one left out. */
    assert_int_equal(pool_venue_page(w->f->db, "", NULL, rows, 8, &err), 3);
    assert_int_equal(rows[0].id, w->yard);
    assert_int_equal(rows[1].id, w->hall);
    assert_int_equal(rows[2].id, w->farm);
    assert_string_equal(rows[2].address, "东风村");
    /* One row a page crosses from 主阵地 to 教学点. */
    int64_t seen[3];
    int n = 0;
    struct venue last;
    const struct venue *after = NULL;
    for (;;) {
        struct venue one;
        int got = pool_venue_page(w->f->db, "", after, &one, 1, &err);
        assert_true(got == 0 || got == 1);
        if (!got)
            break;
        assert_true(n < 3);
        seen[n++] = one.id;
        last = one;
        after = &last;
    }
    assert_int_equal(n, 3);
    assert_int_equal(seen[0], w->yard);
    assert_int_equal(seen[1], w->hall);
    assert_int_equal(seen[2], w->farm);
    /* The query: name, theme or address, text or initials. */
    assert_int_equal(pool_venue_page(w->f->db, "xczx", NULL, rows, 8, &err), 1);
    assert_int_equal(rows[0].id, w->farm);
    assert_int_equal(pool_venue_page(w->f->db, "人民路", NULL, rows, 8, &err), 1);
    assert_int_equal(rows[0].id, w->yard);
    assert_int_equal(pool_venue_page(w->f->db, "zdqfwzx", NULL, rows, 8, &err), 1);
    assert_int_equal(rows[0].id, w->hall);
}

static void test_get_one(void **state)
{
    struct world *w = *state;
    struct fx_error err;
    struct teacher t;
    struct venue v;
    struct branch b;
    /* An inactive row is still read by id: a saved session may point at it. */
    assert_int_equal(pool_get_teacher(w->f->db, w->gone, &t, &err), 0);
    assert_string_equal(t.name, "王已调走");
    assert_int_equal(pool_get_venue(w->f->db, w->shut, &v, &err), 0);
    assert_string_equal(v.name, "旧礼堂");
    int64_t br = fixture_branch(w->f, "东风村党支部");
    assert_int_equal(pool_get_branch(w->f->db, br, &b, &err), 0);
    assert_string_equal(b.name, "东风村党支部");
    assert_int_equal(pool_get_teacher(w->f->db, 9999, &t, &err), FX_ENOTFOUND);
    assert_int_equal(pool_get_venue(w->f->db, 9999, &v, &err), FX_ENOTFOUND);
    assert_int_equal(pool_get_branch(w->f->db, 9999, &b, &err), FX_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_teacher_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_venue_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get_one, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
