/* render.h — turn one report model (report.h) into text, CSV, XLSX or PDF, and print it.
 * Renderers only lay out and format; every number comes from the model. */
#ifndef FX_RENDER_H
#define FX_RENDER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "report.h"

/* ---- text (render_text.c): terminal output and the 报表 screen's preview ---- */

/* Width in display columns of every table line (the title block may be wider). */
int render_text_width(const struct report *rep);
/* How many lines the whole rendering has: title block, header, rows, totals,
 * figures, notes and signature lines. */
int64_t render_text_count(const struct report *rep);
/* Called with one line (UTF-8, sanitised: no control characters, no newline),
 * padded so table columns line up by display width. Return 0 to go on. */
typedef int (*render_line_fn)(const char *line, void *ctx);
/* Lines [first, first+count) of the rendering (count < 0: to the end). Only
 * the rows on those lines are read from the ledger, so a scrolling preview
 * costs a page, not the report. Returns 0, the callback's value, or an fx status. */
int render_text_lines(const struct report *rep, int64_t first, int64_t count, render_line_fn emit, void *ctx,
                      struct fx_error *err);
/* The whole report to out, one line per '\n'. FX_EFS when writing fails. Unlike the preview's
 * lines, a text cell wider than its column is never cut: the line grows instead. */
int render_text(const struct report *rep, FILE *out, struct fx_error *err);

/* ---- CSV (render_csv.c): RFC 4180, CRLF, optional UTF-8 BOM, inert formulas ---- */
int render_csv(const struct report *rep, FILE *out, bool bom, struct fx_error *err);

/* ---- files: XLSX and PDF ----
 * Defined in plugin.c, which loads the output module (fenxiao-render.so) on
 * first use and calls its writers (render_xlsx.c, render_pdf.c: see plugin.h).
 * path is created (or replaced) with mode 0600; on failure it may be left
 * incomplete and err says why (FX_EFS: the file system refused; FX_EINTERNAL:
 * the module is missing or of another version). */
int render_xlsx(const struct report *rep, const char *path, struct fx_error *err);
/* A4 portrait, CJK through pango/fontconfig (WenQuanYi Micro Hei preferred),
 * fonts embedded as subsets; title block, table with the header repeated on
 * every page, 合计, figures, notes, signature lines and "第 i 页 共 n 页". */
int render_pdf(const struct report *rep, const char *path, struct fx_error *err);
/* Pages render_pdf will produce (the same arithmetic, nothing drawn); -1 without the module. */
int render_pdf_pages(const struct report *rep);

/* ---- a package: several reports in one file (package.h's 交账材料) ---- */
#define RENDER_PACKAGE_MAX 40
/* One PDF: a first page with title and 目录 (each part's title and the page it starts on), then each part
 * from a new page, every page numbered "第 i 页 共 n 页" across the whole file. */
int render_pdf_package(const struct report *const *parts, int n, const char *title, const char *path,
                       struct fx_error *err);
/* One XLSX with one sheet per part, named sheets[i] (≤ 31 characters, unique: the caller's). */
int render_xlsx_package(const struct report *const *parts, const char *const *sheets, int n, const char *path,
                        struct fx_error *err);

/* ---- printing (render_print.c) ---- */

/* Send the PDF at path to `lp` (through fork/execvp, no shell); printer NULL
 * or "" means the default queue. FX_EFS when there is no lp, no CUPS or no
 * printer, or lp refused: err->msg says so in Chinese and the PDF stays where
 * it is. */
int render_print(const char *pdf_path, const char *printer, struct fx_error *err);

/* Where a PDF to print is kept when no -o was given:
 * $XDG_DATA_HOME/fenxiao/print/<slug>-<YYYYmmdd-HHMMSS>.pdf (directory made 0700). */
int render_print_path(const struct report *rep, char *out, size_t outsz, struct fx_error *err);

/* Open path for writing, created 0600 (an existing file is truncated and set to
 * 0600). Returns the stream or NULL with err filled (FX_EFS). Only for the
 * renderers' own temporary files: everything else goes through render_file. */
FILE *render_open_file(const char *path, struct fx_error *err);

/* ---- into a file (render_file.c), through outfile.h ---- */
enum render_format { RENDER_TEXT, RENDER_CSV, RENDER_XLSX, RENDER_PDF };
/* Write rep to path in format. flags are outfile_flags (OUTFILE_REPLACE to
 * overwrite); bom applies to CSV. The ledger, its siblings and backups, any
 * database file and non-regular files are refused (FX_EINPUT); a failure
 * (FX_EFS: disk full, read-only) leaves an existing file byte for byte as it
 * was, and no temporary file behind. */
int render_file(const struct report *rep, enum render_format format, const char *path, int flags, bool bom,
                struct fx_error *err);

/* The name a report's file gets when none is given: its title, which says what it holds, with the
 * format's extension ("2026年12月培训情况汇总表.pdf"; a '/' becomes '-'); and that name in paths_output_dir. */
void render_default_name(const struct report *rep, enum render_format format, char *out, size_t outsz);
int render_default_path(const struct report *rep, enum render_format format, char *out, size_t outsz,
                        struct fx_error *err);

#endif
