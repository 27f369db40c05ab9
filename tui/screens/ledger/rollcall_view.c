/* rollcall_view.c — the roll call on the screen: draws core's model (rollcall.c) and turns keys into its calls:
 * Space 到, '*' all present, L 请假, A 缺席, + another branch's member; letters are pinyin initials (zs → 张三). */
#include "rollcall_view.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "form.h"
#include "pickers/member_pick.h"
#include "member.h"
#include "text.h"

void rollcall_view_init(struct rollcall_view *v, struct rollcall *rc)
{
    memset(v, 0, sizeof *v);
    v->rc = rc;
}

enum {
    RC_TOGGLE = ACT_LOCAL,
    RC_ALL,
    RC_LEAVE,
    RC_ABSENT,
    RC_ADD,
    RC_INITIAL, /* a letter of the initials */
    RC_UNTYPE,  /* Backspace in the initials */
    RC_AGAIN,   /* the next with the same initials */
    RC_CLEAR    /* Esc while initials are typed */
};

/* The roll call's keys: X(key, twin, action, hint, help). Lower-case letters are pinyin initials,
 * so leave and absent are capitals (and F5, F6). */
#define ROLLCALL_KEYS(X)                                                                                               \
    X(' ', 0, RC_TOGGLE, "到/未到", "光标所在的人：到 / 未到，光标移到下一个人")                                       \
    X('*', 0, RC_ALL, "全到", "全部记为到（都已经到了，再按一次全部改回未到）")                                        \
    X(FXK_F(5), 'L', RC_LEAVE, "请假", "请假，写上原因")                                                               \
    X(FXK_F(6), 'A', RC_ABSENT, "缺席", "缺席，写上原因")                                                              \
    X(FXK_F(7), '+', RC_ADD, "加人", "加一名其他党组织的党员（记为到）")                                               \
    X(FXK_ENTER, 0, ACT_SAVE, "保存", "保存这次培训和点名（没有人到、或有人缺席没写原因时先问）")                      \
    X(FXK_F(2), FXK_CTRL('s'), ACT_SAVE, "保存", "保存这次培训和点名（没有人到、或有人缺席没写原因时先问）")           \
    X(FXK_ESC, 0, ACT_BACK, "返回表单", "回到表单（已经标的都留着）")                                                  \
    X(FXK_LETTERS, 0, RC_INITIAL, NULL, "打拼音首字母跳到该党员，如 zs 找到张三")                                      \
    X(FXK_TAB, 0, RC_AGAIN, NULL, "下一个同样首字母的人")                                                              \
    X(FXK_BACKSPACE, 0, RC_UNTYPE, NULL, "删掉打的最后一个字母")                                                       \
    X(FXK_LIST, 0, ACT_MOVE, NULL, "移动光标：↑ ↓ 一行，PgUp PgDn 一页，Home End 到头到尾")
static const struct keymap *const rollcall_also[] = {&keys_modal, NULL};
FX_KEYMAP(, rollcall_keys, "点名", ROLLCALL_KEYS, rollcall_also);

/* While initials are typed, Esc clears them first. */
#define ROLLCALL_QUERY_KEYS(X) X(FXK_ESC, 0, RC_CLEAR, "清除", "清除打的首字母（再按一次回到表单）")
static const struct keymap *const rollcall_query_also[] = {&rollcall_keys, NULL};
FX_KEYMAP(, rollcall_query_keys, "点名（查找中）", ROLLCALL_QUERY_KEYS, rollcall_query_also);

static const char *status_mark(int st)
{
    return st == ATT_PRESENT ? "[到]" : st == ATT_LEAVE ? "[假]" : st == ATT_ABSENT ? "[缺]" : "[  ]";
}

/* Rows of the list in body b: a title line, a header, the hint and query lines at the foot. */
static int list_rows(struct rect b)
{
    return b.h - 4 > 1 ? b.h - 4 : 1;
}

void rollcall_view_draw(const struct rollcall_view *v, struct rect b)
{
    const struct rollcall *rc = v->rc;
    const char *title = v->title, *msg = v->msg;
    for (int y = b.y; y < b.y + b.h; y++)
        draw_fill(y, b.x, b.w, ROLE_NORMAL);
    int expected, present, leave, absent;
    rollcall_counts(rc, &expected, &present, &leave, &absent);
    char counts[128];
    /* 实到, 请假 and 缺席 are out of everyone called; when 应到 (the register's 党员) is another number, the
     * number called stands beside it, so that the counts add up where a reader checks them. */
    if (expected != rc->n)
        snprintf(counts, sizeof counts, "应到 %d  点名 %d  实到 %d  请假 %d  缺席 %d", expected, rc->n, present, leave,
                 absent);
    else
        snprintf(counts, sizeof counts, "应到 %d  实到 %d  请假 %d  缺席 %d", expected, present, leave, absent);
    int cw = text_width(counts);
    char head[512];
    snprintf(head, sizeof head, "点名：%s", title);
    draw_text(b.y, b.x + 1, b.w - cw - 4, head, ROLE_HEADER);
    draw_text(b.y, b.x + b.w - cw - 1, cw, counts, ROLE_FIGURE);
    /* Columns: mark, name, branch (the rest), role, reason. */
    int wr = b.w >= 100 ? 24 : 14, wrole = 10, wn = 12;
    int wb = b.w - 2 - 4 - wn - wrole - wr - 4;
    if (wb < 6)
        wb = 6;
    int x0 = b.x + 1, xn = x0 + 5, xb = xn + wn + 1, xrole = xb + wb + 1, xr = xrole + wrole + 1;
    int y = b.y + 1;
    draw_text_pad(y, x0, 4, "状态", ROLE_HEADER, 'l');
    draw_text_pad(y, xn, wn, "姓名", ROLE_HEADER, 'l');
    draw_text_pad(y, xb, wb, "党组织", ROLE_HEADER, 'l');
    draw_text_pad(y, xrole, wrole, "身份", ROLE_HEADER, 'l');
    draw_text_pad(y, xr, b.x + b.w - xr, "原因", ROLE_HEADER, 'l');
    int nrows = list_rows(b);
    if (rc->n == 0)
        draw_text(y + 1, x0, b.w - 2, "（名单是空的：在表单里选参训党组织，或按 + 添加党员）", ROLE_DIM);
    for (int i = v->top; i < rc->n && i < v->top + nrows; i++) {
        const struct rollcall_entry *e = &rc->e[i];
        int role = i == v->cur               ? ROLE_SELECTED
                   : e->status == RC_NONE    ? ROLE_DIM
                   : e->status == ATT_ABSENT ? ROLE_ERROR
                                             : ROLE_NORMAL;
        int ry = y + 1 + i - v->top;
        draw_fill(ry, b.x, b.w, role);
        draw_text_pad(ry, x0, 4, status_mark(e->status), role, 'l');
        draw_text_pad(ry, xn, wn, e->name, role, 'l');
        if (e->namesake) { /* two 张伟: their 身份 and phone tail where the branch would be */
            char both[300];
            text_format(both, sizeof both, "%s（%s）", e->tell, e->branch);
            draw_text_pad(ry, xb, wb, both, role, 'l');
        } else {
            draw_text_pad(ry, xb, wb, e->branch, role, 'l');
        }
        draw_text_pad(ry, xrole, wrole, e->role, role, 'l');
        draw_text_pad(ry, xr, b.x + b.w - xr - 1, e->reason, role, 'l');
    }
    int fy = b.y + b.h - 2;
    char q[256];
    if (msg && msg[0])
        snprintf(q, sizeof q, "%s", msg);
    else if (v->query[0])
        snprintf(q, sizeof q, "查找：%s   （Tab 下一个同首字母的人）", v->query);
    else
        snprintf(q, sizeof q, "输入拼音首字母跳到该党员，如 zs 找到张三");
    draw_text(fy, b.x + 1, b.w - 2, q, msg && msg[0] ? ROLE_ERROR : ROLE_DIM);
    char hint[256];
    keys_hint(v->query[0] ? &rollcall_query_keys : &rollcall_keys, KEYS_HINT_FKEYS, hint, sizeof hint);
    draw_text(fy + 1, b.x + 1, b.w - 2, hint, ROLE_HEADER);
}

static void scroll_to_cursor(struct rollcall_view *v, int nrows)
{
    if (v->cur < 0)
        v->cur = 0;
    if (v->cur >= v->rc->n)
        v->cur = v->rc->n - 1;
    if (v->cur < 0)
        v->cur = 0;
    if (v->cur < v->top)
        v->top = v->cur;
    if (v->cur >= v->top + nrows)
        v->top = v->cur - nrows + 1;
    if (v->top < 0)
        v->top = 0;
}

struct reason_ctx {
    struct rollcall *rc;
    int i, status;
};

static int reason_save(void *vctx, struct form *form, struct fx_error *err)
{
    (void)err;
    struct reason_ctx *ctx = vctx;
    rollcall_mark(ctx->rc, ctx->i, ctx->status, form->fields[0].text);
    return 0;
}

/* L / A: mark leave or absence, asking the reason (Enter alone leaves it blank). */
static bool mark_with_reason(struct app *app, struct rollcall_view *v, int status)
{
    struct rollcall *rc = v->rc;
    if (rc->n == 0)
        return false;
    struct rollcall_entry *e = &rc->e[v->cur];
    struct form_field f[1];
    memset(f, 0, sizeof f);
    f[0].id = "reason";
    f[0].label = status == ATT_LEAVE ? "请假原因" : "缺席原因";
    f[0].type = FIELD_TEXT;
    f[0].max = FX_REASON_CHARS;
    if (e->status == status)
        snprintf(f[0].text, sizeof f[0].text, "%s", e->reason);
    char title[200];
    snprintf(title, sizeof title, "%s：%s", status == ATT_LEAVE ? "请假" : "缺席", e->name);
    struct reason_ctx ctx = {.rc = rc, .i = v->cur, .status = status};
    struct form form = {.title = title, .fields = f, .nfields = 1, .save = reason_save, .ctx = &ctx};
    char state[sizeof app->save_state];
    snprintf(state, sizeof state, "%s", app->save_state);
    bool ok = form_run(app, &form);
    app_set_save_state(app, ok ? "未保存" : state);
    return ok;
}

/* + : a member of any branch, by name or initials. */
static void add_member(struct app *app, struct rollcall_view *v, char *msg, size_t msgsz)
{
    struct rollcall *rc = v->rc;
    static const struct table_col cols[] = {{"姓名", 12, 'l'}, {"党组织", 0, 'l'}, {"身份", 12, 'l'}};
    static const enum member_pick_field fields[] = {MEMBER_PICK_NAME, MEMBER_PICK_BRANCH, MEMBER_PICK_ROLE};
    struct member_pick p = {
        .title = "添加党员（可以是其他党组织的）",
        .hint = "输入姓名或拼音首字母；选中的人记为“到”",
        .cols = cols,
        .fields = fields,
        .ncols = 3,
    };
    struct member m;
    if (!member_pick_run(app, &p, &m))
        return;
    int i = rollcall_find(rc, m.id);
    if (i >= 0) {
        v->cur = i;
        snprintf(msg, msgsz, "%s 已在名单中", m.name);
        return;
    }
    struct fx_error err;
    i = rollcall_add(rc, &m, &err);
    if (i >= 0)
        v->cur = i;
}

/* The roll call as a view of the one loop: it covers the body, its reason forms and pickers open over it. */
struct rollcall_run {
    struct rollcall_view *rv;
    int result;
};

static const struct keymap *rollcall_run_keys(struct view *v, struct app *app)
{
    (void)app;
    const struct rollcall_run *run = v->ctx;
    return run->rv->query[0] ? &rollcall_query_keys : &rollcall_keys;
}

static void rollcall_run_draw(struct view *v, struct app *app)
{
    (void)app;
    struct rollcall_run *run = v->ctx;
    struct rect b = app_body();
    scroll_to_cursor(run->rv, list_rows(b));
    rollcall_view_draw(run->rv, b);
}

static int rollcall_run_click(struct view *v, struct app *app, int y, int x)
{
    (void)app;
    (void)x;
    struct rollcall_view *rv = ((struct rollcall_run *)v->ctx)->rv;
    struct rect b = app_body();
    int i = rv->top + y - (b.y + 2);
    if (y >= b.y + 2 && i >= 0 && i < rv->rc->n && i < rv->top + list_rows(b))
        rv->cur = i;
    return VIEW_STAY;
}

static int rollcall_run_key(struct view *v, struct app *app, int action, int key)
{
    struct rollcall_run *run = v->ctx;
    struct rollcall_view *rv = run->rv;
    struct rollcall *rc = rv->rc;
    char *msg = rv->msg;
    msg[0] = '\0';
    int nrows = list_rows(app_body());
    switch (action) {
    case RC_INITIAL: {
        size_t n = strlen(rv->query);
        if (n + 1 >= sizeof rv->query)
            return VIEW_STAY;
        if (!n)
            rv->qstart = rv->cur;
        rv->query[n] = (char)key;
        rv->query[n + 1] = '\0';
        int i = rollcall_search(rc, rv->query, rv->qstart);
        if (i >= 0)
            rv->cur = i;
        else
            snprintf(msg, sizeof rv->msg, "没有拼音首字母为 %s 的党员（退格修改，Esc 清除）", rv->query);
        snprintf(rv->last_query, sizeof rv->last_query, "%s", rv->query);
        return VIEW_STAY;
    }
    case RC_UNTYPE: {
        size_t n = strlen(rv->query);
        if (n) {
            rv->query[n - 1] = '\0';
            int i = rollcall_search(rc, rv->query, rv->qstart);
            rv->cur = i >= 0 ? i : rv->qstart;
            snprintf(rv->last_query, sizeof rv->last_query, "%s", rv->query);
        }
        return VIEW_STAY;
    }
    case RC_AGAIN: {
        const char *q = rv->query[0] ? rv->query : rv->last_query;
        int i = rc->n ? rollcall_search(rc, q, (rv->cur + 1) % rc->n) : -1;
        if (i >= 0)
            rv->cur = i;
        return VIEW_STAY;
    }
    case RC_CLEAR: rv->query[0] = '\0'; return VIEW_STAY;
    case ACT_BACK: run->result = ROLLCALL_BACK; return VIEW_CLOSE;
    case ACT_SAVE: run->result = ROLLCALL_SAVE; return VIEW_CLOSE;
    default: break;
    }
    rv->query[0] = '\0';
    switch (action) {
    case RC_TOGGLE:
        if (rc->n) {
            rollcall_toggle(rc, rv->cur);
            if (rv->cur < rc->n - 1)
                rv->cur++;
        }
        break;
    case RC_ALL: rollcall_mark_all(rc); break;
    case RC_LEAVE: mark_with_reason(app, rv, ATT_LEAVE); break;
    case RC_ABSENT: mark_with_reason(app, rv, ATT_ABSENT); break;
    case RC_ADD: add_member(app, rv, msg, sizeof rv->msg); break;
    case ACT_MOVE: {
        int d = key == FXK_UP || key == FXK_CTRL('p')     ? -1
                : key == FXK_DOWN || key == FXK_CTRL('n') ? 1
                : key == FXK_PGUP                         ? -nrows
                : key == FXK_PGDN                         ? nrows
                                                          : 0;
        rv->cur = key == FXK_HOME ? 0 : key == FXK_END ? rc->n - 1 : rv->cur + d;
        break;
    }
    default: break;
    }
    return VIEW_STAY;
}

int rollcall_view_run(struct app *app, struct rollcall_view *rv, const char *title)
{
    rv->msg[0] = '\0';
    snprintf(rv->title, sizeof rv->title, "%s", title);
    rv->query[0] = '\0';
    struct rollcall_run run = {.rv = rv, .result = ROLLCALL_BACK};
    struct view v = {.keys = rollcall_run_keys,
                     .draw = rollcall_run_draw,
                     .key = rollcall_run_key,
                     .click = rollcall_run_click,
                     .covers_body = true,
                     .ctx = &run};
    app_run_view(app, &v);
    return run.result;
}
