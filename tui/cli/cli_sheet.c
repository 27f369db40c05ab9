/* cli_sheet.c — `fenxiao sheet`: the star-rating sheet (量化考评表). A score of one item as 自评 (--self) or 考评
 * (--review), recorded by core/sheet.c; --show prints the sheet, the report `report sheet` builds. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "render.h"
#include "report.h"
#include "sheet.h"
#include "standard.h"
#include "store.h"
#include "text.h"

#define SHEET_USAGE                                                                                                    \
    "用法：fenxiao sheet 标准 --period 期间 (--self|--review) 条目 得分 [--note 说明] [--evidence 佐证] "             \
    "[--unit 单位]\n      fenxiao sheet 标准 --period 期间 --show [--unit 单位]"

static int show(struct cli *cli, const struct standard *std, const char *period_text, const char *unit)
{
    struct report_request req;
    memset(&req, 0, sizeof req);
    req.std = std;
    req.unit = unit;
    struct fx_error err;
    fx_clear(&err);
    if (period_text) {
        if (period_parse(period_text, &req.period, &err))
            return cli_usage("--period：%s", err.msg);
        req.has_period = true;
    }
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    struct report *rep = malloc(sizeof *rep);
    if (!rep) {
        store_close(db);
        fprintf(stderr, "fenxiao: 内存不足\n");
        return fx_exit_status(FX_EINTERNAL);
    }
    if (report_build(db, &cli->cfg, report_kind_find("sheet"), &req, rep, &err) || render_text(rep, stdout, &err) ||
        (fflush(stdout) != 0 && fx_fail(&err, FX_EFS, "写出失败（磁盘已满或管道关闭）")))
        rc = cli_report(&err);
    free(rep);
    store_close(db);
    return rc;
}

int cmd_sheet(struct cli *cli, int argc, char **argv)
{
    const char *name = NULL, *item = NULL, *score_text = NULL, *period_text = NULL, *note = NULL, *evidence = NULL,
               *unit = NULL;
    int role = -1;
    bool want_show = false;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--period")) != NULL)
            period_text = v;
        else if ((v = cli_opt(argc, argv, &i, "--note")) != NULL)
            note = v;
        else if ((v = cli_opt(argc, argv, &i, "--evidence")) != NULL)
            evidence = v;
        else if ((v = cli_opt(argc, argv, &i, "--unit")) != NULL)
            unit = v;
        else if (!strcmp(argv[i], "--self") || !strcmp(argv[i], "--review")) {
            if (role >= 0)
                return cli_usage("--self 和 --review 只能给一个\n%s", SHEET_USAGE);
            role = !strcmp(argv[i], "--review") ? SHEET_REVIEW : SHEET_SELF;
        } else if (!strcmp(argv[i], "--show"))
            want_show = true;
        else if (argv[i][0] != '-' && !name)
            name = argv[i];
        else if (argv[i][0] != '-' && !item)
            item = argv[i];
        else if ((argv[i][0] != '-' || (argv[i][1] >= '0' && argv[i][1] <= '9')) && !score_text)
            score_text = argv[i];
        else
            return cli_usage("sheet：未知的参数 %s\n%s", argv[i], SHEET_USAGE);
    }
    if (unit && !*unit)
        return cli_usage("--unit 需要单位（镇街分校）的名称");
    if (!name || (want_show ? (role >= 0 || item) : (role < 0 || !item || !score_text)))
        return cli_usage("%s", SHEET_USAGE);
    struct std_list l;
    memset(&l, 0, sizeof l);
    struct standard one;
    memset(&one, 0, sizeof one);
    const struct standard *std;
    int rc = cli_pick_standard(cli, name, &l, &one, &std);
    if (rc) {
        /* A standard that is not there is bad input (3), as an unknown item is. */
        rc = rc == fx_exit_status(FX_EUSAGE) ? fx_exit_status(FX_EINPUT) : rc;
        goto out;
    }
    if (want_show) {
        rc = show(cli, std, period_text, unit);
        goto out;
    }
    struct fx_error err;
    fx_clear(&err);
    struct fx_period p;
    if (period_text) {
        if (period_parse(period_text, &p, &err)) {
            rc = cli_usage("--period：%s", err.msg);
            goto out;
        }
    } else {
        standard_current_period(std, &p);
    }
    char *end = NULL;
    double score = strtod(score_text, &end);
    if (!*score_text || !end || *end || !isfinite(score)) {
        fx_fail_field(&err, FX_EINPUT, "score", "得分应是一个数，而不是“%s”", score_text);
        rc = cli_report(&err);
        goto out;
    }
    sqlite3 *db;
    if ((rc = cli_open(cli, STORE_WRITER, &db)))
        goto out;
    int64_t unit_id = 0;
    if (unit && sheet_find_unit(db, unit, &unit_id, &err))
        rc = cli_report(&err);
    else if (sheet_score_set(db, std, item, &p, unit_id, role, score, note, evidence, &err))
        rc = cli_report(&err);
    else {
        const struct std_item *it = standard_item(std, item);
        char msg[768], period[16];
        period_format(&p, period, sizeof period);
        snprintf(msg, sizeof msg, "已登记%s：%s %s %s  %g/%g 分（%s%s%s）", sheet_role_name(role), std->name, it->id,
                 it->title, score, it->points, period, unit ? "，" : "", unit ? unit : "");
        char clean[1024];
        fprintf(stderr, "%s\n", text_sanitize(clean, sizeof clean, msg));
    }
    store_close(db);
out:
    standard_free(&one);
    standard_list_free(&l);
    return rc;
}
