/* sheet.h — the star-rating sheet (量化考评表, seed 003): the scores a scored standard's items are given by hand,
 * twice — 自评 by the branch school, 考评 by the county's panel — per period and unit (schema 11, sheet_score).
 * The sheet itself, with the automatic figure (系统核验) beside both scores, is report_sheet.h's report. */
#ifndef FX_SHEET_H
#define FX_SHEET_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "standard.h"

enum sheet_role { SHEET_SELF, SHEET_REVIEW };

#define SHEET_NOTE_CHARS 500

/* The role's word in the ledger ("self", "review") and for people ("自评", "考评"). */
const char *sheet_role_key(int role);
const char *sheet_role_name(int role);

/* Score item item_id of std for period p (of the standard's period kind), as role, for unit unit_id (0: the
 * ledger's own unit): score between 0 and the item's points, note and evidence at most SHEET_NOTE_CHARS
 * characters (NULL: ""). Scoring again replaces the score. One transaction with its audit record (entity
 * "sheet"). Unknown item, an unscored item, a score out of range or a wrong period: FX_EINPUT; a closed year:
 * FX_ECLOSED. */
int sheet_score_set(sqlite3 *db, const struct standard *std, const char *item_id, const struct fx_period *p,
                    int64_t unit_id, int role, double score, const char *note, const char *evidence,
                    struct fx_error *err);

/* One unit's score of one item: has[role] says whether it was given. */
struct sheet_item_scores {
    bool has[2];
    double score[2];
    char note[2][FX_TEXT_BYTES(SHEET_NOTE_CHARS)];
};

/* The scores of every item of std for period p and unit unit_id (0: the ledger's own unit), one per item in the
 * standard's order, into out (std->nitems entries, the caller's). Scores of items no longer in the file are not
 * read. */
int sheet_scores_read(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t unit_id,
                      struct sheet_item_scores *out, struct fx_error *err);

/* An item whose earned points the ledger, the roster or the funds prove: the sheet shows them as 系统核验. */
bool sheet_item_automatic(const struct std_item *it);

/* Whether one item's 自评 and 考评 are both given and more than gap apart. */
bool sheet_far_apart(const struct sheet_item_scores *s, double gap);

/* One unit's sheet in figures: what its 合计 row and the county's comparison (report sheet-county) show. */
struct sheet_totals {
    int nitems;        /* the standard's items */
    int scored[2];     /* items given a score, per role (SHEET_SELF, SHEET_REVIEW) */
    double total[2];   /* the sum of those scores, per role */
    int automatics;    /* items with an automatic figure (系统核验) */
    double auto_total; /* the sum of their earned points (standard_evaluate's) */
    int apart;         /* items whose 自评 and 考评 are more than gap apart (marked ※) */
};

/* The totals of one sheet from its evaluation res (standard_evaluate_unit_at) and its scores (sheet_scores_read,
 * std->nitems entries), items more than gap apart counted in apart. The one definition of a sheet's totals. */
void sheet_totals_of(const struct std_result *res, const struct sheet_item_scores *scores, double gap,
                     struct sheet_totals *t);

/* The unit the 系统核验 of unit_id's sheet is evaluated over: a township of a merged ledger, its own sessions and
 * roster (unit_id); the ledger's own unit (or 0), everything in the ledger (0). */
int64_t sheet_eval_unit(sqlite3 *db, int64_t unit_id);

/* One unit's sheet totals for std and period p: its scores (sheet_scores_read) and its automatic figures as of
 * today (YYYY-MM-DD) over sheet_eval_unit, summed by sheet_totals_of. */
int sheet_unit_totals(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t unit_id,
                      const char *today, double gap, struct sheet_totals *t, struct fx_error *err);

/* The unit named name (a township of a merged ledger, or the ledger's own unit) into *unit_id; FX_ENOTFOUND if
 * none. */
int sheet_find_unit(sqlite3 *db, const char *name, int64_t *unit_id, struct fx_error *err);

#endif
