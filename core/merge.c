/* merge.c — township ledgers into a county ledger: ATTACH read-only, copy by uuid, one transaction.
 * The SQL below is constant text; only the attached file name is bound. */
#include "merge.h"
#include "register.h"
#include "rollaudit.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "store.h"

const char *merge_entity_label(int entity)
{
    static const char *labels[MERGE_NENTITIES] = {"分校", "党组织",   "党员", "教师",    "场地",
                                                  "课程", "培训记录", "点单", "清单标记", "经费记录",
                                                  "计划项目", "问题", "整改任务", "培训评价", "考评表得分", "积分加减", "附件"};
    return entity >= 0 && entity < MERGE_NENTITIES ? labels[entity] : "?";
}

/* The target's id of the row the input's id e refers to, through the uuid. */
#define MAPID(t, e) "(SELECT x.id FROM main." t " x WHERE x.uuid = (SELECT y.uuid FROM src." t " y WHERE y.id = " e "))"
#define YEAR(e)     "CAST(substr(" e ", 1, 4) AS INTEGER)"
#define CLOSED(e)   "EXISTS (SELECT 1 FROM main.closed_year c WHERE c.year = " YEAR(e) ")"

/* s = the input's row, d = the target's. */
#define INS(t, cols, sel, cond)                                                                                        \
    "INSERT INTO main." t " (uuid, " cols ") SELECT s.uuid, " sel " FROM src." t " s "                                 \
    "WHERE NOT EXISTS (SELECT 1 FROM main." t " d WHERE d.uuid = s.uuid) AND " cond
#define UPD(t, set, diff, cond)                                                                                        \
    "UPDATE main." t " AS d SET " set " FROM src." t " AS s WHERE d.uuid = s.uuid AND s.updated_at > d.updated_at "    \
    "AND (" diff ") AND " cond
#define KEPT(t, name, diff)                                                                                            \
    "SELECT s.uuid, " name ", d.updated_at, s.updated_at FROM src." t " s JOIN main." t " d ON d.uuid = s.uuid "       \
    "WHERE s.updated_at <= d.updated_at AND (" diff ")"
#define SKIPPED(t, name, diff, blocked)                                                                                \
    "SELECT s.uuid, " name ", ifnull(d.updated_at, ''), s.updated_at FROM src." t " s LEFT JOIN main." t " d "         \
    "ON d.uuid = s.uuid WHERE (d.id IS NULL OR (s.updated_at > d.updated_at AND (" diff "))) AND (" blocked ")"

#define BRANCH_COLS "unit_id, name, kind, secretary, phone, active, updated_at"
#define BRANCH_SEL  MAPID("unit", "s.unit_id") ", s.name, s.kind, s.secretary, s.phone, s.active, s.updated_at"
#define BRANCH_SET                                                                                                     \
    "unit_id = " MAPID("unit", "s.unit_id") ", name = s.name, kind = s.kind, secretary = s.secretary, "                \
                                            "phone = s.phone, active = s.active, updated_at = s.updated_at"
#define BRANCH_DIFF                                                                                                    \
    "d.unit_id IS NOT " MAPID(                                                                                         \
        "unit", "s.unit_id") " OR d.name IS NOT s.name OR d.kind IS NOT s.kind "                                       \
                             "OR d.secretary IS NOT s.secretary OR d.phone IS NOT s.phone OR d.active IS NOT s.active"

#define MEMBER_COLS "branch_id, name, gender, phone, role, note, active, updated_at"
#define MEMBER_SEL  MAPID("branch", "s.branch_id") ", s.name, s.gender, s.phone, s.role, s.note, s.active, s.updated_at"
#define MEMBER_SET                                                                                                     \
    "branch_id = " MAPID("branch",                                                                                     \
                         "s.branch_id") ", name = s.name, gender = s.gender, phone = s.phone, "                        \
                                        "role = s.role, note = s.note, active = s.active, updated_at = s.updated_at"
#define MEMBER_DIFF                                                                                                    \
    "d.branch_id IS NOT " MAPID("branch", "s.branch_id") " OR d.name IS NOT s.name OR d.gender IS NOT s.gender "       \
                                                         "OR d.phone IS NOT s.phone OR d.role IS NOT s.role OR "       \
                                                         "d.note IS NOT s.note OR d.active IS NOT s.active"

#define TEACHER_COLS "unit_id, name, employment, type, is_adviser, org, phone, topics, active, retire_reason, updated_at"
#define TEACHER_SEL                                                                                                    \
    MAPID("unit", "s.unit_id")                                                                                         \
    ", s.name, s.employment, s.type, s.is_adviser, s.org, s.phone, s.topics, s.active, s.retire_reason, "              \
    "s.updated_at"
#define TEACHER_SET                                                                                                    \
    "unit_id = " MAPID(                                                                                                \
        "unit",                                                                                                        \
        "s.unit_id") ", name = s.name, employment = s.employment, type = s.type, "                                     \
                     "is_adviser = s.is_adviser, org = s.org, phone = s.phone, topics = s.topics, active = s.active, " \
                     "retire_reason = s.retire_reason, updated_at = s.updated_at"
#define TEACHER_DIFF                                                                                                   \
    "d.unit_id IS NOT " MAPID("unit", "s.unit_id") " OR d.name IS NOT s.name OR d.employment IS NOT s.employment "     \
                                                   "OR d.type IS NOT s.type OR d.is_adviser IS NOT s.is_adviser OR "   \
                                                   "d.org IS NOT s.org OR d.phone IS NOT s.phone "                     \
                                                   "OR d.topics IS NOT s.topics OR d.active IS NOT s.active "  \
                                                   "OR d.retire_reason IS NOT s.retire_reason"

#define VENUE_COLS "unit_id, name, kind, theme, address, capacity, guide, active, retire_reason, updated_at"
#define VENUE_SEL                                                                                                      \
    MAPID("unit", "s.unit_id") ", s.name, s.kind, s.theme, s.address, s.capacity, s.guide, s.active, s.retire_reason, "     \
                                "s.updated_at"
#define VENUE_SET                                                                                                      \
    "unit_id = " MAPID(                                                                                                \
        "unit", "s.unit_id") ", name = s.name, kind = s.kind, theme = s.theme, address = s.address, "                  \
                             "capacity = s.capacity, guide = s.guide, active = s.active, "                     \
                             "retire_reason = s.retire_reason, updated_at = s.updated_at"
#define VENUE_DIFF                                                                                                     \
    "d.unit_id IS NOT " MAPID(                                                                                         \
        "unit",                                                                                                        \
        "s.unit_id") " OR d.name IS NOT s.name OR d.kind IS NOT s.kind "                                               \
                     "OR d.theme IS NOT s.theme OR d.address IS NOT s.address OR d.capacity IS NOT s.capacity "        \
                     "OR d.guide IS NOT s.guide OR d.active IS NOT s.active OR d.retire_reason IS NOT s.retire_reason"

#define COURSE_COLS                                                                                                    \
    "unit_id, title, category, module, format, teacher_id, venue_id, hours, description, featured, retired, "          \
    "updated_at"
#define COURSE_SEL                                                                                                     \
    MAPID("unit", "s.unit_id")                                                                                         \
    ", s.title, s.category, s.module, s.format, " MAPID("teacher", "s.teacher_id") ", " MAPID(                         \
        "venue", "s.venue_id") ", s.hours, s.description, s.featured, s.retired, s.updated_at"
#define COURSE_SET                                                                                                     \
    "unit_id = " MAPID(                                                                                                \
        "unit",                                                                                                        \
        "s.unit_id") ", title = s.title, category = s.category, module = s.module, "                                   \
                     "format = s.format, teacher_id = " MAPID("teacher", "s.teacher_id") ", venue_id = " MAPID(        \
                         "venue", "s.venue_id") ", hours = s.hours, description = s.description, featured = "          \
                                                "s.featured, retired = s.retired, "                                    \
                                                "updated_at = s.updated_at"
#define COURSE_DIFF                                                                                                    \
    "d.unit_id IS NOT " MAPID(                                                                                         \
        "unit",                                                                                                        \
        "s.unit_id") " OR d.title IS NOT s.title OR d.category IS NOT s.category "                                     \
                     "OR d.module IS NOT s.module OR d.format IS NOT s.format OR d.teacher_id IS NOT " MAPID(          \
                         "teacher",                                                                                    \
                         "s.teacher_id") " "                                                                           \
                                         "OR d.venue_id IS NOT " MAPID(                                                \
                                             "venue",                                                                  \
                                             "s.venue_id") " OR d.hours IS NOT s.hours "                               \
                                                           "OR d.description IS NOT s.description OR d.featured IS "   \
                                                           "NOT s.featured OR d.retired IS NOT s.retired"

#define SESSION_COLS                                                                                                   \
    "unit_id, date, start_time, end_time, title, category, format, kind, course_id, teacher_id, venue_id, hours, "     \
    "expected, present, note, recorder, voided, void_reason, created_at, updated_at"
#define SESSION_SEL                                                                                                    \
    MAPID("unit", "s.unit_id")                                                                                         \
    ", s.date, s.start_time, s.end_time, s.title, s.category, s.format, s.kind, " MAPID(                               \
        "course",                                                                                                      \
        "s.course_id") ", " MAPID("teacher",                                                                           \
                                  "s.teacher_id") ", " MAPID("venue",                                                  \
                                                             "s.venue_id") ", s.hours, s.expected, s.present, "        \
                                                                           "s.note, s.recorder, s.voided, "            \
                                                                           "s.void_reason, s.created_at, s.updated_at"
#define SESSION_SET                                                                                                    \
    "unit_id = " MAPID(                                                                                                \
        "unit", "s.unit_id") ", date = s.date, start_time = s.start_time, end_time = s.end_time, "                     \
                             "title = s.title, category = s.category, format = s.format, kind = s.kind, course_id "    \
                             "= " MAPID("course", "s.course_id") ", teacher_id = " MAPID(                              \
                                 "teacher",                                                                            \
                                 "s.teacher_id") ", venue_id = " MAPID("venue",                                        \
                                                                       "s.venue_id") ", hours = s.hours, expected = "  \
                                                                                     "s.expected, present = "          \
                                                                                     "s.present, note = s.note, "      \
                                                                                     "recorder = s.recorder, "         \
                                                                                     "voided = s.voided, void_reason " \
                                                                                     "= s.void_reason, created_at = "  \
                                                                                     "s.created_at, updated_at = "     \
                                                                                     "s.updated_at"
#define SESSION_DIFF                                                                                                   \
    "d.unit_id IS NOT " MAPID(                                                                                         \
        "unit",                                                                                                        \
        "s.unit_id") " OR d.date IS NOT s.date OR d.start_time IS NOT s.start_time "                                   \
                     "OR d.end_time IS NOT s.end_time OR d.title IS NOT s.title OR d.category IS NOT s.category "      \
                     "OR d.format IS NOT s.format OR d.kind IS NOT s.kind OR d.course_id IS NOT " MAPID(               \
                         "course",                                                                                     \
                         "s.course_id") " "                                                                            \
                                        "OR d.teacher_id IS NOT " MAPID(                                               \
                                            "teacher",                                                                 \
                                            "s.teacher_id") " OR d.venue_id IS NOT " MAPID("venue",                    \
                                                                                           "s.venue_id") " "           \
                                                                                                         "OR d.hours " \
                                                                                                         "IS NOT "     \
                                                                                                         "s.hours OR " \
                                                                                                         "d.expected " \
                                                                                                         "IS NOT "     \
                                                                                                         "s.expected " \
                                                                                                         "OR "         \
                                                                                                         "d.present "  \
                                                                                                         "IS NOT "     \
                                                                                                         "s.present "  \
                                                                                                         "OR d.note "  \
                                                                                                         "IS NOT "     \
                                                                                                         "s.note OR "  \
                                                                                                         "d.recorder " \
                                                                                                         "IS NOT "     \
                                                                                                         "s.recorder " \
                                                                                                         "OR "         \
                                                                                                         "d.voided "   \
                                                                                                         "IS NOT "     \
                                                                                                         "s.voided "   \
                                                                                                         "OR "         \
                                                                                                         "d.void_"     \
                                                                                                         "reason IS "  \
                                                                                                         "NOT "        \
                                                                                                         "s.void_"     \
                                                                                                         "reason"
/* A session may not enter, leave or change inside a closed year of the target. */
#define SESSION_BLOCKED CLOSED("s.date") " OR (d.id IS NOT NULL AND " CLOSED("d.date") ")"

#define ORDER_COLS                                                                                                     \
    "course_id, branch_id, wanted_date, state, sched_date, teacher_id, venue_id, session_id, note, updated_at"
#define ORDER_SEL                                                                                                      \
    MAPID("course", "s.course_id")                                                                                     \
    ", " MAPID("branch", "s.branch_id") ", s.wanted_date, s.state, s.sched_date, " MAPID(                              \
        "teacher", "s.teacher_id") ", " MAPID("venue",                                                                 \
                                              "s.venue_id") ", " MAPID("session",                                      \
                                                                       "s.session_id") ", s.note, s.updated_at"
#define ORDER_SET                                                                                                      \
    "course_id = " MAPID("course", "s.course_id") ", branch_id = " MAPID(                                              \
        "branch",                                                                                                      \
        "s.branch_id") ", wanted_date = s.wanted_date, state = s.state, sched_date = s.sched_date, teacher_id "        \
                       "= " MAPID("teacher", "s.teacher_id") ", venue_id = " MAPID(                                    \
                           "venue", "s.venue_id") ", session_id "                                                      \
                                                  "= " MAPID("session", "s.session_"                                   \
                                                                        "id") ", "                                     \
                                                                              "note"                                   \
                                                                              " = "                                    \
                                                                              "s."                                     \
                                                                              "note"                                   \
                                                                              ", "                                     \
                                                                              "upda"                                   \
                                                                              "ted_"                                   \
                                                                              "at "                                    \
                                                                              "= "                                     \
                                                                              "s."                                     \
                                                                              "upda"                                   \
                                                                              "ted_"                                   \
                                                                              "at"
#define ORDER_DIFF                                                                                                     \
    "d.course_id IS NOT " MAPID("course", "s.course_id") " OR d.branch_id IS NOT " MAPID(                              \
        "branch",                                                                                                      \
        "s.branch_id") " OR d.wanted_date IS NOT s.wanted_date OR d.state IS NOT s.state OR d.sched_date IS NOT "      \
                       "s.sched_date "                                                                                 \
                       "OR d.teacher_id IS NOT " MAPID("teacher", "s.teacher_id") " OR d.venue_id IS NOT " MAPID(      \
                           "venue", "s.venue_id") " "                                                                  \
                                                  "OR d.session_id IS NOT " MAPID(                                     \
                                                      "session", "s.session_id") " OR d.note IS NOT s.note"

/* An order of a session in a year closed in the target: the input's session,
 * the target session it maps to, or the one the target's order points at. */
#define ORDER_CLOSED_NEW                                                                                               \
    "(EXISTS (SELECT 1 FROM src.session y WHERE y.id = s.session_id AND " CLOSED(                                      \
        "y.date") ") OR EXISTS (SELECT 1 FROM main.session x WHERE x.id = " MAPID("session",                           \
                                                                                  "s.session_id") " AND " CLOSED("x."  \
                                                                                                                 "dat" \
                                                                                                                 "e") "))"
#define ORDER_BLOCKED                                                                                                  \
    ORDER_CLOSED_NEW                                                                                                   \
        " OR (d.id IS NOT NULL AND EXISTS (SELECT 1 FROM main.session x WHERE x.id = d.session_id AND " CLOSED(        \
            "x.date") "))"

#define MARK_COLS "unit_id, standard, item, period, branch_id, date, note, undone, updated_at"
#define MARK_SEL                                                                                                       \
    MAPID("unit", "s.unit_id")                                                                                         \
    ", s.standard, s.item, s.period, " MAPID("branch", "s.branch_id") ", s.date, s.note, s.undone, s.updated_at"
#define MARK_SET                                                                                                       \
    "unit_id = " MAPID("unit", "s.unit_id") ", standard = s.standard, item = s.item, period = s.period, "              \
                                            "branch_id = " MAPID(                                                      \
                                                "branch",                                                              \
                                                "s.branch_id") ", date = s.date, note = s.note, undone = s.undone, "   \
                                                               "updated_at = s.updated_at"
#define MARK_DIFF                                                                                                      \
    "d.unit_id IS NOT " MAPID(                                                                                         \
        "unit",                                                                                                        \
        "s.unit_id") " OR d.standard IS NOT s.standard OR d.item IS NOT s.item "                                       \
                     "OR d.period IS NOT s.period OR d.branch_id IS NOT " MAPID(                                       \
                         "branch",                                                                                     \
                         "s.branch_id") " "                                                                            \
                                        "OR d.date IS NOT s.date OR d.note IS NOT s.note OR d.undone IS NOT s.undone"
#define MARK_BLOCKED CLOSED("s.period") " OR (d.id IS NOT NULL AND " CLOSED("d.period") ")"

/* A funds entry (schema 5) links to its session through the uuid; like a session it may not enter, leave or
 * change inside a closed year of the target. */
#define FUNDS_COLS                                                                                                     \
    "unit_id, date, direction, source, category, amount, counterpart, voucher, session_id, note, rule_reason, "       \
    "recorder, voided, void_reason, created_at, updated_at"
#define FUNDS_SEL                                                                                                      \
    MAPID("unit", "s.unit_id") ", s.date, s.direction, s.source, s.category, s.amount, s.counterpart, s.voucher, "    \
    MAPID("session", "s.session_id") ", s.note, s.rule_reason, s.recorder, s.voided, s.void_reason, s.created_at, "  \
    "s.updated_at"
#define FUNDS_SET                                                                                                      \
    "unit_id = " MAPID("unit", "s.unit_id") ", date = s.date, direction = s.direction, source = s.source, "           \
    "category = s.category, amount = s.amount, counterpart = s.counterpart, voucher = s.voucher, session_id = "       \
    MAPID("session", "s.session_id") ", note = s.note, rule_reason = s.rule_reason, recorder = s.recorder, "          \
    "voided = s.voided, void_reason = s.void_reason, updated_at = s.updated_at"
#define FUNDS_DIFF                                                                                                     \
    "d.unit_id IS NOT " MAPID("unit", "s.unit_id") " OR d.date IS NOT s.date OR d.direction IS NOT s.direction "      \
    "OR d.source IS NOT s.source OR d.category IS NOT s.category OR d.amount IS NOT s.amount "                        \
    "OR d.counterpart IS NOT s.counterpart OR d.voucher IS NOT s.voucher OR d.session_id IS NOT "                     \
    MAPID("session", "s.session_id") " OR d.note IS NOT s.note OR d.rule_reason IS NOT s.rule_reason "                \
    "OR d.recorder IS NOT s.recorder OR d.voided IS NOT s.voided OR d.void_reason IS NOT s.void_reason"
#define FUNDS_BLOCKED CLOSED("s.date") " OR (d.id IS NOT NULL AND " CLOSED("d.date") ")"
#define FUNDS_NAME    "s.date || ' ' || s.direction || ' ' || s.source || ' ' || printf('%.2f', s.amount / 100.0) || ' 元'"

/* A plan item (schema 7) belongs to its year: it may not enter, leave or change inside a closed year of the target. */
#define PLAN_COLS                                                                                                      \
    "unit_id, year, month_first, month_last, title, category, kind, target, hours, responsible, course_id, note, "   \
    "recorder, voided, void_reason, created_at, updated_at"
#define PLAN_SEL                                                                                                       \
    MAPID("unit", "s.unit_id") ", s.year, s.month_first, s.month_last, s.title, s.category, s.kind, s.target, "      \
    "s.hours, s.responsible, " MAPID("course", "s.course_id") ", s.note, s.recorder, s.voided, s.void_reason, "      \
    "s.created_at, s.updated_at"
#define PLAN_SET                                                                                                       \
    "unit_id = " MAPID("unit", "s.unit_id") ", year = s.year, month_first = s.month_first, month_last = "            \
    "s.month_last, title = s.title, category = s.category, kind = s.kind, target = s.target, hours = s.hours, "      \
    "responsible = s.responsible, course_id = " MAPID("course", "s.course_id") ", note = s.note, recorder = "        \
    "s.recorder, voided = s.voided, void_reason = s.void_reason, updated_at = s.updated_at"
#define PLAN_DIFF                                                                                                      \
    "d.unit_id IS NOT " MAPID("unit", "s.unit_id") " OR d.year IS NOT s.year OR d.month_first IS NOT "               \
    "s.month_first OR d.month_last IS NOT s.month_last OR d.title IS NOT s.title OR d.category IS NOT s.category "   \
    "OR d.kind IS NOT s.kind OR d.target IS NOT s.target OR d.hours IS NOT s.hours OR d.responsible IS NOT "         \
    "s.responsible OR d.course_id IS NOT " MAPID("course", "s.course_id") " OR d.note IS NOT s.note OR d.recorder "  \
    "IS NOT s.recorder OR d.voided IS NOT s.voided OR d.void_reason IS NOT s.void_reason"
#define PLAN_BLOCKED CLOSED("s.year") " OR (d.id IS NOT NULL AND " CLOSED("d.year") ")"
#define PLAN_NAME    "s.year || ' ' || s.title"
/* Problems and their tasks (schema 8): a problem belongs to the year of its date found, a task to its problem's
 * year; neither enters, leaves or changes inside a closed year of the target. A task follows its problem through
 * the uuid, so it comes only once its problem is in the target. */
#define PROBLEM_COLS                                                                                                   \
    "unit_id, date, source, description, item, plan_item_id, resp_unit, resp_person, recorder, created_at, "          \
    "updated_at"
#define PROBLEM_SEL                                                                                                    \
    MAPID("unit", "s.unit_id") ", s.date, s.source, s.description, s.item, " MAPID("plan_item", "s.plan_item_id") ", s.resp_unit, "            \
    "s.resp_person, s.recorder, s.created_at, s.updated_at"
#define PROBLEM_SET                                                                                                    \
    "unit_id = " MAPID("unit", "s.unit_id") ", date = s.date, source = s.source, description = s.description, "      \
    "item = s.item, plan_item_id = " MAPID("plan_item", "s.plan_item_id") ", resp_unit = s.resp_unit, resp_person = s.resp_person, "            \
    "recorder = s.recorder, updated_at = s.updated_at"
#define PROBLEM_DIFF                                                                                                   \
    "d.unit_id IS NOT " MAPID("unit", "s.unit_id") " OR d.date IS NOT s.date OR d.source IS NOT s.source "            \
    "OR d.description IS NOT s.description OR d.item IS NOT s.item OR d.plan_item_id IS NOT "                   \
    MAPID("plan_item", "s.plan_item_id") " OR d.resp_unit IS NOT s.resp_unit OR d.resp_person IS NOT s.resp_person OR d.recorder IS NOT s.recorder"
#define PROBLEM_BLOCKED CLOSED("s.date") " OR (d.id IS NOT NULL AND " CLOSED("d.date") ")"
#define PROBLEM_NAME    "s.date || ' ' || s.source || ' ' || substr(s.description, 1, 20)"
#define TASK_SRC_DATE   "(SELECT p.date FROM src.problem p WHERE p.id = s.problem_id)"
#define TASK_DST_DATE   "(SELECT p.date FROM main.problem p WHERE p.id = d.problem_id)"
#define TASK_COLS                                                                                                      \
    "problem_id, measure, deadline, status, done_date, evidence, resp_unit, resp_person, created_at, updated_at"
#define TASK_SEL                                                                                                       \
    MAPID("problem", "s.problem_id") ", s.measure, s.deadline, s.status, s.done_date, s.evidence, s.resp_unit, "     \
    "s.resp_person, s.created_at, s.updated_at"
#define TASK_SET                                                                                                       \
    "problem_id = " MAPID("problem", "s.problem_id") ", measure = s.measure, deadline = s.deadline, "                \
    "status = s.status, done_date = s.done_date, evidence = s.evidence, resp_unit = s.resp_unit, "                    \
    "resp_person = s.resp_person, updated_at = s.updated_at"
#define TASK_DIFF                                                                                                      \
    "d.problem_id IS NOT " MAPID("problem", "s.problem_id") " OR d.measure IS NOT s.measure "                        \
    "OR d.deadline IS NOT s.deadline OR d.status IS NOT s.status OR d.done_date IS NOT s.done_date "                  \
    "OR d.evidence IS NOT s.evidence OR d.resp_unit IS NOT s.resp_unit OR d.resp_person IS NOT s.resp_person"
#define TASK_NEW_BLOCKED "(" CLOSED(TASK_SRC_DATE) " OR " MAPID("problem", "s.problem_id") " IS NULL)"
#define TASK_BLOCKED     TASK_NEW_BLOCKED " OR (d.id IS NOT NULL AND " CLOSED(TASK_DST_DATE) ")"
#define TASK_NAME "s.deadline || ' ' || substr(s.measure, 1, 20)"
/* A session's feedback (schema 9) links to its session through the uuid and belongs to the session's year: it
 * may not enter, leave or change inside a closed year of the target, nor land on a session the target did not
 * take, nor on one that already has other feedback (recorded in both ledgers: the target's is kept, reported). */
#define FB_COLS                                                                                                        \
    "session_id, returned, satisfied, basic, unsatisfied, score, scale, comment, recorder, created_at, updated_at"
#define FB_SEL                                                                                                         \
    MAPID("session", "s.session_id") ", s.returned, s.satisfied, s.basic, s.unsatisfied, s.score, s.scale, "         \
    "s.comment, s.recorder, s.created_at, s.updated_at"
#define FB_SET                                                                                                         \
    "returned = s.returned, satisfied = s.satisfied, basic = s.basic, unsatisfied = s.unsatisfied, score = s.score, " \
    "scale = s.scale, comment = s.comment, recorder = s.recorder, updated_at = s.updated_at"
#define FB_DIFF                                                                                                        \
    "d.returned IS NOT s.returned OR d.satisfied IS NOT s.satisfied OR d.basic IS NOT s.basic "                       \
    "OR d.unsatisfied IS NOT s.unsatisfied OR d.score IS NOT s.score OR d.scale IS NOT s.scale "                      \
    "OR d.comment IS NOT s.comment OR d.recorder IS NOT s.recorder"
#define FB_CLOSED_NEW "EXISTS (SELECT 1 FROM src.session y WHERE y.id = s.session_id AND " CLOSED("y.date") ")"
#define FB_BLOCKED                                                                                                     \
    FB_CLOSED_NEW " OR (d.id IS NOT NULL AND EXISTS (SELECT 1 FROM main.session x WHERE x.id = d.session_id AND " CLOSED("x.date") "))"
#define FB_PLACE                                                                                                       \
    MAPID("session", "s.session_id") " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.session_feedback z "           \
    "WHERE z.session_id = " MAPID("session", "s.session_id") ")"
#define FB_NAME "(SELECT y.date || ' ' || y.title FROM src.session y WHERE y.id = s.session_id) || ' 的评价'"

/* A score of the star-rating sheet (schema 11) belongs to its period's year and to the unit scored: it may not
 * enter, leave or change inside a closed year of the target, nor land on an item and role the target already holds
 * under another uuid (scored in both ledgers: the target's is kept, reported). */
#define SHEET_COLS                                                                                                     \
    "unit_id, standard, period, item, role, score, note, evidence, recorder, created_at, updated_at"
#define SHEET_SEL                                                                                                      \
    MAPID("unit", "s.unit_id") ", s.standard, s.period, s.item, s.role, s.score, s.note, s.evidence, s.recorder, "    \
    "s.created_at, s.updated_at"
#define SHEET_SET                                                                                                      \
    "score = s.score, note = s.note, evidence = s.evidence, recorder = s.recorder, updated_at = s.updated_at"
#define SHEET_DIFF                                                                                                     \
    "d.score IS NOT s.score OR d.note IS NOT s.note OR d.evidence IS NOT s.evidence OR d.recorder IS NOT s.recorder"
#define SHEET_PLACE                                                                                                    \
    "NOT EXISTS (SELECT 1 FROM main.sheet_score z WHERE z.standard = s.standard AND z.period = s.period "            \
    "AND z.unit_id = " MAPID("unit", "s.unit_id") " AND z.item = s.item AND z.role = s.role)"
#define SHEET_BLOCKED CLOSED("s.period") " OR (d.id IS NOT NULL AND " CLOSED("d.period") ")"
#define SHEET_NAME                                                                                                     \
    "s.standard || ' ' || s.period || ' ' || s.item || CASE s.role WHEN 'review' THEN ' 考评' ELSE ' 自评' END"

/* A manual points adjustment (schema 12) belongs to its date's year and to its member, through the uuid; only
 * its voiding changes it. It may not enter, leave or change inside a closed year of the target. */
#define PTS_COLS "member_id, date, points, reason, recorder, voided, void_reason, created_at, updated_at"
#define PTS_SEL                                                                                                        \
    MAPID("member", "s.member_id") ", s.date, s.points, s.reason, s.recorder, s.voided, s.void_reason, s.created_at, " \
    "s.updated_at"
#define PTS_SET     "voided = s.voided, void_reason = s.void_reason, updated_at = s.updated_at"
#define PTS_DIFF    "d.voided IS NOT s.voided OR d.void_reason IS NOT s.void_reason"
#define PTS_BLOCKED CLOSED("s.date") " OR (d.id IS NOT NULL AND " CLOSED("d.date") ")"
#define PTS_NAME    "s.date || ' ' || (SELECT y.name FROM src.member y WHERE y.id = s.member_id) || ' 积分加减'"

struct table_sql {
    int entity;
    const char *count, *ins, *upd, *kept, *skipped; /* skipped: NULL when no year can be closed */
};

static const struct table_sql tables[] = {
    {MERGE_BRANCH, "SELECT count(*) FROM src.branch", INS("branch", BRANCH_COLS, BRANCH_SEL, "1"),
     UPD("branch", BRANCH_SET, BRANCH_DIFF, "1"), KEPT("branch", "s.name", BRANCH_DIFF), NULL},
    {MERGE_MEMBER, "SELECT count(*) FROM src.member", INS("member", MEMBER_COLS, MEMBER_SEL, "1"),
     UPD("member", MEMBER_SET, MEMBER_DIFF, "1"), KEPT("member", "s.name", MEMBER_DIFF), NULL},
    {MERGE_TEACHER, "SELECT count(*) FROM src.teacher", INS("teacher", TEACHER_COLS, TEACHER_SEL, "1"),
     UPD("teacher", TEACHER_SET, TEACHER_DIFF, "1"), KEPT("teacher", "s.name", TEACHER_DIFF), NULL},
    {MERGE_VENUE, "SELECT count(*) FROM src.venue", INS("venue", VENUE_COLS, VENUE_SEL, "1"),
     UPD("venue", VENUE_SET, VENUE_DIFF, "1"), KEPT("venue", "s.name", VENUE_DIFF), NULL},
    {MERGE_COURSE, "SELECT count(*) FROM src.course", INS("course", COURSE_COLS, COURSE_SEL, "1"),
     UPD("course", COURSE_SET, COURSE_DIFF, "1"), KEPT("course", "s.title", COURSE_DIFF), NULL},
    /* Before the sessions: their plan links point at plan items. */
    {MERGE_PLAN, "SELECT count(*) FROM src.plan_item", INS("plan_item", PLAN_COLS, PLAN_SEL, "NOT " CLOSED("s.year")),
     UPD("plan_item", PLAN_SET, PLAN_DIFF, "NOT " CLOSED("s.year") " AND NOT " CLOSED("d.year")),
     KEPT("plan_item", PLAN_NAME, PLAN_DIFF), SKIPPED("plan_item", PLAN_NAME, PLAN_DIFF, PLAN_BLOCKED)},
    {MERGE_SESSION, "SELECT count(*) FROM src.session",
     INS("session", SESSION_COLS, SESSION_SEL, "NOT " CLOSED("s.date")),
     UPD("session", SESSION_SET, SESSION_DIFF, "NOT " CLOSED("s.date") " AND NOT " CLOSED("d.date")),
     KEPT("session", "s.date || ' ' || s.title", SESSION_DIFF),
     SKIPPED("session", "s.date || ' ' || s.title", SESSION_DIFF, SESSION_BLOCKED)},
    {MERGE_ORDER, "SELECT count(*) FROM src.course_order",
     INS("course_order", ORDER_COLS, ORDER_SEL, "NOT " ORDER_CLOSED_NEW),
     UPD("course_order", ORDER_SET, ORDER_DIFF, "NOT (" ORDER_BLOCKED ")"), KEPT("course_order", "s.state", ORDER_DIFF),
     SKIPPED("course_order", "s.state", ORDER_DIFF, ORDER_BLOCKED)},
    {MERGE_MARK, "SELECT count(*) FROM src.mark", INS("mark", MARK_COLS, MARK_SEL, "NOT " CLOSED("s.period")),
     UPD("mark", MARK_SET, MARK_DIFF, "NOT " CLOSED("s.period") " AND NOT " CLOSED("d.period")),
     KEPT("mark", "s.standard || ' ' || s.item || ' ' || s.period", MARK_DIFF),
     SKIPPED("mark", "s.standard || ' ' || s.item || ' ' || s.period", MARK_DIFF, MARK_BLOCKED)},
    {MERGE_FUNDS, "SELECT count(*) FROM src.funds_entry",
     INS("funds_entry", FUNDS_COLS, FUNDS_SEL, "NOT " CLOSED("s.date")),
     UPD("funds_entry", FUNDS_SET, FUNDS_DIFF, "NOT " CLOSED("s.date") " AND NOT " CLOSED("d.date")),
     KEPT("funds_entry", FUNDS_NAME, FUNDS_DIFF), SKIPPED("funds_entry", FUNDS_NAME, FUNDS_DIFF, FUNDS_BLOCKED)},
    {MERGE_PROBLEM, "SELECT count(*) FROM src.problem", INS("problem", PROBLEM_COLS, PROBLEM_SEL, "NOT " CLOSED("s.date")),
     UPD("problem", PROBLEM_SET, PROBLEM_DIFF, "NOT " CLOSED("s.date") " AND NOT " CLOSED("d.date")),
     KEPT("problem", PROBLEM_NAME, PROBLEM_DIFF),
     SKIPPED("problem", PROBLEM_NAME, PROBLEM_DIFF, PROBLEM_BLOCKED)},
    {MERGE_TASK, "SELECT count(*) FROM src.problem_task", INS("problem_task", TASK_COLS, TASK_SEL, "NOT " TASK_NEW_BLOCKED),
     UPD("problem_task", TASK_SET, TASK_DIFF, "NOT " TASK_NEW_BLOCKED " AND NOT " CLOSED(TASK_DST_DATE)), KEPT("problem_task", TASK_NAME, TASK_DIFF),
     SKIPPED("problem_task", TASK_NAME, TASK_DIFF, TASK_BLOCKED)},
    {MERGE_FEEDBACK, "SELECT count(*) FROM src.session_feedback",
     INS("session_feedback", FB_COLS, FB_SEL, "NOT " FB_CLOSED_NEW " AND " FB_PLACE),
     UPD("session_feedback", FB_SET, FB_DIFF,
         "NOT EXISTS (SELECT 1 FROM main.session x WHERE x.id = d.session_id AND " CLOSED("x.date") ")"),
     KEPT("session_feedback", FB_NAME, FB_DIFF), SKIPPED("session_feedback", FB_NAME, FB_DIFF, FB_BLOCKED)},
    {MERGE_SHEET, "SELECT count(*) FROM src.sheet_score",
     INS("sheet_score", SHEET_COLS, SHEET_SEL, "NOT " CLOSED("s.period") " AND " SHEET_PLACE),
     UPD("sheet_score", SHEET_SET, SHEET_DIFF, "NOT " CLOSED("s.period") " AND NOT " CLOSED("d.period")),
     KEPT("sheet_score", SHEET_NAME, SHEET_DIFF), SKIPPED("sheet_score", SHEET_NAME, SHEET_DIFF, SHEET_BLOCKED)},
    {MERGE_POINTS, "SELECT count(*) FROM src.points_adjust",
     INS("points_adjust", PTS_COLS, PTS_SEL, "NOT " CLOSED("s.date")),
     UPD("points_adjust", PTS_SET, PTS_DIFF, "NOT " CLOSED("s.date") " AND NOT " CLOSED("d.date")),
     KEPT("points_adjust", PTS_NAME, PTS_DIFF), SKIPPED("points_adjust", PTS_NAME, PTS_DIFF, PTS_BLOCKED)},
};

/* Sessions new to the target or taken from the input: their roll call and
 * target branches are replaced by the input's. Marked before the writes,
 * while "newer and different" can still be told. */
static const char touch_sessions[] =
    "INSERT OR IGNORE INTO temp.fx_merge_touched (uuid) SELECT s.uuid FROM src.session s "
    "LEFT JOIN main.session d ON d.uuid = s.uuid "
    "WHERE (d.id IS NULL OR (s.updated_at > d.updated_at AND (" SESSION_DIFF "))) AND NOT (" SESSION_BLOCKED ")";
/* Funds entries new to the target or taken from the input: their audit records come with them. */
static const char touch_funds[] =
    "INSERT OR IGNORE INTO temp.fx_merge_touched (uuid) SELECT s.uuid FROM src.funds_entry s "
    "LEFT JOIN main.funds_entry d ON d.uuid = s.uuid "
    "WHERE (d.id IS NULL OR (s.updated_at > d.updated_at AND (" FUNDS_DIFF "))) AND NOT (" FUNDS_BLOCKED ")";
/* Plan items new to the target or taken from the input: their audit records come with them. */
static const char touch_plan[] =
    "INSERT OR IGNORE INTO temp.fx_merge_touched (uuid) SELECT s.uuid FROM src.plan_item s "
    "LEFT JOIN main.plan_item d ON d.uuid = s.uuid "
    "WHERE (d.id IS NULL OR (s.updated_at > d.updated_at AND (" PLAN_DIFF "))) AND NOT (" PLAN_BLOCKED ")";
static const char clear_attendance[] =
    "DELETE FROM main.attendance WHERE session_id IN "
    "(SELECT d.id FROM main.session d JOIN temp.fx_merge_touched t ON t.uuid = d.uuid)";
static const char copy_attendance[] =
    "INSERT INTO main.attendance (session_id, member_id, status, reason) "
    "SELECT d.id, dm.id, a.status, a.reason FROM temp.fx_merge_touched t "
    "JOIN main.session d ON d.uuid = t.uuid JOIN src.session s ON s.uuid = t.uuid "
    "JOIN src.attendance a ON a.session_id = s.id JOIN src.member sm ON sm.id = a.member_id "
    "JOIN main.member dm ON dm.uuid = sm.uuid";
static const char clear_targets[] = "DELETE FROM main.session_branch WHERE session_id IN "
                                    "(SELECT d.id FROM main.session d JOIN temp.fx_merge_touched t ON t.uuid = d.uuid)";
static const char copy_targets[] =
    "INSERT INTO main.session_branch (session_id, branch_id) "
    "SELECT d.id, db.id FROM temp.fx_merge_touched t "
    "JOIN main.session d ON d.uuid = t.uuid JOIN src.session s ON s.uuid = t.uuid "
    "JOIN src.session_branch sb ON sb.session_id = s.id JOIN src.branch b ON b.id = sb.branch_id "
    "JOIN main.branch db ON db.uuid = b.uuid";

/* A session's plan link (schema 7) follows the session, as its roll call does. */
static const char clear_plan_links[] =
    "DELETE FROM main.plan_link WHERE session_id IN "
    "(SELECT d.id FROM main.session d JOIN temp.fx_merge_touched t ON t.uuid = d.uuid)";
static const char copy_plan_links[] =
    "INSERT INTO main.plan_link (session_id, plan_id, how, linked_at) "
    "SELECT d.id, dp.id, l.how, l.linked_at FROM temp.fx_merge_touched t "
    "JOIN main.session d ON d.uuid = t.uuid JOIN src.session s ON s.uuid = t.uuid "
    "JOIN src.plan_link l ON l.session_id = s.id JOIN src.plan_item sp ON sp.id = l.plan_id "
    "JOIN main.plan_item dp ON dp.uuid = sp.uuid";

static int exec(sqlite3 *db, const char *sql, struct fx_error *err)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : store_fail(db, rc, err, "合并账本");
}

static int64_t changes(sqlite3 *db, const char *sql, struct fx_error *err, int *rc)
{
    if ((*rc = exec(db, sql, err)) != 0)
        return 0;
    return sqlite3_changes64(db);
}

/* Run a KEPT/SKIPPED query, reporting each row; returns the count or -1. */
static int64_t report_rows(sqlite3 *db, const char *sql, int entity, const char *why, merge_report_fn report, void *ctx,
                           struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db, sql, &st, err))
        return -1;
    int64_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        n++;
        if (report)
            report(ctx, entity, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                   (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3), why);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail(db, rc, err, "合并账本");
        return -1;
    }
    return n;
}

int merge_open_target(const char *path, const char *unit_name, sqlite3 **db, struct fx_error *err)
{
    if (store_open(path, STORE_CREATE | STORE_WRITER, db, err))
        return err->code;
    if (store_unit_id(*db) > 0)
        return 0;
    int rc = store_init_unit(*db, unit_name && *unit_name ? unit_name : "县级汇总", err);
    if (rc) {
        store_close(*db);
        *db = NULL;
    }
    return rc;
}

/* The input, opened read-only as any ledger from elsewhere is: its header
 * before anything, its schema against this version's (a view or trigger of
 * its own is refused, named), a read-only medium through an immutable view or
 * a private copy with its WAL. Its identity goes into uuid and name. */
static int open_source(const char *path, sqlite3 **src, char *uuid, char *name, struct fx_error *err)
{
    if (store_open(path, STORE_READONLY, src, err)) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        /* Anything but a locked or refusing file system is a bad input: exit 3. */
        int code = err->code == FX_EFS || err->code == FX_ELOCKED ? err->code : FX_EINPUT;
        fx_fail(err, code, "%s（不能合并）", why);
        return code;
    }
    sqlite3_stmt *st;
    int rc = store_prepare(*src, "SELECT uuid, name FROM unit WHERE is_local = 1 ORDER BY id LIMIT 1", &st, err);
    if (!rc) {
        int s = sqlite3_step(st);
        if (s == SQLITE_ROW) {
            store_copy_column(uuid, 37, st, 0);
            store_copy_column(name, 201, st, 1);
        } else if (s == SQLITE_DONE) {
            rc = fx_fail(err, FX_EINPUT, "%s 没有本单位（分校）的记录，不能合并", path);
        } else {
            rc = store_fail(*src, s, err, "读取要合并的账本");
        }
        sqlite3_finalize(st);
    }
    if (rc) {
        store_close(*src);
        *src = NULL;
    }
    return rc;
}

/* Audit records for the sessions this merge added or replaced (verify asks
 * every session for its insert record, and a voided one for its void
 * record): first the input's own records of them, as they were written in
 * the township (who and when; their JSON keeps the township's row ids), each
 * once however often it is merged; then, for a session the input has none
 * for, one written now in the name of whoever merges. */
static const char copy_session_audit[] =
    "INSERT INTO main.audit (at, who, action, entity, uuid, before, after) "
    "SELECT a.at, a.who, a.action, a.entity, a.uuid, a.before, a.after FROM src.audit a "
    "JOIN temp.fx_merge_touched t ON t.uuid = a.uuid WHERE a.entity = 'session' "
    "AND NOT EXISTS (SELECT 1 FROM main.audit d WHERE d.entity = 'session' AND d.uuid = a.uuid "
    "AND d.action = a.action AND d.at = a.at AND d.who = a.who) ORDER BY a.id";
static const char add_session_audit[] =
    "INSERT INTO main.audit (who, action, entity, uuid, after) "
    "SELECT ?1, v.action, 'session', d.uuid, json_object('merged_from', ?2, 'id', d.id, 'date', d.date, "
    "'title', d.title, 'hours', d.hours, 'voided', d.voided, 'void_reason', d.void_reason) "
    "FROM temp.fx_merge_touched t JOIN main.session d ON d.uuid = t.uuid "
    "JOIN (SELECT 'insert' AS action UNION ALL SELECT 'void') v ON v.action = 'insert' OR d.voided = 1 "
    "WHERE NOT EXISTS (SELECT 1 FROM main.audit x WHERE x.entity = 'session' AND x.uuid = d.uuid "
    "AND x.action = v.action) ORDER BY d.id, v.action = 'void'";

/* Funds entries carry their audit like sessions (verify asks every entry for its insert, a voided one for its
 * void): the input's records of the entries now in the target, then a merge record for any still without.
 * Plan items and the plan links of the sessions taken carry the input's records the same way. */
static const char copy_funds_audit[] =
    "INSERT INTO main.audit (at, who, action, entity, uuid, before, after) "
    "SELECT a.at, a.who, a.action, a.entity, a.uuid, a.before, a.after FROM src.audit a "
    "JOIN temp.fx_merge_touched t ON t.uuid = a.uuid WHERE a.entity IN ('funds', 'plan', 'plan_link') "
    "AND NOT EXISTS (SELECT 1 FROM main.audit x WHERE x.entity = a.entity AND x.uuid = a.uuid "
    "AND x.action = a.action AND x.at = a.at AND x.who = a.who) ORDER BY a.id";
static const char add_funds_audit[] =
    "INSERT INTO main.audit (who, action, entity, uuid, after) "
    "SELECT ?1, v.action, 'funds', d.uuid, json_object('merged_from', ?2, 'id', d.id, 'date', d.date, "
    "'direction', d.direction, 'source', d.source, 'amount', d.amount, 'voided', d.voided, 'void_reason', "
    "d.void_reason) FROM main.funds_entry d "
    "JOIN (SELECT 'insert' AS action UNION ALL SELECT 'void') v ON v.action = 'insert' OR d.voided = 1 "
    "WHERE NOT EXISTS (SELECT 1 FROM main.audit x WHERE x.entity = 'funds' AND x.uuid = d.uuid "
    "AND x.action = v.action) ORDER BY d.id, v.action = 'void'";

/* Problems, tasks and points adjustments carry the input's audit records of the rows now in the target (their
 * history is theirs, whichever version was kept). */
static const char copy_problem_audit[] =
    "INSERT INTO main.audit (at, who, action, entity, uuid, before, after) "
    "SELECT a.at, a.who, a.action, a.entity, a.uuid, a.before, a.after FROM src.audit a "
    "WHERE a.entity IN ('problem', 'problem_task', 'points') "
    "AND (EXISTS (SELECT 1 FROM main.problem x WHERE x.uuid = a.uuid) OR "
    "     EXISTS (SELECT 1 FROM main.problem_task x WHERE x.uuid = a.uuid) OR "
    "     EXISTS (SELECT 1 FROM main.points_adjust x WHERE x.uuid = a.uuid)) "
    "AND NOT EXISTS (SELECT 1 FROM main.audit x WHERE x.entity = a.entity AND x.uuid = a.uuid "
    "AND x.action = a.action AND x.at = a.at AND x.who = a.who) ORDER BY a.id";

/* The roll call of each session taken from the input, as it now is in the target (its member ids): a record
 * with no before, from which a replay starts again (rollaudit.h), so verify can still prove every roll call.
 * The input's own roll-call records name the input's member ids and stay there. */
static int write_roll_audit(sqlite3 *db, struct fx_error *err)
{
    sqlite3_stmt *st, *keep = NULL;
    int rc = store_prepare(db,
                           "SELECT d.id, d.uuid FROM temp.fx_merge_touched t JOIN main.session d ON d.uuid = t.uuid "
                           "ORDER BY d.id",
                           &st, err);
    int s = SQLITE_DONE;
    while (!rc && (s = sqlite3_step(st)) == SQLITE_ROW) {
        struct roll_list now = {0};
        rc = roll_read(db, sqlite3_column_int64(st, 0), &keep, &now, err);
        if (!rc)
            rc = roll_audit(db, "merge", (const char *)sqlite3_column_text(st, 1), NULL, &now, err);
        roll_list_free(&now);
    }
    if (!rc && s != SQLITE_DONE)
        rc = store_fail(db, s, err, "写点名的审计记录");
    sqlite3_finalize(st);
    sqlite3_finalize(keep);
    return rc;
}

static int write_session_audit(sqlite3 *db, const char *src_uuid, struct fx_error *err)
{
    int rc = exec(db, copy_session_audit, err);
    if (!rc)
        rc = exec(db, copy_funds_audit, err);
    if (!rc)
        rc = exec(db, copy_problem_audit, err);
    if (rc)
        return rc;
    const char *adds[] = {add_session_audit, add_funds_audit};
    for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++) {
        sqlite3_stmt *st;
        if ((rc = store_prepare(db, adds[i], &st, err)) != 0)
            return rc;
        sqlite3_bind_text(st, 1, store_actor(), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, src_uuid, -1, SQLITE_STATIC);
        int s = sqlite3_step(st);
        sqlite3_finalize(st);
        if (s != SQLITE_DONE)
            return store_fail(db, s, err, "合并账本");
    }
    return 0;
}

/* A failure while reading the input: a damaged input is bad input (exit 3),
 * as it would be at its opening; a damaged target stays what it is. */
static int blame_source(sqlite3 *db, const char *src_path, int rc, struct fx_error *err)
{
    int code = sqlite3_extended_errcode(db) & 0xff;
    if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB)
        return rc;
    char check[8] = "";
    if (store_get_text(db, "PRAGMA src.quick_check(1)", STORE_NO_ARGS, check, sizeof check, NULL) == 0 &&
        !strcmp(check, "ok"))
        return rc;
    return fx_fail(err, FX_EINPUT, "要合并的账本 %s 已损坏，不能合并；汇总账本没有改动", src_path);
}

int merge_ledger(sqlite3 *db, const char *src_path, struct merge_result *res, merge_report_fn report, void *ctx,
                 struct fx_error *err)
{
    memset(res, 0, sizeof *res);
    char src_uuid[37] = "", local_uuid[37] = "";
    sqlite3 *src = NULL;
    int rc = open_source(src_path, &src, src_uuid, res->unit, err);
    if (rc)
        return rc;
    if ((rc = store_get_text(db, "SELECT uuid FROM main.unit WHERE is_local = 1 ORDER BY id LIMIT 1", STORE_NO_ARGS,
                             local_uuid, sizeof local_uuid, err)) != 0) {
        store_close(src);
        return rc;
    }
    if (!strcmp(src_uuid, local_uuid)) {
        store_close(src);
        return fx_fail(err, FX_EINPUT, "%s 就是汇总账本本身（或它的副本），不能合并到自己", src_path);
    }
    /* The same file (or view, or copy) the checks above read, checked again as attached. */
    if ((rc = store_attach_source(db, src, err)) != 0) {
        store_close(src);
        return rc;
    }
    if ((rc = exec(db, "CREATE TEMP TABLE IF NOT EXISTS fx_merge_touched (uuid TEXT PRIMARY KEY)", err)) ||
        (rc = exec(db, "DELETE FROM temp.fx_merge_touched", err)) || (rc = store_begin(db, err)))
        goto detach;

    /* Units: the input's own and any it merged before; none is local here. */
    res->n[MERGE_UNIT].added = changes(db,
                                       "INSERT INTO main.unit (uuid, name, is_local, created_at) "
                                       "SELECT s.uuid, s.name, 0, s.created_at FROM src.unit s "
                                       "WHERE NOT EXISTS (SELECT 1 FROM main.unit d WHERE d.uuid = s.uuid)",
                                       err, &rc);
    if (!rc)
        res->n[MERGE_UNIT].updated = changes(db,
                                             "UPDATE main.unit AS d SET name = s.name FROM src.unit AS s "
                                             "WHERE d.uuid = s.uuid AND d.is_local = 0 AND d.name IS NOT s.name",
                                             err, &rc);
    if (!rc)
        res->n[MERGE_UNIT].unchanged = store_int(db, "SELECT count(*) FROM src.unit", NULL) - res->n[MERGE_UNIT].added -
                                       res->n[MERGE_UNIT].updated;
    /* Words a township added to its vocabulary come along, so its sessions read the same. */
    if (!rc)
        rc = exec(db, "INSERT OR IGNORE INTO main.vocab (kind, name, ord) SELECT kind, name, ord FROM src.vocab", err);

    for (size_t i = 0; !rc && i < sizeof tables / sizeof tables[0]; i++) {
        const struct table_sql *t = &tables[i];
        struct merge_counts *n = &res->n[t->entity];
        int64_t total = -1;
        if ((rc = store_get_int(db, t->count, STORE_NO_ARGS, &total, err)) != 0)
            break;
        int64_t kept = report_rows(db, t->kept, t->entity, "两边都有修改或输入文件较旧：保留汇总账本中较新的版本",
                                   report, ctx, err);
        int64_t closed = t->skipped ? report_rows(db, t->skipped, t->entity, "该年度在汇总账本中已交账（只读）：未合并",
                                                  report, ctx, err)
                                    : 0;
        if (kept < 0 || closed < 0) {
            rc = err->code;
            break;
        }
        if (t->entity == MERGE_SESSION && (rc = exec(db, touch_sessions, err)) != 0)
            break;
        if (t->entity == MERGE_FUNDS && (rc = exec(db, touch_funds, err)) != 0)
            break;
        if (t->entity == MERGE_PLAN && (rc = exec(db, touch_plan, err)) != 0)
            break;
        n->updated = changes(db, t->upd, err, &rc);
        if (!rc)
            n->added = changes(db, t->ins, err, &rc);
        if (rc)
            break;
        n->kept = kept;
        n->closed = closed;
        n->unchanged = total - n->added - n->updated - kept - closed;
        if (t->entity == MERGE_SESSION) {
            if ((rc = exec(db, clear_attendance, err)) || (rc = exec(db, clear_targets, err)))
                break;
            res->attendance = changes(db, copy_attendance, err, &rc);
            if (!rc)
                changes(db, copy_targets, err, &rc);
            if (!rc && !(rc = exec(db, clear_plan_links, err)))
                changes(db, copy_plan_links, err, &rc);
        }
    }
    if (!rc)
        rc = write_session_audit(db, src_uuid, err);
    if (!rc)
        rc = write_roll_audit(db, err);
    if (!rc)
        rc = merge_attachments(db, src_path, src_uuid, res, report, ctx, err);
    int64_t changed = 0;
    for (int e = 0; e < MERGE_NENTITIES; e++)
        changed += res->n[e].added + res->n[e].updated;
    if (!rc && changed > 0) {
        char after[400];
        snprintf(
            after, sizeof after,
            "{\"units\":%lld,\"branches\":%lld,\"members\":%lld,\"sessions_added\":%lld,\"sessions_updated\":%lld}",
            (long long)res->n[MERGE_UNIT].added, (long long)res->n[MERGE_BRANCH].added,
            (long long)res->n[MERGE_MEMBER].added, (long long)res->n[MERGE_SESSION].added,
            (long long)res->n[MERGE_SESSION].updated);
        rc = store_audit(db, "merge", "unit", src_uuid, NULL, after, err);
    }
    if (rc) {
        rc = blame_source(db, src_path, rc, err);
        store_rollback(db);
    } else {
        rc = store_commit(db, err);
    }
detach:
    store_detach_source(db);
    store_close(src);
    return rc;
}

int merge_unit_summary(sqlite3 *db, const struct fx_period *p, merge_unit_fn row, void *ctx, struct fx_error *err)
{
    /* The same definitions as stats_period (training kinds only), for every unit in one pass: the period's
     * sessions are found once by date (session_date), their roll calls by key, and each figure is grouped by
     * unit, instead of walking each unit's sessions and roll calls apart (issue 22: 167 s at county scale). */
    static const char sql[] = MERGE_UNIT_SUMMARY_SQL;
    sqlite3_stmt *st;
    if (store_prepare(db, sql, &st, err))
        return err->code;
    sqlite3_bind_text(st, 1, p->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->to, -1, SQLITE_STATIC);
    int rc = 0, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        struct merge_unit_row r;
        memset(&r, 0, sizeof r);
        r.unit_id = sqlite3_column_int64(st, 0);
        snprintf(r.name, sizeof r.name, "%s", (const char *)sqlite3_column_text(st, 1));
        r.is_local = sqlite3_column_int(st, 2);
        r.sessions = sqlite3_column_int64(st, 3);
        r.hours = sqlite3_column_double(st, 4);
        r.expected = sqlite3_column_int64(st, 5);
        r.present = sqlite3_column_int64(st, 6);
        r.person_times = r.present;
        r.person_hours = sqlite3_column_double(st, 7);
        r.people = sqlite3_column_int64(st, 8);
        r.members = sqlite3_column_int64(st, 9);
        r.spent = sqlite3_column_int64(st, 10);
        r.attendance_rate = stats_attendance_rate(r.present, r.expected);
        r.coverage = r.members > 0 ? (double)r.people / (double)r.members : 0;
        if ((rc = row(ctx, &r)) != 0)
            break;
    }
    sqlite3_finalize(st);
    if (!rc && s != SQLITE_DONE)
        return store_fail(db, s, err, "读取账本");
    return rc;
}
