/* test_csvin.c — unit tests for core/csvin.c: quoting, line ends, encodings, bad bytes.
 * Every refusal must name the file and the line a secretary would look at. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvin.h"
#include "fixture.h"

static struct csvin *open_mem(const char *data, size_t len)
{
    struct csvin *c = NULL;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(csvin_open_mem(data, len, "名单.csv", &c, &err), 0);
    assert_non_null(c);
    return c;
}

#define OPEN(lit) open_mem(lit, sizeof lit - 1)

static void expect_record(struct csvin *c, int line, int n, ...)
{
    struct fx_error err;
    fx_clear(&err);
    int rc = csvin_read(c, &err);
    if (rc != CSVIN_RECORD)
        fail_msg("wanted a record at line %d, got %d: %s", line, rc, err.msg);
    assert_int_equal(csvin_line(c), line);
    assert_int_equal(csvin_count(c), n);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        assert_string_equal(csvin_field(c, i), va_arg(ap, const char *));
    va_end(ap);
}

static void expect_eof(struct csvin *c)
{
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(csvin_read(c, &err), CSVIN_EOF);
}

static void expect_status(struct csvin *c, int status, const char *needle)
{
    struct fx_error err;
    fx_clear(&err);
    int rc = csvin_read(c, &err);
    if (rc != status)
        fail_msg("wanted status %d, got %d (%s)", status, rc, err.msg);
    if (!strstr(err.msg, needle))
        fail_msg("message [%s] lacks [%s]", err.msg, needle);
    assert_non_null(strstr(err.msg, "名单.csv"));
}

static void test_quoting_rfc4180(void **state)
{
    (void)state;
    struct csvin *c = OPEN("姓名,备注\r\n"
                           "张三,\"说了\"\"好\"\"，然后走了\"\r\n"
                           "\"李,四\",\"两行\r\n备注\"\r\n"
                           "王五,\r\n");
    assert_int_equal(csvin_encoding(c), CSVIN_UTF8);
    expect_record(c, 1, 2, "姓名", "备注");
    expect_record(c, 2, 2, "张三", "说了\"好\"，然后走了");
    expect_record(c, 3, 2, "李,四", "两行\r\n备注");
    expect_record(c, 5, 2, "王五", "");
    expect_eof(c);
    expect_eof(c);
    csvin_close(c);
}

static void test_lf_blank_lines_and_no_final_newline(void **state)
{
    (void)state;
    struct csvin *c = OPEN("a,b\n\n,,\nc,d\n\n\"e\",f");
    expect_record(c, 1, 2, "a", "b");
    expect_record(c, 4, 2, "c", "d");
    expect_record(c, 6, 2, "e", "f");
    expect_eof(c);
    csvin_close(c);
}

static void test_lenient_quotes(void **state)
{
    (void)state;
    /* A stray quote in a plain field and text after a closing quote, as Excel reads them. */
    struct csvin *c = OPEN("ab\"c,\"x\"y\n");
    expect_record(c, 1, 2, "ab\"c", "xy");
    csvin_close(c);
}

static void test_bom_and_gb18030(void **state)
{
    (void)state;
    struct csvin *c = OPEN("\xEF\xBB\xBF"
                           "姓名,性别\r\n张三,男\r\n");
    assert_int_equal(csvin_encoding(c), CSVIN_UTF8_BOM);
    expect_record(c, 1, 2, "姓名", "性别");
    expect_record(c, 2, 2, "张三", "男");
    csvin_close(c);

    /* 姓名,所在党支部 / 张三,第一支部 in GBK, as Excel on Chinese Windows saves it. */
    static const char gbk[] = "\xD0\xD5\xC3\xFB,\xCB\xF9\xD4\xDA\xB5\xB3\xD6\xA7\xB2\xBF\r\n"
                              "\xD5\xC5\xC8\xFD,\xB5\xDA\xD2\xBB\xD6\xA7\xB2\xBF\r\n";
    c = open_mem(gbk, sizeof gbk - 1);
    assert_int_equal(csvin_encoding(c), CSVIN_GB18030);
    expect_record(c, 1, 2, "姓名", "所在党支部");
    expect_record(c, 2, 2, "张三", "第一支部");
    expect_eof(c);
    csvin_close(c);
}

static void test_gb18030_across_buffer_boundary(void **state)
{
    (void)state;
    /* Many GBK names: characters cut by the 16 KiB read buffer must survive. */
    size_t n = 20000, len = 0;
    char *buf = malloc(n * 6 + 16);
    assert_non_null(buf);
    len += (size_t)sprintf(buf, "x\n");
    for (size_t i = 0; i < n; i++) {
        memcpy(buf + len, "\xD5\xC5\xC8\xFD\r\n", 6); /* 张三 */
        len += 6;
    }
    struct csvin *c = open_mem(buf, len);
    assert_int_equal(csvin_encoding(c), CSVIN_GB18030);
    expect_record(c, 1, 1, "x");
    for (size_t i = 0; i < n; i++)
        expect_record(c, (int)i + 2, 1, "张三");
    expect_eof(c);
    csvin_close(c);
    free(buf);
}

static void test_utf16_tab_separated(void **state)
{
    (void)state;
    /* Excel's "Unicode text": UTF-16LE with a BOM, tabs between cells. */
    static const char u16[] = "\xFF\xFE"
                              "\xD3\x59\x0D\x54\x09\x00\x27\x60\x2B\x52\x0D\x00\x0A\x00" /* 姓名\t性别\r\n */
                              "\x20\x5F\x09\x4E\x09\x00\x37\x75\x0D\x00\x0A\x00";        /* 张三\t男\r\n */
    struct csvin *c = open_mem(u16, sizeof u16 - 1);
    assert_int_equal(csvin_encoding(c), CSVIN_UTF16LE);
    expect_record(c, 1, 2, "姓名", "性别");
    expect_record(c, 2, 2, "张三", "男");
    expect_eof(c);
    csvin_close(c);
}

static void test_nul_and_escapes_are_refused_by_line(void **state)
{
    (void)state;
    static const char nul[] = "姓名\n张三\n李\0四\n王五\n";
    struct csvin *c = open_mem(nul, sizeof nul - 1);
    expect_record(c, 1, 1, "姓名");
    expect_record(c, 2, 1, "张三");
    expect_status(c, CSVIN_BAD, "第3行");
    expect_record(c, 4, 1, "王五");
    csvin_close(c);

    c = OPEN("姓名\n\"张\x1b[31m三\"\n");
    expect_record(c, 1, 1, "姓名");
    expect_status(c, CSVIN_BAD, "转义");
    expect_eof(c);
    csvin_close(c);

    c = OPEN("姓名\n张\xC2\x9B三\n");
    expect_record(c, 1, 1, "姓名");
    expect_status(c, CSVIN_BAD, "控制字符");
    csvin_close(c);
}

static void test_invalid_utf8_among_utf8(void **state)
{
    (void)state;
    /* Mostly Chinese UTF-8 with one damaged byte: reported by line, not read as GBK. */
    struct csvin *c = OPEN("姓名,所在党支部\n张三,第一支部\n李四,第一支部\n王五,第二支部\n赵\xFF六,第二支部\n");
    assert_int_equal(csvin_encoding(c), CSVIN_UTF8);
    expect_record(c, 1, 2, "姓名", "所在党支部");
    expect_record(c, 2, 2, "张三", "第一支部");
    expect_record(c, 3, 2, "李四", "第一支部");
    expect_record(c, 4, 2, "王五", "第二支部");
    expect_status(c, CSVIN_BAD, "第5行");
    csvin_close(c);

    /* With a BOM the file says UTF-8: a bad byte is that line's fault. */
    c = OPEN("\xEF\xBB\xBF"
             "a\n\xC3\x28\n");
    expect_record(c, 1, 1, "a");
    expect_status(c, CSVIN_BAD, "UTF-8");
    csvin_close(c);
}

static void test_undecodable_is_fatal_with_line(void **state)
{
    (void)state;
    /* 0x80 and 0xFF never start a GB18030 character. */
    static const char bad[] = "\xD5\xC5\xC8\xFD\n\xD5\xC5\n\x80\xFF\xFF\n";
    struct csvin *c = open_mem(bad, sizeof bad - 1);
    assert_int_equal(csvin_encoding(c), CSVIN_GB18030);
    expect_record(c, 1, 1, "张三");
    expect_record(c, 2, 1, "张");
    expect_status(c, CSVIN_FATAL, "第3行");
    csvin_close(c);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    struct csvin *c = OPEN("a,b\nc,\"d\ne,f\n");
    expect_record(c, 1, 2, "a", "b");
    expect_status(c, CSVIN_FATAL, "第2行");
    expect_eof(c);
    csvin_close(c);
}

static void test_limits(void **state)
{
    (void)state;
    struct csvin *c = OPEN("a,b\n0123456789abcdef,x\nshort,y\n");
    csvin_set_limits(c, 8, 0);
    expect_record(c, 1, 2, "a", "b");
    expect_status(c, CSVIN_BAD, "第 1 列太长");
    expect_record(c, 3, 2, "short", "y");
    csvin_close(c);

    c = OPEN("a,b\n1234,5678,90\nok\n");
    csvin_set_limits(c, 0, 8);
    expect_record(c, 1, 2, "a", "b");
    expect_status(c, CSVIN_BAD, "这一行太长");
    expect_record(c, 3, 1, "ok");
    csvin_close(c);

    /* More fields than allowed. */
    char many[CSVIN_MAX_FIELDS * 2 + 8];
    size_t k = 0;
    for (int i = 0; i < CSVIN_MAX_FIELDS + 2; i++)
        many[k++] = ',';
    many[k++] = 'x';
    many[k++] = '\n';
    c = open_mem(many, k);
    expect_status(c, CSVIN_BAD, "列数太多");
    csvin_close(c);
}

static void test_lone_cr_and_file(void **state)
{
    (void)state;
    struct csvin *c = OPEN("a\rb\r\"c\rd\"\re");
    expect_record(c, 1, 1, "a");
    expect_record(c, 2, 1, "b");
    expect_record(c, 3, 1, "c\rd");
    expect_record(c, 5, 1, "e");
    expect_eof(c);
    csvin_close(c);

    struct fixture *d = fixture_new_dir();
    static const char text[] = "\xEF\xBB\xBF姓名\r\n张三\r\n";
    const char *path = fixture_write(d, "names.csv", text, sizeof text - 1);
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(csvin_open(path, &c, &err), 0);
    expect_record(c, 1, 1, "姓名");
    expect_record(c, 2, 1, "张三");
    expect_eof(c);
    csvin_close(c);
    unlink(path);
    assert_int_equal(csvin_open(path, &c, &err), FX_EFS);
    assert_non_null(strstr(err.msg, path));
    fixture_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoting_rfc4180),
        cmocka_unit_test(test_lf_blank_lines_and_no_final_newline),
        cmocka_unit_test(test_lenient_quotes),
        cmocka_unit_test(test_bom_and_gb18030),
        cmocka_unit_test(test_gb18030_across_buffer_boundary),
        cmocka_unit_test(test_utf16_tab_separated),
        cmocka_unit_test(test_nul_and_escapes_are_refused_by_line),
        cmocka_unit_test(test_invalid_utf8_among_utf8),
        cmocka_unit_test(test_undecodable_is_fatal_with_line),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_lone_cr_and_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
