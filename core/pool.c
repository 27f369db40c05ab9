/* pool.c — paged reads of the venues for the pickers and the 菜单 sub-views, and a venue read by id.
 * Keyset pagination, so a county-sized list costs one page per screen, like the member list. */
#include "pool.h"

#include <stdio.h>
#include <string.h>

#include "entity.h"
#include "store.h"

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

int pool_get_venue(sqlite3 *db, int64_t id, struct venue *v, struct fx_error *err)
{
    return entity_get(db, "SELECT " VENUE_COLS " FROM venue v WHERE v.id = ?", id, read_venue, v, "场地", err);
}
