/* venue_pick.c — the venue picker: picker.c's list over venue_page, and the short form that adds a venue
 * on the spot when there is none by that name. */
#include "venue_pick.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "picker.h"
#include "text.h"
#include "venue.h"

/* The "＋ 新增场地" row: an id no venue has. */
#define ROW_NEW (-1)

struct venue_src {
    sqlite3 *db;
    const struct venue_pick *vp;
    char query[129];
    struct fx_error err;
};

static int venue_fetch(void *vctx, const void *after, void *vrows, int max)
{
    struct venue_src *c = vctx;
    const struct venue *a = after;
    struct venue *rows = vrows;
    if (!a && c->vp->offer_new) {
        memset(&rows[0], 0, sizeof rows[0]);
        rows[0].id = ROW_NEW;
        if (max == 1)
            return 1;
        int n = venue_page(c->db, c->query, NULL, rows + 1, max - 1, &c->err);
        return n < 0 ? -1 : n + 1;
    }
    return venue_page(c->db, c->query, a && a->id != ROW_NEW ? a : NULL, rows, max, &c->err);
}

static void venue_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    struct venue_src *c = vctx;
    const struct venue *v = row;
    if (v->id == ROW_NEW) {
        if (col == 0)
            snprintf(out, outsz, "＋ 新增场地");
        else if (col == 1)
            snprintf(out, outsz, "%s", c->query[0] ? c->query : "（没有时选这一行）");
        return;
    }
    switch (c->vp->fields[col]) {
    case VENUE_PICK_NAME: snprintf(out, outsz, "%s", v->name); break;
    case VENUE_PICK_KIND: snprintf(out, outsz, "%s", v->kind); break;
    case VENUE_PICK_THEME: snprintf(out, outsz, "%s", v->theme); break;
    case VENUE_PICK_ADDRESS: snprintf(out, outsz, "%s", v->address); break;
    default: break;
    }
}

static void venue_query(void *vctx, const char *q)
{
    struct venue_src *c = vctx;
    snprintf(c->query, sizeof c->query, "%s", q);
}

/* ---- a new venue typed in on the spot ---- */

static const char *const venue_kinds[] = {"教学点", "主阵地"};

struct new_venue {
    struct app *app;
    struct venue v;
};

static int new_venue_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct new_venue *c = vctx;
    struct venue *v = &c->v;
    memset(v, 0, sizeof *v);
    text_copy(v->name, sizeof v->name, form->fields[0].text);
    snprintf(v->kind, sizeof v->kind, "%s", venue_kinds[form->fields[1].choice]);
    text_copy(v->address, sizeof v->address, form->fields[2].text);
    int rc = venue_save(c->app->db, v, err);
    if (!rc)
        app_mark_saved(c->app);
    return rc;
}

static bool new_venue(struct app *app, const char *query, struct venue *out)
{
    struct form_field f[3];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "name", .label = "名称", .type = FIELD_TEXT, .required = true, .max = FX_PLACE_CHARS};
    f[1] =
        (struct form_field){.id = "kind", .label = "类型", .type = FIELD_CHOICE, .choices = venue_kinds, .nchoices = 2};
    f[2] = (struct form_field){.id = "address", .label = "地址", .type = FIELD_TEXT, .max = FX_LINE_CHARS};
    /* Initials typed to search are not a name to offer. */
    snprintf(f[0].text, sizeof f[0].text, "%s", text_is_ascii(query) ? "" : query);
    struct new_venue c = {.app = app};
    struct form form = {.title = "新增场地", .fields = f, .nfields = 3, .save = new_venue_save, .ctx = &c};
    if (!form_run(app, &form))
        return false;
    *out = c.v;
    return true;
}

bool venue_pick_run(struct app *app, const struct venue_pick *vp, struct venue *out)
{
    struct venue_src ctx = {.db = app->db, .vp = vp};
    struct picker p = {
        .title = vp->title,
        .hint = vp->hint,
        .cols = vp->cols,
        .ncols = vp->ncols,
        .src = {.row_size = sizeof(struct venue), .fetch = venue_fetch, .cell = venue_cell, .ctx = &ctx},
        .set_query = venue_query,
        .initial_query = vp->initial_query,
    };
    struct venue v;
    if (!picker_run(app, &p, &v))
        return false;
    if (v.id == ROW_NEW)
        return new_venue(app, ctx.query, out);
    *out = v;
    return true;
}
