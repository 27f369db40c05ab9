/* lineedit.h — a one-line text field on screen: core/textbuf.h plus keys and drawing.
 * Knows nothing of what the text means; forms and the picker embed it. */
#ifndef FX_LINEEDIT_H
#define FX_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "textbuf.h"

struct lineedit {
    struct textbuf tb;  /* tb.s is the text (owned) */
    bool digits_only;   /* number fields: only 0-9 . - are typed in */
};

/* Nonzero means the editor took the key; LE_NOOP: its key, but at an edge. */
enum lineedit_result { LE_UNHANDLED = 0, LE_MOVED = 1, LE_CHANGED = 2, LE_NOOP = 3 };

/* max: most characters of text, as core/text_limits.h counts them (0: unlimited). Returns 0, -1 when out of memory. */
int lineedit_init(struct lineedit *le, size_t max, const char *text);
void lineedit_free(struct lineedit *le);
const char *lineedit_text(const struct lineedit *le);

/* Printable characters insert (an input-method burst arrives as several of
 * these); Left/Right/Home/End/Ctrl-A/Ctrl-E move; Backspace/Delete/Ctrl-U/
 * Ctrl-K delete. Enter, Tab, Esc, Up/Down are left to the owner. */
int lineedit_key(struct lineedit *le, int is_key, wint_t ch);

/* Draw in width columns at (y, x) with role; when focused, place the cursor. */
void lineedit_draw(struct lineedit *le, int y, int x, int width, int role, bool focused);

#endif
