/* dialog.c — confirm, message and error boxes drawn over the current screen.
 * Each runs its own key loop on app_read_key, redrawing the frame behind it every time, so a resize never leaves debris. */
#include "dialog.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "text.h"

#define DIALOG_MAXLINES 16

/* Lay the box out around the wrapped text; returns the rect. */
static struct rect layout(const char *msg, int *starts, int *lens, int *nlines)
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
    struct rect r = {0, 0, *nlines + 5, w};
    r.y = (LINES - r.h) / 2;
    r.x = (COLS - r.w) / 2;
    return r;
}

static void draw_lines(struct rect r, const char *msg, const int *starts, const int *lens, int nlines, int role)
{
    for (int i = 0; i < nlines; i++) {
        char line[1024];
        int n = lens[i] < (int)sizeof line - 1 ? lens[i] : (int)sizeof line - 1;
        memcpy(line, msg + starts[i], (size_t)n);
        line[n] = '\0';
        draw_text(r.y + 2 + i, r.x + 2, r.w - 4, line, role);
    }
}

/* Shared loop: buttons is NULL for a message box. Returns the chosen button
 * index, or -1 for Esc. */
static int run_box(struct app *app, const char *title, const char *msg, const char *const *buttons, int nbuttons,
                   int focus, int text_role)
{
    int starts[DIALOG_MAXLINES], lens[DIALOG_MAXLINES], nlines;
    for (;;) {
        draw_begin();
        if (app_draw_background(app)) {
            struct rect r = layout(msg, starts, lens, &nlines);
            draw_box(r, title, ROLE_DIALOG);
            draw_lines(r, msg, starts, lens, nlines, text_role);
            int by = r.y + r.h - 2;
            if (nbuttons) {
                int total = 0;
                for (int i = 0; i < nbuttons; i++)
                    total += text_width(buttons[i]) + 4 + 2;
                int bx = r.x + (r.w - total) / 2;
                for (int i = 0; i < nbuttons; i++) {
                    char b[64];
                    snprintf(b, sizeof b, "[ %s ]", buttons[i]);
                    bx += draw_text(by, bx, r.w, b, i == focus ? ROLE_SELECTED : ROLE_DIALOG) + 2;
                }
            } else {
                draw_text_pad(by, r.x + 1, r.w - 2, "按 Enter 继续", ROLE_DIALOG, 'c');
            }
        }
        draw_end();
        wint_t ch;
        int k = app_read_key(app, &ch);
        if (app->quit_requested)
            return -1;
        if (k == ERR || draw_too_small())
            continue;
        if (k == KEY_CODE_YES) {
            if (ch == KEY_LEFT || ch == KEY_BTAB)
                focus = focus > 0 ? focus - 1 : nbuttons - 1;
            else if (ch == KEY_RIGHT)
                focus = nbuttons ? (focus + 1) % nbuttons : 0;
            else if (ch == KEY_ENTER)
                return nbuttons ? focus : 0;
            continue;
        }
        if (ch == 27)
            return -1;
        if (ch == '\t' && nbuttons)
            focus = (focus + 1) % nbuttons;
        else if (ch == '\n' || ch == '\r')
            return nbuttons ? focus : 0;
        else if (!nbuttons && ch == ' ')
            return 0;
        else if (nbuttons && (ch == 'y' || ch == 'Y'))
            return 0;
        else if (nbuttons && (ch == 'n' || ch == 'N'))
            return 1;
    }
}

bool dialog_confirm(struct app *app, const char *title, const char *msg)
{
    static const char *const buttons[] = {"是(Y)", "否(N)"};
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
