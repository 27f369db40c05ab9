/* fixture.c — the unit tests' one fixture library (fixture.h): scratch directories and ledgers,
 * rows written with bound SQL, loud SQL reads, and the float assert that says what it compared. */
#include "fixture.h"

#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

/* cmocka shows an assert's text on the test's own TAP lines ("# …"), where run.sh lists failures;
 * print_error and fail_msg write to stderr apart from them. So every failure here is an assert's text. */
static void fail_at(const char *file, int line, const char *fmt, ...) CMOCKA_PRINTF_ATTRIBUTE(3, 4);
static void fail_at(const char *file, int line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (char *c = msg; *c; c++) /* one TAP comment line */
        if (*c == '\n')
            *c = ' ';
    _assert_true(0, msg, file, line);
}
#define FAIL(...) fail_at(__FILE__, __LINE__, __VA_ARGS__)

/* The data directory is found beside the binary; a test binary in build/tests has none there.
 * tests/run.sh sets FENXIAO_DATA_DIR; run by hand from the tree, data/ is found here. */
static void find_data_dir(void)
{
    struct stat st;
    char cwd[4096];
    if (getenv("FENXIAO_DATA_DIR") || !getcwd(cwd, sizeof cwd - 16) || stat("data/schema", &st) != 0)
        return;
    strcat(cwd, "/data");
    setenv("FENXIAO_DATA_DIR", cwd, 0);
}

static struct fixture *make_dir(void)
{
    find_data_dir();
    struct fixture *f = calloc(1, sizeof *f);
    if (!f)
        FAIL("fixture: out of memory");
    const char *tmp = getenv("TMPDIR");
    snprintf(f->dir, sizeof f->dir, "%s/fx-unit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(f->dir)) {
        free(f);
        FAIL("fixture: mkdtemp under %s failed", tmp && *tmp ? tmp : "/tmp");
    }
    snprintf(f->path, sizeof f->path, "%s/ledger.db", f->dir);
    return f;
}

struct fixture *fixture_new_dir(void)
{
    return make_dir();
}

struct fixture *fixture_new(void)
{
    struct fixture *f = make_dir();
    struct fx_error err;
    fx_clear(&err);
    if (store_open(f->path, STORE_CREATE | STORE_NEW, &f->db, &err) || store_init_unit(f->db, FIXTURE_UNIT, &err)) {
        fixture_free(f);
        FAIL("fixture: cannot make a ledger: %s (%s)", err.msg, err.detail);
    }
    return f;
}

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path);
}

/* Remove a directory tree without a shell. */
static int rm_tree(const char *dir)
{
    return nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int fixture_remove_tree(const char *dir)
{
    return rm_tree(dir);
}

void fixture_free(struct fixture *f)
{
    if (!f)
        return;
    store_close(f->db);
    rm_tree(f->dir);
    free(f);
}

const char *fixture_path(const struct fixture *f, const char *name)
{
    static char buf[4][600];
    static int next;
    char *p = buf[next];
    next = (next + 1) % 4;
    snprintf(p, sizeof buf[0], "%s/%s", f->dir, name);
    return p;
}

const char *fixture_write(const struct fixture *f, const char *name, const char *bytes, long len)
{
    const char *p = fixture_path(f, name);
    size_t n = len < 0 ? strlen(bytes) : (size_t)len;
    FILE *out = fopen(p, "wb");
    if (!out)
        FAIL("fixture: cannot write %s", p);
    size_t put = fwrite(bytes, 1, n, out);
    if (fclose(out) != 0 || put != n)
        FAIL("fixture: short write to %s", p);
    return p;
}

/* Prepare, bind and take the first step (its result code is returned, the statement left in *out to read
 * and finalize), or fail the test naming the statement and SQLite's complaint. */
static int first_step(struct fixture *f, sqlite3_stmt **out, const char *sql, const char *types, va_list ap)
{
    sqlite3_stmt *st = NULL;
    if (!f->db)
        FAIL("fixture: no ledger open for: %s", sql);
    if (store_prepare(f->db, sql, &st, NULL) != SQLITE_OK)
        FAIL("fixture: %s; in: %s", sqlite3_errmsg(f->db), sql);
    for (int i = 0; types && types[i]; i++) {
        switch (types[i]) {
        case 'i': sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t)); break;
        case 't': sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT); break;
        case 'd': sqlite3_bind_double(st, i + 1, va_arg(ap, double)); break;
        default: FAIL("fixture: parameter type '%c' (want i, t or d)", types[i]);
        }
    }
    *out = st;
    return sqlite3_step(st);
}

int64_t fixture_sql(struct fixture *f, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st;
    va_list ap;
    va_start(ap, types);
    int rc = first_step(f, &st, sql, types, ap);
    va_end(ap);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        FAIL("fixture: %s; in: %s", sqlite3_errmsg(f->db), sql);
    return sqlite3_last_insert_rowid(f->db);
}

/* A fresh v4-shaped uuid and the local unit, written by SQLite itself. */
#define NEW_UUID                                                                                                       \
    "(SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a' || "                  \
    "substr(h, 18, 3) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h))"
#define LOCAL_UNIT "(SELECT id FROM unit WHERE is_local = 1 ORDER BY id LIMIT 1)"

int64_t fixture_branch(struct fixture *f, const char *name)
{
    return fixture_sql(f, "INSERT INTO branch (uuid, unit_id, name) VALUES (" NEW_UUID ", " LOCAL_UNIT ", ?1)", "t",
                       name);
}

int64_t fixture_member(struct fixture *f, int64_t branch, const char *name, const char *role)
{
    return fixture_sql(f, "INSERT INTO member (uuid, branch_id, name, role) VALUES (" NEW_UUID ", ?1, ?2, ?3)", "itt",
                       branch, name, role ? role : "普通党员");
}

int64_t fixture_teacher(struct fixture *f, const char *name, const char *employment, const char *type)
{
    return fixture_sql(f,
                       "INSERT INTO teacher (uuid, unit_id, name, employment, type) VALUES (" NEW_UUID ", " LOCAL_UNIT
                       ", ?1, ?2, ?3)",
                       "ttt", name, employment ? employment : "兼职", type ? type : "专家型");
}

int64_t fixture_venue(struct fixture *f, const char *name, const char *kind)
{
    return fixture_sql(f,
                       "INSERT INTO venue (uuid, unit_id, name, kind) VALUES (" NEW_UUID ", " LOCAL_UNIT
                       ", ?1, ifnull(?2, '主阵地'))",
                       "tt", name, kind);
}

int64_t fixture_session(struct fixture *f, const struct fixture_session *s)
{
    char title[256];
    snprintf(title, sizeof title, "培训 %s", s->date);
    int64_t id = fixture_sql(
        f,
        "INSERT INTO session (uuid, unit_id, date, title, category, format, kind, hours, expected, present, "
        "teacher_id, voided, void_reason) VALUES (" NEW_UUID ", " LOCAL_UNIT
        ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?9, 0), ?10 <> '', ?10)",
        "tttttdiiit", s->date, s->title ? s->title : title, s->category ? s->category : "政治理论教育",
        s->format ? s->format : "集中培训", s->kind ? s->kind : "培训班", s->hours > 0 ? s->hours : 2.0,
        (int64_t)s->expected, (int64_t)s->present, s->teacher, s->void_reason ? s->void_reason : "");
    if (s->branch)
        fixture_sql(f, "INSERT INTO session_branch (session_id, branch_id) VALUES (?1, ?2)", "ii", id, s->branch);
    return id;
}

void fixture_attend(struct fixture *f, int64_t session, int64_t member, const char *status, const char *reason)
{
    /* the table stores the status as a number (schema 13, core/rollaudit.h) */
    int64_t code = !strcmp(status, "present") ? 1 : !strcmp(status, "leave") ? 2 : 0;
    fixture_sql(f, "INSERT INTO attendance (session_id, member_id, status, reason) VALUES (?1, ?2, ?3, ?4)", "iiit",
                session, member, code, reason ? reason : "");
}

void fixture_exec(struct fixture *f, const char *sql)
{
    char *msg = NULL;
    if (!f->db)
        FAIL("fixture: no ledger open for: %s", sql);
    if (sqlite3_exec(f->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        char text[512];
        snprintf(text, sizeof text, "%s", msg ? msg : sqlite3_errmsg(f->db));
        sqlite3_free(msg);
        FAIL("fixture: %s; in: %s", text, sql);
    }
}

int64_t fixture_int(struct fixture *f, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st;
    va_list ap;
    va_start(ap, types);
    int rc = first_step(f, &st, sql, types, ap);
    va_end(ap);
    int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        FAIL("fixture: %s; in: %s", rc == SQLITE_DONE ? "no row" : sqlite3_errmsg(f->db), sql);
    return v;
}

void fixture_assert_near(double actual, double expected, double eps, const char *actual_text, const char *expected_text,
                         const char *file, int line)
{
    if (fabs(actual - expected) <= eps)
        return;
    fail_at(file, line, "%s is %.17g; wanted %.17g (%s), within %g", actual_text, actual, expected, expected_text, eps);
}
