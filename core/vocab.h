/* vocab.h — the ledger's word lists: content categories, formats, kinds, roles.
 * Kept in data/vocab.ini, copied into the ledger so a ledger stands on its own. */
#ifndef FX_VOCAB_H
#define FX_VOCAB_H

#include <sqlite3.h>
#include <stdbool.h>

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

/* The words of one kind ("category", "format", "kind", "role", "branch_kind"), in order. */
int vocab_get(sqlite3 *db, const char *kind, struct vocab_list *out, struct fx_error *err);

/* Is name a word of that kind in this ledger? Also false when the ledger
 * cannot be read; where the two must differ, ask store_exists. */
bool vocab_has(sqlite3 *db, const char *kind, const char *name);

#endif
