/* rollcall.h — the roll call (点名) of one session as a model: the members of its target branches, each
 * present, on leave or absent, with the rules for marking them; what ledger_save_session stores as attendance. */
#ifndef FX_ROLLCALL_H
#define FX_ROLLCALL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "ledger.h"
#include "member.h"

/* Not yet marked: saved as absent without a reason (the sign-in sheet has no name there). */
#define RC_NONE (-1)

struct rollcall_entry {
    int64_t member_id;
    int64_t branch_id;
    char name[101];
    char branch[201];
    char role[32];
    char tell[64];  /* what tells namesakes apart (member_tell_apart): 正式党员，尾号5678 */
    bool namesake;  /* another entry has the same name: show tell beside it */
    int status;     /* RC_NONE or enum att_status */
    char reason[128]; /* only for leave / absent: marking present or unmarked clears it */
    bool pinned;      /* added by hand or from a saved roll call: stays when its branch is dropped */
};

/* The list owns its entries (rollcall_free). Entries keep their order: the
 * branches' members by name as they were added, then those added by hand. */
struct rollcall {
    struct rollcall_entry *e;
    int n, cap;
    int64_t *synced; /* branches whose members are in the list */
    int nsynced;
    bool changed; /* marked since loaded or since the caller last cleared it */
    /* 应到 as the save will store it (rollcall_expected); until reckoned, the roll call's size. */
    bool expected_known;
    int expected;
};

void rollcall_init(struct rollcall *rc);
void rollcall_free(struct rollcall *rc);

/* Start from a saved session's attendance (members looked up by id; all pinned);
 * its target branches count as synced, so later joiners are not added. An
 * absence without a reason reads back as unmarked, as an unticked name saves. */
int rollcall_load(struct rollcall *rc, sqlite3 *db, const struct session *s, struct fx_error *err);

/* Follow the form's target branches: members of a newly targeted branch are
 * added unmarked; unmarked, unpinned members of a branch no longer targeted go. */
int rollcall_sync(struct rollcall *rc, sqlite3 *db, const int64_t *branches, int nbranches, struct fx_error *err);

/* 应到 for session s (its date, target branches and any 应到 typed: s->expected_given) with this roll call, by
 * the one rule ledger_save_session stores (ledger_expected_for): the number typed, else the register of the
 * target branches on that date (正式 and 预备 党员 only), else the roll call without guests. Kept in rc for
 * rollcall_counts; on an error (a date not yet readable) the last figure stays. */
int rollcall_expected(struct rollcall *rc, sqlite3 *db, const struct session *s, struct fx_error *err);

/* Counts: 应到 as rollcall_expected last reckoned it (the number of entries until then), 实到 the present ones
 * (everyone marked 到, 入党积极分子 included, as the save counts them); 缺席 includes the unmarked. Any pointer
 * may be NULL. */
void rollcall_counts(const struct rollcall *rc, int *expected, int *present, int *leave, int *absent);

/* Absent without a reason, the unmarked included (they are saved as absent): a save asks first. */
int rollcall_unexplained(const struct rollcall *rc);

/* Mark entry i (0 ≤ i < n) with status (RC_NONE or enum att_status). reason is
 * kept for leave and absence only (NULL reads as ""), cleared otherwise. Sets changed. */
void rollcall_mark(struct rollcall *rc, int i, int status, const char *reason);
/* Space on a name: present ↔ unmarked (a leave or absence becomes present). */
void rollcall_toggle(struct rollcall *rc, int i);
/* "*": every unmarked name present; when everyone is already present, all unmarked again. */
void rollcall_mark_all(struct rollcall *rc);

/* The entry of member id, or -1. */
int rollcall_find(const struct rollcall *rc, int64_t member_id);
/* Add a member from any branch by hand, present and pinned; returns its index,
 * or -1 (out of memory, err filled). The caller checks rollcall_find first. */
int rollcall_add(struct rollcall *rc, const struct member *m, struct fx_error *err);

/* The first entry from index from (wrapping) whose name q (pinyin initials,
 * or part of the name) finds: by the usual readings first (zh: 郑和), then
 * names beginning with the initials by any reading, then names containing
 * them. Namesakes are found in list order. -1 when none or q is "". */
int rollcall_search(const struct rollcall *rc, const char *q, int from);

/* The attendance to save (unmarked names as absent without a reason): a
 * malloc'd array (free() it; NULL when n is 0). Returns n or -1 (out of memory). */
int rollcall_attendance(const struct rollcall *rc, struct attendee **att);

#endif
