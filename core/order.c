/* order.c — ordering (点单) from the course menu: place, schedule, cancel, list, deliver as a session.
 * Every change is one transaction with an audit record, or a savepoint inside the caller's. */
#include "order.h"

#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "date.h"
#include "entity.h"
#include "store.h"
#include "text.h"
#include "vocab.h"

static void today_text(char out[11])
{
    struct fx_date d;
    date_today(&d);
    date_format(&d, out);
}

#define ORDER_JSON "SELECT * FROM course_order WHERE id = ?"

#define ORDER_COLS                                                                                                     \
    "o.id, o.uuid, o.course_id, o.branch_id, o.wanted_date, o.state, o.sched_date, ifnull(o.teacher_id, 0), "          \
    "ifnull(o.venue_id, 0), ifnull(o.session_id, 0), o.note, c.title, b.name, ifnull(t.name, ''), ifnull(v.name, '') "
#define ORDER_FROM                                                                                                     \
    "FROM course_order o JOIN course c ON c.id = o.course_id JOIN branch b ON b.id = o.branch_id "                     \
    "LEFT JOIN teacher t ON t.id = o.teacher_id LEFT JOIN venue v ON v.id = o.venue_id "
/* Scheduled for a day before today (the parameter named) and not delivered: what o->overdue says of a row. */
#define ORDER_OVERDUE(today) "(o.state = '" ORDER_SCHEDULED "' AND o.sched_date <> '' AND o.sched_date < " today ")"

/* The columns of ORDER_COLS, in order. */
static const struct entity_col order_cols[] = {
    ENTITY_COL(struct course_order, id),          ENTITY_COL(struct course_order, uuid),
    ENTITY_COL(struct course_order, course_id),   ENTITY_COL(struct course_order, branch_id),
    ENTITY_COL(struct course_order, wanted_date), ENTITY_COL(struct course_order, state),
    ENTITY_COL(struct course_order, sched_date),  ENTITY_REF(struct course_order, teacher_id),
    ENTITY_REF(struct course_order, venue_id),    ENTITY_REF(struct course_order, session_id),
    ENTITY_COL(struct course_order, note),        ENTITY_COL(struct course_order, course),
    ENTITY_COL(struct course_order, branch),      ENTITY_COL(struct course_order, teacher),
    ENTITY_COL(struct course_order, venue),
};

static void read_order(sqlite3_stmt *st, void *row)
{
    struct course_order *o = row;
    entity_read_cols(st, 0, order_cols, ENTITY_NCOLS(order_cols), o);
    char today[11];
    today_text(today);
    /* As ORDER_OVERDUE: the dates are ISO text, so they compare as strings. */
    o->overdue = !strcmp(o->state, ORDER_SCHEDULED) && o->sched_date[0] && strcmp(o->sched_date, today) < 0;
}

int order_get(sqlite3 *db, int64_t id, struct course_order *o, struct fx_error *err)
{
    return entity_get(db, "SELECT " ORDER_COLS ORDER_FROM "WHERE o.id = ?1", id, read_order, o, "点单", err);
}

static int check_date(const char *date, const char *field, const char *what, struct fx_error *err)
{
    struct fx_date d;
    struct fx_error why;
    fx_clear(&why);
    if (date_parse(date, &d, &why))
        return fx_fail_field(err, FX_EINPUT, field, "%s：%s", what, why.msg);
    return 0;
}

int order_place(sqlite3 *db, struct course_order *o, struct fx_error *err)
{
    if (o->id)
        return fx_fail(err, FX_EINPUT, "点单 %lld 已存在，不能重复下单", (long long)o->id);
    struct course c;
    if (course_get(db, o->course_id, &c, NULL))
        return fx_fail_field(err, FX_EINPUT, "course", "课程不存在（编号 %lld）", (long long)o->course_id);
    if (c.retired)
        return fx_fail_field(err, FX_EINPUT, "course", "课程《%s》已停用，不能再点单", c.title);
    bool found;
    int rc = store_exists(db, "SELECT 1 FROM branch WHERE id = ?1 AND active = 1", STORE_ARGS(STORE_INT(o->branch_id)),
                          &found, err);
    if (rc)
        return rc;
    if (!found)
        return fx_fail_field(err, FX_EINPUT, "branch", "点单的党组织不存在（编号 %lld）", (long long)o->branch_id);
    if (o->wanted_date[0] && check_date(o->wanted_date, "wanted_date", "希望日期", err))
        return FX_EINPUT;
    if (text_check_field(err, "note", "备注", o->note, FX_LINE_CHARS, 0))
        return FX_EINPUT;
    static const struct entity_col placed[] = {
        ENTITY_COL(struct course_order, course_id), ENTITY_COL(struct course_order, branch_id),
        ENTITY_COL(struct course_order, wanted_date), ENTITY_COL(struct course_order, note)};
    o->uuid[0] = '\0'; /* a new order always gets a new uuid */
    rc = entity_save(db, "course_order", "点单",
                     "INSERT INTO course_order (uuid, course_id, branch_id, wanted_date, state, note) "
                     "VALUES (:uuid, ?2, ?3, ?4, '" ORDER_PLACED "', ?5)",
                     ORDER_JSON, placed, ENTITY_NCOLS(placed), o, &o->id, o->uuid, err);
    if (!rc)
        text_copy(o->state, sizeof o->state, ORDER_PLACED);
    return rc;
}

/* Read the state of an order for a transition; fails with a message naming the state. */
static int order_for_change(sqlite3 *db, int64_t id, struct course_order *o, const char *action, struct fx_error *err)
{
    int rc = order_get(db, id, o, err);
    if (rc)
        return rc;
    if (!strcmp(o->state, ORDER_DONE))
        return fx_fail(err, FX_EINPUT, "点单 %lld 已完成（培训记录 %lld），不能再%s", (long long)id,
                       (long long)o->session_id, action);
    if (!strcmp(o->state, ORDER_CANCELLED))
        return fx_fail(err, FX_EINPUT, "点单 %lld 已取消，不能再%s", (long long)id, action);
    return 0;
}

/* Write o's state (state), schedule and note as one audited update. */
static int update_order(sqlite3 *db, struct course_order *o, const char *state, struct fx_error *err)
{
    static const struct entity_col changed[] = {
        ENTITY_COL(struct course_order, state), ENTITY_COL(struct course_order, sched_date),
        ENTITY_REF(struct course_order, teacher_id), ENTITY_REF(struct course_order, venue_id),
        ENTITY_COL(struct course_order, note)};
    text_copy(o->state, sizeof o->state, state);
    return entity_save(db, "course_order", "点单",
                       "UPDATE course_order SET state = ?2, sched_date = ?3, teacher_id = ?4, venue_id = ?5, "
                       "note = ?6, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                       ORDER_JSON, changed, ENTITY_NCOLS(changed), o, &o->id, o->uuid, err);
}

int order_schedule(sqlite3 *db, int64_t id, const char *date, int64_t teacher_id, int64_t venue_id,
                   struct fx_error *err)
{
    if (!date || !date[0])
        return fx_fail_field(err, FX_EINPUT, "sched_date", "排课必须确定日期");
    if (check_date(date, "sched_date", "排课日期", err))
        return FX_EINPUT;
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    struct course_order o;
    struct course c;
    if ((rc = order_for_change(db, id, &o, "排课", err)) == 0 && (rc = course_get(db, o.course_id, &c, err)) == 0) {
        text_copy(o.sched_date, sizeof o.sched_date, date);
        o.teacher_id = teacher_id ? teacher_id : c.teacher_id;
        o.venue_id = venue_id ? venue_id : c.venue_id;
        bool teacher = false, venue = true;
        if (!o.teacher_id)
            rc = fx_fail_field(err, FX_EINPUT, "teacher", "排课必须确定授课教师（课程《%s》没有默认教师）", c.title);
        if (!rc)
            rc = store_exists(db, "SELECT 1 FROM teacher WHERE id = ?1 AND active = 1",
                              STORE_ARGS(STORE_INT(o.teacher_id)), &teacher, err);
        if (!rc && o.venue_id)
            rc = store_exists(db, "SELECT 1 FROM venue WHERE id = ?1 AND active = 1", STORE_ARGS(STORE_INT(o.venue_id)),
                              &venue, err);
        if (!rc && !teacher)
            rc = fx_fail_field(err, FX_EINPUT, "teacher", "教师不存在（编号 %lld）", (long long)o.teacher_id);
        else if (!rc && !venue)
            rc = fx_fail_field(err, FX_EINPUT, "venue", "场地不存在（编号 %lld）", (long long)o.venue_id);
        else if (!rc)
            rc = update_order(db, &o, ORDER_SCHEDULED, err);
    }
    return store_end(db, rc, err);
}

int order_cancel(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err)
{
    char why[FX_TEXT_BYTES(FX_WHY_CHARS)];
    if (text_check_field(err, "reason", "取消原因", reason ? reason : "", FX_WHY_CHARS, 0))
        return FX_EINPUT;
    text_copy(why, sizeof why, reason ? reason : "");
    text_trim(why);
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    struct course_order o;
    if ((rc = order_for_change(db, id, &o, "取消", err)) == 0) {
        if (why[0]) {
            char note[sizeof o.note];
            text_format(note, sizeof note, "%s%s取消原因：%s", o.note, o.note[0] ? "；" : "", why);
            memcpy(o.note, note, sizeof o.note);
        }
        rc = update_order(db, &o, ORDER_CANCELLED, err);
    }
    return store_end(db, rc, err);
}

int order_page(sqlite3 *db, const struct order_filter *f, int64_t after_id, struct course_order *rows, int max,
               struct fx_error *err)
{
    static const struct order_filter none;
    if (!f)
        f = &none;
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT " ORDER_COLS ORDER_FROM
                      "WHERE (?1 = '' OR o.state = ?1) AND (?2 = 0 OR o.branch_id = ?2) "
                      "AND (?3 = 0 OR " ORDER_OVERDUE("?9") ") "
                                                            "AND (?4 = 0 OR o.id < ?4) ORDER BY o.id DESC LIMIT ?5",
                      &st, err))
        return -1;
    char today[11];
    today_text(today);
    entity_bind_text(st, 1, f->state);
    sqlite3_bind_int64(st, 2, f->branch_id);
    sqlite3_bind_int(st, 3, f->overdue_only ? 1 : 0);
    sqlite3_bind_int64(st, 4, after_id);
    sqlite3_bind_int(st, 5, max);
    entity_bind_text(st, 9, today);
    return entity_read_rows(db, st, read_order, rows, sizeof *rows, max, "读取点单", err);
}

int64_t order_count_overdue(sqlite3 *db)
{
    char today[11];
    today_text(today);
    int64_t n = -1;
    if (store_get_int(db, "SELECT count(*) FROM course_order o WHERE " ORDER_OVERDUE("?1"),
                      STORE_ARGS(STORE_TEXT(today)), &n, NULL))
        return -1;
    return n;
}

int order_to_session(sqlite3 *db, int64_t order_id, struct session *s, struct fx_error *err)
{
    memset(s, 0, sizeof *s);
    struct course_order o;
    struct course c;
    int rc = order_for_change(db, order_id, &o, "交付", err);
    if (rc)
        return rc;
    /* The record kinds that name a format (专题党课, 现场教学) are what the
     * checklists count; any other delivered course is a class (培训班). */
    bool format_is_kind;
    if ((rc = course_get(db, o.course_id, &c, err)) != 0 ||
        (rc = vocab_has(db, "kind", c.format, &format_is_kind, err)) != 0)
        return rc;
    s->branches = malloc(sizeof *s->branches);
    if (!s->branches)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    s->branches[0] = o.branch_id;
    s->nbranches = 1;
    if (o.sched_date[0])
        text_copy(s->date, sizeof s->date, o.sched_date);
    else if (o.wanted_date[0])
        text_copy(s->date, sizeof s->date, o.wanted_date);
    else
        today_text(s->date);
    text_copy(s->title, sizeof s->title, c.title);
    text_copy(s->category, sizeof s->category, c.category);
    text_copy(s->format, sizeof s->format, c.format);
    text_copy(s->kind, sizeof s->kind, format_is_kind ? c.format : "培训班");
    s->course_id = c.id;
    s->teacher_id = o.teacher_id ? o.teacher_id : c.teacher_id;
    s->venue_id = o.venue_id ? o.venue_id : c.venue_id;
    s->order_id = o.id;
    s->hours = c.hours;
    return 0;
}
