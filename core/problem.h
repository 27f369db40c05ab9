/* problem.h — the three lists of seed 002: 问题清单 (problems found: date, source, description, the checklist or
 * plan item they concern), 责任清单 (each problem's responsible unit and person) and 任务清单 (each problem's
 * measures, with a deadline and a state 未开始 / 进行中 / 已完成, and once done the date and the evidence).
 * data/schema/008-problems.sql.
 *
 * Definitions, each computed here once:
 *   OPEN (未整改完成): a problem that has no task yet, or has a task that is not 已完成.
 *   OVERDUE (逾期) on a day: a task that is not 已完成 whose deadline is before that day.
 * A problem belongs to the year of its date found, a task to its problem's year (the closed-year lock). */
#ifndef FX_PROBLEM_H
#define FX_PROBLEM_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "error.h"

#define PROBLEM_TODO  "未开始"
#define PROBLEM_DOING "进行中"
#define PROBLEM_DONE  "已完成"

/* SQL: true for problem p when it is open (the definition above). */
#define PROBLEM_OPEN_SQL(p)                                                                                            \
    "(NOT EXISTS (SELECT 1 FROM problem_task t WHERE t.problem_id = " p ".id) OR EXISTS (SELECT 1 FROM "              \
    "problem_task t WHERE t.problem_id = " p ".id AND t.status <> '已完成'))"

struct problem {
    int64_t id;
    char uuid[37];
    char date[11];         /* found, YYYY-MM-DD */
    char source[16];       /* 查账 / 县级检查 / 自查 */
    char description[2001];
    char item[33];         /* a checklist item code ("" none) */
    int64_t plan_item_id;  /* 0: none */
    char resp_unit[201];   /* 责任单位 */
    char resp_person[101]; /* 责任人 */
    char recorder[101];
};

struct problem_task {
    int64_t id;
    char uuid[37];
    int64_t problem_id;
    char measure[2001];
    char deadline[11];
    char status[16];
    char done_date[11];
    char evidence[2001];
    char resp_unit[201];   /* "" : the problem's */
    char resp_person[101];
};

/* The source word typed: 查账, 县级检查 (also 县级, 检查), 自查. NULL when it is none of them. */
const char *problem_source_word(const char *typed);

/* Save a new problem (p->id 0) in one audited transaction and set p->id and p->uuid. FX_EINPUT for a bad date,
 * source or text; FX_ECLOSED when the year of its date is closed. */
int problem_add(sqlite3 *db, struct problem *p, struct fx_error *err);
/* Save a new task of t->problem_id (status 未开始, or 进行中 when t->status says so), audited, one transaction.
 * FX_ENOTFOUND for no such problem; FX_EINPUT for a bad deadline or measure; FX_ECLOSED for the problem's year
 * closed. */
int problem_task_add(sqlite3 *db, struct problem_task *t, struct fx_error *err);
/* Mark task id 进行中 (start) or 已完成 on date with evidence (done; both required), audited, one transaction.
 * FX_ENOTFOUND, FX_EINPUT (already done, a bad date, no evidence), FX_ECLOSED. */
int problem_task_start(sqlite3 *db, int64_t id, struct fx_error *err);
int problem_task_done(sqlite3 *db, int64_t id, const char *date, const char *evidence, struct fx_error *err);

int problem_get(sqlite3 *db, int64_t id, struct problem *p, struct fx_error *err);
int problem_task_get(sqlite3 *db, int64_t id, struct problem_task *t, struct fx_error *err);

/* The open problems of year (the definition above): how many. */
int problem_open_count(sqlite3 *db, int year, int64_t *n, struct fx_error *err);

/* A year's three lists as of a day: every problem found in the year (by date and id) and every task of them
 * (by problem, deadline and id), with each problem's state and each task's overdue flag, and the counts. */
struct problem_row {
    struct problem p;
    int ntasks, ndone, noverdue;
    bool open;
};
struct problem_task_row {
    struct problem_task t;
    bool overdue;
};
struct problem_year {
    int year;
    char as_of[11];
    int nproblems, ntasks;
    struct problem_row *problems;     /* malloc'd */
    struct problem_task_row *tasks;   /* malloc'd */
    int64_t open, closed, overdue, done_tasks; /* problems open / closed (整改完成); tasks overdue / 已完成 */
};
int problem_year_load(sqlite3 *db, int year, const char *as_of, struct problem_year *out, struct fx_error *err);
void problem_year_free(struct problem_year *y);

#endif
