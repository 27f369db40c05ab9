/* paths.c — XDG locations and the data directory.
 * The data directory is looked up once: beside the binary first so a build
 * in the source tree never picks up an older installed copy. */
#include "paths.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plugin.h"
#include "text.h"

#ifndef FX_DATADIR
#define FX_DATADIR "/usr/local/share/fenxiao"
#endif

int paths_join(char *out, size_t outsz, const char *dir, const char *name)
{
    int n = snprintf(out, outsz, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= outsz)
        return FX_EINPUT;
    return 0;
}

/* Without HOME (and no absolute $var) there is nowhere to look: nohome says what to do instead. */
#define NOHOME_LEDGER "找不到主目录（HOME 未设置），请用 --db 指定账本文件"

static int xdg_path(char *out, size_t outsz, const char *var, const char *fallback, const char *leaf,
                    const char *nohome, struct fx_error *err)
{
    const char *base = getenv(var);
    int n;
    if (base && base[0] == '/') {
        n = snprintf(out, outsz, "%s/fenxiao/%s", base, leaf);
    } else {
        const char *home = getenv("HOME");
        if (!home || !home[0])
            return fx_fail(err, FX_EUSAGE, "%s", nohome);
        n = snprintf(out, outsz, "%s/%s/fenxiao/%s", home, fallback, leaf);
    }
    if (n < 0 || (size_t)n >= outsz)
        return fx_fail(err, FX_EUSAGE, "路径太长");
    return 0;
}

int paths_default_db(char *out, size_t outsz, struct fx_error *err)
{
    const char *env = getenv("FENXIAO_DB");
    if (env && env[0]) {
        if ((size_t)snprintf(out, outsz, "%s", env) >= outsz)
            return fx_fail(err, FX_EUSAGE, "路径太长");
        return 0;
    }
    return xdg_path(out, outsz, "XDG_DATA_HOME", ".local/share", "ledger.db", NOHOME_LEDGER, err);
}

int paths_default_demo(char *out, size_t outsz, struct fx_error *err)
{
    return xdg_path(out, outsz, "XDG_DATA_HOME", ".local/share", "demo.db", NOHOME_LEDGER, err);
}

int paths_default_config(char *out, size_t outsz, struct fx_error *err)
{
    return xdg_path(out, outsz, "XDG_CONFIG_HOME", ".config", "fenxiao.ini", NOHOME_LEDGER, err);
}

int paths_print_dir(char *out, size_t outsz, struct fx_error *err)
{
    int rc = xdg_path(out, outsz, "XDG_DATA_HOME", ".local/share", "print",
                      "没有 HOME 也没有 XDG_DATA_HOME，不知道把打印或导出的文件放在哪里（命令行可用 -o 指定）", err);
    return rc ? rc : paths_mkdir_p(out, 0700, err);
}

int paths_output_dir(char *out, size_t outsz, struct fx_error *err)
{
    char docs[4096] = "";
    const char *env = getenv("XDG_DOCUMENTS_DIR");
    const char *home = getenv("HOME");
    if (env && env[0] == '/') {
        text_copy(docs, sizeof docs, env);
    } else {
        /* The desktop's answer needs GLib, which only the output module links; without it, ~/文档. */
        struct fx_error quiet;
        fx_clear(&quiet);
        int (*fn)(char *, size_t) = (int (*)(char *, size_t))plugin_symbol("fxp_documents_dir", &quiet);
        if (!fn || fn(docs, sizeof docs) != 0) {
            if (!home || home[0] != '/')
                return fx_fail(err, FX_EUSAGE, "没有 HOME，不知道把报表放在哪里（可用 -o 指定文件）");
            if (paths_join(docs, sizeof docs, home, "文档"))
                return fx_fail(err, FX_EINPUT, "文件夹路径太长：%s", home);
        }
    }
    if (paths_join(out, outsz, docs, PATHS_OUTPUT_LEAF))
        return fx_fail(err, FX_EINPUT, "文件夹路径太长：%s", docs);
    return paths_mkdir_p(out, 0700, err);
}

static int is_data_dir(const char *dir)
{
    char p[4096];
    struct stat st;
    if (paths_join(p, sizeof p, dir, "schema") != 0)
        return 0;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *paths_data_dir(void)
{
    static char dir[4096];
    if (dir[0])
        return dir;
    const char *env = getenv("FENXIAO_DATA_DIR");
    if (env && env[0] && is_data_dir(env)) {
        snprintf(dir, sizeof dir, "%s", env);
        return dir;
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash;
        /* The binary lives at the top of the source tree, or one level down (a
         * build dir); installed, its data is ../share/fenxiao — which also makes
         * an install relocatable whatever PREFIX it was built with. */
        for (int up = 0; up < 3 && (slash = strrchr(exe, '/')) != NULL; up++) {
            *slash = '\0';
            char cand[4096];
            const char *base = exe[0] ? exe : "/";
            if (paths_join(cand, sizeof cand, base, "data") == 0 && is_data_dir(cand)) {
                snprintf(dir, sizeof dir, "%s", cand);
                return dir;
            }
            if (up == 1 && paths_join(cand, sizeof cand, base, "share/fenxiao") == 0 && is_data_dir(cand)) {
                snprintf(dir, sizeof dir, "%s", cand);
                return dir;
            }
        }
    }
    snprintf(dir, sizeof dir, "%s", FX_DATADIR);
    return dir;
}

void paths_dirname(char *out, size_t outsz, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(out, outsz, ".");
    } else if (slash == path) {
        snprintf(out, outsz, "/");
    } else {
        snprintf(out, outsz, "%.*s", (int)(slash - path), path);
    }
}

int paths_mkdir_p(const char *dir, unsigned mode, struct fx_error *err)
{
    char p[4096];
    if ((size_t)snprintf(p, sizeof p, "%s", dir) >= sizeof p)
        return fx_fail(err, FX_EUSAGE, "路径太长：%s", dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, mode) != 0 && errno != EEXIST) {
            int e = errno;
            fx_fail(err, FX_EFS, "无法创建目录 %s：%s", p, e == EACCES || e == EROFS ? "没有写入权限" : "文件系统拒绝");
            fx_detail(err, "mkdir %s: %s", p, strerror(e));
            return FX_EFS;
        }
        *s = '/';
    }
    if (mkdir(p, mode) != 0 && errno != EEXIST) {
        int e = errno;
        fx_fail(err, FX_EFS, "无法创建目录 %s：%s", p, e == EACCES || e == EROFS ? "没有写入权限" : "文件系统拒绝");
        fx_detail(err, "mkdir %s: %s", p, strerror(e));
        return FX_EFS;
    }
    return 0;
}

int paths_open_regular(const char *path, long long max, const char *what, struct fx_error *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT)
            fx_fail(err, FX_ENOTFOUND, "%s不存在：%s", what, path);
        else
            fx_fail(err, FX_EFS, "无法读取%s %s：%s", what, path, e == EACCES ? "没有权限" : "文件系统拒绝");
        fx_detail(err, "open %s: %s", path, strerror(e));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        fx_fail(err, FX_EFS, "无法读取%s %s", what, path);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        fx_fail(err, FX_EINPUT, "%s %s 不是普通文件（%s），不会读取", what, path,
                S_ISDIR(st.st_mode)    ? "是目录"
                : S_ISFIFO(st.st_mode) ? "是管道"
                : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "是设备"
                                                               : "是特殊文件");
        return -1;
    }
    if ((long long)st.st_size > max) {
        close(fd);
        fx_fail(err, FX_EINPUT, "%s %s 太大（%lld 字节，最多 %lld MiB）", what, path, (long long)st.st_size,
                max / (1024 * 1024));
        return -1;
    }
    /* Regular from here on: reads block as usual. */
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return fd;
}
