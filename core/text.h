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
/* An East Asian Ambiguous character counted one column above, which a terminal set to
 * draw such characters wide puts in two (“ ” … → · ★ │ ─ ┌ …). Same table file. */
bool text_cp_ambiguous(uint32_t cp);

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

/* Copy s (NULL reads as "") into dst, dstsz bytes, the way a fixed field of a row takes a name or a title: cut,
 * when it must be, before the character that would not fit, never inside it (snprintf "%s" can leave half a
 * character). dst is always terminated when dstsz > 0. Returns true when all of s fit, false when it was cut. */
bool text_copy(char *dst, size_t dstsz, const char *s);

/* snprintf into dst (dstsz > 0 bytes) cut the same way: a character the cut falls inside is left out whole.
 * Returns true when all of it fit, false when it was cut. */
bool text_format(char *dst, size_t dstsz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Trim ASCII and ideographic (U+3000) white space at both ends, in place. */
char *text_trim(char *s);

#endif
