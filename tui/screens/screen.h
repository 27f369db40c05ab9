/* screen.h — what a screen is: an ops table, and the registry of the six tabs.
 * Adding a screen is adding one folder (tui/screens/X/, whose screen_X.c defines screen_X_ops) and, for a new tab, one line in FX_SCREENS. */
#ifndef FX_SCREEN_H
#define FX_SCREEN_H

#include <wchar.h>

#include "actions.h"
#include "draw.h"

struct app;

/* What a handler did; the main loop acts on the flags. */
enum screen_flags {
    SCR_UNHANDLED = 0, /* not mine: the frame may use the key (digits switch tabs, q quits) */
    SCR_HANDLED = 1,   /* consumed */
    SCR_REDRAW = 2,    /* redraw the whole screen */
    SCR_RELOAD = 4,    /* data changed: call enter() again to refetch, then redraw */
    SCR_QUIT = 8       /* leave the program */
};

struct screen_ops {
    const char *name;  /* shown in the tab, "台账" */
    unsigned actions;  /* ACT_BIT()s the screen offers; the key bar dims the rest */
    /* The screen became current (or SCR_RELOAD): fetch what it shows. May be NULL. */
    int (*enter)(struct app *app);
    /* Another screen takes over. May be NULL. */
    void (*leave)(struct app *app);
    /* Draw into body (title, tabs, status and key bar belong to the frame). */
    void (*draw)(struct app *app, struct rect body);
    /* A key. action is the enum action it means (ACT_NONE for others); is_key
     * and ch are get_wch's answer, for keys the screen handles itself. */
    int (*key)(struct app *app, int action, int is_key, wint_t ch);
    /* A mouse click inside body at screen row y, column x. May be NULL. */
    int (*click)(struct app *app, struct rect body, int y, int x);
    /* Called after a frame is on the terminal, before waiting for a key: slow work
     * (figures over a county ledger) goes here so no frame waits for it. Returns
     * SCR_REDRAW when it changed what is shown, 0 when it had nothing to do. May be NULL. */
    int (*idle)(struct app *app);
    /* The screen's own keys, one "key  what it does" per line, for the help
     * screen (F1) and fenxiao(1)'s SCREENS section. May be NULL. */
    const char *keys;
};

/* The tabs, in order: X(id, label). Tab n is reached with digit n. */
#define FX_SCREENS(X)                                                          \
    X(home, "总览")                                                            \
    X(ledger, "台账")                                                          \
    X(menu, "菜单")                                                            \
    X(check, "清单")                                                           \
    X(report, "报表")                                                          \
    X(roster, "名册")

/* Each tab's ops table, defined by its screen (a misnamed one fails to link). */
#define FX_SCREEN_DECL(id, label) extern const struct screen_ops screen_##id##_ops;
FX_SCREENS(FX_SCREEN_DECL)
#undef FX_SCREEN_DECL

#endif
