/* file_pick.c — the import's file chooser: the files an office receives (.csv, .xlsx, .xls) in the folders
 * people save them to, read once when it opens, shown by picker.c and filtered as the query is typed. */
#include "file_pick.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "paths.h"
#include "picker.h"
#include "text.h"

#define MAX_FILES 1000
#define MAX_DIRS  48

struct file_row {
    int idx; /* in the list, for paging */
    char path[1024];
    char name[256];
    char where[64]; /* the folder as people call it: 文档, 下载, U盘 KINGSTON */
    long long size;
    time_t mtime;
};

struct file_src {
    struct file_row *files;
    int n;
    char query[256];
};

static bool wanted(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && name[0] != '.' && (!strcasecmp(dot, ".csv") || !strcasecmp(dot, ".xlsx") || !strcasecmp(dot, ".xls"));
}

/* The files of one folder (not its subfolders), once per folder however it was reached. */
static void scan(struct file_src *s, const char *dir, const char *where, char seen[][PATH_MAX], int *nseen)
{
    char real[PATH_MAX];
    if (!realpath(dir, real))
        return;
    for (int i = 0; i < *nseen; i++)
        if (!strcmp(seen[i], real))
            return;
    if (*nseen < MAX_DIRS)
        text_copy(seen[(*nseen)++], PATH_MAX, real);
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) && s->n < MAX_FILES) {
        if (!wanted(e->d_name))
            continue;
        struct file_row *r = &s->files[s->n];
        struct stat st;
        if (paths_join(r->path, sizeof r->path, dir, e->d_name) || stat(r->path, &st) || !S_ISREG(st.st_mode))
            continue;
        text_copy(r->name, sizeof r->name, e->d_name);
        text_copy(r->where, sizeof r->where, where);
        r->size = (long long)st.st_size;
        r->mtime = st.st_mtime;
        s->n++;
    }
    closedir(d);
}

/* USB sticks: /media/LABEL or /media/USER/LABEL. */
static void scan_media(struct file_src *s, char seen[][PATH_MAX], int *nseen)
{
    DIR *m = opendir("/media");
    if (!m)
        return;
    struct dirent *e;
    while ((e = readdir(m))) {
        if (e->d_name[0] == '.')
            continue;
        char p[PATH_MAX], where[64];
        if (paths_join(p, sizeof p, "/media", e->d_name))
            continue;
        text_format(where, sizeof where, "U盘 %s", e->d_name);
        scan(s, p, where, seen, nseen);
        DIR *u = opendir(p);
        if (!u)
            continue;
        struct dirent *v;
        while ((v = readdir(u))) {
            char q[PATH_MAX];
            struct stat st;
            if (v->d_name[0] == '.' || paths_join(q, sizeof q, p, v->d_name) || stat(q, &st) || !S_ISDIR(st.st_mode))
                continue;
            text_format(where, sizeof where, "U盘 %s", v->d_name);
            scan(s, q, where, seen, nseen);
        }
        closedir(u);
    }
    closedir(m);
}

static int newest_first(const void *a, const void *b)
{
    const struct file_row *x = a, *y = b;
    if (x->mtime != y->mtime)
        return x->mtime > y->mtime ? -1 : 1;
    return strcmp(x->name, y->name);
}

static void collect(struct file_src *s)
{
    static char seen[MAX_DIRS][PATH_MAX];
    int nseen = 0;
    const char *home = getenv("HOME");
    char docs[PATH_MAX];
    struct fx_error quiet;
    fx_clear(&quiet);
    /* The folder reports go to holds what was made here, not what was received: it comes last. */
    static const struct {
        const char *sub, *where;
    } under_home[] = {{"文档", "文档"}, {"Documents", "文档"}, {"下载", "下载"}, {"Downloads", "下载"},
                      {"桌面", "桌面"}, {"Desktop", "桌面"},   {"", "主目录"}};
    const char *docs_env = getenv("XDG_DOCUMENTS_DIR");
    if (docs_env && docs_env[0] == '/')
        scan(s, docs_env, "文档", seen, &nseen);
    for (size_t i = 0; home && home[0] == '/' && i < sizeof under_home / sizeof under_home[0]; i++) {
        char p[PATH_MAX];
        if (!under_home[i].sub[0])
            text_copy(p, sizeof p, home);
        else if (paths_join(p, sizeof p, home, under_home[i].sub))
            continue;
        scan(s, p, under_home[i].where, seen, &nseen);
    }
    scan_media(s, seen, &nseen);
    if (!paths_output_dir(docs, sizeof docs, &quiet))
        scan(s, docs, "分校台账", seen, &nseen);
    qsort(s->files, (size_t)s->n, sizeof s->files[0], newest_first);
    for (int i = 0; i < s->n; i++)
        s->files[i].idx = i;
}

/* As typed: a part of the file's or the folder's name, letters in either case. */
static bool matches(const struct file_row *r, const char *q)
{
    if (!q[0])
        return true;
    char a[320], b[256];
    text_format(a, sizeof a, "%s %s", r->name, r->where);
    text_copy(b, sizeof b, q);
    for (char *c = a; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    for (char *c = b; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    return strstr(a, b) != NULL;
}

static int file_fetch(void *vctx, const void *after, void *vrows, int max)
{
    struct file_src *s = vctx;
    const struct file_row *a = after;
    struct file_row *rows = vrows;
    int n = 0;
    for (int i = a ? a->idx + 1 : 0; i < s->n && n < max; i++)
        if (matches(&s->files[i], s->query))
            rows[n++] = s->files[i];
    return n;
}

static void file_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct file_row *r = row;
    switch (col) {
    case 0: text_copy(out, outsz, r->name); break;
    case 1:
        if (r->size < 1024)
            text_format(out, outsz, "%lld B", r->size);
        else if (r->size < 1024 * 1024)
            text_format(out, outsz, "%.1f KB", (double)r->size / 1024);
        else
            text_format(out, outsz, "%.1f MB", (double)r->size / (1024 * 1024));
        break;
    case 2: {
        struct tm tm;
        localtime_r(&r->mtime, &tm);
        strftime(out, outsz, "%Y-%m-%d %H:%M", &tm);
        break;
    }
    case 3: text_copy(out, outsz, r->where); break;
    default: out[0] = '\0'; break;
    }
}

static void file_query(void *vctx, const char *q)
{
    struct file_src *s = vctx;
    text_copy(s->query, sizeof s->query, q);
}

bool file_pick_run(struct app *app, const char *initial_query, char *out, size_t outsz)
{
    struct file_src s = {.files = calloc(MAX_FILES, sizeof(struct file_row))};
    if (!s.files)
        return false;
    collect(&s);
    text_copy(s.query, sizeof s.query, initial_query ? initial_query : "");
    static const struct table_col cols[] = {
        {"文件名", 0, 'l'}, {"大小", 9, 'r'}, {"修改时间", 16, 'l'}, {"位置", 12, 'l'}};
    struct picker p = {
        .title = "选择要导入的文件（.csv .xlsx .xls）",
        .hint = "主目录、文档、下载、桌面和 U 盘里的文件，最新的在前；打字筛选文件名",
        .cols = cols,
        .ncols = 4,
        .src = {.row_size = sizeof(struct file_row), .fetch = file_fetch, .cell = file_cell, .ctx = &s},
        .set_query = file_query,
        .initial_query = initial_query,
    };
    struct file_row chosen;
    bool ok = picker_run(app, &p, &chosen);
    if (ok)
        text_copy(out, outsz, chosen.path);
    free(s.files);
    return ok;
}
