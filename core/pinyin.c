/* pinyin.c — matching a typed query against Chinese names by pinyin initials.
 * Runs as an SQLite function over every row of a list, so it never allocates. */
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
    return false;
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
