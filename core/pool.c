/* pool.c — paged reads of teachers, venues and branches for the 菜单 screen's pickers and sub-views.
 * Keyset pagination on (name, id) so a county-sized pool costs one page per screen, like the member list. */
#include "pool.h"

#include <stdio.h>
#include <string.h>

#include "store.h"

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(dst, n, "%s", t ? (const char *)t : "");
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC);
}

#define TEACHER_COLS "t.id, t.uuid, t.name, t.employment, t.type, t.is_adviser, t.org, t.phone, t.topics"

static void read_teacher(sqlite3_stmt *st, struct teacher *t)
{
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(st, 0);
    copy_col(t->uuid, sizeof t->uuid, st, 1);
    copy_col(t->name, sizeof t->name, st, 2);
    copy_col(t->employment, sizeof t->employment, st, 3);
    copy_col(t->type, sizeof t->type, st, 4);
    t->is_adviser = sqlite3_column_int(st, 5);
    copy_col(t->org, sizeof t->org, st, 6);
    copy_col(t->phone, sizeof t->phone, st, 7);
    copy_col(t->topics, sizeof t->topics, st, 8);
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
    bind_text(st, 1, query);
    bind_text(st, 2, after_name);
    sqlite3_bind_int64(st, 3, after_id);
    sqlite3_bind_int(st, 4, max);
    bind_text(st, 5, from);
    bind_text(st, 6, to);
    int n = 0, rc;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_teacher(st, &rows[n].t);
        rows[n].sessions = sqlite3_column_int(st, 9);
        rows[n].hours = sqlite3_column_double(st, 10);
        n++;
    }
    sqlite3_finalize(st);
    return n;
}

#define VENUE_COLS "v.id, v.uuid, v.name, v.kind, v.theme, v.address, v.capacity, v.guide"

static void read_venue(sqlite3_stmt *st, struct venue *v)
{
    memset(v, 0, sizeof *v);
    v->id = sqlite3_column_int64(st, 0);
    copy_col(v->uuid, sizeof v->uuid, st, 1);
    copy_col(v->name, sizeof v->name, st, 2);
    copy_col(v->kind, sizeof v->kind, st, 3);
    copy_col(v->theme, sizeof v->theme, st, 4);
    copy_col(v->address, sizeof v->address, st, 5);
    v->capacity = sqlite3_column_int(st, 6);
    copy_col(v->guide, sizeof v->guide, st, 7);
}

int pool_venue_page(sqlite3 *db, const char *query, const struct venue *after, struct venue *rows, int max,
                    struct fx_error *err)
{
    sqlite3_stmt *st;
    /* kind sorts 主阵地 first: the main site is what a branch thinks of first. */
    if (store_prepare(db,
                      "SELECT " VENUE_COLS " FROM venue v WHERE v.active = 1 "
                      "AND (?1 = '' OR fx_match(v.name, ?1) OR fx_match(v.theme, ?1) OR fx_match(v.address, ?1)) "
                      "AND (?5 = 0 OR (v.kind <> '主阵地', v.name, v.id) > (?2, ?3, ?5)) "
                      "ORDER BY v.kind <> '主阵地', v.name, v.id LIMIT ?4",
                      &st, err))
        return -1;
    bind_text(st, 1, query);
    sqlite3_bind_int(st, 2, after ? strcmp(after->kind, "主阵地") != 0 : 0);
    bind_text(st, 3, after ? after->name : "");
    sqlite3_bind_int(st, 4, max);
    sqlite3_bind_int64(st, 5, after ? after->id : 0);
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW)
        read_venue(st, &rows[n++]);
    sqlite3_finalize(st);
    return n;
}

#define BRANCH_COLS "b.id, b.uuid, b.name, b.kind, b.secretary, b.phone"

static void read_branch(sqlite3_stmt *st, struct branch *b)
{
    memset(b, 0, sizeof *b);
    b->id = sqlite3_column_int64(st, 0);
    copy_col(b->uuid, sizeof b->uuid, st, 1);
    copy_col(b->name, sizeof b->name, st, 2);
    copy_col(b->kind, sizeof b->kind, st, 3);
    copy_col(b->secretary, sizeof b->secretary, st, 4);
    copy_col(b->phone, sizeof b->phone, st, 5);
}

int pool_branch_page(sqlite3 *db, const char *query, const char *after_name, int64_t after_id, struct branch *rows,
                     int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT " BRANCH_COLS " FROM branch b WHERE b.active = 1 AND (?1 = '' OR fx_match(b.name, ?1)) "
                      "AND (?3 = 0 OR (b.name, b.id) > (?2, ?3)) ORDER BY b.name, b.id LIMIT ?4",
                      &st, err))
        return -1;
    bind_text(st, 1, query);
    bind_text(st, 2, after_name);
    sqlite3_bind_int64(st, 3, after_id);
    sqlite3_bind_int(st, 4, max);
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW)
        read_branch(st, &rows[n++]);
    sqlite3_finalize(st);
    return n;
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

static void read_teacher_v(sqlite3_stmt *st, void *p)
{
    read_teacher(st, p);
}
static void read_venue_v(sqlite3_stmt *st, void *p)
{
    read_venue(st, p);
}
static void read_branch_v(sqlite3_stmt *st, void *p)
{
    read_branch(st, p);
}

int pool_get_teacher(sqlite3 *db, int64_t id, struct teacher *t, struct fx_error *err)
{
    return get_one(db, "SELECT " TEACHER_COLS " FROM teacher t WHERE t.id = ?", id, read_teacher_v, t, "教师", err);
}

int pool_get_venue(sqlite3 *db, int64_t id, struct venue *v, struct fx_error *err)
{
    return get_one(db, "SELECT " VENUE_COLS " FROM venue v WHERE v.id = ?", id, read_venue_v, v, "场地", err);
}

int pool_get_branch(sqlite3 *db, int64_t id, struct branch *b, struct fx_error *err)
{
    return get_one(db, "SELECT " BRANCH_COLS " FROM branch b WHERE b.id = ?", id, read_branch_v, b, "党组织", err);
}
