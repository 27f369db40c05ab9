/* dialog.h — modal boxes: confirm, message, error. They draw over the current screen,
 * survive a resize (KEY_RESIZE redraws everything behind them) and know nothing of the domain. */
#ifndef FX_DIALOG_H
#define FX_DIALOG_H

#include <stdbool.h>

#include "actions.h"
#include "error.h"

struct app;

/* Ask a yes/no question. y/Enter on 是 answers yes; n, Esc or Enter on 否
 * answers no. The focus starts on 否 so a stray Enter never destroys anything. */
bool dialog_confirm(struct app *app, const char *title, const char *msg);

/* Show msg (may hold '\n'; long lines wrap; a text taller than the screen
 * scrolls) until Enter, Esc or a space. */
void dialog_message(struct app *app, const char *title, const char *msg);

/* Show a core error: err->msg, and err->detail when $FENXIAO_DEBUG is set. */
void dialog_error(struct app *app, const struct fx_error *err);

/* Their keys (for the manual). */
extern const struct keymap dialog_message_keys, dialog_scroll_keys, dialog_confirm_keys;

#endif
