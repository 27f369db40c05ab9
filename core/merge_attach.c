/* merge_attach.c — a township's attachments into the county ledger, inside merge_ledger's transaction (merge.c):
 * the rows by uuid, the files by SHA-256 into the target's archive/. */
#include "merge.h"

#include <stdbool.h>

#include "archive.h"
#include "store.h"
#include "text.h"

/* Attachments (schema 10) come by uuid once the records they belong to are in: one whose record the target did not
 * take, or of a year closed in the target, is skipped and reported. Its file is copied from the input's archive/
 * into the target's by SHA-256: a file already there intact is not copied again (two townships' copies of one
 * photo are one file), and one gone or altered in the input is not copied and its row is not merged (reported; a
 * later merge of the mended input brings it). The 卷号 a township gave after an earlier merge follows. */
#define ATT_PLACED                                                                                                     \
    "CASE s.entity WHEN 'session' THEN EXISTS (SELECT 1 FROM main.session x WHERE x.uuid = s.entity_uuid) "           \
    "WHEN 'plan' THEN EXISTS (SELECT 1 FROM main.plan_item x WHERE x.uuid = s.entity_uuid) "                          \
    "WHEN 'funds' THEN EXISTS (SELECT 1 FROM main.funds_entry x WHERE x.uuid = s.entity_uuid) "                       \
    "ELSE EXISTS (SELECT 1 FROM main.mark x WHERE x.uuid = s.entity_uuid) END"
#define ATT_NAME                                                                                                       \
    "'《' || s.name || '》 ' || coalesce((SELECT y.date || ' ' || y.title FROM src.session y WHERE y.uuid = "        \
    "s.entity_uuid), (SELECT y.year || ' ' || y.title FROM src.plan_item y WHERE y.uuid = s.entity_uuid), "           \
    "(SELECT y.date || ' ' || y.category FROM src.funds_entry y WHERE y.uuid = s.entity_uuid), "                      \
    "(SELECT y.standard || ' ' || y.item || ' ' || y.period FROM src.mark y WHERE y.uuid = s.entity_uuid), '')"
static const char att_new[] =
    "SELECT s.uuid, " ATT_NAME ", s.created_at, s.sha256, " ATT_PLACED ", "
    "EXISTS (SELECT 1 FROM main.closed_year c WHERE c.year = s.year), "
    "EXISTS (SELECT 1 FROM main.attachment d WHERE d.entity = s.entity AND d.entity_uuid = s.entity_uuid "
    "AND d.sha256 = s.sha256) FROM src.attachment s "
    "WHERE NOT EXISTS (SELECT 1 FROM main.attachment d WHERE d.uuid = s.uuid) ORDER BY s.id";
static const char att_insert[] =
    "INSERT INTO main.attachment (uuid, entity, entity_uuid, year, sha256, name, size, volume, recorder, created_at) "
    "SELECT uuid, entity, entity_uuid, year, sha256, name, size, volume, recorder, created_at FROM src.attachment "
    "WHERE uuid = ?1";
static const char att_touch[] = "INSERT OR IGNORE INTO temp.fx_merge_touched (uuid) VALUES (?1)";
static const char att_volume[] =
    "UPDATE main.attachment AS d SET volume = s.volume FROM src.attachment AS s WHERE d.uuid = s.uuid "
    "AND d.volume = '' AND s.volume <> '' AND NOT EXISTS (SELECT 1 FROM main.closed_year c WHERE c.year = d.year)";
/* Their audit records as the input wrote them (attach, numbering), then an insert record for any taken now that
 * the input had none for: verify asks every attachment for its insert record. */
static const char copy_att_audit[] =
    "INSERT INTO main.audit (at, who, action, entity, uuid, before, after) "
    "SELECT a.at, a.who, a.action, a.entity, a.uuid, a.before, a.after FROM src.audit a "
    "WHERE a.entity = 'attachment' AND EXISTS (SELECT 1 FROM main.attachment x WHERE x.uuid = a.uuid) "
    "AND NOT EXISTS (SELECT 1 FROM main.audit x WHERE x.entity = a.entity AND x.uuid = a.uuid "
    "AND x.action = a.action AND x.at = a.at AND x.who = a.who) ORDER BY a.id";
static const char add_att_audit[] =
    "INSERT INTO main.audit (who, action, entity, uuid, after) "
    "SELECT ?1, 'insert', 'attachment', d.uuid, json_object('merged_from', ?2, 'id', d.id, 'name', d.name, "
    "'sha256', d.sha256, 'size', d.size) FROM temp.fx_merge_touched t JOIN main.attachment d ON d.uuid = t.uuid "
    "WHERE NOT EXISTS (SELECT 1 FROM main.audit x WHERE x.entity = 'attachment' AND x.uuid = d.uuid "
    "AND x.action = 'insert') ORDER BY d.id";

int merge_attachments(sqlite3 *db, const char *src_path, const char *src_uuid, struct merge_result *res,
                             merge_report_fn report, void *ctx, struct fx_error *err)
{
    struct merge_counts *n = &res->n[MERGE_ATTACHMENT];
    int64_t total = 0;
    int rc = store_get_int(db, "SELECT count(*) FROM src.attachment", STORE_NO_ARGS, &total, err);
    if (rc)
        return rc;
    char from[4200], to[4200];
    const char *target = sqlite3_db_filename(db, "main");
    archive_dir(src_path, from, sizeof from);
    archive_dir(target ? target : "", to, sizeof to);
    sqlite3_stmt *st;
    if ((rc = store_prepare(db, att_new, &st, err)) != 0)
        return rc;
    int s = SQLITE_DONE;
    while (!rc && (s = sqlite3_step(st)) == SQLITE_ROW) {
        const char *uuid = (const char *)sqlite3_column_text(st, 0), *name = (const char *)sqlite3_column_text(st, 1),
                   *at = (const char *)sqlite3_column_text(st, 2), *sha = (const char *)sqlite3_column_text(st, 3);
        if (sqlite3_column_int(st, 6))
            continue; /* the same file on the same record, attached in both: one row is enough (unchanged) */
        const char *why = NULL;
        char whybuf[sizeof err->msg + 64];
        if (!sqlite3_column_int(st, 4)) {
            why = "所属的记录没有并入汇总账本：未合并";
            res->refused++;
        } else if (sqlite3_column_int(st, 5)) {
            why = "该年度在汇总账本中已交账（只读）：未合并";
            n->closed++;
        } else {
            bool copied = false;
            struct fx_error e;
            fx_clear(&e);
            int t = archive_take(from, to, sha, &copied, &e);
            if (t == FX_EINPUT) {
                text_format(whybuf, sizeof whybuf, "输入账本归档文件夹里的%s：未复制，未合并", e.msg);
                why = whybuf;
                res->refused++;
            } else if (t) {
                *err = e;
                rc = t;
                break;
            } else {
                res->files += copied;
                if ((rc = store_run(db, att_insert, STORE_ARGS(STORE_TEXT(uuid)), err)) == 0 &&
                    (rc = store_run(db, att_touch, STORE_ARGS(STORE_TEXT(uuid)), err)) == 0)
                    n->added++;
            }
        }
        if (why && report)
            report(ctx, MERGE_ATTACHMENT, uuid, name, "", at, why);
    }
    sqlite3_finalize(st);
    if (!rc && s != SQLITE_DONE)
        return store_fail(db, s, err, "合并附件");
    if (rc)
        return rc;
    if ((rc = store_run(db, att_volume, STORE_NO_ARGS, err)) != 0)
        return rc;
    n->updated = sqlite3_changes64(db);
    if ((rc = store_run(db, copy_att_audit, STORE_NO_ARGS, err)) != 0)
        return rc;
    if ((rc = store_run(db, add_att_audit, STORE_ARGS(STORE_TEXT(store_actor()), STORE_TEXT(src_uuid)), err)) != 0)
        return rc;
    n->unchanged = total - n->added - n->closed - res->refused;
    return 0;
}
