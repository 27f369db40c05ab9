/* csvout.h — writing CSV the way Excel and WPS on Chinese Windows read it:
 * RFC 4180 quoting, CRLF, UTF-8 with a BOM, cells safe from formula injection. */
#ifndef FX_CSVOUT_H
#define FX_CSVOUT_H

#include <stdbool.h>
#include <stdio.h>

struct csv_out {
    FILE *f;        /* the caller's stream */
    int fields;     /* fields written on the current row */
    bool ok;        /* false once a write failed (disk full …) */
};

/* Start writing to f; bom writes the UTF-8 byte-order mark first. */
void csv_begin(struct csv_out *c, FILE *f, bool bom);
/* A text cell: through the sanitiser first (text_clean, line breaks kept: no ESC, no control, no bidi or
 * zero-width character reaches the file or the terminal); quoted when needed; a cell starting with = + - @ tab
 * or CR is prefixed with an apostrophe so spreadsheets show it as text. */
void csv_text(struct csv_out *c, const char *s);
/* A number cell, written as is (%g-like, no quoting or neutralising). */
void csv_number(struct csv_out *c, double v);
void csv_int(struct csv_out *c, long long v);
void csv_end_row(struct csv_out *c);
/* Flush; false if any write failed. */
bool csv_finish(struct csv_out *c);

/* The neutralised form of s, as csv_text would write it before quoting, into
 * out. Shared with the XLSX writer so both refuse formulas the same way. */
void csv_neutralise(char *out, size_t outsz, const char *s);

#endif
