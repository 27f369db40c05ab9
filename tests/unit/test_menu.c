/* test_menu.c — the course menu (core/course.c) and ordering from it (core/order.c): courses, keyset pages, orders
 * and their delivery. Each test works on a fresh scratch ledger of the fixture library (fixture.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "date.h"
#include "fixture.h"
#include "ledger.h"
#include "order.h"
#include "report_menu.h"
#include "store.h"
#include "teacher.h"
#include "text.h"

/* The roster every test starts from, written by the fixture: one branch and its member, two teachers, a venue. */
struct world {
    struct fixture *f;
    int64_t branch, teacher, teacher2, venue, member;
};

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    w->f = fixture_new();
    w->branch = fixture_branch(w->f, "沈家浜村党支部");
    w->teacher = fixture_teacher(w->f, "陆建明", "专职", "专家型");
    w->teacher2 = fixture_teacher(w->f, "钱晓燕", "兼职", "榜样型");
    w->venue = fixture_venue(w->f, "镇党群服务中心", "主阵地");
    w->member = fixture_member(w->f, w->branch, "沈国强", NULL);
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

static int64_t add_course(struct world *w, const char *title, const char *category, const char *module, int64_t teacher)
{
    struct course c = {.hours = 2, .teacher_id = teacher, .venue_id = w->venue};
    struct fx_error err;
    fx_clear(&err);
    snprintf(c.title, sizeof c.title, "%s", title);
    snprintf(c.category, sizeof c.category, "%s", category);
    snprintf(c.module, sizeof c.module, "%s", module);
    snprintf(c.format, sizeof c.format, "%s", "专题党课");
    int rc = course_save(w->f->db, &c, &err);
    if (rc)
        fprintf(stderr, "# %s\n", err.msg);
    assert_int_equal(rc, 0);
    return c.id;
}

static void test_course_save_get(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct fx_error err;
    fx_clear(&err);
    struct course c = {.hours = 3, .featured = 1, .teacher_id = w->teacher};
    snprintf(c.title, sizeof c.title, "%s", " 《擦亮营商环境金名片》 ");
    snprintf(c.category, sizeof c.category, "%s", "形势政策教育");
    snprintf(c.format, sizeof c.format, "%s", "专题党课");
    snprintf(c.module, sizeof c.module, "%s", "优化营商环境");
    assert_int_equal(course_save(f->db, &c, &err), 0);
    assert_true(c.id > 0);
    assert_int_equal(strlen(c.uuid), 36);
    struct course g;
    assert_int_equal(course_get(f->db, c.id, &g, &err), 0);
    assert_string_equal(g.title, "擦亮营商环境金名片");
    assert_string_equal(g.teacher, "陆建明");
    assert_int_equal(g.featured, 1);
    assert_int_equal(g.category_ord, 6);
    assert_near(g.hours, 3, 0);

    /* An update keeps the uuid and leaves an audit record with before and after. */
    char uuid[37];
    snprintf(uuid, sizeof uuid, "%s", c.uuid);
    c.hours = 4;
    c.uuid[0] = '\0';
    assert_int_equal(course_save(f->db, &c, &err), 0);
    assert_string_equal(c.uuid, uuid);
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM audit WHERE entity = 'course' AND uuid = ?", uuid), 2);
    assert_int_equal(store_int(f->db,
                               "SELECT count(*) FROM audit WHERE entity = 'course' AND before IS NOT NULL "
                               "AND after LIKE '%\"hours\":4%' AND uuid = ?",
                               uuid),
                     1);
    assert_int_equal(course_get(f->db, 9999, &g, &err), FX_ENOTFOUND);
}

static void test_course_validation(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct fx_error err;
    fx_clear(&err);
    struct course c = {.hours = 2};
    snprintf(c.title, sizeof c.title, "%s", "小棒球击出乡村振兴“嘉速度”");
    snprintf(c.category, sizeof c.category, "%s", "体育教育");
    snprintf(c.format, sizeof c.format, "%s", "专题党课");
    assert_int_equal(course_save(f->db, &c, &err), FX_EINPUT);
    assert_string_equal(err.field, "category");
    assert_non_null(strstr(err.msg, "内容类别"));
    snprintf(c.category, sizeof c.category, "%s", "知识技能教育");
    c.hours = 25;
    assert_int_equal(course_save(f->db, &c, &err), FX_EINPUT);
    assert_string_equal(err.field, "hours");
    c.hours = 2;
    c.teacher_id = 777;
    assert_int_equal(course_save(f->db, &c, &err), FX_EINPUT);
    assert_string_equal(err.field, "teacher");
    c.teacher_id = 0;
    snprintf(c.title, sizeof c.title, "%s", "《》");
    assert_int_equal(course_save(f->db, &c, &err), FX_EINPUT);
    assert_string_equal(err.field, "title");
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM course", NULL), 0);
}

static void test_course_pages(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct fx_error err;
    fx_clear(&err);
    /* Inserted out of order: the menu orders by category order, then module, title, id. */
    add_course(w, "乡村振兴实务", "知识技能教育", "乡村振兴", w->teacher);
    add_course(w, "党章学习", "党章党规党纪教育", "", w->teacher);
    add_course(w, "学习新思想", "政治理论教育", "理论武装", w->teacher2);
    add_course(w, "红船精神", "革命传统教育", "红色基因", w->teacher);
    add_course(w, "纪律处分条例解读", "党章党规党纪教育", "纪律建设", w->teacher);
    add_course(w, "党章学习", "党章党规党纪教育", "", w->teacher); /* a same-titled course twice */
    add_course(w, "数字乡村", "知识技能教育", "乡村振兴", w->teacher2);
    const char *want[] = {"学习新思想", "党章学习",     "党章学习", "纪律处分条例解读",
                          "红船精神",   "乡村振兴实务", "数字乡村"};

    struct course rows[3], last;
    int got = 0, n;
    const struct course *after = NULL;
    while ((n = course_page(f->db, NULL, after, 0, rows, 3, &err)) > 0) {
        for (int i = 0; i < n; i++)
            assert_string_equal(rows[i].title, want[got + i]);
        got += n;
        last = rows[n - 1];
        after = &last;
    }
    assert_int_equal(n, 0);
    assert_int_equal(got, 7);

    /* Backward from the end gives the page before, in forward order. */
    n = course_page(f->db, NULL, &last, 1, rows, 3, &err);
    assert_int_equal(n, 3);
    assert_string_equal(rows[0].title, "纪律处分条例解读");
    assert_string_equal(rows[2].title, "乡村振兴实务");

    struct course_filter flt = {.category = "知识技能教育"};
    assert_int_equal(course_page(f->db, &flt, NULL, 0, rows, 3, &err), 2);
    struct course_filter q = {.query = "hcjs"}; /* 红船精神 by pinyin initials */
    assert_int_equal(course_page(f->db, &q, NULL, 0, rows, 3, &err), 1);
    assert_string_equal(rows[0].title, "红船精神");
    struct course_filter by_teacher = {.query = "qxy"}; /* 钱晓燕's courses */
    assert_int_equal(course_page(f->db, &by_teacher, NULL, 0, rows, 3, &err), 2);

    /* Retiring hides a course from the menu, keeps it on request, and counts it apart. */
    assert_int_equal(course_retire(f->db, rows[0].id, &err), 0);
    assert_int_equal(course_retire(f->db, rows[0].id, &err), FX_EINPUT);
    assert_int_equal(course_page(f->db, &by_teacher, NULL, 0, rows, 3, &err), 1);
    by_teacher.include_retired = 1;
    assert_int_equal(course_page(f->db, &by_teacher, NULL, 0, rows, 3, &err), 2);

    struct course_count counts[16];
    assert_int_equal(course_count_by_category(f->db, counts, 16, &err), 7);
    assert_string_equal(counts[0].category, "政治理论教育");
    assert_int_equal(counts[0].courses, 0);
    assert_int_equal(counts[0].retired, 1);
    assert_int_equal(counts[2].courses, 3);
    assert_int_equal(counts[4].courses, 0);
    assert_int_equal(counts[6].courses, 2);
    assert_int_equal(course_restore(f->db, rows[0].id, &err), 0);
    assert_int_equal(course_count_by_category(f->db, counts, 16, &err), 7);
    assert_int_equal(counts[0].courses, 1);
}

/* Fails saying which page when rows[0..n) are not the titles want[0..count). */
static void expect_page(const struct course *rows, int n, const char *const *want, int count, const char *how, int size,
                        int key)
{
    if (n != count)
        fail_msg("%s, %d rows from key %d: %d rows, expected %d", how, size, key, n, count);
    for (int i = 0; i < n; i++)
        if (strcmp(rows[i].title, want[i]))
            fail_msg("%s, %d rows from key %d: row %d is %s, expected %s", how, size, key, i, rows[i].title, want[i]);
}

/* Every page of every size, from every row's key and from either end, forward and backward, against want (the
 * titles in menu order, nwant ≤ 15): a page starts and ends at every place, inside a category and between two. */
static void expect_every_page(sqlite3 *db, const struct course_filter *flt, const char *const *want, int nwant)
{
    struct course all[16], rows[16];
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(course_page(db, flt, NULL, 0, all, 16, &err), nwant);
    expect_page(all, nwant, want, nwant, "the whole menu", 16, -1);
    for (int size = 1; size <= nwant + 1; size++) {
        for (int k = -1; k < nwant; k++) { /* after row k; -1: from the start */
            int n = course_page(db, flt, k < 0 ? NULL : &all[k], 0, rows, size, &err);
            int count = nwant - (k + 1) < size ? nwant - (k + 1) : size;
            expect_page(rows, n, want + k + 1, count, "forward", size, k);
        }
        for (int k = 0; k <= nwant; k++) { /* before row k; nwant: from the end */
            int n = course_page(db, flt, k == nwant ? NULL : &all[k], 1, rows, size, &err);
            int first = k - size > 0 ? k - size : 0;
            expect_page(rows, n, want + first, k - first, "backward", size, k);
        }
    }
}

static int collect_title(const struct report_row *row, void *ctx)
{
    char(*titles)[64] = ctx;
    int i = 0;
    while (titles[i][0])
        i++;
    text_copy(titles[i], sizeof titles[i], row->cell[2].text); /* 课程名称 */
    return 0;
}

/* Categories that share a place in the order, and categories the vocab does not know (they sort last): their
 * courses interleave by module, title and id, across page boundaries both ways, under every filter. The printed
 * menu (report_menu) reads in the same order. */
static void test_course_pages_across_categories(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct fx_error err;
    fx_clear(&err);
    add_course(w, "学习新思想", "政治理论教育", "理论武装", w->teacher);
    add_course(w, "党章学习", "党章党规党纪教育", "", w->teacher);
    add_course(w, "纪律处分条例解读", "党章党规党纪教育", "纪律建设", w->teacher);
    add_course(w, "数字乡村", "知识技能教育", "乡村振兴", w->teacher);
    int64_t retired = add_course(w, "乡村振兴实务", "知识技能教育", "乡村振兴", w->teacher);
    add_course(w, "电商直播", "知识技能教育", "", w->teacher2);
    add_course(w, "红船精神", "革命传统教育", "红色基因", w->teacher2);
    int64_t silk = add_course(w, "蚕桑技艺", "革命传统教育", "非遗", w->teacher);
    int64_t safety = add_course(w, "安全生产法", "革命传统教育", "", w->teacher2);
    int64_t street = add_course(w, "老街故事", "革命传统教育", "", w->teacher);
    /* A ledger filed before its vocab changed: 知识技能教育 moved up to 党章党规党纪教育's place (3), and
     * 乡土文化, 安全生产 are no longer (or never were) content categories. */
    fixture_sql(f, "UPDATE vocab SET ord = 3 WHERE kind = 'category' AND name = '知识技能教育'", "");
    fixture_sql(f, "UPDATE course SET category = '乡土文化' WHERE id = ?1 OR id = ?2", "ii", silk, street);
    fixture_sql(f, "UPDATE course SET category = '安全生产' WHERE id = ?1", "i", safety);

    /* UTF-8 byte order: "" < 乡 < 纪 (modules); 党 < 电, 乡 < 数, 安 < 老 (titles). */
    const char *const every[] = {"学习新思想",       "党章学习", "电商直播",   "乡村振兴实务", "数字乡村",
                                 "纪律处分条例解读", "红船精神", "安全生产法", "老街故事",     "蚕桑技艺"};
    struct course_filter with_retired = {.include_retired = 1};
    expect_every_page(f->db, &with_retired, every, 10);

    assert_int_equal(course_retire(f->db, retired, &err), 0);
    const char *const offered[] = {"学习新思想", "党章学习",   "电商直播", "数字乡村", "纪律处分条例解读",
                                   "红船精神",   "安全生产法", "老街故事", "蚕桑技艺"};
    expect_every_page(f->db, NULL, offered, 9);

    /* A key that is not on the list (the retired course) still places the page. */
    struct course key, rows[4];
    assert_int_equal(course_get(f->db, retired, &key, &err), 0);
    assert_int_equal(key.category_ord, 3);
    assert_int_equal(course_page(f->db, NULL, &key, 0, rows, 2, &err), 2);
    assert_string_equal(rows[0].title, "数字乡村");
    assert_string_equal(rows[1].title, "纪律处分条例解读");
    assert_int_equal(course_page(f->db, NULL, &key, 1, rows, 2, &err), 2);
    assert_string_equal(rows[0].title, "党章学习");
    assert_string_equal(rows[1].title, "电商直播");

    struct course_filter skills = {.category = "知识技能教育"};
    const char *const skills_offered[] = {"电商直播", "数字乡村"};
    expect_every_page(f->db, &skills, skills_offered, 2);
    skills.include_retired = 1;
    const char *const skills_all[] = {"电商直播", "乡村振兴实务", "数字乡村"};
    expect_every_page(f->db, &skills, skills_all, 3);
    struct course_filter local = {.category = "乡土文化"}; /* not in the vocab */
    const char *const local_all[] = {"老街故事", "蚕桑技艺"};
    expect_every_page(f->db, &local, local_all, 2);
    struct course_filter teacher2 = {.query = "qxy"}; /* 钱晓燕's courses, at places 3, 4 and last */
    const char *const teacher2_all[] = {"电商直播", "红船精神", "安全生产法"};
    expect_every_page(f->db, &teacher2, teacher2_all, 3);
    struct course_filter village = {.query = "乡村", .include_retired = 1}; /* by title or module */
    const char *const village_all[] = {"乡村振兴实务", "数字乡村"};
    expect_every_page(f->db, &village, village_all, 2);

    /* The printed menu: the offered courses, in the screen's order. */
    struct report rep;
    assert_int_equal(report_menu(f->db, NULL, "", &rep, &err), 0);
    char titles[16][64];
    memset(titles, 0, sizeof titles);
    assert_int_equal(report_rows(&rep, 0, -1, collect_title, titles, &err), 0);
    for (int i = 0; i < 9; i++)
        assert_string_equal(titles[i], offered[i]);
    assert_string_equal(titles[9], "");
}

static void test_order_flow(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct fx_error err;
    fx_clear(&err);
    int64_t cid = add_course(w, "小棒球击出乡村振兴“嘉速度”", "知识技能教育", "乡村振兴", w->teacher);
    struct course_order o = {.course_id = cid, .branch_id = w->branch, .wanted_date = "2024-05-20"};
    assert_int_equal(order_place(f->db, &o, &err), 0);
    assert_string_equal(o.state, ORDER_PLACED);

    /* Scheduling needs a real date; the teacher and venue default to the course's. */
    assert_int_equal(order_schedule(f->db, o.id, "", 0, 0, &err), FX_EINPUT);
    assert_int_equal(order_schedule(f->db, o.id, "2024-02-30", 0, 0, &err), FX_EINPUT);
    assert_string_equal(err.field, "sched_date");
    assert_int_equal(order_schedule(f->db, o.id, "2024-05-22", w->teacher2, 0, &err), 0);
    struct course_order g;
    assert_int_equal(order_get(f->db, o.id, &g, &err), 0);
    assert_string_equal(g.state, ORDER_SCHEDULED);
    assert_string_equal(g.teacher, "钱晓燕");
    assert_string_equal(g.venue, "镇党群服务中心");
    assert_string_equal(g.branch, "沈家浜村党支部");
    assert_int_equal(g.overdue, 1); /* 2024-05-22 has passed and nothing was delivered */
    assert_int_equal(order_count_overdue(f->db), 1);

    struct session s;
    assert_int_equal(order_to_session(f->db, o.id, &s, &err), 0);
    assert_string_equal(s.title, "小棒球击出乡村振兴“嘉速度”");
    assert_string_equal(s.category, "知识技能教育");
    assert_string_equal(s.kind, "专题党课");
    assert_string_equal(s.date, "2024-05-22");
    assert_int_equal(s.teacher_id, w->teacher2);
    assert_int_equal(s.venue_id, w->venue);
    assert_int_equal(s.nbranches, 1);
    assert_int_equal(s.branches[0], w->branch);
    assert_int_equal(s.order_id, o.id);
    assert_near(s.hours, 2, 0);
    struct attendee a = {.member_id = w->member, .status = ATT_PRESENT};
    s.att = &a;
    s.natt = 1;
    assert_int_equal(ledger_save_session(f->db, &s, &err), 0);
    s.att = NULL;
    s.natt = 0;
    int64_t sid = s.id;
    ledger_session_free(&s);

    assert_int_equal(order_get(f->db, o.id, &g, &err), 0);
    assert_string_equal(g.state, ORDER_DONE);
    assert_int_equal(g.session_id, sid);
    assert_int_equal(g.overdue, 0);
    assert_int_equal(order_count_overdue(f->db), 0);

    /* A completed order can be neither rescheduled, cancelled nor delivered twice. */
    assert_int_equal(order_schedule(f->db, o.id, "2024-06-01", 0, 0, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "已完成"));
    assert_int_equal(order_cancel(f->db, o.id, "", &err), FX_EINPUT);
    assert_int_equal(order_to_session(f->db, o.id, &s, &err), FX_EINPUT);

    /* A retired course is not offered, but its session keeps its title. */
    assert_int_equal(course_retire(f->db, cid, &err), 0);
    struct course_order o2 = {.course_id = cid, .branch_id = w->branch};
    assert_int_equal(order_place(f->db, &o2, &err), FX_EINPUT);
    assert_string_equal(err.field, "course");
    assert_non_null(strstr(err.msg, "停用"));
    assert_int_equal(ledger_get_session(f->db, sid, &s, &err), 0);
    assert_string_equal(s.title, "小棒球击出乡村振兴“嘉速度”");
    ledger_session_free(&s);
}

static void test_order_cancel_and_pages(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct fx_error err;
    fx_clear(&err);
    int64_t cid = add_course(w, "红船精神", "革命传统教育", "", 0);
    struct course_order o = {.course_id = cid, .branch_id = w->branch, .note = "希望安排在周五"};
    assert_int_equal(order_place(f->db, &o, &err), 0);
    struct course_order o2 = {.course_id = cid, .branch_id = w->branch};
    assert_int_equal(order_place(f->db, &o2, &err), 0);
    struct course_order bad = {.course_id = cid, .branch_id = 4242};
    assert_int_equal(order_place(f->db, &bad, &err), FX_EINPUT);
    assert_string_equal(err.field, "branch");

    /* The course has no teacher, so scheduling must name one. */
    assert_int_equal(order_schedule(f->db, o2.id, "2999-01-04", 0, 0, &err), FX_EINPUT);
    assert_string_equal(err.field, "teacher");
    assert_int_equal(order_schedule(f->db, o2.id, "2999-01-04", w->teacher, 0, &err), 0);

    assert_int_equal(order_cancel(f->db, o.id, "村里临时有任务", &err), 0);
    assert_int_equal(order_cancel(f->db, o.id, "", &err), FX_EINPUT);
    assert_int_equal(order_schedule(f->db, o.id, "2999-01-04", w->teacher, 0, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "已取消"));
    struct course_order g;
    assert_int_equal(order_get(f->db, o.id, &g, &err), 0);
    assert_string_equal(g.state, ORDER_CANCELLED);
    assert_string_equal(g.note, "希望安排在周五；取消原因：村里临时有任务");
    assert_int_equal(order_get(f->db, 31337, &g, &err), FX_ENOTFOUND);

    struct course_order rows[4];
    assert_int_equal(order_page(f->db, NULL, 0, rows, 4, &err), 2);
    assert_int_equal(rows[0].id, o2.id);  /* newest first */
    assert_int_equal(rows[0].overdue, 0); /* scheduled in the future */
    assert_int_equal(order_page(f->db, NULL, rows[0].id, rows, 4, &err), 1);
    struct order_filter flt = {.state = ORDER_CANCELLED};
    assert_int_equal(order_page(f->db, &flt, 0, rows, 4, &err), 1);
    struct order_filter late = {.overdue_only = 1};
    assert_int_equal(order_page(f->db, &late, 0, rows, 4, &err), 0);
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM audit WHERE entity = 'course_order'", NULL), 4);
}

static void test_joins_caller_transaction(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(store_begin(f->db, &err), 0);
    int64_t cid = add_course(w, "党的宗旨教育专题", "党的宗旨教育", "", w->teacher);
    struct course_order o = {.course_id = cid, .branch_id = w->branch};
    assert_int_equal(order_place(f->db, &o, &err), 0);
    /* A failure inside the caller's transaction leaves it open and intact. */
    assert_int_equal(order_schedule(f->db, o.id, "2024-01-01", 0, 999, &err), FX_EINPUT);
    assert_int_equal(sqlite3_get_autocommit(f->db), 0);
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM course_order", NULL), 1);
    /* ledger_save_session joins too (the demo writes a year in one transaction). */
    struct session s;
    assert_int_equal(order_to_session(f->db, o.id, &s, &err), 0);
    assert_int_equal(ledger_save_session(f->db, &s, &err), 0);
    ledger_session_free(&s);
    assert_int_equal(sqlite3_get_autocommit(f->db), 0);
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM course_order WHERE state = '已完成'", NULL), 1);
    store_rollback(f->db);
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM session", NULL), 0);
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM course", NULL), 0);
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM course_order", NULL), 0);
}

static void test_teacher_workload(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct fx_error err;
    fx_clear(&err);
    const char *dates[] = {"2023-12-30", "2024-03-01", "2024-04-01", "2024-05-01"};
    int64_t ids[4];
    for (int i = 0; i < 4; i++) {
        struct session s = {.hours = 2, .present = 10, .teacher_id = i == 0 ? w->teacher2 : w->teacher};
        snprintf(s.date, sizeof s.date, "%s", dates[i]);
        snprintf(s.title, sizeof s.title, "%s", "专题党课");
        snprintf(s.category, sizeof s.category, "%s", "政治理论教育");
        snprintf(s.format, sizeof s.format, "%s", "专题党课");
        snprintf(s.kind, sizeof s.kind, "%s", "专题党课");
        assert_int_equal(ledger_save_session(f->db, &s, &err), 0);
        ids[i] = s.id;
    }
    assert_int_equal(ledger_void_session(f->db, ids[2], "重复录入", &err), 0);
    struct teacher_load rows[8];
    assert_int_equal(teacher_workload(f->db, 2024, rows, 8, &err), 2);
    assert_string_equal(rows[0].name, "陆建明");
    assert_int_equal(rows[0].sessions, 2); /* the voided one does not count */
    assert_near(rows[0].hours, 4, 0);
    assert_string_equal(rows[1].name, "钱晓燕");
    assert_int_equal(rows[1].sessions, 0);
    assert_int_equal(teacher_workload(f->db, 2023, rows, 8, &err), 2);
    assert_string_equal(rows[0].name, "钱晓燕");
    assert_int_equal(rows[0].sessions, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_course_save_get, setup, teardown),
        cmocka_unit_test_setup_teardown(test_course_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_course_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_course_pages_across_categories, setup, teardown),
        cmocka_unit_test_setup_teardown(test_order_flow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_order_cancel_and_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_joins_caller_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_teacher_workload, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
