/* pool.h — paged reads of the venues, and one venue by id (teachers: teacher.h; branches: branch.h).
 * roster.c saves these rows; this reads them a page at a time (keyset), never a whole table. */
#ifndef FX_POOL_H
#define FX_POOL_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"
#include "roster.h"

/* Active venues ordered by (kind: 主阵地 before 教学点, name, id), strictly after
 * *after (NULL: from the start); query matches name, theme or address. */
int pool_venue_page(sqlite3 *db, const char *query, const struct venue *after, struct venue *rows, int max,
                    struct fx_error *err);

/* One row by id (also an inactive one). Unknown id: FX_ENOTFOUND. */
int pool_get_venue(sqlite3 *db, int64_t id, struct venue *v, struct fx_error *err);

#endif
