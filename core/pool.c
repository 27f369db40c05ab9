/* pool.c — paged reads of teachers and venues for the pickers and the 菜单 sub-views, and rows read by id.
 * Keyset pagination on (name, id) so a county-sized pool costs one page per screen, like the member list. */
#include "pool.h"

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
    struct pool_teacher *row = p;
    read_teacher(st, &row->t);
    row->sessions = sqlite3_column_int(st, 9);
    row->hours = sqlite3_column_double(st, 10);
}

int pool_teacher_page(sqlite3 *db, int year, const char *query, const char *after_name, int64_t after_id,
                      struct pool_teacher *rows, int max, struct fx_error *err)
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

#define VENUE_COLS "v.id, v.uuid, v.name, v.kind, v.theme, v.address, v.capacity, v.guide"

static void read_venue(sqlite3_stmt *st, void *p)
{
    struct venue *v = p;
    memset(v, 0, sizeof *v);
    v->id = sqlite3_column_int64(st, 0);
    store_copy_column(v->uuid, sizeof v->uuid, st, 1);
    store_copy_column(v->name, sizeof v->name, st, 2);
    store_copy_column(v->kind, sizeof v->kind, st, 3);
    store_copy_column(v->theme, sizeof v->theme, st, 4);
    store_copy_column(v->address, sizeof v->address, st, 5);
    v->capacity = sqlite3_column_int(st, 6);
    store_copy_column(v->guide, sizeof v->guide, st, 7);
}

int pool_venue_page(sqlite3 *db, const char *query, const struct venue *after, struct venue *rows, int max,
                    struct fx_error *err)
{
    sqlite3_stmt *st;
    /* kind sorts 主阵地 first: the main site is what a branch thinks of first. */
    if (store_prepare(db,
                      "SELECT " VENUE_COLS " FROM venue v WHERE v.active = 1 "
                      "AND (?1 = '' OR fx_match(v.name, ?1) OR fx_match(v.theme, ?1) OR fx_match(v.address, ?1)) "
                      "AND (?3 = 0 OR (v.kind <> '主阵地', v.name, v.id) > (?5, ?2, ?3)) "
                      "ORDER BY v.kind <> '主阵地', v.name, v.id LIMIT ?4",
                      &st, err))
        return -1;
    sqlite3_bind_int(st, 5, after ? strcmp(after->kind, "主阵地") != 0 : 0);
    entity_bind_page(st, query, after ? after->name : "", after ? after->id : 0, max);
    return entity_read_rows(db, st, read_venue, rows, sizeof *rows, max, "读取场地", err);
}

int pool_get_teacher(sqlite3 *db, int64_t id, struct teacher *t, struct fx_error *err)
{
    return entity_get(db, "SELECT " TEACHER_COLS " FROM teacher t WHERE t.id = ?", id, read_teacher, t, "教师", err);
}

int pool_get_venue(sqlite3 *db, int64_t id, struct venue *v, struct fx_error *err)
{
    return entity_get(db, "SELECT " VENUE_COLS " FROM venue v WHERE v.id = ?", id, read_venue, v, "场地", err);
}
