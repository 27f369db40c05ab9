/* store_migrate.c — the schema's migration files (data/schema/NNN-name.sql): found, checked to be contiguous,
 * and run in order with their C steps inside the caller's transaction. Used by store_open.c (upgrade, create)
 * and store_schema.c (the reference schema). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"
#include "store_internal.h"
#include "text.h"

struct migration {
    int version;
    char path[4096];
};

static int cmp_migration(const void *a, const void *b)
{
    return ((const struct migration *)a)->version - ((const struct migration *)b)->version;
}

/* The files of data/schema/ in order; a negative fx status with err filled
 * when the folder is missing or the versions do not run 1, 2, 3 … */
static int list_migrations(struct migration *out, int max, struct fx_error *err)
{
    char dir[4096];
    paths_join(dir, sizeof dir, paths_data_dir(), "schema");
    DIR *d = opendir(dir);
    if (!d)
        return -fx_fail(err, FX_EINTERNAL, "找不到数据目录中的 schema（%s），程序安装不完整", dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max) {
        int v;
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".sql") != 0 || sscanf(e->d_name, "%d-", &v) != 1 || v <= 0)
            continue;
        out[n].version = v;
        paths_join(out[n].path, sizeof out[n].path, dir, e->d_name);
        n++;
    }
    closedir(d);
    qsort(out, (size_t)n, sizeof *out, cmp_migration);
    for (int i = 0; i < n; i++)
        if (out[i].version != i + 1)
            return -fx_fail(err, FX_EINTERNAL, "数据目录中的 schema 文件不连续（缺少版本 %d），程序安装不完整", i + 1);
    if (n == 0)
        return -fx_fail(err, FX_EINTERNAL, "数据目录中没有 schema 文件（%s），程序安装不完整", dir);
    return n;
}

int store_schema_version(struct fx_error *err)
{
    struct migration m[64];
    int n = list_migrations(m, 64, err);
    return n > 0 ? m[n - 1].version : -1;
}

/* The file's bytes and a NUL after them; their count in *size. */
static char *slurp(const char *path, size_t *size, struct fx_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fx_fail(err, FX_EINTERNAL, "无法读取 %s", path);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        fclose(f);
        fx_fail(err, FX_EINTERNAL, "无法读取 %s", path);
        return NULL;
    }
    buf[len] = '\0';
    fclose(f);
    *size = (size_t)len;
    return buf;
}

int store_exec_sql(sqlite3 *db, const char *sql, const char *what, struct fx_error *err)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : store_fail(db, rc, err, what);
}

#define STEP_MARK "\n-- fenxiao:step\n"

int store_run_migrations(sqlite3 *db, int from, int to, const struct store_hooks *hooks, struct fx_error *err)
{
    struct migration m[64];
    int n = list_migrations(m, 64, err);
    if (n < 0)
        return -n;
    for (int i = 0; i < n; i++) {
        int v = m[i].version;
        if (v <= from || v > to)
            continue;
        store_step_fn step = NULL;
        for (int k = 0; hooks && k < hooks->nsteps; k++)
            if (hooks->steps[k].version == v)
                step = hooks->steps[k].run;
        size_t size;
        char *sql = slurp(m[i].path, &size, err);
        if (!sql)
            return err->code;
        char *rest = strstr(sql, STEP_MARK);
        if (rest) {
            *rest = '\0';
            rest += strlen(STEP_MARK);
        }
        int rc = store_exec_sql(db, sql, "升级账本结构", err);
        if (!rc && step)
            rc = step(db, err);
        if (!rc && rest)
            rc = store_exec_sql(db, rest, "升级账本结构", err);
        free(sql);
        if (!rc) {
            char pragma[64]; /* a pragma takes no parameters; v is a number we listed */
            snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
            rc = store_exec_sql(db, pragma, "升级账本结构", err);
        }
        if (rc)
            return rc;
    }
    return 0;
}

int store_migrations_read(struct store_schema_file *out, int max, struct fx_error *err)
{
    struct migration m[64];
    int n = list_migrations(m, 64, err);
    if (n < 0)
        return n;
    if (n > max)
        return -fx_fail(err, FX_EINTERNAL, "数据目录中的 schema 文件多于 %d 个", max);
    for (int i = 0; i < n; i++) {
        out[i].version = m[i].version;
        out[i].bytes = slurp(m[i].path, &out[i].size, err);
        if (!out[i].bytes) {
            store_migrations_free(out, i);
            return -err->code;
        }
    }
    return n;
}

void store_migrations_free(struct store_schema_file *files, int n)
{
    for (int i = 0; i < n; i++)
        free((char *)files[i].bytes);
}

bool store_migrations_are(const struct store_schema_file *files, int nfiles)
{
    struct store_schema_file now[64];
    struct fx_error ignored;
    fx_clear(&ignored);
    int n = store_migrations_read(now, 64, &ignored);
    bool same = n == nfiles;
    for (int i = 0; same && i < n; i++)
        same = now[i].version == files[i].version && now[i].size == files[i].size &&
               !memcmp(now[i].bytes, files[i].bytes, now[i].size);
    store_migrations_free(now, n);
    return same;
}
