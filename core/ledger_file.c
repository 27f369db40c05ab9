/* ledger_file.c — opening a ledger: the file and its schema (store.c) with the
 * word lists every ledger carries (vocab.c). Storage knows no domain module. */
#include "store.h"
#include "vocab.h"

int store_open(const char *path, int flags, sqlite3 **db, struct fx_error *err)
{
    /* As before the split: the words are copied when the schema changes (a new
     * ledger, an upgrade), in that same transaction, for every opener. */
    return store_open_seeded(path, flags, vocab_sync, db, err);
}
