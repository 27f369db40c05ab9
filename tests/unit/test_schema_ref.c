/* test_schema_ref.c — the expected schema made at build time (core/gen/schema_ref.c): an ordinary opening takes
 * it and runs no migration; a changed migration file or another SQLite makes the opening build it as before;
 * either way a ledger whose tables, indexes, views or triggers differ is refused.
 * The test runs on its own copy of data/, whose migration files it changes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "paths.h"
#include "store.h"
#include "store_internal.h"

static char data_copy[256];

/* The newest migration file of the copied data/. */
static void newest_migration(char *out, size_t outsz)
{
    char pattern[512];
    snprintf(pattern, sizeof pattern, "%s/schema/%03d-*.sql", paths_data_dir(), store_schema_version(NULL));
    glob_t g;
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    assert_int_equal(g.gl_pathc, 1);
    snprintf(out, outsz, "%s", g.gl_pathv[0]);
    globfree(&g);
}

static void append(const char *path, const char *text)
{
    FILE *f = fopen(path, "ab");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* The file back to size bytes. */
static void cut(const char *path, long size)
{
    assert_int_equal(truncate(path, size), 0);
}

static long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

/* A closed ledger at f->path with sql run on it first. */
static void change_ledger(struct fixture *f, const char *sql)
{
    if (!f->db) {
        struct fx_error err;
        fx_clear(&err);
        assert_int_equal(store_open(f->path, 0, &f->db, &err), 0);
    }
    fixture_exec(f, sql);
    store_close(f->db);
    f->db = NULL;
}

/* store_open's answer for the ledger, closing it when it opened; err's message in msg. */
static int open_status(const struct fixture *f, int flags, char *msg, size_t msgsz)
{
    sqlite3 *db = NULL;
    struct fx_error err;
    fx_clear(&err);
    int rc = store_open(f->path, flags, &db, &err);
    if (!rc)
        store_close(db);
    snprintf(msg, msgsz, "%s", err.msg);
    return rc;
}

/* The crafted ledgers every reference must refuse, each with the words naming what is wrong. */
static void crafted_ledgers_are_refused(void)
{
    static const struct {
        const char *make, *undo, *says;
    } crafted[] = {
        {"CREATE TRIGGER sneaky AFTER INSERT ON session BEGIN SELECT 1; END", "DROP TRIGGER sneaky",
         "多出的触发器 sneaky"},
        {"CREATE VIEW peek AS SELECT 1", "DROP VIEW peek", "多出的视图 peek"},
        {"CREATE INDEX member_extra ON member(gender)", "DROP INDEX member_extra", "多出的索引 member_extra"},
        {"CREATE TABLE stash (x)", "DROP TABLE stash", "多出的表 stash"},
        {"DROP INDEX member_name; CREATE INDEX member_name ON member(gender)",
         "DROP INDEX member_name; CREATE INDEX member_name ON member(name, id)", "被改动的索引 member_name"},
    };
    struct fixture *f = fixture_new();
    store_close(f->db);
    f->db = NULL;
    char msg[600];
    assert_int_equal(open_status(f, STORE_WRITER, msg, sizeof msg), 0);
    for (size_t i = 0; i < sizeof crafted / sizeof crafted[0]; i++) {
        change_ledger(f, crafted[i].make);
        assert_int_equal(open_status(f, STORE_READONLY, msg, sizeof msg), FX_EINPUT);
        if (!strstr(msg, crafted[i].says))
            fail_msg("%s: refused saying \"%s\", not \"%s\"", crafted[i].make, msg, crafted[i].says);
        assert_int_equal(open_status(f, STORE_WRITER, msg, sizeof msg), FX_EINPUT);
        /* Undone with the checks off: the ledger is refused until then. */
        sqlite3 *db;
        assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, crafted[i].undo, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
        assert_int_equal(open_status(f, STORE_WRITER, msg, sizeof msg), 0);
    }
    fixture_free(f);
}

static void test_builtin_serves_an_ordinary_open(void **state)
{
    (void)state;
    store_schema_forget();
    struct fixture *f = fixture_new();
    store_close(f->db);
    f->db = NULL;
    char msg[600];
    assert_int_equal(open_status(f, STORE_READONLY, msg, sizeof msg), 0);
    assert_int_equal(open_status(f, STORE_WRITER, msg, sizeof msg), 0);
    assert_int_equal(store_schema_builds(), 0);
    int current = store_schema_version(NULL);
    assert_true(store_schema_builtin.versions >= current);
    const struct store_schema_object *o;
    assert_true(store_schema_reference_objects(current, &o) > 0);
    assert_ptr_equal(o, store_schema_builtin.objects[current]);
    fixture_free(f);
}

static void test_builtin_refuses_crafted_ledgers(void **state)
{
    (void)state;
    store_schema_forget();
    crafted_ledgers_are_refused();
    assert_int_equal(store_schema_builds(), 0);
}

/* The builtin reference is what running the migrations makes. */
static void test_builtin_is_what_the_migrations_make(void **state)
{
    (void)state;
    int current = store_schema_version(NULL);
    char file[600];
    newest_migration(file, sizeof file);
    long size = file_size(file);
    append(file, "\n-- a comment changes the bytes, not the schema\n");
    for (int v = 1; v <= current; v++) {
        store_schema_forget();
        struct fx_error err;
        fx_clear(&err);
        assert_int_equal(store_schema_reference(v, store_ledger_hooks(), &err), 0);
        assert_int_equal(store_schema_builds(), 1);
        const struct store_schema_object *o;
        int n = store_schema_reference_objects(v, &o);
        assert_int_equal(n, store_schema_builtin.count[v]);
        for (int i = 0; i < n; i++) {
            const struct store_schema_object *b = &store_schema_builtin.objects[v][i];
            assert_string_equal(o[i].type, b->type);
            assert_string_equal(o[i].name, b->name);
            assert_string_equal(o[i].tbl, b->tbl);
            if (o[i].sql || b->sql)
                assert_string_equal(o[i].sql ? o[i].sql : "(none)", b->sql ? b->sql : "(none)");
        }
    }
    cut(file, size);
    store_schema_forget();
}

/* A migration file not the one the build read: the reference is built by running the files, and the checks are
 * the same. */
static void test_changed_migration_falls_back(void **state)
{
    (void)state;
    char file[600];
    newest_migration(file, sizeof file);
    long size = file_size(file);
    append(file, "\n-- changed after the build\n");
    store_schema_forget();
    crafted_ledgers_are_refused();
    assert_true(store_schema_builds() >= 1);

    /* What the reference holds comes from the files as they are now: a table they add is missing from a ledger
     * made before. */
    struct fixture *f = fixture_new();
    store_close(f->db);
    f->db = NULL;
    append(file, "CREATE TABLE added_after_the_build (x);\n");
    store_schema_forget();
    char msg[600];
    assert_int_equal(open_status(f, STORE_READONLY, msg, sizeof msg), FX_EINPUT);
    assert_non_null(strstr(msg, "缺少表 added_after_the_build"));
    assert_int_equal(store_schema_builds(), 1);

    /* The files as the build read them: the builtin reference again. */
    cut(file, size);
    store_schema_forget();
    assert_int_equal(open_status(f, STORE_READONLY, msg, sizeof msg), 0);
    assert_int_equal(store_schema_builds(), 0);
    fixture_free(f);
}

/* copy_one's source and target folders (nftw passes no context). */
static const char *copy_from;
static size_t copy_from_len;

/* One entry of the tree under copy_from, made again under data_copy: folders made, regular files copied. */
static int copy_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)ftw;
    char to[4096];
    if (snprintf(to, sizeof to, "%s%s", data_copy, path + copy_from_len) >= (int)sizeof to)
        return -1;
    if (type == FTW_D)
        return path[copy_from_len] && mkdir(to, 0700) != 0 ? -1 : 0;
    if (type != FTW_F || !S_ISREG(st->st_mode))
        return 0;
    FILE *in = fopen(path, "rb"), *out = in ? fopen(to, "wb") : NULL;
    int rc = in && out ? 0 : -1;
    char buf[8192];
    size_t n;
    while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    if (in && ferror(in))
        rc = -1;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = -1;
    return rc;
}

/* A copy of data/ (FENXIAO_DATA_DIR, else ./data) that the tests may change; set before any path is looked up.
 * Copied in C, not by a shell: the paths come from the environment. */
static int copy_data(void)
{
    const char *from = getenv("FENXIAO_DATA_DIR");
    char cwd[4096];
    if ((!from || !from[0]) && getcwd(cwd, sizeof cwd - 16)) {
        strcat(cwd, "/data");
        from = cwd;
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(data_copy, sizeof data_copy, "%s/fx-schema-ref-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!from || !mkdtemp(data_copy))
        return -1;
    copy_from = from;
    copy_from_len = strlen(from);
    if (nftw(from, copy_one, 16, FTW_PHYS) != 0)
        return -1;
    return setenv("FENXIAO_DATA_DIR", data_copy, 1);
}

int main(void)
{
    if (copy_data() != 0) {
        fprintf(stderr, "test_schema_ref: cannot copy data/ to %s\n", data_copy);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_serves_an_ordinary_open),
        cmocka_unit_test(test_builtin_refuses_crafted_ledgers),
        cmocka_unit_test(test_builtin_is_what_the_migrations_make),
        cmocka_unit_test(test_changed_migration_falls_back),
    };
    int failed = cmocka_run_group_tests_name("schema_ref", tests, NULL, NULL);
    if (fixture_remove_tree(data_copy) != 0)
        failed++;
    return failed;
}
