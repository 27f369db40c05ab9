/* fixture.h — what every unit test stands on: a private scratch directory, a fresh ledger in it,
 * rows written with bound SQL (not through the code under test), SQL reads that fail loudly, float asserts that print.
 */
#ifndef FX_TEST_FIXTURE_H
#define FX_TEST_FIXTURE_H

/* cmocka needs these before it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>

/* A scratch place for one test. dir is made by mkdtemp under $TMPDIR (else /tmp), mode 0700;
 * fixture_free removes it with everything in it. db is the ledger at path, or NULL for a bare directory. */
struct fixture {
    char dir[256];
    char path[320];
    sqlite3 *db;
};

/* The unit of every fixture ledger, as tests that print it expect it. */
#define FIXTURE_UNIT "测试镇党校分校"

/* A new directory holding a new ledger (schema, vocabularies and the unit FIXTURE_UNIT).
 * Fails the running test (or its setup) when either cannot be made. Free with fixture_free. */
struct fixture *fixture_new(void);
/* A new directory and no ledger: for tests of files (CSV, INI). */
struct fixture *fixture_new_dir(void);
/* Remove the directory tree dir (no shell); 0 or -1. */
int fixture_remove_tree(const char *dir);
/* Close the ledger if open, remove the directory tree, free f. NULL is fine. */
void fixture_free(struct fixture *f);

/* dir/name. The result lives in one of four static buffers, reused in turn. */
const char *fixture_path(const struct fixture *f, const char *name);
/* Write len bytes (len < 0: the C string) to dir/name, making no directories; returns fixture_path's. */
const char *fixture_write(const struct fixture *f, const char *name, const char *bytes, long len);

/* Rows of the local unit, written with bound SQL; each returns the new row id and fails the test on error
 * (every failure of the library is reported as an assert's text, on the test's TAP lines).
 * role NULL is 普通党员; employment and type NULL are 兼职 and 专家型; kind NULL is the schema's default. */
int64_t fixture_branch(struct fixture *f, const char *name);
int64_t fixture_member(struct fixture *f, int64_t branch, const char *name, const char *role);
int64_t fixture_teacher(struct fixture *f, const char *name, const char *employment, const char *type);
int64_t fixture_venue(struct fixture *f, const char *name, const char *kind);

/* A session as a row, without the ledger's validation or audit: NULL and 0 fields take the defaults
 * (title "培训 DATE", 政治理论教育, 集中培训, 培训班, 2 hours, no teacher, no branch, live); a void_reason voids it. */
struct fixture_session {
    const char *date, *title, *category, *format, *kind;
    double hours;
    int expected, present;
    int64_t teacher, branch;
    const char *void_reason;
};
int64_t fixture_session(struct fixture *f, const struct fixture_session *s);
/* One roll-call row: status "present", "leave" or "absent" (stored as the schema's numbers 1, 2, 0). */
void fixture_attend(struct fixture *f, int64_t session, int64_t member, const char *status, const char *reason);

/* Run one statement with parameters bound by types (as fixture_int's) to completion; the new row id
 * when it inserted one. Fails the test with SQLite's message on error. */
int64_t fixture_sql(struct fixture *f, const char *sql, const char *types, ...);
/* Run SQL (several statements, no parameters); fails the test with SQLite's message on error. */
void fixture_exec(struct fixture *f, const char *sql);
/* The one integer SQL returns, parameters bound by types: one letter each, i int64_t, t text, d double
 * ("it", id, name). Fails the test on an error or when there is no row, never answering -1 for it. */
int64_t fixture_int(struct fixture *f, const char *sql, const char *types, ...);

/* assert_near(actual, expected, eps): |actual − expected| <= eps, or the test fails saying both, as written
 * and as numbers ("t.hours is 14; wanted 14.5 (14.5), within 1e-09"). eps 0 asks for equality. */
#define assert_near(actual, expected, eps)                                                                             \
    fixture_assert_near((double)(actual), (double)(expected), (double)(eps), #actual, #expected, __FILE__, __LINE__)
void fixture_assert_near(double actual, double expected, double eps, const char *actual_text, const char *expected_text,
                         const char *file, int line);

#endif
