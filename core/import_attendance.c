/* import_attendance.c — roll-call lines (出勤/签到) into sessions already in the ledger.
 * Which session and which person a line is, the line's outcome, then each changed session's counts and audit. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "import_internal.h"
#include "ledger.h"
#include "rollaudit.h"
#include "text.h"
#include "text_limits.h"

static const char *const status_word[] = {[ATT_PRESENT] = "出席", [ATT_LEAVE] = "请假", [ATT_ABSENT] = "缺席"};
static const char *const status_key[] = {[ATT_PRESENT] = "present", [ATT_LEAVE] = "leave", [ATT_ABSENT] = "absent"};

/* The ledger's word for a status, from the file's ("√", "请假", "未到" …) through
 * [status_values]. The export's own words work without the rules file too. */
static int parse_status(struct import_ctx *x, const char *cell, int *out, struct import_line *l)
{
    char w[64];
    text_copy(w, sizeof w, cell);
    if (!w[0]) { /* a sign-in sheet lists the people who came */
        *out = ATT_PRESENT;
        return -1;
    }
    import_map_value(x, "status_values", w, sizeof w);
    for (int s = ATT_PRESENT; s <= ATT_ABSENT; s++) {
        if (!strcmp(w, status_key[s]) || !strcmp(w, status_word[s])) {
            *out = s;
            return -1;
        }
    }
    return import_refuse(
        l, "出勤“%s”不认识（可用：出席、请假、缺席，或留空表示出席；同义的词见 import.ini 的 [status_values]）", cell);
}

static const char *read_number(const char *p, int maxdigits, int *v)
{
    int n = 0;
    *v = 0;
    while (*p >= '0' && *p <= '9' && n < maxdigits) {
        *v = *v * 10 + (*p++ - '0');
        n++;
    }
    return n ? p : NULL;
}

static const char *skip_separator(const char *p, const char *word)
{
    if (*p == '-' || *p == '/' || *p == '.')
        return p + 1;
    size_t n = strlen(word);
    return !strncmp(p, word, n) ? p + n : NULL;
}

/* 2024-03-05, and as spreadsheets write it: 2024/3/5, 2024.3.5, 2024年3月5日,
 * with a time of day after a space (Excel's "2024/3/5 0:00"). */
static bool parse_date(const char *s, char out[11])
{
    int y, m, d;
    const char *p = read_number(s, 4, &y);
    if (!p || p - s != 4 || !(p = skip_separator(p, "年")) || !(p = read_number(p, 2, &m)) ||
        !(p = skip_separator(p, "月")) || !(p = read_number(p, 2, &d)))
        return false;
    if (!strncmp(p, "日", strlen("日")))
        p += strlen("日");
    if (*p == ' ' && strspn(p + 1, "0123456789:") == strlen(p + 1))
        p += strlen(p);
    if (*p || y < 1900 || y > 2999 || !date_valid(y, m, d))
        return false;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = out[7] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return true;
}

/* Append the strings up to NULL to dst (sz bytes), cut when full; a
 * snprintf on every line of a large file is measurable. */
static void append_text(char *dst, size_t sz, ...)
{
    size_t n = strlen(dst);
    va_list ap;
    va_start(ap, sz);
    for (const char *p; (p = va_arg(ap, const char *)) != NULL;) {
        size_t k = strlen(p);
        if (n + k >= sz) { /* cut, and not inside a character */
            k = sz - 1 - n;
            while (k > 0 && ((unsigned char)p[k] & 0xC0) == 0x80)
                k--;
        }
        memcpy(dst + n, p, k);
        n += k;
    }
    dst[n] = '\0';
    va_end(ap);
}

/* The session of a line's date, title, 所属分校 and 培训编号, with the lines
 * before it in mind: files come grouped by session, so most lines ask for the
 * session of the line before and cost no query. A session that cannot take
 * the line is remembered too, with the reason (s->refusal). NULL when the
 * ledger fails (x->fatal says why). */
static struct att_session *find_session(struct import_ctx *x)
{
    struct att_session *s = &x->att;
    const char *date_cell = x->val[AF_DATE], *title = x->val[AF_TITLE], *unit = x->val[AF_UNIT],
               *number = x->val[AF_SESSION];
    if (s->valid && !strcmp(s->key_date, date_cell) && !strcmp(s->key_title, title) && !strcmp(s->key_unit, unit) &&
        !strcmp(s->key_number, number))
        return s;
    memset(s, 0, sizeof *s);
    text_copy(s->key_date, sizeof s->key_date, date_cell);
    text_copy(s->key_title, sizeof s->key_title, title);
    text_copy(s->key_unit, sizeof s->key_unit, unit);
    text_copy(s->key_number, sizeof s->key_number, number);
    s->valid = true;
    char date[11];
    if (!parse_date(date_cell, date)) {
        text_fit(s->label, sizeof s->label, date_cell, 12);
        snprintf(s->refusal, sizeof s->refusal, "日期“%s”应写成 年-月-日，如 2024-03-05", s->label);
        return s;
    }
    char label[300];
    text_format(label, sizeof label, "%s %s", date, title);
    text_fit(s->label, sizeof s->label, label, 48);

    s->unit_id = x->unit_id;
    if (unit[0] && x->last_unit_id > 0 && !strcmp(unit, x->last_unit)) {
        s->unit_id = x->last_unit_id; /* a file names one unit, on every line */
    } else if (unit[0]) {
        sqlite3_stmt *st = import_stmt_get(x, S_ATT_UNIT);
        if (!st)
            return NULL;
        sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        s->unit_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            store_fail(x->db, rc, &x->fatal, "读取账本");
            return NULL;
        }
        if (s->unit_id > 0) {
            text_copy(x->last_unit, sizeof x->last_unit, unit);
            x->last_unit_id = s->unit_id;
        }
        if (!s->unit_id) {
            char u[120];
            text_fit(u, sizeof u, unit, 30);
            snprintf(s->refusal, sizeof s->refusal, "所属分校“%s”不在这个账本中", u);
            return s;
        }
    }
    /* 培训编号 counts only when it is one of this date's sessions of this title:
     * numbers of another ledger mean nothing here. */
    int64_t wanted = 0;
    if (number[0] && strspn(number, "0123456789") == strlen(number) && strlen(number) < 18)
        sscanf(number, "%lld", (long long *)&wanted);
    sqlite3_stmt *st = import_stmt_get(x, S_ATT_SESSIONS);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, s->unit_id);
    sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
    struct {
        int64_t id;
        char uuid[37];
    } first[2] = {{0, ""}, {0, ""}}; /* the first live and the first voided one */
    int count[2] = {0, 0}, rc;
    char ids[120] = "";
    bool picked = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        int is_void = sqlite3_column_int(st, 1) != 0;
        if (id == wanted) {
            s->id = id;
            s->voided = is_void;
            text_copy(s->uuid, sizeof s->uuid, import_column_text(st, 2));
            picked = true;
        }
        if (!count[is_void]++) {
            first[is_void].id = id;
            text_copy(first[is_void].uuid, sizeof first[is_void].uuid, import_column_text(st, 2));
        }
        if (!is_void)
            import_append_text(ids, sizeof ids, "%s%lld", count[0] > 1 ? "、" : "", (long long)id);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_fail(x->db, rc, &x->fatal, "读取账本");
        return NULL;
    }
    if (!picked) {
        if (count[0] > 1) {
            snprintf(s->refusal, sizeof s->refusal,
                     "台账中 %s 有 %d 次同名的培训（编号 %s），无法确定是哪一次；请在文件中写上培训编号", date,
                     count[0], ids);
            return s;
        }
        if (count[0] == 0 && count[1] > 1) {
            snprintf(s->refusal, sizeof s->refusal, "台账中 %s 的这次培训已作废（%d 条记录都已作废），不能再登记出勤",
                     date, count[1]);
            return s;
        }
        if (count[0] + count[1] == 0) {
            snprintf(s->refusal, sizeof s->refusal,
                     "台账中没有 %s 的这次培训（请先在台账中录入这次培训，再导入它的出勤）", date);
            return s;
        }
        /* The one live session, else the one voided one (a line for it may still be unchanged). */
        int k = count[0] ? 0 : 1;
        s->id = first[k].id;
        s->voided = k == 1;
        memcpy(s->uuid, first[k].uuid, sizeof s->uuid);
    }
    st = import_stmt_get(x, S_ATT_CLOSED);
    if (!st)
        return NULL;
    s->year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
    sqlite3_bind_int(st, 1, s->year);
    rc = sqlite3_step(st);
    s->closed = rc == SQLITE_ROW;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        store_fail(x->db, rc, &x->fatal, "读取账本");
        return NULL;
    }
    return s;
}

/* A branch by name in the session's unit; the last one is remembered (a sheet lists a branch's people together). */
static int64_t branch_in_unit(struct import_ctx *x, int64_t unit_id, const char *name)
{
    if (x->last_branch_id > 0 && x->last_branch_unit == unit_id && !strcmp(name, x->last_branch))
        return x->last_branch_id;
    sqlite3_stmt *st = import_stmt_get(x, S_BRANCH_ID);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, unit_id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : rc == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    if (id < 0)
        store_fail(x->db, rc, &x->fatal, "读取账本");
    if (id > 0) {
        text_copy(x->last_branch, sizeof x->last_branch, name);
        x->last_branch_id = id;
        x->last_branch_unit = unit_id;
    }
    return id;
}

/* Before the file's first change to a session: its row and roll call as they
 * were, for the audit records written at the end (import_attendance_finish). */
static int touch_session(struct import_ctx *x, struct att_session *s)
{
    sqlite3_stmt *st = import_stmt_get(x, S_ATT_TOUCHED_HAS);
    if (!st)
        return IMPORT_FATAL;
    sqlite3_bind_int64(st, 1, s->id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) { /* the file came back to a session it changed before */
        s->touched = true;
        return 0;
    }
    if (rc != SQLITE_DONE) {
        store_fail(x->db, rc, &x->fatal, "读取账本");
        return IMPORT_FATAL;
    }
    char *row = import_row_json(x, S_SESSION_ROW, s->id);
    char *att = ledger_roll_call_json(x->db, s->id, &x->roll_call);
    if (!row || !att) {
        sqlite3_free(row);
        sqlite3_free(att);
        store_fail(x->db, sqlite3_errcode(x->db), &x->fatal, "读取账本");
        return IMPORT_FATAL;
    }
    st = import_stmt_get(x, S_ATT_TOUCH);
    if (!st) {
        sqlite3_free(row);
        sqlite3_free(att);
        return IMPORT_FATAL;
    }
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_text(st, 2, s->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, row, -1, sqlite3_free);
    sqlite3_bind_text(st, 4, att, -1, sqlite3_free);
    if (import_stmt_run(x, st, "导入"))
        return IMPORT_FATAL;
    sqlite3_clear_bindings(st); /* let the JSON go now, not at the next use */
    s->touched = true;
    x->res->sessions_changed++;
    return 0;
}

/* The people of that name in that branch, with what the roll call holds for each. */
struct candidate {
    int64_t id;
    bool active, listed; /* listed: has a roll-call row in the session */
    int status;
    char reason[128];
};

#define NCAND 32

int import_attendance_line(struct import_ctx *x, struct import_line *l)
{
    char name[FX_TEXT_BYTES(FX_PERSON_CHARS)], phone[FX_TEXT_BYTES(FX_PHONE_CHARS)];
    text_copy(name, sizeof name, x->val[AF_NAME]);
    import_clean_name(name);
    const char *bname = x->val[AF_BRANCH];
    text_copy(phone, sizeof phone, x->val[AF_PHONE]);
    struct att_session *s = find_session(x);
    if (!s)
        return IMPORT_FATAL;
    text_copy(l->what, sizeof l->what, s->label); /* "2024-03-05 党章学习：张三（第一党支部）" */
    append_text(l->what, sizeof l->what, "：", name, "（", bname, "）", NULL);
    if (!name[0])
        return import_refuse(l, "姓名不能为空");
    if (import_clean_phone(phone, l) >= 0)
        return IMPORT_REFUSED;
    int status = ATT_PRESENT;
    if (parse_status(x, x->val[AF_STATUS], &status, l) >= 0)
        return IMPORT_REFUSED;
    /* The ledger keeps no reason for someone who came, as the form does not. */
    const char *reason = status == ATT_PRESENT ? "" : x->val[AF_REASON];
    if (s->refusal[0])
        return import_refuse(l, "%s", s->refusal);

    int64_t branch_id = branch_in_unit(x, s->unit_id, bname);
    if (branch_id < 0)
        return IMPORT_FATAL;
    if (branch_id == 0)
        return import_refuse(l, "党组织“%s”不在账本中（请先导入党组织和党员名册）", bname);

    sqlite3_stmt *st = import_stmt_get(x, S_ATT_MEMBER);
    if (!st)
        return IMPORT_FATAL;
    sqlite3_bind_int64(st, 1, branch_id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, s->id);
    struct candidate c[NCAND];
    char phones[NCAND][32];
    int64_t ids[NCAND];
    int n = 0, total = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        total++;
        if (n == NCAND)
            continue;
        struct candidate *k = &c[n];
        k->id = sqlite3_column_int64(st, 0);
        text_copy(phones[n], sizeof phones[n], import_column_text(st, 1));
        k->active = sqlite3_column_int(st, 2) != 0;
        k->listed = sqlite3_column_type(st, 3) != SQLITE_NULL;
        k->status = ledger_status_of_code(sqlite3_column_int(st, 3));
        text_copy(k->reason, sizeof k->reason, import_column_text(st, 4));
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_fail(x->db, rc, &x->fatal, "读取账本");
        return IMPORT_FATAL;
    }
    /* As the members import orders them: people still on the roster first. */
    for (int i = 1; i < n; i++) {
        for (int j = i; j > 0 && c[j].active && !c[j - 1].active; j--) {
            struct candidate t = c[j];
            c[j] = c[j - 1];
            c[j - 1] = t;
            char p[32];
            memcpy(p, phones[j], sizeof p);
            memcpy(phones[j], phones[j - 1], sizeof p);
            memcpy(phones[j - 1], p, sizeof p);
        }
    }
    for (int i = 0; i < n; i++)
        ids[i] = c[i].id;
    char where[300] = ""; /* in the messages of the rule, which a lone candidate does not need */
    if (total != 1)
        append_text(where, sizeof where, "“", bname, "”", NULL);
    int who = import_pick_person((const char(*)[32])phones, ids, n, total, name, phone, where, l);
    if (who == -2) {
        /* Namesakes the line cannot tell apart (an export has no phone column):
         * when one of them is in the roll call just as the line says, the line
         * changes nothing whoever it means. */
        for (int i = 0; i < n; i++) {
            if (c[i].listed && c[i].status == status && !strcmp(c[i].reason, reason)) {
                text_format(l->message, sizeof l->message, "%s有 %d 位“%s”，编号 %lld 已登记为“%s”，未改动", where, total,
                         name, (long long)c[i].id, status_word[status]);
                return IMPORT_UNCHANGED;
            }
        }
        return IMPORT_REFUSED;
    }
    if (who < 0)
        return import_refuse(l, "%s没有党员“%s”（出勤只登记名册中的人：请先导入党员名册）", where, name);
    const struct candidate *m = &c[who];
    bool same = m->listed && m->status == status && !strcmp(m->reason, reason);

    if (s->voided || s->closed) {
        /* Nothing to refuse in a line that changes nothing (an export of this ledger). */
        if (same) {
            text_copy(l->message, sizeof l->message, s->voided ? "这次培训已作废，未改动" : "这一年已交账，未改动");
            return IMPORT_UNCHANGED;
        }
        if (s->voided)
            return import_refuse(l, "这次培训（编号 %lld）已作废，不能再登记出勤", (long long)s->id);
        x->refused_closed++;
        return import_refuse(l, "%d 年已交账（年底交账后只读），不能再修改这次培训的出勤", s->year);
    }

    /* One line per person and session: a later line must agree with the first
     * (with what it said: its row may still be waiting in x->pending). */
    st = import_stmt_get(x, S_ATT_SEEN);
    if (!st)
        return IMPORT_FATAL;
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_int64(st, 2, m->id);
    sqlite3_bind_int(st, 3, l->line);
    sqlite3_bind_text(st, 4, status_key[status], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
    if (import_stmt_run(x, st, "导入"))
        return IMPORT_FATAL;
    if (sqlite3_changes(x->db) == 0) {
        int first = 0, was = ATT_PRESENT;
        char why[128] = "";
        st = import_stmt_get(x, S_ATT_SEEN_LINE);
        if (!st)
            return IMPORT_FATAL;
        sqlite3_bind_int64(st, 1, s->id);
        sqlite3_bind_int64(st, 2, m->id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            first = sqlite3_column_int(st, 0);
            const char *k = import_column_text(st, 1);
            was = !strcmp(k, "present") ? ATT_PRESENT : !strcmp(k, "leave") ? ATT_LEAVE : ATT_ABSENT;
            text_copy(why, sizeof why, import_column_text(st, 2));
        }
        sqlite3_reset(st);
        if (was == status && !strcmp(why, reason)) {
            snprintf(l->message, sizeof l->message, "与第 %d 行重复", first);
            return IMPORT_UNCHANGED;
        }
        return import_refuse(l, "此人在第 %d 行已登记为“%s%s%s”，与这一行的“%s%s%s”不一致", first, status_word[was],
                             why[0] ? "：" : "", why, status_word[status], reason[0] ? "：" : "", reason);
    }
    if (same)
        return IMPORT_UNCHANGED;

    if (!s->touched && touch_session(x, s))
        return IMPORT_FATAL;
    if (!m->listed) {
        /* New rows wait for a batch: one INSERT of many rows costs far less than one per row. */
        struct att_pending *p = &x->pending[x->npending++];
        p->session_id = s->id;
        p->member_id = m->id;
        p->status = status;
        text_copy(p->reason, sizeof p->reason, reason);
        if (x->npending == ATT_BATCH && import_attendance_flush(x))
            return IMPORT_FATAL;
        if (status != ATT_PRESENT)
            text_format(l->message, sizeof l->message, "%s%s%s", status_word[status], reason[0] ? "：" : "", reason);
        return IMPORT_ADDED;
    }
    st = import_stmt_get(x, S_ATT_UPDATE);
    if (!st)
        return IMPORT_FATAL;
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_int64(st, 2, m->id);
    sqlite3_bind_int(st, 3, ledger_status_code(status));
    sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
    if (import_stmt_run(x, st, "写入出勤"))
        return IMPORT_FATAL;
    if (m->status != status)
        import_append_text(l->message, sizeof l->message, "出勤：%s → %s", status_word[m->status], status_word[status]);
    if (strcmp(m->reason, reason))
        import_append_text(l->message, sizeof l->message, "%s原因：%s → %s", l->message[0] ? "；" : "",
                           m->reason[0] ? m->reason : "（空）", reason[0] ? reason : "（空）");
    return IMPORT_UPDATED;
}

/* Write the rows waiting in x->pending: a full batch as one statement, the
 * rest of the file's last batch one by one. 0 or IMPORT_FATAL (x->fatal). */
int import_attendance_flush(struct import_ctx *x)
{
    int n = x->npending, done = 0;
    x->npending = 0;
    while (done < n) {
        int k = n - done == ATT_BATCH ? ATT_BATCH : 1;
        sqlite3_stmt *st = import_stmt_get(x, k == ATT_BATCH ? S_ATT_INSERT_BATCH : S_ATT_INSERT);
        if (!st)
            return IMPORT_FATAL;
        for (int i = 0; i < k; i++) {
            const struct att_pending *p = &x->pending[done + i];
            sqlite3_bind_int64(st, 4 * i + 1, p->session_id);
            sqlite3_bind_int64(st, 4 * i + 2, p->member_id);
            sqlite3_bind_int(st, 4 * i + 3, ledger_status_code(p->status));
            sqlite3_bind_text(st, 4 * i + 4, p->reason, -1, SQLITE_STATIC);
        }
        if (import_stmt_run(x, st, "写入出勤"))
            return IMPORT_FATAL;
        done += k;
    }
    return 0;
}

/* store_audit's record, from a statement prepared once. */
static int audit_update(struct import_ctx *x, const char *entity, const char *uuid, const char *before,
                        const char *after, struct fx_error *err)
{
    sqlite3_stmt *st = import_stmt_get(x, S_AUDIT);
    if (!st) {
        *err = x->fatal;
        return err->code;
    }
    sqlite3_bind_text(st, 1, store_actor(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, "update", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, entity, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, before, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, after, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_fail(x->db, rc, err, "写审计记录");
}

/* After the last line: each session whose roll call changed gets 应到/实到 and
 * updated_at as ledger_save_session sets them for a roll call, and the audit
 * records that save would write for the change (session row, then roll call). */
int import_attendance_finish(struct import_ctx *x, struct fx_error *err)
{
    if (x->npending && import_attendance_flush(x)) {
        *err = x->fatal;
        return err->code;
    }
    sqlite3_stmt *list = import_stmt_get(x, S_ATT_TOUCHED), *counts = import_stmt_get(x, S_ATT_COUNTS);
    if (!list || !counts) {
        *err = x->fatal;
        return err->code;
    }
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(list)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(list, 0);
        const char *uuid = import_column_text(list, 1), *before_row = import_column_text(list, 2),
                   *before_att = import_column_text(list, 3);
        sqlite3_reset(counts);
        sqlite3_bind_int64(counts, 1, id);
        sqlite3_bind_text(counts, 2, x->now, -1, SQLITE_STATIC);
        if ((step = sqlite3_step(counts)) != SQLITE_DONE) {
            rc = store_fail(x->db, step, err, "更新培训记录的应到、实到人数");
            break;
        }
        char *row = import_row_json(x, S_SESSION_ROW, id);
        char *att = ledger_roll_call_json(x->db, id, &x->roll_call);
        if (!row || !att)
            rc = store_fail(x->db, sqlite3_errcode(x->db), err, "读取账本");
        /* As ledger_save_session: the session row, then its roll call. */
        if (!rc && strcmp(before_row, row))
            rc = audit_update(x, "session", uuid, before_row, row, err);
        if (!rc) /* what changed in the roll call (rollaudit.h) */
            rc = roll_audit_texts(x->db, "update", uuid, before_att, att, err);
        sqlite3_free(row);
        sqlite3_free(att);
    }
    if (!rc && step != SQLITE_DONE)
        rc = store_fail(x->db, step, err, "读取账本");
    sqlite3_reset(list);
    sqlite3_reset(counts);
    return rc;
}
