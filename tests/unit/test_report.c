/* test_report.c — unit tests for core/report.c and the renderers: the model's numbers
 * against hand-computed values for a small known ledger that includes a voided session. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "ledger.h"
#include "render.h"
#include "report.h"
#include "stats.h"
#include "store.h"
#include "text.h"

/*
 * The ledger (2024):
 *   branches  东村 (张三 普通党员, 李四 党组织书记)
 *             西社区 (王五 普通党员, 赵六 班子成员, 钱七 普通党员, =1+1 普通党员)
 *   S1 03-05  2 h  政治理论教育 专题党课 刘老师  张三 到, 李四 到, 王五 缺         应到 3 实到 2
 *   S2 03-12  4 h  形势政策教育 集中培训        张三 王五 赵六 到, 钱七 假         应到 4 实到 3
 *   S3 03-20  3 h  voided                       张三 李四 到
 *   S4 03-25  1.5 h 政治理论教育 云课堂          head count                      应到 10 实到 8
 *   S5 04-02  2 h                               李四 到
 *   S6 01-10  24 h                              张三 到
 *   S7 02-01  2 h                               张三 到
 * March: 期数 3, 人次 13, 人数 4, 应到 17, 学时 7.5, 参训率 13/17, person-hours 28,
 * 人均学时 28/4 = 7, 受训率 4/6. Hours in 2024: 张三 32 (meets 32), 李四 4 (needs 56),
 * 王五 4, 赵六 4 (needs 56), 钱七 0, =1+1 0: 1 of 6 at target.
 */
struct world {
    struct fixture *f;
    int64_t m[6];
};

enum { ZHANG, LI, WANG, ZHAO, QIAN, FORMULA };

static int64_t add_session(struct world *w, const char *date, double hours, const char *category, const char *format,
                           int64_t teacher, const int *who, const int *status, int n, int expected, int present)
{
    struct session s;
    struct attendee att[8];
    memset(&s, 0, sizeof s);
    snprintf(s.date, sizeof s.date, "%s", date);
    snprintf(s.title, sizeof s.title, "培训 %s", date);
    snprintf(s.category, sizeof s.category, "%s", category);
    snprintf(s.format, sizeof s.format, "%s", format);
    s.hours = hours;
    s.teacher_id = teacher;
    for (int i = 0; i < n; i++) {
        memset(&att[i], 0, sizeof att[i]);
        att[i].member_id = w->m[who[i]];
        att[i].status = status[i];
    }
    s.att = att;
    s.natt = n;
    s.expected = expected;
    s.present = present;
    struct fx_error err;
    fx_clear(&err);
    if (ledger_save_session(w->f->db, &s, &err))
        fail_msg("ledger_save_session %s: %s", date, err.msg);
    return s.id;
}

/* The ledger above: the roster through the fixture, the sessions through the ledger, which counts 应到 and 实到
 * from each roll call as the table says. */
static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    struct fixture *f = w->f = fixture_new();
    int64_t a = fixture_branch(f, "东村党支部"), b = fixture_branch(f, "西社区党支部");
    int64_t t = fixture_teacher(f, "刘老师", "专职", "专家型");
    static const char *names[6] = {"张三", "李四", "王五", "赵六", "钱七", "=1+1"};
    static const char *roles[6] = {"普通党员", "党组织书记", "普通党员", "班子成员", "普通党员", "普通党员"};
    for (int i = 0; i < 6; i++)
        w->m[i] = fixture_member(f, i < 2 ? a : b, names[i], roles[i]);
    *state = w;
    add_session(w, "2024-03-05", 2, "政治理论教育", "专题党课", t, (int[]){ZHANG, LI, WANG},
                (int[]){ATT_PRESENT, ATT_PRESENT, ATT_ABSENT}, 3, 0, 0);
    add_session(w, "2024-03-12", 4, "形势政策教育", "集中培训", 0, (int[]){ZHANG, WANG, ZHAO, QIAN},
                (int[]){ATT_PRESENT, ATT_PRESENT, ATT_PRESENT, ATT_LEAVE}, 4, 0, 0);
    int64_t voided = add_session(w, "2024-03-20", 3, "形势政策教育", "集中培训", t, (int[]){ZHANG, LI},
                                 (int[]){ATT_PRESENT, ATT_PRESENT}, 2, 0, 0);
    add_session(w, "2024-03-25", 1.5, "政治理论教育", "云课堂", 0, NULL, NULL, 0, 10, 8);
    add_session(w, "2024-04-02", 2, "政治理论教育", "微党课", 0, (int[]){LI}, (int[]){ATT_PRESENT}, 1, 0, 0);
    add_session(w, "2024-01-10", 24, "政治理论教育", "集中培训", 0, (int[]){ZHANG}, (int[]){ATT_PRESENT}, 1, 0, 0);
    add_session(w, "2024-02-01", 2, "政治理论教育", "集中培训", 0, (int[]){ZHANG}, (int[]){ATT_PRESENT}, 1, 0, 0);
    struct fx_error err;
    fx_clear(&err);
    if (ledger_void_session(f->db, voided, "重复录入", &err))
        fail_msg("void: %s", err.msg);
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    fixture_free(w->f);
    free(w);
    return 0;
}

static struct report *build_month(struct fixture *f)
{
    struct report *rep = malloc(sizeof *rep);
    struct fx_error err;
    fx_clear(&err);
    assert_non_null(rep);
    assert_int_equal(report_month(f->db, NULL, 2024, 3, rep, &err), 0);
    return rep;
}

static const struct report_figure *figure(const struct report *rep, const char *label)
{
    for (int i = 0; i < rep->nfigures; i++)
        if (!strcmp(rep->fig[i].label, label))
            return &rep->fig[i];
    fail_msg("no figure %s", label);
    return NULL;
}

static void test_month_totals(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct report *rep = build_month(f);
    assert_string_equal(rep->title, "2024年3月培训情况汇总表");
    assert_string_equal(rep->unit, "测试镇党校分校");
    assert_string_equal(rep->sign[0], "制表人");
    assert_string_equal(rep->sign[1], "审核人");
    assert_int_equal(rep->nrows, 3); /* the voided session counts nowhere */
    assert_true(rep->has_totals);
    const struct report_row *t = &rep->totals;
    assert_string_equal(t->cell[0].text, "合计");
    /* Only numbers under their heads: 期数, 人次 and 人数 are figures, so a spreadsheet sums the row. */
    assert_int_equal(t->cell[1].type, CELL_EMPTY);
    assert_int_equal(t->cell[2].type, CELL_EMPTY);
    assert_int_equal((int)t->cell[6].value, 17);
    assert_int_equal((int)t->cell[7].value, 13);
    assert_int_equal(t->cell[8].type, CELL_PERCENT);
    assert_near(t->cell[8].value, 13.0 / 17.0, 1e-9);
    assert_near(t->cell[9].value, 7.5, 1e-9);
    char s[64];
    report_cell_format(&t->cell[8], s, sizeof s);
    assert_string_equal(s, "76.5%");
    report_cell_format(&t->cell[9], s, sizeof s);
    assert_string_equal(s, "7.5");
    assert_int_equal((int)figure(rep, "期数")->value.value, 3);
    assert_int_equal((int)figure(rep, "人次")->value.value, 13);
    assert_int_equal((int)figure(rep, "人数")->value.value, 4);
    assert_near(figure(rep, "人均学时")->value.value, 7.0, 1e-9);
    assert_near(figure(rep, "受训率")->value.value, 4.0 / 6.0, 1e-9);
    assert_true(rep->nnotes >= 5);
    free(rep);
}

struct rows {
    int n;
    char dates[8][11];
    int expected[8], present[8], seq[8];
    char rate[8][16];
    int stop_after;
};

static int collect(const struct report_row *r, void *ctx)
{
    struct rows *c = ctx;
    if (c->n < 8) {
        text_copy(c->dates[c->n], 11, r->cell[1].text);
        c->seq[c->n] = (int)r->cell[0].value;
        c->expected[c->n] = (int)r->cell[6].value;
        c->present[c->n] = (int)r->cell[7].value;
        report_cell_format(&r->cell[8], c->rate[c->n], 16);
    }
    c->n++;
    return c->stop_after && c->n >= c->stop_after ? 42 : 0;
}

static const struct report_group *group(const struct report *rep, const char *by, const char *name)
{
    for (int i = 0; i < rep->ngroups; i++)
        if (!strcmp(rep->group[i].by, by) && (!name || !strcmp(rep->group[i].name, name)))
            return &rep->group[i];
    fail_msg("no group %s %s", by, name ? name : "");
    return NULL;
}

/* The 分类汇总 of March (stats_groups): by category 政治理论教育 is 03-05 (2 of 3, 2 学时) and 03-25 (8 of 10,
 * 1.5 学时), 形势政策教育 is 03-12 (3 of 4, 4 学时); the voided 03-20 counts nowhere; every session of one kind. */
static void test_month_groups(void **state)
{
    struct world *w = *state;
    struct report *rep = build_month(w->f);
    const struct report_group *g = group(rep, "内容类别", "政治理论教育");
    assert_int_equal(g->sessions, 2);
    assert_int_equal(g->person_times, 10);
    assert_true(fabs(g->hours - 3.5) < 1e-9);
    assert_string_equal(g->rate, "76.9%");
    g = group(rep, "内容类别", "形势政策教育");
    assert_int_equal(g->sessions, 1);
    assert_int_equal(g->person_times, 3);
    assert_true(fabs(g->hours - 4) < 1e-9);
    assert_string_equal(g->rate, "75.0%");
    g = group(rep, "类型", NULL);
    assert_int_equal(g->sessions, 3);
    assert_int_equal(g->person_times, 13);
    assert_true(fabs(g->hours - 7.5) < 1e-9);
    assert_string_equal(g->rate, "76.5%");
    assert_int_equal(rep->ngroups, 3);
    free(rep);
}

static void test_month_rows_stream(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct report *rep = build_month(f);
    struct fx_error err;
    fx_clear(&err);
    struct rows c = {0};
    assert_int_equal(report_rows(rep, 0, -1, collect, &c, &err), 0);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.dates[0], "2024-03-05");
    assert_string_equal(c.dates[1], "2024-03-12");
    assert_string_equal(c.dates[2], "2024-03-25");
    assert_int_equal(c.expected[0], 3);
    assert_int_equal(c.present[0], 2);
    assert_string_equal(c.rate[0], "66.7%");
    assert_int_equal(c.expected[2], 10);
    assert_int_equal(c.present[2], 8);
    /* A window: the second row only, numbered 2. */
    memset(&c, 0, sizeof c);
    assert_int_equal(report_rows(rep, 1, 1, collect, &c, &err), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.dates[0], "2024-03-12");
    assert_int_equal(c.seq[0], 2);
    /* The callback can stop the stream; its value comes back. */
    memset(&c, 0, sizeof c);
    c.stop_after = 1;
    assert_int_equal(report_rows(rep, 0, -1, collect, &c, &err), 42);
    assert_int_equal(c.n, 1);
    free(rep);
}

static void test_quarter(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct report rep;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(report_quarter(f->db, NULL, 2024, 1, &rep, &err), 0);
    assert_int_equal(rep.nrows, 3);
    assert_int_equal((int)rep.totals.cell[1].value, 5);  /* 期数 */
    assert_int_equal((int)rep.totals.cell[2].value, 15); /* 人次 */
    assert_int_equal((int)rep.totals.cell[3].value, 4);  /* 人数, distinct over the quarter */
    assert_near(rep.totals.cell[4].value, 33.5, 1e-9);
    struct fx_period p;
    struct period_stats s;
    period_make(PERIOD_QUARTER, 2024, 1, &p);
    assert_int_equal(stats_period(f->db, &p, &s, &err), 0);
    assert_int_equal(s.sessions, 5); /* the report and stats agree */
}

static void test_hours(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct report rep;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(report_hours(f->db, NULL, 2024, false, &rep, &err), 0);
    assert_int_equal(rep.nrows, 6);
    assert_int_equal((int)figure(&rep, "当年在册党员")->value.value, 6);
    assert_int_equal((int)figure(&rep, "达标")->value.value, 1);
    assert_int_equal((int)figure(&rep, "未达标")->value.value, 5);
    assert_near(figure(&rep, "学时达标率")->value.value, 1.0 / 6.0, 1e-9);
    assert_near(figure(&rep, "书记和班子成员达标率")->value.value, 0.0, 1e-9);
    assert_near(figure(&rep, "其他党员达标率")->value.value, 0.25, 1e-9);
    /* Summed hours of every member: 32 + 4 + 4 + 4 = 44 (the voided 3 h nowhere). */
    assert_near(rep.totals.cell[5].value, 44, 1e-9);

    int64_t behind = -1;
    struct fx_config cfg;
    config_defaults(&cfg);
    assert_int_equal(stats_members_behind(f->db, &cfg, 2024, &behind, &err), 0);
    assert_int_equal(report_hours(f->db, &cfg, 2024, true, &rep, &err), 0);
    assert_int_equal(behind, 5);         /* all but 张三 */
    assert_int_equal(rep.nrows, behind); /* the list and the home screen's count agree */

    /* A stricter config moves 张三 below too. */
    cfg.min_member = 40;
    assert_int_equal(report_hours(f->db, &cfg, 2024, true, &rep, &err), 0);
    assert_int_equal(rep.nrows, 6);
}

static int find_member(const struct report_row *r, void *ctx)
{
    struct report_row *out = ctx;
    if (!strcmp(r->cell[2].text, "李四"))
        *out = *r;
    return 0;
}

static void test_hours_rows(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct report rep;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(report_hours(f->db, NULL, 2024, false, &rep, &err), 0);
    struct report_row *li = calloc(1, sizeof *li);
    assert_int_equal(report_rows(&rep, 0, -1, find_member, li, &err), 0);
    assert_string_equal(li->cell[1].text, "东村党支部");
    assert_string_equal(li->cell[3].text, "书记"); /* 职务, from the version-1 role 党组织书记 */
    assert_int_equal((int)li->cell[4].value, 2); /* S1 and S5, not the voided S3 */
    assert_near(li->cell[5].value, 4, 1e-9);
    assert_near(li->cell[6].value, 56, 1e-9); /* a leader's minimum */
    assert_near(li->cell[7].value, 52, 1e-9);
    assert_string_equal(li->cell[8].text, "否");
    free(li);
}

static int find_category(const struct report_row *r, void *ctx)
{
    struct report_row *out = ctx;
    if (!strcmp(r->cell[1].text, "政治理论教育"))
        *out = *r;
    return 0;
}

static void test_categories_branches_teachers(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct report rep;
    struct fx_error err;
    fx_clear(&err);
    struct fx_period p;
    period_make(PERIOD_MONTH, 2024, 3, &p);
    assert_int_equal(report_categories(f->db, NULL, &p, &rep, &err), 0);
    assert_int_equal(rep.nrows,
                     store_int(f->db, "SELECT count(*) FROM vocab WHERE kind IN ('category','format')", NULL));
    assert_int_equal((int)rep.totals.cell[2].value, 3);
    struct report_row *r = calloc(1, sizeof *r);
    assert_int_equal(report_rows(&rep, 0, -1, find_category, r, &err), 0);
    assert_string_equal(r->cell[0].text, "内容类别");
    assert_int_equal((int)r->cell[2].value, 2);  /* S1 and S4 */
    assert_int_equal((int)r->cell[3].value, 10); /* 2 + 8 */
    assert_near(r->cell[4].value, 3.5, 1e-9);
    assert_near(r->cell[5].value, 2.0 / 3.0, 1e-9);

    assert_int_equal(report_branches(f->db, NULL, &p, &rep, &err), 0);
    assert_int_equal(rep.nrows, 2);
    assert_int_equal((int)rep.totals.cell[2].value, 6); /* members */
    assert_int_equal((int)rep.totals.cell[3].value, 4); /* trained */
    assert_int_equal((int)rep.totals.cell[5].value, 5); /* roll-call person-times: 2 + 3 */
    assert_near(rep.totals.cell[6].value, 16, 1e-9);    /* 2+2+4 and 4+4 */

    assert_int_equal(report_teachers(f->db, NULL, &p, &rep, &err), 0);
    assert_int_equal(rep.nrows, 1);
    assert_int_equal((int)rep.totals.cell[5].value, 1);
    assert_int_equal((int)figure(&rep, "未记授课人的期数")->value.value, 2);

    assert_int_equal(report_orders(f->db, NULL, NULL, &rep, &err), 0);
    assert_int_equal(rep.nrows, 0);
    free(r);
}

static int keep_row(const struct report_row *r, void *ctx)
{
    *(struct report_row *)ctx = *r;
    return 0;
}

/* 受训率 of a branch counts the 党员 who came, not the 入党积极分子 called with them: 东湖村 has two 党员 and one
 * 入党积极分子; one 党员 and the 入党积极分子 came. 参训人数 2 (everyone of the branch who came), 受训率 1/2 — before,
 * 2/2 = 100% with one 党员 never trained. The head count of a 云课堂 adds to 面向期数 only (the table counts roll calls). */
static void test_branches_candidates(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct world w = {.f = f};
    struct fx_error err;
    int64_t b = fixture_branch(f, "东湖村党支部");
    w.m[0] = fixture_member(f, b, "沈建国", "普通党员");
    w.m[1] = fixture_member(f, b, "沈家刚", "普通党员");
    w.m[2] = fixture_member(f, b, "王静", "入党积极分子");
    add_session(&w, "2024-03-05", 2, "政治理论教育", "专题党课", 0, (int[]){0, 1, 2},
                (int[]){ATT_PRESENT, ATT_ABSENT, ATT_PRESENT}, 3, 0, 0);
    /* A head count aimed at the branch: one 面向期数, no roll call. */
    struct session s;
    memset(&s, 0, sizeof s);
    snprintf(s.date, sizeof s.date, "2024-03-20");
    snprintf(s.title, sizeof s.title, "云课堂");
    snprintf(s.category, sizeof s.category, "政治理论教育");
    snprintf(s.format, sizeof s.format, "云课堂");
    s.hours = 1;
    s.branches = &b;
    s.nbranches = 1;
    s.present = 2;
    fx_clear(&err);
    if (ledger_save_session(f->db, &s, &err))
        fail_msg("ledger_save_session: %s", err.msg);
    struct fx_period p;
    period_make(PERIOD_MONTH, 2024, 3, &p);
    struct report rep;
    fx_clear(&err);
    assert_int_equal(report_branches(f->db, NULL, &p, &rep, &err), 0);
    assert_int_equal(rep.nrows, 1);
    struct report_row *r = calloc(1, sizeof *r);
    assert_int_equal(report_rows(&rep, 0, -1, keep_row, r, &err), 0);
    assert_string_equal(r->cell[0].text, "东湖村党支部");
    assert_int_equal((int)r->cell[2].value, 2); /* 党员数 */
    assert_int_equal((int)r->cell[3].value, 2); /* 参训人数 */
    assert_near(r->cell[4].value, 0.5, 1e-9);   /* 受训率: 沈建国 alone */
    assert_int_equal((int)r->cell[5].value, 2); /* 人次 */
    assert_near(r->cell[6].value, 4, 1e-9);     /* 学时 */
    assert_int_equal((int)r->cell[8].value, 1); /* 面向期数: the 云课堂 (the first named no branch) */
    assert_near(rep.totals.cell[4].value, 0.5, 1e-9);
    free(r);
    fixture_free(f);
}

struct lines {
    int n;
    char first[512], last[512], row[512];
};

static int keep_line(const char *line, void *ctx)
{
    struct lines *l = ctx;
    if (l->n == 0)
        snprintf(l->first, sizeof l->first, "%s", line);
    if (l->n == 5)
        snprintf(l->row, sizeof l->row, "%s", line);
    snprintf(l->last, sizeof l->last, "%s", line);
    l->n++;
    return 0;
}

static void test_text_lines(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct report *rep = build_month(f);
    struct fx_error err;
    fx_clear(&err);
    struct lines l = {0};
    /* 23 lines: title, unit and period, rule, column heads, rule; the 3 rows; rule, 合计, rule; the figures
     * with 在册党员 and 入党积极分子、发展对象; 注： and its 6 notes (the second names the kinds counted, the
     * rates' note says what 在册党员 is, issue 14); a blank line and the signatures. With no feedback recorded
     * the month has no 满意度 figure nor its note (issue 17): still 23. */
    assert_int_equal(render_text_count(rep), 23);
    assert_int_equal(render_text_lines(rep, 0, -1, keep_line, &l, &err), 0);
    assert_int_equal(l.n, 23);
    assert_non_null(strstr(l.first, "2024年3月培训情况汇总表"));
    assert_non_null(strstr(l.row, "2024-03-05"));
    assert_non_null(strstr(l.row, "66.7%"));
    assert_non_null(strstr(l.last, "审核人"));
    /* A window in the middle: just the second row. */
    memset(&l, 0, sizeof l);
    assert_int_equal(render_text_lines(rep, 6, 1, keep_line, &l, &err), 0);
    assert_int_equal(l.n, 1);
    assert_non_null(strstr(l.first, "2024-03-12"));
    free(rep);
}

static void test_csv(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct report *rep = build_month(f);
    struct fx_error err;
    fx_clear(&err);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_int_equal(render_csv(rep, out, true, &err), 0);
    fclose(out);
    assert_memory_equal(buf, "\xEF\xBB\xBF", 3);
    assert_non_null(strstr(buf, "\r\n合计,,,,,,17,13,76.5%,7.5,—\r\n"));
    assert_non_null(strstr(buf, "\r\n人数,4,人\r\n"));
    free(buf);

    /* A member named as a formula is inert. */
    struct report hours;
    assert_int_equal(report_hours(f->db, NULL, 2024, false, &hours, &err), 0);
    out = open_memstream(&buf, &len);
    assert_int_equal(render_csv(&hours, out, false, &err), 0);
    fclose(out);
    assert_non_null(strstr(buf, ",\"'=1+1\","));
    assert_null(strstr(buf, ",=1+1,"));
    free(buf);
    free(rep);
}

static void test_files(void **state)
{
    struct world *w = *state;
    struct fixture *f = w->f;
    struct report *rep = build_month(f);
    struct fx_error err;
    fx_clear(&err);
    struct stat st;
    const char *path = fixture_path(f, "month.pdf");
    assert_int_equal(render_pdf_pages(rep), 1);
    assert_int_equal(render_pdf(rep, path, &err), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    FILE *in = fopen(path, "rb");
    char head[5] = "";
    assert_int_equal(fread(head, 1, 4, in), 4);
    fclose(in);
    assert_memory_equal(head, "%PDF", 4);
    path = fixture_path(f, "month.xlsx");
    assert_int_equal(render_xlsx(rep, path, &err), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* An unwritable place is the file system refusing. */
    assert_int_equal(render_pdf(rep, "/nonexistent-dir/x.pdf", &err), FX_EFS);
    free(rep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_month_totals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_month_groups, setup, teardown),
        cmocka_unit_test_setup_teardown(test_month_rows_stream, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quarter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hours, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hours_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_categories_branches_teachers, setup, teardown),
        cmocka_unit_test(test_branches_candidates),
        cmocka_unit_test_setup_teardown(test_text_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_files, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
