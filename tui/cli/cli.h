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

/* One function per subcommand, each in its own tui/cli/cli_*.c. */
int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_session(struct cli *cli, int argc, char **argv);
int cmd_standards(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_mark(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_merge(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_restore(struct cli *cli, int argc, char **argv);
int cmd_verify(struct cli *cli, int argc, char **argv);
int cmd_close_year(struct cli *cli, int argc, char **argv);

/* The screens (tui/screens/app.c): returns the exit status. */
int tui_run(struct cli *cli);

#endif
