/* screen.h — what a screen is: an ops table, and the registry of the tabs.
 * Adding a screen is adding one folder (tui/screens/X/, whose screen_X.c defines screen_X_ops) and, for a new tab, one line in FX_SCREENS. */
#ifndef FX_SCREEN_H
#define FX_SCREEN_H

#include <wchar.h>

#include "actions.h"
#include "draw.h"

struct app;

/* What a handler did; the main loop acts on the flags. */
enum screen_flags {
    SCR_UNHANDLED = 0, /* nothing happened */
    SCR_HANDLED = 1,   /* consumed */
    SCR_REDRAW = 2,    /* redraw the whole screen */
    SCR_RELOAD = 4,    /* data changed: call enter() again to refetch, then redraw */
    SCR_QUIT = 8       /* leave the program */
};

struct screen_ops {
    const char *name;  /* shown in the tab, "台账" */
    /* The screen's key table: its keys act, nothing else does. The hint line, the
     * key bar (F-keys bound here, and the frame's), F1 and the manual come from it.
     * Its also list ends with screen_keys_also (the list's cursor, the frame's keys). */
    const struct keymap *keys;
    /* Optional: the table in force now, when it changes with what the screen shows
     * (a sub-view, a search line); NULL: keys. */
    const struct keymap *(*keys_now)(struct app *app);
    /* Optional: the other tables keys_now may give, for the manual (NULL-terminated). */
    const struct keymap *const *more_keys;
    /* The screen became current (or SCR_RELOAD): fetch what it shows. May be NULL. */
    int (*enter)(struct app *app);
    /* Another screen takes over. May be NULL. */
    void (*leave)(struct app *app);
    /* Draw into body (title, tabs, status and key bar belong to the frame). */
    void (*draw)(struct app *app, struct rect body);
    /* A key bound in the screen's table: action is the binding's (an enum action or
     * the screen's own); is_key and ch are the key, for a list or a line editor. */
    int (*key)(struct app *app, int action, int is_key, wint_t ch);
    /* A mouse click inside body at screen row y, column x. May be NULL. */
    int (*click)(struct app *app, struct rect body, int y, int x);
    /* Called after a frame is on the terminal, before waiting for a key: slow work
     * (figures over a county ledger) goes here so no frame waits for it. Returns
     * SCR_REDRAW when it changed what is shown, 0 when it had nothing to do. May be NULL. */
    int (*idle)(struct app *app);
};

/* What every screen's table ends with: the list's cursor keys, then the frame's
 * (F1/?, F10/q, 1–6, Tab/Shift-Tab). A screen may bind any of them itself.
 * _rows_also: a list without PgUp PgDn; _frame_also: no list. */
extern const struct keymap keys_frame;
extern const struct keymap *const screen_keys_also[];
extern const struct keymap *const screen_keys_rows_also[];
extern const struct keymap *const screen_keys_frame_also[];

/* The tabs, in order: X(id, label). Tab n is reached with digit n. */
#define FX_SCREENS(X)                                                          \
    X(home, "总览")                                                            \
    X(ledger, "台账")                                                          \
    X(menu, "菜单")                                                            \
    X(check, "清单")                                                           \
    X(report, "报表")                                                          \
    X(roster, "名册")                                                          \
    X(funds, "经费")                                                           \
    X(plan, "计划")                                                            \
    X(problems, "问题")

/* Each tab's ops table, defined by its screen (a misnamed one fails to link). */
#define FX_SCREEN_DECL(id, label) extern const struct screen_ops screen_##id##_ops;
FX_SCREENS(FX_SCREEN_DECL)
#undef FX_SCREEN_DECL

#endif
