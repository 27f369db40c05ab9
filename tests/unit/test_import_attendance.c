/* test_import_attendance.c — unit tests for `import attendance` (core/import_attendance.c) on scratch ledgers.
 * The promises: lines land in the right session and person, re-import changes nothing, a bad line writes nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "import.h"
#include "ledger.h"
#include "maint.h"
#include "member.h"
#include "rollaudit.h"
#include "store.h"

/* The scratch ledger of one test: two branches, a roster with namesakes, and sessions of every kind. */
struct world {
    struct fixture *f;
    int64_t b1, b2;
    int64_t zhang3, li4, wang5, zhao6, wei1, wei2, zhang3b, qian7;
    int64_t plain;        /* 2024-03-05 党章学习: no roll call yet */
    int64_t reported;     /* 2024-04-10 形势报告: 李四 present, 王五 on leave */
    int64_t twin1, twin2; /* 2024-05-01 重复培训, twice */
    int64_t voided;       /* 2024-06-01 作废的培训: 李四 present, then voided */
    int64_t last_year;    /* 2023-12-01 去年的培训: 李四 present, then 2023 closed */
};

static int64_t member(struct world *w, int64_t branch, const char *name, const char *phone)
{
    struct member m;
    memset(&m, 0, sizeof m);
    m.branch_id = branch;
    snprintf(m.name, sizeof m.name, "%s", name);
    snprintf(m.phone, sizeof m.phone, "%s", phone);
    snprintf(m.role, sizeof m.role, "普通党员");
    struct fx_error err;
    if (member_save(w->f->db, &m, &err))
        fail_msg("member: %s", err.msg);
    return m.id;
}

/* A session of that date and title with the given roll call (member, status, reason) …, ended by 0. */
static int64_t session(struct world *w, const char *date, const char *title, const char *note, ...)
{
    struct session s;
    memset(&s, 0, sizeof s);
    snprintf(s.date, sizeof s.date, "%s", date);
    snprintf(s.title, sizeof s.title, "%s", title);
    snprintf(s.category, sizeof s.category, "政治理论教育");
    snprintf(s.format, sizeof s.format, "集中培训");
    snprintf(s.kind, sizeof s.kind, "培训班");
    snprintf(s.note, sizeof s.note, "%s", note);
    s.hours = 2;
    struct attendee att[8];
    memset(att, 0, sizeof att);
    va_list ap;
    va_start(ap, note);
    for (int64_t id; (id = va_arg(ap, int64_t)) != 0 && s.natt < 8;) {
        att[s.natt].member_id = id;
        att[s.natt].status = va_arg(ap, int);
        snprintf(att[s.natt].reason, sizeof att[s.natt].reason, "%s", va_arg(ap, const char *));
        s.natt++;
    }
    va_end(ap);
    s.att = att;
    if (s.natt == 0)
        s.present = s.expected = 30; /* a head count, as before a roll call is typed */
    struct fx_error err;
    if (ledger_save_session(w->f->db, &s, &err))
        fail_msg("session: %s", err.msg);
    return s.id;
}

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    w->f = fixture_new();
    w->b1 = fixture_branch(w->f, "第一党支部");
    w->b2 = fixture_branch(w->f, "第二党支部");
    w->zhang3 = member(w, w->b1, "张三", "13800000001");
    w->li4 = member(w, w->b1, "李四", "");
    w->wang5 = member(w, w->b1, "王五", "");
    w->zhao6 = member(w, w->b1, "赵六", "");
    w->wei1 = member(w, w->b1, "张伟", "13900000001");
    w->wei2 = member(w, w->b1, "张伟", "13900000002");
    w->zhang3b = member(w, w->b2, "张三", "");
    w->qian7 = member(w, w->b2, "钱七", "");
    /* A note with a line break and a quote: the audit's JSON must escape them as the forms' saves do. */
    w->plain = session(w, "2024-03-05", "党章学习", "第一行\n第二行 \"引号\"", (int64_t)0);
    w->reported =
        session(w, "2024-04-10", "形势报告", "", w->li4, ATT_PRESENT, "", w->wang5, ATT_LEAVE, "出差", (int64_t)0);
    w->twin1 = session(w, "2024-05-01", "重复培训", "", (int64_t)0);
    w->twin2 = session(w, "2024-05-01", "重复培训", "", (int64_t)0);
    w->voided = session(w, "2024-06-01", "作废的培训", "", w->li4, ATT_PRESENT, "", (int64_t)0);
    w->last_year = session(w, "2023-12-01", "去年的培训", "", w->li4, ATT_PRESENT, "", (int64_t)0);
    struct fx_error err;
    assert_int_equal(ledger_void_session(w->f->db, w->voided, "重复录入", &err), 0);
    assert_int_equal(maint_close_year(w->f->db, 2023, &err), 0);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    fixture_free(w->f); /* the CSV files too */
    free(w);
    return 0;
}

static const char *path_of(struct world *w, const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", w->f->dir, name);
    return path;
}

static void write_file(struct world *w, const char *name, const char *data)
{
    FILE *f = fopen(path_of(w, name), "wb");
    assert_non_null(f);
    fputs(data, f);
    fclose(f);
}

/* The same text in GB18030, as Excel on Chinese Windows saves a CSV. */
static void write_gbk(struct world *w, const char *name, const char *utf8)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    char out[4096];
    char *in = (char *)utf8, *o = out;
    size_t inleft = strlen(utf8), outleft = sizeof out;
    assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
    iconv_close(cd);
    FILE *f = fopen(path_of(w, name), "wb");
    assert_non_null(f);
    fwrite(out, 1, sizeof out - outleft, f);
    fclose(f);
}

struct opts {
    bool dry, skip;
};

static int run(struct world *w, const char *name, struct opts o, struct import_result *res, struct fx_error *err)
{
    struct import_options opt;
    memset(&opt, 0, sizeof opt);
    opt.table = IMPORT_ATTENDANCE;
    opt.dry_run = o.dry;
    opt.skip_bad = o.skip;
    fx_clear(err);
    return import_run(w->f->db, path_of(w, name), &opt, res, err);
}

static int64_t count(struct world *w, const char *sql)
{
    return store_int(w->f->db, sql, NULL);
}

/* A number from a query of one session, its id bound to ?1. */
static int64_t count_of(struct world *w, const char *sql, int64_t session_id)
{
    sqlite3_stmt *st;
    assert_int_equal(store_prepare(w->f->db, sql, &st, NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, session_id);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Every table the import can touch, and the audit log, as one comparable text. */
static void snapshot(struct world *w, char *out, size_t sz)
{
    sqlite3_stmt *st;
    assert_int_equal(
        store_prepare(w->f->db,
                           "SELECT (SELECT group_concat(session_id || ':' || member_id || ':' || status || "
                           "':' || reason, ',') FROM (SELECT * FROM attendance ORDER BY 1, 2)) || '|' || "
                           "(SELECT group_concat(id || ':' || expected || ':' || present || ':' || "
                           "updated_at, ',') FROM session) || '|' || (SELECT count(*) FROM audit) || '|' || "
                           "(SELECT group_concat(member_id || ':' || year || ':' || hours || ':' || sessions, "
                           "',') FROM member_year)", &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, sz, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static const struct import_line *line_no(const struct import_result *res, int line)
{
    for (int i = 0; i < res->nlines; i++)
        if (res->lines[i].line == line)
            return &res->lines[i];
    fail_msg("line %d not in the result", line);
    return NULL;
}

/* The hours kept by the triggers equal the sum over the roll calls. */
static void assert_hours_consistent(struct world *w)
{
    assert_int_equal(count(w,
                           "SELECT count(*) FROM (SELECT a.member_id AS m, CAST(substr(s.date,1,4) AS INTEGER) AS y, "
                           "sum(s.hours) AS h FROM attendance a JOIN session s ON s.id = a.session_id "
                           "WHERE a.status = 1 AND s.voided = 0 GROUP BY 1, 2) x "
                           "LEFT JOIN member_year my ON my.member_id = x.m AND my.year = x.y "
                           "WHERE abs(ifnull(my.hours, 0) - x.h) > 1e-9"),
                     0);
}

static void test_sign_in_sheet_gbk(void **state)
{
    struct world *w = *state;
    struct import_result res;
    struct fx_error err;
    char *row_before = store_row_json(w->f->db, "SELECT * FROM session WHERE id = ?", w->plain);
    int64_t audit = count(w, "SELECT count(*) FROM audit");
    /* A sheet as typed: its own headers, a date as Excel shows it, ticks, an aligned name, no status for one. */
    write_gbk(w, "sheet.csv",
              "培训日期,培训主题,姓名,支部,考勤,请假原因\r\n"
              "2024/3/5,党章学习,张 三,第一党支部,√,\r\n"
              "2024/3/5,党章学习,李四,第一党支部,请假,外出务工\r\n"
              "2024/3/5,党章学习,王五,第一党支部,未到,\r\n"
              "2024/3/5,党章学习,赵六,第一党支部,,\r\n"
              "2024年3月5日,党章学习,钱七,第二党支部,出席,到得早\r\n");
    if (run(w, "sheet.csv", (struct opts){0}, &res, &err))
        fail_msg("%s", err.msg);
    assert_string_equal(res.encoding, "GB18030/GBK");
    assert_int_equal(res.added, 5);
    assert_int_equal(res.sessions_changed, 1);
    assert_true(res.written);
    assert_int_equal(res.lines[0].line, 2);
    assert_non_null(strstr(res.lines[0].what, "张三（第一党支部）"));
    assert_non_null(strstr(res.lines[0].what, "2024-03-05 党章学习"));
    import_result_free(&res);
    sqlite3_stmt *st;
    assert_int_equal(
        store_prepare(
            w->f->db,
            "SELECT group_concat(member_id || " ROLL_SQL_WORD("status") " || reason, ',') FROM (SELECT * FROM attendance WHERE session_id "
            "= ?1 ORDER BY member_id)", &st, NULL),
        SQLITE_OK);
    sqlite3_bind_int64(st, 1, w->plain);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char want[256];
    /* A leave without a reason is kept as the form keeps it; someone present has no reason. */
    snprintf(want, sizeof want, "%lldpresent,%lldleave外出务工,%lldabsent,%lldpresent,%lldpresent",
             (long long)w->zhang3, (long long)w->li4, (long long)w->wang5, (long long)w->zhao6, (long long)w->qian7);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
    sqlite3_finalize(st);
    /* 实到 from the roll call, as ledger_save_session sets it; the 应到 of 30 typed with the head count is kept
     * (issue 14: a number given is never replaced — ledger_expected_for). */
    assert_int_equal(count_of(w, "SELECT expected * 100 + present FROM session WHERE id = ?1", w->plain), 3003);
    assert_hours_consistent(w);

    /* The audit: the file's record, the session row and the roll call before and after, as a save writes them. */
    assert_int_equal(count(w, "SELECT count(*) FROM audit"), audit + 3);
    char *row_after = store_row_json(w->f->db, "SELECT * FROM session WHERE id = ?", w->plain);
    char *att_after = ledger_roll_call_json(w->f->db, w->plain, NULL);
    assert_int_equal(
        store_prepare(w->f->db,
                           "SELECT a.before, a.after, a.uuid = s.uuid FROM audit a JOIN session s ON s.id = ?1 "
                           "WHERE a.action = 'update' AND a.entity = ?2 AND a.id > ?3", &st, NULL),
        SQLITE_OK);
    sqlite3_bind_int64(st, 1, w->plain);
    sqlite3_bind_text(st, 2, "session", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, audit);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), row_before);
    assert_string_equal((const char *)sqlite3_column_text(st, 1), row_after);
    assert_int_equal(sqlite3_column_int(st, 2), 1);
    sqlite3_reset(st);
    sqlite3_bind_text(st, 2, "attendance", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "[]");
    assert_string_equal((const char *)sqlite3_column_text(st, 1), att_after);
    sqlite3_finalize(st);
    assert_non_null(strstr(row_before, "第一行\\u000a第二行 \\\"引号\\\""));
    sqlite3_free(row_before);
    sqlite3_free(row_after);
    sqlite3_free(att_after);
    assert_int_equal(count(w, "SELECT count(*) FROM audit WHERE action = 'import' AND entity = 'attendance' AND "
                              "json_extract(after, '$.added') = 5"),
                     1);

    /* The same file again changes nothing, audit included. */
    char before[4096], after[4096];
    snapshot(w, before, sizeof before);
    assert_int_equal(run(w, "sheet.csv", (struct opts){0}, &res, &err), 0);
    assert_int_equal(res.unchanged, 5);
    assert_int_equal(res.added + res.updated + res.refused + res.sessions_changed, 0);
    import_result_free(&res);
    snapshot(w, after, sizeof after);
    assert_string_equal(before, after);
}

static void test_changes_and_export_headers(void **state)
{
    struct world *w = *state;
    struct import_result res;
    struct fx_error err;
    /* In the export's own words, derived columns included; 培训编号 of this ledger. */
    char csv[1024];
    snprintf(csv, sizeof csv,
             "\xEF\xBB\xBF培训编号,日期,培训标题,姓名,所在党支部,出勤,原因,学时,培训状态,所属分校\r\n"
             "%lld,2024-04-10,形势报告,李四,第一党支部,出席,,2,,测试镇党校分校\r\n"
             "%lld,2024-04-10,形势报告,王五,第一党支部,缺席,生病,0,,测试镇党校分校\r\n"
             "%lld,2024-04-10,形势报告,张三,第二党支部,请假,,0,,测试镇党校分校\r\n",
             (long long)w->reported, (long long)w->reported, (long long)w->reported);
    write_file(w, "export.csv", csv);
    assert_int_equal(run(w, "export.csv", (struct opts){0}, &res, &err), 0);
    assert_null(strstr(res.columns, "学时→"));
    assert_int_equal(res.unchanged, 1);
    assert_int_equal(res.updated, 1);
    assert_int_equal(res.added, 1);
    assert_string_equal(line_no(&res, 3)->message, "出勤：请假 → 缺席；原因：出差 → 生病");
    import_result_free(&res);
    assert_int_equal(count_of(w, "SELECT expected * 100 + present FROM session WHERE id = ?1", w->reported), 301);
    assert_hours_consistent(w);
    /* The file's audit record and the two of the save; no record for what stayed the same. The roll call's
     * record holds what changed (core/rollaudit.h): before, the one changed entry as it was; after, it as it is
     * and the one added (entries are counted by the runs' third element). */
    assert_int_equal(count(w, "SELECT count(*) FROM audit WHERE action = 'update' AND entity = 'attendance' AND "
                              "(SELECT sum(r.value ->> 2) FROM json_each(before) r) = 1 AND "
                              "(SELECT sum(r.value ->> 2) FROM json_each(after) r) = 2"),
                     1);

    /* 培训编号 picks one of two sessions of one date and title; without it, the line is ambiguous. */
    snprintf(csv, sizeof csv,
             "培训编号,日期,培训标题,姓名,所在党支部\n"
             "%lld,2024-05-01,重复培训,李四,第一党支部\n"
             ",2024-05-01,重复培训,王五,第一党支部\n"
             "99999,2024-05-01, 重复培训 ,赵六,第一党支部\n",
             (long long)w->twin2);
    write_file(w, "twins.csv", csv);
    assert_int_equal(run(w, "twins.csv", (struct opts){.skip = true}, &res, &err), FX_EINPUT);
    assert_int_equal(res.added, 1);
    assert_int_equal(res.refused, 2);
    assert_non_null(strstr(line_no(&res, 3)->message, "2 次同名的培训"));
    assert_non_null(strstr(line_no(&res, 4)->message, "培训编号"));
    import_result_free(&res);
    assert_int_equal(count_of(w, "SELECT count(*) FROM attendance WHERE session_id = ?1", w->twin2), 1);
}

static void test_bad_lines_write_nothing(void **state)
{
    struct world *w = *state;
    struct import_result res;
    struct fx_error err;
    char before[4096], after[4096];
    snapshot(w, before, sizeof before);
    write_file(w, "bad.csv",
               "日期,标题,姓名,所在党支部,出勤\n"
               "2024-03-05,党章学习,张三,第一党支部,出席\n"   /* 2: good */
               "2024-03-05,党章学习,无名氏,第一党支部,出席\n" /* 3: not on the roster */
               "2024-03-06,党章学习,李四,第一党支部,出席\n"   /* 4: no such session */
               "2024-06-01,作废的培训,王五,第一党支部,出席\n" /* 5: voided */
               "2024-05-01,重复培训,王五,第一党支部,出席\n"   /* 6: two sessions */
               "2023-12-01,去年的培训,王五,第一党支部,出席\n" /* 7: closed year */
               "2024-03-05,党章学习,李四,第一党支部,迟到\n"   /* 8: unknown word */
               "2024-03-05,党章学习,张伟,第一党支部,出席\n"   /* 9: two 张伟, no phone */
               "2024-03-05,党章学习,李四,第九党支部,出席\n"   /* 10: no such branch */
               "2024-13-05,党章学习,李四,第一党支部,出席\n"   /* 11: no such date */
               "2024-06-01,作废的培训,李四,第一党支部,出席\n" /* 12: voided, but as the roll call says */
               "2023-12-01,去年的培训,李四,第一党支部,\n");   /* 13: closed, but as the roll call says */
    assert_int_equal(run(w, "bad.csv", (struct opts){0}, &res, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第 3、4、5、6、7、8、9、10 等 行"));
    assert_false(res.written);
    assert_int_equal(res.added, 1);
    assert_int_equal(res.unchanged, 2);
    assert_int_equal(res.refused, 9);
    assert_non_null(strstr(line_no(&res, 3)->message, "请先导入党员名册"));
    assert_non_null(strstr(line_no(&res, 4)->message, "请先在台账中录入"));
    assert_non_null(strstr(line_no(&res, 5)->message, "已作废"));
    assert_non_null(strstr(line_no(&res, 6)->message, "无法确定是哪一次"));
    assert_non_null(strstr(line_no(&res, 7)->message, "2023 年已交账"));
    assert_non_null(strstr(line_no(&res, 8)->message, "迟到"));
    assert_non_null(strstr(line_no(&res, 9)->message, "有 2 位“张伟”"));
    assert_non_null(strstr(line_no(&res, 10)->message, "第九党支部"));
    assert_non_null(strstr(line_no(&res, 11)->message, "日期"));
    assert_non_null(strstr(line_no(&res, 12)->message, "已作废"));
    assert_non_null(strstr(line_no(&res, 13)->message, "交账"));
    import_result_free(&res);
    snapshot(w, after, sizeof after);
    assert_string_equal(before, after);

    /* A dry run writes nothing either, and says the same. */
    write_file(w, "good.csv", "日期,标题,姓名,所在党支部\n2024-03-05,党章学习,张三,第一党支部\n");
    assert_int_equal(run(w, "good.csv", (struct opts){.dry = true}, &res, &err), 0);
    assert_int_equal(res.added, 1);
    assert_false(res.written);
    import_result_free(&res);
    snapshot(w, after, sizeof after);
    assert_string_equal(before, after);

    /* Only closed-year lines: the closed year's own status. */
    write_file(w, "closed.csv", "日期,标题,姓名,所在党支部,出勤\n2023-12-01,去年的培训,王五,第一党支部,出席\n");
    assert_int_equal(run(w, "closed.csv", (struct opts){0}, &res, &err), FX_ECLOSED);
    import_result_free(&res);

    /* --skip-bad: the good line is written, the others are not. */
    assert_int_equal(run(w, "bad.csv", (struct opts){.skip = true}, &res, &err), FX_EINPUT);
    assert_true(res.written);
    import_result_free(&res);
    assert_int_equal(count_of(w, "SELECT count(*) FROM attendance WHERE session_id = ?1", w->plain), 1);
    assert_int_equal(count(w, "SELECT count(*) FROM attendance WHERE member_id = (SELECT id FROM member WHERE name = "
                              "'王五') AND session_id NOT IN (SELECT id FROM session WHERE title = '形势报告')"),
                     0);
    assert_hours_consistent(w);
}

static void test_namesakes_and_repeats(void **state)
{
    struct world *w = *state;
    struct import_result res;
    struct fx_error err;
    /* Two 张伟 told apart by phone; 张三 of each branch by the branch; a repeated person must agree. */
    write_file(w, "names.csv",
               "日期,标题,姓名,所在党支部,手机,出勤,原因\n"
               "2024-03-05,党章学习,张伟,第一党支部,13900000002,出席,\n"
               "2024-03-05,党章学习,张伟,第一党支部,13900000001,请假,出差\n"
               "2024-03-05,党章学习,张三,第二党支部,,出席,\n"
               "2024-03-05,党章学习,张伟,第一党支部,13900000002,到,\n"     /* 5: the same again: unchanged */
               "2024-03-05,党章学习,张伟,第一党支部,13900000001,缺席,\n"); /* 6: disagrees with line 3 */
    assert_int_equal(run(w, "names.csv", (struct opts){.skip = true}, &res, &err), FX_EINPUT);
    assert_int_equal(res.added, 3);
    assert_int_equal(res.unchanged, 1);
    assert_int_equal(res.refused, 1);
    assert_non_null(strstr(line_no(&res, 5)->message, "第 2 行"));
    assert_non_null(strstr(line_no(&res, 6)->message, "第 3 行"));
    import_result_free(&res);
    sqlite3_stmt *st;
    assert_int_equal(
        store_prepare(
            w->f->db,
            "SELECT group_concat(member_id || " ROLL_SQL_WORD("status") ", ',') FROM (SELECT * FROM attendance WHERE session_id = ?1 "
            "ORDER BY member_id)", &st, NULL),
        SQLITE_OK);
    sqlite3_bind_int64(st, 1, w->plain);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char want[128];
    snprintf(want, sizeof want, "%lldleave,%lldpresent,%lldpresent", (long long)w->wei1, (long long)w->wei2,
             (long long)w->zhang3b);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
    sqlite3_finalize(st);

    /* Without phones (an export has none) the two cannot be told apart, unless the line changes nothing. */
    write_file(w, "nophone.csv",
               "日期,标题,姓名,所在党支部,出勤,原因\n"
               "2024-03-05,党章学习,张伟,第一党支部,请假,出差\n"
               "2024-03-05,党章学习,张伟,第一党支部,缺席,\n");
    assert_int_equal(run(w, "nophone.csv", (struct opts){0}, &res, &err), FX_EINPUT);
    assert_int_equal(line_no(&res, 2)->outcome, IMPORT_UNCHANGED);
    assert_int_equal(line_no(&res, 3)->outcome, IMPORT_REFUSED);
    import_result_free(&res);
}

static void test_other_unit_and_map(void **state)
{
    struct world *w = *state;
    struct import_result res;
    struct fx_error err;
    /* 所属分校 names a unit this ledger does not have. */
    write_file(w, "unit.csv", "日期,培训标题,姓名,所在党支部,所属分校\n2024-03-05,党章学习,张三,第一党支部,别的分校\n");
    assert_int_equal(run(w, "unit.csv", (struct opts){0}, &res, &err), FX_EINPUT);
    assert_non_null(strstr(res.lines[0].message, "别的分校"));
    import_result_free(&res);
    /* --map for headers nobody listed. */
    write_file(w, "map.csv", "时间,活动,人,组织,签到\n2024-03-05,党章学习,张三,第一党支部,✓\n");
    struct import_options opt;
    memset(&opt, 0, sizeof opt);
    opt.table = IMPORT_ATTENDANCE;
    opt.map = "时间=date,活动=培训标题,人=name,组织=branch,签到=status";
    fx_clear(&err);
    if (import_run(w->f->db, path_of(w, "map.csv"), &opt, &res, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(res.added, 1);
    import_result_free(&res);
    /* A required column missing: the header is refused before any line. */
    write_file(w, "nohead.csv", "日期,姓名,所在党支部\n2024-03-05,张三,第一党支部\n");
    assert_int_equal(run(w, "nohead.csv", (struct opts){0}, &res, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "培训标题"));
    import_result_free(&res);
    assert_int_equal(import_table_parse("签到"), IMPORT_ATTENDANCE);
    assert_int_equal(import_table_parse("出勤"), IMPORT_ATTENDANCE);
    assert_int_equal(import_table_parse("考勤"), IMPORT_ATTENDANCE);
    assert_int_equal(import_table_parse("attendance"), IMPORT_ATTENDANCE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sign_in_sheet_gbk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changes_and_export_headers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_lines_write_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_namesakes_and_repeats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_unit_and_map, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
