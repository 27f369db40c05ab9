/* member.c — the party members: save, find, read by id, page, a branch's list and count.
 * Saves join the caller's transaction when there is one (imports, the demo). */
#include "member.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "entity.h"
#include "text_limits.h"
#include "store.h"
#include "text.h"
#include "vocab.h"

#define MEMBER_COLS_ROW                                                                                                \
    "m.id, m.uuid, m.branch_id, m.name, m.gender, m.phone, m.role, m.note, m.active, m.category, m.post, m.mobile, "   \
    "b.name"
/* A list's rows leave the current term's start out: a page reads member and branch alone. */
#define MEMBER_COLS_PAGE MEMBER_COLS_ROW ", '', ''"
#define MEMBER_COLS                                                                                                    \
    MEMBER_COLS_ROW ", ifnull((SELECT since FROM member_term WHERE member_id = m.id ORDER BY id DESC LIMIT 1), ''), "            \
    "ifnull((SELECT since_reason FROM member_term WHERE member_id = m.id ORDER BY id DESC LIMIT 1), '')"

/* The columns of MEMBER_COLS, in order: MEMBER_SAVED of them from branch_id on are what a save writes. */
static const struct entity_col member_cols[] = {
    ENTITY_COL(struct member, id),     ENTITY_COL(struct member, uuid),   ENTITY_COL(struct member, branch_id),
    ENTITY_COL(struct member, name),   ENTITY_COL(struct member, gender), ENTITY_COL(struct member, phone),
    ENTITY_COL(struct member, role),   ENTITY_COL(struct member, note),   ENTITY_COL(struct member, active),
    ENTITY_COL(struct member, category), ENTITY_COL(struct member, post), ENTITY_COL(struct member, mobile),
    ENTITY_COL(struct member, branch), ENTITY_COL(struct member, since), ENTITY_COL(struct member, since_reason),
};
#define MEMBER_SAVED 10

static void read_member(sqlite3_stmt *st, void *row)
{
    entity_read_cols(st, 0, member_cols, ENTITY_NCOLS(member_cols), row);
}

static bool is_category(const char *c)
{
    return !strcmp(c, "正式党员") || !strcmp(c, "预备党员") || !strcmp(c, "入党积极分子") || !strcmp(c, "发展对象");
}

/* Version 1's role word for a category, post and flag: what exports, merges and older tools read. */
static const char *role_of(const struct member *m)
{
    if (!strcmp(m->post, "书记"))
        return "党组织书记";
    if (!strcmp(m->post, "班子成员"))
        return "班子成员";
    if (!strcmp(m->category, "入党积极分子") || !strcmp(m->category, "发展对象"))
        return m->category;
    return m->mobile ? "流动党员" : "普通党员";
}

/* Run one statement of the history with its parameters bound by the caller's list. */
static int term_exec(sqlite3 *db, const char *sql, const struct store_arg *args, int nargs, struct fx_error *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(db, sql, &st, err);
    if (rc)
        return rc;
    for (int i = 0; i < nargs; i++) {
        if (args[i].kind == STORE_ARG_INT)
            sqlite3_bind_int64(st, i + 1, args[i].i);
        else
            sqlite3_bind_text(st, i + 1, args[i].t, -1, SQLITE_STATIC);
    }
    int s = sqlite3_step(st);
    sqlite3_finalize(st);
    return s == SQLITE_DONE ? 0 : store_fail(db, s, err, "保存党员的在册记录");
}

struct open_term {
    bool found;
    int64_t id;
    char category[32], since[11], since_reason[FX_TEXT_BYTES(FX_WHY_CHARS)];
};

static int find_open_term(sqlite3 *db, int64_t member_id, struct open_term *t, struct fx_error *err)
{
    memset(t, 0, sizeof *t);
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "SELECT id, category, since, since_reason FROM member_term WHERE member_id = ?1 AND until = '' "
                           "ORDER BY id DESC LIMIT 1",
                           &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, member_id);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        t->found = true;
        t->id = sqlite3_column_int64(st, 0);
        store_copy_column(t->category, sizeof t->category, st, 1);
        store_copy_column(t->since, sizeof t->since, st, 2);
        store_copy_column(t->since_reason, sizeof t->since_reason, st, 3);
    }
    sqlite3_finalize(st);
    return s == SQLITE_ROW || s == SQLITE_DONE ? 0 : store_fail(db, s, err, "读取党员的在册记录");
}

static void today_text(char out[11])
{
    struct fx_date d;
    date_today(&d);
    date_format(&d, out);
}

/* The history after a save: a new member's first term dated; a change of category ends the current
 * term and starts the next one the same day; a member back on the roster starts a new term, one
 * taken off it ends the current one (停用). */
static int save_terms(sqlite3 *db, const struct member *m, bool inserted, struct fx_error *err)
{
    struct open_term t;
    int rc = find_open_term(db, m->id, &t, err);
    if (rc)
        return rc;
    char day[11];
    if (m->since[0])
        text_copy(day, sizeof day, m->since);
    else
        today_text(day);
    if (inserted) {
        if (!m->since[0] || !t.found)
            return 0;
        const char *why = m->since_reason[0] ? m->since_reason : !strcmp(m->category, "预备党员") ? "入党" : "转入";
        return term_exec(db, "UPDATE member_term SET since = ?2, since_reason = ?3 WHERE id = ?1",
                         STORE_ARGS(STORE_INT(t.id), STORE_TEXT(m->since), STORE_TEXT(why)), err);
    }
    if (!m->active) {
        if (!t.found)
            return 0;
        if (strcmp(day, t.since) <= 0)
            return fx_fail_field(err, FX_EINPUT, "since", "停用日期 %s 应晚于本段在册的开始日期 %s", day, t.since);
        return term_exec(db, "UPDATE member_term SET until = ?2, until_reason = '停用' WHERE id = ?1",
                         STORE_ARGS(STORE_INT(t.id), STORE_TEXT(day)), err);
    }
    if (!t.found) {
        const char *why = m->since_reason[0] ? m->since_reason : "转入";
        return term_exec(db,
                         "INSERT INTO member_term (member_id, category, since, since_reason) VALUES (?1, ?2, ?3, ?4)",
                         STORE_ARGS(STORE_INT(m->id), STORE_TEXT(m->category), STORE_TEXT(day), STORE_TEXT(why)),
                         err);
    }
    if (!strcmp(t.category, m->category)) {
        if (m->since[0] && !t.since[0]) /* the start of a term that began "before the ledger" learnt */
            return term_exec(db, "UPDATE member_term SET since = ?2, since_reason = ?3 WHERE id = ?1",
                             STORE_ARGS(STORE_INT(t.id), STORE_TEXT(m->since),
                                        STORE_TEXT(m->since_reason[0] ? m->since_reason : "转入")),
                             err);
        return 0;
    }
    if (!strcmp(day, t.since)) /* a correction on the term's first day */
        return term_exec(db, "UPDATE member_term SET category = ?2 WHERE id = ?1",
                         STORE_ARGS(STORE_INT(t.id), STORE_TEXT(m->category)), err);
    if (strcmp(day, t.since) < 0)
        return fx_fail_field(err, FX_EINPUT, "since", "类别变更日期 %s 应晚于本段在册的开始日期 %s", day, t.since);
    char why[64];
    /* A reason read with the member (the current term's) is not the reason of this change. */
    if (m->since_reason[0] && strcmp(m->since_reason, t.since_reason))
        text_copy(why, sizeof why, m->since_reason);
    else if (!strcmp(t.category, "预备党员") && !strcmp(m->category, "正式党员"))
        text_copy(why, sizeof why, "转正");
    else if (!strcmp(m->category, "预备党员"))
        text_copy(why, sizeof why, "入党");
    else
        text_format(why, sizeof why, "改为%s", m->category);
    rc = term_exec(db, "UPDATE member_term SET until = ?2, until_reason = ?3 WHERE id = ?1",
                   STORE_ARGS(STORE_INT(t.id), STORE_TEXT(day), STORE_TEXT(why)), err);
    if (!rc)
        rc = term_exec(db,
                       "INSERT INTO member_term (member_id, category, since, since_reason) VALUES (?1, ?2, ?3, ?4)",
                       STORE_ARGS(STORE_INT(m->id), STORE_TEXT(m->category), STORE_TEXT(day), STORE_TEXT(why)), err);
    return rc;
}

int member_save(sqlite3 *db, struct member *m, struct fx_error *err)
{
    if (entity_check_name(m->name, "姓名", FX_PERSON_CHARS, err) ||
        text_check_fields(err, TEXT_RULES({"phone", "联系电话", m->phone, FX_PHONE_CHARS, 0},
                                          {"note", "备注", m->note, FX_LINE_CHARS, 0})))
        return FX_EINPUT;
    if (!m->category[0]) {
        /* A caller that only knows version 1's role words (older code paths, imports by role). */
        if (!strcmp(m->role, "入党积极分子") || !strcmp(m->role, "发展对象"))
            text_copy(m->category, sizeof m->category, m->role);
        else
            text_copy(m->category, sizeof m->category, "正式党员");
        if (!m->post[0] && !strcmp(m->role, "党组织书记"))
            text_copy(m->post, sizeof m->post, "书记");
        else if (!m->post[0] && !strcmp(m->role, "班子成员"))
            text_copy(m->post, sizeof m->post, "班子成员");
        if (!strcmp(m->role, "流动党员"))
            m->mobile = 1;
    }
    if (!is_category(m->category))
        return fx_fail_field(err, FX_EINPUT, "category", "类别应为正式党员、预备党员、入党积极分子或发展对象，而不是“%s”",
                             m->category);
    if (m->post[0] && strcmp(m->post, "书记") && strcmp(m->post, "班子成员"))
        return fx_fail_field(err, FX_EINPUT, "post", "职务应为书记、班子成员或空，而不是“%s”", m->post);
    m->mobile = m->mobile ? 1 : 0;
    if (m->since[0]) {
        char day[11];
        if (date_normalize(m->since, day, err))
            return fx_fail_field(err, FX_EINPUT, "since", "入党/转入日期“%s”不是有效日期", m->since);
        text_copy(m->since, sizeof m->since, day);
    }
    text_copy(m->role, sizeof m->role, role_of(m));
    if (m->gender[0] && strcmp(m->gender, "男") && strcmp(m->gender, "女"))
        return fx_fail_field(err, FX_EINPUT, "gender", "性别应为“男”或“女”，而不是“%s”", m->gender);
    bool inserted = !m->id;
    if (inserted)
        m->active = 1; /* a new member is on the roll */
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    rc = entity_save(db, "member", "党员",
                     m->id ? "UPDATE member SET branch_id=?2, name=?3, gender=?4, phone=?5, role=?6, note=?7, active=?8, "
                             "category=?9, post=?10, mobile=?11, updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') "
                             "WHERE id=?1"
                           : "INSERT INTO member (branch_id, name, gender, phone, role, note, active, category, post, "
                             "mobile, uuid) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, :uuid)",
                     "SELECT * FROM member WHERE id = ?", member_cols + 2, MEMBER_SAVED, m, &m->id, m->uuid, err);
    if (rc == FX_EINPUT)
        fx_fail_field(err, FX_EINPUT, "branch", "所在党组织不存在");
    if (!rc)
        rc = save_terms(db, m, inserted, err);
    rc = store_end(db, rc, err);
    if (rc && inserted)
        m->id = 0;
    return rc;
}

int member_leave(sqlite3 *db, int64_t id, const char *date, const char *reason, struct fx_error *err)
{
    char day[11];
    if (date_normalize(date ? date : "", day, err))
        return fx_fail_field(err, FX_EINPUT, "date", "日期“%s”不是有效日期", date ? date : "");
    if (!reason || !reason[0])
        return fx_fail_field(err, FX_EINPUT, "reason", "请写明原因（转出、停用、去世等）");
    if (text_check_field(err, "reason", "原因", reason, FX_WHY_CHARS, 0))
        return FX_EINPUT;
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    struct member m;
    struct open_term t;
    char *before = NULL;
    if ((rc = member_get(db, id, &m, err)) == 0 && (rc = find_open_term(db, id, &t, err)) == 0 && (!t.found || !m.active))
        rc = fx_fail(err, FX_EINPUT, "%s（编号 %lld）已不在名册上", m.name, (long long)id);
    if (!rc && strcmp(day, t.since) <= 0)
        rc = fx_fail_field(err, FX_EINPUT, "date", "%s 的日期 %s 应晚于在册的开始日期 %s", reason, day, t.since);
    if (!rc && (before = store_row_json(db, "SELECT * FROM member WHERE id = ?", id)) == NULL)
        rc = fx_fail(err, FX_EINTERNAL, "读取党员失败（编号 %lld）", (long long)id);
    if (!rc)
        rc = term_exec(db, "UPDATE member_term SET until = ?2, until_reason = ?3 WHERE id = ?1",
                       STORE_ARGS(STORE_INT(t.id), STORE_TEXT(day), STORE_TEXT(reason)), err);
    if (!rc)
        rc = term_exec(db,
                       "UPDATE member SET active = 0, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                       STORE_ARGS(STORE_INT(id)), err);
    if (!rc)
        rc = entity_audit(db, "member", "leave", "SELECT * FROM member WHERE id = ?", id, m.uuid, before, err);
    sqlite3_free(before);
    return store_end(db, rc, err);
}

static void read_term(sqlite3_stmt *st, void *row)
{
    struct member_term *t = row;
    store_copy_column(t->category, sizeof t->category, st, 0);
    store_copy_column(t->since, sizeof t->since, st, 1);
    store_copy_column(t->since_reason, sizeof t->since_reason, st, 2);
    store_copy_column(t->until, sizeof t->until, st, 3);
    store_copy_column(t->until_reason, sizeof t->until_reason, st, 4);
}

int member_terms(sqlite3 *db, int64_t id, struct member_term *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT category, since, since_reason, until, until_reason FROM member_term "
                      "WHERE member_id = ?1 ORDER BY since, id LIMIT ?2",
                      &st, err))
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, max);
    return entity_read_rows(db, st, read_term, rows, sizeof *rows, max, "读取在册记录", err);
}

int member_each_as_of(sqlite3 *db, int64_t branch_id, const char *query, const char *date, member_fn fn, void *ctx,
                      struct fx_error *err)
{
    /* On the roster on date: a term of any category covering it; today's roster: active. The category shown is
     * the one held that day. */
    const char *sql =
        "SELECT m.id, m.uuid, m.branch_id, m.name, m.gender, m.phone, m.role, m.note, m.active, "
        "  CASE WHEN ?3 = '' THEN m.category ELSE (SELECT category FROM member_term WHERE member_id = m.id AND "
        "  since <= ?3 AND (until = '' OR until > ?3) ORDER BY id DESC LIMIT 1) END, m.post, m.mobile, b.name, "
        "  ifnull((SELECT since FROM member_term WHERE member_id = m.id ORDER BY id DESC LIMIT 1), ''), "
        "  ifnull((SELECT since_reason FROM member_term WHERE member_id = m.id ORDER BY id DESC LIMIT 1), '') "
        "FROM member m JOIN branch b ON b.id = m.branch_id "
        "WHERE (?1 = 0 OR m.branch_id = ?1) AND (?2 = '' OR fx_match(m.name, ?2) OR fx_phone(m.phone, ?2)) AND "
        "  CASE WHEN ?3 = '' THEN m.active = 1 ELSE EXISTS (SELECT 1 FROM member_term WHERE member_id = m.id AND "
        "  since <= ?3 AND (until = '' OR until > ?3)) END "
        "ORDER BY m.name COLLATE PINYIN, m.id";
    sqlite3_stmt *st;
    if (store_prepare(db, sql, &st, err))
        return -1;
    sqlite3_bind_int64(st, 1, branch_id);
    entity_bind_text(st, 2, query);
    entity_bind_text(st, 3, date);
    struct member *m = malloc(sizeof *m);
    if (!m) {
        sqlite3_finalize(st);
        return fx_fail(err, FX_EINTERNAL, "内存不足"), -1;
    }
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(m, 0, sizeof *m);
        read_member(st, m);
        n++;
        fn(m, ctx);
    }
    if (rc != SQLITE_DONE)
        n = (store_fail(db, rc, err, "读取名册"), -1);
    sqlite3_finalize(st);
    free(m);
    return n;
}

void member_phone_tail(const char *phone, char *out, size_t outsz)
{
    char digits[5] = "";
    int n = 0;
    for (const char *p = phone ? phone : ""; *p; p++) {
        if (*p < '0' || *p > '9')
            continue;
        /* keep the last four: shift left once full */
        if (n == 4)
            memmove(digits, digits + 1, 3), n = 3;
        digits[n++] = *p;
        digits[n] = '\0';
    }
    text_copy(out, outsz, n == 4 ? digits : "");
}

void member_tell_apart(const char *category, const char *phone, char *out, size_t outsz)
{
    char tail[8];
    member_phone_tail(phone, tail, sizeof tail);
    const char *cat = category && category[0] ? category : "正式党员";
    if (tail[0])
        text_format(out, outsz, "%s，尾号%s", cat, tail);
    else
        text_copy(out, outsz, cat);
}

#define MEMBER_BY_ID "SELECT m.id, b.name FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.id = ?"
/* Namesakes are listed with what tells them apart: 4（东港村党支部，正式党员，尾号1234）. */
#define MEMBER_BY_NAME                                                                                                 \
    "SELECT m.id, b.name || '，' || fx_namesake(m.category, m.phone) FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.name = ? AND m.active = 1 "         \
    "ORDER BY m.id"

int member_find(sqlite3 *db, const char *key, int64_t *id, struct fx_error *err)
{
    return entity_find(db, MEMBER_BY_ID, MEMBER_BY_NAME, "党员", key, id, NULL, err);
}

int member_finder_find(struct member_finder *f, const char *key, int64_t *id, struct fx_error *err)
{
    return entity_find(f->db, MEMBER_BY_ID, MEMBER_BY_NAME, "党员", key, id, f->st, err);
}

void member_finder_done(struct member_finder *f)
{
    sqlite3_finalize(f->st[0]);
    sqlite3_finalize(f->st[1]);
    f->st[0] = f->st[1] = NULL;
}

int member_get(sqlite3 *db, int64_t id, struct member *m, struct fx_error *err)
{
    return entity_get(db, "SELECT " MEMBER_COLS " FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.id = ?", id,
                      read_member, m, "党员", err);
}

int member_page(sqlite3 *db, int64_t branch_id, const char *query, const char *after_name, int64_t after_id,
                struct member *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    /* Two statements rather than "?1 = 0 OR …", so each seeks its own index
     * (member_branch or member_name) straight to the page after the key. */
    const char *sql = branch_id ? "SELECT " MEMBER_COLS_PAGE " FROM member m JOIN branch b ON b.id = m.branch_id "
                                  "WHERE m.branch_id = ?1 AND m.active = 1 AND (?2 = '' OR fx_match(m.name, ?2) OR fx_phone(m.phone, ?2)) "
                                  "AND (m.sort_key, m.id) > (fx_sort_key(?3), ?4) ORDER BY m.sort_key, m.id LIMIT ?5"
                                : "SELECT " MEMBER_COLS_PAGE " FROM member m JOIN branch b ON b.id = m.branch_id "
                                  "WHERE ?1 = 0 AND m.active = 1 AND (?2 = '' OR fx_match(m.name, ?2) OR fx_phone(m.phone, ?2)) "
                                  "AND (m.sort_key, m.id) > (fx_sort_key(?3), ?4) ORDER BY m.sort_key, m.id LIMIT ?5";
    if (store_prepare(db, sql, &st, err))
        return -1;
    sqlite3_bind_int64(st, 1, branch_id);
    entity_bind_text(st, 2, query);
    entity_bind_text(st, 3, after_name);
    sqlite3_bind_int64(st, 4, after_id);
    sqlite3_bind_int(st, 5, max);
    return entity_read_rows(db, st, read_member, rows, sizeof *rows, max, "读取名册", err);
}

int member_list_branch(sqlite3 *db, int64_t branch_id, struct member **rows, struct fx_error *err)
{
    *rows = NULL;
    int64_t count = member_count(db, branch_id);
    if (count < 0)
        return fx_fail(err, FX_EINTERNAL, "读取名册失败"), -1;
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT " MEMBER_COLS_PAGE " FROM member m JOIN branch b ON b.id = m.branch_id "
                      "WHERE m.active = 1 AND m.branch_id = ? ORDER BY m.name COLLATE PINYIN, m.id",
                      &st, err))
        return -1;
    sqlite3_bind_int64(st, 1, branch_id);
    *rows = calloc((size_t)count + 1, sizeof **rows);
    if (!*rows) {
        sqlite3_finalize(st);
        return fx_fail(err, FX_EINTERNAL, "内存不足"), -1;
    }
    int n = entity_read_rows(db, st, read_member, *rows, sizeof **rows, (int)count, "读取名册", err);
    if (n < 0) {
        free(*rows);
        *rows = NULL;
    }
    return n;
}

int64_t member_count(sqlite3 *db, int64_t branch_id)
{
    int64_t n = -1;
    /* A branch's by member_branch. The whole roster's as every member less the inactive ones: count(*) of a
     * whole table counts an index's pages, and the inactive are few (an index of them, WHERE active = 0, makes
     * that a short read instead of a scan of every member: issue 22). active is 0 or 1 (CHECK). */
    if (store_get_int(db,
                      branch_id ? "SELECT count(*) FROM member WHERE branch_id = ?1 AND active = 1"
                                : "SELECT (SELECT count(*) FROM member) - (SELECT count(*) FROM member WHERE active = 0)"
                                  " WHERE ?1 = 0",
                      STORE_ARGS(STORE_INT(branch_id)), &n, NULL))
        return -1;
    return n;
}
