/* ledger_pick.c — the pickers of the 台账 form and filter: menu courses, teachers, venues, branches,
 * and the short forms adding a teacher or venue to the pool on the spot when the picker has none. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "pickers/branch_pick.h"
#include "form.h"
#include "ledger_views.h"
#include "menu.h"
#include "picker.h"
#include "pool.h"
#include "roster.h"
#include "table.h"
#include "text.h"

struct course_src {
    sqlite3 *db;
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
    (void)vctx;
    const struct course *c = row;
    if (col == 3)
        ledger_fmt_hours(out, outsz, c->hours);
    else
        snprintf(out, outsz, "%s", col == 0 ? c->title : col == 1 ? c->category : c->teacher);
}

static void course_query(void *vctx, const char *q)
{
    struct course_src *c = vctx;
    snprintf(c->filter.query, sizeof c->filter.query, "%s", q);
}

/* Teachers and venues: the first row offers to add a new one named by the query. */
#define ROW_NEW (-1)

struct teacher_src {
    sqlite3 *db;
    int year;
    char query[129];
    struct fx_error err;
};

static int teacher_fetch(void *vctx, const void *after, void *vrows, int max)
{
    struct teacher_src *c = vctx;
    const struct pool_teacher *a = after;
    struct pool_teacher *rows = vrows;
    if (!a) {
        memset(&rows[0], 0, sizeof rows[0]);
        rows[0].t.id = ROW_NEW;
        if (max == 1)
            return 1;
        int n = pool_teacher_page(c->db, c->year, c->query, "", 0, rows + 1, max - 1, &c->err);
        return n < 0 ? -1 : n + 1;
    }
    if (a->t.id == ROW_NEW)
        return pool_teacher_page(c->db, c->year, c->query, "", 0, rows, max, &c->err);
    return pool_teacher_page(c->db, c->year, c->query, a->t.name, a->t.id, rows, max, &c->err);
}

static void teacher_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    struct teacher_src *c = vctx;
    const struct pool_teacher *t = row;
    if (t->t.id == ROW_NEW) {
        if (col == 0)
            snprintf(out, outsz, "＋ 新增教师");
        else if (col == 1)
            snprintf(out, outsz, "%s", c->query[0] ? c->query : "（师资库里没有时选这一行）");
        return;
    }
    snprintf(out, outsz, "%s", col == 0 ? t->t.name : col == 1 ? t->t.org : col == 2 ? t->t.type : t->t.employment);
}

static void teacher_query(void *vctx, const char *q)
{
    struct teacher_src *c = vctx;
    snprintf(c->query, sizeof c->query, "%s", q);
}

struct venue_src {
    sqlite3 *db;
    char query[129];
    struct fx_error err;
};

static int venue_fetch(void *vctx, const void *after, void *vrows, int max)
{
    struct venue_src *c = vctx;
    const struct venue *a = after;
    struct venue *rows = vrows;
    if (!a) {
        memset(&rows[0], 0, sizeof rows[0]);
        rows[0].id = ROW_NEW;
        if (max == 1)
            return 1;
        int n = pool_venue_page(c->db, c->query, NULL, rows + 1, max - 1, &c->err);
        return n < 0 ? -1 : n + 1;
    }
    return pool_venue_page(c->db, c->query, a->id == ROW_NEW ? NULL : a, rows, max, &c->err);
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
    snprintf(out, outsz, "%s", col == 0 ? v->name : col == 1 ? v->kind : v->address);
}

static void venue_query(void *vctx, const char *q)
{
    struct venue_src *c = vctx;
    snprintf(c->query, sizeof c->query, "%s", q);
}

/* Both branch pickers of the 台账 tick: the filter its one branch, the form the branches chosen so far. */
static const struct branch_pick_col tick_cols[] = {{BRANCH_PICK_TICK, 3}, {BRANCH_PICK_NAME, 0}, {BRANCH_PICK_KIND, 8}};

/* A typed letter starts the picker's query, so "zs" on a field goes straight to 张三. */
int ledger_pick_key(int is_key, wint_t ch, char *q, size_t qsz)
{
    q[0] = '\0';
    if ((is_key && (ch == KEY_BACKSPACE || ch == KEY_DC)) || (!is_key && (ch == 127 || ch == 8)))
        return PICK_KEY_CLEAR;
    if (is_key || ch < ' ' || ch == 127)
        return PICK_KEY_OTHER;
    if (ch > ' ' && qsz > 4)
        q[text_encode((uint32_t)ch, q)] = '\0';
    return PICK_KEY_OPEN;
}

/* One branch (the list filter): Backspace clears. */
bool ledger_pick_branch(struct app *app, int is_key, wint_t ch, int64_t *id, char *name, size_t namesz)
{
    char q[8];
    switch (ledger_pick_key(is_key, ch, q, sizeof q)) {
    case PICK_KEY_CLEAR:
        *id = 0;
        name[0] = '\0';
        return true;
    case PICK_KEY_OPEN: break;
    default: return false;
    }
    struct branch_pick p = {.title = "选择党组织",
                            .hint = "输入名称或拼音首字母",
                            .cols = tick_cols,
                            .ncols = 3,
                            .initial_query = q,
                            .ticked = id,
                            .nticked = *id ? 1 : 0};
    struct branch b;
    if (!branch_pick_run(app, &p, &b))
        return false;
    *id = b.id;
    snprintf(name, namesz, "%s", b.name);
    return true;
}

/* New teacher or venue typed in on the spot: a short form, saved to the pool at once (its own audited transaction). */
struct newpool_ctx {
    struct app *app;
    int64_t id;
    char name[201];
};

static const char *const employments[] = {"兼职", "专职"};
static const char *const teacher_types[] = {"专家型", "领导型", "榜样型"};
static const char *const venue_kinds[] = {"教学点", "主阵地"};

static int newteacher_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct newpool_ctx *c = vctx;
    struct teacher t;
    memset(&t, 0, sizeof t);
    snprintf(t.name, sizeof t.name, "%s", form->fields[0].text);
    snprintf(t.employment, sizeof t.employment, "%s", employments[form->fields[1].choice]);
    snprintf(t.type, sizeof t.type, "%s", teacher_types[form->fields[2].choice]);
    snprintf(t.org, sizeof t.org, "%s", form->fields[3].text);
    int rc = roster_save_teacher(c->app->db, &t, err);
    if (!rc) {
        c->id = t.id;
        snprintf(c->name, sizeof c->name, "%s", t.name);
        app_mark_saved(c->app);
    }
    return rc;
}

static int newvenue_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct newpool_ctx *c = vctx;
    struct venue v;
    memset(&v, 0, sizeof v);
    snprintf(v.name, sizeof v.name, "%s", form->fields[0].text);
    snprintf(v.kind, sizeof v.kind, "%s", venue_kinds[form->fields[1].choice]);
    snprintf(v.address, sizeof v.address, "%s", form->fields[2].text);
    int rc = roster_save_venue(c->app->db, &v, err);
    if (!rc) {
        c->id = v.id;
        snprintf(c->name, sizeof c->name, "%s", v.name);
        app_mark_saved(c->app);
    }
    return rc;
}

/* A query of only ASCII letters is initials, not a name: do not offer it as one. */
static const char *name_guess(const char *q)
{
    for (const char *p = q; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return q;
    return "";
}

static bool new_teacher(struct app *app, const char *query, struct newpool_ctx *out)
{
    struct form_field f[4];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "name", .label = "姓名", .type = FIELD_TEXT, .required = true, .max = 100};
    f[1] = (struct form_field){
        .id = "employment", .label = "专职/兼职", .type = FIELD_CHOICE, .choices = employments, .nchoices = 2};
    f[2] = (struct form_field){
        .id = "type", .label = "类型", .type = FIELD_CHOICE, .choices = teacher_types, .nchoices = 3};
    f[3] = (struct form_field){.id = "org", .label = "工作单位", .type = FIELD_TEXT, .max = 120};
    snprintf(f[0].text, sizeof f[0].text, "%s", name_guess(query));
    out->app = app;
    struct form form = {
        .title = "新增教师（存入师资库）", .fields = f, .nfields = 4, .save = newteacher_save, .ctx = out};
    return form_run(app, &form);
}

static bool new_venue(struct app *app, const char *query, struct newpool_ctx *out)
{
    struct form_field f[3];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "name", .label = "名称", .type = FIELD_TEXT, .required = true, .max = 200};
    f[1] =
        (struct form_field){.id = "kind", .label = "类型", .type = FIELD_CHOICE, .choices = venue_kinds, .nchoices = 2};
    f[2] = (struct form_field){.id = "address", .label = "地址", .type = FIELD_TEXT, .max = 250};
    snprintf(f[0].text, sizeof f[0].text, "%s", name_guess(query));
    out->app = app;
    struct form form = {.title = "新增场地", .fields = f, .nfields = 3, .save = newvenue_save, .ctx = out};
    return form_run(app, &form);
}

bool ledger_pick_course(struct app *app, const char *query, struct course *out)
{
    static const struct table_col cols[] = {
        {"课程", 0, 'l'}, {"内容类别", 12, 'l'}, {"教师", 8, 'l'}, {"学时", 4, 'r'}};
    struct course_src ctx = {.db = app->db};
    struct picker p = {
        .title = "从培训菜单选课",
        .hint = "输入课程、模块或教师，可用拼音首字母；选中后填入标题、类别、形式、教师、场地、学时",
        .cols = cols,
        .ncols = 4,
        .src = {.row_size = sizeof(struct course), .fetch = course_fetch, .cell = course_cell, .ctx = &ctx},
        .set_query = course_query,
        .initial_query = query};
    return picker_run(app, &p, out);
}

bool ledger_pick_teacher(struct app *app, int year, const char *query, int64_t *id, char *name, size_t namesz)
{
    static const struct table_col cols[] = {
        {"姓名", 12, 'l'}, {"工作单位", 0, 'l'}, {"类型", 8, 'l'}, {"专兼职", 6, 'l'}};
    struct teacher_src ctx = {.db = app->db, .year = year};
    struct picker p = {
        .title = "选择教师（师资库）",
        .hint = "输入姓名、单位或专题，可用拼音首字母；库里没有就选“＋ 新增教师”",
        .cols = cols,
        .ncols = 4,
        .src = {.row_size = sizeof(struct pool_teacher), .fetch = teacher_fetch, .cell = teacher_cell, .ctx = &ctx},
        .set_query = teacher_query,
        .initial_query = query};
    struct pool_teacher t;
    if (!picker_run(app, &p, &t))
        return false;
    if (t.t.id == ROW_NEW) {
        struct newpool_ctx n = {0};
        if (!new_teacher(app, ctx.query, &n))
            return false;
        *id = n.id;
        snprintf(name, namesz, "%s", n.name);
        return true;
    }
    *id = t.t.id;
    snprintf(name, namesz, "%s", t.t.name);
    return true;
}

bool ledger_pick_venue(struct app *app, const char *query, int64_t *id, char *name, size_t namesz)
{
    static const struct table_col cols[] = {{"场地", 0, 'l'}, {"类型", 8, 'l'}, {"地址", 24, 'l'}};
    struct venue_src ctx = {.db = app->db};
    struct picker p = {.title = "选择场地",
                       .hint = "输入名称、主题或地址，可用拼音首字母；没有就选“＋ 新增场地”",
                       .cols = cols,
                       .ncols = 3,
                       .src = {.row_size = sizeof(struct venue), .fetch = venue_fetch, .cell = venue_cell, .ctx = &ctx},
                       .set_query = venue_query,
                       .initial_query = query};
    struct venue v;
    if (!picker_run(app, &p, &v))
        return false;
    if (v.id == ROW_NEW) {
        struct newpool_ctx n = {0};
        if (!new_venue(app, ctx.query, &n))
            return false;
        *id = n.id;
        snprintf(name, namesz, "%s", n.name);
        return true;
    }
    *id = v.id;
    snprintf(name, namesz, "%s", v.name);
    return true;
}

bool ledger_pick_target(struct app *app, const char *query, const int64_t *chosen, int nchosen, struct branch *out)
{
    char title[128];
    snprintf(title, sizeof title, "参训党组织（已选 %d 个）", nchosen);
    struct branch_pick p = {.title = title,
                            .hint = "可以连选几个；输入名称或拼音首字母查找",
                            .cols = tick_cols,
                            .ncols = 3,
                            .initial_query = query,
                            .ticked = chosen,
                            .nticked = nchosen,
                            .ticking = true};
    return branch_pick_run(app, &p, out);
}
