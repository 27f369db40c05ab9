/* ledger_file.c — opening a ledger: the file and its schema (store_open.c) with what
 * the domain adds, the word lists (vocab.c) and the migrations' C steps (maint.c). */
#include "maint.h"
#include "rollaudit.h"
#include "store.h"
#include "vocab.h"

/* Version → what SQL cannot do in that migration (store.h, Migrations). */
static const struct store_step steps[] = {
    {.version = 2, .run = maint_fill_digests}, /* digests of the years closed before the lock was complete */
    {.version = 13, .run = roll_migrate, .compact = true}, /* roll-call audit records in compact form (rollaudit.h) */
    {.version = 14, .run = roll_migrate_digests, .compact = true}, /* one audit record per new session (rollaudit.h) */
};

static const struct store_hooks hooks = {
    .seed = vocab_seed, /* the words are copied whenever the schema changes (a new ledger, an upgrade) */
    .steps = steps,
    .nsteps = (int)(sizeof steps / sizeof steps[0]),
};

const struct store_hooks *store_ledger_hooks(void)
{
    return &hooks;
}

int store_open(const char *path, int flags, sqlite3 **db, struct fx_error *err)
{
    return store_open_with(path, flags, &hooks, db, err);
}
