/* sheetin_internal.h — between core/sheetin.c and the workbook readers in the PDF/XLSX module
 * (sheetin_xlsx.c: libzip and expat; sheetin_xls.c: freexl). Private; the API is sheetin.h. */
#ifndef FX_SHEETIN_INTERNAL_H
#define FX_SHEETIN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "csvin.h"
#include "error.h"

/* Where a workbook comes from: a path, or bytes in memory (then path is NULL). */
struct sheet_source {
    const char *path;
    const void *data;
    size_t len;
    const char *name;  /* for messages */
    const char *sheet; /* the --sheet asked for; NULL or "" = the first */
};

/* One row as a reader hands it over: the text of each column, put with
 * sheetin_row_put (core), which keeps the limits and notes what is wrong. */
struct sheet_row {
    int line;    /* the row's number in the sheet, 1-based */
    int ncols;   /* 1 + the last column with text; 0 when none has any */
    bool filled; /* some cell has text */
    size_t max_field, max_record;
    size_t off[CSVIN_MAX_FIELDS]; /* where each column's text starts in buf; SHEET_NO_CELL for none */
    char *buf;                    /* CSVIN_MAX_RECORD + CSVIN_MAX_FIELDS + 1 bytes */
    size_t len;                   /* bytes of buf used */
    size_t text;                  /* of which text (not the NULs) */
    char problem[256];            /* why the row is unusable; "" if it is fine */
};
#define SHEET_NO_CELL ((size_t)-1)
#define SHEET_ROW_BUF (CSVIN_MAX_RECORD + CSVIN_MAX_FIELDS + 1)

/* A reader opened on one sheet. next fills row with the next row of the
 * sheet that has cells, in order (empty ones may be skipped or given);
 * returns 1, 0 at the end, or an fx status (err says why; the file is
 * damaged and reading stops). close frees everything. */
struct sheet_reader {
    void *impl;
    int (*next)(void *impl, struct sheet_row *row, struct fx_error *err);
    void (*close)(void *impl);
    char sheet[128]; /* the chosen sheet's name */
    char format[48]; /* for people, as sheetin_format */
};

/* In the module. Open src and choose its sheet; 0 with *out filled, or a status (err). */
int fxp_sheet_open_xlsx(const struct sheet_source *src, struct sheet_reader *out, struct fx_error *err);
int fxp_sheet_open_xls(const struct sheet_source *src, struct sheet_reader *out, struct fx_error *err);

/* In core (sheetin.c), for the readers. */

/* Start row number line (1-based), empty. */
void sheetin_row_begin(struct sheet_row *r, int line);
/* Put text (n bytes, need not be terminated) in column col (0 = A). Empty
 * text is no cell. Too long, past the last column, or a row too long: noted
 * in r->problem, with the column as people count it. */
void sheetin_row_put(struct sheet_row *r, int col, const char *s, size_t n);
/* Put a number shown in a format of that kind (enum sheetin_numfmt). */
void sheetin_row_put_number(struct sheet_row *r, int col, double v, int kind, bool date1904);
/* A number as a file writes it ("13812345678", "1.5E-3"), read in the C
 * locale; false when s is not wholly one. */
bool sheetin_parse_number(const char *s, double *out);

/* The messages every reader gives, so that a damaged or locked file reads
 * the same whatever its format. Each fills err (FX_EINPUT) and returns it;
 * detail is for the log. */
int sheetin_fail_corrupt(struct fx_error *err, const char *name, const char *format, const char *detail);
int sheetin_fail_password(struct fx_error *err, const char *name);
int sheetin_fail_too_big(struct fx_error *err, const char *name, const char *what);
/* The sheet asked for is not there; the message lists the n sheets there are ("有：名册、教师"). */
int sheetin_fail_no_sheet(struct fx_error *err, const char *name, const char *sheet, const char *const *names, int n);

/* Which of n sheets (names[i], hidden[i]) src->sheet asks for: its name, else its
 * number; the first (not hidden) one when none is asked for. -1 when none. */
int sheetin_choose(const char *sheet, const char *const *names, const bool *hidden, int n);

#endif
