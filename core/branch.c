/* branch.c — the party organisations of the unit: save, read by id, page, find.
 * Saves join the caller's transaction when there is one (imports, the demo). */
#include "branch.h"

#include <string.h>

#include "entity.h"
#include "text_limits.h"
#include "store.h"
#include "text.h"

#define BRANCH_COLS "b.id, b.uuid, b.name, b.kind, b.secretary, b.phone"

/* The columns of BRANCH_COLS, in order. */
static const struct entity_col branch_cols[] = {
    ENTITY_COL(struct branch, id),   ENTITY_COL(struct branch, uuid),      ENTITY_COL(struct branch, name),
    ENTITY_COL(struct branch, kind), ENTITY_COL(struct branch, secretary), ENTITY_COL(struct branch, phone),
};

static void read_branch(sqlite3_stmt *st, void *row)
{
    entity_read_cols(st, 0, branch_cols, ENTITY_NCOLS(branch_cols), row);
}

static void read_branch_row(sqlite3_stmt *st, void *p)
{
    struct branch_row *r = p;
    entity_read_cols(st, 0, branch_cols, ENTITY_NCOLS(branch_cols), &r->b);
    r->members = sqlite3_column_int64(st, ENTITY_NCOLS(branch_cols));
}

int branch_save(sqlite3 *db, struct branch *b, struct fx_error *err)
{
    if (entity_check_name(b->name, "党组织名称", FX_PLACE_CHARS, err) ||
        text_check_fields(err, TEXT_RULES({"secretary", "书记", b->secretary, FX_PERSON_CHARS, 0},
                                          {"phone", "联系电话", b->phone, FX_PHONE_CHARS, 0})))
        return FX_EINPUT;
    if (!b->kind[0])
        text_copy(b->kind, sizeof b->kind, "其他");
    /* From name on: the columns written, ?2 … ?5. */
    int rc = entity_save(db, "branch", "党组织",
                         b->id ? "UPDATE branch SET name=?2, kind=?3, secretary=?4, phone=?5, "
                                 "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1"
                               : "INSERT INTO branch (name, kind, secretary, phone, uuid, unit_id) "
                                 "VALUES (?2, ?3, ?4, ?5, :uuid, :unit)",
                         "SELECT * FROM branch WHERE id = ?", branch_cols + 2, ENTITY_NCOLS(branch_cols) - 2, b, &b->id,
                         b->uuid, err);
    if (rc == FX_EINPUT)
        fx_fail_field(err, FX_EINPUT, "name", "已有同名党组织：%s", b->name);
    return rc;
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
                      "SELECT " BRANCH_COLS ", "
                      "(SELECT count(*) FROM member m WHERE m.branch_id = b.id AND m.active = 1) "
                      "FROM branch b WHERE b.active = 1 AND (?1 = '' OR fx_match(b.name, ?1)) "
                      "AND (?3 = 0 OR (b.name, b.id) > (?2, ?3)) ORDER BY b.name, b.id LIMIT ?4",
                      &st, err))
        return -1;
    entity_bind_page(st, query, after_name, after_id, max);
    return entity_read_rows(db, st, read_branch_row, rows, sizeof *rows, max, "读取党组织", err);
}

int64_t branch_count(sqlite3 *db)
{
    int64_t n = -1;
    if (store_get_int(db, "SELECT count(*) FROM branch WHERE active = 1", STORE_NO_ARGS, &n, NULL))
        return -1;
    return n;
}
