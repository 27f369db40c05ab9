/* sheetin_xls.c — one sheet of an .xls (Excel 97–2003) workbook, row by row, read with freexl in a child process.
 * Part of the PDF/XLSX module. OLE2 files also carry .xlsx workbooks with an open password: told apart here. */
#define _GNU_SOURCE /* memfd_create, memmem */
#include <errno.h>
#include <fcntl.h>
#include <freexl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sheetin.h"
#include "sheetin_internal.h"

#define FORMAT "Excel 97-2003 工作簿（.xls）"

enum { MAX_SHEETS = 1024, CELL_MAX = CSVIN_MAX_FIELD + 1 };

/* freexl reads past its buffers on some damaged files (found by tests/fuzz/fuzz_sheetin.c:
 * a stack over-read in its string conversion). So it runs in a child process that sends the
 * rows down a pipe: a file that makes it crash is refused as damaged, and fenxiao goes on.
 * Records, in this machine's byte order:
 *   'O' u16 n, name        the sheet chosen
 *   'R' u32 line, u16 cells, then per cell: u16 column, u32 n, text
 *   'E' i32 code, u16 n, message, u16 n, detail
 *   'Z'                    the end of the sheet */
struct xls {
    char name[1024];
    pid_t pid;
    FILE *in;  /* the pipe from the child */
    int memfd; /* bytes from memory are given to freexl as a file */
    char fd_path[64];
    bool ended;
    char *cell; /* CELL_MAX bytes */
};

/* ---- the child: freexl ---- */

/* The sanitizers' hook, present only in programs built with one. */
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

struct out {
    FILE *f;
    bool failed;
};

static void put_bytes(struct out *o, const void *p, size_t n)
{
    if (!o->failed && fwrite(p, 1, n, o->f) != n)
        o->failed = true;
}

static void put_text16(struct out *o, const char *s)
{
    size_t n = strlen(s);
    uint16_t len = (uint16_t)(n > 65535 ? 65535 : n);
    put_bytes(o, &len, sizeof len);
    put_bytes(o, s, len);
}

static void put_error(struct out *o, const struct fx_error *err)
{
    int32_t code = err->code ? err->code : FX_EINPUT;
    put_bytes(o, "E", 1);
    put_bytes(o, &code, sizeof code);
    put_text16(o, err->msg);
    put_text16(o, err->detail);
}

/* An .xlsx saved with an open password is an OLE2 file whose streams are
 * EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO); freexl finds no
 * workbook in it. The stream's name, in UTF-16 in the file's directory, says so. */
static const char enc_name[] = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0";

static bool encrypted_ooxml(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    enum { CH = 65536, OVER = sizeof enc_name - 1 };
    static char buf[CH + OVER];
    size_t keep = 0, n;
    bool found = false;
    while (!found && (n = fread(buf + keep, 1, CH, f)) > 0) {
        found = memmem(buf, keep + n, enc_name, OVER) != NULL;
        size_t total = keep + n;
        keep = total < OVER ? total : OVER;
        memmove(buf, buf + total - keep, keep);
    }
    fclose(f);
    return found;
}

/* Open with freexl (info only, or the cells too) and check what freexl does not refuse itself. */
static int open_handle(const char *name, const char *path, bool cells, const void **out, struct fx_error *err)
{
    const void *h = NULL;
    int rc = cells ? freexl_open(path, &h) : freexl_open_info(path, &h);
    if (rc != FREEXL_OK) {
        if (h)
            freexl_close(h);
        if (rc == FREEXL_INSUFFICIENT_MEMORY)
            return fx_fail(err, FX_EINTERNAL, "内存不足");
        if (encrypted_ooxml(path))
            return sheetin_fail_password(err, name);
        char detail[64];
        snprintf(detail, sizeof detail, "freexl error %d", rc);
        return sheetin_fail_corrupt(err, name, FORMAT, detail);
    }
    /* freexl stops at a FILEPASS record (the workbook is encrypted) and gives no handle. */
    if (!h)
        return sheetin_fail_password(err, name);
    *out = h;
    unsigned info = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED)
        return sheetin_fail_password(err, name);
    return 0;
}

/* Which sheet, and whether every sheet is small enough for freexl to load:
 * it holds a sheet's cells in memory, as many as its dimensions claim. */
static int choose(const void *h, const char *name, const char *sheet, int *chosen, char *chosen_name, size_t sz,
                  struct fx_error *err)
{
    unsigned n = 0;
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &n) != FREEXL_OK || n == 0)
        return sheetin_fail_corrupt(err, name, FORMAT, "no worksheet");
    if (n > MAX_SHEETS)
        n = MAX_SHEETS;
    char **names = calloc(n, sizeof *names);
    if (!names)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    int rc = 0;
    for (unsigned i = 0; i < n && !rc; i++) {
        const char *sname = NULL;
        unsigned rows = 0;
        unsigned short cols = 0;
        if (freexl_get_worksheet_name(h, (unsigned short)i, &sname) != FREEXL_OK ||
            freexl_select_active_worksheet(h, (unsigned short)i) != FREEXL_OK ||
            freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
            rc = sheetin_fail_corrupt(err, name, FORMAT, "a worksheet cannot be read");
            break;
        }
        if ((uint64_t)rows * cols > SHEETIN_MAX_CELLS)
            rc = sheetin_fail_too_big(err, name, "其中一个工作表超过 400 万个单元格");
        names[i] = strdup(sname ? sname : "");
        if (!names[i] && !rc)
            rc = fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    if (!rc) {
        *chosen = sheetin_choose(sheet, (const char *const *)names, NULL, (int)n);
        if (*chosen < 0) {
            rc = sheetin_fail_no_sheet(err, name, sheet, (const char *const *)names, (int)n);
        } else {
            snprintf(chosen_name, sz, "%s", names[*chosen]);
        }
    }
    for (unsigned i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* One cell as text ("" for none): numbers by core's rules, dates and times as freexl gives them. */
static const char *cell_text(const FreeXL_CellValue *v, char *num, size_t sz, size_t *n)
{
    const char *t = "";
    switch (v->type) {
    case FREEXL_CELL_INT:
        sheetin_number_text(v->value.int_value, SHEETIN_NUMBER, false, num, sz);
        t = num;
        break;
    case FREEXL_CELL_DOUBLE:
        sheetin_number_text(v->value.double_value, SHEETIN_NUMBER, false, num, sz);
        t = num;
        break;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_TIME:
    case FREEXL_CELL_DATETIME: t = v->value.text_value ? v->value.text_value : ""; break;
    default: break;
    }
    *n = strlen(t);
    /* "YYYY-MM-DD 00:00:00": midnight is a date. */
    if (v->type == FREEXL_CELL_DATETIME && *n == 19 && !strcmp(t + 10, " 00:00:00"))
        *n = 10;
    return t;
}

static void child_sheet(struct out *o, const char *name, const char *path, const char *sheet)
{
    struct fx_error err;
    fx_clear(&err);
    const void *h = NULL;
    int chosen = 0;
    char sheet_name[256] = "";
    int rc = open_handle(name, path, false, &h, &err);
    if (!rc)
        rc = choose(h, name, sheet, &chosen, sheet_name, sizeof sheet_name, &err);
    if (h)
        freexl_close(h);
    h = NULL;
    unsigned rows = 0;
    unsigned short cols = 0;
    if (!rc && (rc = open_handle(name, path, true, &h, &err)) == 0 &&
        (freexl_select_active_worksheet(h, (unsigned short)chosen) != FREEXL_OK ||
         freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK))
        rc = sheetin_fail_corrupt(&err, name, FORMAT, "the worksheet cannot be read");
    if (rc) {
        put_error(o, &err);
    } else {
        put_bytes(o, "O", 1);
        put_text16(o, sheet_name);
        for (unsigned r = 0; r < rows && !o->failed; r++) {
            uint32_t line = r + 1;
            uint16_t cells = 0;
            for (unsigned short c = 0; c < cols; c++) {
                FreeXL_CellValue v;
                if (freexl_get_cell_value(h, r, c, &v) == FREEXL_OK && v.type != FREEXL_CELL_NULL)
                    cells++;
            }
            if (!cells)
                continue;
            put_bytes(o, "R", 1);
            put_bytes(o, &line, sizeof line);
            put_bytes(o, &cells, sizeof cells);
            for (unsigned short c = 0; c < cols && cells; c++) {
                FreeXL_CellValue v; /* the same cells as counted above */
                if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK || v.type == FREEXL_CELL_NULL)
                    continue;
                char num[64];
                size_t n;
                const char *t = cell_text(&v, num, sizeof num, &n);
                uint16_t col = c;
                uint32_t len = (uint32_t)(n > CELL_MAX ? CELL_MAX : n); /* enough to be found too long */
                put_bytes(o, &col, sizeof col);
                put_bytes(o, &len, sizeof len);
                put_bytes(o, t, len);
                cells--;
            }
        }
        put_bytes(o, "Z", 1);
    }
    if (h)
        freexl_close(h);
    fflush(o->f);
}

/* ---- the parent: rows from the pipe ---- */

static bool get(struct xls *x, void *p, size_t n)
{
    return fread(p, 1, n, x->in) == n;
}

static bool get_text16(struct xls *x, char *out, size_t sz)
{
    uint16_t n;
    if (!get(x, &n, sizeof n) || n >= CELL_MAX || !get(x, x->cell, n))
        return false;
    snprintf(out, sz, "%.*s", (int)n, x->cell);
    return true;
}

/* The child stopped without a word: it crashed on the file, or could not run. */
static int child_died(struct xls *x, struct fx_error *err)
{
    x->ended = true;
    int status = 0;
    char detail[80] = "freexl's process";
    if (x->pid > 0 && waitpid(x->pid, &status, 0) == x->pid) {
        if (WIFSIGNALED(status))
            snprintf(detail, sizeof detail, "freexl's process died of signal %d", WTERMSIG(status));
        else
            snprintf(detail, sizeof detail, "freexl's process exited with %d", WEXITSTATUS(status));
        x->pid = 0;
    }
    return sheetin_fail_corrupt(err, x->name, FORMAT, detail);
}

static int read_error(struct xls *x, struct fx_error *err)
{
    int32_t code;
    char msg[sizeof err->msg], detail[sizeof err->detail];
    if (!get(x, &code, sizeof code) || !get_text16(x, msg, sizeof msg) || !get_text16(x, detail, sizeof detail))
        return child_died(x, err);
    x->ended = true;
    fx_fail(err, code > 0 && code <= FX_EINTERNAL ? code : FX_EINPUT, "%s", msg);
    fx_detail(err, "%s", detail);
    return err->code;
}

static int xls_next(void *impl, struct sheet_row *row, struct fx_error *err)
{
    struct xls *x = impl;
    if (x->ended)
        return 0;
    char tag;
    if (!get(x, &tag, 1))
        return child_died(x, err);
    if (tag == 'Z') {
        x->ended = true;
        return 0;
    }
    if (tag == 'E')
        return read_error(x, err);
    uint32_t line;
    uint16_t cells;
    if (tag != 'R' || !get(x, &line, sizeof line) || !get(x, &cells, sizeof cells) || line == 0 || line > 1048576)
        return child_died(x, err);
    sheetin_row_begin(row, (int)line);
    for (unsigned i = 0; i < cells; i++) {
        uint16_t col;
        uint32_t n;
        if (!get(x, &col, sizeof col) || !get(x, &n, sizeof n) || n > CELL_MAX || !get(x, x->cell, n))
            return child_died(x, err);
        sheetin_row_put(row, col, x->cell, n);
    }
    return 1;
}

static void xls_close(void *impl)
{
    struct xls *x = impl;
    if (!x)
        return;
    if (x->in)
        fclose(x->in); /* a child still writing gets EPIPE and ends */
    if (x->pid > 0) {
        kill(x->pid, SIGKILL);
        waitpid(x->pid, NULL, 0);
    }
    if (x->memfd >= 0)
        close(x->memfd);
    free(x->cell);
    free(x);
}

static int xls_open(struct xls *x, const struct sheet_source *src, struct sheet_reader *out, struct fx_error *err)
{
    const char *path = src->path;
    if (!path) {
        x->memfd = memfd_create("fenxiao-sheet", MFD_CLOEXEC);
        if (x->memfd < 0 || write(x->memfd, src->data, src->len) != (ssize_t)src->len)
            return fx_fail(err, FX_EINTERNAL, "无法准备临时文件");
        snprintf(x->fd_path, sizeof x->fd_path, "/proc/self/fd/%d", x->memfd);
        path = x->fd_path;
    }
    int fds[2];
    if (pipe(fds) != 0)
        return fx_fail(err, FX_EINTERNAL, "无法创建管道：%s", strerror(errno));
    /* The child ends with _exit: what the parent has buffered in stdio is never written twice. */
    x->pid = fork();
    if (x->pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return fx_fail(err, FX_EINTERNAL, "无法创建进程：%s", strerror(errno));
    }
    if (x->pid == 0) {
        /* Nothing from the child reaches the terminal (the screens may own it). */
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
            close(null);
        }
        /* Under a sanitizer (the fuzz target, make check-asan) freexl's faults end the child
         * quietly: they are the file's, refused as damaged, not the program's. */
        if (__sanitizer_set_death_callback)
            __sanitizer_set_death_callback(NULL);
        /* A file that sends freexl round in circles is stopped too. */
        signal(SIGALRM, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        alarm(120);
        close(fds[0]);
        struct out o = {fdopen(fds[1], "wb"), false};
        if (o.f)
            child_sheet(&o, x->name, path, src->sheet);
        _exit(0);
    }
    close(fds[1]);
    x->in = fdopen(fds[0], "rb");
    if (!x->in) {
        close(fds[0]);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    char tag;
    if (!get(x, &tag, 1))
        return child_died(x, err);
    if (tag == 'E')
        return read_error(x, err);
    if (tag != 'O' || !get_text16(x, out->sheet, sizeof out->sheet))
        return child_died(x, err);
    return 0;
}

int fxp_sheet_open_xls(const struct sheet_source *src, struct sheet_reader *out, struct fx_error *err)
{
    struct xls *x = calloc(1, sizeof *x);
    if (!x)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    x->memfd = -1;
    x->cell = malloc(CELL_MAX);
    if (!x->cell) {
        free(x);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    snprintf(x->name, sizeof x->name, "%s", src->name ? src->name : "");
    int rc = xls_open(x, src, out, err);
    if (rc) {
        xls_close(x);
        return rc;
    }
    out->impl = x;
    out->next = xls_next;
    out->close = xls_close;
    snprintf(out->format, sizeof out->format, "%s", FORMAT);
    return 0;
}
