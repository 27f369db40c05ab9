/* import_internal.h — what the import's files share: the run's context, the field tables, the statements.
 * Private to core/import*.c; the public API is import.h. */
#ifndef FX_IMPORT_INTERNAL_H
#define FX_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csvin.h"
#include "import.h"
#include "ini.h"
#include "sheetin.h"
#include "store.h"
#include "vocab.h"

struct field_def {
    const char *key;   /* as in data/import.ini */
    const char *label; /* for messages */
    bool required;
    size_t max; /* characters the ledger keeps (core/text_limits.h) */
};

#define NFIELDS_MAX 12

/* The attendance fields by position in x->val (import_map.c lays them out so):
 * the per-line path reads its cells without looking their keys up. */
enum { AF_SESSION, AF_DATE, AF_TITLE, AF_UNIT, AF_NAME, AF_BRANCH, AF_PHONE, AF_STATUS, AF_REASON, AF_COUNT };

/* A line whose write failed after it was found good: the ledger's failure, not the line's. */
enum { IMPORT_FATAL = -2 };

/* The prepared statements of an import (import_stmt_get). */
enum {
    S_SEEN,
    S_SEEN_HAS,
    S_BRANCH_ID,
    S_BRANCH_HAS_MEMBERS,
    S_MEMBER_MATCH,
    S_MEMBER_GET,
    S_MEMBER_INSERT,
    S_MEMBER_UPDATE,
    S_MEMBER_JSON,
    S_MEMBER_AUDIT_UPDATE,
    S_TEACHER_MATCH,
    S_ATT_UNIT,
    S_ATT_SESSIONS,
    S_ATT_CLOSED,
    S_ATT_MEMBER,
    S_ATT_SEEN,
    S_ATT_SEEN_LINE,
    S_ATT_INSERT,
    S_ATT_INSERT_BATCH,
    S_ATT_UPDATE,
    S_ATT_TOUCHED_HAS,
    S_ATT_TOUCH,
    S_ATT_TOUCHED,
    S_ATT_COUNTS,
    S_SESSION_ROW,
    S_AUDIT,
    S_NOW,
    S_SAVEPOINT,
    S_ROLLBACK_TO,
    S_RELEASE,
    S_COUNT
};

/* Attendance: the session of the last line, found or refused (import_attendance.c). */
struct att_session {
    bool valid;
    char key_date[64], key_title[256], key_unit[256], key_number[32]; /* the cells it was found for */
    int64_t unit_id, id;
    char uuid[37];
    bool voided, closed, touched; /* touched: its state before the file is recorded */
    int year;
    char label[160];   /* "2024-03-05 党章学习" for the lines' what */
    char refusal[300]; /* why no line can go into it; "" when one can */
};

/* Attendance: a new roll-call row waiting to be written with others (import_attendance_flush). */
#define ATT_BATCH 128
struct att_pending {
    int64_t session_id, member_id;
    int status;
    char reason[128];
};

/* One import in progress: the options, the header's columns, the current line's cells, the statements. */
struct funds_rules;

struct import_ctx {
    sqlite3 *db;
    const struct import_options *opt;
    struct import_result *res;
    struct ini rules;
    bool have_rules;
    struct funds_rules *funds; /* funds: the sources, categories and rules, read at the first line */
    const struct field_def *fields;
    int nfields;
    int col[NFIELDS_MAX]; /* column of each field, -1 when absent */
    int ncols;            /* columns of the header */
    struct csvin *in;     /* the file's rows: a CSV reader, or … */
    struct sheetin *book; /* … a workbook's (import_rows_* read either) */
    int64_t unit_id;
    char val[NFIELDS_MAX][1024]; /* the cells of the current line, cleaned */
    char tmp[CSVIN_MAX_FIELD + 8];
    struct import_line cur;    /* the line being read; kept in res->lines only within the bounds of import.h */
    int kept_other;            /* lines other than refused ones kept in res->lines */
    sqlite3_stmt *st[S_COUNT]; /* prepared once per import, on first use */
    struct fx_error fatal;     /* a write that failed after its line was found good */
    /* Members: rows above member_max were added by this import, so they are
     * never matched again (two people of one name stay two). */
    int64_t member_max;
    char now[32], now_ms[32]; /* updated_at and audit.at of the rows written */
    struct vocab_list roles;
    char last_branch[256]; /* lines come grouped by branch: the last lookup */
    int64_t last_branch_id;
    int64_t last_branch_unit; /* attendance: the unit last_branch was looked up in */
    struct att_session att;
    int plan_year;       /* plan: the plan's year (options' year, else today's) */
    int refused_closed;  /* attendance: lines refused only because their year is closed */
    char last_unit[256]; /* attendance: the last 所属分校 found, and its id */
    int64_t last_unit_id;
    sqlite3_stmt *roll_call; /* ledger_roll_call_json's, kept for the run */
    struct att_pending pending[ATT_BATCH];
    int npending;
    int64_t known_branch; /* the branch whose has_members is known */
    bool has_members;     /* … had members before this import (else no line can match one) */
    struct value_memo {
        const char *section;
        char from[64], to[64];
    } memo[2];       /* role_values, gender_values */
    bool uuid_ready; /* new rows' uuids: see import_new_uuid */
    uint64_t uuid_ms, uuid_b;
    unsigned uuid_a;
};

struct import_table_def {
    const char *section, *label; /* section in data/import.ini; name for messages */
    const struct field_def *fields;
};
extern const struct import_table_def import_tables[IMPORT_NTABLES];

/* import.c: the statements, shared helpers of the run. */

/* The statement, reset and unbound for this use; NULL (with x->fatal set) if it cannot be prepared. */
sqlite3_stmt *import_stmt_get(struct import_ctx *x, int which);
/* The row that statement which (one bound id) returns, as JSON in store_row_json's text;
 * NULL when there is none or on failure. Free with sqlite3_free. */
char *import_row_json(struct import_ctx *x, int which, int64_t id);
/* Run a statement that returns no rows; 0 or a status (x->fatal says why). */
int import_stmt_run(struct import_ctx *x, sqlite3_stmt *st, const char *what);
/* A column's text, "" for NULL; valid until the statement moves on. */
const char *import_column_text(sqlite3_stmt *st, int col);
/* A new row's uuid (version 7, counting up within one import). */
void import_new_uuid(struct import_ctx *x, char out[37]);
/* Append formatted text to dst, a string of sz bytes; cut when full. */
void import_append_text(char *dst, size_t sz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Mark the line refused with a message; returns IMPORT_REFUSED. */
int import_refuse(struct import_line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The file's rows, from whichever reader opened it: as csvin_read, csvin_count, csvin_field, csvin_line, csvin_name. */
int import_rows_read(struct import_ctx *x, struct fx_error *err);
int import_rows_count(const struct import_ctx *x);
const char *import_rows_field(const struct import_ctx *x, int i);
int import_rows_line(const struct import_ctx *x);
const char *import_rows_name(const struct import_ctx *x);

/* import_map.c: from the file's header and cells to the fields' values.
 * The int-returning checks return -1 when the value is good, IMPORT_REFUSED (l says why) when not. */

/* Read the header line and decide the column of every field (--map first, then the synonyms); 0 or a status. */
int import_map_header(struct import_ctx *x, struct fx_error *err);
/* Copy the cells of the current record into x->val, cleaned; refuse overlong ones. */
int import_read_cells(struct import_ctx *x, struct import_line *l);
/* The current line's value of a field by key; "" when the file has no such column. */
const char *import_cell(struct import_ctx *x, const char *key);
/* A person's name without the spaces typed to line up two-character names (in place). */
void import_clean_name(char *s);
/* Phone numbers as text (in place): spaces removed, Excel's number damage caught. */
int import_clean_phone(char *s, struct import_line *l);
/* A value through a [*_values] section of the rules (in place, s of sz bytes). */
void import_map_value(struct import_ctx *x, const char *section, char *s, size_t sz);
/* A yes/no word: *out set to 1 or 0; left alone when s is empty. */
int import_parse_yes_no(struct import_ctx *x, const char *label, char *s, int *out, struct import_line *l);
/* A number within lo..hi, optionally followed by its unit ("50人"). */
int import_parse_number(const char *label, const char *s, const char *unit, double lo, double hi, bool integer,
                        double *out, struct import_line *l);

/* import_rows.c: one line into the ledger. */

/* Check and write the current line to its table; an IMPORT_* outcome or IMPORT_FATAL (x->fatal says why). */
int import_process_line(struct import_ctx *x, struct import_line *l);
/* The identity rule of people (import.h) over the same-named rows of one
 * scope: ids[i] and phones[i] for the first n of total (active ones first).
 * Returns the index of the one with that phone, else of the only one; -1 when
 * there is none; -2 when they cannot be told apart (l is refused, naming where). */
int import_pick_person(const char phones[][32], const int64_t *ids, int n, int total, const char *name,
                       const char *phone, const char *where, struct import_line *l);

/* import_attendance.c: roll-call lines into the ledger's sessions (import.h). */

/* One line, checked whole before anything is written; as import_process_line. */
int import_attendance_line(struct import_ctx *x, struct import_line *l);
/* Write the new rows still waiting; 0 or IMPORT_FATAL (x->fatal says why). */
int import_attendance_flush(struct import_ctx *x);
/* After the last line: the rows still waiting, the changed sessions' counts and audit records; 0 or a status. */
int import_attendance_finish(struct import_ctx *x, struct fx_error *err);

#endif
