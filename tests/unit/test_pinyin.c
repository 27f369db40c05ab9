/* test_pinyin.c — unit tests for core/pinyin.c and its generated table.
 * Surnames with two readings are the cases users notice, so each has a positive and a negative test. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "pinyin.h"
#include "store.h"

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

/* Does the character (a one-character literal) have this toneless reading? */
static bool has_reading(const char *han, const char *syl)
{
    uint16_t r[PINYIN_MAX_READINGS];
    size_t n = pinyin_readings(cp_of(han), r, PINYIN_MAX_READINGS);
    for (size_t i = 0; i < n; i++)
        if (strcmp(pinyin_syllable(r[i]), syl) == 0)
            return true;
    return false;
}

static void test_readings(void **state)
{
    uint16_t r[PINYIN_MAX_READINGS];
    (void)state;
    assert_int_equal(pinyin_readings(cp_of("张"), r, PINYIN_MAX_READINGS), 1);
    assert_string_equal(pinyin_syllable(r[0]), "zhang");
    /* The first reading is kMandarin's; the surname readings follow. */
    assert_int_equal(pinyin_readings(cp_of("曾"), r, PINYIN_MAX_READINGS), 2);
    assert_string_equal(pinyin_syllable(r[0]), "ceng");
    assert_string_equal(pinyin_syllable(r[1]), "zeng");
    assert_int_equal(pinyin_readings(cp_of("单"), r, 1), 1);
    assert_string_equal(pinyin_syllable(r[0]), "dan");
    assert_true(has_reading("单", "shan"));
    assert_true(has_reading("区", "ou"));
    assert_true(has_reading("吕", "lv"));
    assert_true(has_reading("〇", "ling"));
    assert_true(has_reading("𠀀", "he") || has_reading("𠀀", "hou")); /* Ext B */
    assert_true(has_reading("㐀", "qiu"));                            /* Ext A */
    assert_int_equal(pinyin_readings(0xFA18, r, 1), 1);               /* compatibility 礼 */
    assert_string_equal(pinyin_syllable(r[0]), "li");
    assert_int_equal(pinyin_readings('a', r, PINYIN_MAX_READINGS), 0);
    assert_int_equal(pinyin_readings(0x3001, r, PINYIN_MAX_READINGS), 0);
    assert_int_equal(pinyin_readings(0x10FFFF, r, PINYIN_MAX_READINGS), 0);
    assert_null(pinyin_syllable(100000));
}

/* Every reading's initial is in the initials mask, and the first reading's
 * initial is pinyin_first_initial: the two generated tables agree. */
static void test_readings_agree_with_initials(void **state)
{
    static const uint32_t ranges[][2] = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF},   {0x20000, 0x2A6DF},
                                         {0xF900, 0xFAFF}, {0x2A700, 0x2EBEF}, {0x3007, 0x3007}};
    (void)state;
    for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++)
        for (uint32_t cp = ranges[k][0]; cp <= ranges[k][1]; cp++) {
            uint16_t r[PINYIN_MAX_READINGS];
            size_t n = pinyin_readings(cp, r, PINYIN_MAX_READINGS);
            uint32_t mask = 0;
            for (size_t i = 0; i < n; i++)
                mask |= bit(pinyin_syllable(r[i])[0]);
            if (mask != pinyin_initials_mask(cp))
                fail_msg("U+%04X: readings give %#x, initials %#x", (unsigned)cp, (unsigned)mask,
                         (unsigned)pinyin_initials_mask(cp));
            if (n && pinyin_syllable(r[0])[0] != pinyin_first_initial(cp))
                fail_msg("U+%04X: first reading %s, first initial %c", (unsigned)cp, pinyin_syllable(r[0]),
                         pinyin_first_initial(cp));
        }
}

static void test_match_full_pinyin(void **state)
{
    (void)state;
    assert_true(pinyin_match("张三", "zhang"));
    assert_true(pinyin_match("章华", "zhang"));
    assert_false(pinyin_match("李四", "zhang"));
    assert_true(pinyin_match("张三", "zhangs"));
    assert_true(pinyin_match("张三", "zhangsan"));
    assert_true(pinyin_match("张三", "ZhangSan"));
    assert_true(pinyin_match("张三", "zhangsa"));
    assert_false(pinyin_match("章华", "zhangs"));
    assert_false(pinyin_match("张三", "zhangsan1"));
    assert_false(pinyin_match("张三", "zhangsang"));
    assert_true(pinyin_match("王小明", "wangxiaom"));
    assert_true(pinyin_match("王小明", "wangxiaoming"));
    assert_true(pinyin_match("王小明", "xiaoming"));
    assert_true(pinyin_match("王小明", "wxming"));
    assert_true(pinyin_match("王小明", "wangxm"));
    assert_false(pinyin_match("王小明", "wangming"));    /* not consecutive */
    assert_false(pinyin_match("王小明", "wangxiaomx"));  /* past the name */
    assert_false(pinyin_match("王小明", "wanxiaoming")); /* a middle piece must be whole */
    /* zh ch sh count as initials. */
    assert_true(pinyin_match("张三", "zhs"));
    assert_true(pinyin_match("常山", "chsh"));
    /* Every reading: the surname ones too. */
    assert_true(pinyin_match("曾晓燕", "zengxiaoyan"));
    assert_true(pinyin_match("曾晓燕", "cengxy"));
    assert_true(pinyin_match("单志强", "shanzhiqiang"));
    assert_true(pinyin_match("单志强", "danzq"));
    assert_true(pinyin_match("欧阳建国", "ouyangjg"));
    assert_true(pinyin_match("区志强", "ouzhiq"));
    assert_true(pinyin_match("尉迟恭", "yuchigong"));
    assert_false(pinyin_match("尉迟恭", "weichigongs"));
    /* ü as v or u. */
    assert_true(pinyin_match("吕布", "lvbu"));
    assert_true(pinyin_match("吕布", "lubu"));
    /* Separators are skipped, ASCII letters give only themselves. */
    assert_true(pinyin_match("王 小明", "wangxiaoming"));
    assert_true(pinyin_match("阿依·古丽", "ayiguli"));
    assert_false(pinyin_match("王1小明", "wangxiao"));
    assert_true(pinyin_match("Li明", "liming"));
    assert_false(pinyin_match("Li明", "limingx"));
    /* Overlapping starts. */
    assert_true(pinyin_match("张张三", "zhangsan"));
    assert_true(pinyin_match("小张张三", "zhangzhangsan"));
}

static void test_match_phone(void **state)
{
    (void)state;
    assert_true(pinyin_match_phone("138-1234-5678", "1381234"));
    assert_true(pinyin_match_phone("138 1234 5678", "1381234"));
    assert_true(pinyin_match_phone("13812345678", "1381234"));
    assert_true(pinyin_match_phone("138-1234-5678", "5678"));
    assert_true(pinyin_match_phone("138-1234-5678", "138-1234"));
    assert_true(pinyin_match_phone("(0571) 8888–1234", "05718888"));
    assert_true(pinyin_match_phone("１３８１２３４５６７８", "1381234")); /* fullwidth */
    assert_true(pinyin_match_phone("+86 138-1234-5678", "1381234"));
    assert_true(pinyin_match_phone("113812", "3812")); /* a false start is retried */
    assert_false(pinyin_match_phone("138-1234-5678", "1382234"));
    assert_false(pinyin_match_phone("138-1234-5678", "138"));   /* fewer than 4 digits */
    assert_false(pinyin_match_phone("138-1234-5678", "zs12"));  /* not only digits */
    assert_false(pinyin_match_phone("138-1234/5678", "12345")); /* / ends a number */
    assert_false(pinyin_match_phone("-1381234", "-"));
    assert_false(pinyin_match_phone(NULL, "1381234"));
    assert_false(pinyin_match_phone("1381234", NULL));
    assert_false(pinyin_match_phone("1381234", ""));
    assert_false(pinyin_match_phone("1", "123456789012345678901234567890123")); /* 33 digits */
    /* The name search keeps finding digits as a substring. */
    assert_true(pinyin_match("张三 13812345678", "1381234"));
}

static void expect_key(const char *name, const char *key)
{
    char out[128];
    size_t n = pinyin_sort_key(name, out, sizeof out);
    if (strcmp(out, key) != 0)
        fail_msg("key of %s: \"%s\", expected \"%s\"", name, out, key);
    assert_int_equal(n, strlen(key));
}

static void test_sort_key(void **state)
{
    char out[8];
    (void)state;
    expect_key("张三", "zhang san ");
    expect_key("单志强", "shan zhi qiang ");
    expect_key("曾晓燕", "zeng xiao yan ");
    expect_key("欧阳建国", "ou yang jian guo ");
    expect_key("区志强", "ou zhi qiang ");
    expect_key("解放", "xie fang ");
    expect_key("仇英", "qiu ying ");
    expect_key("朴正", "piao zheng ");
    expect_key("查良镛", "zha liang yong ");
    expect_key("盖聂", "ge nie ");
    expect_key("乐毅", "yue yi ");
    expect_key("缪斯", "miao si ");
    expect_key("覃明", "qin ming ");
    expect_key("尉迟恭", "yu chi gong ");
    expect_key("尉缭", "wei liao ");
    expect_key("司马光", "si ma guang ");
    expect_key("诸葛亮", "zhu ge liang ");
    expect_key("上官婉儿", "shang guan wan er ");
    expect_key("令狐冲", "ling hu chong ");
    /* Only the first character is a surname: 单 elsewhere is dan. */
    expect_key("王单", "wang dan ");
    expect_key("王曾", "wang ceng ");
    /* Separators skipped, ASCII lowercased, digits kept, others ~. */
    expect_key(" 阿依·古丽", "a yi gu li ");
    expect_key("Li明3", "liming 3");
    expect_key("张（大）", "zhang ~da ~");
    expect_key("", "");
    expect_key(NULL, "");
    /* Cut like snprintf: the full length returned. */
    assert_int_equal(pinyin_sort_key("张三", out, sizeof out), 10);
    assert_string_equal(out, "zhang s");
    out[0] = 'x';
    assert_int_equal(pinyin_sort_key("张三", out, 0), 10);
    assert_int_equal(out[0], 'x');
}

/* Every surname reading of the table is one the character has. */
static void test_surname_readings_exist(void **state)
{
    static const char *const pairs[][2] = {
        {"单", "shan"}, {"曾", "zeng"}, {"区", "ou"},    {"解", "xie"}, {"仇", "qiu"},   {"朴", "piao"}, {"查", "zha"},
        {"盖", "ge"},   {"乐", "yue"},  {"缪", "miao"},  {"覃", "qin"}, {"尉", "yu"},    {"尉", "wei"},  {"秘", "bi"},
        {"万", "mo"},   {"俟", "qi"},   {"长", "zhang"}, {"澹", "tan"}, {"种", "chong"}, {"翟", "zhai"}, {"繁", "po"},
        {"句", "gou"},  {"员", "yun"},  {"召", "shao"},  {"折", "she"}, {"能", "nai"},   {"祭", "zhai"}, {"洗", "xian"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (!has_reading(pairs[i][0], pairs[i][1]))
            fail_msg("%s has no reading %s", pairs[i][0], pairs[i][1]);
}

static int by_collate(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    return pinyin_collate(x, strlen(x), y, strlen(y));
}

static void test_collate(void **state)
{
    const char *names[] = {"曾晓燕", "王小明", "单志强", "欧阳建国", "张三", "章华", "张三", "李四", "Li明", "区志强"};
    /* li si < liming: syllable by syllable; zhang hua < zhang san. */
    const char *want[] = {"李四", "Li明", "欧阳建国", "区志强", "单志强", "王小明", "曾晓燕", "章华", "张三", "张三"};
    (void)state;
    qsort(names, sizeof names / sizeof names[0], sizeof names[0], by_collate);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_string_equal(names[i], want[i]);
    /* Equal keys: by the bytes, so the order is total. */
    assert_int_equal(pinyin_collate("张三", 6, "章三", 6), -1); /* U+5F20 < U+7AE0 */
    assert_int_equal(pinyin_collate("章三", 6, "张三", 6), 1);
    assert_int_equal(pinyin_collate("张三", 6, "张三", 6), 0);
    assert_int_equal(pinyin_collate("", 0, "", 0), 0);
    assert_int_equal(pinyin_collate(NULL, 0, "a", 1), -1);
    /* Lengths, not terminators: a prefix of a longer name. */
    assert_int_equal(pinyin_collate("张三丰", 6, "张三", 6), 0);
    /* Over-long names: the first 255 key bytes, then the bytes. */
    char a[400], b[400];
    memset(a, 'x', sizeof a);
    memcpy(b, a, sizeof b);
    b[399] = 'a';
    assert_int_equal(pinyin_collate(a, sizeof a, b, sizeof b), 1);
    assert_int_equal(pinyin_collate(b, sizeof b, a, sizeof a), -1);
}

static void test_collation_in_sql(void **state)
{
    struct fx_error err = {0};
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    const char *want[] = {"欧阳建国", "单志强", "王小明", "曾晓燕"};
    size_t n = 0;
    (void)state;
    assert_int_equal(store_connect(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &db, &err), 0);
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE TABLE t(name TEXT);"
                                  "INSERT INTO t VALUES ('曾晓燕'), ('王小明'), ('欧阳建国'), ('单志强');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(store_prepare(db, "SELECT name FROM t ORDER BY name COLLATE PINYIN", &st, &err), 0);
    while (sqlite3_step(st) == SQLITE_ROW) {
        assert_true(n < 4);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), want[n]);
        n++;
    }
    assert_int_equal(n, 4);
    sqlite3_finalize(st);
    sqlite3_close(db);
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
        cmocka_unit_test(test_readings),
        cmocka_unit_test(test_readings_agree_with_initials),
        cmocka_unit_test(test_match_full_pinyin),
        cmocka_unit_test(test_match_phone),
        cmocka_unit_test(test_sort_key),
        cmocka_unit_test(test_surname_readings_exist),
        cmocka_unit_test(test_collate),
        cmocka_unit_test(test_collation_in_sql),
    };
    return cmocka_run_group_tests_name("pinyin", tests, NULL, NULL);
}
