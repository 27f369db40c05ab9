/* vocab.c — loading the word lists from data/vocab.ini into the ledger.
 * A county can add a format by editing the INI; no C changes. */
#include "vocab.h"

#include <stdio.h>
#include <string.h>

#include "ini.h"
#include "paths.h"
#include "store.h"

static const char *const kinds[] = {"category", "format", "kind", "role", "branch_kind"};

int vocab_sync(sqlite3 *db, struct fx_error *err)
{
    char path[4096];
    struct ini ini;
    paths_join(path, sizeof path, paths_data_dir(), "vocab.ini");
    if (ini_load(path, &ini, err))
        return err ? (err->code = FX_EINTERNAL) : FX_EINTERNAL;
    sqlite3_stmt *st;
    if (store_prepare(db, "INSERT OR IGNORE INTO vocab (kind, name, ord) VALUES (?, ?, ?)", &st, err)) {
        ini_free(&ini);
        return FX_EINTERNAL;
    }
    int rc = 0;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && !rc; k++) {
        int nkeys = iniparser_getsecnkeys(ini.d, kinds[k]);
        if (nkeys <= 0)
            continue;
        const char *keys[VOCAB_MAX];
        if (nkeys > VOCAB_MAX)
            nkeys = VOCAB_MAX;
        iniparser_getseckeys(ini.d, kinds[k], keys);
        for (int i = 0; i < nkeys; i++) {
            const char *name = iniparser_getstring(ini.d, keys[i], "");
            if (!*name || strlen(name) >= VOCAB_LEN)
                continue;
            sqlite3_bind_text(st, 1, kinds[k], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(st, 3, i + 1);
            int s = sqlite3_step(st);
            sqlite3_reset(st);
            if (s != SQLITE_DONE) {
                rc = store_fail(db, s, err, "载入词表");
                break;
            }
        }
    }
    sqlite3_finalize(st);
    ini_free(&ini);
    return rc;
}

int vocab_get(sqlite3 *db, const char *kind, struct vocab_list *out, struct fx_error *err)
{
    sqlite3_stmt *st;
    out->n = 0;
    if (store_prepare(db, "SELECT name FROM vocab WHERE kind = ? ORDER BY ord, name", &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW && out->n < VOCAB_MAX)
        snprintf(out->name[out->n++], VOCAB_LEN, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return 0;
}

bool vocab_has(sqlite3 *db, const char *kind, const char *name)
{
    bool has = false;
    if (store_exists(db, "SELECT 1 FROM vocab WHERE kind = ?1 AND name = ?2",
                     STORE_ARGS(STORE_TEXT(kind), STORE_TEXT(name)), &has, NULL))
        return false;
    return has;
}
