/* pinyin.h — search Chinese names by the initials of their pinyin (zs → 张三) or full pinyin (zhang → 张三),
 * phone numbers by digits, and sort names by pinyin (the PINYIN collation of core/store_open.c).
 * The tables of initials and of syllables are generated from Unihan (core/gen/gen_pinyin.py). */
#ifndef FX_PINYIN_H
#define FX_PINYIN_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

/* Bit (letter - 'a') is set for every initial the character can be read with
 * (all readings: 曾 → z|c, 单 → s|d|c). ASCII letters map to themselves,
 * digits and other characters to 0. */
uint32_t pinyin_initials_mask(uint32_t cp);

/* The initial of the character's first (most common) reading, lowercase:
 * 曾 → 'c', 单 → 'd', 〇 → 'l'; ASCII letters lowercased; 0 for anything else.
 * Defined with the table in pinyin_table.c, like pinyin_initials_mask. */
char pinyin_first_initial(uint32_t cp);

/* Does query match text? Case-insensitive. True when query is a substring of
 * text, or when query (ASCII letters) matches the initials of a run of
 * consecutive characters of text (wxm → 王小明, xm → 王小明). An empty query
 * matches everything.
 * Precisely: a query of 1-64 ASCII letters matches when some run of text
 * gives, character by character, one letter of the query each, in order:
 * a Han character gives any initial of any of its readings (cg and zg both
 * match 曾国), an ASCII letter gives itself (lim matches Li明, lm does not).
 * Spaces, U+3000, the name dots . · ・ • ‧ and invisible zero-width
 * characters are skipped inside a run (wxm matches 王 小明, ayg matches
 * 阿依·古丽). Anything else (digits, other punctuation, characters without
 * a reading, invalid UTF-8) ends a run. A query with any other character,
 * or longer than 64 letters, matches only as a substring (ASCII case folded).
 * NULL text or query count as "". No allocation. */
bool pinyin_match(const char *text, const char *query);
/* Full pinyin: besides the above, a query of 1-64 ASCII letters also
 * matches when it splits into pieces, one per character of such a run, each
 * piece being a whole toneless syllable of any reading of its character
 * (zhang → 张三 and 章华, wangxiaoming → 王小明), or that syllable's initial
 * (one letter, or zh ch sh), and the last piece any beginning of a syllable
 * (zhangs and zhangsa → 张三, wangxiaom → 王小明). ü is typed v or u (lv and
 * lu → 吕). An ASCII letter of text still gives only itself. Cost: at most
 * 65 × 8 syllables × 6 letters compared per character of text, so linear in
 * the text's length, whatever the query. */

/* Does the phone number match query? True when query holds 4-32 digits and
 * nothing else but spaces and dashes, and those digits appear consecutively
 * in phone, ignoring spaces (also U+3000), dashes (- ‐ ‑ ‒ – — − －), dots and
 * parentheses there (1381234 → 138-1234-5678, 138 1234 5678). Fullwidth
 * digits count as digits. Anything else in phone ends a number. NULL counts
 * as "". No allocation; at most 32 comparisons per character of phone. */
bool pinyin_match_phone(const char *phone, const char *query);

/* The readings of a Han character as indices of toneless syllables
 * (pinyin_syllable), the first (most common, kMandarin) reading first, at
 * most max of them; returns how many were written, 0 for a character
 * without a reading (ASCII included). No character has more than
 * PINYIN_MAX_READINGS. Defined in the generated pinyin_syllables.c. */
#define PINYIN_MAX_READINGS 8
size_t pinyin_readings(uint32_t cp, uint16_t *out, size_t max);
/* The toneless syllable with index idx ("zhang", "lv"), NULL past the end. */
const char *pinyin_syllable(unsigned idx);

/* An ASCII sort key for a name: each Han character gives its syllable and a
 * space ("zhang san "), ASCII letters lowercased and digits give themselves,
 * separators (as in pinyin_match) nothing, any other character '~'. The
 * first character is read as a surname: 单 shan, 曾 zeng, 区 ou, 解 xie,
 * 仇 qiu, 朴 piao, 查 zha, 盖 ge, 乐 yue, 缪 miao, 覃 qin, …, and the compound
 * surnames 欧阳 司马 诸葛 上官 尉迟 令狐 万俟 长孙 … by both characters; every
 * other character by its first reading. Writes at most outsz - 1 bytes and a
 * terminator (when outsz > 0); returns the full key's length, so a result
 * ≥ outsz means the key was cut. Names with equal keys are ordered by
 * pinyin_collate. */
size_t pinyin_sort_key(const char *name, char *out, size_t outsz);

/* Compare two names (lengths in bytes, no terminator needed) by their sort
 * keys, then by their bytes: a total order. Keys longer than 255 bytes are
 * compared on their first 255 bytes only. No allocation. */
int pinyin_collate(const char *a, size_t alen, const char *b, size_t blen);

/* Write the initials of s (first reading of each Han character, ASCII letters
 * lowercased, other characters skipped) into out; returns length written.
 * out is always terminated when outsz > 0; the result is cut at outsz - 1. */
size_t pinyin_initials(const char *s, char *out, size_t outsz);

#endif
