/* standard.c — reading checklist standards from INI files and proving them from the ledger.
 * Nothing is cached: every evaluation reads sessions, roster and marks afresh. */
#include "standard.h"

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ini.h"
#include "store.h"
#include "text.h"
#include "vocab.h"

/* ---- names ------------------------------------------------------------ */

const char *standard_state_name(int state)
{
    switch (state) {
    case STD_DONE: return "完成";
    case STD_PARTLY: return "部分";
    case STD_MISSING: return "缺";
    case STD_OVERDUE: return "逾期";
    case STD_NEEDS_MARK: return "待标记";
    default: return "?";
    }
}

const char *standard_evidence_name(int evidence)
{
    switch (evidence) {
    case STD_LEDGER: return "台账";
    case STD_ROSTER: return "名册";
    case STD_MANUAL: return "手工";
    default: return "?";
    }
}

const char *standard_period_name(int kind)
{
    switch (kind) {
    case PERIOD_HALF: return "半年";
    case PERIOD_QUARTER: return "季度";
    case PERIOD_MONTH: return "月";
    default: return "年";
    }
}

struct word {
    const char *en, *zh;
    int value;
};

static const struct word evidence_words[] = {
    {"ledger", "台账", STD_LEDGER}, {"roster", "名册", STD_ROSTER}, {"manual", "手工", STD_MANUAL}, {NULL, NULL, 0}};
static const struct word period_words[] = {{"year", "年", PERIOD_YEAR},
                                           {"half", "半年", PERIOD_HALF},
                                           {"quarter", "季度", PERIOD_QUARTER},
                                           {"month", "月", PERIOD_MONTH},
                                           {NULL, NULL, 0}};
static const struct word scope_words[] = {
    {"unit", "分校", STD_SCOPE_UNIT}, {"branch", "党组织", STD_SCOPE_BRANCH}, {NULL, NULL, 0}};
/* Sub-period lengths in months. */
static const struct word every_words[] = {{"month", "每月", 1},     {"two-months", "每两个月", 2},
                                          {"quarter", "每季度", 3}, {"half", "每半年", 6},
                                          {"year", "每年", 12},     {NULL, NULL, 0}};
static const struct word count_words[] = {
    {"advisers", "指导员", STD_COUNT_ADVISERS},       {"teachers", "教师", STD_COUNT_TEACHERS},
    {"members", "党员", STD_COUNT_MEMBERS},           {"branches", "党组织", STD_COUNT_BRANCHES},
    {"main-venues", "主阵地", STD_COUNT_MAIN_VENUES}, {"teaching-points", "教学点", STD_COUNT_TEACHING_POINTS},
    {"courses", "课程", STD_COUNT_COURSES},           {"featured-courses", "特色课", STD_COUNT_FEATURED},
    {"directory", "通讯录", STD_COUNT_DIRECTORY},     {NULL, NULL, 0}};

const char *standard_count_name(int count)
{
    for (const struct word *w = count_words; w->en; w++)
        if (w->value == count)
            return w->zh;
    return "?";
}

static int lookup(const struct word *words, const char *s, int *out)
{
    for (const struct word *w = words; w->en; w++) {
        if (!strcmp(s, w->en) || !strcmp(s, w->zh)) {
            *out = w->value;
            return 0;
        }
    }
    return -1;
}

static void word_list(const struct word *words, char *out, size_t n)
{
    size_t len = 0;
    out[0] = '\0';
    for (const struct word *w = words; w->en && len < n; w++)
        len += (size_t)snprintf(out + len, n - len, "%s%s", len ? "、" : "", w->en);
}

/* ---- loading ---------------------------------------------------------- */

static int bad(struct fx_error *err, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int bad(struct fx_error *err, const char *path, int line, const char *fmt, ...)
{
    char why[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    fx_fail(err, FX_EINPUT, "%s 第%d行：%s", path, line, why);
    fx_detail(err, "%s:%d: %s", path, line, why);
    return FX_EINPUT;
}

static const char *key_of(const char *full)
{
    const char *c = strchr(full, ':');
    return c ? c + 1 : full;
}

/* Split a list on ASCII or Chinese commas (, ， 、) and trim each word. */
static int parse_filter(const char *path, int line, const char *key, const char *v, struct std_filter *f,
                        struct fx_error *err)
{
    f->n = 0;
    const char *p = v;
    while (*p) {
        const char *start = p;
        while (*p && *p != ',' && strncmp(p, "，", 3) && strncmp(p, "、", 3))
            p++;
        size_t len = (size_t)(p - start);
        if (*p)
            p += *p == ',' ? 1 : 3;
        char w[256];
        if (len >= sizeof w)
            return bad(err, path, line, "%s 中的“%.*s…”太长", key, 20, start);
        memcpy(w, start, len);
        w[len] = '\0';
        char *t = text_trim(w);
        if (!*t)
            continue;
        if (strlen(t) >= STD_WORD_LEN)
            return bad(err, path, line, "%s 中的“%s”太长", key, t);
        if (f->n >= STD_FILTER_MAX)
            return bad(err, path, line, "%s 最多列 %d 项", key, STD_FILTER_MAX);
        snprintf(f->word[f->n++], STD_WORD_LEN, "%s", t);
    }
    if (f->n == 0)
        return bad(err, path, line, "%s 为空；不限制时请删去这一行", key);
    return 0;
}

static bool id_ok(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
              *s == '_' || *s == '.'))
            return false;
    return true;
}

/* The keys of a section as "section:key" strings; caller frees the array. */
static const char **section_keys(const struct ini *ini, const char *sec, int *n)
{
    *n = iniparser_getsecnkeys(ini->d, sec);
    if (*n <= 0)
        return NULL;
    const char **keys = calloc((size_t)*n, sizeof *keys);
    if (keys)
        iniparser_getseckeys(ini->d, sec, keys);
    return keys;
}

static bool in_list(const char *key, const char *const *allowed)
{
    for (; *allowed; allowed++)
        if (!strcmp(key, *allowed))
            return true;
    return false;
}

static int check_keys(const struct ini *ini, const char *sec, const char *const *allowed, struct fx_error *err)
{
    int n;
    const char **keys = section_keys(ini, sec, &n);
    int rc = 0;
    for (int i = 0; i < n && keys && !rc; i++)
        if (!in_list(key_of(keys[i]), allowed))
            rc = bad(err, ini->path, ini_line(ini, keys[i]), "[%s] 中没有“%s”这个键（拼写错误？见 man 5 fenxiao）", sec,
                     key_of(keys[i]));
    free(keys);
    return rc;
}

static int load_header(const struct ini *ini, struct standard *std, const char *path, struct fx_error *err)
{
    static const char *const allowed[] = {"id", "name", "title", "source", "period", "scope", "note", "version", NULL};
    if (ini_line(ini, "standard") == 0)
        return bad(err, path, 1, "缺少 [standard] 节（标准的标识、标题和期间）");
    int rc = check_keys(ini, "standard", allowed, err);
    if (rc)
        return rc;
    int head = ini_line(ini, "standard");
    const char *title = ini_str(ini, "standard:title", "");
    if (!*title)
        return bad(err, path, ini_line(ini, "standard:title") ? ini_line(ini, "standard:title") : head,
                   "缺少标准的标题（title = …）");
    snprintf(std->title, sizeof std->title, "%s", title);
    snprintf(std->name, sizeof std->name, "%s", ini_str(ini, "standard:name", title));
    snprintf(std->source, sizeof std->source, "%s", ini_str(ini, "standard:source", ""));
    snprintf(std->note, sizeof std->note, "%s", ini_str(ini, "standard:note", ""));
    const char *id = ini_str(ini, "standard:id", NULL);
    if (!id) {
        /* The file name without .ini is a fine id for a county's own file. */
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        snprintf(std->id, sizeof std->id, "%.*s", (int)(strcspn(base, ".")), base);
        id = std->id;
    }
    if (!id_ok(id) || strlen(id) >= sizeof std->id)
        return bad(err, path, ini_line(ini, "standard:id") ? ini_line(ini, "standard:id") : head,
                   "标识 id 只能用英文字母、数字和 - _ .（最多 63 个），而不是“%s”", id);
    if (id != std->id)
        snprintf(std->id, sizeof std->id, "%s", id);
    char list[128];
    const char *period = ini_str(ini, "standard:period", "year");
    if (lookup(period_words, period, &std->period)) {
        word_list(period_words, list, sizeof list);
        return bad(err, path, ini_line(ini, "standard:period"), "period 应为 %s 之一，而不是“%s”", list, period);
    }
    const char *scope = ini_str(ini, "standard:scope", "unit");
    if (lookup(scope_words, scope, &std->scope))
        return bad(err, path, ini_line(ini, "standard:scope"), "scope 应为 unit（分校）或 branch（党组织），而不是“%s”",
                   scope);
    int version;
    return ini_int(ini, "standard:version", 1, 1, 1, &version, err);
}

static int period_months(int kind)
{
    switch (kind) {
    case PERIOD_HALF: return 6;
    case PERIOD_QUARTER: return 3;
    case PERIOD_MONTH: return 1;
    default: return 12;
    }
}

static int load_item(const struct ini *ini, const struct standard *std, const char *sec, struct std_item *it,
                     struct fx_error *err)
{
    static const char *const allowed[] = {"title", "evidence", "area",  "hint",     "kind",   "format", "category",
                                          "count", "min",      "every", "min_each", "points", NULL};
    const char *path = ini->path;
    char key[1100];
    int rc = check_keys(ini, sec, allowed, err);
    if (rc)
        return rc;
    memset(it, 0, sizeof *it);
    it->line = ini_line(ini, sec);
    const char *id = sec + strlen("item.");
    if (!*id || strlen(id) >= sizeof it->id || strpbrk(id, " \t"))
        return bad(err, path, it->line, "条目的节名应为 [item.编号]，例如 [item.1]");
    snprintf(it->id, sizeof it->id, "%s", id);

#define K(name) (snprintf(key, sizeof key, "%s:%s", sec, name), key)
    const char *title = ini_str(ini, K("title"), "");
    if (!*title)
        return bad(err, path, ini_line(ini, K("title")) ? ini_line(ini, key) : it->line,
                   "条目 [%s] 缺少标题（title = …）", sec);
    snprintf(it->title, sizeof it->title, "%s", title);
    snprintf(it->area, sizeof it->area, "%s", ini_str(ini, K("area"), ""));
    snprintf(it->hint, sizeof it->hint, "%s", ini_str(ini, K("hint"), ""));

    const char *ev = ini_str(ini, K("evidence"), NULL);
    if (!ev)
        return bad(err, path, it->line, "条目 [%s] 缺少 evidence（ledger、roster 或 manual）", sec);
    if (lookup(evidence_words, ev, &it->evidence))
        return bad(err, path, ini_line(ini, K("evidence")),
                   "evidence 应为 ledger（台账）、roster（名册）或 manual（手工标记），而不是“%s”", ev);

    const char *names[3] = {"kind", "format", "category"};
    struct std_filter *filters[3] = {&it->kinds, &it->formats, &it->categories};
    int *lines[3] = {&it->kinds_line, &it->formats_line, &it->categories_line};
    for (int i = 0; i < 3; i++) {
        const char *v = ini_str(ini, K(names[i]), NULL);
        if (!v)
            continue;
        *lines[i] = ini_line(ini, key);
        if (it->evidence != STD_LEDGER)
            return bad(err, path, *lines[i], "只有 evidence = ledger 的条目才能按 %s 筛选", names[i]);
        if ((rc = parse_filter(path, *lines[i], names[i], v, filters[i], err)))
            return rc;
    }

    const char *count = ini_str(ini, K("count"), NULL);
    if (it->evidence == STD_ROSTER) {
        char list[256];
        word_list(count_words, list, sizeof list);
        if (!count)
            return bad(err, path, it->line, "名册条目 [%s] 缺少 count（%s 之一）", sec, list);
        if (lookup(count_words, count, &it->count))
            return bad(err, path, ini_line(ini, K("count")), "count 应为 %s 之一，而不是“%s”", list, count);
    } else if (count) {
        return bad(err, path, ini_line(ini, K("count")), "只有 evidence = roster 的条目才有 count");
    }

    const char *every = ini_str(ini, K("every"), NULL);
    if (every) {
        int line = ini_line(ini, K("every"));
        char list[128];
        word_list(every_words, list, sizeof list);
        if (it->evidence != STD_LEDGER)
            return bad(err, path, line, "只有 evidence = ledger 的条目才能规定 every");
        if (lookup(every_words, every, &it->every))
            return bad(err, path, line, "every 应为 %s 之一，而不是“%s”", list, every);
        int months = period_months(std->period);
        if (it->every > months || months % it->every)
            return bad(err, path, line, "every = %s 不能均分标准的期间（period = %s）", every,
                       standard_period_name(std->period));
    }
    if ((rc = ini_int(ini, K("min_each"), 1, 1, 10000, &it->min_each, err)))
        return rc;
    if (!every && ini_str(ini, K("min_each"), NULL))
        return bad(err, path, ini_line(ini, K("min_each")), "min_each 要和 every 一起用");
    /* With a per-sub-period rule the total follows from it unless raised. */
    int min_lo = it->evidence == STD_MANUAL ? 1 : every ? 0 : 1;
    if ((rc = ini_int(ini, K("min"), every ? 0 : 1, min_lo, 100000, &it->min, err)))
        return rc;
    if (it->evidence == STD_MANUAL && ini_str(ini, K("min"), NULL))
        return bad(err, path, ini_line(ini, K("min")), "手工标记的条目没有 min：标记即完成");
    if (it->evidence == STD_MANUAL || (it->evidence == STD_ROSTER && it->count == STD_COUNT_DIRECTORY))
        it->min = 1;
    if ((rc = ini_double(ini, K("points"), 0, 0, 10000, &it->points, err)))
        return rc;
#undef K
    return 0;
}

static int load_stars(const struct ini *ini, struct standard *std, struct fx_error *err)
{
    for (int s = 0; s <= 5; s++)
        std->star_min[s] = -1;
    if (!ini_line(ini, "stars"))
        return 0;
    static const char *const allowed[] = {"1", "2", "3", "4", "5", NULL};
    int rc = check_keys(ini, "stars", allowed, err);
    if (rc) {
        if (err)
            snprintf(err->msg + strlen(err->msg), sizeof err->msg - strlen(err->msg), "；[stars] 的键是星级 1–5");
        return rc;
    }
    double last = -1;
    int last_star = 0;
    for (int s = 1; s <= 5; s++) {
        char key[16];
        snprintf(key, sizeof key, "stars:%d", s);
        if (!ini_str(ini, key, NULL))
            continue;
        if ((rc = ini_double(ini, key, 0, 0, 100000, &std->star_min[s], err)))
            return rc;
        if (std->star_min[s] < last)
            return bad(err, ini->path, ini_line(ini, key), "%d 星的分数线（%g）低于 %d 星的（%g）", s, std->star_min[s],
                       last_star, last);
        last = std->star_min[s];
        last_star = s;
    }
    if (!last_star)
        return bad(err, ini->path, ini_line(ini, "stars"), "[stars] 为空：应写“星级 = 最低分”，例如 5 = 90");
    return 0;
}

static int cmp_item_line(const void *a, const void *b)
{
    const struct std_item *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

int standard_load(const char *path, struct standard *std, struct fx_error *err)
{
    memset(std, 0, sizeof *std);
    snprintf(std->path, sizeof std->path, "%s", path);
    struct ini ini;
    int rc = ini_load(path, &ini, err);
    if (rc)
        return rc;
    rc = load_header(&ini, std, path, err);
    int nsec = iniparser_getnsec(ini.d);
    if (!rc && !(std->items = calloc((size_t)(nsec > 0 ? nsec : 1), sizeof *std->items)))
        rc = fx_fail(err, FX_EINTERNAL, "内存不足");
    for (int i = 0; i < nsec && !rc; i++) {
        const char *sec = iniparser_getsecname(ini.d, i);
        if (!strcmp(sec, "standard") || !strcmp(sec, "stars"))
            continue;
        if (strncmp(sec, "item.", 5))
            rc = bad(err, path, ini_line(&ini, sec), "没有 [%s] 这种节：应为 [standard]、[item.编号] 或 [stars]", sec);
        else
            rc = load_item(&ini, std, sec, &std->items[std->nitems++], err);
    }
    if (!rc)
        rc = load_stars(&ini, std, err);
    if (!rc && std->nitems == 0)
        rc = bad(err, path, ini_line(&ini, "standard"), "标准没有任何条目（[item.1] …）");
    if (!rc) {
        qsort(std->items, (size_t)std->nitems, sizeof *std->items, cmp_item_line);
        for (int i = 0; i < std->nitems; i++) {
            std->max_points += std->items[i].points;
            for (int j = 0; j < i; j++)
                if (!strcmp(std->items[i].title, std->items[j].title))
                    rc = bad(err, path, std->items[i].line, "条目标题“%s”与第%d行的重复", std->items[i].title,
                             std->items[j].line);
        }
        std->scored = std->max_points > 0 || ini_line(&ini, "stars") > 0;
    }
    ini_free(&ini);
    if (rc)
        standard_free(std);
    return rc;
}

void standard_free(struct standard *std)
{
    free(std->items);
    std->items = NULL;
    std->nitems = 0;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_error(struct std_list *l, const struct fx_error *e)
{
    struct fx_error *n = realloc(l->errors, (size_t)(l->nerrors + 1) * sizeof *n);
    if (!n)
        return FX_EINTERNAL;
    l->errors = n;
    l->errors[l->nerrors++] = *e;
    return 0;
}

static int load_dir(const char *dir, struct std_list *l, struct fx_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char **names = NULL;
    int n = 0, cap = 0, rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".ini"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(names, (size_t)cap * sizeof *nn);
            if (!nn) {
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
                break;
            }
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = fx_fail(err, FX_EINTERNAL, "内存不足");
            break;
        }
        n++;
    }
    closedir(d);
    if (!rc && n)
        qsort(names, (size_t)n, sizeof *names, cmp_name);
    int first_here = l->n;
    for (int i = 0; i < n && !rc; i++) {
        char path[4096];
        struct fx_error one;
        fx_clear(&one);
        struct standard s;
        if (snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= (int)sizeof path)
            continue;
        if (standard_load(path, &s, &one)) {
            rc = add_error(l, &one) ? fx_fail(err, FX_EINTERNAL, "内存不足") : 0;
            continue;
        }
        int same = -1;
        for (int j = 0; j < l->n; j++)
            if (!strcmp(l->std[j].id, s.id))
                same = j;
        if (same >= first_here) {
            fx_fail(&one, FX_EINPUT, "%s：标识 id = %s 与 %s 重复，未载入", path, s.id, l->std[same].path);
            standard_free(&s);
            rc = add_error(l, &one) ? fx_fail(err, FX_EINTERNAL, "内存不足") : 0;
        } else if (same >= 0) {
            standard_free(&l->std[same]);
            l->std[same] = s;
        } else {
            struct standard *ns = realloc(l->std, (size_t)(l->n + 1) * sizeof *ns);
            if (!ns) {
                standard_free(&s);
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
                break;
            }
            l->std = ns;
            l->std[l->n++] = s;
        }
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int standard_load_all(const char *const *dirs, struct std_list *out, struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    for (; dirs && *dirs; dirs++) {
        int rc = load_dir(*dirs, out, err);
        if (rc) {
            standard_list_free(out);
            return rc;
        }
    }
    return 0;
}

void standard_list_free(struct std_list *l)
{
    for (int i = 0; i < l->n; i++)
        standard_free(&l->std[i]);
    free(l->std);
    free(l->errors);
    memset(l, 0, sizeof *l);
}

const struct standard *standard_find(const struct std_list *l, const char *q)
{
    if (!q || !*q)
        return NULL;
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->std[i].id, q))
            return &l->std[i];
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->std[i].name, q) || !strcmp(l->std[i].title, q))
            return &l->std[i];
    const struct standard *found = NULL;
    for (int i = 0; i < l->n; i++) {
        if (strstr(l->std[i].title, q) || strstr(l->std[i].name, q)) {
            if (found)
                return NULL;
            found = &l->std[i];
        }
    }
    return found;
}

const struct std_item *standard_item(const struct standard *std, const char *q)
{
    if (!q)
        return NULL;
    for (int i = 0; i < std->nitems; i++)
        if (!strcmp(std->items[i].id, q) || !strcmp(std->items[i].title, q))
            return &std->items[i];
    return NULL;
}

void standard_current_period(const struct standard *std, struct fx_period *p)
{
    struct fx_date t;
    date_today(&t);
    int index = std->period == PERIOD_HALF      ? (t.m - 1) / 6 + 1
                : std->period == PERIOD_QUARTER ? (t.m - 1) / 3 + 1
                : std->period == PERIOD_MONTH   ? t.m
                                                : 0;
    period_make(std->period, t.y, index, p);
}

/* ---- evaluation ------------------------------------------------------- */

struct live_session {
    int64_t id;
    char date[11];
    char title[201];
    char kind[64];
    char format[64];
    char category[64];
};

static void col_text(char *dst, size_t n, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    snprintf(dst, n, "%s", t ? (const char *)t : "");
}

/* The live sessions of the period (targeted at the branch when one is given,
 * of the unit when one is given), read once per evaluation and matched against
 * every item in memory. When every ledger item names its kinds (八个一 does),
 * only those kinds are read, each by the session_kind index: a county ledger's
 * year holds thousands of meetings the standard never looks at. The unit is a
 * residual test; a township's rows of a kind in a year are few. */
/* Append the rows of st; 0, or FX_EINTERNAL with err filled (no memory), or -1
 * when SQLite failed (the caller reports it). */
static int read_sessions(sqlite3_stmt *st, struct live_session **out, int *n, int *cap, struct fx_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 64;
            struct live_session *ns = realloc(*out, (size_t)*cap * sizeof *ns);
            if (!ns)
                return fx_fail(err, FX_EINTERNAL, "内存不足");
            *out = ns;
        }
        struct live_session *s = &(*out)[(*n)++];
        s->id = sqlite3_column_int64(st, 0);
        col_text(s->date, sizeof s->date, st, 1);
        col_text(s->title, sizeof s->title, st, 2);
        col_text(s->kind, sizeof s->kind, st, 3);
        col_text(s->format, sizeof s->format, st, 4);
        col_text(s->category, sizeof s->category, st, 5);
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

static int cmp_live(const void *a, const void *b)
{
    const struct live_session *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* The kinds the standard's ledger items look at, or 0 when one of them takes any kind. */
static int ledger_kinds(const struct standard *std, const char **kinds, int max)
{
    int n = 0;
    for (int i = 0; i < std->nitems; i++) {
        const struct std_item *it = &std->items[i];
        if (it->evidence != STD_LEDGER)
            continue;
        if (it->kinds.n == 0)
            return 0;
        for (int k = 0; k < it->kinds.n; k++) {
            int seen = 0;
            for (int j = 0; j < n && !seen; j++)
                seen = !strcmp(kinds[j], it->kinds.word[k]);
            if (!seen && n < max)
                kinds[n++] = it->kinds.word[k];
        }
    }
    return n;
}

static int load_sessions(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                         int64_t unit_id, struct live_session **out, int *n, struct fx_error *err)
{
    *out = NULL;
    *n = 0;
    const char *kinds[64];
    int nkinds = ledger_kinds(std, kinds, 64);
    sqlite3_stmt *st;
    if (store_prepare(db,
                      nkinds ? "SELECT s.id, s.date, s.title, s.kind, s.format, s.category FROM session s"
                               " WHERE s.kind = ?5 AND s.date BETWEEN ?1 AND ?2 AND s.voided = 0"
                               " AND (?3 = 0 OR EXISTS (SELECT 1 FROM session_branch b"
                               "                        WHERE b.session_id = s.id AND b.branch_id = ?3))"
                               " AND (?4 = 0 OR s.unit_id = ?4)"
                             : "SELECT s.id, s.date, s.title, s.kind, s.format, s.category FROM session s"
                               " WHERE s.voided = 0 AND s.date BETWEEN ?1 AND ?2"
                               " AND (?3 = 0 OR EXISTS (SELECT 1 FROM session_branch b"
                               "                        WHERE b.session_id = s.id AND b.branch_id = ?3))"
                               " AND (?4 = 0 OR s.unit_id = ?4)"
                               " ORDER BY s.date, s.id",
                      &st, err))
        return err ? err->code : FX_EINTERNAL;
    sqlite3_bind_text(st, 1, p->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->to, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, branch_id);
    sqlite3_bind_int64(st, 4, unit_id);
    int cap = 0, rc = 0;
    for (int k = 0; k < (nkinds ? nkinds : 1) && !rc; k++) {
        if (nkinds) {
            sqlite3_reset(st);
            sqlite3_bind_text(st, 5, kinds[k], -1, SQLITE_STATIC);
        }
        rc = read_sessions(st, out, n, &cap, err);
    }
    if (rc < 0)
        rc = store_fail(db, sqlite3_errcode(db), err, "读取培训记录");
    sqlite3_finalize(st);
    if (rc)
        return rc;
    if (nkinds > 1)
        qsort(*out, (size_t)*n, sizeof **out, cmp_live);
    return 0;
}

static bool filter_match(const struct std_filter *f, const char *v)
{
    if (f->n == 0)
        return true;
    for (int i = 0; i < f->n; i++)
        if (!strcmp(f->word[i], v))
            return true;
    return false;
}

/* A word no session can carry would leave the item undone for ever: say so. */
static int check_vocab(sqlite3 *db, const struct standard *std, struct fx_error *err)
{
    static const char *const kinds[3] = {"kind", "format", "category"};
    static const char *const names[3] = {"类型", "形式", "内容类别"};
    for (int i = 0; i < std->nitems; i++) {
        const struct std_item *it = &std->items[i];
        const struct std_filter *f[3] = {&it->kinds, &it->formats, &it->categories};
        const int lines[3] = {it->kinds_line, it->formats_line, it->categories_line};
        for (int k = 0; k < 3; k++)
            for (int w = 0; w < f[k]->n; w++)
                if (!vocab_has(db, kinds[k], f[k]->word[w]))
                    return bad(err, std->path, lines[k], "账本中没有%s“%s”（见 data/vocab.ini），该条目永远无法完成",
                               names[k], f[k]->word[w]);
    }
    return 0;
}

static int month_of(const char *date)
{
    return (date[5] - '0') * 10 + (date[6] - '0');
}

static int make_subs(const struct fx_period *p, int every, const char *today, struct std_sub **out, int *n)
{
    int m1 = month_of(p->from), m2 = month_of(p->to);
    *n = (m2 - m1 + 1) / every;
    *out = calloc((size_t)(*n > 0 ? *n : 1), sizeof **out);
    if (!*out)
        return FX_EINTERNAL;
    for (int k = 0; k < *n; k++) {
        struct std_sub *s = &(*out)[k];
        int ms = m1 + k * every, me = ms + every - 1;
        snprintf(s->from, sizeof s->from, "%04d-%02d-01", p->year % 10000, ms % 100);
        snprintf(s->to, sizeof s->to, "%04d-%02d-%02d", p->year % 10000, me % 100,
                 date_days_in_month(p->year, me) % 100);
        switch (every) {
        case 1: snprintf(s->label, sizeof s->label, "%04d-%02d", p->year % 10000, ms % 100); break;
        case 3: snprintf(s->label, sizeof s->label, "%04d-Q%d", p->year % 10000, (ms - 1) / 3 + 1); break;
        case 6: snprintf(s->label, sizeof s->label, "%04d-H%d", p->year % 10000, (ms - 1) / 6 + 1); break;
        case 12: snprintf(s->label, sizeof s->label, "%04d", p->year % 10000); break;
        default: snprintf(s->label, sizeof s->label, "%04d-%02d~%02d", p->year % 10000, ms % 100, me % 100); break;
        }
        s->ended = strcmp(s->to, today) < 0;
    }
    return 0;
}

/* ?1 is the branch (0 = all), ?2 the unit (0 = all). Members have no unit of
 * their own: they belong to the unit of their branch. */
static int64_t roster_count(sqlite3 *db, int count, int64_t branch_id, int64_t unit_id)
{
    static const char *const sql[] = {
        [STD_COUNT_ADVISERS] = "SELECT count(*) FROM teacher WHERE active = 1 AND is_adviser = 1 AND ?1 >= 0"
                               " AND (?2 = 0 OR unit_id = ?2)",
        [STD_COUNT_TEACHERS] = "SELECT count(*) FROM teacher WHERE active = 1 AND ?1 >= 0 AND (?2 = 0 OR unit_id = ?2)",
        [STD_COUNT_MEMBERS] = "SELECT count(*) FROM member m WHERE m.active = 1 AND (?1 = 0 OR m.branch_id = ?1)"
                              " AND (?2 = 0 OR EXISTS (SELECT 1 FROM branch b"
                              "                        WHERE b.id = m.branch_id AND b.unit_id = ?2))",
        [STD_COUNT_BRANCHES] = "SELECT count(*) FROM branch WHERE active = 1 AND (?1 = 0 OR id = ?1)"
                               " AND (?2 = 0 OR unit_id = ?2)",
        [STD_COUNT_MAIN_VENUES] = "SELECT count(*) FROM venue WHERE active = 1 AND kind = '主阵地' AND ?1 >= 0"
                                  " AND (?2 = 0 OR unit_id = ?2)",
        [STD_COUNT_TEACHING_POINTS] = "SELECT count(*) FROM venue WHERE active = 1 AND kind = '教学点' AND ?1 >= 0"
                                      " AND (?2 = 0 OR unit_id = ?2)",
        [STD_COUNT_COURSES] = "SELECT count(*) FROM course WHERE retired = 0 AND ?1 >= 0 AND (?2 = 0 OR unit_id = ?2)",
        [STD_COUNT_FEATURED] = "SELECT count(*) FROM course WHERE retired = 0 AND featured = 1 AND ?1 >= 0"
                               " AND (?2 = 0 OR unit_id = ?2)",
    };
    if (count < 0 || count >= (int)(sizeof sql / sizeof sql[0]) || !sql[count])
        return 0;
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql[count], -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, branch_id);
    sqlite3_bind_int64(st, 2, unit_id);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void bind_branch(sqlite3_stmt *st, int i, int64_t branch_id)
{
    if (branch_id)
        sqlite3_bind_int64(st, i, branch_id);
    else
        sqlite3_bind_null(st, i);
}

/* The live mark of an item, if any: its row id, date and note. unit_id 0 takes
 * a mark of any unit (a township's own ledger has only its own). */
static int find_mark(sqlite3 *db, const char *std_id, const char *item_id, const char *period, int64_t branch_id,
                     int64_t unit_id, int64_t *id, char *date, char *note, size_t notesz, struct fx_error *err)
{
    sqlite3_stmt *st;
    *id = 0;
    if (store_prepare(db,
                      "SELECT id, date, note FROM mark WHERE standard = ?1 AND item = ?2 AND period = ?3"
                      " AND branch_id IS ?4 AND (?5 = 0 OR unit_id = ?5) AND undone = 0 ORDER BY id DESC LIMIT 1",
                      &st, err))
        return err ? err->code : FX_EINTERNAL;
    sqlite3_bind_text(st, 1, std_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, item_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
    bind_branch(st, 4, branch_id);
    sqlite3_bind_int64(st, 5, unit_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        if (date)
            col_text(date, 11, st, 1);
        if (note)
            col_text(note, notesz, st, 2);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(db, rc, err, "读取手工标记");
    return 0;
}

static int check_period(const struct standard *std, const struct fx_period *p, struct fx_error *err)
{
    static const char *const example[] = {
        [PERIOD_YEAR] = "2024", [PERIOD_HALF] = "2024-H1", [PERIOD_QUARTER] = "2024-Q1", [PERIOD_MONTH] = "2024-03"};
    if (p->kind == std->period)
        return 0;
    return fx_fail_field(err, FX_EINPUT, "period", "“%s”按%s检查，期间应写成 %s 这样", std->name,
                         standard_period_name(std->period), example[std->period]);
}

static int eval_ledger(const struct std_item *it, const struct live_session *ss, int nss, const struct fx_period *p,
                       const char *today, struct std_item_result *r)
{
    for (int i = 0; i < nss; i++) {
        const struct live_session *s = &ss[i];
        if (!filter_match(&it->kinds, s->kind) || !filter_match(&it->formats, s->format) ||
            !filter_match(&it->categories, s->category))
            continue;
        if (r->nproofs % 16 == 0) {
            struct std_proof *np = realloc(r->proofs, (size_t)(r->nproofs + 16) * sizeof *np);
            if (!np)
                return FX_EINTERNAL;
            r->proofs = np;
        }
        struct std_proof *pr = &r->proofs[r->nproofs++];
        pr->id = s->id;
        snprintf(pr->date, sizeof pr->date, "%s", s->date);
        snprintf(pr->title, sizeof pr->title, "%s", s->title);
        snprintf(pr->kind, sizeof pr->kind, "%s", s->kind);
    }
    r->found = r->nproofs;
    r->required = it->min;
    bool overdue = false;
    if (it->every) {
        if (make_subs(p, it->every, today, &r->subs, &r->nsubs))
            return FX_EINTERNAL;
        if (r->required < it->min_each * r->nsubs)
            r->required = it->min_each * r->nsubs;
        for (int k = 0; k < r->nsubs; k++) {
            struct std_sub *sub = &r->subs[k];
            sub->required = it->min_each;
            for (int i = 0; i < r->nproofs; i++)
                sub->found += strcmp(r->proofs[i].date, sub->from) >= 0 && strcmp(r->proofs[i].date, sub->to) <= 0;
            if (sub->found < sub->required) {
                r->nshort++;
                overdue |= sub->ended;
            }
        }
    }
    if (r->found >= r->required && r->nshort == 0)
        r->state = STD_DONE;
    else if (overdue)
        r->state = STD_OVERDUE;
    else
        r->state = r->found > 0 ? STD_PARTLY : STD_MISSING;
    return 0;
}

static double earned_points(const struct std_item_result *r)
{
    double pts = r->item->points;
    if (r->state == STD_DONE || pts <= 0)
        return r->state == STD_DONE ? pts : 0;
    if (r->required <= 0)
        return 0;
    double frac = (double)r->found / r->required;
    if (r->nsubs > 0 && (double)(r->nsubs - r->nshort) / r->nsubs < frac)
        frac = (double)(r->nsubs - r->nshort) / r->nsubs;
    if (frac > 1)
        frac = 1;
    /* Panels score in half points; never round a partial item up to full. */
    return floor(pts * frac * 2) / 2;
}

int standard_evaluate_unit_at(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                              int64_t unit_id, const char *today, struct std_result *out, struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    out->period = *p;
    out->branch_id = branch_id;
    out->unit_id = unit_id;
    int rc = check_period(std, p, err);
    if (!rc)
        rc = check_vocab(db, std, err);
    if (rc)
        return rc;
    struct live_session *ss = NULL;
    int nss = 0;
    if ((rc = load_sessions(db, std, p, branch_id, unit_id, &ss, &nss, err)))
        return rc;
    out->items = calloc((size_t)std->nitems, sizeof *out->items);
    if (!out->items) {
        free(ss);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    out->nitems = std->nitems;
    char period[16];
    period_format(p, period, sizeof period);
    for (int i = 0; i < std->nitems && !rc; i++) {
        const struct std_item *it = &std->items[i];
        struct std_item_result *r = &out->items[i];
        r->item = it;
        if (it->evidence == STD_LEDGER) {
            if (eval_ledger(it, ss, nss, p, today, r))
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
        } else if (it->evidence == STD_ROSTER && it->count != STD_COUNT_DIRECTORY) {
            int64_t n = roster_count(db, it->count, branch_id, unit_id);
            if (n < 0) {
                rc = fx_fail(err, FX_EINTERNAL, "读取名册失败");
                break;
            }
            r->found = (int)n;
            r->required = it->min;
            r->state = r->found >= r->required ? STD_DONE : r->found > 0 ? STD_PARTLY : STD_MISSING;
        } else {
            int64_t mark_id;
            rc = find_mark(db, std->id, it->id, period, branch_id, unit_id, &mark_id, r->mark_date, r->mark_note,
                           sizeof r->mark_note, err);
            r->marked = mark_id > 0;
            r->found = r->marked;
            r->required = 1;
            r->state = r->marked ? STD_DONE : STD_NEEDS_MARK;
        }
        r->points = earned_points(r);
        out->done += r->state == STD_DONE;
        out->score += r->points;
    }
    free(ss);
    if (rc) {
        standard_result_free(out);
        return rc;
    }
    out->max_score = std->max_points;
    for (int s = 1; s <= 5; s++)
        if (std->star_min[s] >= 0 && out->score >= std->star_min[s])
            out->stars = s;
    return 0;
}

int standard_evaluate_at(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                         const char *today, struct std_result *out, struct fx_error *err)
{
    return standard_evaluate_unit_at(db, std, p, branch_id, 0, today, out, err);
}

int standard_evaluate_unit(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                           int64_t unit_id, struct std_result *out, struct fx_error *err)
{
    struct fx_date t;
    char today[11];
    date_today(&t);
    date_format(&t, today);
    return standard_evaluate_unit_at(db, std, p, branch_id, unit_id, today, out, err);
}

int standard_evaluate(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                      struct std_result *out, struct fx_error *err)
{
    return standard_evaluate_unit(db, std, p, branch_id, 0, out, err);
}

void standard_result_free(struct std_result *r)
{
    for (int i = 0; r->items && i < r->nitems; i++) {
        free(r->items[i].proofs);
        free(r->items[i].subs);
    }
    free(r->items);
    r->items = NULL;
    r->nitems = 0;
}

int standard_evaluate_branches(sqlite3 *db, const struct standard *std, const struct fx_period *p, const char *today,
                               struct std_branch_summary *out, struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if (store_prepare(db, "SELECT id, name FROM branch WHERE active = 1 ORDER BY name, id", &st, err))
        return err ? err->code : FX_EINTERNAL;
    int cap = 0, rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 32;
            int64_t *ni = realloc(out->branch_id, (size_t)cap * sizeof *ni);
            if (ni)
                out->branch_id = ni;
            char(*nn)[201] = realloc(out->branch_name, (size_t)cap * sizeof *nn);
            if (nn)
                out->branch_name = nn;
            if (!ni || !nn) {
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
                break;
            }
        }
        out->branch_id[out->n] = sqlite3_column_int64(st, 0);
        col_text(out->branch_name[out->n], sizeof out->branch_name[0], st, 1);
        out->n++;
    }
    sqlite3_finalize(st);
    if (!rc && step != SQLITE_DONE)
        rc = store_fail(db, step, err, "读取党组织");
    if (!rc && out->n && !(out->results = calloc((size_t)out->n, sizeof *out->results)))
        rc = fx_fail(err, FX_EINTERNAL, "内存不足");
    int good = 0;
    for (int i = 0; i < out->n && !rc; i++) {
        struct std_result *r = &out->results[i];
        rc = standard_evaluate_at(db, std, p, out->branch_id[i], today, r, err);
        if (rc)
            break;
        out->all_done += r->done == r->nitems;
        out->at_stars[r->stars]++;
        good += r->stars >= 4;
    }
    if (rc) {
        standard_branch_summary_free(out);
        return rc;
    }
    if (out->n > 0) {
        bool has_stars = false;
        for (int s = 1; s <= 5; s++)
            has_stars |= std->star_min[s] >= 0;
        out->normal_rate = has_stars ? (double)(out->n - out->at_stars[0]) / out->n : (double)out->all_done / out->n;
        out->good_rate = has_stars ? (double)good / out->n : 0;
    }
    return 0;
}

void standard_branch_summary_free(struct std_branch_summary *s)
{
    for (int i = 0; s->results && i < s->n; i++)
        standard_result_free(&s->results[i]);
    free(s->results);
    free(s->branch_id);
    free(s->branch_name);
    memset(s, 0, sizeof *s);
}

/* ---- marks ------------------------------------------------------------ */

int standard_mark(sqlite3 *db, const struct standard *std, const char *item_id, const struct fx_period *p,
                  int64_t branch_id, const char *note, bool undo, struct fx_error *err)
{
    const struct std_item *it = standard_item(std, item_id);
    if (!it)
        return fx_fail_field(err, FX_ENOTFOUND, "item", "“%s”中没有条目“%s”", std->name, item_id);
    if (!(it->evidence == STD_MANUAL || (it->evidence == STD_ROSTER && it->count == STD_COUNT_DIRECTORY)))
        return fx_fail_field(err, FX_EINPUT, "item", "“%s”由%s自动核验，不能手工标记", it->title,
                             standard_evidence_name(it->evidence));
    int rc = check_period(std, p, err);
    if (rc)
        return rc;
    if (note && (strlen(note) > 250 || !text_valid_utf8(note, strlen(note))))
        return fx_fail_field(err, FX_EINPUT, "note", "说明太长（最多约 80 个汉字）或不是有效的文字");
    char period[16], today[11];
    period_format(p, period, sizeof period);
    struct fx_date t;
    date_today(&t);
    date_format(&t, today);
    if ((rc = store_begin(db, err)))
        return rc;
    int64_t id;
    /* Any unit's mark, as evaluation with unit 0 sees it: on a merged ledger
     * marking again refreshes the mark the county already counts. */
    rc = find_mark(db, std->id, it->id, period, branch_id, 0, &id, NULL, NULL, 0, err);
    if (!rc && undo && !id)
        rc = fx_fail_field(err, FX_ENOTFOUND, "item", "“%s”在 %s 没有手工标记，无需撤销", it->title, period);
    char *before = NULL;
    char uuid[37] = "";
    sqlite3_stmt *st = NULL;
    if (!rc && id) {
        before = store_row_json(db, "SELECT * FROM mark WHERE id = ?", id);
        if (undo)
            rc = store_prepare(db,
                               "UPDATE mark SET undone = 1, note = coalesce(?2, note),"
                               " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                               &st, err);
        else
            rc = store_prepare(db,
                               "UPDATE mark SET date = ?3, note = coalesce(?2, note),"
                               " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                               &st, err);
        if (!rc) {
            sqlite3_bind_int64(st, 1, id);
            if (note)
                sqlite3_bind_text(st, 2, note, -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(st, 2);
            if (!undo)
                sqlite3_bind_text(st, 3, today, -1, SQLITE_STATIC);
        }
    } else if (!rc) {
        store_uuid(uuid);
        rc = store_prepare(db,
                           "INSERT INTO mark (uuid, unit_id, standard, item, period, branch_id, date, note)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           &st, err);
        if (!rc) {
            sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 2, store_unit_id(db));
            sqlite3_bind_text(st, 3, std->id, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, it->id, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 5, period, -1, SQLITE_STATIC);
            bind_branch(st, 6, branch_id);
            sqlite3_bind_text(st, 7, today, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 8, note ? note : "", -1, SQLITE_STATIC);
        }
    }
    if (!rc) {
        int s = sqlite3_step(st);
        if (s != SQLITE_DONE)
            rc = store_fail(db, s, err, undo ? "撤销标记" : "保存标记");
        else if (!id)
            id = sqlite3_last_insert_rowid(db);
    }
    sqlite3_finalize(st);
    if (!rc) {
        char *after = store_row_json(db, "SELECT * FROM mark WHERE id = ?", id);
        sqlite3_stmt *u;
        if (!uuid[0] && !store_prepare(db, "SELECT uuid FROM mark WHERE id = ?", &u, NULL)) {
            sqlite3_bind_int64(u, 1, id);
            if (sqlite3_step(u) == SQLITE_ROW)
                col_text(uuid, sizeof uuid, u, 0);
            sqlite3_finalize(u);
        }
        rc = store_audit(db, undo ? "undo" : before ? "update" : "insert", "mark", uuid, before, after, err);
        sqlite3_free(after);
    }
    sqlite3_free(before);
    if (rc) {
        store_rollback(db);
        return rc;
    }
    return store_commit(db, err);
}
