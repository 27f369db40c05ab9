/* export.c — tables to CSV and XLSX: one query per table, its rows streamed to the writer.
 * The column lists below are the export format; their headers match data/import.ini. */
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvout.h"
#include "feedback.h"
#include "export_sheet.h"
#include "outfile.h"
#include "paths.h"
#include "problem.h"
#include "store.h"
#include "text.h"
#include "rollaudit.h"

#define STATE(col) "CASE " col " WHEN 1 THEN '在册' ELSE '停用' END"

static const struct export_def defs[EXPORT_NTABLES] = {
    [EXPORT_BRANCHES] = {"branches",
                         "党组织",
                         "SELECT b.name, b.kind, b.secretary, b.phone, "
                         "(SELECT count(*) FROM member m WHERE m.branch_id = b.id AND m.active = 1), " STATE(
                             "b.active") ", u.name, b.uuid "
                                         "FROM branch b JOIN unit u ON u.id = b.unit_id ORDER BY u.id, b.name, b.id",
                         {{"党组织名称", 't', 30},
                          {"类型", 't', 8},
                          {"书记", 't', 10},
                          {"联系电话", 't', 14},
                          {"党员数", 'i', 8},
                          {"状态", 't', 6},
                          {"所属分校", 't', 20},
                          {"UUID", 't', 38}}},
    [EXPORT_MEMBERS] =
        {"members",
         "党员名册",
         "SELECT m.name, m.gender, b.name, m.phone, m.role, m.note, " STATE(
             "m.active") ", u.name, m.uuid "
                         "FROM member m JOIN branch b ON b.id = m.branch_id JOIN unit u ON u.id = b.unit_id "
                         "ORDER BY u.id, b.name, m.name, m.id",
         {{"姓名", 't', 10},
          {"性别", 't', 5},
          {"所在党支部", 't', 30},
          {"联系电话", 't', 14},
          {"人员类别", 't', 12},
          {"备注", 't', 30},
          {"状态", 't', 6},
          {"所属分校", 't', 20},
          {"UUID", 't', 38}}},
    [EXPORT_TEACHERS] =
        {"teachers",
         "师资库",
         "SELECT t.name, t.employment, t.type, CASE t.is_adviser WHEN 1 THEN '是' ELSE '否' END, t.org, t.phone, "
         "t.topics, " STATE("t.active") ", u.name, t.uuid FROM teacher t JOIN unit u ON u.id = t.unit_id "
                                        "ORDER BY u.id, t.name, t.id",
         {{"姓名", 't', 10},
          {"专职兼职", 't', 8},
          {"类型", 't', 8},
          {"指导员", 't', 6},
          {"单位", 't', 24},
          {"联系电话", 't', 14},
          {"擅长专题", 't', 30},
          {"状态", 't', 6},
          {"所属分校", 't', 20},
          {"UUID", 't', 38}}},
    [EXPORT_VENUES] =
        {"venues",
         "场地",
         "SELECT v.name, v.kind, v.theme, v.address, v.capacity, v.guide, " STATE(
             "v.active") ", u.name, v.uuid "
                         "FROM venue v JOIN unit u ON u.id = v.unit_id ORDER BY u.id, v.kind, v.name, v.id",
         {{"名称", 't', 24},
          {"类型", 't', 8},
          {"主题", 't', 20},
          {"地址", 't', 30},
          {"容纳人数", 'i', 8},
          {"讲解员", 't', 10},
          {"状态", 't', 6},
          {"所属分校", 't', 20},
          {"UUID", 't', 38}}},
    [EXPORT_COURSES] =
        {"courses",
         "培训菜单",
         "SELECT c.title, c.category, c.module, c.format, ifnull(t.name, ''), ifnull(v.name, ''), c.hours, "
         "c.description, CASE c.featured WHEN 1 THEN '是' ELSE '否' END, "
         "CASE c.retired WHEN 1 THEN '停用' ELSE '在用' END, u.name, c.uuid "
         "FROM course c JOIN unit u ON u.id = c.unit_id LEFT JOIN teacher t ON t.id = c.teacher_id "
         "LEFT JOIN venue v ON v.id = c.venue_id ORDER BY u.id, c.category, c.module, c.title, c.id",
         {{"课程名称", 't', 30},
          {"内容类别", 't', 16},
          {"模块", 't', 12},
          {"形式", 't', 10},
          {"教师", 't', 10},
          {"场地", 't', 20},
          {"学时", 'r', 6},
          {"简介", 't', 40},
          {"精品课", 't', 6},
          {"状态", 't', 6},
          {"所属分校", 't', 20},
          {"UUID", 't', 38}}},
    [EXPORT_SESSIONS] =
        {"sessions",
         "培训台账",
         "SELECT s.id, s.date, s.start_time, s.end_time, s.title, s.category, s.format, s.kind, "
         "ifnull(t.name, ''), ifnull(v.name, ''), s.hours, s.expected, s.present, "
         "ifnull((SELECT group_concat(name, '、') FROM (SELECT b.name FROM session_branch sb "
         "JOIN branch b ON b.id = sb.branch_id WHERE sb.session_id = s.id ORDER BY b.name)), ''), "
         "s.recorder, s.note, CASE s.voided WHEN 1 THEN '作废：' || s.void_reason ELSE '' END, u.name, s.uuid "
         "FROM session s JOIN unit u ON u.id = s.unit_id LEFT JOIN teacher t ON t.id = s.teacher_id "
         "LEFT JOIN venue v ON v.id = s.venue_id ORDER BY s.date, s.id",
         {{"编号", 'i', 6},
          {"日期", 't', 11},
          {"开始", 't', 6},
          {"结束", 't', 6},
          {"标题", 't', 30},
          {"内容类别", 't', 16},
          {"形式", 't', 10},
          {"类型", 't', 8},
          {"教师", 't', 10},
          {"场地", 't', 20},
          {"学时", 'r', 6},
          {"应到", 'i', 6},
          {"实到", 'i', 6},
          {"对象党组织", 't', 30},
          {"记录人", 't', 8},
          {"备注", 't', 30},
          {"状态", 't', 12},
          {"所属分校", 't', 20},
          {"UUID", 't', 38}}},
    [EXPORT_ATTENDANCE] =
        {"attendance",
         "出勤记录",
         "SELECT s.id, s.date, s.title, m.name, b.name, m.phone, "
         "CASE a.status WHEN " ROLL_SQL_PRESENT " THEN '出席' WHEN " ROLL_SQL_LEAVE " THEN '请假' ELSE '缺席' END, a.reason, "
         "CASE WHEN a.status = " ROLL_SQL_PRESENT " AND s.voided = 0 THEN s.hours ELSE 0 END, "
         "CASE s.voided WHEN 1 THEN '作废' ELSE '' END, u.name "
         "FROM attendance a JOIN session s ON s.id = a.session_id JOIN member m ON m.id = a.member_id "
         "JOIN branch b ON b.id = m.branch_id JOIN unit u ON u.id = s.unit_id ORDER BY s.date, s.id, m.name, m.id",
         {{"培训编号", 'i', 8},
          {"日期", 't', 11},
          {"培训标题", 't', 30},
          {"姓名", 't', 10},
          {"所在党支部", 't', 30},
          {"联系电话", 't', 14},
          {"出勤", 't', 6},
          {"原因", 't', 20},
          {"学时", 'r', 6},
          {"培训状态", 't', 8},
          {"所属分校", 't', 20}}},
    /* Amounts leave as yuan numbers (whole 分 ÷ 100, two decimals at most): a spreadsheet sums them. */
    [EXPORT_FUNDS] = {"funds",
                      "经费台账",
                      "SELECT f.id, f.date, f.direction, f.source, f.category, f.amount / 100.0, f.counterpart, "
                      "f.voucher, ifnull(f.session_id, ''), f.note, f.rule_reason, f.recorder, "
                      "CASE f.voided WHEN 1 THEN '作废：' || f.void_reason ELSE '' END, u.name, f.uuid "
                      "FROM funds_entry f JOIN unit u ON u.id = f.unit_id ORDER BY f.date, f.id",
                      {{"编号", 'i', 6},
                       {"日期", 't', 11},
                       {"收支", 't', 6},
                       {"经费来源", 't', 14},
                       {"类别", 't', 10},
                       {"金额", 'r', 12},
                       {"对方", 't', 20},
                       {"凭证号", 't', 10},
                       {"培训编号", 't', 8},
                       {"备注", 't', 30},
                       {"例外原因", 't', 20},
                       {"记录人", 't', 8},
                       {"状态", 't', 12},
                       {"所属分校", 't', 20},
                       {"UUID", 't', 38}}},
    /* In the words of `plan import` (月份 标题 内容类别 类型 学时 参训对象 负责人), so the file imports back. */
    [EXPORT_PLAN] = {"plan",
                     "年度培训计划",
                     "SELECT p.id, p.year, CASE WHEN p.month_first = p.month_last THEN p.month_first || '月' "
                     "ELSE p.month_first || '-' || p.month_last || '月' END, p.title, p.category, p.kind, p.hours, "
                     "p.target, p.responsible, ifnull(c.title, ''), p.note, "
                     "ifnull((SELECT group_concat(l.session_id, '、') FROM plan_link l WHERE l.plan_id = p.id), ''), "
                     "CASE p.voided WHEN 1 THEN '作废：' || p.void_reason ELSE '' END, u.name, p.uuid "
                     "FROM plan_item p JOIN unit u ON u.id = p.unit_id LEFT JOIN course c ON c.id = p.course_id "
                     "ORDER BY p.year, p.month_last, p.month_first, p.id",
                     {{"编号", 'i', 6},
                      {"年度", 'i', 6},
                      {"月份", 't', 8},
                      {"标题", 't', 30},
                      {"内容类别", 't', 16},
                      {"类型", 't', 10},
                      {"学时", 'r', 6},
                      {"参训对象", 't', 16},
                      {"负责人", 't', 8},
                      {"课程", 't', 20},
                      {"备注", 't', 20},
                      {"培训编号", 't', 12},
                      {"状态", 't', 12},
                      {"所属分校", 't', 20},
                      {"UUID", 't', 38}}},
    /* The three lists flat: a problem's columns (问题清单, 责任清单) repeated on each of its tasks (任务清单). */
    [EXPORT_PROBLEMS] = {"problems",
                         "问题清单",
                         "SELECT p.id, p.date, p.source, p.description, p.item, ifnull(p.plan_item_id, ''), "
                         "p.resp_unit, p.resp_person, CASE WHEN " PROBLEM_OPEN_SQL("p") " THEN '未整改完成' ELSE "
                         "'已整改' END, ifnull(t.id, ''), ifnull(t.measure, ''), ifnull(t.resp_unit, ''), "
                         "ifnull(t.resp_person, ''), ifnull(t.deadline, ''), ifnull(t.status, ''), "
                         "ifnull(t.done_date, ''), ifnull(t.evidence, ''), u.name, p.uuid, ifnull(t.uuid, '') "
                         "FROM problem p JOIN unit u ON u.id = p.unit_id LEFT JOIN problem_task t ON t.problem_id = p.id "
                         "ORDER BY p.date, p.id, t.deadline, t.id",
                         {{"问题编号", 'i', 8},
                          {"发现日期", 't', 11},
                          {"来源", 't', 8},
                          {"问题", 't', 40},
                          {"清单条目", 't', 8},
                          {"计划项目", 't', 8},
                          {"责任单位", 't', 20},
                          {"责任人", 't', 8},
                          {"问题状态", 't', 10},
                          {"任务编号", 't', 8},
                          {"整改措施", 't', 40},
                          {"任务责任单位", 't', 20},
                          {"任务责任人", 't', 8},
                          {"完成时限", 't', 11},
                          {"任务状态", 't', 8},
                          {"完成日期", 't', 11},
                          {"佐证", 't', 30},
                          {"所属分校", 't', 20},
                          {"问题UUID", 't', 38},
                          {"任务UUID", 't', 38}}},
    /* 满意度 leaves as a number 0…1 rounded to 0.1% (feedback.h's one definition); empty with no form returned. */
    [EXPORT_FEEDBACK] = {"feedback",
                         "培训评价",
                         "SELECT s.id, s.date, s.title, ifnull(t.name, ''), f.returned, f.satisfied, f.basic, f.unsatisfied, "
                         "f.score, f.scale, "
                         "CASE WHEN " FEEDBACK_SQL_FORMS("f") " > 0 THEN round(1.0 * " FEEDBACK_SQL_SATISFIED(
                             "f") " / " FEEDBACK_SQL_FORMS("f") ", 3) END, f.comment, f.recorder, "
                                  "CASE s.voided WHEN 1 THEN '作废' ELSE '' END, u.name, f.uuid "
                                  "FROM session_feedback f JOIN session s ON s.id = f.session_id "
                                  "JOIN unit u ON u.id = s.unit_id LEFT JOIN teacher t ON t.id = s.teacher_id "
                                  "ORDER BY s.date, s.id",
                         {{"培训编号", 'i', 8},
                          {"日期", 't', 11},
                          {"培训标题", 't', 30},
                          {"教师", 't', 10},
                          {"回收", 'i', 6},
                          {"满意", 'i', 6},
                          {"基本满意", 'i', 8},
                          {"不满意", 'i', 6},
                          {"平均分", 'r', 6},
                          {"满分", 'i', 6},
                          {"满意度", 'r', 8},
                          {"意见建议", 't', 30},
                          {"记录人", 't', 8},
                          {"培训状态", 't', 8},
                          {"所属分校", 't', 20},
                          {"UUID", 't', 38}}},
};

int export_table_parse(const char *name)
{
    static const struct {
        const char *word;
        int table;
    } words[] = {
        {"党组织", EXPORT_BRANCHES}, {"党员", EXPORT_MEMBERS},    {"名册", EXPORT_MEMBERS},
        {"教师", EXPORT_TEACHERS},   {"师资", EXPORT_TEACHERS},   {"场地", EXPORT_VENUES},
        {"课程", EXPORT_COURSES},    {"菜单", EXPORT_COURSES},    {"台账", EXPORT_SESSIONS},
        {"培训", EXPORT_SESSIONS},   {"出勤", EXPORT_ATTENDANCE}, {"考勤", EXPORT_ATTENDANCE},
        {"经费", EXPORT_FUNDS},      {"计划", EXPORT_PLAN},       {"问题", EXPORT_PROBLEMS},
        {"问题清单", EXPORT_PROBLEMS}, {"评价", EXPORT_FEEDBACK},   {"满意度", EXPORT_FEEDBACK},
    };
    if (!name)
        return -1;
    for (int t = 0; t < EXPORT_NTABLES; t++)
        if (!strcmp(name, defs[t].name) ||
            (strlen(name) + 1 == strlen(defs[t].name) && !strncmp(name, defs[t].name, strlen(name))))
            return t;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(name, words[i].word))
            return words[i].table;
    return -1;
}

const char *export_table_label(int table)
{
    return table >= 0 && table < EXPORT_NTABLES ? defs[table].label : "?";
}

int export_ncols(const struct export_def *d)
{
    int n = 0;
    while (n < 20 && d->cols[n].head)
        n++;
    return n;
}

/* Ledger text is checked on the way in; still, an export must never carry
 * escapes or broken UTF-8 into a spreadsheet. Line breaks in notes are kept. */
const char *export_clean(const unsigned char *t, char *buf, size_t sz)
{
    const char *s = t ? (const char *)t : "";
    size_t n = strlen(s);
    bool plain = text_valid_utf8(s, n);
    for (size_t i = 0; plain && i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if ((b < 0x20 && b != '\n') || b == 0x7F || (b == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] < 0xA0))
            plain = false;
    }
    if (plain)
        return s;
    return text_sanitize(buf, sz, s);
}

static int prepare(sqlite3 *db, int table, sqlite3_stmt **st, struct fx_error *err)
{
    if (table < 0 || table >= EXPORT_NTABLES)
        return fx_fail(err, FX_EUSAGE, "未知的导出表");
    return store_prepare(db, defs[table].sql, st, err);
}

int export_csv(sqlite3 *db, int table, FILE *out, int64_t *rows, struct fx_error *err)
{
    sqlite3_stmt *st;
    int rc = prepare(db, table, &st, err);
    if (rc)
        return rc;
    const struct export_def *d = &defs[table];
    int n = export_ncols(d);
    struct csv_out c;
    csv_begin(&c, out, true);
    for (int i = 0; i < n; i++)
        csv_text(&c, d->cols[i].head);
    csv_end_row(&c);
    int64_t count = 0;
    char buf[8192];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && c.ok) {
        for (int i = 0; i < n; i++) {
            if (d->cols[i].type != 't' && sqlite3_column_type(st, i) == SQLITE_NULL)
                csv_text(&c, ""); /* a number that is not there stays empty, not 0 */
            else if (d->cols[i].type == 'i')
                csv_int(&c, sqlite3_column_int64(st, i));
            else if (d->cols[i].type == 'r')
                csv_number(&c, sqlite3_column_double(st, i));
            else
                csv_text(&c, export_clean(sqlite3_column_text(st, i), buf, sizeof buf));
        }
        csv_end_row(&c);
        count++;
    }
    int step = rc;
    sqlite3_finalize(st);
    if (rows)
        *rows = count;
    if (!csv_finish(&c))
        return fx_fail(err, FX_EFS, "写出%s失败（磁盘已满或管道已关闭）", d->label);
    if (step != SQLITE_DONE)
        return store_fail(db, step, err, "读取账本");
    return 0;
}

static int write_xlsx(sqlite3 *db, int table, const char *path, int64_t *rows, struct fx_error *err)
{
    sqlite3_stmt *st;
    int rc = prepare(db, table, &st, err);
    if (rc)
        return rc;
    return export_xlsx_sheet(db, st, &defs[table], path, rows, err);
}

int export_file(sqlite3 *db, int table, const char *format, const char *path, int flags, int64_t *rows,
                struct fx_error *err)
{
    bool xlsx = format && !strcmp(format, "xlsx");
    if (format && !xlsx && strcmp(format, "csv"))
        return fx_fail(err, FX_EUSAGE, "导出格式应为 csv 或 xlsx，而不是“%s”", format);
    struct outfile o;
    int rc = outfile_open(&o, path, flags, err);
    if (rc)
        return rc;
    if (xlsx) {
        outfile_close_stream(&o); /* libxlsxwriter writes the file by name */
        rc = write_xlsx(db, table, o.tmp, rows, err);
    } else {
        rc = export_csv(db, table, o.f, rows, err);
    }
    if (rc) {
        outfile_abort(&o);
        return rc;
    }
    return outfile_commit(&o, err);
}
