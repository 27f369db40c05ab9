/* cli_check.c — `fenxiao standards`, `fenxiao check` and `fenxiao mark`: checklists from scripts.
 * The numbers come from core/standard.c, the same evaluation the 清单 screen shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "branch.h"
#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "paths.h"
#include "standard.h"
#include "stats.h"
#include "store.h"
#include "text.h"

#define DEFAULT_STANDARD "bageyi"

/* The shipped standards, then the county's own beside the config file
 * (~/.config/fenxiao/standards/), which override shipped ones of the same id. */
int cli_load_standards(const struct cli *cli, struct std_list *l)
{
    char shipped[4096], own[4096], cfgdir[4096];
    paths_join(shipped, sizeof shipped, paths_data_dir(), "standards");
    paths_dirname(cfgdir, sizeof cfgdir, cli->config_path);
    paths_join(own, sizeof own, cfgdir, "standards");
    const char *dirs[] = {shipped, own, NULL};
    struct fx_error err;
    fx_clear(&err);
    if (standard_load_all(dirs, l, &err))
        return cli_report(&err);
    return 0;
}

static void report_bad_files(const struct std_list *l)
{
    for (int i = 0; i < l->nerrors; i++) {
        struct fx_error e = l->errors[i];
        cli_report(&e);
    }
}

/* A path names a file; anything else is an id, short name or title. */
static bool looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 4 && !strcmp(s + n - 4, ".ini"));
}

/* Resolve STANDARD into *one (a file of its own) or a member of *l. */
int cli_pick_standard(const struct cli *cli, const char *arg, struct std_list *l, struct standard *one,
                         const struct standard **out)
{
    *out = NULL;
    if (looks_like_path(arg)) {
        struct fx_error err;
        fx_clear(&err);
        if (standard_load(arg, one, &err)) {
            if (err.code == FX_ENOTFOUND)
                err.code = FX_EINPUT;
            return cli_report(&err);
        }
        *out = one;
        return 0;
    }
    int rc = cli_load_standards(cli, l);
    if (rc)
        return rc;
    *out = standard_find(l, arg);
    if (*out)
        return 0;
    report_bad_files(l);
    cli_say("fenxiao: 找不到标准“%s”（或者不止一个标准与它相符）。已安装的标准：", arg);
    for (int i = 0; i < l->n; i++) {
        char name[256];
        text_sanitize(name, sizeof name, l->std[i].name);
        fprintf(stderr, "  %s  %s\n", l->std[i].id, name);
    }
    /* A standard file that could not be read may be the one asked for: that is bad input (3), not usage. */
    return l->nerrors ? FX_EINPUT : FX_EUSAGE;
}

static void cell(const char *s, int cols, char align)
{
    char clean[1024], out[1024];
    text_sanitize(clean, sizeof clean, s);
    text_fit_pad(out, sizeof out, clean, cols, align);
    fputs(out, stdout);
}

static void line_text(const char *indent, const char *s)
{
    char clean[1024];
    text_sanitize(clean, sizeof clean, s);
    printf("%s%s\n", indent, clean);
}

static int finish_output(struct csv_out *csv)
{
    if ((csv && !csv_finish(csv)) || fflush(stdout) != 0) {
        fprintf(stderr, "fenxiao: 写出失败（磁盘已满或管道关闭）\n");
        return FX_EFS;
    }
    return 0;
}

int cmd_standards(struct cli *cli, int argc, char **argv)
{
    if (argc > 1)
        return cli_usage("standards：未知的参数 %s", argv[1]);
    struct std_list l;
    int rc = cli_load_standards(cli, &l);
    if (rc)
        return rc;
    cell("标识", 16, 'l'), fputs("  ", stdout), cell("名称", 18, 'l'), fputs("  ", stdout);
    cell("期间", 4, 'l'), fputs("  ", stdout), cell("范围", 6, 'l'), fputs("  ", stdout);
    cell("条目", 4, 'r'), fputs("  ", stdout), cell("文件", 40, 'l'), fputs("\n", stdout);
    for (int i = 0; i < l.n; i++) {
        const struct standard *s = &l.std[i];
        char n[16];
        snprintf(n, sizeof n, "%d", s->nitems);
        cell(s->id, 16, 'l'), fputs("  ", stdout), cell(s->name, 18, 'l'), fputs("  ", stdout);
        cell(standard_period_name(s->period), 4, 'l'), fputs("  ", stdout);
        cell(s->scope == STD_SCOPE_BRANCH ? "党组织" : "分校", 6, 'l'), fputs("  ", stdout);
        cell(n, 4, 'r'), fputs("  ", stdout);
        line_text("", s->path);
    }
    if (l.n == 0)
        fprintf(stderr, "fenxiao: 没有找到任何标准文件（%s/standards）\n", paths_data_dir());
    report_bad_files(&l);
    rc = finish_output(NULL);
    if (!rc && l.nerrors)
        rc = FX_EINPUT;
    standard_list_free(&l);
    return rc;
}

/* ---- check ------------------------------------------------------------ */

static const char *state_mark(int state)
{
    return state == STD_DONE ? "✓" : "✗";
}

static void print_result_text(const struct standard *std, const struct std_result *res, const char *branch)
{
    char label[32], head[512];
    period_label(&res->period, label, sizeof label);
    snprintf(head, sizeof head, "%s  %s%s%s", std->title, label, branch ? "  " : "", branch ? branch : "");
    line_text("", head);
    if (std->source[0]) {
        snprintf(head, sizeof head, "依据：%s", std->source);
        line_text("", head);
    }
    fputs("\n", stdout);
    cell("#", 4, 'r'), fputs("  ", stdout), cell("条目", 32, 'l'), fputs("  ", stdout);
    cell("依据", 4, 'l'), fputs("  ", stdout), cell("状态", 8, 'l'), fputs("  ", stdout);
    cell("完成/要求", 9, 'r');
    if (std->scored)
        fputs("  ", stdout), cell("得分", 9, 'r');
    fputs("\n", stdout);
    for (int i = 0; i < res->nitems; i++) {
        const struct std_item_result *r = &res->items[i];
        const struct std_item *it = r->item;
        char state[64], count[32], pts[32];
        snprintf(state, sizeof state, "%s %s", state_mark(r->state), standard_state_name(r->state));
        snprintf(count, sizeof count, "%d/%d", r->found, r->required);
        cell(it->id, 4, 'r'), fputs("  ", stdout), cell(it->title, 32, 'l'), fputs("  ", stdout);
        cell(standard_evidence_name(it->evidence), 4, 'l'), fputs("  ", stdout);
        cell(state, 8, 'l'), fputs("  ", stdout), cell(count, 9, 'r');
        if (std->scored) {
            snprintf(pts, sizeof pts, "%g/%g", r->points, it->points);
            fputs("  ", stdout), cell(pts, 9, 'r');
        }
        fputs("\n", stdout);
        char more[1024];
        /* What was found against the number required, where that number is the point (a count of the
         * roster, a rate, or a number that is the county's reading), and the reading on its own line. */
        if ((it->evidence == STD_ROSTER && it->count != STD_COUNT_DIRECTORY) || it->evidence == STD_RATE ||
            it->evidence == STD_FUNDS ||
            it->local[0]) {
            standard_requirement_text(r, more, sizeof more);
            line_text("        ", more);
        }
        standard_local_text(it, more, sizeof more);
        if (more[0])
            line_text("        ", more);
        if (r->marked) {
            snprintf(more, sizeof more, "已标记 %s%s%s", r->mark_date, r->mark_note[0] ? "：" : "", r->mark_note);
            line_text("        ", more);
        } else if (r->state == STD_NEEDS_MARK) {
            snprintf(more, sizeof more, "待手工标记%s%s", it->hint[0] ? "：" : "", it->hint);
            line_text("        ", more);
        }
        if (r->nshort) {
            char subs[768];
            standard_lacking_subs(r, true, 0, subs, sizeof subs);
            snprintf(more, sizeof more, "未达标：%s", subs);
            line_text("        ", more);
        }
        for (int k = 0; k < r->nproofs; k++) {
            const struct std_proof *p = &r->proofs[k];
            snprintf(more, sizeof more, "#%lld  %s  %s（%s）", (long long)p->id, p->date, p->title, p->kind);
            line_text("        ", more);
        }
    }
    char totals[256];
    standard_totals_text(std, res, totals, sizeof totals);
    printf("\n合计：%s\n", totals);
}

static void csv_header(struct csv_out *c)
{
    static const char *head[] = {"标准", "期间", "党组织", "编号",       "条目",     "依据",     "状态",
                                 "完成", "要求", "得分",   "未达标期间", "证明记录", "标记日期", "标记说明",
                                 "比率", "要求比率", "本县口径"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        csv_text(c, head[i]);
    csv_end_row(c);
}

static void print_result_csv(struct csv_out *c, const struct standard *std, const struct std_result *res,
                             const char *branch)
{
    char period[16];
    period_format(&res->period, period, sizeof period);
    for (int i = 0; i < res->nitems; i++) {
        const struct std_item_result *r = &res->items[i];
        char subs[768], proofs[2048];
        standard_lacking_subs(r, true, 0, subs, sizeof subs);
        size_t len = 0;
        proofs[0] = '\0';
        for (int k = 0; k < r->nproofs && len < sizeof proofs; k++)
            len +=
                (size_t)snprintf(proofs + len, sizeof proofs - len, "%s%lld", k ? ";" : "", (long long)r->proofs[k].id);
        csv_text(c, std->id);
        csv_text(c, period);
        csv_text(c, branch ? branch : "");
        csv_text(c, r->item->id);
        csv_text(c, r->item->title);
        csv_text(c, standard_evidence_name(r->item->evidence));
        csv_text(c, standard_state_name(r->state));
        csv_int(c, r->found);
        csv_int(c, r->required);
        if (std->scored)
            csv_number(c, r->points);
        else
            csv_text(c, "");
        csv_text(c, subs);
        csv_text(c, proofs);
        csv_text(c, r->mark_date);
        csv_text(c, r->mark_note);
        /* Columns added later go last, so that scripts reading the earlier ones by place keep working. */
        char rate[16] = "", least[16] = "";
        if (r->item->evidence == STD_RATE) {
            if (r->rate_den > 0)
                stats_percent_text(r->rate, rate, sizeof rate);
            stats_percent_text(r->item->min_rate, least, sizeof least);
        }
        csv_text(c, rate);
        csv_text(c, least);
        csv_text(c, r->item->local);
        csv_end_row(c);
    }
}

static void print_branches_text(const struct standard *std, const struct std_branch_summary *s,
                                const struct fx_period *p)
{
    char label[32], head[512];
    period_label(p, label, sizeof label);
    snprintf(head, sizeof head, "%s  %s  各党组织", std->title, label);
    line_text("", head);
    fputs("\n", stdout);
    cell("党组织", 24, 'l');
    for (int i = 0; i < std->nitems; i++)
        fputs(" ", stdout), cell(std->items[i].id, 4, 'r');
    fputs("  ", stdout), cell("完成", 7, 'r');
    if (std->scored)
        fputs("  ", stdout), cell("得分", 7, 'r'), fputs("  ", stdout), cell("星级", 4, 'r');
    fputs("\n", stdout);
    for (int b = 0; b < s->n; b++) {
        const struct std_result *r = &s->results[b];
        cell(s->branch_name[b], 24, 'l');
        for (int i = 0; i < r->nitems; i++)
            fputs(" ", stdout), cell(state_mark(r->items[i].state), 4, 'r');
        char n[32];
        snprintf(n, sizeof n, "%d/%d", r->done, r->nitems);
        fputs("  ", stdout), cell(n, 7, 'r');
        if (std->scored) {
            snprintf(n, sizeof n, "%g", r->score);
            fputs("  ", stdout), cell(n, 7, 'r');
            snprintf(n, sizeof n, "%d", r->stars);
            fputs("  ", stdout), cell(n, 4, 'r');
        }
        fputs("\n", stdout);
    }
    fputs("\n条目：", stdout);
    for (int i = 0; i < std->nitems; i++) {
        char t[300];
        snprintf(t, sizeof t, "%s%s %s", i ? "；" : "", std->items[i].id, std->items[i].title);
        char clean[600];
        fputs(text_sanitize(clean, sizeof clean, t), stdout);
    }
    struct std_rates_text rates;
    standard_rates_text(std, s, &rates);
    printf("\n%s\n", rates.sentence);
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
    const char *name = NULL, *period_text = NULL, *branch = NULL;
    bool csv = false;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--period")) != NULL) {
            period_text = v;
        } else if ((v = cli_opt(argc, argv, &i, "--branch")) != NULL) {
            branch = v;
        } else if ((v = cli_opt(argc, argv, &i, "--format")) != NULL) {
            if (!strcmp(v, "csv"))
                csv = true;
            else if (strcmp(v, "text"))
                return cli_usage("--format 应为 text 或 csv");
        } else if (argv[i][0] != '-' && !name) {
            name = argv[i];
        } else {
            return cli_usage("check：未知的参数 %s", argv[i]);
        }
    }
    if (branch && !*branch)
        return cli_usage("--branch 需要党组织的名称或编号");
    struct std_list l;
    memset(&l, 0, sizeof l);
    struct standard one;
    memset(&one, 0, sizeof one);
    const struct standard *std;
    int rc = cli_pick_standard(cli, name ? name : DEFAULT_STANDARD, &l, &one, &std);
    if (rc)
        goto out_std;
    report_bad_files(&l); /* the others still load; say which files were skipped */
    struct fx_period p;
    struct fx_error err;
    fx_clear(&err);
    if (period_text) {
        if (period_parse(period_text, &p, &err)) {
            rc = cli_usage("--period：%s", err.msg);
            goto out_std;
        }
    } else {
        standard_current_period(std, &p);
    }
    sqlite3 *db;
    if ((rc = cli_open(cli, STORE_READONLY, &db)))
        goto out_std;
    int64_t branch_id = 0;
    char branch_name[201] = "";
    if (branch) {
        if (branch_find(db, branch, &branch_id, &err)) {
            err.code = FX_EINPUT;
            rc = cli_report(&err);
            goto out_db;
        }
        struct branch b;
        if (!branch_get(db, branch_id, &b, NULL))
            snprintf(branch_name, sizeof branch_name, "%s", b.name);
    }
    struct csv_out out;
    if (csv) {
        csv_begin(&out, stdout, true);
        csv_header(&out);
    }
    bool all_done = false;
    char today[11];
    struct fx_date t;
    date_today(&t);
    date_format(&t, today);
    if (standard_by_branches(db, std, branch_id)) {
        struct std_branch_summary sum;
        if (standard_evaluate_branches(db, std, &p, today, &sum, &err)) {
            rc = cli_report(&err);
            goto out_db;
        }
        if (csv)
            for (int b = 0; b < sum.n; b++)
                print_result_csv(&out, std, &sum.results[b], sum.branch_name[b]);
        else
            print_branches_text(std, &sum, &p);
        all_done = standard_summary_all_done(&sum);
        standard_branch_summary_free(&sum);
    } else {
        struct std_result res;
        if (standard_evaluate_at(db, std, &p, branch_id, today, &res, &err)) {
            rc = cli_report(&err);
            goto out_db;
        }
        if (csv)
            print_result_csv(&out, std, &res, branch_id ? branch_name : NULL);
        else
            print_result_text(std, &res, branch_id ? branch_name : NULL);
        all_done = standard_result_all_done(&res);
        standard_result_free(&res);
    }
    rc = finish_output(csv ? &out : NULL);
    if (!rc && !all_done)
        rc = FX_NO;
out_db:
    store_close(db);
out_std:
    standard_free(&one);
    standard_list_free(&l);
    return rc;
}

/* ---- mark ------------------------------------------------------------- */

int cmd_mark(struct cli *cli, int argc, char **argv)
{
    const char *name = NULL, *item = NULL, *period_text = NULL, *note = NULL, *branch = NULL;
    bool undo = false;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--period")) != NULL)
            period_text = v;
        else if ((v = cli_opt(argc, argv, &i, "--note")) != NULL)
            note = v;
        else if ((v = cli_opt(argc, argv, &i, "--branch")) != NULL)
            branch = v;
        else if (!strcmp(argv[i], "--undo"))
            undo = true;
        else if (argv[i][0] != '-' && !name)
            name = argv[i];
        else if (argv[i][0] != '-' && !item)
            item = argv[i];
        else
            return cli_usage("mark：未知的参数 %s", argv[i]);
    }
    if (!name || !item)
        return cli_usage("用法：fenxiao mark 标准 条目 [--period 期间] [--note 说明] [--branch 党组织] [--undo]");
    struct fx_period p;
    struct fx_error err;
    fx_clear(&err);
    if (period_text && period_parse(period_text, &p, &err))
        return cli_usage("--period：%s", err.msg);
    struct std_list l;
    memset(&l, 0, sizeof l);
    struct standard one;
    memset(&one, 0, sizeof one);
    const struct standard *std;
    int rc = cli_pick_standard(cli, name, &l, &one, &std);
    if (rc)
        goto out_std;
    /* No --period: the standard's current one (this year for a yearly standard). */
    if (!period_text)
        standard_current_period(std, &p);
    sqlite3 *db;
    if ((rc = cli_open(cli, STORE_WRITER, &db)))
        goto out_std;
    int64_t branch_id = 0;
    if (branch && branch_find(db, branch, &branch_id, &err)) {
        err.code = FX_EINPUT;
        rc = cli_report(&err);
    } else if (standard_mark(db, std, item, &p, branch_id, note, undo, &err)) {
        if (err.code == FX_ENOTFOUND && !strcmp(err.field, "item") && !standard_item(std, item)) {
            fprintf(stderr, "fenxiao: “%s”中没有条目“%s”。条目：\n", std->name, item);
            for (int i = 0; i < std->nitems; i++) {
                char t[300];
                fprintf(stderr, "  %s  %s\n", std->items[i].id, text_sanitize(t, sizeof t, std->items[i].title));
            }
            rc = FX_EUSAGE;
        } else {
            rc = cli_report(&err);
        }
    } else {
        const struct std_item *it = standard_item(std, item);
        char msg[512], period[16];
        period_format(&p, period, sizeof period);
        snprintf(msg, sizeof msg, "%s：%s %s %s（%s）", undo ? "已撤销标记" : "已标记", std->name, it->id, it->title,
                 period);
        char clean[600];
        fprintf(stderr, "%s\n", text_sanitize(clean, sizeof clean, msg));
    }
    store_close(db);
out_std:
    standard_free(&one);
    standard_list_free(&l);
    return rc;
}
