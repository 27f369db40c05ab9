/* venue_pick.h — the one venue picker the 台账 form and the 菜单 screen open: active venues (主阵地 first, then
 * 教学点) a page at a time, found by name, theme or address (pinyin initials too). */
#ifndef FX_VENUE_PICK_H
#define FX_VENUE_PICK_H

#include <stdbool.h>

#include "roster.h"
#include "table.h"

struct app;

/* What a column shows; the caller gives its header, width and alignment. */
enum venue_pick_field {
    VENUE_PICK_NAME,
    VENUE_PICK_KIND, /* 主阵地 / 教学点 */
    VENUE_PICK_THEME,
    VENUE_PICK_ADDRESS,
};

struct venue_pick {
    const char *title;
    const char *hint;
    const struct table_col *cols;        /* headers, widths, alignment */
    const enum venue_pick_field *fields; /* what each of the ncols columns shows */
    int ncols;
    const char *initial_query; /* NULL: every venue */
    /* A first row "＋ 新增场地": chosen, a short form adds the venue at once
     * (its own audited save), named by the query when it is not initials. */
    bool offer_new;
};

/* Run the picker. true with the chosen (or newly added) venue in *out; false on Esc, *out untouched. */
bool venue_pick_run(struct app *app, const struct venue_pick *vp, struct venue *out);

#endif
