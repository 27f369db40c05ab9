/* store.h — the ledger file: opening, schema migrations, transactions, audit.
 * One SQLite file in WAL mode, synchronous=FULL, mode 0600; see fenxiao(5). */
#ifndef FX_STORE_H
#define FX_STORE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define FX_APPLICATION_ID  0x66786c67 /* "fxlg" */
#define FX_BUSY_TIMEOUT_MS 2500       /* how long a second copy waits for the lock, in milliseconds */

enum store_flags {
    STORE_CREATE = 1,   /* create the file (and its directory, 0700) if missing */
    STORE_NEW = 2,      /* the file must not exist yet (init never overwrites) */
    STORE_READONLY = 4, /* open for reading only */
    STORE_WRITER = 8    /* take the writer lock (<ledger>.lock) for the whole session */
};

/* Open (and if asked create) the ledger at path, migrate it to the schema of
 * this program, and return it in *db; the caller closes it with store_close.
 * On failure *db is NULL and err says why (FX_EFS for file-system refusals,
 * FX_ELOCKED when another copy writes, FX_EINPUT for a file that is not a
 * ledger or is too new); err must not be NULL. A ledger created or upgraded
 * also gets the word lists of data/vocab.ini, in the same transaction:
 * store_open lives in ledger_file.c, where storage meets the domain, so
 * store.c knows no domain module. */
int store_open(const char *path, int flags, sqlite3 **db, struct fx_error *err);

/* Data a ledger carries from data/, written inside the transaction that
 * creates or upgrades it, after the schema; fills err on failure. */
typedef int (*store_seed_fn)(sqlite3 *db, struct fx_error *err);
/* store_open with the seed step named by the caller (NULL: none). */
int store_open_seeded(const char *path, int flags, store_seed_fn seed, sqlite3 **db, struct fx_error *err);

/* Close db (NULL is fine) and release the writer lock if this process holds it. */
void store_close(sqlite3 *db);

/* The schema version this program writes (highest data/schema/NNN-*.sql);
 * -1 with err filled when the schema files cannot be listed. */
int store_schema_version(struct fx_error *err);

/* Transactions nest. The first store_begin on a connection is BEGIN IMMEDIATE
 * (the write lock, taken before anything is read); each deeper one is a
 * savepoint, and so is the first one inside a transaction begun without
 * store_begin. Each store_begin that returned 0 is ended by one store_commit,
 * store_rollback or store_end.
 * - Committing an inner level hands its work to the level below; only the
 *   outermost commit writes to disk, so an action says 已保存 after its own
 *   outermost store_commit returned 0. A failed outermost commit rolls back.
 * - Rolling back an inner level undoes that level alone; the level below
 *   decides whether to go on (an import skips a refused line) or roll back.
 * - If SQLite ends the whole transaction under an inner level (a full disk, an
 *   I/O error), every level fails from then on: store_begin and store_commit
 *   return the error and the outermost store_commit rolls back, so nothing
 *   half-written is ever reported as saved.
 * At most 8 connections can hold a transaction at once; one thread only. */
int store_begin(sqlite3 *db, struct fx_error *err);
int store_commit(sqlite3 *db, struct fx_error *err);
void store_rollback(sqlite3 *db);
/* End the level begun by store_begin: commit when rc is 0 and return the
 * commit's status, else roll back and return rc unchanged. */
int store_end(sqlite3 *db, int rc, struct fx_error *err);

/* Turn an SQLite result code into an fx_error with a Chinese message; what
 * names the action ("保存培训记录"). Always fills err (if not NULL) and returns
 * its fx status: FX_ELOCKED, FX_EFS, FX_ECLOSED, FX_EINPUT or FX_EINTERNAL. */
int store_fail(sqlite3 *db, int rc, struct fx_error *err, const char *what);

/* Prepare sql into *st, which the caller finalizes. A failure is a bug or a
 * damaged ledger: it fills err through store_fail, with the SQL in the
 * detail, and returns its status (*st is then NULL). */
int store_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct fx_error *err);
/* The same for a statement the caller keeps and resets for many runs
 * (SQLITE_PREPARE_PERSISTENT): an import's, a roll call's. */
int store_prepare_persistent(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct fx_error *err);

/* Copy column col of st's current row into dst (size bytes, cut to fit by
 * snprintf); NULL reads as "". */
void store_copy_column(char *dst, size_t size, sqlite3_stmt *st, int col);

/* The parameters of the one-row helpers below, bound as ?1, ?2 … in order:
 *   store_exists(db, "SELECT 1 FROM vocab WHERE kind = ?1 AND name = ?2",
 *                STORE_ARGS(STORE_TEXT(kind), STORE_TEXT(name)), &found, err)
 * or STORE_NO_ARGS. Text is not copied: the helpers are done with it when
 * they return. STORE_TEXT(NULL) binds NULL. */
enum store_arg_kind { STORE_ARG_INT, STORE_ARG_TEXT };
struct store_arg {
    enum store_arg_kind kind;
    int64_t i;
    const char *t;
};
#define STORE_INT(v)  ((struct store_arg){.kind = STORE_ARG_INT, .i = (v)})
#define STORE_TEXT(s) ((struct store_arg){.kind = STORE_ARG_TEXT, .t = (s)})
#define STORE_ARGS(...)                                                                                                \
    (const struct store_arg[]){__VA_ARGS__}, (int)(sizeof((struct store_arg[]){__VA_ARGS__}) / sizeof(struct store_arg))
#define STORE_NO_ARGS NULL, 0

/* One-row questions, as fossil's db_exists, db_int and db_text, with bound
 * parameters. Each returns 0 when the question was answered, else an fx
 * status with err filled (a bad statement, a locked or damaged ledger): an
 * error is never read as "no row".
 * store_exists: *found says whether sql returns a row.
 * store_get_int, store_get_text: the first column of the first row into *out
 * (text: size bytes, cut to fit, NULL as ""). With no row *out keeps what it
 * held, so set the default first. */
int store_exists(sqlite3 *db, const char *sql, const struct store_arg *args, int nargs, bool *found,
                 struct fx_error *err);
int store_get_int(sqlite3 *db, const char *sql, const struct store_arg *args, int nargs, int64_t *out,
                  struct fx_error *err);
int store_get_text(sqlite3 *db, const char *sql, const struct store_arg *args, int nargs, char *out, size_t size,
                   struct fx_error *err);

/* A fresh random UUID (v4) as 36 characters plus NUL. */
void store_uuid(char out[37]);

/* Who is recorded in the audit log: config's recorder, else $USER. The
 * string is copied (at most 127 bytes); store_actor's result stays valid. */
void store_set_actor(const char *who);
const char *store_actor(void);

/* Append an audit record (inside the caller's transaction). before/after are
 * JSON text or NULL; uuid names the entity's row ("" if none). */
int store_audit(sqlite3 *db, const char *action, const char *entity, const char *uuid, const char *before,
                const char *after, struct fx_error *err);

/* Run sql (one bound integer id as ?1, returning one row) and return the row
 * as a JSON object of its columns, for the audit log. The caller frees it with
 * sqlite3_free. NULL when there is no row or the query fails. */
char *store_row_json(sqlite3 *db, const char *sql, int64_t id);

/* The local unit's row id (the unit this ledger was created for); -1 if none. */
int64_t store_unit_id(sqlite3 *db);

/* Record the local unit (分校) of a new ledger, with its audit record, in one
 * store_begin level. */
int store_init_unit(sqlite3 *db, const char *name, struct fx_error *err);

/* Run sql, with param bound as its one text parameter ?1 (or none when NULL),
 * and return the first column of the first row as an integer: -1 when there
 * is no row or the query fails, so only for values that cannot be -1. */
int64_t store_int(sqlite3 *db, const char *sql, const char *param);

/* The pid of the process holding <path>.lock, or 0 if none / unknown. */
long store_lock_holder(const char *path);

#endif
