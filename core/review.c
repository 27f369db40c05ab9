/* review.c — 查账: a year as of a date in five parts (review.h), and its items behind as draft problems. */
#include "review.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "problem.h"
#include "register.h"
#include "report_more.h"
#include "stats.h"
#include "store.h"
#include "text.h"
#include "rollaudit.h"

const char *review_part_name(int part)
{
    static const char *const names[REVIEW_NPARTS] = {"计划对照", "检查清单", "学时", "未点名的培训", "问题"};
    return part >= 0 && part < REVIEW_NPARTS ? names[part] : "";
}

void review_free(struct review *r)
{
    free(r->lines);
    r->lines = NULL;
    r->nlines = 0;
}

static struct review_line *add_line(struct review *r, int part, int *cap, struct fx_error *err)
{
    if (r->nlines == *cap) {
        int n = *cap ? *cap * 2 : 32;
        struct review_line *l = realloc(r->lines, (size_t)n * sizeof *l);
        if (!l) {
            fx_fail(err, FX_EINTERNAL, "内存不足");
            return NULL;
        }
        r->lines = l;
        *cap = n;
    }
    struct review_line *l = &r->lines[r->nlines++];
    memset(l, 0, sizeof *l);
    l->part = part;
    return l;
}

static int part_plan(sqlite3 *db, struct review *r, int *cap, struct fx_error *err)
{
    struct plan_progress p;
    int rc = plan_progress(db, r->year, r->as_of, &p, err);
    if (rc)
        return rc;
    r->plan = p.month[0];
    for (int i = 0; i < p.nrows && !rc; i++) {
        const struct plan_row *row = &p.rows[i];
        if (row->state != PLAN_OVERDUE)
            continue;
        struct review_line *l = add_line(r, REVIEW_PLAN, cap, err);
        if (!l) {
            rc = FX_EINTERNAL;
            break;
        }
        char months[32];
        plan_format_months(row->item.month_first, row->item.month_last, months, sizeof months);
        text_format(l->what, sizeof l->what, "计划第%lld项 %s %s", (long long)row->item.id, months, row->item.title);
        text_copy(l->state, sizeof l->state, plan_state_label(row->state));
        text_format(l->detail, sizeof l->detail, "%s · %s；负责人 %s", row->item.kind, row->item.category,
                    row->item.responsible[0] ? row->item.responsible : "未填");
        l->behind = true;
        l->plan_item_id = row->item.id;
        r->behind++;
    }
    plan_progress_free(&p);
    return rc;
}

/* The period of std's kind containing day (a date of year, YYYY-MM-DD). */
static void period_at(const struct standard *std, int year, const char *day, struct fx_period *p)
{
    int m = atoi(day + 5);
    if (m < 1 || m > 12)
        m = 1;
    int index = std->period == PERIOD_MONTH     ? m
                : std->period == PERIOD_QUARTER ? (m - 1) / 3 + 1
                : std->period == PERIOD_HALF    ? (m - 1) / 6 + 1
                                                : 1;
    period_make(std->period, year, std->period == PERIOD_YEAR ? 0 : index, p);
}

static int part_checklist(sqlite3 *db, const struct std_list *stds, struct review *r, int *cap, struct fx_error *err)
{
    char day[11];
    char first[11], last[11];
    text_format(first, sizeof first, "%04d-01-01", r->year);
    text_format(last, sizeof last, "%04d-12-31", r->year);
    text_copy(day, sizeof day, strcmp(r->as_of, first) < 0 ? first : strcmp(r->as_of, last) > 0 ? last : r->as_of);
    for (int s = 0; stds && s < stds->n; s++) {
        const struct standard *std = &stds->std[s];
        struct fx_period p;
        period_at(std, r->year, day, &p);
        struct std_result res;
        int rc = standard_evaluate_at(db, std, &p, 0, r->as_of, &res, err);
        if (rc)
            return rc;
        r->standards++;
        r->std_done += res.done;
        r->std_items += res.nitems;
        char label[64];
        period_label(&p, label, sizeof label);
        struct review_line *l = add_line(r, REVIEW_CHECKLIST, cap, err);
        if (!l) {
            standard_result_free(&res);
            return FX_EINTERNAL;
        }
        text_format(l->what, sizeof l->what, "%s（%s）", std->name, label);
        text_format(l->state, sizeof l->state, "完成 %d/%d 项", res.done, res.nitems);
        text_copy(l->detail, sizeof l->detail, std->title);
        for (int i = 0; i < res.nitems; i++) {
            const struct std_item_result *it = &res.items[i];
            if (it->state == STD_DONE)
                continue;
            if (!(l = add_line(r, REVIEW_CHECKLIST, cap, err))) {
                standard_result_free(&res);
                return FX_EINTERNAL;
            }
            text_format(l->what, sizeof l->what, "%s 第%s项 %s", std->name, it->item->id, it->item->title);
            text_copy(l->state, sizeof l->state, standard_state_name(it->state));
            standard_requirement_text(it, l->detail, sizeof l->detail);
            if (it->nshort) {
                char subs[200];
                if (standard_lacking_subs(it, false, r->year, subs, sizeof subs) > 0) {
                    size_t n = strlen(l->detail);
                    text_format(l->detail + n, sizeof l->detail - n, "%s缺 %s", n ? "；" : "", subs);
                }
            }
            if (it->state == STD_OVERDUE) {
                l->behind = true;
                r->std_overdue++;
                r->behind++;
                text_format(l->item_code, sizeof l->item_code, "%s/%s", std->id, it->item->id);
            }
        }
        standard_result_free(&res);
    }
    return 0;
}

/* Whole months of year ended by as_of: the months whose last day is on or before it. */
static int months_ended(int year, const char *as_of)
{
    int y = atoi(as_of), m = atoi(as_of + 5), d = atoi(as_of + 8);
    if (y < year)
        return 0;
    if (y > year)
        return 12;
    return m - 1 + (d >= date_days_in_month(y, m) ? 1 : 0);
}

static int part_hours(sqlite3 *db, const struct fx_config *cfg, struct review *r, int *cap, struct fx_error *err)
{
    r->months = months_ended(r->year, r->as_of);
    sqlite3_stmt *st;
    /* The hours report's population (REGISTER_HOURS_FROM with ?8 = 0: everyone held), on the register by the
     * as-of date; the hours to date from
     * the roll calls of live sessions dated up to ?10 whose kind counts toward 学时 (as member_year counts). */
    if (store_prepare(
            db,
            "SELECT name, bname, done, need FROM (SELECT m.name AS name, ifnull(b.name, '') AS bname, "
            "(SELECT ifnull(sum(s.hours), 0) FROM attendance a JOIN session s ON s.id = a.session_id "
            "WHERE a.member_id = m.id AND a.status = " ROLL_SQL_PRESENT " AND s.voided = 0 AND s.date >= "
            "printf('%04d-01-01', ?4) AND s.date <= ?10 AND " STATS_SQL_COUNTS_HOURS(
                "s") ") AS done, "
                     "round(CASE WHEN m.post <> '' THEN ?6 ELSE ?7 END * ?11 / 12.0, 1) AS need, m.id AS id "
                     "FROM member m LEFT JOIN branch b ON b.id = m.branch_id "
                     "WHERE EXISTS (SELECT 1 FROM member_term ty WHERE ty.member_id = m.id AND " REGISTER_HELD(
                         "ty") " AND ty.since <= min(?10, printf('%04d-12-31', ?4)) AND (ty.until = '' OR ty.until > "
                               "printf('%04d-01-01', ?4)))) ORDER BY bname, name, id",
            &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int(st, 4, r->year);
    sqlite3_bind_int(st, 5, cfg->count_candidates ? 1 : 0);
    sqlite3_bind_double(st, 6, cfg->min_leader);
    sqlite3_bind_double(st, 7, cfg->min_member);
    sqlite3_bind_text(st, 10, r->as_of, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 11, r->months);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        r->held++;
        double done = sqlite3_column_double(st, 2), need = sqlite3_column_double(st, 3);
        if (done >= need)
            continue;
        r->hours_behind++;
        struct review_line *l = add_line(r, REVIEW_HOURS, cap, err);
        if (!l) {
            sqlite3_finalize(st);
            return FX_EINTERNAL;
        }
        text_format(l->what, sizeof l->what, "%s", (const char *)sqlite3_column_text(st, 0));
        text_format(l->state, sizeof l->state, "%g/%g 学时", done, need);
        text_format(l->detail, sizeof l->detail, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    return s == SQLITE_DONE ? 0 : store_fail(db, s, err, "统计学时进度");
}

static int part_rollcall(sqlite3 *db, struct review *r, int *cap, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT s.id, s.date, s.title, s.kind, s.present FROM session s WHERE s.voided = 0 AND "
                      "s.date >= printf('%04d-01-01', ?1) AND s.date <= printf('%04d-12-31', ?1) AND s.date <= ?2 "
                      "AND " STATS_SQL_TRAINING("s") " AND NOT EXISTS (SELECT 1 FROM attendance a WHERE "
                                                     "a.session_id = s.id) ORDER BY s.date, s.id",
                      &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int(st, 1, r->year);
    sqlite3_bind_text(st, 2, r->as_of, -1, SQLITE_TRANSIENT);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        r->no_rollcall++;
        struct review_line *l = add_line(r, REVIEW_ROLLCALL, cap, err);
        if (!l) {
            sqlite3_finalize(st);
            return FX_EINTERNAL;
        }
        text_format(l->what, sizeof l->what, "%s %s", (const char *)sqlite3_column_text(st, 1),
                    (const char *)sqlite3_column_text(st, 2));
        text_copy(l->state, sizeof l->state, "未点名");
        text_format(l->detail, sizeof l->detail, "培训第%lld期 · %s；实到（人数）%lld", sqlite3_column_int64(st, 0),
                    (const char *)sqlite3_column_text(st, 3), sqlite3_column_int64(st, 4));
    }
    sqlite3_finalize(st);
    return s == SQLITE_DONE ? 0 : store_fail(db, s, err, "查找未点名的培训");
}

static int part_problems(sqlite3 *db, struct review *r, int *cap, struct fx_error *err)
{
    int rc = problem_open_count(db, r->year, &r->open_problems, err);
    if (rc)
        return rc;
    struct problem_year y;
    if ((rc = problem_year_load(db, r->year, r->as_of, &y, err)) != 0)
        return rc;
    for (int i = 0; i < y.nproblems; i++) {
        const struct problem_row *pr = &y.problems[i];
        if (!pr->open)
            continue;
        struct review_line *l = add_line(r, REVIEW_PROBLEMS, cap, err);
        if (!l) {
            rc = FX_EINTERNAL;
            break;
        }
        text_format(l->what, sizeof l->what, "问题%lld %s", (long long)pr->p.id, pr->p.description);
        if (!pr->ntasks)
            text_copy(l->state, sizeof l->state, "未定措施");
        else if (pr->noverdue)
            text_format(l->state, sizeof l->state, "逾期 %d 项", pr->noverdue);
        else
            text_format(l->state, sizeof l->state, "整改中 %d/%d", pr->ndone, pr->ntasks);
        text_format(l->detail, sizeof l->detail, "%s，%s", pr->p.source, pr->p.date);
    }
    problem_year_free(&y);
    return rc;
}

int review_compute(sqlite3 *db, const struct fx_config *cfg, const struct std_list *stds, int year, const char *as_of,
                   struct review *out, struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    int rc = date_normalize(as_of, out->as_of, err);
    if (rc)
        return rc;
    int cap = 0;
    if ((rc = part_plan(db, out, &cap, err)) || (rc = part_checklist(db, stds, out, &cap, err)) ||
        (rc = part_hours(db, cfg, out, &cap, err)) || (rc = part_rollcall(db, out, &cap, err)) ||
        (rc = part_problems(db, out, &cap, err)))
        review_free(out);
    return rc;
}

static int year_closed(sqlite3 *db, int year, bool *closed, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db, "SELECT EXISTS (SELECT 1 FROM closed_year WHERE year = ?1)", &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int(st, 1, year);
    int s = sqlite3_step(st);
    *closed = s == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return s == SQLITE_ROW ? 0 : store_fail(db, s, err, "查看年度是否已交账");
}

/* Whether an open 查账 problem of year already names the line's plan item or item code. */
static int already_raised(sqlite3 *db, int year, const struct review_line *l, bool *yes, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT EXISTS (SELECT 1 FROM problem p WHERE p.source = '查账' AND substr(p.date, 1, 4) = "
                      "printf('%04d', ?1) AND (CASE WHEN ?2 > 0 THEN p.plan_item_id = ?2 ELSE p.item = ?3 END) "
                      "AND " PROBLEM_OPEN_SQL("p") ")",
                      &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int(st, 1, year);
    sqlite3_bind_int64(st, 2, l->plan_item_id);
    sqlite3_bind_text(st, 3, l->item_code, -1, SQLITE_TRANSIENT);
    int s = sqlite3_step(st);
    *yes = s == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return s == SQLITE_ROW ? 0 : store_fail(db, s, err, "查找已有的问题");
}

int review_draft_problems(sqlite3 *db, const struct review *r, int *added, int *skipped, struct fx_error *err)
{
    *added = *skipped = 0;
    int found_year = atoi(r->as_of); /* the problems are dated the as-of day, so they belong to its year */
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    bool closed = false;
    if (!(rc = year_closed(db, r->year, &closed, err)) && !closed && found_year != r->year)
        rc = year_closed(db, found_year, &closed, err);
    if (!rc && closed)
        rc = fx_fail(err, FX_ECLOSED, "%d年已交账（已锁定），不能再添加问题", closed ? r->year : found_year);
    for (int i = 0; i < r->nlines && !rc; i++) {
        const struct review_line *l = &r->lines[i];
        if (!l->behind)
            continue;
        bool yes = false;
        if ((rc = already_raised(db, found_year, l, &yes, err)) != 0)
            break;
        if (yes) {
            (*skipped)++;
            continue;
        }
        struct problem *p = calloc(1, sizeof *p);
        if (!p) {
            rc = fx_fail(err, FX_EINTERNAL, "内存不足");
            break;
        }
        text_copy(p->date, sizeof p->date, r->as_of);
        text_copy(p->source, sizeof p->source, "查账");
        if (l->part == REVIEW_PLAN)
            text_format(p->description, sizeof p->description, "年度培训%s：截至%s没有完成，已逾期", l->what, r->as_of);
        else
            text_format(p->description, sizeof p->description, "检查清单 %s：截至%s逾期（%s）", l->what, r->as_of,
                        l->detail);
        p->plan_item_id = l->plan_item_id;
        text_copy(p->item, sizeof p->item, l->item_code);
        rc = problem_add(db, p, err);
        free(p);
        if (!rc)
            (*added)++;
    }
    return store_end(db, rc, err);
}

int review_draft_year(sqlite3 *db, const struct fx_config *cfg, const char *config_path, int year, const char *as_of,
                      int *behind, int *added, int *skipped, struct fx_error *err)
{
    struct std_list stds;
    memset(&stds, 0, sizeof stds);
    struct review r;
    memset(&r, 0, sizeof r);
    *behind = *added = *skipped = 0;
    int rc = report_load_standards(config_path, &stds, err);
    if (!rc)
        rc = review_compute(db, cfg, &stds, year, as_of, &r, err);
    if (!rc)
        rc = review_draft_problems(db, &r, added, skipped, err);
    *behind = r.behind;
    review_free(&r);
    standard_list_free(&stds);
    return rc;
}
