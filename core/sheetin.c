/* sheetin.c — the workbook reader's core half: what a file is, rows in csvin's shape, cells as text.
 * The parsing itself (libzip, expat, freexl) lives in the PDF/XLSX module; see sheetin_internal.h. */
#include "sheetin.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plugin.h"
#include "sheetin_internal.h"
#include "text.h"

struct sheetin {
    char name[1024];
    struct sheet_reader rd;
    bool open, done;
    struct sheet_row row;
    const char *fields[CSVIN_MAX_FIELDS];
    int nfields;
    int width; /* fields of the widest row so far */
    int last_line;
};

/* Programs that link the readers in (the fuzz targets) call them directly;
 * everything else finds them in the module, whose libraries (libzip pulls in
 * libcrypto) would cost every start of the program a few milliseconds. */
#pragma weak fxp_sheet_open_xlsx
#pragma weak fxp_sheet_open_xls

static const unsigned char zip_magic[] = {'P', 'K', 3, 4}, zip_empty[] = {'P', 'K', 5, 6};
static const unsigned char ole2_magic[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

int sheetin_sniff_mem(const void *data, size_t len)
{
    const unsigned char *p = data;
    if (len >= 4 && (!memcmp(p, zip_magic, 4) || !memcmp(p, zip_empty, 4)))
        return SHEETIN_ZIP;
    if (len >= sizeof ole2_magic && !memcmp(p, ole2_magic, sizeof ole2_magic))
        return SHEETIN_OLE2;
    return SHEETIN_NONE;
}

int sheetin_sniff(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return SHEETIN_NONE;
    unsigned char head[8];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return sheetin_sniff_mem(head, n);
}

/* ---- messages shared by the readers ---- */

int sheetin_fail_corrupt(struct fx_error *err, const char *name, const char *format, const char *detail)
{
    fx_fail(err, FX_EINPUT, "%s：文件已损坏，不能作为 %s 读取；请在 WPS 或 Excel 中打开它，另存一份后再导入", name,
            format);
    fx_detail(err, "%s", detail ? detail : "");
    return FX_EINPUT;
}

int sheetin_fail_password(struct fx_error *err, const char *name)
{
    return fx_fail(
        err, FX_EINPUT,
        "%s：文件设置了打开密码（已加密），不能导入；请在 WPS 或 Excel 中用密码打开它，取消密码后另存，再导入", name);
}

int sheetin_fail_too_big(struct fx_error *err, const char *name, const char *what)
{
    return fx_fail(err, FX_EINPUT, "%s：%s，不像是一份名册；请只保留要导入的表格，另存后再导入", name, what);
}

int sheetin_fail_no_sheet(struct fx_error *err, const char *name, const char *sheet, const char *const *names, int n)
{
    char list[400] = "";
    for (int k = 0; k < n; k++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", k ? "、" : "", names[k] ? names[k] : "");
    }
    return fx_fail(err, FX_EINPUT, "%s：没有名为“%s”的工作表（有：%s）", name, sheet, list);
}

int sheetin_choose(const char *sheet, const char *const *names, const bool *hidden, int n)
{
    if (n <= 0)
        return -1;
    if (!sheet || !*sheet) {
        for (int i = 0; i < n; i++)
            if (!hidden || !hidden[i])
                return i;
        return 0;
    }
    for (int i = 0; i < n; i++)
        if (names[i] && !strcmp(names[i], sheet))
            return i;
    /* Spaces typed around a name in the command or the tab. */
    char want[256];
    snprintf(want, sizeof want, "%s", sheet);
    text_trim(want);
    for (int i = 0; i < n; i++) {
        char have[256];
        snprintf(have, sizeof have, "%s", names[i] ? names[i] : "");
        if (!strcmp(text_trim(have), want))
            return i;
    }
    if (*want && strspn(want, "0123456789") == strlen(want) && strlen(want) < 6) {
        int k = atoi(want);
        if (k >= 1 && k <= n)
            return k - 1;
    }
    return -1;
}

/* ---- rows ---- */

void sheetin_row_begin(struct sheet_row *r, int line)
{
    r->line = line;
    r->ncols = 0;
    r->filled = false;
    r->len = 0;
    r->text = 0;
    r->problem[0] = '\0';
    for (int i = 0; i < CSVIN_MAX_FIELDS; i++)
        r->off[i] = SHEET_NO_CELL;
}

static void row_problem(struct sheet_row *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void row_problem(struct sheet_row *r, const char *fmt, ...)
{
    if (r->problem[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->problem, sizeof r->problem, fmt, ap);
    va_end(ap);
}

void sheetin_row_put(struct sheet_row *r, int col, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (col < 0 || col >= CSVIN_MAX_FIELDS) {
        row_problem(r, "列数太多（第 %d 列有内容，最多 %zu 列）", col + 1, (size_t)CSVIN_MAX_FIELDS);
        return;
    }
    if (n > r->max_field) {
        row_problem(r, "第 %d 列太长（超过 %zu 字节）", col + 1, r->max_field);
        return;
    }
    if (r->text + n > r->max_record || r->len + n + 1 > SHEET_ROW_BUF) {
        row_problem(r, "这一行太长（第 %d 列处超过 %zu 字节）", col + 1, r->max_record);
        return;
    }
    memcpy(r->buf + r->len, s, n);
    r->buf[r->len + n] = '\0';
    r->off[col] = r->len;
    r->len += n + 1;
    r->text += n;
    if (col + 1 > r->ncols)
        r->ncols = col + 1;
    r->filled = true;
}

/* ---- numbers, dates and times ---- */

/* Numbers are written and read in the C locale whatever LC_NUMERIC says:
 * a file's "2.5" is 2.5 in every country. */
static locale_t c_locale(void)
{
    static locale_t c;
    if (!c)
        c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return c;
}

int sheetin_builtin_numfmt(int id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58)
        return SHEETIN_DATE;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56)
        return SHEETIN_TIME;
    if (id == 22)
        return SHEETIN_DATETIME;
    return SHEETIN_NUMBER;
}

int sheetin_numfmt_kind(const char *code)
{
    bool date = false, time = false, month = false;
    for (const char *p = code; p && *p && *p != ';'; p++) {
        switch (*p) {
        case '"': /* literal text */
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
            break;
        case '\\': /* the next character literally; '_' a space its width; '*' a fill */
        case '_':
        case '*':
            if (p[1]) {
                p++;
                while ((p[1] & 0xC0) == 0x80) /* the rest of a multi-byte character */
                    p++;
            }
            break;
        case '[': { /* [Red], [$-804], [DBNum1], [>100]; but [h] [mm] [ss] are elapsed time */
            const char *end = strchr(p, ']');
            if (!end)
                return SHEETIN_NUMBER;
            char c = (char)(p[1] | 0x20);
            if (end > p + 1 && (c == 'h' || c == 'm' || c == 's') && strspn(p + 1, "hHmMsS") == (size_t)(end - p - 1))
                time = true;
            p = end;
            break;
        }
        case 'y':
        case 'Y':
        case 'd':
        case 'D': date = true; break;
        case 'h':
        case 'H':
        case 's':
        case 'S': time = true; break;
        case 'm':
        case 'M': month = true; break;
        case 'A':
        case 'a': /* AM/PM, A/P */
            if (!strncmp(p, "AM/PM", 5) || !strncmp(p, "am/pm", 5) || !strncmp(p, "A/P", 3) || !strncmp(p, "a/p", 3))
                time = true;
            break;
        default:
            /* Other letters (General's, E+00) are not date parts. */
            break;
        }
    }
    /* m is minutes beside h or s, else a month. */
    if (month && !time)
        date = true;
    return date && time ? SHEETIN_DATETIME : date ? SHEETIN_DATE : time ? SHEETIN_TIME : SHEETIN_NUMBER;
}

/* Days since 1970-01-01 to a civil date (the proleptic Gregorian calendar). */
static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long long)yoe + era * 400 + (*m <= 2);
}

int sheetin_serial_date(double serial, bool date1904, char out[11])
{
    if (!(serial >= 0 && serial < 3e6))
        return -1;
    long long day = (long long)floor(serial), epoch;
    if (date1904) {
        epoch = day - 24107; /* 1904-01-01 */
    } else {
        if (day < 1)
            return -1; /* Excel shows serial 0 as 1900-01-00 */
        if (day == 60) {
            memcpy(out, "1900-02-29", 11);
            return 0;
        }
        /* Serials after the invented 29 February are one day ahead. */
        epoch = day < 60 ? day - 25568 : day - 25569;
    }
    long long y;
    unsigned m, d;
    civil_from_days(epoch, &y, &m, &d);
    if (y > 9999)
        return -1;
    snprintf(out, 11, "%04lld-%02u-%02u", y, m, d);
    return 0;
}

void sheetin_number_text(double v, int kind, bool date1904, char *out, size_t sz)
{
    if (!isfinite(v)) {
        snprintf(out, sz, "#NUM!");
        return;
    }
    if (kind == SHEETIN_DATE || kind == SHEETIN_DATETIME) {
        char date[11];
        long long secs = kind == SHEETIN_DATETIME && v < 3e6 ? llround(v * 86400.0) : 0;
        double day = kind == SHEETIN_DATETIME ? (double)(secs / 86400) : v;
        if (sheetin_serial_date(day, date1904, date) == 0) {
            long long t = secs % 86400;
            if (t > 0)
                snprintf(out, sz, "%s %02lld:%02lld:%02lld", date, t / 3600, t / 60 % 60, t % 60);
            else
                snprintf(out, sz, "%s", date);
            return;
        }
    } else if (kind == SHEETIN_TIME && v >= 0 && v < 1e6) {
        long long t = llround(v * 86400.0);
        snprintf(out, sz, "%02lld:%02lld:%02lld", t / 3600, t / 60 % 60, t % 60);
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        /* Whole numbers in full: a phone number stored as a number is its digits. */
        snprintf(out, sz, "%.0f", v == 0 ? 0.0 : v);
        return;
    }
    /* Spreadsheets keep 15 significant digits; more would show binary noise (0.30000000000000004). */
    locale_t old = uselocale(c_locale());
    snprintf(out, sz, "%.15g", v);
    uselocale(old);
}

bool sheetin_parse_number(const char *s, double *out)
{
    if (!*s || strspn(s, "0123456789+-.eE") != strlen(s))
        return false;
    locale_t old = uselocale(c_locale());
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    uselocale(old);
    return *end == '\0' && errno != ERANGE;
}

void sheetin_row_put_number(struct sheet_row *r, int col, double v, int kind, bool date1904)
{
    char text[64];
    sheetin_number_text(v, kind, date1904, text, sizeof text);
    sheetin_row_put(r, col, text, strlen(text));
}

/* ---- the reader ---- */

typedef int (*open_fn)(const struct sheet_source *, struct sheet_reader *, struct fx_error *);

static int open_common(struct sheetin *s, const struct sheet_source *src, int kind, struct fx_error *err)
{
    snprintf(s->name, sizeof s->name, "%s", src->name ? src->name : "");
    s->row.max_field = CSVIN_MAX_FIELD;
    s->row.max_record = CSVIN_MAX_RECORD;
    s->row.buf = malloc(SHEET_ROW_BUF);
    if (!s->row.buf)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    open_fn fn = NULL;
    if (kind == SHEETIN_ZIP)
        fn = fxp_sheet_open_xlsx ? fxp_sheet_open_xlsx : (open_fn)plugin_symbol("fxp_sheet_open_xlsx", err);
    else if (kind == SHEETIN_OLE2)
        fn = fxp_sheet_open_xls ? fxp_sheet_open_xls : (open_fn)plugin_symbol("fxp_sheet_open_xls", err);
    else
        return fx_fail(err, FX_EINPUT, "%s：不是 Excel 工作簿（.xlsx 或 .xls），可能已损坏，或是改了扩展名的其他文件",
                       s->name);
    if (!fn)
        return err->code;
    int rc = fn(src, &s->rd, err);
    if (rc)
        return rc;
    s->open = true;
    return 0;
}

static int finish_open(struct sheetin *s, int rc, struct sheetin **out)
{
    if (rc) {
        sheetin_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

int sheetin_open(const char *path, const char *sheet, struct sheetin **out, struct fx_error *err)
{
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0) {
        int e = errno;
        fx_fail(err, FX_EFS, "无法打开文件 %s：%s", path, e == ENOENT ? "文件不存在" : "文件系统拒绝");
        fx_detail(err, "stat %s: %s", path, strerror(e));
        return FX_EFS;
    }
    if (st.st_size > (off_t)SHEETIN_MAX_FILE)
        return sheetin_fail_too_big(err, path, "文件超过 64 MB");
    struct sheetin *s = calloc(1, sizeof *s);
    if (!s)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    struct sheet_source src = {.path = path, .name = path, .sheet = sheet};
    return finish_open(s, open_common(s, &src, sheetin_sniff(path), err), out);
}

int sheetin_open_mem(const void *data, size_t len, const char *name, const char *sheet, struct sheetin **out,
                     struct fx_error *err)
{
    *out = NULL;
    if (len > SHEETIN_MAX_FILE)
        return sheetin_fail_too_big(err, name, "文件超过 64 MB");
    struct sheetin *s = calloc(1, sizeof *s);
    if (!s)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    struct sheet_source src = {.data = data, .len = len, .name = name, .sheet = sheet};
    return finish_open(s, open_common(s, &src, sheetin_sniff_mem(data, len), err), out);
}

void sheetin_close(struct sheetin *s)
{
    if (!s)
        return;
    if (s->open && s->rd.close)
        s->rd.close(s->rd.impl);
    free(s->row.buf);
    free(s);
}

void sheetin_set_limits(struct sheetin *s, size_t max_field, size_t max_record)
{
    s->row.max_field = max_field && max_field < CSVIN_MAX_FIELD ? max_field : CSVIN_MAX_FIELD;
    s->row.max_record = max_record && max_record < CSVIN_MAX_RECORD ? max_record : CSVIN_MAX_RECORD;
}

int sheetin_read(struct sheetin *s, struct fx_error *err)
{
    s->nfields = 0;
    while (!s->done) {
        int rc = s->rd.next(s->rd.impl, &s->row, err);
        if (rc == 0)
            break;
        if (rc != 1) {
            s->done = true;
            if (!err->code)
                sheetin_fail_corrupt(err, s->name, s->rd.format, "reader failed");
            return CSVIN_FATAL;
        }
        if (s->row.line <= s->last_line) {
            s->done = true;
            sheetin_fail_corrupt(err, s->name, s->rd.format, "rows out of order");
            return CSVIN_FATAL;
        }
        s->last_line = s->row.line;
        if (!s->row.filled && !s->row.problem[0])
            continue;
        if (s->row.ncols > s->width)
            s->width = s->row.ncols;
        s->nfields = s->width;
        for (int i = 0; i < s->nfields; i++) {
            size_t off = i < s->row.ncols ? s->row.off[i] : SHEET_NO_CELL;
            s->fields[i] = off == SHEET_NO_CELL ? "" : s->row.buf + off;
            char why[160];
            if (!s->row.problem[0] && off != SHEET_NO_CELL &&
                csvin_field_problem(s->fields[i], strlen(s->fields[i]), i + 1, why, sizeof why))
                snprintf(s->row.problem, sizeof s->row.problem, "%s", why);
        }
        if (s->row.problem[0]) {
            fx_fail(err, FX_EINPUT, "%s 第%d行：%s", s->name, s->row.line, s->row.problem);
            return CSVIN_BAD;
        }
        return CSVIN_RECORD;
    }
    s->done = true;
    return CSVIN_EOF;
}

int sheetin_count(const struct sheetin *s)
{
    return s->nfields;
}

const char *sheetin_field(const struct sheetin *s, int i)
{
    return i >= 0 && i < s->nfields ? s->fields[i] : "";
}

int sheetin_line(const struct sheetin *s)
{
    return s->row.line;
}

const char *sheetin_name(const struct sheetin *s)
{
    return s->name;
}

const char *sheetin_sheet(const struct sheetin *s)
{
    return s->rd.sheet;
}

const char *sheetin_format(const struct sheetin *s)
{
    return s->rd.format;
}
