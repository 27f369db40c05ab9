/* cli_report.c — `fenxiao report …`: the report models of core/report.h rendered as
 * text, CSV, XLSX or PDF, and printed through lp. The numbers all come from core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "render.h"
#include "report.h"
#include "report_menu.h"
#include "report_more.h"
#include "roster.h"
#include "store.h"
#include "text.h"

enum out_format { OUT_TEXT, OUT_CSV, OUT_XLSX, OUT_PDF };

static const char report_usage[] =
    "用法：fenxiao report month 年-月 | quarter 年-Q季 | year 年 | hours 年 [--below]\n"
    "                    | branches 期间 | categories 期间 | teachers 期间 | orders [期间]\n"
    "                    | directory [--branch 党组织] | checklist [标准] [--period 期间] | county 期间\n"
    "                    | menu [--category 内容类别]\n"
    "                    [--format text|csv|xlsx|pdf] [-o 文件 [--force]] [--no-bom] [--print [--printer 打印机]]";

static int parse_period(const char *what, const char *arg, int want, struct fx_period *p)
{
    struct fx_error err;
    fx_clear(&err);
    if (!arg)
        return cli_usage("report %s 需要期间\n%s", what, report_usage);
    if (period_parse(arg, p, &err) || (want >= 0 && p->kind != want)) {
        static const char *examples[] = {"2024", "2024-H1", "2024-Q1", "2024-03"};
        return cli_usage("report %s：期间应形如 %s，而不是“%s”", what,
                         want >= 0 ? examples[want] : "2024、2024-Q1 或 2024-03", arg);
    }
    return 0;
}

/* The standard a checklist names: by id, name or file. *one holds a standard
 * read from a file, *l the installed ones; the caller frees both. */
static int find_standard(struct cli *cli, const char *name, struct std_list *l, struct standard *one,
                         const struct standard **std, struct fx_error *err)
{
    size_t n = strlen(name);
    if (strchr(name, '/') || (n > 4 && !strcmp(name + n - 4, ".ini"))) {
        int rc = standard_load(name, one, err);
        if (!rc)
            *std = one;
        return rc;
    }
    int rc = report_load_standards(cli->config_path, l, err);
    if (!rc && !(*std = standard_find(l, name)))
        rc = fx_fail(err, FX_EINPUT, "找不到标准“%s”（或者不止一个标准与它相符）；fenxiao standards 列出已安装的标准",
                     name);
    return rc;
}

static int write_stream(const struct report *rep, int format, bool bom, FILE *out, struct fx_error *err)
{
    return format == OUT_CSV ? render_csv(rep, out, bom, err) : render_text(rep, out, err);
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("%s", report_usage);
    const char *name = argv[1];
    const struct report_kind *kind = report_kind_find(name);
    if (!kind)
        return cli_usage("未知的报表：%s\n%s", name, report_usage);
    /* A kind takes a period word unless it has none or its standard's --period says it. */
    bool positional_period = kind->period_rule != REPORT_PERIOD_NONE && kind->period_rule != REPORT_PERIOD_STANDARD;

    const char *period_arg = NULL, *out_path = NULL, *printer = NULL, *branch = NULL, *standard = NULL;
    const char *category = NULL;
    int format = OUT_TEXT;
    bool format_given = false, below = false, print = false, bom = true, force = false;
    for (int i = 2; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--format")) != NULL) {
            if (!strcmp(v, "text"))
                format = OUT_TEXT;
            else if (!strcmp(v, "csv"))
                format = OUT_CSV;
            else if (!strcmp(v, "xlsx"))
                format = OUT_XLSX;
            else if (!strcmp(v, "pdf"))
                format = OUT_PDF;
            else
                return cli_usage("--format 应为 text、csv、xlsx 或 pdf，而不是“%s”", v);
            format_given = true;
        } else if ((v = cli_opt(argc, argv, &i, "-o")) != NULL || (v = cli_opt(argc, argv, &i, "--output")) != NULL) {
            if (!*v)
                return cli_usage("-o 需要一个文件名");
            out_path = v;
        } else if ((v = cli_opt(argc, argv, &i, "--printer")) != NULL) {
            if (!*v)
                return cli_usage("--printer 需要打印机名称");
            printer = v;
        } else if (!strcmp(argv[i], "--force")) {
            force = true;
        } else if (!strcmp(argv[i], "--print")) {
            print = true;
        } else if ((kind->options & REPORT_OPT_BELOW) && !strcmp(argv[i], "--below")) {
            below = true;
        } else if ((kind->options & REPORT_OPT_BRANCH) && (v = cli_opt(argc, argv, &i, "--branch")) != NULL) {
            if (!*v)
                return cli_usage("--branch 需要党组织的名称或编号");
            branch = v;
        } else if ((kind->options & REPORT_OPT_CATEGORY) && (v = cli_opt(argc, argv, &i, "--category")) != NULL) {
            if (!*v)
                return cli_usage("--category 需要内容类别，例如 革命传统教育");
            category = v;
        } else if (kind->period_rule == REPORT_PERIOD_STANDARD && (v = cli_opt(argc, argv, &i, "--period")) != NULL) {
            period_arg = v;
        } else if ((kind->options & REPORT_OPT_STANDARD) && argv[i][0] != '-' && !standard) {
            standard = argv[i];
        } else if (!strcmp(argv[i], "--no-bom")) {
            bom = false;
        } else if (argv[i][0] != '-' && !period_arg && positional_period) {
            period_arg = argv[i];
        } else {
            return cli_usage("report %s：未知的参数 %s", name, argv[i]);
        }
    }
    if (printer && !print)
        return cli_usage("--printer 要和 --print 一起用");
    if (print) {
        if (format_given && format != OUT_PDF)
            return cli_usage("--print 打印的是 PDF；请不要同时指定 --format %s", format == OUT_CSV    ? "csv"
                                                                                 : format == OUT_XLSX ? "xlsx"
                                                                                                      : "text");
        format = OUT_PDF;
    }

    struct report_request req;
    memset(&req, 0, sizeof req);
    req.below = below;
    req.category = category;
    int rc;
    /* A period word is checked before the ledger is opened: a typo is a usage error. */
    if (positional_period && (period_arg || kind->period_rule != REPORT_PERIOD_OPTIONAL)) {
        int want = kind->period_rule == REPORT_PERIOD_FIXED ? kind->period_kind : -1;
        if ((rc = parse_period(name, period_arg, want, &req.period)) != 0)
            return rc;
        req.has_period = true;
    }

    sqlite3 *db;
    if ((rc = cli_open(cli, STORE_READONLY, &db)) != 0)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    struct report *rep = malloc(sizeof *rep);
    if (!rep) {
        store_close(db);
        fprintf(stderr, "fenxiao: 内存不足\n");
        return fx_exit_status(FX_EINTERNAL);
    }
    char path[4096] = "";
    struct std_list stds;
    struct standard one;
    memset(&stds, 0, sizeof stds);
    memset(&one, 0, sizeof one);
    if (branch && roster_find_branch(db, branch, &req.branch_id, &err)) {
        rc = cli_report(&err);
        goto out;
    }
    /* checklist [STANDARD] [--period P]: the standard by id, name or file, over P or its current period. */
    if (kind->options & REPORT_OPT_STANDARD) {
        if (find_standard(cli, standard ? standard : "bageyi", &stds, &one, &req.std, &err) ||
            (period_arg && period_parse(period_arg, &req.period, &err))) {
            rc = cli_report(&err);
            goto out;
        }
        req.has_period = period_arg != NULL;
    }
    if (report_build(db, &cli->cfg, kind, &req, rep, &err)) {
        rc = cli_report(&err);
        goto out;
    }
    /* Text and CSV go to stdout unless -o names a file ("-" is stdout too). */
    if ((format == OUT_TEXT || format == OUT_CSV) && (!out_path || !strcmp(out_path, "-"))) {
        rc = write_stream(rep, format, bom, stdout, &err);
        if (!rc && fflush(stdout) != 0)
            rc = fx_fail(&err, FX_EFS, "写出报表失败（管道已关闭或磁盘已满）");
        if (rc)
            rc = cli_report(&err);
        goto out;
    }

    /* Files: -o, else <kind>-<period>.xlsx|pdf in the current directory; a PDF
     * only for printing goes to the print directory instead. An existing file
     * is replaced only with --force, and never the ledger or a backup. */
    static const char *const ext[] = {"txt", "csv", "xlsx", "pdf"};
    if (out_path)
        snprintf(path, sizeof path, "%s", out_path);
    else if (print && render_print_path(rep, path, sizeof path, &err)) {
        rc = cli_report(&err);
        goto out;
    } else if (!print)
        snprintf(path, sizeof path, "%s.%s", rep->slug, ext[format]);
    static const enum render_format as[] = {RENDER_TEXT, RENDER_CSV, RENDER_XLSX, RENDER_PDF};
    if (render_file(rep, as[format], path, force ? OUTFILE_REPLACE : 0, bom, &err)) {
        rc = cli_report(&err);
        goto out;
    }
    if (!print) {
        fprintf(stderr, "已写出：%s\n", path);
        goto out;
    }
    if (!printer && cli->cfg.printer[0])
        printer = cli->cfg.printer;
    if (render_print(path, printer, &err)) {
        rc = cli_report(&err);
        goto out;
    }
    fprintf(stderr, "已送打印机%s%s%s：%s\n", printer ? "（" : "", printer ? printer : "", printer ? "）" : "", path);
out:
    standard_free(&one);
    standard_list_free(&stds);
    free(rep);
    store_close(db);
    return rc;
}
