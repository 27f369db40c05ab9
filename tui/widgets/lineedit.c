/* lineedit.c — keys and drawing for a one-line text field over core/textbuf.c.
 * The editing rules live in core so they are unit-tested; this file only maps keys and paints. */
#include "lineedit.h"

#include <curses.h>
#include <string.h>

#include "draw.h"

int lineedit_init(struct lineedit *le, size_t max, const char *text)
{
    memset(le, 0, sizeof *le);
    if (textbuf_init(&le->tb, max))
        return -1;
    return textbuf_set(&le->tb, text ? text : "");
}

void lineedit_free(struct lineedit *le)
{
    textbuf_free(&le->tb);
}

const char *lineedit_text(const struct lineedit *le)
{
    return le->tb.s ? le->tb.s : "";
}

int lineedit_key(struct lineedit *le, int is_key, wint_t ch)
{
    struct textbuf *tb = &le->tb;
    if (is_key) {
        switch (ch) {
        case KEY_LEFT: return textbuf_left(tb) ? LE_MOVED : LE_NOOP;
        case KEY_RIGHT: return textbuf_right(tb) ? LE_MOVED : LE_NOOP;
        case KEY_HOME: textbuf_home(tb); return LE_MOVED;
        case KEY_END: textbuf_end(tb); return LE_MOVED;
        case KEY_BACKSPACE: return textbuf_backspace(tb) ? LE_CHANGED : LE_NOOP;
        case KEY_DC: return textbuf_delete(tb) ? LE_CHANGED : LE_NOOP;
        default: return LE_UNHANDLED;
        }
    }
    switch (ch) {
    case 1: textbuf_home(tb); return LE_MOVED;                             /* Ctrl-A */
    case 5: textbuf_end(tb); return LE_MOVED;                              /* Ctrl-E */
    case 2: return textbuf_left(tb) ? LE_MOVED : LE_NOOP;          /* Ctrl-B */
    case 6: return textbuf_right(tb) ? LE_MOVED : LE_NOOP;         /* Ctrl-F */
    case 8:                                                                 /* Ctrl-H */
    case 127: return textbuf_backspace(tb) ? LE_CHANGED : LE_NOOP; /* DEL as sent by most terminals */
    case 4: return textbuf_delete(tb) ? LE_CHANGED : LE_NOOP;      /* Ctrl-D */
    case 21: textbuf_kill_left(tb); return LE_CHANGED;                     /* Ctrl-U */
    case 11:                                                                /* Ctrl-K */
        tb->s[tb->cur] = '\0';
        tb->len = tb->cur;
        tb->changed = true;
        return LE_CHANGED;
    default: break;
    }
    if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0))
        return LE_UNHANDLED;
    if (le->digits_only && !((ch >= '0' && ch <= '9') || ch == '.' || ch == '-'))
        return LE_NOOP;
    return textbuf_insert_cp(tb, (unsigned)ch) ? LE_CHANGED : LE_NOOP;
}

void lineedit_draw(struct lineedit *le, int y, int x, int width, int role, bool focused)
{
    if (width < 1)
        return;
    textbuf_scroll(&le->tb, width);
    size_t off, n;
    int cx;
    textbuf_visible(&le->tb, width, &off, &n, &cx);
    char buf[2048];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, le->tb.s + off, n);
    buf[n] = '\0';
    draw_fill(y, x, width, role);
    draw_text(y, x, width, buf, role);
    if (focused)
        draw_cursor_at(y, x + (cx < width ? cx : width - 1));
}
