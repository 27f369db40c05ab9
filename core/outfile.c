/* outfile.c — writing a file for people without ever losing one: checks on the target,
 * a temporary file in the same folder, fsync, then link (no overwrite) or rename. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"

#define MAX_PROTECTED 16

/* A protected ledger by its canonical folder and name, and by inode while it exists. */
struct protected
{
    char dir[PATH_MAX];
    char base[256];
    dev_t dev;
    ino_t ino;
    bool have_inode;
    bool is_dir; /* a whole folder (backups) */
};

static struct protected guarded[MAX_PROTECTED];
static int nguarded;

static void split(const char *path, char *dir, size_t dirsz, char *base, size_t basesz)
{
    paths_dirname(dir, dirsz, path);
    const char *slash = strrchr(path, '/');
    const char *b = slash ? slash + 1 : path;
    size_t n = strlen(b);
    if (n >= basesz)
        n = basesz - 1;
    memcpy(base, b, n);
    base[n] = '\0';
}

static struct protected *add_guard(void)
{
    if (nguarded >= MAX_PROTECTED)
        return NULL;
    struct protected *g = &guarded[nguarded];
    memset(g, 0, sizeof *g);
    return g;
}

void outfile_protect_dir(const char *dir)
{
    struct protected *g = add_guard();
    if (!g || !dir || !*dir || !realpath(dir, g->dir))
        return;
    for (int i = 0; i < nguarded; i++)
        if (guarded[i].is_dir && !strcmp(guarded[i].dir, g->dir))
            return;
    g->is_dir = true;
    nguarded++;
}

void outfile_protect_ledger(const char *ledger_path)
{
    if (!ledger_path || !*ledger_path)
        return;
    char dir[PATH_MAX], base[256], real[PATH_MAX];
    split(ledger_path, dir, sizeof dir, base, sizeof base);
    if (!realpath(dir, real))
        return; /* no folder yet: nothing of the ledger can be named through it */
    struct stat st;
    bool exists = stat(ledger_path, &st) == 0;
    for (int i = 0; i < nguarded; i++) {
        struct protected *g = &guarded[i];
        if (!g->is_dir && !strcmp(g->dir, real) && !strcmp(g->base, base)) {
            if (exists) { /* created since it was first named */
                g->dev = st.st_dev;
                g->ino = st.st_ino;
                g->have_inode = true;
            }
            return;
        }
    }
    struct protected *g = add_guard();
    if (!g)
        return;
    snprintf(g->dir, sizeof g->dir, "%s", real);
    snprintf(g->base, sizeof g->base, "%s", base);
    if (exists) {
        g->dev = st.st_dev;
        g->ino = st.st_ino;
        g->have_inode = true;
    }
    nguarded++;
    /* Its default backup folder (maint_backup_dir) goes with it. */
    char backups[PATH_MAX + 16];
    if ((size_t)snprintf(backups, sizeof backups, "%s/backups", real) < sizeof backups)
        outfile_protect_dir(backups);
}

const char *outfile_errno_text(int e)
{
    switch (e) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG: return "磁盘已满";
    case EROFS: return "文件系统只读";
    case EACCES:
    case EPERM: return "没有写入权限";
    case ENOENT:
    case ENOTDIR: return "文件夹不存在";
    case ENAMETOOLONG: return "文件名太长";
    case EISDIR: return "这是一个文件夹";
    default: return "文件系统拒绝";
    }
}

static int fs_fail(struct fx_error *err, int e, const char *what, const char *path)
{
    fx_fail(err, FX_EFS, "%s失败：%s（%s）", what, outfile_errno_text(e), path);
    fx_detail(err, "%s: %s", path, strerror(e));
    return FX_EFS;
}

/* The first bytes say whether a file is an SQLite database or its WAL. */
static bool is_database_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return false;
    unsigned char head[16];
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n >= 16 && !memcmp(head, "SQLite format 3", 16))
        return true;
    if (n >= 4) {
        uint32_t magic = (uint32_t)head[0] << 24 | (uint32_t)head[1] << 16 | (uint32_t)head[2] << 8 | head[3];
        if (magic == 0x377f0682u || magic == 0x377f0683u)
            return true;
    }
    return false;
}

static bool names_ledger_file(const struct protected *g, const char *base)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal", ".lock"};
    size_t n = strlen(g->base);
    if (strncmp(base, g->base, n) != 0)
        return false;
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++)
        if (!strcmp(base + n, suffix[i]))
            return true;
    /* The copies restore and demo keep, demo's file in the making, the copy taken before a migration. */
    return !strncmp(base + n, ".replaced-", 10) || !strncmp(base + n, ".demo-", 6) ||
           !strncmp(base + n, ".before-v", 9);
}

static int refuse(struct fx_error *err, const char *path, const char *why)
{
    /* Naming a file that may not be written is a usage error (exit 2). */
    return fx_fail(err, FX_EUSAGE, "不能写到 %s：%s。什么也没有写入", path, why);
}

/* Name rules, on the canonical folder of a target that may not exist yet. */
static int check_name(const char *path, struct fx_error *err)
{
    char dir[PATH_MAX], base[256], real[PATH_MAX];
    split(path, dir, sizeof dir, base, sizeof base);
    if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
        return fx_fail(err, FX_EUSAGE, "需要一个文件名，而不是“%s”", path);
    if (!realpath(dir, real))
        return fs_fail(err, errno, "打开输出文件夹", dir);
    for (int i = 0; i < nguarded; i++) {
        const struct protected *g = &guarded[i];
        size_t n = strlen(g->dir);
        if (g->is_dir) {
            if (!strncmp(real, g->dir, n) && (real[n] == '\0' || real[n] == '/'))
                return refuse(err, path, "这是账本的备份文件夹");
        } else if (!strcmp(real, g->dir) && names_ledger_file(g, base)) {
            return refuse(err, path, "这是账本或它的日志、锁、备份文件");
        }
    }
    return 0;
}

static int check_existing(const char *path, const struct stat *st, int flags, struct fx_error *err)
{
    if (S_ISDIR(st->st_mode))
        return refuse(err, path, "这是一个文件夹");
    if (!S_ISREG(st->st_mode))
        return refuse(err, path, "这不是普通文件（设备、管道或套接字）");
    for (int i = 0; i < nguarded; i++)
        if (guarded[i].have_inode && guarded[i].dev == st->st_dev && guarded[i].ino == st->st_ino)
            return refuse(err, path, "这就是账本文件");
    if (is_database_file(path))
        return refuse(err, path, "这是一个数据库文件（账本或备份），报表和导出从不覆盖它");
    if (!(flags & OUTFILE_REPLACE))
        return fx_fail(err, FX_EUSAGE, "文件已存在：%s（不会覆盖；确要覆盖请加 --force）", path);
    return 0;
}

/* The checks, and the path to write (a followed symlink's target) into out. */
static int check_target(const char *path, int flags, char *out, size_t outsz, struct fx_error *err)
{
    if (!path || !*path)
        return fx_fail(err, FX_EUSAGE, "需要一个文件名");
    if (strlen(path) >= outsz)
        return fx_fail(err, FX_EUSAGE, "文件名太长：%s", path);
    snprintf(out, outsz, "%s", path);
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (errno != ENOENT)
            return fs_fail(err, errno, "检查输出文件", path);
        return check_name(path, err);
    }
    if (S_ISLNK(st.st_mode)) {
        if (!(flags & OUTFILE_REPLACE))
            return refuse(err, path, "这是一个符号链接（确要写到它指向的文件，请加 --force）");
        char real[PATH_MAX];
        if (!realpath(path, real)) {
            if (errno != ENOENT)
                return fs_fail(err, errno, "检查输出文件", path);
            return refuse(err, path, "这是一个指向不存在文件的符号链接");
        }
        if (strlen(real) >= outsz)
            return fx_fail(err, FX_EUSAGE, "文件名太长：%s", real);
        snprintf(out, outsz, "%s", real);
        if (stat(real, &st) != 0)
            return fs_fail(err, errno, "检查输出文件", real);
    }
    int rc = check_existing(out, &st, flags, err);
    return rc ? rc : check_name(out, err);
}

int outfile_check(const char *path, int flags, struct fx_error *err)
{
    char out[4096];
    return check_target(path, flags, out, sizeof out, err);
}

int outfile_open(struct outfile *o, const char *path, int flags, struct fx_error *err)
{
    memset(o, 0, sizeof *o);
    o->flags = flags;
    int rc = check_target(path, flags, o->path, sizeof o->path, err);
    if (rc)
        return rc;
    char dir[PATH_MAX], base[256];
    split(o->path, dir, sizeof dir, base, sizeof base);
    if ((size_t)snprintf(o->tmp, sizeof o->tmp, "%s/.%s.tmp-XXXXXX", dir, base) >= sizeof o->tmp)
        return fx_fail(err, FX_EUSAGE, "文件名太长：%s", o->path);
    /* mkstemp makes the file 0600: reports and exports hold names and phone numbers. */
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        o->tmp[0] = '\0';
        return fs_fail(err, e, "创建输出文件", o->path);
    }
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        close(fd);
        outfile_abort(o);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    return 0;
}

void outfile_close_stream(struct outfile *o)
{
    if (o->f) {
        fclose(o->f);
        o->f = NULL;
    }
}

void outfile_abort(struct outfile *o)
{
    outfile_close_stream(o);
    if (o->tmp[0])
        unlink(o->tmp);
    o->tmp[0] = '\0';
}

static void sync_dir(const char *path)
{
    char dir[PATH_MAX];
    paths_dirname(dir, sizeof dir, path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

static int sync_file(struct outfile *o, struct fx_error *err)
{
    if (o->f) {
        FILE *f = o->f;
        o->f = NULL;
        int e = 0;
        if (fflush(f) != 0 || ferror(f))
            e = errno ? errno : EIO;
        else if (fsync(fileno(f)) != 0)
            e = errno;
        if (fclose(f) != 0 && !e)
            e = errno ? errno : EIO;
        return e ? fs_fail(err, e, "写出文件", o->path) : 0;
    }
    int fd = open(o->tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fs_fail(err, errno, "写出文件", o->path);
    int e = fsync(fd) != 0 ? errno : 0;
    close(fd);
    return e ? fs_fail(err, e, "写出文件", o->path) : 0;
}

int outfile_commit(struct outfile *o, struct fx_error *err)
{
    if (!o->tmp[0])
        return fx_fail(err, FX_EINTERNAL, "内部错误：输出文件没有打开");
    int rc = sync_file(o, err);
    if (!rc && (o->flags & OUTFILE_REPLACE)) {
        /* The target may have changed while the report was written. */
        char again[4096];
        rc = check_target(o->path, o->flags, again, sizeof again, err);
        if (!rc && rename(o->tmp, o->path) != 0)
            rc = fs_fail(err, errno, "写出文件", o->path);
    } else if (!rc) {
        if (link(o->tmp, o->path) != 0) {
            int e = errno;
            struct stat st;
            if (e == EEXIST)
                rc = fx_fail(err, FX_EUSAGE, "文件已存在：%s（不会覆盖；确要覆盖请加 --force）", o->path);
            else if ((e == EPERM || e == ENOTSUP || e == EOPNOTSUPP || e == EMLINK) && lstat(o->path, &st) != 0 &&
                     errno == ENOENT) {
                /* A file system without hard links (a FAT USB stick). */
                if (rename(o->tmp, o->path) != 0)
                    rc = fs_fail(err, errno, "写出文件", o->path);
            } else {
                rc = fs_fail(err, e, "写出文件", o->path);
            }
        }
    }
    if (rc) {
        outfile_abort(o);
        return rc;
    }
    unlink(o->tmp); /* the link's other name; after a rename it is gone already */
    o->tmp[0] = '\0';
    sync_dir(o->path);
    return 0;
}
