/* member_pick.c — the party-member picker: picker.c's list over roster_member_page (every branch), so a member
 * is searched and shown alike wherever one is chosen. */
#include "member_pick.h"

#include <stdio.h>

#include "app.h"
#include "picker.h"

struct member_src {
    sqlite3 *db;
    const struct member_pick *mp;
    char query[129];
    struct fx_error err;
};

static int member_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct member_src *c = vctx;
    const struct member *a = after;
    return roster_member_page(c->db, 0, c->query, a ? a->name : "", a ? a->id : 0, rows, max, &c->err);
}

static void member_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    struct member_src *c = vctx;
    const struct member *m = row;
    switch (c->mp->fields[col]) {
    case MEMBER_PICK_NAME: snprintf(out, outsz, "%s", m->name); break;
    case MEMBER_PICK_BRANCH: snprintf(out, outsz, "%s", m->branch); break;
    case MEMBER_PICK_ROLE: snprintf(out, outsz, "%s", m->role); break;
    case MEMBER_PICK_PHONE: snprintf(out, outsz, "%s", m->phone); break;
    default: break;
    }
}

static void member_query(void *vctx, const char *q)
{
    struct member_src *c = vctx;
    snprintf(c->query, sizeof c->query, "%s", q);
}

bool member_pick_run(struct app *app, const struct member_pick *mp, struct member *out)
{
    struct member_src ctx = {.db = app->db, .mp = mp};
    struct picker p = {
        .title = mp->title,
        .hint = mp->hint,
        .cols = mp->cols,
        .ncols = mp->ncols,
        .src = {.row_size = sizeof(struct member), .fetch = member_fetch, .cell = member_cell, .ctx = &ctx},
        .set_query = member_query,
    };
    return picker_run(app, &p, out);
}
