/* roster_views.h — the modal views of the 名册 screen kept in their own files: a member's record and the import.
 * Only screen_roster.c calls these; they draw over the frame and return when closed. */
#ifndef FX_ROSTER_VIEWS_H
#define FX_ROSTER_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct app;

/* One member's sessions and hours for a year against their minimum; [ ] change
 * the year (the last one shown is left in *year). */
void roster_record_run(struct app *app, int64_t member_id, int *year);

/* Choose a table and a CSV file, show the dry run, confirm, import. Returns
 * true when something was written (the caller reloads its lists). */
bool roster_import_run(struct app *app);

#endif
