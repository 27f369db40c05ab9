/* cli_maint.c — `fenxiao backup | restore | verify | close-year`.
 * The guarantees of the ledger file, reachable from scripts and cron. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "archive.h"
#include "cli.h"
#include "maint.h"
#include "outfile.h"
#include "package.h"
#include "date.h"
#include "paths.h"
#include "store.h"
#include "text.h"

int cmd_backup(struct cli *cli, int argc, char **argv)
{
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "-o")) != NULL || (v = cli_opt(argc, argv, &i, "--output")) != NULL)
            out = v;
        else
            return cli_usage("backup：未知的参数 %s", argv[i]);
    }
    if (out && !*out)
        return cli_usage("-o 需要一个文件名");
    struct fx_error err;
    fx_clear(&err);
    /* A named backup is a new file: never the ledger, another ledger or an old backup. */
    if (out && outfile_check(out, 0, &err))
        return cli_report(&err);
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    char path[4200];
    if (!out) {
        char dir[4096];
        struct fx_error e;
        maint_backup_dir(cli->db_path, dir, sizeof dir);
        if (paths_mkdir_p(dir, 0700, &e)) {
            store_close(db);
            return cli_report(&e);
        }
        struct tm tm;
        date_now(&tm);
        snprintf(path, sizeof path, "%s/ledger-%04d%02d%02d-%02d%02d%02d.db", dir, tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        out = path;
    }
    if (maint_backup(db, out, &err)) {
        rc = cli_report(&err);
    } else {
        fprintf(stderr, "已备份到：%s\n", out);
        /* The attachments go beside the backup file, in BACKUP.archive/ (restore brings them back). */
        char adir[4300];
        int copied = 0, missing = 0;
        archive_backup_dir(out, adir, sizeof adir);
        if (archive_copy_out(db, cli->db_path, adir, &copied, &missing, &err))
            rc = cli_report(&err);
        else if (copied)
            fprintf(stderr, "附件 %d 个已复制到：%s\n", copied, adir);
        if (!rc && missing)
            fprintf(stderr, "警告：%d 个附件的文件不见了，没有备份（运行 fenxiao verify 查看）\n", missing);
    }
    store_close(db);
    return rc;
}

int cmd_restore(struct cli *cli, int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-')
        return cli_usage("用法：fenxiao restore 备份文件");
    struct fx_error err;
    fx_clear(&err);
    char kept[4200] = "";
    if (maint_restore(cli->db_path, argv[1], kept, sizeof kept, &err))
        return cli_report(&err);
    fprintf(stderr, "已从 %s 恢复账本 %s\n", argv[1], cli->db_path);
    if (kept[0])
        fprintf(stderr, "原账本保存为：%s\n", kept);
    char adir[4300];
    int copied = 0;
    archive_backup_dir(argv[1], adir, sizeof adir);
    if (archive_copy_in(adir, cli->db_path, &copied, &err))
        return cli_report(&err);
    if (copied)
        fprintf(stderr, "已从 %s 恢复附件 %d 个\n", adir, copied);
    return 0;
}

static void print_problem(void *ctx, const char *line)
{
    int *n = ctx;
    char clean[1024];
    text_sanitize(clean, sizeof clean, line);
    printf("问题：%s\n", clean);
    (*n)++;
}

int cmd_verify(struct cli *cli, int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return cli_usage("用法：fenxiao verify");
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    int problems = 0, bad = 0;
    rc = maint_verify(db, print_problem, &problems, &err);
    /* The attachments' files against their hashes (archive/ beside the ledger). */
    if (!rc || rc == FX_NO) {
        int arc = archive_verify(db, cli->db_path, print_problem, &problems, &bad, &err);
        if (arc)
            rc = arc;
        else if (bad)
            rc = FX_NO;
    }
    store_close(db);
    if (rc == FX_NO) {
        fprintf(stderr, "账本检查发现 %d 个问题\n", problems);
        return 1;
    }
    if (rc)
        return cli_report(&err);
    printf("账本检查通过：完整性、外键、审计记录、点名的历史、学时汇总、附件均正常\n");
    return 0;
}

int cmd_close_year(struct cli *cli, int argc, char **argv)
{
    const char *year_text = NULL, *reason = NULL, *out = NULL;
    bool force = false;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--reason")) != NULL)
            reason = v;
        else if ((v = cli_opt(argc, argv, &i, "-o")) != NULL || (v = cli_opt(argc, argv, &i, "--output")) != NULL)
            out = v;
        else if (!strcmp(argv[i], "--force"))
            force = true;
        else if (argv[i][0] != '-' && !year_text)
            year_text = argv[i];
        else
            return cli_usage("close-year：未知的参数 %s", argv[i]);
    }
    if (!year_text)
        return cli_usage("用法：fenxiao close-year 年份 [--reason 原因] [-o 交账材料.pdf] [--force]");
    char *end;
    long year = strtol(year_text, &end, 10);
    if (*end || year < 1900 || year > 2999)
        return cli_usage("年份应为四位数字：%s", year_text);
    sqlite3 *db;
    int rc = cli_open(cli, STORE_WRITER, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    struct package_request req = {.year = (int)year,
                                  .reason = reason,
                                  .pdf_path = out,
                                  .flags = force ? OUTFILE_REPLACE : 0,
                                  .config_path = cli->config_path};
    char pdf[4096] = "", xlsx[4096] = "";
    if (package_close_year(db, &cli->cfg, &req, pdf, xlsx, &err))
        rc = cli_report(&err);
    else
        fprintf(stderr,
                "已写出交账材料：%s\n已写出交账材料（表格）：%s\n"
                "%ld 年已交账：该年度的培训记录、点名、清单标记、经费和问题清单从此只读\n",
                pdf, xlsx, year);
    store_close(db);
    return rc;
}
