/* cli_plan.c — `fenxiao plan import|list|link` and `fenxiao open-year`: the year's training plan and 建账 from
 * scripts. Every figure comes from core/plan.c (plan_progress, plan_check_standard). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "import.h"
#include "outfile.h"
#include "plan.h"
#include "render.h"
#include "report.h"
#include "standard.h"
#include "store.h"
#include "text.h"

static int this_year(void)
{
    struct fx_date d;
    date_today(&d);
    return d.y;
}

static int plan_import_cmd(struct cli *cli, int argc, char **argv)
{
    struct import_options opt;
    memset(&opt, 0, sizeof opt);
    opt.table = IMPORT_PLAN;
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--dry-run") || !strcmp(argv[i], "-n")) {
            opt.dry_run = true;
        } else if ((v = cli_opt(argc, argv, &i, "--year")) != NULL) {
            long long y;
            if (cli_int("--year", v, 1900, 2999, &y))
                return FX_EINPUT;
            opt.year = (int)y;
        } else if ((v = cli_opt(argc, argv, &i, "--sheet")) != NULL) {
            if (!*v)
                return cli_usage("--sheet 需要工作表的名称或序号");
            opt.sheet = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage("plan import：未知的参数 %s", argv[i]);
        } else if (!file) {
            file = argv[i];
        } else {
            return cli_usage("plan import：多余的参数 %s", argv[i]);
        }
    }
    if (!file)
        return cli_usage("用法：fenxiao plan import 文件（.csv、.xlsx、.xls） [--year 年份] [--dry-run] [--sheet 工作表]");
    if (!opt.year)
        opt.year = this_year();
    struct import_result res;
    int rc = cli_import_file(cli, file, &opt, false, &res);
    if (!rc && res.written)
        cli_say("%d 年计划：已有的培训记录中 %d 条按“同月、同类型、同内容类别”自动关联到新的计划项目", opt.year,
                res.plan_linked);
    return rc;
}

struct list_out {
    bool csv;
    struct csv_out out;
};

static void format_rate(const struct plan_tally *t, char *out, size_t outsz)
{
    if (t->planned > 0)
        text_format(out, outsz, "%.1f%%", plan_rate(t) * 100.0);
    else
        text_copy(out, outsz, "—");
}

/* The csv's one table: item rows (范围 项目), then one row per month with items and the year (范围 月份/全年). */
static void csv_tally(struct csv_out *o, const char *scope, const char *month, const struct plan_tally *t)
{
    char rate[32];
    format_rate(t, rate, sizeof rate);
    csv_text(o, scope);
    for (int i = 0; i < 11; i++)
        csv_text(o, i == 1 ? month : "");
    csv_int(o, t->planned);
    csv_int(o, t->done);
    csv_int(o, t->overdue);
    csv_int(o, t->pending);
    csv_text(o, rate);
    csv_end_row(o);
}

static void list_csv(const struct plan_progress *p)
{
    struct csv_out o;
    csv_begin(&o, stdout, true);
    static const char *head[] = {"范围", "编号", "月份", "标题", "内容类别", "类型", "学时", "参训对象", "负责人",
                                 "状态", "培训记录", "培训日期", "计划", "已完成", "逾期", "未到期", "完成率"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        csv_text(&o, head[i]);
    csv_end_row(&o);
    for (int i = 0; i < p->nrows; i++) {
        const struct plan_row *r = &p->rows[i];
        char months[32], hours[32];
        plan_format_months(r->item.month_first, r->item.month_last, months, sizeof months);
        text_format(hours, sizeof hours, "%g", r->item.hours);
        csv_text(&o, "项目");
        csv_int(&o, r->item.id);
        csv_text(&o, months);
        csv_text(&o, r->item.title);
        csv_text(&o, r->item.category);
        csv_text(&o, r->item.kind);
        csv_text(&o, hours);
        csv_text(&o, r->item.target);
        csv_text(&o, r->item.responsible);
        csv_text(&o, plan_state_label(r->state));
        if (r->session_id)
            csv_int(&o, r->session_id);
        else
            csv_text(&o, "");
        csv_text(&o, r->session_date);
        for (int k = 0; k < 5; k++)
            csv_text(&o, "");
        csv_end_row(&o);
    }
    for (int m = 1; m <= 12; m++) {
        if (!p->month[m].planned)
            continue;
        char label[16];
        text_format(label, sizeof label, "%d月", m);
        csv_tally(&o, "月份", label, &p->month[m]);
    }
    csv_tally(&o, "全年", "全年", &p->month[0]);
    csv_finish(&o);
}

static void list_text(const struct plan_progress *p, bool opened, const char *opened_at, const char *by)
{
    char head[512];
    if (opened)
        text_format(head, sizeof head, "%d 年度培训计划对照（截至 %s）：已建账（%s，%s）", p->year, p->as_of, opened_at,
                    by);
    else
        text_format(head, sizeof head, "%d 年度培训计划对照（截至 %s）：未建账", p->year, p->as_of);
    char clean[512];
    text_sanitize(clean, sizeof clean, head);
    puts(clean);
    static const int w[] = {5, 8, 20, 8, 18, 5, 8, 6, 16};
    static const char al[] = "rlllllllll";
    const char *cols[] = {"编号", "月份", "标题", "类型", "内容类别", "学时", "负责人", "状态", "培训记录"};
    cli_print_row(cols, w, al, 9);
    for (int i = 0; i < p->nrows; i++) {
        const struct plan_row *r = &p->rows[i];
        char id[24], months[32], hours[32], session[48] = "";
        text_format(id, sizeof id, "%lld", (long long)r->item.id);
        plan_format_months(r->item.month_first, r->item.month_last, months, sizeof months);
        text_format(hours, sizeof hours, "%g", r->item.hours);
        if (r->session_id)
            text_format(session, sizeof session, "%lld（%s）", (long long)r->session_id, r->session_date);
        const char *row[] = {id, months, r->item.title, r->item.kind, r->item.category, hours,
                             r->item.responsible, plan_state_label(r->state), session};
        cli_print_row(row, w, al, 9);
    }
    puts("");
    static const int mw[] = {6, 6, 6, 6, 6, 8};
    static const char mal[] = "lrrrrr";
    const char *mcols[] = {"月份", "计划", "已完成", "逾期", "未到期", "完成率"};
    cli_print_row(mcols, mw, mal, 6);
    for (int m = 0; m <= 12; m++) {
        int k = m == 12 ? 0 : m + 1; /* the months, then the year */
        const struct plan_tally *t = &p->month[k];
        if (k && !t->planned)
            continue;
        char label[16], n[4][16], rate[32];
        if (k)
            text_format(label, sizeof label, "%d月", k);
        else
            text_copy(label, sizeof label, "全年");
        text_format(n[0], sizeof n[0], "%d", t->planned);
        text_format(n[1], sizeof n[1], "%d", t->done);
        text_format(n[2], sizeof n[2], "%d", t->overdue);
        text_format(n[3], sizeof n[3], "%d", t->pending);
        format_rate(t, rate, sizeof rate);
        const char *row[] = {label, n[0], n[1], n[2], n[3], rate};
        cli_print_row(row, mw, mal, 6);
    }
}

static int plan_list_cmd(struct cli *cli, int argc, char **argv)
{
    int year = 0;
    char as_of[11] = "";
    bool csv = false;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--as-of")) != NULL) {
            struct fx_error derr;
            if (date_normalize(v, as_of, &derr)) {
                cli_say("--as-of：%s", derr.msg);
                return FX_EINPUT;
            }
        } else if ((v = cli_opt(argc, argv, &i, "--format")) != NULL) {
            if (!strcmp(v, "csv"))
                csv = true;
            else if (strcmp(v, "text"))
                return cli_usage("--format 应为 text 或 csv");
        } else if (argv[i][0] != '-' && !year) {
            long long y;
            if (cli_int("年份", argv[i], 1900, 2999, &y))
                return FX_EINPUT;
            year = (int)y;
        } else {
            return cli_usage("plan list：未知的参数 %s", argv[i]);
        }
    }
    if (!year)
        year = as_of[0] ? atoi(as_of) : this_year();
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    struct plan_progress p;
    bool opened = false;
    char at[32] = "", by[160] = "";
    if (plan_year_opened(db, year, &opened, at, by, &err) || plan_progress(db, year, as_of, &p, &err)) {
        store_close(db);
        return cli_report(&err);
    }
    if (csv)
        list_csv(&p);
    else
        list_text(&p, opened, at, by);
    plan_progress_free(&p);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "fenxiao: 写出失败（磁盘已满或管道关闭）\n");
        rc = FX_EFS;
    }
    store_close(db);
    return rc;
}

static int plan_link_cmd(struct cli *cli, int argc, char **argv)
{
    long long ids[2];
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' || n == 2)
            return cli_usage("用法：fenxiao plan link 培训记录编号 计划项目编号");
        if (cli_int(n ? "计划项目编号" : "培训记录编号", argv[i], 1, INT64_MAX, &ids[n]))
            return FX_EINPUT;
        n++;
    }
    if (n != 2)
        return cli_usage("用法：fenxiao plan link 培训记录编号 计划项目编号");
    sqlite3 *db;
    int rc = cli_open(cli, STORE_WRITER, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    if (plan_link_session(db, ids[0], ids[1], &err))
        rc = cli_report(&err);
    else
        cli_say("已关联：培训记录 %lld → 计划项目 %lld", ids[0], ids[1]);
    store_close(db);
    return rc;
}

int cmd_plan(struct cli *cli, int argc, char **argv)
{
    return CLI_SUBS(cli, argc, argv, "plan", {"import", plan_import_cmd}, {"list", plan_list_cmd},
                    {"link", plan_link_cmd});
}


/* The opening page (年度台账封面): the unit, the year, who opened it and when, and the plan table — the plan
 * report (report_plan.c) under the cover's title, as a PDF at path. The year stays opened if it cannot be written. */
static int write_cover(struct cli *cli, sqlite3 *db, int year, const char *path, bool force)
{
    struct report *rep = malloc(sizeof *rep);
    if (!rep) {
        cli_say("内存不足");
        return FX_EINTERNAL;
    }
    struct report_request req;
    memset(&req, 0, sizeof req);
    req.cover = true;
    req.has_period = true;
    char y[8];
    text_format(y, sizeof y, "%d", year);
    struct fx_error err;
    fx_clear(&err);
    int rc = period_parse(y, &req.period, &err);
    if (!rc)
        rc = report_build(db, &cli->cfg, &report_kinds[REPORT_PLAN], &req, rep, &err);
    if (!rc)
        rc = render_file(rep, RENDER_PDF, path, force ? OUTFILE_REPLACE : 0, false, &err);
    if (rc) {
        cli_say("年度台账封面没有写出（已建账不受影响）：");
        rc = cli_report(&err);
    } else {
        cli_say("已写出年度台账封面：%s", path);
    }
    free(rep);
    return rc;
}

int cmd_open_year(struct cli *cli, int argc, char **argv)
{
    long long year = 0;
    const char *out_path = NULL;
    bool force = false;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "-o")) != NULL || (v = cli_opt(argc, argv, &i, "--output")) != NULL) {
            if (!*v)
                return cli_usage("-o 需要文件名（.pdf）");
            out_path = v;
        } else if (!strcmp(argv[i], "--force")) {
            force = true;
        } else if (argv[i][0] != '-' && !year) {
            if (cli_int("年份", argv[i], 1900, 2999, &year))
                return FX_EINPUT;
        } else {
            return cli_usage("用法：fenxiao open-year 年份 [-o 封面.pdf [--force]]");
        }
    }
    if (!year)
        return cli_usage("用法：fenxiao open-year 年份 [-o 封面.pdf [--force]]");
    struct std_list l = {0};
    int rc = cli_load_standards(cli, &l);
    if (rc)
        return rc;
    const struct standard *std = standard_find(&l, PLAN_STANDARD_ID);
    if (!std)
        cli_say("提示：没有找到培训计划标准（%s），只建账，不检查计划", PLAN_STANDARD_ID);
    sqlite3 *db;
    rc = cli_open(cli, STORE_WRITER, &db);
    if (rc) {
        standard_list_free(&l);
        return rc;
    }
    struct fx_error err;
    fx_clear(&err);
    struct plan_check c;
    if (plan_open_year(db, (int)year, std, &c, &err)) {
        rc = cli_report(&err);
    } else {
        char line[1024];
        printf("已建账：%lld 年（%s）\n", year, store_actor());
        printf("年度计划：%d 项\n", c.items);
        if (c.budgets_copied)
            printf("沿用上一年的经费预算：%d 个经费来源\n", c.budgets_copied);
        if (std) {
            text_format(line, sizeof line, "对照《%s》：", std->title);
            puts(line);
        }
        for (int i = 0; i < c.nrules; i++) {
            line[0] = line[1] = ' ';
            plan_rule_describe(&c.rule[i], line + 2, sizeof line - 2);
            char clean[1024];
            text_sanitize(clean, sizeof clean, line);
            puts(clean);
        }
        if (std && !c.ok)
            cli_say("警告：%lld 年的计划达不到培训计划标准（见上），请补充计划项目（fenxiao plan import）", year);
        if (out_path)
            rc = write_cover(cli, db, (int)year, out_path, force);
    }
    store_close(db);
    standard_list_free(&l);
    return rc;
}
