/* package.c — 交账材料: the year's reports built together, written as one PDF and one XLSX, then the year
 * closed. Every figure is the reports' own (report_kinds.c); this file only chooses them and names the parts. */
#include "package.h"

#include <stdlib.h>
#include <string.h>

#include "maint.h"
#include "outfile.h"
#include "paths.h"
#include "render.h"
#include "report.h"
#include "report_more.h"
#include "standard.h"
#include "text.h"
#include "unit.h"

struct package {
    struct report *rep[RENDER_PACKAGE_MAX];
    char sheet[RENDER_PACKAGE_MAX][32];
    int n;
    struct std_list stds;
};

void package_default_name(const char *unit, int year, char *out, size_t outsz)
{
    /* The 分校's name first, so two ledgers' packages of a year (a township's, the county's) never share a name;
     * cut to 40 display columns, a path separator made harmless. */
    char u[256];
    text_fit(u, sizeof u, unit ? unit : "", 40);
    for (char *c = u; *c; c++)
        if (*c == '/')
            *c = '_';
    text_format(out, outsz, "%s%d年交账材料.pdf", u, year);
}

int package_default_path(sqlite3 *db, int year, char *out, size_t outsz, struct fx_error *err)
{
    char dir[4096], name[320], unit[801];
    int rc = paths_output_dir(dir, sizeof dir, err);
    if (rc)
        return rc;
    if (unit_get_name(db, unit, sizeof unit, NULL))
        unit[0] = '\0';
    package_default_name(unit, year, name, sizeof name);
    if (paths_join(out, outsz, dir, name))
        return fx_fail(err, FX_EINPUT, "文件路径太长：%s/%s", dir, name);
    return 0;
}

/* Build one part of kind over period p (std for a checklist) and name its sheet. */
static int add_part(sqlite3 *db, const struct fx_config *cfg, struct package *pk, int kind, const struct fx_period *p,
                    const struct standard *std, const char *sheet, struct fx_error *err)
{
    if (pk->n >= RENDER_PACKAGE_MAX)
        return fx_fail(err, FX_EINPUT, "交账材料超过 %d 个部分，请减少安装的标准", RENDER_PACKAGE_MAX);
    struct report *rep = calloc(1, sizeof *rep);
    if (!rep)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    pk->rep[pk->n] = rep;
    struct report_request req = {.period = *p, .has_period = true, .std = std, .stds = &pk->stds};
    int rc = report_build(db, cfg, &report_kinds[kind], &req, rep, err);
    if (rc)
        return rc;
    /* Excel allows 31 characters and no two sheets alike: the names here are short and distinct by
     * construction (kind, standard name and period), cut by display columns which are never fewer. */
    text_copy(pk->sheet[pk->n], sizeof pk->sheet[0], sheet);
    pk->sheet[pk->n][text_fit_columns(pk->sheet[pk->n], 31, NULL)] = '\0';
    for (int i = 0; i < pk->n; i++)
        if (!strcmp(pk->sheet[i], pk->sheet[pk->n]))
            text_format(pk->sheet[pk->n], sizeof pk->sheet[0], "第%d部分", pk->n + 1);
    pk->n++;
    return 0;
}

/* Each installed standard over every period of its kind in the year, with its evidence. */
static int add_checklists(sqlite3 *db, const struct fx_config *cfg, struct package *pk, int year, struct fx_error *err)
{
    static const int periods[] = {[PERIOD_YEAR] = 1, [PERIOD_HALF] = 2, [PERIOD_QUARTER] = 4, [PERIOD_MONTH] = 12};
    for (int s = 0; s < pk->stds.n; s++) {
        const struct standard *std = &pk->stds.std[s];
        int kind = std->period >= PERIOD_YEAR && std->period <= PERIOD_MONTH ? std->period : PERIOD_YEAR;
        for (int i = 1; i <= periods[kind]; i++) {
            struct fx_period p;
            period_make(kind, year, kind == PERIOD_YEAR ? 0 : i, &p);
            char label[32], sheet[128];
            period_label(&p, label, sizeof label);
            if (kind == PERIOD_YEAR)
                text_format(sheet, sizeof sheet, "清单-%s", std->name);
            else
                text_format(sheet, sizeof sheet, "清单-%s-%s", std->name,
                            strstr(label, "年") ? strstr(label, "年") + 3 : label);
            int rc = add_part(db, cfg, pk, REPORT_CHECKLIST, &p, std, sheet, err);
            if (rc)
                return rc;
        }
    }
    return 0;
}

static void package_free(struct package *pk)
{
    for (int i = 0; i < pk->n; i++)
        free(pk->rep[i]);
    if (pk->n < RENDER_PACKAGE_MAX)
        free(pk->rep[pk->n]); /* a part whose build failed */
    standard_list_free(&pk->stds);
}

/* The XLSX beside the PDF: the same name with .xlsx for .pdf (or .xlsx added). */
static int xlsx_beside(const char *pdf, char *out, size_t outsz, struct fx_error *err)
{
    size_t n = strlen(pdf);
    bool pdf_ext = n > 4 && !strcmp(pdf + n - 4, ".pdf");
    if (!text_format(out, outsz, "%.*s.xlsx", (int)(pdf_ext ? n - 4 : n), pdf))
        return fx_fail(err, FX_EINPUT, "文件路径太长：%s", pdf);
    return 0;
}

/* Both files, or neither: each written to its temporary file, then both put in place. */
static int write_files(struct package *pk, const char *title, const char *pdf, const char *xlsx, int flags,
                       struct fx_error *err)
{
    struct outfile op, ox;
    int rc = outfile_open(&op, pdf, flags, err);
    if (rc)
        return rc;
    if ((rc = outfile_open(&ox, xlsx, flags, err)) != 0) {
        outfile_abort(&op);
        return rc;
    }
    outfile_close_stream(&op);
    outfile_close_stream(&ox);
    const struct report *parts[RENDER_PACKAGE_MAX];
    const char *sheets[RENDER_PACKAGE_MAX];
    for (int i = 0; i < pk->n; i++) {
        parts[i] = pk->rep[i];
        sheets[i] = pk->sheet[i];
    }
    rc = render_pdf_package(parts, pk->n, title, op.tmp, err);
    if (!rc)
        rc = render_xlsx_package(parts, sheets, pk->n, ox.tmp, err);
    if (!rc)
        rc = outfile_commit(&op, err);
    if (!rc && (rc = outfile_commit(&ox, err)) != 0)
        (void)remove(op.path); /* the PDF alone is no package: the caller says the year stays open */
    outfile_abort(&op);
    outfile_abort(&ox);
    return rc;
}

int package_close_year(sqlite3 *db, const struct fx_config *cfg, const struct package_request *req, char *pdf_out,
                       char *xlsx_out, struct fx_error *err)
{
    int rc = maint_close_year_check(db, req->year, req->reason, err);
    if (rc)
        return rc;
    if (req->pdf_path) {
        if (!text_copy(pdf_out, 4096, req->pdf_path))
            return fx_fail(err, FX_EINPUT, "文件路径太长：%s", req->pdf_path);
    } else if ((rc = package_default_path(db, req->year, pdf_out, 4096, err)) != 0) {
        return rc;
    }
    if ((rc = xlsx_beside(pdf_out, xlsx_out, 4096, err)) != 0)
        return rc;
    /* Refused outputs (an existing file without --force, the ledger) are found before anything is built. */
    if ((rc = outfile_check(pdf_out, req->flags, err)) != 0 || (rc = outfile_check(xlsx_out, req->flags, err)) != 0)
        return rc;

    struct package pk;
    memset(&pk, 0, sizeof pk);
    struct fx_period year;
    period_make(PERIOD_YEAR, req->year, 0, &year);
    rc = report_load_standards(req->config_path, &pk.stds, err);
    if (!rc)
        rc = add_part(db, cfg, &pk, REPORT_YEAR, &year, NULL, "年报", err);
    if (!rc)
        rc = add_checklists(db, cfg, &pk, req->year, err);
    if (!rc)
        rc = add_part(db, cfg, &pk, REPORT_PLAN, &year, NULL, "计划执行", err);
    if (!rc)
        rc = add_part(db, cfg, &pk, REPORT_PROBLEMS, &year, NULL, "三个清单", err);
    if (!rc)
        rc = add_part(db, cfg, &pk, REPORT_HOURS, &year, NULL, "党员学时", err);
    if (!rc) {
        char title[64];
        text_format(title, sizeof title, "%d年交账材料", req->year);
        rc = write_files(&pk, title, pdf_out, xlsx_out, req->flags, err);
    }
    package_free(&pk);
    if (!rc)
        rc = maint_close_year_reason(db, req->year, req->reason, err);
    return rc;
}
