/* standard_load.c — reading and checking the INI files of checklist standards, finding a standard
 * or an item by name, and the names of states, evidence and counts shown to the user. */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ini.h"
#include "standard_internal.h"
#include "text.h"

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
    case STD_RATE: return "比率";
    case STD_FUNDS: return "经费";
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
    {"ledger", "台账", STD_LEDGER}, {"roster", "名册", STD_ROSTER}, {"manual", "手工", STD_MANUAL},
    {"rate", "比率", STD_RATE},     {"funds", "经费", STD_FUNDS}, {NULL, NULL, 0}};
static const struct word funds_words[] = {
    {"budget", "经费列入预算", STD_FUNDS_BUDGET}, {"rules", "专款专用", STD_FUNDS_RULES}, {NULL, NULL, 0}};
static const struct word rate_words[] = {
    {"rotation", "轮训率", STD_RATE_ROTATION}, {"attendance", "参训率", STD_RATE_ATTENDANCE}, {NULL, NULL, 0}};
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

const char *standard_rate_name(int rate)
{
    for (const struct word *w = rate_words; w->en; w++)
        if (w->value == rate)
            return w->zh;
    return "?";
}

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

int standard_fail_at(struct fx_error *err, const char *path, int line, const char *fmt, ...)
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
    char t[256];
    int got;
    while ((got = text_next_word(&p, t, sizeof t)) != 0) {
        if (got < 0)
            return standard_fail_at(err, path, line, "%s 中的“%s…”太长", key, t);
        if (strlen(t) >= STD_WORD_LEN)
            return standard_fail_at(err, path, line, "%s 中的“%s”太长", key, t);
        if (f->n >= STD_FILTER_MAX)
            return standard_fail_at(err, path, line, "%s 最多列 %d 项", key, STD_FILTER_MAX);
        text_copy(f->word[f->n++], STD_WORD_LEN, t);
    }
    if (f->n == 0)
        return standard_fail_at(err, path, line, "%s 为空；不限制时请删去这一行", key);
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
            rc = standard_fail_at(err, ini->path, ini_line(ini, keys[i]),
                                  "[%s] 中没有“%s”这个键（拼写错误？见 man 5 fenxiao）", sec, key_of(keys[i]));
    free(keys);
    return rc;
}

static int load_header(const struct ini *ini, struct standard *std, const char *path, struct fx_error *err)
{
    static const char *const allowed[] = {"id", "name", "title", "source", "period", "scope", "note", "version", NULL};
    if (ini_line(ini, "standard") == 0)
        return standard_fail_at(err, path, 1, "缺少 [standard] 节（标准的标识、标题和期间）");
    int rc = check_keys(ini, "standard", allowed, err);
    if (rc)
        return rc;
    int head = ini_line(ini, "standard");
    const char *title = ini_str(ini, "standard:title", "");
    if (!*title)
        return standard_fail_at(err, path, ini_line(ini, "standard:title") ? ini_line(ini, "standard:title") : head,
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
        return standard_fail_at(err, path, ini_line(ini, "standard:id") ? ini_line(ini, "standard:id") : head,
                                "标识 id 只能用英文字母、数字和 - _ .（最多 63 个），而不是“%s”", id);
    if (id != std->id)
        snprintf(std->id, sizeof std->id, "%s", id);
    char list[128];
    const char *period = ini_str(ini, "standard:period", "year");
    if (lookup(period_words, period, &std->period)) {
        word_list(period_words, list, sizeof list);
        return standard_fail_at(err, path, ini_line(ini, "standard:period"), "period 应为 %s 之一，而不是“%s”", list,
                                period);
    }
    const char *scope = ini_str(ini, "standard:scope", "unit");
    if (lookup(scope_words, scope, &std->scope))
        return standard_fail_at(err, path, ini_line(ini, "standard:scope"),
                                "scope 应为 unit（分校）或 branch（党组织），而不是“%s”", scope);
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

/* "60%" or "60" (per cent) → 0.6; -1 when it is not a share between 0 and 100. */
static double parse_percent(const char *v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%s", v);
    char *t = text_trim(buf);
    size_t len = strlen(t);
    if (len && t[len - 1] == '%')
        t[--len] = '\0';
    else if (len >= 3 && !strcmp(t + len - 3, "％"))
        t[len -= 3] = '\0';
    double x;
    if (!text_parse_number(t, false, &x) || x <= 0 || x > 100)
        return -1;
    return x / 100;
}

/* A rate item: what it computes and the least share, over the whole unit. */
static int load_rate(const struct ini *ini, const struct standard *std, const char *sec, struct std_item *it,
                     const char *rate, struct fx_error *err)
{
    char key[1100], list[128];
    static const char *const none[] = {"kind", "format", "category", "count", "every", "min_each"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        snprintf(key, sizeof key, "%s:%s", sec, none[i]);
        if (ini_str(ini, key, NULL))
            return standard_fail_at(err, ini->path, ini_line(ini, key), "比率条目（evidence = rate）没有 %s", none[i]);
    }
    word_list(rate_words, list, sizeof list);
    if (!rate)
        return standard_fail_at(err, ini->path, it->line, "比率条目 [%s] 缺少 rate（%s 之一）", sec, list);
    snprintf(key, sizeof key, "%s:rate", sec);
    if (lookup(rate_words, rate, &it->rate))
        return standard_fail_at(err, ini->path, ini_line(ini, key), "rate 应为 %s 之一，而不是“%s”", list, rate);
    if (std->scope != STD_SCOPE_UNIT)
        return standard_fail_at(err, ini->path, it->line, "比率条目只能用在 scope = unit 的标准中（按全分校计算）");
    snprintf(key, sizeof key, "%s:min", sec);
    const char *min = ini_str(ini, key, NULL);
    if (!min)
        return standard_fail_at(err, ini->path, it->line, "比率条目 [%s] 缺少 min（最低比率，例如 min = 60%%）", sec);
    if ((it->min_rate = parse_percent(min)) < 0)
        return standard_fail_at(err, ini->path, ini_line(ini, key), "min 应为 0 到 100 之间的百分比，例如 60%%，而不是“%s”",
                                min);
    it->min = 1;
    snprintf(key, sizeof key, "%s:points", sec);
    return ini_double(ini, key, 0, 0, 10000, &it->points, err);
}

const char *standard_funds_name(int funds)
{
    for (const struct word *w = funds_words; w->en; w++)
        if (w->value == funds)
            return w->zh;
    return "?";
}

/* A funds item (evidence = funds): funds = budget | rules, over the year of a yearly standard's period. */
static int load_funds(const struct ini *ini, const struct standard *std, const char *sec, struct std_item *it,
                      struct fx_error *err)
{
    char key[1100], list[128];
    static const char *const none[] = {"kind", "format", "category", "count", "every", "min_each", "min", "rate"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        snprintf(key, sizeof key, "%s:%s", sec, none[i]);
        if (ini_str(ini, key, NULL))
            return standard_fail_at(err, ini->path, ini_line(ini, key), "经费条目（evidence = funds）没有 %s", none[i]);
    }
    word_list(funds_words, list, sizeof list);
    snprintf(key, sizeof key, "%s:funds", sec);
    const char *what = ini_str(ini, key, NULL);
    if (!what)
        return standard_fail_at(err, ini->path, it->line, "经费条目 [%s] 缺少 funds（%s 之一）", sec, list);
    if (lookup(funds_words, what, &it->funds))
        return standard_fail_at(err, ini->path, ini_line(ini, key), "funds 应为 %s 之一，而不是“%s”", list, what);
    if (std->scope != STD_SCOPE_UNIT || std->period != PERIOD_YEAR)
        return standard_fail_at(err, ini->path, it->line,
                                "经费条目只能用在 scope = unit、period = year 的标准中（经费按全分校、按年度计）");
    it->min = 1;
    snprintf(key, sizeof key, "%s:points", sec);
    return ini_double(ini, key, 0, 0, 10000, &it->points, err);
}

static int load_item(const struct ini *ini, const struct standard *std, const char *sec, struct std_item *it,
                     struct fx_error *err)
{
    static const char *const allowed[] = {"title", "evidence", "area",  "hint",     "kind",   "format", "category",
                                          "count", "min",      "every", "min_each", "points", "local",  "rate",
                                          "funds", NULL};
    const char *path = ini->path;
    char key[1100];
    int rc = check_keys(ini, sec, allowed, err);
    if (rc)
        return rc;
    memset(it, 0, sizeof *it);
    it->line = ini_line(ini, sec);
    const char *id = sec + strlen("item.");
    if (!*id || strlen(id) >= sizeof it->id || strpbrk(id, " \t"))
        return standard_fail_at(err, path, it->line, "条目的节名应为 [item.编号]，例如 [item.1]");
    snprintf(it->id, sizeof it->id, "%s", id);

#define K(name) (snprintf(key, sizeof key, "%s:%s", sec, name), key)
    const char *title = ini_str(ini, K("title"), "");
    if (!*title)
        return standard_fail_at(err, path, ini_line(ini, K("title")) ? ini_line(ini, key) : it->line,
                                "条目 [%s] 缺少标题（title = …）", sec);
    snprintf(it->title, sizeof it->title, "%s", title);
    snprintf(it->area, sizeof it->area, "%s", ini_str(ini, K("area"), ""));
    snprintf(it->hint, sizeof it->hint, "%s", ini_str(ini, K("hint"), ""));

    const char *ev = ini_str(ini, K("evidence"), NULL);
    if (!ev)
        return standard_fail_at(err, path, it->line, "条目 [%s] 缺少 evidence（ledger、roster、rate、funds 或 manual）",
                                sec);
    if (lookup(evidence_words, ev, &it->evidence))
        return standard_fail_at(err, path, ini_line(ini, K("evidence")),
                                "evidence 应为 ledger（台账）、roster（名册）、rate（比率）、funds（经费）或 manual（手工标记），"
                                "而不是“%s”",
                                ev);
    const char *local = ini_str(ini, K("local"), NULL);
    if (local) {
        if (!*local || strlen(local) >= sizeof it->local)
            return standard_fail_at(err, path, ini_line(ini, K("local")),
                                    "local 写本县对文件中模糊说法的理解（例如“一批”按至少 3 个计），不能为空，最多 %zu 字节",
                                    sizeof it->local - 1);
        if (it->evidence == STD_MANUAL)
            return standard_fail_at(err, path, ini_line(ini, K("local")), "手工标记的条目没有数量要求，不需要 local");
        snprintf(it->local, sizeof it->local, "%s", local);
    }
    const char *rate = ini_str(ini, K("rate"), NULL);
    if (it->evidence == STD_RATE)
        return load_rate(ini, std, sec, it, rate, err);
    if (it->evidence == STD_FUNDS)
        return load_funds(ini, std, sec, it, err);
    if (ini_str(ini, K("funds"), NULL))
        return standard_fail_at(err, path, ini_line(ini, K("funds")), "只有 evidence = funds 的条目才有 funds");
    if (rate)
        return standard_fail_at(err, path, ini_line(ini, K("rate")), "只有 evidence = rate 的条目才有 rate");

    const char *names[3] = {"kind", "format", "category"};
    struct std_filter *filters[3] = {&it->kinds, &it->formats, &it->categories};
    int *lines[3] = {&it->kinds_line, &it->formats_line, &it->categories_line};
    for (int i = 0; i < 3; i++) {
        const char *v = ini_str(ini, K(names[i]), NULL);
        if (!v)
            continue;
        *lines[i] = ini_line(ini, key);
        if (it->evidence != STD_LEDGER)
            return standard_fail_at(err, path, *lines[i], "只有 evidence = ledger 的条目才能按 %s 筛选", names[i]);
        if ((rc = parse_filter(path, *lines[i], names[i], v, filters[i], err)))
            return rc;
    }

    const char *count = ini_str(ini, K("count"), NULL);
    if (it->evidence == STD_ROSTER) {
        char list[256];
        word_list(count_words, list, sizeof list);
        if (!count)
            return standard_fail_at(err, path, it->line, "名册条目 [%s] 缺少 count（%s 之一）", sec, list);
        if (lookup(count_words, count, &it->count))
            return standard_fail_at(err, path, ini_line(ini, K("count")), "count 应为 %s 之一，而不是“%s”", list,
                                    count);
    } else if (count) {
        return standard_fail_at(err, path, ini_line(ini, K("count")), "只有 evidence = roster 的条目才有 count");
    }

    const char *every = ini_str(ini, K("every"), NULL);
    if (every) {
        int line = ini_line(ini, K("every"));
        char list[128];
        word_list(every_words, list, sizeof list);
        if (it->evidence != STD_LEDGER)
            return standard_fail_at(err, path, line, "只有 evidence = ledger 的条目才能规定 every");
        if (lookup(every_words, every, &it->every))
            return standard_fail_at(err, path, line, "every 应为 %s 之一，而不是“%s”", list, every);
        int months = period_months(std->period);
        if (it->every > months || months % it->every)
            return standard_fail_at(err, path, line, "every = %s 不能均分标准的期间（period = %s）", every,
                                    standard_period_name(std->period));
    }
    if ((rc = ini_int(ini, K("min_each"), 1, 1, 10000, &it->min_each, err)))
        return rc;
    if (!every && ini_str(ini, K("min_each"), NULL))
        return standard_fail_at(err, path, ini_line(ini, K("min_each")), "min_each 要和 every 一起用");
    /* With a per-sub-period rule the total follows from it unless raised. */
    int min_lo = it->evidence == STD_MANUAL ? 1 : every ? 0 : 1;
    if ((rc = ini_int(ini, K("min"), every ? 0 : 1, min_lo, 100000, &it->min, err)))
        return rc;
    if (it->evidence == STD_MANUAL && ini_str(ini, K("min"), NULL))
        return standard_fail_at(err, path, ini_line(ini, K("min")), "手工标记的条目没有 min：标记即完成");
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
    /* Seed 004: 规范化率（一星级及以上）, 优良率（三星级及以上）. */
    std->normal_stars = 1;
    std->good_stars = 3;
    if (!ini_line(ini, "stars"))
        return 0;
    static const char *const allowed[] = {"1", "2", "3", "4", "5", "normal", "good", NULL};
    int rc = check_keys(ini, "stars", allowed, err);
    if (rc) {
        if (err)
            snprintf(err->msg + strlen(err->msg), sizeof err->msg - strlen(err->msg),
                     "；[stars] 的键是星级 1–5、normal 和 good");
        return rc;
    }
    if ((rc = ini_int(ini, "stars:normal", 1, 1, 5, &std->normal_stars, err)) ||
        (rc = ini_int(ini, "stars:good", 3, 1, 5, &std->good_stars, err)))
        return rc;
    if (std->good_stars < std->normal_stars)
        return standard_fail_at(err, ini->path, ini_line(ini, "stars:good"),
                                "优良的星级（good = %d）不能低于规范化的星级（normal = %d）", std->good_stars,
                                std->normal_stars);
    double last = -1;
    int last_star = 0;
    for (int s = 1; s <= 5; s++) {
        char key[16];
        text_format(key, sizeof key, "stars:%d", s);
        if (!ini_str(ini, key, NULL))
            continue;
        if ((rc = ini_double(ini, key, 0, 0, 100000, &std->star_min[s], err)))
            return rc;
        if (std->star_min[s] < last)
            return standard_fail_at(err, ini->path, ini_line(ini, key), "%d 星的分数线（%g）低于 %d 星的（%g）", s,
                                    std->star_min[s], last_star, last);
        last = std->star_min[s];
        last_star = s;
    }
    if (!last_star)
        return standard_fail_at(err, ini->path, ini_line(ini, "stars"),
                                "[stars] 为空：应写“星级 = 最低分”，例如 5 = 90");
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
            rc = standard_fail_at(err, path, ini_line(&ini, sec),
                                  "没有 [%s] 这种节：应为 [standard]、[item.编号] 或 [stars]", sec);
        else
            rc = load_item(&ini, std, sec, &std->items[std->nitems++], err);
    }
    if (!rc)
        rc = load_stars(&ini, std, err);
    if (!rc && std->nitems == 0)
        rc = standard_fail_at(err, path, ini_line(&ini, "standard"), "标准没有任何条目（[item.1] …）");
    if (!rc) {
        qsort(std->items, (size_t)std->nitems, sizeof *std->items, cmp_item_line);
        for (int i = 0; i < std->nitems; i++) {
            std->max_points += std->items[i].points;
            for (int j = 0; j < i; j++)
                if (!strcmp(std->items[i].title, std->items[j].title))
                    rc = standard_fail_at(err, path, std->items[i].line, "条目标题“%s”与第%d行的重复",
                                          std->items[i].title, std->items[j].line);
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
