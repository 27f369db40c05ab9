/* ledger_views.h — private to the 台账 screen: the session form and the pickers kept in their own files.
 * screen_ledger.c owns the list and its state; ledger_form.c runs the form, ledger_pick.c the pickers it opens. */
#ifndef FX_LEDGER_VIEWS_H
#define FX_LEDGER_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "actions.h"
#include "branch.h"
#include "course.h"
#include "ledger.h"
#include "vocab.h"

struct app;

/* ---- screen_ledger.c ---- */

/* The keys of a session shown in full (for the manual). */
extern const struct keymap ledger_detail_keys;

/* ---- ledger_form.c ---- */

/* Run the form (then the roll call) for a new session (from NULL or a prefill)
 * or a saved one. year is the one the teacher picker counts sessions in.
 * Returns the saved session's id and copies its date into saved_date (11
 * bytes), or 0 when cancelled. */
int64_t ledger_form_run(struct app *app, const struct session *from, const char *title, int year, char *saved_date);

/* Where name is in the vocabulary; 0 (its first word) when it is not. */
int ledger_choice_index(const struct vocab_list *v, const char *name);

/* ---- ledger_pick.c ---- */

enum { PICK_KEY_OTHER, PICK_KEY_CLEAR, PICK_KEY_OPEN };

/* What a key on a pick field does: Backspace/Delete clear it (PICK_KEY_CLEAR),
 * a printable key opens the picker (PICK_KEY_OPEN) with a typed letter as its
 * query in q (qsz > 4 bytes, "" for none), anything else is the form's. */
int ledger_pick_key(int is_key, wint_t ch, char *q, size_t qsz);

/* One branch (the list filter): a key on the field; Backspace clears (*id = 0).
 * True when *id and name changed. */
bool ledger_pick_branch(struct app *app, int is_key, wint_t ch, int64_t *id, char *name, size_t namesz);

/* A course from the menu; true when one was chosen into *out. */
bool ledger_pick_course(struct app *app, const char *query, struct course *out);

/* A teacher from the pool (with their sessions in year), or a new one typed in
 * on the spot and saved to the pool at once. True when chosen: *id and name set. */
bool ledger_pick_teacher(struct app *app, int year, const char *query, int64_t *id, char *name, size_t namesz);

/* A venue, or a new one saved at once; as ledger_pick_teacher. */
bool ledger_pick_venue(struct app *app, const char *query, int64_t *id, char *name, size_t namesz);

/* One round of the target branches' multi-select: the chosen ones are ticked;
 * true when a branch was picked into *out (the caller ticks or unticks it). */
bool ledger_pick_target(struct app *app, const char *query, const int64_t *chosen, int nchosen, struct branch *out);

#endif
