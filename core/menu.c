/* menu.c — the course menu (培训菜单) and ordering (点单) from it.
 * Every change is one transaction with an audit record, or a savepoint inside the caller's. */
#include "menu.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "store.h"
#include "text.h"
#include "vocab.h"

static void today_text(char out[11])
{
    struct fx_date d;
    date_today(&d);
    date_format(&d, out);
}

/* Titles are often typed with the book-title marks; the menu stores the bare title. */
static void strip_title_marks(char *title)
{
    static const char open[] = "《", close[] = "》";
    text_trim(title);
    size_t n = strlen(title), lo = sizeof open - 1, lc = sizeof close - 1;
    if (n >= lo + lc && !strncmp(title, open, lo) && !strcmp(title + n - lc, close)) {
        title[n - lc] = '\0';
        memmove(title, title + lo, n - lc - lo + 1);
        text_trim(title);
    }
}

static int audit_row(sqlite3 *db, const char *entity, const char *sql, int64_t id, const char *uuid, char *before,
                     struct fx_error *err)
{
    char *after = store_row_json(db, sql, id);
    int rc = store_audit(db, before ? "update" : "insert", entity, uuid, before, after, err);
    sqlite3_free(after);
    return rc;
}

#define COURSE_JSON "SELECT * FROM course WHERE id = ?"
#define ORDER_JSON  "SELECT * FROM course_order WHERE id = ?"

int menu_validate_course(sqlite3 *db, const struct course *c, struct fx_error *err)
{
    char title[sizeof c->title];
    snprintf(title, sizeof title, "%s", c->title);
    strip_title_marks(title);
    if (!title[0])
        return fx_fail_field(err, FX_EINPUT, "title", "课程名称不能为空");
    if (!text_valid_utf8(c->title, strlen(c->title)) || !text_valid_utf8(c->module, strlen(c->module)) ||
        !text_valid_utf8(c->description, strlen(c->description)))
        return fx_fail_field(err, FX_EINPUT, "title", "课程信息含有无效字符");
    if (!vocab_has(db, "category", c->category))
        return fx_fail_field(err, FX_EINPUT, "category", "未知的内容类别：%s（应为七类之一）", c->category);
    if (!vocab_has(db, "format", c->format))
        return fx_fail_field(err, FX_EINPUT, "format", "未知的培训形式：%s", c->format);
    if (!(c->hours >= 0 && c->hours <= 24) || isnan(c->hours))
        return fx_fail_field(err, FX_EINPUT, "hours", "学时应在 0 到 24 之间");
    /* A failed query is the ledger's error, never "does not exist". */
    bool found = true;
    int rc;
    if (c->teacher_id && (rc = store_exists(db, "SELECT 1 FROM teacher WHERE id = ?1",
                                            STORE_ARGS(STORE_INT(c->teacher_id)), &found, err)) != 0)
        return rc;
    if (!found)
        return fx_fail_field(err, FX_EINPUT, "teacher", "教师不存在（编号 %lld）", (long long)c->teacher_id);
    if (c->venue_id && (rc = store_exists(db, "SELECT 1 FROM venue WHERE id = ?1", STORE_ARGS(STORE_INT(c->venue_id)),
                                          &found, err)) != 0)
        return rc;
    if (!found)
        return fx_fail_field(err, FX_EINPUT, "venue", "场地不存在（编号 %lld）", (long long)c->venue_id);
    return 0;
}

int menu_save_course(sqlite3 *db, struct course *c, struct fx_error *err)
{
    if (menu_validate_course(db, c, err))
        return FX_EINPUT;
    strip_title_marks(c->title);
    text_trim(c->module);
    char uuid[37];
    snprintf(uuid, sizeof uuid, "%s", c->uuid);
    if (!c->id && !uuid[0])
        store_uuid(uuid);
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    char *before = NULL;
    if (c->id) {
        before = store_row_json(db, COURSE_JSON, c->id);
        if (!before) {
            rc = fx_fail(err, FX_ENOTFOUND, "找不到编号为 %lld 的课程", (long long)c->id);
            return store_end(db, rc, err);
        }
    }
    sqlite3_stmt *st;
    const char *sql =
        c->id ? "UPDATE course SET title=?2, category=?3, module=?4, format=?5, teacher_id=?6, venue_id=?7, hours=?8, "
                "description=?9, featured=?10, updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1"
              : "INSERT INTO course (title, category, module, format, teacher_id, venue_id, hours, description, "
                "featured, "
                "uuid, unit_id) VALUES (?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)";
    int64_t id = c->id;
    if ((rc = store_prepare(db, sql, &st, err)) == 0) {
        if (id)
            sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, c->title, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, c->category, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, c->module, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, c->format, -1, SQLITE_STATIC);
        if (c->teacher_id)
            sqlite3_bind_int64(st, 6, c->teacher_id);
        if (c->venue_id)
            sqlite3_bind_int64(st, 7, c->venue_id);
        sqlite3_bind_double(st, 8, c->hours);
        sqlite3_bind_text(st, 9, c->description, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 10, c->featured ? 1 : 0);
        if (!id) {
            sqlite3_bind_text(st, 11, uuid, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 12, store_unit_id(db));
        }
        int s = sqlite3_step(st);
        sqlite3_finalize(st);
        if (s != SQLITE_DONE)
            rc = store_fail(db, s, err, "保存课程");
        else if (!id)
            id = sqlite3_last_insert_rowid(db);
    }
    if (!rc && c->id) {
        /* An update keeps the stored uuid whatever the caller's struct says. */
        rc = store_get_text(db, "SELECT uuid FROM course WHERE id = ?1", STORE_ARGS(STORE_INT(id)), uuid, sizeof uuid,
                            err);
    }
    if (!rc)
        rc = audit_row(db, "course", COURSE_JSON, id, uuid, before, err);
    sqlite3_free(before);
    rc = store_end(db, rc, err);
    if (!rc) {
        c->id = id;
        snprintf(c->uuid, sizeof c->uuid, "%s", uuid);
    }
    return rc;
}

#define COURSE_COLS                                                                                                    \
    "c.id, c.uuid, c.title, c.category, c.module, c.format, ifnull(c.teacher_id, 0), ifnull(c.venue_id, 0), "          \
    "c.hours, c.description, c.featured, c.retired, ifnull(t.name, ''), ifnull(v.name, ''), "                          \
    "ifnull(k.ord, 1000000) "
#define COURSE_FROM                                                                                                    \
    "FROM course c LEFT JOIN vocab k ON k.kind = 'category' AND k.name = c.category "                                  \
    "LEFT JOIN teacher t ON t.id = c.teacher_id LEFT JOIN venue v ON v.id = c.venue_id "

static void read_course(sqlite3_stmt *st, struct course *c)
{
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    store_copy_column(c->uuid, sizeof c->uuid, st, 1);
    store_copy_column(c->title, sizeof c->title, st, 2);
    store_copy_column(c->category, sizeof c->category, st, 3);
    store_copy_column(c->module, sizeof c->module, st, 4);
    store_copy_column(c->format, sizeof c->format, st, 5);
    c->teacher_id = sqlite3_column_int64(st, 6);
    c->venue_id = sqlite3_column_int64(st, 7);
    c->hours = sqlite3_column_double(st, 8);
    store_copy_column(c->description, sizeof c->description, st, 9);
    c->featured = sqlite3_column_int(st, 10);
    c->retired = sqlite3_column_int(st, 11);
    store_copy_column(c->teacher, sizeof c->teacher, st, 12);
    store_copy_column(c->venue, sizeof c->venue, st, 13);
    c->category_ord = sqlite3_column_int(st, 14);
}

int menu_get_course(sqlite3 *db, int64_t id, struct course *c, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db, "SELECT " COURSE_COLS COURSE_FROM "WHERE c.id = ?", &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_course(st, c);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : fx_fail(err, FX_ENOTFOUND, "找不到编号为 %lld 的课程", (long long)id);
}

static int set_retired(sqlite3 *db, int64_t id, int retired, struct fx_error *err)
{
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    char *before = store_row_json(db, COURSE_JSON, id);
    char uuid[37] = "";
    sqlite3_stmt *st;
    if (!before) {
        rc = fx_fail(err, FX_ENOTFOUND, "找不到编号为 %lld 的课程", (long long)id);
    } else if ((rc = store_prepare(db, "SELECT uuid, retired FROM course WHERE id = ?", &st, err)) == 0) {
        sqlite3_bind_int64(st, 1, id);
        int was = -1;
        if (sqlite3_step(st) == SQLITE_ROW) {
            store_copy_column(uuid, sizeof uuid, st, 0);
            was = sqlite3_column_int(st, 1);
        }
        sqlite3_finalize(st);
        if (was == retired)
            rc =
                fx_fail(err, FX_EINPUT, retired ? "课程 %lld 已经停用" : "课程 %lld 没有停用，无需恢复", (long long)id);
    }
    if (!rc && (rc = store_prepare(db,
                                   "UPDATE course SET retired = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
                                   "WHERE id = ?1",
                                   &st, err)) == 0) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, retired);
        int s = sqlite3_step(st);
        sqlite3_finalize(st);
        if (s != SQLITE_DONE)
            rc = store_fail(db, s, err, retired ? "停用课程" : "恢复课程");
    }
    if (!rc) {
        char *after = store_row_json(db, COURSE_JSON, id);
        rc = store_audit(db, retired ? "retire" : "restore", "course", uuid, before, after, err);
        sqlite3_free(after);
    }
    sqlite3_free(before);
    return store_end(db, rc, err);
}

int menu_retire_course(sqlite3 *db, int64_t id, struct fx_error *err)
{
    return set_retired(db, id, 1, err);
}

int menu_restore_course(sqlite3 *db, int64_t id, struct fx_error *err)
{
    return set_retired(db, id, 0, err);
}

#define COURSE_WHERE                                                                                                   \
    "WHERE (?1 = '' OR c.category = ?1) AND (?2 = '' OR fx_match(c.title, ?2) OR fx_match(c.module, ?2) "              \
    "OR fx_match(ifnull(t.name, ''), ?2)) AND (?3 = 1 OR c.retired = 0) "

int menu_course_page(sqlite3 *db, const struct menu_filter *f, const struct course *after, int backward,
                     struct course *rows, int max, struct fx_error *err)
{
    static const struct menu_filter none;
    if (!f)
        f = &none;
    const char *sql = backward ? "SELECT " COURSE_COLS COURSE_FROM COURSE_WHERE
                                 "AND (?7 = 0 OR (ifnull(k.ord, 1000000), c.module, c.title, c.id) < (?4, ?5, ?6, ?7)) "
                                 "ORDER BY ifnull(k.ord, 1000000) DESC, c.module DESC, c.title DESC, c.id DESC LIMIT ?8"
                               : "SELECT " COURSE_COLS COURSE_FROM COURSE_WHERE
                                 "AND (?7 = 0 OR (ifnull(k.ord, 1000000), c.module, c.title, c.id) > (?4, ?5, ?6, ?7)) "
                                 "ORDER BY ifnull(k.ord, 1000000), c.module, c.title, c.id LIMIT ?8";
    sqlite3_stmt *st;
    if (store_prepare(db, sql, &st, err))
        return -1;
    sqlite3_bind_text(st, 1, f->category, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, f->query, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, f->include_retired ? 1 : 0);
    sqlite3_bind_int(st, 4, after ? after->category_ord : 0);
    sqlite3_bind_text(st, 5, after ? after->module : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, after ? after->title : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, after ? after->id : 0);
    sqlite3_bind_int(st, 8, max);
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW)
        read_course(st, &rows[n++]);
    sqlite3_finalize(st);
    if (backward) {
        for (int i = 0; i < n / 2; i++) {
            struct course tmp = rows[i];
            rows[i] = rows[n - 1 - i];
            rows[n - 1 - i] = tmp;
        }
    }
    return n;
}

int menu_category_counts(sqlite3 *db, struct menu_count *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT k.name, "
                      "(SELECT count(*) FROM course c WHERE c.category = k.name AND c.retired = 0), "
                      "(SELECT count(*) FROM course c WHERE c.category = k.name AND c.retired = 0 AND c.featured = 1), "
                      "(SELECT count(*) FROM course c WHERE c.category = k.name AND c.retired = 1) "
                      "FROM vocab k WHERE k.kind = 'category' ORDER BY k.ord, k.name",
                      &st, err))
        return -1;
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        struct menu_count *r = &rows[n++];
        store_copy_column(r->category, sizeof r->category, st, 0);
        r->courses = sqlite3_column_int(st, 1);
        r->featured = sqlite3_column_int(st, 2);
        r->retired = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    return n;
}

void menu_counts_total(const struct menu_count *rows, int n, struct menu_count *total)
{
    memset(total, 0, sizeof *total);
    snprintf(total->category, sizeof total->category, "%s", "合计");
    for (int i = 0; i < n; i++) {
        total->courses += rows[i].courses;
        total->featured += rows[i].featured;
        total->retired += rows[i].retired;
    }
}

/* Orders: ?9 is always today, so every read can say whether a row is overdue. */
#define ORDER_COLS                                                                                                     \
    "o.id, o.uuid, o.course_id, o.branch_id, o.wanted_date, o.state, o.sched_date, ifnull(o.teacher_id, 0), "          \
    "ifnull(o.venue_id, 0), ifnull(o.session_id, 0), o.note, c.title, b.name, ifnull(t.name, ''), "                    \
    "ifnull(v.name, ''), (o.state = '" ORDER_SCHEDULED "' AND o.sched_date <> '' AND o.sched_date < ?9) "
#define ORDER_FROM                                                                                                     \
    "FROM course_order o JOIN course c ON c.id = o.course_id JOIN branch b ON b.id = o.branch_id "                     \
    "LEFT JOIN teacher t ON t.id = o.teacher_id LEFT JOIN venue v ON v.id = o.venue_id "

static void read_order(sqlite3_stmt *st, struct course_order *o)
{
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(st, 0);
    store_copy_column(o->uuid, sizeof o->uuid, st, 1);
    o->course_id = sqlite3_column_int64(st, 2);
    o->branch_id = sqlite3_column_int64(st, 3);
    store_copy_column(o->wanted_date, sizeof o->wanted_date, st, 4);
    store_copy_column(o->state, sizeof o->state, st, 5);
    store_copy_column(o->sched_date, sizeof o->sched_date, st, 6);
    o->teacher_id = sqlite3_column_int64(st, 7);
    o->venue_id = sqlite3_column_int64(st, 8);
    o->session_id = sqlite3_column_int64(st, 9);
    store_copy_column(o->note, sizeof o->note, st, 10);
    store_copy_column(o->course, sizeof o->course, st, 11);
    store_copy_column(o->branch, sizeof o->branch, st, 12);
    store_copy_column(o->teacher, sizeof o->teacher, st, 13);
    store_copy_column(o->venue, sizeof o->venue, st, 14);
    o->overdue = sqlite3_column_int(st, 15);
}

int menu_get_order(sqlite3 *db, int64_t id, struct course_order *o, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db, "SELECT " ORDER_COLS ORDER_FROM "WHERE o.id = ?1", &st, err))
        return FX_EINTERNAL;
    char today[11];
    today_text(today);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 9, today, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_order(st, o);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : fx_fail(err, FX_ENOTFOUND, "找不到编号为 %lld 的点单", (long long)id);
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

int menu_place_order(sqlite3 *db, struct course_order *o, struct fx_error *err)
{
    if (o->id)
        return fx_fail(err, FX_EINPUT, "点单 %lld 已存在，不能重复下单", (long long)o->id);
    struct course c;
    if (menu_get_course(db, o->course_id, &c, NULL))
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
    if (!text_valid_utf8(o->note, strlen(o->note)))
        return fx_fail_field(err, FX_EINPUT, "note", "备注含有无效字符");
    char uuid[37];
    store_uuid(uuid);
    rc = store_begin(db, err);
    if (rc)
        return rc;
    sqlite3_stmt *st;
    int64_t id = 0;
    if ((rc = store_prepare(db,
                            "INSERT INTO course_order (uuid, course_id, branch_id, wanted_date, state, note) "
                            "VALUES (?, ?, ?, ?, '" ORDER_PLACED "', ?)",
                            &st, err)) == 0) {
        sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, o->course_id);
        sqlite3_bind_int64(st, 3, o->branch_id);
        sqlite3_bind_text(st, 4, o->wanted_date, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, o->note, -1, SQLITE_STATIC);
        int s = sqlite3_step(st);
        sqlite3_finalize(st);
        if (s != SQLITE_DONE)
            rc = store_fail(db, s, err, "保存点单");
        else
            id = sqlite3_last_insert_rowid(db);
    }
    if (!rc)
        rc = audit_row(db, "course_order", ORDER_JSON, id, uuid, NULL, err);
    rc = store_end(db, rc, err);
    if (!rc) {
        o->id = id;
        snprintf(o->uuid, sizeof o->uuid, "%s", uuid);
        snprintf(o->state, sizeof o->state, "%s", ORDER_PLACED);
    }
    return rc;
}

/* Read the state of an order for a transition; fails with a message naming the state. */
static int order_for_change(sqlite3 *db, int64_t id, struct course_order *o, const char *action, struct fx_error *err)
{
    if (menu_get_order(db, id, o, err))
        return err ? err->code : FX_ENOTFOUND;
    if (!strcmp(o->state, ORDER_DONE))
        return fx_fail(err, FX_EINPUT, "点单 %lld 已完成（培训记录 %lld），不能再%s", (long long)id,
                       (long long)o->session_id, action);
    if (!strcmp(o->state, ORDER_CANCELLED))
        return fx_fail(err, FX_EINPUT, "点单 %lld 已取消，不能再%s", (long long)id, action);
    return 0;
}

static int update_order(sqlite3 *db, const struct course_order *o, const char *state, const char *action,
                        struct fx_error *err)
{
    char *before = store_row_json(db, ORDER_JSON, o->id);
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "UPDATE course_order SET state = ?2, sched_date = ?3, teacher_id = ?4, venue_id = ?5, "
                           "note = ?6, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                           &st, err);
    if (!rc) {
        sqlite3_bind_int64(st, 1, o->id);
        sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, o->sched_date, -1, SQLITE_STATIC);
        if (o->teacher_id)
            sqlite3_bind_int64(st, 4, o->teacher_id);
        if (o->venue_id)
            sqlite3_bind_int64(st, 5, o->venue_id);
        sqlite3_bind_text(st, 6, o->note, -1, SQLITE_STATIC);
        int s = sqlite3_step(st);
        sqlite3_finalize(st);
        if (s != SQLITE_DONE)
            rc = store_fail(db, s, err, action);
    }
    if (!rc) {
        char *after = store_row_json(db, ORDER_JSON, o->id);
        rc = store_audit(db, "update", "course_order", o->uuid, before, after, err);
        sqlite3_free(after);
    }
    sqlite3_free(before);
    return rc;
}

int menu_schedule_order(sqlite3 *db, int64_t id, const char *date, int64_t teacher_id, int64_t venue_id,
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
    if ((rc = order_for_change(db, id, &o, "排课", err)) == 0 &&
        (rc = menu_get_course(db, o.course_id, &c, err)) == 0) {
        snprintf(o.sched_date, sizeof o.sched_date, "%s", date);
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
            rc = update_order(db, &o, ORDER_SCHEDULED, "排课", err);
    }
    return store_end(db, rc, err);
}

int menu_cancel_order(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err)
{
    char why[200];
    snprintf(why, sizeof why, "%s", reason ? reason : "");
    text_trim(why);
    if (!text_valid_utf8(why, strlen(why)))
        return fx_fail_field(err, FX_EINPUT, "reason", "取消原因含有无效字符");
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    struct course_order o;
    if ((rc = order_for_change(db, id, &o, "取消", err)) == 0) {
        if (why[0]) {
            char note[sizeof o.note];
            snprintf(note, sizeof note, "%s%s取消原因：%s", o.note, o.note[0] ? "；" : "", why);
            memcpy(o.note, note, sizeof o.note);
        }
        rc = update_order(db, &o, ORDER_CANCELLED, "取消点单", err);
    }
    return store_end(db, rc, err);
}

int menu_order_page(sqlite3 *db, const struct order_filter *f, int64_t after_id, struct course_order *rows, int max,
                    struct fx_error *err)
{
    static const struct order_filter none;
    if (!f)
        f = &none;
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT " ORDER_COLS ORDER_FROM
                      "WHERE (?1 = '' OR o.state = ?1) AND (?2 = 0 OR o.branch_id = ?2) "
                      "AND (?3 = 0 OR (o.state = '" ORDER_SCHEDULED "' AND o.sched_date <> '' AND o.sched_date < ?9)) "
                      "AND (?4 = 0 OR o.id < ?4) ORDER BY o.id DESC LIMIT ?5",
                      &st, err))
        return -1;
    char today[11];
    today_text(today);
    sqlite3_bind_text(st, 1, f->state, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, f->branch_id);
    sqlite3_bind_int(st, 3, f->overdue_only ? 1 : 0);
    sqlite3_bind_int64(st, 4, after_id);
    sqlite3_bind_int(st, 5, max);
    sqlite3_bind_text(st, 9, today, -1, SQLITE_TRANSIENT);
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW)
        read_order(st, &rows[n++]);
    sqlite3_finalize(st);
    return n;
}

int64_t menu_overdue_count(sqlite3 *db)
{
    char today[11];
    today_text(today);
    return store_int(db,
                     "SELECT count(*) FROM course_order WHERE state = '" ORDER_SCHEDULED "' AND sched_date <> '' "
                     "AND sched_date < ?",
                     today);
}

int menu_order_to_session(sqlite3 *db, int64_t order_id, struct session *s, struct fx_error *err)
{
    memset(s, 0, sizeof *s);
    struct course_order o;
    struct course c;
    int rc = order_for_change(db, order_id, &o, "交付", err);
    if (rc)
        return rc;
    if ((rc = menu_get_course(db, o.course_id, &c, err)) != 0)
        return rc;
    s->branches = malloc(sizeof *s->branches);
    if (!s->branches)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    s->branches[0] = o.branch_id;
    s->nbranches = 1;
    if (o.sched_date[0])
        snprintf(s->date, sizeof s->date, "%s", o.sched_date);
    else if (o.wanted_date[0])
        snprintf(s->date, sizeof s->date, "%s", o.wanted_date);
    else
        today_text(s->date);
    snprintf(s->title, sizeof s->title, "%s", c.title);
    snprintf(s->category, sizeof s->category, "%s", c.category);
    snprintf(s->format, sizeof s->format, "%s", c.format);
    /* The record kinds that name a format (专题党课, 现场教学) are what the
     * checklists count; any other delivered course is a class (培训班). */
    snprintf(s->kind, sizeof s->kind, "%s", vocab_has(db, "kind", c.format) ? c.format : "培训班");
    s->course_id = c.id;
    s->teacher_id = o.teacher_id ? o.teacher_id : c.teacher_id;
    s->venue_id = o.venue_id ? o.venue_id : c.venue_id;
    s->order_id = o.id;
    s->hours = c.hours;
    return 0;
}

int menu_teacher_workload(sqlite3 *db, int year, struct teacher_load *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT t.id, t.name, count(s.id), ifnull(sum(s.hours), 0) FROM teacher t "
                      "LEFT JOIN session s ON s.teacher_id = t.id AND s.voided = 0 AND s.date BETWEEN ?1 AND ?2 "
                      "WHERE t.active = 1 GROUP BY t.id ORDER BY count(s.id) DESC, t.name, t.id LIMIT ?3",
                      &st, err))
        return -1;
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, max);
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        struct teacher_load *r = &rows[n++];
        r->teacher_id = sqlite3_column_int64(st, 0);
        store_copy_column(r->name, sizeof r->name, st, 1);
        r->sessions = sqlite3_column_int(st, 2);
        r->hours = sqlite3_column_double(st, 3);
    }
    sqlite3_finalize(st);
    return n;
}
