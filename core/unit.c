/* unit.c — read and rename the local unit (分校) of a ledger.
 * Renaming is one transaction with an audit record, like every other change. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "store.h"
#include "text.h"

int unit_get_name(sqlite3 *db, char *out, size_t outsz, struct fx_error *err)
{
    if (outsz)
        out[0] = '\0';
    sqlite3_stmt *st;
    if (store_prepare(db, "SELECT name FROM unit WHERE is_local = 1 ORDER BY id LIMIT 1", &st, err))
        return err ? err->code : FX_EINTERNAL;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (rc == SQLITE_DONE)
            return fx_fail(err, FX_ENOTFOUND, "账本里没有本单位的名称");
        return store_fail(db, rc, err, "读取单位名称");
    }
    const char *name = (const char *)sqlite3_column_text(st, 0);
    /* text_fit cuts on a character boundary; a name never needs the ellipsis in practice. */
    if (outsz)
        text_fit(out, outsz, name ? name : "", 400);
    sqlite3_finalize(st);
    return 0;
}

int unit_set_name(sqlite3 *db, const char *name, struct fx_error *err)
{
    char clean[801];
    size_t len = strlen(name);
    if (len >= sizeof clean)
        return fx_fail_field(err, FX_EINPUT, "name", "单位名称太长（最多 200 个字）");
    if (!text_valid_utf8(name, len))
        return fx_fail_field(err, FX_EINPUT, "name", "单位名称含有无效的字符");
    snprintf(clean, sizeof clean, "%s", name);
    text_trim(clean);
    for (const unsigned char *p = (const unsigned char *)clean; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return fx_fail_field(err, FX_EINPUT, "name", "单位名称不能含控制字符");
    if (!clean[0])
        return fx_fail_field(err, FX_EINPUT, "name", "单位名称不能为空");
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)clean; *p; p++)
        chars += (*p & 0xc0) != 0x80;
    if (chars > 200)
        return fx_fail_field(err, FX_EINPUT, "name", "单位名称太长（最多 200 个字）");

    if (store_begin(db, err))
        return err ? err->code : FX_EINTERNAL;
    int64_t id = store_int(db, "SELECT id FROM unit WHERE is_local = 1 ORDER BY id LIMIT 1", NULL);
    int rc = 0;
    if (id <= 0)
        rc = fx_fail(err, FX_ENOTFOUND, "账本里没有本单位，无法改名");
    char *before = NULL, *after = NULL;
    char uuid[37] = "";
    sqlite3_stmt *st;
    if (!rc) {
        before = store_row_json(db, "SELECT * FROM unit WHERE id = ?", id);
        rc = store_prepare(db, "UPDATE unit SET name = ? WHERE id = ? RETURNING uuid", &st, err);
    }
    if (!rc) {
        sqlite3_bind_text(st, 1, clean, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, id);
        int s = sqlite3_step(st);
        if (s == SQLITE_ROW) {
            const char *u = (const char *)sqlite3_column_text(st, 0);
            snprintf(uuid, sizeof uuid, "%s", u ? u : "");
            s = sqlite3_step(st);
        }
        sqlite3_finalize(st);
        if (s != SQLITE_DONE)
            rc = store_fail(db, s, err, "保存单位名称");
    }
    if (!rc) {
        after = store_row_json(db, "SELECT * FROM unit WHERE id = ?", id);
        rc = store_audit(db, "update", "unit", uuid, before, after, err);
    }
    sqlite3_free(before);
    sqlite3_free(after);
    if (rc) {
        store_rollback(db);
        return rc;
    }
    return store_commit(db, err);
}
