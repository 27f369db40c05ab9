/* vocab.c — loading the word lists from data/vocab.ini into the ledger.
 * A county can add a format by editing the INI; no C changes. */
#include "vocab.h"

#include <stdio.h>
#include <string.h>

#include "ini.h"
#include "paths.h"
#include "store.h"
#include "rollaudit.h"

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

int vocab_has(sqlite3 *db, const char *kind, const char *name, bool *has, struct fx_error *err)
{
    *has = false;
    return store_exists(db, "SELECT 1 FROM vocab WHERE kind = ?1 AND name = ?2",
                        STORE_ARGS(STORE_TEXT(kind), STORE_TEXT(name)), has, err);
}

int vocab_check(sqlite3 *db, const char *kind, const char *name, struct fx_error *err)
{
    /* What each kind is called in a message, and what a person should know when a word is refused. */
    static const struct {
        const char *kind, *label, *hint;
    } labels[] = {
        {"category", "内容类别", "（应为七类之一）"},
        {"format", "培训形式", ""},
        {"kind", "记录类型", ""},
        {"role", "人员类别", ""},
        {"branch_kind", "党组织类型", ""},
    };
    bool has;
    int rc = vocab_has(db, kind, name, &has, err);
    if (rc || has)
        return rc;
    const char *label = kind, *hint = "";
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (!strcmp(labels[i].kind, kind)) {
            label = labels[i].label;
            hint = labels[i].hint;
        }
    return fx_fail_field(err, FX_EINPUT, kind, "未知的%s：%s%s", label, name, hint);
}

/* What data/vocab.ini [kind_class] says of kind, into out; "" when it says nothing. */
static void shipped_class(const struct ini *ini, const char *kind, char *out, size_t outsz)
{
    char key[160];
    snprintf(key, sizeof key, "kind_class:%s", kind);
    const char *v = ini_str(ini, key, "");
    snprintf(out, outsz, "%s", v);
}

int vocab_refresh_classes(sqlite3 *db, const struct fx_config *cfg, bool apply, bool *stale, struct fx_error *err)
{
    if (stale)
        *stale = false;
    char path[4096];
    struct ini ini;
    paths_join(path, sizeof path, paths_data_dir(), "vocab.ini");
    if (ini_load(path, &ini, err))
        return err ? (err->code = FX_EINTERNAL) : FX_EINTERNAL;
    /* Each kind's word with the class and counts_hours stored now, read in one statement (this runs at every
     * writer's open, so it costs one query, not one per word). */
    enum { CLASS_LEN = 32 };
    char name[VOCAB_MAX][VOCAB_LEN], stored[VOCAB_MAX][CLASS_LEN];
    int stored_counts[VOCAB_MAX];
    int n = 0;
    sqlite3_stmt *st;
    int rc = store_prepare(db, "SELECT name, class, counts_hours FROM vocab WHERE kind = 'kind' ORDER BY ord, name",
                           &st, err);
    int s = SQLITE_DONE;
    while (!rc && n < VOCAB_MAX && (s = sqlite3_step(st)) == SQLITE_ROW) {
        const char *w = (const char *)sqlite3_column_text(st, 0), *c = (const char *)sqlite3_column_text(st, 1);
        snprintf(name[n], sizeof name[n], "%s", w ? w : "");
        snprintf(stored[n], sizeof stored[n], "%s", c ? c : "");
        stored_counts[n] = sqlite3_column_type(st, 2) == SQLITE_INTEGER ? sqlite3_column_int(st, 2) : -1;
        n++;
    }
    if (!rc) {
        if (s != SQLITE_ROW && s != SQLITE_DONE)
            rc = store_fail(db, s, err, "读取记录类型");
        sqlite3_finalize(st);
    }
    bool changed = false;
    for (int i = 0; !rc && i < n; i++) {
        char cls[CLASS_LEN];
        const char *c = config_kind_class(cfg, name[i]);
        if (c)
            snprintf(cls, sizeof cls, "%s", c);
        else
            shipped_class(&ini, name[i], cls, sizeof cls);
        if (strcmp(cls, "组织生活") && strcmp(cls, "其他"))
            snprintf(cls, sizeof cls, "%s", "培训");
        int counts = !strcmp(cls, "培训") || (!strcmp(cls, "组织生活") && cfg && cfg->count_meetings);
        if (!strcmp(stored[i], cls) && stored_counts[i] == counts)
            continue;
        changed = true;
        if (apply)
            rc = store_run(db, "UPDATE vocab SET class = ?2, counts_hours = ?3 WHERE kind = 'kind' AND name = ?1",
                            STORE_ARGS(STORE_TEXT(name[i]), STORE_TEXT(cls), STORE_INT(counts)), err);
    }
    ini_free(&ini);
    if (!rc && changed && apply) {
        /* The hours that count toward a member's 学时 under the new reading (data/schema/003-sessions.sql). */
        rc = store_run(db, "DELETE FROM member_year", STORE_NO_ARGS, err);
        if (!rc)
            rc = store_run(db,
                            "INSERT INTO member_year (member_id, year, hours, sessions) "
                            "SELECT a.member_id, CAST(substr(s.date, 1, 4) AS INTEGER), sum(s.hours), count(*) "
                            "FROM attendance a JOIN session s ON s.id = a.session_id "
                            "WHERE a.status = " ROLL_SQL_PRESENT " AND s.voided = 0 "
                            "AND ifnull((SELECT counts_hours FROM vocab WHERE kind = 'kind' AND name = s.kind), 1) = 1 "
                            "GROUP BY 1, 2",
                            STORE_NO_ARGS, err);
    }
    if (!rc && stale)
        *stale = changed;
    return rc;
}

int vocab_seed(sqlite3 *db, struct fx_error *err)
{
    int rc = vocab_sync(db, err);
    return rc ? rc : vocab_refresh_classes(db, NULL, true, NULL, err);
}

int vocab_apply_config(sqlite3 *db, const struct fx_config *cfg, struct fx_error *err)
{
    int rc = store_begin(db, err);
    if (!rc)
        rc = vocab_refresh_classes(db, cfg, true, NULL, err);
    return store_end(db, rc, err);
}
