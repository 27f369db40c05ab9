/* course_pick.c — the course picker: picker.c's list over menu_course_page, in the 菜单 screen's order, so a
 * course is searched and shown alike wherever one is chosen (ordering it, delivering it, finding it). */
#include "course_pick.h"

#include <stdio.h>

#include "app.h"
#include "ledger.h"
#include "picker.h"

struct course_src {
    sqlite3 *db;
    const struct course_pick *cp;
    struct menu_filter filter;
    struct fx_error err;
};

static int course_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct course_src *c = vctx;
    return menu_course_page(c->db, &c->filter, after, 0, rows, max, &c->err);
}

static void course_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    struct course_src *c = vctx;
    const struct course *co = row;
    switch (c->cp->fields[col]) {
    case COURSE_PICK_TITLE: snprintf(out, outsz, "%s", co->title); break;
    case COURSE_PICK_CATEGORY: snprintf(out, outsz, "%s", co->category); break;
    case COURSE_PICK_TEACHER: snprintf(out, outsz, "%s", co->teacher); break;
    case COURSE_PICK_HOURS: ledger_format_hours(out, outsz, co->hours); break;
    case COURSE_PICK_RETIRED: snprintf(out, outsz, "%s", co->retired ? "停用" : ""); break;
    default: break;
    }
}

static void course_query(void *vctx, const char *q)
{
    struct course_src *c = vctx;
    snprintf(c->filter.query, sizeof c->filter.query, "%s", q);
}

bool course_pick_run(struct app *app, const struct course_pick *cp, struct course *out)
{
    struct course_src ctx = {.db = app->db, .cp = cp};
    ctx.filter.include_retired = cp->include_retired;
    struct picker p = {
        .title = cp->title,
        .hint = cp->hint,
        .cols = cp->cols,
        .ncols = cp->ncols,
        .src = {.row_size = sizeof(struct course), .fetch = course_fetch, .cell = course_cell, .ctx = &ctx},
        .set_query = course_query,
        .initial_query = cp->initial_query,
    };
    return picker_run(app, &p, out);
}
