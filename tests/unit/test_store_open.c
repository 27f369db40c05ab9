/* test_store_open.c — files given as ledgers are not trusted: hardened connections, the progress budget,
 * the header and schema checks, migrations with their backup, the closed year's digest, the writer lock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "maint.h"
#include "paths.h"
#include "problem.h"
#include "sha256.h"
#include "store.h"

/* Entries in the fixture's folder: "nothing appears beside a file" keeps this. */
static int entries(const struct fixture *f)
{
    DIR *d = opendir(f->dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

/* Run sql on the file with a bare connection, as the sqlite3 shell would. */
static void raw(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
    sqlite3_close(db);
}

static int64_t raw_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(store_prepare(db, sql, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_sha256_vectors(void **state)
{
    (void)state;
    /* FIPS 180-4 examples. */
    static const struct {
        const char *in, *hex;
    } v[] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        struct sha256 h;
        char out[65];
        sha256_init(&h);
        /* In pieces, to cross block boundaries. */
        for (const char *p = v[i].in; *p; p++)
            sha256_update(&h, p, 1);
        sha256_hex(&h, out);
        assert_string_equal(out, v[i].hex);
    }
}

static void test_connection_is_hardened(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int on = -1;
    assert_int_equal(sqlite3_db_config(f->db, SQLITE_DBCONFIG_DEFENSIVE, -1, &on), SQLITE_OK);
    assert_int_equal(on, 1);
    assert_int_equal(store_int(f->db, "PRAGMA trusted_schema", NULL), 0);
    assert_int_equal(sqlite3_limit(f->db, SQLITE_LIMIT_LENGTH, -1), STORE_MAX_LENGTH);
    assert_int_equal(sqlite3_limit(f->db, SQLITE_LIMIT_SQL_LENGTH, -1), STORE_MAX_SQL);
    assert_int_equal(sqlite3_limit(f->db, SQLITE_LIMIT_ATTACHED, -1), STORE_MAX_ATTACHED);
    /* Defensive: the schema cannot be written behind SQLite's back. */
    assert_int_not_equal(
        sqlite3_exec(f->db, "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = ''", NULL, NULL, NULL),
        SQLITE_OK);
    /* fx_match is ours to call, never a view's or a trigger's. */
    assert_int_equal(store_int(f->db, "SELECT fx_match('张三', 'zs')", NULL), 1);
    raw(f->path, "CREATE VIEW v AS SELECT fx_match('a', 'a') AS x");
    assert_int_not_equal(sqlite3_exec(f->db, "SELECT * FROM v", NULL, NULL, NULL), SQLITE_OK);
    assert_non_null(strstr(sqlite3_errmsg(f->db), "fx_match"));
    fixture_free(f);
}

static void test_budget_interrupts_an_endless_view(void **state)
{
    (void)state;
    struct fixture *f = fixture_new_dir();
    const char *path = fixture_path(f, "loop.db");
    raw(path, "CREATE VIEW loop AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r");
    sqlite3 *db;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(store_connect(path, SQLITE_OPEN_READONLY, &db, &err), 0);
    sqlite3_stmt *st;
    assert_int_equal(store_prepare(db, "SELECT count(*) FROM loop", &st, &err), 0);
    double t = seconds();
    int rc = sqlite3_step(st);
    double took = seconds() - t;
    sqlite3_finalize(st);
    assert_int_equal(rc, SQLITE_INTERRUPT);
    print_message("# interrupted after %.2f s\n", took);
    assert_true(took < 2.0);
    assert_int_equal(store_fail(db, rc, &err, "读取账本"), FX_EINPUT);
    assert_non_null(strstr(err.msg, "超过时限"));
    /* Trusted, a statement gets its own deadline, far away: the same work is not cut at once. */
    store_trust(db);
    assert_int_equal(store_int(db, "SELECT count(*) FROM (SELECT n FROM loop LIMIT 200000)", NULL), 200000);
    sqlite3_close(db);
    fixture_free(f);
}

static void test_not_ledgers_keep_their_bytes(void **state)
{
    (void)state;
    struct fixture *f = fixture_new_dir();
    struct {
        const char *name, *sql, *says;
    } cases[] = {
        {"empty.db", NULL, "空文件"},
        {"foreign.db", "CREATE TABLE t (x); INSERT INTO t VALUES (1);", "其他程序"},
        {"uv0.db", "CREATE TABLE t (x); PRAGMA application_id = 1719168103;", "没有结构版本号"},
        {"newer.db", "PRAGMA application_id = 1719168103; PRAGMA user_version = 99;", "较新版本"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *path = fixture_path(f, cases[i].name);
        char p[320];
        snprintf(p, sizeof p, "%s", path);
        if (cases[i].sql)
            raw(p, cases[i].sql);
        else
            fixture_write(f, cases[i].name, "", 0);
        struct stat before, after;
        assert_int_equal(stat(p, &before), 0);
        int n = entries(f);
        static const int flags[] = {0, STORE_WRITER, STORE_READONLY, STORE_CREATE | STORE_WRITER};
        for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++) {
            sqlite3 *db = (sqlite3 *)1;
            struct fx_error err;
            fx_clear(&err);
            assert_int_equal(store_open(p, flags[k], &db, &err), FX_EINPUT);
            assert_null(db);
            if (!strstr(err.msg, cases[i].says))
                fail_msg("%s: \"%s\" does not say %s", cases[i].name, err.msg, cases[i].says);
            assert_int_equal(stat(p, &after), 0);
            assert_int_equal(after.st_size, before.st_size);
            assert_int_equal(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
            assert_int_equal(entries(f), n);
        }
    }
    fixture_free(f);
}

static void test_schema_is_checked(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    store_close(f->db);
    f->db = NULL;
    sqlite3 *db;
    struct fx_error err;

    /* An extra trigger: refused for reading and writing, named. */
    raw(f->path, "CREATE TRIGGER sneaky AFTER INSERT ON session BEGIN SELECT 1; END");
    fx_clear(&err);
    assert_int_equal(store_open(f->path, STORE_READONLY, &db, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "多出的触发器 sneaky"));
    assert_int_equal(store_open(f->path, STORE_WRITER, &db, &err), FX_EINPUT);
    raw(f->path, "DROP TRIGGER sneaky");

    /* An altered trigger, same name. */
    raw(f->path, "DROP TRIGGER closed_year_no_delete; CREATE TRIGGER closed_year_no_delete BEFORE DELETE ON "
                 "closed_year WHEN 0 BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END");
    assert_int_equal(store_open(f->path, STORE_READONLY, &db, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "被改动的触发器 closed_year_no_delete"));

    /* Missing: the trigger is refused to writers only; readers may look (verify lists it). */
    raw(f->path, "DROP TRIGGER closed_year_no_delete");
    assert_int_equal(store_open(f->path, STORE_READONLY, &db, &err), 0);
    store_close(db);
    assert_int_equal(store_open(f->path, 0, &db, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "缺少触发器 closed_year_no_delete"));
    fixture_free(f);

    /* A missing index costs speed only, except to STORE_EXACT (a backup about to be installed). */
    f = fixture_new();
    store_close(f->db);
    f->db = NULL;
    raw(f->path, "DROP INDEX member_name");
    assert_int_equal(store_open(f->path, STORE_WRITER, &db, &err), 0);
    store_close(db);
    assert_int_equal(store_open(f->path, STORE_READONLY | STORE_EXACT, &db, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "缺少索引 member_name"));
    /* Whitespace is not a difference. */
    fixture_free(f);
}

/* A ledger of schema version 1, as release 0.1.0 made it, with a closed year. */
static void make_v1(const char *path)
{
    char file[4200];
    paths_join(file, sizeof file, paths_data_dir(), "schema/001-initial.sql");
    FILE *in = fopen(file, "rb");
    assert_non_null(in);
    static char sql[65536];
    size_t n = fread(sql, 1, sizeof sql - 1, in);
    fclose(in);
    sql[n] = '\0';
    raw(path, "PRAGMA journal_mode = WAL");
    raw(path, sql);
    raw(path, "PRAGMA application_id = 1719168103; PRAGMA user_version = 1;"
              "INSERT INTO unit (uuid, name) VALUES ('u1', '旧版分校');"
              "INSERT INTO branch (uuid, unit_id, name) VALUES ('b1', 1, '一支部');"
              "INSERT INTO member (uuid, branch_id, name) VALUES ('m1', 1, '张三');"
              "INSERT INTO session (uuid, unit_id, date, title, category, format, hours) "
              "VALUES ('s1', 1, '2024-05-01', '旧课', '政治理论教育', '集中培训', 2);"
              "INSERT INTO attendance (session_id, member_id, status) VALUES (1, 1, 'present');"
              "INSERT INTO audit (action, entity, uuid) VALUES ('insert', 'session', 's1');"
              "INSERT INTO closed_year (year) VALUES (2024);");
}

static void test_migration_keeps_a_backup(void **state)
{
    (void)state;
    struct fixture *f = fixture_new_dir();
    char path[320];
    snprintf(path, sizeof path, "%s", fixture_path(f, "old.db"));
    make_v1(path);
    sqlite3 *db;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(store_open(path, 0, &db, &err), 0);
    assert_int_equal(store_int(db, "PRAGMA user_version", NULL), store_schema_version(NULL));
    /* The year closed before the lock was complete got its digest in the upgrade. */
    char digest[80], stored[80] = "";
    assert_int_equal(maint_year_digest_version(db, 2024, 1, digest, &err), 0);
    assert_int_equal(store_get_text(db, "SELECT digest FROM closed_year WHERE year = 2024", STORE_NO_ARGS, stored,
                                    sizeof stored, &err),
                     0);
    assert_string_equal(stored, digest);
    store_close(db);
    char pattern[400];
    snprintf(pattern, sizeof pattern, "%s.before-v%d-*", path, store_schema_version(NULL));
    glob_t g;
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    assert_int_equal(g.gl_pathc, 1);
    struct stat st;
    assert_int_equal(stat(g.gl_pathv[0], &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(raw_int(g.gl_pathv[0], "PRAGMA user_version"), 1);
    assert_int_equal(raw_int(g.gl_pathv[0], "SELECT count(*) FROM session"), 1);
    assert_int_equal(raw_int(g.gl_pathv[0], "PRAGMA journal_mode = DELETE"), 0); /* "delete": one file */
    globfree(&g);
    /* Opening again upgrades nothing and copies nothing. */
    assert_int_equal(store_open(path, 0, &db, &err), 0);
    store_close(db);
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    assert_int_equal(g.gl_pathc, 1);
    globfree(&g);
    fixture_free(f);
}

static int failing_step(sqlite3 *db, struct fx_error *err)
{
    (void)db;
    return fx_fail(err, FX_EINTERNAL, "试验中的失败");
}

static void test_failed_migration_changes_nothing(void **state)
{
    (void)state;
    struct fixture *f = fixture_new_dir();
    char path[320];
    snprintf(path, sizeof path, "%s", fixture_path(f, "old.db"));
    make_v1(path);
    static const struct store_step steps[] = {{.version = 2, .run = failing_step}};
    static const struct store_hooks hooks = {.steps = steps, .nsteps = 1};
    sqlite3 *db;
    struct fx_error err;
    fx_clear(&err);
    assert_int_not_equal(store_open_with(path, 0, &hooks, &db, &err), 0);
    assert_null(db);
    assert_non_null(strstr(err.msg, "试验中的失败"));
    assert_non_null(strstr(err.msg, "没有改动"));
    char copy[32];
    snprintf(copy, sizeof copy, ".before-v%d-", store_schema_version(NULL));
    assert_non_null(strstr(err.msg, copy)); /* the message names the copy */
    assert_int_equal(raw_int(path, "PRAGMA user_version"), 1);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'closed_year_no_update'"), 0);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM pragma_table_info('closed_year') WHERE name = 'digest'"), 0);
    fixture_free(f);
}

static void test_close_year_digest(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    int64_t b = fixture_branch(f, "一支部");
    int64_t m = fixture_member(f, b, "张三", NULL);
    int64_t s = fixture_session(f, &(struct fixture_session){.date = "2025-04-01"});
    fixture_attend(f, s, m, "present", NULL);
    char before[80], after[80];
    struct fx_error err;
    assert_int_equal(maint_year_digest(f->db, 2025, before, &err), 0);
    assert_int_equal(strncmp(before, "v3:", 3), 0); /* version 3: the plan, the problems and session feedback */
    assert_int_equal(strlen(before), 67);
    assert_int_equal(maint_close_year(f->db, 2025, &err), 0);
    assert_int_equal(maint_year_digest(f->db, 2025, after, &err), 0);
    assert_string_equal(before, after);
    /* Another year's rows are not in it. */
    fixture_session(f, &(struct fixture_session){.date = "2026-04-01"});
    assert_int_equal(maint_year_digest(f->db, 2025, after, &err), 0);
    assert_string_equal(before, after);
    /* A roll-call row changed behind the trigger changes it. */
    fixture_exec(f, "DROP TRIGGER attendance_closed_update; UPDATE attendance SET reason = 'x'");
    assert_int_equal(maint_year_digest(f->db, 2025, after, &err), 0);
    assert_string_not_equal(before, after);
    fixture_free(f);
}

/* Digest version 3 takes in the problems and tasks of the year (schema 8); version 2 does not, so a year closed
 * under it keeps verifying. A year with an open problem closes only with a reason. */
static void test_close_year_problems(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct fx_error err;
    char v2[80], v3[80], now[80];
    assert_int_equal(maint_year_digest_version(f->db, 2025, 2, v2, &err), 0);
    assert_int_equal(maint_year_digest(f->db, 2025, v3, &err), 0);
    fixture_exec(f, "INSERT INTO problem (uuid, unit_id, date, source, description) VALUES ('p1', 1, '2025-03-01', '自查', '问题')");
    assert_int_equal(maint_year_digest_version(f->db, 2025, 2, now, &err), 0);
    assert_string_equal(v2, now);
    assert_int_equal(maint_year_digest(f->db, 2025, now, &err), 0);
    assert_string_not_equal(v3, now);
    /* Open (no task): refused without a reason, nothing written. */
    assert_int_equal(maint_close_year(f->db, 2025, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "1 个问题未整改完成"));
    assert_int_equal(maint_close_year_reason(f->db, 2025, "  ", &err), FX_EINPUT);
    int64_t n = -1;
    assert_int_equal(store_get_int(f->db, "SELECT count(*) FROM closed_year", STORE_NO_ARGS, &n, &err), 0);
    assert_int_equal(n, 0);
    /* A task done closes the problem; a task not done opens it again. */
    fixture_exec(f, "INSERT INTO problem_task (uuid, problem_id, measure, deadline, status, done_date, evidence) "
                    "VALUES ('t1', 1, '措施', '2025-06-01', '已完成', '2025-05-01', '佐证')");
    assert_int_equal(problem_open_count(f->db, 2025, &n, &err), 0);
    assert_int_equal(n, 0);
    fixture_exec(f, "INSERT INTO problem_task (uuid, problem_id, measure, deadline) VALUES ('t2', 1, '措施二', '2025-06-01')");
    assert_int_equal(problem_open_count(f->db, 2025, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(maint_close_year_reason(f->db, 2025, "跨年整改", &err), 0);
    char reason[64] = "";
    assert_int_equal(store_get_text(f->db, "SELECT json_extract(after, '$.reason') FROM audit WHERE entity = 'year'",
                                    STORE_NO_ARGS, reason, sizeof reason, &err), 0);
    assert_string_equal(reason, "跨年整改");
    /* A task changed behind the trigger changes the digest. */
    assert_int_equal(maint_year_digest(f->db, 2025, v3, &err), 0);
    fixture_exec(f, "DROP TRIGGER problem_task_closed_update; UPDATE problem_task SET evidence = 'x'");
    assert_int_equal(maint_year_digest(f->db, 2025, now, &err), 0);
    assert_string_not_equal(v3, now);
    fixture_free(f);
}

static void test_hard_links_share_the_lock(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    store_close(f->db);
    f->db = NULL;
    char other[320];
    snprintf(other, sizeof other, "%s", fixture_path(f, "other-name.db"));
    assert_int_equal(link(f->path, other), 0);
    sqlite3 *a, *b;
    struct fx_error err;
    assert_int_equal(store_open(f->path, STORE_WRITER, &a, &err), 0);
    assert_int_equal(store_lock_holder(other), (long)getpid());
    assert_int_equal(store_open(other, STORE_WRITER, &b, &err), FX_ELOCKED);
    store_close(a);
    assert_int_equal(store_lock_holder(other), 0);
    assert_int_equal(store_open(other, STORE_WRITER, &b, &err), 0);
    store_close(b);
    /* No lock file is ever made. */
    char lock[340];
    snprintf(lock, sizeof lock, "%s.lock", f->path);
    assert_int_not_equal(access(lock, F_OK), 0);
    fixture_free(f);
}

/* A ledger refused for its schema gets nothing beside it, in WAL mode (header bytes 18 and 19 are 2: SQLite
 * would make -wal and -shm at its first read) and in rollback mode; neither header byte changes. */
static void test_refused_wal_file_gets_nothing_beside_it(void **state)
{
    (void)state;
    static const char *const modes[] = {"PRAGMA journal_mode = WAL", "PRAGMA journal_mode = DELETE"};
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        struct fixture *f = fixture_new();
        store_close(f->db);
        f->db = NULL;
        raw(f->path, modes[m]);
        raw(f->path, "CREATE TRIGGER sneaky AFTER INSERT ON session BEGIN SELECT 1; END");
        unsigned char head[20];
        FILE *in = fopen(f->path, "rb");
        assert_non_null(in);
        assert_int_equal(fread(head, 1, sizeof head, in), sizeof head);
        fclose(in);
        assert_int_equal(head[19], m == 0 ? 2 : 1);
        int n = entries(f);
        static const int flags[] = {0, STORE_WRITER, STORE_READONLY, STORE_READONLY | STORE_EXACT | STORE_OLDER};
        for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++) {
            sqlite3 *db = (sqlite3 *)1;
            struct fx_error err;
            fx_clear(&err);
            assert_int_equal(store_open(f->path, flags[k], &db, &err), FX_EINPUT);
            assert_null(db);
            assert_non_null(strstr(err.msg, "sneaky"));
            if (entries(f) != n)
                fail_msg("%s, flags %d: a file appeared beside the refused ledger", modes[m], flags[k]);
            /* and the writer lock taken for it is given back (a refused writer once kept it: ELOCKED next). */
            if (store_lock_holder(f->path) != 0)
                fail_msg("%s, flags %d: the refused ledger is still locked", modes[m], flags[k]);
        }
        unsigned char now[20];
        in = fopen(f->path, "rb");
        assert_non_null(in);
        assert_int_equal(fread(now, 1, sizeof now, in), sizeof now);
        fclose(in);
        assert_memory_equal(head, now, sizeof head);
        fixture_free(f);
    }
}

/* More ledgers than lock slots, each written in turn by one process (a long session that restores
 * and opens many files): a slot whose lock is free and whose file nobody has open is reused. */
static void test_many_ledgers_in_one_process(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    store_close(f->db);
    f->db = NULL;
    sqlite3 *keep;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(store_open(f->path, STORE_WRITER, &keep, &err), 0);
    for (int i = 0; i < 40; i++) {
        char name[32], path[320];
        snprintf(name, sizeof name, "l%02d.db", i);
        snprintf(path, sizeof path, "%s", fixture_path(f, name));
        sqlite3 *db;
        fx_clear(&err);
        if (store_open(path, STORE_CREATE | STORE_WRITER, &db, &err) != 0)
            fail_msg("ledger %d: %s", i, err.msg);
        store_close(db);
    }
    /* The one still open kept its lock all along. */
    assert_int_equal(store_lock_holder(f->path), (long)getpid());
    sqlite3 *again;
    assert_int_equal(store_open(f->path, STORE_WRITER, &again, &err), FX_ELOCKED);
    store_close(keep);
    assert_int_equal(store_lock_holder(f->path), 0);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_vectors),
        cmocka_unit_test(test_connection_is_hardened),
        cmocka_unit_test(test_budget_interrupts_an_endless_view),
        cmocka_unit_test(test_not_ledgers_keep_their_bytes),
        cmocka_unit_test(test_schema_is_checked),
        cmocka_unit_test(test_migration_keeps_a_backup),
        cmocka_unit_test(test_failed_migration_changes_nothing),
        cmocka_unit_test(test_close_year_digest),
        cmocka_unit_test(test_close_year_problems),
        cmocka_unit_test(test_hard_links_share_the_lock),
        cmocka_unit_test(test_refused_wal_file_gets_nothing_beside_it),
        cmocka_unit_test(test_many_ledgers_in_one_process),
    };
    return cmocka_run_group_tests_name("store_open", tests, NULL, NULL);
}
