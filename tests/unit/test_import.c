/* test_import.c — unit tests for core/import.c on scratch ledgers.
 * The promises: GBK files read right, re-import changes nothing, a bad line writes nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "import.h"
#include "store.h"

/* The scratch ledger of the running test, and the directory its CSV files go in. */
static struct fixture *fx;

static void write_file(const char *name, const char *data, size_t len)
{
    fixture_write(fx, name, data, (long)len);
}

#define WRITE(name, lit) write_file(name, lit, sizeof lit - 1)

static const char *file(const char *name)
{
    return fixture_path(fx, name);
}

static int setup(void **state)
{
    fx = fixture_new();
    fixture_branch(fx, "第一党支部");
    fixture_branch(fx, "第二党支部");
    *state = fx->db;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fixture_free(fx);
    fx = NULL;
    return 0;
}

static int run(sqlite3 *db, int table, const char *name, bool dry, struct import_result *res, struct fx_error *err)
{
    struct import_options opt;
    memset(&opt, 0, sizeof opt);
    opt.table = table;
    opt.dry_run = dry;
    fx_clear(err);
    return import_run(db, file(name), &opt, res, err);
}

static int64_t count(sqlite3 *db, const char *sql)
{
    return store_int(db, sql, NULL);
}

/* 姓名,所在党支部,手机,性别 / 张三,第一党支部,13800000001,男 / 李 四,第一党支部,,女 — in GBK with CRLF. */
static const char gbk_members[] = "\xD0\xD5\xC3\xFB,\xCB\xF9\xD4\xDA\xB5\xB3\xD6\xA7\xB2\xBF,\xCA\xD6\xBB\xFA,"
                                  "\xD0\xD4\xB1\xF0\r\n"
                                  "\xD5\xC5\xC8\xFD,\xB5\xDA\xD2\xBB\xB5\xB3\xD6\xA7\xB2\xBF,13800000001,\xC4\xD0\r\n"
                                  "\xC0\xEE \xCB\xC4,\xB5\xDA\xD2\xBB\xB5\xB3\xD6\xA7\xB2\xBF,,\xC5\xAE\r\n";

static void test_gbk_members_and_reimport(void **state)
{
    sqlite3 *db = *state;
    struct import_result res;
    struct fx_error err;
    write_file("gbk.csv", gbk_members, sizeof gbk_members - 1);
    if (run(db, IMPORT_MEMBERS, "gbk.csv", false, &res, &err))
        fail_msg("%s", err.msg);
    assert_string_equal(res.encoding, "GB18030/GBK");
    assert_int_equal(res.added, 2);
    assert_true(res.written);
    assert_int_equal(res.nlines, 2);
    assert_int_equal(res.lines[0].line, 2);
    assert_int_equal(res.lines[1].outcome, IMPORT_ADDED);
    import_result_free(&res);
    assert_int_equal(
        count(db, "SELECT count(*) FROM member WHERE name = '张三' AND phone = '13800000001' AND gender = '男'"), 1);
    /* The space typed to align a two-character name is gone. */
    assert_int_equal(count(db, "SELECT count(*) FROM member WHERE name = '李四' AND gender = '女'"), 1);

    int64_t audit = count(db, "SELECT count(*) FROM audit");
    assert_int_equal(run(db, IMPORT_MEMBERS, "gbk.csv", false, &res, &err), 0);
    assert_int_equal(res.unchanged, 2);
    assert_int_equal(res.added + res.updated, 0);
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM audit"), audit);
    assert_int_equal(count(db, "SELECT count(*) FROM member"), 2);
}

static void test_phone_change_and_namesakes(void **state)
{
    sqlite3 *db = *state;
    struct import_result res;
    struct fx_error err;
    WRITE("a.csv", "姓名,支部,联系电话\n张三,第一党支部,13800000001\n张三,第一党支部,13800000002\n张三,第二党支部,\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "a.csv", false, &res, &err), 0);
    assert_int_equal(res.added, 3); /* two people of one name in one branch stay two */
    import_result_free(&res);
    assert_int_equal(run(db, IMPORT_MEMBERS, "a.csv", false, &res, &err), 0);
    assert_int_equal(res.unchanged, 3);
    import_result_free(&res);

    /* Only one 张三 in 第二党支部: a new number is that person's new number. */
    WRITE("b.csv", "姓名,支部,联系电话\n张三,第二党支部,13900000000\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "b.csv", false, &res, &err), 0);
    assert_int_equal(res.updated, 1);
    assert_non_null(strstr(res.lines[0].message, "13900000000"));
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM member WHERE name = '张三'"), 3);

    /* Two in 第一党支部 and a number matching neither: ambiguous, refused, nothing written. */
    WRITE("c.csv", "姓名,支部,联系电话\n王五,第一党支部,\n张三,第一党支部,13700000000\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "c.csv", false, &res, &err), FX_EINPUT);
    assert_int_equal(res.refused, 1);
    assert_int_equal(res.lines[1].outcome, IMPORT_REFUSED);
    assert_non_null(strstr(res.lines[1].message, "2 位"));
    assert_non_null(strstr(err.msg, "第 3 行"));
    assert_false(res.written);
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM member WHERE name = '王五'"), 0);
}

static void test_bad_line_writes_nothing(void **state)
{
    sqlite3 *db = *state;
    struct import_result res;
    struct fx_error err;
    int64_t members = count(db, "SELECT count(*) FROM member"), audit = count(db, "SELECT count(*) FROM audit");
    WRITE("bad.csv", "姓名,所在党支部,性别,人员类别\n"
                     "甲,第一党支部,男,党员\n"
                     "乙,第九党支部,女,\n"
                     "丙,第一党支部,不详,\n"
                     "丁,第一党支部,男,局长\n"
                     "戊,第一党支部\n"
                     "己,第一党支部,男,,多出来的\n"
                     ",第一党支部,男,\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "bad.csv", false, &res, &err), FX_EINPUT);
    assert_int_equal(res.added, 1);
    assert_int_equal(res.refused, 6);
    int want[] = {3, 4, 5, 6, 7, 8};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(res.lines[i + 1].line, want[i]);
        assert_int_equal(res.lines[i + 1].outcome, IMPORT_REFUSED);
    }
    assert_non_null(strstr(res.lines[1].message, "第九党支部"));
    assert_non_null(strstr(res.lines[3].message, "局长"));
    assert_non_null(strstr(res.lines[4].message, "少"));
    assert_non_null(strstr(res.lines[5].message, "多"));
    assert_non_null(strstr(err.msg, "bad.csv"));
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM member"), members);
    assert_int_equal(count(db, "SELECT count(*) FROM audit"), audit);

    /* A malformed file (an unclosed quote) is refused by line too. */
    WRITE("quote.csv", "姓名,所在党支部\n甲,第一党支部\n\"乙,第一党支部\n丙,第一党支部\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "quote.csv", false, &res, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第3行"));
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM member"), members);

    /* --skip-bad writes the good lines. */
    struct import_options opt;
    memset(&opt, 0, sizeof opt);
    opt.table = IMPORT_MEMBERS;
    opt.skip_bad = true;
    assert_int_equal(import_run(db, file("bad.csv"), &opt, &res, &err), FX_EINPUT);
    assert_true(res.written);
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM member"), members + 1);
}

static void test_dry_run_and_create_branches(void **state)
{
    sqlite3 *db = *state;
    struct import_result res;
    struct fx_error err;
    WRITE("new.csv",
          "\xEF\xBB\xBF姓名,党组织,备注\r\n赵六,城东社区党支部,\"两行\r\n备注\"\r\n钱七,城东社区党支部,\r\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "new.csv", true, &res, &err), FX_EINPUT);
    assert_int_equal(res.refused, 2);
    import_result_free(&res);

    struct import_options opt;
    memset(&opt, 0, sizeof opt);
    opt.table = IMPORT_MEMBERS;
    opt.create_branches = true;
    opt.dry_run = true;
    assert_int_equal(import_run(db, file("new.csv"), &opt, &res, &err), 0);
    assert_int_equal(res.added, 2);
    assert_int_equal(res.branches_created, 1);
    assert_false(res.written);
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM branch WHERE name = '城东社区党支部'"), 0);

    opt.dry_run = false;
    assert_int_equal(import_run(db, file("new.csv"), &opt, &res, &err), 0);
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM branch WHERE name = '城东社区党支部' AND kind = '社区'"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM member WHERE note = '两行 备注'"), 1);
}

static void test_map_and_missing_header(void **state)
{
    sqlite3 *db = *state;
    struct import_result res;
    struct fx_error err;
    WRITE("odd.csv", "人名,单位名称,号码\n孙八,第二党支部,13600000000\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "odd.csv", false, &res, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "姓名"));
    assert_non_null(strstr(err.msg, "第1行"));
    import_result_free(&res);

    struct import_options opt;
    memset(&opt, 0, sizeof opt);
    opt.table = IMPORT_MEMBERS;
    opt.map = "人名=姓名,单位名称=branch,3=联系电话";
    fx_clear(&err);
    if (import_run(db, file("odd.csv"), &opt, &res, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(res.added, 1);
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM member WHERE name = '孙八' AND phone = '13600000000'"), 1);

    opt.map = "人名=生日";
    assert_int_equal(import_run(db, file("odd.csv"), &opt, &res, &err), FX_EUSAGE);
    import_result_free(&res);
}

/* A title above the header (a merged row in a workbook, one cell in its CSV) is passed over. */
static void test_title_rows_and_workbooks(void **state)
{
    sqlite3 *db = *state;
    struct import_result res;
    struct fx_error err;
    WRITE("title.csv", "2024年党员名册,,\n姓名,所在党支部,手机\n周九,第二党支部,13600000009\n");
    if (run(db, IMPORT_MEMBERS, "title.csv", false, &res, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(res.added, 1);
    assert_int_equal(res.lines[0].line, 3);
    import_result_free(&res);
    struct import_options opt;
    memset(&opt, 0, sizeof opt);
    opt.table = IMPORT_MEMBERS;
    opt.map = "手机=phone";
    fx_clear(&err);
    assert_int_equal(import_run(db, file("title.csv"), &opt, &res, &err), 0); /* --map names the header's columns */
    assert_int_equal(res.unchanged, 1);
    import_result_free(&res);
    /* A bad header below a title is reported on its own line; a title alone on the first. */
    WRITE("badhead.csv", "2024年党员名册\n人名,单位\n周九,第二党支部\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "badhead.csv", false, &res, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第2行：表头中找不到“姓名”列"));
    import_result_free(&res);
    WRITE("onlytitle.csv", "2024年党员名册\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "onlytitle.csv", false, &res, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第1行：表头中找不到“姓名”列"));
    import_result_free(&res);
    /* A header of one column is a header, not a title. */
    WRITE("onecol.csv", "党组织名称\n第三党支部\n");
    assert_int_equal(run(db, IMPORT_BRANCHES, "onecol.csv", false, &res, &err), 0);
    assert_int_equal(res.added, 1);
    import_result_free(&res);
    /* --sheet is for workbooks only. */
    opt.map = NULL;
    opt.sheet = "名册";
    fx_clear(&err);
    assert_int_equal(import_run(db, file("title.csv"), &opt, &res, &err), FX_EUSAGE);
    assert_non_null(strstr(err.msg, "--sheet"));
    import_result_free(&res);
    /* A file named .xlsx that is not a workbook is not read as CSV. */
    WRITE("fake.xlsx", "姓名,所在党支部\n周九,第二党支部\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "fake.xlsx", false, &res, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "不是 Excel 工作簿"));
    import_result_free(&res);

    /* A workbook goes through the same pipeline; lines are the sheet's rows. */
    char roster[4096];
    snprintf(roster, sizeof roster, "%s/tests/data/sheets/roster.xlsx", getenv("TOP") ? getenv("TOP") : ".");
    opt.sheet = NULL;
    opt.create_branches = true;
    fx_clear(&err);
    if (import_run(db, roster, &opt, &res, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(res.added, 5);
    assert_string_equal(res.sheet, "名册");
    assert_non_null(strstr(res.encoding, ".xlsx"));
    assert_int_equal(res.lines[0].line, 3);
    assert_int_equal(res.lines[2].line, 6); /* after the empty row 5 */
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM member WHERE name = '李四' AND phone = '13987654321'"), 1);
}

static void test_teachers_venues_branches(void **state)
{
    sqlite3 *db = *state;
    struct import_result res;
    struct fx_error err;
    WRITE("t.csv", "姓名,专职兼职,类型,单位,擅长专题,指导员\n周老师,专职,专家,县委党校,党史,是\n吴老师,兼,,,,否\n");
    if (run(db, IMPORT_TEACHERS, "t.csv", false, &res, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(res.added, 2);
    import_result_free(&res);
    assert_int_equal(
        count(db, "SELECT count(*) FROM teacher WHERE name = '周老师' AND type = '专家型' AND is_adviser = 1"), 1);
    assert_int_equal(run(db, IMPORT_TEACHERS, "t.csv", false, &res, &err), 0);
    assert_int_equal(res.unchanged, 2);
    import_result_free(&res);

    WRITE("v.csv", "名称,类型,主题,地址,容纳人数,讲解员\n红色纪念馆,现场教学点,革命传统,城关路1号,80人,"
                   "郑某\n党群服务中心,主阵地,,,x,\n");
    assert_int_equal(run(db, IMPORT_VENUES, "v.csv", false, &res, &err), FX_EINPUT);
    assert_int_equal(res.lines[1].outcome, IMPORT_REFUSED);
    assert_non_null(strstr(res.lines[1].message, "容纳人数"));
    import_result_free(&res);
    WRITE("v.csv", "名称,类型,主题,地址,容纳人数,讲解员\n红色纪念馆,现场教学点,革命传统,城关路1号,80人,郑某\n");
    assert_int_equal(run(db, IMPORT_VENUES, "v.csv", false, &res, &err), 0);
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT capacity FROM venue WHERE name = '红色纪念馆' AND kind = '教学点'"), 80);

    WRITE("b.csv", "*党组织名称,类型,书记,联系电话\n第一党支部,村,王书记,\n第三党支部,企业,,\n");
    assert_int_equal(run(db, IMPORT_BRANCHES, "b.csv", false, &res, &err), 0);
    assert_int_equal(res.updated, 1);
    assert_int_equal(res.added, 1);
    import_result_free(&res);
    assert_int_equal(run(db, IMPORT_BRANCHES, "b.csv", false, &res, &err), 0);
    assert_int_equal(res.unchanged, 2);
    import_result_free(&res);
}

static void test_courses(void **state)
{
    sqlite3 *db = *state;
    struct import_result res;
    struct fx_error err;
    WRITE("tc.csv", "姓名\n周老师\n");
    assert_int_equal(run(db, IMPORT_TEACHERS, "tc.csv", false, &res, &err), 0);
    import_result_free(&res);
    WRITE("c.csv", "课程名称,内容类别,形式,主讲人,学时,精品课\n"
                   "《擦亮营商环境金名片》,形势政策教育,专题党课,周老师,2,是\n"
                   "党章学习,党章党规党纪教育,微党课,,1学时,\n");
    if (run(db, IMPORT_COURSES, "c.csv", false, &res, &err))
        fail_msg("%s / %s", err.msg, res.nlines ? res.lines[0].message : "");
    assert_int_equal(res.added, 2);
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM course WHERE title = '擦亮营商环境金名片' AND featured = 1"), 1);
    assert_int_equal(run(db, IMPORT_COURSES, "c.csv", false, &res, &err), 0);
    assert_int_equal(res.unchanged, 2);
    import_result_free(&res);
    WRITE("c2.csv", "课程名称,内容类别,形式\n新课,不存在的类别,微党课\n");
    assert_int_equal(run(db, IMPORT_COURSES, "c2.csv", false, &res, &err), FX_EINPUT);
    import_result_free(&res);
}

static void on_line(void *arg, const struct import_line *l)
{
    assert_true(l->line >= 2);
    ++*(int *)arg;
}

/* One member's audit "after" equals the row as store_row_json gives it (the
 * shape every other save writes), compared as JSON. */
static void assert_audit_matches_row(sqlite3 *db, const char *action, int64_t id)
{
    char *row = store_row_json(db, "SELECT * FROM member WHERE id = ?", id);
    assert_non_null(row);
    sqlite3_stmt *st;
    assert_int_equal(store_prepare(db,
                                        "SELECT json(a.after) = json(?1) FROM audit a JOIN member m ON m.uuid = a.uuid "
                                        "WHERE m.id = ?2 AND a.entity = 'member' AND a.action = ?3 ORDER BY a.id DESC", &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, row, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, id);
    sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    if (sqlite3_column_int(st, 0) != 1)
        fail_msg("audit after of member %lld differs from %s", (long long)id, row);
    sqlite3_finalize(st);
    sqlite3_free(row);
}

/* A large file: counts cover every line, the result keeps a bounded number of
 * them, on_line sees them all, one audit record names the rows added. */
static void test_large_file_bounded(void **state)
{
    sqlite3 *db = *state;
    enum { N = 20000 };
    const char *path = file("big.csv");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("姓名,所在党支部,联系电话,性别\n", f);
    for (int i = 0; i < N; i++)
        fprintf(f, "党员%d,%s,139%08d,%s\n", i % 5000, i % 2 ? "第一党支部" : "第二党支部", i, i % 3 ? "男" : "女");
    /* Two refused lines in the middle: kept whatever the file's size. */
    fputs("坏行甲,第九党支部,,\n坏行乙,第一党支部,,不详\n", f);
    fclose(f);
    int64_t audit = count(db, "SELECT count(*) FROM audit");

    struct import_options opt;
    memset(&opt, 0, sizeof opt);
    opt.table = IMPORT_MEMBERS;
    int seen = 0;
    opt.on_line = on_line;
    opt.on_line_arg = &seen;
    struct import_result res;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(import_run(db, path, &opt, &res, &err), FX_EINPUT);
    assert_int_equal(seen, N + 2);
    assert_int_equal(res.added, N);
    assert_int_equal(res.refused, 2);
    assert_false(res.written);
    assert_int_equal(res.nlines, IMPORT_KEEP_LINES + 2);
    assert_int_equal(res.omitted, N - IMPORT_KEEP_LINES);
    assert_true(res.cap <= 2 * (IMPORT_KEEP_LINES + 2));
    assert_int_equal(res.lines[IMPORT_KEEP_LINES].line, N + 2);
    assert_int_equal(res.lines[IMPORT_KEEP_LINES].outcome, IMPORT_REFUSED);
    assert_int_equal(res.lines[IMPORT_KEEP_LINES + 1].line, N + 3);
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM member"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM audit"), audit);

    opt.skip_bad = true;
    seen = 0;
    fx_clear(&err);
    assert_int_equal(import_run(db, path, &opt, &res, &err), FX_EINPUT);
    assert_true(res.written);
    assert_int_equal(res.added, N);
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM member"), N);
    /* One record for the file, naming the rows it added by their first and
     * last id and uuid; no record per added row. */
    assert_int_equal(count(db, "SELECT count(*) FROM audit"), audit + 1);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE entity = 'member'"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM audit a, (SELECT min(id) i0, max(id) i1, min(uuid) u0, "
                               "max(uuid) u1 FROM member) m WHERE a.action = 'import' AND a.entity = 'members' "
                               "AND json_extract(a.after, '$.added') = 20000 "
                               "AND json_extract(a.after, '$.added_rows.ids[0]') = m.i0 "
                               "AND json_extract(a.after, '$.added_rows.ids[1]') = m.i1 "
                               "AND json_extract(a.after, '$.added_rows.uuids[0]') = m.u0 "
                               "AND json_extract(a.after, '$.added_rows.uuids[1]') = m.u1"),
                     1);
    /* … and the uuids count up in the order of the ids, so the range is the rows. */
    assert_int_equal(count(db, "SELECT count(*) FROM member a JOIN member b ON b.id = a.id + 1 WHERE b.uuid <= a.uuid"),
                     0);
    assert_int_equal(count(db, "SELECT max(id) - min(id) + 1 FROM member"), N);
    /* Namesakes (党员0 … 党员4999, four of each in one branch, each with a phone) stay four people. */
    assert_int_equal(count(db, "SELECT count(*) FROM member WHERE name = '党员7' AND branch_id IN (SELECT id FROM "
                               "branch WHERE name = '第一党支部')"),
                     4);

    /* The same file again: nothing changes, no audit record either. */
    audit = count(db, "SELECT count(*) FROM audit");
    fx_clear(&err);
    assert_int_equal(import_run(db, path, &opt, &res, &err), FX_EINPUT);
    assert_int_equal(res.unchanged, N);
    assert_int_equal(res.added + res.updated, 0);
    assert_int_equal(res.nlines, IMPORT_KEEP_LINES + 2);
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM audit"), audit);
    assert_int_equal(count(db, "SELECT count(*) FROM member"), N);
}

/* An updated member's audit record holds the row before and after. */
static void test_update_audit(void **state)
{
    sqlite3 *db = *state;
    struct import_result res;
    struct fx_error err;
    WRITE("u1.csv", "姓名,支部,联系电话\n周九,第一党支部,13800000009\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "u1.csv", false, &res, &err), 0);
    import_result_free(&res);
    int64_t id = count(db, "SELECT id FROM member WHERE name = '周九'");
    /* The row as the import wrote it: no record of its own (the file's names
     * it), so the first change's "before" is where it is kept. */
    char *first = store_row_json(db, "SELECT * FROM member WHERE id = ?", id);
    assert_non_null(first);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE entity = 'member'"), 0);
    WRITE("u2.csv", "姓名,支部,联系电话,性别\n周九,第一党支部,13900000009,男\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "u2.csv", false, &res, &err), 0);
    assert_int_equal(res.updated, 1);
    import_result_free(&res);
    assert_audit_matches_row(db, "update", id);
    sqlite3_stmt *st;
    assert_int_equal(store_prepare(db,
                                        "SELECT json(before) = json(?1) FROM audit WHERE entity = 'member' AND "
                                        "action = 'update'", &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, first, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    sqlite3_free(first);
    assert_int_equal(count(db,
                           "SELECT count(*) FROM audit WHERE entity = 'member' AND action = 'update' AND "
                           "json_extract(before, '$.phone') = '13800000009' AND "
                           "json_extract(after, '$.phone') = '13900000009' AND json_extract(before, '$.gender') = ''"),
                     1);
}

/* The schema's constraints hold for imported members: a value outside them is
 * refused by the database itself, whatever the importer checked first. */
static void test_member_checks(void **state)
{
    sqlite3 *db = *state;
    struct import_result res;
    struct fx_error err;
    WRITE("ok.csv", "姓名,支部,性别\n吴十,第一党支部,男\n");
    assert_int_equal(run(db, IMPORT_MEMBERS, "ok.csv", false, &res, &err), 0);
    import_result_free(&res);
    assert_int_equal(count(db, "SELECT count(*) FROM member WHERE name = '吴十' AND gender = '男'"), 1);
    assert_int_not_equal(sqlite3_exec(db,
                                      "INSERT INTO member (uuid, branch_id, name, gender) VALUES "
                                      "('x', (SELECT min(id) FROM branch), '测', '不详')",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
}

int main(void)
{
    /* The schema and import.ini come from the source tree when run by make check. */
    const char *top = getenv("TOP");
    char data[4096];
    snprintf(data, sizeof data, "%s/data", top && *top ? top : ".");
    setenv("FENXIAO_DATA_DIR", data, 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_gbk_members_and_reimport, setup, teardown),
        cmocka_unit_test_setup_teardown(test_phone_change_and_namesakes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_line_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dry_run_and_create_branches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_and_missing_header, setup, teardown),
        cmocka_unit_test_setup_teardown(test_title_rows_and_workbooks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_teachers_venues_branches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_courses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_large_file_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_audit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_member_checks, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
