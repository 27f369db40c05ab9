/* ledger_pick.c — the pickers of the 台账 form and filter, with their titles, hints and columns: menu courses,
 * teachers and venues (a new one added on the spot), branches; the pickers themselves are in ../pickers/. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "pickers/branch_pick.h"
#include "pickers/course_pick.h"
#include "pickers/teacher_pick.h"
#include "pickers/venue_pick.h"
#include "branch.h"
#include "course.h"
#include "ledger_views.h"
#include "table.h"
#include "teacher.h"
#include "text.h"
#include "venue.h"

/* Both branch pickers of the 台账 tick: the filter its one branch, the form the branches chosen so far. */
static const struct branch_pick_col tick_cols[] = {{BRANCH_PICK_TICK, 3}, {BRANCH_PICK_NAME, 0}, {BRANCH_PICK_KIND, 8}};

/* A typed letter starts the picker's query, so "zs" on a field goes straight to 张三. */
int ledger_pick_key(int is_key, wint_t ch, char *q, size_t qsz)
{
    q[0] = '\0';
    if ((is_key && (ch == KEY_BACKSPACE || ch == KEY_DC)) || (!is_key && (ch == 127 || ch == 8)))
        return PICK_KEY_CLEAR;
    if (is_key || ch < ' ' || ch == 127)
        return PICK_KEY_OTHER;
    if (ch > ' ' && qsz > 4)
        q[text_encode((uint32_t)ch, q)] = '\0';
    return PICK_KEY_OPEN;
}

/* One branch (the list filter): Backspace clears. */
bool ledger_pick_branch(struct app *app, int is_key, wint_t ch, int64_t *id, char *name, size_t namesz)
{
    char q[8];
    switch (ledger_pick_key(is_key, ch, q, sizeof q)) {
    case PICK_KEY_CLEAR:
        *id = 0;
        name[0] = '\0';
        return true;
    case PICK_KEY_OPEN: break;
    default: return false;
    }
    struct branch_pick p = {.title = "选择党组织",
                            .hint = "输入名称或拼音首字母",
                            .cols = tick_cols,
                            .ncols = 3,
                            .initial_query = q,
                            .ticked = id,
                            .nticked = *id ? 1 : 0};
    struct branch b;
    if (!branch_pick_run(app, &p, &b))
        return false;
    *id = b.id;
    snprintf(name, namesz, "%s", b.name);
    return true;
}

bool ledger_pick_course(struct app *app, const char *query, struct course *out)
{
    static const struct table_col cols[] = {
        {"课程", 0, 'l'}, {"内容类别", 12, 'l'}, {"教师", 8, 'l'}, {"学时", 4, 'r'}};
    static const enum course_pick_field fields[] = {COURSE_PICK_TITLE, COURSE_PICK_CATEGORY, COURSE_PICK_TEACHER,
                                                    COURSE_PICK_HOURS};
    struct course_pick p = {
        .title = "从培训菜单选课",
        .hint = "输入课程、模块或教师，可用拼音首字母；选中后填入标题、类别、形式、教师、场地、学时",
        .cols = cols,
        .fields = fields,
        .ncols = 4,
        .initial_query = query,
    };
    return course_pick_run(app, &p, out);
}

bool ledger_pick_teacher(struct app *app, int year, const char *query, int64_t *id, char *name, size_t namesz)
{
    static const struct table_col cols[] = {
        {"姓名", 12, 'l'}, {"工作单位", 0, 'l'}, {"类型", 8, 'l'}, {"专兼职", 6, 'l'}};
    static const enum teacher_pick_field fields[] = {TEACHER_PICK_NAME, TEACHER_PICK_ORG, TEACHER_PICK_TYPE,
                                                     TEACHER_PICK_EMPLOYMENT};
    struct teacher_pick p = {
        .title = "选择教师（师资库）",
        .hint = "输入姓名、单位或专题，可用拼音首字母；库里没有就选“＋ 新增教师”",
        .cols = cols,
        .fields = fields,
        .ncols = 4,
        .initial_query = query,
        .year = year,
        .offer_new = true,
    };
    struct teacher t;
    if (!teacher_pick_run(app, &p, &t))
        return false;
    *id = t.id;
    snprintf(name, namesz, "%s", t.name);
    return true;
}

bool ledger_pick_venue(struct app *app, const char *query, int64_t *id, char *name, size_t namesz)
{
    static const struct table_col cols[] = {{"场地", 0, 'l'}, {"类型", 8, 'l'}, {"地址", 24, 'l'}};
    static const enum venue_pick_field fields[] = {VENUE_PICK_NAME, VENUE_PICK_KIND, VENUE_PICK_ADDRESS};
    struct venue_pick p = {
        .title = "选择场地",
        .hint = "输入名称、主题或地址，可用拼音首字母；没有就选“＋ 新增场地”",
        .cols = cols,
        .fields = fields,
        .ncols = 3,
        .initial_query = query,
        .offer_new = true,
    };
    struct venue v;
    if (!venue_pick_run(app, &p, &v))
        return false;
    *id = v.id;
    snprintf(name, namesz, "%s", v.name);
    return true;
}

bool ledger_pick_target(struct app *app, const char *query, const int64_t *chosen, int nchosen, struct branch *out)
{
    char title[128];
    snprintf(title, sizeof title, "参训党组织（已选 %d 个）", nchosen);
    struct branch_pick p = {.title = title,
                            .hint = "可以连选几个；输入名称或拼音首字母查找",
                            .cols = tick_cols,
                            .ncols = 3,
                            .initial_query = query,
                            .ticked = chosen,
                            .nticked = nchosen,
                            .ticking = true};
    return branch_pick_run(app, &p, out);
}
