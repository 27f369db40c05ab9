/* cli_points.c — `fenxiao points add|list|void`: the manual additions and deductions of 党员积分 (积分加减), the
 * one part of a member's points typed by hand; each is audited and voided, never deleted. The points themselves
 * are `fenxiao report points`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "member.h"
#include "points.h"
#include "store.h"
#include "text.h"

static int points_add_cmd(struct cli *cli, int argc, char **argv)
{
    struct points_adjust a;
    memset(&a, 0, sizeof a);
    const char *who = NULL, *points = NULL;
    int rc = 0;
    for (int i = 1; i < argc && !rc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--date")) != NULL)
            rc = cli_text("--date", "日期", v, a.date, sizeof a.date, 10, 0);
        else if ((v = cli_opt(argc, argv, &i, "--points")) != NULL)
            points = v;
        else if ((v = cli_opt(argc, argv, &i, "--reason")) != NULL)
            rc = cli_text("--reason", "原因", v, a.reason, sizeof a.reason, FX_WHY_CHARS, 0);
        else if ((v = cli_opt(argc, argv, &i, "--recorder")) != NULL)
            rc = cli_text("--recorder", "记录人", v, a.recorder, sizeof a.recorder, FX_PERSON_CHARS, 0);
        else if (argv[i][0] != '-' && !who)
            who = argv[i];
        else
            rc = cli_usage("points add：未知的参数 %s", argv[i]);
    }
    if (!rc && (!who || !a.date[0] || !points || !a.reason[0]))
        rc = cli_usage("用法：fenxiao points add 党员 --date 日期 --points 分数 --reason 原因 [--recorder 姓名]");
    if (rc)
        return rc;
    if (cli_number("--points", points, -100, 100, &a.points))
        return FX_EINPUT;
    if (!a.recorder[0])
        text_copy(a.recorder, sizeof a.recorder, cli->cfg.recorder);
    sqlite3 *db;
    if ((rc = cli_open(cli, STORE_WRITER, &db)) != 0)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    if (member_find(db, who, &a.member_id, &err) || points_adjust_add(db, &a, &err))
        rc = cli_report(&err);
    else
        printf("%lld\n", (long long)a.id);
    store_close(db);
    return rc;
}

static int list_one(const struct points_adjust *a, void *ctx)
{
    (void)ctx;
    static const int widths[] = {5, 10, 16, 24, 7, 30};
    char id[24], pts[32], state[FX_TEXT_BYTES(FX_WHY_CHARS) + 16];
    text_format(id, sizeof id, "%lld", (long long)a->id);
    text_format(pts, sizeof pts, "%+g", a->points);
    if (a->voided)
        text_format(state, sizeof state, "作废：%s", a->void_reason);
    else
        state[0] = '\0';
    const char *cols[] = {id, a->date, a->member, a->branch, pts, a->reason, state};
    cli_print_row(cols, widths, "rlllrll", 7);
    return 0;
}

static int points_list_cmd(struct cli *cli, int argc, char **argv)
{
    long long year = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] != '-' && !year) {
            if (cli_int("年份", argv[i], 1900, 2999, &year))
                return FX_EINPUT;
        } else {
            return cli_usage("points list：未知的参数 %s", argv[i]);
        }
    }
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    static const int widths[] = {5, 10, 16, 24, 7, 30};
    const char *head[] = {"编号", "日期", "党员", "党组织", "积分", "原因", "状态"};
    cli_print_row(head, widths, "rlllrll", 7);
    struct fx_error err;
    fx_clear(&err);
    if (points_adjust_each(db, (int)year, list_one, NULL, &err))
        rc = cli_report(&err);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "fenxiao: 写出失败（磁盘已满或管道关闭）\n");
        rc = FX_EFS;
    }
    store_close(db);
    return rc;
}

static int points_void_cmd(struct cli *cli, int argc, char **argv)
{
    const char *reason;
    long long id;
    int rc = cli_void_args(argc, argv, "points void", &id, &reason);
    if (rc)
        return rc;
    sqlite3 *db;
    if ((rc = cli_open(cli, STORE_WRITER, &db)) != 0)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    if (points_adjust_void(db, id, reason, &err))
        rc = cli_report(&err);
    else
        fprintf(stderr, "已作废：%lld\n", id);
    store_close(db);
    return rc;
}

int cmd_points(struct cli *cli, int argc, char **argv)
{
    return CLI_SUBS(cli, argc, argv, "points", {"add", points_add_cmd}, {"list", points_list_cmd},
                    {"void", points_void_cmd});
}
