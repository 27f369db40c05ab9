/* plan.c — the year's training plan (年度培训计划): items saved in one audited transaction each, their links to
 * sessions (by hand, or by the one rule of the same month, kind and category), plan against actual, and 建账. */
#include "plan.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "entity.h"
#include "store.h"
#include "text.h"
#include "vocab.h"

/* ---- months ---- */

/* Full-width digits to ASCII, every dash, tilde, 至 and 到 to '-', spaces and 份 dropped. */
static void normalise_months(const char *in, char *out, size_t outsz)
{
    static const struct {
        const char *from, *to;
    } map[] = {
        {"０", "0"}, {"１", "1"}, {"２", "2"}, {"３", "3"}, {"４", "4"}, {"５", "5"}, {"６", "6"}, {"７", "7"},
        {"８", "8"}, {"９", "9"}, {"—", "-"}, {"–", "-"}, {"－", "-"}, {"~", "-"}, {"～", "-"}, {"至", "-"},
        {"到", "-"}, {"／", "/"}, {"份", ""},  {"　", ""},  {" ", ""},  {"\t", ""},
    };
    size_t o = 0;
    while (*in && o + 1 < outsz) {
        size_t i;
        for (i = 0; i < sizeof map / sizeof map[0]; i++) {
            size_t n = strlen(map[i].from);
            if (!strncmp(in, map[i].from, n)) {
                size_t m = strlen(map[i].to);
                if (o + m + 1 > outsz)
                    goto done;
                memcpy(out + o, map[i].to, m);
                o += m;
                in += n;
                break;
            }
        }
        if (i == sizeof map / sizeof map[0])
            out[o++] = *in++;
    }
done:
    out[o] = '\0';
}

/* A month number of one or two digits at *p, followed by an optional 月. */
static int read_month(const char **p)
{
    const char *s = *p;
    if (!isdigit((unsigned char)s[0]))
        return 0;
    int m = s[0] - '0';
    s++;
    if (isdigit((unsigned char)s[0]))
        m = m * 10 + (*s++ - '0');
    if (!strncmp(s, "月", strlen("月")))
        s += strlen("月");
    *p = s;
    return m >= 1 && m <= 12 ? m : 0;
}

int plan_parse_months(const char *text, int year, int *first, int *last, struct fx_error *err)
{
    static const struct {
        const char *word;
        int first, last;
    } words[] = {
        {"全年", 1, 12},      {"上半年", 1, 6},     {"下半年", 7, 12},    {"第一季度", 1, 3},   {"一季度", 1, 3},
        {"第二季度", 4, 6},   {"二季度", 4, 6},     {"第三季度", 7, 9},   {"三季度", 7, 9},     {"第四季度", 10, 12},
        {"四季度", 10, 12},   {"1季度", 1, 3},      {"2季度", 4, 6},      {"3季度", 7, 9},      {"4季度", 10, 12},
    };
    char s[128];
    normalise_months(text ? text : "", s, sizeof s);
    const char *p = s;
    /* A year written in the cell must be the plan's: 2027-03, 2027年3月, 2027/3, 2027.03. */
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
        isdigit((unsigned char)p[3])) {
        int y = atoi(p);
        const char *q = p + 4;
        if (!strncmp(q, "年", strlen("年")))
            q += strlen("年");
        else if (*q == '-' || *q == '/' || *q == '.')
            q++;
        else
            goto bad;
        if (y != year)
            return fx_fail_field(err, FX_EINPUT, "month", "月份“%s”不在 %d 年（计划年度）", text, year);
        p = q;
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (!strcmp(p, words[i].word)) {
            *first = words[i].first;
            *last = words[i].last;
            return 0;
        }
    }
    int a = read_month(&p), b = a;
    if (!a)
        goto bad;
    if (*p == '-') {
        p++;
        if (!(b = read_month(&p)) || b < a)
            goto bad;
    }
    if (*p)
        goto bad;
    *first = a;
    *last = b;
    return 0;
bad:
    return fx_fail_field(err, FX_EINPUT, "month",
                         "月份“%s”无法识别（可写 3、3月、%d-03、1-2月、第一季度、上半年、下半年、全年）",
                         text ? text : "", year);
}

void plan_format_months(int first, int last, char *out, size_t outsz)
{
    if (first == 1 && last == 12)
        text_copy(out, outsz, "全年");
    else if (first == 1 && last == 6)
        text_copy(out, outsz, "上半年");
    else if (first == 7 && last == 12)
        text_copy(out, outsz, "下半年");
    else if (first == last)
        text_format(out, outsz, "%d月", first);
    else
        text_format(out, outsz, "%d—%d月", first, last);
}

/* ---- items ---- */

#define PLAN_COLS                                                                                                      \
    "p.id, p.uuid, p.year, p.month_first, p.month_last, p.title, p.category, p.kind, p.target, p.hours, "            \
    "p.responsible, ifnull(p.course_id, 0), p.note, p.recorder, p.voided, p.void_reason"
#define PLAN_GET "SELECT * FROM plan_item WHERE id = ?"

static const struct entity_col plan_cols[] = {
    ENTITY_COL(struct plan_item, id),          ENTITY_COL(struct plan_item, uuid),
    ENTITY_COL(struct plan_item, year),        ENTITY_COL(struct plan_item, month_first),
    ENTITY_COL(struct plan_item, month_last),  ENTITY_COL(struct plan_item, title),
    ENTITY_COL(struct plan_item, category),    ENTITY_COL(struct plan_item, kind),
    ENTITY_COL(struct plan_item, target),      ENTITY_COL(struct plan_item, hours),
    ENTITY_COL(struct plan_item, responsible), ENTITY_REF(struct plan_item, course_id),
    ENTITY_COL(struct plan_item, note),        ENTITY_COL(struct plan_item, recorder),
    ENTITY_COL(struct plan_item, voided),      ENTITY_COL(struct plan_item, void_reason),
};

static void read_item(sqlite3_stmt *st, void *row)
{
    memset(row, 0, sizeof(struct plan_item));
    entity_read_cols(st, 0, plan_cols, ENTITY_NCOLS(plan_cols), row);
}

int plan_get(sqlite3 *db, int64_t id, struct plan_item *p, struct fx_error *err)
{
    return entity_get(db, "SELECT " PLAN_COLS " FROM plan_item p WHERE p.id = ?", id, read_item, p, "计划项目", err);
}

static int check_item(sqlite3 *db, struct plan_item *p, struct fx_error *err)
{
    if (p->year < 1900 || p->year > 2999)
        return fx_fail_field(err, FX_EINPUT, "year", "计划年度 %d 无效", p->year);
    if (p->month_first < 1 || p->month_last > 12 || p->month_first > p->month_last)
        return fx_fail_field(err, FX_EINPUT, "month", "计划月份无效");
    const struct text_rule rules[] = {
        {"title", "标题", p->title, FX_TITLE_CHARS, 0},
        {"target", "参训对象", p->target, FX_LINE_CHARS, 0},
        {"responsible", "负责人", p->responsible, FX_PERSON_CHARS, 0},
        {"note", "备注", p->note, FX_LINE_CHARS, 0},
        {"recorder", "记录人", p->recorder, FX_PERSON_CHARS, 0},
    };
    char *texts[] = {p->title, p->target, p->responsible, p->note, p->recorder, p->category, p->kind};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        text_trim(texts[i]);
    if (!p->title[0])
        return fx_fail_field(err, FX_EINPUT, "title", "计划项目的标题不能为空");
    if (text_check_fields(err, rules, sizeof rules / sizeof rules[0]))
        return FX_EINPUT;
    if (!p->category[0])
        return fx_fail_field(err, FX_EINPUT, "category", "计划项目要写明内容类别");
    if (!p->kind[0])
        return fx_fail_field(err, FX_EINPUT, "kind", "计划项目要写明类型（如 培训班、专题党课）");
    int rc;
    if ((rc = vocab_check(db, "category", p->category, err)) || (rc = vocab_check(db, "kind", p->kind, err)))
        return rc;
    if (!(p->hours >= 0 && p->hours <= 1000))
        return fx_fail_field(err, FX_EINPUT, "hours", "学时应在 0 到 1000 之间");
    if (p->course_id) {
        bool found = false;
        if ((rc = store_exists(db, "SELECT 1 FROM course WHERE id = ?1", STORE_ARGS(STORE_INT(p->course_id)), &found,
                               err)) != 0)
            return rc;
        if (!found)
            return fx_fail_field(err, FX_EINPUT, "course", "没有编号为 %lld 的课程", (long long)p->course_id);
    }
    return 0;
}

int plan_add(sqlite3 *db, struct plan_item *p, struct fx_error *err)
{
    if (p->id)
        return fx_fail(err, FX_EINTERNAL, "计划项目只能新增");
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    rc = check_item(db, p, err);
    if (!rc)
        rc = entity_refuse_closed(db, p->year, "新增计划项目", err);
    p->voided = 0;
    p->void_reason[0] = '\0';
    if (!rc)
        rc = entity_save(db, "plan", "计划项目",
                         "INSERT INTO plan_item (year, month_first, month_last, title, category, kind, target, hours, "
                         "responsible, course_id, note, recorder, uuid, unit_id) "
                         "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, :uuid, :unit)",
                         PLAN_GET, plan_cols + 2, 12, p, &p->id, p->uuid, err);
    return store_end(db, rc, err);
}

int plan_update(sqlite3 *db, struct plan_item *p, struct fx_error *err)
{
    if (!p->id)
        return fx_fail(err, FX_EINTERNAL, "没有要修改的计划项目");
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    struct plan_item old;
    rc = plan_get(db, p->id, &old, err);
    if (!rc && old.voided)
        rc = fx_fail(err, FX_EINPUT, "计划项目 %lld 已作废，不能修改", (long long)p->id);
    if (!rc)
        rc = entity_refuse_closed(db, old.year, "修改计划项目", err);
    if (!rc)
        rc = check_item(db, p, err);
    if (!rc && p->year != old.year)
        rc = entity_refuse_closed(db, p->year, "修改计划项目", err);
    p->voided = 0;
    p->void_reason[0] = '\0';
    if (!rc)
        rc = entity_save(db, "plan", "计划项目",
                         "UPDATE plan_item SET year = ?2, month_first = ?3, month_last = ?4, title = ?5, "
                         "category = ?6, kind = ?7, target = ?8, hours = ?9, responsible = ?10, course_id = ?11, "
                         "note = ?12, recorder = ?13, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                         "WHERE id = ?1",
                         PLAN_GET, plan_cols + 2, 12, p, &p->id, p->uuid, err);
    return store_end(db, rc, err);
}

/* ---- links ---- */

#define LINK_JSON                                                                                                      \
    "SELECT json_object('session_id', l.session_id, 'session_uuid', s.uuid, 'plan_id', l.plan_id, 'plan_uuid', "      \
    "p.uuid, 'plan_title', p.title, 'how', l.how, 'linked_at', l.linked_at) FROM plan_link l "                        \
    "JOIN session s ON s.id = l.session_id JOIN plan_item p ON p.id = l.plan_id WHERE l.session_id = ?1"

/* Write the link of session_id to plan_id (moving one the session had), touch the session and audit it. */
static int write_link(sqlite3 *db, int64_t session_id, int64_t plan_id, const char *how, struct fx_error *err)
{
    char before[1024] = "", after[1024] = "", uuid[37] = "";
    int rc = store_get_text(db, LINK_JSON, STORE_ARGS(STORE_INT(session_id)), before, sizeof before, err);
    if (!rc)
        rc = store_run(db,
                       "INSERT INTO plan_link (session_id, plan_id, how) VALUES (?1, ?2, ?3) "
                       "ON CONFLICT (session_id) DO UPDATE SET plan_id = excluded.plan_id, how = excluded.how, "
                       "linked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                       STORE_ARGS(STORE_INT(session_id), STORE_INT(plan_id), STORE_TEXT(how)), err);
    /* The link is part of the session's record: merge takes a session's link with the session when it is newer. */
    if (!rc)
        rc = store_run(db, "UPDATE session SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                       STORE_ARGS(STORE_INT(session_id)), err);
    if (!rc)
        rc = store_get_text(db, LINK_JSON, STORE_ARGS(STORE_INT(session_id)), after, sizeof after, err);
    if (!rc)
        rc = store_get_text(db, "SELECT uuid FROM session WHERE id = ?1", STORE_ARGS(STORE_INT(session_id)), uuid,
                            sizeof uuid, err);
    if (!rc)
        rc = store_audit(db, before[0] ? "update" : "insert", "plan_link", uuid, before[0] ? before : NULL, after,
                         err);
    return rc;
}

int plan_link_session(sqlite3 *db, int64_t session_id, int64_t plan_id, struct fx_error *err)
{
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    struct plan_item p;
    char date[16] = "";
    int64_t voided = -1;
    rc = plan_get(db, plan_id, &p, err);
    if (!rc && p.voided)
        rc = fx_fail(err, FX_EINPUT, "计划项目 %lld 已作废，不能关联", (long long)plan_id);
    if (!rc)
        rc = store_get_int(db, "SELECT voided FROM session WHERE id = ?1", STORE_ARGS(STORE_INT(session_id)), &voided,
                           err);
    if (!rc && voided < 0)
        rc = fx_fail(err, FX_ENOTFOUND, "没有编号为 %lld 的培训记录", (long long)session_id);
    if (!rc && voided)
        rc = fx_fail(err, FX_EINPUT, "培训记录 %lld 已作废，不能关联计划", (long long)session_id);
    if (!rc)
        rc = store_get_text(db, "SELECT date FROM session WHERE id = ?1", STORE_ARGS(STORE_INT(session_id)), date,
                            sizeof date, err);
    if (!rc && atoi(date) != p.year)
        rc = fx_fail(err, FX_EINPUT, "培训记录 %lld 在 %.4s 年，计划项目 %lld 属于 %d 年计划，不能关联",
                     (long long)session_id, date, (long long)plan_id, p.year);
    if (!rc)
        rc = entity_refuse_closed(db, p.year, "关联计划", err);
    if (!rc)
        rc = write_link(db, session_id, plan_id, PLAN_HOW_HAND, err);
    return store_end(db, rc, err);
}

int plan_session_link(sqlite3 *db, int64_t session_id, int64_t *plan_id, char *how, struct fx_error *err)
{
    *plan_id = 0;
    if (how)
        how[0] = '\0';
    int rc = store_get_int(db, "SELECT plan_id FROM plan_link WHERE session_id = ?1",
                           STORE_ARGS(STORE_INT(session_id)), plan_id, err);
    if (!rc && how && *plan_id)
        rc = store_get_text(db, "SELECT how FROM plan_link WHERE session_id = ?1", STORE_ARGS(STORE_INT(session_id)),
                            how, 16, err);
    if (rc)
        *plan_id = 0;
    return rc;
}

int plan_item_sessions(sqlite3 *db, int64_t plan_id, struct plan_session *out, int max, int *n,
                       struct fx_error *err)
{
    *n = 0;
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "SELECT s.id, s.date, s.title, s.kind, s.category, s.hours, s.voided, l.how "
                           "FROM plan_link l JOIN session s ON s.id = l.session_id WHERE l.plan_id = ?1 "
                           "ORDER BY s.date, s.id",
                           &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, plan_id);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        struct plan_session *r = &out[(*n)++];
        memset(r, 0, sizeof *r);
        r->session_id = sqlite3_column_int64(st, 0);
        store_copy_column(r->date, sizeof r->date, st, 1);
        store_copy_column(r->title, sizeof r->title, st, 2);
        store_copy_column(r->kind, sizeof r->kind, st, 3);
        store_copy_column(r->category, sizeof r->category, st, 4);
        r->hours = sqlite3_column_double(st, 5);
        r->voided = sqlite3_column_int(st, 6);
        store_copy_column(r->how, sizeof r->how, st, 7);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE && s != SQLITE_ROW)
        return store_fail(db, s, err, "读取计划项目的培训记录");
    return 0;
}

/* The items the rule finds for session ?1: live, of its unit and year, due in a period holding its month, of its
 * kind and category, with no live session linked yet. */
#define AUTOLINK_SQL                                                                                                   \
    "SELECT count(*), ifnull(min(p.id), 0) FROM session s JOIN plan_item p ON p.unit_id = s.unit_id "                \
    "AND p.year = CAST(substr(s.date, 1, 4) AS INTEGER) "                                                             \
    "AND CAST(substr(s.date, 6, 2) AS INTEGER) BETWEEN p.month_first AND p.month_last "                               \
    "AND p.kind = s.kind AND p.category = s.category AND p.voided = 0 "                                               \
    "WHERE s.id = ?1 AND s.voided = 0 AND NOT EXISTS (SELECT 1 FROM plan_link k WHERE k.session_id = s.id) "          \
    "AND NOT EXISTS (SELECT 1 FROM plan_link l JOIN session x ON x.id = l.session_id "                                \
    "WHERE l.plan_id = p.id AND x.voided = 0)"

int plan_autolink_session(sqlite3 *db, int64_t session_id, int64_t *plan_id, struct fx_error *err)
{
    *plan_id = 0;
    /* A data folder whose schema stops before 7 (the migration tests' older programs) has no plan to link to. */
    bool planned = false;
    int rc = store_exists(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'plan_link'", STORE_NO_ARGS,
                          &planned, err);
    if (rc || !planned)
        return rc;
    sqlite3_stmt *st;
    rc = store_prepare(db, AUTOLINK_SQL, &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, session_id);
    int s = sqlite3_step(st);
    int64_t n = 0, id = 0;
    if (s == SQLITE_ROW) {
        n = sqlite3_column_int64(st, 0);
        id = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_ROW)
        return store_fail(db, s, err, "关联计划");
    if (n != 1)
        return 0;
    if ((rc = write_link(db, session_id, id, PLAN_HOW_AUTO, err)) == 0)
        *plan_id = id;
    return rc;
}

int plan_autolink_year(sqlite3 *db, int year, int *linked, struct fx_error *err)
{
    *linked = 0;
    char from[11], to[11];
    text_format(from, sizeof from, "%04d-01-01", year);
    text_format(to, sizeof to, "%04d-12-31", year);
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "SELECT s.id FROM session s WHERE s.date BETWEEN ?1 AND ?2 AND s.voided = 0 "
                           "AND NOT EXISTS (SELECT 1 FROM plan_link k WHERE k.session_id = s.id) ORDER BY s.date, s.id",
                           &st, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            int64_t *more = realloc(ids, ncap * sizeof *ids);
            if (!more) {
                s = SQLITE_NOMEM;
                break;
            }
            ids = more;
            cap = ncap;
        }
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE)
        rc = store_fail(db, s, err, "关联计划");
    for (size_t i = 0; !rc && i < n; i++) {
        int64_t plan_id;
        rc = plan_autolink_session(db, ids[i], &plan_id, err);
        if (!rc && plan_id)
            (*linked)++;
    }
    free(ids);
    return rc;
}

/* ---- plan against actual ---- */

const char *plan_state_label(int state)
{
    switch (state) {
    case PLAN_DONE: return "已完成";
    case PLAN_OVERDUE: return "逾期";
    default: return "未到期";
    }
}

double plan_rate(const struct plan_tally *t)
{
    return t->planned > 0 ? (double)t->done / (double)t->planned : 0;
}

void plan_progress_free(struct plan_progress *p)
{
    free(p->rows);
    p->rows = NULL;
    p->nrows = 0;
}

int plan_progress(sqlite3 *db, int year, const char *as_of, struct plan_progress *out, struct fx_error *err)
{
    return plan_progress_unit(db, year, 0, as_of, out, err);
}

int plan_progress_unit(sqlite3 *db, int year, int64_t unit_id, const char *as_of, struct plan_progress *out,
                       struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    if (as_of && *as_of) {
        text_copy(out->as_of, sizeof out->as_of, as_of);
    } else {
        struct fx_date d;
        date_today(&d);
        date_format(&d, out->as_of);
    }
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "SELECT " PLAN_COLS ", "
                           "(SELECT count(*) FROM plan_link l JOIN session s ON s.id = l.session_id "
                           " WHERE l.plan_id = p.id AND s.voided = 0), "
                           "(SELECT s.id FROM plan_link l JOIN session s ON s.id = l.session_id "
                           " WHERE l.plan_id = p.id AND s.voided = 0 ORDER BY s.date, s.id LIMIT 1), "
                           "(SELECT s.date FROM plan_link l JOIN session s ON s.id = l.session_id "
                           " WHERE l.plan_id = p.id AND s.voided = 0 ORDER BY s.date, s.id LIMIT 1) "
                           "FROM plan_item p WHERE p.year = ?1 AND (?2 = 0 OR p.unit_id = ?2) "
                           "ORDER BY p.month_last, p.month_first, p.id",
                           &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int(st, 1, year);
    sqlite3_bind_int64(st, 2, unit_id);
    int s, cap = 0;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_int(st, 14)) {
            out->voided++;
            continue;
        }
        if (out->nrows == cap) {
            int ncap = cap ? cap * 2 : 32;
            struct plan_row *more = realloc(out->rows, (size_t)ncap * sizeof *more);
            if (!more) {
                s = SQLITE_NOMEM;
                break;
            }
            out->rows = more;
            cap = ncap;
        }
        struct plan_row *r = &out->rows[out->nrows++];
        memset(r, 0, sizeof *r);
        read_item(st, &r->item);
        r->sessions = sqlite3_column_int(st, 16);
        r->session_id = sqlite3_column_int64(st, 17);
        store_copy_column(r->session_date, sizeof r->session_date, st, 18);
        /* Overdue once the last day of its last month is before the as-of date. */
        char end[16];
        text_format(end, sizeof end, "%04d-%02d-%02d", year, r->item.month_last,
                    date_days_in_month(year, r->item.month_last));
        r->state = r->sessions > 0 ? PLAN_DONE : strcmp(end, out->as_of) < 0 ? PLAN_OVERDUE : PLAN_PENDING;
        struct plan_tally *t[2] = {&out->month[0], &out->month[r->item.month_last]};
        for (int i = 0; i < 2; i++) {
            t[i]->planned++;
            if (r->state == PLAN_DONE)
                t[i]->done++;
            else if (r->state == PLAN_OVERDUE)
                t[i]->overdue++;
            else
                t[i]->pending++;
        }
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE) {
        plan_progress_free(out);
        return store_fail(db, s, err, "读取年度计划");
    }
    return 0;
}

/* ---- the plan against a standard ---- */

static bool filter_has(const struct std_filter *f, const char *word)
{
    if (f->n == 0)
        return true;
    for (int i = 0; i < f->n; i++)
        if (!strcmp(f->word[i], word))
            return true;
    return false;
}

int plan_check_standard(sqlite3 *db, int year, const struct standard *std, struct plan_check *out,
                        struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    out->ok = true;
    struct plan_progress pr;
    int rc = plan_progress(db, year, NULL, &pr, err);
    if (rc)
        return rc;
    out->items = pr.nrows;
    for (int i = 0; std && i < std->nitems && out->nrules < PLAN_RULES_MAX; i++) {
        const struct std_item *it = &std->items[i];
        if (it->evidence != STD_LEDGER)
            continue;
        struct plan_rule *r = &out->rule[out->nrules++];
        text_copy(r->title, sizeof r->title, it->title);
        int per_month[13] = {0};
        for (int k = 0; k < pr.nrows; k++) {
            const struct plan_item *p = &pr.rows[k].item;
            if (filter_has(&it->kinds, p->kind) && filter_has(&it->categories, p->category)) {
                per_month[p->month_last]++;
                r->found++;
            }
        }
        r->required = it->min;
        r->met = r->found >= it->min;
        if (it->every > 0 && it->every <= 12) {
            int windows = 12 / it->every;
            if (windows * it->min_each > r->required)
                r->required = windows * it->min_each;
            size_t used = 0;
            for (int w = 0; w < windows; w++) {
                int a = w * it->every + 1, b = a + it->every - 1, n = 0;
                for (int m = a; m <= b; m++)
                    n += per_month[m];
                if (n >= it->min_each)
                    continue;
                r->met = false;
                char label[32];
                plan_format_months(a, b, label, sizeof label);
                text_format(r->gaps + used, sizeof r->gaps - used, "%s%s", used ? "、" : "", label);
                used = strlen(r->gaps);
            }
        }
        if (!r->met)
            out->ok = false;
    }
    plan_progress_free(&pr);
    return 0;
}

/* ---- 建账 ---- */

int plan_year_opened(sqlite3 *db, int year, bool *opened, char *opened_at, char *by, struct fx_error *err)
{
    *opened = false;
    char at[32] = "";
    int rc = store_get_text(db, "SELECT opened_at FROM year_open WHERE year = ?1", STORE_ARGS(STORE_INT(year)), at,
                            sizeof at, err);
    if (rc)
        return rc;
    *opened = at[0] != '\0';
    if (opened_at)
        text_copy(opened_at, 21, at);
    if (by && *opened)
        rc = store_get_text(db, "SELECT opened_by FROM year_open WHERE year = ?1", STORE_ARGS(STORE_INT(year)), by,
                            160, err);
    return rc;
}

void plan_rule_describe(const struct plan_rule *r, char *out, size_t outsz)
{
    if (r->met)
        text_format(out, outsz, "符合    %s：计划 %d 项", r->title, r->found);
    else if (r->gaps[0])
        text_format(out, outsz, "不符合  %s：计划 %d 项，未覆盖 %s", r->title, r->found, r->gaps);
    else
        text_format(out, outsz, "不符合  %s：计划 %d 项，应不少于 %d 项", r->title, r->found, r->required);
}

/* The check in one line, for year_open.result and the audit record. */
static void check_summary(const struct plan_check *c, char *out, size_t outsz)
{
    size_t used = 0;
    text_format(out, outsz, "计划 %d 项；%s", c->items, c->ok ? "符合计划规则" : "不符合：");
    used = strlen(out);
    bool firstgap = true;
    for (int i = 0; i < c->nrules && used + 1 < outsz; i++) {
        const struct plan_rule *r = &c->rule[i];
        if (r->met)
            continue;
        if (r->gaps[0])
            text_format(out + used, outsz - used, "%s%s（未覆盖 %s）", firstgap ? "" : "；", r->title, r->gaps);
        else
            text_format(out + used, outsz - used, "%s%s（计划 %d，应不少于 %d）", firstgap ? "" : "；", r->title,
                        r->found, r->required);
        firstgap = false;
        used = strlen(out);
    }
}

/* 建账 copies the standing settings of the year before: its funds budgets (funds_budget, the only per-year
 * setting the ledger keeps), each source the new year has no budget for, audited as funds_budget_set audits. */
static int copy_budgets(sqlite3 *db, int year, struct plan_check *check, struct fx_error *err)
{
    struct {
        char source[FX_TEXT_BYTES(FX_WORD_CHARS)];
        int64_t amount;
    } rows[32];
    int n = 0;
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "SELECT b.source, b.amount FROM funds_budget b WHERE b.year = ?1 - 1 AND NOT EXISTS "
                           "(SELECT 1 FROM funds_budget c WHERE c.year = ?1 AND c.source = b.source) ORDER BY b.source",
                           &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int(st, 1, year);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW && n < 32) {
        store_copy_column(rows[n].source, sizeof rows[n].source, st, 0);
        rows[n].amount = sqlite3_column_int64(st, 1);
        n++;
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE && s != SQLITE_ROW)
        return store_fail(db, s, err, "读取上一年的经费预算");
    for (int i = 0; i < n && !rc; i++) {
        char key[128], after[256];
        text_format(key, sizeof key, "%d/%s", year, rows[i].source);
        rc = store_run(db, "INSERT INTO funds_budget (year, source, amount) VALUES (?1, ?2, ?3)",
                       STORE_ARGS(STORE_INT(year), STORE_TEXT(rows[i].source), STORE_INT(rows[i].amount)), err);
        if (!rc)
            rc = store_get_text(db, "SELECT json_object('year', ?1, 'source', ?2, 'amount', ?3, 'copied_from', ?1 - 1)",
                                STORE_ARGS(STORE_INT(year), STORE_TEXT(rows[i].source), STORE_INT(rows[i].amount)),
                                after, sizeof after, err);
        if (!rc)
            rc = store_audit(db, "insert", "funds_budget", key, NULL, after, err);
        if (!rc)
            check->budgets_copied++;
    }
    return rc;
}

int plan_open_year(sqlite3 *db, int year, const struct standard *std, struct plan_check *check,
                   struct fx_error *err)
{
    memset(check, 0, sizeof *check);
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    rc = entity_refuse_closed(db, year, "建账", err);
    bool opened = false;
    char at[32] = "", by[160] = "";
    if (!rc)
        rc = plan_year_opened(db, year, &opened, at, by, err);
    if (!rc && opened)
        rc = fx_fail(err, FX_NO, "%d 年已于 %s 由 %s 建账，不必再建；计划对照请用 fenxiao plan list %d", year, at, by,
                     year);
    if (!rc)
        rc = plan_check_standard(db, year, std, check, err);
    if (!rc)
        rc = copy_budgets(db, year, check, err);
    char summary[1024];
    check_summary(check, summary, sizeof summary);
    if (!rc)
        rc = store_run(db, "INSERT INTO year_open (year, opened_by, result) VALUES (?1, ?2, ?3)",
                       STORE_ARGS(STORE_INT(year), STORE_TEXT(store_actor()), STORE_TEXT(summary)), err);
    char after[2048] = "";
    if (!rc)
        rc = store_get_text(db,
                            "SELECT json_object('year', year, 'opened_at', opened_at, 'opened_by', opened_by, "
                            "'plan_items', ?2, 'standard', ?3, 'result', result, 'budgets_copied', ?4) FROM year_open WHERE year = ?1",
                            STORE_ARGS(STORE_INT(year), STORE_INT(check->items), STORE_TEXT(std ? std->id : ""),
                                       STORE_INT(check->budgets_copied)),
                            after, sizeof after, err);
    if (!rc)
        rc = store_audit(db, "open-year", "year", "", NULL, after, err);
    return store_end(db, rc, err);
}
