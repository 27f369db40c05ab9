/* unit.h — the name of the local unit (分校) this ledger belongs to.
 * The screens show it in the title line and let the secretary correct it. */
#ifndef FX_UNIT_H
#define FX_UNIT_H

#include <sqlite3.h>
#include <stddef.h>

#include "error.h"

/* Copy the local unit's name into out (outsz bytes, cut on a character
 * boundary). FX_ENOTFOUND when the ledger has no local unit. */
int unit_get_name(sqlite3 *db, char *out, size_t outsz, struct fx_error *err);

/* Rename the local unit: trimmed, 1–200 characters of valid UTF-8, no control
 * characters (err->field = "name" otherwise). One transaction with an audit
 * record (before/after as JSON). */
int unit_set_name(sqlite3 *db, const char *name, struct fx_error *err);

#endif
