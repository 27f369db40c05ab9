/* ini.c — a forgiving INI reader that feeds iniparser's dictionary.
 * iniparser_load alone rejects a UTF-8 BOM and lines over 1,024 bytes, which
 * Windows Notepad and long Chinese values produce; this reader accepts both. */
#include "ini.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"
#include "text.h"

#define INI_MAX_FILE (4 * 1024 * 1024)
#define INI_MAX_ENTRIES 2000
#define INI_MAX_ENTRIES_TEXT "2000"

static char *strip(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static int syntax(struct fx_error *err, const char *path, int line, const char *why)
{
    fx_fail(err, FX_EINPUT, "%s 第%d行：%s", path, line, why);
    fx_detail(err, "%s:%d: %s", path, line, why);
    return FX_EINPUT;
}

static void set_line(struct ini *ini, const char *key, int line)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", line);
    iniparser_set(ini->lines, key, buf);
}

/* Remove an unquoted trailing comment (" ;…" or " #…") and surrounding quotes; NULL for a quote not closed. */
static char *clean_value(char *v)
{
    v = strip(v);
    size_t n = strlen(v);
    if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
        v[n - 1] = '\0';
        return v + 1;
    }
    if (v[0] == '"' || v[0] == '\'')
        return NULL;
    for (char *p = v; *p; p++) {
        if ((*p == ';' || *p == '#') && p > v && (p[-1] == ' ' || p[-1] == '\t')) {
            *p = '\0';
            break;
        }
    }
    return strip(v);
}

static int parse(struct ini *ini, char *buf, size_t len, struct fx_error *err)
{
    char section[512] = "";
    int lineno = 0;
    char *p = buf, *end = buf + len;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *line = p;
        if (nl) {
            *nl = '\0';
            p = nl + 1;
        } else {
            p = end;
        }
        lineno++;
        if (!text_valid_utf8(line, strlen(line)))
            return syntax(err, ini->path, lineno, "不是有效的 UTF-8 文本（请以 UTF-8 编码保存）");
        char *s = strip(line);
        if (!*s || *s == ';' || *s == '#')
            continue;
        if (*s == '[') {
            char *close = strchr(s, ']');
            if (!close)
                return syntax(err, ini->path, lineno, "节名缺少右方括号 ]");
            *close = '\0';
            char *name = strip(s + 1);
            if (!*name)
                return syntax(err, ini->path, lineno, "节名为空");
            if (strchr(name, ':'))
                return syntax(err, ini->path, lineno, "节名不能含冒号");
            if (*strip(close + 1) && *strip(close + 1) != ';' && *strip(close + 1) != '#')
                return syntax(err, ini->path, lineno, "节名后有多余的文字");
            if (++ini->entries > INI_MAX_ENTRIES)
                return syntax(err, ini->path, lineno, "节和键太多（最多 " INI_MAX_ENTRIES_TEXT " 个）");
            snprintf(section, sizeof section, "%s", name);
            iniparser_set(ini->d, section, NULL);
            set_line(ini, section, lineno);
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq)
            return syntax(err, ini->path, lineno, "无法识别，应为“键 = 值”或“[节名]”");
        *eq = '\0';
        char *key = strip(s);
        if (!*key)
            return syntax(err, ini->path, lineno, "等号前缺少键名");
        if (!section[0])
            return syntax(err, ini->path, lineno, "键出现在任何 [节] 之前");
        char *val = clean_value(eq + 1);
        if (!val)
            return syntax(err, ini->path, lineno, "引号没有配对（值以引号开头，却没有以同一引号结尾）");
        char full[1100];
        if ((size_t)snprintf(full, sizeof full, "%s:%s", section, key) >= sizeof full || strlen(full) > 1000)
            return syntax(err, ini->path, lineno, "键名太长");
        /* iniparser lowercases keys; a key given twice would silently keep one of them. */
        for (char *c = full; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        const char *first = dictionary_get(ini->lines, full, NULL);
        if (first) {
            char why[1200];
            snprintf(why, sizeof why, "键“%s”重复（第%s行已有）", key, first);
            return syntax(err, ini->path, lineno, why);
        }
        /* iniparser's dictionary looks a key up by scanning: a bounded number of entries keeps loading linear
         * in the file (40,000 sections would otherwise take seconds). */
        if (++ini->entries > INI_MAX_ENTRIES)
            return syntax(err, ini->path, lineno, "节和键太多（最多 " INI_MAX_ENTRIES_TEXT " 个）");
        if (iniparser_set(ini->d, full, val) != 0)
            return syntax(err, ini->path, lineno, "内存不足");
        set_line(ini, full, lineno);
    }
    return 0;
}

int ini_load(const char *path, struct ini *ini, struct fx_error *err)
{
    memset(ini, 0, sizeof *ini);
    snprintf(ini->path, sizeof ini->path, "%s", path);
    /* A regular file of at most 4 MiB, checked before a byte is read: a FIFO or /dev/zero never hangs us. */
    int fd = paths_open_regular(path, INI_MAX_FILE, "文件", err);
    if (fd < 0) {
        if (err && err->code == FX_ENOTFOUND)
            return fx_fail(err, FX_ENOTFOUND, "文件不存在：%s", path);
        return err ? err->code : FX_EINPUT;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    char *buf = malloc(INI_MAX_FILE + 1);
    size_t len = buf ? fread(buf, 1, INI_MAX_FILE + 1, f) : 0;
    fclose(f);
    if (!buf)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    if (len > INI_MAX_FILE) {
        free(buf);
        return fx_fail(err, FX_EINPUT, "%s 太大（超过 4 MiB），不像配置文件", path);
    }
    buf[len] = '\0';
    if (memchr(buf, '\0', len)) {
        free(buf);
        return fx_fail(err, FX_EINPUT, "%s 含有空字符（NUL），不是文本文件", path);
    }
    ini->d = dictionary_new(0);
    ini->lines = dictionary_new(0);
    int rc = ini->d && ini->lines ? parse(ini, buf, len, err) : fx_fail(err, FX_EINTERNAL, "内存不足");
    free(buf);
    if (rc)
        ini_free(ini);
    return rc;
}

void ini_free(struct ini *ini)
{
    if (ini->d)
        dictionary_del(ini->d);
    if (ini->lines)
        dictionary_del(ini->lines);
    ini->d = ini->lines = NULL;
}

int ini_line(const struct ini *ini, const char *key)
{
    if (!ini->lines)
        return 0;
    char low[1100];
    size_t i;
    for (i = 0; key[i] && i < sizeof low - 1; i++)
        low[i] = (char)tolower((unsigned char)key[i]);
    low[i] = '\0';
    const char *v = dictionary_get(ini->lines, low, NULL);
    return v ? atoi(v) : 0;
}

const char *ini_str(const struct ini *ini, const char *key, const char *def)
{
    return iniparser_getstring(ini->d, key, def);
}

/* A number strictly (text_parse_number): "nan", "0x20", "1e3", "3abc" and an empty value are refused with the
 * file, the line and the key; a key that is absent takes the default. */
int ini_double(const struct ini *ini, const char *key, double def, double lo, double hi, double *out,
               struct fx_error *err)
{
    const char *v = iniparser_getstring(ini->d, key, NULL);
    if (!v) {
        *out = def;
        return 0;
    }
    double x;
    const char *name = strchr(key, ':') ? strchr(key, ':') + 1 : key;
    if (!*v)
        return fx_fail(err, FX_EINPUT, "%s 第%d行：%s 没有值（不写这一行则用默认值 %g）", ini->path,
                       ini_line(ini, key), name, def);
    if (!text_parse_number(v, lo < 0, &x) || x < lo || x > hi)
        return fx_fail(err, FX_EINPUT, "%s 第%d行：%s 应为 %g 到 %g 之间的数，而不是“%s”", ini->path,
                       ini_line(ini, key), name, lo, hi, v);
    *out = x;
    return 0;
}

int ini_int(const struct ini *ini, const char *key, int def, int lo, int hi, int *out, struct fx_error *err)
{
    double x;
    if (ini_double(ini, key, def, lo, hi, &x, err))
        return FX_EINPUT;
    if (x != (int)x)
        return fx_fail(err, FX_EINPUT, "%s 第%d行：%s 应为整数，而不是“%s”", ini->path, ini_line(ini, key),
                       strchr(key, ':') ? strchr(key, ':') + 1 : key, iniparser_getstring(ini->d, key, ""));
    *out = (int)x;
    return 0;
}
