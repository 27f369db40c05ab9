/* cli_member.c — `fenxiao member list|leave`: the roster as it stood on a day, and a member leaving it
 * (转出, 停用, 去世) with the history kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "branch.h"
#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "member.h"
#include "store.h"
#include "text.h"

static void print_row(const char *const cols[], const int widths[], const char aligns[], int n)
{
    char cell[1024];
    for (int i = 0; i < n; i++) {
        char clean[1024];
        text_sanitize(clean, sizeof clean, cols[i]);
        text_fit_pad(cell, sizeof cell, clean, widths[i], aligns[i]);
        fputs(cell, stdout);
        fputs(i + 1 < n ? "  " : "\n", stdout);
    }
}

static const char *const list_head[] = {"编号", "姓名", "党组织", "类别", "职务", "流动党员", "电话", "入党/转入"};
static const int list_widths[] = {5, 8, 20, 12, 8, 8, 13, 10};
static const char list_aligns[] = "rlllllll";

struct list_out {
    bool csv;
    struct csv_out out;
};

/* One member of `member list`, written as it is read (member_each_as_of). */
static void list_one(const struct member *m, void *ctx)
{
    struct list_out *lo = ctx;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)m->id);
    const char *cols[] = {id, m->name, m->branch, m->category, m->post, m->mobile ? "是" : "", m->phone, m->since};
    if (lo->csv) {
        for (int k = 0; k < 8; k++)
            csv_text(&lo->out, cols[k]);
        csv_end_row(&lo->out);
    } else {
        print_row(cols, list_widths, list_aligns, 8);
    }
}

static int member_list(struct cli *cli, int argc, char **argv)
{
    const char *find = "", *branch = NULL;
    char as_of[11] = "";
    bool csv = false;
    for (int i = 1; i < argc; i++) {
        const char *v;
        struct fx_error e;
        if ((v = cli_opt(argc, argv, &i, "--find")) != NULL)
            find = v;
        else if ((v = cli_opt(argc, argv, &i, "--branch")) != NULL)
            branch = v;
        else if ((v = cli_opt(argc, argv, &i, "--as-of")) != NULL) {
            if (date_normalize(v, as_of, &e))
                return cli_usage("--as-of 应为日期，例如 2026-03-31，而不是“%s”", v);
        } else if ((v = cli_opt(argc, argv, &i, "--format")) != NULL) {
            if (!strcmp(v, "csv"))
                csv = true;
            else if (strcmp(v, "text"))
                return cli_usage("--format 应为 text 或 csv");
        } else
            return cli_usage("member list：未知的参数 %s", argv[i]);
    }
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    int64_t bid = 0;
    if (branch && branch_find(db, branch, &bid, &err)) {
        err.code = FX_EINPUT;
        rc = cli_report(&err);
        store_close(db);
        return rc;
    }
    struct list_out lo = {.csv = csv};
    if (csv) {
        csv_begin(&lo.out, stdout, true);
        for (int i = 0; i < 8; i++)
            csv_text(&lo.out, list_head[i]);
        csv_end_row(&lo.out);
    } else {
        print_row(list_head, list_widths, list_aligns, 8);
    }
    int n = member_each_as_of(db, bid, find, as_of, list_one, &lo, &err);
    if (n < 0) {
        rc = cli_report(&err);
        store_close(db);
        return rc;
    }
    if (csv)
        csv_finish(&lo.out);
    store_close(db);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_say("fenxiao: 写出名册失败（管道已关闭或磁盘已满）");
        return fx_exit_status(FX_EFS);
    }
    return 0;
}

static int member_leave_cmd(struct cli *cli, int argc, char **argv)
{
    const char *who = NULL, *date = NULL, *reason = NULL;
    bool future = false;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--future"))
            future = true;
        else if ((v = cli_opt(argc, argv, &i, "--date")) != NULL)
            date = v;
        else if ((v = cli_opt(argc, argv, &i, "--reason")) != NULL)
            reason = v;
        else if (argv[i][0] != '-' && !who)
            who = argv[i];
        else
            return cli_usage("member leave：未知的参数 %s", argv[i]);
    }
    if (!who || !date || !reason)
        return cli_usage("用法：fenxiao member leave 姓名|编号 --date 日期 --reason 原因");
    char day[11];
    struct fx_error derr;
    if (date_normalize(date, day, &derr)) {
        cli_say("fenxiao: --date %s：%s", date, derr.msg);
        return fx_exit_status(FX_EINPUT);
    }
    int late = cli_check_future(day, "离开名册的日期", future);
    if (late)
        return late;
    sqlite3 *db;
    int rc = cli_open(cli, STORE_WRITER, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    int64_t id = 0;
    if (member_find(db, who, &id, &err)) {
        err.code = FX_EINPUT;
        rc = cli_report(&err);
    } else if (member_leave(db, id, day, reason, &err)) {
        rc = cli_report(&err);
    } else {
        fprintf(stderr, "已登记%s：%s（编号 %lld），在册记录保留\n", reason, who, (long long)id);
    }
    store_close(db);
    return rc;
}

int cmd_member(struct cli *cli, int argc, char **argv)
{
    return CLI_SUBS(cli, argc, argv, "member", {"list", member_list}, {"leave", member_leave_cmd});
}
