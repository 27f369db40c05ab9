/* cli_report.c — `fenxiao report …`: the report models of core/report.h rendered as
 * text, CSV, XLSX or PDF, and printed through lp. The numbers all come from core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "branch.h"
#include "cli.h"
#include "outfile.h"
#include "render.h"
#include "report.h"
#include "report_menu.h"
#include "report_more.h"
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

/* The month summary's footnote “八个一”完成 x/8: a standard that cannot be
 * read leaves the note out rather than the report (`fenxiao check` says why). */
static void note_checklist(struct cli *cli, struct report *rep)
{
    struct std_list l;
    struct fx_error err;
    fx_clear(&err);
    if (report_load_standards(cli->config_path, &l, &err) == 0) {
        const struct standard *std = standard_find(&l, "bageyi");
        if (std)
            report_note_checklist(rep, std, &err);
    }
    standard_list_free(&l);
}

/* checklist [STANDARD] [--period P]: the standard by id, name or file, over P
 * or the standard's current period. */
static int build_checklist(struct cli *cli, sqlite3 *db, const char *name, const char *period_arg, struct report *rep,
                           struct fx_error *err)
{
    struct std_list l;
    struct standard one;
    memset(&one, 0, sizeof one);
    const struct standard *std = NULL;
    int rc;
    size_t n = strlen(name);
    if (strchr(name, '/') || (n > 4 && !strcmp(name + n - 4, ".ini"))) {
        memset(&l, 0, sizeof l);
        if ((rc = standard_load(name, &one, err)) == 0)
            std = &one;
    } else if ((rc = report_load_standards(cli->config_path, &l, err)) == 0) {
        if (!(std = standard_find(&l, name)))
            rc = fx_fail(err, FX_EINPUT,
                         "找不到标准“%s”（或者不止一个标准与它相符）；fenxiao standards 列出已安装的标准", name);
    }
    if (!rc) {
        struct fx_period p;
        if (period_arg)
            rc = period_parse(period_arg, &p, err);
        else
            standard_current_period(std, &p);
        if (!rc)
            rc = report_checklist(db, &cli->cfg, std, &p, rep, err);
    }
    standard_free(&one);
    standard_list_free(&l);
    return rc;
}

/* Build the model the command asks for. */
static int build(struct cli *cli, sqlite3 *db, const char *kind, const struct fx_period *p, bool have_period,
                 bool below, struct report *rep, struct fx_error *err)
{
    const struct fx_config *cfg = &cli->cfg;
    if (!strcmp(kind, "month") || !strcmp(kind, "quarter") || !strcmp(kind, "year")) {
        int rc = report_summary(db, cfg, p, rep, err);
        if (!rc && p->kind == PERIOD_MONTH)
            note_checklist(cli, rep);
        return rc;
    }
    if (!strcmp(kind, "county"))
        return report_county(db, cfg, p, rep, err);
    if (!strcmp(kind, "hours"))
        return report_hours(db, cfg, p->year, below, rep, err);
    if (!strcmp(kind, "branches"))
        return report_branches(db, cfg, p, rep, err);
    if (!strcmp(kind, "categories"))
        return report_categories(db, cfg, p, rep, err);
    if (!strcmp(kind, "teachers"))
        return report_teachers(db, cfg, p, rep, err);
    return report_orders(db, cfg, have_period ? p : NULL, rep, err);
}

static int write_stream(const struct report *rep, int format, bool bom, FILE *out, struct fx_error *err)
{
    return format == OUT_CSV ? render_csv(rep, out, bom, err) : render_text(rep, out, err);
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("%s", report_usage);
    const char *kind = argv[1];
    static const char *kinds[] = {"month",    "quarter", "year",      "hours",     "branches", "categories",
                                  "teachers", "orders",  "directory", "checklist", "county",   "menu"};
    int k = -1;
    for (int i = 0; i < 12; i++)
        if (!strcmp(kind, kinds[i]))
            k = i;
    if (k < 0)
        return cli_usage("未知的报表：%s\n%s", kind, report_usage);

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
        } else if (!strcmp(argv[i], "--below") && k == 3) {
            below = true;
        } else if (k == 8 && (v = cli_opt(argc, argv, &i, "--branch")) != NULL) {
            if (!*v)
                return cli_usage("--branch 需要党组织的名称或编号");
            branch = v;
        } else if (k == 11 && (v = cli_opt(argc, argv, &i, "--category")) != NULL) {
            if (!*v)
                return cli_usage("--category 需要内容类别，例如 革命传统教育");
            category = v;
        } else if (k == 9 && (v = cli_opt(argc, argv, &i, "--period")) != NULL) {
            period_arg = v;
        } else if (k == 9 && argv[i][0] != '-' && !standard) {
            standard = argv[i];
        } else if (!strcmp(argv[i], "--no-bom")) {
            bom = false;
        } else if (argv[i][0] != '-' && !period_arg && k != 8 && k != 9 && k != 11) {
            period_arg = argv[i];
        } else {
            return cli_usage("report %s：未知的参数 %s", kind, argv[i]);
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

    struct fx_period p;
    memset(&p, 0, sizeof p);
    static const int want[] = {PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR, PERIOD_YEAR, -1, -1, -1, -1, -1, -1, -1, -1};
    int rc;
    /* orders: the period is optional; directory and checklist read theirs themselves; a menu has none. */
    if ((k != 7 || period_arg) && k != 8 && k != 9 && k != 11)
        if ((rc = parse_period(kind, period_arg, want[k], &p)) != 0)
            return rc;

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
    int64_t branch_id = 0;
    if (branch && branch_find(db, branch, &branch_id, &err)) {
        rc = cli_report(&err);
        goto out;
    }
    if (k == 8    ? report_directory(db, &cli->cfg, branch_id, rep, &err)
        : k == 9  ? build_checklist(cli, db, standard ? standard : "bageyi", period_arg, rep, &err)
        : k == 11 ? report_menu(db, &cli->cfg, category ? category : "", rep, &err)
                  : build(cli, db, kind, &p, period_arg != NULL, below, rep, &err)) {
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
    free(rep);
    store_close(db);
    return rc;
}
