/* table.h — a scrolling list of rows fetched page by page from a callback (keyset pagination).
 * Columns are sized in display columns; the table holds only what is on screen plus one key row per 64 rows passed. */
#ifndef FX_TABLE_H
#define FX_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "draw.h"

struct table_col {
    const char *title;
    int width;   /* display columns; 0 = share what is left */
    char align;  /* 'l', 'r' or 'c' */
};

/* Where rows come from. Rows are opaque blocks of row_size bytes. */
struct table_source {
    size_t row_size;
    /* Fill up to max rows strictly after the row `after` in the list's order
     * (after NULL: from the first row). Returns rows filled, or -1 on error
     * (the table then shows an error line). */
    int (*fetch)(void *ctx, const void *after, void *rows, int max);
    /* Text of column col for row (drawn through draw_text: cut, sanitized). */
    void (*cell)(void *ctx, const void *row, int col, char *out, size_t outsz);
    void *ctx;
    /* Optional: the row's role when it is not under the cursor (ROLE_DIM for a
     * retired row, ROLE_ERROR for an overdue one). NULL: ROLE_NORMAL. */
    int (*role)(void *ctx, const void *row);
};

#define TABLE_ANCHOR 64

struct table {
    const struct table_col *cols;
    int ncols;
    struct table_source src;
    int top;           /* index of the first visible row */
    int cur;           /* index of the cursor row */
    int nvis;          /* rows that fit (set by table_draw) */
    int end;           /* number of rows when known, else -1 */
    bool failed;       /* the last fetch failed */
    bool unfocused;    /* set by the owner: another list has the keys, so the cursor row is not highlighted */
    /* private */
    char *buf;         /* rows [buf_top, buf_top + nbuf) */
    int buf_top, nbuf, bufcap;
    bool buf_valid;
    char *anchors;     /* anchors[k-1] = row at index k*TABLE_ANCHOR - 1 */
    int nanch, anchcap;
    char *scratch, *after;
};

/* cols is borrowed (keep it alive); src is copied. Returns 0, -1 out of memory. */
int table_init(struct table *t, const struct table_col *cols, int ncols, const struct table_source *src);
void table_free(struct table *t);
/* The rows changed (a save, a new filter): forget everything, cursor to the first row. */
void table_reset(struct table *t);
/* Drop cached rows but keep the cursor where it is (after an edit in place). */
void table_refresh(struct table *t);

/* Draw the header line and the rows into r (fetching what is needed). */
void table_draw(struct table *t, struct rect r);
/* Up/Down/PgUp/PgDn/Home/End (and Ctrl-P/Ctrl-N). Returns true when the key was a move. */
bool table_key(struct table *t, int is_key, wint_t ch);
/* A click at screen row y inside r (as last drawn): the cursor goes there.
 * Returns true when a row was hit. */
bool table_click(struct table *t, struct rect r, int y);
/* The row under the cursor (valid until the next table call), or NULL when empty. */
const void *table_current(struct table *t);

#endif
