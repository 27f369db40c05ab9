/* sheet.c — the star-rating sheet's scores (量化考评表): checked against the standard file, recorded one per
 * standard + period + unit + item + role in one audited transaction, read back for the sheet. */
#include "sheet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "standard_internal.h"
#include "store.h"
#include "text.h"

#define SHEET_GET                                                                                                      \
    "SELECT id, uuid, unit_id, standard, period, item, role, score, note, evidence, recorder, created_at, "           \
    "updated_at FROM sheet_score WHERE id = ?1"

const char *sheet_role_key(int role)
{
    return role == SHEET_REVIEW ? "review" : "self";
}

const char *sheet_role_name(int role)
{
    return role == SHEET_REVIEW ? "考评" : "自评";
}


int sheet_score_set(sqlite3 *db, const struct standard *std, const char *item_id, const struct fx_period *p,
                    int64_t unit_id, int role, double score, const char *note, const char *evidence,
                    struct fx_error *err)
{
    const struct std_item *it = standard_item(std, item_id);
    if (!it)
        return fx_fail_field(err, FX_EINPUT, "item", "“%s”中没有条目“%s”", std->name, item_id);
    if (it->points <= 0)
        return fx_fail_field(err, FX_EINPUT, "item", "“%s”的条目“%s”没有分值，不能评分", std->name, it->title);
    if (!isfinite(score) || score < 0 || score > it->points)
        return fx_fail_field(err, FX_EINPUT, "score", "“%s”的得分应在 0 到 %g 之间，而不是 %g", it->title, it->points,
                             score);
    int rc = standard_check_period(std, p, err);
    if (rc)
        return rc;
    if ((note && text_check_field(err, "note", "说明", note, SHEET_NOTE_CHARS, 0)) ||
        (evidence && text_check_field(err, "evidence", "佐证", evidence, SHEET_NOTE_CHARS, 0)))
        return FX_EINPUT;
    char period[16];
    period_format(p, period, sizeof period);
    if ((rc = store_begin(db, err)) != 0)
        return rc;
    if (!unit_id)
        unit_id = store_unit_id(db);
    rc = entity_refuse_closed(db, p->year, role == SHEET_REVIEW ? "登记考评得分" : "登记自评得分", err);
    int64_t id = 0;
    if (!rc)
        rc = store_get_int(db,
                           "SELECT id FROM sheet_score WHERE standard = ?1 AND period = ?2 AND unit_id = ?3 "
                           "AND item = ?4 AND role = ?5",
                           STORE_ARGS(STORE_TEXT(std->id), STORE_TEXT(period), STORE_INT(unit_id), STORE_TEXT(it->id),
                                      STORE_TEXT(sheet_role_key(role))),
                           &id, err);
    char uuid[37] = "";
    char *before = NULL;
    if (!rc && id) {
        before = store_row_json(db, SHEET_GET, id);
        rc = store_get_text(db, "SELECT uuid FROM sheet_score WHERE id = ?1", STORE_ARGS(STORE_INT(id)), uuid,
                            sizeof uuid, err);
    }
    if (!rc) {
        sqlite3_stmt *st;
        rc = store_prepare(db,
                           id ? "UPDATE sheet_score SET score = ?7, note = ?8, evidence = ?9, recorder = ?10, "
                                "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1"
                              : "INSERT INTO sheet_score (uuid, unit_id, standard, period, item, role, score, note, "
                                "evidence, recorder) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                           &st, err);
        if (!rc) {
            if (id) {
                sqlite3_bind_int64(st, 1, id);
            } else {
                store_uuid(uuid);
                sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
                sqlite3_bind_int64(st, 2, unit_id);
                sqlite3_bind_text(st, 3, std->id, -1, SQLITE_STATIC);
                sqlite3_bind_text(st, 4, period, -1, SQLITE_STATIC);
                sqlite3_bind_text(st, 5, it->id, -1, SQLITE_STATIC);
                sqlite3_bind_text(st, 6, sheet_role_key(role), -1, SQLITE_STATIC);
            }
            sqlite3_bind_double(st, 7, score);
            sqlite3_bind_text(st, 8, note ? note : "", -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 9, evidence ? evidence : "", -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 10, store_actor(), -1, SQLITE_TRANSIENT);
            int s = sqlite3_step(st);
            sqlite3_finalize(st);
            if (s != SQLITE_DONE)
                rc = store_fail(db, s, err, "登记考评表得分");
            else if (!id)
                id = sqlite3_last_insert_rowid(db);
        }
    }
    if (!rc)
        rc = entity_audit(db, "sheet", NULL, SHEET_GET, id, uuid, before, err);
    sqlite3_free(before);
    return store_end(db, rc, err);
}

int sheet_scores_read(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t unit_id,
                      struct sheet_item_scores *out, struct fx_error *err)
{
    memset(out, 0, sizeof *out * (size_t)(std->nitems > 0 ? std->nitems : 0));
    if (!unit_id)
        unit_id = store_unit_id(db);
    char period[16];
    period_format(p, period, sizeof period);
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "SELECT item, role, score, note, evidence FROM sheet_score WHERE standard = ?1 "
                           "AND period = ?2 AND unit_id = ?3",
                           &st, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, std->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, unit_id);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        const char *item = (const char *)sqlite3_column_text(st, 0);
        const char *role = (const char *)sqlite3_column_text(st, 1);
        int r = role && !strcmp(role, "review") ? SHEET_REVIEW : SHEET_SELF;
        for (int i = 0; item && i < std->nitems; i++) {
            if (strcmp(std->items[i].id, item))
                continue;
            out[i].has[r] = true;
            out[i].score[r] = sqlite3_column_double(st, 2);
            store_copy_column(out[i].note[r], sizeof out[i].note[r], st, 3);
        }
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE)
        return store_fail(db, s, err, "读取考评表得分");
    return 0;
}

bool sheet_item_automatic(const struct std_item *it)
{
    return it->evidence == STD_LEDGER || it->evidence == STD_RATE || it->evidence == STD_FUNDS ||
           (it->evidence == STD_ROSTER && it->count != STD_COUNT_DIRECTORY);
}

bool sheet_far_apart(const struct sheet_item_scores *s, double gap)
{
    return s->has[SHEET_SELF] && s->has[SHEET_REVIEW] &&
           fabs(s->score[SHEET_SELF] - s->score[SHEET_REVIEW]) > gap + 1e-9;
}

void sheet_totals_of(const struct std_result *res, const struct sheet_item_scores *scores, double gap,
                     struct sheet_totals *t)
{
    memset(t, 0, sizeof *t);
    t->nitems = res->nitems;
    for (int i = 0; i < res->nitems; i++) {
        const struct sheet_item_scores *s = &scores[i];
        for (int role = 0; role < 2; role++)
            if (s->has[role]) {
                t->total[role] += s->score[role];
                t->scored[role]++;
            }
        if (sheet_item_automatic(res->items[i].item)) {
            t->auto_total += res->items[i].points;
            t->automatics++;
        }
        t->apart += sheet_far_apart(s, gap);
    }
}

int64_t sheet_eval_unit(sqlite3 *db, int64_t unit_id)
{
    int64_t is_local = 1;
    if (unit_id)
        store_get_int(db, "SELECT is_local FROM unit WHERE id = ?1", STORE_ARGS(STORE_INT(unit_id)), &is_local, NULL);
    return is_local ? 0 : unit_id;
}

int sheet_unit_totals(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t unit_id,
                      const char *today, double gap, struct sheet_totals *t, struct fx_error *err)
{
    memset(t, 0, sizeof *t);
    struct std_result res;
    int rc = standard_evaluate_unit_at(db, std, p, 0, sheet_eval_unit(db, unit_id), today, &res, err);
    if (rc)
        return rc;
    struct sheet_item_scores *scores = calloc((size_t)(std->nitems > 0 ? std->nitems : 1), sizeof *scores);
    if (!scores)
        rc = fx_fail(err, FX_EINTERNAL, "内存不足");
    else if (!(rc = sheet_scores_read(db, std, p, unit_id, scores, err)))
        sheet_totals_of(&res, scores, gap, t);
    free(scores);
    standard_result_free(&res);
    return rc;
}

int sheet_find_unit(sqlite3 *db, const char *name, int64_t *unit_id, struct fx_error *err)
{
    *unit_id = 0;
    int rc = store_get_int(db, "SELECT id FROM unit WHERE name = ?1 ORDER BY id LIMIT 1",
                           STORE_ARGS(STORE_TEXT(name)), unit_id, err);
    if (!rc && !*unit_id)
        return fx_fail_field(err, FX_ENOTFOUND, "unit", "账本中没有单位“%s”", name);
    return rc;
}
