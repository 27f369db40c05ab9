/* test_text.c — unit tests for core/text.c: UTF-8, column widths, cutting, sanitising.
 * The width table is checked against glibc's wcwidth() in C.UTF-8, the reference terminals follow. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* wcwidth() */
#endif
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "text.h"

static void test_decode_encode_roundtrip(void **state)
{
    static const uint32_t cps[] = {0x41, 0x7F, 0x80, 0x7FF, 0x800, 0x4E2D, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
    (void)state;
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        uint32_t back = 0;
        size_t n = text_encode(cps[i], buf);
        assert_int_equal(text_decode(buf, n, &back), n);
        assert_int_equal(back, cps[i]);
        assert_true(text_valid_utf8(buf, n));
    }
    {
        char buf[4];
        uint32_t cp;
        /* Surrogates and out-of-range values are not encodable: U+FFFD instead. */
        assert_int_equal(text_encode(0xD800, buf), 3);
        text_decode(buf, 3, &cp);
        assert_int_equal(cp, 0xFFFD);
        assert_int_equal(text_encode(0x110000, buf), 3);
        assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
    }
}

static void test_decode_invalid(void **state)
{
    uint32_t cp = 0;
    (void)state;
    assert_int_equal(text_decode("", 0, &cp), 0);
    /* lone continuation byte */
    assert_int_equal(text_decode("\x80"
                                 "a",
                                 2, &cp),
                     1);
    assert_int_equal(cp, 0xFFFD);
    /* overlong "/" */
    assert_int_equal(text_decode("\xC0\xAF", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    /* overlong 3-byte NUL */
    assert_int_equal(text_decode("\xE0\x80\x80", 3, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    /* surrogate U+D800 */
    assert_int_equal(text_decode("\xED\xA0\x80", 3, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    /* above U+10FFFF */
    assert_int_equal(text_decode("\xF4\x90\x80\x80", 4, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    /* truncated by len even though the bytes are there */
    assert_int_equal(text_decode("\xE4\xB8\xAD", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    /* wrong continuation */
    assert_int_equal(text_decode("\xE4\x41\xAD", 3, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(text_decode("\xE4\xB8\xAD", 3, &cp), 3);
    assert_int_equal(cp, 0x4E2D);
}

static void test_valid_utf8(void **state)
{
    (void)state;
    assert_true(text_valid_utf8("", 0));
    assert_true(text_valid_utf8("abc 中文 \xEF\xBF\xBD", strlen("abc 中文 \xEF\xBF\xBD")));
    assert_true(text_valid_utf8("\xF4\x8F\xBF\xBF", 4)); /* U+10FFFF */
    assert_false(text_valid_utf8("\xC0\x80", 2));
    assert_false(text_valid_utf8("\xC1\xBF", 2));
    assert_false(text_valid_utf8("\xE0\x9F\xBF", 3));
    assert_false(text_valid_utf8("\xF0\x8F\xBF\xBF", 4));
    assert_false(text_valid_utf8("\xED\xBF\xBF", 3)); /* U+DFFF */
    assert_false(text_valid_utf8("\xF4\x90\x80\x80", 4));
    assert_false(text_valid_utf8("\xF5\x80\x80\x80", 4));
    assert_false(text_valid_utf8("ab\xE4\xB8", 4)); /* truncated at the end */
    assert_false(text_valid_utf8("\xFF", 1));
    /* The length bounds the check: a NUL inside is fine, bytes past len are ignored. */
    assert_true(text_valid_utf8("a\0b", 3));
    assert_true(text_valid_utf8("ab\xFF", 2));
}

static void test_cp_width_basics(void **state)
{
    (void)state;
    assert_int_equal(text_cp_width('a'), 1);
    assert_int_equal(text_cp_width(0x4E2D), 2);  /* 中 */
    assert_int_equal(text_cp_width(0x3400), 2);  /* Ext A */
    assert_int_equal(text_cp_width(0x20000), 2); /* Ext B */
    assert_int_equal(text_cp_width(0xFF01), 2);  /* ！ fullwidth */
    assert_int_equal(text_cp_width(0xFF61), 1);  /* ｡ halfwidth */
    assert_int_equal(text_cp_width(0x3000), 2);  /* ideographic space */
    assert_int_equal(text_cp_width(0xAC00), 2);  /* 가 */
    assert_int_equal(text_cp_width(0x1F600), 2); /* 😀 */
    assert_int_equal(text_cp_width(0x0301), 0);  /* combining acute */
    assert_int_equal(text_cp_width(0x20DD), 0);  /* Me: enclosing circle */
    assert_int_equal(text_cp_width(0x200B), 0);
    assert_int_equal(text_cp_width(0x200D), 0);
    assert_int_equal(text_cp_width(0xFEFF), 0);
    assert_int_equal(text_cp_width(0x1160), 0); /* Hangul jungseong filler */
    assert_int_equal(text_cp_width(0x00AD), 1); /* soft hyphen, as glibc */
    assert_int_equal(text_cp_width(0x2026), 1); /* … ambiguous */
    assert_int_equal(text_cp_width(0x00B7), 1); /* · ambiguous */
    assert_int_equal(text_cp_width(0x2500), 1); /* ─ ambiguous */
    assert_int_equal(text_cp_width(0x00), 0);
    assert_int_equal(text_cp_width(0x1B), 0);
    assert_int_equal(text_cp_width(0x7F), 0);
    assert_int_equal(text_cp_width(0x9B), 0);
}

struct range {
    uint32_t first, last;
    const char *what;
};

static void test_cp_width_matches_glibc(void **state)
{
    static const struct range ranges[] = {
        {0x0020, 0x007E, "ASCII"},
        {0x00A0, 0x024F, "Latin-1 and Latin Extended"},
        {0x0300, 0x036F, "combining diacritics"},
        {0x0370, 0x03FF, "Greek"},
        {0x0400, 0x04FF, "Cyrillic"},
        {0x1100, 0x11FF, "Hangul Jamo"},
        {0x2000, 0x206F, "general punctuation"},
        {0x2500, 0x259F, "box drawing and blocks"},
        {0x2E80, 0x2FDF, "CJK radicals"},
        {0x3000, 0x303F, "CJK symbols and punctuation"},
        {0x3040, 0x30FF, "kana"},
        {0x3200, 0x33FF, "enclosed CJK, compatibility"},
        {0x3400, 0x4DBF, "CJK Ext A"},
        {0x4DC0, 0x4DFF, "hexagrams"},
        {0x4E00, 0x9FFF, "CJK ideographs"},
        {0xAC00, 0xD7A3, "Hangul syllables"},
        {0xF900, 0xFAFF, "CJK compatibility ideographs"},
        {0xFE00, 0xFE6F, "variation selectors, vertical and small forms"},
        {0xFF01, 0xFF60, "fullwidth forms"},
        {0xFF61, 0xFFEF, "halfwidth forms"},
        {0x1F300, 0x1F64F, "emoji"},
        {0x1F680, 0x1F6FF, "transport emoji"},
        {0x1F900, 0x1F9FF, "supplemental emoji"},
        {0x20000, 0x2A6DF, "CJK Ext B"},
    };
    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "C.utf8")) {
        skip(); /* no UTF-8 locale: nothing to compare with */
    }
    /* Guard against a locale whose wcwidth is not really UTF-8 aware. */
    assert_int_equal(wcwidth(0x4E2D), 2);
    long compared = 0;
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
        for (uint32_t cp = ranges[r].first; cp <= ranges[r].last; cp++) {
            int want = wcwidth((wchar_t)cp);
            if (want < 0)
                continue; /* unassigned in glibc's Unicode version */
            if (text_cp_width(cp) != want)
                fail_msg("U+%04X (%s): text_cp_width %d, wcwidth %d", (unsigned)cp, ranges[r].what, text_cp_width(cp),
                         want);
            compared++;
        }
    }
    assert_true(compared > 80000);
    setlocale(LC_ALL, "C");
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width("abc"), 3);
    assert_int_equal(text_width("中文abc"), 7);
    assert_int_equal(text_width("e\xCC\x81"), 1); /* e + U+0301 */
    assert_int_equal(text_width("全角！"), 6);
    assert_int_equal(text_width("a\xFF"
                                "b"),
                     3);                             /* invalid byte shows as U+FFFD */
    assert_int_equal(text_width("\xE2\x80\x8B"), 0); /* ZWSP */
}

static void test_fit_columns(void **state)
{
    int used = -1;
    (void)state;
    assert_int_equal(text_fit_columns("中文", 3, &used), 3);
    assert_int_equal(used, 2);
    assert_int_equal(text_fit_columns("中文", 4, &used), 6);
    assert_int_equal(used, 4);
    assert_int_equal(text_fit_columns("中文", 1, &used), 0);
    assert_int_equal(used, 0);
    assert_int_equal(text_fit_columns("abc", 0, &used), 0);
    assert_int_equal(text_fit_columns("abc", -5, &used), 0);
    assert_int_equal(used, 0);
    assert_int_equal(text_fit_columns("a中b", 2, NULL), 1);
    /* The combining acute stays with its e, whether the cut is before or after. */
    assert_int_equal(text_fit_columns("ae\xCC\x81x", 2, &used), 4);
    assert_int_equal(used, 2);
    assert_int_equal(text_fit_columns("ae\xCC\x81x", 1, &used), 1);
    assert_int_equal(used, 1);
}

static void test_fit_cut(void **state)
{
    char buf[64];
    (void)state;
    assert_int_equal(text_fit(buf, sizeof buf, "中文abc", 3), 3);
    assert_string_equal(buf, "中…");
    assert_int_equal(text_width(buf), 3);
    assert_int_equal(text_fit(buf, sizeof buf, "中文abc", 1), 1);
    assert_string_equal(buf, "…");
    /* The wide 中 does not fit in the one column left before "…". */
    assert_int_equal(text_fit(buf, sizeof buf, "中文abc", 2), 1);
    assert_string_equal(buf, "…");
    assert_int_equal(text_fit(buf, sizeof buf, "中文abc", 6), 6);
    assert_string_equal(buf, "中文a…");
    assert_int_equal(text_fit(buf, sizeof buf, "中文abc", 7), 7);
    assert_string_equal(buf, "中文abc");
    assert_int_equal(text_fit(buf, sizeof buf, "中文abc", 100), 7);
    assert_string_equal(buf, "中文abc");
    assert_int_equal(text_fit(buf, sizeof buf, "abc", 0), 0);
    assert_string_equal(buf, "");
    assert_int_equal(text_fit(buf, sizeof buf, "", 5), 0);
    assert_string_equal(buf, "");
    /* Combining mark at the cut: "e\u0301" is kept whole or dropped whole. */
    assert_int_equal(text_fit(buf, sizeof buf, "ae\xCC\x81xyz", 3), 3);
    assert_string_equal(buf, "ae\xCC\x81…");
    assert_int_equal(text_fit(buf, sizeof buf, "ae\xCC\x81xyz", 2), 2);
    assert_string_equal(buf, "a…");
}

static void test_fit_small_buffer(void **state)
{
    char buf[8];
    (void)state;
    /* 8 bytes: "中文a" (7) fits; a cut needs 3 bytes for "…", leaving 4 for text. */
    assert_int_equal(text_fit(buf, 8, "中文abc", 20), 3);
    assert_string_equal(buf, "中…");
    assert_int_equal(text_fit(buf, 8, "中文a", 20), 5);
    assert_string_equal(buf, "中文a");
    /* Too small even for "…": no half character, still terminated. */
    assert_int_equal(text_fit(buf, 3, "中文", 20), 0);
    assert_string_equal(buf, "");
    assert_int_equal(text_fit(buf, 3, "abc", 20), 2);
    assert_string_equal(buf, "ab");
    buf[0] = 'x';
    assert_int_equal(text_fit(buf, 0, "abc", 20), 0);
    assert_int_equal(buf[0], 'x'); /* dstsz 0: nothing written */
}

static void test_fit_invalid_utf8(void **state)
{
    char buf[64];
    (void)state;
    assert_int_equal(text_fit(buf, sizeof buf,
                              "a\xFF"
                              "b",
                              10),
                     3);
    assert_string_equal(buf, "a\xEF\xBF\xBD"
                             "b");
    assert_true(text_valid_utf8(buf, strlen(buf)));
    assert_int_equal(text_fit(buf, sizeof buf,
                              "\xE4\xB8"
                              "abc",
                              3),
                     3);
    assert_string_equal(buf, "\xEF\xBF\xBD\xEF\xBF\xBD…");
}

static void test_fit_pad(void **state)
{
    char buf[64];
    (void)state;
    assert_int_equal(text_fit_pad(buf, sizeof buf, "中a", 6, 'l'), 6);
    assert_string_equal(buf, "中a   ");
    assert_int_equal(text_fit_pad(buf, sizeof buf, "中a", 6, 'r'), 6);
    assert_string_equal(buf, "   中a");
    assert_int_equal(text_fit_pad(buf, sizeof buf, "中a", 6, 'c'), 6);
    assert_string_equal(buf, " 中a  ");
    /* Cut to 4: "中" + "…" is 3 columns, one space pads it out. */
    assert_int_equal(text_fit_pad(buf, sizeof buf, "中文字", 4, 'l'), 4);
    assert_string_equal(buf, "中… ");
    assert_int_equal(text_fit_pad(buf, sizeof buf, "中文字", 4, 'r'), 4);
    assert_string_equal(buf, " 中…");
    assert_int_equal(text_width(buf), 4);
    assert_int_equal(text_fit_pad(buf, sizeof buf, "", 3, 'l'), 3);
    assert_string_equal(buf, "   ");
    /* Column alignment: two rows of mixed width come out equally wide. */
    char a[64], b[64];
    text_fit_pad(a, sizeof a, "张三", 8, 'l');
    text_fit_pad(b, sizeof b, "Li Ming", 8, 'l');
    assert_int_equal(text_width(a), 8);
    assert_int_equal(text_width(b), 8);
    /* dst too small for the padding: pads as far as it goes, terminated. */
    char small[5];
    assert_int_equal(text_fit_pad(small, sizeof small, "ab", 10, 'r'), 4);
    assert_string_equal(small, "  ab");
}

static void test_sanitize(void **state)
{
    char buf[128];
    (void)state;
    assert_string_equal(text_sanitize(buf, sizeof buf, "\x1b[31mred\x1b[0m"), "red");
    assert_string_equal(text_sanitize(buf, sizeof buf,
                                      "a\x1b]0;title\x07"
                                      "b"),
                        "ab");
    assert_string_equal(text_sanitize(buf, sizeof buf, "a\x1b]8;;http://x\x1b\\link"), "alink");
    assert_string_equal(text_sanitize(buf, sizeof buf,
                                      "x\x9b"
                                      "2Jy"),
                        "xy");
    assert_string_equal(text_sanitize(buf, sizeof buf,
                                      "x\xC2\x9b"
                                      "2Jy"),
                        "xy"); /* U+009B */
    assert_string_equal(text_sanitize(buf, sizeof buf,
                                      "x\xC2\x9d"
                                      "0;t\xC2\x9cy"),
                        "xy");
    assert_string_equal(text_sanitize(buf, sizeof buf,
                                      "a\x1b"
                                      "cb"),
                        "ab");                                             /* RIS */
    assert_string_equal(text_sanitize(buf, sizeof buf, "a\x1b(Bb"), "ab"); /* charset */
    assert_string_equal(text_sanitize(buf, sizeof buf, "a\x1b[?1049hb"), "ab");
    assert_string_equal(text_sanitize(buf, sizeof buf, "a\x1b"), "a");
    assert_string_equal(text_sanitize(buf, sizeof buf, "a\x1b[12"), "a"); /* unfinished */
    assert_string_equal(text_sanitize(buf, sizeof buf, "a\x1b]0;never ends"), "a");
    assert_string_equal(text_sanitize(buf, sizeof buf, "a\tb\nc\r\nd"), "a b c d");
    assert_string_equal(text_sanitize(buf, sizeof buf,
                                      "a\x01\x02\x07\x08\x7f"
                                      "b"),
                        "ab");
    assert_string_equal(text_sanitize(buf, sizeof buf,
                                      "a\xC2\x85"
                                      "b"),
                        "ab"); /* C1 NEL */
    assert_string_equal(text_sanitize(buf, sizeof buf,
                                      "a\xFF"
                                      "b"),
                        "a\xEF\xBF\xBD"
                        "b");
    assert_string_equal(text_sanitize(buf, sizeof buf, "张三·李四"), "张三·李四");
    assert_string_equal(text_sanitize(buf, sizeof buf, "e\xCC\x81"), "e\xCC\x81");
    /* Every C0 control except the spacing ones disappears entirely. */
    char in[40], want[40];
    size_t n = 0, m = 0;
    for (int c = 1; c < 0x20; c++) {
        if (c == 0x1B)
            continue;
        in[n++] = (char)c;
        if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r')
            want[m++] = ' ';
    }
    in[n] = '\0';
    want[m] = '\0';
    assert_string_equal(text_sanitize(buf, sizeof buf, in), want);
}

static void test_sanitize_small_buffer(void **state)
{
    char buf[5];
    (void)state;
    /* "ab中" is 5 bytes: no room for the terminator, so 中 is left out whole. */
    assert_string_equal(text_sanitize(buf, sizeof buf, "ab中"), "ab");
    assert_string_equal(text_sanitize(buf, sizeof buf, "\x1b[1mabcdef"), "abcd");
    assert_string_equal(text_sanitize(buf, 1, "abc"), "");
}

static void test_trim(void **state)
{
    char s[64];
    (void)state;
    strcpy(s, "  张三\t\n");
    assert_string_equal(text_trim(s), "张三");
    strcpy(s, "\xE3\x80\x80张 三\xE3\x80\x80 ");
    assert_string_equal(text_trim(s), "张 三");
    strcpy(s, "\xE3\x80\x80\xE3\x80\x80");
    assert_string_equal(text_trim(s), "");
    strcpy(s, "");
    assert_string_equal(text_trim(s), "");
    strcpy(s, "abc");
    assert_ptr_equal(text_trim(s), s);
    assert_string_equal(s, "abc");
    /* U+3001 shares two bytes with U+3000 but is not a space. */
    strcpy(s, "\xE3\x80\x81x\xE3\x80\x81");
    assert_string_equal(text_trim(s), "\xE3\x80\x81x\xE3\x80\x81");
}

static void test_copy(void **state)
{
    char d[8];
    (void)state;
    assert_true(text_copy(d, sizeof d, "abc"));
    assert_string_equal(d, "abc");
    assert_true(text_copy(d, sizeof d, NULL));
    assert_string_equal(d, "");
    assert_true(text_copy(d, sizeof d, "1234567"));
    assert_string_equal(d, "1234567");
    assert_false(text_copy(d, sizeof d, "12345678"));
    assert_string_equal(d, "1234567");
    /* 张三李 is 9 bytes: 7 hold 张三 (6), never the first byte of 李. */
    assert_false(text_copy(d, sizeof d, "张三李"));
    assert_string_equal(d, "张三");
    assert_false(text_copy(d, 3, "张"));
    assert_string_equal(d, "");
    assert_true(text_copy(d, 4, "张"));
    assert_string_equal(d, "张");
    assert_false(text_copy(d, 0, "x"));
    assert_true(text_copy(NULL, 0, ""));
}

static void test_format(void **state)
{
    char d[8];
    (void)state;
    assert_true(text_format(d, sizeof d, "%s-%d", "ab", 12));
    assert_string_equal(d, "ab-12");
    assert_false(text_format(d, sizeof d, "%s-%d", "abcd", 1234));
    assert_string_equal(d, "abcd-12");
    /* "a张三" is 7 bytes: in 6, a and 张 fit and 三 would leave one byte of itself. */
    assert_false(text_format(d, 6, "a%s", "张三"));
    assert_string_equal(d, "a张");
    assert_true(text_format(d, sizeof d, "a%s", "张三"));
    assert_string_equal(d, "a张三");
    assert_false(text_format(d, 3, "%s", "张"));
    assert_string_equal(d, "");
}

/* Issue 21: bidi controls, zero-width and other invisible format characters are shown as U+FFFD, so that
 * 坏\u200b人 is seen to differ from 坏人 and no text is reordered on the screen. */
static void test_sanitize_invisible(void **state)
{
    char buf[128];
    (void)state;
    static const char *const hidden[] = {
        "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", /* embeddings, overrides */
        "\u2066", "\u2067", "\u2068", "\u2069",           /* isolates */
        "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", /* zero-width, marks */
        "\u2060", "\u2064", "\ufeff", "\u061c", "\u00ad", "\U000E0041",
    };
    for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++) {
        char in[32];
        snprintf(in, sizeof in, "坏%s人", hidden[i]);
        assert_string_equal(text_sanitize(buf, sizeof buf, in), "坏\xEF\xBF\xBD人");
        assert_true(text_cp_invisible(0) == false);
    }
    /* U+2028/2029 break lines like \n: one line for a terminal. */
    assert_string_equal(text_sanitize(buf, sizeof buf, "a\u2028b\u2029c"), "a b c");
    /* Ordinary Chinese punctuation and a variation selector are text. */
    assert_string_equal(text_sanitize(buf, sizeof buf, "《条例》·专题\ufe0f"), "《条例》·专题\ufe0f");
}

static void test_clean_keep_lines(void **state)
{
    char buf[128];
    (void)state;
    /* CSV keeps a note's line breaks; everything else is cleaned as for a terminal. */
    assert_string_equal(text_clean(buf, sizeof buf, "一\n二\r\n三\r四\t五", TEXT_KEEP_LINES), "一\n二\n三\n四\t五");
    assert_string_equal(text_clean(buf, sizeof buf, "T\x1b]52;c;aGk=\x07X\u202e", TEXT_KEEP_LINES), "TX\xEF\xBF\xBD");
    assert_string_equal(text_clean(buf, sizeof buf, "a\nb", 0), "a b");
}

static void test_check(void **state)
{
    (void)state;
    assert_int_equal(text_check("学习贯彻《条例》专题培训", 100, 0), TEXT_FINE);
    assert_int_equal(text_check("", 100, 0), TEXT_FINE);
    assert_int_equal(text_check("T\x1b]52;c;aGk=\x07", 100, 0), TEXT_CONTROL);
    assert_int_equal(text_check("a\x7f", 100, 0), TEXT_CONTROL);
    assert_int_equal(text_check("a\xc2\x85", 100, 0), TEXT_CONTROL); /* C1 NEL */
    assert_int_equal(text_check("a\nb", 100, 0), TEXT_CONTROL);
    assert_int_equal(text_check("a\nb\tc\r\n", 100, TEXT_KEEP_LINES), TEXT_FINE);
    assert_int_equal(text_check("a\x1b[31m", 100, TEXT_KEEP_LINES), TEXT_CONTROL);
    assert_int_equal(text_check("a\u2028b", 100, TEXT_KEEP_LINES), TEXT_CONTROL);
    assert_int_equal(text_check("坏\u200b人", 100, 0), TEXT_INVISIBLE);
    assert_int_equal(text_check("\u202eabc", 100, 0), TEXT_INVISIBLE);
    assert_int_equal(text_check("\u2066x\u2069", 100, 0), TEXT_INVISIBLE);
    assert_int_equal(text_check("a\xff", 100, 0), TEXT_BROKEN);
    assert_int_equal(text_check("\xe5\xad", 100, 0), TEXT_BROKEN); /* half a character, as snprintf leaves it */
    /* Limits are characters, not bytes: 100 Chinese characters (300 bytes) fit a limit of 100, 101 do not. */
    char t[512] = "";
    for (int i = 0; i < 100; i++)
        strcat(t, "字");
    assert_int_equal(text_count_chars(t), 100);
    assert_int_equal(text_check(t, 100, 0), TEXT_FINE);
    strcat(t, "字");
    assert_int_equal(text_check(t, 100, 0), TEXT_TOO_LONG);
    assert_int_equal(text_check(t, 0, 0), TEXT_FINE);
    assert_int_equal(text_count_chars(NULL), 0);
}

static void test_parse_number(void **state)
{
    double x = -1;
    long long n = -1;
    (void)state;
    assert_true(text_parse_number("2", false, &x) && x == 2);
    assert_true(text_parse_number("1.5", false, &x) && x == 1.5);
    assert_true(text_parse_number("0.5", false, &x) && x == 0.5);
    assert_true(text_parse_number(".5", false, &x) && x == 0.5);
    assert_true(text_parse_number("-3", true, &x) && x == -3);
    static const char *const bad[] = {"",      " 5",  "5 ",  "3abc", "1e9",  "1E9",      "0x10",
                                      "+5",    "nan", "NaN", "inf",  "-inf", "infinity", "1..2",
                                      "1.2.3", ".",   "-",   "--1",  "１",   "5\n",      "1,5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        x = 42;
        assert_false(text_parse_number(bad[i], true, &x));
        assert_true(x == 42); /* untouched */
    }
    assert_false(text_parse_number("-0", false, &x));
    assert_false(text_parse_number("-1", false, &x));
    assert_false(text_parse_number(NULL, false, &x));
    char huge[400];
    memset(huge, '9', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    assert_false(text_parse_number(huge, false, &x)); /* would overflow to inf */
    assert_true(text_parse_int("20", false, &n) && n == 20);
    assert_true(text_parse_int("-20", true, &n) && n == -20);
    assert_false(text_parse_int("2.0", false, &n));
    assert_false(text_parse_int("0x20", false, &n));
    assert_false(text_parse_int("99999999999999999999", false, &n));
    assert_false(text_parse_int("-0", false, &n));
}

static void test_next_word_splits_on_both_commas(void **state)
{
    (void)state;
    const char *p = " 讲课费, 资料费，场地费、 ,交通费 ";
    char w[16];
    const char *want[] = {"讲课费", "资料费", "场地费", "交通费"};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(text_next_word(&p, w, sizeof w), 1);
        assert_string_equal(w, want[i]);
    }
    assert_int_equal(text_next_word(&p, w, sizeof w), 0);
    p = "一二三四五六七八,九";
    assert_int_equal(text_next_word(&p, w, 10), -1); /* 24 bytes do not fit 10 */
    assert_int_equal(text_next_word(&p, w, 10), 1);
    assert_string_equal(w, "九");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_encode_roundtrip),
        cmocka_unit_test(test_decode_invalid),
        cmocka_unit_test(test_valid_utf8),
        cmocka_unit_test(test_cp_width_basics),
        cmocka_unit_test(test_cp_width_matches_glibc),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_fit_columns),
        cmocka_unit_test(test_fit_cut),
        cmocka_unit_test(test_fit_small_buffer),
        cmocka_unit_test(test_fit_invalid_utf8),
        cmocka_unit_test(test_fit_pad),
        cmocka_unit_test(test_sanitize),
        cmocka_unit_test(test_sanitize_small_buffer),
        cmocka_unit_test(test_sanitize_invisible),
        cmocka_unit_test(test_clean_keep_lines),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_parse_number),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_copy),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_next_word_splits_on_both_commas),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
