/* ledger.h — the session module: the training ledger (培训台账), sessions and their roll call, named ledger_*
 * (ledger_save_session, ledger_page …). Every save or void is one audited transaction; nothing is deleted. */
#ifndef FX_LEDGER_H
#define FX_LEDGER_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "text_limits.h"

enum att_status { ATT_PRESENT, ATT_LEAVE, ATT_ABSENT };
/* enum att_status as the number the attendance table stores (rollaudit.h: ROLL_*), and back. */
int ledger_status_code(int status);
int ledger_status_of_code(int code);

struct attendee {
    int64_t member_id;
    int status;       /* enum att_status */
    char reason[128]; /* for leave / absent */
    int guest;        /* 1: from outside the target branches — counts in 实到 and 人次, not in 应到 */
};

struct session {
    int64_t id; /* 0 for a new session; set by ledger_save_session */
    char uuid[37];
    char date[11]; /* YYYY-MM-DD; a class of several days: its first day */
    char end_date[11]; /* the last day of a class of several days (same year); "" = one day */
    char start[6]; /* HH:MM or "" */
    char end[6];
    char title[FX_TEXT_BYTES(FX_TITLE_CHARS)];
    char category[64];
    char format[64];
    char kind[64];
    int64_t course_id; /* 0 = none */
    int64_t teacher_id;
    int64_t venue_id;
    int64_t order_id; /* the 点单 this delivers, 0 = none */
    int64_t plan_id;  /* the plan item chosen by hand (plan_link_session, in the save's transaction); 0: the
                         automatic rule for a new session, the link left as it is for a saved one */
    double hours;     /* 学时, 0–24 a day */
    int expected;     /* 应到: as given when expected_given, else by ledger_expected_for */
    int present;      /* 实到: the roll call's present (guests included); a head count when there is no roll call */
    int expected_given;     /* 1: expected was typed by a person and is kept as it is */
    int present_given;      /* 1: present was typed (a head count); with a roll call it must agree with it */
    char expected_basis[9]; /* set by the save: "given", "register" or "rollcall" ("" before schema 3) */
    char note[FX_TEXT_BYTES(FX_NOTE_CHARS)];
    char recorder[FX_TEXT_BYTES(FX_PERSON_CHARS)];
    int voided;
    char void_reason[FX_TEXT_BYTES(FX_WHY_CHARS)];
    int64_t *branches; /* target branches; caller owns */
    int nbranches;
    struct attendee *att; /* roll call; caller owns */
    int natt;
};

/* A roll call's marks counted: 实到, 请假, 缺席 among att's n names. */
struct att_counts {
    int present, leave, absent;
};
void ledger_count_attendance(const struct attendee *att, int n, struct att_counts *out);

/* Check a session before saving: the date exists, end after start, hours in
 * 0–24, title non-empty, category/format/kind known, people exist. On failure
 * err->field names the field ("date", "end", "hours", "title", …). */
int ledger_validate_session(sqlite3 *db, const struct session *s, struct fx_error *err);

/* 应到 by the one rule, for the screen and the command line alike (fenxiao(1), 应到):
 *   1. the number given (s->expected_given) — basis "given";
 *   2. else the members on the register of the target branches on the session's date — "register";
 *   3. else the roll call's size, guests left out — "rollcall".
 * *expected and *basis (a static string) are set; returns 0 or the ledger's error. */
int ledger_expected_for(sqlite3 *db, const struct session *s, int *expected, const char **basis,
                        struct fx_error *err);

/* The members on the register of the given branches on date (YYYY-MM-DD): for now the active members of those
 * branches (the register over time replaces this one function, and the same count in core/import.c S_ATT_COUNTS). */
int ledger_register_count(sqlite3 *db, const int64_t *branches, int nbranches, const char *date, int *count,
                          struct fx_error *err);

/* Insert (id == 0) or replace a session with its targets and roll call, in one
 * transaction (a savepoint inside the caller's, when one is open); fills id
 * and uuid. 应到/实到 follow from the roll call. */
int ledger_save_session(sqlite3 *db, struct session *s, struct fx_error *err);
/* 应到 and 实到 in ledger_save_session fill expected, present and expected_basis as ledger_expected_for says;
 * a number given that contradicts the roll call (present_given ≠ the roll call's 到; 实到 of the non-guests
 * above a given 应到) is refused with FX_EINPUT, never replaced. */

/* The roll call of a session as the audit log records a whole one (rollaudit.h, roll_encode): runs of
 * [status, step, count(, reason)] in member-id order ("[]" when empty). Returns text to free with
 * sqlite3_free, NULL on failure. With keep, the statement is prepared once into *keep and reused by later
 * calls (the caller finalizes it); with NULL, it is prepared and finalized each time. */
char *ledger_roll_call_json(sqlite3 *db, int64_t session_id, sqlite3_stmt **keep);

/* Void a session with a reason (never deleted); it then counts nowhere. */
int ledger_void_session(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err);
/* Undo a void (恢复), with a reason kept in the audit record (action "restore");
 * the session counts again. FX_EINPUT when it is not voided, FX_ECLOSED in a closed year. */
int ledger_restore_session(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err);

/* Read one session with its targets and roll call; free with ledger_session_free. */
int ledger_get_session(sqlite3 *db, int64_t id, struct session *s, struct fx_error *err);
void ledger_session_free(struct session *s);

/* One line of the ledger list. */
struct session_row {
    int64_t id;
    char date[11];
    char title[FX_TEXT_BYTES(FX_TITLE_CHARS)];
    char category[64];
    char format[64];
    char kind[64];
    char teacher[101];
    int expected;
    int present;
    double hours;
    int voided;
    char void_reason[256]; /* why it was voided; "" when it counts */
};

struct ledger_filter {
    char from[11], to[11]; /* inclusive date range; "" = open */
    char category[64];     /* "" = any */
    char format[64];
    char kind[64];
    char cls[16];      /* the class of the kind: 培训, 组织生活, 其他; "" = any */
    int64_t branch_id; /* 0 = any */
    char query[128];   /* title / teacher text or pinyin initials */
    int include_voided;
};

/* A page of sessions, newest first (date DESC, id DESC), strictly after the
 * key (after_date, after_id) when after_id > 0 — keyset pagination; with
 * backward != 0, the page before the key, still returned newest first.
 * Returns rows filled (≤ max) or -1. */
int ledger_page(sqlite3 *db, const struct ledger_filter *f, const char *after_date, int64_t after_id, int backward,
                struct session_row *rows, int max, struct fx_error *err);

/* Count of sessions matching the filter. */
int64_t ledger_count(sqlite3 *db, const struct ledger_filter *f);
/* The sessions matching f counted apart, whatever f->include_voided says:
 * *live those that count, *voided those voided (the list's "另有作废 N 条").
 * A failed read leaves -1 in *live. */
void ledger_count_apart(sqlite3 *db, const struct ledger_filter *f, int64_t *live, int64_t *voided);

/* Hours as the ledger writes them, in the list, the form and the pickers: 2, 1.5,
 * 0.25 (no trailing zeros), into out (outsz bytes, cut to fit). */
void ledger_format_hours(char *out, size_t outsz, double hours);
/* A sum of hours (a member's year, what is still short): at most two decimals,
 * no trailing zeros — 14.5, 32, 0.33 — so a long sum never reads 1.23457e+06. */
void ledger_format_hours_sum(char *out, size_t outsz, double hours);

#endif
