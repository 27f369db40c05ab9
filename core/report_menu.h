/* report_menu.h — the course menu (培训菜单) as a report model, the list a branch orders from,
 * so the menu prints as text, CSV, XLSX and PDF through the same renderers as every other report. */
#ifndef FX_REPORT_MENU_H
#define FX_REPORT_MENU_H

#include <sqlite3.h>

#include "config.h"
#include "error.h"
#include "report.h"

/* One row per offered (not retired) course of category ("" or NULL: every
 * category), in the order of the 菜单 screen: category in vocab order, then
 * module, title: 内容类别, 模块, 课程名称, 形式, 教师, 场地/教学点, 学时, 精品.
 * The 合计 row counts the courses and the 精品 ones;
 * footnotes say how to order (点单) and that retired courses are left out.
 * As text it is at most 80 columns wide (long names cut with "…").
 * Like every model it owns no heap memory and reads its rows from db when
 * rendered, so db must stay open. cfg may be NULL (defaults). A category that
 * is not a content category of this ledger is FX_EINPUT. */
int report_menu(sqlite3 *db, const struct fx_config *cfg, const char *category, struct report *rep,
                struct fx_error *err);

#endif
