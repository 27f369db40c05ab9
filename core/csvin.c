/* csvin.c — the streaming CSV reader behind every import.
 * Bytes → (iconv to UTF-8 when needed) → an RFC 4180 state machine, in fixed memory. */
#include "csvin.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

enum { RAW_SIZE = 16384, DEC_SIZE = 65536 };

struct csvin {
    char name[1024];
    FILE *f;                  /* a file, or … */
    const unsigned char *mem; /* … bytes in memory */
    size_t memlen, mempos;
    int enc;
    char delim;
    iconv_t cd;                  /* (iconv_t)-1 when the bytes are UTF-8 already */
    unsigned char raw[RAW_SIZE]; /* undecoded bytes waiting for iconv */
    size_t raw_len;
    bool src_eof;
    bool dec_failed;             /* iconv met bytes it cannot convert */
    unsigned char dec[DEC_SIZE]; /* UTF-8 bytes for the parser */
    size_t dec_len, dec_pos;
    int line; /* line of the next byte, 1-based */
    int rec_line;
    size_t max_field, max_record;
    char *buf; /* the fields of the record, each NUL-terminated */
    size_t buf_len;
    size_t off[CSVIN_MAX_FIELDS];
    int nfields;
    char problem[256]; /* why the record is unusable, "" if it is fine */
};

static size_t src_read(struct csvin *c, unsigned char *dst, size_t n)
{
    if (c->f)
        return fread(dst, 1, n, c->f);
    size_t left = c->memlen - c->mempos;
    if (n > left)
        n = left;
    memcpy(dst, c->mem + c->mempos, n);
    c->mempos += n;
    return n;
}

/* Fill dec with the next decoded bytes. Returns 1, 0 at the end, -1 when the
 * bytes cannot be converted (after everything before them was delivered). */
static int refill(struct csvin *c)
{
    c->dec_pos = c->dec_len = 0;
    if (c->cd == (iconv_t)-1) {
        c->dec_len = src_read(c, c->dec, sizeof c->dec);
        return c->dec_len > 0;
    }
    for (;;) {
        if (c->dec_failed)
            return -1;
        if (!c->src_eof && c->raw_len < sizeof c->raw) {
            size_t got = src_read(c, c->raw + c->raw_len, sizeof c->raw - c->raw_len);
            c->raw_len += got;
            if (got == 0)
                c->src_eof = true;
        }
        if (c->raw_len == 0)
            return 0;
        char *in = (char *)c->raw, *out = (char *)c->dec;
        size_t inleft = c->raw_len, outleft = sizeof c->dec;
        size_t r = iconv(c->cd, &in, &inleft, &out, &outleft);
        int e = errno;
        memmove(c->raw, in, inleft);
        c->raw_len = inleft;
        c->dec_len = sizeof c->dec - outleft;
        /* EINVAL is a character cut by the buffer: fine unless the file ends there. */
        if (r == (size_t)-1 && (e == EILSEQ || (e == EINVAL && c->src_eof)))
            c->dec_failed = true;
        if (c->dec_len > 0)
            return 1;
        if (c->dec_failed)
            return -1;
    }
}

/* The next decoded byte, -1 at the end, -2 for undecodable bytes. */
static int getb(struct csvin *c)
{
    if (c->dec_pos == c->dec_len) {
        int r = refill(c);
        if (r <= 0)
            return r == 0 ? -1 : -2;
    }
    int b = c->dec[c->dec_pos++];
    if (b == '\n')
        c->line++;
    return b;
}

static int peekb(struct csvin *c)
{
    if (c->dec_pos == c->dec_len && refill(c) <= 0)
        return -1;
    return c->dec[c->dec_pos];
}

/* Incremental UTF-8 check used to choose the encoding. */
struct u8scan {
    int need, len;
    unsigned char lo, hi;
    long multi; /* well-formed 3- and 4-byte sequences: Chinese text in UTF-8 */
    long bad;
};

static void u8_feed(struct u8scan *s, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char b = p[i];
        if (s->need) {
            if (b >= s->lo && b <= s->hi) {
                s->lo = 0x80;
                s->hi = 0xBF;
                if (--s->need == 0 && s->len >= 3)
                    s->multi++;
                continue;
            }
            s->bad++;
            s->need = 0;
        }
        if (b < 0x80)
            continue;
        s->lo = 0x80;
        s->hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF)
            s->need = 1;
        else if (b >= 0xE0 && b <= 0xEF) {
            s->need = 2;
            if (b == 0xE0)
                s->lo = 0xA0;
            else if (b == 0xED)
                s->hi = 0x9F; /* no surrogates */
        } else if (b >= 0xF0 && b <= 0xF4) {
            s->need = 3;
            if (b == 0xF0)
                s->lo = 0x90;
            else if (b == 0xF4)
                s->hi = 0x8F;
        } else {
            s->bad++;
        }
        s->len = s->need + 1;
    }
}

static int detect(struct csvin *c, struct fx_error *err)
{
    unsigned char head[4] = {0};
    size_t nhead = src_read(c, head, sizeof head);
    size_t skip = 0;
    if (nhead >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) {
        c->enc = CSVIN_UTF8_BOM;
        skip = 3;
    } else if (nhead >= 2 && head[0] == 0xFF && head[1] == 0xFE) {
        c->enc = CSVIN_UTF16LE;
        skip = 2;
    } else if (nhead >= 2 && head[0] == 0xFE && head[1] == 0xFF) {
        c->enc = CSVIN_UTF16BE;
        skip = 2;
    } else {
        struct u8scan s = {0};
        u8_feed(&s, head, nhead);
        unsigned char chunk[RAW_SIZE];
        size_t got;
        while ((got = src_read(c, chunk, sizeof chunk)) > 0)
            u8_feed(&s, chunk, got);
        if (s.need)
            s.bad++;
        if (c->f && ferror(c->f))
            return fx_fail(err, FX_EFS, "读取文件 %s 出错", c->name);
        /* A few bad bytes in otherwise Chinese UTF-8 are damage to report by
         * line, not a reason to read the whole file as GB18030 mojibake. */
        c->enc = s.bad == 0 || (s.multi > 0 && s.multi >= 4 * s.bad) ? CSVIN_UTF8 : CSVIN_GB18030;
    }
    /* Start again after the byte-order mark. */
    if (c->f) {
        if (fseek(c->f, (long)skip, SEEK_SET) != 0)
            return fx_fail(err, FX_EFS, "文件 %s 不能重新读取（不是普通文件）", c->name);
    } else {
        c->mempos = skip;
    }
    const char *from = c->enc == CSVIN_GB18030   ? "GB18030"
                       : c->enc == CSVIN_UTF16LE ? "UTF-16LE"
                       : c->enc == CSVIN_UTF16BE ? "UTF-16BE"
                                                 : NULL;
    if (from) {
        c->cd = iconv_open("UTF-8", from);
        if (c->cd == (iconv_t)-1)
            return fx_fail(err, FX_EINTERNAL, "系统缺少 %s 到 UTF-8 的编码转换（iconv），无法读取 %s", from, c->name);
    }
    /* Excel's "Unicode text" separates with tabs: look at the first line. */
    c->delim = ',';
    if (peekb(c) >= 0) {
        int commas = 0, tabs = 0;
        for (size_t i = c->dec_pos; i < c->dec_len && c->dec[i] != '\n'; i++) {
            commas += c->dec[i] == ',';
            tabs += c->dec[i] == '\t';
        }
        if (tabs > commas)
            c->delim = '\t';
    }
    return 0;
}

static int open_common(struct csvin *c, const char *name, struct csvin **out, struct fx_error *err)
{
    snprintf(c->name, sizeof c->name, "%s", name ? name : "");
    c->cd = (iconv_t)-1;
    c->line = 1;
    c->max_field = CSVIN_MAX_FIELD;
    c->max_record = CSVIN_MAX_RECORD;
    c->buf = malloc(CSVIN_MAX_RECORD + CSVIN_MAX_FIELDS + 1);
    if (!c->buf) {
        csvin_close(c);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    int rc = detect(c, err);
    if (rc) {
        csvin_close(c);
        return rc;
    }
    *out = c;
    return 0;
}

int csvin_open(const char *path, struct csvin **out, struct fx_error *err)
{
    *out = NULL;
    struct csvin *c = calloc(1, sizeof *c);
    if (!c)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    c->f = fopen(path, "rb");
    if (!c->f) {
        int e = errno;
        free(c);
        fx_fail(err, FX_EFS, "无法打开文件 %s：%s", path,
                e == ENOENT   ? "文件不存在"
                : e == EACCES ? "没有读取权限"
                              : "文件系统拒绝");
        fx_detail(err, "fopen %s: %s", path, strerror(e));
        return FX_EFS;
    }
    return open_common(c, path, out, err);
}

int csvin_open_mem(const char *data, size_t len, const char *name, struct csvin **out, struct fx_error *err)
{
    *out = NULL;
    struct csvin *c = calloc(1, sizeof *c);
    if (!c)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    c->mem = (const unsigned char *)data;
    c->memlen = len;
    return open_common(c, name, out, err);
}

void csvin_close(struct csvin *c)
{
    if (!c)
        return;
    if (c->f)
        fclose(c->f);
    if (c->cd != (iconv_t)-1)
        iconv_close(c->cd);
    free(c->buf);
    free(c);
}

void csvin_set_limits(struct csvin *c, size_t max_field, size_t max_record)
{
    c->max_field = max_field && max_field < CSVIN_MAX_FIELD ? max_field : CSVIN_MAX_FIELD;
    c->max_record = max_record && max_record < CSVIN_MAX_RECORD ? max_record : CSVIN_MAX_RECORD;
}

static void note_problem(struct csvin *c, const char *why)
{
    if (!c->problem[0])
        snprintf(c->problem, sizeof c->problem, "%s", why);
}

static void append(struct csvin *c, size_t field_start, int b)
{
    if (c->buf_len - field_start >= c->max_field) {
        char why[128];
        snprintf(why, sizeof why, "第 %d 列太长（超过 %zu 字节）", c->nfields + 1, c->max_field);
        note_problem(c, why);
        return;
    }
    if (c->buf_len >= c->max_record) {
        char why[128];
        snprintf(why, sizeof why, "这一行太长（超过 %zu 字节）", c->max_record);
        note_problem(c, why);
        return;
    }
    c->buf[c->buf_len++] = (char)b;
}

static void end_field(struct csvin *c, size_t *field_start)
{
    if (c->nfields == CSVIN_MAX_FIELDS) {
        char why[128];
        snprintf(why, sizeof why, "列数太多（超过 %d 列）", CSVIN_MAX_FIELDS);
        note_problem(c, why);
        c->buf_len = *field_start;
        return;
    }
    c->off[c->nfields++] = *field_start;
    c->buf[c->buf_len++] = '\0'; /* room is reserved: one byte per possible field */
    *field_start = c->buf_len;
}

const char *csvin_field_problem(const char *s, size_t n, int col, char *why, size_t sz)
{
    if (!text_valid_utf8(s, n)) {
        snprintf(why, sz, "第 %d 列不是有效的 UTF-8 文字（文件可能损坏，或混用了两种编码）", col);
        return why;
    }
    for (size_t k = 0; k < n; k++) {
        unsigned char b = (unsigned char)s[k];
        bool c1 = b == 0xC2 && k + 1 < n && (unsigned char)s[k + 1] >= 0x80 && (unsigned char)s[k + 1] <= 0x9F;
        if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F || c1) {
            snprintf(why, sz, "第 %d 列含有控制字符或终端转义序列%s，已拒绝", col, b == 0x1B ? "（ESC）" : "");
            return why;
        }
    }
    return NULL;
}

/* Fields must be text a screen can show: UTF-8, no controls except tab and line breaks. */
static void check_fields(struct csvin *c)
{
    for (int i = 0; i < c->nfields && !c->problem[0]; i++) {
        const char *s = c->buf + c->off[i];
        char why[160];
        if (csvin_field_problem(s, strlen(s), i + 1, why, sizeof why))
            note_problem(c, why);
    }
}

enum { ST_START, ST_PLAIN, ST_QUOTED, ST_QUOTE };

/* One record. Returns a csvin_status; *blank when it held nothing at all. */
static int read_one(struct csvin *c, struct fx_error *err, bool *blank)
{
    c->nfields = 0;
    c->buf_len = 0;
    c->problem[0] = '\0';
    c->rec_line = c->line;
    *blank = false;
    int state = ST_START, quote_line = 0;
    bool any = false, nonempty = false;
    size_t field_start = 0;
    for (;;) {
        int b = getb(c);
        if (b == -2) {
            fx_fail(err, FX_EINPUT,
                    "%s 第%d行：无法识别的文字编码（既不是 UTF-8，也不是 GB18030/GBK），请在 WPS 或 Excel 中另存为“CSV "
                    "UTF-8”",
                    c->name, c->line);
            return CSVIN_FATAL;
        }
        if (b == -1) {
            if (!any)
                return CSVIN_EOF;
            if (state == ST_QUOTED) {
                fx_fail(err, FX_EINPUT, "%s 第%d行：引号没有配对，这一行开始的带引号字段直到文件末尾都没有结束",
                        c->name, quote_line);
                return CSVIN_FATAL;
            }
            end_field(c, &field_start);
            break;
        }
        any = true;
        if (b == 0) {
            note_problem(c, "含有空字节（NUL），这不像是表格软件保存的文本文件");
            continue;
        }
        bool line_end = false;
        if (b == '\r') {
            if (peekb(c) == '\n')
                b = getb(c);
            else
                c->line++; /* a lone CR (old Mac files) is a line break too */
            if (state != ST_QUOTED)
                line_end = true;
            else
                append(c, field_start, '\r');
            if (state == ST_QUOTED && b == '\n')
                append(c, field_start, '\n');
            if (!line_end)
                continue;
        } else if (b == '\n' && state != ST_QUOTED) {
            line_end = true;
        }
        if (line_end) {
            end_field(c, &field_start);
            break;
        }
        switch (state) {
        case ST_START:
            if (b == '"') {
                state = ST_QUOTED;
                quote_line = c->line;
                nonempty = true;
            } else if (b == c->delim) {
                end_field(c, &field_start);
            } else {
                append(c, field_start, b);
                state = ST_PLAIN;
            }
            break;
        case ST_PLAIN:
            if (b == c->delim) {
                end_field(c, &field_start);
                state = ST_START;
            } else {
                append(c, field_start, b); /* a stray quote in a plain field stays, as Excel reads it */
            }
            break;
        case ST_QUOTED:
            if (b == '"')
                state = ST_QUOTE;
            else
                append(c, field_start, b);
            break;
        case ST_QUOTE:
            if (b == '"') {
                append(c, field_start, '"');
                state = ST_QUOTED;
            } else if (b == c->delim) {
                end_field(c, &field_start);
                state = ST_START;
            } else {
                append(c, field_start, b); /* "abc"x reads as abcx, as in Excel */
                state = ST_PLAIN;
            }
            break;
        }
    }
    for (int i = 0; i < c->nfields && !nonempty; i++)
        nonempty = c->buf[c->off[i]] != '\0';
    if (!nonempty && !c->problem[0]) {
        *blank = true;
        return CSVIN_RECORD;
    }
    check_fields(c);
    if (c->problem[0]) {
        fx_fail(err, FX_EINPUT, "%s 第%d行：%s", c->name, c->rec_line, c->problem);
        return CSVIN_BAD;
    }
    return CSVIN_RECORD;
}

int csvin_read(struct csvin *c, struct fx_error *err)
{
    for (;;) {
        bool blank;
        int rc = read_one(c, err, &blank);
        if (!(rc == CSVIN_RECORD && blank))
            return rc;
    }
}

int csvin_count(const struct csvin *c)
{
    return c->nfields;
}

const char *csvin_field(const struct csvin *c, int i)
{
    return i >= 0 && i < c->nfields ? c->buf + c->off[i] : "";
}

int csvin_line(const struct csvin *c)
{
    return c->rec_line;
}

int csvin_encoding(const struct csvin *c)
{
    return c->enc;
}

const char *csvin_encoding_name(int encoding)
{
    switch (encoding) {
    case CSVIN_UTF8: return "UTF-8";
    case CSVIN_UTF8_BOM: return "UTF-8（带 BOM）";
    case CSVIN_GB18030: return "GB18030/GBK";
    case CSVIN_UTF16LE: return "UTF-16LE";
    case CSVIN_UTF16BE: return "UTF-16BE";
    }
    return "?";
}

const char *csvin_name(const struct csvin *c)
{
    return c->name;
}
