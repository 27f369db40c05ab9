/* cli_demo.c — `fenxiao demo [--force] [--unit 名称]`: a new ledger holding a demo township.
 * Built in a temporary file beside the ledger and moved into place, so a failure leaves the old file as it was. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "text_limits.h"
#include "date.h"
#include "demo.h"
#include "maint.h"
#include "outfile.h"
#include "paths.h"
#include "store.h"
#include "text.h"

#define DEMO_UNIT "示例镇党校分校"

static void remove_ledger_files(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal", ".lock"};
    char p[4200];
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

/* The rename is durable only once the directory itself is on disk. */
static void sync_dir(const char *path)
{
    char dir[4096];
    paths_dirname(dir, sizeof dir, path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

static int fs_fail(struct fx_error *err, const char *what, const char *path, int e)
{
    fx_fail(err, FX_EFS, "%s失败：%s", what,
            e == EACCES || e == EPERM || e == EROFS ? "没有写入权限"
            : e == ENOSPC                           ? "磁盘已满"
                                                    : "文件系统拒绝");
    fx_detail(err, "%s: %s", path, strerror(e));
    return FX_EFS;
}

/* Put the finished demo ledger at path. Replacing a ledger takes its writer
 * lock first and refuses while any other program still has it open (its WAL
 * file would otherwise be replayed into the new ledger). A ledger that is
 * anything but an untouched demo is copied first, the way restore keeps the
 * ledger it replaces; the copy's name goes into kept. */
static int install(const char *tmp, const char *path, int replace, char *kept, size_t keptsz, struct fx_error *err)
{
    if (!replace) {
        /* link() fails if someone created the ledger meanwhile; rename() would clobber it. */
        if (link(tmp, path) == 0) {
            unlink(tmp);
            return 0;
        }
        if (errno == EEXIST)
            return fx_fail(err, FX_EINPUT, "账本文件已存在：%s（不会覆盖）", path);
        if (access(path, F_OK) == 0)
            return fx_fail(err, FX_EINPUT, "账本文件已存在：%s（不会覆盖）", path);
        /* A file system without hard links (vfat): fall through to rename. */
    } else {
        sqlite3 *old;
        if (store_open(path, STORE_WRITER, &old, err)) {
            /* Only a ledger is replaced: a stray file at that path may be someone's work. */
            if (err->code == FX_EINPUT || err->code == FX_EINTERNAL)
                fx_fail(err, FX_EINPUT,
                        "%s 不是可以打开的 fenxiao 账本，--force 也不会覆盖它；请先移走它或换一个文件名", path);
            store_close(NULL);
            return err->code;
        }
        if (!demo_is_untouched(old) && maint_keep_copy(old, path, kept, keptsz, err)) {
            store_close(old);
            return err->code;
        }
        sqlite3_close(old); /* the writer lock stays held until store_close below */
        char wal[4200];
        snprintf(wal, sizeof wal, "%s-wal", path);
        if (access(wal, F_OK) == 0) {
            store_close(NULL);
            return fx_fail(err, FX_ELOCKED, "账本正被另一个程序打开，请先关闭它再替换");
        }
    }
    int rc = rename(tmp, path) == 0 ? 0 : fs_fail(err, "替换账本", path, errno);
    if (replace)
        store_close(NULL);
    return rc;
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
    const char *unit = NULL;
    int force = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--force"))
            force = 1;
        else if ((v = cli_opt(argc, argv, &i, "--unit")) != NULL)
            unit = v;
        else
            return cli_usage("demo：未知的参数 %s（用法：fenxiao demo [--force] [--unit 名称]）", argv[i]);
    }
    char name[FX_TEXT_BYTES(FX_PLACE_CHARS)];
    if (cli_text("--unit", "单位名称",
                 unit               ? unit
                 : cli->cfg.unit[0] ? cli->cfg.unit
                                    : DEMO_UNIT,
                 name, sizeof name, FX_PLACE_CHARS, 0))
        return FX_EINPUT;
    if (!*text_trim(name))
        return cli_usage("demo：--unit 需要一个名称");

    struct fx_error err;
    fx_clear(&err);
    /* No ledger named: the demo gets a file of its own, never the real ledger. */
    char path[4096];
    if (cli->db_given)
        snprintf(path, sizeof path, "%s", cli->db_path);
    else if (paths_default_demo(path, sizeof path, &err))
        return cli_report(&err);
    outfile_protect_ledger(path);
    struct stat st;
    int exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        fx_fail(&err, FX_EFS, "%s 是目录，不是账本文件", path);
        return cli_report(&err);
    }
    if (exists && !force) {
        fx_fail(&err, FX_EINPUT, "账本文件已存在：%s。demo 不会覆盖它；确实要换成示例账本，请加 --force", path);
        return cli_report(&err);
    }

    char tmp[4200], kept[4200] = "";
    snprintf(tmp, sizeof tmp, "%s.demo-%ld", path, (long)getpid());
    remove_ledger_files(tmp); /* left by a crashed run with the same pid */
    sqlite3 *db;
    int rc = store_open(tmp, STORE_CREATE | STORE_NEW | STORE_WRITER, &db, &err);
    struct demo_summary sum;
    memset(&sum, 0, sizeof sum);
    if (!rc) {
        struct fx_date today;
        date_today(&today);
        rc = store_init_unit(db, name, &err);
        if (!rc)
            rc = demo_fill(db, &cli->cfg, &today, &sum, &err);
        store_close(db);
    }
    if (!rc) {
        rc = install(tmp, path, exists, kept, sizeof kept, &err);
        if (!rc)
            sync_dir(path);
    }
    remove_ledger_files(tmp);
    if (rc)
        return cli_report(&err);
    cli_say("已生成示例账本：%s（%s）", path, name);
    fprintf(stderr,
            "党组织 %d 个，党员 %d 名，教师 %d 名，场地 %d 处，课程 %d 门，"
            "培训记录 %d 条（点名 %d 人次），点单 %d 个。\n",
            sum.branches, sum.members, sum.teachers, sum.venues, sum.courses, sum.sessions, sum.attendance, sum.orders);
    if (kept[0]) {
        cli_say("原来的账本已保留为：%s", kept);
        cli_say("（要找回它：fenxiao --db %s restore %s）", path, kept);
    }
    if (!cli->db_given)
        cli_say("打开示例账本：fenxiao --db %s", path);
    return 0;
}
