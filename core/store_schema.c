/* store_schema.c — the expected schema: what data/schema/ creates, taken from the reference made at build time
 * (core/gen/schema_ref.c) when the migration files and SQLite are the ones it was made from, else built once per
 * version in memory; and a ledger's tables, indexes, views and triggers compared with it. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

struct objects {
    int n;
    const struct store_schema_object *o;
    bool owned; /* built here (freed with the strings), or the builtin reference's */
};

/* By version; found on first use, kept for the life of the process. */
static struct objects refs[64];
static int builds;
/* Whether store_schema_builtin was made from this SQLite and these migration files: -1 not yet known. */
static int builtin_fits = -1;

static char *dup_text(const unsigned char *t)
{
    return t ? strdup((const char *)t) : NULL;
}

/* Runs of whitespace count as one space; leading and trailing ones as none. */
static char *normalise(const unsigned char *sql)
{
    if (!sql)
        return NULL;
    char *out = malloc(strlen((const char *)sql) + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    bool space = false;
    for (const unsigned char *p = sql; *p; p++) {
        if (isspace(*p)) {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        out[n++] = (char)*p;
    }
    out[n] = '\0';
    return out;
}

static void free_objects(struct objects *s)
{
    for (int i = 0; s->owned && i < s->n; i++) {
        free((char *)s->o[i].type);
        free((char *)s->o[i].name);
        free((char *)s->o[i].tbl);
        free((char *)s->o[i].sql);
    }
    if (s->owned)
        free((struct store_schema_object *)s->o);
    s->o = NULL;
    s->n = 0;
    s->owned = false;
}

/* Every row of schema's sqlite_schema. Schema names cannot be bound, so each
 * one this program reads is its own constant statement. */
static int read_objects(sqlite3 *db, const char *schema, struct objects *out, struct fx_error *err)
{
    const char *sql = !strcmp(schema, "src") ? "SELECT type, name, tbl_name, sql FROM src.sqlite_schema"
                                             : "SELECT type, name, tbl_name, sql FROM main.sqlite_schema";
    out->n = 0;
    out->o = NULL;
    out->owned = true;
    sqlite3_stmt *st;
    int rc = store_prepare(db, sql, &st, err);
    if (rc)
        return rc;
    int cap = 0, s;
    struct store_schema_object *all = NULL;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 64;
            struct store_schema_object *grown = realloc(all, (size_t)cap * sizeof *grown);
            if (!grown) {
                s = SQLITE_NOMEM;
                break;
            }
            out->o = all = grown;
        }
        struct store_schema_object *o = &all[out->n++];
        o->type = dup_text(sqlite3_column_text(st, 0));
        o->name = dup_text(sqlite3_column_text(st, 1));
        o->tbl = dup_text(sqlite3_column_text(st, 2));
        o->sql = normalise(sqlite3_column_text(st, 3));
        if (!o->type || !o->name || !o->tbl) {
            s = SQLITE_NOMEM;
            break;
        }
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE) {
        free_objects(out);
        return store_fail(db, s, err, "检查账本结构");
    }
    return 0;
}

/* The builtin reference serves only a program whose SQLite and migration files are those it was made from: another
 * SQLite may write the same statements into sqlite_schema otherwise, and changed files make another schema.
 * Reading the files and comparing their bytes costs far less than running them. */
static bool builtin_serves(int version)
{
    if (builtin_fits < 0)
        builtin_fits = store_schema_builtin.versions > 0 && store_schema_builtin.sqlite_source &&
                       !strcmp(store_schema_builtin.sqlite_source, sqlite3_sourceid()) &&
                       store_migrations_are(store_schema_builtin.files, store_schema_builtin.versions);
    return builtin_fits && version <= store_schema_builtin.versions;
}

int store_schema_reference(int version, const struct store_hooks *hooks, struct fx_error *err)
{
    if (version < 1 || version >= (int)(sizeof refs / sizeof refs[0]))
        return fx_fail(err, FX_EINPUT, "账本结构版本 %d 不是本程序认识的版本", version);
    if (refs[version].o)
        return 0;
    if (builtin_serves(version)) {
        refs[version] =
            (struct objects){.n = store_schema_builtin.count[version], .o = store_schema_builtin.objects[version]};
        return 0;
    }
    /* The C steps change rows, never the schema, and there are no rows here;
     * they run anyway so that the reference is built exactly as a ledger is. */
    builds++;
    sqlite3 *mem;
    int rc = store_connect(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, &mem, err);
    if (rc)
        return rc;
    store_trust(mem);
    rc = store_begin(mem, err);
    if (!rc)
        rc = store_end(mem, store_run_migrations(mem, 0, version, hooks, err), err);
    if (!rc)
        rc = read_objects(mem, "main", &refs[version], err);
    store_close(mem);
    return rc;
}

int store_schema_reference_objects(int version, const struct store_schema_object **objects)
{
    bool known = version >= 1 && version < (int)(sizeof refs / sizeof refs[0]);
    *objects = known ? refs[version].o : NULL;
    return known ? refs[version].n : 0;
}

int store_schema_builds(void)
{
    return builds;
}

void store_schema_forget(void)
{
    for (size_t v = 0; v < sizeof refs / sizeof refs[0]; v++)
        free_objects(&refs[v]);
    builds = 0;
    builtin_fits = -1;
}

static const struct store_schema_object *find(const struct objects *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->o[i].name, name))
            return &s->o[i];
    return NULL;
}

/* qsort over indexes into one list of objects, by name. */
static const struct store_schema_object *sorting;

static int by_name(const void *a, const void *b)
{
    return strcmp(sorting[*(const int *)a].name, sorting[*(const int *)b].name);
}

/* idx[0..s->n) := the indexes of s's objects in name order. */
static void sort_by_name(const struct objects *s, int *idx)
{
    for (int i = 0; i < s->n; i++)
        idx[i] = i;
    sorting = s->o;
    qsort(idx, (size_t)s->n, sizeof *idx, by_name);
    sorting = NULL;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

int store_schema_diff(sqlite3 *db, const char *schema,
                      void (*each)(void *ctx, enum store_schema_diff kind, const char *type, const char *name),
                      void *ctx, struct fx_error *err)
{
    int64_t version = -1;
    int rc = store_get_int(db, !strcmp(schema, "src") ? "PRAGMA src.user_version" : "PRAGMA main.user_version",
                           STORE_NO_ARGS, &version, err);
    if (!rc)
        rc = store_schema_reference((int)version, NULL, err);
    struct objects file;
    if (!rc)
        rc = read_objects(db, schema, &file, err);
    if (rc)
        return -1;
    const struct objects *ref = &refs[version];
    /* Each object of the file paired with the reference's of its name: both sorted by name and walked once
     * (a writer's every open runs this), then reported in each list's own order, as before. */
    int *pair = malloc(((size_t)file.n + (size_t)ref->n) * 2 * sizeof *pair + 1);
    if (!pair) {
        free_objects(&file);
        fx_fail(err, FX_EINTERNAL, "检查账本结构失败：内存不足");
        return -1;
    }
    int *fsort = pair + file.n, *rsort = fsort + file.n, *matched = rsort + ref->n;
    sort_by_name(&file, fsort);
    sort_by_name(ref, rsort);
    for (int i = 0; i < file.n; i++)
        pair[i] = -1;
    for (int j = 0; j < ref->n; j++)
        matched[j] = 0;
    for (int i = 0, j = 0; i < file.n && j < ref->n;) {
        int c = strcmp(file.o[fsort[i]].name, ref->o[rsort[j]].name);
        if (c == 0) {
            pair[fsort[i]] = rsort[j];
            matched[rsort[j]] = 1;
        }
        i += c <= 0;
        j += c >= 0;
    }
    int n = 0;
    for (int i = 0; i < file.n; i++) {
        const struct store_schema_object *o = &file.o[i], *r = pair[i] < 0 ? NULL : &ref->o[pair[i]];
        if (!r || !same_text(o->type, r->type) || !same_text(o->tbl, r->tbl) || !same_text(o->sql, r->sql)) {
            each(ctx, r ? STORE_SCHEMA_ALTERED : STORE_SCHEMA_EXTRA, o->type, o->name);
            n++;
        }
    }
    for (int i = 0; i < ref->n; i++) {
        if (!matched[i]) {
            each(ctx, STORE_SCHEMA_MISSING, ref->o[i].type, ref->o[i].name);
            n++;
        }
    }
    free(pair);
    free_objects(&file);
    return n;
}

/* What a refusal names: the first few objects, in Chinese. */
struct refusal {
    const struct objects *ref;
    bool writing, exact;
    int refused;
    char list[400];
};

static const char *type_label(const char *type)
{
    return !strcmp(type, "table")     ? "表"
           : !strcmp(type, "index")   ? "索引"
           : !strcmp(type, "view")    ? "视图"
           : !strcmp(type, "trigger") ? "触发器"
                                      : type;
}

static void note_refusal(void *ctx, enum store_schema_diff kind, const char *type, const char *name)
{
    struct refusal *r = ctx;
    if (kind == STORE_SCHEMA_MISSING && !r->exact && strcmp(type, "table") != 0 &&
        !(r->writing && !strcmp(type, "trigger")))
        return; /* a missing index costs speed; a missing trigger matters only to writes */
    if (r->refused++ >= 4) {
        if (r->refused == 5)
            strncat(r->list, "……", sizeof r->list - strlen(r->list) - 1);
        return;
    }
    char item[160];
    const struct store_schema_object *expected = find(r->ref, name);
    if (kind == STORE_SCHEMA_EXTRA)
        snprintf(item, sizeof item, "多出的%s %.80s", type_label(type), name);
    else if (kind == STORE_SCHEMA_MISSING)
        snprintf(item, sizeof item, "缺少%s %.80s", type_label(type), name);
    else if (expected && strcmp(expected->type, type) != 0)
        snprintf(item, sizeof item, "%s %.80s（本应是%s）", type_label(type), name, type_label(expected->type));
    else
        snprintf(item, sizeof item, "被改动的%s %.80s", type_label(type), name);
    if (r->list[0])
        strncat(r->list, "、", sizeof r->list - strlen(r->list) - 1);
    strncat(r->list, item, sizeof r->list - strlen(r->list) - 1);
}

int store_schema_check(sqlite3 *db, const char *schema, int version, bool writing, bool exact, const char *path,
                       struct fx_error *err)
{
    if (version < 1 || version >= (int)(sizeof refs / sizeof refs[0]) || !refs[version].o)
        return fx_fail(err, FX_EINTERNAL, "检查账本结构失败：内部错误（没有版本 %d 的参照结构）", version);
    struct refusal r = {.ref = &refs[version], .writing = writing, .exact = exact};
    if (store_schema_diff(db, schema, note_refusal, &r, err) < 0)
        return err->code;
    if (!r.refused)
        return 0;
    return fx_fail(err, FX_EINPUT,
                   "%s 的结构与本版本的 fenxiao 账本不符：%s。为安全起见没有使用它（文件可能被人为改动过）", path,
                   r.list);
}
