/* textbuf.h — the editable text of one input line, kept apart from curses so it can be unit-tested.
 * Moves, inserts and deletes by character (a base with its combining marks); scrolls by display column. */
#ifndef FX_TEXTBUF_H
#define FX_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>

/* A growable UTF-8 string with a cursor. The cursor is a byte offset that is
 * always on a character boundary; scroll is the first display column shown. */
struct textbuf {
    char *s;       /* always NUL-terminated valid UTF-8 (owned; textbuf_free) */
    size_t len;    /* bytes, without the NUL */
    size_t cap;
    size_t cur;    /* cursor, byte offset into s */
    int scroll;    /* first visible display column */
    size_t max;    /* most characters (code points) the text may hold (0: no limit) */
    bool changed;  /* set by every edit; the owner clears it */
    unsigned refused; /* characters left out by inserts: invisible ones, and those past max (the owner may clear it) */
    bool full;     /* the last insert stopped at max */
};

/* Start empty; max characters of text (0: unlimited), the same count as core/text_limits.h. Returns 0, or -1 when out of memory. */
int textbuf_init(struct textbuf *tb, size_t max);
void textbuf_free(struct textbuf *tb);
/* Replace the text (sanitized like textbuf_insert); cursor at the end, changed cleared. */
int textbuf_set(struct textbuf *tb, const char *s);

/* Insert UTF-8 at the cursor. Control characters are dropped and tab/newline
 * become a space, so pasted text cannot smuggle escape sequences; invalid
 * bytes become U+FFFD. Invisible characters (text_cp_invisible: zero-width,
 * bidi controls) are refused, as core's text_check refuses them at the door:
 * left out and counted in refused. Stops before the first character that would
 * pass max (full is set). Returns the bytes inserted. */
size_t textbuf_insert(struct textbuf *tb, const char *utf8);
/* Insert one code point (from get_wch). */
size_t textbuf_insert_cp(struct textbuf *tb, unsigned cp);

/* Delete the character before the cursor / under the cursor. False at the edge. */
bool textbuf_backspace(struct textbuf *tb);
bool textbuf_delete(struct textbuf *tb);
/* Delete from the start of the line to the cursor (Ctrl-U). */
void textbuf_kill_left(struct textbuf *tb);

/* Move one character left/right, or to either end. False when already there. */
bool textbuf_left(struct textbuf *tb);
bool textbuf_right(struct textbuf *tb);
void textbuf_home(struct textbuf *tb);
void textbuf_end(struct textbuf *tb);

/* Display column of the cursor from the start of the text. */
int textbuf_cursor_col(const struct textbuf *tb);

/* Adjust tb->scroll so the cursor is visible in a field width columns wide
 * (one column kept for the cursor past the end); scroll never lands inside a
 * wide character. */
void textbuf_scroll(struct textbuf *tb, int width);

/* The part of the text visible from tb->scroll in width columns: its byte
 * offset and length, and in *cursor_x the cursor's column within the field.
 * A wide character cut by the right edge is left out (never half drawn). */
void textbuf_visible(const struct textbuf *tb, int width, size_t *off, size_t *n, int *cursor_x);

#endif
