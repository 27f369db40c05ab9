/* check_export.c — the 清单 screen's F5: the checklist shown and the sessions behind each tick, to file;
 * the unit's list as the 报表 page's PDF, branch views (and a failed PDF) as a text file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "check_views.h"
#include "dialog.h"
#include "date.h"
#include "outfile.h"
#include "paths.h"
#include "render.h"
#include "report.h"
#include "report_more.h"
#include "screen.h"
#include "standard.h"
#include "text.h"

static void put_line(FILE *f, const char *indent, const char *s)
{
    char clean[2048];
    fprintf(f, "%s%s\n", indent, text_sanitize(clean, sizeof clean, s));
}

static void put_cell(FILE *f, const char *s, int cols, char align)
{
    char clean[1024], out[1024];
    text_sanitize(clean, sizeof clean, s);
    text_fit_pad(out, sizeof out, clean, cols, align);
    fputs(out, f);
}

static void export_items(FILE *f, const struct standard *std, const struct std_result *res)
{
    put_cell(f, "#", 4, 'r'), fputs("  ", f), put_cell(f, "状态", 10, 'l'), fputs("  ", f);
    put_cell(f, "条目", 32, 'l'), fputs("  ", f), put_cell(f, "依据", 4, 'l'), fputs("  ", f);
    put_cell(f, "完成/要求", 9, 'r');
    if (std->scored)
        fputs("  ", f), put_cell(f, "得分", 9, 'r');
    fputs("\n", f);
    for (int i = 0; i < res->nitems; i++) {
        const struct std_item_result *r = &res->items[i];
        const struct std_item *it = r->item;
        char s[1024], more[768];
        put_cell(f, it->id, 4, 'r'), fputs("  ", f);
        check_state_text(r, s, sizeof s);
        put_cell(f, s, 10, 'l'), fputs("  ", f);
        put_cell(f, it->title, 32, 'l'), fputs("  ", f);
        put_cell(f, standard_evidence_name(it->evidence), 4, 'l'), fputs("  ", f);
        snprintf(s, sizeof s, "%d/%d", r->found, r->required);
        put_cell(f, s, 9, 'r');
        if (std->scored) {
            snprintf(s, sizeof s, "%g/%g", r->points, it->points);
            fputs("  ", f), put_cell(f, s, 9, 'r');
        }
        fputs("\n", f);
        check_evidence_words(it, s, sizeof s);
        put_line(f, "        依据：", s);
        if (r->marked) {
            snprintf(s, sizeof s, "%s%s%s", r->mark_date, r->mark_note[0] ? "：" : "", r->mark_note);
            put_line(f, "        已标记 ", s);
            if (r->mark_files[0])
                put_line(f, "          附件：", r->mark_files);
        }
        if ((it->evidence == STD_ROSTER && it->count != STD_COUNT_DIRECTORY) || it->evidence == STD_RATE ||
            it->evidence == STD_FUNDS ||
            it->local[0]) {
            standard_requirement_text(r, s, sizeof s);
            put_line(f, "        ", s);
        }
        if (it->local[0])
            put_line(f, "        本县口径：", it->local);
        if (r->nshort && standard_lacking_subs(r, true, 0, more, sizeof more))
            put_line(f, "        缺：", more);
        for (int k = 0; k < r->nproofs; k++) {
            const struct std_proof *p = &r->proofs[k];
            snprintf(s, sizeof s, "#%lld  %s  %s（%s）", (long long)p->id, p->date, p->title, p->kind);
            put_line(f, "        证明：", s);
            if (p->files[0])
                put_line(f, "          附件：", p->files);
        }
    }
    char totals[256];
    standard_totals_text(std, res, totals, sizeof totals);
    fprintf(f, "\n合计：%s\n", totals);
}

static void export_table(FILE *f, const struct standard *std, const struct std_branch_summary *s)
{
    put_cell(f, "党组织", 24, 'l');
    for (int i = 0; i < std->nitems; i++)
        fputs(" ", f), put_cell(f, std->items[i].id, 4, 'r');
    fputs("  ", f), put_cell(f, "完成", 7, 'r');
    if (std->scored)
        fputs("  ", f), put_cell(f, "得分", 7, 'r'), fputs("  ", f), put_cell(f, "星级", 4, 'r');
    fputs("\n", f);
    for (int b = 0; b < s->n; b++) {
        const struct std_result *r = &s->results[b];
        char t[64];
        put_cell(f, s->branch_name[b], 24, 'l');
        for (int i = 0; i < r->nitems; i++)
            fputs(" ", f), put_cell(f, r->items[i].state == STD_DONE ? "✓" : "✗", 4, 'r');
        snprintf(t, sizeof t, "%d/%d", r->done, r->nitems);
        fputs("  ", f), put_cell(f, t, 7, 'r');
        if (std->scored) {
            snprintf(t, sizeof t, "%g", r->score);
            fputs("  ", f), put_cell(f, t, 7, 'r');
            snprintf(t, sizeof t, "%d", r->stars);
            fputs("  ", f), put_cell(f, t, 4, 'r');
        }
        fputs("\n", f);
    }
    fputs("\n", f);
    for (int i = 0; i < std->nitems; i++) {
        char t[300];
        snprintf(t, sizeof t, "%s  %s", std->items[i].id, std->items[i].title);
        put_line(f, "条目 ", t);
    }
    struct std_rates_text rates;
    standard_rates_text(std, s, &rates);
    fprintf(f, "\n%s\n", rates.sentence);
    /* The evidence behind each branch's ticks, for the inspection file. */
    for (int b = 0; b < s->n; b++) {
        fputs("\n", f);
        put_line(f, "党组织：", s->branch_name[b]);
        export_items(f, std, &s->results[b]);
    }
}

/* Where exports go: beside the PDFs the reports print, $XDG_DATA_HOME/fenxiao/print (0700). */
static int export_path(const struct check_state *cs, const struct standard *std, char *out, size_t n,
                       struct fx_error *err)
{
    char dir[4096];
    int rc = paths_print_dir(dir, sizeof dir, err);
    if (rc)
        return rc;
    /* The id is meant to be ASCII, but it came from a file: keep only what is safe in a name. */
    char id[64], period[16], stamp[32];
    size_t k = 0;
    for (const char *p = std->id; *p && k < sizeof id - 1; p++)
        id[k++] =
            (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ? *p : '_';
    id[k] = '\0';
    period_format(&cs->period, period, sizeof period);
    struct tm tm;
    date_now(&tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    int w = snprintf(out, n, "%s/check-%s-%s%s%lld-%s.txt", dir, id[0] ? id : "standard", period,
                     cs->branch_id ? "-b" : "", (long long)cs->branch_id, stamp);
    if (w < 0 || (size_t)w >= n)
        return fx_fail(err, FX_EFS, "导出文件的路径太长：%s", dir);
    if (!cs->branch_id) /* "-b0" says nothing: drop it */
        text_format(out, n, "%s/check-%s-%s-%s.txt", dir, id[0] ? id : "standard", period, stamp);
    return 0;
}

static int export_text(struct app *app, const struct check_state *cs, const struct standard *std, const char *why);

/* F5: the unit's checklist as the reports print it (core/report_more.c → PDF),
 * so the paper in the inspection file is the 报表 page's; branch views, which
 * that report does not cover, and a PDF that cannot be made go to a text file. */
int check_export(struct app *app, const struct check_state *cs, const struct standard *std)
{
    if (!std || cs->have_sum || cs->branch_id || !cs->have_res)
        return export_text(app, cs, std, NULL);
    struct report *rep = calloc(1, sizeof *rep);
    char path[4096];
    struct fx_error err;
    fx_clear(&err);
    int rc = rep ? report_checklist(app->db, app->cfg, std, &cs->period, rep, &err)
                 : fx_fail(&err, FX_EINTERNAL, "内存不足");
    if (!rc)
        rc = render_print_path(rep, path, sizeof path, &err);
    if (!rc)
        rc = render_file(rep, RENDER_PDF, path, 0, false, &err);
    free(rep);
    if (rc)
        return export_text(app, cs, std, err.msg);
    char msg[4400];
    snprintf(msg, sizeof msg, "清单和佐证已生成 PDF：\n%s\n（可以打印或归档；也可在「报表」页选“清单”打印）", path);
    dialog_message(app, "打印清单", msg);
    app_status(app, "PDF：%s", path);
    return SCR_HANDLED | SCR_REDRAW;
}

/* The checklist with its evidence as a text file; why says why not a PDF (NULL: no PDF for this view). */
static int export_text(struct app *app, const struct check_state *cs, const struct standard *std, const char *why)
{
    if (!std || (!cs->have_res && !cs->have_sum)) {
        app_status(app, "没有可以导出的清单");
        return SCR_HANDLED;
    }
    char path[4200];
    struct fx_error err;
    fx_clear(&err);
    /* The screen's items carry no attachment names (standard_evaluate_brief): the file's evidence names them. */
    struct std_result full;
    if (!cs->have_sum) {
        char today[11];
        struct fx_date t;
        date_today(&t);
        date_format(&t, today);
        if (standard_evaluate_at(app->db, std, &cs->period, cs->branch_id, today, &full, &err)) {
            app_error(app, &err);
            return SCR_HANDLED | SCR_REDRAW;
        }
    }
    struct outfile o;
    if (export_path(cs, std, path, sizeof path, &err) || outfile_open(&o, path, 0, &err)) {
        if (!cs->have_sum)
            standard_result_free(&full);
        app_error(app, &err);
        return SCR_HANDLED | SCR_REDRAW;
    }
    FILE *f = o.f;
    char label[32], now[32], line[1024];
    period_label(&cs->period, label, sizeof label);
    struct tm tm;
    date_now(&tm);
    strftime(now, sizeof now, "%Y-%m-%d %H:%M", &tm);
    put_line(f, "", std->title);
    if (std->source[0])
        put_line(f, "依据：", std->source);
    snprintf(line, sizeof line, "单位：%s    期间：%s%s%s    导出：%s", app->unit, label,
             cs->branch_id ? "    党组织：" : "", cs->branch_id ? cs->branch_name : "", now);
    put_line(f, "", line);
    fputs("\n", f);
    if (cs->have_sum)
        export_table(f, std, &cs->sum);
    else
        export_items(f, std, &full);
    if (!cs->have_sum)
        standard_result_free(&full);
    fputs("\n检查人：____________    日期：____________\n", f);
    if (outfile_commit(&o, &err)) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_REDRAW;
    }
    char msg[4400];
    snprintf(msg, sizeof msg, "%s%s%s清单和证明记录已导出到：\n%s\n（文字文件，可以打开后打印或归档）",
             why ? "未能生成 PDF：" : "", why ? why : "", why ? "\n" : "", path);
    dialog_message(app, "导出清单", msg);
    app_status(app, "已导出：%s", path);
    return SCR_HANDLED | SCR_REDRAW;
}
