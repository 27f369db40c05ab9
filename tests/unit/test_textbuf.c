/* test_textbuf.c — unit tests for core/textbuf.c, the line editor's text without curses.
 * The cases that break naive editors: wide characters at the scroll edge, combining marks, pasted controls. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "textbuf.h"

static void test_insert_and_move_by_character(void **state)
{
    (void)state;
    struct textbuf tb;
    assert_int_equal(textbuf_init(&tb, 0), 0);
    textbuf_insert(&tb, "张三丰");
    assert_string_equal(tb.s, "张三丰");
    assert_int_equal(tb.cur, 9);
    assert_int_equal(textbuf_cursor_col(&tb), 6);
    assert_true(textbuf_left(&tb));
    assert_true(textbuf_left(&tb));
    assert_int_equal(tb.cur, 3);
    assert_int_equal(textbuf_cursor_col(&tb), 2);
    textbuf_insert(&tb, "小");
    assert_string_equal(tb.s, "张小三丰");
    assert_true(textbuf_backspace(&tb));
    assert_string_equal(tb.s, "张三丰");
    assert_true(textbuf_delete(&tb));
    assert_string_equal(tb.s, "张丰");
    textbuf_home(&tb);
    assert_false(textbuf_left(&tb));
    assert_false(textbuf_backspace(&tb));
    textbuf_end(&tb);
    assert_false(textbuf_right(&tb));
    assert_false(textbuf_delete(&tb));
    assert_true(tb.changed);
    textbuf_free(&tb);
}

static void test_combining_marks_stay_with_base(void **state)
{
    (void)state;
    struct textbuf tb;
    textbuf_init(&tb, 0);
    /* "e" + COMBINING ACUTE, then "x": two characters, three code points. */
    textbuf_set(&tb, "e\xcc\x81x");
    assert_false(tb.changed);
    assert_int_equal(textbuf_cursor_col(&tb), 2);
    textbuf_left(&tb);
    assert_int_equal(tb.cur, 3);
    textbuf_left(&tb);
    assert_int_equal(tb.cur, 0);
    textbuf_right(&tb);
    assert_int_equal(tb.cur, 3);
    assert_true(textbuf_backspace(&tb));
    assert_string_equal(tb.s, "x");
    textbuf_set(&tb, "a\xcc\x81\xcc\xa3" "b");
    textbuf_home(&tb);
    assert_true(textbuf_delete(&tb));
    assert_string_equal(tb.s, "b");
    textbuf_free(&tb);
}

static void test_controls_and_escapes_dropped(void **state)
{
    (void)state;
    struct textbuf tb;
    textbuf_init(&tb, 0);
    textbuf_insert(&tb, "王\x1b[31m小\x07明\n党员");
    assert_string_equal(tb.s, "王小明 党员");
    textbuf_set(&tb, "");
    textbuf_insert(&tb, "a\xff" "b");
    assert_string_equal(tb.s, "a\xef\xbf\xbd" "b");
    textbuf_set(&tb, "");
    textbuf_insert_cp(&tb, 0x1b);
    textbuf_insert_cp(&tb, 0x4e2d);
    textbuf_insert_cp(&tb, 0xd800);
    assert_string_equal(tb.s, "中\xef\xbf\xbd");
    textbuf_free(&tb);
}

static void test_max_counts_characters(void **state)
{
    (void)state;
    struct textbuf tb;
    textbuf_init(&tb, 3); /* characters, as core/text_limits.h counts them */
    assert_int_equal(textbuf_insert(&tb, "张三丰李"), 9);
    assert_string_equal(tb.s, "张三丰");
    assert_true(tb.full);
    assert_int_equal(tb.refused, 1);
    assert_int_equal(textbuf_insert(&tb, "a"), 0);
    assert_string_equal(tb.s, "张三丰");
    textbuf_backspace(&tb);
    assert_int_equal(textbuf_insert(&tb, "a"), 1);
    assert_false(tb.full);
    assert_string_equal(tb.s, "张三a");
    textbuf_free(&tb);
}

static void test_invisible_refused(void **state)
{
    (void)state;
    struct textbuf tb;
    textbuf_init(&tb, 0);
    /* U+200B zero width space, U+202E right-to-left override, U+FEFF: left out, not shown as U+FFFD. */
    assert_int_equal(textbuf_insert(&tb, "张\xe2\x80\x8b三\xe2\x80\xae\xef\xbb\xbf"), 6);
    assert_string_equal(tb.s, "张三");
    assert_int_equal(tb.refused, 3);
    assert_int_equal(textbuf_insert_cp(&tb, 0x200d), 0);
    assert_string_equal(tb.s, "张三");
    assert_int_equal(tb.refused, 4);
    textbuf_free(&tb);
}

static void test_scroll_never_splits_wide(void **state)
{
    (void)state;
    struct textbuf tb;
    size_t off, n;
    int x;
    textbuf_init(&tb, 0);
    textbuf_set(&tb, "一二三四五六"); /* 12 columns */
    textbuf_scroll(&tb, 5);
    /* Cursor at column 12; the field shows 4 columns of text and the cursor cell. */
    assert_int_equal(tb.scroll, 8);
    textbuf_visible(&tb, 5, &off, &n, &x);
    assert_int_equal(off, 12);
    assert_int_equal(n, 6);
    assert_int_equal(x, 4);
    /* An odd width: a wide character that would be cut at the right edge is left out. */
    textbuf_home(&tb);
    textbuf_scroll(&tb, 5);
    assert_int_equal(tb.scroll, 0);
    textbuf_visible(&tb, 5, &off, &n, &x);
    assert_int_equal(off, 0);
    assert_int_equal(n, 6); /* 一二, not half of 三 */
    assert_int_equal(x, 0);
    /* Mixed widths: scroll lands on a character start. */
    textbuf_set(&tb, "a一b二c三");
    textbuf_scroll(&tb, 4);
    textbuf_visible(&tb, 4, &off, &n, &x);
    assert_true(x >= 0 && x < 4);
    assert_true(((unsigned char)tb.s[off] & 0xc0) != 0x80);
    textbuf_free(&tb);
}

static void test_scroll_follows_cursor_back(void **state)
{
    (void)state;
    struct textbuf tb;
    textbuf_init(&tb, 0);
    textbuf_set(&tb, "abcdefghij");
    textbuf_scroll(&tb, 4);
    assert_int_equal(tb.scroll, 7);
    for (int i = 0; i < 9; i++)
        textbuf_left(&tb);
    textbuf_scroll(&tb, 4);
    assert_int_equal(tb.scroll, 1);
    /* Deleting text pulls the view back so the field is not left half empty. */
    textbuf_end(&tb);
    textbuf_scroll(&tb, 4);
    textbuf_kill_left(&tb);
    textbuf_scroll(&tb, 4);
    assert_int_equal(tb.scroll, 0);
    assert_string_equal(tb.s, "");
    textbuf_free(&tb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_insert_and_move_by_character),
        cmocka_unit_test(test_combining_marks_stay_with_base),
        cmocka_unit_test(test_controls_and_escapes_dropped),
        cmocka_unit_test(test_max_counts_characters),
        cmocka_unit_test(test_invisible_refused),
        cmocka_unit_test(test_scroll_never_splits_wide),
        cmocka_unit_test(test_scroll_follows_cursor_back),
    };
    return cmocka_run_group_tests_name("textbuf", tests, NULL, NULL);
}
