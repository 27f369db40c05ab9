/* menu_print.h — the course menu as a branch chooses from it: a paged text listing or CSV, per category or all.
 * Streams menu_course_page a page at a time; retired courses are never listed (a branch cannot order them). */
#ifndef FX_MENU_PRINT_H
#define FX_MENU_PRINT_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

enum menu_print_format { MENU_PRINT_TEXT, MENU_PRINT_CSV };

/* Write the menu of category ("" = every category, in vocab order) to out.
 * Text: a title line naming unit and date, then per category and module one
 * line per course, columns aligned by display width, at most 80 columns, the
 * description indented under the course. CSV: UTF-8 with BOM, one row per
 * course. *courses (may be NULL) gets the number listed. FX_EFS when a write
 * fails; FX_EINTERNAL from the ledger. */
int menu_print(sqlite3 *db, const char *category, int format, FILE *out, int64_t *courses, struct fx_error *err);

#endif
