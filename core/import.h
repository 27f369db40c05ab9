/* import.h — the roster and roll calls from spreadsheets: branches, members, teachers, venues, courses, attendance.
 * A file is imported whole or not at all; a dry run shows each line's outcome first. */
#ifndef FX_IMPORT_H
#define FX_IMPORT_H

/* The largest file an import reads (64 MiB; fenxiao(1)): a county's roster is a few MiB. */
struct fx_config;

#define IMPORT_MAX_FILE (64LL * 1024 * 1024)

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"

enum import_table {
    IMPORT_BRANCHES,
    IMPORT_MEMBERS,
    IMPORT_TEACHERS,
    IMPORT_VENUES,
    IMPORT_COURSES,
    IMPORT_ATTENDANCE,
    IMPORT_FUNDS, /* 经费记录: a bank or finance export (issue 16) */
    IMPORT_PLAN,  /* 年度培训计划: the year's plan items (issue 15; `fenxiao plan import`) */
    IMPORT_NTABLES
};

/* "members" (or 党员/名册, branches/党组织, attendance/出勤/考勤/签到 …) → enum import_table; -1 if unknown. */
int import_table_parse(const char *name);
/* "党员", "党组织", "教师", "场地", "课程", "出勤记录". */
const char *import_table_label(int table);

struct import_line;

struct import_options {
    int table;              /* enum import_table */
    bool dry_run;           /* do everything, then roll back */
    bool create_branches;   /* members: a branch not in the ledger is created, not refused (ignored otherwise) */
    bool skip_bad;          /* write the good lines even if some are refused */
    const char *map;        /* "列名=字段,…" overriding the header synonyms; NULL = none.
                               A field is named by its key (phone) or any of its header names;
                               a column by its header text or its number (1 = first). */
    const char *rules_path; /* the synonym file; NULL = data/import.ini */
    const struct fx_config *cfg; /* funds: the county's rules file ([funds] rules); NULL = data/funds.ini */
    int year;               /* plan: the plan's year (its 月份 cells name months of it) */
    const char *sheet;      /* a workbook's sheet by name, or number (1 = first); NULL = the
                               first. FX_EUSAGE with a CSV file. See sheetin.h. */
    /* Optional: called once per data line, in file order, as soon as its
     * outcome is known (also for lines not kept in import_result.lines), so a
     * caller can show every line of a large file in fixed memory. The line is
     * valid only during the call. Outcomes are final, but whether anything was
     * written is known only when import_run returns (res->written). */
    void (*on_line)(void *arg, const struct import_line *line);
    void *on_line_arg;
};

enum import_outcome { IMPORT_ADDED, IMPORT_UPDATED, IMPORT_UNCHANGED, IMPORT_REFUSED };

/* What import_result.lines keeps, so memory stays bounded whatever the file's
 * size: every refused line up to IMPORT_KEEP_REFUSED, and the first
 * IMPORT_KEEP_LINES of the others (added, updated, unchanged). */
#define IMPORT_KEEP_LINES   1000
#define IMPORT_KEEP_REFUSED 5000

/* One data line of the file and what became (or would become) of it. */
struct import_line {
    int line;          /* line in the file where the record starts (1-based) */
    int outcome;       /* enum import_outcome */
    char what[160];    /* the row as a person names it: "张三（第一党支部）" */
    char message[400]; /* the changes ("联系电话：138… → 139…"), or why it was refused */
};

struct import_result {
    int added, updated, unchanged, refused;
    int branches_created; /* with create_branches */
    int sessions_changed; /* attendance: sessions whose roll call the file changed */
    int plan_linked;      /* plan: sessions of the year linked to the new items by the automatic rule (plan.h) */
    bool written;         /* the changes were committed */
    char encoding[48];    /* as detected: "GB18030/GBK" …; a workbook's format: "Excel 工作簿（.xlsx）" */
    char sheet[128];      /* the workbook's sheet read; "" for CSV */
    char columns[600]; /* how the header was read: "姓名→姓名、手机→联系电话；未用：出生日期" */
    /* Data lines in file order, as bounded above (the counts above cover all
     * lines; use them, not nlines, for totals); owned, see import_result_free. */
    struct import_line *lines;
    int nlines;
    int cap;
    int omitted; /* lines counted above but not kept in lines (see on_line to see them all) */
};

/* Import path into the ledger as one transaction (BEGIN IMMEDIATE: the
 * ledger must be open for writing, also for a dry run, which rolls back).
 * path is CSV (its encoding found as csvin.h says) or an Excel workbook,
 * .xlsx or .xls, known by its content (sheetin.h): the same columns, rules
 * and outcomes either way, lines being the sheet's row numbers. A corrupt
 * workbook, or one with an open password, is FX_EINPUT with nothing read.
 * res is filled in every case and must be freed with import_result_free.
 * Returns 0 when every line was accepted (and, unless dry_run, written);
 * FX_EINPUT when a line was refused — nothing is written unless skip_bad —
 * or the file is malformed (err names the file and line) — FX_ECLOSED instead
 * when every refused line was refused because its year is closed; FX_EUSAGE for a
 * bad map; FX_EFS when the file cannot be read; FX_ELOCKED / FX_EFS from
 * the ledger.
 *
 * Who is who (so re-importing a file changes nothing):
 *   党组织 and 场地: the same name in this ledger's unit.
 *   党员: the same name in the same branch, and the same phone number or no
 *     phone on either side; a lone namesake in that branch with another number
 *     is the same person whose number changed; several namesakes that the
 *     number cannot tell apart are refused as ambiguous. A ledger member
 *     matched by one line of the file is not matched again by a later one, so
 *     two people of one name in one branch stay two people.
 *   教师: as 党员, without the branch.  课程: the same title in this unit.
 *   出勤 (a roll-call line, into sessions already in the ledger; it never adds
 *     sessions or people): the session is the live one with that date and
 *     title (trimmed) in the unit named by 所属分校, else in this ledger's
 *     unit; 培训编号, when it names one of the sessions of that date and title,
 *     picks it (an export of this ledger), else it is not used. No such
 *     session, several that the number cannot tell apart, or only a voided
 *     one refuse the line. The person is found as 党员 above (name and branch
 *     in the session's unit, the phone to tell namesakes apart) but never
 *     added; namesakes the line cannot tell apart are refused, unless one of
 *     them is in the roll call just as the line says. A line that repeats
 *     what the roll call holds is unchanged, also for a voided session or a
 *     closed year; any other line for those is refused. One person twice for
 *     one session: the later line must agree with the first. No status means
 *     present; a reason is kept for leave and absence only.
 *     Afterwards each session whose roll call changed gets 应到/实到 and
 *     updated_at as ledger_save_session sets them, and the records that save
 *     writes: "update" of the session row (when it changed) and of its roll
 *     call (before and after, as ledger_roll_call_json).
 * The file gets one audit record (its name, the counts and, for members, the
 * first and last id and uuid of the rows it added); every row it changed gets
 * its own (before/after as JSON, as the forms write them); nothing when
 * nothing changed. Branches, teachers, venues and courses are added through
 * the forms' own saves, so each has its insert record too. Memory does not grow with the file (see IMPORT_KEEP_*).
 * An empty cell means "not given": it never blanks a value in the ledger.
 * Names of people lose the spaces typed to align two-character names (张 三). */
int import_run(sqlite3 *db, const char *path, const struct import_options *opt, struct import_result *res,
               struct fx_error *err);

void import_result_free(struct import_result *res);

/* "新增", "修改", "不变", "拒绝". */
const char *import_outcome_label(int outcome);
/* A line's outcome as a listing of the run words it: in a run that wrote nothing (not a dry run) a line that
 * would have been written reads 可新增/可修改, never 新增, which reads like success (issue 18). */
const char *import_line_label(int outcome, const struct import_options *opt, const struct import_result *res);
/* The run's one-line summary, into out (cut to fit), the same on the command line and the screen:
 *   试运行（未写入）党员：新增 6，修改 0，不变 0，拒绝 1
 *   已导入党员：新增 6，修改 0，不变 0，拒绝 0；新建党组织 1
 *   未导入党员：有 1 行被拒绝，整个文件都没有写入，账本未改动（改正后可新增 6，修改 0，不变 0） */
void import_summary_line(const struct import_options *opt, const struct import_result *res, char *out, size_t outsz);

#endif
