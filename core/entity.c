/* entity.c — the plumbing every module of the ledger's things shares: audited one-row writes, reads by id and by
 * page, and resolving what a person typed (a name or an id) to a row. The rules of each thing stay in its module. */
#include "entity.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "text.h"
#include "text_limits.h"

void entity_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

int entity_check_name(const char *name, const char *what, size_t max_chars, struct fx_error *err)
{
    char buf[256];
    int rc = text_check_field(err, "name", what, name, max_chars, 0);
    if (rc)
        return rc;
    text_copy(buf, sizeof buf, name);
    if (!*text_trim(buf))
        return fx_fail_field(err, FX_EINPUT, "name", "%s不能为空", what);
    return 0;
}

int entity_audit(sqlite3 *db, const char *entity, const char *action, const char *sql_get, int64_t id, const char *uuid,
                 const char *before, struct fx_error *err)
{
    char *after = store_row_json(db, sql_get, id);
    int rc = store_audit(db, action ? action : before ? "update" : "insert", entity, uuid, before, after, err);
    sqlite3_free(after);
    return rc;
}

int entity_find(sqlite3 *db, const char *by_id, const char *by_name, const char *what, const char *key, int64_t *id,
                sqlite3_stmt **kept, struct fx_error *err)
{
    char buf[256];
    text_copy(buf, sizeof buf, key);
    text_trim(buf);
    if (!buf[0])
        return fx_fail(err, FX_EINPUT, "%s不能为空", what);
    sqlite3_stmt *st;
    bool numeric = strspn(buf, "0123456789") == strlen(buf);
    sqlite3_stmt **slot = kept ? &kept[numeric ? 0 : 1] : NULL;
    if (slot && *slot) {
        st = *slot;
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    } else if (store_prepare(db, numeric ? by_id : by_name, &st, err)) {
        return FX_EINTERNAL;
    } else if (slot) {
        *slot = st;
    }
    if (numeric)
        sqlite3_bind_int64(st, 1, strtoll(buf, NULL, 10));
    else
        sqlite3_bind_text(st, 1, buf, -1, SQLITE_TRANSIENT);
    int n = 0;
    char list[480] = "";
    size_t used = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n++ == 0)
            *id = sqlite3_column_int64(st, 0);
        const unsigned char *d = sqlite3_column_text(st, 1);
        char one[200];
        text_format(one, sizeof one, "%s%lld（%s）", used ? "、" : "", (long long)sqlite3_column_int64(st, 0),
                    d ? (const char *)d : "");
        /* whole entries only: a list cut in the middle of one would name a wrong id */
        if (used + strlen(one) < sizeof list - 8) {
            text_copy(list + used, sizeof list - used, one);
            used += strlen(one);
        } else if (!strstr(list, "…")) {
            text_copy(list + used, sizeof list - used, "、…");
            used += strlen(list + used);
        }
    }
    if (slot)
        sqlite3_reset(st);
    else
        sqlite3_finalize(st);
    if (n == 0)
        return fx_fail(err, FX_ENOTFOUND, "找不到%s：%s", what, buf);
    if (n > 1)
        return fx_fail(err, FX_EINPUT, "有 %d 个%s都叫“%s”，请改用编号：%s", n, what, buf, list);
    return 0;
}

int entity_get(sqlite3 *db, const char *sql, int64_t id, entity_read_fn read, void *out, const char *what,
               struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db, sql, &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st), status = 0;
    if (rc == SQLITE_ROW) {
        read(st, out);
    } else if (rc == SQLITE_DONE) {
        status = fx_fail(err, FX_ENOTFOUND, "找不到编号为 %lld 的%s", (long long)id, what);
    } else {
        /* A step that failed (a lock, a damaged page) is the ledger's error, never "no such row". */
        char action[128];
        text_format(action, sizeof action, "读取%s", what);
        status = store_fail(db, rc, err, action);
    }
    sqlite3_finalize(st);
    return status;
}

void entity_bind_page(sqlite3_stmt *st, const char *query, const char *after_name, int64_t after_id, int max)
{
    entity_bind_text(st, 1, query);
    entity_bind_text(st, 2, after_name);
    sqlite3_bind_int64(st, 3, after_id);
    sqlite3_bind_int(st, 4, max);
}

int entity_read_rows(sqlite3 *db, sqlite3_stmt *st, entity_read_fn read, void *rows, size_t row_size, int max,
                     const char *what, struct fx_error *err)
{
    int n = 0, rc = SQLITE_DONE;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read(st, (char *)rows + (size_t)n++ * row_size);
    if (n < max && rc != SQLITE_DONE) {
        store_fail(db, rc, err, what);
        n = -1;
    }
    sqlite3_finalize(st);
    return n;
}

void entity_reverse_rows(void *rows, int n, size_t row_size)
{
    unsigned char *lo = rows, *hi = lo + (n > 0 ? (size_t)(n - 1) * row_size : 0);
    for (; lo < hi; lo += row_size, hi -= row_size)
        for (size_t i = 0; i < row_size; i++) {
            unsigned char c = lo[i];
            lo[i] = hi[i];
            hi[i] = c;
        }
}

void entity_read_cols(sqlite3_stmt *st, int first, const struct entity_col *cols, int ncols, void *row)
{
    for (int i = 0; i < ncols; i++) {
        void *field = (char *)row + cols[i].offset;
        int col = first + i;
        switch (cols[i].type) {
        case ENTITY_INT64:
        case ENTITY_ID: *(int64_t *)field = sqlite3_column_int64(st, col); break;
        case ENTITY_INT: *(int *)field = sqlite3_column_int(st, col); break;
        case ENTITY_DOUBLE: *(double *)field = sqlite3_column_double(st, col); break;
        case ENTITY_TEXT: store_copy_column(field, cols[i].size, st, col); break;
        }
    }
}

void entity_bind_cols(sqlite3_stmt *st, int first, const struct entity_col *cols, int ncols, const void *row)
{
    for (int i = 0; i < ncols; i++) {
        const void *field = (const char *)row + cols[i].offset;
        int param = first + i;
        switch (cols[i].type) {
        case ENTITY_INT64: sqlite3_bind_int64(st, param, *(const int64_t *)field); break;
        case ENTITY_ID:
            if (*(const int64_t *)field)
                sqlite3_bind_int64(st, param, *(const int64_t *)field);
            else
                sqlite3_bind_null(st, param);
            break;
        case ENTITY_INT: sqlite3_bind_int(st, param, *(const int *)field); break;
        case ENTITY_DOUBLE: sqlite3_bind_double(st, param, *(const double *)field); break;
        case ENTITY_TEXT: entity_bind_text(st, param, field); break;
        }
    }
}

int entity_save(sqlite3 *db, const char *entity, const char *what, const char *sql, const char *sql_get,
                const struct entity_col *cols, int ncols, const void *row, int64_t *id, char *uuid,
                struct fx_error *err)
{
    int64_t rowid = *id;
    char keep[37];
    text_copy(keep, sizeof keep, uuid);
    if (!rowid && !keep[0])
        store_uuid(keep);
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    char *before = NULL;
    if (rowid) {
        /* An update keeps the stored uuid, whatever the caller's struct says, and its audit record names it. */
        before = store_row_json(db, sql_get, rowid);
        rc = before ? store_get_text(db, "SELECT json_extract(?1, '$.uuid')", STORE_ARGS(STORE_TEXT(before)), keep,
                                     sizeof keep, err)
                    : fx_fail(err, FX_ENOTFOUND, "找不到编号为 %lld 的%s", (long long)rowid, what);
    }
    sqlite3_stmt *st;
    if (!rc && (rc = store_prepare(db, sql, &st, err)) == 0) {
        if (rowid)
            sqlite3_bind_int64(st, 1, rowid);
        entity_bind_cols(st, 2, cols, ncols, row);
        int p = sqlite3_bind_parameter_index(st, ":uuid");
        if (p)
            entity_bind_text(st, p, keep);
        if ((p = sqlite3_bind_parameter_index(st, ":unit")) != 0)
            sqlite3_bind_int64(st, p, store_unit_id(db));
        int step = sqlite3_step(st);
        sqlite3_finalize(st);
        if (step != SQLITE_DONE) {
            char action[64];
            snprintf(action, sizeof action, "保存%s", what);
            rc = store_fail(db, step, err, action);
        } else if (!rowid) {
            rowid = sqlite3_last_insert_rowid(db);
        }
    }
    if (!rc)
        rc = entity_audit(db, entity, NULL, sql_get, rowid, keep, before, err);
    sqlite3_free(before);
    rc = store_end(db, rc, err);
    if (!rc) {
        *id = rowid;
        memcpy(uuid, keep, sizeof keep);
    }
    return rc;
}

int entity_refuse_closed(sqlite3 *db, int year, const char *what, struct fx_error *err)
{
    bool closed = false;
    int rc = store_exists(db, "SELECT 1 FROM closed_year WHERE year = ?1", STORE_ARGS(STORE_INT(year)), &closed, err);
    if (rc)
        return rc;
    if (closed)
        return fx_fail(err, FX_ECLOSED, "%d 年已经交账（只读），不能%s", year, what);
    return 0;
}

int entity_retire(sqlite3 *db, const char *table, const char *what, int64_t id, bool retire, const char *reason,
                  struct fx_error *err)
{
    /* Table names cannot be bound: the two tables that retire, each with its fixed statements. */
    bool venue = !strcmp(table, "venue");
    const char *get = venue ? "SELECT * FROM venue WHERE id = ?" : "SELECT * FROM teacher WHERE id = ?";
    const char *set = venue ? "UPDATE venue SET active = ?2, retire_reason = ?3, "
                              "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1"
                            : "UPDATE teacher SET active = ?2, retire_reason = ?3, "
                              "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";
    if (!reason)
        reason = "";
    if (retire && !*reason)
        return fx_fail_field(err, FX_EINPUT, "reason", "停用%s须写明原因", what);
    int rc = text_check_field(err, "reason", "停用原因", reason, FX_WHY_CHARS, 0);
    if (rc || (rc = store_begin(db, err)) != 0)
        return rc;
    int64_t active = -1;
    char uuid[37] = "";
    rc = store_get_int(db, venue ? "SELECT active FROM venue WHERE id = ?1" : "SELECT active FROM teacher WHERE id = ?1",
                       STORE_ARGS(STORE_INT(id)), &active, err);
    if (!rc && active < 0)
        rc = fx_fail(err, FX_EINPUT, "没有编号为 %lld 的%s", (long long)id, what);
    else if (!rc && active == (retire ? 0 : 1))
        rc = fx_fail(err, FX_EINPUT, retire ? "%s %lld 已经停用" : "%s %lld 没有停用，无需恢复", what, (long long)id);
    if (!rc)
        rc = store_get_text(db, venue ? "SELECT uuid FROM venue WHERE id = ?1" : "SELECT uuid FROM teacher WHERE id = ?1",
                            STORE_ARGS(STORE_INT(id)), uuid, sizeof uuid, err);
    char *before = rc ? NULL : store_row_json(db, get, id);
    if (!rc)
        rc = store_run(db, set, STORE_ARGS(STORE_INT(id), STORE_INT(retire ? 0 : 1), STORE_TEXT(retire ? reason : "")),
                       err);
    if (!rc)
        rc = entity_audit(db, table, retire ? "retire" : "restore", get, id, uuid, before, err);
    sqlite3_free(before);
    return store_end(db, rc, err);
}
