/* test_store.c — the ledger file: modes, pragmas, identity, locking, versions.
 * These are the promises of DESIGN.md "The ledger file". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "store.h"

static void test_new_file_modes_and_pragmas(void **state)
{
    (void)state;
    struct fixture *d = fixture_new_dir();
    char path[320];
    snprintf(path, sizeof path, "%s", fixture_path(d, "sub/ledger.db"));
    umask(022);
    sqlite3 *db;
    struct fx_error err;
    assert_int_equal(store_open(path, STORE_CREATE | STORE_NEW, &db, &err), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char sub[300];
    snprintf(sub, sizeof sub, "%s", fixture_path(d, "sub"));
    assert_int_equal(stat(sub, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(store_int(db, "PRAGMA application_id", NULL), FX_APPLICATION_ID);
    assert_true(store_int(db, "PRAGMA user_version", NULL) >= 1);
    assert_int_equal(store_int(db, "PRAGMA foreign_keys", NULL), 1);
    assert_int_equal(store_int(db, "PRAGMA synchronous", NULL), 2); /* FULL */
    sqlite3_stmt *q;
    store_prepare(db, "PRAGMA journal_mode", &q, NULL);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    assert_int_equal(store_int(db, "SELECT count(*) FROM vocab WHERE kind = 'category'", NULL), 7);
    store_close(db);

    /* init never overwrites */
    assert_int_equal(store_open(path, STORE_CREATE | STORE_NEW, &db, &err), FX_EINPUT);
    assert_null(db);
    /* reopening migrates nothing and keeps the data */
    assert_int_equal(store_open(path, 0, &db, &err), 0);
    store_close(db);
    fixture_free(d);
}

static void test_refuses_foreign_and_missing_files(void **state)
{
    (void)state;
    struct fixture *d = fixture_new_dir();
    char path[320];
    snprintf(path, sizeof path, "%s", fixture_path(d, "foreign.db"));
    sqlite3 *other;
    assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
    sqlite3_exec(other, "CREATE TABLE t(x); PRAGMA user_version = 1;", NULL, NULL, NULL);
    sqlite3_close(other);
    sqlite3 *db;
    struct fx_error err;
    assert_int_equal(store_open(path, 0, &db, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "不是 fenxiao 账本"));
    unlink(path);

    /* a text file is not a database at all */
    FILE *f = fopen(path, "w");
    fputs("姓名,电话\n张三,123\n", f);
    fclose(f);
    assert_int_not_equal(store_open(path, 0, &db, &err), 0);
    assert_null(db);
    unlink(path);

    assert_int_equal(store_open("/nonexistent-dir/x.db", 0, &db, &err), FX_EFS);
    assert_non_null(strstr(err.msg, "fenxiao init"));
    fixture_free(d);
}

static void test_newer_version_refused(void **state)
{
    (void)state;
    struct fixture *fx = fixture_new();
    sqlite3_exec(fx->db, "PRAGMA user_version = 999", NULL, NULL, NULL);
    store_close(fx->db);
    sqlite3 *db;
    struct fx_error err;
    assert_int_equal(store_open(fx->path, 0, &db, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "较新版本"));
    assert_int_equal(sqlite3_open(fx->path, &fx->db), SQLITE_OK); /* for fixture_free */
    fixture_free(fx);
}

static void test_second_writer_is_told(void **state)
{
    (void)state;
    struct fixture *fx = fixture_new();
    sqlite3 *w1, *w2, *r;
    struct fx_error err;
    assert_int_equal(store_open(fx->path, STORE_WRITER, &w1, &err), 0);
    assert_int_equal(store_lock_holder(fx->path), (long)getpid());
    assert_int_equal(store_open(fx->path, STORE_WRITER, &w2, &err), FX_ELOCKED);
    assert_null(w2);
    assert_non_null(strstr(err.msg, "正被另一个"));
    /* readers are never refused */
    assert_int_equal(store_open(fx->path, STORE_READONLY, &r, &err), 0);
    sqlite3_close(r);
    store_close(w1);
    fixture_free(fx);
}

static void test_uuid_shape(void **state)
{
    (void)state;
    char a[37], b[37];
    store_uuid(a);
    store_uuid(b);
    assert_int_equal(strlen(a), 36);
    assert_true(a[14] == '4');
    assert_true(strchr("89ab", a[19]) != NULL);
    assert_string_not_equal(a, b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_file_modes_and_pragmas), cmocka_unit_test(test_refuses_foreign_and_missing_files),
        cmocka_unit_test(test_newer_version_refused), cmocka_unit_test(test_second_writer_is_told),
        cmocka_unit_test(test_uuid_shape),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
