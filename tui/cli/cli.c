/* cli.c — shared plumbing of the subcommands, and `fenxiao init`.
 * Every command opens the ledger through cli_open so errors read the same. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_limits.h"
#include "date.h"
#include "maint.h"
#include "store.h"
#include "vocab.h"
#include "text.h"

int cli_report(const struct fx_error *err)
{
    char msg[sizeof err->msg];
    text_sanitize(msg, sizeof msg, err->msg);
    fprintf(stderr, "fenxiao: %s\n", msg[0] ? msg : "未知错误");
    if (err->detail[0] && getenv("FENXIAO_DEBUG")) {
        text_sanitize(msg, sizeof msg, err->detail);
        fprintf(stderr, "  (%s)\n", msg);
    }
    return fx_exit_status(err->code ? err->code : FX_EINTERNAL);
}

int cli_check_future(const char *date, const char *what, bool future)
{
    struct fx_error err;
    fx_clear(&err);
    if (future || !date_check_not_future(date, what, &err))
        return 0;
    cli_say("fenxiao: %s；确是将来的日期请加 --future，否则请改正日期。未写入任何内容", err.msg);
    return fx_exit_status(FX_EINPUT);
}

int cli_usage(const char *fmt, ...)
{
    /* A usage message often echoes what was typed: it goes through the sanitiser like every message. */
    char msg[1024], clean[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "fenxiao: %s\n", text_sanitize(clean, sizeof clean, msg));
    return FX_EUSAGE;
}

int cli_say(const char *fmt, ...)
{
    char msg[2048], clean[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fprintf(stderr, "%s\n", text_sanitize(clean, sizeof clean, msg));
}

int cli_text(const char *opt, const char *label, const char *v, char *dst, size_t dstsz, size_t max_chars,
             unsigned flags)
{
    struct fx_error err;
    fx_clear(&err);
    if (text_check_field(&err, "", label, v, max_chars, flags)) {
        cli_say("fenxiao: %s：%s", opt, err.msg);
        return FX_EINPUT;
    }
    if (!text_copy(dst, dstsz, v)) { /* only a limit larger than its buffer could get here: refuse, never cut */
        cli_say("fenxiao: %s：%s太长", opt, label);
        return FX_EINPUT;
    }
    return 0;
}

int cli_number(const char *opt, const char *v, double lo, double hi, double *out)
{
    double x;
    if (!text_parse_number(v, lo < 0, &x)) {
        cli_say("fenxiao: %s 应为数字（如 2 或 1.5），而不是“%s”", opt, v);
        return FX_EINPUT;
    }
    if (x < lo || x > hi) {
        cli_say("fenxiao: %s 应在 %g 到 %g 之间，而不是 %s", opt, lo, hi, v);
        return FX_EINPUT;
    }
    *out = x;
    return 0;
}

int cli_int(const char *opt, const char *v, long long lo, long long hi, long long *out)
{
    long long x;
    if (!text_parse_int(v, lo < 0, &x)) {
        cli_say("fenxiao: %s 应为整数，而不是“%s”", opt, v);
        return FX_EINPUT;
    }
    if (x < lo || x > hi) {
        cli_say("fenxiao: %s 应在 %lld 到 %lld 之间，而不是 %s", opt, lo, hi, v);
        return FX_EINPUT;
    }
    *out = x;
    return 0;
}

int cli_void_args(int argc, char **argv, const char *command, long long *id, const char **reason)
{
    const char *id_text = NULL;
    *reason = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--reason")) != NULL)
            *reason = v;
        else if (argv[i][0] != '-' && !id_text)
            id_text = argv[i];
        else
            return cli_usage("%s：未知的参数 %s", command, argv[i]);
    }
    if (!id_text || !*reason)
        return cli_usage("用法：fenxiao %s 编号 --reason 原因", command);
    char *end;
    *id = strtoll(id_text, &end, 10);
    if (*end || *id <= 0)
        return cli_usage("编号应为正整数：%s", id_text);
    return 0;
}

int cli_subcommand(struct cli *cli, int argc, char **argv, const char *command, const struct cli_sub *subs, size_t n)
{
    for (size_t i = 0; argc >= 2 && i < n; i++)
        if (!strcmp(argv[1], subs[i].name))
            return subs[i].run(cli, argc - 1, argv + 1);
    char names[200] = "";
    for (size_t i = 0; i < n; i++)
        text_format(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? "|" : "", subs[i].name);
    if (argc < 2)
        return cli_usage("用法：fenxiao %s %s …（见 fenxiao --help）", command, names);
    return cli_usage("未知的 %s 子命令：%s（可用：%s）", command, argv[1], names);
}

int cli_open(struct cli *cli, int flags, sqlite3 **db)
{
    struct fx_error err;
    fx_clear(&err);
    if (store_open(cli->db_path, flags, db, &err))
        return cli_report(&err);
    /* The class of each kind (培训, 组织生活, 其他) as data/vocab.ini and the county's config say, written
     * into the ledger before any figure is read (a read-only command asks a writer connection to do it). */
    bool stale = false;
    if (!(flags & STORE_NEW) && !vocab_refresh_classes(*db, &cli->cfg, false, &stale, &err) && stale) {
        if (flags & STORE_WRITER) {
            if (vocab_apply_config(*db, &cli->cfg, &err))
                fprintf(stderr, "fenxiao: 未能按配置更新记录类型的归类：%s\n", err.msg);
        } else {
            sqlite3 *w = NULL;
            store_close(*db);
            *db = NULL;
            if (store_open(cli->db_path, STORE_WRITER, &w, &err) || vocab_apply_config(w, &cli->cfg, &err))
                fprintf(stderr, "fenxiao: 未能按配置更新记录类型的归类：%s\n", err.msg);
            store_close(w);
            fx_clear(&err);
            if (store_open(cli->db_path, flags, db, &err))
                return cli_report(&err);
        }
    }
    fx_clear(&err);
    const char *warn = maint_network_warning(cli->db_path);
    if (warn)
        fprintf(stderr, "fenxiao: %s\n", warn);
    if ((warn = maint_dir_warning(cli->db_path)) != NULL)
        fprintf(stderr, "fenxiao: %s\n", warn);
    if (flags & STORE_WRITER) {
        /* The first write of the day leaves yesterday's state behind in backups/. */
        char dir[4096];
        if (cli->cfg.backup_dir[0])
            snprintf(dir, sizeof dir, "%s", cli->cfg.backup_dir);
        else
            maint_backup_dir(cli->db_path, dir, sizeof dir);
        if (maint_auto_backup(*db, dir, cli->cfg.backup_keep, NULL, &err))
            fprintf(stderr, "fenxiao: 自动备份未完成：%s\n", err.msg);
    }
    return 0;
}

const char *cli_opt(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != '\0')
        return NULL;
    if (*i + 1 >= argc)
        return ""; /* the caller reports the missing value */
    return argv[++*i];
}

int cmd_init(struct cli *cli, int argc, char **argv)
{
    const char *unit = cli->cfg.unit[0] ? cli->cfg.unit : NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--unit")) != NULL)
            unit = v;
        else
            return cli_usage("init：未知的参数 %s", argv[i]);
    }
    char name[FX_TEXT_BYTES(FX_PLACE_CHARS)];
    if (cli_text("--unit", "单位名称", unit && *unit ? unit : "本乡镇党校分校", name, sizeof name, FX_PLACE_CHARS, 0))
        return FX_EINPUT;
    if (!*text_trim(name))
        return cli_usage("init：--unit 需要一个名称");
    sqlite3 *db;
    int rc = cli_open(cli, STORE_CREATE | STORE_NEW | STORE_WRITER, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    rc = store_init_unit(db, name, &err);
    store_close(db);
    if (rc)
        return cli_report(&err);
    cli_say("已新建账本：%s（%s）", cli->db_path, name);
    return 0;
}

void cli_print_row(const char *cols[], const int widths[], const char *aligns, int n)
{
    char cell[1024], clean[1024];
    for (int i = 0; i < n; i++) {
        text_sanitize(clean, sizeof clean, cols[i]);
        if (i + 1 < n) {
            text_fit_pad(cell, sizeof cell, clean, widths[i], aligns[i]);
            fputs(cell, stdout);
            fputs("  ", stdout);
        } else {
            puts(clean);
        }
    }
}
