/* branch.h — the party organisations (党组织: 支部, 总支) of the unit: saved with an audit record, read by id, a page
 * at a time for pickers, found by name or id. A branch is never deleted. */
#ifndef FX_BRANCH_H
#define FX_BRANCH_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"
#include "text_limits.h"

struct branch {
    int64_t id;
    char uuid[37];
    char name[201];
    char kind[32];
    char secretary[FX_TEXT_BYTES(FX_PERSON_CHARS)];
    char phone[FX_TEXT_BYTES(FX_PHONE_CHARS)];
};

/* Insert (id 0) or update a branch: one transaction with an audit record, or a savepoint inside the caller's
 * (imports, the demo). A name another branch has: FX_EINPUT on field "name". */
int branch_save(sqlite3 *db, struct branch *b, struct fx_error *err);

/* Resolve a branch from a name or a numeric id. Unknown: FX_ENOTFOUND; a name shared by several: FX_EINPUT
 * listing them with their ids. */
int branch_find(sqlite3 *db, const char *name_or_id, int64_t *id, struct fx_error *err);
/* One row by id (also an inactive one). Unknown id: FX_ENOTFOUND. */
int branch_get(sqlite3 *db, int64_t id, struct branch *b, struct fx_error *err);

/* How many active branches the unit has; -1 when the ledger cannot be read. */
int64_t branch_count(sqlite3 *db);

/* A branch for pickers: name, kind and how many active members it has. */
struct branch_row {
    struct branch b; /* b.id 0 in rows a screen adds itself ("全部", "新建") */
    int64_t members;
};

/* One page of active branches ordered by (name, id) after (after_name,
 * after_id; after_id 0 = from the first), filtered by query (text or pinyin
 * initials). Returns rows filled or -1. */
int branch_page(sqlite3 *db, const char *query, const char *after_name, int64_t after_id, struct branch_row *rows,
                int max, struct fx_error *err);

#endif
