/* store.h — the ledger file: opening it without trusting it, schema migrations, transactions, audit.
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
    STORE_CREATE = 1,   /* create the file (and its directory, 0700) if the path is free */
    STORE_NEW = 2,      /* the file must not exist yet (init never overwrites) */
    STORE_READONLY = 4, /* open for reading only: nothing beside the file is created or changed */
    STORE_WRITER = 8,   /* take the writer lock (flock on the ledger file) for the whole session */
    STORE_EXACT = 16,   /* a file about to replace a ledger (restore's backup): every index and trigger too */
    STORE_OLDER = 32    /* with STORE_READONLY: a ledger of an older version opens as it is (a backup to restore) */
};

/* Open (and if asked create) the ledger at path, migrate it to the schema of
 * this program, and return it in *db; the caller closes it with store_close.
 * On failure *db is NULL and err says why; err must not be NULL:
 * - FX_EINPUT: not a fenxiao ledger (a 0-byte file, another program's
 *   database, user_version 0, a damaged header), a ledger of a newer version,
 *   or one whose schema is not this version's (see "Expected schema" below);
 * - FX_EFS: the file system refused (missing, read-only, full, a symlink, a
 *   device or FIFO, a ledger owned by another user opened for writing);
 * - FX_ELOCKED: another copy holds the writer lock.
 * Nothing is written, created or locked beside a file before its first 100
 * bytes (read through SQLite's VFS, without opening it as a database) say it
 * is a fenxiao ledger: the "SQLite format 3" header, application_id
 * FX_APPLICATION_ID at offset 68, user_version 1 or more at offset 60. Only a
 * free path with STORE_CREATE makes a new ledger, and a failed creation
 * removes what it made.
 * A ledger created or upgraded also gets the word lists of data/vocab.ini, in
 * the same transaction: store_open lives in ledger_file.c, where storage meets
 * the domain, so store.c knows no domain module. */
int store_open(const char *path, int flags, sqlite3 **db, struct fx_error *err);

/* Data a ledger carries from data/, written inside the transaction that
 * creates or upgrades it, after the schema; fills err on failure. */
typedef int (*store_seed_fn)(sqlite3 *db, struct fx_error *err);

/* Migrations. data/schema/NNN-name.sql brings a ledger from version NNN-1 to
 * NNN. An existing ledger (user_version 1 or more) is first copied with the
 * online backup API to <ledger>.before-vNNN-YYYYMMDD-HHMMSS (NNN: the newest
 * version, mode 0600); then every pending file runs in ONE transaction with
 * user_version set at its end, so a failure changes nothing and the message
 * names the copy. A version may also have a C step, for what SQL cannot do
 * (hashing rows): it runs where its file has a line "-- fenxiao:step", or
 * after the file when it has none, inside the same transaction. The steps run
 * too when the expected schema is built, on empty tables. */
typedef int (*store_step_fn)(sqlite3 *db, struct fx_error *err);
struct store_step {
    int version;
    store_step_fn run;
    bool compact; /* it shrinks many rows in place: the upgrade VACUUMs once it has committed */
};
struct store_hooks {
    store_seed_fn seed;             /* NULL: none */
    const struct store_step *steps; /* nsteps of them, any order */
    int nsteps;
};
/* The hooks store_open passes (ledger_file.c); the build's schema reference is made with them. */
const struct store_hooks *store_ledger_hooks(void);
/* store_open with the hooks named by the caller (NULL: none). */
int store_open_with(const char *path, int flags, const struct store_hooks *hooks, sqlite3 **db, struct fx_error *err);

/* Close db (NULL is fine) and release the writer lock it took. A writer whose
 * file has more than one name (hard links) checkpoints its WAL fully first,
 * so the next writer, through whichever name, reads everything. store_close(NULL)
 * releases every writer lock of this process whose connection the caller
 * already closed with sqlite3_close (demo replaces a ledger under its lock). */
void store_close(sqlite3 *db);

/* Give back the room that rows written over time leave inside the file's pages (VACUUM: a ledger grown by daily
 * saves is about a tenth larger than the same rows written once). Run after a write that committed: the upgrade
 * through a compacting step, closing a year, a county ledger that a merge has just made. It is one transaction
 * of its own, and a best effort: when it cannot finish (a full disk, another copy reading), the ledger stays as
 * committed, only larger. 0, or the SQLite code (SQLITE_BUSY inside a transaction). */
int store_compact(sqlite3 *db);

/* The schema version this program writes (highest data/schema/NNN-*.sql);
 * -1 with err filled when the schema files cannot be listed. */
int store_schema_version(struct fx_error *err);

/* Untrusted files. Every connection made here (store_open, store_connect)
 * gets SQLITE_DBCONFIG_DEFENSIVE, trusted_schema OFF, the limits below and a
 * progress budget.
 *
 * The budget. Until a ledger's schema is known to be the one this version
 * creates, the file may hold views and triggers written by anyone, and a view
 * with an endless recursive CTE would hang whatever reads it. So everything
 * done before the schema is proven ours (reading the header pragmas and
 * sqlite_schema, comparing them, the probe of a read-only medium) shares ONE
 * deadline, STORE_UNTRUSTED_MS from the start of the opening: a crafted file
 * costs at most about a second, however many statements the opening runs.
 * Once the schema is proven ours, the only SQL that runs is this program's on
 * its own tables, and its cost follows the data: a county ledger's verify or
 * merge statement (75,000 members, 4.5 million roll-call rows) takes seconds,
 * never minutes. There each statement gets STORE_TRUSTED_MS afresh (counted
 * from its first step, through SQLITE_TRACE_STMT; the starts of trigger
 * programs inside it do not count), a guard against a runaway rather than a
 * limit on work, so no legitimate report, verify or merge is ever cut short.
 * A statement past its deadline is interrupted and fails as FX_EINPUT. */
#define STORE_UNTRUSTED_MS 1000
#define STORE_TRUSTED_MS   (10 * 60 * 1000)
#define STORE_MAX_LENGTH   (16 * 1024 * 1024) /* longest text, blob or row: an audit record is a few KB */
#define STORE_MAX_SQL      (1024 * 1024)      /* longest statement: the schema's and ours are under 20 KB */
#define STORE_MAX_ATTACHED 1                  /* merge attaches its input, nothing attaches more */

/* Once, before the program's first SQLite call: this program runs one thread (a child it forks opens no
 * ledger), so SQLite takes no mutex and keeps no memory statistics around each allocation. After SQLite has
 * started it changes nothing (sqlite3_config refuses), which is safe, only slower. */
void store_startup(void);

/* A hardened connection to filename (SQLITE_OPEN_* flags; URI names allowed)
 * for files that are not ledgers opened through store_open: a backup being
 * written, the in-memory reference schema. Untrusted until store_trust. */
int store_connect(const char *filename, int sqlite_flags, sqlite3 **db, struct fx_error *err);
/* Declare db's schema checked: from now on each statement gets STORE_TRUSTED_MS. */
void store_trust(sqlite3 *db);

/* Expected schema. A ledger's tables, indexes, views and triggers are compared,
 * by name, type, table and SQL (whitespace runs count as one space), with
 * what data/schema/ creates for its version: the reference the build made by
 * running the migrations (core/gen/schema_ref.c) while data/schema/ holds the
 * very bytes it ran and SQLite is the same one, else built once per process in
 * an in-memory database by running them. Every opening refuses
 * (FX_EINPUT, naming the objects) anything extra (a view, a trigger, a table
 * or an index this version does not make) and anything altered (a view in a
 * table's place, a trigger with other SQL), and a missing table. A missing
 * trigger is refused when writing (writes would bypass a lock or an audit
 * rule) and tolerated when reading; a missing index is tolerated (it costs
 * speed only); STORE_EXACT refuses both. verify lists whatever differs. */
enum store_schema_diff {
    STORE_SCHEMA_EXTRA,   /* in the file, not made by this version */
    STORE_SCHEMA_ALTERED, /* same name, other type, table or SQL */
    STORE_SCHEMA_MISSING  /* made by this version, not in the file */
};
/* Call each(ctx, kind, type, name) for every difference between the schema
 * named schema ("main", "src") of db and the expected one of its user_version;
 * type is the expected type for a missing object and the file's otherwise.
 * Returns the number of differences, or -1 with err filled. */
int store_schema_diff(sqlite3 *db, const char *schema,
                      void (*each)(void *ctx, enum store_schema_diff kind, const char *type, const char *name),
                      void *ctx, struct fx_error *err);

/* The ledger src (opened by store_open with STORE_READONLY) attached to db as
 * schema "src", read-only: the same file, or the same immutable view or
 * private copy store_open chose for a read-only medium. Its schema is checked
 * again as attached. Detach with store_detach_source before closing src. */
int store_attach_source(sqlite3 *db, sqlite3 *src, struct fx_error *err);
void store_detach_source(sqlite3 *db);

/* Whether db reads a private copy of its ledger (a read-only medium with a
 * committed WAL beside it): the data is the ledger's, WAL included. */
bool store_reads_copy(sqlite3 *db);

/* Copy the open database db to dest with the online backup API: a new file,
 * mode 0600, written to a temporary name beside it, synced and linked into
 * place (never replacing a file), or renamed over dest when replace. A
 * failure leaves neither dest nor the temporary file (nor its journal). */
int store_backup(sqlite3 *db, const char *dest, bool replace, struct fx_error *err);

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
 * its fx status: FX_ELOCKED, FX_EFS (full, read-only, I/O), FX_ECLOSED,
 * FX_EINPUT (a constraint; a damaged file; a statement interrupted by the
 * progress budget or too long for the limits) or FX_EINTERNAL. */
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
/* Run one statement (an UPDATE, INSERT, DELETE) to its end with args bound: 0, or an fx status with err filled. */
int store_run(sqlite3 *db, const char *sql, const struct store_arg *args, int nargs, struct fx_error *err);
int store_get_text(sqlite3 *db, const char *sql, const struct store_arg *args, int nargs, char *out, size_t size,
                   struct fx_error *err);

/* A fresh random UUID (v4) as 36 characters plus NUL. */
void store_uuid(char out[37]);

/* Who is recorded in the audit log: the account running the program, from the
 * password database ($USER only when it has no entry, else "uid N"), followed by
 * "（recorder）" when store_set_actor was given a different name (config's recorder,
 * at most 127 bytes copied). store_actor's result stays valid until the next set. */
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
/* Step st (prepared and bound) once and give its row in store_row_json's text; NULL when there is no row (or no
 * memory). The caller resets or finalizes st. */
char *store_step_json(sqlite3 *db, sqlite3_stmt *st);

/* The local unit's row id (the unit this ledger was created for); -1 if none. */
int64_t store_unit_id(sqlite3 *db);

/* Record the local unit (分校) of a new ledger, with its audit record, in one
 * store_begin level. */
int store_init_unit(sqlite3 *db, const char *name, struct fx_error *err);

/* Run sql, with param bound as its one text parameter ?1 (or none when NULL),
 * and return the first column of the first row as an integer: -1 when there
 * is no row or the query fails, so only for values that cannot be -1. */
int64_t store_int(sqlite3 *db, const char *sql, const char *param);

/* The writer lock is flock(LOCK_EX) on the ledger file itself, opened
 * O_NOFOLLOW|O_CLOEXEC and refused unless it is a regular file owned by this
 * user: a lock on the file's identity (device and inode), so every name of
 * one file (hard links, in any folder) shares one lock, and no lock file is
 * ever made, followed or left behind (a ".lock" beside a ledger, even a
 * symlink, is never opened). The descriptor stays open until the process ends,
 * because closing any descriptor of the ledger would drop the POSIX locks
 * SQLite's own connections hold on it; only when all 32 slots are taken is one
 * reused whose lock is not held and whose file no connection has open. After the lock is taken the path must
 * still name that file, else (a restore renamed another over it) it is taken
 * again on the new one. The pid of the process holding the lock on path's
 * file (from /proc/locks), or 0 if none / unknown. */
long store_lock_holder(const char *path);

#endif
