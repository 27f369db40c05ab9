/* venue.h — the venues (场地: 主阵地 and 教学点): saved with an audit record, read by id, a page at a time (主阵地
 * first), found by name or id. A venue is never deleted. */
#ifndef FX_VENUE_H
#define FX_VENUE_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"
#include "text_limits.h"

struct venue {
    int64_t id;
    char uuid[37];
    char name[201];
    char kind[16]; /* 主阵地 / 教学点 */
    char theme[FX_TEXT_BYTES(FX_LINE_CHARS)];
    char address[FX_TEXT_BYTES(FX_LINE_CHARS)];
    int capacity;
    char guide[FX_TEXT_BYTES(FX_PERSON_CHARS)];
};

/* Insert (id 0) or update a venue: one transaction with an audit record, or a savepoint inside the caller's
 * (imports, the demo). A blank kind reads as 主阵地. */
int venue_save(sqlite3 *db, struct venue *v, struct fx_error *err);

/* Resolve an active venue from a name or a numeric id. Unknown: FX_ENOTFOUND; a name shared by several: FX_EINPUT
 * listing them with their ids. */
int venue_find(sqlite3 *db, const char *name_or_id, int64_t *id, struct fx_error *err);

/* Active venues ordered by (kind: 主阵地 before 教学点, name, id), strictly after
 * *after (NULL: from the start); query matches name, theme or address. */
int venue_page(sqlite3 *db, const char *query, const struct venue *after, struct venue *rows, int max,
               struct fx_error *err);

/* One row by id (also an inactive one). Unknown id: FX_ENOTFOUND. */
int venue_get(sqlite3 *db, int64_t id, struct venue *v, struct fx_error *err);

#endif
