/* branch_pick.c — the 党组织 picker: picker.c's list over branch_page, with ticks and the caller's first row.
 * One source for every screen, so a branch is searched, paged and shown alike wherever one is chosen. */
#include "branch_pick.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "branch.h"
#include "picker.h"
#include "table.h"

static const struct {
    const char *title;
    char align;
} field_heads[BRANCH_PICK_NFIELDS] = {
    [BRANCH_PICK_TICK] = {"", 'l'},          [BRANCH_PICK_NAME] = {"党组织", 'l'},  [BRANCH_PICK_KIND] = {"类型", 'l'},
    [BRANCH_PICK_SECRETARY] = {"书记", 'l'}, [BRANCH_PICK_MEMBERS] = {"人数", 'r'},
};

struct branch_src {
    sqlite3 *db;
    const struct branch_pick *bp;
    char query[129];
    struct fx_error err;
};

static int branch_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct branch_src *ctx = vctx;
    const struct branch_row *a = after;
    struct branch_row *out = rows;
    int n = 0;
    /* The extra row has id 0, so the page after it starts from the first branch. */
    if (!a && ctx->bp->extra && !ctx->query[0] && max > 0) {
        memset(&out[0], 0, sizeof out[0]);
        snprintf(out[0].b.name, sizeof out[0].b.name, "%s", ctx->bp->extra);
        n = 1;
    }
    int got =
        branch_page(ctx->db, ctx->query, a && a->b.id ? a->b.name : "", a ? a->b.id : 0, out + n, max - n, &ctx->err);
    return got < 0 ? -1 : n + got;
}

static bool ticked(const struct branch_pick *bp, int64_t id)
{
    for (int i = 0; i < bp->nticked; i++)
        if (bp->ticked[i] == id)
            return true;
    return false;
}

static void branch_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    struct branch_src *ctx = vctx;
    const struct branch_row *r = row;
    enum branch_pick_field f = ctx->bp->cols[col].field;
    out[0] = '\0';
    if (!r->b.id) { /* the extra row is its name alone */
        if (f == BRANCH_PICK_NAME)
            snprintf(out, outsz, "%s", r->b.name);
        return;
    }
    switch (f) {
    case BRANCH_PICK_TICK: snprintf(out, outsz, "%s", ticked(ctx->bp, r->b.id) ? "[✓]" : "[ ]"); break;
    case BRANCH_PICK_NAME: snprintf(out, outsz, "%s", r->b.name); break;
    case BRANCH_PICK_KIND: snprintf(out, outsz, "%s", r->b.kind); break;
    case BRANCH_PICK_SECRETARY: snprintf(out, outsz, "%s", r->b.secretary); break;
    case BRANCH_PICK_MEMBERS: snprintf(out, outsz, "%lld人", (long long)r->members); break;
    default: break;
    }
}

static void branch_query(void *vctx, const char *q)
{
    struct branch_src *ctx = vctx;
    snprintf(ctx->query, sizeof ctx->query, "%s", q);
}

bool branch_pick_run(struct app *app, const struct branch_pick *bp, struct branch *out)
{
    struct table_col cols[BRANCH_PICK_NFIELDS];
    int ncols = bp->ncols < BRANCH_PICK_NFIELDS ? bp->ncols : BRANCH_PICK_NFIELDS;
    for (int i = 0; i < ncols; i++) {
        enum branch_pick_field f = bp->cols[i].field;
        cols[i] = (struct table_col){field_heads[f].title, bp->cols[i].width, field_heads[f].align};
    }
    struct branch_src ctx = {.db = app->db, .bp = bp};
    struct picker p = {
        .title = bp->title,
        .hint = bp->hint,
        .cols = cols,
        .ncols = ncols,
        .src = {.row_size = sizeof(struct branch_row), .fetch = branch_fetch, .cell = branch_cell, .ctx = &ctx},
        .set_query = branch_query,
        .initial_query = bp->initial_query,
        .ticking = bp->ticking,
    };
    struct branch_row b;
    if (!picker_run(app, &p, &b))
        return false;
    *out = b.b;
    return true;
}
