/* cli_funds.c — `fenxiao funds add|list|void|budget`: the funds ledger (经费台账) from scripts.
 * Amounts are typed and printed as yuan ("1,234.50") and kept as whole 分; bad input writes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "funds.h"
#include "store.h"
#include "text.h"

static int load_rules(struct cli *cli, struct funds_rules *rules)
{
    struct fx_error err;
    fx_clear(&err);
    if (funds_rules_load(NULL, &cli->cfg, rules, &err))
        return cli_report(&err);
    return 0;
}

static int funds_add_cmd(struct cli *cli, int argc, char **argv)
{
    struct funds_entry *e = calloc(1, sizeof *e);
    if (!e)
        return FX_EINTERNAL;
    const char *amount = NULL;
    int rc = 0;
    for (int i = 1; i < argc && !rc; i++) {
        const char *v;
#define STR_OPT(name, label, field, max, flags)                                                                        \
    if ((v = cli_opt(argc, argv, &i, name)) != NULL) {                                                                 \
        rc = cli_text(name, label, v, field, sizeof field, max, flags);                                                \
        continue;                                                                                                      \
    }
        STR_OPT("--date", "日期", e->date, 20, 0)
        STR_OPT("--source", "经费来源", e->source, 16, 0)
        STR_OPT("--category", "类别", e->category, 16, 0)
        STR_OPT("--payee", "对方单位或个人", e->counterpart, 50, 0)
        STR_OPT("--voucher", "凭证号", e->voucher, 30, 0)
        STR_OPT("--note", "备注", e->note, 500, TEXT_KEEP_LINES)
        STR_OPT("--reason", "例外原因", e->rule_reason, 100, 0)
        STR_OPT("--recorder", "记录人", e->recorder, 25, 0)
#undef STR_OPT
        if ((v = cli_opt(argc, argv, &i, "--amount")) != NULL) {
            amount = v;
        } else if ((v = cli_opt(argc, argv, &i, "--session")) != NULL) {
            long long id;
            if (cli_int("--session", v, 1, INT64_MAX, &id))
                rc = FX_EINPUT;
            e->session_id = id;
        } else if (!strcmp(argv[i], "--income")) {
            text_copy(e->direction, sizeof e->direction, FUNDS_INCOME);
        } else if (!strcmp(argv[i], "--expense")) {
            text_copy(e->direction, sizeof e->direction, FUNDS_EXPENSE);
        } else {
            rc = cli_usage("funds add：未知的参数 %s", argv[i]);
        }
    }
    if (!rc && (!e->date[0] || !e->direction[0] || !e->source[0] || !amount ||
                (!strcmp(e->direction, FUNDS_EXPENSE) && !e->category[0])))
        rc = cli_usage("用法：fenxiao funds add --date 日期 (--income|--expense) --source 来源 --category 类别 "
                       "--amount 金额 [--payee 对方] [--voucher 凭证号] [--session 编号] [--reason 原因]");
    struct fx_error err;
    fx_clear(&err);
    if (!rc && funds_parse_amount(amount, "金额", &e->amount, &err))
        rc = cli_report(&err);
    struct funds_rules *rules = rc ? NULL : malloc(sizeof *rules);
    if (!rc && !rules)
        rc = FX_EINTERNAL;
    if (!rc)
        rc = load_rules(cli, rules);
    if (!rc && !e->recorder[0])
        text_copy(e->recorder, sizeof e->recorder, cli->cfg.recorder);
    sqlite3 *db = NULL;
    if (!rc)
        rc = cli_open(cli, STORE_WRITER, &db);
    if (!rc) {
        if (funds_add(db, rules, e, &err))
            rc = cli_report(&err);
        else
            printf("%lld\n", (long long)e->id);
        store_close(db);
    }
    free(rules);
    free(e);
    return rc;
}

struct list_ctx {
    bool csv;
    struct csv_out out;
};

static void print_row(const char *cols[], int n)
{
    static const int widths[] = {5, 10, 4, 12, 8, 14, 16, 12, 16};
    cli_print_row(cols, widths, "rllllrlll", n);
}

static int list_one(const struct funds_entry *e, void *vctx)
{
    struct list_ctx *c = vctx;
    char id[24], amount[32], state[512];
    snprintf(id, sizeof id, "%lld", (long long)e->id);
    funds_format(e->amount, amount, sizeof amount);
    if (e->voided)
        text_format(state, sizeof state, "作废：%s", e->void_reason);
    else if (e->rule_reason[0])
        text_format(state, sizeof state, "例外：%s", e->rule_reason);
    else
        state[0] = '\0';
    if (c->csv) {
        csv_int(&c->out, e->id);
        csv_text(&c->out, e->date);
        csv_text(&c->out, e->direction);
        csv_text(&c->out, e->source);
        csv_text(&c->out, e->category);
        csv_text(&c->out, amount);
        csv_text(&c->out, e->counterpart);
        csv_text(&c->out, e->voucher);
        if (e->session_id)
            csv_int(&c->out, e->session_id);
        else
            csv_text(&c->out, "");
        csv_text(&c->out, e->note);
        csv_text(&c->out, e->rule_reason);
        csv_text(&c->out, e->voided ? "作废" : "");
        csv_text(&c->out, e->void_reason);
        csv_end_row(&c->out);
    } else {
        const char *cols[] = {id, e->date, e->direction, e->source, e->category, amount, e->counterpart, e->voucher,
                              state};
        print_row(cols, 9);
    }
    return 0;
}

static int funds_list_cmd(struct cli *cli, int argc, char **argv)
{
    struct list_ctx c = {0};
    char from[11] = "0000-01-01", to[11] = "9999-12-31";
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--year")) != NULL) {
            long long y;
            if (cli_int("--year", v, 1900, 2999, &y))
                return FX_EINPUT;
            text_format(from, sizeof from, "%04lld-01-01", y);
            text_format(to, sizeof to, "%04lld-12-31", y);
        } else if ((v = cli_opt(argc, argv, &i, "--month")) != NULL) {
            struct fx_period p;
            struct fx_error perr;
            if (period_parse(v, &p, &perr) || p.kind != PERIOD_MONTH)
                return cli_usage("--month 应为 年-月，例如 2026-03");
            text_copy(from, sizeof from, p.from);
            text_copy(to, sizeof to, p.to);
        } else if ((v = cli_opt(argc, argv, &i, "--format")) != NULL) {
            if (!strcmp(v, "csv"))
                c.csv = true;
            else if (strcmp(v, "text"))
                return cli_usage("--format 应为 text 或 csv");
        } else {
            return cli_usage("funds list：未知的参数 %s", argv[i]);
        }
    }
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    if (c.csv) {
        static const char *head[] = {"编号", "日期", "收支", "来源", "类别", "金额", "对方", "凭证号",
                                     "培训记录", "备注", "例外原因", "状态", "作废原因"};
        csv_begin(&c.out, stdout, true);
        for (int i = 0; i < 13; i++)
            csv_text(&c.out, head[i]);
        csv_end_row(&c.out);
    } else {
        const char *head[] = {"编号", "日期", "收支", "来源", "类别", "金额（元）", "对方", "凭证号", "说明"};
        print_row(head, 9);
    }
    struct fx_error err;
    fx_clear(&err);
    if (funds_each(db, from, to, true, list_one, &c, &err))
        rc = cli_report(&err);
    if ((c.csv && !csv_finish(&c.out)) || fflush(stdout) != 0) {
        fprintf(stderr, "fenxiao: 写出失败（磁盘已满或管道关闭）\n");
        rc = FX_EFS;
    }
    store_close(db);
    return rc;
}

static int funds_void_cmd(struct cli *cli, int argc, char **argv)
{
    const char *reason;
    long long id;
    int rc = cli_void_args(argc, argv, "funds void", &id, &reason);
    if (rc)
        return rc;
    sqlite3 *db;
    rc = cli_open(cli, STORE_WRITER, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    if (funds_void(db, id, reason, &err))
        rc = cli_report(&err);
    else
        fprintf(stderr, "已作废：%lld\n", id);
    store_close(db);
    return rc;
}

static int funds_budget_cmd(struct cli *cli, int argc, char **argv)
{
    const char *year_text = NULL, *source = NULL, *amount = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--source")) != NULL)
            source = v;
        else if ((v = cli_opt(argc, argv, &i, "--amount")) != NULL)
            amount = v;
        else if (argv[i][0] != '-' && !year_text)
            year_text = argv[i];
        else
            return cli_usage("funds budget：未知的参数 %s", argv[i]);
    }
    if (!year_text || !amount)
        return cli_usage("用法：fenxiao funds budget 年份 --source 来源 --amount 金额");
    long long year;
    if (cli_int("年份", year_text, 1900, 2999, &year))
        return FX_EINPUT;
    struct fx_error err;
    fx_clear(&err);
    int64_t fen;
    if (funds_parse_amount(amount, "预算金额", &fen, &err))
        return cli_report(&err);
    struct funds_rules *rules = malloc(sizeof *rules);
    if (!rules)
        return FX_EINTERNAL;
    int rc = load_rules(cli, rules);
    if (!rc && !source)
        source = rules->budget_source;
    sqlite3 *db = NULL;
    if (!rc)
        rc = cli_open(cli, STORE_WRITER, &db);
    if (!rc) {
        if (funds_budget_set(db, rules, (int)year, source, fen, &err)) {
            rc = cli_report(&err);
        } else {
            char a[32];
            funds_format(fen, a, sizeof a);
            cli_say("已设定 %lld 年%s预算：%s 元", year, source, a);
        }
        store_close(db);
    }
    free(rules);
    return rc;
}

int cmd_funds(struct cli *cli, int argc, char **argv)
{
    return CLI_SUBS(cli, argc, argv, "funds", {"add", funds_add_cmd}, {"list", funds_list_cmd},
                    {"void", funds_void_cmd}, {"budget", funds_budget_cmd});
}
