/* rollcall_view.h — the roll call on the screen: core's model (rollcall.h) drawn as a list and marked by keys.
 * The ledger form keeps one view with its model while the form is open, so the cursor stays where it was. */
#ifndef FX_ROLLCALL_VIEW_H
#define FX_ROLLCALL_VIEW_H

#include <stdbool.h>

#include "actions.h"
#include "draw.h"
#include "rollcall.h"

struct app;

/* What the screen shows; rc is borrowed from the caller. */
struct rollcall_view {
    struct rollcall *rc;
    int cur, top;
    char query[65];
    int qstart;
    char last_query[65];
    char title[300];
    char msg[256];
};

void rollcall_view_init(struct rollcall_view *v, struct rollcall *rc);

enum rollcall_result { ROLLCALL_BACK, ROLLCALL_SAVE };

/* Run the roll call over the screen's body (a view of app_run_view: its reason
 * forms and pickers open over it) until its save key, Enter or F2/Ctrl-S
 * (ROLLCALL_SAVE: the caller saves the session then), or Esc (ROLLCALL_BACK:
 * the marks are kept in the model, nothing is written). title names the session. */
int rollcall_view_run(struct app *app, struct rollcall_view *v, const char *title);

/* The roll call's keys (for the manual): and those while initials are typed. */
extern const struct keymap rollcall_keys, rollcall_query_keys;

/* Draw the roll call as rollcall_view_run shows it into b. */
void rollcall_view_draw(const struct rollcall_view *v, struct rect b);

#endif
