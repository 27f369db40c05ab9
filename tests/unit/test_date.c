/* test_date.c — strict dates, clock times and report periods.
 * Impossible dates must be refused with a message, never normalised. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

static void test_date_valid_and_invalid(void **state)
{
    (void)state;
    struct fx_date d;
    struct fx_error err;
    assert_int_equal(date_parse("2024-02-29", &d, &err), 0);
    assert_int_equal(d.y * 10000 + d.m * 100 + d.d, 20240229);
    assert_int_equal(date_parse("2023-02-29", &d, &err), FX_EINPUT);
    assert_int_equal(date_parse("2024-02-30", &d, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "29"));
    assert_string_equal(err.field, "date");
    assert_int_equal(date_parse("2024-13-01", &d, &err), FX_EINPUT);
    assert_int_equal(date_parse("2024-4-01", &d, &err), FX_EINPUT);
    assert_int_equal(date_parse("2024-04-01x", &d, &err), FX_EINPUT);
    assert_int_equal(date_parse("", &d, &err), FX_EINPUT);
    assert_int_equal(date_parse(NULL, &d, &err), FX_EINPUT);
    assert_int_equal(date_parse("1900-01-01", &d, &err), 0);
    assert_int_equal(date_parse("1899-12-31", &d, &err), FX_EINPUT);
    assert_true(date_valid(2000, 2, 29));
    assert_false(date_valid(1900, 2, 29));
}

static void test_days_roundtrip(void **state)
{
    (void)state;
    struct fx_date a = {2024, 3, 1}, b;
    long n = date_to_days(&a);
    date_from_days(n - 1, &b);
    assert_int_equal(b.y * 10000 + b.m * 100 + b.d, 20240229);
    struct fx_date epoch = {1970, 1, 1};
    assert_int_equal(date_to_days(&epoch), 0);
    struct fx_date mon = {2024, 3, 4};
    assert_int_equal(date_weekday(&mon), 1);
    struct fx_date sun = {2024, 3, 10};
    assert_int_equal(date_weekday(&sun), 7);
    for (long day = -1000; day < 40000; day += 37) {
        struct fx_date x;
        date_from_days(day, &x);
        assert_true(date_valid(x.y, x.m, x.d) || x.y < 1900);
        assert_int_equal(date_to_days(&x), day);
    }
}

static void test_time(void **state)
{
    (void)state;
    int m;
    struct fx_error err;
    assert_int_equal(time_parse("09:30", &m, &err), 0);
    assert_int_equal(m, 570);
    assert_int_equal(time_parse("24:00", &m, &err), FX_EINPUT);
    assert_int_equal(time_parse("9:30", &m, &err), FX_EINPUT);
    assert_int_equal(time_parse("12:60", &m, &err), FX_EINPUT);
}

static void test_periods(void **state)
{
    (void)state;
    struct fx_period p;
    struct fx_error err;
    char buf[32];
    assert_int_equal(period_parse("2024", &p, &err), 0);
    assert_string_equal(p.from, "2024-01-01");
    assert_string_equal(p.to, "2024-12-31");
    assert_int_equal(period_parse("2024-02", &p, &err), 0);
    assert_string_equal(p.to, "2024-02-29");
    assert_true(period_contains(&p, "2024-02-29"));
    assert_false(period_contains(&p, "2024-03-01"));
    assert_int_equal(period_parse("2024-Q3", &p, &err), 0);
    assert_string_equal(p.from, "2024-07-01");
    assert_string_equal(p.to, "2024-09-30");
    assert_int_equal(period_parse("2024-H2", &p, &err), 0);
    assert_string_equal(p.from, "2024-07-01");
    assert_string_equal(p.to, "2024-12-31");
    assert_int_equal(period_parse("2024年3月", &p, &err), 0);
    period_format(&p, buf, sizeof buf);
    assert_string_equal(buf, "2024-03");
    period_label(&p, buf, sizeof buf);
    assert_string_equal(buf, "2024年3月");
    assert_int_equal(period_parse("2024-00", &p, &err), FX_EINPUT);
    assert_int_equal(period_parse("2024-Q5", &p, &err), FX_EINPUT);
    assert_int_equal(period_parse("20x4", &p, &err), FX_EINPUT);
    assert_int_equal(period_parse("2024-03-01", &p, &err), FX_EINPUT);
}

static void test_period_step(void **state)
{
    (void)state;
    struct fx_period p;
    char buf[16];
    period_make(PERIOD_MONTH, 2024, 1, &p);
    period_step(&p, -1);
    period_format(&p, buf, sizeof buf);
    assert_string_equal(buf, "2023-12");
    period_step(&p, 13);
    period_format(&p, buf, sizeof buf);
    assert_string_equal(buf, "2025-01");
    period_make(PERIOD_QUARTER, 2024, 4, &p);
    period_step(&p, 1);
    period_format(&p, buf, sizeof buf);
    assert_string_equal(buf, "2025-Q1");
}

/* The calendar every other test leans on: FENXIAO_TODAY names today, for dates and for day-named stamps. */
static void test_injected_today(void **state)
{
    (void)state;
    char *saved = getenv("FENXIAO_TODAY") ? strdup(getenv("FENXIAO_TODAY")) : NULL;
    struct fx_date d;
    struct tm tm;
    setenv("FENXIAO_TODAY", "2028-02-29", 1);
    date_today(&d);
    assert_int_equal(d.y * 10000 + d.m * 100 + d.d, 20280229);
    date_now(&tm);
    assert_int_equal(tm.tm_year, 128);
    assert_int_equal(tm.tm_mon, 1);
    assert_int_equal(tm.tm_mday, 29);
    assert_int_equal(tm.tm_wday, 2);  /* a Tuesday */
    assert_int_equal(tm.tm_yday, 59); /* 31 days of January before it, counted from 0 */
    setenv("FENXIAO_TODAY", "2027-12-31", 1);
    date_now(&tm);
    assert_int_equal(tm.tm_wday, 5);
    assert_int_equal(tm.tm_yday, 364);
    /* A day that does not exist is not trusted: the real calendar answers instead. */
    setenv("FENXIAO_TODAY", "2027-02-29", 1);
    date_today(&d);
    assert_true(date_valid(d.y, d.m, d.d));
    assert_false(d.y == 2027 && d.m == 2 && d.d == 29);
    if (saved)
        setenv("FENXIAO_TODAY", saved, 1);
    else
        unsetenv("FENXIAO_TODAY");
    free(saved);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_valid_and_invalid), cmocka_unit_test(test_days_roundtrip),
        cmocka_unit_test(test_time), cmocka_unit_test(test_periods), cmocka_unit_test(test_period_step),
        cmocka_unit_test(test_injected_today),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
