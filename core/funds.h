/* funds.h — the funds ledger (经费台账): income and expense entries in whole 分, yearly budgets per source,
 * the rule of which sources may pay which spending category (data/funds.ini), and the year's totals. */
#ifndef FX_FUNDS_H
#define FX_FUNDS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "error.h"

#define FUNDS_MAX_WORDS  24       /* sources, or categories of one direction */
#define FUNDS_WORD_BYTES 65       /* a source's or a category's name (≤ 64 bytes) */
#define FUNDS_MAX_FEN    INT64_C(100000000000000) /* 1 万亿元: more is a typing mistake */
#define FUNDS_INCOME     "收入"
#define FUNDS_EXPENSE    "支出"

/* ---- amounts: whole 分, never floating point ---- */

/* Parse yuan as typed ("1,234.50", "1234.5", "0.1", "80"; commas only as thousands separators) into *fen.
 * Refused with FX_EINPUT and a Chinese message naming what (the label, "金额"): blank, a sign, more than two
 * decimals, any other character, or more than FUNDS_MAX_FEN. Zero is accepted (a budget may be 0). */
int funds_parse_amount(const char *text, const char *what, int64_t *fen, struct fx_error *err);
/* fen as yuan with two decimals and thousands separators: "1,234.50", "-20.00". out ≥ 32 bytes is enough. */
void funds_format(int64_t fen, char *out, size_t outsz);
/* fen as 万元 with two decimals ("5.00"), rounded half away from zero. */
void funds_format_wan(int64_t fen, char *out, size_t outsz);

/* ---- the words and the rule (data/funds.ini) ---- */

struct funds_rules {
    int nsources, nincome, nexpense;
    char source[FUNDS_MAX_WORDS][FUNDS_WORD_BYTES];  /* [sources] names */
    char income[FUNDS_MAX_WORDS][FUNDS_WORD_BYTES];  /* [income] categories */
    char expense[FUNDS_MAX_WORDS][FUNDS_WORD_BYTES]; /* [expense] categories */
    /* [allowed] 餐费 = 市级配套经费, 专项经费: per expense category, the sources that may pay it;
     * allowed_all[i]: the category is not listed, any source may pay it. */
    bool allowed_all[FUNDS_MAX_WORDS];
    unsigned allowed[FUNDS_MAX_WORDS]; /* bit j: source j may pay expense category i */
    int64_t limit[FUNDS_MAX_WORDS];       /* [limit] 餐费 = 2000.00: the most an expense category may take in a
                                           * year, in 分 (0: no limit) */
    char budget_source[FUNDS_WORD_BYTES]; /* the source the default budget is for ([budget] source) */
    int64_t budget_fen;                   /* the default yearly budget of it, in 分 ([budget] amount) */
    char path[1024];
};

/* Load path (NULL: data/funds.ini, or the file [funds] rules in cfg names), then cfg's [funds] budget and
 * budget_source over its [budget] section (cfg may be NULL). A malformed file or word list is FX_EINPUT naming
 * the file and line; a missing file FX_ENOTFOUND. */
int funds_rules_load(const char *path, const struct fx_config *cfg, struct funds_rules *rules, struct fx_error *err);
/* Whether source may pay expense category (false for a word the rules do not know). */
bool funds_rule_allows(const struct funds_rules *rules, const char *category, const char *source);

/* ---- entries ---- */

struct funds_entry {
    int64_t id;
    char uuid[37];
    char date[11];       /* YYYY-MM-DD */
    char direction[8];   /* FUNDS_INCOME or FUNDS_EXPENSE */
    char source[FUNDS_WORD_BYTES];
    char category[FUNDS_WORD_BYTES];
    int64_t amount;      /* 分, > 0 */
    char counterpart[201];
    char voucher[65];
    int64_t session_id;  /* 0: none */
    char note[2001];
    char rule_reason[401]; /* why an entry outside the rule was accepted ("" none) */
    char recorder[101];
    int voided;
    char void_reason[401];
};

/* Save a new entry (e->id 0) in one audited transaction and set e->id and e->uuid. Refused, nothing written:
 * FX_EINPUT for a word not in the rules, an amount not above 0, a session that does not exist, or an expense
 * whose source may not pay its category (funds_rule_allows) without a rule_reason (the message says how to give
 * one); FX_ECLOSED for a date in a closed year. */
int funds_add(sqlite3 *db, const struct funds_rules *rules, struct funds_entry *e, struct fx_error *err);
/* Void entry id with reason (required), audited; never deleted. FX_ENOTFOUND, FX_EINPUT (already void, no
 * reason), FX_ECLOSED. */
int funds_void(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err);
int funds_get(sqlite3 *db, int64_t id, struct funds_entry *e, struct fx_error *err);
/* Call fn for each entry dated from..to (inclusive, YYYY-MM-DD), by date and id, voided ones too when
 * with_voided; fn's nonzero return stops the walk and is returned. */
typedef int (*funds_entry_fn)(const struct funds_entry *e, void *ctx);
int funds_each(sqlite3 *db, const char *from, const char *to, bool with_voided, funds_entry_fn fn, void *ctx,
               struct fx_error *err);

/* One page of the entries dated from..to (voided ones too), by date and id, strictly after (after_date,
 * after_id) (after_date NULL: from the first): at most max rows into rows. Returns the rows filled, or -1 with
 * err filled. For a list that shows a screenful (keyset pagination). */
int funds_page(sqlite3 *db, const char *from, const char *to, const char *after_date, int64_t after_id,
               struct funds_entry *rows, int max, struct fx_error *err);

/* Set year's budget of source to fen (audited, one transaction). FX_EINPUT for a source not in the rules,
 * FX_ECLOSED for a closed year. */
int funds_budget_set(sqlite3 *db, const struct funds_rules *rules, int year, const char *source, int64_t fen,
                     struct fx_error *err);

/* The running balance of the 收支明细账: the live entries dated before `before` (YYYY-MM-DD), income minus
 * expense, in 分 — the 期初余额 of a period starting that day. */
int funds_balance_before(sqlite3 *db, const char *before, int64_t *fen, struct fx_error *err);

/* The 收支明细账's rows: live entries from ?1 to ?2 by date and id, with columns id, date, voucher, direction,
 * source, category, counterpart, note, income 分, expense 分, balance 分 (the running balance after the row,
 * starting from ?3, the 期初余额), rule_reason, session_id. Shared by the report and the screen. */
#define FUNDS_SQL_LEDGER                                                                                               \
    "SELECT id, date, voucher, direction, source, category, counterpart, note, "                                      \
    "  CASE direction WHEN '收入' THEN amount ELSE 0 END, CASE direction WHEN '支出' THEN amount ELSE 0 END, "         \
    "  ?3 + sum(CASE direction WHEN '收入' THEN amount ELSE -amount END) OVER (ORDER BY date, id), "                    \
    "  rule_reason, ifnull(session_id, 0) "                                                                            \
    "FROM funds_entry WHERE voided = 0 AND date BETWEEN ?1 AND ?2 ORDER BY date, id"

/* ---- the year against the budget ---- */

struct funds_line {
    char name[FUNDS_WORD_BYTES];
    bool has_budget;  /* sources: a budget applies (set, or the default of config/funds.ini) */
    bool budget_set;  /* sources: set with `funds budget` (not the default) */
    int64_t budget;   /* 分 */
    int64_t income;   /* 分, live income entries of the source (categories: 0) */
    int64_t expense;  /* 分, live expense entries */
    int64_t entries;  /* live entries counted */
    int64_t exceptions; /* live expense entries outside the rule (each has a reason, or it is unexplained) */
    int64_t unexplained; /* …of them without a reason (only entries saved around the CLI can be) */
};

/* The year's figures, each computed here once: per source (every source of the rules, then any other word
 * found in the ledger) its budget, income and expense; per expense category (the rules' order) its expense;
 * the totals; and the training it paid for (live sessions linked from live expense entries). */
struct funds_year {
    int year;
    int nsources, ncategories;
    struct funds_line source[FUNDS_MAX_WORDS * 2];
    struct funds_line category[FUNDS_MAX_WORDS * 2];
    int64_t budget, income, expense; /* 分: the sum of the sources' budgets, all income, all expense */
    int64_t budgeted_expense;        /* 分: the expense of the sources that have a budget (against budget) */
    int64_t entries, voided;         /* live entries; voided ones (counted nowhere else) */
    int64_t exceptions, unexplained; /* as funds_line, over the year */
    bool budget_listed;              /* a budget was set for the year with `funds budget` (经费列入预算) */
    int64_t linked_expense;          /* 分 spent on entries linked to a live session */
    int64_t linked_sessions, linked_person_times; /* those sessions; their 实到 summed (人次) */
};
int funds_year_summary(sqlite3 *db, const struct funds_rules *rules, int year, struct funds_year *out,
                       struct fx_error *err);
/* A source over its budget (expense > budget), or the whole year's expense over the whole budget. */
bool funds_line_over(const struct funds_line *l);
bool funds_year_over(const struct funds_year *y);
/* The share of the year's budget spent (budgeted expense ÷ budget, 0…), or negative when the year has no budget. */
double funds_year_used(const struct funds_year *y);
/* The warnings of the year, one line each, for the report and the screen ("警告：…超出预算…"). Returns how many
 * were written into lines (at most max). */
int funds_year_warnings(const struct funds_year *y, char lines[][256], int max);

/* The expense of one month (YYYY-MM), live entries, in 分 (the month summary's line). */
int funds_month_expense(sqlite3 *db, int year, int month, int64_t *fen, struct fx_error *err);

#endif
