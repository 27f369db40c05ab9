/* course.c — the course menu: validate, save, read, retire, page, count per category.
 * Every change is one transaction with an audit record, or a savepoint inside the caller's. */
#include "course.h"

#include <math.h>
#include <stdlib.h>
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

/* The menu's order is (category order, module, title, id), and the category order lives in vocab, which no index
 * of course can hold: sorting by it read and sorted every course for each page (1,200 at county). So a page walks
 * the categories in that order and reads each through course_category, from the key on and only as many rows as
 * the page still needs: a page costs the same for 40 courses or 1,200. */

/* A category some course has, and its place in the menu (not in the vocab: 1000000, last, as COURSE_COLS says). */
struct menu_category {
    sqlite3_value *name; /* as stored, so that it binds back to exactly its courses */
    int ord;
};

/* Every category that has a course (or only the filter's), in the walk's order: the walk hops through
 * course_category from one category to the next, a seek each, never reading the courses between. */
#define SQL_MENU_CATEGORIES(order)                                                                                     \
    "WITH RECURSIVE cat(name) AS (SELECT min(category) FROM course UNION ALL "                                         \
    "SELECT (SELECT min(category) FROM course WHERE category > cat.name) FROM cat WHERE cat.name IS NOT NULL) "        \
    "SELECT cat.name, ifnull(k.ord, 1000000) FROM cat LEFT JOIN vocab k ON k.kind = 'category' AND k.name = cat.name " \
    "WHERE cat.name IS NOT NULL AND (?1 = '' OR cat.name = ?1) ORDER BY " order

static void menu_categories_free(struct menu_category *cats, int n)
{
    for (int i = 0; i < n; i++)
        sqlite3_value_free(cats[i].name);
    free(cats);
}

/* Fills *out, last first when backward (the caller frees it with menu_categories_free); returns how many, or -1
 * with err set. */
static int menu_categories(sqlite3 *db, const char *only, int backward, struct menu_category **out,
                           struct fx_error *err)
{
    sqlite3_stmt *st;
    *out = NULL;
    if (store_prepare(db, backward ? SQL_MENU_CATEGORIES("2 DESC, 1 DESC") : SQL_MENU_CATEGORIES("2, 1"), &st, err))
        return -1;
    entity_bind_text(st, 1, only);
    struct menu_category *cats = NULL;
    int n = 0, cap = 0, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            struct menu_category *more = realloc(cats, (size_t)(cap = cap ? 2 * cap : 16) * sizeof *cats);
            if (!more) {
                s = SQLITE_NOMEM;
                break;
            }
            cats = more;
        }
        if ((cats[n].name = sqlite3_value_dup(sqlite3_column_value(st, 0))) == NULL) {
            s = SQLITE_NOMEM;
            break;
        }
        cats[n++].ord = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE) {
        menu_categories_free(cats, n);
        store_fail(db, s, err, "读取培训菜单");
        return -1;
    }
    *out = cats;
    return n;
}

/* The courses of one category passing the filter, in the walk's direction, strictly beyond (module, title, id) of
 * the key, or from the category's first (last, backward) without one. Each reads course_category from where it
 * starts, and stops after the rows asked for. */
#define SQL_CATEGORY_PAGE                                                                                              \
    "SELECT " COURSE_COLS COURSE_FROM "WHERE c.category = ?1 AND (?2 = '' OR fx_match(c.title, ?2) "                   \
    "OR fx_match(c.module, ?2) OR fx_match(ifnull(t.name, ''), ?2)) AND (?3 = 1 OR c.retired = 0) "
#define SQL_UP   "ORDER BY c.module, c.title, c.id LIMIT ?7"
#define SQL_DOWN "ORDER BY c.module DESC, c.title DESC, c.id DESC LIMIT ?7"

/* A page's statements: prepared on first use and run again for each category, as preparing one costs more than
 * reading a page with it. */
struct category_reader {
    sqlite3 *db;
    const struct course_filter *f;
    int backward;
    sqlite3_stmt *st[2]; /* [0] from the category's start, [1] from the key */
};

static int category_page(struct category_reader *r, sqlite3_value *category, const struct course *after,
                         struct course *rows, int max, struct fx_error *err)
{
    static const char *const sql[2][2] = {
        {SQL_CATEGORY_PAGE SQL_UP, SQL_CATEGORY_PAGE "AND (c.module, c.title, c.id) > (?4, ?5, ?6) " SQL_UP},
        {SQL_CATEGORY_PAGE SQL_DOWN, SQL_CATEGORY_PAGE "AND (c.module, c.title, c.id) < (?4, ?5, ?6) " SQL_DOWN},
    };
    sqlite3_stmt **st = &r->st[after != NULL];
    if (!*st && store_prepare(r->db, sql[r->backward != 0][after != NULL], st, err))
        return -1;
    sqlite3_bind_value(*st, 1, category);
    entity_bind_text(*st, 2, r->f->query);
    sqlite3_bind_int(*st, 3, r->f->include_retired ? 1 : 0);
    if (after) {
        entity_bind_text(*st, 4, after->module);
        entity_bind_text(*st, 5, after->title);
        sqlite3_bind_int64(*st, 6, after->id);
    }
    sqlite3_bind_int(*st, 7, max);
    int n = 0, s = SQLITE_DONE;
    while (n < max && (s = sqlite3_step(*st)) == SQLITE_ROW)
        read_course(*st, rows + n++);
    sqlite3_reset(*st);
    if (n < max && s != SQLITE_DONE) {
        store_fail(r->db, s, err, "读取培训菜单");
        return -1;
    }
    return n;
}

/* Within one place of the order, (module, title, id) as SQLite's BINARY collation compares them. */
static int compare_within_place(const void *a, const void *b)
{
    const struct course *x = a, *y = b;
    int c = strcmp(x->module, y->module);
    if (!c)
        c = strcmp(x->title, y->title);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

static int compare_within_place_down(const void *a, const void *b)
{
    return compare_within_place(b, a);
}

/* Up to max courses of the ncats categories at one place of the order, beyond the key from (NULL: the place's
 * first). Categories share a place when the vocab was edited after courses were filed, and those not in the vocab
 * all sort at 1000000: their courses interleave by module, title and id, so each category gives up to max rows
 * and the first max of them all are kept. */
static int place_page(struct category_reader *r, const struct menu_category *cats, int ncats, const struct course *from,
                      struct course *rows, int max, struct fx_error *err)
{
    int got = category_page(r, cats[0].name, from, rows, max, err);
    if (got < 0 || ncats == 1)
        return got;
    struct course *all = malloc(2 * (size_t)max * sizeof *all);
    if (!all)
        return fx_fail(err, FX_EINTERNAL, "内存不足"), -1;
    for (int i = 1; i < ncats && got >= 0; i++) {
        memcpy(all, rows, (size_t)got * sizeof *all);
        int more = category_page(r, cats[i].name, from, all + got, max, err);
        if (more < 0) {
            got = -1;
            break;
        }
        qsort(all, (size_t)(got + more), sizeof *all, r->backward ? compare_within_place_down : compare_within_place);
        got = got + more < max ? got + more : max;
        memcpy(rows, all, (size_t)got * sizeof *rows);
    }
    free(all);
    return got;
}

int course_page(sqlite3 *db, const struct course_filter *f, const struct course *after, int backward,
                struct course *rows, int max, struct fx_error *err)
{
    static const struct course_filter none;
    if (!f)
        f = &none;
    if (after && !after->id) /* a key of id 0 is no key: the first page */
        after = NULL;
    struct menu_category *cats;
    int ncats = menu_categories(db, f->category, backward, &cats, err);
    if (ncats < 0)
        return -1;
    struct category_reader reader = {.db = db, .f = f, .backward = backward};
    int n = 0;
    for (int g = 0, end; g < ncats && n < max; g = end) {
        int ord = cats[g].ord;
        end = g + 1;
        while (end < ncats && cats[end].ord == ord)
            end++;
        /* A place before the key's has nothing on this page; the key's own place starts at the key. */
        if (after && (backward ? ord > after->category_ord : ord < after->category_ord))
            continue;
        int got = place_page(&reader, cats + g, end - g, after && ord == after->category_ord ? after : NULL, rows + n,
                             max - n, err);
        if (got < 0) {
            n = -1;
            break;
        }
        n += got;
    }
    sqlite3_finalize(reader.st[0]);
    sqlite3_finalize(reader.st[1]);
    menu_categories_free(cats, ncats);
    if (n > 0 && backward)
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
