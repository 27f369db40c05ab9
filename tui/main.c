/* main.c — fenxiao's entry point: global options, then a subcommand or the screens.
 * Exit statuses are those of fenxiao(1): 0 ok, 1 no, 2 usage, 3 input, 4 locked, 5 fs, 6 closed. */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "paths.h"
#include "store.h"
#include "text.h"

#ifndef FX_VERSION
#define FX_VERSION "dev"
#endif

static const struct cli_command commands[] = {
    {"init", "init [--unit 名称]", "新建账本（不会覆盖已有文件）", cmd_init},
    {"demo", "demo [--force] [--unit 名称]", "另建一个示例乡镇的账本（不会碰您的账本）", cmd_demo},
    {"session", "session add|list|void …", "培训记录：新增、列出、作废", cmd_session},
    {"import", "import 表 文件(.csv/.xlsx/.xls) [--sheet 工作表] [--dry-run] [--create-branches] [--skip-bad] [--all] [--map 列名=字段,…]", "导入党组织、党员、教师、场地、课程、出勤记录", cmd_import},
    {"export", "export 表 [--format csv|xlsx] [-o 文件 [--force]]", "导出（已有的文件须加 --force 才覆盖）", cmd_export},
    {"report", "report month|quarter|year|hours …", "报表（text/csv/xlsx/pdf，可打印）", cmd_report},
    {"check", "check [标准] [--period 期间] [--branch 党组织]", "检查清单", cmd_check},
    {"standards", "standards", "列出已安装的标准", cmd_standards},
    {"mark", "mark 标准 条目 --period 期间 [--branch 党组织] [--note 说明] [--undo]", "手工标记", cmd_mark},
    {"backup", "backup [-o 文件]", "备份账本", cmd_backup},
    {"restore", "restore 文件", "从备份恢复（保留被替换的账本）", cmd_restore},
    {"verify", "verify", "检查账本完整性", cmd_verify},
    {"close-year", "close-year 年份", "年底交账：该年度记录只读", cmd_close_year},
    {"merge", "merge 文件… -o 文件 [--summary 期间]", "合并各乡镇账本（县级汇总）", cmd_merge},
};

static void usage(FILE *out)
{
    fputs("用法：fenxiao [--db 文件] [--config 文件] [命令 …]\n"
          "分校台账：乡镇（街道）党校分校的培训台账、培训菜单与“八个一”清单。\n"
          "不带命令时打开全屏界面。\n\n命令：\n",
          out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        /* Pad by display columns, not bytes, so Chinese text lines up. */
        char cell[256];
        if (text_width(commands[i].synopsis) > 34) {
            fprintf(out, "  %s\n", commands[i].synopsis);
            text_fit_pad(cell, sizeof cell, "", 34, 'l');
        } else {
            text_fit_pad(cell, sizeof cell, commands[i].synopsis, 34, 'l');
        }
        fprintf(out, "  %s  %s\n", cell, commands[i].summary);
    }
    fputs("\nsession 子命令：\n"
          "  session add --date 日期 --title 标题 --category 类别 --format 形式 --hours 学时\n"
          "              [--kind 类型] [--teacher 姓名] [--venue 场地] [--expected 人数]\n"
          "              [--start 时:分] [--end 时:分] [--branch 党组织,…] [--note 备注]\n"
          "              [--attendees 姓名|编号,…] [--absent 姓名:原因,…] [--leave 姓名:原因,…]\n"
          "  session list [--month 年-月] [--format text|csv]\n"
          "  session void 编号 --reason 原因\n"
          "\n全局选项：\n"
          "  --db 文件       账本文件（默认 $FENXIAO_DB，否则 $XDG_DATA_HOME/fenxiao/ledger.db）\n"
          "  --config 文件   配置文件（默认 $XDG_CONFIG_HOME/fenxiao/fenxiao.ini）\n"
          "  -h, --help      显示本帮助\n"
          "  -V, --version   显示版本\n"
          "\n退出状态：0 成功；1 否定的结果；2 用法错误；3 输入有误（未写入任何内容）；\n"
          "4 账本被另一个程序占用；5 文件系统拒绝（只读、磁盘满）；6 年度已交账。\n"
          "详见 man fenxiao。\n",
          out);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    struct cli cli;
    memset(&cli, 0, sizeof cli);
    struct fx_error err;
    fx_clear(&err);
    int i = 1;
    for (; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
            printf("fenxiao %s\n", FX_VERSION);
            return 0;
        } else if ((v = cli_opt(argc, argv, &i, "--db")) != NULL) {
            if (!*v)
                return cli_usage("--db 需要一个文件名");
            snprintf(cli.db_path, sizeof cli.db_path, "%s", v);
            cli.db_given = true;
        } else if ((v = cli_opt(argc, argv, &i, "--config")) != NULL) {
            snprintf(cli.config_path, sizeof cli.config_path, "%s", v);
            cli.config_given = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage("未知的选项：%s（见 fenxiao --help）", argv[i]);
        } else {
            break;
        }
    }
    if (!cli.db_path[0]) {
        const char *env = getenv("FENXIAO_DB");
        cli.db_given = env && *env;
        if (paths_default_db(cli.db_path, sizeof cli.db_path, &err))
            return cli_report(&err);
    }
    if (!cli.config_path[0] && paths_default_config(cli.config_path, sizeof cli.config_path, &err))
        return cli_report(&err);
    if (config_load(cli.config_path, &cli.cfg, &err))
        return cli_report(&err);
    /* Whatever a command writes, it is never the ledger, its journal or a backup. */
    outfile_protect_ledger(cli.db_path);
    if (cli.cfg.backup_dir[0])
        outfile_protect_dir(cli.cfg.backup_dir);
    if (cli.cfg.recorder[0])
        store_set_actor(cli.cfg.recorder);
    if (i >= argc)
        return tui_run(&cli);
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
        if (!strcmp(argv[i], commands[c].name))
            return commands[c].run(&cli, argc - i, argv + i);
    if (!strcmp(argv[i], "help")) {
        usage(stdout);
        return 0;
    }
    return cli_usage("未知的命令：%s（见 fenxiao --help）", argv[i]);
}
