/* test_figures.c — the figures core hands the screens and the command line ready to show:
 * hours as the ledger writes them. Expected values are written out by hand, never computed here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ledger.h"

static void test_hours_without_trailing_zeros(void **state)
{
    (void)state;
    char h[32];
    ledger_format_hours(h, sizeof h, 2);
    assert_string_equal(h, "2");
    ledger_format_hours(h, sizeof h, 1.5);
    assert_string_equal(h, "1.5");
    ledger_format_hours(h, sizeof h, 0.25);
    assert_string_equal(h, "0.25");
    ledger_format_hours(h, sizeof h, 0);
    assert_string_equal(h, "0");
    ledger_format_hours(h, sizeof h, 24);
    assert_string_equal(h, "24");
    ledger_format_hours(h, sizeof h, 3.0);
    assert_string_equal(h, "3");
}

static void test_hours_cut_to_the_buffer(void **state)
{
    (void)state;
    char h[3];
    memset(h, 'x', sizeof h);
    ledger_format_hours(h, sizeof h, 12.75);
    assert_string_equal(h, "12");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hours_without_trailing_zeros),
        cmocka_unit_test(test_hours_cut_to_the_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
