/* standard.h — checklist standards (“八个一”, 三会一课 …) read from INI files, and
 * their evaluation against the live ledger. The file format is in fenxiao(5). */
#ifndef FX_STANDARD_H
#define FX_STANDARD_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "text_limits.h"

enum std_evidence {
    STD_LEDGER, /* sessions of the ledger matching kind / format / category */
    STD_ROSTER, /* a count on the roster (advisers, teachers, venues …) */
    STD_MANUAL, /* a mark made by hand with a note */
    STD_RATE,   /* a share computed from the ledger (轮训率, 参训率) against a least share */
    STD_FUNDS   /* proved by the funds ledger (经费台账, core/funds.h) over the period's year */
};

/* What a funds item checks (funds = budget | rules in the file). */
enum std_funds {
    STD_FUNDS_BUDGET, /* 经费列入预算: a budget was set for the year with `funds budget` */
    STD_FUNDS_RULES   /* 专款专用: no live expense of the year breaks data/funds.ini's rule without a reason */
};

/* What a rate item computes, each from the one function in stats.h that the
 * reports print it with, over the standard's period. */
enum std_rate {
    STD_RATE_ROTATION,  /* 轮训率/受训率: members trained in the period ÷ members on the register */
    STD_RATE_ATTENDANCE /* 参训率: 实到 ÷ 应到 over the period's sessions */
};

enum std_scope { STD_SCOPE_UNIT, STD_SCOPE_BRANCH };

/* What a roster item counts. STD_COUNT_DIRECTORY (the printed contact
 * directory) has nothing to count yet and is proved by a mark. */
enum std_count {
    STD_COUNT_ADVISERS,        /* active teachers with is_adviser (指导员) */
    STD_COUNT_TEACHERS,        /* active teachers (师资库) */
    STD_COUNT_MEMBERS,         /* active members (of the branch, when one is asked) */
    STD_COUNT_BRANCHES,        /* active branches */
    STD_COUNT_MAIN_VENUES,     /* active venues of kind 主阵地 */
    STD_COUNT_TEACHING_POINTS, /* active venues of kind 教学点 */
    STD_COUNT_COURSES,         /* courses on the menu, not retired */
    STD_COUNT_FEATURED,        /* featured courses (特色课) */
    STD_COUNT_DIRECTORY        /* the contact directory printed: a mark for now */
};

#define STD_FILTER_MAX 12
#define STD_WORD_LEN   64

struct std_filter {
    int n;
    char word[STD_FILTER_MAX][STD_WORD_LEN];
};

struct std_item {
    char id[32]; /* the part after "item." in the section name; marks use it */
    char title[201];
    char area[64];                                 /* grouping for scored standards (六有), "" if none */
    char hint[256];                                /* what counts as evidence, shown to people */
    int evidence;                                  /* enum std_evidence */
    int count;                                     /* enum std_count, roster items only */
    struct std_filter kinds, formats, categories;  /* ledger: empty = any */
    int min;                                       /* total required in the period */
    int every;                                     /* months per sub-period (1, 2, 3, 6, 12); 0 = the whole period */
    int min_each;                                  /* required in each sub-period when every > 0 */
    double points;                                 /* scored standards: points when done, 0 = unscored */
    char local[256]; /* 本县口径: the county's reading of vague wording in the document ("一批" taken as
                      * at least 3), shown apart from the document's 依据; "" = the requirement is the
                      * document's own */
    int rate;        /* enum std_rate, rate items */
    double min_rate; /* rate items: the least share, 0–1 (min = 60% in the file) */
    int funds;       /* enum std_funds, funds items */
    int line;                                      /* line of the [item.…] header, for messages */
    int kinds_line, formats_line, categories_line; /* lines of those keys */
};

struct standard {
    char id[64];   /* [standard] id: ASCII, used by marks and the command line */
    char name[64]; /* short name (“八个一”); the title when not given */
    char title[201];
    char source[256];
    char note[512];
    char path[1024];        /* the file it was read from */
    int period;             /* enum period_kind: the period it is checked over */
    int scope;              /* enum std_scope */
    struct std_item *items; /* owned; free with standard_free */
    int nitems;
    bool scored; /* any item has points, or a [stars] table exists */
    double max_points;
    double star_min[6]; /* star_min[s] = least score for s stars (1–5); < 0 when not defined */
    int normal_stars;   /* [stars] normal: the least stars that count toward 规范化率 (default 1, 一星级及以上) */
    int good_stars;     /* [stars] good: the least stars that count toward 优良率 (default 3, 三星级及以上) */
};

/* Read one standard file. Malformed files (unknown key, evidence or period,
 * missing title, bad number) are FX_EINPUT with "文件 第N行：…" in err->msg;
 * a missing file is FX_ENOTFOUND. On success free with standard_free. */
int standard_load(const char *path, struct standard *std, struct fx_error *err);
void standard_free(struct standard *std);

/* Every *.ini under the given directories (NULL-terminated list; missing
 * directories are skipped), in file-name order. A bad file does not stop the others:
 * its error is kept in errors[]. A later directory's file replaces an earlier
 * one with the same id (a county's own copy overrides the shipped one). */
struct std_list {
    struct standard *std;
    int n;
    struct fx_error *errors;
    int nerrors;
};
int standard_load_all(const char *const *dirs, struct std_list *out, struct fx_error *err);
void standard_list_free(struct std_list *l);

/* By id, short name or title, else by a piece of the title that only one
 * standard's title contains. NULL if none or ambiguous. */
const struct standard *standard_find(const struct std_list *l, const char *id_or_title);
/* An item by id or exact title; NULL if none. */
const struct std_item *standard_item(const struct standard *std, const char *id_or_title);

enum std_state {
    STD_DONE,      /* enough found, every sub-period covered */
    STD_PARTLY,    /* something found, not yet enough, nothing overdue */
    STD_MISSING,   /* nothing found */
    STD_OVERDUE,   /* a sub-period already over is short */
    STD_NEEDS_MARK /* a manual item not (or no longer) marked */
};

/* One sub-period of an item with `every`: "2024-03", "2024-01~02", "2024-Q1", "2024-H1". */
struct std_sub {
    char label[16];
    char from[11], to[11];
    int found, required;
    bool ended; /* its last day is before today */
    bool lacking; /* found < required: one of the item's nshort */
};

struct std_proof {
    int64_t id;
    char date[11];
    char title[201];
    char kind[64];
    char files[256]; /* its attachments' names joined by "、" (archive.h), "" none; cut with "…" */
};

struct std_item_result {
    const struct std_item *item; /* points into the standard evaluated */
    int state;                   /* enum std_state */
    int found, required;
    struct std_proof *proofs; /* ledger items: the sessions counted, by date */
    int nproofs;
    struct std_sub *subs; /* items with every: one per sub-period */
    int nsubs;
    int nshort;  /* sub-periods short of their minimum */
    bool marked; /* manual items: a live mark exists */
    char mark_files[256]; /* the live mark's attachments' names joined by "、", "" none */
    char mark_date[11];
    char mark_note[FX_TEXT_BYTES(FX_LINE_CHARS)];
    double points; /* earned (scored standards) */
    double rate;   /* rate items: the share found (rate_num ÷ rate_den, 0 when rate_den is 0) */
    int64_t rate_num, rate_den;
    /* funds items: budget — the sources budgeted for the year and their total (分); rules — the year's live
     * expense entries outside the rule, and those of them without a reason */
    int64_t funds_count, funds_total;
};

struct std_result {
    struct fx_period period;
    int64_t branch_id;             /* 0 = the whole unit */
    int64_t unit_id;               /* 0 = every unit of the ledger */
    struct std_item_result *items; /* one per item, in the standard's order */
    int nitems;
    int done; /* items in state STD_DONE */
    double score, max_score;
    int stars; /* 0–5, scored standards with a [stars] table */
};

/* Evaluate std over period p (which must be of the standard's period kind)
 * for the whole unit (branch_id 0) or one branch (sessions targeted at it,
 * marks made for it). Reads the ledger every time; voided sessions never
 * count. A filter word the ledger does not know is FX_EINPUT naming the file
 * and line. The result is the caller's: free with standard_result_free. */
int standard_evaluate(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                      struct std_result *out, struct fx_error *err);
/* The same with "today" given (YYYY-MM-DD), which decides what is overdue. */
int standard_evaluate_at(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                         const char *today, struct std_result *out, struct fx_error *err);
/* The same restricted to one unit (分校) of a merged ledger (merge.h): only
 * its sessions, its teachers, venues and courses, its branches and their
 * members, and its marks count. unit_id 0 is every unit, which is what
 * standard_evaluate and standard_evaluate_at do. */
int standard_evaluate_unit(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                           int64_t unit_id, struct std_result *out, struct fx_error *err);
int standard_evaluate_unit_at(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                              int64_t unit_id, const char *today, struct std_result *out, struct fx_error *err);
/* standard_evaluate_at without the attachments' names of the evidence (each proof's files and the marks'
 * mark_files are "") and with only the first proof of each item titled (the others' title ""; when every ledger
 * item picks its sessions by kind alone, the sessions are read from the kind and date alone): the same states,
 * counts, proofs (ids, dates, kinds) and score, without a look-up per proof. For the screens, which show the
 * first proof and no attachment names (a county ledger's year of 八个一 has thousands of proofs); an export that
 * prints them evaluates with standard_evaluate_at, a list of the proofs titles them with standard_proof_titles. */
int standard_evaluate_brief(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                            const char *today, struct std_result *out, struct fx_error *err);
/* Fill in the titles of r's proofs that have none (a brief result's), by their ids. */
int standard_proof_titles(sqlite3 *db, struct std_item_result *r, struct fx_error *err);
/* The same for each of units[0..nunits) (branch_id 0) into out[0..nunits), as one evaluation of the whole
 * ledger would read them: the period's sessions are read once for all the units and split by unit in memory
 * (the county report's column: 30 townships, one read). One unit 0 is the whole ledger, as
 * standard_evaluate_at reads it (the month report's footnote). The evidence carries no attachment names. On
 * failure nothing is left to free in out. */
int standard_evaluate_units_at(sqlite3 *db, const struct standard *std, const struct fx_period *p,
                               const int64_t *units, int nunits, const char *today, struct std_result *out,
                               struct fx_error *err);
void standard_result_free(struct std_result *r);

/* Per-branch view of a standard: one result per active branch, and the share
 * of branches that have everything done (规范化率; for standards with stars, the
 * share at normal_stars or more) and at each star level; 优良率 is the share at
 * good_stars or more (seed 004: 三星级及以上). */
struct std_branch_summary {
    int n;
    int64_t *branch_id; /* owned, n entries */
    char (*branch_name)[201];
    struct std_result *results;
    int all_done;       /* branches with every item done */
    int at_stars[6];    /* branches with exactly s stars */
    int normal;         /* branches counted in 规范化率: all_done, or stars ≥ normal_stars */
    int good;           /* branches counted in 优良率: stars ≥ good_stars (0 without stars) */
    double normal_rate; /* 规范化率: normal ÷ n */
    double good_rate;   /* 优良率: good ÷ n; 0 for standards without stars */
};
int standard_evaluate_branches(sqlite3 *db, const struct standard *std, const struct fx_period *p, const char *today,
                               struct std_branch_summary *out, struct fx_error *err);
void standard_branch_summary_free(struct std_branch_summary *s);

/* Whether std asked of branch_id (0: the whole unit) is checked branch by
 * branch, as a table of branches × items: a branch standard asked of the whole
 * unit while there are active branches. Otherwise one result (with no branch
 * on the roster a branch standard is checked over the whole unit). */
bool standard_by_branches(sqlite3 *db, const struct standard *std, int64_t branch_id);

/* Everything done: every item of r, or every branch of s with all its items
 * (what `fenxiao check` answers with its exit status). */
bool standard_result_all_done(const struct std_result *r);
bool standard_summary_all_done(const struct std_branch_summary *s);

/* ---- the checklist in words (standard_words.c), shown alike by the screen, the
 * command line and the exported file; every string is cut to fit its buffer ---- */

/* A standard with a [stars] table (star_min set for some level). */
bool standard_has_stars(const struct standard *std);
/* The stars (0–5) a score earns by the standard's [stars] table: the highest level whose least score it
 * reaches; 0 without a table. */
int standard_stars_for(const struct standard *std, double score);
/* stars (0–5) as five marks, ★★★☆☆, into out (n bytes). */
void standard_stars_text(int stars, char *out, size_t n);
/* A sub-period's label without the year a title or header already names:
 * "2024-03" → "3月", "2024-01~02" → "1~2月", "2024-Q1" → "Q1"; a label of
 * another year stays whole. */
void standard_sub_label(const char *label, int year, char *out, size_t n);
/* The sub-periods of r that are lacking, by label: "2024-03、2024-07"; with
 * all, also those not yet over. Returns how many were listed. With year 0 the
 * labels are whole and one not yet over is marked （未到期）; otherwise they are
 * compact, for a row under a header naming that year: its labels drop it
 * ("2024-03" → "3月", "2024-01~02" → "1~2月", "2024-Q1" → "Q1"), no marks. */
int standard_lacking_subs(const struct std_item_result *r, bool all, int year, char *out, size_t n);
/* A result's totals in one line: "完成 5/8 项", then "；得分 80/100" when
 * scored and "；★★★★☆ 4 星" when the standard has stars. */
void standard_totals_text(const struct standard *std, const struct std_result *res, char *out, size_t n);

/* The rates under a branch table, from the summary's figures: in parts, for a
 * screen that breaks the line where it has room, and as the one sentence. */
struct std_rates_text {
    bool has_stars;     /* the standard has stars: good and stars are set */
    char normal[160];   /* "规范化率 87.5%（7/8 个党组织全部完成）", with stars
                         * "规范化率 87.5%（7/8 个党组织一星级及以上）" */
    char good[96];      /* "优良率 50.0%（4/8 个党组织三星级及以上）"; "" without stars */
    char stars[192];    /* "5 星 1 个、4 星 3 个、…、0 星 0 个" (five down to none); "" without stars */
    char sentence[448]; /* normal, good and stars joined by "；" */
};
void standard_rates_text(const struct standard *std, const struct std_branch_summary *s, struct std_rates_text *out);

/* Mark a manual item done for period p (and branch, 0 = unit) with a note, or
 * with undo withdraw the live mark (the row stays, flagged undone). One
 * transaction with an audit record. Ledger and counted roster items cannot be
 * marked (FX_EINPUT); undoing a mark that does not exist is FX_ENOTFOUND. */
int standard_mark(sqlite3 *db, const struct standard *std, const char *item_id, const struct fx_period *p,
                  int64_t branch_id, const char *note, bool undo, struct fx_error *err);

/* What an item found against what it requires, in words, for items whose
 * requirement is a number: "名册中指导员 2 个，要求至少 3 个", "台账 2 次，要求至少 3 次",
 * "轮训率 62.5%（25/40 人），要求不低于 60.0%". "" for a mark. The county's reading
 * (it->local) is not in it: print standard_local_text under it. */
void standard_requirement_text(const struct std_item_result *r, char *out, size_t n);
/* "本县口径：…" for an item whose number is the county's reading of the document;
 * "" when the requirement is the document's own. */
void standard_local_text(const struct std_item *it, char *out, size_t n);

/* Short Chinese words for states, evidence, periods, counts and rates (static strings). */
const char *standard_rate_name(int rate);
/* 经费列入预算, 专款专用: what a funds item checks. */
const char *standard_funds_name(int funds);
const char *standard_state_name(int state);
const char *standard_evidence_name(int evidence);
const char *standard_period_name(int kind);
const char *standard_count_name(int count);
/* A period of the standard's kind containing today ("this year" for a yearly one). */
void standard_current_period(const struct standard *std, struct fx_period *p);

#endif
