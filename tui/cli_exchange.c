/* cli_exchange.c — `fenxiao import`, `export` and `merge`: data in and out of the ledger.
 * Per-line outcomes and exported rows go to stdout; summaries and refusals to stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "export.h"
#include "import.h"
#include "store.h"
#include "text.h"

static void print_clean(FILE *f, const char *s)
{
    char buf[1024];
    text_sanitize(buf, sizeof buf, s);
    fputs(buf, f);
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
    struct import_options opt;
    memset(&opt, 0, sizeof opt);
    opt.table = -1;
    const char *file = NULL;
    bool verbose = false;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--dry-run") || !strcmp(argv[i], "-n")) {
            opt.dry_run = true;
        } else if (!strcmp(argv[i], "--create-branches")) {
            opt.create_branches = true;
        } else if (!strcmp(argv[i], "--skip-bad")) {
            opt.skip_bad = true;
        } else if (!strcmp(argv[i], "--all") || !strcmp(argv[i], "-v")) {
            verbose = true;
        } else if ((v = cli_opt(argc, argv, &i, "--map")) != NULL) {
            if (!*v)
                return cli_usage("--map 需要“列名=字段,…”");
            opt.map = v;
        } else if ((v = cli_opt(argc, argv, &i, "--rules")) != NULL) {
            opt.rules_path = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage("import：未知的参数 %s", argv[i]);
        } else if (opt.table < 0) {
            opt.table = import_table_parse(argv[i]);
            if (opt.table < 0)
                return cli_usage("import：不能导入“%s”，可导入 branches、members、teachers、venues、courses", argv[i]);
        } else if (!file) {
            file = argv[i];
        } else {
            return cli_usage("import：多余的参数 %s", argv[i]);
        }
    }
    if (opt.table < 0 || !file)
        return cli_usage("用法：fenxiao import {branches|members|teachers|venues|courses} 文件.csv "
                         "[--dry-run] [--create-branches] [--skip-bad] [--map 列名=字段,…]");
    sqlite3 *db;
    /* A dry run writes nothing, so it need not keep other copies out. */
    int rc = cli_open(cli, opt.dry_run ? 0 : STORE_WRITER, &db);
    if (rc)
        return rc;
    struct import_result res;
    struct fx_error err;
    fx_clear(&err);
    int code = import_run(db, file, &opt, &res, &err);
    store_close(db);
    if (res.encoding[0]) {
        fprintf(stderr, "文件编码：%s；列：", res.encoding);
        print_clean(stderr, res.columns);
        fputc('\n', stderr);
    }
    /* Every line on a dry run, else what changed or was refused (--all: everything). */
    for (int i = 0; i < res.nlines; i++) {
        const struct import_line *l = &res.lines[i];
        if (!opt.dry_run && !verbose && l->outcome == IMPORT_UNCHANGED)
            continue;
        FILE *out = l->outcome == IMPORT_REFUSED && !opt.dry_run ? stderr : stdout;
        fprintf(out, "第%d行\t%s\t", l->line, import_outcome_label(l->outcome));
        print_clean(out, l->what);
        if (l->message[0]) {
            fputc('\t', out);
            print_clean(out, l->message);
        }
        fputc('\n', out);
    }
    fprintf(stderr, "%s%s：新增 %d，修改 %d，不变 %d，拒绝 %d", opt.dry_run ? "试运行（未写入）" : res.written ? "已导入" : "未导入",
            import_table_label(opt.table), res.added, res.updated, res.unchanged, res.refused);
    if (res.branches_created)
        fprintf(stderr, "；新建党组织 %d", res.branches_created);
    fputc('\n', stderr);
    import_result_free(&res);
    if (code)
        return cli_report(&err);
    return 0;
}

/* Same file, by device and inode: an export must never overwrite the ledger. */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
    int table = -1;
    const char *format = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--format")) != NULL) {
            if (strcmp(v, "csv") && strcmp(v, "xlsx"))
                return cli_usage("--format 应为 csv 或 xlsx");
            format = v;
        } else if ((v = cli_opt(argc, argv, &i, "-o")) != NULL || (v = cli_opt(argc, argv, &i, "--output")) != NULL) {
            if (!*v)
                return cli_usage("-o 需要一个文件名");
            out = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage("export：未知的参数 %s", argv[i]);
        } else if (table < 0) {
            table = export_table_parse(argv[i]);
            if (table < 0)
                return cli_usage("export：不能导出“%s”，可导出 branches、members、teachers、venues、courses、sessions、attendance",
                                 argv[i]);
        } else {
            return cli_usage("export：多余的参数 %s", argv[i]);
        }
    }
    if (table < 0)
        return cli_usage("用法：fenxiao export {branches|members|teachers|venues|courses|sessions|attendance} "
                         "[--format csv|xlsx] [-o 文件]");
    if (!format) {
        size_t n = out ? strlen(out) : 0;
        format = n > 5 && !strcmp(out + n - 5, ".xlsx") ? "xlsx" : "csv";
    }
    if (!strcmp(format, "xlsx") && (!out || !strcmp(out, "-")))
        return cli_usage("导出 XLSX 需要用 -o 指定文件名");
    if (out && same_file(out, cli->db_path))
        return cli_usage("-o 指向的是账本文件本身，不能覆盖");
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    int64_t rows = 0;
    if (out && strcmp(out, "-"))
        rc = export_file(db, table, format, out, &rows, &err);
    else
        rc = export_csv(db, table, stdout, &rows, &err);
    store_close(db);
    if (rc)
        return cli_report(&err);
    if (out && strcmp(out, "-"))
        fprintf(stderr, "已导出%s %lld 行：%s\n", export_table_label(table), (long long)rows, out);
    return 0;
}
