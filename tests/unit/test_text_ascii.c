/* test_text_ascii.c — text_is_ascii (core/text.c): what a picker takes for pinyin initials
 * rather than a name to offer when something new is added on the spot. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "text.h"

static void test_ascii_or_not(void **state)
{
    (void)state;
    assert_true(text_is_ascii("zs"));
    assert_true(text_is_ascii("wxm 3"));
    assert_true(text_is_ascii(""));
    assert_true(text_is_ascii(NULL));
    assert_false(text_is_ascii("张三"));
    assert_false(text_is_ascii("zs张"));
    assert_false(text_is_ascii("\xc3\xa9")); /* é: a Latin letter typed with a method is still a name */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii_or_not),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
