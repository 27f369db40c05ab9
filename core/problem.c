/* problem.c — the three lists (问题清单 / 责任清单 / 任务清单, seed 002): problems and their tasks saved in one
 * audited transaction each, the closed year refused, and every figure of a year's lists (open, overdue). */
#include "problem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "entity.h"
#include "store.h"
#include "text.h"
#include "text_limits.h"

#define PROBLEM_TEXT_CHARS 500 /* a description, a measure, the evidence (the schema's limit) */

const char *problem_source_word(const char *typed)
{
    static const struct {
        const char *typed, *word;
    } words[] = {{"查账", "查账"}, {"县级检查", "县级检查"}, {"县级", "县级检查"}, {"检查", "县级检查"}, {"自查", "自查"}};
    for (size_t i = 0; typed && i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(typed, words[i].typed))
            return words[i].word;
    return NULL;
}

#define PROBLEM_COLS "id, uuid, date, source, description, item, ifnull(plan_item_id, 0), resp_unit, resp_person, recorder"
#define PROBLEM_GET  "SELECT * FROM problem WHERE id = ?"
#define TASK_COLS                                                                                                      \
    "id, uuid, problem_id, measure, deadline, status, done_date, evidence, resp_unit, resp_person"
#define TASK_GET "SELECT * FROM problem_task WHERE id = ?"

static const struct entity_col problem_cols[] = {
    ENTITY_COL(struct problem, id),          ENTITY_COL(struct problem, uuid),
    ENTITY_COL(struct problem, date),        ENTITY_COL(struct problem, source),
    ENTITY_COL(struct problem, description), ENTITY_COL(struct problem, item),
    ENTITY_REF(struct problem, plan_item_id), ENTITY_COL(struct problem, resp_unit),
    ENTITY_COL(struct problem, resp_person), ENTITY_COL(struct problem, recorder),
};
static const struct entity_col task_cols[] = {
    ENTITY_COL(struct problem_task, id),        ENTITY_COL(struct problem_task, uuid),
    ENTITY_COL(struct problem_task, problem_id), ENTITY_COL(struct problem_task, measure),
    ENTITY_COL(struct problem_task, deadline),  ENTITY_COL(struct problem_task, status),
    ENTITY_COL(struct problem_task, done_date), ENTITY_COL(struct problem_task, evidence),
    ENTITY_COL(struct problem_task, resp_unit), ENTITY_COL(struct problem_task, resp_person),
};

static void read_problem(sqlite3_stmt *st, void *row)
{
    memset(row, 0, sizeof(struct problem));
    entity_read_cols(st, 0, problem_cols, ENTITY_NCOLS(problem_cols), row);
}

static void read_task(sqlite3_stmt *st, void *row)
{
    memset(row, 0, sizeof(struct problem_task));
    entity_read_cols(st, 0, task_cols, ENTITY_NCOLS(task_cols), row);
}

int problem_get(sqlite3 *db, int64_t id, struct problem *p, struct fx_error *err)
{
    return entity_get(db, "SELECT " PROBLEM_COLS " FROM problem WHERE id = ?", id, read_problem, p, "问题", err);
}

int problem_task_get(sqlite3 *db, int64_t id, struct problem_task *t, struct fx_error *err)
{
    return entity_get(db, "SELECT " TASK_COLS " FROM problem_task WHERE id = ?", id, read_task, t, "整改任务", err);
}

/* A date typed in any accepted form, normalized in place; label names it in the message. */
static int check_date(char *date, size_t size, const char *field, const char *label, struct fx_error *err)
{
    char norm[11];
    if (!date[0])
        return fx_fail_field(err, FX_EINPUT, field, "%s不能为空", label);
    if (date_normalize(date, norm, err)) {
        char why[sizeof err->msg]; /* err->msg is rewritten: never format it into itself */
        text_copy(why, sizeof why, err->msg);
        return fx_fail_field(err, FX_EINPUT, field, "%s“%s”无效：%s", label, date, why);
    }
    text_copy(date, size, norm);
    return 0;
}

int problem_add(sqlite3 *db, struct problem *p, struct fx_error *err)
{
    if (p->id)
        return fx_fail(err, FX_EINTERNAL, "问题只能新增");
    int rc = check_date(p->date, sizeof p->date, "date", "发现日期", err);
    if (rc)
        return rc;
    const char *word = problem_source_word(text_trim(p->source));
    if (!word)
        return fx_fail_field(err, FX_EINPUT, "source", "问题来源“%s”应为 查账、县级检查 或 自查", p->source);
    text_copy(p->source, sizeof p->source, word);
    text_trim(p->description);
    text_trim(p->item);
    text_trim(p->resp_unit);
    text_trim(p->resp_person);
    if (!p->description[0])
        return fx_fail_field(err, FX_EINPUT, "text", "问题描述不能为空");
    if (text_check_fields(err, TEXT_RULES({"text", "问题描述", p->description, PROBLEM_TEXT_CHARS, TEXT_KEEP_LINES},
                                          {"item", "清单项目", p->item, 32, 0},
                                          {"unit", "责任单位", p->resp_unit, FX_PLACE_CHARS, 0},
                                          {"person", "责任人", p->resp_person, FX_PERSON_CHARS, 0},
                                          {"recorder", "记录人", p->recorder, FX_PERSON_CHARS, 0})))
        return FX_EINPUT;
    if (p->plan_item_id < 0)
        return fx_fail_field(err, FX_EINPUT, "plan", "计划项目编号应为正整数");
    if ((rc = store_begin(db, err)) != 0)
        return rc;
    rc = entity_refuse_closed(db, atoi(p->date), "新增问题", err);
    if (!rc)
        rc = entity_save(db, "problem", "问题",
                         "INSERT INTO problem (date, source, description, item, plan_item_id, resp_unit, resp_person, "
                         "recorder, uuid, unit_id) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, :uuid, :unit)",
                         PROBLEM_GET, problem_cols + 2, 8, p, &p->id, p->uuid, err);
    return store_end(db, rc, err);
}

int problem_task_add(sqlite3 *db, struct problem_task *t, struct fx_error *err)
{
    if (t->id)
        return fx_fail(err, FX_EINTERNAL, "整改任务只能新增");
    int rc = check_date(t->deadline, sizeof t->deadline, "deadline", "完成时限", err);
    if (rc)
        return rc;
    text_trim(t->measure);
    text_trim(t->resp_unit);
    text_trim(t->resp_person);
    if (!t->measure[0])
        return fx_fail_field(err, FX_EINPUT, "measure", "整改措施不能为空");
    if (text_check_fields(err, TEXT_RULES({"measure", "整改措施", t->measure, PROBLEM_TEXT_CHARS, TEXT_KEEP_LINES},
                                          {"unit", "责任单位", t->resp_unit, FX_PLACE_CHARS, 0},
                                          {"person", "责任人", t->resp_person, FX_PERSON_CHARS, 0})))
        return FX_EINPUT;
    if (!t->status[0])
        text_copy(t->status, sizeof t->status, PROBLEM_TODO);
    if (strcmp(t->status, PROBLEM_TODO) && strcmp(t->status, PROBLEM_DOING))
        return fx_fail_field(err, FX_EINPUT, "status", "新任务的状态应为“未开始”或“进行中”（完成请用 problem done）");
    t->done_date[0] = t->evidence[0] = '\0';
    if ((rc = store_begin(db, err)) != 0)
        return rc;
    struct problem *p = malloc(sizeof *p);
    rc = p ? problem_get(db, t->problem_id, p, err) : fx_fail(err, FX_EINTERNAL, "内存不足");
    if (!rc)
        rc = entity_refuse_closed(db, atoi(p->date), "给其中的问题添加整改任务", err);
    if (!rc)
        rc = entity_save(db, "problem_task", "整改任务",
                         "INSERT INTO problem_task (problem_id, measure, deadline, status, done_date, evidence, "
                         "resp_unit, resp_person, uuid) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, :uuid)",
                         TASK_GET, task_cols + 2, 8, t, &t->id, t->uuid, err);
    free(p);
    return store_end(db, rc, err);
}

/* Change task id's state (and done date and evidence), audited as action, in one transaction. */
static int task_change(sqlite3 *db, int64_t id, const char *status, const char *date, const char *evidence,
                       const char *action, struct fx_error *err)
{
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    struct problem_task *t = malloc(sizeof *t);
    struct problem *p = malloc(sizeof *p);
    rc = t && p ? problem_task_get(db, id, t, err) : fx_fail(err, FX_EINTERNAL, "内存不足");
    if (!rc)
        rc = problem_get(db, t->problem_id, p, err);
    if (!rc)
        rc = entity_refuse_closed(db, atoi(p->date), "改动其中的整改任务", err);
    if (!rc && !strcmp(t->status, PROBLEM_DONE))
        rc = fx_fail(err, FX_EINPUT, "整改任务 %lld 已经完成（%s）", (long long)id, t->done_date);
    if (!rc && !strcmp(status, PROBLEM_DONE) && strcmp(date, p->date) < 0)
        rc = fx_fail_field(err, FX_EINPUT, "date", "完成日期 %s 早于问题的发现日期 %s", date, p->date);
    char *before = rc ? NULL : store_row_json(db, TASK_GET, id);
    if (!rc)
        rc = store_run(db,
                       "UPDATE problem_task SET status = ?2, done_date = ?3, evidence = ?4, "
                       "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                       STORE_ARGS(STORE_INT(id), STORE_TEXT(status), STORE_TEXT(date), STORE_TEXT(evidence)), err);
    if (!rc)
        rc = entity_audit(db, "problem_task", action, TASK_GET, id, t->uuid, before, err);
    sqlite3_free(before);
    free(t);
    free(p);
    return store_end(db, rc, err);
}

int problem_task_start(sqlite3 *db, int64_t id, struct fx_error *err)
{
    return task_change(db, id, PROBLEM_DOING, "", "", "start", err);
}

int problem_task_done(sqlite3 *db, int64_t id, const char *date, const char *evidence, struct fx_error *err)
{
    char day[32], why[2001];
    if (!text_copy(day, sizeof day, date ? date : ""))
        return fx_fail_field(err, FX_EINPUT, "date", "完成日期无效");
    int rc = check_date(day, sizeof day, "date", "完成日期", err);
    if (rc)
        return rc;
    if ((rc = date_check_not_future(day, "完成日期", err)) != 0)
        return rc;
    if (!text_copy(why, sizeof why, evidence ? evidence : ""))
        return fx_fail_field(err, FX_EINPUT, "evidence", "整改佐证太长");
    if (!*text_trim(why))
        return fx_fail_field(err, FX_EINPUT, "evidence", "完成整改任务必须写明佐证（--evidence）");
    if (text_check_field(err, "evidence", "整改佐证", why, PROBLEM_TEXT_CHARS, TEXT_KEEP_LINES))
        return FX_EINPUT;
    return task_change(db, id, PROBLEM_DONE, day, text_trim(why), "done", err);
}

int problem_open_count(sqlite3 *db, int year, int64_t *n, struct fx_error *err)
{
    *n = 0;
    return store_get_int(db,
                         "SELECT count(*) FROM problem p WHERE CAST(substr(p.date, 1, 4) AS INTEGER) = ?1 "
                         "AND " PROBLEM_OPEN_SQL("p"),
                         STORE_ARGS(STORE_INT(year)), n, err);
}

void problem_year_free(struct problem_year *y)
{
    free(y->problems);
    free(y->tasks);
    y->problems = NULL;
    y->tasks = NULL;
    y->nproblems = y->ntasks = 0;
}

/* Read every row of st into a growing array of row_size-byte rows (read fills one); *rows malloc'd. */
static int read_all(sqlite3 *db, sqlite3_stmt *st, entity_read_fn read, size_t row_size, void **rows, int *n,
                    struct fx_error *err)
{
    int cap = 0, s;
    *rows = NULL;
    *n = 0;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            void *grown = realloc(*rows, (size_t)cap * row_size);
            if (!grown) {
                sqlite3_finalize(st);
                return fx_fail(err, FX_EINTERNAL, "内存不足");
            }
            *rows = grown;
        }
        read(st, (char *)*rows + (size_t)*n * row_size);
        (*n)++;
    }
    sqlite3_finalize(st);
    return s == SQLITE_DONE ? 0 : store_fail(db, s, err, "读取问题清单");
}

static void read_problem_row(sqlite3_stmt *st, void *row)
{
    struct problem_row *r = row;
    memset(r, 0, sizeof *r);
    read_problem(st, &r->p);
}

static void read_task_row(sqlite3_stmt *st, void *row)
{
    struct problem_task_row *r = row;
    memset(r, 0, sizeof *r);
    read_task(st, &r->t);
}

int problem_year_load(sqlite3 *db, int year, const char *as_of, struct problem_year *y, struct fx_error *err)
{
    memset(y, 0, sizeof *y);
    y->year = year;
    text_copy(y->as_of, sizeof y->as_of, as_of);
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "SELECT " PROBLEM_COLS " FROM problem WHERE CAST(substr(date, 1, 4) AS INTEGER) = ?1 "
                           "ORDER BY date, id",
                           &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int(st, 1, year);
    void *rows;
    if ((rc = read_all(db, st, read_problem_row, sizeof(struct problem_row), &rows, &y->nproblems, err)) != 0)
        return rc;
    y->problems = rows;
    rc = store_prepare(db,
                       "SELECT t.id, t.uuid, t.problem_id, t.measure, t.deadline, t.status, t.done_date, t.evidence, "
                       "t.resp_unit, t.resp_person FROM problem_task t JOIN problem p ON p.id = t.problem_id "
                       "WHERE CAST(substr(p.date, 1, 4) AS INTEGER) = ?1 ORDER BY p.date, p.id, t.deadline, t.id",
                       &st, err);
    if (rc) {
        problem_year_free(y);
        return rc;
    }
    sqlite3_bind_int(st, 1, year);
    if ((rc = read_all(db, st, read_task_row, sizeof(struct problem_task_row), &rows, &y->ntasks, err)) != 0) {
        problem_year_free(y);
        return rc;
    }
    y->tasks = rows;
    /* The definitions of problem.h: open, and overdue as of as_of. Tasks come in their problems' order. */
    int k = 0;
    for (int i = 0; i < y->nproblems; i++) {
        struct problem_row *r = &y->problems[i];
        for (; k < y->ntasks && y->tasks[k].t.problem_id == r->p.id; k++) {
            struct problem_task_row *t = &y->tasks[k];
            bool done = !strcmp(t->t.status, PROBLEM_DONE);
            t->overdue = !done && strcmp(t->t.deadline, as_of) < 0;
            r->ntasks++;
            r->ndone += done;
            r->noverdue += t->overdue;
            y->overdue += t->overdue;
            y->done_tasks += done;
        }
        r->open = r->ntasks == 0 || r->ndone < r->ntasks;
        if (r->open)
            y->open++;
        else
            y->closed++;
    }
    return 0;
}
