/* test_config.c — fenxiao.ini as Windows Notepad saves it, and the hour rules.
 * iniparser alone rejects a BOM and long lines; core/ini.c must not. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "fixture.h"
#include "ini.h"

/* The INI file every test writes, in its own scratch directory. */
static struct fixture *dir;
static char path[600];

static void write_file(const char *content, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(content, 1, len, f), len);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    dir = fixture_new_dir();
    snprintf(path, sizeof path, "%s", fixture_path(dir, "fenxiao.ini"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fixture_free(dir);
    dir = NULL;
    return 0;
}

static void test_missing_file_means_defaults(void **state)
{
    (void)state;
    struct fx_config cfg;
    struct fx_error err;
    assert_int_equal(config_load("/nonexistent/fenxiao.ini", &cfg, &err), 0);
    assert_false(cfg.loaded);
    assert_near(cfg.min_member, 32, 0);
    assert_near(cfg.min_leader, 56, 0);
    assert_near(config_min_hours(&cfg, "党组织书记"), 56, 0);
    assert_near(config_min_hours(&cfg, "班子成员"), 56, 0);
    assert_near(config_min_hours(&cfg, "普通党员"), 32, 0);
    assert_near(config_min_hours(&cfg, "书记"), 32, 0); /* whole role names only */
}

static void test_bom_crlf_loads(void **state)
{
    (void)state;
    const char text[] = "\xEF\xBB\xBF; 记事本保存\r\n[unit]\r\nname = 平湖市当湖街道党校分校\r\n"
                        "[hours]\r\nmember = 40\r\nleader=60 ; 本县标准\r\nrule = clock\r\n";
    write_file(text, sizeof text - 1);
    struct fx_config cfg;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(config_load(path, &cfg, &err), 0);
    assert_true(cfg.loaded);
    assert_string_equal(cfg.unit, "平湖市当湖街道党校分校");
    assert_near(cfg.min_member, 40, 0);
    assert_near(cfg.min_leader, 60, 0);
    assert_int_equal(cfg.rule, HOURS_CLOCK);
}

static void test_long_line_loads(void **state)
{
    (void)state;
    /* A value of 3,000 bytes of Chinese: past iniparser's 1,024-byte line limit. */
    size_t n = 3000;
    char *text = malloc(n + 64);
    strcpy(text, "[unit]\nname = ");
    size_t len = strlen(text);
    while (len + 3 < n) {
        memcpy(text + len, "党", 3);
        len += 3;
    }
    text[len++] = '\n';
    write_file(text, len);
    free(text);
    struct ini ini;
    struct fx_error err;
    assert_int_equal(ini_load(path, &ini, &err), 0);
    assert_true(strlen(ini_str(&ini, "unit:name", "")) > 2900);
    ini_free(&ini);
}

static void test_broken_file_names_line(void **state)
{
    (void)state;
    const char text[] = "[unit]\nname = 甲\n\n[hours\nmember = 32\n";
    write_file(text, sizeof text - 1);
    struct fx_config cfg;
    struct fx_error err;
    assert_int_equal(config_load(path, &cfg, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, "第4行"));

    const char bad_number[] = "[hours]\nmember = 三十二\n";
    write_file(bad_number, sizeof bad_number - 1);
    assert_int_equal(config_load(path, &cfg, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第2行"));

    const char bad_utf8[] = "[unit]\nname = \xB5\xB3\xD0\xA3\n";
    write_file(bad_utf8, sizeof bad_utf8 - 1);
    assert_int_equal(config_load(path, &cfg, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "UTF-8"));

    const char no_section[] = "name = 甲\n";
    write_file(no_section, sizeof no_section - 1);
    assert_int_equal(config_load(path, &cfg, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第1行"));
}

static void test_suggest_hours(void **state)
{
    (void)state;
    struct fx_config cfg;
    config_defaults(&cfg);
    assert_near(config_suggest_hours(&cfg, 8 * 60 + 30, 17 * 60), 8, 0);  /* a day out */
    assert_near(config_suggest_hours(&cfg, 8 * 60 + 30, 11 * 60 + 30), 4, 0); /* a morning */
    assert_near(config_suggest_hours(&cfg, 14 * 60, 15 * 60 + 30), 1.5, 0);
    assert_near(config_suggest_hours(&cfg, 15 * 60, 14 * 60), 0, 0);
    cfg.rule = HOURS_CLOCK;
    assert_near(config_suggest_hours(&cfg, 8 * 60 + 30, 11 * 60 + 30), 3, 0);
    cfg.lesson_minutes = 45;
    assert_near(config_suggest_hours(&cfg, 9 * 60, 10 * 60 + 30), 2, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_file_means_defaults), cmocka_unit_test(test_bom_crlf_loads),
        cmocka_unit_test(test_long_line_loads), cmocka_unit_test(test_broken_file_names_line),
        cmocka_unit_test(test_suggest_hours),
    };
    return cmocka_run_group_tests_name("config", tests, setup, teardown);
}
