/* test_store_tx.c — store.c's one way to talk to SQLite: nested transactions
 * and the small query helpers, each on a scratch ledger of its own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

struct ledger {
    char dir[256];
    char path[300];
    sqlite3 *db;
    int commits; /* transactions written to disk, counted by a commit hook */
};

static int count_commit(void *arg)
{
    ((struct ledger *)arg)->commits++;
    return 0;
}

static int setup(void **state)
{
    struct ledger *l = calloc(1, sizeof *l);
    const char *tmp = getenv("TMPDIR");
    snprintf(l->dir, sizeof l->dir, "%s/fx-store-tx-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(l->dir))
        return -1;
    snprintf(l->path, sizeof l->path, "%s/ledger.db", l->dir);
    struct fx_error err;
    fx_clear(&err);
    if (store_open(l->path, STORE_CREATE | STORE_NEW, &l->db, &err)) {
        fprintf(stderr, "setup: %s (%s)\n", err.msg, err.detail);
        return -1;
    }
    if (sqlite3_exec(l->db, "CREATE TABLE t (x INTEGER)", NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    sqlite3_commit_hook(l->db, count_commit, l);
    *state = l;
    return 0;
}

static int teardown(void **state)
{
    struct ledger *l = *state;
    store_close(l->db);
    static const char *const suffixes[] = {"", "-wal", "-shm", ".lock"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char p[320];
        snprintf(p, sizeof p, "%s%s", l->path, suffixes[i]);
        unlink(p);
    }
    rmdir(l->dir);
    free(l);
    return 0;
}

static void put(struct ledger *l, int x)
{
    sqlite3_stmt *st;
    struct fx_error err;
    assert_int_equal(store_prepare(l->db, "INSERT INTO t (x) VALUES (?)", &st, &err), 0);
    sqlite3_bind_int(st, 1, x);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

/* Open a level and write x in it. */
static void begin_put(struct ledger *l, int x)
{
    struct fx_error err;
    assert_int_equal(store_begin(l->db, &err), 0);
    put(l, x);
}

/* What another copy of the program would read: only committed rows. */
static int64_t committed(struct ledger *l, const char *sql)
{
    /* A bare connection: table t is not in the ledger's schema, so store_open would refuse the file. */
    sqlite3 *r;
    assert_int_equal(sqlite3_open_v2(l->path, &r, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    int64_t v = store_int(r, sql, NULL);
    sqlite3_close(r);
    return v;
}

static void test_nested_commit_writes_once(void **state)
{
    struct ledger *l = *state;
    struct fx_error err;
    fx_clear(&err);
    begin_put(l, 1);
    begin_put(l, 2);
    begin_put(l, 3);
    assert_int_equal(store_commit(l->db, &err), 0);
    assert_int_equal(store_commit(l->db, &err), 0);
    /* The inner commits handed their rows to the outer level: nothing is on disk yet. */
    assert_int_equal(sqlite3_get_autocommit(l->db), 0);
    assert_int_equal(l->commits, 0);
    assert_int_equal(committed(l, "SELECT count(*) FROM t"), 0);
    assert_int_equal(store_commit(l->db, &err), 0);
    assert_int_equal(sqlite3_get_autocommit(l->db), 1);
    assert_int_equal(l->commits, 1);
    assert_int_equal(committed(l, "SELECT count(*) FROM t"), 3);
}

static void test_inner_rollback_undoes_only_its_level(void **state)
{
    struct ledger *l = *state;
    struct fx_error err;
    fx_clear(&err);
    begin_put(l, 1);
    begin_put(l, 2);
    store_rollback(l->db);
    /* The outer level is still open and goes on, as an import does after a refused line. */
    assert_int_equal(sqlite3_get_autocommit(l->db), 0);
    begin_put(l, 3);
    assert_int_equal(store_end(l->db, 0, &err), 0);
    assert_int_equal(store_end(l->db, 0, &err), 0);
    assert_int_equal(store_int(l->db, "SELECT count(*) FROM t WHERE x = 2", NULL), 0);
    assert_int_equal(store_int(l->db, "SELECT count(*) FROM t WHERE x IN (1, 3)", NULL), 2);
    assert_int_equal(committed(l, "SELECT count(*) FROM t"), 2);
}

static void test_outer_rollback_undoes_every_level(void **state)
{
    struct ledger *l = *state;
    struct fx_error err;
    fx_clear(&err);
    begin_put(l, 1);
    begin_put(l, 2);
    assert_int_equal(store_commit(l->db, &err), 0);
    /* store_end with a failure rolls back and hands the caller's status back unchanged. */
    assert_int_equal(store_end(l->db, FX_EINPUT, &err), FX_EINPUT);
    assert_int_equal(sqlite3_get_autocommit(l->db), 1);
    assert_int_equal(l->commits, 0);
    assert_int_equal(store_int(l->db, "SELECT count(*) FROM t", NULL), 0);
    /* The connection is clean again: the next action is a transaction of its own. */
    begin_put(l, 4);
    assert_int_equal(store_commit(l->db, &err), 0);
    assert_int_equal(l->commits, 1);
}

static void test_joins_a_transaction_begun_elsewhere(void **state)
{
    struct ledger *l = *state;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(sqlite3_exec(l->db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    put(l, 1);
    begin_put(l, 2);
    store_rollback(l->db);
    begin_put(l, 3);
    assert_int_equal(store_commit(l->db, &err), 0);
    /* Our levels were savepoints: the transaction is still its owner's to end. */
    assert_int_equal(sqlite3_get_autocommit(l->db), 0);
    assert_int_equal(sqlite3_exec(l->db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(store_int(l->db, "SELECT count(*) FROM t WHERE x IN (1, 3)", NULL), 2);
    assert_int_equal(store_int(l->db, "SELECT count(*) FROM t", NULL), 2);
}

static void test_lost_transaction_fails_every_level(void **state)
{
    struct ledger *l = *state;
    struct fx_error err;
    fx_clear(&err);
    begin_put(l, 1);
    begin_put(l, 2);
    /* As SQLite does after a full disk or an I/O error: the whole transaction is gone. */
    assert_int_equal(sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    fx_clear(&err);
    assert_int_not_equal(store_begin(l->db, &err), 0);
    assert_int_not_equal(err.code, 0);
    assert_true(err.msg[0] != '\0');
    fx_clear(&err);
    assert_int_not_equal(store_commit(l->db, &err), 0);
    assert_int_not_equal(err.code, 0);
    /* The outer level must not report its half as saved. */
    fx_clear(&err);
    assert_int_not_equal(store_commit(l->db, &err), 0);
    assert_int_not_equal(err.code, 0);
    assert_int_equal(l->commits, 0);
    assert_int_equal(committed(l, "SELECT count(*) FROM t"), 0);
    /* And the connection is usable again. */
    begin_put(l, 3);
    assert_int_equal(store_commit(l->db, &err), 0);
    assert_int_equal(committed(l, "SELECT count(*) FROM t"), 1);
}

static void test_levels_belong_to_their_connection(void **state)
{
    struct ledger *l = *state;
    struct fx_error err;
    fx_clear(&err);
    sqlite3 *other;
    assert_int_equal(sqlite3_open(":memory:", &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "CREATE TABLE u (y)", NULL, NULL, NULL), SQLITE_OK);
    begin_put(l, 1);
    /* A first level on another connection is its own BEGIN, not a savepoint in ours. */
    assert_int_equal(store_begin(other, &err), 0);
    assert_int_equal(sqlite3_exec(other, "INSERT INTO u VALUES (1)", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(store_commit(other, &err), 0);
    assert_int_equal(sqlite3_get_autocommit(other), 1);
    assert_int_equal(sqlite3_get_autocommit(l->db), 0);
    assert_int_equal(store_commit(l->db, &err), 0);
    assert_int_equal(committed(l, "SELECT count(*) FROM t"), 1);
    assert_int_equal(store_int(other, "SELECT count(*) FROM u", NULL), 1);
    sqlite3_close(other);
}

/* A filled error: a status, a message for people, and the statement for the log. */
static void assert_filled(const struct fx_error *err, int rc, const char *sql_part)
{
    assert_int_not_equal(rc, 0);
    assert_int_equal(err->code, rc);
    assert_true(err->msg[0] != '\0');
    if (sql_part)
        assert_non_null(strstr(err->detail, sql_part));
}

static void test_exists_tells_no_row_from_error(void **state)
{
    struct ledger *l = *state;
    struct fx_error err;
    fx_clear(&err);
    put(l, 7);
    bool found = false;
    assert_int_equal(store_exists(l->db, "SELECT 1 FROM t WHERE x = ?1", STORE_ARGS(STORE_INT(7)), &found, &err), 0);
    assert_true(found);
    assert_int_equal(store_exists(l->db, "SELECT 1 FROM t WHERE x = ?1", STORE_ARGS(STORE_INT(8)), &found, &err), 0);
    assert_false(found);
    assert_int_equal(err.code, 0);
    /* A statement that cannot be prepared is an error, never "not found". */
    found = true;
    int rc = store_exists(l->db, "SELECT 1 FROM no_such_table WHERE x = ?1", STORE_ARGS(STORE_INT(7)), &found, &err);
    assert_filled(&err, rc, "no_such_table");
    assert_int_equal(rc, FX_EINTERNAL);
    assert_false(found);
    /* Nor one that fails while it runs. */
    fx_clear(&err);
    rc = store_exists(l->db, "SELECT abs(?1)", STORE_ARGS(STORE_INT(INT64_MIN)), &found, &err);
    assert_filled(&err, rc, "abs(?1)");
    /* Nor a parameter the statement does not have. */
    fx_clear(&err);
    rc = store_exists(l->db, "SELECT 1 FROM t WHERE x = ?1", STORE_ARGS(STORE_INT(7), STORE_INT(8)), &found, &err);
    assert_filled(&err, rc, "FROM t");
}

static void test_one_value_helpers(void **state)
{
    struct ledger *l = *state;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(sqlite3_exec(l->db, "CREATE TABLE w (k TEXT, v TEXT, n INTEGER)", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(l->db, "INSERT INTO w VALUES ('甲', '党的宗旨教育', 3), ('乙', NULL, NULL)", NULL, NULL, NULL),
        SQLITE_OK);
    int64_t n = -5;
    assert_int_equal(store_get_int(l->db, "SELECT n FROM w WHERE k = ?1 AND n > ?2",
                                   STORE_ARGS(STORE_TEXT("甲"), STORE_INT(2)), &n, &err),
                     0);
    assert_int_equal(n, 3);
    /* No row: the caller's default stays. */
    n = -5;
    assert_int_equal(store_get_int(l->db, "SELECT n FROM w WHERE k = ?1", STORE_ARGS(STORE_TEXT("丙")), &n, &err), 0);
    assert_int_equal(n, -5);
    assert_int_equal(store_get_int(l->db, "SELECT count(*) FROM w", STORE_NO_ARGS, &n, &err), 0);
    assert_int_equal(n, 2);

    char text[64] = "默认";
    assert_int_equal(
        store_get_text(l->db, "SELECT v FROM w WHERE k = ?1", STORE_ARGS(STORE_TEXT("甲")), text, sizeof text, &err),
        0);
    assert_string_equal(text, "党的宗旨教育");
    assert_int_equal(
        store_get_text(l->db, "SELECT v FROM w WHERE k = ?1", STORE_ARGS(STORE_TEXT("乙")), text, sizeof text, &err),
        0);
    assert_string_equal(text, "");
    snprintf(text, sizeof text, "%s", "默认");
    assert_int_equal(
        store_get_text(l->db, "SELECT v FROM w WHERE k = ?1", STORE_ARGS(STORE_TEXT(NULL)), text, sizeof text, &err),
        0);
    assert_string_equal(text, "默认");
    char small[4];
    assert_int_equal(store_get_text(l->db, "SELECT 'abcdef'", STORE_NO_ARGS, small, sizeof small, &err), 0);
    assert_string_equal(small, "abc");
    assert_int_equal(err.code, 0);
}

static void test_every_helper_fills_err(void **state)
{
    struct ledger *l = *state;
    struct fx_error err;
    const char *bad = "SELECT nothing FROM nowhere";
    sqlite3_stmt *st = (sqlite3_stmt *)&err; /* anything but NULL: a failed prepare must clear it */

    fx_clear(&err);
    assert_filled(&err, store_prepare(l->db, bad, &st, &err), "nowhere");
    assert_null(st);
    fx_clear(&err);
    assert_filled(&err, store_prepare_persistent(l->db, bad, &st, &err), "nowhere");
    assert_null(st);
    bool found;
    fx_clear(&err);
    assert_filled(&err, store_exists(l->db, bad, STORE_NO_ARGS, &found, &err), "nowhere");
    int64_t n = 42;
    fx_clear(&err);
    assert_filled(&err, store_get_int(l->db, bad, STORE_NO_ARGS, &n, &err), "nowhere");
    assert_int_equal(n, 42);
    char text[8] = "x";
    fx_clear(&err);
    assert_filled(&err, store_get_text(l->db, bad, STORE_NO_ARGS, text, sizeof text, &err), "nowhere");
    assert_string_equal(text, "x");
    /* A NULL err is allowed everywhere; the status still says it failed. */
    assert_int_not_equal(store_exists(l->db, bad, STORE_NO_ARGS, &found, NULL), 0);

    /* Another copy holds the write lock: store_begin says so, as FX_ELOCKED. */
    sqlite3 *other;
    assert_int_equal(sqlite3_open(l->path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_busy_timeout(l->db, 10);
    fx_clear(&err);
    assert_filled(&err, store_begin(l->db, &err), NULL);
    assert_int_equal(err.code, FX_ELOCKED);
    assert_int_equal(sqlite3_get_autocommit(l->db), 1);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    /* The failed begin left no level behind. */
    fx_clear(&err);
    assert_int_equal(store_begin(l->db, &err), 0);
    assert_int_equal(store_commit(l->db, &err), 0);
    assert_int_equal(l->commits, 1);
}

static void test_copy_column(void **state)
{
    struct ledger *l = *state;
    struct fx_error err;
    sqlite3_stmt *st;
    assert_int_equal(store_prepare_persistent(l->db, "SELECT '分校台账', NULL, 12", &st, &err), 0);
    for (int run = 0; run < 2; run++) {
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        char a[32], b[8] = "x", c[8];
        store_copy_column(a, sizeof a, st, 0);
        store_copy_column(b, sizeof b, st, 1);
        store_copy_column(c, sizeof c, st, 2);
        assert_string_equal(a, "分校台账");
        assert_string_equal(b, "");
        assert_string_equal(c, "12");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_nested_commit_writes_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inner_rollback_undoes_only_its_level, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outer_rollback_undoes_every_level, setup, teardown),
        cmocka_unit_test_setup_teardown(test_joins_a_transaction_begun_elsewhere, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lost_transaction_fails_every_level, setup, teardown),
        cmocka_unit_test_setup_teardown(test_levels_belong_to_their_connection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exists_tells_no_row_from_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_value_helpers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_helper_fills_err, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_column, setup, teardown),
    };
    return cmocka_run_group_tests_name("store_tx", tests, NULL, NULL);
}
