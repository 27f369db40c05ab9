/* textbuf.c — the editable text of one input line: byte-exact UTF-8 editing by character.
 * Kept free of curses so the cut-at-a-wide-character and combining-mark cases are unit-tested. */
#include "textbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int textbuf_init(struct textbuf *tb, size_t max)
{
    memset(tb, 0, sizeof *tb);
    tb->max = max;
    tb->cap = 64;
    tb->s = calloc(tb->cap, 1);
    return tb->s ? 0 : -1;
}

void textbuf_free(struct textbuf *tb)
{
    free(tb->s);
    memset(tb, 0, sizeof *tb);
}

static uint32_t cp_at(const struct textbuf *tb, size_t pos, size_t *bytes)
{
    uint32_t cp;
    size_t n = text_decode(tb->s + pos, tb->len - pos, &cp);
    if (bytes)
        *bytes = n;
    return cp;
}

/* The end of the character starting at pos: its base plus any zero-width marks after it,
 * so that the cursor never rests between a letter and its accent. */
static size_t next_char(const struct textbuf *tb, size_t pos)
{
    if (pos >= tb->len)
        return tb->len;
    size_t n;
    cp_at(tb, pos, &n);
    pos += n;
    while (pos < tb->len) {
        uint32_t cp = cp_at(tb, pos, &n);
        if (text_cp_width(cp) != 0)
            break;
        pos += n;
    }
    return pos;
}

static size_t prev_cp(const struct textbuf *tb, size_t pos)
{
    if (pos == 0)
        return 0;
    pos--;
    while (pos > 0 && ((unsigned char)tb->s[pos] & 0xc0) == 0x80)
        pos--;
    return pos;
}

static size_t prev_char(const struct textbuf *tb, size_t pos)
{
    size_t p = prev_cp(tb, pos);
    while (p > 0 && text_cp_width(cp_at(tb, p, NULL)) == 0)
        p = prev_cp(tb, p);
    return p;
}

static int char_width(const struct textbuf *tb, size_t pos, size_t end)
{
    int w = 0;
    while (pos < end) {
        size_t n;
        uint32_t cp = cp_at(tb, pos, &n);
        w += text_cp_width(cp);
        pos += n;
    }
    return w;
}

static int col_of(const struct textbuf *tb, size_t pos)
{
    return char_width(tb, 0, pos);
}

int textbuf_set(struct textbuf *tb, const char *s)
{
    tb->len = 0;
    tb->s[0] = '\0';
    tb->cur = 0;
    tb->scroll = 0;
    textbuf_insert(tb, s ? s : "");
    tb->changed = false;
    return 0;
}

static int reserve(struct textbuf *tb, size_t need)
{
    if (need + 1 <= tb->cap)
        return 0;
    size_t cap = tb->cap * 2;
    while (cap < need + 1)
        cap *= 2;
    char *s = realloc(tb->s, cap);
    if (!s)
        return -1;
    tb->s = s;
    tb->cap = cap;
    return 0;
}

/* src without its invisible characters, counted in tb->refused; malloc'd. */
static char *without_invisible(struct textbuf *tb, const char *src, size_t len)
{
    char *kept = malloc(len + 1);
    if (!kept)
        return NULL;
    size_t k = 0;
    for (size_t pos = 0; pos < len;) {
        uint32_t cp;
        size_t n = text_decode(src + pos, len - pos, &cp);
        if (text_cp_invisible(cp)) {
            tb->refused++;
        } else {
            memcpy(kept + k, src + pos, n);
            k += n;
        }
        pos += n;
    }
    kept[k] = '\0';
    return kept;
}

/* Bytes of the first room characters of s. */
static size_t first_chars(const char *s, size_t room)
{
    size_t pos = 0, len = strlen(s);
    while (room > 0 && pos < len) {
        uint32_t cp;
        pos += text_decode(s + pos, len - pos, &cp);
        room--;
    }
    return pos;
}

size_t textbuf_insert(struct textbuf *tb, const char *utf8)
{
    size_t srclen = strlen(utf8);
    tb->full = false;
    if (!srclen)
        return 0;
    char *kept = without_invisible(tb, utf8, srclen);
    if (!kept)
        return 0;
    /* Invalid bytes grow to three (U+FFFD), so leave room for that. */
    size_t cleansz = srclen * 3 + 1;
    char *clean = malloc(cleansz);
    if (!clean) {
        free(kept);
        return 0;
    }
    text_sanitize(clean, cleansz, kept);
    free(kept);
    size_t n = strlen(clean);
    if (tb->max) {
        size_t have = text_count_chars(tb->s), adding = text_count_chars(clean);
        size_t room = tb->max > have ? tb->max - have : 0;
        if (adding > room) {
            n = first_chars(clean, room);
            tb->refused += (unsigned)(adding - room);
            tb->full = true;
        }
    }
    if (n == 0 || reserve(tb, tb->len + n)) {
        free(clean);
        return 0;
    }
    memmove(tb->s + tb->cur + n, tb->s + tb->cur, tb->len - tb->cur + 1);
    memcpy(tb->s + tb->cur, clean, n);
    tb->len += n;
    tb->cur += n;
    tb->changed = true;
    free(clean);
    return n;
}

size_t textbuf_insert_cp(struct textbuf *tb, unsigned cp)
{
    char buf[5];
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        cp = 0xfffd;
    size_t n = text_encode(cp, buf);
    buf[n] = '\0';
    return textbuf_insert(tb, buf);
}

static void cut(struct textbuf *tb, size_t from, size_t to)
{
    memmove(tb->s + from, tb->s + to, tb->len - to + 1);
    tb->len -= to - from;
    tb->cur = from;
    tb->changed = true;
}

bool textbuf_backspace(struct textbuf *tb)
{
    if (tb->cur == 0)
        return false;
    cut(tb, prev_char(tb, tb->cur), tb->cur);
    return true;
}

bool textbuf_delete(struct textbuf *tb)
{
    if (tb->cur >= tb->len)
        return false;
    cut(tb, tb->cur, next_char(tb, tb->cur));
    return true;
}

void textbuf_kill_left(struct textbuf *tb)
{
    if (tb->cur > 0)
        cut(tb, 0, tb->cur);
}

bool textbuf_left(struct textbuf *tb)
{
    if (tb->cur == 0)
        return false;
    tb->cur = prev_char(tb, tb->cur);
    return true;
}

bool textbuf_right(struct textbuf *tb)
{
    if (tb->cur >= tb->len)
        return false;
    tb->cur = next_char(tb, tb->cur);
    return true;
}

void textbuf_home(struct textbuf *tb)
{
    tb->cur = 0;
}

void textbuf_end(struct textbuf *tb)
{
    tb->cur = tb->len;
}

int textbuf_cursor_col(const struct textbuf *tb)
{
    return col_of(tb, tb->cur);
}

/* Byte offset of the first character starting at or after column col. */
static size_t pos_at_col(const struct textbuf *tb, int col, int *actual)
{
    size_t pos = 0;
    int c = 0;
    while (pos < tb->len && c < col) {
        size_t nx = next_char(tb, pos);
        c += char_width(tb, pos, nx);
        pos = nx;
    }
    if (actual)
        *actual = c;
    return pos;
}

void textbuf_scroll(struct textbuf *tb, int width)
{
    if (width < 1)
        width = 1;
    int ccol = textbuf_cursor_col(tb);
    int under = tb->cur < tb->len ? char_width(tb, tb->cur, next_char(tb, tb->cur)) : 1;
    if (under < 1)
        under = 1;
    if (under > width)
        under = width;
    int total = col_of(tb, tb->len);
    /* Text that shrank (a deletion) should not stay scrolled past what now fits. */
    if (tb->scroll > 0 && total + 1 - tb->scroll < width)
        tb->scroll = total + 1 - width > 0 ? total + 1 - width : 0;
    if (ccol < tb->scroll)
        tb->scroll = ccol;
    if (ccol + under > tb->scroll + width)
        tb->scroll = ccol + under - width;
    /* Land on a character boundary: a wide character is shown whole or not at all. */
    int actual;
    pos_at_col(tb, tb->scroll, &actual);
    if (actual > ccol)
        actual = ccol;
    tb->scroll = actual;
}

void textbuf_visible(const struct textbuf *tb, int width, size_t *off, size_t *n, int *cursor_x)
{
    int c;
    size_t start = pos_at_col(tb, tb->scroll, &c);
    size_t pos = start;
    int used = c - tb->scroll;
    while (pos < tb->len) {
        size_t nx = next_char(tb, pos);
        int w = char_width(tb, pos, nx);
        if (used + w > width)
            break;
        used += w;
        pos = nx;
    }
    *off = start;
    *n = pos - start;
    *cursor_x = textbuf_cursor_col(tb) - tb->scroll;
}
