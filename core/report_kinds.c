/* report_kinds.c — the table of report kinds: each one's name, period, options, builder and rows,
 * and report_build, which checks a request against its kind and builds it. */
#include <string.h>

#include "report.h"
#include "report_internal.h"
#include "report_menu.h"
#include "report_funds.h"
#include "report_more.h"
#include "report_points.h"
#include "report_problems.h"
#include "report_archive.h"
#include "report_sheet.h"
#include "report_plan.h"
#include "report_review.h"
#include "standard.h"

/* The builders in the table's shape: each takes from the request what its kind takes. */

static int build_summary(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                         struct fx_error *err)
{
    return report_summary(db, cfg, &req->period, rep, err);
}

static int build_hours(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                       struct fx_error *err)
{
    return report_hours(db, cfg, req->period.year, req->below, rep, err);
}

static int build_branches(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                          struct report *rep, struct fx_error *err)
{
    return report_branches(db, cfg, &req->period, rep, err);
}

static int build_categories(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                            struct report *rep, struct fx_error *err)
{
    return report_categories(db, cfg, &req->period, rep, err);
}

static int build_teachers(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                          struct report *rep, struct fx_error *err)
{
    return report_teachers(db, cfg, &req->period, rep, err);
}

static int build_orders(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                        struct fx_error *err)
{
    return report_orders(db, cfg, req->has_period ? &req->period : NULL, rep, err);
}

static int build_directory(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                           struct report *rep, struct fx_error *err)
{
    return report_directory(db, cfg, req->branch_id, rep, err);
}

static int build_checklist(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                           struct report *rep, struct fx_error *err)
{
    struct fx_period p = req->period;
    if (!req->has_period)
        standard_current_period(req->std, &p);
    return report_checklist(db, cfg, req->std, &p, rep, err);
}

static int build_county(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                        struct fx_error *err)
{
    return report_county(db, cfg, &req->period, rep, err);
}

static int build_menu(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req, struct report *rep,
                      struct fx_error *err)
{
    return report_menu(db, cfg, req->category ? req->category : "", rep, err);
}

static int build_meetings(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                          struct report *rep, struct fx_error *err)
{
    return report_meetings(db, cfg, &req->period, rep, err);
}

const struct report_kind report_kinds[REPORT_NKINDS] = {
    [REPORT_MONTH] = {"month", "月报", REPORT_PERIOD_FIXED, PERIOD_MONTH, 0, build_summary, report_month_rows},
    [REPORT_QUARTER] = {"quarter", "季报", REPORT_PERIOD_FIXED, PERIOD_QUARTER, 0, build_summary, report_periodic_rows},
    [REPORT_YEAR] = {"year", "年报", REPORT_PERIOD_FIXED, PERIOD_YEAR, 0, build_summary, report_periodic_rows},
    [REPORT_HOURS] = {"hours", "学时", REPORT_PERIOD_FIXED, PERIOD_YEAR, REPORT_OPT_BELOW, build_hours,
                      report_hours_rows},
    [REPORT_BRANCHES] = {"branches", "党组织", REPORT_PERIOD_ANY, 0, 0, build_branches, report_branch_rows},
    [REPORT_CATEGORIES] = {"categories", "类别", REPORT_PERIOD_ANY, 0, 0, build_categories, report_category_rows},
    [REPORT_TEACHERS] = {"teachers", "教师", REPORT_PERIOD_ANY, 0, 0, build_teachers, report_teacher_rows},
    [REPORT_ORDERS] = {"orders", "点单", REPORT_PERIOD_OPTIONAL, 0, 0, build_orders, report_order_rows},
    [REPORT_DIRECTORY] = {"directory", "通讯录", REPORT_PERIOD_NONE, 0, REPORT_OPT_BRANCH, build_directory,
                          report_directory_rows},
    [REPORT_CHECKLIST] = {"checklist", "清单", REPORT_PERIOD_STANDARD, 0, REPORT_OPT_STANDARD, build_checklist,
                          report_checklist_rows},
    [REPORT_COUNTY] = {"county", "县级汇总", REPORT_PERIOD_ANY, 0, 0, build_county, report_county_rows},
    [REPORT_MENU] = {"menu", "培训菜单", REPORT_PERIOD_NONE, 0, REPORT_OPT_CATEGORY, build_menu, report_menu_rows},
    [REPORT_MEETINGS] = {"meetings", "三会一课", REPORT_PERIOD_ANY, 0, 0, build_meetings, report_meeting_rows},
    [REPORT_FUNDS] = {"funds", "经费", REPORT_PERIOD_FIXED, PERIOD_YEAR, 0, report_funds_build, report_funds_rows},
    [REPORT_FUNDS_LEDGER] = {"funds-ledger", "收支明细账", REPORT_PERIOD_ANY, 0, 0, report_funds_ledger_build,
                             report_funds_ledger_rows},
    [REPORT_POINTS] = {"points", "积分", REPORT_PERIOD_FIXED, PERIOD_YEAR, REPORT_OPT_BRANCH, report_points_build,
                       report_points_rows},
    [REPORT_PROBLEMS] = {"problems", "问题清单", REPORT_PERIOD_FIXED, PERIOD_YEAR, 0, report_problems_build,
                         report_problems_rows},
    [REPORT_ARCHIVE] = {"archive", "归档目录", REPORT_PERIOD_FIXED, PERIOD_YEAR, 0, report_archive_build,
                        report_archive_rows},
    [REPORT_SHEET] = {"sheet", "量化考评表", REPORT_PERIOD_STANDARD, 0, REPORT_OPT_STANDARD | REPORT_OPT_UNIT,
                      report_sheet_build, report_sheet_rows},
    [REPORT_SHEET_COUNTY] = {"sheet-county", "各分校量化考评对比", REPORT_PERIOD_STANDARD, 0, REPORT_OPT_STANDARD,
                             report_sheet_county_build, report_sheet_county_rows},
    [REPORT_REVIEW] = {"review", "查账", REPORT_PERIOD_FIXED, PERIOD_YEAR, REPORT_OPT_AS_OF, report_review_build,
                       report_review_rows},
    [REPORT_PLAN] = {"plan", "计划执行", REPORT_PERIOD_FIXED, PERIOD_YEAR, 0, report_plan_build, report_plan_rows},
};

const struct report_kind *report_kind_find(const char *name)
{
    for (int i = 0; name && i < REPORT_NKINDS; i++)
        if (!strcmp(report_kinds[i].name, name))
            return &report_kinds[i];
    return NULL;
}

int report_build(sqlite3 *db, const struct fx_config *cfg, const struct report_kind *kind,
                 const struct report_request *req, struct report *rep, struct fx_error *err)
{
    const struct fx_period *p = &req->period;
    switch (kind->period_rule) {
    case REPORT_PERIOD_FIXED:
    case REPORT_PERIOD_ANY:
        if (!req->has_period)
            return fx_fail_field(err, FX_EINPUT, "period", "%s需要期间", kind->label);
        if (kind->period_rule == REPORT_PERIOD_FIXED && p->kind != kind->period_kind)
            return fx_fail_field(err, FX_EINPUT, "period", "%s的期间应为%s", kind->label,
                                 standard_period_name(kind->period_kind));
        break;
    default: break;
    }
    if ((kind->options & REPORT_OPT_STANDARD) && !req->std)
        return fx_fail(err, FX_ENOTFOUND, "没有找到任何标准文件（standards/*.ini）");
    return kind->build(db, cfg, req, rep, err);
}
