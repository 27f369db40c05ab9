/* entity.h — what the modules of the ledger's things (branch, member, teacher, venue, course, order, session) share:
 * a row written with its audit record, a row read by id, a page of rows read, a name or id resolved. Not for front
 * ends. */
#ifndef FX_ENTITY_H
#define FX_ENTITY_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Bind s as text parameter i, copied; NULL binds "". */
void entity_bind_text(sqlite3_stmt *st, int i, const char *s);

/* A name a row cannot be saved without: FX_EINPUT on field "name" when it is blank, not valid UTF-8, holds a
 * control or invisible character, or is longer than max_chars characters (core/limits.h); the message names it
 * by what ("教师姓名"). */
int entity_check_name(const char *name, const char *what, size_t max_chars, struct fx_error *err);

/* Append the audit record of row id of entity: before (the row's JSON before the change, NULL for an insert)
 * against the row as sql_get (selecting it by id as ?1) reads it now. action NULL: "insert" or "update" as before
 * says; else what was done ("void", "retire"). Inside the caller's transaction. */
int entity_audit(sqlite3 *db, const char *entity, const char *action, const char *sql_get, int64_t id, const char *uuid,
                 const char *before, struct fx_error *err);

/* FX_ECLOSED when year is closed (年底交账), with a message naming what was refused ("新增经费记录"); 0 when it is
 * open; the ledger's error when it cannot be read. For the writes of year-bound rows, inside their transaction. */
int entity_refuse_closed(sqlite3 *db, int year, const char *what, struct fx_error *err);
/* Retire (停用) row id of table ("teacher" or "venue", which have active and retire_reason) with reason, required,
 * at most FX_WHY_CHARS characters; or put it back (retire false; reason may be ""). One transaction with its audit
 * record (action "retire" or "restore"); what names the thing ("教师"). Unknown id or nothing to change: FX_EINPUT. */
int entity_retire(sqlite3 *db, const char *table, const char *what, int64_t id, bool retire, const char *reason,
                  struct fx_error *err);

/* Resolve key (trimmed) to a row id: all digits run by_id, anything else by_name (each binds ?1 and selects id and a
 * word that tells namesakes apart). None: FX_ENOTFOUND; several: FX_EINPUT listing their ids. what names the thing
 * ("党员"). kept: NULL, or two statement slots (by id, by name) prepared on first use and kept for the next call;
 * the caller finalizes them. */
int entity_find(sqlite3 *db, const char *by_id, const char *by_name, const char *what, const char *key, int64_t *id,
                sqlite3_stmt **kept, struct fx_error *err);

/* A field of a row struct as a column or parameter: its type follows the field's own (int64_t, int, double, or a
 * char array, cut to fit on reading). A table of them, in the order of a SELECT's columns or of an INSERT's
 * parameters, reads or binds a whole row without a line per field. ENTITY_REF is an id that binds 0 as NULL. */
enum entity_col_type { ENTITY_INT64, ENTITY_INT, ENTITY_DOUBLE, ENTITY_TEXT, ENTITY_ID };
struct entity_col {
    enum entity_col_type type;
    size_t offset, size;
};
#define ENTITY_FIELD_(T, f) (((T *)0)->f)
#define ENTITY_COL(T, f)                                                                                                                                                   \
    {                                                                                                                                                                      \
        _Generic(ENTITY_FIELD_(T, f), int64_t: ENTITY_INT64, int: ENTITY_INT, double: ENTITY_DOUBLE, char *: ENTITY_TEXT),      offsetof(T, f), sizeof ENTITY_FIELD_(T, f) \
    }
#define ENTITY_REF(T, f)                                                                                               \
    {                                                                                                                  \
        ENTITY_ID, offsetof(T, f), sizeof ENTITY_FIELD_(T, f)                                                          \
    }
#define ENTITY_NCOLS(cols) ((int)(sizeof(cols) / sizeof(cols)[0]))

/* Fill row from st's current row: column first + i into cols[i] (NULL reads as 0 or ""). */
void entity_read_cols(sqlite3_stmt *st, int first, const struct entity_col *cols, int ncols, void *row);
/* Bind row's fields as parameters first, first + 1 … in the order of cols. */
void entity_bind_cols(sqlite3_stmt *st, int first, const struct entity_col *cols, int ncols, const void *row);

/* Save a row in one store_begin level (a savepoint inside the caller's) with its audit record. *id 0: sql is an
 * INSERT that binds the fields of cols as ?2, ?3 …, and :uuid and :unit (where it names them) as the row's uuid
 * (uuid, 37 bytes; "" gets a new one) and the local unit. Else sql is an UPDATE of row *id (?1) with the same fields,
 * and uuid becomes the one stored. sql_get reads the row by id (?1) for the audit record. Only when it returns 0 are
 * *id and uuid set (a failed insert leaves *id 0). No row *id: FX_ENOTFOUND naming what ("教师"). */
int entity_save(sqlite3 *db, const char *entity, const char *what, const char *sql, const char *sql_get,
                const struct entity_col *cols, int ncols, const void *row, int64_t *id, char *uuid,
                struct fx_error *err);

/* Fills one row (a struct of the caller's) from the current row of st. */
typedef void (*entity_read_fn)(sqlite3_stmt *st, void *row);

/* One row by id: sql binds the id as ?1, read fills out. No row: FX_ENOTFOUND naming what ("教师") and the id; a
 * failed step: store_fail's status. */
int entity_get(sqlite3 *db, const char *sql, int64_t id, entity_read_fn read, void *out, const char *what,
               struct fx_error *err);

/* Bind a page by name: ?1 the query ("" = all), ?2 and ?3 the (name, id) the page starts after (id 0: from the
 * first), ?4 the page size. NULL reads as "". */
void entity_bind_page(sqlite3_stmt *st, const char *query, const char *after_name, int64_t after_id, int max);

/* Step st into at most max rows, row_size bytes apart, and finalize it. Returns the rows filled, or -1 with err
 * filled when a step fails (what names the list: "读取师资库"). */
int entity_read_rows(sqlite3 *db, sqlite3_stmt *st, entity_read_fn read, void *rows, size_t row_size, int max,
                     const char *what, struct fx_error *err);

/* Reverse n rows of row_size bytes in place: a page read backwards is returned in the list's own order. */
void entity_reverse_rows(void *rows, int n, size_t row_size);

#endif
