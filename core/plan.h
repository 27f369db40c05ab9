/* plan.h — the year's training plan (年度培训计划): planned items, their links to the sessions that carry them
 * out, plan against actual (计划 / 已完成 / 逾期 / 未到期), the plan checked against a standard, and 建账. */
#ifndef FX_PLAN_H
#define FX_PLAN_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "standard.h"
#include "text_limits.h"

#define PLAN_HOW_AUTO "自动"
#define PLAN_HOW_HAND "手动"

struct plan_item {
    int64_t id;
    char uuid[37];
    int year;
    int month_first, month_last; /* 1–12: the month or period it is due in; overdue once month_last has ended */
    char title[FX_TEXT_BYTES(FX_TITLE_CHARS)];
    char category[FX_TEXT_BYTES(FX_WORD_CHARS)]; /* 内容类别, a word of the vocabulary */
    char kind[FX_TEXT_BYTES(FX_WORD_CHARS)];     /* 类型 (培训班, 专题党课 …), a word of the vocabulary */
    char target[FX_TEXT_BYTES(FX_LINE_CHARS)];   /* 参训对象, as written */
    double hours;                                /* planned 学时 */
    char responsible[FX_TEXT_BYTES(FX_PERSON_CHARS)];
    int64_t course_id; /* 0: none */
    char note[FX_TEXT_BYTES(FX_LINE_CHARS)];
    char recorder[FX_TEXT_BYTES(FX_PERSON_CHARS)];
    int voided;
    char void_reason[FX_TEXT_BYTES(FX_WHY_CHARS)];
};

/* The month or period of a plan line as people write it: "3", "3月", "03", "2027-03", "2027年3月", "1-2月",
 * "1—2月", "3月至4月", "第一季度"/"一季度", "上半年", "下半年", "全年" (full-width digits too). year is the
 * plan's year; a cell naming another year is refused. FX_EINPUT with a Chinese message saying what is accepted. */
int plan_parse_months(const char *text, int year, int *first, int *last, struct fx_error *err);
/* "3月", "1—2月", "全年" for a period. out ≥ 16 bytes. */
void plan_format_months(int first, int last, char *out, size_t outsz);

/* Save a new item (p->id 0) in one audited store_begin level and set p->id and p->uuid. Refused, nothing
 * written: FX_EINPUT for a blank title, months out of order, a category or kind not in the vocabulary, hours
 * below 0 or above 1000, a course that does not exist; FX_ECLOSED for a closed year. Links nothing (see
 * plan_autolink_year). */
int plan_add(sqlite3 *db, struct plan_item *p, struct fx_error *err);
int plan_get(sqlite3 *db, int64_t id, struct plan_item *p, struct fx_error *err);
/* Change a live item (p->id) in one audited store_begin level: the same checks as plan_add; FX_ENOTFOUND, FX_EINPUT
 * for a voided item, FX_ECLOSED when its year or the year it moves to is closed. Links are kept as they are. */
int plan_update(sqlite3 *db, struct plan_item *p, struct fx_error *err);

/* Link session session_id to plan item plan_id by hand, in one audited transaction; a session already linked
 * is moved (one link per session). The session must be live and of the item's year, the item live. The link
 * touches the session's updated_at (merge carries it with the session). FX_ENOTFOUND, FX_EINPUT, FX_ECLOSED. */
int plan_link_session(sqlite3 *db, int64_t session_id, int64_t plan_id, struct fx_error *err);
/* The plan item session_id is linked to (*plan_id 0: none) and how (PLAN_HOW_AUTO/HAND; how ≥ 16 bytes, may be
 * NULL). Reads only. */
int plan_session_link(sqlite3 *db, int64_t session_id, int64_t *plan_id, char *how, struct fx_error *err);

/* A session linked to a plan item, live or voided, as plan_item_sessions lists them. */
struct plan_session {
    int64_t session_id;
    char date[11];
    char title[FX_TEXT_BYTES(FX_TITLE_CHARS)];
    char kind[FX_TEXT_BYTES(FX_WORD_CHARS)];
    char category[FX_TEXT_BYTES(FX_WORD_CHARS)];
    double hours;
    int voided;
    char how[16]; /* PLAN_HOW_AUTO or PLAN_HOW_HAND */
};
/* The sessions linked to plan_id, by date and id, the first max of them into out; *n gets how many. */
int plan_item_sessions(sqlite3 *db, int64_t plan_id, struct plan_session *out, int max, int *n,
                       struct fx_error *err);

/* The automatic link (fenxiao(1), PLAN ITEMS): a live session not yet linked is linked to the plan item of its
 * year that is live, has no live session linked yet, is due in a period containing the session's month
 * (month_first ≤ month ≤ month_last), and has the session's kind and 内容类别 — when exactly one item matches.
 * None, or several (the secretary chooses with `plan link`), links nothing. Inside the caller's transaction;
 * *plan_id gets the item linked, 0 when none. */
int plan_autolink_session(sqlite3 *db, int64_t session_id, int64_t *plan_id, struct fx_error *err);
/* The same for every live unlinked session of year, by date and id (the sessions entered before the plan was
 * imported); *linked gets how many were linked. Inside the caller's transaction. */
int plan_autolink_year(sqlite3 *db, int year, int *linked, struct fx_error *err);

/* ---- plan against actual ---- */

enum plan_state {
    PLAN_DONE,    /* 已完成: a live session is linked */
    PLAN_OVERDUE, /* 逾期: no live session linked and month_last ended before the as-of date */
    PLAN_PENDING  /* 未到期: no live session linked yet, still due */
};
/* "已完成", "逾期", "未到期". */
const char *plan_state_label(int state);

struct plan_row {
    struct plan_item item;
    int state;            /* enum plan_state */
    int64_t session_id;   /* the first live session linked (by date), 0 none */
    char session_date[11];
    int sessions;         /* live sessions linked */
};
/* Counts over live plan items: 计划 = done + overdue + pending. */
struct plan_tally {
    int planned, done, overdue, pending;
};
struct plan_progress {
    int year;
    char as_of[11];
    struct plan_row *rows; /* owned: live items by month_last, month_first and id */
    int nrows;
    struct plan_tally month[13]; /* [m]: the items due in month m (month_last); [0]: the whole year */
    int voided;                  /* voided items, counted nowhere else */
};
/* The year's plan against the ledger as of as_of (YYYY-MM-DD; NULL: today, date_today). The only place these
 * figures are counted. Free with plan_progress_free. */
int plan_progress(sqlite3 *db, int year, const char *as_of, struct plan_progress *out, struct fx_error *err);
/* The same for the plan items of one unit (分校) of a merged ledger (unit_id 0: every unit, as plan_progress). */
int plan_progress_unit(sqlite3 *db, int year, int64_t unit_id, const char *as_of, struct plan_progress *out,
                       struct fx_error *err);
void plan_progress_free(struct plan_progress *p);
/* 完成率: done ÷ planned (0 when nothing is planned). */
double plan_rate(const struct plan_tally *t);

/* ---- the plan against a standard's rules (seed 003: 40-peixun-jihua.ini), and 建账 ---- */

#define PLAN_RULES_MAX 16
struct plan_rule {
    char title[201];
    int found, required; /* plan items counted; the least the rule asks of the year (min, or windows × min_each) */
    bool met;
    char gaps[400]; /* the windows with too few items: "5—6月、9—10月" ("" none) */
};
struct plan_check {
    int year;
    int items;  /* live plan items of the year */
    int nrules;
    struct plan_rule rule[PLAN_RULES_MAX];
    bool ok;    /* every rule met */
    int budgets_copied; /* plan_open_year: the year before's funds budgets copied into the year (sources it lacked) */
};
/* Count the year's live plan items against each ledger item of std (its kinds and categories; formats are not
 * planned and are ignored): an item with `every` needs min_each planned items due (month_last) in each window
 * of that many months of the year; one with `min` needs that many in the year. */
int plan_check_standard(sqlite3 *db, int year, const struct standard *std, struct plan_check *out,
                        struct fx_error *err);

/* The standard a plan is checked against at 建账: seed 003's rules (data/standards/40-peixun-jihua.ini). */
#define PLAN_STANDARD_ID "peixun-jihua"
/* One rule's line as 建账 shows it: "符合    TITLE：计划 N 项", or "不符合  TITLE：计划 N 项，未覆盖 5—6月" (or
 * "，应不少于 M 项"). */
void plan_rule_describe(const struct plan_rule *r, char *out, size_t outsz);

/* Whether year was opened (建账), and when and by whom (opened_at ≥ 21 bytes, by ≥ 160 bytes; may be NULL). */
int plan_year_opened(sqlite3 *db, int year, bool *opened, char *opened_at, char *by, struct fx_error *err);
/* Open year (建账) in one transaction: the plan checked against std (NULL: not checked), the standing settings of
 * the year before copied where the year has none (funds budgets: check->budgets_copied), a year_open row and an
 * audit record ("open-year": who, when, the plan's count and what the check found). check is filled either way.
 * FX_ECLOSED for a closed year; FX_NO, with a message saying when and by whom, when it was opened before. */
int plan_open_year(sqlite3 *db, int year, const struct standard *std, struct plan_check *check,
                   struct fx_error *err);

#endif
