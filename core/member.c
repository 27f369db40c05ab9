/* member.c — the party members: save, find, read by id, page, a branch's list and count.
 * Saves join the caller's transaction when there is one (imports, the demo). */
#include "member.h"

#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "text_limits.h"
#include "store.h"
#include "text.h"
#include "vocab.h"

#define MEMBER_COLS "m.id, m.uuid, m.branch_id, m.name, m.gender, m.phone, m.role, m.note, m.active, b.name"

/* The columns of MEMBER_COLS, in order: MEMBER_SAVED of them from branch_id on are what a save writes. */
static const struct entity_col member_cols[] = {
    ENTITY_COL(struct member, id),     ENTITY_COL(struct member, uuid),   ENTITY_COL(struct member, branch_id),
    ENTITY_COL(struct member, name),   ENTITY_COL(struct member, gender), ENTITY_COL(struct member, phone),
    ENTITY_COL(struct member, role),   ENTITY_COL(struct member, note),   ENTITY_COL(struct member, active),
    ENTITY_COL(struct member, branch),
};
#define MEMBER_SAVED 7

static void read_member(sqlite3_stmt *st, void *row)
{
    entity_read_cols(st, 0, member_cols, ENTITY_NCOLS(member_cols), row);
}

int member_save(sqlite3 *db, struct member *m, struct fx_error *err)
{
    if (entity_check_name(m->name, "姓名", FX_PERSON_CHARS, err))
        return FX_EINPUT;
    if (!m->role[0])
        text_copy(m->role, sizeof m->role, "普通党员");
    int rc = vocab_check(db, "role", m->role, err);
    if (rc)
        return rc;
    if (m->gender[0] && strcmp(m->gender, "男") && strcmp(m->gender, "女"))
        return fx_fail_field(err, FX_EINPUT, "gender", "性别应为“男”或“女”，而不是“%s”", m->gender);
    if (!m->id)
        m->active = 1; /* a new member is on the roll */
    rc = entity_save(db, "member", "党员",
                     m->id
                         ? "UPDATE member SET branch_id=?2, name=?3, gender=?4, phone=?5, role=?6, note=?7, active=?8, "
                           "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1"
                         : "INSERT INTO member (branch_id, name, gender, phone, role, note, active, uuid) "
                           "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, :uuid)",
                     "SELECT * FROM member WHERE id = ?", member_cols + 2, MEMBER_SAVED, m, &m->id, m->uuid, err);
    if (rc == FX_EINPUT)
        fx_fail_field(err, FX_EINPUT, "branch", "所在党组织不存在");
    return rc;
}

#define MEMBER_BY_ID "SELECT m.id, b.name FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.id = ?"
#define MEMBER_BY_NAME                                                                                                 \
    "SELECT m.id, b.name FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.name = ? AND m.active = 1 "         \
    "ORDER BY m.id"

int member_find(sqlite3 *db, const char *key, int64_t *id, struct fx_error *err)
{
    return entity_find(db, MEMBER_BY_ID, MEMBER_BY_NAME, "党员", key, id, NULL, err);
}

int member_finder_find(struct member_finder *f, const char *key, int64_t *id, struct fx_error *err)
{
    return entity_find(f->db, MEMBER_BY_ID, MEMBER_BY_NAME, "党员", key, id, f->st, err);
}

void member_finder_done(struct member_finder *f)
{
    sqlite3_finalize(f->st[0]);
    sqlite3_finalize(f->st[1]);
    f->st[0] = f->st[1] = NULL;
}

int member_get(sqlite3 *db, int64_t id, struct member *m, struct fx_error *err)
{
    return entity_get(db, "SELECT " MEMBER_COLS " FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.id = ?", id,
                      read_member, m, "党员", err);
}

int member_page(sqlite3 *db, int64_t branch_id, const char *query, const char *after_name, int64_t after_id,
                struct member *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    /* Two statements rather than "?1 = 0 OR …", so each seeks its own index
     * (member_branch or member_name) straight to the page after the key. */
    const char *sql = branch_id ? "SELECT " MEMBER_COLS " FROM member m JOIN branch b ON b.id = m.branch_id "
                                  "WHERE m.branch_id = ?1 AND m.active = 1 AND (?2 = '' OR fx_match(m.name, ?2)) "
                                  "AND (m.name, m.id) > (?3, ?4) ORDER BY m.name, m.id LIMIT ?5"
                                : "SELECT " MEMBER_COLS " FROM member m JOIN branch b ON b.id = m.branch_id "
                                  "WHERE ?1 = 0 AND m.active = 1 AND (?2 = '' OR fx_match(m.name, ?2)) "
                                  "AND (m.name, m.id) > (?3, ?4) ORDER BY m.name, m.id LIMIT ?5";
    if (store_prepare(db, sql, &st, err))
        return -1;
    sqlite3_bind_int64(st, 1, branch_id);
    entity_bind_text(st, 2, query);
    entity_bind_text(st, 3, after_name);
    sqlite3_bind_int64(st, 4, after_id);
    sqlite3_bind_int(st, 5, max);
    return entity_read_rows(db, st, read_member, rows, sizeof *rows, max, "读取名册", err);
}

int member_list_branch(sqlite3 *db, int64_t branch_id, struct member **rows, struct fx_error *err)
{
    *rows = NULL;
    int64_t count = member_count(db, branch_id);
    if (count < 0)
        return fx_fail(err, FX_EINTERNAL, "读取名册失败"), -1;
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT " MEMBER_COLS " FROM member m JOIN branch b ON b.id = m.branch_id "
                      "WHERE m.active = 1 AND m.branch_id = ? ORDER BY m.name, m.id",
                      &st, err))
        return -1;
    sqlite3_bind_int64(st, 1, branch_id);
    *rows = calloc((size_t)count + 1, sizeof **rows);
    if (!*rows) {
        sqlite3_finalize(st);
        return fx_fail(err, FX_EINTERNAL, "内存不足"), -1;
    }
    int n = entity_read_rows(db, st, read_member, *rows, sizeof **rows, (int)count, "读取名册", err);
    if (n < 0) {
        free(*rows);
        *rows = NULL;
    }
    return n;
}

int64_t member_count(sqlite3 *db, int64_t branch_id)
{
    int64_t n = -1;
    if (store_get_int(db, "SELECT count(*) FROM member WHERE active = 1 AND (?1 = 0 OR branch_id = ?1)",
                      STORE_ARGS(STORE_INT(branch_id)), &n, NULL))
        return -1;
    return n;
}
