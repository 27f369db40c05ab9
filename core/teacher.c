/* teacher.c — the teacher pool: save, read by id, page, find, and the year's workload.
 * Keyset pagination on (name, id) so a county-sized pool costs one page per screen, like the member list. */
#include "teacher.h"

#include <string.h>

#include "date.h"
#include "entity.h"
#include "text_limits.h"
#include "store.h"
#include "text.h"

#define TEACHER_COLS "t.id, t.uuid, t.name, t.employment, t.type, t.is_adviser, t.org, t.phone, t.topics"

/* The columns of TEACHER_COLS, in order; from name on, the columns a save writes. */
static const struct entity_col teacher_cols[] = {
    ENTITY_COL(struct teacher, id),         ENTITY_COL(struct teacher, uuid),  ENTITY_COL(struct teacher, name),
    ENTITY_COL(struct teacher, employment), ENTITY_COL(struct teacher, type),  ENTITY_COL(struct teacher, is_adviser),
    ENTITY_COL(struct teacher, org),        ENTITY_COL(struct teacher, phone), ENTITY_COL(struct teacher, topics),
};

static void read_teacher(sqlite3_stmt *st, void *row)
{
    entity_read_cols(st, 0, teacher_cols, ENTITY_NCOLS(teacher_cols), row);
}

/* TEACHER_COLS, then the year's sessions and hours. */
static const struct entity_col year_cols[] = {
    ENTITY_COL(struct teacher_row, sessions), ENTITY_COL(struct teacher_row, hours),
    ENTITY_COL(struct teacher_row, present), ENTITY_COL(struct teacher_row, satisfied),
    ENTITY_COL(struct teacher_row, forms), ENTITY_COL(struct teacher_row, sort_value)};

static void read_teacher_row(sqlite3_stmt *st, void *p)
{
    struct teacher_row *r = p;
    read_teacher(st, &r->t);
    entity_read_cols(st, ENTITY_NCOLS(teacher_cols), year_cols, ENTITY_NCOLS(year_cols), r);
}

int teacher_save(sqlite3 *db, struct teacher *t, struct fx_error *err)
{
    if (entity_check_name(t->name, "教师姓名", FX_PERSON_CHARS, err) ||
        text_check_fields(err, TEXT_RULES({"org", "工作单位", t->org, FX_PLACE_CHARS, 0},
                                          {"phone", "联系电话", t->phone, FX_PHONE_CHARS, 0},
                                          {"topics", "擅长专题", t->topics, FX_LINE_CHARS, 0})))
        return FX_EINPUT;
    if (!t->employment[0])
        text_copy(t->employment, sizeof t->employment, "兼职");
    if (!t->type[0])
        text_copy(t->type, sizeof t->type, "专家型");
    if (strcmp(t->employment, "专职") && strcmp(t->employment, "兼职"))
        return fx_fail_field(err, FX_EINPUT, "employment", "应为“专职”或“兼职”");
    if (strcmp(t->type, "领导型") && strcmp(t->type, "榜样型") && strcmp(t->type, "专家型"))
        return fx_fail_field(err, FX_EINPUT, "type", "教师类型应为 领导型、榜样型 或 专家型");
    t->is_adviser = t->is_adviser != 0;
    return entity_save(db, "teacher", "教师",
                       t->id ? "UPDATE teacher SET name=?2, employment=?3, type=?4, is_adviser=?5, org=?6, phone=?7, "
                               "topics=?8, updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1"
                             : "INSERT INTO teacher (name, employment, type, is_adviser, org, phone, topics, uuid, "
                               "unit_id) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, :uuid, :unit)",
                       "SELECT * FROM teacher WHERE id = ?", teacher_cols + 2, ENTITY_NCOLS(teacher_cols) - 2, t,
                       &t->id, t->uuid, err);
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

const char *teacher_sort_label(int sort)
{
    static const char *const labels[TEACHER_NSORTS] = {"姓名", "期数", "学时", "人次", "满意度"};
    return sort >= 0 && sort < TEACHER_NSORTS ? labels[sort] : labels[0];
}

int teacher_page_sorted(sqlite3 *db, int year, const char *query, int sort, const struct teacher_row *after,
                        struct teacher_row *rows, int max, struct fx_error *err)
{
    struct fx_period y;
    period_make(PERIOD_YEAR, year, 0, &y);
    sqlite3_stmt *st;
    /* The pool's figures, then a keyset on (the sort's figure descending, name, id): a pool is a few hundred
     * teachers at most, so the year is grouped whole and the page cut from it. */
    if (store_prepare(db,
                      "SELECT * FROM (SELECT *, "
                      "CASE ?7 WHEN 1 THEN y_sessions WHEN 2 THEN y_hours WHEN 3 THEN y_present "
                      "WHEN 4 THEN CASE WHEN y_forms > 0 THEN 1.0 * y_satisfied / y_forms ELSE -1 END ELSE 0 END AS k "
                      "FROM (SELECT " TEACHER_COLS ", " TEACHER_SQL_FIGURES " FROM teacher t "
                      TEACHER_SQL_PERIOD_JOIN("?5", "?6")
                      "WHERE t.active = 1 "
                      "AND (?1 = '' OR fx_match(t.name, ?1) OR fx_match(t.org, ?1) OR fx_match(t.topics, ?1)) "
                      "GROUP BY t.id)) "
                      "WHERE ?3 = 0 OR k < ?8 OR (k = ?8 AND (name, id) > (?2, ?3)) ORDER BY k DESC, name, id LIMIT ?4",
                      &st, err))
        return -1;
    entity_bind_page(st, query, after ? after->t.name : "", after ? after->t.id : 0, max);
    entity_bind_text(st, 5, y.from);
    entity_bind_text(st, 6, y.to);
    sqlite3_bind_int(st, 7, sort);
    sqlite3_bind_double(st, 8, after ? after->sort_value : 0);
    return entity_read_rows(db, st, read_teacher_row, rows, sizeof *rows, max, "读取师资库", err);
}

int teacher_page(sqlite3 *db, int year, const char *query, const char *after_name, int64_t after_id,
                 struct teacher_row *rows, int max, struct fx_error *err)
{
    struct teacher_row after;
    memset(&after, 0, sizeof after);
    text_copy(after.t.name, sizeof after.t.name, after_name ? after_name : "");
    after.t.id = after_id;
    return teacher_page_sorted(db, year, query, TEACHER_SORT_NAME, after_id > 0 ? &after : NULL, rows, max, err);
}

static const struct entity_col load_cols[] = {
    ENTITY_COL(struct teacher_load, teacher_id), ENTITY_COL(struct teacher_load, name),
    ENTITY_COL(struct teacher_load, sessions), ENTITY_COL(struct teacher_load, hours)};

static void read_load(sqlite3_stmt *st, void *row)
{
    entity_read_cols(st, 0, load_cols, ENTITY_NCOLS(load_cols), row);
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
    struct fx_period y;
    period_make(PERIOD_YEAR, year, 0, &y);
    entity_bind_text(st, 1, y.from);
    entity_bind_text(st, 2, y.to);
    sqlite3_bind_int(st, 3, max);
    return entity_read_rows(db, st, read_load, rows, sizeof *rows, max, "统计教师工作量", err);
}
