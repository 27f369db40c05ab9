/* course_pick.h — the one course picker the 台账 form and the 菜单 screen open: the menu's courses in its order
 * (category, module, title) a page at a time, found by title, module or teacher (pinyin initials too). */
#ifndef FX_COURSE_PICK_H
#define FX_COURSE_PICK_H

#include <stdbool.h>

#include "menu.h"
#include "table.h"

struct app;

/* What a column shows; the caller gives its header, width and alignment. */
enum course_pick_field {
    COURSE_PICK_TITLE,
    COURSE_PICK_CATEGORY,
    COURSE_PICK_TEACHER,
    COURSE_PICK_HOURS,   /* 2, 1.5 */
    COURSE_PICK_RETIRED, /* "停用" for a retired course, else blank */
};

struct course_pick {
    const char *title;
    const char *hint;
    const struct table_col *cols;         /* headers, widths, alignment */
    const enum course_pick_field *fields; /* what each of the ncols columns shows */
    int ncols;
    const char *initial_query; /* NULL: every course */
    bool include_retired;      /* false: only what can still be ordered and delivered */
};

/* Run the picker. true with the chosen course in *out; false on Esc, *out untouched. */
bool course_pick_run(struct app *app, const struct course_pick *cp, struct course *out);

#endif
