/* demo.c — generating the demo township from the INI files of data/demo through the core API.
 * Deterministic (fixed-seed generator); one big transaction so a year of records takes a second, not minutes. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ini.h"
#include "ledger.h"
#include "menu.h"
#include "paths.h"
#include "roster.h"
#include "store.h"
#include "text.h"

#define DEMO_SEED 0x66656e7869616fULL /* "fenxiao" */
#define YEAR_DAYS 365
#define MAX_ITEMS 128

/* splitmix64: tiny, fast and the same on every platform, unlike rand(). */
struct rng {
    uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int rng_below(struct rng *r, int n)
{
    return n > 0 ? (int)(rng_next(r) % (uint64_t)n) : 0;
}

static int rng_range(struct rng *r, int lo, int hi)
{
    return lo + rng_below(r, hi - lo + 1);
}

/* A list of words, optionally weighted (section "name = weight"). */
struct words {
    int n, total;
    char w[MAX_ITEMS][64];
    int weight[MAX_ITEMS];
};

static const char *words_pick(const struct words *l, struct rng *r)
{
    if (l->n == 0)
        return "";
    int x = rng_below(r, l->total);
    for (int i = 0; i < l->n; i++)
        if ((x -= l->weight[i]) < 0)
            return l->w[i];
    return l->w[l->n - 1];
}

static int words_has(const struct words *l, const char *w)
{
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->w[i], w))
            return 1;
    return 0;
}

/* Split s on '|' into trimmed fields (in place); returns the count. */
static int split_fields(char *s, char **f, int max)
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

static void words_split(struct words *l, const char *text)
{
    char buf[2048];
    char *f[MAX_ITEMS];
    snprintf(buf, sizeof buf, "%s", text ? text : "");
    memset(l, 0, sizeof *l);
    int n = split_fields(buf, f, MAX_ITEMS);
    for (int i = 0; i < n; i++) {
        if (!f[i][0])
            continue;
        snprintf(l->w[l->n], sizeof l->w[0], "%s", f[i]);
        l->weight[l->n++] = 1;
        l->total++;
    }
}

/* A list written on one line, separated by spaces. */
static void spaced_words(struct words *l, const char *text)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", text ? text : "");
    for (char *p = buf; *p; p++)
        if (*p == ' ')
            *p = '|';
    words_split(l, buf);
}

/* The keys of a section in file order, with their values. */
struct section {
    int n;
    const char *key[MAX_ITEMS]; /* the part after "section:" */
    const char *val[MAX_ITEMS];
};

static int section_read(const struct ini *ini, const char *name, struct section *s)
{
    const char *keys[MAX_ITEMS];
    s->n = 0;
    int n = iniparser_getsecnkeys(ini->d, name);
    if (n <= 0)
        return 0;
    if (n > MAX_ITEMS)
        n = MAX_ITEMS;
    iniparser_getseckeys(ini->d, name, keys);
    for (int i = 0; i < n; i++) {
        const char *colon = strchr(keys[i], ':');
        s->key[s->n] = colon ? colon + 1 : keys[i];
        s->val[s->n++] = iniparser_getstring(ini->d, keys[i], "");
    }
    return s->n;
}

static void words_weighted(struct words *l, const struct ini *ini, const char *name)
{
    struct section s;
    memset(l, 0, sizeof *l);
    section_read(ini, name, &s);
    for (int i = 0; i < s.n && l->n < MAX_ITEMS; i++) {
        int w = atoi(s.val[i]);
        snprintf(l->w[l->n], sizeof l->w[0], "%s", s.key[i]);
        l->weight[l->n++] = w > 0 ? w : 1;
        l->total += w > 0 ? w : 1;
    }
}

/* Values of a numbered list section ("1 = …"). */
static void words_values(struct words *l, const struct ini *ini, const char *name)
{
    struct section s;
    memset(l, 0, sizeof *l);
    section_read(ini, name, &s);
    for (int i = 0; i < s.n && l->n < MAX_ITEMS; i++) {
        snprintf(l->w[l->n], sizeof l->w[0], "%s", s.val[i]);
        l->weight[l->n++] = 1;
        l->total++;
    }
}

/* What the generator keeps of the people it wrote. */
struct pmember {
    int64_t id;
    int branch;
    char role[32];
    int group; /* 0 = the branch's first 党小组 */
};

struct pbranch {
    int64_t id;
    char kind[32];
    int first, count; /* its members in the member array */
};

struct pcourse {
    int64_t id, teacher_id, venue_id;
    char title[201], category[64], format[64];
    double hours;
    int retire;
};

struct plan {
    char kind[64];
    int township; /* scope */
    int times;
    int tmin, tmax; /* target branches; tmax 0 = all */
    char who[16];
    int start, end; /* minutes, -1 = none */
    double hours;
    int hours_rule;
    int from_menu;
    char prefix[64];
    struct words titles, categories, formats;
};

/* One session to write: drawn first, written in date order so ids follow dates. */
struct psession {
    long day; /* days since 1970 */
    int seq;
    int plan;
    int course; /* index into courses, -1 = none */
    char title[201];
    char category[64], format[64];
    int64_t teacher_id, venue_id;
    int start, end;
    double hours;
    int *targets;
    int ntargets;
    struct attendee *att;
    int natt;
    int order;     /* delivers an order (点单 → 已完成) */
    int duplicate; /* entered twice; the copy gets voided */
};

struct gen {
    sqlite3 *db;
    struct fx_config cfg;
    struct rng rng;
    long today;
    struct ini names, town, menu, cal;
    struct pbranch *branches;
    int nbranches;
    struct pmember *members;
    int nmembers;
    int64_t *teachers;
    int nteachers;
    char teacher_names[MAX_ITEMS][101];
    int64_t *venues;
    int nvenues;
    char venue_names[MAX_ITEMS][201];
    struct pcourse *courses;
    int ncourses;
    struct plan plans[32];
    int nplans;
    struct psession *sessions;
    int nsessions, capsessions;
    struct demo_summary sum;
    struct fx_error *err;
};

static int load_ini(struct gen *g, const char *name, struct ini *ini)
{
    char dir[4096], path[4096];
    paths_join(dir, sizeof dir, paths_data_dir(), "demo");
    paths_join(path, sizeof path, dir, name);
    int rc = ini_load(path, ini, g->err);
    if (rc == FX_ENOTFOUND)
        return fx_fail(g->err, FX_EINTERNAL, "找不到示例数据文件 %s，程序安装不完整", path);
    return rc ? FX_EINTERNAL : 0;
}

static void fake_phone(struct gen *g, const struct words *prefixes, char *out, size_t n)
{
    snprintf(out, n, "%s%08d", words_pick(prefixes, &g->rng), rng_below(&g->rng, 100000000));
}

static long day_of(const struct fx_date *d)
{
    return date_to_days(d);
}

static void day_text(long day, char out[11])
{
    struct fx_date d;
    date_from_days(day, &d);
    date_format(&d, out);
}

/* Back to Friday from a weekend: records of the past never move into the future. */
static long working_day_before(long day)
{
    struct fx_date d;
    date_from_days(day, &d);
    int wd = date_weekday(&d);
    return wd == 6 ? day - 1 : wd == 7 ? day - 2 : day;
}

static long working_day_after(long day)
{
    struct fx_date d;
    date_from_days(day, &d);
    int wd = date_weekday(&d);
    return wd == 6 ? day + 2 : wd == 7 ? day + 1 : day;
}

static int fail_at(struct gen *g, const char *what, const char *name)
{
    char msg[sizeof g->err->msg];
    snprintf(msg, sizeof msg, "%s", g->err->msg);
    return fx_fail(g->err, g->err->code ? g->err->code : FX_EINTERNAL, "生成示例数据失败（%s %s）：%s", what, name,
                   msg);
}

/* ---- people ---------------------------------------------------------------- */

static int is_male_name(const struct words *male, const char *name)
{
    uint32_t cp;
    size_t skip = text_decode(name, strlen(name), &cp); /* a one-character surname */
    return words_has(male, name + skip);
}

static int gen_roster(struct gen *g)
{
    struct words surnames, male, female, shared, away, prefixes, share;
    words_weighted(&surnames, &g->names, "surname");
    words_weighted(&male, &g->names, "male");
    words_weighted(&female, &g->names, "female");
    words_weighted(&share, &g->names, "female_share");
    words_values(&shared, &g->names, "shared");
    words_values(&away, &g->names, "away");
    spaced_words(&prefixes, ini_str(&g->names, "phone:prefixes", "138"));
    struct words mfirst, msecond, ffirst, fsecond;
    spaced_words(&mfirst, ini_str(&g->names, "compose:male_first", ""));
    spaced_words(&msecond, ini_str(&g->names, "compose:male_second", ""));
    spaced_words(&ffirst, ini_str(&g->names, "compose:female_first", ""));
    spaced_words(&fsecond, ini_str(&g->names, "compose:female_second", ""));
    int compose = iniparser_getint(g->names.d, "compose:share", 0);
    if (!surnames.n || !male.n || !female.n)
        return fx_fail(g->err, FX_EINTERNAL, "示例数据 names.ini 缺少姓氏或名字");

    struct section bs;
    section_read(&g->town, "branch", &bs);
    int total = 0;
    for (int i = 0; i < bs.n; i++) {
        char buf[512];
        char *f[4];
        snprintf(buf, sizeof buf, "%s", bs.val[i]);
        if (split_fields(buf, f, 4) >= 2)
            total += atoi(f[1]);
    }
    g->branches = calloc((size_t)bs.n + 1, sizeof *g->branches);
    g->members = calloc((size_t)total + 1, sizeof *g->members);
    if (!g->branches || !g->members)
        return fx_fail(g->err, FX_EINTERNAL, "内存不足");

    for (int b = 0; b < bs.n; b++) {
        char buf[512];
        char *f[4] = {"其他", "0", "", ""};
        snprintf(buf, sizeof buf, "%s", bs.val[b]);
        split_fields(buf, f, 3);
        struct words local;
        char sur[128];
        snprintf(sur, sizeof sur, "%s", f[2] ? f[2] : "");
        for (char *p = sur; *p; p++)
            if (*p == ' ')
                *p = '|';
        words_split(&local, sur);
        struct pbranch *pb = &g->branches[g->nbranches];
        snprintf(pb->kind, sizeof pb->kind, "%s", f[0]);
        pb->first = g->nmembers;
        pb->count = atoi(f[1]);
        int fshare = 30;
        for (int k = 0; k < share.n; k++)
            if (!strcmp(share.w[k], pb->kind))
                fshare = share.weight[k];
        int village = !strcmp(pb->kind, "村"), community = !strcmp(pb->kind, "社区");
        int committee = rng_range(&g->rng, 2, 4);
        int activists = village || community ? rng_range(&g->rng, 1, 2) : rng_below(&g->rng, 2);
        int mobile = village ? rng_range(&g->rng, 2, 5) : community ? rng_below(&g->rng, 3) : 0;
        int ngroups = pb->count >= 24 ? pb->count / 12 : 1;

        struct member *ms = calloc((size_t)pb->count + 1, sizeof *ms);
        if (!ms)
            return fx_fail(g->err, FX_EINTERNAL, "内存不足");
        for (int i = 0; i < pb->count; i++) {
            struct member *m = &ms[i];
            const char *role = i == 0                                   ? "党组织书记"
                               : i <= committee                         ? "班子成员"
                               : i > pb->count - 1 - activists          ? "入党积极分子"
                               : i > pb->count - 1 - activists - mobile ? "流动党员"
                                                                        : "普通党员";
            snprintf(m->role, sizeof m->role, "%s", role);
            int woman = rng_below(&g->rng, 100) < fshare;
            snprintf(m->gender, sizeof m->gender, "%s", woman ? "女" : "男");
            /* A village's own surnames are drawn often; a clash inside one branch is redrawn. */
            for (int tries = 0; tries < 6; tries++) {
                const char *s = local.n && rng_below(&g->rng, 100) < 45 ? words_pick(&local, &g->rng)
                                                                        : words_pick(&surnames, &g->rng);
                const struct words *first = woman ? &ffirst : &mfirst, *second = woman ? &fsecond : &msecond;
                if (first->n && second->n && rng_below(&g->rng, 100) < compose)
                    snprintf(m->name, sizeof m->name, "%s%s%s", s, words_pick(first, &g->rng),
                             words_pick(second, &g->rng));
                else
                    snprintf(m->name, sizeof m->name, "%s%s", s, words_pick(woman ? &female : &male, &g->rng));
                int clash = 0;
                for (int j = 0; j < i && !clash; j++)
                    clash = !strcmp(ms[j].name, m->name);
                if (!clash)
                    break;
            }
            fake_phone(g, &prefixes, m->phone, sizeof m->phone);
            if (!strcmp(role, "流动党员"))
                snprintf(m->note, sizeof m->note, "流动党员，在%s务工", words_pick(&away, &g->rng));
        }
        /* The names shared on purpose: each given to an ordinary member of two branches. */
        for (int k = 0; k < shared.n; k++) {
            if (b != (k * 7) % bs.n && b != (k * 7 + 11) % bs.n)
                continue;
            struct member *m = &ms[pb->count - 1 - activists - mobile - 1 - k % 3];
            snprintf(m->name, sizeof m->name, "%s", shared.w[k]);
            snprintf(m->gender, sizeof m->gender, "%s", is_male_name(&male, shared.w[k]) ? "男" : "女");
        }

        struct branch br;
        memset(&br, 0, sizeof br);
        snprintf(br.name, sizeof br.name, "%s", bs.key[b]);
        snprintf(br.kind, sizeof br.kind, "%s", pb->kind);
        snprintf(br.secretary, sizeof br.secretary, "%s", ms[0].name);
        snprintf(br.phone, sizeof br.phone, "%s", ms[0].phone);
        if (roster_save_branch(g->db, &br, g->err)) {
            free(ms);
            return fail_at(g, "党组织", br.name);
        }
        pb->id = br.id;
        for (int i = 0; i < pb->count; i++) {
            ms[i].branch_id = br.id;
            if (roster_save_member(g->db, &ms[i], g->err)) {
                int rc = fail_at(g, "党员", ms[i].name);
                free(ms);
                return rc;
            }
            struct pmember *pm = &g->members[g->nmembers++];
            pm->id = ms[i].id;
            pm->branch = g->nbranches;
            snprintf(pm->role, sizeof pm->role, "%s", ms[i].role);
            pm->group = i % ngroups;
        }
        free(ms);
        g->nbranches++;
    }
    g->sum.branches = g->nbranches;
    g->sum.members = g->nmembers;

    struct section ts;
    section_read(&g->town, "teacher", &ts);
    g->teachers = calloc((size_t)ts.n + 1, sizeof *g->teachers);
    if (!g->teachers)
        return fx_fail(g->err, FX_EINTERNAL, "内存不足");
    for (int i = 0; i < ts.n; i++) {
        char buf[1024];
        char *f[5] = {"", "", "", "", ""};
        snprintf(buf, sizeof buf, "%s", ts.val[i]);
        split_fields(buf, f, 5);
        struct teacher t;
        memset(&t, 0, sizeof t);
        snprintf(t.name, sizeof t.name, "%s", ts.key[i]);
        snprintf(t.employment, sizeof t.employment, "%s", f[0]);
        snprintf(t.type, sizeof t.type, "%s", f[1]);
        t.is_adviser = !strcmp(f[2], "指导员");
        snprintf(t.org, sizeof t.org, "%s", f[3]);
        snprintf(t.topics, sizeof t.topics, "%s", f[4]);
        fake_phone(g, &prefixes, t.phone, sizeof t.phone);
        if (roster_save_teacher(g->db, &t, g->err))
            return fail_at(g, "教师", t.name);
        g->teachers[g->nteachers] = t.id;
        snprintf(g->teacher_names[g->nteachers++], sizeof g->teacher_names[0], "%s", t.name);
    }
    g->sum.teachers = g->nteachers;

    struct section vs;
    section_read(&g->town, "venue", &vs);
    g->venues = calloc((size_t)vs.n + 1, sizeof *g->venues);
    if (!g->venues)
        return fx_fail(g->err, FX_EINTERNAL, "内存不足");
    for (int i = 0; i < vs.n; i++) {
        char buf[1024];
        char *f[5] = {"", "", "", "0", ""};
        snprintf(buf, sizeof buf, "%s", vs.val[i]);
        split_fields(buf, f, 5);
        struct venue v;
        memset(&v, 0, sizeof v);
        snprintf(v.name, sizeof v.name, "%s", vs.key[i]);
        snprintf(v.kind, sizeof v.kind, "%s", f[0]);
        snprintf(v.theme, sizeof v.theme, "%s", f[1]);
        snprintf(v.address, sizeof v.address, "%s", f[2]);
        v.capacity = atoi(f[3]);
        snprintf(v.guide, sizeof v.guide, "%s", f[4]);
        if (roster_save_venue(g->db, &v, g->err))
            return fail_at(g, "场地", v.name);
        g->venues[g->nvenues] = v.id;
        snprintf(g->venue_names[g->nvenues++], sizeof g->venue_names[0], "%s", v.name);
    }
    g->sum.venues = g->nvenues;
    return 0;
}

/* ---- the menu -------------------------------------------------------------- */

static int64_t teacher_by_name(const struct gen *g, const char *name)
{
    for (int i = 0; i < g->nteachers; i++)
        if (!strcmp(g->teacher_names[i], name))
            return g->teachers[i];
    return 0;
}

static int64_t venue_by_name(const struct gen *g, const char *name)
{
    for (int i = 0; i < g->nvenues; i++)
        if (!strcmp(g->venue_names[i], name))
            return g->venues[i];
    return 0;
}

static int gen_menu(struct gen *g)
{
    struct section cs;
    section_read(&g->menu, "course", &cs);
    g->courses = calloc((size_t)cs.n + 1, sizeof *g->courses);
    if (!g->courses)
        return fx_fail(g->err, FX_EINTERNAL, "内存不足");
    for (int i = 0; i < cs.n; i++) {
        char buf[2048];
        char *f[9] = {"", "", "", "", "", "", "2", "", ""};
        snprintf(buf, sizeof buf, "%s", cs.val[i]);
        split_fields(buf, f, 9);
        struct course c;
        memset(&c, 0, sizeof c);
        snprintf(c.title, sizeof c.title, "%s", f[0]);
        snprintf(c.category, sizeof c.category, "%s", f[1]);
        snprintf(c.module, sizeof c.module, "%s", f[2]);
        snprintf(c.format, sizeof c.format, "%s", f[3]);
        c.teacher_id = teacher_by_name(g, f[4]);
        c.venue_id = venue_by_name(g, f[5]);
        c.hours = atof(f[6]);
        c.featured = !strcmp(f[7], "精品");
        snprintf(c.description, sizeof c.description, "%s", f[8]);
        if (menu_save_course(g->db, &c, g->err))
            return fail_at(g, "课程", c.title);
        struct pcourse *pc = &g->courses[g->ncourses++];
        pc->id = c.id;
        pc->teacher_id = c.teacher_id;
        pc->venue_id = c.venue_id;
        pc->hours = c.hours;
        pc->retire = !strcmp(f[7], "停用");
        snprintf(pc->title, sizeof pc->title, "%s", c.title);
        snprintf(pc->category, sizeof pc->category, "%s", c.category);
        snprintf(pc->format, sizeof pc->format, "%s", c.format);
    }
    g->sum.courses = g->ncourses;
    return 0;
}

/* ---- the year -------------------------------------------------------------- */

static int parse_minutes(const char *s)
{
    int h, m;
    return s && sscanf(s, "%d:%d", &h, &m) == 2 ? h * 60 + m : -1;
}

static int load_plans(struct gen *g)
{
    int nsec = iniparser_getnsec(g->cal.d);
    for (int i = 0; i < nsec && g->nplans < 32; i++) {
        const char *sec = iniparser_getsecname(g->cal.d, i);
        if (strncmp(sec, "plan", 4) != 0)
            continue;
        struct plan *p = &g->plans[g->nplans++];
        char key[128];
#define GET(k, def) (snprintf(key, sizeof key, "%s:%s", sec, k), ini_str(&g->cal, key, def))
        snprintf(p->kind, sizeof p->kind, "%s", GET("kind", "培训班"));
        p->township = !strcmp(GET("scope", "township"), "township");
        p->times = atoi(GET("times", "1"));
        const char *t = GET("targets", "1");
        if (!strcmp(t, "all"))
            p->tmin = p->tmax = 0;
        else if (sscanf(t, "%d-%d", &p->tmin, &p->tmax) != 2)
            p->tmin = p->tmax = atoi(t) > 0 ? atoi(t) : 1;
        snprintf(p->who, sizeof p->who, "%s", GET("who", "all"));
        p->start = parse_minutes(GET("start", ""));
        p->end = parse_minutes(GET("end", ""));
        const char *h = GET("hours", "0");
        p->hours_rule = !strcmp(h, "rule");
        p->hours = atof(h);
        p->from_menu = !strcmp(GET("source", "titles"), "menu");
        snprintf(p->prefix, sizeof p->prefix, "%s", GET("prefix", ""));
        words_split(&p->titles, GET("titles", ""));
        words_split(&p->categories, GET("category", ""));
        words_split(&p->formats, p->from_menu ? GET("formats", "") : GET("format", ""));
#undef GET
        if (p->times <= 0 || (!p->from_menu && (!p->titles.n || !p->categories.n || !p->formats.n)))
            return fx_fail(g->err, FX_EINTERNAL, "示例数据 calendar.ini 的 [%s] 不完整", sec);
    }
    return 0;
}

static int wants(const struct plan *p, const struct pmember *m)
{
    const char *who = p->who;
    if (!strcmp(who, "all"))
        return 1;
    if (!strcmp(who, "party"))
        return strcmp(m->role, "入党积极分子") && strcmp(m->role, "发展对象");
    if (!strcmp(who, "committee"))
        return !strcmp(m->role, "党组织书记") || !strcmp(m->role, "班子成员");
    if (!strcmp(who, "secretaries"))
        return !strcmp(m->role, "党组织书记");
    if (!strcmp(who, "group"))
        return m->group == 0 && strcmp(m->role, "入党积极分子") && strcmp(m->role, "发展对象");
    return 0;
}

struct odds {
    int leave, absent, mobile_present;
    struct words leave_why, absent_why;
};

static int roll_call(struct gen *g, const struct odds *o, const struct plan *p, struct psession *s)
{
    if (!strcmp(p->who, "none"))
        return 0;
    int cap = 0;
    for (int t = 0; t < s->ntargets; t++)
        cap += g->branches[s->targets[t]].count;
    s->att = calloc((size_t)cap + 1, sizeof *s->att);
    if (!s->att)
        return fx_fail(g->err, FX_EINTERNAL, "内存不足");
    for (int t = 0; t < s->ntargets; t++) {
        const struct pbranch *b = &g->branches[s->targets[t]];
        for (int i = b->first; i < b->first + b->count; i++) {
            const struct pmember *m = &g->members[i];
            if (!wants(p, m))
                continue;
            struct attendee *a = &s->att[s->natt++];
            a->member_id = m->id;
            int x = rng_below(&g->rng, 100);
            if (!strcmp(m->role, "流动党员")) {
                /* Members working away mostly send word; a few cannot be reached. */
                if (x < o->mobile_present)
                    a->status = ATT_PRESENT;
                else if (x < 90) {
                    a->status = ATT_LEAVE;
                    snprintf(a->reason, sizeof a->reason, "%s", "外出务工");
                } else {
                    a->status = ATT_ABSENT;
                    snprintf(a->reason, sizeof a->reason, "%s", "联系不上");
                }
            } else if (x < o->leave) {
                a->status = ATT_LEAVE;
                snprintf(a->reason, sizeof a->reason, "%s", words_pick(&o->leave_why, &g->rng));
            } else if (x < o->leave + o->absent) {
                a->status = ATT_ABSENT;
                snprintf(a->reason, sizeof a->reason, "%s", words_pick(&o->absent_why, &g->rng));
            } else {
                a->status = ATT_PRESENT;
            }
        }
    }
    return 0;
}

static struct psession *new_session(struct gen *g)
{
    if (g->nsessions == g->capsessions) {
        int cap = g->capsessions ? g->capsessions * 2 : 1024;
        struct psession *ns = realloc(g->sessions, (size_t)cap * sizeof *ns);
        if (!ns)
            return NULL;
        g->sessions = ns;
        g->capsessions = cap;
    }
    struct psession *s = &g->sessions[g->nsessions];
    memset(s, 0, sizeof *s);
    s->seq = g->nsessions++;
    s->course = -1;
    return s;
}

static int pick_course(struct gen *g, const struct plan *p, int late)
{
    int cand[MAX_ITEMS], n = 0;
    for (int c = 0; c < g->ncourses && n < MAX_ITEMS; c++)
        if (words_has(&p->formats, g->courses[c].format) && !(late && g->courses[c].retire))
            cand[n++] = c;
    return n ? cand[rng_below(&g->rng, n)] : -1;
}

static int draw_year(struct gen *g, const struct odds *o)
{
    int retired_shown = 0;
    for (int pi = 0; pi < g->nplans; pi++) {
        const struct plan *p = &g->plans[pi];
        int rounds = p->township ? 1 : g->nbranches;
        for (int b = 0; b < rounds; b++) {
            for (int i = 0; i < p->times; i++) {
                struct psession *s = new_session(g);
                if (!s)
                    return fx_fail(g->err, FX_EINTERNAL, "内存不足");
                s->plan = pi;
                /* Spread evenly: the i-th of n falls somewhere in the i-th n-th of the year. */
                int slot = YEAR_DAYS / p->times;
                long back = YEAR_DAYS - 1 - ((long)i * YEAR_DAYS / p->times + rng_below(&g->rng, slot));
                s->day = working_day_before(g->today - back);
                int n = p->township ? (p->tmax ? rng_range(&g->rng, p->tmin, p->tmax) : g->nbranches) : 1;
                s->targets = calloc((size_t)n, sizeof *s->targets);
                if (!s->targets)
                    return fx_fail(g->err, FX_EINTERNAL, "内存不足");
                if (!p->township) {
                    s->targets[0] = b;
                } else if (n >= g->nbranches) {
                    for (int t = 0; t < g->nbranches; t++)
                        s->targets[t] = t;
                } else {
                    /* Distinct branches: a partial Fisher–Yates over the branch numbers. */
                    int idx[512];
                    for (int t = 0; t < g->nbranches && t < 512; t++)
                        idx[t] = t;
                    for (int t = 0; t < n; t++) {
                        int j = t + rng_below(&g->rng, g->nbranches - t);
                        int tmp = idx[t];
                        idx[t] = idx[j];
                        idx[j] = tmp;
                        s->targets[t] = idx[t];
                    }
                }
                s->ntargets = n;
                s->start = p->start;
                s->end = p->end;
                if (p->from_menu) {
                    /* The retired course was still taught early in the year. */
                    int c = !retired_shown ? -1 : pick_course(g, p, i >= p->times / 2);
                    if (!retired_shown) {
                        for (int k = 0; k < g->ncourses; k++)
                            if (g->courses[k].retire && words_has(&p->formats, g->courses[k].format))
                                c = k, retired_shown = 1;
                        if (c < 0)
                            c = pick_course(g, p, 1);
                    }
                    if (c < 0)
                        return fx_fail(g->err, FX_EINTERNAL, "示例课程中没有 %s 所需形式的课程", p->kind);
                    const struct pcourse *pc = &g->courses[c];
                    s->course = c;
                    snprintf(s->title, sizeof s->title, "%s", pc->title);
                    snprintf(s->category, sizeof s->category, "%s", pc->category);
                    snprintf(s->format, sizeof s->format, "%s", pc->format);
                    s->teacher_id = pc->teacher_id;
                    s->venue_id = pc->venue_id;
                    s->hours = pc->hours;
                    if (s->start >= 0) {
                        s->end = s->start + (int)(pc->hours * 60);
                        if (s->end > 23 * 60 + 59)
                            s->end = 23 * 60 + 59;
                    }
                } else {
                    snprintf(s->title, sizeof s->title, "%s%s", p->prefix, words_pick(&p->titles, &g->rng));
                    snprintf(s->category, sizeof s->category, "%s", words_pick(&p->categories, &g->rng));
                    snprintf(s->format, sizeof s->format, "%s", words_pick(&p->formats, &g->rng));
                    if (p->township && g->nteachers && strcmp(p->who, "none"))
                        s->teacher_id = g->teachers[rng_below(&g->rng, g->nteachers)];
                    if (p->township && g->nvenues && strcmp(p->who, "none"))
                        s->venue_id = g->venues[0]; /* the main site comes first in township.ini */
                    s->hours = p->hours_rule && s->start >= 0 && s->end > s->start
                                   ? config_suggest_hours(&g->cfg, s->start, s->end)
                                   : p->hours;
                }
                if (roll_call(g, o, p, s))
                    return FX_EINTERNAL;
            }
        }
    }
    return 0;
}

static int by_date(const void *a, const void *b)
{
    const struct psession *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return x->seq - y->seq;
}

static void minutes_text(int m, char out[6])
{
    if (m < 0)
        out[0] = '\0';
    else
        snprintf(out, 6, "%02d:%02d", (m / 60) % 24, m % 60);
}

static int save_one(struct gen *g, struct psession *ps, const char *recorder, int64_t *id)
{
    struct session s;
    memset(&s, 0, sizeof s);
    if (ps->order) {
        /* A branch ordered this course two or three weeks before; the school scheduled and delivered it. */
        const struct pcourse *pc = &g->courses[ps->course];
        struct course_order o;
        memset(&o, 0, sizeof o);
        o.course_id = pc->id;
        o.branch_id = g->branches[ps->targets[0]].id;
        day_text(ps->day - 14 - rng_below(&g->rng, 10), o.wanted_date);
        char date[11];
        day_text(ps->day, date);
        if (menu_place_order(g->db, &o, g->err) || menu_schedule_order(g->db, o.id, date, 0, 0, g->err) ||
            menu_order_to_session(g->db, o.id, &s, g->err))
            return fail_at(g, "点单", pc->title);
        free(s.branches);
        g->sum.orders++;
    } else {
        snprintf(s.title, sizeof s.title, "%s", ps->title);
        snprintf(s.category, sizeof s.category, "%s", ps->category);
        snprintf(s.format, sizeof s.format, "%s", ps->format);
        s.teacher_id = ps->teacher_id;
        s.venue_id = ps->venue_id;
        s.hours = ps->hours;
        day_text(ps->day, s.date);
        if (ps->course >= 0)
            s.course_id = g->courses[ps->course].id;
    }
    snprintf(s.kind, sizeof s.kind, "%s", g->plans[ps->plan].kind);
    minutes_text(ps->start, s.start);
    minutes_text(ps->end, s.end);
    snprintf(s.recorder, sizeof s.recorder, "%s", recorder);
    int64_t bids[512];
    for (int t = 0; t < ps->ntargets && t < 512; t++)
        bids[t] = g->branches[ps->targets[t]].id;
    s.branches = bids;
    s.nbranches = ps->ntargets < 512 ? ps->ntargets : 512;
    s.att = ps->att;
    s.natt = ps->natt;
    if (ledger_save_session(g->db, &s, g->err))
        return fail_at(g, "培训记录", s.title);
    *id = s.id;
    g->sum.sessions++;
    g->sum.attendance += ps->natt;
    return 0;
}

/* Orders still open: scheduled (one of them overdue), placed, cancelled. */
static int open_orders(struct gen *g)
{
    int scheduled = iniparser_getint(g->cal.d, "orders:scheduled", 1);
    int overdue = iniparser_getint(g->cal.d, "orders:overdue", 1);
    int placed = iniparser_getint(g->cal.d, "orders:placed", 2);
    int cancelled = iniparser_getint(g->cal.d, "orders:cancelled", 1);
    const char *why = ini_str(&g->cal, "orders:cancel_reason", "");
    int total = scheduled + overdue + placed + cancelled;
    for (int i = 0; i < total; i++) {
        int c;
        do
            c = rng_below(&g->rng, g->ncourses);
        while (g->courses[c].retire);
        struct course_order o;
        memset(&o, 0, sizeof o);
        o.course_id = g->courses[c].id;
        o.branch_id = g->branches[rng_below(&g->rng, g->nbranches)].id;
        day_text(working_day_after(g->today + 10 + rng_below(&g->rng, 30)), o.wanted_date);
        if (i < overdue) /* ordered a month ago, scheduled for last week, not yet delivered */
            day_text(g->today - 30, o.wanted_date);
        if (menu_place_order(g->db, &o, g->err))
            return fail_at(g, "点单", g->courses[c].title);
        char date[11];
        int rc = 0;
        if (i < overdue) {
            day_text(working_day_before(g->today - 7), date);
            rc = menu_schedule_order(g->db, o.id, date, 0, 0, g->err);
        } else if (i < overdue + scheduled) {
            day_text(working_day_after(g->today + 14), date);
            rc = menu_schedule_order(g->db, o.id, date, 0, 0, g->err);
        } else if (i >= overdue + scheduled + placed) {
            rc = menu_cancel_order(g->db, o.id, why, g->err);
        }
        if (rc)
            return fail_at(g, "点单", g->courses[c].title);
        g->sum.orders++;
    }
    return 0;
}

static int gen_year(struct gen *g, int64_t *dup_id)
{
    struct odds o;
    memset(&o, 0, sizeof o);
    o.leave = iniparser_getint(g->cal.d, "attendance:leave", 7);
    o.absent = iniparser_getint(g->cal.d, "attendance:absent", 3);
    o.mobile_present = iniparser_getint(g->cal.d, "attendance:mobile_present", 25);
    words_values(&o.leave_why, &g->cal, "leave");
    words_values(&o.absent_why, &g->cal, "absent");
    if (!o.leave_why.n || !o.absent_why.n)
        return fx_fail(g->err, FX_EINTERNAL, "示例数据 calendar.ini 缺少请假或缺席原因");
    char recorder[64];
    snprintf(recorder, sizeof recorder, "%s", ini_str(&g->cal, "attendance:recorder", ""));
    int rc = load_plans(g);
    if (!rc)
        rc = draw_year(g, &o);
    if (rc)
        return rc;

    /* Some lectures delivered to one branch came from its order; one record was entered twice. */
    int done = iniparser_getint(g->cal.d, "orders:done", 3), dup = 0;
    for (int i = g->nsessions / 3; i < g->nsessions; i++) {
        struct psession *s = &g->sessions[i];
        const struct plan *p = &g->plans[s->plan];
        if (s->course < 0 || !p->township || s->ntargets != 1 || g->courses[s->course].retire)
            continue;
        if (done > 0) {
            s->order = 1;
            done--;
        } else if (!dup) {
            s->duplicate = dup = 1;
        }
    }
    qsort(g->sessions, (size_t)g->nsessions, sizeof *g->sessions, by_date);
    for (int i = 0; i < g->nsessions; i++) {
        int64_t id;
        if ((rc = save_one(g, &g->sessions[i], recorder, &id)) != 0)
            return rc;
        if (g->sessions[i].duplicate) {
            g->sessions[i].duplicate = 0;
            if ((rc = save_one(g, &g->sessions[i], recorder, dup_id)) != 0)
                return rc;
        }
    }
    if ((rc = open_orders(g)) != 0)
        return rc;
    for (int c = 0; c < g->ncourses; c++)
        if (g->courses[c].retire && menu_retire_course(g->db, g->courses[c].id, g->err))
            return fail_at(g, "停用课程", g->courses[c].title);
    return 0;
}

static void gen_free(struct gen *g)
{
    ini_free(&g->names);
    ini_free(&g->town);
    ini_free(&g->menu);
    ini_free(&g->cal);
    for (int i = 0; i < g->nsessions; i++) {
        free(g->sessions[i].targets);
        free(g->sessions[i].att);
    }
    free(g->sessions);
    free(g->branches);
    free(g->members);
    free(g->teachers);
    free(g->venues);
    free(g->courses);
}

int demo_fill(sqlite3 *db, const struct fx_config *cfg, const struct fx_date *today, struct demo_summary *sum,
              struct fx_error *err)
{
    struct gen *g = calloc(1, sizeof *g);
    if (!g)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    struct fx_error local;
    fx_clear(&local);
    g->err = err ? err : &local;
    g->db = db;
    g->rng.s = DEMO_SEED;
    g->today = day_of(today);
    if (cfg)
        g->cfg = *cfg;
    else
        config_defaults(&g->cfg);
    int rc = 0;
    if (store_int(db, "SELECT count(*) FROM branch", NULL) != 0)
        rc = fx_fail(g->err, FX_EINPUT, "账本里已经有数据，示例数据只写入新建的账本");
    if (!rc && ((rc = load_ini(g, "names.ini", &g->names)) || (rc = load_ini(g, "township.ini", &g->town)) ||
                (rc = load_ini(g, "courses.ini", &g->menu)) || (rc = load_ini(g, "calendar.ini", &g->cal))))
        rc = g->err->code ? g->err->code : FX_EINTERNAL;
    int64_t dup_id = 0;
    if (!rc && (rc = store_begin(db, g->err)) == 0) {
        rc = gen_roster(g);
        if (!rc)
            rc = gen_menu(g);
        if (!rc)
            rc = gen_year(g, &dup_id);
        if (rc)
            store_rollback(db);
        else
            rc = store_commit(db, g->err);
    }
    if (!rc && dup_id) {
        const char *why = ini_str(&g->cal, "void:reason", "重复录入");
        rc = ledger_void_session(db, dup_id, why, g->err);
    }
    if (!rc && sum)
        *sum = g->sum;
    gen_free(g);
    free(g);
    return rc;
}
