/* member_pick.h — the one party-member picker the home screen's search and the roll call's "+" open: active
 * members of every branch by name a page at a time, found by name or pinyin initials (zs → 张三). */
#ifndef FX_MEMBER_PICK_H
#define FX_MEMBER_PICK_H

#include <stdbool.h>

#include "roster.h"
#include "table.h"

struct app;

/* What a column shows; the caller gives its header, width and alignment. */
enum member_pick_field {
    MEMBER_PICK_NAME,
    MEMBER_PICK_BRANCH,
    MEMBER_PICK_ROLE,
    MEMBER_PICK_PHONE,
};

struct member_pick {
    const char *title;
    const char *hint;
    const struct table_col *cols;         /* headers, widths, alignment */
    const enum member_pick_field *fields; /* what each of the ncols columns shows */
    int ncols;
};

/* Run the picker. true with the chosen member in *out; false on Esc, *out untouched. */
bool member_pick_run(struct app *app, const struct member_pick *mp, struct member *out);

#endif
