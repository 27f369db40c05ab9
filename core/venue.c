/* venue.c — the venues: save, read by id, page, find.
 * Keyset pagination, so a county-sized list costs one page per screen, like the member list. */
#include "venue.h"

#include <string.h>

#include "entity.h"
#include "text_limits.h"
#include "store.h"
#include "text.h"

#define VENUE_COLS "v.id, v.uuid, v.name, v.kind, v.theme, v.address, v.capacity, v.guide"

/* The columns of VENUE_COLS, in order; from name on, the columns a save writes. */
static const struct entity_col venue_cols[] = {
    ENTITY_COL(struct venue, id),       ENTITY_COL(struct venue, uuid),  ENTITY_COL(struct venue, name),
    ENTITY_COL(struct venue, kind),     ENTITY_COL(struct venue, theme), ENTITY_COL(struct venue, address),
    ENTITY_COL(struct venue, capacity), ENTITY_COL(struct venue, guide),
};

static void read_venue(sqlite3_stmt *st, void *row)
{
    entity_read_cols(st, 0, venue_cols, ENTITY_NCOLS(venue_cols), row);
}

int venue_page(sqlite3 *db, const char *query, const struct venue *after, struct venue *rows, int max,
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

int venue_get(sqlite3 *db, int64_t id, struct venue *v, struct fx_error *err)
{
    return entity_get(db, "SELECT " VENUE_COLS " FROM venue v WHERE v.id = ?", id, read_venue, v, "场地", err);
}

int venue_save(sqlite3 *db, struct venue *v, struct fx_error *err)
{
    if (entity_check_name(v->name, "场地名称", FX_PLACE_CHARS, err) ||
        text_check_fields(err, TEXT_RULES({"theme", "主题", v->theme, FX_LINE_CHARS, 0},
                                          {"address", "地址", v->address, FX_LINE_CHARS, 0},
                                          {"guide", "讲解员", v->guide, FX_PERSON_CHARS, 0})))
        return FX_EINPUT;
    if (!v->kind[0])
        text_copy(v->kind, sizeof v->kind, "主阵地");
    if (strcmp(v->kind, "主阵地") && strcmp(v->kind, "教学点"))
        return fx_fail_field(err, FX_EINPUT, "kind", "场地类型应为“主阵地”或“教学点”");
    if (v->capacity < 0)
        return fx_fail_field(err, FX_EINPUT, "capacity", "容纳人数不能为负");
    return entity_save(db, "venue", "场地",
                       v->id ? "UPDATE venue SET name=?2, kind=?3, theme=?4, address=?5, capacity=?6, guide=?7, "
                               "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1"
                             : "INSERT INTO venue (name, kind, theme, address, capacity, guide, uuid, unit_id) "
                               "VALUES (?2, ?3, ?4, ?5, ?6, ?7, :uuid, :unit)",
                       "SELECT * FROM venue WHERE id = ?", venue_cols + 2, ENTITY_NCOLS(venue_cols) - 2, v, &v->id,
                       v->uuid, err);
}

int venue_find(sqlite3 *db, const char *key, int64_t *id, struct fx_error *err)
{
    return entity_find(db, "SELECT id, kind FROM venue WHERE id = ?",
                       "SELECT id, kind FROM venue WHERE name = ? AND active = 1 ORDER BY id", "场地", key, id, NULL,
                       err);
}
