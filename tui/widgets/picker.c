/* picker.c — the searchable list: a line editor for the query and a table of matches.
 * Each change of the query resets the table, which fetches one page again; nothing holds the whole list. A view of
 * app_run_view. */
#include "picker.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "lineedit.h"

enum { PICKER_CLEAR = ACT_LOCAL };

/* A picker's keys: X(key, twin, action, hint, help). The list takes Home and End before the query line. */
#define PICKER_KEYS(X)                                                                                                 \
    X(FXK_LIST, 0, ACT_MOVE, "选择", "移动光标：↑ ↓ 一行，PgUp PgDn 一页，Home End 到头到尾")                          \
    X(FXK_ENTER, 0, ACT_OK, "确定", "选中光标所在的一行")                                                              \
    X(FXK_ESC, 0, ACT_BACK, "关闭", "不选，关闭")                                                                      \
    X(FXK_EDITING, 0, ACT_TEXT, NULL, "改查找的字：← → 移动，退格 Delete 删除")                                        \
    X(FXK_TEXT, 0, ACT_TEXT, NULL, "输入要查找的名称或拼音首字母")
static const struct keymap *const picker_also[] = {&keys_modal, NULL};
FX_KEYMAP(, picker_keys, "选择框", PICKER_KEYS, picker_also);

/* Ticking several: Enter ticks, Esc is done. */
#define PICKER_TICK_KEYS(X)                                                                                            \
    X(FXK_ENTER, 0, ACT_OK, "选上/取消", "勾上或去掉光标所在的一行（可以连选几个）")                                   \
    X(FXK_ESC, 0, ACT_BACK, "完成", "选完了，关闭")
static const struct keymap *const picker_tick_also[] = {&picker_keys, NULL};
FX_KEYMAP(, picker_tick_keys, "选择框（可多选）", PICKER_TICK_KEYS, picker_tick_also);

/* With something typed, Esc first clears it. */
#define PICKER_QUERY_KEYS(X) X(FXK_ESC, 0, PICKER_CLEAR, "清除", "清除查找的字（再按一次关闭）")
static const struct keymap *const picker_query_also[] = {&picker_keys, NULL};
FX_KEYMAP(, picker_query_keys, "选择框（查找中）", PICKER_QUERY_KEYS, picker_query_also);
static const struct keymap *const picker_tick_query_also[] = {&picker_tick_keys, NULL};
FX_KEYMAP(, picker_tick_query_keys, "选择框（可多选，查找中）", PICKER_QUERY_KEYS, picker_tick_query_also);

static const struct keymap *picker_keys_now(const struct picker *p, const struct lineedit *q)
{
    bool typed = lineedit_text(q)[0] != '\0';
    if (p->ticking)
        return typed ? &picker_tick_query_keys : &picker_tick_keys;
    return typed ? &picker_query_keys : &picker_keys;
}

static struct rect picker_rect(void)
{
    struct rect r;
    r.w = COLS - 6 < 76 ? COLS - 6 : 76;
    r.h = LINES - 4;
    r.y = 2;
    r.x = (COLS - r.w) / 2;
    return r;
}

static struct rect table_rect(struct rect r)
{
    struct rect t = {r.y + 3, r.x + 2, r.h - 5, r.w - 4};
    return t;
}

/* The picker as a view of the one loop. */
struct picker_run {
    const struct picker *p;
    struct table t;
    struct lineedit q;
    void *out;
    bool chosen;
};

static const struct keymap *picker_view_keys(struct view *v, struct app *app)
{
    (void)app;
    struct picker_run *run = v->ctx;
    return picker_keys_now(run->p, &run->q);
}

static void picker_view_draw(struct view *v, struct app *app)
{
    struct picker_run *run = v->ctx;
    struct rect r = picker_rect();
    draw_box(r, run->p->title, ROLE_DIALOG);
    draw_text(r.y + 1, r.x + 2, 6, "查找：", ROLE_DIALOG);
    draw_text(r.y + 2, r.x + 2, r.w - 4, run->p->hint ? run->p->hint : "", ROLE_DIALOG);
    struct rect tr = table_rect(r);
    for (int i = 0; i < tr.h; i++)
        draw_fill(tr.y + i, tr.x, tr.w, ROLE_NORMAL);
    table_draw(&run->t, tr);
    char hint[256];
    keys_hint(picker_view_keys(v, app), KEYS_HINT_FKEYS, hint, sizeof hint);
    draw_text_pad(r.y + r.h - 2, r.x + 1, r.w - 2, hint, ROLE_DIALOG, 'c');
    lineedit_draw(&run->q, r.y + 1, r.x + 8, r.w - 10, ROLE_FIELD_CUR, true);
}

static bool choose_current(struct picker_run *run)
{
    const void *row = table_current(&run->t);
    if (!row)
        return false;
    memcpy(run->out, row, run->p->src.row_size);
    run->chosen = true;
    return true;
}

static int picker_view_key(struct view *v, struct app *app, int action, int key)
{
    (void)app;
    struct picker_run *run = v->ctx;
    int is_key;
    wint_t ch;
    keys_split(key, &is_key, &ch);
    switch (action) {
    case ACT_OK: return choose_current(run) ? VIEW_CLOSE : VIEW_STAY;
    case ACT_BACK: return VIEW_CLOSE;
    case PICKER_CLEAR:
        textbuf_set(&run->q.tb, "");
        run->p->set_query(run->p->src.ctx, "");
        table_reset(&run->t);
        break;
    case ACT_MOVE: table_key(&run->t, is_key, ch); break;
    default:
        if (lineedit_key(&run->q, is_key, ch) == LE_CHANGED) {
            run->p->set_query(run->p->src.ctx, lineedit_text(&run->q));
            table_reset(&run->t);
        }
        break;
    }
    return VIEW_STAY;
}

/* A click on a row puts the cursor there; on the cursor row it chooses. */
static int picker_view_click(struct view *v, struct app *app, int y, int x)
{
    (void)app;
    (void)x;
    struct picker_run *run = v->ctx;
    int before = run->t.cur;
    if (table_click(&run->t, table_rect(picker_rect()), y) && run->t.cur == before && choose_current(run))
        return VIEW_CLOSE;
    return VIEW_STAY;
}

bool picker_run(struct app *app, const struct picker *p, void *out)
{
    struct picker_run run = {.p = p, .out = out};
    if (table_init(&run.t, p->cols, p->ncols, &p->src))
        return false;
    if (lineedit_init(&run.q, 128, p->initial_query)) {
        table_free(&run.t);
        return false;
    }
    p->set_query(p->src.ctx, lineedit_text(&run.q));
    struct view v = {.keys = picker_view_keys,
                     .draw = picker_view_draw,
                     .key = picker_view_key,
                     .click = picker_view_click,
                     .ctx = &run};
    app_run_view(app, &v);
    lineedit_free(&run.q);
    table_free(&run.t);
    return run.chosen;
}
