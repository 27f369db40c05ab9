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
    bool quit_requested;         /* SIGTERM/SIGHUP/SIGINT: leave at the next key read */
};

/* Read one key: returns OK (ch is a character), KEY_CODE_YES (ch is a KEY_*
 * code, KEY_RESIZE and KEY_MOUSE included) or ERR (nothing yet; call again).
 * Inside a bracketed paste, newlines and tabs come back as spaces and keys
 * that are not characters are dropped, so a paste lands as text. */
int app_read_key(struct app *app, wint_t *ch);

/* Read the next key for a view whose key table is km. Returns its binding (the
 * key in *key), or NULL when the caller should draw again and ask again: a
 * resize, a mouse event (in *key, FXK(KEY_MOUSE)), a key km does not bind (it
 * does nothing), a paste outside a text field, anything while the terminal is
 * too small; or app->quit_requested is set. */
const struct key_binding *app_read_bound(struct app *app, const struct keymap *km, int *key);

/* Draw the frame and the current screen (for modal widgets to draw over); the
 * key bar and the status line's twins are those of km, the keys of the view on
 * top (NULL: the current screen's). Returns false when the terminal is too
 * small: the 终端窗口太小 screen was drawn instead and the caller should draw
 * nothing more. Call between draw_begin() and draw_end(). */
bool app_draw_background(struct app *app, const struct keymap *km);

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

/* Re-read the unit name for the title line (after it changed). */
void app_reload_unit(struct app *app);

#endif
