/* record.h — one member's training record (党员培训档案) for a year, and the members behind on hours.
 * Hours count in the year of the session's date; voided sessions count nowhere. */
#ifndef FX_RECORD_H
#define FX_RECORD_H

#include <sqlite3.h>
#include <stdint.h>

#include "config.h"
#include "error.h"

/* One session on a member's record, with what the roll call said of them. */
struct record_session {
    int64_t session_id;
    char date[11]; /* YYYY-MM-DD */
    char title[201];
    char kind[32];
    double hours;     /* the session's hours (earned only when present) */
    char status[8];   /* present / leave / absent */
    char reason[128]; /* of a leave or absence */
};

/* One page of member_id's live sessions dated in year, ordered by (date, id),
 * strictly after `after` (NULL: from the first). Returns rows filled (≤ max) or -1. */
int record_year_page(sqlite3 *db, int64_t member_id, int year, const struct record_session *after,
                     struct record_session *rows, int max, struct fx_error *err);

/* A member's year against their minimum. */
struct record_total {
    double hours;          /* sum of the hours of live sessions attended (present) in the year */
    int64_t present;       /* sessions attended */
    int64_t leave, absent; /* sessions on leave / absent */
    double minimum;        /* config_min_hours for the member's role */
    double behind;         /* minimum - hours when positive, else 0 */
};

/* What a member still lacks of their minimum: minimum - hours when positive, else 0 (达标). */
double record_shortfall(double hours, double minimum);

/* Totals for member_id in year, summed from the roll call itself (not the
 * member_year aggregate), so the record is the truth the aggregate is checked
 * against. FX_ENOTFOUND for an unknown member. */
int record_hours(sqlite3 *db, const struct fx_config *cfg, int64_t member_id, int year, struct record_total *out,
                 struct fx_error *err);

/* The aggregate member_year row (kept by triggers): hours and sessions, 0 when
 * there is none. One primary-key lookup; for lists. Returns 0 or FX_EINTERNAL. */
int record_year_aggregate(sqlite3 *db, int64_t member_id, int year, double *hours, int64_t *sessions,
                          struct fx_error *err);

/* An active member below their yearly minimum. */
struct record_behind {
    int64_t id;
    char name[101];
    char branch[201];
    char role[32];
    double hours, minimum;
    double shortfall; /* minimum - hours, > 0 */
};

/* One page of the active members (of branch_id, 0 = all) whose year hours in
 * member_year are below their minimum, ordered by shortfall (largest first),
 * then name and id, strictly after `after` (NULL: from the first). Reads
 * member and member_year only, never attendance. Returns rows filled or -1. */
int record_behind_page(sqlite3 *db, const struct fx_config *cfg, int year, int64_t branch_id,
                       const struct record_behind *after, struct record_behind *rows, int max, struct fx_error *err);

/* How many rows record_behind_page would give (the same condition). */
/* The member's yearly 学时 target of year (register.h: by 职务, pro-rated by whole months on the register
 * when cfg->prorate). */
int record_need(sqlite3 *db, const struct fx_config *cfg, int64_t member_id, int year, double *need,
                struct fx_error *err);

int record_behind_count(sqlite3 *db, const struct fx_config *cfg, int year, int64_t branch_id, int64_t *count,
                        struct fx_error *err);
/* For a page of a list: hours[i] (member_year, as record_year_aggregate) and need[i] (as record_need) of the n
 * members ids[i] in year, by two statements prepared once for the page. Returns 0 or FX_EINTERNAL. */
int record_year_figures(sqlite3 *db, const struct fx_config *cfg, int year, const int64_t *ids, int n, double *hours,
                        double *need, struct fx_error *err);

#endif
