/* dialog.c — confirm, message and error boxes drawn over the current screen.
 * Their keys are two tables (a message's, a question's); they redraw the frame behind them every time, so a resize
 * never leaves debris. */
#include "dialog.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "text.h"

#define DIALOG_MAXLINES 200 /* a longer message is cut; one taller than the screen scrolls */

enum { DIALOG_YES = ACT_LOCAL, DIALOG_NO, DIALOG_LEFT, DIALOG_RIGHT };

/* A message's keys: X(key, twin, action, hint, help). */
#define MESSAGE_KEYS(X)                                                                                                \
    X(FXK_ENTER, ' ', ACT_OK, "继续", "关闭这个框")                                                                    \
    X(FXK_ESC, 0, ACT_OK, NULL, "关闭这个框")
FX_KEYMAP(, dialog_message_keys, "消息框", MESSAGE_KEYS, NULL);

/* A message taller than the screen also scrolls. */
#define MESSAGE_SCROLL_KEYS(X) X(FXK_LIST, 0, ACT_MOVE, "翻看", "翻看：↑ ↓ 一行，PgUp PgDn 一页，Home End 到头到尾")
static const struct keymap *const message_scroll_also[] = {&dialog_message_keys, NULL};
FX_KEYMAP(, dialog_scroll_keys, "消息框（可翻看）", MESSAGE_SCROLL_KEYS, message_scroll_also);

/* A question's: its buttons say 是(Y) and 否(N); the focus starts on 否. */
#define CONFIRM_KEYS(X)                                                                                                \
    X('y', 'Y', DIALOG_YES, NULL, "是")                                                                                \
    X('n', 'N', DIALOG_NO, NULL, "否")                                                                                 \
    X(FXK_ESC, 0, DIALOG_NO, NULL, "否")                                                                               \
    X(FXK_ENTER, 0, ACT_OK, NULL, "选光标所在的按钮")                                                                  \
    X(FXK_LEFT, FXK_BTAB, DIALOG_LEFT, NULL, "光标移到左边的按钮")                                                     \
    X(FXK_RIGHT, FXK_TAB, DIALOG_RIGHT, NULL, "光标移到右边的按钮")
FX_KEYMAP(, dialog_confirm_keys, "问答框", CONFIRM_KEYS, NULL);

/* Lay the box out around the wrapped text; returns the rect. A text taller than
 * the screen gets the rows there are (*shown of *nlines). */
static struct rect layout(const char *msg, int *starts, int *lens, int *nlines, int *shown)
{
    int w = COLS - 8 < 64 ? COLS - 8 : 64;
    *nlines = draw_wrap(msg, w - 4, starts, lens, DIALOG_MAXLINES);
    /* Shrink to the widest line so short messages get a small box. */
    int widest = 20;
    for (int i = 0; i < *nlines; i++) {
        char line[1024];
        int n = lens[i] < (int)sizeof line - 1 ? lens[i] : (int)sizeof line - 1;
        memcpy(line, msg + starts[i], (size_t)n);
        line[n] = '\0';
        int lw = text_width(line);
        if (lw > widest)
            widest = lw;
    }
    if (widest + 4 < w)
        w = widest + 4 < 30 ? 30 : widest + 4;
    *shown = *nlines < LINES - 7 ? *nlines : LINES - 7;
    if (*shown < 1)
        *shown = 1;
    struct rect r = {0, 0, *shown + 5, w};
    r.y = (LINES - r.h) / 2;
    r.x = (COLS - r.w) / 2;
    return r;
}

static void draw_lines(struct rect r, const char *msg, const int *starts, const int *lens, int top, int shown, int role)
{
    for (int i = 0; i < shown; i++) {
        char line[1024];
        int n = lens[top + i] < (int)sizeof line - 1 ? lens[top + i] : (int)sizeof line - 1;
        memcpy(line, msg + starts[top + i], (size_t)n);
        line[n] = '\0';
        draw_text(r.y + 2 + i, r.x + 2, r.w - 4, line, role);
    }
}

/* A box: buttons is NULL for a message box. */
struct box {
    const char *title, *msg;
    const char *const *buttons;
    int nbuttons, focus, text_role;
    int top; /* first line shown of a message taller than the screen */
    int nlines, shown;
    int result; /* the chosen button, or -1 for Esc */
};

static int starts[DIALOG_MAXLINES], lens[DIALOG_MAXLINES]; /* the lines of the box on top, as last laid out */

static const struct keymap *box_keys(struct view *v, struct app *app)
{
    (void)app;
    struct box *bx = v->ctx;
    int nlines, shown;
    layout(bx->msg, starts, lens, &nlines, &shown);
    return bx->nbuttons ? &dialog_confirm_keys : shown < nlines ? &dialog_scroll_keys : &dialog_message_keys;
}

static void box_draw(struct view *v, struct app *app)
{
    struct box *bx = v->ctx;
    struct rect r = layout(bx->msg, starts, lens, &bx->nlines, &bx->shown);
    if (bx->top > bx->nlines - bx->shown)
        bx->top = bx->nlines - bx->shown;
    if (bx->top < 0)
        bx->top = 0;
    draw_box(r, bx->title, ROLE_DIALOG);
    draw_lines(r, bx->msg, starts, lens, bx->top, bx->shown, bx->text_role);
    int by = r.y + r.h - 2;
    if (bx->nbuttons) {
        int total = 0;
        for (int i = 0; i < bx->nbuttons; i++)
            total += text_width(bx->buttons[i]) + 4 + 2;
        int x = r.x + (r.w - total) / 2;
        for (int i = 0; i < bx->nbuttons; i++) {
            char b[64];
            snprintf(b, sizeof b, "[ %s ]", bx->buttons[i]);
            x += draw_text(by, x, r.w, b, i == bx->focus ? ROLE_SELECTED : ROLE_DIALOG) + 2;
        }
    } else {
        char hint[128];
        keys_hint(box_keys(v, app), KEYS_HINT_FKEYS, hint, sizeof hint);
        draw_text_pad(by, r.x + 1, r.w - 2, hint, ROLE_DIALOG, 'c');
    }
}

static int box_key(struct view *v, struct app *app, int action, int key)
{
    (void)app;
    struct box *bx = v->ctx;
    switch (action) {
    case ACT_OK: bx->result = bx->nbuttons ? bx->focus : 0; return VIEW_CLOSE;
    case DIALOG_YES: bx->result = 0; return VIEW_CLOSE;
    case DIALOG_NO: bx->result = bx->nbuttons > 1 ? 1 : -1; return VIEW_CLOSE;
    case DIALOG_LEFT: bx->focus = bx->focus > 0 ? bx->focus - 1 : bx->nbuttons - 1; break;
    case DIALOG_RIGHT: bx->focus = (bx->focus + 1) % bx->nbuttons; break;
    case ACT_MOVE:
        bx->top += key == FXK_UP || key == FXK_CTRL('p')     ? -1
                   : key == FXK_DOWN || key == FXK_CTRL('n') ? 1
                   : key == FXK_PGUP                         ? -bx->shown
                   : key == FXK_PGDN                         ? bx->shown
                   : key == FXK_HOME                         ? -bx->nlines
                                                             : bx->nlines;
        break;
    default: break;
    }
    return VIEW_STAY;
}

/* Returns the chosen button index, or -1 for Esc (and when the program is asked to quit). */
static int run_box(struct app *app, const char *title, const char *msg, const char *const *buttons, int nbuttons,
                   int focus, int text_role)
{
    struct box bx = {.title = title,
                     .msg = msg,
                     .buttons = buttons,
                     .nbuttons = nbuttons,
                     .focus = focus,
                     .text_role = text_role,
                     .result = -1};
    struct view v = {.keys = box_keys, .draw = box_draw, .key = box_key, .ctx = &bx};
    app_run_view(app, &v);
    return bx.result;
}

bool dialog_confirm(struct app *app, const char *title, const char *msg)
{
    /* The buttons name their keys from the table: 是(Y) 否(N). */
    static char yes[32], no[32];
    if (!yes[0]) {
        char k[16];
        keys_name(keys_lookup(&dialog_confirm_keys, 'y')->twin, k, sizeof k);
        snprintf(yes, sizeof yes, "是(%s)", k);
        keys_name(keys_lookup(&dialog_confirm_keys, 'n')->twin, k, sizeof k);
        snprintf(no, sizeof no, "否(%s)", k);
    }
    const char *const buttons[] = {yes, no};
    return run_box(app, title, msg, buttons, 2, 1, ROLE_DIALOG) == 0;
}

void dialog_message(struct app *app, const char *title, const char *msg)
{
    run_box(app, title, msg, NULL, 0, 0, ROLE_DIALOG);
}

void dialog_error(struct app *app, const struct fx_error *err)
{
    char msg[1200];
    const char *m = err && err->msg[0] ? err->msg : "出现了未知错误";
    if (err && err->detail[0] && getenv("FENXIAO_DEBUG"))
        snprintf(msg, sizeof msg, "%s\n（%s）", m, err->detail);
    else
        snprintf(msg, sizeof msg, "%s", m);
    run_box(app, "出错了", msg, NULL, 0, 0, ROLE_DIALOG);
}
