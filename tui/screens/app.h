/* app.h — the frame every screen lives in: the open ledger, title line, tabs, status and key bar.
 * Screens and modal widgets call these to read keys, redraw behind themselves and report saves and errors. */
#ifndef FX_APP_H
#define FX_APP_H

#include <sqlite3.h>
#include <stdbool.h>
#include <wchar.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "screen.h"

struct cli;

struct app {
    sqlite3 *db;                 /* the ledger, opened STORE_WRITER; NULL only before it exists */
    struct cli *cli;
    const struct fx_config *cfg;
    char db_path[4096];
    char unit[256];              /* title line */
    struct fx_period period;     /* current period (this month) */
    char save_state[64];         /* title line: "已保存", "未保存" … */
    char status[512];            /* the line above the key bar */
    bool status_error;
    int cur;                     /* index of the current tab */
    bool in_paste;               /* inside a bracketed paste: everything is text */
    int paste_esc;               /* inside an escape sequence within a paste: 0 none, 1 ESC, 2 CSI, 3 OSC */
    bool quit_requested;         /* SIGTERM/SIGHUP/SIGINT, or q on the too-small screen: every view closes */
    struct view *views[16];      /* the views open, bottom (the screens) to top */
    int nviews;
};

/* A view: what has the keys until it closes — the screens themselves (the frame
 * runs them as the first view), and every dialog, form, picker, roll call and
 * list opened over them. One loop, app_run_view, serves them all (the idea of
 * htop's ScreenManager_run): it draws the frame and every open view, bottom to
 * top, reads a key, looks it up in the top view's key table and hands the
 * binding to its key function; a key the table lacks does nothing, F1 shows the
 * table, a resize just draws again. */
struct view {
    /* The key table in force now. */
    const struct keymap *(*keys)(struct view *v, struct app *app);
    /* Draw over what is under it (after the frame and the views below). May be NULL. */
    void (*draw)(struct view *v, struct app *app);
    /* A key its table binds: action is the binding's, key the key (FXK_…). Returns VIEW_ flags. */
    int (*key)(struct view *v, struct app *app, int action, int key);
    /* A click at screen row y, column x (not on the key bar). May be NULL. Returns VIEW_ flags. */
    int (*click)(struct view *v, struct app *app, int y, int x);
    /* After a frame is up, before waiting for a key: slow work. True when it changed what is shown. May be NULL. */
    bool (*idle)(struct view *v, struct app *app);
    /* Holds typed text not yet saved (the 终端窗口太小 screen warns of it). May be NULL. */
    bool (*dirty)(struct view *v);
    bool covers_body; /* draws the whole body: the screen and the views under it are not drawn */
    void *ctx;        /* the view's own */
};

enum view_flags { VIEW_STAY = 0, VIEW_CLOSE = 1 };

/* Run v until its key function says VIEW_CLOSE or the program is asked to quit
 * (app->quit_requested: every view then closes as if cancelled). */
void app_run_view(struct app *app, struct view *v);

/* F1: the keys of km (NULL: the current screen's) in a dialog. */
void app_show_help(struct app *app, const struct keymap *km);

/* The body rectangle of the current layout. */
struct rect app_body(void);

/* Title-line save state: "已保存" after a commit, "未保存" while a form has
 * changes, anything short. Stored as given (sanitized when drawn). */
void app_set_save_state(struct app *app, const char *state);
/* After a successful commit: "已保存 HH:MM". */
void app_mark_saved(struct app *app);
/* The status line above the key bar (cleared by the next key). */
void app_status(struct app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Show a core error: a dialog with err->msg (detail only with FENXIAO_DEBUG). */
void app_error(struct app *app, const struct fx_error *err);

/* Before writing a file the person named: an existing regular file is
 * replaced only when they say so. Returns false when they said no; else
 * *flags holds the outfile_flags to write with. */
bool app_may_write(struct app *app, const char *path, int *flags);
/* A form's date after today (date_check_not_future) asks 是/否 through the modal loop (issue 18): true to go on
 * (not in the future, or 是), false with err set at field when the answer is 否 (nothing is saved). what names
 * the date ("培训日期"). */
bool app_confirm_future(struct app *app, const char *date, const char *what, const char *field, struct fx_error *err);

/* Re-read the unit name for the title line (after it changed). */
void app_reload_unit(struct app *app);

#endif
