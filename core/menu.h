/* menu.h — the course menu (培训菜单) and ordering (点单): courses by content
 * category and module, orders from branches, and their delivery as ledger sessions. */
#ifndef FX_MENU_H
#define FX_MENU_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"
#include "ledger.h"

struct course {
    int64_t id; /* 0 for a new course; set by menu_save_course */
    char uuid[37];
    char title[201];    /* without 《》 */
    char category[64];  /* one of the seven content categories (vocab) */
    char module[64];    /* 模块, free text, "" = none */
    char format[64];    /* vocab format */
    int64_t teacher_id; /* usual teacher, 0 = none */
    int64_t venue_id;   /* usual venue, 0 = none */
    double hours;       /* 学时, 0–24 */
    char description[512];
    int featured; /* 精品课 */
    int retired;  /* 停用: not offered for ordering; set with menu_retire_course */
    /* Filled by reads, ignored by saves: */
    char teacher[101];
    char venue[201];
    int category_ord; /* the category's place in vocab order (keyset key) */
};

/* Check a course before saving; err->field names the field at fault
 * ("title", "category", "format", "hours", "teacher", "venue"). */
int menu_validate_course(sqlite3 *db, const struct course *c, struct fx_error *err);

/* Insert (id 0) or update a course with an audit record: one transaction, or
 * a savepoint inside the caller's transaction. Fills id and uuid. The retired
 * flag is not changed by a save. */
int menu_save_course(sqlite3 *db, struct course *c, struct fx_error *err);

/* Read one course (also a retired one). Unknown id: FX_ENOTFOUND. */
int menu_get_course(sqlite3 *db, int64_t id, struct course *c, struct fx_error *err);

/* Retire a course (never deleted): it is no longer offered for ordering, and
 * sessions already held keep their own title. menu_restore_course undoes it. */
int menu_retire_course(sqlite3 *db, int64_t id, struct fx_error *err);
int menu_restore_course(sqlite3 *db, int64_t id, struct fx_error *err);

struct menu_filter {
    char category[64]; /* "" = all categories */
    char query[128];   /* title, module or teacher: text or pinyin initials */
    int include_retired;
};

/* One page of courses ordered by (category order, module, title, id), strictly
 * after the key of *after (NULL: from the start); with backward != 0 the page
 * before *after, still returned in forward order. Returns rows filled (≤ max)
 * or -1 with err set. */
int menu_course_page(sqlite3 *db, const struct menu_filter *f, const struct course *after, int backward,
                     struct course *rows, int max, struct fx_error *err);

struct menu_count {
    char category[64];
    int courses;  /* courses offered (not retired) */
    int featured; /* of which 精品 */
    int retired;  /* retired courses, counted apart */
};

/* Courses per content category, every category of the vocab in its order
 * (zero counts included). Returns the number of rows (≤ max) or -1. */
int menu_category_counts(sqlite3 *db, struct menu_count *rows, int max, struct fx_error *err);
/* The n rows added up into *total (its category "合计"): the 菜单 screen's 合计, 精品 and 停用. */
void menu_counts_total(const struct menu_count *rows, int n, struct menu_count *total);

/* Order states, as stored in course_order.state. */
#define ORDER_PLACED    "已点单"
#define ORDER_SCHEDULED "已排课"
#define ORDER_DONE      "已完成"
#define ORDER_CANCELLED "已取消"

struct course_order {
    int64_t id; /* 0 for a new order; set by menu_place_order */
    char uuid[37];
    int64_t course_id;
    int64_t branch_id;    /* the ordering branch, the target of the session */
    char wanted_date[11]; /* YYYY-MM-DD or "" */
    char state[16];       /* ORDER_* */
    char sched_date[11];  /* set when scheduled */
    int64_t teacher_id;   /* set when scheduled, 0 = none */
    int64_t venue_id;
    int64_t session_id; /* the delivering session once 已完成 */
    char note[256];
    /* Filled by reads: */
    char course[201];
    char branch[201];
    char teacher[101];
    char venue[201];
    int overdue; /* scheduled, sched_date before today, not completed */
};

/* Place an order (已点单) for course_id by branch_id with an optional wanted
 * date and note. A retired or unknown course, an unknown branch or a bad date
 * is FX_EINPUT with err->field set. Fills id, uuid and state. */
int menu_place_order(sqlite3 *db, struct course_order *o, struct fx_error *err);

/* Schedule (已排课) or reschedule an order: date required; teacher_id and
 * venue_id 0 take the course's. A scheduled order needs a teacher. Only
 * 已点单 or 已排课 orders can be scheduled. */
int menu_schedule_order(sqlite3 *db, int64_t id, const char *date, int64_t teacher_id, int64_t venue_id,
                        struct fx_error *err);

/* Cancel (已取消) an order not yet delivered; reason (may be "") goes to the note. */
int menu_cancel_order(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err);

int menu_get_order(sqlite3 *db, int64_t id, struct course_order *o, struct fx_error *err);

struct order_filter {
    char state[16];    /* "" = any */
    int64_t branch_id; /* 0 = any */
    int overdue_only;
};

/* One page of orders, newest first (id DESC), strictly after after_id when
 * after_id > 0. Returns rows filled (≤ max) or -1. */
int menu_order_page(sqlite3 *db, const struct order_filter *f, int64_t after_id, struct course_order *rows, int max,
                    struct fx_error *err);

/* Scheduled orders whose date has passed without delivery (as of today). */
int64_t menu_overdue_count(sqlite3 *db);

/* Fill *s for delivering an order (已点单 or 已排课): title, category, format,
 * hours and course from the course; date, teacher and venue from the schedule
 * (else the wanted date or today, and the course's teacher and venue); the
 * ordering branch as the target; order_id, so ledger_save_session marks the
 * order 已完成 and links it. kind is the format when that is also a record
 * kind (专题党课, 现场教学), else 培训班. s is cleared first; s->branches is
 * allocated: free with ledger_session_free. A completed or cancelled order is
 * FX_EINPUT. */
int menu_order_to_session(sqlite3 *db, int64_t order_id, struct session *s, struct fx_error *err);

struct teacher_load {
    int64_t teacher_id;
    char name[101];
    int sessions; /* live sessions taught in the year */
    double hours; /* their 学时, summed per session */
};

/* Sessions taught per active teacher in year, busiest first (then by name),
 * teachers with none included. Returns rows filled (≤ max) or -1. */
int menu_teacher_workload(sqlite3 *db, int year, struct teacher_load *rows, int max, struct fx_error *err);

#endif
