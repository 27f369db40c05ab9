/* cli_doc.c — what the command table makes for people: --help, `fenxiao help COMMAND`, the manual's
 * SYNOPSIS (English and Chinese) and the bash completion, so none of them is written by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "text.h"

#define HELP_WIDTH 78 /* --help wraps its synopses here */
#define HELP_COL   36 /* where a command's summary starts */

/* ---- synopsis words ------------------------------------------------------ */

/* "--unit 名称", "[--force]", "--format text|csv": one option as a synopsis writes it. */
static void option_words(const struct cli_option *o, char *out, size_t outsz)
{
    const char *arg = o->values ? o->values : o->arg;
    bool req = o->flags & CLI_OPT_REQUIRED;
    snprintf(out, outsz, "%s%s%s%s%s", req ? "" : "[", o->name, arg ? " " : "", arg ? arg : "", req ? "" : "]");
}

/* Words laid out in lines of at most HELP_WIDTH columns; a word that does not fit starts the next line at indent. */
struct wrap {
    FILE *out;
    int col, indent;
    bool fresh; /* nothing on the line yet after col: the next word needs no space */
};

static void wrap_word(struct wrap *w, const char *word)
{
    int ww = text_width(word);
    if (!w->fresh && w->col + 1 + ww > HELP_WIDTH) {
        fprintf(w->out, "\n%*s", w->indent, "");
        w->col = w->indent;
        w->fresh = true;
    }
    if (!w->fresh) {
        fputc(' ', w->out);
        w->col++;
    }
    fputs(word, w->out);
    w->col += ww;
    w->fresh = false;
}

static void wrap_options(struct wrap *w, const struct cli_option *opts)
{
    char word[256];
    for (const struct cli_option *o = opts; o && o->name; o++) {
        option_words(o, word, sizeof word);
        wrap_word(w, word);
    }
}

/* "session add --date 日期 …" from column indent, wrapped; common options too when with_common. */
static void help_synopsis(FILE *out, int indent, const struct cli_command *c, const struct cli_form *f,
                          bool with_common)
{
    fprintf(out, "%*s%s", indent, "", c->name);
    struct wrap w = {out, indent + text_width(c->name), 0, false};
    if (f->word)
        wrap_word(&w, f->word);
    /* Continuation lines start under the first word after the command (and its form's word). */
    w.indent = w.col + 1;
    if (f->args && f->args[0])
        wrap_word(&w, f->args);
    wrap_options(&w, f->options);
    if (with_common)
        wrap_options(&w, f->common);
}

/* One entry of a list: the synopsis, and the summary beside it when the synopsis is short, else under it. */
static void help_entry(FILE *out, const char *synopsis, const char *summary)
{
    if (!summary || !summary[0]) {
        fprintf(out, "%s\n", synopsis);
    } else if (!strchr(synopsis, '\n') && text_width(synopsis) <= HELP_COL - 2) {
        char cell[600];
        text_fit_pad(cell, sizeof cell, synopsis, HELP_COL, 'l');
        fprintf(out, "%s%s\n", cell, summary);
    } else {
        fprintf(out, "%s\n%*s%s\n", synopsis, HELP_COL, "", summary);
    }
}

/* help_synopsis into a string (the caller frees it), so it can be measured before it is placed. */
static char *synopsis_text(int indent, const struct cli_command *c, const struct cli_form *f, bool with_common)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return NULL;
    help_synopsis(mem, indent, c, f, with_common);
    fclose(mem);
    return buf;
}

/* The command's line in the list: its whole synopsis, or its words ("add|list|void …") when it has several. */
static void help_command_line(FILE *out, const struct cli_command *c)
{
    struct cli_form f;
    if (cli_command_form(c, 1, &f)) {
        char line[512];
        size_t n = (size_t)snprintf(line, sizeof line, "  %s ", c->name);
        for (int i = 0; cli_command_form(c, i, &f) && n < sizeof line; i++) {
            char next[64];
            snprintf(next, sizeof next, "%s%s", i ? "|" : "", f.word);
            if (text_width(line) + text_width(next) > HELP_COL - 6) {
                n += (size_t)snprintf(line + n, sizeof line - n, "|…");
                break;
            }
            n += (size_t)snprintf(line + n, sizeof line - n, "%s", next);
        }
        snprintf(line + n, sizeof line - n, " …");
        help_entry(out, line, c->summary);
        return;
    }
    cli_command_form(c, 0, &f);
    char *text = synopsis_text(2, c, &f, true);
    if (text)
        help_entry(out, text, c->summary);
    free(text);
}

/* The forms of a command with several, one synopsis each, and the options they share once. */
static void help_forms(FILE *out, const struct cli_command *c)
{
    struct cli_form f;
    const struct cli_option *common = NULL;
    fprintf(out, "\n%s 的子命令：\n", c->name);
    for (int i = 0; cli_command_form(c, i, &f); i++) {
        char *text = synopsis_text(2, c, &f, false);
        if (text)
            help_entry(out, text, f.summary);
        free(text);
        common = f.common;
    }
    if (common) {
        fprintf(out, "  以上都可以加：");
        struct wrap w = {out, 2 + text_width("以上都可以加："), 16, true};
        wrap_options(&w, common);
        fprintf(out, "\n");
    }
}

static void help_option_lines(FILE *out, int indent, const struct cli_option *opts)
{
    for (const struct cli_option *o = opts; o && o->name; o++) {
        char head[160], cell[400];
        const char *arg = o->values ? o->values : o->arg;
        snprintf(head, sizeof head, "%*s%s%s%s%s%s", indent, "", o->name, o->alias ? ", " : "",
                 o->alias ? o->alias : "", arg ? " " : "", arg ? arg : "");
        text_fit_pad(cell, sizeof cell, head, 28, 'l');
        if (text_width(head) > 26)
            fprintf(out, "%s\n%28s%s\n", head, "", o->help);
        else
            fprintf(out, "%s%s\n", cell, o->help);
    }
}

void cli_help(FILE *out)
{
    fputs("用法：fenxiao [--db 文件] [--config 文件] [命令 …]\n"
          "分校台账：乡镇（街道）党校分校的培训台账、培训菜单与“八个一”清单。\n"
          "不带命令时打开全屏界面。\n\n命令：\n",
          out);
    for (int i = 0; i < cli_ncommands; i++)
        help_command_line(out, &cli_commands[i]);
    struct cli_form f;
    for (int i = 0; i < cli_ncommands; i++)
        if (cli_command_form(&cli_commands[i], 1, &f))
            help_forms(out, &cli_commands[i]);
    fputs("\n全局选项：\n", out);
    help_option_lines(out, 2, cli_global_options);
    fputs("\n每个命令的选项和说明：fenxiao help 命令（例如 fenxiao help report）。\n"
          "\n退出状态：0 成功；1 否定的结果；2 用法错误；3 输入有误（未写入任何内容）；\n"
          "4 账本被另一个程序占用；5 文件系统拒绝（只读、磁盘满）；6 年度已交账。\n"
          "详见 man fenxiao。\n",
          out);
}

/* `fenxiao help COMMAND`: each form with what its options do. */
void cli_help_command(FILE *out, const struct cli_command *c)
{
    fprintf(out, "fenxiao %s：%s\n", c->name, c->summary);
    struct cli_form f;
    const struct cli_option *common = NULL;
    for (int i = 0; cli_command_form(c, i, &f); i++) {
        char *text = synopsis_text(2, c, &f, false);
        fprintf(out, "\n");
        if (text)
            help_entry(out, text, f.summary);
        free(text);
        help_option_lines(out, 4, f.options);
        common = f.common;
    }
    if (common) {
        fprintf(out, "\n都可以加：\n");
        help_option_lines(out, 4, common);
    }
}

/* ---- the manual's SYNOPSIS ----------------------------------------------- */

/* Text for a roff argument: hyphens as \-, backslashes escaped, and "file..." not taken for a sentence's end. */
static void roff(FILE *out, const char *s)
{
    size_t n = strlen(s);
    for (const char *p = s; *p; p++) {
        if (*p == '-')
            fputs("\\-", out);
        else if (*p == '\\')
            fputs("\\e", out);
        else
            fputc(*p, out);
    }
    if (n && strchr(".?!", s[n - 1]))
        fputs("\\&", out);
}

/* Positional words: "[P]" in brackets, the rest italic. */
static void roff_args(FILE *out, const char *args)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", args ? args : "");
    for (char *save = NULL, *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        size_t n = strlen(w);
        if (n > 2 && w[0] == '[' && w[n - 1] == ']') {
            w[n - 1] = '\0';
            fputs(".RI [ ", out);
            roff(out, w + 1);
            fputs(" ]\n", out);
        } else {
            fputs(".I ", out);
            roff(out, w);
            fputs("\n", out);
        }
    }
}

static void roff_options(FILE *out, const struct cli_option *opts, bool zh)
{
    for (const struct cli_option *o = opts; o && o->name; o++) {
        const char *arg = o->values ? o->values : zh ? o->arg : o->arg_en;
        if (o->flags & CLI_OPT_REQUIRED) {
            fputs(".B ", out);
            roff(out, o->name);
            fputs("\n", out);
            if (arg) {
                fputs(".I ", out);
                roff(out, arg);
                fputs("\n", out);
            }
        } else {
            fputs(".OP ", out);
            roff(out, o->name);
            if (arg) {
                fputs(" ", out);
                roff(out, arg);
            }
            fputs("\n", out);
        }
    }
}

void cli_man_synopsis(FILE *out, bool zh)
{
    /* The global options that take a file, then those that stand alone (--help | --version). */
    fputs(".SY fenxiao\n", out);
    for (const struct cli_option *o = cli_global_options; o->name; o++)
        if (o->arg) {
            fputs(".OP ", out);
            roff(out, o->name);
            fputs(" ", out);
            roff(out, zh ? o->arg : o->arg_en);
            fputs("\n", out);
        }
    fputs(zh ? ".RI [ 命令 \" [\" 选项 ]]\n" : ".RI [ command \" [\" options ]]\n", out);
    fputs(".YS\n.SY fenxiao\n", out);
    bool first = true;
    for (const struct cli_option *o = cli_global_options; o->name; o++)
        if (!o->arg) {
            fputs(first ? ".B " : "|\n.B ", out);
            roff(out, o->alias && o->alias[1] == '-' ? o->alias : o->name);
            fputs("\n", out);
            first = false;
        }
    fputs(".YS\n", out);
    for (int i = 0; i < cli_ncommands; i++) {
        const struct cli_command *c = &cli_commands[i];
        struct cli_form f;
        const struct cli_option *common = NULL;
        for (int k = 0; cli_command_form(c, k, &f); k++) {
            common = f.common;
            if (k == 0 && common) {
                /* What every form shares, once: "fenxiao report kind … [--format …]". */
                fprintf(out, ".SY fenxiao\n.B %s\n.I %s\n.RB …\n", c->name, zh ? "报表" : "kind");
                roff_options(out, common, zh);
                fputs(".YS\n", out);
            }
            fprintf(out, ".SY fenxiao\n.B %s\n", c->name);
            if (f.word)
                fprintf(out, ".B %s\n", f.word);
            roff_args(out, zh ? f.args : f.args_en);
            roff_options(out, f.options, zh);
            fputs(".YS\n", out);
        }
    }
}

/* ---- bash completion ----------------------------------------------------- */

static void bash_words(FILE *out, const char *words)
{
    for (const char *p = words; *p; p++)
        fputc(*p == '|' ? ' ' : *p, out);
}

/* One form's case: its flags, the options that take a value, and what its first positional takes. */
static void bash_form(FILE *out, const struct cli_command *c, const struct cli_form *f)
{
    const struct cli_option *lists[2] = {f->options, f->common};
    fprintf(out, "    %s/%s)\n        _fx_flags='", c->name, f->word ? f->word : "");
    for (int l = 0; l < 2; l++)
        for (const struct cli_option *o = lists[l]; o && o->name; o++)
            if (!o->arg)
                fprintf(out, " %s%s%s", o->name, o->alias ? " " : "", o->alias ? o->alias : "");
    fputs("'\n        _fx_args='", out);
    for (int l = 0; l < 2; l++)
        for (const struct cli_option *o = lists[l]; o && o->name; o++)
            if (o->arg)
                fprintf(out, " %s%s%s", o->name, o->alias ? " " : "", o->alias ? o->alias : "");
    fputs("'\n        _fx_pos='", out);
    if (!f->args || !f->args[0])
        fputs("", out);
    else if (!f->values)
        fputs("@file", out);
    else
        bash_words(out, f->values);
    fputs("' ;;\n", out);
}

static void bash_values(FILE *out, const struct cli_command *c, const struct cli_form *f)
{
    const struct cli_option *lists[2] = {f->options, f->common};
    for (int l = 0; l < 2; l++)
        for (const struct cli_option *o = lists[l]; o && o->name; o++) {
            if (!o->values && !(o->flags & CLI_OPT_FILE))
                continue;
            for (int spelling = 0; spelling < 2; spelling++) {
                const char *name = spelling ? o->alias : o->name;
                if (!name)
                    continue;
                fprintf(out, "    %s/%s/%s) _fx_words='", c->name, f->word ? f->word : "", name);
                if (o->values)
                    bash_words(out, o->values);
                else
                    fputs("@file", out);
                fputs("' ;;\n", out);
            }
        }
}

void cli_bash_completion(FILE *out)
{
    fputs("# fenxiao — bash completion for fenxiao(1), made from its command table by `fenxiao --generate\n"
          "# bash-completion` (tui/cli/cli_commands.c): edit the table, not this file.\n\n",
          out);
    /* The command's forms and options. */
    fputs("_fenxiao_spec()\n{\n    _fx_subs= _fx_flags= _fx_args= _fx_pos=\n    case \"$1/$2\" in\n", out);
    for (int i = 0; i < cli_ncommands; i++) {
        const struct cli_command *c = &cli_commands[i];
        struct cli_form f;
        if (cli_command_form(c, 1, &f)) {
            fprintf(out, "    %s/) _fx_subs='", c->name);
            for (int k = 0; cli_command_form(c, k, &f); k++)
                fprintf(out, "%s%s", k ? " " : "", f.word);
            fputs("' ;;\n", out);
        }
        for (int k = 0; cli_command_form(c, k, &f); k++)
            bash_form(out, c, &f);
    }
    fputs("    esac\n}\n\n", out);
    /* What an option's value may be. */
    fputs("_fenxiao_values()\n{\n    _fx_words=\n    case \"$1/$2/$3\" in\n", out);
    fputs("    //--db | //--config) _fx_words='@file' ;;\n", out);
    for (int i = 0; i < cli_ncommands; i++) {
        struct cli_form f;
        for (int k = 0; cli_command_form(&cli_commands[i], k, &f); k++)
            bash_values(out, &cli_commands[i], &f);
    }
    fputs("    esac\n}\n\n", out);
    fputs("_fenxiao()\n"
          "{\n"
          "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
          "    local cmd= sub= npos=0 i w _fx_subs _fx_flags _fx_args _fx_pos _fx_words\n"
          "    COMPREPLY=()\n"
          "    # Walk the words before the cursor: the command, its form, and how many positionals.\n"
          "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
          "        w=${COMP_WORDS[i]}\n"
          "        _fenxiao_spec \"$cmd\" \"$sub\"\n"
          "        case \" --db --config $_fx_args \" in *\" $w \"*) ((i++)); continue ;; esac\n"
          "        case $w in -*) continue ;; esac\n"
          "        if [[ -z $cmd ]]; then cmd=$w\n"
          "        elif [[ -z $sub && -n $_fx_subs ]]; then sub=$w\n"
          "        else ((npos++)); fi\n"
          "    done\n"
          "    _fenxiao_spec \"$cmd\" \"$sub\"\n"
          "    # The value of an option.\n"
          "    case \" $_fx_args \" in *\" $prev \"*)\n"
          "        _fenxiao_values \"$cmd\" \"$sub\" \"$prev\"\n"
          "        if [[ $_fx_words == @file ]]; then COMPREPLY=($(compgen -f -- \"$cur\"))\n"
          "        else COMPREPLY=($(compgen -W \"$_fx_words\" -- \"$cur\")); fi\n"
          "        return ;;\n"
          "    esac\n"
          "    case $prev in --db | --config) COMPREPLY=($(compgen -f -- \"$cur\")); return ;; esac\n"
          "    if [[ -z $cmd ]]; then\n"
          "        COMPREPLY=($(compgen -W \"",
          out);
    for (int i = 0; i < cli_ncommands; i++)
        fprintf(out, "%s ", cli_commands[i].name);
    for (const struct cli_option *o = cli_global_options; o->name; o++)
        fprintf(out, "%s%s%s ", o->name, o->alias ? " " : "", o->alias ? o->alias : "");
    fputs("help\" -- \"$cur\"))\n"
          "    elif [[ $cmd == help && -z $sub && $npos == 0 ]]; then\n"
          "        COMPREPLY=($(compgen -W \"",
          out);
    for (int i = 0; i < cli_ncommands; i++)
        fprintf(out, "%s%s", i ? " " : "", cli_commands[i].name);
    fputs("\" -- \"$cur\"))\n"
          "    elif [[ -n $_fx_subs && -z $sub ]]; then\n"
          "        COMPREPLY=($(compgen -W \"$_fx_subs\" -- \"$cur\"))\n"
          "    elif [[ $cur == -* ]]; then\n"
          "        COMPREPLY=($(compgen -W \"$_fx_flags $_fx_args\" -- \"$cur\"))\n"
          "    elif [[ $npos == 0 && -n $_fx_pos && $_fx_pos != @file ]]; then\n"
          "        COMPREPLY=($(compgen -W \"$_fx_pos\" -- \"$cur\"))\n"
          "    elif [[ -n $_fx_pos ]]; then\n"
          "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
          "    fi\n"
          "}\n"
          "complete -o filenames -F _fenxiao fenxiao\n",
          out);
}

/* Every option of every form, "command word option value|flag [alias]", for the tests that hold the parsers to the
 * table. */
void cli_list_options(FILE *out)
{
    for (int i = 0; i < cli_ncommands; i++) {
        struct cli_form f;
        for (int k = 0; cli_command_form(&cli_commands[i], k, &f); k++) {
            const struct cli_option *lists[2] = {f.options, f.common};
            for (int l = 0; l < 2; l++)
                for (const struct cli_option *o = lists[l]; o && o->name; o++)
                    for (int spelling = 0; spelling < 2; spelling++)
                        if (spelling ? o->alias != NULL : true)
                            fprintf(out, "%s %s %s %s%s\n", cli_commands[i].name, f.word ? f.word : "-",
                                    spelling ? o->alias : o->name, o->arg ? "value" : "flag", spelling ? " alias" : "");
        }
    }
}
