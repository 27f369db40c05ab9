/* sheetin.h — reading one sheet of an Excel workbook (.xlsx, .xls) row by row, as csvin reads CSV.
 * The rows have csvin's shape, so every import that reads CSV reads workbooks too. */
#ifndef FX_SHEETIN_H
#define FX_SHEETIN_H

#include <stdbool.h>
#include <stddef.h>

#include "csvin.h"
#include "error.h"

/* What a file is, by its first bytes (not its name). */
enum sheetin_kind {
    SHEETIN_NONE, /* neither: text (CSV) or something else */
    SHEETIN_ZIP,  /* a ZIP archive: .xlsx (or .ods, .docx … refused with a message) */
    SHEETIN_OLE2  /* an OLE2 compound file: .xls, or an .xlsx with an open password */
};

/* Limits on what a workbook may make the reader hold. A file beyond them is
 * refused (FX_EINPUT) as not a roster, before it can fill memory. */
#define SHEETIN_MAX_FILE    (64u << 20)  /* bytes of the file */
#define SHEETIN_MAX_XML     (256u << 20) /* bytes of one part (a sheet's XML) after decompression */
#define SHEETIN_MAX_STRINGS (32u << 20)  /* bytes of the shared strings (.xlsx), all kept */
#define SHEETIN_MAX_CELLS   (4u << 20)   /* cells of one sheet of an .xls (rows × columns) */

/* The kind of the file at path by content; SHEETIN_NONE also when it cannot be read
 * (the CSV reader then reports why). */
int sheetin_sniff(const char *path);
/* The same for bytes in memory. */
int sheetin_sniff_mem(const void *data, size_t len);

struct sheetin;

/* Open the workbook at path and choose a sheet: sheet is its name, or its
 * number (1 = first) when no sheet has that name; NULL or "" is the first
 * sheet (of an .xlsx, the first one not hidden). The PDF/XLSX module is loaded
 * on first use (plugin.h). On success free *out with sheetin_close.
 * FX_EINPUT (nothing was read) for a corrupt file, one with an open password,
 * a ZIP that is not an Excel workbook, a sheet that is not there, or a file
 * beyond the limits above; FX_EFS when it cannot be read; FX_EINTERNAL when
 * the module is missing. Messages are for people and name the file. */
int sheetin_open(const char *path, const char *sheet, struct sheetin **out, struct fx_error *err);

/* The same over bytes in memory (tests, fuzzing); name is used in messages.
 * The bytes must stay valid until sheetin_close. */
int sheetin_open_mem(const void *data, size_t len, const char *name, const char *sheet, struct sheetin **out,
                     struct fx_error *err);

void sheetin_close(struct sheetin *s);

/* Lower the field and record limits (tests); as csvin_set_limits. */
void sheetin_set_limits(struct sheetin *s, size_t max_field, size_t max_record);

/* Read the next row that has a cell with text in it (empty rows are skipped,
 * as csvin skips blank lines). Returns a csvin_status: CSVIN_RECORD, CSVIN_EOF,
 * CSVIN_BAD (the row is unusable — too long, too many columns, control
 * characters — err says why as "文件 第N行：…"; reading goes on) or
 * CSVIN_FATAL (the file is damaged past this point; err says so).
 * Cells come as a person sees them, without the display format's damage:
 * text as typed (line breaks kept); numbers in full (13812345678, never
 * 1.38E+10; 2.5; 15 significant digits at most, as the spreadsheet keeps
 * them); dates (a number in a date style) as YYYY-MM-DD, with " HH:MM:SS"
 * when the style shows a time of day that is not midnight; times as
 * HH:MM:SS; booleans as TRUE/FALSE; formulas as their saved result; errors as
 * their code (#N/A). Merged cells: the text is in the first cell of the
 * range, the others are empty, as a CSV saved by the spreadsheet has them. */
int sheetin_read(struct sheetin *s, struct fx_error *err);

/* As csvin_count/csvin_field/csvin_line: fields of the last row (column A
 * is 0; gaps are ""), owned by the reader until the next sheetin_read; the
 * row's number in the sheet (1-based), which is what messages call 第N行.
 * A sheet is a grid: every row has as many fields as the widest row so far,
 * so a row whose last cells are empty is not short of columns. */
int sheetin_count(const struct sheetin *s);
const char *sheetin_field(const struct sheetin *s, int i);
int sheetin_line(const struct sheetin *s);

/* The name given at open, for messages. */
const char *sheetin_name(const struct sheetin *s);
/* The name of the sheet being read ("名册"). */
const char *sheetin_sheet(const struct sheetin *s);
/* The file's format for people: "Excel（.xlsx）" or "Excel 97-2003（.xls）". */
const char *sheetin_format(const struct sheetin *s);

/* ---- cell values as text (exposed for tests) ---- */

/* How a number format shows a number. */
enum sheetin_numfmt { SHEETIN_NUMBER, SHEETIN_DATE, SHEETIN_TIME, SHEETIN_DATETIME };

/* The kind of a built-in number format of Excel by id (14 = a date; the
 * ids 27–36 and 50–58 are the dates and times of Chinese Excel). */
int sheetin_builtin_numfmt(int id);
/* The kind of a number format code ("yyyy\年m\月d\日", "0.00E+00", "[h]:mm"):
 * quoted text, escapes, colours and locales are skipped; y and d are dates,
 * h and s times, m a month unless with h or s. Only the first section counts. */
int sheetin_numfmt_kind(const char *code);

/* A serial date as text: "YYYY-MM-DD" into out (11 bytes). In the 1900
 * system serial 1 is 1900-01-01 and 60 the 1900-02-29 that Lotus 1-2-3
 * invented and Excel keeps (given as such, so a date check refuses it); in
 * the 1904 system 0 is 1904-01-01. The fraction (time of day) is ignored.
 * Returns 0, or -1 (out untouched) when the serial is no date Excel shows:
 * below the first day or after 9999-12-31. */
int sheetin_serial_date(double serial, bool date1904, char out[11]);

/* A cell's number as text by its format's kind, into out (sz bytes, 32 is
 * always enough): see sheetin_read. Dates out of range come as numbers. */
void sheetin_number_text(double v, int kind, bool date1904, char *out, size_t sz);

#endif
