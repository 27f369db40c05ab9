/* menu_orders.c — the 菜单 screen's 点单 view: branches' course orders, 已点单 → 已排课 → 已完成 or 已取消.
 * Delivering fills a session with order_to_session and saves it through the ledger, which links the order. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "branch.h"
#include "course.h"
#include "date.h"
#include "dialog.h"
#include "form.h"
#include "ledger.h"
#include "menu_views.h"
#include "order.h"
#include "screen.h"
#include "table.h"

#include "ledger/screen_ledger.h"
#include "teacher.h"
#include "venue.h"
#include "text.h"

static const char *const state_filters[] = {"全部", ORDER_PLACED, ORDER_SCHEDULED, ORDER_DONE, ORDER_CANCELLED, "逾期"};
#define NFILTERS 6

struct order_src {
    sqlite3 *db;
    struct order_filter filter;
    struct fx_error err;
};

static struct {
    struct order_src src;
    struct table t;
    bool ready;
    int filter;
    int64_t overdue;
    struct rect r;
} orders;

static int order_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct order_src *s = vctx;
    const struct course_order *a = after;
    return order_page(s->db, &s->filter, a ? a->id : 0, rows, max, &s->err);
}

static void order_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct course_order *o = row;
    switch (col) {
    case 0: snprintf(out, outsz, "%s", o->state); break;
    case 1: snprintf(out, outsz, "%s", o->course); break;
    case 2: snprintf(out, outsz, "%s", o->branch); break;
    case 3: snprintf(out, outsz, "%s", o->sched_date[0] ? o->sched_date : o->wanted_date); break;
    case 4: snprintf(out, outsz, "%s", o->teacher); break;
    case 5: snprintf(out, outsz, "%s", o->overdue ? "!逾期" : ""); break;
    default: break;
    }
}

static int order_role(void *vctx, const void *row)
{
    (void)vctx;
    const struct course_order *o = row;
    return o->overdue ? ROLE_ERROR : !strcmp(o->state, ORDER_CANCELLED) ? ROLE_DIM : ROLE_NORMAL;
}

static const struct table_col order_cols[] = {
    {"状态", 6, 'l'}, {"课程", 0, 'l'}, {"党组织", 16, 'l'}, {"日期", 10, 'l'}, {"教师", 6, 'l'}, {"", 5, 'l'},
};

static void apply_filter(void)
{
    memset(&orders.src.filter, 0, sizeof orders.src.filter);
    if (orders.filter == NFILTERS - 1)
        orders.src.filter.overdue_only = 1;
    else if (orders.filter > 0)
        snprintf(orders.src.filter.state, sizeof orders.src.filter.state, "%s", state_filters[orders.filter]);
}

static int orders_enter(struct app *app)
{
    orders.src.db = app->db;
    if (!orders.ready) {
        struct table_source src = {.row_size = sizeof(struct course_order),
                                   .fetch = order_fetch,
                                   .cell = order_cell,
                                   .ctx = &orders.src,
                                   .role = order_role};
        if (table_init(&orders.t, order_cols, 6, &src))
            return SCR_REDRAW;
        orders.ready = true;
        apply_filter();
    }
    orders.overdue = order_count_overdue(app->db);
    table_refresh(&orders.t);
    return SCR_REDRAW;
}

static void orders_draw(struct app *app, struct rect b)
{
    (void)app;
    if (!orders.ready || b.h < 7)
        return;
    char line[700];
    int w = draw_text(b.y, b.x, b.w, "显示：", ROLE_NORMAL);
    w += draw_text(b.y, b.x + w, b.w - w, state_filters[orders.filter], ROLE_FIGURE);
    w += draw_text(b.y, b.x + w, b.w - w, "（f 切换）", ROLE_DIM);
    if (orders.overdue > 0) {
        snprintf(line, sizeof line, "  ! 逾期未完成 %lld 个", (long long)orders.overdue);
        draw_text(b.y, b.x + w, b.w - w, line, ROLE_ERROR);
    }
    orders.r = (struct rect){b.y + 1, b.x, b.h - 5, b.w};
    table_draw(&orders.t, orders.r);
    int y = b.y + b.h - 4;
    menu_rule(y++, b.x, b.w);
    const struct course_order *o = table_current(&orders.t);
    if (!o) {
        draw_text(y, b.x + 1, b.w - 2, "还没有点单：按 F2 或 n 为党组织点一门课", ROLE_DIM);
        return;
    }
    snprintf(line, sizeof line, "《%s》  %s  %s%s", o->course, o->branch, o->state, o->overdue ? "（逾期）" : "");
    draw_text(y++, b.x + 1, b.w - 2, line, o->overdue ? ROLE_ERROR : ROLE_HEADER);
    snprintf(line, sizeof line, "希望日期：%s  排课：%s  教师：%s  场地：%s", o->wanted_date[0] ? o->wanted_date : "—",
             o->sched_date[0] ? o->sched_date : "—", o->teacher[0] ? o->teacher : "—", o->venue[0] ? o->venue : "—");
    draw_text(y++, b.x + 1, b.w - 2, line, ROLE_NORMAL);
    if (o->session_id)
        text_format(line, sizeof line, "台账记录 %lld%s%s", (long long)o->session_id, o->note[0] ? "  备注：" : "",
                 o->note);
    else
        text_format(line, sizeof line, "备注：%s", o->note[0] ? o->note : "—");
    draw_text(y, b.x + 1, b.w - 2, line, ROLE_DIM);
}

/* ---- placing an order ---- */

struct place_ctx {
    struct app *app;
    struct course_order o;
};

static int place_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct place_ctx *ctx = vctx;
    text_copy(ctx->o.wanted_date, sizeof ctx->o.wanted_date, form->fields[0].text);
    text_copy(ctx->o.note, sizeof ctx->o.note, form->fields[1].text);
    int rc = order_place(ctx->app->db, &ctx->o, err);
    if (!rc)
        app_mark_saved(ctx->app);
    return rc;
}

bool menu_order_course(struct app *app, const struct course *course)
{
    struct branch b;
    if (!menu_pick_branch(app, &b))
        return false;
    struct place_ctx ctx = {.app = app};
    ctx.o.course_id = course->id;
    ctx.o.branch_id = b.id;
    struct form_field f[2];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "wanted_date", .label = "希望日期", .type = FIELD_DATE, .max = 24};
    f[1] = (struct form_field){.id = "note", .label = "备注", .type = FIELD_TEXT, .max = FX_LINE_CHARS};
    char title[300];
    text_format(title, sizeof title, "点单：%s 点《%s》", b.name, course->title);
    struct form form = {.title = title, .fields = f, .nfields = 2, .save = place_save, .ctx = &ctx};
    if (!form_run(app, &form))
        return false;
    app_status(app, "%s 已点《%s》，待排课（按 o 看点单）", b.name, course->title);
    return true;
}

static int new_order(struct app *app)
{
    struct course c;
    /* Retired courses are not offered: a branch orders from the menu as it stands. */
    if (menu_pick_course(app, "点单：选择课程", false, &c) && menu_order_course(app, &c)) {
        orders.filter = 0;
        apply_filter();
        table_reset(&orders.t);
        return SCR_HANDLED | SCR_RELOAD;
    }
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- scheduling and cancelling: a form on the order under the cursor ---- */

/* The order under the cursor copied into *o; false, with the status saying so, when the list is empty. */
static bool current_order(struct app *app, struct course_order *o)
{
    const struct course_order *cur = table_current(&orders.t);
    if (!cur) {
        app_status(app, "没有选中的点单");
        return false;
    }
    *o = *cur;
    return true;
}

/* As current_order, and only while the order is still open (已点单 or 已排课): refusal ends the status otherwise. */
static bool open_order(struct app *app, const char *refusal, struct course_order *o)
{
    if (!current_order(app, o))
        return false;
    if (strcmp(o->state, ORDER_PLACED) && strcmp(o->state, ORDER_SCHEDULED)) {
        app_status(app, "%s的点单%s", o->state, refusal);
        return false;
    }
    return true;
}

/* The core call a form on an order makes with its fields; err->field names the field it refuses. */
typedef int order_apply_fn(sqlite3 *db, int64_t id, const struct form_field *f, struct fx_error *err);

struct order_form_ctx {
    struct app *app;
    int64_t id;
    order_apply_fn *apply;
};

static int order_form_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct order_form_ctx *ctx = vctx;
    int rc = ctx->apply(ctx->app->db, ctx->id, form->fields, err);
    if (!rc)
        app_mark_saved(ctx->app);
    return rc;
}

/* Run the form titled "verb：branch《course》" on order o; true when saved. */
static bool run_order_form(struct app *app, const char *verb, const struct course_order *o, struct form_field *f,
                           int nfields, order_apply_fn *apply)
{
    char title[300];
    text_format(title, sizeof title, "%s：%s《%s》", verb, o->branch, o->course);
    struct order_form_ctx ctx = {.app = app, .id = o->id, .apply = apply};
    struct form form = {.title = title, .fields = f, .nfields = nfields, .save = order_form_save, .ctx = &ctx};
    return form_run(app, &form);
}

static int schedule_apply(sqlite3 *db, int64_t id, const struct form_field *f, struct fx_error *err)
{
    int64_t teacher = 0, venue = 0;
    int rc;
    if (f[1].text[0] && (rc = teacher_find(db, f[1].text, &teacher, err))) {
        snprintf(err->field, sizeof err->field, "%s", "teacher");
        return rc;
    }
    if (f[2].text[0] && (rc = venue_find(db, f[2].text, &venue, err))) {
        snprintf(err->field, sizeof err->field, "%s", "venue");
        return rc;
    }
    return order_schedule(db, id, f[0].text, teacher, venue, err);
}

static int schedule_order(struct app *app)
{
    struct course_order o;
    if (!open_order(app, "不能再排课", &o))
        return SCR_HANDLED;
    /* Unset teacher and venue fall back to the course's own, which the core fills in. */
    struct course c;
    struct fx_error err;
    memset(&c, 0, sizeof c);
    if (course_get(app->db, o.course_id, &c, &err)) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_REDRAW;
    }
    struct form_field f[3];
    memset(f, 0, sizeof f);
    f[0] =
        (struct form_field){.id = "sched_date", .label = "上课日期", .type = FIELD_DATE, .required = true, .max = 24};
    f[1] = (struct form_field){.id = "teacher", .label = "授课教师", .type = FIELD_TEXT, .max = FX_PERSON_CHARS};
    f[2] = (struct form_field){.id = "venue", .label = "场地", .type = FIELD_TEXT, .max = FX_PLACE_CHARS};
    if (o.sched_date[0] || o.wanted_date[0])
        snprintf(f[0].text, sizeof f[0].text, "%s", o.sched_date[0] ? o.sched_date : o.wanted_date);
    else {
        struct fx_date d;
        date_today(&d);
        date_format(&d, f[0].text);
    }
    snprintf(f[1].text, sizeof f[1].text, "%s", o.teacher[0] ? o.teacher : c.teacher);
    snprintf(f[2].text, sizeof f[2].text, "%s", o.venue[0] ? o.venue : c.venue);
    if (!run_order_form(app, "排课", &o, f, 3, schedule_apply))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "已排课：%s《%s》（按 w 交付，录入台账）", f[0].text, o.course);
    return SCR_HANDLED | SCR_RELOAD;
}

static int cancel_apply(sqlite3 *db, int64_t id, const struct form_field *f, struct fx_error *err)
{
    return order_cancel(db, id, f[0].text, err);
}

static int cancel_order(struct app *app)
{
    struct course_order o;
    if (!open_order(app, "不能取消", &o))
        return SCR_HANDLED;
    struct form_field f[1];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "reason", .label = "取消原因", .type = FIELD_TEXT, .max = FX_WHY_CHARS};
    if (!run_order_form(app, "取消点单", &o, f, 1, cancel_apply))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "点单已取消");
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- delivering: the order becomes a ledger session ---- */

static int deliver_order(struct app *app)
{
    struct course_order o;
    if (!current_order(app, &o))
        return SCR_HANDLED;
    struct session s;
    struct fx_error err;
    memset(&s, 0, sizeof s);
    if (order_to_session(app->db, o.id, &s, &err)) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_REDRAW;
    }
    /* The ledger screen's own new-session form, prefilled, then its roll call. */
    bool saved = ledger_screen_new_from(app, &s) != 0;
    if (saved) {
        /* The ledger screen leaves prefill as it was: the link is read back from the order. */
        struct course_order done;
        int64_t sid = s.id;
        if (!sid && !order_get(app->db, o.id, &done, &err))
            sid = done.session_id;
        app_status(app, "《%s》已录入台账（记录 %lld），点单已完成", s.title, (long long)sid);
    }
    ledger_session_free(&s);
    return SCR_HANDLED | (saved ? SCR_RELOAD : SCR_REDRAW);
}

enum { ORDER_DELIVER = ACT_LOCAL, ORDER_FILTER };

static int orders_key(struct app *app, int action, int is_key, wint_t ch)
{
    switch (action) {
    case ACT_NEW: return new_order(app);
    case ACT_EDIT: return schedule_order(app);
    case ACT_VOID: return cancel_order(app);
    case ORDER_DELIVER: return deliver_order(app);
    case ORDER_FILTER:
        orders.filter = (orders.filter + 1) % NFILTERS;
        apply_filter();
        table_reset(&orders.t);
        return SCR_HANDLED | SCR_REDRAW;
    case ACT_MOVE: table_key(&orders.t, is_key, ch); return SCR_HANDLED | SCR_REDRAW;
    default: return SCR_UNHANDLED;
    }
}

static int orders_click(struct app *app, struct rect body, int y, int x)
{
    (void)app;
    (void)body;
    (void)x;
    table_click(&orders.t, orders.r, y);
    return SCR_HANDLED | SCR_REDRAW;
}

/* The 点单 view's keys: X(key, twin, action, hint, help). */
#define ORDER_KEYS(X)                                                                                                  \
    X(FXK_F(2), 'n', ACT_NEW, "点单", "为一个党组织点一门课（先选课，再选党组织）")                                    \
    X('s', 0, ACT_EDIT, "排课", "排课：定上课日期、教师和场地")                                                        \
    X(FXK_F(4), 'e', ACT_EDIT, "排课", "排课：定上课日期、教师和场地")                                                 \
    X('w', 0, ORDER_DELIVER, "交付（录入台账）", "交付：按点单填好培训记录，点名后存入台账，点单即完成")               \
    X(FXK_F(8), 'd', ACT_VOID, "取消", "取消点单（写原因）")                                                           \
    X('f', 0, ORDER_FILTER, "筛选", "只看某种状态：全部、已点单、已排课、已完成、已取消、逾期，依次切换")
FX_KEYMAP(, menu_order_keys, "菜单：点单", ORDER_KEYS, menu_keys_also);

const struct menu_view menu_orders_view = {
    .label = "点单",
    .keys = &menu_order_keys,
    .enter = orders_enter,
    .draw = orders_draw,
    .key = orders_key,
    .click = orders_click,
};
