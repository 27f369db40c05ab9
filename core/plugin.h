/* plugin.h — the output module (fenxiao-render.so): PDF and XLSX writers, which need
 * pango, cairo and libxlsxwriter, and the .xlsx/.xls readers (sheetin_internal.h), which
 * need libzip (and with it libcrypto), expat and freexl. Loaded on first use so that every
 * other command and the screens start without loading some forty shared libraries
 * (about 7 ms each time; libzip alone adds 2–3 ms). */
#ifndef FX_PLUGIN_H
#define FX_PLUGIN_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct report;
struct export_def;

/* Implemented in the module (render_pdf.c, render_xlsx.c, export_xlsx.c); core
 * reaches them only through render_pdf/render_xlsx/export_xlsx_sheet, which load
 * the module. The module resolves core's own functions from the program that
 * loads it (linked with -rdynamic). */
int fxp_render_pdf(const struct report *rep, const char *path, struct fx_error *err);
int fxp_render_pdf_pages(const struct report *rep);
int fxp_render_xlsx(const struct report *rep, const char *path, struct fx_error *err);
int fxp_render_pdf_package(const struct report *const *parts, int n, const char *title, const char *path,
                           struct fx_error *err);
int fxp_render_xlsx_package(const struct report *const *parts, const char *const *sheets, int n, const char *path,
                            struct fx_error *err);
/* The desktop's documents folder (XDG user dirs, through GLib) into out; -1 when none is set. */
int fxp_documents_dir(char *out, size_t outsz);
int fxp_export_xlsx_sheet(sqlite3 *db, sqlite3_stmt *st, const struct export_def *d, const char *path,
                          int64_t *rows, struct fx_error *err);

/* Look a module function up by name, loading the module the first time:
 * $FENXIAO_RENDER_MODULE, else fenxiao-render.so beside the program or one level
 * up (build trees), else ../lib/fenxiao/ beside it (installed), else FX_LIBDIR.
 * NULL with err filled (FX_EINTERNAL, a Chinese message) when it cannot be had. */
void *plugin_symbol(const char *name, struct fx_error *err);

#endif
