/* text.c — UTF-8 decoding, display-column measuring, cutting and sanitising.
 * No locale, no allocation: every screen and the text reports draw through here. */
#include "text.h"

#include "error.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT 0xFFFDu

/* "…" U+2026 in UTF-8; always 1 column (East Asian Width A, like glibc). */
static const char ellipsis[] = "\xE2\x80\xA6";
#define ELLIPSIS_LEN 3

size_t text_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c, min;
    size_t n, i;

    if (len == 0) {
        *cp = 0;
        return 0;
    }
    c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    /* C0 and C1 lead bytes could only start overlong forms; F5..FF exceed U+10FFFF. */
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        c &= 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        c &= 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        c &= 0x07;
        min = 0x10000;
    } else {
        *cp = REPLACEMENT;
        return 1;
    }
    if (len < n) {
        *cp = REPLACEMENT;
        return 1;
    }
    for (i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = REPLACEMENT;
            return 1;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = REPLACEMENT;
        return 1;
    }
    *cp = c;
    return n;
}

size_t text_encode(uint32_t cp, char *out)
{
    unsigned char *u = (unsigned char *)out;

    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = REPLACEMENT; /* never emit something text_decode would reject */
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | (cp >> 6));
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12));
        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    u[0] = (unsigned char)(0xF0 | (cp >> 18));
    u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int text_width(const char *s)
{
    size_t len = strlen(s), pos = 0;
    int w = 0;

    while (pos < len) {
        uint32_t cp;
        pos += text_decode(s + pos, len - pos, &cp);
        w += text_cp_width(cp);
    }
    return w;
}

/* One base character plus the zero-width code points that follow it, so that
 * a cut never separates "e" from its U+0301.  Returns the bytes of the
 * cluster in s and its width; *enc_len gets its length once re-encoded
 * (invalid bytes grow to the 3-byte U+FFFD). */
static size_t next_cluster(const char *s, size_t len, int *width, size_t *enc_len)
{
    uint32_t cp;
    size_t pos = text_decode(s, len, &cp);
    char tmp[4];

    *width = text_cp_width(cp);
    *enc_len = text_encode(cp, tmp);
    while (pos < len) {
        size_t n = text_decode(s + pos, len - pos, &cp);
        /* Controls are width 0 too, but they are not marks: keep them apart. */
        if (text_cp_width(cp) != 0 || cp < 0xA0)
            break;
        pos += n;
        *enc_len += text_encode(cp, tmp);
    }
    return pos;
}

/* Bytes of s (len) that fit in cols columns and, re-encoded, in maxbytes. */
static size_t fit_prefix(const char *s, size_t len, int cols, size_t maxbytes, int *used, size_t *enc_used)
{
    size_t pos = 0, enc = 0;
    int w = 0;

    while (pos < len) {
        int cw;
        size_t ce;
        size_t n = next_cluster(s + pos, len - pos, &cw, &ce);
        if (w + cw > cols || enc + ce > maxbytes)
            break;
        w += cw;
        enc += ce;
        pos += n;
    }
    if (used)
        *used = w;
    if (enc_used)
        *enc_used = enc;
    return pos;
}

size_t text_fit_columns(const char *s, int cols, int *used)
{
    size_t len = strlen(s);

    return fit_prefix(s, len, cols < 0 ? 0 : cols, (size_t)-1, used, NULL);
}

/* Copy n bytes of s into dst re-encoding every code point, so that invalid
 * input comes out as U+FFFD; the caller has checked the room. */
static size_t copy_valid(char *dst, const char *s, size_t n)
{
    size_t in = 0, out = 0;

    while (in < n) {
        uint32_t cp;
        in += text_decode(s + in, n - in, &cp);
        out += text_encode(cp, dst + out);
    }
    return out;
}

int text_fit(char *dst, size_t dstsz, const char *s, int cols)
{
    size_t len = strlen(s), room, n, enc, out;
    int used;

    if (dstsz == 0)
        return 0;
    dst[0] = '\0';
    if (cols <= 0)
        return 0;
    room = dstsz - 1;
    n = fit_prefix(s, len, cols, room, &used, &enc);
    if (n == len) {
        dst[copy_valid(dst, s, n)] = '\0';
        return used;
    }
    /* Cut (by columns or by dst's size): keep one column and 3 bytes for "…". */
    if (room < ELLIPSIS_LEN) {
        dst[copy_valid(dst, s, n)] = '\0';
        return used;
    }
    n = fit_prefix(s, len, cols - 1, room - ELLIPSIS_LEN, &used, &enc);
    out = copy_valid(dst, s, n);
    memcpy(dst + out, ellipsis, ELLIPSIS_LEN + 1);
    return used + 1;
}

int text_fit_pad(char *dst, size_t dstsz, const char *s, int cols, char align)
{
    size_t len, pad, room;
    int w;

    w = text_fit(dst, dstsz, s, cols);
    if (dstsz == 0 || w >= cols)
        return w;
    len = strlen(dst);
    room = dstsz - 1 - len;
    pad = (size_t)(cols - w);
    if (pad > room)
        pad = room; /* dst too small for all of it: pad as far as it goes */
    if (align == 'r') {
        memmove(dst + pad, dst, len + 1);
        memset(dst, ' ', pad);
    } else if (align == 'c') {
        size_t left = pad / 2;
        memmove(dst + left, dst, len);
        memset(dst, ' ', left);
        memset(dst + left + len, ' ', pad - left);
        dst[len + pad] = '\0';
    } else {
        memset(dst + len, ' ', pad);
        dst[len + pad] = '\0';
    }
    return w + (int)pad;
}

/* Sanitiser states.  The escape grammar follows ECMA-48 as xterm parses it,
 * because what matters is what a terminal would have swallowed or obeyed. */
enum esc_kind { ESC_NONE, ESC_CSI, ESC_STRING };

/* Skip a CSI body starting at s[i] (after "ESC [" or U+009B); returns the
 * index after it.  C0 controls inside are executed by terminals without
 * ending the sequence, so they are skipped too; ESC, CAN and SUB abort it. */
static size_t skip_csi(const unsigned char *s, size_t i)
{
    for (;;) {
        unsigned char c = s[i];
        if (c == '\0' || c == 0x1B || c >= 0x80)
            return i; /* not consumed: handled by the caller */
        i++;
        if (c == 0x18 || c == 0x1A || (c >= 0x40 && c <= 0x7E))
            return i; /* CAN/SUB abort, 0x40..0x7E is the final byte */
    }
}

/* Skip a control string (OSC, DCS, SOS, PM, APC) up to and including its
 * terminator: BEL, ESC \, U+009C, or CAN/SUB.  An ESC followed by anything
 * else ends the string and is left to start a new sequence. */
static size_t skip_string(const unsigned char *s, size_t i)
{
    for (;;) {
        unsigned char c = s[i];
        if (c == '\0')
            return i;
        if (c == 0x1B)
            return s[i + 1] == '\\' ? i + 2 : i;
        if (c == 0x07 || c == 0x18 || c == 0x1A)
            return i + 1;
        if (c == 0xC2 && s[i + 1] == 0x9C)
            return i + 2;
        i++;
    }
}

/* After a lone ESC at s[i-1]: returns the index after the whole sequence. */
static size_t skip_escape(const unsigned char *s, size_t i)
{
    unsigned char c = s[i];

    if (c == '[')
        return skip_csi(s, i + 1);
    if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')
        return skip_string(s, i + 1);
    /* nF: intermediates 0x20..0x2F then one final byte (ESC ( B). */
    while (s[i] >= 0x20 && s[i] <= 0x2F)
        i++;
    if (s[i] >= 0x30 && s[i] <= 0x7E)
        i++;
    return i;
}

bool text_cp_invisible(uint32_t cp)
{
    /* Bidi embeddings, overrides, isolates and marks reorder or hide what is shown; zero-width and filler
     * characters make two names that look alike differ (坏\u200b人 beside 坏人); tags and interlinear
     * annotations carry text nobody sees. Variation selectors are left alone: they only pick a glyph. */
    return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 ||
           cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 || cp == 0xFEFF ||
           cp == 0xFFA0 || (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0xFFFE || cp == 0xFFFF ||
           (cp >= 0x1D173 && cp <= 0x1D17A) || (cp >= 0xE0000 && cp <= 0xE007F);
}

char *text_clean(char *dst, size_t dstsz, const char *src, unsigned flags)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t len = strlen(src), i = 0, out = 0;
    bool lines = flags & TEXT_KEEP_LINES;

    if (dstsz == 0)
        return dst;
    while (i < len) {
        uint32_t cp;
        size_t n;
        char buf[4];

        if (s[i] == 0x1B) {
            i = skip_escape(s, i + 1);
            continue;
        }
        if (s[i] == 0x9B) {
            /* A raw 8-bit CSI: invalid UTF-8, but a terminal in 8-bit
             * mode would obey it, so drop its parameters as well. */
            i = skip_csi(s, i + 1);
            continue;
        }
        n = text_decode(src + i, len - i, &cp);
        i += n;
        if (cp == 0x9B) {
            i = skip_csi(s, i);
            continue;
        }
        if (cp == 0x9D || cp == 0x90 || cp == 0x98 || cp == 0x9E || cp == 0x9F) {
            i = skip_string(s, i);
            continue;
        }
        if (lines && (cp == '\n' || cp == '\t'))
            ; /* kept: a note's line break in a CSV cell */
        else if (lines && cp == '\r')
            cp = s[i] == '\n' ? 0 : '\n';
        else if (cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == 0x2028 || cp == 0x2029)
            cp = ' ';
        else if (cp == '\r')
            cp = s[i] == '\n' ? 0 : ' '; /* CR LF is one line break */
        else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
            cp = 0;
        else if (text_cp_invisible(cp))
            cp = REPLACEMENT; /* shown, so that a look-alike is seen to differ */
        if (cp == 0)
            continue;
        n = text_encode(cp, buf);
        if (out + n > dstsz - 1)
            break;
        memcpy(dst + out, buf, n);
        out += n;
    }
    dst[out] = '\0';
    return dst;
}

char *text_sanitize(char *dst, size_t dstsz, const char *src)
{
    return text_clean(dst, dstsz, src, 0);
}

size_t text_count_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

enum text_fault text_check(const char *s, size_t max_chars, unsigned flags)
{
    size_t len = s ? strlen(s) : 0, pos = 0, chars = 0;

    while (pos < len) {
        uint32_t cp;
        size_t n = text_decode(s + pos, len - pos, &cp);
        if (cp == REPLACEMENT && n == 1)
            return TEXT_BROKEN;
        pos += n;
        chars++;
        if ((flags & TEXT_KEEP_LINES) && (cp == '\n' || cp == '\t' || cp == '\r'))
            continue;
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
            return TEXT_CONTROL;
        if (text_cp_invisible(cp))
            return TEXT_INVISIBLE;
    }
    return max_chars && chars > max_chars ? TEXT_TOO_LONG : TEXT_FINE;
}

int text_check_field(struct fx_error *err, const char *field, const char *label, const char *s, size_t max_chars,
                     unsigned flags)
{
    switch (text_check(s, max_chars, flags)) {
    case TEXT_FINE: return 0;
    case TEXT_BROKEN: return fx_fail_field(err, FX_EINPUT, field, "%s含有无效字符（不是 UTF-8 文字）", label);
    case TEXT_CONTROL: return fx_fail_field(err, FX_EINPUT, field, "%s含有控制字符（如换行、ESC），不能保存", label);
    case TEXT_INVISIBLE:
        return fx_fail_field(err, FX_EINPUT, field, "%s含有看不见的字符（零宽字符或文字方向控制符），不能保存", label);
    case TEXT_TOO_LONG:
    default:
        return fx_fail_field(err, FX_EINPUT, field, "%s太长：最多 %zu 个字，现有 %zu 个字", label, max_chars,
                             text_count_chars(s));
    }
}

int text_next_word(const char **p, char *w, size_t wsz)
{
    while (**p) {
        const char *start = *p;
        while (**p && **p != ',' && strncmp(*p, "，", 3) && strncmp(*p, "、", 3))
            (*p)++;
        size_t len = (size_t)(*p - start);
        if (**p)
            *p += **p == ',' ? 1 : 3;
        if (len >= wsz) {
            char cut[64];
            text_copy(cut, sizeof cut < wsz ? sizeof cut : wsz, start);
            text_copy(w, wsz, cut);
            return -1;
        }
        memcpy(w, start, len);
        w[len] = '\0';
        char *t = text_trim(w);
        if (!*t)
            continue;
        memmove(w, t, strlen(t) + 1);
        return 1;
    }
    return 0;
}

int text_check_fields(struct fx_error *err, const struct text_rule *rules, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int rc = text_check_field(err, rules[i].field, rules[i].label, rules[i].s ? rules[i].s : "",
                                  rules[i].max_chars, rules[i].flags);
        if (rc)
            return rc;
    }
    return 0;
}

bool text_valid_utf8(const char *s, size_t len)
{
    size_t pos = 0;

    while (pos < len) {
        uint32_t cp;
        size_t n = text_decode(s + pos, len - pos, &cp);
        /* A real U+FFFD is 3 bytes; a 1-byte U+FFFD is the error marker. */
        if (cp == REPLACEMENT && n == 1)
            return false;
        pos += n;
    }
    return true;
}

static bool is_trim_space(const char *s, size_t *n)
{
    unsigned char c = (unsigned char)s[0];

    if (c == ' ' || (c >= '\t' && c <= '\r')) {
        *n = 1;
        return true;
    }
    if (c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80) {
        *n = 3; /* U+3000 IDEOGRAPHIC SPACE, typed by Chinese input methods */
        return true;
    }
    return false;
}

char *text_trim(char *s)
{
    size_t start = 0, end = 0, pos = 0, n;

    while (s[start] && is_trim_space(s + start, &n))
        start += n;
    /* Walk forward so that a trailing U+3000 is recognised whole. */
    pos = start;
    end = start;
    while (s[pos]) {
        if (is_trim_space(s + pos, &n)) {
            pos += n;
        } else {
            pos++;
            end = pos;
        }
    }
    memmove(s, s + start, end - start);
    s[end - start] = '\0';
    return s;
}

bool text_copy(char *dst, size_t dstsz, const char *s)
{
    if (!dstsz)
        return !s || !*s;
    size_t len = s ? strlen(s) : 0, n = len;
    if (n >= dstsz) {
        n = dstsz - 1;
        /* s[n] is the first byte left out: when it continues a character, that character goes whole. */
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memmove(dst, s, n);
    dst[n] = '\0';
    return n == len;
}

bool text_format(char *dst, size_t dstsz, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(dst, dstsz, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < dstsz)
        return true;
    if (n < 0) {
        dst[0] = '\0';
        return false;
    }
    /* Cut: dst holds dstsz - 1 bytes; drop the last character when it is not all there. */
    size_t len = dstsz - 1, start = len;
    while (start > 0 && ((unsigned char)dst[start - 1] & 0xC0) == 0x80)
        start--;
    if (start > 0) {
        unsigned char lead = (unsigned char)dst[start - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (len - (start - 1) < need)
            len = start - 1;
    }
    dst[len] = '\0';
    return false;
}

bool text_is_ascii(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

/* Digits, at most one '.', a digit on at least one side of it; a '-' first when allowed. */
static bool plain_decimal(const char *s, bool negative_ok, bool fraction_ok)
{
    size_t i = 0, digits = 0;
    bool dot = false;
    if (!s)
        return false;
    if (s[0] == '-') {
        if (!negative_ok)
            return false;
        i = 1;
    }
    for (; s[i]; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.' && fraction_ok && !dot)
            dot = true;
        else
            return false;
    }
    return digits > 0 && i < 64;
}

bool text_parse_number(const char *s, bool negative_ok, double *out)
{
    if (!plain_decimal(s, negative_ok, true))
        return false;
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (errno || *end || !isfinite(x))
        return false;
    *out = x;
    return true;
}

bool text_parse_int(const char *s, bool negative_ok, long long *out)
{
    if (!plain_decimal(s, negative_ok, false))
        return false;
    char *end;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    if (errno || *end)
        return false;
    *out = x;
    return true;
}
