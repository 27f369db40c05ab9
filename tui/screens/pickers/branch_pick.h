/* branch_pick.h — the one 党组织 picker the 台账, 菜单 and 名册 screens open: the active branches a page at a time,
 * found by name or pinyin initials, choosing one, or ticking several when the caller passes what is ticked. */
#ifndef FX_BRANCH_PICK_H
#define FX_BRANCH_PICK_H

#include <stdbool.h>
#include <stdint.h>

#include "branch.h"

struct app;

/* What a column shows; its header and alignment go with it. */
enum branch_pick_field {
    BRANCH_PICK_TICK, /* [✓] when the row's id is in ticked */
    BRANCH_PICK_NAME,
    BRANCH_PICK_KIND,
    BRANCH_PICK_SECRETARY,
    BRANCH_PICK_MEMBERS, /* active members, "12人" */
    BRANCH_PICK_NFIELDS
};

struct branch_pick_col {
    enum branch_pick_field field;
    int width; /* display columns, 0 = share what is left */
};

struct branch_pick {
    const char *title;
    const char *hint;
    const struct branch_pick_col *cols; /* at most BRANCH_PICK_NFIELDS */
    int ncols;
    const char *initial_query; /* NULL: start with every branch */
    /* A first row of the caller's own ("（全部党组织）", "＋ 新建党组织"), shown while
     * nothing is typed; chosen, it gives id 0 and this name. NULL: none. */
    const char *extra;
    /* Multi-select: the ids ticked so far (borrowed). Each run still chooses one
     * row; the caller ticks or unticks it and opens the picker again. */
    const int64_t *ticked;
    int nticked;
    bool ticking; /* the caller ticks several in a row: Enter ticks, Esc is done (the picker's keys say so) */
};

/* Run the picker. true with the chosen branch in *out; false on Esc (or out of
 * memory), *out untouched. */
bool branch_pick_run(struct app *app, const struct branch_pick *bp, struct branch *out);

#endif
