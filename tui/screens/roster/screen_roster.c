/* screen_roster.c — 名册: the members with this year's hours against their minimum, the members behind, branches,
 * member forms, deactivation, and the way into a member's record and the import (roster_record.c, roster_import.c). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "pickers/branch_pick.h"
#include "branch.h"
#include "dialog.h"
#include "date.h"
#include "form.h"
#include "ledger.h"
#include "lineedit.h"
#include "member.h"
#include "points.h"
#include "record.h"
#include "roster_views.h"
#include "screen.h"
#include "table.h"
#include "text.h"
#include "vocab.h"

/* A row of the member list: the member and the year's figures from member_year. */
struct list_row {
    struct member m;
    double hours, minimum, shortfall;
};

static struct {
    bool ready;
    struct table members, behind, ranking;
    bool show_behind; /* the 未达标 list instead of the whole roster */
    bool show_points; /* the 积分排名 instead of the whole roster */
    struct points_rules rules; /* read on entering the screen */
    bool rules_ok;
    int64_t nranked;
    int year;
    int64_t branch_id; /* filter, 0 = all */
    char branch[201];
    struct lineedit query;
    bool searching; /* keys go to the query line */
    int64_t nmembers, nbehind;
    struct app *app; /* for the table callbacks */
    struct fx_error err;
    struct member page[TABLE_ANCHOR];
} ros;

static const struct keymap *roster_keys_now(struct app *app);

/* ---- the two lists ------------------------------------------------------- */

static int members_fetch(void *vctx, const void *after, void *rows, int max)
{
    (void)vctx;
    const struct list_row *a = after;
    struct list_row *out = rows;
    if (max > TABLE_ANCHOR)
        max = TABLE_ANCHOR;
    int n = member_page(ros.app->db, ros.branch_id, lineedit_text(&ros.query), a ? a->m.name : "", a ? a->m.id : 0,
                        ros.page, max, &ros.err);
    int64_t ids[TABLE_ANCHOR];
    double hours[TABLE_ANCHOR], need[TABLE_ANCHOR];
    for (int i = 0; i < n; i++)
        ids[i] = ros.page[i].id;
    /* The page's hours and targets by two statements, not two per row (issue 22). */
    if (n > 0 && record_year_figures(ros.app->db, ros.app->cfg, ros.year, ids, n, hours, need, &ros.err))
        return -1;
    for (int i = 0; i < n; i++) {
        out[i].m = ros.page[i];
        out[i].hours = hours[i];
        out[i].minimum = need[i];
        out[i].shortfall = record_shortfall(out[i].hours, out[i].minimum);
    }
    return n;
}

static void members_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct list_row *r = row;
    char h[32], need[32];
    switch (col) {
    case 0: snprintf(out, outsz, "%s", r->m.name); break;
    case 1: snprintf(out, outsz, "%s", r->m.branch); break;
    case 2: snprintf(out, outsz, "%s", r->m.role); break;
    case 3: snprintf(out, outsz, "%s", r->m.phone); break;
    case 4:
        ledger_format_hours_sum(h, sizeof h, r->hours);
        ledger_format_hours_sum(need, sizeof need, r->minimum);
        snprintf(out, outsz, "%s/%s", h, need);
        break;
    default:
        if (r->shortfall > 0) {
            ledger_format_hours_sum(h, sizeof h, r->shortfall);
            snprintf(out, outsz, "差%s", h);
        } else {
            snprintf(out, outsz, "达标");
        }
        break;
    }
}

static int behind_fetch(void *vctx, const void *after, void *rows, int max)
{
    (void)vctx;
    return record_behind_page(ros.app->db, ros.app->cfg, ros.year, ros.branch_id, after, rows, max, &ros.err);
}

static void behind_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct record_behind *r = row;
    switch (col) {
    case 0: snprintf(out, outsz, "%s", r->name); break;
    case 1: snprintf(out, outsz, "%s", r->branch); break;
    case 2: snprintf(out, outsz, "%s", r->role); break;
    case 3: ledger_format_hours_sum(out, outsz, r->hours); break;
    case 4: ledger_format_hours_sum(out, outsz, r->minimum); break;
    default: {
        char h[32];
        ledger_format_hours_sum(h, sizeof h, r->shortfall);
        snprintf(out, outsz, "差 %s", h);
        break;
    }
    }
}

/* The 积分排名 (core/points.c), paged by place: the next page starts after the last row's. */
static int ranking_fetch(void *vctx, const void *after, void *rows, int max)
{
    (void)vctx;
    if (!ros.rules_ok)
        return -1;
    const struct points_row *a = after;
    return points_page(ros.app->db, &ros.rules, ros.app->cfg && ros.app->cfg->count_candidates, ros.year,
                       ros.branch_id, a ? a->seq : 0, rows, max, &ros.err);
}

static void ranking_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct points_row *r = row;
    switch (col) {
    case 0: text_format(out, outsz, "%lld", (long long)r->town_rank); break;
    case 1: text_format(out, outsz, "%lld", (long long)r->branch_rank); break;
    case 2: text_copy(out, outsz, r->shown); break;
    case 3: text_copy(out, outsz, r->branch); break;
    case 4: ledger_format_hours_sum(out, outsz, r->hours); break;
    case 5: text_format(out, outsz, "%lld", (long long)r->full_months); break;
    case 6: text_format(out, outsz, "%lld", (long long)r->absences); break;
    default: text_format(out, outsz, "%g", r->points); break;
    }
}

static const struct table_col ranking_cols[] = {
    {"名次", 5, 'r'}, {"支部名次", 8, 'r'}, {"姓名", 18, 'l'}, {"党组织", 0, 'l'},
    {"学时", 6, 'r'}, {"全勤月", 6, 'r'}, {"缺席", 4, 'r'}, {"积分", 7, 'r'},
};

static const struct table_col member_cols[] = {
    {"姓名", 10, 'l'}, {"党组织", 0, 'l'}, {"身份", 10, 'l'}, {"电话", 12, 'l'}, {"本年学时", 9, 'r'}, {"", 8, 'l'},
};
static const struct table_col behind_cols[] = {
    {"姓名", 10, 'l'}, {"党组织", 0, 'l'}, {"身份", 10, 'l'}, {"已得学时", 8, 'r'}, {"应达", 5, 'r'}, {"还差", 10, 'r'},
};

static bool roster_init(struct app *app)
{
    if (ros.ready)
        return true;
    ros.app = app;
    ros.year = app->period.year;
    struct table_source ms = {.row_size = sizeof(struct list_row), .fetch = members_fetch, .cell = members_cell};
    struct table_source bs = {.row_size = sizeof(struct record_behind), .fetch = behind_fetch, .cell = behind_cell};
    struct table_source rs = {.row_size = sizeof(struct points_row), .fetch = ranking_fetch, .cell = ranking_cell};
    if (table_init(&ros.members, member_cols, 6, &ms))
        return false;
    if (table_init(&ros.behind, behind_cols, 6, &bs)) {
        table_free(&ros.members);
        return false;
    }
    if (table_init(&ros.ranking, ranking_cols, 8, &rs) || lineedit_init(&ros.query, 64, "")) {
        table_free(&ros.members);
        table_free(&ros.behind);
        return false;
    }
    ros.ready = true;
    return true;
}

static struct table *cur_table(void)
{
    return ros.show_points ? &ros.ranking : ros.show_behind ? &ros.behind : &ros.members;
}

/* The ranking's rules and size, read again on entering and when the year or the branch changes. */
static void ranking_load(struct app *app)
{
    ros.rules_ok = !points_rules_load(NULL, app->cfg, &ros.rules, &ros.err);
    ros.nranked = 0;
    if (ros.rules_ok && points_count(app->db, &ros.rules, app->cfg && app->cfg->count_candidates, ros.year,
                                     ros.branch_id, &ros.nranked, &ros.err))
        ros.nranked = -1;
}

static int roster_enter(struct app *app)
{
    if (!roster_init(app))
        return SCR_REDRAW;
    ros.app = app;
    fx_clear(&ros.err);
    /* Only the list on show is counted and read (issue 22): the 未达标 list sums every member's year, so it waits
     * for its key; a table refreshed here reads its rows when drawn. */
    if (ros.show_behind) {
        if (record_behind_count(app->db, app->cfg, ros.year, ros.branch_id, &ros.nbehind, &ros.err))
            ros.nbehind = -1;
        table_refresh(&ros.behind);
    } else if (!ros.show_points) {
        ros.nmembers = member_count(app->db, ros.branch_id);
        table_refresh(&ros.members);
    }
    if (ros.show_points) {
        ranking_load(app);
        table_refresh(&ros.ranking);
    }
    return SCR_REDRAW;
}

/* ---- drawing ------------------------------------------------------------- */

static void roster_draw(struct app *app, struct rect b)
{
    if (!ros.ready) {
        draw_text(b.y + 1, b.x + 2, b.w - 4, "内存不足，名册无法显示", ROLE_ERROR);
        return;
    }
    char line[512];
    int x = b.x + 1, w = b.w - 2, y = b.y;
    if (ros.show_points)
        text_format(line, sizeof line, "%d年积分排名：%lld 人（%s）  学时×%g 全勤月×%g 缺席×%g +手工",
                    ros.year, (long long)ros.nranked, ros.branch_id ? ros.branch : "全部党组织", ros.rules.per_hour,
                    ros.rules.full_month, ros.rules.absence);
    else if (ros.show_behind)
        snprintf(line, sizeof line, "%d年学时未达标：%lld 人（%s）", ros.year, (long long)ros.nbehind,
                 ros.branch_id ? ros.branch : "全部党组织");
    else
        snprintf(line, sizeof line, "%d年 · %s · %lld 人", ros.year, ros.branch_id ? ros.branch : "全部党组织",
                 (long long)ros.nmembers);
    int used = draw_text(y, x, w, line, ROLE_HEADER);
    if (!ros.show_behind && !ros.show_points) {
        used += draw_text(y, x + used, w - used, "  查找：", ROLE_NORMAL);
        int qw = w - used;
        if (qw > 20)
            qw = 20;
        if (ros.searching || lineedit_text(&ros.query)[0])
            lineedit_draw(&ros.query, y, x + used, qw, ros.searching ? ROLE_FIELD_CUR : ROLE_FIELD, ros.searching);
        else
            draw_text(y, x + used, qw, "（按 / 输入）", ROLE_DIM);
    }
    y++;
    char keys[400], hint[512];
    keys_hint(roster_keys_now(app), 0, keys, sizeof keys);
    snprintf(hint, sizeof hint, "%s%s%s", ros.searching ? "输入姓名或拼音首字母（zs 找到张三）  " : "", keys,
             ros.show_points  ? "  积分相同名次相同；规则见 points.ini"
             : ros.show_behind ? "  按还差学时从多到少"
                               : "");
    draw_text(y, x, w, hint, ROLE_DIM);
    y++;
    struct rect tr = {y, x, b.y + b.h - y, w};
    table_draw(cur_table(), tr);
    if (cur_table()->failed && ros.err.msg[0])
        draw_text(tr.y + 2, tr.x, tr.w, ros.err.msg, ROLE_ERROR);
}

/* ---- branches: picker, filter, form -------------------------------------- */

/* A branch chosen from the shared picker: true and *out filled; out->id 0 means the extra row. */
static bool pick_branch(struct app *app, const char *title, const char *extra, const char *initial, struct branch *out)
{
    static const struct branch_pick_col cols[] = {
        {BRANCH_PICK_NAME, 0}, {BRANCH_PICK_KIND, 8}, {BRANCH_PICK_SECRETARY, 10}, {BRANCH_PICK_MEMBERS, 7}};
    struct branch_pick p = {
        .title = title,
        .hint = "输入名称或拼音首字母，如 dfc 找到东风村党支部",
        .cols = cols,
        .ncols = 4,
        .initial_query = initial,
        .extra = extra,
    };
    return branch_pick_run(app, &p, out);
}

static int choose_filter(struct app *app)
{
    struct branch b;
    if (pick_branch(app, "按党组织筛选", "（全部党组织）", NULL, &b)) {
        ros.branch_id = b.id;
        snprintf(ros.branch, sizeof ros.branch, "%s", b.id ? b.name : "");
        table_reset(&ros.members);
        table_reset(&ros.behind);
        table_reset(&ros.ranking);
    }
    return SCR_HANDLED | SCR_RELOAD;
}

static int branch_form_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct branch *b = vctx;
    text_copy(b->name, sizeof b->name, form_field(form, "name")->text);
    const struct form_field *k = form_field(form, "kind");
    snprintf(b->kind, sizeof b->kind, "%s", k->nchoices ? k->choices[k->choice] : "");
    text_copy(b->secretary, sizeof b->secretary, form_field(form, "secretary")->text);
    text_copy(b->phone, sizeof b->phone, form_field(form, "phone")->text);
    int rc = branch_save(ros.app->db, b, err);
    if (!rc)
        app_mark_saved(ros.app);
    return rc;
}

static int edit_branches(struct app *app)
{
    struct branch pick;
    if (!pick_branch(app, "党组织（Enter 修改）", "＋ 新建党组织", NULL, &pick))
        return SCR_HANDLED | SCR_REDRAW;
    struct vocab_list kinds;
    struct fx_error err;
    fx_clear(&err);
    if (vocab_get(app->db, "branch_kind", &kinds, &err))
        kinds.n = 0;
    const char *choices[VOCAB_MAX];
    for (int i = 0; i < kinds.n; i++)
        choices[i] = kinds.name[i];
    struct branch b;
    memset(&b, 0, sizeof b);
    struct form_field f[4];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "name", .label = "党组织名称", .type = FIELD_TEXT, .required = true, .max = FX_PLACE_CHARS};
    f[1] = (struct form_field){
        .id = "kind", .label = "类型", .type = FIELD_CHOICE, .choices = choices, .nchoices = kinds.n};
    f[2] = (struct form_field){.id = "secretary", .label = "书记", .type = FIELD_TEXT, .max = FX_PERSON_CHARS};
    f[3] = (struct form_field){.id = "phone", .label = "联系电话", .type = FIELD_TEXT, .max = FX_PHONE_CHARS};
    if (pick.id) {
        b.id = pick.id;
        snprintf(b.uuid, sizeof b.uuid, "%s", pick.uuid);
        snprintf(f[0].text, sizeof f[0].text, "%s", pick.name);
        for (int i = 0; i < kinds.n; i++)
            if (!strcmp(kinds.name[i], pick.kind))
                f[1].choice = i;
        snprintf(f[2].text, sizeof f[2].text, "%s", pick.secretary);
        snprintf(f[3].text, sizeof f[3].text, "%s", pick.phone);
    }
    struct form form = {
        .title = pick.id ? "修改党组织" : "新建党组织", .fields = f, .nfields = 4, .save = branch_form_save, .ctx = &b};
    if (form_run(app, &form)) {
        app_status(app, "党组织已保存：%s", b.name);
        if (b.id == ros.branch_id)
            snprintf(ros.branch, sizeof ros.branch, "%s", b.name);
        table_refresh(&ros.members);
    }
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- members: form, deactivate, record ----------------------------------- */

struct member_form_ctx {
    struct app *app;
    struct member m;
};

static const char *const genders[] = {"未填", "男", "女"};
static const char *const categories[] = {"正式党员", "预备党员", "入党积极分子", "发展对象"};
static const char *const posts[] = {"无", "书记", "班子成员"};
static const char *const yes_no[] = {"否", "是"};
static const char *const leave_reasons[] = {"转出", "停用", "去世"};

/* The branch field takes a name, or initials that open the picker (dfc → 东风村党支部). */
static int resolve_branch(struct member_form_ctx *c, struct form_field *f, struct fx_error *err)
{
    int64_t id = 0;
    struct fx_error e;
    fx_clear(&e);
    if (f->text[0] && branch_find(c->app->db, f->text, &id, &e) == 0) {
        c->m.branch_id = id;
        return 0;
    }
    struct branch b;
    if (!pick_branch(c->app, "选择所在党组织", NULL, f->text, &b) || !b.id)
        return fx_fail_field(err, FX_EINPUT, "branch", "请选择所在党组织（可输入名称或拼音首字母后按 Enter）");
    c->m.branch_id = b.id;
    snprintf(f->text, sizeof f->text, "%s", b.name);
    textbuf_set(&f->le.tb, b.name);
    return 0;
}

static int member_form_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct member_form_ctx *c = vctx;
    int rc = resolve_branch(c, form_field(form, "branch"), err);
    if (rc)
        return rc;
    text_copy(c->m.name, sizeof c->m.name, form_field(form, "name")->text);
    snprintf(c->m.category, sizeof c->m.category, "%s", categories[form_field(form, "category")->choice]);
    int post = form_field(form, "post")->choice;
    snprintf(c->m.post, sizeof c->m.post, "%s", post ? posts[post] : "");
    c->m.mobile = form_field(form, "mobile")->choice;
    text_copy(c->m.since, sizeof c->m.since, form_field(form, "since")->text);
    int g = form_field(form, "gender")->choice;
    snprintf(c->m.gender, sizeof c->m.gender, "%s", g ? genders[g] : "");
    text_copy(c->m.phone, sizeof c->m.phone, form_field(form, "phone")->text);
    text_copy(c->m.note, sizeof c->m.note, form_field(form, "note")->text);
    rc = member_save(c->app->db, &c->m, err);
    if (!rc)
        app_mark_saved(c->app);
    return rc;
}

static int edit_member(struct app *app, int64_t id)
{
    struct member_form_ctx c = {.app = app};
    struct fx_error err;
    fx_clear(&err);
    if (id && member_get(app->db, id, &c.m, &err)) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_RELOAD;
    }
    struct form_field f[9];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "name", .label = "姓名", .type = FIELD_TEXT, .required = true, .max = FX_PERSON_CHARS};
    f[1] = (struct form_field){.id = "branch", .label = "所在党组织", .type = FIELD_TEXT, .max = FX_PLACE_CHARS};
    f[2] = (struct form_field){
        .id = "category", .label = "类别", .type = FIELD_CHOICE, .choices = categories, .nchoices = 4};
    f[3] = (struct form_field){.id = "post", .label = "职务", .type = FIELD_CHOICE, .choices = posts, .nchoices = 3};
    f[4] = (struct form_field){.id = "mobile", .label = "流动党员", .type = FIELD_CHOICE, .choices = yes_no, .nchoices = 2};
    /* The day the current stretch on the register began: 入党 or 转入 for someone new, or the day of a change
     * of 类别 (转正); empty when it was before the ledger began. */
    f[5] = (struct form_field){.id = "since", .label = "入党/转入日期", .type = FIELD_DATE};
    f[6] =
        (struct form_field){.id = "gender", .label = "性别", .type = FIELD_CHOICE, .choices = genders, .nchoices = 3};
    f[7] = (struct form_field){.id = "phone", .label = "联系电话", .type = FIELD_TEXT, .max = FX_PHONE_CHARS};
    f[8] = (struct form_field){.id = "note", .label = "备注", .type = FIELD_TEXT, .max = FX_LINE_CHARS};
    if (id) {
        snprintf(f[0].text, sizeof f[0].text, "%s", c.m.name);
        snprintf(f[1].text, sizeof f[1].text, "%s", c.m.branch);
        for (int i = 0; i < 4; i++)
            if (!strcmp(categories[i], c.m.category))
                f[2].choice = i;
        f[3].choice = !strcmp(c.m.post, "书记") ? 1 : !strcmp(c.m.post, "班子成员") ? 2 : 0;
        f[4].choice = c.m.mobile ? 1 : 0;
        snprintf(f[5].text, sizeof f[5].text, "%s", c.m.since);
        f[6].choice = !strcmp(c.m.gender, "男") ? 1 : !strcmp(c.m.gender, "女") ? 2 : 0;
        snprintf(f[7].text, sizeof f[7].text, "%s", c.m.phone);
        snprintf(f[8].text, sizeof f[8].text, "%s", c.m.note);
    } else if (ros.branch_id) {
        snprintf(f[1].text, sizeof f[1].text, "%s", ros.branch);
    }
    struct form form = {
        .title = id ? "修改党员" : "新增党员", .fields = f, .nfields = 9, .save = member_form_save, .ctx = &c};
    if (form_run(app, &form)) {
        app_status(app, "已保存：%s", c.m.name);
        if (id)
            table_refresh(&ros.members);
        else
            table_reset(&ros.members);
        table_refresh(&ros.behind);
    }
    return SCR_HANDLED | SCR_RELOAD;
}

/* The member under the cursor of whichever list is shown, 0 when none. */
static int64_t current_member(void)
{
    if (ros.show_points) {
        const struct points_row *r = table_current(&ros.ranking);
        return r ? r->member_id : 0;
    }
    if (ros.show_behind) {
        const struct record_behind *r = table_current(&ros.behind);
        return r ? r->id : 0;
    }
    const struct list_row *r = table_current(&ros.members);
    return r ? r->m.id : 0;
}

struct leave_ctx {
    struct app *app;
    struct member m;
};

static int leave_form_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct leave_ctx *c = vctx;
    char day[11];
    if (date_normalize(form_field(form, "date")->text, day, err)) {
        text_copy(err->field, sizeof err->field, "date");
        return err->code;
    }
    if (!app_confirm_future(c->app, day, "离开名册的日期", "date", err))
        return err->code;
    int rc = member_leave(c->app->db, c->m.id, day,
                          leave_reasons[form_field(form, "reason")->choice], err);
    if (!rc)
        app_mark_saved(c->app);
    return rc;
}

/* 转出/停用: the day and the reason; the history is kept and earlier periods still count the member. */
static int deactivate_member(struct app *app, int64_t id)
{
    struct leave_ctx c = {.app = app};
    struct fx_error err;
    fx_clear(&err);
    if (member_get(app->db, id, &c.m, &err)) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_RELOAD;
    }
    struct form_field f[2];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "date", .label = "日期（此日起不在册）", .type = FIELD_DATE, .required = true};
    f[1] = (struct form_field){
        .id = "reason", .label = "原因", .type = FIELD_CHOICE, .choices = leave_reasons, .nchoices = 3};
    struct fx_date today;
    date_today(&today);
    date_format(&today, f[0].text);
    char title[160];
    text_format(title, sizeof title, "转出/停用：%s（%s）", c.m.name, c.m.branch);
    struct form form = {.title = title, .fields = f, .nfields = 2, .save = leave_form_save, .ctx = &c};
    if (form_run(app, &form)) {
        app_status(app, "已登记%s：%s（在册记录保留，此前各期仍计入）", leave_reasons[f[1].choice], c.m.name);
        table_refresh(&ros.members);
        table_refresh(&ros.behind);
    }
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- keys ---------------------------------------------------------------- */

enum {
    ROSTER_RECORD = ACT_LOCAL, /* Enter: the member's record */
    ROSTER_BEHIND,             /* the 未达标 list, or back */
    ROSTER_POINTS,             /* the 积分排名, or back */
    ROSTER_PREV_YEAR,
    ROSTER_NEXT_YEAR,
    ROSTER_FILTER,
    ROSTER_BRANCHES,
    ROSTER_IMPORT,
    ROSTER_CLEAR,      /* Esc: forget the query */
    ROSTER_SEARCH_DONE /* Enter on the query line */
};

static int roster_key(struct app *app, int action, int is_key, wint_t ch)
{
    if (!ros.ready)
        return SCR_UNHANDLED;
    /* The query line has the keys while searching: typing, its cursor, the list's; anything else ends it. */
    if (ros.searching) {
        switch (action) {
        case ACT_TEXT:
            if (lineedit_key(&ros.query, is_key, ch) == LE_CHANGED)
                table_reset(&ros.members);
            return SCR_HANDLED | SCR_REDRAW;
        case ACT_MOVE: table_key(&ros.members, is_key, ch); return SCR_HANDLED | SCR_REDRAW;
        case ROSTER_SEARCH_DONE: ros.searching = false; return SCR_HANDLED | SCR_REDRAW;
        default: ros.searching = false; break;
        }
    }
    switch (action) {
    case ACT_NEW: return edit_member(app, 0);
    case ACT_EDIT: {
        int64_t id = current_member();
        if (!id) {
            app_status(app, "名册是空的：按 n 新增党员，或按 i 导入");
            return SCR_HANDLED;
        }
        return edit_member(app, id);
    }
    case ACT_VOID: {
        int64_t id = current_member();
        return id ? deactivate_member(app, id) : SCR_HANDLED;
    }
    case ACT_FIND:
        if (ros.show_behind || ros.show_points) {
            ros.show_behind = ros.show_points = false;
            table_refresh(&ros.members);
        }
        ros.searching = true;
        return SCR_HANDLED | SCR_REDRAW;
    case ROSTER_RECORD: {
        int64_t id = current_member();
        if (id) {
            roster_record_run(app, id, &ros.year);
            return SCR_HANDLED | SCR_RELOAD;
        }
        return SCR_HANDLED;
    }
    case ROSTER_PREV_YEAR:
    case ROSTER_NEXT_YEAR:
        ros.year += action == ROSTER_PREV_YEAR ? -1 : 1;
        table_refresh(&ros.members);
        table_reset(&ros.behind);
        table_reset(&ros.ranking);
        return SCR_HANDLED | SCR_RELOAD;
    case ROSTER_BEHIND:
        ros.show_behind = !ros.show_behind;
        ros.show_points = false;
        return SCR_HANDLED | SCR_RELOAD;
    case ROSTER_POINTS:
        ros.show_points = !ros.show_points;
        ros.show_behind = false;
        return SCR_HANDLED | SCR_RELOAD;
    case ROSTER_FILTER: return choose_filter(app);
    case ROSTER_BRANCHES: return edit_branches(app);
    case ROSTER_IMPORT:
        if (roster_import_run(app)) {
            table_reset(&ros.members);
            table_reset(&ros.behind);
        }
        return SCR_HANDLED | SCR_RELOAD;
    case ROSTER_CLEAR:
        textbuf_set(&ros.query.tb, "");
        table_reset(&ros.members);
        return SCR_HANDLED | SCR_REDRAW;
    case ACT_MOVE: table_key(cur_table(), is_key, ch); return SCR_HANDLED | SCR_REDRAW;
    default: return SCR_UNHANDLED;
    }
}

static int roster_click(struct app *app, struct rect body, int y, int x)
{
    (void)x;
    if (!ros.ready)
        return SCR_HANDLED;
    struct rect tr = {body.y + 2, body.x + 1, body.h - 2, body.w - 2};
    struct table *t = cur_table();
    int before = t->cur;
    if (table_click(t, tr, y) && t->cur == before) {
        int64_t id = current_member();
        if (id) {
            roster_record_run(app, id, &ros.year);
            return SCR_HANDLED | SCR_RELOAD;
        }
    }
    return SCR_HANDLED | SCR_REDRAW;
}

/* The 名册 screen's keys: X(key, twin, action, hint, help). */
#define ROSTER_KEYS(X)                                                                                                 \
    X(FXK_F(2), 'n', ACT_NEW, "新增", "新增党员")                                                                      \
    X(FXK_F(4), 'e', ACT_EDIT, "编辑", "修改光标所在的党员")                                                           \
    X(FXK_F(7), '/', ACT_FIND, "查找", "查找党员：在上面的查找栏输入姓名或拼音首字母")                                 \
    X(FXK_F(8), 'd', ACT_VOID, "转出", "登记光标所在党员转出、停用或去世：问日期和原因（在册记录保留）")                             \
    X(FXK_ENTER, 0, ROSTER_RECORD, "档案", "光标所在党员的培训档案（本年培训与学时）")                                 \
    X('w', 'W', ROSTER_BEHIND, "未达标名单", "学时未达标的党员，按还差学时从多到少")                                   \
    X('p', 'P', ROSTER_POINTS, "积分排名", "本年党员积分排名（规则见 points.ini；积分相同名次相同）")                 \
    X('[', 0, ROSTER_PREV_YEAR, "换年份", "上一年")                                                                    \
    X(']', 0, ROSTER_NEXT_YEAR, "换年份", "下一年")                                                                    \
    X('f', 'F', ROSTER_FILTER, "选党组织", "只看一个党组织（或全部）")                                                 \
    X('b', 'B', ROSTER_BRANCHES, "党组织", "新建或修改党组织")                                                         \
    X('i', 'I', ROSTER_IMPORT, "导入", "从 CSV 导入党组织、党员等（先预览，再确认）")
FX_KEYMAP(static, roster_keys, "名册", ROSTER_KEYS, screen_keys_also);
static const struct keymap *const roster_also[] = {&roster_keys, NULL};

#define ROSTER_BEHIND_KEYS(X) X('w', 'W', ROSTER_BEHIND, "回到名册", "回到全部党员的名册")
FX_KEYMAP(static, roster_behind_keys, "名册：学时未达标", ROSTER_BEHIND_KEYS, roster_also);

#define ROSTER_POINTS_KEYS(X) X('p', 'P', ROSTER_POINTS, "回到名册", "回到全部党员的名册")
FX_KEYMAP(static, roster_points_keys, "名册：积分排名", ROSTER_POINTS_KEYS, roster_also);

#define ROSTER_QUERY_KEYS(X) X(FXK_ESC, 0, ROSTER_CLEAR, NULL, "清除查找的文字")
FX_KEYMAP(static, roster_query_keys, "名册（查找后）", ROSTER_QUERY_KEYS, roster_also);

/* While the query line has the keys: what is typed is the query; F-keys keep their meaning. */
#define ROSTER_SEARCH_KEYS(X)                                                                                          \
    X(FXK_ENTER, 0, ROSTER_SEARCH_DONE, "完成", "查找完成（找到的人留在名单里）")                                      \
    X(FXK_ESC, 0, ROSTER_CLEAR, "清除", "清除查找的文字，结束查找")                                                    \
    X(FXK_LIST, 0, ACT_MOVE, NULL, "在找到的人里移动光标")                                                             \
    X(FXK_EDITING, 0, ACT_TEXT, NULL, "改查找的字：← → 移动，退格 Delete 删除")                                        \
    X(FXK_TEXT, 0, ACT_TEXT, NULL, "输入姓名或拼音首字母（zs 找到张三）")
FX_KEYMAP(static, roster_search_keys, "名册：查找", ROSTER_SEARCH_KEYS, roster_also);
static const struct keymap *const roster_more_keys[] = {&roster_behind_keys, &roster_points_keys, &roster_query_keys,
                                                        &roster_search_keys, NULL};

static const struct keymap *roster_keys_now(struct app *app)
{
    (void)app;
    if (ros.searching)
        return &roster_search_keys;
    if (ros.show_points)
        return &roster_points_keys;
    if (ros.show_behind)
        return &roster_behind_keys;
    return lineedit_text(&ros.query)[0] ? &roster_query_keys : &roster_keys;
}

const struct screen_ops screen_roster_ops = {
    .name = "名册",
    .keys = &roster_keys,
    .keys_now = roster_keys_now,
    .more_keys = roster_more_keys,
    .enter = roster_enter,
    .draw = roster_draw,
    .key = roster_key,
    .click = roster_click,
};
