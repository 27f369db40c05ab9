/* menu_views.h — private to the 菜单 screen: its sub-views (师资库, 教学点, 点单) and the pickers they share.
 * screen_menu.c owns the screen and switches views; menu_pool.c and menu_orders.c each fill one or two views. */
#ifndef FX_MENU_VIEWS_H
#define FX_MENU_VIEWS_H

#include <stdbool.h>
#include <wchar.h>

#include "actions.h"
#include "branch.h"
#include "course.h"
#include "draw.h"
#include "teacher.h"
#include "venue.h"

struct app;

/* A view inside the 菜单 screen; the same contract as struct screen_ops. */
struct menu_view {
    const char *label;         /* on the view line: "师资库" */
    const struct keymap *keys; /* its own keys (their hints go on the view line); its also ends with menu_keys_also */
    const char *note;          /* after the keys on the view line: what its figures mean, or NULL */
    int (*enter)(struct app *app);
    void (*leave)(struct app *app);
    void (*draw)(struct app *app, struct rect body);
    int (*key)(struct app *app, int action, int is_key, wint_t ch);
    int (*click)(struct app *app, struct rect body, int y, int x);
};

/* What every view's keys end with: the keys that switch views, a list's, the frame's. */
extern const struct keymap *const menu_keys_also[];
/* The views' own (for the manual). */
extern const struct keymap menu_teacher_keys, menu_venue_keys, menu_order_keys;

extern const struct menu_view menu_teachers_view; /* menu_pool.c */
extern const struct menu_view menu_venues_view;   /* menu_pool.c */
extern const struct menu_view menu_orders_view;   /* menu_orders.c */

/* Modal pickers with pinyin search; true when one was chosen into *out. */
bool menu_pick_teacher(struct app *app, struct teacher *out);
bool menu_pick_venue(struct app *app, struct venue *out);
bool menu_pick_branch(struct app *app, struct branch *out);
/* Only courses offered (not retired): what a branch can order. */
bool menu_pick_course(struct app *app, const char *title, bool include_retired, struct course *out);

/* Place an order for course (branch picker, then wanted date and note);
 * true when saved. Used by the course list (Enter) and the order list (F2). */
bool menu_order_course(struct app *app, const struct course *course);

/* A horizontal rule across r's width at row y. */
void menu_rule(int y, int x, int w);

#endif
