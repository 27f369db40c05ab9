/* demo.c — generating the demo township from the INI files of data/demo through the core API: the roster, the
 * course menu, then the year (demo_sessions.c), all in one big transaction so a year of records takes a second. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "branch.h"
#include "course.h"
#include "demo_internal.h"
#include "member.h"
#include "store.h"
#include "teacher.h"
#include "text.h"
#include "venue.h"

#define DEMO_SEED 0x66656e7869616fULL /* "fenxiao" */

static void fake_phone(struct gen *g, const struct words *prefixes, char *out, size_t n)
{
    snprintf(out, n, "%s%08d", demo_words_pick(prefixes, &g->rng), demo_rng_below(&g->rng, 100000000));
}

static long day_of(const struct fx_date *d)
{
    return date_to_days(d);
}

int demo_fail_at(struct gen *g, const char *what, const char *name)
{
    char msg[sizeof g->err->msg];
    text_copy(msg, sizeof msg, g->err->msg);
    return fx_fail(g->err, g->err->code, "生成示例数据失败（%s %s）：%s", what, name, msg);
}

/* ---- people ---------------------------------------------------------------- */

static int is_male_name(const struct words *male, const char *name)
{
    uint32_t cp;
    size_t skip = text_decode(name, strlen(name), &cp); /* a one-character surname */
    return demo_words_has(male, name + skip);
}

static int gen_roster(struct gen *g)
{
    struct words surnames, male, female, shared, away, prefixes, share;
    demo_words_weighted(&surnames, &g->names, "surname");
    demo_words_weighted(&male, &g->names, "male");
    demo_words_weighted(&female, &g->names, "female");
    demo_words_weighted(&share, &g->names, "female_share");
    demo_words_values(&shared, &g->names, "shared");
    demo_words_values(&away, &g->names, "away");
    demo_words_spaced(&prefixes, ini_str(&g->names, "phone:prefixes", "138"));
    struct words mfirst, msecond, ffirst, fsecond;
    demo_words_spaced(&mfirst, ini_str(&g->names, "compose:male_first", ""));
    demo_words_spaced(&msecond, ini_str(&g->names, "compose:male_second", ""));
    demo_words_spaced(&ffirst, ini_str(&g->names, "compose:female_first", ""));
    demo_words_spaced(&fsecond, ini_str(&g->names, "compose:female_second", ""));
    int compose = iniparser_getint(g->names.d, "compose:share", 0);
    if (!surnames.n || !male.n || !female.n)
        return fx_fail(g->err, FX_EINTERNAL, "示例数据 names.ini 缺少姓氏或名字");

    struct section bs;
    demo_section_read(&g->town, "branch", &bs);
    int total = 0;
    for (int i = 0; i < bs.n; i++) {
        char buf[512];
        char *f[4];
        text_copy(buf, sizeof buf, bs.val[i]);
        if (demo_split_fields(buf, f, 4) >= 2)
            total += atoi(f[1]);
    }
    g->branches = calloc((size_t)bs.n + 1, sizeof *g->branches);
    g->members = calloc((size_t)total + 1, sizeof *g->members);
    if (!g->branches || !g->members)
        return fx_fail(g->err, FX_EINTERNAL, "内存不足");

    for (int b = 0; b < bs.n; b++) {
        char buf[512];
        char *f[4] = {"其他", "0", "", ""};
        text_copy(buf, sizeof buf, bs.val[b]);
        demo_split_fields(buf, f, 3);
        struct words local;
        char sur[128];
        text_copy(sur, sizeof sur, f[2] ? f[2] : "");
        for (char *p = sur; *p; p++)
            if (*p == ' ')
                *p = '|';
        demo_words_split(&local, sur);
        struct pbranch *pb = &g->branches[g->nbranches];
        text_copy(pb->kind, sizeof pb->kind, f[0]);
        pb->first = g->nmembers;
        pb->count = atoi(f[1]);
        int fshare = 30;
        for (int k = 0; k < share.n; k++)
            if (!strcmp(share.w[k], pb->kind))
                fshare = share.weight[k];
        int village = !strcmp(pb->kind, "村"), community = !strcmp(pb->kind, "社区");
        int committee = demo_rng_range(&g->rng, 2, 4);
        int activists = village || community ? demo_rng_range(&g->rng, 1, 2) : demo_rng_below(&g->rng, 2);
        int mobile = village ? demo_rng_range(&g->rng, 2, 5) : community ? demo_rng_below(&g->rng, 3) : 0;
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
            /* A village or community branch with two activists has made one of them a 发展对象. */
            if (!strcmp(role, "入党积极分子") && activists == 2 && i == pb->count - 1)
                role = "发展对象";
            text_copy(m->role, sizeof m->role, role);
            int woman = demo_rng_below(&g->rng, 100) < fshare;
            text_copy(m->gender, sizeof m->gender, woman ? "女" : "男");
            /* A village's own surnames are drawn often; a clash inside one branch is redrawn. */
            for (int tries = 0; tries < 6; tries++) {
                const char *s = local.n && demo_rng_below(&g->rng, 100) < 45 ? demo_words_pick(&local, &g->rng)
                                                                             : demo_words_pick(&surnames, &g->rng);
                const struct words *first = woman ? &ffirst : &mfirst, *second = woman ? &fsecond : &msecond;
                if (first->n && second->n && demo_rng_below(&g->rng, 100) < compose)
                    snprintf(m->name, sizeof m->name, "%s%s%s", s, demo_words_pick(first, &g->rng),
                             demo_words_pick(second, &g->rng));
                else
                    snprintf(m->name, sizeof m->name, "%s%s", s, demo_words_pick(woman ? &female : &male, &g->rng));
                int clash = 0;
                for (int j = 0; j < i && !clash; j++)
                    clash = !strcmp(ms[j].name, m->name);
                if (!clash)
                    break;
            }
            fake_phone(g, &prefixes, m->phone, sizeof m->phone);
            if (!strcmp(role, "流动党员"))
                snprintf(m->note, sizeof m->note, "流动党员，在%s务工", demo_words_pick(&away, &g->rng));
        }
        /* The names shared on purpose: each given to an ordinary member of two branches. */
        for (int k = 0; k < shared.n; k++) {
            if (b != (k * 7) % bs.n && b != (k * 7 + 11) % bs.n)
                continue;
            struct member *m = &ms[pb->count - 1 - activists - mobile - 1 - k % 3];
            text_copy(m->name, sizeof m->name, shared.w[k]);
            text_copy(m->gender, sizeof m->gender, is_male_name(&male, shared.w[k]) ? "男" : "女");
        }

        struct branch br;
        memset(&br, 0, sizeof br);
        text_copy(br.name, sizeof br.name, bs.key[b]);
        text_copy(br.kind, sizeof br.kind, pb->kind);
        text_copy(br.secretary, sizeof br.secretary, ms[0].name);
        text_copy(br.phone, sizeof br.phone, ms[0].phone);
        if (branch_save(g->db, &br, g->err)) {
            free(ms);
            return demo_fail_at(g, "党组织", br.name);
        }
        pb->id = br.id;
        /* The register moves during the year, drawn from the branch's place in the list (not the generator,
         * so the rest of the township comes out as before): the first ordinary member of every third branch is
         * a 预备党员 (入党 last July), of some branches transferred in this year, of others transferred out. */
        struct fx_date now;
        date_from_days(g->today, &now);
        int ordinary = committee + 1, year = now.y;
        int reserve = b % 3 == 0, moved_in = b % 5 == 1, moved_out = b % 5 == 3;
        char since[11] = "", until[11] = "";
        if (ordinary < pb->count && !strcmp(ms[ordinary].role, "普通党员")) {
            if (reserve) {
                text_copy(ms[ordinary].category, sizeof ms[ordinary].category, "预备党员");
                text_format(ms[ordinary].since, sizeof ms[ordinary].since, "%04d-07-01", year - 1);
                text_copy(ms[ordinary].since_reason, sizeof ms[ordinary].since_reason, "入党");
            } else if (moved_in) {
                text_format(since, sizeof since, "%04d-%02d-01", year, 3 + b % 8);
                text_copy(ms[ordinary].since, sizeof ms[ordinary].since, since);
                text_copy(ms[ordinary].since_reason, sizeof ms[ordinary].since_reason, "转入");
            } else if (moved_out) {
                text_format(until, sizeof until, "%04d-%02d-15", year, 4 + b % 7);
            }
        }
        for (int i = 0; i < pb->count; i++) {
            ms[i].branch_id = br.id;
            if (member_save(g->db, &ms[i], g->err)) {
                int rc = demo_fail_at(g, "党员", ms[i].name);
                free(ms);
                return rc;
            }
            struct pmember *pm = &g->members[g->nmembers++];
            pm->id = ms[i].id;
            pm->branch = g->nbranches;
            text_copy(pm->role, sizeof pm->role, ms[i].role);
            pm->group = i % ngroups;
            struct fx_date d;
            if (i == ordinary && since[0] && date_parse(since, &d, NULL) == 0)
                pm->since_day = day_of(&d);
            if (i == ordinary && until[0] && date_parse(until, &d, NULL) == 0 && day_of(&d) <= g->today) {
                pm->until_day = day_of(&d);
                if (member_leave(g->db, ms[i].id, until, "转出", g->err)) {
                    int rc = demo_fail_at(g, "党员", ms[i].name);
                    free(ms);
                    return rc;
                }
            }
        }
        free(ms);
        g->nbranches++;
    }
    g->sum.branches = g->nbranches;
    g->sum.members = g->nmembers;

    struct section ts;
    demo_section_read(&g->town, "teacher", &ts);
    g->teachers = calloc((size_t)ts.n + 1, sizeof *g->teachers);
    if (!g->teachers)
        return fx_fail(g->err, FX_EINTERNAL, "内存不足");
    for (int i = 0; i < ts.n; i++) {
        char buf[1024];
        char *f[5] = {"", "", "", "", ""};
        text_copy(buf, sizeof buf, ts.val[i]);
        demo_split_fields(buf, f, 5);
        struct teacher t;
        memset(&t, 0, sizeof t);
        text_copy(t.name, sizeof t.name, ts.key[i]);
        text_copy(t.employment, sizeof t.employment, f[0]);
        text_copy(t.type, sizeof t.type, f[1]);
        t.is_adviser = !strcmp(f[2], "指导员");
        text_copy(t.org, sizeof t.org, f[3]);
        text_copy(t.topics, sizeof t.topics, f[4]);
        fake_phone(g, &prefixes, t.phone, sizeof t.phone);
        if (teacher_save(g->db, &t, g->err))
            return demo_fail_at(g, "教师", t.name);
        g->teachers[g->nteachers] = t.id;
        text_copy(g->teacher_names[g->nteachers++], sizeof g->teacher_names[0], t.name);
    }
    g->sum.teachers = g->nteachers;

    struct section vs;
    demo_section_read(&g->town, "venue", &vs);
    g->venues = calloc((size_t)vs.n + 1, sizeof *g->venues);
    if (!g->venues)
        return fx_fail(g->err, FX_EINTERNAL, "内存不足");
    for (int i = 0; i < vs.n; i++) {
        char buf[1024];
        char *f[5] = {"", "", "", "0", ""};
        text_copy(buf, sizeof buf, vs.val[i]);
        demo_split_fields(buf, f, 5);
        struct venue v;
        memset(&v, 0, sizeof v);
        text_copy(v.name, sizeof v.name, vs.key[i]);
        text_copy(v.kind, sizeof v.kind, f[0]);
        text_copy(v.theme, sizeof v.theme, f[1]);
        text_copy(v.address, sizeof v.address, f[2]);
        v.capacity = atoi(f[3]);
        text_copy(v.guide, sizeof v.guide, f[4]);
        if (venue_save(g->db, &v, g->err))
            return demo_fail_at(g, "场地", v.name);
        g->venues[g->nvenues] = v.id;
        text_copy(g->venue_names[g->nvenues++], sizeof g->venue_names[0], v.name);
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
    demo_section_read(&g->menu, "course", &cs);
    g->courses = calloc((size_t)cs.n + 1, sizeof *g->courses);
    if (!g->courses)
        return fx_fail(g->err, FX_EINTERNAL, "内存不足");
    for (int i = 0; i < cs.n; i++) {
        char buf[2048];
        char *f[9] = {"", "", "", "", "", "", "2", "", ""};
        text_copy(buf, sizeof buf, cs.val[i]);
        demo_split_fields(buf, f, 9);
        struct course c;
        memset(&c, 0, sizeof c);
        text_copy(c.title, sizeof c.title, f[0]);
        text_copy(c.category, sizeof c.category, f[1]);
        text_copy(c.module, sizeof c.module, f[2]);
        text_copy(c.format, sizeof c.format, f[3]);
        c.teacher_id = teacher_by_name(g, f[4]);
        c.venue_id = venue_by_name(g, f[5]);
        c.hours = atof(f[6]);
        c.featured = !strcmp(f[7], "精品");
        text_copy(c.description, sizeof c.description, f[8]);
        if (course_save(g->db, &c, g->err))
            return demo_fail_at(g, "课程", c.title);
        struct pcourse *pc = &g->courses[g->ncourses++];
        pc->id = c.id;
        pc->teacher_id = c.teacher_id;
        pc->venue_id = c.venue_id;
        pc->hours = c.hours;
        pc->retire = !strcmp(f[7], "停用");
        text_copy(pc->title, sizeof pc->title, c.title);
        text_copy(pc->category, sizeof pc->category, c.category);
        text_copy(pc->format, sizeof pc->format, c.format);
    }
    g->sum.courses = g->ncourses;
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

bool demo_is_untouched(sqlite3 *db)
{
    sqlite3_stmt *st;
    struct fx_error err;
    if (store_prepare(db, "SELECT action = 'demo' FROM audit ORDER BY id DESC LIMIT 1", &st, &err))
        return false;
    bool demo = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
    sqlite3_finalize(st);
    return demo;
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
    if (!rc && ((rc = demo_load_ini(g, "names.ini", &g->names)) || (rc = demo_load_ini(g, "township.ini", &g->town)) ||
                (rc = demo_load_ini(g, "courses.ini", &g->menu)) || (rc = demo_load_ini(g, "calendar.ini", &g->cal))))
        rc = g->err->code;
    int64_t dup_id = 0;
    if (!rc && (rc = store_begin(db, g->err)) == 0) {
        rc = gen_roster(g);
        if (!rc)
            rc = gen_menu(g);
        if (!rc)
            rc = demo_gen_year(g, &dup_id);
        if (rc)
            store_rollback(db);
        else
            rc = store_commit(db, g->err);
    }
    if (!rc && dup_id) {
        const char *why = ini_str(&g->cal, "void:reason", "重复录入");
        rc = ledger_void_session(db, dup_id, why, g->err);
    }
    /* The last audit record says "demo": until anyone writes after it, the
     * file holds nothing but generated data (demo_is_untouched). */
    if (!rc && (rc = store_begin(db, g->err)) == 0) {
        rc = store_audit(db, "demo", "unit", "", NULL, NULL, g->err);
        if (rc)
            store_rollback(db);
        else
            rc = store_commit(db, g->err);
    }
    if (!rc && sum)
        *sum = g->sum;
    gen_free(g);
    free(g);
    return rc;
}
