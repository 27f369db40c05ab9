/* pinyin.h — search Chinese names by the initials of their pinyin (zs → 张三).
 * The table of initials is generated from Unihan (tools/gen_pinyin.py). */
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

/* Write the initials of s (first reading of each Han character, ASCII letters
 * lowercased, other characters skipped) into out; returns length written.
 * out is always terminated when outsz > 0; the result is cut at outsz - 1. */
size_t pinyin_initials(const char *s, char *out, size_t outsz);

#endif
