/* roster_views.h — the modal views of the 名册 screen kept in their own files: a member's record and the import.
 * Only screen_roster.c calls these; they draw over the frame and return when closed. */
#ifndef FX_ROSTER_VIEWS_H
#define FX_ROSTER_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "actions.h"

struct app;

/* One member's sessions and hours for a year against their minimum; [ ] change
 * the year (the last one shown is left in *year). */
void roster_record_run(struct app *app, int64_t member_id, int *year);

/* Choose a table and a CSV file, show the dry run, confirm, import. Returns
 * true when something was written (the caller reloads its lists). */
bool roster_import_run(struct app *app);

/* Their keys (for the manual): the record; the import's result, ready, with refused lines, done, and its
 * scrolling (over any of those when the result is taller than its box). */
extern const struct keymap roster_record_keys, roster_import_keys, roster_import_ready_keys, roster_import_skip_keys,
    roster_import_done_keys, roster_import_scroll_keys;

#endif
