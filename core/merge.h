/* merge.h — the county roll-up: township ledgers merged into one ledger, row by UUID.
 * Merging a file twice, or a newer copy of it, gives what merging it once gave. */
#ifndef FX_MERGE_H
#define FX_MERGE_H

#include <sqlite3.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "rollaudit.h"

enum merge_entity {
    MERGE_UNIT,
    MERGE_BRANCH,
    MERGE_MEMBER,
    MERGE_TEACHER,
    MERGE_VENUE,
    MERGE_COURSE,
    MERGE_SESSION,
    MERGE_ORDER,
    MERGE_MARK,
    MERGE_FUNDS, /* 经费记录 (funds_entry); budgets are each ledger's own and are not merged */
    MERGE_PLAN,     /* 计划项目 (plan_item); a session's plan link follows the session, as its roll call does */
    MERGE_PROBLEM,  /* 问题 (problem, schema 8) */
    MERGE_TASK,     /* 整改任务 (problem_task, schema 8) */
    MERGE_FEEDBACK, /* 培训评价 (session_feedback, schema 9), by uuid, after the sessions it belongs to */
    MERGE_SHEET,    /* 考评表得分 (sheet_score, schema 11), by uuid: a township's 自评, the county's own 考评 */
    MERGE_POINTS,   /* 积分加减 (points_adjust, schema 12), by uuid, its member through the uuid */
    MERGE_ATTACHMENT, /* 附件 (attachment, schema 10), by uuid, its file by SHA-256, after the records it belongs to */
    MERGE_NENTITIES
};

/* "分校", "党组织", "党员", "教师", "场地", "课程", "培训记录", "点单", "清单标记", "经费记录", "计划项目", "问题", "整改任务",
 * "培训评价", "考评表得分", "附件". */
const char *merge_entity_label(int entity);

struct merge_counts {
    int64_t added;     /* new to the target */
    int64_t updated;   /* the input's version was newer and different: taken */
    int64_t unchanged; /* the same in both */
    int64_t kept;      /* different, but the target's version is as new or newer: kept, reported */
    int64_t closed;    /* would change a year closed (年底交账) in the target: skipped, reported */
};

struct merge_result {
    char unit[201]; /* the input's own unit (分校) */
    struct merge_counts n[MERGE_NENTITIES];
    int64_t attendance; /* roll-call rows written for new or changed sessions */
    int64_t files;      /* attachment files copied into the target's archive/ (one already there is not copied) */
    int64_t refused;    /* attachments not merged: their record is not in the target, or their file is gone or
                         * altered in the input's archive/ (each reported) */
};

/* Called for each row kept or skipped (see merge_counts): the entity, its uuid,
 * a name for people ("2024-03-05 党章学习"), the target's and the input's
 * updated_at, and why in Chinese. */
typedef void (*merge_report_fn)(void *ctx, int entity, const char *uuid, const char *name, const char *target_at,
                                const char *input_at, const char *why);

/* Open (creating if missing, mode 0600) the county ledger at path for writing;
 * a new one gets a local unit named unit_name (NULL: "县级汇总"). */
int merge_open_target(const char *path, const char *unit_name, sqlite3 **db, struct fx_error *err);

/* Merge the ledger at src_path (opened read-only, never written) into db, in
 * one transaction: units, vocabulary, branches, members, teachers, venues,
 * courses, sessions with their roll call and target branches, orders, marks.
 * Rows match by uuid; a row in both is replaced by the input's version only
 * when that is newer (updated_at) and different — the last change wins — and
 * the others that differ are reported through report (may be NULL).
 * Roll call and target branches follow their session; member_year follows
 * through the ledger's triggers. Nothing is deleted from the target. Sessions
 * and marks of a year closed in the target are skipped and reported. The
 * audit log gets one "merge" record per input that changed something; the
 * input's own audit log stays in the input. Refuses (FX_EINPUT) a file that
 * is not a fenxiao ledger, of another schema version, or the target itself. */
int merge_ledger(sqlite3 *db, const char *src_path, struct merge_result *res, merge_report_fn report, void *ctx,
                 struct fx_error *err);

/* Within merge_ledger's transaction, with the input attached as src: the input's attachments (merge_attach.c),
 * after the records they belong to; counted in res->n[MERGE_ATTACHMENT], res->files and res->refused. */
int merge_attachments(sqlite3 *db, const char *src_path, const char *src_uuid, struct merge_result *res,
                      merge_report_fn report, void *ctx, struct fx_error *err);

/* One unit's figures for a period, as stats.h defines them, restricted to
 * the unit's sessions (期数, 人次, 学时 …) and its branches' members (受训率). */
struct merge_unit_row {
    int64_t unit_id;
    char name[201];
    int is_local;
    int64_t sessions;     /* 期数 */
    int64_t person_times; /* 人次 (= 实到 summed) */
    int64_t people;       /* 人数: distinct members present */
    double hours;         /* 学时, summed per session */
    double person_hours;
    int64_t expected, present;
    double attendance_rate; /* 参训率 */
    int64_t members;        /* active members of the unit's branches */
    double coverage;        /* 受训率 = people / members */
    int64_t spent;          /* 经费支出: the unit's live expense entries in the period, in 分 */
};

/* Call row for every unit that has branches, sessions or spending in the period, in unit order (the
 * local unit first); a nonzero return from row stops and is returned. */
typedef int (*merge_unit_fn)(void *ctx, const struct merge_unit_row *row);
/* The statement behind merge_unit_summary (?1, ?2 = the period's first and last day), here so that
 * tests/unit/test_plans.c pins its plan: the period's training sessions by date, their roll calls by the
 * attendance key, the register by one walk of member_term with each member by its key (an EXISTS per member
 * was 75,000 index searches: half the report's time), the spending by unit; one row per unit with branches,
 * sessions or spending in the period. Expanded
 * where stats.h and register.h are included. */
#define MERGE_UNIT_SUMMARY_SQL                                                                                         \
    "WITH ps AS MATERIALIZED (SELECT s.id, s.unit_id, s.hours, s.expected, s.present FROM session s "                 \
    "  WHERE s.voided = 0 AND s.date BETWEEN ?1 AND ?2 AND " STATS_SQL_TRAINING("s") "), "                            \
    "agg AS (SELECT unit_id, count(*) AS n, sum(hours) AS h, sum(expected) AS e, sum(present) AS p, "                 \
    "  sum(present * hours) AS ph FROM ps GROUP BY unit_id), "                                                        \
    "ppl AS (SELECT ps.unit_id, count(DISTINCT a.member_id) AS people FROM ps "                                       \
    "  JOIN attendance a ON a.session_id = ps.id WHERE a.status = " ROLL_SQL_PRESENT " GROUP BY ps.unit_id), "                   \
    "reg AS (SELECT b.unit_id, count(DISTINCT m.id) AS members FROM member_term rt "                                 \
    "  JOIN member m ON m.id = rt.member_id JOIN branch b ON b.id = m.branch_id "                                     \
    "  WHERE " REGISTER_TERM_ON("?2") " GROUP BY b.unit_id), "                                                        \
    "fx AS (SELECT f.unit_id, sum(f.amount) AS spent FROM funds_entry f WHERE f.voided = 0 AND f.direction = '支出' " \
    "  AND f.date BETWEEN ?1 AND ?2 GROUP BY f.unit_id) "                                                             \
    "SELECT u.id, u.name, u.is_local, ifnull(agg.n, 0), ifnull(agg.h, 0), ifnull(agg.e, 0), ifnull(agg.p, 0), "      \
    "ifnull(agg.ph, 0), ifnull(ppl.people, 0), ifnull(reg.members, 0), ifnull(fx.spent, 0) "                          \
    "FROM unit u LEFT JOIN agg ON agg.unit_id = u.id LEFT JOIN ppl ON ppl.unit_id = u.id "                            \
    "LEFT JOIN reg ON reg.unit_id = u.id LEFT JOIN fx ON fx.unit_id = u.id "                                          \
    "WHERE EXISTS (SELECT 1 FROM branch b WHERE b.unit_id = u.id) OR EXISTS (SELECT 1 FROM session s "               \
    "WHERE s.unit_id = u.id) OR fx.spent IS NOT NULL ORDER BY u.is_local DESC, u.id"

int merge_unit_summary(sqlite3 *db, const struct fx_period *p, merge_unit_fn row, void *ctx, struct fx_error *err);

#endif
