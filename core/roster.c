/* roster.c — branches, members, teachers and venues.
 * Saves join the caller's transaction when there is one (imports, the demo). */
#include "roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "text.h"
#include "vocab.h"

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* Write one row with before/after audit. sql_get selects the row by id. */
static int save_row(sqlite3 *db, const char *entity, const char *sql_get, int64_t *id, char *uuid, sqlite3_stmt *st,
                    struct fx_error *err)
{
    char *before = *id ? store_row_json(db, sql_get, *id) : NULL;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
        sqlite3_free(before);
        return store_fail(db, rc, err, "保存");
    }
    if (!*id)
        *id = sqlite3_last_insert_rowid(db);
    else if (sqlite3_changes(db) == 0) {
        sqlite3_free(before);
        return fx_fail(err, FX_ENOTFOUND, "要修改的记录不存在（编号 %lld）", (long long)*id);
    }
    char *after = store_row_json(db, sql_get, *id);
    int code = store_audit(db, before ? "update" : "insert", entity, uuid, before, after, err);
    sqlite3_free(before);
    sqlite3_free(after);
    return code;
}

static int need_name(const char *name, const char *what, struct fx_error *err)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", name);
    if (!*text_trim(buf))
        return fx_fail_field(err, FX_EINPUT, "name", "%s不能为空", what);
    if (!text_valid_utf8(name, strlen(name)))
        return fx_fail_field(err, FX_EINPUT, "name", "%s含有无效字符", what);
    return 0;
}

int roster_save_branch(sqlite3 *db, struct branch *b, struct fx_error *err)
{
    if (need_name(b->name, "党组织名称", err))
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
        bind_str(st, 2, b->name);
        bind_str(st, 3, b->kind);
        bind_str(st, 4, b->secretary);
        bind_str(st, 5, b->phone);
        if (!b->id) {
            bind_str(st, 6, b->uuid);
            sqlite3_bind_int64(st, 7, store_unit_id(db));
        }
        rc = save_row(db, "branch", "SELECT * FROM branch WHERE id = ?", &b->id, b->uuid, st, err);
        sqlite3_finalize(st);
    }
    if (rc == FX_EINPUT)
        fx_fail_field(err, FX_EINPUT, "name", "已有同名党组织：%s", b->name);
    return store_end(db, rc, err);
}

int roster_save_member(sqlite3 *db, struct member *m, struct fx_error *err)
{
    if (need_name(m->name, "姓名", err))
        return FX_EINPUT;
    if (!m->role[0])
        snprintf(m->role, sizeof m->role, "%s", "普通党员");
    if (!vocab_has(db, "role", m->role))
        return fx_fail_field(err, FX_EINPUT, "role", "未知的人员类别：%s", m->role);
    if (m->gender[0] && strcmp(m->gender, "男") && strcmp(m->gender, "女"))
        return fx_fail_field(err, FX_EINPUT, "gender", "性别应为“男”或“女”，而不是“%s”", m->gender);
    if (!m->uuid[0])
        store_uuid(m->uuid);
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    sqlite3_stmt *st;
    const char *sql =
        m->id ? "UPDATE member SET branch_id=?2, name=?3, gender=?4, phone=?5, role=?6, note=?7, active=?8, "
                "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1"
              : "INSERT INTO member (branch_id, name, gender, phone, role, note, active, uuid) VALUES "
                "(?2,?3,?4,?5,?6,?7,?8,?9)";
    if ((rc = store_prepare(db, sql, &st, err)) == 0) {
        if (m->id)
            sqlite3_bind_int64(st, 1, m->id);
        sqlite3_bind_int64(st, 2, m->branch_id);
        bind_str(st, 3, m->name);
        bind_str(st, 4, m->gender);
        bind_str(st, 5, m->phone);
        bind_str(st, 6, m->role);
        bind_str(st, 7, m->note);
        sqlite3_bind_int(st, 8, m->id ? m->active : 1);
        if (!m->id)
            bind_str(st, 9, m->uuid);
        rc = save_row(db, "member", "SELECT * FROM member WHERE id = ?", &m->id, m->uuid, st, err);
        sqlite3_finalize(st);
    }
    if (rc == FX_EINPUT)
        fx_fail_field(err, FX_EINPUT, "branch", "所在党组织不存在");
    return store_end(db, rc, err);
}

int roster_save_teacher(sqlite3 *db, struct teacher *t, struct fx_error *err)
{
    if (need_name(t->name, "教师姓名", err))
        return FX_EINPUT;
    if (!t->employment[0])
        snprintf(t->employment, sizeof t->employment, "%s", "兼职");
    if (!t->type[0])
        snprintf(t->type, sizeof t->type, "%s", "专家型");
    if (strcmp(t->employment, "专职") && strcmp(t->employment, "兼职"))
        return fx_fail_field(err, FX_EINPUT, "employment", "应为“专职”或“兼职”");
    if (strcmp(t->type, "领导型") && strcmp(t->type, "榜样型") && strcmp(t->type, "专家型"))
        return fx_fail_field(err, FX_EINPUT, "type", "教师类型应为 领导型、榜样型 或 专家型");
    if (!t->uuid[0])
        store_uuid(t->uuid);
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    sqlite3_stmt *st;
    const char *sql =
        t->id ? "UPDATE teacher SET name=?2, employment=?3, type=?4, is_adviser=?5, org=?6, phone=?7, topics=?8, "
                "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1"
              : "INSERT INTO teacher (name, employment, type, is_adviser, org, phone, topics, uuid, unit_id) "
                "VALUES (?2,?3,?4,?5,?6,?7,?8,?9,?10)";
    if ((rc = store_prepare(db, sql, &st, err)) == 0) {
        if (t->id)
            sqlite3_bind_int64(st, 1, t->id);
        bind_str(st, 2, t->name);
        bind_str(st, 3, t->employment);
        bind_str(st, 4, t->type);
        sqlite3_bind_int(st, 5, t->is_adviser ? 1 : 0);
        bind_str(st, 6, t->org);
        bind_str(st, 7, t->phone);
        bind_str(st, 8, t->topics);
        if (!t->id) {
            bind_str(st, 9, t->uuid);
            sqlite3_bind_int64(st, 10, store_unit_id(db));
        }
        rc = save_row(db, "teacher", "SELECT * FROM teacher WHERE id = ?", &t->id, t->uuid, st, err);
        sqlite3_finalize(st);
    }
    return store_end(db, rc, err);
}

int roster_save_venue(sqlite3 *db, struct venue *v, struct fx_error *err)
{
    if (need_name(v->name, "场地名称", err))
        return FX_EINPUT;
    if (!v->kind[0])
        snprintf(v->kind, sizeof v->kind, "%s", "主阵地");
    if (strcmp(v->kind, "主阵地") && strcmp(v->kind, "教学点"))
        return fx_fail_field(err, FX_EINPUT, "kind", "场地类型应为“主阵地”或“教学点”");
    if (v->capacity < 0)
        return fx_fail_field(err, FX_EINPUT, "capacity", "容纳人数不能为负");
    if (!v->uuid[0])
        store_uuid(v->uuid);
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    sqlite3_stmt *st;
    const char *sql = v->id ? "UPDATE venue SET name=?2, kind=?3, theme=?4, address=?5, capacity=?6, guide=?7, "
                              "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1"
                            : "INSERT INTO venue (name, kind, theme, address, capacity, guide, uuid, unit_id) VALUES "
                              "(?2,?3,?4,?5,?6,?7,?8,?9)";
    if ((rc = store_prepare(db, sql, &st, err)) == 0) {
        if (v->id)
            sqlite3_bind_int64(st, 1, v->id);
        bind_str(st, 2, v->name);
        bind_str(st, 3, v->kind);
        bind_str(st, 4, v->theme);
        bind_str(st, 5, v->address);
        sqlite3_bind_int(st, 6, v->capacity);
        bind_str(st, 7, v->guide);
        if (!v->id) {
            bind_str(st, 8, v->uuid);
            sqlite3_bind_int64(st, 9, store_unit_id(db));
        }
        rc = save_row(db, "venue", "SELECT * FROM venue WHERE id = ?", &v->id, v->uuid, st, err);
        sqlite3_finalize(st);
    }
    return store_end(db, rc, err);
}

/* Shared lookup: all-digit text is an id; otherwise an exact name. */
/* kept: NULL, or the caller's two statements (by id, by name), prepared on
 * first use and kept for the next call (see struct roster_member_finder). */
static int find_by_name(sqlite3 *db, const char *by_id, const char *by_name, const char *describe, const char *what,
                        const char *key, int64_t *id, sqlite3_stmt **kept, struct fx_error *err)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", key ? key : "");
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
    char list[400] = "";
    size_t used = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n++ == 0)
            *id = sqlite3_column_int64(st, 0);
        if (used < sizeof list - 80) {
            const unsigned char *d = sqlite3_column_text(st, 1);
            int w = snprintf(list + used, sizeof list - used, "%s%lld（%s）", used ? "、" : "",
                             (long long)sqlite3_column_int64(st, 0), d ? (const char *)d : "");
            if (w > 0)
                used += (size_t)w;
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
    (void)describe;
    return 0;
}

#define MEMBER_BY_ID "SELECT m.id, b.name FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.id = ?"
#define MEMBER_BY_NAME                                                                                                 \
    "SELECT m.id, b.name FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.name = ? AND m.active = 1 "         \
    "ORDER BY m.id"

int roster_find_member(sqlite3 *db, const char *key, int64_t *id, struct fx_error *err)
{
    return find_by_name(db, MEMBER_BY_ID, MEMBER_BY_NAME, "branch", "党员", key, id, NULL, err);
}

int roster_member_finder_find(struct roster_member_finder *f, const char *key, int64_t *id, struct fx_error *err)
{
    return find_by_name(f->db, MEMBER_BY_ID, MEMBER_BY_NAME, "branch", "党员", key, id, f->st, err);
}

void roster_member_finder_done(struct roster_member_finder *f)
{
    sqlite3_finalize(f->st[0]);
    sqlite3_finalize(f->st[1]);
    f->st[0] = f->st[1] = NULL;
}

int roster_find_branch(sqlite3 *db, const char *key, int64_t *id, struct fx_error *err)
{
    return find_by_name(db, "SELECT id, kind FROM branch WHERE id = ?",
                        "SELECT id, kind FROM branch WHERE name = ? ORDER BY id", "kind", "党组织", key, id, NULL, err);
}

int roster_find_teacher(sqlite3 *db, const char *key, int64_t *id, struct fx_error *err)
{
    return find_by_name(db, "SELECT id, org FROM teacher WHERE id = ?",
                        "SELECT id, org FROM teacher WHERE name = ? AND active = 1 ORDER BY id", "org", "教师", key, id,
                        NULL, err);
}

int roster_find_venue(sqlite3 *db, const char *key, int64_t *id, struct fx_error *err)
{
    return find_by_name(db, "SELECT id, kind FROM venue WHERE id = ?",
                        "SELECT id, kind FROM venue WHERE name = ? AND active = 1 ORDER BY id", "kind", "场地", key, id,
                        NULL, err);
}

#define MEMBER_COLS "m.id, m.uuid, m.branch_id, b.name, m.name, m.gender, m.phone, m.role, m.note, m.active"

static void read_member(sqlite3_stmt *st, struct member *m)
{
    m->id = sqlite3_column_int64(st, 0);
    store_copy_column(m->uuid, sizeof m->uuid, st, 1);
    m->branch_id = sqlite3_column_int64(st, 2);
    store_copy_column(m->branch, sizeof m->branch, st, 3);
    store_copy_column(m->name, sizeof m->name, st, 4);
    store_copy_column(m->gender, sizeof m->gender, st, 5);
    store_copy_column(m->phone, sizeof m->phone, st, 6);
    store_copy_column(m->role, sizeof m->role, st, 7);
    store_copy_column(m->note, sizeof m->note, st, 8);
    m->active = sqlite3_column_int(st, 9);
}

int roster_get_member(sqlite3 *db, int64_t id, struct member *m, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db, "SELECT " MEMBER_COLS " FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.id = ?",
                      &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_member(st, m);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : fx_fail(err, FX_ENOTFOUND, "找不到编号为 %lld 的党员", (long long)id);
}

int roster_member_page(sqlite3 *db, int64_t branch_id, const char *query, const char *after_name, int64_t after_id,
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
    sqlite3_bind_text(st, 2, query ? query : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, after_name ? after_name : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, after_id);
    sqlite3_bind_int(st, 5, max);
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW)
        read_member(st, &rows[n++]);
    sqlite3_finalize(st);
    return n;
}

int roster_branch_members(sqlite3 *db, int64_t branch_id, struct member **rows, struct fx_error *err)
{
    *rows = NULL;
    int64_t count = roster_member_count(db, branch_id);
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
    int n = 0;
    while (n < count && sqlite3_step(st) == SQLITE_ROW)
        read_member(st, &(*rows)[n++]);
    sqlite3_finalize(st);
    return n;
}

int64_t roster_member_count(sqlite3 *db, int64_t branch_id)
{
    int64_t n = -1;
    if (store_get_int(db, "SELECT count(*) FROM member WHERE active = 1 AND (?1 = 0 OR branch_id = ?1)",
                      STORE_ARGS(STORE_INT(branch_id)), &n, NULL))
        return -1;
    return n;
}
