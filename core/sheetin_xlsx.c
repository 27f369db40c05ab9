/* sheetin_xlsx.c — one sheet of an .xlsx workbook, row by row: libzip opens the package, expat reads its XML.
 * Part of the PDF/XLSX module (plugin.h); the sheet is streamed, only shared strings and styles are kept. */
#include <expat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "sheetin.h"
#include "sheetin_internal.h"
#include "text.h"

#define FORMAT "Excel 工作簿（.xlsx）"

enum {
    CHUNK = 65536,
    MAX_RELS = 4096,
    MAX_SHEETS = 1024,
    MAX_XF = 65536,
    MAX_NUMFMT = 4096,
    MAX_SST = 1 << 21,             /* shared strings: 8 MB of offsets at most */
    TEXT_CAP = CSVIN_MAX_FIELD + 8 /* a cell's text kept: enough to know it is too long */
};

/* Namespace-aware parsing gives names as "URI\1local"; only the local part is
 * compared, so prefixes (x:row) and Strict OOXML's namespaces read alike. */
#define NS_SEP '\1'

struct rel {
    char id[64];
    char type[32]; /* the last segment of the type: "worksheet", "styles" … */
    char target[512];
};

enum cell_type { T_NUMBER, T_SHARED, T_INLINE, T_STRING, T_BOOL, T_ERROR, T_DATE };

struct xlsx {
    char name[1024];
    zip_t *za;
    bool date1904;
    /* Relationships of the part being looked up (the package's, then the workbook's). */
    struct rel *rels;
    int nrels;
    /* Sheets of the workbook, in order. */
    char *sheet_names[MAX_SHEETS];
    bool sheet_hidden[MAX_SHEETS];
    char sheet_rel[MAX_SHEETS][64];
    int nsheets;
    /* Shared strings: NUL-terminated, one after another. */
    char *sst;
    size_t sst_len, sst_cap;
    uint32_t *sst_off;
    size_t nsst, sst_off_cap;
    /* Styles: the number format kind of each cell format (cellXfs). */
    int *xf_fmt;
    unsigned char *xf_kind;
    size_t nxf;
    int fmt_id[MAX_NUMFMT];
    unsigned char fmt_kind[MAX_NUMFMT];
    int nfmt;
    /* The parse in progress. */
    XML_Parser p;
    int fail;           /* an fx status a handler stopped the parse with */
    bool fail_big;      /* … because the part holds more than a roster would */
    char fail_why[200]; /* its detail for the log */
    int depth;
    bool in_cellxfs, in_numfmts, in_si, in_t, in_sheetdata, in_row, in_c, in_v, in_is;
    int rph; /* inside phonetic runs (rPh): their text is not the cell's */
    char *text;
    size_t text_len;
    /* The sheet being streamed. */
    zip_file_t *sheet;
    uint64_t sheet_read;
    bool fed_final, suspended, done;
    struct sheet_row *row;
    bool row_ready;
    int last_row, col, last_col, style;
    enum cell_type type;
};

static const char *local(const char *name)
{
    const char *sep = strrchr(name, NS_SEP);
    return sep ? sep + 1 : name;
}

static const char *attr(const char **atts, const char *want)
{
    for (int i = 0; atts[i]; i += 2)
        if (!strcmp(local(atts[i]), want))
            return atts[i + 1];
    return NULL;
}

/* Stop the parse with a status; the first reason wins. FX_EINPUT is a damaged file. */
static void stop(struct xlsx *x, int code, const char *why)
{
    if (!x->fail) {
        x->fail = code;
        snprintf(x->fail_why, sizeof x->fail_why, "%s", why);
    }
    XML_StopParser(x->p, XML_FALSE);
}

static void text_add(struct xlsx *x, const char *s, int n)
{
    size_t room = TEXT_CAP - x->text_len;
    size_t k = (size_t)n < room ? (size_t)n : room;
    memcpy(x->text + x->text_len, s, k);
    x->text_len += k;
}

/* OOXML writes characters XML cannot hold as _xHHHH_ (and a literal "_x" as
 * _x005F_x…). Decoded in place; the result is never longer. */
static size_t unescape(char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        unsigned cp = 0;
        bool esc = i + 7 <= n && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';
        for (size_t k = i + 2; esc && k < i + 6; k++) {
            char c = s[k];
            int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
            if (d < 0)
                esc = false;
            cp = cp << 4 | (unsigned)d;
        }
        if (esc && cp != 0 && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            w += text_encode(cp, s + w);
            i += 7;
        } else {
            s[w++] = s[i++];
        }
    }
    return w;
}

/* ---- the package ---- */

static int fail_zip(struct xlsx *x, zip_error_t *ze, struct fx_error *err)
{
    int code = zip_error_code_zip(ze);
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
        return sheetin_fail_password(err, x->name);
    return sheetin_fail_corrupt(err, x->name, FORMAT, zip_error_strerror(ze));
}

static bool has_part(struct xlsx *x, const char *part)
{
    return zip_name_locate(x->za, part, ZIP_FL_NOCASE) >= 0;
}

/* Open a part of the package for reading; *missing when it is not there. */
static zip_file_t *open_part(struct xlsx *x, const char *part, bool *missing, struct fx_error *err)
{
    *missing = false;
    zip_int64_t i = zip_name_locate(x->za, part, ZIP_FL_NOCASE);
    if (i < 0) {
        *missing = true;
        return NULL;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(x->za, (zip_uint64_t)i, 0, &st) != 0) {
        fail_zip(x, zip_get_error(x->za), err);
        return NULL;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        sheetin_fail_password(err, x->name);
        return NULL;
    }
    /* A zip bomb says what it will inflate to; a liar is stopped while reading. */
    if ((st.valid & ZIP_STAT_SIZE) && st.size > SHEETIN_MAX_XML) {
        sheetin_fail_too_big(err, x->name, "其中一个表格解压后超过 256 MB");
        fx_detail(err, "%s: %llu bytes", part, (unsigned long long)st.size);
        return NULL;
    }
    zip_file_t *f = zip_fopen_index(x->za, (zip_uint64_t)i, 0);
    if (!f)
        fail_zip(x, zip_get_error(x->za), err);
    return f;
}

static XML_Parser new_parser(struct xlsx *x);

/* Feed one chunk of f to the parser. Returns the XML status, or -1 with err
 * filled when the part cannot be read or is too big. */
static int feed(struct xlsx *x, zip_file_t *f, uint64_t *total, bool *final, const char *part, struct fx_error *err)
{
    void *buf = XML_GetBuffer(x->p, CHUNK);
    if (!buf) {
        fx_fail(err, FX_EINTERNAL, "内存不足");
        return -1;
    }
    zip_int64_t n = zip_fread(f, buf, CHUNK);
    if (n < 0) {
        fail_zip(x, zip_file_get_error(f), err);
        fx_detail(err, "%s: %s", part, zip_file_strerror(f));
        return -1;
    }
    *total += (uint64_t)n;
    if (*total > SHEETIN_MAX_XML) {
        sheetin_fail_too_big(err, x->name, "其中一个表格解压后超过 256 MB");
        return -1;
    }
    *final = n == 0;
    return XML_ParseBuffer(x->p, (int)n, *final);
}

/* The parse failed: say why (a handler's reason, or the XML's fault). */
static int parse_failed(struct xlsx *x, const char *part, struct fx_error *err)
{
    if (x->fail) {
        if (x->fail_big)
            sheetin_fail_too_big(err, x->name, x->fail_why);
        else if (x->fail == FX_EINPUT)
            sheetin_fail_corrupt(err, x->name, FORMAT, x->fail_why);
        else
            fx_fail(err, x->fail, "%s：%s", x->name, x->fail_why);
        fx_detail(err, "%s: %s", part, x->fail_why);
        return err->code;
    }
    char detail[300];
    snprintf(detail, sizeof detail, "%s line %lu: %s", part, (unsigned long)XML_GetCurrentLineNumber(x->p),
             XML_ErrorString(XML_GetErrorCode(x->p)));
    return sheetin_fail_corrupt(err, x->name, FORMAT, detail);
}

/* Parse a whole part with these handlers. FX_ENOTFOUND when it is not in the package. */
static int parse_part(struct xlsx *x, const char *part, XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler chars, struct fx_error *err)
{
    bool missing;
    zip_file_t *f = open_part(x, part, &missing, err);
    if (!f)
        return missing ? FX_ENOTFOUND : err->code;
    x->p = new_parser(x);
    if (!x->p) {
        zip_fclose(f);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    XML_SetElementHandler(x->p, start, end);
    XML_SetCharacterDataHandler(x->p, chars);
    uint64_t total = 0;
    bool final = false;
    int rc = 0;
    while (!final) {
        int st = feed(x, f, &total, &final, part, err);
        if (st < 0) {
            rc = err->code;
            break;
        }
        if (st == XML_STATUS_ERROR) {
            rc = parse_failed(x, part, err);
            break;
        }
    }
    XML_ParserFree(x->p);
    x->p = NULL;
    zip_fclose(f);
    return rc;
}

/* No document type declarations: a workbook has none, and entities are how XML bombs work. */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid, int has_internal)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal;
    stop(ud, FX_EINPUT, "a DOCTYPE declaration");
}

static XML_Parser new_parser(struct xlsx *x)
{
    XML_Parser p = XML_ParserCreateNS(NULL, NS_SEP);
    if (!p)
        return NULL;
    XML_SetUserData(p, x);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    x->fail = 0;
    x->fail_big = false;
    x->fail_why[0] = '\0';
    x->text_len = 0;
    return p;
}

/* ---- relationships: which part is the workbook, and its sheets, strings and styles ---- */

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx *x = ud;
    if (strcmp(local(name), "Relationship") || x->nrels >= MAX_RELS)
        return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
    const char *mode = attr(atts, "TargetMode");
    if (!id || !type || !target || (mode && !strcmp(mode, "External")))
        return;
    struct rel *r = &x->rels[x->nrels++];
    const char *slash = strrchr(type, '/');
    snprintf(r->id, sizeof r->id, "%s", id);
    snprintf(r->type, sizeof r->type, "%s", slash ? slash + 1 : type);
    snprintf(r->target, sizeof r->target, "%s", target);
}

static void no_end(void *ud, const XML_Char *name)
{
    (void)ud;
    (void)name;
}

static void no_chars(void *ud, const XML_Char *s, int len)
{
    (void)ud;
    (void)s;
    (void)len;
}

/* A relationship's target as a part name: relative to dir ("xl/"), or from the root when it starts with '/'. */
static void resolve(const char *dir, const char *target, char *out, size_t sz)
{
    char path[1100];
    if (target[0] == '/')
        snprintf(path, sizeof path, "%s", target + 1);
    else
        snprintf(path, sizeof path, "%s%s", dir, target);
    /* Drop "." and ".." segments. */
    size_t w = 0;
    out[0] = '\0';
    for (char *seg = path, *next; seg; seg = next) {
        next = strchr(seg, '/');
        if (next)
            *next++ = '\0';
        if (!*seg || !strcmp(seg, "."))
            continue;
        if (!strcmp(seg, "..")) {
            while (w > 0 && out[w - 1] != '/')
                w--;
            if (w > 0)
                w--;
            out[w] = '\0';
            continue;
        }
        int n = snprintf(out + w, sz - w, "%s%s", w ? "/" : "", seg);
        if (n < 0 || (size_t)n >= sz - w)
            break;
        w += (size_t)n;
    }
}

static int read_rels(struct xlsx *x, const char *part, struct fx_error *err)
{
    x->nrels = 0;
    int rc = parse_part(x, part, rels_start, no_end, no_chars, err);
    return rc == FX_ENOTFOUND ? 0 : rc;
}

static const struct rel *rel_by_type(const struct xlsx *x, const char *type)
{
    for (int i = 0; i < x->nrels; i++)
        if (!strcmp(x->rels[i].type, type))
            return &x->rels[i];
    return NULL;
}

/* ---- the workbook: its sheets and date system ---- */

static void workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx *x = ud;
    const char *n = local(name);
    if (!strcmp(n, "workbookPr")) {
        const char *d = attr(atts, "date1904");
        x->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
    } else if (!strcmp(n, "sheet") && x->nsheets < MAX_SHEETS) {
        const char *sname = attr(atts, "name"), *id = attr(atts, "id"), *state = attr(atts, "state");
        if (!sname || !id)
            return;
        int i = x->nsheets;
        x->sheet_names[i] = strdup(sname);
        if (!x->sheet_names[i]) {
            stop(x, FX_EINTERNAL, "内存不足");
            return;
        }
        x->sheet_hidden[i] = state && (!strcmp(state, "hidden") || !strcmp(state, "veryHidden"));
        snprintf(x->sheet_rel[i], sizeof x->sheet_rel[i], "%s", id);
        x->nsheets++;
    }
}

/* ---- styles: which cell formats show numbers as dates ---- */

static void styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx *x = ud;
    const char *n = local(name);
    if (!strcmp(n, "numFmts")) {
        x->in_numfmts = true;
    } else if (!strcmp(n, "cellXfs")) {
        x->in_cellxfs = true;
    } else if (!strcmp(n, "numFmt") && x->in_numfmts && x->nfmt < MAX_NUMFMT) {
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        if (id && code) {
            x->fmt_id[x->nfmt] = atoi(id);
            x->fmt_kind[x->nfmt] = (unsigned char)sheetin_numfmt_kind(code);
            x->nfmt++;
        }
    } else if (!strcmp(n, "xf") && x->in_cellxfs && x->nxf < MAX_XF) {
        const char *id = attr(atts, "numFmtId");
        x->xf_fmt[x->nxf++] = id ? atoi(id) : 0;
    }
}

static void styles_end(void *ud, const XML_Char *name)
{
    struct xlsx *x = ud;
    const char *n = local(name);
    if (!strcmp(n, "numFmts"))
        x->in_numfmts = false;
    else if (!strcmp(n, "cellXfs"))
        x->in_cellxfs = false;
}

static int read_styles(struct xlsx *x, const char *part, struct fx_error *err)
{
    x->xf_fmt = calloc(MAX_XF, sizeof *x->xf_fmt);
    if (!x->xf_fmt)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    int rc = parse_part(x, part, styles_start, styles_end, no_chars, err);
    if (rc && rc != FX_ENOTFOUND)
        return rc;
    x->xf_kind = calloc(x->nxf ? x->nxf : 1, 1);
    if (!x->xf_kind)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    for (size_t i = 0; i < x->nxf; i++) {
        int id = x->xf_fmt[i], kind = -1;
        /* A format the file defines wins over the built-in of that id. */
        for (int k = 0; k < x->nfmt && kind < 0; k++)
            if (x->fmt_id[k] == id)
                kind = x->fmt_kind[k];
        x->xf_kind[i] = (unsigned char)(kind >= 0 ? kind : sheetin_builtin_numfmt(id));
    }
    free(x->xf_fmt);
    x->xf_fmt = NULL;
    return 0;
}

/* ---- shared strings ---- */

static void sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    struct xlsx *x = ud;
    const char *n = local(name);
    if (!strcmp(n, "si")) {
        x->in_si = true;
        x->text_len = 0;
    } else if (!strcmp(n, "rPh")) {
        x->rph++;
    } else if (!strcmp(n, "t") && x->in_si && !x->rph) {
        x->in_t = true;
    }
}

static bool sst_push(struct xlsx *x, const char *s, size_t n)
{
    if (x->nsst == x->sst_off_cap) {
        size_t cap = x->sst_off_cap ? x->sst_off_cap * 2 : 1024;
        uint32_t *o = realloc(x->sst_off, cap * sizeof *o);
        if (!o)
            return false;
        x->sst_off = o;
        x->sst_off_cap = cap;
    }
    if (x->sst_len + n + 1 > x->sst_cap) {
        size_t cap = x->sst_cap ? x->sst_cap : 65536;
        while (cap < x->sst_len + n + 1)
            cap *= 2;
        char *b = realloc(x->sst, cap);
        if (!b)
            return false;
        x->sst = b;
        x->sst_cap = cap;
    }
    memcpy(x->sst + x->sst_len, s, n);
    x->sst[x->sst_len + n] = '\0';
    x->sst_off[x->nsst++] = (uint32_t)x->sst_len;
    x->sst_len += n + 1;
    return true;
}

static void sst_end(void *ud, const XML_Char *name)
{
    struct xlsx *x = ud;
    const char *n = local(name);
    if (!strcmp(n, "t")) {
        x->in_t = false;
    } else if (!strcmp(n, "rPh")) {
        x->rph--;
    } else if (!strcmp(n, "si") && x->in_si) {
        x->in_si = false;
        size_t len = unescape(x->text, x->text_len);
        if (x->nsst >= MAX_SST || x->sst_len + len + 1 > SHEETIN_MAX_STRINGS) {
            x->fail_big = true;
            stop(x, FX_EINPUT, "其中的文字（共享字符串）超过 32 MB");
        } else if (!sst_push(x, x->text, len))
            stop(x, FX_EINTERNAL, "内存不足");
    }
}

static void text_chars(void *ud, const XML_Char *s, int len)
{
    struct xlsx *x = ud;
    if (x->in_t || x->in_v)
        text_add(x, s, len);
}

/* ---- the sheet, streamed ---- */

static int parse_row_number(const char *s)
{
    if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 8)
        return -1;
    return atoi(s);
}

/* "C7" → 2; -1 when the letters are missing or beyond XFD. */
static int parse_col(const char *ref)
{
    int col = 0, n = 0;
    for (; (*ref >= 'A' && *ref <= 'Z') || (*ref >= 'a' && *ref <= 'z'); ref++, n++) {
        if (n == 3)
            return -1;
        col = col * 26 + ((*ref | 0x20) - 'a' + 1);
    }
    return n == 0 || col > 16384 ? -1 : col - 1;
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx *x = ud;
    const char *n = local(name);
    if (!x->in_sheetdata) {
        if (!strcmp(n, "sheetData"))
            x->in_sheetdata = true;
        return;
    }
    if (!strcmp(n, "row")) {
        if (x->in_row) {
            stop(x, FX_EINPUT, "a row inside a row");
            return;
        }
        const char *r = attr(atts, "r");
        int line = r ? parse_row_number(r) : x->last_row + 1;
        if (line <= x->last_row || line > 1048576) {
            stop(x, FX_EINPUT, "row numbers out of order");
            return;
        }
        x->last_row = line;
        x->last_col = -1;
        x->in_row = true;
        sheetin_row_begin(x->row, line);
    } else if (!strcmp(n, "c") && x->in_row) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
        x->col = r ? parse_col(r) : x->last_col + 1;
        if (x->col < 0 || x->col > 16383) {
            stop(x, FX_EINPUT, "a bad cell reference");
            return;
        }
        x->type = !t || !strcmp(t, "n")     ? T_NUMBER
                  : !strcmp(t, "s")         ? T_SHARED
                  : !strcmp(t, "inlineStr") ? T_INLINE
                  : !strcmp(t, "b")         ? T_BOOL
                  : !strcmp(t, "e")         ? T_ERROR
                  : !strcmp(t, "d")         ? T_DATE
                                            : T_STRING;
        x->style = s ? atoi(s) : 0;
        x->in_c = true;
        x->text_len = 0;
    } else if (x->in_c && !strcmp(n, "v")) {
        x->in_v = true;
        x->text_len = 0;
    } else if (x->in_c && !strcmp(n, "is")) {
        x->in_is = true;
        x->text_len = 0;
    } else if (x->in_is && !strcmp(n, "rPh")) {
        x->rph++;
    } else if (x->in_is && !x->rph && !strcmp(n, "t")) {
        x->in_t = true;
    }
}

/* The cell just read into the row, as text. */
static void put_cell(struct xlsx *x)
{
    char *s = x->text;
    size_t n = x->text_len;
    if (n == 0)
        return;
    s[n] = '\0';
    switch (x->type) {
    case T_SHARED: {
        int idx = parse_row_number(s);
        if (idx < 0 || (size_t)idx >= x->nsst) {
            stop(x, FX_EINPUT, "a shared string that is not there");
            return;
        }
        const char *t = x->sst + x->sst_off[idx];
        sheetin_row_put(x->row, x->col, t, strlen(t));
        return;
    }
    case T_BOOL: {
        const char *b = !strcmp(s, "1") ? "TRUE" : !strcmp(s, "0") ? "FALSE" : s;
        sheetin_row_put(x->row, x->col, b, strlen(b));
        return;
    }
    case T_DATE: /* ISO 8601, as Strict OOXML writes dates */
        if (n > 10 && s[10] == 'T') {
            s[10] = ' ';
            if (n >= 19)
                n = !strncmp(s + 11, "00:00:00", 8) ? 10 : 19;
        }
        sheetin_row_put(x->row, x->col, s, n);
        return;
    case T_NUMBER: {
        double v;
        if (sheetin_parse_number(s, &v)) {
            int kind = x->style >= 0 && (size_t)x->style < x->nxf ? x->xf_kind[x->style] : SHEETIN_NUMBER;
            sheetin_row_put_number(x->row, x->col, v, kind, x->date1904);
            return;
        }
        break;
    }
    default: break;
    }
    n = unescape(s, n);
    sheetin_row_put(x->row, x->col, s, n);
}

static void sheet_end(void *ud, const XML_Char *name)
{
    struct xlsx *x = ud;
    if (!x->in_sheetdata)
        return;
    const char *n = local(name);
    if (!strcmp(n, "v")) {
        x->in_v = false;
    } else if (!strcmp(n, "t")) {
        x->in_t = false;
    } else if (!strcmp(n, "rPh")) {
        x->rph--;
    } else if (!strcmp(n, "is")) {
        x->in_is = false;
    } else if (!strcmp(n, "c") && x->in_c) {
        x->in_c = x->in_v = x->in_is = x->in_t = false;
        x->rph = 0;
        put_cell(x);
        x->last_col = x->col;
    } else if (!strcmp(n, "row") && x->in_row) {
        x->in_row = false;
        if (x->row->filled || x->row->problem[0]) {
            x->row_ready = true;
            XML_StopParser(x->p, XML_TRUE); /* hand the row over; resumed for the next */
        }
    } else if (!strcmp(n, "sheetData")) {
        /* What follows (merged ranges, print settings) is not needed. */
        x->done = true;
        XML_StopParser(x->p, XML_FALSE);
    }
}

static int xlsx_next(void *impl, struct sheet_row *row, struct fx_error *err)
{
    struct xlsx *x = impl;
    x->row = row;
    x->row_ready = false;
    while (!x->done) {
        int st;
        if (x->suspended) {
            x->suspended = false;
            st = XML_ResumeParser(x->p);
        } else if (x->fed_final) {
            x->done = true; /* the end of the part without </sheetData>: nothing more */
            break;
        } else {
            st = feed(x, x->sheet, &x->sheet_read, &x->fed_final, "sheet", err);
            if (st < 0) {
                x->done = true;
                return err->code;
            }
        }
        if (st == XML_STATUS_SUSPENDED) {
            x->suspended = true;
            if (x->row_ready)
                return 1;
        } else if (st == XML_STATUS_ERROR && !(x->done && !x->fail)) {
            x->done = true;
            return parse_failed(x, "sheet", err);
        }
    }
    return 0;
}

static void xlsx_close(void *impl)
{
    struct xlsx *x = impl;
    if (!x)
        return;
    if (x->p)
        XML_ParserFree(x->p);
    if (x->sheet)
        zip_fclose(x->sheet);
    if (x->za)
        zip_discard(x->za);
    for (int i = 0; i < x->nsheets; i++)
        free(x->sheet_names[i]);
    free(x->rels);
    free(x->sst);
    free(x->sst_off);
    free(x->xf_fmt);
    free(x->xf_kind);
    free(x->text);
    free(x);
}

/* The workbook part, from the package's relationships (xl/workbook.xml by convention). */
static int find_workbook(struct xlsx *x, char *out, size_t sz, struct fx_error *err)
{
    int rc = read_rels(x, "_rels/.rels", err);
    if (rc)
        return rc;
    const struct rel *r = rel_by_type(x, "officeDocument");
    resolve("", r ? r->target : "xl/workbook.xml", out, sz);
    if (has_part(x, out))
        return 0;
    if (has_part(x, "content.xml") && has_part(x, "mimetype"))
        return fx_fail(err, FX_EINPUT,
                       "%s：这是 OpenDocument 表格（.ods），请在 WPS 或 LibreOffice 中另存为 .xlsx 后再导入", x->name);
    return fx_fail(err, FX_EINPUT, "%s：这个压缩文件里没有 Excel 工作簿（可能是 Word 文档或其他文件）", x->name);
}

static int choose_sheet(struct xlsx *x, const struct sheet_source *src, struct sheet_reader *out, char *part, size_t sz,
                        struct fx_error *err)
{
    int i = sheetin_choose(src->sheet, (const char *const *)x->sheet_names, x->sheet_hidden, x->nsheets);
    if (i < 0 && src->sheet && *src->sheet) {
        return sheetin_fail_no_sheet(err, x->name, src->sheet, (const char *const *)x->sheet_names, x->nsheets);
    }
    if (i < 0)
        return fx_fail(err, FX_EINPUT, "%s：工作簿里没有工作表", x->name);
    const struct rel *r = NULL;
    for (int k = 0; k < x->nrels && !r; k++)
        if (!strcmp(x->rels[k].id, x->sheet_rel[i]))
            r = &x->rels[k];
    if (!r)
        return sheetin_fail_corrupt(err, x->name, FORMAT, "the sheet's relationship is missing");
    if (strcmp(r->type, "worksheet"))
        return fx_fail(err, FX_EINPUT, "%s：工作表“%s”是图表或对话框，不是表格", x->name, x->sheet_names[i]);
    snprintf(out->sheet, sizeof out->sheet, "%s", x->sheet_names[i]);
    char dir[600];
    snprintf(dir, sizeof dir, "%s", part);
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[1] = '\0';
    else
        dir[0] = '\0';
    resolve(dir, r->target, part, sz);
    return 0;
}

static int xlsx_open(struct xlsx *x, const struct sheet_source *src, struct sheet_reader *out, struct fx_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    if (src->path) {
        int code = 0;
        x->za = zip_open(src->path, ZIP_RDONLY, &code);
        zip_error_init_with_code(&ze, code);
    } else {
        zip_source_t *zs = zip_source_buffer_create(src->data, src->len, 0, &ze);
        if (zs) {
            x->za = zip_open_from_source(zs, ZIP_RDONLY, &ze);
            if (!x->za)
                zip_source_free(zs);
        }
    }
    if (!x->za) {
        int rc = fail_zip(x, &ze, err);
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    x->text = malloc(TEXT_CAP + 1);
    x->rels = calloc(MAX_RELS, sizeof *x->rels);
    if (!x->text || !x->rels)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    char workbook[600], part[600];
    int rc = find_workbook(x, workbook, sizeof workbook, err);
    if (rc)
        return rc;
    /* The workbook's relationships: xl/_rels/workbook.xml.rels for xl/workbook.xml. */
    const char *base = strrchr(workbook, '/');
    snprintf(part, sizeof part, "%.*s_rels/%s.rels", base ? (int)(base - workbook + 1) : 0, workbook,
             base ? base + 1 : workbook);
    if ((rc = read_rels(x, part, err)) != 0)
        return rc;
    rc = parse_part(x, workbook, workbook_start, no_end, no_chars, err);
    if (rc)
        return rc == FX_ENOTFOUND ? sheetin_fail_corrupt(err, x->name, FORMAT, "no workbook part") : rc;
    char dir[600];
    snprintf(dir, sizeof dir, "%.*s", base ? (int)(base - workbook + 1) : 0, workbook);
    const struct rel *r = rel_by_type(x, "styles");
    if (r) {
        resolve(dir, r->target, part, sizeof part);
        if ((rc = read_styles(x, part, err)) != 0)
            return rc;
    }
    r = rel_by_type(x, "sharedStrings");
    if (r) {
        resolve(dir, r->target, part, sizeof part);
        rc = parse_part(x, part, sst_start, sst_end, text_chars, err);
        if (rc && rc != FX_ENOTFOUND)
            return rc;
    }
    snprintf(part, sizeof part, "%s", workbook);
    if ((rc = choose_sheet(x, src, out, part, sizeof part, err)) != 0)
        return rc;
    bool missing;
    x->sheet = open_part(x, part, &missing, err);
    if (!x->sheet)
        return missing ? sheetin_fail_corrupt(err, x->name, FORMAT, "the sheet's part is missing") : err->code;
    x->p = new_parser(x);
    if (!x->p)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    XML_SetElementHandler(x->p, sheet_start, sheet_end);
    XML_SetCharacterDataHandler(x->p, text_chars);
    return 0;
}

int fxp_sheet_open_xlsx(const struct sheet_source *src, struct sheet_reader *out, struct fx_error *err)
{
    struct xlsx *x = calloc(1, sizeof *x);
    if (!x)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    snprintf(x->name, sizeof x->name, "%s", src->name ? src->name : "");
    int rc = xlsx_open(x, src, out, err);
    if (rc) {
        xlsx_close(x);
        return rc;
    }
    out->impl = x;
    out->next = xlsx_next;
    out->close = xlsx_close;
    snprintf(out->format, sizeof out->format, "%s", FORMAT);
    return 0;
}
