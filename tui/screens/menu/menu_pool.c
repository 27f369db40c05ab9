/* menu_pool.c — the 菜单 screen's 师资库 (teacher pool with this year's sessions) and 教学点 (venues) views,
 * their add/edit forms, and the teacher, venue and branch pickers the course and order forms use. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "pickers/branch_pick.h"
#include "pickers/teacher_pick.h"
#include "pickers/venue_pick.h"
#include "branch.h"
#include "date.h"
#include "dialog.h"
#include "form.h"
#include "menu_views.h"
#include "screen.h"
#include "table.h"
#include "entity.h"
#include "feedback.h"
#include "text.h"
#include "text_limits.h"
#include "teacher.h"
#include "venue.h"
#include "text.h"

static const char *const no_yes[] = {"否", "是"};

/* ---- retiring a teacher or a venue (停用, with a reason; issue 17) ---- */

struct retire_ctx {
    struct app *app;
    const char *table, *what;
    int64_t id;
};

static int retire_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct retire_ctx *c = vctx;
    int rc = entity_retire(c->app->db, c->table, c->what, c->id, true, form->fields[0].text, err);
    if (!rc)
        app_mark_saved(c->app);
    else if (!err->field[0])
        text_copy(err->field, sizeof err->field, "reason");
    return rc;
}

/* Ask, then the reason, then retire: the row leaves the list and the pickers; what it did stays in the ledger. */
static int retire_row(struct app *app, const char *table, const char *what, int64_t id, const char *name)
{
    char msg[600];
    text_format(msg, sizeof msg, "停用%s“%s”？\n停用后不再出现在%s和选择列表中；已经办过的培训记录不受影响。", what,
                name, strcmp(table, "venue") ? "师资库" : "教学点");
    char title[300];
    text_format(title, sizeof title, "停用%s", what);
    if (!dialog_confirm(app, title, msg))
        return SCR_HANDLED | SCR_REDRAW;
    struct form_field f[1];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "reason", .label = "停用原因", .type = FIELD_TEXT, .required = true, .max = FX_WHY_CHARS};
    text_format(title, sizeof title, "停用%s：%s", what, name);
    struct retire_ctx c = {.app = app, .table = table, .what = what, .id = id};
    struct form form = {.title = title, .fields = f, .nfields = 1, .save = retire_save, .ctx = &c};
    if (!form_run(app, &form))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "已停用%s“%s”（原因：%s）", what, name, f[0].text);
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- teachers ---- */

struct teacher_src {
    sqlite3 *db;
    int year;
    int sort; /* enum teacher_sort, cycled by s */
    char query[129];
    struct fx_error err;
};

static int teacher_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct teacher_src *s = vctx;
    const struct teacher_row *a = after;
    return teacher_page_sorted(s->db, s->year, s->query, s->sort, a, rows, max, &s->err);
}

static void teacher_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct teacher_row *p = row;
    const struct teacher *t = &p->t;
    switch (col) {
    case 0: snprintf(out, outsz, "%s", t->name); break;
    case 1: snprintf(out, outsz, "%s", t->employment); break;
    case 2: snprintf(out, outsz, "%s", t->type); break;
    case 3: snprintf(out, outsz, "%s", t->is_adviser ? "指导员" : ""); break;
    case 4: snprintf(out, outsz, "%s", t->org); break;
    case 5: snprintf(out, outsz, "%s", t->phone); break;
    case 6: snprintf(out, outsz, "%d", p->sessions); break;
    case 7: snprintf(out, outsz, "%g", p->hours); break;
    case 8: snprintf(out, outsz, "%lld", (long long)p->present); break;
    case 9: feedback_rate_text(feedback_rate(p->satisfied, p->forms), out, outsz); break;
    default: break;
    }
}

static const struct table_col teacher_cols[] = {
    {"姓名", 8, 'l'}, {"专兼", 4, 'l'},  {"类型", 6, 'l'},     {"", 6, 'l'},
    {"单位", 0, 'l'}, {"电话", 11, 'l'}, {"期数", 4, 'r'}, {"学时", 5, 'r'}, {"人次", 6, 'r'}, {"满意度", 6, 'r'},
};

static struct {
    struct teacher_src src;
    struct table t;
    bool ready;
    struct rect r;
} teachers;

static int current_year(void)
{
    struct fx_date d;
    date_today(&d);
    return d.y;
}

static int teachers_enter(struct app *app)
{
    teachers.src.db = app->db;
    teachers.src.year = current_year();
    if (!teachers.ready) {
        struct table_source src = {
            .row_size = sizeof(struct teacher_row), .fetch = teacher_fetch, .cell = teacher_cell, .ctx = &teachers.src};
        if (table_init(&teachers.t, teacher_cols, 10, &src))
            return SCR_REDRAW;
        teachers.ready = true;
    }
    table_refresh(&teachers.t);
    return SCR_REDRAW;
}

static void teachers_draw(struct app *app, struct rect b)
{
    (void)app;
    if (!teachers.ready || b.h < 5)
        return;
    teachers.r = (struct rect){b.y, b.x, b.h - 3, b.w};
    table_draw(&teachers.t, teachers.r);
    menu_rule(b.y + b.h - 3, b.x, b.w);
    const struct teacher_row *p = table_current(&teachers.t);
    if (!p)
        return;
    char line[700], rate[32];
    feedback_rate_text(feedback_rate(p->satisfied, p->forms), rate, sizeof rate);
    snprintf(line, sizeof line, "%s（%s、%s%s）  %d年授课 %d 期，%g 学时，%lld 人次，平均满意度 %s", p->t.name,
             p->t.employment, p->t.type, p->t.is_adviser ? "、指导员" : "", teachers.src.year, p->sessions, p->hours,
             (long long)p->present, rate);
    draw_text(b.y + b.h - 2, b.x + 1, b.w - 2, line, ROLE_HEADER);
    snprintf(line, sizeof line, "擅长专题：%s", p->t.topics[0] ? p->t.topics : "—");
    draw_text(b.y + b.h - 1, b.x + 1, b.w - 2, line, ROLE_DIM);
}

static const char *const employments[] = {"专职", "兼职"};
static const char *const teacher_types[] = {"领导型", "榜样型", "专家型"};

static int pick_index(const char *const *list, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(list[i], s))
            return i;
    return 0;
}

struct teacher_form_ctx {
    struct app *app;
    struct teacher t;
};

static int teacher_form_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct teacher_form_ctx *ctx = vctx;
    struct form_field *f = form->fields;
    struct teacher *t = &ctx->t;
    text_copy(t->name, sizeof t->name, f[0].text);
    snprintf(t->employment, sizeof t->employment, "%s", employments[f[1].choice]);
    snprintf(t->type, sizeof t->type, "%s", teacher_types[f[2].choice]);
    t->is_adviser = f[3].choice;
    text_copy(t->org, sizeof t->org, f[4].text);
    text_copy(t->phone, sizeof t->phone, f[5].text);
    text_copy(t->topics, sizeof t->topics, f[6].text);
    int rc = teacher_save(ctx->app->db, t, err);
    if (!rc)
        app_mark_saved(ctx->app);
    return rc;
}

static int edit_teacher(struct app *app, const struct teacher *old)
{
    struct teacher_form_ctx ctx = {.app = app};
    if (old)
        ctx.t = *old;
    else
        snprintf(ctx.t.employment, sizeof ctx.t.employment, "%s", "兼职");
    struct form_field f[7];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "name", .label = "姓名", .type = FIELD_TEXT, .required = true, .max = FX_PERSON_CHARS};
    f[1] = (struct form_field){
        .id = "employment", .label = "专职/兼职", .type = FIELD_CHOICE, .choices = employments, .nchoices = 2};
    f[2] = (struct form_field){
        .id = "type", .label = "类型", .type = FIELD_CHOICE, .choices = teacher_types, .nchoices = 3};
    f[3] = (struct form_field){
        .id = "is_adviser", .label = "指导员", .type = FIELD_CHOICE, .choices = no_yes, .nchoices = 2};
    f[4] = (struct form_field){.id = "org", .label = "单位", .type = FIELD_TEXT, .max = FX_PLACE_CHARS};
    f[5] = (struct form_field){.id = "phone", .label = "电话", .type = FIELD_TEXT, .max = FX_PHONE_CHARS};
    f[6] = (struct form_field){.id = "topics", .label = "擅长专题", .type = FIELD_TEXT, .max = FX_LINE_CHARS};
    snprintf(f[0].text, sizeof f[0].text, "%s", ctx.t.name);
    f[1].choice = pick_index(employments, 2, ctx.t.employment);
    f[2].choice = pick_index(teacher_types, 3, ctx.t.type[0] ? ctx.t.type : "专家型");
    f[3].choice = ctx.t.is_adviser ? 1 : 0;
    snprintf(f[4].text, sizeof f[4].text, "%s", ctx.t.org);
    snprintf(f[5].text, sizeof f[5].text, "%s", ctx.t.phone);
    snprintf(f[6].text, sizeof f[6].text, "%s", ctx.t.topics);
    struct form form = {
        .title = old ? "编辑教师" : "新建教师", .fields = f, .nfields = 7, .save = teacher_form_save, .ctx = &ctx};
    if (!form_run(app, &form))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "教师 %s 已保存", ctx.t.name);
    return SCR_HANDLED | SCR_RELOAD;
}

/* The picker shows some of the view's columns: name, type, unit, sessions this year. */
bool menu_pick_teacher(struct app *app, struct teacher *out)
{
    static const struct table_col cols[] = {
        {"姓名", 10, 'l'}, {"类型", 6, 'l'}, {"单位", 0, 'l'}, {"本年期数", 8, 'r'}};
    static const enum teacher_pick_field fields[] = {TEACHER_PICK_NAME, TEACHER_PICK_TYPE, TEACHER_PICK_ORG,
                                                     TEACHER_PICK_SESSIONS};
    struct teacher_pick p = {
        .title = "选择教师",
        .hint = "输入姓名、单位或专题，可用拼音首字母",
        .cols = cols,
        .fields = fields,
        .ncols = 4,
        .year = current_year(),
    };
    return teacher_pick_run(app, &p, out);
}

enum { TEACHER_SORT = ACT_LOCAL + 50 }; /* past the menu's own actions, which it handles before the view */

static int teachers_key(struct app *app, int action, int is_key, wint_t ch)
{
    switch (action) {
    case ACT_VOID: {
        const struct teacher_row *p = table_current(&teachers.t);
        if (!p)
            return SCR_HANDLED;
        struct teacher t = p->t;
        return retire_row(app, "teacher", "教师", t.id, t.name);
    }
    case TEACHER_SORT:
        teachers.src.sort = (teachers.src.sort + 1) % TEACHER_NSORTS;
        table_refresh(&teachers.t);
        app_status(app, "师资库按%s排序%s", teacher_sort_label(teachers.src.sort),
                   teachers.src.sort ? "（从多到少，相同的按姓名）" : "");
        return SCR_HANDLED | SCR_REDRAW;
    case ACT_NEW: return edit_teacher(app, NULL);
    case ACT_EDIT: {
        const struct teacher_row *p = table_current(&teachers.t);
        if (!p)
            return SCR_HANDLED;
        struct teacher t = p->t;
        return edit_teacher(app, &t);
    }
    case ACT_FIND: {
        struct teacher t;
        if (menu_pick_teacher(app, &t))
            return edit_teacher(app, &t);
        return SCR_HANDLED | SCR_REDRAW;
    }
    case ACT_MOVE: table_key(&teachers.t, is_key, ch); return SCR_HANDLED | SCR_REDRAW;
    default: return SCR_UNHANDLED;
    }
}

static int teachers_click(struct app *app, struct rect body, int y, int x)
{
    (void)app;
    (void)body;
    (void)x;
    table_click(&teachers.t, teachers.r, y);
    return SCR_HANDLED | SCR_REDRAW;
}

/* The 师资库 view's keys: X(key, twin, action, hint, help). */
#define TEACHER_KEYS(X)                                                                                                \
    X(FXK_F(2), 'n', ACT_NEW, "新建", "新建教师")                                                                      \
    X(FXK_F(4), 'e', ACT_EDIT, "编辑", "修改光标所在的教师")                                                           \
    X(FXK_F(7), '/', ACT_FIND, "查找", "查找教师：姓名、单位或专题，可用拼音首字母，找到后修改")             \
    X(FXK_F(8), 'd', ACT_VOID, "停用", "停用光标所在的教师（写明原因；已办的培训记录不受影响）")                 \
    X('s', 'S', TEACHER_SORT, "排序", "换排序：姓名、本年期数、学时、人次、平均满意度（从多到少）")
FX_KEYMAP(, menu_teacher_keys, "菜单：师资库", TEACHER_KEYS, menu_keys_also);

const struct menu_view menu_teachers_view = {
    .label = "师资库",
    .keys = &menu_teacher_keys,
    .note = "期数、学时、人次：本年度培训类场次（不含作废）；满意度按回收份数加权；s 换排序",
    .enter = teachers_enter,
    .draw = teachers_draw,
    .key = teachers_key,
    .click = teachers_click,
};

/* ---- venues ---- */

struct venue_src {
    sqlite3 *db;
    char query[129];
    struct fx_error err;
};

static int venue_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct venue_src *s = vctx;
    return venue_page(s->db, s->query, after, rows, max, &s->err);
}

static void venue_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct venue *v = row;
    switch (col) {
    case 0: snprintf(out, outsz, "%s", v->name); break;
    case 1: snprintf(out, outsz, "%s", v->kind); break;
    case 2: snprintf(out, outsz, "%s", v->theme); break;
    case 3:
        if (v->capacity)
            snprintf(out, outsz, "%d", v->capacity);
        break;
    case 4: snprintf(out, outsz, "%s", v->guide); break;
    default: break;
    }
}

static const struct table_col venue_cols[] = {
    {"名称", 0, 'l'}, {"类型", 6, 'l'}, {"主题", 0, 'l'}, {"容纳", 4, 'r'}, {"讲解员", 8, 'l'},
};

static struct {
    struct venue_src src;
    struct table t;
    bool ready;
    struct rect r;
} venues;

static int venues_enter(struct app *app)
{
    venues.src.db = app->db;
    if (!venues.ready) {
        struct table_source src = {
            .row_size = sizeof(struct venue), .fetch = venue_fetch, .cell = venue_cell, .ctx = &venues.src};
        if (table_init(&venues.t, venue_cols, 5, &src))
            return SCR_REDRAW;
        venues.ready = true;
    }
    table_refresh(&venues.t);
    return SCR_REDRAW;
}

static void venues_draw(struct app *app, struct rect b)
{
    (void)app;
    if (!venues.ready || b.h < 5)
        return;
    venues.r = (struct rect){b.y, b.x, b.h - 3, b.w};
    table_draw(&venues.t, venues.r);
    menu_rule(b.y + b.h - 3, b.x, b.w);
    const struct venue *v = table_current(&venues.t);
    if (!v)
        return;
    char line[700];
    snprintf(line, sizeof line, "%s（%s）  主题：%s", v->name, v->kind, v->theme[0] ? v->theme : "—");
    draw_text(b.y + b.h - 2, b.x + 1, b.w - 2, line, ROLE_HEADER);
    snprintf(line, sizeof line, "地址：%s  容纳 %d 人  讲解员：%s", v->address[0] ? v->address : "—", v->capacity,
             v->guide[0] ? v->guide : "—");
    draw_text(b.y + b.h - 1, b.x + 1, b.w - 2, line, ROLE_DIM);
}

static const char *const venue_kinds[] = {"主阵地", "教学点"};

struct venue_form_ctx {
    struct app *app;
    struct venue v;
};

static int venue_form_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct venue_form_ctx *ctx = vctx;
    struct form_field *f = form->fields;
    struct venue *v = &ctx->v;
    text_copy(v->name, sizeof v->name, f[0].text);
    snprintf(v->kind, sizeof v->kind, "%s", venue_kinds[f[1].choice]);
    text_copy(v->theme, sizeof v->theme, f[2].text);
    text_copy(v->address, sizeof v->address, f[3].text);
    char *end;
    double cap = strtod(f[4].text, &end);
    if (f[4].text[0] && (cap < 0 || cap != (int)cap || cap > 100000))
        return fx_fail_field(err, FX_EINPUT, "capacity", "容纳人数应为 0 到 100000 的整数");
    v->capacity = (int)cap;
    text_copy(v->guide, sizeof v->guide, f[5].text);
    int rc = venue_save(ctx->app->db, v, err);
    if (!rc)
        app_mark_saved(ctx->app);
    return rc;
}

static int edit_venue(struct app *app, const struct venue *old)
{
    struct venue_form_ctx ctx = {.app = app};
    if (old)
        ctx.v = *old;
    struct form_field f[6];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "name", .label = "名称", .type = FIELD_TEXT, .required = true, .max = FX_PLACE_CHARS};
    f[1] =
        (struct form_field){.id = "kind", .label = "类型", .type = FIELD_CHOICE, .choices = venue_kinds, .nchoices = 2};
    f[2] = (struct form_field){.id = "theme", .label = "主题", .type = FIELD_TEXT, .max = FX_LINE_CHARS};
    f[3] = (struct form_field){.id = "address", .label = "地址", .type = FIELD_TEXT, .max = FX_LINE_CHARS};
    f[4] = (struct form_field){.id = "capacity", .label = "容纳人数", .type = FIELD_NUMBER, .max = 8};
    f[5] = (struct form_field){.id = "guide", .label = "讲解员", .type = FIELD_TEXT, .max = FX_PERSON_CHARS};
    snprintf(f[0].text, sizeof f[0].text, "%s", ctx.v.name);
    f[1].choice = pick_index(venue_kinds, 2, ctx.v.kind);
    snprintf(f[2].text, sizeof f[2].text, "%s", ctx.v.theme);
    snprintf(f[3].text, sizeof f[3].text, "%s", ctx.v.address);
    snprintf(f[4].text, sizeof f[4].text, "%d", ctx.v.capacity);
    snprintf(f[5].text, sizeof f[5].text, "%s", ctx.v.guide);
    struct form form = {
        .title = old ? "编辑场地" : "新建场地", .fields = f, .nfields = 6, .save = venue_form_save, .ctx = &ctx};
    if (!form_run(app, &form))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "场地 %s 已保存", ctx.v.name);
    return SCR_HANDLED | SCR_RELOAD;
}

bool menu_pick_venue(struct app *app, struct venue *out)
{
    static const struct table_col cols[] = {{"名称", 0, 'l'}, {"类型", 6, 'l'}, {"主题", 0, 'l'}};
    static const enum venue_pick_field fields[] = {VENUE_PICK_NAME, VENUE_PICK_KIND, VENUE_PICK_THEME};
    struct venue_pick p = {
        .title = "选择场地",
        .hint = "输入名称、主题或地址，可用拼音首字母",
        .cols = cols,
        .fields = fields,
        .ncols = 3,
    };
    return venue_pick_run(app, &p, out);
}

static int venues_key(struct app *app, int action, int is_key, wint_t ch)
{
    switch (action) {
    case ACT_NEW: return edit_venue(app, NULL);
    case ACT_EDIT: {
        const struct venue *v = table_current(&venues.t);
        if (!v)
            return SCR_HANDLED;
        struct venue copy = *v;
        return edit_venue(app, &copy);
    }
    case ACT_FIND: {
        struct venue v;
        if (menu_pick_venue(app, &v))
            return edit_venue(app, &v);
        return SCR_HANDLED | SCR_REDRAW;
    }
    case ACT_VOID: {
        const struct venue *v = table_current(&venues.t);
        if (!v)
            return SCR_HANDLED;
        struct venue copy = *v;
        return retire_row(app, "venue", "场地", copy.id, copy.name);
    }
    case ACT_MOVE: table_key(&venues.t, is_key, ch); return SCR_HANDLED | SCR_REDRAW;
    default: return SCR_UNHANDLED;
    }
}

static int venues_click(struct app *app, struct rect body, int y, int x)
{
    (void)app;
    (void)body;
    (void)x;
    table_click(&venues.t, venues.r, y);
    return SCR_HANDLED | SCR_REDRAW;
}

/* The 教学点 view's keys: X(key, twin, action, hint, help). */
#define VENUE_KEYS(X)                                                                                                  \
    X(FXK_F(2), 'n', ACT_NEW, "新建", "新建场地")                                                                      \
    X(FXK_F(4), 'e', ACT_EDIT, "编辑", "修改光标所在的场地")                                                           \
    X(FXK_F(7), '/', ACT_FIND, "查找", "查找场地：名称、主题或地址，可用拼音首字母，找到后修改")             \
    X(FXK_F(8), 'd', ACT_VOID, "停用", "停用光标所在的场地（写明原因；已办的培训记录不受影响）")
FX_KEYMAP(, menu_venue_keys, "菜单：教学点", VENUE_KEYS, menu_keys_also);

const struct menu_view menu_venues_view = {
    .label = "教学点",
    .keys = &menu_venue_keys,
    .note = "主阵地在前，教学点在后",
    .enter = venues_enter,
    .draw = venues_draw,
    .key = venues_key,
    .click = venues_click,
};

/* ---- branches (for ordering) ---- */

bool menu_pick_branch(struct app *app, struct branch *out)
{
    static const struct branch_pick_col cols[] = {
        {BRANCH_PICK_NAME, 0}, {BRANCH_PICK_KIND, 6}, {BRANCH_PICK_SECRETARY, 10}};
    struct branch_pick p = {
        .title = "点单的党组织",
        .hint = "输入党组织名称，可用拼音首字母，如 dfc 找到东风村党支部",
        .cols = cols,
        .ncols = 3,
    };
    return branch_pick_run(app, &p, out);
}
