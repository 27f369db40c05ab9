/* maint.h — keeping the ledger safe: backups, restore, verification, year close.
 * Backups use SQLite's online backup API, so they are consistent while in use. */
#ifndef FX_MAINT_H
#define FX_MAINT_H

#include <sqlite3.h>
#include <stddef.h>

#include "error.h"

/* Copy the open ledger to dest, which must not exist (created 0600, written to
 * a temp file and linked into place, so a failed backup never leaves half a
 * file under that name and never replaces one). */
int maint_backup(sqlite3 *db, const char *dest, struct fx_error *err);

/* The daily automatic backup: if dir has no backup of today, make
 * dir/ledger-YYYYMMDD.db and delete the oldest beyond keep (keep 0: none).
 * *made (may be NULL) says whether one was made. dir is created 0700. */
int maint_auto_backup(sqlite3 *db, const char *dir, int keep, int *made, struct fx_error *err);

/* Default backup directory for a ledger: <ledger dir>/backups. */
void maint_backup_dir(const char *ledger_path, char *out, size_t outsz);

/* Before a ledger is replaced: copy the open ledger db (at ledger_path) to
 * <ledger>.replaced-YYYYMMDD-HHMMSS, a new file; its name goes into kept (may
 * be NULL). restore and demo --force both keep the old ledger this way. */
int maint_keep_copy(sqlite3 *db, const char *ledger_path, char *kept, size_t keptsz, struct fx_error *err);

/* Replace the ledger at ledger_path with the contents of src after checking
 * that src is a fenxiao ledger of a version this program knows, whose schema
 * is exactly that version's (store.h, STORE_EXACT: an extra trigger or view is
 * refused, FX_EINPUT, named), and that passes quick_check. The replaced ledger is kept as
 * <ledger>.replaced-YYYYMMDD-HHMMSS; its name goes into kept (may be NULL). The caller holds no connection. */
int maint_restore(const char *ledger_path, const char *src, char *kept, size_t keptsz, struct fx_error *err);

/* Checks: the schema against this version's (missing triggers and indexes;
 * extra or altered objects were refused when db was opened), quick_check,
 * foreign keys, the audit log (every session has its insert record, the log
 * is append-only), the hours aggregate, and each closed year's rows against
 * the digest stored when it was closed. Each problem
 * is reported through report(ctx, text); returns 0 when all is well, FX_NO
 * when problems were found. */
int maint_verify(sqlite3 *db, void (*report)(void *ctx, const char *line), void *ctx, struct fx_error *err);

/* 年底交账: make year read-only in the database itself (triggers refuse writes),
 * storing the digest of its rows (maint_year_digest) in the same transaction.
 * A year with open problems (problem.h: problem_open_count) is closed only
 * with a reason (not blank), which the audit record of the closing keeps with
 * the count; without one it is FX_EINPUT naming the count, and nothing is
 * written. maint_close_year: no reason. */
int maint_close_year(sqlite3 *db, int year, struct fx_error *err);
/* What maint_close_year_reason would refuse before it writes anything: a year out of range, a bad reason or
 * none with open problems (FX_EINPUT), a year already closed (FX_ECLOSED). Read only: the package is written
 * after it and before the year is closed (package.h). */
int maint_close_year_check(sqlite3 *db, int year, const char *reason, struct fx_error *err);
int maint_close_year_reason(sqlite3 *db, int year, const char *reason, struct fx_error *err);

/* The digest of year's rows (sessions, their target branches, roll call and
 * orders, the marks of its periods; from version 2 also the funds entries and
 * budgets; from version 3 also the problems and their tasks) as "vN:" and 64 hex digits: what closed_year.digest holds and verify
 * recomputes in the version it was stored with. maint_year_digest makes the
 * current version (MAINT_DIGEST_VERSION); an unknown version is FX_EINPUT. */
#define MAINT_DIGEST_VERSION 3
int maint_year_digest(sqlite3 *db, int year, char out[80], struct fx_error *err);
int maint_year_digest_version(sqlite3 *db, int year, int version, char out[80], struct fx_error *err);

/* Schema version 2's C step: the digest of every year closed before it. */
int maint_fill_digests(sqlite3 *db, struct fx_error *err);

/* A warning (Chinese) when the folder holding path can be written by anyone;
 * NULL otherwise. Static storage. */
const char *maint_dir_warning(const char *path);

/* A warning (Chinese) when path is on a network file system, where WAL is
 * unsafe; NULL otherwise. Static storage. */
const char *maint_network_warning(const char *path);

#endif
