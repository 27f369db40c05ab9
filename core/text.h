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
 * Defined with its table in text_width_table.c (core/gen/gen_text_width.py). */
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

/* The one sanitiser: make untrusted text safe to show on a terminal or to write as text (messages, text and
 * CSV reports, the screens). C0/C1 controls, DEL and whole escape sequences (CSI, OSC, DCS …) are removed;
 * tab, newline and U+2028/2029 become a space unless flags has TEXT_KEEP_LINES (then \n and \t stay, a lone
 * \r becomes \n); bidi controls, zero-width and other invisible format characters (text_cp_invisible) become
 * U+FFFD, so that a look-alike is seen to differ; invalid UTF-8 becomes U+FFFD. dst is always terminated; the
 * output is cut on a character boundary if dstsz is too small (3 * strlen(src) + 1 always suffices). */
#define TEXT_KEEP_LINES 1u
char *text_clean(char *dst, size_t dstsz, const char *src, unsigned flags);

/* text_clean(dst, dstsz, src, 0): one line for a terminal. Returns dst. */
char *text_sanitize(char *dst, size_t dstsz, const char *src);

/* True for a character that changes or hides what is shown without being seen itself: bidi embeddings,
 * overrides, isolates and marks (U+202A–202E, U+2066–2069, U+200E/200F, U+061C), zero-width characters
 * (U+200B–200D, U+2060–2064, U+FEFF), fillers, soft hyphen, tags (U+E0000–E007F) and the like. */
bool text_cp_invisible(uint32_t cp);

/* Characters (code points) in s; NULL reads as "". */
size_t text_count_chars(const char *s);

/* What is wrong with a field's text at the door, first fault found; max_chars 0 = no limit. Only with
 * TEXT_KEEP_LINES are \n, \r and \t allowed (notes). */
enum text_fault { TEXT_FINE = 0, TEXT_BROKEN, TEXT_CONTROL, TEXT_INVISIBLE, TEXT_TOO_LONG };
enum text_fault text_check(const char *s, size_t max_chars, unsigned flags);

/* text_check, as an error naming the field (FX_EINPUT, err->field = field; label is the Chinese name in the
 * message): returns 0 when s is fine. Limits are counted in characters, never bytes, and a long text is
 * refused, never cut. */
struct fx_error;
int text_check_field(struct fx_error *err, const char *field, const char *label, const char *s, size_t max_chars,
                     unsigned flags);

/* The next word of a list written with ASCII or Chinese commas (, ， 、), trimmed, into w; *p moves past it and
 * its comma. Returns 1 with a word, 0 at the end of the list (empty words are skipped), -1 when a word does not
 * fit w (w then holds its first bytes, cut on a character, for the message). */
int text_next_word(const char **p, char *w, size_t wsz);

/* One free-text field of a record and its limit, for text_check_fields. */
struct text_rule {
    const char *field; /* err->field ("phone") */
    const char *label; /* "联系电话" */
    const char *s;
    size_t max_chars; /* core/text_limits.h */
    unsigned flags;   /* TEXT_KEEP_LINES for notes that may hold lines */
};
#define TEXT_RULES(...) ((const struct text_rule[]){__VA_ARGS__}), \
    sizeof((const struct text_rule[]){__VA_ARGS__}) / sizeof(struct text_rule)
/* text_check_field on each rule in turn; the first fault is the error. */
int text_check_fields(struct fx_error *err, const struct text_rule *rules, size_t n);

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

/* A number as a person writes it in an option, the config file or a standard: digits with at most one '.',
 * a '-' first only when negative_ok ("-0" too is refused without it). Nothing else is taken: not "" nor " 5",
 * "3abc", "1e9", "0x10", "+5", "inf" or "nan". Returns false (out untouched) when s is not such a number. */
bool text_parse_number(const char *s, bool negative_ok, double *out);
/* The same for a whole number (no '.'); out of range of long long is false too. */
bool text_parse_int(const char *s, bool negative_ok, long long *out);

#endif
