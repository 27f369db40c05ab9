/* review.h — 查账 (the mid-year or any-time check of seed 004, issue 15): a year as of a date in five parts —
 * plan against actual, each standard's checklist, members behind on hours pro-rated to date, training sessions
 * without a roll call, and the open problems — and the items behind turned into draft problems.
 *
 * Definitions, each computed here once:
 *   AN ITEM BEHIND (落后项): a plan item 逾期 as of the date (plan.h: no live session linked and its last month
 *     ended before the date), or a checklist item in state 逾期 (standard.h STD_OVERDUE: a sub-period already over
 *     is short) in the period of its standard that contains the date.
 *   HOURS BEHIND TO DATE (学时进度落后): a person held to the year's target (register.h: the hours report's
 *     population, on the register on a day of the year up to the as-of date) whose hours in the year from live sessions
 * dated up to the as-of date (kinds counting toward 学时) are below the yearly target × the whole months of the year
 * ended by the as-of date ÷ 12. */
#ifndef FX_REVIEW_H
#define FX_REVIEW_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "plan.h"
#include "standard.h"

enum review_part { REVIEW_PLAN, REVIEW_CHECKLIST, REVIEW_HOURS, REVIEW_ROLLCALL, REVIEW_PROBLEMS, REVIEW_NPARTS };
/* "计划对照", "检查清单", "学时", "未点名的培训", "问题". */
const char *review_part_name(int part);

/* One line of the 查账, in part order. */
struct review_line {
    int part;       /* enum review_part */
    char what[256]; /* the item: "3月 红色教育基地参观", "八个一 3 …", a member, a session, a problem */
    char state[64]; /* 逾期, 未到期, 进行中 …, "12/32 学时" */
    char detail[256];
    bool behind;          /* an item behind (the definition above) */
    int64_t plan_item_id; /* a plan item's id, else 0 */
    char item_code[33];   /* a checklist item's code "标准id/条目" (problem.item), else "" */
};

struct review {
    int year;
    char as_of[11];
    struct plan_tally plan;  /* the year's plan as of the date (plan_progress) */
    int standards;           /* standards evaluated */
    int std_done, std_items; /* checklist items done / items, over every standard */
    int std_overdue;         /* checklist items 逾期 */
    int months;              /* whole months of the year ended by the as-of date (0–12) */
    int64_t held, hours_behind;
    int64_t no_rollcall;   /* live training sessions of the year dated up to the as-of date without attendance rows */
    int64_t open_problems; /* problem_open_count */
    int behind;            /* items behind */
    struct review_line *lines; /* owned */
    int nlines;
};

/* The 查账 of year as of as_of (YYYY-MM-DD): every standard of stds (NULL: none) evaluated for the whole unit
 * over its period containing as_of (as_of outside the year: the year's first or last day decides the period).
 * cfg gives the hours targets. Free with review_free. */
int review_compute(sqlite3 *db, const struct fx_config *cfg, const struct std_list *stds, int year, const char *as_of,
                   struct review *out, struct fx_error *err);
void review_free(struct review *r);

/* Every item behind of r becomes a draft problem (source 查账, date r->as_of, a description naming the item,
 * plan_item_id or item code), all in one transaction; an item that already has an open 查账 problem of the year
 * with the same plan item or item code is skipped. FX_ECLOSED for a closed year (nothing written). */
int review_draft_problems(sqlite3 *db, const struct review *r, int *added, int *skipped, struct fx_error *err);

/* The whole step as people ask for it: every standard installed (report_load_standards(config_path)) evaluated,
 * the 查账 of year as of as_of computed and its items behind drafted as above. *behind: the items behind
 * (review.behind); *added, *skipped as above. Errors as review_compute and review_draft_problems. */
int review_draft_year(sqlite3 *db, const struct fx_config *cfg, const char *config_path, int year, const char *as_of,
                      int *behind, int *added, int *skipped, struct fx_error *err);

#endif
