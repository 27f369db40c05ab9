/* plugin.c — loading the output module and the thin entry points that call into it (sheetin.c has its own).
 * render_pdf and friends keep their signatures in render.h; callers never know. */
#define _GNU_SOURCE
#include "plugin.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export_sheet.h"
#include "paths.h"
#include "render.h"

#ifndef FX_LIBDIR
#define FX_LIBDIR "/usr/local/lib/fenxiao"
#endif
#define MODULE "fenxiao-render.so"

/* Under LeakSanitizer (make check-asan): fontconfig, used by the module, keeps
 * its font cache for the life of the process by design and offers no safe way
 * to drop it while pango may hold patterns; those allocations (and only those)
 * are not reported. LSan looks for this in the program, not in a module. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static void *handle;
static char tried_error[512];

static void *try_open(const char *path)
{
    if (access(path, R_OK) != 0)
        return NULL;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        snprintf(tried_error, sizeof tried_error, "%s", dlerror());
    return h;
}

static void *open_module(void)
{
    const char *env = getenv("FENXIAO_RENDER_MODULE");
    if (env && *env)
        return try_open(env);
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {MODULE, "../" MODULE, "build/" MODULE, "../lib/fenxiao/" MODULE};
            for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
                char p[4200];
                snprintf(p, sizeof p, "%s/%s", exe, rel[i]);
                void *h = try_open(p);
                if (h)
                    return h;
            }
        }
    }
    return try_open(FX_LIBDIR "/" MODULE);
}

void *plugin_symbol(const char *name, struct fx_error *err)
{
    if (!handle)
        handle = open_module();
    if (!handle) {
        fx_fail(err, FX_EINTERNAL,
                "无法载入模块 %s（PDF、XLSX 输出和 Excel 文件导入都要用它），程序安装不完整（可改用 CSV 或文本格式）",
                MODULE);
        fx_detail(err, "%s", tried_error[0] ? tried_error : "not found");
        return NULL;
    }
    void *sym = dlsym(handle, name);
    if (!sym) {
        fx_fail(err, FX_EINTERNAL, "模块 %s（PDF、XLSX、Excel 导入）与程序版本不符", MODULE);
        fx_detail(err, "dlsym %s: %s", name, dlerror());
    }
    return sym;
}

int render_pdf(const struct report *rep, const char *path, struct fx_error *err)
{
    int (*fn)(const struct report *, const char *, struct fx_error *) = (int (*)(const struct report *, const char *,
                                                                                 struct fx_error *))plugin_symbol(
        "fxp_render_pdf", err);
    return fn ? fn(rep, path, err) : FX_EINTERNAL;
}

int render_pdf_pages(const struct report *rep)
{
    struct fx_error err;
    int (*fn)(const struct report *) = (int (*)(const struct report *))plugin_symbol("fxp_render_pdf_pages", &err);
    return fn ? fn(rep) : -1;
}

int render_xlsx(const struct report *rep, const char *path, struct fx_error *err)
{
    int (*fn)(const struct report *, const char *, struct fx_error *) = (int (*)(const struct report *, const char *,
                                                                                 struct fx_error *))plugin_symbol(
        "fxp_render_xlsx", err);
    return fn ? fn(rep, path, err) : FX_EINTERNAL;
}

int render_pdf_package(const struct report *const *parts, int n, const char *title, const char *path,
                       struct fx_error *err)
{
    int (*fn)(const struct report *const *, int, const char *, const char *, struct fx_error *) =
        (int (*)(const struct report *const *, int, const char *, const char *, struct fx_error *))plugin_symbol(
            "fxp_render_pdf_package", err);
    return fn ? fn(parts, n, title, path, err) : FX_EINTERNAL;
}

int render_xlsx_package(const struct report *const *parts, const char *const *sheets, int n, const char *path,
                        struct fx_error *err)
{
    int (*fn)(const struct report *const *, const char *const *, int, const char *, struct fx_error *) =
        (int (*)(const struct report *const *, const char *const *, int, const char *,
                 struct fx_error *))plugin_symbol("fxp_render_xlsx_package", err);
    return fn ? fn(parts, sheets, n, path, err) : FX_EINTERNAL;
}

int export_xlsx_sheet(sqlite3 *db, sqlite3_stmt *st, const struct export_def *d, const char *path, int64_t *rows,
                      struct fx_error *err)
{
    int (*fn)(sqlite3 *, sqlite3_stmt *, const struct export_def *, const char *, int64_t *, struct fx_error *) =
        (int (*)(sqlite3 *, sqlite3_stmt *, const struct export_def *, const char *, int64_t *,
                 struct fx_error *))plugin_symbol("fxp_export_xlsx_sheet", err);
    if (!fn) {
        sqlite3_finalize(st);
        return FX_EINTERNAL;
    }
    return fn(db, st, d, path, rows, err);
}
