/* report.h — the report model: a title block, a table of cells, a 合计 row, headline
 * figures, footnotes and signature lines, built in core and turned into text/CSV/XLSX/PDF. */
#ifndef FX_REPORT_H
#define FX_REPORT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "funds.h"
#include "merge.h"
#include "points.h"

#define REPORT_MAX_COLS    12
#define REPORT_CELL_LEN    256 /* bytes of one text cell, NUL included (a title is ≤ 200) */
#define REPORT_MAX_FIGURES 16
#define REPORT_MAX_NOTES   10
#define REPORT_NOTE_LEN    384
#define REPORT_MAX_GROUPS  24

/* The kinds of report, the indexes of report_kinds (below): the command line
 * finds a kind there by its name, and report_build builds any of them. */
enum report_kind_id {
    REPORT_MONTH,      /* the sessions of one month, one per row */
    REPORT_QUARTER,    /* a quarter: one row per month (a half too) */
    REPORT_YEAR,       /* a year: one row per month */
    REPORT_HOURS,      /* per member: hours in the year against the minimum */
    REPORT_BRANCHES,   /* per party branch: members, trained, person-times */
    REPORT_CATEGORIES, /* counts by content category, then by format */
    REPORT_TEACHERS,   /* teacher workload */
    REPORT_ORDERS,     /* 点单 (course orders) and their state */
    REPORT_DIRECTORY,  /* 通讯录: members by branch with role and phone (report_more.c) */
    REPORT_CHECKLIST,  /* a standard's items with their state and evidence (report_more.c) */
    REPORT_COUNTY,     /* one row per township of a merged ledger (report_more.c) */
    REPORT_MENU,       /* 培训菜单: offered courses by category and module (report_menu.c) */
    REPORT_MEETINGS,   /* 三会一课记录: the organisational life (组织生活 kinds) by branch, kind and date */
    REPORT_FUNDS,      /* 年度经费使用情况: budget, income and expense by source and category (report_funds.c) */
    REPORT_FUNDS_LEDGER, /* 收支明细账: the funds entries of a period with the running balance (report_funds.c) */
    REPORT_POINTS,     /* 党员积分排名: each member's points for a year, ranked (report_points.c) */
    REPORT_PROBLEMS,   /* 问题清单、责任清单、任务清单 of a year (report_problems.c) */
    REPORT_ARCHIVE,    /* 归档目录: a year's records with attachments and their 卷号 (report_archive.c) */
    REPORT_SHEET,      /* 量化考评表: a scored standard's 自评 and 考评 beside 系统核验, with stars (report_sheet.c) */
    REPORT_SHEET_COUNTY, /* 各分校量化考评对比表: each township's sheet totals and stars (report_sheet.c) */
    REPORT_REVIEW,     /* 查账: a year as of a date in five parts (review.h, report_review.c) */
    REPORT_PLAN,       /* 培训计划执行情况: a year's plan items against the sessions linked (report_plan.c) */
    REPORT_NKINDS
};

struct report_kind;

enum report_cell_type {
    CELL_EMPTY,
    CELL_TEXT,
    CELL_INT,    /* value is a whole number */
    CELL_NUMBER, /* value shown with at most precision decimals, trailing zeros dropped */
    CELL_PERCENT, /* value is a ratio (0.833), shown as "83.3%" with precision decimals */
    CELL_MONEY    /* value is whole 分 (exact as a double up to 2^53), shown as yuan "1,234.50" (funds_format) */
};

struct report_cell {
    int type;                   /* enum report_cell_type */
    int precision;              /* decimals shown (CELL_NUMBER, CELL_PERCENT) */
    double value;               /* CELL_INT, CELL_NUMBER, CELL_PERCENT */
    char text[REPORT_CELL_LEN]; /* CELL_TEXT: UTF-8 as stored in the ledger (not yet sanitised) */
};

struct report_row {
    int ncells; /* == the report's ncols */
    struct report_cell cell[REPORT_MAX_COLS];
};

struct report_column {
    char title[64];
    char align;     /* 'l', 'r' or 'c' */
    int width;      /* display columns in the text rendering; also the relative width in PDF and XLSX */
    int text_width; /* > 0: the text rendering's columns instead, for a report whose text must fit
                     * a narrower page (the course menu: 80 columns); text is cut there with "…" */
    /* How the 合计 row's cell follows from the column, so a spreadsheet can write it as a formula:
     * 's' the sum of the column, 'r' the ratio of columns rate_num ÷ rate_den of the 合计 row, 0 neither
     * (a count of distinct people is not the sum of its rows). The value is the model's either way. */
    char total;
    int rate_num, rate_den;
};

/* A headline figure: "期数 30 期". */
struct report_figure {
    char label[64];
    struct report_cell value;
    char suffix[16]; /* unit word after the value ("期", "人"), may be "" */
};

/* A line of the 分类汇总 a summary prints before its list (month, quarter, year): the training of
 * one content category or kind, counted by stats_groups. */
struct report_group {
    char by[16];   /* what it is split by: "内容类别" or "类型" */
    char name[64]; /* the category or kind */
    int64_t sessions, person_times;
    double hours;
    char rate[16]; /* 参训率 as people read it, "—" when nobody was expected */
};

/* What a kind of report reads its rows with, besides the period: each kind
 * keeps its own parameters (set by its builder, read by its rows). */
struct report_hours_params {
    bool below_only; /* only members below their minimum */
    double min_member, min_leader;
    char leader_roles[256]; /* the config's comma list of leaders' roles (version 1) */
    bool prorate;           /* [hours] prorate */
    bool count_candidates;  /* [hours] count_candidates */
};
struct report_categories_params {
    double denom; /* the 期数 the 占比 is taken of */
};
struct report_orders_params {
    bool all; /* no period: every order */
};
struct report_directory_params {
    int64_t branch_id;      /* one branch, 0 = all */
    char leader_roles[256]; /* heads of their branch, in this order */
};
#define REPORT_COUNTY_CACHED 64
/* One township of the county report as its build found it: the figures, its checklist count and its plan. */
struct report_county_unit {
    struct merge_unit_row row;
    int done, nitems;            /* the standard's items done of nitems (no standard: 0/0) */
    int plan_done, plan_planned; /* 年度计划: items done of those planned (0 planned: 未录入) */
};
struct report_standard_params {
    char source[1024]; /* checklist, county: the standard's file, read again for the rows ("" = none) */
    /* county: every township as the build read it (one summary, one evaluation of the checklist for all of
     * them), so the rows read nothing again; a county of more than 64 townships is read again for its rows. */
    int ncounted;
    bool all_counted; /* every township of the report is in counted[] */
    struct report_county_unit counted[REPORT_COUNTY_CACHED];
};
struct report_menu_params {
    char category[64]; /* one content category, "" = all */
};
struct report_points_params {
    struct points_rules rules; /* data/points.ini, or the file fenxiao.ini's [points] rules names */
    bool count_candidates;     /* [hours] count_candidates: 入党积极分子 and 发展对象 are ranked too */
    int64_t branch_id;         /* one branch's rows, 0 = all */
};
struct report_sheet_params {
    char source[1024]; /* the standard's file, read again for the rows */
    int64_t unit_id;   /* the unit scored (sheet_score.unit_id) */
    int64_t eval_unit; /* the unit the 系统核验 is evaluated over: 0 = the whole ledger (a township's own) */
    double gap;        /* [sheet] gap: |自评 − 考评| above it is marked ※ */
};
struct std_list;
struct report_review_params {
    char as_of[11];              /* the date the 查账 is as of */
    const struct std_list *stds; /* the standards checked, the caller's (kept while the report is rendered) */
    double min_member, min_leader; /* [hours] targets */
    bool count_candidates;         /* [hours] count_candidates */
};
struct report_funds_params {
    struct funds_year year; /* funds: the year's figures (funds_year_summary), the rows are its lines */
    int64_t opening;        /* funds-ledger: the 期初余额 the running balance starts from, in 分 */
};

/* One report. It owns no heap memory, so it needs no free function; but the
 * rows are read from the ledger when asked (report_rows), so db must stay open
 * and unchanged in meaning while the report is rendered. Memory is therefore
 * the same for 30 sessions or 75,000 members. */
struct report {
    const struct report_kind *kind; /* an entry of report_kinds: its rows read the table */
    char title[256];       /* "2024年3月培训情况汇总表" */
    char unit[201];        /* the 分校 (ledger's local unit) */
    char period_label[64]; /* "2024年3月", "2024年" */
    char made[11];         /* date made, YYYY-MM-DD (today) */
    char slug[64];         /* ASCII base for file names: "month-2024-03" */
    char sheet[32];        /* XLSX sheet name, ≤ 31 characters */
    int ncols;
    struct report_column col[REPORT_MAX_COLS];
    int64_t nrows; /* rows report_rows will produce */
    bool has_totals;
    struct report_row totals; /* the 合计 row, aligned with the columns */
    int nfigures;
    struct report_figure fig[REPORT_MAX_FIGURES];
    int nnotes;
    char notes[REPORT_MAX_NOTES][REPORT_NOTE_LEN]; /* definitions, printed as 注 */
    char sign[3][64];                              /* signature labels: 制表人, 审核人, 日期 (from config) */
    /* ngroups > 0: a summary, printed with its 分类汇总 first and its list on attached 明细 pages
     * when it does not fit the first page. */
    int ngroups;
    struct report_group group[REPORT_MAX_GROUPS];

    /* What report_rows queries; set by the builders, not for renderers. */
    sqlite3 *db;
    bool county_classes; /* fenxiao.ini's [kind_class] changed the class of a kind (footnoted) */
    bool count_meetings; /* [hours] count_meetings = yes (footnoted on member hours) */
    struct fx_period period;
    union {
        struct report_hours_params hours;
        struct report_categories_params categories;
        struct report_orders_params orders;
        struct report_directory_params directory;
        struct report_standard_params standard; /* checklist and county */
        struct report_menu_params menu;
        struct report_funds_params funds; /* funds and funds-ledger */
        struct report_points_params points;
        struct report_sheet_params sheet; /* sheet and sheet-county */
        struct report_review_params review;
    } params; /* the member of rep->kind's kind */
};

/* Called once per row; return 0 to go on, anything else to stop (report_rows
 * then returns that value). The row is only valid during the call. */
typedef int (*report_row_fn)(const struct report_row *row, void *ctx);

/* ---- the kinds ------------------------------------------------------------ */

/* How a kind takes its period. */
enum report_period_rule {
    REPORT_PERIOD_FIXED,    /* exactly the kind's period_kind (month, quarter, year) */
    REPORT_PERIOD_ANY,      /* a year, half, quarter or month */
    REPORT_PERIOD_OPTIONAL, /* any, or none at all (orders: every order) */
    REPORT_PERIOD_STANDARD, /* the standard's own period kind; its current period when none is given */
    REPORT_PERIOD_NONE      /* none: the report is the ledger as of the day it is made */
};

/* What a kind takes besides its period (bits of report_kind.options). */
enum report_option {
    REPORT_OPT_BELOW = 1u << 0,    /* only the members below their minimum hours */
    REPORT_OPT_BRANCH = 1u << 1,   /* one party branch */
    REPORT_OPT_CATEGORY = 1u << 2, /* one content category */
    REPORT_OPT_STANDARD = 1u << 3, /* a standard (required: report_build refuses none) */
    REPORT_OPT_UNIT = 1u << 4,     /* one unit (分校) of a merged ledger, by name (--unit) */
    REPORT_OPT_AS_OF = 1u << 5     /* a date the report is as of (--as-of, default today) and every standard */
};

struct standard;

/* What a report is asked for: the period (when has_period) and the options
 * the kind takes; the rest is ignored. */
struct report_request {
    struct fx_period period;
    bool has_period;
    bool below;                 /* REPORT_OPT_BELOW */
    int64_t branch_id;          /* REPORT_OPT_BRANCH: 0 = every branch */
    const char *category;       /* REPORT_OPT_CATEGORY: NULL or "" = every category */
    const struct standard *std; /* REPORT_OPT_STANDARD: loaded from a file (its rows read it again) */
    const char *unit;           /* REPORT_OPT_UNIT: NULL or "" = the ledger's own unit */
    const char *as_of;          /* REPORT_OPT_AS_OF: YYYY-MM-DD, NULL = today */
    const struct std_list *stds; /* REPORT_OPT_AS_OF: every standard (NULL: none); kept while rendering */
    bool cover;                 /* REPORT_PLAN: the 年度台账封面 that 建账 prints (its title) */
};

struct report_kind {
    const char *name;  /* "month": the word `fenxiao report` takes */
    const char *label; /* "月报": what people call it */
    int period_rule;   /* enum report_period_rule */
    int period_kind;   /* REPORT_PERIOD_FIXED: the enum period_kind it takes */
    unsigned options;  /* enum report_option bits */
    /* Fill *rep for req (already checked against period_rule by report_build). */
    int (*build)(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                 struct fx_error *err);
    /* Stream rows [offset, offset+limit) of a report it built (offset ≥ 0, limit < 0: to the end). */
    int (*rows)(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                struct fx_error *err);
};

/* Every kind, indexed by enum report_kind_id, in the order the command line lists them. */
extern const struct report_kind report_kinds[REPORT_NKINDS];

/* The kind named name ("month", "hours" …), or NULL. */
const struct report_kind *report_kind_find(const char *name);

/* Build a report of kind for req: a period the kind does not take, or none
 * where it needs one, is FX_EINPUT (field "period"); otherwise as the kind's
 * builder below. cfg may be NULL (defaults). */
int report_build(sqlite3 *db, const struct fx_config *cfg, const struct report_kind *kind,
                 const struct report_request *req, struct report *rep, struct fx_error *err);

/* Builders: fill *rep for the period. cfg may be NULL (defaults). They compute
 * the 合计 row and figures (through stats_period for the headline figures, so
 * the home screen agrees) and count the rows; the rows themselves are read by
 * report_rows. Errors: FX_EINTERNAL for a bad ledger, FX_EINPUT for a bad period.
 * A month's summary also notes the completion of the standard the config names
 * ([report] standard, default 八个一) when cfg is given and that standard loads. */
int report_month(sqlite3 *db, const struct fx_config *cfg, int year, int month, struct report *rep,
                 struct fx_error *err);
int report_quarter(sqlite3 *db, const struct fx_config *cfg, int year, int quarter, struct report *rep,
                   struct fx_error *err);
int report_year(sqlite3 *db, const struct fx_config *cfg, int year, struct report *rep, struct fx_error *err);
/* A month gives the per-session report, any other period the per-month one. */
int report_summary(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                   struct fx_error *err);
/* Hours of the year per active member against config_min_hours (leader_roles:
 * min_leader, else min_member), from the member_year aggregate table. */
int report_hours(sqlite3 *db, const struct fx_config *cfg, int year, bool below_only, struct report *rep,
                 struct fx_error *err);
int report_branches(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                    struct fx_error *err);
int report_categories(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                      struct fx_error *err);
int report_teachers(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                    struct fx_error *err);
/* 三会一课记录: the live sessions of 组织生活 kinds (vocab.class) in p, one row per target branch and session,
 * by branch, kind and date, with 应到/实到; never counted in the training figures. */
int report_meetings(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                    struct fx_error *err);
/* p NULL: every order. */
int report_orders(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                  struct fx_error *err);

/* For builders outside report.c (report_more.c): the common title block —
 * kind (enum report_kind_id), db, the ledger's unit, date made, signature labels —
 * and the period with its label, title (label + what), slug and sheet name. */
void report_begin(sqlite3 *db, const struct fx_config *cfg, int kind, struct report *rep);
void report_set_period(struct report *rep, const struct fx_period *p, const char *what, const char *slug);

/* Stream rows [offset, offset+limit) of the table (limit < 0: to the end) in
 * order, one at a time, straight from the ledger. Returns 0, the callback's
 * nonzero value, or an fx status with err filled. */
int report_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                struct fx_error *err);

/* The cell as people read it ("83.3%", "2.5", "12"); "" for an empty cell. */
void report_cell_format(const struct report_cell *c, char *out, size_t outsz);
/* The number as shown, for spreadsheet cells (a percent stays a ratio: 0.833). */
double report_cell_rounded(const struct report_cell *c);

#endif
