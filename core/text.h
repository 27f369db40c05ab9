/* text.h — UTF-8 strings measured in terminal display columns.
 * Locale-independent; used by the screens and by the text report renderer alike. */
#ifndef FX_TEXT_H
#define FX_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode one code point from s (at most len bytes). Returns the bytes consumed,
 * at least 1 when len > 0. Invalid or truncated sequences yield U+FFFD and 1 byte. */
size_t text_decode(const char *s, size_t len, uint32_t *cp);

/* Encode cp as UTF-8 into out (4 bytes room). Returns bytes written (1-4). */
size_t text_encode(uint32_t cp, char *out);

/* Columns one code point occupies: 0 for combining marks and zero-width
 * characters, 2 for East Asian Wide/Fullwidth, 1 otherwise (ambiguous = 1,
 * as glibc's wcwidth in a UTF-8 locale). Control characters: 0.
 * Defined with its table in text_width_table.c (tools/gen_text_width.py). */
int text_cp_width(uint32_t cp);

/* Display columns of a NUL-terminated string. */
int text_width(const char *s);

/* How many bytes of s fit in cols columns without splitting a character;
 * combining marks stay with their base. *used (may be NULL) gets the width. */
size_t text_fit_columns(const char *s, int cols, int *used);

/* Copy s into dst (dstsz bytes) cut to at most cols columns; when cut, the
 * last column is "…" (U+2026, 1 column). Never splits a character.
 * Returns the columns of the result. dst is always terminated (when
 * dstsz > 0) and valid UTF-8: invalid input bytes become U+FFFD. A dst too
 * small for the text is a cut too. */
int text_fit(char *dst, size_t dstsz, const char *s, int cols);

/* Like text_fit, then pad with spaces to exactly cols columns (align = 'l'
 * or 'r'; 'c' centres, the odd space going right). Returns the columns
 * written, less than cols only when dstsz is too small. */
int text_fit_pad(char *dst, size_t dstsz, const char *s, int cols, char align);

/* Make untrusted text safe to show on a terminal: C0/C1 controls, DEL and
 * escape sequences are removed (tab/newline become a space), invalid UTF-8
 * becomes U+FFFD. dst is always terminated; output is cut on a character
 * boundary if dstsz is too small. Returns dst. */
char *text_sanitize(char *dst, size_t dstsz, const char *src);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
bool text_valid_utf8(const char *s, size_t len);

/* True when every byte of s is ASCII (NULL reads as ""): typed without an input
 * method, so a query like "zs" is pinyin initials, not a name to offer. */
bool text_is_ascii(const char *s);

/* Trim ASCII and ideographic (U+3000) white space at both ends, in place. */
char *text_trim(char *s);

#endif
