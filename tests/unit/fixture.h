/* fixture.h — scratch ledgers for unit tests: a fresh file in a temp directory.
 * Header-only so every test program can include it without a shared object. */
#ifndef FX_TEST_FIXTURE_H
#define FX_TEST_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roster.h"
#include "store.h"

struct fixture {
    char dir[256];
    char path[300];
    sqlite3 *db;
};

static inline void fixture_rmdir(const char *dir)
{
    char cmd[512];
    /* Test scratch directory made by mkdtemp below; never user input. */
    static const char *suffixes[] = {"", "-wal", "-shm", ".lock"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        snprintf(cmd, sizeof cmd, "%s/ledger.db%s", dir, suffixes[i]);
        unlink(cmd);
    }
    rmdir(dir);
}

static inline int fixture_rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path);
}

/* Remove a scratch directory tree without a shell. */
static inline int fixture_rm_tree(const char *dir)
{
    return nftw(dir, fixture_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Create a ledger with its unit; aborts the test program on failure. */
static inline struct fixture *fixture_new(void)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "%s/fx-unit-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(f->dir)) {
        perror("mkdtemp");
        exit(2);
    }
    snprintf(f->path, sizeof f->path, "%s/ledger.db", f->dir);
    struct fx_error err;
    fx_clear(&err);
    if (store_open(f->path, STORE_CREATE | STORE_NEW, &f->db, &err) || store_init_unit(f->db, "测试镇党校分校", &err)) {
        fprintf(stderr, "fixture: %s (%s)\n", err.msg, err.detail);
        exit(2);
    }
    return f;
}

static inline void fixture_free(struct fixture *f)
{
    store_close(f->db);
    fixture_rmdir(f->dir);
    free(f);
}

static inline int64_t fixture_branch(struct fixture *f, const char *name)
{
    struct branch b;
    memset(&b, 0, sizeof b);
    snprintf(b.name, sizeof b.name, "%s", name);
    struct fx_error err;
    if (roster_save_branch(f->db, &b, &err)) {
        fprintf(stderr, "fixture_branch: %s\n", err.msg);
        exit(2);
    }
    return b.id;
}

static inline int64_t fixture_member(struct fixture *f, int64_t branch, const char *name, const char *role)
{
    struct member m;
    memset(&m, 0, sizeof m);
    m.branch_id = branch;
    snprintf(m.name, sizeof m.name, "%s", name);
    snprintf(m.role, sizeof m.role, "%s", role ? role : "普通党员");
    struct fx_error err;
    if (roster_save_member(f->db, &m, &err)) {
        fprintf(stderr, "fixture_member: %s\n", err.msg);
        exit(2);
    }
    return m.id;
}

#endif
