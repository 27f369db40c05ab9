/* branch.c — the party organisations of the unit: save, read by id, page, find.
 * Saves join the caller's transaction when there is one (imports, the demo). */
#include "branch.h"

#include <stdio.h>
#include <string.h>

#include "entity.h"
#include "store.h"

#define BRANCH_COLS "b.id, b.uuid, b.name, b.kind, b.secretary, b.phone"

static void read_branch(sqlite3_stmt *st, void *p)
{
    struct branch *b = p;
    memset(b, 0, sizeof *b);
    b->id = sqlite3_column_int64(st, 0);
    store_copy_column(b->uuid, sizeof b->uuid, st, 1);
    store_copy_column(b->name, sizeof b->name, st, 2);
    store_copy_column(b->kind, sizeof b->kind, st, 3);
    store_copy_column(b->secretary, sizeof b->secretary, st, 4);
    store_copy_column(b->phone, sizeof b->phone, st, 5);
}

int branch_save(sqlite3 *db, struct branch *b, struct fx_error *err)
{
    if (entity_check_name(b->name, "党组织名称", err))
        return FX_EINPUT;
    if (!b->kind[0])
        snprintf(b->kind, sizeof b->kind, "%s", "其他");
    if (!b->uuid[0])
        store_uuid(b->uuid);
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    sqlite3_stmt *st;
    const char *sql = b->id ? "UPDATE branch SET name=?2, kind=?3, secretary=?4, phone=?5, "
                              "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1"
                            : "INSERT INTO branch (id, name, kind, secretary, phone, uuid, unit_id) VALUES (NULL, ?2, "
                              "?3, ?4, ?5, ?6, ?7)";
    if ((rc = store_prepare(db, sql, &st, err)) == 0) {
        if (b->id)
            sqlite3_bind_int64(st, 1, b->id);
        entity_bind_text(st, 2, b->name);
        entity_bind_text(st, 3, b->kind);
        entity_bind_text(st, 4, b->secretary);
        entity_bind_text(st, 5, b->phone);
        if (!b->id) {
            entity_bind_text(st, 6, b->uuid);
            sqlite3_bind_int64(st, 7, store_unit_id(db));
        }
        rc = entity_save_row(db, "branch", "SELECT * FROM branch WHERE id = ?", &b->id, b->uuid, st, err);
        sqlite3_finalize(st);
    }
    if (rc == FX_EINPUT)
        fx_fail_field(err, FX_EINPUT, "name", "已有同名党组织：%s", b->name);
    return store_end(db, rc, err);
}

int branch_find(sqlite3 *db, const char *key, int64_t *id, struct fx_error *err)
{
    return entity_find(db, "SELECT id, kind FROM branch WHERE id = ?",
                       "SELECT id, kind FROM branch WHERE name = ? ORDER BY id", "党组织", key, id, NULL, err);
}

int branch_get(sqlite3 *db, int64_t id, struct branch *b, struct fx_error *err)
{
    return entity_get(db, "SELECT " BRANCH_COLS " FROM branch b WHERE b.id = ?", id, read_branch, b, "党组织", err);
}

int branch_page(sqlite3 *db, const char *query, const char *after_name, int64_t after_id, struct branch_row *rows,
                int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT b.id, b.name, b.kind, b.secretary, b.phone, b.uuid, "
                      "(SELECT count(*) FROM member m WHERE m.branch_id = b.id AND m.active = 1) "
                      "FROM branch b WHERE b.active = 1 AND (?1 = '' OR fx_match(b.name, ?1)) "
                      "AND (?3 = 0 OR (b.name, b.id) > (?2, ?3)) ORDER BY b.name, b.id LIMIT ?4",
                      &st, err))
        return -1;
    sqlite3_bind_text(st, 1, query ? query : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, after_name ? after_name : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, after_id);
    sqlite3_bind_int(st, 4, max);
    int n = 0, rc = SQLITE_DONE;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct branch_row *r = &rows[n++];
        r->id = sqlite3_column_int64(st, 0);
        store_copy_column(r->name, sizeof r->name, st, 1);
        store_copy_column(r->kind, sizeof r->kind, st, 2);
        store_copy_column(r->secretary, sizeof r->secretary, st, 3);
        store_copy_column(r->phone, sizeof r->phone, st, 4);
        store_copy_column(r->uuid, sizeof r->uuid, st, 5);
        r->members = sqlite3_column_int64(st, 6);
    }
    if (n < max && rc != SQLITE_DONE) {
        store_fail(db, rc, err, "读取党组织");
        n = -1;
    }
    sqlite3_finalize(st);
    return n;
}

int64_t branch_count(sqlite3 *db)
{
    int64_t n = -1;
    if (store_get_int(db, "SELECT count(*) FROM branch WHERE active = 1", STORE_NO_ARGS, &n, NULL))
        return -1;
    return n;
}
