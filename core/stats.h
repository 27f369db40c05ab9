/* stats.h — the headline figures of a period, computed in one place so that the
 * home screen, the reports and the command line can never disagree. */
#ifndef FX_STATS_H
#define FX_STATS_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "ledger.h"

/* SQL: session alias s is of a training kind (vocab.class 培训; a kind not in the word list counts as training).
 * Every training figure — 期数, 人次, 人数, 学时, 参训率, 受训率, 轮训率 — counts only such sessions; meetings
 * (组织生活) are in the 三会一课记录 (report meetings). Member hours follow vocab.counts_hours (member_year). */
#define STATS_SQL_TRAINING(s)                                                                                          \
    "ifnull((SELECT vk.class FROM vocab vk WHERE vk.kind = 'kind' AND vk.name = " s ".kind), '培训') = '培训'"
/* A session s whose kind's hours count toward a member's 学时 (vocab.counts_hours, as member_year keeps them:
 * data/schema/003-sessions.sql). */
#define STATS_SQL_COUNTS_HOURS(s)                                                                                      \
    "ifnull((SELECT vh.counts_hours FROM vocab vh WHERE vh.kind = 'kind' AND vh.name = " s ".kind), 1) = 1"
#define STATS_SQL_CLASS(s) "ifnull((SELECT vk.class FROM vocab vk WHERE vk.kind = 'kind' AND vk.name = " s ".kind), '培训')"

struct period_stats {
    int64_t sessions;       /* 期数: live (not voided) training sessions starting in the period (a class of days is one) */
    int64_t person_times;   /* 人次: present attendances (+ head counts without a roll call) */
    int64_t people;         /* 人数: distinct members present at least once */
    double hours;           /* 总学时: sum over sessions of hours (per session, not per person) */
    double person_hours;    /* sum over present attendances of the session's hours */
    int64_t expected;       /* 应到, summed over sessions */
    int64_t present;        /* 实到, summed over sessions */
    double attendance_rate; /* 参训率 = 实到 / 应到 (0 when 应到 is 0) */
    int64_t members;        /* 在册党员 on the period's last day (正式 and 预备, register_count) */
    int64_t candidates;     /* 入党积极分子 and 发展对象 on the roster that day: their own line */
    int64_t trained_members; /* of members, those present at least once in the period */
    double coverage;        /* 受训率 = trained_members / members */
};

/* Figures for the sessions of period p (voided sessions count nowhere). */
int stats_period(sqlite3 *db, const struct fx_period *p, struct period_stats *out, struct fx_error *err);
/* The same for one unit (分校) of a merged ledger: its sessions, and the members of
 * its branches; unit_id 0 is every unit (stats_period). */
int stats_period_unit(sqlite3 *db, const struct fx_period *p, int64_t unit_id, struct period_stats *out,
                      struct fx_error *err);

/* The training of a period split by one of its words: 期数, 人次, 学时, 应到 and 实到 of each group
 * that held a session, as stats_period counts them (so the groups sum to its figures). */
enum stats_by { STATS_BY_CATEGORY, STATS_BY_KIND };
struct stats_group {
    char name[64]; /* the content category or the kind ("（未填）" when the session has none) */
    int64_t sessions, person_times, expected, present;
    double hours;
};
/* Called per group, in the word list's order; return nonzero to stop (stats_groups returns it). */
typedef int (*stats_group_fn)(const struct stats_group *g, void *ctx);
int stats_groups(sqlite3 *db, const struct fx_period *p, enum stats_by by, stats_group_fn fn, void *ctx,
                 struct fx_error *err);

/* 参训率 = 实到 ÷ 应到, 0 when nobody was expected: the one definition behind a
 * period's figures, a merged township's and a single session's. */
double stats_attendance_rate(int64_t present, int64_t expected);

/* A share as people read it, one decimal: 0.875 → "87.5%", 0 → "0.0%"; into out (outsz bytes). */
void stats_percent_text(double share, char *out, size_t outsz);

/* One session's attendance, as its detail shows it: 应到 and 实到 as saved with
 * the session (from its roll call, or the head counts when it has none), 请假
 * and 缺席 counted on its roll call, and 参训率. */
struct session_attendance {
    int expected, present; /* 应到, 实到 */
    int leave, absent;     /* 请假, 缺席 */
    double rate;           /* 参训率, stats_attendance_rate */
    char rate_text[16];    /* "87.5%", or "—" when 应到 is 0 (a rate of nobody is not 0%) */
};
void stats_session_attendance(const struct session *s, struct session_attendance *out);

/* The people held to the yearly 学时 target of year (party members on the register on at least one day of
 * it; 入党积极分子 and 发展对象 too with [hours] count_candidates) and how many of them are below their target
 * (pro-rated by whole months on the register with [hours] prorate; a member with 0 hours counts). */
int stats_hours_standing(sqlite3 *db, const struct fx_config *cfg, int year, int64_t *held, int64_t *behind,
                         struct fx_error *err);
/* stats_hours_standing's behind alone (学时未达标). */
int stats_members_behind(sqlite3 *db, const struct fx_config *cfg, int year, int64_t *count, struct fx_error *err);

#endif
