/* draw.h — the only way text reaches the terminal: cut by display width, never split, sanitized.
 * Also the colour roles (with a monochrome fallback and NO_COLOR) and the cursor placement. */
#ifndef FX_DRAW_H
#define FX_DRAW_H

#include <stdbool.h>

/* A region of the screen, in rows and display columns. */
struct rect {
    int y, x, h, w;
};

enum draw_role {
    ROLE_NORMAL,
    ROLE_TITLE,     /* title line */
    ROLE_TAB,       /* a tab that is not current */
    ROLE_TAB_CUR,   /* the current tab */
    ROLE_KEY,       /* "F1" in the key bar */
    ROLE_KEYLABEL,  /* "帮助" in the key bar */
    ROLE_KEYOFF,    /* an action the current screen does not offer */
    ROLE_SELECTED,  /* the cursor row of a table or list */
    ROLE_HEADER,    /* table column titles */
    ROLE_ERROR,     /* error messages, validation at a field */
    ROLE_DIM,       /* hints */
    ROLE_FIELD,     /* an input field */
    ROLE_FIELD_CUR, /* the focused input field */
    ROLE_DIALOG,    /* dialog and form background */
    ROLE_FIGURE,    /* a number on the home screen */
    ROLE_COUNT
};

/* After initscr: colours when the terminal has them and $NO_COLOR is unset or empty. */
void draw_init(void);
/* The terminal draws East Asian Ambiguous characters (“ ” … → · ★ │ ─) two columns
 * wide: every such character is drawn as a one-column ASCII stand-in instead, the
 * box lines as | - +. */
void draw_set_ambiguous_wide(bool wide);
bool draw_ambiguous_wide(void);
bool draw_has_color(void);

/* Draw s at (y, x) in at most cols columns: control characters and escape
 * sequences removed, cut with "…", a wide character never split. Clipped to
 * the screen. Returns the columns drawn. */
int draw_text(int y, int x, int cols, const char *s, int role);
/* The same, then filled with spaces to exactly cols columns; align 'l', 'r', 'c'. */
int draw_text_pad(int y, int x, int cols, const char *s, int role, char align);
/* Blank cols columns. */
void draw_fill(int y, int x, int cols, int role);
/* A framed box filled with role, title centred in the top border. */
void draw_box(struct rect r, const char *title, int role);

/* The clear "终端窗口太小" screen (below 80x24). */
#define DRAW_MIN_COLS 80
#define DRAW_MIN_ROWS 24
bool draw_too_small(void);
void draw_too_small_screen(void);

/* Every frame: draw_begin() forgets the cursor, a focused field calls
 * draw_cursor_at(), and draw_end() shows the cursor there (or hides it) and
 * refreshes. */
void draw_begin(void);
void draw_cursor_at(int y, int x);
void draw_end(void);

/* Word-wrap s (may hold '\n') to cols columns; fills up to maxlines line
 * starts/lengths in bytes and returns the number of lines. */
int draw_wrap(const char *s, int cols, int *starts, int *lens, int maxlines);

#endif
