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

/* One row of a sqlite_schema as the check compares it: sql with whitespace runs as one space, NULL for an
 * automatic index. */
struct store_schema_object {
    const char *type, *name, *tbl, *sql;
};
/* A migration file as the build read it. */
struct store_schema_file {
    int version;
    size_t size;
    const char *bytes;
};
/* The references of versions 1 … versions, made at build time by core/gen/schema_ref.c (the Makefile writes
 * $(O)/gen/schema_ref.c) from the migration files kept in files with the SQLite of sqlite_source; valid only while
 * both are the same at run time. versions 0: none (a build that could not run the generator). */
struct store_schema_builtin {
    const char *sqlite_source; /* sqlite3_sourceid() */
    int versions;
    const int *count;                                 /* [versions + 1], by version */
    const struct store_schema_object *const *objects; /* [versions + 1], by version */
    const struct store_schema_file *files;            /* [versions], in order */
};
extern const struct store_schema_builtin store_schema_builtin;

/* The expected schema of version (1 … store_schema_version()), found on first use: the builtin reference above
 * when it was made from these very migration files and this SQLite, else built by running the migrations with
 * hooks in an in-memory database; 0 or an fx status with err filled. */
int store_schema_reference(int version, const struct store_hooks *hooks, struct fx_error *err);
/* version's reference, after store_schema_reference: its objects through *objects, their count returned
 * (core/gen/schema_ref.c writes them out). */
int store_schema_reference_objects(int version, const struct store_schema_object **objects);
/* How many references this process built by running migrations (0 while the builtin one serves); and forgetting
 * every reference and what was learnt of the migration files, so that the next use looks again (tests). */
int store_schema_builds(void);
void store_schema_forget(void);

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
/* The migration files of the data directory, in order, into out (at most max; each one's bytes malloc'd, with a
 * NUL after them): their count, or a negative fx status with err filled. store_migrations_free frees n of them. */
int store_migrations_read(struct store_schema_file *out, int max, struct fx_error *err);
void store_migrations_free(struct store_schema_file *files, int n);
/* Whether the data directory's migration files are exactly these nfiles (the same versions, the same bytes). */
bool store_migrations_are(const struct store_schema_file *files, int nfiles);

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
