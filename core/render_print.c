/* render_print.c — report files created 0600, and printing a PDF through `lp`.
 * lp runs by fork/execvp with an argv: no shell ever sees a file or printer name. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "paths.h"
#include "render.h"
#include "text.h"

FILE *render_open_file(const char *path, struct fx_error *err)
{
    /* Reports name people: the same 0600 as the ledger, whatever the umask. */
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        fx_fail(err, FX_EFS, "无法写入文件 %s：%s", path, strerror(errno));
        return NULL;
    }
    if (fchmod(fd, 0600) != 0) { /* an existing file keeps its mode through O_TRUNC */
        fx_fail(err, FX_EFS, "无法设置文件权限 %s：%s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        fx_fail(err, FX_EFS, "无法写入文件 %s：%s", path, strerror(errno));
        close(fd);
    }
    return f;
}

int render_print_path(const struct report *rep, char *out, size_t outsz, struct fx_error *err)
{
    char dir[4096];
    int rc = paths_print_dir(dir, sizeof dir, err);
    if (rc)
        return rc;
    struct tm tm;
    date_now(&tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    int n = snprintf(out, outsz, "%s/%s-%s.pdf", dir, rep->slug[0] ? rep->slug : "report", stamp);
    if (n < 0 || (size_t)n >= outsz)
        return fx_fail(err, FX_EFS, "打印文件的路径太长：%s", dir);
    return 0;
}

int render_print(const char *pdf_path, const char *printer, struct fx_error *err)
{
    /* A file name starting with '-' would read as an option to lp. */
    char path[4096];
    snprintf(path, sizeof path, "%s%s", pdf_path[0] == '-' ? "./" : "", pdf_path);
    char *argv[6];
    int argc = 0;
    argv[argc++] = "lp";
    if (printer && *printer) {
        argv[argc++] = "-d";
        argv[argc++] = (char *)printer;
    }
    argv[argc++] = path;
    argv[argc] = NULL;

    int errpipe[2], execpipe[2];
    if (pipe(errpipe) != 0)
        return fx_fail(err, FX_EFS, "无法启动打印：%s", strerror(errno));
    if (pipe(execpipe) != 0) {
        close(errpipe[0]);
        close(errpipe[1]);
        return fx_fail(err, FX_EFS, "无法启动打印：%s", strerror(errno));
    }
    fcntl(execpipe[1], F_SETFD, FD_CLOEXEC);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(errpipe[0]);
        close(errpipe[1]);
        close(execpipe[0]);
        close(execpipe[1]);
        return fx_fail(err, FX_EFS, "无法启动打印：%s", strerror(e));
    }
    if (pid == 0) {
        /* lp's "request id is …" must not land on a screen or in report output. */
        int devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            dup2(devnull, 0);
            dup2(devnull, 1);
        }
        dup2(errpipe[1], 2);
        close(errpipe[0]);
        close(execpipe[0]);
        execvp("lp", argv);
        int e = errno;
        ssize_t w = write(execpipe[1], &e, sizeof e);
        (void)w;
        _exit(127);
    }
    close(errpipe[1]);
    close(execpipe[1]);
    int exec_errno = 0;
    ssize_t got = read(execpipe[0], &exec_errno, sizeof exec_errno);
    close(execpipe[0]);
    char msg[512];
    size_t len = 0;
    ssize_t r;
    while (len < sizeof msg - 1 && (r = read(errpipe[0], msg + len, sizeof msg - 1 - len)) > 0)
        len += (size_t)r;
    msg[len] = '\0';
    /* Drain the rest so lp never blocks on a full pipe. */
    char sink[512];
    while (read(errpipe[0], sink, sizeof sink) > 0)
        ;
    close(errpipe[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (got == (ssize_t)sizeof exec_errno) {
        if (exec_errno == ENOENT)
            return fx_fail(err, FX_EFS, "本机没有打印命令 lp（未安装 CUPS），未能打印。PDF 已保留：%s", pdf_path);
        return fx_fail(err, FX_EFS, "无法运行打印命令 lp：%s。PDF 已保留：%s", strerror(exec_errno), pdf_path);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char clean[512];
        text_sanitize(clean, sizeof clean, msg);
        char *t = text_trim(clean);
        if (strlen(t) > 200)
            t[text_fit_columns(t, 120, NULL)] = '\0';
        fx_fail(err, FX_EFS, "打印失败：没有可用的打印机或打印服务未运行（lp：%s）。PDF 已保留：%s", *t ? t : "无说明",
                pdf_path);
        fx_detail(err, "lp exit status %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return FX_EFS;
    }
    return 0;
}
