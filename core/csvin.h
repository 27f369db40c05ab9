/* csvin.h — reading CSV as WPS and Excel save it, one record at a time.
 * RFC 4180 quoting, CRLF or LF, and the encoding found without asking. */
#ifndef FX_CSVIN_H
#define FX_CSVIN_H

#include <stddef.h>

#include "error.h"

/* Default limits; a field or record beyond them is refused with its line. */
#define CSVIN_MAX_FIELD  8192  /* bytes of one field, after conversion to UTF-8 */
#define CSVIN_MAX_RECORD 65536 /* bytes of one record */
#define CSVIN_MAX_FIELDS 256   /* fields in one record */

enum csvin_encoding {
    CSVIN_UTF8,     /* UTF-8 without a byte-order mark */
    CSVIN_UTF8_BOM, /* UTF-8 with one (Excel's "CSV UTF-8") */
    CSVIN_GB18030,  /* GB18030 and its subsets GBK/GB2312: Chinese Windows' default */
    CSVIN_UTF16LE,  /* Excel's "Unicode text": UTF-16 with a BOM, usually tab-separated */
    CSVIN_UTF16BE
};

/* What csvin_read returns. */
enum csvin_status {
    CSVIN_FATAL = -1, /* the file cannot be read on: err names the file and line */
    CSVIN_EOF = 0,
    CSVIN_RECORD = 1, /* a record: csvin_count / csvin_field */
    CSVIN_BAD = 2     /* a record was read but is unusable (NUL, control
                         characters, invalid UTF-8, too long); err says why
                         and where; reading can go on with the next one */
};

struct csvin;

/* Open a file. The encoding is decided before the first record: a UTF-8 or
 * UTF-16 BOM says it; else text that is valid UTF-8 (or almost all of it:
 * its bad bytes are then reported by line) is UTF-8; else GB18030.
 * The delimiter is a comma, or a tab when the first line has more tabs than
 * commas. The file is read twice (detection, then records) in fixed memory.
 * On success free *out with csvin_close. FX_EFS if the file cannot be read. */
int csvin_open(const char *path, struct csvin **out, struct fx_error *err);

/* The same over bytes in memory (tests, fuzzing); name is used in messages.
 * The bytes must stay valid until csvin_close. */
int csvin_open_mem(const char *data, size_t len, const char *name, struct csvin **out, struct fx_error *err);

void csvin_close(struct csvin *c);

/* Lower the limits (tests); values above the defaults are clamped to them. */
void csvin_set_limits(struct csvin *c, size_t max_field, size_t max_record);

/* Read the next record, skipping blank lines and lines whose fields are all
 * empty (the ",,,," rows spreadsheets leave below the data). Messages read
 * "文件 第N行：…", N being the line where the record starts. */
int csvin_read(struct csvin *c, struct fx_error *err);

/* Fields of the last record: valid UTF-8, NUL-terminated, owned by the
 * reader until the next csvin_read. A field past the end reads as "". Tabs
 * and line breaks inside quoted fields are kept; nothing else below U+0020. */
int csvin_count(const struct csvin *c);
const char *csvin_field(const struct csvin *c, int i);
/* Line (1-based) where the last record starts. */
int csvin_line(const struct csvin *c);

/* Why a field cannot be imported ("第 N 列含有控制字符…"), written into why
 * (sz bytes) and returned; NULL when it can: valid UTF-8 without control
 * characters other than tab and line breaks. col (1-based) is for the message.
 * The rule of every reader that feeds the import (this one, sheetin.h). */
const char *csvin_field_problem(const char *s, size_t n, int col, char *why, size_t sz);

int csvin_encoding(const struct csvin *c);
/* "UTF-8", "UTF-8（带 BOM）", "GB18030/GBK", "UTF-16LE", "UTF-16BE". */
const char *csvin_encoding_name(int encoding);
/* The name given at open, for messages. */
const char *csvin_name(const struct csvin *c);

#endif
