/* order.h — ordering (点单) from the course menu: orders from branches, scheduled, cancelled, and delivered as
 * ledger sessions (the courses themselves: course.h). */
#ifndef FX_ORDER_H
#define FX_ORDER_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"
#include "ledger.h"
#include "text_limits.h"

/* Order states, as stored in course_order.state. */
#define ORDER_PLACED    "已点单"
#define ORDER_SCHEDULED "已排课"
#define ORDER_DONE      "已完成"
#define ORDER_CANCELLED "已取消"

struct course_order {
    int64_t id; /* 0 for a new order; set by order_place */
    char uuid[37];
    int64_t course_id;
    int64_t branch_id;    /* the ordering branch, the target of the session */
    char wanted_date[11]; /* YYYY-MM-DD or "" */
    char state[16];       /* ORDER_* */
    char sched_date[11];  /* set when scheduled */
    int64_t teacher_id;   /* set when scheduled, 0 = none */
    int64_t venue_id;
    int64_t session_id; /* the delivering session once 已完成 */
    char note[FX_TEXT_BYTES(FX_LINE_CHARS + FX_WHY_CHARS + 8)]; /* the note, then "；取消原因：…" when cancelled */
    /* Filled by reads: */
    char course[FX_TEXT_BYTES(FX_TITLE_CHARS)];
    char branch[201];
    char teacher[101];
    char venue[201];
    int overdue; /* scheduled, sched_date before today, not completed */
};

/* Place an order (已点单) for course_id by branch_id with an optional wanted
 * date and note. A retired or unknown course, an unknown branch or a bad date
 * is FX_EINPUT with err->field set. Fills id, uuid and state. */
int order_place(sqlite3 *db, struct course_order *o, struct fx_error *err);

/* Schedule (已排课) or reschedule an order: date required; teacher_id and
 * venue_id 0 take the course's. A scheduled order needs a teacher. Only
 * 已点单 or 已排课 orders can be scheduled. */
int order_schedule(sqlite3 *db, int64_t id, const char *date, int64_t teacher_id, int64_t venue_id,
                   struct fx_error *err);

/* Cancel (已取消) an order not yet delivered; reason (may be "") goes to the note. */
int order_cancel(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err);

int order_get(sqlite3 *db, int64_t id, struct course_order *o, struct fx_error *err);

struct order_filter {
    char state[16];    /* "" = any */
    int64_t branch_id; /* 0 = any */
    int overdue_only;
};

/* One page of orders, newest first (id DESC), strictly after after_id when
 * after_id > 0. Returns rows filled (≤ max) or -1. */
int order_page(sqlite3 *db, const struct order_filter *f, int64_t after_id, struct course_order *rows, int max,
               struct fx_error *err);

/* Scheduled orders whose date has passed without delivery (as of today); -1 when the ledger cannot be read. */
int64_t order_count_overdue(sqlite3 *db);

/* Fill *s for delivering an order (已点单 or 已排课): title, category, format,
 * hours and course from the course; date, teacher and venue from the schedule
 * (else the wanted date or today, and the course's teacher and venue); the
 * ordering branch as the target; order_id, so ledger_save_session marks the
 * order 已完成 and links it. kind is the format when that is also a record
 * kind (专题党课, 现场教学), else 培训班. s is cleared first; s->branches is
 * allocated: free with ledger_session_free. A completed or cancelled order is
 * FX_EINPUT. */
int order_to_session(sqlite3 *db, int64_t order_id, struct session *s, struct fx_error *err);

#endif
