/* check_views.h — private to the 清单 screen: its state, and the item list, marks and export in their files.
 * screen_check.c owns the state and passes it in; check_items.c draws and marks items, check_export.c writes out. */
#ifndef FX_CHECK_VIEWS_H
#define FX_CHECK_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "actions.h"
#include "date.h"
#include "draw.h"
#include "error.h"
#include "standard.h"

struct app;

/* Rows of the body that are not the list: three above it, five below it. */
#define HEAD_ROWS 3
#define FOOT_ROWS 5

/* What the screen shows; one instance, static in screen_check.c. */
struct check_state {
    struct std_list list;
    char std_id[64];         /* the standard shown; kept by id because the list is re-read on enter */
    struct fx_period period; /* the period shown, of the standard's kind */
    bool have_period;
    /* A branch standard shows its branches × items table; Enter drills into one branch. */
    bool table;
    int64_t branch_id; /* the branch drilled into, 0 = none */
    char branch_name[201];
    struct std_result res;
    bool have_res;
    struct std_branch_summary sum;
    bool have_sum;
    struct fx_error err;
    bool failed;
    int cur, top;          /* cursor and first visible row of the item list */
    int bcur, btop;        /* the same for the branch table (kept while drilled in) */
    int col0;              /* first item column shown in the branch table */
    bool cols_hidden;      /* the branch table has more items than fit: ← → move it (as last drawn) */
    int list_y, list_rows; /* where the rows were last drawn, for clicks */
};

/* ---- check_items.c ---- */

/* Items proved by a mark rather than by the ledger or the roster. */
bool check_markable(const struct std_item *it);

/* An item's words, into out (n bytes): its state ("✓ 完成", "2/4 部分"); what
 * counts as its evidence. */
void check_state_text(const struct std_item_result *r, char *out, size_t n);
void check_evidence_words(const struct std_item *it, char *out, size_t n);

/* The item list of cs->res in b under the head rows, and the cursor item in
 * full below it; keeps cs->cur and cs->top in view and notes where rows went. */
void check_draw_items(struct check_state *cs, struct rect b, const struct standard *std);

/* The item under the cursor, or NULL (no item list shown). */
const struct std_item_result *check_cursor_item(const struct check_state *cs);

/* The sessions proving r, modal; Enter opens one read-only. Its keys (for the manual). */
void check_proofs_run(struct app *app, const struct std_item_result *r);
extern const struct keymap check_proofs_keys;

/* Mark the cursor item done with a note (or change the note), or withdraw
 * the mark after asking; for cs->period and cs->branch_id. Return SCR_ flags. */
int check_mark_item(struct app *app, const struct check_state *cs, const struct standard *std);
int check_unmark_item(struct app *app, const struct check_state *cs, const struct standard *std);

/* ---- check_export.c ---- */

/* F5: the checklist shown, as the 报表 page's PDF or else a text file; says
 * where it went. Returns SCR_ flags. */
int check_export(struct app *app, const struct check_state *cs, const struct standard *std);

#endif
