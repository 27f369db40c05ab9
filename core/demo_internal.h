/* demo_internal.h — what the parts of the demo generator share (demo.c, demo_data.c, demo_sessions.c):
 * the generator's state, the word lists read from data/demo and the fixed-seed random numbers. Not public. */
#ifndef FX_DEMO_INTERNAL_H
#define FX_DEMO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "demo.h"
#include "ini.h"
#include "ledger.h"

#define DEMO_MAX_ITEMS 128

/* splitmix64: tiny, fast and the same on every platform, unlike rand(). */
struct rng {
    uint64_t s;
};

/* A number in [0, n) (0 when n ≤ 0), and one in [lo, hi]; each call advances r. */
int demo_rng_below(struct rng *r, int n);
int demo_rng_range(struct rng *r, int lo, int hi);

/* A list of words, optionally weighted (section "name = weight"). */
struct words {
    int n, total;
    char w[DEMO_MAX_ITEMS][64];
    int weight[DEMO_MAX_ITEMS];
};

/* A word drawn by weight ("" from an empty list); the result points into l. */
const char *demo_words_pick(const struct words *l, struct rng *r);
int demo_words_has(const struct words *l, const char *w);
/* Split s on '|' into at most max trimmed fields, in place (f points into s); returns the count. */
int demo_split_fields(char *s, char **f, int max);
/* Fill l (cleared first, weights 1) from a '|'-separated list, or from one separated by spaces. */
void demo_words_split(struct words *l, const char *text);
void demo_words_spaced(struct words *l, const char *text);

/* The keys of a section in file order, with their values. */
struct section {
    int n;
    const char *key[DEMO_MAX_ITEMS]; /* the part after "section:" */
    const char *val[DEMO_MAX_ITEMS];
};

/* Read section name of ini (at most DEMO_MAX_ITEMS keys); the strings belong to ini. Returns the count. */
int demo_section_read(const struct ini *ini, const char *name, struct section *s);
/* Fill l from a section of "word = weight" lines, or from the values of a numbered list ("1 = …"). */
void demo_words_weighted(struct words *l, const struct ini *ini, const char *name);
void demo_words_values(struct words *l, const struct ini *ini, const char *name);

/* What the generator keeps of the people it wrote. */
struct pmember {
    int64_t id;
    int branch;
    char role[32];
    int group;      /* 0 = the branch's first 党小组 */
    long since_day; /* on the register from this day (转入 during the year), 0 = always */
    long until_day; /* off it from this day (转出), 0 = still on it */
};

/* A roll call names only the people on the roster on its day (those transferred in or out). */
static inline int demo_on_roster(const struct pmember *m, long day)
{
    return (!m->since_day || day >= m->since_day) && (!m->until_day || day < m->until_day);
}

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
    int branches; /* branch scope: only the first n branches keep these records here; 0 = all */
    int days;     /* a class of several days (one 期, days × full_day 学时); 0 or 1 = one day */
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
    int days; /* 2 and more: a class of several days */
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
    char teacher_names[DEMO_MAX_ITEMS][101];
    int64_t *venues;
    int nvenues;
    char venue_names[DEMO_MAX_ITEMS][201];
    struct pcourse *courses;
    int ncourses;
    struct plan plans[32];
    int nplans;
    struct psession *sessions;
    int nsessions, capsessions;
    struct demo_summary sum;
    struct fx_error *err;
};

/* Load data/demo/<name> into ini; a missing file is FX_EINTERNAL (an incomplete install), with g->err filled. */
int demo_load_ini(struct gen *g, const char *name, struct ini *ini);
/* The [plan…] sections of calendar.ini into g->plans; FX_EINTERNAL with g->err filled if one is incomplete. */
int demo_load_plans(struct gen *g);
/* Wrap the error in g->err with what was being written when it failed; returns its code. */
int demo_fail_at(struct gen *g, const char *what, const char *name);
/* Draw and write the year's sessions and orders (the roster and the menu written first); *dup_id is set to
 * the record entered twice, for demo_fill to void after the commit. Returns 0 or an fx status, g->err filled. */
int demo_gen_year(struct gen *g, int64_t *dup_id);

#endif
