/* cli.h — the command-line front end: global options and the subcommand table.
 * Messages for people go to stderr in Chinese; data goes to stdout. */
#ifndef FX_CLI_H
#define FX_CLI_H

#include <sqlite3.h>
#include <stdbool.h>

#include "config.h"
#include "error.h"

struct cli {
    char db_path[4096];
    bool db_given;         /* --db or $FENXIAO_DB named the ledger (else the XDG default) */
    char config_path[4096];
    bool config_given;     /* --config was given: a missing file is then an error */
    struct fx_config cfg;
};

struct cli_command {
    const char *name;      /* "session" */
    const char *synopsis;  /* usage, for --help */
    const char *summary;   /* what it does, for --help */
    int (*run)(struct cli *cli, int argc, char **argv); /* argv[0] is the command name */
};

/* Print a core error to stderr and return its exit status. */
int cli_report(const struct fx_error *err);
/* Usage error: message on stderr, exit status 2. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Open the ledger for this command (writer: take the writer lock). */
int cli_open(struct cli *cli, int flags, sqlite3 **db);

/* Option scanning for subcommands: "--name VALUE" or "--name=VALUE".
 * Returns the value and advances *i, or NULL if argv[*i] is not that option. */
const char *cli_opt(int argc, char **argv, int *i, const char *name);

/* One function per subcommand, each in its own tui/cli_*.c. Commands still
 * being built are weak so the table in main.c can skip them (and --help
 * lists only what works). */
#define FX_CMD(name) int name(struct cli *cli, int argc, char **argv) __attribute__((weak))
int cmd_init(struct cli *cli, int argc, char **argv);
FX_CMD(cmd_demo);
int cmd_session(struct cli *cli, int argc, char **argv);
FX_CMD(cmd_standards);
FX_CMD(cmd_check);
FX_CMD(cmd_mark);
FX_CMD(cmd_report);
FX_CMD(cmd_import);
FX_CMD(cmd_export);
FX_CMD(cmd_merge);
FX_CMD(cmd_backup);
FX_CMD(cmd_restore);
FX_CMD(cmd_verify);
FX_CMD(cmd_close_year);

/* The screens (tui/app.c): returns the exit status. */
int tui_run(struct cli *cli);

#endif
