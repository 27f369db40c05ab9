/* cli_report.c — `fenxiao report …`: the report models of core/report.h rendered as
 * text, CSV, XLSX or PDF, and printed through lp. The numbers all come from core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "branch.h"
#include "cli.h"
#include "outfile.h"
#include "render.h"
#include "report.h"
#include "report_menu.h"
#include "report_more.h"
#include "review.h"
#include "store.h"
#include "text.h"

enum out_format { OUT_TEXT, OUT_CSV, OUT_XLSX, OUT_PDF };

/* What every kind takes: where the report goes. */
static const struct cli_option report_common[] = {
    {"--format", NULL, "格式", "format", "text|csv|xlsx|pdf", 0, "输出格式（默认 text）"},
    {"-o", "--output", "文件", "file", NULL, CLI_OPT_FILE, "写到文件（text、csv 默认标准输出）"},
    {"--force", NULL, NULL, NULL, NULL, 0, "覆盖已有的文件"},
    {"--no-bom", NULL, NULL, NULL, NULL, 0, "CSV 不加 BOM"},
    {"--print", NULL, NULL, NULL, NULL, 0, "生成 PDF 并送打印机"},
    {"--printer", NULL, "打印机", "printer", NULL, 0, "用这台打印机（与 --print 一起用）"},
    {NULL, NULL, NULL, NULL, NULL, 0, NULL},
};

/* The options of report_kind.options and of a standard's period, as the command line spells them. */
static const struct cli_option report_below[] = {
    {"--below", NULL, NULL, NULL, NULL, 0, "只列学时未达标的党员"},
    {NULL, NULL, NULL, NULL, NULL, 0, NULL},
};
static const struct cli_option report_branch[] = {
    {"--branch", NULL, "党组织", "B", NULL, 0, "只列一个党组织"},
    {NULL, NULL, NULL, NULL, NULL, 0, NULL},
};
static const struct cli_option report_category[] = {
    {"--category", NULL, "内容类别", "C", NULL, 0, "只列一个内容类别"},
    {NULL, NULL, NULL, NULL, NULL, 0, NULL},
};
static const struct cli_option report_as_of[] = {
    {"--as-of", NULL, "日期", "DATE", NULL, 0, "截至这一天（默认今天）"},
    {"--draft-problems", NULL, NULL, NULL, NULL, 0, "把每个落后项记为问题清单的草稿（来源 查账），不重复添加"},
    {NULL, NULL, NULL, NULL, NULL, 0, NULL},
};
static const struct cli_option report_std_period[] = {
    {"--period", NULL, "期间", "P", NULL, 0, "检查的期间（默认标准的本期）"},
    {NULL, NULL, NULL, NULL, NULL, 0, NULL},
};

static const struct cli_option report_sheet_opts[] = {
    {"--period", NULL, "期间", "P", NULL, 0, "评分的期间（默认标准的本期）"},
    {"--unit", NULL, "单位", "NAME", NULL, 0, "县级合并账本中的一个镇街分校"},
    {NULL, NULL, NULL, NULL, NULL, 0, NULL},
};

static const struct cli_option report_sheet_county_opts[] = {
    {"--period", NULL, "期间", "P", NULL, 0, "评分的期间（默认标准的本期）"},
    {NULL, NULL, NULL, NULL, NULL, 0, NULL},
};

bool cli_report_form(int i, struct cli_form *out)
{
    if (i < 0 || i >= REPORT_NKINDS)
        return false;
    const struct report_kind *k = &report_kinds[i];
    static const char *const fixed[] = {
        [PERIOD_YEAR] = "[年]", [PERIOD_HALF] = "[年-H半年]", [PERIOD_QUARTER] = "[年-Q季]", [PERIOD_MONTH] = "[年-月]"};
    static const char *const fixed_en[] = {[PERIOD_YEAR] = "[YYYY]",
                                           [PERIOD_HALF] = "[YYYY-Hn]",
                                           [PERIOD_QUARTER] = "[YYYY-Qn]",
                                           [PERIOD_MONTH] = "[YYYY-MM]"};
    *out = (struct cli_form){.word = k->name, .summary = k->label, .values = "", .common = report_common};
    switch (k->period_rule) {
    case REPORT_PERIOD_FIXED:
        out->args = fixed[k->period_kind];
        out->args_en = fixed_en[k->period_kind];
        break;
    case REPORT_PERIOD_ANY: out->args = "[期间]", out->args_en = "[P]"; break;
    case REPORT_PERIOD_OPTIONAL: out->args = "[期间]", out->args_en = "[P]"; break;
    case REPORT_PERIOD_STANDARD:
        out->args = "[标准]", out->args_en = "[standard]";
        out->options = report_std_period;
        break;
    default: out->args = out->args_en = ""; break;
    }
    if (k->options & REPORT_OPT_BELOW)
        out->options = report_below;
    else if (k->options & REPORT_OPT_BRANCH)
        out->options = report_branch;
    else if (k->options & REPORT_OPT_CATEGORY)
        out->options = report_category;
    else if (k->options & REPORT_OPT_UNIT)
        out->options = report_sheet_opts;
    else if (k->options & REPORT_OPT_AS_OF)
        out->options = report_as_of;
    else if (k == &report_kinds[REPORT_SHEET_COUNTY])
        out->options = report_sheet_county_opts;
    return true;
}

/* "用法：fenxiao report month 年-月 | …": the kinds and the options they share, from the tables. */
static int usage_error(const char *head)
{
    char line[2048];
    size_t n = (size_t)snprintf(line, sizeof line, "用法：fenxiao report");
    struct cli_form f;
    for (int i = 0; cli_report_form(i, &f) && n < sizeof line; i++) {
        n += (size_t)snprintf(line + n, sizeof line - n, "%s %s%s%s", i ? "\n                   |" : "", f.word,
                              f.args[0] ? " " : "", f.args);
        for (const struct cli_option *o = f.options; o && o->name && n < sizeof line; o++)
            n += (size_t)snprintf(line + n, sizeof line - n, " [%s%s%s]", o->name, o->arg ? " " : "",
                                  o->arg ? o->arg : "");
    }
    for (const struct cli_option *o = report_common; o->name && n < sizeof line; o++)
        n += (size_t)snprintf(line + n, sizeof line - n, "%s[%s%s%s]",
                              o == report_common ? "\n                    " : " ", o->name,
                              o->values || o->arg ? " " : "",
                              o->values ? o->values
                              : o->arg  ? o->arg
                                        : "");
    return cli_usage("%s%s%s", head ? head : "", head ? "\n" : "", line);
}

static int parse_period(const char *what, const char *arg, int want, struct fx_period *p)
{
    struct fx_error err;
    fx_clear(&err);
    if (!arg) {
        /* No period: the current one of the kind asked for (this month for a kind that
         * takes any), as of today (FENXIAO_TODAY in tests). */
        struct fx_date t;
        date_today(&t);
        int kind = want >= 0 ? want : PERIOD_MONTH;
        int index = kind == PERIOD_MONTH     ? t.m
                    : kind == PERIOD_QUARTER ? (t.m - 1) / 3 + 1
                    : kind == PERIOD_HALF    ? (t.m - 1) / 6 + 1
                                             : 0;
        period_make(kind, t.y, index, p);
        return 0;
    }
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

/* report review YEAR --draft-problems: the items behind as draft problems, one transaction (review.c). */
static int draft_problems(struct cli *cli, int year, const char *as_of_arg)
{
    char as_of[11];
    if (as_of_arg)
        text_copy(as_of, sizeof as_of, as_of_arg);
    else {
        struct fx_date today;
        date_today(&today);
        date_format(&today, as_of);
    }
    sqlite3 *db;
    int rc = cli_open(cli, STORE_WRITER, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    int behind = 0, added = 0, skipped = 0;
    if (review_draft_year(db, &cli->cfg, cli->config_path, year, as_of, &behind, &added, &skipped, &err))
        rc = cli_report(&err);
    else
        printf("查账（%d年，截至%s）落后项 %d 项：新记问题 %d 个，跳过 %d 个（已有未整改完成的查账问题）\n", year,
               as_of, behind, added, skipped);
    store_close(db);
    return rc;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
    if (argc < 2)
        return usage_error(NULL);
    const char *name = argv[1];
    const struct report_kind *kind = report_kind_find(name);
    if (!kind) {
        char head[300];
        snprintf(head, sizeof head, "未知的报表：%s", name);
        return usage_error(head);
    }
    /* A kind takes a period word unless it has none or its standard's --period says it. */
    bool positional_period = kind->period_rule != REPORT_PERIOD_NONE && kind->period_rule != REPORT_PERIOD_STANDARD;

    const char *period_arg = NULL, *out_path = NULL, *printer = NULL, *branch = NULL, *standard = NULL;
    const char *category = NULL, *unit = NULL;
    char as_of[11] = "";
    int format = OUT_TEXT;
    bool format_given = false, below = false, print = false, bom = true, force = false, draft = false;
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
        } else if ((kind->options & REPORT_OPT_UNIT) && (v = cli_opt(argc, argv, &i, "--unit")) != NULL) {
            if (!*v)
                return cli_usage("--unit 需要单位（镇街分校）的名称");
            unit = v;
        } else if ((kind->options & REPORT_OPT_AS_OF) && (v = cli_opt(argc, argv, &i, "--as-of")) != NULL) {
            struct fx_error derr;
            if (date_normalize(v, as_of, &derr))
                return cli_usage("--as-of 应为日期，例如 2026-12-05：%s", v);
        } else if ((kind->options & REPORT_OPT_AS_OF) && !strcmp(argv[i], "--draft-problems")) {
            draft = true;
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
    /* Without --format, a file named .pdf, .xlsx or .csv gets that format: a secretary who asks for 月报.pdf
     * expects a PDF, not text under a PDF's name. */
    if (!format_given && !print && out_path) {
        const char *dot = strrchr(out_path, '.');
        if (dot && !strchr(dot, '/')) {
            if (!strcasecmp(dot, ".pdf"))
                format = OUT_PDF;
            else if (!strcasecmp(dot, ".xlsx"))
                format = OUT_XLSX;
            else if (!strcasecmp(dot, ".csv"))
                format = OUT_CSV;
        }
    }
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
    req.unit = unit;
    req.as_of = as_of[0] ? as_of : NULL;
    int rc;
    /* A period word is checked before the ledger is opened: a typo is a usage error. */
    if (positional_period && (period_arg || kind->period_rule != REPORT_PERIOD_OPTIONAL)) {
        int want = kind->period_rule == REPORT_PERIOD_FIXED ? kind->period_kind : -1;
        if ((rc = parse_period(name, period_arg, want, &req.period)) != 0)
            return rc;
        req.has_period = true;
    }

    if (draft && (format_given || out_path || print))
        return cli_usage("--draft-problems 只记问题，不输出报表；请不要同时指定 --format、-o 或 --print");
    if (draft)
        return draft_problems(cli, req.period.year, req.as_of);

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
    if (branch && branch_find(db, branch, &req.branch_id, &err)) {
        rc = cli_report(&err);
        goto out;
    }
    /* checklist [STANDARD] [--period P]: the standard by id, name or file, over P or its current period. */
    if (kind->options & REPORT_OPT_STANDARD) {
        /* sheet, sheet-county without a standard: the first scored standard installed (the county's own rating). */
        char fallback[64] = "bageyi";
        if (!standard && (kind == &report_kinds[REPORT_SHEET] || kind == &report_kinds[REPORT_SHEET_COUNTY]) &&
            !report_load_standards(cli->config_path, &stds, &err)) {
            for (int i = stds.n - 1; i >= 0; i--)
                if (stds.std[i].scored)
                    snprintf(fallback, sizeof fallback, "%s", stds.std[i].id);
            standard_list_free(&stds);
            memset(&stds, 0, sizeof stds);
        }
        if (find_standard(cli, standard ? standard : fallback, &stds, &one, &req.std, &err) ||
            (period_arg && period_parse(period_arg, &req.period, &err))) {
            rc = cli_report(&err);
            goto out;
        }
        req.has_period = period_arg != NULL;
    }
    if ((kind->options & REPORT_OPT_AS_OF) && report_load_standards(cli->config_path, &stds, &err)) {
        rc = cli_report(&err);
        goto out;
    }
    req.stds = &stds;
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

    /* Files: -o, else the report's title (what it holds) in the documents folder (paths_output_dir),
     * shown after writing; a PDF only for printing goes to the print directory instead. An existing
     * file is replaced only with --force, and never the ledger or a backup. */
    static const enum render_format as[] = {RENDER_TEXT, RENDER_CSV, RENDER_XLSX, RENDER_PDF};
    if (out_path)
        snprintf(path, sizeof path, "%s", out_path);
    else if (print && render_print_path(rep, path, sizeof path, &err)) {
        rc = cli_report(&err);
        goto out;
    } else if (!print && render_default_path(rep, as[format], path, sizeof path, &err)) {
        rc = cli_report(&err);
        goto out;
    }
    if (render_file(rep, as[format], path, force ? OUTFILE_REPLACE : 0, bom, &err)) {
        rc = cli_report(&err);
        goto out;
    }
    if (!print) {
        fprintf(stderr, "已写出：%s\n", path);
        if (kind == &report_kinds[REPORT_DIRECTORY]) /* the paper says it in words; here is the command */
            fprintf(stderr,
                    "提示：印发后可标记“八个一”第2项：fenxiao mark bageyi 2 --period 年份 --note \"印发日期、份数\"\n");
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
