/* teacher_pick.c — the teacher picker: picker.c's list over teacher_page, and the short form that adds a
 * teacher to the pool on the spot when the pool has none by that name. */
#include "teacher_pick.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "picker.h"
#include "teacher.h"
#include "text.h"

/* The "＋ 新增教师" row: an id no teacher has. */
#define ROW_NEW (-1)

struct teacher_src {
    sqlite3 *db;
    const struct teacher_pick *tp;
    char query[129];
    struct fx_error err;
};

static int teacher_fetch(void *vctx, const void *after, void *vrows, int max)
{
    struct teacher_src *c = vctx;
    const struct teacher_row *a = after;
    struct teacher_row *rows = vrows;
    if (!a && c->tp->offer_new) {
        memset(&rows[0], 0, sizeof rows[0]);
        rows[0].t.id = ROW_NEW;
        if (max == 1)
            return 1;
        int n = teacher_page(c->db, c->tp->year, c->query, "", 0, rows + 1, max - 1, &c->err);
        return n < 0 ? -1 : n + 1;
    }
    if (a && a->t.id == ROW_NEW)
        a = NULL; /* the pool starts after the extra row */
    return teacher_page(c->db, c->tp->year, c->query, a ? a->t.name : "", a ? a->t.id : 0, rows, max, &c->err);
}

static void teacher_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    struct teacher_src *c = vctx;
    const struct teacher_row *p = row;
    const struct teacher *t = &p->t;
    if (t->id == ROW_NEW) {
        if (col == 0)
            snprintf(out, outsz, "＋ 新增教师");
        else if (col == 1)
            snprintf(out, outsz, "%s", c->query[0] ? c->query : "（师资库里没有时选这一行）");
        return;
    }
    switch (c->tp->fields[col]) {
    case TEACHER_PICK_NAME: snprintf(out, outsz, "%s", t->name); break;
    case TEACHER_PICK_ORG: snprintf(out, outsz, "%s", t->org); break;
    case TEACHER_PICK_TYPE: snprintf(out, outsz, "%s", t->type); break;
    case TEACHER_PICK_EMPLOYMENT: snprintf(out, outsz, "%s", t->employment); break;
    case TEACHER_PICK_SESSIONS: snprintf(out, outsz, "%d", p->sessions); break;
    default: break;
    }
}

static void teacher_query(void *vctx, const char *q)
{
    struct teacher_src *c = vctx;
    snprintf(c->query, sizeof c->query, "%s", q);
}

/* ---- a new teacher typed in on the spot ---- */

static const char *const employments[] = {"兼职", "专职"};
static const char *const teacher_types[] = {"专家型", "领导型", "榜样型"};

struct new_teacher {
    struct app *app;
    struct teacher t;
};

static int new_teacher_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct new_teacher *c = vctx;
    struct teacher *t = &c->t;
    memset(t, 0, sizeof *t);
    text_copy(t->name, sizeof t->name, form->fields[0].text);
    snprintf(t->employment, sizeof t->employment, "%s", employments[form->fields[1].choice]);
    snprintf(t->type, sizeof t->type, "%s", teacher_types[form->fields[2].choice]);
    text_copy(t->org, sizeof t->org, form->fields[3].text);
    int rc = teacher_save(c->app->db, t, err);
    if (!rc)
        app_mark_saved(c->app);
    return rc;
}

static bool new_teacher(struct app *app, const char *query, struct teacher *out)
{
    struct form_field f[4];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "name", .label = "姓名", .type = FIELD_TEXT, .required = true, .max = FX_PERSON_CHARS};
    f[1] = (struct form_field){
        .id = "employment", .label = "专职/兼职", .type = FIELD_CHOICE, .choices = employments, .nchoices = 2};
    f[2] = (struct form_field){
        .id = "type", .label = "类型", .type = FIELD_CHOICE, .choices = teacher_types, .nchoices = 3};
    f[3] = (struct form_field){.id = "org", .label = "工作单位", .type = FIELD_TEXT, .max = FX_PLACE_CHARS};
    /* Initials typed to search are not a name to offer. */
    snprintf(f[0].text, sizeof f[0].text, "%s", text_is_ascii(query) ? "" : query);
    struct new_teacher c = {.app = app};
    struct form form = {
        .title = "新增教师（存入师资库）", .fields = f, .nfields = 4, .save = new_teacher_save, .ctx = &c};
    if (!form_run(app, &form))
        return false;
    *out = c.t;
    return true;
}

bool teacher_pick_run(struct app *app, const struct teacher_pick *tp, struct teacher *out)
{
    struct teacher_src ctx = {.db = app->db, .tp = tp};
    struct picker p = {
        .title = tp->title,
        .hint = tp->hint,
        .cols = tp->cols,
        .ncols = tp->ncols,
        .src = {.row_size = sizeof(struct teacher_row), .fetch = teacher_fetch, .cell = teacher_cell, .ctx = &ctx},
        .set_query = teacher_query,
        .initial_query = tp->initial_query,
    };
    struct teacher_row t;
    if (!picker_run(app, &p, &t))
        return false;
    if (t.t.id == ROW_NEW)
        return new_teacher(app, ctx.query, out);
    *out = t.t;
    return true;
}
