/* rollcall.c — the roll call of one session, marked from the sign-in sheet: Space 到, * all present, L 请假, A 缺席, + another branch's member.
 * Letters are pinyin initials that jump to a member (zs → 张三), so the usual 40-person sheet is * and a few unticks. */
#include "rollcall.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "form.h"
#include "picker.h"
#include "pinyin.h"
#include "roster.h"
#include "text.h"

void rollcall_init(struct rollcall *rc)
{
    memset(rc, 0, sizeof *rc);
}

void rollcall_free(struct rollcall *rc)
{
    free(rc->e);
    free(rc->synced);
    memset(rc, 0, sizeof *rc);
}

static int find_member(const struct rollcall *rc, int64_t id)
{
    for (int i = 0; i < rc->n; i++)
        if (rc->e[i].member_id == id)
            return i;
    return -1;
}

static struct rollcall_entry *add_entry(struct rollcall *rc, const struct member *m, struct fx_error *err)
{
    if (rc->n == rc->cap) {
        int cap = rc->cap ? rc->cap * 2 : 64;
        struct rollcall_entry *e = realloc(rc->e, (size_t)cap * sizeof *e);
        if (!e) {
            fx_fail(err, FX_EINTERNAL, "内存不足");
            return NULL;
        }
        rc->e = e;
        rc->cap = cap;
    }
    struct rollcall_entry *e = &rc->e[rc->n++];
    memset(e, 0, sizeof *e);
    e->member_id = m->id;
    e->branch_id = m->branch_id;
    snprintf(e->name, sizeof e->name, "%s", m->name);
    snprintf(e->branch, sizeof e->branch, "%s", m->branch);
    snprintf(e->role, sizeof e->role, "%s", m->role);
    e->status = RC_NONE;
    return e;
}

static int set_synced(struct rollcall *rc, const int64_t *branches, int n, struct fx_error *err)
{
    int64_t *s = NULL;
    if (n > 0) {
        s = malloc((size_t)n * sizeof *s);
        if (!s)
            return fx_fail(err, FX_EINTERNAL, "内存不足");
        memcpy(s, branches, (size_t)n * sizeof *s);
    }
    free(rc->synced);
    rc->synced = s;
    rc->nsynced = n;
    return 0;
}

int rollcall_load(struct rollcall *rc, sqlite3 *db, const struct session *s, struct fx_error *err)
{
    for (int i = 0; i < s->natt; i++) {
        struct member m;
        if (roster_get_member(db, s->att[i].member_id, &m, err))
            return err->code ? err->code : FX_EINTERNAL;
        struct rollcall_entry *e = add_entry(rc, &m, err);
        if (!e)
            return FX_EINTERNAL;
        e->pinned = true;
        e->status = s->att[i].status;
        snprintf(e->reason, sizeof e->reason, "%s", s->att[i].reason);
        /* An absence without a reason is what an unticked name saves as: show it unticked. */
        if (e->status == ATT_ABSENT && !e->reason[0])
            e->status = RC_NONE;
    }
    rc->changed = false;
    return set_synced(rc, s->branches, s->nbranches, err);
}

static bool has_id(const int64_t *ids, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

int rollcall_sync(struct rollcall *rc, sqlite3 *db, const int64_t *branches, int nbranches, struct fx_error *err)
{
    /* Drop first, so a member who moved between two targeted branches is not lost. */
    int k = 0;
    for (int i = 0; i < rc->n; i++) {
        const struct rollcall_entry *e = &rc->e[i];
        bool keep = e->pinned || e->status != RC_NONE || has_id(branches, nbranches, e->branch_id) ||
                    !has_id(rc->synced, rc->nsynced, e->branch_id);
        if (keep)
            rc->e[k++] = *e;
    }
    rc->n = k;
    for (int b = 0; b < nbranches; b++) {
        if (has_id(rc->synced, rc->nsynced, branches[b]))
            continue;
        struct member *rows = NULL;
        int n = roster_branch_members(db, branches[b], &rows, err);
        if (n < 0)
            return err->code ? err->code : FX_EINTERNAL;
        for (int i = 0; i < n; i++)
            if (find_member(rc, rows[i].id) < 0 && !add_entry(rc, &rows[i], err)) {
                free(rows);
                return FX_EINTERNAL;
            }
        free(rows);
    }
    if (rc->cur >= rc->n)
        rc->cur = rc->n > 0 ? rc->n - 1 : 0;
    return set_synced(rc, branches, nbranches, err);
}

void rollcall_counts(const struct rollcall *rc, int *expected, int *present, int *leave, int *absent)
{
    int p = 0, l = 0, a = 0;
    for (int i = 0; i < rc->n; i++) {
        p += rc->e[i].status == ATT_PRESENT;
        l += rc->e[i].status == ATT_LEAVE;
        a += rc->e[i].status == ATT_ABSENT || rc->e[i].status == RC_NONE;
    }
    if (expected)
        *expected = rc->n;
    if (present)
        *present = p;
    if (leave)
        *leave = l;
    if (absent)
        *absent = a;
}

int rollcall_unexplained(const struct rollcall *rc)
{
    int n = 0;
    for (int i = 0; i < rc->n; i++)
        n += (rc->e[i].status == ATT_ABSENT || rc->e[i].status == RC_NONE) && !rc->e[i].reason[0];
    return n;
}

int rollcall_attendance(const struct rollcall *rc, struct attendee **att)
{
    *att = NULL;
    if (rc->n == 0)
        return 0;
    struct attendee *a = calloc((size_t)rc->n, sizeof *a);
    if (!a)
        return -1;
    for (int i = 0; i < rc->n; i++) {
        a[i].member_id = rc->e[i].member_id;
        a[i].status = rc->e[i].status == RC_NONE ? ATT_ABSENT : rc->e[i].status;
        if (a[i].status != ATT_PRESENT)
            snprintf(a[i].reason, sizeof a[i].reason, "%s", rc->e[i].reason);
    }
    *att = a;
    return rc->n;
}

/* ---- the screen ---- */

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

void rollcall_draw(const struct rollcall *rc, struct rect b)
{
    const char *title = rc->title, *msg = rc->msg;
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
    for (int i = rc->top; i < rc->n && i < rc->top + nrows; i++) {
        const struct rollcall_entry *e = &rc->e[i];
        int role = i == rc->cur ? ROLE_SELECTED
            : e->status == RC_NONE ? ROLE_DIM
            : e->status == ATT_ABSENT ? ROLE_ERROR
            : ROLE_NORMAL;
        int ry = y + 1 + i - rc->top;
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
    else if (rc->query[0])
        snprintf(q, sizeof q, "查找：%s   （Tab 下一个同首字母的人）", rc->query);
    else
        snprintf(q, sizeof q, "输入拼音首字母跳到该党员，如 zs 找到张三");
    draw_text(fy, b.x + 1, b.w - 2, q, msg && msg[0] ? ROLE_ERROR : ROLE_DIM);
    char hint[256];
    keys_hint(rc->query[0] ? &rollcall_query_keys : &rollcall_keys, KEYS_HINT_FKEYS, hint, sizeof hint);
    draw_text(fy + 1, b.x + 1, b.w - 2, hint, ROLE_HEADER);
}

static void scroll_to_cursor(struct rollcall *rc, int nrows)
{
    if (rc->cur < 0)
        rc->cur = 0;
    if (rc->cur >= rc->n)
        rc->cur = rc->n - 1;
    if (rc->cur < 0)
        rc->cur = 0;
    if (rc->cur < rc->top)
        rc->top = rc->cur;
    if (rc->cur >= rc->top + nrows)
        rc->top = rc->cur - nrows + 1;
    if (rc->top < 0)
        rc->top = 0;
}

/* Do the first len(q) characters of name give the initials q? (zs: 张三 yes, 王张三 no.) */
static bool starts_with_initials(const char *name, const char *q)
{
    size_t nq = strlen(q), off = 0, len = strlen(name);
    char head[256];
    for (size_t k = 0; k < nq && off < len; k++) {
        uint32_t cp;
        off += text_decode(name + off, len - off, &cp);
    }
    if (off >= sizeof head)
        return false;
    memcpy(head, name, off);
    head[off] = '\0';
    return pinyin_match(head, q);
}

/* Initials of the usual readings begin with q (zh: 郑和 yes; 褚红 only by its rarer reading zhǔ). */
static bool usual_initials(const char *name, const char *q)
{
    char ini[128];
    pinyin_initials(name, ini, sizeof ini);
    return !strncmp(ini, q, strlen(q));
}

/* The first member from `from` (wrapping) whose name matches q: by the usual
 * readings first, then names beginning with the initials by any reading, then
 * names containing them. -1 when none. */
static int search(const struct rollcall *rc, const char *q, int from)
{
    if (!q[0] || rc->n == 0)
        return -1;
    for (int pass = 0; pass < 3; pass++)
        for (int k = 0; k < rc->n; k++) {
            int i = (from + k) % rc->n;
            const char *name = rc->e[i].name;
            if (pass == 0 ? usual_initials(name, q) : pass == 1 ? starts_with_initials(name, q) : pinyin_match(name, q))
                return i;
        }
    return -1;
}

struct reason_ctx {
    struct rollcall_entry *e;
    int status;
};

static int reason_save(void *vctx, struct form *form, struct fx_error *err)
{
    (void)err;
    struct reason_ctx *ctx = vctx;
    ctx->e->status = ctx->status;
    snprintf(ctx->e->reason, sizeof ctx->e->reason, "%s", form->fields[0].text);
    return 0;
}

/* L / A: mark leave or absence, asking the reason (Enter alone leaves it blank). */
static bool mark_with_reason(struct app *app, struct rollcall *rc, int status)
{
    if (rc->n == 0)
        return false;
    struct rollcall_entry *e = &rc->e[rc->cur];
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
    struct reason_ctx ctx = {.e = e, .status = status};
    struct form form = {.title = title, .fields = f, .nfields = 1, .save = reason_save, .ctx = &ctx};
    char state[sizeof app->save_state];
    snprintf(state, sizeof state, "%s", app->save_state);
    bool ok = form_run(app, &form);
    app_set_save_state(app, ok ? "未保存" : state);
    return ok;
}

/* + : a member of any branch, by name or initials. */
struct add_src {
    sqlite3 *db;
    char query[129];
    struct fx_error err;
};

static int add_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct add_src *ctx = vctx;
    const struct member *a = after;
    return roster_member_page(ctx->db, 0, ctx->query, a ? a->name : "", a ? a->id : 0, rows, max, &ctx->err);
}

static void add_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct member *m = row;
    snprintf(out, outsz, "%s", col == 0 ? m->name : col == 1 ? m->branch : m->role);
}

static void add_query(void *vctx, const char *q)
{
    struct add_src *ctx = vctx;
    snprintf(ctx->query, sizeof ctx->query, "%s", q);
}

static void add_member(struct app *app, struct rollcall *rc, char *msg, size_t msgsz)
{
    static const struct table_col cols[] = {{"姓名", 12, 'l'}, {"党组织", 0, 'l'}, {"身份", 12, 'l'}};
    struct add_src ctx = {.db = app->db};
    struct picker p = {
        .title = "添加党员（可以是其他党组织的）",
        .hint = "输入姓名或拼音首字母；选中的人记为“到”",
        .cols = cols,
        .ncols = 3,
        .src = {.row_size = sizeof(struct member), .fetch = add_fetch, .cell = add_cell, .ctx = &ctx},
        .set_query = add_query,
    };
    struct member m;
    if (!picker_run(app, &p, &m))
        return;
    int i = find_member(rc, m.id);
    if (i >= 0) {
        rc->cur = i;
        snprintf(msg, msgsz, "%s 已在名单中", m.name);
        return;
    }
    struct fx_error err;
    struct rollcall_entry *e = add_entry(rc, &m, &err);
    if (!e)
        return;
    e->pinned = true;
    e->status = ATT_PRESENT;
    rc->cur = rc->n - 1;
    rc->changed = true;
}

static void set_status(struct rollcall *rc, int i, int status)
{
    rc->e[i].status = status;
    if (status == ATT_PRESENT || status == RC_NONE)
        rc->e[i].reason[0] = '\0';
    rc->changed = true;
}

/* The roll call as a view of the one loop: it covers the body, its dialogs open over it. */
struct rollcall_run {
    struct rollcall *rc;
    int result;
};

static const struct keymap *rollcall_view_keys(struct view *v, struct app *app)
{
    (void)app;
    const struct rollcall_run *run = v->ctx;
    return run->rc->query[0] ? &rollcall_query_keys : &rollcall_keys;
}

static void rollcall_view_draw(struct view *v, struct app *app)
{
    (void)app;
    struct rollcall_run *run = v->ctx;
    struct rect b = app_body();
    scroll_to_cursor(run->rc, list_rows(b));
    rollcall_draw(run->rc, b);
}

static int rollcall_view_click(struct view *v, struct app *app, int y, int x)
{
    (void)app;
    (void)x;
    struct rollcall *rc = ((struct rollcall_run *)v->ctx)->rc;
    struct rect b = app_body();
    int i = rc->top + y - (b.y + 2);
    if (y >= b.y + 2 && i >= 0 && i < rc->n && i < rc->top + list_rows(b))
        rc->cur = i;
    return VIEW_STAY;
}

static int rollcall_view_key(struct view *v, struct app *app, int action, int key)
{
    struct rollcall_run *run = v->ctx;
    struct rollcall *rc = run->rc;
    char *msg = rc->msg;
    msg[0] = '\0';
    int nrows = list_rows(app_body());
    switch (action) {
    case RC_INITIAL: {
        size_t n = strlen(rc->query);
        if (n + 1 >= sizeof rc->query)
            return VIEW_STAY;
        if (!n)
            rc->qstart = rc->cur;
        rc->query[n] = (char)key;
        rc->query[n + 1] = '\0';
        int i = search(rc, rc->query, rc->qstart);
        if (i >= 0)
            rc->cur = i;
        else
            snprintf(msg, sizeof rc->msg, "没有拼音首字母为 %s 的党员（退格修改，Esc 清除）", rc->query);
        snprintf(rc->last_query, sizeof rc->last_query, "%s", rc->query);
        return VIEW_STAY;
    }
    case RC_UNTYPE: {
        size_t n = strlen(rc->query);
        if (n) {
            rc->query[n - 1] = '\0';
            int i = search(rc, rc->query, rc->qstart);
            rc->cur = i >= 0 ? i : rc->qstart;
            snprintf(rc->last_query, sizeof rc->last_query, "%s", rc->query);
        }
        return VIEW_STAY;
    }
    case RC_AGAIN: {
        const char *q = rc->query[0] ? rc->query : rc->last_query;
        int i = rc->n ? search(rc, q, (rc->cur + 1) % rc->n) : -1;
        if (i >= 0)
            rc->cur = i;
        return VIEW_STAY;
    }
    case RC_CLEAR: rc->query[0] = '\0'; return VIEW_STAY;
    case ACT_BACK: run->result = ROLLCALL_BACK; return VIEW_CLOSE;
    case ACT_SAVE: run->result = ROLLCALL_SAVE; return VIEW_CLOSE;
    default: break;
    }
    rc->query[0] = '\0';
    switch (action) {
    case RC_TOGGLE:
        if (rc->n) {
            set_status(rc, rc->cur, rc->e[rc->cur].status == ATT_PRESENT ? RC_NONE : ATT_PRESENT);
            if (rc->cur < rc->n - 1)
                rc->cur++;
        }
        break;
    case RC_ALL: {
        /* All present; pressed again when everyone is present, all unmarked. */
        int expected, present;
        rollcall_counts(rc, &expected, &present, NULL, NULL);
        for (int i = 0; i < rc->n; i++) {
            if (present == expected)
                set_status(rc, i, RC_NONE);
            else if (rc->e[i].status == RC_NONE)
                set_status(rc, i, ATT_PRESENT);
        }
        break;
    }
    case RC_LEAVE:
        if (mark_with_reason(app, rc, ATT_LEAVE))
            rc->changed = true;
        break;
    case RC_ABSENT:
        if (mark_with_reason(app, rc, ATT_ABSENT))
            rc->changed = true;
        break;
    case RC_ADD: add_member(app, rc, msg, sizeof rc->msg); break;
    case ACT_MOVE: {
        int d = key == FXK_UP || key == FXK_CTRL('p')     ? -1
                : key == FXK_DOWN || key == FXK_CTRL('n') ? 1
                : key == FXK_PGUP                         ? -nrows
                : key == FXK_PGDN                         ? nrows
                                                          : 0;
        rc->cur = key == FXK_HOME ? 0 : key == FXK_END ? rc->n - 1 : rc->cur + d;
        break;
    }
    default: break;
    }
    return VIEW_STAY;
}

int rollcall_run(struct app *app, struct rollcall *rc, const char *title)
{
    rc->msg[0] = '\0';
    snprintf(rc->title, sizeof rc->title, "%s", title);
    rc->query[0] = '\0';
    struct rollcall_run run = {.rc = rc, .result = ROLLCALL_BACK};
    struct view v = {.keys = rollcall_view_keys,
                     .draw = rollcall_view_draw,
                     .key = rollcall_view_key,
                     .click = rollcall_view_click,
                     .covers_body = true,
                     .ctx = &run};
    app_run_view(app, &v);
    return run.result;
}
