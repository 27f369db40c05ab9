/* course.h — the course menu (培训菜单): courses by content category and module, saved with an audit record, read
 * by id, a page at a time in the menu's order, retired and restored (never deleted), counted per category. */
#ifndef FX_COURSE_H
#define FX_COURSE_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"
#include "text_limits.h"

struct course {
    int64_t id; /* 0 for a new course; set by course_save */
    char uuid[37];
    char title[FX_TEXT_BYTES(FX_TITLE_CHARS)]; /* without 《》 */
    char category[64];  /* one of the seven content categories (vocab) */
    char module[FX_TEXT_BYTES(FX_PLACE_CHARS)]; /* 模块, free text, "" = none */
    char format[64];    /* vocab format */
    int64_t teacher_id; /* usual teacher, 0 = none */
    int64_t venue_id;   /* usual venue, 0 = none */
    double hours;       /* 学时, 0–24 */
    char description[FX_TEXT_BYTES(FX_DESC_CHARS)];
    int featured; /* 精品课 */
    int retired;  /* 停用: not offered for ordering; set with course_retire */
    /* Filled by reads, ignored by saves: */
    char teacher[101];
    char venue[201];
    int category_ord; /* the category's place in vocab order (keyset key) */
};

/* Check a course before saving; err->field names the field at fault
 * ("title", "category", "format", "hours", "teacher", "venue"). */
int course_validate(sqlite3 *db, const struct course *c, struct fx_error *err);

/* Insert (id 0) or update a course with an audit record: one transaction, or
 * a savepoint inside the caller's transaction. Fills id and uuid. The retired
 * flag is not changed by a save. */
int course_save(sqlite3 *db, struct course *c, struct fx_error *err);

/* Read one course (also a retired one). Unknown id: FX_ENOTFOUND. */
int course_get(sqlite3 *db, int64_t id, struct course *c, struct fx_error *err);

/* Retire a course (never deleted): it is no longer offered for ordering, and
 * sessions already held keep their own title. course_restore undoes it. */
int course_retire(sqlite3 *db, int64_t id, struct fx_error *err);
int course_restore(sqlite3 *db, int64_t id, struct fx_error *err);

struct course_filter {
    char category[64]; /* "" = all categories */
    char query[128];   /* title, module or teacher: text or pinyin initials */
    int include_retired;
};

/* One page of courses ordered by (category order, module, title, id), strictly
 * after the key of *after (NULL: from the start); with backward != 0 the page
 * before *after, still returned in forward order. Returns rows filled (≤ max)
 * or -1 with err set. A page costs what max does, not what the number of
 * courses does (a query text reads on until max courses match it). */
int course_page(sqlite3 *db, const struct course_filter *f, const struct course *after, int backward,
                struct course *rows, int max, struct fx_error *err);

struct course_count {
    char category[64];
    int courses;  /* courses offered (not retired) */
    int featured; /* of which 精品 */
    int retired;  /* retired courses, counted apart */
};

/* Courses per content category, every category of the vocab in its order
 * (zero counts included). Returns the number of rows (≤ max) or -1. */
int course_count_by_category(sqlite3 *db, struct course_count *rows, int max, struct fx_error *err);
/* The n rows added up into *total (its category "合计"): the 菜单 screen's 合计, 精品 and 停用. */
void course_count_sum(const struct course_count *rows, int n, struct course_count *total);

#endif
