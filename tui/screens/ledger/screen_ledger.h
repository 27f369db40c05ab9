/* screen_ledger.h — what the 台账 screen offers other screens: its new-session form, prefilled.
 * The 菜单 screen delivers a course order through it (order_to_session, then this). */
#ifndef FX_SCREEN_LEDGER_H
#define FX_SCREEN_LEDGER_H

#include "ledger.h"

struct app;

/* Open the new-session form (then the roll call) filled from prefill: title,
 * category, format, kind, teacher, venue, hours, date, target branches,
 * course_id and order_id are taken; prefill->id is ignored (always a new
 * session) and prefill is not changed. Returns 1 when the session was saved
 * (the title line then says 已保存), 0 when the user cancelled. */
int ledger_screen_new_from(struct app *app, const struct session *prefill);

#endif
