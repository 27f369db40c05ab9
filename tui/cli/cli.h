/* cli.h — the command-line front end: global options and the subcommand table.
 * Messages for people go to stderr in Chinese; data goes to stdout. */
#ifndef FX_CLI_H
#define FX_CLI_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>

#include "config.h"
#include "error.h"

struct cli {
    char db_path[4096];
    bool db_given;         /* --db or $FENXIAO_DB named the ledger (else the XDG default) */
    char config_path[4096];
    bool config_given;     /* --config was given: a missing file is then an error */
    struct fx_config cfg;
};

/* One option of a command, as --help, the manual's synopsis and the shell's
 * completion show it: "--unit 名称". */
enum cli_option_flags {
    CLI_OPT_REQUIRED = 1, /* the form cannot do without it (session add --date) */
    CLI_OPT_FILE = 2      /* its value is a file name (completion offers files) */
};

struct cli_option {
    const char *name;   /* "--unit", "-o" */
    const char *alias;  /* another spelling ("--output"), or NULL */
    const char *arg;    /* what follows it, for --help and the Chinese manual ("名称"); NULL: a flag */
    const char *arg_en; /* the same for the English manual ("name") */
    const char *values; /* the words it takes ("text|csv"), shown instead of arg; NULL: free text */
    int flags;          /* enum cli_option_flags */
    const char *help;   /* what it does, one short line */
};

/* One way to call a command: with a word after it ("session add", "report month"),
 * or alone (word NULL). Option lists end with an entry whose name is NULL. */
struct cli_form {
    const char *word;    /* "add"; NULL: the command takes no such word */
    const char *args;    /* positional words as a synopsis writes them ("编号", "[期间]"); "" none */
    const char *args_en; /* the same for the English manual ("id", "[P]") */
    const char *values;  /* the first positional's words for completion ("branches|members|…"); NULL: files */
    const char *summary; /* what this form does */
    const struct cli_option *options; /* the form's own, or NULL */
    const struct cli_option *common;  /* shared by every form of the command (listed once in --help), or NULL */
};

struct cli_command {
    const char *name;    /* "session" */
    const char *summary; /* what it does, for --help */
    const struct cli_form *forms;
    int nforms;
    /* Forms made from another table instead (report: core's report kinds): form i
     * into *out; false past the last. NULL: forms above. */
    bool (*form_at)(int i, struct cli_form *out);
    int (*run)(struct cli *cli, int argc, char **argv); /* argv[0] is the command name */
};

/* Every command, in --help's order (cli_commands.c); and the global options. */
extern const struct cli_command cli_commands[];
extern const int cli_ncommands;
extern const struct cli_option cli_global_options[];

/* The command named name, or NULL. */
const struct cli_command *cli_command_find(const char *name);
/* Form i of c into *out; false past the last. */
bool cli_command_form(const struct cli_command *c, int i, struct cli_form *out);
/* report's forms, one per report kind (cli_report.c). */
bool cli_report_form(int i, struct cli_form *out);

/* What the tables make for people (cli_doc.c): --help; `fenxiao help COMMAND`
 * (each form and what its options do); and for the build (`fenxiao --generate`)
 * the manual's SYNOPSIS (zh: the Chinese page's words), the bash completion,
 * and every option as "command word option value|flag" for the tests. */
void cli_help(FILE *out);
void cli_help_command(FILE *out, const struct cli_command *c);
void cli_man_synopsis(FILE *out, bool zh);
void cli_bash_completion(FILE *out);
void cli_list_options(FILE *out);

/* Print a core error to stderr and return its exit status. */
int cli_report(const struct fx_error *err);
/* Usage error: message on stderr, exit status 2. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A date after today without --future (future false): the message, with what to add, and exit 3; else 0.
 * date is YYYY-MM-DD; what names it ("培训日期"). */
int cli_check_future(const char *date, const char *what, bool future);

/* A message for people on stderr, through the sanitiser (it may echo what was typed or stored), with a newline. */
int cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Text typed for option opt, checked at the door (text_check_field: controls, invisible characters, more than
 * max_chars characters) and copied into dst, never cut. Returns 0, or FX_EINPUT after saying why. */
int cli_text(const char *opt, const char *label, const char *v, char *dst, size_t dstsz, size_t max_chars,
             unsigned flags);
/* A number typed for option opt, strictly (text_parse_number; a '-' only when lo < 0), in [lo, hi].
 * Returns 0, or FX_EINPUT after a message naming the option. */
int cli_number(const char *opt, const char *v, double lo, double hi, double *out);
int cli_int(const char *opt, const char *v, long long lo, long long hi, long long *out);

/* The words of a void ("session void", "funds void"): an id, a positive whole number, and --reason TEXT, in any
 * order. Returns 0, or the usage error's status (2) after saying what is wrong. */
int cli_void_args(int argc, char **argv, const char *command, long long *id, const char **reason);

/* A command's subcommands (session add|list|void|restore, member list|leave, funds …), found by name in one
 * table: run gets argv from the subcommand's name on. No name, or a name not in the table, is a usage error
 * listing the table's names. */
struct cli_sub {
    const char *name;
    int (*run)(struct cli *cli, int argc, char **argv);
};
int cli_subcommand(struct cli *cli, int argc, char **argv, const char *command, const struct cli_sub *subs, size_t n);
#define CLI_SUBS(cli, argc, argv, command, ...)                                                                        \
    cli_subcommand(cli, argc, argv, command, (const struct cli_sub[]){__VA_ARGS__},                                     \
                   sizeof((const struct cli_sub[]){__VA_ARGS__}) / sizeof(struct cli_sub))

/* Open the ledger for this command (writer: take the writer lock). */
int cli_open(struct cli *cli, int flags, sqlite3 **db);

/* Option scanning for subcommands: "--name VALUE" or "--name=VALUE".
 * Returns the value and advances *i, or NULL if argv[*i] is not that option. */
const char *cli_opt(int argc, char **argv, int *i, const char *name);

/* One function per subcommand, each in its own tui/cli/cli_*.c. */
int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_session(struct cli *cli, int argc, char **argv);
int cmd_member(struct cli *cli, int argc, char **argv);
int cmd_funds(struct cli *cli, int argc, char **argv);
int cmd_points(struct cli *cli, int argc, char **argv);
int cmd_problem(struct cli *cli, int argc, char **argv);
int cmd_attach(struct cli *cli, int argc, char **argv);
int cmd_standards(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_mark(struct cli *cli, int argc, char **argv);
int cmd_sheet(struct cli *cli, int argc, char **argv);
/* STANDARD (an id, short name, title or a file's path) into *one (a file of its own) or a member of *l
 * (cli_check.c); an exit status, the error said. */
struct std_list;
struct standard;
int cli_pick_standard(const struct cli *cli, const char *arg, struct std_list *l, struct standard *one,
                      const struct standard **out);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_merge(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_restore(struct cli *cli, int argc, char **argv);
int cmd_verify(struct cli *cli, int argc, char **argv);
int cmd_close_year(struct cli *cli, int argc, char **argv);
int cmd_plan(struct cli *cli, int argc, char **argv);
int cmd_open_year(struct cli *cli, int argc, char **argv);

/* One row of a text table on stdout: each cell sanitised, cut or padded to widths[i] columns (aligns[i] 'l' or
 * 'r'), two spaces apart; the last cell as it is. */
void cli_print_row(const char *cols[], const int widths[], const char *aligns, int n);

/* The standards installed and the county's own (cli_check.c); 0, or the exit status after saying why. */
struct std_list;
int cli_load_standards(const struct cli *cli, struct std_list *l);
/* An import's lines and summary on stdout/stderr as `fenxiao import` prints them, res freed; returns the exit status
 * for import_run's code (cli_exchange.c). */
struct import_options;
struct import_result;
int cli_import_report(const struct import_options *opt, struct import_result *res, int code, struct fx_error *err,
                      bool verbose);
/* Open the ledger, import file with opt (its cfg set from cli) and report as above; counts (may be NULL) gets the
 * result's counts, without its lines. Returns the exit status. */
int cli_import_file(struct cli *cli, const char *file, struct import_options *opt, bool verbose,
                    struct import_result *counts);

/* The screens (tui/screens/app.c): returns the exit status. */
int tui_run(struct cli *cli);
/* The manual's key sections from the screens' key tables (tui/screens/keys_doc.c):
 * keys-<tab id> (keys-ledger …), keys-frame, keys-views. 0, or FX_EUSAGE for another name. */
int tui_generate(const char *name, FILE *out);

#endif
