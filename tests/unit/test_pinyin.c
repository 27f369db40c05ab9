/* test_pinyin.c — unit tests for core/pinyin.c and its generated table.
 * Surnames with two readings are the cases users notice, so each has a positive and a negative test. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "pinyin.h"

static uint32_t bit(char letter)
{
    return (uint32_t)1 << (letter - 'a');
}

/* Decode the single character of a UTF-8 literal without depending on text.c. */
static uint32_t cp_of(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80)
        return u[0];
    if (u[0] < 0xE0)
        return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    if (u[0] < 0xF0)
        return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
}

static void test_mask_basics(void **state)
{
    (void)state;
    assert_int_equal(pinyin_initials_mask(cp_of("张")), bit('z'));
    assert_int_equal(pinyin_initials_mask(cp_of("三")), bit('s'));
    /* 王 also has the archaic yù of 汉语大字典 (kHanyuPinyin): all readings count. */
    assert_int_equal(pinyin_initials_mask(cp_of("王")), bit('w') | bit('y'));
    assert_int_equal(pinyin_initials_mask(cp_of("李")), bit('l'));
    assert_int_equal(pinyin_initials_mask(cp_of("安")), bit('a')); /* vowel initial */
    assert_int_equal(pinyin_initials_mask(cp_of("〇")), bit('l'));
    assert_int_equal(pinyin_initials_mask(cp_of("張")), bit('z')); /* traditional */
    assert_int_equal(pinyin_initials_mask(cp_of("㐀")), bit('q')); /* U+3400, Ext A */
    assert_int_equal(pinyin_initials_mask(cp_of("𠀀")), bit('h')); /* U+20000, Ext B */
    assert_int_equal(pinyin_initials_mask(0xFA18), bit('l'));      /* compatibility 礼 */
    assert_int_equal(pinyin_initials_mask(0x2A7DD), bit('j'));     /* Ext C */
    assert_int_equal(pinyin_initials_mask(0x3001), 0);             /* 、 near the Han range */
    assert_int_equal(pinyin_initials_mask('a'), bit('a'));
    assert_int_equal(pinyin_initials_mask('Q'), bit('q'));
    assert_int_equal(pinyin_initials_mask('7'), 0);
    assert_int_equal(pinyin_initials_mask(' '), 0);
    assert_int_equal(pinyin_initials_mask(cp_of("·")), 0);
    assert_int_equal(pinyin_initials_mask(cp_of("，")), 0);
    assert_int_equal(pinyin_initials_mask(cp_of("あ")), 0);
    assert_int_equal(pinyin_initials_mask(0x10FFFF), 0);
}

struct surname {
    const char *han;
    const char *initials; /* every initial that must be in the mask */
    char first;           /* initial of the first kMandarin reading */
};

static void test_mask_polyphonic_surnames(void **state)
{
    static const struct surname names[] = {
        {"曾", "zc", 'c'}, {"单", "sdc", 'd'}, {"区", "qo", 'q'}, {"解", "jx", 'j'}, {"仇", "cq", 'c'},
        {"朴", "p", 'p'},  {"查", "cz", 'c'},  {"秘", "mb", 'm'}, {"尉", "wy", 'w'}, {"乐", "ly", 'l'},
    };
    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        uint32_t m = pinyin_initials_mask(cp_of(names[i].han));
        for (const char *p = names[i].initials; *p; p++)
            if (!(m & bit(*p)))
                fail_msg("%s lacks initial %c (mask %#x)", names[i].han, *p, (unsigned)m);
        assert_int_equal(pinyin_first_initial(cp_of(names[i].han)), names[i].first);
    }
    /* Merging must not invent readings: 曾 is only zēng and céng. */
    assert_int_equal(pinyin_initials_mask(cp_of("曾")), bit('z') | bit('c'));
}

static void test_first_initial(void **state)
{
    (void)state;
    assert_int_equal(pinyin_first_initial(cp_of("王")), 'w');
    assert_int_equal(pinyin_first_initial('M'), 'm');
    assert_int_equal(pinyin_first_initial('m'), 'm');
    assert_int_equal(pinyin_first_initial('5'), 0);
    assert_int_equal(pinyin_first_initial(cp_of("、")), 0);
    assert_int_equal(pinyin_first_initial(cp_of("〇")), 'l');
}

static void test_match_initials(void **state)
{
    (void)state;
    assert_true(pinyin_match("张三", "zs"));
    assert_false(pinyin_match("李四", "zs"));
    assert_true(pinyin_match("王小明", "wxm"));
    assert_true(pinyin_match("王小明", "xm"));
    assert_true(pinyin_match("王小明", "w"));
    assert_true(pinyin_match("王小明", "m"));
    assert_false(pinyin_match("王小明", "wm"));   /* not consecutive */
    assert_false(pinyin_match("王小明", "mxw"));  /* order matters */
    assert_false(pinyin_match("王小明", "wxmz")); /* longer than the name */
    assert_false(pinyin_match("王小明", "wxn"));
    assert_false(pinyin_match("王小明", "ZS"));
    assert_true(pinyin_match("张三", "ZS"));
    assert_true(pinyin_match("张三", "Zs"));
    assert_true(pinyin_match("王小明", "WXM"));
}

static void test_match_polyphonic(void **state)
{
    (void)state;
    assert_true(pinyin_match("曾国藩", "cg"));
    assert_true(pinyin_match("曾国藩", "zg"));
    assert_true(pinyin_match("曾国藩", "zgf"));
    assert_false(pinyin_match("曾国藩", "sg"));
    assert_true(pinyin_match("单雄信", "sxx"));
    assert_true(pinyin_match("单雄信", "dxx"));
    assert_true(pinyin_match("单雄信", "cxx"));
    assert_false(pinyin_match("单雄信", "zxx"));
    assert_true(pinyin_match("区先生", "qxs"));
    assert_true(pinyin_match("区先生", "oxs"));
    assert_false(pinyin_match("区先生", "axs"));
    assert_true(pinyin_match("解缙", "jj"));
    assert_true(pinyin_match("解缙", "xj"));
    assert_false(pinyin_match("解缙", "qj"));
    assert_true(pinyin_match("仇英", "cy"));
    assert_true(pinyin_match("仇英", "qy"));
    assert_false(pinyin_match("仇英", "zy"));
    assert_true(pinyin_match("朴正", "pz"));
    assert_false(pinyin_match("朴正", "bz"));
    assert_true(pinyin_match("查良镛", "cly"));
    assert_true(pinyin_match("查良镛", "zly"));
    assert_false(pinyin_match("查良镛", "sly"));
    assert_true(pinyin_match("秘书", "ms"));
    assert_true(pinyin_match("秘书", "bs"));
    assert_false(pinyin_match("秘书", "ps"));
    assert_true(pinyin_match("尉迟恭", "wcg"));
    assert_true(pinyin_match("尉迟恭", "ycg"));
    assert_false(pinyin_match("尉迟恭", "ucg"));
}

static void test_match_substring(void **state)
{
    (void)state;
    assert_true(pinyin_match("王小明", ""));
    assert_true(pinyin_match("", ""));
    assert_true(pinyin_match("王小明", NULL));
    assert_false(pinyin_match(NULL, "w"));
    assert_false(pinyin_match("", "w"));
    assert_true(pinyin_match("王小明", "小明"));
    assert_true(pinyin_match("王小明", "王小明"));
    assert_false(pinyin_match("王小明", "小王"));
    assert_true(pinyin_match("第3组 王小明", "3组"));
    assert_true(pinyin_match("Wang Xiaoming", "xiaoMING"));
    assert_true(pinyin_match("13800138000", "0013"));
    assert_false(pinyin_match("13800138000", "0014"));
    /* A query with a non-letter only matches as a substring. */
    assert_false(pinyin_match("王小明", "w-x"));
    assert_false(pinyin_match("王小明", "w x"));
}

static void test_match_separators(void **state)
{
    (void)state;
    assert_true(pinyin_match("王 小明", "wxm"));
    assert_true(pinyin_match("王\xE3\x80\x80小明", "wxm")); /* U+3000 */
    assert_true(pinyin_match("阿依·古丽", "ayg"));
    assert_true(pinyin_match("阿依・古丽", "aygl"));
    assert_true(pinyin_match("王\xE2\x80\x8B小明", "wxm")); /* ZWSP */
    /* Digits, other punctuation and invalid bytes end a run. */
    assert_false(pinyin_match("王1小明", "wxm"));
    assert_false(pinyin_match("王，小明", "wxm"));
    assert_false(pinyin_match("王\xFF小明", "wxm"));
    assert_true(pinyin_match("王1小明", "xm"));
    /* A run cannot start on a separator and jump back over it either. */
    assert_false(pinyin_match("小 王", "wx"));
}

static void test_match_mixed_ascii(void **state)
{
    (void)state;
    /* ASCII letters stand for themselves, one letter each. */
    assert_true(pinyin_match("Li明", "lim"));
    assert_true(pinyin_match("Li明", "LIM"));
    assert_true(pinyin_match("Li明", "im"));
    assert_true(pinyin_match("Li明", "li")); /* plain substring */
    assert_false(pinyin_match("Li明", "lm"));
    assert_false(pinyin_match("Li明", "lin"));
    assert_true(pinyin_match("张A", "za"));
}

static void test_match_overlapping_starts(void **state)
{
    (void)state;
    /* The first z-run fails at 张 (s expected); a later start must still be found. */
    assert_true(pinyin_match("曾张三", "zs"));
    assert_true(pinyin_match("张张张三", "zzs"));
    assert_false(pinyin_match("张张张三", "zzzzs"));
}

static void test_match_long_query(void **state)
{
    char q[80], text[80 * 3 + 1];
    (void)state;
    /* 64 letters is the most the initials match handles. */
    memset(q, 'z', 64);
    q[64] = '\0';
    text[0] = '\0';
    for (int i = 0; i < 65; i++)
        strcat(text, "张");
    assert_true(pinyin_match(text, q));
    q[64] = 'z';
    q[65] = '\0';
    assert_false(pinyin_match(text, q));
    /* ...though a long query still matches as a substring. */
    memset(text, 'z', 70);
    text[70] = '\0';
    assert_true(pinyin_match(text, q));
}

static void test_initials(void **state)
{
    char out[16];
    (void)state;
    assert_int_equal(pinyin_initials("王小明", out, sizeof out), 3);
    assert_string_equal(out, "wxm");
    assert_int_equal(pinyin_initials("曾国藩", out, sizeof out), 3);
    assert_string_equal(out, "cgf");
    assert_int_equal(pinyin_initials("Li明 3号", out, sizeof out), 4);
    assert_string_equal(out, "limh");
    assert_int_equal(pinyin_initials("阿依·古丽", out, sizeof out), 4);
    assert_string_equal(out, "aygl");
    assert_int_equal(pinyin_initials("", out, sizeof out), 0);
    assert_string_equal(out, "");
    /* Cut at outsz - 1, always terminated. */
    assert_int_equal(pinyin_initials("王小明", out, 3), 2);
    assert_string_equal(out, "wx");
    out[0] = 'x';
    assert_int_equal(pinyin_initials("王小明", out, 0), 0);
    assert_int_equal(out[0], 'x');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mask_basics),
        cmocka_unit_test(test_mask_polyphonic_surnames),
        cmocka_unit_test(test_first_initial),
        cmocka_unit_test(test_match_initials),
        cmocka_unit_test(test_match_polyphonic),
        cmocka_unit_test(test_match_substring),
        cmocka_unit_test(test_match_separators),
        cmocka_unit_test(test_match_mixed_ascii),
        cmocka_unit_test(test_match_overlapping_starts),
        cmocka_unit_test(test_match_long_query),
        cmocka_unit_test(test_initials),
    };
    return cmocka_run_group_tests_name("pinyin", tests, NULL, NULL);
}
