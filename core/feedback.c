/* feedback.c — a session's feedback (评价反馈): checked, recorded in one audited transaction, read back;
 * 满意度 as feedback.h defines it, computed by SQLite from the same expressions the reports sum. */
#include "feedback.h"

#include <math.h>
#include <string.h>

#include "entity.h"
#include "stats.h"
#include "store.h"
#include "text.h"

#define FEEDBACK_GET                                                                                                   \
    "SELECT id, uuid, session_id, returned, satisfied, basic, unsatisfied, score, scale, comment, recorder, "          \
    "created_at, updated_at FROM session_feedback WHERE id = ?1"

static int check(const struct session_feedback *fb, struct fx_error *err)
{
    if (fb->returned < 0 || fb->returned > 100000)
        return fx_fail_field(err, FX_EINPUT, "returned", "回收份数超出范围：%d", fb->returned);
    if (fb->has_score) {
        if (fb->scale < 1 || fb->scale > 100)
            return fx_fail_field(err, FX_EINPUT, "scale", "评分满分应在 1 到 100 之间，而不是 %d", fb->scale);
        if (!isfinite(fb->score) || fb->score < 0 || fb->score > fb->scale)
            return fx_fail_field(err, FX_EINPUT, "score", "平均分应在 0 到 %d 之间（满分 %d），而不是 %g", fb->scale,
                                 fb->scale, fb->score);
    } else {
        if (fb->satisfied < 0 || fb->basic < 0 || fb->unsatisfied < 0)
            return fx_fail_field(err, FX_EINPUT, "satisfied", "满意、基本满意、不满意的份数不能为负");
        long sum = (long)fb->satisfied + fb->basic + fb->unsatisfied;
        if (sum > fb->returned)
            return fx_fail_field(err, FX_EINPUT, "satisfied",
                                 "满意 %d + 基本满意 %d + 不满意 %d = %ld 份，多于回收的 %d 份", fb->satisfied,
                                 fb->basic, fb->unsatisfied, sum, fb->returned);
    }
    return text_check_field(err, "comment", "意见建议", fb->comment, FEEDBACK_COMMENT_MAX, 0);
}

int feedback_save(sqlite3 *db, const struct session_feedback *fb, struct fx_error *err)
{
    int rc = check(fb, err);
    if (rc)
        return rc;
    if ((rc = store_begin(db, err)) != 0)
        return rc;
    int64_t voided = -1, id = 0;
    rc = store_get_int(db, "SELECT voided FROM session WHERE id = ?1", STORE_ARGS(STORE_INT(fb->session_id)), &voided,
                       err);
    if (!rc && voided < 0)
        rc = fx_fail_field(err, FX_EINPUT, "session", "没有编号为 %lld 的培训记录", (long long)fb->session_id);
    else if (!rc && voided > 0)
        rc = fx_fail_field(err, FX_EINPUT, "session", "培训记录 %lld 已作废，不能登记评价", (long long)fb->session_id);
    if (!rc)
        rc = store_get_int(db, "SELECT id FROM session_feedback WHERE session_id = ?1",
                           STORE_ARGS(STORE_INT(fb->session_id)), &id, err);
    char uuid[37] = "";
    char *before = NULL;
    if (!rc && id) {
        before = store_row_json(db, FEEDBACK_GET, id);
        rc = store_get_text(db, "SELECT uuid FROM session_feedback WHERE id = ?1", STORE_ARGS(STORE_INT(id)), uuid,
                            sizeof uuid, err);
    }
    if (!rc) {
        sqlite3_stmt *st;
        rc = store_prepare(
            db,
            id ? "UPDATE session_feedback SET returned = ?2, satisfied = ?3, basic = ?4, "
                 "unsatisfied = ?5, score = ?6, scale = ?7, comment = ?8, recorder = ?9, "
                 "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1"
               : "INSERT INTO session_feedback (session_id, returned, satisfied, basic, unsatisfied, "
                 "score, scale, comment, recorder, uuid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            &st, err);
        if (!rc) {
            if (!id)
                store_uuid(uuid);
            sqlite3_bind_int64(st, 1, id ? id : fb->session_id);
            sqlite3_bind_int(st, 2, fb->returned);
            if (fb->has_score) {
                sqlite3_bind_double(st, 6, fb->score);
                sqlite3_bind_int(st, 7, fb->scale);
            } else {
                sqlite3_bind_int(st, 3, fb->satisfied);
                sqlite3_bind_int(st, 4, fb->basic);
                sqlite3_bind_int(st, 5, fb->unsatisfied);
            }
            sqlite3_bind_text(st, 8, fb->comment, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 9, store_actor(), -1, SQLITE_TRANSIENT);
            if (!id)
                sqlite3_bind_text(st, 10, uuid, -1, SQLITE_STATIC);
            int s = sqlite3_step(st);
            sqlite3_finalize(st);
            if (s != SQLITE_DONE)
                rc = store_fail(db, s, err, "登记培训评价");
            else if (!id)
                id = sqlite3_last_insert_rowid(db);
        }
    }
    if (!rc)
        rc = entity_audit(db, "feedback", NULL, FEEDBACK_GET, id, uuid, before, err);
    sqlite3_free(before);
    return store_end(db, rc, err);
}

int feedback_get(sqlite3 *db, int64_t session_id, struct session_feedback *out, bool *found, struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    out->session_id = session_id;
    out->rate = -1;
    *found = false;
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "SELECT uuid, returned, score IS NOT NULL, ifnull(satisfied, 0), ifnull(basic, 0), "
                           "ifnull(unsatisfied, 0), ifnull(score, 0), ifnull(scale, 0), comment, "
                           "CASE WHEN " FEEDBACK_SQL_FORMS("f") " > 0 THEN 1.0 * " FEEDBACK_SQL_SATISFIED(
                               "f") " / " FEEDBACK_SQL_FORMS("f") " ELSE -1 END "
                                                                  "FROM session_feedback f WHERE f.session_id = ?1",
                           &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, session_id);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        *found = true;
        store_copy_column(out->uuid, sizeof out->uuid, st, 0);
        out->returned = sqlite3_column_int(st, 1);
        out->has_score = sqlite3_column_int(st, 2) != 0;
        out->satisfied = sqlite3_column_int(st, 3);
        out->basic = sqlite3_column_int(st, 4);
        out->unsatisfied = sqlite3_column_int(st, 5);
        out->score = sqlite3_column_double(st, 6);
        out->scale = sqlite3_column_int(st, 7);
        store_copy_column(out->comment, sizeof out->comment, st, 8);
        out->rate = sqlite3_column_double(st, 9);
    }
    sqlite3_finalize(st);
    return s == SQLITE_ROW || s == SQLITE_DONE ? 0 : store_fail(db, s, err, "读取培训评价");
}

double feedback_rate(double satisfied, int64_t forms)
{
    return forms > 0 ? satisfied / (double)forms : -1;
}

void feedback_rate_text(double rate, char *out, size_t outsz)
{
    if (rate < 0)
        text_copy(out, outsz, "—");
    else
        text_format(out, outsz, "%.1f%%", rate * 100.0);
}

void feedback_describe(const struct session_feedback *fb, char *out, size_t outsz)
{
    char rate[32];
    feedback_rate_text(fb->rate, rate, sizeof rate);
    if (fb->has_score)
        text_format(out, outsz, "回收 %d 份：平均 %g 分（满分 %d）；满意度 %s", fb->returned, fb->score, fb->scale,
                    rate);
    else
        text_format(out, outsz, "回收 %d 份：满意 %d、基本满意 %d、不满意 %d；满意度 %s", fb->returned, fb->satisfied,
                    fb->basic, fb->unsatisfied, rate);
}

int feedback_period(sqlite3 *db, const char *from, const char *to, double *satisfied, int64_t *forms, int64_t *sessions,
                    struct fx_error *err)
{
    *satisfied = 0;
    *forms = *sessions = 0;
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "SELECT ifnull(sum(" FEEDBACK_SQL_SATISFIED("f") "), 0), ifnull(sum(" FEEDBACK_SQL_FORMS(
                               "f") "), 0), count(f.id) FROM session s JOIN session_feedback f ON f.session_id = s.id "
                                    "WHERE s.voided = 0 AND s.date BETWEEN ?1 AND ?2 AND " STATS_SQL_TRAINING("s"),
                           &st, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        *satisfied = sqlite3_column_double(st, 0);
        *forms = sqlite3_column_int64(st, 1);
        *sessions = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return s == SQLITE_ROW ? 0 : store_fail(db, s, err, "统计满意度");
}
