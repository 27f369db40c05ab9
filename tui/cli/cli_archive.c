/* cli_archive.c — `fenxiao attach session|plan|funds|mark ID FILE` (立卷归档) and `fenxiao attach list`. */
#include <stdio.h>
#include <string.h>

#include "archive.h"
#include "cli.h"
#include "store.h"
#include "text.h"

static int print_item(const struct archive_item *it, void *ctx)
{
    (void)ctx;
    char name[512];
    text_sanitize(name, sizeof name, it->name);
    printf("%lld\t%s\t%s\t%lld\t%s\t%s\t%s\n", (long long)it->id, archive_entity_label(it->entity), name,
           (long long)it->size, it->sha256, it->volume[0] ? it->volume : "—", it->created_at);
    return 0;
}

static int attach_list(struct cli *cli, int argc, char **argv)
{
    const char *entity = NULL;
    long long id = 0;
    if (argc == 4) {
        entity = argv[2];
        if (cli_int("编号", argv[3], 1, INT64_MAX, &id))
            return FX_EINPUT;
    } else if (argc != 2) {
        return cli_usage("用法：fenxiao attach list [session|plan|funds|mark 编号]");
    }
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    printf("编号\t所属\t原文件名\t字节\tSHA-256\t卷号\t归档时间\n");
    if (archive_each(db, entity, id, print_item, NULL, &err))
        rc = cli_report(&err);
    store_close(db);
    return rc;
}

static int attach_number(struct cli *cli, int argc, char **argv)
{
    long long year;
    if (argc != 3)
        return cli_usage("用法：fenxiao attach number 年份");
    if (cli_int("年份", argv[2], 1900, 2999, &year))
        return FX_EINPUT;
    sqlite3 *db;
    int rc = cli_open(cli, STORE_WRITER, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    int n = 0;
    if (archive_number(db, (int)year, &n, &err))
        rc = cli_report(&err);
    else
        cli_say("已编卷号：%lld 年 %d 条记录（归档目录：fenxiao report archive %lld）", year, n, year);
    store_close(db);
    return rc;
}

int cmd_attach(struct cli *cli, int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "list"))
        return attach_list(cli, argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "number"))
        return attach_number(cli, argc, argv);
    if (argc != 4 || !archive_entity_label(argv[1]))
        return cli_usage("用法：fenxiao attach session|plan|funds|mark 编号 文件");
    long long id;
    if (cli_int("编号", argv[2], 1, INT64_MAX, &id))
        return FX_EINPUT;
    sqlite3 *db;
    int rc = cli_open(cli, STORE_WRITER, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    struct archive_item it;
    if (archive_attach(db, cli->db_path, argv[1], id, argv[3], &it, &err)) {
        rc = cli_report(&err);
    } else {
        printf("%lld\n", (long long)it.id);
        char name[512];
        text_sanitize(name, sizeof name, it.name);
        cli_say("已归档：附件 %lld《%s》（%lld 字节，SHA-256 %.12s…）挂在%s %lld 上", (long long)it.id, name,
                (long long)it.size, it.sha256, archive_entity_label(it.entity), id);
    }
    store_close(db);
    return rc;
}
