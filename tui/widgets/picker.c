/* picker.c — the searchable list: a line editor for the query and a table of matches.
 * Each change of the query resets the table, which fetches one page again; nothing holds the whole list. */
#include "picker.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "lineedit.h"

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
        draw_begin();
        if (app_draw_background(app)) {
            struct rect r = picker_rect();
            draw_box(r, p->title, ROLE_DIALOG);
            draw_text(r.y + 1, r.x + 2, 6, "查找：", ROLE_DIALOG);
            draw_text(r.y + 2, r.x + 2, r.w - 4, p->hint ? p->hint : "", ROLE_DIALOG);
            struct rect tr = table_rect(r);
            draw_fill(tr.y, tr.x, tr.w, ROLE_NORMAL);
            for (int i = 0; i < tr.h; i++)
                draw_fill(tr.y + i, tr.x, tr.w, ROLE_NORMAL);
            table_draw(&t, tr);
            draw_text_pad(r.y + r.h - 2, r.x + 1, r.w - 2, "↑↓ 选择  Enter 确定  Esc 清除/关闭", ROLE_DIALOG, 'c');
            lineedit_draw(&q, r.y + 1, r.x + 8, r.w - 10, ROLE_FIELD_CUR, true);
        }
        draw_end();
        wint_t ch;
        int k = app_read_key(app, &ch);
        if (app->quit_requested)
            break;
        if (k == ERR)
            continue;
        bool is_key = k == KEY_CODE_YES;
        if (is_key && ch == KEY_RESIZE)
            continue;
        if (draw_too_small()) { /* keep what is typed, act on nothing blind */
            if (lineedit_key(&q, is_key, ch) == LE_CHANGED) {
                p->set_query(p->src.ctx, lineedit_text(&q));
                table_reset(&t);
            }
            continue;
        }
        if (is_key && ch == KEY_MOUSE) {
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
        if (!app->in_paste && ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r')))) {
            const void *row = table_current(&t);
            if (row) {
                memcpy(out, row, p->src.row_size);
                chosen = true;
                break;
            }
            continue;
        }
        if (!app->in_paste && !is_key && ch == 27) {
            if (!lineedit_text(&q)[0])
                break;
            textbuf_set(&q.tb, "");
            p->set_query(p->src.ctx, "");
            table_reset(&t);
            continue;
        }
        if (table_key(&t, is_key, ch))
            continue;
        if (lineedit_key(&q, is_key, ch) == LE_CHANGED) {
            p->set_query(p->src.ctx, lineedit_text(&q));
            table_reset(&t);
        }
    }
    lineedit_free(&q);
    table_free(&t);
    return chosen;
}
