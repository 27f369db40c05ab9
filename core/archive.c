/* archive.c — the archive of attachments: files stored under their SHA-256 in archive/ beside the ledger, their
 * rows in table attachment, and the checks and copies verify, backup and restore make of them. */
#include "archive.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "entity.h"
#include "outfile.h"
#include "paths.h"
#include "sha256.h"
#include "store.h"
#include "text.h"

void archive_dir(const char *ledger_path, char *out, size_t outsz)
{
    char dir[4096];
    paths_dirname(dir, sizeof dir, ledger_path);
    paths_join(out, outsz, dir, "archive");
}

void archive_file(const char *dir, const char *sha256, char *out, size_t outsz)
{
    paths_join(out, outsz, dir, sha256);
}

void archive_backup_dir(const char *backup_path, char *out, size_t outsz)
{
    text_format(out, outsz, "%s.archive", backup_path);
}

/* The entities an attachment may belong to: the word, what people call it, and how a row's uuid and year are read. */
static const struct {
    const char *word, *label, *table, *sql;
} entities[] = {
    {"session", "培训记录", "session", "SELECT uuid, CAST(substr(date, 1, 4) AS INTEGER) FROM session WHERE id = ?1"},
    {"plan", "计划项目", "plan_item", "SELECT uuid, year FROM plan_item WHERE id = ?1"},
    {"funds", "经费记录", "funds_entry",
     "SELECT uuid, CAST(substr(date, 1, 4) AS INTEGER) FROM funds_entry WHERE id = ?1"},
    {"mark", "清单标记", "mark", "SELECT uuid, CAST(substr(period, 1, 4) AS INTEGER) FROM mark WHERE id = ?1"},
};
#define NENTITIES ((int)(sizeof entities / sizeof entities[0]))

static int entity_index(const char *word)
{
    for (int i = 0; word && i < NENTITIES; i++)
        if (!strcmp(entities[i].word, word))
            return i;
    return -1;
}

const char *archive_entity_label(const char *entity)
{
    int i = entity_index(entity);
    return i < 0 ? NULL : entities[i].label;
}

/* The uuid and year of row id of entity i. */
static int entity_row(sqlite3 *db, int i, int64_t id, char uuid[37], int *year, struct fx_error *err)
{
    bool has = false;
    int rc = store_exists(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                          STORE_ARGS(STORE_TEXT(entities[i].table)), &has, err);
    if (rc)
        return rc;
    if (!has)
        return fx_fail(err, FX_ENOTFOUND, "这个账本还没有%s", entities[i].label);
    sqlite3_stmt *st;
    if ((rc = store_prepare(db, entities[i].sql, &st, err)) != 0)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        text_copy(uuid, 37, (const char *)sqlite3_column_text(st, 0));
        *year = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (s == SQLITE_DONE)
        return fx_fail(err, FX_ENOTFOUND, "没有编号为 %lld 的%s", (long long)id, entities[i].label);
    return s == SQLITE_ROW ? 0 : store_fail(db, s, err, "读取要归档的记录");
}

static int fs_fail(struct fx_error *err, int e, const char *what, const char *path)
{
    return fx_fail(err, FX_EFS, "%s %s：%s", what, path, outfile_errno_text(e));
}

/* Hash the open file fd, and when tmp_fd ≥ 0 copy it there as it is read. */
static int hash_fd(int fd, int tmp_fd, char sha[65], int64_t *size, const char *path, struct fx_error *err)
{
    struct sha256 h;
    sha256_init(&h);
    static unsigned char buf[1 << 16];
    int64_t total = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fs_fail(err, errno, "读不了", path);
        if (n == 0)
            break;
        sha256_update(&h, buf, (size_t)n);
        total += n;
        for (ssize_t off = 0; tmp_fd >= 0 && off < n;) {
            ssize_t w = write(tmp_fd, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                return fs_fail(err, errno, "写不进归档文件夹", "");
            off += w;
        }
    }
    sha256_hex(&h, sha);
    if (size)
        *size = total;
    return 0;
}

/* The SHA-256 of the file at path; FX_ENOTFOUND when it is missing. */
static int hash_path(const char *path, char sha[65], int64_t *size, struct fx_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return errno == ENOENT ? fx_fail(err, FX_ENOTFOUND, "%s 不存在", path) : fs_fail(err, errno, "读不了", path);
    int rc = hash_fd(fd, -1, sha, size, path, err);
    close(fd);
    return rc;
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Copy the open file fd into folder dir under its SHA-256 (sha, size filled): written to a temporary file,
 * synced, then linked into place; a file already there with the right content is kept, one whose content no
 * longer matches its name is replaced. */
static int store_file(int fd, const char *src, const char *dir, char sha[65], int64_t *size, struct fx_error *err)
{
    if (paths_mkdir_p(dir, 0700, err))
        return err->code;
    char tmp[4200];
    paths_join(tmp, sizeof tmp, dir, ".incoming-XXXXXX");
    int t = mkstemp(tmp);
    if (t < 0)
        return fs_fail(err, errno, "无法在归档文件夹里写文件", dir);
    int rc = hash_fd(fd, t, sha, size, src, err);
    if (!rc && fsync(t) != 0)
        rc = fs_fail(err, errno, "无法写入", tmp);
    if (close(t) != 0 && !rc)
        rc = fs_fail(err, errno, "无法写入", tmp);
    char final[4200];
    archive_file(dir, sha, final, sizeof final);
    if (!rc) {
        char have[65];
        struct fx_error e;
        if (hash_path(final, have, NULL, &e) == 0 && !strcmp(have, sha)) {
            unlink(tmp); /* stored already, and intact */
        } else if (rename(tmp, final) != 0) {
            rc = fs_fail(err, errno, "无法写入", final);
        } else {
            chmod(final, 0400);
            sync_dir(dir);
        }
    }
    if (rc)
        unlink(tmp);
    return rc;
}

#define ITEM_COLS "id, uuid, entity, entity_uuid, year, sha256, name, size, volume, created_at"

static void read_item(sqlite3_stmt *st, struct archive_item *it)
{
    memset(it, 0, sizeof *it);
    it->id = sqlite3_column_int64(st, 0);
    text_copy(it->uuid, sizeof it->uuid, (const char *)sqlite3_column_text(st, 1));
    text_copy(it->entity, sizeof it->entity, (const char *)sqlite3_column_text(st, 2));
    text_copy(it->entity_uuid, sizeof it->entity_uuid, (const char *)sqlite3_column_text(st, 3));
    it->year = sqlite3_column_int(st, 4);
    text_copy(it->sha256, sizeof it->sha256, (const char *)sqlite3_column_text(st, 5));
    text_copy(it->name, sizeof it->name, (const char *)sqlite3_column_text(st, 6));
    it->size = sqlite3_column_int64(st, 7);
    text_copy(it->volume, sizeof it->volume, (const char *)sqlite3_column_text(st, 8));
    text_copy(it->created_at, sizeof it->created_at, (const char *)sqlite3_column_text(st, 9));
}

int archive_attach(sqlite3 *db, const char *ledger_path, const char *entity, int64_t id, const char *file,
                   struct archive_item *out, struct fx_error *err)
{
    int i = entity_index(entity);
    if (i < 0)
        return fx_fail(err, FX_EINPUT, "附件只能挂在 session、plan、funds 或 mark 上（不是 %s）", entity ? entity : "");
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    char name[256];
    if (!text_copy(name, sizeof name, base) || !*name)
        return fx_fail(err, FX_EINPUT, "附件的文件名太长或为空：%s", base);
    char uuid[37];
    int year;
    int rc = entity_row(db, i, id, uuid, &year, err);
    if (rc)
        return rc;
    bool closed = false;
    if ((rc = store_exists(db, "SELECT 1 FROM closed_year WHERE year = ?1", STORE_ARGS(STORE_INT(year)), &closed,
                           err)) != 0)
        return rc;
    if (closed)
        return fx_fail(err, FX_ECLOSED, "%d 年已经交账（只读），不能再添加附件", year);
    /* The file first: a crash after it leaves an unreferenced file in the archive, never a row without its file. */
    int fd = paths_open_regular(file, ARCHIVE_MAX_BYTES, "附件", err);
    if (fd < 0)
        return err->code;
    char dir[4200], sha[65];
    int64_t size = 0;
    archive_dir(ledger_path, dir, sizeof dir);
    rc = store_file(fd, file, dir, sha, &size, err);
    close(fd);
    if (rc)
        return rc;
    if ((rc = store_begin(db, err)) != 0)
        return rc;
    bool dup = false;
    rc = store_exists(db, "SELECT 1 FROM attachment WHERE entity = ?1 AND entity_uuid = ?2 AND sha256 = ?3",
                      STORE_ARGS(STORE_TEXT(entity), STORE_TEXT(uuid), STORE_TEXT(sha)), &dup, err);
    if (!rc && dup)
        rc = fx_fail(err, FX_EINPUT, "这个文件已经是%s %lld 的附件", entities[i].label, (long long)id);
    char auuid[37];
    store_uuid(auuid);
    if (!rc)
        rc = store_run(db,
                       "INSERT INTO attachment (uuid, entity, entity_uuid, year, sha256, name, size, recorder) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                       STORE_ARGS(STORE_TEXT(auuid), STORE_TEXT(entity), STORE_TEXT(uuid), STORE_INT(year),
                                  STORE_TEXT(sha), STORE_TEXT(name), STORE_INT(size), STORE_TEXT(store_actor())),
                       err);
    int64_t aid = rc ? 0 : sqlite3_last_insert_rowid(db);
    if (!rc)
        rc = entity_audit(db, "attachment", "insert", "SELECT * FROM attachment WHERE id = ?1", aid, auuid, NULL, err);
    rc = store_end(db, rc, err);
    if (!rc && out) {
        sqlite3_stmt *st;
        if (store_prepare(db, "SELECT " ITEM_COLS " FROM attachment WHERE id = ?1", &st, NULL) == 0) {
            sqlite3_bind_int64(st, 1, aid);
            if (sqlite3_step(st) == SQLITE_ROW)
                read_item(st, out);
            sqlite3_finalize(st);
        }
    }
    return rc;
}

int archive_each(sqlite3 *db, const char *entity, int64_t id, archive_item_fn fn, void *ctx, struct fx_error *err)
{
    char uuid[37] = "";
    if (entity) {
        int i = entity_index(entity);
        int year, rc;
        if (i < 0)
            return fx_fail(err, FX_EINPUT, "附件只能挂在 session、plan、funds 或 mark 上（不是 %s）", entity);
        if ((rc = entity_row(db, i, id, uuid, &year, err)) != 0)
            return rc;
    }
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "SELECT " ITEM_COLS " FROM attachment WHERE ?1 IS NULL OR (entity = ?1 AND "
                           "entity_uuid = ?2) ORDER BY id",
                           &st, err);
    if (rc)
        return rc;
    if (entity) {
        sqlite3_bind_text(st, 1, entity, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, uuid, -1, SQLITE_TRANSIENT);
    }
    int s;
    struct archive_item it;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        read_item(st, &it);
        if ((rc = fn(&it, ctx)) != 0)
            break;
    }
    if (!rc && s != SQLITE_DONE)
        rc = store_fail(db, s, err, "读取附件");
    sqlite3_finalize(st);
    return rc;
}

struct verify_ctx {
    const char *dir;
    void (*report)(void *, const char *);
    void *ctx;
    int bad;
};

static int verify_one(const struct archive_item *it, void *vctx)
{
    struct verify_ctx *v = vctx;
    char path[4200], sha[65], line[768];
    int64_t size = 0;
    struct fx_error e;
    fx_clear(&e);
    archive_file(v->dir, it->sha256, path, sizeof path);
    int rc = hash_path(path, sha, &size, &e);
    if (rc == FX_ENOTFOUND)
        text_format(line, sizeof line, "附件 %lld《%s》的文件不见了（应在 archive/%s）", (long long)it->id, it->name,
                    it->sha256);
    else if (rc)
        text_format(line, sizeof line, "附件 %lld《%s》读不了：%s", (long long)it->id, it->name, e.msg);
    else if (strcmp(sha, it->sha256) || size != it->size)
        text_format(line, sizeof line, "附件 %lld《%s》已被改动（SHA-256 或大小与归档时不符）", (long long)it->id,
                    it->name);
    else
        return 0;
    v->report(v->ctx, line);
    v->bad++;
    return 0;
}

int archive_verify(sqlite3 *db, const char *ledger_path, void (*report)(void *ctx, const char *line), void *ctx,
                   int *bad, struct fx_error *err)
{
    char dir[4200];
    archive_dir(ledger_path, dir, sizeof dir);
    struct verify_ctx v = {.dir = dir, .report = report, .ctx = ctx};
    int rc = archive_each(db, NULL, 0, verify_one, &v, err);
    *bad = v.bad;
    return rc;
}

struct copy_ctx {
    const char *from, *to;
    int copied, missing;
    struct fx_error *err;
};

static int copy_one(const struct archive_item *it, void *vctx)
{
    struct copy_ctx *c = vctx;
    char src[4200], sha[65], dst[4200];
    archive_file(c->from, it->sha256, src, sizeof src);
    archive_file(c->to, it->sha256, dst, sizeof dst);
    struct stat st;
    if (lstat(dst, &st) == 0)
        return 0; /* two rows, one file */
    int fd = open(src, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        c->missing++;
        return 0;
    }
    int64_t size;
    int rc = store_file(fd, src, c->to, sha, &size, c->err);
    close(fd);
    if (!rc)
        c->copied++;
    return rc;
}

int archive_copy_out(sqlite3 *db, const char *ledger_path, const char *dest_dir, int *copied, int *missing,
                     struct fx_error *err)
{
    char dir[4200];
    archive_dir(ledger_path, dir, sizeof dir);
    struct copy_ctx c = {.from = dir, .to = dest_dir, .err = err};
    int rc = archive_each(db, NULL, 0, copy_one, &c, err);
    *copied = c.copied;
    *missing = c.missing;
    return rc;
}

static bool is_sha_name(const char *s)
{
    if (strlen(s) != 64)
        return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
            return false;
    return true;
}

int archive_take(const char *src_dir, const char *dst_dir, const char *sha256, bool *copied, struct fx_error *err)
{
    *copied = false;
    char src[4200], dst[4200], have[65];
    archive_file(dst_dir, sha256, dst, sizeof dst);
    struct fx_error ignore;
    if (hash_path(dst, have, NULL, &ignore) == 0 && !strcmp(have, sha256))
        return 0; /* already there, intact */
    archive_file(src_dir, sha256, src, sizeof src);
    int rc = hash_path(src, have, NULL, &ignore);
    if (rc == FX_ENOTFOUND)
        return fx_fail(err, FX_EINPUT, "文件不见了（应在 %s）", src);
    if (rc)
        return fx_fail(err, FX_EINPUT, "文件读不了：%s", ignore.msg);
    /* The copy must be what its name says, or it does not come under that name. */
    if (strcmp(have, sha256))
        return fx_fail(err, FX_EINPUT, "文件已被改动（内容与 SHA-256 不符）");
    int fd = open(src, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return fx_fail(err, FX_EINPUT, "文件读不了：%s", outfile_errno_text(errno));
    int64_t size;
    rc = store_file(fd, src, dst_dir, have, &size, err);
    close(fd);
    if (!rc && strcmp(have, sha256)) /* changed while it was copied: what was stored is under its own hash */
        return fx_fail(err, FX_EINPUT, "文件在复制时被改动（内容与 SHA-256 不符）");
    if (!rc)
        *copied = true;
    return rc;
}

int archive_copy_in(const char *src_dir, const char *ledger_path, int *copied, struct fx_error *err)
{
    *copied = 0;
    DIR *d = opendir(src_dir);
    if (!d)
        return errno == ENOENT ? 0 : fs_fail(err, errno, "读不了", src_dir);
    char dir[4200];
    archive_dir(ledger_path, dir, sizeof dir);
    int rc = 0;
    struct dirent *e;
    while (!rc && (e = readdir(d)) != NULL) {
        if (!is_sha_name(e->d_name))
            continue;
        bool took = false;
        struct fx_error why;
        fx_clear(&why);
        rc = archive_take(src_dir, dir, e->d_name, &took, &why);
        if (rc == FX_EINPUT) /* the backup's copy is gone or altered: it does not come back */
            rc = 0;
        else if (rc)
            *err = why;
        if (took)
            (*copied)++;
    }
    closedir(d);
    return rc;
}

int archive_names(sqlite3_stmt *st, const char *entity, int64_t id, char *out, size_t outsz, int cols,
                  struct fx_error *err)
{
    out[0] = '\0';
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, id);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) /* group_concat of nothing is NULL */
        text_fit(out, outsz, (const char *)sqlite3_column_text(st, 0), cols);
    sqlite3_reset(st);
    return s == SQLITE_ROW || s == SQLITE_DONE ? 0 : store_fail(sqlite3_db_handle(st), s, err, "读取附件");
}

/* ---- 卷号 ---- */

static const struct {
    const char *entity, *code, *order;
} volume_kinds[] = {
    {"session", "培训", "(SELECT date FROM session WHERE uuid = a.entity_uuid)"},
    {"plan", "计划", "(SELECT printf('%04d-%02d', year, month_first) FROM plan_item WHERE uuid = a.entity_uuid)"},
    {"funds", "经费", "(SELECT date FROM funds_entry WHERE uuid = a.entity_uuid)"},
    {"mark", "清单", "(SELECT period FROM mark WHERE uuid = a.entity_uuid)"},
};

/* Number the unnumbered records of one kind. */
static int number_kind(sqlite3 *db, int year, int k, int *assigned, struct fx_error *err)
{
    char prefix[64], sql[1024];
    text_format(prefix, sizeof prefix, "%04d-%s-", year, volume_kinds[k].code);
    int64_t seq = 0;
    int rc = store_get_int(db,
                           "SELECT ifnull(max(CAST(substr(volume, length(?3) + 1) AS INTEGER)), 0) FROM attachment "
                           "WHERE year = ?1 AND entity = ?2 AND substr(volume, 1, length(?3)) = ?3",
                           STORE_ARGS(STORE_INT(year), STORE_TEXT(volume_kinds[k].entity), STORE_TEXT(prefix)), &seq,
                           err);
    if (rc)
        return rc;
    text_format(sql, sizeof sql,
                "SELECT a.entity_uuid FROM attachment a WHERE a.year = ?1 AND a.entity = ?2 AND a.volume = '' "
                "GROUP BY a.entity_uuid ORDER BY %s, min(a.id)",
                volume_kinds[k].order);
    sqlite3_stmt *st;
    if ((rc = store_prepare(db, sql, &st, err)) != 0)
        return rc;
    sqlite3_bind_int(st, 1, year);
    sqlite3_bind_text(st, 2, volume_kinds[k].entity, -1, SQLITE_STATIC);
    int n = 0, cap = 0, s;
    char(*uuids)[37] = NULL;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            void *p = realloc(uuids, (size_t)cap * sizeof *uuids);
            if (!p) {
                s = SQLITE_NOMEM;
                break;
            }
            uuids = p;
        }
        text_copy(uuids[n++], 37, (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE)
        rc = s == SQLITE_NOMEM ? fx_fail(err, FX_EINTERNAL, "内存不足") : store_fail(db, s, err, "读取附件");
    for (int i = 0; i < n && !rc; i++) {
        char volume[64];
        text_format(volume, sizeof volume, "%s%03lld", prefix, (long long)++seq);
        /* Each attachment of the record gets the number, with its audit record. */
        sqlite3_stmt *ids;
        if ((rc = store_prepare(db, "SELECT id, uuid FROM attachment WHERE entity = ?1 AND entity_uuid = ?2 ORDER BY id",
                                &ids, err)) != 0)
            break;
        sqlite3_bind_text(ids, 1, volume_kinds[k].entity, -1, SQLITE_STATIC);
        sqlite3_bind_text(ids, 2, uuids[i], -1, SQLITE_STATIC);
        struct {
            int64_t id;
            char uuid[37];
        } *att = NULL;
        int m = 0, mcap = 0;
        while (sqlite3_step(ids) == SQLITE_ROW) {
            if (m == mcap) {
                mcap = mcap ? mcap * 2 : 8;
                void *p = realloc(att, (size_t)mcap * sizeof *att);
                if (!p) {
                    rc = fx_fail(err, FX_EINTERNAL, "内存不足");
                    break;
                }
                att = p;
            }
            att[m].id = sqlite3_column_int64(ids, 0);
            text_copy(att[m].uuid, 37, (const char *)sqlite3_column_text(ids, 1));
            m++;
        }
        sqlite3_finalize(ids);
        for (int j = 0; j < m && !rc; j++) {
            char *before = store_row_json(db, "SELECT * FROM attachment WHERE id = ?1", att[j].id);
            rc = store_run(db, "UPDATE attachment SET volume = ?2 WHERE id = ?1",
                           STORE_ARGS(STORE_INT(att[j].id), STORE_TEXT(volume)), err);
            if (!rc)
                rc = entity_audit(db, "attachment", "number", "SELECT * FROM attachment WHERE id = ?1", att[j].id,
                                  att[j].uuid, before, err);
            sqlite3_free(before);
        }
        free(att);
        if (!rc)
            (*assigned)++;
    }
    free(uuids);
    return rc;
}

int archive_number(sqlite3 *db, int year, int *assigned, struct fx_error *err)
{
    *assigned = 0;
    bool closed = false;
    int rc = store_exists(db, "SELECT 1 FROM closed_year WHERE year = ?1", STORE_ARGS(STORE_INT(year)), &closed, err);
    if (rc)
        return rc;
    if (closed)
        return fx_fail(err, FX_ECLOSED, "%d 年已经交账（只读），不能再编卷号", year);
    if ((rc = store_begin(db, err)) != 0)
        return rc;
    for (int k = 0; k < (int)(sizeof volume_kinds / sizeof volume_kinds[0]) && !rc; k++) {
        bool has = true;
        if (!strcmp(volume_kinds[k].entity, "plan"))
            rc = store_exists(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'plan_item'",
                              STORE_NO_ARGS, &has, err);
        if (!rc && has)
            rc = number_kind(db, year, k, assigned, err);
    }
    return store_end(db, rc, err);
}
