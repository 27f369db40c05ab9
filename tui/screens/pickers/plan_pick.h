/* plan_pick.h — the plan-item picker: the year's live plan items (年度培训计划) with their state as plan_progress
 * counts it, found by title, month, kind or category (pinyin initials too); used by the session form. */
#ifndef FX_PLAN_PICK_H
#define FX_PLAN_PICK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct app;

/* Run the picker over year's plan; initial_query may be NULL. true with the chosen item's id in *id and
 * "3月 新年第一课" in label (labelsz bytes); false on Esc (or no plan: a message says so), nothing changed. */
bool plan_pick_run(struct app *app, int year, const char *initial_query, int64_t *id, char *label, size_t labelsz);

/* "3月 新年第一课" for an item, as the picker and the session form show it. */
void plan_pick_label(int month_first, int month_last, const char *title, char *out, size_t outsz);

#endif
