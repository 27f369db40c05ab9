/* store.h — the ledger file: opening, schema migrations, transactions, audit.
 * One SQLite file in WAL mode, synchronous=FULL, mode 0600; see fenxiao(5). */
#ifndef FX_STORE_H
#define FX_STORE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "error.h"

#define FX_APPLICATION_ID 0x66786c67 /* "fxlg" */
#define FX_BUSY_TIMEOUT_MS 2500

enum store_flags {
    STORE_CREATE = 1,    /* create the file (and its directory, 0700) if missing */
    STORE_NEW = 2,       /* the file must not exist yet (init never overwrites) */
    STORE_READONLY = 4,  /* open for reading only */
    STORE_WRITER = 8     /* take the writer lock (<ledger>.lock) for the whole session */
};

/* Open (and if asked create) the ledger at path, migrate it to the schema of
 * this program, and return it in *db. On failure *db is NULL and err says why
 * (FX_EFS for file-system refusals, FX_ELOCKED when another copy writes). */
int store_open(const char *path, int flags, sqlite3 **db, struct fx_error *err);
void store_close(sqlite3 *db);

/* The schema version this program writes (highest data/schema/NNN-*.sql). */
int store_schema_version(struct fx_error *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. A failed commit rolls back. */
int store_begin(sqlite3 *db, struct fx_error *err);
int store_commit(sqlite3 *db, struct fx_error *err);
void store_rollback(sqlite3 *db);

/* Turn an SQLite result code into an fx_error with a Chinese message; what
 * names the action ("保存培训记录"). Returns the fx status. */
int store_fail(sqlite3 *db, int rc, struct fx_error *err, const char *what);

/* Prepare sql, reporting failures through err (a bug: FX_EINTERNAL). */
int store_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct fx_error *err);

/* A fresh random UUID (v4) as 36 characters plus NUL. */
void store_uuid(char out[37]);

/* Who is recorded in the audit log: config's recorder, else $USER. */
void store_set_actor(const char *who);
const char *store_actor(void);

/* Append an audit record (inside the caller's transaction). before/after are
 * JSON text or NULL. */
int store_audit(sqlite3 *db, const char *action, const char *entity, const char *uuid,
                const char *before, const char *after, struct fx_error *err);

/* The local unit's row id (the unit this ledger was created for). */
int64_t store_unit_id(sqlite3 *db);

/* Run one query returning a single integer (bound text params, NULL-terminated). */
int64_t store_int(sqlite3 *db, const char *sql, const char *param);

/* The pid of the process holding <path>.lock, or 0 if none / unknown. */
long store_lock_holder(const char *path);

#endif

#ifndef FX_STORE_JSON
#define FX_STORE_JSON
/* Run sql (one bound integer id, returning one row) and return the row as a
 * JSON object of its columns, for the audit log. Caller frees with sqlite3_free.
 * NULL when there is no row. */
char *store_row_json(sqlite3 *db, const char *sql, int64_t id);
#endif

/* Record the local unit (分校) of a new ledger; one transaction. */
int store_init_unit(sqlite3 *db, const char *name, struct fx_error *err);
