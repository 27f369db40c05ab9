/* store_internal.h — what store.c, store_open.c, store_head.c, store_migrate.c and store_schema.c share and no
 * other module sees: the transaction registry, the connection's own state. */
#ifndef FX_STORE_INTERNAL_H
#define FX_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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


/* store_migrate.c: sqlite3_exec of sql, failing as "what失败" with the ledger's error. */
int store_exec_sql(sqlite3 *db, const char *sql, const char *what, struct fx_error *err);

/* store_head.c: what the first 100 bytes of a file say it is. */
enum head_kind {
    HEAD_LEDGER,     /* a fenxiao ledger of a version this program knows */
    HEAD_EMPTY,      /* 0 bytes */
    HEAD_NOT_SQLITE, /* no "SQLite format 3" header: a spreadsheet, a text, half a file */
    HEAD_FOREIGN,    /* another program's SQLite database */
    HEAD_NO_VERSION, /* our application_id with user_version 0 */
    HEAD_NEWER       /* a version above this program's */
};

struct head {
    enum head_kind kind;
    int64_t size;
    uint32_t appid, version;
    bool wal; /* bytes 18 and 19: a WAL-mode file, which gets -wal and -shm files at its first read */
};
/* The first 100 bytes of path through SQLite's VFS (never dropping this process's locks on it); its size. */
int store_head_read(const char *path, unsigned char buf[100], int64_t *size);
/* What buf says, for a program whose last schema is current. */
void store_head_classify(const unsigned char *b, int64_t size, int current, struct head *h);
/* FX_EINPUT with the message for a head that is not an openable ledger; 0 otherwise. */
int store_head_refuse(const struct head *h, const char *path, struct fx_error *err);
/* An empty or headerless main file may still have a committed -wal: read its header for the ledger's. */
void store_head_probe_wal(const char *path, int current, struct head *h);
/* A private copy of path (with its -wal) in a new folder, for a read-only medium; and its removal. */
int store_copy_make(const char *path, char *dir, size_t dirsz, char *file, size_t filesz, struct fx_error *err);
void store_copy_remove(const char *dir);

#endif
