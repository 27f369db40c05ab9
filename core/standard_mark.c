/* standard_mark.c — the hand-made marks that prove manual items (and the contact directory):
 * finding the live mark of an item and period, making, refreshing and undoing one, with its audit row. */
#include <stdio.h>
#include <string.h>

#include "standard_internal.h"
#include "store.h"
#include "text.h"

static void bind_branch(sqlite3_stmt *st, int i, int64_t branch_id)
{
    if (branch_id)
        sqlite3_bind_int64(st, i, branch_id);
    else
        sqlite3_bind_null(st, i);
}

/* The live mark of an item, if any: its row id, date and note. unit_id 0 takes
 * a mark of any unit (a township's own ledger has only its own). */
int standard_find_mark(sqlite3 *db, const char *std_id, const char *item_id, const char *period, int64_t branch_id,
                       int64_t unit_id, int64_t *id, char *date, char *note, size_t notesz, struct fx_error *err)
{
    sqlite3_stmt *st;
    *id = 0;
    if (store_prepare(db,
                      "SELECT id, date, note FROM mark WHERE standard = ?1 AND item = ?2 AND period = ?3"
                      " AND branch_id IS ?4 AND (?5 = 0 OR unit_id = ?5) AND undone = 0 ORDER BY id DESC LIMIT 1",
                      &st, err))
        return err ? err->code : FX_EINTERNAL;
    sqlite3_bind_text(st, 1, std_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, item_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
    bind_branch(st, 4, branch_id);
    sqlite3_bind_int64(st, 5, unit_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        if (date)
            store_copy_column(date, 11, st, 1);
        if (note)
            store_copy_column(note, notesz, st, 2);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(db, rc, err, "读取手工标记");
    return 0;
}

int standard_mark(sqlite3 *db, const struct standard *std, const char *item_id, const struct fx_period *p,
                  int64_t branch_id, const char *note, bool undo, struct fx_error *err)
{
    const struct std_item *it = standard_item(std, item_id);
    if (!it)
        return fx_fail_field(err, FX_ENOTFOUND, "item", "“%s”中没有条目“%s”", std->name, item_id);
    if (!(it->evidence == STD_MANUAL || (it->evidence == STD_ROSTER && it->count == STD_COUNT_DIRECTORY)))
        return fx_fail_field(err, FX_EINPUT, "item", "“%s”由%s自动核验，不能手工标记", it->title,
                             standard_evidence_name(it->evidence));
    int rc = standard_check_period(std, p, err);
    if (rc)
        return rc;
    if (note && text_check_field(err, "note", "说明", note, FX_LINE_CHARS, 0))
        return FX_EINPUT;
    char period[16], today[11];
    period_format(p, period, sizeof period);
    struct fx_date t;
    date_today(&t);
    date_format(&t, today);
    if ((rc = store_begin(db, err)))
        return rc;
    int64_t id;
    /* Any unit's mark, as evaluation with unit 0 sees it: on a merged ledger
     * marking again refreshes the mark the county already counts. */
    rc = standard_find_mark(db, std->id, it->id, period, branch_id, 0, &id, NULL, NULL, 0, err);
    if (!rc && undo && !id)
        rc = fx_fail_field(err, FX_ENOTFOUND, "item", "“%s”在 %s 没有手工标记，无需撤销", it->title, period);
    char *before = NULL;
    char uuid[37] = "";
    sqlite3_stmt *st = NULL;
    if (!rc && id) {
        before = store_row_json(db, "SELECT * FROM mark WHERE id = ?", id);
        if (undo)
            rc = store_prepare(db,
                               "UPDATE mark SET undone = 1, note = coalesce(?2, note),"
                               " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                               &st, err);
        else
            rc = store_prepare(db,
                               "UPDATE mark SET date = ?3, note = coalesce(?2, note),"
                               " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                               &st, err);
        if (!rc) {
            sqlite3_bind_int64(st, 1, id);
            if (note)
                sqlite3_bind_text(st, 2, note, -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(st, 2);
            if (!undo)
                sqlite3_bind_text(st, 3, today, -1, SQLITE_STATIC);
        }
    } else if (!rc) {
        store_uuid(uuid);
        rc = store_prepare(db,
                           "INSERT INTO mark (uuid, unit_id, standard, item, period, branch_id, date, note)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           &st, err);
        if (!rc) {
            sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 2, store_unit_id(db));
            sqlite3_bind_text(st, 3, std->id, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, it->id, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 5, period, -1, SQLITE_STATIC);
            bind_branch(st, 6, branch_id);
            sqlite3_bind_text(st, 7, today, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 8, note ? note : "", -1, SQLITE_STATIC);
        }
    }
    if (!rc) {
        int s = sqlite3_step(st);
        if (s != SQLITE_DONE)
            rc = store_fail(db, s, err, undo ? "撤销标记" : "保存标记");
        else if (!id)
            id = sqlite3_last_insert_rowid(db);
    }
    sqlite3_finalize(st);
    if (!rc) {
        char *after = store_row_json(db, "SELECT * FROM mark WHERE id = ?", id);
        sqlite3_stmt *u;
        if (!uuid[0] && !store_prepare(db, "SELECT uuid FROM mark WHERE id = ?", &u, NULL)) {
            sqlite3_bind_int64(u, 1, id);
            if (sqlite3_step(u) == SQLITE_ROW)
                store_copy_column(uuid, sizeof uuid, u, 0);
            sqlite3_finalize(u);
        }
        rc = store_audit(db, undo ? "undo" : before ? "update" : "insert", "mark", uuid, before, after, err);
        sqlite3_free(after);
    }
    sqlite3_free(before);
    if (rc) {
        store_rollback(db);
        return rc;
    }
    return store_commit(db, err);
}
