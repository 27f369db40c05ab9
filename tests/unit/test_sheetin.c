/* test_sheetin.c — unit tests for core/sheetin.c and its readers on workbooks saved by LibreOffice
 * (tests/data/sheets, made by tests/data/make-sheets.sh): cells as people see them, refusals in Chinese. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheetin.h"
#include "sheetin_internal.h" /* sheetin_choose */

/* A fixture workbook by name: $TOP/tests/data/sheets (tests/run.sh sets TOP). */
static const char *fixture(const char *name)
{
    static char path[1024];
    const char *top = getenv("TOP");
    snprintf(path, sizeof path, "%s/tests/data/sheets/%s", top ? top : ".", name);
    return path;
}

static char *slurp(const char *name, size_t *len)
{
    FILE *f = fopen(fixture(name), "rb");
    if (!f)
        fail_msg("cannot open %s", fixture(name));
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static struct sheetin *open_ok(const char *name, const char *sheet)
{
    struct sheetin *s = NULL;
    struct fx_error err;
    fx_clear(&err);
    if (sheetin_open(fixture(name), sheet, &s, &err) != 0)
        fail_msg("open %s: %s (%s)", name, err.msg, err.detail);
    return s;
}

/* The next row is line, with these n fields (the grid's width). */
static void expect_row(struct sheetin *s, int line, int n, ...)
{
    struct fx_error err;
    fx_clear(&err);
    int rc = sheetin_read(s, &err);
    if (rc != CSVIN_RECORD)
        fail_msg("wanted row %d, got status %d: %s", line, rc, err.msg);
    assert_int_equal(sheetin_line(s), line);
    assert_int_equal(sheetin_count(s), n);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        const char *want = va_arg(ap, const char *);
        if (strcmp(sheetin_field(s, i), want))
            fail_msg("row %d column %d: wanted [%s], got [%s]", line, i + 1, want, sheetin_field(s, i));
    }
    va_end(ap);
    assert_string_equal(sheetin_field(s, n), "");
}

static void expect_eof(struct sheetin *s)
{
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(sheetin_read(s, &err), CSVIN_EOF);
}

/* Opening fails with status code and a message naming the file and saying needle. */
static void expect_refused_mem(const char *data, size_t len, const char *sheet, int code, const char *needle)
{
    struct sheetin *s = NULL;
    struct fx_error err;
    fx_clear(&err);
    int rc = sheetin_open_mem(data, len, "名册.xlsx", sheet, &s, &err);
    if (rc == 0) {
        /* Some damage shows only when the sheet is read. */
        while ((rc = sheetin_read(s, &err)) == CSVIN_RECORD || rc == CSVIN_BAD)
            ;
        sheetin_close(s);
        if (rc != CSVIN_FATAL)
            fail_msg("damaged workbook read to the end without a word");
        code = FX_EINPUT;
    } else {
        assert_int_equal(rc, code);
        assert_null(s);
    }
    if (!strstr(err.msg, needle) || !strstr(err.msg, "名册.xlsx"))
        fail_msg("message [%s] lacks [%s] or the file's name", err.msg, needle);
}

static void test_numfmt_kinds(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        int kind;
    } cases[] = {
        {"General", SHEETIN_NUMBER},
        {"0.00E+00", SHEETIN_NUMBER},
        {"0%", SHEETIN_NUMBER},
        {"@", SHEETIN_NUMBER},
        {"#,##0.00_);[Red](#,##0.00)", SHEETIN_NUMBER},
        {"[DBNum1][$-804]General", SHEETIN_NUMBER},
        {"\"日期：\"0", SHEETIN_NUMBER},
        {"yyyy\\-mm\\-dd", SHEETIN_DATE},
        {"yyyy\\年m\\月d\\日", SHEETIN_DATE}, /* LibreOffice's 2001年10月15日 */
        {"[$-804]yyyy\"年\"m\"月\"d\"日\"", SHEETIN_DATE},
        {"mmm", SHEETIN_DATE},
        {"yyyy\\-mm\\-dd\\ hh:mm", SHEETIN_DATETIME},
        {"m/d/yy h:mm AM/PM", SHEETIN_DATETIME},
        {"hh:mm", SHEETIN_TIME},
        {"mm:ss", SHEETIN_TIME},
        {"[h]:mm:ss", SHEETIN_TIME},
        {"h\"时\"mm\"分\"", SHEETIN_TIME},
        {"0.00;yyyy", SHEETIN_NUMBER}, /* only the first section counts */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (sheetin_numfmt_kind(cases[i].code) != cases[i].kind)
            fail_msg("%s: wanted kind %d, got %d", cases[i].code, cases[i].kind, sheetin_numfmt_kind(cases[i].code));
    assert_int_equal(sheetin_builtin_numfmt(0), SHEETIN_NUMBER);
    assert_int_equal(sheetin_builtin_numfmt(14), SHEETIN_DATE);
    assert_int_equal(sheetin_builtin_numfmt(20), SHEETIN_TIME);
    assert_int_equal(sheetin_builtin_numfmt(22), SHEETIN_DATETIME);
    assert_int_equal(sheetin_builtin_numfmt(31), SHEETIN_DATE); /* Chinese Excel: yyyy"年"m"月"d"日" */
    assert_int_equal(sheetin_builtin_numfmt(58), SHEETIN_DATE);
    assert_int_equal(sheetin_builtin_numfmt(49), SHEETIN_NUMBER); /* @ */
}

static void expect_date(double serial, bool date1904, const char *want)
{
    char out[11] = "unchanged";
    int rc = sheetin_serial_date(serial, date1904, out);
    if (!want) {
        assert_int_equal(rc, -1);
        assert_string_equal(out, "unchanged");
        return;
    }
    assert_int_equal(rc, 0);
    if (strcmp(out, want))
        fail_msg("serial %g (%s): wanted %s, got %s", serial, date1904 ? "1904" : "1900", want, out);
}

static void test_serial_dates(void **state)
{
    (void)state;
    expect_date(1, false, "1900-01-01");
    expect_date(59, false, "1900-02-28");
    expect_date(60, false, "1900-02-29"); /* the day Lotus 1-2-3 invented and Excel keeps */
    expect_date(61, false, "1900-03-01");
    expect_date(43647, false, "2019-07-01");
    expect_date(45351.75, false, "2024-02-29"); /* the time of day does not move the date */
    expect_date(2958465, false, "9999-12-31");
    expect_date(2958466, false, NULL);
    expect_date(0, false, NULL);
    expect_date(-1, false, NULL);
    expect_date(NAN, false, NULL);
    expect_date(0, true, "1904-01-01");
    expect_date(43889, true, "2024-02-29");
    expect_date(-1, true, NULL);
}

static void expect_text(double v, int kind, const char *want)
{
    char out[64];
    sheetin_number_text(v, kind, false, out, sizeof out);
    if (strcmp(out, want))
        fail_msg("%.17g kind %d: wanted [%s], got [%s]", v, kind, want, out);
}

static void test_number_text(void **state)
{
    (void)state;
    expect_text(13812345678.0, SHEETIN_NUMBER, "13812345678"); /* never 1.38E+10 */
    expect_text(42, SHEETIN_NUMBER, "42");
    expect_text(-0.0, SHEETIN_NUMBER, "0");
    expect_text(2.5, SHEETIN_NUMBER, "2.5");
    expect_text(0.1 + 0.2, SHEETIN_NUMBER, "0.3");
    expect_text(-3.25, SHEETIN_NUMBER, "-3.25");
    /* 18 digits stored as a number have lost the last three: said, so a phone check catches it. */
    expect_text(110101199001011234.0, SHEETIN_NUMBER, "1.10101199001011e+17");
    expect_text(45356.6041666667, SHEETIN_DATETIME, "2024-03-05 14:30:00");
    expect_text(45356.99999999, SHEETIN_DATETIME, "2024-03-06"); /* rounds to the next midnight */
    expect_text(45356, SHEETIN_DATETIME, "2024-03-05");
    expect_text(45356.6041666667, SHEETIN_DATE, "2024-03-05");
    expect_text(0.354166666666667, SHEETIN_TIME, "08:30:00");
    expect_text(0, SHEETIN_DATE, "0"); /* no date: the number */
    expect_text(INFINITY, SHEETIN_NUMBER, "#NUM!");
    /* A decimal comma locale does not change what the file says. */
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8") || setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
        expect_text(2.5, SHEETIN_NUMBER, "2.5");
        setlocale(LC_NUMERIC, "C");
    }
}

static void test_choose_sheet(void **state)
{
    (void)state;
    const char *names[] = {"隐藏", "名册", "教师"};
    const bool hidden[] = {true, false, false};
    assert_int_equal(sheetin_choose(NULL, names, hidden, 3), 1); /* the first one not hidden */
    assert_int_equal(sheetin_choose("", names, NULL, 3), 0);
    assert_int_equal(sheetin_choose("教师", names, hidden, 3), 2);
    assert_int_equal(sheetin_choose(" 教师 ", names, hidden, 3), 2);
    assert_int_equal(sheetin_choose("隐藏", names, hidden, 3), 0); /* asked by name: given */
    assert_int_equal(sheetin_choose("3", names, hidden, 3), 2);
    assert_int_equal(sheetin_choose("4", names, hidden, 3), -1);
    assert_int_equal(sheetin_choose("没有", names, hidden, 3), -1);
    const char *digits[] = {"2024", "1"};
    assert_int_equal(sheetin_choose("1", digits, NULL, 2), 1); /* a name wins over a number */
}

static void test_sniff(void **state)
{
    (void)state;
    assert_int_equal(sheetin_sniff(fixture("roster.xlsx")), SHEETIN_ZIP);
    assert_int_equal(sheetin_sniff(fixture("roster.xls")), SHEETIN_OLE2);
    assert_int_equal(sheetin_sniff(fixture("roster-password.xlsx")), SHEETIN_OLE2);
    assert_int_equal(sheetin_sniff(fixture("roster.fods")), SHEETIN_NONE);
    assert_int_equal(sheetin_sniff("/nonexistent/名册.xlsx"), SHEETIN_NONE);
    assert_int_equal(sheetin_sniff_mem("PK", 2), SHEETIN_NONE);
}

/* Every kind of cell, as both formats give it. What LibreOffice wrote as
 * 1900-02-28 is serial 60 in the file (it has no Lotus day), which Excel, and
 * so fenxiao, shows as 1900-02-29. */
static void check_cells(const char *name, bool xls)
{
    struct sheetin *s = open_ok(name, NULL);
    assert_string_equal(sheetin_sheet(s), "单元格");
    assert_non_null(strstr(sheetin_format(s), xls ? ".xls）" : ".xlsx）"));
    expect_row(s, 1, 3, "种类", "值", "备注");
    expect_row(s, 2, 3, "文本", "张三", "");
    expect_row(s, 3, 3, "整数", "42", "");
    expect_row(s, 4, 3, "小数", "2.5", "");
    expect_row(s, 5, 3, "电话", "13812345678", "");
    expect_row(s, 6, 3, "科学计数", "13812345678", ""); /* shown as 1.38E+10 */
    expect_row(s, 7, 3, "日期", "2024-02-29", "");
    expect_row(s, 8, 3, "中文日期", "2024-03-05", ""); /* shown as 2024年3月5日 */
    expect_row(s, 9, 3, "早日期", "1900-02-29", "");
    expect_row(s, 10, 3, "三月", "1900-03-01", "");
    expect_row(s, 11, 3, "日期时间", "2024-03-05 14:30:00", "");
    expect_row(s, 12, 3, "午夜", "2024-03-05", "");
    expect_row(s, 13, 3, "时间", "08:30:00", "");
    expect_row(s, 14, 3, "真假", "1", ""); /* LibreOffice saves TRUE as the number 1 */
    /* freexl does not give the saved result of a formula in an .xls: the cell reads empty. */
    expect_row(s, 15, 3, "公式", xls ? "" : "2", "");
    expect_row(s, 16, 3, "文字公式", xls ? "" : "党员", "");
    expect_row(s, 17, 3, "百分比", "0.95", "");
    expect_row(s, 18, 3, "换行", "两行\n文字", "");
    expect_row(s, 19, 3, "隔列", "", "丙");
    expect_row(s, 20, 3, "长数字", "1.10101199001011e+17", "");
    expect_row(s, 21, 3, "负数", "-3.25", "");
    expect_row(s, 30, 3, "末行", "最后", ""); /* after eight empty rows: its own number */
    expect_eof(s);
    expect_eof(s);
    sheetin_close(s);
}

static void test_cells_xlsx(void **state)
{
    (void)state;
    check_cells("cells.xlsx", false);
}

static void test_cells_xls(void **state)
{
    (void)state;
    check_cells("cells.xls", true);
}

/* The roster of the must-show, from each writer: a merged title row, phones and dates as numbers. */
static void check_roster(struct sheetin *s)
{
    assert_string_equal(sheetin_sheet(s), "名册");
    expect_row(s, 1, 1, "城关镇党员花名册"); /* merged A1:G1: the text is in A1 */
    expect_row(s, 2, 7, "序号", "姓名", "性别", "所在党支部", "手机号码", "入党日期", "人员类别");
    expect_row(s, 3, 7, "1", "张三", "男", "第一党支部", "13812345678", "2019-07-01", "党员");
    expect_row(s, 4, 7, "2", "李四", "女", "第一党支部", "13987654321", "2001-10-15", "支部书记");
    expect_row(s, 6, 7, "3", "王五", "", "城东社区党支部", "", "1998-02-28", "");
    expect_row(s, 7, 7, "4", "赵　六", "男", "城东社区党支部", "15800001111", "1950-03-01", "预备党员");
    expect_row(s, 8, 7, "5", "钱七", "女", "第一党支部", "13700000007", "2024-02-29", "党员");
    expect_eof(s);
}

static void test_roster_all_writers(void **state)
{
    (void)state;

    const char *names[] = {"roster.xlsx", "roster.xls", "roster-inline.xlsx"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        struct sheetin *s = open_ok(names[i], NULL);
        check_roster(s);
        sheetin_close(s);
    }
    /* The same from memory, as the fuzz target reads it. */
    for (size_t i = 0; i < 2; i++) {
        size_t len;
        char *data = slurp(names[i], &len);
        struct sheetin *s = NULL;
        struct fx_error err;
        fx_clear(&err);
        if (sheetin_open_mem(data, len, names[i], "1", &s, &err))
            fail_msg("%s from memory: %s", names[i], err.msg);
        check_roster(s);
        sheetin_close(s);
        free(data);
    }
}

static void test_named_sheets(void **state)
{
    (void)state;
    const char *names[] = {"roster.xlsx", "roster.xls"};
    for (size_t i = 0; i < 2; i++) {
        struct sheetin *s = open_ok(names[i], "教师");
        assert_string_equal(sheetin_sheet(s), "教师");
        expect_row(s, 1, 5, "姓名", "专兼职", "单位", "联系电话", "擅长专题");
        expect_row(s, 2, 5, "孙老师", "专职", "县委党校", "13600000001", "党史\n党章");
        expect_row(s, 3, 5, "周老师", "兼职", "城关镇政府", "", "乡村振兴");
        expect_eof(s);
        sheetin_close(s);
        s = open_ok(names[i], "3");
        assert_string_equal(sheetin_sheet(s), "签到");
        expect_row(s, 1, 6, "日期", "培训标题", "姓名", "所在党支部", "出勤", "原因");
        expect_row(s, 2, 6, "2026-11-05", "党章学习", "张三", "第一党支部", "出席", "");
        expect_row(s, 3, 6, "2026-11-05", "党章学习", "李四", "第一党支部", "请假", "外出");
        expect_eof(s);
        sheetin_close(s);
        struct fx_error err;
        fx_clear(&err);
        assert_int_equal(sheetin_open(fixture(names[i]), "党员", &s, &err), FX_EINPUT);
        assert_null(s);
        assert_non_null(strstr(err.msg, "没有名为“党员”的工作表（有：名册、教师、签到）"));
    }
}

static void test_1904(void **state)
{
    (void)state;
    struct sheetin *s = open_ok("dates1904.xlsx", NULL);
    expect_row(s, 1, 2, "日期", "说明");
    expect_row(s, 2, 2, "2024-02-29", "闰日");
    expect_row(s, 3, 2, "1904-01-01", "第 0 天");
    expect_row(s, 4, 2, "1904-01-02", "第 1 天");
    sheetin_close(s);
    /* freexl converts the dates of an .xls itself (and reads its day 0 as 1904-01-02). */
    s = open_ok("dates1904.xls", NULL);
    expect_row(s, 1, 2, "日期", "说明");
    expect_row(s, 2, 2, "2024-02-29", "闰日");
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(sheetin_read(s, &err), CSVIN_RECORD);
    expect_row(s, 4, 2, "1904-01-02", "第 1 天");
    sheetin_close(s);
}

static void test_password_protected(void **state)
{
    (void)state;
    const char *names[] = {"roster-password.xlsx", "roster-password.xls"};
    for (size_t i = 0; i < 2; i++) {
        struct sheetin *s = NULL;
        struct fx_error err;
        fx_clear(&err);
        assert_int_equal(sheetin_open(fixture(names[i]), NULL, &s, &err), FX_EINPUT);
        assert_null(s);
        assert_non_null(strstr(err.msg, "设置了打开密码"));
        assert_non_null(strstr(err.msg, names[i]));
        size_t len;
        char *data = slurp(names[i], &len);
        expect_refused_mem(data, len, NULL, FX_EINPUT, "设置了打开密码");
        free(data);
    }
}

/* Where a part's compressed bytes start in the package (its local header). */
static size_t part_data(const char *zip, size_t len, const char *part)
{
    size_t n = strlen(part);
    for (size_t i = 0; i + 30 + n <= len; i++)
        if (!memcmp(zip + i, "PK\3\4", 4) && (size_t)(unsigned char)zip[i + 26] == n && !memcmp(zip + i + 30, part, n))
            return i + 30 + n + (size_t)(unsigned char)zip[i + 28] + ((size_t)(unsigned char)zip[i + 29] << 8);
    fail_msg("no %s in the package", part);
    return 0;
}

static void test_corrupt(void **state)
{
    (void)state;
    size_t len;
    char *data = slurp("roster.xlsx", &len);
    /* Cut short: the ZIP's directory is at its end. */
    expect_refused_mem(data, len / 2, NULL, FX_EINPUT, "文件已损坏");
    /* The sheet's compressed bytes damaged. */
    char *bad = malloc(len);
    memcpy(bad, data, len);
    size_t at = part_data(bad, len, "xl/worksheets/sheet1.xml");
    for (size_t i = at + 40; i < at + 80 && i < len; i++)
        bad[i] = (char)~bad[i];
    expect_refused_mem(bad, len, NULL, FX_EINPUT, "文件已损坏");
    /* The ZIP signature and nothing after it. */
    expect_refused_mem("PK\3\4garbage", 11, NULL, FX_EINPUT, "文件已损坏");
    free(bad);
    free(data);
    data = slurp("roster.xls", &len);
    expect_refused_mem(data, len / 2, NULL, FX_EINPUT, "文件已损坏");
    expect_refused_mem(data, 600, NULL, FX_EINPUT, "文件已损坏");
    free(data);
    /* Neither signature. */
    expect_refused_mem("姓名,支部\n", 14, NULL, FX_EINPUT, "不是 Excel 工作簿");
    /* An OpenDocument spreadsheet is a ZIP too. */
    data = slurp("roster.ods", &len);
    expect_refused_mem(data, len, NULL, FX_EINPUT, ".ods");
    free(data);
}

static void test_limits(void **state)
{
    (void)state;
    struct sheetin *s = open_ok("roster.xlsx", NULL);
    sheetin_set_limits(s, 12, 64);
    struct fx_error err;
    fx_clear(&err);
    /* "城关镇党员花名册" is 24 bytes: refused with its line; reading goes on. */
    assert_int_equal(sheetin_read(s, &err), CSVIN_BAD);
    assert_non_null(strstr(err.msg, "第1行"));
    assert_non_null(strstr(err.msg, "第 1 列太长"));
    assert_non_null(strstr(err.msg, "roster.xlsx"));
    fx_clear(&err);
    assert_int_equal(sheetin_read(s, &err), CSVIN_BAD); /* 所在党支部 is 15 bytes */
    assert_non_null(strstr(err.msg, "第2行"));
    sheetin_set_limits(s, 0, 20);
    fx_clear(&err);
    assert_int_equal(sheetin_read(s, &err), CSVIN_BAD);
    assert_non_null(strstr(err.msg, "第3行：这一行太长"));
    sheetin_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numfmt_kinds),
        cmocka_unit_test(test_serial_dates),
        cmocka_unit_test(test_number_text),
        cmocka_unit_test(test_choose_sheet),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_cells_xlsx),
        cmocka_unit_test(test_cells_xls),
        cmocka_unit_test(test_roster_all_writers),
        cmocka_unit_test(test_named_sheets),
        cmocka_unit_test(test_1904),
        cmocka_unit_test(test_password_protected),
        cmocka_unit_test(test_corrupt),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
