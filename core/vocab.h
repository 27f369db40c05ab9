/* vocab.h — the ledger's word lists: content categories, formats, kinds, roles.
 * Kept in data/vocab.ini, copied into the ledger so a ledger stands on its own. */
#ifndef FX_VOCAB_H
#define FX_VOCAB_H

#include <sqlite3.h>
#include <stdbool.h>

#include "config.h"
#include "error.h"

#define VOCAB_MAX 64
#define VOCAB_LEN 64

struct vocab_list {
    int n;
    char name[VOCAB_MAX][VOCAB_LEN];
};

/* Copy data/vocab.ini into the ledger's vocab table (adds missing words,
 * keeps existing ones). Runs inside the caller's transaction. */
int vocab_sync(sqlite3 *db, struct fx_error *err);

/* The class of each session kind (vocab.class: 培训, 组织生活 or 其他) and whether its hours count toward a
 * member's 学时 (vocab.counts_hours), as data/vocab.ini [kind_class] and then cfg (NULL: none) say; a kind named
 * nowhere is 培训. With apply, rows that differ are written and member_year is summed again under the new
 * reading, in the caller's transaction; without, nothing is written. *stale (may be NULL): some row differed. */
int vocab_refresh_classes(sqlite3 *db, const struct fx_config *cfg, bool apply, bool *stale, struct fx_error *err);

/* vocab_refresh_classes applied in a transaction of its own: what opening a ledger does with the county's config. */
int vocab_apply_config(sqlite3 *db, const struct fx_config *cfg, struct fx_error *err);

/* The shipped reading alone (vocab_refresh_classes with no config, applied): the seed of a new or upgraded ledger. */
int vocab_seed(sqlite3 *db, struct fx_error *err);

/* The words of one kind ("category", "format", "kind", "role", "branch_kind"), in order. */
int vocab_get(sqlite3 *db, const char *kind, struct vocab_list *out, struct fx_error *err);

/* Is name a word of that kind in this ledger? The answer in *has; returns 0, or the ledger's error (err filled)
 * when it cannot be read, which is never taken for "not a word". */
int vocab_has(sqlite3 *db, const char *kind, const char *name, bool *has, struct fx_error *err);

/* A field that must hold a word of kind ("category", "format", "kind", "role", "branch_kind"): 0 when name is one;
 * FX_EINPUT on the field named as the kind, "未知的内容类别：…", when it is not; the ledger's error when it cannot be
 * read. */
int vocab_check(sqlite3 *db, const char *kind, const char *name, struct fx_error *err);

#endif
