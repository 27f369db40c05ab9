/* report_menu.c — builds the course menu (培训菜单) report model: offered courses by content category
 * and module, read again from the ledger each time it is rendered, in the 菜单 screen's order. */
#include "report_menu.h"

#include <stdio.h>
#include <stdlib.h>

#include "course.h"
#include "pinyin.h"
#include "report_internal.h"
#include "store.h"
#include "vocab.h"

/* The order is course_page's, so the printed menu reads as the screen
 * does; a category missing from the vocab sorts last there too. */
#define SQL_MENU_WHERE "WHERE c.retired = 0 AND (?1 = '' OR c.category = ?1) "
#define SQL_MENU_ROWS                                                                                                  \
    "SELECT c.category, c.module, c.title, c.format, ifnull(t.name, ''), ifnull(v.name, ''), c.hours, c.featured "     \
    "FROM course c LEFT JOIN vocab k ON k.kind = 'category' AND k.name = c.category "                                  \
    "LEFT JOIN teacher t ON t.id = c.teacher_id LEFT JOIN venue v ON v.id = c.venue_id " SQL_MENU_WHERE                \
    "ORDER BY ifnull(k.ord, 1000000), c.module, c.title, c.id LIMIT ?2 OFFSET ?3"
#define SQL_MENU_COUNT "SELECT count(*), ifnull(sum(c.featured), 0) FROM course c " SQL_MENU_WHERE

enum { C_CATEGORY, C_MODULE, C_TITLE, C_FORMAT, C_TEACHER, C_VENUE, C_HOURS, C_FEATURED };

static void fill_menu(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    (void)seq; /* no 序号: see report_menu */
    for (int i = 0; i < 6; i++)
        report_put_text(r, C_CATEGORY + i, report_col_text(st, i));
    report_put_num(r, C_HOURS, sqlite3_column_double(st, 6), 1);
    report_put_text(r, C_FEATURED, sqlite3_column_int(st, 7) ? "精品" : "");
}

int report_menu_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                     struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(rep->db, SQL_MENU_ROWS, &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_text(st, 1, rep->params.menu.category, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, limit < 0 ? -1 : limit);
    sqlite3_bind_int64(st, 3, offset);
    return report_stream(rep, st, offset, fill_menu, fn, ctx, "读取培训菜单", err);
}

/* "没有“X”这个内容类别；内容类别有：A、B、…" — the list is the fix. */
static int unknown_category(sqlite3 *db, const char *category, struct fx_error *err)
{
    struct vocab_list *v = malloc(sizeof *v);
    char known[1024] = "";
    if (v && vocab_get(db, "category", v, err) == 0) {
        size_t n = 0;
        for (int i = 0; i < v->n && n < sizeof known; i++)
            n += (size_t)snprintf(known + n, sizeof known - n, "%s%s", i ? "、" : "", v->name[i]);
    }
    free(v);
    return fx_fail_field(err, FX_EINPUT, "category", "没有“%s”这个内容类别；内容类别有：%s", category, known);
}

int report_menu(sqlite3 *db, const struct fx_config *cfg, const char *category, struct report *rep,
                struct fx_error *err)
{
    report_begin(db, cfg, REPORT_MENU, rep);
    if (!category)
        category = "";
    bool known = true;
    int rc = *category ? vocab_has(db, "category", category, &known, err) : 0;
    if (rc)
        return rc;
    if (!known)
        return unknown_category(db, category, err);
    snprintf(rep->params.menu.category, sizeof rep->params.menu.category, "%s", category);

    /* A menu has no period: it is what can be ordered as of the day it is made. */
    if (*category)
        snprintf(rep->title, sizeof rep->title, "培训菜单（%s）", category);
    else
        snprintf(rep->title, sizeof rep->title, "培训菜单");
    snprintf(rep->period_label, sizeof rep->period_label, "截至 %s", rep->made);
    char initials[32] = "";
    if (*category)
        pinyin_initials(category, initials, sizeof initials);
    snprintf(rep->slug, sizeof rep->slug, "menu%s%s", *initials ? "-" : "", initials);
    snprintf(rep->sheet, sizeof rep->sheet, "培训菜单");
    /* Widths are display columns and PDF proportions at once: on A4 portrait
     * they keep a 9-character category, an 18-character title, 4 characters of
     * module and format and 9 of venue whole; longer ones end in "…". No 序号:
     * a branch orders by title, and a number would shift with every new course. */
    report_add_col(rep, "内容类别", 'l', 18);
    report_add_col(rep, "模块", 'l', 9);
    report_add_col(rep, "课程名称", 'l', 35);
    report_add_col(rep, "形式", 'l', 9);
    report_add_col(rep, "教师", 'l', 7);
    report_add_col(rep, "场地/教学点", 'l', 18);
    report_add_col(rep, "学时", 'r', 5);
    report_add_col(rep, "精品", 'c', 5);
    /* As text the menu is handed out on A4 as it always was, at most 80 columns:
     * the title keeps the most room, the category most of its own; longer ones end in "…". */
    static const int text_widths[] = {12, 8, 20, 8, 6, 4, 4, 4};
    for (int i = 0; i < rep->ncols && i < (int)(sizeof text_widths / sizeof text_widths[0]); i++)
        rep->col[i].text_width = text_widths[i];

    sqlite3_stmt *st;
    if (store_prepare(db, SQL_MENU_COUNT, &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_text(st, 1, category, -1, SQLITE_TRANSIENT);
    int s = sqlite3_step(st);
    int64_t courses = 0, featured = 0;
    if (s == SQLITE_ROW) {
        courses = sqlite3_column_int64(st, 0);
        featured = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_ROW)
        return store_fail(db, s, err, "统计培训菜单");
    rep->nrows = courses;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, C_CATEGORY, "合计");
    report_put_textf(t, C_TITLE, "%lld 门课程", (long long)courses);
    report_put_int(t, C_FEATURED, featured);
    report_add_figure_int(rep, "课程", courses, "门");
    report_add_figure_int(rep, "精品", featured, "门");
    /* The whole menu also says how many courses each category offers, as the
     * 菜单 screen's left pane does (and from the same count). */
    if (!*category) {
        struct course_count *counts = calloc(VOCAB_MAX, sizeof *counts);
        if (!counts)
            return fx_fail(err, FX_EINTERNAL, "内存不足");
        int n = course_count_by_category(db, counts, VOCAB_MAX, err);
        for (int i = 0; i < n; i++)
            report_add_figure_int(rep, counts[i].category, counts[i].courses, "门");
        free(counts);
        if (n < 0)
            return err->code;
    }
    report_add_note(
        rep,
        "点单：党组织选定课程后，向分校报课程名称、党组织名称和希望的日期；分校排定日期、教师和场地后通知党组织。");
    report_add_note(rep, "没有写教师或场地的课程，排课时再定；场地可以是分校主阵地，也可以是现场教学点。");
    report_add_note(rep, "学时为每门课的参考学时；精品为分校评定的精品课程。");
    report_add_note(rep, "已停用的课程不列入本菜单，也不能点单；已经办过的培训记录不受影响。");
    return 0;
}
