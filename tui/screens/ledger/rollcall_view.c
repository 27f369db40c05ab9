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
        draw_text_pad(ry, xb, wb, e->branch, role, 'l');
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
    draw_text(fy + 1, b.x + 1, b.w - 2, "空格 到/未到  * 全到  L 请假  A 缺席  + 加人  Enter 保存  Esc 返回表单",
              ROLE_HEADER);
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
    f[0].max = sizeof e->reason - 1;
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

int rollcall_view_run(struct app *app, struct rollcall_view *v, const char *title)
{
    struct rollcall *rc = v->rc;
    char *msg = v->msg;
    msg[0] = '\0';
    snprintf(v->title, sizeof v->title, "%s", title);
    v->query[0] = '\0';
    for (;;) {
        struct rect b = app_body();
        scroll_to_cursor(v, list_rows(b));
        draw_begin();
        if (app_draw_background(app))
            rollcall_view_draw(v, b);
        draw_end();
        wint_t ch;
        int k = app_read_key(app, &ch);
        if (app->quit_requested)
            return ROLLCALL_BACK;
        if (k == ERR)
            continue;
        bool is_key = k == KEY_CODE_YES;
        if (is_key && ch == KEY_RESIZE)
            continue;
        msg[0] = '\0';
        if (draw_too_small())
            continue; /* nothing is marked blind */
        int nrows = list_rows(app_body());
        bool letter = !is_key && ch >= 'a' && ch <= 'z';
        if (letter && !app->in_paste) {
            size_t n = strlen(v->query);
            if (n + 1 >= sizeof v->query)
                continue;
            if (!n)
                v->qstart = v->cur;
            v->query[n] = (char)ch;
            v->query[n + 1] = '\0';
            int i = rollcall_search(rc, v->query, v->qstart);
            if (i >= 0)
                v->cur = i;
            else
                snprintf(msg, sizeof v->msg, "没有拼音首字母为 %s 的党员（退格修改，Esc 清除）", v->query);
            snprintf(v->last_query, sizeof v->last_query, "%s", v->query);
            continue;
        }
        if (app->in_paste)
            continue;
        if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
            size_t n = strlen(v->query);
            if (n) {
                v->query[n - 1] = '\0';
                int i = rollcall_search(rc, v->query, v->qstart);
                v->cur = i >= 0 ? i : v->qstart;
                snprintf(v->last_query, sizeof v->last_query, "%s", v->query);
            }
            continue;
        }
        if (!is_key && ch == '\t') {
            const char *q = v->query[0] ? v->query : v->last_query;
            int i = rc->n ? rollcall_search(rc, q, (v->cur + 1) % rc->n) : -1;
            if (i >= 0)
                v->cur = i;
            continue;
        }
        if (!is_key && ch == 27) {
            if (v->query[0]) {
                v->query[0] = '\0';
                continue;
            }
            return ROLLCALL_BACK;
        }
        if ((is_key && (ch == KEY_ENTER || ch == KEY_F(2))) || (!is_key && (ch == '\n' || ch == '\r')))
            return ROLLCALL_SAVE;
        v->query[0] = '\0';
        if (!is_key && ch == ' ') {
            if (rc->n) {
                rollcall_toggle(rc, v->cur);
                if (v->cur < rc->n - 1)
                    v->cur++;
            }
        } else if (!is_key && ch == '*') {
            rollcall_mark_all(rc);
        } else if ((!is_key && ch == 'L') || (is_key && ch == KEY_F(5))) {
            mark_with_reason(app, v, ATT_LEAVE);
        } else if ((!is_key && ch == 'A') || (is_key && ch == KEY_F(6))) {
            mark_with_reason(app, v, ATT_ABSENT);
        } else if ((!is_key && ch == '+') || (is_key && ch == KEY_F(7))) {
            add_member(app, v, msg, sizeof v->msg);
        } else if (is_key && (ch == KEY_UP || ch == KEY_DOWN || ch == KEY_PPAGE || ch == KEY_NPAGE || ch == KEY_HOME ||
                              ch == KEY_END)) {
            int d = ch == KEY_UP ? -1 : ch == KEY_DOWN ? 1 : ch == KEY_PPAGE ? -nrows : ch == KEY_NPAGE ? nrows : 0;
            v->cur = ch == KEY_HOME ? 0 : ch == KEY_END ? rc->n - 1 : v->cur + d;
        } else if (is_key && ch == KEY_MOUSE) {
            MEVENT ev;
            struct rect b2 = app_body();
            if (getmouse(&ev) == OK && ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
                int i = v->top + ev.y - (b2.y + 2);
                if (ev.y >= b2.y + 2 && i >= 0 && i < rc->n && i < v->top + list_rows(b2))
                    v->cur = i;
            }
        }
    }
}
