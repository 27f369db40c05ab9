/* test_paths.c — core/paths.c: the folder where printed and exported files go when none is named,
 * under XDG_DATA_HOME or HOME, made private (0700); the expected paths are spelled out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "paths.h"

static char tmpdir[256];

/* paths_print_dir gives tmpdir + below, and the folder is there, private (0700); twice, as it then exists. */
static void expect_print_dir(const char *below)
{
    char want[512], got[4096];
    snprintf(want, sizeof want, "%s%s", tmpdir, below);
    for (int round = 0; round < 2; round++) {
        struct fx_error err;
        fx_clear(&err);
        assert_int_equal(paths_print_dir(got, sizeof got, &err), 0);
        assert_string_equal(got, want);
        struct stat st;
        assert_int_equal(stat(got, &st), 0);
        assert_true(S_ISDIR(st.st_mode));
        assert_int_equal(st.st_mode & 0777, 0700);
    }
}

static void test_print_dir_under_xdg_data_home(void **state)
{
    (void)state;
    char xdg[300];
    snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
    setenv("XDG_DATA_HOME", xdg, 1);
    setenv("HOME", "/nonexistent-home", 1);
    expect_print_dir("/xdg/fenxiao/print");
}

/* XDG_DATA_HOME must be absolute to count (the XDG rule); otherwise HOME's .local/share. */
static void test_print_dir_under_home(void **state)
{
    (void)state;
    char home[300];
    snprintf(home, sizeof home, "%s/home", tmpdir);
    setenv("HOME", home, 1);
    setenv("XDG_DATA_HOME", "relative/data", 1);
    expect_print_dir("/home/.local/share/fenxiao/print");
    unsetenv("XDG_DATA_HOME");
    expect_print_dir("/home/.local/share/fenxiao/print");
}

static void test_print_dir_nowhere(void **state)
{
    (void)state;
    unsetenv("XDG_DATA_HOME");
    unsetenv("HOME");
    char got[4096];
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(paths_print_dir(got, sizeof got, &err), FX_EUSAGE);
    assert_non_null(strstr(err.msg, "HOME"));

    /* A path that does not fit is refused, not cut. */
    char home[300], small[16];
    snprintf(home, sizeof home, "%s/home", tmpdir);
    setenv("HOME", home, 1);
    assert_int_equal(paths_print_dir(small, sizeof small, &err), FX_EUSAGE);
}

static struct fixture *scratch;

static int setup_all(void **state)
{
    (void)state;
    scratch = fixture_new_dir();
    snprintf(tmpdir, sizeof tmpdir, "%s", scratch->dir);
    return 0;
}

static int teardown_all(void **state)
{
    (void)state;
    fixture_free(scratch);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_print_dir_under_xdg_data_home),
        cmocka_unit_test(test_print_dir_under_home),
        cmocka_unit_test(test_print_dir_nowhere),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
