/* store_internal.h — what store.c, store_open.c and store_schema.c share and no
 * other module sees: the transaction registry, the connection's own state. */
#ifndef FX_STORE_INTERNAL_H
#define FX_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "error.h"
#include "store.h"

/* Drop db's transaction record: its connection is being closed (closing
 * inside a transaction rolls it back), or a new connection got its address. */
void store_tx_forget(sqlite3 *db);

/* The expected schema of version (1 … store_schema_version()), built on first
 * use by running the migrations with hooks in an in-memory database; 0 or an
 * fx status with err filled. */
int store_schema_reference(int version, const struct store_hooks *hooks, struct fx_error *err);

/* Check schema ("main", "src") of db, of the given user_version, against the
 * reference, refusing what store.h's "Expected schema" says an opening refuses;
 * writing: missing triggers are refused too; exact: anything missing is.
 * path names the file in the message. 0 or FX_EINPUT / an SQLite failure. */
int store_schema_check(sqlite3 *db, const char *schema, int version, bool writing, bool exact, const char *path,
                       struct fx_error *err);

/* Run the migration files above from (exclusive) up to to (inclusive), with
 * their C steps, on db, inside the caller's transaction; user_version is set
 * to each version as it is reached. 0 or an fx status with err filled. */
int store_run_migrations(sqlite3 *db, int from, int to, const struct store_hooks *hooks, struct fx_error *err);

/* Give member.sort_key (006-member-sort-key.sql) to the rows another tool wrote without one, inside the
 * transaction store_begin has just opened: it commits with the user's action, or rolls back with a refused
 * one, so a refused command still writes nothing. A ledger before schema 6 is left alone. */
void store_fill_sort_keys(sqlite3 *db);

#endif
