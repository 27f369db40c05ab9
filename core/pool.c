/* pool.c — paged reads of teachers and venues for the pickers and the 菜单 sub-views, and rows read by id.
 * Keyset pagination on (name, id) so a county-sized pool costs one page per screen, like the member list. */
#include "pool.h"

#include <stdio.h>
#include <string.h>

#include "store.h"

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC);
}

#define TEACHER_COLS "t.id, t.uuid, t.name, t.employment, t.type, t.is_adviser, t.org, t.phone, t.topics"

/* The row readers take void * so that read_page and get_one can call any of them. */
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

/* The pages' shared tail: ?1 the query, ?2 and ?3 the (name, id) key the page starts after (id 0: from the first),
 * ?4 the page size, then the rows read by read into rows, row_size bytes apart. Binds past ?4 are the caller's. */
static int read_page(sqlite3_stmt *st, const char *query, const char *after_name, int64_t after_id, int max,
                     void (*read)(sqlite3_stmt *, void *), void *rows, size_t row_size)
{
    bind_text(st, 1, query);
    bind_text(st, 2, after_name);
    sqlite3_bind_int64(st, 3, after_id);
    sqlite3_bind_int(st, 4, max);
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW)
        read(st, (char *)rows + (size_t)n++ * row_size);
    sqlite3_finalize(st);
    return n;
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
    bind_text(st, 5, from);
    bind_text(st, 6, to);
    return read_page(st, query, after_name, after_id, max, read_pool_teacher, rows, sizeof *rows);
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
    return read_page(st, query, after ? after->name : "", after ? after->id : 0, max, read_venue, rows, sizeof *rows);
}

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

/* One row by id through sql; read fills the struct. */
static int get_one(sqlite3 *db, const char *sql, int64_t id, void (*read)(sqlite3_stmt *, void *), void *out,
                   const char *what, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db, sql, &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read(st, out);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : fx_fail(err, FX_ENOTFOUND, "找不到编号为 %lld 的%s", (long long)id, what);
}

int pool_get_teacher(sqlite3 *db, int64_t id, struct teacher *t, struct fx_error *err)
{
    return get_one(db, "SELECT " TEACHER_COLS " FROM teacher t WHERE t.id = ?", id, read_teacher, t, "教师", err);
}

int pool_get_venue(sqlite3 *db, int64_t id, struct venue *v, struct fx_error *err)
{
    return get_one(db, "SELECT " VENUE_COLS " FROM venue v WHERE v.id = ?", id, read_venue, v, "场地", err);
}

int pool_get_branch(sqlite3 *db, int64_t id, struct branch *b, struct fx_error *err)
{
    return get_one(db, "SELECT " BRANCH_COLS " FROM branch b WHERE b.id = ?", id, read_branch, b, "党组织", err);
}
