/* pinyin.c — matching a typed query against Chinese names by pinyin initials or full pinyin, phone numbers
 * by digits, and the sort key of a name by pinyin with surname readings.
 * Runs as an SQLite function and collation over every row of a list, so it never allocates. */
#include "pinyin.h"

#include <string.h>

#include "text.h"

#define MAX_INITIALS_QUERY 64 /* one bit per query letter in a uint64_t */

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* strstr with ASCII case folding; bytes >= 0x80 compare exactly, and a valid
 * UTF-8 needle can only match on character boundaries. */
static bool contains_folded(const char *hay, const char *needle)
{
    size_t n = strlen(needle);

    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && ascii_lower(hay[i]) == ascii_lower(needle[i]))
            i++;
        if (i == n)
            return true;
        if (!hay[i])
            return false; /* the rest of hay is shorter than needle */
    }
    return false;
}

/* Characters a name may contain between its parts; they neither give a
 * letter nor end a run, so "王 小明" and "阿依·古丽" read as one name. */
static bool is_skipped(uint32_t cp)
{
    switch (cp) {
    case ' ':
    case '.':
    case 0x00B7: /* · MIDDLE DOT, the usual separator in transcribed names */
    case 0x2022: /* • */
    case 0x2027: /* ‧ */
    case 0x3000: /* ideographic space */
    case 0x30FB: /* ・ */
    case 0xFF0E: /* ． */
    case 0xFF65: /* ･ */ return true;
    default:
        /* Invisible characters pasted from office documents (ZWSP, BOM,
         * combining marks): a user cannot see them, so they must not
         * break a match. */
        return cp >= 0xA0 && text_cp_width(cp) == 0;
    }
}

static bool full_pinyin_match(const char *text, const char *q, size_t qlen);

bool pinyin_match(const char *text, const char *query)
{
    uint64_t letter_pos[26] = {0}; /* bit i: query[i] is this letter */
    uint64_t state = 0, done;
    size_t qlen, len, pos = 0;

    if (!query || !*query)
        return true;
    if (!text)
        text = "";
    if (contains_folded(text, query))
        return true;

    qlen = strlen(query);
    if (qlen > MAX_INITIALS_QUERY)
        return false;
    for (size_t i = 0; i < qlen; i++) {
        char c = ascii_lower(query[i]);
        if (c < 'a' || c > 'z')
            return false;
        letter_pos[c - 'a'] |= (uint64_t)1 << i;
    }
    done = (uint64_t)1 << (qlen - 1);

    /* Shift-and: bit i of state says "the run ending here matched query[0..i]".
     * Every character may start a new run, so overlapping starts need no
     * backtracking. */
    len = strlen(text);
    while (pos < len) {
        uint32_t cp, mask;
        uint64_t accept = 0;

        pos += text_decode(text + pos, len - pos, &cp);
        if (is_skipped(cp))
            continue;
        mask = pinyin_initials_mask(cp);
        for (int bit = 0; mask; bit++, mask >>= 1)
            if (mask & 1)
                accept |= letter_pos[bit];
        state = ((state << 1) | 1) & accept;
        if (state & done)
            return true;
    }
    return full_pinyin_match(text, query, qlen);
}

/* How many letters of q (n left) spell the beginning of syllable syl;
 * the v of lv and nv also takes a typed u. */
static size_t common_prefix(const char *q, size_t n, const char *syl)
{
    size_t m = 0;

    while (m < n && syl[m]) {
        char c = ascii_lower(q[m]);
        if (c != syl[m] && !(syl[m] == 'v' && c == 'u'))
            break;
        m++;
    }
    return m;
}

/* The full-pinyin pass (pinyin.h). query is 1-64 ASCII letters. Bit k - 1
 * of state: a run ending at the previous character spelled query[0..k). */
static bool full_pinyin_match(const char *text, const char *query, size_t qlen)
{
    uint64_t state = 0;
    size_t len = strlen(text), pos = 0;

    while (pos < len) {
        uint32_t cp;
        uint16_t readings[PINYIN_MAX_READINGS];
        size_t nr = 0;
        uint64_t next = 0, starts;

        pos += text_decode(text + pos, len - pos, &cp);
        if (is_skipped(cp))
            continue;
        bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
        if (!letter)
            nr = pinyin_readings(cp, readings, PINYIN_MAX_READINGS);
        /* Every character may start a run (position 0), and continue each
         * run the previous one ended (positions 1..qlen-1). */
        for (starts = (state << 1) | 1; starts; starts &= starts - 1) {
            size_t j = (size_t)__builtin_ctzll(starts);
            if (letter) {
                if (ascii_lower(query[j]) == ascii_lower((char)cp)) {
                    if (j + 1 == qlen)
                        return true;
                    next |= (uint64_t)1 << j;
                }
                continue;
            }
            for (size_t r = 0; r < nr; r++) {
                const char *syl = pinyin_syllable(readings[r]);
                size_t m = syl ? common_prefix(query + j, qlen - j, syl) : 0;
                if (m == 0)
                    continue;
                if (j + m == qlen)
                    return true;          /* the last piece: any beginning of a syllable */
                next |= (uint64_t)1 << j; /* the initial */
                if (m >= 2 && syl[1] == 'h' && (syl[0] == 'z' || syl[0] == 'c' || syl[0] == 's'))
                    next |= (uint64_t)1 << (j + 1); /* zh ch sh */
                if (!syl[m])
                    next |= (uint64_t)1 << (j + m - 1); /* the whole syllable */
            }
        }
        state = next;
    }
    return false;
}

/* ---- phone numbers ---- */

#define MAX_PHONE_QUERY 32

static int phone_digit(uint32_t cp)
{
    if (cp >= '0' && cp <= '9')
        return (int)(cp - '0');
    if (cp >= 0xFF10 && cp <= 0xFF19) /* fullwidth ０-９ */
        return (int)(cp - 0xFF10);
    return -1;
}

/* Written between the groups of a phone number. */
static bool phone_skipped(uint32_t cp)
{
    switch (cp) {
    case ' ':
    case 0x3000:
    case '-':
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFF0D:
    case '.':
    case '(':
    case ')':
    case 0xFF08:
    case 0xFF09: return true;
    default: return false;
    }
}

bool pinyin_match_phone(const char *phone, const char *query)
{
    char digits[MAX_PHONE_QUERY];
    size_t nd = 0, qlen, len, pos;

    if (!phone || !query)
        return false;
    qlen = strlen(query);
    for (pos = 0; pos < qlen;) {
        uint32_t cp;
        pos += text_decode(query + pos, qlen - pos, &cp);
        int d = phone_digit(cp);
        if (d >= 0) {
            if (nd == MAX_PHONE_QUERY)
                return false;
            digits[nd++] = (char)d;
        } else if (cp != ' ' && cp != 0x3000 && cp != '-') {
            return false;
        }
    }
    if (nd < 4)
        return false;

    len = strlen(phone);
    for (pos = 0; pos < len;) {
        uint32_t cp;
        size_t start = pos, i = 0, p;
        pos += text_decode(phone + pos, len - pos, &cp);
        if (phone_digit(cp) != digits[0])
            continue;
        for (p = start; p < len && i < nd;) {
            p += text_decode(phone + p, len - p, &cp);
            int d = phone_digit(cp);
            if (d < 0 && phone_skipped(cp) && i > 0)
                continue;
            if (d != digits[i])
                break;
            i++;
        }
        if (i == nd)
            return true;
    }
    return false;
}

/* ---- sorting ---- */

/* Surnames read otherwise than their character's first reading, and the
 * compound surnames (two characters, both read as written here). Each
 * reading is one the character has in Unihan (tests/unit/test_pinyin.c). */
static const struct surname {
    const char *han, *key;
} surnames[] = {
    /* clang-format off */
    /* compound: tried first */
    {"欧阳", "ou yang "},   {"司马", "si ma "},     {"诸葛", "zhu ge "},   {"上官", "shang guan "},
    {"尉迟", "yu chi "},    {"令狐", "ling hu "},   {"万俟", "mo qi "},    {"长孙", "zhang sun "},
    {"澹台", "tan tai "},   {"皇甫", "huang fu "},  {"夏侯", "xia hou "},  {"东方", "dong fang "},
    {"公孙", "gong sun "},  {"慕容", "mu rong "},   {"宇文", "yu wen "},   {"司徒", "si tu "},
    {"司空", "si kong "},   {"呼延", "hu yan "},    {"端木", "duan mu "},  {"轩辕", "xuan yuan "},
    {"申屠", "shen tu "},   {"乐正", "yue zheng "}, {"南宫", "nan gong "}, {"西门", "xi men "},
    {"独孤", "du gu "},     {"拓跋", "tuo ba "},    {"赫连", "he lian "},  {"闻人", "wen ren "},
    {"太史", "tai shi "},   {"濮阳", "pu yang "},   {"钟离", "zhong li "}, {"宗政", "zong zheng "},
    {"公冶", "gong ye "},   {"仲孙", "zhong sun "}, {"百里", "bai li "},   {"左丘", "zuo qiu "},
    {"鲜于", "xian yu "},   {"淳于", "chun yu "},   {"亓官", "qi guan "},  {"羊舌", "yang she "},
    /* single */
    {"单", "shan "}, {"曾", "zeng "}, {"区", "ou "},   {"解", "xie "},  {"仇", "qiu "},  {"朴", "piao "},
    {"查", "zha "},  {"盖", "ge "},   {"乐", "yue "},  {"缪", "miao "}, {"覃", "qin "},  {"尉", "wei "},
    {"秘", "bi "},   {"种", "chong "}, {"翟", "zhai "}, {"长", "chang "}, {"藏", "zang "}, {"宿", "su "},
    {"华", "hua "},  {"任", "ren "},  {"句", "gou "},  {"员", "yun "},  {"贲", "ben "},  {"召", "shao "},
    {"折", "she "},  {"繁", "po "},   {"郇", "huan "}, {"隗", "wei "},  {"车", "che "},  {"那", "na "},
    {"都", "du "},   {"柏", "bai "},  {"薄", "bo "},   {"牟", "mou "},  {"冼", "xian "}, {"阚", "kan "},
    {"能", "nai "},  {"重", "chong "}, {"石", "shi "},  {"莘", "shen "}, {"燕", "yan "},  {"相", "xiang "},
    {"过", "guo "},  {"沈", "shen "}, {"褚", "chu "},  {"谌", "chen "}, {"占", "zhan "}, {"祭", "zhai "},
    {"殷", "yin "},  {"曲", "qu "},   {"洗", "xian "}, {"於", "yu "},   {"期", "qi "},
    /* clang-format on */
};

struct key_out {
    char *out;
    size_t outsz, n;
};

static void key_put(struct key_out *k, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++, k->n++)
        if (k->n + 1 < k->outsz)
            k->out[k->n] = s[i];
}

static size_t sort_key_n(const char *s, size_t len, char *out, size_t outsz)
{
    struct key_out k = {out, outsz, 0};
    size_t pos = 0;

    /* Separators before the name do not hide its surname. */
    while (pos < len) {
        uint32_t cp;
        size_t n = text_decode(s + pos, len - pos, &cp);
        if (!is_skipped(cp))
            break;
        pos += n;
    }
    for (size_t i = 0; i < sizeof surnames / sizeof surnames[0]; i++) {
        size_t n = strlen(surnames[i].han);
        if (n <= len - pos && memcmp(s + pos, surnames[i].han, n) == 0) {
            key_put(&k, surnames[i].key, strlen(surnames[i].key));
            pos += n;
            break;
        }
    }
    while (pos < len) {
        uint32_t cp;
        uint16_t first;
        pos += text_decode(s + pos, len - pos, &cp);
        if (cp < 0x80) {
            char c = ascii_lower((char)cp);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                key_put(&k, &c, 1);
            else if (!is_skipped(cp))
                key_put(&k, "~", 1);
        } else if (is_skipped(cp)) {
            continue;
        } else if (pinyin_readings(cp, &first, 1) == 1) {
            const char *syl = pinyin_syllable(first);
            key_put(&k, syl, strlen(syl));
            key_put(&k, " ", 1);
        } else {
            key_put(&k, "~", 1);
        }
    }
    if (outsz > 0)
        out[k.n < outsz ? k.n : outsz - 1] = '\0';
    return k.n;
}

size_t pinyin_sort_key(const char *name, char *out, size_t outsz)
{
    return sort_key_n(name ? name : "", name ? strlen(name) : 0, out, outsz);
}

#define COLLATE_KEY 256

int pinyin_collate(const char *a, size_t alen, const char *b, size_t blen)
{
    char ka[COLLATE_KEY], kb[COLLATE_KEY];
    size_t la = sort_key_n(a, alen, ka, sizeof ka), lb = sort_key_n(b, blen, kb, sizeof kb);
    int c;

    /* Over-long keys compare on the part kept, then by bytes below: still a
     * total order, as both parts are functions of the name. */
    if (la >= sizeof ka)
        la = sizeof ka - 1;
    if (lb >= sizeof kb)
        lb = sizeof kb - 1;
    c = memcmp(ka, kb, la < lb ? la : lb);
    if (c == 0 && la != lb)
        c = la < lb ? -1 : 1;
    if (c == 0) {
        size_t m = alen < blen ? alen : blen;
        c = m ? memcmp(a, b, m) : 0;
        if (c == 0 && alen != blen)
            c = alen < blen ? -1 : 1;
    }
    return c < 0 ? -1 : c > 0;
}

size_t pinyin_initials(const char *s, char *out, size_t outsz)
{
    size_t len, pos = 0, n = 0;

    if (outsz == 0)
        return 0;
    len = s ? strlen(s) : 0;
    while (pos < len && n + 1 < outsz) {
        uint32_t cp;
        char c;

        pos += text_decode(s + pos, len - pos, &cp);
        c = pinyin_first_initial(cp);
        if (c)
            out[n++] = c;
    }
    out[n] = '\0';
    return n;
}
