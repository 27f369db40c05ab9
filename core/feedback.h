/* feedback.h — the feedback collected after a session (评价反馈, issue 17): recorded in one audited
 * transaction, read back, and the one definition of 满意度 every screen and report uses. */
#ifndef FX_FEEDBACK_H
#define FX_FEEDBACK_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* 满意度, defined once (the seeds name 学员满意度评估 but give no formula):
 * - a session recorded with counts: (满意 + 基本满意) ÷ 回收份数;
 * - a session recorded with an average score: score ÷ scale (4.5 on a scale of 5 is 90%).
 * Each session is a number of forms (回收份数) and a number of satisfied forms (its 满意度 × 回收份数), so
 * a total over several sessions (a month, a teacher's year) is Σ satisfied forms ÷ Σ forms returned over
 * the live sessions that have feedback with at least one form: weighted by forms returned; sessions
 * without feedback do not count. The two SQL expressions below are that definition; every query that
 * shows a 满意度 sums them (f is the alias of a session_feedback row). */
#define FEEDBACK_SQL_FORMS(f) "(" f ".returned)"
#define FEEDBACK_SQL_SATISFIED(f)                                                                                      \
    "(CASE WHEN " f ".score IS NULL THEN " f ".satisfied + " f ".basic ELSE " f ".returned * " f ".score / " f         \
    ".scale END)"

#define FEEDBACK_COMMENT_MAX 200 /* characters */

struct session_feedback {
    int64_t session_id;
    int returned;   /* forms returned (回收) */
    bool has_score; /* true: an average score; false: the three counts */
    int satisfied, basic, unsatisfied;
    double score;
    int scale; /* the top of the score's scale (config [feedback] scale) */
    char comment[FEEDBACK_COMMENT_MAX * 4 + 1];
    /* Read back only (feedback_get): */
    char uuid[37];
    double rate; /* 满意度, 0…1; negative when no form was returned */
};

/* Check fb (counts sum to at most returned, score within 0…scale, the session exists and is not voided)
 * and record it as the session's feedback, replacing any earlier one, in one transaction with its audit
 * record. FX_EINPUT names the field; a closed year is FX_ECLOSED; nothing is written on any error. */
int feedback_save(sqlite3 *db, const struct session_feedback *fb, struct fx_error *err);

/* The feedback of session_id into *out (*found false, *out cleared, when it has none). */
int feedback_get(sqlite3 *db, int64_t session_id, struct session_feedback *out, bool *found, struct fx_error *err);

/* The 满意度 total of the training sessions (as the reports count them: live, of a training kind) dated
 * from … to (YYYY-MM-DD, both included): *satisfied = Σ satisfied forms, *forms = Σ forms returned over those
 * with feedback, *sessions = how many have feedback. 满意度 = *satisfied ÷ *forms (none when *forms is 0). */
int feedback_period(sqlite3 *db, const char *from, const char *to, double *satisfied, int64_t *forms, int64_t *sessions,
                    struct fx_error *err);

/* 满意度 = satisfied forms ÷ forms returned, the one division of it for screens and reports; negative when no
 * form was returned (nothing to divide by). */
double feedback_rate(double satisfied, int64_t forms);
/* 满意度 as people read it: "90.0%" (rate 0…1), or "—" when rate is negative (nothing to divide by). */
void feedback_rate_text(double rate, char *out, size_t outsz);

/* One line for a session's detail: "回收 20 份：满意 15、基本满意 3、不满意 2；满意度 90.0%" or
 * "回收 20 份：平均 4.5 分（满分 5）；满意度 90.0%". */
void feedback_describe(const struct session_feedback *fb, char *out, size_t outsz);

#endif
