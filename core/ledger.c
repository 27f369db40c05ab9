/* ledger.c — saving, voiding and listing training sessions.
 * One user action is one store_begin … store_end (a savepoint inside the caller's); the caller says 已保存 after. */
#include "ledger.h"
#include "plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "register.h"
#include "rollaudit.h"
#include "store.h"
#include "text.h"
#include "vocab.h"

int ledger_validate_session(sqlite3 *db, const struct session *s, struct fx_error *err)
{
    struct fx_date d;
    char title[sizeof s->title];
    if (date_parse(s->date, &d, err))
        return FX_EINPUT;
    int t0 = -1, t1 = -1;
    /* time_parse reports into its own error so the message can be prefixed
     * without formatting err->msg into itself. */
    struct fx_error terr;
    if (s->start[0] && time_parse(s->start, &t0, &terr))
        return fx_fail_field(err, FX_EINPUT, "start", "开始%s", terr.msg);
    if (s->end[0] && time_parse(s->end, &t1, &terr))
        return fx_fail_field(err, FX_EINPUT, "end", "结束%s", terr.msg);
    if (t0 >= 0 && t1 >= 0 && t1 <= t0)
        return fx_fail_field(err, FX_EINPUT, "end", "结束时间应晚于开始时间");
    int rc;
    if ((rc = text_check_field(err, "title", "标题", s->title, FX_TITLE_CHARS, 0)) != 0 ||
        (rc = text_check_field(err, "note", "备注", s->note, FX_NOTE_CHARS, TEXT_KEEP_LINES)) != 0 ||
        (rc = text_check_field(err, "recorder", "记录人", s->recorder, FX_PERSON_CHARS, 0)) != 0)
        return rc;
    for (int i = 0; i < s->natt; i++)
        if ((rc = text_check_field(err, "attendance", "缺席原因", s->att[i].reason, FX_REASON_CHARS, 0)) != 0)
            return rc;
    text_copy(title, sizeof title, s->title);
    if (!*text_trim(title))
        return fx_fail_field(err, FX_EINPUT, "title", "标题不能为空");
    long days = 1;
    if (s->end_date[0]) {
        struct fx_date e;
        struct fx_error derr;
        if (date_parse(s->end_date, &e, &derr))
            return fx_fail_field(err, FX_EINPUT, "end_date", "结束日期：%s", derr.msg);
        days = date_to_days(&e) - date_to_days(&d) + 1;
        if (days < 2)
            return fx_fail_field(err, FX_EINPUT, "end_date", "结束日期应晚于开始日期（一天的培训不填结束日期）");
        if (e.y != d.y)
            return fx_fail_field(err, FX_EINPUT, "end_date",
                                 "培训班跨年：学时归入取得学时的年度，请按年分成两条记录（%d年、%d年各一条）", d.y, e.y);
    }
    if (!(s->hours >= 0 && s->hours <= 24.0 * (double)days) || isnan(s->hours))
        return fx_fail_field(err, FX_EINPUT, "hours", "学时应在 0 到 %ld 之间（每天最多 24）", 24 * days);
    if ((rc = vocab_check(db, "category", s->category, err)) || (rc = vocab_check(db, "format", s->format, err)) ||
        (rc = vocab_check(db, "kind", s->kind, err)))
        return rc;
    /* A failed query is the ledger's error, never "does not exist". */
    bool found = true;
    if (s->teacher_id && (rc = store_exists(db, "SELECT 1 FROM teacher WHERE id = ?1",
                                            STORE_ARGS(STORE_INT(s->teacher_id)), &found, err)) != 0)
        return rc;
    if (!found)
        return fx_fail_field(err, FX_EINPUT, "teacher", "教师不存在");
    if (s->venue_id && (rc = store_exists(db, "SELECT 1 FROM venue WHERE id = ?1", STORE_ARGS(STORE_INT(s->venue_id)),
                                          &found, err)) != 0)
        return rc;
    if (!found)
        return fx_fail_field(err, FX_EINPUT, "venue", "场地不存在");
    if (s->course_id && (rc = store_exists(db, "SELECT 1 FROM course WHERE id = ?1",
                                           STORE_ARGS(STORE_INT(s->course_id)), &found, err)) != 0)
        return rc;
    if (!found)
        return fx_fail_field(err, FX_EINPUT, "course", "课程不存在");
    for (int i = 0; i < s->nbranches; i++) {
        if ((rc = store_exists(db, "SELECT 1 FROM branch WHERE id = ?1", STORE_ARGS(STORE_INT(s->branches[i])), &found,
                               err)) != 0)
            return rc;
        if (!found)
            return fx_fail_field(err, FX_EINPUT, "branches", "党组织不存在（编号 %lld）", (long long)s->branches[i]);
    }
    /* One statement for the whole roll call: a 100-person session is one prepare. */
    sqlite3_stmt *mq = NULL;
    if (s->natt > 0 && (rc = store_prepare(db, "SELECT 1 FROM member WHERE id = ?", &mq, err)) != 0)
        return rc;
    for (int i = 0; i < s->natt; i++) {
        sqlite3_bind_int64(mq, 1, s->att[i].member_id);
        int step = sqlite3_step(mq);
        sqlite3_reset(mq);
        if (step != SQLITE_ROW && step != SQLITE_DONE) {
            sqlite3_finalize(mq);
            return store_fail(db, step, err, "检查点名");
        }
        if (step == SQLITE_DONE) {
            sqlite3_finalize(mq);
            return fx_fail_field(err, FX_EINPUT, "attendance", "党员不存在（编号 %lld）",
                                 (long long)s->att[i].member_id);
        }
        for (int j = 0; j < i; j++)
            if (s->att[j].member_id == s->att[i].member_id) {
                sqlite3_finalize(mq);
                return fx_fail_field(err, FX_EINPUT, "attendance", "同一人在点名中出现了两次（编号 %lld）",
                                     (long long)s->att[i].member_id);
            }
    }
    sqlite3_finalize(mq);
    if (s->expected < 0 || s->present < 0)
        return fx_fail_field(err, FX_EINPUT, "expected", "人数不能为负");
    if (s->natt == 0 && s->expected > 0 && s->present > s->expected)
        return fx_fail_field(err, FX_EINPUT, "present", "实到人数（%d）多于应到人数（%d）", s->present, s->expected);
    if (s->natt > 0) {
        struct att_counts c;
        ledger_count_attendance(s->att, s->natt, &c);
        int guests = 0;
        for (int i = 0; i < s->natt; i++)
            guests += s->att[i].guest && s->att[i].status == ATT_PRESENT;
        if (s->present_given && s->present != c.present)
            return fx_fail_field(err, FX_EINPUT, "present", "实到人数（%d）与点名中的“到”（%d 人）不一致", s->present,
                                 c.present);
        if (s->expected_given && c.present - guests > s->expected)
            return fx_fail_field(err, FX_EINPUT, "expected", "点名中实到的本组织人员（%d 人）多于应到人数（%d）",
                                 c.present - guests, s->expected);
    }
    return 0;
}

int ledger_register_count(sqlite3 *db, const int64_t *branches, int nbranches, const char *date, int *count,
                          struct fx_error *err)
{
    /* The register of that day (register.h): 正式 and 预备 党员 of those branches. */
    int64_t n = 0;
    int rc = member_registered_in_branches(db, branches, nbranches, date, &n, err);
    *count = rc ? 0 : (int)n;
    return rc;
}

int ledger_expected_for(sqlite3 *db, const struct session *s, int *expected, const char **basis,
                        struct fx_error *err)
{
    /* Without a roll call, an 应到 above 0 can only have been typed: it is given. */
    if (s->expected_given || (s->natt == 0 && s->expected > 0)) {
        *expected = s->expected;
        *basis = "given";
        return 0;
    }
    int n = 0;
    if (s->nbranches > 0) {
        int rc = ledger_register_count(db, s->branches, s->nbranches, s->date, &n, err);
        if (rc)
            return rc;
        if (n > 0) {
            *expected = n;
            *basis = "register";
            return 0;
        }
    }
    n = 0;
    for (int i = 0; i < s->natt; i++)
        n += !s->att[i].guest;
    if (s->natt == 0 && s->present > 0) {
        /* A head count with no 应到 given and no target branches: everyone expected came. */
        *expected = s->present;
        *basis = "given";
        return 0;
    }
    *expected = n;
    *basis = "rollcall";
    return 0;
}

/* enum att_status ↔ the number the attendance table stores (rollaudit.h). */
int ledger_status_code(int st)
{
    return st == ATT_PRESENT ? ROLL_PRESENT : st == ATT_LEAVE ? ROLL_LEAVE : ROLL_ABSENT;
}

int ledger_status_of_code(int code)
{
    return code == ROLL_PRESENT ? ATT_PRESENT : code == ROLL_LEAVE ? ATT_LEAVE : ATT_ABSENT;
}

#define SESSION_JSON "SELECT * FROM session WHERE id = ?"

/* Shared with the attendance import (ledger.h): the whole roll call in the audit's record form (rollaudit.h). */
char *ledger_roll_call_json(sqlite3 *db, int64_t session_id, sqlite3_stmt **keep)
{
    struct roll_list l = {0};
    struct fx_error ignore = {0};
    char *out = roll_read(db, session_id, keep, &l, &ignore) ? NULL : roll_encode(&l);
    roll_list_free(&l);
    return out;
}

static char *att_json(sqlite3 *db, int64_t id)
{
    return ledger_roll_call_json(db, id, NULL);
}

static int step_done(sqlite3 *db, sqlite3_stmt *st, struct fx_error *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_fail(db, rc, err, "保存培训记录");
    return 0;
}

static int write_session(sqlite3 *db, struct session *s, struct fx_error *err)
{
    sqlite3_stmt *st;
    const char *sql =
        s->id
            ? "UPDATE session SET date=?2, start_time=?3, end_time=?4, title=?5, category=?6, format=?7, kind=?8, "
              "course_id=?9, teacher_id=?10, venue_id=?11, hours=?12, expected=?13, present=?14, note=?15, "
              "recorder=?16, end_date=?19, expected_basis=?20, "
              "updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1 AND voided = 0"
            : "INSERT INTO session (date, start_time, end_time, title, category, format, kind, course_id, teacher_id, "
              "venue_id, hours, expected, present, note, recorder, uuid, unit_id, end_date, expected_basis) "
              "VALUES (?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)";
    if (store_prepare(db, sql, &st, err))
        return FX_EINTERNAL;
    if (s->id)
        sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_text(st, 2, s->date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, s->start, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, s->end, -1, SQLITE_STATIC);
    char title[sizeof s->title];
    snprintf(title, sizeof title, "%s", s->title);
    sqlite3_bind_text(st, 5, text_trim(title), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, s->category, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, s->format, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, s->kind, -1, SQLITE_STATIC);
    if (s->course_id)
        sqlite3_bind_int64(st, 9, s->course_id);
    if (s->teacher_id)
        sqlite3_bind_int64(st, 10, s->teacher_id);
    if (s->venue_id)
        sqlite3_bind_int64(st, 11, s->venue_id);
    sqlite3_bind_double(st, 12, s->hours);
    sqlite3_bind_int(st, 13, s->expected);
    sqlite3_bind_int(st, 14, s->present);
    sqlite3_bind_text(st, 15, s->note, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 16, s->recorder, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 19, s->end_date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 20, s->expected_basis, -1, SQLITE_STATIC);
    if (!s->id) {
        sqlite3_bind_text(st, 17, s->uuid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 18, store_unit_id(db));
    }
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail(db, rc, err, "保存培训记录");
    if (!s->id)
        s->id = sqlite3_last_insert_rowid(db);
    else if (sqlite3_changes(db) == 0)
        return fx_fail(err, FX_EINPUT, "记录 %lld 不存在或已作废，不能修改", (long long)s->id);
    return 0;
}

/* The whole roll call in one statement, from a JSON array of [member, status, reason, guest]: one statement's work
 * for the triggers and the foreign keys, not one per attendee (issue 22, bench item 5). */
static int insert_roll_call(sqlite3 *db, const struct session *s, struct fx_error *err)
{
    sqlite3_stmt *st;
    int rc;
    sqlite3_str *rows = sqlite3_str_new(db);
    for (int i = 0; i < s->natt; i++) {
        sqlite3_str_appendf(rows, "%s[%lld,%d,", i ? "," : "[", (long long)s->att[i].member_id,
                            ledger_status_code(s->att[i].status));
        roll_append_json_string(rows, s->att[i].status == ATT_PRESENT ? "" : s->att[i].reason);
        sqlite3_str_appendf(rows, ",%d]", s->att[i].guest ? 1 : 0);
    }
    sqlite3_str_appendchar(rows, 1, ']');
    char *json = sqlite3_str_finish(rows);
    if (!json)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    if (store_prepare(db,
                      "INSERT INTO attendance (session_id, member_id, status, reason, guest) "
                      "SELECT ?1, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?2) ORDER BY key",
                      &st, err)) {
        sqlite3_free(json);
        return FX_EINTERNAL;
    }
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_text(st, 2, json, -1, sqlite3_free);
    rc = step_done(db, st, err);
    sqlite3_finalize(st);
    return rc;
}

static int write_children(sqlite3 *db, const struct session *s, struct fx_error *err)
{
    sqlite3_stmt *st;
    int rc;
    if (store_prepare(db, "DELETE FROM session_branch WHERE session_id = ?", &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, s->id);
    rc = step_done(db, st, err);
    sqlite3_finalize(st);
    if (rc || store_prepare(db, "INSERT OR IGNORE INTO session_branch (session_id, branch_id) VALUES (?, ?)", &st, err))
        return rc ? rc : FX_EINTERNAL;
    for (int i = 0; i < s->nbranches && !rc; i++) {
        sqlite3_bind_int64(st, 1, s->id);
        sqlite3_bind_int64(st, 2, s->branches[i]);
        rc = step_done(db, st, err);
    }
    sqlite3_finalize(st);
    if (rc || store_prepare(db, "DELETE FROM attendance WHERE session_id = ?", &st, err))
        return rc ? rc : FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, s->id);
    rc = step_done(db, st, err);
    sqlite3_finalize(st);
    if (!rc && s->natt > 0)
        rc = insert_roll_call(db, s, err);
    if (rc || !s->order_id)
        return rc;
    /* Only an open order (已点单 / 已排课) can be delivered; re-saving the session
     * that already delivered it is fine. */
    char *before = store_row_json(db, "SELECT * FROM course_order WHERE id = ?", s->order_id);
    if (store_prepare(db,
                      "UPDATE course_order SET session_id = ?1, state = '已完成', "
                      "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?2 AND "
                      "(state IN ('已点单', '已排课') OR (state = '已完成' AND session_id = ?1))",
                      &st, err)) {
        sqlite3_free(before);
        return FX_EINTERNAL;
    }
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_int64(st, 2, s->order_id);
    rc = step_done(db, st, err);
    sqlite3_finalize(st);
    if (!rc && sqlite3_changes(db) == 0)
        rc = fx_fail_field(err, FX_EINPUT, "order", "这个点单已完成或已取消，不能再交付");
    if (!rc) {
        char *after = store_row_json(db, "SELECT * FROM course_order WHERE id = ?", s->order_id);
        char uuid[37] = "";
        rc = store_get_text(db, "SELECT uuid FROM course_order WHERE id = ?1", STORE_ARGS(STORE_INT(s->order_id)), uuid,
                            sizeof uuid, err);
        if (!rc && (!before || !after || strcmp(before, after)))
            rc = store_audit(db, "update", "course_order", uuid, before, after, err);
        sqlite3_free(after);
    }
    sqlite3_free(before);
    return rc;
}

int ledger_save_session(sqlite3 *db, struct session *s, struct fx_error *err)
{
    if (!s->kind[0])
        snprintf(s->kind, sizeof s->kind, "%s", "培训班");
    /* Checked inside the write transaction: what was checked is what is written
     * (no other copy can change it in between), and the checks' reads share the
     * transaction's lock instead of taking one each. A refusal writes nothing. */
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    if ((rc = ledger_validate_session(db, s, err)) != 0)
        return store_end(db, rc, err);
    if (s->natt > 0) {
        struct att_counts n;
        ledger_count_attendance(s->att, s->natt, &n);
        s->present = n.present;
    }
    const char *basis = "";
    int expected = 0;
    if ((rc = ledger_expected_for(db, s, &expected, &basis, err)) != 0)
        return store_end(db, rc, err);
    s->expected = expected;
    text_copy(s->expected_basis, sizeof s->expected_basis, basis);
    int64_t old_id = s->id;
    char old_uuid[37];
    snprintf(old_uuid, sizeof old_uuid, "%s", s->uuid);
    if (!s->id)
        store_uuid(s->uuid);
    /* Inside the caller's transaction (the demo, imports) store_begin joined it
     * with a savepoint, so a failed session still leaves nothing half-written. */
    char *before = NULL, *before_att = NULL;
    if (s->id) {
        before = store_row_json(db, SESSION_JSON, s->id);
        before_att = att_json(db, s->id);
        rc = store_get_text(db, "SELECT uuid FROM session WHERE id = ?1", STORE_ARGS(STORE_INT(s->id)), s->uuid,
                            sizeof s->uuid, err);
    }
    if (!rc)
        rc = write_session(db, s, err);
    if (!rc)
        rc = write_children(db, s, err);
    if (!rc) {
        /* A new session is one record, the digest of its roll call (rollaudit.h): the row as saved is the session
         * row, or the before of the first record that changes it; the roll call likewise, taken back through the
         * records of what changed in it. A change is the row before and after, then what changed in the roll call. */
        char *after = before ? store_row_json(db, SESSION_JSON, s->id) : NULL;
        char *after_att = att_json(db, s->id);
        char digest[ROLL_DIGEST_SIZE];
        if (!after_att || (before && !after) || roll_digest_of(after_att, digest))
            rc = fx_fail(err, FX_EINTERNAL, "读取培训记录失败");
        else if (!before)
            rc = store_audit(db, "insert", "session", s->uuid, NULL, digest, err);
        else if ((rc = store_audit(db, "update", "session", s->uuid, before, after, err)) == 0)
            rc = roll_audit_texts(db, "update", s->uuid, before_att, after_att, err);
        sqlite3_free(after);
        sqlite3_free(after_att);
    }
    /* A new session carries out its plan item when the rule finds exactly one (plan.h). */
    if (!rc && s->plan_id) {
        int64_t linked = 0;
        char how[16] = "";
        rc = plan_session_link(db, s->id, &linked, how, err);
        if (!rc && (linked != s->plan_id || strcmp(how, PLAN_HOW_HAND)))
            rc = plan_link_session(db, s->id, s->plan_id, err);
    } else if (!rc && !before) {
        int64_t plan_id;
        rc = plan_autolink_session(db, s->id, &plan_id, err);
    }
    sqlite3_free(before);
    sqlite3_free(before_att);
    rc = store_end(db, rc, err);
    if (rc) {
        s->id = old_id;
        snprintf(s->uuid, sizeof s->uuid, "%s", old_uuid);
    }
    return rc;
}

/* Void (to = 1) or restore (to = 0) a session in one audited transaction. The
 * restore keeps its reason in the audit record's after image (restore_reason):
 * the row itself holds only the state it is in now. */
static int set_voided(sqlite3 *db, int64_t id, int to, const char *reason, struct fx_error *err)
{
    char why[FX_TEXT_BYTES(FX_WHY_CHARS)];
    if (text_check_field(err, "reason", to ? "作废原因" : "恢复原因", reason ? reason : "", FX_WHY_CHARS, 0))
        return FX_EINPUT;
    text_copy(why, sizeof why, reason ? reason : "");
    if (!*text_trim(why))
        return fx_fail_field(err, FX_EINPUT, "reason", to ? "作废必须写明原因" : "恢复必须写明原因");
    if (store_begin(db, err))
        return err->code;
    char *before = store_row_json(db, SESSION_JSON, id);
    int rc = 0;
    if (!before) {
        rc = fx_fail(err, FX_ENOTFOUND, "找不到编号为 %lld 的培训记录", (long long)id);
    } else {
        sqlite3_stmt *st;
        if ((rc = store_prepare(db,
                                to ? "UPDATE session SET voided = 1, void_reason = ?2, "
                                     "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1 AND voided = 0"
                                   : "UPDATE session SET voided = 0, void_reason = '', "
                                     "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1 AND voided = 1",
                                &st, err)) == 0) {
            sqlite3_bind_int64(st, 1, id);
            if (to)
                sqlite3_bind_text(st, 2, why, -1, SQLITE_TRANSIENT);
            int s = sqlite3_step(st);
            sqlite3_finalize(st);
            if (s != SQLITE_DONE)
                rc = store_fail(db, s, err, to ? "作废培训记录" : "恢复培训记录");
            else if (sqlite3_changes(db) == 0)
                rc = fx_fail(err, FX_EINPUT, to ? "记录 %lld 已经作废" : "记录 %lld 没有作废，无需恢复",
                             (long long)id);
        }
        if (!rc) {
            char *after = store_row_json(db, SESSION_JSON, id);
            char *audited = NULL;
            char uuid[37] = "";
            rc = store_get_text(db, "SELECT uuid FROM session WHERE id = ?1", STORE_ARGS(STORE_INT(id)), uuid,
                                sizeof uuid, err);
            sqlite3_stmt *js;
            if (!rc && !to && (rc = store_prepare(db, "SELECT json_set(?1, '$.restore_reason', ?2)", &js, err)) == 0) {
                sqlite3_bind_text(js, 1, after ? after : "{}", -1, SQLITE_STATIC);
                sqlite3_bind_text(js, 2, why, -1, SQLITE_STATIC);
                if (sqlite3_step(js) == SQLITE_ROW)
                    audited = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(js, 0));
                sqlite3_finalize(js);
            }
            if (!rc)
                rc = store_audit(db, to ? "void" : "restore", "session", uuid, before, audited ? audited : after,
                                 err);
            sqlite3_free(audited);
            sqlite3_free(after);
        }
    }
    sqlite3_free(before);
    if (rc) {
        store_rollback(db);
        return rc;
    }
    return store_commit(db, err);
}

int ledger_void_session(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err)
{
    return set_voided(db, id, 1, reason, err);
}

int ledger_restore_session(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err)
{
    return set_voided(db, id, 0, reason, err);
}

int ledger_get_session(sqlite3 *db, int64_t id, struct session *s, struct fx_error *err)
{
    memset(s, 0, sizeof *s);
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT id, uuid, date, start_time, end_time, title, category, format, kind, "
                      "ifnull(course_id,0), ifnull(teacher_id,0), ifnull(venue_id,0), hours, expected, present, note, "
                      "recorder, voided, void_reason, "
                      "ifnull((SELECT id FROM course_order WHERE session_id = session.id LIMIT 1), 0), end_date, expected_basis "
                      "FROM session WHERE id = ?",
                      &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return fx_fail(err, FX_ENOTFOUND, "找不到编号为 %lld 的培训记录", (long long)id);
    }
    s->id = sqlite3_column_int64(st, 0);
    store_copy_column(s->uuid, sizeof s->uuid, st, 1);
    store_copy_column(s->date, sizeof s->date, st, 2);
    store_copy_column(s->start, sizeof s->start, st, 3);
    store_copy_column(s->end, sizeof s->end, st, 4);
    store_copy_column(s->title, sizeof s->title, st, 5);
    store_copy_column(s->category, sizeof s->category, st, 6);
    store_copy_column(s->format, sizeof s->format, st, 7);
    store_copy_column(s->kind, sizeof s->kind, st, 8);
    s->course_id = sqlite3_column_int64(st, 9);
    s->teacher_id = sqlite3_column_int64(st, 10);
    s->venue_id = sqlite3_column_int64(st, 11);
    s->hours = sqlite3_column_double(st, 12);
    s->expected = sqlite3_column_int(st, 13);
    s->present = sqlite3_column_int(st, 14);
    store_copy_column(s->note, sizeof s->note, st, 15);
    store_copy_column(s->recorder, sizeof s->recorder, st, 16);
    s->voided = sqlite3_column_int(st, 17);
    store_copy_column(s->void_reason, sizeof s->void_reason, st, 18);
    s->order_id = sqlite3_column_int64(st, 19);
    store_copy_column(s->end_date, sizeof s->end_date, st, 20);
    store_copy_column(s->expected_basis, sizeof s->expected_basis, st, 21);
    /* What was saved is kept as it is when the session is saved again (the basis says how it was decided). */
    s->expected_given = !strcmp(s->expected_basis, "given") || !s->expected_basis[0];
    sqlite3_finalize(st);

    if (store_prepare(db, "SELECT branch_id FROM session_branch WHERE session_id = ? ORDER BY branch_id", &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, id);
    int cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (s->nbranches == cap) {
            cap = cap ? cap * 2 : 8;
            int64_t *nb2 = realloc(s->branches, (size_t)cap * sizeof *nb2);
            if (!nb2)
                break;
            s->branches = nb2;
        }
        s->branches[s->nbranches++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (store_prepare(db,
                      "SELECT a.member_id, a.status, a.reason, a.guest FROM attendance a JOIN member m ON m.id = a.member_id "
                      "WHERE a.session_id = ? ORDER BY m.name COLLATE PINYIN, m.id",
                      &st, err)) {
        ledger_session_free(s);
        return FX_EINTERNAL;
    }
    sqlite3_bind_int64(st, 1, id);
    cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (s->natt == cap) {
            cap = cap ? cap * 2 : 32;
            struct attendee *na = realloc(s->att, (size_t)cap * sizeof *na);
            if (!na)
                break;
            s->att = na;
        }
        struct attendee *a = &s->att[s->natt++];
        a->member_id = sqlite3_column_int64(st, 0);
        a->status = ledger_status_of_code(sqlite3_column_int(st, 1));
        store_copy_column(a->reason, sizeof a->reason, st, 2);
        a->guest = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    return 0;
}

void ledger_session_free(struct session *s)
{
    free(s->branches);
    free(s->att);
    s->branches = NULL;
    s->att = NULL;
    s->nbranches = s->natt = 0;
}

/* The date range and the keyset are plain comparisons (no "?1 = '' OR …"), so
 * SQLite seeks session_date to the page instead of walking from the top; an
 * open end is bound as a date before or after any real one. */
#define PAGE_WHERE                                                                                                     \
    "s.date BETWEEN ?1 AND ?2 AND (?3 = '' OR s.category = ?3) "                                                       \
    "AND (?4 = '' OR s.format = ?4) AND (?5 = '' OR s.kind = ?5) "                                                     \
    "AND (?6 = 0 OR EXISTS (SELECT 1 FROM session_branch sb WHERE sb.session_id = s.id AND sb.branch_id = ?6)) "       \
    "AND (?7 = '' OR fx_match(s.title, ?7) OR fx_match(ifnull(t.name, ''), ?7)) AND (?8 = 1 OR s.voided = 0) "        \
    "AND (?12 = '' OR ifnull((SELECT vk.class FROM vocab vk WHERE vk.kind = 'kind' AND vk.name = s.kind), '培训') = ?12) "

static void bind_filter(sqlite3_stmt *st, const struct ledger_filter *f)
{
    static const struct ledger_filter none;
    if (!f)
        f = &none;
    sqlite3_bind_text(st, 1, f->from[0] ? f->from : "0000-00-00", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, f->to[0] ? f->to : "9999-99-99", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, f->category, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, f->format, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, f->kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, f->branch_id);
    sqlite3_bind_text(st, 7, f->query, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 8, f->include_voided ? 1 : 0);
    sqlite3_bind_text(st, 12, f->cls, -1, SQLITE_STATIC);
}

int ledger_page(sqlite3 *db, const struct ledger_filter *f, const char *after_date, int64_t after_id, int backward,
                struct session_row *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    const char *sql =
        backward
            ? "SELECT s.id, s.date, s.title, s.category, s.format, s.kind, ifnull(t.name,''), s.expected, s.present, "
              "s.hours, s.voided, s.void_reason FROM session s LEFT JOIN teacher t ON t.id = s.teacher_id WHERE " PAGE_WHERE
              "AND (s.date, s.id) > (?9, ?10) ORDER BY s.date ASC, s.id ASC LIMIT ?11"
            : "SELECT s.id, s.date, s.title, s.category, s.format, s.kind, ifnull(t.name,''), s.expected, s.present, "
              "s.hours, s.voided, s.void_reason FROM session s LEFT JOIN teacher t ON t.id = s.teacher_id WHERE " PAGE_WHERE
              "AND (s.date, s.id) < (?9, ?10) ORDER BY s.date DESC, s.id DESC LIMIT ?11";
    if (store_prepare(db, sql, &st, err))
        return -1;
    bind_filter(st, f);
    if (after_id > 0) {
        sqlite3_bind_text(st, 9, after_date ? after_date : "", -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 10, after_id);
    } else if (backward) {
        sqlite3_bind_text(st, 9, "", -1, SQLITE_STATIC); /* before every row */
        sqlite3_bind_int64(st, 10, 0);
    } else {
        sqlite3_bind_text(st, 9, "9999-99-99", -1, SQLITE_STATIC); /* after every row */
        sqlite3_bind_int64(st, 10, INT64_MAX);
    }
    sqlite3_bind_int(st, 11, max);
    /* The keyset's date is also the date range's near end: SQLite seeks session_date by the range (?1, ?2), not by
     * the row value, so without it page 50 walked the 1,176 rows above it from the top (issue 22). Rows of that
     * date before the key are left out by the row value. */
    if (after_id > 0 && after_date && after_date[0]) {
        const char *to = f && f->to[0] ? f->to : "9999-99-99", *from = f && f->from[0] ? f->from : "0000-00-00";
        if (!backward && strcmp(after_date, to) < 0)
            sqlite3_bind_text(st, 2, after_date, -1, SQLITE_STATIC);
        else if (backward && strcmp(after_date, from) > 0)
            sqlite3_bind_text(st, 1, after_date, -1, SQLITE_STATIC);
    }
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        struct session_row *r = &rows[n++];
        r->id = sqlite3_column_int64(st, 0);
        store_copy_column(r->date, sizeof r->date, st, 1);
        store_copy_column(r->title, sizeof r->title, st, 2);
        store_copy_column(r->category, sizeof r->category, st, 3);
        store_copy_column(r->format, sizeof r->format, st, 4);
        store_copy_column(r->kind, sizeof r->kind, st, 5);
        store_copy_column(r->teacher, sizeof r->teacher, st, 6);
        r->expected = sqlite3_column_int(st, 7);
        r->present = sqlite3_column_int(st, 8);
        r->hours = sqlite3_column_double(st, 9);
        r->voided = sqlite3_column_int(st, 10);
        store_copy_column(r->void_reason, sizeof r->void_reason, st, 11);
    }
    sqlite3_finalize(st);
    if (backward) {
        for (int i = 0; i < n / 2; i++) {
            struct session_row tmp = rows[i];
            rows[i] = rows[n - 1 - i];
            rows[n - 1 - i] = tmp;
        }
    }
    return n;
}

int64_t ledger_count(sqlite3 *db, const struct ledger_filter *f)
{
    sqlite3_stmt *st;
    int64_t n = -1;
    if (store_prepare(db, "SELECT count(*) FROM session s LEFT JOIN teacher t ON t.id = s.teacher_id WHERE " PAGE_WHERE,
                      &st, NULL))
        return -1;
    bind_filter(st, f);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

void ledger_count_apart(sqlite3 *db, const struct ledger_filter *f, int64_t *live, int64_t *voided)
{
    struct ledger_filter g = *f;
    g.include_voided = 0;
    *live = ledger_count(db, &g);
    g.include_voided = 1;
    *voided = ledger_count(db, &g) - *live;
}

void ledger_count_attendance(const struct attendee *att, int n, struct att_counts *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < n; i++) {
        out->present += att[i].status == ATT_PRESENT;
        out->leave += att[i].status == ATT_LEAVE;
        out->absent += att[i].status == ATT_ABSENT;
    }
}

void ledger_format_hours(char *out, size_t outsz, double hours)
{
    snprintf(out, outsz, "%g", hours);
}

void ledger_format_hours_sum(char *out, size_t outsz, double hours)
{
    snprintf(out, outsz, "%.2f", hours);
    /* 14.50 → 14.5, 32.00 → 32: the ledger keeps hours in halves and quarters. */
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
}
