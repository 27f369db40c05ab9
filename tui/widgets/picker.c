/* picker.c — the searchable list: a line editor for the query and a table of matches.
 * Each change of the query resets the table, which fetches one page again; nothing holds the whole list. */
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

bool picker_run(struct app *app, const struct picker *p, void *out)
{
    struct table t;
    struct lineedit q;
    if (table_init(&t, p->cols, p->ncols, &p->src))
        return false;
    if (lineedit_init(&q, 128, p->initial_query)) {
        table_free(&t);
        return false;
    }
    p->set_query(p->src.ctx, lineedit_text(&q));
    bool chosen = false;
    for (;;) {
        const struct keymap *km = picker_keys_now(p, &q);
        draw_begin();
        if (app_draw_background(app, km)) {
            struct rect r = picker_rect();
            draw_box(r, p->title, ROLE_DIALOG);
            draw_text(r.y + 1, r.x + 2, 6, "查找：", ROLE_DIALOG);
            draw_text(r.y + 2, r.x + 2, r.w - 4, p->hint ? p->hint : "", ROLE_DIALOG);
            struct rect tr = table_rect(r);
            draw_fill(tr.y, tr.x, tr.w, ROLE_NORMAL);
            for (int i = 0; i < tr.h; i++)
                draw_fill(tr.y + i, tr.x, tr.w, ROLE_NORMAL);
            table_draw(&t, tr);
            char hint[256];
            keys_hint(km, KEYS_HINT_FKEYS, hint, sizeof hint);
            draw_text_pad(r.y + r.h - 2, r.x + 1, r.w - 2, hint, ROLE_DIALOG, 'c');
            lineedit_draw(&q, r.y + 1, r.x + 8, r.w - 10, ROLE_FIELD_CUR, true);
        }
        draw_end();
        int key;
        const struct key_binding *b = app_read_bound(app, km, &key);
        if (app->quit_requested)
            break;
        if (key == FXK(KEY_MOUSE) && !draw_too_small()) {
            MEVENT ev;
            if (getmouse(&ev) == OK && ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
                struct rect tr = table_rect(picker_rect());
                int before = t.cur;
                if (table_click(&t, tr, ev.y) && t.cur == before && table_current(&t)) {
                    memcpy(out, table_current(&t), p->src.row_size);
                    chosen = true;
                    break;
                }
            }
            continue;
        }
        if (!b)
            continue;
        int is_key;
        wint_t ch;
        keys_split(key, &is_key, &ch);
        if (b->action == ACT_HELP) {
            app_show_help(app, km);
        } else if (b->action == ACT_OK) {
            const void *row = table_current(&t);
            if (row) {
                memcpy(out, row, p->src.row_size);
                chosen = true;
                break;
            }
        } else if (b->action == ACT_BACK) {
            break;
        } else if (b->action == PICKER_CLEAR) {
            textbuf_set(&q.tb, "");
            p->set_query(p->src.ctx, "");
            table_reset(&t);
        } else if (b->action == ACT_MOVE) {
            table_key(&t, is_key, ch);
        } else if (lineedit_key(&q, is_key, ch) == LE_CHANGED) {
            p->set_query(p->src.ctx, lineedit_text(&q));
            table_reset(&t);
        }
    }
    lineedit_free(&q);
    table_free(&t);
    return chosen;
}
