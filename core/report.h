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

#define REPORT_MAX_COLS    12
#define REPORT_CELL_LEN    256 /* bytes of one text cell, NUL included (a title is ≤ 200) */
#define REPORT_MAX_FIGURES 16
#define REPORT_MAX_NOTES   10
#define REPORT_NOTE_LEN    384

enum report_kind {
    REPORT_MONTH,      /* the sessions of one month, one per row */
    REPORT_PERIODIC,   /* a quarter, half or year: one row per month */
    REPORT_HOURS,      /* per member: hours in the year against the minimum */
    REPORT_BRANCHES,   /* per party branch: members, trained, person-times */
    REPORT_CATEGORIES, /* counts by content category, then by format */
    REPORT_TEACHERS,   /* teacher workload */
    REPORT_ORDERS,     /* 点单 (course orders) and their state */
    /* Built in report_more.c, rows read through rep->rows_fn: */
    REPORT_DIRECTORY, /* 通讯录: members by branch with role and phone */
    REPORT_CHECKLIST, /* a standard's items with their state and evidence */
    REPORT_COUNTY,    /* one row per township of a merged ledger */
    REPORT_MENU       /* 培训菜单: offered courses by category and module (report_menu.c) */
};

enum report_cell_type {
    CELL_EMPTY,
    CELL_TEXT,
    CELL_INT,    /* value is a whole number */
    CELL_NUMBER, /* value shown with at most precision decimals, trailing zeros dropped */
    CELL_PERCENT /* value is a ratio (0.833), shown as "83.3%" with precision decimals */
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
};

/* A headline figure: "期数 30 期". */
struct report_figure {
    char label[64];
    struct report_cell value;
    char suffix[16]; /* unit word after the value ("期", "人"), may be "" */
};

/* One report. It owns no heap memory, so it needs no free function; but the
 * rows are read from the ledger when asked (report_rows), so db must stay open
 * and unchanged in meaning while the report is rendered. Memory is therefore
 * the same for 30 sessions or 75,000 members. */
struct report {
    int kind;              /* enum report_kind */
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

    /* What report_rows queries; set by the builders, not for renderers. */
    sqlite3 *db;
    struct fx_period period;
    bool period_all; /* orders: no period filter */
    bool below_only; /* hours: only members below their minimum */
    double min_member, min_leader;
    char leader_roles[256];
    double denom; /* categories: the 期数 the 占比 is taken of */
    /* Builders in other files read their rows themselves: report_rows hands
     * the call to rows_fn when it is set (offset ≥ 0 by then). */
    int (*rows_fn)(const struct report *rep, int64_t offset, int64_t limit,
                   int (*fn)(const struct report_row *row, void *ctx), void *ctx, struct fx_error *err);
    int64_t branch_id; /* directory: one branch, 0 = all */
    char source[1024]; /* checklist: the standard file, read again for the rows */
    char category[64]; /* menu: one content category, "" = all */
};

/* Builders: fill *rep for the period. cfg may be NULL (defaults). They compute
 * the 合计 row and figures (through stats_period for the headline figures, so
 * the home screen agrees) and count the rows; the rows themselves are read by
 * report_rows. Errors: FX_EINTERNAL for a bad ledger, FX_EINPUT for a bad period. */
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
/* p NULL: every order. */
int report_orders(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                  struct fx_error *err);

/* For builders outside report.c (report_more.c): the common title block —
 * kind, db, the ledger's unit, date made, signature labels, config minimums —
 * and the period with its label, title (label + what), slug and sheet name. */
void report_begin(sqlite3 *db, const struct fx_config *cfg, int kind, struct report *rep);
void report_set_period(struct report *rep, const struct fx_period *p, const char *what, const char *slug);

/* Called once per row; return 0 to go on, anything else to stop (report_rows
 * then returns that value). The row is only valid during the call. */
typedef int (*report_row_fn)(const struct report_row *row, void *ctx);

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
