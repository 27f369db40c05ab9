/* screen_home.c — 总览: this month's figures, members behind on hours, the checklist progress, settings.
 * Every number comes from core/stats.c, the same functions the reports use, so screen and paper agree. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "dialog.h"
#include "form.h"
#include "pickers/member_pick.h"
#include "cli.h"
#include "member.h"
#include "paths.h"
#include "plan.h"
#include "screen.h"
#include "date.h"
#include "standard.h"
#include "stats.h"
#include "store.h"
#include "unit.h"
#include "text.h"

/* What the figures depend on: the ledger's contents (PRAGMA data_version moves when another connection commits,
 * sqlite3_total_changes64 when this one writes), the period shown, the configuration read and today. */
struct home_key {
    int64_t data_version, changes;
    struct fx_period period;
    const struct fx_config *cfg;
    struct fx_date today;
};

static void home_key_now(struct app *app, struct home_key *k)
{
    memset(k, 0, sizeof *k);
    struct fx_error err;
    fx_clear(&err);
    if (store_get_int(app->db, "PRAGMA data_version", STORE_NO_ARGS, &k->data_version, &err))
        k->data_version = -1;
    k->changes = sqlite3_total_changes64(app->db);
    k->period = app->period;
    k->cfg = app->cfg;
    date_today(&k->today);
}

static struct {
    struct period_stats st;
    int64_t behind;
    bool loaded;
    bool pending; /* figures still to read (home_idle) */
    struct fx_error err;
    char checklist[256]; /* “八个一” progress, or why it is not known */
    bool checklist_ok;
    int unit_row; /* screen row of the 单位名称 line as last drawn, for clicks */
    char plan[256];    /* the year's plan: opened or not, plan against actual (core/plan.c) */
    char overdue[256]; /* its overdue items, drawn in red; "" none */
    struct home_key read_at; /* the ledger, period and day the figures were read for */
} home;

/* The year's plan against the ledger as of today, from plan_progress as `fenxiao plan list` counts it. */
static void load_plan(struct app *app)
{
    struct fx_error err;
    fx_clear(&err);
    int year = app->period.year;
    bool opened = false;
    struct plan_progress p;
    home.overdue[0] = '\0';
    if (plan_year_opened(app->db, year, &opened, NULL, NULL, &err) || plan_progress(app->db, year, NULL, &p, &err)) {
        text_copy(home.plan, sizeof home.plan, err.msg);
        return;
    }
    const struct plan_tally *t = &p.month[0];
    if (!t->planned) {
        text_format(home.plan, sizeof home.plan, "%d年%s，尚无年度计划", year, opened ? "已建账" : "未建账");
    } else {
        text_format(home.plan, sizeof home.plan, "%d年%s，计划 %d 项，已完成 %d，未到期 %d", year,
                    opened ? "已建账" : "未建账", t->planned, t->done, t->pending);
        if (t->overdue) {
            text_format(home.overdue, sizeof home.overdue, "，逾期 %d：", t->overdue);
            const char *sep = "";
            for (int i = 0; i < p.nrows; i++) {
                if (p.rows[i].state != PLAN_OVERDUE)
                    continue;
                size_t used = strlen(home.overdue);
                if (!text_format(home.overdue + used, sizeof home.overdue - used, "%s%s", sep, p.rows[i].item.title))
                    break; /* cut on a character; the line is cut to the screen anyway */
                sep = "、";
            }
        }
    }
    plan_progress_free(&p);
}

/* “八个一” for this year, evaluated by core/standard.c exactly as `fenxiao check` does:
 * the shipped standards, overridden by the county's own beside the config file. */
static void load_checklist(struct app *app)
{
    char shipped[4096], own[4096], cfgdir[4096];
    paths_join(shipped, sizeof shipped, paths_data_dir(), "standards");
    paths_dirname(cfgdir, sizeof cfgdir, app->cli->config_path);
    paths_join(own, sizeof own, cfgdir, "standards");
    const char *dirs[] = {shipped, own, NULL};
    struct std_list l;
    memset(&l, 0, sizeof l);
    struct fx_error err;
    fx_clear(&err);
    home.checklist_ok = false;
    if (standard_load_all(dirs, &l, &err)) {
        text_format(home.checklist, sizeof home.checklist, "读不到标准文件：%s", err.msg);
        return;
    }
    const struct standard *std = standard_find(&l, "bageyi");
    if (!std) {
        snprintf(home.checklist, sizeof home.checklist, "没有找到“八个一”标准文件（standards/10-bageyi.ini）");
        standard_list_free(&l);
        return;
    }
    struct fx_period year;
    period_make(std->period, app->period.year, std->period == PERIOD_MONTH ? app->period.index : 1, &year);
    if (std->period == PERIOD_YEAR)
        period_make(PERIOD_YEAR, app->period.year, 0, &year);
    struct std_result r;
    memset(&r, 0, sizeof r);
    char today[11];
    struct fx_date t;
    date_today(&t);
    date_format(&t, today);
    /* Only the count done is shown: no attachment names (one look-up per proof on a county ledger). */
    if (standard_evaluate_brief(app->db, std, &year, 0, today, &r, &err)) {
        text_copy(home.checklist, sizeof home.checklist, err.msg);
    } else {
        char label[32];
        period_label(&year, label, sizeof label);
        snprintf(home.checklist, sizeof home.checklist, "%d/%d 项已完成（%s，详见「清单」）", r.done, r.nitems, label);
        home.checklist_ok = true;
        standard_result_free(&r);
    }
    standard_list_free(&l);
}

/* The figures are read after the first frame is up (home_idle): on a merged
 * county ledger they take tens of milliseconds, and the screen should not. */
static int home_enter(struct app *app)
{
    /* Coming back with nothing changed (the ledger, the period, the day): the figures read last time still hold,
     * and the tab opens at once (issue 22: at county scale they take a few hundred milliseconds to read). */
    struct home_key now;
    home_key_now(app, &now);
    if (home.loaded && !home.pending && now.data_version >= 0 && !memcmp(&now, &home.read_at, sizeof now))
        return SCR_REDRAW;
    fx_clear(&home.err);
    home.loaded = false;
    home.pending = true;
    snprintf(home.checklist, sizeof home.checklist, "%s", "正在读取……");
    home.checklist_ok = false;
    text_copy(home.plan, sizeof home.plan, "正在读取……");
    home.overdue[0] = '\0';
    return SCR_REDRAW;
}

static int home_idle(struct app *app)
{
    if (!home.pending)
        return 0;
    home.pending = false;
    home_key_now(app, &home.read_at);
    if (stats_period(app->db, &app->period, &home.st, &home.err) == 0 &&
        stats_members_behind(app->db, app->cfg, app->period.year, &home.behind, &home.err) == 0)
        home.loaded = true;
    load_checklist(app);
    load_plan(app);
    return SCR_REDRAW;
}

/* One "label  value" pair of the figures grid. */
static void figure(int y, int x, const char *label, const char *value)
{
    int w = draw_text(y, x, 12, label, ROLE_NORMAL);
    draw_text(y, x + w + 1, 14, value, ROLE_FIGURE);
}

static void home_draw(struct app *app, struct rect b)
{
    char line[512], v[64];
    int x = b.x + 2, y = b.y + 1;
    char period[32];
    period_label(&app->period, period, sizeof period);
    snprintf(line, sizeof line, "本月概况（%s）", period);
    draw_text(y, x, b.w - 4, line, ROLE_HEADER);
    y += 2;
    if (!home.loaded) {
        draw_text(y, x, b.w - 4, home.err.msg[0] ? home.err.msg : "正在读取……", ROLE_ERROR);
        y += 2;
    } else {
        const struct period_stats *s = &home.st;
        snprintf(v, sizeof v, "%lld 期", (long long)s->sessions);
        figure(y, x, "期数", v);
        snprintf(v, sizeof v, "%lld 人次", (long long)s->person_times);
        figure(y, x + 26, "人次", v);
        snprintf(v, sizeof v, "%.1f", s->hours);
        figure(y, x + 52, "学时", v);
        y++;
        stats_percent_text(s->attendance_rate, v, sizeof v);
        figure(y, x, "参训率", v);
        snprintf(v, sizeof v, "%lld 人", (long long)s->people);
        figure(y, x + 26, "参训人数", v);
        snprintf(v, sizeof v, "%lld 人", (long long)s->members);
        figure(y, x + 52, "在册党员", v);
        y += 2;
        snprintf(line, sizeof line, "%d年学时未达标党员：", app->period.year);
        int w = draw_text(y, x, b.w - 4, line, ROLE_NORMAL);
        snprintf(v, sizeof v, "%lld 人", (long long)home.behind);
        w += draw_text(y, x + w, 12, v, ROLE_FIGURE);
        snprintf(line, sizeof line, "（党员每年 %.0f 学时，书记和班子成员 %.0f 学时）", app->cfg->min_member,
                 app->cfg->min_leader);
        draw_text(y, x + w + 1, b.w - 5 - w, line, ROLE_DIM);
        y += 2;
    }
    int w = draw_text(y, x, b.w - 4, "“八个一”进度：", ROLE_NORMAL);
    draw_text(y, x + w, b.w - 4 - w, home.checklist, home.checklist_ok ? ROLE_FIGURE : ROLE_DIM);
    y++;
    /* 建账 and plan against actual; the overdue items in red. */
    w = draw_text(y, x, b.w - 4, "年度计划：", ROLE_NORMAL);
    w += draw_text(y, x + w, b.w - 4 - w, home.plan, ROLE_FIGURE);
    if (home.overdue[0] && w < b.w - 4)
        draw_text(y, x + w, b.w - 4 - w, home.overdue, ROLE_ERROR);
    y += 2;
    draw_text(y, x, b.w - 4, "设置", ROLE_HEADER);
    y++;
    home.unit_row = y;
    w = draw_text(y, x + 2, b.w - 6, "单位名称：", ROLE_NORMAL);
    w += draw_text(y, x + 2 + w, b.w - 6 - w - 18, app->unit, ROLE_FIGURE);
    draw_text(y, x + 2 + w + 2, 16, "（F4 或 e 修改）", ROLE_DIM);
    y += 2;
    draw_text(y, x, b.w - 4, "查找党员：按 F7 或 /，可输入拼音首字母（如 zs 找到张三）", ROLE_DIM);
    y++;
    draw_text(y, x, b.w - 4, "录入培训请到「台账」（按 2），检查“八个一”请到「清单」（按 4）", ROLE_DIM);
}

/* The unit name form: the one form on the home screen, saved through core/unit.c. */
static int unit_save(void *ctx, struct form *form, struct fx_error *err)
{
    struct app *app = ctx;
    int rc = unit_set_name(app->db, form->fields[0].text, err);
    if (!rc)
        app_mark_saved(app);
    return rc;
}

static int edit_unit(struct app *app)
{
    struct form_field f[1];
    memset(f, 0, sizeof f);
    f[0].id = "name";
    f[0].label = "单位名称";
    f[0].type = FIELD_TEXT;
    f[0].required = true;
    f[0].max = FX_PLACE_CHARS;
    snprintf(f[0].text, sizeof f[0].text, "%s", app->unit);
    struct form form = {.title = "设置：单位名称", .fields = f, .nfields = 1, .save = unit_save, .ctx = app};
    if (form_run(app, &form)) {
        app_reload_unit(app);
        app_status(app, "单位名称已保存");
    }
    return SCR_HANDLED | SCR_REDRAW;
}

/* Member search: the member picker, then the one chosen in full. */
static int find_member(struct app *app)
{
    static const struct table_col cols[] = {
        {"姓名", 12, 'l'},
        {"党组织", 0, 'l'},
        {"身份", 12, 'l'},
        {"电话", 13, 'l'},
    };
    static const enum member_pick_field fields[] = {MEMBER_PICK_NAME, MEMBER_PICK_BRANCH, MEMBER_PICK_ROLE,
                                                    MEMBER_PICK_PHONE};
    struct member_pick p = {
        .title = "查找党员",
        .hint = "输入姓名或拼音首字母，如 zs 找到张三、wxm 找到王小明",
        .cols = cols,
        .fields = fields,
        .ncols = 4,
    };
    struct member m;
    if (member_pick_run(app, &p, &m)) {
        char msg[1024];
        snprintf(msg, sizeof msg, "姓名：%s\n党组织：%s\n身份：%s\n性别：%s\n电话：%s%s%s", m.name, m.branch, m.role,
                 m.gender[0] ? m.gender : "—", m.phone[0] ? m.phone : "—", m.note[0] ? "\n备注：" : "", m.note);
        dialog_message(app, "党员", msg);
    }
    return SCR_HANDLED | SCR_REDRAW;
}

static int home_key(struct app *app, int action, int is_key, wint_t ch)
{
    (void)is_key;
    (void)ch;
    switch (action) {
    case ACT_EDIT: return edit_unit(app);
    case ACT_FIND: return find_member(app);
    case ACT_REFRESH: app_status(app, "已刷新"); return SCR_HANDLED | SCR_RELOAD;
    default: return SCR_UNHANDLED;
    }
}

static int home_click(struct app *app, struct rect body, int y, int x)
{
    (void)body;
    (void)x;
    if (y == home.unit_row)
        return edit_unit(app);
    return SCR_HANDLED;
}

/* The 总览 screen's keys: X(key, twin, action, hint, help). */
#define HOME_KEYS(X)                                                                                                   \
    X(FXK_F(4), 'e', ACT_EDIT, "编辑", "修改单位名称")                                                                 \
    X(FXK_F(7), '/', ACT_FIND, "查找", "查找党员：姓名或拼音首字母（zs 找到张三）")                                    \
    X('r', 'R', ACT_REFRESH, NULL, "重新读取本页的数字")
FX_KEYMAP(static, home_keys, "总览", HOME_KEYS, screen_keys_frame_also);

const struct screen_ops screen_home_ops = {
    .name = "总览",
    .keys = &home_keys,
    .enter = home_enter,
    .idle = home_idle,
    .draw = home_draw,
    .key = home_key,
    .click = home_click,
};
