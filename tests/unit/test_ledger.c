/* test_ledger.c — saving, correcting and voiding sessions; the maintained hours.
 * Each test works on its own scratch ledger (tests/unit/fixture.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "ledger.h"
#include "stats.h"
#include "store.h"
#include "text.h"

static void fill(struct session *s, const char *date, const char *title, double hours)
{
    memset(s, 0, sizeof *s);
    snprintf(s->date, sizeof s->date, "%s", date);
    snprintf(s->title, sizeof s->title, "%s", title);
    snprintf(s->category, sizeof s->category, "%s", "政治理论教育");
    snprintf(s->format, sizeof s->format, "%s", "集中培训");
    snprintf(s->kind, sizeof s->kind, "%s", "培训班");
    s->hours = hours;
}

static double member_hours(sqlite3 *db, int64_t member, int year)
{
    sqlite3_stmt *st;
    double h = 0;
    store_prepare(db, "SELECT hours FROM member_year WHERE member_id = ? AND year = ?", &st, NULL);
    sqlite3_bind_int64(st, 1, member);
    sqlite3_bind_int(st, 2, year);
    if (sqlite3_step(st) == SQLITE_ROW)
        h = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return h;
}

/* The aggregate must always equal the straightforward sum over attendance. */
static void assert_aggregate_consistent(sqlite3 *db)
{
    int64_t bad = store_int(db,
                            "SELECT count(*) FROM (SELECT a.member_id AS m, CAST(substr(s.date,1,4) AS INTEGER) AS y, "
                            "sum(s.hours) AS h FROM attendance a JOIN session s ON s.id = a.session_id "
                            "WHERE a.status = 1 AND s.voided = 0 GROUP BY 1, 2) x "
                            "LEFT JOIN member_year my ON my.member_id = x.m AND my.year = x.y "
                            "WHERE abs(ifnull(my.hours, 0) - x.h) > 1e-9",
                            NULL);
    assert_int_equal(bad, 0);
    int64_t orphan = store_int(db,
                               "SELECT count(*) FROM member_year my WHERE abs(my.hours) > 1e-9 AND NOT EXISTS ("
                               "SELECT 1 FROM attendance a JOIN session s ON s.id = a.session_id WHERE a.member_id = "
                               "my.member_id AND a.status = 1 AND s.voided = 0 AND "
                               "CAST(substr(s.date,1,4) AS INTEGER) = my.year)",
                               NULL);
    assert_int_equal(orphan, 0);
}

static void test_save_with_roll_call(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t b = fixture_branch(f, "东风村党支部");
    int64_t m1 = fixture_member(f, b, "张三", NULL), m2 = fixture_member(f, b, "李四", NULL),
            m3 = fixture_member(f, b, "王小明", "党组织书记");
    struct session s;
    fill(&s, "2024-03-15", "学习贯彻党的二十大精神", 4);
    struct attendee att[3] = {{m1, ATT_PRESENT, "", 0}, {m2, ATT_ABSENT, "外出务工", 0}, {m3, ATT_PRESENT, "", 0}};
    s.att = att;
    s.natt = 3;
    s.branches = &b;
    s.nbranches = 1;
    struct fx_error err;
    assert_int_equal(ledger_save_session(f->db, &s, &err), 0);
    assert_true(s.id > 0);
    assert_int_equal(strlen(s.uuid), 36);
    assert_int_equal(s.expected, 3);
    assert_int_equal(s.present, 2);
    assert_near(member_hours(f->db, m1, 2024), 4, 0);
    assert_near(member_hours(f->db, m2, 2024), 0, 0);

    struct session back;
    assert_int_equal(ledger_get_session(f->db, s.id, &back, &err), 0);
    assert_string_equal(back.title, "学习贯彻党的二十大精神");
    assert_int_equal(back.natt, 3);
    assert_int_equal(back.nbranches, 1);
    int absent = 0;
    for (int i = 0; i < back.natt; i++)
        if (back.att[i].status == ATT_ABSENT) {
            absent++;
            assert_string_equal(back.att[i].reason, "外出务工");
        }
    assert_int_equal(absent, 1);
    ledger_session_free(&back);
    /* One record for the save (schema 14): the session's insert, holding the digest of its roll call
     * (rollaudit.h: "#" and 16 hex digits). */
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM audit WHERE entity IN ('session','attendance')", NULL), 1);
    assert_int_equal(store_int(f->db,
                               "SELECT before IS NULL AND after GLOB '#[0-9a-f]*' AND length(after) = 17 FROM audit "
                               "WHERE entity = 'session' AND action = 'insert'",
                               NULL),
                     1);
    assert_aggregate_consistent(f->db);
    fixture_free(f);
}

static void test_validation_names_field_and_writes_nothing(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t audits = store_int(f->db, "SELECT count(*) FROM audit", NULL);
    struct session s;
    struct fx_error err;
    fill(&s, "2024-02-30", "标题", 2);
    assert_int_equal(ledger_save_session(f->db, &s, &err), FX_EINPUT);
    assert_string_equal(err.field, "date");
    fill(&s, "2024-02-28", "  ", 2);
    assert_int_equal(ledger_save_session(f->db, &s, &err), FX_EINPUT);
    assert_string_equal(err.field, "title");
    fill(&s, "2024-02-28", "标题", 25);
    assert_int_equal(ledger_save_session(f->db, &s, &err), FX_EINPUT);
    assert_string_equal(err.field, "hours");
    fill(&s, "2024-02-28", "标题", NAN);
    assert_int_equal(ledger_save_session(f->db, &s, &err), FX_EINPUT);
    fill(&s, "2024-02-28", "标题", 2);
    snprintf(s.start, sizeof s.start, "14:00");
    snprintf(s.end, sizeof s.end, "09:00");
    assert_int_equal(ledger_save_session(f->db, &s, &err), FX_EINPUT);
    assert_string_equal(err.field, "end");
    fill(&s, "2024-02-28", "标题", 2);
    snprintf(s.category, sizeof s.category, "%s", "体育");
    assert_int_equal(ledger_save_session(f->db, &s, &err), FX_EINPUT);
    assert_string_equal(err.field, "category");
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM session", NULL), 0);
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM audit", NULL), audits);
    fixture_free(f);
}

static void test_edit_and_void_move_hours(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t b = fixture_branch(f, "西湖社区党支部");
    int64_t m1 = fixture_member(f, b, "赵六", NULL), m2 = fixture_member(f, b, "钱七", NULL);
    struct attendee att[2] = {{m1, ATT_PRESENT, "", 0}, {m2, ATT_PRESENT, "", 0}};
    struct session a, c;
    struct fx_error err;
    fill(&a, "2024-05-10", "专题党课", 2);
    a.att = att;
    a.natt = 2;
    assert_int_equal(ledger_save_session(f->db, &a, &err), 0);
    fill(&c, "2024-06-10", "交流会", 3);
    c.att = att;
    c.natt = 1;
    assert_int_equal(ledger_save_session(f->db, &c, &err), 0);
    assert_near(member_hours(f->db, m1, 2024), 5, 0);

    /* Edit: hours 2 → 4, and m2 becomes absent. */
    struct attendee att2[2] = {{m1, ATT_PRESENT, "", 0}, {m2, ATT_LEAVE, "病假", 0}};
    a.hours = 4;
    a.att = att2;
    assert_int_equal(ledger_save_session(f->db, &a, &err), 0);
    assert_near(member_hours(f->db, m1, 2024), 7, 0);
    assert_near(member_hours(f->db, m2, 2024), 0, 0);
    assert_aggregate_consistent(f->db);

    /* Move the session into another year. */
    snprintf(a.date, sizeof a.date, "2025-01-03");
    assert_int_equal(ledger_save_session(f->db, &a, &err), 0);
    assert_near(member_hours(f->db, m1, 2024), 3, 0);
    assert_near(member_hours(f->db, m1, 2025), 4, 0);
    assert_aggregate_consistent(f->db);

    /* Void needs a reason, then counts nowhere. */
    assert_int_equal(ledger_void_session(f->db, c.id, "  ", &err), FX_EINPUT);
    assert_int_equal(ledger_void_session(f->db, c.id, "重复录入", &err), 0);
    assert_near(member_hours(f->db, m1, 2024), 0, 0);
    assert_int_equal(ledger_void_session(f->db, c.id, "再次", &err), FX_EINPUT);
    assert_int_equal(ledger_save_session(f->db, &c, &err), FX_EINPUT); /* a voided session is not edited */
    assert_aggregate_consistent(f->db);
    struct fx_period p;
    period_parse("2024", &p, &err);
    struct period_stats ps;
    assert_int_equal(stats_period(f->db, &p, &ps, &err), 0);
    assert_int_equal(ps.sessions, 0);
    period_parse("2025", &p, &err);
    assert_int_equal(stats_period(f->db, &p, &ps, &err), 0);
    assert_int_equal(ps.sessions, 1);
    assert_int_equal(ps.person_times, 1);
    assert_near(ps.hours, 4, 0);

    /* Audit: an update and a void for the sessions, and nothing can rewrite it. */
    assert_true(store_int(f->db, "SELECT count(*) FROM audit WHERE action = 'update' AND entity = 'session'", NULL) >= 2);
    assert_int_equal(store_int(f->db, "SELECT count(*) FROM audit WHERE action = 'void'", NULL), 1);
    assert_int_not_equal(sqlite3_exec(f->db, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(f->db, "UPDATE audit SET who = 'x'", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(f->db, "DELETE FROM session", NULL, NULL, NULL), SQLITE_OK);
    fixture_free(f);
}

static void test_closed_year_is_read_only(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct session s;
    struct fx_error err;
    fill(&s, "2023-11-01", "旧课", 2);
    assert_int_equal(ledger_save_session(f->db, &s, &err), 0);
    assert_int_equal(sqlite3_exec(f->db, "INSERT INTO closed_year (year) VALUES (2023)", NULL, NULL, NULL), SQLITE_OK);
    struct session t;
    fill(&t, "2023-12-01", "补录", 2);
    assert_int_equal(ledger_save_session(f->db, &t, &err), FX_ECLOSED);
    s.hours = 3;
    assert_int_equal(ledger_save_session(f->db, &s, &err), FX_ECLOSED);
    assert_int_equal(ledger_void_session(f->db, s.id, "错", &err), FX_ECLOSED);
    fill(&t, "2024-01-02", "新年", 2);
    assert_int_equal(ledger_save_session(f->db, &t, &err), 0);
    fixture_free(f);
}

static void test_keyset_pages(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct fx_error err;
    for (int i = 0; i < 25; i++) {
        struct session s;
        char date[11], title[32];
        text_format(date, sizeof date, "2024-04-%02d", 1 + i % 28);
        snprintf(title, sizeof title, "第%d期", i);
        fill(&s, date, title, 1);
        assert_int_equal(ledger_save_session(f->db, &s, &err), 0);
    }
    struct ledger_filter flt;
    memset(&flt, 0, sizeof flt);
    struct session_row rows[10];
    char last_date[11] = "";
    int64_t last_id = 0;
    int total = 0;
    char prev[11] = "9999-99-99";
    int64_t prev_id = INT64_MAX;
    for (;;) {
        int n = ledger_page(f->db, &flt, last_date, last_id, 0, rows, 10, &err);
        assert_true(n >= 0);
        for (int i = 0; i < n; i++) {
            int cmp = strcmp(rows[i].date, prev);
            assert_true(cmp < 0 || (cmp == 0 && rows[i].id < prev_id));
            snprintf(prev, sizeof prev, "%s", rows[i].date);
            prev_id = rows[i].id;
        }
        total += n;
        if (n < 10)
            break;
        text_copy(last_date, sizeof last_date, rows[n - 1].date);
        last_id = rows[n - 1].id;
    }
    assert_int_equal(total, 25);
    /* Backward from the last row returns the page just before it, still newest first. */
    int n = ledger_page(f->db, &flt, prev, prev_id, 1, rows, 10, &err);
    assert_int_equal(n, 10);
    assert_true(strcmp(rows[0].date, rows[9].date) >= 0);
    snprintf(flt.query, sizeof flt.query, "第1");
    assert_int_equal(ledger_count(f->db, &flt), 11); /* 第1, 第10 … 第19 */
    fixture_free(f);
}

/* Pages across rows of one date, inside a date range: the keyset's date also bounds the range (ledger_page seeks
 * from the key), so the rows of the key's date after it must still come, each once, down and up. */
static void test_keyset_pages_same_date(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct fx_error err;
    for (int i = 0; i < 9; i++) { /* three a day on 2024-04-02, 03 and 04 */
        struct session s;
        char date[11], title[32];
        text_format(date, sizeof date, "2024-04-%02d", 2 + i / 3);
        snprintf(title, sizeof title, "第%d期", i);
        fill(&s, date, title, 1);
        assert_int_equal(ledger_save_session(f->db, &s, &err), 0);
    }
    struct ledger_filter flt;
    memset(&flt, 0, sizeof flt);
    snprintf(flt.from, sizeof flt.from, "%s", "2024-04-02");
    snprintf(flt.to, sizeof flt.to, "%s", "2024-04-03"); /* six rows: the 4th is outside */
    struct session_row rows[2];
    int seen = 0;
    int n = ledger_page(f->db, &flt, NULL, 0, 0, rows, 2, &err);
    while (n > 0) {
        seen += n;
        char key[11];
        text_copy(key, sizeof key, rows[n - 1].date);
        int64_t key_id = rows[n - 1].id;
        n = ledger_page(f->db, &flt, key, key_id, 0, rows, 2, &err);
        for (int i = 0; i < n; i++)
            assert_true(strcmp(rows[i].date, key) < 0 || (!strcmp(rows[i].date, key) && rows[i].id < key_id));
    }
    assert_int_equal(n, 0);
    assert_int_equal(seen, 6);
    /* Up from the oldest row of 2024-04-02: the two rows after it on that day. */
    int64_t oldest = 0;
    assert_int_equal(ledger_page(f->db, &flt, "", 0, 1, rows, 2, &err), 2);
    oldest = rows[1].id; /* newest first: rows[1] is the oldest of the range */
    assert_int_equal(ledger_page(f->db, &flt, "2024-04-02", oldest, 1, rows, 2, &err), 2);
    assert_string_equal(rows[0].date, "2024-04-02");
    assert_string_equal(rows[1].date, "2024-04-02");
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_save_with_roll_call),
        cmocka_unit_test(test_validation_names_field_and_writes_nothing),
        cmocka_unit_test(test_edit_and_void_move_hours),
        cmocka_unit_test(test_closed_year_is_read_only),
        cmocka_unit_test(test_keyset_pages),
        cmocka_unit_test(test_keyset_pages_same_date),
    };
    return cmocka_run_group_tests_name("ledger", tests, NULL, NULL);
}
