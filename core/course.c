/* course.c — the course menu: validate, save, read, retire, page, count per category.
 * Every change is one transaction with an audit record, or a savepoint inside the caller's. */
#include "course.h"

#include <math.h>
#include <string.h>

#include "entity.h"
#include "store.h"
#include "text.h"
#include "vocab.h"

/* Titles are often typed with the book-title marks; the menu stores the bare title. */
static void strip_title_marks(char *title)
{
    static const char open[] = "《", close[] = "》";
    text_trim(title);
    size_t n = strlen(title), lo = sizeof open - 1, lc = sizeof close - 1;
    if (n >= lo + lc && !strncmp(title, open, lo) && !strcmp(title + n - lc, close)) {
        title[n - lc] = '\0';
        memmove(title, title + lo, n - lc - lo + 1);
        text_trim(title);
    }
}

#define COURSE_JSON "SELECT * FROM course WHERE id = ?"

#define COURSE_COLS                                                                                                    \
    "c.id, c.uuid, c.title, c.category, c.module, c.format, ifnull(c.teacher_id, 0), ifnull(c.venue_id, 0), "          \
    "c.hours, c.description, c.featured, c.retired, ifnull(t.name, ''), ifnull(v.name, ''), "                          \
    "ifnull(k.ord, 1000000) "
#define COURSE_FROM                                                                                                    \
    "FROM course c LEFT JOIN vocab k ON k.kind = 'category' AND k.name = c.category "                                  \
    "LEFT JOIN teacher t ON t.id = c.teacher_id LEFT JOIN venue v ON v.id = c.venue_id "

/* The columns of COURSE_COLS, in order: COURSE_SAVED of them from title on are what a save writes. */
static const struct entity_col course_cols[] = {
    ENTITY_COL(struct course, id),           ENTITY_COL(struct course, uuid),
    ENTITY_COL(struct course, title),        ENTITY_COL(struct course, category),
    ENTITY_COL(struct course, module),       ENTITY_COL(struct course, format),
    ENTITY_REF(struct course, teacher_id),   ENTITY_REF(struct course, venue_id),
    ENTITY_COL(struct course, hours),        ENTITY_COL(struct course, description),
    ENTITY_COL(struct course, featured),     ENTITY_COL(struct course, retired),
    ENTITY_COL(struct course, teacher),      ENTITY_COL(struct course, venue),
    ENTITY_COL(struct course, category_ord),
};
#define COURSE_SAVED 9

int course_validate(sqlite3 *db, const struct course *c, struct fx_error *err)
{
    char title[sizeof c->title];
    text_copy(title, sizeof title, c->title);
    strip_title_marks(title);
    if (!title[0])
        return fx_fail_field(err, FX_EINPUT, "title", "课程名称不能为空");
    int rc = text_check_fields(err, TEXT_RULES({"title", "课程名称", c->title, FX_TITLE_CHARS, 0},
                                               {"module", "模块", c->module, FX_PLACE_CHARS, 0},
                                               {"description", "简介", c->description, FX_DESC_CHARS, 0}));
    if (rc)
        return rc;
    if ((rc = vocab_check(db, "category", c->category, err)) || (rc = vocab_check(db, "format", c->format, err)))
        return rc;
    if (!(c->hours >= 0 && c->hours <= 24) || isnan(c->hours))
        return fx_fail_field(err, FX_EINPUT, "hours", "学时应在 0 到 24 之间");
    /* A failed query is the ledger's error, never "does not exist". */
    bool found = true;
    if (c->teacher_id && (rc = store_exists(db, "SELECT 1 FROM teacher WHERE id = ?1",
                                            STORE_ARGS(STORE_INT(c->teacher_id)), &found, err)) != 0)
        return rc;
    if (!found)
        return fx_fail_field(err, FX_EINPUT, "teacher", "教师不存在（编号 %lld）", (long long)c->teacher_id);
    if (c->venue_id && (rc = store_exists(db, "SELECT 1 FROM venue WHERE id = ?1", STORE_ARGS(STORE_INT(c->venue_id)),
                                          &found, err)) != 0)
        return rc;
    if (!found)
        return fx_fail_field(err, FX_EINPUT, "venue", "场地不存在（编号 %lld）", (long long)c->venue_id);
    return 0;
}

int course_save(sqlite3 *db, struct course *c, struct fx_error *err)
{
    int rc = course_validate(db, c, err);
    if (rc)
        return rc;
    strip_title_marks(c->title);
    text_trim(c->module);
    c->featured = c->featured != 0;
    return entity_save(db, "course", "课程",
                       c->id ? "UPDATE course SET title=?2, category=?3, module=?4, format=?5, teacher_id=?6, "
                               "venue_id=?7, hours=?8, description=?9, featured=?10, "
                               "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1"
                             : "INSERT INTO course (title, category, module, format, teacher_id, venue_id, hours, "
                               "description, featured, uuid, unit_id) "
                               "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, :uuid, :unit)",
                       COURSE_JSON, course_cols + 2, COURSE_SAVED, c, &c->id, c->uuid, err);
}

static void read_course(sqlite3_stmt *st, void *row)
{
    entity_read_cols(st, 0, course_cols, ENTITY_NCOLS(course_cols), row);
}

int course_get(sqlite3 *db, int64_t id, struct course *c, struct fx_error *err)
{
    return entity_get(db, "SELECT " COURSE_COLS COURSE_FROM "WHERE c.id = ?", id, read_course, c, "课程", err);
}

static int set_retired(sqlite3 *db, int64_t id, int retired, struct fx_error *err)
{
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    struct course c;
    char *before = NULL;
    sqlite3_stmt *st;
    if ((rc = course_get(db, id, &c, err)) == 0 && c.retired == retired)
        rc = fx_fail(err, FX_EINPUT, retired ? "课程 %lld 已经停用" : "课程 %lld 没有停用，无需恢复", (long long)id);
    if (!rc && (before = store_row_json(db, COURSE_JSON, id)) == NULL)
        rc = fx_fail(err, FX_EINTERNAL, "读取课程失败（编号 %lld）", (long long)id);
    if (!rc && (rc = store_prepare(db,
                                   "UPDATE course SET retired = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
                                   "WHERE id = ?1",
                                   &st, err)) == 0) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, retired);
        int s = sqlite3_step(st);
        sqlite3_finalize(st);
        if (s != SQLITE_DONE)
            rc = store_fail(db, s, err, retired ? "停用课程" : "恢复课程");
    }
    if (!rc)
        rc = entity_audit(db, "course", retired ? "retire" : "restore", COURSE_JSON, id, c.uuid, before, err);
    sqlite3_free(before);
    return store_end(db, rc, err);
}

int course_retire(sqlite3 *db, int64_t id, struct fx_error *err)
{
    return set_retired(db, id, 1, err);
}

int course_restore(sqlite3 *db, int64_t id, struct fx_error *err)
{
    return set_retired(db, id, 0, err);
}

#define COURSE_WHERE                                                                                                   \
    "WHERE (?1 = '' OR c.category = ?1) AND (?2 = '' OR fx_match(c.title, ?2) OR fx_match(c.module, ?2) "              \
    "OR fx_match(ifnull(t.name, ''), ?2)) AND (?3 = 1 OR c.retired = 0) "

int course_page(sqlite3 *db, const struct course_filter *f, const struct course *after, int backward,
                struct course *rows, int max, struct fx_error *err)
{
    static const struct course_filter none;
    if (!f)
        f = &none;
    const char *sql = backward ? "SELECT " COURSE_COLS COURSE_FROM COURSE_WHERE
                                 "AND (?7 = 0 OR (ifnull(k.ord, 1000000), c.module, c.title, c.id) < (?4, ?5, ?6, ?7)) "
                                 "ORDER BY ifnull(k.ord, 1000000) DESC, c.module DESC, c.title DESC, c.id DESC LIMIT ?8"
                               : "SELECT " COURSE_COLS COURSE_FROM COURSE_WHERE
                                 "AND (?7 = 0 OR (ifnull(k.ord, 1000000), c.module, c.title, c.id) > (?4, ?5, ?6, ?7)) "
                                 "ORDER BY ifnull(k.ord, 1000000), c.module, c.title, c.id LIMIT ?8";
    sqlite3_stmt *st;
    if (store_prepare(db, sql, &st, err))
        return -1;
    entity_bind_text(st, 1, f->category);
    entity_bind_text(st, 2, f->query);
    sqlite3_bind_int(st, 3, f->include_retired ? 1 : 0);
    sqlite3_bind_int(st, 4, after ? after->category_ord : 0);
    entity_bind_text(st, 5, after ? after->module : "");
    entity_bind_text(st, 6, after ? after->title : "");
    sqlite3_bind_int64(st, 7, after ? after->id : 0);
    sqlite3_bind_int(st, 8, max);
    int n = entity_read_rows(db, st, read_course, rows, sizeof *rows, max, "读取培训菜单", err);
    if (backward)
        entity_reverse_rows(rows, n, sizeof *rows);
    return n;
}

static const struct entity_col count_cols[] = {
    ENTITY_COL(struct course_count, category), ENTITY_COL(struct course_count, courses),
    ENTITY_COL(struct course_count, featured), ENTITY_COL(struct course_count, retired)};

static void read_count(sqlite3_stmt *st, void *row)
{
    entity_read_cols(st, 0, count_cols, ENTITY_NCOLS(count_cols), row);
}

int course_count_by_category(sqlite3 *db, struct course_count *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      /* One walk of each category's courses (course_category), not three: a county menu
                       * has 1,200 courses (issue 22). A category without courses has a NULL row: 0. */
                      "SELECT k.name, coalesce(sum(c.retired = 0), 0), "
                      "coalesce(sum(c.retired = 0 AND c.featured = 1), 0), coalesce(sum(c.retired = 1), 0) "
                      "FROM vocab k LEFT JOIN course c ON c.category = k.name WHERE k.kind = 'category' "
                      "GROUP BY k.ord, k.name ORDER BY k.ord, k.name",
                      &st, err))
        return -1;
    return entity_read_rows(db, st, read_count, rows, sizeof *rows, max, "统计培训菜单", err);
}

void course_count_sum(const struct course_count *rows, int n, struct course_count *total)
{
    memset(total, 0, sizeof *total);
    text_copy(total->category, sizeof total->category, "合计");
    for (int i = 0; i < n; i++) {
        total->courses += rows[i].courses;
        total->featured += rows[i].featured;
        total->retired += rows[i].retired;
    }
}
