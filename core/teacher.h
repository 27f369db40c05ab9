/* teacher.h — the teacher pool (师资库): teachers saved with an audit record, read by id, a page at a time with the
 * sessions each taught in a year, found by name or id, and their year's workload. A teacher is never deleted. */
#ifndef FX_TEACHER_H
#define FX_TEACHER_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"
#include "feedback.h"
#include "stats.h"
#include "text_limits.h"

struct teacher {
    int64_t id;
    char uuid[37];
    char name[101];
    char employment[16]; /* 专职 / 兼职 */
    char type[16];       /* 领导型 / 榜样型 / 专家型 */
    int is_adviser;      /* 指导员 */
    char org[FX_TEXT_BYTES(FX_PLACE_CHARS)];
    char phone[FX_TEXT_BYTES(FX_PHONE_CHARS)];
    char topics[FX_TEXT_BYTES(FX_LINE_CHARS)];
};

/* Insert (id 0) or update a teacher: one transaction with an audit record, or a savepoint inside the caller's
 * (imports, the demo). Blank 专职/兼职 and type read as 兼职 and 专家型. */
int teacher_save(sqlite3 *db, struct teacher *t, struct fx_error *err);

/* Resolve an active teacher from a name or a numeric id. Unknown: FX_ENOTFOUND; a name shared by several:
 * FX_EINPUT listing them with their ids. */
int teacher_find(sqlite3 *db, const char *name_or_id, int64_t *id, struct fx_error *err);
/* One row by id (also an inactive one). Unknown id: FX_ENOTFOUND. */
int teacher_get(sqlite3 *db, int64_t id, struct teacher *t, struct fx_error *err);

/* A teacher's figures over a period, the one definition the 师资库 and the teachers report share: the
 * training sessions taught (live, of a training kind, as stats.h counts them), their 学时 and 人次 (实到),
 * and 满意度 as feedback.h defines it (Σ satisfied forms ÷ Σ forms returned over those sessions with
 * feedback). TEACHER_SQL_PERIOD_JOIN joins them to a teacher t for the period ?from … ?to (SQL parameter
 * names given); TEACHER_SQL_FIGURES then selects, grouped by t.id: sessions, hours, present, satisfied, forms. */
#define TEACHER_SQL_PERIOD_JOIN(from, to)                                                                              \
    "LEFT JOIN session s ON s.teacher_id = t.id AND s.voided = 0 AND s.date BETWEEN " from " AND " to " AND "         \
    STATS_SQL_TRAINING("s") " LEFT JOIN session_feedback f ON f.session_id = s.id "
#define TEACHER_SQL_FIGURES_AS(n, h, pr, sat, forms)                                                                   \
    "count(s.id) AS " n ", ifnull(sum(s.hours), 0) AS " h ", ifnull(sum(s.present), 0) AS " pr ", ifnull(sum("      \
    FEEDBACK_SQL_SATISFIED("f") "), 0) AS " sat ", ifnull(sum(" FEEDBACK_SQL_FORMS("f") "), 0) AS " forms
#define TEACHER_SQL_FIGURES TEACHER_SQL_FIGURES_AS("y_sessions", "y_hours", "y_present", "y_satisfied", "y_forms")

/* A teacher with the year's figures (TEACHER_SQL_FIGURES). */
struct teacher_row {
    struct teacher t;
    int sessions;
    double hours;
    int64_t present;   /* 人次 */
    double satisfied;  /* satisfied forms; 满意度 = satisfied ÷ forms */
    int64_t forms;     /* forms returned; 0: no feedback, no 满意度 */
    double sort_value; /* the figure teacher_page_sorted ordered by (0 by name), for the next page's keyset */
};

/* Active teachers ordered by (name, id), strictly after (after_name, after_id)
 * when after_id > 0. query ("" = all) matches name, unit or topics by text or
 * pinyin initials. Returns rows filled (≤ max) or -1 with err set. */
int teacher_page(sqlite3 *db, int year, const char *query, const char *after_name, int64_t after_id,
                 struct teacher_row *rows, int max, struct fx_error *err);

/* The orders of the 师资库: by name, or by one of the year's figures, largest first (then by name); by
 * 满意度, teachers without feedback come last. */
enum teacher_sort { TEACHER_SORT_NAME, TEACHER_SORT_SESSIONS, TEACHER_SORT_HOURS, TEACHER_SORT_PRESENT,
                    TEACHER_SORT_SATISFACTION, TEACHER_NSORTS };
/* "姓名", "期数", "学时", "人次", "满意度". */
const char *teacher_sort_label(int sort);

/* teacher_page in the order sort, strictly after the row after (NULL: from the first). */
int teacher_page_sorted(sqlite3 *db, int year, const char *query, int sort, const struct teacher_row *after,
                        struct teacher_row *rows, int max, struct fx_error *err);

struct teacher_load {
    int64_t teacher_id;
    char name[101];
    int sessions; /* live sessions taught in the year */
    double hours; /* their 学时, summed per session */
};

/* Sessions taught per active teacher in year, busiest first (then by name),
 * teachers with none included. Returns rows filled (≤ max) or -1. */
int teacher_workload(sqlite3 *db, int year, struct teacher_load *rows, int max, struct fx_error *err);

#endif
