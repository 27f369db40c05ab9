/* entity.h — what the modules of the ledger's things (branch, member, teacher, venue, course, order, session) share:
 * a row written with its audit record, a row read by id, a page of rows read, a name or id resolved. Not for front
 * ends. */
#ifndef FX_ENTITY_H
#define FX_ENTITY_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Bind s as text parameter i, copied; NULL binds "". */
void entity_bind_text(sqlite3_stmt *st, int i, const char *s);

/* A name a row cannot be saved without: FX_EINPUT on field "name" when it is blank or not valid UTF-8,
 * the message naming it by what ("教师姓名"). */
int entity_check_name(const char *name, const char *what, struct fx_error *err);

/* Append the audit record of row id of entity: before (the row's JSON before the change, NULL for an insert)
 * against the row as sql_get (selecting it by id as ?1) reads it now. Inside the caller's transaction. */
int entity_audit(sqlite3 *db, const char *entity, const char *sql_get, int64_t id, const char *uuid, const char *before,
                 struct fx_error *err);

/* Step st, an INSERT (*id 0) or UPDATE (*id the row) of one row of entity, and append its audit record with the row
 * as sql_get (selecting the row by id as ?1) reads it before and after. Sets *id after an insert; an UPDATE that
 * changed nothing is FX_ENOTFOUND. Runs inside the caller's transaction; st stays the caller's to finalize. */
int entity_save_row(sqlite3 *db, const char *entity, const char *sql_get, int64_t *id, const char *uuid,
                    sqlite3_stmt *st, struct fx_error *err);

/* Resolve key (trimmed) to a row id: all digits run by_id, anything else by_name (each binds ?1 and selects id and a
 * word that tells namesakes apart). None: FX_ENOTFOUND; several: FX_EINPUT listing their ids. what names the thing
 * ("党员"). kept: NULL, or two statement slots (by id, by name) prepared on first use and kept for the next call;
 * the caller finalizes them. */
int entity_find(sqlite3 *db, const char *by_id, const char *by_name, const char *what, const char *key, int64_t *id,
                sqlite3_stmt **kept, struct fx_error *err);

/* Fills one row (a struct of the caller's) from the current row of st. */
typedef void (*entity_read_fn)(sqlite3_stmt *st, void *row);

/* One row by id: sql binds the id as ?1, read fills out. No row: FX_ENOTFOUND naming what ("教师") and the id. */
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
