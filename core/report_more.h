/* report_more.h — the reports beyond the training figures: the contact directory (通讯录),
 * a standard's checklist with its evidence, and the county roll-up per township. */
#ifndef FX_REPORT_MORE_H
#define FX_REPORT_MORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "report.h"
#include "standard.h"

/* Models of report.h like any other (render them with render.h); like those
 * they own no heap memory and read their rows from db when rendered, so db
 * must stay open. cfg may be NULL (defaults). */

/* 通讯录 (“八个一” item 2): active members of active branches — branch_id 0
 * for every branch — grouped by branch, its secretary and committee first,
 * with gender, role and phone. An unknown branch_id is FX_ENOTFOUND. */
int report_directory(sqlite3 *db, const struct fx_config *cfg, int64_t branch_id, struct report *rep,
                     struct fx_error *err);

/* The checklist for an inspection file: std evaluated over p (which must be of
 * the standard's period kind, else FX_EINPUT) for the whole unit, one row per
 * item with its state, found/required and the sub-periods short, followed by
 * one row per proving session (date, title) or the mark that proves it. The
 * rows re-read std->path, so std must have been loaded from a file. */
int report_checklist(sqlite3 *db, const struct fx_config *cfg, const struct standard *std, const struct fx_period *p,
                     struct report *rep, struct fx_error *err);

/* The county report on a merged ledger (merge.h): one row per township with
 * 期数, 人次, 人数, 学时, 应到, 实到, 参训率, 在册党员, 受训率 from
 * merge_unit_summary, and a 合计 row that is the sum of the rows; then a
 * column “八个一” with "x/8": the standard "bageyi" (as `fenxiao check` finds
 * it, cfg->path deciding the county's own directory) evaluated per township
 * (standard_evaluate_unit) over the period of its kind containing p. The
 * standard's file path is kept in rep->source for the rows; when it cannot be
 * found the column is left out and a note says so. */
int report_county(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                  struct fx_error *err);

/* The standards the program knows: data/standards, overridden by those in
 * "standards/" beside config_path (as `fenxiao check` reads them). Free with
 * standard_list_free. */
int report_load_standards(const char *config_path, struct std_list *out, struct fx_error *err);

/* Append to a training summary (report_summary) the footnote
 * "“八个一”完成 x/8 项（2024年）": std evaluated for the period of its own kind
 * that contains the report's period. Reports of a period longer than the
 * standard's (a year against a monthly standard) get no note. */
int report_note_checklist(struct report *rep, const struct standard *std, struct fx_error *err);

#endif
