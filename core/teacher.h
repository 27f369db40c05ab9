/* teacher.h — the teacher pool (师资库): teachers saved with an audit record, read by id, a page at a time with the
 * sessions each taught in a year, found by name or id, and their year's workload. A teacher is never deleted. */
#ifndef FX_TEACHER_H
#define FX_TEACHER_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"
#include "text_limits.h"

struct teacher {
    int64_t id;
    char uuid[37];
    char name[101];
    char employment[16]; /* 专职 / 兼职 */
    char type[16];       /* 领导型 / 榜样型 / 专家型 */
    int is_adviser;      /* 指导员 */
    char org[FX_TEXT_BYTES(FX_PLACE_CHARS)];
    char phone[FX_TEXT_BYTES(FX_PHONE_CHARS)];
    char topics[FX_TEXT_BYTES(FX_LINE_CHARS)];
};

/* Insert (id 0) or update a teacher: one transaction with an audit record, or a savepoint inside the caller's
 * (imports, the demo). Blank 专职/兼职 and type read as 兼职 and 专家型. */
int teacher_save(sqlite3 *db, struct teacher *t, struct fx_error *err);

/* Resolve an active teacher from a name or a numeric id. Unknown: FX_ENOTFOUND; a name shared by several:
 * FX_EINPUT listing them with their ids. */
int teacher_find(sqlite3 *db, const char *name_or_id, int64_t *id, struct fx_error *err);
/* One row by id (also an inactive one). Unknown id: FX_ENOTFOUND. */
int teacher_get(sqlite3 *db, int64_t id, struct teacher *t, struct fx_error *err);

/* A teacher with the live sessions taught in one year, counted exactly as
 * teacher_workload counts them (not voided, date inside the year). */
struct teacher_row {
    struct teacher t;
    int sessions;
    double hours;
};

/* Active teachers ordered by (name, id), strictly after (after_name, after_id)
 * when after_id > 0. query ("" = all) matches name, unit or topics by text or
 * pinyin initials. Returns rows filled (≤ max) or -1 with err set. */
int teacher_page(sqlite3 *db, int year, const char *query, const char *after_name, int64_t after_id,
                 struct teacher_row *rows, int max, struct fx_error *err);

struct teacher_load {
    int64_t teacher_id;
    char name[101];
    int sessions; /* live sessions taught in the year */
    double hours; /* their 学时, summed per session */
};

/* Sessions taught per active teacher in year, busiest first (then by name),
 * teachers with none included. Returns rows filled (≤ max) or -1. */
int teacher_workload(sqlite3 *db, int year, struct teacher_load *rows, int max, struct fx_error *err);

#endif
