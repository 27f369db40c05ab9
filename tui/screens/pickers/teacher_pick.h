/* teacher_pick.h — the one teacher picker the 台账 form and the 菜单 screen open: the pool's active teachers a
 * page at a time with their sessions in a year, found by name, unit or topic (pinyin initials too). */
#ifndef FX_TEACHER_PICK_H
#define FX_TEACHER_PICK_H

#include <stdbool.h>

#include "roster.h"
#include "table.h"

struct app;

/* What a column shows; the caller gives its header, width and alignment. */
enum teacher_pick_field {
    TEACHER_PICK_NAME,
    TEACHER_PICK_ORG,        /* 工作单位 */
    TEACHER_PICK_TYPE,       /* 领导型 / 榜样型 / 专家型 */
    TEACHER_PICK_EMPLOYMENT, /* 专职 / 兼职 */
    TEACHER_PICK_SESSIONS,   /* sessions taught in year */
};

struct teacher_pick {
    const char *title;
    const char *hint;
    const struct table_col *cols;          /* headers, widths, alignment */
    const enum teacher_pick_field *fields; /* what each of the ncols columns shows */
    int ncols;
    const char *initial_query; /* NULL: every teacher */
    int year;                  /* TEACHER_PICK_SESSIONS counts this year's sessions */
    /* A first row "＋ 新增教师": chosen, a short form adds the teacher to the pool at
     * once (its own audited save), named by the query when it is not initials. */
    bool offer_new;
};

/* Run the picker. true with the chosen (or newly added) teacher in *out;
 * false on Esc, *out untouched. */
bool teacher_pick_run(struct app *app, const struct teacher_pick *tp, struct teacher *out);

#endif
