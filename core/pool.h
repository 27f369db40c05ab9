/* pool.h — paged reads of the teacher pool (师资库) and the venues, and one teacher or venue by id.
 * roster.c saves these rows; this reads them a page at a time (keyset), never a whole table. Branches: branch.h. */
#ifndef FX_POOL_H
#define FX_POOL_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"
#include "roster.h"

/* A teacher with the live sessions taught in one year, counted exactly as
 * menu_teacher_workload counts them (not voided, date inside the year). */
struct pool_teacher {
    struct teacher t;
    int sessions;
    double hours;
};

/* Active teachers ordered by (name, id), strictly after (after_name, after_id)
 * when after_id > 0. query ("" = all) matches name, unit or topics by text or
 * pinyin initials. Returns rows filled (≤ max) or -1 with err set. */
int pool_teacher_page(sqlite3 *db, int year, const char *query, const char *after_name, int64_t after_id,
                      struct pool_teacher *rows, int max, struct fx_error *err);

/* Active venues ordered by (kind: 主阵地 before 教学点, name, id), strictly after
 * *after (NULL: from the start); query matches name, theme or address. */
int pool_venue_page(sqlite3 *db, const char *query, const struct venue *after, struct venue *rows, int max,
                    struct fx_error *err);

/* One row by id (also an inactive one). Unknown id: FX_ENOTFOUND; pool_get_branch: branch.h. */
int pool_get_teacher(sqlite3 *db, int64_t id, struct teacher *t, struct fx_error *err);
int pool_get_venue(sqlite3 *db, int64_t id, struct venue *v, struct fx_error *err);

#endif
