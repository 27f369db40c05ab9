/* rollcall.h — the roll call (点名) of one session: the members of its target branches, each present, on leave or absent.
 * The ledger screen keeps one while its form is open, shows it with rollcall_run and saves it as the session's attendance. */
#ifndef FX_ROLLCALL_H
#define FX_ROLLCALL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "actions.h"
#include "draw.h"
#include "error.h"
#include "ledger.h"

struct app;

/* Not yet marked: saved as absent without a reason (the sign-in sheet has no name there). */
#define RC_NONE (-1)

struct rollcall_entry {
    int64_t member_id;
    int64_t branch_id;
    char name[101];
    char branch[201];
    char role[32];
    int status;        /* RC_NONE or enum att_status */
    char reason[128];  /* for leave / absent */
    bool pinned;       /* added by hand or from a saved roll call: stays when its branch is dropped */
};

struct rollcall {
    struct rollcall_entry *e;
    int n, cap;
    int64_t *synced;   /* branches whose members are in the list */
    int nsynced;
    bool changed;      /* marked since the last rollcall_clear_changed */
    /* What the screen shows; private to rollcall.c. */
    int cur, top;
    char query[65];
    int qstart;
    char last_query[65];
    char title[300];
    char msg[256];
};

void rollcall_init(struct rollcall *rc);
void rollcall_free(struct rollcall *rc);

/* Start from a saved session's attendance (members looked up by id; all pinned);
 * its target branches count as synced, so later joiners are not added. */
int rollcall_load(struct rollcall *rc, sqlite3 *db, const struct session *s, struct fx_error *err);

/* Follow the form's target branches: members of a newly targeted branch are
 * added unmarked; unmarked, unpinned members of a branch no longer targeted go. */
int rollcall_sync(struct rollcall *rc, sqlite3 *db, const int64_t *branches, int nbranches, struct fx_error *err);

/* Counts: 应到 is every entry, 实到 the present ones. */
void rollcall_counts(const struct rollcall *rc, int *expected, int *present, int *leave, int *absent);

/* Absent without a reason, the unmarked included (they are saved as absent). */
int rollcall_unexplained(const struct rollcall *rc);

/* The attendance to save: a malloc'd array (free() it; NULL when n is 0). Returns n or -1. */
int rollcall_attendance(const struct rollcall *rc, struct attendee **att);

enum rollcall_result { ROLLCALL_BACK, ROLLCALL_SAVE };

/* Run the roll call over the screen's body (a view of app_run_view: its reason
 * forms and pickers open over it) until its save key, Enter or F2/Ctrl-S
 * (ROLLCALL_SAVE: the caller saves the session then), or Esc (ROLLCALL_BACK:
 * the marks are kept in rc, nothing is written). title names the session. */
int rollcall_run(struct app *app, struct rollcall *rc, const char *title);

/* The roll call's keys (for the manual): and those while initials are typed. */
extern const struct keymap rollcall_keys, rollcall_query_keys;

/* Draw the roll call as rollcall_run shows it into b. */
void rollcall_draw(const struct rollcall *rc, struct rect b);

#endif
