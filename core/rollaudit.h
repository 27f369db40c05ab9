/* rollaudit.h — a roll call's audit records in compact form (issue 22).
 *
 * The history of a session's roll call is its 'insert' record (entity 'session', since schema 14: saving a new
 * session writes that one record, holding the digest of the roll call as saved) followed by its records of
 * entity 'attendance' (ROLL_SQL_CHAIN); ledgers made before schema 14 folded their pairs into one when upgraded.
 *
 * A record holds what changed, not a copy of the whole roll call. Its text is a JSON array of runs in member-id
 * order; a run is [status, step, count] or [status, step, count, "reason"]: count members with consecutive ids,
 * the first being the previous run's last id + step (the first run's step is its first id), all with that status
 * (ROLL_ABSENT 0, ROLL_PRESENT 1, ROLL_LEAVE 2) and reason. A roll call of 52 neighbours with three on leave
 * is seven runs, about 80 bytes instead of 1,100.
 *   - before NULL (merge, baseline; a session's insert before schema 14): after is the whole roll call from then
 *     on; a session's insert since schema 14 holds its digest instead (below);
 *   - before not NULL (update, import): before lists the entries taken out or changed, as they were; after
 *     lists the entries put in or changed, as they are now.
 * Replaying a session's records in order rebuilds its roll call at every step; roll_verify does it for every
 * session and compares the end with the attendance rows. */
#ifndef FX_ROLLAUDIT_H
#define FX_ROLLAUDIT_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"

/* The status numbers, both in the records and in the attendance table's status column (schema 13). */
enum roll_code { ROLL_ABSENT = 0, ROLL_PRESENT = 1, ROLL_LEAVE = 2 };
/* The same for SQL text: "a.status = " ROLL_SQL_PRESENT. */
#define ROLL_SQL_ABSENT  "0"
#define ROLL_SQL_PRESENT "1"
#define ROLL_SQL_LEAVE   "2"
/* The word an attendance status column stands for ('present', 'leave', 'absent'), in SQL: from the number
 * since schema 13, and the word itself before (as the steps of earlier migrations read it). */
/* The records of roll-call history, in SQL, for an audit row named a: every 'attendance' record, and the
 * 'insert' record of a session when it holds its roll call's digest (roll_digest_of) or a roll call (an insert
 * record that a merge wrote for a session it took, or that a ledger before schema 14 wrote, holds an object, the
 * session row). */
#define ROLL_SQL_CHAIN(a)                                                                                              \
    "(" a ".entity = 'attendance' OR (" a ".entity = 'session' AND " a ".action = 'insert' AND substr(" a              \
    ".after, 1, 1) IN ('#', '[')))"
#define ROLL_SQL_WORD(col)                                                                                             \
    "CASE " col " WHEN 1 THEN 'present' WHEN 2 THEN 'leave' WHEN 0 THEN 'absent' ELSE " col " END"

struct roll_entry {
    int64_t member;
    int status;   /* enum roll_code */
    char *reason; /* NULL when empty, else owned (sqlite3_malloc) */
};

/* Entries sorted by member id, each member once. */
struct roll_list {
    struct roll_entry *e;
    int n, cap;
};

void roll_list_free(struct roll_list *l);
/* The status word the attendance table stores ('present', 'leave', 'absent') as its code, and back. */
int roll_code_of(const char *word);
const char *roll_word_of(int code);

/* The roll call of session_id as the attendance rows hold it now. keep: a statement kept by the caller across
 * calls (NULL: prepared and finalized here). 0 or an FX_ error code. */
int roll_read(sqlite3 *db, int64_t session_id, sqlite3_stmt **keep, struct roll_list *out, struct fx_error *err);
/* Append s to b as a JSON string (a reason passed text_check_field: no control characters, but they are escaped
 * anyway). */
void roll_append_json_string(sqlite3_str *b, const char *s);
/* The record text of l (sqlite3_malloc; "[]" for none); NULL when out of memory. */
char *roll_encode(const struct roll_list *l);
/* Read a record's text back (SQLite's JSON reader). Also reads the full copies that ledgers before schema 13
 * kept, [[member, "present", reason], …], for the migration. 0, or FX_EINPUT when the text is not a record. */
int roll_decode(sqlite3 *db, const char *text, struct roll_list *out, struct fx_error *err);

/* A session's insert record (schema 14) holds the digest of its roll call as saved, not the roll call: the roll
 * call as saved is the attendance rows as they stand, taken back through the 'attendance' records written since
 * (each says what it took out and put in, so it can be undone). roll_verify does that and compares the digest:
 * "#" and 16 hex digits of FNV-1a (64 bits) over the roll call's record text (roll_encode). */
#define ROLL_DIGEST_SIZE 18
/* The digest text of a roll call in record form. 0, or -1 when encoded is NULL. */
int roll_digest_of(const char *encoded, char out[ROLL_DIGEST_SIZE]);

/* Append the audit record (entity 'attendance') of a roll call changing from before (NULL: written anew, as a
 * merge or a baseline does) to after. With before, nothing is written when nothing changed. Inside the caller's
 * transaction. A new session's roll call is its insert record, which ledger_save_session writes itself. */
int roll_audit(sqlite3 *db, const char *action, const char *uuid, const struct roll_list *before,
               const struct roll_list *after, struct fx_error *err);
/* The same from texts: before_text and after_text are whole roll calls in record form (roll_encode). */
int roll_audit_texts(sqlite3 *db, const char *action, const char *uuid, const char *before_text, const char *after_text,
                     struct fx_error *err);

/* Replay every session's roll-call records and compare the end with its attendance rows. Each session that
 * does not come out right is reported (a record that does not follow from the ones before it, a roll call that
 * differs, a roll call with no record). Returns the number of lines reported, or -1 (err set).
 * With fix set (the migration to schema 13), each such session instead gets a record in the name of the
 * upgrade (action 'baseline', the roll call as it is) and nothing is reported. */
int roll_verify(sqlite3 *db, int fix, void (*report)(void *ctx, const char *line), void *ctx, struct fx_error *err);

/* The migration to schema 13: every roll-call record rewritten in compact form, then roll_verify with fix. */
int roll_migrate(sqlite3 *db, struct fx_error *err);
/* The migration to schema 14 (its C step): each session insert record holding a whole roll call (the pairs the
 * SQL folded) is given the digest of that roll call instead. A text that does not read is left as it is. */
int roll_migrate_digests(sqlite3 *db, struct fx_error *err);

#endif
