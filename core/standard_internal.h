/* standard_internal.h — what the standard files share (standard_load.c: reading the INI files;
 * standard.c: evaluation; standard_mark.c: hand-made marks). Not public: the API is standard.h. */
#ifndef FX_STANDARD_INTERNAL_H
#define FX_STANDARD_INTERNAL_H

#include <stddef.h>

#include "standard.h"

/* Fail with FX_EINPUT, naming the file and line of the standard both in the
 * message for the user and in the detail for the log; returns FX_EINPUT. */
int standard_fail_at(struct fx_error *err, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* 0 when p is of the kind the standard is checked by, else FX_EINPUT (field "period")
 * with an example of the period the user should write. */
int standard_check_period(const struct standard *std, const struct fx_period *p, struct fx_error *err);

/* The live mark of an item, if any: *id is its row id (0 when there is none); date
 * (11 bytes) and note (notesz bytes) are filled when not NULL. unit_id 0 takes a
 * mark of any unit. 0, or the store's error in err. */
int standard_find_mark(sqlite3 *db, const char *std_id, const char *item_id, const char *period, int64_t branch_id,
                       int64_t unit_id, int64_t *id, char *date, char *note, size_t notesz, struct fx_error *err);

#endif
