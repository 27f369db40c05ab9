/* demo_sessions.c — the demo's year: sessions drawn from the plans of calendar.ini, their roll calls,
 * the orders delivered or still open, all written in date order so that ids follow dates. */
#include "course.h"
#include "demo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "order.h"
#include "text.h"

#define YEAR_DAYS 365

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
            if (!wants(p, m) || !demo_on_roster(m, s->day))
                continue;
            struct attendee *a = &s->att[s->natt++];
            a->member_id = m->id;
            int x = demo_rng_below(&g->rng, 100);
            if (!strcmp(m->role, "流动党员")) {
                /* Members working away mostly send word; a few cannot be reached. */
                if (x < o->mobile_present)
                    a->status = ATT_PRESENT;
                else if (x < 90) {
                    a->status = ATT_LEAVE;
                    text_copy(a->reason, sizeof a->reason, "外出务工");
                } else {
                    a->status = ATT_ABSENT;
                    text_copy(a->reason, sizeof a->reason, "联系不上");
                }
            } else if (x < o->leave) {
                a->status = ATT_LEAVE;
                text_copy(a->reason, sizeof a->reason, demo_words_pick(&o->leave_why, &g->rng));
            } else if (x < o->leave + o->absent) {
                a->status = ATT_ABSENT;
                text_copy(a->reason, sizeof a->reason, demo_words_pick(&o->absent_why, &g->rng));
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
    int cand[DEMO_MAX_ITEMS], n = 0;
    for (int c = 0; c < g->ncourses && n < DEMO_MAX_ITEMS; c++)
        if (demo_words_has(&p->formats, g->courses[c].format) && !(late && g->courses[c].retire))
            cand[n++] = c;
    return n ? cand[demo_rng_below(&g->rng, n)] : -1;
}

static int draw_year(struct gen *g, const struct odds *o)
{
    int retired_shown = 0;
    for (int pi = 0; pi < g->nplans; pi++) {
        const struct plan *p = &g->plans[pi];
        int rounds = p->township ? 1 : p->branches > 0 && p->branches < g->nbranches ? p->branches : g->nbranches;
        for (int b = 0; b < rounds; b++) {
            for (int i = 0; i < p->times; i++) {
                struct psession *s = new_session(g);
                if (!s)
                    return fx_fail(g->err, FX_EINTERNAL, "内存不足");
                s->plan = pi;
                /* Spread evenly: the i-th of n falls somewhere in the i-th n-th of the year. */
                int slot = YEAR_DAYS / p->times;
                long back = YEAR_DAYS - 1 - ((long)i * YEAR_DAYS / p->times + demo_rng_below(&g->rng, slot));
                /* A weekend at the far end of the year moves forward, so no record is a year old. */
                s->day = working_day_before(g->today - back);
                if (s->day < g->today - (YEAR_DAYS - 1))
                    s->day = working_day_after(g->today - back);
                int n = p->township ? (p->tmax ? demo_rng_range(&g->rng, p->tmin, p->tmax) : g->nbranches) : 1;
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
                        int j = t + demo_rng_below(&g->rng, g->nbranches - t);
                        int tmp = idx[t];
                        idx[t] = idx[j];
                        idx[j] = tmp;
                        s->targets[t] = idx[t];
                    }
                }
                s->ntargets = n;
                if (p->days > 1) {
                    /* A class of several days ends in the year it starts (学时 belong to one year). */
                    s->days = p->days;
                    long first = s->day;
                    if (first + p->days - 1 > g->today)
                        first = g->today - p->days + 1; /* never ends after today */
                    struct fx_date a, e;
                    date_from_days(first, &a);
                    date_from_days(first + p->days - 1, &e);
                    if (e.y != a.y)
                        first -= p->days;
                    s->day = first;
                }
                s->start = p->start;
                s->end = p->end;
                if (p->from_menu) {
                    /* The retired course was still taught early in the year. */
                    int c = !retired_shown ? -1 : pick_course(g, p, i >= p->times / 2);
                    if (!retired_shown) {
                        for (int k = 0; k < g->ncourses; k++)
                            if (g->courses[k].retire && demo_words_has(&p->formats, g->courses[k].format))
                                c = k, retired_shown = 1;
                        if (c < 0)
                            c = pick_course(g, p, 1);
                    }
                    if (c < 0)
                        return fx_fail(g->err, FX_EINTERNAL, "示例课程中没有 %s 所需形式的课程", p->kind);
                    const struct pcourse *pc = &g->courses[c];
                    s->course = c;
                    text_copy(s->title, sizeof s->title, pc->title);
                    text_copy(s->category, sizeof s->category, pc->category);
                    text_copy(s->format, sizeof s->format, pc->format);
                    s->teacher_id = pc->teacher_id;
                    s->venue_id = pc->venue_id;
                    s->hours = pc->hours;
                    if (s->start >= 0) {
                        s->end = s->start + (int)(pc->hours * 60);
                        if (s->end > 23 * 60 + 59)
                            s->end = 23 * 60 + 59;
                    }
                } else {
                    snprintf(s->title, sizeof s->title, "%s%s", p->prefix, demo_words_pick(&p->titles, &g->rng));
                    text_copy(s->category, sizeof s->category, demo_words_pick(&p->categories, &g->rng));
                    text_copy(s->format, sizeof s->format, demo_words_pick(&p->formats, &g->rng));
                    if (p->township && g->nteachers && strcmp(p->who, "none"))
                        s->teacher_id = g->teachers[demo_rng_below(&g->rng, g->nteachers)];
                    if (p->township && g->nvenues && strcmp(p->who, "none"))
                        s->venue_id = g->venues[0]; /* the main site comes first in township.ini */
                    s->hours = p->hours_rule && s->start >= 0 && s->end > s->start
                                   ? config_suggest_hours(&g->cfg, s->start, s->end)
                                   : p->hours;
                    if (s->days > 1)
                        s->hours = s->days * g->cfg.full_day;
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
        day_text(ps->day - 14 - demo_rng_below(&g->rng, 10), o.wanted_date);
        char date[11];
        day_text(ps->day, date);
        if (order_place(g->db, &o, g->err) || order_schedule(g->db, o.id, date, 0, 0, g->err) ||
            order_to_session(g->db, o.id, &s, g->err))
            return demo_fail_at(g, "点单", pc->title);
        free(s.branches);
        g->sum.orders++;
    } else {
        text_copy(s.title, sizeof s.title, ps->title);
        text_copy(s.category, sizeof s.category, ps->category);
        text_copy(s.format, sizeof s.format, ps->format);
        s.teacher_id = ps->teacher_id;
        s.venue_id = ps->venue_id;
        s.hours = ps->hours;
        day_text(ps->day, s.date);
        if (ps->days > 1)
            day_text(ps->day + ps->days - 1, s.end_date);
        if (ps->course >= 0)
            s.course_id = g->courses[ps->course].id;
    }
    text_copy(s.kind, sizeof s.kind, g->plans[ps->plan].kind);
    minutes_text(ps->start, s.start);
    minutes_text(ps->end, s.end);
    text_copy(s.recorder, sizeof s.recorder, recorder);
    int64_t bids[512];
    for (int t = 0; t < ps->ntargets && t < 512; t++)
        bids[t] = g->branches[ps->targets[t]].id;
    s.branches = bids;
    s.nbranches = ps->ntargets < 512 ? ps->ntargets : 512;
    s.att = ps->att;
    s.natt = ps->natt;
    /* A class for some of the target branches' people (the committees, the secretaries, one 党小组)
     * expects those called, not the whole register: its 应到 is given as the roll call's size. */
    const char *who = g->plans[ps->plan].who;
    if (ps->natt > 0 && strcmp(who, "all") && strcmp(who, "party")) {
        s.expected = ps->natt;
        s.expected_given = 1;
    }
    if (ledger_save_session(g->db, &s, g->err))
        return demo_fail_at(g, "培训记录", s.title);
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
            c = demo_rng_below(&g->rng, g->ncourses);
        while (g->courses[c].retire);
        struct course_order o;
        memset(&o, 0, sizeof o);
        o.course_id = g->courses[c].id;
        o.branch_id = g->branches[demo_rng_below(&g->rng, g->nbranches)].id;
        day_text(working_day_after(g->today + 10 + demo_rng_below(&g->rng, 30)), o.wanted_date);
        if (i < overdue) /* ordered a month ago, scheduled for last week, not yet delivered */
            day_text(g->today - 30, o.wanted_date);
        if (order_place(g->db, &o, g->err))
            return demo_fail_at(g, "点单", g->courses[c].title);
        char date[11];
        int rc = 0;
        if (i < overdue) {
            day_text(working_day_before(g->today - 7), date);
            rc = order_schedule(g->db, o.id, date, 0, 0, g->err);
        } else if (i < overdue + scheduled) {
            day_text(working_day_after(g->today + 14), date);
            rc = order_schedule(g->db, o.id, date, 0, 0, g->err);
        } else if (i >= overdue + scheduled + placed) {
            rc = order_cancel(g->db, o.id, why, g->err);
        }
        if (rc)
            return demo_fail_at(g, "点单", g->courses[c].title);
        g->sum.orders++;
    }
    return 0;
}

int demo_gen_year(struct gen *g, int64_t *dup_id)
{
    struct odds o;
    memset(&o, 0, sizeof o);
    o.leave = iniparser_getint(g->cal.d, "attendance:leave", 7);
    o.absent = iniparser_getint(g->cal.d, "attendance:absent", 3);
    o.mobile_present = iniparser_getint(g->cal.d, "attendance:mobile_present", 25);
    demo_words_values(&o.leave_why, &g->cal, "leave");
    demo_words_values(&o.absent_why, &g->cal, "absent");
    if (!o.leave_why.n || !o.absent_why.n)
        return fx_fail(g->err, FX_EINTERNAL, "示例数据 calendar.ini 缺少请假或缺席原因");
    char recorder[64];
    text_copy(recorder, sizeof recorder, ini_str(&g->cal, "attendance:recorder", ""));
    int rc = demo_load_plans(g);
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
        if (g->courses[c].retire && course_retire(g->db, g->courses[c].id, g->err))
            return demo_fail_at(g, "停用课程", g->courses[c].title);
    return 0;
}
