/* main.c — fenxiao's entry point: global options, then a subcommand or the screens.
 * Exit statuses are those of fenxiao(1): 0 ok, 1 no, 2 usage, 3 input, 4 locked, 5 fs, 6 closed. */
#include <langinfo.h>
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

/* `fenxiao --generate NAME`, for the build: what the tables make that is kept in files
 * (the manual's generated sections, the bash completion), written to stdout. */
static void gen_synopsis(FILE *out)
{
    cli_man_synopsis(out, false);
}

static void gen_synopsis_zh(FILE *out)
{
    cli_man_synopsis(out, true);
}

static const struct {
    const char *name;
    void (*write)(FILE *out);
} generators[] = {
    {"synopsis", gen_synopsis},
    {"synopsis-zh", gen_synopsis_zh},
    {"bash-completion", cli_bash_completion},
    {"options", cli_list_options},
};

static int generate(const char *name)
{
    for (size_t i = 0; i < sizeof generators / sizeof generators[0]; i++)
        if (!strcmp(generators[i].name, name)) {
            generators[i].write(stdout);
            return fflush(stdout) ? FX_EFS : 0;
        }
    if (tui_generate(name, stdout) == 0)
        return fflush(stdout) ? FX_EFS : 0;
    return cli_usage("--generate：没有“%s”", name);
}

/* The user's locale, with a UTF-8 character type: LANG=C, or a zh_CN.UTF-8 that was
 * never generated (common on a fresh install), would garble every screen. When the
 * locale's codeset is not UTF-8 the character type switches to one that exists
 * (C.UTF-8 is built into glibc 2.35 and later); false when none does. */
static bool use_utf8_locale(void)
{
    setlocale(LC_ALL, "");
    if (!strcmp(nl_langinfo(CODESET), "UTF-8"))
        return true;
    static const char *const names[] = {"C.UTF-8", "C.utf8", "zh_CN.UTF-8", "zh_CN.utf8", "en_US.UTF-8", "en_US.utf8"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (setlocale(LC_CTYPE, names[i]) && !strcmp(nl_langinfo(CODESET), "UTF-8"))
            return true;
    return false;
}

#define NO_UTF8_LOCALE                                                                                                 \
    "fenxiao: 系统没有 UTF-8 语言环境，中文会显示成乱码：请安装 locales 并设置 LANG=zh_CN.UTF-8（或 C.UTF-8）。"      \
    " / No UTF-8 locale is available: install one and set LANG=C.UTF-8.\n"

/* --db FILE and --config FILE (or --db=FILE): 1 when argv[*i] was one (taken into
 * cli, *i on its value), 0 when not, -1 after a usage message. */
static int global_opt(int argc, char **argv, int *i, struct cli *cli)
{
    const char *v;
    if ((v = cli_opt(argc, argv, i, "--db")) != NULL) {
        if (!*v) {
            cli_usage("--db 需要一个文件名");
            return -1;
        }
        snprintf(cli->db_path, sizeof cli->db_path, "%s", v);
        cli->db_given = true;
        return 1;
    }
    if ((v = cli_opt(argc, argv, i, "--config")) != NULL) {
        if (!*v) {
            cli_usage("--config 需要一个文件名");
            return -1;
        }
        snprintf(cli->config_path, sizeof cli->config_path, "%s", v);
        cli->config_given = true;
        return 1;
    }
    return 0;
}

/* Global options may follow the command too (`fenxiao init --unit X --db F`): they are
 * taken out of argv from first on, in place, up to a "--"; the new argc is returned. */
static int take_global_opts(int argc, char **argv, int first, struct cli *cli)
{
    int out = first;
    for (int i = first; i < argc; i++) {
        if (!strcmp(argv[i], "--")) {
            while (i < argc)
                argv[out++] = argv[i++];
            break;
        }
        int rc = global_opt(argc, argv, &i, cli);
        if (rc < 0)
            return -1;
        if (rc == 0)
            argv[out++] = argv[i];
    }
    return out;
}

int main(int argc, char **argv)
{
    store_startup();
    bool utf8 = use_utf8_locale();
    struct cli cli;
    memset(&cli, 0, sizeof cli);
    struct fx_error err;
    fx_clear(&err);
    int i = 1, rc;
    for (; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            cli_help(stdout);
            return 0;
        } else if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
            printf("fenxiao %s\n", FX_VERSION);
            return 0;
        } else if ((v = cli_opt(argc, argv, &i, "--generate")) != NULL) {
            return generate(v); /* for the build: not in --help */
        } else if ((rc = global_opt(argc, argv, &i, &cli)) != 0) {
            if (rc < 0)
                return FX_EUSAGE;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage("未知的选项：%s（见 fenxiao --help）", argv[i]);
        } else {
            break;
        }
    }
    if (i < argc && (argc = take_global_opts(argc, argv, i + 1, &cli)) < 0)
        return FX_EUSAGE;
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
    if (!utf8)
        fputs(NO_UTF8_LOCALE, stderr);
    /* The screens cannot draw Chinese without one; the command line writes UTF-8 bytes
     * whatever the locale, so it goes on after the warning. */
    if (i >= argc)
        return utf8 ? tui_run(&cli) : FX_EUSAGE;
    const struct cli_command *cmd = cli_command_find(argv[i]);
    /* `fenxiao report --help` and `fenxiao help report`: the command's forms and options. */
    if (cmd && i + 1 < argc && (!strcmp(argv[i + 1], "--help") || !strcmp(argv[i + 1], "-h"))) {
        cli_help_command(stdout, cmd);
        return 0;
    }
    if (cmd)
        return cmd->run(&cli, argc - i, argv + i);
    if (!strcmp(argv[i], "help")) {
        const struct cli_command *about = i + 1 < argc ? cli_command_find(argv[i + 1]) : NULL;
        if (i + 1 < argc && !about)
            return cli_usage("未知的命令：%s（见 fenxiao --help）", argv[i + 1]);
        if (about)
            cli_help_command(stdout, about);
        else
            cli_help(stdout);
        return 0;
    }
    return cli_usage("未知的命令：%s（见 fenxiao --help）", argv[i]);
}
