/* teacher.c — the teacher pool: save, read by id, page, find, and the year's workload.
 * Keyset pagination on (name, id) so a county-sized pool costs one page per screen, like the member list. */
#include "teacher.h"

#include <stdio.h>
#include <string.h>

#include "entity.h"
#include "store.h"

#define TEACHER_COLS "t.id, t.uuid, t.name, t.employment, t.type, t.is_adviser, t.org, t.phone, t.topics"

/* The row readers take void * so that entity_read_rows and entity_get can call any of them. */
static void read_teacher(sqlite3_stmt *st, void *p)
{
    struct teacher *t = p;
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(st, 0);
    store_copy_column(t->uuid, sizeof t->uuid, st, 1);
    store_copy_column(t->name, sizeof t->name, st, 2);
    store_copy_column(t->employment, sizeof t->employment, st, 3);
    store_copy_column(t->type, sizeof t->type, st, 4);
    t->is_adviser = sqlite3_column_int(st, 5);
    store_copy_column(t->org, sizeof t->org, st, 6);
    store_copy_column(t->phone, sizeof t->phone, st, 7);
    store_copy_column(t->topics, sizeof t->topics, st, 8);
}

static void read_pool_teacher(sqlite3_stmt *st, void *p)
{
    struct teacher_row *row = p;
    read_teacher(st, &row->t);
    row->sessions = sqlite3_column_int(st, 9);
    row->hours = sqlite3_column_double(st, 10);
}

int teacher_save(sqlite3 *db, struct teacher *t, struct fx_error *err)
{
    if (entity_check_name(t->name, "教师姓名", err))
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
        entity_bind_text(st, 2, t->name);
        entity_bind_text(st, 3, t->employment);
        entity_bind_text(st, 4, t->type);
        sqlite3_bind_int(st, 5, t->is_adviser ? 1 : 0);
        entity_bind_text(st, 6, t->org);
        entity_bind_text(st, 7, t->phone);
        entity_bind_text(st, 8, t->topics);
        if (!t->id) {
            entity_bind_text(st, 9, t->uuid);
            sqlite3_bind_int64(st, 10, store_unit_id(db));
        }
        rc = entity_save_row(db, "teacher", "SELECT * FROM teacher WHERE id = ?", &t->id, t->uuid, st, err);
        sqlite3_finalize(st);
    }
    return store_end(db, rc, err);
}

int teacher_find(sqlite3 *db, const char *key, int64_t *id, struct fx_error *err)
{
    return entity_find(db, "SELECT id, org FROM teacher WHERE id = ?",
                       "SELECT id, org FROM teacher WHERE name = ? AND active = 1 ORDER BY id", "教师", key, id, NULL,
                       err);
}

int teacher_get(sqlite3 *db, int64_t id, struct teacher *t, struct fx_error *err)
{
    return entity_get(db, "SELECT " TEACHER_COLS " FROM teacher t WHERE t.id = ?", id, read_teacher, t, "教师", err);
}

int teacher_page(sqlite3 *db, int year, const char *query, const char *after_name, int64_t after_id,
                 struct teacher_row *rows, int max, struct fx_error *err)
{
    char from[11], to[11];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    sqlite3_stmt *st;
    /* Counted per row of the page only, so a long pool costs what the screen shows. */
    if (store_prepare(db,
                      "SELECT " TEACHER_COLS ", "
                      "(SELECT count(*) FROM session s WHERE s.teacher_id = t.id AND s.voided = 0 "
                      "  AND s.date BETWEEN ?5 AND ?6), "
                      "(SELECT ifnull(sum(s.hours), 0) FROM session s WHERE s.teacher_id = t.id AND s.voided = 0 "
                      "  AND s.date BETWEEN ?5 AND ?6) "
                      "FROM teacher t WHERE t.active = 1 "
                      "AND (?1 = '' OR fx_match(t.name, ?1) OR fx_match(t.org, ?1) OR fx_match(t.topics, ?1)) "
                      "AND (?3 = 0 OR (t.name, t.id) > (?2, ?3)) ORDER BY t.name, t.id LIMIT ?4",
                      &st, err))
        return -1;
    entity_bind_page(st, query, after_name, after_id, max);
    entity_bind_text(st, 5, from);
    entity_bind_text(st, 6, to);
    return entity_read_rows(db, st, read_pool_teacher, rows, sizeof *rows, max, "读取师资库", err);
}

int teacher_workload(sqlite3 *db, int year, struct teacher_load *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT t.id, t.name, count(s.id), ifnull(sum(s.hours), 0) FROM teacher t "
                      "LEFT JOIN session s ON s.teacher_id = t.id AND s.voided = 0 AND s.date BETWEEN ?1 AND ?2 "
                      "WHERE t.active = 1 GROUP BY t.id ORDER BY count(s.id) DESC, t.name, t.id LIMIT ?3",
                      &st, err))
        return -1;
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, max);
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        struct teacher_load *r = &rows[n++];
        r->teacher_id = sqlite3_column_int64(st, 0);
        store_copy_column(r->name, sizeof r->name, st, 1);
        r->sessions = sqlite3_column_int(st, 2);
        r->hours = sqlite3_column_double(st, 3);
    }
    sqlite3_finalize(st);
    return n;
}
