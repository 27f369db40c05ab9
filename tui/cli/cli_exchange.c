/* cli_exchange.c — `fenxiao import`, `export` and `merge`: data in and out of the ledger.
 * Per-line outcomes and exported rows go to stdout; summaries and refusals to stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "export.h"
#include "import.h"
#include "merge.h"
#include "outfile.h"
#include "render.h"
#include "report_more.h"
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
        } else if ((v = cli_opt(argc, argv, &i, "--sheet")) != NULL) {
            if (!*v)
                return cli_usage("--sheet 需要工作表的名称或序号");
            opt.sheet = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage("import：未知的参数 %s", argv[i]);
        } else if (opt.table < 0) {
            opt.table = import_table_parse(argv[i]);
            if (opt.table < 0)
                return cli_usage(
                    "import：不能导入“%s”，可导入 branches、members、teachers、venues、courses、attendance（出勤）、funds（经费）",
                    argv[i]);
        } else if (!file) {
            file = argv[i];
        } else {
            return cli_usage("import：多余的参数 %s", argv[i]);
        }
    }
    if (opt.table < 0 || !file)
        return cli_usage("用法：fenxiao import {branches|members|teachers|venues|courses|attendance} "
                         "文件（.csv、.xlsx、.xls） [--sheet 工作表] [--dry-run] [--create-branches] [--skip-bad] "
                         "[--map 列名=字段,…]");
    return cli_import_file(cli, file, &opt, verbose, NULL);
}

int cli_import_file(struct cli *cli, const char *file, struct import_options *opt, bool verbose,
                    struct import_result *counts)
{
    sqlite3 *db;
    /* A dry run writes nothing, so it need not keep other copies out. */
    int rc = cli_open(cli, opt->dry_run ? 0 : STORE_WRITER, &db);
    if (rc)
        return rc;
    struct import_result res;
    struct fx_error err;
    fx_clear(&err);
    opt->cfg = &cli->cfg;
    int code = import_run(db, file, opt, &res, &err);
    store_close(db);
    if (counts) {
        *counts = res;
        counts->lines = NULL;
        counts->nlines = counts->cap = 0;
    }
    return cli_import_report(opt, &res, code, &err, verbose);
}

int cli_import_report(const struct import_options *opt, struct import_result *res, int code, struct fx_error *err,
                      bool verbose)
{
    if (res->sheet[0]) {
        fprintf(stderr, "文件：%s，工作表“", res->encoding);
        print_clean(stderr, res->sheet);
        fputs("”；列：", stderr);
        print_clean(stderr, res->columns);
        fputc('\n', stderr);
    } else if (res->encoding[0]) {
        fprintf(stderr, "文件编码：%s；列：", res->encoding);
        print_clean(stderr, res->columns);
        fputc('\n', stderr);
    }
    /* Every line on a dry run, else what changed or was refused (--all: everything). */
    for (int i = 0; i < res->nlines; i++) {
        const struct import_line *l = &res->lines[i];
        if (!opt->dry_run && !verbose && l->outcome == IMPORT_UNCHANGED)
            continue;
        FILE *out = l->outcome == IMPORT_REFUSED && !opt->dry_run ? stderr : stdout;
        fprintf(out, "第%d行\t%s\t", l->line, import_line_label(l->outcome, opt, res));
        print_clean(out, l->what);
        if (l->message[0]) {
            fputc('\t', out);
            print_clean(out, l->message);
        }
        fputc('\n', out);
    }
    char summary[400];
    import_summary_line(opt, res, summary, sizeof summary);
    fprintf(stderr, "%s\n", summary);
    bool written = res->written;
    import_result_free(res);
    /* --skip-bad asked for the good rows: once they are written, the run succeeded (exit 0), and the lines
     * skipped are listed above and named in the summary. 3 would say nothing was written (fenxiao(1)). */
    if (code && written && opt->skip_bad) {
        cli_report(err);
        return 0;
    }
    if (code)
        return cli_report(err);
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
    int flags = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--force")) {
            flags |= OUTFILE_REPLACE;
        } else if ((v = cli_opt(argc, argv, &i, "--format")) != NULL) {
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
                return cli_usage(
                    "export：不能导出“%s”，可导出 branches、members、teachers、venues、courses、sessions、attendance、funds、plan",
                    argv[i]);
        } else {
            return cli_usage("export：多余的参数 %s", argv[i]);
        }
    }
    if (table < 0)
        return cli_usage("用法：fenxiao export {branches|members|teachers|venues|courses|sessions|attendance|funds|plan|problems|feedback} "
                         "[--format csv|xlsx] [-o 文件 [--force]]");
    if (!format) {
        size_t n = out ? strlen(out) : 0;
        format = n > 5 && !strcmp(out + n - 5, ".xlsx") ? "xlsx" : "csv";
    }
    if (!strcmp(format, "xlsx") && (!out || !strcmp(out, "-")))
        return cli_usage("导出 XLSX 需要用 -o 指定文件名");
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    int64_t rows = 0;
    if (out && strcmp(out, "-"))
        rc = export_file(db, table, format, out, flags, &rows, &err);
    else
        rc = export_csv(db, table, stdout, &rows, &err);
    store_close(db);
    if (rc)
        return cli_report(&err);
    if (out && strcmp(out, "-"))
        cli_say("已导出%s %lld 行：%s", export_table_label(table), (long long)rows, out);
    return 0;
}

static void merge_report(void *ctx, int entity, const char *uuid, const char *name, const char *target_at,
                         const char *input_at, const char *why)
{
    (void)ctx;
    /* uuid and timestamps come from the input file as much as the name does: all of it through the sanitiser. */
    cli_say("  %s “%s”（%s；汇总账本 %s，输入 %s）：%s", merge_entity_label(entity), name ? name : "", uuid ? uuid : "",
            target_at && *target_at ? target_at : "无", input_at ? input_at : "", why ? why : "");
}

/* --summary is `fenxiao report county P` (report_more.h): one model, so the
 * table after a merge and the county report, 八个一 column included, never disagree. */
static int print_summary(struct cli *cli, sqlite3 *db, const char *period, bool csv)
{
    struct fx_period p;
    struct fx_error err;
    fx_clear(&err);
    if (period_parse(period, &p, &err))
        return cli_usage("--summary：%s", err.msg);
    struct report *rep = malloc(sizeof *rep);
    if (!rep) {
        fprintf(stderr, "fenxiao: 内存不足\n");
        return fx_exit_status(FX_EINTERNAL);
    }
    int rc = report_county(db, &cli->cfg, &p, rep, &err);
    if (!rc)
        rc = csv ? render_csv(rep, stdout, true, &err) : render_text(rep, stdout, &err);
    if (!rc && fflush(stdout) != 0)
        rc = fx_fail(&err, FX_EFS, "写出失败（磁盘已满或管道关闭）");
    free(rep);
    return rc ? cli_report(&err) : 0;
}

/* Remove a ledger this run created, with its WAL, shared memory and journal. */
static void remove_ledger_files(const char *out)
{
    static const char *const side[] = {"", "-wal", "-shm", "-journal"};
    for (size_t k = 0; k < sizeof side / sizeof side[0]; k++) {
        char p[4200];
        snprintf(p, sizeof p, "%s%s", out, side[k]);
        unlink(p);
    }
}

int cmd_merge(struct cli *cli, int argc, char **argv)
{
    const char *out = NULL, *unit = NULL, *summary = NULL;
    bool csv = false;
    const char **inputs = calloc((size_t)argc, sizeof *inputs);
    int n = 0;
    if (!inputs)
        return FX_EINTERNAL;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "-o")) != NULL || (v = cli_opt(argc, argv, &i, "--output")) != NULL) {
            out = v;
        } else if ((v = cli_opt(argc, argv, &i, "--unit")) != NULL) {
            unit = v;
        } else if ((v = cli_opt(argc, argv, &i, "--summary")) != NULL) {
            summary = v;
        } else if ((v = cli_opt(argc, argv, &i, "--format")) != NULL) {
            if (strcmp(v, "csv") && strcmp(v, "text")) {
                rc = cli_usage("--format 应为 text 或 csv");
                goto done;
            }
            csv = !strcmp(v, "csv");
        } else if (argv[i][0] == '-' && argv[i][1]) {
            rc = cli_usage("merge：未知的参数 %s", argv[i]);
            goto done;
        } else {
            inputs[n++] = argv[i];
        }
    }
    if ((out && !*out) || (summary && !*summary) || (unit && !*unit)) {
        rc = cli_usage("merge：-o、--unit 和 --summary 都需要一个值");
        goto done;
    }
    if (n > 0 && !out) {
        rc = cli_usage("用法：fenxiao merge 账本… -o 汇总账本 [--unit 名称] [--summary 期间]");
        goto done;
    }
    if (n == 0 && !summary) {
        rc = cli_usage("用法：fenxiao merge 账本… -o 汇总账本 [--unit 名称] [--summary 期间]\n"
                       "      fenxiao [--db 账本] merge --summary 期间 [-o 汇总账本] [--format text|csv]");
        goto done;
    }
    for (int i = 0; i < n; i++) {
        if (same_file(inputs[i], out)) {
            rc = cli_usage("merge：%s 既是输入又是输出", inputs[i]);
            goto done;
        }
    }
    sqlite3 *db;
    struct fx_error err;
    fx_clear(&err);
    if (n == 0) {
        /* Only the table: of the county ledger given, else of --db (a township's own figures). */
        if (out) {
            if (store_open(out, STORE_READONLY, &db, &err)) {
                rc = cli_report(&err);
                goto done;
            }
        } else if ((rc = cli_open(cli, STORE_READONLY, &db)) != 0) {
            goto done;
        }
        rc = print_summary(cli, db, summary, csv);
        store_close(db);
        goto done;
    }
    struct stat before;
    bool made = lstat(out, &before) != 0; /* a county ledger this run creates */
    if (merge_open_target(out, unit, &db, &err)) {
        rc = cli_report(&err);
        /* Created but not filled in (a disk full while recording the county's unit): leave nothing behind. */
        if (made)
            remove_ledger_files(out);
        goto done;
    }
    int merged = 0;
    for (int i = 0; i < n && !rc; i++) {
        struct merge_result res;
        fx_clear(&err);
        if (merge_ledger(db, inputs[i], &res, merge_report, NULL, &err)) {
            rc = cli_report(&err);
            cli_say("fenxiao: %s 未合并；此前的文件已合并完毕", inputs[i]);
            break;
        }
        fprintf(stderr, "已合并 %s（", inputs[i]);
        print_clean(stderr, res.unit);
        fputs("）：", stderr);
        for (int e = MERGE_BRANCH; e < MERGE_NENTITIES; e++) {
            const struct merge_counts *c = &res.n[e];
            if (!c->added && !c->updated && !c->unchanged && !c->kept && !c->closed)
                continue;
            fprintf(stderr, "%s 新增 %lld", merge_entity_label(e), (long long)c->added);
            if (c->updated)
                fprintf(stderr, " 更新 %lld", (long long)c->updated);
            if (c->unchanged)
                fprintf(stderr, " 不变 %lld", (long long)c->unchanged);
            if (c->kept)
                fprintf(stderr, " 保留较新 %lld", (long long)c->kept);
            if (c->closed)
                fprintf(stderr, " 已交账跳过 %lld", (long long)c->closed);
            fputs("；", stderr);
        }
        if (res.n[MERGE_ATTACHMENT].added)
            fprintf(stderr, "附件文件复制 %lld 个；", (long long)res.files);
        if (res.refused)
            fprintf(stderr, "附件未合并 %lld（见上）；", (long long)res.refused);
        fprintf(stderr, "点名记录写入 %lld\n", (long long)res.attendance);
        merged++;
    }
    if (merged && made) /* a county ledger this run made, written once: its pages packed (store.h) */
        store_compact(db);
    if (!rc && summary)
        rc = print_summary(cli, db, summary, csv);
    store_close(db);
    if (rc && made && merged == 0)
        remove_ledger_files(out); /* nothing went into the county ledger this run made: leave no empty one */
done:
    free(inputs);
    return rc;
}
