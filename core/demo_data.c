/* demo_data.c — reading the demo's word lists and plans from the INI files of data/demo, and the
 * fixed-seed generator that draws from them, so the township comes out the same on every run and platform. */
#include "demo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "text.h"

static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

int demo_rng_below(struct rng *r, int n)
{
    return n > 0 ? (int)(rng_next(r) % (uint64_t)n) : 0;
}

int demo_rng_range(struct rng *r, int lo, int hi)
{
    return lo + demo_rng_below(r, hi - lo + 1);
}

const char *demo_words_pick(const struct words *l, struct rng *r)
{
    if (l->n == 0)
        return "";
    int x = demo_rng_below(r, l->total);
    for (int i = 0; i < l->n; i++)
        if ((x -= l->weight[i]) < 0)
            return l->w[i];
    return l->w[l->n - 1];
}

int demo_words_has(const struct words *l, const char *w)
{
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->w[i], w))
            return 1;
    return 0;
}

/* Split s on '|' into trimmed fields (in place); returns the count. */
int demo_split_fields(char *s, char **f, int max)
{
    int n = 0;
    while (n < max) {
        char *bar = strchr(s, '|');
        if (bar)
            *bar = '\0';
        f[n++] = text_trim(s);
        if (!bar)
            break;
        s = bar + 1;
    }
    return n;
}

void demo_words_split(struct words *l, const char *text)
{
    char buf[2048];
    char *f[DEMO_MAX_ITEMS];
    text_copy(buf, sizeof buf, text ? text : "");
    memset(l, 0, sizeof *l);
    int n = demo_split_fields(buf, f, DEMO_MAX_ITEMS);
    for (int i = 0; i < n; i++) {
        if (!f[i][0])
            continue;
        text_copy(l->w[l->n], sizeof l->w[0], f[i]);
        l->weight[l->n++] = 1;
        l->total++;
    }
}

/* A list written on one line, separated by spaces. */
void demo_words_spaced(struct words *l, const char *text)
{
    char buf[2048];
    text_copy(buf, sizeof buf, text ? text : "");
    for (char *p = buf; *p; p++)
        if (*p == ' ')
            *p = '|';
    demo_words_split(l, buf);
}

int demo_section_read(const struct ini *ini, const char *name, struct section *s)
{
    const char *keys[DEMO_MAX_ITEMS];
    s->n = 0;
    int n = iniparser_getsecnkeys(ini->d, name);
    if (n <= 0)
        return 0;
    if (n > DEMO_MAX_ITEMS)
        n = DEMO_MAX_ITEMS;
    iniparser_getseckeys(ini->d, name, keys);
    for (int i = 0; i < n; i++) {
        const char *colon = strchr(keys[i], ':');
        s->key[s->n] = colon ? colon + 1 : keys[i];
        s->val[s->n++] = iniparser_getstring(ini->d, keys[i], "");
    }
    return s->n;
}

void demo_words_weighted(struct words *l, const struct ini *ini, const char *name)
{
    struct section s;
    memset(l, 0, sizeof *l);
    demo_section_read(ini, name, &s);
    for (int i = 0; i < s.n && l->n < DEMO_MAX_ITEMS; i++) {
        int w = atoi(s.val[i]);
        text_copy(l->w[l->n], sizeof l->w[0], s.key[i]);
        l->weight[l->n++] = w > 0 ? w : 1;
        l->total += w > 0 ? w : 1;
    }
}

/* Values of a numbered list section ("1 = …"). */
void demo_words_values(struct words *l, const struct ini *ini, const char *name)
{
    struct section s;
    memset(l, 0, sizeof *l);
    demo_section_read(ini, name, &s);
    for (int i = 0; i < s.n && l->n < DEMO_MAX_ITEMS; i++) {
        text_copy(l->w[l->n], sizeof l->w[0], s.val[i]);
        l->weight[l->n++] = 1;
        l->total++;
    }
}

int demo_load_ini(struct gen *g, const char *name, struct ini *ini)
{
    char dir[4096], path[4096];
    paths_join(dir, sizeof dir, paths_data_dir(), "demo");
    paths_join(path, sizeof path, dir, name);
    int rc = ini_load(path, ini, g->err);
    if (rc == FX_ENOTFOUND)
        return fx_fail(g->err, FX_EINTERNAL, "找不到示例数据文件 %s，程序安装不完整", path);
    return rc ? FX_EINTERNAL : 0;
}

static int parse_minutes(const char *s)
{
    int h, m;
    return s && sscanf(s, "%d:%d", &h, &m) == 2 ? h * 60 + m : -1;
}

int demo_load_plans(struct gen *g)
{
    int nsec = iniparser_getnsec(g->cal.d);
    for (int i = 0; i < nsec && g->nplans < 32; i++) {
        const char *sec = iniparser_getsecname(g->cal.d, i);
        if (strncmp(sec, "plan", 4) != 0)
            continue;
        struct plan *p = &g->plans[g->nplans++];
        char key[128];
#define GET(k, def) (snprintf(key, sizeof key, "%s:%s", sec, k), ini_str(&g->cal, key, def))
        text_copy(p->kind, sizeof p->kind, GET("kind", "培训班"));
        p->township = !strcmp(GET("scope", "township"), "township");
        p->times = atoi(GET("times", "1"));
        p->branches = atoi(GET("branches", "0"));
        p->days = atoi(GET("days", "1"));
        const char *t = GET("targets", "1");
        if (!strcmp(t, "all"))
            p->tmin = p->tmax = 0;
        else if (sscanf(t, "%d-%d", &p->tmin, &p->tmax) != 2)
            p->tmin = p->tmax = atoi(t) > 0 ? atoi(t) : 1;
        text_copy(p->who, sizeof p->who, GET("who", "all"));
        p->start = parse_minutes(GET("start", ""));
        p->end = parse_minutes(GET("end", ""));
        const char *h = GET("hours", "0");
        p->hours_rule = !strcmp(h, "rule");
        p->hours = atof(h);
        p->from_menu = !strcmp(GET("source", "titles"), "menu");
        text_copy(p->prefix, sizeof p->prefix, GET("prefix", ""));
        demo_words_split(&p->titles, GET("titles", ""));
        demo_words_split(&p->categories, GET("category", ""));
        demo_words_split(&p->formats, p->from_menu ? GET("formats", "") : GET("format", ""));
#undef GET
        if (p->times <= 0 || (!p->from_menu && (!p->titles.n || !p->categories.n || !p->formats.n)))
            return fx_fail(g->err, FX_EINTERNAL, "示例数据 calendar.ini 的 [%s] 不完整", sec);
    }
    return 0;
}
