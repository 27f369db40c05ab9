/* cli_problem.c — `fenxiao problem add|list|task|start|done`: the three lists of seed 002 (问题清单 / 责任清单 /
 * 任务清单) from scripts. Each action is one transaction in core/problem.c; bad input writes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "problem.h"
#include "store.h"
#include "text.h"

/* A positive id typed as the first word after the subcommand (or anywhere not an option); NULL when none. */
static int parse_id(const char *text, const char *what, long long *id)
{
    if (!text)
        return cli_usage("缺少%s", what);
    return cli_int(what, text, 1, INT64_MAX, id) ? FX_EINPUT : 0;
}

/* Open the ledger for writing, save the row with save (one transaction in core/problem.c) and print its new id *id;
 * rc nonzero: the command line was already refused, nothing is opened. */
static int save_and_print(struct cli *cli, int rc, int (*save)(sqlite3 *, void *, struct fx_error *), void *row,
                          const int64_t *id)
{
    sqlite3 *db = NULL;
    if (!rc)
        rc = cli_open(cli, STORE_WRITER, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    if (save(db, row, &err))
        rc = cli_report(&err);
    else
        printf("%lld\n", (long long)*id);
    store_close(db);
    return rc;
}

static int save_problem(sqlite3 *db, void *row, struct fx_error *err)
{
    return problem_add(db, row, err);
}

static int save_task(sqlite3 *db, void *row, struct fx_error *err)
{
    return problem_task_add(db, row, err);
}

static int problem_add_cmd(struct cli *cli, int argc, char **argv)
{
    struct problem *p = calloc(1, sizeof *p);
    if (!p)
        return FX_EINTERNAL;
    int rc = 0;
    for (int i = 1; i < argc && !rc; i++) {
        const char *v;
#define STR_OPT(name, label, field, max, flags)                                                                        \
    if ((v = cli_opt(argc, argv, &i, name)) != NULL) {                                                                 \
        rc = cli_text(name, label, v, field, sizeof field, max, flags);                                                \
        continue;                                                                                                      \
    }
        STR_OPT("--date", "发现日期", p->date, 20, 0)
        STR_OPT("--source", "问题来源", p->source, 4, 0)
        STR_OPT("--text", "问题描述", p->description, 500, TEXT_KEEP_LINES)
        STR_OPT("--item", "清单条目", p->item, 32, 0)
        STR_OPT("--unit", "责任单位", p->resp_unit, 50, 0)
        STR_OPT("--person", "责任人", p->resp_person, 25, 0)
        STR_OPT("--recorder", "记录人", p->recorder, 25, 0)
#undef STR_OPT
        if ((v = cli_opt(argc, argv, &i, "--plan-item")) != NULL) {
            long long id;
            if (cli_int("--plan-item", v, 1, INT64_MAX, &id))
                rc = FX_EINPUT;
            else
                p->plan_item_id = id;
        } else {
            rc = cli_usage("problem add：未知的参数 %s", argv[i]);
        }
    }
    if (!rc && (!p->date[0] || !p->source[0] || !p->description[0]))
        rc = cli_usage("用法：fenxiao problem add --date 日期 --source 查账|县级检查|自查 --text 问题描述 "
                       "[--item 条目] [--plan-item 编号] [--unit 责任单位 --person 责任人]");
    if (!rc && !p->recorder[0])
        text_copy(p->recorder, sizeof p->recorder, cli->cfg.recorder);
    rc = save_and_print(cli, rc, save_problem, p, &p->id);
    free(p);
    return rc;
}

static int problem_task_cmd(struct cli *cli, int argc, char **argv)
{
    struct problem_task *t = calloc(1, sizeof *t);
    if (!t)
        return FX_EINTERNAL;
    const char *id_text = NULL;
    int rc = 0;
    for (int i = 1; i < argc && !rc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--measure")) != NULL)
            rc = cli_text("--measure", "整改措施", v, t->measure, sizeof t->measure, 500, TEXT_KEEP_LINES);
        else if ((v = cli_opt(argc, argv, &i, "--deadline")) != NULL)
            rc = cli_text("--deadline", "完成时限", v, t->deadline, sizeof t->deadline, 10, 0);
        else if ((v = cli_opt(argc, argv, &i, "--unit")) != NULL)
            rc = cli_text("--unit", "责任单位", v, t->resp_unit, sizeof t->resp_unit, 50, 0);
        else if ((v = cli_opt(argc, argv, &i, "--person")) != NULL)
            rc = cli_text("--person", "责任人", v, t->resp_person, sizeof t->resp_person, 25, 0);
        else if (!strcmp(argv[i], "--started"))
            text_copy(t->status, sizeof t->status, PROBLEM_DOING);
        else if (argv[i][0] != '-' && !id_text)
            id_text = argv[i];
        else
            rc = cli_usage("problem task：未知的参数 %s", argv[i]);
    }
    if (!rc && (!id_text || !t->measure[0] || !t->deadline[0]))
        rc = cli_usage("用法：fenxiao problem task 问题编号 --measure 整改措施 --deadline 完成时限 "
                       "[--unit 责任单位 --person 责任人] [--started]");
    long long id = 0;
    if (!rc)
        rc = parse_id(id_text, "问题编号", &id);
    t->problem_id = id;
    rc = save_and_print(cli, rc, save_task, t, &t->id);
    free(t);
    return rc;
}

static int problem_state_cmd(struct cli *cli, int argc, char **argv, bool done)
{
    const char *id_text = NULL, *date = NULL, *evidence = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (done && (v = cli_opt(argc, argv, &i, "--date")) != NULL)
            date = v;
        else if (done && (v = cli_opt(argc, argv, &i, "--evidence")) != NULL)
            evidence = v;
        else if (argv[i][0] != '-' && !id_text)
            id_text = argv[i];
        else
            return cli_usage("problem %s：未知的参数 %s", done ? "done" : "start", argv[i]);
    }
    if (!id_text || (done && (!date || !evidence)))
        return done ? cli_usage("用法：fenxiao problem done 任务编号 --date 完成日期 --evidence 佐证")
                    : cli_usage("用法：fenxiao problem start 任务编号");
    long long id;
    int rc = parse_id(id_text, "任务编号", &id);
    if (rc)
        return rc;
    sqlite3 *db;
    if ((rc = cli_open(cli, STORE_WRITER, &db)) != 0)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    if (done ? problem_task_done(db, id, date, evidence, &err) : problem_task_start(db, id, &err))
        rc = cli_report(&err);
    else
        cli_say("整改任务 %lld：%s", id, done ? PROBLEM_DONE : PROBLEM_DOING);
    store_close(db);
    return rc;
}

static int problem_start_cmd(struct cli *cli, int argc, char **argv)
{
    return problem_state_cmd(cli, argc, argv, false);
}

static int problem_done_cmd(struct cli *cli, int argc, char **argv)
{
    return problem_state_cmd(cli, argc, argv, true);
}

/* One line of a text table: cols fitted to widths (display columns), the last one as it is. */
static void print_row(const char *cols[], const int widths[], int n)
{
    char cell[2048], clean[2048];
    for (int i = 0; i < n; i++) {
        text_sanitize(clean, sizeof clean, cols[i]);
        if (i + 1 < n) {
            text_fit_pad(cell, sizeof cell, clean, widths[i], 'l');
            fputs(cell, stdout);
            fputs("  ", stdout);
        } else {
            puts(clean);
        }
    }
}

/* The state of task r as a list shows it: its status, and 逾期 when it is overdue. */
static void task_state(const struct problem_task_row *r, char *out, size_t outsz)
{
    text_format(out, outsz, "%s%s", r->t.status, r->overdue ? " 逾期" : "");
}

static const char *problem_state(const struct problem_row *r)
{
    return r->open ? (r->ntasks ? "整改中" : "未定措施") : "已整改";
}

static void print_text(const struct problem_year *y)
{
    printf("%d 年问题清单（截至 %s）：问题 %d 个，未整改完成 %lld 个；整改任务 %d 项，已完成 %lld 项，逾期 %lld 项\n",
           y->year, y->as_of, y->nproblems, (long long)y->open, y->ntasks, (long long)y->done_tasks,
           (long long)y->overdue);
    char id[24], pid[24];
    puts("\n问题清单");
    static const int pw[] = {4, 10, 8, 40, 8, 8};
    print_row((const char *[]){"编号", "发现日期", "来源", "问题", "清单条目", "状态"}, pw, 6);
    for (int i = 0; i < y->nproblems; i++) {
        const struct problem_row *r = &y->problems[i];
        snprintf(id, sizeof id, "%lld", (long long)r->p.id);
        print_row((const char *[]){id, r->p.date, r->p.source, r->p.description, r->p.item, problem_state(r)}, pw, 6);
    }
    puts("\n责任清单");
    static const int rw[] = {4, 40, 24, 10};
    print_row((const char *[]){"编号", "问题", "责任单位", "责任人"}, rw, 4);
    for (int i = 0; i < y->nproblems; i++) {
        const struct problem_row *r = &y->problems[i];
        snprintf(id, sizeof id, "%lld", (long long)r->p.id);
        print_row((const char *[]){id, r->p.description, r->p.resp_unit, r->p.resp_person}, rw, 4);
    }
    puts("\n任务清单");
    static const int tw[] = {4, 4, 36, 10, 11, 10, 20};
    print_row((const char *[]){"编号", "问题", "整改措施", "完成时限", "状态", "完成日期", "佐证"}, tw, 7);
    for (int i = 0; i < y->ntasks; i++) {
        const struct problem_task_row *r = &y->tasks[i];
        char state[40];
        snprintf(id, sizeof id, "%lld", (long long)r->t.id);
        snprintf(pid, sizeof pid, "%lld", (long long)r->t.problem_id);
        task_state(r, state, sizeof state);
        print_row((const char *[]){id, pid, r->t.measure, r->t.deadline, state, r->t.done_date, r->t.evidence}, tw,
                  7);
    }
}

/* CSV: one row per task, a problem without a task on a row of its own. */
static void print_csv(const struct problem_year *y, struct csv_out *out)
{
    static const char *head[] = {"问题编号", "发现日期", "来源",     "问题",     "清单条目", "计划项目",
                                 "责任单位", "责任人",   "问题状态", "任务编号", "整改措施", "任务责任单位",
                                 "任务责任人", "完成时限", "任务状态", "逾期",     "完成日期", "佐证"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        csv_text(out, head[i]);
    csv_end_row(out);
    int k = 0;
    for (int i = 0; i < y->nproblems; i++) {
        const struct problem_row *r = &y->problems[i];
        int first = k;
        do {
            const struct problem_task_row *t =
                k < y->ntasks && y->tasks[k].t.problem_id == r->p.id ? &y->tasks[k] : NULL;
            if (!t && k > first)
                break;
            csv_int(out, r->p.id);
            csv_text(out, r->p.date);
            csv_text(out, r->p.source);
            csv_text(out, r->p.description);
            csv_text(out, r->p.item);
            if (r->p.plan_item_id)
                csv_int(out, r->p.plan_item_id);
            else
                csv_text(out, "");
            csv_text(out, r->p.resp_unit);
            csv_text(out, r->p.resp_person);
            csv_text(out, problem_state(r));
            if (t) {
                csv_int(out, t->t.id);
                csv_text(out, t->t.measure);
                csv_text(out, t->t.resp_unit);
                csv_text(out, t->t.resp_person);
                csv_text(out, t->t.deadline);
                csv_text(out, t->t.status);
                csv_text(out, t->overdue ? "逾期" : "");
                csv_text(out, t->t.done_date);
                csv_text(out, t->t.evidence);
                k++;
            } else {
                for (int c = 0; c < 9; c++)
                    csv_text(out, "");
            }
            csv_end_row(out);
            if (!t)
                break;
        } while (k < y->ntasks && y->tasks[k].t.problem_id == r->p.id);
    }
}

static int problem_list_cmd(struct cli *cli, int argc, char **argv)
{
    bool csv = false;
    const char *year_text = NULL;
    char as_of[11];
    struct fx_date today;
    date_today(&today);
    date_format(&today, as_of);
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--as-of")) != NULL) {
            struct fx_error derr;
            if (date_normalize(v, as_of, &derr))
                return cli_usage("--as-of 应为日期，例如 2026-12-05：%s", v);
        } else if ((v = cli_opt(argc, argv, &i, "--format")) != NULL) {
            if (!strcmp(v, "csv"))
                csv = true;
            else if (strcmp(v, "text"))
                return cli_usage("--format 应为 text 或 csv");
        } else if (argv[i][0] != '-' && !year_text) {
            year_text = argv[i];
        } else {
            return cli_usage("problem list：未知的参数 %s", argv[i]);
        }
    }
    long long year = atoi(as_of);
    if (year_text && cli_int("年份", year_text, 1900, 2999, &year))
        return FX_EINPUT;
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    struct problem_year y;
    if (problem_year_load(db, (int)year, as_of, &y, &err)) {
        store_close(db);
        return cli_report(&err);
    }
    struct csv_out out;
    if (csv) {
        csv_begin(&out, stdout, true);
        print_csv(&y, &out);
    } else {
        print_text(&y);
    }
    if ((csv && !csv_finish(&out)) || fflush(stdout) != 0) {
        fprintf(stderr, "fenxiao: 写出失败（磁盘已满或管道关闭）\n");
        rc = FX_EFS;
    }
    problem_year_free(&y);
    store_close(db);
    return rc;
}

int cmd_problem(struct cli *cli, int argc, char **argv)
{
    return CLI_SUBS(cli, argc, argv, "problem", {"add", problem_add_cmd}, {"list", problem_list_cmd},
                    {"task", problem_task_cmd}, {"start", problem_start_cmd}, {"done", problem_done_cmd});
}
