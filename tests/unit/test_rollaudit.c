/* test_rollaudit.c — the roll call's compact audit records (core/rollaudit.h, issue 22): their text, what a
 * save and a correction write, and the replay that verify runs to prove every roll call. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "ledger.h"
#include "rollaudit.h"
#include "store.h"

static void add(struct roll_list *l, int64_t m, int status, const char *reason)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->e = sqlite3_realloc64(l->e, (sqlite3_uint64)l->cap * sizeof *l->e);
        assert_non_null(l->e);
    }
    l->e[l->n++] = (struct roll_entry){m, status, reason ? sqlite3_mprintf("%s", reason) : NULL};
}

static void test_text_of_a_roll_call(void **state)
{
    (void)state;
    struct roll_list l = {0};
    char *t = roll_encode(&l);
    assert_string_equal(t, "[]");
    sqlite3_free(t);
    /* The digest is FNV-1a, 64 bits, of the text (the published vectors of "", "a" and "foobar"). */
    char d[ROLL_DIGEST_SIZE];
    assert_int_equal(roll_digest_of("", d), 0);
    assert_string_equal(d, "#cbf29ce484222325");
    assert_int_equal(roll_digest_of("a", d), 0);
    assert_string_equal(d, "#af63dc4c8601ec8c");
    assert_int_equal(roll_digest_of("foobar", d), 0);
    assert_string_equal(d, "#85944171f73967e8");
    assert_int_equal(roll_digest_of(NULL, d), -1);
    add(&l, 5, ROLL_PRESENT, NULL);
    add(&l, 6, ROLL_PRESENT, NULL);
    add(&l, 7, ROLL_PRESENT, NULL);
    add(&l, 8, ROLL_LEAVE, "病假");
    add(&l, 9, ROLL_PRESENT, NULL);
    add(&l, 20, ROLL_ABSENT, NULL);
    add(&l, 21, ROLL_ABSENT, NULL);
    add(&l, 22, ROLL_ABSENT, "说\"不来\"\\");
    t = roll_encode(&l);
    /* five members in runs: 5–7 present, 8 on leave, 9 present, 20–21 absent, 22 absent with a reason */
    assert_string_equal(t, "[[1,5,3],[2,1,1,\"病假\"],[1,1,1],[0,11,2],[0,1,1,\"说\\\"不来\\\"\\\\\"]]");

    /* Read back by SQLite's JSON reader: the same entries. */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    struct roll_list back = {0};
    struct fx_error err;
    assert_int_equal(roll_decode(db, t, &back, &err), 0);
    assert_int_equal(back.n, 8);
    assert_true(back.e[3].member == 8 && back.e[3].status == ROLL_LEAVE);
    assert_string_equal(back.e[3].reason, "病假");
    assert_true(back.e[6].member == 21 && back.e[6].status == ROLL_ABSENT && back.e[6].reason == NULL);
    assert_string_equal(back.e[7].reason, "说\"不来\"\\");
    roll_list_free(&back);
    sqlite3_free(t);

    /* The full copies of schema 12 read too (the migration's input). */
    assert_int_equal(
        roll_decode(db, "[[3,\"present\",\"\"],[4,\"leave\",\"外出务工\"],[9,\"absent\",\"\"]]", &back, &err), 0);
    assert_int_equal(back.n, 3);
    assert_true(back.e[1].member == 4 && back.e[1].status == ROLL_LEAVE && back.e[2].status == ROLL_ABSENT);
    t = roll_encode(&back);
    assert_string_equal(t, "[[1,3,1],[2,1,1,\"外出务工\"],[0,5,1]]");
    sqlite3_free(t);
    roll_list_free(&back);

    /* What fenxiao never writes is refused, not half read: a status out of range, a step of 0 (ids going back),
     * a run too long to be a roll call, text that is not JSON. */
    const char *bad[] = {"[[3,1,1]]", "[[1,1,1,5]]", "[[1,5,1],[1,0,1]]", "[[1,1,2000000]]",
                         "[[1,",      "[1,2,3]",     "[[\"x\",1,1]]"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(roll_decode(db, bad[i], &back, &err), FX_EINPUT);
        assert_int_equal(back.n, 0);
    }
    sqlite3_close(db);
    roll_list_free(&l);
}

static void fill(struct session *s, const char *title)
{
    memset(s, 0, sizeof *s);
    snprintf(s->date, sizeof s->date, "%s", "2026-03-12");
    snprintf(s->title, sizeof s->title, "%s", title);
    snprintf(s->category, sizeof s->category, "%s", "政治理论教育");
    snprintf(s->format, sizeof s->format, "%s", "集中培训");
    snprintf(s->kind, sizeof s->kind, "%s", "培训班");
    s->hours = 2;
}

static char *audit_text(struct fixture *f, const char *col, const char *action)
{
    sqlite3_stmt *st;
    assert_true(!strcmp(col, "before") || !strcmp(col, "after"));
    assert_int_equal(sqlite3_prepare_v2(f->db,
                                        "SELECT a.before, a.after FROM audit a WHERE " ROLL_SQL_CHAIN("a")
                                        " AND a.action = ?1 ORDER BY a.id DESC",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *v = sqlite3_column_text(st, !strcmp(col, "after"));
    char *out = v ? sqlite3_mprintf("%s", v) : NULL;
    sqlite3_finalize(st);
    return out;
}

struct lines {
    int n;
    char last[512];
};

static void collect(void *ctx, const char *line)
{
    struct lines *l = ctx;
    l->n++;
    snprintf(l->last, sizeof l->last, "%s", line);
}

static int verify(struct fixture *f, struct lines *out)
{
    struct fx_error err;
    memset(out, 0, sizeof *out);
    int n = roll_verify(f->db, 0, collect, out, &err);
    assert_true(n >= 0);
    assert_int_equal(n, out->n);
    return n;
}

static void test_saves_write_what_changed(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t b = fixture_branch(f, "东风村党支部");
    int64_t m[5];
    const char *names[] = {"张三", "李四", "王五", "赵六", "孙七"};
    for (int i = 0; i < 5; i++)
        m[i] = fixture_member(f, b, names[i], NULL);
    assert_true(m[0] == 1 && m[4] == 5); /* the texts below name these ids */
    struct session s;
    fill(&s, "学习贯彻党的二十大精神");
    struct attendee att[5] = {{m[0], ATT_PRESENT, "", 0},
                              {m[1], ATT_PRESENT, "", 0},
                              {m[2], ATT_LEAVE, "外出务工", 0},
                              {m[3], ATT_PRESENT, "", 0},
                              {m[4], ATT_ABSENT, "", 0}};
    s.att = att;
    s.natt = 5;
    s.branches = &b;
    s.nbranches = 1;
    struct fx_error err;
    assert_int_equal(ledger_save_session(f->db, &s, &err), 0);
    /* A new session is one record (schema 14): the session's insert, holding the roll call. */
    assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit WHERE entity IN ('session', 'attendance')", ""), 1);
    assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit WHERE entity = 'session' AND action = 'insert'", ""),
                     1);
    /* It holds the digest of the roll call's text (the text is what the first test checks). */
    char *t = audit_text(f, "after", "insert");
    char want_digest[ROLL_DIGEST_SIZE];
    assert_int_equal(roll_digest_of("[[1,1,2],[2,1,1,\"外出务工\"],[1,1,1],[0,1,1]]", want_digest), 0);
    assert_string_equal(t, want_digest);
    sqlite3_free(t);
    assert_null(audit_text(f, "before", "insert"));

    /* 孙七 comes after all; 王五 drops out of the list: the record names those two only. */
    struct session again;
    assert_int_equal(ledger_get_session(f->db, s.id, &again, &err), 0);
    struct attendee att2[4] = {
        {m[0], ATT_PRESENT, "", 0}, {m[1], ATT_PRESENT, "", 0}, {m[3], ATT_PRESENT, "", 0}, {m[4], ATT_PRESENT, "", 0}};
    struct attendee *kept = again.att;
    int kept_n = again.natt;
    again.att = att2;
    again.natt = 4;
    assert_int_equal(ledger_save_session(f->db, &again, &err), 0);
    again.att = kept;
    again.natt = kept_n;
    ledger_session_free(&again);
    t = audit_text(f, "before", "update");
    assert_string_equal(t, "[[2,3,1,\"外出务工\"],[0,2,1]]");
    sqlite3_free(t);
    t = audit_text(f, "after", "update");
    assert_string_equal(t, "[[1,5,1]]");
    sqlite3_free(t);

    /* Saving it unchanged writes no roll-call record. */
    /* the insert and one update */
    int64_t records = fixture_int(f, "SELECT count(*) FROM audit a WHERE " ROLL_SQL_CHAIN("a"), "");
    assert_int_equal(records, 2);
    assert_int_equal(ledger_get_session(f->db, s.id, &again, &err), 0);
    assert_int_equal(ledger_save_session(f->db, &again, &err), 0);
    ledger_session_free(&again);
    assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit a WHERE " ROLL_SQL_CHAIN("a"), ""), 2);

    struct lines out;
    assert_int_equal(verify(f, &out), 0);
    fixture_free(f);
}

static void test_replay_finds_tampering(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t b = fixture_branch(f, "东风村党支部");
    int64_t m1 = fixture_member(f, b, "张三", NULL), m2 = fixture_member(f, b, "李四", NULL);
    struct session s;
    fill(&s, "专题党课");
    struct attendee att[2] = {{m1, ATT_PRESENT, "", 0}, {m2, ATT_ABSENT, "", 0}};
    s.att = att;
    s.natt = 2;
    s.branches = &b;
    s.nbranches = 1;
    struct fx_error err;
    assert_int_equal(ledger_save_session(f->db, &s, &err), 0);
    struct lines out;
    assert_int_equal(verify(f, &out), 0);

    /* The roll call changed behind the program's back (the sqlite3 shell): its digest no longer matches. */
    fixture_sql(f, "UPDATE attendance SET status = 1 WHERE member_id = ?1", "i", m2);
    assert_int_equal(verify(f, &out), 1);
    char want[256];
    snprintf(want, sizeof want, "点名审计：培训记录 %lld 的点名与新增时的审计记录不符（摘要不同），点名被改动过",
             (long long)s.id);
    assert_string_equal(out.last, want);
    fixture_sql(f, "UPDATE attendance SET status = 0 WHERE member_id = ?1", "i", m2);
    assert_int_equal(verify(f, &out), 0);

    /* A record rewritten so that a later one no longer follows from it. */
    struct session again;
    assert_int_equal(ledger_get_session(f->db, s.id, &again, &err), 0);
    for (int i = 0; i < again.natt; i++)
        if (again.att[i].member_id == m2)
            again.att[i].status = ATT_PRESENT; /* 李四 came after all */
    assert_int_equal(ledger_save_session(f->db, &again, &err), 0);
    ledger_session_free(&again);
    assert_int_equal(fixture_int(f, "SELECT count(*) FROM audit WHERE entity = 'attendance' AND action = 'update'", ""),
                     1);
    assert_int_equal(verify(f, &out), 0);

    /* Changed behind the program's back after that record: taking the rows back through it fails at 李四. */
    int64_t update_id = fixture_int(f, "SELECT max(id) FROM audit WHERE entity = 'attendance'", "");
    fixture_sql(f, "UPDATE attendance SET status = 2, reason = '值班' WHERE member_id = ?1", "i", m2);
    assert_int_equal(verify(f, &out), 1);
    snprintf(want, sizeof want,
             "点名审计：培训记录 %lld 的审计记录 %lld 与现在的点名接不上（党员 %lld），点名被改动过", (long long)s.id,
             (long long)update_id, (long long)m2);
    assert_string_equal(out.last, want);
    /* Changed to what the record says: the rows go back to the roll call as saved, and the digest agrees. */
    fixture_sql(f, "UPDATE attendance SET status = 1, reason = '' WHERE member_id = ?1", "i", m2);
    assert_int_equal(verify(f, &out), 0);
    /* A change to a member the later record does not name: found by the digest. */
    fixture_sql(f, "UPDATE attendance SET status = 0 WHERE member_id = ?1", "i", m1);
    assert_int_equal(verify(f, &out), 1);
    snprintf(want, sizeof want, "点名审计：培训记录 %lld 的点名与新增时的审计记录不符（摘要不同），点名被改动过",
             (long long)s.id);
    assert_string_equal(out.last, want);
    fixture_sql(f, "UPDATE attendance SET status = 1 WHERE member_id = ?1", "i", m1);
    assert_int_equal(verify(f, &out), 0);
    fixture_exec(f, "DROP TRIGGER audit_no_update; UPDATE audit SET after = '[[1,1,1],[2,1,1,\"x\"]]' "
                    "WHERE entity = 'session' AND action = 'insert'");
    assert_int_equal(verify(f, &out), 1);
    snprintf(want, sizeof want,
             "点名审计：培训记录 %lld 的审计记录 %lld 接不上之前的记录（党员 %lld），点名的历史被改动过",
             (long long)s.id, (long long)fixture_int(f, "SELECT max(id) FROM audit WHERE entity = 'attendance'", ""),
             (long long)m2);
    assert_string_equal(out.last, want);

    /* A record that is not one fenxiao writes. */
    fixture_exec(f, "UPDATE audit SET after = '[garbage' WHERE entity = 'session' AND action = 'insert'");
    assert_int_equal(verify(f, &out), 1);
    assert_non_null(strstr(out.last, "读不出来"));
    fixture_free(f);
}

static void test_roll_call_without_records(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t b = fixture_branch(f, "东风村党支部");
    int64_t m1 = fixture_member(f, b, "张三", NULL);
    /* Rows written by SQL only, as an older release's merge left them: no roll-call record. */
    int64_t sid = fixture_session(f, &(struct fixture_session){.date = "2026-04-01", .branch = b});
    fixture_attend(f, sid, m1, "leave", "生病住院");
    struct lines out;
    assert_int_equal(verify(f, &out), 1);
    char want[200];
    snprintf(want, sizeof want, "点名审计：培训记录 %lld 有点名，但没有点名的审计记录", (long long)sid);
    assert_string_equal(out.last, want);

    /* The migration's fix: a baseline of the roll call as it stands, and the replay comes out right. */
    struct fx_error err;
    assert_int_equal(roll_verify(f->db, 1, NULL, NULL, &err), 0);
    char *t = audit_text(f, "after", "baseline");
    assert_string_equal(t, "[[2,1,1,\"生病住院\"]]");
    sqlite3_free(t);
    assert_int_equal(verify(f, &out), 0);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_of_a_roll_call),
        cmocka_unit_test(test_saves_write_what_changed),
        cmocka_unit_test(test_replay_finds_tampering),
        cmocka_unit_test(test_roll_call_without_records),
    };
    return cmocka_run_group_tests_name("rollaudit", tests, NULL, NULL);
}
